//! Corrections by the user: a sidecar file `REPORT.txt.meta.toml` beside a report file sets
//! any of its metadata without editing the report. Top-level keys apply to every report of
//! the file; a `[[report]]` table with `number = N` applies to the N-th report only (files
//! holding several 范文). Overrides win over what baogao found.
//!
//! ```toml
//! year = 2020              # or "unknown"
//! kind = "annual-summary"  # see `baogao search --help` for the labels
//! level = "county"
//! region = "东安县"
//! org = "东安县卫生健康局"
//! published = "2021-09-22"
//!
//! [[report]]
//! number = 2
//! title = "卫生局年终总结"
//! ```

use serde::Deserialize;
use std::path::PathBuf;
use thiserror::Error;
use toml::Spanned;

use super::metadata::{Date, Kind, Level};
use super::Report;

use crate::corpus::Sidecar;
use crate::dates::YEARS;
use crate::schema::facet::UNKNOWN;

/// A sidecar that cannot be used, named with the line at fault; the report is indexed
/// without it.
#[derive(Debug, Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct OverrideError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

/// The metadata a sidecar sets: the whole file, or one `[[report]]` table of it. (One struct
/// for both, as serde's `flatten` would lose the spans that name the line at fault.)
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    title: Option<String>,
    year: Option<Spanned<toml::Value>>,
    kind: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    region: Option<String>,
    org: Option<String>,
    published: Option<Spanned<String>>,
    /// In a `[[report]]` table: which report of the file it is for (1-based).
    number: Option<Spanned<usize>>,
    /// At the top level: overrides of single reports.
    #[serde(default)]
    report: Vec<Spanned<Fields>>,
}

/// A loaded sidecar.
#[derive(Debug)]
pub struct Overrides {
    path: PathBuf,
    source: String,
    file: Fields,
}

impl Overrides {
    /// The overrides a sidecar sets, or why they cannot be used (naming its line).
    pub fn parse(sidecar: &Sidecar) -> Result<Overrides, OverrideError> {
        let path = sidecar.path.clone();
        let Ok(source) = String::from_utf8(sidecar.bytes.clone()) else {
            return Err(OverrideError {
                path,
                line: 0,
                message: "it is not UTF-8 (TOML files are)".to_string(),
            });
        };
        match toml::from_str::<Fields>(&source) {
            Ok(file) => {
                let overrides = Overrides { path, source, file };
                overrides.check_tables()?;
                Ok(overrides)
            }
            Err(err) => {
                let line = err.span().map_or(0, |span| line_of(&source, span.start));
                Err(OverrideError {
                    path,
                    line,
                    message: err.message().to_string(),
                })
            }
        }
    }
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

impl Overrides {
    /// `number` belongs in `[[report]]` tables and only there, and tables do not nest.
    fn check_tables(&self) -> Result<(), OverrideError> {
        if let Some(number) = &self.file.number {
            return Err(self.error(
                number.span().start,
                "`number` belongs in a [[report]] table",
            ));
        }
        for table in &self.file.report {
            let fields = table.get_ref();
            if fields.number.is_none() {
                return Err(self.error(
                    table.span().start,
                    "a [[report]] table needs `number = N` (1 for the file's first report)",
                ));
            }
            if let Some(nested) = fields.report.first() {
                return Err(self.error(nested.span().start, "[[report]] tables do not nest"));
            }
        }
        Ok(())
    }

    /// Applies the sidecar to `report`, the `number`-th report of its file (1-based): all of
    /// it, or nothing when any value is bad.
    pub fn apply(&self, number: usize, report: &mut Report) -> Result<(), OverrideError> {
        let mut updated = report.clone();
        self.apply_fields(&self.file, &mut updated)?;
        let tables = self.file.report.iter().map(|table| table.get_ref());
        for table in tables.filter(|table| {
            table
                .number
                .as_ref()
                .is_some_and(|n| *n.get_ref() == number)
        }) {
            self.apply_fields(table, &mut updated)?;
        }
        *report = updated;
        Ok(())
    }

