// The report staff see after the terminal handled a USB stick from the office: what the
// content update did (版本 1 → 2, 已是最新, or why nothing was applied), how many sealed
// applications went onto the stick and where, whether the terminal's status was written,
// and that the stick may be pulled out. One 完成 button closes it.
#include <filesystem>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

struct ReportRow {
    std::string label;    // 内容更新, 申请导出, 终端状态
    std::string value;    // what happened
    std::string note;     // a smaller second line (where the files are), may be empty
    bool problem = false; // nothing done, or not everything: shown in brown
};

std::vector<ReportRow> reportRows(const UiContext& ui, const UsbSyncReport& report) {
    std::vector<ReportRow> rows;
    const UpdateReport& u = report.imported.update;
    ReportRow content{ui.t("usb.content"), {}, {}, false};
    switch (u.outcome) {
    case SyncOutcome::Applied:
        content.value = u.fromVersion > 0 ? ui.tf("usb.applied", {{"from", std::to_string(u.fromVersion)},
                                                                   {"to", std::to_string(u.toVersion)}})
                                          : ui.tf("usb.applied_first", {{"to", std::to_string(u.toVersion)}});
        break;
    case SyncOutcome::UpToDate:
        content.value = ui.tf("usb.up_to_date", {{"v", std::to_string(u.toVersion)}});
        break;
    case SyncOutcome::Refused:
    case SyncOutcome::Failed:
        // The library's sentence in Chinese (内容包签名无效，未更新。U盘上没有内容包。…).
        content.value = ui.show(u.message.empty() ? ui.strings.get("usb.import_failed") : u.message);
        content.problem = true;
        break;
    }
    rows.push_back(content);

    const UsbExportReport& e = report.exported;
    ReportRow apps{ui.t("usb.applications"), {}, {}, false};
    const int exported = e.applications + e.alreadyThere;
    if (!report.exportRan) {
        apps.value = ui.t("usb.export_skipped");
        apps.problem = true;
    } else if (!e.error.empty()) {
        // The library's sentence: 本机未设置终端编号，无法导出。/ U盘空间不足或无法写入：已导出 N 份申请，
        // 其余仍保存在本机，请换U盘后重试。/ …；终端状态未能写入。
        apps.value = ui.show(e.message.empty() ? ui.strings.get("usb.export_failed") : e.message);
        apps.problem = true;
    } else {
        apps.value = exported > 0 ? ui.tf("usb.exported", {{"n", std::to_string(exported)}}) : ui.t("usb.exported_none");
    }
    if (!e.folder.empty() && exported > 0) {
        const std::string relative = std::filesystem::path(e.folder).lexically_relative(report.stick).generic_string();
        apps.note = ui.tf("usb.export_folder", {{"folder", relative}});
    }
    rows.push_back(apps);
    if (report.exportRan && !e.folder.empty())
        rows.push_back({ui.t("usb.status"), e.heartbeat ? ui.t("usb.status_written") : ui.t("usb.status_failed"), {},
                        !e.heartbeat});
    return rows;
}

}  // namespace

void drawUsbReportDialog(UiContext& ui) {
    if (!ui.state.usbReport) return;
    const UsbSyncReport& report = *ui.state.usbReport;
    ImDrawList* dl = widgets::beginModal(ui, "##usb-report");

    const float w = std::min(ui.px(1280), ui.display.x - ui.px(2 * theme::kMargin));
    const float pad = ui.px(56);
    const float labelW = ui.px(220);
    const float valueW = w - 2 * pad - labelW;
    const std::vector<ReportRow> rows = reportRows(ui, report);
    const float lineSpacing = 1.45f;
    float rowsH = 0;
    for (const ReportRow& row : rows) {
        rowsH += widgets::paragraphHeight(row.value, ui.fonts.body, valueW, 0, lineSpacing) + ui.px(28);
        if (!row.note.empty()) rowsH += widgets::paragraphHeight(row.note, ui.fonts.small, valueW, 0, 1.4f);
    }
    const std::string hint = ui.t("usb.done_hint");
    const float titleH = ui.px(60), gap = ui.px(36);
    const float hintH = widgets::paragraphHeight(hint, ui.fonts.body, w - 2 * pad, 0, lineSpacing);
    const float h = pad + titleH + gap + rowsH + ui.px(8) + hintH + ui.px(40) + ui.px(theme::kTouchMin) + pad;
    const ImVec2 pos((ui.display.x - w) * 0.5f, std::max(ui.px(20), (ui.display.y - h) * 0.5f));
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));

    float y = pos.y + pad;
    widgets::textAt(ui, ImVec2(pos.x + pad, y), ui.t("usb.title"), ui.fonts.heading, theme::kText);
    const std::string staff = ui.t("usb.for_staff");
    const ImVec2 ss = widgets::measure(ui.fonts.small, staff);
    widgets::textAt(ui, ImVec2(pos.x + w - pad - ss.x, y + (ui.fonts.heading->FontSize - ss.y) * 0.5f), staff,
                    ui.fonts.small, theme::kTextSecondary);
    y += titleH + gap;
    dl->AddLine(ImVec2(pos.x + pad, y - gap * 0.5f), ImVec2(pos.x + w - pad, y - gap * 0.5f), theme::kBorder,
                ui.px(2));
    for (const ReportRow& row : rows) {
        widgets::textAt(ui, ImVec2(pos.x + pad, y + (ui.fonts.body->FontSize * lineSpacing - ui.fonts.body->FontSize) * 0.5f),
                        row.label, ui.fonts.body, theme::kTextSecondary);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad + labelW, y));
        y += widgets::paragraph(ui, row.value, ui.fonts.body, valueW, row.problem ? theme::kExpired : theme::kText, 0,
                                lineSpacing);
        if (!row.note.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad + labelW, y));
            y += widgets::paragraph(ui, row.note, ui.fonts.small, valueW, theme::kTextSecondary, 0, 1.4f);
        }
        y += ui.px(28);
    }
    y += ui.px(8);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    widgets::paragraph(ui, hint, ui.fonts.body, w - 2 * pad, theme::kText, 0, lineSpacing);

    const float bw = ui.px(360);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + (w - bw) * 0.5f, pos.y + h - pad - ui.px(theme::kTouchMin)));
    if (widgets::button(ui, "##usb-report-done", ui.t("usb.done"), ImVec2(bw, ui.px(theme::kTouchMin)),
                        theme::kPrimary, theme::kPrimaryText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::CloseUsbReport});
    ImGui::End();
}

}  // namespace zwgk
