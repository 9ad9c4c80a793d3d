// The only place that sees SDL: window, software or accelerated renderer, event pump,
// font texture upload and screenshots. Headless runs use SDL's offscreen video driver and
// the software renderer, exactly the drawing path of a terminal without a GPU.
#pragma once

#include <string>

#include "app.h"
#include "frame_driver.h"
#include "image_textures.h"
#include "sdl_audio.h"
#include "systemd_watchdog.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;

namespace zwgk {

struct PlatformOptions {
    bool headless = false;   // offscreen driver, software renderer
    bool fullscreen = true;  // kiosk default; --windowed W H turns it off
    int width = 1920;        // window size when not fullscreen, and the headless size
    int height = 1080;
};

class SdlPlatform : public FrameDriver, public TextureHost {
public:
    ~SdlPlatform() override;
    // Creates the window, the renderer and the ImGui context. ERROR on failure.
    bool open(const PlatformOptions& options, std::string& error);
    ImVec2 displaySize() const;
    // Also gives the app a thread-safe way to wake the event loop (an SDL user event).
    void attach(App& app);

    // Interactive loop: waits for events when nothing changes, so an idle terminal draws
    // nothing. Returns when the window is closed. RUNFORMS > 0 stops after that long
    // (benchmarks); FRAMES counts frames rendered, IDLEFRAMES those drawn after the app first
    // had nothing left to draw (an idle terminal should draw none).
    void runInteractive(int runForMs, long* frames = nullptr, long* idleFrames = nullptr);

    // FrameDriver
    void renderFrame(double now) override;
    bool saveScreenshot(const std::string& path, std::string& error) override;

    // TextureHost: content images (一图读懂) as SDL textures.
    ImTextureID createTexture(const DecodedImage& image) override;
    void destroyTexture(ImTextureID texture) override;
    int maxTextureSide() const override;

    double clockSeconds() const;  // monotonic seconds since open()
    bool pumpEvents(double now);  // feeds pending events to the app; false on quit

private:
    void uploadFontTexture();

    PlatformOptions options_;          // as opened
    SDL_Window* window_ = nullptr;     // the one window
    SDL_Renderer* renderer_ = nullptr; // software when headless
    SDL_Texture* fontTexture_ = nullptr;  // the glyph atlas
    App* app_ = nullptr;               // receives events, draws frames
    SdlAudio audio_;                   // 朗读's sound device, opened while reading
    bool imguiReady_ = false;          // ImGui context and backends initialised
    unsigned long long startCounter_ = 0;  // performance counter at open()
    SystemdWatchdog watchdog_;         // pinged each turn of the interactive loop
};

}  // namespace zwgk
