// Opening stores: schema creation, versions and migrations, WAL and foreign keys, and every
// way a file can fail to be a store.
#include <gtest/gtest.h>

#include <unistd.h>

#include "content_source.h"
#include "store.h"
#include "test_support.h"

namespace zwgk {
namespace {

using test::TempDir;

StoreErrorKind openError(const std::string& path, Store::Mode mode, std::string* message = nullptr) {
    try {
        Store::open(path, mode);
    } catch (const StoreError& e) {
        if (message) *message = e.what();
        return e.kind();
    }
    ADD_FAILURE() << "opening " << path << " did not fail";
    return StoreErrorKind::Io;
}

TEST(StoreOpen, CreateMakesAnEmptyStoreAtTheLatestVersion) {
    TempDir dir;
    const std::string path = dir.file("store.db");
    {
        auto store = Store::open(path, Store::Mode::Create);
        EXPECT_EQ(store->schemaVersion(), Store::latestSchemaVersion());
        EXPECT_GE(Store::latestSchemaVersion(), 2);
        EXPECT_FALSE(store->hasContent());
        EXPECT_TRUE(store->glyphSet().empty());
        EXPECT_EQ(store->countDocuments({}), 0);
        EXPECT_TRUE(store->countByYear().empty());
        EXPECT_TRUE(store->integrityProblems().empty()) << "a fresh store is consistent";
        try {
            store->meta();
            ADD_FAILURE() << "meta() of an empty store did not throw";
        } catch (const StoreError& e) {
            EXPECT_EQ(e.kind(), StoreErrorKind::Empty);
        }
    }
    auto reopened = Store::open(path, Store::Mode::ReadOnly);
    EXPECT_EQ(reopened->schemaVersion(), Store::latestSchemaVersion());
    EXPECT_FALSE(reopened->hasContent());
}

TEST(StoreOpen, UsesWalAndForeignKeys) {
    TempDir dir;
    const std::string path = dir.file("store.db");
    {
        auto store = Store::open(path, Store::Mode::Create);
        EXPECT_EQ(store->journalMode(), "wal");
        EXPECT_TRUE(store->foreignKeysEnabled());
    }
    auto readOnly = Store::open(path, Store::Mode::ReadOnly);
    EXPECT_EQ(readOnly->journalMode(), "wal");  // stored in the file, not per connection
    EXPECT_TRUE(readOnly->foreignKeysEnabled());
}

TEST(StoreOpen, MigratesAVersionOneStore) {
    TempDir dir;
    const std::string path = dir.file("v1.db");
    Store::createAtSchemaVersion(path, 1);
    {
        // Read-only never migrates; content queries work, settings are simply absent.
        auto store = Store::open(path, Store::Mode::ReadOnly);
        EXPECT_EQ(store->schemaVersion(), 1);
        EXPECT_FALSE(store->hasContent());
        EXPECT_FALSE(store->setting("idle_timeout").has_value());
        for (const auto& [table, count] : store->tableCounts()) EXPECT_NE(table, "settings");
    }
    {
        auto store = Store::open(path, Store::Mode::ReadWrite);
        EXPECT_EQ(store->schemaVersion(), Store::latestSchemaVersion());
        store->setSetting("idle_timeout", "90");
        store->importContent(loadContentSource(test::fixtureDir().string()));
    }
    auto store = Store::open(path, Store::Mode::ReadOnly);
    EXPECT_EQ(store->schemaVersion(), Store::latestSchemaVersion());
    EXPECT_EQ(store->setting("idle_timeout").value_or(""), "90");
    EXPECT_EQ(store->countDocuments({}), 6);
}

TEST(StoreOpen, MigratesAVersionTwoStore) {
    TempDir dir;
    const std::string path = dir.file("v2.db");
    Store::createAtSchemaVersion(path, 2);
    {
        // Read-only never migrates: the terminal finds no statuses rather than failing.
        auto store = Store::open(path, Store::Mode::ReadOnly);
        EXPECT_EQ(store->schemaVersion(), 2);
        EXPECT_FALSE(store->applicationStatus("QX01-8B3N-T6WE").has_value());
        EXPECT_EQ(store->countApplicationStatuses(), 0);
        EXPECT_EQ(store->applicationStatusesUpdated(), "");
        for (const auto& [table, count] : store->tableCounts()) EXPECT_NE(table, "application_statuses");
    }
    {
        auto store = Store::open(path, Store::Mode::ReadWrite);
        EXPECT_GE(store->schemaVersion(), 3);
        EXPECT_EQ(store->schemaVersion(), Store::latestSchemaVersion());
        store->setSetting("idle_timeout", "90");
        store->importContent(loadContentSource(test::fixtureDir().string()));
    }
    auto store = Store::open(path, Store::Mode::ReadOnly);
    EXPECT_EQ(store->schemaVersion(), Store::latestSchemaVersion());
    EXPECT_EQ(store->applicationStatus("qx01 8b3n t6we")->status, "已延期");
    EXPECT_EQ(store->applicationStatusesUpdated(), "2026-06-30");
    EXPECT_EQ(store->setting("idle_timeout").value_or(""), "90");
    EXPECT_EQ(store->countDocuments({}), 6);
    bool listed = false;
    for (const auto& [table, count] : store->tableCounts())
        if (table == "application_statuses") listed = count == 4;
    EXPECT_TRUE(listed);
    EXPECT_TRUE(store->integrityProblems().empty());
}

TEST(StoreOpen, RefusesAStoreFromANewerProgram) {
    TempDir dir;
    const std::string path = dir.file("future.db");
    Store::open(path, Store::Mode::Create);
    test::patchHeader32(path, 60, static_cast<uint32_t>(Store::latestSchemaVersion() + 1));
    std::string message;
    for (auto mode : {Store::Mode::ReadOnly, Store::Mode::ReadWrite, Store::Mode::Create})
        EXPECT_EQ(openError(path, mode, &message), StoreErrorKind::TooNew);
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
}

TEST(StoreOpen, MissingFile) {
    TempDir dir;
    std::string message;
    EXPECT_EQ(openError(dir.file("nope.db"), Store::Mode::ReadOnly, &message), StoreErrorKind::Missing);
    EXPECT_NE(message.find("nope.db"), std::string::npos) << message;
    EXPECT_EQ(openError(dir.file("nope.db"), Store::Mode::ReadWrite), StoreErrorKind::Missing);
    EXPECT_FALSE(test::fs::exists(dir.file("nope.db")));  // opening must not create it
}

TEST(StoreOpen, RandomBytesAreNotAStore) {
    TempDir dir;
    const std::string path = dir.file("random.db");
    std::string bytes(8192, '\0');
    uint32_t x = 12345;
    for (char& c : bytes) c = static_cast<char>((x = x * 1103515245 + 12345) >> 24);
    test::writeBytes(path, bytes);
    std::string message;
    for (auto mode : {Store::Mode::ReadOnly, Store::Mode::ReadWrite, Store::Mode::Create})
        EXPECT_EQ(openError(path, mode, &message), StoreErrorKind::NotAStore);
    EXPECT_NE(message.find("not a kiosk content store"), std::string::npos) << message;
    EXPECT_NE(message.find("not a SQLite database"), std::string::npos) << message;
    EXPECT_EQ(test::readBytes(path), bytes);  // Create must not overwrite it
}

TEST(StoreOpen, TruncatedStoreIsNotAStore) {
    TempDir dir;
    const std::string path = dir.file("full.db");
    {
        auto store = Store::open(path, Store::Mode::Create);
        store->importContent(loadContentSource(test::fixtureDir().string()));
    }
    const std::string bytes = test::readBytes(path);
    ASSERT_GT(bytes.size(), 8192u);

    const std::string half = dir.file("half.db");
    test::writeBytes(half, bytes.substr(0, bytes.size() / 2));
    std::string message;
    EXPECT_EQ(openError(half, Store::Mode::ReadOnly, &message), StoreErrorKind::NotAStore);
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;

    const std::string stub = dir.file("stub.db");
    test::writeBytes(stub, bytes.substr(0, 60));  // shorter than the SQLite header
    EXPECT_EQ(openError(stub, Store::Mode::ReadOnly), StoreErrorKind::NotAStore);
}

TEST(StoreOpen, DamagedPagesAreReportedAsNotAStore) {
    TempDir dir;
    const std::string path = dir.file("damaged.db");
    {
        auto store = Store::open(path, Store::Mode::Create);
        store->importContent(loadContentSource(test::fixtureDir().string()));
    }
    std::string bytes = test::readBytes(path);
    const size_t pageSize = 4096;
    for (size_t i = pageSize; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);
    test::writeBytes(path, bytes);
    try {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        store->agencies();
        store->countDocuments({});
        ADD_FAILURE() << "reading a damaged store did not fail";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::NotAStore) << e.what();
    }
}

TEST(StoreOpen, EmptyFileAndForeignDatabases) {
    TempDir dir;
    const std::string empty = dir.file("empty.db");
    test::writeBytes(empty, "");
    EXPECT_EQ(openError(empty, Store::Mode::ReadOnly), StoreErrorKind::NotAStore);
    EXPECT_EQ(openError(empty, Store::Mode::ReadWrite), StoreErrorKind::NotAStore);
    // An empty file is what `touch` leaves: Create may turn it into a store.
    EXPECT_EQ(Store::open(empty, Store::Mode::Create)->schemaVersion(), Store::latestSchemaVersion());

    const std::string foreign = dir.file("foreign.db");
    Store::open(foreign, Store::Mode::Create);
    test::patchHeader32(foreign, 68, 0x12345678);  // another program's application_id
    std::string message;
    EXPECT_EQ(openError(foreign, Store::Mode::Create, &message), StoreErrorKind::NotAStore);
    EXPECT_NE(message.find("another program"), std::string::npos) << message;

    EXPECT_EQ(openError(dir.path().string(), Store::Mode::ReadOnly), StoreErrorKind::NotAStore);
}

TEST(StoreOpen, ReadOnlyModeCannotWrite) {
    TempDir dir;
    const std::string path = dir.file("store.db");
    Store::open(path, Store::Mode::Create);
    auto store = Store::open(path, Store::Mode::ReadOnly);
    ContentSet set = loadContentSource(test::fixtureDir().string());
    EXPECT_THROW(store->importContent(set), StoreError);
    EXPECT_THROW(store->setSetting("a", "b"), StoreError);
}

// Root ignores permissions, so as root the test drops to an unprivileged effective user for
// the read-only part and comes back (the real user id stays root, which allows the return).
class EffectiveUser {
public:
    explicit EffectiveUser(uid_t uid) : previous_(geteuid()) { changed_ = seteuid(uid) == 0; }
    ~EffectiveUser() {
        if (changed_ && seteuid(previous_) != 0) std::abort();
    }
    bool changed() const { return changed_; }

private:
    uid_t previous_;        // to return to
    bool changed_ = false;  // seteuid succeeded
};

TEST(StoreOpen, ReadOnlyStoreInAReadOnlyDirectory) {
    TempDir dir;
    const test::fs::path sub = dir.path() / "ro";
    test::fs::create_directory(sub);
    const std::string path = (sub / "store.db").string();
    {
        auto store = Store::open(path, Store::Mode::Create);
        store->importContent(loadContentSource(test::fixtureDir().string()));
    }
    ASSERT_FALSE(test::fs::exists(path + "-shm"));  // closing removed WAL and shared memory
    test::fs::permissions(dir.path(), test::fs::perms::owner_all | test::fs::perms::group_exec |
                                          test::fs::perms::others_exec);
    test::fs::permissions(sub, test::fs::perms::owner_read | test::fs::perms::owner_exec |
                                   test::fs::perms::group_read | test::fs::perms::group_exec |
                                   test::fs::perms::others_read | test::fs::perms::others_exec);
    {
        const bool root = geteuid() == 0;
        EffectiveUser nobody(root ? 65534 : geteuid());
        if (root && !nobody.changed()) GTEST_SKIP() << "cannot drop root privileges here";
        auto store = Store::open(path, Store::Mode::ReadOnly);  // no -shm can be created here
        EXPECT_EQ(store->countDocuments({}), 6);
        EXPECT_EQ(store->meta().contentId, "test-county");
        EXPECT_EQ(store->listDocuments({}, 0, 3).size(), 3u);
        EXPECT_THROW(Store::open(path, Store::Mode::ReadWrite)->setSetting("a", "b"), StoreError);
    }
    test::fs::permissions(sub, test::fs::perms::owner_all);
}

TEST(StoreOpen, ReaderKeepsWorkingWhileAnotherConnectionImports) {
    TempDir dir;
    const std::string path = dir.file("store.db");
    auto writer = Store::open(path, Store::Mode::Create);
    auto reader = Store::open(path, Store::Mode::ReadOnly);
    EXPECT_FALSE(reader->hasContent());
    writer->importContent(loadContentSource(test::fixtureDir().string()));
    EXPECT_TRUE(reader->hasContent());
    EXPECT_EQ(reader->countDocuments({}), 6);
}

}  // namespace
}  // namespace zwgk
