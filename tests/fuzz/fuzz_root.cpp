// libFuzzer target: the root metadata reader (sync/bundle.h parseRoot) and the rotation check
// (verifyRootUpdate) against two fixed trusted roots, plus verifySelfSignedRoot (pinning at
// install). For a root that parses: the file reformatted gives the same signedText, fields and
// verdicts; written back canonically (as kiosk-sync rotate-key writes it) it parses to the same
// fields. Only BundleError may leave these functions, with the refusals bundle.h documents.
//
// Fixtures (tests/fuzz/fixtures, made with kiosk-sync rotate-key; see tests/fuzz/make-seeds.sh):
// root-1.json (root key r1), root-2.json (root key r2, signed by r1 and r2), root-3.json
// (signed by r2). The seeds are these roots.
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

struct Fixtures {
    RootMetadata root1, root2;
};

const Fixtures& fixtures() {
    static const Fixtures f{verifySelfSignedRoot(fuzz::readFixture(fuzz::fixturePath("root-1.json"))),
                            parseRoot(fuzz::readFixture(fuzz::fixturePath("root-2.json")))};
    return f;
}

bool isParseRefusal(BundleRefusal r) { return r == BundleRefusal::Malformed || r == BundleRefusal::TooLarge; }

std::string updateOutcome(const RootMetadata& trusted, std::string_view candidate) {
    try {
        const RootMetadata next = verifyRootUpdate(trusted, candidate);
        FUZZ_CHECK(next.version == trusted.version + 1);
        FUZZ_CHECK(!next.signatures.empty());
        return "ok";
    } catch (const BundleError& e) {
        const BundleRefusal r = e.refusal();
        FUZZ_CHECK(isParseRefusal(r) || r == BundleRefusal::RootNotChained || r == BundleRefusal::BadSignature ||
                   r == BundleRefusal::Unsigned);
        return refusalName(r);
    }
}

std::string selfOutcome(std::string_view text) {
    try {
        verifySelfSignedRoot(text);
        return "ok";
    } catch (const BundleError& e) {
        const BundleRefusal r = e.refusal();
        FUZZ_CHECK(isParseRefusal(r) || r == BundleRefusal::BadSignature || r == BundleRefusal::Unsigned);
        return refusalName(r);
    }
}

bool sameFields(const RootMetadata& a, const RootMetadata& b) {
    if (a.version != b.version || a.rootKeys != b.rootKeys || a.revoked != b.revoked ||
        a.contentKeys.size() != b.contentKeys.size() || a.signatures.size() != b.signatures.size())
        return false;
    for (size_t i = 0; i < a.contentKeys.size(); ++i)
        if (a.contentKeys[i].publicKey != b.contentKeys[i].publicKey || a.contentKeys[i].expires != b.contentKeys[i].expires)
            return false;
    for (size_t i = 0; i < a.signatures.size(); ++i)
        if (a.signatures[i].publicKey != b.signatures[i].publicKey ||
            a.signatures[i].signature != b.signatures[i].signature)
            return false;
    return true;
}

void checkShape(const RootMetadata& r, std::string_view text) {
    FUZZ_CHECK(r.version >= 1 && r.version <= 1000000);
    FUZZ_CHECK(!r.rootKeys.empty() && r.rootKeys.size() <= 8);
    for (const std::string& k : r.rootKeys) FUZZ_CHECK(k.size() == 32);
    FUZZ_CHECK(r.contentKeys.size() <= 64);
    for (const ContentKey& k : r.contentKeys) FUZZ_CHECK(k.publicKey.size() == 32 && isUtcTime(k.expires));
    FUZZ_CHECK(r.revoked.size() <= 1024);
    for (const std::string& k : r.revoked) FUZZ_CHECK(k.size() == 32);
    FUZZ_CHECK(r.signatures.size() <= 16);
    for (const Signature& s : r.signatures) FUZZ_CHECK(s.publicKey.size() == 32 && s.signature.size() == 64);
    FUZZ_CHECK(r.text == text);
    FUZZ_CHECK(r.signedText == json::parse(text)["signed"].dump());
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
    const Fixtures& f = fixtures();
    const std::string from1 = updateOutcome(f.root1, text), from2 = updateOutcome(f.root2, text);
    const std::string self = selfOutcome(text);

    RootMetadata r;
    try {
        r = parseRoot(text);
    } catch (const BundleError& e) {
        FUZZ_CHECK(isParseRefusal(e.refusal()));
        FUZZ_CHECK(from1 == refusalName(e.refusal()) && from2 == from1 && self == from1);
        return 0;
    }
    checkShape(r, text);
    if (std::getenv("ZWGK_FUZZ_VERBOSE"))  // to check the seeds: which verdicts they reach
        std::fprintf(stderr, "root version %lld: after root-1 %s, after root-2 %s, self-signed %s\n",
                     static_cast<long long>(r.version), from1.c_str(), from2.c_str(), self.c_str());

    // Reformatted: same signed part, same fields, same verdicts.
    const int indent = static_cast<int>(size % 3) - 1;
    const std::string reformatted = json::parse(text).dump(indent);
    if (static_cast<int64_t>(reformatted.size()) <= kMaxRootBytes) {
        const RootMetadata again = parseRoot(reformatted);  // must not throw
        FUZZ_CHECK(again.signedText == r.signedText);
        FUZZ_CHECK(sameFields(again, r));
        FUZZ_CHECK(updateOutcome(f.root1, reformatted) == from1);
        FUZZ_CHECK(updateOutcome(f.root2, reformatted) == from2);
        FUZZ_CHECK(selfOutcome(reformatted) == self);
    }

    // Written back canonically: the same fields, and a fixed point.
    const std::string canonical = rootText(r);
    if (static_cast<int64_t>(canonical.size()) <= kMaxRootBytes) {
        const RootMetadata back = parseRoot(canonical);  // must not throw
        FUZZ_CHECK(sameFields(back, r));
        FUZZ_CHECK(rootText(back) == canonical);
        if (back.signedText == r.signedText) {
            FUZZ_CHECK(updateOutcome(f.root1, canonical) == from1);
            FUZZ_CHECK(updateOutcome(f.root2, canonical) == from2);
            FUZZ_CHECK(selfOutcome(canonical) == self);
        }
    }
    return 0;
}
