#include "qr_code.h"

#include <qrencode.h>

#include <cerrno>

namespace zwgk {

bool encodeQr(const std::string& text, QrMatrix& out, std::string& error) {
    out = QrMatrix{};
    if (text.empty()) {
        error = "nothing to put in the QR code";
        return false;
    }
    errno = 0;
    // Version 0 = the smallest that fits; casesensitive=1 keeps lower-case URL paths intact.
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) {
        error = errno == ERANGE ? "text of " + std::to_string(text.size()) +
                                      " bytes is too long for a QR code (level M)"
                                : "libqrencode failed to encode the text";
        return false;
    }
    out.version = code->version;
    out.size = code->width;
    out.dark.resize(static_cast<size_t>(code->width) * code->width);
    // Bit 0 of each byte is the module colour; the other bits describe the module's role.
    for (size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = code->data[i] & 1;
    QRcode_free(code);
    return true;
}

}  // namespace zwgk
