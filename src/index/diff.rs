//! The corpus against the index: whether the index can be updated in place at all (or why it
//! must be built whole), and, when it can, which files were added, changed, touched, left
//! unchanged or removed since it was built. `baogao index` acts on the answer; `--check` only
//! reports it, so the two never disagree.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::manifest::{compare, Change, FileRecord, FileState, Manifest, MANIFEST_FILE};
use super::meta::{IndexMeta, META_FILE};
use super::swap::holds_tantivy_files;
use super::verify::verify_index;
use crate::corpus::{CorpusFile, ReadOptions, SkipKind, Walk};
use crate::schema::IndexSchema;

/// Why the index in a folder cannot be updated in place and must be built whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whole {
    /// No index there yet.
    New,
    /// Its files are not whole or do not open: what is wrong.
    Damaged(String),
    /// Built with another schema (the fingerprints of the index and of this binary).
    OtherSchema { index: String, binary: String },
    /// Built from another corpus folder.
    OtherCorpus(PathBuf),
}

impl Whole {
    /// Why `baogao index` builds the whole index, as its summary says it.
    pub fn build_reason(&self) -> String {
        match self {
            Whole::New => "new index".to_string(),
            Whole::Damaged(what) => format!("the index was damaged ({what})"),
            Whole::OtherSchema { index, binary } => {
                format!("the schema changed (index_schema/ fingerprint {index} → {binary})")
            }
            Whole::OtherCorpus(root) => {
                format!("another corpus (the index holds `{}`)", root.display())
            }
        }
    }

    /// Why `baogao index --check` calls the index stale.
    pub fn check_reason(&self, index_dir: &Path) -> String {
        match self {
            Whole::New => format!("no index at `{}`", index_dir.display()),
            Whole::Damaged(what) => {
                format!("the index is damaged ({what}); `baogao index` rebuilds it")
            }
            Whole::OtherSchema { index, binary } => {
                format!(
                    "built with another schema (fingerprint {index}, this baogao uses {binary})"
                )
            }
            Whole::OtherCorpus(root) => format!("built from another corpus, `{}`", root.display()),
        }
    }
}

/// The manifest of the index in `index_dir` when the index can be updated in place: it was
/// built with this schema from this corpus, and its files are whole.
pub fn updatable(
    index_dir: &Path,
    schema: &IndexSchema,
    corpus_root: &Path,
) -> Result<Manifest, Whole> {
    if !index_dir.join(META_FILE).exists() {
        if index_dir.join(MANIFEST_FILE).exists() || holds_tantivy_files(index_dir) {
            return Err(Whole::Damaged(format!("{META_FILE} is missing")));
        }
        return Err(Whole::New);
    }
    let meta = IndexMeta::read(index_dir)
        .map_err(|err| Whole::Damaged(format!("{META_FILE} unreadable: {err}")))?;
    if meta.schema_fingerprint != schema.fingerprint {
        return Err(Whole::OtherSchema {
            index: meta.schema_fingerprint,
            binary: schema.fingerprint.clone(),
        });
    }
    if meta.corpus_root != corpus_root {
        return Err(Whole::OtherCorpus(meta.corpus_root));
    }
    let manifest = Manifest::read(index_dir)
        .map_err(|err| Whole::Damaged(format!("{MANIFEST_FILE} unreadable: {err}")))?;
    if manifest.schema_fingerprint != schema.fingerprint {
        return Err(Whole::Damaged(format!(
            "{MANIFEST_FILE} is of another schema"
        )));
    }
    verify_index(index_dir, Some(meta.passages))
        .map_err(|damage| Whole::Damaged(damage.to_string()))?;
    Ok(manifest)
}

/// How the files of a walk compare with the manifest of the index.
#[derive(Debug, Default)]
pub struct Diff<'w> {
    /// Files the index has not seen.
    pub added: Vec<&'w CorpusFile>,
    /// Files whose bytes or sidecar differ from what was indexed, or that must be read again
    /// because the size limit moved across them; also files that cannot be looked at (reading
    /// them again reports why).
    pub changed: Vec<&'w CorpusFile>,
    /// Files with the same content but a new size-and-time state, to remember so that the
    /// next run need not hash them again.
    pub touched: Vec<(&'w CorpusFile, FileState)>,
    /// Files as they were indexed (the touched ones among them).
    pub unchanged: Vec<&'w CorpusFile>,
    /// Paths the manifest holds that the walk no longer finds.
    pub removed: Vec<String>,
}

impl<'w> Diff<'w> {
    /// Compares `walk` with `manifest`; `read` is how this run reads files (its size limit).
    pub fn of(walk: &'w Walk, manifest: &Manifest, read: &ReadOptions) -> Self {
        let mut diff = Diff::default();
        for file in &walk.files {
            let record = manifest.files.get(&file.relative);
            match compare(&file.path, record).unwrap_or(Change::Changed) {
                Change::Added => diff.added.push(file),
                Change::Changed => diff.changed.push(file),
                Change::Unchanged => {
                    let Some(record) = record else {
                        diff.added.push(file);
                        continue;
                    };
                    if crosses_size_limit(record, read) {
                        diff.changed.push(file);
                        continue;
                    }
                    if let Ok(state) = FileState::of(&file.path) {
                        if state != record.state {
                            diff.touched.push((file, state));
                        }
                    }
                    diff.unchanged.push(file);
                }
            }
        }
        let walked: BTreeSet<&str> = walk.files.iter().map(|f| f.relative.as_str()).collect();
        diff.removed = manifest
            .files
            .keys()
            .filter(|path| !walked.contains(path.as_str()))
            .cloned()
            .collect();
        diff
    }

    /// Whether the index's content would change: anything added, changed or removed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Whether a file unchanged since the last run must be read again because the size limit
/// moved across it: skipped as too large and now within it, or indexed and now over it.
fn crosses_size_limit(record: &FileRecord, read: &ReadOptions) -> bool {
    let over = record.state.size > read.max_file_size;
    match record.skip_kind {
        Some(SkipKind::TooLarge) => !over,
        Some(_) => false,
        None => over,
    }
}
