//! The query language on an index of the bundled corpus: every row of the README's query
//! table, the operators, scopes, filters, proximity and prefixes, and the mistakes.

mod common;

use common::{corpus_index, field, hits, searchable_text, stderr_of, Indexed};
use serde_json::Value;
use std::collections::BTreeSet;

/// The rows of the README's query table: (query, hits on the bundled corpus). A query cell
/// starting with `-w ` is run with that option.
fn readme_rows() -> Vec<(String, u64)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("read README.md");
    let start = readme
        .find("<!-- query-table: start -->")
        .expect("the README marks its query table");
    let end = readme
        .find("<!-- query-table: end -->")
        .expect("the README marks the end of its query table");
    readme[start..end]
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
            let query = cells[0].trim().trim_matches('`').to_string();
            let count = cells[cells.len() - 1]
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("the last cell of `{line}` is a count"));
            (query, count)
        })
        .collect()
}

fn all(index: &Indexed, query: &str) -> Value {
    index.json(&[query, "--limit", "1000", "--per-report", "0"])
}

fn total(result: &Value) -> u64 {
    result["total_hits"]
        .as_u64()
        .expect("total_hits is a number")
}

/// path:line of every hit shown and every place folded into one.
fn places(result: &Value) -> BTreeSet<String> {
    let mut places = BTreeSet::new();
    for hit in hits(result) {
        places.insert(common::place(hit));
        for other in hit["also"].as_array().into_iter().flatten() {
            places.insert(common::place(other));
        }
    }
    places
}

#[test]
fn every_row_of_the_readme_query_table_finds_what_it_says() {
    let index = corpus_index();
    let rows = readme_rows();
    assert!(rows.len() >= 20, "{rows:?}");
    assert!(rows.iter().any(|(query, _)| query.starts_with("-w ")));
    for (query, expected) in rows {
        let result = match query.strip_prefix("-w ") {
            Some(words) => index.json(&[words, "-w"]),
            None => index.json(&[&query]),
        };
        assert_eq!(total(&result), expected, "`{query}`");
    }
}

#[test]
fn not_and_minus_and_explicit_and_mean_what_their_short_forms_mean() {
    let index = corpus_index();
    for (long, short) in [
        ("疫情 NOT 新冠", "疫情 -新冠"),
        ("医共体 AND 建设", "医共体 建设"),
        ("(医共体)", "医共体"),
        ("NOT NOT 医共体", "医共体"),
    ] {
        assert_eq!(
            all(index, long)["hits"],
            all(index, short)["hits"],
            "{long}"
        );
    }
    for hit in hits(&all(index, "疫情 NOT 新冠")) {
        let text = searchable_text(hit);
        assert!(text.contains("疫情") && !text.contains("新冠"), "{hit}");
    }
}

#[test]
fn and_binds_tighter_than_or_and_parentheses_group() {
    let index = corpus_index();
    let both = total(&all(index, "医共体 建设"));
    let other = total(&all(index, "手足口病"));
    let all_three = total(&all(index, "医共体 建设 手足口病"));
    let either = all(index, "医共体 建设 OR 手足口病");
    assert_eq!(total(&either), both + other - all_three);
    for hit in hits(&either) {
        let text = searchable_text(hit);
        assert!(
            (text.contains("医共体") && text.contains("建设")) || text.contains("手足口病"),
            "{hit}"
        );
    }
    let grouped = all(index, "(医共体 OR 医联体) 建设");
    assert!(total(&grouped) > both, "医联体 adds a passage");
    for hit in hits(&grouped) {
        let text = searchable_text(hit);
        assert!(
            (text.contains("医共体") || text.contains("医联体")) && text.contains("建设"),
            "{hit}"
        );
    }
}

/// Whether `text` holds `a` and `b` with at most `gap` characters between them.
fn within(text: &str, a: &str, b: &str, gap: usize) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let starts = |word: &str| -> Vec<usize> {
        let word: Vec<char> = word.chars().collect();
        (0..chars.len().saturating_sub(word.len() - 1))
            .filter(|&i| chars[i..].starts_with(&word))
            .collect()
    };
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    starts(a).iter().any(|&i| {
        starts(b).iter().any(|&j| {
            let between = if i <= j {
                j.saturating_sub(i + a_len)
            } else {
                i.saturating_sub(j + b_len)
            };
            between <= gap
        })
    })
}

