//! A report: its metadata (title, year) and its passages, understood from a file's text.

pub mod metadata;
mod title;
mod year;

pub use title::find_title;
pub use year::{find_year, year_in};

use crate::text::{split_passages, Passage};

/// How far into a report (in non-empty lines) the title and, failing the title, the year
/// are looked for.
pub const OPENING_LINES: usize = 20;

/// A report with what baogao knows of it.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    /// The year the report is about; None when it cannot be told.
    pub year: Option<u16>,
    pub passages: Vec<Passage>,
}

/// Understands the text of one report file. `fallback_title` (the file's name) is used when
/// no line looks like a title.
pub fn parse_report(text: &str, fallback_title: &str) -> Report {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .collect();
    let opening: Vec<&str> = lines
        .iter()
        .map(|(_, line)| line.trim())
        .filter(|line| !line.is_empty())
        .take(OPENING_LINES)
        .collect();
    let title = find_title(&opening).unwrap_or(fallback_title).to_string();
    let year = find_year(&title, &opening);
    let passages = split_passages(lines, &title);
    Report {
        title,
        year,
        passages,
    }
}
