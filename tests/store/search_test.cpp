// Store::search: results equal a brute-force scan of the same texts, 文号 lookup, filters,
// ranking, simplified/traditional, pinyin, and input that must never raise an error.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>

#include "content_source.h"
#include "corpus_generator.h"
#include "pinyin.h"
#include "search_text.h"
#include "store.h"
#include "test_support.h"
#include "utf8.h"

namespace zwgk {
namespace {

using test::TempDir;
using Key = std::pair<int, int64_t>;  // kind, id

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
}

// The texts search promises to cover, read through the ordinary query API (not the index).
struct Row {
    Key key;
    int64_t agencyId = 0;
    int year = 0;
    Validity validity = Validity::Valid;
    std::vector<std::u32string> fields;  // folded title, 文号, 索引号, body, agency
    std::u32string title;                // folded title + 文号 + 索引号, for ranking checks
};

class SearchStore : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        const ContentSet demo = loadContentSource(test::demoContentDir().string());
        store_ = Store::open(dir_->file("search.db"), Store::Mode::Create).release();
        store_->importContent(demo);
        CorpusOptions options;
        options.documents = 300;
        options.seed = 7;
        options.batchSize = 100;
        generateCorpus(*store_, demo, options);

        std::map<std::string, std::string> shortNames;
        for (const Agency& a : store_->agencies()) shortNames[a.name] = a.shortName;
        rows_ = new std::vector<Row>;
        auto fold = [](const std::string& s) { return search::foldString(s); };
        for (const DocumentSummary& s : store_->listDocuments({}, 0, 100000)) {
            const auto d = store_->document(s.id);
            Row r;
            r.key = {0, d->id};
            r.agencyId = d->agencyId;
            r.year = std::stoi(d->published.substr(0, 4));
            r.validity = d->validity;
            r.fields = {fold(d->title), fold(d->docNo), fold(d->indexNo), fold(join(d->body)),
                        fold(d->agencyName + "\n" + shortNames[d->agencyName])};
            r.title = r.fields[0] + U'\n' + r.fields[1] + U'\n' + r.fields[2];
            rows_->push_back(std::move(r));
        }
        for (const Guide& g : store_->guides(std::nullopt)) {
            std::string body;
            for (const GuideMaterial& m : g.materials) body += m.name + "\n";
            body += join(g.steps);
            Row r;
            r.key = {1, g.id};
            r.fields = {fold(g.name), {}, {}, fold(body), fold(g.department + "\n" + shortNames[g.department])};
            r.title = r.fields[0];
            rows_->push_back(std::move(r));
        }
        for (const QA& a : store_->qas()) {
            Row r;
            r.key = {2, a.id};
            r.fields = {fold(a.question), {}, {}, fold(join(a.answer)), fold(a.source)};
            r.title = r.fields[0];
            rows_->push_back(std::move(r));
        }
    }
    static void TearDownTestSuite() {
        delete rows_;
        delete store_;
        delete dir_;
    }

    // Rows in which every term of TEXT occurs in some field: the plain substring scan.
    static std::set<Key> bruteForce(const std::string& text, bool documentsOnly = false,
                                    std::optional<int64_t> agency = {}, std::optional<int> year = {},
                                    std::optional<Validity> validity = {}) {
        const auto terms = search::parseQuery(text);
        std::set<Key> out;
        if (terms.empty()) return out;
        for (const Row& r : *rows_) {
            if (documentsOnly && r.key.first != 0) continue;
            if (agency && r.agencyId != *agency) continue;
            if (year && r.year != *year) continue;
            if (validity && r.validity != *validity) continue;
            bool all = true;
            for (const auto& t : terms) {
                bool any = false;
                for (const auto& f : r.fields) any = any || f.find(t.folded) != std::u32string::npos;
                all = all && any;
            }
            if (all) out.insert(r.key);
        }
        return out;
    }

    static std::set<Key> keys(const std::vector<SearchHit>& hits) {
        std::set<Key> out;
        for (const SearchHit& h : hits) out.insert({static_cast<int>(h.kind), h.id});
        return out;
    }

    static std::vector<SearchHit> all(const std::string& text) {
        SearchQuery q;
        q.text = text;
        q.limit = 100000;
        return store_->search(q);
    }

    static TempDir* dir_;
    static Store* store_;
    static std::vector<Row>* rows_;
};

