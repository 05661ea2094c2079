//! A parsed query ([`super::parse::Query`]) turned into a tantivy query: the one place
//! where the query language meets the local index. What each piece of the language matches
//! is decided by the walk of [`super::translate`], shared with the cluster's query DSL; here
//! are the tantivy queries it is written in, and what a local search needs beside them
//! (highlights, proximity groups, forms typed).
//!
//! A prefix (`医共*`) matches the jieba words starting with it ([`PrefixWords`]); `"a b"~N`
//! requires the words within N characters (see [`super::near`]). With `-w`
//! ([`Filters::whole_words`]) every word, phrase and prefix must also stand as whole jieba
//! words (see [`super::whole`]).

use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery,
    EnableScoring, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;
use thiserror::Error;

use super::filters::{DateRange, Filters};
use super::near::near_query;
use super::parse::{parse_query, Atom, Filter, ParseError, ParseErrorKind, Query as Parsed, Scope};
use super::synonyms::synonyms_of;
use super::translate::{operands, Clauses, Target, Walk};
use super::whole::whole_words_query;
use super::years::YearFilter;
use crate::dates::to_datetime;
use crate::report::{Kind, Level};
use crate::schema::facet::{region_value, year_value};
use crate::schema::{FacetName, IndexSchema};
use crate::tokenize::unit_runs;

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
    let walk = Walk {
        target: &Tantivy { schema },
        exact,
        whole_words: filters.whole_words,
        is_word,
    };
    let translated = walk.translate(parsed, filters)?;
    let mut clauses = Vec::new();
    let mut highlights = Vec::new();
    let mut proximity = Vec::new();
    for part in translated.required {
        highlights.extend(part.strings.iter().cloned());
        proximity.push(part.strings);
        clauses.push((Occur::Must, part.query));
    }
    clauses.extend(translated.excluded.into_iter().map(|q| (Occur::MustNot, q)));
    clauses.extend(
        translated
            .filters
            .into_iter()
            .map(|q| (Occur::Must, score_free(q))),
    );
    // The forms typed of each required group (the top level's operands).
    let typed = operands(parsed)
        .into_iter()
        .filter(|operand| !matches!(operand, Parsed::Not(_) | Parsed::Filter(_)))
        .map(typed_forms)
        .collect();
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

/// The local index as a [`Target`]: tantivy queries over the schema's fields.
struct Tantivy<'a> {
    schema: &'a IndexSchema,
}

impl Target for Tantivy<'_> {
    type Query = Box<dyn Query>;
    type Field = Field;

    fn word_fields(&self) -> Vec<(Field, f32, Scope)> {
        let fields = &self.schema.fields;
        self.schema
            .search_fields()
            .into_iter()
            .map(|(field, boost)| {
                let scope = match field {
                    field if field == fields.text => Scope::Text,
                    field if field == fields.title => Scope::Title,
                    field if field == fields.heading => Scope::Heading,
                    _ => Scope::All,
                };
                (field, boost, scope)
            })
            .collect()
    }

    fn grams_field(&self) -> Field {
        self.schema.fields.grams
    }

    fn term(&self, field: Field, text: &str) -> Box<dyn Query> {
        term(field, text)
    }

    fn phrase(&self, field: Field, tokens: &[(usize, String)]) -> Option<Box<dyn Query>> {
        if !has_positions(self.schema, field) {
            return None;
        }
        let first = tokens.first()?.0;
        Some(Box::new(PhraseQuery::new_with_offset(
            tokens
                .iter()
                .map(|(position, text)| (position - first, Term::from_field_text(field, text)))
                .collect(),
        )))
    }

    fn gram_prefix(&self, run: &str) -> Box<dyn Query> {
        prefix(self.schema.fields.grams, run)
    }

    fn gram_phrase(&self, pairs: &[String]) -> Box<dyn Query> {
        let field = self.schema.fields.grams;
        Box::new(PhraseQuery::new_with_offset(
            pairs
                .iter()
                .enumerate()
                .map(|(at, pair)| (at, Term::from_field_text(field, pair)))
                .collect(),
        ))
    }

    fn prefix_words(&self, field: Field, prefix: &str, boost: f32) -> Box<dyn Query> {
        let words = PrefixWords {
            field,
            prefix: prefix.to_string(),
        };
        Box::new(BoostQuery::new(Box::new(words), boost))
    }

    fn near(&self, runs: &[String], distance: u32) -> Box<dyn Query> {
        Box::new(near_query(self.schema.fields.grams, runs, distance))
    }

    fn filter(&self, filter: &Filter) -> Box<dyn Query> {
        filter_query(self.schema, filter)
    }

    fn all_of(&self, clauses: Clauses<Box<dyn Query>>) -> Box<dyn Query> {
        let Clauses {
            should,
            must,
            must_not,
            filter,
        } = clauses;
        let mut all: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        all.extend(should.into_iter().map(|q| (Occur::Should, q)));
        all.extend(must.into_iter().map(|q| (Occur::Must, q)));
        all.extend(must_not.into_iter().map(|q| (Occur::MustNot, q)));
        all.extend(filter.into_iter().map(|q| (Occur::Must, score_free(q))));
        Box::new(BooleanQuery::new(all))
    }

    fn any_of(&self, queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        any_of(queries)
    }

    fn all_but(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::MustNot, query),
        ]))
    }

    fn dis_max(&self, queries: Vec<Box<dyn Query>>, tie_breaker: f32) -> Box<dyn Query> {
        Box::new(DisjunctionMaxQuery::with_tie_breaker(queries, tie_breaker))
    }

    fn boost(&self, query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
        Box::new(BoostQuery::new(query, boost))
    }

    fn score_free(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        score_free(query)
    }

    fn whole(
        &self,
        query: Box<dyn Query>,
        fields: Vec<Field>,
        runs: &[String],
        open_end: bool,
    ) -> Box<dyn Query> {
        let condition = whole_words_query(fields, runs.to_vec(), open_end);
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, score_free(Box::new(condition))),
        ]))
    }
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
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
    filters
        .each()
        .iter()
        .map(|filter| filter_query(schema, filter))
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
