//! The query language ([`crate::search::Query`]) in OpenSearch's query DSL, by the same walk
//! (`search/translate.rs`) as the local tantivy query, so that a query matches the same passages:
//! a word is its jieba words (cut by the index's vocabulary, as locally) in the passage, title
//! and heading, or its grams as a substring of the passage; a phrase is the phrase of its
//! grams; `title:`/`heading:`/`text:` keep a word to one field; `医共*` is a prefix of words;
//! `"a b"~N` an unordered `intervals` query over the grams; filters are `filter` clauses.
//!
//! The fields and their positions are described in [`super::mapping`]. Scores follow the same
//! boosts but are not the local ones: each shard scores with its own term statistics.

use serde_json::{json, Map, Value};

use super::mapping::{phrase_slots, GRAMS, HEADING_WORDS, TITLE_WORDS, WORDS};
use crate::report::{Kind, Level};
use crate::search::translate::{Clauses, Target, Walk};
use crate::search::{synonyms_of, Atom, DateRange, Filter, Filters, Query, Scope, YearFilter};
use crate::text::fold;
use crate::tokenize::{bigrams, unit_runs};

/// Boosts of the word fields, as `index_schema/schema.toml` gives them.
const WORD_FIELDS: [(&str, f32, Scope); 3] = [
    (WORDS, 1.0, Scope::Text),
    (TITLE_WORDS, 2.0, Scope::Title),
    (HEADING_WORDS, 1.5, Scope::Heading),
];

/// Translates a parsed query under `filters`; None when it holds nothing to look for.
/// `is_word` is the cluster's vocabulary of passage words.
pub fn translate(
    parsed: &Query,
    filters: &Filters,
    exact: bool,
    is_word: &dyn Fn(&str) -> bool,
) -> Option<Value> {
    // The cluster has no whole-word condition: `-w` is not translated.
    let walk = Walk {
        target: &Dsl,
        exact,
        whole_words: false,
        is_word,
    };
    let translated = walk.translate(parsed, filters)?;
    Some(Dsl.all_of(Clauses {
        must: translated.required.into_iter().map(|p| p.query).collect(),
        must_not: translated.excluded,
        filter: translated.filters,
        ..Clauses::default()
    }))
}

/// The texts whose cut into words depends on the vocabulary: every word and phrase looked
/// for (with synonyms), so that the vocabulary can be asked about all their pieces at once.
pub fn segmented_texts(parsed: &Query, exact: bool) -> Vec<String> {
    let mut texts = Vec::new();
    collect_texts(parsed, exact, &mut texts);
    texts
}

fn collect_texts(query: &Query, exact: bool, texts: &mut Vec<String>) {
    match query {
        Query::And(parts) | Query::Or(parts) => {
            for part in parts {
                collect_texts(part, exact, texts);
            }
        }
        Query::Not(inner) => collect_texts(inner, exact, texts),
        Query::Match { atom, .. } => {
            texts.push(atom.text().to_string());
            if let (Atom::Word(word), false) = (atom, exact) {
                texts.extend(synonyms_of(word));
            }
        }
        Query::Near { words, .. } => texts.extend(words.iter().flat_map(|w| unit_runs(w))),
        Query::Filter(_) => {}
    }
}

/// The cluster's query DSL as a [`Target`]: JSON over the fields of [`super::mapping`].
struct Dsl;

impl Target for Dsl {
    type Query = Value;
    type Field = &'static str;

    fn word_fields(&self) -> Vec<(&'static str, f32, Scope)> {
        WORD_FIELDS.to_vec()
    }

    fn grams_field(&self) -> &'static str {
        GRAMS
    }

    fn term(&self, field: &'static str, text: &str) -> Value {
        json!({ "term": { field: { "value": text } } })
    }

    /// The passage's words have no positions; a title's and a heading's have.
    fn phrase(&self, field: &'static str, tokens: &[(usize, String)]) -> Option<Value> {
        (field != WORDS)
            .then(|| json!({ "match_phrase": { field: { "query": phrase_slots(tokens) } } }))
    }

    fn gram_prefix(&self, run: &str) -> Value {
        json!({ "prefix": { GRAMS: { "value": run } } })
    }

    fn gram_phrase(&self, pairs: &[String]) -> Value {
        json!({ "match_phrase": { GRAMS: { "query": pairs.join(" ") } } })
    }

    fn prefix_words(&self, field: &'static str, prefix: &str, boost: f32) -> Value {
        json!({ "prefix": { field: { "value": prefix, "boost": boost } } })
    }

    fn near(&self, runs: &[String], distance: u32) -> Value {
        near(runs, distance)
    }

    fn filter(&self, filter: &Filter) -> Value {
        filter_query(filter)
    }

    /// A `bool` query of the clauses given (an empty list is left out).
    fn all_of(&self, clauses: Clauses<Value>) -> Value {
        let mut bool = Map::new();
        for (occur, queries) in [
            ("should", clauses.should),
            ("must", clauses.must),
            ("must_not", clauses.must_not),
            ("filter", clauses.filter),
        ] {
            if !queries.is_empty() {
                bool.insert(occur.to_string(), Value::Array(queries));
            }
        }
        json!({ "bool": bool })
    }

    fn any_of(&self, mut queries: Vec<Value>) -> Value {
        if queries.len() == 1 {
            return queries.remove(0);
        }
        json!({ "bool": { "should": queries, "minimum_should_match": 1 } })
    }

    fn all_but(&self, query: Value) -> Value {
        json!({ "bool": { "must": [{ "match_all": {} }], "must_not": [query] } })
    }

    fn dis_max(&self, queries: Vec<Value>, tie_breaker: f32) -> Value {
        json!({ "dis_max": { "queries": queries, "tie_breaker": tie_breaker } })
    }

    fn boost(&self, query: Value, boost: f32) -> Value {
        json!({ "bool": { "must": [query], "boost": boost } })
    }

    fn score_free(&self, query: Value) -> Value {
        json!({ "constant_score": { "filter": query, "boost": 0.0 } })
    }

    /// Never asked: the walk of the cluster's queries is made without `-w`.
    fn whole(&self, query: Value, _: Vec<&'static str>, _: &[String], _: bool) -> Value {
        query
    }
}

