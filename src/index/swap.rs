//! The folder moves of a full build: the new index is written into a hidden sibling of the
//! index folder (same file system, so moves are renames) and swapped in when complete. A run
//! killed midway leaves a staging folder, or — killed between the two renames of the swap —
//! the previous index moved aside; the next run, holding the lock, cleans the first and puts
//! the second back, and searches meanwhile read the index moved aside.

use std::path::{Path, PathBuf};

use super::error::{io_error, BuildError};
use super::manifest::MANIFEST_FILE;
use super::meta::META_FILE;

/// Where this process stages a full build of `index_dir`.
pub fn staging_dir(index_dir: &Path) -> PathBuf {
    index_dir.with_file_name(format!(
        "{}{}",
        staging_prefix(index_dir),
        std::process::id()
    ))
}

/// The name every staging folder of `index_dir` starts with.
fn staging_prefix(index_dir: &Path) -> String {
    let name = index_dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.building-")
}

/// The previous index moved aside by a swap that did not finish, if there is one.
pub fn moved_aside(index_dir: &Path) -> Option<PathBuf> {
    leftovers(index_dir)
        .into_iter()
        .find(|path| path.extension().is_some_and(|e| e == "old") && path.join(META_FILE).exists())
}

/// Staging folders and moved-aside indexes of `index_dir`.
fn leftovers(index_dir: &Path) -> Vec<PathBuf> {
    let prefix = staging_prefix(index_dir);
    let Some(parent) = index_dir.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

/// Cleans up after runs that were killed (the caller holds the lock, so none is running):
/// puts back a previous index moved aside when the index folder is missing, and removes
/// staging folders.
pub fn recover_leftovers(index_dir: &Path) -> Result<(), BuildError> {
    if !index_dir.exists() {
        if let Some(previous) = moved_aside(index_dir) {
            std::fs::rename(&previous, index_dir).map_err(io_error(format!(
                "putting the previous index `{}` back into `{}`",
                previous.display(),
                index_dir.display()
            )))?;
        }
    }
    for leftover in leftovers(index_dir) {
        std::fs::remove_dir_all(&leftover)
            .map_err(io_error(format!("removing `{}`", leftover.display())))?;
    }
    Ok(())
}

/// Refuses to replace a folder that holds something other than a baogao index. A folder
/// with baogao's manifest is ours, `baogao.json` lost or not; one with only tantivy's files
/// (`meta.json`, `.managed.json`) may be another program's index, and is replaced on
/// `--rebuild` only.
pub fn ensure_replaceable(index_dir: &Path, rebuild: bool) -> Result<(), BuildError> {
    if !index_dir.exists()
        || index_dir.join(META_FILE).exists()
        || index_dir.join(MANIFEST_FILE).exists()
    {
        return Ok(());
    }
    if holds_tantivy_files(index_dir) {
        return if rebuild {
            Ok(())
        } else {
            Err(BuildError::TantivyOnly(index_dir.to_path_buf()))
        };
    }
    let empty = std::fs::read_dir(index_dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if empty {
        Ok(())
    } else {
        Err(BuildError::NotAnIndex(index_dir.to_path_buf()))
    }
}

/// Whether `dir` holds tantivy's own files.
pub fn holds_tantivy_files(dir: &Path) -> bool {
    ["meta.json", ".managed.json"]
        .iter()
        .any(|name| dir.join(name).exists())
}

/// Moves the finished index into place: old → aside, new → index_dir, old removed.
pub fn swap_in(staging: &Path, index_dir: &Path) -> Result<(), BuildError> {
    let aside = staging.with_extension("old");
    if index_dir.exists() {
        std::fs::rename(index_dir, &aside).map_err(io_error(format!(
            "moving the old index `{}` aside",
            index_dir.display()
        )))?;
    }
    if let Err(err) = std::fs::rename(staging, index_dir) {
        // Put the old index back so nothing good is lost.
        let _ = std::fs::rename(&aside, index_dir);
        return Err(io_error(format!(
            "moving the new index into `{}`",
            index_dir.display()
        ))(err));
    }
    if aside.exists() {
        std::fs::remove_dir_all(&aside).map_err(io_error(format!(
            "removing the old index `{}`",
            aside.display()
        )))?;
    }
    Ok(())
}

/// Removes a staging folder left by a build that failed midway.
pub struct RemoveOnDrop(pub PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if self.0.exists() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
