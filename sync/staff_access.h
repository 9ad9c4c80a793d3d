// Staff mode's door: the PIN (argon2id, libsodium crypto_pwhash_str) and the lockout after
// repeated wrong PINs. Both live in the store's terminal settings, so a restart neither
// forgets the PIN nor lifts a lockout. UI-free; the kiosk's PIN screen and
// `kiosk-sync staff-pin` use it.
//
// Lockout (StaffAccess::verify):
//   failures 1..kFreeAttempts      no wait
//   failure kFreeAttempts + n      locked for kFirstLockSeconds · 2^(n-1), at most kMaxLockSeconds
//   a right PIN                    failures back to 0
//   an attempt while locked        refused unchecked, not counted
#pragma once

#include <cstdint>
#include <string>

namespace zwgk {

class Store;

inline constexpr int kStaffPinMinDigits = 6;
inline constexpr int kStaffPinMaxDigits = 12;
inline constexpr int kFreeAttempts = 3;
inline constexpr int64_t kFirstLockSeconds = 30;
inline constexpr int64_t kMaxLockSeconds = 3600;

enum class PinCheck {
    Accepted,   // right PIN: staff mode opens
    Wrong,      // wrong PIN, counted
    LockedOut,  // too many wrong PINs: wait (not checked, not counted)
    NoPinSet,   // this terminal has no staff PIN yet
    Malformed,  // not 6–12 digits: not checked, not counted
    Unusable,   // the stored hash is damaged or libsodium failed
};

struct PinAttempt {
    PinCheck check = PinCheck::Wrong;  // the outcome
    int failures = 0;                  // wrong PINs in a row, after this attempt
    int64_t lockedSeconds = 0;         // how long from now no PIN is checked (0: not locked)
};

// The wall clock in unix seconds: the NOW the terminal and kiosk-sync pass below.
int64_t unixSecondsNow();
// The lock after FAILURES wrong PINs in a row, in seconds (0: none).
int64_t lockSecondsAfter(int failures);
// 6–12 ASCII digits.
bool wellFormedPin(const std::string& pin);

class StaffAccess {
public:
    explicit StaffAccess(Store& store) : store_(store) {}

    bool pinSet() const;
    // Hashes PIN with argon2id and stores it, clearing failures and any lock. Throws
    // std::invalid_argument for a malformed PIN, std::runtime_error when hashing fails.
    void setPin(const std::string& pin);
    // Checks PIN at wall-clock time NOW (unix seconds), counting failures and locking.
    PinAttempt verify(const std::string& pin, int64_t now);
    // Seconds still locked at NOW (0: not locked). A clock set back restarts the wait.
    int64_t lockedFor(int64_t now) const;
    int failures() const;

private:
    Store& store_;
};

}  // namespace zwgk
