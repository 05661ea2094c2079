//! A parsed query ([`super::parse::Query`]) turned into a tantivy query: the one place
//! where the query language meets the index.
//!
//! A word matches a passage when jieba found it there as a word (scored by BM25 in the
//! passage, its title and its heading, with the schema's boosts) or when the passage holds it
//! as a substring (the bigram field: grep's recall, scored low, so that a passage
//! where jieba cut the text differently is found but ranks below real word matches). A word of
//! a synonym group also matches its other forms, scored lower than the form typed. A phrase
//! matches its exact character sequence. `title:`, `heading:` and `text:` keep a word to one
//! field; a prefix (`医共*`) matches the jieba words starting with it; `"a b"~N` requires the
//! words within N characters (see [`super::near`]). With `-w` ([`Filters::whole_words`]) every
//! word, phrase and prefix must also stand as whole jieba words (see [`super::whole`]).
//! Filters (`--year`, `year:`, …) do not change scores.

use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, EnableScoring,
    Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;
use thiserror::Error;

use super::filters::{DateRange, Filters};
use super::near::near_query;
use super::parse::{parse_query, Atom, Filter, ParseError, ParseErrorKind, Query as Parsed, Scope};
use super::segment::segment;
use super::synonyms::synonyms_of;
use super::whole::whole_words_query;
use super::years::YearFilter;
use crate::dates::to_datetime;
use crate::report::{Kind, Level};
use crate::schema::facet::{region_value, year_value};
use crate::schema::{FacetName, IndexSchema};
use crate::tokenize::{bigrams, unit_runs};

/// Weight of a substring-only match against a jieba word match.
const GRAM_BOOST: f32 = 0.3;
/// Weight of a synonym's match against the form typed.
const SYNONYM_BOOST: f32 = 0.7;
/// How much a match in a second field adds to the best field's score.
const FIELD_TIE_BREAKER: f32 = 0.2;
/// The most words a prefix (`医*`) stands for, in each field; the commonest are kept.
pub const MAX_PREFIX_WORDS: usize = 1000;

/// A query the parser rejects, with its reason in words.
#[derive(Debug, Error)]
#[error("cannot parse the query `{query}`: {reason}")]
pub struct QueryError {
    pub query: String,
    pub reason: ParseError,
}

/// A query ready to run, with what its hits should show.
pub struct BuiltQuery {
    pub query: Box<dyn Query>,
    /// Folded strings to highlight in passages (words, phrases, synonyms).
    pub highlights: Vec<String>,
    /// For each required group, the folded strings that satisfy it: passages where one of
    /// each stand close together rank higher.
    pub proximity: Vec<Vec<String>>,
    /// When synonyms were added: for each required group, the forms the user typed. Passages
    /// holding a typed form of every group rank before those found by synonyms only.
    pub typed: Vec<Vec<String>>,
    /// With `-w`: whether a highlight need only start at a word boundary (the query holds a
    /// prefix); None without `-w`, where every occurrence is highlighted.
    pub whole_words: Option<bool>,
}

/// Builds the query for the user's `text` under `filters`; `exact` turns synonyms off;
/// `is_word` tells the words the index holds (see [`super::segment::vocabulary`]).
pub fn build_query(
    schema: &IndexSchema,
    text: &str,
    filters: &Filters,
    exact: bool,
    is_word: &dyn Fn(&str) -> bool,
) -> Result<BuiltQuery, QueryError> {
    let error = |reason| QueryError {
        query: text.to_string(),
        reason,
    };
    let parsed = parse_query(text).map_err(error)?;
    translate(schema, &parsed, filters, exact, is_word).ok_or_else(|| {
        error(ParseError {
            kind: ParseErrorKind::Empty,
            at: 0,
        })
    })
}

