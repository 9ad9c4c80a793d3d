// App: printing on the hall's A4 printer (documents, guide checklists, village posters) and
// staff mode (the PIN pad, the print queue). The print dialog's phases are in app_state.h;
// the functions here perform its transitions.

#include "app.h"
#include "event_log.h"
#include "staff_access.h"

namespace zwgk {

void App::loadPrintSetup() {
    printSetup_ = HallPrintSetup{};
    printSetup_.zoneName = state_.home.meta.zoneName;
    printSetup_.server = store_->effectiveSetting("printer.server").value_or("");
    printSetup_.queue = store_->effectiveSetting("printer.a4").value_or("");
    printPolicy_ = printPolicyFor(state_.profile, store_->effectiveSetting("print.citizen_pages"));
    if (!printPolicy_.problem.empty()) logs::warn("print.policy", {{"detail", printPolicy_.problem}});
}

HallPrintSetup App::printSetup() const {
    HallPrintSetup setup = printSetup_;
    setup.printedAt = submissionTimeNow(options_.today).display;
    return setup;
}

// Any print button → Preparing: the item is read now and laid out on the printer's thread.
void App::startHallPrint(const Action& action) {
    if (!store_ || state_.print) return;
    PrintDialogState dialog;
    dialog.byStaff = state_.staff.active;
    const HallPrintSetup setup = printSetup();
    if (action.kind == Action::Kind::PrintDocument) {
        const auto doc = store_->document(action.target);
        if (!doc) return;
        dialog.label = doc->title;
        dialog.usageKind = "document";
        hallPrinter_->prepareDocument(*doc, setup);
    } else if (action.kind == Action::Kind::PrintTestPage) {
        // Staff check the A4 printer with a page laid out like a document: header box, body
        // text, footer and QR code all show whether the printer and its fonts work.
        Document page;
        page.title = "打印测试页";
        page.indexNo = "测试页";
        page.agencyName = setup.zoneName;
        page.published = today_;
        page.created = today_;
        page.disclosure = "主动公开";
        // What a phone shows when the code scans: ASCII, which every scanner decodes alike.
        page.url = "zwgk-test-page " + setup.queue + " " + setup.printedAt;
        page.body = {"本页用于检查本终端的 A4 打印机。打印机：" + setup.queue + "，打印时间：" + setup.printedAt + "。",
                     "如果本页文字清晰、没有缺字或空白方框，页眉信息框和页脚完整，右上角二维码能用手机扫描，"
                     "说明打印机和字体工作正常。",
                     "中文示例：政府信息公开专区为群众提供政府信息查询、办事指南、政策问答和依申请公开服务。"
                     "数字示例：0123456789，2026年12月1日，百分之百。"};
        dialog.label = page.title;
        dialog.usageKind = "test";
        hallPrinter_->prepareDocument(page, setup);
    } else if (action.kind == Action::Kind::PrintGuide) {
        const auto guide = store_->guide(action.target);
        if (!guide) return;
        dialog.label = guide->name;
        dialog.usageKind = "guide";
        hallPrinter_->prepareChecklist(*guide, setup);
    } else {
        // A poster: the village (action.target) with every item published for it.
        Township township;
        Village village;
        for (const Township& t : store_->townships())
            for (const Village& v : store_->villages(t.id))
                if (v.id == action.target) {
                    township = t;
                    village = v;
                }
        if (village.id == 0) return;
        dialog.label = village.name;
        dialog.usageKind = "poster";
        hallPrinter_->preparePoster(a4PosterFor(township, village, store_->villageItems(village.id), today_, setup));
    }
    state_.print = dialog;
}

// Preparing → Confirm or Refused, once the layout is done.
void App::updateHallPrint() {
    // A job that failed or was cancelled gives its pages back to the citizen's allowance.
    auto& charged = state_.session.charged;
    for (auto it = charged.begin(); it != charged.end();) {
        const auto job = hallPrinter_->job(it->first);
        if (job && !job->finished()) {
            ++it;
            continue;
        }
        if (job && job->state != JobState::Completed) state_.session.printedPages -= it->second;
        it = charged.erase(it);
    }
    if (!state_.print || state_.print->phase != PrintPhase::Preparing) return;
    auto prepared = hallPrinter_->poll();
    if (!prepared) return;
    PrintDialogState& d = *state_.print;
    d.pages = prepared->pdf.pages;
    settleFrames_ = std::max(settleFrames_, 3);
    if (!prepared->error.empty()) {
        d.phase = PrintPhase::Refused;
        // The layout's own message says it best for a document over the length limit.
        d.reasonKey = prepared->error.find("超过单次打印上限") != std::string::npos ? "print.refused.too_long"
                                                                                    : "print.refused.layout";
        d.reasonDetail = prepared->error.substr(0, prepared->error.find(" ("));
        logs::warn("print.layout_refused", {{"kind", d.usageKind}, {"detail", prepared->error}});
        return;
    }
    const PrintCheck check = checkPrint(printPolicy_, d.byStaff, state_.session.printedPages, d.pages);
    d.pagesLeft = check.pagesLeft;
    if (printSetup_.queue.empty()) {
        d.phase = PrintPhase::Refused;
        d.reasonKey = "print.refused.no_printer";
    } else if (check.verdict == PrintVerdict::CitizensMayNotPrint) {
        d.phase = PrintPhase::Refused;
        d.reasonKey = "print.refused.citizens";
    } else if (check.verdict == PrintVerdict::OverSessionLimit) {
        d.phase = PrintPhase::Refused;
        d.reasonKey = check.pagesLeft == 0 ? "print.refused.used_up" : "print.refused.over_allowance";
    } else if (check.verdict == PrintVerdict::TooLong) {
        d.phase = PrintPhase::Refused;
        d.reasonKey = "print.refused.too_long";
    } else {
        d.phase = PrintPhase::Confirm;
        pendingPrint_ = std::move(*prepared);
    }
}

void App::applyPrintAction(const Action& action) {
    switch (action.kind) {
    case Action::Kind::PrintDocument:
    case Action::Kind::PrintGuide:
    case Action::Kind::PrintPoster:
    case Action::Kind::PrintTestPage: startHallPrint(action); break;
    case Action::Kind::ConfirmPrint: {
        // Confirm → Printing: the pages leave the citizen's allowance now (given back if
        // the job fails or is cancelled, App::updateHallPrint).
        if (!state_.print || state_.print->phase != PrintPhase::Confirm || !pendingPrint_) break;
        PrintDialogState& d = *state_.print;
        d.jobId = hallPrinter_->submit(std::move(*pendingPrint_), printSetup(), d.byStaff);
        pendingPrint_.reset();
        if (d.jobId == 0) {
            d.phase = PrintPhase::Refused;
            d.reasonKey = "print.refused.no_printer";
            break;
        }
        d.phase = PrintPhase::Printing;
        countPrint(d.usageKind, d.jobId, d.pages, /*receipt=*/false);
        if (!d.byStaff) {
            state_.session.printedPages += d.pages;
            state_.session.charged[d.jobId] = d.pages;
        }
        break;
    }
    case Action::Kind::CancelPrint:
        if (state_.print && state_.print->jobId) hallPrinter_->cancel(state_.print->jobId);
        if (state_.print && state_.print->phase != PrintPhase::Printing) {
            pendingPrint_.reset();
            state_.print.reset();
        }
        break;
    case Action::Kind::RetryPrint: {
        // A retry is charged again (the failed attempt was given back), within the allowance.
        if (!state_.print || !state_.print->jobId) break;
        PrintDialogState& d = *state_.print;
        if (!d.byStaff && checkPrint(printPolicy_, false, state_.session.printedPages, d.pages).verdict !=
                              PrintVerdict::Allowed)
            break;
        if (hallPrinter_->retry(d.jobId) && !d.byStaff) {
            state_.session.printedPages += d.pages;
            state_.session.charged[d.jobId] = d.pages;
        }
        break;
    }
    case Action::Kind::ClosePrint:
        // A job keeps printing after the dialog closes; staff see it in the queue.
        pendingPrint_.reset();
        state_.print.reset();
        break;
    case Action::Kind::OpenStaffLogin: {
        if (state_.staff.active) {
            Route home;
            home.kind = ScreenKind::StaffHome;
            push(home);
            break;
        }
        keyboard_->detach();
        state_.staff.pin.clear();
        state_.staff.messageKey.clear();
        if (store_) state_.staff.lockedSeconds = StaffAccess(*store_).lockedFor(unixSecondsNow());
        Route login;
        login.kind = ScreenKind::StaffLogin;
        push(login);
        break;
    }
    case Action::Kind::StaffPinKey: pressStaffPinKey(action.text); break;
    case Action::Kind::LeaveStaffMode: leaveStaffMode(); break;
    case Action::Kind::CancelJob:
        if (action.receiptJob)
            printer_->cancel(static_cast<int>(action.target));
        else
            hallPrinter_->cancel(static_cast<int>(action.target));
        break;
    case Action::Kind::RetryJob: hallPrinter_->retry(static_cast<int>(action.target)); break;
    default: break;
    }
}

// The PIN pad: digits collect, "back" removes one, "enter" checks (argon2id, about 0.1 s).
void App::pressStaffPinKey(const std::string& key) {
    StaffState& staff = state_.staff;
    if (!store_) return;
    if (key == "back") {
        if (!staff.pin.empty()) staff.pin.pop_back();
        return;
    }
    if (key != "enter") {
        if (key.size() == 1 && key[0] >= '0' && key[0] <= '9' && staff.pin.size() < kStaffPinMaxDigits) staff.pin += key;
        staff.messageKey.clear();
        return;
    }
    if (staff.active && staff.pinChange > 0) {
        pressNewPinKey();
        return;
    }
    PinAttempt attempt;
    try {
        attempt = StaffAccess(*store_).verify(staff.pin, unixSecondsNow());
    } catch (const std::exception& e) {
        // The store refused the counter (disk full, read-only): no entry without counting.
        logs::error("staff.pin_unchecked", {{"detail", e.what()}});
        attempt.check = PinCheck::Unusable;
    }
    staff.pin.assign(staff.pin.size(), '\0');
    staff.pin.clear();
    staff.failures = attempt.failures;
    staff.lockedSeconds = attempt.lockedSeconds;
    switch (attempt.check) {
    case PinCheck::Accepted: {
        staff.active = true;
        staff.messageKey.clear();
        loadStaffSettingsView();
        logs::info("staff.opened");
        replaceTop(ScreenKind::StaffHome);
        break;
    }
    case PinCheck::Wrong:
        staff.messageKey = attempt.lockedSeconds > 0 ? "staff.pin.locked" : "staff.pin.wrong";
        logs::warn("staff.pin_wrong", {{"in_a_row", attempt.failures}});
        break;
    case PinCheck::LockedOut: staff.messageKey = "staff.pin.locked"; break;
    case PinCheck::NoPinSet: staff.messageKey = "staff.pin.not_set"; break;
    case PinCheck::Malformed: staff.messageKey = "staff.pin.malformed"; break;
    case PinCheck::Unusable: staff.messageKey = "staff.pin.unusable"; break;
    }
}

void App::leaveStaffMode() {
    if (!state_.staff.active && state_.top().kind != ScreenKind::StaffLogin) return;
    state_.staff = StaffState{};
    logs::info("staff.closed");
    // Straight home: no staff screen stays reachable with 返回.
    apply(Action{Action::Kind::Home});
}

}  // namespace zwgk
