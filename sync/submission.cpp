#include "submission.h"

#include <ctime>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "sealing.h"
#include "staff_access.h"
#include "tracking_code.h"

namespace zwgk {
namespace {

// How printed receipts and the outbox name the choices (receipts are always Simplified).
const char* idDocWords(IdDocType type) {
    switch (type) {
    case IdDocType::ResidentId: return "居民身份证";
    case IdDocType::ResidencePermit: return "港澳台居民居住证";
    case IdDocType::HkMacaoPermit: return "港澳居民来往内地通行证";
    case IdDocType::TaiwanPermit: return "台湾居民来往大陆通行证";
    case IdDocType::Passport: return "护照";
    case IdDocType::Other: break;
    }
    return "其他身份证件";
}

std::string provisionWords(const ApplicationDraft& d) {
    const char* form = d.form == ProvisionForm::Paper ? "纸质" : "电子";
    const char* way = d.delivery == DeliveryMethod::Pickup ? "现场领取"
                      : d.delivery == DeliveryMethod::Post ? "邮寄"
                                                           : "电子邮件";
    return std::string(form) + " · " + way;
}

constexpr size_t kAbridgedChars = 40;    // the information wanted, as kept in clear
constexpr int kCodeAttempts = 20;        // tracking-code draws before giving up

}  // namespace

IntakeConfig loadIntakeConfig(const Store& store) {
    IntakeConfig c;
    const ContentMeta meta = store.meta();
    c.terminalId = store.setting("terminal.id").value_or("");
    c.prefix = trackingPrefix(c.terminalId);
    c.location = store.setting("terminal.location").value_or("");
    c.office = meta.applicationOffice.empty() ? meta.publisher : meta.applicationOffice;
    c.zoneName = meta.zoneName;
    c.hotline = meta.hotline;
    c.statusUrl = meta.statusUrl;
    c.contentVersion = meta.version;
    // Printers and the office key arrive with the signed content (config.json); a staff
    // setting on this terminal overrides them.
    c.receiptQueue = store.effectiveSetting("printer.receipt").value_or("");
    c.printServer = store.effectiveSetting("printer.server").value_or("");
    const std::string keyText = store.effectiveSetting("office.public_key").value_or(meta.officePublicKey);
    if (auto key = decodePublicKey(keyText)) c.officePublicKey = *key;

    if (c.terminalId.empty()) c.problems.push_back("apply.unavailable.no_terminal_id");
    else if (c.prefix.empty()) c.problems.push_back("apply.unavailable.bad_terminal_id");
    if (keyText.empty()) c.problems.push_back("apply.unavailable.no_office_key");
    else if (c.officePublicKey.empty()) c.problems.push_back("apply.unavailable.bad_office_key");
    if (c.office.empty()) c.problems.push_back("apply.unavailable.no_office");
    // The receipt's QR code takes the citizen to the status page: no address, no receipt.
    if (c.statusUrl.empty()) c.problems.push_back("apply.unavailable.no_status_url");
    if (!sodiumReady()) c.problems.push_back("apply.unavailable.no_crypto");
    return c;
}

WorkingCalendar loadWorkingCalendar(const Store& store) {
    WorkingCalendar calendar;
    for (int year : store.calendarYears()) calendar.addYear(year, store.calendarExceptions(year));
    return calendar;
}

SubmissionTime submissionTimeNow(const std::string& todayOverride) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char date[16], clock[16], zone[8];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    std::strftime(clock, sizeof clock, "%H:%M:%S", &local);
    std::strftime(zone, sizeof zone, "%z", &local);  // +0800
    const std::string day = todayOverride.empty() ? date : todayOverride;
    std::string offset = zone;
    if (offset.size() == 5) offset.insert(3, ":");
    return SubmissionTime{day, day + "T" + clock + offset, day + " " + std::string(clock).substr(0, 5)};
}

void configureDemoTerminal(Store& store) {
    if (!store.setting("terminal.id")) store.setSetting("terminal.id", "LL01");
    if (!store.setting("terminal.location")) store.setSetting("terminal.location", "县政务服务中心一楼东侧");
    StaffAccess staff(store);
    if (!staff.pinSet()) staff.setPin(kDemoStaffPin);
}

std::string statusUrlFor(const IntakeConfig& config, const std::string& code) {
    std::string url = config.statusUrl;
    const auto at = url.find("{code}");
    if (at == std::string::npos) return url;
    return url.replace(at, 6, code);
}

