// 依申请公开: the application wizard (《政府信息公开条例》Art. 29). One step per page with a
// progress line on top and 上一步 / 下一步 at the bottom; every field is checked as it is typed
// and again when the citizen leaves it; going back or editing from the review page keeps
// everything. The rules live in kiosk/core/application.h, this file only lays them out.
//
// Section index
//   1. Field specs and edit buffers
//   2. Shared pieces: step header, field, choice chips, issue banner
//   3. The steps: notice, applicant type, applicant, contact, information, delivery
//   4. The review page
//   5. The screen: layout, bottom bar, not-available page
#include <algorithm>

#include "keyboard.h"
#include "pinyin.h"
#include "screens.h"
#include "search_worker.h"
#include "submission.h"
#include "theme.h"
#include "utf8.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kColumn = 1400;       // reference px: form width
constexpr float kStepBarHeight = 104; // progress line under the top bar
constexpr float kBottomBar = 136;     // 上一步 / 下一步
constexpr float kFieldHeight = 100;   // one-line fields
constexpr float kAreaHeight = 230;    // the description
constexpr int kSuggestions = 3;       // documents offered as possibly public

// ---------------------------------------------------------------------------------------
// 1. Field specs and edit buffers
// ---------------------------------------------------------------------------------------
struct FieldSpec {
    const char* label;        // strings key
    const char* placeholder;  // strings key
    FieldKind kind;           // which keyboard
    size_t maxChars;          // longest text accepted
    bool required;            // shows 必填 / 选填
    bool multiline;           // the description
};

FieldKind idFieldKind(IdDocType type) {
    switch (type) {
    case IdDocType::ResidentId:
    case IdDocType::ResidencePermit: return FieldKind::Digits;
    case IdDocType::TaiwanPermit: return FieldKind::Phone;  // digits only
    case IdDocType::HkMacaoPermit:
    case IdDocType::Passport:
    case IdDocType::Other: break;
    }
    return FieldKind::Code;
}

FieldSpec specFor(const ApplicationDraft& d, ApplyField f) {
    switch (f) {
    case ApplyField::Name: return {"apply.field.name", "apply.ph.name", FieldKind::Text, kMaxNameChars, true, false};
    case ApplyField::IdNumber:
        return {"apply.field.id_number", "apply.ph.id_number", idFieldKind(d.idType), 20, true, false};
    case ApplyField::OrgName:
        return {"apply.field.org_name", "apply.ph.org_name", FieldKind::Text, kMaxOrgNameChars, true, false};
    case ApplyField::CreditCode:
        return {"apply.field.credit_code", "apply.ph.credit_code", FieldKind::Code, 18, true, false};
    case ApplyField::ContactName:
        return {"apply.field.contact_name", "apply.ph.contact_name", FieldKind::Text, kMaxNameChars, true, false};
    case ApplyField::Mobile: return {"apply.field.mobile", "apply.ph.mobile", FieldKind::Phone, 14, true, false};
    case ApplyField::Address:
        return {"apply.field.address", "apply.ph.address", FieldKind::Text, kMaxAddressChars, true, false};
    case ApplyField::Email:
        return {"apply.field.email", "apply.ph.email", FieldKind::Email, 80,
                d.deliveryChosen && d.delivery == DeliveryMethod::Email, false};
    case ApplyField::InfoTitle:
        return {"apply.field.info_title", "apply.ph.info_title", FieldKind::Text, kMaxInfoTitleChars, false, false};
    case ApplyField::InfoDocNo:
        return {"apply.field.info_doc_no", "apply.ph.info_doc_no", FieldKind::Text, kMaxDocNoChars, false, false};
    case ApplyField::InfoDescription:
        return {"apply.field.info_description", "apply.ph.info_description", FieldKind::Text, kMaxDescriptionChars,
                false, true};
    case ApplyField::FeeNote: break;
    }
    return {"apply.field.fee_note", "apply.ph.fee_note", FieldKind::Text, kMaxFeeNoteChars, false, true};
}

// The field's edit buffer, made from the draft the first time it is drawn. Its kind follows
// the draft (an ID number's keyboard changes with the document type).
TextField& buffer(ApplyState& a, ApplyField f, const FieldSpec& spec) {
    auto it = a.fields.find(f);
    if (it == a.fields.end()) {
        TextField field;
        field.id = "apply-" + std::to_string(static_cast<int>(f));
        field.text = a.draft.text(f);
        it = a.fields.emplace(f, field).first;
    }
    it->second.kind = spec.kind;
    it->second.maxChars = spec.maxChars + 4;  // a little slack so "too long" can be said
    return it->second;
}

// ---------------------------------------------------------------------------------------
// 2. Shared pieces
// ---------------------------------------------------------------------------------------
const char* stepTitleKey(WizardStep step) {
    switch (step) {
    case WizardStep::Notice: return "apply.step.notice";
    case WizardStep::ApplicantType: return "apply.step.type";
    case WizardStep::Applicant: return "apply.step.applicant";
    case WizardStep::Contact: return "apply.step.contact";
    case WizardStep::Information: return "apply.step.information";
    case WizardStep::Delivery: return "apply.step.delivery";
    case WizardStep::Review: break;
    }
    return "apply.step.review";
}

