//! The corpus: which files under a folder are reports, and reading them as text.

mod read;
mod walk;

pub use read::{read_text, text_of, ReadError};
pub use walk::{
    find_report_files, report_paths, CorpusFile, Skipped, Walk, WalkError, SIDECAR_SUFFIX,
};
