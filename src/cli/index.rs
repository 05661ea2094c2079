//! `baogao index [CORPUS_DIR]`: build or update the index of a corpus, or check it.

use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::progress::ProgressView;
use super::{is_broken_pipe, IndexLocation};
use crate::index::{build_index, check_index, BuildOptions, BuildSummary, Staleness};

/// Arguments of `baogao index`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The first run builds the index; later runs re-read only the files that were added or \
changed and drop those removed. A new baogao schema, user dictionary or synonym list \
rebuilds the whole index.

Examples:
  baogao index                      # index ./corpus into ./.baogao-index (or update it)
  baogao index corpus --index /tmp/reports-index --threads 2
  baogao index --check              # exit 0: up to date, 1: stale (files listed), 2: error
  baogao index --rebuild            # read every file again
  BAOGAO_INDEX=/tmp/idx baogao index corpus")]
pub struct IndexArgs {
    /// The folder of report files (.txt, .md), walked recursively
    #[arg(value_name = "CORPUS_DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Indexing threads [default: the number of cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Build the whole index again, even where it could be updated
    #[arg(long, conflicts_with = "check")]
    pub rebuild: bool,
    /// When another `baogao index` is updating the same index, wait for it instead of failing
    #[arg(long, conflicts_with = "check")]
    pub wait: bool,
    /// Only tell whether the index matches the corpus (exit 0) or not (exit 1, files listed);
    /// writes nothing
    #[arg(long)]
    pub check: bool,
}

/// Runs `baogao index`.
pub fn run(args: IndexArgs) -> Result<ExitCode> {
    if args.check {
        let staleness = check_index(&args.corpus, &args.location.dir)?;
        print(&check_report(&staleness))?;
        return Ok(if staleness.is_fresh() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let options = BuildOptions {
        threads,
        rebuild: args.rebuild,
        wait: args.wait,
    };
    let mut view = ProgressView::new();
    let built = build_index(&args.corpus, &args.location.dir, options, &mut |progress| {
        view.update(progress)
    });
    view.finish();
    let summary = built?;
    for skipped in &summary.skipped {
        eprintln!(
            "baogao: warning: skipped `{}`: {}",
            skipped.path.display(),
            skipped.reason
        );
    }
    for warning in &summary.warnings {
        eprintln!("baogao: warning: {warning}");
    }
    print(&summary_line(
        &summary,
        &args.location.dir.display().to_string(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// One line saying what the build did.
fn summary_line(summary: &BuildSummary, index: &str) -> String {
    let mut line = match &summary.full_build {
        Some(reason) => format!(
            "indexed {} files, {} reports, {} passages ({} boilerplate lines dropped) in {:.2} s into {index} (whole index: {reason})",
            summary.files,
            summary.reports,
            summary.passages,
            summary.boilerplate_lines,
            summary.seconds,
        ),
        None if summary.added + summary.changed + summary.removed == 0 => format!(
            "index {index} is up to date: {} files unchanged ({} reports, {} passages), checked in {:.2} s",
            summary.unchanged, summary.reports, summary.passages, summary.seconds
        ),
        None => format!(
            "updated {index} in {:.2} s: {} added, {} changed, {} removed, {} unchanged files; \
             {} passages written; the index holds {} files, {} reports, {} passages",
            summary.seconds,
            summary.added,
            summary.changed,
            summary.removed,
            summary.unchanged,
            summary.passages_written,
            summary.files,
            summary.reports,
            summary.passages,
        ),
    };
    if !summary.skipped.is_empty() {
        line.push_str(&format!(" ({} skipped, see above)", summary.skipped.len()));
    }
    line
}

/// What `--check` prints: one line, then the files that differ.
fn check_report(staleness: &Staleness) -> String {
    if let Some(reason) = &staleness.whole {
        return format!("stale: {reason}");
    }
    if staleness.is_fresh() {
        return "up to date".to_string();
    }
    let mut out = format!(
        "stale: {} added, {} changed, {} removed",
        staleness.added.len(),
        staleness.changed.len(),
        staleness.removed.len()
    );
    for (mark, files) in [
        ("added", &staleness.added),
        ("changed", &staleness.changed),
        ("removed", &staleness.removed),
    ] {
        for file in files {
            out.push_str(&format!("\n  {mark:<8}{file}"));
        }
    }
    out
}

fn print(text: &str) -> Result<()> {
    if let Err(err) = writeln!(std::io::stdout(), "{text}") {
        if !is_broken_pipe(&err) {
            return Err(err.into());
        }
    }
    Ok(())
}
