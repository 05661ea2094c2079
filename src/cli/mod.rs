//! The commands: each turns its arguments into a request, calls the library and renders the
//! outcome. Printing and exit codes live here and in `render` only.

pub mod completions;
pub mod export;
pub mod filters;
mod guarded;
pub mod index;
mod progress;
pub mod push;
pub mod queries;
pub mod remote;
pub mod reports;
pub mod search;
pub mod show;
pub mod stats;
pub mod trend;

use std::path::PathBuf;

use crate::index::DEFAULT_INDEX_DIR;

pub use guarded::{after_abort, reading_index, writing_index};

/// Where the index is: `--index DIR`, else `$BAOGAO_INDEX`, else `.baogao-index` here.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexLocation {
    /// The index folder [env: BAOGAO_INDEX] [default: .baogao-index]
    #[arg(long = "index", value_name = "DIR", env = "BAOGAO_INDEX", default_value = DEFAULT_INDEX_DIR, hide_env = true, hide_default_value = true)]
    pub dir: PathBuf,
}

/// Runs `write` on a buffered standard output, then flushes it: what every command prints
/// goes through here (a closed pipe is then handled by `main`).
pub fn to_stdout(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out).and_then(|()| out.flush())?;
    Ok(())
}

/// Whether an error is (or was caused by) a closed pipe (`baogao search … | head`): output
/// ends quietly and the command succeeds, as with ripgrep. `main` asks this once for every
/// command.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
