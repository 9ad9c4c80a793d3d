// The on-screen keyboard: drawn by the terminal whenever a text field has focus, for
// citizens who have never used a keyboard. Pinyin QWERTY with a candidate bar (paging, tap
// to commit, backspace through the syllables), digits and symbols, a numeric pad for ID and
// phone fields, and a handwriting pad. Physical keyboards keep working.
//
// Keyboard state machine (mode_; transitions in the functions named):
//
//   Pinyin ──123──────────► Symbols       drawKeys()
//   Pinyin ──手写─────────► Handwriting   drawKeys()
//   Symbols/Handwriting ──拼音──► Pinyin   drawKeys() / drawHandwriting()
//   any ──field of kind Digits/Phone──► Numeric   attach()
//   any ──field of kind Code/Email──► Latin       attach()
//   Numeric/Latin ──field of kind Text──► Pinyin  attach()
//   any ──完成 / Escape──► hidden          drawKeys(), App
//   resetSession(): engine learning, strokes, composition and mode all back to new.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "handwriting.h"
#include "pinyin_engine.h"
#include "text_field.h"
#include "ui_context.h"

namespace zwgk {

class OnScreenKeyboard {
public:
    enum class Mode { Pinyin, Symbols, Numeric, Handwriting, Latin };

    explicit OnScreenKeyboard(ScriptConverter& converter);
    ~OnScreenKeyboard();

    // Shows the keyboard for FIELD (not owned; must stay valid while attached).
    void attach(TextField* field);
    void detach();
    bool visible() const { return field_ != nullptr; }
    TextField* field() const { return field_; }
    Mode mode() const { return mode_; }
    // Height the keyboard takes at the bottom of the screen (0 when hidden), window px.
    float height(const UiContext& ui) const;
    // Draws the keyboard and applies its keys to the attached field.
    void draw(UiContext& ui);
    // Letters and keys from a physical keyboard (already as UTF-8 text / key names).
    void typeText(const std::string& utf8);
    void pressBackspace();

    // Forgets everything the last citizen typed or taught the engines.
    void resetSession();
    void setTraditional(bool on);
    // Why an engine could not be opened (shown in the pad area), empty when fine.
    const std::string& engineError() const { return engineError_; }
    // The composition shown in the candidate bar (letters being spelled), for tests.
    std::string composition() const;
    std::vector<std::string> visibleCandidates() const { return shownCandidates_; }

private:
    void ensureEngines();
    void insert(const std::string& utf8);
    void drawCandidateBar(UiContext& ui, ImVec2 origin, float width);
    void drawKeys(UiContext& ui, ImVec2 origin, float width);
    void drawNumeric(UiContext& ui, ImVec2 origin, float width);
    void drawHandwriting(UiContext& ui, ImVec2 origin, float width);
    void recognize();

    ScriptConverter& converter_;                      // shared s2t converter
    std::unique_ptr<PinyinEngine> pinyin_;            // opened on first use
    std::unique_ptr<HandwritingRecognizer> writer_;   // opened on first use
    std::string engineError_;                         // why an engine is unavailable
    TextField* field_ = nullptr;                      // the focused field, null when hidden
    Mode mode_ = Mode::Pinyin;                        // which key set is shown
    size_t page_ = 0;                                 // candidate page
    std::vector<std::string> shownCandidates_;        // candidates on the bar this frame
    std::vector<std::string> handCandidates_;         // handwriting results, best first
    std::vector<HandwritingRecognizer::Stroke> strokes_;  // what is written on the pad
    bool penDown_ = false;                            // a stroke is being drawn
    bool traditional_ = false;                        // candidates in 繁體
};

}  // namespace zwgk
