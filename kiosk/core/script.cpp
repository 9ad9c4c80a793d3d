#include "script.h"

#include <charconv>
#include <sstream>

namespace zwgk {
namespace {

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

bool parseNumbers(const std::string& args, std::vector<float>& out) {
    std::istringstream in(args);
    std::string word;
    while (in >> word) {
        float value = 0;
        auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (ec != std::errc() || ptr != word.data() + word.size()) return false;
        out.push_back(value);
    }
    return true;
}

}  // namespace

ScriptParseResult parseScript(const std::string& text) {
    ScriptParseResult result;
    std::istringstream in(text);
    std::string raw;
    int lineNo = 0;
    while (std::getline(in, raw)) {
        ++lineNo;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        const std::string verb = line.substr(0, space);
        const std::string args = space == std::string::npos ? "" : trim(line.substr(space + 1));
        auto fail = [&](const std::string& why) {
            result.errors.push_back("line " + std::to_string(lineNo) + ": " + why);
        };
        ScriptCommand cmd;
        cmd.line = lineNo;
        std::vector<float> numbers;
        if (verb == "tap") {
            if (args.empty()) { fail("tap needs a label or X Y"); continue; }
            if (parseNumbers(args, numbers) && numbers.size() == 2) {
                cmd.op = ScriptOp::TapPoint;
                cmd.x1 = numbers[0];
                cmd.y1 = numbers[1];
            } else {
                cmd.op = ScriptOp::TapLabel;
                cmd.text = args;
            }
        } else if (verb == "drag") {
            if (!parseNumbers(args, numbers) || numbers.size() != 5 || numbers[4] < 0) {
                fail("drag needs X1 Y1 X2 Y2 MS");
                continue;
            }
            cmd.op = ScriptOp::Drag;
            cmd.x1 = numbers[0];
            cmd.y1 = numbers[1];
            cmd.x2 = numbers[2];
            cmd.y2 = numbers[3];
            cmd.ms = static_cast<int>(numbers[4]);
        } else if (verb == "wait") {
            if (!parseNumbers(args, numbers) || numbers.size() != 1 || numbers[0] < 0) {
                fail("wait needs a number of milliseconds");
                continue;
            }
            cmd.op = ScriptOp::Wait;
            cmd.ms = static_cast<int>(numbers[0]);
        } else if (verb == "await") {
            // await MS TEXT: real time, for work other threads do (a print job).
            const auto gap = args.find(' ');
            if (gap == std::string::npos || !parseNumbers(args.substr(0, gap), numbers) || numbers.size() != 1 ||
                numbers[0] <= 0 || trim(args.substr(gap + 1)).empty()) {
                fail("await needs a number of milliseconds and a text");
                continue;
            }
            cmd.op = ScriptOp::Await;
            cmd.ms = static_cast<int>(numbers[0]);
            cmd.text = trim(args.substr(gap + 1));
        } else if (verb == "type" || verb == "key" || verb == "shot" || verb == "expect" ||
                   verb == "expect-not" || verb == "screen") {
            if (args.empty()) { fail(verb + " needs an argument"); continue; }
            cmd.text = args;
            cmd.op = verb == "type"     ? ScriptOp::Type
                     : verb == "key"    ? ScriptOp::Key
                     : verb == "shot"   ? ScriptOp::Shot
                     : verb == "expect" ? ScriptOp::Expect
                     : verb == "screen" ? ScriptOp::Screen
                                        : ScriptOp::ExpectNot;
            if (cmd.op == ScriptOp::Shot && args.find('/') != std::string::npos) {
                fail("shot name must not contain '/'");
                continue;
            }
        } else {
            fail("unknown command '" + verb + "'");
            continue;
        }
        result.commands.push_back(cmd);
    }
    return result;
}

}  // namespace zwgk
