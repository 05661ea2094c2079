//! `baogao push URL`: the passages of the index into a cluster index, incrementally.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::IndexLocation;
use crate::index::open_index;
use crate::remote::{push, Client, PushOptions, Target};

/// Arguments of `baogao push`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Creates the index with baogao's mapping when it does not exist (else checks it), then sends\nthe passages of the files added or changed since the last push to that index and deletes those\nof removed files; an unchanged index sends nothing. What was pushed is recorded in the index\nfolder (baogao-pushed.json). Credentials: in the URL (http://user:password@host:9200/INDEX)\nor $BAOGAO_OPENSEARCH_USER / $BAOGAO_OPENSEARCH_PASSWORD; never printed.\n\nExamples:\n  baogao push http://127.0.0.1:9200/reports --shards 2 --replicas 1\n  BAOGAO_OPENSEARCH_URL=https://search.example:9200/reports baogao push\n  baogao push http://127.0.0.1:9200/reports --recreate\n  baogao search 医共体 --remote http://127.0.0.1:9200/reports"
)]
pub struct PushArgs {
    /// The cluster index: http(s)://[user:password@]host:port/INDEX [env: BAOGAO_OPENSEARCH_URL]
    #[arg(value_name = "URL")]
    pub url: Option<String>,
    /// Primary shards of an index this push creates
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub shards: u32,
    /// Replicas of each shard of an index this push creates
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub replicas: u32,
    /// Passages per _bulk request
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub batch: usize,
    /// Delete the cluster index first and push every passage (a mapping from another baogao)
    #[arg(long)]
    pub recreate: bool,
    /// How long to wait for the cluster's answer to one request
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Runs `baogao push`.
pub fn run(args: PushArgs) -> Result<ExitCode> {
    let target = Target::resolve(args.url.as_deref())?;
    let open = open_index(&args.location.dir)?;
    let client = Client::new(target.clone(), Duration::from_secs(args.timeout.max(1)));
    let options = PushOptions {
        shards: args.shards.max(1),
        replicas: args.replicas,
        batch: args.batch.max(1),
        recreate: args.recreate,
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} passages · {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar
    });
    let summary = push(&open, &client, &options, &mut |sent, total| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(sent as u64);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = summary?;
    let seconds = summary.elapsed.as_secs_f64();
    if summary.passages_sent == 0 && summary.files_deleted == 0 && !summary.full {
        eprintln!(
            "baogao: {target} is up to date: nothing to push ({} files unchanged)",
            summary.files_unchanged
        );
        return Ok(ExitCode::SUCCESS);
    }
    let rate = if seconds > 0.0 {
        summary.passages_sent as f64 / seconds
    } else {
        0.0
    };
    eprintln!(
        "baogao: pushed {} passages of {} files to {target}{}{}, {} unchanged, in {seconds:.1} s ({rate:.0} passages/s, {} requests)",
        summary.passages_sent,
        summary.files_sent,
        if summary.created { " (index created)" } else if summary.full { " (everything)" } else { "" },
        if summary.files_deleted > 0 { format!(", {} removed files deleted", summary.files_deleted) } else { String::new() },
        summary.files_unchanged,
        summary.requests
    );
    Ok(ExitCode::SUCCESS)
}
