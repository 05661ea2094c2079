//! A parsed query turned into a tantivy query.
//!
//! A word matches a passage when jieba found it there as a word (scored by BM25 in the
//! passage, its title and its heading, with the schema's boosts) or when the passage holds it
//! as a substring (the bigram field: grep's recall, scored low, so that a passage
//! where jieba cut the text differently is found but ranks below real word matches). A word of
//! a synonym group also matches its other forms, scored lower than the form typed. A phrase
//! matches its exact character sequence. Filters (`--year`, `--kind`, …) do not change scores.

use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::Term;
use thiserror::Error;

use super::filters::Filters;
use super::parse::{parse_query, Atom, ParseError, ParsedQuery};
use super::segment::segment;
use super::synonyms::synonyms_of;
use super::years::YearFilter;
use crate::schema::IndexSchema;
use crate::text::fold;
use crate::tokenize::{bigrams, unit_runs};

/// Weight of a substring-only match against a jieba word match.
const GRAM_BOOST: f32 = 0.3;
/// Weight of a synonym's match against the form typed.
const SYNONYM_BOOST: f32 = 0.7;
/// How much a match in a second field adds to the best field's score.
const FIELD_TIE_BREAKER: f32 = 0.2;

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
    let builder = Builder {
        schema,
        exact,
        is_word,
    };
    let ParsedQuery { groups, excluded } = parsed;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut highlights = Vec::new();
    let mut proximity = Vec::new();
    let mut typed = Vec::new();
    let mut expanded = false;
    for group in &groups {
        typed.push(
            group
                .iter()
                .flat_map(|atom| unit_runs(atom.text()))
                .collect::<Vec<_>>(),
        );
        expanded |= !exact
            && group
                .iter()
                .any(|atom| matches!(atom, Atom::Word(w) if !synonyms_of(w).is_empty()));
        let atoms: Vec<(Box<dyn Query>, Vec<String>)> =
            group.iter().filter_map(|atom| builder.atom(atom)).collect();
        if atoms.is_empty() {
            continue;
        }
        let strings: Vec<String> = atoms
            .iter()
            .flat_map(|(_, strings)| strings.clone())
            .collect();
        highlights.extend(strings.iter().cloned());
        proximity.push(strings);
        clauses.push((
            Occur::Must,
            any_of(atoms.into_iter().map(|(query, _)| query).collect()),
        ));
    }
    if clauses.is_empty() {
        return Err(error(ParseError::Empty));
    }
    for atom in &excluded {
        if let Some((query, _)) = builder.atom(atom) {
            clauses.push((Occur::MustNot, query));
        }
    }
    for filter in filter_queries(schema, filters) {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    highlights.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    highlights.dedup();
    Ok(BuiltQuery {
        query: Box::new(BooleanQuery::new(clauses)),
        highlights,
        proximity,
        typed: if expanded { typed } else { Vec::new() },
    })
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
    is_word: &'a dyn Fn(&str) -> bool,
}

impl Builder<'_> {
    /// The query of one atom and the folded strings it looks for; None when it holds no
    /// letter, digit or Han character.
    fn atom(&self, atom: &Atom) -> Option<(Box<dyn Query>, Vec<String>)> {
        match atom {
            Atom::Phrase(phrase) => {
                let runs = unit_runs(phrase);
                let grams = self.grams(&runs)?;
                // The exact sequence in the passage, or the phrase as words in its title or heading.
                let mut options = vec![grams];
                options.extend(self.words(phrase, false));
                Some((any_of(options), runs))
            }
            Atom::Word(word) => {
                let typed = self.word(word)?;
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
                    if let Some(query) = self.word(synonym) {
                        options.push(Box::new(BoostQuery::new(query, SYNONYM_BOOST)));
                        strings.push(synonym.clone());
                    }
                }
                Some((any_of(options), strings))
            }
        }
    }

    /// A word: as jieba words in the search fields, or as a substring of the passage; the
    /// better of the two scores (a word match is not counted twice).
    fn word(&self, word: &str) -> Option<Box<dyn Query>> {
        let grams = self.grams(&unit_runs(word))?;
        let mut options: Vec<Box<dyn Query>> = self.words(word, true).into_iter().collect();
        options.push(Box::new(BoostQuery::new(grams, GRAM_BOOST)));
        Some(Box::new(DisjunctionMaxQuery::new(options)))
    }

    /// The words of `text`, cut by the index's vocabulary, in every search field, the best
    /// field counting most; `in_text` false leaves the passage text out (phrases match it by grams).
    fn words(&self, text: &str, in_text: bool) -> Option<Box<dyn Query>> {
        let tokens = segment(text, self.is_word);
        if tokens.is_empty() {
            return None;
        }
        let first = tokens[0].0;
        let per_field: Vec<Box<dyn Query>> = self
            .schema
            .search_fields()
            .into_iter()
            .filter(|(field, _)| in_text || *field != self.schema.fields.text)
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
    let fields = &schema.fields;
    let facet = |field, root: &str, label: &str| -> Box<dyn Query> {
        let term = Term::from_facet(field, &Facet::from_path([root, label]));
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    let any = |queries: Vec<Box<dyn Query>>| (!queries.is_empty()).then(|| any_of(queries));
    let kinds = filters
        .kinds
        .iter()
        .map(|kind| facet(fields.kind, "kind", kind.label()))
        .collect();
    let levels = filters
        .levels
        .iter()
        .map(|level| facet(fields.level, "level", level.label()))
        .collect();
    let regions = filters
        .regions
        .iter()
        .map(|region| facet(fields.region, "region", &fold(region.trim())))
        .collect();
    [
        filters.years.map(|years| year_query(schema, years)),
        any(kinds),
        any(levels),
        any(regions),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn year_query(schema: &IndexSchema, years: YearFilter) -> Box<dyn Query> {
    let fields = &schema.fields;
    let facet = |label: &str| -> Box<dyn Query> {
        let term = Term::from_facet(fields.year, &Facet::from_path(["year", label]));
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    let bound = |year: Option<u16>| match year {
        Some(year) => Bound::Included(Term::from_field_u64(fields.year_value, u64::from(year))),
        None => Bound::Unbounded,
    };
    match years {
        YearFilter::Year(year) => facet(&year.to_string()),
        YearFilter::Unknown => facet("unknown"),
        YearFilter::Range { from, to } => Box::new(RangeQuery::new(bound(from), bound(to))),
    }
}
