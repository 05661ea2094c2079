//! The plain output of search, show, trend and stats on the bundled corpus, compared with the
//! golden files in `tests/snapshots/` (see `common::snapshot` for the placeholders).
//! After an intended change: `UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots`, then
//! review `git diff tests/snapshots`.
//!
//! Search is snapshotted on queries with a single hit, so that ranking work elsewhere does not
//! churn the file; its ranking has tests of its own.

mod common;

use common::snapshot::{assert_snapshot, normalize};
use common::{corpus_dir, corpus_index, Indexed};

/// Runs each `baogao ARGS… --index DIR` and returns their transcript, normalized:
/// `$ baogao ARGS…`, stdout, and `[exit N]` when not 0.
fn transcript(index: &Indexed, runs: &[&[&str]]) -> String {
    let mut out = String::new();
    for args in runs {
        let (command, rest) = args.split_first().expect("a command");
        let output = index.command(command, rest).output().expect("run baogao");
        out.push_str(&format!("$ baogao {}\n", args.join(" ")));
        out.push_str(&String::from_utf8_lossy(&output.stdout));
        match output.status.code() {
            Some(0) => {}
            Some(code) => out.push_str(&format!("[exit {code}]\n")),
            None => out.push_str("[killed]\n"),
        }
        out.push('\n');
    }
    normalize(&out, index.dir.path(), &corpus_dir())
}

#[test]
fn plain_output_matches_the_snapshots() {
    let index = corpus_index();
    let cases: [(&str, &[&[&str]]); 4] = [
        (
            "search",
            &[
                &["search", "手足口病", "--year", "2019..2021"],
                &["search", "\"家庭医生签约\"", "--year", "2021"],
                &["search", "不存在的说法"],
            ],
        ),
        (
            "show",
            &[
                &["show", "corpus/004_2ac8209b6c6491b0.txt:31", "-C", "1"],
                &["show", "001_d67ff23fbbb9576f.txt:19", "-C", "1"],
            ],
        ),
        (
            "trend",
            &[
                &["trend", "医改"],
                &["trend", "医共体", "--year", "2018..2024"],
                &["trend", "不存在的说法"],
            ],
        ),
        ("stats", &[&["stats"]]),
    ];
    let mut failures = Vec::new();
    for (name, runs) in cases {
        let actual = transcript(index, runs);
        if let Err(panic) = std::panic::catch_unwind(|| assert_snapshot(name, &actual)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| format!("snapshot {name} differs"));
            failures.push(message);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_normalizer_hides_what_differs_between_machines() {
    let index = std::path::Path::new("/tmp/.tmpAbC");
    let text = "index   /tmp/.tmpAbC (680.3 KiB)\nbuilt   2026-11-23 02:46:46 UTC by baogao 0.1.0, schema bcab60eeb47218ee\nin 0.11 s into /tmp/.tmpAbC\n";
    assert_eq!(
        normalize(text, index, &corpus_dir()),
        "index   <INDEX> (<SIZE>)\nbuilt   <BUILT> by baogao <VERSION>, schema <FINGERPRINT>\nin <SECONDS> s into <INDEX>\n"
    );
}
