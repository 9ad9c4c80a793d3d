// The central office's side of the application round trip, UI-free (kiosk-sync intake,
// status and fleet are thin wrappers around it):
//
//   intake  open every sealed application the terminals delivered (WebDAV intake folder or a
//           USB stick's zwgk/export/), drop the copies that arrived twice, and write them as
//           a CSV for Excel and as JSON;
//   status  turn the office's status table (a CSV kept in Excel) into the statuses.json of
//           the content format, checked with the content loader's own rules;
//   fleet   read every terminal's heartbeat and say which terminals need attention.
//
// Folder layout that terminals produce (the intake server and a stick's export folder alike):
//
//   ROOT/<terminal-id>/<application-id>.sealed   sealing.h: kSealedMagic + crypto_box_seal of
//                                                the JSON of submission.cpp (zwgk-application/1)
//   ROOT/<terminal-id>/heartbeat.json            the terminal's latest heartbeat (zwgk-heartbeat/1)
//   ROOT/<terminal-id>/statistics.json           usage statistics (not read here)
//
// Every problem message is English, one line, and names the file (intake, fleet) or the CSV
// line and field (status). Output files are written atomically (temporary file in the same
// folder, fsync, rename, fsync of the folder): a reader never sees half a file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain.h"

namespace zwgk {

// ---------------------------------------------------------------------------------------
// Usage texts for kiosk-sync --help (the lead pastes them into the command table)
// ---------------------------------------------------------------------------------------

inline constexpr const char* kIntakeUsage = R"(Usage: kiosk-sync intake --key SECRET --csv FILE [--json FILE] ROOT...

Collects the applications that terminals delivered: reads every ROOT/<terminal>/*.sealed
(ROOT: the WebDAV intake folder, or <stick>/zwgk/export on a USB stick; give both to merge
them), opens each with the office's secret key, and writes one row per application to FILE
(CSV, UTF-8 with BOM for Excel, Chinese column names), sorted by submission time. An
application that arrived twice (online and by USB) is listed once. Files that cannot be
read (wrong key, damaged, truncated, not a sealed application, another format) are listed
one per line on stderr with the reason; everything else is still collected.
With --json, also writes FILE as a JSON array of the opened applications, each with the
file it came from. The output holds personal data: keep it on the office PC.

Options:
  --key SECRET   the office's secret key file (zwgk-seal-secret:..., from 'kiosk-sync keygen')
  --csv FILE     the table to write (replaced atomically)
  --json FILE    also write the applications as JSON

Exit status: 0 every file collected; 1 nothing written (bad key file, unreadable ROOT,
cannot write FILE); 2 usage error; 3 written, but some files had problems (see stderr).
)";

inline constexpr const char* kStatusUsage = R"(Usage: kiosk-sync status --out PATH [--updated YYYY-MM-DD] TABLE

Turns the office's status table TABLE (CSV, UTF-8 with or without BOM, as Excel saves it
with "CSV UTF-8") into statuses.json for the content source, so that citizens can look up
their applications at the terminals. The header row names the columns in English
(code,status,received,due,extended_due,updated,note) or Chinese (跟踪码,状态,收到日期,
答复期限,延期后期限,更新日期,说明); other columns, and a title row above the header,
are ignored. Dates may be written YYYY-MM-DD or YYYY/M/D. Codes may be typed in lower
case or without hyphens; a code whose check character is wrong is refused. The rules are
those of 'kiosk-sync import-source': statuses from the fixed list, dates in order, no
phone or ID numbers in notes. Every problem is listed with its CSV line and column, and
then nothing is written.

Options:
  --out PATH             the statuses.json to write, or a content source directory
                         (then PATH/statuses.json); replaced atomically
  --updated YYYY-MM-DD   the day the statuses are current to (default: today)

Exit status: 0 written; 1 the table has problems (nothing written) or cannot be read or
written; 2 usage error.
)";

inline constexpr const char* kFleetUsage = R"(Usage: kiosk-sync fleet [--json] [--latest-version N] [--stale-hours H]
                        [--max-pending N] ROOT

Reads ROOT/<terminal>/heartbeat.json of every terminal (ROOT: the WebDAV intake folder)
and prints one line per terminal: last heartbeat, program and content version, printer,
applications waiting to upload, free disk, and what needs attention, followed by one
English line per attention reason. A terminal needs attention when its heartbeat is older
than H hours, unreadable or missing, its content is older than version N or expired, its
last sync failed, its receipt printer is not ready, more than N applications wait to
upload, or it has less than 1 GiB of free disk. Fields an old terminal does not send show
as "unknown".

Options:
  --json               print JSON instead of the table
  --latest-version N   the content version terminals should have (default: not checked)
  --stale-hours H      a heartbeat older than this needs attention (default 26)
  --max-pending N      more waiting applications than this need attention (default 20)

Exit status: 0 no terminal needs attention; 1 ROOT cannot be read; 2 usage error;
3 some terminal needs attention.
)";

// ---------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------

// A timestamp as terminals write it ("2026-12-01T10:00:00+08:00", "…Z", fractions of a
// second allowed, a space for the T), or a date "2026-12-30" (its midnight). Without an offset
// the time is China Standard Time (+08:00). nullopt when it is neither.
std::optional<std::chrono::system_clock::time_point> parseTimestamp(std::string_view text);

// Writes BYTES to PATH atomically (PATH.tmp-XXXXXX in the same folder, fsync, rename, fsync of
// the folder). PRIVATEFILE: mode 0600 (personal data), else what the umask gives a new file.
// std::runtime_error naming PATH on failure; PATH is then unchanged.
void writeFileAtomic(const std::string& path, std::string_view bytes, bool privateFile = false);

// Columns a terminal shows TEXT in: East Asian wide and full-width characters count 2.
size_t displayWidth(std::string_view text);

// ---------------------------------------------------------------------------------------
// intake
// ---------------------------------------------------------------------------------------

// One application, opened.
struct ApplicationRecord {
    std::string id;                  // application id (OutboxEntry::id, 32 hex)
    std::string trackingCode;        // LL01-7KX4-M9QH
    std::string terminalId;          // terminal_id in the record (else the folder name)
    std::string submittedAt;         // 2026-11-30T14:05:09+08:00
    std::string applicantName;       // the citizen's or the organisation's name
    std::string file;                // the .sealed file it was read from (the first copy)
    std::vector<std::string> alsoIn; // further identical copies, collapsed into this record
    nlohmann::json record;           // the whole application as sealed (zwgk-application/1)
};

struct IntakeIssue {
    std::string file;    // the file or folder concerned
    std::string reason;  // English, one line
};

struct IntakeCounts {
    int terminals = 0;     // terminal folders walked
    int sealedFiles = 0;   // *.sealed files found
    int opened = 0;        // opened and read as applications (copies included)
    int applications = 0;  // distinct applications = records.size()
    int duplicates = 0;    // identical copies collapsed into an earlier record
    int problems = 0;      // = problems.size()
    int skipped = 0;       // = notes.size()
};

struct IntakeReport {
    std::vector<ApplicationRecord> records;  // sorted by submitted_at, then tracking code
    std::vector<IntakeIssue> problems;       // files that could not be collected, or conflicts
    std::vector<IntakeIssue> notes;          // things skipped or odd but harmless
    IntakeCounts counts;
    // Sealed files were found but not one opened with the key: most likely the wrong key.
    bool likelyWrongKey = false;
};

// Walks ROOTDIR/<terminal>/*.sealed (terminal folders are named with 1–32 letters, digits and
// '-'; anything else is skipped with a note; heartbeat.json and statistics.json are passed
// over), opens each with the secret key in SECRETKEYTEXT (the content of the key file,
// "zwgk-seal-secret:…") and reads the zwgk-application/1 JSON. The same application id seen
// again with the same content is one record (alsoIn); with other content it is a problem and
// the first copy is kept. A wrong key, a damaged or truncated file, a file that is not sealed,
// or a JSON of another format are each one problem; the rest is still collected.
// Throws std::invalid_argument when SECRETKEYTEXT is not a secret key, std::runtime_error when
// a root is not a readable folder.
IntakeReport collectApplications(const std::string& rootDir, const std::string& secretKeyText);
// The same over several roots (an intake folder and a USB export), copies collapsed across them.
IntakeReport collectApplications(const std::vector<std::string>& rootDirs, const std::string& secretKeyText);

// The CSV column names, in order (跟踪码 … 申请编号).
const std::vector<std::string>& applicationCsvColumns();

// Writes RECORDS (sorted by submitted_at, then code) to PATH as CSV for Excel: UTF-8 with BOM,
// CRLF, RFC 4180 quoting, a header row of applicationCsvColumns(). Machine names become words
// (citizen → 公民, paper → 纸质 …). So that Excel keeps cells as typed: a cell of 12 or more
// digits, or of digits with a leading 0, gets a leading tab (an 18-digit ID number stays
// text); a cell starting with = + - @ gets a leading ' (never run as a formula).
// The file holds personal data: it is written with mode 0600 (so is the JSON).
void writeApplicationsCsv(const std::vector<ApplicationRecord>& records, const std::string& path);

// Writes RECORDS (same order) to PATH as a JSON array of the applications as sealed, each
// with "source_file" (the file it came from) and, for collapsed copies, "also_in" added.
void writeApplicationsJson(const std::vector<ApplicationRecord>& records, const std::string& path);

// ---------------------------------------------------------------------------------------
// status
// ---------------------------------------------------------------------------------------

struct StatusProblem {
    int line = 0;         // CSV line (1-based, physical) where the row starts
    std::string field;    // English column key (code, status, received …), empty: the row/file
    std::string message;  // English, one line, without the line number
    // "line 7, field 'due': …"
    std::string text() const;
};

struct StatusTable {
    std::vector<ApplicationStatus> statuses;  // rows without problems, normalised, in file order
    std::vector<int> lines;                   // the CSV line of each status
    std::vector<StatusProblem> problems;      // in line order
    std::vector<std::string> ignoredColumns;  // header cells that are not a status column
    bool ok() const { return problems.empty(); }
};

// Reads the office's status table at CSVPATH (see kStatusUsage for the format). The header
// row is the first row with a code column (a title row above it is passed over). Codes are
// normalised to the printed form (checkTrackingCode), dates to YYYY-MM-DD, cells trimmed;
// blank rows are skipped. Each row is checked with the loader's rules (validateStatuses),
// except "updated is not after the file's updated", which writeStatusesJson checks.
// Problems (including a missing header, missing columns or a file that is not UTF-8) go to
// problems; std::runtime_error only when the file cannot be read at all.
StatusTable readStatusTable(const std::string& csvPath);

// A date as typed in the table (YYYY-MM-DD, YYYY/M/D, YYYY-M-D, YYYY年M月D日) as YYYY-MM-DD;
// nullopt when it is not a real date.
std::optional<std::string> normalizeTableDate(std::string_view text);

// Writes TABLE's statuses as statuses.json ({"updated": UPDATEDDATE, "statuses": […]}, the
// content format) to OUTPATH, or to OUTPATH/statuses.json when OUTPATH is a directory.
// Refuses (std::runtime_error listing the problems by CSV line) a table with problems, a bad
// UPDATEDDATE, or statuses that break the loader's rules for that date; nothing is written
// then.
void writeStatusesJson(const StatusTable& table, const std::string& updatedDate, const std::string& outPath);

// ---------------------------------------------------------------------------------------
// fleet
// ---------------------------------------------------------------------------------------

struct FleetOptions {
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();  // for tests
    double staleHours = 26;                        // a heartbeat older than this
    std::optional<int64_t> latestVersion;          // content version terminals should have
    int64_t maxPending = 20;                       // more waiting applications than this
    int64_t minFreeDiskBytes = int64_t(1) << 30;   // less free disk than this (1 GiB)
};

struct AttentionReason {
    std::string code;     // stale, no-heartbeat, unreadable, wrong-terminal, clock-ahead,
                          // content-outdated, content-expired, sync-failed, printer,
                          // outbox-backlog, low-disk
    std::string reason;   // English, one line, with the values
    std::string label;    // Chinese short label (心跳超时 …)
};

// One terminal's heartbeat. Fields an old terminal does not send are empty / nullopt.
struct TerminalHealth {
    std::string terminalId;      // the folder name
    std::string file;            // ROOT/<terminal>/heartbeat.json
    bool readable = false;       // the heartbeat was read as a JSON object
    std::string format;          // zwgk-heartbeat/1
    std::string reportedId;      // terminal_id in the heartbeat
    std::string location;
    std::string sentAt;
    bool sentAtFromFile = false;  // no usable sent_at: the file's modification time is used
    std::optional<double> ageHours;  // at FleetOptions::now; negative when in the future
    std::string programVersion;
    std::string contentId;
    std::optional<int64_t> contentVersion;
    std::string contentCreated;
    std::string contentExpires;
    std::string lastSync;
    std::string lastSyncResult;  // ok, or what failed
    std::string printerQueue;
    std::string printerState;    // ready / stopped / unreachable / not-configured
    std::string printerDetail;
    std::optional<int64_t> outboxPending;
    std::optional<int64_t> outboxTotal;
    std::optional<int64_t> freeDiskBytes;
    std::optional<int64_t> uptimeSeconds;
    std::vector<AttentionReason> attention;  // empty: all is well
    bool needsAttention() const { return !attention.empty(); }
};

// Every folder of ROOTDIR named like a terminal (as for intake), in name order, with its
// heartbeat read and judged against OPTIONS. A folder without heartbeat.json is listed with
// "no-heartbeat"; an unreadable one with "unreadable". std::runtime_error when ROOTDIR is not
// a readable folder.
std::vector<TerminalHealth> readFleet(const std::string& rootDir, const FleetOptions& options = {});

// A plain-text table, one line per terminal in fixed-width columns (wide characters count 2),
// then one "TERMINAL: reason" line per attention reason and a summary line.
std::string formatFleetTable(const std::vector<TerminalHealth>& fleet, const FleetOptions& options = {});
// The same as JSON: {"checked_at", "stale_hours", "latest_version", "max_pending",
// "min_free_disk_bytes", "terminals": [...], "needing_attention": N}; unknown values are null.
nlohmann::json fleetJson(const std::vector<TerminalHealth>& fleet, const FleetOptions& options = {});

}  // namespace zwgk
