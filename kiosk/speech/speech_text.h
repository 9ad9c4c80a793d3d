// Text → what espeak-ng's cmn-latn-pinyin voice reads (read-aloud, issue 7). UI-free.
//
// espeak-ng 1.51's `cmn` voice reads characters with wrong polyphones (银行 yin xing) and
// numbers the English way, so the terminal gives the pinyin voice syllables with tone numbers
// instead: words are found by forward maximum matching in a word-level dictionary (Rime's
// terra_pinyin, keys in Traditional characters, with 一/不 tone sandhi), numbers and dates are
// first spelled in Chinese (2020年 → 二〇二〇年, 12% → 百分之十二, 0571-12345 digit by digit),
// ASCII letters get their letter names, and the pauses of ，、；： become commas.
//
// Sentences keep their byte range in the original paragraph so that the screen can highlight
// the one being read.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zwgk {
class ScriptConverter;
}

namespace zwgk::speech {

// One sentence (or long clause) of a text to read, as a byte range of its paragraph.
struct Sentence {
    size_t paragraph = 0;  // index into the paragraphs given to splitSentences
    size_t begin = 0;      // first byte in that paragraph
    size_t end = 0;        // one past the last byte (closing marks such as ” included)
};

// Sentences of PARAGRAPHS in reading order: ends at 。！？；!?; and line breaks, and a clause
// longer than MAXCHARS characters is cut at its last ，、：before that length so that the
// highlight stays readable. Sentences with nothing to say (only punctuation or spaces) are left
// out; leading and trailing spaces are not part of a range.
std::vector<Sentence> splitSentences(const std::vector<std::string>& paragraphs, size_t maxChars = 48);

// Numbers, dates, percentages, codes and 第N条 spelled in Chinese characters; everything else
// unchanged. Exposed for tests.
std::string spellNumbers(std::string_view text);

// The pinyin dictionary and the converter in one: load once (about 0.2 s, 99k lines), then
// toSpeechInput is thread-safe.
class PinyinReader {
public:
    // DICTIONARY: a Rime dict.yaml with tone numbers ("word<TAB>syl syl[<TAB>weight]"), keys in
    // Traditional characters. Empty: /usr/share/rime-data/terra_pinyin.dict.yaml.
    explicit PinyinReader(const std::string& dictionary = {});
    ~PinyinReader();
    PinyinReader(const PinyinReader&) = delete;
    PinyinReader& operator=(const PinyinReader&) = delete;

    // False when the dictionary or the Simplified → Traditional conversion is missing; error()
    // says why (English, for the log). Without them there is nothing sensible to read.
    bool available() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    size_t wordCount() const { return words_.size(); }
    size_t charCount() const { return chars_.size(); }

    // The espeak input for TEXT (Simplified or Traditional): syllables with tone numbers
    // (neutral tone 5) separated by spaces, ", " where the text pauses, letters by name.
    // Characters without a reading (emoji, rare symbols) are skipped.
    std::string toSpeechInput(std::string_view text) const;

private:
    std::string pinyinOfRun(const std::u32string& run) const;  // Han characters only
    std::string mainland(char32_t c, const std::string& syllable) const;

    std::unordered_map<std::u32string, std::string> words_;  // 2+ characters (Traditional) → "syl syl"
    std::unordered_map<char32_t, std::string> chars_;        // one character → most frequent reading
    std::unordered_map<char32_t, std::string> charReadings_; // one character → all its readings, spaced
    std::unique_ptr<ScriptConverter> toTraditional_;         // Simplified text → the dictionary's keys
    std::string error_;                                      // why unavailable; empty when usable
};

}  // namespace zwgk::speech
