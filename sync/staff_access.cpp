#include "staff_access.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "sealing.h"
#include "store.h"

namespace zwgk {
namespace {

constexpr const char* kHashKey = "staff.pin_hash";
constexpr const char* kFailuresKey = "staff.pin_failures";
constexpr const char* kLockStartKey = "staff.pin_lock_start";  // unix seconds the lock began

int64_t number(const Store& store, const char* key) {
    const auto text = store.setting(key);
    if (!text) return 0;
    try {
        return std::stoll(*text);
    } catch (...) {
        return 0;  // a damaged counter counts as none rather than locking staff out for good
    }
}

}  // namespace

int64_t unixSecondsNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int64_t lockSecondsAfter(int failures) {
    if (failures <= kFreeAttempts) return 0;
    int64_t seconds = kFirstLockSeconds;
    for (int i = kFreeAttempts + 1; i < failures && seconds < kMaxLockSeconds; ++i) seconds *= 2;
    return std::min(seconds, kMaxLockSeconds);
}

bool wellFormedPin(const std::string& pin) {
    if (pin.size() < kStaffPinMinDigits || pin.size() > kStaffPinMaxDigits) return false;
    return std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StaffAccess::pinSet() const { return !store_.setting(kHashKey).value_or("").empty(); }

int StaffAccess::failures() const { return static_cast<int>(number(store_, kFailuresKey)); }

void StaffAccess::setPin(const std::string& pin) {
    if (!wellFormedPin(pin)) throw std::invalid_argument("the PIN must be 6 to 12 digits");
    const std::string hash = hashSecretArgon2id(pin);
    if (hash.empty()) throw std::runtime_error("argon2id hashing failed (libsodium missing or out of memory)");
    store_.setSetting(kHashKey, hash);
    store_.setSetting(kFailuresKey, "0");
    store_.removeSetting(kLockStartKey);
}

int64_t StaffAccess::lockedFor(int64_t now) const {
    const int64_t lock = lockSecondsAfter(failures());
    if (lock == 0) return 0;
    int64_t start = number(store_, kLockStartKey);
    if (start > now) start = now;  // the clock went back: the whole wait again
    return std::max<int64_t>(0, start + lock - now);
}

PinAttempt StaffAccess::verify(const std::string& pin, int64_t now) {
    PinAttempt attempt;
    attempt.failures = failures();
    const std::string hash = store_.setting(kHashKey).value_or("");
    if (hash.empty()) {
        attempt.check = PinCheck::NoPinSet;
        return attempt;
    }
    if (const int64_t left = lockedFor(now); left > 0) {
        // A clock set back must not shorten the wait: pin the start to now.
        if (number(store_, kLockStartKey) > now) store_.setSetting(kLockStartKey, std::to_string(now));
        attempt.check = PinCheck::LockedOut;
        attempt.lockedSeconds = left;
        return attempt;
    }
    if (!wellFormedPin(pin)) {
        attempt.check = PinCheck::Malformed;
        return attempt;
    }
    if (!sodiumReady() || hash.rfind("$argon2id$", 0) != 0) {
        attempt.check = PinCheck::Unusable;
        return attempt;
    }
    if (verifySecretArgon2id(hash, pin)) {
        store_.setSetting(kFailuresKey, "0");
        store_.removeSetting(kLockStartKey);
        attempt.check = PinCheck::Accepted;
        attempt.failures = 0;
        return attempt;
    }
    // Counted before anything else happens, so that pulling the plug after a wrong PIN
    // cannot buy a free attempt.
    attempt.failures += 1;
    store_.setSetting(kFailuresKey, std::to_string(attempt.failures));
    attempt.lockedSeconds = lockSecondsAfter(attempt.failures);
    if (attempt.lockedSeconds > 0) store_.setSetting(kLockStartKey, std::to_string(now));
    attempt.check = PinCheck::Wrong;
    return attempt;
}

}  // namespace zwgk
