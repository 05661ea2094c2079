//! `baogao search` on an index of the bundled corpus.

mod common;

use common::{corpus_index, field, hits, searchable_text, stderr_of, stdout_of, Indexed};
use std::collections::BTreeSet;

#[test]
fn hand_foot_mouth_disease_is_found_in_several_reports() {
    let index = corpus_index();
    let result = index.json(&["手足口病", "--limit", "100"]);
    let files: BTreeSet<&str> = hits(&result).iter().map(|hit| field(hit, "file")).collect();
    assert!(files.len() >= 2, "手足口病 found only in {files:?}");
    for hit in hits(&result) {
        assert!(searchable_text(hit).contains("手足口病"), "{hit}");
    }
}

#[test]
fn medical_community_in_2024_shows_the_2024_report_with_path_and_line() {
    let index = corpus_index();
    let output = index
        .search(&["医共体", "--year", "2024"])
        .assert()
        .success();
    let stdout = stdout_of(&output);
    assert!(
        stdout.contains("corpus/001_d67ff23fbbb9576f.txt:18"),
        "expected the 2024 report's path:line first:\n{stdout}"
    );
    assert!(
        stdout.contains("«医共体»"),
        "matches are marked when piped:\n{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no colour when piped:\n{stdout}");
}

#[test]
fn every_hit_points_at_the_line_where_its_passage_starts() {
    let index = corpus_index();
    for query in [
        "卫生",
        "医共体",
        "疫情防控",
        "手足口病",
        "家庭医生",
        "卫生院",
    ] {
        let result = index.json(&[query, "--limit", "200"]);
        assert!(!hits(&result).is_empty(), "{query} finds nothing");
        for hit in hits(&result) {
            let file = common::corpus_dir().join(field(hit, "file"));
            let text = std::fs::read_to_string(&file).expect("read corpus file");
            let line = hit["line"].as_u64().expect("line is a number") as usize;
            // A passage may continue on the next lines (a PDF copy's hard wraps), and is stored
            // without web-converter pinyin.
            let from_line: String = text
                .lines()
                .skip(line - 1)
                .take(20)
                .map(|l| baogao::text::repair_pinyin(l.trim()).into_owned())
                .collect();
            let passage = field(hit, "text");
            let first_line_len = text
                .lines()
                .nth(line - 1)
                .map_or(0, |l| baogao::text::repair_pinyin(l.trim()).len());
            let at = from_line.find(passage);
            assert!(
                at.is_some_and(|at| at < first_line_len),
                "{}:{line} is not where {hit} starts",
                file.display()
            );
        }
    }
}

#[test]
fn year_filter_excludes_other_years() {
    let index = corpus_index();
    let all = index.json(&["卫生", "--limit", "500"]);
    let years: BTreeSet<i64> = hits(&all)
        .iter()
        .filter_map(|hit| hit["year"].as_i64())
        .collect();
    assert!(
        years.len() >= 3,
        "the corpus spans several years: {years:?}"
    );
    let only_2020 = index.json(&["卫生", "--year", "2020", "--limit", "500"]);
    assert!(!hits(&only_2020).is_empty());
    for hit in hits(&only_2020) {
        assert_eq!(hit["year"], 2020, "{hit}");
    }
    let facet_years: Vec<&String> = only_2020["facets"]["year"]
        .as_object()
        .expect("year facet")
        .keys()
        .collect();
    assert_eq!(facet_years, ["2020"]);
}

#[test]
fn year_range_keeps_the_years_inside_it_and_counts_every_hit() {
    let index = corpus_index();
    let result = index.json(&["卫生", "--year", "2020..2021", "--limit", "500"]);
    let years: BTreeSet<i64> = hits(&result)
        .iter()
        .map(|hit| hit["year"].as_i64().expect("a year"))
        .collect();
    assert_eq!(years, BTreeSet::from([2020, 2021]));
    let counted: u64 = result["facets"]["year"]
        .as_object()
        .expect("year facet")
        .values()
        .map(|n| n.as_u64().expect("a count"))
        .sum();
    assert_eq!(counted, result["total_hits"].as_u64().expect("total_hits"));
}

#[test]
fn reports_without_a_year_are_kept_as_unknown() {
    // A report made of the corpus's own lines that name no year, beside one that does.
    let corpus = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read_to_string(common::corpus_dir().join("000_bd783308ac91c8c5.txt"))
        .expect("read");
    let undated: Vec<&str> = source
        .lines()
        .filter(|line| !line.contains("年") || !line.chars().any(|c| c.is_ascii_digit()))
        .collect();
    std::fs::write(corpus.path().join("undated.txt"), undated.join("\n")).expect("write");
    std::fs::copy(
        common::corpus_dir().join("004_2ac8209b6c6491b0.txt"),
        corpus.path().join("dated.txt"),
    )
    .expect("copy");
    let index = Indexed::of(corpus.path());
    let unknown = index.json(&["工作", "--year", "unknown", "--limit", "500"]);
    assert!(
        !hits(&unknown).is_empty(),
        "the undated report is searchable"
    );
    for hit in hits(&unknown) {
        assert!(hit["year"].is_null(), "{hit}");
        assert_eq!(field(hit, "file"), "undated.txt");
    }
    let all = index.json(&["工作", "--limit", "1"]);
    assert!(
        all["facets"]["year"]["unknown"]
            .as_u64()
            .is_some_and(|n| n > 0),
        "{}",
        all["facets"]
    );
}

