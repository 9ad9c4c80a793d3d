#include "application.h"

#include "utf8.h"

namespace zwgk {
namespace {

constexpr WizardStep kOrder[kWizardStepCount] = {WizardStep::Notice,      WizardStep::ApplicantType,
                                                 WizardStep::Applicant,   WizardStep::Contact,
                                                 WizardStep::Information, WizardStep::Delivery,
                                                 WizardStep::Review};

FieldCheck issue(const char* key) {
    FieldCheck check;
    check.state = FieldCheck::State::Invalid;
    check.key = key;
    return check;
}

// Text that is only spaces counts as nothing typed.
std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    std::string out(s.substr(first, last - first + 1));
    // The ideographic space an input method may produce counts as a space too.
    while (out.rfind("\u3000", 0) == 0) out.erase(0, 3);
    while (out.size() >= 3 && out.compare(out.size() - 3, 3, "\u3000") == 0) out.resize(out.size() - 3);
    return out;
}

// A free-text field: optional or required, at most MAXCHARS characters.
FieldCheck checkFreeText(std::string_view typed, size_t maxChars, bool required, bool final) {
    FieldCheck check;
    check.normalized = trimmed(typed);
    if (check.normalized.empty()) {
        if (required && final) return issue("apply.check.required");
        return check;
    }
    if (utf8::countChars(check.normalized) > maxChars) {
        check.state = FieldCheck::State::Invalid;
        check.key = "apply.check.too_long";
        check.args = {{"max", std::to_string(maxChars)}};
        return check;
    }
    check.state = FieldCheck::State::Valid;
    return check;
}

FieldCheck required(FieldCheck check, bool final) {
    if (check.state == FieldCheck::State::Empty && final) {
        check.state = FieldCheck::State::Invalid;
        check.key = "apply.check.required";
    }
    return check;
}

bool anyInformation(const ApplicationDraft& d) {
    return !trimmed(d.infoTitle).empty() || !trimmed(d.infoDocNo).empty() || !trimmed(d.infoDescription).empty();
}

}  // namespace

std::string& ApplicationDraft::text(ApplyField field) {
    return const_cast<std::string&>(static_cast<const ApplicationDraft&>(*this).text(field));
}

const std::string& ApplicationDraft::text(ApplyField field) const {
    switch (field) {
    case ApplyField::Name: return name;
    case ApplyField::IdNumber: return idNumber;
    case ApplyField::OrgName: return orgName;
    case ApplyField::CreditCode: return creditCode;
    case ApplyField::ContactName: return contactName;
    case ApplyField::Mobile: return mobile;
    case ApplyField::Address: return address;
    case ApplyField::Email: return email;
    case ApplyField::InfoTitle: return infoTitle;
    case ApplyField::InfoDocNo: return infoDocNo;
    case ApplyField::InfoDescription: return infoDescription;
    case ApplyField::FeeNote: break;
    }
    return feeNote;
}

int stepNumber(WizardStep step) {
    for (int i = 0; i < kWizardStepCount; ++i)
        if (kOrder[i] == step) return i + 1;
    return 1;
}

WizardStep nextStep(WizardStep step) {
    const int n = stepNumber(step);
    return n < kWizardStepCount ? kOrder[n] : step;
}

WizardStep previousStep(WizardStep step) {
    const int n = stepNumber(step);
    return n > 1 ? kOrder[n - 2] : step;
}

std::vector<ApplyField> stepFields(const ApplicationDraft& draft, WizardStep step) {
    switch (step) {
    case WizardStep::Applicant:
        if (draft.applicantType == ApplicantType::Organisation)
            return {ApplyField::OrgName, ApplyField::CreditCode, ApplyField::ContactName};
        return {ApplyField::Name, ApplyField::IdNumber};
    case WizardStep::Contact: return {ApplyField::Mobile, ApplyField::Address, ApplyField::Email};
    case WizardStep::Information:
        return {ApplyField::InfoTitle, ApplyField::InfoDocNo, ApplyField::InfoDescription};
    case WizardStep::Delivery:
        if (draft.feeReduction) return {ApplyField::FeeNote};
        return {};
    case WizardStep::Notice:
    case WizardStep::ApplicantType:
    case WizardStep::Review: break;
    }
    return {};
}

