// Helpers for the office tests: temporary folders under build/, terminals that take real
// applications (demo content, the terminal's own submitApplication, sealed to the demo office
// key) and export them as terminals do, and an independent RFC 4180 reader.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../store/test_support.h"
#include "content_source.h"
#include "outbox.h"
#include "sealing.h"
#include "submission.h"

namespace zwgk::test {

// A fresh folder under build/office-test-tmp/, removed with everything in it at the end.
class BuildTempDir {
public:
    BuildTempDir() {
        const fs::path parent = buildDir() / "office-test-tmp";
        fs::create_directories(parent);
        std::string pattern = (parent / "t-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed under " + parent.string());
        path_ = pattern;
    }
    ~BuildTempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    BuildTempDir(const BuildTempDir&) = delete;
    BuildTempDir& operator=(const BuildTempDir&) = delete;

    const fs::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    fs::path path_;
};

inline std::string demoSecretKeyText() { return readBytes(sourceDir() / "assets/demo-keys/office-demo.key"); }
inline std::string demoPublicKey() { return *decodePublicKey(readBytes(sourceDir() / "assets/demo-keys/office-demo.pub")); }

// Terminals of the demo county taking applications with the terminal's own code path.
class DemoTerminals {
public:
    explicit DemoTerminals(const fs::path& dir) : db_((dir / "terminal.db").string()) {
        store_ = Store::open(db_, Store::Mode::Create);
        store_->importContent(loadContentSource(demoContentDir()));  // office_public_key: the demo key
        calendar_ = loadWorkingCalendar(*store_);
        outbox_ = Outbox::open(Outbox::pathForStore(db_));
    }

    // Submits DRAFT at terminal TERMINALID on TODAY at CLOCK (HH:MM:SS, +08:00).
    OutboxEntry submit(const std::string& terminalId, const std::string& location, const ApplicationDraft& draft,
                       const std::string& today, const std::string& clock) {
        store_->setSetting("terminal.id", terminalId);
        store_->setSetting("terminal.location", location);
        const IntakeConfig config = loadIntakeConfig(*store_);
        if (!config.ready()) throw std::runtime_error("demo terminal not ready: " + config.problems.front());
        return submitApplication(*outbox_, draft, config, calendar_,
                                 SubmissionTime{today, today + "T" + clock + "+08:00", today + " " + clock.substr(0, 5)})
            .entry;
    }

private:
    std::string db_;
    std::unique_ptr<Store> store_;
    WorkingCalendar calendar_;
    std::unique_ptr<Outbox> outbox_;
};

// ROOT/<terminal>/<id>.sealed, as a terminal uploads or exports it.
inline fs::path exportSealed(const fs::path& root, const std::string& terminalId, const OutboxEntry& e) {
    fs::create_directories(root / terminalId);
    const fs::path file = root / terminalId / (e.id + ".sealed");
    writeBytes(file, e.sealed);
    return file;
}

inline ApplicationDraft citizenDraft(const std::string& name, const std::string& idNumber, const std::string& title) {
    ApplicationDraft d;
    d.typeChosen = true;
    d.name = name;
    d.idNumber = idNumber;
    d.mobile = "13812345678";
    d.address = "临澜县城关镇东山村12号";
    d.infoTitle = title;
    d.formChosen = d.deliveryChosen = d.privacyConsent = true;
    return d;
}

inline ApplicationDraft organisationDraft() {
    ApplicationDraft d;
    d.typeChosen = true;
    d.applicantType = ApplicantType::Organisation;
    d.orgName = "临澜县东山农业专业合作社";
    d.creditCode = "914403001922038216";  // a real, published code: all digits
    d.contactName = "李红";
    d.mobile = "13912345678";
    d.address = "临澜县柳湾乡柳湾村3组";
    d.email = "coop@example.cn";
    d.infoDocNo = "临政办发〔2021〕9号";
    d.infoDescription = "关于\"合作社补贴\"的文件,含附件";
    d.formChosen = d.deliveryChosen = d.privacyConsent = true;
    d.form = ProvisionForm::Electronic;
    d.delivery = DeliveryMethod::Email;
    d.feeReduction = true;
    d.feeNote = "合作社经营困难";
    return d;
}

// RFC 4180, written independently of the library's reader: rows of cells.
inline std::vector<std::vector<std::string>> parseCsvText(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(cell);
            cell.clear();
            rows.push_back(row);
            row.clear();
            ++i;
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !row.empty()) {
        row.push_back(cell);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace zwgk::test
