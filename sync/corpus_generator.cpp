#include "corpus_generator.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "civil_date.h"
#include "glyphs.h"
#include "utf8.h"
#include "store.h"

namespace zwgk {

namespace {

// splitmix64: tiny, fast and identical on every platform, unlike the distributions of
// <random>, whose output may differ between standard libraries.
struct Random {
    uint64_t state;  // advances by the golden-ratio increment per draw

    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
    int between(int low, int high) { return low + static_cast<int>(below(high - low + 1)); }
    bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
};

struct Sentence {
    std::string text;  // UTF-8, ends with its punctuation
    int length;        // in characters
};

bool isSentenceEnd(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'；'; }
bool isClauseBreak(char32_t c) {
    return isSentenceEnd(c) || c == U'，' || c == U'、' || c == U'：' || c == U'（' ||
           c == U'）' || c == U'“' || c == U'”' || c == U'《' || c == U'》' || c == U'\u3000';
}
bool isCjk(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }


// Replaces the first run of ASCII digits with FIRST and the last run with LAST, keeping
// everything else of a real 文号 or address (its characters are in the glyph set).
std::string replaceDigitRuns(const std::string& text, const std::string& first,
                             const std::string& last) {
    std::vector<std::pair<size_t, size_t>> runs;  // start, length
    for (size_t i = 0; i < text.size();) {
        if (text[i] >= '0' && text[i] <= '9') {
            size_t j = i;
            while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
            runs.emplace_back(i, j - i);
            i = j;
        } else {
            ++i;
        }
    }
    if (runs.empty()) return text;
    std::string out = text;
    if (runs.size() > 1) out.replace(runs.back().first, runs.back().second, last);
    out.replace(runs.front().first, runs.front().second, runs.size() > 1 ? first : last);
    return out;
}

}  // namespace

struct CorpusGenerator::State {
    CorpusOptions options;                       // size, seed, batch
    Random random;                               // the only source of variation
    std::vector<Sentence> sentences;             // body material
    std::vector<std::string> clauses;            // title material, 4–14 characters
    std::vector<std::string> titleKinds;         // what follows the last 的 in demo titles
    std::vector<std::string> docNoPatterns;      // demo 文号 with digits to replace
    std::vector<std::string> urlPatterns;        // demo addresses with digits to replace
    std::vector<std::string> disclosures;        // 主动公开 …
    std::map<Validity, std::vector<std::string>> validNotes;  // demo notes per validity
    std::vector<const Agency*> agencies;         // store agencies that exist in the demo
    std::vector<std::string> topicNames;         // demo topics
    std::vector<std::string> areaNames;          // demo areas
    int firstYear = 2020;                        // published years of the demo …
    int lastYear = 2025;                         // … spread evenly over this range
    std::u32string yearChar, monthChar, dayChar; // 年 月 日 when the demo has them
    std::string about = "关于";                  // title glue, checked against the demo
    std::string of = "的";                       // title glue, checked against the demo
    int serial = 0;                              // documents produced so far
    std::vector<Agency> ownedAgencies;           // copy, so the pointers above stay valid
};

CorpusGenerator::CorpusGenerator(const ContentSet& demo, const std::vector<Agency>& agencies,
                                 const CorpusOptions& options)
    : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.options = options;
    s.random.state = options.seed;

    auto addSentences = [&](const std::string& paragraph) {
        std::u32string text = utf8::decode(paragraph);
        std::u32string current;
        std::u32string clause;
        for (char32_t c : text) {
            current.push_back(c);
            if (isClauseBreak(c)) {
                if (clause.size() >= 4 && clause.size() <= 14 &&
                    std::all_of(clause.begin(), clause.end(), isCjk))
                    s.clauses.push_back(utf8::encode(clause));
                clause.clear();
            } else {
                clause.push_back(c);
            }
            if (isSentenceEnd(c)) {
                if (current.size() >= 6)
                    s.sentences.push_back({utf8::encode(current), static_cast<int>(current.size())});
                current.clear();
            }
        }
    };
    std::set<int> years;
    std::set<std::string> kinds, disclosures;
    for (const DocumentRecord& d : demo.documents) {
        for (const std::string& p : d.body) addSentences(p);
        years.insert(std::stoi(d.published.substr(0, 4)));
        disclosures.insert(d.disclosure);
        if (!d.validNote.empty()) s.validNotes[d.validity].push_back(d.validNote);
        if (d.docNo.find_first_of("0123456789") != std::string::npos) s.docNoPatterns.push_back(d.docNo);
        if (!d.url.empty()) s.urlPatterns.push_back(d.url);
        std::u32string title = utf8::decode(d.title);
        size_t last = title.rfind(U'的');
        if (last != std::u32string::npos && title.size() - last - 1 >= 2 && title.size() - last - 1 <= 4)
            kinds.insert(utf8::encode(title.substr(last + 1)));
    }
    for (const QARecord& q : demo.qas)
        for (const std::string& p : q.answer) addSentences(p);
    for (const CatalogueRecord& c : demo.catalogue) {
        addSentences(c.content);
        addSentences(c.basis);
    }
    for (const GuideRecord& g : demo.guides)
        for (const std::string& p : g.steps) addSentences(p);
    for (const AnnouncementRecord& a : demo.announcements)
        for (const std::string& p : a.body) addSentences(p);
    if (s.sentences.empty())
        throw std::runtime_error("corpus generator: the demo content has no sentences to sample");

