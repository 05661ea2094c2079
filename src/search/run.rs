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
use super::rank::{heading_line_factor, proximity_factor, rerank_window};
use super::segment::vocabulary;
use super::snippet::{find_matches, snippet, snippet_where, Snippet};
use super::sort::SortKey;
use super::statistics::LiveStatistics;
use super::stored::{lacks, Stored, StoredPassage};
use super::stream::HitStream;
use super::whole::word_boundaries;
use crate::index::OpenIndex;
use crate::schema::facet::{value_of, UNKNOWN};

/// The fast field that orders passages of equal score.
const TIEBREAK_FIELD: &str = "tiebreak";

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
    /// BM25, weighed by proximity and heading lines (see [`Hit::ranked`]).
    pub score: f32,
    pub passage: StoredPassage,
    pub snippet: Snippet,
    /// Near-identical passages elsewhere, folded into this hit.
    pub also: Vec<Location>,
}

impl Hit {
    /// `passage` found with the BM25 score `bm25`, weighed by how close the query's words
    /// stand (proximity) and whether the passage is a heading line of the report. The
    /// snippet is cut for the hits shown only, once ranking is done.
    pub fn ranked(passage: StoredPassage, bm25: f32, built: &BuiltQuery) -> Hit {
        let score = bm25
            * proximity_factor(&passage.text, &built.proximity)
            * heading_line_factor(&passage.text, &passage.title);
        Hit {
            score,
            passage,
            snippet: Snippet::default(),
            also: Vec::new(),
        }
    }
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
    let mut candidates = rerank_window(request.limit).min(passages.max(1));
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
            collector.add_facet(facet.root());
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
            let values = counts
                .get(facet.root())
                .map(|(value, count)| (value_of(value).to_string(), count))
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
    let passage = &hit.passage;
    let all = format!("{}\n{}\n{}", passage.text, passage.title, passage.heading);
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
        (a == UNKNOWN).cmp(&(b == UNKNOWN)).then(order)
    });
    counts
}

/// The text of `field` of a stored passage.
pub(super) fn read_text(
    searcher: &Searcher,
    address: DocAddress,
    field: Field,
) -> Result<String, tantivy::TantivyError> {
    let mut stored: Stored = searcher.doc(address)?;
    stored.text(field).ok_or_else(|| lacks("text"))
}

/// A stored passage as a hit, its BM25 `score` weighed as [`Hit::ranked`] does.
pub(super) fn read_hit(
    searcher: &Searcher,
    address: DocAddress,
    score: f32,
    open: &OpenIndex,
    built: &BuiltQuery,
) -> Result<Hit, tantivy::TantivyError> {
    let passage = StoredPassage::read(searcher, address, &open.schema.fields)?;
    Ok(Hit::ranked(passage, score, built))
}