std::string applicationRecordJson(const ApplicationDraft& d, const OutboxEntry& entry,
                                  const ApplicationDeadlines& deadlines, const IntakeConfig& config) {
    using nlohmann::json;
    json applicant;
    if (d.applicantType == ApplicantType::Citizen)
        applicant = {{"type", applicantTypeName(d.applicantType)},
                     {"name", d.name},
                     {"id_type", idDocTypeName(d.idType)},
                     {"id_number", d.idNumber}};
    else
        applicant = {{"type", applicantTypeName(d.applicantType)},
                     {"name", d.orgName},
                     {"credit_code", d.creditCode},
                     {"contact_name", d.contactName}};
    const json record = {
        {"format", "zwgk-application/1"},
        {"id", entry.id},
        {"tracking_code", entry.trackingCode},
        {"terminal_id", config.terminalId},
        {"terminal_location", config.location},
        {"office", config.office},
        {"content_version", config.contentVersion},
        {"submitted_at", entry.submittedAt},
        {"received_date", entry.receivedDate},
        {"due_date", deadlines.reply.date},
        {"due_provisional", deadlines.reply.provisional},
        {"correction_notice_by", deadlines.correctionNotice.date},
        {"applicant", applicant},
        {"contact", {{"mobile", d.mobile}, {"address", d.address}, {"email", d.email}}},
        {"information", {{"title", d.infoTitle}, {"doc_no", d.infoDocNo}, {"description", d.infoDescription}}},
        {"provision", {{"form", provisionFormName(d.form)}, {"delivery", deliveryMethodName(d.delivery)}}},
        {"fee_reduction", {{"requested", d.feeReduction}, {"note", d.feeNote}}},
        {"privacy_consent", d.privacyConsent},
    };
    return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

SubmittedApplication submitApplication(Outbox& outbox, const ApplicationDraft& draft, const IntakeConfig& config,
                                       const WorkingCalendar& calendar, const SubmissionTime& time) {
    if (!config.ready()) throw std::invalid_argument("the terminal cannot take applications: " + config.problems.front());
    if (!readyToSubmit(draft, time.today)) throw std::invalid_argument("the application is not complete");
    const ApplicationDraft d = normalizedDraft(draft, time.today);

    SubmittedApplication result;
    result.deadlines = applicationDeadlines(calendar, time.today);
    result.submittedDisplay = time.display;
    OutboxEntry& e = result.entry;
    e.submittedAt = time.timestamp;
    e.receivedDate = time.today;
    e.dueDate = result.deadlines.reply.date;
    e.dueProvisional = result.deadlines.reply.provisional;
    if (d.applicantType == ApplicantType::Citizen) {
        e.applicant = maskPersonName(d.name);
        e.idDocument = std::string(idDocWords(d.idType)) + " " + maskIdNumber(d.idNumber);
    } else {
        e.applicant = d.orgName;  // an organisation's name is not personal data
        e.idDocument = "统一社会信用代码 " + maskIdNumber(d.creditCode);
    }
    e.information = abridgedInformation(d, kAbridgedChars);
    e.provision = provisionWords(d);
    if (config.receiptQueue.empty()) {
        e.receiptState = "failed";
        e.receiptDetail = "no receipt printer configured (printer.receipt)";
    }
    for (int attempt = 0; attempt < kCodeAttempts; ++attempt) {
        e.id = toHex(randomBytes(16));
        e.trackingCode = makeTrackingCode(config.prefix, randomU64());
        e.sealed = sealForOffice(applicationRecordJson(d, e, result.deadlines, config), config.officePublicKey);
        try {
            outbox.add(e);  // refuses a code already issued here: draw again
        } catch (const OutboxDuplicate&) {
            continue;
        }
        result.statusUrl = statusUrlFor(config, e.trackingCode);
        return result;
    }
    throw StoreError(StoreErrorKind::Io, "no free tracking code after " + std::to_string(kCodeAttempts) + " draws");
}

ReceiptContent receiptFor(const OutboxEntry& e, const IntakeConfig& config, const std::string& reprintedAt) {
    ReceiptContent r;
    r.trackingCode = e.trackingCode;
    // 2026-11-30T14:05:09+08:00 → 2026-11-30 14:05
    r.submittedAt = e.submittedAt.size() >= 16 ? e.submittedAt.substr(0, 10) + " " + e.submittedAt.substr(11, 5)
                                               : e.submittedAt;
    r.receivedDate = e.receivedDate;
    r.office = config.office;
    r.zoneName = config.zoneName;
    r.terminalLocation = config.location;
    r.applicant = e.applicant;
    r.idDocument = e.idDocument;
    r.infoWanted = e.information;
    r.provision = e.provision;
    r.dueDate = e.dueDate;
    r.dueProvisional = e.dueProvisional;
    r.statusUrl = statusUrlFor(config, e.trackingCode);
    r.hotline = config.hotline;
    r.reprint = !reprintedAt.empty();
    r.printedAt = reprintedAt;
    return r;
}

}  // namespace zwgk