/// `"a b"~N` over the grams: every word, in any order, with at most N characters between
/// them. An interval of a word of n ≥ 2 characters covers its n − 1 grams, so the gaps the
/// cluster counts are the characters between words plus one per word after the first; a word
/// of one character is the prefix of one gram and adds none.
fn near(runs: &[String], distance: u32) -> Value {
    let several = runs.iter().filter(|run| run.chars().count() > 1).count();
    let max_gaps = u64::from(distance) + several.saturating_sub(1) as u64;
    let intervals: Vec<Value> = runs
        .iter()
        .map(|run| {
            let pairs = bigrams(run);
            if pairs.is_empty() {
                json!({ "prefix": { "prefix": run } })
            } else {
                json!({ "match": { "query": pairs.join(" "), "ordered": true, "max_gaps": 0 } })
            }
        })
        .collect();
    json!({ "intervals": { GRAMS: { "all_of": { "intervals": intervals, "ordered": false, "max_gaps": max_gaps } } } })
}

pub(super) fn filter_queries(filters: &Filters) -> Vec<Value> {
    filters.each().iter().map(filter_query).collect()
}

fn filter_query(filter: &Filter) -> Value {
    let any = |field: &str, values: Vec<String>| {
        if values.is_empty() {
            json!({ "match_none": {} })
        } else {
            json!({ "terms": { field: values } })
        }
    };
    match filter {
        Filter::Year(YearFilter::Year(year)) => term_number("year", u64::from(*year)),
        Filter::Year(YearFilter::Unknown) => {
            json!({ "bool": { "must_not": [{ "exists": { "field": "year" } }] } })
        }
        Filter::Year(YearFilter::Range { from, to }) => {
            json!({ "range": { "year": { "gte": from, "lte": to } } })
        }
        Filter::Kind(kinds) => any(
            "kind",
            kinds.iter().map(|k: &Kind| k.label().to_string()).collect(),
        ),
        Filter::Level(levels) => any(
            "level",
            levels
                .iter()
                .map(|l: &Level| l.label().to_string())
                .collect(),
        ),
        Filter::Region(regions) => any(
            "region",
            regions
                .iter()
                .map(|r| fold(r.trim()).into_owned())
                .collect(),
        ),
        Filter::Published(range) => published(*range),
    }
}

fn term_number(field: &str, value: u64) -> Value {
    json!({ "term": { field: { "value": value } } })
}

fn published(range: DateRange) -> Value {
    let from = range.from.map(|date| date.to_string());
    let to = range.to.map(|date| date.to_string());
    json!({ "range": { "published": { "gte": from, "lte": to, "format": "yyyy-MM-dd" } } })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse_query;

    fn dsl(query: &str, words: &'static [&'static str]) -> Value {
        let parsed = parse_query(query).expect("a valid query");
        let is_word = |word: &str| words.contains(&word);
        translate(&parsed, &Filters::default(), true, &is_word).expect("something to look for")
    }

    #[test]
    fn a_phrase_is_the_phrase_of_its_grams() {
        let text = dsl("text:\"卫生院\"", &[]).to_string();
        assert!(
            text.contains(r#"{"match_phrase":{"grams":{"query":"卫生 生院"}}}"#),
            "{text}"
        );
    }

    #[test]
    fn words_in_a_title_stand_at_their_character_offsets() {
        let text = dsl("title:医共体建设", &["医共体", "建设"]).to_string();
        assert!(
            text.contains(r#""title_words":{"query":"医共体 | | 建设"}"#),
            "{text}"
        );
    }

    #[test]
    fn an_excluded_word_and_a_filter_are_clauses_of_their_own() {
        let query = dsl("卫生院 -新冠 year:unknown", &[]);
        assert_eq!(query["bool"]["must"].as_array().map(Vec::len), Some(1));
        assert_eq!(query["bool"]["must_not"].as_array().map(Vec::len), Some(1));
        let filter = query["bool"]["filter"].to_string();
        assert!(
            filter.contains(r#""must_not":[{"exists":{"field":"year"}}]"#),
            "{filter}"
        );
    }

    #[test]
    fn proximity_counts_the_gaps_of_each_word_after_the_first() {
        let near = near(&["医共体".to_string(), "建设".to_string()], 10);
        assert_eq!(near["intervals"]["grams"]["all_of"]["max_gaps"], 11);
        assert_eq!(near["intervals"]["grams"]["all_of"]["ordered"], false);
    }
}
