//! `baogao trend QUERY`: counts per year that agree with `baogao search`.

mod common;

use common::{corpus_index, stdout_of, Indexed};
use serde_json::Value;
use std::collections::BTreeMap;

/// (year or "unknown") → hits, from a trend's JSON, years with no hit left out.
fn hits_by_year(trend: &Value) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for year in trend["years"].as_array().expect("years") {
        let hits = year["hits"].as_u64().expect("hits");
        if hits > 0 {
            counts.insert(year["year"].to_string(), hits);
        }
    }
    let unknown = trend["unknown"]["hits"].as_u64().expect("unknown hits");
    if unknown > 0 {
        counts.insert("unknown".to_string(), unknown);
    }
    counts
}

fn facet_years(search: &Value) -> BTreeMap<String, u64> {
    search["facets"]["year"]
        .as_object()
        .expect("year facet")
        .iter()
        .map(|(year, n)| (year.clone(), n.as_u64().expect("count")))
        .collect()
}

#[test]
fn trend_counts_agree_with_search_total_hits_and_year_facets() {
    let index = corpus_index();
    let cases: [&[&str]; 7] = [
        &["医共体"],
        &["医改"],
        &["医改", "--exact"],
        &["卫生院", "--region", "东安县,白碱滩区"],
        &["疫情", "-新冠", "--year", "2019..2022"],
        &[
            "卫生",
            "--kind",
            "annual-summary,monthly",
            "--level",
            "county",
        ],
        &["手足口病", "OR", "流感"],
    ];
    for args in cases {
        let search = index.json(args);
        let trend = index.command_json("trend", args);
        assert_eq!(
            trend["total_hits"], search["total_hits"],
            "{args:?}: trend {trend} search total"
        );
        assert_eq!(hits_by_year(&trend), facet_years(&search), "{args:?}");
    }
}

#[test]
fn trend_counts_distinct_reports() {
    let (_corpus, index) = Indexed::of_files(&[
        (
            "a.txt",
            "甲县卫生健康局2022年工作总结\n\n一、医共体\n推进医共体建设。\n\n二、基层\n医共体覆盖全部乡镇。\n\n三、信息化\n医共体信息平台上线。\n",
        ),
        (
            "b.txt",
            "乙县卫生健康局2022年工作总结\n\n一、改革\n完成医共体试点。\n\n二、公共卫生\n全年接种疫苗。\n",
        ),
        (
            "c.txt",
            "丙县卫生健康局2024年工作总结\n\n一、改革\n医共体建设全面铺开。\n",
        ),
    ]);
    let trend = index.command_json("trend", &["医共体"]);
    // 医共体 in five passages and in a.txt's heading line 一、医共体.
    assert_eq!(trend["total_hits"], 6, "{trend}");
    assert_eq!(trend["total_reports"], 3, "{trend}");
    assert_eq!(trend["years"][0]["year"], 2022);
    assert_eq!(trend["years"][0]["hits"], 5);
    assert_eq!(trend["years"][0]["reports"], 2);
    assert_eq!(trend["years"][1]["hits"], 0);
    assert_eq!(trend["years"][2]["year"], 2024);
    assert_eq!(trend["years"][2]["reports"], 1);
    // The real corpus: fewer reports than hits, never more.
    let index = corpus_index();
    let trend = index.command_json("trend", &["卫生"]);
    for year in trend["years"].as_array().expect("years") {
        let (hits, reports) = (year["hits"].as_u64(), year["reports"].as_u64());
        assert!(
            reports <= hits && (hits == Some(0)) == (reports == Some(0)),
            "{year}"
        );
    }
}

#[test]
fn trend_lists_every_year_between_the_first_and_the_last() {
    let index = corpus_index();
    let trend = index.command_json("trend", &["医共体"]);
    let years: Vec<u64> = trend["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| y["year"].as_u64().expect("year"))
        .collect();
    assert_eq!(years, [2020, 2021, 2022, 2023, 2024]);
    assert_eq!(trend["years"][2]["hits"], 0);
    for key in ["query", "total_hits", "total_reports", "years", "unknown"] {
        assert!(trend.get(key).is_some(), "missing {key}: {trend}");
    }
    assert_eq!(trend["query"], "医共体");
    // A --year range widens the chart to its bounds.
    let trend = index.command_json("trend", &["医共体", "--year", "2018..2021"]);
    assert_eq!(trend["years"][0]["year"], 2018);
    assert_eq!(trend["years"].as_array().map(Vec::len), Some(4));
}

#[test]
fn trend_draws_bars_and_exits_1_when_nothing_matches() {
    let index = corpus_index();
    let output = index.command("trend", &["医改"]).assert().success();
    let stdout = stdout_of(&output);
    // Heading lines are passages too: 医改 in headings counts.
    assert!(stdout.contains("2020        7        1  ████"), "{stdout}");
    assert!(
        stdout.contains("\nunknown    15        3  ████"),
        "{stdout}"
    );
    assert!(stdout.contains("29 hits in 7 reports"), "{stdout}");
    let widest = stdout
        .lines()
        .map(|line| line.chars().filter(|&c| c == '█').count())
        .max();
    assert_eq!(widest, Some(40), "the most hits fill 40 columns in a pipe");
    let output = index.command("trend", &["不存在的说法"]).assert().code(1);
    assert!(stdout_of(&output).contains("0 hits"));
    index
        .command("trend", &["医改", "--kind", "yearly"])
        .assert()
        .code(2);
}

#[test]
fn trend_colours_only_when_asked_in_a_pipe() {
    let index = corpus_index();
    let always = stdout_of(
        &index
            .command("trend", &["医改", "--color", "always"])
            .assert()
            .success(),
    );
    assert!(always.contains("\x1b[36m█"), "{always}");
    for args in [&["医改"][..], &["医改", "--color", "never"]] {
        let plain = stdout_of(&index.command("trend", args).assert().success());
        assert!(!plain.contains('\x1b'), "{args:?}: {plain}");
    }
}
