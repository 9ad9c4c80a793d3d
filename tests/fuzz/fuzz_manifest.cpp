// libFuzzer target: the manifest reader (sync/bundle.h parseManifest) and, for every manifest
// that parses, the signature check (verifyManifest) against two fixed roots, so that the
// signature, revocation and expiry paths run. Then two round trips:
//   1. the file reformatted (other indentation; JSON object keys come out sorted) parses to the
//      same fields and the same signedText, and verifies with the same outcome: signatures
//      cover the canonical form of the signed part, never the bytes of the file;
//   2. the manifest written back from its fields in the canonical form (as kiosk-sync pack and
//      sign write it) parses to the same fields, and writing that again gives the same text.
// Only BundleError may leave parseManifest, verifyManifest and checkAcceptable, and only with
// the refusals bundle.h documents for them; anything else (another exception, a crash, a leak,
// undefined behaviour, a broken invariant) is a finding.
//
// Fixtures (tests/fuzz/fixtures, made with kiosk-sync; see tests/fuzz/make-seeds.sh):
// root-2.json lists content key c1 (valid) and c2 (expired at kNow); root-3.json lists c1 and
// c3 and revokes c2. The seeds are manifests signed by these keys.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bundle.h"
#include "fuzz_support.h"
#include "signing.h"

namespace {

using namespace zwgk;
using json = nlohmann::json;

const std::string kNow = "2026-12-01T00:00:00Z";

struct Fixtures {
    RootMetadata root2;  // c1 valid, c2 expired at kNow
    RootMetadata root3;  // c1 and c3 valid, c2 revoked
};

const Fixtures& fixtures() {
    static const Fixtures f{parseRoot(fuzz::readFixture(fuzz::fixturePath("root-2.json"))),
                            parseRoot(fuzz::readFixture(fuzz::fixturePath("root-3.json")))};
    return f;
}

bool isParseRefusal(BundleRefusal r) {
    return r == BundleRefusal::Malformed || r == BundleRefusal::TooLarge || r == BundleRefusal::BadPath;
}

// "ok" or the refusal's name; verifyManifest may refuse only for signature reasons.
std::string verifyOutcome(const Manifest& m, const RootMetadata& root) {
    try {
        verifyManifest(m, root, kNow);
        return "ok";
    } catch (const BundleError& e) {
        const BundleRefusal r = e.refusal();
        FUZZ_CHECK(r == BundleRefusal::Unsigned || r == BundleRefusal::BadSignature ||
                   r == BundleRefusal::UnknownKey || r == BundleRefusal::RevokedKey ||
                   r == BundleRefusal::ExpiredKey);
        return refusalName(r);
    }
}

void checkAcceptableOnly(const Manifest& m, const TerminalContent& held) {
    try {
        checkAcceptable(m, held);
        FUZZ_CHECK(m.version > held.version);
        FUZZ_CHECK(held.contentId.empty() || m.contentId == held.contentId);
        FUZZ_CHECK(!m.delta || m.base == held.version);
    } catch (const BundleError& e) {
        const BundleRefusal r = e.refusal();
        FUZZ_CHECK(r == BundleRefusal::Rollback || r == BundleRefusal::WrongContent || r == BundleRefusal::WrongBase);
    }
}

bool sameFields(const Manifest& a, const Manifest& b) {
    if (a.contentId != b.contentId || a.version != b.version || a.created != b.created ||
        a.expires != b.expires || a.delta != b.delta || a.base != b.base ||
        a.files.size() != b.files.size() || a.signatures.size() != b.signatures.size())
        return false;
    for (size_t i = 0; i < a.files.size(); ++i) {
        const ManifestFile &x = a.files[i], &y = b.files[i];
        if (x.path != y.path || x.length != y.length || x.sha256 != y.sha256 || x.zstd != y.zstd ||
            x.rawLength != y.rawLength)
            return false;
    }
    for (size_t i = 0; i < a.signatures.size(); ++i)
        if (a.signatures[i].publicKey != b.signatures[i].publicKey ||
            a.signatures[i].signature != b.signatures[i].signature)
            return false;
    return true;
}

// What parseManifest promises about a manifest it returns.
void checkShape(const Manifest& m, std::string_view text) {
    FUZZ_CHECK(!m.contentId.empty() && m.contentId.size() <= 64);
    FUZZ_CHECK(m.version >= 1);
    FUZZ_CHECK(isUtcTime(m.created) && isUtcTime(m.expires) && m.created < m.expires);
    FUZZ_CHECK(m.delta ? (m.base >= 1 && m.base < m.version) : m.base == 0);
    FUZZ_CHECK(m.files.size() <= kMaxManifestFiles);
    bool meta = false;
    for (size_t i = 0; i < m.files.size(); ++i) {
        const ManifestFile& f = m.files[i];
        FUZZ_CHECK(isBundlePath(f.path));
        FUZZ_CHECK(f.path.find("..") == std::string::npos && f.path.front() != '/');
        FUZZ_CHECK(i == 0 || m.files[i - 1].path < f.path);  // sorted, unique
        FUZZ_CHECK(f.length >= 0 && f.length <= kMaxFileBytes);
        FUZZ_CHECK(f.rawLength >= 0 && f.rawLength <= kMaxRawFileBytes);
        FUZZ_CHECK(f.zstd || f.rawLength == f.length);
        FUZZ_CHECK(f.sha256.size() == 64);
        FUZZ_CHECK(m.delta || f.path != "deleted.json");
        meta = meta || f.path == "meta.json";
    }
    FUZZ_CHECK(meta);
    FUZZ_CHECK(m.signatures.size() <= 16);
    for (const Signature& s : m.signatures) FUZZ_CHECK(s.publicKey.size() == 32 && s.signature.size() == 64);
    FUZZ_CHECK(m.digest == sha256Hex(text));
    // signedText is the canonical dump of the signed object as found in the file.
    FUZZ_CHECK(m.signedText == json::parse(text)["signed"].dump());
}

}  // namespace

