// kiosk-sync: the administration CLI for the kiosk content store.
// Exit status: 0 ok, 1 runtime failure (bad store, bad content), 2 usage error.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content_source.h"
#include "kiosk_sync_bundles.h"
#include "signing.h"
#include "sync_session.h"
#include "corpus_generator.h"
#include "install_layout.h"
#include "outbox.h"
#include "print_queue.h"
#include "receipt.h"
#include "sealing.h"
#include "submission.h"
#include "tracking_code.h"
#include "working_calendar.h"
#include "search_bench.h"
#include "staff_access.h"
#include "store.h"
#include "usage.h"

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
  usage          print the anonymous usage statistics (for the annual report)
  generate       build a large synthetic store: demo content plus generated documents
  check          run SQLite's integrity checks on a store
  search         search a store as the kiosk does; one JSON object per hit
  search-bench   time search on a store against a linear scan of the same text
  config         show or change the terminal settings kept in a store
  staff-pin      set the PIN that opens staff mode (read from standard input)
  deadline       the statutory reply date of an application received on a day
  outbox         list the applications waiting to be collected (masked)
  reprint        print an application's receipt again, or write it as a PDF
  keygen         make a key pair: seal (office), root or content (bundle signing)
  open-sealed    read a sealed application with the office's secret key (central side)

Signed content and the application round trip:
  sync-state     the pinned root, the applied bundle, staleness and the last sync
  trust          pin the root key file on a terminal (at install)
  rotate-key     write the next root version: add, renew or revoke keys
  pack           turn a content source directory into a bundle (snapshot or delta)
  sign           sign a bundle with a content key
  verify         check a bundle as a terminal would, without applying it
  publish        copy a signed bundle into a web root (static files)
  pull           terminal: fetch and apply the newest bundle over HTTP
  push           terminal: upload sealed applications and the heartbeat
  import         terminal: apply the newest valid bundle found on a USB stick
  export         terminal: write sealed applications and the heartbeat to a USB stick
  intake         office: open delivered applications into a CSV/JSON table
  status         office: turn the status table into statuses.json
  fleet          office: read the terminals' heartbeats

Run 'kiosk-sync COMMAND --help' for the options of one command.

Exit status: 0 success, 1 failure (damaged store, bad content, I/O or network error),
2 usage error (unknown command or option, missing argument), 3 the command ran and
something needs a look (a bundle refused, applications that could not be opened, terminals
needing attention). Each command's --help says which apply.
)";

