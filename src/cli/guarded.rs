//! The boundary between a command and the index it reads: a tantivy error or panic while
//! reading becomes "the index at X is damaged (…): run `baogao index --rebuild`", with the
//! damage named when [`verify_index`] finds it; a panic of baogao's own is an internal error.
//! Either way the process exits 2 with one line on stderr, never a panic's backtrace.

use anyhow::{anyhow, Result};
use std::path::Path;
use std::process::ExitCode;

use crate::error_text::with_causes;
use crate::guard::{catch_quietly, report_aborts_reading};
use crate::index::{verify_index, IndexMeta, OpenError};

/// Runs `command`, which reads the index in `dir` (search, show, trend, stats).
pub fn reading_index(dir: &Path, command: impl FnOnce() -> Result<ExitCode>) -> Result<ExitCode> {
    report_aborts_reading(dir);
    match catch_quietly(command) {
        Ok(Ok(code)) => Ok(code),
        Ok(Err(err)) if index_unreadable(&err) => Err(damaged(dir, &crate_message(&err))),
        Ok(Err(err)) => Err(err),
        Err(caught) => match found_damage(dir) {
            Some(damage) => Err(damaged_as_found(dir, &damage)),
            None if caught.in_tantivy() => Err(damaged(dir, &caught.to_string())),
            None => Err(internal(&caught)),
        },
    }
}

/// Runs `command`, which writes the index in `dir` (index): its errors stay as they are (a
/// full disk is no damage), a panic becomes a message.
pub fn writing_index(dir: &Path, command: impl FnOnce() -> Result<ExitCode>) -> Result<ExitCode> {
    match catch_quietly(command) {
        Ok(outcome) => outcome,
        Err(caught) if caught.in_tantivy() => Err(damaged(dir, &caught.to_string())),
        Err(caught) => Err(internal(&caught)),
    }
}

/// Whether an error says that tantivy could not read the index (rather than a bad query or a
/// missing index).
fn index_unreadable(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.is::<tantivy::TantivyError>()
            || matches!(
                cause.downcast_ref::<OpenError>(),
                Some(
                    OpenError::Tantivy { .. }
                        | OpenError::BadMeta { .. }
                        | OpenError::MetaMissing(_)
                )
            )
    })
}

/// What went wrong, in the fewest words: the open's own message, else the innermost cause
/// (tantivy's words).
fn crate_message(err: &anyhow::Error) -> String {
    if let Some(open) = err
        .chain()
        .find_map(|cause| cause.downcast_ref::<OpenError>())
    {
        return with_causes(open);
    }
    err.chain()
        .last()
        .map_or_else(|| err.to_string(), |cause| cause.to_string())
}

/// `baogao after-abort --index DIR`: what the process that aborted while reading the index in
/// `dir` should have said (see `guard/abort.rs`).
pub fn after_abort(dir: &Path) -> Result<ExitCode> {
    match found_damage(dir) {
        Some(damage) => Err(damaged_as_found(dir, &damage)),
        None => Err(anyhow!(
            "memory ran out while reading the index at `{}` (its files check out whole): \
             ask for fewer hits (--limit) or free some memory",
            dir.display()
        )),
    }
}

/// What [`verify_index`] finds wrong with the index in `dir`, if anything.
fn found_damage(dir: &Path) -> Option<String> {
    let passages = IndexMeta::read(dir).ok().map(|meta| meta.passages);
    verify_index(dir, passages)
        .err()
        .map(|damage| damage.to_string())
}

fn damaged(dir: &Path, what: &str) -> anyhow::Error {
    match found_damage(dir) {
        Some(damage) => damaged_as_found(dir, &damage),
        None => damaged_as_found(dir, what),
    }
}

fn damaged_as_found(dir: &Path, damage: &str) -> anyhow::Error {
    anyhow!(
        "the index at `{}` is damaged ({damage}): run `baogao index --rebuild`",
        dir.display()
    )
}

fn internal(caught: &crate::guard::Caught) -> anyhow::Error {
    anyhow!("internal error ({caught}): this is a bug in baogao, please report it with the command that shows it")
}
