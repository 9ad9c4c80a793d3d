// 办事指南: the 一件事 groups, the guides of one group, and one guide laid out for reading at
// arm's length: a summary box (where, when, how long, how much), the 申请材料 checklist, the
// numbered 办理流程 and the 设定依据. The lists are a few dozen rows: they are read from the
// store each frame, like the catalogue entries of the 领域 screen.
#include <algorithm>
#include <utility>

#include "read_aloud_ui.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kColumnWidth = 1500;  // reference px: readable line length at body size
constexpr float kCardGap = 20;
constexpr float kHeaderLineY = 24;    // breadcrumb / hint line below the top bar
constexpr float kListTop = 84;        // where the scroll area of a list starts
constexpr float kSwitchHeight = 80;   // the 按一件事 | 按部门 switch on the hint line
constexpr float kSwitchListTop = 112; // where the list starts below that switch


// A section title with a red bar in front of it, and an optional note after it.
void sectionHeading(UiContext& ui, const std::string& title, const std::string& note) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImFont* font = ui.fonts.heading;
    widgets::fillRect(ImGui::GetWindowDrawList(), ImVec2(pos.x, pos.y + ui.px(4)),
                                              ImVec2(pos.x + ui.px(10), pos.y + font->FontSize + ui.px(4)),
                                              theme::kHeader, ui.px(3));
    widgets::textAt(ui, ImVec2(pos.x + ui.px(28), pos.y), title, font, theme::kText);
    if (!note.empty()) {
        const float x = pos.x + ui.px(28) + widgets::measure(font, title).x + ui.px(24);
        const ImVec2 ns = widgets::measure(ui.fonts.body, note);
        widgets::textAt(ui, ImVec2(x, pos.y + font->FontSize - ns.y), note, ui.fonts.body, theme::kTextSecondary);
    }
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(1, font->FontSize + ui.px(28)));
}

// One label/value pair of the summary box.
struct Field {
    const char* label;  // strings key
    std::string value;  // as shown
};

constexpr float kLabelWidth = 210;   // reference px: four characters and padding
constexpr float kCellPad = 20;
constexpr float kFieldSpacing = 1.45f;

float valueWidth(const UiContext& ui, float cellWidth) { return cellWidth - ui.px(kLabelWidth) - 2 * ui.px(kCellPad); }

// Draws one cell (label column, value column) at POS, H high.
void fieldCell(UiContext& ui, ImVec2 pos, float width, float h, const Field& field) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float labelW = ui.px(kLabelWidth), pad = ui.px(kCellPad);
    widgets::fillRect(dl, pos, ImVec2(pos.x + labelW, pos.y + h), theme::kSurfacePressed);
    widgets::fillRect(dl, ImVec2(pos.x + labelW, pos.y), ImVec2(pos.x + width, pos.y + h), theme::kSurface);
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), theme::kBorder, 0, 0, ui.px(2));
    widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + pad + (ui.fonts.body->FontSize * (kFieldSpacing - 1)) * 0.5f),
                    ui.t(field.label), ui.fonts.body, theme::kText);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + labelW + pad, pos.y + pad));
    widgets::paragraph(ui, field.value, ui.fonts.body, valueWidth(ui, width), theme::kText, 0, kFieldSpacing);
}

