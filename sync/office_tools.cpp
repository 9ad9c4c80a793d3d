#include "office_tools.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "civil_date.h"
#include "content_source.h"
#include "sealing.h"
#include "tracking_code.h"
#include "utf8.h"

namespace zwgk {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr std::string_view kApplicationFormat = "zwgk-application/1";
constexpr std::string_view kHeartbeatPrefix = "zwgk-heartbeat/";
constexpr int kChinaOffsetSeconds = 8 * 3600;               // terminals run on +08:00
constexpr uintmax_t kMaxSealedBytes = 4u << 20;              // an application is a few KB
constexpr uintmax_t kMaxHeartbeatBytes = 1u << 20;

// ---- small text helpers ---------------------------------------------------------------

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string trimmedCell(std::string_view s) {
    // ASCII white space and the ideographic space U+3000 (E3 80 80) that Chinese IMEs type.
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
            s.remove_prefix(1);
        else if (s.substr(0, 3) == "\xE3\x80\x80")
            s.remove_prefix(3);
        else
            break;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
            s.remove_suffix(1);
        else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80")
            s.remove_suffix(3);
        else
            break;
    }
    return std::string(s);
}

std::string asciiLower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string readFileBytes(const fs::path& path, uintmax_t limit, std::string& why) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = std::string("cannot read: ") + std::strerror(errno);
        return {};
    }
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<size_t>(in.gcount()));
        if (bytes.size() > limit) {
            why = "too large (more than " + std::to_string(limit) + " bytes)";
            return {};
        }
    }
    if (in.bad()) why = "cannot read: I/O error";
    return bytes;
}

// A string member of OBJECT (nested by PATH), or "" when missing or not a string.
std::string textAt(const json& object, std::initializer_list<const char*> path) {
    const json* at = &object;
    for (const char* key : path) {
        if (!at->is_object()) return {};
        auto it = at->find(key);
        if (it == at->end()) return {};
        at = &*it;
    }
    if (at->is_string()) return at->get<std::string>();
    if (at->is_number()) return at->dump();
    return {};
}

bool boolAt(const json& object, std::initializer_list<const char*> path) {
    const json* at = &object;
    for (const char* key : path) {
        if (!at->is_object()) return false;
        auto it = at->find(key);
        if (it == at->end()) return false;
        at = &*it;
    }
    return at->is_boolean() && at->get<bool>();
}

// ---- times ------------------------------------------------------------------------------

bool digitsAt(std::string_view s, size_t pos, size_t count, int& value) {
    if (pos + count > s.size()) return false;
    value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(s[i])) return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

// "2026-12-01T10:00" in China time (+08:00).
std::string chinaTime(Clock::time_point tp, bool seconds = false, bool withOffset = false) {
    const int64_t t = std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count() +
                      kChinaOffsetSeconds;
    const int64_t days = (t >= 0 ? t : t - 86399) / 86400;
    const int64_t rest = t - days * 86400;
    int y, m, d;
    civilFromDays(days, y, m, d);
    char buffer[40];
    if (seconds)
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d%c%02d:%02d:%02d%s", y, m, d, withOffset ? 'T' : ' ',
                      static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60),
                      withOffset ? "+08:00" : "");
    else
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", y, m, d, static_cast<int>(rest / 3600),
                      static_cast<int>(rest / 60 % 60));
    return buffer;
}

// ---- CSV --------------------------------------------------------------------------------

std::string csvCell(const std::string& value) {
    bool quote = value.find_first_of(",\"\r\n") != std::string::npos ||
                 (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

// Excel on the office PC reads "110105194912310021" as a number (and loses the last digits)
// and "=…" as a formula. A long digit run or one with a leading zero gets a leading tab (the
// usual remedy: Excel then keeps the cell as text and the tab does not show); a cell that
// starts like a formula gets a leading apostrophe (the OWASP remedy for CSV injection: what
// the applicant typed is never run on the office PC).
std::string excelSafe(const std::string& value) {
    if (value.empty()) return value;
    const char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
        return "'" + value;
    if (std::all_of(value.begin(), value.end(), isDigit) && (value.size() >= 12 || (first == '0' && value.size() > 1)))
        return "\t" + value;
    return value;
}

struct CsvRow {
    int line = 0;                    // physical line the row starts on (1-based)
    std::vector<std::string> cells;  // as written, quotes removed
};

// RFC 4180 with CRLF, LF or CR line ends. UNCLOSED receives the line of a quoted cell that
// never ends (0 when none).
std::vector<CsvRow> parseCsv(std::string_view text, int& unclosed) {
    std::vector<CsvRow> rows;
    unclosed = 0;
    int line = 1;
    CsvRow row{1, {}};
    std::string cell;
    bool inQuotes = false, cellQuoted = false;
    int quoteLine = 0;
    auto endRow = [&](int nextLine) {
        row.cells.push_back(std::move(cell));
        cell.clear();
        cellQuoted = false;
        rows.push_back(std::move(row));
        row = CsvRow{nextLine, {}};
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cellQuoted && cell.find_first_not_of(" \t") == std::string::npos) {
            cell.clear();  // spaces before an opening quote do not count
            inQuotes = cellQuoted = true;
            quoteLine = line;
        } else if (c == ',') {
            row.cells.push_back(std::move(cell));
            cell.clear();
            cellQuoted = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            endRow(line);
        } else {
            cell += c;
        }
    }
    if (inQuotes) unclosed = quoteLine;
    if (!cell.empty() || !row.cells.empty()) endRow(line);
    return rows;
}

// ---- intake -----------------------------------------------------------------------------

bool isTerminalFolderName(const std::string& name) {
    if (name.empty() || name.size() > 32) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    });
}

