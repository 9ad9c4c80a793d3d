// kiosk --headless --self-test: what an installed terminal checks before it is trusted (the
// OS image's build test runs it inside the new root file system, image/test-image.sh).
// One frame is drawn off-screen, then every run-time dependency is exercised once: the
// Chinese fonts, the UI strings, the pinyin input method, the handwriting model, the word
// dictionaries, the content store and the CUPS queues.
#pragma once

#include <string>

namespace zwgk {

class App;
class SdlPlatform;

struct SelfTestOptions {
    std::string dbPath;    // the content store to open (read only)
    std::string assetDir;  // where the UI strings are
    std::string shotPath;  // the frame as PNG; empty: not saved
};

// Prints one line per check to stdout: "ok NAME: …", "FAIL NAME: …", or "info NAME: …" for
// what a terminal awaiting its first-boot setup may lack (the store). The store's printer
// settings, when it has them, must name queues the CUPS server has. Returns the exit status:
// 0 when nothing failed, 1 otherwise.
int runSelfTest(App& app, SdlPlatform& platform, const SelfTestOptions& options);

}  // namespace zwgk
