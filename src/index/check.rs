//! `baogao index --check`: does the index match the corpus and this binary's schema? Reads
//! file states (and contents where sizes or times differ), writes nothing.

use std::path::Path;

use super::diff::{updatable, Diff};
use super::error::{io_error, BuildError};
use crate::corpus::{find_report_files, ReadOptions};
use crate::schema::IndexSchema;

/// How an index differs from its corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Why the whole index is out of date, when it is (no index, another schema, …).
    pub whole: Option<String>,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Staleness {
    /// Whether the index matches the corpus and schema.
    pub fn is_fresh(&self) -> bool {
        self.whole.is_none()
            && self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
    }
}

/// Compares the index in `index_dir` with the corpus at `corpus`, read as `read` says (a file
/// over the size limit now is stale as it would be re-read).
pub fn check_index(
    corpus: &Path,
    index_dir: &Path,
    read: &ReadOptions,
) -> Result<Staleness, BuildError> {
    let schema = IndexSchema::embedded()?;
    let walk = find_report_files(corpus, Some(index_dir))?;
    let corpus_root = corpus
        .canonicalize()
        .map_err(io_error(format!("resolving `{}`", corpus.display())))?;
    let manifest = match updatable(index_dir, &schema, &corpus_root) {
        Ok(manifest) => manifest,
        Err(whole) => {
            return Ok(Staleness {
                whole: Some(whole.check_reason(index_dir)),
                ..Staleness::default()
            })
        }
    };
    let diff = Diff::of(&walk, &manifest, read);
    let paths = |files: &[&crate::corpus::CorpusFile]| {
        files.iter().map(|file| file.relative.clone()).collect()
    };
    Ok(Staleness {
        whole: None,
        added: paths(&diff.added),
        changed: paths(&diff.changed),
        removed: diff.removed,
    })
}
