#include "content_source.h"
#include "sealing.h"
#include "tracking_code.h"

#include "civil_date.h"
#include "image_decode.h"
#include "utf8.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace zwgk {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string composeMessage(const std::string& file, const std::string& key,
                           const std::string& problem) {
    std::string message = file.empty() ? std::string("content") : file;
    if (!key.empty()) message += ": " + key;
    message += ": " + problem;
    return message;
}

const char* jsonTypeName(const json& value) {
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return "a fraction";
    default: return "a number";
    }
}

bool isValidKey(const std::string& key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// Reads the fields of one JSON object and reports problems with file, key and field.
class RecordReader {
public:
    RecordReader(const std::string& file, const json& object, size_t position,
                 bool keyed = true)
        : file_(file), object_(object) {
        label_.append("#").append(std::to_string(position + 1));  // not "#" + …: GCC 12 -Wrestrict
        if (!object_.is_object())
            fail("", std::string("expected a JSON object, found ") + jsonTypeName(object_));
        if (keyed) {
            const json* key = find("key");
            if (!key) fail("key", "missing required field 'key'");
            if (!key->is_string() || !isValidKey(key->get<std::string>()))
                fail("key", "field 'key' must be a string of a-z, 0-9 and '-', found " +
                                key->dump());
            key_ = key->get<std::string>();
            label_ = key_;
        }
    }

    const std::string& key() const { return key_; }
    const std::string& label() const { return label_; }
    // For records identified by another field than `key` (a status by its tracking code),
    // and for a file's top-level object, whose problems name no record ("").
    void relabel(const std::string& label) { label_ = label; }

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
        throw ContentError(file_, label_, field, problem);
    }

    const json* find(const char* field) const {
        auto it = object_.find(field);
        if (it == object_.end() || it->is_null()) return nullptr;
        return &*it;
    }

    // Required strings must be present and non-empty; optional ones default to "".
    std::string text(const char* field, bool required = true) const {
        const json* value = find(field);
        if (!value) {
            if (required) fail(field, std::string("missing required field '") + field + "'");
            return {};
        }
        if (!value->is_string())
            fail(field, std::string("field '") + field + "' must be a string, found " +
                            jsonTypeName(*value));
        std::string result = value->get<std::string>();
        if (required && result.empty())
            fail(field, std::string("field '") + field + "' must not be empty");
        return result;
    }

    int integer(const char* field, std::optional<int> fallback) const {
        const json* value = find(field);
        if (!value) {
            if (!fallback) fail(field, std::string("missing required field '") + field + "'");
            return *fallback;
        }
        if (!value->is_number_integer())
            fail(field, std::string("field '") + field + "' must be an integer, found " +
                            jsonTypeName(*value));
        return value->get<int>();
    }

    // Arrays of strings. Paragraph lists may not contain empty entries or line breaks,
    // because the store keeps them as one newline-joined text column.
    std::vector<std::string> texts(const char* field, bool required) const {
        std::vector<std::string> result;
        const json* value = find(field);
        if (!value) {
            if (required) fail(field, std::string("missing required field '") + field + "'");
            return result;
        }
        if (!value->is_array())
            fail(field, std::string("field '") + field + "' must be an array of strings, found " +
                            jsonTypeName(*value));
        for (const json& entry : *value) {
            if (!entry.is_string())
                fail(field, std::string("field '") + field +
                                "' must contain only strings, found " + jsonTypeName(entry));
            result.push_back(entry.get<std::string>());
        }
        if (required && result.empty())
            fail(field, std::string("field '") + field + "' must not be empty");
        return result;
    }

    const json& array(const char* field, bool required) const {
        static const json emptyArray = json::array();
        const json* value = find(field);
        if (!value) {
            if (required) fail(field, std::string("missing required field '") + field + "'");
            return emptyArray;
        }
        if (!value->is_array())
            fail(field, std::string("field '") + field + "' must be an array, found " +
                            jsonTypeName(*value));
        return *value;
    }

private:
    const std::string& file_;  // source file relative to the directory
    const json& object_;       // the record
    std::string key_;          // its key, once read
    std::string label_;        // key or "#N" for messages
};

std::string readFile(const fs::path& path, const std::string& shownName) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ContentError(shownName, "", "", "cannot read file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

const json& expectArray(const json& document, const std::string& shownName) {
    if (!document.is_array())
        throw ContentError(shownName, "", "",
                           std::string("expected a JSON array of records, found ") +
                               jsonTypeName(document));
    return document;
}

ContentMeta readMeta(const json& document) {
    const std::string file = "meta.json";
    RecordReader r(file, document, 0, /*keyed=*/false);
    ContentMeta meta;
    meta.contentId = r.text("content_id");
    meta.county = r.text("county");
    meta.city = r.text("city", false);
    meta.publisher = r.text("publisher", false);
    meta.zoneName = r.text("zone_name");
    const json* version = r.find("version");
    if (!version) r.fail("version", "missing required field 'version'");
    if (!version->is_number_integer())
        r.fail("version", std::string("field 'version' must be an integer, found ") +
                              jsonTypeName(*version));
    meta.version = version->get<int64_t>();
    meta.generated = r.text("generated");
    meta.hotline = r.text("hotline", false);
    meta.website = r.text("website", false);
    meta.applicationOffice = r.text("application_office", false);
    meta.officePublicKey = r.text("office_public_key", false);
    meta.statusUrl = r.text("status_url", false);
    return meta;
}

std::vector<Agency> readAgencies(const json& document) {
    const std::string file = "agencies.json";
    std::vector<Agency> agencies;
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        Agency a;
        a.key = r.key();
        a.name = r.text("name");
        a.shortName = r.text("short_name", false);
        if (a.shortName.empty()) a.shortName = a.name;
        a.code = r.text("code", false);
        a.kind = r.text("kind", false);
        a.address = r.text("address", false);
        a.phone = r.text("phone", false);
        a.sort = r.integer("sort", static_cast<int>(i + 1));
        agencies.push_back(std::move(a));
    }
    return agencies;
}

std::vector<Category> readCategories(const json& document, const std::string& file) {
    std::vector<Category> categories;
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        Category c;
        c.key = r.key();
        c.name = r.text("name");
        c.sort = r.integer("sort", static_cast<int>(i + 1));
        categories.push_back(std::move(c));
    }
    return categories;
}

