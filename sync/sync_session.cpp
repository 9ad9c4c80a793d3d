#include "sync_session.h"

#include <sys/sysinfo.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "content_source.h"
#include "outbox.h"
#include "print_queue.h"
#include "signing.h"
#include "store.h"
#include "usage.h"
#include "event_log.h"

namespace zwgk {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Section index: sources · clock and staleness · applying one manifest · update session ·
// trust pinning · USB · intake uploads and heartbeat

// ---------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------
namespace {

class HttpBundleSource : public BundleSource {
public:
    HttpBundleSource(std::string baseUrl, HttpOptions options) : base_(std::move(baseUrl)), options_(std::move(options)) {
        while (!base_.empty() && base_.back() == '/') base_.pop_back();
    }
    std::string describe() const override { return base_; }

    std::optional<std::string> fetchSmall(const std::string& path, int64_t maxBytes) override {
        std::string body;
        const HttpResult r = fetchToMemory(base_ + "/" + path, body, maxBytes, options_);
        if (r.status == HttpStatus::Ok) return body;
        if (r.status == HttpStatus::NotFound) return std::nullopt;
        if (r.status == HttpStatus::TooLarge)
            throw BundleError(BundleRefusal::TooLarge, path + " at " + base_ + " is larger than " + std::to_string(maxBytes) + " bytes");
        throw SyncFailure("无法连接内容服务器，稍后自动重试。", path + ": " + zwgk::describe(r));
    }

    void fetchFile(const ManifestFile& entry, const std::string& dest) override {
        const HttpResult r = fetchToFile(base_ + "/files/" + entry.sha256, dest, entry.length, options_);
        if (r.status == HttpStatus::NotFound)
            throw BundleError(BundleRefusal::FileMissing, "files/" + entry.sha256 + " (" + entry.path + ") is missing on the server");
        if (r.status == HttpStatus::TooLarge)
            throw BundleError(BundleRefusal::FileTooLong, "file " + entry.path + " is longer than declared");
        if (r.status != HttpStatus::Ok) throw SyncFailure("下载中断，稍后自动续传。", entry.path + ": " + zwgk::describe(r));
        if (!fileMatches(dest, entry)) {
            std::error_code ec;
            fs::remove(dest, ec);
            throw BundleError(BundleRefusal::FileHash, "file " + entry.path + " from the server does not match its SHA-256");
        }
    }

private:
    std::string base_;      // web root URL without the trailing slash
    HttpOptions options_;   // timeouts, retries, cancellation
};

class FolderBundleSource : public BundleSource {
public:
    explicit FolderBundleSource(std::string dir) : dir_(std::move(dir)) {}
    std::string describe() const override { return dir_; }

    std::optional<std::string> fetchSmall(const std::string& path, int64_t maxBytes) override {
        const fs::path file = fs::path(dir_) / path;
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) return std::nullopt;
        std::ifstream in(file, std::ios::binary);
        if (!in) throw SyncFailure("无法读取U盘上的文件。", "cannot read " + file.string());
        std::string data(static_cast<size_t>(std::min<int64_t>(maxBytes + 1, 1 << 20)), '\0');
        std::string all;
        while (in && static_cast<int64_t>(all.size()) <= maxBytes) {
            in.read(data.data(), static_cast<std::streamsize>(data.size()));
            all.append(data.data(), static_cast<size_t>(in.gcount()));
            if (in.gcount() == 0) break;
        }
        if (static_cast<int64_t>(all.size()) > maxBytes)
            throw BundleError(BundleRefusal::TooLarge, file.string() + " is larger than " + std::to_string(maxBytes) + " bytes");
        return all;
    }

    void fetchFile(const ManifestFile& entry, const std::string& dest) override {
        try {
            copyVerifiedFile((fs::path(dir_) / "files" / entry.sha256).string(), dest, entry);
        } catch (const BundleError&) {
            throw;
        } catch (const std::exception& e) {
            throw SyncFailure("复制内容包文件失败（磁盘空间不足或U盘已拔出）。", e.what());
        }
    }

private:
    std::string dir_;  // the bundle folder
};

}  // namespace

