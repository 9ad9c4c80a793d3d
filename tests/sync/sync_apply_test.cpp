// Happy paths of content sync: a snapshot over a USB folder and over HTTP, a delta chain
// applied as deltas, a gap in the chain falling back to the snapshot, "up to date", and what
// an apply brings along (sync state, search index, glyph set, the untouched outbox).
#include "sync_test_support.h"

namespace zwgk::synctest {
namespace {

using SyncApply = SyncTest;

TEST_F(SyncApply, SnapshotFromAUsbFolderIsApplied) {
    const Terminal t = newTerminal();
    const fs::path stick = dir_.path() / "stick";
    copyTree(bundle(1), stick / "zwgk" / "bundles" / "v1");

    const UsbImportReport r = importStick(t, stick);
    EXPECT_TRUE(r.found);
    EXPECT_EQ(r.chosen, (stick / "zwgk" / "bundles" / "v1").string());
    EXPECT_STREQ(outcomeText(r.update), "applied") << r.update.detail;
    EXPECT_TRUE(r.update.snapshotApplied);
    EXPECT_FALSE(r.update.deltaGap);
    EXPECT_EQ(r.update.fromVersion, 0);
    EXPECT_EQ(r.update.toVersion, 1);
    EXPECT_GT(r.update.bytesFetched, 0);
    EXPECT_EQ(r.update.message, "内容已更新。");

    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    const SyncState s = store->syncState();
    EXPECT_EQ(s.contentId, "linlan-county");
    EXPECT_EQ(s.version, 1);
    EXPECT_EQ(s.created, day(1));
    EXPECT_EQ(s.expires, utcPlusDays(day(1), 30));
    EXPECT_EQ(s.manifestDigest, sha256Hex(test::readBytes(stick / "zwgk/bundles/v1/manifest.json")));
    EXPECT_EQ(s.source, r.chosen);
    EXPECT_EQ(s.lastResult, "ok");
    EXPECT_GE(s.clockFloor, day(1));
    EXPECT_EQ(store->meta().version, 1);
    EXPECT_EQ(store->countDocuments({}), documentsIn(1));
    EXPECT_EQ(store->documentByKey(kWatchedKey)->title, watchedTitle(1));
    EXPECT_TRUE(store->integrityProblems().empty());
    // The staged copies are gone once applied.
    EXPECT_TRUE(filesEndingIn(t.staging, ".tmp").empty());
    EXPECT_TRUE(filesEndingIn(t.staging, ".part").empty());
}

TEST_F(SyncApply, SnapshotOverHttpIsApplied) {
    const Terminal t = newTerminal();
    const std::string web = publish(bundle(1), newWebName());
    const UpdateReport r = pull(t, nt::baseUrl() + "/" + web);
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
    EXPECT_TRUE(r.snapshotApplied);
    EXPECT_EQ(r.deltasApplied, 0);
    EXPECT_EQ(r.toVersion, 1);
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->countDocuments({}), documentsIn(1));
    EXPECT_EQ(store->syncState().source, nt::baseUrl() + "/" + web);
}

// Version 1 → 2 → 3 arrive as deltas: only the changed documents travel, document ids stay,
// a removed document is gone, the search index and the glyph set follow.
TEST_F(SyncApply, DeltaChainIsAppliedAsDeltas) {
    Terminal t = installedTerminal(1);
    const fs::path b1 = v1_;
    const fs::path b2 = bundle(2), d2 = bundle(2, {.base = b1});
    const fs::path b3 = bundle(3), d3 = bundle(3, {.base = b2});
    const std::string web = newWebName();
    publish(b1, web);
    publish(b2, web);
    publish(d2, web);
    publish(b3, web);
    publish(d3, web);
    ASSERT_TRUE(fs::exists(nt::wwwDir() / web / "deltas/from-1.json"));
    ASSERT_TRUE(fs::exists(nt::wwwDir() / web / "deltas/from-2.json"));

    int64_t watchedId = 0, keptId = 0;
    {
        auto store = Store::open(t.db, Store::Mode::ReadOnly);
        watchedId = store->documentByKey(kWatchedKey)->id;
        keptId = store->documentByKey("doc-2025-0003") ? store->documentByKey("doc-2025-0003")->id : 0;
        ASSERT_TRUE(store->documentByKey(kDeletedKey));
    }
    const FileFacts outbox = factsOf(t.outbox());

    const UpdateReport r = pull(t, nt::baseUrl() + "/" + web);
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
    EXPECT_EQ(r.deltasApplied, 2);
    EXPECT_FALSE(r.snapshotApplied);
    EXPECT_FALSE(r.deltaGap);
    EXPECT_FALSE(r.refusal.has_value());
    EXPECT_EQ(r.fromVersion, 1);
    EXPECT_EQ(r.toVersion, 3);
    // Only the changed documents travel: each delta carries fewer document bytes than its
    // snapshot, and the two deltas together less than the two snapshots.
    auto bytesOf = [](const fs::path& b, bool documentsOnly) {
        int64_t n = 0;
        for (const ManifestFile& f : parseManifest(test::readBytes(b / "manifest.json")).files)
            if (!documentsOnly || f.path.rfind("documents/", 0) == 0) n += f.length;
        return n;
    };
    EXPECT_LT(bytesOf(d2, true) * 5, bytesOf(b2, true));
    EXPECT_LT(bytesOf(d3, true) * 5, bytesOf(b3, true));
    EXPECT_EQ(r.bytesFetched, bytesOf(d2, false) + bytesOf(d3, false));
    EXPECT_LT(r.bytesFetched, bytesOf(b2, false) + bytesOf(b3, false));

    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->syncState().version, 3);
    EXPECT_EQ(store->meta().version, 3);
    EXPECT_EQ(store->countDocuments({}), documentsIn(3));
    const auto watched = store->documentByKey(kWatchedKey);
    ASSERT_TRUE(watched);
    EXPECT_EQ(watched->title, watchedTitle(3));
    EXPECT_EQ(watched->id, watchedId);
    if (keptId) {
        EXPECT_EQ(store->documentByKey("doc-2025-0003")->id, keptId);
    }
    EXPECT_FALSE(store->documentByKey(kDeletedKey));
    EXPECT_TRUE(store->documentByKey("doc-2026-830"));
    // The search index follows: the new title is found, the removed document is not.
    SearchQuery q;
    q.text = "修订3";
    const auto hits = store->search(q);
    ASSERT_FALSE(hits.empty());
    SearchQuery added;
    added.text = "第3版新增公开文件";
    EXPECT_EQ(store->countSearch(added), 2);
    // The glyph set follows: 汇/订 appear in the new titles.
    const std::u32string glyphs = store->glyphSet();
    EXPECT_NE(glyphs.find(U'订'), std::u32string::npos);
    EXPECT_TRUE(store->integrityProblems().empty());
    // The outbox file is never opened by a content apply.
    EXPECT_TRUE(factsOf(t.outbox()) == outbox);
}

