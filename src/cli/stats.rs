//! `baogao stats`: what the index holds, counted from the index itself.

use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

use super::{to_stdout, IndexLocation};
use crate::dates::utc_date_time;
use crate::index::open_index;
use crate::render::{write_stats_json, write_stats_plain, ColorChoice, IndexStats};
use crate::search::{tally_all, FacetName};

/// Arguments of `baogao stats`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Files, reports and passages are counted in the index itself, per year, kind, level and region\n(the ten regions with most reports; --json lists all).\n\nExamples:\n  baogao stats\n  baogao stats --index /tmp/reports-index\n  baogao stats --json | jq '.year'"
)]
pub struct StatsArgs {
    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
    /// When to colour the output
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Runs `baogao stats`.
pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let dir = &args.location.dir;
    let open = open_index(dir)?;
    let tallies = tally_all(
        &open,
        &[
            FacetName::Year,
            FacetName::Kind,
            FacetName::Level,
            FacetName::Region,
        ],
    )?;
    let size_bytes =
        size_on_disk(dir).with_context(|| format!("measuring the index at `{}`", dir.display()))?;
    let stats = IndexStats {
        index: dir.display().to_string(),
        corpus_root: open.meta.corpus_root.display().to_string(),
        size_bytes,
        baogao_version: &open.meta.baogao_version,
        schema_fingerprint: &open.meta.schema_fingerprint,
        built_at: open.meta.built_at,
        built_at_utc: utc_date_time(open.meta.built_at),
        total: tallies.total,
        facets: &tallies.facets,
    };
    to_stdout(|out| {
        if args.json {
            write_stats_json(out, &stats)
        } else {
            write_stats_plain(out, &stats, args.color.enabled())
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The bytes of every file under `dir`.
fn size_on_disk(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}
