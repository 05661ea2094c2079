//! `baogao reports`: one row per report, what search shows of it, the filters of search,
//! JSON, CSV and exit codes, on the bundled corpus and on corpora written per test.
//! The plain table of a small corpus is a golden file (`tests/snapshots/reports.txt`;
//! `UPDATE_SNAPSHOTS=1 cargo test --release --test reports` rewrites it).

mod common;

use common::snapshot::assert_snapshot;
use common::{baogao, corpus_index, field, hits, stderr_of, stdout_of, Indexed};
use serde_json::Value;
use std::collections::BTreeSet;

/// The rows of `baogao reports ARGS… --json`.
fn rows(index: &Indexed, args: &[&str]) -> Vec<Value> {
    let result = index.command_json("reports", args);
    let object = result.as_object().expect("one JSON object");
    assert_eq!(
        object.keys().collect::<Vec<_>>(),
        ["reports"],
        "reports --json holds `reports` only: {result}"
    );
    result["reports"]
        .as_array()
        .expect("reports is an array")
        .clone()
}

/// What a row and a search hit both show of a report, as JSON text.
fn about(value: &Value) -> [String; 9] {
    [
        "path",
        "file",
        "title",
        "year",
        "kind",
        "level",
        "region",
        "org",
        "published",
    ]
    .map(|key| value[key].to_string())
}

