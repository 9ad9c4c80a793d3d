// What the script runner needs from the platform: draw a frame at a given clock time and
// save the last frame as PNG. The SDL platform implements it; tests use the same one.
#pragma once

#include <string>

namespace zwgk {

class FrameDriver {
public:
    virtual ~FrameDriver() = default;
    // Runs App::frame(now) and renders the result (off-screen when headless).
    virtual void renderFrame(double now) = 0;
    // Writes the most recently rendered frame to PATH as PNG.
    virtual bool saveScreenshot(const std::string& path, std::string& error) = 0;
};

}  // namespace zwgk
