#include "kiosk_sync_bundles.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bundle.h"
#include "content_source.h"
#include "office_tools.h"
#include "signing.h"
#include "store.h"
#include "sync_session.h"

namespace zwgk::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Section index: helpers · trust and keys · pack, sign, verify, publish · terminal side ·
// office side · command table

namespace {

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------
std::string option(const Input& in, const char* name) {
    auto it = in.options.find(name);
    return it == in.options.end() ? std::string() : it->second;
}

std::string required(const Input& in, const char* name, const char* what) {
    std::string value = option(in, name);
    if (value.empty()) throw UsageProblem(std::string("needs ") + name + " " + what);
    return value;
}

bool flag(const Input& in, const char* name) { return in.options.count(name) > 0; }

int64_t number(const Input& in, const char* name, int64_t fallback, int64_t lowest, int64_t highest) {
    const std::string text = option(in, name);
    if (text.empty()) return fallback;
    size_t used = 0;
    int64_t value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || value < lowest || value > highest)
        throw UsageProblem(std::string(name) + " needs a whole number from " + std::to_string(lowest) + " to " +
                           std::to_string(highest) + ", not '" + text + "'");
    return value;
}

std::string readText(const std::string& path, size_t limit = 1 << 20) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string data(limit + 1, '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<size_t>(in.gcount()));
    if (data.size() > limit) throw std::runtime_error(path + " is larger than " + std::to_string(limit) + " bytes");
    return data;
}

std::string signingSeed(const std::string& path) {
    auto seed = decodeSignSecret(readText(path));
    if (!seed) throw std::runtime_error(path + " is not a signing key from 'kiosk-sync keygen --kind root|content' (zwgk-sign-secret:…)");
    return *seed;
}

std::string signingPublic(const std::string& path) {
    const std::string text = readText(path);
    if (auto key = decodeSignPublic(text)) return *key;
    if (auto seed = decodeSignSecret(text)) return signPublicOf(*seed);
    throw std::runtime_error(path + " is not a signing key (zwgk-sign-public:… or zwgk-sign-secret:…)");
}

std::string expiryOf(const std::string& date) {
    if (!isIsoDate(date)) throw UsageProblem("--content-expires needs a date YYYY-MM-DD, not '" + date + "'");
    return date + "T23:59:59Z";
}

// --now as given (empty: not given); a time that is not UTC like 2026-11-30T08:00:00Z is a
// usage error (compared as text, "yesterday" would sort after every real time).
std::string nowOption(const Input& in) {
    const std::string now = option(in, "--now");
    if (!now.empty() && !isUtcTime(now))
        throw UsageProblem("--now needs a UTC time like 2026-11-30T08:00:00Z, not '" + now + "'");
    return now;
}

std::string mib(int64_t bytes) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
    return buffer;
}

int refused(const BundleError& e) {
    std::cerr << "kiosk-sync: refused (" << refusalName(e.refusal()) << "): " << e.what() << "\n"
              << "  " << refusalMessage(e.refusal()) << "\n";
    return kAttention;
}

void printUpdate(const UpdateReport& r) {
    std::cout << "result\t" << outcomeName(r.outcome) << "\n"
              << "version\t" << r.fromVersion << " -> " << r.toVersion << "\n";
    if (r.rootsAccepted) std::cout << "roots accepted\t" << r.rootsAccepted << "\n";
    if (r.deltasApplied) std::cout << "deltas applied\t" << r.deltasApplied << "\n";
    if (r.snapshotApplied) std::cout << "snapshot applied\tyes" << (r.deltaGap ? " (delta chain incomplete)" : "") << "\n";
    std::cout << "downloaded\t" << mib(r.bytesFetched) << "\n";
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f s", r.seconds);
    std::cout << "time\t" << seconds << "\n";
    for (const std::string& note : r.notes) std::cout << "note\t" << note << "\n";
    std::cout << "message\t" << r.message << "\n";
    if (r.outcome == SyncOutcome::Refused || r.outcome == SyncOutcome::Failed)
        std::cerr << "kiosk-sync: " << outcomeName(r.outcome)
                  << (r.refusal ? std::string(" (") + refusalName(*r.refusal) + ")" : std::string()) << ": " << r.detail
                  << "\n";
}

