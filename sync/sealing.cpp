#include "sealing.h"

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

}  // namespace zwgk
