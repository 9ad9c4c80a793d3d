// A disk that fails during content apply.
//
// 1. SQLite writes fail after N (sync/fault_vfs.h): for N spread from the first write to the
//    last one of a clean apply, applying version 2 (snapshot and delta, an I/O error or a full
//    disk) must fail cleanly with the Chinese "原内容保持不变" message, or, when the failure
//    comes only after the commit (the checkpoint, the bookkeeping after it), report success
//    with version 2 in place. Reopened on a sound disk the store is exactly that version and
//    passes its integrity check, the outbox is untouched, and a normal apply reaches version 2.
// 2. A real full disk (a small tmpfs, mounted as root; skipped where mounting is not allowed):
//    the staging copy of a bundle file onto it fails and leaves nothing behind; a staging
//    folder on it is refused before anything is copied; a store on it that cannot hold the
//    new content keeps the old.
#include <sys/mount.h>

#include <set>

#include "crash_support.h"
#include "fault_vfs.h"

namespace zwgk::crashtest {
namespace {

constexpr int kFaultPointsPerBundle = 22;  // N values per bundle (44 in all)

// Removes the faulty disk however the test ends.
struct FaultGuard {
    ~FaultGuard() { removeFaultyDisk(); }
};

bool keepsOldContent(const std::string& message) { return message.find("原内容保持不变") != std::string::npos; }

TEST(ApplyFaults, DiskFailingAfterNWritesLeavesTheOldOrTheNewContent) {
    if (!fs::exists(builtKioskSync())) GTEST_SKIP() << builtKioskSync() << " is not built";
    const auto started = Clock::now();
    World& w = world();
    Terminal t("fault");
    FaultGuard guard;
    References refs;
    refs.v1 = fingerprintOf(t.db);
    ASSERT_TRUE(refs.v1.problems.empty());
    t.restore();

    // Writes of a clean apply (the shim counting, failing nothing), and the references.
    int64_t cleanWrites[2] = {0, 0};
    for (int delta = 0; delta < 2; ++delta) {
        installFaultyDisk(-1);
        const UpdateReport r = applyBundle(t.db, delta ? w.v2delta : w.v2);
        cleanWrites[delta] = faultyDiskWrites();
        removeFaultyDisk();
        ASSERT_EQ(r.outcome, SyncOutcome::Applied) << r.detail;
        ASSERT_FALSE(faultyDiskTripped());
        Fingerprint& ref = delta ? refs.v2delta : refs.v2snapshot;
        ref = fingerprintOf(t.db);
        ASSERT_TRUE(ref.problems.empty());
        ASSERT_EQ(ref.metaVersion, 2);
        t.restore();
        ASSERT_GT(cleanWrites[delta], 10);
    }

    // N: small values (the bookkeeping before the apply), a geometric spread and uniform draws
    // up to the last write of a clean apply.
    std::mt19937 random(5);
    std::vector<std::pair<bool, int64_t>> points;  // (delta, N)
    for (int delta = 0; delta < 2; ++delta) {
        const int64_t total = cleanWrites[delta];
        std::set<int64_t> ns = {0, 1, 2, 5, total - 1};
        for (double n = 10; n < total && ns.size() < kFaultPointsPerBundle / 2; n *= 2.2) ns.insert(static_cast<int64_t>(n));
        std::uniform_int_distribution<int64_t> any(3, total - 1);
        while (ns.size() < static_cast<size_t>(kFaultPointsPerBundle)) ns.insert(any(random));
        for (int64_t n : ns) points.emplace_back(delta == 1, n);
    }

    int failedCleanly = 0, appliedBeforeFault = 0, atOpen = 0, fullDisk = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        const auto [delta, n] = points[i];
        const DiskFault fault = i % 2 ? DiskFault::Full : DiskFault::IoError;
        SCOPED_TRACE(std::string(delta ? "delta" : "snapshot") + ", the disk fails after " + std::to_string(n) +
                     " writes (" + (fault == DiskFault::Full ? "full" : "I/O error") + ")");
        installFaultyDisk(n, fault);
        UpdateReport r;
        ASSERT_NO_THROW(r = applyBundle(t.db, delta ? w.v2delta : w.v2));
        const bool tripped = faultyDiskTripped();
        removeFaultyDisk();
        EXPECT_TRUE(tripped) << "the fault was never reached";
        fullDisk += fault == DiskFault::Full;

        const Verdict v = judge(t, refs, delta);
        if (v.side == Side::Broken) keepForInspection(t.db, "fault-" + std::to_string(i));
        ASSERT_NE(v.side, Side::Broken) << v.problem << " (report: " << outcomeName(r.outcome) << ", " << r.message
                                        << ", " << r.detail << ")";
        if (r.outcome == SyncOutcome::Applied) {
            // The failure came after the commit: version 2 is there and says so.
            ++appliedBeforeFault;
            EXPECT_EQ(v.side, Side::New) << "reported applied, but the store holds version 1";
        } else {
            EXPECT_EQ(r.outcome, SyncOutcome::Failed) << r.message << " / " << r.detail;
            EXPECT_EQ(v.side, Side::Old) << "reported " << outcomeName(r.outcome) << " (" << r.message
                                         << "), but the store holds version 2";
            if (r.message == "无法打开本机内容库。") {
                ++atOpen;
            } else {
                EXPECT_TRUE(keepsOldContent(r.message)) << r.message << " / " << r.detail;
                ++failedCleanly;
            }
        }
        // On a sound disk again, the next sync applies version 2.
        if (v.side == Side::Old) {
            const UpdateReport again = applyBundle(t.db, delta ? w.v2delta : w.v2);
            ASSERT_EQ(again.outcome, SyncOutcome::Applied) << again.detail;
            const Verdict after = judge(t, refs, delta);
            ASSERT_EQ(after.side, Side::New) << "apply after the fault: " << after.problem;
        }
        t.restore();
    }
    // The local import (`kiosk-sync import-source`, Store::importContent) writes through the
    // same transaction: StoreError Io and the old content, unless the fault came after its commit.
    const ContentSet v2set = loadContentSource(w.path("src-v2").string());
    installFaultyDisk(-1);
    {
        auto store = Store::open(t.db, Store::Mode::ReadWrite);
        store->importContent(v2set);
    }
    const int64_t importWrites = faultyDiskWrites();
    removeFaultyDisk();
    t.restore();
    int importFailed = 0, importPoints = 0;
    for (int64_t n : {int64_t(0), int64_t(1), importWrites / 8, importWrites / 4, importWrites / 3, importWrites / 2}) {
        SCOPED_TRACE("local import, the disk fails after " + std::to_string(n) + " writes");
        ++importPoints;
        installFaultyDisk(n, n % 2 ? DiskFault::Full : DiskFault::IoError);
        std::optional<StoreErrorKind> error;
        std::string what;
        try {
            auto store = Store::open(t.db, Store::Mode::ReadWrite);
            store->importContent(v2set);
        } catch (const StoreError& e) {
            error = e.kind();
            what = e.what();
        }
        removeFaultyDisk();
        if (!error) continue;  // the fault came after the commit
        ++importFailed;
        EXPECT_EQ(static_cast<int>(*error), static_cast<int>(StoreErrorKind::Io)) << what;
        const Verdict v = judge(t, refs, false);
        EXPECT_EQ(v.side, Side::Old) << v.problem << " (" << what << ")";
        t.restore();
    }
    EXPECT_GT(importFailed, 0);

