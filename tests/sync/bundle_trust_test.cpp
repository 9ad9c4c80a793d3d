// Trust refusals: rollback, signatures (bad, missing, unknown, revoked, expired key), root
// rotation (chained: accepted and pinned; not chained: refused), content of another county
// and a delta for another version. Each with its refusal and Chinese message, and with
// nothing changed in the store (content, sync state) and the outbox file untouched.
#include "sync_test_support.h"

namespace zwgk::synctest {
namespace {

class BundleTrust : public SyncTest {
protected:
    // An installed terminal brought to VERSION by signed snapshots from a folder.
    Terminal terminalAt(int64_t version) {
        Terminal t = installedTerminal(2);
        for (int64_t v = 2; v <= version; ++v) {
            const UpdateReport r = applyFolder(t, bundle(v));
            EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
        }
        return t;
    }

    // A stick holding BUNDLE as STICK/zwgk/BUNDLENAME.
    fs::path stickWith(const fs::path& bundleDir, const std::string& name = "bundle") {
        const fs::path stick = dir_.path() / ("stick-" + std::to_string(++counter_));
        copyTree(bundleDir, stick / "zwgk" / name);
        return stick;
    }

    // The same refusal over all three terminal paths: a bundle session on the folder, the
    // USB import, and `kiosk-sync import` (exit 3, reason on stderr, message on stdout).
    void expectRefusedEverywhere(const Terminal& t, const fs::path& bundleDir, BundleRefusal want) {
        const TerminalSnapshot before = snapshotOf(t.db);
        {
            SCOPED_TRACE("bundle session on the folder");
            EXPECT_REFUSED(applyFolder(t, bundleDir), want);
            EXPECT_NOTHING_CHANGED(before, t.db);
        }
        const fs::path stick = stickWith(bundleDir);
        {
            SCOPED_TRACE("USB import");
            const UsbImportReport r = importStick(t, stick);
            EXPECT_REFUSED(r.update, want);
            EXPECT_NOTHING_CHANGED(before, t.db);
        }
        {
            SCOPED_TRACE("kiosk-sync import");
            const test::CliResult cli =
                run({"import", "--db", t.db, "--staging", t.staging, "--now", testNow(), stick.string()});
            EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
            EXPECT_EQ(valueOf(cli.out, "result"), "refused");
            EXPECT_EQ(valueOf(cli.out, "message"), refusalMessage(want));
            EXPECT_NE(cli.err.find(std::string("(") + refusalName(want) + ")"), std::string::npos) << cli.err;
            EXPECT_NOTHING_CHANGED(before, t.db);
        }
    }

    fs::path keyFile(const SignKeys& keys, const std::string& name) {
        const fs::path key = dir_.path() / (name + ".key"), pub = dir_.path() / (name + ".pub");
        test::writeBytes(key, encodeSignSecret(keys.seed) + "\n");
        test::writeBytes(pub, encodeSignPublic(keys.publicKey) + "\n");
        return key;
    }
    fs::path pubFile(const std::string& name) { return dir_.path() / (name + ".pub"); }

    // A copy of BUNDLE that EDIT may damage.
    fs::path copyOf(const fs::path& bundleDir) {
        const fs::path copy = dir_.path() / ("copy-" + std::to_string(++counter_));
        copyTree(bundleDir, copy);
        return copy;
    }
};

// ---- rollback ----------------------------------------------------------------------------

TEST_F(BundleTrust, OlderVersionIsRefusedAsRollback) {
    const Terminal t = terminalAt(2);
    expectRefusedEverywhere(t, v1_, BundleRefusal::Rollback);
}

// A different bundle with the version the terminal holds: never applied. A session reports
// it as up to date (the web root's normal case); `verify --db` calls it a rollback.
TEST_F(BundleTrust, EqualVersionIsNeverApplied) {
    const Terminal t = terminalAt(2);
    const fs::path other = bundle(2, {.created = day(3), .edit = [](const fs::path& dir) {
                                          json docs = readJsonFile(dir / "documents/2025.json");
                                          docs[0]["title"] = "同一版本号的另一份内容";
                                          writeJsonFile(dir / "documents/2025.json", docs);
                                      }});
    const TerminalSnapshot before = snapshotOf(t.db);
    const UpdateReport r = applyFolder(t, other);
    EXPECT_STREQ(outcomeText(r), "up-to-date") << r.detail;
    EXPECT_NOTHING_CHANGED(before, t.db);
    SearchQuery q;
    q.text = "同一版本号的另一份内容";
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->countSearch(q), 0);

