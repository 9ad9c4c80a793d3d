#include "charsets.h"

#include <iconv.h>

#include <cstring>

namespace zwgk {

const std::u32string& gb2312Hanzi() {
    static const std::u32string hanzi = [] {
        std::u32string out;
        iconv_t cd = iconv_open("UTF-32LE", "GB2312");
        if (cd == reinterpret_cast<iconv_t>(-1)) return out;
        // Rows 16–87 hold the hanzi (level 1: 16–55, level 2: 56–87), 94 cells each.
        for (int row = 0xB0; row <= 0xF7; ++row)
            for (int cell = 0xA1; cell <= 0xFE; ++cell) {
                char in[2] = {static_cast<char>(row), static_cast<char>(cell)};
                char32_t cp = 0;
                char* inPtr = in;
                size_t inLeft = 2;
                char* outPtr = reinterpret_cast<char*>(&cp);
                size_t outLeft = sizeof cp;
                if (iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != static_cast<size_t>(-1) && outLeft == 0)
                    out.push_back(cp);  // unassigned cells at the end of row 55 fail and are skipped
            }
        iconv_close(cd);
        return out;
    }();
    return hanzi;
}

}  // namespace zwgk
