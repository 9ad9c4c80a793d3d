// The terminal's structured log: one JSON object per line {time, level, event, fields…} in
// a log directory, rotated by size (spdlog's rotating file sink: kiosk.log, kiosk.1.log …),
// echoed to stderr for journald, and the last lines kept in memory for the staff screen.
//
// A public terminal must keep serving when its log cannot be written (disk full, read-only
// mount, directory gone): logging never throws and never waits for the disk to recover. A
// failed write is recorded (health(): staff home screen, heartbeat) and the line still goes
// to memory and stderr; the next successful write clears the flag, and a log directory that
// could not be opened is tried again at most once a minute.
//
// Personal data: call sites pass events and fields that carry none (no names, ID numbers,
// phone numbers, addresses, typed text, tracking codes). As a second line of defence every
// text field goes through scrub() before it is written anywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace zwgk::logs {

enum class Level { Info, Warn, Error };
const char* levelName(Level level);  // "info", "warn", "error"

// One named field: text (scrubbed) or a number (written as a JSON number).
struct Field {
    Field(std::string_view n, std::string_view text) : name(n), value(text) {}
    Field(std::string_view n, const std::string& text) : name(n), value(text) {}
    Field(std::string_view n, const char* text) : name(n), value(text ? text : "") {}
    template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
    Field(std::string_view n, T number) : name(n), value(numberText(number)), number(true) {}

    std::string name;    // JSON key
    std::string value;   // text, or the number's decimal form
    bool number = false; // written without quotes

private:
    template <typename T>
    static std::string numberText(T v) {
        if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_floating_point_v<T>) return formatDouble(static_cast<double>(v));
        else return std::to_string(v);
    }
    static std::string formatDouble(double v);
};

struct Options {
    std::string dir;                 // log directory (made if missing)
    size_t maxFileBytes = 1 << 20;   // rotate after this many bytes
    size_t maxFiles = 4;             // rotated files kept besides kiosk.log (5 files in all)
    bool echo = true;                // also write a readable line to stderr
    size_t memoryLines = 200;        // recent lines kept for the staff screen
};

// Opens (or reopens) the log. False when the directory cannot be written: the log then
// runs in memory and stderr only and health() says why.
bool open(const Options& options);
// Closes the files (the memory lines stay); logging continues to memory and stderr.
void close();

void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});
inline void info(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(Level::Info, event, fields);
}
inline void warn(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(Level::Warn, event, fields);
}
inline void error(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(Level::Error, event, fields);
}

// A line as staff see it.
struct Line {
    std::string time;    // local, 2026-12-01T09:30:05.123+08:00
    Level level = Level::Info;
    std::string event;   // session.reset, print.failed …
    std::string fields;  // name=value pairs, scrubbed
};
// The last COUNT lines, oldest first.
std::vector<Line> recent(size_t count);

struct Health {
    bool open = false;        // a log directory is configured
    bool failing = false;     // the last attempt to write a line to it failed
    std::string dir;          // the directory
    std::string detail;       // the last failure, English
    int64_t failedLines = 0;  // lines that reached memory and stderr only
};
Health health();

// Masks what could identify a person in TEXT: every run of 6 or more digits (identity
// numbers with their final X, bank cards, phone numbers …) and phone numbers written in
// groups (138 1234 5678, 0371-6012-3456) become '*' of the same length.
std::string scrub(std::string_view text);

}  // namespace zwgk::logs
