#include "ui_strings.h"
#include "event_log.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace zwgk {

bool Strings::load(const std::string& path, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = "cannot read UI strings " + path;
        return false;
    }
    try {
        const auto json = nlohmann::json::parse(in);
        table_.clear();
        for (const auto& [key, value] : json.items()) table_[key] = value.get<std::string>();
    } catch (const std::exception& e) {
        error = "UI strings " + path + " are malformed: " + e.what();
        return false;
    }
    return true;
}

const std::string& Strings::get(const std::string& key) const {
    auto it = table_.find(key);
    if (it != table_.end()) return it->second;
    if (reported_.insert(key).second) logs::warn("strings.missing", {{"key", key}});
    missing_ = key;
    return missing_;
}

std::string Strings::format(const std::string& key,
                            std::initializer_list<std::pair<const char*, std::string>> args) const {
    std::string text = get(key);
    for (const auto& [name, value] : args) {
        const std::string token = std::string("{") + name + "}";
        for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
            text.replace(at, token.size(), value);
    }
    return text;
}

std::string Strings::allText() const {
    std::string all;
    for (const auto& [key, value] : table_) all += value;
    return all;
}

}  // namespace zwgk
