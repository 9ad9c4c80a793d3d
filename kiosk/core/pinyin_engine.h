// Pinyin input for the on-screen keyboard, over googlepinyin (the engine Qt Virtual Keyboard
// uses: a 1.2 MB dictionary, ~2 ms to open, well under a millisecond per key).
//
// Three things the bare engine does not do, and the kiosk needs:
// - Domain phrases. googlepinyin has never heard of 一本通 and ranks 政务公开 behind whatever
//   a phone user types. A small phrase table (政务公开, 依申请公开, 不动产登记 …) is matched
//   against the composition before the engine, by full pinyin or initials (zwgk, ybt,
//   bdcdj), and its matches come first. They live in this process only; the engine's user
//   dictionary is wiped every session, so writing them there would be pointless.
// - Privacy between citizens. The engine learns: a name picked character by character
//   (张/伟/华) becomes a phrase it suggests to the next person who types zwh. The user
//   dictionary is therefore a private temporary file that resetSession() deletes, reopening
//   the engine empty, and the destructor removes it too.
// - 繁體 mode. Candidates, the pending text and commits are converted with OpenCC s2t, while
//   the engine itself keeps working in simplified characters.
//
// googlepinyin keeps process-wide tables that every open reloads, so only one PinyinEngine
// can be open at a time (a second open() fails with an error); use it from one thread.
// The library's search pools are small and overflow on long ambiguous input (fourteen z's)
// into an abort or out-of-bounds reads; the engine refuses a letter well before that
// (see pinyin_engine.cpp), so a child pounding one key cannot take the kiosk down.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zwgk {

class ScriptConverter;

// One entry of the built-in domain phrase table.
struct DomainPhrase {
    const char* text;    // the phrase, simplified, e.g. 政务公开
    const char* pinyin;  // its syllables without tones, space-separated: "zheng wu gong kai"
};

// The built-in table, in priority order (earlier wins when two phrases match equally well).
const std::vector<DomainPhrase>& domainPhrases();

class PinyinEngine {
public:
    // The engine refuses letters beyond this: googlepinyin's spelling buffer holds 39.
    static constexpr size_t kMaxLetters = 39;

    // converter: shared OpenCC converter for 繁體 mode (the UI already has one); when null,
    // setTraditional(true) creates one of its own. Not owned; must outlive the engine.
    explicit PinyinEngine(ScriptConverter* converter = nullptr);
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // Opens the system dictionary (env ZWGK_PINYIN_DICT overrides the Debian path) and a
    // fresh user dictionary in a private temporary directory. False with a readable error
    // when the dictionary is missing or another PinyinEngine holds the decoder.
    bool open(std::string& error);
    bool isOpen() const { return open_; }

    // Replaces the whole composition (and any partial choice). Letters are lowercased;
    // anything but a–z and the ' syllable separator is dropped; the composition ends before
    // the first letter appendLetter() would refuse (so at most kMaxLetters).
    void input(const std::string& letters);
    // Adds one letter (A–Z is lowercased) or a ' separator. False, changing nothing, for
    // anything else, a leading or doubled ', a letter beyond kMaxLetters, or one that would
    // take the engine past its search budget: long ambiguous runs (zzzzzzzzzzzzzz, about 14
    // initials in a row) or about 30 letters of full pinyin. The UI may flash the key.
    bool appendLetter(char c);
    // Removes the last letter. When that empties the letters after a partial choice, the
    // choice is undone and its letters come back, so backspace walks back through syllables.
    void backspace();
    // Drops the composition; what the engine learnt this session stays.
    void clear();
    // Forgets everything learnt this session: closes the engine, deletes the user
    // dictionary file and reopens with an empty one. Call between citizens.
    void resetSession();

    bool empty() const { return letters_.empty(); }
    // Letters not yet consumed by a choice, as typed: "xinxi" after 政府 was picked from
    // "zhengfuxinxi". Empty when there is no composition.
    std::string composition() const;
    // The same letters as the engine segments them, for the candidate bar: "zheng wu",
    // "z w g k"; letters the engine cannot spell follow as one more group.
    std::string spelledSyllables() const;
    // Characters already chosen from this composition but not committed yet (政府 above),
    // to show before spelledSyllables(); converted in 繁體 mode.
    std::string fixedText() const;

