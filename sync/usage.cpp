#include "usage.h"

#include <algorithm>
#include <map>

#include "sealing.h"
#include "search_text.h"
#include "utf8.h"

namespace zwgk::usage {

using nlohmann::json;

namespace {

bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000'; }

// Print kinds in report order; a job of another kind is not counted.
const char* const kPrintKinds[] = {"document", "guide", "poster", "receipt"};

// Applicant columns of table 三 that the wizard can tell apart.
constexpr const char* kCitizen = "自然人";
constexpr const char* kOrganisation = "法人或其他组织";

struct Totals {
    int64_t sessions = 0, documents = 0, catalogue = 0, guides = 0, qa = 0, searches = 0, zero = 0, faults = 0,
            readAloud = 0;
    std::map<std::string, int64_t> jobs, pages, applications;

    void add(const UsageCount& c) {
        const std::string& k = c.kind;
        if (k == kSession) sessions += c.count;
        else if (k == kViewDocument) documents += c.count;
        else if (k == kViewCatalogue) catalogue += c.count;
        else if (k == kViewGuide) guides += c.count;
        else if (k == kViewQA) qa += c.count;
        else if (k == kSearch) searches += c.count;
        else if (k == kSearchZero) zero += c.count;
        else if (k == kPrinterFault) faults += c.count;
        else if (k == kReadAloud) readAloud += c.count;
        else if (k == kPrintJobs) jobs[c.key] += c.count;
        else if (k == kPrintPages) pages[c.key] += c.count;
        else if (k == kApplication) applications[c.key] += c.count;
    }

    static json byKind(const std::map<std::string, int64_t>& m) {
        json j = json::object();
        for (const char* kind : kPrintKinds) j[kind] = m.count(kind) ? m.at(kind) : 0;
        return j;
    }

