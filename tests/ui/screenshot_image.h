// A PNG screenshot read back into memory (stb_image, from libstb) for pixel checks.
#pragma once

#include <string>
#include <vector>

#include "stb_image.h"

namespace zwgk::test {

struct Screenshot {
    int w = 0, h = 0;               // size in pixels
    std::vector<unsigned char> px;  // RGB, row-major
    bool load(const std::string& path) {
        int n = 0;
        unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 3);
        if (!data) return false;
        px.assign(data, data + static_cast<size_t>(w) * h * 3);
        stbi_image_free(data);
        return true;
    }
    const unsigned char* at(int x, int y) const { return &px[(static_cast<size_t>(y) * w + x) * 3]; }
};

}  // namespace zwgk::test
