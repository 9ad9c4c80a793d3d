// Where read-aloud's PCM goes. The app owns this interface; the platform layer implements it
// with SDL (kiosk/platform/sdl_audio.cpp), so only the platform sees SDL audio. All calls come
// from the UI thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace zwgk {

class AudioOutput {
public:
    virtual ~AudioOutput() = default;
    // Opens the sound device for mono 16-bit PCM at SAMPLERATE, paused. False with ERROR (the
    // driver's own words, for staff and the log) when there is none: no sound card, no driver.
    virtual bool open(int sampleRate, std::string& error) = 0;
    virtual bool isOpen() const = 0;
    // Appends COUNT samples to what the device plays.
    virtual bool queue(const int16_t* samples, size_t count, std::string& error) = 0;
    virtual void setPaused(bool paused) = 0;
    // Samples queued and not played yet; what the app subtracts from what it queued to know
    // which sentence is being heard.
    virtual size_t pendingSamples() const = 0;
    // Drops everything queued and not yet played.
    virtual void clear() = 0;
    // Releases the device (reading stopped or finished: the terminal holds no sound device
    // while nobody listens).
    virtual void close() = 0;
};

}  // namespace zwgk
