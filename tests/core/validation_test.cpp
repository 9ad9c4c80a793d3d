// What a citizen types into a 政府信息公开申请 (条例 Art. 29), as tables: identity documents,
// the unified social credit code, phones, e-mail, names, addresses, and the masks receipts
// print. Every ID number here is made up with a correct check character (or is the GB 11643
// example 11010519491231002X); the credit codes are real, published codes of organisations.
//
// Section index
//   1. Table helpers
//   2. 居民身份证 (GB 11643)
//   3. 港澳台居民居住证 and other documents
//   4. 统一社会信用代码 (GB 32100)
//   5. Phones and e-mail
//   6. Names and addresses
//   7. Masking
//   8. Properties of every check

#include "validation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

using namespace zwgk;

namespace {

// ---------------------------------------------------------------------------------------
// 1. Table helpers
// ---------------------------------------------------------------------------------------
using State = FieldCheck::State;
using Args = std::vector<std::pair<std::string, std::string>>;
using Check = std::function<FieldCheck(std::string_view, bool)>;

constexpr bool kTyping = false;  // the citizen is still typing
constexpr bool kFinal = true;    // the citizen leaves the step
constexpr const char* kToday = "2025-06-15";

struct Case {
    std::string typed;                  // as typed
    bool final;                         // kTyping or kFinal
    State state;                        // expected verdict
    std::string key;                    // expected strings key, "" for none
    Args args = {};                     // expected key arguments
    const char* normalized = nullptr;  // expected stored value; nullptr: not checked
};

Args left(int n) { return {{"left", std::to_string(n)}}; }
Args count(int n) { return {{"count", std::to_string(n)}}; }
Args atLeast(int n) { return {{"min", std::to_string(n)}}; }
Args atMost(int n) { return {{"max", std::to_string(n)}}; }

const char* stateName(State s) {
    switch (s) {
        case State::Empty: return "Empty";
        case State::Partial: return "Partial";
        case State::Invalid: return "Invalid";
        case State::Valid: return "Valid";
    }
    return "?";
}

void expectCases(const Check& check, const std::vector<Case>& cases) {
    for (const Case& k : cases) {
        const FieldCheck r = check(k.typed, k.final);
        const std::string label = "typed \"" + k.typed + "\"" + (k.final ? " (final)" : " (typing)");
        EXPECT_STREQ(stateName(r.state), stateName(k.state)) << label << ", key " << r.key;
        EXPECT_EQ(r.key, k.key) << label;
        EXPECT_EQ(r.args, k.args) << label;
        if (k.normalized) {
            EXPECT_EQ(r.normalized, k.normalized) << label;
        }
    }
}

Check idOf(IdDocType type) {
    return [type](std::string_view typed, bool final) { return checkIdDocument(type, typed, kToday, final); };
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// 2. 居民身份证 (GB 11643)
// ---------------------------------------------------------------------------------------
// Σ(digit × weight) mod 11 indexes "10X98765432". For 11010519491231002: 1·7 + 1·9 + 0·10 +
// 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2 = 167;
// 167 mod 11 = 2 → 'X'.
TEST(Validation, ResidentIdCheckCharacter) {
    const char* numbers[] = {
        "11010519491231002X",  // the standard's own example
        "44030419900307123X", "330102190001010038", "110105200002290013", "11010520240229002X",
        "65010219850505123X", "540102197007010048", "150102196001010058", "360722194509280014",
        "810000198001010014", "82000020000229003X", "830000199912310040",
    };
    for (std::string n : numbers) EXPECT_EQ(residentIdCheckChar(n.substr(0, 17)), n[17]) << n;
    EXPECT_EQ(residentIdCheckChar("1101051949123100"), '\0');    // 16 digits
    EXPECT_EQ(residentIdCheckChar("110105194912310020"), '\0');  // 18
    EXPECT_EQ(residentIdCheckChar("1101051949123100X"), '\0');
    EXPECT_EQ(residentIdCheckChar("１１０１０５１９４９１２３１００２"), '\0');  // not folded here
}

TEST(Validation, ResidentIdAsTyped) {
    const Check check = [](std::string_view t, bool f) { return checkResidentId(t, kToday, f); };
    expectCases(check,
                {
                    {"11010519491231002X", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"11010519491231002X", kTyping, State::Valid, "", {}, "11010519491231002X"},
                    {"11010519491231002x", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"110105 19491231 002X", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"  11010519491231002X  ", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"１１０１０５１９４９１２３１００２Ｘ", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"１１０１０５１９４９１２３１００２ｘ", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"１１０１０５　１９４９１２３１　００２Ｘ", kFinal, State::Valid, "", {}, "11010519491231002X"},
                    {"44030419900307123X", kFinal, State::Valid, ""},
                    {"65010219850505123X", kFinal, State::Valid, ""},  // 新疆
                    {"540102197007010048", kFinal, State::Valid, ""},  // 西藏
                    {"150102196001010058", kFinal, State::Valid, ""},  // 内蒙古
                    {"360722194509280014", kFinal, State::Valid, ""},  // a county, as the kiosk's users
                    {"", kFinal, State::Empty, "", {}, ""},
                    {"   ", kTyping, State::Empty, "", {}, ""},
                    {"　", kFinal, State::Empty, "", {}, ""},
                    // Wrong characters
                    {"A", kTyping, State::Invalid, "apply.check.id.chars"},
                    {"1101X5", kTyping, State::Invalid, "apply.check.id.chars"},
                    {"11010519491231002Y", kFinal, State::Invalid, "apply.check.id.chars"},
                    {"1101051949123100X2", kFinal, State::Invalid, "apply.check.id.chars"},
                    {"110105-19491231-002X", kFinal, State::Invalid, "apply.check.id.chars"},
                    {"11010519491231002X号", kFinal, State::Invalid, "apply.check.id.chars"},
                    // Wrong check character: any single digit mistyped
                    {"110105194912310021", kFinal, State::Invalid, "apply.check.id.check_char"},
                    {"110105194912310021", kTyping, State::Invalid, "apply.check.id.check_char"},
                    {"11010519491231003X", kFinal, State::Invalid, "apply.check.id.check_char"},
                    {"11010519491213002X", kFinal, State::Invalid, "apply.check.id.check_char"},  // 31 ↔ 13 … still a date
                    // Length
                    {"110105", kTyping, State::Partial, "apply.check.id.partial", left(12), "110105"},
                    {"11010519491231002", kTyping, State::Partial, "apply.check.id.partial", left(1)},
                    {"1101051949", kFinal, State::Invalid, "apply.check.id.length", count(10)},
                    {"11010519491231002", kFinal, State::Invalid, "apply.check.id.length", count(17)},
                    {"1101051949123100220", kTyping, State::Invalid, "apply.check.id.length", count(19)},
                    {"11010519491231002XX", kTyping, State::Invalid, "apply.check.id.length", count(19)},
                    // 15-digit first-generation numbers: named when the step is left; while
                    // typing, their 7th digit already fails the 18-digit birth date.
                    {"110105491231002", kFinal, State::Invalid, "apply.check.id.first_generation"},
                    {"110105491231002", kTyping, State::Invalid, "apply.check.id.birth_date"},
                });
}

TEST(Validation, ResidentIdRegions) {
    const Check check = [](std::string_view t, bool f) { return checkResidentId(t, kToday, f); };
    std::vector<Case> cases = {
        {"0", kTyping, State::Invalid, "apply.check.id.region"},
        {"7", kTyping, State::Invalid, "apply.check.id.region"},  // only 71 台湾
        {"9", kTyping, State::Invalid, "apply.check.id.region"},  // 外国人永久居留身份证
        {"1", kTyping, State::Partial, "apply.check.id.partial", left(17)},
        {"8", kTyping, State::Partial, "apply.check.id.partial", left(17)},
        {"81", kTyping, State::Invalid, "apply.check.id.residence_permit"},
        {"82", kTyping, State::Invalid, "apply.check.id.residence_permit"},
        {"83", kTyping, State::Invalid, "apply.check.id.residence_permit"},
        {"810000198001010014", kFinal, State::Invalid, "apply.check.id.residence_permit"},
        {"80", kTyping, State::Invalid, "apply.check.id.region"},
        {"84", kTyping, State::Invalid, "apply.check.id.region"},
        {"710101199001011234", kFinal, State::Invalid, "apply.check.id.region"},
    };
    // Every two-digit start: the 34 mainland provinces are the valid ones.
    const std::vector<int> provinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                        43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
    for (int code = 10; code <= 99; ++code) {
        const bool known = std::find(provinces.begin(), provinces.end(), code) != provinces.end();
        const bool permit = code >= 81 && code <= 83;
        cases.push_back({std::to_string(code), kTyping, known ? State::Partial : State::Invalid,
                         known    ? "apply.check.id.partial"
                         : permit ? "apply.check.id.residence_permit"
                                  : "apply.check.id.region",
                         known ? left(16) : Args{}});
    }
    expectCases(check, cases);
}

// The birth date (7th–14th characters) must exist, from 1900-01-01 to today (2025-06-15
// here), and it is judged as soon as a digit of it rules every date out.
TEST(Validation, ResidentIdBirthDates) {
    const Check check = [](std::string_view t, bool f) { return checkResidentId(t, kToday, f); };
    const std::string bad = "apply.check.id.birth_date";
    expectCases(check, {
                           {"330102190001010038", kFinal, State::Valid, ""},  // the earliest day
                           {"110105200002290013", kFinal, State::Valid, ""},  // 2000 is a leap year
                           {"11010520240229002X", kFinal, State::Valid, ""},  // so is 2024
                           {"110105202506150013", kFinal, State::Valid, ""},  // born today
                           {"11010520250616", kTyping, State::Invalid, bad},   // tomorrow
                           {"11010520230229", kTyping, State::Invalid, bad},   // 2023 is not
                           {"11010519000229", kTyping, State::Invalid, bad},   // nor 1900 (÷100)
                           {"11010518991231", kTyping, State::Invalid, bad},
                           {"1101051899", kTyping, State::Invalid, bad},
                           {"110105189", kTyping, State::Invalid, bad},
                           {"11010518", kTyping, State::Invalid, bad},
                           {"1101050", kTyping, State::Invalid, bad},
                           {"1101053", kTyping, State::Invalid, bad},
                           {"1101051", kTyping, State::Partial, "apply.check.id.partial", left(11)},
                           {"1101052", kTyping, State::Partial, "apply.check.id.partial", left(11)},
                           {"1101051900", kTyping, State::Partial, "apply.check.id.partial", left(8)},
                           {"1101052025", kTyping, State::Partial, "apply.check.id.partial", left(8)},
                           {"1101052026", kTyping, State::Invalid, bad},  // the future
                           {"11010519991", kTyping, State::Partial, "apply.check.id.partial", left(7)},
                           {"11010519992", kTyping, State::Invalid, bad},   // month 2x
                           {"110105199913", kTyping, State::Invalid, bad},  // month 13
                           {"110105199900", kTyping, State::Invalid, bad},  // month 00
                           {"1101051999023", kTyping, State::Invalid, bad},  // 3x February
                           {"11010519990230", kTyping, State::Invalid, bad},
                           {"11010519990431", kTyping, State::Invalid, bad},  // April has 30
                           {"11010519991231", kTyping, State::Partial, "apply.check.id.partial", left(4)},
                           {"110105202506", kTyping, State::Partial, "apply.check.id.partial", left(6)},
                           {"1101052025061", kTyping, State::Partial, "apply.check.id.partial", left(5)},
                           {"1101052025062", kTyping, State::Invalid, bad},  // June 2x is still to come
                           {"110105202507", kTyping, State::Invalid, bad},
                           {"11010520251", kTyping, State::Invalid, bad},
                       });
    // The limit is the TODAY passed in; a clock that is not a date sets none.
    EXPECT_EQ(checkResidentId("110105202506160010", "2025-06-16", kFinal).key, "apply.check.id.check_char");
    EXPECT_EQ(checkResidentId("11010520250616", "2025-06-15", kTyping).key, bad);
    EXPECT_EQ(checkResidentId("11010520300101", "not a date", kTyping).state, State::Partial);
}

// Mod 11 with weights that are all nonzero mod 11 catches every single wrong digit.
TEST(Validation, ResidentIdCatchesEverySingleWrongCharacter) {
    for (const std::string id : {"11010519491231002X", "44030419900307123X", "540102197007010048"}) {
        for (size_t i = 0; i < id.size(); ++i)
            for (char c : std::string("0123456789X")) {
                if (c == id[i]) continue;
                std::string wrong = id;
                wrong[i] = c;
                EXPECT_NE(checkResidentId(wrong, kToday, kFinal).state, State::Valid) << wrong;
            }
    }
}

// ---------------------------------------------------------------------------------------
// 3. 港澳台居民居住证 and other documents
// ---------------------------------------------------------------------------------------
TEST(Validation, ResidencePermits) {
    const std::string prefix = "apply.check.id.permit_prefix";
    expectCases(idOf(IdDocType::ResidencePermit),
                {
                    {"810000198001010014", kFinal, State::Valid, "", {}, "810000198001010014"},  // 香港
                    {"82000020000229003x", kFinal, State::Valid, "", {}, "82000020000229003X"},  // 澳门
                    {"830000 19991231 0040", kFinal, State::Valid, "", {}, "830000199912310040"},  // 台湾
                    {"8", kTyping, State::Partial, "apply.check.id.partial", left(17)},
                    {"8100", kTyping, State::Partial, "apply.check.id.partial", left(14)},
                    {"8300001999", kTyping, State::Partial, "apply.check.id.partial", left(8)},
                    {"1", kTyping, State::Invalid, prefix},
                    {"84", kTyping, State::Invalid, prefix},
                    {"8101", kTyping, State::Invalid, prefix},
                    {"810001", kTyping, State::Invalid, prefix},
                    {"11010519491231002X", kFinal, State::Invalid, prefix},
                    {"81000019800230", kTyping, State::Invalid, "apply.check.id.birth_date"},
                    {"810000198001010015", kFinal, State::Invalid, "apply.check.id.check_char"},
                    {"810000198001010", kFinal, State::Invalid, "apply.check.id.length", count(15)},
                    {"81000019800101001X1", kTyping, State::Invalid, "apply.check.id.length", count(19)},
                });
}

TEST(Validation, ResidentIdByDocumentTypeIsTheSameCheck) {
    for (const char* typed : {"11010519491231002x", "1101", "110105199913", "81", "", "110105491231002"})
        for (bool final : {kTyping, kFinal}) {
            const FieldCheck a = checkIdDocument(IdDocType::ResidentId, typed, kToday, final);
            const FieldCheck b = checkResidentId(typed, kToday, final);
            EXPECT_EQ(a.state, b.state) << typed;
            EXPECT_EQ(a.key, b.key) << typed;
            EXPECT_EQ(a.args, b.args) << typed;
            EXPECT_EQ(a.normalized, b.normalized) << typed;
        }
}

TEST(Validation, HongKongMacaoPermits) {
    const std::string format = "apply.check.hk_macao.format", partial = "apply.check.hk_macao.partial";
    expectCases(idOf(IdDocType::HkMacaoPermit),
                {
                    {"H12345678", kFinal, State::Valid, "", {}, "H12345678"},
                    {"m12345678", kFinal, State::Valid, "", {}, "M12345678"},
                    {"H 1234 5678", kFinal, State::Valid, "", {}, "H12345678"},
                    {"H-1234-5678", kFinal, State::Valid, "", {}, "H12345678"},
                    {"Ｈ１２３４５６７８", kFinal, State::Valid, "", {}, "H12345678"},
                    {"H1234567801", kFinal, State::Valid, "", {}, "H1234567801"},  // booklet
                    {"H12345678", kTyping, State::Valid, ""},
                    {"H", kTyping, State::Partial, partial, left(8)},
                    {"H1234", kTyping, State::Partial, partial, left(4)},
                    {"H123456789", kTyping, State::Partial, partial, left(1)},
                    {"H1234", kFinal, State::Invalid, format},
                    {"H123456789", kFinal, State::Invalid, format},
                    {"X12345678", kTyping, State::Invalid, format},
                    {"1", kTyping, State::Invalid, format},
                    {"H1234A678", kTyping, State::Invalid, format},
                    {"H123456789012", kTyping, State::Invalid, format},
                });
}

TEST(Validation, TaiwanPermits) {
    const std::string format = "apply.check.taiwan.format", partial = "apply.check.taiwan.partial";
    expectCases(idOf(IdDocType::TaiwanPermit),
                {
                    {"12345678", kFinal, State::Valid, "", {}, "12345678"},
                    {"1234 5678", kFinal, State::Valid, "", {}, "12345678"},
                    {"１２３４５６７８", kFinal, State::Valid, "", {}, "12345678"},
                    // Booklets before 2008: the life number, the issue count, the office.
                    {"0561682001", kFinal, State::Valid, "", {}, "05616820"},
                    {"0561682001(D)", kFinal, State::Valid, "", {}, "05616820"},
                    {"0561682001（D）", kFinal, State::Valid, "", {}, "05616820"},
                    {"0561682001(d)", kFinal, State::Valid, "", {}, "05616820"},
                    {"0561682001 (D)", kFinal, State::Valid, "", {}, "05616820"},
                    {"1234567", kTyping, State::Partial, partial, left(1)},
                    {"123456789", kTyping, State::Partial, partial, left(1)},
                    {"0561682001(", kTyping, State::Partial, partial, left(2)},
                    {"0561682001(D", kTyping, State::Partial, partial, left(1)},
                    {"1234567", kFinal, State::Invalid, format},
                    {"123456789", kFinal, State::Invalid, format},
                    {"0561682001(D", kFinal, State::Invalid, format},
                    {"12345678(B)", kTyping, State::Invalid, format},
                    {"0561682001(DD)", kTyping, State::Invalid, format},
                    {"12345678901", kTyping, State::Invalid, format},
                    {"A1234567", kTyping, State::Invalid, format},
                });
}

TEST(Validation, Passports) {
    const std::string format = "apply.check.passport.format", partial = "apply.check.passport.partial";
    expectCases(idOf(IdDocType::Passport),
                {
                    {"E12345678", kFinal, State::Valid, "", {}, "E12345678"},    // Chinese, since 2012
                    {"EA1234567", kFinal, State::Valid, "", {}, "EA1234567"},    // Chinese, E series full
                    {"g12345678", kFinal, State::Valid, "", {}, "G12345678"},    // Chinese, before 2012
                    {"E 1234 5678", kFinal, State::Valid, "", {}, "E12345678"},
                    {"E-12345678", kFinal, State::Valid, "", {}, "E12345678"},
                    {"C01X00T47", kFinal, State::Valid, "", {}, "C01X00T47"},    // German
                    {"GT9X5K1ZR", kFinal, State::Valid, ""},                     // German, starts with G
                    {"123456789", kFinal, State::Valid, ""},                     // United States
                    {"12345", kFinal, State::Valid, ""},
                    {"E", kTyping, State::Partial, partial, left(4)},
                    {"E123", kTyping, State::Partial, partial, left(1)},
                    {"E123", kFinal, State::Invalid, format},
                    {"E1234567890123456789", kTyping, State::Invalid, format},
                    {"E12345678!", kTyping, State::Invalid, format},
                    {"护照", kTyping, State::Invalid, format},
                });
}

TEST(Validation, OtherIdentityDocuments) {
    const std::string format = "apply.check.other_id.format", partial = "apply.check.other_id.partial";
    expectCases(idOf(IdDocType::Other),
                {
                    {"AB", kFinal, State::Valid, "", {}, "AB"},
                    {"ab-12", kFinal, State::Valid, "", {}, "AB-12"},
                    {"AB–12", kFinal, State::Valid, "", {}, "AB-12"},  // an en dash
                    {"A B", kFinal, State::Valid, "", {}, "AB"},
                    {"USA110080108", kFinal, State::Valid, ""},  // 外国人永久居留身份证 (old form)
                    {repeat("A", 30), kFinal, State::Valid, ""},
                    {"A", kTyping, State::Partial, partial, left(1)},
                    {"A", kFinal, State::Invalid, format},
                    {"军123", kTyping, State::Invalid, format},
                    {repeat("A", 31), kTyping, State::Invalid, format},
                });
    // A value outside the enumeration gets the loosest rule instead of undefined behaviour.
    EXPECT_EQ(checkIdDocument(static_cast<IdDocType>(99), "AB", kToday, kFinal).state, State::Valid);
}

// ---------------------------------------------------------------------------------------
// 4. 统一社会信用代码 (GB 32100)
// ---------------------------------------------------------------------------------------
namespace {

// Real codes as the organisations publish them (licences, invoices, procurement notices).
struct RealCode {
    const char* code;  // 统一社会信用代码
    const char* name;  // whose
};
const RealCode kRealCodes[] = {
    {"914403001922038216", "华为技术有限公司"},
    {"9144030071526726XG", "腾讯科技（深圳）有限公司"},
    {"91330100716105852F", "阿里巴巴（中国）网络技术有限公司"},
    {"91110000802100433B", "北京百度网讯科技有限公司"},
    {"12100000425006117P", "复旦大学 (事业单位)"},
    {"12100000470095016Q", "浙江大学 (事业单位)"},
};

}  // namespace

// Σ(value × weight) mod 31, check = 31 − that (31 → 0). For Huawei's 91440300192203821:
// 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 1·20 + 9·29 + 2·25 + 2·13 + 0·8 +
// 3·24 + 8·10 + 2·30 + 1·28 = 831 = 26·31 + 25 → 31 − 25 = 6.
TEST(Validation, CreditCodeCheckCharacterOnRealCodes) {
    for (const RealCode& r : kRealCodes) {
        const std::string code = r.code;
        EXPECT_EQ(creditCodeCheckChar(code.substr(0, 17)), code[17]) << r.name;
        const FieldCheck check = checkCreditCode(code, kFinal);
        EXPECT_TRUE(check.ok()) << r.name << ": " << check.key;
    }
    EXPECT_EQ(creditCodeCheckChar("9144030071526726x"), '\0');  // lower case is folded by the check only
    EXPECT_EQ(creditCodeCheckChar("9144030071526726"), '\0');
    EXPECT_EQ(creditCodeCheckChar("914403007152672IX"), '\0');  // I is not in the alphabet
    EXPECT_EQ(creditCodeCheckChar("00000000000000000"), '0');  // 31 − 0 = 31 → 0
}

TEST(Validation, CreditCodeAsTyped) {
    const std::string p = "apply.check.credit_code.";
    expectCases(checkCreditCode,
                {
                    {"9144030071526726xg", kFinal, State::Valid, "", {}, "9144030071526726XG"},
                    {"91440300 7152 6726 XG", kFinal, State::Valid, "", {}, "9144030071526726XG"},
                    {"９１４４０３００７１５２６７２６ＸＧ", kFinal, State::Valid, "", {}, "9144030071526726XG"},
                    {"9144-0300-7152-6726-XG", kFinal, State::Valid, "", {}, "9144030071526726XG"},
                    {"9I44O3OO19220382I6", kFinal, State::Valid, "", {}, "914403001922038216"},  // I, O read as 1, 0
                    {"9144030071526726XG", kTyping, State::Valid, ""},
                    {"", kFinal, State::Empty, "", {}, ""},
                    // A slip seen copied around the web: X7 for XG.
                    {"9144030071526726X7", kFinal, State::Invalid, p + "check_char"},
                    {"914403001922038217", kTyping, State::Invalid, p + "check_char"},
                    {"Z", kTyping, State::Invalid, p + "chars"},
                    {"91S", kTyping, State::Invalid, p + "chars"},
                    {"91440300V", kTyping, State::Invalid, p + "chars"},
                    {"91440300192203821!", kTyping, State::Invalid, p + "chars"},
                    {"B1", kTyping, State::Invalid, p + "authority"},
                    {"0", kTyping, State::Invalid, p + "authority"},
                    {"94", kTyping, State::Invalid, p + "category"},  // 工商: 1 企业, 2 个体, 3 合作社
                    {"Y2", kTyping, State::Invalid, p + "category"},  // 其他: 1 only
                    {"9A", kTyping, State::Invalid, p + "category"},
                    {"N4", kTyping, State::Invalid, p + "category"},
                    {"91A", kTyping, State::Invalid, p + "region"},
                    {"914403A", kTyping, State::Invalid, p + "region"},
                    {"11", kTyping, State::Partial, p + "partial", left(16)},  // 机构编制: 机关
                    {"A1", kTyping, State::Partial, p + "partial", left(16)},
                    {"N2", kTyping, State::Partial, p + "partial", left(16)},
                    {"Y1", kTyping, State::Partial, p + "partial", left(16)},
                    {"31", kTyping, State::Partial, p + "partial", left(16)},  // 律师事务所
                    {"9144030", kTyping, State::Partial, p + "partial", left(11)},
                    {"91440300MA5", kTyping, State::Partial, p + "partial", left(7)},
                    {"914403", kFinal, State::Invalid, p + "length", count(6)},
                    {"9144030019220382160", kTyping, State::Invalid, p + "length", count(19)},
                });
}

// Mod 31 with weights that are all nonzero mod 31 (31 is prime) catches every single wrong
// character of a real code.
TEST(Validation, CreditCodeCatchesEverySingleWrongCharacter) {
    const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (const RealCode& r : kRealCodes) {
        const std::string code = r.code;
        for (size_t i = 0; i < code.size(); ++i)
            for (char c : alphabet) {
                if (c == code[i]) continue;
                std::string wrong = code;
                wrong[i] = c;
                EXPECT_FALSE(checkCreditCode(wrong, kFinal).ok()) << wrong;
            }
    }
}

// ---------------------------------------------------------------------------------------
// 5. Phones and e-mail
// ---------------------------------------------------------------------------------------
TEST(Validation, MobileNumbers) {
    const std::string p = "apply.check.mobile.";
    expectCases(checkMobile,
                {
                    {"13812345678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"138 1234 5678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"138-1234-5678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"+86 138 1234 5678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"+86-138-1234-5678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"(+86) 13812345678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"008613812345678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"8613812345678", kFinal, State::Valid, "", {}, "13812345678"},
                    {"１３８１２３４５６７８", kFinal, State::Valid, "", {}, "13812345678"},
                    {"19912345678", kFinal, State::Valid, ""},
                    {"16612345678", kFinal, State::Valid, ""},
                    {"14712345678", kFinal, State::Valid, ""},
                    {"13812345678", kTyping, State::Valid, ""},
                    {"1", kTyping, State::Partial, p + "partial", left(10)},
                    {"138", kTyping, State::Partial, p + "partial", left(8)},
                    {"1381234567", kTyping, State::Partial, p + "partial", left(1)},
                    {"+", kTyping, State::Partial, p + "partial", left(11)},
                    {"+ 8", kTyping, State::Partial, p + "partial", left(11), "+8"},
                    {"+86", kTyping, State::Partial, p + "partial", left(11)},
                    {"+86 1", kTyping, State::Partial, p + "partial", left(10)},
                    {"0", kTyping, State::Partial, p + "partial", left(11)},
                    {"008", kTyping, State::Partial, p + "partial", left(11)},
                    {"0086", kTyping, State::Partial, p + "partial", left(11)},
                    {"8", kTyping, State::Partial, p + "partial", left(11)},
                    {"86", kTyping, State::Partial, p + "partial", left(11)},
                    {"12", kTyping, State::Invalid, p + "prefix"},
                    {"10086", kTyping, State::Invalid, p + "prefix"},
                    {"2", kTyping, State::Invalid, p + "prefix"},
                    {"0571", kTyping, State::Invalid, p + "prefix"},  // a landline
                    {"0", kFinal, State::Invalid, p + "prefix"},
                    {"+852 9123 4567", kTyping, State::Invalid, p + "mainland_only"},
                    {"001 212 555 0100", kTyping, State::Invalid, p + "mainland_only"},
                    {"+1", kTyping, State::Invalid, p + "mainland_only"},
                    {"138abc", kTyping, State::Invalid, p + "chars"},
                    {"138123456789", kTyping, State::Invalid, p + "length", count(12)},
                    {"1381234567", kFinal, State::Invalid, p + "length", count(10)},
                    {"+86", kFinal, State::Invalid, p + "length", count(0)},
                    {" ", kFinal, State::Empty, "", {}, ""},
                });
}

TEST(Validation, Landlines) {
    const std::string p = "apply.check.landline.";
    expectCases(checkLandline,
                {
                    {"0571-87654321", kFinal, State::Valid, "", {}, "0571-87654321"},
                    {"057187654321", kFinal, State::Valid, "", {}, "0571-87654321"},
                    {"(0571) 8765 4321", kFinal, State::Valid, "", {}, "0571-87654321"},
                    {"０５７１－８７６５４３２１", kFinal, State::Valid, "", {}, "0571-87654321"},
                    {"010-62345678", kFinal, State::Valid, "", {}, "010-62345678"},
                    {"02187654321", kFinal, State::Valid, "", {}, "021-87654321"},
                    {"+86 571 87654321", kFinal, State::Valid, "", {}, "0571-87654321"},
                    {"+86 0571 87654321", kFinal, State::Valid, "", {}, "0571-87654321"},
                    {"0086 10 62345678", kFinal, State::Valid, "", {}, "010-62345678"},
                    {"0797-8765432", kFinal, State::Valid, "", {}, "0797-8765432"},  // 7 digits
                    {"0797-8765432", kTyping, State::Valid, ""},
                    {"0", kTyping, State::Partial, p + "partial", {}, "0"},
                    {"0571", kTyping, State::Partial, p + "partial", {}, "0571"},
                    {"0571-87", kTyping, State::Partial, p + "partial", {}, "0571-87"},
                    {"+8", kTyping, State::Partial, p + "partial", {}, "+8"},
                    {"+86", kTyping, State::Partial, p + "partial", {}, "0"},
                    {"0571", kFinal, State::Invalid, p + "length"},
                    {"0571-87654", kFinal, State::Invalid, p + "length"},
                    {"0571-876543210", kTyping, State::Invalid, p + "length"},
                    {"0571-0765432", kTyping, State::Invalid, p + "number"},
                    {"0571-1765432", kTyping, State::Invalid, p + "number"},
                    {"87654321", kTyping, State::Invalid, p + "area_code"},  // no area code
                    {"13812345678", kTyping, State::Invalid, p + "area_code"},  // a mobile
                    {"011", kTyping, State::Invalid, p + "area_code"},
                    {"00", kFinal, State::Invalid, p + "area_code"},
                    {"+852 2345 6789", kTyping, State::Invalid, p + "area_code"},
                    {"0571-8765abc", kTyping, State::Invalid, p + "chars"},
                });
}

TEST(Validation, EmailAddresses) {
    const std::string p = "apply.check.email.";
    const std::string local64 = repeat("a", 64);
    const std::string domain = repeat("b", 63) + "." + repeat("c", 63) + "." + repeat("d", 58) + ".com";
    expectCases(checkEmail,
                {
                    {"zhangsan@163.com", kFinal, State::Valid, "", {}, "zhangsan@163.com"},
                    {"ZhangSan@QQ.COM", kFinal, State::Valid, "", {}, "ZhangSan@qq.com"},
                    {" a.b+c@mail.example.org.cn ", kFinal, State::Valid, "", {}, "a.b+c@mail.example.org.cn"},
                    {"ｚｈａｎｇ＠１６３．ｃｏｍ", kFinal, State::Valid, "", {}, "zhang@163.com"},
                    {"zhang@163。com", kFinal, State::Valid, "", {}, "zhang@163.com"},  // pinyin keyboard
                    {"li_si-2@xn--fiqs8s.cn", kFinal, State::Valid, ""},
                    {"a@b.co", kFinal, State::Valid, ""},
                    {"a@b.co", kTyping, State::Valid, ""},
                    {"zhang", kTyping, State::Partial, p + "partial"},
                    {"zhang@", kTyping, State::Partial, p + "partial"},
                    {"zhang@163", kTyping, State::Partial, p + "partial"},
                    {"zhang@163.", kTyping, State::Partial, p + "partial"},
                    {"zhang@163.c", kTyping, State::Partial, p + "partial"},
                    {"zhang@163-", kTyping, State::Partial, p + "partial"},
                    {"zhang", kFinal, State::Invalid, p + "format"},
                    {"zhang@", kFinal, State::Invalid, p + "format"},
                    {"zhang@163", kFinal, State::Invalid, p + "format"},
                    {"zhang@163.", kFinal, State::Invalid, p + "format"},
                    {"zhang@163.c", kFinal, State::Invalid, p + "format"},
                    {"zhang@163.123", kFinal, State::Invalid, p + "format"},
                    {"张三@163.com", kTyping, State::Invalid, p + "chars"},
                    {"zhang san@163.com", kTyping, State::Invalid, p + "chars"},
                    {"a@16_3.com", kTyping, State::Invalid, p + "chars"},
                    {"a(b)@163.com", kTyping, State::Invalid, p + "chars"},
                    {"a@@b.com", kTyping, State::Invalid, p + "format"},
                    {"a@b@c.com", kTyping, State::Invalid, p + "format"},
                    {"@163.com", kTyping, State::Invalid, p + "format"},
                    {".a@163.com", kTyping, State::Invalid, p + "format"},
                    {"a..b@163.com", kTyping, State::Invalid, p + "format"},
                    {"a.@163.com", kTyping, State::Invalid, p + "format"},
                    {"a@-163.com", kTyping, State::Invalid, p + "format"},
                    {"a@163-.com", kTyping, State::Invalid, p + "format"},
                    {"a@163..com", kTyping, State::Invalid, p + "format"},
                    {"a@.com", kTyping, State::Invalid, p + "format"},
                    {local64 + "@163.com", kFinal, State::Valid, ""},
                    {local64 + "a@163.com", kTyping, State::Invalid, p + "format"},
                    {local64 + "@" + domain, kTyping, State::Invalid, p + "too_long", atMost(254)},
                });
}

// ---------------------------------------------------------------------------------------
// 6. Names and addresses
// ---------------------------------------------------------------------------------------
TEST(Validation, PersonNames) {
    const std::string p = "apply.check.name.";
    const std::string thirty = repeat("王", 30);
    expectCases(checkPersonName,
                {
                    {"王小明", kFinal, State::Valid, "", {}, "王小明"},
                    {"王明", kFinal, State::Valid, "", {}, "王明"},
                    {"欧阳小明", kFinal, State::Valid, "", {}, "欧阳小明"},
                    {"阿依古丽·买买提", kFinal, State::Valid, "", {}, "阿依古丽·买买提"},
                    {"爱新觉罗·溥仪", kFinal, State::Valid, "", {}, "爱新觉罗·溥仪"},
                    {"阿依古丽・买买提", kFinal, State::Valid, "", {}, "阿依古丽·买买提"},  // katakana dot
                    {"阿依古丽.买买提", kFinal, State::Valid, "", {}, "阿依古丽·买买提"},
                    {"阿依古丽．买买提", kFinal, State::Valid, "", {}, "阿依古丽·买买提"},
                    {"阿依古丽 · 买买提", kFinal, State::Valid, "", {}, "阿依古丽·买买提"},
                    {"王 小明", kFinal, State::Valid, "", {}, "王小明"},
                    {"  王小明  ", kFinal, State::Valid, "", {}, "王小明"},
                    {"王小䶮", kFinal, State::Valid, "", {}, "王小䶮"},  // extension A
                    {"王𠮷", kFinal, State::Valid, "", {}, "王𠮷"},      // beyond U+FFFF
                    {"John Smith", kFinal, State::Valid, "", {}, "John Smith"},
                    {"John   Smith", kFinal, State::Valid, "", {}, "John Smith"},
                    {"O'Brien", kFinal, State::Valid, "", {}, "O'Brien"},
                    {"Anna O’Neil", kFinal, State::Valid, "", {}, "Anna O'Neil"},
                    {"Jean-Luc Picard", kFinal, State::Valid, "", {}, "Jean-Luc Picard"},
                    {"José Müller", kFinal, State::Valid, "", {}, "José Müller"},
                    {"Nguyễn Văn An", kFinal, State::Valid, "", {}, "Nguyễn Văn An"},
                    {"ＪＯＨＮ", kFinal, State::Valid, "", {}, "JOHN"},
                    {thirty, kFinal, State::Valid, ""},
                    {"王", kTyping, State::Partial, p + "partial"},
                    {"J", kTyping, State::Partial, p + "partial"},
                    {"阿依古丽·", kTyping, State::Partial, p + "partial"},
                    {"John-", kTyping, State::Partial, p + "partial"},
                    {"王", kFinal, State::Invalid, p + "too_short", atLeast(2)},
                    {"J", kFinal, State::Invalid, p + "too_short", atLeast(2)},
                    {"阿依古丽·", kFinal, State::Invalid, p + "separator"},
                    {"John-", kFinal, State::Invalid, p + "separator"},
                    {"·买买提", kTyping, State::Invalid, p + "separator"},
                    {"阿依古丽··买买提", kTyping, State::Invalid, p + "separator"},
                    {"John  -Smith", kTyping, State::Invalid, p + "separator"},
                    {"王小明2", kTyping, State::Invalid, p + "digits"},
                    {"王小明２", kTyping, State::Invalid, p + "digits"},
                    {"王Anna", kTyping, State::Invalid, p + "mixed"},
                    {"王小明!", kTyping, State::Invalid, p + "chars"},
                    {"王-小明", kTyping, State::Invalid, p + "chars"},
                    {"John·Smith", kTyping, State::Invalid, p + "chars"},
                    {"J. Smith", kTyping, State::Invalid, p + "chars"},
                    {"😀😀", kTyping, State::Invalid, p + "chars"},
                    {thirty + "王", kTyping, State::Invalid, p + "too_long", atMost(30)},
                    {"", kFinal, State::Empty, "", {}, ""},
                });
}

TEST(Validation, OrganisationNames) {
    const std::string p = "apply.check.org_name.";
    const std::string eighty = repeat("临", 80);
    expectCases(checkOrganisationName,
                {
                    {"临澜县民政局", kFinal, State::Valid, "", {}, "临澜县民政局"},
                    {"临澜县第一中学（高中部）", kFinal, State::Valid, ""},
                    {"ABC Ltd", kFinal, State::Valid, "", {}, "ABC Ltd"},
                    {"  临澜县  民政局 ", kFinal, State::Valid, "", {}, "临澜县 民政局"},
                    {eighty, kFinal, State::Valid, ""},
                    {"公司", kTyping, State::Partial, p + "partial", left(2)},
                    {"公司", kFinal, State::Invalid, p + "too_short", atLeast(4)},
                    {"12345678", kFinal, State::Invalid, p + "content"},
                    {"（）（）", kFinal, State::Invalid, p + "content"},
                    {eighty + "局", kTyping, State::Invalid, p + "too_long", atMost(80)},
                });
}

TEST(Validation, PostalAddresses) {
    const std::string p = "apply.check.address.";
    const std::string long120 = repeat("临", 120);
    expectCases(checkPostalAddress,
                {
                    {"临澜县城关镇人民路12号", kFinal, State::Valid, "", {}, "临澜县城关镇人民路12号"},
                    {"人民路１２号", kFinal, State::Valid, "", {}, "人民路12号"},
                    {"  人民路   12号  ", kFinal, State::Valid, "", {}, "人民路 12号"},
                    {"北京市东城区", kFinal, State::Valid, ""},
                    {"Room 1203, Building 5", kFinal, State::Valid, ""},
                    {"人民路，１２号，３单元", kFinal, State::Valid, "", {}, "人民路，12号，3单元"},  // Chinese commas stay
                    {long120, kFinal, State::Valid, ""},
                    {"北京市", kTyping, State::Partial, p + "partial", left(3)},
                    {"北京市", kFinal, State::Invalid, p + "too_short", atLeast(6)},
                    {"！！！！！！", kFinal, State::Invalid, p + "content"},
                    {"abcdefg", kFinal, State::Invalid, p + "content"},
                    {long120 + "号", kTyping, State::Invalid, p + "too_long", atMost(120)},
                });
}

// ---------------------------------------------------------------------------------------
// 7. Masking
// ---------------------------------------------------------------------------------------
TEST(Validation, MaskPersonName) {
    const std::pair<const char*, const char*> cases[] = {
        {"王小明", "王*明"},
        {"王明", "王*"},
        {"欧阳小明", "欧**明"},
        {"阿依古丽·买买提", "阿******提"},
        {"John Smith", "J********h"},
        {"王", "*"},
        {"𠮷田", "𠮷*"},
        {"", ""},
    };
    for (const auto& [name, masked] : cases) EXPECT_EQ(maskPersonName(name), masked) << name;
}

TEST(Validation, MaskIdNumber) {
    const std::pair<const char*, const char*> cases[] = {
        {"11010519491231002X", "****002X"},
        {"810000198001010014", "****0014"},
        {"E12345678", "****5678"},
        {"12345678", "****5678"},
        {"H1234567801", "****7801"},
        {"12345", "***45"},
        {"AB12", "**12"},
        {"AB", "*B"},
        {"A", "*"},
        {"", ""},
    };
    for (const auto& [number, masked] : cases) EXPECT_EQ(maskIdNumber(number), masked) << number;
}

TEST(Validation, MaskMobile) {
    const std::pair<const char*, const char*> cases[] = {
        {"13812345678", "138****5678"},
        {"0571-87654321", "057******4321"},
        {"12345678", "123*5678"},
        {"1234", "**34"},
        {"", ""},
    };
    for (const auto& [number, masked] : cases) EXPECT_EQ(maskMobile(number), masked) << number;
}

// ---------------------------------------------------------------------------------------
// 8. Properties of every check
// ---------------------------------------------------------------------------------------
// On arbitrary input, for every check: leaving a step never says Partial; what is accepted
// while typing is accepted when leaving, with the same stored value; what is refused while
// typing stays refused; an accepted value has no message and a refused one always has.
TEST(Validation, EveryCheckIsConsistentOnRandomInput) {
    const std::vector<std::pair<const char*, Check>> checks = {
        {"resident", idOf(IdDocType::ResidentId)},  {"permit", idOf(IdDocType::ResidencePermit)},
        {"hkmo", idOf(IdDocType::HkMacaoPermit)},   {"taiwan", idOf(IdDocType::TaiwanPermit)},
        {"passport", idOf(IdDocType::Passport)},    {"other", idOf(IdDocType::Other)},
        {"credit", checkCreditCode},                {"mobile", checkMobile},
        {"landline", checkLandline},                {"email", checkEmail},
        {"address", checkPostalAddress},            {"person", checkPersonName},
        {"org", checkOrganisationName},
    };
    const std::vector<std::string> pieces = {
        "1", "0", "8", "6", "9", "X", "x", "H", "E", "9144", "1101051949", "0571", "138", "+86", "@", ".", "-",
        " ", "　", "１", "王", "·", "a", "Z", "(", ")", "(D)", "\xE6\x94", "ー", "。", "com", "20250615",
    };
    std::mt19937 rng(20250615);
    std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), length(0, 12);
    for (int iter = 0; iter < 4000; ++iter) {
        std::string typed;
        for (size_t n = length(rng); n > 0; --n) typed += pieces[pick(rng)];
        for (const auto& [name, check] : checks) {
            const FieldCheck typing = check(typed, kTyping);
            const FieldCheck final = check(typed, kFinal);
            const std::string label = std::string(name) + " \"" + typed + "\"";
            ASSERT_NE(final.state, State::Partial) << label;
            if (typing.state == State::Valid) {
                ASSERT_EQ(final.state, State::Valid) << label;
                ASSERT_EQ(final.normalized, typing.normalized) << label;
            }
            ASSERT_TRUE(typing.state != State::Invalid || final.state == State::Invalid) << label;
            for (const FieldCheck& r : {typing, final}) {
                ASSERT_EQ(r.key.empty(), r.state == State::Valid || r.state == State::Empty) << label;
                ASSERT_TRUE(r.state != State::Valid || r.args.empty()) << label;
                ASSERT_TRUE(r.key.empty() || r.key.starts_with("apply.check.")) << label;
            }
        }
    }
}
