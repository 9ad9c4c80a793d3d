// Snapshot bundles carry their search index prebuilt (kiosk-sync pack applies the snapshot to
// a scratch store as a terminal does and ships the FTS5 shadow tables): a terminal with the
// same index rules inserts the rows instead of tokenizing, checks a sample, and builds the
// index itself whenever the prebuilt one is not for it or not sound.
#include "sync_test_support.h"

#include "fts_tokenizer.h"

namespace zwgk::synctest {
namespace {

class SearchIndexBundle : public SyncTest {
protected:
    static constexpr int kGenerated = 300;  // generated documents besides the demo's 74

    BundleOptions generated(bool searchIndex = true) const {
        BundleOptions o;
        o.generatedDocuments = kGenerated;
        o.searchIndex = searchIndex;
        o.documentsPerFile = 100;  // several document files: ids follow the manifest's order
        return o;
    }

    static bool noted(const UpdateReport& r, const std::string& text) {
        for (const std::string& n : r.notes)
            if (n.find(text) != std::string::npos) return true;
        return false;
    }
    static std::string notes(const UpdateReport& r) {
        std::string all;
        for (const std::string& n : r.notes) all += n + "\n";
        return all;
    }

    // Every hit of QUERY (kind, id, title, snippet, highlights, in order) and its count: what
    // two stores must agree on.
    static std::string answer(Store& store, const std::string& text, int offset = 0, std::optional<int64_t> agency = {}) {
        SearchQuery q;
        q.text = text;
        q.limit = 60;
        q.offset = offset;
        q.agencyId = agency;
        std::string out = "count " + std::to_string(store.countSearch(q)) + "\n";
        for (const SearchHit& h : store.search(q)) {
            out += std::to_string(static_cast<int>(h.kind)) + " " + std::to_string(h.id) + " " + h.title + " | " +
                   h.snippet + " |";
            for (const auto& [b, e] : h.highlights) out += " " + std::to_string(b) + "-" + std::to_string(e);
            out += "\n";
        }
        return out;
    }

    static const std::vector<std::string>& queries() {
        static const std::vector<std::string> list = {
            "政务公开", "临澜",   "低保",      "惠民 补贴", "通知",      "县",      "汇编1",   "汇编299",
            "2023",     "报告",   "zwgk",      "bdcdj",     "臨瀾縣",    "修订",    "新增公开文件", "征地补偿安置方案",
            "〔2024〕", "361199001", "办理",   "资金发放",  "土地 征收", "行政许可", "统计期限", "不存在的词语组合"};
        return list;
    }

    // Asserts that the stores at A and B answer every query alike, and that A's answers are
    // not all empty (a broken index and an empty one would agree).
    static void expectSameSearch(const std::string& a, const std::string& b) {
        auto sa = Store::open(a, Store::Mode::ReadOnly);
        auto sb = Store::open(b, Store::Mode::ReadOnly);
        int nonEmpty = 0;
        for (const std::string& text : queries()) {
            SCOPED_TRACE("query " + text);
            const std::string left = answer(*sa, text);
            EXPECT_EQ(left, answer(*sb, text));
            EXPECT_EQ(answer(*sa, text, 20), answer(*sb, text, 20));
            nonEmpty += left.rfind("count 0\n", 0) != 0;
        }
        const std::vector<Agency> agencies = sa->agencies();
        ASSERT_FALSE(agencies.empty());
        EXPECT_EQ(answer(*sa, "临澜", 0, agencies.front().id), answer(*sb, "临澜", 0, agencies.front().id));
        EXPECT_GE(nonEmpty, 15) << "too few queries found anything to compare";
        EXPECT_EQ(sa->integrityProblems(), std::vector<std::string>{});
    }

    // Replaces the entry PATH of BUNDLE's manifest by a file holding RAW (stored as it is)
    // and signs the manifest again with the office's key: a pack that went wrong, not an
    // attack (the signature is good).
    void replaceSignedFile(const fs::path& bundle, const std::string& path, const std::string& raw) {
        const std::string sha = sha256Hex(raw);
        test::writeBytes(bundle / "files" / sha, raw);
        resignManifest(
            bundle / "manifest.json",
            [&](json& s) {
                for (json& f : s["files"])
                    if (f["path"] == path) {
                        f = {{"path", path}, {"length", raw.size()}, {"sha256", sha}};
                    }
            },
            content_.seed);
    }

