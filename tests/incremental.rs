//! `baogao index` run again: only what changed is re-read, the result equals a rebuild, a
//! killed or concurrent run never breaks the index, and `--check` tells CI the truth.

mod common;

use common::{baogao, corpus_dir, hits, index_into, stderr_of, stdout_of, Indexed};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A writable copy of the bundled corpus in a temporary folder.
fn corpus_copy() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(corpus_dir()).expect("read corpus/") {
        let path = entry.expect("corpus entry").path();
        let text = std::fs::read(&path).expect("read a corpus file");
        let name = path.file_name().expect("a file name");
        std::fs::write(dir.path().join(name), text).expect("copy a corpus file");
    }
    dir
}

/// A corpus of `copies` copies of the bundled corpus, one folder each: big enough that a
/// build runs for a while.
fn big_corpus(copies: usize) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir())
        .expect("read corpus/")
        .map(|entry| {
            let path = entry.expect("corpus entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    for copy in 0..copies {
        let folder = dir.path().join(format!("copy{copy:03}"));
        std::fs::create_dir(&folder).expect("create a folder");
        for (name, bytes) in &files {
            std::fs::write(folder.join(name), bytes).expect("write");
        }
    }
    dir
}

fn search_json(index: &Path, query: &str) -> Value {
    let output = baogao()
        .args(["search", query, "--json", "--limit", "10", "--index"])
        .arg(index)
        .output()
        .expect("run baogao search");
    assert!(
        matches!(output.status.code(), Some(0) | Some(1)),
        "search {query} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

fn paths_of(result: &Value) -> Vec<String> {
    hits(result)
        .iter()
        .map(|hit| format!("{}:{}", hit["path"].as_str().unwrap_or(""), hit["line"]))
        .collect()
}

/// The file names and lines of the hits.
fn names_of(result: &Value) -> Vec<String> {
    paths_of(result)
        .into_iter()
        .map(|path| path.rsplit('/').next().unwrap_or_default().to_string())
        .collect()
}

fn run_index(corpus: &Path, index: &Path, extra: &[&str]) -> String {
    let output = baogao()
        .arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(extra)
        .assert()
        .success();
    stdout_of(&output)
}

/// Waits until `condition` holds, for at most a minute.
fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !condition() {
        assert!(Instant::now() < deadline, "gave up waiting until {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn spawn_index(corpus: &Path, index: &Path, extra: &[&str]) -> Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("baogao"))
        .arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn baogao index")
}

/// Folders beside `index` whose names start with `.NAME.building-`.
fn staging_folders(index: &Path) -> Vec<PathBuf> {
    let name = index
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let prefix = format!(".{name}.building-");
    std::fs::read_dir(index.parent().expect("parent"))
        .expect("read parent")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

/// Every query of a set gives the same hits, scores and facets on two indexes.
fn assert_same_results(a: &Path, b: &Path) {
    let queries = [
        "医共体",
        "卫生院",
        "家庭医生 签约",
        "\"医疗共同体\"",
        "疫情防控",
        "医改",
        "健康",
        "工作总结",
        "手足口病",
        "癌",
        "两癌筛查",
        "卫健委",
        "慢性病 管理",
        "乡村医生",
    ];
    for query in queries {
        let a = search_json(a, query);
        let b = search_json(b, query);
        assert_eq!(a["total_hits"], b["total_hits"], "{query}");
        assert_eq!(paths_of(&a), paths_of(&b), "{query}");
        for (x, y) in hits(&a).iter().zip(hits(&b)) {
            let (x, y) = (x["score"].as_f64(), y["score"].as_f64());
            assert!(
                matches!((x, y), (Some(x), Some(y)) if (x - y).abs() < 1e-4),
                "{query}: {x:?} vs {y:?}"
            );
        }
        assert_eq!(a["facets"], b["facets"], "{query}");
    }
}

#[test]
fn builds_with_one_or_three_threads_give_the_same_results() {
    let one = tempfile::tempdir().expect("temp dir");
    let three = tempfile::tempdir().expect("temp dir");
    let big = big_corpus(4);
    run_index(big.path(), one.path(), &["--threads", "1"]);
    run_index(big.path(), three.path(), &["--threads", "3"]);
    assert_same_results(one.path(), three.path());
}

#[test]
fn added_changed_removed_and_renamed_files_are_all_that_is_read_again() {
    let corpus = corpus_copy();
    let index = tempfile::tempdir().expect("temp dir");
    let first = run_index(corpus.path(), index.path(), &[]);
    assert!(first.contains("(whole index: new index)"), "{first}");
    let again = run_index(corpus.path(), index.path(), &[]);
    assert!(
        again.contains("is up to date: 5 files unchanged"),
        "{again}"
    );

    // Added.
    std::fs::write(
        corpus.path().join("new.txt"),
        "某县卫生健康局2023年工作总结\n今年开展量子纠缠示范项目，成效明显。\n",
    )
    .expect("write");
    let added = run_index(corpus.path(), index.path(), &[]);
    assert!(
        added.contains("1 added, 0 changed, 0 removed, 5 unchanged files"),
        "{added}"
    );
    assert_eq!(
        names_of(&search_json(index.path(), "量子纠缠")),
        ["new.txt:2"]
    );

    // Changed.
    std::fs::write(
        corpus.path().join("new.txt"),
        "某县卫生健康局2023年工作总结\n今年开展光子芯片示范项目。\n",
    )
    .expect("write");
    let changed = run_index(corpus.path(), index.path(), &[]);
    assert!(
        changed.contains("0 added, 1 changed, 0 removed"),
        "{changed}"
    );
    assert_eq!(search_json(index.path(), "量子纠缠")["total_hits"], 0);
    assert_eq!(
        names_of(&search_json(index.path(), "光子芯片")),
        ["new.txt:2"]
    );

    // Renamed: the old path is gone, the new one found.
    std::fs::rename(
        corpus.path().join("new.txt"),
        corpus.path().join("renamed.txt"),
    )
    .expect("rename");
    let renamed = run_index(corpus.path(), index.path(), &[]);
    assert!(
        renamed.contains("1 added, 0 changed, 1 removed"),
        "{renamed}"
    );
    assert_eq!(
        names_of(&search_json(index.path(), "光子芯片")),
        ["renamed.txt:2"]
    );

    // Removed.
    std::fs::remove_file(corpus.path().join("renamed.txt")).expect("remove");
    let removed = run_index(corpus.path(), index.path(), &[]);
    assert!(
        removed.contains("0 added, 0 changed, 1 removed"),
        "{removed}"
    );
    assert_eq!(search_json(index.path(), "光子芯片")["total_hits"], 0);
    assert!(
        removed.contains("the index holds 5 files, 12 reports"),
        "{removed}"
    );
}

#[test]
fn an_updated_index_ranks_exactly_like_a_rebuilt_one() {
    let corpus = corpus_copy();
    let updated = tempfile::tempdir().expect("temp dir");
    run_index(corpus.path(), updated.path(), &[]);
    // Change one file, remove another, add a third: deletions inside existing segments.
    let path = corpus.path().join("001_d67ff23fbbb9576f.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("医共体", "医疗共同体")).expect("write");
    std::fs::remove_file(corpus.path().join("002_f83045ee5558e8cd.txt")).expect("remove");
    std::fs::write(
        corpus.path().join("extra.txt"),
        "某市卫生健康委员会2022年工作总结\n一、推进医共体建设\n全市医共体建设稳步推进，家庭医生签约服务覆盖率提升。\n",
    )
    .expect("write");
    let update = run_index(corpus.path(), updated.path(), &[]);
    assert!(update.contains("1 added, 1 changed, 1 removed"), "{update}");

    let rebuilt = tempfile::tempdir().expect("temp dir");
    run_index(corpus.path(), rebuilt.path(), &["--rebuild"]);
    assert_same_results(updated.path(), rebuilt.path());
}

#[test]
fn check_says_up_to_date_stale_with_the_files_or_error() {
    let corpus = corpus_copy();
    let index = tempfile::tempdir().expect("temp dir");
    let check = || {
        baogao()
            .args(["index", "--check"])
            .arg(corpus.path())
            .arg("--index")
            .arg(index.path())
            .assert()
    };
    let missing = check().code(1);
    assert!(
        stdout_of(&missing).starts_with("stale: no index"),
        "{}",
        stdout_of(&missing)
    );
    run_index(corpus.path(), index.path(), &[]);
    let fresh = check().code(0);
    assert_eq!(stdout_of(&fresh).trim(), "up to date");
    std::fs::write(corpus.path().join("new.txt"), "卫生院\n").expect("write");
    std::fs::remove_file(corpus.path().join("000_bd783308ac91c8c5.txt")).expect("remove");
    let meta = std::fs::read(index.path().join("baogao.json")).expect("read meta");
    let stale = check().code(1);
    let out = stdout_of(&stale);
    assert!(
        out.starts_with("stale: 1 added, 0 changed, 1 removed"),
        "{out}"
    );
    assert!(out.contains("added   new.txt"), "{out}");
    assert!(out.contains("removed 000_bd783308ac91c8c5.txt"), "{out}");
    assert_eq!(
        std::fs::read(index.path().join("baogao.json")).expect("read meta"),
        meta,
        "--check writes nothing"
    );
    let error = baogao()
        .args(["index", "--check", "no-such-corpus", "--index"])
        .arg(index.path())
        .assert()
        .code(2);
    assert!(
        stderr_of(&error).contains("no-such-corpus"),
        "{}",
        stderr_of(&error)
    );
}

#[test]
fn a_changed_schema_rebuilds_the_whole_index_and_says_why() {
    let corpus = corpus_copy();
    let index = tempfile::tempdir().expect("temp dir");
    run_index(corpus.path(), index.path(), &[]);
    let meta_path = index.path().join("baogao.json");
    let meta = std::fs::read_to_string(&meta_path).expect("read meta");
    let mut meta: Value = serde_json::from_str(&meta).expect("json");
    meta["schema_fingerprint"] = Value::from("0000000000000000");
    std::fs::write(&meta_path, meta.to_string()).expect("write meta");
    let rebuilt = run_index(corpus.path(), index.path(), &[]);
    assert!(
        rebuilt.contains(
            "(whole index: the schema changed (index_schema/ fingerprint 0000000000000000 → "
        ),
        "{rebuilt}"
    );
    let forced = run_index(corpus.path(), index.path(), &["--rebuild"]);
    assert!(forced.contains("(whole index: --rebuild)"), "{forced}");
}

#[test]
fn a_second_run_fails_at_once_naming_the_lock_or_waits_for_it() {
    let corpus = corpus_copy();
    let parent = tempfile::tempdir().expect("temp dir");
    let index = parent.path().join("idx");
    run_index(corpus.path(), &index, &[]);
    let lock =
        baogao::index::IndexLock::acquire(&index, false, &mut |_, _| {}).expect("take the lock");
    let busy = index_into(corpus.path(), &index).code(2);
    let stderr = stderr_of(&busy);
    assert!(stderr.contains(".idx.lock"), "{stderr}");
    assert!(
        stderr.contains(&format!("PID {}", std::process::id())),
        "{stderr}"
    );
    assert!(stderr.contains("--wait"), "{stderr}");

    let mut waiting = spawn_index(corpus.path(), &index, &["--wait"]);
    // Kept open until the run ends: it may write more to stderr.
    let mut pipe = BufReader::new(waiting.stderr.take().expect("piped stderr"));
    let mut said = String::new();
    pipe.read_line(&mut said).expect("read stderr");
    assert!(
        said.starts_with(&format!(
            "baogao: waiting for PID {} (lock `",
            std::process::id()
        )) && said.contains(".idx.lock"),
        "{said}"
    );
    assert!(
        waiting.try_wait().expect("poll").is_none(),
        "--wait did not wait for the lock"
    );
    drop(lock);
    let status = waiting.wait().expect("wait");
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_lock_left_by_a_dead_process_is_taken_over() {
    let corpus = corpus_copy();
    let parent = tempfile::tempdir().expect("temp dir");
    let index = parent.path().join("idx");
    run_index(corpus.path(), &index, &[]);
    std::fs::write(baogao::index::lock_path(&index), "999999999\n").expect("write a lock");
    let output = index_into(corpus.path(), &index).success();
    assert!(
        stderr_of(&output).contains("(PID 999999999) did not finish"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn a_rebuild_killed_midway_leaves_the_old_index_and_the_next_run_cleans_up() {
    let small = corpus_copy();
    let parent = tempfile::tempdir().expect("temp dir");
    let index = parent.path().join("idx");
    run_index(small.path(), &index, &[]);
    let before = search_json(&index, "医共体");

    let big = big_corpus(120);
    let mut child = spawn_index(big.path(), &index, &[]);
    // Killed once it has written part of the new index.
    wait_until("the staging folder holds segment files", || {
        staging_folders(&index).iter().any(|dir| {
            std::fs::read_dir(dir)
                .map(|entries| {
                    entries.flatten().any(|e| {
                        e.path()
                            .extension()
                            .is_some_and(|x| x == "idx" || x == "store")
                    })
                })
                .unwrap_or(false)
        })
    });
    child.kill().expect("kill -9");
    child.wait().expect("reap");

    assert_eq!(
        search_json(&index, "医共体"),
        before,
        "the old index answers as before"
    );
    assert!(
        !staging_folders(&index).is_empty(),
        "the kill left the staging folder"
    );
    let next = run_index(small.path(), &index, &[]);
    assert!(next.contains("is up to date"), "{next}");
    assert!(staging_folders(&index).is_empty(), "leftovers removed");
}

#[test]
fn a_corpus_folder_that_disappears_midway_is_an_error_and_the_old_index_stays() {
    let small = corpus_copy();
    let parent = tempfile::tempdir().expect("temp dir");
    let index = parent.path().join("idx");
    run_index(small.path(), &index, &[]);
    let before = search_json(&index, "医共体");

    let big = big_corpus(120);
    let moved = big.path().with_extension("moved");
    let child = spawn_index(big.path(), &index, &[]);
    // Gone as soon as the build has started writing (the walk is over).
    wait_until("the build starts", || !staging_folders(&index).is_empty());
    std::fs::rename(big.path(), &moved).expect("move the corpus away");
    let output = child.wait_with_output().expect("wait for baogao index");
    std::fs::rename(&moved, big.path()).expect("move the corpus back");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("disappeared while it was being indexed; the previous index is kept"),
        "{stderr}"
    );
    assert_eq!(
        search_json(&index, "医共体"),
        before,
        "the old index answers"
    );
    assert!(staging_folders(&index).is_empty(), "no leftovers");
}

#[test]
fn an_update_killed_midway_is_finished_by_the_next_run_without_duplicates() {
    let corpus = corpus_copy();
    let index = tempfile::tempdir().expect("temp dir");
    run_index(corpus.path(), index.path(), &[]);
    let one_copy = search_json(index.path(), "手足口病")["total_hits"]
        .as_u64()
        .expect("total");
    assert!(one_copy > 0);
    // Many new files: the update runs long enough to be killed.
    let big = big_corpus(60);
    std::fs::rename(big.path(), corpus.path().join("more")).expect("move in");
    let mut child = spawn_index(corpus.path(), index.path(), &[]);
    // Killed once it holds the lock (its PID is in the lock file): the update has begun.
    let lock = baogao::index::lock_path(index.path());
    let pid = child.id().to_string();
    wait_until("the update holds the lock", || {
        std::fs::read_to_string(&lock).is_ok_and(|held| held.trim() == pid)
    });
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    // Whatever the kill interrupted, the index answers, with the old or the new passages.
    let during = search_json(index.path(), "手足口病")["total_hits"]
        .as_u64()
        .expect("total");
    assert!(during == one_copy || during == one_copy * 61, "{during}");
    let finished = run_index(corpus.path(), index.path(), &[]);
    assert!(
        finished.contains("the index holds 305 files") || finished.contains("up to date"),
        "{finished}"
    );
    assert_eq!(
        search_json(index.path(), "手足口病")["total_hits"],
        one_copy * 61,
        "each passage once"
    );
}

#[test]
fn searches_during_a_rebuild_get_the_old_or_the_new_index_never_an_error() {
    let small = corpus_copy();
    let parent = tempfile::tempdir().expect("temp dir");
    let index = parent.path().join("idx");
    run_index(small.path(), &index, &[]);
    let big = big_corpus(40);
    let mut child = spawn_index(big.path(), &index, &[]);
    let mut searches = 0;
    while child.try_wait().expect("poll").is_none() {
        let output = baogao()
            .args(["search", "医共体", "--limit", "1", "--index"])
            .arg(&index)
            .output()
            .expect("run search");
        assert_eq!(
            output.status.code(),
            Some(0),
            "search during the build: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        searches += 1;
    }
    assert!(child.wait().expect("wait").success());
    assert!(searches > 0);
    let fresh = Indexed::of(big.path());
    assert_eq!(
        search_json(&index, "医共体")["facets"],
        search_json(fresh.dir.path(), "医共体")["facets"],
        "the index is the big corpus's"
    );
}
