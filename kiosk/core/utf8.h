// UTF-8 <-> UTF-32 for document text, UI strings and font coverage checks.
// Content arrives from the network, USB sticks and old CMS exports, so every function here
// accepts arbitrary bytes: ill-formed input decodes to U+FFFD (one per maximal ill-formed
// subpart, as Unicode §3.9 recommends, so that byte offsets stay meaningful) and never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zwgk::utf8 {

inline constexpr char32_t kReplacement = U'\uFFFD';

// One decoded code point and where it came from in the byte string.
struct Decoded {
    char32_t cp = 0;       // the code point, or kReplacement for ill-formed bytes
    size_t offset = 0;     // byte offset of its first byte
    size_t length = 0;     // bytes consumed (1..4; 0 only at end of input)
    bool valid = true;     // false when cp is a replacement for ill-formed bytes
};

// Decodes the code point starting at s[pos] and advances pos past it (by at least one byte
// unless pos >= s.size(), where it returns 0 and leaves pos alone).
char32_t next(std::string_view s, size_t& pos);

// Same as next() but also reports offset, length and validity.
Decoded decodeAt(std::string_view s, size_t pos);

// Iterates code points: for (utf8::Decoded d : utf8::Codepoints(text)) ...
class Codepoints {
public:
    class Iterator {
    public:
        using value_type = Decoded;
        using difference_type = std::ptrdiff_t;
        Iterator() = default;
        Iterator(std::string_view s, size_t pos) : s_(s), cur_(decodeAt(s, pos)) {}
        const Decoded& operator*() const { return cur_; }
        const Decoded* operator->() const { return &cur_; }
        Iterator& operator++() {
            cur_ = decodeAt(s_, cur_.offset + cur_.length);
            return *this;
        }
        Iterator operator++(int) {
            Iterator old = *this;
            ++*this;
            return old;
        }
        bool operator==(const Iterator& o) const { return cur_.offset == o.cur_.offset; }

    private:
        std::string_view s_;
        Decoded cur_;
    };

    explicit Codepoints(std::string_view s) : s_(s) {}
    Iterator begin() const { return Iterator(s_, 0); }
    Iterator end() const { return Iterator(s_, s_.size()); }

private:
    std::string_view s_;
};

std::u32string decode(std::string_view s);

// Appends cp; surrogates and values above U+10FFFF are written as U+FFFD.
void append(std::string& out, char32_t cp);
std::string encode(std::u32string_view s);
std::string encode(char32_t cp);

// Number of code points decode() would return (ill-formed subparts count one each).
size_t countChars(std::string_view s);

bool isValid(std::string_view s);

// The same text with ill-formed subparts replaced by U+FFFD; returns s unchanged (one copy)
// when it is already valid. Use before handing text to libraries that assume valid UTF-8.
std::string sanitize(std::string_view s);

}  // namespace zwgk::utf8
