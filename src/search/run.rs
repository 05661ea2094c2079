//! Running a search: candidates by BM25 (field boosts, jieba words over grams), reranked by
//! proximity, at most N per report, reprints folded (in [`super::stream`]); a snippet of each,
//! the total count and the facet counts.

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};
use thiserror::Error;

use super::filters::{FacetCounts, FacetName, Filters};
use super::query::{build_query, BuiltQuery, QueryError};
use super::rank::{heading_line_factor, proximity_factor};
use super::segment::vocabulary;
use super::snippet::{find_matches, snippet, snippet_where, Snippet};
use super::sort::SortKey;
use super::statistics::LiveStatistics;
use super::stored::Stored;
use super::stream::HitStream;
use super::whole::word_boundaries;
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
    #[error("searching the index")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Runs `request` against an open index.
pub fn search(open: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let mut stream = search_stream(open, request)?;
    let total_hits = stream.total_hits;
    let facets = std::mem::take(&mut stream.facets);
    let hits = stream.collect::<Result<Vec<Hit>, SearchError>>()?;
    Ok(SearchResults {
        total_hits,
        hits,
        facets,
    })
}

/// Runs `request` against an open index, the hits read one at a time as they are asked for
/// (see [`HitStream`]): the same hits as [`search`], in the same order.
pub fn search_stream<'a>(
    open: &'a OpenIndex,
    request: &SearchRequest,
) -> Result<HitStream<'a>, SearchError> {
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

    let top = top
        .into_iter()
        .map(|((score, _), address)| (score, address))
        .collect();
    drop(is_word);
    HitStream::new(open, searcher, built, request, top, total_hits, facets)
}

/// The snippet of a hit's text; with `-w`, only whole-word occurrences highlighted.
pub(super) fn snippet_for(text: &str, built: &BuiltQuery) -> Snippet {
    match built.whole_words {
        None => snippet(text, &built.highlights),
        Some(open_end) => {
            let boundaries = word_boundaries(text);
            snippet_where(text, &built.highlights, |range| {
                boundaries.contains(&range.start) && (open_end || boundaries.contains(&range.end))
            })
        }
    }
}

/// Whether the hit holds one typed form of every group (always, when no synonym was added).
pub(super) fn typed_forms_in(hit: &Hit, typed: &[Vec<String>]) -> bool {
    if typed.is_empty() {
        return true;
    }
    let all = format!("{}\n{}\n{}", hit.text, hit.title, hit.heading);
    typed
        .iter()
        .all(|forms| !find_matches(&all, forms).is_empty())
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

/// The text of `field` of a stored passage (empty when it has none).
pub(super) fn read_text(
    searcher: &Searcher,
    address: DocAddress,
    field: Field,
) -> Result<String, tantivy::TantivyError> {
    let mut stored: Stored = searcher.doc(address)?;
    Ok(stored.text(field))
}

/// A stored passage as a hit, its BM25 `score` weighed by proximity and heading lines.
pub(super) fn read_hit(
    searcher: &Searcher,
    address: DocAddress,
    score: f32,
    open: &OpenIndex,
    built: &BuiltQuery,
) -> Result<Hit, tantivy::TantivyError> {
    Ok(hit_of(searcher.doc(address)?, score, open, built))
}

/// The stored values of a passage as a hit, as [`read_hit`] makes it.
pub(super) fn hit_of(mut stored: Stored, score: f32, open: &OpenIndex, built: &BuiltQuery) -> Hit {
    let fields = &open.schema.fields;
    let text = stored.text(fields.text);
    let title = stored.text(fields.title);
    Hit {
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
        published: stored.date(fields.published),
        report: stored.number(fields.report),
        passage: stored.number(fields.passage),
        also: Vec::new(),
    }
}