/// The tantivy query of a parsed query; None when it holds nothing to look for (only
/// punctuation, say).
pub fn translate(
    schema: &IndexSchema,
    parsed: &Parsed,
    filters: &Filters,
    exact: bool,
    is_word: &dyn Fn(&str) -> bool,
) -> Option<BuiltQuery> {
    let builder = Builder {
        schema,
        exact,
        whole_words: filters.whole_words,
        is_word,
    };
    // The top level's operands are the required groups (for proximity and typed forms).
    let operands: Vec<&Parsed> = match parsed {
        Parsed::And(parts) => parts.iter().collect(),
        other => vec![other],
    };
    let mut clauses = Vec::new();
    let mut highlights = Vec::new();
    let mut proximity = Vec::new();
    let mut typed = Vec::new();
    let mut has_words = false;
    for operand in &operands {
        if matches!(operand, Parsed::Not(_) | Parsed::Filter(_)) {
            continue;
        }
        typed.push(typed_forms(operand));
        if let Some(part) = builder.part(operand) {
            has_words |= part.words;
            highlights.extend(part.strings.iter().cloned());
            proximity.push(part.strings);
            clauses.push((Occur::Must, part.query));
        }
    }
    if !has_words {
        return None;
    }
    for operand in &operands {
        if let Parsed::Not(inner) = operand {
            if let Some(part) = builder.part(inner) {
                clauses.push((Occur::MustNot, part.query));
            }
        }
    }
    for operand in &operands {
        if let Parsed::Filter(filter) = operand {
            clauses.push((Occur::Must, score_free(filter_query(schema, filter))));
        }
    }
    for filter in filter_queries(schema, filters) {
        clauses.push((Occur::Must, score_free(filter)));
    }
    let expanded = !exact && has_synonyms(parsed);
    highlights.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    highlights.dedup();
    Some(BuiltQuery {
        query: Box::new(BooleanQuery::new(clauses)),
        highlights,
        proximity,
        typed: if expanded { typed } else { Vec::new() },
        whole_words: filters.whole_words.then(|| has_prefix(parsed)),
    })
}