#[test]
fn proximity_is_a_condition_in_characters_in_either_order() {
    let index = corpus_index();
    let near = all(index, "\"疫情 防控\"~5");
    let reversed = all(index, "\"防控 疫情\"~5");
    assert_eq!(total(&near), total(&reversed));
    assert_eq!(places(&near), places(&reversed));
    let anywhere = all(index, "疫情 防控");
    assert!(total(&near) < total(&anywhere));
    for hit in hits(&near) {
        assert!(within(field(hit, "text"), "疫情", "防控", 5), "{hit}");
    }
    // Every passage of the AND whose text has the words that close is found by the proximity.
    let close: BTreeSet<String> = hits(&anywhere)
        .iter()
        .filter(|hit| within(field(hit, "text"), "疫情", "防控", 5))
        .map(common::place)
        .collect();
    assert!(close.is_subset(&places(&near)), "{close:?}");
    let wide = total(&all(index, "\"疫情 防控\"~300"));
    let tight = total(&all(index, "\"疫情 防控\"~0"));
    assert!(
        tight <= total(&near) && total(&near) <= wide,
        "{tight} {wide}"
    );
}

#[test]
fn a_prefix_is_the_start_of_a_jieba_word_not_a_substring() {
    let index = corpus_index();
    let prefix = all(index, "医共*");
    assert!(total(&prefix) > 0);
    for hit in hits(&prefix) {
        assert!(searchable_text(hit).contains("医共"), "{hit}");
    }
    assert_eq!(total(&all(index, "生院*")), 0);
    assert!(
        total(&all(index, "生院")) > 0,
        "the plain word is a substring"
    );
    assert!(total(&all(index, "院*")) < total(&all(index, "院")));
}

#[test]
fn field_scopes_keep_a_word_to_one_field() {
    let index = corpus_index();
    let titled = all(index, "title:东安县");
    assert!(total(&titled) > 0);
    for hit in hits(&titled) {
        assert!(field(hit, "title").contains("东安县"), "{hit}");
    }
    for hit in hits(&all(index, "heading:手足口病")) {
        assert!(field(hit, "heading").contains("手足口病"), "{hit}");
    }
    let in_text = all(index, "text:手足口病");
    assert!(total(&in_text) > 0);
    for hit in hits(&in_text) {
        assert!(field(hit, "text").contains("手足口病"), "{hit}");
    }
    assert!(total(&in_text) <= total(&all(index, "手足口病")));
    let phrase = all(index, "title:\"工作总结\"");
    for hit in hits(&phrase) {
        assert!(field(hit, "title").contains("工作总结"), "{hit}");
    }
}

#[test]
fn facet_filters_in_the_query_equal_the_options() {
    let index = corpus_index();
    for (in_query, flag, value) in [
        ("卫生院 year:2020..2022", "--year", "2020..2022"),
        ("卫生院 year:unknown", "--year", "unknown"),
        ("卫生院 kind:plan,monthly", "--kind", "plan,monthly"),
        ("卫生院 level:county", "--level", "county"),
        ("卫生院 region:東安縣", "--region", "东安县"),
        (
            "卫生院 published:2021-01-01..2022-12-31",
            "--published",
            "2021-01-01..2022-12-31",
        ),
    ] {
        let query = index.json(&[in_query, "--limit", "1000"]);
        let option = index.json(&["卫生院", flag, value, "--limit", "1000"]);
        assert_eq!(query["hits"], option["hits"], "{in_query}");
        assert_eq!(query["total_hits"], option["total_hits"], "{in_query}");
        assert!(total(&query) > 0, "{in_query}");
    }
    let excluded = all(index, "卫生院 -region:东安县");
    for hit in hits(&excluded) {
        assert_ne!(hit["region"], "东安县", "{hit}");
    }
    assert_eq!(
        total(&excluded) + total(&all(index, "卫生院 region:东安县")),
        total(&all(index, "卫生院"))
    );
}