// JSON-aware mutations besides libFuzzer's own (fuzz_support.h).
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    return fuzz::mutateJson(data, size, maxSize, seed, /*prefix=*/0);
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixtures();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Manifest m;
    try {
        m = parseManifest(text);
    } catch (const BundleError& e) {
        FUZZ_CHECK(isParseRefusal(e.refusal()));
        return 0;
    }
    checkShape(m, text);

    const Fixtures& f = fixtures();
    const std::string outcome2 = verifyOutcome(m, f.root2), outcome3 = verifyOutcome(m, f.root3);
    if (std::getenv("ZWGK_FUZZ_VERBOSE"))  // to check the seeds: which verdicts they reach
        std::fprintf(stderr, "manifest version %lld %s: root-2 %s, root-3 %s\n", static_cast<long long>(m.version),
                     m.delta ? "delta" : "snapshot", outcome2.c_str(), outcome3.c_str());
    checkAcceptableOnly(m, {});
    checkAcceptableOnly(m, {"linlan-county", 1});
    checkAcceptableOnly(m, {m.contentId, m.version - 1});

    // 1. Reformatted: same signed part, same fields, same verdicts.
    const int indent = static_cast<int>(size % 3) - 1;  // -1 (compact), 0, 1
    const std::string reformatted = json::parse(text).dump(indent);
    if (static_cast<int64_t>(reformatted.size()) <= kMaxManifestBytes) {
        const Manifest again = parseManifest(reformatted);  // must not throw
        FUZZ_CHECK(again.signedText == m.signedText);
        FUZZ_CHECK(sameFields(again, m));
        FUZZ_CHECK(verifyOutcome(again, f.root2) == outcome2);
        FUZZ_CHECK(verifyOutcome(again, f.root3) == outcome3);
    }

    // 2. Written back canonically from the fields: parses to the same fields; writing that
    // again is a fixed point.
    const std::string canonical = manifestText(m);
    const Manifest back = parseManifest(canonical);  // must not throw
    FUZZ_CHECK(sameFields(back, m));
    FUZZ_CHECK(manifestText(back) == canonical);
    FUZZ_CHECK(back.signedText == json::parse(canonical)["signed"].dump());
    // A file that was already canonical keeps its signatures valid when written back.
    if (back.signedText == m.signedText) {
        FUZZ_CHECK(verifyOutcome(back, f.root2) == outcome2);
        FUZZ_CHECK(verifyOutcome(back, f.root3) == outcome3);
    }
    return 0;
}
