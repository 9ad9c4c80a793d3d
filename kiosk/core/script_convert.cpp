#include "script_convert.h"

#include <opencc/Exception.hpp>
#include <opencc/opencc.h>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>

#include <cstdio>

#include <exception>
#include <vector>

#include "utf8.h"

namespace zwgk {

namespace {

constexpr const char* kDebianOpenccDir = "/usr/share/opencc/";

std::string describe(const std::string& config, const char* what) {
    std::string msg = "OpenCC could not load \"" + config + "\"";
    if (what && *what) msg += std::string(": ") + what;
    return msg;
}

bool isAsciiOnly(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace

ScriptConverter::ScriptConverter(const std::string& config, size_t cacheCapacity)
    : capacity_(cacheCapacity) {
    std::vector<std::string> candidates{config};
    // libopencc resolves bare names against the data directory compiled into it; if that was
    // built with another prefix, the Debian location is the one worth a second try.
    if (config.find('/') == std::string::npos) candidates.push_back(kDebianOpenccDir + config);
    for (const std::string& c : candidates) {
        try {
            converter_ = std::make_unique<opencc::SimpleConverter>(c);
            error_.clear();
            return;
        } catch (const opencc::Exception& e) {
            // opencc::Exception does not derive from std::exception: catch it by name.
            if (error_.empty()) error_ = describe(c, e.what());
        } catch (const std::exception& e) {
            if (error_.empty()) error_ = describe(c, e.what());
        } catch (...) {
            if (error_.empty()) error_ = describe(c, nullptr);
        }
    }
}

ScriptConverter::~ScriptConverter() = default;

std::string ScriptConverter::toTraditional(std::string_view text) {
    if (!converter_ || text.empty()) return std::string(text);
    // ASCII has no traditional form; skipping it keeps numbers and codes out of the cache.
    if (isAsciiOnly(text)) return std::string(text);

    std::lock_guard lock(mutex_);
    if (capacity_ > 0) {
        if (auto it = index_.find(text); it != index_.end()) {
            lru_.splice(lru_.begin(), lru_, it->second);
            ++hits_;
            return it->second->second;
        }
    }

    ++misses_;
    const std::string input = utf8::sanitize(text);
    std::string out;
    try {
        out = converter_->Convert(input.data(), input.size());
    } catch (...) {
        // A conversion failure should look like an unconverted label, not a crash.
        out = input;
    }
    if (capacity_ == 0) return out;

    lru_.emplace_front(std::string(text), out);
    index_.emplace(std::string_view(lru_.front().first), lru_.begin());
    while (lru_.size() > capacity_) {
        index_.erase(std::string_view(lru_.back().first));
        lru_.pop_back();
    }
    return out;
}

ScriptConverter::Stats ScriptConverter::stats() const {
    std::lock_guard lock(mutex_);
    return {lru_.size(), hits_, misses_};
}

void ScriptConverter::clearCache() {
    std::lock_guard lock(mutex_);
    index_.clear();
    lru_.clear();
    hits_ = misses_ = 0;
}

// Debian's libopencc-data puts its dictionaries here (the path libopencc itself searches).
#ifndef OPENCC_DATA_DIR
#define OPENCC_DATA_DIR "/usr/share/opencc"
#endif

namespace {

using VariantMap = std::unordered_map<char32_t, std::u32string>;

void addVariants(VariantMap& map, const std::string& dictionaryFile) {
    FILE* file = std::fopen(dictionaryFile.c_str(), "rb");
    if (!file) return;
    try {
        const opencc::MarisaDictPtr dict = opencc::MarisaDict::NewFromFile(file);
        for (const std::unique_ptr<opencc::DictEntry>& entry : *dict->GetLexicon()) {
            const std::u32string key = utf8::decode(entry->Key());
            for (const std::string& valueText : entry->Values()) {
                const std::u32string value = utf8::decode(valueText);
                // Phrases map position by position; a phrase of another length lends all of
                // its characters to each of its key's characters.
                for (size_t i = 0; i < key.size(); ++i) {
                    auto add = [&](char32_t v) {
                        if (v == key[i]) return;
                        std::u32string& list = map[key[i]];
                        if (list.find(v) == std::u32string::npos) list.push_back(v);
                    };
                    if (value.size() == key.size()) add(value[i]);
                    else
                        for (char32_t v : value) add(v);
                }
            }
        }
    } catch (const std::exception&) {
    }
    std::fclose(file);
}

}  // namespace

const std::u32string& traditionalVariants(char32_t cp) {
    static const VariantMap variants = [] {
        VariantMap map;
        for (const char* name : {"STCharacters.ocd2", "STPhrases.ocd2"}) addVariants(map, std::string(OPENCC_DATA_DIR) + "/" + name);
        return map;
    }();
    static const std::u32string none;
    auto it = variants.find(cp);
    return it == variants.end() ? none : it->second;
}

}  // namespace zwgk
