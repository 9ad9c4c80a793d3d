// Domain types shared by the store, the content loader, printing and the screens.
// Plain values, no behaviour beyond small helpers: the store fills them, screens read them.
// Keys are the stable string keys of the content source (see sync/CONTENT_FORMAT.md);
// ids are store row ids, valid only within one store file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zwgk {

enum class Validity { Valid, Expired, Repealed };  // 有效 / 失效 / 废止

// "有效", "失效", "废止"; the store and content files use these words.
const char* validityName(Validity v);
std::optional<Validity> parseValidity(const std::string& word);

struct ContentMeta {
    std::string contentId;   // which content set, e.g. "linlan-county"
    std::string county;      // 临澜县
    std::string city;        // 澜州市
    std::string publisher;   // office that publishes the content
    std::string zoneName;    // 临澜县政务公开专区, shown in the title bar
    int64_t version = 0;     // content version, only goes up
    std::string generated;   // YYYY-MM-DD the content set was produced
    std::string hotline;     // 12345 or a local number
    std::string website;     // county portal address
    std::string applicationOffice;  // receives 依申请公开 applications (政府信息公开工作机构)
    std::string officePublicKey;    // zwgk-seal-public:… key applications are sealed to
    std::string statusUrl;          // status lookup address, {code} replaced by the code
};

struct Agency {
    int64_t id = 0;          // store row id
    std::string key;         // content key
    std::string name;        // full name
    std::string shortName;   // for tiles and breadcrumbs
    std::string code;        // organisation part of the 索引号
    std::string kind;        // 政府办公室 / 政府工作部门 / 乡镇人民政府 / 其他
    std::string address;     // office address
    std::string phone;       // office phone
    int sort = 0;            // display order
};

// A topic (主题分类) or a standard-catalogue area (领域): both are simple named lists.
struct Category {
    int64_t id = 0;          // store row id
    std::string key;         // content key
    std::string name;        // display name
    int sort = 0;            // display order
};

struct Attachment {
    std::string name;        // caption, e.g. 一图读懂……
    std::string file;        // path inside the content source (images/x.png)
    int width = 0;           // image size in px, 0 when the store has no image for it
    int height = 0;
};

// One attachment's image as the store keeps it (Store::attachmentImage).
struct AttachmentImage {
    std::string name;        // caption
    std::string file;        // images/x.png
    int width = 0;           // px
    int height = 0;          // px
    std::string bytes;       // PNG or JPEG as it came with the content
};

struct DocumentSummary {
    int64_t id = 0;              // store row id
    std::string key;             // content key
    std::string title;           // full title
    std::string docNo;           // 文号, may be empty
    std::string agencyName;      // 发布机构 (short form for lists)
    std::string published;       // YYYY-MM-DD
    Validity validity = Validity::Valid;  // shown as a badge in lists
};

struct Document {
    int64_t id = 0;              // store row id
    std::string key;             // content key
    std::string indexNo;         // 索引号
    std::string docNo;           // 文号, may be empty
    std::string title;           // full title
    int64_t agencyId = 0;        // 发布机构 row id
    std::string agencyName;      // 发布机构 full name
    std::string topicName;       // 主题分类
    std::string areaName;        // 领域, may be empty
    std::string created;         // 生成日期
    std::string published;       // 发布日期
    std::string disclosure;      // 公开方式: 主动公开 / 依申请公开
    Validity validity = Validity::Valid;  // 有效 / 失效 / 废止
    std::string validNote;       // why and since when it is no longer valid
    std::string url;             // original address, for QR take-away
    std::vector<std::string> body;       // paragraphs
    std::vector<std::string> signature;  // closing lines: issuing office, date
    std::vector<Attachment> attachments; // images such as 一图读懂
    std::optional<int64_t> interpretsId;      // this is the 解读 of that document
    std::vector<int64_t> interpretationIds;   // documents that interpret this one
};

// 政务公开事项标准目录: one entry with its nine elements.
struct CatalogueEntry {
    int64_t id = 0;                    // store row id
    std::string key;                   // content key
    std::string areaName;              // 领域
    std::string itemL1;                // 公开事项 一级
    std::string itemL2;                // 公开事项 二级
    std::string content;               // 公开内容（要素）
    std::string basis;                 // 公开依据
    std::string timeLimit;             // 公开时限
    std::string subject;               // 公开主体
    std::vector<std::string> channels; // 公开渠道和载体
    std::string audience;              // 公开对象: 全社会 / 特定群体
    std::string method;                // 公开方式: 主动 / 依申请
    std::vector<std::string> levels;   // 公开层级: 县 / 乡 / 村
};

struct GuideGroup {
    int64_t id = 0;              // store row id
    std::string key;             // content key
    std::string name;            // 一件事 name, e.g. 新生儿出生一件事
    std::string description;     // one paragraph for citizens
    int guideCount = 0;          // guides in this group
};

struct GuideMaterial {
    std::string name;            // what to bring
    std::string form;            // 原件 / 复印件 / 原件及复印件
    int count = 1;               // how many copies
    std::string note;            // extra condition, may be empty
};

