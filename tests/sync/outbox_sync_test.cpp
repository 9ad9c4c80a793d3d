// Applications and heartbeats going back to the office: `push` to the nginx WebDAV intake
// (idempotent under retries and duplicates, marked sent only on 201/204, intake down = still
// pending), `export` to a USB stick (and a full stick), `intake` recovering exactly the
// submitted applications from both, and `fleet` over the heartbeats terminals wrote.
#include "sync_test_support.h"

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace zwgk::synctest {
namespace {

class OutboxSync : public SyncTest {
protected:
    std::string intakeUrl() { return nt::baseUrl() + "/intake"; }
    fs::path intakeFolder(const Terminal& t) { return nt::intakeDir() / t.id; }

    void TearDown() override {
        SyncTest::TearDown();
        std::error_code ec;
        for (const Terminal& t : pushed_) fs::remove_all(intakeFolder(t), ec);
    }

    UploadReport push(const Terminal& t, const std::string& url = "") {
        if (std::find_if(pushed_.begin(), pushed_.end(), [&](const Terminal& p) { return p.id == t.id; }) == pushed_.end())
            pushed_.push_back(t);
        HttpOptions http = quickHttp();
        return uploadOutbox(t.db, url.empty() ? intakeUrl() : url, http);
    }

    std::vector<OutboxEntry> entries(const Terminal& t, bool pendingOnly) {
        return Outbox::open(t.outbox())->entries(pendingOnly, 1000);
    }

    // PUT requests for this terminal's .sealed files in nginx's access log.
    int sealedPuts(const Terminal& t) {
        int n = 0;
        std::ifstream in(nt::nginxDir() / "log" / "access.log");
        std::string line;
        while (std::getline(in, line))
            if (line.find("\"PUT /intake/" + t.id + "/") != std::string::npos && line.find(".sealed ") != std::string::npos) ++n;
        return n;
    }

    // A copy of ROOT/<terminal> for each terminal (the shared intake folder also holds other
    // tests' uploads).
    fs::path ownRoot(const fs::path& root, const std::vector<Terminal>& terminals) {
        const fs::path copy = dir_.path() / ("intake-root-" + std::to_string(++counter_));
        for (const Terminal& t : terminals) copyTree(root / t.id, copy / t.id);
        return copy;
    }

    // `kiosk-sync intake` over ROOTS: exactly the applications submitted (tracking code and
    // applicant name), each once.
    void expectIntakeRecovers(const std::vector<std::string>& roots, const std::map<std::string, std::string>& want) {
        const std::string csv = dir_.file("applications-" + std::to_string(++counter_) + ".csv");
        const std::string jsonOut = csv + ".json";
        std::vector<std::string> args = {"intake", "--key", (test::sourceDir() / "assets/demo-keys/office-demo.key").string(),
                                         "--csv", csv, "--json", jsonOut};
        args.insert(args.end(), roots.begin(), roots.end());
        const test::CliResult cli = run(args);
        EXPECT_EQ(cli.status, 0) << cli.out << cli.err;
        EXPECT_EQ(valueOf(cli.out, "applications"), std::to_string(want.size()));
        EXPECT_EQ(valueOf(cli.out, "problems"), "0");
        std::string text = test::readBytes(csv);
        ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u);
        const auto rows = test::parseCsvText(text.substr(3));
        ASSERT_FALSE(rows.empty());
        const auto& header = rows[0];
        const size_t codeCol = std::find(header.begin(), header.end(), "跟踪码") - header.begin();
        const size_t nameCol = std::find(header.begin(), header.end(), "申请人/单位名称") - header.begin();
        ASSERT_LT(codeCol, header.size());
        ASSERT_LT(nameCol, header.size());
        std::map<std::string, std::string> got;
        for (size_t i = 1; i < rows.size(); ++i) {
            EXPECT_TRUE(got.emplace(rows[i][codeCol], rows[i][nameCol]).second) << "listed twice: " << rows[i][codeCol];
        }
        EXPECT_EQ(got, want);
        const json records = readJsonFile(jsonOut);
        ASSERT_TRUE(records.is_array());
        std::map<std::string, std::string> fromJson;
        for (const json& r : records) fromJson[r["tracking_code"]] = r["applicant"]["name"];
        EXPECT_EQ(fromJson, want);
    }

    std::vector<Terminal> pushed_;  // their intake folders are removed after the test
};

// ---- push --------------------------------------------------------------------------------

TEST_F(OutboxSync, PushUploadsExactlyTheSealedBytesOnce) {
    const Terminal t = installedTerminal(3);
    const std::vector<OutboxEntry> pending = entries(t, true);
    ASSERT_EQ(pending.size(), 3u);
    const TerminalSnapshot contentBefore = snapshotOf(t.db);

    const UploadReport r = push(t);
    EXPECT_EQ(r.sent, 3);
    EXPECT_EQ(r.failed, 0);
    EXPECT_EQ(r.pending, 0);
    EXPECT_TRUE(r.heartbeat);
    EXPECT_TRUE(r.error.empty()) << r.error;
    for (const OutboxEntry& e : pending) {
        const fs::path file = intakeFolder(t) / (e.id + ".sealed");
        ASSERT_TRUE(fs::exists(file)) << file;
        EXPECT_TRUE(test::readBytes(file) == e.sealed) << "the intake holds other bytes than the sealed application";
    }
    for (const OutboxEntry& e : entries(t, false)) EXPECT_FALSE(e.uploadedAt.empty()) << e.id;
    // Pushing changes no content.
    const TerminalSnapshot after = snapshotOf(t.db);
    EXPECT_EQ(after.state.version, contentBefore.state.version);
    EXPECT_EQ(after.documents, contentBefore.documents);

    const json heartbeat = readJsonFile(intakeFolder(t) / "heartbeat.json");
    EXPECT_EQ(heartbeat["format"], "zwgk-heartbeat/1");
    EXPECT_EQ(heartbeat["terminal_id"], t.id);
    EXPECT_EQ(heartbeat["content_version"], 1);
    EXPECT_EQ(heartbeat["outbox_pending"], 0);
    EXPECT_EQ(heartbeat["outbox_total"], 3);
    EXPECT_EQ(heartbeat["last_sync_result"], "ok");

    // Again: nothing is re-sent, only the heartbeat.
    const int puts = sealedPuts(t);
    EXPECT_EQ(puts, 3);
    const test::CliResult again = run({"push", "--db", t.db, "--url", intakeUrl()});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(valueOf(again.out, "sent"), "0");
    EXPECT_EQ(valueOf(again.out, "pending"), "0");
    EXPECT_EQ(valueOf(again.out, "heartbeat"), "sent");
    EXPECT_EQ(sealedPuts(t), puts);
}

// A PUT repeated (a retry after a lost answer): 204, same file, fine. An application whose
// "sent" mark was lost is sent again and confirmed by the 204.
TEST_F(OutboxSync, DuplicatedPutIsHarmless) {
    const Terminal t = installedTerminal(2);
    ASSERT_EQ(push(t).sent, 2);
    const OutboxEntry first = entries(t, false).front();
    const fs::path file = intakeFolder(t) / (first.id + ".sealed");
    const HttpResult again = put(intakeUrl() + "/" + t.id + "/" + first.id + ".sealed", first.sealed, quickHttp());
    EXPECT_EQ(again.status, HttpStatus::Ok) << describe(again);
    EXPECT_EQ(again.httpCode, 204);
    EXPECT_TRUE(test::readBytes(file) == first.sealed);

    // The next application reaches the intake, but its confirmation is lost.
    const OutboxEntry late = submitApplications(t, 1).front();
    const HttpResult lost = put(intakeUrl() + "/" + t.id + "/" + late.id + ".sealed", late.sealed, quickHttp());
    ASSERT_EQ(lost.status, HttpStatus::Ok);
    EXPECT_EQ(lost.httpCode, 201);
    ASSERT_EQ(entries(t, true).size(), 1u);
    const UploadReport r = push(t);
    EXPECT_EQ(r.sent, 1);
    EXPECT_EQ(r.pending, 0);
    EXPECT_TRUE(test::readBytes(intakeFolder(t) / (late.id + ".sealed")) == late.sealed);
    expectIntakeRecovers({ownRoot(nt::intakeDir(), {t}).string()}, submittedNames_);
}

// The intake is down (nothing listens) or answers something else than 201/204: nothing is
// marked sent, exit 1; once it is back everything goes, and intake recovers exactly the
// submitted applications.
TEST_F(OutboxSync, IntakeDownKeepsApplicationsPending) {
    const Terminal t = installedTerminal(3);
    const FileFacts before = factsOf(t.outbox());
    const std::string down = "http://127.0.0.1:" + std::to_string(closedPort()) + "/intake";
    const test::CliResult cli = run({"push", "--db", t.db, "--url", down, "--attempts", "1"});
    EXPECT_EQ(cli.status, 1) << cli.out << cli.err;
    EXPECT_EQ(valueOf(cli.out, "sent"), "0");
    EXPECT_EQ(valueOf(cli.out, "pending"), "3");
    EXPECT_EQ(valueOf(cli.out, "heartbeat"), "not sent");
    EXPECT_NE(cli.err.find("network error"), std::string::npos) << cli.err;
    EXPECT_EQ(entries(t, true).size(), 3u);
    EXPECT_TRUE(factsOf(t.outbox()) == before) << "a failed push must not write the outbox";

    // 200 is not a confirmation; 403 neither.
    for (const std::string status : {"200", "403"}) {
        const UploadReport r = push(t, nt::baseUrl() + "/status/" + status);
        EXPECT_EQ(r.sent, 0) << status;
        EXPECT_GE(r.failed, 1) << status;
        EXPECT_EQ(r.pending, 3) << status;
        EXPECT_FALSE(r.error.empty());
    }
    EXPECT_EQ(entries(t, true).size(), 3u);

    const test::CliResult ok = run({"push", "--db", t.db, "--url", intakeUrl()});
    pushed_.push_back(t);
    EXPECT_EQ(ok.status, 0) << ok.err;
    EXPECT_EQ(valueOf(ok.out, "sent"), "3");
    EXPECT_EQ(entries(t, true).size(), 0u);
    expectIntakeRecovers({ownRoot(nt::intakeDir(), {t}).string()}, submittedNames_);
}

// ---- USB ---------------------------------------------------------------------------------

// Export to a stick (sealed applications, heartbeat, statistics; entries marked delivered),
// import of a bundle from the same stick, intake over the stick's zwgk/export folder.
TEST_F(OutboxSync, UsbRoundTrip) {
    const Terminal t = installedTerminal(3);
    const fs::path stick = dir_.path() / "stick";
    fs::create_directories(stick);
    const std::vector<OutboxEntry> pending = entries(t, true);
    // One application is already on the stick (an earlier export that was not recorded).
    const fs::path folder = stick / "zwgk" / "export" / t.id;
    fs::create_directories(folder);
    test::writeBytes(folder / (pending.front().id + ".sealed"), pending.front().sealed);

    const test::CliResult out = run({"export", "--db", t.db, stick.string()});
    EXPECT_EQ(out.status, 0) << out.out << out.err;
    EXPECT_EQ(valueOf(out.out, "folder"), folder.string());
    EXPECT_EQ(valueOf(out.out, "applications"), "2 written, 1 already there");
    EXPECT_EQ(valueOf(out.out, "heartbeat"), "written");
    EXPECT_EQ(valueOf(out.out, "message"), "已导出 3 份申请（加密保存）和终端状态。");
    for (const OutboxEntry& e : pending)
        EXPECT_TRUE(test::readBytes(folder / (e.id + ".sealed")) == e.sealed) << e.id;
    for (const OutboxEntry& e : entries(t, false)) EXPECT_EQ(e.uploadedAt.rfind("usb ", 0), 0u) << e.uploadedAt;
    const json heartbeat = readJsonFile(folder / "heartbeat.json");
    EXPECT_EQ(heartbeat["terminal_id"], t.id);
    EXPECT_EQ(heartbeat["outbox_pending"], 0);
    const json statistics = readJsonFile(folder / "statistics.json");
    EXPECT_EQ(statistics["format"], "zwgk-statistics/2");
    EXPECT_EQ(statistics["terminal_id"], t.id);
    EXPECT_TRUE(statistics["totals"].contains("sessions")) << statistics.dump();
    EXPECT_TRUE(statistics["annual_report"].contains("三、收到和处理政府信息公开申请情况")) << statistics.dump();
    EXPECT_EQ(statistics["applications_total"], 3);
    EXPECT_EQ(statistics["applications_pending"], 0);
    EXPECT_TRUE(filesEndingIn(stick, ".tmp").empty());

    // The office puts version 2 on the same stick; the export folder is not a bundle.
    copyTree(bundle(2), stick / "zwgk" / "bundles" / "v2");
    const test::CliResult in = run({"import", "--db", t.db, "--staging", t.staging, stick.string()});
    EXPECT_EQ(in.status, 0) << in.out << in.err;
    EXPECT_EQ(valueOf(in.out, "result"), "applied");
    EXPECT_EQ(valueOf(in.out, "bundle"), (stick / "zwgk/bundles/v2").string());
    EXPECT_EQ(in.out.find("skipped"), std::string::npos) << in.out;
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->syncState().version, 2);

    // Exporting again writes nothing new (all delivered); the heartbeat is refreshed.
    const test::CliResult again = run({"export", "--db", t.db, stick.string()});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(valueOf(again.out, "applications"), "0 written, 0 already there");
    EXPECT_EQ(readJsonFile(folder / "heartbeat.json")["content_version"], 2);

    expectIntakeRecovers({(stick / "zwgk" / "export").string()}, submittedNames_);
}