bool isApplicationId(const std::string& id) {
    return id.size() == 32 &&
           std::all_of(id.begin(), id.end(), [](char c) { return isDigit(c) || (c >= 'a' && c <= 'f'); });
}

std::vector<fs::directory_entry> sortedEntries(const fs::path& dir) {
    std::vector<fs::directory_entry> entries;
    for (const auto& entry : fs::directory_iterator(dir)) entries.push_back(entry);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    return entries;
}

// The entries of an intake or export root (ROOTDIR/<terminal>/…), sorted; std::runtime_error
// naming ROOTDIR when it is not a readable folder.
std::vector<fs::directory_entry> rootEntries(const std::string& rootDir) {
    std::error_code ec;
    if (!fs::is_directory(rootDir, ec))
        throw std::runtime_error("cannot read " + rootDir + ": " +
                                 (fs::exists(rootDir, ec) ? "not a folder" : "no such folder"));
    try {
        return sortedEntries(rootDir);
    } catch (const fs::filesystem_error& e) {
        throw std::runtime_error("cannot read " + rootDir + ": " + e.code().message());
    }
}

struct Collector {
    std::string secretKey;
    IntakeReport report;
    std::unordered_map<std::string, size_t> byId;    // application id → records index
    std::unordered_map<std::string, size_t> byCode;  // tracking code → records index
    int keyFailures = 0;                            // sealed files the key did not open

    void problem(const fs::path& file, const std::string& reason) {
        report.problems.push_back({file.string(), reason});
    }
    void note(const fs::path& file, const std::string& reason) { report.notes.push_back({file.string(), reason}); }

    void root(const std::string& rootDir) {
        const std::vector<fs::directory_entry> entries = rootEntries(rootDir);
        std::error_code ec;
        for (const auto& entry : entries) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_directory(ec)) {
                if (entry.path().extension() == ".sealed")
                    problem(entry.path(),
                            "a sealed application directly in the root folder, not collected: the root is the "
                            "folder above the terminal folders (ROOT/<terminal>/<id>.sealed)");
                else
                    note(entry.path(), "skipped: a file where terminal folders are expected");
                continue;
            }
            if (!isTerminalFolderName(name)) {
                note(entry.path(), "skipped: not a terminal folder (names are 1-32 letters, digits and '-')");
                continue;
            }
            terminal(entry.path());
        }
    }

    void terminal(const fs::path& dir) {
        ++report.counts.terminals;
        std::vector<fs::directory_entry> entries;
        try {
            entries = sortedEntries(dir);
        } catch (const fs::filesystem_error& e) {
            problem(dir, "cannot read the terminal folder: " + e.code().message());
            return;
        }
        std::error_code ec;
        for (const auto& entry : entries) {
            const std::string name = entry.path().filename().string();
            if (name == "heartbeat.json" || name == "statistics.json") continue;
            if (entry.path().extension() == ".sealed" && !entry.is_directory(ec)) {
                sealed(entry.path(), dir.filename().string());
                continue;
            }
            note(entry.path(), entry.is_directory(ec) ? "skipped: a folder inside a terminal folder"
                                                      : "skipped: not a .sealed application");
        }
    }

    void sealed(const fs::path& file, const std::string& folderTerminal) {
        ++report.counts.sealedFiles;
        std::string why;
        const std::string bytes = readFileBytes(file, kMaxSealedBytes, why);
        if (!why.empty()) {
            problem(file, why);
            return;
        }
        if (bytes.empty()) {
            problem(file, "empty file (an interrupted copy?)");
            return;
        }
        const auto plain = openSealed(bytes, secretKey, why);
        if (!plain) {
            if (bytes.rfind(kSealedMagic, 0) == 0) ++keyFailures;
            problem(file, why);
            return;
        }
        json record = json::parse(*plain, nullptr, false);
        if (record.is_discarded()) {
            problem(file, "opened, but the content is not JSON");
            return;
        }
        const std::string format = record.is_object() ? textAt(record, {"format"}) : "";
        if (format != kApplicationFormat) {
            problem(file, "opened, but it is not an application of format " + std::string(kApplicationFormat) +
                              (format.empty() ? std::string(" (no format)") : " (format '" + format + "')"));
            return;
        }
        ApplicationRecord r;
        r.id = textAt(record, {"id"});
        r.trackingCode = textAt(record, {"tracking_code"});
        r.terminalId = textAt(record, {"terminal_id"});
        r.submittedAt = textAt(record, {"submitted_at"});
        r.applicantName = textAt(record, {"applicant", "name"});
        r.file = file.string();
        if (!isApplicationId(r.id)) {
            problem(file, "opened, but the application has no valid id ('" + r.id + "', expected 32 hex digits)");
            return;
        }
        std::string canonical;
        if (checkTrackingCode(r.trackingCode, &canonical) != TrackingCodeCheck::Ok || canonical != r.trackingCode) {
            problem(file, "opened, but the tracking code '" + r.trackingCode + "' is not valid");
            return;
        }
        ++report.counts.opened;
        if (file.stem().string() != r.id)
            note(file, "the file name differs from the application id " + r.id + " (collected by the id)");
        if (r.terminalId.empty()) r.terminalId = folderTerminal;
        else if (r.terminalId != folderTerminal)
            note(file, "the application names terminal " + r.terminalId + " but lies in folder " + folderTerminal);

        if (auto it = byId.find(r.id); it != byId.end()) {
            ApplicationRecord& first = report.records[it->second];
            if (first.record == record) {
                first.alsoIn.push_back(r.file);
                ++report.counts.duplicates;
            } else {
                problem(file, "same application id " + r.id + " as " + first.file +
                                  " but different content; kept " + first.file + ", compare both by hand");
            }
            return;
        }
        if (auto it = byCode.find(r.trackingCode); it != byCode.end())
            problem(file, "tracking code " + r.trackingCode + " is also used by application " +
                              report.records[it->second].id + " (" + report.records[it->second].file +
                              "); both are listed");
        r.record = std::move(record);
        byId.emplace(r.id, report.records.size());
        byCode.emplace(r.trackingCode, report.records.size());
        report.records.push_back(std::move(r));
    }
};

