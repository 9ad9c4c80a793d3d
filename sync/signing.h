// Signatures and hashes for content bundles (sync/bundle.h): Ed25519 signing keys and
// SHA-256. Implemented in sealing.cpp, which stays the only file that includes sodium.h.
//
// Keys travel as text like the sealing keys: "zwgk-sign-public:" + 32 public key bytes, and
// "zwgk-sign-secret:" + the 32-byte seed the key pair is derived from, both in base64.
// The same key type serves as root key and as content-signing key; the root metadata says
// which key plays which role.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace zwgk {

inline constexpr std::string_view kSignPublicPrefix = "zwgk-sign-public:";
inline constexpr std::string_view kSignSecretPrefix = "zwgk-sign-secret:";

struct SignKeys {
    std::string publicKey;  // 32 bytes
    std::string seed;       // 32 bytes: the secret half
};

SignKeys generateSignKeys();
std::string encodeSignPublic(std::string_view key);
std::string encodeSignSecret(std::string_view seed);
std::optional<std::string> decodeSignPublic(std::string_view text);
std::optional<std::string> decodeSignSecret(std::string_view text);
std::string signPublicOf(std::string_view seed);

// Detached Ed25519 signature (64 bytes) of MESSAGE.
std::string signMessage(std::string_view message, std::string_view seed);
bool verifySignature(std::string_view signature, std::string_view message, std::string_view publicKey);

std::string base64Encode(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);

// SHA-256, whole or streamed; digests as 64 lower-case hex characters.
std::string sha256Hex(std::string_view data);
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view data);
    std::string finishHex();  // once

private:
    struct State;
    std::unique_ptr<State> state_;  // crypto_hash_sha256_state
};

}  // namespace zwgk
