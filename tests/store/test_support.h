// Helpers shared by the store tests: temporary directories, the fixture content source,
// JSON edits that break a copy of it, and raw file surgery for damaged-store cases.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace zwgk::test {

namespace fs = std::filesystem;

inline fs::path sourceDir() {
    if (const char* env = std::getenv("ZWGK_SOURCE_DIR"); env && *env) return env;
    return ZWGK_SOURCE_DIR;
}

inline fs::path buildDir() {
    if (const char* env = std::getenv("ZWGK_BUILD_DIR"); env && *env) return env;
    return ZWGK_BUILD_DIR;
}

// ../shared beside the checkout (as in CI) when the environment does not say: with CMake
// 3.25, gtest_discover_tests passes only the first entry of an ENVIRONMENT list to tests.
inline fs::path sharedDir() {
    if (const char* env = std::getenv("ZWGK_SHARED_DIR"); env && *env) return env;
    return sourceDir().parent_path() / "shared";
}

inline fs::path fixtureDir() { return sourceDir() / "tests/store/fixtures/basic"; }
inline fs::path demoContentDir() { return sourceDir() / "assets/content"; }

// A fresh directory under /tmp, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "zwgk-store-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    fs::path path_;  // the directory, absolute
};

// A writable copy of the fixture content source, for tests that break one file.
inline fs::path copyFixture(const TempDir& dir, const std::string& name = "source") {
    fs::path target = dir.path() / name;
    fs::copy(fixtureDir(), target, fs::copy_options::recursive);
    return target;
}

inline nlohmann::json readJson(const fs::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

inline void writeJson(const fs::path& path, const nlohmann::json& value) {
    std::ofstream out(path);
    out << value.dump(2);
}

inline std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Writes a big-endian 32-bit value into the SQLite header of a closed store (user_version
// is at offset 60, application_id at 68): the tests never include sqlite3.h.
inline void patchHeader32(const fs::path& path, size_t offset, uint32_t value) {
    std::string bytes = readBytes(path);
    for (int i = 0; i < 4; ++i)
        bytes[offset + i] = static_cast<char>((value >> (24 - 8 * i)) & 0xFF);
    writeBytes(path, bytes);
}

}  // namespace zwgk::test
