// File problems and bad input on a USB stick or in a bundle folder: a changed, truncated,
// longer (up to a 2 GiB sparse file), missing or mixed-in file; a 1 GB manifest; paths
// leaving the bundle; a stick full of unrelated files; a clock set to 1970. Each with its
// refusal and message, nothing applied, nothing lost, no temporary files left behind.
#include "sync_test_support.h"

#include <fcntl.h>

namespace zwgk::synctest {
namespace {

constexpr int64_t kGiB = int64_t(1) << 30;
constexpr int64_t kMiB = int64_t(1) << 20;

class BundleFiles : public SyncTest {
protected:
    fs::path copyOf(const fs::path& bundleDir) {
        const fs::path copy = dir_.path() / ("stick-" + std::to_string(++counter_)) / "zwgk" / "bundle";
        copyTree(bundleDir, copy);
        return copy;
    }
    static fs::path stickOf(const fs::path& bundleCopy) { return bundleCopy.parent_path().parent_path(); }

    // The damaged bundle BUNDLECOPY (on its stick) is refused with WANT by the USB import and
    // the CLI; nothing changes and no temporary file is left in the staging folder.
    void expectRefusedFromStick(const Terminal& t, const fs::path& bundleCopy, BundleRefusal want) {
        const TerminalSnapshot before = snapshotOf(t.db);
        const UsbImportReport r = importStick(t, stickOf(bundleCopy));
        EXPECT_REFUSED(r.update, want);
        EXPECT_NOTHING_CHANGED(before, t.db);
        EXPECT_EQ(filesEndingIn(t.staging, ".tmp"), std::vector<std::string>{});
        const test::CliResult cli =
            run({"import", "--db", t.db, "--staging", t.staging, "--now", testNow(), stickOf(bundleCopy).string()});
        EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
        EXPECT_EQ(valueOf(cli.out, "message"), refusalMessage(want));
        EXPECT_NE(cli.err.find(std::string("(") + refusalName(want) + ")"), std::string::npos) << cli.err;
        EXPECT_NOTHING_CHANGED(before, t.db);
        // `verify` names the same problem.
        const test::CliResult v =
            run({"verify", "--root", (rootDir_ / "root.json").string(), "--now", testNow(), bundleCopy.string()});
        EXPECT_EQ(v.status, 3) << v.out << v.err;
        EXPECT_NE(v.err.find(std::string("refused (") + refusalName(want) + ")"), std::string::npos) << v.err;
    }
};

// ---- files -------------------------------------------------------------------------------

TEST_F(BundleFiles, FileWhoseHashDiffersIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    const fs::path file = storedFile(b, "documents/00001.json");
    std::string bytes = test::readBytes(file);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
    test::writeBytes(file, bytes);
    expectRefusedFromStick(t, b, BundleRefusal::FileHash);
}

TEST_F(BundleFiles, TruncatedFileIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    const fs::path file = storedFile(b, "documents/00001.json");
    fs::resize_file(file, fs::file_size(file) / 2);  // a partial copy
    expectRefusedFromStick(t, b, BundleRefusal::FileLength);
    // An empty file (a copy that never started) too.
    fs::resize_file(file, 0);
    expectRefusedFromStick(t, b, BundleRefusal::FileLength);
}

TEST_F(BundleFiles, FileLongerThanDeclaredIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    const fs::path file = storedFile(b, "guides.json");
    test::writeBytes(file, test::readBytes(file) + "x");
    expectRefusedFromStick(t, b, BundleRefusal::FileTooLong);
}

// 2 GiB (sparse) where a few KiB are declared: refused after reading length + 1 bytes, so at
// once and without memory to speak of.
TEST_F(BundleFiles, HugeFileIsRefusedWithoutReadingIt) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    const fs::path file = storedFile(b, "meta.json");
    ASSERT_EQ(::truncate(file.c_str(), 2 * kGiB), 0);
    const TerminalSnapshot before = snapshotOf(t.db);
    const int64_t rssBefore = peakRssKiB(), readBefore = bytesReadSoFar();
    const auto started = std::chrono::steady_clock::now();
    const UsbImportReport r = importStick(t, stickOf(b));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_REFUSED(r.update, BundleRefusal::FileTooLong);
    EXPECT_LT(seconds, 5.0) << "reading 2 GiB instead of stopping at the declared length";
    // The whole session (store, manifest, the other files) read a few MiB, not the 2 GiB.
    EXPECT_LT(bytesReadSoFar() - readBefore, 16 * kMiB);
    EXPECT_LT(peakRssKiB() - rssBefore, 32 * 1024) << "KiB of peak RSS added";
    EXPECT_NOTHING_CHANGED(before, t.db);
    EXPECT_EQ(filesEndingIn(t.staging, ".tmp"), std::vector<std::string>{});
    // The staging copy never grew beyond the declared length.
    for (const auto& f : filesEndingIn(t.staging, ""))
        EXPECT_LT(fs::file_size(fs::path(t.staging) / f), 64 * kMiB) << f;
}

TEST_F(BundleFiles, MissingFileIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    fs::remove(storedFile(b, "documents/00001.json"));
    expectRefusedFromStick(t, b, BundleRefusal::FileMissing);
}

// Files of two manifests mixed: version 2's meta.json copied over version 1's (same length,
// other bytes), and version 2's manifest over version 1's files.
TEST_F(BundleFiles, FilesMixedFromTwoManifestsAreRefused) {
    const Terminal t = newTerminal();
    const fs::path b2 = bundle(2);
    const fs::path mixed = copyOf(bundle(1));
    const fs::path theirs = storedFile(b2, "meta.json"), ours = storedFile(mixed, "meta.json");
    ASSERT_EQ(fs::file_size(theirs), fs::file_size(ours));
    fs::copy_file(theirs, ours, fs::copy_options::overwrite_existing);
    expectRefusedFromStick(t, mixed, BundleRefusal::FileHash);

    const fs::path other = copyOf(bundle(1));
    fs::copy_file(b2 / "manifest.json", other / "manifest.json", fs::copy_options::overwrite_existing);
    expectRefusedFromStick(t, other, BundleRefusal::FileMissing);
    EXPECT_EQ(snapshotOf(t.db).metaVersion, -1);  // nothing ever applied
}

// Verified files that do not read as content (a signed bundle of a broken packer).
TEST_F(BundleFiles, SignedButUndecodableFileIsCorrupt) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    const ManifestFile meta = entryOf(b, "meta.json");
    const std::string garbage = "{\"content_id\": 7}";
    fs::remove(b / "files" / meta.sha256);
    test::writeBytes(b / "files" / sha256Hex(garbage), garbage);
    resignManifest(b / "manifest.json", [&](json& s) {
        for (json& f : s["files"])
            if (f["path"] == "meta.json") {
                f["sha256"] = sha256Hex(garbage);
                f["length"] = garbage.size();
            }
    }, content_.seed);
    expectRefusedFromStick(t, b, BundleRefusal::Corrupt);
}