int updateStatus(const UpdateReport& r) {
    switch (r.outcome) {
    case SyncOutcome::Applied:
    case SyncOutcome::UpToDate: return 0;
    case SyncOutcome::Refused: return kAttention;
    case SyncOutcome::Failed: return 1;
    }
    return 1;
}

// ---------------------------------------------------------------------------------------
// Trust and keys
// ---------------------------------------------------------------------------------------
int runTrust(const Input& in) {
    const std::string db = required(in, "--db", "PATH");
    try {
        const int64_t version = pinTrustedRoot(db, readText(in.positionals.at(0), kMaxRootBytes));
        std::cout << "pinned root version " << version << " in " << db << "\n";
        return 0;
    } catch (const BundleError& e) {
        return refused(e);
    }
}

int runRotateKey(const Input& in) {
    const std::string dir = required(in, "--root-dir", "DIR");
    // Usage first: a missing option is exit 2 whatever the files say.
    const std::string rootKey = required(in, "--root-key", "FILE");
    if (!option(in, "--add-content").empty()) required(in, "--content-expires", "YYYY-MM-DD");
    RootChange change;
    std::vector<std::string> signers{signingSeed(rootKey)};
    if (const std::string next = option(in, "--new-root-key"); !next.empty()) {
        signers.push_back(signingSeed(next));
        change.rootKeys.push_back(signPublicOf(signers.back()));
    } else if (!fs::exists(fs::path(dir) / "root.json")) {
        change.rootKeys.push_back(signPublicOf(signers.front()));
    }
    if (const std::string add = option(in, "--add-content"); !add.empty())
        change.addContentKeys.push_back({signingPublic(add), expiryOf(required(in, "--content-expires", "YYYY-MM-DD"))});
    if (const std::string revoke = option(in, "--revoke"); !revoke.empty()) change.revoke.push_back(signingPublic(revoke));
    try {
        const RootMetadata root = writeNextRoot(dir, change, signers);
        std::cout << "wrote root version " << root.version << " to " << (fs::path(dir) / "root.json").string() << "\n"
                  << "root keys\t" << root.rootKeys.size() << "\ncontent keys\t" << root.contentKeys.size()
                  << "\nrevoked\t" << root.revoked.size() << "\n";
        return 0;
    } catch (const BundleError& e) {
        std::cerr << "kiosk-sync: " << e.what()
                  << " (the current root key must sign: pass it as --root-key)\n";
        return 1;
    }
}

// ---------------------------------------------------------------------------------------
// Pack, sign, verify, publish
// ---------------------------------------------------------------------------------------
int runPack(const Input& in) {
    PackOptions options;
    options.sourceDir = required(in, "--source", "DIR");
    options.outDir = required(in, "--out", "DIR");
    options.baseDir = option(in, "--base");
    options.version = number(in, "--version", 0, 1, int64_t(1) << 53);
    options.expiresDays = static_cast<int>(number(in, "--expires-days", 30, 1, 3650));
    options.created = option(in, "--created");
    options.searchIndex = !flag(in, "--no-search-index");
    const std::string key = option(in, "--key");
    PackResult result;
    try {
        result = packBundle(options);
    } catch (const ContentError& e) {
        throw std::runtime_error("bad content in " + options.sourceDir + ": " + e.what());
    }
    const Manifest& m = result.manifest;
    std::cout << "packed " << m.contentId << " version " << m.version << " ("
              << (m.delta ? "delta from " + std::to_string(m.base) : std::string("snapshot")) << ") to "
              << options.outDir << "\n"
              << "documents\t" << result.documents << " in the source, " << result.deliveredDocuments << " in the bundle"
              << (m.delta ? ", " + std::to_string(result.deletedDocuments) + " deleted" : std::string()) << "\n"
              << "files\t" << m.files.size() << "\n"
              << "content\t" << mib(result.rawBytes) << "\nbundle\t" << mib(result.storedBytes) << "\n"
              << "expires\t" << m.expires << "\n";
    if (m.searchIndex.present) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f s", result.searchIndexSeconds);
        std::cout << "search index\t" << result.searchIndexFiles << " files, " << mib(result.searchIndexBytes)
                  << " (tokenizer " << m.searchIndex.tokenizer << ", built in " << seconds << ")\n";
    } else if (!m.delta) {
        std::cout << "search index\tnone (terminals build it)\n";
    }
    if (!key.empty()) {
        signBundle(options.outDir, signingSeed(key), option(in, "--root-dir"));
        std::cout << "signed\tyes\n";
    } else {
        std::cout << "signed\tno (run 'kiosk-sync sign')\n";
    }
    return 0;
}

