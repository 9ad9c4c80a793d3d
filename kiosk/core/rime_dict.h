// Debian's Rime dictionaries (/usr/share/rime-data/*.dict.yaml): a YAML header ending in a
// "..." line, then one "word<TAB>reading[<TAB>weight]" entry per line. Read by the search
// pinyin (pinyin_simp, toneless) and by read-aloud (terra_pinyin, tone numbers).
#pragma once

#include <functional>
#include <istream>
#include <string>

namespace zwgk {

struct RimeEntry {
    std::u32string word;   // the characters
    std::string reading;   // space-separated syllables
    double weight = 0;     // the third column: a count, or a percentage such as "98%"; 0 when absent
};

// Calls FN for each entry of IN in file order, skipping the header, comments and lines
// without a word or a reading.
void forEachRimeEntry(std::istream& in, const std::function<void(RimeEntry& entry)>& fn);

}  // namespace zwgk
