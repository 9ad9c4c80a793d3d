// The kiosk-sync commands for signed content and the application round trip, as scripts use
// them: --help of every command (exit 0, every option explained), usage errors (exit 2),
// refusals (exit 3), and the whole office → terminal path by the CLI alone (keygen,
// rotate-key, pack, sign, verify, publish, trust, pull).
#include "sync_test_support.h"

namespace zwgk::synctest {
namespace {

using SyncCli = SyncTest;

struct CommandOptions {
    std::string name;
    std::vector<std::string> options;
};

const std::vector<CommandOptions>& newCommands() {
    static const std::vector<CommandOptions> commands = {
        {"trust", {"--db"}},
        {"rotate-key", {"--root-dir", "--root-key", "--new-root-key", "--add-content", "--content-expires", "--revoke"}},
        {"pack", {"--source", "--out", "--base", "--version", "--expires-days", "--created", "--key", "--root-dir",
                  "--no-search-index"}},
        {"sign", {"--key", "--root-dir"}},
        {"verify", {"--db", "--root", "--now"}},
        {"publish", {"--webroot"}},
        {"pull", {"--db", "--url", "--staging", "--attempts", "--now"}},
        {"push", {"--db", "--url", "--attempts"}},
        {"import", {"--db", "--staging", "--now"}},
        {"export", {"--db"}},
        {"intake", {"--key", "--csv", "--json"}},
        {"status", {"--out", "--updated"}},
        {"fleet", {"--json", "--latest-version", "--stale-hours", "--max-pending"}},
    };
    return commands;
}

TEST_F(SyncCli, EveryCommandHasHelpNamingItsOptions) {
    const test::CliResult top = run({"--help"});
    EXPECT_EQ(top.status, 0);
    for (const CommandOptions& c : newCommands()) {
        SCOPED_TRACE(c.name);
        EXPECT_NE(top.out.find("\n  " + c.name + " "), std::string::npos) << "not listed in kiosk-sync --help";
        {
            const test::CliResult r = run({c.name, "--help"});
            EXPECT_EQ(r.status, 0) << r.err;
            EXPECT_TRUE(r.err.empty()) << r.err;
            EXPECT_EQ(r.out.rfind("Usage: kiosk-sync " + c.name, 0), 0u) << r.out;
            EXPECT_NE(r.out.find("Exit status"), std::string::npos) << r.out;
            for (const std::string& option : c.options)
                EXPECT_NE(r.out.find(option), std::string::npos) << option << " is not explained:\n" << r.out;
        }
        if (c.name == "pull" || c.name == "fleet") {  // the other spellings give the same text
            EXPECT_EQ(run({c.name, "-h"}).out, run({c.name, "--help"}).out);
            EXPECT_EQ(run({"help", c.name}).out, run({c.name, "--help"}).out);
        }
        // An option the command does not have is a usage error naming it.
        const test::CliResult bogus = run({c.name, "--bogus-option", "x"});
        EXPECT_EQ(bogus.status, 2) << bogus.err;
        EXPECT_NE(bogus.err.find("--bogus-option"), std::string::npos) << bogus.err;
        EXPECT_TRUE(bogus.out.empty());
    }
}

TEST_F(SyncCli, UsageErrorsExit2) {
    const Terminal t = newTerminal();
    const std::string db = t.db, dir = dir_.path().string();
    const std::vector<std::vector<std::string>> cases = {
        {"trust", (rootDir_ / "root.json").string()},                      // no --db
        {"trust", "--db", db},                                              // no ROOT
        {"rotate-key", "--root-dir", dir + "/r"},                           // no --root-key
        {"rotate-key", "--root-dir", dir + "/r", "--root-key", dir + "/k", "--add-content", dir + "/c"},  // no expiry
        {"pack", "--source", test::demoContentDir().string()},              // no --out
        {"pack", "--source", test::demoContentDir().string(), "--out", dir + "/o", "--version", "two"},
        {"pack", "--source", test::demoContentDir().string(), "--out", dir + "/o", "--expires-days", "0"},
        {"sign", dir},                                                      // no --key
        {"verify", dir},                                                    // neither --db nor --root
        {"verify", "--root", dir + "/root.json", "--now", "tomorrow", dir},
        {"publish", dir},                                                   // no --webroot
        {"pull", "--url", "http://127.0.0.1:9/"},                           // no --db
        {"pull", "--db", db},                                               // no --url, no sync.url
        {"pull", "--db", db, "--url", "http://127.0.0.1:9/", "--attempts", "0"},
        {"pull", "--db", db, "--url", "http://127.0.0.1:9/", "--now", "1970-01-01"},
        {"push", "--db", db},                                               // no --url, no intake.url
        {"import", "--db", db},                                             // no STICK
        {"import", "--db", db, dir, dir},                                   // two sticks
        {"import", "--db", db, "--now", "yesterday", dir},
        {"export", dir},                                                    // no --db
        {"intake", "--key", dir + "/k", dir},                               // no --csv
        {"status", dir + "/table.csv"},                                     // no --out
        {"fleet"},                                                          // no ROOT
        {"fleet", "--stale-hours", "soon", dir},
        {"fleet", "--json=yes", dir},
    };
    const TerminalSnapshot before = snapshotOf(db);
    for (const auto& args : cases) {
        std::string line;
        for (const std::string& a : args) line += a + " ";
        SCOPED_TRACE(line);
        const test::CliResult r = run(args);
        EXPECT_EQ(r.status, 2) << r.out << r.err;
        EXPECT_TRUE(oneLine(r.err)) << r.err;
        EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
    }
    EXPECT_NOTHING_CHANGED(before, db);
    EXPECT_FALSE(fs::exists(dir_.path() / "o"));
}

// The whole path with the CLI alone: keys, root, pack with signing, verify, publish, trust,
// pull; a delta against the web root; publish refusing an older snapshot; sign afterwards.
TEST_F(SyncCli, OfficeToTerminalByTheCliAlone) {
    const fs::path office = dir_.path() / "office";
    fs::create_directories(office);
    ASSERT_EQ(run({"keygen", "--kind", "root", "--out", (office / "root").string()}).status, 0);
    ASSERT_EQ(run({"keygen", "--kind", "content", "--out", (office / "content").string()}).status, 0);
    const std::string roots = (office / "roots").string();
    const test::CliResult rotate =
        run({"rotate-key", "--root-dir", roots, "--root-key", (office / "root.key").string(), "--add-content",
             (office / "content.pub").string(), "--content-expires", day(3650).substr(0, 10)});
    ASSERT_EQ(rotate.status, 0) << rotate.err;
    EXPECT_EQ(valueOf(rotate.out, "content keys"), "1");

    const std::string b1 = dir_.file("b1");
    const test::CliResult pack = run({"pack", "--source", test::demoContentDir().string(), "--out", b1, "--key",
                                      (office / "content.key").string(), "--root-dir", roots, "--created", day(1)});
    ASSERT_EQ(pack.status, 0) << pack.err;
    EXPECT_EQ(valueOf(pack.out, "signed"), "yes");
    EXPECT_EQ(valueOf(pack.out, "expires"), utcPlusDays(day(1), 30));
    const test::CliResult verify = run({"verify", "--root", roots + "/root.json", b1});
    EXPECT_EQ(verify.status, 0) << verify.err;
    EXPECT_NE(verify.out.find("valid linlan-county version 1 (snapshot)"), std::string::npos) << verify.out;

    const std::string web = newWebName();
    const std::string webroot = (nt::wwwDir() / web).string();
    const test::CliResult pub = run({"publish", "--webroot", webroot, b1});
    ASSERT_EQ(pub.status, 0) << pub.err;
    EXPECT_NE(pub.out.find("published version 1 as the snapshot"), std::string::npos) << pub.out;

    const std::string db = dir_.file("kiosk.db");
    ASSERT_EQ(run({"init", "--db", db}).status, 0);
    const test::CliResult trust = run({"trust", "--db", db, roots + "/root.json"});
    ASSERT_EQ(trust.status, 0) << trust.err;
    EXPECT_EQ(trust.out, "pinned root version 1 in " + db + "\n");
    const test::CliResult pull = run({"pull", "--db", db, "--url", nt::baseUrl() + "/" + web});
    EXPECT_EQ(pull.status, 0) << pull.out << pull.err;
    EXPECT_EQ(valueOf(pull.out, "result"), "applied");
    EXPECT_EQ(valueOf(pull.out, "version"), "0 -> 1");
    EXPECT_EQ(valueOf(pull.out, "snapshot applied"), "yes");

    // Version 2 as a snapshot and as a delta against the web root.
    const fs::path src2 = source(2);
    const std::string b2 = dir_.file("b2"), d2 = dir_.file("d2");
    for (const auto& [out, base] : {std::pair{b2, std::string()}, std::pair{d2, webroot}}) {
        std::vector<std::string> args = {"pack", "--source", src2.string(), "--out", out, "--version", "2", "--key",
                                         (office / "content.key").string(), "--root-dir", roots, "--created", day(2)};
        if (!base.empty()) args.insert(args.end(), {"--base", base});
        const test::CliResult r = run(args);
        ASSERT_EQ(r.status, 0) << r.err;
        if (!base.empty()) {
            EXPECT_NE(r.out.find("(delta from 1)"), std::string::npos) << r.out;
        }
    }
    ASSERT_EQ(run({"publish", "--webroot", webroot, b2}).status, 0);
    const test::CliResult pubDelta = run({"publish", "--webroot", webroot, d2});
    ASSERT_EQ(pubDelta.status, 0) << pubDelta.err;
    EXPECT_NE(pubDelta.out.find("as a delta"), std::string::npos) << pubDelta.out;
    const test::CliResult pull2 = run({"pull", "--db", db, "--url", nt::baseUrl() + "/" + web});
    EXPECT_EQ(pull2.status, 0) << pull2.out << pull2.err;
    EXPECT_EQ(valueOf(pull2.out, "deltas applied"), "1");
    EXPECT_EQ(valueOf(pull2.out, "version"), "1 -> 2");
    {
        auto store = Store::open(db, Store::Mode::ReadOnly);
        EXPECT_EQ(store->countDocuments({}), documentsIn(2));
        EXPECT_EQ(store->documentByKey(kWatchedKey)->title, watchedTitle(2));
    }

    // Publishing the older snapshot again is refused (exit 3), the web root keeps version 2.
    const test::CliResult old = run({"publish", "--webroot", webroot, b1});
    EXPECT_EQ(old.status, 3) << old.out << old.err;
    EXPECT_NE(old.err.find("refused (rollback)"), std::string::npos) << old.err;
    EXPECT_EQ(parseManifest(test::readBytes(fs::path(webroot) / "manifest.json")).version, 2);

    // Packed without a key: unsigned until `sign`.
    const std::string b3 = dir_.file("b3");
    const test::CliResult unsignedPack = run({"pack", "--source", source(3).string(), "--out", b3, "--version", "3"});
    ASSERT_EQ(unsignedPack.status, 0) << unsignedPack.err;
    EXPECT_EQ(valueOf(unsignedPack.out, "signed"), "no (run 'kiosk-sync sign')");
    const test::CliResult refused = run({"verify", "--db", db, b3});
    EXPECT_EQ(refused.status, 3);
    EXPECT_NE(refused.err.find("refused (unsigned)"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find(refusalMessage(BundleRefusal::Unsigned)), std::string::npos) << refused.err;
    // An unsigned bundle has no root chain to publish with: refused, nothing published.
    const test::CliResult unpublished = run({"publish", "--webroot", webroot, b3});
    EXPECT_EQ(unpublished.status, 3) << unpublished.err;
    EXPECT_NE(unpublished.err.find("--root-dir"), std::string::npos) << unpublished.err;
    EXPECT_FALSE(fs::exists(fs::path(webroot) / "versions/3.json"));
    ASSERT_EQ(run({"sign", "--key", (office / "content.key").string(), "--root-dir", roots, b3}).status, 0);
    EXPECT_EQ(run({"verify", "--db", db, b3}).status, 0);
    const fs::path stick = dir_.path() / "stick";
    copyTree(b3, stick / "b3");
    const test::CliResult imported = run({"import", "--db", db, stick.string()});
    EXPECT_EQ(imported.status, 0) << imported.out << imported.err;
    EXPECT_EQ(valueOf(imported.out, "version"), "2 -> 3");
}

// Refusals exit 3 on every terminal command, and the reason is on stderr.
TEST_F(SyncCli, RefusalsExit3) {
    const Terminal t = installedTerminal(1);
    const std::string web = publish(v1_, newWebName());
    const fs::path stranger = bundle(2, {.seed = generateSignKeys().seed});
    const fs::path stick = dir_.path() / "stick";
    copyTree(stranger, stick / "b");
    const TerminalSnapshot before = snapshotOf(t.db);

    const test::CliResult imp = run({"import", "--db", t.db, "--staging", t.staging, stick.string()});
    EXPECT_EQ(imp.status, 3) << imp.out << imp.err;
    EXPECT_NE(imp.err.find("refused (unknown-key)"), std::string::npos) << imp.err;
    EXPECT_NE(imp.out.find("skipped\t" + (stick / "b").string() + ": unknown-key"), std::string::npos) << imp.out;

    const test::CliResult ver = run({"verify", "--db", t.db, stranger.string()});
    EXPECT_EQ(ver.status, 3);
    EXPECT_NE(ver.err.find("refused (unknown-key)"), std::string::npos) << ver.err;
    EXPECT_NE(ver.err.find(refusalMessage(BundleRefusal::UnknownKey)), std::string::npos) << ver.err;

    // The web root publishes a manifest signed by a stranger.
    fs::copy_file(stranger / "manifest.json", nt::wwwDir() / web / "manifest.json", fs::copy_options::overwrite_existing);
    const test::CliResult pull = run({"pull", "--db", t.db, "--url", nt::baseUrl() + "/" + web, "--staging", t.staging});
    EXPECT_EQ(pull.status, 3) << pull.out << pull.err;
    EXPECT_EQ(valueOf(pull.out, "result"), "refused");
    EXPECT_NE(pull.err.find("kiosk-sync: refused (unknown-key)"), std::string::npos) << pull.err;
    EXPECT_NOTHING_CHANGED(before, t.db);

    // A root file that is not signed by its own key cannot be pinned.
    const std::string rootCopy = dir_.file("forged-root.json");
    json forged = readJsonFile(rootDir_ / "root.json");
    forged["signed"]["content_keys"][0]["expires"] = day(9000);
    writeJsonFile(rootCopy, forged);
    const test::CliResult trust = run({"trust", "--db", dir_.file("fresh.db"), rootCopy});
    EXPECT_NE(trust.status, 0);
    Store::open(dir_.file("fresh.db"), Store::Mode::Create);
    const test::CliResult trust2 = run({"trust", "--db", dir_.file("fresh.db"), rootCopy});
    EXPECT_EQ(trust2.status, 3) << trust2.err;
    EXPECT_NE(trust2.err.find("refused (bad-signature)"), std::string::npos) << trust2.err;
}

}  // namespace
}  // namespace zwgk::synctest