// "第 3 步，共 7 步" and a row of seven segments, the done ones filled.
void stepHeader(UiContext& ui, WizardStep step) {
    const float top = contentOrigin(ui).y;
    const float margin = ui.px(theme::kMargin);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, ImVec2(0, top), ImVec2(ui.display.x, top + ui.px(kStepBarHeight)), theme::kSurface);
    const int n = stepNumber(step);
    const std::string line = ui.tf("apply.step_of", {{"n", std::to_string(n)}, {"total", std::to_string(kWizardStepCount)}}) +
                             "　" + ui.t(stepTitleKey(step));
    widgets::textAt(ui, ImVec2(margin, top + ui.px(14)), line, ui.fonts.heading, theme::kText);
    const float barTop = top + ui.px(80), barH = ui.px(10), gap = ui.px(8);
    const float segW = (ui.display.x - 2 * margin - (kWizardStepCount - 1) * gap) / kWizardStepCount;
    for (int i = 0; i < kWizardStepCount; ++i) {
        const float x = margin + static_cast<float>(i) * (segW + gap);
        widgets::fillRect(dl, ImVec2(x, barTop), ImVec2(x + segW, barTop + barH),
                          i < n ? theme::kPrimary : theme::kBorder, ui.px(5));
    }
}

// A check mark drawn with two lines: no symbol font needed.
void checkMark(ImDrawList* dl, ImVec2 at, float size, ImU32 color, float thickness) {
    dl->AddLine(ImVec2(at.x, at.y + size * 0.55f), ImVec2(at.x + size * 0.38f, at.y + size * 0.9f), color, thickness);
    dl->AddLine(ImVec2(at.x + size * 0.38f, at.y + size * 0.9f), ImVec2(at.x + size, at.y + size * 0.1f), color,
                thickness);
}

std::string problemText(const UiContext& ui, const FieldCheck& check) {
    std::string text = ui.strings.get(check.key);
    for (const auto& [name, value] : check.args) {
        const std::string slot = "{" + name + "}";
        for (size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at + value.size()))
            text.replace(at, slot.size(), value);
    }
    return ui.show(text);
}

// One form field: label with 必填/选填, the field, and under it what the check says.
void formField(UiContext& ui, ApplyField f, float width) {
    ApplyState& a = ui.state.apply;
    const FieldSpec spec = specFor(a.draft, f);
    TextField& field = buffer(a, f, spec);
    const bool focused = ui.keyboard && ui.keyboard->field() == &field;
    if (focused && a.lastFocused != &field) {
        a.lastFocused = &field;
        ImGui::SetScrollHereY(0.05f);  // bring it above the keyboard
    }
    const ImVec2 start = ImGui::GetCursorScreenPos();
    widgets::text(ui, ui.t(spec.label), ui.fonts.body, theme::kText);
    const std::string tag = ui.t(spec.required ? "apply.required" : "apply.optional");
    const float labelW = widgets::measure(ui.fonts.body, ui.t(spec.label)).x;
    widgets::textAt(ui, ImVec2(start.x + labelW + ui.px(16), start.y + ui.px(4)), tag, ui.fonts.small,
                    spec.required ? theme::kRepealed : theme::kTextSecondary);
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + ui.px(56)));
    if (spec.multiline)
        widgets::textArea(ui, field, ImVec2(width, ui.px(kAreaHeight)), ui.t(spec.placeholder));
    else
        widgets::textField(ui, field, ImVec2(width, ui.px(kFieldHeight)), ui.t(spec.placeholder));
    a.draft.text(f) = field.text;
    field.changed = false;

    // As typed, a correct beginning gets a hint; once left (or after 下一步) the final word.
    const bool judged = a.left[f] || a.showIssues;
    const FieldCheck check = checkField(a.draft, f, ui.today, judged && !focused);
    const ImVec2 msg = ImGui::GetCursorScreenPos();
    const float msgY = msg.y + ui.px(10);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float used = ui.px(48);
    if (check.state == FieldCheck::State::Invalid) {
        ImGui::SetCursorScreenPos(ImVec2(msg.x, msgY));
        used = ui.px(10) + widgets::paragraph(ui, problemText(ui, check), ui.fonts.body, width, theme::kRepealed, 0, 1.3f);
    } else if (check.state == FieldCheck::State::Partial && !check.key.empty()) {
        widgets::textAt(ui, ImVec2(msg.x, msgY), problemText(ui, check), ui.fonts.small, theme::kTextSecondary);
    } else if (check.state == FieldCheck::State::Valid) {
        checkMark(dl, ImVec2(msg.x + ui.px(4), msgY + ui.px(4)), ui.px(26), theme::kValid, ui.px(4));
        widgets::textAt(ui, ImVec2(msg.x + ui.px(44), msgY), ui.t("apply.check.ok"), ui.fonts.small, theme::kValid);
    }
    if (spec.multiline) {
        // The visible counter keeps a long description within bounds without surprises.
        const size_t count = utf8::countChars(field.text);
        const std::string counter = std::to_string(count) + " / " + std::to_string(spec.maxChars);
        const ImVec2 cs = widgets::measure(ui.fonts.small, counter);
        widgets::textAt(ui, ImVec2(msg.x + width - cs.x, msgY), counter, ui.fonts.small,
                        count > spec.maxChars ? theme::kRepealed : theme::kTextSecondary);
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, msg.y + used + ui.px(20)));
    ImGui::Dummy(ImVec2(width, 0));
}