#[test]
fn mistakes_are_one_line_naming_the_character_and_exit_2() {
    let index = corpus_index();
    for (query, reason) in [
        ("医共体 AND (建设", "a ( is not closed (at character 9)"),
        ("医共体 OR", "OR needs a word on each side (at character 5)"),
        ("建设 AND", "AND needs a word on each side (at character 4)"),
        ("卫生 NOT", "NOT needs a word after it (at character 4)"),
        ("医共体 OR -新冠", "cannot be one side of OR"),
        ("-新冠", "only excludes"),
        ("\"医共体 建设\"~", "needs a number of characters"),
        ("kind:yearly 卫生院", "unknown report kind `yearly`"),
        ("卫生院 year:2030..2020", "did you mean 2020..2030?"),
        ("卫生院 published:2023-02-30", "not a date of the calendar"),
        ("year:2020", "only filters"),
        ("title:", "needs a value"),
        ("医共体 *", "cannot stand alone"),
    ] {
        let output = index.search(&[query]).assert().code(2);
        let stderr = stderr_of(&output);
        assert!(stderr.contains(reason), "{query}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn no_query_makes_it_panic() {
    let index = corpus_index();
    for query in [
        "(",
        ")",
        "((",
        "-(",
        "NOT",
        "AND OR",
        "\"",
        "\"\"~",
        "title:(",
        "a:b:c",
        "((医改) OR",
        "\"a b\"~99999999999",
        "衛生*",
        "-\"\"",
        "(())",
        "-*",
        "title:title:医改",
        "*医改",
        "\"\"~3",
        "year:..",
        "region:,",
        "(医改 OR (卫生",
        "医改)",
        "\u{1}",
        "~~~",
        "-- -",
    ] {
        let output = index.search(&[query]).output().expect("run baogao");
        let code = output.status.code();
        assert!(matches!(code, Some(0..=2)), "{query:?} exited {code:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{query:?}: {stderr}");
    }
}

#[test]
fn whole_words_skip_a_word_inside_a_longer_jieba_word() {
    let index = corpus_index();
    // 家庭医生签约 is one jieba word (index_schema/userdict.txt): the passage holding 家庭医生
    // only inside it is found as a substring, and not with -w.
    let inside = "corpus/002_f83045ee5558e8cd.txt:21";
    let substring = all(index, "家庭医生");
    let whole = index.json(&["家庭医生", "-w", "--limit", "1000", "--per-report", "0"]);
    assert!(places(&substring).contains(inside), "{substring}");
    assert!(!places(&whole).contains(inside), "{whole}");
    assert!(places(&whole).is_subset(&places(&substring)));
    assert!(total(&whole) > 0 && total(&whole) < total(&substring));
    for hit in hits(&whole) {
        let text = searchable_text(hit);
        assert!(
            text.replace("家庭医生签约", "").contains("家庭医生"),
            "{hit}"
        );
    }
    // The long form spells the same switch.
    let long = index.json(&[
        "家庭医生",
        "--whole-words",
        "--limit",
        "1000",
        "--per-report",
        "0",
    ]);
    assert_eq!(long["hits"], whole["hits"]);
}

#[test]
fn whole_words_take_latin_and_digits_as_whole_tokens() {
    let index = corpus_index();
    let whole = index.json(&["19", "-w", "--limit", "1000", "--per-report", "0"]);
    assert!(total(&whole) > 0);
    assert!(total(&whole) < total(&all(index, "19")));
    for hit in hits(&whole) {
        let text: Vec<char> = field(hit, "text").chars().collect();
        let standalone = (0..text.len().saturating_sub(1)).any(|i| {
            text[i] == '1'
                && text[i + 1] == '9'
                && (i == 0 || !text[i - 1].is_ascii_alphanumeric())
                && text.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric())
        });
        assert!(standalone, "{hit}");
        // Only whole occurrences are highlighted: no «19» inside 1943.
        let snippet = field(hit, "snippet");
        assert!(!snippet.contains("«19»4"), "{snippet}");
    }
}

#[test]
fn whole_words_apply_to_phrases_proximity_prefixes_scopes_and_count() {
    let index = corpus_index();
    let with_w = |query: &str| index.json(&[query, "-w", "--limit", "1000", "--per-report", "0"]);
    for query in [
        "\"卫生 工作\"~3",
        "title:卫生",
        "\"家庭医生签约\"",
        "医*",
        "卫生 OR 医改",
    ] {
        let whole = with_w(query);
        let substring = all(index, query);
        assert!(
            places(&whole).is_subset(&places(&substring)),
            "{query}: -w only narrows"
        );
    }
    assert!(total(&with_w("\"卫生 工作\"~3")) < total(&all(index, "\"卫生 工作\"~3")));
    assert!(total(&with_w("title:卫生")) < total(&all(index, "title:卫生")));
    for hit in hits(&with_w("title:卫生")) {
        assert!(field(hit, "title").contains("卫生"), "{hit}");
    }
    // A word that is never a jieba word of its own finds nothing, even as a prefix.
    assert_eq!(total(&with_w("生院")), 0);
    assert_eq!(total(&with_w("生院*")), 0);
    // -c counts the same passages as the search.
    let counted = index.search(&["卫生", "-w", "-c"]).assert().success();
    let sum: u64 = common::stdout_of(&counted)
        .lines()
        .filter_map(|line| line.rsplit(':').next()?.parse::<u64>().ok())
        .sum();
    assert_eq!(sum, total(&with_w("卫生")));
}
