//! `search -l`, `-c`, `--sort`/`--reverse`, `--published`, `--csv`, `--json-lines`, `-f FILE`
//! and `trend -f FILE` on an index of the bundled corpus.

mod common;

use common::{corpus_index, field, hits, stderr_of, stdout_of, Indexed};
use serde_json::Value;
use std::collections::BTreeSet;

fn lines_of(index: &Indexed, args: &[&str]) -> Vec<String> {
    let output = index.search(args).assert().success();
    stdout_of(&output).lines().map(str::to_string).collect()
}

#[test]
fn files_with_matches_lists_every_file_once_sorted() {
    let index = corpus_index();
    let files = lines_of(index, &["卫生院", "-l"]);
    let mut sorted = files.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(files, sorted);
    // Every match counts, not only the best shown: -n 1 shows one file's passage.
    let result = index.json(&["卫生院", "--limit", "1000", "--per-report", "0"]);
    let mut shown: BTreeSet<String> = BTreeSet::new();
    for hit in hits(&result) {
        shown.insert(field(hit, "path").to_string());
        for other in hit["also"].as_array().into_iter().flatten() {
            shown.insert(field(other, "path").to_string());
        }
    }
    assert_eq!(files, shown.into_iter().collect::<Vec<_>>());
    assert_eq!(lines_of(index, &["卫生院", "-l", "-n", "1"]), files);
    index.search(&["量子计算机", "-l"]).assert().code(1);
}

#[test]
fn count_prints_hits_per_file_as_grep_does_and_they_add_up() {
    let index = corpus_index();
    for query in ["卫生院", "(医共体 OR 医联体) 建设", "手足口病"] {
        let lines = lines_of(index, &[query, "-c"]);
        let mut sum = 0;
        for line in &lines {
            let (path, count) = line.rsplit_once(':').expect("path:count");
            assert!(path.starts_with("corpus/"), "{line}");
            let count: u64 = count.parse().expect("a count");
            assert!(count > 0, "{line}");
            sum += count;
        }
        let total = index.json(&[query])["total_hits"].as_u64().expect("total");
        assert_eq!(sum, total, "{query}");
        let files: Vec<String> = lines
            .iter()
            .map(|line| line.rsplit_once(':').map_or("", |(p, _)| p).to_string())
            .collect();
        assert_eq!(files, lines_of(index, &[query, "-l"]), "{query}");
    }
}

fn years(result: &Value) -> Vec<Option<u64>> {
    hits(result)
        .iter()
        .map(|hit| hit["year"].as_u64())
        .collect()
}

/// Known values in order (by `ordered`), unknown ones after every known one.
fn in_order(values: &[Option<u64>], ascending: bool) -> bool {
    let known: Vec<u64> = values.iter().flatten().copied().collect();
    let first_unknown = values.iter().position(Option::is_none);
    let unknown_last = first_unknown.is_none_or(|at| values[at..].iter().all(Option::is_none));
    let ordered = known.windows(2).all(|pair| {
        if ascending {
            pair[0] <= pair[1]
        } else {
            pair[0] >= pair[1]
        }
    });
    unknown_last && ordered
}

