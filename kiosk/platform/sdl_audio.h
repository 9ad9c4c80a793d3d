// Read-aloud's sound output through SDL's audio queue (SDL_QueueAudio). Part of the platform
// layer, the only code that sees SDL. Headless tests use SDL's "disk" driver
// (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE=path), which writes what would be heard to a file
// in real time.
#pragma once

#include <cstdint>
#include <string>

#include "audio_output.h"

namespace zwgk {

class SdlAudio : public AudioOutput {
public:
    ~SdlAudio() override;
    bool open(int sampleRate, std::string& error) override;
    bool isOpen() const override { return device_ != 0; }
    bool queue(const int16_t* samples, size_t count, std::string& error) override;
    void setPaused(bool paused) override;
    size_t pendingSamples() const override;
    void clear() override;
    void close() override;

private:
    uint32_t device_ = 0;     // SDL_AudioDeviceID; 0 while closed
    bool subsystem_ = false;  // SDL_INIT_AUDIO is ours to quit
};

}  // namespace zwgk
