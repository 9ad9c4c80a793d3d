#include "read_aloud.h"

#include <algorithm>

#include "event_log.h"
#include "speech_synth.h"

namespace zwgk {

namespace {
// espeak-ng's rate with Debian's data; the device is reopened if a sentence comes at another.
constexpr int kExpectedRate = 22050;
}  // namespace

ReadAloud::ReadAloud() = default;

ReadAloud::~ReadAloud() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
    if (output_) output_->close();
}

bool ReadAloud::start(int owner, const std::string& text) {
    stop();
    std::string error;
    if (!output_) {
        error = "no audio output in this build";
    } else if (!output_->open(kExpectedRate, error)) {
        if (error.empty()) error = "the sound device could not be opened";
    }
    if (!error.empty()) {
        finish(error);
        return false;
    }
    deviceRate_ = kExpectedRate;
    state_.problem.clear();  // the device works again: nothing left for staff to see
    lines_.clear();
    for (size_t from = 0;;) {
        const size_t nl = text.find('\n', from);
        lines_.push_back(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
        if (nl == std::string::npos) break;
        from = nl + 1;
    }
    sentences_ = speech::splitSentences(lines_);
    if (sentences_.empty()) {
        finish({});
        return true;
    }
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        pending_.clear();
        for (const speech::Sentence& s : sentences_)
            pending_.push_back(lines_[s.paragraph].substr(s.begin, s.end - s.begin));
        nextToSynthesize_ = 0;
        heard_ = 0;
        ready_.clear();
    }
    if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
    wake_.notify_all();
    state_.phase = ReadAloudPhase::Preparing;
    state_.owner = owner;
    state_.sentence = -1;
    return true;
}

void ReadAloud::pause() {
    if (state_.phase != ReadAloudPhase::Preparing && state_.phase != ReadAloudPhase::Speaking) return;
    output_->setPaused(true);
    state_.phase = ReadAloudPhase::Paused;
}

void ReadAloud::resume() {
    if (state_.phase != ReadAloudPhase::Paused) return;
    if (sentenceEnds_.empty()) {
        state_.phase = ReadAloudPhase::Preparing;  // update() starts the device with the first sentence
    } else {
        output_->setPaused(false);
        state_.phase = ReadAloudPhase::Speaking;
    }
}

void ReadAloud::stop() {
    if (state_.phase != ReadAloudPhase::Idle) finish({});
}

void ReadAloud::finish(const std::string& problem) {
    if (output_) {
        output_->clear();
        output_->close();
    }
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        pending_.clear();
        ready_.clear();
    }
    if (!problem.empty()) {
        state_.problem = problem;
        ++state_.failures;
        logs::warn("readaloud.failed", {{"detail", problem}});
    }
    state_.phase = ReadAloudPhase::Idle;
    state_.owner = 0;
    state_.sentence = -1;
    state_.paragraph = state_.begin = state_.end = 0;
    lines_.clear();
    sentences_.clear();
    sentenceEnds_.clear();
    queuedSamples_ = 0;
}

bool ReadAloud::hasNews() const {
    if (state_.phase == ReadAloudPhase::Idle) return false;
    std::lock_guard lock(mutex_);
    return !ready_.empty();
}

bool ReadAloud::update() {
    if (state_.phase == ReadAloudPhase::Idle) return false;
    bool changed = false;
    std::deque<Chunk> chunks;
    {
        std::lock_guard lock(mutex_);
        chunks.swap(ready_);
    }
    for (Chunk& chunk : chunks) {
        if (!chunk.error.empty()) {
            finish(chunk.error);
            return true;
        }
        std::string error;
        if (!chunk.pcm.empty() && chunk.sampleRate != deviceRate_) {
            // Only before the first sentence in practice: espeak's rate does not change.
            output_->close();
            if (!output_->open(chunk.sampleRate, error)) {
                finish(error);
                return true;
            }
            deviceRate_ = chunk.sampleRate;
            queuedSamples_ = 0;
            std::fill(sentenceEnds_.begin(), sentenceEnds_.end(), 0);
            if (state_.phase == ReadAloudPhase::Speaking) output_->setPaused(false);
        }
        if (!chunk.pcm.empty() && !output_->queue(chunk.pcm.data(), chunk.pcm.size(), error)) {
            finish(error);
            return true;
        }
        queuedSamples_ += chunk.pcm.size();
        sentenceEnds_.push_back(queuedSamples_);
        if (state_.phase == ReadAloudPhase::Preparing) {
            state_.phase = ReadAloudPhase::Speaking;
            output_->setPaused(false);
            changed = true;
        }
    }
    if (sentenceEnds_.empty()) return changed;
    const size_t pending = std::min(output_->pendingSamples(), queuedSamples_);
    const size_t played = queuedSamples_ - pending;
    // The sentence heard is the first that has not been played to its end.
    const size_t heard = static_cast<size_t>(
        std::upper_bound(sentenceEnds_.begin(), sentenceEnds_.end(), played) - sentenceEnds_.begin());
    if (heard >= sentences_.size()) {
        finish({});
        return true;
    }
    // Played everything queued while the next sentence is still being made: keep the last.
    if (heard >= sentenceEnds_.size() || static_cast<int>(heard) == state_.sentence) return changed;
    state_.sentence = static_cast<int>(heard);
    state_.paragraph = sentences_[heard].paragraph;
    state_.begin = sentences_[heard].begin;
    state_.end = sentences_[heard].end;
    {
        std::lock_guard lock(mutex_);
        heard_ = heard;
    }
    wake_.notify_all();
    return true;
}

void ReadAloud::work() {
    // Made here, on the one thread that ever touches them: espeak-ng is not thread-safe, and
    // loading the dictionary (about 0.2 s) must not hold up a frame.
    std::unique_ptr<speech::PinyinReader> reader;
    std::unique_ptr<speech::SpeechSynth> synth;
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] {
            return quit_ || (nextToSynthesize_ < pending_.size() && nextToSynthesize_ <= heard_ + kAhead);
        });
        if (quit_) return;
        Chunk chunk;
        chunk.generation = generation_;
        const std::string text = pending_[nextToSynthesize_++];
        lock.unlock();
        if (!reader) reader = std::make_unique<speech::PinyinReader>();
        if (!synth) synth = std::make_unique<speech::SpeechSynth>();
        if (!reader->available()) {
            chunk.error = reader->error();
        } else if (!synth->available()) {
            chunk.error = synth->error();
        } else {
            chunk.sampleRate = synth->sampleRate();
            const std::string input = reader->toSpeechInput(text);
            if (!input.empty() && !synth->synthesize(input, chunk.pcm, chunk.error)) chunk.pcm.clear();
        }
        lock.lock();
        if (chunk.generation == generation_) {
            ready_.push_back(std::move(chunk));
            if (wakeUi_) wakeUi_();
        }
    }
}

}  // namespace zwgk
