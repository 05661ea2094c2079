//! The plain output of `search`, grep-style: `path:line` first, so editors and terminals can
//! jump to it, then title, year and heading, then the snippet with the matches marked.

use std::io::{self, Write};

use super::style::{BOLD_RED, DIM, GREEN, MAGENTA, RESET};
use super::{mark_terminal_safe, MARK_CLOSE, MARK_OPEN};
use crate::search::SearchResults;

/// Writes hits and the facet summary; `display` turns a corpus-relative path into the path shown.
pub fn write_plain(
    out: &mut impl Write,
    results: &SearchResults,
    display: &dyn Fn(&str) -> String,
    color: bool,
) -> io::Result<()> {
    let paint = |code: &str, text: &str| super::style::paint(color, code, text);
    for hit in &results.hits {
        let passage = &hit.passage;
        let path = display(&passage.path);
        writeln!(
            out,
            "{}:{}",
            paint(MAGENTA, &path),
            paint(GREEN, &passage.line.to_string())
        )?;
        let year = passage
            .year
            .map_or_else(|| "year unknown".to_string(), |y| y.to_string());
        let mut about = format!("{} · {}", passage.title, year);
        if !passage.heading.is_empty() {
            about.push_str(" · ");
            about.push_str(&passage.heading);
        }
        writeln!(out, "  {}", paint(DIM, &about))?;
        let (open, close) = if color {
            (BOLD_RED, RESET)
        } else {
            (MARK_OPEN, MARK_CLOSE)
        };
        // Line breaks become spaces (one byte for one: the highlights stay in place).
        let flat = hit.snippet.text.replace(['\n', '\r'], " ");
        let body = mark_terminal_safe(&flat, &hit.snippet.highlights, open, close);
        let before = if hit.snippet.cut_before { "…" } else { "" };
        let after = if hit.snippet.cut_after { "…" } else { "" };
        writeln!(out, "  {before}{body}{after}")?;
        for other in &hit.also {
            writeln!(
                out,
                "  {}",
                paint(
                    DIM,
                    &format!("also at {}:{}", display(&other.path), other.line)
                )
            )?;
        }
        writeln!(out)?;
    }
    let shown = results.hits.len();
    let folded: usize = results.hits.iter().map(|hit| hit.also.len()).sum();
    let noun = if results.total_hits == 1 {
        "hit"
    } else {
        "hits"
    };
    let mut summary = format!("{} {noun}", results.total_hits);
    if shown + folded < results.total_hits {
        summary.push_str(&format!(
            " (best {shown} shown; --limit N, --per-report N for more)"
        ));
    }
    for facet in &results.facets {
        if facet.counts.is_empty() {
            continue;
        }
        let counts: Vec<String> = facet
            .counts
            .iter()
            .map(|(value, n)| format!("{value}: {n}"))
            .collect();
        summary.push_str(&format!(
            " · by {}: {}",
            facet.facet.field_name(),
            counts.join(", ")
        ));
    }
    writeln!(out, "{}", paint(DIM, &summary))
}
