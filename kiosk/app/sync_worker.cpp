#include "sync_worker.h"
#include "event_log.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "store.h"

namespace zwgk {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kPublishEvery = std::chrono::milliseconds(200);  // progress while a job runs
constexpr int kDefaultIntervalMinutes = 30;

// A stick is known by its folder and the device it is on, so that another stick mounted
// at the same place counts as a new insertion.
std::string stickKey(const fs::path& dir) {
    struct stat st{};
    if (::stat(dir.c_str(), &st) != 0) return dir.string();
    return dir.string() + "|" + std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
           std::to_string(static_cast<unsigned long long>(st.st_ino));
}

bool isStick(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "zwgk", ec);
}

// Folders DEPTH levels below ROOT (1: ROOT/x, 2: ROOT/x/y too) that hold a zwgk/ folder.
void collectSticks(const fs::path& dir, int depth, std::vector<fs::path>& out) {
    if (depth <= 0) return;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
        if (isStick(it->path()))
            out.push_back(it->path());
        else
            collectSticks(it->path(), depth - 1, out);
    }
}

// The session gives way to the UI thread: on a terminal without a GPU both want the CPU
// while a citizen scrolls, and the screen matters more than finishing the sync a second
// earlier. Nice 10 for the CPU, the lowest best-effort class for the disk (Linux: both
// apply to the calling thread only).
void lowerPriority() {
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, 10);
    constexpr int kIoprioWhoProcess = 1, kIoprioClassBestEffort = 2, kIoprioClassShift = 13;
    ::syscall(SYS_ioprio_set, kIoprioWhoProcess, static_cast<int>(tid), (kIoprioClassBestEffort << kIoprioClassShift) | 7);
}

}  // namespace

std::string syncReportSentences() {
    std::string all;
    for (int r = static_cast<int>(BundleRefusal::Malformed); r <= static_cast<int>(BundleRefusal::Corrupt); ++r)
        all += refusalMessage(static_cast<BundleRefusal>(r));
    // sync_session.cpp's messages for staff (SyncFailure, USB, export).
    for (const char* s : {"无法连接内容服务器，稍后自动重试。", "下载中断，稍后自动续传。", "复制内容包文件失败（磁盘空间不足或U盘已拔出）。",
                          "本机磁盘空间不足，无法更新内容。", "更新已取消。", "写入内容时出错（磁盘已满或损坏），原内容保持不变。",
                          "无法打开本机内容库。", "本机尚未设置根密钥，无法验证内容包（请用 kiosk-sync trust 设置）。",
                          "内容已更新。", "没有找到内容包。", "内容已是最新。", "更新失败，原内容保持不变。", "没有找到U盘目录。",
                          "U盘上没有内容包。", "U盘上的内容包都无法通过验证，未更新。", "本机未设置终端编号，无法导出。",
                          "无法在U盘上建立导出目录（U盘只读或已满）。", "U盘空间不足或无法写入：已导出 0 份申请，其余仍保存在本机，请换U盘后重试。",
                          "已导出 0 份申请（加密保存）和终端状态。", "；终端状态未能写入。", "导出失败，申请仍保存在本机。"})
        all += s;
    return all;
}

SyncWorker::SyncWorker(SyncWorkerOptions options) : options_(std::move(options)) {
    if (options_.usbRoots.empty()) options_.usbRoots = kDefaultUsbRoots;
    thread_ = std::thread([this] { run(); });
}

SyncWorker::~SyncWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

SyncStatus SyncWorker::status() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
}

std::optional<UsbSyncReport> SyncWorker::takeUsbReport() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<UsbSyncReport> out;
    out.swap(usbReport_);
    return out;
}

std::optional<OnlineSyncReport> SyncWorker::lastOnline() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return online_;
}

void SyncWorker::requestOnlineSync() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        onlineRequested_ = true;
    }
    cv_.notify_all();
}

void SyncWorker::requestUsbAgain() {
    usbAgain_ = true;  // the supervisor forgets the handled sticks at its next look
}

