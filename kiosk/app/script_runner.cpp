#include "script_runner.h"

#include <algorithm>

#include <chrono>
#include <thread>

namespace zwgk {
namespace {
constexpr double kFrameSeconds = 1.0 / 60.0;
constexpr int kMaxSettleFrames = 1200;  // 20 virtual seconds: a runaway animation is a bug
}  // namespace

void ScriptRunner::frame() {
    driver_.renderFrame(now_);
    ++result_.frames;
    now_ += kFrameSeconds;
}

void ScriptRunner::settle() {
    for (int i = 0; i < kMaxSettleFrames && app_.wantsFrame(); ++i) frame();
}

void ScriptRunner::advance(int ms) {
    const double until = now_ + ms / 1000.0;
    while (now_ < until) {
        if (app_.wantsFrame()) {
            frame();
        } else if (const double wake = app_.nextWakeAt(); wake < until) {
            // Nothing moves until the idle logic is due: jump there and draw that frame.
            now_ = std::max(now_, wake);
            app_.requestFrames(1);
            frame();
        } else {
            now_ = until;
        }
    }
}

void ScriptRunner::tapAt(float x, float y) {
    app_.input().push({PointerEvent::Kind::Down, x, y, now_});
    frame();
    frame();
    app_.input().push({PointerEvent::Kind::Up, x, y, now_ + 0.08});
    now_ += 0.08;
    settle();
}

bool ScriptRunner::step(const ScriptCommand& cmd, std::string& error) {
    const float s = app_.scale();
    switch (cmd.op) {
    case ScriptOp::TapLabel: {
        settle();
        auto item = app_.trace().findTappable(cmd.text);
        if (!item) {
            error = "nothing to tap labelled \"" + cmd.text + "\" on screen; visible items:\n" + app_.trace().dump();
            return false;
        }
        tapAt((item->min.x + item->max.x) * 0.5f, (item->min.y + item->max.y) * 0.5f);
        return true;
    }
    case ScriptOp::TapPoint:
        settle();
        tapAt(cmd.x1 * s, cmd.y1 * s);
        return true;
    case ScriptOp::Drag: {
        settle();
        const int steps = std::max(1, cmd.ms / 16);
        app_.input().push({PointerEvent::Kind::Down, cmd.x1 * s, cmd.y1 * s, now_});
        frame();
        for (int i = 1; i <= steps; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(steps);
            const double when = now_;
            app_.input().push({PointerEvent::Kind::Move, (cmd.x1 + (cmd.x2 - cmd.x1) * t) * s,
                               (cmd.y1 + (cmd.y2 - cmd.y1) * t) * s, when});
            frame();
        }
        app_.input().push({PointerEvent::Kind::Up, cmd.x2 * s, cmd.y2 * s, now_});
        settle();
        return true;
    }
    case ScriptOp::Type:
        app_.typeText(cmd.text);
        settle();
        return true;
    case ScriptOp::Key:
        if (!app_.pressKey(cmd.text)) {
            error = "unknown key \"" + cmd.text + "\" (known: Escape, Back, Home, Backspace, Enter)";
            return false;
        }
        settle();
        return true;
    case ScriptOp::Wait:
        advance(cmd.ms);
        return true;
    case ScriptOp::Shot: {
        settle();
        app_.requestFrames(1);
        frame();
        const std::string path = shotDir_ + "/" + cmd.text + ".png";
        if (!driver_.saveScreenshot(path, error)) return false;
        result_.shots.push_back(path);
        return true;
    }
    case ScriptOp::Expect:
    case ScriptOp::ExpectNot: {
        settle();
        const bool present = app_.trace().contains(cmd.text);
        if (present != (cmd.op == ScriptOp::Expect)) {
            error = (present ? "\"" + cmd.text + "\" is on screen but should not be"
                             : "expected \"" + cmd.text + "\" on screen; visible items:\n" + app_.trace().dump());
            return false;
        }
        return true;
    }
    case ScriptOp::Await: {
        // "A|B": either text will do (a receipt printed, or the printer's problem shown).
        std::vector<std::string> texts;
        for (size_t from = 0;;) {
            const size_t bar = cmd.text.find('|', from);
            texts.push_back(cmd.text.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
            if (bar == std::string::npos) break;
            from = bar + 1;
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(cmd.ms);
        for (;;) {
            settle();
            for (const std::string& text : texts)
                if (app_.trace().contains(text)) return true;
            if (std::chrono::steady_clock::now() >= deadline) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        error = "\"" + cmd.text + "\" did not appear within " + std::to_string(cmd.ms) + " ms; visible items:\n" +
                app_.trace().dump();
        return false;
    }
    case ScriptOp::Screen:
        if (!app_.openScreenByName(cmd.text)) {
            error = "unknown screen \"" + cmd.text + "\" (known: " + App::screenNames() + ")";
            return false;
        }
        settle();
        return true;
    }
    return true;
}

ScriptResult ScriptRunner::run(const std::vector<ScriptCommand>& commands) {
    result_ = {};
    settle();
    for (const ScriptCommand& cmd : commands) {
        std::string error;
        if (!step(cmd, error)) {
            result_.ok = false;
            result_.failure = "line " + std::to_string(cmd.line) + ": " + error;
            break;
        }
    }
    return result_;
}

}  // namespace zwgk
