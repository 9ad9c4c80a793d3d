// kiosk-sync for applications, as staff and the office run it: terminal settings, the
// statutory reply date, the outbox listing, office keys, opening sealed applications and
// reprinting a receipt as PDF.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "cli_support.h"
#include "content_source.h"
#include "outbox.h"
#include "sealing.h"
#include "submission.h"

namespace zwgk {
namespace {

using test::Cli;
using test::CliResult;

class ApplicationsCli : public Cli {
protected:
    void SetUp() override {
        Cli::SetUp();
        if (IsSkipped()) return;
        db_ = dir_.file("content.db");
        ASSERT_EQ(run({"import-demo", "--db", db_, "--assets", (test::sourceDir() / "assets").string()}).status, 0);
    }

    // A submission made by the terminal's own code, sealed to the key at KEYPREFIX.pub.
    OutboxEntry submitOne(const std::string& keyPrefix) {
        auto store = Store::open(db_, Store::Mode::ReadWrite);
        store->setSetting("office.public_key", test::readBytes(keyPrefix + ".pub"));
        const IntakeConfig config = loadIntakeConfig(*store);
        EXPECT_TRUE(config.ready());
        auto outbox = Outbox::open(Outbox::pathForStore(db_));
        ApplicationDraft d;
        d.typeChosen = true;
        d.name = "欧阳小明";
        d.idNumber = "11010519491231002X";
        d.mobile = "13912345678";
        d.address = "临澜县柳湾乡柳湾村3组";
        d.infoDocNo = "临政办发〔2021〕9号";
        d.formChosen = d.deliveryChosen = d.privacyConsent = true;
        return submitApplication(*outbox, d, config, loadWorkingCalendar(*store),
                                 SubmissionTime{"2026-11-25", "2026-11-25T09:30:00+08:00", "2026-11-25 09:30"})
            .entry;
    }

