//! Why a build (or a check) failed, with the context each failure needs.

use std::path::PathBuf;
use thiserror::Error;

use super::meta::META_FILE;
use crate::corpus::{Format, Skipped, WalkError};
use crate::schema::SchemaError;

use super::lock::LockError;

/// Why a build failed. The previous index, if any, is untouched.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Walk(#[from] WalkError),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("no report files ({}) in `{dir}`{}", Format::extension_list(), others_note(*.other_files))]
    NoReports {
        dir: PathBuf,
        other_files: usize,
        /// What the walk could not enter or follow (reported by the caller).
        skipped: Vec<Skipped>,
    },
    #[error("none of the {files} report files in `{dir}` could be read (see the warnings above)")]
    NothingIndexed {
        dir: PathBuf,
        files: usize,
        /// Every file, with why it was not read (reported by the caller).
        skipped: Vec<Skipped>,
    },
    #[error("`{0}` exists and is not a baogao index: refusing to replace it; pass another --index folder")]
    NotAnIndex(PathBuf),
    #[error(
        "`{0}` holds tantivy's files but no {META_FILE}: if it is a damaged baogao index, \
         `baogao index --rebuild` replaces it; otherwise pass another --index folder"
    )]
    TantivyOnly(PathBuf),
    #[error("the corpus folder `{0}` disappeared while it was being indexed; the previous index is kept")]
    CorpusGone(PathBuf),
    #[error("{context}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{context}")]
    Tantivy {
        context: String,
        source: tantivy::TantivyError,
    },
}

fn others_note(other_files: usize) -> String {
    match other_files {
        0 => String::new(),
        n => format!(" ({n} files of other kinds were left alone)"),
    }
}

pub(crate) fn io_error(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
    let context = context.into();
    move |source| BuildError::Io { context, source }
}

pub(crate) fn tantivy_error(
    context: impl Into<String>,
) -> impl FnOnce(tantivy::TantivyError) -> BuildError {
    let context = context.into();
    move |source| BuildError::Tantivy { context, source }
}
