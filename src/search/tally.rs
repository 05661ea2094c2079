//! Counting every match of a query, not only the best: passages and distinct reports per
//! value of a facet (`baogao trend` per year, `baogao stats` per year, kind, level, region).
//!
//! A report is a (path, report number) pair. `path` is an indexed raw field, not a fast one,
//! so each segment maps its documents to their path once, from the path postings: one pass
//! over the segment's documents, far cheaper than reading every matching stored document.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, Query};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

use super::filters::{FacetName, Filters};
use super::query::build_query;
use super::run::SearchError;
use super::segment::vocabulary;
use crate::index::OpenIndex;
use crate::schema::facet::{value_of, UNKNOWN};

/// How many passages match, and in how many distinct reports and files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub passages: u64,
    pub reports: u64,
    pub files: u64,
}

impl Tally {
    fn of(passages: u64, reports: &HashSet<ReportKey>) -> Self {
        let files: HashSet<&str> = reports.iter().map(|(path, _)| path.as_str()).collect();
        Tally {
            passages,
            reports: reports.len() as u64,
            files: files.len() as u64,
        }
    }
}

/// Passages and reports per value of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetTally {
    pub facet: FacetName,
    /// (value, tally) in the value's order (`2019` < `2020` < `unknown`); values without a
    /// match are absent.
    pub values: Vec<(String, Tally)>,
}

/// Everything that matches, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tallies {
    pub total: Tally,
    /// One per facet asked for, in the order asked.
    pub facets: Vec<FacetTally>,
}

impl Tallies {
    /// The tally of one facet, when it was asked for.
    pub fn facet(&self, facet: FacetName) -> Option<&FacetTally> {
        self.facets.iter().find(|tally| tally.facet == facet)
    }
}

/// Matches per year, for a chart: every year from the first to the last (zero where nothing
/// matched), and the reports whose year is unknown apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSeries {
    pub years: Vec<(u16, Tally)>,
    pub unknown: Tally,
}

impl Tallies {
    /// The year facet as a series from the first year with a match to the last, widened to
    /// `from`/`to` when given (the bounds of a `--year` filter); empty without a year tally.
    pub fn year_series(&self, from: Option<u16>, to: Option<u16>) -> YearSeries {
        let mut known = BTreeMap::new();
        let mut unknown = Tally::default();
        for (value, tally) in self
            .facet(FacetName::Year)
            .map_or(&[][..], |facet| &facet.values)
        {
            match value.parse::<u16>() {
                Ok(year) => {
                    known.insert(year, *tally);
                }
                Err(_) => unknown = *tally,
            }
        }
        let first = known.keys().next().copied().into_iter().chain(from).min();
        let last = known
            .keys()
            .next_back()
            .copied()
            .into_iter()
            .chain(to)
            .max();
        let years = match (first, last) {
            (Some(first), Some(last)) => (first..=last)
                .map(|year| (year, known.get(&year).copied().unwrap_or_default()))
                .collect(),
            _ => Vec::new(),
        };
        YearSeries { years, unknown }
    }
}

/// Counts the passages (and reports) matching `query` under `filters`, per value of each of
/// `facets`: the query is parsed and built exactly as [`super::search`] does, so the totals
/// agree with its `total_hits` and facet counts.
pub fn tally_query(
    open: &OpenIndex,
    query: &str,
    filters: &Filters,
    exact: bool,
    facets: &[FacetName],
) -> Result<Tallies, SearchError> {
    let searcher = open.reader.searcher();
    let is_word = vocabulary(&searcher, open.schema.fields.text);
    let built = build_query(&open.schema, query, filters, exact, &is_word)?;
    Ok(tally(&searcher, open, &*built.query, facets)?)
}

/// Counts every passage and report of the index, per value of each of `facets`.
pub fn tally_all(open: &OpenIndex, facets: &[FacetName]) -> Result<Tallies, SearchError> {
    let searcher = open.reader.searcher();
    Ok(tally(&searcher, open, &AllQuery, facets)?)
}

fn tally(
    searcher: &Searcher,
    open: &OpenIndex,
    query: &dyn Query,
    facets: &[FacetName],
) -> tantivy::Result<Tallies> {
    let collector = TallyCollector {
        path: open.schema.fields.path,
        facets: facets.to_vec(),
    };
    let fruit = searcher.search(query, &collector)?;
    Ok(Tallies {
        total: Tally::of(fruit.passages, &fruit.reports),
        facets: facets
            .iter()
            .zip(fruit.facets)
            .map(|(facet, values)| FacetTally {
                facet: *facet,
                values: values
                    .into_iter()
                    .map(|(value, (passages, reports))| (value, Tally::of(passages, &reports)))
                    .collect(),
            })
            .collect(),
    })
}

/// (path, report number in the file).
type ReportKey = (String, u64);

/// Passages and the reports they belong to, per value.
type ValueCounts = BTreeMap<String, (u64, HashSet<ReportKey>)>;

#[derive(Default)]
struct TallyFruit {
    passages: u64,
    reports: HashSet<ReportKey>,
    /// One per facet, in the collector's order.
    facets: Vec<ValueCounts>,
}

struct TallyCollector {
    path: tantivy::schema::Field,
    facets: Vec<FacetName>,
}

