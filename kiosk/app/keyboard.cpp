#include "keyboard.h"

#include <algorithm>

#include "imgui_internal.h"
#include "screens.h"
#include "theme.h"
#include "utf8.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kPanelHeight = 470;   // reference px, candidate bar included
constexpr float kLatinPanelHeight = 566;  // five rows of keys: digits above the letters
constexpr float kBarHeight = 100;     // candidate bar
constexpr float kKeyHeight = 76;      // every key ≥ 60 px at 1080p
constexpr float kGap = 10;

// A key: its label and what it types. Empty `types` means a special key handled by name.
struct Key {
    const char* label;   // shown (UI string key when it starts with '@')
    const char* types;   // text it types, or a command: "\b" backspace, "\n" done …
    float width = 1;     // in key units
};

const std::vector<std::vector<Key>>& pinyinRows() {
    static const std::vector<std::vector<Key>> rows = {
        {{"q", "q"}, {"w", "w"}, {"e", "e"}, {"r", "r"}, {"t", "t"}, {"y", "y"}, {"u", "u"}, {"i", "i"}, {"o", "o"}, {"p", "p"}},
        {{"a", "a"}, {"s", "s"}, {"d", "d"}, {"f", "f"}, {"g", "g"}, {"h", "h"}, {"j", "j"}, {"k", "k"}, {"l", "l"}},
        {{"@keyboard.symbols", "#sym", 1.5f}, {"z", "z"}, {"x", "x"}, {"c", "c"}, {"v", "v"}, {"b", "b"}, {"n", "n"},
         {"m", "m"}, {"@keyboard.backspace", "\b", 1.5f}},
        {{"@keyboard.handwriting", "#hand", 1.5f}, {"，", "，"}, {"@keyboard.space", " ", 4.5f}, {"。", "。"},
         {"@keyboard.done", "\n", 2}},
    };
    return rows;
}

