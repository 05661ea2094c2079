//! `baogao push` and `baogao search --remote` against a real 2-node OpenSearch 2.19.6 cluster
//! (tests/cluster/: one JVM, loopback only, started and stopped here by PID, bounded in time).
//! Needs Java 17 and Maven (it builds the harness, downloading its jars from Maven Central the
//! first time); run by `make cluster-test`, which CI runs. `test = false` in Cargo.toml keeps
//! it out of a plain `cargo test`, so that `make test` needs no Java.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command as Process, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{baogao, corpus_dir, stderr_of};
use serde_json::Value;
use tempfile::TempDir;

/// The longest a harness may live; it exits by itself then.
const HARNESS_SECONDS: u32 = 900;
/// How long the cluster may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(180);

/// The query forms of the query language (tests/query_language.rs, the README) and the
/// relevance set's queries (tests/relevance/queries.toml), with words of the provincial
/// reports; each is also run with flag filters below.
const QUERIES: &[&str] = &[
    "医共体",
    "医共体 建设",
    "医共体 OR 医联体",
    "(医共体 OR 医联体) 建设",
    "疫情 -新冠",
    "疫情 NOT 新冠",
    "\"家庭医生签约\"",
    "\"医共体 建设\"~10",
    "\"建设 医共体\"~3",
    "医共*",
    "title:东安县",
    "heading:手足口病",
    "text:手足口病",
    "title:\"工作总结\"",
    "heading:医改",
    "卫生院 year:2020..2022",
    "卫生院 year:unknown",
    "卫生院 kind:plan,monthly",
    "卫生院 level:county",
    "卫生院 region:東安縣",
    "卫生院 -region:东安县",
    "卫生院 published:2021-01-01..2022-12-31",
    "生院",
    "癌",
    "新农合",
    "医改",
    "衛生院",
    "HPV",
    "5G",
    "人工智能",
    "新质生产力",
    "\"高质量发展\"",
    "低空经济 OR 人工智能",
    "就业 -青年",
    "\"数字经济 产业\"~20",
    "科技 region:北京市",
    "创新 kind:government-work-report year:2026",
    "title:政府工作报告 改革",
    "养老 OR 托育 OR 医保",
    "人工智能*",
];

/// Flag filters each query is also run with.
const FLAGS: &[&[&str]] = &[
    &[],
    &["--year", "2019..2021"],
    &["--level", "province"],
    &["--exact"],
];

/// The provincial reports of 2026, beside the clone (never copied into the project).
fn provincial_dir() -> PathBuf {
    let folder =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/extra-corpus/provincial-2026");
    assert!(
        folder.is_dir(),
        "{} is missing: the cluster test pushes the provincial reports and cannot run without them",
        folder.display()
    );
    folder
}

/// A corpus folder holding the bundled corpus and the provincial reports.
fn combined_corpus() -> TempDir {
    let corpus = tempfile::tempdir().expect("temp dir");
    copy_dir(&corpus_dir(), &corpus.path().join("corpus"));
    copy_dir(&provincial_dir(), &corpus.path().join("provincial-2026"));
    corpus
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a corpus folder");
    for entry in std::fs::read_dir(from).expect("read a corpus folder") {
        let entry = entry.expect("a folder entry");
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy a corpus file");
        }
    }
}

/// The harness's classpath, built once per test run with Maven (quiet, batch mode).
fn harness_classpath() -> &'static str {
    static CLASSPATH: OnceLock<String> = OnceLock::new();
    CLASSPATH.get_or_init(|| {
        let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cluster");
        let output = Process::new("mvn")
            .args(["-q", "-B", "compile", "dependency:build-classpath"])
            .arg("-Dmdep.outputFile=target/classpath.txt")
            .current_dir(&project)
            .output()
            .unwrap_or_else(|err| {
                panic!("running mvn (Maven is needed for the cluster test): {err}")
            });
        assert!(
            output.status.success(),
            "mvn could not build the cluster harness in {}:\n{}{}",
            project.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let dependencies = std::fs::read_to_string(project.join("target/classpath.txt"))
            .expect("mvn wrote target/classpath.txt");
        format!(
            "{}:{}",
            project.join("target/classes").display(),
            dependencies.trim()
        )
    })
}