void readDocuments(const json& document, const std::string& file,
                   std::vector<DocumentRecord>& out) {
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        DocumentRecord d;
        d.file = file;
        d.key = r.key();
        d.indexNo = r.text("index_no");
        d.docNo = r.text("doc_no", false);
        d.title = r.text("title");
        d.agency = r.text("agency");
        d.topic = r.text("topic");
        d.area = r.text("area", false);
        d.created = r.text("created");
        d.published = r.text("published");
        d.disclosure = r.text("disclosure");
        std::string validity = r.text("validity", false);
        if (!validity.empty()) {
            auto parsed = parseValidity(validity);
            if (!parsed)
                r.fail("validity", "field 'validity': '" + validity +
                                       "' is not one of 有效, 失效, 废止");
            d.validity = *parsed;
        }
        d.validNote = r.text("valid_note", false);
        d.url = r.text("url", false);
        d.body = r.texts("body", true);
        d.signature = r.texts("signature", false);
        d.interprets = r.text("interprets", false);
        const json& attachments = r.array("attachments", false);
        for (size_t j = 0; j < attachments.size(); ++j) {
            // Attachment problems are reported under the document key, not an index.
            if (!attachments[j].is_object())
                r.fail("attachments", "field 'attachments' must contain objects");
            Attachment attachment;
            auto name = attachments[j].find("name");
            auto path = attachments[j].find("file");
            if (name == attachments[j].end() || !name->is_string() ||
                path == attachments[j].end() || !path->is_string())
                r.fail("attachments", "field 'attachments' entry " + std::to_string(j + 1) +
                                          " needs string fields 'name' and 'file'");
            attachment.name = name->get<std::string>();
            attachment.file = path->get<std::string>();
            // Only a plain name under images/: nothing outside the source (../../etc/passwd,
            // /etc/passwd) can be named, and the same path is a valid bundle path.
            if (!isContentImagePath(attachment.file))
                r.fail("attachments", "field 'attachments' entry " + std::to_string(j + 1) + ": file '" +
                                          attachment.file.substr(0, 200) +
                                          "' is not an image in the source's images folder (images/NAME.png or "
                                          "images/NAME.jpg, NAME of a-z, 0-9, '-', '_', '.'; no '..' or other folders)");
            d.attachments.push_back(std::move(attachment));
        }
        out.push_back(std::move(d));
    }
}

std::vector<CatalogueRecord> readCatalogue(const json& document) {
    const std::string file = "catalogue.json";
    std::vector<CatalogueRecord> entries;
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        CatalogueRecord c;
        c.key = r.key();
        c.area = r.text("area");
        c.itemL1 = r.text("item_l1");
        c.itemL2 = r.text("item_l2");
        c.content = r.text("content");
        c.basis = r.text("basis");
        c.timeLimit = r.text("time_limit");
        c.subject = r.text("subject");
        c.channels = r.texts("channels", true);
        c.audience = r.text("audience");
        c.method = r.text("method");
        c.levels = r.texts("levels", true);
        c.sort = r.integer("sort", static_cast<int>(i + 1));
        entries.push_back(std::move(c));
    }
    return entries;
}

void readGuides(const json& document, ContentSet& set) {
    const std::string file = "guides.json";
    if (!document.is_object())
        throw ContentError(file, "", "",
                           std::string("expected an object with 'groups' and 'guides', found ") +
                               jsonTypeName(document));
    RecordReader top(file, document, 0, /*keyed=*/false);
    const json& groups = top.array("groups", true);
    for (size_t i = 0; i < groups.size(); ++i) {
        RecordReader r(file, groups[i], i);
        GuideGroupRecord g;
        g.key = r.key();
        g.name = r.text("name");
        g.description = r.text("description", false);
        g.sort = r.integer("sort", static_cast<int>(i + 1));
        set.guideGroups.push_back(std::move(g));
    }
    const json& guides = top.array("guides", true);
    for (size_t i = 0; i < guides.size(); ++i) {
        RecordReader r(file, guides[i], i);
        GuideRecord g;
        g.key = r.key();
        g.group = r.text("group");
        g.name = r.text("name");
        g.department = r.text("department");
        g.window = r.text("window", false);
        const json& materials = r.array("materials", false);
        for (size_t j = 0; j < materials.size(); ++j) {
            const json& m = materials[j];
            const std::string where = "field 'materials' entry " + std::to_string(j + 1);
            if (!m.is_object()) r.fail("materials", where + " must be an object");
            GuideMaterial material;
            auto name = m.find("name");
            if (name == m.end() || !name->is_string() || name->get<std::string>().empty())
                r.fail("materials", where + " needs a non-empty string 'name'");
            material.name = name->get<std::string>();
            if (auto form = m.find("form"); form != m.end() && !form->is_null()) {
                if (!form->is_string()) r.fail("materials", where + ": 'form' must be a string");
                material.form = form->get<std::string>();
            }
            if (auto count = m.find("count"); count != m.end() && !count->is_null()) {
                if (!count->is_number_integer())
                    r.fail("materials", where + ": 'count' must be an integer");
                material.count = count->get<int>();
            }
            if (auto note = m.find("note"); note != m.end() && !note->is_null()) {
                if (!note->is_string()) r.fail("materials", where + ": 'note' must be a string");
                material.note = note->get<std::string>();
            }
            g.materials.push_back(std::move(material));
        }
        g.steps = r.texts("steps", true);
        g.statutoryLimit = r.text("statutory_limit", false);
        g.promisedLimit = r.text("promised_limit", false);
        g.fee = r.text("fee", false);
        g.basis = r.texts("basis", false);
        g.hours = r.text("hours", false);
        g.hotline = r.text("hotline", false);
        g.online = r.text("online", false);
        g.sort = r.integer("sort", static_cast<int>(i + 1));
        set.guides.push_back(std::move(g));
    }
}

std::vector<QARecord> readQas(const json& document) {
    const std::string file = "qa.json";
    std::vector<QARecord> qas;
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        QARecord q;
        q.key = r.key();
        q.topic = r.text("topic");
        q.question = r.text("question");
        q.answer = r.texts("answer", true);
        q.source = r.text("source", false);
        q.date = r.text("date", false);
        q.url = r.text("url", false);
        qas.push_back(std::move(q));
    }
    return qas;
}

