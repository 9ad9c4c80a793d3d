// 一图读懂 images in signed bundles: a snapshot carries every image (covered by the manifest's
// length and SHA-256, stored as they are), a delta only the images its base manifest does not
// list with the same hash (new, changed, or not listed by a delta base), and the
// terminal's store holds exactly the images its documents attach after each apply.
#include "sync_test_support.h"

namespace zwgk::synctest {
namespace {

using ContentImages = SyncTest;

constexpr const char* kYibao = "images/yitu-yibao-2026.png";  // attached to doc-2025-0015
constexpr const char* kDibao = "images/yitu-dibao-2024.png";  // attached to doc-2024-0008

std::vector<std::string> imagePaths(const fs::path& bundle) {
    std::vector<std::string> paths;
    for (const ManifestFile& f : parseManifest(test::readBytes(bundle / "manifest.json")).files)
        if (f.path.rfind("images/", 0) == 0) paths.push_back(f.path);
    return paths;
}

std::string storedImage(const std::string& db, const std::string& documentKey) {
    auto store = Store::open(db, Store::Mode::ReadOnly);
    const auto doc = store->documentByKey(documentKey);
    if (!doc || doc->attachments.empty()) return "";
    const auto image = store->attachmentImage(doc->id, 0);
    return image ? image->bytes : "";
}

TEST_F(ContentImages, SnapshotCarriesTheImagesAndTheStoreKeepsTheirBytes) {
    Terminal t = installedTerminal(0);
    const std::string yibao = test::readBytes(test::demoContentDir() / kYibao);
    const ManifestFile e = entryOf(v1_, kYibao);
    EXPECT_EQ(e.length, static_cast<int64_t>(yibao.size()));
    EXPECT_FALSE(e.zstd);  // PNG is compressed already
    EXPECT_EQ(e.sha256, sha256Hex(yibao));
    EXPECT_EQ(test::readBytes(storedFile(v1_, kYibao)), yibao);
    EXPECT_EQ(imagePaths(v1_), (std::vector<std::string>{kDibao, kYibao}));

    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    const auto doc = store->documentByKey("doc-2025-0015");
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->attachments.size(), 1u);
    EXPECT_EQ(doc->attachments[0].name, "一图读懂：2026年度城乡居民医保怎么缴");
    EXPECT_EQ(doc->attachments[0].file, kYibao);
    EXPECT_EQ(doc->attachments[0].width, 1080);
    EXPECT_GT(doc->attachments[0].height, 2000);
    const auto image = store->attachmentImage(doc->id, 0);
    ASSERT_TRUE(image);
    EXPECT_EQ(image->bytes, yibao);
    EXPECT_FALSE(store->attachmentImage(doc->id, 1));
    EXPECT_TRUE(store->integrityProblems().empty());
}

TEST_F(ContentImages, DeltasCarryNewAndChangedImagesAndTheStoreFollows) {
    Terminal t = installedTerminal(0);
    const std::string yibao = test::readBytes(test::demoContentDir() / kYibao);
    const std::string dibao = test::readBytes(test::demoContentDir() / kDibao);

    // Version 2 leaves the images alone: the delta has none, the terminal keeps its own.
    const fs::path d2 = bundle(2, {.base = v1_});
    EXPECT_TRUE(imagePaths(d2).empty());
    ASSERT_STREQ(outcomeText(applyFolder(t, d2)), "applied");
    EXPECT_EQ(storedImage(t.db, "doc-2025-0015"), yibao);
    EXPECT_EQ(storedImage(t.db, "doc-2024-0008"), dibao);

    // Version 3 replaces one poster: only that one travels, and it replaces the old bytes.
    const fs::path d3 = bundle(3, {.base = d2, .edit = [&](const fs::path& dir) {
                                       fs::copy_file(dir / kYibao, dir / kDibao, fs::copy_options::overwrite_existing);
                                   }});
    // (The base here is itself a delta, which lists no images, so pack cannot tell that the
    // other poster is unchanged and sends it again: correct, only not minimal.)
    const auto carried = imagePaths(d3);
    EXPECT_NE(std::find(carried.begin(), carried.end(), kDibao), carried.end());
    const UpdateReport r = applyFolder(t, d3);
    ASSERT_STREQ(outcomeText(r), "applied") << r.detail;
    EXPECT_EQ(storedImage(t.db, "doc-2024-0008"), yibao);
    EXPECT_EQ(storedImage(t.db, "doc-2025-0015"), yibao);

    // Version 4 drops an attachment: the store lets its image go with it.
    const fs::path d4 = bundle(4, {.base = d3, .edit = [&](const fs::path& dir) {
                                       json docs = readJsonFile(dir / "documents/2024.json");
                                       for (json& d : docs) d.erase("attachments");
                                       writeJsonFile(dir / "documents/2024.json", docs);
                                       fs::remove(dir / kDibao);
                                   }});
    ASSERT_STREQ(outcomeText(applyFolder(t, d4)), "applied");
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_TRUE(store->documentByKey("doc-2024-0008")->attachments.empty());
    const auto counts = store->tableCounts();
    const auto images = std::find_if(counts.begin(), counts.end(), [](const auto& c) { return c.first == "content_images"; });
    ASSERT_NE(images, counts.end());
    EXPECT_EQ(images->second, 1);
    EXPECT_TRUE(store->integrityProblems().empty());
}

TEST_F(ContentImages, PackRefusesAnAttachmentWithoutItsImage) {
    try {
        bundle(1, {.edit = [&](const fs::path& dir) { fs::remove(dir / kYibao); }});
        FAIL() << "packed without the image";
    } catch (const ContentError& e) {
        EXPECT_NE(std::string(e.what()).find("images/yitu-yibao-2026.png' is not in the content source"),
                  std::string::npos)
            << e.what();
    }
}

// A bundle whose image verifies against the manifest but is not an image (the office's tool
// was bypassed) is refused as corrupt before anything is applied.
TEST_F(ContentImages, DamagedImageInASignedBundleIsRefused) {
    Terminal t = installedTerminal(0);
    const fs::path d2 = bundle(2, {.base = v1_, .edit = [&](const fs::path& dir) {
                                       // A new poster, then spoiled after pack checked it.
                                       fs::copy_file(dir / kYibao, dir / "images/extra.png");
                                       json docs = readJsonFile(dir / "documents/2025.json");
                                       for (json& d : docs)
                                           if (d["key"] == "doc-2025-0015")
                                               d["attachments"].push_back({{"name", "附图"}, {"file", "images/extra.png"}});
                                       writeJsonFile(dir / "documents/2025.json", docs);
                                   }});
    ASSERT_EQ(imagePaths(d2), std::vector<std::string>{"images/extra.png"});
    // Rewrite the stored file and its manifest entry, and sign again: only the content is wrong.
    const std::string junk = "<html>not an image</html>";
    const fs::path manifest = d2 / "manifest.json";
    resignManifest(manifest, [&](json& m) {
        for (json& f : m["files"])
            if (f["path"] == "images/extra.png") {
                f["length"] = junk.size();
                f["sha256"] = sha256Hex(junk);
            }
    }, content_.seed);
    test::writeBytes(d2 / "files" / sha256Hex(junk), junk);
    const TerminalSnapshot before = snapshotOf(t.db);
    const UpdateReport r = applyFolder(t, d2);
    EXPECT_STREQ(outcomeText(r), "refused") << r.detail;
    EXPECT_NE(r.detail.find("images/extra.png: not a PNG or JPEG image"), std::string::npos) << r.detail;
    expectSameTerminal(before, snapshotOf(t.db));
}

}  // namespace
}  // namespace zwgk::synctest