    fn apply_fields(&self, fields: &Fields, report: &mut Report) -> Result<(), OverrideError> {
        if let Some(title) = &fields.title {
            report.title = title.clone();
        }
        if let Some(year) = &fields.year {
            report.metadata.year = match year.get_ref() {
                toml::Value::Integer(n)
                    if u16::try_from(*n).is_ok_and(|year| YEARS.contains(&year)) =>
                {
                    u16::try_from(*n).ok()
                }
                toml::Value::String(s) if s == UNKNOWN => None,
                _ => {
                    return Err(self.error(
                        year.span().start,
                        "year must be a year from 1949 to 2100 such as 2020, or \"unknown\"",
                    ))
                }
            };
        }
        if let Some(kind) = &fields.kind {
            report.metadata.kind = kind
                .get_ref()
                .parse::<Kind>()
                .map_err(|err| self.error(kind.span().start, &err.to_string()))?;
        }
        if let Some(level) = &fields.level {
            report.metadata.level = level
                .get_ref()
                .parse::<Level>()
                .map_err(|err| self.error(level.span().start, &err.to_string()))?;
        }
        if let Some(region) = &fields.region {
            report.metadata.region = (region != UNKNOWN).then(|| region.clone());
        }
        if let Some(org) = &fields.org {
            report.metadata.org = Some(org.clone());
        }
        if let Some(published) = &fields.published {
            report.metadata.published = Some(parse_date(published.get_ref()).ok_or_else(|| {
                self.error(
                    published.span().start,
                    "published must be a date such as 2021-09-22",
                )
            })?);
        }
        Ok(())
    }

    fn error(&self, offset: usize, message: &str) -> OverrideError {
        OverrideError {
            path: self.path.clone(),
            line: line_of(&self.source, offset),
            message: message.to_string(),
        }
    }
}

/// `2021-09-22` as a date of the calendar.
fn parse_date(text: &str) -> Option<Date> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::parse_file;

    fn sidecar(text: &str) -> Sidecar {
        Sidecar {
            path: PathBuf::from("r.txt.meta.toml"),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn top_level_keys_and_report_tables_override_metadata() {
        let overrides = Overrides::parse(&sidecar("year = 2019\nkind = \"plan\"\nregion = \"永州市\"\n[[report]]\nnumber = 1\ntitle = \"改过的标题\"\npublished = \"2021-09-22\"\n")).expect("valid");
        let mut report = parse_file("东安县卫生健康局2020年工作总结\n正文。", "r.txt")
            .reports
            .remove(0);
        overrides.apply(1, &mut report).expect("applies");
        assert_eq!(report.metadata.year, Some(2019));
        assert_eq!(report.metadata.kind, Kind::Plan);
        assert_eq!(report.metadata.region.as_deref(), Some("永州市"));
        assert_eq!(report.title, "改过的标题");
        assert_eq!(
            report.metadata.published,
            Some(Date {
                year: 2021,
                month: 9,
                day: 22
            })
        );
    }

    #[test]
    fn a_bad_value_is_reported_with_its_file_and_line() {
        let overrides =
            Overrides::parse(&sidecar("year = 2020\n\nkind = \"yearly\"\n")).expect("parses");
        let mut report = parse_file("标题工作总结\n正文。", "r.txt")
            .reports
            .remove(0);
        let before = report.metadata.clone();
        let err = overrides.apply(1, &mut report).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert_eq!(report.metadata, before, "a bad sidecar changes nothing");
        assert!(err.to_string().contains("r.txt.meta.toml:3:"), "{err}");
    }

    #[test]
    fn a_malformed_or_unknown_key_is_reported_with_its_line() {
        let err = Overrides::parse(&sidecar("year = 2020\ncolour = \"red\"\n")).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert_eq!(Overrides::parse(&sidecar("year = \n")).unwrap_err().line, 1);
    }

    #[test]
    fn a_sidecar_not_in_utf8_is_refused_by_name() {
        let gbk = Sidecar {
            path: PathBuf::from("r.txt.meta.toml"),
            bytes: b"title = \"\xb9\xa4\xd7\xf7\"\n".to_vec(),
        };
        let err = Overrides::parse(&gbk).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("r.txt.meta.toml:0: it is not UTF-8"),
            "{err}"
        );
    }
}
