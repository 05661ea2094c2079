//! `baogao trend QUERY`: matching passages (hits) and reports per year, as a bar chart.
//!
//! Plain: a row per year from the first to the last with a match (`year  hits  reports  bar`,
//! the bar scaled to the most hits), `unknown` apart, then the totals.
//! JSON: `{"query", "total_hits", "total_reports", "years": [{"year", "hits", "reports"}],
//! "unknown": {"hits", "reports"}}`.

use serde::Serialize;
use std::io::{self, Write};

use super::chart::bar;
use super::stats::display_width;
use super::style::{paint, CYAN, DIM};
use crate::schema::facet::UNKNOWN;
use crate::search::{Tally, YearSeries};

/// Bars in a pipe, where there is no terminal to fill.
const PIPE_BAR_WIDTH: usize = 40;
/// The narrowest bar drawn on a narrow terminal.
const MIN_BAR_WIDTH: usize = 10;

/// What `trend` found.
pub struct Trend<'a> {
    pub query: &'a str,
    pub total: Tally,
    pub series: &'a YearSeries,
}

/// Writes the chart; `width` is the terminal's (None in a pipe: bars of a fixed width).
pub fn write_trend_plain(
    out: &mut impl Write,
    trend: &Trend,
    width: Option<usize>,
    color: bool,
) -> io::Result<()> {
    let series = trend.series;
    let rows: Vec<(String, Tally)> = series
        .years
        .iter()
        .map(|(year, tally)| (year.to_string(), *tally))
        .collect();
    let show_unknown = series.unknown.passages > 0;
    let max = rows
        .iter()
        .map(|(_, tally)| tally.passages)
        .chain([series.unknown.passages])
        .max()
        .unwrap_or(0);
    if max > 0 {
        let label_width = if show_unknown { 7 } else { 4 };
        let hits_width = digits(max).max(4);
        let reports_width = rows
            .iter()
            .map(|(_, tally)| tally.reports)
            .chain([series.unknown.reports])
            .max()
            .map_or(7, |n| digits(n).max(7));
        let prefix = label_width + 2 + hits_width + 2 + reports_width + 2;
        let bar_width = width.map_or(PIPE_BAR_WIDTH, |w| {
            w.saturating_sub(prefix + 1).max(MIN_BAR_WIDTH)
        });
        let header = format!(
            "{:<label_width$}  {:>hits_width$}  {:>reports_width$}",
            "year", "hits", "reports"
        );
        writeln!(out, "{}", paint(color, DIM, &header))?;
        let row = |out: &mut dyn Write, label: &str, tally: &Tally| {
            let numbers = format!(
                "{label:<label_width$}  {:>hits_width$}  {:>reports_width$}",
                tally.passages, tally.reports
            );
            let bar = bar(tally.passages, max, bar_width);
            if bar.is_empty() {
                writeln!(out, "{numbers}")
            } else {
                writeln!(out, "{numbers}  {}", paint(color, CYAN, &bar))
            }
        };
        for (label, tally) in &rows {
            row(out, label, tally)?;
        }
        if show_unknown {
            writeln!(out)?;
            row(out, UNKNOWN, &series.unknown)?;
        }
        writeln!(out)?;
    }
    let mut summary = format!(
        "{} {} in {} {}",
        trend.total.passages,
        plural(trend.total.passages, "hit", "hits"),
        trend.total.reports,
        plural(trend.total.reports, "report", "reports")
    );
    if let (Some((first, _)), Some((last, _))) = (series.years.first(), series.years.last()) {
        summary.push_str(&format!(" · {first}–{last}"));
    }
    if show_unknown {
        summary.push_str(&format!(
            " · year unknown: {} {}",
            series.unknown.passages,
            plural(series.unknown.passages, "hit", "hits")
        ));
    }
    writeln!(out, "{}", paint(color, DIM, &summary))
}

fn digits(n: u64) -> usize {
    n.to_string().len()
}

fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[derive(Serialize)]
struct JsonTrend<'a> {
    query: &'a str,
    total_hits: u64,
    total_reports: u64,
    years: Vec<JsonYear>,
    unknown: JsonCounts,
}

#[derive(Serialize)]
struct JsonYear {
    year: u16,
    hits: u64,
    reports: u64,
}

#[derive(Serialize)]
struct JsonCounts {
    hits: u64,
    reports: u64,
}

/// Writes the trend as one JSON object and a newline.
pub fn write_trend_json(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &json_trend(trend)).map_err(io::Error::from)?;
    writeln!(out)
}

/// `trend -f FILE --json`: the trend of each query, as [`write_trend_json`] writes it, in one
/// array.
pub fn write_trends_json(out: &mut impl Write, trends: &[Trend]) -> io::Result<()> {
    let objects: Vec<JsonTrend> = trends.iter().map(json_trend).collect();
    serde_json::to_writer(&mut *out, &objects).map_err(io::Error::from)?;
    writeln!(out)
}

fn json_trend<'a>(trend: &Trend<'a>) -> JsonTrend<'a> {
    JsonTrend {
        query: trend.query,
        total_hits: trend.total.passages,
        total_reports: trend.total.reports,
        years: trend
            .series
            .years
            .iter()
            .map(|(year, tally)| JsonYear {
                year: *year,
                hits: tally.passages,
                reports: tally.reports,
            })
            .collect(),
        unknown: JsonCounts {
            hits: trend.series.unknown.passages,
            reports: trend.series.unknown.reports,
        },
    }
}

/// `trend -f FILE`: one table, a row per year (from the first year any query matches to the
/// last), a column of hits per query; `unknown` and the totals below.
pub fn write_trend_table(out: &mut impl Write, trends: &[Trend], color: bool) -> io::Result<()> {
    let mut years: Vec<u16> = trends
        .iter()
        .flat_map(|trend| trend.series.years.iter().map(|(year, _)| *year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let years: Vec<u16> = match (years.first(), years.last()) {
        (Some(&first), Some(&last)) => (first..=last).collect(),
        _ => Vec::new(),
    };
    let hits_in = |trend: &Trend, year: u16| {
        trend
            .series
            .years
            .iter()
            .find(|(y, _)| *y == year)
            .map_or(0, |(_, tally)| tally.passages)
    };
    let show_unknown = trends.iter().any(|t| t.series.unknown.passages > 0);
    let label_width = if show_unknown { 7 } else { 5 };
    let widths: Vec<usize> = trends
        .iter()
        .map(|trend| {
            display_width(trend.query)
                .max(digits(trend.total.passages))
                .max(4)
        })
        .collect();
    let cell = |text: &str, width: usize| {
        let pad = width.saturating_sub(display_width(text));
        format!("{}{text}", " ".repeat(pad))
    };
    let mut header = format!("{:<label_width$}", "year");
    for (trend, width) in trends.iter().zip(&widths) {
        header.push_str("  ");
        header.push_str(&cell(trend.query, *width));
    }
    writeln!(out, "{}", paint(color, DIM, &header))?;
    let row = |out: &mut dyn Write, label: &str, values: Vec<u64>| {
        let mut line = format!("{label:<label_width$}");
        for (value, width) in values.iter().zip(&widths) {
            line.push_str("  ");
            line.push_str(&cell(&value.to_string(), *width));
        }
        writeln!(out, "{line}")
    };
    for year in &years {
        row(
            out,
            &year.to_string(),
            trends.iter().map(|t| hits_in(t, *year)).collect(),
        )?;
    }
    if show_unknown {
        row(
            out,
            "unknown",
            trends.iter().map(|t| t.series.unknown.passages).collect(),
        )?;
    }
    writeln!(out)?;
    row(
        out,
        "hits",
        trends.iter().map(|t| t.total.passages).collect(),
    )?;
    row(
        out,
        "reports",
        trends.iter().map(|t| t.total.reports).collect(),
    )
}
