// 一图读懂 attachments in a content source: each attachment's file must be a real PNG or JPEG
// under images/, within the size limits (kiosk/core/image_decode.h); a bad one is refused
// with the file named, and the store keeps its previous content. A good one lands in the
// store with its bytes, and the next import replaces them in the same transaction.
#include <gtest/gtest.h>

#include <cstring>

#include "content_source.h"
#include "image_decode.h"
#include "store.h"
#include "test_support.h"

namespace zwgk {
namespace {

namespace fs = std::filesystem;

// A PNG of only a signature and an IHDR chunk saying W × H: enough for the size checks,
// which read the header before anything is decoded.
std::string pngHeader(uint32_t w, uint32_t h) {
    std::string png("\x89PNG\r\n\x1a\n", 8);
    auto be32 = [&](uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) png.push_back(static_cast<char>((v >> s) & 0xFF));
    };
    be32(13);
    png += "IHDR";
    be32(w);
    be32(h);
    png += std::string("\x08\x06\x00\x00\x00", 5);
    be32(0);  // CRC: not checked by the decoder
    return png;
}

// Loads SOURCE and returns the ContentError's message, or "" when it loads.
std::string loadProblem(const fs::path& source, ContentError* error = nullptr) {
    try {
        loadContentSource(source.string());
        return "";
    } catch (const ContentError& e) {
        if (error) *error = e;
        return e.what();
    }
}

TEST(ContentImages, GoodImagesAreImportedWithTheirBytes) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    const ContentSet set = loadContentSource(source.string());
    ASSERT_EQ(set.images.size(), 2u);
    EXPECT_EQ(set.images[0].file, "images/dibao.png");
    EXPECT_EQ(set.images[0].width, 60);
    EXPECT_EQ(set.images[0].height, 90);

    auto store = Store::open((dir.path() / "store.db").string(), Store::Mode::Create);
    store->importContent(set);
    const auto doc = store->documentByKey("doc-2025-0001");
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->attachments.size(), 2u);
    EXPECT_EQ(doc->attachments[1].file, "images/form.png");
    EXPECT_EQ(doc->attachments[1].width, 80);
    EXPECT_EQ(doc->attachments[1].height, 40);
    const auto image = store->attachmentImage(doc->id, 1);
    ASSERT_TRUE(image);
    EXPECT_EQ(image->name, "低保申请书样表");
    EXPECT_EQ(image->bytes, test::readBytes(source / "images/form.png"));
    std::string problem;
    const auto decoded = decodeImage(image->bytes, 0, problem);
    ASSERT_TRUE(decoded) << problem;
    EXPECT_EQ(decoded->width, 80);
    EXPECT_EQ(decoded->rgba[0], 30);  // the fixture's colour (30, 90, 170)
    EXPECT_EQ(decoded->rgba[2], 170);
    EXPECT_FALSE(store->attachmentImage(doc->id, 2));

    // The next import replaces the bytes, in the same transaction as the documents.
    fs::copy_file(source / "images/dibao.png", source / "images/form.png", fs::copy_options::overwrite_existing);
    store->importContent(loadContentSource(source.string()));
    const auto again = store->documentByKey("doc-2025-0001");
    EXPECT_EQ(store->attachmentImage(again->id, 1)->bytes, test::readBytes(source / "images/dibao.png"));
    EXPECT_EQ(store->documentByKey("doc-2025-0001")->attachments[1].height, 90);
    EXPECT_TRUE(store->integrityProblems().empty());
}

TEST(ContentImages, MissingFileIsRefusedUnderTheDocument) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    fs::remove(source / "images/form.png");
    ContentError e("", "", "", "");
    const std::string message = loadProblem(source, &e);
    EXPECT_EQ(message, "documents/2025.json: doc-2025-0001: field 'attachments' entry 2: file 'images/form.png' "
                       "is not in the content source");
    EXPECT_EQ(e.field(), "attachments");
}

TEST(ContentImages, FileThatIsNotAnImageIsRefused) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    test::writeBytes(source / "images/form.png", "<html>404 not found</html>");
    EXPECT_EQ(loadProblem(source), "images/form.png: not a PNG or JPEG image");
}

