// The application wizard's rules (《政府信息公开条例》Art. 29): which step needs what, how the
// fields depend on each other, and what is sealed when the draft is normalised.
#include <gtest/gtest.h>

#include "application.h"

namespace zwgk {
namespace {

constexpr const char* kToday = "2026-11-25";

ApplicationDraft completeCitizen() {
    ApplicationDraft d;
    d.typeChosen = true;
    d.applicantType = ApplicantType::Citizen;
    d.name = "王小明";
    d.idType = IdDocType::ResidentId;
    d.idNumber = "11010519491231002x";
    d.mobile = "138 1234 5678";
    d.address = "临澜县城关镇东山村12号";
    d.infoTitle = "东山村土地征收补偿安置方案";
    d.formChosen = true;
    d.form = ProvisionForm::Paper;
    d.deliveryChosen = true;
    d.delivery = DeliveryMethod::Pickup;
    d.privacyConsent = true;
    return d;
}

std::vector<std::string> keys(const std::vector<StepIssue>& issues) {
    std::vector<std::string> out;
    for (const StepIssue& i : issues) out.push_back(i.key);
    return out;
}

TEST(ApplicationWizard, StepsRunInOrderAndBackAgain) {
    EXPECT_EQ(stepNumber(WizardStep::Notice), 1);
    EXPECT_EQ(stepNumber(WizardStep::Review), kWizardStepCount);
    WizardStep step = WizardStep::Notice;
    for (int i = 1; i < kWizardStepCount; ++i) step = nextStep(step);
    EXPECT_EQ(step, WizardStep::Review);
    EXPECT_EQ(nextStep(WizardStep::Review), WizardStep::Review);
    for (int i = 1; i < kWizardStepCount; ++i) step = previousStep(step);
    EXPECT_EQ(step, WizardStep::Notice);
    EXPECT_EQ(previousStep(WizardStep::Notice), WizardStep::Notice);
}

TEST(ApplicationWizard, ACompleteDraftIsReadyOnEveryStep) {
    const ApplicationDraft d = completeCitizen();
    for (WizardStep s : {WizardStep::Notice, WizardStep::ApplicantType, WizardStep::Applicant, WizardStep::Contact,
                         WizardStep::Information, WizardStep::Delivery, WizardStep::Review})
        EXPECT_TRUE(stepIssues(d, s, kToday).empty()) << stepNumber(s) << ": " << keys(stepIssues(d, s, kToday)).front();
    EXPECT_TRUE(readyToSubmit(d, kToday));
}

TEST(ApplicationWizard, AnEmptyDraftSaysWhatEachStepNeeds) {
    const ApplicationDraft d;
    EXPECT_TRUE(stepReady(d, WizardStep::Notice, kToday));
    EXPECT_EQ(keys(stepIssues(d, WizardStep::ApplicantType, kToday)),
              std::vector<std::string>{"apply.issue.choose_type"});
    const auto applicant = stepIssues(d, WizardStep::Applicant, kToday);
    ASSERT_EQ(applicant.size(), 2u);  // name and ID number, both required
    EXPECT_EQ(applicant[0].field, ApplyField::Name);
    EXPECT_EQ(applicant[0].key, "apply.check.required");
    EXPECT_EQ(applicant[1].field, ApplyField::IdNumber);
    const auto contact = stepIssues(d, WizardStep::Contact, kToday);
    ASSERT_EQ(contact.size(), 2u);  // phone and address; e-mail is optional
    EXPECT_EQ(contact[0].field, ApplyField::Mobile);
    EXPECT_EQ(contact[1].field, ApplyField::Address);
    EXPECT_EQ(keys(stepIssues(d, WizardStep::Information, kToday)),
              std::vector<std::string>{"apply.check.info_required"});
    EXPECT_EQ(keys(stepIssues(d, WizardStep::Delivery, kToday)),
              (std::vector<std::string>{"apply.issue.choose_form", "apply.issue.choose_delivery"}));
    EXPECT_EQ(keys(stepIssues(d, WizardStep::Review, kToday)),
              (std::vector<std::string>{"apply.issue.incomplete", "apply.issue.consent"}));
}

TEST(ApplicationWizard, AnyOneOfNameDocNoOrDescriptionIsEnough) {
    for (ApplyField f : {ApplyField::InfoTitle, ApplyField::InfoDocNo, ApplyField::InfoDescription}) {
        ApplicationDraft d = completeCitizen();
        d.infoTitle.clear();
        d.text(f) = "临政办发〔2021〕9号";
        EXPECT_TRUE(stepReady(d, WizardStep::Information, kToday));
    }
    ApplicationDraft blank = completeCitizen();
    blank.infoTitle = "   ";
    EXPECT_FALSE(stepReady(blank, WizardStep::Information, kToday));
}

TEST(ApplicationWizard, AnOversizedDescriptionIsBoundedWithItsLimit) {
    ApplicationDraft d = completeCitizen();
    d.infoDescription.clear();
    for (size_t i = 0; i < kMaxDescriptionChars; ++i) d.infoDescription += "申";
    EXPECT_TRUE(checkField(d, ApplyField::InfoDescription, kToday, true).ok());
    d.infoDescription += "请";
    const FieldCheck check = checkField(d, ApplyField::InfoDescription, kToday, false);
    EXPECT_EQ(check.state, FieldCheck::State::Invalid);
    EXPECT_EQ(check.key, "apply.check.too_long");
    ASSERT_EQ(check.args.size(), 1u);
    EXPECT_EQ(check.args[0].second, std::to_string(kMaxDescriptionChars));
    EXPECT_FALSE(stepReady(d, WizardStep::Information, kToday));
}

TEST(ApplicationWizard, EmailDeliveryNeedsAnEmailAndElectronicForm) {
    ApplicationDraft d = completeCitizen();
    d.delivery = DeliveryMethod::Email;
    EXPECT_EQ(keys(stepIssues(d, WizardStep::Delivery, kToday)),
              (std::vector<std::string>{"apply.issue.paper_by_email", "apply.issue.email_for_delivery"}));
    EXPECT_EQ(checkField(d, ApplyField::Email, kToday, true).key, "apply.check.email_required");
    d.form = ProvisionForm::Electronic;
    d.email = "wang.xiaoming@163.com";
    EXPECT_TRUE(stepReady(d, WizardStep::Delivery, kToday));
    EXPECT_TRUE(stepReady(d, WizardStep::Contact, kToday));
    // Optional otherwise: empty is fine, a malformed one is not.
    d.delivery = DeliveryMethod::Pickup;
    d.email.clear();
    EXPECT_TRUE(stepReady(d, WizardStep::Contact, kToday));
    d.email = "wang@";
    EXPECT_FALSE(stepReady(d, WizardStep::Contact, kToday));
}

TEST(ApplicationWizard, OrganisationsGiveTheirCreditCodeAndAContact) {
    ApplicationDraft d = completeCitizen();
    d.applicantType = ApplicantType::Organisation;
    EXPECT_EQ(stepFields(d, WizardStep::Applicant),
              (std::vector<ApplyField>{ApplyField::OrgName, ApplyField::CreditCode, ApplyField::ContactName}));
    EXPECT_FALSE(stepReady(d, WizardStep::Applicant, kToday));
    d.orgName = "临澜县东山农机专业合作社";
    d.creditCode = "914403001922038216";  // a real, published code (check character 6)
    d.contactName = "李红";
    EXPECT_TRUE(stepReady(d, WizardStep::Applicant, kToday));
    d.creditCode = "914403001922038217";
    const auto issues = stepIssues(d, WizardStep::Applicant, kToday);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].field, ApplyField::CreditCode);
    EXPECT_EQ(issues[0].key, "apply.check.credit_code.check_char");
}