TempDir* SearchStore::dir_ = nullptr;
Store* SearchStore::store_ = nullptr;
std::vector<Row>* SearchStore::rows_ = nullptr;

// Runs of 1-4 Han characters sampled from the texts (bodies mostly, titles too).
std::vector<std::string> sampleQueries(const std::vector<Row>& rows, size_t length, int count,
                                       unsigned seed) {
    std::mt19937 random(seed);
    std::vector<std::string> out;
    int attempts = 0;
    while (static_cast<int>(out.size()) < count && ++attempts < count * 100) {
        const Row& r = rows[random() % rows.size()];
        const std::u32string& text = r.fields[random() % 4 == 0 ? 0 : 3];
        if (text.size() < length) continue;
        const size_t at = random() % (text.size() - length + 1);
        const std::u32string part = text.substr(at, length);
        if (!std::all_of(part.begin(), part.end(), search::isHan)) continue;
        out.push_back(utf8::encode(part));
    }
    return out;
}

TEST_F(SearchStore, EqualsBruteForceScan) {
    int queries = 0, nonEmpty = 0;
    for (size_t length : {1u, 2u, 3u, 4u}) {
        for (const std::string& text : sampleQueries(*rows_, length, length == 1 ? 30 : 120, 100 + length)) {
            const std::set<Key> expected = bruteForce(text);
            const std::vector<SearchHit> hits = all(text);
            EXPECT_EQ(keys(hits), expected) << text;
            EXPECT_EQ(hits.size(), keys(hits).size()) << "duplicate hits for " << text;
            SearchQuery q;
            q.text = text;
            EXPECT_EQ(store_->countSearch(q), static_cast<int>(expected.size())) << text;
            ++queries;
            nonEmpty += !expected.empty();
        }
    }
    EXPECT_GE(queries, 350);
    EXPECT_EQ(nonEmpty, queries);  // sampled from the texts, so every one finds something
}

// Digits inside a longer run (024 in 2024, the middle of a phone number) are found like any
// substring. Letters inside a word are found too; a letters-only query also matches title
// pinyin (lan: 临澜), so there the scan's rows are a subset of the hits.
TEST_F(SearchStore, DigitAndLetterInfixesMatchTheScan) {
    int nonEmpty = 0;
    for (const std::string text : {"024", "025", "0548", "6210", "21054", "15", "202", "30", "2024-000"}) {
        const std::set<Key> expected = bruteForce(text);
        EXPECT_EQ(keys(all(text)), expected) << text;
        SearchQuery q;
        q.text = text;
        EXPECT_EQ(store_->countSearch(q), static_cast<int>(expected.size())) << text;
        nonEmpty += !expected.empty();
    }
    EXPECT_GE(nonEmpty, 6);
    for (const std::string text : {"linlan", "ww", "html", "gov"}) {
        const std::set<Key> hits = keys(all(text));
        for (const Key& k : bruteForce(text)) EXPECT_TRUE(hits.count(k)) << text << " misses a row containing it";
    }
}

TEST_F(SearchStore, CountWithCap) {
    SearchQuery q;
    q.text = "通知";
    const int exact = store_->countSearch(q);
    ASSERT_GT(exact, 20);
    EXPECT_EQ(store_->countSearch(q, 10), 11);          // "more than 10"
    EXPECT_EQ(store_->countSearch(q, exact), exact);    // cap not reached: exact
    EXPECT_EQ(store_->countSearch(q, exact + 100), exact);
}

TEST_F(SearchStore, MultiTermAndAbsentTerms) {
    for (const char* text : {"低保 标准", "政务公开 2024", "就业 补贴 申领", "不存在的词语组合"}) {
        EXPECT_EQ(keys(all(text)), bruteForce(text)) << text;
    }
    EXPECT_TRUE(all("不存在的词语组合").empty());
}