// The terminal holds 1; from-1 exists, from-2 does not: the chain breaks after one delta and
// the snapshot 3 is applied instead.
TEST_F(SyncApply, GapInTheDeltaChainFallsBackToTheSnapshot) {
    Terminal t = installedTerminal(0);
    const fs::path b2 = bundle(2), d2 = bundle(2, {.base = v1_});
    const fs::path b3 = bundle(3);
    const std::string web = newWebName();
    publish(v1_, web);
    publish(b2, web);
    publish(d2, web);
    publish(b3, web);
    ASSERT_FALSE(fs::exists(nt::wwwDir() / web / "deltas/from-2.json"));

    const UpdateReport r = pull(t, nt::baseUrl() + "/" + web);
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
    EXPECT_EQ(r.deltasApplied, 1);
    EXPECT_TRUE(r.snapshotApplied);
    EXPECT_TRUE(r.deltaGap);
    EXPECT_EQ(r.toVersion, 3);
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->countDocuments({}), documentsIn(3));
    EXPECT_EQ(store->documentByKey(kWatchedKey)->title, watchedTitle(3));
    EXPECT_EQ(store->syncState().manifestDigest, sha256Hex(test::readBytes(b3 / "manifest.json")));
}

// Only from-1 is missing (terminal at 1, deltas from 2 on): straight to the snapshot.
TEST_F(SyncApply, MissingFirstDeltaUsesTheSnapshot) {
    Terminal t = installedTerminal(0);
    const fs::path b2 = bundle(2);
    const fs::path b3 = bundle(3), d3 = bundle(3, {.base = b2});
    const std::string web = newWebName();
    publish(b2, web);
    publish(b3, web);
    publish(d3, web);
    const UpdateReport r = pull(t, nt::baseUrl() + "/" + web);
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
    EXPECT_EQ(r.deltasApplied, 0);
    EXPECT_TRUE(r.snapshotApplied);
    EXPECT_TRUE(r.deltaGap);
    EXPECT_EQ(r.toVersion, 3);
}

// A delta that is published but does not fit (its base is 2, it sits at from-1): the note
// says why, and the snapshot is applied.
TEST_F(SyncApply, DeltaWithAWrongBaseInTheChainFallsBackToTheSnapshot) {
    Terminal t = installedTerminal(0);
    const fs::path b2 = bundle(2);
    const fs::path b3 = bundle(3), d3 = bundle(3, {.base = b2});
    const std::string web = newWebName();
    publish(b3, web);
    fs::create_directories(nt::wwwDir() / web / "deltas");
    publish(d3, web);
    fs::rename(nt::wwwDir() / web / "deltas/from-2.json", nt::wwwDir() / web / "deltas/from-1.json");
    const UpdateReport r = pull(t, nt::baseUrl() + "/" + web);
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
    EXPECT_EQ(r.deltasApplied, 0);
    EXPECT_TRUE(r.snapshotApplied);
    EXPECT_TRUE(r.deltaGap);
    EXPECT_FALSE(r.refusal.has_value());
    bool noted = false;
    for (const std::string& n : r.notes) noted = noted || n.find("wrong-base") != std::string::npos;
    EXPECT_TRUE(noted) << "the notes should say the delta did not fit";
}

