//! A damaged index is never a panic and never "up to date": each kind of index file is
//! truncated, garbled (16 bytes flipped in the middle, or its first 16) and deleted in turn;
//! search, show and stats exit 0, 1 or 2 without a panic, and when they fail they name the
//! damage and the way out; `index --check` exits 1 naming the damage; `index` rebuilds it,
//! and the repaired index answers like a fresh build.

mod common;

use common::{baogao, corpus_dir, corpus_index, stderr_of, stdout_of, Indexed};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One pristine index of `corpus/`, and what it answers, for every test to copy.
struct Pristine {
    index: &'static Indexed,
    answers: Vec<String>,
    /// A query every passage matches (see [`every_passage`]).
    every_passage: String,
}

/// Queries whose answers read every kind of file: terms, postings, positions (a phrase),
/// field norms, the store (the hits' text) and fast fields (facets, the tie-break).
const QUERIES: [&[&str]; 2] = [
    &["发展", "-n", "20", "--facet", "year,kind,level,region"],
    &[
        "\"高质量发展\"",
        "-n",
        "5",
        "--facet",
        "year,kind,level,region",
    ],
];

fn pristine() -> &'static Pristine {
    static PRISTINE: OnceLock<Pristine> = OnceLock::new();
    PRISTINE.get_or_init(|| {
        let index = corpus_index();
        let answers = QUERIES
            .iter()
            .map(|query| answer(index.dir.path(), query))
            .collect();
        let (_, passages) = index.passages();
        let texts: Vec<String> = passages.into_iter().map(|(_, p)| p.text).collect();
        let every_passage = covering_characters(&texts)
            .iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join(" OR ");
        let all: serde_json::Value =
            serde_json::from_str(&answer(index.dir.path(), &[&every_passage, "-n", "1"]))
                .expect("JSON");
        assert_eq!(
            all["total_hits"],
            texts.len(),
            "{every_passage} misses passages"
        );
        Pristine {
            index,
            answers,
            every_passage,
        }
    })
}

/// `search QUERY --json` on the index in `dir`: its stdout, after checking it succeeded.
fn answer(dir: &Path, query: &[&str]) -> String {
    let assert = baogao()
        .arg("search")
        .args(query)
        .arg("--json")
        .arg("--index")
        .arg(dir)
        .assert()
        .success();
    stdout_of(&assert)
}

/// Whether stderr is one line naming the damage and the way out, after (at most) the lines
/// Rust's runtime prints when an allocation fails (a garbled length in a `.store` block; the
/// process then hands over to `baogao after-abort`, which checks the index).
fn names_damage_and_way_out(stderr: &str) -> bool {
    let mut lines: Vec<&str> = stderr.lines().collect();
    let Some(last) = lines.pop() else {
        return false;
    };
    let runtime = |line: &&str| {
        line.starts_with("memory allocation of ")
            || line.starts_with("note: run with `RUST_BACKTRACE")
    };
    last.starts_with("baogao: error: the index at ")
        && last.contains("is damaged (")
        && last.ends_with("run `baogao index --rebuild`")
        && lines.iter().all(runtime)
}

/// A search that reads every passage of the pristine index: characters joined by OR, chosen
/// until each passage holds one of them (checked on the pristine index), so that a damaged
/// block of the store is read whatever the layout of the segments.
fn every_passage() -> Vec<String> {
    let query = &pristine().every_passage;
    [
        "search",
        query,
        "--json",
        "-n",
        "100000",
        "--per-report",
        "0",
        "--index",
    ]
    .map(str::to_string)
    .to_vec()
}

/// Characters of the passages' texts, the commonest first, until every passage holds one.
fn covering_characters(texts: &[String]) -> Vec<char> {
    let mut left: Vec<&String> = texts.iter().collect();
    let mut chosen = Vec::new();
    while !left.is_empty() {
        let mut counts: std::collections::BTreeMap<char, usize> = Default::default();
        for text in &left {
            let mut seen: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                *counts.entry(c).or_default() += 1;
            }
        }
        let Some((&best, _)) = counts
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        else {
            panic!("a passage without a letter, digit or Hanzi: {:?}", left[0]);
        };
        chosen.push(best);
        left.retain(|text| !text.contains(best));
    }
    chosen
}

#[derive(Debug, Clone, Copy)]
enum Damage {
    Truncate,
    FlipMiddle,
    FlipStart,
    Delete,
}

