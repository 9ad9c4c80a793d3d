// Mandarin speech through espeak-ng in process (read-aloud, issue 7). The only file that sees
// espeak-ng's headers is speech_synth.cpp.
//
// espeak-ng keeps its state in globals and is not thread-safe: one SpeechSynth per process,
// used by one thread (the read-aloud worker, kiosk/app/read_aloud.cpp). It runs in
// synchronous retrieval mode: espeak_Synth returns when the sentence is done, and the PCM
// comes through a callback rather than going to a sound card, so the app decides where the
// audio goes (SDL, a WAV file in tests).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zwgk::speech {

// Speaking rate in espeak's words (for Chinese: syllables) per minute. espeak's default, 175,
// is about 3.7 syllables a second; 140 (about 2.9) is easier to follow for elderly listeners.
inline constexpr int kElderlyRate = 140;

class SpeechSynth {
public:
    // Loads espeak-ng's data and the cmn-latn-pinyin voice. RATE: see kElderlyRate.
    explicit SpeechSynth(int rate = kElderlyRate);
    ~SpeechSynth();
    SpeechSynth(const SpeechSynth&) = delete;
    SpeechSynth& operator=(const SpeechSynth&) = delete;

    // False when espeak-ng or the voice could not be loaded, or another SpeechSynth is alive;
    // error() says why (English, for the log).
    bool available() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    int sampleRate() const { return sampleRate_; }  // Hz, mono, 16-bit

    // PCM for INPUT, pinyin with tone numbers as PinyinReader::toSpeechInput makes it.
    // Appends to PCM; false (with ERROR) when espeak refuses. One sentence takes a few ms, so
    // a reading that is stopped simply drops the sentence being made.
    bool synthesize(const std::string& input, std::vector<int16_t>& pcm, std::string& error);

private:
    std::string error_;            // why unavailable; empty when usable
    int sampleRate_ = 0;           // espeak's output rate (22050 with the Debian data)
    bool owner_ = false;           // this instance holds the process's one espeak-ng
};

// A RIFF WAV file (PCM, mono, 16-bit little-endian) holding PCM at SAMPLERATE.
std::string wavFile(const std::vector<int16_t>& pcm, int sampleRate);

}  // namespace zwgk::speech