// A large toggle; SELECTED ones are filled. Returns true when tapped.
bool chip(UiContext& ui, const char* id, const std::string& label, bool selected, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool tapped = widgets::button(ui, id, label, size, selected ? theme::kPrimary : theme::kSurface,
                                        selected ? theme::kPrimaryText : theme::kText, ui.fonts.body);
    if (!selected)
        ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kBorder,
                                            ui.px(theme::kRounding), 0, ui.px(2));
    return tapped;
}

// A row of chips, wrapping within WIDTH; returns the index tapped or -1.
int chipRow(UiContext& ui, const char* idPrefix, const std::vector<std::string>& labels, int selected, float width) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float h = ui.px(theme::kTouchMin), gap = ui.px(20);
    float x = start.x, y = start.y;
    int tapped = -1;
    for (size_t i = 0; i < labels.size(); ++i) {
        const float w = std::max(ui.px(220), widgets::measure(ui.fonts.body, labels[i]).x + ui.px(64));
        if (x + w > start.x + width && x > start.x) {
            x = start.x;
            y += h + gap;
        }
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (chip(ui, (std::string(idPrefix) + std::to_string(i)).c_str(), labels[i], static_cast<int>(i) == selected,
                 ImVec2(w, h)))
            tapped = static_cast<int>(i);
        x += w + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, y + h + ui.px(28)));
    ImGui::Dummy(ImVec2(width, 0));
    return tapped;
}

void sectionLabel(UiContext& ui, const std::string& text) {
    widgets::text(ui, text, ui.fonts.body, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(14)));
}

// After 下一步 with problems: what is missing, in one box at the top of the step.
void issueBanner(UiContext& ui, WizardStep step, float width) {
    const ApplyState& a = ui.state.apply;
    if (!a.showIssues) return;
    const std::vector<StepIssue> issues = stepIssues(a.draft, step, ui.today);
    if (issues.empty()) return;
    std::string text = ui.tf("apply.issues", {{"n", std::to_string(issues.size())}});
    for (const StepIssue& issue : issues)
        if (!issue.hasField) text += "\n· " + ui.t(issue.key);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float pad = ui.px(24);
    float h = 0;
    for (size_t start = 0; start <= text.size();) {
        const size_t end = std::min(text.find('\n', start), text.size());
        h += widgets::paragraphHeight(text.substr(start, end - start), ui.fonts.body, width - 2 * pad, 0, 1.4f);
        start = end + 1;
    }
    widgets::fillRect(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + width, pos.y + h + 2 * pad), theme::kBannerWarn,
                      ui.px(theme::kRounding));
    float y = pos.y + pad;
    for (size_t start = 0; start <= text.size();) {
        const size_t end = std::min(text.find('\n', start), text.size());
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
        y += widgets::paragraph(ui, text.substr(start, end - start), ui.fonts.body, width - 2 * pad, theme::kRepealed, 0,
                                1.4f);
        start = end + 1;
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + 2 * pad + ui.px(28)));
    ImGui::Dummy(ImVec2(width, 0));
}

// ---------------------------------------------------------------------------------------
// 3. The steps
// ---------------------------------------------------------------------------------------
void bullets(UiContext& ui, std::initializer_list<const char*> keys, float width) {
    for (const char* key : keys) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        widgets::fillRect(ImGui::GetWindowDrawList(), ImVec2(pos.x, pos.y + ui.px(20)),
                          ImVec2(pos.x + ui.px(12), pos.y + ui.px(32)), theme::kHeader, ui.px(6));
        ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(36), pos.y));
        widgets::paragraph(ui, ui.t(key), ui.fonts.body, width - ui.px(36), theme::kText, 0, 1.5f);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y + ui.px(18)));
    }
}

void drawNotice(UiContext& ui, float width) {
    widgets::paragraph(ui, ui.t("apply.notice.lead"), ui.fonts.heading, width, theme::kText, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(28)));
    bullets(ui, {"apply.notice.what", "apply.notice.search_first", "apply.notice.need", "apply.notice.deadline",
                 "apply.notice.help"},
            width);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    const float bw = ui.px(520);
    if (widgets::button(ui, "##search-first", ui.t("apply.notice.browse"), ImVec2(bw, ui.px(theme::kTouchMin)),
                        theme::kSurfacePressed, theme::kText, ui.fonts.body)) {
        Route route;
        route.kind = ScreenKind::Search;
        ui.push(route);
    }
}

