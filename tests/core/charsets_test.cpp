#include <gtest/gtest.h>

#include "charsets.h"

namespace zwgk {

TEST(Charsets, Gb2312HasItsSixThousandSevenHundredHanzi) {
    const std::u32string& hanzi = gb2312Hanzi();
    EXPECT_EQ(hanzi.size(), 6763u);
    EXPECT_EQ(hanzi.front(), U'啊');  // first of level 1
    EXPECT_EQ(hanzi.back(), U'齄');   // last of level 2
    EXPECT_NE(hanzi.find(U'政'), std::u32string::npos);
    EXPECT_EQ(hanzi.find(U'堃'), std::u32string::npos);  // a name character outside GB 2312
}

}  // namespace zwgk