std::vector<GazetteRecord> readGazette(const json& document) {
    const std::string file = "gazette.json";
    std::vector<GazetteRecord> issues;
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        GazetteRecord g;
        g.key = r.key();
        g.year = r.integer("year", std::nullopt);
        g.issue = r.integer("issue", std::nullopt);
        g.title = r.text("title");
        g.published = r.text("published");
        g.contents = r.texts("contents", true);
        issues.push_back(std::move(g));
    }
    return issues;
}

std::vector<AnnouncementRecord> readAnnouncements(const json& document) {
    const std::string file = "announcements.json";
    std::vector<AnnouncementRecord> announcements;
    const json& records = expectArray(document, file);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        AnnouncementRecord a;
        a.key = r.key();
        a.title = r.text("title");
        a.body = r.texts("body", false);
        a.kind = r.text("kind");
        a.starts = r.text("starts");
        a.ends = r.text("ends");
        a.sort = r.integer("sort", static_cast<int>(i + 1));
        announcements.push_back(std::move(a));
    }
    return announcements;
}

std::vector<TownshipRecord> readVillages(const json& document) {
    const std::string file = "villages.json";
    if (!document.is_object())
        throw ContentError(file, "", "", std::string("expected an object with 'townships', found ") +
                                             jsonTypeName(document));
    RecordReader top(file, document, 0, /*keyed=*/false);
    std::vector<TownshipRecord> townships;
    const json& records = top.array("townships", true);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i);
        TownshipRecord t;
        t.key = r.key();
        t.name = r.text("name");
        t.agency = r.text("agency", false);
        const json& villages = r.array("villages", false);
        for (size_t j = 0; j < villages.size(); ++j) {
            RecordReader rv(file, villages[j], j);
            VillageRecord v;
            v.key = rv.key();
            v.name = rv.text("name");
            const json& items = rv.array("items", false);
            for (size_t k = 0; k < items.size(); ++k) {
                RecordReader ri(file, items[k], k);
                VillageItemRecord item;
                item.key = ri.key();
                item.kind = ri.text("kind");
                item.title = ri.text("title");
                item.summary = ri.text("summary");
                item.date = ri.text("date");
                item.url = ri.text("url", false);
                v.items.push_back(std::move(item));
            }
            t.villages.push_back(std::move(v));
        }
        townships.push_back(std::move(t));
    }
    return townships;
}

void readStatuses(const json& document, ContentSet& set) {
    const std::string file = "statuses.json";
    if (!document.is_object())
        throw ContentError(file, "", "",
                           std::string("expected an object with 'updated' and 'statuses', found ") +
                               jsonTypeName(document));
    RecordReader top(file, document, 0, /*keyed=*/false);
    top.relabel("");
    set.statusesUpdated = top.text("updated");
    const json& records = top.array("statuses", true);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i, /*keyed=*/false);
        ApplicationStatus s;
        s.code = r.text("code");
        // From here on problems name the code: it is what the office has on file.
        r.relabel(s.code);
        s.status = r.text("status");
        s.received = r.text("received");
        s.due = r.text("due");
        s.extendedDue = r.text("extended_due", false);
        s.updated = r.text("updated");
        s.note = r.text("note", false);
        set.statuses.push_back(std::move(s));
    }
}

std::vector<CalendarYearRecord> readCalendar(const json& document) {
    const std::string file = "calendar.json";
    if (!document.is_object())
        throw ContentError(file, "", "", std::string("expected an object with 'years', found ") +
                                             jsonTypeName(document));
    RecordReader top(file, document, 0, /*keyed=*/false);
    std::vector<CalendarYearRecord> years;
    const json& records = top.array("years", true);
    for (size_t i = 0; i < records.size(); ++i) {
        RecordReader r(file, records[i], i, /*keyed=*/false);
        CalendarYearRecord y;
        y.year = r.integer("year", std::nullopt);
        y.source = r.text("source", false);
        const json& holidays = r.array("holidays", true);
        for (size_t j = 0; j < holidays.size(); ++j) {
            RecordReader rh(file, holidays[j], j, /*keyed=*/false);
            HolidayRecord h;
            h.name = rh.text("name");
            h.daysOff = rh.texts("days_off", true);
            h.workdays = rh.texts("workdays", false);
            y.holidays.push_back(std::move(h));
        }
        years.push_back(std::move(y));
    }
    return years;
}


// Tracking codes exactly as terminals print them (tracking_code.h): twelve characters of the
// code alphabet in three hyphenated groups, the last one a check character. A code that a
// terminal cannot have issued would only ever answer "输错了一位" at the lookup.
bool isValidTrackingCode(const std::string& code) {
    std::string canonical;
    return checkTrackingCode(code, &canonical) == TrackingCodeCheck::Ok && canonical == code;
}

bool isWeekend(const std::string& isoDate) {
    int y = std::stoi(isoDate.substr(0, 4));
    unsigned m = static_cast<unsigned>(std::stoi(isoDate.substr(5, 2)));
    unsigned d = static_cast<unsigned>(std::stoi(isoDate.substr(8, 2)));
    int64_t days = daysFromCivil(y, m, d);
    int weekday = static_cast<int>(((days % 7) + 10) % 7);  // 0 = Monday; 1970-01-01 was a Thursday
    return weekday >= 5;
}

// Collects "file: key: problem" failures in one place so that every rule below reads as
// one line.
struct Checker {
    [[noreturn]] void fail(const std::string& file, const std::string& key,
                           const std::string& field, const std::string& problem) const {
        throw ContentError(file, key, field, problem);
    }

    void date(const std::string& file, const std::string& key, const char* field,
              const std::string& value, bool required = true) const {
        if (value.empty() && !required) return;
        if (!isIsoDate(value))
            fail(file, key, field, std::string("field '") + field + "': bad date '" + value +
                                       "' (expected YYYY-MM-DD)");
    }

    void nonEmpty(const std::string& file, const std::string& key, const char* field,
                  const std::string& value) const {
        if (value.empty())
            fail(file, key, field, std::string("field '") + field + "' must not be empty");
    }

    void paragraphs(const std::string& file, const std::string& key, const char* field,
                    const std::vector<std::string>& values, bool required) const {
        if (required && values.empty())
            fail(file, key, field, std::string("field '") + field + "' must not be empty");
        for (size_t i = 0; i < values.size(); ++i) {
            if (values[i].empty())
                fail(file, key, field, std::string("field '") + field + "' entry " +
                                           std::to_string(i + 1) + " is empty");
            if (values[i].find_first_of("\r\n") != std::string::npos)
                fail(file, key, field, std::string("field '") + field + "' entry " +
                                           std::to_string(i + 1) +
                                           " contains a line break (one string a paragraph)");
        }
    }

