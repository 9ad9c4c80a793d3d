// 朗读 (issue 7): a document read aloud through real espeak-ng into SDL's "disk" audio driver,
// the sentence heard highlighted in the text, 暂停/继续/停止, leaving the page and the privacy
// reset stopping it; and a terminal without a sound device saying so and carrying on.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk_fixture.h"

namespace zwgk::test {
namespace {


class ReadAloudUi : public KioskUi {
protected:
    // SDL reads the driver when 朗读 first opens the device, so this may follow start().
    void useDiskAudio() {
        audioFile_ = shots_ + "/audio.raw";
        setenv("SDL_AUDIODRIVER", "disk", 1);
        setenv("SDL_DISKAUDIOFILE", audioFile_.c_str(), 1);
        // 20 ms per 93 ms buffer: about 4.6 times real time, so that a test hears several
        // sentences in a few seconds while the highlight still has time to be seen.
        setenv("SDL_DISKAUDIODELAY", "20", 1);
    }
    void TearDown() override {
        KioskUi::TearDown();
        unsetenv("SDL_AUDIODRIVER");
        unsetenv("SDL_DISKAUDIOFILE");
        unsetenv("SDL_DISKAUDIODELAY");
    }

    std::string openFirstDocument() {
        auto store = openStore();
        const auto rows = store->listDocuments({}, 0, 1);
        EXPECT_FALSE(rows.empty());
        run("screen list-all\ntap " + rows.front().title);
        EXPECT_EQ(top().kind, ScreenKind::Document);
        return rows.front().title;
    }

    // Draws frames in real time (the audio plays in real time) until DONE or SECONDS pass.
    template <class Done>
    bool frameUntil(Done done, double seconds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(int(seconds * 1000));
        while (std::chrono::steady_clock::now() < deadline) {
            runner_->frame();
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(15));
        }
        return false;
    }

    const ReadAloudState& reading() const { return app_->state().readAloud; }
    void shot(const std::string& name) { run("shot " + name); }

