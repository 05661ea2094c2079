//! Running a search: candidates by BM25 (field boosts, jieba words over grams), reranked by
//! proximity, at most N per report, reprints folded; a snippet of each, the total count and
//! the facet counts.

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};
use tantivy::{DocAddress, Searcher};
use thiserror::Error;

use std::collections::HashSet;

use super::filters::{FacetCounts, FacetName, Filters};
use super::query::{build_query, BuiltQuery, QueryError};
use super::rank::{heading_line_factor, limit_per_report, proximity_factor, shingles, Reprints};
use super::segment::vocabulary;
use super::snippet::{find_matches, snippet, Snippet};
use super::sort::{sort_hits, SortKey};
use super::statistics::LiveStatistics;
use crate::dates::from_datetime;
use crate::index::OpenIndex;
use crate::report::Date;

/// The fast field that orders passages of equal score.
const TIEBREAK_FIELD: &str = "tiebreak";

/// Candidates reranked beyond what is shown, at the least.
const MIN_CANDIDATES: usize = 100;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    /// At most this many passages of one report (0: no limit).
    pub per_report: usize,
    /// No synonym expansion.
    pub exact: bool,
    /// The facets to count hits of.
    pub facets: Vec<FacetName>,
    /// The order of the hits (relevance unless asked), reversed when `reverse`.
    pub sort: SortKey,
    pub reverse: bool,
}

/// Another place where a hit's passage stands, near-identical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub line: u64,
}

/// A passage found by a search.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: f32,
    /// The file, relative to the corpus root.
    pub path: String,
    /// 1-based line in the file where the passage starts.
    pub line: u64,
    pub title: String,
    pub year: Option<u16>,
    pub heading: String,
    /// The whole passage.
    pub text: String,
    pub kind: String,
    pub level: String,
    /// The region, or None when unknown.
    pub region: Option<String>,
    pub org: Option<String>,
    pub published: Option<Date>,
    /// Position of the report in its file, and of the passage in its report.
    pub report: u64,
    pub passage: u64,
    pub snippet: Snippet,
    /// Near-identical passages elsewhere, folded into this hit.
    pub also: Vec<Location>,
}

/// The outcome of a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Passages matching the query and filters (before folding and the per-report limit).
    pub total_hits: usize,
    pub hits: Vec<Hit>,
    /// Hits per value of each facet asked for, over all matches (not only those shown).
    pub facets: Vec<FacetCounts>,
}

/// Why a search failed.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("searching the index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Runs `request` against an open index.
pub fn search(open: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let searcher = open.reader.searcher();
    let is_word = vocabulary(&searcher, open.schema.fields.text);
    let built = build_query(
        &open.schema,
        &request.query,
        &request.filters,
        request.exact,
        &is_word,
    )?;

    // Never more than the index holds: the collector allocates its size up front, and a
    // limit of 2^64 - 1 is a valid number to type.
    let passages = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let mut candidates = MIN_CANDIDATES
        .max(request.limit.saturating_mul(10))
        .min(passages.max(1));
    if !request.sort.is_relevance(request.reverse) {
        // Another order than the best first: every match is a candidate.
        candidates = searcher.search(&*built.query, &Count)?.max(1);
    }
    let mut collectors = MultiCollector::new();
    // Equal scores are ordered by the passages' tie-break keys, not by where the index put them.
    let top_handle = collectors.add_collector(TopDocs::with_limit(candidates).order_by((
        SortBySimilarityScore,
        SortByStaticFastValue::<u64>::for_field(TIEBREAK_FIELD),
    )));
    let count_handle = collectors.add_collector(Count);
    let facet_handles: Vec<_> = request
        .facets
        .iter()
        .map(|facet| {
            let mut collector = FacetCollector::for_field(facet.field_name());
            collector.add_facet(format!("/{}", facet.field_name()).as_str());
            (*facet, collectors.add_collector(collector))
        })
        .collect();
    let statistics = LiveStatistics {
        searcher: &searcher,
        field_tokens: &open.meta.field_tokens,
    };
    let mut fruits =
        searcher.search_with_statistics_provider(&*built.query, &collectors, &statistics)?;
    let top = top_handle.extract(&mut fruits);
    let total_hits = count_handle.extract(&mut fruits);
    let facets = facet_handles
        .into_iter()
        .map(|(facet, handle)| {
            let counts = handle.extract(&mut fruits);
            let root = format!("/{}", facet.field_name());
            let values = counts
                .get(&root)
                .map(|(value, count)| {
                    (
                        value
                            .to_path()
                            .last()
                            .copied()
                            .unwrap_or("unknown")
                            .to_string(),
                        count,
                    )
                })
                .collect();
            FacetCounts {
                facet,
                counts: sort_counts(facet, values),
            }
        })
        .collect();

    // Read in the store's order, so that each compressed block of the store is opened once
    // (in score order, a thousand hits reopen blocks the small cache has already let go).
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&at| top[at].1);
    let mut read: Vec<Option<Hit>> = vec![None; top.len()];
    for at in order {
        let ((score, _), address) = top[at];
        read[at] = Some(read_hit(&searcher, address, score, open, &built)?);
    }
    let hits: Vec<Hit> = read.into_iter().flatten().collect();
    let hits = rank_hits(hits, &built, request);
    Ok(SearchResults {
        total_hits,
        hits,
        facets,
    })
}