fn score_free(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// The forms the user typed under a query (not negated), as folded runs.
fn typed_forms(query: &Parsed) -> Vec<String> {
    match query {
        Parsed::And(parts) | Parsed::Or(parts) => parts.iter().flat_map(typed_forms).collect(),
        Parsed::Match { atom, .. } => unit_runs(atom.text()),
        Parsed::Near { words, .. } => words.iter().flat_map(|w| unit_runs(w)).collect(),
        Parsed::Not(_) | Parsed::Filter(_) => Vec::new(),
    }
}

/// Whether a prefix (`医共*`) is looked for (not negated).
fn has_prefix(query: &Parsed) -> bool {
    match query {
        Parsed::And(parts) | Parsed::Or(parts) => parts.iter().any(has_prefix),
        Parsed::Match {
            atom: Atom::Prefix(_),
            ..
        } => true,
        _ => false,
    }
}

/// Whether a word that is looked for (not negated) has synonyms.
fn has_synonyms(query: &Parsed) -> bool {
    match query {
        Parsed::And(parts) | Parsed::Or(parts) => parts.iter().any(has_synonyms),
        Parsed::Match {
            atom: Atom::Word(word),
            ..
        } => !synonyms_of(word).is_empty(),
        _ => false,
    }
}

/// One node of the tree, translated: its query, the strings it looks for (to highlight),
/// and whether it looks for words at all (a filter alone does not).
struct Part {
    query: Box<dyn Query>,
    strings: Vec<String>,
    words: bool,
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

struct Builder<'a> {
    schema: &'a IndexSchema,
    exact: bool,
    /// `-w`: occurrences count only as whole jieba words.
    whole_words: bool,
    is_word: &'a dyn Fn(&str) -> bool,
}

impl Builder<'_> {
    /// The query of a node; None when it holds no letter, digit or Han character.
    fn part(&self, query: &Parsed) -> Option<Part> {
        match query {
            Parsed::Match { scope, atom } => {
                let (query, strings) = self.atom(atom, *scope)?;
                Some(Part {
                    query,
                    strings,
                    words: true,
                })
            }
            Parsed::Near { words, distance } => {
                let runs: Vec<String> = words.iter().flat_map(|w| unit_runs(w)).collect();
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for run in &runs {
                    clauses.push((Occur::Must, self.word(run, Scope::Text)?));
                }
                if runs.len() > 1 {
                    let near = near_query(self.schema.fields.grams, &runs, *distance);
                    clauses.push((Occur::Must, score_free(Box::new(near))));
                }
                Some(Part {
                    query: Box::new(BooleanQuery::new(clauses)),
                    strings: runs,
                    words: true,
                })
            }
            Parsed::Filter(filter) => Some(Part {
                query: score_free(filter_query(self.schema, filter)),
                strings: Vec::new(),
                words: false,
            }),
            Parsed::Not(inner) => {
                // The parser keeps a negation inside an AND; alone it means "all but".
                let inner = self.part(inner)?;
                Some(Part {
                    query: Box::new(BooleanQuery::new(vec![
                        (
                            Occur::Must,
                            Box::new(tantivy::query::AllQuery) as Box<dyn Query>,
                        ),
                        (Occur::MustNot, inner.query),
                    ])),
                    strings: Vec::new(),
                    words: false,
                })
            }
            Parsed::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let mut negated = Vec::new();
                let mut filtered = Vec::new();
                let mut strings = Vec::new();
                let mut words = false;
                for part in parts {
                    match part {
                        Parsed::Not(inner) => negated.extend(self.part(inner)),
                        Parsed::Filter(_) => filtered.extend(self.part(part)),
                        _ => {
                            if let Some(part) = self.part(part) {
                                words |= part.words;
                                strings.extend(part.strings);
                                clauses.push((Occur::Must, part.query));
                            }
                        }
                    }
                }
                if !words {
                    return None;
                }
                clauses.extend(negated.into_iter().map(|p| (Occur::MustNot, p.query)));
                clauses.extend(filtered.into_iter().map(|p| (Occur::Must, p.query)));
                Some(Part {
                    query: Box::new(BooleanQuery::new(clauses)),
                    strings,
                    words,
                })
            }
            Parsed::Or(parts) => {
                let parts: Vec<Part> = parts.iter().filter_map(|p| self.part(p)).collect();
                if parts.is_empty() {
                    return None;
                }
                let words = parts.iter().any(|p| p.words);
                let strings = parts.iter().flat_map(|p| p.strings.clone()).collect();
                Some(Part {
                    query: any_of(parts.into_iter().map(|p| p.query).collect()),
                    strings,
                    words,
                })
            }
        }
    }

    /// The query of one atom in `scope` and the folded strings it looks for; None when it
    /// holds no letter, digit or Han character.
    fn atom(&self, atom: &Atom, scope: Scope) -> Option<(Box<dyn Query>, Vec<String>)> {
        match atom {
            Atom::Phrase(phrase) => {
                let runs = unit_runs(phrase);
                let query = match scope {
                    // The exact sequence in the passage, or the phrase as words in its title or heading.
                    Scope::All => {
                        let mut options = vec![self.grams(&runs)?];
                        options.extend(self.words_scoped(phrase, Scope::All, false));
                        any_of(options)
                    }
                    Scope::Text => self.grams(&runs)?,
                    Scope::Title | Scope::Heading => self.words_scoped(phrase, scope, true)?,
                };
                Some((self.whole(query, &runs, scope, false), runs))
            }
            Atom::Word(word) => {
                let typed = self.word(word, scope)?;
                let mut strings = unit_runs(word);
                let synonyms = if self.exact {
                    Vec::new()
                } else {
                    synonyms_of(word)
                };
                if synonyms.is_empty() {
                    return Some((typed, strings));
                }
                let mut options = vec![typed];
                for synonym in &synonyms {
                    if let Some(query) = self.word(synonym, scope) {
                        options.push(Box::new(BoostQuery::new(query, SYNONYM_BOOST)));
                        strings.push(synonym.clone());
                    }
                }
                Some((any_of(options), strings))
            }
            Atom::Prefix(prefix) => {
                let folded = unit_runs(prefix).concat();
                if folded.is_empty() {
                    return None;
                }
                let per_field: Vec<Box<dyn Query>> = self
                    .fields(scope, true)
                    .into_iter()
                    .map(|(field, boost)| -> Box<dyn Query> {
                        Box::new(BoostQuery::new(
                            Box::new(PrefixWords {
                                field,
                                prefix: folded.clone(),
                            }),
                            boost,
                        ))
                    })
                    .collect();
                let query = Box::new(DisjunctionMaxQuery::with_tie_breaker(
                    per_field,
                    FIELD_TIE_BREAKER,
                ));
                let runs = vec![folded];
                Some((self.whole(query, &runs, scope, true), runs))
            }
        }
    }

    /// The search fields of `scope` with their boosts; `in_text` false leaves the passage
    /// text out.
    fn fields(&self, scope: Scope, in_text: bool) -> Vec<(Field, f32)> {
        let fields = &self.schema.fields;
        self.schema
            .search_fields()
            .into_iter()
            .filter(|(field, _)| match scope {
                Scope::All => in_text || *field != fields.text,
                Scope::Text => *field == fields.text,
                Scope::Title => *field == fields.title,
                Scope::Heading => *field == fields.heading,
            })
            .collect()
    }

    /// A word: as jieba words in the search fields of `scope`, or as a substring of the
    /// passage (when the scope holds the passage); the better of the two scores (a word
    /// match is not counted twice).
    fn word(&self, word: &str, scope: Scope) -> Option<Box<dyn Query>> {
        let mut options: Vec<Box<dyn Query>> = Vec::new();
        if matches!(scope, Scope::All | Scope::Text) {
            let grams = self.grams(&unit_runs(word))?;
            options.extend(self.words_scoped(word, scope, true));
            options.push(Box::new(BoostQuery::new(grams, GRAM_BOOST)));
        } else {
            options.extend(self.words_scoped(word, scope, true));
        }
        if options.is_empty() {
            return None;
        }
        let query = Box::new(DisjunctionMaxQuery::new(options));
        Some(self.whole(query, &unit_runs(word), scope, false))
    }

    /// `query`, with `-w` required to hold `runs` as whole words in a field of `scope` (only
    /// their start with `open_end`, for a prefix); as is without `-w`.
    fn whole(
        &self,
        query: Box<dyn Query>,
        runs: &[String],
        scope: Scope,
        open_end: bool,
    ) -> Box<dyn Query> {
        if !self.whole_words {
            return query;
        }
        let fields = self
            .fields(scope, true)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        let condition = whole_words_query(fields, runs.to_vec(), open_end);
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, score_free(Box::new(condition))),
        ]))
    }

    /// The words of `text`, cut by the index's vocabulary, in the search fields of `scope`,
    /// the best field counting most; `in_text` false leaves the passage text out (phrases
    /// match it by grams).
    fn words_scoped(&self, text: &str, scope: Scope, in_text: bool) -> Option<Box<dyn Query>> {
        let tokens = segment(text, self.is_word);
        if tokens.is_empty() {
            return None;
        }
        let first = tokens[0].0;
        let per_field: Vec<Box<dyn Query>> = self
            .fields(scope, in_text)
            .into_iter()
            .map(|(field, boost)| -> Box<dyn Query> {
                Box::new(BoostQuery::new(
                    self.words_in(field, text, &tokens, first),
                    boost,
                ))
            })
            .collect();
        if per_field.is_empty() {
            return None;
        }
        Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
            per_field,
            FIELD_TIE_BREAKER,
        )))
    }

    /// One word as a term, several as a phrase at their character offsets. In a field without
    /// positions, several words are required as `text` (by its bigrams) in the passage and
    /// scored as words.
    fn words_in(
        &self,
        field: Field,
        text: &str,
        tokens: &[(usize, String)],
        first: usize,
    ) -> Box<dyn Query> {
        if tokens.len() == 1 {
            return term(field, &tokens[0].1);
        }
        if has_positions(self.schema, field) {
            return Box::new(PhraseQuery::new_with_offset(
                tokens
                    .iter()
                    .map(|(position, text)| (position - first, Term::from_field_text(field, text)))
                    .collect(),
            ));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = tokens
            .iter()
            .map(|(_, text)| (Occur::Should, term(field, text)))
            .collect();
        if let Some(grams) = self.grams(&unit_runs(text)) {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(grams, 0.0))));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Runs of letters, digits and Han characters as substrings of the passage: a run of one
    /// character as the prefix of a gram, a longer one as the phrase of its bigrams. All runs
    /// required.
    fn grams(&self, runs: &[String]) -> Option<Box<dyn Query>> {
        let fields = &self.schema.fields;
        let queries: Vec<Box<dyn Query>> = runs
            .iter()
            .map(|run| -> Box<dyn Query> {
                let pairs = bigrams(run);
                match pairs.len() {
                    0 => prefix(fields.grams, run),
                    1 => term(fields.grams, &pairs[0]),
                    _ => Box::new(PhraseQuery::new_with_offset(
                        pairs
                            .iter()
                            .enumerate()
                            .map(|(at, pair)| (at, Term::from_field_text(fields.grams, pair)))
                            .collect(),
                    )),
                }
            })
            .collect();
        match queries.len() {
            0 => None,
            1 => queries.into_iter().next(),
            _ => Some(Box::new(BooleanQuery::new(
                queries.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))),
        }
    }
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The terms of `field` starting with `text`, all of them.
fn prefix(field: Field, text: &str) -> Box<dyn Query> {
    let mut query = PhrasePrefixQuery::new(vec![Term::from_field_text(field, text)]);
    query.set_max_expansions(u32::MAX);
    Box::new(query)
}

