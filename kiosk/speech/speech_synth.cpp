#include "speech_synth.h"

#include <espeak-ng/speak_lib.h>

#include <cstring>
#include <mutex>

namespace zwgk::speech {

namespace {

constexpr const char* kVoice = "cmn-latn-pinyin";  // the `cmn` voice reads tone digits in English

std::mutex instanceMutex;
bool instanceAlive = false;  // espeak-ng's globals allow one user per process

// Where espeak's callback puts the samples of the sentence being synthesized.
struct Collector {
    std::vector<int16_t>* pcm;  // the caller's buffer
};

// The synthesize() call in progress. Not every callback carries an event with our user data
// (a buffer may come with an empty event list), so the collector is found here instead;
// there is only ever one synthesis running (one SpeechSynth per process).
Collector* active = nullptr;

int onSamples(short* samples, int count, espeak_EVENT*) {
    Collector* c = active;
    if (!c) return 0;
    if (samples && count > 0) c->pcm->insert(c->pcm->end(), samples, samples + count);
    return 0;  // go on
}

void putLe(std::string& out, uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

SpeechSynth::SpeechSynth(int rate) {
    std::lock_guard lock(instanceMutex);
    if (instanceAlive) {
        error_ = "espeak-ng is already in use in this process";
        return;
    }
    instanceAlive = true;
    owner_ = true;
    // Initialised once and kept for the process: espeak_Terminate in Debian's 1.51 can hang
    // waiting for its own helper thread when called from a worker thread.
    static int rateHz = 0;
    if (rateHz <= 0) {
        // DONT_EXIT: a missing data directory must be an error here, not the end of the kiosk.
        rateHz = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rateHz <= 0) {
            error_ = "espeak-ng could not be initialised (espeak-ng-data missing?)";
            return;
        }
        espeak_SetSynthCallback(onSamples);
    }
    sampleRate_ = rateHz;
    if (espeak_SetVoiceByName(kVoice) != EE_OK) {
        error_ = std::string("espeak-ng has no voice ") + kVoice;
        return;
    }
    espeak_SetParameter(espeakRATE, rate, 0);
}

SpeechSynth::~SpeechSynth() {
    if (!owner_) return;
    std::lock_guard lock(instanceMutex);
    instanceAlive = false;
}

bool SpeechSynth::synthesize(const std::string& input, std::vector<int16_t>& pcm, std::string& error) {
    if (!available()) {
        error = error_;
        return false;
    }
    Collector collector{&pcm};
    active = &collector;
    const espeak_ERROR rc = espeak_Synth(input.c_str(), input.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                         nullptr, nullptr);
    active = nullptr;
    if (rc != EE_OK) {
        error = "espeak_Synth failed (" + std::to_string(static_cast<int>(rc)) + ")";
        return false;
    }
    return true;
}

std::string wavFile(const std::vector<int16_t>& pcm, int sampleRate) {
    const uint32_t dataBytes = static_cast<uint32_t>(pcm.size() * 2);
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    putLe(out, 36 + dataBytes, 4);
    out += "WAVEfmt ";
    putLe(out, 16, 4);                                  // fmt chunk size
    putLe(out, 1, 2);                                   // PCM
    putLe(out, 1, 2);                                   // mono
    putLe(out, static_cast<uint32_t>(sampleRate), 4);
    putLe(out, static_cast<uint32_t>(sampleRate) * 2, 4);  // bytes per second
    putLe(out, 2, 2);                                   // block align
    putLe(out, 16, 2);                                  // bits per sample
    out += "data";
    putLe(out, dataBytes, 4);
    for (int16_t s : pcm) putLe(out, static_cast<uint16_t>(s), 2);
    return out;
}

}  // namespace zwgk::speech