const DAMAGES: [Damage; 4] = [
    Damage::Truncate,
    Damage::FlipMiddle,
    Damage::FlipStart,
    Damage::Delete,
];

fn damage(file: &Path, how: Damage) {
    let mut bytes = std::fs::read(file).expect("read an index file");
    match how {
        Damage::Truncate => bytes.truncate(bytes.len() / 2),
        Damage::FlipMiddle => {
            let middle = bytes.len() / 2;
            let end = (middle + 16).min(bytes.len());
            bytes[middle..end].iter_mut().for_each(|b| *b ^= 0xff);
        }
        Damage::FlipStart => {
            let end = bytes.len().min(16);
            bytes[..end].iter_mut().for_each(|b| *b ^= 0xff);
        }
        Damage::Delete => {
            std::fs::remove_file(file).expect("delete an index file");
            return;
        }
    }
    std::fs::write(file, bytes).expect("write an index file");
}

/// A copy of the pristine index, in a new temporary folder.
fn copy_of_pristine() -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(pristine().index.dir.path()).expect("list the index") {
        let path = entry.expect("index entry").path();
        if path.is_file() {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, copy.path().join(name)).expect("copy an index file");
        }
    }
    copy
}

/// The first file of the index whose name ends with `suffix`.
fn file_ending(dir: &Path, suffix: &str) -> PathBuf {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list the index")
        .map(|entry| entry.expect("index entry").path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.ends_with(suffix))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the index holds a `{suffix}` file"))
}

/// Damages the file ending in `suffix` each way in turn and checks every promise.
fn check_each_damage_of(suffix: &str) {
    for how in DAMAGES {
        let copy = copy_of_pristine();
        let dir = copy.path();
        let file = file_ending(dir, suffix);
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .expect("a UTF-8 name")
            .to_string();
        damage(&file, how);
        let case = format!("{name} {how:?}");

        let mut reads: Vec<Vec<&str>> = QUERIES
            .iter()
            .map(|query| [&["search"], *query, &["--json"]].concat())
            .collect();
        reads.push(vec!["show", "corpus/001_d67ff23fbbb9576f.txt:18"]);
        reads.push(vec!["stats"]);
        reads.push(vec!["trend", "医共体"]);
        for args in reads {
            let output = baogao()
                .args(&args)
                .arg("--index")
                .arg(dir)
                .output()
                .expect("run baogao");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{case}: {args:?} exited {code:?}: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{case}: {args:?}: {stderr}");
            if code == Some(2) {
                assert!(
                    names_damage_and_way_out(&stderr),
                    "{case}: {args:?} should name the damage and the way out: {stderr}"
                );
            }
        }

        let check = baogao()
            .args(["index", "--check"])
            .arg(corpus_dir())
            .arg("--index")
            .arg(dir)
            .assert()
            .code(1);
        let said = stdout_of(&check);
        assert!(
            said.contains("damaged") && said.contains(&name),
            "{case}: --check should name the damage: {said}"
        );

        let repair = baogao()
            .arg("index")
            .arg(corpus_dir())
            .arg("--index")
            .arg(dir)
            .assert()
            .success();
        let said = stdout_of(&repair);
        assert!(
            said.contains("the index was damaged") && said.contains(&name),
            "{case}: index should say why it rebuilt: {said}"
        );
        baogao()
            .args(["index", "--check"])
            .arg(corpus_dir())
            .arg("--index")
            .arg(dir)
            .assert()
            .success();
        for (query, expected) in QUERIES.iter().zip(&pristine().answers) {
            assert_eq!(
                &answer(dir, query),
                expected,
                "{case}: the repaired index answers {query:?} like a fresh build"
            );
        }
    }
}

#[test]
fn damaged_meta_json_is_reported_and_repaired() {
    check_each_damage_of("meta.json");
}

#[test]
fn damaged_managed_json_is_reported_and_repaired() {
    check_each_damage_of(".managed.json");
}

#[test]
fn damaged_fast_fields_are_reported_and_repaired() {
    check_each_damage_of(".fast");
}

#[test]
fn damaged_field_norms_are_reported_and_repaired() {
    check_each_damage_of(".fieldnorm");
}

#[test]
fn damaged_postings_are_reported_and_repaired() {
    check_each_damage_of(".idx");
}

#[test]
fn damaged_positions_are_reported_and_repaired() {
    check_each_damage_of(".pos");
}