/// Whether `field` records positions, so that phrases can be looked up in it.
fn has_positions(schema: &IndexSchema, field: Field) -> bool {
    schema
        .schema
        .get_field_entry(field)
        .field_type()
        .get_index_record_option()
        .is_some_and(|option| option.has_positions())
}

/// One query per filter given; each keeps the reports matching any of its values.
pub(super) fn filter_queries(schema: &IndexSchema, filters: &Filters) -> Vec<Box<dyn Query>> {
    [
        filters.years.map(Filter::Year),
        (!filters.kinds.is_empty()).then(|| Filter::Kind(filters.kinds.clone())),
        (!filters.levels.is_empty()).then(|| Filter::Level(filters.levels.clone())),
        (!filters.regions.is_empty()).then(|| Filter::Region(filters.regions.clone())),
        filters.published.map(Filter::Published),
    ]
    .into_iter()
    .flatten()
    .map(|filter| filter_query(schema, &filter))
    .collect()
}

/// The query of one filter: the reports matching any of its values.
fn filter_query(schema: &IndexSchema, filter: &Filter) -> Box<dyn Query> {
    let fields = &schema.fields;
    let facet = |field, name: FacetName, value: &str| -> Box<dyn Query> {
        let term = Term::from_facet(field, &name.facet(value));
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    let any = |queries: Vec<Box<dyn Query>>| -> Box<dyn Query> {
        if queries.is_empty() {
            Box::new(EmptyQuery)
        } else {
            any_of(queries)
        }
    };
    match filter {
        Filter::Year(years) => year_query(schema, *years),
        Filter::Kind(kinds) => any(kinds
            .iter()
            .map(|kind: &Kind| facet(fields.kind, FacetName::Kind, kind.label()))
            .collect()),
        Filter::Level(levels) => any(levels
            .iter()
            .map(|level: &Level| facet(fields.level, FacetName::Level, level.label()))
            .collect()),
        Filter::Region(regions) => any(regions
            .iter()
            .map(|region| {
                let value = region_value(Some(region));
                facet(fields.region, FacetName::Region, &value)
            })
            .collect()),
        Filter::Published(range) => published_query(schema, *range),
    }
}

fn published_query(schema: &IndexSchema, range: DateRange) -> Box<dyn Query> {
    let field = schema.fields.published;
    let bound = |date: Option<crate::report::Date>| match date {
        Some(date) => Bound::Included(Term::from_field_date(field, to_datetime(date))),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(range.from), bound(range.to)))
}