struct Guide {
    int64_t id = 0;                      // store row id
    std::string key;                     // content key
    std::string groupName;               // 一件事 group
    std::string name;                    // the service item
    std::string department;              // responsible department (full name)
    std::string window;                  // window and place in the hall
    std::vector<GuideMaterial> materials;  // checklist
    std::vector<std::string> steps;      // procedure
    std::string statutoryLimit;          // 法定时限
    std::string promisedLimit;           // 承诺时限
    std::string fee;                     // 收费标准
    std::vector<std::string> basis;      // 设定依据
    std::string hours;                   // opening hours
    std::string hotline;                 // 咨询电话
    std::string online;                  // online service address
};

struct QA {
    int64_t id = 0;                  // store row id
    std::string key;                 // content key
    std::string topicName;           // topic it belongs to
    std::string question;            // the question as citizens ask it
    std::vector<std::string> answer; // paragraphs
    std::string source;              // answering office
    std::string date;                // YYYY-MM-DD
    std::string url;                 // original address
};

struct GazetteIssue {
    int64_t id = 0;                  // store row id
    std::string key;                 // content key
    int year = 0;                    // 年
    int issue = 0;                   // 期
    std::string title;               // 临澜县人民政府公报 2025年第1期
    std::string published;           // YYYY-MM-DD
    std::vector<DocumentSummary> contents;  // documents in this issue
};

struct Announcement {
    int64_t id = 0;                  // store row id
    std::string key;                 // content key
    std::string title;               // headline
    std::vector<std::string> body;   // paragraphs
    std::string kind;                // 通知 / 开放日 / 提示
    std::string starts;              // first day shown
    std::string ends;                // last day shown
};

struct VillageItem {
    int64_t id = 0;                  // store row id
    std::string key;                 // content key
    std::string kind;                // 村务公开 / 财务公开 / 惠农补贴 / 征地补偿 / 低保名单公示 / 其他
    std::string title;               // headline
    std::string summary;             // one or two sentences
    std::string date;                // YYYY-MM-DD
    std::string url;                 // address for the QR code, may be empty
};

struct Village {
    int64_t id = 0;                  // store row id
    std::string key;                 // content key
    std::string name;                // 东山村
    int itemCount = 0;               // published items
};

struct Township {
    int64_t id = 0;                  // store row id
    std::string key;                 // content key
    std::string name;                // 城关镇
    int villageCount = 0;            // villages listed
};

// Where one 依申请公开 application stands, as the central office last published it. Keyed by
// the tracking code on the applicant's printed receipt and free of personal data, because
// anyone who types the code at a terminal sees it.
struct ApplicationStatus {
    std::string code;                // tracking code as published, e.g. LL01-7KX4-M9Q2
    std::string status;              // 已受理 / 需补正 / 已延期 / 已答复 / 已办结 / 不予受理
    std::string received;            // YYYY-MM-DD the office received the application
    std::string due;                 // YYYY-MM-DD statutory reply deadline
    std::string extendedDue;         // YYYY-MM-DD deadline after an extension, empty if none
    std::string updated;             // YYYY-MM-DD the status last changed
    std::string note;                // short public note, may be empty
};

// One day of the official calendar that differs from the weekend rule.
struct CalendarException {
    std::string date;                // YYYY-MM-DD
    bool working = false;            // true: a weekend day worked (调休); false: a holiday
    std::string holiday;             // 春节, 国庆节 …
};

// A node in one of the catalogue browse lists, with the number of documents under it.
struct CountedNode {
    int64_t id = 0;                  // row id of the agency / topic / area, or the year
    std::string name;                // display name
    int count = 0;                   // documents under this node
};

// Which documents a list shows. Unset fields do not filter.
struct DocumentFilter {
    std::optional<int64_t> agencyId;  // 发布机构
    std::optional<int64_t> topicId;   // 主题分类
    std::optional<int64_t> areaId;    // 领域
    std::optional<int> year;          // year of the 发布日期
};

// What a citizen searched for (Store::search). Filters apply to documents only: when any
// is set, guides and Q&A are left out, because they carry no agency, topic, area or year.
struct SearchQuery {
    std::string text;                 // as typed: characters, 文号, pinyin or initials
    std::optional<int64_t> agencyId;  // 发布机构
    std::optional<int64_t> topicId;   // 主题分类
    std::optional<int64_t> areaId;    // 领域
    std::optional<int> year;          // year of the 发布日期
    std::optional<Validity> validity; // 有效 / 失效 / 废止; unset: all, expired ones marked
    int limit = 50;                   // hits wanted
    int offset = 0;                   // hits skipped (paging)
};

// One search result: a document, a service guide or a Q&A.
struct SearchHit {
    enum class Kind { Document, Guide, QA };
    Kind kind = Kind::Document;       // which table id refers to
    int64_t id = 0;                   // store row id in that table
    std::string title;                // document title, guide name or question
    std::string docNo;                // 文号 (documents only, may be empty)
    std::string agencyName;           // 发布机构 short name / department / answering office
    std::string date;                 // YYYY-MM-DD published (empty for guides)
    Validity validity = Validity::Valid;  // documents: shown as a badge when not valid
    std::string snippet;              // UTF-8 excerpt of the original text around a match
    std::vector<std::pair<size_t, size_t>> highlights;  // [begin, end) byte ranges in snippet
    double rank = 0;                  // lower is better; the order search() returned
};

}  // namespace zwgk