TEST_F(SearchStore, PagingIsConsistent) {
    const std::vector<SearchHit> every = all("通知");
    ASSERT_GT(every.size(), 30u);
    SearchQuery q;
    q.text = "通知";
    q.limit = 10;
    q.offset = 10;
    const std::vector<SearchHit> page = store_->search(q);
    ASSERT_EQ(page.size(), 10u);
    for (size_t i = 0; i < page.size(); ++i) EXPECT_EQ(page[i].id, every[10 + i].id);
}

TEST_F(SearchStore, DocNumberLookup) {
    const auto exact = all("临政办发〔2021〕9号");
    ASSERT_FALSE(exact.empty());
    EXPECT_EQ(exact[0].docNo, "临政办发〔2021〕9号");
    for (const char* part : {"〔2021〕9号", "临政办发(2021)9号", "临政办发[2021]9号", "临政办发（2021）9号"}) {
        const auto hits = all(part);
        ASSERT_FALSE(hits.empty()) << part;
        EXPECT_EQ(hits[0].docNo, "临政办发〔2021〕9号") << part;
        EXPECT_EQ(keys(hits), bruteForce(part)) << part;
    }
    // 〔2021〕19号 contains 〔2021〕1 but not 〔2021〕9号.
    for (const SearchHit& h : all("〔2021〕9号")) EXPECT_EQ(h.docNo.find("〔2021〕19号"), std::string::npos);
}

TEST_F(SearchStore, TitlesRankFirst) {
    for (const char* text : {"最低生活保障", "政务公开", "不动产登记", "临时救助", "补贴"}) {
        const auto terms = search::parseQuery(text);
        const auto hits = all(text);
        ASSERT_FALSE(hits.empty()) << text;
        bool bodyOnlySeen = false;
        for (const SearchHit& h : hits) {
            const std::u32string title = search::foldString(h.title + "\n" + h.docNo);
            const bool inTitle = title.find(terms[0].folded) != std::u32string::npos;
            if (!inTitle) bodyOnlySeen = true;
            else EXPECT_FALSE(bodyOnlySeen) << text << ": title hit after a body-only hit: " << h.title;
        }
    }
}

TEST_F(SearchStore, FindsAllThreeKinds) {
    std::set<int> kinds;
    for (const Row& r : *rows_) {
        if (r.key.first == 0) continue;
        const std::string title = utf8::encode(r.fields[0].substr(0, 4));
        const auto found = keys(all(title));
        EXPECT_TRUE(found.count(r.key)) << title;
        kinds.insert(r.key.first);
    }
    EXPECT_EQ(kinds.size(), 2u);  // the demo has guides and Q&A
}

TEST_F(SearchStore, Filters) {
    const std::vector<Agency> agencies = store_->agencies();
    ASSERT_FALSE(agencies.empty());
    for (const Agency& a : agencies) {
        SearchQuery q;
        q.text = "工作";
        q.agencyId = a.id;
        q.limit = 100000;
        const auto hits = store_->search(q);
        EXPECT_EQ(keys(hits), bruteForce("工作", true, a.id)) << a.name;
        EXPECT_EQ(store_->countSearch(q), static_cast<int>(hits.size()));
    }
    SearchQuery q;
    q.text = "通知";
    q.year = 2024;
    q.limit = 100000;
    EXPECT_EQ(keys(store_->search(q)), bruteForce("通知", true, {}, 2024));
    for (Validity v : {Validity::Valid, Validity::Expired, Validity::Repealed}) {
        SearchQuery vq;
        vq.text = "办法";
        vq.validity = v;
        vq.limit = 100000;
        const auto hits = store_->search(vq);
        EXPECT_EQ(keys(hits), bruteForce("办法", true, {}, {}, v));
        for (const SearchHit& h : hits) EXPECT_EQ(h.validity, v);
    }
}

TEST_F(SearchStore, ExpiredDocumentsAreMarkedNotHidden) {
    int marked = 0;
    for (const Row& r : *rows_) {
        if (r.key.first != 0 || r.validity == Validity::Valid) continue;
        const std::string text = utf8::encode(r.fields[0].substr(0, 6));
        for (const SearchHit& h : all(text))
            if (h.kind == SearchHit::Kind::Document && h.id == r.key.second) {
                EXPECT_EQ(h.validity, r.validity);
                ++marked;
            }
    }
    EXPECT_GT(marked, 0);
}

