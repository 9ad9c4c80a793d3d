// One entry of the 政务公开事项标准目录, as a two-column table of its nine elements.
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

std::string joined(const UiContext& ui, const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "、") + p;
    return ui.show(out);
}

}  // namespace

void drawCatalogueEntryScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    const auto entry = ui.store->catalogueEntry(route.id);
    drawTopBar(ui, ui.t("entry.title"), true);
    if (!entry) {
        drawNotFound(ui);
        return;
    }
    const float width = beginReadingPage(ui, "entry-" + std::to_string(route.serial), 1600, 32);
    widgets::text(ui, ui.t("entry.area") + "：" + ui.show(entry->areaName), ui.fonts.small, theme::kTextSecondary);
    ImGui::Dummy(ImVec2(1, ui.px(8)));
    widgets::paragraph(ui, ui.show(entry->itemL1 + " · " + entry->itemL2), ui.fonts.heading, width, theme::kText, 0,
                       1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(20)));

    struct Row {
        const char* label;  // strings key
        std::string value;  // as shown
    };
    const Row rows[] = {
        {"entry.item", ui.t("entry.item_l1") + "：" + ui.show(entry->itemL1) + "\n" + ui.t("entry.item_l2") + "：" +
                           ui.show(entry->itemL2)},
        {"entry.content", ui.show(entry->content)},
        {"entry.basis", ui.show(entry->basis)},
        {"entry.time_limit", ui.show(entry->timeLimit)},
        {"entry.subject", ui.show(entry->subject)},
        {"entry.channels", joined(ui, entry->channels)},
        {"entry.audience", ui.show(entry->audience)},
        {"entry.method", ui.show(entry->method)},
        {"entry.levels", joined(ui, entry->levels)},
    };
    const float labelW = ui.px(330), pad = ui.px(24);
    const float valueW = width - labelW - 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const Row& row : rows) {
        // Values may hold a line break (the two levels of the item); lay out each line.
        std::vector<std::string> lines;
        size_t start = 0;
        for (size_t nl; (nl = row.value.find('\n', start)) != std::string::npos; start = nl + 1)
            lines.push_back(row.value.substr(start, nl - start));
        lines.push_back(row.value.substr(start));
        float valueH = 0;
        for (const auto& line : lines) valueH += widgets::paragraphHeight(line, ui.fonts.body, valueW, 0, 1.45f);
        const float h = valueH + 2 * pad;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        widgets::fillRect(dl, pos, ImVec2(pos.x + labelW, pos.y + h), theme::kSurfacePressed);
        widgets::fillRect(dl, ImVec2(pos.x + labelW, pos.y), ImVec2(pos.x + width, pos.y + h), theme::kSurface);
        dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), theme::kBorder, 0, 0, ui.px(2));
        // Same baseline as the value's first line, which sits centred in a 1.45 line box.
        const float leading = ui.fonts.body->FontSize * 0.45f * 0.5f;
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + pad + leading), ui.t(row.label), ui.fonts.body, theme::kText);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + labelW + pad, pos.y + pad));
        for (const auto& line : lines) {
            ImGui::SetCursorScreenPos(ImVec2(pos.x + labelW + pad, ImGui::GetCursorScreenPos().y));
            widgets::paragraph(ui, line, ui.fonts.body, valueW, theme::kText, 0, 1.45f);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h - ui.px(2)));
    }
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    if (route.filter.areaId) {
        if (widgets::button(ui, "##related", ui.t("entry.related"), ImVec2(ui.px(700), ui.px(theme::kTouchMin)),
                            theme::kPrimary, theme::kPrimaryText, ui.fonts.heading)) {
            Route next;
            next.kind = ScreenKind::DocumentList;
            next.filter.areaId = route.filter.areaId;
            next.title = entry->areaName;
            ui.push(next);
        }
    }
    endReadingPage(ui);
}

}  // namespace zwgk