// ---- bad input ---------------------------------------------------------------------------

// A 1 GB manifest.json (sparse): refused as too large at once, without reading it all.
TEST_F(BundleFiles, GigabyteManifestIsRefusedQuickly) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    ASSERT_EQ(::truncate((b / "manifest.json").c_str(), kGiB), 0);
    const TerminalSnapshot before = snapshotOf(t.db);
    const int64_t rssBefore = peakRssKiB(), readBefore = bytesReadSoFar();
    auto started = std::chrono::steady_clock::now();
    const UsbImportReport r = importStick(t, stickOf(b));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_REFUSED(r.update, BundleRefusal::TooLarge);
    EXPECT_LT(seconds, 5.0);
    started = std::chrono::steady_clock::now();
    EXPECT_REFUSED(applyFolder(t, b), BundleRefusal::TooLarge);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_LT(seconds, 5.0);
    // At most the 16 MiB limit is ever read and held (twice: two sessions), never the gigabyte.
    EXPECT_LT(peakRssKiB() - rssBefore, 48 * 1024) << "KiB of peak RSS added";
    EXPECT_LT(bytesReadSoFar() - readBefore, 2 * (kMaxManifestBytes + 4 * kMiB));
    EXPECT_NOTHING_CHANGED(before, t.db);
    const test::CliResult v = run({"verify", "--root", (rootDir_ / "root.json").string(), b.string()});
    EXPECT_EQ(v.status, 3) << v.err;
    EXPECT_NE(v.err.find("refused (too-large)"), std::string::npos) << v.err;
}