// The summary box: each row holds one field, or two when both values fit on one line
// in half the width (法定时限 beside 承诺时限, 收费 beside 咨询电话).
void summaryBox(UiContext& ui, const Guide& g, float width) {
    const std::string none = ui.t("guide.none");
    auto value = [&](const std::string& v) { return v.empty() ? none : ui.show(v); };
    const Field department{"guide.department", value(g.department)};
    const Field window{"guide.window", value(g.window)};
    const Field hours{"guide.hours", value(g.hours)};
    const Field statutory{"guide.statutory", value(g.statutoryLimit)};
    const Field promised{"guide.promised", value(g.promisedLimit)};
    const Field fee{"guide.fee", value(g.fee)};
    const Field hotline{"guide.hotline", value(g.hotline)};
    const Field online{"guide.online", value(g.online)};
    struct Row {
        const Field* a;
        const Field* b;  // null: A takes the whole row
    };
    const Row wanted[] = {{&department, nullptr}, {&window, nullptr}, {&hours, nullptr},
                          {&statutory, &promised}, {&fee, &hotline}, {&online, nullptr}};
    const float half = width * 0.5f;
    auto fitsHalf = [&](const Field* f) { return widgets::measure(ui.fonts.body, f->value).x <= valueWidth(ui, half); };
    std::vector<Row> rows;
    for (const Row& r : wanted) {
        if (!r.b || (fitsHalf(r.a) && fitsHalf(r.b))) {
            rows.push_back(r);
        } else {
            rows.push_back({r.a, nullptr});
            rows.push_back({r.b, nullptr});
        }
    }
    const float pad = ui.px(kCellPad);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 start = pos;
    for (const Row& r : rows) {
        const float cellW = r.b ? half : width;
        const float valueW = valueWidth(ui, cellW);
        float h = widgets::paragraphHeight(r.a->value, ui.fonts.body, valueW, 0, kFieldSpacing);
        if (r.b) h = std::max(h, widgets::paragraphHeight(r.b->value, ui.fonts.body, valueW, 0, kFieldSpacing));
        h += 2 * pad;
        fieldCell(ui, pos, cellW, h, *r.a);
        if (r.b) fieldCell(ui, ImVec2(pos.x + half, pos.y), half, h, *r.b);
        pos.y += h - ui.px(2);  // borders overlap
    }
    ImGui::GetWindowDrawList()->AddRect(start, ImVec2(start.x + width, pos.y + ui.px(2)), theme::kBorder, 0, 0,
                                        ui.px(3));
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, pos.y + ui.px(2) - start.y));
}

// 申请材料 as a table: 序号, 材料名称, 原件/复印件, 份数, 备注.
void materialsTable(UiContext& ui, const std::vector<GuideMaterial>& materials, float width) {
    const float pad = ui.px(kCellPad);
    const float noW = ui.px(100), formW = ui.px(250), countW = ui.px(130);
    const float rest = width - noW - formW - countW;
    const float nameW = rest * 0.55f;  // 备注 takes the rest
    const float colX[] = {0, noW, noW + nameW, noW + nameW + formW, noW + nameW + formW + countW, width};
    ImFont* font = ui.fonts.body;
    const float spacing = 1.45f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    float y = start.y;
    auto drawRow = [&](const std::string cells[5], ImU32 background, ImU32 color, bool centreShort) {
        float h = 0;
        for (int c = 0; c < 5; ++c)
            h = std::max(h, widgets::paragraphHeight(cells[c], font, colX[c + 1] - colX[c] - 2 * pad, 0, spacing));
        h += 2 * pad;
        widgets::fillRect(dl, ImVec2(start.x, y), ImVec2(start.x + width, y + h), background);
        for (int c = 0; c < 5; ++c) {
            const float x0 = start.x + colX[c], x1 = start.x + colX[c + 1];
            dl->AddRect(ImVec2(x0, y), ImVec2(x1, y + h), theme::kBorder, 0, 0, ui.px(2));
            ImGui::SetCursorScreenPos(ImVec2(x0 + pad, y + pad));
            // 序号, form and 份数 are short: centred in their columns.
            const bool centre = centreShort && (c == 0 || c == 2 || c == 3);
            widgets::paragraph(ui, cells[c], font, x1 - x0 - 2 * pad, color, 0, spacing,
                               centre ? widgets::Align::Center : widgets::Align::Left);
        }
        y += h - ui.px(2);
    };
    const std::string header[5] = {ui.t("guide.col.no"), ui.t("guide.col.name"), ui.t("guide.col.form"),
                                   ui.t("guide.col.count"), ui.t("guide.col.note")};
    drawRow(header, theme::kSurfacePressed, theme::kText, true);
    for (size_t i = 0; i < materials.size(); ++i) {
        const GuideMaterial& m = materials[i];
        const std::string cells[5] = {std::to_string(i + 1), ui.show(m.name), ui.show(m.form),
                                      ui.tf("guide.copies", {{"n", std::to_string(m.count)}}), ui.show(m.note)};
        drawRow(cells, theme::kSurface, theme::kText, true);
    }
    dl->AddRect(start, ImVec2(start.x + width, y + ui.px(2)), theme::kBorder, 0, 0, ui.px(3));
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, y + ui.px(2) - start.y));
}