// Terminal a pushed, terminal b exported to a stick, and staff also copied a's uploads onto
// the stick: intake over both roots lists every application once.
TEST_F(OutboxSync, IntakeMergesTheIntakeFolderAndTheStick) {
    const Terminal a = installedTerminal(2, "terminal-a");
    const Terminal b = installedTerminal(2, "terminal-b");
    ASSERT_EQ(push(a).sent, 2);
    const fs::path stick = dir_.path() / "stick";
    fs::create_directories(stick);
    EXPECT_EQ(exportToUsb(b.db, stick.string()).applications, 2);
    // Terminal a's files also on the stick (copied by hand, as staff do).
    copyTree(intakeFolder(a), stick / "zwgk" / "export" / a.id);
    expectIntakeRecovers({ownRoot(nt::intakeDir(), {a}).string(), (stick / "zwgk" / "export").string()},
                         submittedNames_);
}

// Mounts a 64 KiB tmpfs at DIR for the test (root only); unmounts at the end.
class TinyStick {
public:
    explicit TinyStick(const fs::path& dir) : dir_(dir) {
        fs::create_directories(dir_);
        mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=64k,mode=0755") == 0;
        if (!mounted_) why_ = std::strerror(errno);
    }
    ~TinyStick() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    const std::string& why() const { return why_; }
    // Fills the stick, leaving FREEPAGES pages of 4 KiB.
    void fill(int freePages) {
        std::error_code ec;
        fs::remove(dir_ / "filler.bin", ec);
        std::ofstream out(dir_ / "filler.bin", std::ios::binary);
        const std::string page(4096, 'x');
        for (int i = 0; i < 16 - freePages; ++i) out.write(page.data(), page.size());
    }

private:
    fs::path dir_;
    bool mounted_ = false;
    std::string why_;
};