const std::vector<std::vector<Key>>& symbolRows() {
    static const std::vector<std::vector<Key>> rows = {
        {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"}, {"0", "0"}},
        {{"，", "，"}, {"。", "。"}, {"、", "、"}, {"？", "？"}, {"！", "！"}, {"：", "："}, {"；", "；"}, {"（", "（"}, {"）", "）"}},
        {{"@keyboard.pinyin", "#pinyin", 1.5f}, {"“", "“"}, {"”", "”"}, {"《", "《"}, {"》", "》"}, {"〔", "〔"}, {"〕", "〕"},
         {"-", "-"}, {"@keyboard.backspace", "\b", 1.5f}},
        {{"@keyboard.handwriting", "#hand", 1.5f}, {"·", "·"}, {"@keyboard.space", " ", 4.5f}, {"号", "号"},
         {"@keyboard.done", "\n", 2}},
    };
    return rows;
}

// Codes and e-mail addresses: digits above QWERTY, no input method in between.
const std::vector<std::vector<Key>>& latinRows(bool email) {
    static const std::vector<std::vector<Key>> code = {
        {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"}, {"0", "0"}},
        {{"Q", "Q"}, {"W", "W"}, {"E", "E"}, {"R", "R"}, {"T", "T"}, {"Y", "Y"}, {"U", "U"}, {"I", "I"}, {"O", "O"}, {"P", "P"}},
        {{"A", "A"}, {"S", "S"}, {"D", "D"}, {"F", "F"}, {"G", "G"}, {"H", "H"}, {"J", "J"}, {"K", "K"}, {"L", "L"}},
        {{"Z", "Z"}, {"X", "X"}, {"C", "C"}, {"V", "V"}, {"B", "B"}, {"N", "N"}, {"M", "M"}, {"@keyboard.backspace", "\b", 2}},
        {{"-", "-"}, {"@keyboard.done", "\n", 3}},
    };
    static const std::vector<std::vector<Key>> mail = {
        {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"}, {"0", "0"}},
        {{"q", "q"}, {"w", "w"}, {"e", "e"}, {"r", "r"}, {"t", "t"}, {"y", "y"}, {"u", "u"}, {"i", "i"}, {"o", "o"}, {"p", "p"}},
        {{"a", "a"}, {"s", "s"}, {"d", "d"}, {"f", "f"}, {"g", "g"}, {"h", "h"}, {"j", "j"}, {"k", "k"}, {"l", "l"}},
        {{"z", "z"}, {"x", "x"}, {"c", "c"}, {"v", "v"}, {"b", "b"}, {"n", "n"}, {"m", "m"}, {"@keyboard.backspace", "\b", 2}},
        {{"@", "@"}, {".", "."}, {"_", "_"}, {"-", "-"}, {".com", ".com", 1.5f}, {".cn", ".cn", 1.5f},
         {"@keyboard.done", "\n", 2.5f}},
    };
    return email ? mail : code;
}

std::string keyLabel(const UiContext& ui, const Key& key) {
    // "@key" names a UI string; the lone "@" of the e-mail keyboard is itself.
    return key.label[0] == '@' && key.label[1] != '\0' ? ui.t(key.label + 1) : std::string(key.label);
}

}  // namespace

OnScreenKeyboard::OnScreenKeyboard(ScriptConverter& converter) : converter_(converter) {}
OnScreenKeyboard::~OnScreenKeyboard() = default;

void OnScreenKeyboard::ensureEngines() {
    if (!pinyin_) {
        pinyin_ = std::make_unique<PinyinEngine>(&converter_);
        std::string error;
        if (!pinyin_->open(error)) engineError_ = error;
        pinyin_->setTraditional(traditional_);
    }
    if (!writer_) {
        writer_ = std::make_unique<HandwritingRecognizer>(&converter_);
        std::string error;
        if (!writer_->open(error)) engineError_ = engineError_.empty() ? error : engineError_ + "; " + error;
        writer_->setTraditional(traditional_);
    }
}

void OnScreenKeyboard::attach(TextField* field) {
    ensureEngines();
    field_ = field;
    if (field->kind == FieldKind::Digits || field->kind == FieldKind::Phone)
        mode_ = Mode::Numeric;
    else if (field->kind == FieldKind::Code || field->kind == FieldKind::Email)
        mode_ = Mode::Latin;
    else if (mode_ == Mode::Numeric || mode_ == Mode::Latin)
        mode_ = Mode::Pinyin;
    page_ = 0;
}

void OnScreenKeyboard::detach() {
    if (pinyin_ && pinyin_->isOpen()) pinyin_->clear();
    strokes_.clear();
    handCandidates_.clear();
    field_ = nullptr;
}

float OnScreenKeyboard::height(const UiContext& ui) const {
    if (!field_) return 0;
    return ui.px(mode_ == Mode::Latin ? kLatinPanelHeight : kPanelHeight);
}

void OnScreenKeyboard::resetSession() {
    detach();
    if (pinyin_ && pinyin_->isOpen()) pinyin_->resetSession();
    mode_ = Mode::Pinyin;
    page_ = 0;
}

void OnScreenKeyboard::setTraditional(bool on) {
    traditional_ = on;
    if (pinyin_) pinyin_->setTraditional(on);
    if (writer_) writer_->setTraditional(on);
}

std::string OnScreenKeyboard::composition() const {
    if (!pinyin_ || !pinyin_->isOpen() || pinyin_->empty()) return {};
    return pinyin_->fixedText() + pinyin_->spelledSyllables();
}

void OnScreenKeyboard::insert(const std::string& utf8) {
    if (!field_ || utf8.empty()) return;
    const size_t room = field_->maxChars > utf8::countChars(field_->text)
                            ? field_->maxChars - utf8::countChars(field_->text)
                            : 0;
    std::u32string add = utf8::decode(utf8);
    if (add.size() > room) add.resize(room);
    if (field_->kind != FieldKind::Text) {
        // Numeric fields take digits (and X for ID numbers) only; codes digits, letters and
        // hyphens (upper case); e-mail fields the characters of an address (lower case).
        std::u32string kept;
        for (char32_t c : add) {
            const bool digit = c >= U'0' && c <= U'9';
            const bool letter = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
            switch (field_->kind) {
            case FieldKind::Digits:
                if (digit || c == U'X' || c == U'x') kept.push_back(c == U'x' ? U'X' : c);
                break;
            case FieldKind::Phone:
                if (digit) kept.push_back(c);
                break;
            case FieldKind::Code:
                if (digit || letter || c == U'-') kept.push_back(c >= U'a' && c <= U'z' ? c - 32 : c);
                break;
            case FieldKind::Email:
                if (digit || letter || c == U'@' || c == U'.' || c == U'_' || c == U'-' || c == U'+')
                    kept.push_back(c >= U'A' && c <= U'Z' ? c + 32 : c);
                break;
            case FieldKind::Text: break;
            }
        }
        add = kept;
    }
    if (add.empty()) return;
    field_->text += utf8::encode(add);
    field_->changed = true;
}

void OnScreenKeyboard::pressBackspace() {
    if (!field_) return;
    if (mode_ == Mode::Pinyin && pinyin_ && pinyin_->isOpen() && !pinyin_->empty()) {
        pinyin_->backspace();
        page_ = 0;
        return;
    }
    if (mode_ == Mode::Handwriting && !strokes_.empty()) {
        strokes_.pop_back();
        recognize();
        return;
    }
    std::u32string text = utf8::decode(field_->text);
    if (text.empty()) return;
    text.pop_back();
    field_->text = utf8::encode(text);
    field_->changed = true;
}

void OnScreenKeyboard::typeText(const std::string& utf8) {
    if (!field_) return;
    for (char32_t c : utf8::decode(utf8)) {
        const bool letter = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
        if (letter && mode_ == Mode::Pinyin && pinyin_ && pinyin_->isOpen() && field_->kind == FieldKind::Text) {
            pinyin_->appendLetter(static_cast<char>(c));
            page_ = 0;
        } else {
            insert(utf8::encode(c));
        }
    }
}

void OnScreenKeyboard::recognize() {
    handCandidates_.clear();
    if (writer_ && writer_->isOpen() && !strokes_.empty())
        handCandidates_ = writer_->recognize(strokes_, 1000, 1000, 10);
}

void OnScreenKeyboard::drawCandidateBar(UiContext& ui, ImVec2 origin, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float barH = ui.px(kBarHeight);
    widgets::fillRect(dl, origin, ImVec2(origin.x + width, origin.y + barH), theme::kSurface);
    float x = origin.x + ui.px(theme::kMargin * 0.5f);
    const float y = origin.y + ui.px(8);
    const float h = barH - ui.px(16);
    shownCandidates_.clear();

    // What is being spelled, then the candidates that fit, with paging at the right.
    std::vector<std::string> pool;
    size_t total = 0;
    if (mode_ == Mode::Handwriting) {
        pool = handCandidates_;
        total = pool.size();
    } else if (pinyin_ && pinyin_->isOpen() && !pinyin_->empty()) {
        const std::string spelled = composition();
        const ImVec2 ss = widgets::measure(ui.fonts.typedBody, spelled);
        widgets::textAt(ui, ImVec2(x, origin.y + (barH - ss.y) * 0.5f), spelled, ui.fonts.typedBody, theme::kLink);
        x += ss.x + ui.px(28);
        total = pinyin_->candidateCount();
        pool = pinyin_->candidates(0, std::min<size_t>(total, 200));
    }
    if (total == 0) {
        const char* key = mode_ == Mode::Handwriting ? "keyboard.hint.handwriting"
                          : mode_ == Mode::Symbols   ? "keyboard.hint.symbols"
                          : mode_ == Mode::Numeric   ? (field_->kind == FieldKind::Digits ? "keyboard.hint.id"
                                                                                          : "keyboard.hint.phone")
                          : mode_ == Mode::Latin     ? (field_->kind == FieldKind::Email ? "keyboard.hint.email"
                                                                                         : "keyboard.hint.code")
                                                     : "keyboard.hint.pinyin";
        const std::string hint = ui.t(key);
        const ImVec2 hs = widgets::measure(ui.fonts.small, hint);
        widgets::textAt(ui, ImVec2(x, origin.y + (barH - hs.y) * 0.5f), hint, ui.fonts.small, theme::kTextSecondary);
        return;
    }
    const float pagerW = ui.px(110);
    const float right = origin.x + width - 2 * pagerW - ui.px(24);
    // Pages are laid out greedily; page_ counts pages from the start of the pool.
    size_t start = 0;
    for (size_t p = 0; p < page_ && start < pool.size(); ++p) {
        float cx = x;
        size_t i = start;
        while (i < pool.size()) {
            const float w = widgets::measure(ui.fonts.typedHeading, pool[i]).x + ui.px(48);
            if (cx + w > right && i > start) break;
            cx += w + ui.px(kGap);
            ++i;
        }
        start = i;
    }
    if (start >= pool.size()) {
        page_ = 0;
        start = 0;
    }
    size_t i = start;
    while (i < pool.size()) {
        const float w = widgets::measure(ui.fonts.typedHeading, pool[i]).x + ui.px(48);
        if (x + w > right && i > start) break;
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (widgets::button(ui, ("##cand" + std::to_string(i)).c_str(), pool[i], ImVec2(w, h), theme::kSurfacePressed,
                            theme::kText, ui.fonts.typedHeading)) {
            if (mode_ == Mode::Handwriting) {
                insert(pool[i]);
                strokes_.clear();
                handCandidates_.clear();
            } else {
                insert(pinyin_->choose(i));
            }
            page_ = 0;
        }
        shownCandidates_.push_back(pool[i]);
        x += w + ui.px(kGap);
        ++i;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - 2 * pagerW - ui.px(12), y));
    if (page_ > 0) {
        if (widgets::button(ui, "##cand-prev", "‹", ImVec2(pagerW, h), theme::kPrimary, theme::kPrimaryText,
                            ui.fonts.typedHeading))
            --page_;
    } else {
        widgets::disabledButton(ui, "‹", ImVec2(pagerW, h), ui.fonts.typedHeading);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - pagerW - ui.px(6), y));
    if (i < pool.size()) {
        if (widgets::button(ui, "##cand-next", "›", ImVec2(pagerW, h), theme::kPrimary, theme::kPrimaryText,
                            ui.fonts.typedHeading))
            ++page_;
    } else {
        widgets::disabledButton(ui, "›", ImVec2(pagerW, h), ui.fonts.typedHeading);
    }
}