TEST(ApplicationWizard, NormalisingDropsTheOtherTypesFieldsAndTidiesText) {
    ApplicationDraft d = completeCitizen();
    d.orgName = "typed first, then changed to 公民";
    d.creditCode = "914403001922038216";
    d.feeNote = "written, then 不申请 chosen";
    d.infoTitle = "  东山村土地征收补偿安置方案\u3000";
    const ApplicationDraft n = normalizedDraft(d, kToday);
    EXPECT_TRUE(n.orgName.empty());
    EXPECT_TRUE(n.creditCode.empty());
    EXPECT_TRUE(n.feeNote.empty());
    EXPECT_EQ(n.idNumber, "11010519491231002X");
    EXPECT_EQ(n.mobile, "13812345678");
    EXPECT_EQ(n.infoTitle, "东山村土地征收补偿安置方案");
    EXPECT_EQ(n.name, "王小明");
}

TEST(ApplicationWizard, AbridgedInformationPrefersTheNameAndCutsLongText) {
    ApplicationDraft d = completeCitizen();
    EXPECT_EQ(abridgedInformation(d, 40), "东山村土地征收补偿安置方案");
    EXPECT_EQ(abridgedInformation(d, 5), "东山村土…");
    d.infoTitle.clear();
    d.infoDocNo = "临政办发〔2021〕9号";
    EXPECT_EQ(abridgedInformation(d, 40), "临政办发〔2021〕9号");
    d.infoDocNo.clear();
    d.infoDescription = "2025年\n低保名单";
    EXPECT_EQ(abridgedInformation(d, 40), "2025年 低保名单");
}

TEST(ApplicationWizard, EveryFieldBelongsToTheStepThatShowsIt) {
    ApplicationDraft citizen = completeCitizen(), org = completeCitizen();
    org.applicantType = ApplicantType::Organisation;
    org.feeReduction = true;
    for (const ApplicationDraft* d : {&citizen, &org})
        for (WizardStep s : {WizardStep::Applicant, WizardStep::Contact, WizardStep::Information, WizardStep::Delivery})
            for (ApplyField f : stepFields(*d, s)) EXPECT_EQ(stepOf(f), s);
}

}  // namespace
}  // namespace zwgk
