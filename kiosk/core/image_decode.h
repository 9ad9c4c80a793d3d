// Images that come with the content (一图读懂 attachments): checking them when content is
// imported or packed, decoding them for the screen, and scaling them down to what a texture
// can hold. PNG and JPEG only, through stb_image (Debian libstb). UI-free: the kiosk's
// platform layer turns a DecodedImage into a texture.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zwgk {

// Limits on one content image. A 一图读懂 poster is typically 750-1242 px wide and up to a
// few thousand px tall (long strips reach 8000), a few hundred KB. The pixel budget bounds
// what one decode allocates (16 M pixels = 64 MiB RGBA) on a terminal with little memory.
inline constexpr int64_t kMaxImageFileBytes = int64_t(8) << 20;  // 8 MiB as stored
inline constexpr int kMaxImageSide = 8192;                        // px, either side
inline constexpr int64_t kMaxImagePixels = int64_t(4096) * 4096;  // width × height

enum class ImageFormat { Png, Jpeg };

struct ImageInfo {
    ImageFormat format = ImageFormat::Png;
    int width = 0;   // px
    int height = 0;  // px
};

// RGBA, 8 bits a channel, rows top to bottom without padding.
struct DecodedImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;  // width * height * 4 bytes
};

// Checks BYTES completely (format by signature, size limits, and a full decode, so that a
// truncated or damaged file is caught at import rather than on a citizen's screen). Returns
// the image's size and format, or nothing with PROBLEM set to an English sentence such as
// "not a PNG or JPEG image" or "9000×1000 px is wider or taller than 8192 px".
std::optional<ImageInfo> checkImage(std::string_view bytes, std::string& problem);

// Decodes BYTES to RGBA, scaled down (box filter, aspect kept) so that neither side exceeds
// MAXSIDE (0: no limit). Nothing, with PROBLEM set, when the bytes are not an image within
// the limits above.
std::optional<DecodedImage> decodeImage(std::string_view bytes, int maxSide, std::string& problem);

// IMAGE scaled down so that it fits in MAXWIDTH × MAXHEIGHT (aspect kept, area-averaging);
// returned unchanged when it already fits.
DecodedImage downscaleImage(const DecodedImage& image, int maxWidth, int maxHeight);

}  // namespace zwgk