// A full stick: exit 1 with a clear message, nothing marked delivered, no .tmp left; with
// room for one application, exactly that one is delivered whole and marked.
TEST_F(OutboxSync, FullStickLosesNothing) {
    TinyStick stick(dir_.path() / "tiny-stick");
    if (!stick.mounted()) GTEST_SKIP() << "cannot mount a tmpfs (" << stick.why() << "): run as root";
    const Terminal t = installedTerminal(3);
    const fs::path root = dir_.path() / "tiny-stick";
    fs::create_directories(root / "zwgk" / "export" / t.id);
    stick.fill(0);

    const test::CliResult full = run({"export", "--db", t.db, root.string()});
    EXPECT_EQ(full.status, 1) << full.out << full.err;
    EXPECT_NE(valueOf(full.out, "message").find("U盘空间不足"), std::string::npos) << full.out;
    EXPECT_NE(full.err.find("stick full"), std::string::npos) << full.err;
    EXPECT_EQ(valueOf(full.out, "applications"), "0 written, 0 already there");
    EXPECT_EQ(entries(t, true).size(), 3u) << "applications marked delivered although not on the stick";
    EXPECT_EQ(filesEndingIn(root, ".tmp"), std::vector<std::string>{});
    EXPECT_EQ(filesEndingIn(root, ".sealed"), std::vector<std::string>{});

    // Room for one sealed application (a file takes at least one page).
    const std::vector<OutboxEntry> all = entries(t, true);
    ASSERT_LT(all.front().sealed.size(), 4096u);
    stick.fill(1);
    const UsbExportReport partial = exportToUsb(t.db, root.string());
    EXPECT_FALSE(partial.error.empty());
    EXPECT_EQ(partial.applications, 1);
    EXPECT_NE(partial.message.find("已导出 1 份申请"), std::string::npos) << partial.message;
    EXPECT_EQ(entries(t, true).size(), 2u);
    EXPECT_EQ(filesEndingIn(root, ".tmp"), std::vector<std::string>{});
    const auto onStick = filesEndingIn(root, ".sealed");
    ASSERT_EQ(onStick.size(), 1u);
    for (const OutboxEntry& e : entries(t, false)) {
        const fs::path file = root / "zwgk" / "export" / t.id / (e.id + ".sealed");
        if (e.uploadedAt.empty()) {
            EXPECT_FALSE(fs::exists(file)) << e.id;
        } else {
            EXPECT_TRUE(test::readBytes(file) == e.sealed) << "delivered but not whole on the stick";
        }
    }
}

