// Headless test scripts: one command per line, parsed here (UI-free) and executed by
// kiosk/app/script_runner.cpp through the same input layer as real touches.
//
//   tap LABEL            tap the widget showing LABEL (exact text first, then a substring)
//   tap X Y              tap at screen coordinates (1920x1080 reference pixels)
//   drag X1 Y1 X2 Y2 MS  press at (X1,Y1), move to (X2,Y2) over MS milliseconds, release
//   type TEXT            type TEXT into the focused field (physical-keyboard path)
//   key NAME             press a named key: Escape/Back, Home, Backspace, Enter
//   wait MS              let MS milliseconds pass (animations, momentum)
//   shot NAME            write NAME.png into the screenshot folder
//   expect TEXT          fail unless TEXT is on screen
//   expect-not TEXT      fail if TEXT is on screen
//   await MS TEXT        wait up to MS milliseconds of real time until TEXT is on screen
//                        (for work on other threads, such as a print job); A|B: either
//   screen NAME          jump to a screen by name (home, browse, list-all, doc:KEY …)
//   # comment            ignored, as are blank lines
#pragma once

#include <string>
#include <vector>

namespace zwgk {

enum class ScriptOp { TapLabel, TapPoint, Drag, Type, Key, Wait, Shot, Expect, ExpectNot, Screen, Await };

struct ScriptCommand {
    ScriptOp op = ScriptOp::Wait;  // what to do
    std::string text;              // label, text, key, shot or screen name
    float x1 = 0, y1 = 0;          // tap point or drag start (reference pixels)
    float x2 = 0, y2 = 0;          // drag end
    int ms = 0;                    // wait, drag or await duration
    int line = 0;                  // 1-based line in the script file, for messages
};

struct ScriptParseResult {
    std::vector<ScriptCommand> commands;  // in file order
    std::vector<std::string> errors;      // "line 3: unknown command 'tapp'"
};

ScriptParseResult parseScript(const std::string& text);

}  // namespace zwgk
