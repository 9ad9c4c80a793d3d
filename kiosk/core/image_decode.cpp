#include "image_decode.h"

#include <stb/stb_image.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace zwgk {
namespace {

std::optional<ImageFormat> sniff(std::string_view bytes) {
    static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (bytes.size() >= sizeof kPng && std::memcmp(bytes.data(), kPng, sizeof kPng) == 0) return ImageFormat::Png;
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF)
        return ImageFormat::Jpeg;
    return std::nullopt;
}

std::string sizeText(int w, int h) { return std::to_string(w) + "×" + std::to_string(h) + " px"; }

// Format and header size within the limits; the pixels are not decoded.
std::optional<ImageInfo> probe(std::string_view bytes, std::string& problem) {
    if (bytes.empty()) {
        problem = "the file is empty";
        return std::nullopt;
    }
    if (static_cast<int64_t>(bytes.size()) > kMaxImageFileBytes) {
        problem = "the file has " + std::to_string(bytes.size()) + " bytes, more than the " +
                  std::to_string(kMaxImageFileBytes >> 20) + " MiB allowed for an image";
        return std::nullopt;
    }
    const auto format = sniff(bytes);
    if (!format) {
        problem = "not a PNG or JPEG image";
        return std::nullopt;
    }
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w,
                               &h, &channels)) {
        problem = std::string("not a readable ") + (*format == ImageFormat::Png ? "PNG" : "JPEG") + " image (" +
                  (stbi_failure_reason() ? stbi_failure_reason() : "unknown reason") + ")";
        return std::nullopt;
    }
    if (w <= 0 || h <= 0) {
        problem = "the image has no pixels";
        return std::nullopt;
    }
    if (w > kMaxImageSide || h > kMaxImageSide) {
        problem = sizeText(w, h) + " is wider or taller than the " + std::to_string(kMaxImageSide) + " px allowed";
        return std::nullopt;
    }
    if (int64_t(w) * h > kMaxImagePixels) {
        problem = sizeText(w, h) + " has more than the " + std::to_string(kMaxImagePixels / 1000000) +
                  " million pixels allowed";
        return std::nullopt;
    }
    return ImageInfo{*format, w, h};
}

struct StbFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

std::unique_ptr<stbi_uc, StbFree> decodeRgba(std::string_view bytes, const ImageInfo& info, std::string& problem) {
    int w = 0, h = 0, channels = 0;
    std::unique_ptr<stbi_uc, StbFree> pixels(stbi_load_from_memory(
        reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &h, &channels, 4));
    if (!pixels) {
        problem = std::string("the image data is damaged (") +
                  (stbi_failure_reason() ? stbi_failure_reason() : "unknown reason") + ")";
        return nullptr;
    }
    if (w != info.width || h != info.height) {
        problem = "the image decodes to another size than its header says";
        return nullptr;
    }
    return pixels;
}

}  // namespace

std::optional<ImageInfo> checkImage(std::string_view bytes, std::string& problem) {
    auto info = probe(bytes, problem);
    if (!info) return std::nullopt;
    if (!decodeRgba(bytes, *info, problem)) return std::nullopt;
    return info;
}

std::optional<DecodedImage> decodeImage(std::string_view bytes, int maxSide, std::string& problem) {
    auto info = probe(bytes, problem);
    if (!info) return std::nullopt;
    auto pixels = decodeRgba(bytes, *info, problem);
    if (!pixels) return std::nullopt;
    DecodedImage image;
    image.width = info->width;
    image.height = info->height;
    image.rgba.assign(pixels.get(), pixels.get() + size_t(info->width) * info->height * 4);
    pixels.reset();
    if (maxSide > 0 && (image.width > maxSide || image.height > maxSide))
        return downscaleImage(image, maxSide, maxSide);
    return image;
}

DecodedImage downscaleImage(const DecodedImage& image, int maxWidth, int maxHeight) {
    if (image.width <= maxWidth && image.height <= maxHeight) return image;
    const double factor = std::min(double(maxWidth) / image.width, double(maxHeight) / image.height);
    DecodedImage out;
    out.width = std::clamp(static_cast<int>(image.width * factor), 1, maxWidth);
    out.height = std::clamp(static_cast<int>(image.height * factor), 1, maxHeight);
    out.rgba.resize(size_t(out.width) * out.height * 4);
    // Each target pixel averages the source pixels its area covers (premultiplied by alpha,
    // so that transparent pixels do not darken the edges).
    for (int y = 0; y < out.height; ++y) {
        const int y0 = static_cast<int>(int64_t(y) * image.height / out.height);
        const int y1 = std::max(y0 + 1, static_cast<int>(int64_t(y + 1) * image.height / out.height));
        for (int x = 0; x < out.width; ++x) {
            const int x0 = static_cast<int>(int64_t(x) * image.width / out.width);
            const int x1 = std::max(x0 + 1, static_cast<int>(int64_t(x + 1) * image.width / out.width));
            uint64_t r = 0, g = 0, b = 0, a = 0;
            for (int sy = y0; sy < y1; ++sy) {
                const uint8_t* p = image.rgba.data() + (size_t(sy) * image.width + x0) * 4;
                for (int sx = x0; sx < x1; ++sx, p += 4) {
                    r += uint64_t(p[0]) * p[3];
                    g += uint64_t(p[1]) * p[3];
                    b += uint64_t(p[2]) * p[3];
                    a += p[3];
                }
            }
            uint8_t* q = out.rgba.data() + (size_t(y) * out.width + x) * 4;
            const uint64_t n = uint64_t(y1 - y0) * (x1 - x0);
            q[0] = a ? static_cast<uint8_t>(r / a) : 0;
            q[1] = a ? static_cast<uint8_t>(g / a) : 0;
            q[2] = a ? static_cast<uint8_t>(b / a) : 0;
            q[3] = static_cast<uint8_t>(a / n);
        }
    }
    return out;
}

}  // namespace zwgk