// Paths that leave the bundle, even in a manifest with a valid signature.
TEST_F(BundleFiles, PathsOutsideTheContentAreRefused) {
    const Terminal t = installedTerminal(2);
    for (const std::string path : {"../../etc/passwd", "/etc/passwd", "documents/../../../etc/passwd", "files/x.json",
                                   "Meta.json", "documents/a\\b.json"}) {
        SCOPED_TRACE(path);
        const fs::path b = copyOf(bundle(2));
        resignManifest(b / "manifest.json", [&](json& s) {
            s["files"].push_back({{"path", path}, {"length", 5}, {"sha256", sha256Hex("hello")}});
        }, content_.seed);
        test::writeBytes(b / "files" / sha256Hex("hello"), "hello");
        const TerminalSnapshot before = snapshotOf(t.db);
        EXPECT_REFUSED(applyFolder(t, b), BundleRefusal::BadPath);
        EXPECT_REFUSED(importStick(t, stickOf(b)).update, BundleRefusal::BadPath);
        EXPECT_NOTHING_CHANGED(before, t.db);
        EXPECT_FALSE(isBundlePath(path));
    }
    // A file name (the hash) that tries the same: malformed.
    const fs::path b = copyOf(bundle(2));
    resignManifest(b / "manifest.json", [&](json& s) { s["files"][0]["sha256"] = "../../../../../../etc/passwd"; },
                   content_.seed);
    EXPECT_REFUSED(applyFolder(t, b), BundleRefusal::Malformed);
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->syncState().version, 1);
}

// A stick of unrelated files: photos, documents, garbage JSON, an empty manifest.json, a
// manifest.json without its files/ folder, one whose JSON has no file list, random bytes
// named manifest.json. Clear report, nothing applied; a valid bundle among them still works.
TEST_F(BundleFiles, StickFullOfUnrelatedFiles) {
    const Terminal t = installedTerminal(2);
    const fs::path stick = dir_.path() / "messy-stick";
    fs::create_directories(stick / "DCIM" / "100PHOTO");
    test::writeBytes(stick / "DCIM" / "100PHOTO" / "IMG_0001.JPG", nt::randomBytes(300000, 1));
    test::writeBytes(stick / "会议纪要.docx", nt::randomBytes(20000, 2));
    test::writeBytes(stick / "data.json", "{\"not\": json at all");
    test::writeBytes(stick / "manifest.json", "[]");  // at the top, without files/
    fs::create_directories(stick / "empty" / "files");
    test::writeBytes(stick / "empty" / "manifest.json", "");
    fs::create_directories(stick / "nolist" / "files");
    test::writeBytes(stick / "nolist" / "manifest.json",
                     json{{"signed", {{"type", "zwgk-manifest"}, {"spec", 1}, {"content_id", "linlan-county"},
                                      {"version", 9}, {"created", day(1)}, {"expires", day(30)}, {"kind", "snapshot"}}},
                          {"signatures", json::array()}}
                         .dump());
    fs::create_directories(stick / "random" / "files");
    test::writeBytes(stick / "random" / "manifest.json", nt::randomBytes(5000, 3));
    fs::create_directories(stick / "nofiles");
    fs::copy_file(bundle(3) / "manifest.json", stick / "nofiles" / "manifest.json");  // valid, but no files/
    fs::create_directories(stick / "a" / "b" / "c" / "d" / "deep");
    copyTree(bundle(3), stick / "a" / "b" / "c" / "d" / "deep");  // deeper than three levels
    fs::create_directory_symlink(stick, stick / "loop");
    fs::create_directory_symlink("/etc", stick / "etc");

    const TerminalSnapshot before = snapshotOf(t.db);
    const UsbImportReport r = importStick(t, stick);
    EXPECT_STREQ(outcomeText(r.update), "refused") << r.update.detail;
    EXPECT_TRUE(r.chosen.empty());
    EXPECT_EQ(r.skipped.size(), 3u);  // empty, nolist, random
    for (const std::string& s : r.skipped) EXPECT_NE(s.find("malformed"), std::string::npos) << s;
    ASSERT_TRUE(r.update.refusal.has_value());
    EXPECT_STREQ(refusalName(*r.update.refusal), "malformed");
    EXPECT_EQ(r.update.message, refusalMessage(BundleRefusal::Malformed));
    EXPECT_NOTHING_CHANGED(before, t.db);

    const test::CliResult cli = run({"import", "--db", t.db, "--staging", t.staging, stick.string()});
    EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
    EXPECT_EQ(valueOf(cli.out, "result"), "refused");
    EXPECT_NE(cli.out.find("skipped\t" + (stick / "empty").string() + ": malformed"), std::string::npos) << cli.out;
    EXPECT_NOTHING_CHANGED(before, t.db);

    // The same stick with a valid bundle among the garbage: that one is applied.
    copyTree(bundle(3), stick / "zwgk" / "v3");
    const UsbImportReport ok = importStick(t, stick);
    EXPECT_STREQ(outcomeText(ok.update), "applied") << ok.update.detail;
    EXPECT_EQ(ok.chosen, (stick / "zwgk" / "v3").string());
    EXPECT_EQ(ok.update.toVersion, 3);
}

