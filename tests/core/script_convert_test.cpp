#include "script_convert.h"

#include <gtest/gtest.h>

using namespace zwgk;

TEST(ScriptConvert, SimplifiedToTraditionalPhrases) {
    ScriptConverter sc;
    ASSERT_TRUE(sc.available()) << sc.error();
    EXPECT_TRUE(sc.error().empty());
    EXPECT_EQ(sc.toTraditional("发展"), "發展");
    EXPECT_EQ(sc.toTraditional("头发"), "頭髮");  // phrase-level: 发 is 髮 here, 發 above
    EXPECT_EQ(sc.toTraditional("政务公开"), "政務公開");
    EXPECT_EQ(sc.toTraditional("2024年政务公开工作要点"), "2024年政務公開工作要點");
}

TEST(ScriptConvert, AsciiAndEmptyPassThrough) {
    ScriptConverter sc;
    EXPECT_EQ(sc.toTraditional("Tel 0798-6210137, https://example.gov.cn/?a=1"),
              "Tel 0798-6210137, https://example.gov.cn/?a=1");
    EXPECT_EQ(sc.toTraditional(""), "");
    EXPECT_EQ(sc.stats().misses, 0u);  // ASCII never reaches OpenCC or the cache
}

TEST(ScriptConvert, CacheHitsAndEvicts) {
    ScriptConverter sc("s2t.json", 2);
    ASSERT_TRUE(sc.available()) << sc.error();
    EXPECT_EQ(sc.toTraditional("政务公开"), "政務公開");
    EXPECT_EQ(sc.toTraditional("政务公开"), "政務公開");
    EXPECT_EQ(sc.stats().hits, 1u);
    EXPECT_EQ(sc.stats().misses, 1u);

    sc.toTraditional("办事指南");
    sc.toTraditional("政务公开");  // refreshes it, so 办事指南 is the oldest
    sc.toTraditional("依申请公开");
    EXPECT_EQ(sc.stats().entries, 2u);
    const size_t misses = sc.stats().misses;
    EXPECT_EQ(sc.toTraditional("政务公开"), "政務公開");
    EXPECT_EQ(sc.stats().misses, misses);  // still cached
    EXPECT_EQ(sc.toTraditional("办事指南"), "辦事指南");
    EXPECT_EQ(sc.stats().misses, misses + 1);  // was evicted

    sc.clearCache();
    EXPECT_EQ(sc.stats().entries, 0u);
}

TEST(ScriptConvert, UncachedConverterStillConverts) {
    ScriptConverter sc("s2t.json", 0);
    EXPECT_EQ(sc.toTraditional("发展"), "發展");
    EXPECT_EQ(sc.toTraditional("发展"), "發展");
    EXPECT_EQ(sc.stats().entries, 0u);
}

TEST(ScriptConvert, IllFormedInputIsReplacedNotFatal) {
    ScriptConverter sc;
    EXPECT_EQ(sc.toTraditional("发展\xff"), "發展\uFFFD");
    EXPECT_EQ(sc.toTraditional("\xE5\x8F"), "\uFFFD");  // truncated 发
}

TEST(ScriptConvert, MissingDataLeavesTextUnchanged) {
    ScriptConverter sc("/nonexistent/opencc/s2t.json");
    EXPECT_FALSE(sc.available());
    EXPECT_NE(sc.error().find("/nonexistent/opencc/s2t.json"), std::string::npos) << sc.error();
    EXPECT_EQ(sc.toTraditional("发展"), "发展");

    ScriptConverter unknown("no-such-config.json");
    EXPECT_FALSE(unknown.available());
    EXPECT_FALSE(unknown.error().empty());
}
