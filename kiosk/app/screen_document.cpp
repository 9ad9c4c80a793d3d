// One document: validity banner, title, metadata header, body laid out with 避头尾 line
// breaking, signature, attachments, links to its 解读 and back, and previous/next within the
// list it was opened from.
#include <algorithm>

#include "imgui_internal.h"
#include "read_aloud_ui.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kColumnWidth = 1500;  // reference px: about 44 characters a line at body size
constexpr float kNavBarHeight = 128;

void loadDocument(UiContext& ui, int64_t id) {
    if (ui.state.document && ui.state.document->doc.id == id) return;
    ui.state.document.reset();
    auto doc = ui.store->document(id);
    if (!doc) return;
    LoadedDocument loaded{*doc, ui.store->documentSummaries(doc->interpretationIds), std::nullopt};
    if (doc->interpretsId) {
        const auto original = ui.store->documentSummaries({*doc->interpretsId});
        if (!original.empty()) loaded.original = original.front();
    }
    ui.state.document = std::move(loaded);
}

void metadataTable(UiContext& ui, const Document& doc, float width) {
    struct Field {
        const char* label;  // strings key
        std::string value;  // as shown
    };
    const std::string none = ui.t("doc.none");
    const Field fields[] = {
        {"doc.index_no", doc.indexNo},
        {"doc.doc_no", doc.docNo.empty() ? none : ui.show(doc.docNo)},
        {"doc.agency", ui.show(doc.agencyName)},
        {"doc.topic", ui.show(doc.topicName)},
        {"doc.created", doc.created},
        {"doc.published", doc.published},
        {"doc.disclosure", ui.show(doc.disclosure)},
        {"doc.area", doc.areaName.empty() ? none : ui.show(doc.areaName)},
    };
    const float pad = ui.px(28), rowH = ui.px(60);
    const float colW = (width - 2 * pad) / 2;
    const int rows = 5;  // 8 fields in two columns, then validity on its own row
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = 2 * pad + rows * rowH;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, pos, ImVec2(pos.x + width, pos.y + h), theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    const float labelW = ui.px(150);
    for (int i = 0; i < 8; ++i) {
        const ImVec2 cell(pos.x + pad + (i % 2) * colW, pos.y + pad + (i / 2) * rowH);
        widgets::textAt(ui, cell, ui.t(fields[i].label), ui.fonts.small, theme::kTextSecondary);
        const std::string value = widgets::clampLines(fields[i].value, ui.fonts.small, colW - labelW - pad, 1);
        widgets::textAt(ui, ImVec2(cell.x + labelW, cell.y), value, ui.fonts.small, theme::kText);
    }
    const ImVec2 cell(pos.x + pad, pos.y + pad + 4 * rowH);
    widgets::textAt(ui, cell, ui.t("doc.validity"), ui.fonts.small, theme::kTextSecondary);
    widgets::badge(ui, ImVec2(cell.x + labelW, cell.y - ui.px(4)), validityLabel(ui, doc.validity),
                   validityColor(doc.validity), ui.fonts.small);
    ImGui::Dummy(ImVec2(width, h));
}

void linkButton(UiContext& ui, const std::string& prefix, const DocumentSummary& target, float width) {
    const std::string label = prefix + "：" + ui.show(target.title);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = false;
    const float pad = ui.px(28);
    const std::string shown = widgets::clampLines(label, ui.fonts.body, width - 2 * pad, 2);
    const float h = std::max(ui.px(theme::kTouchMin),
                             widgets::paragraphHeight(shown, ui.fonts.body, width - 2 * pad, 0, 1.35f) + ui.px(28));
    if (widgets::card(ui, ("##link" + std::to_string(target.id)).c_str(), label, ImVec2(width, h), pressed)) {
        Route route;
        route.kind = ScreenKind::Document;
        route.id = target.id;
        ui.push(route);
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + ui.px(14)));
    widgets::paragraph(ui, shown, ui.fonts.body, width - 2 * pad, theme::kLink, 0, 1.35f);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(16)));
}

