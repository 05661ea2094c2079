//! `baogao.json`, written into every index folder: which schema built the index, from which
//! corpus, and what it holds. Its presence also marks a folder as a baogao index.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::manifest::write_atomically;

/// The file name of the index's own metadata.
pub const META_FILE: &str = "baogao.json";

/// What an index records about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The version of baogao that built it.
    pub baogao_version: String,
    /// The fingerprint of `index_schema/` it was built with.
    pub schema_fingerprint: String,
    /// The corpus folder, absolute: hit paths are shown relative to it.
    pub corpus_root: PathBuf,
    pub files: usize,
    pub reports: usize,
    pub passages: usize,
    /// Seconds since the Unix epoch when the build finished.
    pub built_at: u64,
    /// Words of each field over the live passages, for BM25 (see `index::statistics`).
    #[serde(default)]
    pub field_tokens: BTreeMap<String, u64>,
}

impl IndexMeta {
    /// Reads `baogao.json` from an index folder.
    pub fn read(index_dir: &Path) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(index_dir.join(META_FILE))?;
        serde_json::from_str(&text)
            .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, err))
    }

    /// Writes `baogao.json` into an index folder, whole or not at all.
    pub fn write(&self, index_dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        write_atomically(&index_dir.join(META_FILE), (text + "\n").as_bytes())
    }
}