std::unique_ptr<BundleSource> httpSource(const std::string& baseUrl, const HttpOptions& options) {
    return std::make_unique<HttpBundleSource>(baseUrl, options);
}
std::unique_ptr<BundleSource> folderSource(const std::string& dir) { return std::make_unique<FolderBundleSource>(dir); }

const char* outcomeName(SyncOutcome outcome) {
    switch (outcome) {
    case SyncOutcome::Applied: return "applied";
    case SyncOutcome::UpToDate: return "up-to-date";
    case SyncOutcome::Refused: return "refused";
    case SyncOutcome::Failed: return "failed";
    }
    return "failed";
}

// ---------------------------------------------------------------------------------------
// Clock and staleness
// ---------------------------------------------------------------------------------------
std::string trustedNow(const std::string& clockFloor, const std::string& override) {
    const std::string now = override.empty() ? utcNow() : override;
    return std::max(now, clockFloor);
}

Staleness contentStaleness(const Store& store, const std::string& nowOverride) {
    Staleness s;
    const SyncState state = store.syncState();
    if (state.created.empty()) return s;
    if (auto seconds = utcSeconds(state.created))
        s.lastUpdated = utcFromSeconds(*seconds + 8 * 3600).substr(0, 10);  // Beijing time
    s.stale = !state.expires.empty() && trustedNow(state.clockFloor, nowOverride) > state.expires;
    return s;
}