// The whole round trip: an application pushed, opened at the office, its status typed into
// the office's table, `status` turns the table into statuses.json, the next bundle carries it
// and the terminal answers 进度查询 for that code.
TEST_F(OutboxSync, StatusOfAnApplicationComesBackInTheNextBundle) {
    const Terminal t = installedTerminal(1);
    const OutboxEntry e = entries(t, true).front();
    ASSERT_EQ(push(t).sent, 1);
    expectIntakeRecovers({ownRoot(nt::intakeDir(), {t}).string()}, submittedNames_);

    const std::string table = dir_.file("status-table.csv");
    test::writeBytes(table, "code,status,received,due,updated,note\r\n" + e.trackingCode + ",办理中," + e.receivedDate +
                                "," + e.dueDate + "," + e.receivedDate + ",已受理，正在办理\r\n");
    const std::string statuses = dir_.file("statuses.json");
    const test::CliResult st = run({"status", "--out", statuses, "--updated", e.receivedDate, table});
    ASSERT_EQ(st.status, 0) << st.out << st.err;
    const fs::path b2 = bundle(2, {.edit = [&](const fs::path& dir) {
                                       fs::copy_file(statuses, dir / "statuses.json", fs::copy_options::overwrite_existing);
                                   }});
    const fs::path stick = dir_.path() / "stick";
    copyTree(b2, stick / "v2");
    ASSERT_STREQ(outcomeText(importStick(t, stick).update), "applied");
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    const auto status = store->applicationStatus(e.trackingCode);
    ASSERT_TRUE(status) << e.trackingCode;
    EXPECT_EQ(status->status, "办理中");
    EXPECT_EQ(status->due, e.dueDate);
    EXPECT_EQ(store->applicationStatusesUpdated(), e.receivedDate);
}

