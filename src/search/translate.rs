//! The one walk of a parsed query ([`super::parse::Query`]) into the query of an index: the
//! local tantivy index ([`super::query`]) or a cluster's query DSL (`remote/dsl.rs`). What a
//! word, a phrase, a prefix, `"a b"~N`, a scope or a filter matches is decided here, once;
//! a [`Target`] only says how its index writes a term, a phrase, a boolean and a boost.
//!
//! A word matches where jieba found it as a word (in the passage, its title and its heading,
//! the best field counting most) or as a substring of the passage (its grams, scored low); a
//! synonym matches too, scored lower than the form typed. A phrase is the exact sequence of
//! its grams, or its words in a title or heading. Filters do not change scores.

use super::filters::Filters;
use super::parse::{Atom, Filter, Query as Parsed, Scope};
use super::segment::segment;
use super::synonyms::synonyms_of;
use crate::tokenize::{bigrams, unit_runs};

/// Weight of a substring-only match against a jieba word match.
const GRAM_BOOST: f32 = 0.3;
/// Weight of a synonym's match against the form typed.
const SYNONYM_BOOST: f32 = 0.7;
/// How much a match in a second field adds to the best field's score.
const FIELD_TIE_BREAKER: f32 = 0.2;

/// The clauses of a boolean query, in the order a target writes them.
pub struct Clauses<Q> {
    /// Optional once a clause is required; otherwise one of them is.
    pub should: Vec<Q>,
    /// Required, scored.
    pub must: Vec<Q>,
    /// Excluded.
    pub must_not: Vec<Q>,
    /// Required, without score.
    pub filter: Vec<Q>,
}

impl<Q> Default for Clauses<Q> {
    fn default() -> Self {
        Clauses {
            should: Vec::new(),
            must: Vec::new(),
            must_not: Vec::new(),
            filter: Vec::new(),
        }
    }
}

/// An index's way of writing the pieces of a query.
pub trait Target {
    /// A query of this index.
    type Query;
    /// A field of this index.
    type Field: Copy + PartialEq;

    /// The fields of jieba words with their boosts, each with the scope that names it
    /// (`Text` for the passage, `Title`, `Heading`).
    fn word_fields(&self) -> Vec<(Self::Field, f32, Scope)>;
    /// The field of the passage's grams (its bigrams, folded).
    fn grams_field(&self) -> Self::Field;
    /// One term of `field`.
    fn term(&self, field: Self::Field, text: &str) -> Self::Query;
    /// Several words of `field` at their positions (`tokens` are (position, word)); None
    /// when the field keeps no positions.
    fn phrase(&self, field: Self::Field, tokens: &[(usize, String)]) -> Option<Self::Query>;
    /// A gram starting with the one character `run`.
    fn gram_prefix(&self, run: &str) -> Self::Query;
    /// The bigrams `pairs` one after the other: their text as a substring.
    fn gram_phrase(&self, pairs: &[String]) -> Self::Query;
    /// The words of `field` starting with `prefix`, weighted by `boost`.
    fn prefix_words(&self, field: Self::Field, prefix: &str, boost: f32) -> Self::Query;
    /// Every run of `runs`, in any order, with at most `distance` characters between them.
    fn near(&self, runs: &[String], distance: u32) -> Self::Query;
    /// The reports one filter keeps.
    fn filter(&self, filter: &Filter) -> Self::Query;
    /// A boolean query of `clauses`.
    fn all_of(&self, clauses: Clauses<Self::Query>) -> Self::Query;
    /// Any of `queries` (the query itself when there is one).
    fn any_of(&self, queries: Vec<Self::Query>) -> Self::Query;
    /// Every passage but those `query` matches.
    fn all_but(&self, query: Self::Query) -> Self::Query;
    /// The best of `queries`, plus `tie_breaker` times the others.
    fn dis_max(&self, queries: Vec<Self::Query>, tie_breaker: f32) -> Self::Query;
    /// `query` with its score weighted by `boost`.
    fn boost(&self, query: Self::Query, boost: f32) -> Self::Query;
    /// `query` that adds nothing to the score.
    fn score_free(&self, query: Self::Query) -> Self::Query;
    /// `query`, with `-w` required to hold `runs` as whole words in one of `fields` (only
    /// their start with `open_end`, for a prefix).
    fn whole(
        &self,
        query: Self::Query,
        fields: Vec<Self::Field>,
        runs: &[String],
        open_end: bool,
    ) -> Self::Query;
}

/// One node of the tree, translated: its query, the folded strings it looks for (to
/// highlight), and whether it looks for words at all (a filter alone does not).
pub struct Part<Q> {
    /// The node's query.
    pub query: Q,
    /// The folded strings it looks for (words, phrases, synonyms).
    pub strings: Vec<String>,
    /// Whether it looks for words (not only filters).
    pub words: bool,
}