    json toJson() const {
        const auto applicants = [&](const char* type) {
            return applications.count(type) ? applications.at(type) : int64_t(0);
        };
        return {{"sessions", sessions},
                {"document_views", documents},
                {"catalogue_views", catalogue},
                {"guide_views", guides},
                {"qa_views", qa},
                {"searches", searches},
                {"zero_result_searches", zero},
                {"print_jobs", byKind(jobs)},
                {"print_pages", byKind(pages)},
                {"printer_faults", faults},
                {"applications", {{kCitizen, applicants(kCitizen)}, {kOrganisation, applicants(kOrganisation)}}},
                {"read_aloud", readAloud}};
    }
};

// Views of one kind summed over the period, by key, most viewed first.
json ranking(const std::vector<UsageCount>& rows, const char* kind, const char* keyName) {
    std::map<std::string, int64_t> sums;
    for (const UsageCount& c : rows)
        if (c.kind == kind) sums[c.key] += c.count;
    std::vector<std::pair<std::string, int64_t>> sorted(sums.begin(), sums.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    json list = json::array();
    for (const auto& [key, views] : sorted) list.push_back({{keyName, key}, {"views", views}});
    return list;
}

json queriesJson(const Store& store, int fromYear, int toYear, const char* kind) {
    json shown = json::array();
    int64_t withheldQueries = 0, withheldSearches = 0;
    for (int year = fromYear; year <= toYear; ++year)
        for (const UsageQuery& q : store.usageQueries(year)) {
            if (q.kind != kind) continue;
            if (q.text.empty()) {
                ++withheldQueries;
                withheldSearches += q.count;
            } else {
                shown.push_back({{"year", year}, {"query", q.text}, {"sessions", q.sessions}, {"count", q.count}});
            }
        }
    return {{"shown", shown}, {"withheld_queries", withheldQueries}, {"withheld_searches", withheldSearches}};
}

int64_t printTotal(const json& byKind, bool withReceipts) {
    int64_t sum = 0;
    for (const auto& [kind, n] : byKind.items())
        if (withReceipts || kind != "receipt") sum += n.get<int64_t>();
    return sum;
}

// Table rows of the annual report (国办公开办函〔2019〕60号 format) that these counts feed.
json annualReport(const json& totals) {
    const int64_t citizens = totals["applications"][kCitizen];
    const int64_t organisations = totals["applications"][kOrganisation];
    return {
        {"说明", "本终端为政府信息公开查阅场所（政务公开专区）。机构类别终端不询问，请按申请材料归入商业企业等各栏。"},
        {"二、主动公开政府信息情况",
         {{"公共查阅点（政务公开专区终端）",
           {{"服务人次", totals["sessions"]},
            {"查阅政府信息次数", totals["document_views"]},
            {"查阅政务公开事项标准目录次数", totals["catalogue_views"]},
            {"查阅办事指南次数", totals["guide_views"]},
            {"查阅政策问答次数", totals["qa_views"]},
            {"检索次数", totals["searches"]},
            {"打印份数", printTotal(totals["print_jobs"], false)},
            {"打印页数", printTotal(totals["print_pages"], false)}}}}},
        {"三、收到和处理政府信息公开申请情况",
         {{"一、本年新收政府信息公开申请数量（经本终端提交）",
           {{"申请人情况",
             {{kCitizen, citizens},
              {kOrganisation,
               {{"商业企业", nullptr},
                {"科研机构", nullptr},
                {"社会公益组织", nullptr},
                {"法律服务机构", nullptr},
                {"其他", nullptr},
                {"未区分类别", organisations}}},
              {"总计", citizens + organisations}}}}}}}};
}

}  // namespace

std::string normaliseQuery(std::string_view typed) {
    std::u32string out;
    bool pendingSpace = false;
    for (char32_t c : search::foldString(typed)) {
        if (isSpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += U' ';
        pendingSpace = false;
        out += c;
    }
    return utf8::encode(out);
}

std::string queryKey(Store& store) {
    if (auto hex = store.setting("usage.query_key"); hex && hex->size() == 64) return *hex;
    const std::string key = toHex(randomBytes(32));
    store.setSetting("usage.query_key", key);
    return key;
}

void recordSearch(Store& store, const std::string& day, int64_t session, std::string_view typed, int hits) {
    const std::string query = normaliseQuery(typed);
    if (query.empty() || day.size() < 4) return;
    const int year = std::stoi(day.substr(0, 4));
    const std::string digest = keyedHash(queryKey(store), query);
    store.addUsage(day, kSearch, "");
    store.addUsageQuery(year, kSearch, digest, session, query, kQueryPrivacySessions);
    if (hits == 0) {
        store.addUsage(day, kSearchZero, "");
        store.addUsageQuery(year, kSearchZero, digest, session, query, kQueryPrivacySessions);
    }
}

json exportJson(const Store& store, const std::string& from, const std::string& to, const std::string& exportedAt) {
    const std::vector<UsageCount> rows = store.usageCounts(from, to);
    Totals all;
    std::map<std::string, Totals> months;
    for (const UsageCount& c : rows) {
        all.add(c);
        months[c.day.substr(0, 7)].add(c);
    }
    json monthRows = json::array();
    for (const auto& [month, totals] : months) {
        json row = totals.toJson();
        row["month"] = month;
        monthRows.push_back(std::move(row));
    }
    const json totals = all.toJson();
    const int fromYear = std::stoi(from.substr(0, 4)), toYear = std::stoi(to.substr(0, 4));
    return {{"format", "zwgk-statistics/2"},
            {"terminal_id", store.setting("terminal.id").value_or("")},
            {"location", store.setting("terminal.location").value_or("")},
            {"exported_at", exportedAt},
            {"period", {{"from", from}, {"to", to}}},
            {"totals", totals},
            {"months", monthRows},
            {"documents", ranking(rows, kViewDocument, "key")},
            {"topics", ranking(rows, kViewTopic, "topic")},
            {"catalogue_areas", ranking(rows, kViewCatalogue, "area")},
            {"guides", ranking(rows, kViewGuide, "key")},
            {"qa", ranking(rows, kViewQA, "key")},
            {"queries",
             {{"privacy_sessions", kQueryPrivacySessions},
              {"searches", queriesJson(store, fromYear, toYear, kSearch)},
              {"zero_result_searches", queriesJson(store, fromYear, toYear, kSearchZero)}}},
            {"annual_report", annualReport(totals)}};
}

json exportYear(const Store& store, int year, const std::string& exportedAt) {
    const std::string y = std::to_string(year);
    return exportJson(store, y + "-01-01", y + "-12-31", exportedAt);
}

json heartbeatSummary(const Store& store, int year) {
    const std::string y = std::to_string(year);
    Totals totals;
    for (const UsageCount& c : store.usageCounts(y + "-01-01", y + "-12-31")) totals.add(c);
    json summary = totals.toJson();
    summary["year"] = year;
    return summary;
}

std::string reportText(const json& e) {
    const json& t = e["totals"];
    std::string out = "usage statistics " + e["period"]["from"].get<std::string>() + " .. " +
                      e["period"]["to"].get<std::string>() + " (terminal " + e["terminal_id"].get<std::string>() +
                      ")\n";
    const auto line = [&](const std::string& label, const json& value) {
        out += "  " + label + std::string(label.size() < 24 ? 24 - label.size() : 1, ' ') + value.dump() + "\n";
    };
    line("sessions", t["sessions"]);
    line("document views", t["document_views"]);
    line("catalogue views", t["catalogue_views"]);
    line("guide views", t["guide_views"]);
    line("Q&A views", t["qa_views"]);
    line("searches", t["searches"]);
    line("zero-result searches", t["zero_result_searches"]);
    line("print jobs", t["print_jobs"]);
    line("print pages", t["print_pages"]);
    line("printer faults", t["printer_faults"]);
    line("applications", t["applications"]);
    line("read aloud", t["read_aloud"]);
    out += "by month:\n";
    for (const json& m : e["months"])
        out += "  " + m["month"].get<std::string>() + "  sessions " + m["sessions"].dump() + ", document views " +
               m["document_views"].dump() + ", searches " + m["searches"].dump() + ", applications " +
               m["applications"].dump() + "\n";
    out += "most viewed documents:\n";
    int shown = 0;
    for (const json& d : e["documents"]) {
        if (++shown > 10) break;
        out += "  " + d["views"].dump() + "  " + d["key"].get<std::string>() + "\n";
    }
    const json& q = e["queries"]["searches"];
    out += "queries typed in at least " + e["queries"]["privacy_sessions"].dump() + " sessions:\n";
    for (const json& s : q["shown"])
        out += "  " + s["sessions"].dump() + " sessions  " + s["query"].get<std::string>() + "\n";
    out += "  (" + q["withheld_queries"].dump() + " rarer queries withheld, " + q["withheld_searches"].dump() +
           " searches)\n";
    const json& z = e["queries"]["zero_result_searches"];
    out += "zero-result queries:\n";
    for (const json& s : z["shown"])
        out += "  " + s["sessions"].dump() + " sessions  " + s["query"].get<std::string>() + "\n";
    out += "  (" + z["withheld_queries"].dump() + " rarer queries withheld)\n";
    return out;
}

}  // namespace zwgk::usage
