#include "font_atlas.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "theme.h"

namespace zwgk {
namespace {

// Characters every screen may need whatever the content says: ASCII, CJK and full-width
// punctuation, the general punctuation block (— … “ ” ‹ ›), circled numbers, ℃ and №.
void addFixedRanges(std::set<char32_t>& chars) {
    auto range = [&](char32_t from, char32_t to) {
        for (char32_t c = from; c <= to; ++c) chars.insert(c);
    };
    range(0x20, 0x7E);
    range(0xA0, 0xFF);
    range(0x2010, 0x2027);
    range(0x2030, 0x203A);
    range(0x2103, 0x2103);
    range(0x2116, 0x2116);
    range(0x2160, 0x216B);  // Ⅰ–Ⅻ
    range(0x2460, 0x249B);  // ①–⒇ and ⑴–⒇
    range(0x3000, 0x303F);
    range(0x3220, 0x3229);  // ㈠–㈩
    range(0xFF01, 0xFF5E);
    range(0xFFE0, 0xFFE6);
    chars.insert(0xFFFD);
}

// ImGui wants zero-terminated [first, last] pairs; consecutive characters share a pair.
std::vector<ImWchar> toRanges(const std::set<char32_t>& chars, std::u32string& tooWide) {
    std::vector<ImWchar> ranges;
    for (char32_t c : chars) {
        if (c > 0xFFFF) {  // ImWchar is 16-bit in Debian's build
            tooWide.push_back(c);
            continue;
        }
        if (!ranges.empty() && static_cast<char32_t>(ranges.back()) + 1 == c)
            ranges.back() = static_cast<ImWchar>(c);
        else {
            ranges.push_back(static_cast<ImWchar>(c));
            ranges.push_back(static_cast<ImWchar>(c));
        }
    }
    ranges.push_back(0);
    return ranges;
}

// A read-only mapping of a font file: ImGui reads glyph outlines from it during Build and
// never needs its own 19 MB copy per size.
struct MappedFile {
    void* data = MAP_FAILED;  // mapping or MAP_FAILED
    size_t size = 0;          // bytes mapped
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            size = static_cast<size_t>(st.st_size);
            data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (data != MAP_FAILED) ::munmap(data, size);
    }
    bool ok() const { return data != MAP_FAILED; }
};

}  // namespace

bool buildUiFonts(ImFontAtlas& atlas, const FontChoice& choice, const std::u32string& content,
                  const std::u32string& ui, const std::u32string& input, float scale, float textScale,
                  UiFonts& fonts, AtlasReport& report, std::string& error) {
    report = {};
    std::optional<FontFace> primary = choice.primary, fallback = choice.fallback;
    if (!primary && fallback) {
        report.notes.push_back("primary CJK font missing; using " + fallback->family + " for everything");
        primary = fallback;
        fallback.reset();
    }
    if (!primary) {
        error = "no Chinese font found (install fonts-noto-cjk or fonts-wqy-zenhei)";
        return false;
    }
    MappedFile primaryFile(primary->path);
    if (!primaryFile.ok()) {
        error = "cannot read font " + primary->path;
        return false;
    }
    std::optional<MappedFile> fallbackFile;
    if (fallback) {
        fallbackFile.emplace(fallback->path);
        if (!fallbackFile->ok()) {
            report.notes.push_back("fallback font unreadable: " + fallback->path);
            fallbackFile.reset();
        }
    }

    std::set<char32_t> all(content.begin(), content.end());
    all.insert(ui.begin(), ui.end());
    addFixedRanges(all);
    std::set<char32_t> uiOnly(ui.begin(), ui.end());
    addFixedRanges(uiOnly);
    std::u32string tooWide;
    const std::vector<ImWchar> allRanges = toRanges(all, tooWide);
    std::u32string ignored;
    const std::vector<ImWchar> uiRanges = toRanges(uiOnly, ignored);
    std::set<char32_t> withInput = all;
    withInput.insert(input.begin(), input.end());
    const std::vector<ImWchar> inputRanges = toRanges(withInput, ignored);
    report.glyphs = static_cast<int>(all.size());

    // Which characters neither font has: they will show ImGui's fallback glyph.
    {
        // Only what the content and the UI use: the fixed ranges hold a few rare marks
        // (‗ ‣ ․) that no CJK font draws and no text needs.
        GlyphCoverage primaryCoverage(*primary);
        std::set<char32_t> used(content.begin(), content.end());
        used.insert(ui.begin(), ui.end());
        std::u32string wanted(used.begin(), used.end());
        std::u32string missing = primaryCoverage.missing(wanted);
        if (fallback && fallbackFile) {
            GlyphCoverage fallbackCoverage(*fallback);
            missing = fallbackCoverage.missing(missing);
        }
        for (char32_t c : missing)
            if (c >= 0x20 && c != 0xFFFD && !(c >= 0x7F && c <= 0xA0)) report.missing.push_back(c);
        report.missing += tooWide;
    }

    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
    atlas.TexDesiredWidth = 4096;
    // ImGui copies font data it does not own (19 MB per size for Noto), so it is told it
    // owns our mapping, and the pointers are taken back before it could free them.
    auto addSize = [&](float referencePx, const std::vector<ImWchar>& ranges) -> ImFont* {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = true;
        config.FontNo = primary->index;
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        const float px = std::round(referencePx * scale);
        ImFont* font = atlas.AddFontFromMemoryTTF(primaryFile.data, static_cast<int>(primaryFile.size), px, &config,
                                                  ranges.data());
        if (fallback && fallbackFile) {
            ImFontConfig merge = config;
            merge.MergeMode = true;
            merge.FontNo = fallback->index;
            atlas.AddFontFromMemoryTTF(fallbackFile->data, static_cast<int>(fallbackFile->size), px, &merge,
                                       ranges.data());
        }
        return font;
    };
    // What a citizen types shows in the field (heading size) and again on the review page
    // and the receipt screen (body size): both carry the input methods' repertoire. At the
    // standard text size those are the body and heading fonts themselves; at the larger
    // sizes the repertoire (14,000 characters) would cost hundreds of MB of texture, so the
    // typed text keeps the standard sizes, which are large already.
    const bool typedApart = textScale != 1.0f;
    fonts.small = addSize(theme::kFontSmall * textScale, allRanges);
    fonts.body = addSize(theme::kFontBody * textScale, typedApart ? allRanges : inputRanges);
    fonts.heading = addSize(theme::kFontHeading * textScale, typedApart ? allRanges : inputRanges);
    fonts.title = addSize(theme::kFontTitle * textScale, uiRanges);
    fonts.typedBody = typedApart ? addSize(theme::kFontBody, inputRanges) : fonts.body;
    fonts.typedHeading = typedApart ? addSize(theme::kFontHeading, inputRanges) : fonts.heading;

    const auto start = std::chrono::steady_clock::now();
    const bool built = atlas.Build();
    report.buildMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // The glyphs are rasterised: take the mapped font data back from ImGui before the
    // mappings go away, so ClearInputData does not free what it never allocated.
    for (ImFontConfig& config : atlas.ConfigData) config.FontData = nullptr;
    atlas.ClearInputData();
    if (!built) {
        error = "font atlas could not be built";
        return false;
    }
    report.textureWidth = atlas.TexWidth;
    report.textureHeight = atlas.TexHeight;
    for (ImFont* font : {fonts.small, fonts.body, fonts.heading, fonts.title, fonts.typedBody, fonts.typedHeading})
        font->FallbackChar = 0xFFFD;
    return true;
}

}  // namespace zwgk
