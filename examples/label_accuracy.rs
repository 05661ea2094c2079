//! Field accuracy of document understanding on a labelled folder (a `TRUTH.tsv` with `file`,
//! `year`, `kind`, `level`, `region`): `cargo run --release --example label_accuracy -- DIR`.
//! Prints each row that differs and the accuracy per field; the same comparison the
//! `labelled_reports` test makes through a real index.

use std::path::Path;

use baogao::corpus::{read_document, Format, ReadOptions};
use baogao::report::parse_file;
use baogao::text::fold;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: label_accuracy DIR (a folder with TRUTH.tsv)");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let truth = match std::fs::read_to_string(dir.join("TRUTH.tsv")) {
        Ok(truth) => truth,
        Err(err) => {
            eprintln!("{}: {err}", dir.join("TRUTH.tsv").display());
            std::process::exit(2);
        }
    };
    let (mut rows, mut right, mut whole) = (0usize, [0usize; 4], 0usize);
    for line in truth.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let want: Vec<&str> = line.split('\t').collect();
        let path = dir.join(want[0]);
        let format = Format::of(&path).unwrap_or(Format::Text);
        let got = match read_document(&path, format, &ReadOptions::default()) {
            Ok(document) => {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let parsed = parse_file(document.text(), name);
                match parsed.reports.first() {
                    Some(report) => {
                        let m = &report.metadata;
                        vec![
                            m.year.map_or("unknown".into(), |y| y.to_string()),
                            m.kind.label().to_string(),
                            m.level.label().to_string(),
                            m.region
                                .as_deref()
                                .map_or("unknown".into(), |r| fold(r).into_owned()),
                            report.title.clone(),
                        ]
                    }
                    None => vec!["NO REPORT".into(); 5],
                }
            }
            Err(err) => vec![format!("SKIPPED: {err}"); 5],
        };
        rows += 1;
        let mut all = true;
        let mut diffs = Vec::new();
        for field in 0..4 {
            let same = normal(&got[field]) == normal(want[field + 1]);
            if same {
                right[field] += 1;
            } else {
                all = false;
                diffs.push(format!(
                    "{}={} (want {})",
                    ["year", "kind", "level", "region"][field],
                    got[field],
                    want[field + 1]
                ));
            }
        }
        if all {
            whole += 1;
        } else {
            println!("{}\n    title «{}»: {}", want[0], got[4], diffs.join(", "));
        }
    }
    let total: usize = right.iter().sum();
    println!(
        "\n{whole}/{rows} all right; field accuracy {:.3} (year {}, kind {}, level {}, region {} right)",
        total as f64 / (rows * 4) as f64,
        right[0], right[1], right[2], right[3]
    );
}

/// 中国 and 全国 are read as 中华人民共和国.
fn normal(value: &str) -> &str {
    match value {
        "中国" | "全国" => "中华人民共和国",
        other => other,
    }
}