impl Collector for TallyCollector {
    type Fruit = TallyFruit;
    type Child = TallySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment> {
        let (paths, path_of_doc) = paths_by_doc(reader, self.path)?;
        let facets = self
            .facets
            .iter()
            .map(|facet| {
                let facet_reader = reader.facet_reader(facet.field_name())?;
                let mut labels = Vec::with_capacity(facet_reader.num_facets());
                let mut value = Facet::root();
                for ord in 0..facet_reader.num_facets() as u64 {
                    facet_reader.facet_from_ord(ord, &mut value)?;
                    labels.push(value_of(&value).to_string());
                }
                Ok(SegmentFacet {
                    reader: facet_reader,
                    labels,
                    counts: HashMap::new(),
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(TallySegment {
            report: reader.fast_fields().u64("report")?,
            paths,
            path_of_doc,
            passages: 0,
            reports: HashSet::new(),
            facets,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TallyFruit>) -> tantivy::Result<TallyFruit> {
        let mut merged = TallyFruit {
            facets: vec![ValueCounts::new(); self.facets.len()],
            ..TallyFruit::default()
        };
        for fruit in fruits {
            merged.passages += fruit.passages;
            merged.reports.extend(fruit.reports);
            for (into, from) in merged.facets.iter_mut().zip(fruit.facets) {
                for (value, (passages, reports)) in from {
                    let entry = into.entry(value).or_default();
                    entry.0 += passages;
                    entry.1.extend(reports);
                }
            }
        }
        Ok(merged)
    }
}

/// The paths of a segment (its path terms) and, for each document, the index of its path.
pub(super) fn paths_by_doc(
    reader: &SegmentReader,
    field: tantivy::schema::Field,
) -> tantivy::Result<(Vec<String>, Vec<u32>)> {
    let inverted = reader.inverted_index(field)?;
    let mut paths = Vec::new();
    let mut path_of_doc = vec![u32::MAX; reader.max_doc() as usize];
    let mut terms = inverted.terms().stream()?;
    while terms.advance() {
        let at = u32::try_from(paths.len()).unwrap_or(u32::MAX);
        paths.push(String::from_utf8_lossy(terms.key()).into_owned());
        let mut postings =
            inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if let Some(slot) = path_of_doc.get_mut(doc as usize) {
                *slot = at;
            }
            doc = postings.advance();
        }
    }
    Ok((paths, path_of_doc))
}

struct SegmentFacet {
    reader: tantivy::fastfield::FacetReader,
    /// The value of each facet ordinal of this segment.
    labels: Vec<String>,
    /// Facet ordinal → (passages, reports as (path index, report number)).
    counts: HashMap<u64, (u64, HashSet<(u32, u64)>)>,
}

struct TallySegment {
    report: Column<u64>,
    paths: Vec<String>,
    path_of_doc: Vec<u32>,
    passages: u64,
    reports: HashSet<(u32, u64)>,
    facets: Vec<SegmentFacet>,
}

impl SegmentCollector for TallySegment {
    type Fruit = TallyFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let path = self
            .path_of_doc
            .get(doc as usize)
            .copied()
            .unwrap_or(u32::MAX);
        let key = (path, self.report.first(doc).unwrap_or(0));
        self.passages += 1;
        self.reports.insert(key);
        for facet in &mut self.facets {
            let ord = facet.reader.facet_ords(doc).next().unwrap_or(u64::MAX);
            let entry = facet.counts.entry(ord).or_default();
            entry.0 += 1;
            entry.1.insert(key);
        }
    }

    fn harvest(self) -> TallyFruit {
        let paths = &self.paths;
        let resolve = |(path, report): (u32, u64)| {
            let path = paths.get(path as usize).cloned().unwrap_or_default();
            (path, report)
        };
        TallyFruit {
            passages: self.passages,
            reports: self.reports.into_iter().map(resolve).collect(),
            facets: self
                .facets
                .into_iter()
                .map(|facet| {
                    let mut values = ValueCounts::new();
                    for (ord, (passages, reports)) in facet.counts {
                        let label = usize::try_from(ord)
                            .ok()
                            .and_then(|ord| facet.labels.get(ord))
                            .map_or(UNKNOWN, String::as_str);
                        let entry = values.entry(label.to_string()).or_default();
                        entry.0 += passages;
                        entry.1.extend(reports.into_iter().map(resolve));
                    }
                    values
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(passages: u64) -> Tally {
        Tally {
            passages,
            reports: 1,
            files: 1,
        }
    }

    fn by_year(values: &[(&str, u64)]) -> Tallies {
        Tallies {
            total: Tally::default(),
            facets: vec![FacetTally {
                facet: FacetName::Year,
                values: values
                    .iter()
                    .map(|(value, n)| (value.to_string(), tally(*n)))
                    .collect(),
            }],
        }
    }

    #[test]
    fn year_series_fills_the_years_between_and_keeps_unknown_apart() {
        let series = by_year(&[("2019", 2), ("2022", 5), ("unknown", 7)]).year_series(None, None);
        let years: Vec<(u16, u64)> = series
            .years
            .iter()
            .map(|(year, tally)| (*year, tally.passages))
            .collect();
        assert_eq!(years, [(2019, 2), (2020, 0), (2021, 0), (2022, 5)]);
        assert_eq!(series.unknown.passages, 7);
    }

    #[test]
    fn year_series_widens_to_the_filter_bounds() {
        let series = by_year(&[("2020", 1)]).year_series(Some(2018), Some(2021));
        assert_eq!(series.years.first().map(|(y, _)| *y), Some(2018));
        assert_eq!(series.years.last().map(|(y, _)| *y), Some(2021));
        assert!(by_year(&[]).year_series(None, None).years.is_empty());
    }
}
