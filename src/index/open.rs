//! Opening a built index for reading, with the checks that make a stale one an error rather
//! than silently wrong results.

use std::path::{Path, PathBuf};
use tantivy::{Index, IndexReader, ReloadPolicy};
use thiserror::Error;

use super::manifest::MANIFEST_FILE;
use super::meta::{IndexMeta, META_FILE};
use super::swap::{holds_tantivy_files, moved_aside};
use crate::schema::{IndexSchema, SchemaError};
use crate::tokenize;

/// Why an index could not be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    #[error("no index at `{0}`: build one with `baogao index CORPUS_DIR` (or pass --index DIR)")]
    Missing(PathBuf),
    /// Shown as "the index at X is damaged (…): run `baogao index --rebuild`" by the commands.
    #[error("`{META_FILE}` is missing")]
    MetaMissing(PathBuf),
    #[error("`{META_FILE}` is unreadable")]
    BadMeta {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the index at `{dir}` was built with another schema (fingerprint {found}, this baogao uses {expected}); \
         rebuild it with `baogao index`"
    )]
    SchemaChanged {
        dir: PathBuf,
        found: String,
        expected: String,
    },
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error("tantivy cannot open it")]
    Tantivy {
        dir: PathBuf,
        source: tantivy::TantivyError,
    },
}

/// An index ready for searching.
pub struct OpenIndex {
    pub index: Index,
    /// One reader for every search of this process: opening one costs more than a search of a
    /// rare word. It sees the index as it was when opened (no reloading, no watcher thread).
    pub reader: IndexReader,
    pub schema: IndexSchema,
    pub meta: IndexMeta,
    pub dir: PathBuf,
}

/// Opens the index in `dir`, checking that this binary's schema built it.
///
/// `baogao index` may be swapping a rebuilt index in while this runs: the folder is then
/// missing for an instant, or its files change under a reader being opened. The previous
/// index moved aside is read in the first case, and the open is tried again in the second.
pub fn open_index(dir: &Path) -> Result<OpenIndex, OpenError> {
    let mut attempt = 0;
    loop {
        match open_once(dir) {
            Err(OpenError::Tantivy { .. } | OpenError::BadMeta { .. })
                if attempt < OPEN_RETRIES =>
            {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(OpenError::Missing(_)) => {
                return match moved_aside(dir) {
                    Some(previous) => open_once(&previous),
                    None => Err(OpenError::Missing(dir.to_path_buf())),
                }
            }
            outcome => return outcome,
        }
    }
}

/// How many times opening is tried again when files change under it.
const OPEN_RETRIES: usize = 10;

fn open_once(dir: &Path) -> Result<OpenIndex, OpenError> {
    if !dir.join(META_FILE).exists() {
        // A folder of tantivy's files or baogao's manifest is an index that lost its
        // `baogao.json`, not a missing one.
        if dir.join(MANIFEST_FILE).exists() || holds_tantivy_files(dir) {
            return Err(OpenError::MetaMissing(dir.to_path_buf()));
        }
        return Err(OpenError::Missing(dir.to_path_buf()));
    }
    let meta = IndexMeta::read(dir).map_err(|source| OpenError::BadMeta {
        dir: dir.to_path_buf(),
        source,
    })?;
    let schema = IndexSchema::embedded()?;
    if meta.schema_fingerprint != schema.fingerprint {
        return Err(OpenError::SchemaChanged {
            dir: dir.to_path_buf(),
            found: meta.schema_fingerprint,
            expected: schema.fingerprint,
        });
    }
    let index = Index::open_in_dir(dir).map_err(|source| OpenError::Tantivy {
        dir: dir.to_path_buf(),
        source,
    })?;
    tokenize::register(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|source| OpenError::Tantivy {
            dir: dir.to_path_buf(),
            source,
        })?;
    Ok(OpenIndex {
        index,
        reader,
        schema,
        meta,
        dir: dir.to_path_buf(),
    })
}
