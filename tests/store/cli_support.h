// Running kiosk-sync as an administrator does, for the CLI tests: a test fixture with the
// program's path, a temporary folder, and run() returning the exit code and both outputs.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <regex>
#include <string>
#include <vector>

#include "test_support.h"

namespace zwgk::test {

struct CliResult {
    int status = -1;   // exit code
    std::string out;   // stdout
    std::string err;   // stderr
};

inline std::string shellQuoted(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        program_ = (test::buildDir() / "bin" / "kiosk-sync").string();
        if (!test::fs::exists(program_)) GTEST_SKIP() << program_ << " is not built";
    }

    CliResult run(const std::vector<std::string>& args, const std::string& environment = "env -u ZWGK_ASSET_DIR") {
        std::string command = environment + " " + shellQuoted(program_);
        // Appended in two steps: GCC 12 -O2 warns (-Wrestrict, a false positive) on " " + s.
        for (const std::string& a : args) {
            command += ' ';
            command += shellQuoted(a);
        }
        const std::string out = dir_.file("stdout"), err = dir_.file("stderr");
        command += " >" + shellQuoted(out) + " 2>" + shellQuoted(err) + " </dev/null";
        const int raw = std::system(command.c_str());
        CliResult r;
        r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        r.out = test::readBytes(out);
        r.err = test::readBytes(err);
        return r;
    }

    // An assets directory whose content/ is the fixture, so CLI tests do not depend on the
    // demo content being finished.
    std::string fixtureAssets() {
        const test::fs::path assets = dir_.path() / "assets";
        if (!test::fs::exists(assets)) {
            test::fs::create_directory(assets);
            test::fs::copy(test::fixtureDir(), assets / "content", test::fs::copy_options::recursive);
        }
        return assets.string();
    }

    static std::string valueOf(const std::string& stats, const std::string& name) {
        std::smatch m;
        if (std::regex_search(stats, m, std::regex("(^|\n)" + name + "\t([^\n]*)"))) return m[2];
        return "";
    }

    static bool oneLine(const std::string& text) {
        return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
    }

    TempDir dir_;
    std::string program_;  // build/bin/kiosk-sync
};

}  // namespace zwgk::test
