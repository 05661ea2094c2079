//! `--json`: exactly one JSON object per search, a stable format for scripts:
//! `{"query", "total_hits", "hits": [{"score", "path", "line", "title", "year", "heading",
//! "text", "snippet", "file", "kind", "level", "region", "org", "published", "also"}],
//! "facets": {"year": {"2024": 3, "unknown": 1}}}` (one object per facet counted).
//! `path` is the file as seen from the current folder, `file` relative to the corpus root;
//! `snippet` marks matches with « ».

use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{self, Write};

use super::{mark, MARK_CLOSE, MARK_OPEN};
use crate::search::SearchResults;

#[derive(Serialize)]
struct JsonHit<'a> {
    score: f32,
    path: String,
    line: u64,
    title: &'a str,
    year: Option<u16>,
    heading: &'a str,
    text: &'a str,
    snippet: String,
    file: &'a str,
    kind: &'a str,
    level: &'a str,
    region: Option<&'a str>,
    org: Option<&'a str>,
    published: Option<String>,
    also: Vec<JsonLocation>,
}

#[derive(Serialize)]
struct JsonLocation {
    path: String,
    line: u64,
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total_hits: usize,
    hits: Vec<JsonHit<'a>>,
    facets: Map<String, Value>,
}

/// Writes the results of `query` as one JSON object and a newline.
pub fn write_json(
    out: &mut impl Write,
    query: &str,
    results: &SearchResults,
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    let hits = results
        .hits
        .iter()
        .map(|hit| JsonHit {
            score: hit.score,
            path: display(&hit.path),
            line: hit.line,
            title: &hit.title,
            year: hit.year,
            heading: &hit.heading,
            text: &hit.text,
            snippet: mark(
                &hit.snippet.text,
                &hit.snippet.highlights,
                MARK_OPEN,
                MARK_CLOSE,
            ),
            file: &hit.path,
            kind: &hit.kind,
            level: &hit.level,
            region: hit.region.as_deref(),
            org: hit.org.as_deref(),
            published: hit.published.map(|date| date.to_string()),
            also: hit
                .also
                .iter()
                .map(|other| JsonLocation {
                    path: display(&other.path),
                    line: other.line,
                })
                .collect(),
        })
        .collect();
    let mut facets = Map::new();
    for facet in &results.facets {
        let counts: Map<String, Value> = facet
            .counts
            .iter()
            .map(|(value, count)| (value.clone(), Value::from(*count)))
            .collect();
        facets.insert(facet.facet.field_name().to_string(), Value::Object(counts));
    }
    let object = JsonResults {
        query,
        total_hits: results.total_hits,
        hits,
        facets,
    };
    serde_json::to_writer(&mut *out, &object).map_err(io::Error::other)?;
    writeln!(out)
}