// Nothing that looks like a bundle at all: "no bundle on the stick", exit 1, nothing applied.
TEST_F(BundleFiles, StickWithoutBundles) {
    const Terminal t = installedTerminal(1);
    const fs::path stick = dir_.path() / "plain-stick";
    fs::create_directories(stick / "照片");
    test::writeBytes(stick / "照片" / "a.jpg", nt::randomBytes(1000, 4));
    const TerminalSnapshot before = snapshotOf(t.db);
    const UsbImportReport r = importStick(t, stick);
    EXPECT_STREQ(outcomeText(r.update), "failed");
    EXPECT_FALSE(r.found);
    EXPECT_EQ(r.update.message, "U盘上没有内容包。");
    const test::CliResult cli = run({"import", "--db", t.db, stick.string()});
    EXPECT_EQ(cli.status, 1) << cli.err;
    EXPECT_NE(cli.err.find("no bundle folder"), std::string::npos) << cli.err;
    const test::CliResult missing = run({"import", "--db", t.db, (stick / "nope").string()});
    EXPECT_EQ(missing.status, 1) << missing.err;
    EXPECT_NOTHING_CHANGED(before, t.db);
}

// ---- clock -------------------------------------------------------------------------------

TEST_F(BundleFiles, TrustedClockNeverGoesBelowTheNewestSignedTime) {
    EXPECT_EQ(trustedNow(day(3), "1970-01-01T00:00:00Z"), day(3));
    EXPECT_EQ(trustedNow(day(3), day(5)), day(5));
    EXPECT_EQ(trustedNow("", "1970-01-01T00:00:00Z"), "1970-01-01T00:00:00Z");
    EXPECT_GE(trustedNow(day(3)), day(9));  // the system clock (day 10 and a bit)
}

// The clock says 1970. Key expiry is judged at the clock floor (the newest signed time the
// terminal has seen), not at 1970: a key that expired before the floor stays expired.
TEST_F(BundleFiles, ClockAt1970JudgesKeyExpiryByTheFloor) {
    const Terminal t = newTerminal();
    const UpdateReport first = applyFolder(t, bundle(1, {.created = day(6)}), "1970-01-01T00:00:00Z");
    ASSERT_STREQ(outcomeText(first), "applied") << first.detail;
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->syncState().clockFloor, day(6));

    // A second content key that expired on day 5 signs version 2 (made on day 4).
    const SignKeys shortLived = generateSignKeys();
    RootChange change;
    change.addContentKeys = {{shortLived.publicKey, day(5)}};
    writeNextRoot(rootDir_.string(), change, {root_.seed});
    const fs::path b = bundle(2, {.created = day(4), .seed = shortLived.seed});
    const TerminalSnapshot before = snapshotOf(t.db);
    EXPECT_REFUSED(applyFolder(t, b, "1970-01-01T00:00:00Z"), BundleRefusal::ExpiredKey);
    TerminalSnapshot expected = before;  // root 2 came with the bundle
    expected.state.root = rootText();
    expected.state.rootVersion = 2;
    EXPECT_NOTHING_CHANGED(expected, t.db);
    const fs::path stick = dir_.path() / "stick-expired-key";
    copyTree(b, stick / "v2");
    const test::CliResult cli =
        run({"import", "--db", t.db, "--staging", t.staging, "--now", "1970-01-01T00:00:00Z", stick.string()});
    EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
    EXPECT_NE(cli.err.find("expired-key"), std::string::npos) << cli.out << cli.err;
    EXPECT_NOTHING_CHANGED(expected, t.db);
}

