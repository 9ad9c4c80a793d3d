#include "bundle.h"

#include <zstd.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "content_source.h"
#include "signing.h"

namespace zwgk {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Section index: refusals · times · file helpers · parsing · verification · files · pack ·
// sign · roots · publish

// ---------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------
std::string refusalMessage(BundleRefusal refusal) {
    switch (refusal) {
    case BundleRefusal::Malformed: return "内容包格式不正确，未更新。";
    case BundleRefusal::TooLarge: return "内容包文件过大，不是有效的内容包，未更新。";
    case BundleRefusal::BadPath: return "内容包中有不允许的文件路径，未更新。";
    case BundleRefusal::Unsigned: return "内容包没有签名，未更新。";
    case BundleRefusal::BadSignature: return "内容包签名无效，未更新。";
    case BundleRefusal::UnknownKey: return "内容包不是由受信任的密钥签名，未更新。";
    case BundleRefusal::RevokedKey: return "内容包的签名密钥已被吊销，未更新。";
    case BundleRefusal::ExpiredKey: return "内容包的签名密钥已过期，未更新。";
    case BundleRefusal::RootNotChained: return "新的根密钥未经原根密钥签署，未更新。";
    case BundleRefusal::Rollback: return "内容包版本不高于本机当前版本，未更新。";
    case BundleRefusal::WrongContent: return "内容包属于其他地区，未更新。";
    case BundleRefusal::WrongBase: return "增量包与本机内容版本不衔接，未更新。";
    case BundleRefusal::FileMissing: return "内容包缺少文件（可能未复制完整），未更新。";
    case BundleRefusal::FileLength: return "内容包文件不完整（可能未复制完整），未更新。";
    case BundleRefusal::FileTooLong: return "内容包文件比清单声明的长，未更新。";
    case BundleRefusal::FileHash: return "内容包文件校验不符（已损坏或被改动），未更新。";
    case BundleRefusal::Corrupt: return "内容包文件已损坏，未更新。";
    }
    return "内容包无效，未更新。";
}

const char* refusalName(BundleRefusal refusal) {
    switch (refusal) {
    case BundleRefusal::Malformed: return "malformed";
    case BundleRefusal::TooLarge: return "too-large";
    case BundleRefusal::BadPath: return "bad-path";
    case BundleRefusal::Unsigned: return "unsigned";
    case BundleRefusal::BadSignature: return "bad-signature";
    case BundleRefusal::UnknownKey: return "unknown-key";
    case BundleRefusal::RevokedKey: return "revoked-key";
    case BundleRefusal::ExpiredKey: return "expired-key";
    case BundleRefusal::RootNotChained: return "root-not-chained";
    case BundleRefusal::Rollback: return "rollback";
    case BundleRefusal::WrongContent: return "wrong-content";
    case BundleRefusal::WrongBase: return "wrong-base";
    case BundleRefusal::FileMissing: return "file-missing";
    case BundleRefusal::FileLength: return "file-length";
    case BundleRefusal::FileTooLong: return "file-too-long";
    case BundleRefusal::FileHash: return "file-hash";
    case BundleRefusal::Corrupt: return "corrupt";
    }
    return "unknown";
}

// ---------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------
std::string utcFromSeconds(int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string utcNow() {
    return utcFromSeconds(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count());
}

bool isUtcTime(const std::string& text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text[19] != 'Z')
        return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return utcSeconds(text).has_value();
}

std::optional<int64_t> utcSeconds(const std::string& text) {
    if (text.size() != 20) return std::nullopt;
    std::tm tm{};
    try {
        tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
        tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
        tm.tm_mday = std::stoi(text.substr(8, 2));
        tm.tm_hour = std::stoi(text.substr(11, 2));
        tm.tm_min = std::stoi(text.substr(14, 2));
        tm.tm_sec = std::stoi(text.substr(17, 2));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return std::nullopt;
    const std::time_t t = timegm(&tm);
    if (utcFromSeconds(t) != text) return std::nullopt;  // 2026-02-30 and the like
    return static_cast<int64_t>(t);
}

std::string utcPlusDays(const std::string& utc, int days) {
    const auto seconds = utcSeconds(utc);
    if (!seconds) throw std::runtime_error("not a UTC time: " + utc);
    return utcFromSeconds(*seconds + int64_t(days) * 86400);
}

// ---------------------------------------------------------------------------------------
// File helpers
// ---------------------------------------------------------------------------------------
namespace {

// Reads at most LIMIT + 1 bytes of PATH: enough to tell "longer than LIMIT" without reading
// a 1 GB file into memory.
std::optional<std::string> readBounded(const std::string& path, int64_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string data;
    char buffer[1 << 16];
    while (in && static_cast<int64_t>(data.size()) <= limit) {
        const int64_t want = std::min<int64_t>(sizeof buffer, limit + 1 - static_cast<int64_t>(data.size()));
        in.read(buffer, want);
        data.append(buffer, static_cast<size_t>(in.gcount()));
        if (in.gcount() == 0) break;
    }
    return data;
}

void fsyncPath(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Writes DATA to PATH through PATH.tmp, fsync and rename: a reader sees the old file or the
// whole new one.
void writeFileAtomically(const std::string& path, std::string_view data) {
    const fs::path target(path);
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp);
    }
    fsyncPath(temp, false);
    fs::rename(temp, path);
    fsyncPath(target.has_parent_path() ? target.parent_path().string() : ".", true);
}

std::string readWholeFile(const std::string& path, int64_t limit, const std::string& what) {
    auto data = readBounded(path, limit);
    if (!data) throw BundleError(BundleRefusal::FileMissing, what + " " + path + " is missing");
    if (static_cast<int64_t>(data->size()) > limit)
        throw BundleError(BundleRefusal::TooLarge, what + " " + path + " is larger than " +
                                                       std::to_string(limit) + " bytes");
    return *data;
}

bool isHex64(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// search-index/NNNNN.bin: a file of a snapshot's prebuilt search index.
constexpr std::string_view kSearchIndexPrefix = "search-index/";
bool isSearchIndexPath(const std::string& path) {
    if (path.size() != kSearchIndexPrefix.size() + 9 || path.compare(0, kSearchIndexPrefix.size(), kSearchIndexPrefix) != 0 ||
        path.compare(path.size() - 4, 4, ".bin") != 0)
        return false;
    return std::all_of(path.begin() + kSearchIndexPrefix.size(), path.end() - 4, [](char c) { return c >= '0' && c <= '9'; });
}

bool isContentKey(const std::string& key) {
    return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// ---------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------
[[noreturn]] void malformed(const std::string& what, const std::string& detail) {
    throw BundleError(BundleRefusal::Malformed, what + ": " + detail);
}

json parseSignedFile(std::string_view text, int64_t limit, const std::string& what) {
    if (static_cast<int64_t>(text.size()) > limit)
        throw BundleError(BundleRefusal::TooLarge, what + " is larger than " + std::to_string(limit) + " bytes");
    json document;
    try {
        document = json::parse(text);
    } catch (const json::exception& e) {
        malformed(what, std::string("not JSON (") + e.what() + ")");
    }
    if (!document.is_object() || !document.contains("signed") || !document["signed"].is_object())
        malformed(what, "no 'signed' object");
    return document;
}

int64_t integerField(const json& object, const char* name, const std::string& what, int64_t min, int64_t max) {
    auto it = object.find(name);
    if (it == object.end() || !it->is_number_integer())
        malformed(what, std::string("field '") + name + "' must be a whole number");
    const int64_t value = it->get<int64_t>();
    if (value < min || value > max)
        malformed(what, std::string("field '") + name + "' is out of range: " + std::to_string(value));
    return value;
}

std::string stringField(const json& object, const char* name, const std::string& what) {
    auto it = object.find(name);
    if (it == object.end() || !it->is_string()) malformed(what, std::string("field '") + name + "' must be text");
    return it->get<std::string>();
}

// An optional text field: FALLBACK when absent. (json::value(name, fallback) throws
// json::type_error when the field is there with another type, e.g. "type": 5.)
std::string textOr(const json& object, const char* name, const char* fallback, const std::string& what) {
    auto it = object.find(name);
    if (it == object.end()) return fallback;
    if (!it->is_string()) malformed(what, std::string("field '") + name + "' must be text");
    return it->get<std::string>();
}

std::string timeField(const json& object, const char* name, const std::string& what) {
    std::string value = stringField(object, name, what);
    if (!isUtcTime(value))
        malformed(what, std::string("field '") + name + "' is not a UTC time like 2026-11-30T08:00:00Z");
    return value;
}

std::string keyText(const json& value, const std::string& what) {
    if (!value.is_string()) malformed(what, "a key must be text");
    auto key = decodeSignPublic(value.get<std::string>());
    if (!key) malformed(what, "'" + value.get<std::string>().substr(0, 80) + "' is not a signing public key");
    return *key;
}

std::vector<Signature> readSignatures(const json& document, const std::string& what) {
    std::vector<Signature> signatures;
    auto it = document.find("signatures");
    if (it == document.end()) return signatures;
    if (!it->is_array() || it->size() > 16) malformed(what, "'signatures' must be a list of at most 16");
    for (const json& entry : *it) {
        if (!entry.is_object()) malformed(what, "a signature must be an object");
        Signature s;
        s.publicKey = keyText(entry.value("key", json()), what);
        auto bytes = base64Decode(stringField(entry, "sig", what));
        if (!bytes || bytes->size() != 64) malformed(what, "a signature must be 64 bytes in base64");
        s.signature = *bytes;
        signatures.push_back(std::move(s));
    }
    return signatures;
}

json signaturesJson(const std::vector<Signature>& signatures) {
    json list = json::array();
    for (const Signature& s : signatures)
        list.push_back({{"key", encodeSignPublic(s.publicKey)}, {"sig", base64Encode(s.signature)}});
    return list;
}

// The signed part of root metadata, as writeNextRoot signs it.
json rootSignedJson(const RootMetadata& r) {
    json content = json::array(), roots = json::array(), gone = json::array();
    for (const ContentKey& k : r.contentKeys) content.push_back({{"key", encodeSignPublic(k.publicKey)}, {"expires", k.expires}});
    for (const std::string& k : r.rootKeys) roots.push_back(encodeSignPublic(k));
    for (const std::string& k : r.revoked) gone.push_back(encodeSignPublic(k));
    return {{"type", "zwgk-root"}, {"spec", 1},           {"version", r.version},
            {"root_keys", roots},  {"content_keys", content}, {"revoked", gone}};
}

}  // namespace

bool isBundlePath(const std::string& path) {
    if (path.empty() || path.size() > 128 || path.front() == '/' || path.find("..") != std::string::npos)
        return false;
    for (char c : path)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/'))
            return false;
    if (path == "deleted.json" || path == "doc-index.json") return true;
    if (isSearchIndexPath(path)) return true;
    return contentFileRole(path) != ContentFileRole::Unknown;
}

Manifest parseManifest(std::string_view text) {
    const std::string what = "manifest";
    const json document = parseSignedFile(text, kMaxManifestBytes, what);
    const json& s = document["signed"];
    if (textOr(s, "type", "", what) != "zwgk-manifest") malformed(what, "not a content manifest (type)");
    if (integerField(s, "spec", what, 1, 1000) != 1) malformed(what, "made by a newer kiosk-sync (spec)");
    Manifest m;
    m.contentId = stringField(s, "content_id", what);
    if (!isContentKey(m.contentId)) malformed(what, "field 'content_id' is not a content id");
    m.version = integerField(s, "version", what, 1, int64_t(1) << 53);
    m.created = timeField(s, "created", what);
    m.expires = timeField(s, "expires", what);
    if (m.expires <= m.created) malformed(what, "expires before it was created");
    const std::string kind = stringField(s, "kind", what);
    if (kind != "snapshot" && kind != "delta") malformed(what, "field 'kind' must be snapshot or delta");
    m.delta = kind == "delta";
    if (m.delta) {
        m.base = integerField(s, "base", what, 1, m.version - 1);
    } else if (s.contains("base")) {
        malformed(what, "a snapshot has no base");
    }
    auto files = s.find("files");
    if (files == s.end() || !files->is_array()) malformed(what, "field 'files' must be a list");
    if (files->size() > kMaxManifestFiles)
        throw BundleError(BundleRefusal::TooLarge, "manifest lists " + std::to_string(files->size()) + " files");
    std::set<std::string> paths;
    for (const json& f : *files) {
        if (!f.is_object()) malformed(what, "a file entry must be an object");
        ManifestFile entry;
        entry.path = stringField(f, "path", what);
        if (!isBundlePath(entry.path))
            throw BundleError(BundleRefusal::BadPath, "manifest lists a path that is not a content file: '" +
                                                          entry.path.substr(0, 200) + "'");
        if (!paths.insert(entry.path).second) malformed(what, "file '" + entry.path + "' is listed twice");
        entry.length = integerField(f, "length", what, 0, kMaxFileBytes);
        entry.sha256 = stringField(f, "sha256", what);
        if (!isHex64(entry.sha256)) malformed(what, "file '" + entry.path + "': sha256 must be 64 hex digits");
        const std::string encoding = textOr(f, "encoding", "identity", what);
        if (encoding != "identity" && encoding != "zstd")
            malformed(what, "file '" + entry.path + "': unknown encoding '" + encoding + "'");
        entry.zstd = encoding == "zstd";
        entry.rawLength = entry.zstd ? integerField(f, "raw_length", what, 0, kMaxRawFileBytes) : entry.length;
        m.files.push_back(std::move(entry));
    }
    for (const char* required : {"meta.json", "agencies.json", "topics.json", "areas.json"})
        if (!paths.count(required)) malformed(what, std::string("does not list ") + required);
    if (!m.delta && paths.count("deleted.json")) malformed(what, "a snapshot cannot delete documents");
    if (auto index = s.find("search_index"); index != s.end()) {
        if (m.delta) malformed(what, "a delta carries no prebuilt search index");
        if (!index->is_object()) malformed(what, "field 'search_index' must be an object");
        m.searchIndex.present = true;
        m.searchIndex.tokenizer = integerField(*index, "tokenizer", what, 1, 1000000);
        m.searchIndex.textData = stringField(*index, "text_data", what);
        m.searchIndex.layout = stringField(*index, "layout", what);
        m.searchIndex.schema = integerField(*index, "schema", what, 1, 1000000);
    }
    for (const std::string& path : paths)
        if (isSearchIndexPath(path) && !m.searchIndex.present)
            malformed(what, "lists " + path + " without a 'search_index'");
    std::sort(m.files.begin(), m.files.end(), [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
    m.signedText = s.dump();
    m.signatures = readSignatures(document, what);
    m.digest = sha256Hex(text);
    return m;
}

RootMetadata parseRoot(std::string_view text) {
    const std::string what = "root metadata";
    const json document = parseSignedFile(text, kMaxRootBytes, what);
    const json& s = document["signed"];
    if (textOr(s, "type", "", what) != "zwgk-root") malformed(what, "not root metadata (type)");
    if (integerField(s, "spec", what, 1, 1000) != 1) malformed(what, "made by a newer kiosk-sync (spec)");
    RootMetadata r;
    r.version = integerField(s, "version", what, 1, 1000000);
    auto keys = s.find("root_keys");
    if (keys == s.end() || !keys->is_array() || keys->empty() || keys->size() > 8)
        malformed(what, "field 'root_keys' must list 1 to 8 keys");
    for (const json& k : *keys) r.rootKeys.push_back(keyText(k, what));
    auto content = s.find("content_keys");
    if (content == s.end() || !content->is_array() || content->size() > 64)
        malformed(what, "field 'content_keys' must be a list of at most 64");
    for (const json& k : *content) {
        if (!k.is_object()) malformed(what, "a content key must be an object");
        r.contentKeys.push_back({keyText(k.value("key", json()), what), timeField(k, "expires", what)});
    }
    if (auto revoked = s.find("revoked"); revoked != s.end()) {
        if (!revoked->is_array() || revoked->size() > 1024) malformed(what, "field 'revoked' must be a list");
        for (const json& k : *revoked) r.revoked.push_back(keyText(k, what));
    }
    r.signedText = s.dump();
    r.signatures = readSignatures(document, what);
    r.text = std::string(text);
    return r;
}

// ---------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------
namespace {

bool signedByOneOf(const std::string& signedText, const std::vector<Signature>& signatures,
                   const std::vector<std::string>& keys) {
    for (const Signature& s : signatures)
        if (std::find(keys.begin(), keys.end(), s.publicKey) != keys.end() &&
            verifySignature(s.signature, signedText, s.publicKey))
            return true;
    return false;
}

}  // namespace

RootMetadata verifySelfSignedRoot(std::string_view text) {
    RootMetadata root = parseRoot(text);
    if (root.signatures.empty()) throw BundleError(BundleRefusal::Unsigned, "root metadata is not signed");
    if (!signedByOneOf(root.signedText, root.signatures, root.rootKeys))
        throw BundleError(BundleRefusal::BadSignature, "root metadata is not signed by its own root key");
    return root;
}

RootMetadata verifyRootUpdate(const RootMetadata& trusted, std::string_view candidate) {
    RootMetadata next = parseRoot(candidate);
    if (next.version != trusted.version + 1)
        throw BundleError(BundleRefusal::RootNotChained, "root version " + std::to_string(next.version) +
                                                             " does not follow " + std::to_string(trusted.version));
    if (next.signatures.empty()) throw BundleError(BundleRefusal::Unsigned, "root metadata is not signed");
    if (!signedByOneOf(next.signedText, next.signatures, trusted.rootKeys))
        throw BundleError(BundleRefusal::RootNotChained,
                          "root version " + std::to_string(next.version) + " is not signed by a key of root version " +
                              std::to_string(trusted.version));
    if (!signedByOneOf(next.signedText, next.signatures, next.rootKeys))
        throw BundleError(BundleRefusal::BadSignature,
                          "root version " + std::to_string(next.version) + " is not signed by its own root key");
    return next;
}

void verifyManifest(const Manifest& manifest, const RootMetadata& root, const std::string& now) {
    if (manifest.signatures.empty()) throw BundleError(BundleRefusal::Unsigned, "manifest is not signed");
    std::optional<BundleRefusal> worst;
    std::string detail;
    auto note = [&](BundleRefusal refusal, const std::string& why) {
        // Report the most telling reason: a revoked key beats an expired one beats a bad
        // signature beats an unknown key.
        auto rank = [](BundleRefusal r) {
            switch (r) {
            case BundleRefusal::RevokedKey: return 4;
            case BundleRefusal::ExpiredKey: return 3;
            case BundleRefusal::BadSignature: return 2;
            default: return 1;
            }
        };
        if (!worst || rank(refusal) > rank(*worst)) {
            worst = refusal;
            detail = why;
        }
    };
    for (const Signature& s : manifest.signatures) {
        const std::string id = encodeSignPublic(s.publicKey);
        const bool valid = verifySignature(s.signature, manifest.signedText, s.publicKey);
        if (std::find(root.revoked.begin(), root.revoked.end(), s.publicKey) != root.revoked.end()) {
            note(BundleRefusal::RevokedKey, "manifest is signed by revoked key " + id);
            continue;
        }
        auto key = std::find_if(root.contentKeys.begin(), root.contentKeys.end(),
                                [&](const ContentKey& k) { return k.publicKey == s.publicKey; });
        if (!valid) {
            note(BundleRefusal::BadSignature, "manifest signature by " + id + " does not verify");
            continue;
        }
        if (key == root.contentKeys.end()) {
            note(BundleRefusal::UnknownKey, "manifest is signed by " + id + ", which root version " +
                                                std::to_string(root.version) + " does not list");
            continue;
        }
        if (key->expires < now) {
            note(BundleRefusal::ExpiredKey, "content key " + id + " expired at " + key->expires);
            continue;
        }
        return;
    }
    throw BundleError(*worst, detail);
}

void checkAcceptable(const Manifest& manifest, const TerminalContent& held) {
    if (!held.contentId.empty() && manifest.contentId != held.contentId)
        throw BundleError(BundleRefusal::WrongContent, "bundle is content '" + manifest.contentId +
                                                           "', this terminal shows '" + held.contentId + "'");
    if (manifest.version <= held.version)
        throw BundleError(BundleRefusal::Rollback, "bundle version " + std::to_string(manifest.version) +
                                                       " is not newer than the terminal's version " +
                                                       std::to_string(held.version));
    if (manifest.delta && manifest.base != held.version)
        throw BundleError(BundleRefusal::WrongBase, "delta applies to version " + std::to_string(manifest.base) +
                                                        ", the terminal has version " + std::to_string(held.version));
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------
namespace {

// Streams PATH through SINK, stopping at entry.length + 1 bytes, and checks length and hash.
void streamVerified(const std::string& path, const ManifestFile& entry,
                    const std::function<void(std::string_view)>& sink) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw BundleError(BundleRefusal::FileMissing, "file " + entry.path + " (" + entry.sha256 + ") is missing");
    Sha256 hash;
    int64_t total = 0;
    char buffer[1 << 16];
    while (total <= entry.length) {
        const int64_t want = std::min<int64_t>(sizeof buffer, entry.length + 1 - total);
        in.read(buffer, want);
        const int64_t got = in.gcount();
        if (got <= 0) break;
        const int64_t useful = std::min<int64_t>(got, entry.length - total);
        if (useful > 0) {
            hash.update(std::string_view(buffer, static_cast<size_t>(useful)));
            sink(std::string_view(buffer, static_cast<size_t>(useful)));
        }
        total += got;
    }
    if (total > entry.length)
        throw BundleError(BundleRefusal::FileTooLong, "file " + entry.path + " is longer than the " +
                                                          std::to_string(entry.length) + " bytes declared");
    if (total < entry.length)
        throw BundleError(BundleRefusal::FileLength, "file " + entry.path + " has " + std::to_string(total) + " of " +
                                                         std::to_string(entry.length) + " bytes");
    if (hash.finishHex() != entry.sha256)
        throw BundleError(BundleRefusal::FileHash, "file " + entry.path + " does not match its SHA-256");
}

}  // namespace

std::string readVerifiedFile(const std::string& path, const ManifestFile& entry) {
    std::string data;
    data.reserve(static_cast<size_t>(entry.length));
    streamVerified(path, entry, [&](std::string_view chunk) { data.append(chunk); });
    return data;
}

void copyVerifiedFile(const std::string& path, const std::string& dest, const ManifestFile& entry) {
    const std::string temp = dest + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + temp);
        try {
            streamVerified(path, entry, [&](std::string_view chunk) {
                out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                if (!out) throw std::runtime_error("cannot write " + temp + " (disk full?)");
            });
            out.flush();
            if (!out) throw std::runtime_error("cannot write " + temp + " (disk full?)");
        } catch (...) {
            out.close();
            std::error_code ec;
            fs::remove(temp, ec);
            throw;
        }
    }
    fsyncPath(temp, false);
    fs::rename(temp, dest);
}

bool fileMatches(const std::string& path, const ManifestFile& entry) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || static_cast<int64_t>(size) != entry.length) return false;
    try {
        streamVerified(path, entry, [](std::string_view) {});
        return true;
    } catch (const BundleError&) {
        return false;
    }
}

std::string decodeFile(std::string stored, const ManifestFile& entry) {
    if (!entry.zstd) return stored;
    const unsigned long long declared = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (declared == ZSTD_CONTENTSIZE_ERROR || declared != static_cast<unsigned long long>(entry.rawLength))
        throw BundleError(BundleRefusal::Corrupt, "file " + entry.path + " is not the compressed data declared");
    std::string raw(static_cast<size_t>(entry.rawLength), '\0');
    const size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
    if (ZSTD_isError(n) || n != raw.size())
        throw BundleError(BundleRefusal::Corrupt, "file " + entry.path + " does not decompress");
    return raw;
}

std::vector<std::string> parseDeletedList(std::string_view text) {
    json document;
    try {
        document = json::parse(text);
    } catch (const json::exception&) {
        throw BundleError(BundleRefusal::Corrupt, "deleted.json is not JSON");
    }
    if (!document.is_object() || !document.contains("deleted") || !document["deleted"].is_array())
        throw BundleError(BundleRefusal::Corrupt, "deleted.json has no 'deleted' list");
    std::vector<std::string> keys;
    for (const json& k : document["deleted"]) {
        if (!k.is_string() || !isContentKey(k.get<std::string>()))
            throw BundleError(BundleRefusal::Corrupt, "deleted.json lists something that is not a document key");
        keys.push_back(k.get<std::string>());
    }
    return keys;
}

ApplyReport applyBundleFiles(Store& store, const Manifest& m, const std::function<std::string(const ManifestFile&)>& load,
                             const BundleStamp& stamp, bool useIndex) {
    ContentSet small;
    std::vector<const ManifestFile*> documents, index;
    ContentUpdate update{small};
    update.snapshot = !m.delta;
    update.base = m.base;
    try {
        for (const ManifestFile& f : m.files) {
            if (f.path == "doc-index.json") continue;
            if (isSearchIndexPath(f.path)) {
                index.push_back(&f);
                continue;
            }
            if (f.path == "deleted.json") {
                update.deletedDocuments = parseDeletedList(load(f));
                continue;
            }
            if (contentFileRole(f.path) == ContentFileRole::Documents) {
                documents.push_back(&f);
                continue;
            }
            readContentFile(f.path, load(f), small);
        }
    } catch (const ContentError& e) {
        throw BundleError(BundleRefusal::Corrupt, std::string("bundle content: ") + e.what());
    }
    if (small.meta.contentId != m.contentId || small.meta.version != m.version)
        throw BundleError(BundleRefusal::Corrupt, "meta.json does not match the manifest (content id or version)");
    // Documents in manifest order (documents/00001.json, …): a snapshot's ids follow it,
    // which is what makes the packer's prebuilt index fit (Store::applyUpdate).
    size_t next = 0;
    update.nextDocuments = [&](std::vector<DocumentRecord>& batch) {
        if (next >= documents.size()) return false;
        const ManifestFile& f = *documents[next++];
        ContentSet part;
        try {
            readContentFile(f.path, load(f), part);
        } catch (const ContentError& e) {
            throw BundleError(BundleRefusal::Corrupt, std::string("bundle content: ") + e.what());
        }
        batch = std::move(part.documents);
        return next < documents.size();
    };
    if (useIndex && !m.delta && m.searchIndex.present && !index.empty()) {
        PrebuiltSearchIndex prebuilt;
        prebuilt.stamp = {m.searchIndex.tokenizer, m.searchIndex.textData, m.searchIndex.layout, m.searchIndex.schema};
        prebuilt.chunks = static_cast<int>(index.size());
        auto nextIndex = std::make_shared<size_t>(0);
        prebuilt.nextChunk = [&load, index, nextIndex](std::string& chunk) {
            chunk.clear();
            if (*nextIndex >= index.size()) return false;
            chunk = load(*index[(*nextIndex)++]);
            return true;
        };
        update.prebuiltIndex = std::move(prebuilt);
    }
    update.stamp = stamp;
    return store.applyUpdate(update);
}

// ---------------------------------------------------------------------------------------
// Pack
// ---------------------------------------------------------------------------------------
namespace {

// Record hashes for deltas: the first 16 hex digits of the SHA-256 of the record's
// canonical JSON are plenty to notice a change among 100,000 documents.
std::string recordHash(const json& record) { return sha256Hex(record.dump()).substr(0, 16); }

class BundleWriter {
public:
    BundleWriter(std::string outDir, bool compress) : outDir_(std::move(outDir)), compress_(compress) {
        fs::create_directories(fs::path(outDir_) / "files");
    }

