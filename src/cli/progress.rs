//! Progress while indexing: a bar on a terminal; in a pipe or a CI log, a status line every
//! ten seconds (nothing at all for a run shorter than that).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use crate::index::Progress;

/// How often a status line is printed when stderr is not a terminal.
const STATUS_EVERY: Duration = Duration::from_secs(10);

/// Shows the progress of one build.
pub enum ProgressView {
    /// The bar, and whether it shows counts yet (a spinner until the first file is read).
    Bar(ProgressBar, bool),
    Lines {
        started: Instant,
        last: Instant,
    },
}

impl ProgressView {
    /// A bar when stderr is a terminal, status lines otherwise.
    pub fn new() -> Self {
        if !std::io::stderr().is_terminal() {
            let now = Instant::now();
            return ProgressView::Lines {
                started: now,
                last: now,
            };
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} finding report files… {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        ProgressView::Bar(bar, false)
    }

    /// Shows `progress`.
    pub fn update(&mut self, progress: Progress) {
        let read = format!("{:.1} MB read", progress.bytes_done as f64 / 1e6);
        match self {
            ProgressView::Bar(bar, counting) => {
                if !*counting {
                    *counting = true;
                    let style = ProgressStyle::with_template(
                        "{spinner} {bar:30} {pos}/{len} files · {msg} · {elapsed} (about {eta} left)",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                    bar.set_style(style);
                }
                bar.set_length(progress.files_total as u64);
                bar.set_position(progress.files_done as u64);
                bar.set_message(read);
            }
            ProgressView::Lines { started, last } => {
                if last.elapsed() >= STATUS_EVERY {
                    *last = Instant::now();
                    eprintln!(
                        "baogao: {}/{} files indexed, {read}, {:.0} s",
                        progress.files_done,
                        progress.files_total,
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
    }

    /// Removes the bar (the summary line follows).
    pub fn finish(&self) {
        if let ProgressView::Bar(bar, _) = self {
            bar.finish_and_clear();
        }
    }
}
