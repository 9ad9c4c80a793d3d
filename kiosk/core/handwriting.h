// Handwriting input for the on-screen keyboard, over zinnia with the Tegaki simplified
// Chinese model (6,763 GB2312 characters; 16 ms to open, a few ms per character).
//
// The model also knows bare components and radicals (囗 丨 亻 氵 …). An elderly citizen who
// writes 口 slowly gets 囗 as the top guess, and nobody searching the 政务 content means a
// radical, so those are dropped from the candidates unless nothing else is left.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct zinnia_recognizer_t;

namespace zwgk {

class ScriptConverter;

class HandwritingRecognizer {
public:
    using Point = std::pair<float, float>;  // x, y in the writing box, y downwards
    using Stroke = std::vector<Point>;      // pen down to pen up, in drawing order

    // converter: shared OpenCC converter for 繁體 mode; when null, setTraditional(true)
    // creates one of its own. Not owned; must outlive the recognizer.
    explicit HandwritingRecognizer(ScriptConverter* converter = nullptr);
    ~HandwritingRecognizer();
    HandwritingRecognizer(const HandwritingRecognizer&) = delete;
    HandwritingRecognizer& operator=(const HandwritingRecognizer&) = delete;

    // Loads the model (env ZWGK_ZINNIA_MODEL overrides the Debian path). False with a
    // readable error naming the package when it is missing or unreadable.
    bool open(std::string& error);
    bool isOpen() const { return recognizer_ != nullptr; }

    // Candidates for the strokes written in a width × height box, best first, at most
    // count; UTF-8, in traditional characters in 繁體 mode. Components and radicals are left
    // out unless they are all there is. Empty when not open or nothing was written.
    std::vector<std::string> recognize(const std::vector<Stroke>& strokes, float width,
                                       float height, size_t count = 10) const;

    void setTraditional(bool on);
    bool traditional() const { return traditional_; }

    // True for the bare components the filter drops (囗 丨 亻 氵 …).
    static bool isComponent(const std::string& candidate);
    // best-first candidates without components, at most count; the first count of them
    // unchanged when all are components.
    static std::vector<std::string> filterComponents(const std::vector<std::string>& ranked,
                                                     size_t count);

private:
    ScriptConverter* converter_ = nullptr;           // s2t converter in use (shared or owned)
    std::unique_ptr<ScriptConverter> ownConverter_;  // created on demand when none was shared
    bool traditional_ = false;                       // convert candidates to 繁體
    zinnia_recognizer_t* recognizer_ = nullptr;      // the loaded model, null until open()
};

}  // namespace zwgk