void drawTypeStep(UiContext& ui, float width) {
    ApplicationDraft& d = ui.state.apply.draft;
    issueBanner(ui, WizardStep::ApplicantType, width);
    widgets::paragraph(ui, ui.t("apply.type.question"), ui.fonts.heading, width, theme::kText, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    const float gap = ui.px(32), cardW = (width - gap) / 2, cardH = ui.px(260);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const ApplicantType types[2] = {ApplicantType::Citizen, ApplicantType::Organisation};
    const char* descs[2] = {"apply.type.citizen.desc", "apply.type.organisation.desc"};
    for (int i = 0; i < 2; ++i) {
        const ImVec2 pos(row.x + static_cast<float>(i) * (cardW + gap), row.y);
        ImGui::SetCursorScreenPos(pos);
        const std::string name = ui.t(applicantTypeKey(types[i]));
        bool pressed = false;
        const bool selected = d.typeChosen && d.applicantType == types[i];
        if (widgets::card(ui, (std::string("##type") + std::to_string(i)).c_str(), name, ImVec2(cardW, cardH), pressed)) {
            d.applicantType = types[i];
            d.typeChosen = true;
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (selected) {
            dl->AddRect(pos, ImVec2(pos.x + cardW, pos.y + cardH), theme::kPrimary, ui.px(theme::kRounding), 0, ui.px(6));
            checkMark(dl, ImVec2(pos.x + cardW - ui.px(80), pos.y + ui.px(36)), ui.px(40), theme::kPrimary, ui.px(7));
        }
        widgets::textAt(ui, ImVec2(pos.x + ui.px(40), pos.y + ui.px(36)), name, ui.fonts.title, theme::kText);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(40), pos.y + ui.px(130)));
        widgets::paragraph(ui, ui.t(descs[i]), ui.fonts.body, cardW - ui.px(80), theme::kTextSecondary, 0, 1.4f);
    }
    ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + cardH + ui.px(28)));
    ImGui::Dummy(ImVec2(width, 0));
}

void drawApplicantStep(UiContext& ui, float width) {
    ApplyState& a = ui.state.apply;
    issueBanner(ui, WizardStep::Applicant, width);
    if (a.draft.applicantType == ApplicantType::Organisation) {
        for (ApplyField f : stepFields(a.draft, WizardStep::Applicant)) formField(ui, f, width);
        return;
    }
    formField(ui, ApplyField::Name, width);
    sectionLabel(ui, ui.t("apply.field.id_type"));
    const IdDocType types[] = {IdDocType::ResidentId, IdDocType::ResidencePermit, IdDocType::HkMacaoPermit,
                               IdDocType::TaiwanPermit, IdDocType::Passport,        IdDocType::Other};
    std::vector<std::string> labels;
    int selected = 0;
    for (size_t i = 0; i < std::size(types); ++i) {
        labels.push_back(ui.t(idDocTypeKey(types[i])));
        if (types[i] == a.draft.idType) selected = static_cast<int>(i);
    }
    const int tapped = chipRow(ui, "##idtype", labels, selected, width);
    if (tapped >= 0 && types[tapped] != a.draft.idType) {
        a.draft.idType = types[tapped];
        // A number typed for another document would only confuse the check.
        a.draft.idNumber.clear();
        a.fields.erase(ApplyField::IdNumber);
        a.left[ApplyField::IdNumber] = false;
        if (ui.keyboard) ui.keyboard->detach();
    }
    formField(ui, ApplyField::IdNumber, width);
}

void drawContactStep(UiContext& ui, float width) {
    issueBanner(ui, WizardStep::Contact, width);
    for (ApplyField f : stepFields(ui.state.apply.draft, WizardStep::Contact)) formField(ui, f, width);
}

// The searches that look for what the citizen names among public documents, most specific
// first: a short phrase as typed, then its first three words, then two (a phrase such as
// 东山村土地征收补偿方案 is rarely a substring of any title, its words often are).
std::vector<std::string> suggestionQueries(const std::string& text, bool exact) {
    std::vector<std::string> queries;
    auto add = [&](const std::string& q) {
        if (utf8::countChars(q) >= 2 && std::find(queries.begin(), queries.end(), q) == queries.end())
            queries.push_back(q);
    };
    if (exact || utf8::countChars(text) <= 8) add(text);
    if (exact) return queries;
    std::vector<std::string> words;
    for (const std::string& w : search::segmentWords(text)) {
        const std::u32string chars = utf8::decode(w);
        if (chars.size() >= 2 && chars[0] > 0x7F) words.push_back(w);
    }
    for (size_t n : {size_t{3}, size_t{2}}) {
        if (words.size() < n) continue;
        std::string q;
        for (size_t i = 0; i < n; ++i) q += (i ? " " : "") + words[i];
        add(q);
    }
    if (words.size() == 1) add(words[0]);
    return queries;
}