void OnScreenKeyboard::drawKeys(UiContext& ui, ImVec2 origin, float width) {
    const auto& rows = mode_ == Mode::Symbols ? symbolRows()
                       : mode_ == Mode::Latin ? latinRows(field_->kind == FieldKind::Email)
                                              : pinyinRows();
    const float gap = ui.px(kGap), keyH = ui.px(kKeyHeight);
    const float unit = (width - 2 * ui.px(theme::kMargin * 0.5f) - 9 * gap) / 10;
    for (size_t r = 0; r < rows.size(); ++r) {
        float units = 0;
        for (const Key& k : rows[r]) units += k.width;
        const float rowW = units * unit + static_cast<float>(rows[r].size() - 1) * gap;
        float x = origin.x + (width - rowW) * 0.5f;
        const float y = origin.y + static_cast<float>(r) * (keyH + gap);
        for (const Key& key : rows[r]) {
            const float w = key.width * unit + (key.width - 1) * gap;
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            const std::string label = keyLabel(ui, key);
            const bool special = key.label[0] == '@' && key.label[1] != '\0';
            const std::string id = std::string("##key-") + key.types + "-" + std::to_string(r);
            if (widgets::button(ui, id.c_str(), label, ImVec2(w, keyH), special ? theme::kSurfacePressed : theme::kSurface,
                                theme::kText, ui.fonts.typedHeading)) {
                const std::string types = key.types;
                if (types == "\b") {
                    pressBackspace();
                } else if (types == "\n") {
                    ui.emit(Action{Action::Kind::HideKeyboard});
                } else if (types == "#sym") {
                    if (pinyin_ && pinyin_->isOpen()) pinyin_->clear();
                    mode_ = Mode::Symbols;
                } else if (types == "#pinyin") {
                    mode_ = Mode::Pinyin;
                } else if (types == "#hand") {
                    if (pinyin_ && pinyin_->isOpen()) pinyin_->clear();
                    mode_ = Mode::Handwriting;
                } else if (types == " " && mode_ == Mode::Pinyin && pinyin_ && pinyin_->isOpen() && !pinyin_->empty()) {
                    insert(pinyin_->choose(0));  // space commits the first candidate
                    page_ = 0;
                } else {
                    typeText(types);
                }
            }
            x += w + gap;
        }
    }
}