    const test::CliResult cli = run({"verify", "--db", t.db, "--now", testNow(), other.string()});
    EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
    EXPECT_NE(cli.err.find("refused (rollback)"), std::string::npos) << cli.err;
    EXPECT_NE(cli.err.find(refusalMessage(BundleRefusal::Rollback)), std::string::npos) << cli.err;
    EXPECT_THROW(checkAcceptable(parseManifest(test::readBytes(other / "manifest.json")), {"linlan-county", 2}),
                 BundleError);
    EXPECT_NOTHING_CHANGED(before, t.db);
}

// Expired and older: refused (an expired manifest is applied only when it is newer).
TEST_F(BundleTrust, ExpiredAndOlderIsRefused) {
    const Terminal t = terminalAt(3);
    const fs::path old = bundle(2, {.created = day(2), .expiresDays = 1});
    expectRefusedEverywhere(t, old, BundleRefusal::Rollback);
}

// ---- signatures --------------------------------------------------------------------------

TEST_F(BundleTrust, FlippedByteInTheSignatureIsABadSignature) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    editManifest(b / "manifest.json", [](json& doc) {
        std::string sig = *base64Decode(doc["signatures"][0]["sig"].get<std::string>());
        sig[17] = static_cast<char>(sig[17] ^ 0x01);
        doc["signatures"][0]["sig"] = base64Encode(sig);
    });
    expectRefusedEverywhere(t, b, BundleRefusal::BadSignature);
}

TEST_F(BundleTrust, FlippedByteInTheSignedPartIsABadSignature) {
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    // One hex digit of one file's hash, in the text as stored (the signature covers it).
    std::string text = test::readBytes(b / "manifest.json");
    const size_t at = text.find("\"sha256\": \"") + 11;
    text[at] = text[at] == 'a' ? 'b' : 'a';
    test::writeBytes(b / "manifest.json", text);
    expectRefusedEverywhere(t, b, BundleRefusal::BadSignature);

    // And a raised version number (a replayed manifest made to look new).
    const fs::path c = copyOf(bundle(2));
    editManifest(c / "manifest.json", [](json& doc) { doc["signed"]["version"] = 9; });
    EXPECT_REFUSED(applyFolder(t, c), BundleRefusal::BadSignature);
}

TEST_F(BundleTrust, UnsignedManifestIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path b = bundle(2, {.sign = false});
    ASSERT_TRUE(parseManifest(test::readBytes(b / "manifest.json")).signatures.empty());
    expectRefusedEverywhere(t, b, BundleRefusal::Unsigned);

    // No "signatures" field at all.
    const fs::path c = copyOf(bundle(2));
    editManifest(c / "manifest.json", [](json& doc) { doc.erase("signatures"); });
    EXPECT_REFUSED(applyFolder(t, c), BundleRefusal::Unsigned);
}

TEST_F(BundleTrust, KeyTheRootDoesNotListIsUnknown) {
    const Terminal t = installedTerminal(2);
    const SignKeys stranger = generateSignKeys();
    expectRefusedEverywhere(t, bundle(2, {.seed = stranger.seed}), BundleRefusal::UnknownKey);
}

// rotate-key --revoke: root 2 revokes the content key and lists a new one. A bundle signed
// by the old key is refused although the root it brings is accepted; the new key's bundle
// applies.
TEST_F(BundleTrust, RevokedContentKeyIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path rootKey = keyFile(root_, "root");
    keyFile(content_, "content");
    const SignKeys next = generateSignKeys();
    keyFile(next, "content2");
    const test::CliResult rotated =
        run({"rotate-key", "--root-dir", rootDir_.string(), "--root-key", rootKey.string(), "--revoke",
             pubFile("content").string(), "--add-content", pubFile("content2").string(), "--content-expires",
             day(3000).substr(0, 10)});
    ASSERT_EQ(rotated.status, 0) << rotated.err;
    EXPECT_EQ(valueOf(rotated.out, "revoked"), "1");
    const RootMetadata root2 = parseRoot(test::readBytes(rootDir_ / "root.json"));
    ASSERT_EQ(root2.version, 2);

    // The terminal learns root 2 (from the bundle's chain); the content stays as it was.
    const fs::path revoked = bundle(2);  // signed with the revoked key, chain 1..2 included
    const TerminalSnapshot before = snapshotOf(t.db);
    const UpdateReport r = applyFolder(t, revoked);
    EXPECT_REFUSED(r, BundleRefusal::RevokedKey);
    EXPECT_EQ(r.rootsAccepted, 1);
    TerminalSnapshot expected = before;
    expected.state.root = root2.text;
    expected.state.rootVersion = 2;
    EXPECT_NOTHING_CHANGED(expected, t.db);
    // With root 2 pinned, the same refusal on every path.
    expectRefusedEverywhere(t, revoked, BundleRefusal::RevokedKey);

    // The new key's bundle applies.
    const UpdateReport ok = applyFolder(t, bundle(2, {.seed = next.seed}));
    EXPECT_STREQ(outcomeText(ok), "applied") << ok.detail;
    EXPECT_EQ(ok.toVersion, 2);
}