void sortRecords(std::vector<ApplicationRecord>& records) {
    auto instant = [](const ApplicationRecord& r) {
        const auto tp = parseTimestamp(r.submittedAt);
        return tp ? std::optional<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(tp->time_since_epoch()).count())
                  : std::nullopt;
    };
    std::stable_sort(records.begin(), records.end(), [&](const ApplicationRecord& a, const ApplicationRecord& b) {
        const auto ta = instant(a), tb = instant(b);
        // Unreadable times sort last, by their text.
        if (ta.has_value() != tb.has_value()) return ta.has_value();
        if (ta && *ta != *tb) return *ta < *tb;
        if (!ta && a.submittedAt != b.submittedAt) return a.submittedAt < b.submittedAt;
        return a.trackingCode < b.trackingCode;
    });
}

const char* wordFor(const std::string& name, std::initializer_list<std::pair<const char*, const char*>> words) {
    for (const auto& [machine, word] : words)
        if (name == machine) return word;
    return nullptr;
}

std::string worded(const std::string& name, std::initializer_list<std::pair<const char*, const char*>> words) {
    const char* word = wordFor(name, words);
    return word ? word : name;
}

// 2026-11-30T14:05:09+08:00 → 2026-11-30 14:05:09 (China time); other texts unchanged.
std::string submittedForTable(const std::string& text) {
    const auto tp = parseTimestamp(text);
    if (!tp || text.size() < 19) return text;
    return chinaTime(*tp, true);
}

std::vector<std::string> csvRow(const ApplicationRecord& r) {
    const json& j = r.record;
    std::string due = textAt(j, {"due_date"});
    if (boolAt(j, {"due_provisional"}) && !due.empty()) due += "（预计）";
    const std::string type = textAt(j, {"applicant", "type"});
    return {
        r.trackingCode,
        r.terminalId,
        textAt(j, {"terminal_location"}),
        submittedForTable(r.submittedAt),
        textAt(j, {"received_date"}),
        due,
        worded(type, {{"citizen", "公民"}, {"organisation", "法人或者其他组织"}}),
        textAt(j, {"applicant", "name"}),
        worded(textAt(j, {"applicant", "id_type"}), {{"resident_id", "居民身份证"},
                                                     {"residence_permit", "港澳台居民居住证"},
                                                     {"hk_macao_permit", "港澳居民来往内地通行证"},
                                                     {"taiwan_permit", "台湾居民来往大陆通行证"},
                                                     {"passport", "护照"},
                                                     {"other", "其他身份证件"}}),
        textAt(j, {"applicant", "id_number"}),
        textAt(j, {"applicant", "credit_code"}),
        textAt(j, {"applicant", "contact_name"}),
        textAt(j, {"contact", "mobile"}),
        textAt(j, {"contact", "address"}),
        textAt(j, {"contact", "email"}),
        textAt(j, {"information", "title"}),
        textAt(j, {"information", "doc_no"}),
        textAt(j, {"information", "description"}),
        worded(textAt(j, {"provision", "form"}), {{"paper", "纸质"}, {"electronic", "电子"}}),
        worded(textAt(j, {"provision", "delivery"}), {{"pickup", "现场领取"}, {"post", "邮寄"}, {"email", "电子邮件"}}),
        boolAt(j, {"fee_reduction", "requested"}) ? "是" : "否",
        textAt(j, {"fee_reduction", "note"}),
        r.id,
    };
}

// ---- status -----------------------------------------------------------------------------

struct StatusColumn {
    const char* key;                        // English key, as in statuses.json
    std::vector<const char*> names;         // accepted header texts besides the key
    bool required;
};

const std::vector<StatusColumn>& statusColumns() {
    static const std::vector<StatusColumn> columns = {
        {"code", {"跟踪码", "查询码"}, true},
        {"status", {"状态"}, true},
        {"received", {"收到日期"}, true},
        {"due", {"答复期限"}, true},
        {"extended_due", {"延期后期限"}, false},
        {"updated", {"更新日期"}, true},
        {"note", {"说明"}, false},
    };
    return columns;
}

// "statuses.json: LL01-…: field 'x' …" → "field 'x' …"
std::string bareProblem(const ContentError& e) {
    std::string message = e.what();
    const std::string file = e.file() + ": ";
    if (message.rfind(file, 0) == 0) message.erase(0, file.size());
    const std::string key = e.key() + ": ";
    if (!e.key().empty() && message.rfind(key, 0) == 0) message.erase(0, key.size());
    return message;
}

std::string trackingCodeProblem(TrackingCodeCheck check, const std::string& typed) {
    switch (check) {
    case TrackingCodeCheck::BadCheck:
        return "'" + typed + "' has a wrong check character (a mistyped character?)";
    case TrackingCodeCheck::BadChar:
        return "'" + typed + "' contains a character that is never in a tracking code";
    case TrackingCodeCheck::Empty: return "the code is empty";
    default: break;
    }
    return "'" + typed + "' is not a tracking code (12 characters, XXXX-XXXX-XXXX)";
}

// ---- fleet ------------------------------------------------------------------------------

