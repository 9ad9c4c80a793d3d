// kiosk-sync: the administration CLI for the kiosk content store.
// Exit status: 0 ok, 1 runtime failure (bad store, bad content), 2 usage error.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content_source.h"
#include "corpus_generator.h"
#include "search_bench.h"
#include "store.h"

#ifndef ZWGK_ASSET_DIR
#define ZWGK_ASSET_DIR ""
#endif
#ifndef ZWGK_VERSION
#define ZWGK_VERSION "0.0.0"
#endif

namespace fs = std::filesystem;
using namespace zwgk;

namespace {

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsage = 2;

// A usage mistake: reported with a hint to --help, exit status 2.
struct UsageError {
    std::string message;  // one line, without the program name
};

const char* const kProgramHelp = R"(kiosk-sync - administration tool for the content store of the
政务公开专区 kiosk (government information disclosure terminal).

Usage: kiosk-sync COMMAND [OPTIONS]
       kiosk-sync --help | --version
       kiosk-sync help COMMAND

Commands:
  init           create an empty content store
  import-source  check a content source directory and import it into a store
  import-demo    import the built-in demo content (creates the store if needed)
  stats          print the schema version, content version and row counts
  generate       build a large synthetic store: demo content plus generated documents
  check          run SQLite's integrity checks on a store
  search         search a store as the kiosk does; one JSON object per hit
  search-bench   time search on a store against a linear scan of the same text

Run 'kiosk-sync COMMAND --help' for the options of one command.

Exit status: 0 success, 1 failure (damaged store, bad content, I/O error),
2 usage error (unknown command or option, missing argument).
)";

struct Command {
    const char* name;                      // as typed
    const char* help;                      // full text for COMMAND --help
    std::vector<std::string> valueOptions; // options taking a value
    int positionals;                       // exact number of positional arguments
};

const std::vector<Command> kCommands = {
    {"init", R"(Usage: kiosk-sync init --db PATH

Creates an empty content store at PATH with the latest schema. If PATH is already a
store it is migrated to the latest schema and left otherwise untouched. A file at PATH
that is not a store is never overwritten.

Options:
  --db PATH   the store file to create
)",
     {"--db"}, 0},
    {"import-source", R"(Usage: kiosk-sync import-source --db PATH DIR

Reads the content source directory DIR (the format of sync/CONTENT_FORMAT.md), checks
every file and record, and replaces the content of the store at PATH with it in one
transaction. On any problem nothing changes and the message names the file, the record
key and the field. Terminal settings in the store are kept. The store must exist (see
'kiosk-sync init').

Options:
  --db PATH   the store to import into
)",
     {"--db"}, 1},
    {"import-demo", R"(Usage: kiosk-sync import-demo --db PATH [--assets DIR]

Imports the demo content shipped with the kiosk (ASSETS/content) into the store at
PATH, creating the store if it does not exist. The assets directory is, in order:
--assets DIR, the environment variable ZWGK_ASSET_DIR, the build's asset directory.

Options:
  --db PATH      the store to import into
  --assets DIR   the kiosk assets directory (contains content/)
)",
     {"--db", "--assets"}, 0},
    {"stats", R"(Usage: kiosk-sync stats --db PATH

Prints one "name<TAB>value" line each for the schema version, the content version
(0 when no content was imported), the row count of every table and the size of the
glyph set.

Options:
  --db PATH   the store to read (opened read-only)
)",
     {"--db"}, 0},
    {"generate", R"(Usage: kiosk-sync generate --db PATH [--docs N] [--seed S] [--assets DIR]

Builds a synthetic store for benchmarks and load tests: imports the demo content into
PATH (creating it if needed, replacing any content it had) and adds N generated
documents of about 2,000 characters each, sampled from the demo sentences. The same seed
gives the same documents. Prints the rows made and the seconds taken.

Options:
  --db PATH      the store to fill
  --docs N       how many documents to generate (default 100000)
  --seed S       random seed, a non-negative integer (default 1)
  --assets DIR   the kiosk assets directory (as for import-demo)
)",
     {"--db", "--docs", "--seed", "--assets"}, 0},
    {"check", R"(Usage: kiosk-sync check --db PATH

Runs SQLite's quick_check and foreign_key_check on the store at PATH and prints "ok" or
one line per problem (exit status 1). Reads the whole file: on a large store this takes
seconds.

Options:
  --db PATH   the store to check (opened read-only)
)",
     {"--db"}, 0},
    {"search", R"(Usage: kiosk-sync search --db PATH [--limit N] QUERY

Searches the store at PATH as the kiosk's search screen does (characters in simplified or
traditional form, 文号, pinyin or pinyin initials) and prints one JSON object per hit, best
first: kind (document, guide or qa), id, title, doc_no, agency, date, validity and
snippet. Prints nothing when nothing matches; the exit status is 0 either way.

