//! `baogao index`: building, replacing and refusing.

mod common;

use common::{baogao, corpus_dir, hits, index_into, stderr_of, stdout_of, Indexed};

#[test]
fn indexing_the_corpus_prints_a_one_line_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = baogao()
        .args(["index", "corpus", "--index"])
        .arg(dir.path())
        .assert()
        .success();
    let stdout = stdout_of(&output);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    // 003_….txt holds eight reports (第一篇, 第四篇, 范文一 to 范文五, 第五篇).
    assert!(
        stdout.starts_with("indexed 5 files, 12 reports, "),
        "{stdout}"
    );
    assert!(stdout.contains(" boilerplate lines dropped)"), "{stdout}");
    assert!(stdout.contains(" passages ("), "{stdout}");
}

#[test]
fn index_location_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("from-env");
    baogao()
        .args(["index", "corpus"])
        .env("BAOGAO_INDEX", &index)
        .assert()
        .success();
    assert!(index.join("baogao.json").exists());
    baogao()
        .args(["search", "卫生院"])
        .env("BAOGAO_INDEX", &index)
        .assert()
        .success();
}

#[test]
fn an_empty_corpus_folder_is_a_clear_error() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::write(corpus.path().join("scan.pdf"), b"%PDF-1.4").expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let output = index_into(corpus.path(), index.path()).code(2);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("no report files"), "{stderr}");
    assert!(
        stderr.contains(&corpus.path().display().to_string()),
        "names the folder: {stderr}"
    );
    assert!(stderr.contains("1 files of other kinds"), "{stderr}");
}

#[test]
fn a_missing_corpus_folder_is_named() {
    let index = tempfile::tempdir().expect("temp dir");
    let output = baogao()
        .args(["index", "no-such-folder", "--index"])
        .arg(index.path())
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("no-such-folder") && stderr.contains("does not exist"),
        "{stderr}"
    );
}

#[test]
fn bad_files_are_skipped_with_a_warning_and_good_ones_indexed() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        corpus_dir().join("004_2ac8209b6c6491b0.txt"),
        corpus.path().join("good.txt"),
    )
    .expect("copy");
    std::fs::write(
        corpus.path().join("gbk.txt"),
        [0xce, 0xc0, 0xc9, 0xfa, 0xd4, 0xba],
    )
    .expect("write");
    std::fs::write(corpus.path().join("empty.txt"), b"").expect("write");
    let index = tempfile::tempdir().expect("temp dir");
    let output = index_into(corpus.path(), index.path()).success();
    let stderr = stderr_of(&output);
    // 卫生院 in GBK is decoded, not skipped.
    assert!(!stderr.contains("gbk.txt"), "{stderr}");
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    let stdout = stdout_of(&output);
    assert!(stdout.starts_with("indexed 2 files"), "{stdout}");
    baogao()
        .args(["search", "东安县"])
        .arg("--index")
        .arg(index.path())
        .assert()
        .success();
}

#[test]
fn reindexing_replaces_the_index_and_keeps_it_searchable() {
    let index = Indexed::corpus();
    let before = index.json(&["卫生", "--limit", "1000"]);
    baogao()
        .args(["index", "corpus", "--index"])
        .arg(index.dir.path())
        .assert()
        .success();
    let after = index.json(&["卫生", "--limit", "1000"]);
    assert_eq!(before["total_hits"], after["total_hits"]);
    assert_eq!(hits(&before).len(), hits(&after).len());
    // This index's staging folders only: other tests (and other test runs) build beside it.
    let name = index
        .dir
        .path()
        .file_name()
        .expect("name")
        .to_string_lossy();
    let staging = format!(".{name}.building-");
    let leftovers: Vec<_> = std::fs::read_dir(index.dir.path().parent().expect("parent"))
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&staging))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_never_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "keep me").expect("write");
    let output = baogao()
        .args(["index", "corpus", "--index"])
        .arg(dir.path())
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("not a baogao index"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("still there"),
        "keep me"
    );
}

#[test]
fn a_failed_build_keeps_the_previous_index() {
    let index = Indexed::corpus();
    let empty = tempfile::tempdir().expect("temp dir");
    index_into(empty.path(), index.dir.path()).code(2);
    assert!(!hits(&index.json(&["医共体"])).is_empty());
}

#[test]
fn searching_without_an_index_says_how_to_build_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = baogao()
        .args(["search", "卫生", "--index"])
        .arg(dir.path().join("none"))
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("no index at") && stderr.contains("baogao index"),
        "{stderr}"
    );
}

#[test]
fn an_index_built_with_another_schema_asks_for_a_rebuild() {
    let index = Indexed::corpus();
    let meta_path = index.dir.path().join("baogao.json");
    let meta = std::fs::read_to_string(&meta_path).expect("baogao.json");
    let mut meta: serde_json::Value = serde_json::from_str(&meta).expect("json");
    meta["schema_fingerprint"] = "0000000000000000".into();
    std::fs::write(&meta_path, meta.to_string()).expect("write");
    let output = index.search(&["卫生"]).assert().code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("another schema") && stderr.contains("rebuild"),
        "{stderr}"
    );
}