/// The candidates of a search, scored, put in their final order: typed forms before synonyms
/// only, best score first (ties by path and passage), reprints folded, at most N per report,
/// sorted as asked, cut to the limit, each with its snippet. Shared by the local and the
/// remote search (`crate::remote`), so both rank and show hits the same way.
pub fn rank_hits(hits: Vec<Hit>, built: &BuiltQuery, request: &SearchRequest) -> Vec<Hit> {
    let synonym_only: Vec<bool> = hits
        .iter()
        .map(|hit| !typed_forms_in(hit, &built.typed))
        .collect();
    // (found by synonyms only, hit): typed forms rank first. A total order (path, report and
    // passage name one passage), so an unstable sort of the positions gives the one result,
    // without moving the hits themselves around.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_unstable_by(|&x, &y| {
        let (a, b) = (&hits[x], &hits[y]);
        synonym_only[x]
            .cmp(&synonym_only[y])
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.report.cmp(&b.report))
            .then_with(|| a.passage.cmp(&b.passage))
    });
    let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
    let ranked: Vec<Hit> = order
        .into_iter()
        .filter_map(|at| slots[at].take())
        .collect();
    let hits = fold_reprints(ranked);
    let mut hits = limit_per_report(hits, request.per_report, |hit| {
        (hit.path.clone(), hit.report)
    });
    sort_hits(&mut hits, request.sort, request.reverse);
    hits.truncate(request.limit);
    for hit in &mut hits {
        hit.snippet = snippet(&hit.text, &built.highlights);
    }
    hits
}

/// Whether the hit holds one typed form of every group (always, when no synonym was added).
fn typed_forms_in(hit: &Hit, typed: &[Vec<String>]) -> bool {
    if typed.is_empty() {
        return true;
    }
    let all = format!("{}\n{}\n{}", hit.text, hit.title, hit.heading);
    typed
        .iter()
        .all(|forms| !find_matches(&all, forms).is_empty())
}

