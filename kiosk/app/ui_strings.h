// UI strings live in assets/strings/zh-Hans.json, not in the code. Lookups by key; a missing
// key shows the key itself (visible in screenshots and reported once on stderr) rather than
// an empty label.
#pragma once

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace zwgk {

class Strings {
public:
    // Loads PATH; returns false with ERROR set when the file is missing or malformed.
    bool load(const std::string& path, std::string& error);
    const std::string& get(const std::string& key) const;
    // get(key) with each {name} replaced by its value.
    std::string format(const std::string& key,
                       std::initializer_list<std::pair<const char*, std::string>> args) const;
    std::string allText() const;  // every string, for the glyph atlas

private:
    std::unordered_map<std::string, std::string> table_;  // key → simplified text
    mutable std::unordered_set<std::string> reported_;    // missing keys already logged
    mutable std::string missing_;                         // storage for a missing key's label
};

}  // namespace zwgk
