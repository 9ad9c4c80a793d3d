#include "read_aloud_ui.h"

#include <algorithm>

#include "text_layout.h"
#include "theme.h"

namespace zwgk {

namespace {

bool readingThisScreen(const UiContext& ui) {
    return ui.state.readAloud.active() && ui.state.readAloud.owner == ui.state.top().serial;
}

}  // namespace

void readAloudControls(UiContext& ui, const std::string& text, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (!readingThisScreen(ui)) {
        if (widgets::button(ui, "##read-aloud", ui.t("readaloud.start"), size, theme::kPrimary, theme::kPrimaryText,
                            ui.fonts.heading)) {
            Action a;
            a.kind = Action::Kind::ReadAloud;
            a.text = text;
            ui.emit(a);
        }
        return;
    }
    const float gap = ui.px(12);
    const ImVec2 half((size.x - gap) * 0.5f, size.y);
    const bool paused = ui.state.readAloud.phase == ReadAloudPhase::Paused;
    if (widgets::button(ui, "##read-pause", ui.t(paused ? "readaloud.resume" : "readaloud.pause"), half,
                        theme::kPrimary, theme::kPrimaryText, ui.fonts.heading))
        ui.emit(Action{paused ? Action::Kind::ResumeReading : Action::Kind::PauseReading});
    ImGui::SetCursorScreenPos(ImVec2(pos.x + half.x + gap, pos.y));
    if (widgets::button(ui, "##read-stop", ui.t("readaloud.stop"), half, theme::kSurfacePressed, theme::kText,
                        ui.fonts.heading))
        ui.emit(Action{Action::Kind::StopReading});
}

void readAloudHighlight(UiContext& ui, size_t line, const std::string& s, ImFont* font, float width, float indent,
                        float lineSpacing, widgets::Align align) {
    const ReadAloudState& reading = ui.state.readAloud;
    if (!readingThisScreen(ui) || reading.sentence < 0 || reading.paragraph != line) return;
    // The range was cut from this very string when reading started; clamp in case the text
    // changed since (繁體 switched on: OpenCC keeps characters one for one, bytes nearly so).
    const size_t begin = std::min(reading.begin, s.size()), end = std::min(reading.end, s.size());
    if (begin >= end) return;
    BreakOptions options;
    options.firstLineIndent = indent;
    const auto advance = [font](char32_t c) {
        return c <= 0xFFFF ? font->GetCharAdvance(static_cast<ImWchar>(c)) : font->FallbackAdvanceX;
    };
    const std::vector<LineSpan> lines = breakLines(s, width, advance, options);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float lineHeight = font->FontSize * lineSpacing;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string shown = s.substr(begin, end - begin);
    float top = -1, bottom = -1;
    for (size_t i = 0; i < lines.size(); ++i) {
        const LineSpan& span = lines[i];
        const size_t a = std::max(begin, span.begin), b = std::min(end, span.end);
        if (a >= b) continue;
        float x = origin.x + (i == 0 ? indent : 0);
        if (align == widgets::Align::Right) x = origin.x + width - span.width;
        if (align == widgets::Align::Center) x = origin.x + (width - span.width) * 0.5f;
        const float x0 = x + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data() + span.begin, s.data() + a).x;
        const float x1 = x0 + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data() + a, s.data() + b).x;
        const float y = origin.y + static_cast<float>(i) * lineHeight;
        const ImVec2 min(x0 - ui.px(4), y), max(x1 + ui.px(4), y + lineHeight);
        widgets::fillRect(dl, min, max, theme::kHighlight, ui.px(6));
        ui.trace.addHighlight(shown, min, max);
        if (top < 0) top = min.y;
        bottom = max.y;
    }
    if (top < 0) return;
    // Keep the sentence in view: once per sentence, so that a citizen may still scroll away.
    static int scrolledOwner = 0, scrolledSentence = -1;
    if (scrolledOwner == reading.owner && scrolledSentence == reading.sentence) return;
    scrolledOwner = reading.owner;
    scrolledSentence = reading.sentence;
    const float viewTop = ImGui::GetWindowPos().y, viewBottom = viewTop + ImGui::GetWindowHeight();
    if (top < viewTop || bottom > viewBottom)
        ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + top - (viewTop + (viewBottom - viewTop) * 0.25f)));
}

}  // namespace zwgk