std::optional<int64_t> integerOf(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (it->is_number_integer() || it->is_number_unsigned()) return it->get<int64_t>();
    if (it->is_number_float()) {
        const double v = it->get<double>();
        if (std::isfinite(v)) return static_cast<int64_t>(v);
        return std::nullopt;
    }
    if (it->is_string()) {
        const std::string s = it->get<std::string>();
        if (!s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), isDigit)) return std::stoll(s);
    }
    return std::nullopt;
}

std::string bytesText(int64_t bytes) {
    char buffer[32];
    const double gib = static_cast<double>(bytes) / (1024.0 * 1024 * 1024);
    if (gib >= 1) std::snprintf(buffer, sizeof buffer, "%.1f GiB", gib);
    else std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024));
    return buffer;
}

std::string hoursText(double hours) {
    char buffer[32];
    if (hours >= 48) std::snprintf(buffer, sizeof buffer, "%.1f days", hours / 24);
    else std::snprintf(buffer, sizeof buffer, "%.1f hours", hours);
    return buffer;
}

std::string ageText(const std::optional<double>& hours) {
    if (!hours) return "unknown";
    const double h = *hours;
    const double a = std::fabs(h);
    std::string text;
    if (a < 1) text = std::to_string(static_cast<int>(a * 60)) + "m";
    else if (a < 48) text = std::to_string(static_cast<int>(a)) + "h";
    else text = std::to_string(static_cast<int>(a / 24)) + "d " + std::to_string(static_cast<int>(a) % 24) + "h";
    return h < 0 ? "+" + text + " ahead" : text;
}

std::string numberText(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

void judge(TerminalHealth& h, const FleetOptions& o) {
    auto add = [&](const char* code, std::string reason, const char* label) {
        h.attention.push_back({code, std::move(reason), label});
    };
    if (h.ageHours) {
        if (*h.ageHours > o.staleHours)
            add("stale",
                "last heartbeat " + hoursText(*h.ageHours) + " ago" +
                    (h.sentAtFromFile ? " (by the file's time)" : " (" + h.sentAt + ")") + ", more than " +
                    numberText(o.staleHours) + " hours",
                "心跳超时");
        else if (*h.ageHours < -1)
            add("clock-ahead",
                "heartbeat sent_at " + h.sentAt + " is " + hoursText(-*h.ageHours) +
                    " in the future: check the terminal's clock (receipt dates depend on it)",
                "时钟不准");
    }
    if (!h.reportedId.empty() && h.reportedId != h.terminalId)
        add("wrong-terminal", "the heartbeat names terminal " + h.reportedId + " but lies in folder " + h.terminalId,
            "终端编号不符");
    if (o.latestVersion && h.contentVersion && *h.contentVersion < *o.latestVersion)
        add("content-outdated",
            "content version " + std::to_string(*h.contentVersion) + ", the latest is " +
                std::to_string(*o.latestVersion),
            "内容未更新");
    if (!h.contentExpires.empty())
        if (const auto expires = parseTimestamp(h.contentExpires); expires && *expires <= o.now)
            add("content-expired", "the content expired at " + h.contentExpires, "内容已过期");
    if (!h.lastSyncResult.empty() && h.lastSyncResult != "ok")
        add("sync-failed",
            "last sync failed: " + h.lastSyncResult + (h.lastSync.empty() ? "" : " (at " + h.lastSync + ")"),
            "同步失败");
    if (h.printerState == "not-configured")
        add("printer", "no receipt printer configured (printer.receipt)", "未配置打印机");
    else if (!h.printerState.empty() && h.printerState != "ready")
        add("printer",
            "receipt printer" + (h.printerQueue.empty() ? "" : " " + h.printerQueue) + " is " + h.printerState +
                (h.printerDetail.empty() ? "" : ": " + h.printerDetail),
            "打印机异常");
    if (h.outboxPending && *h.outboxPending > o.maxPending)
        add("outbox-backlog",
            std::to_string(*h.outboxPending) + " applications wait to upload (more than " +
                std::to_string(o.maxPending) + ")",
            "申请积压");
    if (h.freeDiskBytes && *h.freeDiskBytes < o.minFreeDiskBytes)
        add("low-disk", "free disk " + bytesText(*h.freeDiskBytes) + ", less than " + bytesText(o.minFreeDiskBytes),
            "磁盘空间不足");
}

std::optional<Clock::time_point> fileTime(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
        std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
}

TerminalHealth readHeartbeat(const fs::path& dir, const FleetOptions& options) {
    TerminalHealth h;
    h.terminalId = dir.filename().string();
    const fs::path file = dir / "heartbeat.json";
    h.file = file.string();
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        h.attention.push_back(
            {"no-heartbeat", "no heartbeat.json: the terminal has not reported (or reports elsewhere)", "无心跳"});
        return h;
    }
    std::string why;
    const std::string bytes = readFileBytes(file, kMaxHeartbeatBytes, why);
    json j;
    if (why.empty()) {
        j = json::parse(bytes, nullptr, false);
        if (j.is_discarded()) why = "not JSON";
        else if (!j.is_object()) why = "not a JSON object";
        else if (auto f = j.find("format"); f != j.end() && (!f->is_string() || f->get<std::string>().rfind(kHeartbeatPrefix, 0) != 0))
            why = "format " + f->dump() + ", expected zwgk-heartbeat/1";
    }
    if (!why.empty()) {
        h.attention.push_back({"unreadable", "heartbeat.json cannot be read: " + why, "心跳无法读取"});
        return h;
    }
    h.readable = true;
    h.format = textAt(j, {"format"});
    h.reportedId = textAt(j, {"terminal_id"});
    h.location = textAt(j, {"location"});
    h.sentAt = textAt(j, {"sent_at"});
    h.programVersion = textAt(j, {"program_version"});
    h.contentId = textAt(j, {"content_id"});
    h.contentVersion = integerOf(j, "content_version");
    h.contentCreated = textAt(j, {"content_created"});
    h.contentExpires = textAt(j, {"content_expires"});
    h.lastSync = textAt(j, {"last_sync"});
    h.lastSyncResult = textAt(j, {"last_sync_result"});
    h.printerQueue = textAt(j, {"printer", "queue"});
    h.printerState = textAt(j, {"printer", "state"});
    h.printerDetail = textAt(j, {"printer", "detail"});
    h.outboxPending = integerOf(j, "outbox_pending");
    h.outboxTotal = integerOf(j, "outbox_total");
    h.freeDiskBytes = integerOf(j, "free_disk_bytes");
    h.uptimeSeconds = integerOf(j, "uptime_seconds");
    std::optional<Clock::time_point> sent = parseTimestamp(h.sentAt);
    if (!sent) {
        sent = fileTime(file);
        h.sentAtFromFile = sent.has_value();
    }
    if (sent) h.ageHours = std::chrono::duration<double, std::ratio<3600>>(options.now - *sent).count();
    judge(h, options);
    return h;
}