WizardStep stepOf(ApplyField field) {
    switch (field) {
    case ApplyField::Name:
    case ApplyField::IdNumber:
    case ApplyField::OrgName:
    case ApplyField::CreditCode:
    case ApplyField::ContactName: return WizardStep::Applicant;
    case ApplyField::Mobile:
    case ApplyField::Address:
    case ApplyField::Email: return WizardStep::Contact;
    case ApplyField::InfoTitle:
    case ApplyField::InfoDocNo:
    case ApplyField::InfoDescription: return WizardStep::Information;
    case ApplyField::FeeNote: break;
    }
    return WizardStep::Delivery;
}

FieldCheck checkField(const ApplicationDraft& d, ApplyField field, std::string_view today, bool final) {
    const std::string& typed = d.text(field);
    switch (field) {
    case ApplyField::Name:
    case ApplyField::ContactName: return required(checkPersonName(typed, final), final);
    case ApplyField::IdNumber: return required(checkIdDocument(d.idType, typed, today, final), final);
    case ApplyField::OrgName: return required(checkOrganisationName(typed, final), final);
    case ApplyField::CreditCode: return required(checkCreditCode(typed, final), final);
    case ApplyField::Mobile: return required(checkMobile(typed, final), final);
    case ApplyField::Address: return required(checkPostalAddress(typed, final), final);
    case ApplyField::Email: {
        FieldCheck check = checkEmail(typed, final);
        // Optional, unless the information is to be sent by e-mail.
        if (d.deliveryChosen && d.delivery == DeliveryMethod::Email && check.state == FieldCheck::State::Empty &&
            final)
            return issue("apply.check.email_required");
        return check;
    }
    case ApplyField::InfoTitle:
        return checkFreeText(typed, kMaxInfoTitleChars, false, final);
    case ApplyField::InfoDocNo:
        return checkFreeText(typed, kMaxDocNoChars, false, final);
    case ApplyField::InfoDescription: {
        FieldCheck check = checkFreeText(typed, kMaxDescriptionChars, false, final);
        // One of the three must say what is wanted; the description is where to say it.
        if (check.state == FieldCheck::State::Empty && final && !anyInformation(d))
            return issue("apply.check.info_required");
        return check;
    }
    case ApplyField::FeeNote: break;
    }
    return checkFreeText(typed, kMaxFeeNoteChars, false, final);
}

std::vector<StepIssue> stepIssues(const ApplicationDraft& d, WizardStep step, std::string_view today) {
    std::vector<StepIssue> issues;
    auto add = [&](const char* key) { issues.push_back(StepIssue{key, {}, false}); };
    if (step == WizardStep::ApplicantType && !d.typeChosen) add("apply.issue.choose_type");
    for (ApplyField field : stepFields(d, step)) {
        const FieldCheck check = checkField(d, field, today, /*final=*/true);
        if (check.state == FieldCheck::State::Invalid) issues.push_back(StepIssue{check.key, field, true});
    }
    if (step == WizardStep::Delivery) {
        if (!d.formChosen) add("apply.issue.choose_form");
        if (!d.deliveryChosen) add("apply.issue.choose_delivery");
        if (d.formChosen && d.deliveryChosen && d.form == ProvisionForm::Paper && d.delivery == DeliveryMethod::Email)
            add("apply.issue.paper_by_email");
        // E-mail delivery needs the address from the contact step.
        if (d.deliveryChosen && d.delivery == DeliveryMethod::Email &&
            checkField(d, ApplyField::Email, today, true).state != FieldCheck::State::Valid)
            issues.push_back(StepIssue{"apply.issue.email_for_delivery", ApplyField::Email, true});
    }
    if (step == WizardStep::Review) {
        for (int i = 0; i < kWizardStepCount - 1; ++i)
            if (!stepIssues(d, kOrder[i], today).empty()) {
                add("apply.issue.incomplete");
                break;
            }
        if (!d.privacyConsent) add("apply.issue.consent");
    }
    return issues;
}

