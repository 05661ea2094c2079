//! A report's metadata sidecar (`004_….txt.meta.toml`, see `report/overrides.rs`), read by
//! the corpus stage like the report itself: its bytes once, which the index hashes and the
//! report stage parses.

use std::path::{Path, PathBuf};

/// The suffix of a report's metadata sidecar: read with its report, never counted as a file
/// of another kind.
pub const SIDECAR_SUFFIX: &str = ".meta.toml";

/// The sidecar path of a report file: `a.txt` → `a.txt.meta.toml`.
pub fn sidecar_path(report_file: &Path) -> PathBuf {
    let mut name = report_file.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    PathBuf::from(name)
}

/// The sidecar of a report file, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sidecar {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The sidecar of `report_file`: None when there is none, an error when it is there and
/// cannot be read.
pub fn read_sidecar(report_file: &Path) -> std::io::Result<Option<Sidecar>> {
    let path = sidecar_path(report_file);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(Sidecar { path, bytes })),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sidecar_is_read_beside_its_report_or_is_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let report = dir.path().join("r.txt");
        assert_eq!(read_sidecar(&report).expect("no error"), None);
        std::fs::write(dir.path().join("r.txt.meta.toml"), "year = 2020\n").expect("write");
        let sidecar = read_sidecar(&report).expect("readable").expect("present");
        assert_eq!(sidecar.path, dir.path().join("r.txt.meta.toml"));
        assert_eq!(sidecar.bytes, b"year = 2020\n");
    }
}
