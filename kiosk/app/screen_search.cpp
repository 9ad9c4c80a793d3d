// 搜索: one field over documents, guides and Q&A, results as the citizen types (simplified
// or traditional characters, pinyin or its initials, a 文号). No results explains what to
// try and offers it.
#include <algorithm>
#include <cstdlib>

#include "keyboard.h"
#include "screens.h"
#include "search_worker.h"
#include "utf8.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr int kResultLimit = 50;
constexpr float kRowHeight = 170;  // reference px

// What a request is called: the text and the filters, so that a late result for an older
// combination is never shown.
std::string requestTag(const SearchState& s) {
    return s.field.text + "\x1f" + (s.validOnly ? "v" : "") + "\x1f" + std::to_string(s.year);
}

// Asks the worker for the field's text with the chosen filters; the results arrive in a
// later frame (App::frame).
void requestSearch(UiContext& ui) {
    SearchState& s = ui.state.search;
    s.requested = requestTag(s);
    if (s.field.text.find_first_not_of(" \t") == std::string::npos) {
        s.query = s.field.text;
        s.hits.clear();
        s.total = 0;
        s.searched = false;
        return;
    }
    SearchQuery q;
    q.text = s.field.text;
    q.limit = kResultLimit;
    if (s.validOnly) q.validity = Validity::Valid;
    if (s.year) q.year = s.year;
    if (ui.searcher) ui.searcher->request(q, s.requested);
}

// Filters as large toggles under the field: documents in force only, and a year.
void filterRow(UiContext& ui, float width) {
    SearchState& s = ui.state.search;
    const float h = ui.px(theme::kTouchMin), gap = ui.px(16);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    float x = start.x;
    auto chip = [&](const char* id, const std::string& label, bool on) {
        const float w = widgets::measure(ui.fonts.body, label).x + ui.px(56);
        ImGui::SetCursorScreenPos(ImVec2(x, start.y));
        const bool tapped = widgets::button(ui, id, label, ImVec2(w, h), on ? theme::kPrimary : theme::kSurface,
                                            on ? theme::kPrimaryText : theme::kText, ui.fonts.body);
        x += w + gap;
        return tapped;
    };
    if (chip("##valid-only", ui.t("search.filter.valid"), s.validOnly)) s.validOnly = !s.validOnly;
    x += gap * 2;
    if (chip("##year-any", ui.t("search.filter.any_year"), s.year == 0)) s.year = 0;
    const int thisYear = std::atoi(ui.today.substr(0, 4).c_str());
    for (int y = thisYear; y > thisYear - 3 && x < start.x + width - ui.px(200); --y)
        if (chip(("##year" + std::to_string(y)).c_str(), ui.tf("browse.year", {{"year", std::to_string(y)}}),
                 s.year == y))
            s.year = s.year == y ? 0 : y;
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + h));
}

const char* kindKey(SearchHit::Kind kind) {
    switch (kind) {
    case SearchHit::Kind::Document: return "search.kind.document";
    case SearchHit::Kind::Guide: return "search.kind.guide";
    case SearchHit::Kind::QA: break;
    }
    return "search.kind.qa";
}

// The snippet with the matched ranges in the link colour, on one line, clipped.
void highlightedLine(UiContext& ui, ImVec2 pos, float width, const SearchHit& hit) {
    ImFont* font = ui.fonts.small;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(pos, ImVec2(pos.x + width, pos.y + font->FontSize * 1.4f), true);
    const std::string snippet = ui.show(hit.snippet);
    // Traditional conversion keeps characters one for one in nearly all cases; when it does
    // not, the byte ranges no longer match and the snippet is shown without highlights.
    const bool ranges = snippet.size() == hit.snippet.size();
    float x = pos.x;
    size_t at = 0;
    auto draw = [&](size_t from, size_t to, ImU32 color) {
        if (to <= from) return;
        const char* b = snippet.data() + from;
        const char* e = snippet.data() + to;
        dl->AddText(font, font->FontSize, ImVec2(x, pos.y), color, b, e);
        x += font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, e).x;
    };
    if (ranges)
        for (const auto& [from, to] : hit.highlights) {
            if (from < at || to > snippet.size()) continue;
            draw(at, from, theme::kTextSecondary);
            draw(from, to, theme::kRepealed);
            at = to;
        }
    draw(at, snippet.size(), theme::kTextSecondary);
    dl->PopClipRect();
    ui.trace.add(snippet, pos, ImVec2(pos.x + width, pos.y + font->FontSize), false);
}

