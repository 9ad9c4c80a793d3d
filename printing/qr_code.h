// QR codes for printed pages (libqrencode), as a plain module matrix: the layout code draws
// it as filled vector rectangles, so it stays crisp at any printer resolution.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zwgk {

inline constexpr int kQrQuietZoneModules = 4;  // ISO/IEC 18004 quiet zone on every side

struct QrMatrix {
    int version = 0;            // 1..40
    int size = 0;               // modules per side, without the quiet zone
    std::vector<uint8_t> dark;  // size × size, row-major, 1 = dark module
    bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x] != 0; }
};

// TEXT in byte mode (case kept), error correction level M, the smallest version that holds
// it. False with ERROR for empty text or text longer than a QR code holds.
bool encodeQr(const std::string& text, QrMatrix& out, std::string& error);

}  // namespace zwgk