struct Command {
    const char* name;                      // as typed
    const char* help;                      // full text for COMMAND --help
    std::vector<std::string> valueOptions; // options taking a value
    int positionals;                       // fewest positional arguments
    int maxPositionals = -1;               // most positional arguments; -1: exactly `positionals`
    std::vector<std::string> flags;        // options without a value
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
PATH, creating the store if it does not exist, and gives a store without terminal settings
those of the demo terminal (terminal.id LL01 and its location). The assets directory is, in order:
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
    {"usage", R"(Usage: kiosk-sync usage --db PATH [--year YYYY] [--json]

Prints a terminal's anonymous usage statistics for one calendar year: sessions, views of
documents, catalogue entries, guides and Q&A, searches and zero-result searches, prints
by kind, printer faults and applications by applicant type, month by month, the most
viewed documents and the queries typed in at least 5 sessions (rarer queries are only
counted, never stored as text). --json prints the zwgk-statistics/2 export that also goes
to a USB stick as statistics.json, with the rows of the 政府信息公开工作年度报告 tables it
feeds (annual_report).

Options:
  --db PATH     the store to read (opened read-only)
  --year YYYY   the year (default: the latest year with counts, else this year)
  --json        the export as JSON instead of text

Exit status: 0 printed (also when nothing was counted yet), 1 the store cannot be read,
2 usage error.
)",
     {"--db", "--year"}, 0, -1, {"--json"}},
    {"generate", R"(Usage: kiosk-sync generate (--db PATH | --out-source DIR) [--docs N] [--seed S] [--assets DIR]

Builds a synthetic store for benchmarks and load tests: imports the demo content into
PATH (creating it if needed, replacing any content it had) and adds N generated
documents of about 2,000 characters each, sampled from the demo sentences. The same seed
gives the same documents. Prints the rows made and the seconds taken. With --out-source,
writes a content source directory instead (the demo files plus documents/gen-*.json), to
pack into bundles.

Options:
  --db PATH          the store to fill
  --out-source DIR   write a content source directory instead
  --docs N       how many documents to generate (default 100000)
  --seed S       random seed, a non-negative integer (default 1)
  --assets DIR   the kiosk assets directory (as for import-demo)
)",
     {"--db", "--docs", "--seed", "--assets", "--out-source"}, 0},
    {"sync-state", R"(Usage: kiosk-sync sync-state --db PATH

Prints what the terminal knows about signed content, one "name<TAB>value" line each: the
pinned root version, the applied bundle (content id, version, created, expires, where it
came from, when applied), whether the content is stale (its manifest expired; the terminal
then says 内容可能已过期), the trusted clock floor, and the last sync attempt and its result.
)",
     {"--db"}, 0},
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
    {"config", R"(Usage: kiosk-sync config --db PATH [KEY [VALUE]]
       kiosk-sync config --db PATH --unset KEY

Terminal settings live in the store and survive content imports. Without KEY, prints
every setting as "key<TAB>value"; with KEY, prints its value (exit status 1 when unset);
with KEY and VALUE, sets it; --unset removes it. Known keys:
  terminal.id        this terminal's id; its first four letters/digits (no I or O) begin
                     every tracking code printed here, e.g. LL01
  terminal.location  where the terminal stands, printed on receipts
  office.public_key  the key applications are sealed to (zwgk-seal-public:…), overriding
                     the one in the content
  printer.receipt    CUPS queue of the 80 mm receipt printer
  printer.server     CUPS server (host:port or socket path); unset: the system's
  printer.a4         CUPS queue of the hall's A4 printer (documents, checklists, posters)
  print.citizen_pages  pages a citizen may print per session (0: citizens may not print;
                     unset: 20 in the hall profile, 0 in the library profile)
  sync.url           web root the terminal pulls signed bundles from
  intake.url         WebDAV folder applications and heartbeats are PUT to
  sync.interval      minutes between online rounds (default 30)
  idle.seconds       privacy reset after this many idle seconds
  zone.profile       which tiles the home screen shows
These (except terminal.id and terminal.location) may also arrive with the signed content
(config.json); a setting made here overrides the content's.

Options:
  --db PATH    the store
  --unset      remove KEY
)",
     {"--db"}, 0, 2, {"--unset"}},
    {"deadline", R"(Usage: kiosk-sync deadline --db PATH --received YYYY-MM-DD [--extended]

Prints the statutory reply date of an application received on the given day (《政府信息
公开条例》Art. 33: 20 working days, the receipt day not counted), using the official
working-day calendar in the store (holidays and 调休 working weekends). With --extended,
the date after the one extension of at most 20 more working days. Output lines:
  received<TAB>YYYY-MM-DD
  due<TAB>YYYY-MM-DD
  provisional<TAB>yes|no      yes: a year counted has no official calendar yet (预计)
  correction_notice_by<TAB>YYYY-MM-DD   last day for a 补正 notice (Art. 30, 7 working days)
After a 补正 the period restarts: pass the day the corrected application arrived.

Options:
  --db PATH              the store with the calendar (opened read-only)
  --received YYYY-MM-DD  the day the application was received
  --extended             include the extension
)",
     {"--db", "--received"}, 0, -1, {"--extended"}},
    {"outbox", R"(Usage: kiosk-sync outbox --db PATH [--all] [--sealed-dir DIR]

Lists the applications submitted at this terminal that the central office has not yet
confirmed receiving (with --all: every one), newest first, one tab-separated line each:
tracking code, submitted at, applicant (masked), identity document (masked), reply date
(预计 when provisional), receipt state, uploaded at. Personal data is never shown: the
applications themselves are sealed to the office's key. The outbox is the file beside the
store (demo.db → demo.outbox.db).
With --sealed-dir, also writes each listed application as DIR/<id>.sealed for
'kiosk-sync open-sealed' at the office.

Options:
  --db PATH          the store whose outbox to read
  --all              include applications already uploaded
  --sealed-dir DIR   write the sealed applications there
)",
     {"--db", "--sealed-dir"}, 0, -1, {"--all"}},
    {"reprint", R"(Usage: kiosk-sync reprint --db PATH CODE [--queue NAME] [--server HOST:PORT] [--pdf FILE]

Prints the receipt of the application with tracking code CODE again, marked 补打 with the
time, on the receipt printer (printer.receipt, or --queue), waits until the job completed
and records it in the outbox. With --pdf, writes the receipt to FILE instead of printing.

Options:
  --db PATH        the store whose outbox holds the application
  --queue NAME     CUPS queue (default: the printer.receipt setting)
  --server ADDR    CUPS server (default: printer.server, else the system's)
  --pdf FILE       write a PDF instead of printing
)",
     {"--db", "--queue", "--server", "--pdf"}, 1},
    {"keygen", R"(Usage: kiosk-sync keygen --kind seal|root|content --out PREFIX

Makes a key pair: PREFIX.pub holds the public key, PREFIX.key the secret key (mode 0600).
Existing files are never overwritten.
  seal      the central office's key for sealed applications: the public key goes into the
            content's meta.json (office_public_key) or config.json; the secret key stays at
            the office for 'kiosk-sync intake' and 'kiosk-sync open-sealed'.
  root      the root key of content signing: signs the list of content keys
            ('kiosk-sync rotate-key'). Keep it offline.
  content   a content-signing key: signs bundles ('kiosk-sync pack --key', 'kiosk-sync sign').

Options:
  --kind KIND    seal, root or content
  --out PREFIX   where to write PREFIX.pub and PREFIX.key
)",
     {"--kind", "--out"}, 0},
    {"open-sealed", R"(Usage: kiosk-sync open-sealed --key SECRET FILE

Opens a sealed application (a .sealed file from 'kiosk-sync outbox --sealed-dir' or a USB
export) with the office's secret key file SECRET (from 'kiosk-sync keygen') and prints the
application as JSON. Exit status 1 when FILE is not a sealed application, is damaged, or
was sealed to another key.

Options:
  --key SECRET   the secret key file (zwgk-seal-secret:…)
)",
     {"--key"}, 1},
    {"staff-pin", R"(Usage: kiosk-sync staff-pin --db PATH
       kiosk-sync staff-pin --db PATH --status

Sets the PIN that opens staff mode on the terminal (hold the date at the top right of the
screen for 3 seconds). The PIN, 6 to 12 digits, is read from standard input (one line), never
from the command line, and stored only as an argon2id hash. Setting it also lifts a lockout.
--status says whether a PIN is set and whether wrong PINs have locked staff mode.

Options:
  --db PATH    the store
  --status     report instead of setting
)",
     {"--db"}, 0, 0, {"--status"}},
};

