// Synthetic corpus for benchmarks and load tests: many documents of realistic length whose
// text is sampled from the demo content, so that search, paging and the glyph atlas see the
// vocabulary of real 政府信息 at the size of a county's full archive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "content_source.h"
#include "domain.h"

namespace zwgk {

class Store;

struct CorpusOptions {
    int documents = 100000;  // how many documents to generate
    uint64_t seed = 1;       // same seed and demo content, same corpus
    int targetChars = 2000;  // body length in characters; each document is within ±10%
    int batchSize = 2000;    // documents per transaction when inserting
};

struct CorpusStats {
    int documents = 0;        // documents inserted
    int64_t characters = 0;   // body characters inserted
    double seconds = 0;       // wall time for generation and insertion
};

// Produces documents one at a time. AGENCIES are the store's agencies (with row ids) for the
// keys of DEMO; every text comes from DEMO, so the demo's glyph set covers the corpus.
class CorpusGenerator {
public:
    CorpusGenerator(const ContentSet& demo, const std::vector<Agency>& agencies,
                    const CorpusOptions& options);
    ~CorpusGenerator();
    CorpusGenerator(const CorpusGenerator&) = delete;
    CorpusGenerator& operator=(const CorpusGenerator&) = delete;

    Document next();  // the next document; keys gen-000001, gen-000002 …

private:
    struct State;
    std::unique_ptr<State> state_;  // sentence pools, random state, serial number
};

// Inserts options.documents generated documents into STORE, which must already hold DEMO
// (Store::importContent), in batches of options.batchSize, then merges the search index.
CorpusStats generateCorpus(Store& store, const ContentSet& demo, const CorpusOptions& options);

// Writes a content source directory at OUTDIR: every file of the source DEMODIR (DEMO is
// it, loaded) plus options.documents generated documents in documents/gen-NNNNN.json files
// of 1,000 each, for bundle benchmarks and load tests. Memory stays at one file's worth.
CorpusStats writeGeneratedSource(const std::string& demoDir, const ContentSet& demo, const std::string& outDir,
                                 const CorpusOptions& options);

}  // namespace zwgk