    std::string audioFile_;  // what the disk driver "played"
};

TEST_F(ReadAloudUi, DocumentIsReadWithTheSentenceHighlighted) {
    useDiskAudio();
    const std::string title = openFirstDocument();
    const auto button = app_->trace().findTappable("朗读");
    ASSERT_TRUE(button) << app_->trace().dump();
    EXPECT_GE(button->max.y - button->min.y, 60.0f);

    run("tap 朗读");
    ASSERT_TRUE(frameUntil([&] { return reading().phase == ReadAloudPhase::Speaking && !app_->trace().highlights().empty(); }, 10))
        << "phase " << int(reading().phase) << " problem: " << reading().problem;
    shot("01-reading-title");
    // The first sentence is in the title (line 0), and the rectangle sits on it.
    EXPECT_EQ(reading().paragraph, 0u);
    const TracedHighlight first = app_->trace().highlights().front();
    EXPECT_NE(title.find(first.text), std::string::npos) << first.text;
    EXPECT_GT(first.max.x - first.min.x, 100.0f);
    EXPECT_GT(first.max.y - first.min.y, 30.0f);
    EXPECT_TRUE(app_->trace().findTappable("暂停"));
    EXPECT_TRUE(app_->trace().findTappable("停止"));
    EXPECT_FALSE(app_->trace().findTappable("朗读"));

    // The highlight moves on with the audio, into the body.
    ASSERT_TRUE(frameUntil([&] { return reading().sentence >= 1 && !app_->trace().highlights().empty(); }, 25))
        << "sentence " << reading().sentence;
    runner_->frame();
    shot("02-reading-body");
    const std::string second = app_->trace().highlights().front().text;
    EXPECT_NE(second, first.text);

    // 暂停: the sentence stays, nothing moves; 继续 goes on.
    run("tap 暂停");
    EXPECT_EQ(reading().phase, ReadAloudPhase::Paused);
    const int pausedAt = reading().sentence;
    frameUntil([] { return false; }, 1.0);
    EXPECT_EQ(reading().sentence, pausedAt);
    EXPECT_EQ(reading().phase, ReadAloudPhase::Paused);
    EXPECT_TRUE(app_->trace().findTappable("继续"));
    EXPECT_FALSE(app_->trace().highlights().empty()) << "the paused sentence stays marked";
    shot("03-paused");
    run("tap 继续");
    EXPECT_EQ(reading().phase, ReadAloudPhase::Speaking);

    // 停止: back to 朗读, no highlight.
    run("tap 停止");
    EXPECT_EQ(reading().phase, ReadAloudPhase::Idle);
    EXPECT_TRUE(app_->trace().findTappable("朗读"));
    EXPECT_TRUE(app_->trace().highlights().empty());
    // What the device got (closed by 停止) is speech: 16-bit mono at espeak's rate, far from silent.
    std::ifstream in(audioFile_, std::ios::binary);
    const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(raw.size(), 22050u * 2) << "at least a second of audio";
    double sum = 0;
    const size_t n = raw.size() / 2;
    for (size_t i = 0; i < n; ++i) {
        const int16_t s = static_cast<int16_t>(static_cast<uint8_t>(raw[2 * i]) | (static_cast<uint8_t>(raw[2 * i + 1]) << 8));
        sum += double(s) * s;
    }
    EXPECT_GT(std::sqrt(sum / n), 200.0);

    // Leaving the page stops reading too.
    run("tap 朗读");
    ASSERT_TRUE(frameUntil([&] { return reading().phase == ReadAloudPhase::Speaking; }, 10));
    run("key Back");
    EXPECT_NE(top().kind, ScreenKind::Document);
    EXPECT_EQ(reading().phase, ReadAloudPhase::Idle);

    EXPECT_TRUE(reading().problem.empty()) << reading().problem;
}

TEST_F(ReadAloudUi, AnswersAndGuidesAreReadToo) {
    useDiskAudio();
    auto store = openStore();
    const auto qas = store->qas();
    ASSERT_FALSE(qas.empty());
    run("screen qa\ntap " + qas.front().question + "\ntap 朗读");
    ASSERT_TRUE(frameUntil([&] { return reading().phase == ReadAloudPhase::Speaking && !app_->trace().highlights().empty(); }, 10));
    EXPECT_EQ(reading().paragraph, 0u) << "the question first";
    EXPECT_NE(qas.front().question.find(app_->trace().highlights().front().text), std::string::npos);
    shot("01-answer");
    run("tap 停止");
    EXPECT_EQ(reading().phase, ReadAloudPhase::Idle);

    const auto groups = store->guideGroups();
    ASSERT_FALSE(groups.empty());
    const auto guides = store->guides(groups.front().id);
    ASSERT_FALSE(guides.empty());
    run("key Home\nscreen guides\ntap " + groups.front().name + "\ntap " + guides.front().name + "\ntap 朗读");
    ASSERT_EQ(top().kind, ScreenKind::Guide);
    ASSERT_TRUE(frameUntil([&] { return reading().phase == ReadAloudPhase::Speaking && !app_->trace().highlights().empty(); }, 10));
    EXPECT_NE(guides.front().name.find(app_->trace().highlights().front().text), std::string::npos);
    shot("02-guide");
    run("key Home");
    EXPECT_EQ(reading().phase, ReadAloudPhase::Idle) << "leaving the guide stops reading";
}

TEST_F(ReadAloudUi, PrivacyResetStopsAPausedReading) {
    useDiskAudio();
    openFirstDocument();
    run("tap 朗读");
    ASSERT_TRUE(frameUntil([&] { return reading().phase == ReadAloudPhase::Speaking; }, 10));
    run("tap 暂停");
    // Paused and untouched, the visitor counts as gone: 还在吗？, then the reset.
    run("wait 100000\nexpect 还在吗？\nwait 21000\nexpect 点击屏幕开始");
    EXPECT_EQ(top().kind, ScreenKind::Attract);
    EXPECT_EQ(reading().phase, ReadAloudPhase::Idle);
}

TEST_F(ReadAloudUi, MissingSoundDeviceIsToldAndTheTerminalCarriesOn) {
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    openFirstDocument();
    run("tap 朗读\nexpect 朗读暂时无法使用，请联系工作人员\nshot 01-no-device");
    EXPECT_EQ(reading().phase, ReadAloudPhase::Idle);
    EXPECT_FALSE(reading().problem.empty());
    // The citizen closes the message and goes on reading and browsing.
    run("tap 知道了\nexpect 回到顶部\ntap 回到顶部\nkey Home\nexpect 政府信息查询");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    // Staff see why on their page.
    run(std::string(kHoldDate) + "\nexpect 工作人员登录");
    for (char c : std::string(kDemoStaffPin)) run(std::string("tap ") + c);
    run("tap 确定\nexpect 朗读无法使用\nshot 02-staff-home");
    EXPECT_TRUE(onScreen(reading().problem)) << app_->trace().dump();
}

}  // namespace
}  // namespace zwgk::test
