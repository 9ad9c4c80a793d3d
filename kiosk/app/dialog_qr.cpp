// 扫码带走: a citizen takes an item home on the phone by scanning a QR code of its web address
// (or, for a village item without one, of its summary text, marked as such). The dialog
// covers the screen: the item's title, a large code drawn as whole-pixel rectangles (black on
// pure white, 4-module quiet zone, error correction M), the address beneath it, how to scan,
// and 关闭. When there is no code to show it says why instead. Also here: the 扫码带走 button
// and the bottom bar of the guide and Q&A pages that open it.
#include <algorithm>
#include <cmath>
#include <strings.h>

#include "read_aloud_ui.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kMaxCodeShare = 0.60f;  // the dialog's code takes at most this share of the screen height
constexpr float kCardMargin = 20;       // reference px of dimmed screen around the dialog card
constexpr float kCardMaxWidth = 1560;   // reference px
constexpr float kPad = 32;              // reference px inside the card
constexpr float kCloseWidth = 420;      // the 关闭 button, reference px
constexpr float kCloseHeight = 100;
constexpr ImU32 kPrimaryHeld = theme::rgb(0x08386A);  // the primary colour while pressed

std::string trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// A phone opens these as web pages; anything else in an address field ("暂不支持网上办理")
// would give a useless code.
bool looksLikeAddress(const std::string& s) {
    auto startsWith = [&](const char* prefix) {
        const size_t n = std::char_traits<char>::length(prefix);
        return s.size() > n && strncasecmp(s.c_str(), prefix, n) == 0;
    };
    return startsWith("https://") || startsWith("http://") || startsWith("www.");
}

// A small QR pictogram, SIZE px square: three finder squares and a few modules.
void qrIcon(ImDrawList* dl, ImVec2 pos, float size, ImU32 color) {
    const float u = std::max(1.0f, std::floor(size / 9));  // 9 × 9 units
    pos = ImVec2(std::round(pos.x), std::round(pos.y));
    auto box = [&](float x, float y, float w, float h) {
        dl->AddRectFilled(ImVec2(pos.x + x * u, pos.y + y * u), ImVec2(pos.x + (x + w) * u, pos.y + (y + h) * u), color);
    };
    auto finder = [&](float x, float y) {  // 4 × 4 units: a ring and its centre
        box(x, y, 4, 1);
        box(x, y + 3, 4, 1);
        box(x, y + 1, 1, 2);
        box(x + 3, y + 1, 1, 2);
        box(x + 1.5f, y + 1.5f, 1, 1);
    };
    finder(0, 0);
    finder(5, 0);
    finder(0, 5);
    box(5, 5, 1.5f, 1.5f);
    box(7.5f, 5, 1.5f, 1.5f);
    box(6.25f, 6.25f, 1.5f, 1.5f);
    box(5, 7.5f, 1.5f, 1.5f);
    box(7.5f, 7.5f, 1.5f, 1.5f);
}

// What the dialog's code carries, as encoded: the summary as displayed (繁體 when on).
std::string encodedText(const UiContext& ui, const QrTakeAway& item) {
    return item.payload == QrPayload::SummaryText ? ui.show(item.text) : item.text;
}

}  // namespace

QrTakeAway takeAwayFor(const std::string& title, const std::string& address, const std::string& summary) {
    QrTakeAway item;
    item.title = title;
    const std::string a = trimmed(address);
    if (looksLikeAddress(a)) {
        item.text = a;
        item.payload = QrPayload::Address;
    } else if (!trimmed(summary).empty()) {
        item.text = trimmed(summary);
        item.payload = QrPayload::SummaryText;
    }
    return item;
}

const QrCacheEntry& cachedQr(UiContext& ui, const std::string& text) {
    auto& cache = ui.state.qr.cache;
    if (auto it = cache.find(text); it != cache.end()) return it->second;
    QrCacheEntry entry;
    if (!encodeQr(text, entry.matrix, entry.error)) {
        if (entry.error.empty()) entry.error = "not encoded";
        entry.matrix = QrMatrix{};
    }
    // Node-based map: the reference stays valid while other texts are added.
    return cache.emplace(text, std::move(entry)).first->second;
}

int drawQrCode(UiContext& ui, const QrCacheEntry& entry, const std::string& text, ImVec2 pos, float side) {
    if (!entry.ok()) return 0;
    const QrMatrix& m = entry.matrix;
    const int modules = m.size + 2 * kQrQuietZoneModules;
    const int module = static_cast<int>(std::floor(side / static_cast<float>(modules)));
    if (module < kQrMinModulePx) return 0;
    const float total = static_cast<float>(module * modules);
    // Whole pixels everywhere, so that every module edge is a crisp pixel edge.
    const ImVec2 at(std::round(pos.x + (side - total) * 0.5f), std::round(pos.y + (side - total) * 0.5f));
    const ImVec2 end(at.x + total, at.y + total);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, end, IM_COL32(255, 255, 255, 255));  // quiet zone and light modules
    const float ox = at.x + static_cast<float>(kQrQuietZoneModules * module);
    const float oy = at.y + static_cast<float>(kQrQuietZoneModules * module);
    const float mp = static_cast<float>(module);
    for (int y = 0; y < m.size; ++y) {
        int x = 0;
        while (x < m.size) {
            if (!m.at(x, y)) {
                ++x;
                continue;
            }
            int run = x;  // one rectangle per horizontal run of dark modules
            while (run < m.size && m.at(run, y)) ++run;
            dl->AddRectFilled(ImVec2(ox + static_cast<float>(x) * mp, oy + static_cast<float>(y) * mp),
                              ImVec2(ox + static_cast<float>(run) * mp, oy + static_cast<float>(y + 1) * mp),
                              IM_COL32(0, 0, 0, 255));
            x = run;
        }
    }
    ui.trace.addQr(text, at, end, module);
    return module;
}

