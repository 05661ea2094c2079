//! The recall contract: for a query of plain words, the matching passages include every
//! passage whose normalized text holds each word as a substring — what grep would find — and
//! nothing that holds the characters only apart. Measured against a plain scan of the indexed
//! passages over many queries: hand-picked words that cross jieba's cut points, Latin and digit
//! terms, and substrings of 1 to 6 characters drawn from the corpus itself.

mod common;

use baogao::search::{build_query, vocabulary, Filters};
use baogao::tokenize::unit_runs;
use common::{corpus_index, Indexed};
use std::collections::BTreeSet;
use tantivy::collector::TopDocs;
use tantivy::DocAddress;

/// Words chosen to stress segmentation and scripts.
const HAND_PICKED: &[&str] = &[
    "卫生院",
    "生院",
    "卫生院长",
    "医共体",
    "两癌筛查",
    "两癌",
    "癌",
    "筛查",
    "手足口病",
    "口病",
    "家庭医生签约",
    "医生签",
    "新农合",
    "农合",
    "公共卫生",
    "共卫",
    "疾控",
    "卫健委",
    "健委",
    "DR",
    "HPV",
    "120",
    "5G",
    "ISO9001",
    "CD4",
    "9001",
    "2024",
    "2024年",
    "4年",
    "医药卫生体制改革",
    "体制改",
    "衛生院",
    "醫藥",
    "卫生 院长",
    "医共体 建设",
    "总体情况尚可",
];

struct Passage {
    address: DocAddress,
    /// Path, line and text as stored: the order the queries are drawn in, whatever the
    /// segments' order.
    key: (String, u64, String),
    /// Text, title and heading, folded as the grams fold them.
    text: String,
    title_and_heading: String,
}

fn folded(text: &str) -> String {
    text.chars()
        .map(|c| {
            if baogao::tokenize::is_unit(c) {
                baogao::tokenize::fold_unit(c)
            } else {
                c
            }
        })
        .collect()
}

/// A plain scan: does the folded text hold every run of every word?
fn holds(text: &str, words: &[&str]) -> bool {
    words.iter().all(|word| {
        unit_runs(word)
            .iter()
            .all(|run| text.contains(run.as_str()))
    })
}

/// Deterministic substrings of the corpus: 1 to 6 units, from passages spread over the index.
fn drawn_queries(passages: &[Passage]) -> Vec<String> {
    let mut queries = Vec::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for (i, passage) in passages.iter().enumerate().step_by(3) {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let units: Vec<char> = passage
            .text
            .chars()
            .filter(|c| baogao::tokenize::is_unit(*c))
            .collect();
        let length = 1 + (i % 6);
        if units.len() <= length {
            continue;
        }
        let start = (seed >> 33) as usize % (units.len() - length);
        queries.push(units[start..start + length].iter().collect());
    }
    queries
}

#[test]
fn every_passage_holding_the_words_is_found_and_nothing_holding_them_apart() {
    let (open, stored) = corpus_index().passages();
    let searcher = open.reader.searcher();
    let fields = &open.schema.fields;
    let passages: Vec<Passage> = stored
        .into_iter()
        .map(|(address, passage)| Passage {
            address,
            text: folded(&passage.text),
            title_and_heading: folded(&format!("{}\n{}", passage.title, passage.heading)),
            key: (passage.path, passage.line, passage.text),
        })
        .collect();
    let mut passages = passages;
    passages.sort_by(|a, b| a.key.cmp(&b.key));

    let is_word = vocabulary(&searcher, fields.text);
    let mut queries: Vec<String> = HAND_PICKED.iter().map(|q| q.to_string()).collect();
    queries.extend(drawn_queries(&passages));
    let (mut expected_total, mut found_total, mut extra_total) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for query in &queries {
        let words: Vec<&str> = query.split_whitespace().collect();
        let built = build_query(&open.schema, query, &Filters::default(), true, &is_word)
            .expect("a valid query");
        let found: BTreeSet<DocAddress> = searcher
            .search(
                &*built.query,
                &TopDocs::with_limit(1_000_000).order_by_score(),
            )
            .expect("search")
            .into_iter()
            .map(|(_, address)| address)
            .collect();
        let expected: BTreeSet<DocAddress> = passages
            .iter()
            .filter(|p| holds(&p.text, &words))
            .map(|p| p.address)
            .collect();
        expected_total += expected.len();
        found_total += expected.intersection(&found).count();
        for address in expected.difference(&found) {
            misses.push(format!("{query}: missed {address:?}"));
        }
        // Precision: a passage found without holding the words holds them in its title or
        // heading (jieba words there), never only as scattered characters.
        for address in found.difference(&expected) {
            extra_total += 1;
            let passage = passages
                .iter()
                .find(|p| p.address == *address)
                .expect("found passages exist");
            for word in &words {
                let held =
                    holds(&passage.text, &[word]) || holds(&passage.title_and_heading, &[word]);
                assert!(held, "{query}: {address:?} holds `{word}` neither in its text nor in its title or heading");
            }
        }
    }
    let recall = found_total as f64 / expected_total.max(1) as f64;
    println!(
        "recall vs plain scan: {found_total}/{expected_total} = {:.4} over {} queries ({} hits from titles and headings)",
        recall,
        queries.len(),
        extra_total
    );
    assert!(queries.len() >= 100, "only {} queries", queries.len());
    assert!(
        misses.is_empty(),
        "{} passages missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn characters_far_apart_are_not_a_word() {
    let (_corpus, index) = Indexed::of_files(&[(
        "r.txt",
        "某县保健所2023年工作总结\n保卫工作扎实，生产安全无事故。\n乡镇卫生院建设加快。\n",
    )]);
    let result = index.json(&["卫生院"]);
    assert_eq!(result["total_hits"], 1, "{result}");
    let apart = index.json(&["卫生", "--per-report", "0"]);
    let texts: Vec<&str> = common::hits(&apart)
        .iter()
        .map(|hit| common::field(hit, "text"))
        .collect();
    assert!(
        !texts.iter().any(|t| t.starts_with("保卫工作")),
        "卫 … 生 apart matched 卫生: {texts:?}"
    );
}

#[test]
fn a_phrase_matches_the_exact_sequence_only() {
    let (_corpus, index) = Indexed::of_files(&[(
        "r.txt",
        "某县卫生局2023年工作总结\n推进家庭医生签约服务。\n家庭医生团队完成签约服务。\n",
    )]);
    let phrase = index.json(&["\"家庭医生签约\""]);
    assert_eq!(phrase["total_hits"], 1, "{phrase}");
    let words = index.json(&["家庭医生", "签约"]);
    assert_eq!(words["total_hits"], 2, "{words}");
}
