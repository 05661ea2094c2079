//! Walking a corpus folder: sorted (the same order on every machine), report files only.

use std::path::{Path, PathBuf};
use thiserror::Error;
use walkdir::WalkDir;

/// The suffix of a report's metadata sidecar (`004_….txt.meta.toml`): read with its report,
/// never counted as a file of another kind.
pub const SIDECAR_SUFFIX: &str = ".meta.toml";

/// File extensions read as report text.
const REPORT_EXTENSIONS: &[&str] = &["txt", "md"];

/// A report file found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the corpus root, `/`-separated: what the index stores.
    pub relative: String,
}

/// Something under the corpus root that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<CorpusFile>,
    /// Files of other kinds, left alone (counted, not reported one by one).
    pub other_files: usize,
    /// Entries that could not be walked (permissions, symlink loops, …).
    pub skipped: Vec<Skipped>,
}

/// Why a corpus could not be walked at all.
#[derive(Debug, Error)]
pub enum WalkError {
    #[error("corpus folder `{0}` does not exist")]
    Missing(PathBuf),
    #[error("`{0}` is not a folder: give the folder that holds the reports")]
    NotADirectory(PathBuf),
}

/// Lists the report files under `root`, sorted by path. Hidden entries (`.git`, an index
/// folder such as `.baogao-index`) and anything under `exclude` are left out.
pub fn find_report_files(root: &Path, exclude: Option<&Path>) -> Result<Walk, WalkError> {
    if !root.exists() {
        return Err(WalkError::Missing(root.to_path_buf()));
    }
    if !root.is_dir() {
        return Err(WalkError::NotADirectory(root.to_path_buf()));
    }
    let exclude = exclude.and_then(|path| path.canonicalize().ok());
    let mut walk = Walk::default();
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && is_hidden(entry.file_name());
            let excluded = match (&exclude, entry.path().canonicalize()) {
                (Some(excluded), Ok(path)) => path.starts_with(excluded),
                _ => false,
            };
            !hidden && !excluded
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                walk.skipped.push(Skipped {
                    path,
                    reason: walk_error_reason(&err),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let is_sidecar = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.ends_with(SIDECAR_SUFFIX));
        if is_sidecar {
            continue;
        }
        if !has_report_extension(entry.path()) {
            walk.other_files += 1;
            continue;
        }
        let Some(relative) = relative_path(root, entry.path()) else {
            walk.skipped.push(Skipped {
                path: entry.path().to_path_buf(),
                reason: "its name is not valid Unicode".to_string(),
            });
            continue;
        };
        walk.files.push(CorpusFile {
            path: entry.path().to_path_buf(),
            relative,
        });
    }
    Ok(walk)
}

/// The paths of the report files under `root`, sorted (what [`find_report_files`] finds).
pub fn report_paths(root: &Path) -> Result<Vec<PathBuf>, WalkError> {
    Ok(find_report_files(root, None)?
        .files
        .into_iter()
        .map(|file| file.path)
        .collect())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            REPORT_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

fn relative_path(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

fn walk_error_reason(err: &walkdir::Error) -> String {
    if err.loop_ancestor().is_some() {
        return "symbolic link loop".to_string();
    }
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_text_files_sorted_and_skips_hidden_and_other_kinds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/.hidden")).expect("mkdir");
        std::fs::write(root.join("b/2.txt"), "二").expect("write");
        std::fs::write(root.join("a.TXT"), "一").expect("write");
        std::fs::write(root.join("b/.hidden/x.txt"), "x").expect("write");
        std::fs::write(root.join("c.pdf"), "%PDF").expect("write");
        let walk = find_report_files(root, None).expect("walk");
        let names: Vec<_> = walk.files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(names, ["a.TXT", "b/2.txt"]);
        assert_eq!(walk.other_files, 1);
    }

    #[test]
    fn missing_folder_is_named_in_the_error() {
        let err = find_report_files(Path::new("no/such/corpus"), None).unwrap_err();
        assert!(err.to_string().contains("no/such/corpus"), "{err}");
    }
}