void takeAwayButton(UiContext& ui, const char* id, const QrTakeAway& item, ImVec2 size) {
    size.y = std::max(size.y, ui.px(theme::kTouchMin));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, size);
    const bool held = ImGui::IsItemActive();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, pos, max, held ? kPrimaryHeld : theme::kPrimary, ui.px(theme::kRounding));
    const std::string label = ui.t("qr.button");
    ImFont* font = ui.fonts.heading;
    const ImVec2 ts = widgets::measure(font, label);
    const float icon = std::round(font->FontSize * 0.82f), gap = ui.px(16);
    // The symbol only where it fits beside the label (narrow buttons on portrait screens).
    const bool withIcon = icon + gap + ts.x <= size.x - 2 * ui.px(12);
    const float x = std::round(pos.x + (size.x - (withIcon ? icon + gap : 0) - ts.x) * 0.5f);
    if (withIcon) qrIcon(dl, ImVec2(x, pos.y + (size.y - icon) * 0.5f), icon, theme::kPrimaryText);
    dl->AddText(font, font->FontSize, ImVec2(x + (withIcon ? icon + gap : 0), pos.y + (size.y - ts.y) * 0.5f),
                theme::kPrimaryText, label.c_str());
    ui.trace.add(label, pos, max, true);
    if (clicked) {
        Action a;
        a.kind = Action::Kind::ShowQr;
        a.qr = item;
        ui.emit(std::move(a));
    }
}

void drawTakeAwayBar(UiContext& ui, const QrTakeAway& item, const std::string& hint, const BarPrint* print,
                     const std::string* readText) {
    const float barH = ui.px(kTakeAwayBarHeight);
    const ImVec2 pos = widgets::bottomBar(ui, barH);
    const float margin = ui.px(theme::kMargin), gap = ui.px(32);
    const float bw = std::min(ui.px(360), ui.display.x - 2 * margin);
    const float bh = ui.px(theme::kTouchMin);
    float bx = ui.display.x - margin - bw;
    ImGui::SetCursorScreenPos(ImVec2(bx, pos.y + (barH - bh) * 0.5f));
    takeAwayButton(ui, "##take-away", item, ImVec2(bw, bh));
    // The print button, left of 扫码带走, where this terminal prints for this visitor.
    if (print && printOffered(ui)) {
        const float pw = std::max(ui.px(300), widgets::measure(ui.fonts.heading, print->label).x + ui.px(64));
        bx -= gap + pw;
        ImGui::SetCursorScreenPos(ImVec2(bx, pos.y + (barH - bh) * 0.5f));
        printButton(ui, "##bar-print", print->label, print->kind, print->target, ImVec2(pw, bh));
    }
    if (readText) {
        const float rw = ui.px(300);
        bx -= gap + rw;
        ImGui::SetCursorScreenPos(ImVec2(bx, pos.y + (barH - bh) * 0.5f));
        readAloudControls(ui, *readText, ImVec2(rw, bh));
    }
    const float room = bx - gap - margin;
    if (room > ui.px(200)) {
        const std::string shown = widgets::clampLines(hint, ui.fonts.body, room, 1);
        const ImVec2 hs = widgets::measure(ui.fonts.body, shown);
        widgets::textAt(ui, ImVec2(bx - gap - hs.x, pos.y + (barH - hs.y) * 0.5f), shown, ui.fonts.body,
                        theme::kTextSecondary);
    }
}