// What 朗读 reads: the title, then each paragraph of the body, one a line, as displayed (the
// highlight's line numbers: 0 the title, 1 + i body paragraph i).
std::string readingText(UiContext& ui, const Document& doc) {
    std::string text = ui.show(doc.title);
    for (const std::string& para : doc.body) {
        std::string shown = ui.show(para);
        std::replace(shown.begin(), shown.end(), '\n', ' ');  // one byte for one: ranges still fit
        text += '\n' + shown;
    }
    return text;
}

void navigationBar(UiContext& ui, const Route& route, const Document& doc) {
    const float barH = ui.px(kNavBarHeight);
    const ImVec2 pos = widgets::bottomBar(ui, barH);
    const float margin = ui.px(theme::kMargin), gap = ui.px(24);
    // Five buttons (six where this terminal prints for this visitor); narrower on a portrait
    // screen so that they always fit.
    const bool print = printOffered(ui);
    const int buttons = print ? 6 : 5;
    const int rightButtons = buttons - 2;
    const float bw = std::min(ui.px(300), (ui.display.x - 2 * margin - (buttons - 1) * gap) / buttons);
    const float bh = ui.px(theme::kTouchMin);
    const float by = pos.y + (barH - bh) * 0.5f;
    auto goTo = [&](int index) {
        const auto& cache = ui.state.lists[route.listSerial];
        const int page = index / 100;
        auto it = cache.pages.find(page);
        std::vector<DocumentSummary> rows =
            it != cache.pages.end() ? it->second : ui.store->listDocuments(cache.filter, page * 100, 100);
        if (index % 100 >= static_cast<int>(rows.size())) return;
        Route next = route;
        next.id = rows[index % 100].id;
        next.listIndex = index;
        Action a;
        a.kind = Action::Kind::ReplaceTop;
        a.route = next;
        ui.emit(a);
    };
    if (route.listSerial != 0) {
        const int total = ui.state.lists[route.listSerial].total;
        const std::string prev = "‹ " + ui.t("doc.prev"), next = ui.t("doc.next") + " ›";
        ImGui::SetCursorScreenPos(ImVec2(margin, by));
        if (route.listIndex > 0) {
            if (widgets::button(ui, "##prev", prev, ImVec2(bw, bh), theme::kPrimary, theme::kPrimaryText,
                                ui.fonts.heading))
                goTo(route.listIndex - 1);
        } else {
            widgets::disabledButton(ui, prev, ImVec2(bw, bh), ui.fonts.heading);
        }
        ImGui::SetCursorScreenPos(ImVec2(margin + bw + gap, by));
        if (route.listIndex + 1 < total) {
            if (widgets::button(ui, "##next", next, ImVec2(bw, bh), theme::kPrimary, theme::kPrimaryText,
                                ui.fonts.heading))
                goTo(route.listIndex + 1);
        } else {
            widgets::disabledButton(ui, next, ImVec2(bw, bh), ui.fonts.heading);
        }
        // Where the reader is in the list, if there is room between the buttons.
        const std::string position = ui.tf("doc.position", {{"i", std::to_string(route.listIndex + 1)},
                                                            {"n", std::to_string(total)}});
        const ImVec2 ps = widgets::measure(ui.fonts.small, position);
        const float left = margin + 2 * bw + 2 * gap, right = ui.display.x - margin - rightButtons * (bw + gap);
        if (right - left >= ps.x)
            widgets::textAt(ui, ImVec2(left + (right - left - ps.x) * 0.5f, pos.y + (barH - ps.y) * 0.5f), position,
                            ui.fonts.small, theme::kTextSecondary);
    }
    // 朗读 first of the buttons on the right, where a reader's eye goes after the text.
    ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - rightButtons * bw - (rightButtons - 1) * gap, by));
    readAloudControls(ui, readingText(ui, doc), ImVec2(bw, bh));
    if (print) {
        ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - 3 * bw - 2 * gap, by));
        printButton(ui, "##print", ui.t("print.button.document"), Action::Kind::PrintDocument, doc.id, ImVec2(bw, bh));
    }
    // 扫码带走 beside 回到顶部: the page's address on the citizen's phone.
    ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - 2 * bw - gap, by));
    takeAwayButton(ui, "##take-away", takeAwayFor(doc.title, doc.url), ImVec2(bw, bh));
    ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - bw, by));
    if (widgets::button(ui, "##top", ui.t("doc.top"), ImVec2(bw, bh), theme::kSurfacePressed, theme::kText,
                        ui.fonts.heading))
        ui.emit(Action{Action::Kind::ScrollToTop});
}

}  // namespace

void drawDocumentScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    loadDocument(ui, route.id);
    if (!ui.state.document) {
        drawTopBar(ui, ui.t("browse.title"), true);
        drawNotFound(ui);
        return;
    }
    const LoadedDocument& loaded = *ui.state.document;
    const Document& doc = loaded.doc;
    drawTopBar(ui, ui.show(doc.agencyName), true);

    const float column = beginReadingPage(ui, "doc-" + std::to_string(route.serial) + "-" + std::to_string(doc.id),
                                          kColumnWidth, 36, ui.px(kNavBarHeight));
    if (ui.state.scrollToTop) {
        ImGui::SetScrollY(0);
        ui.state.scrollToTop = false;
    }
    if (doc.validity != Validity::Valid) {
        // Expired and repealed documents stay readable but must not be mistaken for law in force.
        const std::string banner = ui.t(doc.validity == Validity::Expired ? "doc.expired.banner" : "doc.repealed.banner");
        const std::string note = ui.show(doc.validNote);
        const float pad = ui.px(28);
        const float textW = column - 2 * pad;
        const float h = widgets::paragraphHeight(banner, ui.fonts.body, textW, 0, 1.4f) +
                        (note.empty() ? 0 : widgets::paragraphHeight(note, ui.fonts.small, textW, 0, 1.4f)) + 2 * pad;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        widgets::fillRect(dl, pos, ImVec2(pos.x + column, pos.y + h), theme::kBannerWarn, ui.px(theme::kRounding));
        widgets::fillRect(dl, pos, ImVec2(pos.x + ui.px(12), pos.y + h), validityColor(doc.validity), ui.px(theme::kRounding),
                          ImDrawFlags_RoundCornersLeft);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
        widgets::paragraph(ui, banner, ui.fonts.body, textW, validityColor(doc.validity), 0, 1.4f);
        if (!note.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y));
            widgets::paragraph(ui, note, ui.fonts.small, textW, theme::kText, 0, 1.4f);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(28)));
    }
    readAloudHighlight(ui, 0, ui.show(doc.title), ui.fonts.heading, column, 0, 1.45f, widgets::Align::Center);
    widgets::paragraph(ui, ui.show(doc.title), ui.fonts.heading, column, theme::kText, 0, 1.45f,
                       widgets::Align::Center);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    metadataTable(ui, doc, column);
    ImGui::Dummy(ImVec2(1, ui.px(36)));

    const float indent = ui.fonts.body->FontSize * 2;  // two-character paragraph indent
    for (size_t i = 0; i < doc.body.size(); ++i) {
        const std::string para = ui.show(doc.body[i]);
        readAloudHighlight(ui, i + 1, para, ui.fonts.body, column, indent, theme::kLineSpacing);
        widgets::paragraph(ui, para, ui.fonts.body, column, theme::kText, indent, theme::kLineSpacing);
        ImGui::Dummy(ImVec2(1, ui.px(10)));
    }
    if (!doc.signature.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(20)));
        for (const std::string& line : doc.signature)
            widgets::paragraph(ui, ui.show(line), ui.fonts.body, column, theme::kText, 0, theme::kLineSpacing,
                               widgets::Align::Right);
    }
    if (!doc.attachments.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(28)));
        widgets::text(ui, ui.t("doc.attachments"), ui.fonts.heading, theme::kText);
        ImGui::Dummy(ImVec2(1, ui.px(12)));
        // Each attachment (一图读懂) as a card with the top of the image; tapping opens the viewer.
        for (size_t i = 0; i < doc.attachments.size(); ++i) attachmentCard(ui, doc, static_cast<int>(i), column);
    }
    if (!loaded.interpretations.empty() || loaded.original) {
        ImGui::Dummy(ImVec2(1, ui.px(28)));
        for (const DocumentSummary& target : loaded.interpretations)
            linkButton(ui, ui.t("doc.interpretations"), target, column);
        if (loaded.original) linkButton(ui, ui.t("doc.interprets"), *loaded.original, column);
    }
    endReadingPage(ui);
    navigationBar(ui, route, doc);
}

}  // namespace zwgk
