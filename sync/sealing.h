// Sealed applications: each application leaves the terminal encrypted to the central
// office's public key (libsodium crypto_box_seal: X25519 + XSalsa20-Poly1305 with an
// ephemeral sender key), so that the terminal itself, a lost USB stick or a compromised
// intake server cannot read it. Only this file and its .cpp include sodium.h.
//
// Keys travel as text: "zwgk-seal-public:" or "zwgk-seal-secret:" followed by the 32 key
// bytes in standard base64. A secret key file holds the secret line only; the public key is
// derived from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zwgk {

inline constexpr std::string_view kPublicKeyPrefix = "zwgk-seal-public:";
inline constexpr std::string_view kSecretKeyPrefix = "zwgk-seal-secret:";
// Sealed files start with this line, so that a stray file is told apart from a damaged one.
inline constexpr std::string_view kSealedMagic = "ZWGK-SEALED-1\n";

struct SealKeys {
    std::string publicKey;  // 32 bytes
    std::string secretKey;  // 32 bytes
};

// Initialises libsodium; false when the library cannot start (no entropy source).
bool sodiumReady();
SealKeys generateSealKeys();
std::string encodePublicKey(std::string_view key);
std::string encodeSecretKey(std::string_view key);
// The key bytes of a text as encoded above (surrounding whitespace ignored); nullopt when
// the text is anything else.
std::optional<std::string> decodePublicKey(std::string_view text);
std::optional<std::string> decodeSecretKey(std::string_view text);
std::string publicKeyOf(std::string_view secretKey);

// kSealedMagic + crypto_box_seal(plain, publicKey). Throws std::runtime_error on a bad key.
std::string sealForOffice(std::string_view plain, std::string_view publicKey);
// The plain text of SEALED; nullopt with WHY set when it is not a sealed file, is damaged,
// or was sealed to another key.
std::optional<std::string> openSealed(std::string_view sealed, std::string_view secretKey, std::string& why);

// Cryptographically random bytes and a random 64-bit value (for ids and tracking codes).
std::string randomBytes(size_t n);
uint64_t randomU64();
std::string toHex(std::string_view bytes);
// BLAKE2b-256 of TEXT keyed with KEY (16..64 bytes; crypto_generichash): the usage
// statistics keep a query that may hold a name or an ID number only as this, under a
// random per-terminal key, until enough sessions have typed it (sync/usage.h).
// Throws std::runtime_error on a key of the wrong length.
std::string keyedHash(std::string_view key, std::string_view text);

// Staff PINs (staff_access.h): an argon2id hash string (crypto_pwhash_str, interactive
// limits: about 0.1 s and 64 MiB), and its check. Empty when hashing failed.
std::string hashSecretArgon2id(std::string_view secret);
bool verifySecretArgon2id(const std::string& hash, std::string_view secret);

}  // namespace zwgk
