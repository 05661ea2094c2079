//! `baogao reports`: one row per report, for auditing what the indexer understood.
//!
//! Plain: a table aligned for a terminal (Han characters two columns wide), `path:line` first
//! and the title last, so a long title never pushes the other columns; then a count.
//! JSON: `{"reports": [{"path", "file", "line", "title", "year", "kind", "level", "region",
//! "org", "published", "passages", "report"}]}`, written row by row. `path` is the file as seen
//! from the current folder, `file` relative to the corpus root (as in `search --json`);
//! `year`, `region`, `org`, `published` are null when unknown; `report` is the report's number
//! in its file (what a sidecar's `[[report]] number` names).
//! CSV: the same columns, with a header, by [`super::csv`]; unknown values are empty.

use serde::Serialize;
use std::collections::HashSet;
use std::io::{self, Write};

use super::csv::{write_record, Metadata, BOM};
use super::style::{paint, DIM, GREEN, MAGENTA};
use crate::schema::facet::{year_value, UNKNOWN};
use crate::search::ReportSummary;
use unicode_width::UnicodeWidthStr;

/// What the plain table shows for a value the indexer did not find.
const NONE: &str = "-";

/// Writes the table and the count; `display` turns a corpus-relative path into the path shown.
pub fn write_reports_plain(
    out: &mut impl Write,
    reports: &[ReportSummary],
    display: &dyn Fn(&str) -> String,
    color: bool,
) -> io::Result<()> {
    let rows: Vec<PlainRow> = reports
        .iter()
        .map(|report| PlainRow::of(report, display))
        .collect();
    if !rows.is_empty() {
        let header = PlainRow::header();
        let widths = header.widths(&rows);
        writeln!(out, "{}", paint(color, DIM, &header.line(&widths, false)))?;
        for row in &rows {
            writeln!(out, "{}", row.line(&widths, color))?;
        }
        writeln!(out)?;
    }
    let files: HashSet<&str> = reports.iter().map(|report| report.path.as_str()).collect();
    let passages: u64 = reports.iter().map(|report| report.passages).sum();
    let summary = match reports.len() {
        0 => "0 reports".to_string(),
        n => format!(
            "{n} {} in {} {}, {passages} {}",
            plural(n as u64, "report", "reports"),
            files.len(),
            plural(files.len() as u64, "file", "files"),
            plural(passages, "passage", "passages"),
        ),
    };
    writeln!(out, "{}", paint(color, DIM, &summary))
}

fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The cells of one plain row, uncoloured.
struct PlainRow {
    path: String,
    line: String,
    /// year, kind, level, region, org, published (left-aligned).
    facts: [String; 6],
    passages: String,
    title: String,
    /// The header row: `path:line` as the first column's name, painted whole.
    header: bool,
}

impl PlainRow {
    fn of(report: &ReportSummary, display: &dyn Fn(&str) -> String) -> Self {
        let or_none = |value: Option<&str>| value.unwrap_or(NONE).to_string();
        PlainRow {
            path: display(&report.path),
            line: report.line.to_string(),
            facts: [
                year_value(report.year),
                report.kind.to_string(),
                report.level.to_string(),
                report.region.clone().unwrap_or_else(|| UNKNOWN.to_string()),
                or_none(report.org.as_deref()),
                report
                    .published
                    .map_or_else(|| NONE.to_string(), |date| date.to_string()),
            ],
            passages: report.passages.to_string(),
            title: report.title.clone(),
            header: false,
        }
    }

    fn header() -> Self {
        PlainRow {
            path: "path:line".to_string(),
            line: "line".to_string(),
            facts: ["year", "kind", "level", "region", "org", "published"].map(String::from),
            passages: "passages".to_string(),
            title: "title".to_string(),
            header: true,
        }
    }

