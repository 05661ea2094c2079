//! Walking a corpus folder: sorted (the same order on every machine), report files only.

use std::path::{Path, PathBuf};
use thiserror::Error;
use walkdir::WalkDir;

use super::formats::Format;
use super::sidecar::SIDECAR_SUFFIX;
use super::skip::{SkipKind, Skipped};

/// A report file found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the corpus root, `/`-separated: what the index stores.
    pub relative: String,
    /// Its format, by extension.
    pub format: Format,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<CorpusFile>,
    /// Files of other kinds, left alone (counted, not reported one by one).
    pub other_files: usize,
    /// Entries that could not be walked (permissions, broken links, symlink loops, names
    /// that are not UTF-8), each once.
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
                walk.skipped.push(walk_error_skip(root, &err));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // A FIFO would block the read, a device never end it (`/dev/zero`): named and
            // counted like any other skip, when it bears a report's name.
            if Format::of(entry.path()).is_some() {
                walk.skipped.push(Skipped {
                    path: entry.path().to_path_buf(),
                    kind: SkipKind::NotAFile,
                    reason: special_file_reason(&entry),
                });
            } else {
                walk.other_files += 1;
            }
            continue;
        }
        let is_sidecar = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.ends_with(SIDECAR_SUFFIX));
        if is_sidecar {
            continue;
        }
        let Some(format) = Format::of(entry.path()) else {
            walk.other_files += 1;
            continue;
        };
        // The index stores paths as UTF-8 text, and `path:N` must lead back to the file: a
        // name made lossy (� for the bytes that are not UTF-8) would lead nowhere, so such a
        // file is skipped, and the warning says how to rename it.
        let Some(relative) = relative_path(root, entry.path()) else {
            walk.skipped.push(Skipped {
                path: entry.path().to_path_buf(),
                kind: SkipKind::BadName,
                reason: bad_name_reason(entry.path()),
            });
            continue;
        };
        walk.files.push(CorpusFile {
            path: entry.path().to_path_buf(),
            relative,
            format,
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

fn relative_path(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// Why a path whose name is not UTF-8 is skipped, with its bytes and, when they read as
/// GBK (names from Windows archives unpacked on Linux), what it would be called in UTF-8.
fn bad_name_reason(path: &Path) -> String {
    let advice = "rename it to UTF-8, e.g. `convmv -f gbk -t utf-8 --notest`";
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let name = path.file_name().map_or(bytes, |name| name.as_bytes());
        let escaped: String = name.escape_ascii().to_string();
        let as_gbk = encoding_rs::GBK
            .decode_without_bom_handling_and_without_replacement(name)
            .map(|name| format!(", `{name}` if read as GBK"))
            .unwrap_or_default();
        format!("its name `{escaped}` is not valid UTF-8{as_gbk}: {advice}")
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        format!("its name is not valid Unicode: {advice}")
    }
}

/// Why a special file is not read: what it is, and where a link to it leads.
fn special_file_reason(entry: &walkdir::DirEntry) -> String {
    let file_type = entry.file_type();
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            "a named pipe (FIFO)"
        } else if file_type.is_char_device() {
            "a character device"
        } else if file_type.is_block_device() {
            "a block device"
        } else if file_type.is_socket() {
            "a socket"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = file_type;
        "a special file"
    };
    let target = entry
        .path_is_symlink()
        .then(|| std::fs::read_link(entry.path()).ok())
        .flatten()
        .map(|target| format!(" (the symbolic link leads to `{}`)", target.display()))
        .unwrap_or_default();
    format!("it is {what}, not a regular file{target}")
}

/// The errno of "too many levels of symbolic links" (a link that leads to itself); std has
/// no stable `ErrorKind` for it.
#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
const ELOOP: i32 = 62;
#[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "freebsd")))]
const ELOOP: i32 = 40;

/// What to report for an entry the walk could not enter or follow.
fn walk_error_skip(root: &Path, err: &walkdir::Error) -> Skipped {
    let path = err.path().unwrap_or(root).to_path_buf();
    let skip = |kind, reason: String| Skipped {
        path: path.clone(),
        kind,
        reason,
    };
    if let Some(ancestor) = err.loop_ancestor() {
        return skip(
            SkipKind::LinkLoop,
            format!(
                "symbolic link loop (it leads back to `{}`)",
                ancestor.display()
            ),
        );
    }
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    match err.io_error() {
        Some(io) if is_link && io.raw_os_error() == Some(ELOOP) => skip(
            SkipKind::LinkLoop,
            "symbolic link loop (it leads back to itself)".to_string(),
        ),
        Some(io) if is_link && io.kind() == std::io::ErrorKind::NotFound => {
            let target = std::fs::read_link(&path)
                .map_or_else(|_| "?".to_string(), |t| t.display().to_string());
            skip(
                SkipKind::BrokenLink,
                format!("broken symbolic link (its target `{target}` does not exist)"),
            )
        }
        Some(io) => skip(SkipKind::Unreadable, format!("cannot read it: {io}")),
        None => skip(SkipKind::Unreadable, format!("cannot read it: {err}")),
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