int runSign(const Input& in) {
    const std::string bundle = in.positionals.at(0);
    signBundle(bundle, signingSeed(required(in, "--key", "FILE")), option(in, "--root-dir"));
    std::cout << "signed " << (fs::path(bundle) / "manifest.json").string() << "\n";
    return 0;
}

int runVerify(const Input& in) {
    const std::string dir = in.positionals.at(0);
    const std::string now = nowOption(in).empty() ? utcNow() : nowOption(in);
    try {
        RootMetadata root;
        TerminalContent held;
        std::string trustFrom;
        if (const std::string db = option(in, "--db"); !db.empty()) {
            auto store = Store::open(db, Store::Mode::ReadOnly);
            const SyncState state = store->syncState();
            if (state.root.empty()) throw std::runtime_error(db + " has no pinned root (kiosk-sync trust)");
            root = parseRoot(state.root);
            held = {state.contentId, state.version};
            trustFrom = "the root pinned in " + db;
        } else if (const std::string rootFile = option(in, "--root"); !rootFile.empty()) {
            root = verifySelfSignedRoot(readText(rootFile, kMaxRootBytes));
            trustFrom = rootFile;
        } else {
            throw UsageProblem("needs --db PATH (the terminal's pinned root) or --root FILE (a trusted root.json)");
        }
        auto source = folderSource(dir);
        while (auto text = source->fetchSmall("roots/" + std::to_string(root.version + 1) + ".json", kMaxRootBytes))
            root = verifyRootUpdate(root, *text);
        auto text = source->fetchSmall("manifest.json", kMaxManifestBytes);
        if (!text) throw BundleError(BundleRefusal::FileMissing, "no manifest.json in " + dir);
        const Manifest m = parseManifest(*text);
        verifyManifest(m, root, now);
        if (!option(in, "--db").empty()) checkAcceptable(m, held);
        int64_t raw = 0;
        int indexFiles = 0;
        ContentSet set;
        for (const ManifestFile& f : m.files) {
            std::string bytes = decodeFile(readVerifiedFile((fs::path(dir) / "files" / f.sha256).string(), f), f);
            raw += static_cast<int64_t>(bytes.size());
            if (f.path == "deleted.json") parseDeletedList(bytes);
            else if (f.path.rfind("search-index/", 0) == 0) ++indexFiles;  // hashed like the rest; read by the store
            else if (f.path != "doc-index.json") {
                try {
                    ContentSet part;
                    readContentFile(f.path, bytes, contentFileRole(f.path) == ContentFileRole::Documents ? part : set);
                } catch (const ContentError& e) {
                    throw BundleError(BundleRefusal::Corrupt, std::string("bundle content: ") + e.what());
                }
            }
        }
        std::cout << "valid " << m.contentId << " version " << m.version << " ("
                  << (m.delta ? "delta from " + std::to_string(m.base) : std::string("snapshot")) << ")\n"
                  << "trusted via\t" << trustFrom << " (root version " << root.version << ")\n"
                  << "files\t" << m.files.size() << " verified, " << mib(raw) << " of content\n"
                  << (m.searchIndex.present ? "search index\t" + std::to_string(indexFiles) + " files, tokenizer " +
                                                  std::to_string(m.searchIndex.tokenizer) + "\n"
                                            : std::string())
                  << "created\t" << m.created << "\nexpires\t" << m.expires
                  << (m.expires < now ? " (expired: terminals apply it only if newer and show it as possibly out of date)" : "")
                  << "\n";
        return 0;
    } catch (const BundleError& e) {
        return refused(e);
    }
}