// Documents that may already be public, from the catalogue, as the citizen names what they
// want (Art. 36 (1): information already public is pointed to, not applied for). The
// searches run on the search worker, one after the other until one finds documents.
void suggestions(UiContext& ui, float width) {
    ApplyState& a = ui.state.apply;
    const ApplicationDraft& d = a.draft;
    std::string text = d.infoTitle;
    bool exact = false;
    if (text.find_first_not_of(' ') == std::string::npos) {
        text = d.infoDocNo;
        exact = true;
    }
    if (text.find_first_not_of(' ') == std::string::npos) {
        std::u32string head = utf8::decode(d.infoDescription);
        if (head.size() > 30) head.resize(30);
        text = utf8::encode(head);
        exact = false;
    }
    auto ask = [&](size_t index) {
        a.suggestionTry = index;
        a.suggestionsAnswered = false;
        if (index >= a.suggestionQueries.size() || !ui.searcher) return;
        SearchQuery q;
        q.text = a.suggestionQueries[index];
        q.limit = 10;
        a.suggestionsRequested = "apply\x1f" + std::to_string(index) + "\x1f" + q.text;
        ui.searcher->request(q, a.suggestionsRequested);
    };
    bool anyDocument = false;
    for (const SearchHit& hit : a.suggestions) anyDocument = anyDocument || hit.kind == SearchHit::Kind::Document;
    if (text != a.suggestionsFor) {
        a.suggestionsFor = text;
        a.suggestionQueries = suggestionQueries(text, exact);
        a.suggestions.clear();
        a.suggestionsRequested.clear();
        ask(0);
    } else if (a.suggestionsAnswered && !anyDocument && a.suggestionTry + 1 < a.suggestionQueries.size()) {
        ask(a.suggestionTry + 1);
    }
    std::vector<const SearchHit*> docs;
    for (const SearchHit& hit : a.suggestions)
        if (hit.kind == SearchHit::Kind::Document && docs.size() < kSuggestions) docs.push_back(&hit);
    if (docs.empty()) return;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float pad = ui.px(24), rowH = ui.px(110);
    const float boxH = ui.px(130) + static_cast<float>(docs.size()) * (rowH + ui.px(12)) + pad;
    widgets::fillRect(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + width, pos.y + boxH), theme::kBannerWarn,
                      ui.px(theme::kRounding));
    widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + pad), ui.t("apply.maybe_public"), ui.fonts.heading, theme::kText);
    widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + ui.px(84)), ui.t("apply.maybe_public.hint"), ui.fonts.small,
                    theme::kTextSecondary);
    float y = pos.y + ui.px(130);
    for (const SearchHit* hit : docs) {
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
        bool pressed = false;
        const std::string title = ui.show(hit->title);
        if (widgets::card(ui, ("##maybe" + std::to_string(hit->id)).c_str(), title,
                          ImVec2(width - 2 * pad, rowH), pressed)) {
            Route route;
            route.kind = ScreenKind::Document;
            route.id = hit->id;
            ui.push(route);
        }
        const float inner = width - 4 * pad;
        widgets::textAt(ui, ImVec2(pos.x + 2 * pad, y + ui.px(12)),
                        widgets::clampLines(title, ui.fonts.body, inner, 1), ui.fonts.body, theme::kLink);
        std::string meta = hit->docNo.empty() ? "" : ui.show(hit->docNo) + "　";
        meta += ui.show(hit->agencyName) + "　" + hit->date;
        if (hit->validity != Validity::Valid) meta += "　" + validityLabel(ui, hit->validity);
        widgets::textAt(ui, ImVec2(pos.x + 2 * pad, y + ui.px(64)), meta, ui.fonts.small, theme::kTextSecondary);
        y += rowH + ui.px(12);
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + boxH + ui.px(28)));
    ImGui::Dummy(ImVec2(width, 0));
}

void drawInformationStep(UiContext& ui, float width) {
    issueBanner(ui, WizardStep::Information, width);
    widgets::paragraph(ui, ui.t("apply.info.lead"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(20)));
    formField(ui, ApplyField::InfoTitle, width);
    suggestions(ui, width);
    formField(ui, ApplyField::InfoDocNo, width);
    formField(ui, ApplyField::InfoDescription, width);
}

