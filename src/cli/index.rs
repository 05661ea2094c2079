//! `baogao index [CORPUS_DIR]`: build the index of a corpus.

use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{is_broken_pipe, IndexLocation};
use crate::index::build_index;

/// Arguments of `baogao index`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  baogao index                      # index ./corpus into ./.baogao-index\n  baogao index corpus --index /tmp/reports-index --threads 2\n  BAOGAO_INDEX=/tmp/idx baogao index corpus"
)]
pub struct IndexArgs {
    /// The folder of report files (.txt, .md), walked recursively
    #[arg(value_name = "CORPUS_DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Indexing threads [default: the number of cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
}

/// Runs `baogao index`.
pub fn run(args: IndexArgs) -> Result<ExitCode> {
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let summary = build_index(&args.corpus, &args.location.dir, threads)?;
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
    let mut line = format!(
        "indexed {} files, {} reports, {} passages ({} boilerplate lines dropped) in {:.2} s into {}",
        summary.files,
        summary.reports,
        summary.passages,
        summary.boilerplate_lines,
        summary.seconds,
        args.location.dir.display()
    );
    if !summary.skipped.is_empty() {
        line.push_str(&format!(" ({} skipped, see above)", summary.skipped.len()));
    }
    if let Err(err) = writeln!(std::io::stdout(), "{line}") {
        if !is_broken_pipe(&err) {
            return Err(err.into());
        }
    }
    Ok(ExitCode::SUCCESS)
}