    s.titleKinds.assign(kinds.begin(), kinds.end());
    s.disclosures.assign(disclosures.begin(), disclosures.end());
    if (s.disclosures.empty()) s.disclosures.push_back("主动公开");
    if (!years.empty()) {
        s.firstYear = *years.begin();
        s.lastYear = *years.rbegin();
    }
    // Glue words only when the demo has them, so that the demo's glyph set covers the titles.
    std::u32string everything;
    for (const DocumentRecord& d : demo.documents) everything += utf8::decode(d.title);
    for (const DocumentRecord& d : demo.documents)
        for (const std::string& line : d.signature) everything += utf8::decode(line);
    auto has = [&](char32_t c) { return everything.find(c) != std::u32string::npos; };
    if (!has(U'关') || !has(U'于')) s.about.clear();
    if (!has(U'的')) s.of.clear();
    if (has(U'年') && has(U'月') && has(U'日')) {
        s.yearChar = U"年";
        s.monthChar = U"月";
        s.dayChar = U"日";
    }

    s.ownedAgencies = agencies;
    for (const Agency& a : s.ownedAgencies)
        for (const Agency& d : demo.agencies)
            if (a.key == d.key) s.agencies.push_back(&a);
    if (s.agencies.empty())
        throw std::runtime_error("corpus generator: the store holds none of the demo agencies; import the demo first");
    for (const Category& t : demo.topics) s.topicNames.push_back(t.name);
    for (const Category& a : demo.areas) s.areaNames.push_back(a.name);
    if (s.topicNames.empty()) throw std::runtime_error("corpus generator: the demo content has no topics");
}

CorpusGenerator::~CorpusGenerator() = default;

Document CorpusGenerator::next() {
    State& s = *state_;
    Random& r = s.random;
    const int serial = ++s.serial;
    char serialText[16];
    std::snprintf(serialText, sizeof serialText, "%06d", serial);

    Document d;
    const Agency& agency = *s.agencies[r.below(s.agencies.size())];
    d.key = std::string("gen-") + serialText;
    d.agencyId = agency.id;
    d.agencyName = agency.name;
    d.topicName = s.topicNames[r.below(s.topicNames.size())];
    if (!s.areaNames.empty() && r.chance(50)) d.areaName = s.areaNames[r.below(s.areaNames.size())];

    const int year = r.between(s.firstYear, s.lastYear);
    const int64_t day = daysFromCivil(year, 1, 1) + static_cast<int64_t>(r.below(365));
    int y, m, dd;
    civilFromDays(day, y, m, dd);
    d.published = isoDate(y, m, dd);
    int cy, cm, cd;
    civilFromDays(day - static_cast<int64_t>(r.below(7)), cy, cm, cd);
    d.created = isoDate(cy, cm, cd);
    d.indexNo = (agency.code.empty() ? std::string("000000000") : agency.code) + "/" +
                std::to_string(y) + "-" + serialText;
    if (!s.docNoPatterns.empty() && r.chance(80))
        d.docNo = replaceDigitRuns(s.docNoPatterns[r.below(s.docNoPatterns.size())],
                                   std::to_string(y), std::to_string(1 + r.below(300)));
    if (!s.urlPatterns.empty())
        d.url = replaceDigitRuns(s.urlPatterns[r.below(s.urlPatterns.size())], std::to_string(y),
                                 std::to_string(serial));

    // Title: <agency>关于<clause>的<kind>, or a clause alone when the demo lacks the glue.
    std::string topic = s.clauses.empty() ? std::string() : s.clauses[r.below(s.clauses.size())];
    if (!s.titleKinds.empty() && !s.about.empty() && !s.of.empty() && !topic.empty())
        d.title = agency.name + s.about + topic + s.of + s.titleKinds[r.below(s.titleKinds.size())];
    else
        d.title = agency.name + topic;

    d.disclosure = s.disclosures[r.below(s.disclosures.size())];
    const size_t roll = r.below(100);
    d.validity = roll < 88 ? Validity::Valid : roll < 96 ? Validity::Expired : Validity::Repealed;
    if (d.validity != Validity::Valid) {
        const auto& notes = s.validNotes[d.validity];
        if (!notes.empty()) d.validNote = notes[r.below(notes.size())];
    }

    // Body: paragraphs of 2–6 sampled sentences until a target length drawn from ±10% of
    // targetChars is reached; a last sentence that would pass +10% is cut short.
    const int lowest = s.options.targetChars * 9 / 10;
    const int highest = s.options.targetChars * 11 / 10;
    const int target = r.between(lowest, highest);
    int length = 0;
    while (length < target) {
        std::string paragraph;
        const int sentencesInParagraph = r.between(2, 6);
        for (int i = 0; i < sentencesInParagraph && length < target; ++i) {
            const Sentence& sentence = s.sentences[r.below(s.sentences.size())];
            if (length + sentence.length > highest) {
                std::u32string cut = utf8::decode(sentence.text).substr(0, static_cast<size_t>(target - length));
                paragraph += utf8::encode(cut);
                length += static_cast<int>(cut.size());
                break;
            }
            paragraph += sentence.text;
            length += sentence.length;
        }
        if (!paragraph.empty()) d.body.push_back(std::move(paragraph));
    }
    d.signature.push_back(agency.name);
    if (!s.yearChar.empty())
        d.signature.push_back(std::to_string(y) + utf8::encode(s.yearChar) + std::to_string(m) +
                              utf8::encode(s.monthChar) + std::to_string(dd) + utf8::encode(s.dayChar));
    else
        d.signature.push_back(d.published);
    return d;
}