    // Total candidates for the current composition (0 when empty).
    size_t candidateCount() const;
    // Candidates [offset, offset + count), UTF-8, best first; fewer at the end of the list.
    std::vector<std::string> candidates(size_t offset, size_t count) const;
    // Picks candidate index. Returns the text to insert into the field once the whole
    // composition is consumed (pending fixedText() plus this choice, converted in 繁體
    // mode); returns "" for a partial choice, which becomes fixedText() while the remaining
    // letters stay as the composition. Letters the engine could not spell survive a commit
    // as the new composition. Out-of-range indexes do nothing and return "".
    std::string choose(size_t index);

    void setTraditional(bool on);
    bool traditional() const { return traditional_; }

    // The user dictionary file of this session (empty when not open); for tests.
    std::string userDictionaryPath() const;

private:
    // Where a candidate comes from.
    struct Entry {
        enum class Kind : uint8_t { Phrase, Engine, Raw };
        Kind kind;       // domain phrase, googlepinyin candidate, or the letters themselves
        uint32_t index;  // phrase table index or engine candidate id; unused for Raw
    };
    class Decoder;  // googlepinyin's MatrixSearch behind a crash guard (pinyin_engine.cpp)

    bool openDecoder(std::string& error, bool fresh);  // fresh: delete the user dict first
    void closeDecoder();      // closes (flushing what was learnt) and deletes the user dict
    void giveUp();            // the decoder cannot be reopened: release everything
    // Feeds letters to the engine one at a time after the current letters_, as typing them
    // would; stops at the first one the engine refuses. False if one was refused.
    bool type(std::string_view letters);
    // Starts the engine over with target (after a failure, or when its pools ran low),
    // keeping the longest prefix it accepts. Partial choices are lost; learning is kept.
    void restart(const std::string& target);
    void refresh();           // re-reads the engine's state into the members below
    void commitReset(std::string tail);  // ends the composition, keeping tail as letters
    std::u16string engineCandidate(size_t id) const;  // id 0 without the fixed prefix
    std::string entryText(const Entry& e) const;      // simplified UTF-8
    std::string display(std::string text) const;      // converted when traditional_

    ScriptConverter* converter_ = nullptr;        // s2t converter in use (shared or owned)
    std::unique_ptr<ScriptConverter> ownConverter_;  // created on demand when none was shared
    std::unique_ptr<Decoder> decoder_;            // the engine; null until open()
    bool traditional_ = false;                    // convert candidates and commits to 繁體
    bool open_ = false;                           // this object holds the decoder
    std::string sysDict_;                         // system dictionary path
    std::string tempDir_;                         // private 0700 directory for the user dict
    std::string userDict_;                        // user dictionary file inside tempDir_

    std::string letters_;         // every letter of the composition, incl. those chosen
    size_t consumed_ = 0;         // letters covered by the partial choice (fixed_)
    size_t decoded_ = 0;          // letters the engine could spell, from the start
    size_t engineCount_ = 0;      // candidates the engine reports
    std::u16string fixed_;        // hanzi chosen but not yet committed
    std::vector<std::string> syllables_;  // unfixed spelling groups for spelledSyllables()
    std::vector<Entry> entries_;  // the merged candidate list, in display order
};

// Keystroke-to-candidates latency for kiosk-bench: types word letter by letter `runs` times,
// timing appendLetter() + candidateCount() + candidates(0, 10) per key. Opens its own
// engine, so no other PinyinEngine may be open. Never used in tests (timings are reported,
// not asserted).
struct KeystrokeLatency {
    size_t samples = 0;    // keystrokes timed
    double openMs = 0;     // opening the engine, once
    double medianMs = 0;   // per keystroke
    double p95Ms = 0;      // per keystroke
    double maxMs = 0;      // per keystroke
    std::string error;     // why nothing was measured (empty on success)
};
KeystrokeLatency measureKeystrokeLatency(size_t runs = 100,
                                         std::string_view word = "zhengwugongkai");

}  // namespace zwgk
