// Simplified → Traditional for the UI's 繁體 toggle, through OpenCC (phrase-level s2t, so
// 头发 → 頭髮 and 发展 → 發展). Display only: the store and search keep simplified text.
//
// The UI converts the same labels every frame, so results are kept in a bounded LRU cache.
// A missing or broken OpenCC data set must not take the kiosk down: the converter then
// reports available() == false with error(), and toTraditional() returns its input.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace opencc {
class SimpleConverter;
}

namespace zwgk {

class ScriptConverter {
public:
    // config: an OpenCC config name (looked up in OpenCC's data directory, /usr/share/opencc
    // on Debian) or a path. cacheCapacity: entries kept; 0 disables caching.
    explicit ScriptConverter(const std::string& config = "s2t.json",
                             size_t cacheCapacity = 4096);
    ~ScriptConverter();
    ScriptConverter(const ScriptConverter&) = delete;
    ScriptConverter& operator=(const ScriptConverter&) = delete;

    bool available() const { return converter_ != nullptr; }
    // Why the converter is unavailable (empty when available).
    const std::string& error() const { return error_; }

    // Traditional form of text; text itself when unavailable. Ill-formed UTF-8 is replaced
    // by U+FFFD first, because OpenCC's segmenter assumes valid input. Thread-safe.
    std::string toTraditional(std::string_view text);

    struct Stats {
        size_t entries = 0;
        size_t hits = 0;
        size_t misses = 0;  // conversions actually run through OpenCC
    };
    Stats stats() const;
    void clearCache();

private:
    using Entry = std::pair<std::string, std::string>;  // simplified, traditional

    std::unique_ptr<opencc::SimpleConverter> converter_;
    std::string error_;
    size_t capacity_;

    mutable std::mutex mutex_;
    std::list<Entry> lru_;  // most recently used first
    // Keys view the strings inside lru_ nodes, which never move while the node lives.
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
    size_t hits_ = 0;
    size_t misses_ = 0;
};

// Every Traditional character OpenCC's s2t dictionaries (STCharacters, STPhrases) may
// produce for the Simplified character CP, at any position of any phrase: a superset of
// what toTraditional() can turn CP into. Empty when CP has no entry or OpenCC data is
// missing. Loaded once (about 50 ms), then thread-safe. For glyph sets of large content,
// where converting every text would cost far more.
const std::u32string& traditionalVariants(char32_t cp);

}  // namespace zwgk
