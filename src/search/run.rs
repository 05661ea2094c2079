//! Running a search: candidates by BM25 (field boosts, jieba words over grams), reranked by
//! proximity, at most N per report, reprints folded; a snippet of each, the total count and
//! the facet counts.

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};
use thiserror::Error;

use super::filters::{FacetCounts, FacetName, Filters};
use super::query::{build_query, BuiltQuery, QueryError};
use super::rank::{limit_per_report, near_identical, proximity_factor, shingles};
use super::segment::vocabulary;
use super::snippet::{find_matches, snippet, Snippet};
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
    let candidates = MIN_CANDIDATES
        .max(request.limit.saturating_mul(10))
        .min(passages.max(1));
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

    // (found by synonyms only, hit): typed forms rank first.
    let mut ranked = Vec::with_capacity(top.len());
    for ((score, _), address) in top {
        let hit = read_hit(&searcher, address, score, open, &built)?;
        ranked.push((!typed_forms_in(&hit, &built.typed), hit));
    }
    ranked.sort_by(|(a_synonym, a), (b_synonym, b)| {
        a_synonym
            .cmp(b_synonym)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.report.cmp(&b.report))
            .then_with(|| a.passage.cmp(&b.passage))
    });
    let hits = fold_reprints(ranked.into_iter().map(|(_, hit)| hit).collect());
    let mut hits = limit_per_report(hits, request.per_report, |hit| {
        (hit.path.clone(), hit.report)
    });
    hits.truncate(request.limit);
    for hit in &mut hits {
        hit.snippet = snippet(&hit.text, &built.highlights);
    }
    Ok(SearchResults {
        total_hits,
        hits,
        facets,
    })
}

/// Whether the hit holds one typed form of every group (always, when no synonym was added).
fn typed_forms_in(hit: &Hit, typed: &[Vec<String>]) -> bool {
    let all = format!("{}\n{}\n{}", hit.text, hit.title, hit.heading);
    typed
        .iter()
        .all(|forms| !find_matches(&all, forms).is_empty())
}

/// Folds each hit that is near-identical to a better one into it, as another location, and
/// drops a hit at the same `path:line` as a better one (another piece of one long paragraph):
/// like grep, a line is shown once.
fn fold_reprints(hits: Vec<Hit>) -> Vec<Hit> {
    let mut kept: Vec<(Hit, _)> = Vec::with_capacity(hits.len());
    for hit in hits {
        if kept
            .iter()
            .any(|(first, _)| first.line == hit.line && first.path == hit.path)
        {
            continue;
        }
        let shingles = shingles(&hit.text);
        match kept
            .iter_mut()
            .find(|(_, other)| near_identical(&shingles, other))
        {
            Some((first, _)) => first.also.push(Location {
                path: hit.path,
                line: hit.line,
            }),
            None => kept.push((hit, shingles)),
        }
    }
    kept.into_iter().map(|(hit, _)| hit).collect()
}

/// Years newest first, other facets most hits first, ties by value; `unknown` last.
fn sort_counts(facet: FacetName, mut counts: Vec<(String, u64)>) -> Vec<(String, u64)> {
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

fn read_hit(
    searcher: &Searcher,
    address: DocAddress,
    score: f32,
    open: &OpenIndex,
    built: &BuiltQuery,
) -> Result<Hit, tantivy::TantivyError> {
    let fields = &open.schema.fields;
    let document: TantivyDocument = searcher.doc(address)?;
    let text_of = |field: Field| {
        document
            .get_first(field)
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let number_of = |field: Field| {
        document
            .get_first(field)
            .and_then(|value| value.as_u64())
            .unwrap_or(0)
    };
    let facet_of = |field: Field| {
        document
            .get_first(field)
            .and_then(|value| value.as_facet())
            .and_then(|encoded| encoded.rsplit(['\0', '/']).next())
            .unwrap_or("unknown")
            .to_string()
    };
    let text = text_of(fields.text);
    Ok(Hit {
        score: score * proximity_factor(&text, &built.proximity),
        path: text_of(fields.path),
        line: number_of(fields.line),
        title: text_of(fields.title),
        year: facet_of(fields.year).parse::<u16>().ok(),
        heading: text_of(fields.heading),
        // Cut for the hits shown only, once ranking is done.
        snippet: Snippet::default(),
        text,
        kind: facet_of(fields.kind),
        level: facet_of(fields.level),
        region: Some(facet_of(fields.region)).filter(|region| region != "unknown"),
        org: Some(text_of(fields.org)).filter(|org| !org.is_empty()),
        published: document
            .get_first(fields.published)
            .and_then(|value| value.as_datetime())
            .and_then(from_datetime),
        report: number_of(fields.report),
        passage: number_of(fields.passage),
        also: Vec::new(),
    })
}
