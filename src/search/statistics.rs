//! BM25 statistics of the live passages only, so that an index updated in place ranks exactly
//! as the same corpus indexed whole (see `index::statistics`): live document counts, live
//! document frequencies (counted through the postings in segments with deleted passages; as
//! stored elsewhere), and field word counts recorded at build time.

use std::collections::BTreeMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, Term, TERMINATED};

/// Statistics of the live passages of `searcher`'s index.
pub struct LiveStatistics<'a> {
    pub searcher: &'a Searcher,
    /// Words per field name, from `baogao.json`.
    pub field_tokens: &'a BTreeMap<String, u64>,
}

impl Bm25StatisticsProvider for LiveStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let name = self.searcher.schema().get_field_name(field);
        match self.field_tokens.get(name) {
            Some(total) => Ok(*total),
            None => Bm25StatisticsProvider::total_num_tokens(self.searcher, field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut total = 0u64;
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(term.field())?;
            let Some(alive) = segment.alive_bitset() else {
                total += u64::from(inverted.doc_freq(term)?);
                continue;
            };
            let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_alive(doc) {
                    total += 1;
                }
                doc = postings.advance();
            }
        }
        Ok(total)
    }
}
