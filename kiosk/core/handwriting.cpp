#include "handwriting.h"

#include <zinnia.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <string_view>

#include "script_convert.h"

#ifndef ZWGK_ZINNIA_MODEL_PATH
#define ZWGK_ZINNIA_MODEL_PATH "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"
#endif

namespace zwgk {

namespace {

constexpr const char* kDefaultModel = ZWGK_ZINNIA_MODEL_PATH;

// zinnia takes integer coordinates; drawing onto a fixed canvas keeps a small or normalised
// writing box (0..1) from collapsing every point onto a few pixels.
constexpr float kCanvas = 1000.0f;

// Components and radicals in the model that are not words anyone searches for. 乙 stays
// out of this list on purpose: it is a character in its own right (乙方, 乙肝, 乙类).
constexpr std::string_view kComponents[] = {
    "囗", "丨", "亻", "丿", "丶", "亠", "冂", "冖", "凵", "匚", "卩", "厶", "彳", "氵",
    "扌", "忄", "犭", "纟", "讠", "钅", "饣", "礻", "衤", "阝", "刂", "⺈", "宀", "艹",
    "廴", "辶", "勹", "冫", "彡", "攵", "夂", "灬", "疒", "丬", "廾", "彐", "巛", "屮",
    "⺌", "⺊", "罒", "亅", "乚", "𠂇", "乛",
};

}  // namespace

HandwritingRecognizer::HandwritingRecognizer(ScriptConverter* converter)
    : converter_(converter) {}

HandwritingRecognizer::~HandwritingRecognizer() {
    if (recognizer_) zinnia_recognizer_destroy(recognizer_);
}

bool HandwritingRecognizer::open(std::string& error) {
    if (recognizer_) return true;
    const char* env = std::getenv("ZWGK_ZINNIA_MODEL");
    const std::string model = env && *env ? env : kDefaultModel;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(model, ec)) {
        error = "handwriting model not found at " + model +
                " (Debian package tegaki-zinnia-simplified-chinese)";
        return false;
    }
    zinnia_recognizer_t* r = zinnia_recognizer_new();
    if (!r) {
        error = "zinnia could not create a recognizer";
        return false;
    }
    if (!zinnia_recognizer_open(r, model.c_str())) {
        const char* why = zinnia_recognizer_strerror(r);
        error = "zinnia could not open " + model + (why && *why ? std::string(": ") + why : "");
        zinnia_recognizer_destroy(r);
        return false;
    }
    recognizer_ = r;
    return true;
}

bool HandwritingRecognizer::isComponent(const std::string& candidate) {
    return std::find(std::begin(kComponents), std::end(kComponents), candidate) !=
           std::end(kComponents);
}

std::vector<std::string> HandwritingRecognizer::filterComponents(
    const std::vector<std::string>& ranked, size_t count) {
    std::vector<std::string> out;
    for (const std::string& c : ranked) {
        if (out.size() >= count) break;
        if (!isComponent(c)) out.push_back(c);
    }
    if (out.empty()) {
        // A lone vertical stroke really may mean 丨; better a radical than nothing.
        out.assign(ranked.begin(), ranked.begin() + std::min(count, ranked.size()));
    }
    return out;
}

std::vector<std::string> HandwritingRecognizer::recognize(const std::vector<Stroke>& strokes,
                                                          float width, float height,
                                                          size_t count) const {
    std::vector<std::string> out;
    if (!recognizer_ || count == 0 || !(width > 0) || !(height > 0)) return out;

    zinnia_character_t* ch = zinnia_character_new();
    if (!ch) return out;
    zinnia_character_set_width(ch, static_cast<size_t>(kCanvas));
    zinnia_character_set_height(ch, static_cast<size_t>(kCanvas));
    auto scale = [](float v, float extent) {
        if (!std::isfinite(v)) v = 0;
        return static_cast<int>(std::lround(std::clamp(v / extent, 0.0f, 1.0f) * kCanvas));
    };
    size_t id = 0;
    for (const Stroke& s : strokes) {
        if (s.empty()) continue;
        for (const Point& p : s)
            zinnia_character_add(ch, id, scale(p.first, width), scale(p.second, height));
        // A tap (丶 written as a dot) has one point; zinnia wants a segment.
        if (s.size() == 1)
            zinnia_character_add(ch, id, scale(s[0].first, width), scale(s[0].second, height));
        ++id;
    }
    if (id == 0) {
        zinnia_character_destroy(ch);
        return out;
    }

    // Ask for enough extra that dropping every component can still fill count.
    const size_t nbest = count + std::size(kComponents);
    zinnia_result_t* result = zinnia_recognizer_classify(recognizer_, ch, nbest);
    zinnia_character_destroy(ch);
    if (!result) return out;
    std::vector<std::string> ranked;
    for (size_t i = 0; i < zinnia_result_size(result); ++i)
        if (const char* v = zinnia_result_value(result, i)) ranked.emplace_back(v);
    zinnia_result_destroy(result);

    std::vector<std::string> kept = filterComponents(ranked, count);
    if (!traditional_ || !converter_) return kept;
    for (const std::string& c : kept) {
        // Two simplified characters can share a traditional form; show it once.
        std::string t = converter_->toTraditional(c);
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    }
    return out;
}

void HandwritingRecognizer::setTraditional(bool on) {
    traditional_ = on;
    if (on && !converter_) {
        ownConverter_ = std::make_unique<ScriptConverter>("s2t.json");
        converter_ = ownConverter_.get();
    }
}

}  // namespace zwgk