/// A running 2-node cluster; stopped (by PID) when dropped.
struct Cluster {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    ports: Vec<u16>,
    dir: TempDir,
}

impl Cluster {
    fn start() -> Self {
        let classpath = harness_classpath();
        let dir = tempfile::tempdir().expect("temp dir");
        let port_file = dir.path().join("ports");
        let log = std::fs::File::create(dir.path().join("harness.log")).expect("harness log");
        let mut child = Process::new("java")
            .args([
                "-Xms512m",
                "-Xmx1g",
                "-cp",
                classpath,
                "baogao.ClusterHarness",
            ])
            .arg(dir.path().join("nodes"))
            .arg(&port_file)
            .arg(HARNESS_SECONDS.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|err| {
                panic!("starting java (Java 17 is needed for the cluster test): {err}")
            });
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let started = Instant::now();
        let mut cluster = Cluster {
            child,
            stdin,
            stdout,
            ports: Vec::new(),
            dir,
        };
        loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                cluster.ports = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
                if cluster.ports.len() == 2 {
                    break;
                }
            }
            if let Ok(Some(status)) = cluster.child.try_wait() {
                panic!(
                    "the cluster harness exited ({status}) before it was up:\n{}",
                    cluster.log()
                );
            }
            assert!(
                started.elapsed() < START_TIMEOUT,
                "the cluster did not start within {START_TIMEOUT:?}:\n{}",
                cluster.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        cluster.wait_for_nodes();
        cluster
    }