// ---------------------------------------------------------------------------------------
// Applying one manifest
// ---------------------------------------------------------------------------------------
namespace {

std::string stagingFor(const std::string& storePath, const SyncOptions& options) {
    return options.stagingDir.empty() ? storePath + ".sync" : options.stagingDir;
}

// Downloads what is missing, then applies. Throws BundleError, SyncFailure or StoreError.
void applyManifest(Store& store, BundleSource& source, const Manifest& m, const std::string& staging,
                   const SyncOptions& options, UpdateReport& report) {
    fs::create_directories(staging);
    int64_t needed = 0;
    for (const ManifestFile& f : m.files)
        if (!fileMatches((fs::path(staging) / f.sha256).string(), f)) needed += f.length;
    // Room for the downloads and for the store to grow by the raw content (WAL included).
    const auto space = fs::space(staging);
    int64_t raw = 0;
    for (const ManifestFile& f : m.files) raw += f.rawLength;
    if (static_cast<int64_t>(space.available) < needed + raw)
        throw SyncFailure("本机磁盘空间不足，无法更新内容。",
                          "needs " + std::to_string((needed + raw) >> 20) + " MiB free, has " +
                              std::to_string(space.available >> 20) + " MiB");
    if (options.progress) {
        options.progress->phase = 2;
        options.progress->bytesTotal += needed;
        options.progress->filesTotal += static_cast<int>(m.files.size());
    }
    for (const ManifestFile& f : m.files) {
        if (options.cancelled && options.cancelled()) throw SyncFailure("更新已取消。", "cancelled");
        const std::string path = (fs::path(staging) / f.sha256).string();
        if (!fileMatches(path, f)) {
            source.fetchFile(f, path);
            report.bytesFetched += f.length;
            if (options.progress) options.progress->bytesDone += f.length;
        }
        if (options.progress) ++options.progress->filesDone;
    }

    if (options.progress) options.progress->phase = 3;
    auto load = [&](const ManifestFile& f) { return decodeFile(readVerifiedFile((fs::path(staging) / f.sha256).string(), f), f); };
    const BundleStamp stamp{m.contentId, m.version, m.digest, m.created, m.expires, utcNow(), source.describe()};
    try {
        const ApplyReport applied = applyBundleFiles(store, m, load, stamp);
        report.notes.push_back("version " + std::to_string(m.version) + ": " + applied.searchIndex);
    } catch (const StoreError& e) {
        if (e.kind() == StoreErrorKind::BadContent)
            throw BundleError(BundleRefusal::Corrupt, std::string("bundle content: ") + e.what());
        throw SyncFailure("写入内容时出错（磁盘已满或损坏），原内容保持不变。", e.what());
    }
    // Applied: the staged copies are no longer needed.
    for (const ManifestFile& f : m.files) {
        std::error_code ec;
        fs::remove(fs::path(staging) / f.sha256, ec);
    }
}

Manifest verifiedManifest(const std::string& text, const RootMetadata& root, const std::string& now) {
    Manifest m = parseManifest(text);
    verifyManifest(m, root, now);
    return m;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Update session
// ---------------------------------------------------------------------------------------
UpdateReport updateFromSource(const std::string& storePath, BundleSource& source, const SyncOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    UpdateReport report;
    std::unique_ptr<Store> store;
    auto finish = [&](SyncOutcome outcome, const std::string& message, const std::string& detail) {
        report.outcome = outcome;
        report.message = message;
        report.detail = detail;
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (options.progress) options.progress->phase = 0;
        if (store) {
            try {
                // "ok" is what the fleet report looks for (office_tools.h).
                store->recordSyncAttempt(utcNow(), outcome == SyncOutcome::Applied || outcome == SyncOutcome::UpToDate
                                                       ? std::string("ok")
                                                       : std::string(outcomeName(outcome)) + ": " + detail);
                report.toVersion = store->syncState().version;
            } catch (const std::exception&) {
            }
        }
        return report;
    };
    try {
        store = Store::open(storePath, Store::Mode::ReadWrite);
    } catch (const StoreError& e) {
        return finish(SyncOutcome::Failed, "无法打开本机内容库。", e.what());
    }
    SyncState state = store->syncState();
    report.fromVersion = state.version;
    if (state.root.empty())
        return finish(SyncOutcome::Refused, "本机尚未设置根密钥，无法验证内容包（请用 kiosk-sync trust 设置）。",
                      "no root key pinned in the store (kiosk-sync trust)");
    if (options.progress) options.progress->phase = 1;
    const std::string staging = stagingFor(storePath, options);
    try {
        RootMetadata root = parseRoot(state.root);
        // Roots: walk the chain from the pinned version.
        while (auto text = source.fetchSmall("roots/" + std::to_string(root.version + 1) + ".json", kMaxRootBytes)) {
            root = verifyRootUpdate(root, *text);
            store->pinRoot(root.text, root.version);
            ++report.rootsAccepted;
            report.notes.push_back("accepted root version " + std::to_string(root.version));
        }
        std::string now = trustedNow(state.clockFloor, options.now);
        TerminalContent held{state.contentId, state.version};

        // Deltas from the held version, while the chain goes on.
        bool triedDelta = false;
        while (held.version > 0) {
            auto text = source.fetchSmall("deltas/from-" + std::to_string(held.version) + ".json", kMaxManifestBytes);
            if (!text) break;
            triedDelta = true;
            try {
                const Manifest delta = verifiedManifest(*text, root, now);
                checkAcceptable(delta, held);
                applyManifest(*store, source, delta, staging, options, report);
                store->raiseClockFloor(delta.created);
                now = std::max(now, delta.created);
                held.version = delta.version;
                held.contentId = delta.contentId;
                ++report.deltasApplied;
                report.notes.push_back("applied delta " + std::to_string(delta.base) + " -> " + std::to_string(delta.version));
            } catch (const BundleError& e) {
                report.notes.push_back(std::string("delta from ") + std::to_string(held.version) + " refused (" +
                                       refusalName(e.refusal()) + "): " + e.what() + "; trying the snapshot");
                report.refusal = e.refusal();
                break;
            }
        }

        auto latestText = source.fetchSmall("manifest.json", kMaxManifestBytes);
        if (!latestText) {
            if (report.deltasApplied > 0)
                return finish(SyncOutcome::Applied, "内容已更新。", "applied " + std::to_string(report.deltasApplied) + " delta(s)");
            return finish(SyncOutcome::Failed, "没有找到内容包。", "no manifest.json at " + source.describe());
        }
        const Manifest latest = verifiedManifest(*latestText, root, now);
        store->raiseClockFloor(latest.created);
        if (latest.version <= held.version) {
            if (report.deltasApplied > 0 || latest.version == held.version) {
                report.refusal.reset();
                if (report.deltasApplied > 0)
                    return finish(SyncOutcome::Applied, "内容已更新。",
                                  "applied " + std::to_string(report.deltasApplied) + " delta(s)");
                return finish(SyncOutcome::UpToDate, "内容已是最新。", "version " + std::to_string(held.version) + " is current");
            }
            checkAcceptable(latest, held);  // throws Rollback
        }
        // A web root's manifest.json is a snapshot; a bundle folder (a USB stick) written by
        // `pack --base` holds a delta there: it applies when its base is the held version
        // (checkAcceptable: WrongBase otherwise).
        checkAcceptable(latest, held);
        if (!latest.delta) report.deltaGap = held.version > 0 && (triedDelta || report.deltasApplied == 0);
        applyManifest(*store, source, latest, staging, options, report);
        report.refusal.reset();
        if (latest.delta) {
            ++report.deltasApplied;
            report.notes.push_back("applied delta " + std::to_string(latest.base) + " -> " + std::to_string(latest.version));
            return finish(SyncOutcome::Applied, "内容已更新。", "applied delta to version " + std::to_string(latest.version));
        }
        report.snapshotApplied = true;
        report.notes.push_back("applied snapshot " + std::to_string(latest.version));
        return finish(SyncOutcome::Applied, "内容已更新。", "applied snapshot version " + std::to_string(latest.version));
    } catch (const BundleError& e) {
        report.refusal = e.refusal();
        if (report.deltasApplied > 0) report.notes.push_back(std::string("stopped: ") + e.what());
        return finish(SyncOutcome::Refused, refusalMessage(e.refusal()), e.what());
    } catch (const SyncFailure& e) {
        return finish(SyncOutcome::Failed, e.chinese(), e.what());
    } catch (const StoreError& e) {
        return finish(SyncOutcome::Failed, "写入内容时出错，原内容保持不变。", e.what());
    } catch (const std::exception& e) {
        return finish(SyncOutcome::Failed, "更新失败，原内容保持不变。", e.what());
    }
}

// ---------------------------------------------------------------------------------------
// Trust pinning
// ---------------------------------------------------------------------------------------
int64_t pinTrustedRoot(const std::string& storePath, const std::string& rootText) {
    auto store = Store::open(storePath, Store::Mode::ReadWrite);
    const SyncState state = store->syncState();
    RootMetadata root;
    if (state.root.empty()) {
        root = verifySelfSignedRoot(rootText);
    } else {
        const RootMetadata pinned = parseRoot(state.root);
        if (pinned.text == rootText) return pinned.version;
        root = verifyRootUpdate(pinned, rootText);
    }
    store->pinRoot(root.text, root.version);
    return root.version;
}

// ---------------------------------------------------------------------------------------
// USB
// ---------------------------------------------------------------------------------------
namespace {

void findBundleFolders(const fs::path& dir, int depth, std::vector<fs::path>& found) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "manifest.json", ec) && fs::is_directory(dir / "files", ec)) found.push_back(dir);
    if (depth == 0) return;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
        const std::string name = it->path().filename().string();
        if (name == "files" || name.empty() || name[0] == '.') continue;
        findBundleFolders(it->path(), depth - 1, found);
    }
}

}  // namespace