TEST_F(SearchStore, SnippetsHighlightTheTerms) {
    for (const char* text : {"低保", "政务公开", "临澜县 补贴"}) {
        const auto terms = search::parseQuery(text);
        const auto hits = all(text);
        ASSERT_FALSE(hits.empty());
        int highlighted = 0;
        for (const SearchHit& h : hits) {
            EXPECT_TRUE(utf8::isValid(h.snippet)) << h.snippet;
            for (const auto& [b, e] : h.highlights) {
                ASSERT_LE(e, h.snippet.size());
                ASSERT_LT(b, e);
                const std::u32string part = search::foldString(h.snippet.substr(b, e - b));
                bool isTerm = false;
                for (const auto& t : terms) isTerm = isTerm || part.find(t.folded) != std::u32string::npos;
                EXPECT_TRUE(isTerm) << h.snippet.substr(b, e - b);
                ++highlighted;
            }
        }
        EXPECT_GT(highlighted, 0) << text;
    }
}

TEST_F(SearchStore, BadInputNeverFails) {
    const std::string longText = [] {
        std::string s;
        for (int i = 0; i < 200; ++i) s += (i % 3 == 0) ? "政" : (i % 3 == 1 ? "务" : "公");
        return s;
    }();
    const std::vector<std::string> inputs = {
        "", " ", "，。、！？", "!!!", "政", "a", "1", longText, std::string(1000, 'x'), "😀", "😀政务",
        "abc政务公开123", "政务open公开", "\"", "\"政务", "政务 AND 公开", "政务 OR", "NOT 政务",
        "NEAR(政务 公开)", "政务*", "*", "(政务", ")", "title:政务", "{title}:政务", "^政务",
        "政务 + 公开", "-政务", "政务\"公开\"", "AND", "OR OR", "\x80\xff政务", std::string("政\0务", 4),
        "ＮＥＡＲ（政务）", "'; DROP TABLE documents; --"};
    for (const std::string& text : inputs) {
        SearchQuery q;
        q.text = text;
        EXPECT_NO_THROW(store_->search(q)) << text;
        EXPECT_NO_THROW(store_->countSearch(q)) << text;
    }
    SearchQuery q;
    q.text = "";
    EXPECT_TRUE(store_->search(q).empty());
    q.text = "，。、！？";
    EXPECT_TRUE(store_->search(q).empty());
    q.text = "政务";
    q.limit = 0;
    EXPECT_TRUE(store_->search(q).empty());
    q.limit = -5;
    q.offset = -3;
    EXPECT_NO_THROW(store_->search(q));
    EXPECT_GT(store_->countDocuments({}), 300);  // nothing was dropped
    // FTS5 words in the query are text (or pinyin): "and" must match too, so the hits are
    // a subset of those for the other two terms, never the OR or AND of FTS5 syntax.
    const std::set<Key> both = bruteForce("政务 公开");
    for (const Key& k : keys(all("政务 AND 公开"))) EXPECT_TRUE(both.count(k));
    EXPECT_LT(keys(all("政务 AND 公开")).size(), both.size());
    EXPECT_TRUE(all("政务 OR 不存在的词语组合").empty());
    EXPECT_EQ(keys(all(longText)), bruteForce(longText));
}

