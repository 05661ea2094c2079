//! `baogao index [CORPUS_DIR]`: build the index of a corpus.

use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{is_broken_pipe, IndexLocation};
use crate::corpus::{count_by_kind, parse_size, ReadOptions, Skipped};
use crate::index::{build_index, BuildError};

/// The exit code of `--strict` when files were skipped (the index is still built): distinct
/// from 2, which means the run failed and the previous index was kept.
pub const STRICT_EXIT_CODE: u8 = 3;

/// Arguments of `baogao index`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  baogao index                      # index ./corpus into ./.baogao-index\n  baogao index ~/reports --index /tmp/reports-index\n  baogao index ~/reports --max-file-size 10M --strict\n  BAOGAO_INDEX=/tmp/idx baogao index corpus\n\nFiles that cannot be read (empty, binary, undecodable, too large, unreadable, broken or looping\nsymlinks, names that are not UTF-8) are skipped, each named once on stderr with the reason,\nthen counted by reason.\n\nExit status: 0 when anything was indexed, 2 on error (nothing indexed; the previous index is\nkept), 3 with --strict when any file was skipped (the index is built all the same)."
)]
pub struct IndexArgs {
    /// The folder of report files (.txt, .md, .html, .htm, .docx), walked recursively
    #[arg(value_name = "CORPUS_DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Indexing threads [default: the number of cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Skip files larger than this: bytes, or with K, M or G (512K, 10M)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Exit with status 3 when any file was skipped
    #[arg(long)]
    pub strict: bool,
}

/// Runs `baogao index`.
pub fn run(args: IndexArgs) -> Result<ExitCode> {
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let read = ReadOptions {
        max_file_size: args.max_file_size,
    };
    let mut summary = match build_index(&args.corpus, &args.location.dir, threads, &read) {
        Ok(summary) => summary,
        Err(mut err) => {
            if let BuildError::NothingIndexed { skipped, .. }
            | BuildError::NoReports { skipped, .. } = &mut err
            {
                report_skipped(skipped);
            }
            return Err(err.into());
        }
    };
    for warning in &summary.warnings {
        eprintln!("baogao: warning: {warning}");
    }
    report_skipped(&mut summary.skipped);
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
    if args.strict && !summary.skipped.is_empty() {
        eprintln!(
            "baogao: error: {} files were skipped and --strict was given",
            summary.skipped.len()
        );
        return Ok(ExitCode::from(STRICT_EXIT_CODE));
    }
    Ok(ExitCode::SUCCESS)
}

/// Names each skipped file once on stderr, in path order, then counts them by reason.
fn report_skipped(skipped: &mut [Skipped]) {
    if skipped.is_empty() {
        return;
    }
    // Walk and read problems come in two batches: one list, in path order, reads better.
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    for skip in skipped.iter() {
        eprintln!(
            "baogao: warning: skipped `{}`: {}",
            skip.path.display(),
            skip.reason
        );
    }
    let counts: Vec<String> = count_by_kind(skipped)
        .into_iter()
        .map(|(kind, count)| kind.counted(count))
        .collect();
    eprintln!("baogao: {} skipped: {}", skipped.len(), counts.join(", "));
}