TEST_F(SyncApply, UpToDateChangesNothingButTheLastAttempt) {
    Terminal t = installedTerminal(1);
    const std::string web = publish(v1_, newWebName());
    const TerminalSnapshot before = snapshotOf(t.db);
    const UpdateReport r = pull(t, nt::baseUrl() + "/" + web);
    EXPECT_STREQ(outcomeText(r), "up-to-date") << r.detail;
    EXPECT_EQ(r.message, "内容已是最新。");
    EXPECT_EQ(r.bytesFetched, 0);
    EXPECT_FALSE(r.refusal.has_value());
    EXPECT_NOTHING_CHANGED(before, t.db);
    EXPECT_EQ(snapshotOf(t.db).state.lastResult, "ok");

    // The CLI says so and exits 0.
    const test::CliResult cli = run({"pull", "--db", t.db, "--url", nt::baseUrl() + "/" + web, "--staging", t.staging});
    EXPECT_EQ(cli.status, 0) << cli.err;
    EXPECT_EQ(valueOf(cli.out, "result"), "up-to-date");
    EXPECT_EQ(valueOf(cli.out, "version"), "1 -> 1");
}

// The same bundle again from the stick: up to date, exit 0.
TEST_F(SyncApply, SameBundleFromTheStickIsUpToDate) {
    Terminal t = installedTerminal(1);
    const fs::path stick = dir_.path() / "stick";
    copyTree(v1_, stick / "v1");
    const TerminalSnapshot before = snapshotOf(t.db);
    const test::CliResult cli = run({"import", "--db", t.db, "--staging", t.staging, stick.string()});
    EXPECT_EQ(cli.status, 0) << cli.err;
    EXPECT_EQ(valueOf(cli.out, "result"), "up-to-date");
    EXPECT_NOTHING_CHANGED(before, t.db);
}

// The newest valid bundle on a stick wins; the others are listed as skipped.
TEST_F(SyncApply, TheNewestBundleOnTheStickIsChosen) {
    Terminal t = installedTerminal(0);
    const fs::path stick = dir_.path() / "stick";
    copyTree(v1_, stick / "old" / "v1");
    copyTree(bundle(3), stick / "new");
    copyTree(bundle(2), stick / "a" / "b" / "v2");
    const UsbImportReport r = importStick(t, stick);
    EXPECT_STREQ(outcomeText(r.update), "applied") << r.update.detail;
    EXPECT_EQ(r.chosen, (stick / "new").string());
    EXPECT_EQ(r.skipped.size(), 2u);
    EXPECT_EQ(r.update.toVersion, 3);
}

// A delta bundle written by `pack --base` and carried on a stick applies as a delta.
TEST_F(SyncApply, DeltaBundleOnAStickAppliesAsADelta) {
    Terminal t = installedTerminal(0);
    const fs::path stick = dir_.path() / "stick";
    copyTree(bundle(2, {.base = v1_}), stick / "delta-2");
    const UsbImportReport r = importStick(t, stick);
    EXPECT_STREQ(outcomeText(r.update), "applied") << r.update.detail;
    EXPECT_EQ(r.update.deltasApplied, 1);
    EXPECT_FALSE(r.update.snapshotApplied);
    EXPECT_EQ(r.update.toVersion, 2);
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->countDocuments({}), documentsIn(2));
    EXPECT_EQ(store->documentByKey(kWatchedKey)->title, watchedTitle(2));
}

// The office put snapshot 2 and the delta 2→3 on one stick; the terminal holds 1. The delta
// does not fit yet, so snapshot 2 is applied (not refused because of the newer delta); the
// next import takes the delta.
TEST_F(SyncApply, SnapshotBesideAnUnfittingDeltaOnTheStick) {
    Terminal t = installedTerminal(0);
    const fs::path b2 = bundle(2);
    const fs::path stick = dir_.path() / "stick";
    copyTree(b2, stick / "snapshot-2");
    copyTree(bundle(3, {.base = b2}), stick / "delta-3");
    const UsbImportReport first = importStick(t, stick);
    EXPECT_STREQ(outcomeText(first.update), "applied") << first.update.detail;
    EXPECT_EQ(first.chosen, (stick / "snapshot-2").string());
    ASSERT_EQ(first.skipped.size(), 1u);
    EXPECT_NE(first.skipped[0].find("wrong-base"), std::string::npos) << first.skipped[0];
    EXPECT_EQ(first.update.toVersion, 2);
    const UsbImportReport second = importStick(t, stick);
    EXPECT_STREQ(outcomeText(second.update), "applied") << second.update.detail;
    EXPECT_EQ(second.chosen, (stick / "delta-3").string());
    EXPECT_EQ(second.update.deltasApplied, 1);
    EXPECT_EQ(second.update.toVersion, 3);
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->countDocuments({}), documentsIn(3));
    // Nothing newer: up to date.
    EXPECT_STREQ(outcomeText(importStick(t, stick).update), "up-to-date");
}

}  // namespace
}  // namespace zwgk::synctest