// ---------------------------------------------------------------------------------------
// The supervisor
// ---------------------------------------------------------------------------------------
void SyncWorker::run() {
    auto nextOnline = Clock::now() + std::chrono::milliseconds(options_.firstRunDelayMs);
    auto nextUsb = Clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
        if (job_.joinable()) {
            // A session runs: publish its progress until it is done. A job that ends within
            // the first 200 ms (an up-to-date check) never shows on screen.
            cv_.wait_for(lock, kPublishEvery, [this] { return stop_ || jobDone_; });
            if (stop_) break;
            const bool done = jobDone_;
            lock.unlock();
            if (done) {
                job_.join();
                jobRunning_ = false;
            }
            publish();
            // A finished job may have changed the content or left a report: let the UI look.
            if (done && options_.wake) options_.wake();
            lock.lock();
            jobDone_ = false;
            continue;
        }
        cv_.wait_until(lock, std::min(nextOnline, nextUsb), [this] { return stop_.load() || onlineRequested_; });
        if (stop_) break;
        const auto now = Clock::now();
        if (now >= nextUsb) {
            nextUsb = now + std::chrono::milliseconds(options_.usbPollMs);
            lock.unlock();
            const std::optional<std::string> stick = findNewStick();
            lock.lock();
            if (stick && !stop_) {
                startJob(lock, /*usb=*/true, *stick);
                continue;
            }
        }
        if (onlineRequested_ || now >= nextOnline) {
            onlineRequested_ = false;
            lock.unlock();
            const bool configured = onlineConfigured();
            const auto interval = onlineInterval();
            lock.lock();
            nextOnline = Clock::now() + interval;
            if (configured && !stop_) startJob(lock, /*usb=*/false, "");
        }
    }
    lock.unlock();
    // The job sees stop_ through its cancelled() callbacks.
    if (job_.joinable()) job_.join();
    jobRunning_ = false;
}

void SyncWorker::startJob(std::unique_lock<std::mutex>&, bool usb, const std::string& stick) {
    progress_.phase = 0;
    progress_.bytesDone = 0;
    progress_.bytesTotal = 0;
    progress_.filesDone = 0;
    progress_.filesTotal = 0;
    partialBytes_ = 0;
    partialBase_ = 0;
    jobUsb_ = usb;
    exporting_ = false;
    jobDone_ = false;
    jobRunning_ = true;
    job_ = std::thread([this, usb, stick] {
        lowerPriority();
        if (usb)
            usbJob(stick);
        else
            onlineJob();
        ++jobsFinished_;
        {
            std::lock_guard<std::mutex> guard(mutex_);
            jobDone_ = true;
        }
        cv_.notify_all();
    });
}

std::optional<std::string> SyncWorker::findNewStick() {
    if (usbAgain_.exchange(false)) handledSticks_.clear();
    std::vector<fs::path> sticks;
    for (const std::string& root : options_.usbRoots) collectSticks(root, options_.usbDepth, sticks);
    std::set<std::string> present;
    std::optional<std::string> fresh;
    for (const fs::path& dir : sticks) {
        const std::string key = stickKey(dir);
        present.insert(key);
        if (!fresh && !handledSticks_.count(key)) {
            fresh = dir.string();
            handledSticks_.insert(key);
        }
    }
    // A stick that is gone may come back: it is handled again then.
    for (auto it = handledSticks_.begin(); it != handledSticks_.end();)
        it = present.count(*it) ? std::next(it) : handledSticks_.erase(it);
    return fresh;
}

std::chrono::milliseconds SyncWorker::onlineInterval() const {
    int minutes = kDefaultIntervalMinutes;
    try {
        auto store = Store::open(options_.dbPath, Store::Mode::ReadOnly);
        if (const auto value = store->effectiveSetting("sync.interval")) {
            const int v = std::atoi(value->c_str());
            if (v > 0) minutes = std::min(v, 24 * 60);
        }
    } catch (const std::exception&) {
        // No store (yet): the default; the round itself reports the problem.
    }
    return std::chrono::minutes(minutes);
}

bool SyncWorker::onlineConfigured() const {
    try {
        auto store = Store::open(options_.dbPath, Store::Mode::ReadOnly);
        return !store->effectiveSetting("sync.url").value_or("").empty() ||
               !store->effectiveSetting("intake.url").value_or("").empty();
    } catch (const std::exception&) {
        return false;
    }
}

SyncStatus SyncWorker::computeStatus() const {
    SyncStatus s;
    if (!jobRunning_) return s;
    auto percent = [this] {
        const int64_t total = progress_.bytesTotal;
        if (total <= 0) return -1;
        const int64_t base = progress_.bytesDone;
        const int64_t done = base + (partialBase_ == base ? partialBytes_.load() : 0);
        return static_cast<int>(std::clamp<int64_t>(done * 100 / total, 0, 100));
    };
    if (jobUsb_) {
        if (exporting_) {
            s.activity = SyncActivity::UsbExporting;
        } else {
            s.activity = SyncActivity::UsbImporting;
            if (progress_.phase == 2) s.percent = percent();
        }
        return s;
    }
    switch (progress_.phase.load()) {
    case 2:
        s.activity = SyncActivity::Downloading;
        s.percent = percent();
        break;
    case 3: s.activity = SyncActivity::Applying; break;
    case 4: s.activity = SyncActivity::Uploading; break;
    default: s.activity = SyncActivity::Checking; break;
    }
    return s;
}

