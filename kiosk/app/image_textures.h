// Textures of content images (一图读懂 attachments) for the screens. The app decodes the
// image (kiosk/core/image_decode.h) and asks the platform, through TextureHost, for a
// texture; only the platform layer sees SDL. Screens ask for a texture every frame they
// draw it; a texture that no screen asked for during a whole frame is freed, so leaving the
// image viewer frees the full-size image.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "image_decode.h"
#include "imgui.h"

namespace zwgk {

class Store;

// Implemented by the platform layer (kiosk/platform/sdl_platform.cpp).
class TextureHost {
public:
    virtual ~TextureHost() = default;
    // A texture holding IMAGE (RGBA), drawn with linear filtering; null on failure.
    virtual ImTextureID createTexture(const DecodedImage& image) = 0;
    virtual void destroyTexture(ImTextureID texture) = 0;
    // The largest texture side the renderer takes; 0 when it states no limit.
    virtual int maxTextureSide() const = 0;
};

struct ImageTexture {
    ImTextureID id = nullptr;  // null: no texture (see problem)
    int width = 0;             // texture size in px (the image, scaled down if it had to be)
    int height = 0;
    std::string problem;       // why there is none (English, for the log)
};

class ImageTextures {
public:
    // Largest side of any texture made here, also when the renderer takes more: a 4096 px
    // RGBA texture is 64 MiB already.
    static constexpr int kMaxSide = 4096;

    ~ImageTextures() { clear(); }
    void setHost(TextureHost* host) { host_ = host; }
    // The image of attachment POSITION of document DOCUMENTID, at most MAXSIDE px on either
    // side (0: as large as allowed). Decoded and uploaded on the first request, then kept
    // while requested every frame.
    const ImageTexture& get(const Store& store, int64_t documentId, int position, int maxSide);
    // Called once per frame after drawing: frees what was not requested during it.
    void endFrame();
    // Frees every texture (content replaced, shutdown).
    void clear();
    size_t size() const { return entries_.size(); }

private:
    struct Entry {
        ImageTexture texture;  // what get() returns
        long lastUsed = 0;     // frame of the last request
    };
    TextureHost* host_ = nullptr;                              // the platform, null in tests without one
    std::map<std::tuple<int64_t, int, int>, Entry> entries_;  // (document, position, max side)
    long frame_ = 0;                                          // frames ended so far
};

}  // namespace zwgk
