//! `search -l` and `search -c`: every file with a match, and how many passages match in it
//! (hits as `search` counts them), over all matches, not only the best.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::filters::Filters;
use super::query::build_query;
use super::run::SearchError;
use super::segment::vocabulary;
use super::tally::paths_by_doc;
use crate::index::OpenIndex;

/// (file relative to the corpus root, passages matching in it), sorted by file.
pub fn hits_per_file(
    open: &OpenIndex,
    query: &str,
    filters: &Filters,
    exact: bool,
) -> Result<Vec<(String, u64)>, SearchError> {
    let searcher = open.reader.searcher();
    let is_word = vocabulary(&searcher, open.schema.fields.text);
    let built = build_query(&open.schema, query, filters, exact, &is_word)?;
    let collector = PerFile {
        path: open.schema.fields.path,
    };
    let counts = searcher.search(&*built.query, &collector)?;
    Ok(counts.into_iter().collect())
}

struct PerFile {
    path: tantivy::schema::Field,
}

struct PerFileSegment {
    paths: Vec<String>,
    path_of_doc: Vec<u32>,
    /// Hits per path index of this segment.
    counts: Vec<u64>,
}

impl Collector for PerFile {
    type Fruit = BTreeMap<String, u64>;
    type Child = PerFileSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<PerFileSegment> {
        let (paths, path_of_doc) = paths_by_doc(reader, self.path)?;
        Ok(PerFileSegment {
            counts: vec![0; paths.len()],
            paths,
            path_of_doc,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<BTreeMap<String, u64>>,
    ) -> tantivy::Result<BTreeMap<String, u64>> {
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (path, count) in fruit {
                *merged.entry(path).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for PerFileSegment {
    type Fruit = BTreeMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let at = self.path_of_doc.get(doc as usize).copied();
        if let Some(count) = at.and_then(|at| self.counts.get_mut(at as usize)) {
            *count += 1;
        }
    }

    fn harvest(self) -> BTreeMap<String, u64> {
        self.paths
            .into_iter()
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .collect()
    }
}
