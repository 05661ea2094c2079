//! `baogao stats`: what an index holds, agreeing with what `baogao index` said it built.

mod common;

use common::{baogao, corpus_dir, stdout_of, Indexed};

#[test]
fn stats_agree_with_the_index_build_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let built = common::index_into(&corpus_dir(), dir.path()).success();
    let summary = stdout_of(&built);
    let index = Indexed::in_dir(dir);
    let stats = index.command_json("stats", &[]);
    let (files, reports, passages) = (
        stats["files"].as_u64().expect("files"),
        stats["reports"].as_u64().expect("reports"),
        stats["passages"].as_u64().expect("passages"),
    );
    assert!(
        summary.contains(&format!(
            "indexed {files} files, {reports} reports, {passages} passages"
        )),
        "stats {stats}\nindex said: {summary}"
    );
    for facet in ["year", "kind", "level", "region"] {
        let values = stats[facet].as_object().expect("a facet object");
        let sum = |key: &str| -> u64 {
            values
                .values()
                .map(|v| v[key].as_u64().expect("count"))
                .sum()
        };
        assert_eq!(sum("passages"), passages, "{facet}: {stats}");
        assert_eq!(sum("reports"), reports, "{facet}: {stats}");
    }
    assert_eq!(stats["year"]["2020"]["reports"], 1);
    assert_eq!(stats["region"]["东安县"]["reports"], 1);
    assert_eq!(stats["baogao_version"], env!("CARGO_PKG_VERSION"));
    assert!(stats["size_bytes"].as_u64().is_some_and(|n| n > 10_000));
    assert!(stats["schema_fingerprint"]
        .as_str()
        .is_some_and(|f| f.len() >= 8));
    assert!(stats["built_at_utc"]
        .as_str()
        .is_some_and(|t| t.ends_with(" UTC") && t.starts_with("20")));
    assert_eq!(
        stats["corpus_root"].as_str(),
        corpus_dir()
            .canonicalize()
            .ok()
            .as_deref()
            .and_then(|p| p.to_str())
    );
}

#[test]
fn stats_of_a_missing_index_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = baogao()
        .arg("stats")
        .arg("--index")
        .arg(dir.path().join("none"))
        .assert()
        .code(2);
    assert!(common::stderr_of(&output).contains("no index at"));
}
