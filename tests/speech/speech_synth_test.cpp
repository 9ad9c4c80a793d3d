// espeak-ng in process (kiosk/speech/speech_synth.h): a Chinese paragraph through the pinyin
// converter and the real synthesizer into a WAV file, checked as a file.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <utility>
#include <fstream>

#include "speech_synth.h"
#include "speech_text.h"

namespace zwgk::speech {
namespace {

uint32_t le(const std::string& s, size_t at, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

double rms(const std::vector<int16_t>& pcm) {
    double sum = 0;
    for (int16_t s : pcm) sum += static_cast<double>(s) * s;
    return pcm.empty() ? 0 : std::sqrt(sum / pcm.size());
}

TEST(SpeechSynth, ChineseParagraphToWav) {
    PinyinReader reader;
    ASSERT_TRUE(reader.available()) << reader.error();
    SpeechSynth synth;
    ASSERT_TRUE(synth.available()) << synth.error();
    ASSERT_GT(synth.sampleRate(), 8000);

    const std::string paragraph =
        "重庆银行行长说，2020年全县共办理政务公开申请123件，按时答复率达到98.5%。请拨打12345热线咨询。";
    std::vector<int16_t> pcm;
    size_t syllables = 0;
    double synthMs = 0;
    for (const Sentence& s : splitSentences({paragraph})) {
        const std::string input = reader.toSpeechInput(paragraph.substr(s.begin, s.end - s.begin));
        for (char c : input) syllables += c >= '1' && c <= '5';
        std::string error;
        const auto t0 = std::chrono::steady_clock::now();
        ASSERT_TRUE(synth.synthesize(input, pcm, error)) << error;
        synthMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    }
    const double seconds = static_cast<double>(pcm.size()) / synth.sampleRate();
    std::printf("%zu syllables, %.2f s of audio in %.1f ms: %.0f x real time\n", syllables, seconds, synthMs,
                seconds * 1000 / synthMs);
    ASSERT_GT(syllables, 40u);
    // kElderlyRate is about 2.9 syllables a second, with pauses at the commas.
    EXPECT_GT(seconds, syllables / 5.0);
    EXPECT_LT(seconds, syllables / 1.5);
    EXPECT_GT(rms(pcm), 300.0);

    const std::string wav = wavFile(pcm, synth.sampleRate());
    const std::string path = std::string(ZWGK_BUILD_DIR) + "/speech-paragraph.wav";
    std::ofstream(path, std::ios::binary) << wav;
    std::ifstream in(path, std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(file.size(), 44 + pcm.size() * 2);
    EXPECT_EQ(file.substr(0, 4), "RIFF");
    EXPECT_EQ(le(file, 4, 4), file.size() - 8);
    EXPECT_EQ(file.substr(8, 8), "WAVEfmt ");
    EXPECT_EQ(le(file, 20, 2), 1u);   // PCM
    EXPECT_EQ(le(file, 22, 2), 1u);   // mono
    EXPECT_EQ(le(file, 24, 4), static_cast<uint32_t>(synth.sampleRate()));
    EXPECT_EQ(le(file, 34, 2), 16u);  // bits
    EXPECT_EQ(file.substr(36, 4), "data");
    EXPECT_EQ(le(file, 40, 4), pcm.size() * 2);
    EXPECT_EQ(static_cast<int16_t>(le(file, 44 + 2 * (pcm.size() / 2), 2)), pcm[pcm.size() / 2]);
}

// How far apart two sounds are, blind to the phase (espeak's pitch flutter runs on between
// calls, so the same text never gives the same samples twice): per 10 ms frame the zero
// crossings (pitch and frication) and the log energy, the shorter sound padded with silence.
double distance(const std::vector<int16_t>& a, const std::vector<int16_t>& b) {
    constexpr size_t kFrame = 220;
    auto features = [](const std::vector<int16_t>& x, size_t f) {
        double energy = 1, crossings = 0;
        for (size_t i = f * kFrame; i < std::min(x.size(), (f + 1) * kFrame); ++i) {
            energy += double(x[i]) * x[i];
            if (i > 0 && (x[i] >= 0) != (x[i - 1] >= 0)) ++crossings;
        }
        return std::make_pair(crossings, std::log10(energy / kFrame + 1));
    };
    const size_t frames = (std::max(a.size(), b.size()) + kFrame - 1) / kFrame;
    double sum = 0;
    for (size_t f = 0; f < frames; ++f) {
        const auto fa = features(a, f), fb = features(b, f);
        sum += std::abs(fa.first - fb.first) + 10 * std::abs(fa.second - fb.second);
    }
    return frames ? sum / frames : 0;
}

TEST(SpeechSynth, DifferentPinyinGivesDifferentAudio) {
    SpeechSynth synth;
    ASSERT_TRUE(synth.available()) << synth.error();
    std::vector<int16_t> hang, xing, again;
    std::string error;
    ASSERT_TRUE(synth.synthesize("yin2 hang2", hang, error)) << error;
    ASSERT_TRUE(synth.synthesize("yin2 xing2", xing, error)) << error;
    ASSERT_TRUE(synth.synthesize("yin2 hang2", again, error)) << error;
    // espeak varies a repeated text slightly; another reading differs far more.
    const double same = distance(hang, again), other = distance(hang, xing);
    std::printf("yin2 hang2 again: %.2f, yin2 xing2: %.2f\n", same, other);
    EXPECT_GT(other, 3 * same + 1);
    // The tone alone changes the audio too: the same syllable with tone 1 and tone 4.
    std::vector<int16_t> ma1, ma4, ma1again;
    ASSERT_TRUE(synth.synthesize("ma1", ma1, error));
    ASSERT_TRUE(synth.synthesize("ma4", ma4, error));
    ASSERT_TRUE(synth.synthesize("ma1", ma1again, error));
    std::printf("ma1 again: %.2f, ma4: %.2f\n", distance(ma1, ma1again), distance(ma1, ma4));
    EXPECT_GT(distance(ma1, ma4), 2 * distance(ma1, ma1again) + 0.5);
}

TEST(SpeechSynth, OneUserPerProcess) {
    SpeechSynth first;
    ASSERT_TRUE(first.available()) << first.error();
    SpeechSynth second;
    EXPECT_FALSE(second.available());
    std::vector<int16_t> pcm;
    std::string error;
    EXPECT_FALSE(second.synthesize("ni3 hao3", pcm, error));
    EXPECT_FALSE(error.empty());
    EXPECT_TRUE(first.synthesize("ni3 hao3", pcm, error)) << error;
    EXPECT_FALSE(pcm.empty());
}

}  // namespace
}  // namespace zwgk::speech