// 办理流程: numbered circles joined by a line, each step's text beside its number.
// 朗读's line of step i is FIRSTREADLINE + i.
void stepList(UiContext& ui, const std::vector<std::string>& steps, float width, size_t firstReadLine) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ui.fonts.body;
    const float spacing = theme::kLineSpacing;
    const float lineH = font->FontSize * spacing;
    const float radius = ui.px(28), textX = ui.px(96), gap = ui.px(24);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    float y = start.y;
    std::vector<ImVec2> centres;
    for (size_t i = 0; i < steps.size(); ++i) {
        const std::string text = ui.show(steps[i]);
        const ImVec2 centre(start.x + radius, y + lineH * 0.5f);
        centres.push_back(centre);
        ImGui::SetCursorScreenPos(ImVec2(start.x + textX, y));
        readAloudHighlight(ui, firstReadLine + i, text, font, width - textX, 0, spacing);
        const float h = widgets::paragraph(ui, text, font, width - textX, theme::kText, 0, spacing);
        y += std::max(h, 2 * radius) + gap;
    }
    // The joining line first, then the circles over it.
    if (centres.size() > 1)
        dl->AddLine(centres.front(), centres.back(), theme::kBorder, ui.px(4));
    for (size_t i = 0; i < centres.size(); ++i) {
        dl->AddCircleFilled(centres[i], radius, theme::kPrimary, 32);
        const std::string n = std::to_string(i + 1);
        const ImVec2 ns = widgets::measure(font, n);
        widgets::textAt(ui, ImVec2(centres[i].x - ns.x * 0.5f, centres[i].y - ns.y * 0.5f), n, font,
                        theme::kPrimaryText);
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, y - start.y));
}

}  // namespace

void beginListArea(UiContext& ui, const std::string& header, const std::string& scrollId, float listTop) {
    const float margin = ui.px(theme::kMargin);
    const ImVec2 origin = contentOrigin(ui);
    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(kHeaderLineY)));
    widgets::text(ui, header, ui.fonts.small, theme::kTextSecondary);
    const float top = origin.y + ui.px(listTop > 0 ? listTop : kListTop);
    ImGui::SetCursorScreenPos(ImVec2(margin, top));
    widgets::beginScroll(ui, scrollId.c_str(), ImVec2(ui.display.x - margin, ui.display.y - top));
}

void endListArea(UiContext& ui) {
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    widgets::endScroll(ui);
}

void drawEmptyState(UiContext& ui, const std::string& message, float width) {
    const float w = std::min(width, ui.px(kColumnWidth));
    const float pad = ui.px(48);
    const float textW = w - 2 * pad;
    const float h = widgets::paragraphHeight(message, ui.fonts.body, textW) + 2 * pad;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
    widgets::paragraph(ui, message, ui.fonts.body, textW, theme::kTextSecondary, 0, theme::kLineSpacing,
                       widgets::Align::Center);
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(w, h));
}

