//! The index on disk: building it from a corpus, and opening it for reading.

mod build;
mod meta;
mod open;

pub use build::{build_index, BuildError, BuildSummary};
pub use meta::{IndexMeta, META_FILE};
pub use open::{open_index, OpenError, OpenIndex};

/// The index folder used when neither `--index` nor `$BAOGAO_INDEX` names one.
pub const DEFAULT_INDEX_DIR: &str = ".baogao-index";