#[test]
fn sort_orders_every_match_by_year_date_or_path() {
    let index = corpus_index();
    let args = ["卫生院", "--limit", "1000"];
    let by_year = index.json(&[&args[..], &["--sort", "year"]].concat());
    assert!(in_order(&years(&by_year), true), "{:?}", years(&by_year));
    let newest = index.json(&[&args[..], &["--sort", "year", "--reverse"]].concat());
    assert!(in_order(&years(&newest), false), "{:?}", years(&newest));
    assert_eq!(hits(&by_year).len(), hits(&newest).len());
    // Over all matches: the first of `-n 1` is the oldest year of any match.
    let oldest = years(&by_year).into_iter().flatten().min();
    let first = index.json(&["卫生院", "--sort", "year", "-n", "1"]);
    assert_eq!(years(&first).first().copied().flatten(), oldest);

    let by_date = index.json(&[&args[..], &["--sort", "published"]].concat());
    let dates: Vec<Option<String>> = hits(&by_date)
        .iter()
        .map(|hit| hit["published"].as_str().map(str::to_string))
        .collect();
    let known: Vec<&String> = dates.iter().flatten().collect();
    assert!(known.windows(2).all(|pair| pair[0] <= pair[1]), "{dates:?}");
    assert!(dates
        .iter()
        .skip_while(|date| date.is_some())
        .all(Option::is_none));

    let by_path = index.json(&[&args[..], &["--sort", "path"]].concat());
    let places: Vec<(String, u64)> = hits(&by_path)
        .iter()
        .map(|hit| {
            (
                field(hit, "path").to_string(),
                hit["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);

    let best = index.json(&args);
    let worst = index.json(&[&args[..], &["--reverse"]].concat());
    let mut reversed = hits(&best).clone();
    reversed.reverse();
    assert_eq!(&reversed, hits(&worst));
}

#[test]
fn published_keeps_the_reports_published_in_the_range() {
    let index = corpus_index();
    let result = index.json(&[
        "卫生院",
        "--published",
        "2021-01-01..2022-12-31",
        "-n",
        "100",
    ]);
    assert!(!hits(&result).is_empty());
    for hit in hits(&result) {
        let date = field(hit, "published");
        assert!(("2021-01-01".."2023-01-01").contains(&date), "{hit}");
    }
    let day = index.json(&["卫生院", "--published", "2022-07-18"]);
    for hit in hits(&day) {
        assert_eq!(field(hit, "published"), "2022-07-18");
    }
    let output = index
        .search(&["卫生院", "--published", "2023-06-30..2023-01-01"])
        .assert()
        .code(2);
    assert!(stderr_of(&output).contains("did you mean 2023-01-01..2023-06-30?"));
}

/// Records of an RFC 4180 document.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
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
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn csv_has_a_bom_a_header_and_a_quoted_row_per_hit() {
    let index = corpus_index();
    let output = index
        .search(&["卫生院", "--csv", "-n", "20"])
        .assert()
        .success();
    let bytes = &output.get_output().stdout;
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte-order mark"
    );
    let text = String::from_utf8_lossy(&bytes[3..]).into_owned();
    assert!(text.contains("\r\n"), "rows end with CRLF");
    let records = parse_csv(&text);
    assert_eq!(
        records[0],
        [
            "path",
            "line",
            "title",
            "year",
            "kind",
            "level",
            "region",
            "org",
            "published",
            "score",
            "text"
        ]
    );
    let result = index.json(&["卫生院", "-n", "20"]);
    assert_eq!(records.len() - 1, hits(&result).len());
    for (record, hit) in records[1..].iter().zip(hits(&result)) {
        assert_eq!(record.len(), 11, "{record:?}");
        assert_eq!(record[0], field(hit, "path"));
        assert_eq!(record[1], hit["line"].to_string());
        assert_eq!(
            record[3],
            hit["year"]
                .as_u64()
                .map(|y| y.to_string())
                .unwrap_or_default()
        );
        assert_eq!(record[10], field(hit, "text"));
    }
    assert!(
        text.lines().skip(1).any(|line| line.contains(",\"")),
        "passages with commas are quoted"
    );
}

#[test]
fn json_lines_prints_one_hit_per_line_with_its_query() {
    let index = corpus_index();
    let output = index
        .search(&["卫生院", "--json-lines", "-n", "15"])
        .assert()
        .success();
    let stdout = stdout_of(&output);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect();
    let result = index.json(&["卫生院", "-n", "15"]);
    assert_eq!(lines.len(), hits(&result).len());
    for (line, hit) in lines.iter().zip(hits(&result)) {
        assert_eq!(line["query"], "卫生院");
        assert_eq!(line["path"], hit["path"]);
        assert_eq!(line["line"], hit["line"]);
        assert_eq!(line["text"], hit["text"]);
    }
}

#[test]
fn json_lines_stream_the_same_hits_as_json_for_a_large_export_in_every_order() {
    let index = corpus_index();
    for order in [
        &[][..],
        &["--sort", "year"][..],
        &["--sort", "published", "--reverse"][..],
        &["--sort", "path"][..],
    ] {
        let mut args = vec!["工作", "-n", "100000", "--per-report", "0"];
        args.extend_from_slice(order);
        let result = index.json(&args);
        assert!(hits(&result).len() > 300, "{order:?}");
        assert!(
            hits(&result)
                .iter()
                .any(|hit| hit["also"] != Value::Array(Vec::new())),
            "reprints are folded into a hit"
        );
        args.push("--json-lines");
        let stdout = stdout_of(&index.search(&args).assert().success());
        let lines: Vec<Value> = stdout
            .lines()
            .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
            .collect();
        assert_eq!(lines.len(), hits(&result).len(), "{order:?}");
        for (line, hit) in lines.iter().zip(hits(&result)) {
            let mut line = line.clone();
            line.as_object_mut()
                .expect("a hit is an object")
                .remove("query");
            assert_eq!(&line, hit, "{order:?}");
        }
    }
}

fn query_file(lines: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), lines).expect("write the queries");
    file
}

#[test]
fn a_query_file_prints_each_result_set_under_its_query() {
    let index = corpus_index();
    let file = query_file("医共体\n\n# a comment\n手足口病 year:2020\n量子计算机\n");
    let path = file.path().to_str().expect("a UTF-8 temp path");
    let plain = stdout_of(&index.search(&["-f", path, "-n", "1"]).assert().success());
    let headers: Vec<&str> = plain.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(
        headers,
        ["# 医共体", "# 手足口病 year:2020", "# 量子计算机"]
    );
    let json: Value = serde_json::from_str(&stdout_of(
        &index
            .search(&["-f", path, "-n", "1", "--json"])
            .assert()
            .success(),
    ))
    .expect("one JSON array");
    let sets = json.as_array().expect("an array");
    assert_eq!(sets.len(), 3);
    for (set, query) in sets
        .iter()
        .zip(["医共体", "手足口病 year:2020", "量子计算机"])
    {
        assert_eq!(set["query"], query);
        assert_eq!(
            set["hits"],
            index.json(&[query, "-n", "1"])["hits"],
            "{query}"
        );
    }
    let csv = index.search(&["-f", path, "--csv"]).assert().success();
    let records = parse_csv(&String::from_utf8_lossy(&csv.get_output().stdout[3..]));
    assert_eq!(records[0][0], "query");
    assert!(records[1..].iter().all(|r| r.len() == 12));

    let bad = query_file("医共体\n医共体 OR\n");
    let output = index
        .search(&["-f", bad.path().to_str().expect("UTF-8")])
        .assert()
        .code(2);
    assert!(
        stdout_of(&output).is_empty(),
        "nothing runs before every line parses"
    );
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(":2: cannot parse the query `医共体 OR`"),
        "{stderr}"
    );
    index
        .search(&[
            "-f",
            query_file("量子计算机\n").path().to_str().expect("UTF-8"),
        ])
        .assert()
        .code(1);
}