#[test]
fn json_output_has_the_documented_keys() {
    let index = corpus_index();
    let result = index.json(&["卫生院", "--limit", "3"]);
    for key in ["query", "total_hits", "hits", "facets"] {
        assert!(result.get(key).is_some(), "missing {key}: {result}");
    }
    assert_eq!(result["query"], "卫生院");
    assert_eq!(hits(&result).len(), 3);
    for hit in hits(&result) {
        for key in [
            "score", "path", "line", "title", "year", "heading", "text", "snippet",
        ] {
            assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
        }
        assert!(hit["line"].as_u64().is_some_and(|line| line >= 1));
        assert!(hit["year"].is_null() || hit["year"].is_u64());
        assert!(field(hit, "snippet").contains("«"), "{hit}");
    }
    let scores: Vec<f64> = hits(&result)
        .iter()
        .map(|h| h["score"].as_f64().expect("score"))
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked best first: {scores:?}"
    );
}

#[test]
fn all_words_are_required_by_default() {
    let index = corpus_index();
    let both = index.json(&["医共体", "建设", "--limit", "100"]);
    assert!(!hits(&both).is_empty());
    for hit in hits(&both) {
        let text = searchable_text(hit);
        assert!(text.contains("医共体") && text.contains("建设"), "{hit}");
    }
    let one = index.json(&["医共体", "--limit", "100"]);
    assert!(both["total_hits"].as_u64() <= one["total_hits"].as_u64());
}

#[test]
fn or_widens_and_minus_excludes() {
    let index = corpus_index();
    let total = |args: &[&str]| index.json(args)["total_hits"].as_u64().expect("total_hits");
    let either = total(&["医共体", "OR", "手足口病"]);
    assert!(either > total(&["医共体"]) && either > total(&["手足口病"]));
    let without = index.json(&["疫情", "-新冠", "--limit", "500"]);
    assert!(!hits(&without).is_empty());
    for hit in hits(&without) {
        assert!(!searchable_text(hit).contains("新冠"), "{hit}");
    }
    assert!(without["total_hits"].as_u64() < Some(total(&["疫情"])));
    assert_eq!(
        Some(total(&["疫情", "-\"新冠\""])),
        without["total_hits"].as_u64(),
        "-\"…\" excludes too"
    );
}

#[test]
fn a_quoted_phrase_matches_the_words_in_order() {
    let index = corpus_index();
    let phrase = index.json(&["\"家庭医生签约\"", "--limit", "100"]);
    assert!(!hits(&phrase).is_empty());
    for hit in hits(&phrase) {
        assert!(searchable_text(hit).contains("家庭医生签约"), "{hit}");
    }
}

#[test]
fn no_hit_exits_1_like_grep() {
    let index = corpus_index();
    let output = index.search(&["量子计算机"]).assert().code(1);
    let stdout = stdout_of(&output);
    assert!(stdout.contains("0 hits"), "{stdout}");
}

#[test]
fn a_query_the_parser_rejects_exits_2_with_a_one_line_reason() {
    let index = corpus_index();
    for (query, reason) in [
        ("\"医共体", "quote is not closed"),
        ("医共体 OR", "OR needs a word on each side"),
        ("医共体 OR -新冠", "cannot be one side of OR"),
        ("-卫生", "only excludes"),
        ("，。！", "nothing to look for"),
    ] {
        let output = index.search(&[query]).assert().code(2);
        let stderr = stderr_of(&output);
        assert!(stderr.contains(reason), "{query}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn punctuation_in_a_query_is_not_syntax() {
    let index = corpus_index();
    let plain = index.json(&["医共体"]);
    for query in ["(医共体)", "医共体:", "【医共体】"] {
        assert_eq!(
            index.json(&[query])["total_hits"],
            plain["total_hits"],
            "{query}"
        );
    }
}

#[test]
fn colour_is_used_only_when_asked_or_on_a_terminal() {
    let index = corpus_index();
    let coloured = index
        .search(&["医共体", "--color", "always"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[1;31m医共体"));
    let plain = index
        .search(&["医共体", "--color", "never"])
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
}

#[test]
fn results_are_the_same_from_run_to_run() {
    let index = corpus_index();
    let first = index
        .search(&["卫生", "--limit", "50"])
        .output()
        .expect("run");
    let second = index
        .search(&["卫生", "--limit", "50"])
        .output()
        .expect("run");
    assert_eq!(first.stdout, second.stdout);
}