/// A whole query, translated: the groups required at the top level (the operands of its
/// AND), those excluded, and the filters (of the query, then of the options).
pub struct Translated<Q> {
    /// The groups required, each with what it looks for.
    pub required: Vec<Part<Q>>,
    /// The groups excluded (`-word`, `NOT`).
    pub excluded: Vec<Q>,
    /// The filters, none of them scored.
    pub filters: Vec<Q>,
}

/// Walks a parsed query into the queries of a [`Target`].
pub struct Walk<'a, T> {
    /// The index the queries are written for.
    pub target: &'a T,
    /// No synonyms.
    pub exact: bool,
    /// `-w`: occurrences count only as whole jieba words.
    pub whole_words: bool,
    /// Whether the index holds a word (see [`super::segment::vocabulary`]).
    pub is_word: &'a dyn Fn(&str) -> bool,
}

impl<T: Target> Walk<'_, T> {
    /// The query under `filters`; None when it holds nothing to look for (only punctuation,
    /// say).
    pub fn translate(&self, parsed: &Parsed, filters: &Filters) -> Option<Translated<T::Query>> {
        let mut translated = Translated {
            required: Vec::new(),
            excluded: Vec::new(),
            filters: Vec::new(),
        };
        let mut has_words = false;
        for operand in operands(parsed) {
            match operand {
                Parsed::Not(inner) => translated
                    .excluded
                    .extend(self.part(inner).map(|p| p.query)),
                Parsed::Filter(filter) => translated.filters.push(self.target.filter(filter)),
                _ => {
                    if let Some(part) = self.part(operand) {
                        has_words |= part.words;
                        translated.required.push(part);
                    }
                }
            }
        }
        if !has_words {
            return None;
        }
        let given = filters.each().into_iter();
        translated
            .filters
            .extend(given.map(|filter| self.target.filter(&filter)));
        Some(translated)
    }

    /// The query of a node; None when it holds no letter, digit or Han character.
    fn part(&self, query: &Parsed) -> Option<Part<T::Query>> {
        let target = self.target;
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
                let mut clauses = Clauses::default();
                for run in &runs {
                    clauses.must.push(self.word(run, Scope::Text)?);
                }
                if runs.len() > 1 {
                    let near = target.near(&runs, *distance);
                    clauses.must.push(target.score_free(near));
                }
                Some(Part {
                    query: target.all_of(clauses),
                    strings: runs,
                    words: true,
                })
            }
            Parsed::Filter(filter) => Some(Part {
                query: target.all_of(Clauses {
                    filter: vec![target.filter(filter)],
                    ..Clauses::default()
                }),
                strings: Vec::new(),
                words: false,
            }),
            // The parser keeps a negation inside an AND; alone it means "all but".
            Parsed::Not(inner) => Some(Part {
                query: target.all_but(self.part(inner)?.query),
                strings: Vec::new(),
                words: false,
            }),
            Parsed::And(parts) => {
                let mut clauses = Clauses::default();
                let mut strings = Vec::new();
                let mut words = false;
                for part in parts {
                    match part {
                        Parsed::Not(inner) => {
                            clauses.must_not.extend(self.part(inner).map(|p| p.query))
                        }
                        Parsed::Filter(filter) => clauses.filter.push(target.filter(filter)),
                        _ => {
                            if let Some(part) = self.part(part) {
                                words |= part.words;
                                strings.extend(part.strings);
                                clauses.must.push(part.query);
                            }
                        }
                    }
                }
                if !words {
                    return None;
                }
                Some(Part {
                    query: target.all_of(clauses),
                    strings,
                    words,
                })
            }
            Parsed::Or(parts) => {
                let parts: Vec<Part<T::Query>> =
                    parts.iter().filter_map(|p| self.part(p)).collect();
                if parts.is_empty() {
                    return None;
                }
                let words = parts.iter().any(|p| p.words);
                let strings = parts.iter().flat_map(|p| p.strings.clone()).collect();
                Some(Part {
                    query: target.any_of(parts.into_iter().map(|p| p.query).collect()),
                    strings,
                    words,
                })
            }
        }
    }

    /// The query of one atom in `scope` and the folded strings it looks for; None when it
    /// holds no letter, digit or Han character.
    fn atom(&self, atom: &Atom, scope: Scope) -> Option<(T::Query, Vec<String>)> {
        let target = self.target;
        match atom {
            Atom::Phrase(phrase) => {
                let runs = unit_runs(phrase);
                let query = match scope {
                    // The exact sequence in the passage, or the phrase as words in its title or heading.
                    Scope::All => {
                        let mut options = vec![self.grams(&runs)?];
                        options.extend(self.words_scoped(phrase, Scope::All, false));
                        target.any_of(options)
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
                        options.push(target.boost(query, SYNONYM_BOOST));
                        strings.push(synonym.clone());
                    }
                }
                Some((target.any_of(options), strings))
            }
            Atom::Prefix(prefix) => {
                let folded = unit_runs(prefix).concat();
                if folded.is_empty() {
                    return None;
                }
                let per_field = self
                    .fields(scope, true)
                    .into_iter()
                    .map(|(field, boost)| target.prefix_words(field, &folded, boost))
                    .collect();
                let query = target.dis_max(per_field, FIELD_TIE_BREAKER);
                let runs = vec![folded];
                Some((self.whole(query, &runs, scope, true), runs))
            }
        }
    }

    /// The word fields of `scope` with their boosts; `in_text` false leaves the passage out.
    fn fields(&self, scope: Scope, in_text: bool) -> Vec<(T::Field, f32)> {
        self.target
            .word_fields()
            .into_iter()
            .filter(|(_, _, named)| match scope {
                Scope::All => in_text || *named != Scope::Text,
                _ => *named == scope,
            })
            .map(|(field, boost, _)| (field, boost))
            .collect()
    }

    /// A word: as jieba words in the fields of `scope`, or as a substring of the passage
    /// (when the scope holds the passage); the better of the two scores (a word match is not
    /// counted twice).
    fn word(&self, word: &str, scope: Scope) -> Option<T::Query> {
        let mut options = Vec::new();
        if matches!(scope, Scope::All | Scope::Text) {
            let grams = self.grams(&unit_runs(word))?;
            options.extend(self.words_scoped(word, scope, true));
            options.push(self.target.boost(grams, GRAM_BOOST));
        } else {
            options.extend(self.words_scoped(word, scope, true));
        }
        if options.is_empty() {
            return None;
        }
        let query = self.target.dis_max(options, 0.0);
        Some(self.whole(query, &unit_runs(word), scope, false))
    }

    /// `query`, with `-w` required to hold `runs` as whole words in a field of `scope`; as is
    /// without `-w`.
    fn whole(&self, query: T::Query, runs: &[String], scope: Scope, open_end: bool) -> T::Query {
        if !self.whole_words {
            return query;
        }
        let fields = self
            .fields(scope, true)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        self.target.whole(query, fields, runs, open_end)
    }

    /// The words of `text`, cut by the index's vocabulary, in the fields of `scope`, the best
    /// field counting most; `in_text` false leaves the passage out (phrases match it by grams).
    fn words_scoped(&self, text: &str, scope: Scope, in_text: bool) -> Option<T::Query> {
        let tokens = segment(text, self.is_word);
        if tokens.is_empty() {
            return None;
        }
        let per_field: Vec<T::Query> = self
            .fields(scope, in_text)
            .into_iter()
            .map(|(field, boost)| {
                self.target
                    .boost(self.words_in(field, text, &tokens), boost)
            })
            .collect();
        if per_field.is_empty() {
            return None;
        }
        Some(self.target.dis_max(per_field, FIELD_TIE_BREAKER))
    }

    /// One word as a term, several as a phrase at their character offsets. In a field without
    /// positions (the passage's words), several words are required as `text` (by its grams)
    /// and scored as words.
    fn words_in(&self, field: T::Field, text: &str, tokens: &[(usize, String)]) -> T::Query {
        let target = self.target;
        if tokens.len() == 1 {
            return target.term(field, &tokens[0].1);
        }
        if let Some(phrase) = target.phrase(field, tokens) {
            return phrase;
        }
        let mut clauses = Clauses {
            should: tokens.iter().map(|(_, t)| target.term(field, t)).collect(),
            ..Clauses::default()
        };
        if let Some(grams) = self.grams(&unit_runs(text)) {
            clauses.must.push(target.boost(grams, 0.0));
        }
        target.all_of(clauses)
    }

    /// Runs of letters, digits and Han characters as substrings of the passage: a run of one
    /// character as the prefix of a gram, a longer one as the phrase of its bigrams. All runs
    /// required.
    fn grams(&self, runs: &[String]) -> Option<T::Query> {
        let target = self.target;
        let mut queries: Vec<T::Query> = runs
            .iter()
            .map(|run| {
                let pairs = bigrams(run);
                match pairs.len() {
                    0 => target.gram_prefix(run),
                    1 => target.term(target.grams_field(), &pairs[0]),
                    _ => target.gram_phrase(&pairs),
                }
            })
            .collect();
        match queries.len() {
            0 => None,
            1 => queries.pop(),
            _ => Some(target.all_of(Clauses {
                must: queries,
                ..Clauses::default()
            })),
        }
    }
}

/// The operands of the top level: the groups that are each required (for proximity and the
/// forms typed).
pub fn operands(parsed: &Parsed) -> Vec<&Parsed> {
    match parsed {
        Parsed::And(parts) => parts.iter().collect(),
        other => vec![other],
    }
}

impl Filters {
    /// One filter per option given, in a fixed order.
    pub fn each(&self) -> Vec<Filter> {
        [
            self.years.map(Filter::Year),
            (!self.kinds.is_empty()).then(|| Filter::Kind(self.kinds.clone())),
            (!self.levels.is_empty()).then(|| Filter::Level(self.levels.clone())),
            (!self.regions.is_empty()).then(|| Filter::Region(self.regions.clone())),
            self.published.map(Filter::Published),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
