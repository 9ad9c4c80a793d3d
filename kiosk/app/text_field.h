// A text field's content and what it accepts. The field lives in the screen's state; the
// on-screen keyboard edits whichever field has focus.
#pragma once

#include <cstddef>
#include <string>

namespace zwgk {

// What a field accepts; it decides the keyboard that appears.
enum class FieldKind {
    Text,    // Chinese or Latin text: pinyin keyboard
    Digits,  // ID numbers: 0–9 and X on the numeric pad
    Phone,   // telephone numbers: 0–9 on the numeric pad
    Code,    // codes and document numbers: digits and upper-case letters (信用代码, 护照, 查询码)
    Email,   // e-mail addresses: digits, lower-case letters and @ . _ - +
};

struct TextField {
    std::string id;                    // stable name, e.g. "search"
    FieldKind kind = FieldKind::Text;  // which keyboard
    std::string text;                  // committed text (UTF-8)
    size_t maxChars = 200;             // longest accepted text, in characters
    bool changed = false;              // text changed (the screen reacts, then clears it)
};

}  // namespace zwgk
