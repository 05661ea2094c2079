//! Reports: a file's cleaned lines cut into reports, each with its title, metadata and
//! passages.

pub mod metadata;
mod overrides;
mod split;
mod title;
mod year;

pub use metadata::{Date, Kind, Level, Metadata};
pub use overrides::{OverrideError, Overrides};
pub use title::{
    clean_title, file_name_is_title, find_title, is_title_like, title_in_chrome, title_of_file_name,
};
pub use year::{find_year, year_in};

use crate::text::{
    clean_lines, fold, heading_level, rejoin, split_passages, Line, Paragraph, Passage,
};
use split::{split_reports, Segment};

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
    parse_document(text, file_name, None)
}

/// [`parse_file`] for a document that declares its title (an HTML page's `<h1>` or
/// `<title>`): the declared title stands in when no line of the text is one, and is evidence
/// for year, kind and place.
pub fn parse_document(text: &str, file_name: &str, declared_title: Option<&str>) -> ParsedFile {
    let lines = clean_lines(text);
    let boilerplate_lines = lines
        .iter()
        .filter(|line| line.boilerplate.is_some())
        .count();
    let declared = declared_title
        .map(clean_title)
        .filter(|title| !title.is_empty())
        .or_else(|| {
            lines
                .iter()
                .take(OPENING_LINES)
                .find_map(|line| title_in_chrome(&line.text))
        });
    let reports = split_reports(&lines)
        .into_iter()
        .enumerate()
        .map(|(index, segment)| {
            let names = Names {
                declared: declared.as_deref(),
                // A file name speaks for the file's first report, not for each of a collection.
                file: (index == 0 && file_name_is_title(file_name))
                    .then(|| title_of_file_name(file_name)),
                file_name,
            };
            parse_report(index + 1, segment, &names)
        })
        .filter(|report| !report.passages.is_empty())
        .collect();
    ParsedFile {
        reports,
        boilerplate_lines,
    }
}

/// What names a report besides its own lines.
struct Names<'a> {
    /// The title the document declares.
    declared: Option<&'a str>,
    /// The title its file name gives, when the name reads as one.
    file: Option<String>,
    file_name: &'a str,
}

fn parse_report(number: usize, segment: Segment, names: &Names) -> Report {
    let body: Vec<&Line> = segment
        .lines
        .iter()
        .filter(|line| line.boilerplate.is_none())
        .collect();
    let opening: Vec<&str> = body
        .iter()
        .take(OPENING_LINES)
        .map(|line| line.text.as_str())
        .collect();
    let has_name = names.declared.is_some() || names.file.is_some();
    let found = find_title(&opening).filter(|title| !(title.after_body && has_name));
    let title_lines: Vec<usize> = found
        .iter()
        .flat_map(|title| title.lines.clone())
        .map(|at| body[at].number)
        .collect();
    let marker_text = segment.marker_text.filter(|text| !text.is_empty());
    let title = match marker_text {
        Some(text) if is_title_like(&fold(&text)) => text,
        marker_text => found
            .map(|title| title.text)
            .or_else(|| names.declared.map(str::to_string))
            .or(marker_text)
            .or_else(|| names.file.clone())
            .unwrap_or_else(|| file_stem(names.file_name).to_string()),
    };
    // Metadata sees the boilerplate too: publication dates sit in 发布时间 lines.
    let raw_opening: Vec<&str> = segment
        .lines
        .iter()
        .take(OPENING_LINES)
        .map(|line| line.folded.as_str())
        .collect();
    let folded_body: Vec<&str> = body.iter().map(|line| line.folded.as_str()).collect();
    let folded_title = fold(&title).into_owned();
    let other_names: Vec<String> = names
        .declared
        .map(str::to_string)
        .into_iter()
        .chain(names.file.clone())
        .map(|name| fold(&name).into_owned())
        .filter(|name| *name != folded_title)
        .collect();
    let other_names: Vec<&str> = other_names.iter().map(String::as_str).collect();
    let metadata = metadata::extract_from(&metadata::Sources {
        title: &folded_title,
        names: &other_names,
        opening: &raw_opening,
        body: &folded_body,
        file_name: names.file_name,
    });
    let mut paragraphs = rejoin(body.iter().copied());
    // The title block: the title's lines and title-like lines before the first paragraph (002_….
    // txt repeats its title as X县卫健委上半年工作总结【完整版】) are variants of the title, not
    // sections: passages under no heading, so that they are found like any line.
    let title_block = paragraphs
        .iter()
        .take_while(|paragraph| {
            let folded = fold(&paragraph.text);
            title_lines.contains(&paragraph.number)
                || (is_title_like(&folded) && heading_level(&folded) == Some(0))
        })
        .count();
    let lead: Vec<Paragraph> = paragraphs.drain(..title_block).collect();
    let mut passages: Vec<Passage> = segment
        .marker
        .map(|line| Paragraph::single(line.number, &line.text))
        .iter()
        .chain(&lead)
        .flat_map(|paragraph| split_passages(std::slice::from_ref(paragraph), ""))
        .collect();
    passages.extend(split_passages(&paragraphs, &title));
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