#[test]
fn damaged_store_is_reported_and_repaired() {
    check_each_damage_of(".store");
}

#[test]
fn damaged_term_dictionary_is_reported_and_repaired() {
    check_each_damage_of(".term");
}

#[test]
fn damaged_baogao_json_is_reported_and_repaired() {
    check_each_damage_of("baogao.json");
}

#[test]
fn damaged_manifest_is_reported_and_repaired() {
    check_each_damage_of("baogao-files.json");
}

#[test]
fn a_garbled_store_is_reported_by_search_not_a_panic() {
    // The case of the issue: 16 bytes flipped in the middle of a `.store` made tantivy panic
    // in store/reader.rs when a search read the hits. The search reads every passage (的 is
    // in nearly all, and none is left out), so that the damaged block is among those read
    // whatever the layout of the segments.
    let copy = copy_of_pristine();
    let store = file_ending(copy.path(), ".store");
    damage(&store, Damage::FlipMiddle);
    let name = store
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name")
        .to_string();
    let failed = baogao()
        .args(every_passage())
        .arg(copy.path())
        .assert()
        .code(2);
    let stderr = stderr_of(&failed);
    assert!(names_damage_and_way_out(&stderr), "{stderr}");
    assert!(
        stderr.trim_end().ends_with(&format!(
            "baogao: error: the index at `{}` is damaged (`{name}` fails its checksum): run `baogao index --rebuild`",
            copy.path().display()
        )),
        "{stderr}"
    );
    assert!(stdout_of(&failed).is_empty());
}

#[test]
fn garbled_bytes_anywhere_in_a_store_never_abort_without_naming_the_damage() {
    // A garbled block can decompress into a string length of terabytes: the allocation fails
    // and Rust aborts (no panic to catch). Flip 16 bytes at one offset after another, so
    // that some land in such a block whatever the segments' layout.
    let pristine_store = file_ending(pristine().index.dir.path(), ".store");
    let size = std::fs::metadata(&pristine_store)
        .expect("store size")
        .len() as usize;
    let mut damaged = 0;
    for offset in (0..size).step_by(size / 24 + 1) {
        let copy = copy_of_pristine();
        let store = file_ending(copy.path(), ".store");
        let mut bytes = std::fs::read(&store).expect("read the store");
        let end = (offset + 16).min(bytes.len());
        bytes[offset..end].iter_mut().for_each(|b| *b ^= 0xff);
        std::fs::write(&store, bytes).expect("write the store");
        let output = baogao()
            .args(every_passage())
            .arg(copy.path())
            .output()
            .expect("run baogao");
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => {}
            Some(2) => {
                damaged += 1;
                assert!(
                    names_damage_and_way_out(&stderr),
                    "offset {offset}: {stderr}"
                );
                assert!(
                    output.stdout.is_empty(),
                    "offset {offset}: output despite damage"
                );
            }
            code => panic!("offset {offset}: exited {code:?}: {stderr}"),
        }
    }
    assert!(damaged > 0, "no flip of the store was noticed");
}

#[test]
fn rebuild_repairs_a_folder_of_tantivy_files_without_baogao_files() {
    let copy = copy_of_pristine();
    std::fs::remove_file(copy.path().join("baogao.json")).expect("remove baogao.json");
    std::fs::remove_file(copy.path().join("baogao-files.json")).expect("remove the manifest");
    // Without baogao's own files it might be another program's tantivy index: only
    // --rebuild replaces it, and the refusal says so.
    let refused = baogao()
        .arg("index")
        .arg(corpus_dir())
        .arg("--index")
        .arg(copy.path())
        .assert()
        .code(2);
    assert!(
        stderr_of(&refused).contains("`baogao index --rebuild` replaces it"),
        "{}",
        stderr_of(&refused)
    );
    let searched = baogao()
        .args(["search", "发展", "--index"])
        .arg(copy.path())
        .assert()
        .code(2);
    assert!(
        stderr_of(&searched).contains("is damaged (`baogao.json` is missing)"),
        "{}",
        stderr_of(&searched)
    );
    baogao()
        .args(["index", "--rebuild"])
        .arg(corpus_dir())
        .arg("--index")
        .arg(copy.path())
        .assert()
        .success();
    assert_eq!(answer(copy.path(), QUERIES[0]), pristine().answers[0]);
}