// The clock says 1970 and the floor (day 6) is past the expiry of a newer manifest (made on
// day 2, expired on day 3): it is applied, because it is newer, and the terminal says its
// content may be out of date. A fresh manifest clears that; an expired older one is refused.
TEST_F(BundleFiles, ClockAt1970ExpiredButNewerIsAppliedAndShownStale) {
    const std::string y1970 = "1970-01-01T00:00:00Z";
    const Terminal t = newTerminal();
    ASSERT_STREQ(outcomeText(applyFolder(t, bundle(1, {.created = day(6)}), y1970)), "applied");
    EXPECT_FALSE(contentStaleness(*Store::open(t.db, Store::Mode::ReadOnly), y1970).stale);

    const fs::path expired = bundle(2, {.created = day(2), .expiresDays = 1});
    const UpdateReport r = applyFolder(t, expired, y1970);
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
    {
        auto store = Store::open(t.db, Store::Mode::ReadOnly);
        const SyncState s = store->syncState();
        EXPECT_EQ(s.version, 2);
        EXPECT_EQ(s.expires, day(3));
        EXPECT_EQ(s.clockFloor, day(6));  // never lowered
        const Staleness stale = contentStaleness(*store, y1970);
        EXPECT_TRUE(stale.stale);
        EXPECT_EQ(stale.lastUpdated, utcFromSeconds(dayZero() + 2 * 86400 + 8 * 3600).substr(0, 10));
        EXPECT_TRUE(contentStaleness(*store).stale);  // and by the system clock
    }
    // Expired and older: refused.
    const TerminalSnapshot before = snapshotOf(t.db);
    EXPECT_REFUSED(applyFolder(t, bundle(1, {.created = day(1), .expiresDays = 1}), y1970), BundleRefusal::Rollback);
    EXPECT_NOTHING_CHANGED(before, t.db);
    // A fresh version 3 (expires on day 40): no longer stale.
    ASSERT_STREQ(outcomeText(applyFolder(t, bundle(3, {.created = day(7)}), y1970)), "applied");
    EXPECT_FALSE(contentStaleness(*Store::open(t.db, Store::Mode::ReadOnly), y1970).stale);
}

// The same by the CLI: --now 1970-01-01T00:00:00Z applies a newer, expired bundle (exit 0).
TEST_F(BundleFiles, ClockAt1970FromTheCli) {
    const Terminal t = newTerminal();
    ASSERT_STREQ(outcomeText(applyFolder(t, bundle(1, {.created = day(6)}))), "applied");
    const fs::path stick = dir_.path() / "stick1970";
    copyTree(bundle(2, {.created = day(2), .expiresDays = 1}), stick / "v2");
    const test::CliResult cli =
        run({"import", "--db", t.db, "--staging", t.staging, "--now", "1970-01-01T00:00:00Z", stick.string()});
    EXPECT_EQ(cli.status, 0) << cli.out << cli.err;
    EXPECT_EQ(valueOf(cli.out, "result"), "applied");
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->syncState().version, 2);
    EXPECT_TRUE(contentStaleness(*store, "1970-01-01T00:00:00Z").stale);
    // `verify` says it expired (by the given clock, the floor is the terminal's business).
    const test::CliResult v = run({"verify", "--root", (rootDir_ / "root.json").string(), (stick / "v2").string()});
    EXPECT_EQ(v.status, 0) << v.err;
    EXPECT_NE(v.out.find("(expired"), std::string::npos) << v.out;
}

}  // namespace
}  // namespace zwgk::synctest