// kCommands followed by the signed-content commands of kiosk_sync_bundles.cpp.
const std::vector<Command>& allCommands() {
    static const std::vector<Command> all = [] {
        std::vector<Command> list = kCommands;
        for (const cli::BundleCommand& c : cli::bundleCommands())
            list.push_back({c.name, c.help, c.valueOptions, c.positionals, c.maxPositionals, c.flags});
        return list;
    }();
    return all;
}

const Command* findCommand(const std::string& name) {
    for (const Command& c : allCommands())
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
            bool isFlag = false;
            for (const std::string& flag : command.flags) isFlag = isFlag || flag == name;
            if (isFlag) {
                if (value) throw UsageError{"option '" + name + "' takes no value"};
                parsed.options[name] = "1";
                continue;
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
    const int given = static_cast<int>(parsed.positionals.size());
    if (command.maxPositionals >= 0) {
        if (given < command.positionals || given > command.maxPositionals)
            throw UsageError{"'" + std::string(command.name) + "' takes " + std::to_string(command.positionals) +
                             " to " + std::to_string(command.maxPositionals) + " argument(s)"};
    } else if (given != command.positionals) {
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
    else assets = defaultAssetDir(ZWGK_ASSET_DIR);  // the installed assets, else the build's
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
    configureDemoTerminal(*store);
    printImportSummary(*store, secondsSince(start));
    return kOk;
}

int runUsage(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    auto store = Store::open(path, Store::Mode::ReadOnly);
    const std::string now = utcNow();
    const std::vector<int> years = store->usageYears();
    const int fallback = years.empty() ? std::stoi(now.substr(0, 4)) : years.back();
    const int year = static_cast<int>(numberOption(args, "--year", fallback, 2000, 2999));
    const nlohmann::json exported = usage::exportYear(*store, year, now);
    if (args.options.count("--json"))
        std::cout << exported.dump(1) << "\n";
    else
        std::cout << usage::reportText(exported);
    return kOk;
}

int runStats(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    auto store = Store::open(path, Store::Mode::ReadOnly);
    std::cout << "schema_version\t" << store->schemaVersion() << "\n";
    std::cout << "content_version\t" << (store->hasContent() ? store->meta().version : 0) << "\n";
    for (const auto& [table, count] : store->tableCounts()) std::cout << table << "\t" << count << "\n";
    std::cout << "glyphs\t" << store->glyphSet().size() << "\n";
    // Numbers only, one per line (scripts parse this); the dates are in 'sync-state'.
    const SyncState sync = store->syncState();
    std::cout << "root_version\t" << sync.rootVersion << "\n"
              << "bundle_version\t" << sync.version << "\n"
              << "content_stale\t" << (contentStaleness(*store).stale ? 1 : 0) << "\n";
    return kOk;
}

int runGenerate(const Arguments& args, const Command& command) {
    CorpusOptions options;
    options.documents = static_cast<int>(numberOption(args, "--docs", 100000, 0, 10000000));
    options.seed = static_cast<uint64_t>(numberOption(args, "--seed", 1, 0, INT64_MAX));
    const std::string dir = contentDirectory(args);
    const auto start = std::chrono::steady_clock::now();
    ContentSet demo = loadSource(dir);
    if (auto out = args.options.find("--out-source"); out != args.options.end()) {
        if (args.options.count("--db")) throw UsageError{"'generate' takes --db or --out-source, not both"};
        if (fs::exists(out->second) && !fs::is_empty(out->second))
            throw std::runtime_error(out->second + " is not empty");
        const CorpusStats stats = writeGeneratedSource(dir, demo, out->second, options);
        std::cout << "generated\t" << stats.documents << "\ncharacters\t" << stats.characters << "\nseconds\t"
                  << formatSeconds(secondsSince(start)) << "\nsource\t" << out->second << "\n";
        return kOk;
    }
    const std::string path = requireOption(args, command, "--db");
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

int runSyncState(const Arguments& args, const Command& command) {
    auto store = Store::open(requireOption(args, command, "--db"), Store::Mode::ReadOnly);
    const SyncState s = store->syncState();
    const Staleness stale = contentStaleness(*store);
    std::cout << "root_version\t" << s.rootVersion << "\ncontent_id\t" << s.contentId << "\nbundle_version\t"
              << s.version << "\ncreated\t" << s.created << "\nexpires\t" << s.expires << "\nstale\t"
              << (stale.stale ? "yes" : "no") << "\nlast_updated\t" << stale.lastUpdated << "\nsource\t" << s.source
              << "\napplied_at\t" << s.appliedAt << "\nclock_floor\t" << s.clockFloor << "\nlast_attempt\t"
              << s.lastAttempt << "\nlast_result\t" << s.lastResult << "\n";
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

// ---------------------------------------------------------------------------------------
// Applications: settings, deadlines, outbox, receipts, office keys
// ---------------------------------------------------------------------------------------

// The settings `config` accepts, each with a check of its value (empty: any text).
struct SettingRule {
    const char* key;                                   // setting name
    std::function<std::string(const std::string&)> check;  // problem with a value, or ""
};

std::string httpAddress(const std::string& v) {
    return v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0 ? std::string()
                                                                      : std::string("an http(s) address, e.g. https://zwgk.example.gov.cn/bundles");
}

std::string wholeNumber(const std::string& v, int lowest, int highest, const char* unit) {
    const bool digits = !v.empty() && v.size() <= 5 && std::all_of(v.begin(), v.end(), ::isdigit);
    if (digits && std::stoi(v) >= lowest && std::stoi(v) <= highest) return {};
    return "a whole number of " + std::string(unit) + " from " + std::to_string(lowest) + " to " + std::to_string(highest);
}

const std::vector<SettingRule>& settingRules() {
    static const std::vector<SettingRule> rules = {
        {"terminal.id",
         [](const std::string& v) {
             return trackingPrefix(v).empty()
                        ? std::string("a terminal id is 4 letters or digits (no I or O), e.g. LL01")
                        : std::string();
         }},
        {"terminal.location", [](const std::string&) { return std::string(); }},
        {"office.public_key",
         [](const std::string& v) {
             return decodePublicKey(v) ? std::string()
                                       : std::string("not a public key from 'kiosk-sync keygen' (zwgk-seal-public:…)");
         }},
        {"printer.receipt", [](const std::string&) { return std::string(); }},
        {"printer.server", [](const std::string&) { return std::string(); }},
        {"printer.a4", [](const std::string&) { return std::string(); }},
        {"print.citizen_pages", [](const std::string& v) { return wholeNumber(v, 0, 200, "pages"); }},
        {"sync.url", httpAddress},
        {"intake.url", httpAddress},
        {"sync.interval", [](const std::string& v) { return wholeNumber(v, 1, 1440, "minutes"); }},
        {"idle.seconds", [](const std::string& v) { return wholeNumber(v, 10, 3600, "seconds"); }},
        {"zone.profile", [](const std::string&) { return std::string(); }},
    };
    return rules;
}

int runConfig(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const bool unset = args.options.count("--unset") > 0;
    const auto& pos = args.positionals;
    if (unset && pos.size() != 1) throw UsageError{"'config --unset' needs exactly one KEY"};
    if (pos.empty()) {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        for (const auto& [key, value] : store->settings()) std::cout << key << "\t" << value << "\n";
        return kOk;
    }
    const std::string& key = pos[0];
    const SettingRule* rule = nullptr;
    for (const SettingRule& r : settingRules())
        if (key == r.key) rule = &r;
    if (pos.size() == 1 && !unset) {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        const auto value = store->setting(key);
        if (!value) {
            std::cerr << "kiosk-sync: setting '" << key << "' is not set\n";
            return kFailure;
        }
        std::cout << *value << "\n";
        return kOk;
    }
    if (!rule) {
        std::string known;
        for (const SettingRule& r : settingRules()) known += std::string(known.empty() ? "" : ", ") + r.key;
        throw UsageError{"unknown setting '" + key + "' (known: " + known + ")"};
    }
    auto store = Store::open(path, Store::Mode::ReadWrite);
    if (unset) {
        store->removeSetting(key);
        std::cout << "removed " << key << "\n";
        return kOk;
    }
    if (const std::string problem = rule->check(pos[1]); !problem.empty())
        throw std::runtime_error("cannot set " + key + ": " + problem);
    store->setSetting(key, pos[1]);
    std::cout << key << "\t" << pos[1] << "\n";
    return kOk;
}

int runDeadline(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const std::string received = requireOption(args, command, "--received");
    if (!isIsoDateString(received)) throw UsageError{"--received needs a real date YYYY-MM-DD, not '" + received + "'"};
    auto store = Store::open(path, Store::Mode::ReadOnly);
    const ApplicationDeadlines d = applicationDeadlines(loadWorkingCalendar(*store), received);
    const DueDate& due = args.options.count("--extended") ? d.extended : d.reply;
    std::cout << "received\t" << d.received << "\n"
              << "due\t" << due.date << "\n"
              << "provisional\t" << (due.provisional ? "yes" : "no") << "\n"
              << "correction_notice_by\t" << d.correctionNotice.date << "\n";
    return kOk;
}

// Writes BYTES to PATH through a temporary file and a rename, so a reader never sees half.
void writeFileAtomically(const fs::path& path, const std::string& bytes, fs::perms perms) {
    const fs::path temp = path.string() + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp.string());
    }
    fs::permissions(temp, perms);
    fs::rename(temp, path);
}

int runOutbox(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    const bool all = args.options.count("--all") > 0;
    const std::string outboxPath = Outbox::pathForStore(path);
    if (!fs::exists(outboxPath)) {
        std::cout << "# no applications: " << outboxPath << " does not exist yet\n";
        return kOk;
    }
    auto outbox = Outbox::openReadOnly(outboxPath);
    const std::vector<OutboxEntry> entries = outbox->entries(!all, 100000);
    std::string sealedDir;
    if (auto it = args.options.find("--sealed-dir"); it != args.options.end()) {
        sealedDir = it->second;
        fs::create_directories(sealedDir);
    }
    std::cout << "# code\tsubmitted\tapplicant\tid_document\tdue\treceipt\tuploaded\n";
    for (const OutboxEntry& e : entries) {
        std::cout << e.trackingCode << "\t" << e.submittedAt << "\t" << e.applicant << "\t" << e.idDocument << "\t"
                  << e.dueDate << (e.dueProvisional ? " 预计" : "") << "\t" << e.receiptState << "\t"
                  << (e.uploadedAt.empty() ? "-" : e.uploadedAt) << "\n";
        if (!sealedDir.empty())
            writeFileAtomically(fs::path(sealedDir) / (e.id + ".sealed"), e.sealed,
                                fs::perms::owner_read | fs::perms::owner_write);
    }
    std::cout << "# " << entries.size() << (all ? " application(s)" : " pending application(s)")
              << (sealedDir.empty() ? "" : ", sealed copies in " + sealedDir) << "\n";
    return kOk;
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

int runReprint(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    std::string canonical;
    if (checkTrackingCode(args.positionals.at(0), &canonical) != TrackingCodeCheck::Ok)
        throw UsageError{"'" + args.positionals.at(0) + "' is not a tracking code (e.g. LL01-7KX4-M9QH)"};
    auto store = Store::open(path, Store::Mode::ReadOnly);
    const IntakeConfig config = loadIntakeConfig(*store);
    auto outbox = Outbox::open(Outbox::pathForStore(path));
    const auto entry = outbox->byCode(canonical);
    if (!entry) throw std::runtime_error("no application with tracking code " + canonical + " in this terminal's outbox");
    const ReceiptContent receipt = receiptFor(*entry, config, submissionTimeNow().display);
    RenderedPdf pdf;
    std::string error;
    if (!renderReceiptPdf(receipt, pdf, error)) throw std::runtime_error("cannot lay out the receipt: " + error);
    if (auto it = args.options.find("--pdf"); it != args.options.end()) {
        writeFileAtomically(it->second, pdf.bytes,
                            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
        std::cout << "wrote " << it->second << "\n";
        return kOk;
    }
    PrintRequest request;
    request.queue = args.options.count("--queue") ? args.options.at("--queue") : config.receiptQueue;
    request.server = args.options.count("--server") ? args.options.at("--server") : config.printServer;
    if (request.queue.empty()) throw std::runtime_error("no receipt printer: set printer.receipt or pass --queue");
    request.title = "回执 " + canonical + " 补打";
    request.pdf = std::move(pdf.bytes);
    const PrintJob job = printAndWait(request);
    if (job.state != JobState::Completed) {
        outbox->setReceiptState(entry->id, "failed", job.detail);
        throw std::runtime_error("the receipt did not print (" + std::string(printerProblemName(job.problem)) +
                                 "): " + job.detail);
    }
    outbox->setReceiptState(entry->id, "printed", "");
    std::cout << "printed the receipt of " << canonical << " on " << request.queue << "\n";
    return kOk;
}

int runKeygen(const Arguments& args, const Command& command) {
    const std::string kind = requireOption(args, command, "--kind");
    const std::string prefix = requireOption(args, command, "--out");
    if (kind != "seal" && kind != "root" && kind != "content")
        throw UsageError{"--kind must be seal (the office key for sealed applications), root or content "
                         "(bundle signing keys)"};
    const fs::path pub = prefix + ".pub", key = prefix + ".key";
    for (const fs::path& p : {pub, key})
        if (fs::exists(p)) throw std::runtime_error(p.string() + " exists; keys are never overwritten");
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
    std::string publicText, secretText;
    if (kind == "seal") {
        const SealKeys keys = generateSealKeys();
        publicText = encodePublicKey(keys.publicKey);
        secretText = encodeSecretKey(keys.secretKey);
    } else {
        const SignKeys keys = generateSignKeys();
        publicText = encodeSignPublic(keys.publicKey);
        secretText = encodeSignSecret(keys.seed);
    }
    writeFileAtomically(key, secretText + "\n", fs::perms::owner_read | fs::perms::owner_write);
    writeFileAtomically(pub, publicText + "\n",
                        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);
    std::cout << "public key\t" << pub.string() << "\nsecret key\t" << key.string() << "\n" << publicText << "\n";
    return kOk;
}

int runOpenSealed(const Arguments& args, const Command& command) {
    const std::string keyPath = requireOption(args, command, "--key");
    const auto secret = decodeSecretKey(readWholeFile(keyPath));
    if (!secret) throw std::runtime_error(keyPath + " is not a secret key from 'kiosk-sync keygen' (zwgk-seal-secret:…)");
    const std::string file = args.positionals.at(0);
    std::string why;
    const auto plain = openSealed(readWholeFile(file), *secret, why);
    if (!plain) throw std::runtime_error(file + ": " + why);
    const auto record = nlohmann::json::parse(*plain, nullptr, false);
    if (record.is_discarded()) throw std::runtime_error(file + ": opened, but the content is not JSON");
    std::cout << record.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kOk;
}

int runStaffPin(const Arguments& args, const Command& command) {
    const std::string path = requireOption(args, command, "--db");
    if (args.options.count("--status")) {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        StaffAccess access(*store);
        const int64_t now = unixSecondsNow();
        std::cout << "pin\t" << (access.pinSet() ? "set" : "not set") << "\n"
                  << "failures\t" << access.failures() << "\n"
                  << "locked_seconds\t" << access.lockedFor(now) << "\n";
        return kOk;
    }
    std::string pin;
    if (!std::getline(std::cin, pin)) throw UsageError{"type the new PIN on standard input (6 to 12 digits)"};
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    if (!wellFormedPin(pin)) throw UsageError{"the PIN must be 6 to 12 digits 0-9"};
    auto store = Store::open(path, Store::Mode::ReadWrite);
    StaffAccess(*store).setPin(pin);
    std::cout << "staff PIN set (argon2id); failures and lockout cleared\n";
    return kOk;
}

int dispatch(const Command& command, const Arguments& args) {
    const std::string name = command.name;
    if (name == "init") return runInit(args, command);
    if (name == "import-source") return runImportSource(args, command);
    if (name == "import-demo") return runImportDemo(args, command);
    if (name == "stats") return runStats(args, command);
    if (name == "usage") return runUsage(args, command);
    if (name == "generate") return runGenerate(args, command);
    if (name == "search") return runSearch(args, command);
    if (name == "search-bench") return runSearchBench(args, command);
    if (name == "config") return runConfig(args, command);
    if (name == "deadline") return runDeadline(args, command);
    if (name == "outbox") return runOutbox(args, command);
    if (name == "reprint") return runReprint(args, command);
    if (name == "keygen") return runKeygen(args, command);
    if (name == "open-sealed") return runOpenSealed(args, command);
    if (name == "check") return runCheck(args, command);
    if (name == "sync-state") return runSyncState(args, command);
    if (name == "staff-pin") return runStaffPin(args, command);
    for (const cli::BundleCommand& c : cli::bundleCommands())
        if (name == c.name) {
            try {
                return c.run(cli::Input{args.options, args.positionals});
            } catch (const cli::UsageProblem& e) {
                throw UsageError{"'" + name + "' " + e.what()};
            }
        }
    throw UsageError{"unknown command '" + name + "'"};
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
