// Checks for what a citizen types into a 政府信息公开申请 (Art. 29 of the 2019 条例): identity
// documents, the unified social credit code, phone, e-mail, names and addresses; and the
// masking of personal data that a receipt may print in clear.
//
// Every check answers as the citizen types (final = false: a correct beginning is Partial,
// with a neutral hint such as "还需输入8位") and when a step is left (final = true: anything
// short of Valid blocks). Messages are UI-strings keys with {name} arguments, so that the
// core stays free of UI text; the keys and their Chinese texts are listed in
// assets/strings/zh-Hans.json under "apply.check.*".
//
// Section index
//   1. Result type
//   2. Identity documents (GB 11643 居民身份证, 港澳台居民居住证, passes, passports)
//   3. Organisations (GB 32100 统一社会信用代码)
//   4. Contact: mobile, landline, e-mail, postal address
//   5. Names
//   6. Masking for receipts and lists
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zwgk {

// ---------------------------------------------------------------------------------------
// 1. Result type
// ---------------------------------------------------------------------------------------
struct FieldCheck {
    enum class State {
        Empty,    // nothing typed (the caller decides whether the field is required)
        Partial,  // a correct beginning (only while typing; final checks never return it)
        Invalid,  // wrong: key says why
        Valid,    // accepted
    };
    State state = State::Empty;                               // verdict
    std::string key;                                          // strings key, empty when none
    std::vector<std::pair<std::string, std::string>> args;   // {name} → value for the key
    std::string normalized;  // the value as it will be stored: trimmed, full-width folded,
                             // letters upper-cased where the format says so

    bool ok() const { return state == State::Valid; }
};

// ---------------------------------------------------------------------------------------
// 2. Identity documents
// ---------------------------------------------------------------------------------------
enum class IdDocType {
    ResidentId,         // 居民身份证 (18 characters, GB 11643 check character)
    ResidencePermit,    // 港澳台居民居住证 (18 characters, 810000/820000/830000 prefix, GB 11643)
    HkMacaoPermit,      // 港澳居民来往内地通行证 (H or M + 8 digits, older H/M + 10 digits)
    TaiwanPermit,       // 台湾居民来往大陆通行证 (8 digits; old booklet numbers stored as their first 8)
    Passport,           // 护照 (5–17 letters and digits; Chinese: E/G + 8 characters)
    Other,              // 其他有效身份证件 (2–30 letters, digits, hyphens)
};

// The check character of GB 11643 for the first 17 characters (digits): '0'–'9' or 'X'.
// Returns '\0' when FIRST17 is not 17 digits.
char residentIdCheckChar(std::string_view first17);

// A 居民身份证 number: 18 characters, a known province code (first two digits), a birth date
// that exists and lies between 1900-01-01 and TODAY (YYYY-MM-DD), and the right check
// character (x accepted, stored as X). 15-digit first-generation numbers are refused with
// their own message (they stopped being valid in 2013).
FieldCheck checkResidentId(std::string_view typed, std::string_view today, bool final);
// Any identity document by type; ResidentId and ResidencePermit share the GB 11643 rules.
FieldCheck checkIdDocument(IdDocType type, std::string_view typed, std::string_view today, bool final);

// ---------------------------------------------------------------------------------------
// 3. Organisations
// ---------------------------------------------------------------------------------------
// The check character of GB 32100 for the first 17 characters of a 统一社会信用代码, from the
// alphabet 0-9 A-H J-N P-R T-U W-Y (no I O Z S V). '\0' when FIRST17 has other characters.
char creditCodeCheckChar(std::string_view first17);
// A 统一社会信用代码: 18 characters of that alphabet (lower case accepted, a typed I or O
// read as 1 or 0), a known registration-authority code (first character) with one of its
// categories (second), digits for the region (3rd–8th) and the right check character.
FieldCheck checkCreditCode(std::string_view typed, bool final);

// ---------------------------------------------------------------------------------------
// 4. Contact
// ---------------------------------------------------------------------------------------
// A mainland mobile number: 11 digits starting 13–19 (a leading +86 / 86 / 0086 is dropped).
FieldCheck checkMobile(std::string_view typed, bool final);
// A landline with its area code: 010 or 02X and 7–8 digits, or a four-digit area code (0571)
// and 7–8 digits; spaces, hyphens and brackets are dropped, a leading +86 / 0086 too. Stored
// as "0571-87654321". Elderly applicants often have no mobile phone (Art. 29: 联系方式).
FieldCheck checkLandline(std::string_view typed, bool final);
// An e-mail address: one @, a local part and a dotted domain, ASCII, at most 254 characters.
FieldCheck checkEmail(std::string_view typed, bool final);
// A postal address: at least 6 characters, at most 120, containing at least one Chinese
// character or a digit (not only punctuation).
FieldCheck checkPostalAddress(std::string_view typed, bool final);

// ---------------------------------------------------------------------------------------
// 5. Names
// ---------------------------------------------------------------------------------------
// A person's name: 2–30 characters; Chinese characters (also the middle dot · of minority and
// foreign names), or Latin letters with spaces, hyphens and apostrophes; no digits.
FieldCheck checkPersonName(std::string_view typed, bool final);
// An organisation's name: 4–80 characters, not only digits or punctuation.
FieldCheck checkOrganisationName(std::string_view typed, bool final);

// ---------------------------------------------------------------------------------------
// 6. Masking
// ---------------------------------------------------------------------------------------
// 王小明 → 王*明, 王明 → 王*, 欧阳小明 → 欧**明, 阿依古丽·买买提 → 阿******提,
// "John Smith" → "J********h"; one character stays as it is masked: "*". UTF-8 aware.
std::string maskPersonName(std::string_view name);
// The last four characters after four asterisks, however long the number (the receipt does
// not tell its length): 11010519491231002X → ****002X. A number shorter than eight shows at
// most half of it, from the end, after at most four asterisks: AB12 → **12. Empty stays empty.
std::string maskIdNumber(std::string_view number);
// 13812345678 → 138****5678: the first three and the last four characters stay. A string
// shorter than eight characters keeps at most half of it, from the end.
std::string maskMobile(std::string_view mobile);

}  // namespace zwgk