// TEXT cut to WIDTH columns ("..." marks a cut) and padded with spaces to WIDTH.
std::string fitted(const std::string& text, size_t width, bool pad) {
    std::string out;
    size_t used = 0;
    if (displayWidth(text) <= width) {
        out = text;
        used = displayWidth(text);
    } else {
        for (char32_t cp : utf8::decode(text)) {
            const std::string ch = utf8::encode(cp);
            const size_t w = displayWidth(ch);
            if (used + w + 3 > width) break;
            out += ch;
            used += w;
        }
        out += "...";
        used += 3;
    }
    if (pad) out.append(width - std::min(width, used), ' ');
    return out;
}

json orNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json orNull(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

// =========================================================================================
// Shared
// =========================================================================================

std::optional<Clock::time_point> parseTimestamp(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    if (text.size() < 10 || !isIsoDate(std::string(text.substr(0, 10)))) return std::nullopt;
    const int year = std::stoi(std::string(text.substr(0, 4)));
    const int month = std::stoi(std::string(text.substr(5, 2)));
    const int day = std::stoi(std::string(text.substr(8, 2)));
    int hour = 0, minute = 0, second = 0;
    int64_t nanos = 0;
    int offset = kChinaOffsetSeconds;
    size_t pos = 10;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
        if (!digitsAt(text, pos + 1, 2, hour) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !digitsAt(text, pos + 4, 2, minute))
            return std::nullopt;
        pos += 6;
        if (pos < text.size() && text[pos] == ':') {
            if (!digitsAt(text, pos + 1, 2, second)) return std::nullopt;
            pos += 3;
            if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
                ++pos;
                int64_t scale = 100000000;
                const size_t start = pos;
                for (; pos < text.size() && isDigit(text[pos]); ++pos) {
                    nanos += (text[pos] - '0') * scale;
                    scale /= 10;
                }
                if (pos == start) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        if (pos < text.size()) {
            const char sign = text[pos];
            if ((sign == 'Z' || sign == 'z') && pos + 1 == text.size()) {
                offset = 0;
            } else if (sign == '+' || sign == '-') {
                int oh = 0, om = 0;
                if (!digitsAt(text, pos + 1, 2, oh)) return std::nullopt;
                size_t next = pos + 3;
                if (next < text.size() && text[next] == ':') ++next;
                if (next < text.size()) {
                    if (!digitsAt(text, next, 2, om)) return std::nullopt;
                    next += 2;
                }
                if (next != text.size() || oh > 23 || om > 59) return std::nullopt;
                offset = (sign == '+' ? 1 : -1) * (oh * 3600 + om * 60);
            } else {
                return std::nullopt;
            }
        }
    }
    const int64_t seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                            hour * 3600 + minute * 60 + second - offset;
    return Clock::time_point(
        std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(seconds) + std::chrono::nanoseconds(nanos)));
}

void writeFileAtomic(const std::string& path, std::string_view bytes, bool privateFile) {
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temp = (dir / (target.filename().string() + ".tmp-XXXXXX")).string();
    auto fail = [&](const std::string& what) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        throw std::runtime_error("cannot write " + path + ": " + what + ": " + reason);
    };
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    // mkstemp makes 0600, right for personal data; a published file gets the mode a new
    // file would get.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, privateFile ? 0600 : (0666 & ~mask)) != 0) {
        ::close(fd);
        fail("chmod");
    }
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            fail("write");
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        fail("fsync");
    }
    if (::close(fd) != 0) fail("close");
    if (::rename(temp.c_str(), path.c_str()) != 0) fail("rename");
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {
        ::fsync(dfd);  // the rename itself is durable
        ::close(dfd);
    }
}

