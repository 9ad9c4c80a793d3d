// kiosk-sync as an administrator runs it: output, messages and exit codes.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <regex>
#include <sstream>

#include "cli_support.h"
#include "store.h"

namespace zwgk {
namespace {

using test::Cli;
using test::CliResult;
using test::shellQuoted;
using test::TempDir;

TEST_F(Cli, VersionAndHelp) {
    CliResult version = run({"--version"});
    EXPECT_EQ(version.status, 0);
    EXPECT_TRUE(std::regex_match(version.out, std::regex("kiosk-sync [0-9]+\\.[0-9]+\\.[0-9]+\n"))) << version.out;

    CliResult help = run({"--help"});
    EXPECT_EQ(help.status, 0);
    for (const char* command : {"init", "import-source", "import-demo", "stats", "generate", "check", "config",
                                "deadline", "outbox", "reprint", "keygen", "open-sealed"}) {
        EXPECT_NE(help.out.find(command), std::string::npos) << command;
        CliResult one = run({command, "--help"});
        EXPECT_EQ(one.status, 0) << command;
        EXPECT_EQ(one.out.rfind(std::string("Usage: kiosk-sync ") + command, 0), 0u) << one.out;
        EXPECT_EQ(run({"help", command}).out, one.out);
    }
    EXPECT_NE(help.out.find("Exit status"), std::string::npos);
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {},
             {"frobnicate"},
             {"--frobnicate"},
             {"stats"},
             {"stats", "--db"},
             {"stats", "--db", "x.db", "--verbose"},
             {"stats", "--db", "x.db", "extra"},
             {"import-source", "--db", "x.db"},
             {"generate", "--db", "x.db", "--docs", "lots"},
             {"generate", "--db", "x.db", "--docs", "-5"},
         }) {
        CliResult r = run(args);
        EXPECT_EQ(r.status, 2) << testing::PrintToString(args);
        EXPECT_TRUE(oneLine(r.err)) << r.err;
        EXPECT_EQ(r.err.rfind("kiosk-sync: ", 0), 0u) << r.err;
        EXPECT_TRUE(r.out.empty());
    }
    EXPECT_NE(run({"frobnicate"}).err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST_F(Cli, InitImportStats) {
    const std::string db = dir_.file("kiosk.db");
    CliResult init = run({"init", "--db", db});
    EXPECT_EQ(init.status, 0) << init.err;
    EXPECT_TRUE(test::fs::exists(db));
    EXPECT_EQ(run({"init", "--db", db}).status, 0);  // an existing store is fine

    CliResult empty = run({"stats", "--db", db});
    EXPECT_EQ(empty.status, 0) << empty.err;
    EXPECT_EQ(valueOf(empty.out, "content_version"), "0");
    EXPECT_EQ(valueOf(empty.out, "documents"), "0");

    CliResult imported = run({"import-demo", "--db", db, "--assets", fixtureAssets()});
    EXPECT_EQ(imported.status, 0) << imported.err;
    EXPECT_NE(imported.out.find("test-county"), std::string::npos) << imported.out;

    CliResult stats = run({"stats", "--db", db});
    EXPECT_EQ(stats.status, 0) << stats.err;
    EXPECT_EQ(valueOf(stats.out, "schema_version"), std::to_string(Store::latestSchemaVersion()));
    EXPECT_EQ(valueOf(stats.out, "content_version"), "3");
    EXPECT_EQ(valueOf(stats.out, "documents"), "6");
    EXPECT_EQ(valueOf(stats.out, "catalogue_entries"), "2");
    EXPECT_EQ(valueOf(stats.out, "calendar_days"), "15");
    EXPECT_EQ(valueOf(stats.out, "application_statuses"), "4");
    EXPECT_NE(valueOf(stats.out, "glyphs"), "0");
    // Every line is name<TAB>number.
    std::istringstream lines(stats.out);
    for (std::string line; std::getline(lines, line);)
        EXPECT_TRUE(std::regex_match(line, std::regex("[a-z_]+\t[0-9]+"))) << line;

    EXPECT_EQ(run({"check", "--db", db}).out, "ok\n");

    // The environment variable is the second choice for the assets directory.
    EXPECT_EQ(run({"import-demo", "--db", db}, "env ZWGK_ASSET_DIR=" + shellQuoted(fixtureAssets())).status, 0);
}

TEST_F(Cli, ImportSourceRejectsBadContentAndKeepsTheStore) {
    const std::string db = dir_.file("kiosk.db");
    ASSERT_EQ(run({"init", "--db", db}).status, 0);
    ASSERT_EQ(run({"import-source", "--db", db, test::fixtureDir().string()}).status, 0);

    const auto source = test::copyFixture(dir_, "broken");
    auto documents = test::readJson(source / "documents/2024.json");
    documents[1]["agency"] = "xyz";
    test::writeJson(source / "documents/2024.json", documents);
    CliResult bad = run({"import-source", "--db", db, source.string()});
    EXPECT_EQ(bad.status, 1);
    EXPECT_TRUE(oneLine(bad.err)) << bad.err;
    EXPECT_NE(bad.err.find("documents/2024.json: doc-2024-0002: unknown agency 'xyz'"), std::string::npos)
        << bad.err;
    EXPECT_EQ(valueOf(run({"stats", "--db", db}).out, "documents"), "6");

    CliResult missingStore = run({"import-source", "--db", dir_.file("none.db"), test::fixtureDir().string()});
    EXPECT_EQ(missingStore.status, 1);
    EXPECT_NE(missingStore.err.find("no such file"), std::string::npos) << missingStore.err;
}

TEST_F(Cli, BrokenStoresExitWithOne) {
    const std::string corrupt = dir_.file("corrupt.db");
    test::writeBytes(corrupt, std::string(4096, 'x'));
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"stats", "--db", corrupt},
             {"check", "--db", corrupt},
             {"init", "--db", corrupt},
             {"import-demo", "--db", corrupt, "--assets", fixtureAssets()},
             {"import-source", "--db", corrupt, test::fixtureDir().string()},
         }) {
        const std::string command = args[0];
        CliResult r = run(args);
        EXPECT_EQ(r.status, 1) << command;
        EXPECT_TRUE(oneLine(r.err)) << r.err;
        EXPECT_NE(r.err.find("cannot open store " + corrupt + ": file is not a kiosk content store"),
                  std::string::npos)
            << r.err;
    }
    EXPECT_EQ(test::readBytes(corrupt), std::string(4096, 'x'));  // never overwritten

    CliResult missing = run({"stats", "--db", dir_.file("missing.db")});
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("no such file"), std::string::npos) << missing.err;
}

