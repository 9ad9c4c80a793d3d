// A receipt to print and a request for it, shared by the print tests against the private
// cupsd: the tracking code names the job, so each test finds its own output.
#pragma once

#include <stdexcept>
#include <string>

#include "cups_test_support.h"
#include "print_queue.h"
#include "receipt.h"

namespace zwgk::printtest {

// A receipt with every field filled, for the tracking code CODE.
inline ReceiptContent sampleReceipt(const std::string& code = "LL01-7KX4-M9QH") {
    ReceiptContent r;
    r.trackingCode = code;
    r.submittedAt = "2026-11-30 14:05";
    r.receivedDate = "2026-11-30";
    r.office = "临澜县人民政府办公室";
    r.zoneName = "临澜县政务公开专区";
    r.terminalLocation = "县政务服务中心一楼东侧";
    r.applicant = "王*明";
    r.idDocument = "居民身份证 ****002X";
    r.infoWanted = "2025年度城乡居民最低生活保障资金发放情况";
    r.provision = "纸质 · 现场领取";
    r.dueDate = "2026-12-28";
    std::string compact;
    for (char c : code)
        if (c != '-') compact += c;
    r.statusUrl = "https://zwgk.linlan.gov.cn/s/" + compact;
    r.hotline = "0571-12345";
    return r;
}

inline std::string receiptPdf(const std::string& code) {
    RenderedPdf pdf;
    std::string error;
    if (!renderReceiptPdf(sampleReceipt(code), pdf, error)) throw std::runtime_error(error);
    return pdf.bytes;
}

inline PrintRequest requestFor(const std::string& queue, const std::string& code, double timeout = 20) {
    PrintRequest request;
    request.server = cupstest::server();
    request.queue = queue;
    request.title = "回执 " + code;
    request.pdf = receiptPdf(code);
    request.timeoutSeconds = timeout;
    return request;
}

}  // namespace zwgk::printtest