TEST_F(BundleTrust, ExpiredContentKeyIsRefused) {
    const Terminal t = installedTerminal(2);
    // Root 2 renews the content key with an expiry on day 5; "now" is day 10.
    RootChange renew;
    renew.addContentKeys = {{content_.publicKey, day(5)}};
    writeNextRoot(rootDir_.string(), renew, {root_.seed});
    ASSERT_EQ(pinTrustedRoot(t.db, rootText()), 2);
    expectRefusedEverywhere(t, bundle(2), BundleRefusal::ExpiredKey);
    // Before the key's expiry the same bundle is fine.
    const UpdateReport r = applyFolder(t, bundle(2), day(4));
    EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
}

// ---- roots -------------------------------------------------------------------------------

// The root key changes (root 2 signed by the old and the new key), then root 3 is signed by
// the new key alone and lists a new content key: a terminal pinned at 1 walks 1→2→3, pins 3
// and applies a bundle signed by the new content key.
TEST_F(BundleTrust, ChainedRootRotationIsAcceptedAndPinned) {
    const Terminal t = installedTerminal(2);
    const SignKeys root2 = generateSignKeys(), content2 = generateSignKeys();
    RootChange toNewRoot;
    toNewRoot.rootKeys = {root2.publicKey};
    writeNextRoot(rootDir_.string(), toNewRoot, {root_.seed, root2.seed});
    RootChange newContentKey;
    newContentKey.addContentKeys = {{content2.publicKey, day(3000)}};
    newContentKey.revoke = {content_.publicKey};
    const RootMetadata root3 = writeNextRoot(rootDir_.string(), newContentKey, {root2.seed});
    ASSERT_EQ(root3.version, 3);

    const fs::path stick = stickWith(bundle(2, {.seed = content2.seed}));
    const UsbImportReport r = importStick(t, stick);
    EXPECT_STREQ(outcomeText(r.update), "applied") << r.update.detail;
    EXPECT_EQ(r.update.rootsAccepted, 2);
    EXPECT_EQ(r.update.toVersion, 2);
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->syncState().rootVersion, 3);
    EXPECT_EQ(store->syncState().root, root3.text);
    EXPECT_EQ(store->countDocuments({}), documentsIn(2));

    // `kiosk-sync trust` with the pinned root again changes nothing; root 1 is not taken back.
    const test::CliResult same = run({"trust", "--db", t.db, (rootDir_ / "root.json").string()});
    EXPECT_EQ(same.status, 0) << same.err;
    const test::CliResult back = run({"trust", "--db", t.db, (rootDir_ / "roots/1.json").string()});
    EXPECT_EQ(back.status, 3) << back.err;
    EXPECT_NE(back.err.find("refused (root-not-chained)"), std::string::npos) << back.err;
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->syncState().rootVersion, 3);
}

// A root 2 that the pinned root 1 did not sign (a rogue office, a stolen content key trying
// to list itself): refused, the pinned root stays, nothing applied.
TEST_F(BundleTrust, RootNotSignedByThePinnedRootIsRefused) {
    const Terminal t = installedTerminal(2);
    const SignKeys rogue = generateSignKeys(), rogueContent = generateSignKeys();
    const fs::path rogueDir = dir_.path() / "rogue-root";
    RootChange first;
    first.rootKeys = {rogue.publicKey};
    first.addContentKeys = {{rogueContent.publicKey, day(3000)}};
    writeNextRoot(rogueDir.string(), first, {rogue.seed});
    writeNextRoot(rogueDir.string(), {}, {rogue.seed});  // rogue root 2, signed by the rogue key only
    const fs::path b = bundle(2, {.seed = rogueContent.seed, .rootDir = rogueDir});
    expectRefusedEverywhere(t, b, BundleRefusal::RootNotChained);
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->syncState().rootVersion, 1);

    // Pinning it by hand is refused too.
    const TerminalSnapshot before = snapshotOf(t.db);
    const test::CliResult cli = run({"trust", "--db", t.db, (rogueDir / "roots/2.json").string()});
    EXPECT_EQ(cli.status, 3) << cli.err;
    EXPECT_NE(cli.err.find("refused (root-not-chained)"), std::string::npos) << cli.err;
    EXPECT_NE(cli.err.find(refusalMessage(BundleRefusal::RootNotChained)), std::string::npos) << cli.err;
    EXPECT_NOTHING_CHANGED(before, t.db);
}