namespace {

// 按一件事 | 按部门 at the right end of the hint line.
void guideDimensionSwitch(UiContext& ui, bool byDepartment) {
    const float segW = ui.px(240), segGap = ui.px(12), h = ui.px(kSwitchHeight);
    const float y = contentOrigin(ui).y + ui.px(12);
    const float x0 = ui.display.x - ui.px(theme::kMargin) - 2 * segW - segGap;
    Action a;
    a.kind = Action::Kind::SetDimension;
    if (widgets::segment(ui, "##guides-by-event", ui.t("guides.by_event"), ImVec2(x0, y), ImVec2(segW, h), !byDepartment)) {
        a.dimension = BrowseDimension::Topic;
        ui.emit(a);
    }
    if (widgets::segment(ui, "##guides-by-department", ui.t("guides.by_department"), ImVec2(x0 + segW + segGap, y),
                         ImVec2(segW, h), byDepartment)) {
        a.dimension = BrowseDimension::Agency;
        ui.emit(a);
    }
}

// At the right end of a card at POS (WIDTH × H, PAD inside): how many guides, and a chevron
// saying "tap to open".
void guideCountAndChevron(UiContext& ui, ImVec2 pos, float width, float h, float pad, int guides) {
    const std::string count = ui.tf("guides.count", {{"n", std::to_string(guides)}});
    const ImVec2 cs = widgets::measure(ui.fonts.body, count);
    const std::string chevron = "›";
    const ImVec2 vs = widgets::measure(ui.fonts.title, chevron);
    const float right = pos.x + width - pad;
    widgets::textAt(ui, ImVec2(right - vs.x, pos.y + (h - vs.y) * 0.5f), chevron, ui.fonts.title, theme::kLink);
    widgets::textAt(ui, ImVec2(right - vs.x - ui.px(24) - cs.x, pos.y + (h - cs.y) * 0.5f), count, ui.fonts.body,
                    theme::kLink);
}

// 按部门: one card per department with its number of guides.
void departmentCards(UiContext& ui, const std::vector<CountedNode>& departments, float width) {
    const float pad = ui.px(36);
    for (size_t i = 0; i < departments.size(); ++i) {
        const CountedNode& d = departments[i];
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string name = ui.show(d.name);
        const float h = pad + ui.fonts.heading->FontSize * 1.35f + pad;
        bool pressed = false;
        if (widgets::card(ui, ("##department" + std::to_string(d.id)).c_str(), name, ImVec2(width, h), pressed)) {
            Route next;
            next.kind = ScreenKind::GuideList;
            next.dimension = BrowseDimension::Agency;
            next.id = d.id;
            next.title = d.name;
            ui.push(next);
        }
        widgets::fillRect(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + ui.px(18), pos.y + h),
                          theme::kAccents[i % 6], ui.px(theme::kRounding), ImDrawFlags_RoundCornersLeft);
        widgets::textAt(ui, ImVec2(pos.x + ui.px(18) + pad, pos.y + pad), name, ui.fonts.heading, theme::kText);
        guideCountAndChevron(ui, pos, width, h, pad, d.count);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(kCardGap)));
    }
}

}  // namespace

void drawGuideGroupsScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("guides.title"), true);
    const bool byDepartment = route.dimension == BrowseDimension::Agency;
    guideDimensionSwitch(ui, byDepartment);
    const float width = ui.display.x - 2 * ui.px(theme::kMargin);
    if (byDepartment) {
        const auto departments = ui.store->guideDepartments();
        beginListArea(ui, ui.t("guides.hint_department"), "guide-departments-" + std::to_string(route.serial),
                      kSwitchListTop);
        if (departments.empty())
            drawEmptyState(ui, ui.tf("guides.empty", {{"hotline", ui.state.home.meta.hotline}}), width);
        departmentCards(ui, departments, width);
        endListArea(ui);
        return;
    }
    const auto groups = ui.store->guideGroups();
    beginListArea(ui, ui.t("guides.hint"), "guide-groups-" + std::to_string(route.serial), kSwitchListTop);
    if (groups.empty())
        drawEmptyState(ui, ui.tf("guides.empty", {{"hotline", ui.state.home.meta.hotline}}), width);
    const float stripe = ui.px(18), pad = ui.px(36), countW = ui.px(320);
    for (size_t i = 0; i < groups.size(); ++i) {
        const GuideGroup& group = groups[i];
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string name = ui.show(group.name);
        const std::string description = ui.show(group.description);
        const float textX = pos.x + stripe + pad;
        const float textW = std::min(ui.px(kColumnWidth), pos.x + width - pad - countW - textX);
        const float nameH = ui.fonts.heading->FontSize * 1.35f;
        const float h = pad + nameH + ui.px(10) +
                        widgets::paragraphHeight(description, ui.fonts.body, textW, 0, 1.5f) + pad;
        bool pressed = false;
        if (widgets::card(ui, ("##group" + std::to_string(group.id)).c_str(), name, ImVec2(width, h), pressed)) {
            Route next;
            next.kind = ScreenKind::GuideList;
            next.id = group.id;
            next.title = group.name;
            ui.push(next);
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        widgets::fillRect(dl, pos, ImVec2(pos.x + stripe, pos.y + h), theme::kAccents[i % 6], ui.px(theme::kRounding),
                          ImDrawFlags_RoundCornersLeft);
        widgets::textAt(ui, ImVec2(textX, pos.y + pad), name, ui.fonts.heading, theme::kText);
        ImGui::SetCursorScreenPos(ImVec2(textX, pos.y + pad + nameH + ui.px(10)));
        widgets::paragraph(ui, description, ui.fonts.body, textW, theme::kTextSecondary, 0, 1.5f);
        guideCountAndChevron(ui, pos, width, h, pad, group.guideCount);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(kCardGap)));
    }
    endListArea(ui);
}

void drawGuideListScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.show(route.title), true);
    const bool byDepartment = route.dimension == BrowseDimension::Agency;
    const auto guides = byDepartment ? ui.store->guidesOfDepartment(route.id) : ui.store->guides(route.id);
    std::string header = ui.t("guides.title") + " › " + ui.show(route.title);
    if (!guides.empty()) header += "　" + ui.tf("guides.list_count", {{"n", std::to_string(guides.size())}});
    beginListArea(ui, header, "guide-list-" + std::to_string(route.serial));
    const float width = ui.display.x - 2 * ui.px(theme::kMargin);
    if (guides.empty()) drawEmptyState(ui, ui.t("guides.list_empty"), width);
    const float pad = ui.px(36);
    const std::string chevron = "›";
    const ImVec2 vs = widgets::measure(ui.fonts.title, chevron);
    const float textW = width - 2 * pad - vs.x - ui.px(24);
    for (const Guide& guide : guides) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string name = ui.show(guide.name);
        // Under a department the 一件事 it belongs to says more than the department again.
        const std::string department =
            byDepartment ? ui.show(guide.groupName)
                         : ui.tf("guides.list_meta_department", {{"department", ui.show(guide.department)}});
        const std::string promised = ui.tf("guides.list_meta_promised", {{"limit", ui.show(guide.promisedLimit)}});
        // Department and promised time on one line when they fit, else one line each.
        std::vector<std::string> meta;
        const std::string together = department + "　　" + promised;
        if (widgets::measure(ui.fonts.body, together).x <= textW)
            meta.push_back(together);
        else
            meta = {department, promised};
        const float nameH = widgets::paragraphHeight(name, ui.fonts.heading, textW, 0, 1.35f);
        const float metaLineH = ui.fonts.body->FontSize * 1.5f;
        float metaH = 0;
        for (const std::string& line : meta) metaH += widgets::paragraphHeight(line, ui.fonts.body, textW, 0, 1.5f);
        const float h = pad * 0.8f + nameH + ui.px(6) + std::max(metaH, metaLineH) + pad * 0.8f;
        bool pressed = false;
        if (widgets::card(ui, ("##guide" + std::to_string(guide.id)).c_str(), name, ImVec2(width, h), pressed)) {
            Route next;
            next.kind = ScreenKind::Guide;
            next.id = guide.id;
            next.title = guide.groupName;
            ui.push(next);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad * 0.8f));
        widgets::paragraph(ui, name, ui.fonts.heading, textW, theme::kText, 0, 1.35f);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y + ui.px(6)));
        for (const std::string& line : meta) {
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y));
            widgets::paragraph(ui, line, ui.fonts.body, textW, theme::kTextSecondary, 0, 1.5f);
        }
        widgets::textAt(ui, ImVec2(pos.x + width - pad - vs.x, pos.y + (h - vs.y) * 0.5f), chevron, ui.fonts.title,
                        theme::kLink);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(kCardGap)));
    }
    endListArea(ui);
}