void OnScreenKeyboard::drawNumeric(UiContext& ui, ImVec2 origin, float width) {
    const float gap = ui.px(kGap), keyH = ui.px(kKeyHeight);
    const float keyW = ui.px(260);
    const float gridW = 3 * keyW + 2 * gap;
    const float left = origin.x + (width - gridW) * 0.5f;
    const char* labels[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"X", "0", "\b"}};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c) {
            const std::string types = labels[r][c];
            ImGui::SetCursorScreenPos(ImVec2(left + c * (keyW + gap), origin.y + r * (keyH + gap)));
            if (types == "X" && field_->kind != FieldKind::Digits) continue;  // X only in ID numbers
            const std::string label = types == "\b" ? ui.t("keyboard.backspace") : types;
            if (widgets::button(ui, ("##num" + std::to_string(r * 3 + c)).c_str(), label, ImVec2(keyW, keyH),
                                types == "\b" ? theme::kSurfacePressed : theme::kSurface, theme::kText, ui.fonts.typedHeading)) {
                if (types == "\b")
                    pressBackspace();
                else
                    insert(types);
            }
        }
    ImGui::SetCursorScreenPos(ImVec2(left + gridW + ui.px(48), origin.y + 3 * (keyH + gap)));
    if (widgets::button(ui, "##num-done", ui.t("keyboard.done"), ImVec2(keyW, keyH), theme::kPrimary,
                        theme::kPrimaryText, ui.fonts.typedHeading))
        ui.emit(Action{Action::Kind::HideKeyboard});
}

