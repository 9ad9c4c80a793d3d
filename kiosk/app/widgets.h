// Touch widgets shared by the screens. Every widget records what it shows in the UiTrace,
// and every tappable one is at least theme::kTouchMin reference pixels high.
#pragma once

#include <string>

#include "imgui.h"
#include "keyboard.h"
#include "ui_context.h"

namespace zwgk::widgets {

// AddRectFilled with the same arguments, but a rounded rectangle is drawn as rectangles
// plus four small corner fans: ImGui's single fan makes every triangle nearly as large
// as the card, and the software renderer pays per bounding-box pixel.
void fillRect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 color, float rounding = 0, ImDrawFlags flags = 0);
// The fixed bar along the bottom of the screen, HEIGHT window pixels: surface colour with a
// rule on top. Returns its top-left corner.
ImVec2 bottomBar(UiContext& ui, float height);

// A modal layer over everything: a window covering the screen, focused and on top (so ImGui
// hovers nothing beneath it), dimmed, with the QR codes beneath it no longer readable in the
// trace. Returns its draw list; pair with ImGui::End().
ImDrawList* beginModal(UiContext& ui, const char* id);

// Plain text at the cursor (no wrapping), recorded in the trace.
void text(UiContext& ui, const std::string& s, ImFont* font, ImU32 color);
// Plain text at an absolute position through the window draw list.
void textAt(UiContext& ui, ImVec2 pos, const std::string& s, ImFont* font, ImU32 color);
ImVec2 measure(ImFont* font, const std::string& s);

// One half of a two-way switch (列表 | 二维码墙) at POS: filled when SELECTED, outlined when
// not. True when tapped while not selected (tapping the selected half changes nothing).
bool segment(UiContext& ui, const char* id, const std::string& label, ImVec2 pos, ImVec2 size, bool selected);

// A rounded button with centred text. Returns true when tapped.
bool button(UiContext& ui, const char* id, const std::string& label, ImVec2 size,
            ImU32 background, ImU32 foreground, ImFont* font);
// The same shape, greyed and inert: a step that is not possible here (no 上一篇 on the
// first document) stays visible so the layout does not jump.
void disabledButton(UiContext& ui, const std::string& label, ImVec2 size, ImFont* font);
// A bordered row or card; the caller draws its content inside [min,max] after the call.
// Returns true when tapped; PRESSED tells whether it is held down now.
bool card(UiContext& ui, const char* id, const std::string& traceLabel, ImVec2 size, bool& pressed);

// A coloured pill such as 失效 or 即将开放; returns its width.
float badge(UiContext& ui, ImVec2 pos, const std::string& s, ImU32 color, ImFont* font);

// Body text laid out with 避头尾 line breaking. Draws at the cursor within WIDTH, advances
// the cursor, returns the height. INDENT is the first-line indent in pixels.
enum class Align { Left, Center, Right };
float paragraph(UiContext& ui, const std::string& s, ImFont* font, float width, ImU32 color,
                float indent = 0, float lineSpacing = 1.6f, Align align = Align::Left);
// Height paragraph() would take, without drawing.
float paragraphHeight(const std::string& s, ImFont* font, float width, float indent = 0,
                      float lineSpacing = 1.6f);
// At most MAXLINES lines of S, the last one ending in "…" when cut; for list rows.
std::string clampLines(const std::string& s, ImFont* font, float width, int maxLines);

// A text field: tapping it brings up the on-screen keyboard for it. Shows the text, the
// pinyin being composed (underlined) while focused, or PLACEHOLDER when empty.
void textField(UiContext& ui, TextField& field, ImVec2 size, const std::string& placeholder);

// A text field for several lines (descriptions): the text wraps inside SIZE; the last lines
// stay in view while the citizen writes past the bottom.
void textArea(UiContext& ui, TextField& field, ImVec2 size, const std::string& placeholder);

// A scrollable area with drag-to-scroll and momentum. Pair with endScroll.
void beginScroll(UiContext& ui, const char* id, ImVec2 size);
void endScroll(UiContext& ui);

}  // namespace zwgk::widgets
