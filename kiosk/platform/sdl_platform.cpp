#include "sdl_platform.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "imgui_impl_sdl.h"
#include "imgui_impl_sdlrenderer.h"
#include "stb_image_write.h"

namespace zwgk {
namespace {
constexpr int kPollIntervalMs = 5000;  // how often an idle terminal checks for new content
}  // namespace

SdlPlatform::~SdlPlatform() {
    if (imguiReady_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (fontTexture_) SDL_DestroyTexture(fontTexture_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    audio_.close();
    SDL_Quit();
}

bool SdlPlatform::open(const PlatformOptions& options, std::string& error) {
    options_ = options;
    if (options.headless) {
        // Without FRAMEBUFFER_ACCELERATION=0 SDL takes a hidden GL path: 2.5× slower frames
        // and 75 MB more memory.
        SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");  // fingers come as finger events only
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start the display (SDL): ") + SDL_GetError();
        return false;
    }
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (!options.headless) flags |= options.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    window_ = SDL_CreateWindow("政务公开专区", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                               options.height, flags);
    if (!window_) {
        error = std::string("cannot open a window: ") + SDL_GetError();
        return false;
    }
    renderer_ = SDL_CreateRenderer(window_, -1, options.headless ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED);
    if (!renderer_ && !options.headless) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) {
        error = std::string("cannot create a renderer: ") + SDL_GetError();
        return false;
    }
    if (!options.headless && options.fullscreen) SDL_ShowCursor(SDL_DISABLE);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    // The renderer backend draws with the texture IDs in the draw data (uploadFontTexture
    // sets ours); its NewFrame, which would make a second font texture, is never called.
    ImGui_ImplSDLRenderer_Init(renderer_);
    imguiReady_ = true;
    startCounter_ = SDL_GetPerformanceCounter();
    return true;
}

ImVec2 SdlPlatform::displaySize() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return ImVec2(static_cast<float>(w), static_cast<float>(h));
}

double SdlPlatform::clockSeconds() const {
    return static_cast<double>(SDL_GetPerformanceCounter() - startCounter_) /
           static_cast<double>(SDL_GetPerformanceFrequency());
}

// The atlas goes straight from ImGui's 8-bit alpha into the texture's memory: the
// backend's path through GetTexDataAsRGBA32 would hold a second full-size RGBA copy.
void SdlPlatform::uploadFontTexture() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsAlpha8(&alpha, &w, &h);
    if (fontTexture_) SDL_DestroyTexture(fontTexture_);
    fontTexture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!fontTexture_) {
        std::fprintf(stderr, "kiosk: cannot create the font texture %dx%d: %s\n", w, h, SDL_GetError());
        return;
    }
    SDL_SetTextureBlendMode(fontTexture_, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(fontTexture_, SDL_ScaleModeLinear);
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(fontTexture_, nullptr, &pixels, &pitch) == 0) {
        for (int y = 0; y < h; ++y) {
            Uint32* row = reinterpret_cast<Uint32*>(static_cast<unsigned char*>(pixels) + y * pitch);
            const unsigned char* src = alpha + static_cast<size_t>(y) * w;
            for (int x = 0; x < w; ++x) row[x] = (static_cast<Uint32>(src[x]) << 24) | 0x00FFFFFFu;
        }
        SDL_UnlockTexture(fontTexture_);
    }
    atlas->SetTexID(reinterpret_cast<ImTextureID>(fontTexture_));
    atlas->ClearTexData();
    app_->fontsUploaded();
}

bool SdlPlatform::pumpEvents(double now) {
    SDL_Event event;
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    const ImVec2 display = displaySize();
    const float sx = w > 0 ? display.x / static_cast<float>(w) : 1.0f;  // window → pixel (high DPI)
    const float sy = h > 0 ? display.y / static_cast<float>(h) : 1.0f;
    while (SDL_PollEvent(&event)) {
        switch (event.type) {
        case SDL_QUIT: return false;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) break;
            app_->input().push({event.type == SDL_MOUSEBUTTONDOWN ? PointerEvent::Kind::Down : PointerEvent::Kind::Up,
                                event.button.x * sx, event.button.y * sy, now});
            break;
        case SDL_MOUSEMOTION:
            if (event.motion.which == SDL_TOUCH_MOUSEID || !(event.motion.state & SDL_BUTTON_LMASK)) break;
            app_->input().push({PointerEvent::Kind::Move, event.motion.x * sx, event.motion.y * sy, now});
            break;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            const PointerEvent::Kind kind = event.type == SDL_FINGERDOWN ? PointerEvent::Kind::Down
                                            : event.type == SDL_FINGERUP ? PointerEvent::Kind::Up
                                                                          : PointerEvent::Kind::Move;
            // With the finger's id: a second finger makes a pinch (touch_input.h).
            app_->input().push({kind, event.tfinger.x * display.x, event.tfinger.y * display.y, now,
                                static_cast<int64_t>(event.tfinger.fingerId)});
            break;
        }
        case SDL_KEYDOWN:
            if (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_AC_BACK) {
                app_->pressKey("Escape");
                break;
            }
            if (event.key.keysym.sym == SDLK_HOME) {
                app_->pressKey("Home");
                break;
            }
            ImGui_ImplSDL2_ProcessEvent(&event);
            app_->requestFrames(3);
            break;
        case SDL_WINDOWEVENT:
            if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) app_->resize(displaySize());
            app_->requestFrames(3);
            break;
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
        case SDL_MOUSEWHEEL:
            ImGui_ImplSDL2_ProcessEvent(&event);
            app_->requestFrames(3);
            break;
        default: break;
        }
    }
    return true;
}

