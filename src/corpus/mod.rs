//! The corpus: which files under a folder are reports, and reading them as text: decoding
//! their bytes ([`decode`]) and extracting the text of each format ([`formats`]).

pub mod decode;
pub mod formats;
mod read;
mod sidecar;
mod skip;
mod walk;

pub use formats::Format;
pub use read::{
    document_of, parse_size, read_bytes, read_document, read_text, Document, ReadError,
    ReadOptions, DEFAULT_MAX_FILE_SIZE,
};
pub use sidecar::{read_sidecar, sidecar_path, Sidecar, SIDECAR_SUFFIX};
pub use skip::{count_by_kind, SkipKind, Skipped};
pub use walk::{find_report_files, report_paths, CorpusFile, Walk, WalkError};