    static std::string contentOf(const fs::path& bundle, const std::string& path) {
        const ManifestFile entry = entryOf(bundle, path);
        return decodeFile(readVerifiedFile(storedFile(bundle, path).string(), entry), entry);
    }
};

TEST_F(SearchIndexBundle, PackShipsTheIndexAndTheManifestNamesItsRules) {
    const fs::path b = bundle(1, generated());
    const Manifest m = parseManifest(test::readBytes(b / "manifest.json"));
    ASSERT_TRUE(m.searchIndex.present);
    EXPECT_EQ(m.searchIndex.tokenizer, kSearchTokenizerVersion);
    EXPECT_EQ(m.searchIndex.textData, searchTextDataFingerprint());
    EXPECT_EQ(m.searchIndex.schema, Store::latestSchemaVersion());
    EXPECT_EQ(m.searchIndex.layout.size(), 16u);
    int indexFiles = 0;
    for (const ManifestFile& f : m.files) indexFiles += f.path.rfind("search-index/", 0) == 0;
    EXPECT_GE(indexFiles, 1);
    // The scratch store the index was built in is gone; a delta carries no index.
    EXPECT_EQ(filesEndingIn(b, ".db"), std::vector<std::string>{});
    BundleOptions d = generated();
    d.base = b;
    const Manifest delta = parseManifest(test::readBytes(bundle(2, d) / "manifest.json"));
    EXPECT_FALSE(delta.searchIndex.present);
    for (const ManifestFile& f : delta.files) EXPECT_NE(f.path.rfind("search-index/", 0), 0u) << f.path;
}

TEST_F(SearchIndexBundle, PrebuiltIndexSearchesExactlyLikeALocallyBuiltOne) {
    const Terminal prebuilt = newTerminal("prebuilt"), local = newTerminal("local");
    const UpdateReport a = applyFolder(prebuilt, bundle(1, generated(true)));
    ASSERT_STREQ(outcomeText(a), "applied") << a.detail;
    EXPECT_TRUE(noted(a, "prebuilt search index used")) << notes(a);
    const UpdateReport b = applyFolder(local, bundle(1, generated(false)));
    ASSERT_STREQ(outcomeText(b), "applied") << b.detail;
    EXPECT_TRUE(noted(b, "search index built locally")) << notes(b);
    {
        auto store = Store::open(prebuilt.db, Store::Mode::ReadOnly);
        EXPECT_EQ(store->countDocuments({}), documentsIn(1) + kGenerated);
    }
    expectSameSearch(prebuilt.db, local.db);
}

TEST_F(SearchIndexBundle, SnapshotOverContentReplacesTheIndexInTheSameConnection) {
    // One connection searches, then applies a prebuilt snapshot, then searches again: no
    // FTS5 state cached before the apply may survive it.
    const Terminal t = newTerminal("reused"), local = newTerminal("local");
    ASSERT_STREQ(outcomeText(applyFolder(t, bundle(1, generated(true)))), "applied");
    const fs::path v2 = bundle(2, generated(true));
    ASSERT_STREQ(outcomeText(applyFolder(local, bundle(2, generated(false)))), "applied");
    {
        auto store = Store::open(t.db, Store::Mode::ReadWrite);
        for (const std::string& text : queries()) answer(*store, text);
        const Manifest m = parseManifest(test::readBytes(v2 / "manifest.json"));
        const ApplyReport r = applyBundleFiles(
            *store, m, [&](const ManifestFile& f) { return decodeFile(readVerifiedFile((v2 / "files" / f.sha256).string(), f), f); },
            BundleStamp{m.contentId, m.version, m.digest, m.created, m.expires, testNow(), "test"});
        EXPECT_TRUE(r.prebuiltIndex) << r.searchIndex;
        EXPECT_EQ(answer(*store, watchedTitle(2)), [&] {
            auto other = Store::open(local.db, Store::Mode::ReadOnly);
            return answer(*other, watchedTitle(2));
        }());
    }
    expectSameSearch(t.db, local.db);
}

TEST_F(SearchIndexBundle, OtherTokenizerVersionOrTextDataFallsBackToALocalBuild) {
    const Terminal local = newTerminal("local");
    ASSERT_STREQ(outcomeText(applyFolder(local, bundle(1, generated(false)))), "applied");
    const std::vector<std::pair<const char*, std::function<void(json&)>>> edits = {
        {"tokenizer", [](json& s) { s["search_index"]["tokenizer"] = kSearchTokenizerVersion + 1; }},
        {"text data", [](json& s) { s["search_index"]["text_data"] = "0123456789abcdef"; }},
        {"layout", [](json& s) { s["search_index"]["layout"] = "fedcba9876543210"; }},
    };
    int n = 0;
    for (const auto& [what, edit] : edits) {
        SCOPED_TRACE(what);
        const fs::path b = bundle(1, generated(true));
        resignManifest(b / "manifest.json", edit, content_.seed);
        const Terminal t = newTerminal("other-" + std::to_string(n++));
        const UpdateReport r = applyFolder(t, b);
        ASSERT_STREQ(outcomeText(r), "applied") << r.detail;
        EXPECT_TRUE(noted(r, "not for this terminal")) << notes(r);
        EXPECT_TRUE(noted(r, "built locally")) << notes(r);
        expectSameSearch(t.db, local.db);
    }
}

TEST_F(SearchIndexBundle, TamperedIndexFileIsRefusedLikeAnyOtherFile) {
    const Terminal t = installedTerminal(1);
    const TerminalSnapshot before = snapshotOf(t.db);
    const fs::path b = bundle(2, generated(true));
    const fs::path stored = storedFile(b, "search-index/00001.bin");
    std::string bytes = test::readBytes(stored);
    bytes[bytes.size() / 2] ^= 0x20;
    test::writeBytes(stored, bytes);
    EXPECT_REFUSED(applyFolder(t, b), BundleRefusal::FileHash);
    EXPECT_NOTHING_CHANGED(before, t.db);
    // One byte more than declared, too.
    const fs::path c = bundle(2, generated(true));
    test::writeBytes(storedFile(c, "search-index/00001.bin"), test::readBytes(storedFile(c, "search-index/00001.bin")) + "x");
    EXPECT_REFUSED(applyFolder(t, c), BundleRefusal::FileTooLong);
    EXPECT_NOTHING_CHANGED(before, t.db);
}

TEST_F(SearchIndexBundle, SignedButBrokenIndexFailsTheCheckAndIsBuiltLocally) {
    const Terminal local = newTerminal("local");
    ASSERT_STREQ(outcomeText(applyFolder(local, bundle(1, generated(false)))), "applied");
    {
        // Not an index at all.
        const fs::path b = bundle(1, generated(true));
        replaceSignedFile(b, "search-index/00001.bin", "not a search index");
        const Terminal t = newTerminal("garbage");
        const UpdateReport r = applyFolder(t, b);
        ASSERT_STREQ(outcomeText(r), "applied") << r.detail;
        EXPECT_TRUE(noted(r, "not usable")) << notes(r);
        expectSameSearch(t.db, local.db);
    }
    {
        // A sound index of other texts: the same documents and ids, other generated bodies.
        BundleOptions other = generated(true);
        other.edit = [](const fs::path& dir) { addGeneratedDocuments(dir, kGenerated, 99); };
        const fs::path wrong = bundle(1, other);
        const fs::path b = bundle(1, generated(true));
        const Manifest wrongManifest = parseManifest(test::readBytes(wrong / "manifest.json"));
        const Manifest m = parseManifest(test::readBytes(b / "manifest.json"));
        std::vector<std::string> mine, theirs;
        for (const ManifestFile& f : m.files)
            if (f.path.rfind("search-index/", 0) == 0) mine.push_back(f.path);
        for (const ManifestFile& f : wrongManifest.files)
            if (f.path.rfind("search-index/", 0) == 0) theirs.push_back(f.path);
        ASSERT_EQ(mine, theirs);
        for (const std::string& path : mine) replaceSignedFile(b, path, contentOf(wrong, path));
        const Terminal t = newTerminal("other-texts");
        const UpdateReport r = applyFolder(t, b);
        ASSERT_STREQ(outcomeText(r), "applied") << r.detail;
        EXPECT_TRUE(noted(r, "not usable")) << notes(r);
        expectSameSearch(t.db, local.db);
    }
}

TEST_F(SearchIndexBundle, DeltaAfterAPrebuiltSnapshotKeepsSearchRight) {
    const Terminal prebuilt = newTerminal("prebuilt"), local = newTerminal("local");
    const fs::path v1 = bundle(1, generated(true));
    ASSERT_STREQ(outcomeText(applyFolder(prebuilt, v1)), "applied");
    ASSERT_STREQ(outcomeText(applyFolder(local, bundle(1, generated(false)))), "applied");
    int64_t deletedId = 0;
    std::string deletedTitle;
    {
        auto store = Store::open(prebuilt.db, Store::Mode::ReadOnly);
        const auto doc = store->documentByKey(kDeletedKey);
        ASSERT_TRUE(doc.has_value());
        deletedId = doc->id;
        deletedTitle = doc->title;
    }
    // Version 3 against 1: a retitled document, four new ones, one removed.
    BundleOptions d = generated(true);
    d.base = v1;
    const fs::path delta = bundle(3, d);
    for (const Terminal* t : {&prebuilt, &local}) {
        const UpdateReport r = applyFolder(*t, delta);
        ASSERT_STREQ(outcomeText(r), "applied") << r.detail;
        EXPECT_EQ(r.deltasApplied, 1);
        EXPECT_TRUE(noted(r, "search index updated locally")) << notes(r);
    }
    expectSameSearch(prebuilt.db, local.db);
    auto store = Store::open(prebuilt.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->meta().version, 3);
    // The retitled and the new documents are found, the removed one is not (the generated
    // copies of the demo documents carry the same titles, so hits are checked by id).
    const int64_t watched = store->documentByKey(kWatchedKey)->id;
    auto finds = [&](const std::string& text, int64_t id) {
        SearchQuery q;
        q.text = text;
        q.limit = 1000;
        for (const SearchHit& h : store->search(q))
            if (h.kind == SearchHit::Kind::Document && h.id == id) return true;
        return false;
    };
    EXPECT_TRUE(finds("修订3", watched));
    EXPECT_TRUE(finds("临澜县第3版新增公开文件之2", store->documentByKey("doc-2026-831")->id));
    EXPECT_FALSE(store->documentByKey(kDeletedKey).has_value());
    EXPECT_FALSE(finds(deletedTitle, deletedId));
}

}  // namespace
}  // namespace zwgk::synctest
