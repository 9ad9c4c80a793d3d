#include "domain.h"

namespace zwgk {

const char* validityName(Validity v) {
    switch (v) {
    case Validity::Valid: return "有效";
    case Validity::Expired: return "失效";
    case Validity::Repealed: return "废止";
    }
    return "有效";  // unreachable for valid enum values; keeps -Wreturn-type quiet
}

std::optional<Validity> parseValidity(const std::string& word) {
    if (word == "有效") return Validity::Valid;
    if (word == "失效") return Validity::Expired;
    if (word == "废止") return Validity::Repealed;
    return std::nullopt;
}

}  // namespace zwgk
