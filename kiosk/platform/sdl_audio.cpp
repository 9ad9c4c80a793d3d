#include "sdl_audio.h"

#include <SDL.h>

namespace zwgk {

SdlAudio::~SdlAudio() { close(); }

bool SdlAudio::open(int sampleRate, std::string& error) {
    if (device_) return true;
    // The audio subsystem starts with the first reading, not with the kiosk: a terminal
    // without a sound card must come up as usual.
    if (!subsystem_) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            error = std::string("SDL audio: ") + SDL_GetError();
            return false;
        }
        subsystem_ = true;
    }
    SDL_AudioSpec want{};
    want.freq = sampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 2048;
    want.callback = nullptr;  // queue API: SDL_QueueAudio
    SDL_AudioSpec have{};
    // No allowed changes: SDL converts to whatever the device takes.
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_ == 0) {
        error = std::string("SDL audio (") + (SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "no driver") +
                "): " + SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        subsystem_ = false;
        return false;
    }
    return true;
}

bool SdlAudio::queue(const int16_t* samples, size_t count, std::string& error) {
    if (!device_) {
        error = "SDL audio: device not open";
        return false;
    }
    if (SDL_QueueAudio(device_, samples, static_cast<Uint32>(count * sizeof(int16_t))) != 0) {
        error = std::string("SDL audio: ") + SDL_GetError();
        return false;
    }
    return true;
}

void SdlAudio::setPaused(bool paused) {
    if (device_) SDL_PauseAudioDevice(device_, paused ? 1 : 0);
}

size_t SdlAudio::pendingSamples() const {
    return device_ ? SDL_GetQueuedAudioSize(device_) / sizeof(int16_t) : 0;
}

void SdlAudio::clear() {
    if (device_) SDL_ClearQueuedAudio(device_);
}

void SdlAudio::close() {
    if (device_) SDL_CloseAudioDevice(device_);
    device_ = 0;
    if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    subsystem_ = false;
}

}  // namespace zwgk
