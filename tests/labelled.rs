//! Document understanding measured on real, labelled reports: the development set in
//! `../shared/extra-corpus/labelled-reports/` and the set gathered for this project in
//! `tests/fixtures/gathered/` (sources in its README). Each is indexed for real; the first
//! report of every file, as `baogao reports --json` lists it, is compared with `TRUTH.tsv`
//! (labels written by reading the texts); the accuracy and every row that differs are printed,
//! and the accuracy may not fall below a floor that only goes up. Every file must also be
//! found by a phrase of its own text, as grep finds it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{hits, Indexed};
use serde_json::Value;

/// Field accuracy (year, kind, level, region) below which the development set fails.
const DEVELOPMENT_FLOOR: f64 = 0.98;
/// The same for the gathered set.
const GATHERED_FLOOR: f64 = 0.96;

/// The development set, beside the project (CI has it).
fn development_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/extra-corpus/labelled-reports")
}

fn gathered_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gathered")
}

/// One row of a TRUTH.tsv: file, then year, kind, level, region.
struct Truth {
    file: String,
    fields: [String; 4],
}

fn read_truth(folder: &Path) -> Vec<Truth> {
    let path = folder.join("TRUTH.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (the labelled set must be there: CI lays ../shared beside the project)",
            path.display()
        )
    });
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cells.len(),
                5,
                "{}: a row of five cells: {line}",
                path.display()
            );
            Truth {
                file: cells[0].to_string(),
                fields: [1, 2, 3, 4].map(|at| cells[at].to_string()),
            }
        })
        .collect()
}

/// 中国 and 全国 are read as 中华人民共和国 (the labels' convention).
fn same_region(got: &str, want: &str) -> bool {
    let normal = |region: &str| match region {
        "中国" | "全国" => "中华人民共和国".to_string(),
        other => other.to_string(),
    };
    normal(got) == normal(want)
}

/// The first report of each file as `baogao reports --json` lists it: year, kind, level,
/// region (`unknown` for null), and its title.
fn first_reports(index: &Indexed) -> BTreeMap<String, ([String; 4], String)> {
    let listed = index.command_json("reports", &[]);
    let mut first = BTreeMap::new();
    for report in listed["reports"].as_array().expect("reports is an array") {
        let text = |name: &str| match &report[name] {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            _ => "unknown".to_string(),
        };
        let fields = ["year", "kind", "level", "region"].map(text);
        first
            .entry(text("file"))
            .or_insert_with(|| (fields, text("title")));
    }
    first
}

/// Indexes `folder`, compares with its TRUTH.tsv, prints the differences; the accuracy.
fn accuracy_of(folder: &Path) -> f64 {
    let truth = read_truth(folder);
    let index = Indexed::of(folder);
    let first = first_reports(&index);
    let (mut right, mut whole) = (0usize, 0usize);
    let mut differences = Vec::new();
    for row in &truth {
        let Some((got, title)) = first.get(&row.file) else {
            differences.push(format!("{}: no report listed", row.file));
            continue;
        };
        let mut wrong = Vec::new();
        for (at, name) in ["year", "kind", "level", "region"].iter().enumerate() {
            let same = if at == 3 {
                same_region(&got[at], &row.fields[at])
            } else {
                got[at] == row.fields[at]
            };
            if same {
                right += 1;
            } else {
                wrong.push(format!("{name} {} (want {})", got[at], row.fields[at]));
            }
        }
        if wrong.is_empty() {
            whole += 1;
        } else {
            differences.push(format!("{} «{title}»: {}", row.file, wrong.join(", ")));
        }
    }
    let accuracy = right as f64 / (truth.len() * 4) as f64;
    println!(
        "{}: {whole}/{} reports all right, field accuracy {accuracy:.3}",
        folder.display(),
        truth.len()
    );
    for difference in &differences {
        println!("  {difference}");
    }
    accuracy
}

#[test]
fn development_set_facets_match_the_labels() {
    let accuracy = accuracy_of(&development_set());
    assert!(
        accuracy >= DEVELOPMENT_FLOOR,
        "field accuracy {accuracy:.3} fell below {DEVELOPMENT_FLOOR}"
    );
}

#[test]
fn gathered_set_facets_match_the_labels() {
    let accuracy = accuracy_of(&gathered_set());
    assert!(
        accuracy >= GATHERED_FLOOR,
        "field accuracy {accuracy:.3} fell below {GATHERED_FLOOR}"
    );
}

/// Phrases of a file's own report text: a run of Han characters from its first line that is
/// not web chrome, and one from a line halfway through.
fn phrases_of(path: &Path) -> Vec<String> {
    let text = baogao::corpus::read_text(path)
        .unwrap_or_else(|err| panic!("{} is read: {err}", path.display()));
    let lines: Vec<baogao::text::Line> = baogao::text::clean_lines(&text)
        .into_iter()
        .filter(|line| line.boilerplate.is_none())
        .collect();
    let run_of = |line: &baogao::text::Line| -> Option<String> {
        let chars: Vec<char> = line.text.chars().collect();
        let mut best: &[char] = &[];
        for run in chars.split(|c| !('\u{4e00}'..='\u{9fff}').contains(c)) {
            if run.len() > best.len() {
                best = run;
            }
        }
        (best.len() >= 4).then(|| best.iter().take(10).collect())
    };
    let first = lines.iter().find_map(run_of);
    let middle = lines[lines.len() / 2..].iter().find_map(run_of);
    first.into_iter().chain(middle).collect()
}

/// Every labelled file is found by phrases of its own text.
fn every_file_is_found(folder: &Path) {
    let index = Indexed::of(folder);
    let mut missing = Vec::new();
    for row in read_truth(folder) {
        let phrases = phrases_of(&folder.join(&row.file));
        assert!(
            !phrases.is_empty(),
            "{}: no phrase of four Han characters",
            row.file
        );
        for phrase in phrases {
            let quoted = format!("\"{phrase}\"");
            let result = index.json(&[&quoted, "-n", "500", "--per-report", "0"]);
            // A passage printed alike in several files is one hit, the others under `also`.
            let suffix = format!("/{}", row.file);
            let found = hits(&result).iter().any(|hit| {
                hit["file"].as_str() == Some(row.file.as_str())
                    || hit["also"].as_array().is_some_and(|also| {
                        also.iter()
                            .any(|at| at["path"].as_str().is_some_and(|p| p.ends_with(&suffix)))
                    })
            });
            if !found {
                missing.push(format!("{}: {quoted}", row.file));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not found by their own text:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_development_file_is_found_by_its_own_text() {
    every_file_is_found(&development_set());
}

#[test]
fn every_gathered_file_is_found_by_its_own_text() {
    every_file_is_found(&gathered_set());
}
