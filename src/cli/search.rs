//! `baogao search QUERY`: ranked passages with path:line, title, year, heading and snippet.

use anyhow::Result;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{is_broken_pipe, IndexLocation};
use crate::index::open_index;
use crate::render::{display_path, write_json, write_plain, ColorChoice};
use crate::search::{search, FacetName, SearchRequest};

/// Arguments of `baogao search`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Query syntax:\n  医共体 建设        both words (AND is the default)\n  \"家庭医生签约\"      the exact phrase\n  医共体 OR 医联体   either word\n  疫情 -新冠         疫情 but not 新冠\nA word matches wherever the passage holds it, even inside a longer word (生院 in 卫生院);\nabbreviations also find their full forms (医改 → 医药卫生体制改革) unless --exact.\n\nExamples:\n  baogao search 医共体 --year 2024\n  baogao search 手足口病 --year 2019..2021 --limit 5\n  baogao search 疫情防控 --level county --kind annual-summary,half-year-summary\n  baogao search 卫生院 --region 东安县,白碱滩区 --facet region,kind -n 3\n  baogao search '\"家庭医生签约\"' --json | jq '.hits[].path'\n\nExit status: 0 when something was found, 1 when nothing was, 2 on an error."
)]
pub struct SearchArgs {
    /// What to look for
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count hits per value of these facets (year is counted unless others are named)
    #[arg(long, value_name = "FACET", value_enum, value_delimiter = ',')]
    pub facet: Vec<FacetName>,
    /// How many passages to show
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// At most N passages of one report (0: no limit)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub per_report: usize,
    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
    /// When to colour the output
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Runs `baogao search`; exit 0 with hits, 1 without.
pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let open = open_index(&args.location.dir)?;
    let filters = args.filters.filters()?;
    let mut facets = args.facet.clone();
    if facets.is_empty() {
        facets.push(FacetName::Year);
    }
    facets.sort();
    facets.dedup();
    let request = SearchRequest {
        query: args.query.join(" "),
        filters,
        limit: args.limit,
        per_report: args.per_report,
        exact: args.filters.exact,
        facets,
    };
    let results = search(&open, &request)?;
    let cwd = std::env::current_dir().ok();
    let display = |relative: &str| display_path(&open.meta.corpus_root, relative, cwd.as_deref());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        write_json(&mut out, &request.query, &results, &display)
    } else {
        write_plain(&mut out, &results, &display, args.color.enabled())
    }
    .and_then(|()| out.flush());
    match written {
        Err(err) if is_broken_pipe(&err) => return Ok(ExitCode::SUCCESS),
        other => other?,
    }
    Ok(if results.total_hits > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