void SdlPlatform::renderFrame(double now) {
    app_->beforeFrame();
    if (app_->fontsChanged()) uploadFontTexture();
    ImGui_ImplSDL2_NewFrame();
    app_->frame(now);
    const ImU32 page = app_->pageColour();
    SDL_SetRenderDrawColor(renderer_, (page >> IM_COL32_R_SHIFT) & 0xFF, (page >> IM_COL32_G_SHIFT) & 0xFF,
                           (page >> IM_COL32_B_SHIFT) & 0xFF, 0xFF);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    // Headless frames are read back by saveScreenshot before the next one is drawn; the
    // flush makes SDL rasterise now (it would otherwise queue commands until a present).
    if (options_.headless)
        SDL_RenderFlush(renderer_);
    else
        SDL_RenderPresent(renderer_);
}

bool SdlPlatform::saveScreenshot(const std::string& path, std::string& error) {
    const ImVec2 size = displaySize();
    const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) != 0) {
        error = std::string("cannot read the frame: ") + SDL_GetError();
        return false;
    }
    if (!stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4)) {
        error = "cannot write screenshot " + path;
        return false;
    }
    return true;
}

ImTextureID SdlPlatform::createTexture(const DecodedImage& image) {
    if (!renderer_ || image.width <= 0 || image.height <= 0) return nullptr;
    SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                             image.width, image.height);
    if (!texture) {
        std::fprintf(stderr, "kiosk: cannot create an image texture %dx%d: %s\n", image.width, image.height,
                     SDL_GetError());
        return nullptr;
    }
    // RGBA32: R, G, B, A bytes in memory on any machine, the decoder's order.
    SDL_UpdateTexture(texture, nullptr, image.rgba.data(), image.width * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    return reinterpret_cast<ImTextureID>(texture);
}

void SdlPlatform::destroyTexture(ImTextureID texture) {
    if (texture) SDL_DestroyTexture(reinterpret_cast<SDL_Texture*>(texture));
}

int SdlPlatform::maxTextureSide() const {
    SDL_RendererInfo info{};
    if (!renderer_ || SDL_GetRendererInfo(renderer_, &info) != 0) return 0;
    const int side = std::min(info.max_texture_width, info.max_texture_height);
    return side > 0 ? side : std::max(info.max_texture_width, info.max_texture_height);
}

void SdlPlatform::attach(App& app) {
    app_ = &app;
    // The app must be destroyed before this platform (it frees its image textures then).
    app.setTextureHost(this);
    app.setAudioOutput(&audio_);
    app.setWake([] {
        SDL_Event wake{};
        wake.type = SDL_USEREVENT;
        SDL_PushEvent(&wake);  // thread-safe; pumpEvents drops it, the loop then draws
    });
}

void SdlPlatform::runInteractive(int runForMs, long* frames, long* idleFrames) {
    long count = 0, afterSettle = 0;
    bool settled = false;
    bool running = true;
    while (running) {
        const double now = clockSeconds();
        if (runForMs > 0 && now * 1000.0 >= runForMs) break;
        watchdog_.ping(now);
        if (!app_->wantsFrame()) {
            settled = true;
            // Nothing moves: sleep until an event arrives, waking every few seconds to let
            // the app notice a new day or new content (or when the run time is up).
            int timeout = kPollIntervalMs;
            if (runForMs > 0) timeout = std::min(timeout, std::max(1, runForMs - static_cast<int>(now * 1000.0)));
            // The idle question, its countdown and the privacy reset come on time.
            const double wake = app_->nextWakeAt();
            if (wake <= now) {
                app_->requestFrames(1);
                continue;
            }
            if (wake - now < timeout / 1000.0) timeout = std::max(1, static_cast<int>(std::ceil((wake - now) * 1000.0)));
            // SDL's offscreen driver cannot block on events (it would poll every 1 ms), and
            // a headless terminal gets none: there, just sleep.
            if (options_.headless) {
                SDL_Delay(static_cast<Uint32>(timeout));
                app_->poll();
                continue;
            }
            if (SDL_WaitEventTimeout(nullptr, timeout) == 0) {
                app_->poll();
                continue;
            }
        }
        running = pumpEvents(clockSeconds());
        if (running && app_->wantsFrame()) {
            renderFrame(clockSeconds());
            ++count;
            if (settled) ++afterSettle;
        }
        if (app_->quitRequested()) break;
    }
    if (frames) *frames = count;
    if (idleFrames) *idleFrames = afterSettle;
}

}  // namespace zwgk