TEST(ContentImages, TruncatedImageIsRefused) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    const std::string png = test::readBytes(source / "images/form.png");
    test::writeBytes(source / "images/form.png", png.substr(0, png.size() - 30));
    const std::string message = loadProblem(source);
    EXPECT_EQ(message.rfind("images/form.png: the image data is damaged", 0), 0u) << message;
}

TEST(ContentImages, TooLargeImagesAreRefused) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    test::writeBytes(source / "images/form.png", pngHeader(9000, 100));
    EXPECT_EQ(loadProblem(source), "images/form.png: 9000×100 px is wider or taller than the 8192 px allowed");
    test::writeBytes(source / "images/form.png", pngHeader(5000, 5000));
    EXPECT_EQ(loadProblem(source), "images/form.png: 5000×5000 px has more than the 16 million pixels allowed");
    std::string big = pngHeader(100, 100);
    big.resize((size_t(8) << 20) + 1, '\0');
    test::writeBytes(source / "images/form.png", big);
    EXPECT_EQ(loadProblem(source),
              "images/form.png: the file has 8388609 bytes, more than the 8 MiB allowed for an image");
}

TEST(ContentImages, PathsOutsideTheImagesFolderAreRefused) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    const fs::path documents = source / "documents/2025.json";
    const std::string original = test::readBytes(documents);
    for (const char* file : {"../meta.png", "images/../../secret.png", "/etc/passwd", "meta.json", "images/x.gif",
                             "images/sub/x.png", "images/Form.PNG"}) {
        std::string edited = original;
        const std::string from = "\"images/form.png\"";
        edited.replace(edited.find(from), from.size(), std::string("\"") + file + "\"");
        test::writeBytes(documents, edited);
        ContentError e("", "", "", "");
        const std::string message = loadProblem(source, &e);
        EXPECT_EQ(e.key(), "doc-2025-0001") << file;
        EXPECT_EQ(e.field(), "attachments") << file;
        EXPECT_EQ(message, std::string("documents/2025.json: doc-2025-0001: field 'attachments' entry 2: file '") +
                               file +
                               "' is not an image in the source's images folder (images/NAME.png or images/NAME.jpg, "
                               "NAME of a-z, 0-9, '-', '_', '.'; no '..' or other folders)");
    }
}

TEST(ContentImages, LinkOutOfTheSourceIsRefused) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    test::writeBytes(dir.path() / "outside.png", test::readBytes(source / "images/form.png"));
    fs::remove(source / "images/form.png");
    fs::create_symlink(dir.path() / "outside.png", source / "images/form.png");
    EXPECT_EQ(loadProblem(source), "images/form.png: the image file lies outside the content source (a link?)");
}

TEST(ContentImages, BadImageLeavesTheStoreAsItWas) {
    test::TempDir dir;
    const fs::path source = test::copyFixture(dir);
    auto store = Store::open((dir.path() / "store.db").string(), Store::Mode::Create);
    store->importContent(loadContentSource(source.string()));
    ContentSet set = loadContentSource(source.string());
    set.images.erase(set.images.begin());  // images/dibao.png, attached by doc-2025-0001
    try {
        store->importContent(set);
        FAIL() << "imported without the image";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::BadContent);
        EXPECT_NE(std::string(e.what()).find("file 'images/dibao.png' is not in the content source"),
                  std::string::npos)
            << e.what();
    }
    const auto doc = store->documentByKey("doc-2025-0001");
    ASSERT_TRUE(store->attachmentImage(doc->id, 0));
    EXPECT_EQ(store->attachmentImage(doc->id, 0)->bytes, test::readBytes(source / "images/dibao.png"));
}

TEST(ContentImages, DecodeScalesDownToTheTextureLimit) {
    std::string problem;
    const std::string png = test::readBytes(test::demoContentDir() / "images/yitu-yibao-2026.png");
    const auto full = decodeImage(png, 0, problem);
    ASSERT_TRUE(full) << problem;
    EXPECT_EQ(full->width, 1080);
    const auto small = decodeImage(png, 1024, problem);
    ASSERT_TRUE(small) << problem;
    EXPECT_EQ(small->height, 1024);
    EXPECT_EQ(small->width, full->width * 1024 / full->height);
    EXPECT_EQ(small->rgba.size(), size_t(small->width) * small->height * 4);
    EXPECT_EQ(small->rgba[3], 255);  // opaque stays opaque
}

}  // namespace
}  // namespace zwgk
