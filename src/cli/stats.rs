//! `baogao stats`: what the index holds, counted from the index itself.

use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

use super::remote::ReadArgs;
use super::to_stdout;
use crate::dates::utc_date_time;
use crate::index::open_index;
use crate::remote::RemoteIndex;
use crate::render::{write_stats_json, write_stats_plain, IndexStats};
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
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Runs `baogao stats`.
pub fn run(args: StatsArgs) -> Result<ExitCode> {
    if let Some(client) = args.read.remote.client()? {
        return run_remote(&args, RemoteIndex::open(client)?);
    }
    let dir = &args.read.location.dir;
    let open = open_index(dir)?;
    let tallies = tally_all(&open, &FacetName::ALL)?;
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
    write(&args, &stats)
}

/// `stats --remote`: the same counts, of the cluster index (its size on the cluster, and the
/// baogao, schema and time of the push that made it).
fn run_remote(args: &StatsArgs, remote: RemoteIndex) -> Result<ExitCode> {
    let tallies = remote.tally_all(&FacetName::ALL)?;
    let meta = &remote.meta;
    let pushed_at = meta["pushed_at"].as_u64().unwrap_or(0);
    let stats = IndexStats {
        index: remote.client.target.to_string(),
        corpus_root: remote.corpus_root.display().to_string(),
        size_bytes: remote.store_bytes()?,
        baogao_version: meta["baogao_version"].as_str().unwrap_or("unknown"),
        schema_fingerprint: meta["schema_fingerprint"].as_str().unwrap_or("unknown"),
        built_at: pushed_at,
        built_at_utc: utc_date_time(pushed_at),
        total: tallies.total,
        facets: &tallies.facets,
    };
    write(args, &stats)
}

fn write(args: &StatsArgs, stats: &IndexStats) -> Result<ExitCode> {
    to_stdout(|out| {
        if args.json {
            write_stats_json(out, stats)
        } else {
            write_stats_plain(out, stats, args.read.color.enabled())
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