/// Folds each hit that is near-identical to a better one into it, as another location, and
/// drops a hit at the same `path:line` as a better one (another piece of one long paragraph):
/// like grep, a line is shown once. Each hit is compared only with the kept hits that share a
/// bigram of its prefix ([`Reprints`]), so this is linear in the hits, not quadratic.
fn fold_reprints(hits: Vec<Hit>) -> Vec<Hit> {
    let shingled: Vec<_> = hits.iter().map(|hit| shingles(&hit.text)).collect();
    let mut reprints = Reprints::new(&shingled);
    let mut lines: HashSet<(&str, u64)> = HashSet::with_capacity(hits.len());
    // The index in `hits` of each kept hit, and the locations folded into it.
    let mut kept: Vec<(usize, Vec<Location>)> = Vec::with_capacity(hits.len());
    for (index, hit) in hits.iter().enumerate() {
        if lines.contains(&(hit.path.as_str(), hit.line)) {
            continue;
        }
        match reprints.find_or_keep(&shingled, index) {
            Some(first) => kept[first].1.push(Location {
                path: hit.path.clone(),
                line: hit.line,
            }),
            None => {
                lines.insert((hit.path.as_str(), hit.line));
                kept.push((index, Vec::new()));
            }
        }
    }
    let mut folded: Vec<Option<Vec<Location>>> = vec![None; hits.len()];
    for (index, also) in kept {
        folded[index] = Some(also);
    }
    hits.into_iter()
        .zip(folded)
        .filter_map(|(mut hit, also)| {
            hit.also.extend(also?);
            Some(hit)
        })
        .collect()
}

/// Years newest first, other facets most hits first, ties by value; `unknown` last.
pub fn sort_counts(facet: FacetName, mut counts: Vec<(String, u64)>) -> Vec<(String, u64)> {
    counts.sort_by(|(a, a_count), (b, b_count)| {
        let order = if facet == FacetName::Year {
            b.cmp(a)
        } else {
            b_count.cmp(a_count).then_with(|| a.cmp(b))
        };
        (a == "unknown").cmp(&(b == "unknown")).then(order)
    });
    counts
}

/// The stored values of a passage, as read: moved into a [`Hit`] without copying.
struct Stored(Vec<(Field, OwnedValue)>);

impl DocumentDeserialize for Stored {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(entry) = deserializer.next_field()? {
            values.push(entry);
        }
        Ok(Stored(values))
    }
}

impl Stored {
    /// The first value of `field`, taken out.
    fn take(&mut self, field: Field) -> Option<OwnedValue> {
        self.0
            .iter_mut()
            .find(|(at, _)| *at == field)
            .map(|(_, value)| std::mem::replace(value, OwnedValue::Null))
    }

    fn text(&mut self, field: Field) -> String {
        match self.take(field) {
            Some(OwnedValue::Str(text)) => text,
            _ => String::new(),
        }
    }

    fn number(&mut self, field: Field) -> u64 {
        match self.take(field) {
            Some(OwnedValue::U64(number)) => number,
            _ => 0,
        }
    }

    /// The last part of a facet (/year/2024 → 2024), `unknown` when there is none.
    fn facet(&mut self, field: Field) -> String {
        match self.take(field) {
            Some(OwnedValue::Facet(facet)) => facet
                .encoded_str()
                .rsplit(['\0', '/'])
                .next()
                .unwrap_or("unknown")
                .to_string(),
            _ => "unknown".to_string(),
        }
    }
}

fn read_hit(
    searcher: &Searcher,
    address: DocAddress,
    score: f32,
    open: &OpenIndex,
    built: &BuiltQuery,
) -> Result<Hit, tantivy::TantivyError> {
    let fields = &open.schema.fields;
    let mut stored: Stored = searcher.doc(address)?;
    let text = stored.text(fields.text);
    let title = stored.text(fields.title);
    Ok(Hit {
        score: score
            * proximity_factor(&text, &built.proximity)
            * heading_line_factor(&text, &title),
        path: stored.text(fields.path),
        line: stored.number(fields.line),
        title,
        year: stored.facet(fields.year).parse::<u16>().ok(),
        heading: stored.text(fields.heading),
        // Cut for the hits shown only, once ranking is done.
        snippet: Snippet::default(),
        text,
        kind: stored.facet(fields.kind),
        level: stored.facet(fields.level),
        region: Some(stored.facet(fields.region)).filter(|region| region != "unknown"),
        org: Some(stored.text(fields.org)).filter(|org| !org.is_empty()),
        published: match stored.take(fields.published) {
            Some(OwnedValue::Date(date)) => from_datetime(date),
            _ => None,
        },
        report: stored.number(fields.report),
        passage: stored.number(fields.passage),
        also: Vec::new(),
    })
}