size_t displayWidth(std::string_view text) {
    size_t width = 0;
    for (char32_t c : utf8::decode(text)) {
        if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F)) continue;
        const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
                          (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
                          (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                          (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                          (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                          (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
                          (c >= 0x20000 && c <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

// =========================================================================================
// intake
// =========================================================================================

IntakeReport collectApplications(const std::string& rootDir, const std::string& secretKeyText) {
    return collectApplications(std::vector<std::string>{rootDir}, secretKeyText);
}

IntakeReport collectApplications(const std::vector<std::string>& rootDirs, const std::string& secretKeyText) {
    Collector c;
    if (auto key = decodeSecretKey(secretKeyText)) {
        c.secretKey = *key;
    } else if (decodePublicKey(secretKeyText)) {
        throw std::invalid_argument(
            "this is the office's public key (zwgk-seal-public:...); intake needs the secret key file");
    } else {
        throw std::invalid_argument("not a secret key from 'kiosk-sync keygen' (zwgk-seal-secret:...)");
    }
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
    for (const std::string& root : rootDirs) c.root(root);
    IntakeReport& r = c.report;
    sortRecords(r.records);
    r.counts.applications = static_cast<int>(r.records.size());
    r.counts.problems = static_cast<int>(r.problems.size());
    r.counts.skipped = static_cast<int>(r.notes.size());
    r.likelyWrongKey = r.counts.opened == 0 && c.keyFailures > 0;
    return std::move(c.report);
}

const std::vector<std::string>& applicationCsvColumns() {
    static const std::vector<std::string> columns = {
        "跟踪码",   "终端",     "终端位置",   "提交时间",     "收到日期",     "答复期限",
        "申请人类型", "申请人/单位名称", "证件类型", "证件号码", "统一社会信用代码", "联系人",
        "手机",     "通信地址", "电子邮箱",   "所需信息名称", "文号",         "所需信息描述",
        "提供形式", "获取方式", "申请减免费用", "减免说明",   "申请编号"};
    return columns;
}

void writeApplicationsCsv(const std::vector<ApplicationRecord>& records, const std::string& path) {
    std::vector<ApplicationRecord> sorted = records;
    sortRecords(sorted);
    std::string out = "\xEF\xBB\xBF";
    auto line = [&](const std::vector<std::string>& cells, bool guard) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += csvCell(guard ? excelSafe(utf8::sanitize(cells[i])) : cells[i]);
        }
        out += "\r\n";
    };
    line(applicationCsvColumns(), false);
    for (const ApplicationRecord& r : sorted) line(csvRow(r), true);
    writeFileAtomic(path, out, /*privateFile=*/true);
}

void writeApplicationsJson(const std::vector<ApplicationRecord>& records, const std::string& path) {
    std::vector<ApplicationRecord> sorted = records;
    sortRecords(sorted);
    json array = json::array();
    for (const ApplicationRecord& r : sorted) {
        json entry = r.record;
        entry["source_file"] = r.file;
        if (!r.alsoIn.empty()) entry["also_in"] = r.alsoIn;
        array.push_back(std::move(entry));
    }
    writeFileAtomic(path, array.dump(2, ' ', false, json::error_handler_t::replace) + "\n", /*privateFile=*/true);
}

// =========================================================================================
// status
// =========================================================================================

std::string StatusProblem::text() const {
    std::string out = "line " + std::to_string(line);
    if (!field.empty()) out += ", field '" + field + "'";
    return out + ": " + message;
}

std::optional<std::string> normalizeTableDate(std::string_view typed) {
    const std::string text = trimmedCell(typed);
    // Three runs of digits (4, 1-2, 1-2) with the same separator between them: - / . or 年 月
    // (2026年1月5日, with 日 at the end).
    std::vector<std::string> numbers(1);
    std::string separators;
    size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        if (isDigit(c)) {
            numbers.back() += c;
            ++pos;
            continue;
        }
        if (numbers.back().empty()) return std::nullopt;
        if (c == '-' || c == '/' || c == '.') {
            separators += c;
            ++pos;
        } else if (text.compare(pos, 3, "年") == 0 || text.compare(pos, 3, "月") == 0) {
            separators += 'n';
            pos += 3;
        } else if (text.compare(pos, 3, "日") == 0 && pos + 3 == text.size() && numbers.size() == 3) {
            break;
        } else {
            return std::nullopt;
        }
        numbers.emplace_back();
    }
    if (numbers.size() != 3 || separators.size() != 2 || separators[0] != separators[1]) return std::nullopt;
    if (numbers[0].size() != 4 || numbers[1].empty() || numbers[1].size() > 2 || numbers[2].empty() ||
        numbers[2].size() > 2)
        return std::nullopt;
    const std::string iso = isoDate(std::stoi(numbers[0]), std::stoi(numbers[1]), std::stoi(numbers[2]));
    if (!isIsoDate(iso)) return std::nullopt;
    return iso;
}

StatusTable readStatusTable(const std::string& csvPath) {
    StatusTable table;
    std::string why;
    std::string bytes = readFileBytes(csvPath, uintmax_t(64) << 20, why);
    if (!why.empty()) throw std::runtime_error(csvPath + ": " + why);
    auto fileProblem = [&](int line, const std::string& field, const std::string& message) {
        table.problems.push_back({line, field, message});
    };
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    if (bytes.rfind("\xFF\xFE", 0) == 0 || bytes.rfind("\xFE\xFF", 0) == 0 || !utf8::isValid(bytes)) {
        fileProblem(1, "",
                    "the file is not UTF-8 (Excel: Save As, file type \"CSV UTF-8 (Comma delimited)\")");
        return table;
    }
    int unclosed = 0;
    std::vector<CsvRow> rows = parseCsv(bytes, unclosed);
    auto blank = [](const CsvRow& row) {
        return std::all_of(row.cells.begin(), row.cells.end(),
                           [](const std::string& c) { return trimmedCell(c).empty(); });
    };
    rows.erase(std::remove_if(rows.begin(), rows.end(), blank), rows.end());
    if (rows.empty()) {
        fileProblem(1, "", "the table is empty (no header row)");
        return table;
    }
    if (unclosed) fileProblem(unclosed, "", "a quoted cell starts here and is never closed");

    // The header row is the first one with a code column (Excel sheets often have a title
    // row above it; rows above the header are ignored), else the first row.
    size_t headerRow = 0;
    for (size_t r = 0; r < std::min<size_t>(rows.size(), 10); ++r) {
        bool hasCode = false;
        for (const std::string& cell : rows[r].cells) {
            const std::string text = trimmedCell(cell);
            hasCode = hasCode || asciiLower(text) == "code" || text == "跟踪码" || text == "查询码";
        }
        if (hasCode) {
            headerRow = r;
            break;
        }
    }
    // Header: which cell holds which column.
    const CsvRow& header = rows[headerRow];
    std::map<std::string, size_t> at;  // key → cell index
    bool headerOk = true;
    for (size_t i = 0; i < header.cells.size(); ++i) {
        const std::string cell = trimmedCell(header.cells[i]);
        const std::string lower = asciiLower(cell);
        const StatusColumn* column = nullptr;
        for (const StatusColumn& c : statusColumns()) {
            if (lower == c.key) column = &c;
            for (const char* name : c.names)
                if (cell == name) column = &c;
        }
        if (!column) {
            if (!cell.empty()) table.ignoredColumns.push_back(cell);
            continue;
        }
        if (at.count(column->key)) {
            fileProblem(header.line, column->key, "the header row has the column '" + std::string(column->key) + "' twice");
            headerOk = false;
        }
        at[column->key] = i;
    }
    for (const StatusColumn& c : statusColumns())
        if (c.required && !at.count(c.key)) {
            fileProblem(header.line, c.key,
                        "the header row has no column '" + std::string(c.key) + "' (" + c.names.front() +
                            "); expected code,status,received,due,extended_due,updated,note or "
                            "跟踪码,状态,收到日期,答复期限,延期后期限,更新日期,说明");
            headerOk = false;
        }
    if (!headerOk) return table;

    std::unordered_map<std::string, int> seen;  // code → line
    for (size_t r = headerRow + 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        const size_t before = table.problems.size();
        auto problem = [&](const std::string& field, const std::string& message) {
            table.problems.push_back({row.line, field, message});
        };
        auto cell = [&](const char* key) {
            auto it = at.find(key);
            if (it == at.end() || it->second >= row.cells.size()) return std::string();
            return trimmedCell(row.cells[it->second]);
        };
        if (row.cells.size() > header.cells.size()) {
            bool extra = false;
            for (size_t i = header.cells.size(); i < row.cells.size(); ++i)
                extra = extra || !trimmedCell(row.cells[i]).empty();
            if (extra) {
                problem("", "the row has more cells than the header row (a comma in a note? put the note in "
                            "double quotes)");
                continue;
            }
        }
        ApplicationStatus s;
        const std::string typedCode = cell("code");
        const TrackingCodeCheck check = checkTrackingCode(typedCode, &s.code);
        if (check != TrackingCodeCheck::Ok) {
            problem("code", trackingCodeProblem(check, typedCode));
            s.code.clear();
        }
        s.status = cell("status");
        if (s.status.empty()) problem("status", "the status is empty");
        auto date = [&](const char* key, std::string& out, bool required) {
            const std::string typed = cell(key);
            if (typed.empty()) {
                if (required) problem(key, "the date is empty");
                return;
            }
            if (auto iso = normalizeTableDate(typed)) out = *iso;
            else problem(key, "bad date '" + typed + "' (expected YYYY-MM-DD or YYYY/M/D, a real date)");
        };
        date("received", s.received, true);
        date("due", s.due, true);
        date("extended_due", s.extendedDue, false);
        date("updated", s.updated, true);
        s.note = cell("note");
        if (!s.code.empty()) {
            if (auto [it, inserted] = seen.emplace(s.code, row.line); !inserted)
                problem("code", "duplicate code " + s.code + " (also on line " + std::to_string(it->second) + ")");
        }
        if (table.problems.size() == before) {
            // The loader's own rules, but for the file's date, which is only known when writing.
            try {
                validateStatuses("9999-12-31", {s});
            } catch (const ContentError& e) {
                problem(e.field(), bareProblem(e));
            }
        }
        if (table.problems.size() == before) {
            table.statuses.push_back(std::move(s));
            table.lines.push_back(row.line);
        }
    }
    std::stable_sort(table.problems.begin(), table.problems.end(),
                     [](const StatusProblem& a, const StatusProblem& b) { return a.line < b.line; });
    return table;
}

void writeStatusesJson(const StatusTable& table, const std::string& updatedDate, const std::string& outPath) {
    if (!table.ok()) {
        std::string message = "the status table has " + std::to_string(table.problems.size()) +
                              " problem(s); nothing was written:";
        for (const StatusProblem& p : table.problems) message += "\n  " + p.text();
        throw std::runtime_error(message);
    }
    const auto updated = normalizeTableDate(updatedDate);
    if (!updated) throw std::runtime_error("bad 'updated' date '" + updatedDate + "' (expected YYYY-MM-DD)");
    try {
        validateStatuses(*updated, table.statuses);
    } catch (const ContentError& e) {
        std::string where = "statuses";
        for (size_t i = 0; i < table.statuses.size(); ++i)
            if (table.statuses[i].code == e.key() && i < table.lines.size())
                where = "line " + std::to_string(table.lines[i]);
        if (!e.field().empty()) where += ", field '" + e.field() + "'";
        throw std::runtime_error(where + ": " + bareProblem(e) + "; nothing was written");
    }
    nlohmann::ordered_json statuses = nlohmann::ordered_json::array();
    for (const ApplicationStatus& s : table.statuses) {
        nlohmann::ordered_json entry = {{"code", s.code}, {"status", s.status}, {"received", s.received}, {"due", s.due}};
        if (!s.extendedDue.empty()) entry["extended_due"] = s.extendedDue;
        entry["updated"] = s.updated;
        if (!s.note.empty()) entry["note"] = s.note;
        statuses.push_back(std::move(entry));
    }
    nlohmann::ordered_json document = {{"updated", *updated}, {"statuses", std::move(statuses)}};
    std::string target = outPath;
    std::error_code ec;
    if (fs::is_directory(outPath, ec)) target = (fs::path(outPath) / "statuses.json").string();
    writeFileAtomic(target, document.dump(2, ' ', false) + "\n");
}

// =========================================================================================
// fleet
// =========================================================================================

std::vector<TerminalHealth> readFleet(const std::string& rootDir, const FleetOptions& options) {
    const std::vector<fs::directory_entry> entries = rootEntries(rootDir);
    std::error_code ec;
    std::vector<TerminalHealth> fleet;
    for (const auto& entry : entries)
        if (entry.is_directory(ec) && isTerminalFolderName(entry.path().filename().string()))
            fleet.push_back(readHeartbeat(entry.path(), options));
    return fleet;
}

std::string formatFleetTable(const std::vector<TerminalHealth>& fleet, const FleetOptions& options) {
    (void)options;
    const std::vector<std::string> headers = {"terminal", "location", "last heartbeat", "age", "program",
                                              "content", "printer", "pending", "free disk", "attention"};
    std::vector<std::vector<std::string>> rows;
    auto unknown = [](const std::string& s) { return s.empty() ? std::string("unknown") : s; };
    for (const TerminalHealth& h : fleet) {
        std::string last = "unknown";
        if (const auto tp = parseTimestamp(h.sentAt)) last = chinaTime(*tp);
        else if (h.sentAtFromFile && h.ageHours)
            last = chinaTime(options.now - std::chrono::duration_cast<Clock::duration>(
                                               std::chrono::duration<double, std::ratio<3600>>(*h.ageHours))) +
                   " (file)";
        std::string content = h.contentVersion ? "v" + std::to_string(*h.contentVersion) : "unknown";
        std::string attention;
        for (const AttentionReason& a : h.attention)
            if (attention.find(a.label) == std::string::npos) attention += (attention.empty() ? "" : " ") + a.label;
        if (!h.readable) {
            rows.push_back({h.terminalId, "unknown", "unknown", "unknown", "unknown", "unknown", "unknown",
                            "unknown", "unknown", attention});
            continue;
        }
        rows.push_back({h.terminalId, unknown(h.location), last, ageText(h.ageHours), unknown(h.programVersion),
                        content, unknown(h.printerState),
                        h.outboxPending ? std::to_string(*h.outboxPending) : "unknown",
                        h.freeDiskBytes ? bytesText(*h.freeDiskBytes) : "unknown",
                        attention.empty() ? "ok" : attention});
    }
    constexpr size_t kMaxColumn = 24;  // long locations are cut
    std::vector<size_t> widths;
    for (const std::string& h : headers) widths.push_back(displayWidth(h));
    for (const auto& row : rows)
        for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], std::min(kMaxColumn, displayWidth(row[i])));
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (size_t i = 0; i < cells.size(); ++i) {
            const bool last = i + 1 == cells.size();
            text += last ? cells[i] : fitted(cells[i], widths[i], true) + "  ";
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + "\n";
    };
    line(headers);
    for (const auto& row : rows) line(row);
    int attentionCount = 0;
    bool first = true;
    for (const TerminalHealth& h : fleet) {
        if (h.needsAttention()) ++attentionCount;
        for (const AttentionReason& a : h.attention) {
            if (first) out += "\n";
            first = false;
            out += h.terminalId + ": " + a.reason + "\n";
        }
    }
    out += "\n" + std::to_string(fleet.size()) + " terminal(s), " + std::to_string(attentionCount) +
           " need(s) attention\n";
    return out;
}

json fleetJson(const std::vector<TerminalHealth>& fleet, const FleetOptions& options) {
    json terminals = json::array();
    int attentionCount = 0;
    for (const TerminalHealth& h : fleet) {
        if (h.needsAttention()) ++attentionCount;
        json attention = json::array();
        for (const AttentionReason& a : h.attention)
            attention.push_back({{"code", a.code}, {"reason", a.reason}, {"label", a.label}});
        json printer = nullptr;
        if (!h.printerQueue.empty() || !h.printerState.empty() || !h.printerDetail.empty())
            printer = {{"queue", orNull(h.printerQueue)}, {"state", orNull(h.printerState)},
                       {"detail", h.printerDetail}};
        terminals.push_back({
            {"terminal_id", h.terminalId},
            {"heartbeat_file", h.file},
            {"readable", h.readable},
            {"reported_terminal_id", orNull(h.reportedId)},
            {"location", orNull(h.location)},
            {"sent_at", orNull(h.sentAt)},
            {"sent_at_from_file", h.sentAtFromFile},
            {"age_hours", h.ageHours ? json(std::round(*h.ageHours * 100) / 100) : json(nullptr)},
            {"program_version", orNull(h.programVersion)},
            {"content_id", orNull(h.contentId)},
            {"content_version", orNull(h.contentVersion)},
            {"content_created", orNull(h.contentCreated)},
            {"content_expires", orNull(h.contentExpires)},
            {"last_sync", orNull(h.lastSync)},
            {"last_sync_result", orNull(h.lastSyncResult)},
            {"printer", printer},
            {"outbox_pending", orNull(h.outboxPending)},
            {"outbox_total", orNull(h.outboxTotal)},
            {"free_disk_bytes", orNull(h.freeDiskBytes)},
            {"uptime_seconds", orNull(h.uptimeSeconds)},
            {"needs_attention", h.needsAttention()},
            {"attention", attention},
        });
    }
    return {{"checked_at", chinaTime(options.now, true, true)},
            {"stale_hours", options.staleHours},
            {"latest_version", options.latestVersion ? json(*options.latestVersion) : json(nullptr)},
            {"max_pending", options.maxPending},
            {"min_free_disk_bytes", options.minFreeDiskBytes},
            {"terminals", terminals},
            {"needing_attention", attentionCount}};
}

}  // namespace zwgk