// A small store with documents written in traditional characters next to the fixture's
// simplified ones, and titles for the pinyin cases.
class ScriptStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = Store::open(dir_.file("scripts.db"), Store::Mode::Create);
        store_->importContent(loadContentSource(test::fixtureDir().string()));
        const Agency agency = store_->agencies().at(0);
        const std::string topic = store_->countByTopic().at(0).name;
        auto make = [&](const std::string& key, const std::string& title, const std::string& body) {
            Document d;
            d.key = key;
            d.indexNo = "TEST-" + key;
            d.title = title;
            d.agencyId = agency.id;
            d.topicName = topic;
            d.published = "2025-03-01";
            d.disclosure = "主动公开";
            d.body = {body};
            return d;
        };
        store_->insertDocumentsBulk({
            make("trad-1", "關於做好政務公開工作的通知", "各鄉鎮人民政府：城鄉居民最低生活保障標準自七月起調整。"),
            make("simp-1", "关于调整城乡最低生活保障标准的通知", "现将政务公开和低保标准调整事项通知如下。"),
            make("py-1", "重庆银行网点服务公告", "本公告说明网点服务时间。"),
            make("py-2", "不动产登记办事指南", "不动产统一登记。"),
            make("py-3", "单县临澜乡村振兴简报", "简报内容。"),
        });
        for (const DocumentSummary& s : store_->listDocuments({}, 0, 1000)) ids_[s.key] = s.id;
    }

    std::set<std::string> found(const std::string& text) {
        SearchQuery q;
        q.text = text;
        q.limit = 1000;
        std::set<std::string> keys;
        for (const SearchHit& h : store_->search(q)) {
            if (h.kind != SearchHit::Kind::Document) continue;
            for (const auto& [key, id] : ids_)
                if (id == h.id) keys.insert(key);
        }
        return keys;
    }

    TempDir dir_;
    std::unique_ptr<Store> store_;
    std::map<std::string, int64_t> ids_;  // content key → row id
};

TEST_F(ScriptStore, TraditionalQueryFindsSimplifiedText) {
    EXPECT_GT(search::prepareFolding(), 2000u);  // the t2s table was built from OpenCC
    EXPECT_TRUE(found("政務公開").count("simp-1"));
    EXPECT_TRUE(found("城鄉最低生活保障標準").count("simp-1"));
    EXPECT_TRUE(found("低保標準").count("simp-1"));
}

TEST_F(ScriptStore, SimplifiedQueryFindsTraditionalDocument) {
    EXPECT_TRUE(found("政务公开").count("trad-1"));
    EXPECT_TRUE(found("最低生活保障标准").count("trad-1"));
    EXPECT_TRUE(found("乡镇").count("trad-1"));
    EXPECT_TRUE(found("關於做好").count("trad-1"));  // and its own script
    // The snippet is the original (traditional) text, highlighted where it matched.
    SearchQuery q;
    q.text = "最低生活保障标准";
    bool checked = false;
    for (const SearchHit& h : store_->search(q)) {
        if (h.id != ids_["trad-1"] || h.kind != SearchHit::Kind::Document) continue;
        EXPECT_NE(h.snippet.find("最低生活保障標準"), std::string::npos) << h.snippet;
        ASSERT_EQ(h.highlights.size(), 1u);
        EXPECT_EQ(h.snippet.substr(h.highlights[0].first, h.highlights[0].second - h.highlights[0].first),
                  "最低生活保障標準");
        checked = true;
    }
    EXPECT_TRUE(checked);
}

TEST_F(ScriptStore, PinyinInitials) {
    EXPECT_TRUE(found("zwgk").count("trad-1"));   // 政務公開 (traditional title, simplified readings)
    EXPECT_TRUE(found("ZWGK").count("trad-1"));   // case does not matter
    EXPECT_TRUE(found("bdcdj").count("py-2"));    // 不动产登记
    EXPECT_TRUE(found("dcdj").count("py-2"));     // any run of consecutive characters
    EXPECT_TRUE(found("cqyh").count("py-1"));     // 重庆 cq, 银行 yh (word readings)
    EXPECT_FALSE(found("zqyx").count("py-1"));    // not the character readings zhong / xing
    EXPECT_TRUE(found("sx").count("py-3"));       // 单县: override list (shan, not dan)
    EXPECT_TRUE(found("sxll").count("py-3"));     // … and the demo county 临澜
    EXPECT_FALSE(found("dxll").count("py-3"));
    EXPECT_TRUE(found("qxzqzqzq").empty());       // initials that match nothing
    EXPECT_TRUE(found("zwgkzz").empty());
}