#[test]
fn trend_of_a_query_file_is_one_table_of_years_by_queries() {
    let index = corpus_index();
    let queries = ["医共体", "手足口病", "疫情 -新冠"];
    let file = query_file(&queries.join("\n"));
    let path = file.path().to_str().expect("a UTF-8 temp path");
    let output = index.command("trend", &["-f", path]).assert().success();
    let table = stdout_of(&output);
    let header = table.lines().next().expect("a header");
    for query in queries {
        assert!(header.contains(query), "{header}");
    }
    for query in queries {
        let single = index.command_json("trend", &[query]);
        let column = queries.iter().position(|q| *q == query).expect("a column") + 1;
        for year in single["years"].as_array().expect("years") {
            let label = year["year"].to_string();
            let row = table
                .lines()
                .find(|line| line.starts_with(&label))
                .unwrap_or_else(|| panic!("a row for {label}:\n{table}"));
            let cells: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(cells[column], year["hits"].to_string(), "{query} {label}");
        }
    }
    let json = index.command_json("trend", &["-f", path]);
    assert_eq!(json.as_array().map(Vec::len), Some(3));
}

#[test]
fn trend_of_a_year_filter_in_the_query_equals_the_option() {
    let index = corpus_index();
    let in_query = index.command_json("trend", &["医共体 year:2018..2024"]);
    let option = index.command_json("trend", &["医共体", "--year", "2018..2024"]);
    assert_eq!(in_query["years"], option["years"]);
    assert_eq!(in_query["years"][0]["year"], 2018);
}

/// The lines the README shows under `$ COMMAND`, up to the next command or the block's end.
fn readme_output_of(command: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("read README.md");
    let start = readme
        .find(&format!("$ {command}\n"))
        .unwrap_or_else(|| panic!("the README shows `{command}`"));
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with("$ ") && !line.starts_with("```"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_readme_examples_of_sort_published_and_whole_words_print_what_it_says() {
    let index = corpus_index();
    let lines = |args: &[&str]| -> Vec<String> {
        stdout_of(&index.search(args).assert().success())
            .lines()
            .map(str::to_string)
            .collect()
    };
    // `| jq -c '[.path, .line, .published]'`, done here.
    let streamed: Vec<String> = lines(&[
        "医共体",
        "--sort",
        "published",
        "--reverse",
        "--json-lines",
        "-n",
        "3",
    ])
    .iter()
    .map(|line| {
        let hit: Value = serde_json::from_str(line).expect("a JSON line");
        serde_json::to_string(&[&hit["path"], &hit["line"], &hit["published"]])
            .expect("JSON of three values")
    })
    .collect();
    assert_eq!(
        streamed,
        readme_output_of(
            "baogao search 医共体 --sort published --reverse --json-lines -n 3 | jq -c '[.path, .line, .published]'"
        )
    );
    assert_eq!(
        lines(&["卫生院", "--published", "2021-01-01..2022-12-31", "-c"]),
        readme_output_of("baogao search 卫生院 --published 2021-01-01..2022-12-31 -c")
    );
    assert_eq!(
        lines(&["家庭医生", "-w", "-l"]),
        readme_output_of("baogao search 家庭医生 -w -l")
    );
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_success() {
    use std::io::Read;
    use std::process::Stdio;
    let index = corpus_index();
    // Each prints more than a pipe holds (64 KiB), so the write after `head` closes fails.
    let many = ["的", "-n", "1000", "--per-report", "0"];
    let commands: Vec<(&str, Vec<&str>)> = vec![
        ("search", many.to_vec()),
        ("search", [&many[..], &["--json"]].concat()),
        ("search", [&many[..], &["--json-lines"]].concat()),
        ("search", [&many[..], &["--csv"]].concat()),
        ("search", [&many[..], &["-c"]].concat()),
        ("reports", vec!["--json"]),
    ];
    for (command, args) in commands {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("baogao"))
            .arg(command)
            .args(&args)
            .arg("--index")
            .arg(index.dir.path())
            .env_remove("BAOGAO_INDEX")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start baogao");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).expect("the first bytes");
        drop(stdout);
        let output = child.wait_with_output().expect("wait for baogao");
        assert!(
            output.status.success(),
            "{command} {args:?}: {:?} {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "{command} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