#[test]
fn lists_every_report_once_sorted_by_path_then_number() {
    let index = corpus_index();
    let rows = rows(index, &[]);
    let stats = index.command_json("stats", &[]);
    assert_eq!(rows.len() as u64, stats["reports"].as_u64().unwrap_or(0));
    let passages: u64 = rows.iter().filter_map(|row| row["passages"].as_u64()).sum();
    assert_eq!(passages, stats["passages"].as_u64().unwrap_or(0));
    let files: BTreeSet<&str> = rows.iter().map(|row| field(row, "file")).collect();
    assert_eq!(files.len() as u64, stats["files"].as_u64().unwrap_or(0));

    let keys: Vec<(String, u64)> = rows
        .iter()
        .map(|row| {
            let number = row["report"].as_u64().expect("report is a number");
            (field(row, "file").to_string(), number)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(keys, sorted, "sorted by path then report, each once");
    // 003 is a collection of 范文: several reports, each from its own line on.
    let collection: Vec<&Value> = rows
        .iter()
        .filter(|row| field(row, "file") == "003_4c56982ee4a395ee.txt")
        .collect();
    assert!(collection.len() > 1, "{collection:?}");
    let lines: Vec<u64> = collection
        .iter()
        .filter_map(|row| row["line"].as_u64())
        .collect();
    assert!(lines.windows(2).all(|pair| pair[0] < pair[1]), "{lines:?}");
}

#[test]
fn rows_match_what_search_shows_for_the_same_file() {
    let index = corpus_index();
    let rows = rows(index, &[]);
    let mut checked = 0;
    for query in ["工作", "卫生", "医改"] {
        let result = index.json(&[query, "--per-report", "0", "--limit", "1000"]);
        for hit in hits(&result) {
            // The hit's report: the last of its file starting at or before the hit's line.
            let line = hit["line"].as_u64().expect("line is a number");
            let row = rows
                .iter()
                .rev()
                .filter(|row| row["file"] == hit["file"])
                .find(|row| row["line"].as_u64().is_some_and(|start| start <= line))
                .unwrap_or_else(|| panic!("no report row holds the hit {hit}"));
            assert_eq!(about(row), about(hit), "row {row}\nhit {hit}");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} hits compared");
}

#[test]
fn a_report_starts_at_the_line_of_its_first_passage() {
    let index = corpus_index();
    for row in rows(index, &[]) {
        let place = format!("{}:{}", field(&row, "path"), row["line"]);
        let shown = index.command_json("show", &[&place, "-C", "0"]);
        let passages = shown["passages"].as_array().expect("passages is an array");
        let target = passages
            .iter()
            .find(|passage| passage["target"] == true)
            .unwrap_or_else(|| panic!("show {place} marks a passage: {shown}"));
        assert_eq!(target["line"], row["line"], "{place}");
        assert_eq!(target["title"], row["title"], "{place}");
    }
}

#[test]
fn filters_narrow_like_those_of_search_and_stats() {
    let index = corpus_index();
    let stats = index.command_json("stats", &[]);
    let all = rows(index, &[]);
    for facet in ["year", "kind", "level", "region"] {
        let values = stats[facet].as_object().expect("stats has each facet");
        for (value, tally) in values {
            let narrowed = rows(index, &[&format!("--{facet}"), value]);
            assert_eq!(
                narrowed.len() as u64,
                tally["reports"].as_u64().unwrap_or(0),
                "--{facet} {value}"
            );
            assert!(narrowed.len() < all.len(), "--{facet} {value} narrows");
            let expected = match value.as_str() {
                "unknown" if facet != "level" => Value::Null,
                _ if facet == "year" => Value::from(value.parse::<u64>().unwrap_or(0)),
                _ => Value::from(value.as_str()),
            };
            for row in &narrowed {
                assert_eq!(row[facet], expected, "--{facet} {value}: {row}");
            }
        }
    }
    // A range, a list and several filters at once, as search reads them.
    let args: [&[&str]; 3] = [
        &["--year", "2020..2021"],
        &["--kind", "monthly,duties"],
        &["--level", "county", "--kind", "annual-summary"],
    ];
    for args in args {
        let narrowed = rows(index, args);
        assert!(!narrowed.is_empty(), "{args:?}");
        let mut search_args = vec!["工作", "--per-report", "0", "--limit", "1000"];
        search_args.extend(args);
        let result = index.json(&search_args);
        let found: BTreeSet<[String; 9]> = hits(&result).iter().map(about).collect();
        let listed: BTreeSet<[String; 9]> = narrowed.iter().map(about).collect();
        assert!(found.is_subset(&listed), "{args:?}: {found:?} ⊄ {listed:?}");
    }
    assert_eq!(
        rows(index, &["--region", "東安縣"]),
        rows(index, &["--region", "东安县"]),
        "a region matches in either script, as in search"
    );
}

#[test]
fn json_rows_have_the_documented_keys_and_types() {
    let index = corpus_index();
    let rows = rows(index, &[]);
    assert!(!rows.is_empty());
    for row in &rows {
        let keys: BTreeSet<&str> = row
            .as_object()
            .expect("a row is an object")
            .keys()
            .map(String::as_str)
            .collect();
        let expected: BTreeSet<&str> = [
            "path",
            "file",
            "line",
            "title",
            "year",
            "kind",
            "level",
            "region",
            "org",
            "published",
            "passages",
            "report",
        ]
        .into();
        assert_eq!(keys, expected, "{row}");
        assert_eq!(field(row, "path"), format!("corpus/{}", field(row, "file")));
        assert!(row["line"].as_u64().is_some_and(|line| line >= 1), "{row}");
        assert!(row["passages"].as_u64().is_some_and(|n| n >= 1), "{row}");
        assert!(row["report"].as_u64().is_some_and(|n| n >= 1), "{row}");
        assert!(row["year"].is_u64() || row["year"].is_null(), "{row}");
        for key in ["region", "org", "published"] {
            assert!(row[key].is_string() || row[key].is_null(), "{row}");
        }
        for key in ["title", "kind", "level"] {
            assert!(row[key].is_string(), "{row}");
        }
    }
}

/// A title with an ASCII comma and double quotes, set by a sidecar (so that it holds whatever
/// the title rules make of the first line).
const QUOTED_TITLE: &str = "某县卫生局2023年\"两癌\"筛查,随访工作总结";

/// Two reports, the first with a sidecar setting its title, year and publication date.
fn small_corpus() -> [(&'static str, String); 3] {
    [
        (
            "a.txt.meta.toml",
            format!(
                "title = '{QUOTED_TITLE}'\nyear = 2023\npublished = \"2024-01-15\"\n"
            ),
        ),
        (
            "a.txt",
            format!(
                "{QUOTED_TITLE}\n\n一、工作开展情况\n全年完成两癌筛查三千人次，随访率稳步提升。\n\
                 二、下一步打算\n继续做好筛查工作。\n"
            ),
        ),
        (
            "b.txt",
            "东安县卫生健康局2022年工作计划\n\n一、总体要求\n坚持以人民健康为中心，推进卫生健康事业高质量发展。\n"
                .to_string(),
        ),
    ]
}

/// RFC 4180 records (CRLF-separated, `"…"` fields with `""` for a quote).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "records end in CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends in CRLF"
    );
    records
}

#[test]
fn csv_quotes_a_title_with_a_comma_and_a_quote() {
    let files = small_corpus();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (_corpus, index) = Indexed::of_files(&files);
    let assert = index.command("reports", &["--csv"]).assert().success();
    let bytes = &assert.get_output().stdout;
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("CSV is UTF-8");
    assert!(
        text.contains("\"某县卫生局2023年\"\"两癌\"\"筛查,随访工作总结\""),
        "{text}"
    );
    let records = parse_csv(&text);
    assert_eq!(
        records[0],
        [
            "path",
            "file",
            "line",
            "title",
            "year",
            "kind",
            "level",
            "region",
            "org",
            "published",
            "passages",
            "report"
        ]
    );
    let json = rows(&index, &[]);
    assert_eq!(records.len(), json.len() + 1);
    for (record, row) in records[1..].iter().zip(&json) {
        let as_csv = |key: &str| match &row[key] {
            Value::Null => String::new(),
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let expected: Vec<String> = records[0].iter().map(|key| as_csv(key)).collect();
        assert_eq!(record, &expected);
    }
    assert_eq!(records[1][3], QUOTED_TITLE);
    assert_eq!(records[1][9], "2024-01-15");
    assert_eq!(json[0]["published"], "2024-01-15");
    assert_eq!(json[0]["year"], 2023);
}

#[test]
fn plain_table_matches_the_snapshot() {
    let files = small_corpus();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (corpus, index) = Indexed::of_files(&files);
    // Run from the corpus folder, so paths are shown as `a.txt`, the same on every machine.
    let mut transcript = String::new();
    let runs: [&[&str]; 3] = [&[], &["--kind", "plan"], &["--year", "1999"]];
    for args in runs {
        let output = index
            .command("reports", args)
            .current_dir(corpus.path())
            .output()
            .expect("run baogao");
        let command: Vec<&str> = ["baogao", "reports"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        transcript.push_str(&format!("$ {}\n", command.join(" ")));
        transcript.push_str(&String::from_utf8_lossy(&output.stdout));
        if let Some(code) = output.status.code().filter(|&code| code != 0) {
            transcript.push_str(&format!("[exit {code}]\n"));
        }
        transcript.push('\n');
    }
    assert_snapshot("reports", &transcript);
}

#[test]
fn plain_rows_start_with_the_path_and_line_of_the_json() {
    let index = corpus_index();
    let json = rows(index, &[]);
    let assert = index.command("reports", &[]).assert().success();
    let text = stdout_of(&assert);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("path:line "), "a header first: {text}");
    assert_eq!(lines.len(), json.len() + 3, "header, rows, blank, count");
    for (line, row) in lines[1..].iter().zip(&json) {
        let place = format!("{}:{} ", field(row, "path"), row["line"]);
        assert!(line.starts_with(&place), "{line} / {place}");
        assert!(line.ends_with(field(row, "title")), "{line}");
    }
    assert!(
        lines.last().is_some_and(|l| l.ends_with(" passages")),
        "{text}"
    );
}

#[test]
fn nothing_matching_exits_1_in_every_format() {
    let index = corpus_index();
    let plain = index
        .command("reports", &["--year", "1999"])
        .assert()
        .code(1);
    assert_eq!(stdout_of(&plain), "0 reports\n");
    let json = index
        .command("reports", &["--year", "1999", "--json"])
        .assert()
        .code(1);
    assert_eq!(stdout_of(&json), "{\"reports\":[]}\n");
    let csv = index
        .command("reports", &["--year", "1999", "--csv"])
        .assert()
        .code(1);
    assert_eq!(stdout_of(&csv).lines().count(), 1, "the header only");
}

#[test]
fn errors_exit_2_with_a_message() {
    let index = corpus_index();
    let cases: [&[&str]; 4] = [
        &["--kind", "yearly"],
        &["--level", "town"],
        &["--year", "20x4"],
        &["--exact"],
    ];
    for args in cases {
        let assert = index.command("reports", args).assert().code(2);
        assert!(!stderr_of(&assert).is_empty(), "{args:?}");
        assert!(stdout_of(&assert).is_empty(), "{args:?}");
    }
    let missing = tempfile::tempdir().expect("temp dir");
    let assert = baogao()
        .arg("reports")
        .arg("--index")
        .arg(missing.path().join("none"))
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).contains("no index at"),
        "{}",
        stderr_of(&assert)
    );
    baogao()
        .args(["reports", "--json", "--csv", "--index"])
        .arg(missing.path())
        .assert()
        .code(2);
}

#[test]
fn an_updated_index_lists_the_reports_of_the_files_it_holds_now() {
    let corpus = tempfile::tempdir().expect("temp dir");
    for (name, text) in small_corpus() {
        std::fs::write(corpus.path().join(name), text).expect("write a corpus file");
    }
    let index = Indexed::of(corpus.path());
    std::fs::remove_file(corpus.path().join("b.txt")).expect("remove a file");
    std::fs::write(
        corpus.path().join("c.txt"),
        "白碱滩区卫生局2024年7月工作总结\n\n一、主要工作\n完成全区乡镇卫生院绩效考核。\n",
    )
    .expect("write a corpus file");
    common::index_into(corpus.path(), index.dir.path()).success();
    let files: Vec<String> = rows(&index, &[])
        .iter()
        .map(|row| field(row, "file").to_string())
        .collect();
    assert_eq!(files, ["a.txt", "c.txt"]);
    assert_eq!(
        rows(&index, &[])[0]["title"],
        QUOTED_TITLE,
        "the sidecar still applies"
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // Enough reports (范文 markers) to fill a pipe's buffer many times over.
    let text: String = (1..=600)
        .map(|n| format!("第{n}篇：某县卫生局第{n}号工作总结\n全年完成第{n}号重点任务，群众满意度稳步提升。\n"))
        .collect();
    let (_corpus, index) = Indexed::of_files(&[("many.txt", &text)]);
    for format in [None, Some("--json"), Some("--csv")] {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("baogao"));
        command
            .arg("reports")
            .args(format)
            .arg("--index")
            .arg(index.dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("run baogao");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut start = [0u8; 64];
        std::io::Read::read_exact(&mut stdout, &mut start).expect("some output");
        drop(stdout);
        let output = child.wait_with_output().expect("baogao ends");
        assert_eq!(output.status.code(), Some(0), "{format:?}");
        assert!(
            output.stderr.is_empty(),
            "{format:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
