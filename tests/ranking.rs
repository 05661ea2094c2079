//! Ranking behaviour: synonyms and --exact, the per-report limit, reprints and pieces of one line
//! folded into one hit, proximity, and headings counting more than a mention deep in a paragraph.

mod common;

use common::{corpus_dir, corpus_index, field, hits, place, Indexed};
use std::collections::BTreeMap;

fn count_per_report(result: &serde_json::Value) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for hit in hits(result) {
        *counts
            .entry(format!("{}#{}", field(hit, "file"), field(hit, "title")))
            .or_insert(0) += 1;
    }
    counts
}

#[test]
fn an_abbreviation_finds_its_full_form_after_its_own_and_exact_turns_it_off() {
    let index = corpus_index();
    let expanded = index.json(&["医改", "--limit", "100", "--per-report", "0"]);
    let exact = index.json(&["医改", "--limit", "100", "--per-report", "0", "--exact"]);
    let texts = |result: &serde_json::Value| -> Vec<String> {
        hits(result)
            .iter()
            .map(|hit| baogao::text::fold(&common::searchable_text(hit)).into_owned())
            .collect()
    };
    let expanded_texts = texts(&expanded);
    assert!(expanded_texts
        .iter()
        .any(|t| t.contains("医药卫生体制改革") && !t.contains("医改")));
    assert!(
        texts(&exact).iter().all(|t| t.contains("医改")),
        "--exact keeps to the typed form"
    );
    assert!(expanded["total_hits"].as_u64() > exact["total_hits"].as_u64());
    // Every passage holding 医改 comes before every passage found by the synonym alone.
    let first_synonym_only = expanded_texts
        .iter()
        .position(|t| !t.contains("医改"))
        .expect("some");
    assert!(expanded_texts[first_synonym_only..]
        .iter()
        .all(|t| !t.contains("医改")));
}

#[test]
fn at_most_two_passages_of_a_report_by_default() {
    let index = corpus_index();
    let default = index.json(&["卫生", "--limit", "50"]);
    assert!(
        count_per_report(&default).values().all(|n| *n <= 2),
        "{:?}",
        count_per_report(&default)
    );
    let three = index.json(&["卫生", "--limit", "50", "--per-report", "3"]);
    assert!(count_per_report(&three).values().any(|n| *n == 3));
    let unlimited = index.json(&["卫生", "--limit", "50", "--per-report", "0"]);
    assert_eq!(hits(&unlimited).len(), 50);
}

#[test]
fn a_reprinted_passage_is_one_hit_listing_the_other_place() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let original = corpus_dir().join("004_2ac8209b6c6491b0.txt");
    std::fs::copy(&original, corpus.path().join("a.txt")).expect("copy");
    std::fs::copy(&original, corpus.path().join("b.txt")).expect("copy");
    let index = Indexed::of(corpus.path());
    let result = index.json(&["手足口病"]);
    assert_eq!(result["total_hits"], 2, "both copies match");
    assert_eq!(hits(&result).len(), 1, "shown once: {result}");
    let hit = &hits(&result)[0];
    assert_eq!(field(hit, "file"), "a.txt");
    let also = hit["also"].as_array().expect("also");
    assert_eq!(also.len(), 1);
    assert!(field(&also[0], "path").ends_with("b.txt"));
    assert_eq!(also[0]["line"], hit["line"]);
}

#[test]
fn a_line_cut_into_several_passages_is_one_hit() {
    // 003 holds paragraphs of several hundred characters on one line, cut into passages that all
    // start on that line; 卫生 is in more than one piece of some of them.
    let index = corpus_index();
    let result = index.json(&["卫生", "--limit", "1000", "--per-report", "0"]);
    let places: Vec<String> = hits(&result).iter().map(place).collect();
    let distinct: std::collections::BTreeSet<&String> = places.iter().collect();
    assert_eq!(distinct.len(), places.len(), "a path:line shown twice");
    let total = result["total_hits"].as_u64().expect("total_hits") as usize;
    assert!(
        places.len() < total,
        "{total} matching passages, {} hits: some share a line",
        places.len()
    );
}

#[test]
fn words_close_together_rank_above_scattered_ones() {
    let filler = "各项工作稳步推进，取得了阶段性成效。".repeat(6);
    let (_corpus, index) = Indexed::of_files(&[("r.txt", &format!("某县卫生局2023年工作总结\n一、医疗\n推进医共体{filler}建设。\n二、改革\n持续推进医共体建设。{filler}\n"))]);
    let result = index.json(&["医共体", "建设"]);
    assert_eq!(hits(&result).len(), 2);
    assert!(
        field(&hits(&result)[0], "text").starts_with("持续推进医共体建设"),
        "{result}"
    );
}

#[test]
fn a_match_in_the_heading_counts_more_than_one_deep_in_a_paragraph() {
    let filler = "各项工作稳步推进，取得了阶段性成效。".repeat(4);
    let (_corpus, index) = Indexed::of_files(&[("r.txt", &format!("某县卫生局2023年工作总结\n一、综合工作\n{filler}同时开展了健康扶贫。\n二、健康扶贫\n{filler}\n"))]);
    let result = index.json(&["健康扶贫", "--per-report", "0"]);
    // The heading line itself is found too (grep's answer), below the text under it.
    assert_eq!(hits(&result).len(), 3, "{result}");
    assert_eq!(
        field(&hits(&result)[0], "heading"),
        "二、健康扶贫",
        "{result}"
    );
}