    void add(const std::string& path, std::string raw, bool compressible) {
        ManifestFile entry;
        entry.path = path;
        entry.rawLength = static_cast<int64_t>(raw.size());
        rawBytes_ += entry.rawLength;
        std::string stored;
        if (compress_ && compressible && raw.size() > 4096) {
            stored.resize(ZSTD_compressBound(raw.size()));
            const size_t n = ZSTD_compress(stored.data(), stored.size(), raw.data(), raw.size(), 6);
            if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
            stored.resize(n);
            entry.zstd = true;
        } else {
            stored = std::move(raw);
        }
        entry.length = static_cast<int64_t>(stored.size());
        entry.sha256 = sha256Hex(stored);
        storedBytes_ += entry.length;
        const std::string target = (fs::path(outDir_) / "files" / entry.sha256).string();
        if (!fs::exists(target)) writeFileAtomically(target, stored);
        files_.push_back(std::move(entry));
    }

    std::vector<ManifestFile>& files() { return files_; }
    int64_t rawBytes() const { return rawBytes_; }
    int64_t storedBytes() const { return storedBytes_; }

private:
    std::string outDir_;              // the bundle folder
    bool compress_;                   // zstd for large files
    std::vector<ManifestFile> files_; // written so far
    int64_t rawBytes_ = 0;            // content bytes
    int64_t storedBytes_ = 0;         // bytes in files/
};

// A snapshot's search index, made the way a terminal makes it: the files just written are
// read back, verified and applied to a scratch store in OUTDIR (removed afterwards) with the
// terminal's code (applyBundleFiles, the index built locally), and that store's FTS5 shadow
// tables are written as search-index/NNNNN.bin. Document ids are assigned in manifest order
// on every snapshot apply, so the rowids in these files are the terminal's.
void addSearchIndex(const PackOptions& options, Manifest& m, BundleWriter& writer, PackResult& result) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path scratch = fs::path(options.outDir) / ".search-index-build.db";
    struct ScratchStore {
        fs::path path;  // the scratch store, removed with its WAL however pack ends
        ~ScratchStore() {
            std::error_code ec;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ec);
        }
    } cleanup{scratch};
    Manifest content = m;
    content.files = writer.files();
    std::sort(content.files.begin(), content.files.end(),
              [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
    auto load = [&](const ManifestFile& f) {
        return decodeFile(readVerifiedFile((fs::path(options.outDir) / "files" / f.sha256).string(), f), f);
    };
    auto store = Store::open(scratch.string(), Store::Mode::Create);
    const BundleStamp stamp{m.contentId, m.version, "", m.created, m.expires, utcNow(), "kiosk-sync pack"};
    try {
        applyBundleFiles(*store, content, load, stamp, false);
    } catch (const StoreError& e) {
        throw std::runtime_error(std::string("building the search index: ") + e.what());
    }
    const SearchIndexStamp rules = store->searchIndexStamp();
    m.searchIndex = {true, rules.tokenizer, rules.textData, rules.layout, rules.schema};
    int files = 0;
    store->exportSearchIndex(options.searchIndexFileBytes, [&](std::string chunk) {
        char name[40];
        std::snprintf(name, sizeof name, "search-index/%05d.bin", ++files);
        const int64_t before = writer.storedBytes();
        writer.add(name, std::move(chunk), true);
        result.searchIndexBytes += writer.storedBytes() - before;
    });
    result.searchIndexFiles = files;
    result.searchIndexSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

json manifestJson(const Manifest& m) {
    json files = json::array();
    for (const ManifestFile& f : m.files) {
        json entry = {{"path", f.path}, {"length", f.length}, {"sha256", f.sha256}};
        if (f.zstd) {
            entry["encoding"] = "zstd";
            entry["raw_length"] = f.rawLength;
        }
        files.push_back(std::move(entry));
    }
    json s = {{"type", "zwgk-manifest"}, {"spec", 1},          {"content_id", m.contentId},
              {"version", m.version},    {"created", m.created}, {"expires", m.expires},
              {"kind", m.delta ? "delta" : "snapshot"}, {"files", files}};
    if (m.delta) s["base"] = m.base;
    if (m.searchIndex.present)
        s["search_index"] = {{"tokenizer", m.searchIndex.tokenizer}, {"text_data", m.searchIndex.textData},
                             {"layout", m.searchIndex.layout}, {"schema", m.searchIndex.schema}};
    return s;
}

std::string manifestFileText(const json& signedPart, const std::vector<Signature>& signatures) {
    json document = {{"signed", signedPart}, {"signatures", signaturesJson(signatures)}};
    return document.dump(1) + "\n";
}

// The newest manifest in DIR: a web root's versions/, else DIR/manifest.json.
std::string newestManifestPath(const std::string& dir) {
    const fs::path versions = fs::path(dir) / "versions";
    std::error_code ec;
    int64_t best = -1;
    std::string bestPath;
    if (fs::is_directory(versions, ec))
        for (const auto& entry : fs::directory_iterator(versions)) {
            const std::string stem = entry.path().stem().string();
            if (entry.path().extension() != ".json" || stem.empty() ||
                !std::all_of(stem.begin(), stem.end(), ::isdigit) || stem.size() > 15)
                continue;
            if (std::stoll(stem) > best) {
                best = std::stoll(stem);
                bestPath = entry.path().string();
            }
        }
    return bestPath.empty() ? (fs::path(dir) / "manifest.json").string() : bestPath;
}

// key → record hash of the newest bundle in BASEDIR.
std::pair<Manifest, std::unordered_map<std::string, std::string>> readBaseIndex(const std::string& baseDir) {
    const std::string manifestPath = newestManifestPath(baseDir);
    Manifest base = parseManifest(readWholeFile(manifestPath, kMaxManifestBytes, "base manifest"));
    auto it = std::find_if(base.files.begin(), base.files.end(), [](const ManifestFile& f) { return f.path == "doc-index.json"; });
    if (it == base.files.end())
        throw BundleError(BundleRefusal::Malformed, "base bundle " + manifestPath + " has no doc-index.json");
    const std::string raw = decodeFile(readVerifiedFile((fs::path(baseDir) / "files" / it->sha256).string(), *it), *it);
    std::unordered_map<std::string, std::string> index;
    try {
        const json document = json::parse(raw);
        for (const auto& [key, hash] : document.at("documents").items()) index.emplace(key, hash.get<std::string>());
    } catch (const json::exception& e) {
        throw BundleError(BundleRefusal::Corrupt, std::string("base doc-index.json: ") + e.what());
    }
    return {std::move(base), std::move(index)};
}

}  // namespace

std::string manifestText(const Manifest& m) { return manifestFileText(manifestJson(m), m.signatures); }

std::string rootText(const RootMetadata& r) {
    return json{{"signed", rootSignedJson(r)}, {"signatures", signaturesJson(r.signatures)}}.dump(1) + "\n";
}

PackResult packBundle(const PackOptions& options) {
    std::error_code ec;
    if (fs::exists(options.outDir, ec) && !fs::is_empty(options.outDir, ec))
        throw std::runtime_error("output folder " + options.outDir + " is not empty");
    const std::vector<std::string> names = contentSourceFiles(options.sourceDir);

    std::optional<std::pair<Manifest, std::unordered_map<std::string, std::string>>> base;
    if (!options.baseDir.empty()) base = readBaseIndex(options.baseDir);

    // Everything but the documents, checked together at the end with the document keys.
    ContentSet small;
    std::vector<std::pair<std::string, std::string>> smallFiles;  // path, bytes
    for (const std::string& name : names) {
        if (contentFileRole(name) == ContentFileRole::Documents) continue;
        std::string bytes = readContentSourceFile(options.sourceDir, name);
        if (name == "meta.json" && options.version > 0) {
            json meta = json::parse(bytes);
            meta["version"] = options.version;
            bytes = meta.dump(2) + "\n";
        }
        readContentFile(name, bytes, small);
        smallFiles.emplace_back(name, std::move(bytes));
    }
    validateContentSet(small, [](const std::string&) { return true; });

    PackResult result;
    Manifest& m = result.manifest;
    m.contentId = small.meta.contentId;
    m.version = small.meta.version;
    if (base) {
        if (base->first.contentId != m.contentId)
            throw std::runtime_error("base bundle is content '" + base->first.contentId + "', the source is '" +
                                     m.contentId + "'");
        if (m.version <= base->first.version)
            throw std::runtime_error("version " + std::to_string(m.version) + " is not newer than the base's " +
                                     std::to_string(base->first.version) +
                                     " (raise 'version' in meta.json or pass --version)");
        m.delta = true;
        m.base = base->first.version;
    }
    m.created = options.created.empty() ? utcNow() : options.created;
    if (!isUtcTime(m.created)) throw std::runtime_error("creation time must look like 2026-11-30T08:00:00Z");
    m.expires = utcPlusDays(m.created, std::max(1, options.expiresDays));

    BundleWriter writer(options.outDir, options.compress);
    for (auto& file : smallFiles) {
        // (Not a structured binding: clang 14, which builds the fuzzers, cannot capture one.)
        const std::string& name = file.first;
        // Images (PNG, JPEG) are compressed already. A delta carries only the images that are
        // new or changed since its base: the terminal keeps the ones it has (Store::applyUpdate).
        const bool image = contentFileRole(name) == ContentFileRole::Image;
        const std::string digest = image && base ? sha256Hex(file.second) : std::string();
        if (image && base && std::any_of(base->first.files.begin(), base->first.files.end(), [&](const ManifestFile& f) {
                return f.path == name && !f.zstd && f.sha256 == digest;
            }))
            continue;
        writer.add(name, std::move(file.second), !image);
    }

    // Documents, one source file at a time: checked, hashed for the index, and re-chunked.
    std::unordered_set<std::string> keys, indexNumbers;
    std::vector<std::pair<std::string, std::string>> references;  // (document key, referenced key)
    std::vector<std::pair<std::string, std::string>> attached;    // (document key, image file)
    std::string index = "{\"documents\":{";
    bool firstIndexEntry = true;
    json chunk = json::array();
    int chunkNumber = 0;
    auto flushChunk = [&]() {
        if (chunk.empty()) return;
        char name[40];
        std::snprintf(name, sizeof name, "documents/%05d.json", ++chunkNumber);
        writer.add(name, chunk.dump(), true);
        chunk = json::array();
    };
    for (const std::string& name : names) {
        if (contentFileRole(name) != ContentFileRole::Documents) continue;
        const std::string bytes = readContentSourceFile(options.sourceDir, name);
        ContentSet batch;
        readContentFile(name, bytes, batch);
        batch.meta = small.meta;
        batch.agencies = small.agencies;
        batch.topics = small.topics;
        batch.areas = small.areas;
        validateContentSet(batch, [](const std::string&) { return true; });
        const json records = json::parse(bytes);
        for (size_t i = 0; i < records.size(); ++i) {
            const DocumentRecord& d = batch.documents[i];
            if (!keys.insert(d.key).second)
                throw ContentError(name, d.key, "key", "document key '" + d.key + "' is used twice");
            if (!indexNumbers.insert(d.indexNo).second)
                throw ContentError(name, d.key, "index_no", "field 'index_no': '" + d.indexNo + "' is used twice");
            if (!d.interprets.empty()) references.emplace_back(d.key, d.interprets);
            for (const Attachment& a : d.attachments) attached.emplace_back(d.key, a.file);
            const std::string hash = recordHash(records[i]);
            index += (firstIndexEntry ? "" : ",") + json(d.key).dump() + ":\"" + hash + "\"";
            firstIndexEntry = false;
            ++result.documents;
            bool deliver = true;
            if (base) {
                auto it = base->second.find(d.key);
                deliver = it == base->second.end() || it->second != hash;
            }
            if (deliver) {
                chunk.push_back(records[i]);
                ++result.deliveredDocuments;
                if (static_cast<int>(chunk.size()) >= options.documentsPerFile) flushChunk();
            }
        }
    }
    flushChunk();
    for (const auto& [from, to] : references)
        if (!keys.count(to)) throw ContentError("documents", from, "interprets", "unknown document '" + to + "' in interprets");
    for (const GazetteRecord& g : small.gazette)
        for (const std::string& doc : g.contents)
            if (!keys.count(doc)) throw ContentError("gazette.json", g.key, "contents", "unknown document '" + doc + "' in contents");
    {  // the rule of validateImageReferences, on documents that were streamed
        std::unordered_set<std::string> images;
        for (const ContentImage& i : small.images) images.insert(i.file);
        for (const auto& [from, file] : attached)
            if (!images.count(file))
                throw ContentError("documents", from, "attachments", "file '" + file + "' is not in the content source");
    }
    index += "}}";
    writer.add("doc-index.json", std::move(index), true);

    if (base) {
        json deleted = json::array();
        std::vector<std::string> gone;
        for (const auto& [key, hash] : base->second)
            if (!keys.count(key)) gone.push_back(key);
        std::sort(gone.begin(), gone.end());
        for (const std::string& key : gone) deleted.push_back(key);
        result.deletedDocuments = static_cast<int>(gone.size());
        writer.add("deleted.json", json{{"deleted", deleted}}.dump(), true);
    }

    if (!base && options.searchIndex) addSearchIndex(options, m, writer, result);

    m.files = std::move(writer.files());
    std::sort(m.files.begin(), m.files.end(), [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
    const json signedPart = manifestJson(m);
    m.signedText = signedPart.dump();
    const std::string text = manifestFileText(signedPart, {});
    writeFileAtomically((fs::path(options.outDir) / "manifest.json").string(), text);
    m.digest = sha256Hex(text);
    result.rawBytes = writer.rawBytes();
    result.storedBytes = writer.storedBytes() + static_cast<int64_t>(text.size());
    return result;
}

// ---------------------------------------------------------------------------------------
// Sign
// ---------------------------------------------------------------------------------------
namespace {

void copyRootChain(const std::string& fromDir, const std::string& toDir) {
    const fs::path from(fromDir), to(toDir);
    const std::string rootText = readWholeFile((from / "root.json").string(), kMaxRootBytes, "root metadata");
    parseRoot(rootText);
    std::error_code ec;
    if (fs::is_directory(from / "roots", ec))
        for (const auto& entry : fs::directory_iterator(from / "roots"))
            if (entry.path().extension() == ".json")
                writeFileAtomically((to / "roots" / entry.path().filename()).string(),
                                    readWholeFile(entry.path().string(), kMaxRootBytes, "root metadata"));
    writeFileAtomically((to / "root.json").string(), rootText);
}

}  // namespace

void signBundle(const std::string& bundleDir, const std::string& seed, const std::string& rootDir) {
    const std::string path = (fs::path(bundleDir) / "manifest.json").string();
    const std::string text = readWholeFile(path, kMaxManifestBytes, "manifest");
    Manifest m = parseManifest(text);
    const std::string publicKey = signPublicOf(seed);
    std::vector<Signature> signatures;
    for (const Signature& s : m.signatures)
        if (s.publicKey != publicKey) signatures.push_back(s);
    signatures.push_back({publicKey, signMessage(m.signedText, seed)});
    const json signedPart = json::parse(text)["signed"];
    if (!rootDir.empty()) copyRootChain(rootDir, bundleDir);
    writeFileAtomically(path, manifestFileText(signedPart, signatures));
}

// ---------------------------------------------------------------------------------------
// Roots
// ---------------------------------------------------------------------------------------
RootMetadata writeNextRoot(const std::string& rootDir, const RootChange& change,
                           const std::vector<std::string>& signerSeeds) {
    const fs::path dir(rootDir);
    std::optional<RootMetadata> previous;
    std::error_code ec;
    if (fs::exists(dir / "root.json", ec))
        previous = parseRoot(readWholeFile((dir / "root.json").string(), kMaxRootBytes, "root metadata"));

    std::vector<std::string> rootKeys = change.rootKeys;
    if (rootKeys.empty() && previous) rootKeys = previous->rootKeys;
    if (rootKeys.empty()) throw std::runtime_error("the first root needs a root key");
    std::vector<std::string> revoked = previous ? previous->revoked : std::vector<std::string>{};
    for (const std::string& k : change.revoke)
        if (std::find(revoked.begin(), revoked.end(), k) == revoked.end()) revoked.push_back(k);
    std::vector<ContentKey> contentKeys;
    if (previous)
        for (const ContentKey& k : previous->contentKeys)
            if (std::find(revoked.begin(), revoked.end(), k.publicKey) == revoked.end()) contentKeys.push_back(k);
    for (const ContentKey& k : change.addContentKeys) {
        if (std::find(revoked.begin(), revoked.end(), k.publicKey) != revoked.end())
            throw std::runtime_error("content key " + encodeSignPublic(k.publicKey) + " is revoked");
        contentKeys.erase(std::remove_if(contentKeys.begin(), contentKeys.end(),
                                         [&](const ContentKey& c) { return c.publicKey == k.publicKey; }),
                          contentKeys.end());
        contentKeys.push_back(k);
    }

    const int64_t version = previous ? previous->version + 1 : 1;
    RootMetadata unsignedRoot;
    unsignedRoot.version = version;
    unsignedRoot.rootKeys = rootKeys;
    unsignedRoot.contentKeys = contentKeys;
    unsignedRoot.revoked = revoked;
    const std::string signedText = rootSignedJson(unsignedRoot).dump();
    for (const std::string& seed : signerSeeds)
        unsignedRoot.signatures.push_back({signPublicOf(seed), signMessage(signedText, seed)});
    const std::string text = rootText(unsignedRoot);
    // Refuse to write a root that terminals would refuse.
    RootMetadata next = previous ? verifyRootUpdate(*previous, text) : verifySelfSignedRoot(text);
    writeFileAtomically((dir / "roots" / (std::to_string(version) + ".json")).string(), text);
    writeFileAtomically((dir / "root.json").string(), text);
    return next;
}

// ---------------------------------------------------------------------------------------
// Publish
// ---------------------------------------------------------------------------------------
PublishResult publishBundle(const std::string& bundleDir, const std::string& webRoot) {
    const fs::path bundle(bundleDir), web(webRoot);
    const std::string text = readWholeFile((bundle / "manifest.json").string(), kMaxManifestBytes, "manifest");
    const Manifest m = parseManifest(text);
    const RootMetadata root = verifySelfSignedRoot(
        readWholeFile((bundle / "root.json").string(), kMaxRootBytes, "root metadata (sign the bundle with --root-dir)"));
    verifyManifest(m, root, m.created);

    std::error_code ec;
    if (!m.delta && fs::exists(web / "manifest.json", ec)) {
        const Manifest current = parseManifest(readWholeFile((web / "manifest.json").string(), kMaxManifestBytes, "manifest"));
        if (current.version >= m.version)
            throw BundleError(BundleRefusal::Rollback, "the web root already publishes version " +
                                                           std::to_string(current.version));
    }
    PublishResult result;
    result.version = m.version;
    result.delta = m.delta;
    fs::create_directories(web / "files");
    for (const ManifestFile& f : m.files) {
        const std::string target = (web / "files" / f.sha256).string();
        if (fileMatches(target, f)) {
            ++result.filesPresent;
            continue;
        }
        copyVerifiedFile((bundle / "files" / f.sha256).string(), target, f);
        ++result.filesCopied;
    }
    fsyncPath((web / "files").string(), true);
    copyRootChain(bundleDir, webRoot);
    writeFileAtomically((web / "versions" / (std::to_string(m.version) + ".json")).string(), text);
    if (m.delta)
        writeFileAtomically((web / "deltas" / ("from-" + std::to_string(m.base) + ".json")).string(), text);
    else
        writeFileAtomically((web / "manifest.json").string(), text);
    return result;
}

}  // namespace zwgk