    void oneOf(const std::string& file, const std::string& key, const char* field,
               const std::string& value, std::initializer_list<const char*> allowed) const {
        for (const char* word : allowed)
            if (value == word) return;
        std::string list;
        for (const char* word : allowed) list += (list.empty() ? "" : ", ") + std::string(word);
        fail(file, key, field,
             std::string("field '") + field + "': '" + value + "' is not one of " + list);
    }

    // Keys are unique within their kind; the map remembers where each key was first seen.
    void uniqueKey(std::unordered_map<std::string, std::string>& seen, const std::string& file,
                   const std::string& key, const char* kind) const {
        if (!isValidKey(key))
            fail(file, key.empty() ? "#?" : key, "key",
                 "field 'key' must be a string of a-z, 0-9 and '-', found '" + key + "'");
        auto [it, inserted] = seen.emplace(key, file);
        if (!inserted)
            fail(file, key, "key",
                 std::string("duplicate ") + kind + " key '" + key + "'" +
                     (it->second != file ? " (also in " + it->second + ")" : ""));
    }
};

// statuses.json. Statuses are published to anyone holding a code, so besides the format the
// rules keep the note free of the two kinds of personal data that are easy to paste by
// mistake.
void validateStatuses(const ContentSet& set, const Checker& c) {
    if (set.statuses.empty() && set.statusesUpdated.empty()) return;  // no statuses.json
    const std::string file = "statuses.json";
    c.date(file, "", "updated", set.statusesUpdated);
    std::unordered_set<std::string> codes;  // seen so far (all in the one printed form)
    for (size_t i = 0; i < set.statuses.size(); ++i) {
        const ApplicationStatus& s = set.statuses[i];
        // Built in steps: GCC 12 -O2 reports "#" + to_string() as -Wrestrict (a false positive).
        std::string label = s.code;
        if (label.empty()) label.append("#").append(std::to_string(i + 1));
        if (!isValidTrackingCode(s.code))
            c.fail(file, label, "code",
                   "field 'code': '" + s.code +
                       "' is not a tracking code as terminals print it (XXXX-XXXX-XXXX: digits and "
                       "capital letters without I and O, the last one a check character)");
        if (!codes.insert(s.code).second) c.fail(file, label, "code", "duplicate code '" + s.code + "'");
        c.oneOf(file, label, "status", s.status,
                {"已接收", "办理中", "需补正", "已延期", "已答复", "已办结", "不予受理"});
        c.date(file, label, "received", s.received);
        c.date(file, label, "due", s.due);
        c.date(file, label, "extended_due", s.extendedDue, false);
        c.date(file, label, "updated", s.updated);
        if (s.due < s.received)
            c.fail(file, label, "due",
                   "field 'due' (" + s.due + ") is before 'received' (" + s.received + ")");
        if (!s.extendedDue.empty()) {
            // An extension is decided while the application is being handled: it shows on an
            // extended application and stays on one answered or closed after it.
            if (s.status != "已延期" && s.status != "已答复" && s.status != "已办结")
                c.fail(file, label, "extended_due",
                       "field 'extended_due' is only allowed with status 已延期, 已答复 or 已办结, not " +
                           s.status);
            if (s.extendedDue <= s.due)
                c.fail(file, label, "extended_due",
                       "field 'extended_due' (" + s.extendedDue + ") is not after 'due' (" + s.due + ")");
        } else if (s.status == "已延期") {
            c.fail(file, label, "extended_due",
                   "status 已延期 needs field 'extended_due' (the new deadline)");
        }
        if (s.updated < s.received)
            c.fail(file, label, "updated",
                   "field 'updated' (" + s.updated + ") is before 'received' (" + s.received + ")");
        if (s.updated > set.statusesUpdated)
            c.fail(file, label, "updated",
                   "field 'updated' (" + s.updated + ") is after the file's 'updated' (" +
                       set.statusesUpdated + ")");
        if (s.note.find_first_of("\r\n") != std::string::npos)
            c.fail(file, label, "note", "field 'note' contains a line break (one short paragraph)");
        constexpr size_t kMaxNote = 200;  // characters: one line on the receipt, two on screen
        if (utf8::countChars(s.note) > kMaxNote)
            c.fail(file, label, "note",
                   "field 'note' is longer than " + std::to_string(kMaxNote) + " characters");
        if (const std::string found = personalDataIn(s.note); !found.empty())
            c.fail(file, label, "note",
                   "field 'note' seems to contain " + found +
                       "; notes are public and must not identify the applicant");
    }
}

}  // namespace

ContentError::ContentError(const std::string& file, const std::string& key,
                           const std::string& field, const std::string& problem)
    : std::runtime_error(composeMessage(file, key, problem)),
      file_(file),
      key_(key),
      field_(field) {}

bool isIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    int year = std::stoi(text.substr(0, 4));
    int month = std::stoi(text.substr(5, 2));
    int day = std::stoi(text.substr(8, 2));
    if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
    static const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = monthDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= last;
}

std::string personalDataIn(const std::string& text) {
    // Digits typed with a Chinese input method are often full-width: fold them first, so
    // that "１３８…" is caught like "138…". Everything else only separates runs.
    std::string folded;
    folded.reserve(text.size());
    for (char32_t cp : utf8::decode(text)) {
        if (cp >= U'０' && cp <= U'９') folded += static_cast<char>('0' + (cp - U'０'));
        else if (cp == U'X' || cp == U'x' || cp == U'Ｘ' || cp == U'ｘ') folded += 'X';
        else if (cp >= U'0' && cp <= U'9') folded += static_cast<char>(cp);
        else folded += ' ';
    }
    // 居民身份证号码: 17 digits and a check character (a digit or X).
    size_t digits = 0;  // digits in a row just before c
    for (char c : folded) {
        if (digits >= 17 && c != ' ') return "an ID card number";
        digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    }
    // Mobile numbers: 11 digits starting with 1, also inside a longer run (+86 prefix).
    digits = 0;
    for (size_t i = folded.size(); i-- > 0;) {  // digits counted from i to the right
        const char c = folded[i];
        digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
        if (c == '1' && digits >= 11) return "a mobile phone number";
    }
    return {};
}

void validateContentSet(const ContentSet& set) {
    validateContentSet(set, [](const std::string&) { return false; });
}