void drawDeliveryStep(UiContext& ui, float width) {
    ApplyState& a = ui.state.apply;
    ApplicationDraft& d = a.draft;
    issueBanner(ui, WizardStep::Delivery, width);
    sectionLabel(ui, ui.t("apply.delivery.form_question"));
    const ProvisionForm forms[] = {ProvisionForm::Paper, ProvisionForm::Electronic};
    if (int t = chipRow(ui, "##form", {ui.t(provisionFormKey(forms[0])), ui.t(provisionFormKey(forms[1]))},
                        d.formChosen ? static_cast<int>(d.form) : -1, width);
        t >= 0) {
        d.form = forms[t];
        d.formChosen = true;
        // Paper cannot be e-mailed: a way that no longer fits is chosen again.
        if (d.form == ProvisionForm::Paper && d.delivery == DeliveryMethod::Email) d.deliveryChosen = false;
    }
    sectionLabel(ui, ui.t("apply.delivery.way_question"));
    std::vector<DeliveryMethod> ways = {DeliveryMethod::Pickup, DeliveryMethod::Post};
    if (!d.formChosen || d.form == ProvisionForm::Electronic) ways.push_back(DeliveryMethod::Email);
    std::vector<std::string> labels;
    int selected = -1;
    for (size_t i = 0; i < ways.size(); ++i) {
        labels.push_back(ui.t(deliveryMethodKey(ways[i])));
        if (d.deliveryChosen && d.delivery == ways[i]) selected = static_cast<int>(i);
    }
    if (int t = chipRow(ui, "##way", labels, selected, width); t >= 0) {
        d.delivery = ways[t];
        d.deliveryChosen = true;
    }
    if (d.deliveryChosen && d.delivery == DeliveryMethod::Email) {
        const std::string email = d.email.empty() ? ui.t("apply.delivery.no_email") : d.email;
        widgets::paragraph(ui, ui.tf("apply.delivery.email_to", {{"email", email}}), ui.fonts.body, width,
                           d.email.empty() ? theme::kRepealed : theme::kTextSecondary, 0, 1.4f);
        ImGui::Dummy(ImVec2(1, ui.px(20)));
    }
    if (d.deliveryChosen && d.delivery == DeliveryMethod::Post) {
        widgets::paragraph(ui, ui.tf("apply.delivery.post_to", {{"address", d.address}}), ui.fonts.body, width,
                           theme::kTextSecondary, 0, 1.4f);
        ImGui::Dummy(ImVec2(1, ui.px(20)));
    }
    sectionLabel(ui, ui.t("apply.fee.question"));
    if (int t = chipRow(ui, "##fee", {ui.t("apply.fee.no"), ui.t("apply.fee.yes")}, d.feeReduction ? 1 : 0, width);
        t >= 0)
        d.feeReduction = t == 1;
    widgets::paragraph(ui, ui.t("apply.fee.rule"), ui.fonts.small, width, theme::kTextSecondary, 0, 1.5f);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    if (d.feeReduction) formField(ui, ApplyField::FeeNote, width);
}

// ---------------------------------------------------------------------------------------
// 4. The review page
// ---------------------------------------------------------------------------------------
struct ReviewRow {
    std::string label;  // shown
    std::string value;  // shown; empty → 未填写
};

// One section: a heading, its rows, and 修改 that goes to the step where it is edited.
void reviewSection(UiContext& ui, const char* titleKey, WizardStep step, const std::vector<ReviewRow>& rows,
                   float width) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float pad = ui.px(32), labelW = ui.tx(300), lineGap = ui.px(14);
    const float headH = ui.tx(110);
    // The values are what the citizen typed: the typed font has every character an input
    // method can give.
    ImFont* valueFont = ui.fonts.typedBody;
    float h = headH;
    for (const ReviewRow& r : rows)
        h += std::max(widgets::paragraphHeight(r.value.empty() ? "-" : r.value, valueFont, width - 2 * pad - labelW, 0,
                                               1.4f),
                      ui.fonts.body->FontSize * 1.4f) +
             lineGap;
    h += pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, pos, ImVec2(pos.x + width, pos.y + h), theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + ui.px(26)), ui.t(titleKey), ui.fonts.heading, theme::kText);
    const float bw = ui.px(200);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - bw - pad, pos.y + ui.px(12)));
    if (widgets::button(ui, (std::string("##edit-") + titleKey).c_str(), ui.t("apply.review.edit"),
                        ImVec2(bw, ui.px(theme::kTouchMin)), theme::kSurfacePressed, theme::kLink, ui.fonts.body)) {
        ApplyState& a = ui.state.apply;
        a.step = step;
        a.fromReview = true;
        a.showIssues = false;
    }
    float y = pos.y + headH;
    for (const ReviewRow& r : rows) {
        widgets::textAt(ui, ImVec2(pos.x + pad, y + ui.fonts.body->FontSize * 0.2f), r.label, ui.fonts.body,
                        theme::kTextSecondary);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad + labelW, y));
        y += std::max(widgets::paragraph(ui, r.value.empty() ? ui.t("apply.review.empty") : ui.show(r.value),
                                         valueFont, width - 2 * pad - labelW,
                                         r.value.empty() ? theme::kMuted : theme::kText, 0, 1.4f),
                      ui.fonts.body->FontSize * 1.4f) +
             lineGap;
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(24)));
    ImGui::Dummy(ImVec2(width, 0));
}