UsbImportReport importFromUsb(const std::string& storePath, const std::string& stickDir, const SyncOptions& options) {
    UsbImportReport report;
    std::error_code ec;
    if (!fs::is_directory(stickDir, ec)) {
        report.update.outcome = SyncOutcome::Failed;
        report.update.message = "没有找到U盘目录。";
        report.update.detail = stickDir + " is not a folder";
        return report;
    }
    std::vector<fs::path> folders;
    findBundleFolders(stickDir, 3, folders);
    std::string root;
    SyncState state;
    try {
        auto store = Store::open(storePath, Store::Mode::ReadOnly);
        state = store->syncState();
    } catch (const StoreError& e) {
        report.update.outcome = SyncOutcome::Failed;
        report.update.message = "无法打开本机内容库。";
        report.update.detail = e.what();
        return report;
    }
    report.update.fromVersion = report.update.toVersion = state.version;
    if (state.root.empty()) {
        report.update.outcome = SyncOutcome::Refused;
        report.update.message = "本机尚未设置根密钥，无法验证内容包（请用 kiosk-sync trust 设置）。";
        report.update.detail = "no root key pinned in the store (kiosk-sync trust)";
        return report;
    }
    // The newest verifiable manifest among the folders (its root chain may be newer than
    // the pinned root: check it against the chain on the same stick), preferring the ones
    // this terminal can take (checkAcceptable): a delta for another base or an old version
    // does not hide a good snapshot beside it. With none acceptable, the newest verifiable
    // one goes to the session, which reports it (up to date, rollback, wrong base …).
    int64_t bestVersion = -1;
    bool bestAcceptable = false;
    std::string bestWhy;  // why the chosen one would be skipped if a better one turns up
    const TerminalContent held{state.contentId, state.version};
    std::vector<BundleRefusal> refusals;  // of the folders that did not verify
    std::string firstDetail;
    for (const fs::path& folder : folders) {
        try {
            RootMetadata trusted = parseRoot(state.root);
            auto source = folderSource(folder.string());
            while (auto text = source->fetchSmall("roots/" + std::to_string(trusted.version + 1) + ".json", kMaxRootBytes))
                trusted = verifyRootUpdate(trusted, *text);
            auto text = source->fetchSmall("manifest.json", kMaxManifestBytes);
            if (!text) throw BundleError(BundleRefusal::FileMissing, "manifest.json is gone");
            const Manifest m = verifiedManifest(*text, trusted, trustedNow(state.clockFloor, options.now));
            report.found = true;
            bool acceptable = true;
            std::string why = "an older bundle";
            try {
                checkAcceptable(m, held);
            } catch (const BundleError& e) {
                acceptable = false;
                why = std::string(refusalName(e.refusal())) + ": " + e.what();
            }
            if (report.chosen.empty() || (acceptable && !bestAcceptable) ||
                (acceptable == bestAcceptable && m.version > bestVersion)) {
                if (!report.chosen.empty()) report.skipped.push_back(report.chosen + ": " + bestWhy);
                bestVersion = m.version;
                bestAcceptable = acceptable;
                bestWhy = acceptable ? "an older bundle" : why;
                report.chosen = folder.string();
            } else {
                report.skipped.push_back(folder.string() + ": " + why);
            }
        } catch (const BundleError& e) {
            report.skipped.push_back(folder.string() + ": " + refusalName(e.refusal()) + ": " + e.what());
            refusals.push_back(e.refusal());
            if (firstDetail.empty()) firstDetail = folder.string() + ": " + e.what();
        } catch (const std::exception& e) {
            report.skipped.push_back(folder.string() + ": " + e.what());
            if (firstDetail.empty()) firstDetail = folder.string() + ": " + e.what();
        }
    }
    if (report.chosen.empty()) {
        report.update.outcome = folders.empty() ? SyncOutcome::Failed : SyncOutcome::Refused;
        report.update.message = folders.empty() ? "U盘上没有内容包。" : "U盘上的内容包都无法通过验证，未更新。";
        report.update.detail = folders.empty() ? "no bundle folder (manifest.json + files/) on " + stickDir
                                               : "no bundle on the stick verified (" + firstDetail + ")";
        // Every bundle refused for the same reason (one bundle, usually): say which, as a
        // session would (the staff screen and the CLI show the reason, not only "invalid").
        if (!refusals.empty() && refusals.size() == folders.size() &&
            std::all_of(refusals.begin(), refusals.end(), [&](BundleRefusal r) { return r == refusals.front(); })) {
            report.update.refusal = refusals.front();
            report.update.message = refusalMessage(refusals.front());
        }
        return report;
    }
    auto source = folderSource(report.chosen);
    report.update = updateFromSource(storePath, *source, options);
    return report;
}

