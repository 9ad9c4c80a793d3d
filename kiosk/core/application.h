// A 政府信息公开申请 as a citizen fills it in at the terminal, and the wizard that walks them
// through it (《政府信息公开条例》2019 Art. 29): who applies (a citizen, or a legal person or
// other organisation), their identity document, how to reach them, the information wanted
// (name, 文号 or a description), the form of provision and how to receive it, an optional
// request to reduce the 信息处理费, a review page and consent to the privacy notice. There is
// no "purpose" field: the 2019 条例 removed it.
//
// The draft is plain data; the checks are pure functions of it, so the wizard's screens,
// the outbox and the tests all agree on what is acceptable.
//
// Wizard state machine (the screen's step; transitions in the functions named):
//
//   Notice ──开始填写──────────► ApplicantType        nextStep
//   ApplicantType ──type chosen─► Applicant           nextStep
//   Applicant ──name + ID valid─► Contact             nextStep (stepReady)
//   Contact ──phone/address ok──► Information         nextStep (stepReady)
//   Information ──something named► Delivery           nextStep (stepReady)
//   Delivery ──form + way chosen► Review              nextStep (stepReady)
//   Review ──consent + 提交──────► (outbox, receipt)   submitApplication (sync/)
//   any step ──上一步──────────► the step before      previousStep
//   Review ──修改 a section─────► that section's step  (the screen jumps; data is kept)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "validation.h"

namespace zwgk {

enum class ApplicantType { Citizen, Organisation };  // 公民 / 法人或者其他组织
enum class ProvisionForm { Paper, Electronic };      // 纸质 / 电子
enum class DeliveryMethod { Pickup, Post, Email };   // 现场领取 / 邮寄 / 电子邮件

// Longest text each field accepts, in characters. The description is the one a citizen may
// write at length; the screen shows a counter against this limit.
inline constexpr size_t kMaxNameChars = 30;
inline constexpr size_t kMaxOrgNameChars = 80;
inline constexpr size_t kMaxAddressChars = 120;
inline constexpr size_t kMaxEmailChars = 254;
inline constexpr size_t kMaxInfoTitleChars = 100;
inline constexpr size_t kMaxDocNoChars = 40;
inline constexpr size_t kMaxDescriptionChars = 500;
inline constexpr size_t kMaxFeeNoteChars = 200;

// Every text field of the form: screens key their TextFields by it, checks report on it.
enum class ApplyField {
    Name,             // 姓名 (citizen)
    IdNumber,         // 证件号码 (citizen)
    OrgName,          // 名称 (organisation)
    CreditCode,       // 统一社会信用代码 (organisation)
    ContactName,      // 联系人姓名 (organisation)
    Mobile,           // 手机号码
    Address,          // 通信地址
    Email,            // 电子邮箱
    InfoTitle,        // 所需信息的名称
    InfoDocNo,        // 文号
    InfoDescription,  // 所需信息的描述
    FeeNote,          // 减免信息处理费的理由
};

struct ApplicationDraft {
    bool typeChosen = false;                           // the citizen picked a type
    ApplicantType applicantType = ApplicantType::Citizen;  // 公民 / 法人或者其他组织
    std::string name;                                  // 姓名
    IdDocType idType = IdDocType::ResidentId;          // 证件类型
    std::string idNumber;                              // 证件号码
    std::string orgName;                               // 法人或者其他组织名称
    std::string creditCode;                            // 统一社会信用代码
    std::string contactName;                           // 联系人 of an organisation
    std::string mobile;                                // 手机号码
    std::string address;                               // 通信地址
    std::string email;                                 // 电子邮箱, optional unless e-mailed
    std::string infoTitle;                             // 所需信息的名称
    std::string infoDocNo;                             // 文号
    std::string infoDescription;                       // 所需信息的描述
    bool formChosen = false;                           // a form of provision was picked
    ProvisionForm form = ProvisionForm::Paper;         // 纸质 / 电子
    bool deliveryChosen = false;                       // a way to receive was picked
    DeliveryMethod delivery = DeliveryMethod::Pickup;  // 现场领取 / 邮寄 / 电子邮件
    bool feeReduction = false;                         // asks to reduce or waive the fee
    std::string feeNote;                               // why (e.g. 低保 recipient), optional
    bool privacyConsent = false;                       // ticked on the review page

    std::string& text(ApplyField field);
    const std::string& text(ApplyField field) const;
};

// ---------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------
enum class WizardStep { Notice, ApplicantType, Applicant, Contact, Information, Delivery, Review };

inline constexpr int kWizardStepCount = 7;
int stepNumber(WizardStep step);  // 1..kWizardStepCount
WizardStep nextStep(WizardStep step);
WizardStep previousStep(WizardStep step);
// The text fields a step shows for this draft, in screen order (Applicant depends on the type).
std::vector<ApplyField> stepFields(const ApplicationDraft& draft, WizardStep step);
// The step on which FIELD is edited.
WizardStep stepOf(ApplyField field);

// ---------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------
// FIELD of DRAFT as typed (final=false) or on leaving the step (final=true). Empty optional
// fields are Empty; empty required ones are Invalid with "apply.check.required" when final.
// Rules between fields are reported on the field they concern: an e-mail is required when
// the information is to be e-mailed; at least one of name / 文号 / description.
FieldCheck checkField(const ApplicationDraft& draft, ApplyField field, std::string_view today, bool final);

// A problem of a step that is no single text field's: a choice not made, nothing named.
struct StepIssue {
    std::string key;       // strings key
    ApplyField field{};    // the field to focus, when hasField
    bool hasField = false; // the issue belongs to a text field
};
// Everything that keeps STEP from being left, in screen order; empty when it is ready.
std::vector<StepIssue> stepIssues(const ApplicationDraft& draft, WizardStep step, std::string_view today);
bool stepReady(const ApplicationDraft& draft, WizardStep step, std::string_view today);
// Every step before Review is ready and consent is given.
bool readyToSubmit(const ApplicationDraft& draft, std::string_view today);

// The draft with every text normalised as it will be stored (trimmed, ID letters upper-case,
// phone without +86). Call only on a draft that is readyToSubmit.
ApplicationDraft normalizedDraft(const ApplicationDraft& draft, std::string_view today);

// ---------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------
// Strings keys of the choices ("apply.type.citizen", "apply.id_type.resident" …).
const char* applicantTypeKey(ApplicantType type);
const char* idDocTypeKey(IdDocType type);
const char* provisionFormKey(ProvisionForm form);
const char* deliveryMethodKey(DeliveryMethod method);
// Stable machine names for the sealed record ("citizen", "resident_id", "paper", "post" …).
const char* applicantTypeName(ApplicantType type);
const char* idDocTypeName(IdDocType type);
const char* provisionFormName(ProvisionForm form);
const char* deliveryMethodName(DeliveryMethod method);

// What the information wanted is called on a receipt or list: the name, else the 文号, else
// the description, cut to MAXCHARS characters with "…".
std::string abridgedInformation(const ApplicationDraft& draft, size_t maxChars);

}  // namespace zwgk
