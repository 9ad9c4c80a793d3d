// 朗读 in the app: the player (read_aloud.h) follows the screen it was started on, and a
// reading that cannot happen is told to the citizen once, while staff see why.
#include <algorithm>

#include "app.h"

namespace zwgk {

void App::updateReadAloud() {
    ReadAloud& player = *readAloud_;
    // Reading belongs to the screen it was started on: going anywhere else stops it.
    if (player.state().active() && (state_.stack.empty() || state_.top().serial != player.state().owner))
        player.stop();
    if (player.update()) settleFrames_ = std::max(settleFrames_, 2);
    state_.readAloud = player.state();
    if (player.state().failures != readAloudFailuresSeen_) {
        readAloudFailuresSeen_ = player.state().failures;
        // The citizen hears nothing: say so in words, and that everything else still works.
        Dialog d;
        d.title = strings_.get("readaloud.unavailable.title");
        d.body = strings_.get("readaloud.unavailable.body");
        state_.dialog = d;
        settleFrames_ = std::max(settleFrames_, 3);
    }
}

}  // namespace zwgk