namespace {

std::string terminalIdOf(const Store& store) { return store.setting("terminal.id").value_or(""); }

bool validTerminalId(const std::string& id) {
    return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
}

// Writes DATA as PATH (via PATH.tmp), syncs and reads it back; false with WHY on failure
// (the temporary file is removed).
bool writeDurably(const fs::path& path, const std::string& data, std::string& why) {
    const fs::path temp = path.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) {
            out.close();
            std::error_code ec;
            fs::remove(temp, ec);
            why = "cannot write " + temp.string() + " (stick full or read-only?)";
            return false;
        }
    }
    if (FILE* f = std::fopen(temp.c_str(), "rb")) {
        ::fsync(fileno(f));
        std::fclose(f);
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) {
        fs::remove(temp, ec);
        why = "cannot rename " + temp.string();
        return false;
    }
    std::ifstream back(path, std::ios::binary);
    std::string read((std::istreambuf_iterator<char>(back)), std::istreambuf_iterator<char>());
    if (read != data) {
        why = "read-back of " + path.string() + " differs";
        return false;
    }
    return true;
}

}  // namespace

UsbExportReport exportToUsb(const std::string& storePath, const std::string& stickDir) {
    UsbExportReport report;
    std::error_code ec;
    if (!fs::is_directory(stickDir, ec)) {
        report.error = stickDir + " is not a folder";
        report.message = "没有找到U盘目录。";
        return report;
    }
    try {
        auto store = Store::open(storePath, Store::Mode::ReadOnly);
        const std::string terminal = terminalIdOf(*store);
        if (!validTerminalId(terminal)) {
            report.error = "terminal.id is not set (kiosk-sync config --db PATH terminal.id LL01)";
            report.message = "本机未设置终端编号，无法导出。";
            return report;
        }
        auto outbox = Outbox::open(Outbox::pathForStore(storePath));
        const fs::path folder = fs::path(stickDir) / "zwgk" / "export" / terminal;
        fs::create_directories(folder, ec);
        if (ec) {
            report.error = "cannot create " + folder.string() + ": " + ec.message();
            report.message = "无法在U盘上建立导出目录（U盘只读或已满）。";
            return report;
        }
        report.folder = folder.string();
        const std::string when = utcNow();
        for (const OutboxEntry& entry : outbox->entries(true, 100000)) {
            const fs::path file = folder / (entry.id + ".sealed");
            std::ifstream existing(file, std::ios::binary);
            if (existing) {
                std::string there((std::istreambuf_iterator<char>(existing)), std::istreambuf_iterator<char>());
                if (there == entry.sealed) {
                    ++report.alreadyThere;
                    outbox->markUploaded(entry.id, "usb " + when);
                    continue;
                }
            }
            std::string why;
            if (!writeDurably(file, entry.sealed, why)) {
                report.error = why;
                report.message = "U盘空间不足或无法写入：已导出 " + std::to_string(report.applications) +
                                 " 份申请，其余仍保存在本机，请换U盘后重试。";
                return report;
            }
            outbox->markUploaded(entry.id, "usb " + when);
            ++report.applications;
        }
        std::string why;
        report.heartbeat = writeDurably(folder / "heartbeat.json", heartbeatJson(*store, outbox.get(), storePath), why);
        writeDurably(folder / "statistics.json", statisticsJson(*store, outbox.get(), when), why);
        if (!report.heartbeat) report.error = why;
        report.message = "已导出 " + std::to_string(report.applications + report.alreadyThere) + " 份申请（加密保存）" +
                         (report.heartbeat ? "和终端状态。" : "；终端状态未能写入。");
    } catch (const std::exception& e) {
        report.error = e.what();
        report.message = "导出失败，申请仍保存在本机。";
    }
    return report;
}

