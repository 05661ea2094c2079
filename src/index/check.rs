//! `baogao index --check`: does the index match the corpus and this binary's schema? Reads
//! file states (and contents where sizes or times differ), writes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use super::build::{io_error, BuildError};
use super::manifest::{compare, Change, Manifest, MANIFEST_FILE};
use super::meta::{IndexMeta, META_FILE};
use super::swap::holds_tantivy_files;
use super::verify::verify_index;
use crate::corpus::find_report_files;
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

/// Compares the index in `index_dir` with the corpus at `corpus`.
pub fn check_index(corpus: &Path, index_dir: &Path) -> Result<Staleness, BuildError> {
    let schema = IndexSchema::embedded()?;
    let walk = find_report_files(corpus, Some(index_dir))?;
    let whole = |reason: String| Staleness {
        whole: Some(reason),
        ..Staleness::default()
    };
    let damaged = |what: String| {
        whole(format!(
            "the index is damaged ({what}); `baogao index` rebuilds it"
        ))
    };
    if !index_dir.join(META_FILE).exists() {
        if index_dir.join(MANIFEST_FILE).exists() || holds_tantivy_files(index_dir) {
            return Ok(damaged(format!("{META_FILE} is missing")));
        }
        return Ok(whole(format!("no index at `{}`", index_dir.display())));
    }
    let meta = match IndexMeta::read(index_dir) {
        Ok(meta) => meta,
        Err(err) => return Ok(damaged(format!("{META_FILE} unreadable: {err}"))),
    };
    if meta.schema_fingerprint != schema.fingerprint {
        return Ok(whole(format!(
            "built with another schema (fingerprint {}, this baogao uses {})",
            meta.schema_fingerprint, schema.fingerprint
        )));
    }
    let corpus_root = corpus
        .canonicalize()
        .map_err(io_error(format!("resolving `{}`", corpus.display())))?;
    if meta.corpus_root != corpus_root {
        return Ok(whole(format!(
            "built from another corpus, `{}`",
            meta.corpus_root.display()
        )));
    }
    let manifest = match Manifest::read(index_dir) {
        Ok(manifest) => manifest,
        Err(err) => return Ok(damaged(format!("{MANIFEST_FILE} unreadable: {err}"))),
    };
    if let Err(damage) = verify_index(index_dir, Some(meta.passages)) {
        return Ok(damaged(damage.to_string()));
    }
    let mut staleness = Staleness::default();
    for file in &walk.files {
        let change = compare(&file.path, manifest.files.get(&file.relative))
            .map_err(io_error(format!("reading `{}`", file.path.display())))?;
        match change {
            Change::Added => staleness.added.push(file.relative.clone()),
            Change::Changed => staleness.changed.push(file.relative.clone()),
            Change::Unchanged => {}
        }
    }
    let walked: BTreeSet<&str> = walk.files.iter().map(|f| f.relative.as_str()).collect();
    staleness.removed = manifest
        .files
        .keys()
        .filter(|path| !walked.contains(path.as_str()))
        .cloned()
        .collect();
    Ok(staleness)
}