void validateContentSet(const ContentSet& set, const std::function<bool(const std::string&)>& documentKnown) {
    Checker c;
    {
        const std::string file = "meta.json";
        c.nonEmpty(file, "", "content_id", set.meta.contentId);
        c.nonEmpty(file, "", "county", set.meta.county);
        c.nonEmpty(file, "", "zone_name", set.meta.zoneName);
        if (set.meta.version < 1)
            c.fail(file, "", "version", "field 'version' must be 1 or more");
        c.date(file, "", "generated", set.meta.generated);
        // Applications are sealed to this key on every terminal: a typo would make them
        // unreadable at the office, so it is refused here rather than discovered there.
        if (!set.meta.officePublicKey.empty() && !decodePublicKey(set.meta.officePublicKey))
            c.fail(file, "", "office_public_key",
                   "field 'office_public_key' is not a key made by 'kiosk-sync keygen' "
                   "(zwgk-seal-public: followed by 32 bytes in base64)");
        const std::string& url = set.meta.statusUrl;
        if (!url.empty() && ((url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) ||
                             url.find("{code}") == std::string::npos))
            c.fail(file, "", "status_url",
                   "field 'status_url' must be an http(s) address containing {code}, found '" + url + "'");
    }

    std::unordered_map<std::string, std::string> agencies, topics, areas;
    for (const Agency& a : set.agencies) {
        c.uniqueKey(agencies, "agencies.json", a.key, "agency");
        c.nonEmpty("agencies.json", a.key, "name", a.name);
    }
    for (const Category& t : set.topics) {
        c.uniqueKey(topics, "topics.json", t.key, "topic");
        c.nonEmpty("topics.json", t.key, "name", t.name);
    }
    for (const Category& a : set.areas) {
        c.uniqueKey(areas, "areas.json", a.key, "area");
        c.nonEmpty("areas.json", a.key, "name", a.name);
    }

    std::unordered_map<std::string, std::string> documents, indexNumbers;
    for (const DocumentRecord& d : set.documents) {
        const std::string file = d.file.empty() ? "documents" : d.file;
        c.uniqueKey(documents, file, d.key, "document");
        c.nonEmpty(file, d.key, "index_no", d.indexNo);
        if (auto [it, inserted] = indexNumbers.emplace(d.indexNo, d.key); !inserted)
            c.fail(file, d.key, "index_no",
                   "field 'index_no': '" + d.indexNo + "' is already used by " + it->second);
        c.nonEmpty(file, d.key, "title", d.title);
        if (!agencies.count(d.agency))
            c.fail(file, d.key, "agency", "unknown agency '" + d.agency + "'");
        if (!topics.count(d.topic)) c.fail(file, d.key, "topic", "unknown topic '" + d.topic + "'");
        if (!d.area.empty() && !areas.count(d.area))
            c.fail(file, d.key, "area", "unknown area '" + d.area + "'");
        c.date(file, d.key, "created", d.created);
        c.date(file, d.key, "published", d.published);
        c.nonEmpty(file, d.key, "disclosure", d.disclosure);
        c.paragraphs(file, d.key, "body", d.body, true);
        c.paragraphs(file, d.key, "signature", d.signature, false);
        for (const Attachment& a : d.attachments) {
            c.nonEmpty(file, d.key, "attachments", a.name);
            c.nonEmpty(file, d.key, "attachments", a.file);
        }
    }
    // Second pass: a 解读 may come before or after the document it interprets.
    for (const DocumentRecord& d : set.documents) {
        if (d.interprets.empty()) continue;
        const std::string file = d.file.empty() ? "documents" : d.file;
        if (d.interprets == d.key)
            c.fail(file, d.key, "interprets", "field 'interprets': a document cannot interpret itself");
        if (!documents.count(d.interprets) && !documentKnown(d.interprets))
            c.fail(file, d.key, "interprets", "unknown document '" + d.interprets + "' in interprets");
    }

    std::unordered_map<std::string, std::string> catalogue;
    for (const CatalogueRecord& e : set.catalogue) {
        const std::string file = "catalogue.json";
        c.uniqueKey(catalogue, file, e.key, "catalogue entry");
        if (!areas.count(e.area)) c.fail(file, e.key, "area", "unknown area '" + e.area + "'");
        c.nonEmpty(file, e.key, "item_l1", e.itemL1);
        c.nonEmpty(file, e.key, "item_l2", e.itemL2);
        c.nonEmpty(file, e.key, "content", e.content);
        c.nonEmpty(file, e.key, "basis", e.basis);
        c.nonEmpty(file, e.key, "time_limit", e.timeLimit);
        c.nonEmpty(file, e.key, "subject", e.subject);
        c.paragraphs(file, e.key, "channels", e.channels, true);
        c.oneOf(file, e.key, "audience", e.audience, {"全社会", "特定群体"});
        c.oneOf(file, e.key, "method", e.method, {"主动", "依申请"});
        if (e.levels.empty()) c.fail(file, e.key, "levels", "field 'levels' must not be empty");
        for (const std::string& level : e.levels) c.oneOf(file, e.key, "levels", level, {"县", "乡", "村"});
    }

    std::unordered_map<std::string, std::string> groups, guides;
    for (const GuideGroupRecord& g : set.guideGroups) {
        c.uniqueKey(groups, "guides.json", g.key, "guide group");
        c.nonEmpty("guides.json", g.key, "name", g.name);
    }
    for (const GuideRecord& g : set.guides) {
        const std::string file = "guides.json";
        c.uniqueKey(guides, file, g.key, "guide");
        if (!groups.count(g.group)) c.fail(file, g.key, "group", "unknown group '" + g.group + "'");
        c.nonEmpty(file, g.key, "name", g.name);
        if (!agencies.count(g.department))
            c.fail(file, g.key, "department", "unknown agency '" + g.department + "' in department");
        for (const GuideMaterial& m : g.materials) {
            c.nonEmpty(file, g.key, "materials", m.name);
            if (!m.form.empty()) c.oneOf(file, g.key, "materials", m.form, {"原件", "复印件", "原件及复印件"});
            if (m.count < 1) c.fail(file, g.key, "materials", "field 'materials': count must be 1 or more");
        }
        c.paragraphs(file, g.key, "steps", g.steps, true);
        c.paragraphs(file, g.key, "basis", g.basis, false);
    }

    std::unordered_map<std::string, std::string> qas;
    for (const QARecord& q : set.qas) {
        const std::string file = "qa.json";
        c.uniqueKey(qas, file, q.key, "Q&A");
        if (!topics.count(q.topic)) c.fail(file, q.key, "topic", "unknown topic '" + q.topic + "'");
        c.nonEmpty(file, q.key, "question", q.question);
        c.paragraphs(file, q.key, "answer", q.answer, true);
        c.date(file, q.key, "date", q.date, false);
    }

    std::unordered_map<std::string, std::string> issues;
    std::set<std::pair<int, int>> issueNumbers;
    for (const GazetteRecord& g : set.gazette) {
        const std::string file = "gazette.json";
        c.uniqueKey(issues, file, g.key, "gazette issue");
        if (g.year < 1900 || g.year > 2999) c.fail(file, g.key, "year", "field 'year' is not a year");
        if (g.issue < 1) c.fail(file, g.key, "issue", "field 'issue' must be 1 or more");
        if (!issueNumbers.emplace(g.year, g.issue).second)
            c.fail(file, g.key, "issue", "issue " + std::to_string(g.issue) + " of " +
                                             std::to_string(g.year) + " appears twice");
        c.nonEmpty(file, g.key, "title", g.title);
        c.date(file, g.key, "published", g.published);
        std::unordered_set<std::string> listed;
        for (const std::string& doc : g.contents) {
            if (!documents.count(doc) && !documentKnown(doc))
                c.fail(file, g.key, "contents", "unknown document '" + doc + "' in contents");
            if (!listed.insert(doc).second)
                c.fail(file, g.key, "contents", "document '" + doc + "' is listed twice in contents");
        }
    }

    std::unordered_map<std::string, std::string> announcements;
    for (const AnnouncementRecord& a : set.announcements) {
        const std::string file = "announcements.json";
        c.uniqueKey(announcements, file, a.key, "announcement");
        c.nonEmpty(file, a.key, "title", a.title);
        c.paragraphs(file, a.key, "body", a.body, false);
        c.oneOf(file, a.key, "kind", a.kind, {"通知", "开放日", "提示"});
        c.date(file, a.key, "starts", a.starts);
        c.date(file, a.key, "ends", a.ends);
        if (a.ends < a.starts)
            c.fail(file, a.key, "ends", "field 'ends' (" + a.ends + ") is before 'starts' (" + a.starts + ")");
    }

    std::unordered_map<std::string, std::string> townships, villages, items;
    for (const TownshipRecord& t : set.townships) {
        const std::string file = "villages.json";
        c.uniqueKey(townships, file, t.key, "township");
        c.nonEmpty(file, t.key, "name", t.name);
        if (!t.agency.empty() && !agencies.count(t.agency))
            c.fail(file, t.key, "agency", "unknown agency '" + t.agency + "'");
        for (const VillageRecord& v : t.villages) {
            c.uniqueKey(villages, file, v.key, "village");
            c.nonEmpty(file, v.key, "name", v.name);
            for (const VillageItemRecord& i : v.items) {
                c.uniqueKey(items, file, i.key, "village item");
                c.oneOf(file, i.key, "kind", i.kind,
                        {"村务公开", "财务公开", "惠农补贴", "征地补偿", "低保名单公示", "其他"});
                c.nonEmpty(file, i.key, "title", i.title);
                c.nonEmpty(file, i.key, "summary", i.summary);
                c.date(file, i.key, "date", i.date);
            }
        }
    }

    validateStatuses(set, c);

    for (const auto& [key, value] : set.terminalConfig) {
        if (!isTerminalConfigKey(key))
            c.fail("config.json", key, "", "unknown setting '" + key + "'");
        if (key == "office.public_key" && !decodePublicKey(value))
            c.fail("config.json", key, "", "'office.public_key' is not a key made by 'kiosk-sync keygen --kind seal'");
        if ((key == "sync.url" || key == "intake.url") && value.rfind("http://", 0) != 0 &&
            value.rfind("https://", 0) != 0)
            c.fail("config.json", key, "", "'" + key + "' must be an http(s) address, found '" + value + "'");
        if ((key == "idle.seconds" || key == "sync.interval") && (value.empty() || value.size() > 4 ||
                                      !std::all_of(value.begin(), value.end(), ::isdigit)))
            c.fail("config.json", key, "", "'" + key + "' must be a whole number");
    }

    std::set<int> years;
    std::unordered_map<std::string, std::string> calendarDays;  // date → holiday
    for (const CalendarYearRecord& y : set.calendar) {
        const std::string file = "calendar.json";
        const std::string label = std::to_string(y.year);
        if (y.year < 1900 || y.year > 2999) c.fail(file, label, "year", "field 'year' is not a year");
        if (!years.insert(y.year).second) c.fail(file, label, "year", "year " + label + " appears twice");
        for (const HolidayRecord& h : y.holidays) {
            c.nonEmpty(file, label, "name", h.name);
            auto addDay = [&](const std::string& day, bool working) {
                const char* field = working ? "workdays" : "days_off";
                c.date(file, label + " " + h.name, field, day);
                int dayYear = std::stoi(day.substr(0, 4));
                if (dayYear < y.year - 1 || dayYear > y.year + 1)
                    c.fail(file, label + " " + h.name, field,
                           std::string("field '") + field + "': " + day + " is far from " + label);
                if (working && !isWeekend(day))
                    c.fail(file, label + " " + h.name, field,
                           "field 'workdays': " + day + " is not a Saturday or Sunday (调休 days are weekend days)");
                if (auto [it, inserted] = calendarDays.emplace(day, h.name); !inserted)
                    c.fail(file, label + " " + h.name, field,
                           day + " is listed twice (also under " + it->second + ")");
            };
            for (const std::string& day : h.daysOff) addDay(day, false);
            for (const std::string& day : h.workdays) addDay(day, true);
        }
    }
}

