//! `baogao export`: every passage of the index as NDJSON, one [`PassageRecord`] a line.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::IndexLocation;
use crate::index::open_index;
use crate::remote::{for_each_passage, PassageRecord};

/// Arguments of `baogao export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "One JSON object a line, for DuckDB, pandas or another engine:\n  {\"id\", \"path\", \"file\", \"line\", \"report\", \"passage\", \"tiebreak\", \"title\", \"heading\", \"text\",\n   \"folded\", \"words\", \"grams\", \"year\", \"kind\", \"level\", \"region\", \"org\", \"published\"}\n`id` is `path#report/passage`; `words` are the jieba words of the passage and `grams` the\nbigrams baogao indexes, space-joined, in order; year, region, org, published are null when\nunknown. Passages come in index order.\n\nExamples:\n  baogao export > passages.ndjson\n  baogao export --out passages.ndjson\n  baogao export | jq -r 'select(.year == 2024) | .path' | sort -u"
)]
pub struct ExportArgs {
    /// Write to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Runs `baogao export`.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let open = open_index(&args.location.dir)?;
    let bar = progress_bar(open.meta.passages as u64);
    let written = match &args.out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating `{}`", path.display()))?;
            let mut out = BufWriter::new(file);
            write_all(&open, &mut out, bar.as_ref())
                .and_then(|()| out.flush().map_err(anyhow::Error::from))
                .with_context(|| format!("writing `{}`", path.display()))
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write_all(&open, &mut out, bar.as_ref())
                .and_then(|()| out.flush().map_err(anyhow::Error::from))
        }
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    // A closed pipe is handled by `main`, as for every command.
    written.map(|()| ExitCode::SUCCESS)
}

fn write_all(
    open: &crate::index::OpenIndex,
    out: &mut impl Write,
    bar: Option<&ProgressBar>,
) -> Result<()> {
    for_each_passage(open, |record: PassageRecord| {
        // Serialized first, so that a closed pipe is an I/O error of its own kind.
        let mut line = serde_json::to_vec(&record)?;
        line.push(b'\n');
        out.write_all(&line)?;
        if let Some(bar) = bar {
            bar.inc(1);
        }
        Ok(())
    })
}

/// A bar on stderr when it is a terminal; nothing in a pipe or a log.
fn progress_bar(total: u64) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} passages · {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
