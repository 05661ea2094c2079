//! One `baogao index` at a time per index folder: an exclusive lock on `.NAME.lock` beside the
//! index folder (beside, so that it outlives the swap of a full rebuild). The lock is the
//! operating system's: it goes away with the process that held it, however that process ended,
//! so a lock file left by a killed run is found unlocked and taken over. The file holds the
//! holder's PID, for the message the next run prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why the lock was not taken.
#[derive(Debug, Error)]
pub enum LockError {
    #[error(
        "another `baogao index` (PID {pid}) is updating `{index}` (lock `{lock}`): wait for it to \
         finish, or pass --wait"
    )]
    Busy {
        index: PathBuf,
        lock: PathBuf,
        pid: String,
    },
    #[error("cannot lock `{lock}`")]
    Io {
        lock: PathBuf,
        source: std::io::Error,
    },
}

/// The held lock of an index folder; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct IndexLock {
    file: File,
    /// The PID written in a lock file that nobody held any more, when there was one.
    pub stale_pid: Option<String>,
}

/// The lock file of an index folder.
pub fn lock_path(index_dir: &Path) -> PathBuf {
    let name = index_dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    index_dir.with_file_name(format!(".{name}.lock"))
}

impl IndexLock {
    /// Takes the lock of `index_dir`; `wait` blocks until the holder is done instead of
    /// failing at once, after telling `on_wait` who holds it (its PID) and where the lock is.
    pub fn acquire(
        index_dir: &Path,
        wait: bool,
        on_wait: &mut dyn FnMut(&str, &Path),
    ) -> Result<IndexLock, LockError> {
        let path = lock_path(index_dir);
        let io = |source| LockError::Io {
            lock: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) if wait => {
                let pid = holder(&mut file).unwrap_or_else(|| "unknown".to_string());
                on_wait(&pid, &path);
                file.lock().map_err(io)?
            }
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Busy {
                    index: index_dir.to_path_buf(),
                    lock: path.clone(),
                    pid: holder(&mut file).unwrap_or_else(|| "unknown".to_string()),
                })
            }
            Err(TryLockError::Error(err)) => return Err(io(err)),
        }
        let previous = holder(&mut file);
        let stale_pid = previous.filter(|pid| *pid != std::process::id().to_string());
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        writeln!(file, "{}", std::process::id()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(IndexLock { file, stale_pid })
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        // Empty the file first: a PID left in it means a run that did not finish.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// The PID written in a lock file, if any.
fn holder(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    let pid = text.trim();
    (!pid.is_empty()).then(|| pid.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_naming_the_holder_and_a_dead_holder_is_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("idx");
        let first = IndexLock::acquire(&index, false, &mut |_, _| {}).expect("first lock");
        assert_eq!(first.stale_pid, None);
        let err = IndexLock::acquire(&index, false, &mut |_, _| {}).expect_err("second lock fails");
        let message = err.to_string();
        assert!(
            message.contains(&std::process::id().to_string()) && message.contains(".idx.lock"),
            "{message}"
        );
        drop(first);
        // A lock file left by a process that died holding it: a PID, and no lock.
        std::fs::write(lock_path(&index), "999999999\n").expect("write");
        let taken =
            IndexLock::acquire(&index, false, &mut |_, _| {}).expect("stale lock taken over");
        assert_eq!(taken.stale_pid.as_deref(), Some("999999999"));
    }
}
