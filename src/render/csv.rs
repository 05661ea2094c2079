//! CSV for spreadsheets (RFC 4180): records end in CRLF; a field holding a comma, a double
//! quote, CR or LF is put in double quotes, its quotes doubled. Output is UTF-8, and a file
//! starts with a byte-order mark so that Excel reads Chinese as UTF-8, not as the locale's
//! code page. Any command's `--csv` writes [`BOM`], then a header and rows by [`write_record`];
//! `search --csv` by [`write_csv_header`] and [`write_csv_hits`].

use std::borrow::Cow;
use std::io::{self, Write};

use crate::report::{Date, Kind, Level};
use serde::Serialize;

use crate::search::{Hit, ReportSummary};

/// The UTF-8 byte-order mark, written once before the header.
pub const BOM: &str = "\u{feff}";

/// What the indexer understood of a report: the columns every `--csv` shares, in the order
/// of [`Metadata::COLUMNS`] (an unknown value is an empty field), and the same keys in JSON.
#[derive(Serialize)]
pub struct Metadata<'a> {
    pub title: &'a str,
    pub year: Option<u16>,
    pub kind: Kind,
    pub level: Level,
    pub region: Option<&'a str>,
    pub org: Option<&'a str>,
    pub published: Option<Date>,
}

impl<'a> Metadata<'a> {
    /// The metadata of a report as `reports` lists it.
    pub fn of(report: &'a ReportSummary) -> Self {
        Metadata {
            title: &report.title,
            year: report.year,
            kind: report.kind,
            level: report.level,
            region: report.region.as_deref(),
            org: report.org.as_deref(),
            published: report.published,
        }
    }

    /// The names of the metadata columns.
    pub const COLUMNS: [&'static str; 7] = [
        "title",
        "year",
        "kind",
        "level",
        "region",
        "org",
        "published",
    ];

    /// The metadata as CSV fields.
    pub fn fields(&self) -> [String; 7] {
        [
            self.title.to_string(),
            self.year.map(|year| year.to_string()).unwrap_or_default(),
            self.kind.to_string(),
            self.level.to_string(),
            self.region.unwrap_or_default().to_string(),
            self.org.unwrap_or_default().to_string(),
            self.published.map(|d| d.to_string()).unwrap_or_default(),
        ]
    }
}

/// The columns of `search --csv`, in order (a `query` column goes first when several queries
/// are run).
pub fn csv_columns() -> impl Iterator<Item = &'static str> {
    ["path", "line"]
        .into_iter()
        .chain(Metadata::COLUMNS)
        .chain(["score", "text"])
}

/// Writes one record: `fields` quoted as needed, separated by commas, then CRLF.
pub fn write_record<I, S>(out: &mut impl Write, fields: I) -> io::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (at, field) in fields.into_iter().enumerate() {
        if at > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quote(field.as_ref()).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// Writes the byte-order mark and the header row of hits; `with_query` adds the `query`
/// column.
pub fn write_csv_header(out: &mut impl Write, with_query: bool) -> io::Result<()> {
    out.write_all(BOM.as_bytes())?;
    let query = with_query.then_some("query");
    write_record(out, query.into_iter().chain(csv_columns()))
}

/// Writes one row per hit; `query` fills the first column when given.
pub fn write_csv_hits(
    out: &mut impl Write,
    query: Option<&str>,
    hits: &[Hit],
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    for hit in hits {
        let passage = &hit.passage;
        let metadata = Metadata {
            title: &passage.title,
            year: passage.year,
            kind: passage.kind,
            level: passage.level,
            region: passage.region.as_deref(),
            org: passage.org.as_deref(),
            published: passage.published,
        };
        let fields = [display(&passage.path), passage.line.to_string()]
            .into_iter()
            .chain(metadata.fields())
            .chain([hit.score.to_string(), passage.text.clone()]);
        let query = query.map(str::to_string);
        write_record(out, query.into_iter().chain(fields))?;
    }
    Ok(())
}

/// `field` as a CSV field: as is, or in double quotes with its quotes doubled when it holds a
/// comma, a double quote, CR or LF.
pub fn quote(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = Vec::new();
        write_record(&mut out, fields).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("CSV of UTF-8 fields is UTF-8")
    }

    #[test]
    fn plain_fields_are_left_as_they_are() {
        assert_eq!(
            record(&["corpus/a.txt", "18", "卫生局工作总结", ""]),
            "corpus/a.txt,18,卫生局工作总结,\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(quote("总结,计划"), "\"总结,计划\"");
        assert_eq!(quote("关于\"两癌\"筛查"), "\"关于\"\"两癌\"\"筛查\"");
        assert_eq!(quote("一\n二"), "\"一\n二\"");
        assert_eq!(quote("一\r二"), "\"一\r二\"");
        assert_eq!(record(&["a,b", "c"]), "\"a,b\",c\r\n");
    }

    #[test]
    fn full_width_commas_need_no_quotes() {
        assert_eq!(quote("总结，计划"), "总结，计划");
    }

    #[test]
    fn the_header_starts_with_a_byte_order_mark() {
        let mut out = Vec::new();
        write_csv_header(&mut out, false).expect("write to a vector");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("\u{feff}path,line,title,"), "{text}");
        assert!(text.ends_with("score,text\r\n"), "{text}");
    }
}