TEST_F(ScriptStore, FullPinyin) {
    EXPECT_TRUE(found("zhengwu").count("trad-1"));
    EXPECT_TRUE(found("zhengwugongkai").count("trad-1"));
    EXPECT_TRUE(found("zhengwugon").count("trad-1"));  // still typing the last syllable
    EXPECT_TRUE(found("budongchan").count("py-2"));
    EXPECT_TRUE(found("chongqingyinhang").count("py-1"));
    EXPECT_TRUE(found("yinhang").count("py-1"));
    EXPECT_FALSE(found("yinxing").count("py-1"));
    EXPECT_FALSE(found("zhongqing").count("py-1"));
    EXPECT_TRUE(found("shanxian").count("py-3"));
    EXPECT_TRUE(found("xqzvbnm").empty());
    // Pinyin hits are title hits: they rank with the titles, and the snippet is the title
    // with the characters the letters stand for highlighted.
    SearchQuery q;
    q.text = "bdcdj";
    const auto hits = store_->search(q);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].title, "不动产登记办事指南");
    EXPECT_EQ(hits[0].snippet, "不动产登记办事指南");
    ASSERT_EQ(hits[0].highlights.size(), 1u);
    EXPECT_EQ(hits[0].snippet.substr(hits[0].highlights[0].first,
                                     hits[0].highlights[0].second - hits[0].highlights[0].first),
              "不动产登记");
    q.text = "zhengwugon";
    for (const SearchHit& h : store_->search(q)) {
        if (h.id != ids_["trad-1"]) continue;
        ASSERT_EQ(h.highlights.size(), 1u);
        EXPECT_EQ(h.snippet.substr(h.highlights[0].first, h.highlights[0].second - h.highlights[0].first),
                  "政務公");  // the original (traditional) characters
    }
}

TEST(SearchIndex, OldStoreMigratesWithIndex) {
    TempDir dir;
    const std::string path = dir.file("old.db");
    Store::createAtSchemaVersion(path, 3);
    {
        auto old = Store::open(path, Store::Mode::ReadOnly);
        EXPECT_EQ(old->schemaVersion(), 3);
        SearchQuery q;
        q.text = "政务";
        EXPECT_TRUE(old->search(q).empty());  // no index yet: nothing, no error
    }
    auto store = Store::open(path, Store::Mode::ReadWrite);
    EXPECT_EQ(store->schemaVersion(), Store::latestSchemaVersion());
    store->importContent(loadContentSource(test::fixtureDir().string()));
    SearchQuery q;
    q.text = store->documentSummaries({1}).empty() ? "县" : store->documentSummaries({1})[0].title.substr(0, 6);
    EXPECT_FALSE(store->search(q).empty());
    const int before = store->countSearch(q);
    store->rebuildSearchIndex();
    EXPECT_EQ(store->countSearch(q), before);
    store->optimizeSearchIndex();
    EXPECT_EQ(store->countSearch(q), before);
    // A second import replaces the index rather than adding to it.
    store->importContent(loadContentSource(test::fixtureDir().string()));
    EXPECT_EQ(store->countSearch(q), before);
    EXPECT_GT(store->searchIndexBytes(), 0);
    EXPECT_TRUE(store->integrityProblems().empty());
}

}  // namespace
}  // namespace zwgk

namespace zwgk {
namespace {

// What the application wizard searches for when a citizen names the information wanted:
// a typed phrase cut into dictionary words (also in traditional characters), digits and
// letters kept together, punctuation dropped.
TEST(SegmentWords, CutsATypedPhraseIntoSearchableWords) {
    const auto words = search::segmentWords("东山村土地征收补偿方案（2025年）");
    for (const char* w : {"土地", "征收", "补偿", "方案", "2025"})
        EXPECT_NE(std::find(words.begin(), words.end(), w), words.end()) << w;
    EXPECT_EQ(std::find(words.begin(), words.end(), "（"), words.end());
    const auto traditional = search::segmentWords("土地徵收");
    ASSERT_EQ(traditional.size(), 2u);
    EXPECT_EQ(traditional[1], "徵收");
    const auto docNo = search::segmentWords("临政办发〔2021〕9号");
    EXPECT_NE(std::find(docNo.begin(), docNo.end(), "2021"), docNo.end());
    EXPECT_NE(std::find(docNo.begin(), docNo.end(), "9"), docNo.end());
    EXPECT_TRUE(search::segmentWords("").empty());
    EXPECT_TRUE(search::segmentWords("，。、").empty());
}

}  // namespace
}  // namespace zwgk