    fn log(&self) -> String {
        let text = std::fs::read_to_string(self.dir.path().join("harness.log")).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// The URL of `index` through node 1.
    fn url(&self, index: &str) -> String {
        format!("http://127.0.0.1:{}/{index}", self.ports[0])
    }

    fn client(&self, index: &str) -> baogao::remote::Client {
        let target =
            baogao::remote::Target::parse(&self.url(index), None, None).expect("a valid URL");
        baogao::remote::Client::new(target, Duration::from_secs(60))
    }

    /// A GET of `path` on node 1, as JSON.
    fn get(&self, path: &str) -> Value {
        let client = self.client("unused");
        let url = format!("http://127.0.0.1:{}/{path}", self.ports[0]);
        let reply = client
            .call(baogao::remote::Method::Get, &url, None)
            .expect("the cluster answers");
        assert_eq!(reply.status, 200, "GET {path}: {:?}", reply.body);
        reply.body
    }

    fn wait_for_nodes(&self) {
        let health = self.get("_cluster/health?wait_for_nodes=2&timeout=60s");
        assert_eq!(health["number_of_nodes"], 2, "{health}");
    }

    /// Stops node 2 (the harness closes it) and waits until it is gone.
    fn stop_node_2(&mut self) {
        writeln!(self.stdin, "stop 2").expect("tell the harness");
        self.stdin.flush().expect("tell the harness");
        let mut line = String::new();
        loop {
            line.clear();
            let read = self.stdout.read_line(&mut line).expect("read the harness");
            assert!(
                read > 0,
                "the harness ended before stopping node 2:\n{}",
                self.log()
            );
            if line.trim() == "stopped 2" {
                break;
            }
        }
        let health = self.get("_cluster/health?wait_for_nodes=1&timeout=60s");
        assert_eq!(health["number_of_nodes"], 1, "{health}");
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // By PID: this harness and nothing else.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn index_folder(corpus: &Path) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    common::index_into(corpus, dir.path()).success();
    dir
}

fn push(index: &Path, url: &str, extra: &[&str]) -> String {
    let assert = baogao()
        .arg("push")
        .arg(url)
        .args(extra)
        .arg("--index")
        .arg(index)
        .assert()
        .success();
    stderr_of(&assert)
}

/// What a search finds, beyond ranking: total, facet counts, hits per file (`-c`), and every
/// `path:line` matched (the hits and their `also` locations when every match is read, with
/// `--sort path --per-report 0`: a set that does not depend on the order of the candidates).
#[derive(Debug, PartialEq, Eq)]
struct Found {
    total: u64,
    facets: Value,
    per_file: BTreeMap<String, u64>,
    lines: std::collections::BTreeSet<String>,
}

fn found(index: &Path, remote: Option<&str>, query: &str, flags: &[&str]) -> Found {
    let run = |extra: &[&str]| {
        let mut command = baogao();
        command
            .arg("search")
            .arg("--index")
            .arg(index)
            .args(flags)
            .args(extra);
        if let Some(url) = remote {
            command.arg("--remote").arg(url);
        }
        let output = command.arg("--").arg(query).output().expect("run baogao");
        let code = output.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "search {query:?} {flags:?} (remote {remote:?}) exited {code:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        (code, String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (code, json) = run(&["--json", "--facet", "year,kind,level,region", "-n", "20"]);
    let json: Value = serde_json::from_str(&json).expect("one JSON object");
    let (count_code, counts) = run(&["-c"]);
    assert_eq!(code, count_code, "{query}: -c and --json exit alike");
    let per_file = counts
        .lines()
        .filter_map(|line| {
            let (path, count) = line.rsplit_once(':')?;
            Some((path.to_string(), count.parse().ok()?))
        })
        .collect();
    let (_, every) = run(&[
        "--json",
        "--sort",
        "path",
        "--per-report",
        "0",
        "-n",
        "1000000",
    ]);
    let every: Value = serde_json::from_str(&every).expect("one JSON object");
    let mut lines = std::collections::BTreeSet::new();
    for hit in every["hits"].as_array().expect("hits") {
        lines.insert(format!("{}:{}", hit["path"], hit["line"]));
        for also in hit["also"].as_array().expect("also") {
            lines.insert(format!("{}:{}", also["path"], also["line"]));
        }
    }
    Found {
        total: json["total_hits"].as_u64().expect("total_hits"),
        facets: json["facets"].clone(),
        per_file,
        lines,
    }
}

/// Every query of the set finds on `url` what it finds in the local index.
fn assert_same_as_local(index: &Path, url: &str) -> u64 {
    let mut matched = 0;
    for query in QUERIES {
        for flags in FLAGS {
            let local = found(index, None, query, flags);
            let remote = found(index, Some(url), query, flags);
            assert_eq!(
                remote, local,
                "{query:?} {flags:?}: the cluster differs from the local index"
            );
            matched += local.total;
        }
    }
    matched
}

#[test]
fn the_cluster_finds_what_the_local_index_finds() {
    let cluster = Cluster::start();
    let corpus = combined_corpus();
    let index = index_folder(corpus.path());
    let url = cluster.url("reports");
    let said = push(index.path(), &url, &["--shards", "2", "--replicas", "1"]);
    assert!(said.contains("(index created)"), "{said}");
    let settings = cluster.get("reports/_settings");
    assert_eq!(
        settings["reports"]["settings"]["index"]["number_of_shards"],
        "2"
    );
    let matched = assert_same_as_local(index.path(), &url);
    assert!(
        matched > 1000,
        "the query set finds something ({matched} hits in all)"
    );

    // The same renderers: plain output equal hit for hit on a query with one clear best.
    let plain = |remote: bool| {
        let mut command = baogao();
        command
            .args([
                "search",
                "家庭医生签约",
                "-n",
                "1",
                "--color",
                "never",
                "--index",
            ])
            .arg(index.path());
        if remote {
            command.arg("--remote").arg(&url);
        }
        let output = command.output().expect("run baogao");
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        plain(true),
        plain(false),
        "the summary line (hits, facets) is the same"
    );

    // -f: every query of a file, each under its header, files and counts as locally.
    let topics = |remote: bool| {
        let mut command = baogao();
        command
            .args([
                "search",
                "-f",
                "examples/topics.txt",
                "-c",
                "--color",
                "never",
                "--index",
            ])
            .arg(index.path());
        if remote {
            command.arg("--remote").arg(&url);
        }
        let output = command.output().expect("run baogao");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let local_topics = topics(false);
    assert!(local_topics.1.lines().count() > 5, "{local_topics:?}");
    assert_eq!(topics(true), local_topics, "search -f -c");

    // Nothing found is exit 1 on the cluster too.
    let none = baogao()
        .args(["search", "光子芯片量子纠缠", "--remote", &url, "--index"])
        .arg(index.path())
        .output()
        .expect("run baogao");
    assert_eq!(none.status.code(), Some(1));

    // A second push of an unchanged index sends nothing.
    let again = push(index.path(), &url, &[]);
    assert!(again.contains("up to date: nothing to push"), "{again}");

    // export: one record a line, one per passage the cluster holds.
    let export = baogao()
        .arg("export")
        .arg("--index")
        .arg(index.path())
        .output()
        .expect("run baogao");
    assert!(export.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record"))
        .collect();
    let count = cluster.get("reports/_count");
    assert_eq!(count["count"].as_u64(), Some(lines.len() as u64));
    for key in [
        "id",
        "path",
        "file",
        "line",
        "title",
        "heading",
        "text",
        "folded",
        "words",
        "grams",
        "year",
        "kind",
        "level",
        "region",
        "org",
        "published",
    ] {
        assert!(
            lines[0].get(key).is_some(),
            "the record has `{key}`: {}",
            lines[0]
        );
    }
}

#[test]
fn an_update_brings_the_cluster_to_the_state_of_a_fresh_push() {
    let cluster = Cluster::start();
    let corpus = combined_corpus();
    let index = index_folder(corpus.path());
    let updated = cluster.url("updated");
    push(
        index.path(),
        &updated,
        &["--shards", "2", "--replicas", "0"],
    );

    // Change one file, add one, remove one; the local index follows incrementally.
    let root = corpus.path();
    let changed = root.join("corpus/001_d67ff23fbbb9576f.txt");
    let mut text = std::fs::read_to_string(&changed).expect("read a corpus file");
    text.push_str("\n新增一行：光子芯片产业园建设启动，医共体覆盖全部乡镇。\n");
    std::fs::write(&changed, text).expect("change a corpus file");
    std::fs::write(
        root.join("corpus/new_report.txt"),
        "东安县卫生健康局2025年工作计划\n\n一、推进光子芯片进社区\n全面推进医共体建设，光子芯片检测覆盖所有卫生院。\n",
    )
    .expect("add a corpus file");
    std::fs::remove_file(root.join("corpus/002_f83045ee5558e8cd.txt"))
        .expect("remove a corpus file");
    common::index_into(root, index.path()).success();

    let said = push(index.path(), &updated, &[]);
    assert!(
        said.contains("of 2 files"),
        "only the changed and added files are sent: {said}"
    );
    assert!(said.contains("1 removed files deleted"), "{said}");
    let fresh = cluster.url("fresh");
    push(index.path(), &fresh, &["--shards", "2", "--replicas", "0"]);

    for query in [
        "光子芯片",
        "医共体",
        "卫生院",
        "X县卫健委",
        "\"医共体 建设\"~10",
    ] {
        let local = found(index.path(), None, query, &[]);
        assert_eq!(
            found(index.path(), Some(&updated), query, &[]),
            local,
            "{query}: updated"
        );
        assert_eq!(
            found(index.path(), Some(&fresh), query, &[]),
            local,
            "{query}: fresh"
        );
    }
    assert!(found(index.path(), Some(&updated), "光子芯片", &[]).total >= 2);
    assert_eq!(
        cluster.get("updated/_count")["count"],
        cluster.get("fresh/_count")["count"]
    );
    assert_same_as_local(index.path(), &updated);
}

#[test]
fn a_foreign_mapping_and_a_refused_passage_are_errors_saying_what_to_do() {
    let cluster = Cluster::start();
    let index = index_folder(&corpus_dir());
    let client = cluster.client("foreign");
    let url = cluster.url("foreign");
    let created = client
        .call(
            baogao::remote::Method::Put,
            &url,
            Some(r#"{"mappings":{"properties":{"text":{"type":"text"}}}}"#),
        )
        .expect("the cluster answers");
    assert_eq!(created.status, 200, "{:?}", created.body);
    for args in [
        vec!["push", url.as_str()],
        vec!["search", "医共体", "--remote", url.as_str()],
    ] {
        let assert = baogao()
            .args(&args)
            .arg("--index")
            .arg(index.path())
            .assert()
            .code(2);
        let err = stderr_of(&assert);
        assert!(
            err.contains("does not have baogao's mapping") && err.contains("--recreate"),
            "{err}"
        );
    }
    let said = push(index.path(), &url, &["--recreate"]);
    assert!(said.contains("(index created)"), "{said}");
    assert_eq!(
        found(index.path(), Some(&url), "医共体", &[]),
        found(index.path(), None, "医共体", &[])
    );

    // A passage the cluster refuses is named: an index with baogao's mapping but `kind` made a
    // number takes no passage.
    let strict = cluster.client("strict");
    let mut body = baogao::remote::index_body(2, 0, &baogao::remote::meta("f", "/c"));
    body["mappings"]["properties"]["kind"] = serde_json::json!({ "type": "integer" });
    let created = strict
        .call(
            baogao::remote::Method::Put,
            &cluster.url("strict"),
            Some(&body.to_string()),
        )
        .expect("the cluster answers");
    assert_eq!(created.status, 200, "{:?}", created.body);
    let assert = baogao()
        .args(["push", &cluster.url("strict"), "--index"])
        .arg(index.path())
        .assert()
        .code(2);
    let err = stderr_of(&assert);
    assert!(
        err.contains("refused") && err.contains(".txt:") && err.contains("400"),
        "{err}"
    );

    // A cluster that does not answer in time: a socket that takes the connection and never
    // replies stands for an overloaded node (the error is the client's, whatever the server).
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = silent.local_addr().expect("its address").port();
    let started = Instant::now();
    let assert = baogao()
        .args([
            "search",
            "医共体",
            "--timeout",
            "2",
            "--remote",
            &format!("http://127.0.0.1:{port}/reports"),
        ])
        .assert()
        .code(2);
    let err = stderr_of(&assert);
    assert!(
        err.contains("did not answer within 2 s") && err.contains("--timeout"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "a timeout is not retried"
    );
    drop(silent);

    // Credentials are never printed, not even when the cluster cannot be reached.
    let secret = format!("http://admin:hunter2@127.0.0.1:{}/x", cluster.ports[0] + 1);
    let assert = baogao()
        .args(["search", "医共体", "--remote", &secret, "--timeout", "5"])
        .assert()
        .code(2);
    let err = stderr_of(&assert);
    assert!(
        !err.contains("hunter2") && err.contains("127.0.0.1"),
        "{err}"
    );
}

#[test]
fn a_missing_shard_is_an_error_never_fewer_hits() {
    let mut cluster = Cluster::start();
    let index = index_folder(&corpus_dir());
    let url = cluster.url("frail");
    push(index.path(), &url, &["--shards", "2", "--replicas", "0"]);
    let shards = cluster.get("_cat/shards/frail?format=json");
    let nodes: std::collections::BTreeSet<&str> = shards
        .as_array()
        .expect("a list of shards")
        .iter()
        .filter_map(|shard| shard["node"].as_str())
        .collect();
    assert_eq!(nodes.len(), 2, "one shard on each node: {shards}");
    assert!(found(index.path(), Some(&url), "卫生院", &[]).total > 0);

    cluster.stop_node_2();
    let assert = baogao()
        .args(["search", "卫生院", "--remote", &url, "--index"])
        .arg(index.path())
        .assert()
        .code(2);
    assert!(assert.get_output().stdout.is_empty(), "no hits printed");
    let err = stderr_of(&assert);
    assert!(err.contains("partial answers are refused"), "{err}");
}
