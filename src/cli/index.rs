//! `baogao index [CORPUS_DIR]`: build or update the index of a corpus, or check it.

use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::progress::ProgressView;
use super::IndexLocation;
use crate::corpus::{count_by_kind, parse_size, ReadOptions, Skipped};
use crate::index::{build_index, check_index, BuildError, BuildOptions, BuildSummary, Staleness};
use crate::render::terminal_safe;

/// The exit code of `--strict` when files were skipped (the index is still built): distinct
/// from 1 (`--check`: stale) and 2 (the run failed and the previous index was kept).
pub const STRICT_EXIT_CODE: u8 = 3;

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
  baogao index corpus --index /tmp/reports-index --max-file-size 10M --strict
  BAOGAO_INDEX=/tmp/idx baogao index corpus

Files that cannot be read (empty, binary, undecodable, too large, unreadable, broken or looping
symlinks, names that are not UTF-8) are skipped, each named once on stderr with the reason,
then counted by reason.

Exit status: 0 when anything was indexed, 2 on error (nothing indexed; the previous index is
kept), 3 with --strict when any file was skipped (the index is built all the same); with
--check, 0 when up to date and 1 when stale.")]
pub struct IndexArgs {
    /// The folder of report files (.txt, .md, .html, .htm, .docx), walked recursively
    #[arg(value_name = "CORPUS_DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Threads that read files and threads that index them, N of each [default: the number of
    /// cores]
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
    /// Skip files larger than this: bytes, or with K, M or G (512K, 10M)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Exit with status 3 when any file was skipped
    #[arg(long, conflicts_with = "check")]
    pub strict: bool,
}

/// Runs `baogao index`.
pub fn run(args: IndexArgs) -> Result<ExitCode> {
    if args.check {
        let read = ReadOptions {
            max_file_size: args.max_file_size,
        };
        let staleness = check_index(&args.corpus, &args.location.dir, &read)?;
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
        read: ReadOptions {
            max_file_size: args.max_file_size,
        },
    };
    // With --wait, a busy index is said once, then waited for: the user (and a test) can
    // tell a run that waits from one that hangs.
    let mut view = ProgressView::new();
    let built = build_index(
        &args.corpus,
        &args.location.dir,
        options,
        &mut |progress| view.update(progress),
        &mut |pid, lock| {
            let line = format!("waiting for PID {pid} (lock `{}`)", lock.display());
            eprintln!("baogao: {}", terminal_safe(&line));
        },
    );
    view.finish();
    let mut summary = match built {
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
        eprintln!("baogao: warning: {}", terminal_safe(warning));
    }
    report_skipped(&mut summary.skipped);
    print(&[summary_line(
        &summary,
        &args.location.dir.display().to_string(),
    )])?;
    if args.strict && !summary.skipped.is_empty() {
        eprintln!(
            "baogao: error: {} files were skipped and --strict was given",
            summary.skipped.len()
        );
        return Ok(ExitCode::from(STRICT_EXIT_CODE));
    }
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

/// What `--check` prints: one line, then the files that differ, one a line.
fn check_report(staleness: &Staleness) -> Vec<String> {
    if let Some(reason) = &staleness.whole {
        return vec![format!("stale: {reason}")];
    }
    if staleness.is_fresh() {
        return vec!["up to date".to_string()];
    }
    let mut out = vec![format!(
        "stale: {} added, {} changed, {} removed",
        staleness.added.len(),
        staleness.changed.len(),
        staleness.removed.len()
    )];
    for (mark, files) in [
        ("added", &staleness.added),
        ("changed", &staleness.changed),
        ("removed", &staleness.removed),
    ] {
        for file in files {
            out.push(format!("  {mark:<8}{file}"));
        }
    }
    out
}

/// Prints lines for people, each made terminal-safe (file names may hold anything).
fn print(lines: &[String]) -> Result<()> {
    let text: Vec<_> = lines.iter().map(|line| terminal_safe(line)).collect();
    writeln!(std::io::stdout(), "{}", text.join("\n"))?;
    Ok(())
}

/// Names each skipped file once on stderr, in path order, then counts them by reason.
fn report_skipped(skipped: &mut [Skipped]) {
    if skipped.is_empty() {
        return;
    }
    // Walk and read problems come in two batches: one list, in path order, reads better.
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    for skip in skipped.iter() {
        let line = format!("skipped `{}`: {}", skip.path.display(), skip.reason);
        eprintln!("baogao: warning: {}", terminal_safe(&line));
    }
    let counts: Vec<String> = count_by_kind(skipped)
        .into_iter()
        .map(|(kind, count)| kind.counted(count))
        .collect();
    eprintln!("baogao: {} skipped: {}", skipped.len(), counts.join(", "));
}
