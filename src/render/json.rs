//! `--json`: exactly one JSON object per search, a stable format for scripts:
//! `{"query", "total_hits", "hits": [{"score", "path", "line", "title", "year", "heading",
//! "text", "snippet", "file"}], "facets": {"year": {"2024": 3, "unknown": 1}}}`.
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
    path: &'a str,
    line: u64,
    title: &'a str,
    year: Option<u16>,
    heading: &'a str,
    text: &'a str,
    snippet: String,
    file: &'a str,
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
    paths: &[String],
) -> io::Result<()> {
    let hits = results
        .hits
        .iter()
        .zip(paths)
        .map(|(hit, path)| JsonHit {
            score: hit.score,
            path,
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
        })
        .collect();
    let years: Map<String, Value> = results
        .year_counts
        .iter()
        .map(|(year, count)| (year.clone(), Value::from(*count)))
        .collect();
    let mut facets = Map::new();
    facets.insert("year".to_string(), Value::Object(years));
    let object = JsonResults {
        query,
        total_hits: results.total_hits,
        hits,
        facets,
    };
    serde_json::to_writer(&mut *out, &object).map_err(io::Error::other)?;
    writeln!(out)
}