void noResults(UiContext& ui, float width) {
    const SearchState& s = ui.state.search;
    widgets::paragraph(ui, ui.tf("search.none", {{"q", ui.show(s.query)}}), ui.fonts.heading, width, theme::kText, 0,
                       1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    widgets::paragraph(ui, ui.t("search.none.tips"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.5f);
    ImGui::Dummy(ImVec2(1, ui.px(20)));
    const float bw = (width - 2 * ui.px(24)) / 3;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(row);
    if (widgets::button(ui, "##shorter", ui.t("search.none.shorter"), ImVec2(bw, ui.px(theme::kTouchMin)),
                        theme::kPrimary, theme::kPrimaryText, ui.fonts.body)) {
        // Drop the last character: a shorter query finds more.
        TextField& field = ui.state.search.field;
        std::u32string text = utf8::decode(field.text);
        if (!text.empty()) text.pop_back();
        field.text = utf8::encode(text);
        field.changed = true;
    }
    ImGui::SetCursorScreenPos(ImVec2(row.x + bw + ui.px(24), row.y));
    if (widgets::button(ui, "##browse", ui.t("search.none.browse"), ImVec2(bw, ui.px(theme::kTouchMin)),
                        theme::kSurfacePressed, theme::kText, ui.fonts.body)) {
        Route route;
        route.kind = ScreenKind::Browse;
        ui.push(route);
    }
    ImGui::SetCursorScreenPos(ImVec2(row.x + 2 * (bw + ui.px(24)), row.y));
    if (widgets::button(ui, "##apply", ui.t("search.none.apply"), ImVec2(bw, ui.px(theme::kTouchMin)),
                        theme::kSurfacePressed, theme::kText, ui.fonts.body)) {
        // Not found among what is public: apply for it, with the words already typed.
        Route route;
        route.kind = ScreenKind::Apply;
        route.title = ui.state.search.query;
        ui.push(route);
    }
}

}  // namespace

void drawSearchScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("search.title"), true);
    TextField& field = ui.state.search.field;
    const Route& route = ui.state.top();
    // The keyboard comes up with the screen: the citizen came here to type. Only once per
    // visit, so that 完成 hides it until the field is tapped again.
    if (!ui.state.search.keyboardOffered) {
        ui.keyboard->attach(&field);
        ui.state.search.keyboardOffered = true;
    }
    if (field.changed || requestTag(ui.state.search) != ui.state.search.requested) {
        requestSearch(ui);
        field.changed = false;
    }
    const float margin = ui.px(theme::kMargin);
    const ImVec2 origin = contentOrigin(ui);
    const float width = ui.display.x - 2 * margin;
    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(24)));
    widgets::textField(ui, field, ImVec2(width, ui.px(100)), ui.t("search.placeholder"));
    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(140)));
    filterRow(ui, width);

    const SearchState& s = ui.state.search;
    const float top = origin.y + ui.px(250);
    const float bottom = ui.display.y - ui.keyboard->height(ui);
    ImGui::SetCursorScreenPos(ImVec2(margin, top));
    widgets::beginScroll(ui, ("search-" + std::to_string(route.serial)).c_str(),
                         ImVec2(ui.display.x - margin, std::max(ui.px(100), bottom - top)));
    if (!s.searched) {
        widgets::paragraph(ui, ui.t("search.hint"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.5f);
    } else if (s.hits.empty()) {
        noResults(ui, width);
    } else {
        widgets::text(ui, s.total > kCountCap ? ui.tf("search.count_many", {{"n", std::to_string(kCountCap)}})
                                              : ui.tf("search.count", {{"n", std::to_string(s.total)}}),
                      ui.fonts.small, theme::kTextSecondary);
        ImGui::Dummy(ImVec2(1, ui.px(10)));
        // Title line, snippet line and meta line, each as tall as its font needs.
        const float pad = ui.px(28);
        const float titleLineH = std::max(ui.fonts.body->FontSize, ui.fonts.small->FontSize + ui.px(8)) + ui.px(12);
        const float snippetH = ui.fonts.small->FontSize * 1.4f;
        const float rowH = std::max(ui.px(kRowHeight), ui.px(14) + titleLineH + snippetH + ui.fonts.small->FontSize +
                                                           ui.px(24));
        // Fixed-height rows: only those in view are laid out and drawn.
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(s.hits.size()), rowH + ui.px(14));
        while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const SearchHit& hit = s.hits[static_cast<size_t>(row)];
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const std::string title = ui.show(hit.title);
            bool pressed = false;
            const std::string id = "##hit" + std::to_string(static_cast<int>(hit.kind)) + "-" + std::to_string(hit.id);
            if (widgets::card(ui, id.c_str(), title, ImVec2(width, rowH), pressed)) {
                Route next;
                next.kind = hit.kind == SearchHit::Kind::Document ? ScreenKind::Document
                            : hit.kind == SearchHit::Kind::Guide ? ScreenKind::Guide
                                                                 : ScreenKind::QA;
                next.id = hit.id;
                ui.push(next);
            }
            const float badgeW = widgets::badge(ui, ImVec2(pos.x + pad, pos.y + ui.px(18)), ui.t(kindKey(hit.kind)),
                                                theme::kPrimary, ui.fonts.small);
            float titleX = pos.x + pad + badgeW + ui.px(16);
            float right = pos.x + width - pad;
            if (hit.kind == SearchHit::Kind::Document && hit.validity != Validity::Valid) {
                const std::string v = validityLabel(ui, hit.validity);
                const float vw = widgets::measure(ui.fonts.small, v).x + ui.px(28);
                widgets::badge(ui, ImVec2(right - vw, pos.y + ui.px(18)), v, validityColor(hit.validity), ui.fonts.small);
                right -= vw + ui.px(16);
            }
            widgets::textAt(ui, ImVec2(titleX, pos.y + ui.px(14)),
                            widgets::clampLines(title, ui.fonts.body, right - titleX, 1), ui.fonts.body, theme::kText);
            highlightedLine(ui, ImVec2(pos.x + pad, pos.y + ui.px(14) + titleLineH), width - 2 * pad, hit);
            std::string meta = hit.docNo.empty() ? "" : ui.show(hit.docNo) + "　";
            meta += ui.show(hit.agencyName) + (hit.date.empty() ? "" : "　" + hit.date);
            widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + rowH - ui.px(20) - ui.fonts.small->FontSize), meta, ui.fonts.small,
                            theme::kTextSecondary);
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + ui.px(14)));
            ImGui::Dummy(ImVec2(width, 0));
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + ui.px(14)));
        }
        clipper.End();
        if (s.total > static_cast<int>(s.hits.size()))
            widgets::paragraph(ui, ui.tf("search.more", {{"n", std::to_string(s.hits.size())}}), ui.fonts.small,
                               width, theme::kTextSecondary);
    }
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    widgets::endScroll(ui);
}

}  // namespace zwgk
