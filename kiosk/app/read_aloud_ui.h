// 朗读 on the reading screens (document, guide, Q&A answer): the control in the bottom bar and
// the highlight of the sentence being heard. The player is kiosk/app/read_aloud.h; the screens
// pass their text as drawn, one paragraph a line, and mark each paragraph with its line number.
#pragma once

#include <string>

#include "ui_context.h"
#include "widgets.h"

namespace zwgk {

// At the cursor, SIZE: 朗读 while this screen is not being read; 暂停 (继续 when paused) and
// 停止 side by side while it is. TEXT: the paragraphs as drawn, one a line.
void readAloudControls(UiContext& ui, const std::string& text, ImVec2 size);

// Call right before widgets::paragraph with the same arguments at the same cursor: when the
// sentence heard lies in line LINE of the text being read, draws its background and scrolls
// it into view once when it starts.
void readAloudHighlight(UiContext& ui, size_t line, const std::string& s, ImFont* font, float width,
                        float indent = 0, float lineSpacing = 1.6f, widgets::Align align = widgets::Align::Left);

}  // namespace zwgk