void drawReviewStep(UiContext& ui, float width) {
    ApplyState& a = ui.state.apply;
    ApplicationDraft& d = a.draft;
    issueBanner(ui, WizardStep::Review, width);
    widgets::paragraph(ui, ui.t("apply.review.lead"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(20)));
    auto label = [&](const char* key) { return ui.t(key); };
    std::vector<ReviewRow> applicant = {{label("apply.review.type"), ui.t(applicantTypeKey(d.applicantType))}};
    if (d.applicantType == ApplicantType::Citizen) {
        applicant.push_back({label("apply.field.name"), d.name});
        applicant.push_back({ui.t(idDocTypeKey(d.idType)), d.idNumber});
    } else {
        applicant.push_back({label("apply.field.org_name"), d.orgName});
        applicant.push_back({label("apply.field.credit_code"), d.creditCode});
        applicant.push_back({label("apply.field.contact_name"), d.contactName});
    }
    reviewSection(ui, "apply.step.applicant", WizardStep::Applicant, applicant, width);
    reviewSection(ui, "apply.step.contact", WizardStep::Contact,
                  {{label("apply.field.mobile"), d.mobile},
                   {label("apply.field.address"), d.address},
                   {label("apply.field.email"), d.email}},
                  width);
    reviewSection(ui, "apply.step.information", WizardStep::Information,
                  {{label("apply.field.info_title"), d.infoTitle},
                   {label("apply.field.info_doc_no"), d.infoDocNo},
                   {label("apply.field.info_description"), d.infoDescription}},
                  width);
    std::vector<ReviewRow> delivery = {
        {label("apply.review.form"), d.formChosen ? ui.t(provisionFormKey(d.form)) : ""},
        {label("apply.review.way"), d.deliveryChosen ? ui.t(deliveryMethodKey(d.delivery)) : ""},
        {label("apply.review.fee"), d.feeReduction ? ui.t("apply.fee.yes") + (d.feeNote.empty() ? "" : "：" + d.feeNote)
                                                   : ui.t("apply.fee.no")}};
    reviewSection(ui, "apply.step.delivery", WizardStep::Delivery, delivery, width);

    // When the reply is due if submitted now (Art. 31 and 33), and the fee rule (Art. 42).
    if (ui.calendar) {
        const ApplicationDeadlines due = applicationDeadlines(*ui.calendar, ui.today);
        std::string text = ui.tf("apply.review.due", {{"today", ui.today}, {"due", due.reply.date}});
        if (due.reply.provisional) text += ui.t("apply.provisional.note");
        widgets::paragraph(ui, text, ui.fonts.body, width, theme::kText, 0, 1.5f);
        ImGui::Dummy(ImVec2(1, ui.px(16)));
    }
    widgets::paragraph(ui, ui.t("apply.fee.rule"), ui.fonts.small, width, theme::kTextSecondary, 0, 1.5f);
    ImGui::Dummy(ImVec2(1, ui.px(28)));

    // The privacy notice and its consent: one large row to tick.
    widgets::text(ui, ui.t("apply.privacy.title"), ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    widgets::paragraph(ui, ui.tf("apply.privacy.body", {{"office", ui.intake ? ui.intake->office : std::string()}}),
                       ui.fonts.body, width, theme::kTextSecondary, 0, 1.5f);
    ImGui::Dummy(ImVec2(1, ui.px(16)));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = false;
    const std::string consent = ui.t("apply.privacy.consent");
    if (widgets::card(ui, "##consent", consent, ImVec2(width, ui.px(110)), pressed)) d.privacyConsent = !d.privacyConsent;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 box(pos.x + ui.px(32), pos.y + ui.px(27));
    const float bs = ui.px(56);
    widgets::fillRect(dl, box, ImVec2(box.x + bs, box.y + bs), d.privacyConsent ? theme::kPrimary : theme::kSurface,
                      ui.px(8));
    dl->AddRect(box, ImVec2(box.x + bs, box.y + bs), theme::kPrimary, ui.px(8), 0, ui.px(4));
    if (d.privacyConsent) checkMark(dl, ImVec2(box.x + ui.px(10), box.y + ui.px(10)), bs - ui.px(20), theme::kPrimaryText, ui.px(6));
    widgets::textAt(ui, ImVec2(box.x + bs + ui.px(28), pos.y + (ui.px(110) - ui.fonts.body->FontSize) * 0.5f), consent,
                    ui.fonts.body, theme::kText);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + ui.px(110) + ui.px(24)));
    if (!a.submitError.empty()) {
        widgets::paragraph(ui, ui.tf(a.submitError, {{"hotline", ui.state.home.meta.hotline}}), ui.fonts.body, width,
                           theme::kRepealed, 0, 1.4f);
    }
    ImGui::Dummy(ImVec2(width, ui.px(10)));
}

