// The only user of spdlog: its rotating file sink does the size-based rotation and reports
// every failed open, write and flush to the logger's error handler (it never throws out of
// a log call), which is where the health flag is kept.
#include "event_log.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>

#include <spdlog/logger.h>
#include <spdlog/sinks/rotating_file_sink.h>

namespace zwgk::logs {
namespace {

constexpr double kReopenSeconds = 60;  // a directory that could not be opened is tried again after this

struct State {
    std::mutex mutex;                         // guards everything below; held for a whole write
    Options options;                          // as given to open()
    bool configured = false;                  // open() was called (and close() was not)
    std::shared_ptr<spdlog::logger> logger;   // null while the directory cannot be opened
    double lastOpenAttempt = 0;               // steady seconds of the last attempt
    bool writeFailed = false;                 // set by the error handler during one write
    Health health;                            // what health() reports
    std::deque<Line> lines;                   // the recent lines, oldest first
};

State& state() {
    static State s;
    return s;
}

double steadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string localTimeNow() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const int millis =
        static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
    std::tm local{};
    localtime_r(&t, &local);
    char date[32], zone[8];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
    std::strftime(zone, sizeof zone, "%z", &local);  // +0800
    char out[64];
    std::snprintf(out, sizeof out, "%s.%03d%.3s:%s", date, millis, zone, zone + 3);
    return out;
}

void appendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

// Called with the state's mutex held.
void openFiles(State& s) {
    s.lastOpenAttempt = steadySeconds();
    s.logger.reset();
    try {
        std::filesystem::create_directories(s.options.dir);
        auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_st>(
            (std::filesystem::path(s.options.dir) / "kiosk.log").string(), s.options.maxFileBytes,
            s.options.maxFiles, /*rotate_on_open=*/false);
        auto logger = std::make_shared<spdlog::logger>("kiosk", std::move(sink));
        logger->set_pattern("%v");
        logger->set_level(spdlog::level::trace);
        logger->flush_on(spdlog::level::trace);  // a line is on disk (or reported failed) when write returns
        logger->set_error_handler([&s](const std::string& message) {
            s.writeFailed = true;
            s.health.detail = message;
        });
        s.logger = std::move(logger);
        s.health.failing = false;
        s.health.detail.clear();
    } catch (const std::exception& e) {
        s.health.failing = true;
        s.health.detail = e.what();
    }
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const char* levelName(Level level) {
    switch (level) {
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
    }
    return "info";
}

std::string Field::formatDouble(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

bool open(const Options& options) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.options = options;
    s.configured = true;
    s.health = Health{};
    s.health.open = true;
    s.health.dir = options.dir;
    openFiles(s);
    while (s.lines.size() > options.memoryLines) s.lines.pop_front();
    return s.logger != nullptr;
}

void close() {
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.logger.reset();
    s.configured = false;
    s.health = Health{};
}

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
    Line line;
    line.time = localTimeNow();
    line.level = level;
    line.event = scrub(event);
    std::string json = "{\"time\":";
    appendJsonString(json, line.time);
    json += ",\"level\":";
    appendJsonString(json, levelName(level));
    json += ",\"event\":";
    appendJsonString(json, line.event);
    for (const Field& f : fields) {
        const std::string value = f.number ? f.value : scrub(f.value);
        json += ',';
        appendJsonString(json, f.name);
        json += ':';
        if (f.number)
            json += value;
        else
            appendJsonString(json, value);
        if (!line.fields.empty()) line.fields += ' ';
        line.fields += f.name + "=" + value;
    }
    json += '}';

    State& s = state();
    std::lock_guard lock(s.mutex);
    if (s.options.echo || !s.configured)
        std::fprintf(stderr, "kiosk: %s%s%s\n", line.event.c_str(), line.fields.empty() ? "" : " ",
                     line.fields.c_str());
    s.lines.push_back(line);
    while (s.lines.size() > std::max<size_t>(s.options.memoryLines, 1)) s.lines.pop_front();
    if (!s.configured) return;
    if (!s.logger && steadySeconds() - s.lastOpenAttempt >= kReopenSeconds) openFiles(s);
    if (!s.logger) {
        ++s.health.failedLines;
        return;
    }
    s.writeFailed = false;
    s.logger->log(spdlog::level::info, spdlog::string_view_t(json.data(), json.size()));
    if (s.writeFailed) {
        if (!s.health.failing)
            std::fprintf(stderr, "kiosk: log.failing dir=%s detail=%s\n", s.options.dir.c_str(),
                         s.health.detail.c_str());
        s.health.failing = true;
        ++s.health.failedLines;
    } else {
        s.health.failing = false;
    }
}

std::vector<Line> recent(size_t count) {
    State& s = state();
    std::lock_guard lock(s.mutex);
    const size_t n = std::min(count, s.lines.size());
    return std::vector<Line>(s.lines.end() - static_cast<std::ptrdiff_t>(n), s.lines.end());
}

Health health() {
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.health;
}

// Digit groups: runs of digits joined by single '-' or ' ' (138 1234 5678). A run of 6 or
// more digits is masked on its own (with the X that ends an identity number); a group of
// shorter runs is masked when it holds 11 or more digits, the length of a mobile number,
// which dates (2026-12-01) and times never reach.
std::string scrub(std::string_view text) {
    std::string out(text);
    size_t i = 0;
    while (i < out.size()) {
        if (!isDigit(out[i])) {
            ++i;
            continue;
        }
        const size_t groupStart = i;
        size_t digits = 0, groupEnd = i;
        while (true) {
            const size_t runStart = i;
            while (i < out.size() && isDigit(out[i])) ++i;
            const size_t run = i - runStart;
            digits += run;
            groupEnd = i;
            if (run >= 6) {
                size_t end = i;
                if (run == 17 && end < out.size() && (out[end] == 'X' || out[end] == 'x')) ++end;
                for (size_t k = runStart; k < end; ++k) out[k] = '*';
                i = end;
                groupEnd = end;
            }
            if (i + 1 < out.size() && (out[i] == '-' || out[i] == ' ') && isDigit(out[i + 1])) {
                ++i;
                continue;
            }
            break;
        }
        if (digits >= 11)
            for (size_t k = groupStart; k < groupEnd; ++k)
                if (isDigit(out[k])) out[k] = '*';
    }
    return out;
}

}  // namespace zwgk::logs
