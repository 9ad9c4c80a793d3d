#include "sealing.h"
#include "signing.h"

#include <sodium.h>

#include <cctype>
#include <cstdint>
#include <stdexcept>

namespace zwgk {
namespace {

std::string toBase64(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

std::optional<std::string> decodeKey(std::string_view text, std::string_view prefix) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.substr(0, prefix.size()) != prefix) return std::nullopt;
    text.remove_prefix(prefix.size());
    unsigned char key[crypto_box_SECRETKEYBYTES + 1];
    size_t length = 0;
    if (sodium_base642bin(key, sizeof key, text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != crypto_box_PUBLICKEYBYTES)
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(key), length);
}

void requireSodium() {
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
}

}  // namespace

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

SealKeys generateSealKeys() {
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    SealKeys keys{std::string(reinterpret_cast<char*>(pk), sizeof pk), std::string(reinterpret_cast<char*>(sk), sizeof sk)};
    sodium_memzero(sk, sizeof sk);
    return keys;
}

std::string encodePublicKey(std::string_view key) { return std::string(kPublicKeyPrefix) + toBase64(key); }
std::string encodeSecretKey(std::string_view key) { return std::string(kSecretKeyPrefix) + toBase64(key); }
std::optional<std::string> decodePublicKey(std::string_view text) { return decodeKey(text, kPublicKeyPrefix); }
std::optional<std::string> decodeSecretKey(std::string_view text) { return decodeKey(text, kSecretKeyPrefix); }

std::string publicKeyOf(std::string_view secretKey) {
    if (secretKey.size() != crypto_box_SECRETKEYBYTES) throw std::runtime_error("a secret key has 32 bytes");
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(pk, reinterpret_cast<const unsigned char*>(secretKey.data()));
    return std::string(reinterpret_cast<char*>(pk), sizeof pk);
}

std::string sealForOffice(std::string_view plain, std::string_view publicKey) {
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES) throw std::runtime_error("the office public key is not 32 bytes");
    std::string out(kSealedMagic);
    const size_t header = out.size();
    out.resize(header + plain.size() + crypto_box_SEALBYTES);
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(out.data() + header),
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        reinterpret_cast<const unsigned char*>(publicKey.data())) != 0)
        throw std::runtime_error("sealing failed");
    return out;
}

std::optional<std::string> openSealed(std::string_view sealed, std::string_view secretKey, std::string& why) {
    if (!sodiumReady()) {
        why = "libsodium cannot start";
        return std::nullopt;
    }
    if (sealed.substr(0, kSealedMagic.size()) != kSealedMagic) {
        why = "not a sealed application (it does not start with " + std::string(kSealedMagic.substr(0, 13)) + ")";
        return std::nullopt;
    }
    sealed.remove_prefix(kSealedMagic.size());
    if (sealed.size() < crypto_box_SEALBYTES) {
        why = "the sealed data is truncated";
        return std::nullopt;
    }
    if (secretKey.size() != crypto_box_SECRETKEYBYTES) {
        why = "the secret key is not 32 bytes";
        return std::nullopt;
    }
    const std::string pk = publicKeyOf(secretKey);
    std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                             reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                             reinterpret_cast<const unsigned char*>(pk.data()),
                             reinterpret_cast<const unsigned char*>(secretKey.data())) != 0) {
        why = "cannot open: damaged, or sealed to another office key";
        return std::nullopt;
    }
    return plain;
}

std::string randomBytes(size_t n) {
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

uint64_t randomU64() {
    const std::string bytes = randomBytes(8);
    uint64_t v = 0;
    for (unsigned char c : bytes) v = (v << 8) | c;
    return v;
}

std::string keyedHash(std::string_view key, std::string_view text) {
    if (!sodiumReady()) throw std::runtime_error("libsodium cannot start");
    if (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX)
        throw std::runtime_error("keyed hash: key of " + std::to_string(key.size()) + " bytes");
    std::string out(crypto_generichash_BYTES, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       reinterpret_cast<const unsigned char*>(key.data()), key.size());
    return out;
}

std::string toHex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Signing keys, signatures, base64 and SHA-256 (signing.h)
// ---------------------------------------------------------------------------------------
SignKeys generateSignKeys() {
    requireSodium();
    SignKeys keys;
    keys.seed = randomBytes(crypto_sign_SEEDBYTES);
    keys.publicKey = signPublicOf(keys.seed);
    return keys;
}

std::string encodeSignPublic(std::string_view key) { return std::string(kSignPublicPrefix) + toBase64(key); }
std::string encodeSignSecret(std::string_view seed) { return std::string(kSignSecretPrefix) + toBase64(seed); }
std::optional<std::string> decodeSignPublic(std::string_view text) { return decodeKey(text, kSignPublicPrefix); }
std::optional<std::string> decodeSignSecret(std::string_view text) { return decodeKey(text, kSignSecretPrefix); }

std::string signPublicOf(std::string_view seed) {
    requireSodium();
    if (seed.size() != crypto_sign_SEEDBYTES) throw std::runtime_error("a signing seed has 32 bytes");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(seed.data()));
    sodium_memzero(sk, sizeof sk);
    return std::string(reinterpret_cast<char*>(pk), sizeof pk);
}

std::string signMessage(std::string_view message, std::string_view seed) {
    requireSodium();
    if (seed.size() != crypto_sign_SEEDBYTES) throw std::runtime_error("a signing seed has 32 bytes");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(seed.data()));
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk);
    sodium_memzero(sk, sizeof sk);
    return std::string(reinterpret_cast<char*>(sig), sizeof sig);
}

bool verifySignature(std::string_view signature, std::string_view message, std::string_view publicKey) {
    requireSodium();
    if (signature.size() != crypto_sign_BYTES || publicKey.size() != crypto_sign_PUBLICKEYBYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(publicKey.data())) == 0;
}

std::string base64Encode(std::string_view bytes) { return toBase64(bytes); }

std::optional<std::string> base64Decode(std::string_view text) {
    std::string out(text.size() * 3 / 4 + 3, '\0');
    size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(length);
    return out;
}

struct Sha256::State {
    crypto_hash_sha256_state state;  // libsodium's running hash
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    requireSodium();
    crypto_hash_sha256_init(&state_->state);
}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
    crypto_hash_sha256_update(&state_->state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string Sha256::finishHex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_->state, digest);
    return toHex(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

std::string sha256Hex(std::string_view data) {
    Sha256 hash;
    hash.update(data);
    return hash.finishHex();
}

std::string hashSecretArgon2id(std::string_view secret) {
    if (!sodiumReady()) return {};
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return hash;
}

bool verifySecretArgon2id(const std::string& hash, std::string_view secret) {
    if (!sodiumReady() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

}  // namespace zwgk