Options:
  --db PATH    the store to search (opened read-only)
  --limit N    at most N hits (default 50)
)",
     {"--db", "--limit"}, 1},
    {"search-bench", R"(Usage: kiosk-sync search-bench --db PATH [--queries N] [--seed S] [--rebuild 0|1]

Samples N queries (default 200) each of 2, 3 and 4 characters from the store's documents
and prints "name<TAB>value" lines: index size, p50/p95 latency of a top-50 search with
snippets, and of a linear substring scan of the same text for comparison. With
--rebuild 1 it first rebuilds the search index (same content) and reports the time.

Options:
  --db PATH      the store to measure
  --queries N    queries per length (default 200)
  --seed S       random seed (default 1)
  --rebuild 0|1  also time an index rebuild (default 0)
)",
     {"--db", "--queries", "--seed", "--rebuild"}, 0},
};

const Command* findCommand(const std::string& name) {
    for (const Command& c : kCommands)
        if (name == c.name) return &c;
    return nullptr;
}

struct Arguments {
    std::map<std::string, std::string> options;  // "--db" → value
    std::vector<std::string> positionals;        // in order
    bool help = false;                           // --help or -h given
};

Arguments parseArguments(const Command& command, const std::vector<std::string>& args) {
    Arguments parsed;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            parsed.help = true;
            continue;
        }
        if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            std::string name = arg;
            std::optional<std::string> value;
            if (auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                value = arg.substr(eq + 1);
            }
            bool known = false;
            for (const std::string& option : command.valueOptions) known = known || option == name;
            if (!known)
                throw UsageError{"unknown option '" + name + "' for '" + command.name + "'"};
            if (!value) {
                if (i + 1 >= args.size()) throw UsageError{"option '" + name + "' needs a value"};
                value = args[++i];
            }
            parsed.options[name] = *value;
            continue;
        }
        parsed.positionals.push_back(arg);
    }
    if (parsed.help) return parsed;
    if (static_cast<int>(parsed.positionals.size()) != command.positionals) {
        if (command.positionals == 0)
            throw UsageError{"'" + std::string(command.name) + "' takes no argument '" +
                             parsed.positionals.front() + "'"};
        throw UsageError{"'" + std::string(command.name) + "' needs " +
                         std::to_string(command.positionals) + " argument(s)"};
    }
    return parsed;
}

std::string requireOption(const Arguments& args, const Command& command, const char* name) {
    auto it = args.options.find(name);
    if (it == args.options.end() || it->second.empty())
        throw UsageError{"'" + std::string(command.name) + "' needs " + name + " " +
                         (std::string(name) == "--db" ? "PATH" : "VALUE")};
    return it->second;
}

int64_t numberOption(const Arguments& args, const char* name, int64_t fallback, int64_t lowest,
                     int64_t highest) {
    auto it = args.options.find(name);
    if (it == args.options.end()) return fallback;
    const std::string& text = it->second;
    size_t used = 0;
    int64_t value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value < lowest || value > highest)
        throw UsageError{"option '" + std::string(name) + "' needs a whole number from " +
                         std::to_string(lowest) + " to " + std::to_string(highest) + ", not '" +
                         text + "'"};
    return value;
}