void OnScreenKeyboard::drawHandwriting(UiContext& ui, ImVec2 origin, float width) {
    const float gap = ui.px(kGap), keyH = ui.px(kKeyHeight);
    const float padSize = 4 * keyH + 3 * gap;
    const ImVec2 padMin(origin.x + (width - padSize) * 0.5f - ui.px(200), origin.y);
    const ImVec2 padMax(padMin.x + padSize, padMin.y + padSize);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, padMin, padMax, theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(padMin, padMax, theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    // The 田字格 guide lines help elderly writers place the character.
    const ImVec2 mid((padMin.x + padMax.x) * 0.5f, (padMin.y + padMax.y) * 0.5f);
    dl->AddLine(ImVec2(padMin.x, mid.y), ImVec2(padMax.x, mid.y), theme::kBorder, ui.px(1));
    dl->AddLine(ImVec2(mid.x, padMin.y), ImVec2(mid.x, padMax.y), theme::kBorder, ui.px(1));
    if (strokes_.empty() && !penDown_) {
        const std::string hint = ui.t("keyboard.write_here");
        const ImVec2 hs = widgets::measure(ui.fonts.typedBody, hint);
        widgets::textAt(ui, ImVec2(mid.x - hs.x * 0.5f, mid.y - hs.y * 0.5f), hint, ui.fonts.typedBody, theme::kMuted);
    }
    ui.input.registerCaptureRegion(padMin, padMax);
    ImGui::SetCursorScreenPos(padMin);
    ImGui::InvisibleButton("##handwriting-pad", ImVec2(padSize, padSize));
    ui.trace.add(ui.t("keyboard.write_here"), padMin, padMax, true);
    const ImGuiIO& io = ImGui::GetIO();
    // Strokes in a 1000×1000 box, the size the recognizer is told.
    auto toPad = [&](ImVec2 p) {
        return HandwritingRecognizer::Point{(p.x - padMin.x) / padSize * 1000.0f, (p.y - padMin.y) / padSize * 1000.0f};
    };
    if (ImGui::IsItemActive() && io.MouseDown[0]) {
        const ImVec2 p(std::clamp(io.MousePos.x, padMin.x, padMax.x), std::clamp(io.MousePos.y, padMin.y, padMax.y));
        if (!penDown_) {
            strokes_.emplace_back();
            penDown_ = true;
        }
        const auto point = toPad(p);
        if (strokes_.back().empty() || strokes_.back().back() != point) strokes_.back().push_back(point);
    } else if (penDown_) {
        penDown_ = false;
        recognize();
    }
    for (const auto& stroke : strokes_)
        for (size_t i = 1; i < stroke.size(); ++i)
            dl->AddLine(ImVec2(padMin.x + stroke[i - 1].first / 1000.0f * padSize,
                               padMin.y + stroke[i - 1].second / 1000.0f * padSize),
                        ImVec2(padMin.x + stroke[i].first / 1000.0f * padSize, padMin.y + stroke[i].second / 1000.0f * padSize),
                        theme::kText, ui.px(8));
    // Buttons beside the pad.
    const float bx = padMax.x + ui.px(48), bw = ui.px(300);
    const struct {
        const char* label;  // strings key
        int action;         // 0 rewrite, 1 backspace, 2 pinyin, 3 done
    } buttons[] = {{"keyboard.rewrite", 0}, {"keyboard.backspace", 1}, {"keyboard.pinyin", 2}, {"keyboard.done", 3}};
    for (int b = 0; b < 4; ++b) {
        ImGui::SetCursorScreenPos(ImVec2(bx, origin.y + b * (keyH + gap)));
        const bool primary = buttons[b].action == 3;
        if (widgets::button(ui, (std::string("##hw-") + buttons[b].label).c_str(), ui.t(buttons[b].label),
                            ImVec2(bw, keyH), primary ? theme::kPrimary : theme::kSurfacePressed,
                            primary ? theme::kPrimaryText : theme::kText, ui.fonts.typedHeading)) {
            switch (buttons[b].action) {
            case 0: strokes_.clear(); handCandidates_.clear(); break;
            case 1: pressBackspace(); break;
            case 2: strokes_.clear(); handCandidates_.clear(); mode_ = Mode::Pinyin; break;
            default: ui.emit(Action{Action::Kind::HideKeyboard}); break;
            }
        }
    }
}

void OnScreenKeyboard::draw(UiContext& ui) {
    if (!field_) return;
    const float h = height(ui);
    const ImVec2 origin(0, ui.display.y - h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, origin, ui.display, theme::kKeyboard);
    dl->AddLine(origin, ImVec2(ui.display.x, origin.y), theme::kBorder, ui.px(2));
    drawCandidateBar(ui, origin, ui.display.x);
    const ImVec2 keys(origin.x, origin.y + ui.px(kBarHeight + 14));
    if (!engineError_.empty() && mode_ != Mode::Numeric && mode_ != Mode::Symbols && mode_ != Mode::Latin) {
        // Without the engines, letters are typed as they are; say why once, small.
        widgets::textAt(ui, ImVec2(ui.px(theme::kMargin), ui.display.y - ui.px(34)), ui.t("keyboard.engine_missing"),
                        ui.fonts.small, theme::kRepealed);
    }
    switch (mode_) {
    case Mode::Pinyin:
    case Mode::Symbols:
    case Mode::Latin: drawKeys(ui, keys, ui.display.x); break;
    case Mode::Numeric: drawNumeric(ui, keys, ui.display.x); break;
    case Mode::Handwriting: drawHandwriting(ui, keys, ui.display.x); break;
    }
}

}  // namespace zwgk