// ---------------------------------------------------------------------------------------
// 5. The screen
// ---------------------------------------------------------------------------------------
void drawUnavailable(UiContext& ui) {
    const float width = std::min(ui.px(kColumn), ui.display.x - ui.px(2 * theme::kMargin));
    ImGui::SetCursorScreenPos(ImVec2((ui.display.x - width) * 0.5f, contentOrigin(ui).y + ui.px(80)));
    ImGui::BeginGroup();
    widgets::paragraph(ui, ui.t("apply.unavailable.title"), ui.fonts.heading, width, theme::kText, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    widgets::paragraph(ui, ui.tf("apply.unavailable.body", {{"hotline", ui.state.home.meta.hotline}}), ui.fonts.body,
                       width, theme::kTextSecondary, 0, 1.5f);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    if (ui.intake)
        for (const std::string& problem : ui.intake->problems)
            widgets::paragraph(ui, "· " + ui.t(problem), ui.fonts.small, width, theme::kTextSecondary, 0, 1.5f);
    ImGui::EndGroup();
}

void bottomBar(UiContext& ui) {
    ApplyState& a = ui.state.apply;
    const float barTop = ui.display.y - ui.px(kBottomBar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, ImVec2(0, barTop), ui.display, theme::kSurface);
    dl->AddLine(ImVec2(0, barTop), ImVec2(ui.display.x, barTop), theme::kBorder, ui.px(2));
    const float margin = ui.px(theme::kMargin), bh = ui.px(theme::kTouchMin), bw = ui.px(420);
    const float y = barTop + (ui.px(kBottomBar) - bh) * 0.5f;
    if (a.step != WizardStep::Notice) {
        ImGui::SetCursorScreenPos(ImVec2(margin, y));
        if (widgets::button(ui, "##prev", "‹ " + ui.t(a.fromReview ? "apply.back_to_review" : "apply.prev"),
                            ImVec2(bw, bh), theme::kSurfacePressed, theme::kText, ui.fonts.heading))
            ui.back();
    }
    ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - bw, y));
    if (a.step == WizardStep::Review) {
        const bool ready = readyToSubmit(a.draft, ui.today);
        if (widgets::button(ui, "##submit", ui.t("apply.submit"), ImVec2(bw, bh), ready ? theme::kValid : theme::kMuted,
                            theme::kPrimaryText, ui.fonts.heading)) {
            if (ready) {
                ui.emit(Action{Action::Kind::SubmitApplication});
            } else {
                // The review page is long: what is missing goes in a box the citizen cannot miss.
                a.showIssues = true;
                Action show;
                show.kind = Action::Kind::ShowDialog;
                show.dialog.title = ui.strings.get("apply.not_ready");
                for (const StepIssue& issue : stepIssues(a.draft, WizardStep::Review, ui.today))
                    show.dialog.body += (show.dialog.body.empty() ? "" : "\n") + ui.strings.get(issue.key);
                ui.emit(show);
            }
        }
        return;
    }
    const char* nextKey = a.step == WizardStep::Notice ? "apply.start"
                          : a.fromReview             ? "apply.done_editing"
                                                     : "apply.next";
    if (widgets::button(ui, "##next", ui.t(nextKey) + (a.step == WizardStep::Notice ? "" : " ›"), ImVec2(bw, bh),
                        theme::kPrimary, theme::kPrimaryText, ui.fonts.heading)) {
        if (ui.keyboard) ui.keyboard->detach();
        if (stepReady(a.draft, a.step, ui.today)) {
            a.step = a.fromReview ? WizardStep::Review : nextStep(a.step);
            a.fromReview = false;
            a.showIssues = false;
        } else {
            a.showIssues = true;  // say what is missing, at the top of this page
            a.scrollToTop = true;
        }
    }
}

}  // namespace

void drawApplyScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("home.tile.apply"), true);
    if (!ui.intake || !ui.intake->ready()) {
        drawUnavailable(ui);
        return;
    }
    ApplyState& a = ui.state.apply;
    // A field the citizen moved away from is judged in full from now on.
    const TextField* focused = ui.keyboard ? ui.keyboard->field() : nullptr;
    if (a.lastFocused && a.lastFocused != focused) {
        for (auto& [f, field] : a.fields)
            if (&field == a.lastFocused) a.left[f] = true;
        if (!focused) a.lastFocused = nullptr;
    }
    stepHeader(ui, a.step);
    const float top = contentOrigin(ui).y + ui.px(kStepBarHeight);
    const float keyboardH = ui.keyboard ? ui.keyboard->height(ui) : 0;
    const float bottom = ui.display.y - std::max(keyboardH, ui.px(kBottomBar));
    const float width = std::min(ui.px(kColumn), ui.display.x - ui.px(2 * theme::kMargin));
    ImGui::SetCursorScreenPos(ImVec2(0, top));
    widgets::beginScroll(ui, ("apply-" + std::to_string(static_cast<int>(a.step))).c_str(),
                         ImVec2(ui.display.x, std::max(ui.px(120), bottom - top)));
    if (a.scrollToTop) {
        ImGui::SetScrollY(0);
        a.scrollToTop = false;
    }
    ImGui::SetCursorScreenPos(ImVec2((ui.display.x - width) * 0.5f, ImGui::GetCursorScreenPos().y + ui.px(36)));
    ImGui::BeginGroup();
    switch (a.step) {
    case WizardStep::Notice: drawNotice(ui, width); break;
    case WizardStep::ApplicantType: drawTypeStep(ui, width); break;
    case WizardStep::Applicant: drawApplicantStep(ui, width); break;
    case WizardStep::Contact: drawContactStep(ui, width); break;
    case WizardStep::Information: drawInformationStep(ui, width); break;
    case WizardStep::Delivery: drawDeliveryStep(ui, width); break;
    case WizardStep::Review: drawReviewStep(ui, width); break;
    }
    ImGui::Dummy(ImVec2(1, ui.px(60)));
    ImGui::EndGroup();
    widgets::endScroll(ui);
    if (keyboardH == 0) bottomBar(ui);
}

}  // namespace zwgk
