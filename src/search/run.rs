//! Running a search: ranked hits (BM25 with field boosts), a snippet of each, the total
//! count and the count of hits per year.

use std::ops::Range;
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, TantivyDocument};
use thiserror::Error;

use super::filters::{FacetCounts, FacetName, Filters};
use super::query::{build_query, QueryError};
use crate::dates::from_datetime;
use crate::index::OpenIndex;
use crate::report::Date;

/// Longest snippet, in bytes (tantivy counts bytes): about 80 Chinese characters.
const SNIPPET_BYTES: usize = 240;
/// Characters of the passage shown when the match is in its title or heading only.
const LEAD_CHARS: usize = 80;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    /// The facets to count hits of.
    pub facets: Vec<FacetName>,
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
    pub passage: u64,
    pub snippet: Snippet,
}

/// A piece of a passage around the matches, with the matched byte ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// The outcome of a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
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
    let fields = &open.schema.fields;
    let query = build_query(&open.index, &open.schema, &request.query, &request.filters)?;
    let reader = open.index.reader()?;
    let searcher = reader.searcher();

    // Fetch a few more than asked so that ties at the cut are broken by path, not by the
    // order segments happen to be in.
    let fetch = request.limit + request.limit / 2 + 8;
    let mut collectors = MultiCollector::new();
    let top_handle = collectors.add_collector(TopDocs::with_limit(fetch.max(1)).order_by_score());
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
    let mut fruits = searcher.search(&query, &collectors)?;
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

    let mut snippets = SnippetGenerator::create(&searcher, &*query, fields.text)?;
    snippets.set_max_num_chars(SNIPPET_BYTES);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        hits.push(read_hit(&searcher, address, score, open, &snippets)?);
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.passage.cmp(&b.passage))
    });
    hits.truncate(request.limit);
    Ok(SearchResults {
        total_hits,
        hits,
        facets,
    })
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
    searcher: &tantivy::Searcher,
    address: DocAddress,
    score: f32,
    open: &OpenIndex,
    snippets: &SnippetGenerator,
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
    let year = facet_of(fields.year).parse::<u16>().ok();
    let region = Some(facet_of(fields.region)).filter(|region| region != "unknown");
    let org = Some(text_of(fields.org)).filter(|org| !org.is_empty());
    let published = document
        .get_first(fields.published)
        .and_then(|value| value.as_datetime())
        .and_then(from_datetime);
    let text = text_of(fields.text);
    let found = snippets.snippet(&text);
    let snippet = if found.is_empty() {
        Snippet {
            text: text.chars().take(LEAD_CHARS).collect(),
            highlights: Vec::new(),
        }
    } else {
        Snippet {
            text: found.fragment().to_string(),
            highlights: found.highlighted().to_vec(),
        }
    };
    Ok(Hit {
        score,
        path: text_of(fields.path),
        line: number_of(fields.line),
        title: text_of(fields.title),
        year,
        heading: text_of(fields.heading),
        text,
        kind: facet_of(fields.kind),
        level: facet_of(fields.level),
        region,
        org,
        published,
        passage: number_of(fields.passage),
        snippet,
    })
}
