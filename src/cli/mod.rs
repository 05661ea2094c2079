//! The commands: each turns its arguments into a request, calls the library and renders the
//! outcome. Printing and exit codes live here and in `render` only.

pub mod completions;
pub mod export;
pub mod filters;
mod guarded;
pub mod index;
mod progress;
pub mod push;
pub mod remote;
pub mod reports;
pub mod search;
pub mod show;
pub mod stats;
pub mod trend;

use std::path::PathBuf;

use crate::index::DEFAULT_INDEX_DIR;

pub use guarded::{reading_index, writing_index};

/// Where the index is: `--index DIR`, else `$BAOGAO_INDEX`, else `.baogao-index` here.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexLocation {
    /// The index folder [env: BAOGAO_INDEX] [default: .baogao-index]
    #[arg(long = "index", value_name = "DIR", env = "BAOGAO_INDEX", default_value = DEFAULT_INDEX_DIR, hide_env = true, hide_default_value = true)]
    pub dir: PathBuf,
}

/// Whether an I/O error is a closed pipe (`baogao search … | head`), which ends output
/// quietly rather than as an error.
pub fn is_broken_pipe(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::BrokenPipe
}