ContentFileRole contentFileRole(const std::string& name) {
    static const std::pair<const char*, ContentFileRole> kFixed[] = {
        {"meta.json", ContentFileRole::Meta},           {"agencies.json", ContentFileRole::Agencies},
        {"topics.json", ContentFileRole::Topics},       {"areas.json", ContentFileRole::Areas},
        {"catalogue.json", ContentFileRole::Catalogue}, {"guides.json", ContentFileRole::Guides},
        {"qa.json", ContentFileRole::Qa},               {"gazette.json", ContentFileRole::Gazette},
        {"announcements.json", ContentFileRole::Announcements},
        {"villages.json", ContentFileRole::Villages},   {"calendar.json", ContentFileRole::Calendar},
        {"statuses.json", ContentFileRole::Statuses},   {"config.json", ContentFileRole::Config},
    };
    for (const auto& [fixed, role] : kFixed)
        if (name == fixed) return role;
    const std::string prefix = "documents/";
    if (name.size() > prefix.size() + 5 && name.rfind(prefix, 0) == 0 &&
        name.compare(name.size() - 5, 5, ".json") == 0 &&
        name.find('/', prefix.size()) == std::string::npos)
        return ContentFileRole::Documents;
    if (isContentImagePath(name)) return ContentFileRole::Image;
    return ContentFileRole::Unknown;
}

