//! The query language ([`crate::search::Query`]) in OpenSearch's query DSL, clause for clause
//! as `search/query.rs` builds the tantivy query, so that a query matches the same passages:
//! a word is its jieba words (cut by the index's vocabulary, as locally) in the passage, title
//! and heading, or its grams as a substring of the passage; a phrase is the phrase of its
//! grams; `title:`/`heading:`/`text:` keep a word to one field; `医共*` is a prefix of words;
//! `"a b"~N` an unordered `intervals` query over the grams; filters are `filter` clauses.
//!
//! The fields and their positions are described in [`super::mapping`]. Scores follow the same
//! boosts but are not the local ones: each shard scores with its own term statistics.

use serde_json::{json, Value};

use super::mapping::{phrase_slots, GRAMS, HEADING_WORDS, TITLE_WORDS, WORDS};
use crate::report::{Kind, Level};
use crate::search::{
    segment, synonyms_of, Atom, DateRange, Filter, Filters, Query, Scope, YearFilter,
};
use crate::text::fold;
use crate::tokenize::{bigrams, unit_runs};

/// As in `search/query.rs`.
const GRAM_BOOST: f32 = 0.3;
const SYNONYM_BOOST: f32 = 0.7;
const FIELD_TIE_BREAKER: f32 = 0.2;
/// Boosts of the word fields, as `index_schema/schema.toml` gives them.
const WORD_FIELDS: [(&str, f32); 3] = [(WORDS, 1.0), (TITLE_WORDS, 2.0), (HEADING_WORDS, 1.5)];

/// Translates a parsed query under `filters`; None when it holds nothing to look for.
/// `is_word` is the cluster's vocabulary of passage words.
pub fn translate(
    parsed: &Query,
    filters: &Filters,
    exact: bool,
    is_word: &dyn Fn(&str) -> bool,
) -> Option<Value> {
    let builder = Builder { exact, is_word };
    let operands: Vec<&Query> = match parsed {
        Query::And(parts) => parts.iter().collect(),
        other => vec![other],
    };
    let mut must = Vec::new();
    let mut must_not = Vec::new();
    let mut filter = Vec::new();
    let mut has_words = false;
    for operand in &operands {
        match operand {
            Query::Not(inner) => must_not.extend(builder.part(inner).map(|p| p.query)),
            Query::Filter(f) => filter.push(filter_query(f)),
            _ => {
                if let Some(part) = builder.part(operand) {
                    has_words |= part.words;
                    must.push(part.query);
                }
            }
        }
    }
    if !has_words {
        return None;
    }
    filter.extend(filter_queries(filters));
    Some(json!({ "bool": { "must": must, "must_not": must_not, "filter": filter } }))
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

struct Part {
    query: Value,
    words: bool,
}

struct Builder<'a> {
    exact: bool,
    is_word: &'a dyn Fn(&str) -> bool,
}

fn any_of(mut queries: Vec<Value>) -> Value {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    json!({ "bool": { "should": queries, "minimum_should_match": 1 } })
}

fn dis_max(queries: Vec<Value>, tie_breaker: f32) -> Value {
    json!({ "dis_max": { "queries": queries, "tie_breaker": tie_breaker } })
}

fn boosted(query: Value, boost: f32) -> Value {
    json!({ "bool": { "must": [query], "boost": boost } })
}

fn term(field: &str, text: &str) -> Value {
    json!({ "term": { field: { "value": text } } })
}