    /// Column widths over the header (`self`) and `rows`: `path:line`, the facts, passages.
    fn widths(&self, rows: &[PlainRow]) -> [usize; 8] {
        let mut widths = [0; 8];
        for row in std::iter::once(self).chain(rows) {
            let cells = std::iter::once(row.place().width())
                .chain(row.facts.iter().map(|fact| fact.width()))
                .chain([row.passages.width()]);
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(cell);
            }
        }
        widths
    }

    /// `path:line`, or the first column's name for the header.
    fn place(&self) -> String {
        if self.header {
            self.path.clone()
        } else {
            format!("{}:{}", self.path, self.line)
        }
    }

    /// The row padded to `widths`, path and line coloured when `color` (the header is
    /// painted whole by the caller).
    fn line(&self, widths: &[usize; 8], color: bool) -> String {
        let pad = |text: &str, width: usize| " ".repeat(width.saturating_sub(text.width()));
        let place = self.place();
        let mut line = if self.header {
            place.clone()
        } else {
            format!(
                "{}:{}",
                paint(color, MAGENTA, &self.path),
                paint(color, GREEN, &self.line)
            )
        };
        line.push_str(&pad(&place, widths[0]));
        for (fact, width) in self.facts.iter().zip(&widths[1..7]) {
            line.push_str("  ");
            line.push_str(fact);
            line.push_str(&pad(fact, *width));
        }
        line.push_str("  ");
        line.push_str(&pad(&self.passages, widths[7]));
        line.push_str(&self.passages);
        line.push_str("  ");
        line.push_str(&self.title);
        line
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    path: String,
    file: &'a str,
    line: u64,
    #[serde(flatten)]
    metadata: Metadata<'a>,
    passages: u64,
    report: u64,
}

impl<'a> JsonReport<'a> {
    fn of(report: &'a ReportSummary, display: &dyn Fn(&str) -> String) -> Self {
        JsonReport {
            path: display(&report.path),
            file: &report.path,
            line: report.line,
            metadata: Metadata::of(report),
            passages: report.passages,
            report: report.report,
        }
    }
}

/// Writes `{"reports": [...]}` and a newline, one report at a time.
pub fn write_reports_json(
    out: &mut impl Write,
    reports: &[ReportSummary],
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    out.write_all(b"{\"reports\":[")?;
    for (at, report) in reports.iter().enumerate() {
        if at > 0 {
            out.write_all(b",")?;
        }
        // `from` keeps the kind of an I/O error (a closed pipe stays BrokenPipe).
        serde_json::to_writer(&mut *out, &JsonReport::of(report, display))
            .map_err(io::Error::from)?;
    }
    out.write_all(b"]}\n")
}

/// The CSV columns, in the order of the JSON keys.
fn csv_header() -> impl Iterator<Item = &'static str> {
    ["path", "file", "line"]
        .into_iter()
        .chain(Metadata::COLUMNS)
        .chain(["passages", "report"])
}

/// Writes the byte-order mark, the header and one record per report.
pub fn write_reports_csv(
    out: &mut impl Write,
    reports: &[ReportSummary],
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    out.write_all(BOM.as_bytes())?;
    write_record(out, csv_header())?;
    for report in reports {
        let fields = [
            display(&report.path),
            report.path.clone(),
            report.line.to_string(),
        ]
        .into_iter()
        .chain(Metadata::of(report).fields())
        .chain([report.passages.to_string(), report.report.to_string()]);
        write_record(out, fields)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Kind, Level};

    fn report(path: &str, title: &str, region: Option<&str>) -> ReportSummary {
        ReportSummary {
            path: path.to_string(),
            report: 1,
            line: 3,
            title: title.to_string(),
            year: Some(2024),
            kind: Kind::AnnualSummary,
            level: Level::County,
            region: region.map(String::from),
            org: None,
            published: None,
            passages: 12,
        }
    }

    fn plain(reports: &[ReportSummary]) -> String {
        let mut out = Vec::new();
        write_reports_plain(&mut out, reports, &|path| path.to_string(), false)
            .expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("plain output is UTF-8")
    }

    #[test]
    fn columns_line_up_with_han_characters_two_columns_wide() {
        let text = plain(&[
            report("a.txt", "东安县卫生健康局2024年工作总结", Some("东安县")),
            report("bb.txt", "X县卫健委工作总结", None),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        // The title column starts at the same terminal column on every row.
        let title_at = |line: &str, title: &str| {
            line[..line.find(title).expect("the row holds the title")].width()
        };
        let first = title_at(lines[1], "东安县卫生健康局2024年工作总结");
        assert_eq!(title_at(lines[0], "title"), first);
        assert_eq!(title_at(lines[2], "X县卫健委工作总结"), first);
        assert!(lines[2].contains("  unknown  "), "{text}");
        assert_eq!(lines.last(), Some(&"2 reports in 2 files, 24 passages"));
    }

    #[test]
    fn nothing_found_prints_the_count_only() {
        assert_eq!(plain(&[]), "0 reports\n");
    }
}
