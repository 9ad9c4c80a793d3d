// Content bundles: how the central office ships content to terminals, online and on USB
// sticks, modelled on TUF. A bundle is a folder of static files:
//
//   manifest.json        signed by a content key: version, times, every file's length and hash
//   files/<sha256>       the content files, named by the SHA-256 of their stored bytes
//   root.json            the newest root metadata (which keys sign content), signed by root keys
//   roots/<N>.json       every root version, so a terminal can walk from its pinned root
//
// and a published web root (kiosk-sync publish) adds
//
//   deltas/from-<N>.json the delta manifest that brings version N to the next version
//   versions/<V>.json    every manifest published, for the record
//
// Trust: a terminal pins root version 1 (or later) at install. Root N+1 is accepted only if
// signed by a root key of N and by one of its own. The root lists the content-signing keys
// with their expiry and the revoked ones; a manifest counts only when a listed, unexpired,
// unrevoked content key signed it. Files are read only up to their declared length and must
// match their hash. A terminal refuses a version at or below its own.
//
// Section index
//   1. Errors
//   2. Manifest and root metadata: parsing and canonical form
//   3. Verification
//   4. Reading the files of a verified manifest
//   5. Producing bundles: pack, sign, rotate keys, publish
//   6. Times
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store.h"

namespace zwgk {

// ---------------------------------------------------------------------------------------
// 1. Errors
// ---------------------------------------------------------------------------------------
enum class BundleRefusal {
    Malformed,       // not a manifest / root file, or a field is wrong
    TooLarge,        // a manifest, root or file larger than any real one
    BadPath,         // a path in the manifest that is not a content file (../../etc …)
    Unsigned,        // no signature at all
    BadSignature,    // a signature that does not verify
    UnknownKey,      // signed, but not by a key the root lists
    RevokedKey,      // signed by a revoked content key
    ExpiredKey,      // signed by a content key past its expiry
    RootNotChained,  // a new root not signed by the current root
    Rollback,        // version at or below what the terminal has
    WrongContent,    // content of another county (content_id)
    WrongBase,       // a delta for another version than the terminal has
    FileMissing,     // a listed file is not there
    FileLength,      // a file shorter than declared
    FileTooLong,     // a file longer than declared
    FileHash,        // a file whose SHA-256 differs
    Corrupt,         // a file that verifies but cannot be decoded or read as content
};

class BundleError : public std::runtime_error {
public:
    BundleError(BundleRefusal refusal, const std::string& detail)
        : std::runtime_error(detail), refusal_(refusal) {}
    BundleRefusal refusal() const { return refusal_; }

private:
    BundleRefusal refusal_;
};

// The refusal in plain Chinese for the staff screen and the USB report, e.g.
// "内容包签名无效，未更新。"; the English detail (what()) goes to logs and the CLI.
std::string refusalMessage(BundleRefusal refusal);
const char* refusalName(BundleRefusal refusal);  // "bad-signature", for scripts and tests

// ---------------------------------------------------------------------------------------
// 2. Manifest and root metadata
// ---------------------------------------------------------------------------------------
inline constexpr int64_t kMaxManifestBytes = 16 << 20;  // 100,000 files fit in ~12 MiB
inline constexpr int64_t kMaxRootBytes = 256 << 10;
inline constexpr int64_t kMaxFileBytes = int64_t(512) << 20;   // one stored content file
inline constexpr int64_t kMaxRawFileBytes = int64_t(1) << 30;  // one decoded content file
inline constexpr size_t kMaxManifestFiles = 200000;

struct ManifestFile {
    std::string path;        // role inside the content: meta.json, documents/0001.json, deleted.json …
    int64_t length = 0;      // stored bytes (what is downloaded)
    std::string sha256;      // of the stored bytes, 64 hex; also the name under files/
    bool zstd = false;       // stored compressed; decoded it is rawLength bytes
    int64_t rawLength = 0;   // decoded length (== length when not compressed)
};

// A snapshot's prebuilt search index (files search-index/NNNNN.bin): the rules it was
// built by (Store::searchIndexStamp of the packer). Terminals with other rules ignore the
// files and build the index themselves.
struct ManifestSearchIndex {
    bool present = false;    // the manifest lists an index
    int64_t tokenizer = 0;   // kSearchTokenizerVersion
    std::string textData;    // searchTextDataFingerprint(), 16 hex
    std::string layout;      // the search tables' definition, 16 hex
    int64_t schema = 0;      // the packer's store schema version
};

struct Signature {
    std::string publicKey;  // 32 bytes
    std::string signature;  // 64 bytes
};

struct Manifest {
    std::string contentId;             // which county's content (meta.json content_id)
    int64_t version = 0;               // only goes up
    std::string created;               // UTC, 2026-11-30T08:00:00Z
    std::string expires;               // UTC; after it the terminal says its content may be old
    bool delta = false;                // false: a full snapshot
    int64_t base = 0;                  // delta only: the version it applies to
    std::vector<ManifestFile> files;   // sorted by path, paths unique
    ManifestSearchIndex searchIndex;   // snapshot only: "search_index" (optional)
    std::string signedText;            // canonical JSON of the signed part (what signatures cover)
    std::vector<Signature> signatures; // as found; verifyManifest decides which count
    std::string digest;                // SHA-256 of the manifest file as read
};

struct ContentKey {
    std::string publicKey;  // 32 bytes
    std::string expires;    // UTC; manifests it signs are refused after this moment
};

struct RootMetadata {
    int64_t version = 0;                   // 1, 2, … each signed by the previous
    std::vector<std::string> rootKeys;     // 32-byte keys that may sign the next root
    std::vector<ContentKey> contentKeys;   // keys that may sign manifests
    std::vector<std::string> revoked;      // content keys never to trust again
    std::string signedText;                // canonical JSON of the signed part
    std::vector<Signature> signatures;     // as found
    std::string text;                      // the whole file, to store and to pass on
};

// Parse and check the shape (sizes, paths, types); BundleError Malformed/TooLarge/BadPath.
// Signatures are not checked here.
Manifest parseManifest(std::string_view text);
// The manifest file as pack and sign write it, from M's fields and signatures.
std::string manifestText(const Manifest& m);
// Root metadata as writeNextRoot writes it, from R's fields and signatures.
std::string rootText(const RootMetadata& r);
RootMetadata parseRoot(std::string_view text);

// True for the paths a manifest may list: content source files (content_source.h roles),
// deleted.json, doc-index.json and search-index/NNNNN.bin (a snapshot's prebuilt search
// index); lower-case ASCII, no "..", no absolute paths.
bool isBundlePath(const std::string& path);

// ---------------------------------------------------------------------------------------
// 3. Verification
// ---------------------------------------------------------------------------------------
// CANDIDATE must be root TRUSTED.version + 1, signed by a root key of TRUSTED and by one of
// its own root keys. Returns it parsed; BundleError RootNotChained / BadSignature / Malformed.
RootMetadata verifyRootUpdate(const RootMetadata& trusted, std::string_view candidate);
// A root checked only against itself: for pinning at install (kiosk-sync trust).
RootMetadata verifySelfSignedRoot(std::string_view text);

// MANIFEST must carry a valid signature by a content key of ROOT that is neither revoked nor
// expired at NOW (UTC text). Unsigned, BadSignature, UnknownKey, RevokedKey, ExpiredKey.
void verifyManifest(const Manifest& manifest, const RootMetadata& root, const std::string& now);

// What a terminal holds, for the acceptance rules.
struct TerminalContent {
    std::string contentId;  // empty: no bundle applied yet (any county accepted)
    int64_t version = 0;    // applied version, 0: none
};
// Rollback (version ≤ held), WrongContent, WrongBase (a delta whose base is not the held version).
void checkAcceptable(const Manifest& manifest, const TerminalContent& held);

// ---------------------------------------------------------------------------------------
// 4. Files
// ---------------------------------------------------------------------------------------
// Reads the stored file for ENTRY from PATH, never more than entry.length + 1 bytes, and
// checks length and hash: FileMissing, FileLength, FileTooLong, FileHash.
std::string readVerifiedFile(const std::string& path, const ManifestFile& entry);
// Copies PATH to DEST (via DEST.tmp, fsync, rename) checking length and hash on the way.
void copyVerifiedFile(const std::string& path, const std::string& dest, const ManifestFile& entry);
// True when PATH already holds exactly ENTRY's bytes (a file downloaded earlier).
bool fileMatches(const std::string& path, const ManifestFile& entry);
// The content bytes of a verified stored file (decompressed, at most entry.rawLength).
// BundleError Corrupt when the data does not decode to exactly rawLength bytes.
std::string decodeFile(std::string stored, const ManifestFile& entry);

// The document keys a delta removes (deleted.json), checked.
std::vector<std::string> parseDeletedList(std::string_view text);

// Applies the files of manifest M to STORE in one transaction (Store::applyUpdate). LOAD
// returns a listed file's content bytes, verified and decoded (readVerifiedFile +
// decodeFile); it is called for the documents and index files as they are applied, on a
// prefetch thread. A snapshot's prebuilt search index is offered to the store (which uses
// it only when built by its own rules) unless USEINDEX is false. BundleError Corrupt when
// the files are no content; StoreError from the store.
ApplyReport applyBundleFiles(Store& store, const Manifest& m, const std::function<std::string(const ManifestFile&)>& load,
                             const BundleStamp& stamp, bool useIndex = true);

// ---------------------------------------------------------------------------------------
// 5. Producing bundles (central office)
// ---------------------------------------------------------------------------------------
struct PackOptions {
    std::string sourceDir;        // content source directory (sync/CONTENT_FORMAT.md)
    std::string outDir;           // the bundle folder to write (must be empty or absent)
    std::string baseDir;          // a previous bundle or web root: write a delta against it
    int64_t version = 0;          // 0: meta.json's version; else written into meta.json
    int expiresDays = 30;         // expiry after creation
    std::string created;          // UTC override (tests); empty: now
    int documentsPerFile = 500;   // documents per stored file
    bool compress = true;         // zstd for the document files and the index
    // Snapshot: build the store as a terminal would (in OUTDIR, removed afterwards) and ship
    // its search index as search-index/NNNNN.bin files of about searchIndexFileBytes each.
    bool searchIndex = true;
    size_t searchIndexFileBytes = size_t(8) << 20;
};

struct PackResult {
    Manifest manifest;            // as written (unsigned)
    int64_t rawBytes = 0;         // the content source's bytes
    int64_t storedBytes = 0;      // the bundle's files
    int documents = 0;            // documents in the source
    int deliveredDocuments = 0;   // documents in this bundle (all, or the changed ones)
    int deletedDocuments = 0;     // delta: documents removed
    int searchIndexFiles = 0;     // prebuilt search index files (0: none)
    int64_t searchIndexBytes = 0; // their stored bytes
    double searchIndexSeconds = 0;  // building and writing it
};

// Validates the whole source (the same rules as import) and writes OUTDIR/manifest.json
// (unsigned) and OUTDIR/files/. Throws ContentError for bad content, BundleError for a bad
// base, std::runtime_error for I/O. Memory stays bounded by one documents file.
PackResult packBundle(const PackOptions& options);

// Adds a signature with the content key SEED to BUNDLEDIR/manifest.json, and copies the root
// chain (ROOTDIR/root.json and ROOTDIR/roots/*.json, if ROOTDIR is given) into the bundle.
void signBundle(const std::string& bundleDir, const std::string& seed, const std::string& rootDir);

// Key rotation. Writes root version N+1 (or 1 when PREVIOUS is empty) into ROOTDIR as
// root.json and roots/<N+1>.json, signed by every seed in SIGNERS (the old root key and, if
// it changes, the new one).
struct RootChange {
    std::vector<std::string> rootKeys;       // public keys of the new root (32 bytes each)
    std::vector<ContentKey> addContentKeys;  // content keys to add (or renew)
    std::vector<std::string> revoke;         // content keys to revoke
};
RootMetadata writeNextRoot(const std::string& rootDir, const RootChange& change,
                           const std::vector<std::string>& signerSeeds);

struct PublishResult {
    int64_t version = 0;       // the bundle published
    bool delta = false;        // published as deltas/from-<base>.json
    int filesCopied = 0;       // new files in files/
    int filesPresent = 0;      // already there (content-addressed)
};
// Copies a signed bundle into the web root WEBROOT: files first, then roots, then the
// manifest (manifest.json for a snapshot, deltas/from-<base>.json for a delta, and always
// versions/<V>.json), each by write-then-rename so a reader never sees a half file.
PublishResult publishBundle(const std::string& bundleDir, const std::string& webRoot);

// ---------------------------------------------------------------------------------------
// 6. Times (UTC, "YYYY-MM-DDTHH:MM:SSZ", compared as text)
// ---------------------------------------------------------------------------------------
std::string utcNow();
std::string utcPlusDays(const std::string& utc, int days);
bool isUtcTime(const std::string& text);
// Seconds since the epoch of a UTC text; nullopt if malformed.
std::optional<int64_t> utcSeconds(const std::string& text);
std::string utcFromSeconds(int64_t seconds);

}  // namespace zwgk