// ---------------------------------------------------------------------------------------
// Intake uploads and heartbeat
// ---------------------------------------------------------------------------------------
// The latest year with counts (the current year on a terminal in use) at the top level;
// earlier years that still have counts in previous_years, so that a stick collected in
// January still brings December's numbers.
std::string statisticsJson(const Store& store, const Outbox* outbox, const std::string& exportedAt) {
    std::vector<int> years = store.usageYears();
    if (years.empty()) years.push_back(std::stoi(exportedAt.substr(0, 4)));
    json statistics = usage::exportYear(store, years.back(), exportedAt);
    json previous = json::array();
    for (size_t i = 0; i + 1 < years.size(); ++i) previous.push_back(usage::exportYear(store, years[i], exportedAt));
    statistics["previous_years"] = previous;
    statistics["applications_total"] = outbox ? outbox->count(false) : 0;
    statistics["applications_pending"] = outbox ? outbox->count(true) : 0;
    return statistics.dump(1) + "\n";
}

std::string heartbeatJson(const Store& store, const Outbox* outbox, const std::string& storePath) {
    const SyncState state = store.syncState();
    const std::string queue = store.effectiveSetting("printer.receipt").value_or("");
    std::string printerState = "not-configured", printerDetail;
    if (!queue.empty()) {
        const PrinterStatus status = probePrinter(store.effectiveSetting("printer.server").value_or(""), queue);
        printerState = status.problem == PrinterProblem::None ? "ready" : printerProblemName(status.problem);
        printerDetail = status.detail;
    }
    struct sysinfo info{};
    const int64_t uptime = sysinfo(&info) == 0 ? info.uptime : 0;
    std::error_code ec;
    const auto space = fs::space(fs::absolute(storePath).parent_path(), ec);
    std::string contentId;
    try {
        contentId = store.meta().contentId;
    } catch (const StoreError&) {
    }
    json heartbeat = {{"format", "zwgk-heartbeat/1"},
                      {"terminal_id", store.setting("terminal.id").value_or("")},
                      {"location", store.setting("terminal.location").value_or("")},
                      {"sent_at", utcNow()},
                      {"program_version", ZWGK_PROGRAM_VERSION},
                      {"content_id", contentId},
                      {"content_version", state.version},
                      {"content_created", state.created},
                      {"content_expires", state.expires},
                      {"last_sync", state.lastAttempt},
                      {"last_sync_result", state.lastResult},
                      {"printer", {{"queue", queue}, {"state", printerState}, {"detail", printerDetail}}},
                      {"outbox_pending", outbox ? outbox->count(true) : 0},
                      {"outbox_total", outbox ? outbox->count(false) : 0},
                      {"free_disk_bytes", ec ? int64_t(0) : static_cast<int64_t>(space.available)},
                      {"uptime_seconds", uptime}};
    const std::vector<int> years = store.usageYears();
    const int year = years.empty() ? std::stoi(heartbeat["sent_at"].get<std::string>().substr(0, 4)) : years.back();
    heartbeat["usage"] = usage::heartbeatSummary(store, year);
    // The log's state is the process's own: the kiosk's sync worker reports it, kiosk-sync
    // (which keeps no log) leaves it out.
    if (const logs::Health log = logs::health(); log.open)
        heartbeat["log"] = {{"failing", log.failing}, {"detail", log.detail}, {"failed_lines", log.failedLines}};
    return heartbeat.dump(1) + "\n";
}