bool isContentImagePath(const std::string& name) {
    const std::string prefix = "images/";
    if (name.size() > 100 || name.rfind(prefix, 0) != 0 || name.find("..") != std::string::npos) return false;
    const std::string base = name.substr(prefix.size());
    if (!std::all_of(base.begin(), base.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        }))
        return false;
    for (const char* extension : {".png", ".jpg", ".jpeg"}) {
        const size_t n = std::strlen(extension);
        if (base.size() > n && base.compare(base.size() - n, n, extension) == 0) return true;
    }
    return false;
}

namespace {

json parseJsonText(std::string_view text, const std::string& shownName) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {  // also out_of_range: a number like 1e400 overflows
        std::string detail = e.what();
        if (auto close = detail.find("] "); detail.rfind("[json.exception", 0) == 0 &&
                                            close != std::string::npos)
            detail = detail.substr(close + 2);
        throw ContentError(shownName, "", "", "not valid JSON: " + detail);
    }
}

std::vector<std::pair<std::string, std::string>> readConfig(const json& document) {
    const std::string file = "config.json";
    if (!document.is_object())
        throw ContentError(file, "", "", std::string("expected a JSON object, found ") + jsonTypeName(document));
    std::vector<std::pair<std::string, std::string>> config;
    for (const auto& [key, value] : document.items()) {
        if (value.is_string()) config.emplace_back(key, value.get<std::string>());
        else if (value.is_number_integer()) config.emplace_back(key, std::to_string(value.get<int64_t>()));
        else throw ContentError(file, key, "", "setting '" + key + "' must be a string or a whole number");
    }
    return config;
}

}  // namespace

bool isTerminalConfigKey(const std::string& key) {
    for (const char* known : kTerminalConfigKeys)
        if (key == known) return true;
    return false;
}

void readContentFile(const std::string& name, std::string_view bytes, ContentSet& set) {
    const ContentFileRole role = contentFileRole(name);
    if (role == ContentFileRole::Unknown)
        throw ContentError(name, "", "", "not a file of a content source");
    if (role == ContentFileRole::Image) {
        // Decoded in full here, at import and at pack time and again on the terminal before
        // it applies a bundle: a damaged image is refused with the rest of the content instead
        // of failing on a citizen's screen.
        std::string problem;
        const auto info = checkImage(bytes, problem);
        if (!info) throw ContentError(name, "", "", problem);
        ContentImage image{name, std::string(bytes), info->width, info->height};
        auto same = std::find_if(set.images.begin(), set.images.end(),
                                 [&](const ContentImage& i) { return i.file == name; });
        if (same != set.images.end()) *same = std::move(image);  // read again: replaces
        else set.images.push_back(std::move(image));
        return;
    }
    const json document = parseJsonText(bytes, name);
    switch (role) {
    case ContentFileRole::Meta: set.meta = readMeta(document); break;
    case ContentFileRole::Agencies: set.agencies = readAgencies(document); break;
    case ContentFileRole::Topics: set.topics = readCategories(document, "topics.json"); break;
    case ContentFileRole::Areas: set.areas = readCategories(document, "areas.json"); break;
    case ContentFileRole::Documents: readDocuments(document, name, set.documents); break;
    case ContentFileRole::Catalogue: set.catalogue = readCatalogue(document); break;
    case ContentFileRole::Guides: {  // replaces its part like every file but documents (was appended)
        ContentSet part;
        readGuides(document, part);
        set.guideGroups = std::move(part.guideGroups);
        set.guides = std::move(part.guides);
        break;
    }
    case ContentFileRole::Qa: set.qas = readQas(document); break;
    case ContentFileRole::Gazette: set.gazette = readGazette(document); break;
    case ContentFileRole::Announcements: set.announcements = readAnnouncements(document); break;
    case ContentFileRole::Villages: set.townships = readVillages(document); break;
    case ContentFileRole::Calendar: set.calendar = readCalendar(document); break;
    case ContentFileRole::Statuses: {  // replaces its part like every file but documents (was appended)
        ContentSet part;
        readStatuses(document, part);
        set.statusesUpdated = std::move(part.statusesUpdated);
        set.statuses = std::move(part.statuses);
        break;
    }
    case ContentFileRole::Config: set.terminalConfig = readConfig(document); break;
    case ContentFileRole::Image:
    case ContentFileRole::Unknown: break;
    }
}

std::vector<std::string> contentSourceFiles(const std::string& dir) {
    const fs::path root(dir);
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw ContentError(dir, "", "", "not a content source directory (no such directory)");
    for (const char* name : {"meta.json", "agencies.json", "topics.json", "areas.json"})
        if (!fs::exists(root / name, ec)) throw ContentError(name, "", "", "required file is missing");
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_regular_file() && contentFileRole(entry.path().filename().string()) != ContentFileRole::Unknown)
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        // meta, agencies, topics and areas first: the other files refer to them.
        return std::pair(contentFileRole(a), a) < std::pair(contentFileRole(b), b);
    });
    std::vector<std::string> documents;
    const fs::path documentsDir = root / "documents";
    if (fs::is_directory(documentsDir, ec))
        for (const auto& entry : fs::directory_iterator(documentsDir))
            if (entry.is_regular_file() && entry.path().extension() == ".json")
                documents.push_back("documents/" + entry.path().filename().string());
    std::sort(documents.begin(), documents.end());
    // Documents right after the four required files, as loadContentSource always read them.
    auto firstOptional = std::find_if(names.begin(), names.end(), [](const std::string& n) {
        return contentFileRole(n) > ContentFileRole::Areas;
    });
    names.insert(firstOptional, documents.begin(), documents.end());
    // Images last (role Image sorts after the JSON files). Other files in images/ (a README)
    // are not content; an image whose name no attachment could use is refused.
    std::vector<std::string> images;
    const fs::path imagesDir = root / "images";
    if (fs::is_directory(imagesDir, ec))
        for (const auto& entry : fs::directory_iterator(imagesDir)) {
            const std::string name = "images/" + entry.path().filename().string();
            std::string extension = entry.path().extension().string();
            std::transform(extension.begin(), extension.end(), extension.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (extension != ".png" && extension != ".jpg" && extension != ".jpeg") continue;
            if (!isContentImagePath(name))
                throw ContentError(name, "", "", "image file names are a-z, 0-9, '-', '_' and '.' with .png, .jpg "
                                                 "or .jpeg (lower case, no '..'): rename the file");
            if (!entry.is_regular_file(ec))
                throw ContentError(name, "", "", "not a regular file");
            images.push_back(name);
        }
    std::sort(images.begin(), images.end());
    names.insert(names.end(), images.begin(), images.end());
    return names;
}

