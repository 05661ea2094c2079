//! `baogao trend QUERY`: how many passages and reports match, year by year.

use anyhow::Result;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{is_broken_pipe, IndexLocation};
use crate::index::open_index;
use crate::render::{terminal_width, write_trend_json, write_trend_plain, ColorChoice, Trend};
use crate::search::{tally_query, FacetName, YearFilter};

/// Arguments of `baogao trend`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Every matching passage is counted (hits, as `baogao search` counts them), and the reports they\nbelong to; years run from the first to the last with a match, reports of unknown year apart.\nThe query language and filters are those of `baogao search`.\n\nExamples:\n  baogao trend 医共体\n  baogao trend 疫情 -新冠 --year 2019..2024\n  baogao trend 手足口病 OR 流感 --level county\n  baogao trend 家庭医生 --json | jq '.years[] | [.year, .hits]'\n\nExit status: 0 when something was found, 1 when nothing was, 2 on an error."
)]
pub struct TrendArgs {
    /// What to look for (the query language of `baogao search`)
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print one JSON object instead of the chart
    #[arg(long)]
    pub json: bool,
    /// When to colour the output
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Runs `baogao trend`; exit 0 with hits, 1 without.
pub fn run(args: TrendArgs) -> Result<ExitCode> {
    let open = open_index(&args.location.dir)?;
    let filters = args.filters.filters()?;
    let query = args.query.join(" ");
    let tallies = tally_query(
        &open,
        &query,
        &filters,
        args.filters.exact,
        &[FacetName::Year],
    )?;
    let (from, to) = match filters.years {
        Some(YearFilter::Year(year)) => (Some(year), Some(year)),
        Some(YearFilter::Range { from, to }) => (from, to),
        Some(YearFilter::Unknown) | None => (None, None),
    };
    let series = tallies.year_series(from, to);
    let trend = Trend {
        query: &query,
        total: tallies.total,
        series: &series,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        write_trend_json(&mut out, &trend)
    } else {
        write_trend_plain(&mut out, &trend, terminal_width(), args.color.enabled())
    }
    .and_then(|()| out.flush());
    match written {
        Err(err) if is_broken_pipe(&err) => return Ok(ExitCode::SUCCESS),
        other => other?,
    }
    Ok(if tallies.total.passages > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
