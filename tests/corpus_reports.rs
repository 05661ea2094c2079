//! Every report of the bundled corpus, as a person reading the files understands it: title,
//! year, kind, level and region (written by reading `corpus/`, not by running baogao).

use baogao::report::{parse_file, Kind, Level};
use std::path::Path;

struct Expected {
    file: &'static str,
    title: &'static str,
    year: Option<u16>,
    kind: Kind,
    level: Level,
    region: Option<&'static str>,
}

const fn report(
    file: &'static str,
    title: &'static str,
    year: Option<u16>,
    kind: Kind,
    level: Level,
    region: Option<&'static str>,
) -> Expected {
    Expected {
        file,
        title,
        year,
        kind,
        level,
        region,
    }
}

use Kind::*;
use Level::*;

const F000: &str = "000_bd783308ac91c8c5.txt";
const F001: &str = "001_d67ff23fbbb9576f.txt";
const F002: &str = "002_f83045ee5558e8cd.txt";
const F003: &str = "003_4c56982ee4a395ee.txt";
const F004: &str = "004_2ac8209b6c6491b0.txt";

/// In file order; 003 is a collection of eight reports (第一篇, 第四篇, 范文一–五, 第五篇).
const EXPECTED: &[Expected] = &[
    // Traditional characters with pinyin; a city bureau (全市, 我市) reviewing a half year; no
    // year is written (2009年度 deep in the body is a budget year).
    report(F000, "上半年工作回顧", None, HalfYearSummary, City, None),
    report(
        F001,
        "市卫生健康委2024年工作总结及2025年工作谋划",
        Some(2024),
        AnnualSummary,
        City,
        None,
    ),
    // Anonymised county: the level, not the place.
    report(
        F002,
        "X县卫健委2021年上半年工作总结",
        Some(2021),
        HalfYearSummary,
        County,
        None,
    ),
    // 7月工作总结, the year from 2024年7月12日 in its first lines.
    report(
        F003,
        "白碱滩区卫生局7月工作总结",
        Some(2024),
        Monthly,
        District,
        Some("白碱滩区"),
    ),
    report(F003, "卫生局年终总结", None, AnnualSummary, Unknown, None),
    // 20XX年 is a placeholder, not a year.
    report(
        F003,
        "市卫生局上半年工作总结",
        None,
        HalfYearSummary,
        City,
        None,
    ),
    // **区卫生局, 全区.
    report(F003, "卫生局工作总结", None, AnnualSummary, District, None),
    report(
        F003,
        "县卫生局年终工作总结",
        None,
        AnnualSummary,
        County,
        None,
    ),
    // 在县委的领导下, 县委保密委员会: a county's bureau.
    report(
        F003,
        "卫生局保密工作总结",
        None,
        AnnualSummary,
        County,
        None,
    ),
    // 201x年, 我市.
    report(
        F003,
        "卫生局上半年工作总结",
        None,
        HalfYearSummary,
        City,
        None,
    ),
    // 全县卫生事业.
    report(F003, "卫生局主要职责", None, Duties, County, None),
    report(
        F004,
        "东安县卫生健康局2020年工作总结及2021年工作打算",
        Some(2020),
        AnnualSummary,
        County,
        Some("东安县"),
    ),
];

#[test]
fn every_report_of_the_corpus_has_the_expected_metadata() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut found = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .expect("corpus/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    for name in &names {
        let text = std::fs::read_to_string(corpus.join(name)).expect("read");
        for report in parse_file(&text, name).reports {
            found.push((name.clone(), report));
        }
    }
    assert_eq!(
        found.len(),
        EXPECTED.len(),
        "reports found: {:?}",
        found.iter().map(|(f, r)| (f, &r.title)).collect::<Vec<_>>()
    );
    let mut wrong = Vec::new();
    for ((file, report), expected) in found.iter().zip(EXPECTED) {
        let got = (
            file.as_str(),
            report.title.as_str(),
            report.metadata.year,
            report.metadata.kind,
            report.metadata.level,
            report.metadata.region.as_deref(),
        );
        let want = (
            expected.file,
            expected.title,
            expected.year,
            expected.kind,
            expected.level,
            expected.region,
        );
        if got != want {
            wrong.push(format!("got  {got:?}\nwant {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn publication_dates_and_bodies_are_read_from_the_pages() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let cases = [
        (F001, Some("2024-12-16"), Some("市卫生健康委")),
        (F002, Some("2022-07-18"), Some("X县卫健委")),
        (F004, Some("2021-09-22"), Some("东安县卫生健康局")),
    ];
    for (file, published, org) in cases {
        let text = std::fs::read_to_string(corpus.join(file)).expect("read");
        let report = parse_file(&text, file).reports.remove(0);
        assert_eq!(
            report.metadata.published.map(|d| d.to_string()).as_deref(),
            published,
            "{file}"
        );
        assert_eq!(report.metadata.org.as_deref(), org, "{file}");
    }
}