int runPublish(const Input& in) {
    const std::string web = required(in, "--webroot", "DIR");
    try {
        const PublishResult r = publishBundle(in.positionals.at(0), web);
        std::cout << "published version " << r.version << (r.delta ? " as a delta" : " as the snapshot") << " in " << web
                  << "\nfiles\t" << r.filesCopied << " copied, " << r.filesPresent << " already there\n";
        return 0;
    } catch (const BundleError& e) {
        return refused(e);
    }
}

// ---------------------------------------------------------------------------------------
// Terminal side
// ---------------------------------------------------------------------------------------
std::string settingOrOption(const Input& in, const char* optionName, const std::string& db, const char* key) {
    std::string value = option(in, optionName);
    if (!value.empty()) return value;
    auto store = Store::open(db, Store::Mode::ReadOnly);
    value = store->effectiveSetting(key).value_or("");
    if (value.empty())
        throw UsageProblem(std::string("no address: pass ") + optionName + " or set " + key +
                           " (kiosk-sync config, or config.json in the content)");
    return value;
}

SyncOptions syncOptions(const Input& in) {
    SyncOptions options;
    options.stagingDir = option(in, "--staging");
    options.now = nowOption(in);
    return options;
}

int runPull(const Input& in) {
    const std::string db = required(in, "--db", "PATH");
    const std::string url = settingOrOption(in, "--url", db, "sync.url");
    HttpOptions http;
    http.maxAttempts = static_cast<int>(number(in, "--attempts", 4, 1, 20));
    auto source = httpSource(url, http);
    const UpdateReport report = updateFromSource(db, *source, syncOptions(in));
    printUpdate(report);
    return updateStatus(report);
}

int runPush(const Input& in) {
    const std::string db = required(in, "--db", "PATH");
    const std::string url = settingOrOption(in, "--url", db, "intake.url");
    HttpOptions http;
    http.maxAttempts = static_cast<int>(number(in, "--attempts", 4, 1, 20));
    const UploadReport r = uploadOutbox(db, url, http);
    std::cout << "sent\t" << r.sent << "\nfailed\t" << r.failed << "\npending\t" << r.pending
              << "\nheartbeat\t" << (r.heartbeat ? "sent" : "not sent") << "\n";
    if (!r.error.empty()) {
        std::cerr << "kiosk-sync: " << r.error << "\n";
        return 1;
    }
    return 0;
}

int runImport(const Input& in) {
    const std::string db = required(in, "--db", "PATH");
    const UsbImportReport r = importFromUsb(db, in.positionals.at(0), syncOptions(in));
    if (!r.chosen.empty()) std::cout << "bundle\t" << r.chosen << "\n";
    for (const std::string& skipped : r.skipped) std::cout << "skipped\t" << skipped << "\n";
    printUpdate(r.update);
    return updateStatus(r.update);
}

int runExport(const Input& in) {
    const std::string db = required(in, "--db", "PATH");
    const UsbExportReport r = exportToUsb(db, in.positionals.at(0));
    if (!r.folder.empty()) std::cout << "folder\t" << r.folder << "\n";
    std::cout << "applications\t" << r.applications << " written, " << r.alreadyThere << " already there\n"
              << "heartbeat\t" << (r.heartbeat ? "written" : "not written") << "\nmessage\t" << r.message << "\n";
    if (!r.error.empty()) {
        std::cerr << "kiosk-sync: " << r.error << "\n";
        return 1;
    }
    return 0;
}

