//! `baogao trend QUERY`: how many passages and reports match, year by year.

use anyhow::Result;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::queries::QueryArgs;
use super::remote::ReadArgs;
use super::to_stdout;
use crate::render::{
    terminal_width, write_trend_json, write_trend_plain, write_trend_table, write_trends_json,
    Trend,
};
use crate::search::{parse_query, FacetName, YearFilter};

/// Arguments of `baogao trend`.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("query", |arg| arg.help("What to look for (the query language of `baogao search`)")),
    mut_arg("file", |arg| arg.help(
        "Count each line of FILE as a query (blank lines and `#` comments skipped): one table, \
         a row per year, a column per query"
    )),
    after_help = "Every matching passage is counted (hits, as `baogao search` counts them), and the reports they\nbelong to; years run from the first to the last with a match, reports of unknown year apart.\nThe query language and filters are those of `baogao search`.\n\nExamples:\n  baogao trend 医共体\n  baogao trend 疫情 -新冠 --year 2019..2024\n  baogao trend 手足口病 OR 流感 --level county\n  baogao trend 家庭医生 --json | jq '.years[] | [.year, .hits]'\n  baogao trend -f examples/topics.txt   # one query a line: a table of years × queries\n\nExit status: 0 when something was found, 1 when nothing was, 2 on an error."
)]
pub struct TrendArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print one JSON object instead of the chart
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Runs `baogao trend`; exit 0 with hits, 1 without.
pub fn run(args: TrendArgs) -> Result<ExitCode> {
    let queries = args.query.queries()?;
    let source = args.read.source()?;
    let filters = args.filters.filters()?;
    let mut counted = Vec::with_capacity(queries.len());
    for query in &queries {
        // The years asked for (`--year`, or `year:` in the query) are shown even without a match.
        let in_query = parse_query(query)
            .ok()
            .and_then(|parsed| parsed.year_filter());
        let (from, to) = match filters.years.or(in_query) {
            Some(YearFilter::Year(year)) => (Some(year), Some(year)),
            Some(YearFilter::Range { from, to }) => (from, to),
            Some(YearFilter::Unknown) | None => (None, None),
        };
        let tallies =
            source.tally_query(query, &filters, args.filters.exact, &[FacetName::Year])?;
        counted.push((tallies.total, tallies.year_series(from, to)));
    }
    let trends: Vec<Trend> = queries
        .iter()
        .zip(&counted)
        .map(|(query, (total, series))| Trend {
            query,
            total: *total,
            series,
        })
        .collect();
    let color = args.read.color.enabled();
    to_stdout(|out| match (args.json, args.query.several()) {
        (true, false) => write_trend_json(out, &trends[0]),
        (true, true) => write_trends_json(out, &trends),
        (false, false) => write_trend_plain(out, &trends[0], terminal_width(), color),
        (false, true) => write_trend_table(out, &trends, color),
    })?;
    Ok(if trends.iter().any(|trend| trend.total.passages > 0) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