// ---- fleet -------------------------------------------------------------------------------

// `kiosk-sync fleet` over the heartbeats written by push (intake folder) and by export (stick).
TEST_F(OutboxSync, FleetReadsTheHeartbeatsTerminalsWrote) {
    const Terminal a = installedTerminal(1, "terminal-a");
    const Terminal b = installedTerminal(2, "terminal-b");
    ASSERT_TRUE(push(a).heartbeat);
    const fs::path stick = dir_.path() / "stick";
    fs::create_directories(stick);
    ASSERT_TRUE(exportToUsb(b.db, stick.string()).heartbeat);
    const fs::path root = ownRoot(nt::intakeDir(), {a});
    copyTree(stick / "zwgk" / "export" / b.id, root / b.id);

    const test::CliResult cli = run({"fleet", "--json", root.string()});
    // Neither demo terminal has a receipt printer configured: that needs attention.
    EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
    const json fleet = json::parse(cli.out);
    ASSERT_EQ(fleet["terminals"].size(), 2u);
    for (const json& term : fleet["terminals"]) {
        SCOPED_TRACE(term.dump());
        EXPECT_TRUE(term["readable"].get<bool>());
        EXPECT_EQ(term["reported_terminal_id"], term["terminal_id"]);
        EXPECT_EQ(term["content_id"], "linlan-county");
        EXPECT_EQ(term["content_version"], 1);
        EXPECT_EQ(term["outbox_pending"], 0);
        EXPECT_EQ(term["last_sync_result"], "ok");
        EXPECT_EQ(term["location"], "县政务服务中心一楼东侧");
        std::set<std::string> codes;
        for (const json& reason : term["attention"]) codes.insert(reason["code"]);
        EXPECT_EQ(codes, std::set<std::string>{"printer"});
    }
    std::set<std::string> ids;
    for (const json& term : fleet["terminals"]) ids.insert(term["terminal_id"]);
    EXPECT_EQ(ids, (std::set<std::string>{a.id, b.id}));
    EXPECT_EQ(fleet["terminals"][0]["outbox_total"].get<int>() + fleet["terminals"][1]["outbox_total"].get<int>(), 3);

    // Version 2 is out: both are outdated.
    const test::CliResult outdated = run({"fleet", "--latest-version", "2", root.string()});
    EXPECT_EQ(outdated.status, 3);
    EXPECT_NE(outdated.out.find(a.id + ": content version 1, the latest is 2"), std::string::npos) << outdated.out;
    EXPECT_NE(outdated.out.find(b.id + ": content version 1, the latest is 2"), std::string::npos) << outdated.out;
}

}  // namespace
}  // namespace zwgk::synctest
