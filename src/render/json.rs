//! `--json`: exactly one JSON object per search, a stable format for scripts:
//! `{"query", "total_hits", "hits": [{"score", "path", "file", "line", "report", "passage",
//! "title", "year", "heading", "text", "kind", "level", "region", "org", "published",
//! "snippet", "also"}], "facets": {"year": {"2024": 3, "unknown": 1}}}` (one object per facet
//! counted, its values in the order the plain output lists them). The passage's fields are
//! those of [`StoredPassage`], as `show --json` writes them.
//! `path` is the file as seen from the current folder, `file` relative to the corpus root;
//! `snippet` marks matches with « ».

use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{self, Write};

use super::{mark, MARK_CLOSE, MARK_OPEN};
use crate::search::{Hit, SearchResults, StoredPassage};

#[derive(Serialize)]
struct JsonHit<'a> {
    /// Only in `--json-lines`, where a line stands alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a str>,
    score: f32,
    path: String,
    file: &'a str,
    #[serde(flatten)]
    passage: &'a StoredPassage,
    snippet: String,
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
    serde_json::to_writer(&mut *out, &json_results(query, results, display))
        .map_err(io::Error::from)?;
    writeln!(out)
}

/// `-f FILE --json`: the results of each query, one object each as [`write_json`] writes
/// them, in one array.
pub fn write_json_array(
    out: &mut impl Write,
    sets: &[(String, SearchResults)],
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    let objects: Vec<JsonResults> = sets
        .iter()
        .map(|(query, results)| json_results(query, results, display))
        .collect();
    serde_json::to_writer(&mut *out, &objects).map_err(io::Error::from)?;
    writeln!(out)
}

/// One line of `--json-lines`: `hit` with its `query`; the caller writes each hit as it is
/// read, so that an export of any size is never held.
pub fn write_json_line(
    out: &mut impl Write,
    query: &str,
    hit: &Hit,
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    let mut line = json_hit(hit, display);
    line.query = Some(query);
    serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
    writeln!(out)
}

fn json_hit<'a>(hit: &'a Hit, display: &dyn Fn(&str) -> String) -> JsonHit<'a> {
    JsonHit {
        query: None,
        score: hit.score,
        path: display(&hit.passage.path),
        file: &hit.passage.path,
        passage: &hit.passage,
        snippet: mark(
            &hit.snippet.text,
            &hit.snippet.highlights,
            MARK_OPEN,
            MARK_CLOSE,
        ),
        also: hit
            .also
            .iter()
            .map(|other| JsonLocation {
                path: display(&other.path),
                line: other.line,
            })
            .collect(),
    }
}

fn json_results<'a>(
    query: &'a str,
    results: &'a SearchResults,
    display: &dyn Fn(&str) -> String,
) -> JsonResults<'a> {
    let hits = results
        .hits
        .iter()
        .map(|hit| json_hit(hit, display))
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
    JsonResults {
        query,
        total_hits: results.total_hits,
        hits,
        facets,
    }
}
