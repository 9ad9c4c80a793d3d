#include "print_policy.h"

#include <algorithm>
#include <charconv>

namespace zwgk {

PrintPolicy printPolicyFor(const std::string& profile, const std::optional<std::string>& configured) {
    PrintPolicy policy;
    policy.citizenPagesPerSession = profile == "library" ? kLibraryCitizenPages : kHallCitizenPages;
    if (!configured || configured->empty()) return policy;
    int pages = -1;
    const char* first = configured->data();
    const char* last = first + configured->size();
    const auto [end, ec] = std::from_chars(first, last, pages);
    if (ec != std::errc() || end != last || pages < 0 || pages > kMaxCitizenPages) {
        policy.problem = "print.citizen_pages must be a whole number from 0 to " + std::to_string(kMaxCitizenPages) +
                         ", not '" + *configured + "': the profile's allowance applies";
        return policy;
    }
    policy.citizenPagesPerSession = pages;
    return policy;
}

PrintCheck checkPrint(const PrintPolicy& policy, bool staff, int usedPages, int jobPages) {
    PrintCheck check;
    check.pagesLeft = staff ? -1 : std::max(0, policy.citizenPagesPerSession - std::max(0, usedPages));
    if (jobPages > kMaxPagesPerJob)
        check.verdict = PrintVerdict::TooLong;
    else if (staff)
        check.verdict = PrintVerdict::Allowed;
    else if (policy.citizenPagesPerSession <= 0)
        check.verdict = PrintVerdict::CitizensMayNotPrint;
    else if (jobPages > check.pagesLeft)
        check.verdict = PrintVerdict::OverSessionLimit;
    return check;
}

}  // namespace zwgk
