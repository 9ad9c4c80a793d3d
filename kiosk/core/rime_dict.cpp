#include "rime_dict.h"

#include <cstdlib>
#include <string_view>

#include "utf8.h"

namespace zwgk {

void forEachRimeEntry(std::istream& in, const std::function<void(RimeEntry& entry)>& fn) {
    std::string line;
    bool body = false;
    RimeEntry entry;
    while (std::getline(in, line)) {
        if (!body) {
            body = line == "...";
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        const size_t tab1 = line.find('\t');
        if (tab1 == std::string::npos) continue;
        const size_t tab2 = line.find('\t', tab1 + 1);
        entry.word = utf8::decode(std::string_view(line).substr(0, tab1));
        entry.reading = line.substr(tab1 + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab1 - 1);
        entry.weight = tab2 == std::string::npos ? 0 : std::atof(line.c_str() + tab2 + 1);
        if (entry.word.empty() || entry.reading.empty()) continue;
        fn(entry);
    }
}

}  // namespace zwgk
