//! `baogao-files.json`, written into every index folder: what each indexed file was when it
//! was read (size, modification time, content hash, and the same for its metadata sidecar),
//! with the schema fingerprint. The next `baogao index` re-reads only the files that differ.
//!
//! It is written after tantivy's commit, by rename: a build killed between the two leaves the
//! previous manifest, and the next run re-indexes the files it names as changed — deleting a
//! file's passages before adding them makes that safe to do twice.

use fnv::FnvHasher;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::io::Read;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::corpus::{sidecar_path, SkipKind};

/// The file name of the manifest in an index folder.
pub const MANIFEST_FILE: &str = "baogao-files.json";

/// A file as it was on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    pub size: u64,
    /// Nanoseconds since the Unix epoch (0 when the file system does not say).
    pub modified_ns: u64,
}

impl FileState {
    /// The state of the file at `path`, following symlinks.
    pub fn of(path: &Path) -> std::io::Result<Self> {
        let metadata = std::fs::metadata(path)?;
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |since| {
                u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
            });
        Ok(FileState {
            size: metadata.len(),
            modified_ns,
        })
    }
}

/// What the index knows of one file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub state: FileState,
    /// FNV-1a of the file's bytes, hex.
    pub hash: String,
    /// The state and hash of its `.meta.toml` sidecar, when it has one.
    pub sidecar: Option<(FileState, String)>,
    pub reports: usize,
    pub passages: usize,
    /// Why the file could not be indexed, when it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// The kind of that reason, for the summary's counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_kind: Option<SkipKind>,
}

/// The manifest of an index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_fingerprint: String,
    /// By path relative to the corpus root.
    pub files: BTreeMap<String, FileRecord>,
}

impl Manifest {
    /// Reads the manifest of an index folder.
    pub fn read(index_dir: &Path) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(index_dir.join(MANIFEST_FILE))?;
        serde_json::from_str(&text)
            .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, err))
    }

    /// Writes the manifest into an index folder, whole or not at all (write, then rename).
    pub fn write(&self, index_dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string(self).map_err(std::io::Error::other)?;
        write_atomically(&index_dir.join(MANIFEST_FILE), text.as_bytes())
    }
}

/// How a file of the corpus compares with its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Unchanged,
}

/// Compares the file at `path` (and its sidecar) with `record`. Size and modification time
/// decide when they agree; otherwise the content hash does (a file touched but not changed is
/// unchanged). Reads the file only when the quick check fails.
pub fn compare(path: &Path, record: Option<&FileRecord>) -> std::io::Result<Change> {
    let Some(record) = record else {
        return Ok(Change::Added);
    };
    let state = FileState::of(path)?;
    let same_file = state == record.state
        || (state.size == record.state.size && hash_file(path)? == record.hash);
    let sidecar = sidecar_path(path);
    let same_sidecar = match (FileState::of(&sidecar).ok(), &record.sidecar) {
        (None, None) => true,
        (Some(now), Some((then, hash))) => {
            now == *then || (now.size == then.size && hash_file(&sidecar)? == *hash)
        }
        _ => false,
    };
    Ok(if same_file && same_sidecar {
        Change::Unchanged
    } else {
        Change::Changed
    })
}

/// FNV-1a (64 bits) of a file's bytes, hex.
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = FnvHasher::default();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.write(&buffer[..read]);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

/// FNV-1a (64 bits) of bytes, hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))
}

/// FNV-1a (64 bits) of bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hasher = FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk and
/// renamed over `path`: readers see the old file or the new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut temporary = path.as_os_str().to_os_string();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = std::path::PathBuf::from(temporary);
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touched_but_unchanged_file_is_unchanged_and_an_edited_one_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "卫生院").expect("write");
        let record = FileRecord {
            state: FileState::of(&path).expect("state"),
            hash: hash_file(&path).expect("hash"),
            sidecar: None,
            reports: 1,
            passages: 1,
            skipped: None,
            skip_kind: None,
        };
        assert_eq!(
            compare(&path, Some(&record)).expect("compare"),
            Change::Unchanged
        );
        assert_eq!(compare(&path, None).expect("compare"), Change::Added);
        let touched = FileRecord {
            state: FileState {
                modified_ns: 1,
                ..record.state
            },
            ..record.clone()
        };
        assert_eq!(
            compare(&path, Some(&touched)).expect("compare"),
            Change::Unchanged
        );
        std::fs::write(&path, "卫生所").expect("write");
        assert_eq!(
            compare(&path, Some(&touched)).expect("compare"),
            Change::Changed
        );
        std::fs::write(&path, "卫生院").expect("write");
        std::fs::write(sidecar_path(&path), "year = 2020\n").expect("write");
        assert_eq!(
            compare(&path, Some(&touched)).expect("compare"),
            Change::Changed
        );
    }

    #[test]
    fn the_hash_of_a_file_is_the_hash_of_its_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        let bytes = "卫生院".repeat(30_000);
        std::fs::write(&path, &bytes).expect("write");
        assert_eq!(
            hash_file(&path).expect("hash"),
            hash_bytes(bytes.as_bytes())
        );
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"b"));
        // The published FNV-1a test vector: manifests written before keep matching.
        assert_eq!(hash_bytes(b"a"), "af63dc4c8601ec8c");
    }
}