// ---------------------------------------------------------------------------------------
// Office side
// ---------------------------------------------------------------------------------------
int runIntake(const Input& in) {
    const std::string keyPath = required(in, "--key", "SECRET");
    const std::string csv = required(in, "--csv", "FILE");  // usage before reading anything
    const std::string keyText = readText(keyPath);
    IntakeReport report;
    try {
        report = collectApplications(in.positionals, keyText);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(option(in, "--key") + ": " + e.what());
    }
    writeApplicationsCsv(report.records, csv);
    if (const std::string out = option(in, "--json"); !out.empty()) writeApplicationsJson(report.records, out);
    const IntakeCounts& c = report.counts;
    std::cout << "terminals\t" << c.terminals << "\nsealed files\t" << c.sealedFiles << "\napplications\t"
              << c.applications << "\nduplicates\t" << c.duplicates << "\nproblems\t" << c.problems << "\nwrote\t" << csv
              << "\n";
    for (const IntakeIssue& note : report.notes) std::cout << "skipped\t" << note.file << ": " << note.reason << "\n";
    for (const IntakeIssue& p : report.problems) std::cerr << "kiosk-sync: " << p.file << ": " << p.reason << "\n";
    if (report.likelyWrongKey) std::cerr << "kiosk-sync: no file opened with this key: is it the office's key?\n";
    return report.problems.empty() ? 0 : kAttention;
}

int runStatus(const Input& in) {
    const std::string out = required(in, "--out", "PATH");
    std::string updated = option(in, "--updated");
    if (updated.empty()) updated = utcFromSeconds(std::stoll(std::to_string(std::time(nullptr))) + 8 * 3600).substr(0, 10);
    const StatusTable table = readStatusTable(in.positionals.at(0));
    for (const StatusProblem& p : table.problems) std::cerr << "kiosk-sync: " << p.text() << "\n";
    if (!table.ok()) throw std::runtime_error(std::to_string(table.problems.size()) + " problem(s) in the table; nothing written");
    writeStatusesJson(table, updated, out);
    std::cout << "wrote " << table.statuses.size() << " statuses (as of " << updated << ") to " << out << "\n";
    for (const std::string& column : table.ignoredColumns) std::cout << "ignored column\t" << column << "\n";
    return 0;
}