// Root 2 signed by the old root key but not by its own new key; a root that skips a version.
TEST_F(BundleTrust, BrokenRootChainsAreRefused) {
    const RootMetadata root1 = parseRoot(rootText());
    const SignKeys root2 = generateSignKeys();
    auto rootText2 = [&](int64_t version, const std::vector<std::string>& seeds) {
        json s = json::parse(root1.signedText);
        s["version"] = version;
        s["root_keys"] = json::array({encodeSignPublic(root2.publicKey)});
        json sigs = json::array();
        for (const std::string& seed : seeds)
            sigs.push_back({{"key", encodeSignPublic(signPublicOf(seed))}, {"sig", base64Encode(signMessage(s.dump(), seed))}});
        return json{{"signed", s}, {"signatures", sigs}}.dump(1);
    };
    try {
        verifyRootUpdate(root1, rootText2(2, {root_.seed}));
        ADD_FAILURE() << "a root not signed by its own key was accepted";
    } catch (const BundleError& e) {
        EXPECT_STREQ(refusalName(e.refusal()), "bad-signature") << e.what();
    }
    try {
        verifyRootUpdate(root1, rootText2(3, {root_.seed, root2.seed}));
        ADD_FAILURE() << "a root skipping a version was accepted";
    } catch (const BundleError& e) {
        EXPECT_STREQ(refusalName(e.refusal()), "root-not-chained") << e.what();
    }
    EXPECT_EQ(verifyRootUpdate(root1, rootText2(2, {root_.seed, root2.seed})).version, 2);

    // On a terminal: the bundle carries the broken root 2.
    const Terminal t = installedTerminal(2);
    const fs::path b = copyOf(bundle(2));
    test::writeBytes(b / "roots/2.json", rootText2(2, {root2.seed}));
    expectRefusedEverywhere(t, b, BundleRefusal::RootNotChained);
}

// ---- content id and base -----------------------------------------------------------------

TEST_F(BundleTrust, ContentOfAnotherCountyIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path other = bundle(2, {.edit = [](const fs::path& dir) {
                                          json meta = readJsonFile(dir / "meta.json");
                                          meta["content_id"] = "other-county";
                                          writeJsonFile(dir / "meta.json", meta);
                                      }});
    ASSERT_EQ(parseManifest(test::readBytes(other / "manifest.json")).contentId, "other-county");
    expectRefusedEverywhere(t, other, BundleRefusal::WrongContent);
}

TEST_F(BundleTrust, DeltaForAnotherVersionIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path delta3 = bundle(3, {.base = bundle(2)});  // from 2; the terminal holds 1
    expectRefusedEverywhere(t, delta3, BundleRefusal::WrongBase);

    const test::CliResult cli = run({"verify", "--db", t.db, "--now", testNow(), delta3.string()});
    EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
    EXPECT_NE(cli.err.find("refused (wrong-base)"), std::string::npos) << cli.err;
}

TEST_F(BundleTrust, TerminalWithoutAPinnedRootRefusesEverything) {
    Terminal t;
    t.db = dir_.file("unpinned.db");
    t.staging = dir_.file("unpinned-staging");
    Store::open(t.db, Store::Mode::Create);
    const TerminalSnapshot before = snapshotOf(t.db);
    const UpdateReport r = applyFolder(t, bundle(1));
    EXPECT_STREQ(outcomeText(r), "refused");
    EXPECT_NE(r.message.find("根密钥"), std::string::npos) << r.message;
    const UsbImportReport u = importStick(t, stickWith(bundle(1)));
    EXPECT_STREQ(outcomeText(u.update), "refused");
    EXPECT_NE(u.update.message.find("根密钥"), std::string::npos) << u.update.message;
    EXPECT_NOTHING_CHANGED(before, t.db);
}

}  // namespace
}  // namespace zwgk::synctest
