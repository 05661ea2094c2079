//! Golden files for plain output: `tests/snapshots/NAME.txt`, compared exactly after
//! [`normalize`]. `UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots` rewrites them;
//! review the diff before committing.

use regex::Regex;
use std::path::{Path, PathBuf};

/// The folder of golden files.
pub fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// `text` without what differs from machine to machine or run to run, each replaced by a
/// placeholder: the index folder (`<INDEX>`), the corpus folder (`<CORPUS>`), sizes on disk
/// (`<SIZE>`), build date-times (`<BUILT>`), seconds taken (`<SECONDS>`), the schema
/// fingerprint (`<FINGERPRINT>`) and baogao's version (`<VERSION>`).
pub fn normalize(text: &str, index_dir: &Path, corpus_dir: &Path) -> String {
    let mut text = text.replace(&index_dir.display().to_string(), "<INDEX>");
    if let Ok(real) = corpus_dir.canonicalize() {
        text = text.replace(&real.display().to_string(), "<CORPUS>");
    }
    text = text.replace(&corpus_dir.display().to_string(), "<CORPUS>");
    let rules = [
        (r"\d+(\.\d+)? (bytes|KiB|MiB|GiB|TiB)\b", "<SIZE>"),
        (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", "<BUILT>"),
        (r"\b\d+\.\d+ s\b", "<SECONDS> s"),
        (r"schema [0-9a-f]{8,}", "schema <FINGERPRINT>"),
        (r"baogao \d+\.\d+\.\d+(-[0-9A-Za-z.]+)?", "baogao <VERSION>"),
    ];
    for (pattern, placeholder) in rules {
        let pattern = Regex::new(pattern).expect("the normalizer's patterns are valid");
        text = pattern.replace_all(&text, placeholder).into_owned();
    }
    text
}

/// Compares `actual` (already normalized) with `tests/snapshots/NAME.txt`; with
/// `UPDATE_SNAPSHOTS=1`, writes it instead. A mismatch panics with the differing lines.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_dir().join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(snapshot_dir()).expect("create tests/snapshots");
        std::fs::write(&path, actual).expect("write a snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "no snapshot {} ({err}): run `UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots`",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the output (- expected, + actual):\n{}\nIf the change is intended: \
             UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots, and review the diff.",
            path.display(),
            line_diff(&expected, actual)
        );
    }
}

/// The lines that differ, as `-`/`+` pairs with their line numbers (a line-by-line diff, enough
/// for outputs of a few dozen lines).
fn line_diff(expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for i in 0..expected.len().max(actual.len()) {
        let (e, a) = (expected.get(i), actual.get(i));
        if e != a {
            if let Some(e) = e {
                out.push_str(&format!("{:>4} - {e}\n", i + 1));
            }
            if let Some(a) = a {
                out.push_str(&format!("{:>4} + {a}\n", i + 1));
            }
        }
    }
    if out.is_empty() {
        out.push_str("(only line endings differ)\n");
    }
    out
}