UploadReport uploadOutbox(const std::string& storePath, const std::string& intakeUrl, const HttpOptions& options) {
    UploadReport report;
    std::string base = intakeUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    try {
        auto store = Store::open(storePath, Store::Mode::ReadOnly);
        const std::string terminal = terminalIdOf(*store);
        if (!validTerminalId(terminal)) {
            report.error = "terminal.id is not set";
            return report;
        }
        auto outbox = Outbox::open(Outbox::pathForStore(storePath));
        for (const OutboxEntry& entry : outbox->entries(true, 100000)) {
            if (options.cancelled && options.cancelled()) break;
            const HttpResult r = put(base + "/" + terminal + "/" + entry.id + ".sealed", entry.sealed, options);
            if (r.status == HttpStatus::Ok) {
                outbox->markUploaded(entry.id, utcNow());
                ++report.sent;
            } else {
                ++report.failed;
                if (report.error.empty()) report.error = entry.id + ": " + describe(r);
                if (r.status == HttpStatus::NetworkError || r.status == HttpStatus::Cancelled) break;
            }
        }
        report.pending = static_cast<int>(outbox->count(true));
        const HttpResult hb = put(base + "/" + terminal + "/heartbeat.json",
                                  heartbeatJson(*store, outbox.get(), storePath), options);
        report.heartbeat = hb.status == HttpStatus::Ok;
        if (!report.heartbeat && report.error.empty()) report.error = "heartbeat: " + describe(hb);
    } catch (const std::exception& e) {
        report.error = e.what();
    }
    return report;
}

}  // namespace zwgk