TEST_F(Cli, GenerateSmallCorpus) {
    const std::string db = dir_.file("generated.db");
    CliResult r = run({"generate", "--db", db, "--docs", "50", "--seed", "3", "--assets", fixtureAssets()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(valueOf(r.out, "generated"), "50");
    EXPECT_EQ(valueOf(r.out, "documents"), "56");
    EXPECT_FALSE(valueOf(r.out, "seconds").empty());
    EXPECT_FALSE(valueOf(r.out, "store_bytes").empty());
    EXPECT_EQ(valueOf(run({"stats", "--db", db}).out, "documents"), "56");
}

TEST_F(Cli, ImportsTheRealDemoContent) {
    if (!test::fs::exists(test::demoContentDir() / "documents")) GTEST_SKIP() << "demo content not there yet";
    const std::string db = dir_.file("demo.db");
    CliResult r = run({"import-demo", "--db", db});  // compiled-in assets directory
    EXPECT_EQ(r.status, 0) << r.err;
    CliResult stats = run({"stats", "--db", db});
    EXPECT_GE(std::stoi(valueOf(stats.out, "documents")), 60);
}

TEST_F(Cli, SearchPrintsJsonLines) {
    const std::string db = dir_.file("search.db");
    ASSERT_EQ(run({"import-demo", "--db", db, "--assets", fixtureAssets()}).status, 0);
    const std::string title = Store::open(db, Store::Mode::ReadOnly)->listDocuments({}, 0, 1).at(0).title;
    const std::string query = title.substr(0, 6);  // two characters

    CliResult hits = run({"search", "--db", db, "--limit", "2", query});
    EXPECT_EQ(hits.status, 0) << hits.err;
    std::istringstream lines(hits.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        const nlohmann::json hit = nlohmann::json::parse(line);
        for (const char* field : {"kind", "id", "title", "doc_no", "agency", "date", "validity", "snippet"})
            EXPECT_TRUE(hit.contains(field)) << field << " in " << line;
        ++count;
    }
    EXPECT_GE(count, 1);
    EXPECT_LE(count, 2);

    for (const std::string q : {"没有这样的内容", "\"", "NEAR(", "", "*"}) {
        CliResult none = run({"search", "--db", db, q});
        EXPECT_EQ(none.status, 0) << q << ": " << none.err;
        EXPECT_EQ(none.out, "") << q;
    }
    EXPECT_EQ(run({"search", "--db", db}).status, 2);  // no query
    EXPECT_EQ(run({"search", "--db", dir_.file("missing.db"), "x"}).status, 1);
}

}  // namespace
}  // namespace zwgk