impl Builder<'_> {
    fn part(&self, query: &Query) -> Option<Part> {
        match query {
            Query::Match { scope, atom } => Some(Part {
                query: self.atom(atom, *scope)?,
                words: true,
            }),
            Query::Near { words, distance } => {
                let runs: Vec<String> = words.iter().flat_map(|w| unit_runs(w)).collect();
                let mut must = Vec::new();
                for run in &runs {
                    must.push(self.word(run, Scope::Text)?);
                }
                if runs.len() > 1 {
                    must.push(json!({ "constant_score": { "filter": near(&runs, *distance), "boost": 0.0 } }));
                }
                Some(Part {
                    query: json!({ "bool": { "must": must } }),
                    words: true,
                })
            }
            Query::Filter(filter) => Some(Part {
                query: json!({ "bool": { "filter": [filter_query(filter)] } }),
                words: false,
            }),
            Query::Not(inner) => {
                let inner = self.part(inner)?;
                Some(Part {
                    query: json!({ "bool": { "must": [{ "match_all": {} }], "must_not": [inner.query] } }),
                    words: false,
                })
            }
            Query::And(parts) => {
                let (mut must, mut must_not, mut filter) = (Vec::new(), Vec::new(), Vec::new());
                let mut words = false;
                for part in parts {
                    match part {
                        Query::Not(inner) => must_not.extend(self.part(inner).map(|p| p.query)),
                        Query::Filter(f) => filter.push(filter_query(f)),
                        _ => {
                            if let Some(part) = self.part(part) {
                                words |= part.words;
                                must.push(part.query);
                            }
                        }
                    }
                }
                if !words {
                    return None;
                }
                Some(Part {
                    query: json!({ "bool": { "must": must, "must_not": must_not, "filter": filter } }),
                    words,
                })
            }
            Query::Or(parts) => {
                let parts: Vec<Part> = parts.iter().filter_map(|p| self.part(p)).collect();
                if parts.is_empty() {
                    return None;
                }
                let words = parts.iter().any(|p| p.words);
                Some(Part {
                    query: any_of(parts.into_iter().map(|p| p.query).collect()),
                    words,
                })
            }
        }
    }

    fn atom(&self, atom: &Atom, scope: Scope) -> Option<Value> {
        match atom {
            Atom::Phrase(phrase) => {
                let runs = unit_runs(phrase);
                Some(match scope {
                    Scope::All => {
                        let mut options = vec![grams(&runs)?];
                        options.extend(self.words_scoped(phrase, Scope::All, false));
                        any_of(options)
                    }
                    Scope::Text => grams(&runs)?,
                    Scope::Title | Scope::Heading => self.words_scoped(phrase, scope, true)?,
                })
            }
            Atom::Word(word) => {
                let typed = self.word(word, scope)?;
                let synonyms = if self.exact {
                    Vec::new()
                } else {
                    synonyms_of(word)
                };
                if synonyms.is_empty() {
                    return Some(typed);
                }
                let mut options = vec![typed];
                for synonym in &synonyms {
                    if let Some(query) = self.word(synonym, scope) {
                        options.push(boosted(query, SYNONYM_BOOST));
                    }
                }
                Some(any_of(options))
            }
            Atom::Prefix(prefix) => {
                let folded = unit_runs(prefix).concat();
                if folded.is_empty() {
                    return None;
                }
                let per_field: Vec<Value> = fields(scope, true)
                    .into_iter()
                    .map(|(field, boost)| {
                        json!({ "prefix": { field: { "value": folded, "boost": boost } } })
                    })
                    .collect();
                Some(dis_max(per_field, FIELD_TIE_BREAKER))
            }
        }
    }

    fn word(&self, word: &str, scope: Scope) -> Option<Value> {
        let mut options = Vec::new();
        if matches!(scope, Scope::All | Scope::Text) {
            let grams = grams(&unit_runs(word))?;
            options.extend(self.words_scoped(word, scope, true));
            options.push(boosted(grams, GRAM_BOOST));
        } else {
            options.extend(self.words_scoped(word, scope, true));
        }
        if options.is_empty() {
            return None;
        }
        Some(dis_max(options, 0.0))
    }

    fn words_scoped(&self, text: &str, scope: Scope, in_text: bool) -> Option<Value> {
        let tokens = segment(text, self.is_word);
        if tokens.is_empty() {
            return None;
        }
        let per_field: Vec<Value> = fields(scope, in_text)
            .into_iter()
            .map(|(field, boost)| boosted(words_in(field, text, &tokens), boost))
            .collect();
        if per_field.is_empty() {
            return None;
        }
        Some(dis_max(per_field, FIELD_TIE_BREAKER))
    }
}

/// The word fields of `scope` with their boosts; `in_text` false leaves the passage out.
fn fields(scope: Scope, in_text: bool) -> Vec<(&'static str, f32)> {
    WORD_FIELDS
        .into_iter()
        .filter(|(field, _)| match scope {
            Scope::All => in_text || *field != WORDS,
            Scope::Text => *field == WORDS,
            Scope::Title => *field == TITLE_WORDS,
            Scope::Heading => *field == HEADING_WORDS,
        })
        .collect()
}

/// One word as a term, several as a phrase at their character offsets (title, heading); in
/// the passage, several words are required as a substring (by grams), scored as words, as
/// locally, where the passage's words have no positions.
fn words_in(field: &str, text: &str, tokens: &[(usize, String)]) -> Value {
    if tokens.len() == 1 {
        return term(field, &tokens[0].1);
    }
    if field != WORDS {
        return json!({ "match_phrase": { field: { "query": phrase_slots(tokens) } } });
    }
    let should: Vec<Value> = tokens.iter().map(|(_, t)| term(field, t)).collect();
    let mut must = Vec::new();
    if let Some(grams) = grams(&unit_runs(text)) {
        must.push(boosted(grams, 0.0));
    }
    json!({ "bool": { "should": should, "must": must } })
}

/// Runs as substrings of the passage: one character as a gram prefix, more as the phrase of
/// their bigrams; all runs required.
fn grams(runs: &[String]) -> Option<Value> {
    let queries: Vec<Value> = runs
        .iter()
        .map(|run| {
            let pairs = bigrams(run);
            match pairs.len() {
                0 => json!({ "prefix": { GRAMS: { "value": run } } }),
                1 => term(GRAMS, &pairs[0]),
                _ => json!({ "match_phrase": { GRAMS: { "query": pairs.join(" ") } } }),
            }
        })
        .collect();
    match queries.len() {
        0 => None,
        1 => queries.into_iter().next(),
        _ => Some(json!({ "bool": { "must": queries } })),
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
    [
        filters.years.map(Filter::Year),
        (!filters.kinds.is_empty()).then(|| Filter::Kind(filters.kinds.clone())),
        (!filters.levels.is_empty()).then(|| Filter::Level(filters.levels.clone())),
        (!filters.regions.is_empty()).then(|| Filter::Region(filters.regions.clone())),
        filters.published.map(Filter::Published),
    ]
    .into_iter()
    .flatten()
    .map(|filter| filter_query(&filter))
    .collect()
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