std::string readContentSourceFile(const std::string& dir, const std::string& name) {
    if (contentFileRole(name) == ContentFileRole::Image) {
        // A symbolic link out of the source (images/x.png -> /etc/…) is not content, and a
        // file too large for an image is refused before it is read into memory.
        std::error_code ec;
        const fs::path root = fs::weakly_canonical(fs::path(dir), ec);
        const fs::path file = fs::weakly_canonical(fs::path(dir) / name, ec);
        const auto relative = file.lexically_relative(root).generic_string();
        if (ec || relative.empty() || relative.rfind("..", 0) == 0)
            throw ContentError(name, "", "", "the image file lies outside the content source (a link?)");
        const auto size = fs::file_size(file, ec);
        if (ec) throw ContentError(name, "", "", "cannot read file");
        if (static_cast<int64_t>(size) > kMaxImageFileBytes)
            throw ContentError(name, "", "", "the file has " + std::to_string(size) + " bytes, more than the " +
                                                 std::to_string(kMaxImageFileBytes >> 20) +
                                                 " MiB allowed for an image");
    }
    return readFile(fs::path(dir) / name, name);
}

void validateImageReferences(const ContentSet& set) {
    std::unordered_set<std::string> files;
    for (const ContentImage& image : set.images) files.insert(image.file);
    for (const DocumentRecord& d : set.documents)
        for (size_t i = 0; i < d.attachments.size(); ++i) {
            const std::string& file = d.attachments[i].file;
            if (!files.count(file))
                throw ContentError(d.file, d.key, "attachments",
                                   "field 'attachments' entry " + std::to_string(i + 1) + ": file '" + file +
                                       "' is not in the content source");
        }
}

void validateStatuses(const std::string& updated, const std::vector<ApplicationStatus>& statuses) {
    ContentSet set;
    set.statusesUpdated = updated;
    set.statuses = statuses;
    validateStatuses(set, Checker{});
}

ContentSet loadContentSource(const std::string& dir) {
    ContentSet set;
    for (const std::string& name : contentSourceFiles(dir))
        readContentFile(name, readContentSourceFile(dir, name), set);
    validateContentSet(set);
    validateImageReferences(set);
    return set;
}

void forEachText(const ContentSet& set, const std::function<void(const std::string&)>& visit) {
    auto all = [&](const std::vector<std::string>& texts) {
        for (const std::string& t : texts) visit(t);
    };
    const ContentMeta& m = set.meta;
    for (const std::string* t : {&m.county, &m.city, &m.publisher, &m.zoneName, &m.generated,
                                 &m.hotline, &m.website})
        visit(*t);
    for (const Agency& a : set.agencies)
        for (const std::string* t : {&a.name, &a.shortName, &a.code, &a.kind, &a.address, &a.phone})
            visit(*t);
    for (const Category& t : set.topics) visit(t.name);
    for (const Category& a : set.areas) visit(a.name);
    for (const DocumentRecord& d : set.documents) {
        for (const std::string* t : {&d.indexNo, &d.docNo, &d.title, &d.created, &d.published,
                                     &d.disclosure, &d.validNote, &d.url})
            visit(*t);
        visit(validityName(d.validity));
        all(d.body);
        all(d.signature);
        for (const Attachment& a : d.attachments) visit(a.name);
    }
    for (const CatalogueRecord& e : set.catalogue) {
        for (const std::string* t : {&e.itemL1, &e.itemL2, &e.content, &e.basis, &e.timeLimit,
                                     &e.subject, &e.audience, &e.method})
            visit(*t);
        all(e.channels);
        all(e.levels);
    }
    for (const GuideGroupRecord& g : set.guideGroups) {
        visit(g.name);
        visit(g.description);
    }
    for (const GuideRecord& g : set.guides) {
        for (const std::string* t : {&g.name, &g.window, &g.statutoryLimit, &g.promisedLimit,
                                     &g.fee, &g.hours, &g.hotline, &g.online})
            visit(*t);
        for (const GuideMaterial& mat : g.materials) {
            visit(mat.name);
            visit(mat.form);
            visit(mat.note);
        }
        all(g.steps);
        all(g.basis);
    }
    for (const QARecord& q : set.qas) {
        for (const std::string* t : {&q.question, &q.source, &q.date, &q.url}) visit(*t);
        all(q.answer);
    }
    for (const GazetteRecord& g : set.gazette) {
        visit(g.title);
        visit(g.published);
    }
    for (const AnnouncementRecord& a : set.announcements) {
        for (const std::string* t : {&a.title, &a.kind, &a.starts, &a.ends}) visit(*t);
        all(a.body);
    }
    for (const TownshipRecord& t : set.townships) {
        visit(t.name);
        for (const VillageRecord& v : t.villages) {
            visit(v.name);
            for (const VillageItemRecord& i : v.items)
                for (const std::string* s : {&i.kind, &i.title, &i.summary, &i.date, &i.url})
                    visit(*s);
        }
    }
    for (const CalendarYearRecord& y : set.calendar) {
        visit(y.source);
        for (const HolidayRecord& h : y.holidays) visit(h.name);
    }
    visit(set.statusesUpdated);
    for (const ApplicationStatus& s : set.statuses)
        for (const std::string* t : {&s.code, &s.status, &s.received, &s.due, &s.extendedDue,
                                     &s.updated, &s.note})
            visit(*t);
}

}  // namespace zwgk