int runFleet(const Input& in) {
    FleetOptions options;
    if (!option(in, "--latest-version").empty()) options.latestVersion = number(in, "--latest-version", 0, 0, int64_t(1) << 53);
    options.staleHours = static_cast<double>(number(in, "--stale-hours", 26, 1, 24 * 365));
    options.maxPending = number(in, "--max-pending", 20, 0, 1000000);
    const auto fleet = readFleet(in.positionals.at(0), options);
    if (flag(in, "--json")) std::cout << fleetJson(fleet, options).dump(2) << "\n";
    else std::cout << formatFleetTable(fleet, options);
    for (const TerminalHealth& t : fleet)
        if (t.needsAttention()) return kAttention;
    return 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Command table
// ---------------------------------------------------------------------------------------
const std::vector<BundleCommand>& bundleCommands() {
    static const std::vector<BundleCommand> commands = {
        {"trust", "pin the root key file on a terminal (at install)",
         R"(Usage: kiosk-sync trust --db PATH ROOT

Pins the root metadata ROOT (root.json from 'kiosk-sync rotate-key') in the terminal's store:
from then on the terminal applies only bundles signed by a content key that this root (or a
later root signed by it) lists. Pinning again with the same file changes nothing; a different
root is accepted only if it is the next version, signed by the pinned one.

Exit status: 0 pinned; 1 failure; 2 usage error; 3 refused (not signed as required).
)",
         {"--db"}, 1, -1, {}, runTrust},
        {"rotate-key", "write the next root version: add, renew or revoke keys",
         R"(Usage: kiosk-sync rotate-key --root-dir DIR --root-key FILE [--new-root-key FILE]
                             [--add-content PUB --content-expires YYYY-MM-DD] [--revoke PUB]

Writes the next version of the root metadata into DIR (DIR/root.json and DIR/roots/<N>.json),
signed by the current root key FILE. The first run (no DIR/root.json yet) creates version 1
with FILE as the root key. Terminals accept the new version only because the old root key
signed it, so keys change without reinstalling terminals.

Options:
  --root-dir DIR          where the root versions are kept (back it up; keep it offline)
  --root-key FILE         the current root key (zwgk-sign-secret:…)
  --new-root-key FILE     replace the root key by this one (it signs too)
  --add-content PUB       add or renew a content-signing key (its .pub or .key file)
  --content-expires DATE  until when that content key may sign (required with --add-content)
  --revoke PUB            revoke a content key: terminals refuse what it signed

Exit status: 0 written; 1 failure; 2 usage error.
)",
         {"--root-dir", "--root-key", "--new-root-key", "--add-content", "--content-expires", "--revoke"}, 0, -1, {},
         runRotateKey},
        {"pack", "turn a content source directory into a bundle (snapshot or delta)",
         R"(Usage: kiosk-sync pack --source DIR --out BUNDLE [--base DIR] [--version N]
                       [--expires-days N] [--created UTC] [--key FILE --root-dir DIR]
                       [--no-search-index]

Checks the content source DIR (the format of the demo content, sync/CONTENT_FORMAT.md) with
the same rules as an import and writes the bundle folder BUNDLE: manifest.json (every file
with its length and SHA-256) and files/ (documents compressed with zstd). With --base (a
previous bundle or a web root) it writes a delta: only the documents changed since that
version, the removed ones, and every other file in full. The version is meta.json's (or N)
and must be above the base's. A snapshot also carries its search index, prebuilt: the
content is applied to a scratch store in BUNDLE exactly as a terminal applies it (this takes
as long as a terminal's apply without it) and the index tables are written as
search-index/*.bin; terminals with the same index rules insert them instead of indexing
(sync/CONTENT_FORMAT.md). Terminals older than this feature refuse such a bundle (bad-path):
pack for them with --no-search-index.

Options:
  --source DIR        the content source directory
  --out BUNDLE        the bundle folder to create (must be empty or absent)
  --base DIR          write a delta against the newest bundle in DIR
  --version N         the bundle version (written into meta.json)
  --expires-days N    terminals show the content as possibly out of date after N days (30)
  --created UTC       the creation time to record, like 2026-11-30T08:00:00Z (default: now)
  --key FILE          sign at once with this content key (else run 'kiosk-sync sign')
  --root-dir DIR      with --key: copy the root versions into the bundle
  --no-search-index   snapshot without the prebuilt search index (terminals build it)

Exit status: 0 written; 1 bad content or I/O error (nothing usable written); 2 usage error.
)",
         {"--source", "--out", "--base", "--version", "--expires-days", "--key", "--root-dir", "--created"}, 0, -1,
         {"--no-search-index"}, runPack},
        {"sign", "sign a bundle with a content key",
         R"(Usage: kiosk-sync sign --key FILE [--root-dir DIR] BUNDLE

Signs BUNDLE/manifest.json with the content key FILE (zwgk-sign-secret:…) and copies the root
versions from DIR into the bundle so that terminals can follow key rotations.

Exit status: 0 signed; 1 failure; 2 usage error.
)",
         {"--key", "--root-dir"}, 1, -1, {}, runSign},
        {"verify", "check a bundle as a terminal would, without applying it",
         R"(Usage: kiosk-sync verify (--db PATH | --root FILE) [--now UTC] BUNDLE

Checks BUNDLE (a bundle folder, a web root or a USB copy): the root chain, the manifest's
signature, every file's length and SHA-256, and that each file reads as content. With --db,
against the root pinned in that terminal store and its content version (rollback); with
--root, against that trusted root.json.

Exit status: 0 valid; 1 failure; 2 usage error; 3 refused (the reason on stderr).
)",
         {"--db", "--root", "--now"}, 1, -1, {}, runVerify},
        {"publish", "copy a signed bundle into a web root (static files)",
         R"(Usage: kiosk-sync publish --webroot DIR BUNDLE

Copies the signed BUNDLE into the web root DIR, the folder a web server, CDN or S3 bucket
serves to terminals: files/<sha256> (content-addressed, kept across versions), roots/,
root.json, versions/<V>.json, and manifest.json (a snapshot) or deltas/from-<base>.json (a
delta). The manifest is written last, so terminals never see a version whose files are not
there yet. Publish each version as a snapshot, and also as a delta from the previous one.

Exit status: 0 published; 1 failure; 2 usage error; 3 refused (unsigned, or older than
what the web root publishes).
)",
         {"--webroot"}, 1, -1, {}, runPublish},
        {"pull", "terminal: fetch and apply the newest bundle over HTTP",
         R"(Usage: kiosk-sync pull --db PATH [--url URL] [--staging DIR] [--attempts N] [--now UTC]

Brings the terminal's store up to the newest bundle at URL (default: the sync.url setting):
new root versions, then deltas from the held version, else the snapshot. Downloads resume
where they stopped; nothing is applied unless every file verified, and the store changes in
one transaction.

Options:
  --db PATH       the terminal's content store
  --url URL       the web root to pull from (default: the sync.url setting)
  --staging DIR   where downloads wait until applied (default: PATH.sync)
  --attempts N    tries per request on network errors (4)
  --now UTC       the time to judge expiry by, like 2026-11-30T08:00:00Z (tests; default:
                  the system clock, never earlier than the newest signed time seen)

Exit status: 0 applied or already up to date; 1 failure (network, disk: retry later);
2 usage error; 3 refused (signature, rollback, damaged files: see stderr).
)",
         {"--db", "--url", "--staging", "--attempts", "--now"}, 0, -1, {}, runPull},
        {"push", "terminal: upload sealed applications and the heartbeat",
         R"(Usage: kiosk-sync push --db PATH [--url URL] [--attempts N]

PUTs every application not yet confirmed to URL/<terminal-id>/<id>.sealed (default URL: the
intake.url setting) and marks it sent only when the server answers 201 or 204; then PUTs
URL/<terminal-id>/heartbeat.json. Sending twice is harmless (same name, same bytes).

Exit status: 0 all sent; 1 something was not sent (it stays pending); 2 usage error.
)",
         {"--db", "--url", "--attempts"}, 0, -1, {}, runPush},
        {"import", "terminal: apply the newest valid bundle found on a USB stick",
         R"(Usage: kiosk-sync import --db PATH [--staging DIR] [--now UTC] STICK

Looks for bundle folders (manifest.json and files/) on the stick mounted at STICK, down to
three levels, and applies the newest one that verifies and is newer than the terminal's
content. Other files on the stick are ignored. Every file is verified while it is copied off
the stick, so a partial copy or a pulled stick changes nothing.

Options:
  --db PATH       the terminal's content store
  --staging DIR   where copied files wait until applied (default: PATH.sync)
  --now UTC       the time to judge expiry by, like 2026-11-30T08:00:00Z (tests; default:
                  the system clock, never earlier than the newest signed time seen)

Exit status: 0 applied or already up to date; 1 failure (no bundle, unreadable stick, disk);
2 usage error; 3 refused (no bundle on the stick verified).
)",
         {"--db", "--staging", "--now"}, 1, -1, {}, runImport},
        {"export", "terminal: write sealed applications and the heartbeat to a USB stick",
         R"(Usage: kiosk-sync export --db PATH STICK

Writes every application not yet delivered, still sealed, to STICK/zwgk/export/<terminal-id>/
(<id>.sealed), then heartbeat.json and statistics.json. Each file is written, synced and read
back before the application counts as delivered; a full stick stops with a clear message and
the rest stays on the terminal.

Exit status: 0 written; 1 failure (stick full or read-only: nothing lost); 2 usage error.
)",
         {"--db"}, 1, -1, {}, runExport},
        {"intake", "office: open delivered applications into a CSV/JSON table", kIntakeUsage, {"--key", "--csv", "--json"},
         1, 64, {}, runIntake},
        {"status", "office: turn the status table into statuses.json", kStatusUsage, {"--out", "--updated"}, 1, -1, {},
         runStatus},
        {"fleet", "office: read the terminals' heartbeats", kFleetUsage,
         {"--latest-version", "--stale-hours", "--max-pending"}, 1, -1, {"--json"}, runFleet},
    };
    return commands;
}

}  // namespace zwgk::cli