// What 朗读 reads of a guide, one line each: the name (0), the summary box (1), the materials
// to bring in one sentence (2); neither is highlighted: the boxes have no paragraph for it.
// Then the steps (3 + i).
static std::string guideReadingText(UiContext& ui, const Guide& g) {
    auto line = [&](const std::string& s) {
        std::string shown = ui.show(s);
        std::replace(shown.begin(), shown.end(), '\n', ' ');  // one byte for one: ranges still fit
        return shown;
    };
    std::string text = line(g.name) + '\n';
    // The summary box in its order on screen: where, when, how long, what it costs, whom to ask.
    const std::pair<const char*, const std::string*> summary[] = {
        {"guide.department", &g.department}, {"guide.window", &g.window},   {"guide.hours", &g.hours},
        {"guide.statutory", &g.statutoryLimit}, {"guide.promised", &g.promisedLimit}, {"guide.fee", &g.fee},
        {"guide.hotline", &g.hotline}};
    for (const auto& [key, value] : summary)
        if (!value->empty()) text += ui.t(key) + "：" + line(*value) + "。";
    text += '\n';
    if (!g.materials.empty()) {
        text += ui.t("guide.materials") + "：";
        for (size_t i = 0; i < g.materials.size(); ++i) text += (i ? "、" : "") + line(g.materials[i].name);
        text += "。";
    }
    for (const std::string& step : g.steps) text += '\n' + line(step);
    return text;
}

void drawGuideScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    const auto guide = ui.store->guide(route.id);
    if (!guide) {
        drawTopBar(ui, ui.t("guides.title"), true);
        drawNotFound(ui, "content.not_found");
        return;
    }
    const Guide& g = *guide;
    drawTopBar(ui, ui.show(g.groupName), true);
    const float column = beginReadingPage(ui, "guide-" + std::to_string(route.serial), kColumnWidth, 28,
                                          ui.px(kTakeAwayBarHeight));
    widgets::text(ui, ui.t("guides.title") + " › " + ui.show(g.groupName), ui.fonts.small, theme::kTextSecondary);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    // The title size holds only the UI's characters: content titles use the heading size.
    readAloudHighlight(ui, 0, ui.show(g.name), ui.fonts.heading, column, 0, 1.4f);
    widgets::paragraph(ui, ui.show(g.name), ui.fonts.heading, column, theme::kText, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(28)));
    summaryBox(ui, g, column);

    ImGui::Dummy(ImVec2(1, ui.px(56)));
    const std::string materialsNote =
        g.materials.empty() ? "" : ui.tf("guide.materials_count", {{"n", std::to_string(g.materials.size())}});
    sectionHeading(ui, ui.t("guide.materials"), materialsNote);
    if (g.materials.empty())
        widgets::paragraph(ui, ui.t("guide.materials_empty"), ui.fonts.body, column, theme::kText);
    else
        materialsTable(ui, g.materials, column);

    if (!g.steps.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(56)));
        sectionHeading(ui, ui.t("guide.steps"), "");
        stepList(ui, g.steps, column, 3);  // paragraphs 0 name, 1 summary, 2 materials (guideReadingText)
    }

    if (!g.basis.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(32)));
        sectionHeading(ui, ui.t("guide.basis"), "");
        for (const std::string& basis : g.basis) {
            widgets::paragraph(ui, "· " + ui.show(basis), ui.fonts.body, column, theme::kText, 0, theme::kLineSpacing);
            ImGui::Dummy(ImVec2(1, ui.px(6)));
        }
    }

    // Where to ask when the page and the window disagree.
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    // The department's own number, and the 12345 service hotline of the content beside it.
    const std::string& service = ui.state.home.meta.hotline;
    const std::string reminder =
        g.hotline.empty() || g.hotline == service
            ? ui.tf("guide.reminder", {{"hotline", g.hotline.empty() ? service : g.hotline}})
            : ui.tf("guide.reminder_both", {{"hotline", g.hotline}, {"service", service}});
    const float pad = ui.px(28);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = widgets::paragraphHeight(reminder, ui.fonts.body, column - 2 * pad, 0, 1.5f) + 2 * pad;
    widgets::fillRect(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + column, pos.y + h), theme::kBannerWarn,
                                              ui.px(theme::kRounding));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
    widgets::paragraph(ui, reminder, ui.fonts.body, column - 2 * pad, theme::kText, 0, 1.5f);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h));
    ImGui::Dummy(ImVec2(1, ui.px(20)));
    endReadingPage(ui);
    // 扫码带走: the guide's online service address on the citizen's phone.
    const BarPrint print{ui.t("print.button.checklist"), Action::Kind::PrintGuide, g.id};
    const std::string readText = guideReadingText(ui, g);
    drawTakeAwayBar(ui, takeAwayFor(g.name, g.online), ui.t("qr.bar_hint.guide"), &print, &readText);
}

}  // namespace zwgk
