#include "validation.h"

#include <algorithm>
#include <array>

#include "utf8.h"
#include "working_calendar.h"

// Section index
//   1. Typed text: folding, separators, results
//   2. GB 11643: 居民身份证 and 港澳台居民居住证
//   3. Other identity documents
//   4. GB 32100 统一社会信用代码
//   5. Phones
//   6. E-mail
//   7. Postal address and names
//   8. Masking

namespace zwgk {

// ---------------------------------------------------------------------------------------
// 1. Typed text: folding, separators, results
// ---------------------------------------------------------------------------------------
namespace {

using State = FieldCheck::State;
using Args = std::vector<std::pair<std::string, std::string>>;

// Chinese input methods type full-width forms (１２３, ＡＢＣ, ＠) and the ideographic space.
char32_t foldWidth(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    return c == 0x3000 ? U' ' : c;
}

bool isSpace(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F;
}

// Every dash a keyboard or an input method may produce (ー of Japanese layouts, —— of Chinese).
bool isDash(char32_t c) {
    return c == U'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2E3A || c == 0x2E3B ||
           c == 0x30FC || c == 0xFE58 || c == 0xFE63;
}

// Characters nobody means to type: controls, zero-width marks, byte-order marks.
bool isInvisible(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

bool isDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool isUpper(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool isAsciiLetter(char32_t c) { return isUpper(c) || (c >= U'a' && c <= U'z'); }

// A number or code as typed, read plainly: full-width folded, spaces (and, when DROP_DASHES,
// dashes) dropped, ASCII letters upper-cased.
std::u32string compact(std::string_view typed, bool dropDashes) {
    std::u32string out;
    for (char32_t c : utf8::decode(typed)) {
        c = foldWidth(c);
        if (isSpace(c) || isInvisible(c) || (dropDashes && isDash(c))) continue;
        if (c >= U'a' && c <= U'z') c -= 0x20;
        out.push_back(c);
    }
    return out;
}

FieldCheck verdict(State state, std::u32string_view normalized, std::string key = {}, Args args = {}) {
    FieldCheck r;
    r.state = state;
    r.key = std::move(key);
    r.args = std::move(args);
    r.normalized = utf8::encode(normalized);
    return r;
}

FieldCheck invalid(std::u32string_view normalized, std::string key, Args args = {}) {
    return verdict(State::Invalid, normalized, std::move(key), std::move(args));
}

FieldCheck valid(std::u32string_view normalized) { return verdict(State::Valid, normalized); }

// A correct beginning with LEFT more characters to type (at least LEFT when a range).
FieldCheck partial(std::u32string_view normalized, std::string key, size_t left) {
    return verdict(State::Partial, normalized, std::move(key), {{"left", std::to_string(left)}});
}

Args countArg(size_t count) { return {{"count", std::to_string(count)}}; }
Args minArg(size_t min) { return {{"min", std::to_string(min)}}; }
Args maxArg(size_t max) { return {{"max", std::to_string(max)}}; }

// True when TEXT begins with the first characters of PATTERN or PATTERN with TEXT.
bool agreesWith(std::u32string_view text, std::string_view pattern) {
    for (size_t i = 0; i < text.size() && i < pattern.size(); ++i)
        if (text[i] != static_cast<unsigned char>(pattern[i])) return false;
    return true;
}

// ---------------------------------------------------------------------------------------
// 2. GB 11643: 居民身份证 and 港澳台居民居住证
// ---------------------------------------------------------------------------------------
constexpr size_t kIdLength = 18;
constexpr size_t kBirthAt = 6;  // YYYYMMDD at 7–14
constexpr int kEarliestBirth = 19000101;

// Provinces of the mainland (GB/T 2260). Not 71 台湾, 81 香港, 82 澳门: no 居民身份证 is
// issued under them (their residents hold 居住证 numbered 830000/810000/820000), and not 9x,
// where the 2023 外国人永久居留身份证 starts (that card is entered as 其他有效身份证件).
bool isProvince(int code) {
    return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
           (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65);
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// TODAY as YYYYMMDD; a broken clock must not turn citizens away, so it then sets no limit.
int latestBirth(std::string_view today) {
    if (!isIsoDateString(today)) return 99991231;
    auto number = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) v = v * 10 + (today[i] - '0');
        return v;
    };
    return number(0, 4) * 10000 + number(5, 2) * 100 + number(8, 2);
}

// True when some real date from 1900-01-01 to LATEST (YYYYMMDD) is written with DIGITS (a
// beginning of YYYYMMDD, possibly empty) at its start. Checking every candidate date keeps
// leap years and month lengths right while the date is half typed.
bool birthDatePossible(std::u32string_view digits, int latest) {
    auto agrees = [&](int value, size_t width, size_t at) {
        for (size_t i = width; i-- > 0; value /= 10)
            if (at + i < digits.size() && digits[at + i] != static_cast<char32_t>(U'0' + value % 10)) return false;
        return true;
    };
    for (int y = kEarliestBirth / 10000; y <= latest / 10000; ++y) {
        if (!agrees(y, 4, 0)) continue;
        for (int m = 1; m <= 12; ++m) {
            if (!agrees(m, 2, 4)) continue;
            for (int d = 1; d <= daysInMonth(y, m); ++d)
                if (agrees(d, 2, 6)) return y * 10000 + m * 100 + d <= latest;
        }
    }
    return false;
}

// The GB 11643 rules shared by 居民身份证 (PERMIT false) and 港澳台居民居住证 (true).
FieldCheck checkGb11643(std::string_view typed, std::string_view today, bool final, bool permit) {
    const std::u32string id = compact(typed, false);
    if (id.empty()) return verdict(State::Empty, id);
    for (size_t i = 0; i < id.size(); ++i)
        if (!isDigit(id[i]) && !(i >= kIdLength - 1 && id[i] == U'X')) return invalid(id, "apply.check.id.chars");
    if (id.size() > kIdLength) return invalid(id, "apply.check.id.length", countArg(id.size()));
    // Second-generation cards replaced the 15-digit ones by 2013; said before the digits are
    // read as an 18-digit number, whose birth date they would fail.
    if (final && id.size() == 15 && !permit) return invalid(id, "apply.check.id.first_generation");

    if (permit) {
        if (!agreesWith(id, "810000") && !agreesWith(id, "820000") && !agreesWith(id, "830000"))
            return invalid(id, "apply.check.id.permit_prefix");
    } else if (id.size() == 1) {
        // A first digit no province has; 8 may still become 81–83 and earn the hint below.
        if (id[0] < U'1' || (id[0] > U'6' && id[0] != U'8')) return invalid(id, "apply.check.id.region");
    } else {
        const int code = static_cast<int>((id[0] - U'0') * 10 + (id[1] - U'0'));
        if (code >= 81 && code <= 83) return invalid(id, "apply.check.id.residence_permit");
        if (!isProvince(code)) return invalid(id, "apply.check.id.region");
    }

    if (id.size() > kBirthAt) {
        const std::u32string_view birth = std::u32string_view(id).substr(kBirthAt, 8);
        if (!birthDatePossible(birth, latestBirth(today))) return invalid(id, "apply.check.id.birth_date");
    }

    if (id.size() < kIdLength) {
        if (final) return invalid(id, "apply.check.id.length", countArg(id.size()));
        return partial(id, "apply.check.id.partial", kIdLength - id.size());
    }
    const std::string ascii = utf8::encode(id);
    if (residentIdCheckChar(std::string_view(ascii).substr(0, kIdLength - 1)) != ascii.back())
        return invalid(id, "apply.check.id.check_char");
    return valid(id);
}

}  // namespace

char residentIdCheckChar(std::string_view first17) {
    static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr std::string_view kCheck = "10X98765432";  // indexed by the sum mod 11
    if (first17.size() != 17) return '\0';
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        if (first17[i] < '0' || first17[i] > '9') return '\0';
        sum += (first17[i] - '0') * kWeights[i];
    }
    return kCheck[sum % 11];
}

FieldCheck checkResidentId(std::string_view typed, std::string_view today, bool final) {
    return checkGb11643(typed, today, final, false);
}

// ---------------------------------------------------------------------------------------
// 3. Other identity documents
// ---------------------------------------------------------------------------------------
namespace {

// 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) and 8 digits on the card issued since
// 2013; the booklets before it added 2 digits counting the renewals (H/M + 10 digits).
FieldCheck checkHkMacaoPermit(std::string_view typed, bool final) {
    const std::u32string id = compact(typed, true);
    if (id.empty()) return verdict(State::Empty, id);
    if ((id[0] != U'H' && id[0] != U'M') || id.size() > 11) return invalid(id, "apply.check.hk_macao.format");
    for (size_t i = 1; i < id.size(); ++i)
        if (!isDigit(id[i])) return invalid(id, "apply.check.hk_macao.format");
    if (id.size() == 9 || id.size() == 11) return valid(id);
    if (final) return invalid(id, "apply.check.hk_macao.format");
    return partial(id, "apply.check.hk_macao.partial", id.size() < 9 ? 9 - id.size() : 11 - id.size());
}

// 台湾居民来往大陆通行证: 8 digits, one number for life since 2008-09-25. Older booklets
// printed that number, 2 digits counting the issues and sometimes the issuing office in
// brackets, "0561682001(D)"; such a number is accepted and stored as its first 8 digits,
// which are the holder's number on every later card.
FieldCheck checkTaiwanPermit(std::string_view typed, bool final) {
    const std::u32string id = compact(typed, true);
    if (id.empty()) return verdict(State::Empty, id);
    size_t digits = 0;
    while (digits < id.size() && isDigit(id[digits])) ++digits;
    const std::u32string_view rest = std::u32string_view(id).substr(digits);
    // "(", "(D" or "(D)" after the 10 digits of a booklet number.
    const bool office = digits == 10 && !rest.empty() && rest[0] == U'(' && rest.size() <= 3 &&
                        (rest.size() < 2 || isUpper(rest[1]) || isDigit(rest[1])) &&
                        (rest.size() < 3 || rest[2] == U')');
    if (digits > 10 || (!rest.empty() && !office)) return invalid(id, "apply.check.taiwan.format");
    if (digits == 8 && rest.empty()) return valid(id);
    if (digits == 10 && (rest.empty() || rest.size() == 3)) return valid(id.substr(0, 8));
    if (final) return invalid(id, "apply.check.taiwan.format");
    const size_t left = digits < 8 ? 8 - digits : digits == 9 ? 1 : 3 - rest.size();
    return partial(id, "apply.check.taiwan.partial", left);
}

// 护照: Chinese passports are E + 8 digits, E + a letter + 7 digits (since the E series ran
// out) or G + 8 digits (before 2012); foreign ones vary (a German one is a letter and 8
// letters or digits), so any 5–17 letters and digits are accepted and the Chinese forms are
// not enforced: that would refuse foreign passports that happen to start with E or G.
FieldCheck checkPassport(std::string_view typed, bool final) {
    constexpr size_t kMin = 5, kMax = 17;
    const std::u32string id = compact(typed, true);
    if (id.empty()) return verdict(State::Empty, id);
    for (char32_t c : id)
        if (!isDigit(c) && !isUpper(c)) return invalid(id, "apply.check.passport.format");
    if (id.size() > kMax) return invalid(id, "apply.check.passport.format");
    if (id.size() >= kMin) return valid(id);
    if (final) return invalid(id, "apply.check.passport.format");
    return partial(id, "apply.check.passport.partial", kMin - id.size());
}

// 其他有效身份证件 (外国人永久居留身份证, 军官证 …): 2–30 letters, digits and hyphens.
FieldCheck checkOtherId(std::string_view typed, bool final) {
    constexpr size_t kMin = 2, kMax = 30;
    std::u32string id = compact(typed, false);
    for (char32_t& c : id) c = isDash(c) ? U'-' : c;
    if (id.empty()) return verdict(State::Empty, id);
    for (char32_t c : id)
        if (!isDigit(c) && !isUpper(c) && c != U'-') return invalid(id, "apply.check.other_id.format");
    if (id.size() > kMax) return invalid(id, "apply.check.other_id.format");
    if (id.size() >= kMin) return valid(id);
    if (final) return invalid(id, "apply.check.other_id.format");
    return partial(id, "apply.check.other_id.partial", kMin - id.size());
}

}  // namespace

FieldCheck checkIdDocument(IdDocType type, std::string_view typed, std::string_view today, bool final) {
    switch (type) {
        case IdDocType::ResidentId: return checkGb11643(typed, today, final, false);
        case IdDocType::ResidencePermit: return checkGb11643(typed, today, final, true);
        case IdDocType::HkMacaoPermit: return checkHkMacaoPermit(typed, final);
        case IdDocType::TaiwanPermit: return checkTaiwanPermit(typed, final);
        case IdDocType::Passport: return checkPassport(typed, final);
        case IdDocType::Other: return checkOtherId(typed, final);
    }
    // A value outside the enumeration (cast from stored data) gets the loosest rule.
    return checkOtherId(typed, final);
}

// ---------------------------------------------------------------------------------------
// 4. GB 32100 统一社会信用代码
// ---------------------------------------------------------------------------------------
namespace {

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // values 0–30
constexpr size_t kCreditLength = 18;

int creditValue(char32_t c) {
    const size_t at = c < 0x80 ? kCreditAlphabet.find(static_cast<char>(c)) : std::string_view::npos;
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Registration authorities (first character) and the categories (second) each assigns.
struct Authority {
    char32_t code;                // first character
    std::string_view categories;  // allowed second characters
};
constexpr std::array<Authority, 12> kAuthorities = {{
    {U'1', "1239"},    // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
    {U'2', "19"},      // 外交: 外国常住新闻机构, 其他
    {U'3', "123459"},  // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
    {U'4', "19"},      // 文化: 外国在华文化中心, 其他
    {U'5', "1239"},    // 民政: 社会团体, 民办非企业单位, 基金会, 其他
    {U'6', "129"},     // 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地代表机构, 其他
    {U'7', "129"},     // 宗教: 宗教活动场所, 宗教院校, 其他
    {U'8', "19"},      // 工会: 基层工会, 其他
    {U'9', "123"},     // 工商 (市场监管): 企业, 个体工商户, 农民专业合作社
    {U'A', "19"},      // 中央军委改革和编制办公室: 军队事业单位, 其他
    {U'N', "1239"},    // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
    {U'Y', "1"},       // 其他: not divided into categories
}};

const Authority* authorityOf(char32_t c) {
    for (const Authority& a : kAuthorities)
        if (a.code == c) return &a;
    return nullptr;
}

}  // namespace

char creditCodeCheckChar(std::string_view first17) {
    static constexpr int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    if (first17.size() != 17) return '\0';
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        const int v = creditValue(static_cast<unsigned char>(first17[i]));
        if (v < 0) return '\0';
        sum += v * kWeights[i];
    }
    return kCreditAlphabet[(31 - sum % 31) % 31];
}

FieldCheck checkCreditCode(std::string_view typed, bool final) {
    std::u32string code = compact(typed, true);
    if (code.empty()) return verdict(State::Empty, code);
    // I and O are not in the alphabet because they look like 1 and 0; typed, they mean those.
    for (char32_t& c : code) c = c == U'I' ? U'1' : c == U'O' ? U'0' : c;
    for (char32_t c : code)
        if (creditValue(c) < 0) return invalid(code, "apply.check.credit_code.chars");
    if (code.size() > kCreditLength) return invalid(code, "apply.check.credit_code.length", countArg(code.size()));
    const Authority* authority = authorityOf(code[0]);
    if (!authority) return invalid(code, "apply.check.credit_code.authority");
    if (code.size() > 1 && authority->categories.find(static_cast<char>(code[1])) == std::string_view::npos)
        return invalid(code, "apply.check.credit_code.category");
    for (size_t i = 2; i < code.size() && i < 8; ++i)  // 登记管理机关行政区划码
        if (!isDigit(code[i])) return invalid(code, "apply.check.credit_code.region");
    if (code.size() < kCreditLength) {
        if (final) return invalid(code, "apply.check.credit_code.length", countArg(code.size()));
        return partial(code, "apply.check.credit_code.partial", kCreditLength - code.size());
    }
    const std::string ascii = utf8::encode(code);
    if (creditCodeCheckChar(std::string_view(ascii).substr(0, kCreditLength - 1)) != ascii.back())
        return invalid(code, "apply.check.credit_code.check_char");
    return valid(code);
}

// ---------------------------------------------------------------------------------------
// 5. Phones
// ---------------------------------------------------------------------------------------
namespace {

// Brackets around an area code, "(0571)", separate like spaces and dashes.
std::u32string phoneDigits(std::string_view typed) {
    std::u32string out;
    for (char32_t c : compact(typed, true))
        if (c != U'(' && c != U')') out.push_back(c);
    return out;
}

enum class CountryCode {
    None,     // no country code typed
    Dropped,  // +86 or 0086, now removed
    Typing,   // only the beginning of +86 or 0086 so far
    Other,    // another country's code
};

CountryCode dropCountryCode(std::u32string& number, bool final) {
    for (std::u32string_view prefix : {U"+86", U"0086"}) {
        if (number.starts_with(prefix)) {
            number.erase(0, prefix.size());
            return CountryCode::Dropped;
        }
        if (!final && prefix.starts_with(number)) return CountryCode::Typing;
    }
    return number.starts_with(U"+") || number.starts_with(U"00") ? CountryCode::Other : CountryCode::None;
}

}  // namespace

FieldCheck checkMobile(std::string_view typed, bool final) {
    constexpr size_t kLength = 11;
    std::u32string number = phoneDigits(typed);
    if (number.empty()) return verdict(State::Empty, number);
    switch (dropCountryCode(number, final)) {
        case CountryCode::Typing: return partial(number, "apply.check.mobile.partial", kLength);
        case CountryCode::Other: return invalid(number, "apply.check.mobile.mainland_only");
        case CountryCode::None:
        case CountryCode::Dropped: break;
    }
    // "86" without + or 00: no mobile number starts with 8, so it can only be the country.
    if (number.starts_with(U"86")) number.erase(0, 2);
    else if (!final && number == U"8") return partial(number, "apply.check.mobile.partial", kLength);
    for (char32_t c : number)
        if (!isDigit(c)) return invalid(number, "apply.check.mobile.chars");
    if ((!number.empty() && number[0] != U'1') || (number.size() > 1 && number[1] < U'3'))
        return invalid(number, "apply.check.mobile.prefix");
    if (number.size() == kLength) return valid(number);
    if (final || number.size() > kLength) return invalid(number, "apply.check.mobile.length", countArg(number.size()));
    return partial(number, "apply.check.mobile.partial", kLength - number.size());
}

FieldCheck checkLandline(std::string_view typed, bool final) {
    std::u32string number = phoneDigits(typed);
    if (number.empty()) return verdict(State::Empty, number);
    switch (dropCountryCode(number, final)) {
        case CountryCode::Typing: return verdict(State::Partial, number, "apply.check.landline.partial");
        case CountryCode::Other: return invalid(number, "apply.check.landline.area_code");
        case CountryCode::Dropped:
            // After +86 the trunk 0 is usually left out ("+86 571 …"); stored numbers have it.
            if (!number.starts_with(U"0")) number.insert(0, 1, U'0');
            break;
        case CountryCode::None: break;
    }
    for (char32_t c : number)
        if (!isDigit(c)) return invalid(number, "apply.check.landline.chars");
    // 010 (北京) and 02X (上海, 天津, 重庆, 广州, 沈阳 …) are the three-digit area codes; the
    // others have four digits, 03XX–09XX. 00 starts an international call, 01X is only 010.
    if (number[0] != U'0' || (number.size() > 1 && number[1] == U'0') ||
        (number.size() > 2 && number[1] == U'1' && number[2] != U'0'))
        return invalid(number, "apply.check.landline.area_code");
    const size_t area = number.size() > 1 && (number[1] == U'1' || number[1] == U'2') ? 3 : 4;
    if (number.size() <= area) {
        if (final) return invalid(number, "apply.check.landline.length");
        return verdict(State::Partial, number, "apply.check.landline.partial");
    }
    const std::u32string local = number.substr(area);
    if (local[0] < U'2') return invalid(number, "apply.check.landline.number");  // 0 and 1 start no local number
    if (local.size() > 8) return invalid(number, "apply.check.landline.length");
    const std::u32string stored = number.substr(0, area) + U"-" + local;
    if (local.size() >= 7) return valid(stored);
    if (final) return invalid(stored, "apply.check.landline.length");
    return verdict(State::Partial, stored, "apply.check.landline.partial");
}

// ---------------------------------------------------------------------------------------
// 6. E-mail
// ---------------------------------------------------------------------------------------
namespace {

bool isLocalChar(char32_t c) {
    static constexpr std::u32string_view kSymbols = U"!#$%&'*+/=?^_`{|}~.-";
    return isAsciiLetter(c) || isDigit(c) || kSymbols.find(c) != std::u32string_view::npos;
}

bool isDomainChar(char32_t c) { return isAsciiLetter(c) || isDigit(c) || c == U'-' || c == U'.'; }

}  // namespace

FieldCheck checkEmail(std::string_view typed, bool final) {
    constexpr size_t kMaxLength = 254, kMaxLocal = 64, kMaxLabel = 63;
    std::u32string mail;
    for (char32_t c : utf8::decode(typed)) {
        c = foldWidth(c);
        if (c == U'。') c = U'.';  // a pinyin keyboard types 。 for the full stop
        if (!isInvisible(c)) mail.push_back(c);
    }
    while (!mail.empty() && isSpace(mail.back())) mail.pop_back();
    while (!mail.empty() && isSpace(mail.front())) mail.erase(0, 1);
    if (mail.empty()) return verdict(State::Empty, mail);

    const size_t at = mail.find(U'@');
    const std::u32string_view local = std::u32string_view(mail).substr(0, at);
    std::u32string domain = at == std::u32string::npos ? U"" : mail.substr(at + 1);
    for (char32_t& c : domain) c = isUpper(c) ? c + 0x20 : c;  // domains are case-blind
    const std::u32string stored = at == std::u32string::npos ? mail : std::u32string(local) + U"@" + domain;

    for (char32_t c : local)
        if (!isLocalChar(c)) return invalid(stored, "apply.check.email.chars");
    for (char32_t c : domain)
        if (!isDomainChar(c) && c != U'@') return invalid(stored, "apply.check.email.chars");
    if (mail.size() > kMaxLength) return invalid(stored, "apply.check.email.too_long", maxArg(kMaxLength));
    if (domain.find(U'@') != std::u32string::npos || local.size() > kMaxLocal || local.starts_with(U".") ||
        local.find(U"..") != std::u32string_view::npos)
        return invalid(stored, "apply.check.email.format");
    if (at == std::u32string::npos) {
        if (final) return invalid(stored, "apply.check.email.format");
        return verdict(State::Partial, stored, "apply.check.email.partial");
    }
    if (local.empty() || local.ends_with(U".")) return invalid(stored, "apply.check.email.format");

    // Labels before the last are complete; the last may still be typed.
    bool complete = true;
    size_t start = 0, labels = 0;
    while (true) {
        const size_t dot = domain.find(U'.', start);
        const std::u32string_view label =
            std::u32string_view(domain).substr(start, dot == std::u32string::npos ? std::u32string::npos : dot - start);
        const bool last = dot == std::u32string::npos;
        ++labels;
        if (label.size() > kMaxLabel || label.starts_with(U"-")) return invalid(stored, "apply.check.email.format");
        if (!last && (label.empty() || label.ends_with(U"-"))) return invalid(stored, "apply.check.email.format");
        if (last) {
            // A top-level domain: two or more characters, not only digits, no end hyphen.
            bool letter = false;
            for (char32_t c : label) letter = letter || isAsciiLetter(c);
            complete = labels >= 2 && label.size() >= 2 && letter && !label.ends_with(U"-");
            break;
        }
        start = dot + 1;
    }
    if (complete) return valid(stored);
    if (final) return invalid(stored, "apply.check.email.format");
    return verdict(State::Partial, stored, "apply.check.email.partial");
}

// ---------------------------------------------------------------------------------------
// 7. Postal address and names
// ---------------------------------------------------------------------------------------
namespace {

bool isHan(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0x30000 && c <= 0x323AF) || c == U'〇';
}

// Latin letters of foreign names, with their accents (José, Müller, Nguyễn), not × and ÷.
bool isLatinLetter(char32_t c) {
    return isAsciiLetter(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

// Free text as it will be stored: full-width letters and digits folded (Chinese punctuation
// stays as it is), any run of spaces one ASCII space, invisible characters dropped, trimmed.
std::u32string cleanText(std::string_view typed) {
    std::u32string out;
    for (char32_t c : utf8::decode(typed)) {
        if (c == 0x3000 || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
            c = foldWidth(c);
        if (isSpace(c)) {
            if (!out.empty() && out.back() != U' ') out.push_back(U' ');
        } else if (!isInvisible(c)) {
            out.push_back(c);
        }
    }
    if (!out.empty() && out.back() == U' ') out.pop_back();
    return out;
}

// Free text of MIN to MAX characters that must contain at least one character WANTED says.
template <typename Wanted>
FieldCheck checkFreeText(std::string_view typed, bool final, size_t min, size_t max, const char* group, Wanted wanted) {
    const std::u32string text = cleanText(typed);
    const std::string prefix = std::string("apply.check.") + group;
    if (text.empty()) return verdict(State::Empty, text);
    if (text.size() > max) return invalid(text, prefix + ".too_long", maxArg(max));
    if (text.size() < min) {
        if (final) return invalid(text, prefix + ".too_short", minArg(min));
        return partial(text, prefix + ".partial", min - text.size());
    }
    for (char32_t c : text)
        if (wanted(c)) return valid(text);
    return invalid(text, prefix + ".content");
}

// Middle dots of minority and foreign names as different keyboards type them (・ from
// Japanese layouts, • ‧ ∙ ⋅, a full stop); all are stored as U+00B7.
bool isNameDot(char32_t c) {
    return c == 0xB7 || c == 0x30FB || c == 0xFF65 || c == 0x2022 || c == 0x2027 || c == 0x2219 || c == 0x22C5 ||
           c == U'.' || c == 0xFF0E;
}

}  // namespace

FieldCheck checkPostalAddress(std::string_view typed, bool final) {
    return checkFreeText(typed, final, 6, 120, "address", [](char32_t c) { return isHan(c) || isDigit(c); });
}

FieldCheck checkOrganisationName(std::string_view typed, bool final) {
    return checkFreeText(typed, final, 4, 80, "org_name", [](char32_t c) { return isHan(c) || isLatinLetter(c); });
}

FieldCheck checkPersonName(std::string_view typed, bool final) {
    constexpr size_t kMin = 2, kMax = 30;
    std::u32string name = cleanText(typed);
    if (name.empty()) return verdict(State::Empty, name);
    bool han = false, latin = false;
    for (char32_t c : name) {
        if (isDigit(c)) return invalid(name, "apply.check.name.digits");
        han = han || isHan(c);
        latin = latin || isLatinLetter(c);
    }
    if (han && latin) return invalid(name, "apply.check.name.mixed");

    std::u32string stored;
    for (char32_t c : name) {
        if (han && c == U' ') continue;  // 王 小明: a space between surname and given name
        if (han && isNameDot(c)) c = U'·';
        if (isDash(c)) c = U'-';
        if (c == U'’') c = U'\'';
        const bool separator = han ? c == U'·' : (c == U' ' || c == U'-' || c == U'\'');
        if (!separator && !(han ? isHan(c) : isLatinLetter(c))) return invalid(name, "apply.check.name.chars");
        // A separator stands between two characters of the name: not first, not doubled.
        const bool afterSeparator = !stored.empty() && !(han ? isHan(stored.back()) : isLatinLetter(stored.back()));
        if (separator && (stored.empty() || afterSeparator)) return invalid(name, "apply.check.name.separator");
        stored.push_back(c);
    }
    if (stored.size() > kMax) return invalid(stored, "apply.check.name.too_long", maxArg(kMax));
    const bool open = !(han ? isHan(stored.back()) : isLatinLetter(stored.back()));  // ends on a separator
    if (!final && (open || stored.size() < kMin)) return verdict(State::Partial, stored, "apply.check.name.partial");
    if (open) return invalid(stored, "apply.check.name.separator");
    if (stored.size() < kMin) return invalid(stored, "apply.check.name.too_short", minArg(kMin));
    return valid(stored);
}

// ---------------------------------------------------------------------------------------
// 8. Masking
// ---------------------------------------------------------------------------------------
std::string maskPersonName(std::string_view name) {
    std::u32string chars = utf8::decode(name);
    if (chars.size() <= 1) return chars.empty() ? std::string() : "*";
    // The surname stays (the first character); for three or more, the last one too.
    const size_t last = chars.size() == 2 ? 2 : chars.size() - 1;
    for (size_t i = 1; i < last; ++i) chars[i] = U'*';
    return utf8::encode(chars);
}

std::string maskIdNumber(std::string_view number) {
    const std::u32string chars = utf8::decode(number);
    // At most four characters shown, and never more than half of a short number; the
    // asterisks are at most four so that the receipt does not tell the number's length.
    const size_t shown = std::min<size_t>(4, chars.size() / 2);
    const size_t stars = std::min<size_t>(4, chars.size() - shown);
    return std::string(stars, '*') + utf8::encode(std::u32string_view(chars).substr(chars.size() - shown));
}

std::string maskMobile(std::string_view mobile) {
    std::u32string chars = utf8::decode(mobile);
    // 3 + 4 shown as 138****5678; shorter numbers keep at most half, from the end.
    const size_t head = chars.size() >= 8 ? 3 : 0;
    const size_t tail = std::min<size_t>(4, chars.size() / 2);
    for (size_t i = head; i + tail < chars.size(); ++i) chars[i] = U'*';
    return utf8::encode(chars);
}

}  // namespace zwgk