std::string contentDirectory(const Arguments& args) {
    std::string assets;
    if (auto it = args.options.find("--assets"); it != args.options.end()) assets = it->second;
    else if (const char* env = std::getenv("ZWGK_ASSET_DIR"); env && *env) assets = env;
    else assets = ZWGK_ASSET_DIR;
    if (assets.empty())
        throw std::runtime_error("no assets directory: pass --assets DIR or set ZWGK_ASSET_DIR");
    return (fs::path(assets) / "content").string();
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string formatSeconds(double seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
    return buffer;
}

void printImportSummary(Store& store, double seconds) {
    const ContentMeta meta = store.meta();
    std::cout << "imported " << meta.contentId << " version " << meta.version << ": "
              << store.countDocuments({}) << " documents in " << formatSeconds(seconds) << " s\n";
}

ContentSet loadSource(const std::string& dir) {
    try {
        return loadContentSource(dir);
    } catch (const ContentError& e) {
        // The loader names the file relative to DIR; say which DIR.
        throw std::runtime_error("bad content in " + dir + ": " + e.what());
    }
}

int runInit(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const bool existed = fs::exists(path);
    auto store = Store::open(path, Store::Mode::Create);
    std::cout << (existed ? "store already exists: " : "created store ") << path
              << " (schema version " << store->schemaVersion() << ")\n";
    return kOk;
}

int runImportSource(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const std::string dir = args.positionals.at(0);
    const auto start = std::chrono::steady_clock::now();
    auto store = Store::open(path, Store::Mode::ReadWrite);  // a bad store fails before reading DIR
    ContentSet set = loadSource(dir);
    store->importContent(set);
    printImportSummary(*store, secondsSince(start));
    return kOk;
}

int runImportDemo(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const std::string dir = contentDirectory(args);
    const auto start = std::chrono::steady_clock::now();
    auto store = Store::open(path, Store::Mode::Create);
    ContentSet set = loadSource(dir);
    store->importContent(set);
    printImportSummary(*store, secondsSince(start));
    return kOk;
}

int runStats(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    auto store = Store::open(path, Store::Mode::ReadOnly);
    std::cout << "schema_version\t" << store->schemaVersion() << "\n";
    std::cout << "content_version\t" << (store->hasContent() ? store->meta().version : 0) << "\n";
    for (const auto& [table, count] : store->tableCounts()) std::cout << table << "\t" << count << "\n";
    std::cout << "glyphs\t" << store->glyphSet().size() << "\n";
    return kOk;
}

int runGenerate(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    CorpusOptions options;
    options.documents = static_cast<int>(numberOption(args, "--docs", 100000, 0, 10000000));
    options.seed = static_cast<uint64_t>(numberOption(args, "--seed", 1, 0, INT64_MAX));
    const std::string dir = contentDirectory(args);
    const auto start = std::chrono::steady_clock::now();
    ContentSet demo = loadSource(dir);
    {
        auto store = Store::open(path, Store::Mode::Create);
        store->importContent(demo);
        const CorpusStats stats = generateCorpus(*store, demo, options);
        std::cout << "generated\t" << stats.documents << "\n";
        std::cout << "characters\t" << stats.characters << "\n";
        std::cout << "documents\t" << store->countDocuments({}) << "\n";
        std::cout << "generate_seconds\t" << formatSeconds(stats.seconds) << "\n";
    }  // closing checkpoints the WAL into the main file, so the size below is the real one
    std::cout << "seconds\t" << formatSeconds(secondsSince(start)) << "\n";
    std::cout << "store_bytes\t" << fs::file_size(path) << "\n";
    return kOk;
}

int runCheck(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    auto store = Store::open(path, Store::Mode::ReadOnly);
    const std::vector<std::string> problems = store->integrityProblems();
    if (problems.empty()) {
        std::cout << "ok\n";
        return kOk;
    }
    for (const std::string& problem : problems) std::cout << problem << "\n";
    std::cerr << "kiosk-sync: store " << path << " has " << problems.size() << " problem(s)\n";
    return kFailure;
}

int runSearch(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    SearchQuery query;
    query.text = args.positionals.at(0);
    query.limit = static_cast<int>(numberOption(args, "--limit", 50, 1, 1000));
    auto store = Store::open(path, Store::Mode::ReadOnly);
    for (const SearchHit& hit : store->search(query)) {
        const char* kind = hit.kind == SearchHit::Kind::Document ? "document"
                           : hit.kind == SearchHit::Kind::Guide  ? "guide"
                                                                 : "qa";
        nlohmann::json line = {{"kind", kind},          {"id", hit.id},
                               {"title", hit.title},    {"doc_no", hit.docNo},
                               {"agency", hit.agencyName}, {"date", hit.date},
                               {"validity", validityName(hit.validity)},
                               {"snippet", hit.snippet}};
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return kOk;
}

int runSearchBench(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const int queries = static_cast<int>(numberOption(args, "--queries", 200, 1, 100000));
    const auto seed = static_cast<unsigned>(numberOption(args, "--seed", 1, 0, UINT32_MAX));
    const bool rebuild = numberOption(args, "--rebuild", 0, 0, 1) == 1;
    std::cout << formatSearchBench(benchmarkSearch(path, queries, seed, rebuild));
    return kOk;
}

int dispatch(const Command& command, const Arguments& args) {
    const std::string name = command.name;
    if (name == "init") return runInit(args, command);
    if (name == "import-source") return runImportSource(args, command);
    if (name == "import-demo") return runImportDemo(args, command);
    if (name == "stats") return runStats(args, command);
    if (name == "generate") return runGenerate(args, command);
    if (name == "search") return runSearch(args, command);
    if (name == "search-bench") return runSearchBench(args, command);
    return runCheck(args, command);
}

int run(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError{"no command given"};
    const std::string& first = args[0];
    if (first == "--help" || first == "-h") {
        std::cout << kProgramHelp;
        return kOk;
    }
    if (first == "--version") {
        std::cout << "kiosk-sync " << ZWGK_VERSION << "\n";
        return kOk;
    }
    if (first == "help") {
        if (args.size() == 1) {
            std::cout << kProgramHelp;
            return kOk;
        }
        const Command* command = findCommand(args[1]);
        if (!command) throw UsageError{"unknown command '" + args[1] + "'"};
        std::cout << command->help;
        return kOk;
    }
    const Command* command = findCommand(first);
    if (!command) {
        if (first.rfind("-", 0) == 0) throw UsageError{"unknown option '" + first + "'"};
        throw UsageError{"unknown command '" + first + "'"};
    }
    const Arguments parsed = parseArguments(*command, {args.begin() + 1, args.end()});
    if (parsed.help) {
        std::cout << command->help;
        return kOk;
    }
    return dispatch(*command, parsed);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return run(args);
    } catch (const UsageError& e) {
        std::cerr << "kiosk-sync: " << e.message << " (see 'kiosk-sync --help')\n";
        return kUsage;
    } catch (const std::exception& e) {
        std::cerr << "kiosk-sync: " << e.what() << "\n";
        return kFailure;
    }
}
