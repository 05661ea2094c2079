//! `baogao stats`: what an index holds.
//!
//! Plain: where the index and its corpus are, its size, when and by what it was built, then a
//! table per facet (year, kind, level, region: reports and passages of each value).
//! JSON: `{"index", "corpus_root", "size_bytes", "baogao_version", "schema_fingerprint",
//! "built_at", "built_at_utc", "files", "reports", "passages", "year": {"2024": {"reports",
//! "passages", "files"}}, "kind": {…}, "level": {…}, "region": {…}}`.

use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{self, Write};

use super::style::{paint, BOLD, DIM};
use crate::schema::facet::UNKNOWN;
use crate::search::{FacetName, FacetTally, Tally};

/// How many regions the plain output lists; JSON has them all.
const TOP_REGIONS: usize = 10;

/// What `stats` found out about an index.
pub struct IndexStats<'a> {
    /// The index folder, as given.
    pub index: String,
    pub corpus_root: String,
    pub size_bytes: u64,
    /// The version of baogao that built the index.
    pub baogao_version: &'a str,
    pub schema_fingerprint: &'a str,
    /// Seconds since the Unix epoch, and as a UTC date-time.
    pub built_at: u64,
    pub built_at_utc: String,
    pub total: Tally,
    pub facets: &'a [FacetTally],
}

/// Writes the statistics for people.
pub fn write_stats_plain(out: &mut impl Write, stats: &IndexStats, color: bool) -> io::Result<()> {
    let total = &stats.total;
    let lines = [
        (
            "index",
            format!("{} ({})", stats.index, human_bytes(stats.size_bytes)),
        ),
        ("corpus", stats.corpus_root.clone()),
        (
            "holds",
            format!(
                "{} files, {} reports, {} passages",
                total.files, total.reports, total.passages
            ),
        ),
        (
            "built",
            format!(
                "{} by baogao {}, schema {}",
                stats.built_at_utc, stats.baogao_version, stats.schema_fingerprint
            ),
        ),
    ];
    for (label, value) in lines {
        writeln!(
            out,
            "{}  {}",
            paint(color, BOLD, &format!("{label:<6}")),
            super::terminal_safe(&value)
        )?;
    }
    for facet in stats.facets {
        writeln!(out)?;
        let mut rows = facet.values.clone();
        if facet.facet != FacetName::Year {
            rows.sort_by(|(a, a_tally), (b, b_tally)| {
                (a == UNKNOWN)
                    .cmp(&(b == UNKNOWN))
                    .then(b_tally.reports.cmp(&a_tally.reports))
                    .then(b_tally.passages.cmp(&a_tally.passages))
                    .then_with(|| a.cmp(b))
            });
        }
        let hidden = if facet.facet == FacetName::Region && rows.len() > TOP_REGIONS {
            rows.len() - TOP_REGIONS
        } else {
            0
        };
        rows.truncate(rows.len() - hidden);
        write_table(out, facet.facet.field_name(), &rows, color)?;
        if hidden > 0 {
            writeln!(
                out,
                "{}",
                paint(
                    color,
                    DIM,
                    &format!("… and {hidden} more (--json lists all)")
                )
            )?;
        }
    }
    Ok(())
}

/// `label  reports  passages` rows under a header naming the facet.
fn write_table(
    out: &mut impl Write,
    name: &str,
    rows: &[(String, Tally)],
    color: bool,
) -> io::Result<()> {
    let label_width = rows
        .iter()
        .map(|(label, _)| display_width(label))
        .chain([display_width(name)])
        .max()
        .unwrap_or(0);
    let pad = |label: &str| " ".repeat(label_width - display_width(label));
    let header = format!("{name}{}  {:>8}  {:>8}", pad(name), "reports", "passages");
    writeln!(out, "{}", paint(color, DIM, &header))?;
    for (label, tally) in rows {
        writeln!(
            out,
            "{label}{}  {:>8}  {:>8}",
            pad(label),
            tally.reports,
            tally.passages
        )?;
    }
    Ok(())
}

/// Columns a string takes on a terminal: two for Han characters and other wide forms.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// A size in bytes for people: `2.3 MiB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[derive(Serialize)]
struct JsonStats<'a> {
    index: &'a str,
    corpus_root: &'a str,
    size_bytes: u64,
    baogao_version: &'a str,
    schema_fingerprint: &'a str,
    built_at: u64,
    built_at_utc: &'a str,
    files: u64,
    reports: u64,
    passages: u64,
    #[serde(flatten)]
    facets: Map<String, Value>,
}

/// Writes the statistics as one JSON object and a newline.
pub fn write_stats_json(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    let mut facets = Map::new();
    for facet in stats.facets {
        let values: Map<String, Value> = facet
            .values
            .iter()
            .map(|(value, tally)| {
                let tally = serde_json::to_value(tally).unwrap_or(Value::Null);
                (value.clone(), tally)
            })
            .collect();
        facets.insert(facet.facet.field_name().to_string(), Value::Object(values));
    }
    let object = JsonStats {
        index: &stats.index,
        corpus_root: &stats.corpus_root,
        size_bytes: stats.size_bytes,
        baogao_version: stats.baogao_version,
        schema_fingerprint: stats.schema_fingerprint,
        built_at: stats.built_at,
        built_at_utc: &stats.built_at_utc,
        files: stats.total.files,
        reports: stats.total.reports,
        passages: stats.total.passages,
        facets,
    };
    serde_json::to_writer(&mut *out, &object).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(human_bytes(512), "512 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }

    #[test]
    fn han_characters_are_two_columns_wide() {
        assert_eq!(display_width("2024"), 4);
        assert_eq!(display_width("东安县"), 6);
        assert_eq!(display_width("白碱滩区 x"), 10);
    }
}