bool stepReady(const ApplicationDraft& d, WizardStep step, std::string_view today) {
    return stepIssues(d, step, today).empty();
}

bool readyToSubmit(const ApplicationDraft& d, std::string_view today) {
    return stepReady(d, WizardStep::Review, today);
}

ApplicationDraft normalizedDraft(const ApplicationDraft& draft, std::string_view today) {
    ApplicationDraft out = draft;
    const bool organisation = draft.applicantType == ApplicantType::Organisation;
    // The other type's fields are dropped: a citizen who first chose 法人 and typed a
    // company name must not have it sealed with their application.
    if (organisation) {
        out.name.clear();
        out.idNumber.clear();
    } else {
        out.orgName.clear();
        out.creditCode.clear();
        out.contactName.clear();
    }
    for (ApplyField field : {ApplyField::Name, ApplyField::IdNumber, ApplyField::OrgName, ApplyField::CreditCode,
                             ApplyField::ContactName, ApplyField::Mobile, ApplyField::Address, ApplyField::Email,
                             ApplyField::InfoTitle, ApplyField::InfoDocNo, ApplyField::InfoDescription,
                             ApplyField::FeeNote}) {
        if (out.text(field).empty()) continue;
        const FieldCheck check = checkField(out, field, today, true);
        out.text(field) = check.normalized.empty() ? trimmed(out.text(field)) : check.normalized;
    }
    if (!out.feeReduction) out.feeNote.clear();
    return out;
}

const char* applicantTypeKey(ApplicantType type) {
    return type == ApplicantType::Citizen ? "apply.type.citizen" : "apply.type.organisation";
}

const char* idDocTypeKey(IdDocType type) {
    switch (type) {
    case IdDocType::ResidentId: return "apply.id_type.resident";
    case IdDocType::ResidencePermit: return "apply.id_type.residence_permit";
    case IdDocType::HkMacaoPermit: return "apply.id_type.hk_macao";
    case IdDocType::TaiwanPermit: return "apply.id_type.taiwan";
    case IdDocType::Passport: return "apply.id_type.passport";
    case IdDocType::Other: break;
    }
    return "apply.id_type.other";
}

const char* provisionFormKey(ProvisionForm form) {
    return form == ProvisionForm::Paper ? "apply.form.paper" : "apply.form.electronic";
}

const char* deliveryMethodKey(DeliveryMethod method) {
    switch (method) {
    case DeliveryMethod::Pickup: return "apply.delivery.pickup";
    case DeliveryMethod::Post: return "apply.delivery.post";
    case DeliveryMethod::Email: break;
    }
    return "apply.delivery.email";
}

const char* applicantTypeName(ApplicantType type) {
    return type == ApplicantType::Citizen ? "citizen" : "organisation";
}

const char* idDocTypeName(IdDocType type) {
    switch (type) {
    case IdDocType::ResidentId: return "resident_id";
    case IdDocType::ResidencePermit: return "residence_permit";
    case IdDocType::HkMacaoPermit: return "hk_macao_permit";
    case IdDocType::TaiwanPermit: return "taiwan_permit";
    case IdDocType::Passport: return "passport";
    case IdDocType::Other: break;
    }
    return "other";
}

const char* provisionFormName(ProvisionForm form) { return form == ProvisionForm::Paper ? "paper" : "electronic"; }

const char* deliveryMethodName(DeliveryMethod method) {
    switch (method) {
    case DeliveryMethod::Pickup: return "pickup";
    case DeliveryMethod::Post: return "post";
    case DeliveryMethod::Email: break;
    }
    return "email";
}

std::string abridgedInformation(const ApplicationDraft& d, size_t maxChars) {
    std::string text = trimmed(d.infoTitle);
    if (text.empty()) text = trimmed(d.infoDocNo);
    if (text.empty()) text = trimmed(d.infoDescription);
    std::u32string chars = utf8::decode(text);
    for (char32_t& c : chars)
        if (c == U'\n' || c == U'\r' || c == U'\t') c = U' ';
    if (chars.size() > maxChars && maxChars > 0) {
        chars.resize(maxChars - 1);
        chars += U'…';
    }
    return utf8::encode(chars);
}

}  // namespace zwgk
