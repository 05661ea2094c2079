//! Output: hits, passages, trends and index statistics as plain text for people (coloured on
//! a terminal) or as one JSON object for scripts. Renderers write to any `Write` and return
//! its errors; the caller decides what a closed pipe means. The report list also as CSV, for
//! spreadsheets ([`csv`]).

mod chart;
pub mod csv;
mod escape;
mod files;
mod json;
mod plain;
mod reports;
mod show;
mod stats;
mod trend;

pub use chart::bar;
pub use csv::{csv_columns, write_csv_header, write_csv_hits};
pub use escape::terminal_safe;
pub use files::write_files;
pub use json::{write_json, write_json_array, write_json_line};
pub use plain::write_plain;
pub use reports::{write_reports_csv, write_reports_json, write_reports_plain};
pub use show::{write_show_json, write_show_plain, Excerpt};
pub use stats::{human_bytes, write_stats_json, write_stats_plain, IndexStats};
pub use trend::{write_trend_json, write_trend_plain, write_trend_table, write_trends_json, Trend};

use std::borrow::Cow;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::Path;

/// `--color`: when to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour stdout.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// The width of the terminal stdout writes to, in columns; None in a pipe or a file.
pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(terminal_size::Width(width), _)| usize::from(width))
}

/// ANSI styles used by the plain renderers when colour is on.
pub(crate) mod style {
    pub const MAGENTA: &str = "\x1b[35m";
    pub const GREEN: &str = "\x1b[32m";
    pub const CYAN: &str = "\x1b[36m";
    pub const BOLD: &str = "\x1b[1m";
    pub const BOLD_RED: &str = "\x1b[1;31m";
    pub const DIM: &str = "\x1b[2m";
    pub const RESET: &str = "\x1b[0m";

    /// `text` in `code` when `color`, else as is; terminal-safe either way.
    pub fn paint(color: bool, code: &str, text: &str) -> String {
        let text = super::terminal_safe(text);
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.into_owned()
        }
    }
}

/// Markers around a match when there is no colour.
pub const MARK_OPEN: &str = "«";
pub const MARK_CLOSE: &str = "»";

/// `text` with the byte ranges `highlights` wrapped in `open`/`close`; overlapping ranges
/// (jieba's search mode yields 卫生 and 卫生院 at one place) are merged first.
pub fn mark(text: &str, highlights: &[Range<usize>], open: &str, close: &str) -> String {
    mark_with(text, highlights, open, close, Cow::Borrowed)
}

/// [`mark`] for a terminal: the text between the marks made [`terminal_safe`].
pub fn mark_terminal_safe(
    text: &str,
    highlights: &[Range<usize>],
    open: &str,
    close: &str,
) -> String {
    mark_with(text, highlights, open, close, terminal_safe)
}

fn mark_with<'t>(
    text: &'t str,
    highlights: &[Range<usize>],
    open: &str,
    close: &str,
    piece: impl Fn(&'t str) -> Cow<'t, str>,
) -> String {
    let mut ranges: Vec<Range<usize>> = highlights
        .iter()
        .filter(|r| {
            r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let mut out = String::with_capacity(text.len() + merged.len() * (open.len() + close.len()));
    let mut at = 0;
    for range in merged {
        out.push_str(&piece(&text[at..range.start]));
        out.push_str(open);
        out.push_str(&piece(&text[range.clone()]));
        out.push_str(close);
        at = range.end;
    }
    out.push_str(&piece(&text[at..]));
    out
}

/// The path of a hit as a user can open it from the current folder: relative to `cwd` when
/// the corpus is under it (`corpus/004_….txt`), else absolute.
pub fn display_path(corpus_root: &Path, relative: &str, cwd: Option<&Path>) -> String {
    let full = corpus_root.join(relative);
    let shown = cwd
        .and_then(|cwd| full.strip_prefix(cwd).ok())
        .unwrap_or(&full);
    shown.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_merges_overlapping_ranges() {
        let text = "乡镇卫生院建设";
        // 卫生 (6..12) and 卫生院 (6..15)
        assert_eq!(mark(text, &[6..12, 6..15], "[", "]"), "乡镇[卫生院]建设");
        assert_eq!(mark(text, &[], "[", "]"), text);
    }

    #[test]
    fn display_path_is_relative_to_cwd_when_possible() {
        let root = Path::new("/work/main/corpus");
        assert_eq!(
            display_path(root, "a/b.txt", Some(Path::new("/work/main"))),
            "corpus/a/b.txt"
        );
        assert_eq!(
            display_path(root, "b.txt", Some(Path::new("/elsewhere"))),
            "/work/main/corpus/b.txt"
        );
    }
}
