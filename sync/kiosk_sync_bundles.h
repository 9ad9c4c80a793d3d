// The kiosk-sync commands for signed content and the application round trip (trust,
// rotate-key, pack, sign, verify, publish, pull, push, import, export, intake, status,
// fleet). kiosk_sync_main.cpp parses the command line and calls them.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace zwgk::cli {

struct Input {
    const std::map<std::string, std::string>& options;  // "--db" → value; flags → "1"
    const std::vector<std::string>& positionals;        // in order
};

// A command line that cannot work (missing option, bad value): exit status 2.
class UsageProblem : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BundleCommand {
    const char* name;                       // as typed
    const char* summary;                    // one line for kiosk-sync --help
    const char* help;                       // full text for COMMAND --help
    std::vector<std::string> valueOptions;  // options taking a value
    int positionals;                        // fewest positional arguments
    int maxPositionals;                     // most; -1: exactly `positionals`
    std::vector<std::string> flags;         // options without a value
    int (*run)(const Input& input);         // returns the exit status
};

const std::vector<BundleCommand>& bundleCommands();

// Exit status 3: the command ran, and something needs a look (content refused, some
// applications unreadable, terminals needing attention).
inline constexpr int kAttention = 3;

}  // namespace zwgk::cli
