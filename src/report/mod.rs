//! Reports: a file's cleaned lines cut into reports, each with its title, metadata and
//! passages.

pub mod metadata;
mod overrides;
mod split;
mod title;
mod year;

pub use metadata::{Date, Kind, Level, Metadata};
pub use overrides::{load_overrides, sidecar_path, OverrideError, Overrides};
pub use title::{find_title, is_title_like};
pub use year::{find_year, year_in};

use crate::text::{clean_lines, fold, heading_level, rejoin, split_passages, Line, Passage};
use split::split_reports;

/// How many non-empty lines of a report are its opening, where title, year and publication
/// date are looked for.
pub const OPENING_LINES: usize = 20;

/// A report with what baogao knows of it.
#[derive(Debug, Clone)]
pub struct Report {
    /// 1-based position of the report in its file.
    pub number: usize,
    pub title: String,
    pub metadata: Metadata,
    pub passages: Vec<Passage>,
}

/// What a file turned out to hold.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub reports: Vec<Report>,
    /// Lines dropped as web boilerplate.
    pub boilerplate_lines: usize,
}

/// Understands the text of one report file; `file_name` (without folders) is the title of
/// last resort and a hint for metadata (2026_上海市_政府工作报告.txt).
pub fn parse_file(text: &str, file_name: &str) -> ParsedFile {
    let lines = clean_lines(text);
    let boilerplate_lines = lines
        .iter()
        .filter(|line| line.boilerplate.is_some())
        .count();
    let reports = split_reports(&lines)
        .into_iter()
        .enumerate()
        .map(|(index, segment)| {
            parse_report(index + 1, segment.marker_text, segment.lines, file_name)
        })
        .filter(|report| !report.passages.is_empty())
        .collect();
    ParsedFile {
        reports,
        boilerplate_lines,
    }
}

fn parse_report(
    number: usize,
    marker_text: Option<String>,
    lines: &[Line],
    file_name: &str,
) -> Report {
    let body: Vec<&Line> = lines
        .iter()
        .filter(|line| line.boilerplate.is_none())
        .collect();
    let opening: Vec<&str> = body
        .iter()
        .take(OPENING_LINES)
        .map(|line| line.folded.as_str())
        .collect();
    let title = match marker_text {
        Some(text) if is_title_like(&fold(&text)) => text,
        marker_text => find_title(&opening)
            .map(|at| body[at].text.clone())
            .or(marker_text.filter(|text| !text.is_empty()))
            .unwrap_or_else(|| file_stem(file_name).to_string()),
    };
    // Metadata sees the boilerplate too: publication dates sit in 发布时间 lines.
    let raw_opening: Vec<&str> = lines
        .iter()
        .take(OPENING_LINES)
        .map(|line| line.folded.as_str())
        .collect();
    let metadata = metadata::extract(&fold(&title), &raw_opening, file_name);
    let mut paragraphs = rejoin(body.iter().copied());
    // The title block: title-like lines before the first paragraph (002_….txt repeats its
    // title as X县卫健委上半年工作总结【完整版】) are variants of the title, not sections.
    let title_block = paragraphs
        .iter()
        .take_while(|paragraph| {
            let folded = fold(&paragraph.text);
            is_title_like(&folded) && heading_level(&folded) == Some(0)
        })
        .count();
    paragraphs.drain(..title_block);
    let passages = split_passages(&paragraphs, &title);
    Report {
        number,
        title,
        metadata,
        passages,
    }
}

fn file_stem(file_name: &str) -> &str {
    file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
}