void SyncWorker::publish() {
    const SyncStatus s = computeStatus();
    bool changed = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        changed = !(s == status_);
        status_ = s;
    }
    if (changed && options_.wake) options_.wake();
}

HttpOptions SyncWorker::httpOptions() {
    HttpOptions http;
    http.userAgent = "zwgk-kiosk";
    http.cancelled = [this] { return stop_.load(); };
    // Bytes of the file being fetched; updateFromSource counts whole files in progress_.
    http.progress = [this](int64_t done, int64_t) {
        partialBase_ = progress_.bytesDone.load();
        partialBytes_ = done;
    };
    return http;
}

SyncOptions SyncWorker::syncOptions() {
    SyncOptions sync;
    sync.now = options_.now;
    sync.progress = &progress_;
    sync.cancelled = [this] { return stop_.load(); };
    return sync;
}

// ---------------------------------------------------------------------------------------
// Jobs (on the job thread)
// ---------------------------------------------------------------------------------------
void SyncWorker::onlineJob() {
    OnlineSyncReport report;
    std::string url, intake;
    try {
        auto store = Store::open(options_.dbPath, Store::Mode::ReadOnly);
        url = store->effectiveSetting("sync.url").value_or("");
        intake = store->effectiveSetting("intake.url").value_or("");
    } catch (const std::exception& e) {
        logs::error("sync.settings_unreadable", {{"detail", e.what()}});
    }
    if (!url.empty()) {
        progress_.phase = 1;
        auto source = httpSource(url, httpOptions());
        report.update = updateFromSource(options_.dbPath, *source, syncOptions());
        report.updateRan = true;
        const UpdateReport& u = report.update;
        if (u.outcome == SyncOutcome::Applied) ++contentApplied_;
        logs::write(u.outcome == SyncOutcome::Failed ? logs::Level::Warn : logs::Level::Info, "sync.update",
                    {{"outcome", outcomeName(u.outcome)},
                     {"url", url},
                     {"detail", u.detail},
                     {"from_version", u.fromVersion},
                     {"to_version", u.toVersion},
                     {"seconds", u.seconds}});
    }
    if (!intake.empty() && !stop_) {
        progress_.phase = 4;
        report.upload = uploadOutbox(options_.dbPath, intake, httpOptions());
        report.uploadRan = true;
        progress_.phase = 0;
        const UploadReport& up = report.upload;
        logs::write(up.error.empty() ? logs::Level::Info : logs::Level::Warn, "sync.intake",
                    {{"url", intake},
                     {"sent", up.sent},
                     {"not_confirmed", up.failed},
                     {"pending", up.pending},
                     {"heartbeat", up.heartbeat},
                     {"error", up.error}});
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        online_ = std::move(report);
    }
    ++onlineRounds_;
}

void SyncWorker::usbJob(const std::string& stick) {
    logs::info("usb.stick", {{"path", stick}});
    UsbSyncReport report;
    report.stick = stick;
    report.imported = importFromUsb(options_.dbPath, stick, syncOptions());
    const UpdateReport& u = report.imported.update;
    if (u.outcome == SyncOutcome::Applied) ++contentApplied_;
    logs::info("usb.import", {{"outcome", outcomeName(u.outcome)}, {"detail", u.detail}, {"from", report.imported.chosen}});
    for (const std::string& skipped : report.imported.skipped) logs::info("usb.skipped", {{"detail", skipped}});
    if (!stop_) {
        exporting_ = true;
        report.exported = exportToUsb(options_.dbPath, stick);
        report.exportRan = true;
        exporting_ = false;
        logs::write(report.exported.error.empty() ? logs::Level::Info : logs::Level::Warn, "usb.export",
                    {{"folder", report.exported.folder},
                     {"written", report.exported.applications},
                     {"already_there", report.exported.alreadyThere},
                     {"error", report.exported.error}});
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        usbReport_ = std::move(report);
    }
    ++usbHandled_;
}

}  // namespace zwgk
