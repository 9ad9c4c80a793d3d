// 朗读: reads a document, guide or answer aloud, sentence by sentence, and tells the screen
// which sentence is being heard so that it can highlight it.
//
// A worker thread owns espeak-ng (kiosk/speech/speech_synth.h, not thread-safe) and the
// pinyin dictionary; it synthesizes at most kAhead sentences beyond the one being heard. The
// UI thread hands finished sentences to the AudioOutput (SDL in the platform layer) and reads
// back how much has been played; it never waits for the worker.
//
// Player states (ReadAloudPhase):
//   Idle ──start(), sound device opened───────────► Preparing   ReadAloud::start
//   Idle ──start(), no sound device / no speech───► Idle + problem (the screen says so, staff see it)
//                                                                ReadAloud::start
//   Preparing ──first sentence queued─────────────► Speaking    ReadAloud::update
//   Preparing / Speaking ──暂停────────────────────► Paused      ReadAloud::pause
//   Paused ──继续──────────────────────────────────► Speaking (Preparing until the first sentence)
//                                                                ReadAloud::resume
//   Speaking ──last sentence heard────────────────► Idle        ReadAloud::update
//   Preparing / Speaking ──synthesis failed───────► Idle + problem   ReadAloud::update
//   any ──停止, leaving the screen, privacy reset──► Idle        ReadAloud::stop
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audio_output.h"
#include "speech_text.h"

namespace zwgk {

enum class ReadAloudPhase { Idle, Preparing, Speaking, Paused };

// What the screens see of the player (AppState::readAloud), refreshed every frame.
struct ReadAloudState {
    ReadAloudPhase phase = ReadAloudPhase::Idle;  // see read_aloud.h
    int owner = 0;            // Route::serial of the screen whose text is read; 0: none
    int sentence = -1;        // index of the sentence heard now; -1 before the first
    size_t paragraph = 0;     // its paragraph: a line of the text given to start()
    size_t begin = 0;         // its bytes [begin, end) in that line
    size_t end = 0;
    std::string problem;      // the last reason reading was impossible (English, for staff); kept
    int failures = 0;         // readings that could not start or broke off, since start-up
    bool active() const { return phase != ReadAloudPhase::Idle; }
};

class ReadAloud {
public:
    static constexpr size_t kAhead = 2;  // sentences synthesized beyond the one heard

    ReadAloud();
    ~ReadAloud();
    ReadAloud(const ReadAloud&) = delete;
    ReadAloud& operator=(const ReadAloud&) = delete;

    // The sound output (the platform's; it must outlive this player). Null: reading is
    // impossible and start() says so.
    void setOutput(AudioOutput* output) { output_ = output; }
    // Called from the worker when a sentence is ready (the platform wakes its event loop).
    void setWake(std::function<void()> wake) { wakeUi_ = std::move(wake); }

    // Reads TEXT, whose lines (separated by \n) are the paragraphs as the screen draws them,
    // for the screen with route serial OWNER. Stops what was being read. False, with the
    // reason in state().problem, when there is no sound device.
    bool start(int owner, const std::string& text);
    void pause();
    void resume();
    void stop();
    // Every frame, on the UI thread: queues sentences the worker has finished, follows the
    // playback, notices the end. True when the state the screens see changed.
    bool update();
    // Sentences are waiting to be queued, or the worker failed: a frame should run soon.
    bool hasNews() const;
    const ReadAloudState& state() const { return state_; }

private:
    // One synthesized sentence handed from the worker to the UI thread.
    struct Chunk {
        int generation = 0;          // the start() it belongs to (sentences come in order)
        std::vector<int16_t> pcm;    // mono samples at sampleRate
        int sampleRate = 0;          // espeak's rate
        std::string error;           // synthesis failed (pcm empty)
    };

    void work();  // the worker thread
    void finish(const std::string& problem);

    AudioOutput* output_ = nullptr;          // the platform's sound device
    ReadAloudState state_;                   // what the screens see
    std::vector<std::string> lines_;         // the text being read, by paragraph
    std::vector<speech::Sentence> sentences_;  // its sentences in order
    std::vector<size_t> sentenceEnds_;       // samples queued up to the end of each sentence queued
    size_t queuedSamples_ = 0;               // samples handed to the output since start()
    int deviceRate_ = 0;                     // the rate the output was opened with
    std::function<void()> wakeUi_;           // set before the worker starts, then only read

    mutable std::mutex mutex_;               // guards the fields below, shared with the worker
    std::condition_variable wake_;           // the worker waits on it for work or for room
    int generation_ = 0;                     // bumped by start() and stop(): older work is dropped
    std::vector<std::string> pending_;       // text of each sentence of the current generation
    size_t nextToSynthesize_ = 0;            // the worker's next sentence
    size_t heard_ = 0;                       // the sentence heard now (the worker stays kAhead beyond)
    std::deque<Chunk> ready_;                // synthesized, not yet queued
    bool quit_ = false;                      // the destructor asks the worker to end
    std::thread worker_;                     // owns espeak-ng and the dictionary
};

}  // namespace zwgk
