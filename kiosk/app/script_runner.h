// Runs a parsed headless script against the App on a virtual clock: every command feeds the
// same input layer as real touches, then frames are drawn until the screen settles, 60 per
// virtual second. Virtual time makes drags, momentum and waits exact and fast.
#pragma once

#include <string>
#include <vector>

#include "app.h"
#include "frame_driver.h"
#include "script.h"

namespace zwgk {

struct ScriptResult {
    bool ok = true;                    // every command succeeded
    std::string failure;               // "line 4: …" when not ok
    std::vector<std::string> shots;    // files written
    int frames = 0;                    // frames rendered
};

class ScriptRunner {
public:
    ScriptRunner(App& app, FrameDriver& driver, std::string shotDir)
        : app_(app), driver_(driver), shotDir_(std::move(shotDir)) {}
    ScriptResult run(const std::vector<ScriptCommand>& commands);
    // Single steps, for tests that interleave assertions.
    bool step(const ScriptCommand& command, std::string& error);
    void settle();
    void frame();  // one frame at the virtual clock, which then advances by 1/60 s
    double now() const { return now_; }

private:
    void tapAt(float x, float y);
    void advance(int ms);

    App& app_;                 // the terminal under test
    FrameDriver& driver_;      // renders frames, saves screenshots
    std::string shotDir_;      // where `shot` writes
    double now_ = 1.0;         // virtual clock, seconds
    ScriptResult result_;      // accumulated by run()
};

}  // namespace zwgk
