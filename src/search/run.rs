//! Running a search: ranked hits (BM25 with field boosts), a snippet of each, the total
//! count and the count of hits per year.

use serde::Serialize;
use std::ops::Range;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, TantivyDocument};
use thiserror::Error;

use super::query::{build_query, QueryError};
use super::years::YearFilter;
use crate::index::OpenIndex;

/// Longest snippet, in bytes (tantivy counts bytes): about 80 Chinese characters.
const SNIPPET_BYTES: usize = 240;
/// Characters of the passage shown when the match is in its title or heading only.
const LEAD_CHARS: usize = 80;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub years: Option<YearFilter>,
    pub limit: usize,
}

/// A passage found by a search.
#[derive(Debug, Clone, Serialize)]
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
    #[serde(skip)]
    pub passage: u64,
    #[serde(skip)]
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
    /// Hits per year over all matches (not only those shown): (year or "unknown", count),
    /// newest year first, unknown last.
    pub year_counts: Vec<(String, u64)>,
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
    let query = build_query(&open.index, &open.schema, &request.query, request.years)?;
    let reader = open.index.reader()?;
    let searcher = reader.searcher();

    // Fetch a few more than asked so that ties at the cut are broken by path, not by the
    // order segments happen to be in.
    let fetch = request.limit + request.limit / 2 + 8;
    let mut facets = FacetCollector::for_field("year");
    facets.add_facet("/year");
    let (top, total_hits, facet_counts) = searcher.search(
        &query,
        &(
            TopDocs::with_limit(fetch.max(1)).order_by_score(),
            Count,
            facets,
        ),
    )?;

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
            .then_with(|| a.passage.cmp(&b.passage))
    });
    hits.truncate(request.limit);

    let mut year_counts: Vec<(String, u64)> = facet_counts
        .get("/year")
        .map(|(facet, count)| {
            (
                facet
                    .to_path()
                    .last()
                    .copied()
                    .unwrap_or("unknown")
                    .to_string(),
                count,
            )
        })
        .collect();
    year_counts.sort_by(|(a, _), (b, _)| {
        (a == "unknown")
            .cmp(&(b == "unknown"))
            .then_with(|| b.cmp(a))
    });
    Ok(SearchResults {
        total_hits,
        hits,
        year_counts,
    })
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
    let year = document
        .get_first(fields.year)
        .and_then(|value| value.as_facet())
        .and_then(|encoded| encoded.rsplit(['\0', '/']).next())
        .and_then(|label| label.parse::<u16>().ok());
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
        passage: number_of(fields.passage),
        snippet,
    })
}
