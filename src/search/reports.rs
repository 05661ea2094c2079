//! Every report of the index with what the indexer understood of it (`baogao reports`): one
//! row per (path, report number), under the filters of `search`.
//!
//! Built to audit an index of a gigabyte: one pass over the matching passages reads only the
//! `report` and `passage` fast fields and each segment's path postings (as the tallies do), and
//! keeps, per report, its passage count and its first passage; then one stored document per
//! report is read, in index order, for title, line and metadata.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::filters::Filters;
use super::query::filter_queries;
use super::run::SearchError;
use super::stored::StoredPassage;
use super::tally::paths_by_doc;
use crate::index::OpenIndex;
use crate::report::{Date, Kind, Level};

/// One report as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    /// The file, relative to the corpus root.
    pub path: String,
    /// 1-based position of the report in its file.
    pub report: u64,
    /// The line where the report's first passage starts.
    pub line: u64,
    pub title: String,
    pub year: Option<u16>,
    pub kind: Kind,
    pub level: Level,
    /// The region, or None when unknown.
    pub region: Option<String>,
    pub org: Option<String>,
    pub published: Option<Date>,
    /// How many passages of the report the index holds.
    pub passages: u64,
}

/// Every report whose passages pass `filters` (the filters of [`super::search`], built by the
/// same code), sorted by path, then report number.
pub fn list_reports(
    open: &OpenIndex,
    filters: &Filters,
) -> Result<Vec<ReportSummary>, SearchError> {
    let searcher = open.reader.searcher();
    let clauses: Vec<(Occur, Box<dyn Query>)> = filter_queries(&open.schema, filters)
        .into_iter()
        .map(|query| (Occur::Must, query))
        .collect();
    let query: Box<dyn Query> = if clauses.is_empty() {
        Box::new(AllQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    let collector = ReportCollector {
        path: open.schema.fields.path,
    };
    let found = searcher.search(&*query, &collector)?;

    // Stored documents are read in index order, so that each compressed block of the store is
    // decompressed once.
    let mut firsts: Vec<(DocAddress, &ReportKey, &ReportEntry)> = found
        .iter()
        .map(|(key, entry)| (entry.first, key, entry))
        .collect();
    firsts.sort_by_key(|(address, _, _)| (address.segment_ord, address.doc_id));
    let mut reports = Vec::with_capacity(firsts.len());
    for (address, (path, report), entry) in firsts {
        let passage = StoredPassage::read(&searcher, address, &open.schema.fields)?;
        reports.push(ReportSummary {
            path: path.clone(),
            report: *report,
            line: passage.line,
            title: passage.title,
            year: passage.year,
            kind: passage.kind,
            level: passage.level,
            region: passage.region,
            org: passage.org,
            published: passage.published,
            passages: entry.passages,
        });
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path).then(a.report.cmp(&b.report)));
    Ok(reports)
}

/// (path, report number in the file).
type ReportKey = (String, u64);

/// What the pass over the passages keeps of one report.
#[derive(Debug, Clone, Copy)]
struct ReportEntry {
    passages: u64,
    /// The passage of lowest position in the report, and where it is.
    first_passage: u64,
    first: DocAddress,
}

impl ReportEntry {
    fn absorb(&mut self, other: ReportEntry) {
        self.passages += other.passages;
        if other.first_passage < self.first_passage {
            self.first_passage = other.first_passage;
            self.first = other.first;
        }
    }
}

struct ReportCollector {
    path: tantivy::schema::Field,
}

impl Collector for ReportCollector {
    type Fruit = BTreeMap<ReportKey, ReportEntry>;
    type Child = ReportSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<ReportSegment> {
        let (paths, path_of_doc) = paths_by_doc(reader, self.path)?;
        Ok(ReportSegment {
            segment,
            report: reader.fast_fields().u64("report")?,
            passage: reader.fast_fields().u64("passage")?,
            paths,
            path_of_doc,
            reports: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<BTreeMap<ReportKey, ReportEntry>>,
    ) -> tantivy::Result<BTreeMap<ReportKey, ReportEntry>> {
        // A report's passages may lie in several segments (threads, merges).
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (key, entry) in fruit {
                merged
                    .entry(key)
                    .and_modify(|into: &mut ReportEntry| into.absorb(entry))
                    .or_insert(entry);
            }
        }
        Ok(merged)
    }
}

struct ReportSegment {
    segment: SegmentOrdinal,
    report: Column<u64>,
    passage: Column<u64>,
    paths: Vec<String>,
    path_of_doc: Vec<u32>,
    /// (path index, report number) → entry.
    reports: HashMap<(u32, u64), ReportEntry>,
}

impl SegmentCollector for ReportSegment {
    type Fruit = BTreeMap<ReportKey, ReportEntry>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let path = self
            .path_of_doc
            .get(doc as usize)
            .copied()
            .unwrap_or(u32::MAX);
        let key = (path, self.report.first(doc).unwrap_or(0));
        let entry = ReportEntry {
            passages: 1,
            first_passage: self.passage.first(doc).unwrap_or(u64::MAX),
            first: DocAddress::new(self.segment, doc),
        };
        self.reports
            .entry(key)
            .and_modify(|into| into.absorb(entry))
            .or_insert(entry);
    }

    fn harvest(self) -> Self::Fruit {
        let paths = &self.paths;
        self.reports
            .into_iter()
            .map(|((path, report), entry)| {
                let path = paths.get(path as usize).cloned().unwrap_or_default();
                ((path, report), entry)
            })
            .collect()
    }
}