fn year_query(schema: &IndexSchema, years: YearFilter) -> Box<dyn Query> {
    let fields = &schema.fields;
    let facet = |year: Option<u16>| -> Box<dyn Query> {
        let value = year_value(year);
        let term = Term::from_facet(fields.year, &FacetName::Year.facet(&value));
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    let bound = |year: Option<u16>| match year {
        Some(year) => Bound::Included(Term::from_field_u64(fields.year_value, u64::from(year))),
        None => Bound::Unbounded,
    };
    match years {
        YearFilter::Year(year) => facet(Some(year)),
        YearFilter::Unknown => facet(None),
        YearFilter::Range { from, to } => Box::new(RangeQuery::new(bound(from), bound(to))),
    }
}

/// The jieba words of `field` starting with `prefix` (folded), each a term scored by BM25;
/// expanded when the query is run, from the searcher's term dictionaries.
#[derive(Debug, Clone)]
struct PrefixWords {
    field: Field,
    prefix: String,
}

impl PrefixWords {
    /// The words, commonest first, at most [`MAX_PREFIX_WORDS`].
    fn words(&self, searcher: &tantivy::Searcher) -> tantivy::Result<Vec<String>> {
        let mut upper = self.prefix.as_bytes().to_vec();
        if let Some(last) = upper.last_mut() {
            // UTF-8 never holds 0xFF: every string starting with `prefix` is below `upper`.
            *last = last.saturating_add(1);
        }
        let mut found: std::collections::BTreeMap<String, u64> = Default::default();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(self.prefix.as_bytes())
                .lt(&upper)
                .into_stream()?;
            while stream.advance() {
                let word = String::from_utf8_lossy(stream.key()).into_owned();
                *found.entry(word).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        let mut words: Vec<(String, u64)> = found.into_iter().collect();
        words.sort_by(|(a, a_freq), (b, b_freq)| b_freq.cmp(a_freq).then_with(|| a.cmp(b)));
        words.truncate(MAX_PREFIX_WORDS);
        Ok(words.into_iter().map(|(word, _)| word).collect())
    }
}

impl Query for PrefixWords {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let words = match scoring.searcher() {
            Some(searcher) => self.words(searcher)?,
            // Every search here runs with a searcher; without one there is no vocabulary.
            None => Vec::new(),
        };
        if words.is_empty() {
            return EmptyQuery.weight(scoring);
        }
        let terms = words
            .iter()
            .map(|word| (Occur::Should, term(self.field, word)))
            .collect();
        BooleanQuery::new(terms).weight(scoring)
    }
}
