//! `baogao reports`: every report of the index with what the indexer understood of it, to
//! audit a corpus and correct it with sidecars.

use anyhow::{bail, Result};
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::remote::ReadArgs;
use super::to_stdout;
use crate::index::open_index;
use crate::remote::RemoteIndex;
use crate::render::{display_path, write_reports_csv, write_reports_json, write_reports_plain};
use crate::search::list_reports;

/// Arguments of `baogao reports`.
#[derive(Debug, clap::Args)]
#[command(
    // `--exact` and `-w` belong to a query, which this command has not.
    mut_arg("exact", |arg| arg.hide(true)),
    mut_arg("whole_words", |arg| arg.hide(true)),
    after_help = "One row per report (a file holding several reports has a row for each), sorted by path:\npath:line of its first passage, year, kind, level, region, org, published date, passages\nand title, as the index holds them. The filters are those of `baogao search`. Wrong values\nare corrected with a sidecar NAME.meta.toml (see the README) and `baogao index`.\n\nExamples:\n  baogao reports\n  baogao reports --year unknown\n  baogao reports --kind annual-summary --level county\n  baogao reports --csv > reports.csv\n  baogao reports --json | jq '.reports[] | select(.year == null) | .file'\n\nExit status: 0 when a report is listed, 1 when none matches, 2 on an error."
)]
pub struct ReportsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print one JSON object instead of the table
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV for spreadsheets (a header row, UTF-8 with a byte-order mark)
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Runs `baogao reports`; exit 0 with reports, 1 without.
pub fn run(args: ReportsArgs) -> Result<ExitCode> {
    if args.filters.exact {
        bail!("--exact applies to the words of a query, and `baogao reports` takes none");
    }
    if args.filters.whole_words {
        bail!("-w/--whole-words applies to the words of a query, and `baogao reports` takes none");
    }
    let filters = args.filters.filters()?;
    let (corpus_root, reports) = match args.read.remote.client()? {
        Some(client) => {
            let remote = RemoteIndex::open(client)?;
            let reports = remote.list_reports(&filters)?;
            (remote.corpus_root, reports)
        }
        None => {
            let open = open_index(&args.read.location.dir)?;
            let reports = list_reports(&open, &filters)?;
            (open.meta.corpus_root, reports)
        }
    };
    let cwd = std::env::current_dir().ok();
    let display = |relative: &str| display_path(&corpus_root, relative, cwd.as_deref());
    to_stdout(|out| {
        if args.json {
            write_reports_json(out, &reports, &display)
        } else if args.csv {
            write_reports_csv(out, &reports, &display)
        } else {
            write_reports_plain(out, &reports, &display, args.read.color.enabled())
        }
    })?;
    Ok(if reports.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