void drawQrDialog(UiContext& ui) {
    if (!ui.state.qr.open) return;
    const QrTakeAway item = *ui.state.qr.open;
    ImDrawList* dl = widgets::beginModal(ui, "##qr-dialog");

    const float w = std::min(ui.px(kCardMaxWidth), ui.display.x - 2 * ui.px(kCardMargin));
    const float pad = ui.px(kPad), innerW = w - 2 * pad;
    const float maxH = ui.display.y - 2 * ui.px(kCardMargin);
    const float spacing = 1.4f;

    // What goes under the code, or in its place: the address, the summary mark, the reason.
    const std::string text = encodedText(ui, item);
    const QrCacheEntry* entry = item.payload == QrPayload::None ? nullptr : &cachedQr(ui, text);
    std::string reason;
    if (!entry)
        reason = ui.t("qr.no_address");
    else if (!entry->ok())
        reason = ui.t(item.payload == QrPayload::SummaryText ? "qr.summary_too_long" : "qr.too_long");
    const std::string title = widgets::clampLines(ui.show(item.title), ui.fonts.heading, innerW, 2);
    std::string address =
        item.payload == QrPayload::Address ? ui.tf("qr.address", {{"address", item.text}}) : std::string();
    const std::string note = item.payload == QrPayload::SummaryText ? ui.t("qr.summary_note") : std::string();
    const std::string instruction =
        ui.t(item.payload == QrPayload::SummaryText ? "qr.instruction_text" : "qr.instruction");
    const float titleH = widgets::paragraphHeight(title, ui.fonts.heading, innerW, 0, 1.35f);
    const float addressH = address.empty() ? 0 : widgets::paragraphHeight(address, ui.fonts.body, innerW, 0, spacing);
    const float noteH = note.empty() ? 0 : widgets::paragraphHeight(note, ui.fonts.body, innerW, 0, spacing);
    const float instructionH = widgets::paragraphHeight(instruction, ui.fonts.heading, innerW, 0, 1.35f);
    const float gap = ui.px(16), closeH = ui.px(kCloseHeight), closeW = std::min(ui.px(kCloseWidth), innerW);

    // The code: whole-pixel modules as large as the room left allows, at most 60% of the
    // screen height; if that would make them smaller than a phone reads, say so instead.
    const float textsH = pad + titleH + gap + gap + (addressH + noteH) + ui.px(8) + instructionH + ui.px(24) +
                         closeH + pad;
    int module = 0, modules = 0;
    if (reason.empty()) {
        modules = entry->matrix.size + 2 * kQrQuietZoneModules;
        const float room = std::min({maxH - textsH, ui.display.y * kMaxCodeShare, innerW});
        module = static_cast<int>(std::floor(room / static_cast<float>(modules)));
        if (module < kQrMinModulePx)
            reason = ui.t(item.payload == QrPayload::SummaryText ? "qr.summary_too_long" : "qr.too_long");
    }
    // Without a code, an address too long for one is shown in its first lines only.
    float addressShownH = addressH;
    if (!reason.empty() && !address.empty()) {
        address = widgets::clampLines(address, ui.fonts.body, innerW, 3);
        addressShownH = widgets::paragraphHeight(address, ui.fonts.body, innerW, 0, spacing);
    }
    const float boxPad = ui.px(36), boxW = std::min(innerW, ui.px(1100));
    const float reasonH =
        reason.empty() ? 0 : widgets::paragraphHeight(reason, ui.fonts.body, boxW - 2 * boxPad, 0, spacing) + 2 * boxPad;
    const float side = reason.empty() ? static_cast<float>(module * modules) : 0;
    const float h = reason.empty() ? textsH + side
                                   : pad + titleH + ui.px(28) + reasonH + (addressShownH > 0 ? gap + addressShownH : 0) +
                                         ui.px(36) + closeH + pad;
    const ImVec2 pos(std::round((ui.display.x - w) * 0.5f), std::round(std::max(0.0f, (ui.display.y - h) * 0.5f)));
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));

    float y = pos.y + pad;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    y += widgets::paragraph(ui, title, ui.fonts.heading, innerW, theme::kText, 0, 1.35f, widgets::Align::Center);
    if (reason.empty()) {
        y += gap;
        drawQrCode(ui, *entry, text, ImVec2(std::round(pos.x + (w - side) * 0.5f), std::round(y)), side);
        y += side + gap;
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
        if (!address.empty())
            y += widgets::paragraph(ui, address, ui.fonts.body, innerW, theme::kTextSecondary, 0, spacing,
                                    widgets::Align::Center);
        if (!note.empty())
            y += widgets::paragraph(ui, note, ui.fonts.body, innerW, theme::kExpired, 0, spacing,
                                    widgets::Align::Center);
        y += ui.px(8);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
        y += widgets::paragraph(ui, instruction, ui.fonts.heading, innerW, theme::kLink, 0, 1.35f,
                                widgets::Align::Center);
    } else {
        // No code: why, in a calm box where the code would be, and the address if there is one.
        y += ui.px(28);
        const ImVec2 box(std::round(pos.x + (w - boxW) * 0.5f), std::round(y));
        widgets::fillRect(dl, box, ImVec2(box.x + boxW, box.y + reasonH), theme::kBannerWarn, ui.px(theme::kRounding));
        ImGui::SetCursorScreenPos(ImVec2(box.x + boxPad, box.y + boxPad));
        widgets::paragraph(ui, reason, ui.fonts.body, boxW - 2 * boxPad, theme::kText, 0, spacing,
                           widgets::Align::Center);
        y += reasonH;
        if (addressShownH > 0) {
            y += gap;
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
            y += widgets::paragraph(ui, address, ui.fonts.body, innerW, theme::kTextSecondary, 0, spacing,
                                    widgets::Align::Center);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(std::round(pos.x + (w - closeW) * 0.5f), pos.y + h - pad - closeH));
    if (widgets::button(ui, "##qr-close", ui.t("qr.close"), ImVec2(closeW, closeH), theme::kPrimary,
                        theme::kPrimaryText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::CloseQr});
    ImGui::End();
}

}  // namespace zwgk
