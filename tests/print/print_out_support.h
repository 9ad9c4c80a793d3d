// Where the print tests keep their PDFs and PNGs for looking at, and how they read a PDF
// back: shared by the receipt and the A4 page tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>

#include "cups_test_support.h"
#include "receipt.h"
#include "utf8.h"

namespace zwgk::printtest {

// build/print-out/<Suite>.<Test>/, emptied at the start of the test.
inline std::filesystem::path outDir() {
    namespace fs = std::filesystem;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const char* build = std::getenv("ZWGK_BUILD_DIR");
    fs::path dir = fs::path(build && *build ? build : ZWGK_BUILD_DIR) / "print-out" /
                   (std::string(info->test_suite_name()) + "." + info->name());
    static std::string cleaned;
    if (cleaned != dir.string()) {
        fs::remove_all(dir);
        cleaned = dir.string();
    }
    fs::create_directories(dir);
    return dir;
}

// PDF written to outDir()/NAME.pdf.
inline std::filesystem::path writePdf(const RenderedPdf& pdf, const std::string& name) {
    std::filesystem::path path = outDir() / (name + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf.bytes;
    return path;
}

// White space as pdftotext may insert it, ideographic space included.
inline bool isSpace(char32_t cp) {
    return cp == U' ' || cp == U'\n' || cp == U'\r' || cp == U'\t' || cp == U'\f' || cp == U'\u3000';
}

inline std::string withoutSpace(const std::string& text) {
    std::string out;
    for (char32_t cp : utf8::decode(text))
        if (!isSpace(cp)) utf8::append(out, cp);
    return out;
}

// pdfinfo's "Page size: W x H pts" in millimetres.
inline std::pair<double, double> pageSizeMm(const std::filesystem::path& pdf) {
    const std::string info = cupstest::runChecked("pdfinfo " + cupstest::shellQuote(pdf.string()));
    std::smatch m;
    if (!std::regex_search(info, m, std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)")))
        throw std::runtime_error("no page size in pdfinfo output:\n" + info);
    return {std::stod(m[1]) * 25.4 / 72, std::stod(m[2]) * 25.4 / 72};
}

}  // namespace zwgk::printtest
