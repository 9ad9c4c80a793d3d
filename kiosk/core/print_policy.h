// Who may print what, and how much, at this terminal. Staff print anything (the hall's A4
// printer is theirs); a citizen prints within a page allowance per session, set by the zone
// profile and overridable in the configuration (print.citizen_pages), and not at all where
// it is 0. The allowance resets with the session (the privacy reset or 首页 after idle).
#pragma once

#include <optional>
#include <string>

namespace zwgk {

inline constexpr int kHallCitizenPages = 20;     // service hall: guides and forms are printed
inline constexpr int kLibraryCitizenPages = 0;   // library: reading first, staff print on request
inline constexpr int kMaxCitizenPages = 200;     // a configured value above this is refused
inline constexpr int kMaxPagesPerJob = 200;      // one job, anyone: longer holds the hall printer too long

struct PrintPolicy {
    int citizenPagesPerSession = kHallCitizenPages;  // 0: citizens may not print
    std::string problem;                             // why the configured value was ignored (English), else empty
};

// PROFILE's allowance ("hall", "library"), replaced by CONFIGURED (print.citizen_pages) when
// that is a whole number 0..kMaxCitizenPages.
PrintPolicy printPolicyFor(const std::string& profile, const std::optional<std::string>& configured);

enum class PrintVerdict {
    Allowed,
    CitizensMayNotPrint,  // this terminal's profile or configuration forbids citizen printing
    OverSessionLimit,     // more pages than are left of the session's allowance
    TooLong,              // longer than kMaxPagesPerJob
};

struct PrintCheck {
    PrintVerdict verdict = PrintVerdict::Allowed;  // may it print
    int pagesLeft = 0;                             // of the citizen's allowance before this job (staff: -1)
};

// Whether a job of JOBPAGES may print for a citizen who has printed USEDPAGES this session,
// or for staff (STAFF true: only the per-job length applies).
PrintCheck checkPrint(const PrintPolicy& policy, bool staff, int usedPages, int jobPages);

}  // namespace zwgk
