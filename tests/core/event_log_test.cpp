// The structured log (event_log.h): the scrubber, JSON lines on disk, rotation, and what
// happens when the log directory is read-only or its filesystem is full (a real tmpfs
// mounted for the test; without mount permission, a fault injection with the same errors).
#include "event_log.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/mount.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace zwgk;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "zwgk-log-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        logs::close();
        if (mounted) umount2(path.c_str(), MNT_DETACH);
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    // A tmpfs of SIZE bytes (read-only when READONLY) over the folder; false when mounting is
    // not permitted here.
    bool mountTmpfs(size_t size, bool readOnly) {
        const std::string options = "size=" + std::to_string(size);
        mounted = mount("tmpfs", path.c_str(), "tmpfs", readOnly ? MS_RDONLY : 0, options.c_str()) == 0;
        return mounted;
    }
    std::string path;
    bool mounted = false;
};

std::vector<std::string> fileLines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

logs::Options optionsFor(const std::string& dir) {
    logs::Options o;
    o.dir = dir;
    o.echo = false;
    return o;
}

}  // namespace

TEST(LogScrub, MasksIdentityCardsPhoneNumbersAndLongDigitRuns) {
    EXPECT_EQ(logs::scrub("身份证 11010519491231002X 已录入"), "身份证 ****************** 已录入");
    EXPECT_EQ(logs::scrub("id=11010519491231002x."), "id=******************.");
    EXPECT_EQ(logs::scrub("tel 13812345678"), "tel ***********");
    EXPECT_EQ(logs::scrub("call 138 1234 5678 now"), "call *** **** **** now");
    EXPECT_EQ(logs::scrub("0371-6012-3456"), "****-****-****");
    EXPECT_EQ(logs::scrub("card 6222021234567890123"), "card *******************");
    EXPECT_EQ(logs::scrub("123456"), "******");
    // What logs need stays readable: dates, times, small numbers, versions.
    EXPECT_EQ(logs::scrub("2026-12-01 13:15:02 version 42, 12345 bytes"), "2026-12-01 13:15:02 version 42, 12345 bytes");
    EXPECT_EQ(logs::scrub("LL01-7KX4-M9QH"), "LL01-7KX4-M9QH");
}

TEST(EventLog, WritesOneJsonObjectPerLineWithScrubbedFields) {
    TempDir dir;
    ASSERT_TRUE(logs::open(optionsFor(dir.path)));
    logs::info("test.event", {{"name", "value \"quoted\""}, {"count", 3}, {"ratio", 0.5}, {"ok", true}});
    logs::warn("test.scrubbed", {{"detail", "phone 13812345678"}});
    EXPECT_FALSE(logs::health().failing);
    const auto lines = fileLines(fs::path(dir.path) / "kiosk.log");
    ASSERT_EQ(lines.size(), 2u);
    const auto first = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(first["level"], "info");
    EXPECT_EQ(first["event"], "test.event");
    EXPECT_EQ(first["name"], "value \"quoted\"");
    EXPECT_EQ(first["count"], 3);
    EXPECT_EQ(first["ratio"], 0.5);
    EXPECT_EQ(first["ok"], true);
    EXPECT_EQ(first["time"].get<std::string>().size(), 29u) << first["time"];
    const auto second = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(second["level"], "warn");
    EXPECT_EQ(second["detail"], "phone ***********");
    const auto recent = logs::recent(1);
    ASSERT_EQ(recent.size(), 1u);
    EXPECT_EQ(recent[0].event, "test.scrubbed");
    EXPECT_EQ(recent[0].fields, "detail=phone ***********");
}

TEST(EventLog, RotatesBySizeKeepingAFixedNumberOfFiles) {
    TempDir dir;
    logs::Options o = optionsFor(dir.path);
    o.maxFileBytes = 4096;
    o.maxFiles = 2;
    ASSERT_TRUE(logs::open(o));
    for (int i = 0; i < 200; ++i) logs::info("test.rotation", {{"i", i}, {"padding", std::string(60, 'x')}});
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"kiosk.1.log", "kiosk.2.log", "kiosk.log"}));
    for (const auto& name : names) EXPECT_LE(fs::file_size(fs::path(dir.path) / name), 4096u) << name;
    const auto last = fileLines(fs::path(dir.path) / "kiosk.log");
    ASSERT_FALSE(last.empty());
    EXPECT_EQ(nlohmann::json::parse(last.back())["i"], 199);
}

TEST(EventLog, ReadOnlyDirectoryKeepsLinesInMemoryAndSaysSo) {
    TempDir dir;
    std::string logDir = dir.path;
    if (!dir.mountTmpfs(64 * 1024, /*readOnly=*/true)) {
        // Fault injection: a log folder that cannot be made (its parent is a file).
        std::ofstream(dir.path + "/file") << "x";
        logDir = dir.path + "/file/logs";
    }
    EXPECT_FALSE(logs::open(optionsFor(logDir)));
    logs::info("test.after_failure", {{"n", 1}});
    const logs::Health h = logs::health();
    EXPECT_TRUE(h.open);
    EXPECT_TRUE(h.failing);
    EXPECT_FALSE(h.detail.empty());
    EXPECT_EQ(h.failedLines, 1);
    const auto recent = logs::recent(5);
    ASSERT_FALSE(recent.empty());
    EXPECT_EQ(recent.back().event, "test.after_failure");
}

TEST(EventLog, FullFilesystemIsReportedAndWritingResumesWhenSpaceReturns) {
    TempDir dir;
    const bool mounted = dir.mountTmpfs(64 * 1024, /*readOnly=*/false);
    const fs::path filler = fs::path(dir.path) / "filler";
    if (mounted) {
        std::ofstream out(filler, std::ios::binary);
        const std::string block(4096, 'f');
        for (int i = 0; i < 64 && out; ++i) out.write(block.data(), block.size());
    }
    std::string logDir = dir.path + "/logs";
    if (!mounted) {
        // Fault injection: kiosk.log is /dev/full, whose writes fail with ENOSPC.
        fs::create_directories(logDir);
        fs::create_symlink("/dev/full", logDir + "/kiosk.log");
    }
    logs::Options o = optionsFor(logDir);
    // On a full tmpfs even the folder may not be made: then open() already says so.
    const bool opened = logs::open(o);
    for (int i = 0; i < 20; ++i) logs::info("test.disk_full", {{"i", i}, {"padding", std::string(200, 'x')}});
    logs::Health h = logs::health();
    EXPECT_TRUE(h.failing);
    EXPECT_GE(h.failedLines, 1);
    EXPECT_EQ(logs::recent(20).size(), 20u) << "every line stays in memory";
    if (!mounted) return;
    // Space comes back: the next line is written and the flag clears (a folder that could
    // not be made is tried again by open()).
    fs::remove(filler);
    if (!opened) logs::open(o);
    logs::info("test.space_back");
    h = logs::health();
    EXPECT_FALSE(h.failing) << h.detail;
    const auto lines = fileLines(fs::path(logDir) / "kiosk.log");
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(nlohmann::json::parse(lines.back())["event"], "test.space_back");
}
