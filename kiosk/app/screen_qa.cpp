// 政策问答: the questions citizens ask, each answered by the office responsible. The list is
// a few dozen rows, read from the store each frame like the other short lists.
#include <algorithm>

#include "read_aloud_ui.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kColumnWidth = 1500;  // reference px: readable line length at body size

// "答复单位：县民政局　　答复日期：2026-03-12"
std::string sourceLine(const UiContext& ui, const QA& qa) {
    std::string line;
    if (!qa.source.empty()) line = ui.tf("qa.source", {{"source", ui.show(qa.source)}});
    if (!qa.date.empty()) line += (line.empty() ? "" : "　　") + ui.tf("qa.date", {{"date", qa.date}});
    return line;
}

// The topic badge followed by the source line, on one line at the cursor; returns its height.
float metaLine(UiContext& ui, const QA& qa, float width) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    float x = pos.x;
    if (!qa.topicName.empty()) {
        // Centred on the text line beside it.
        const std::string topic = ui.show(qa.topicName);
        const float badgeH = widgets::measure(ui.fonts.small, topic).y + ui.px(8);
        const float lineH = widgets::measure(ui.fonts.body, topic).y;
        const ImVec2 at(x, pos.y + (lineH - badgeH) * 0.5f + ui.px(2));
        x += widgets::badge(ui, at, topic, theme::kPrimary, ui.fonts.small) + ui.px(20);
    }
    const std::string line = widgets::clampLines(sourceLine(ui, qa), ui.fonts.body, pos.x + width - x, 1);
    widgets::textAt(ui, ImVec2(x, pos.y), line, ui.fonts.body, theme::kTextSecondary);
    const float h = ui.fonts.body->FontSize * 1.4f;
    ImGui::Dummy(ImVec2(width, h));
    return h;
}

}  // namespace

void drawQAListScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("qa.title"), true);
    const auto qas = ui.store->qas();
    const std::string header =
        ui.t("qa.hint") + (qas.empty() ? "" : "　" + ui.tf("qa.count", {{"n", std::to_string(qas.size())}}));
    beginListArea(ui, header, "qa-list-" + std::to_string(route.serial));
    const float width = ui.display.x - 2 * ui.px(theme::kMargin);
    if (qas.empty()) drawEmptyState(ui, ui.tf("qa.empty", {{"hotline", ui.state.home.meta.hotline}}), width);
    const float pad = ui.px(30);
    const std::string chevron = "›";
    const ImVec2 vs = widgets::measure(ui.fonts.title, chevron);
    const float textW = width - 2 * pad - vs.x - ui.px(24);
    for (const QA& qa : qas) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string question = ui.show(qa.question);
        const std::string shown = widgets::clampLines(question, ui.fonts.heading, textW, 2);
        const float qH = widgets::paragraphHeight(shown, ui.fonts.heading, textW, 0, 1.35f);
        const float h = pad + qH + ui.px(10) + ui.fonts.body->FontSize * 1.4f + pad;
        bool pressed = false;
        if (widgets::card(ui, ("##qa" + std::to_string(qa.id)).c_str(), question, ImVec2(width, h), pressed)) {
            Route next;
            next.kind = ScreenKind::QA;
            next.id = qa.id;
            next.title = qa.topicName;
            ui.push(next);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
        widgets::paragraph(ui, shown, ui.fonts.heading, textW, theme::kText, 0, 1.35f);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y + ui.px(10)));
        metaLine(ui, qa, textW);
        widgets::textAt(ui, ImVec2(pos.x + width - pad - vs.x, pos.y + (h - vs.y) * 0.5f), chevron, ui.fonts.title,
                        theme::kLink);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(20)));
    }
    endListArea(ui);
}

void drawQAScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("qa.title"), true);
    // qas() is the only query for questions; the list is short, so find the one by id.
    const auto qas = ui.store->qas();
    const auto it = std::find_if(qas.begin(), qas.end(), [&](const QA& q) { return q.id == route.id; });
    if (it == qas.end()) {
        drawNotFound(ui, "content.not_found");
        return;
    }
    const QA& qa = *it;
    const float column = beginReadingPage(ui, "qa-" + std::to_string(route.serial), kColumnWidth, 40,
                                          ui.px(kTakeAwayBarHeight));
    // 朗读 reads the question (line 0), then the answer's paragraphs (lines 1 + i).
    const std::string question = ui.show(qa.question);
    readAloudHighlight(ui, 0, question, ui.fonts.heading, column, 0, 1.45f);
    widgets::paragraph(ui, question, ui.fonts.heading, column, theme::kText, 0, 1.45f);
    std::string readText = question;
    std::replace(readText.begin(), readText.end(), '\n', ' ');
    ImGui::Dummy(ImVec2(1, ui.px(16)));
    metaLine(ui, qa, column);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    const ImVec2 rule = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(rule, ImVec2(rule.x + column, rule.y), theme::kBorder, ui.px(2));
    ImGui::Dummy(ImVec2(1, ui.px(32)));
    const float indent = ui.fonts.body->FontSize * 2;  // two-character paragraph indent
    for (size_t i = 0; i < qa.answer.size(); ++i) {
        const std::string para = ui.show(qa.answer[i]);
        readAloudHighlight(ui, i + 1, para, ui.fonts.body, column, indent, theme::kLineSpacing);
        widgets::paragraph(ui, para, ui.fonts.body, column, theme::kText, indent, theme::kLineSpacing);
        ImGui::Dummy(ImVec2(1, ui.px(14)));
        std::string line = para;
        std::replace(line.begin(), line.end(), '\n', ' ');  // one byte for one: ranges still fit
        readText += '\n' + line;
    }
    ImGui::Dummy(ImVec2(1, ui.px(20)));
    endReadingPage(ui);
    drawTakeAwayBar(ui, takeAwayFor(qa.question, qa.url), ui.t("qr.bar_hint.qa"), nullptr, &readText);
}

}  // namespace zwgk
