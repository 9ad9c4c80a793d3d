// A content source directory (sync/CONTENT_FORMAT.md) read into memory and validated.
// Records refer to each other by their string keys, never by store row ids, because the same
// set is packed into bundles and imported into many stores. Store::importContent turns a
// ContentSet into rows.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain.h"

namespace zwgk {

// A content source violates the format. The message is one line naming the file, the record
// key and the field, e.g. "documents/2024.json: doc-2024-0003: unknown agency 'xyz'".
class ContentError : public std::runtime_error {
public:
    ContentError(const std::string& file, const std::string& key, const std::string& field,
                 const std::string& problem);
    const std::string& file() const { return file_; }
    const std::string& key() const { return key_; }
    const std::string& field() const { return field_; }

private:
    std::string file_;   // file inside the source directory, e.g. documents/2024.json
    std::string key_;    // record key, or "#N" (1-based) when the record has no usable key
    std::string field_;  // JSON field name, empty when the whole record or file is at fault
};

struct DocumentRecord {
    std::string file;                  // source file, for error messages (documents/2024.json)
    std::string key;                   // content key
    std::string indexNo;               // 索引号, unique in the set
    std::string docNo;                 // 文号, may be empty
    std::string title;                 // full title
    std::string agency;                // agency key (发布机构)
    std::string topic;                 // topic key (主题分类)
    std::string area;                  // area key (领域), may be empty
    std::string created;               // 生成日期 YYYY-MM-DD
    std::string published;             // 发布日期 YYYY-MM-DD
    std::string disclosure;            // 主动公开 / 依申请公开
    Validity validity = Validity::Valid;  // 有效 / 失效 / 废止
    std::string validNote;             // why and since when it is no longer valid
    std::string url;                   // original address, may be empty
    std::vector<std::string> body;     // paragraphs, at least one
    std::vector<std::string> signature;   // closing lines, may be empty
    std::vector<Attachment> attachments;  // images, may be empty
    std::string interprets;            // key of the document this one interprets, may be empty
};

struct CatalogueRecord {
    std::string key;                   // content key
    std::string area;                  // area key (领域)
    std::string itemL1;                // 公开事项 一级
    std::string itemL2;                // 公开事项 二级
    std::string content;               // 公开内容（要素）
    std::string basis;                 // 公开依据
    std::string timeLimit;             // 公开时限
    std::string subject;               // 公开主体
    std::vector<std::string> channels; // 公开渠道和载体, at least one
    std::string audience;              // 全社会 / 特定群体
    std::string method;                // 主动 / 依申请
    std::vector<std::string> levels;   // subset of 县 / 乡 / 村, at least one
    int sort = 0;                      // display order within the area
};

struct GuideGroupRecord {
    std::string key;                   // content key
    std::string name;                  // 一件事 name
    std::string description;           // one paragraph, may be empty
    int sort = 0;                      // display order
};

struct GuideRecord {
    std::string key;                   // content key
    std::string group;                 // guide group key
    std::string name;                  // the service item
    std::string department;            // agency key of the responsible department
    std::string window;                // window and place in the hall
    std::vector<GuideMaterial> materials;  // checklist, may be empty (nothing to bring)
    std::vector<std::string> steps;    // procedure, at least one
    std::string statutoryLimit;        // 法定时限
    std::string promisedLimit;         // 承诺时限
    std::string fee;                   // 收费标准
    std::vector<std::string> basis;    // 设定依据
    std::string hours;                 // opening hours
    std::string hotline;               // 咨询电话
    std::string online;                // online service address
    int sort = 0;                      // display order within the group
};

struct QARecord {
    std::string key;                   // content key
    std::string topic;                 // topic key
    std::string question;              // as citizens ask it
    std::vector<std::string> answer;   // paragraphs, at least one
    std::string source;                // answering office
    std::string date;                  // YYYY-MM-DD, may be empty
    std::string url;                   // original address, may be empty
};

struct GazetteRecord {
    std::string key;                   // content key
    int year = 0;                      // 年
    int issue = 0;                     // 期
    std::string title;                 // 临澜县人民政府公报 2025年第1期
    std::string published;             // YYYY-MM-DD
    std::vector<std::string> contents; // document keys, in issue order
};

struct AnnouncementRecord {
    std::string key;                   // content key
    std::string title;                 // headline
    std::vector<std::string> body;     // paragraphs
    std::string kind;                  // 通知 / 开放日 / 提示
    std::string starts;                // first day shown
    std::string ends;                  // last day shown, not before starts
    int sort = 0;                      // display order
};

struct VillageItemRecord {
    std::string key;                   // content key, unique over all villages
    std::string kind;                  // 村务公开 / 财务公开 / 惠农补贴 / 征地补偿 / 低保名单公示 / 其他
    std::string title;                 // headline
    std::string summary;               // one or two sentences
    std::string date;                  // YYYY-MM-DD
    std::string url;                   // address for the QR code, may be empty
};

struct VillageRecord {
    std::string key;                   // content key, unique over all townships
    std::string name;                  // 东山村
    std::vector<VillageItemRecord> items;  // in file order
};

struct TownshipRecord {
    std::string key;                   // content key
    std::string name;                  // 城关镇
    std::string agency;                // agency key of the township government, may be empty
    std::vector<VillageRecord> villages;  // in file order
};

struct HolidayRecord {
    std::string name;                  // 春节
    std::vector<std::string> daysOff;  // dates not worked
    std::vector<std::string> workdays; // weekend dates worked (调休)
};

struct CalendarYearRecord {
    int year = 0;                      // the year the notice arranges
    std::string source;                // the State Council notice
    std::vector<HolidayRecord> holidays;  // in notice order
};

// One image of the content (images/NAME.png or .jpg), the file of a document's attachment
// (一图读懂). Checked when read: a real PNG or JPEG within kiosk/core/image_decode.h's limits.
struct ContentImage {
    std::string file;   // path inside the source, e.g. images/dibao-2025.png
    std::string bytes;  // the file as it is
    int width = 0;      // px
    int height = 0;     // px
};

// Everything in one content source. Agencies, topics and areas reuse the domain types with
// their ids left at 0.
struct ContentSet {
    ContentMeta meta;                          // meta.json
    std::vector<Agency> agencies;              // agencies.json
    std::vector<Category> topics;              // topics.json
    std::vector<Category> areas;               // areas.json
    std::vector<DocumentRecord> documents;     // documents/*.json, files in name order
    std::vector<CatalogueRecord> catalogue;    // catalogue.json
    std::vector<GuideGroupRecord> guideGroups; // guides.json "groups"
    std::vector<GuideRecord> guides;           // guides.json "guides"
    std::vector<QARecord> qas;                 // qa.json
    std::vector<GazetteRecord> gazette;        // gazette.json
    std::vector<AnnouncementRecord> announcements;  // announcements.json
    std::vector<TownshipRecord> townships;     // villages.json
    std::vector<CalendarYearRecord> calendar;  // calendar.json
    std::string statusesUpdated;               // statuses.json "updated", empty without the file
    std::vector<ApplicationStatus> statuses;   // statuses.json "statuses", in file order
    std::vector<std::pair<std::string, std::string>> terminalConfig;  // config.json, in file order
    std::vector<ContentImage> images;          // images/*.png|jpg, checked, in file order
};

// config.json: the terminal configuration that arrives with the signed content. A terminal's
// own setting of the same key (Store::setSetting, staff mode) overrides it.
inline constexpr const char* kTerminalConfigKeys[] = {
    "sync.url",          // where bundles are published (kiosk-sync publish web root)
    "sync.interval",     // minutes between online rounds (default 30)
    "intake.url",        // WebDAV folder applications and heartbeats are PUT to
    "idle.seconds",      // privacy reset after this many idle seconds
    "zone.profile",      // hall or library: home screen, idle time, citizens' printing
    "printer.receipt",   // CUPS queue of the 80 mm receipt printer
    "printer.a4",        // CUPS queue of the staff A4 printer
    "printer.server",    // CUPS server, empty: the system default
    "office.public_key", // applications are sealed to it (overrides meta.json's)
};
bool isTerminalConfigKey(const std::string& key);

// The role of a file inside a content source (and inside a bundle), by its path.
enum class ContentFileRole {
    Meta, Agencies, Topics, Areas, Documents, Catalogue, Guides, Qa, Gazette, Announcements,
    Villages, Calendar, Statuses, Config, Image, Unknown
};
ContentFileRole contentFileRole(const std::string& name);
// An image file name as attachments and bundles use it: images/NAME.png, .jpg or .jpeg, NAME
// of a-z, 0-9, '-', '_' and '.' (no "..", no further folders). Role Image.
bool isContentImagePath(const std::string& name);

// Parses BYTES as the source file NAME (meta.json, documents/2024.json …) and adds its
// records to SET (documents are appended, every other file replaces its part). Checks the
// records of the file, not the references between files. ContentError on any problem.
void readContentFile(const std::string& name, std::string_view bytes, ContentSet& set);

// The files of the source directory DIR in load order (meta, agencies, topics, areas,
// documents/*.json by name, then the rest), as paths relative to DIR. ContentError when DIR
// is not a source or a required file is missing.
std::vector<std::string> contentSourceFiles(const std::string& dir);
std::string readContentSourceFile(const std::string& dir, const std::string& name);

// Reads DIR (meta.json, agencies.json, topics.json and areas.json are required; the other
// files may be absent and then contribute nothing), checks every record, and returns the set.
// Throws ContentError on the first problem.
ContentSet loadContentSource(const std::string& dir);

// The cross-record rules (unique keys, references resolve, dates, enumerations) on a set that
// may have been built in code. loadContentSource runs it; Store::importContent runs it too.
void validateContentSet(const ContentSet& set);
// The same for a set that holds only some of the documents (a bundle applied in batches, a
// delta): a reference to a document that is not in SET is accepted when DOCUMENTKNOWN says so.
void validateContentSet(const ContentSet& set, const std::function<bool(const std::string&)>& documentKnown);

// The attachments of a complete set against its images: every attachment's file is one of
// SET.images, else ContentError naming the document. (An image no document attaches is
// allowed, e.g. while a document is withdrawn; the store does not keep it.)
// loadContentSource, packBundle and Store::importContent run it; a delta, which carries only
// the images that changed, is checked by the store against what it holds.
void validateImageReferences(const ContentSet& set);

// True when TEXT is a real calendar date written YYYY-MM-DD.
bool isIsoDate(const std::string& text);

// The personal-data guard on published status notes: what TEXT appears to contain, e.g.
// "a mobile phone number", or empty when nothing was found. A cheap check against slips
// (a mobile number or an ID number pasted into a note), not a guarantee.
std::string personalDataIn(const std::string& text);

// The statuses.json rules of the loader on statuses built elsewhere (the office's status
// table, sync/office_tools.h): UPDATED is the file's top-level "updated". Throws ContentError
// naming statuses.json, the code and the field, exactly as loadContentSource would.
void validateStatuses(const std::string& updated, const std::vector<ApplicationStatus>& statuses);

// Every string of the set that a screen may show, in a stable order (for the glyph set and
// content checks).
void forEachText(const ContentSet& set, const std::function<void(const std::string&)>& visit);

}  // namespace zwgk