    std::printf("fault points %zu (writes of a clean apply: snapshot %lld, delta %lld; %d as a full disk): "
                "%d failed with the old content kept, %d failed opening the store, %d applied before the fault hit; "
                "local import: %d fault points, %d failed with StoreError Io and the old content; %.1f s\n",
                points.size(), static_cast<long long>(cleanWrites[0]), static_cast<long long>(cleanWrites[1]), fullDisk,
                failedCleanly, atOpen, appliedBeforeFault, importPoints, importFailed, secondsSince(started));
    EXPECT_GE(points.size(), 40u);
    EXPECT_GT(failedCleanly, static_cast<int>(points.size()) / 2);
}

// A tmpfs of SIZE bytes mounted at DIR for the length of a test.
class SmallDisk {
public:
    SmallDisk(const fs::path& dir, int64_t size) : dir_(dir) {
        fs::create_directories(dir);
        const std::string options = "size=" + std::to_string(size);
        mounted_ = ::geteuid() == 0 && ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ~SmallDisk() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    // Fills the disk up to FREE bytes left.
    void fillLeaving(int64_t free) {
        const auto space = fs::space(dir_);
        const int64_t fill = static_cast<int64_t>(space.available) - free;
        if (fill > 0) test::writeBytes(dir_ / "filler", std::string(static_cast<size_t>(fill), 'x'));
    }

private:
    fs::path dir_;
    bool mounted_ = false;
};

TEST(ApplyFaults, FullDiskDuringStagingOrApplyLeavesTheOldContent) {
    if (!fs::exists(builtKioskSync())) GTEST_SKIP() << builtKioskSync() << " is not built";
    World& w = world();
    const Manifest m = parseManifest(test::readBytes(w.v2 / "manifest.json"));
    const ManifestFile* biggest = &m.files.front();
    for (const ManifestFile& f : m.files)
        if (f.length > biggest->length) biggest = &f;

    // The staging copy onto a disk with less room than the file.
    {
        SmallDisk disk(w.path("tiny"), 1 << 20);
        if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (needs root)";
        disk.fillLeaving(biggest->length / 2);
        const fs::path dest = w.path("tiny") / biggest->sha256;
        try {
            copyVerifiedFile((w.v2 / "files" / biggest->sha256).string(), dest.string(), *biggest);
            ADD_FAILURE() << "copying " << biggest->length << " bytes onto a full disk succeeded";
        } catch (const BundleError& e) {
            ADD_FAILURE() << "a full disk reported as a bad bundle: " << e.what();
        } catch (const std::exception& e) {
            EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
        }
        EXPECT_FALSE(fs::exists(dest));
        EXPECT_FALSE(fs::exists(dest.string() + ".tmp"));
    }

    References refs;
    Terminal t("fulldisk");
    refs.v1 = fingerprintOf(t.db);
    refs.v2snapshot = refs.v2delta = refs.v1;  // never reached below
    // A staging folder on a disk with room for half the bundle and its content: refused
    // before anything is copied, nothing changes.
    {
        int64_t needed = 0;
        for (const ManifestFile& f : m.files) needed += f.length + f.rawLength;
        SmallDisk disk(w.path("tiny-staging"), needed / 2);
        ASSERT_TRUE(disk.mounted());
        auto source = folderSource(w.v2.string());
        SyncOptions options;
        options.stagingDir = (w.path("tiny-staging") / "staging").string();
        const UpdateReport r = updateFromSource(t.db, *source, options);
        EXPECT_EQ(r.outcome, SyncOutcome::Failed) << r.detail;
        EXPECT_NE(r.message.find("磁盘空间不足"), std::string::npos) << r.message;
        const Verdict v = judge(t, refs, false);
        EXPECT_EQ(v.side, Side::Old) << v.problem;
    }
    // The store on a disk too small for version 2 (staging elsewhere): SQLite finds the disk
    // full while committing; the old content stays.
    {
        const fs::path mountDir = w.path("small-store");
        const int64_t storeBytes = static_cast<int64_t>(fs::file_size(t.db));
        SmallDisk disk(mountDir, storeBytes + storeBytes / 4);
        ASSERT_TRUE(disk.mounted());
        const std::string db = (mountDir / "kiosk.db").string();
        fs::copy_file(t.db, db);
        auto source = folderSource(w.v2.string());
        SyncOptions options;
        options.stagingDir = w.path("small-store-staging").string();
        const UpdateReport r = updateFromSource(db, *source, options);
        EXPECT_EQ(r.outcome, SyncOutcome::Failed) << r.detail;
        EXPECT_TRUE(keepsOldContent(r.message)) << r.message << " / " << r.detail;
        std::printf("store on a full disk: %s / %s\n", r.message.c_str(), r.detail.c_str());
        const Fingerprint f = fingerprintOf(db);
        EXPECT_TRUE(f.problems.empty()) << f.problems.front();
        EXPECT_EQ(contentDifference(f, refs.v1), "");
        EXPECT_EQ(stateDifference(f.state, refs.v1.state, true, {f.state.clockFloor}), "");
        // Copied to a disk with room, the same store takes version 2.
        const std::string roomy = w.path("roomy.db").string();
        fs::copy_file(db, roomy);
        if (fs::exists(db + "-wal")) fs::copy_file(db + "-wal", roomy + "-wal");
        const UpdateReport again = applyBundle(roomy, w.v2);
        EXPECT_EQ(again.outcome, SyncOutcome::Applied) << again.detail;
        auto store = Store::open(roomy, Store::Mode::ReadOnly);
        EXPECT_EQ(store->meta().version, 2);
        EXPECT_TRUE(store->integrityProblems().empty());
    }
}

}  // namespace
}  // namespace zwgk::crashtest