    std::string db_;  // a demo store with the demo terminal's settings
};

TEST_F(ApplicationsCli, ImportDemoConfiguresTheDemoTerminal) {
    const CliResult list = run({"config", "--db", db_});
    EXPECT_EQ(list.status, 0);
    EXPECT_NE(list.out.find("terminal.id\tLL01\n"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("terminal.location\t"), std::string::npos) << list.out;
}

TEST_F(ApplicationsCli, ConfigGetsSetsAndRefusesMistakes) {
    EXPECT_EQ(run({"config", "--db", db_, "printer.receipt", "receipt-80mm"}).status, 0);
    const CliResult get = run({"config", "--db", db_, "printer.receipt"});
    EXPECT_EQ(get.status, 0);
    EXPECT_EQ(get.out, "receipt-80mm\n");
    EXPECT_EQ(run({"config", "--db", db_, "--unset", "printer.receipt"}).status, 0);
    const CliResult unset = run({"config", "--db", db_, "printer.receipt"});
    EXPECT_EQ(unset.status, 1);
    EXPECT_NE(unset.err.find("not set"), std::string::npos);
    const CliResult unknown = run({"config", "--db", db_, "printer.reciept", "x"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("known: terminal.id"), std::string::npos) << unknown.err;
    const CliResult badId = run({"config", "--db", db_, "terminal.id", "LIO1"});
    EXPECT_EQ(badId.status, 1);
    EXPECT_NE(badId.err.find("4 letters or digits"), std::string::npos) << badId.err;
    const CliResult badKey = run({"config", "--db", db_, "office.public_key", "abc"});
    EXPECT_EQ(badKey.status, 1);
    EXPECT_EQ(run({"config", "--db", db_, "terminal.id"}).out, "LL01\n");  // nothing changed
}

TEST_F(ApplicationsCli, DeadlinePrintsTheReplyDateAndWhetherItIsProvisional) {
    const CliResult r = run({"deadline", "--db", db_, "--received", "2026-11-25"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "received\t2026-11-25\ndue\t2026-12-23\nprovisional\tno\ncorrection_notice_by\t2026-12-04\n");
    // Extended: 20 more working days from 2026-12-23 reach into 2027, which has no calendar.
    const CliResult ext = run({"deadline", "--db", db_, "--received", "2026-11-25", "--extended"});
    EXPECT_EQ(ext.status, 0);
    EXPECT_NE(ext.out.find("due\t2027-01-20\nprovisional\tyes\n"), std::string::npos) << ext.out;
    // Across 春节 2026 (Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked).
    EXPECT_NE(run({"deadline", "--db", db_, "--received", "2026-02-06"}).out.find("due\t2026-03-12\n"),
              std::string::npos);
    for (const char* bad : {"2026-02-30", "2026/11/25", "tomorrow"}) {
        const CliResult b = run({"deadline", "--db", db_, "--received", bad});
        EXPECT_EQ(b.status, 2) << bad;
        EXPECT_NE(b.err.find("real date"), std::string::npos) << b.err;
    }
    EXPECT_EQ(run({"deadline", "--db", db_}).status, 2);
}

TEST_F(ApplicationsCli, KeygenWritesAPairAndNeverOverwrites) {
    const std::string prefix = dir_.file("office");
    const CliResult r = run({"keygen", "--kind", "seal", "--out", prefix});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(decodePublicKey(test::readBytes(prefix + ".pub")));
    EXPECT_TRUE(decodeSecretKey(test::readBytes(prefix + ".key")));
    struct stat st {};
    ASSERT_EQ(stat((prefix + ".key").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const std::string before = test::readBytes(prefix + ".key");
    const CliResult again = run({"keygen", "--kind", "seal", "--out", prefix});
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.err.find("never overwritten"), std::string::npos);
    EXPECT_EQ(test::readBytes(prefix + ".key"), before);
    EXPECT_EQ(run({"keygen", "--kind", "rsa", "--out", dir_.file("x")}).status, 2);
}

TEST_F(ApplicationsCli, OutboxListsMaskedAndOpenSealedReadsTheApplication) {
    EXPECT_NE(run({"outbox", "--db", db_}).out.find("no applications"), std::string::npos);
    const std::string office = dir_.file("office");
    ASSERT_EQ(run({"keygen", "--kind", "seal", "--out", office}).status, 0);
    const OutboxEntry entry = submitOne(office);
    const std::string sealedDir = dir_.file("sealed");
    const CliResult list = run({"outbox", "--db", db_, "--sealed-dir", sealedDir});
    EXPECT_EQ(list.status, 0) << list.err;
    EXPECT_NE(list.out.find(entry.trackingCode + "\t2026-11-25T09:30:00+08:00\t欧**明\t居民身份证 ****002X\t2026-12-23\t"),
              std::string::npos)
        << list.out;
    EXPECT_EQ(list.out.find("欧阳小明"), std::string::npos);
    EXPECT_EQ(list.out.find("13912345678"), std::string::npos);
    EXPECT_NE(list.out.find("# 1 pending application(s)"), std::string::npos);

    const std::string file = sealedDir + "/" + entry.id + ".sealed";
    const CliResult opened = run({"open-sealed", "--key", office + ".key", file});
    EXPECT_EQ(opened.status, 0) << opened.err;
    const auto record = nlohmann::json::parse(opened.out);
    EXPECT_EQ(record["applicant"]["name"], "欧阳小明");
    EXPECT_EQ(record["information"]["doc_no"], "临政办发〔2021〕9号");
    EXPECT_EQ(record["tracking_code"], entry.trackingCode);

    // Another office's key, a garbage file, a public key given as the secret: clear refusals.
    const std::string other = dir_.file("other");
    ASSERT_EQ(run({"keygen", "--kind", "seal", "--out", other}).status, 0);
    const CliResult wrongKey = run({"open-sealed", "--key", other + ".key", file});
    EXPECT_EQ(wrongKey.status, 1);
    EXPECT_NE(wrongKey.err.find("another office key"), std::string::npos) << wrongKey.err;
    test::writeBytes(dir_.file("garbage.sealed"), "not sealed at all");
    const CliResult garbage = run({"open-sealed", "--key", office + ".key", dir_.file("garbage.sealed")});
    EXPECT_EQ(garbage.status, 1);
    EXPECT_NE(garbage.err.find("not a sealed application"), std::string::npos) << garbage.err;
    const CliResult publicAsSecret = run({"open-sealed", "--key", office + ".pub", file});
    EXPECT_EQ(publicAsSecret.status, 1);
    EXPECT_NE(publicAsSecret.err.find("not a secret key"), std::string::npos) << publicAsSecret.err;
}

TEST_F(ApplicationsCli, ReprintWritesTheReceiptAsPdf) {
    const std::string office = dir_.file("office");
    ASSERT_EQ(run({"keygen", "--kind", "seal", "--out", office}).status, 0);
    const OutboxEntry entry = submitOne(office);
    const std::string pdf = dir_.file("receipt.pdf");
    // Typed as a citizen reads it out: lower case, spaces instead of hyphens.
    std::string typed = entry.trackingCode;
    for (char& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const CliResult r = run({"reprint", "--db", db_, typed, "--pdf", pdf});
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string text = dir_.file("receipt.txt");
    ASSERT_EQ(std::system(("pdftotext -layout " + test::shellQuoted(pdf) + " " + test::shellQuoted(text)).c_str()), 0);
    const std::string printed = test::readBytes(text);
    EXPECT_NE(printed.find(entry.trackingCode), std::string::npos) << printed;
    EXPECT_NE(printed.find("补打"), std::string::npos) << printed;
    EXPECT_NE(printed.find("欧**明"), std::string::npos) << printed;
    const CliResult unknown = run({"reprint", "--db", db_, "LL01-7KX4-M9Q9", "--pdf", pdf});
    EXPECT_EQ(unknown.status, 1);
    EXPECT_NE(unknown.err.find("no application with tracking code"), std::string::npos);
    EXPECT_EQ(run({"reprint", "--db", db_, "LL01-7KX4-M9Q8"}).status, 2);  // wrong check character
}

}  // namespace
}  // namespace zwgk
