// The synthetic corpus: size, length, spread, determinism and glyph coverage.
#include <gtest/gtest.h>

#include <set>

#include "utf8.h"
#include "content_source.h"
#include "corpus_generator.h"
#include "glyphs.h"
#include "store.h"
#include "test_support.h"

namespace zwgk {
namespace {

using test::TempDir;

size_t characters(const Document& d) {
    size_t n = 0;
    for (const std::string& p : d.body) n += utf8::decode(p).size();
    return n;
}

void expectCorpus(const test::fs::path& contentDir) {
    TempDir dir;
    const ContentSet set = loadContentSource(contentDir.string());
    auto store = Store::open(dir.file("corpus.db"), Store::Mode::Create);
    store->importContent(set);
    const int before = store->countDocuments({});
    const std::u32string glyphs = store->glyphSet();

    CorpusOptions options;
    options.documents = 500;
    options.seed = 42;
    options.batchSize = 128;  // several batches, the last one partial
    const CorpusStats stats = generateCorpus(*store, set, options);
    EXPECT_EQ(stats.documents, 500);
    EXPECT_EQ(store->countDocuments({}), before + 500);
    EXPECT_NEAR(static_cast<double>(stats.characters) / 500, 2000, 100);
    EXPECT_EQ(store->glyphSet(), glyphs);  // the demo's glyph set stands for the corpus
    EXPECT_TRUE(store->integrityProblems().empty());

    // Spread over every agency and topic, and only over the demo's years.
    std::set<int> demoYears;
    for (const DocumentRecord& d : set.documents) demoYears.insert(std::stoi(d.published.substr(0, 4)));
    for (const CountedNode& node : store->countByAgency()) EXPECT_GT(node.count, 0) << node.name;
    for (const CountedNode& node : store->countByYear())
        EXPECT_TRUE(demoYears.count(static_cast<int>(node.id))) << node.id;

    // Stored documents read back whole, within ±10% of 2,000 characters, in the glyph set.
    auto has = [&](char32_t c) { return glyphs.find(c) != std::u32string::npos; };
    for (const DocumentSummary& s : store->listDocuments({}, 0, 1000)) {
        if (s.key.rfind("gen-", 0) != 0) continue;
        const auto d = store->document(s.id);
        ASSERT_TRUE(d);
        const size_t length = characters(*d);
        EXPECT_GE(length, 1800u) << d->key;
        EXPECT_LE(length, 2200u) << d->key;
        EXPECT_FALSE(d->indexNo.empty());
        for (const std::string* text : {&d->title, &d->docNo, &d->indexNo, &d->url, &d->validNote})
            for (char32_t c : utf8::decode(*text)) ASSERT_TRUE(has(c)) << d->key << ": " << *text;
        for (const auto* lines : {&d->body, &d->signature})
            for (const std::string& line : *lines)
                for (char32_t c : utf8::decode(line)) ASSERT_TRUE(has(c)) << d->key << ": " << line;
    }
}

TEST(CorpusGenerator, FromTheFixture) { expectCorpus(test::fixtureDir()); }

TEST(CorpusGenerator, FromTheDemoContent) {
    if (!test::fs::exists(test::demoContentDir() / "documents"))
        GTEST_SKIP() << "demo content has no documents yet";
    expectCorpus(test::demoContentDir());
}

TEST(CorpusGenerator, SameSeedSameDocuments) {
    const ContentSet set = loadContentSource(test::fixtureDir().string());
    TempDir dir;
    auto store = Store::open(dir.file("ids.db"), Store::Mode::Create);
    store->importContent(set);
    const auto agencies = store->agencies();
    CorpusOptions options;
    options.seed = 7;
    CorpusGenerator first(set, agencies, options);
    CorpusGenerator second(set, agencies, options);
    options.seed = 8;
    CorpusGenerator other(set, agencies, options);
    int differences = 0;
    std::set<std::string> keys, indexNumbers;
    for (int i = 0; i < 50; ++i) {
        const Document a = first.next();
        const Document b = second.next();
        const Document c = other.next();
        EXPECT_EQ(a.key, b.key);
        EXPECT_EQ(a.title, b.title);
        EXPECT_EQ(a.published, b.published);
        EXPECT_EQ(a.agencyId, b.agencyId);
        EXPECT_EQ(a.body, b.body);
        differences += a.body != c.body;
        EXPECT_TRUE(keys.insert(a.key).second);
        EXPECT_TRUE(indexNumbers.insert(a.indexNo).second);
    }
    EXPECT_GT(differences, 45);
}

}  // namespace
}  // namespace zwgk