CorpusStats generateCorpus(Store& store, const ContentSet& demo, const CorpusOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    CorpusGenerator generator(demo, store.agencies(), options);
    CorpusStats stats;
    std::vector<Document> batch;
    const int batchSize = std::max(1, options.batchSize);
    batch.reserve(static_cast<size_t>(batchSize));
    for (int i = 0; i < options.documents; ++i) {
        batch.push_back(generator.next());
        for (const std::string& p : batch.back().body)
            stats.characters += static_cast<int64_t>(utf8::decode(p).size());
        if (static_cast<int>(batch.size()) == batchSize || i + 1 == options.documents) {
            store.insertDocumentsBulk(batch);
            stats.documents += static_cast<int>(batch.size());
            batch.clear();
        }
    }
    // Batches leave the search index in many segments; one merge makes every later query
    // read one posting list per token (15 s for 100,000 documents).
    if (options.documents > 0) store.optimizeSearchIndex();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

CorpusStats writeGeneratedSource(const std::string& demoDir, const ContentSet& demo, const std::string& outDir,
                                 const CorpusOptions& options) {
    namespace fs = std::filesystem;
    const auto started = std::chrono::steady_clock::now();
    fs::create_directories(fs::path(outDir) / "documents");
    for (const std::string& name : contentSourceFiles(demoDir)) {
        fs::create_directories((fs::path(outDir) / name).parent_path());  // images/ too
        std::ofstream out(fs::path(outDir) / name, std::ios::binary | std::ios::trunc);
        out << readContentSourceFile(demoDir, name);
        if (!out) throw std::runtime_error("cannot write " + (fs::path(outDir) / name).string());
    }
    // The generator works with store-like ids; the source refers by key.
    std::vector<Agency> agencies = demo.agencies;
    std::unordered_map<int64_t, std::string> agencyKeys;
    for (size_t i = 0; i < agencies.size(); ++i) {
        agencies[i].id = static_cast<int64_t>(i + 1);
        agencyKeys[agencies[i].id] = agencies[i].key;
    }
    std::unordered_map<std::string, std::string> topicKeys, areaKeys;
    for (const Category& t : demo.topics) topicKeys[t.name] = t.key;
    for (const Category& a : demo.areas) areaKeys[a.name] = a.key;

    CorpusGenerator generator(demo, agencies, options);
    CorpusStats stats;
    nlohmann::json file = nlohmann::json::array();
    int fileNumber = 0;
    auto flush = [&]() {
        if (file.empty()) return;
        char name[48];
        std::snprintf(name, sizeof name, "documents/gen-%05d.json", ++fileNumber);
        std::ofstream out(fs::path(outDir) / name, std::ios::binary | std::ios::trunc);
        out << file.dump();
        if (!out) throw std::runtime_error(std::string("cannot write ") + name);
        file = nlohmann::json::array();
    };
    for (int i = 0; i < options.documents; ++i) {
        const Document d = generator.next();
        nlohmann::json record = {{"key", d.key},
                                 {"index_no", d.indexNo},
                                 {"title", d.title},
                                 {"agency", agencyKeys.at(d.agencyId)},
                                 {"topic", topicKeys.at(d.topicName)},
                                 {"created", d.created.empty() ? d.published : d.created},
                                 {"published", d.published},
                                 {"disclosure", d.disclosure},
                                 {"body", d.body}};
        if (!d.docNo.empty()) record["doc_no"] = d.docNo;
        if (!d.areaName.empty()) record["area"] = areaKeys.at(d.areaName);
        if (!d.signature.empty()) record["signature"] = d.signature;
        if (!d.url.empty()) record["url"] = d.url;
        if (d.validity != Validity::Valid) {
            record["validity"] = d.validity == Validity::Expired ? "失效" : "废止";
            if (!d.validNote.empty()) record["valid_note"] = d.validNote;
        }
        for (const std::string& p : d.body) stats.characters += static_cast<int64_t>(utf8::decode(p).size());
        file.push_back(std::move(record));
        ++stats.documents;
        if (file.size() == 1000) flush();
    }
    flush();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace zwgk
