//! The index on disk: building it from a corpus, and opening it for reading.

mod build;
mod check;
mod diff;
mod document;
mod error;
mod lock;
mod manifest;
mod meta;
mod open;
mod parallel;
mod statistics;
mod swap;
mod verify;

pub use build::{build_index, BuildOptions, BuildSummary, Progress};
pub use check::{check_index, Staleness};
pub use error::BuildError;
pub use lock::{lock_path, IndexLock, LockError};
pub use manifest::{Manifest, MANIFEST_FILE};
pub use meta::{IndexMeta, META_FILE};
pub use open::{open_index, OpenError, OpenIndex};
pub use verify::{verify_index, Damage};

/// The index folder used when neither `--index` nor `$BAOGAO_INDEX` names one.
pub const DEFAULT_INDEX_DIR: &str = ".baogao-index";
