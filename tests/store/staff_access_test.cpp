// Staff PIN: argon2id hashing, increasing lockout, and both surviving a restart (the store
// reopened from its file).

#include "staff_access.h"

#include <gtest/gtest.h>

#include "store.h"
#include "test_support.h"

using namespace zwgk;
using zwgk::test::TempDir;

namespace {

std::unique_ptr<Store> openStore(const TempDir& dir) { return Store::open(dir.file("t.db"), Store::Mode::Create); }

}  // namespace

TEST(StaffAccess, LockGrowsAfterTheFreeAttemptsAndIsCapped) {
    for (int f = 0; f <= kFreeAttempts; ++f) EXPECT_EQ(lockSecondsAfter(f), 0) << f;
    EXPECT_EQ(lockSecondsAfter(kFreeAttempts + 1), kFirstLockSeconds);
    EXPECT_EQ(lockSecondsAfter(kFreeAttempts + 2), 2 * kFirstLockSeconds);
    EXPECT_EQ(lockSecondsAfter(kFreeAttempts + 3), 4 * kFirstLockSeconds);
    EXPECT_EQ(lockSecondsAfter(1000), kMaxLockSeconds);
}

TEST(StaffAccess, PinFormat) {
    EXPECT_TRUE(wellFormedPin("246810"));
    EXPECT_TRUE(wellFormedPin("123456789012"));
    EXPECT_FALSE(wellFormedPin("12345"));
    EXPECT_FALSE(wellFormedPin("1234567890123"));
    EXPECT_FALSE(wellFormedPin("12345a"));
    EXPECT_FALSE(wellFormedPin("１２３４５６"));  // full-width digits are not ASCII digits
}

TEST(StaffAccess, PinIsStoredAsAnArgon2idHashOnly) {
    TempDir dir;
    auto store = openStore(dir);
    StaffAccess access(*store);
    EXPECT_FALSE(access.pinSet());
    EXPECT_EQ(access.verify("246810", 1000).check, PinCheck::NoPinSet);
    EXPECT_THROW(access.setPin("1234"), std::invalid_argument);
    access.setPin("246810");
    EXPECT_TRUE(access.pinSet());
    const std::string hash = store->setting("staff.pin_hash").value_or("");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
    EXPECT_EQ(hash.find("246810"), std::string::npos);
    EXPECT_EQ(access.verify("246810", 1000).check, PinCheck::Accepted);
    EXPECT_EQ(access.verify("246811", 1000).check, PinCheck::Wrong);
    EXPECT_EQ(access.verify("2468", 1000).check, PinCheck::Malformed);
    EXPECT_EQ(access.failures(), 1);  // the malformed one was not counted
}

TEST(StaffAccess, WrongPinFloodLocksOutAcrossRestarts) {
    TempDir dir;
    int64_t now = 1'800'000'000;
    {
        auto store = openStore(dir);
        StaffAccess access(*store);
        access.setPin("246810");
        for (int i = 1; i <= kFreeAttempts; ++i) {
            const PinAttempt a = access.verify("000000", now);
            EXPECT_EQ(a.check, PinCheck::Wrong);
            EXPECT_EQ(a.lockedSeconds, 0);
        }
        const PinAttempt locking = access.verify("000000", now);
        EXPECT_EQ(locking.check, PinCheck::Wrong);
        EXPECT_EQ(locking.lockedSeconds, kFirstLockSeconds);
        // While locked even the right PIN is not checked, and the flood is not counted.
        for (int i = 0; i < 50; ++i) EXPECT_EQ(access.verify("246810", now + 10).check, PinCheck::LockedOut);
        EXPECT_EQ(access.failures(), kFreeAttempts + 1);
    }
    {
        // Power cycled: still locked, for the rest of the wait.
        auto store = openStore(dir);
        StaffAccess access(*store);
        const PinAttempt a = access.verify("246810", now + 20);
        EXPECT_EQ(a.check, PinCheck::LockedOut);
        EXPECT_EQ(a.lockedSeconds, kFirstLockSeconds - 20);
        // The next wrong PIN after the wait doubles it.
        now += kFirstLockSeconds;
        const PinAttempt again = access.verify("111111", now);
        EXPECT_EQ(again.check, PinCheck::Wrong);
        EXPECT_EQ(again.lockedSeconds, 2 * kFirstLockSeconds);
        // Setting the clock back does not shorten it.
        EXPECT_EQ(access.verify("246810", now - 100000).check, PinCheck::LockedOut);
        EXPECT_EQ(access.lockedFor(now - 100000), 2 * kFirstLockSeconds);
    }
    {
        auto store = openStore(dir);
        StaffAccess access(*store);
        const int64_t later = now - 100000 + 2 * kFirstLockSeconds;
        EXPECT_EQ(access.verify("246810", later).check, PinCheck::Accepted);
        EXPECT_EQ(access.failures(), 0);
        EXPECT_EQ(access.lockedFor(later), 0);
    }
}

TEST(StaffAccess, DamagedHashIsReportedNotAccepted) {
    TempDir dir;
    auto store = openStore(dir);
    store->setSetting("staff.pin_hash", "not-a-hash");
    StaffAccess access(*store);
    EXPECT_EQ(access.verify("246810", 1000).check, PinCheck::Unusable);
}
