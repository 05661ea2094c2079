//! The query language, as a user types it, parsed into a [`Query`] tree that knows nothing
//! of tantivy (`query.rs` translates it; an engine of another kind can too).
//!
//! Grammar, with Lucene's precedence (NOT binds tightest, then AND, then OR):
//!
//! ```text
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*          words side by side are AND-ed
//! unary   := ("NOT" | "-") unary | primary
//! primary := "(" or ")" | FIELD ":" value | "\"…\"" ["~" N] | word | word "*"
//! ```
//!
//! `FIELD` is `title`, `heading`, `text` (a scope for the word, phrase or group after it) or a
//! facet, `year`, `kind`, `level`, `region`, `published` (a filter, valued as its flag is).
//! Anything else is an ordinary character: `医共体:`, `C++` and full-width `（一）` are words,
//! and punctuation separates the pieces of a word as spaces do.

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

use super::filters::DateRange;
use super::years::{YearFilter, YearFilterError};
use crate::report::{Kind, Level};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Every one of these (at least one of them positive).
    And(Vec<Query>),
    /// Any one of these (none of them a bare negation).
    Or(Vec<Query>),
    /// Not this; only ever one operand of an [`Query::And`].
    Not(Box<Query>),
    /// A word, phrase or prefix, in the fields of `scope`.
    Match { scope: Scope, atom: Atom },
    /// Every word within `distance` characters of the others, in any order, in the passage:
    /// the characters between them, all counted, at most `distance`.
    Near { words: Vec<String>, distance: u32 },
    /// A facet restriction; it does not change scores.
    Filter(Filter),
}

impl Query {
    /// The `year:` filter every match must pass (one at the top level), if any: what a trend
    /// chart widens its years to, as it does for `--year`.
    pub fn year_filter(&self) -> Option<YearFilter> {
        let top: &[Query] = match self {
            Query::And(parts) => parts,
            other => std::slice::from_ref(other),
        };
        top.iter().find_map(|part| match part {
            Query::Filter(Filter::Year(years)) => Some(*years),
            _ => None,
        })
    }
}

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A plain word: found as itself (jieba) or as a substring (grams), with its synonyms.
    Word(String),
    /// A quoted phrase: the exact character sequence.
    Phrase(String),
    /// `医共*`: the jieba words starting with these characters.
    Prefix(String),
}

impl Atom {
    /// The text of the word, phrase or prefix.
    pub fn text(&self) -> &str {
        match self {
            Atom::Word(text) | Atom::Phrase(text) | Atom::Prefix(text) => text,
        }
    }
}

/// Where a word is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The passage, its report title and its heading (the default).
    #[default]
    All,
    /// `title:`, the report title only.
    Title,
    /// `heading:`, the headings the passage sits under only.
    Heading,
    /// `text:`, the passage only.
    Text,
}

/// A facet restriction written in the query, equivalent to its flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `year:2024`, `year:2019..2021`, `year:unknown`
    Year(YearFilter),
    /// `kind:plan,monthly`: any of these
    Kind(Vec<Kind>),
    /// `level:county`
    Level(Vec<Level>),
    /// `region:东安县,白碱滩区` (simplified or traditional; `unknown`)
    Region(Vec<String>),
    /// `published:2023-01-01..2023-06-30`
    Published(DateRange),
}

/// What is wrong with a query, in words a user can act on, and where (0-based character).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind} (at character {})", .at + 1)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// The character of the query where the mistake is, counted from 0.
    pub at: usize,
}

/// The mistakes a query can hold.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseErrorKind {
    #[error("a quote is not closed")]
    UnclosedQuote,
    #[error("OR needs a word on each side")]
    DanglingOr,
    #[error("AND needs a word on each side")]
    DanglingAnd,
    #[error("NOT needs a word after it")]
    DanglingNot,
    #[error("an excluded word (-word) cannot be one side of OR")]
    ExcludedInOr,
    #[error("it only excludes words (-word): add a word to look for")]
    OnlyExcluded,
    #[error("it only filters ({0}): add a word to look for")]
    OnlyFilters(String),
    #[error("a ( is not closed")]
    UnclosedGroup,
    #[error("() holds nothing")]
    EmptyGroup,
    #[error("`{0}:` needs a value ({1})")]
    MissingValue(String, &'static str),
    #[error("`{0}:{1}`: {2}")]
    BadValue(String, String, String),
    #[error("`~` needs a number of characters after it (\"医共体 建设\"~10)")]
    BadDistance,
    #[error("a proximity query needs two words or more (\"医共体 建设\"~10)")]
    NearOneWord,
    #[error("`*` ends a word (医共*), it cannot stand alone")]
    LonePrefix,
    #[error("there is nothing to look for")]
    Empty,
}

impl ParseErrorKind {
    fn at(self, at: usize) -> ParseError {
        ParseError { kind: self, at }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scope::All => "all",
            Scope::Title => "title",
            Scope::Heading => "heading",
            Scope::Text => "text",
        })
    }
}

/// Parses a query string.
pub fn parse_query(text: &str) -> Result<Query, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        end: text.chars().count(),
    };
    if parser.tokens.is_empty() {
        return Err(ParseErrorKind::Empty.at(0));
    }
    let query = parser.or(Scope::All)?;
    if let Some(token) = parser.peek() {
        // Only a `)` can stop the top level early.
        return Err(ParseErrorKind::DanglingOr.at(token.at));
    }
    check_has_words(&query)?;
    Ok(query)
}

/// A query of filters only is refused: it would list every passage of those reports in index
/// order, which is `stats` work, not a search.
fn check_has_words(query: &Query) -> Result<(), ParseError> {
    fn has_words(query: &Query) -> bool {
        match query {
            Query::And(parts) | Query::Or(parts) => parts.iter().any(has_words),
            Query::Not(_) | Query::Filter(_) => false,
            Query::Match { .. } | Query::Near { .. } => true,
        }
    }
    if has_words(query) {
        return Ok(());
    }
    let mut filters = Vec::new();
    collect_filters(query, &mut filters);
    Err(ParseErrorKind::OnlyFilters(filters.join(" ")).at(0))
}

fn collect_filters(query: &Query, out: &mut Vec<String>) {
    match query {
        Query::And(parts) | Query::Or(parts) => parts.iter().for_each(|p| collect_filters(p, out)),
        Query::Not(inner) => collect_filters(inner, out),
        Query::Filter(filter) => out.push(filter_name(filter).to_string() + ":…"),
        Query::Match { .. } | Query::Near { .. } => {}
    }
}

fn filter_name(filter: &Filter) -> &'static str {
    match filter {
        Filter::Year(_) => "year",
        Filter::Kind(_) => "kind",
        Filter::Level(_) => "level",
        Filter::Region(_) => "region",
        Filter::Published(_) => "published",
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Open,
    Close,
    Or,
    And,
    Not,
    /// `-` glued to what follows.
    Minus,
    /// `name:` of a known field, glued to its value.
    Field(String),
    Word(String),
    Phrase {
        text: String,
        distance: Option<u32>,
    },
}

#[derive(Debug, Clone)]
struct Token {
    lexeme: Lexeme,
    /// Character where the token starts.
    at: usize,
}

const SCOPES: &[&str] = &["title", "heading", "text"];
const FACETS: &[&str] = &["year", "kind", "level", "region", "published"];

fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    // Whether the next character starts a token (after a space, a paren, `-` or `field:`).
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let at = i;
        let push = |tokens: &mut Vec<Token>, lexeme| tokens.push(Token { lexeme, at });
        match c {
            '(' => {
                depth += 1;
                push(&mut tokens, Lexeme::Open);
                i += 1;
                continue;
            }
            ')' if depth > 0 => {
                depth -= 1;
                push(&mut tokens, Lexeme::Close);
                i += 1;
                continue;
            }
            '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                push(&mut tokens, Lexeme::Minus);
                i += 1;
                continue;
            }
            '"' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '"')
                    .map(|n| i + 1 + n)
                    .ok_or(ParseErrorKind::UnclosedQuote.at(at))?;
                let phrase: String = chars[i + 1..close].iter().collect();
                i = close + 1;
                let mut distance = None;
                if chars.get(i) == Some(&'~') {
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    let value = digits
                        .parse::<u32>()
                        .map_err(|_| ParseErrorKind::BadDistance.at(i))?;
                    i += 1 + digits.len();
                    distance = Some(value);
                }
                push(
                    &mut tokens,
                    Lexeme::Phrase {
                        text: phrase.trim().to_string(),
                        distance,
                    },
                );
                continue;
            }
            _ => {}
        }
        // A word: up to a space, a quote, or a `)` closing an open group.
        let mut end = i;
        while end < chars.len() {
            let c = chars[end];
            if c.is_whitespace() || c == '"' || (c == ')' && depth > 0) {
                break;
            }
            end += 1;
        }
        let word: String = chars[i..end].iter().collect();
        if let Some((name, rest)) = word.split_once(':') {
            if SCOPES.contains(&name) || FACETS.contains(&name) {
                push(&mut tokens, Lexeme::Field(name.to_string()));
                // The value starts right after the colon: lex it as a token of its own.
                i += name.chars().count() + 1;
                if rest.is_empty() && chars.get(i).is_none_or(|c| c.is_whitespace()) {
                    let hint = if SCOPES.contains(&name) {
                        "a word, \"a phrase\" or (a group)"
                    } else {
                        "as its --flag takes"
                    };
                    return Err(ParseErrorKind::MissingValue(name.to_string(), hint).at(at));
                }
                continue;
            }
        }
        let lexeme = match word.as_str() {
            "OR" => Lexeme::Or,
            "AND" => Lexeme::And,
            "NOT" => Lexeme::Not,
            _ => Lexeme::Word(word),
        };
        push(&mut tokens, lexeme);
        i = end;
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// Characters in the query: where "the end" is.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |token| token.at)
    }

    fn or(&mut self, scope: Scope) -> Result<Query, ParseError> {
        if let Some(Token {
            lexeme: Lexeme::Or,
            at,
        }) = self.peek()
        {
            return Err(ParseErrorKind::DanglingOr.at(*at));
        }
        let mut parts = vec![(self.here(), self.and(scope)?)];
        while let Some(Token {
            lexeme: Lexeme::Or,
            at,
        }) = self.peek()
        {
            let at = *at;
            self.at += 1;
            if self.starts_operand().is_none() {
                return Err(ParseErrorKind::DanglingOr.at(at));
            }
            parts.push((self.here(), self.and(scope)?));
        }
        let negative = |query: &Query| match query {
            Query::Not(_) => true,
            Query::And(parts) => parts.iter().all(|part| matches!(part, Query::Not(_))),
            _ => false,
        };
        if let Some((at, _)) = parts.iter().find(|(_, part)| negative(part)) {
            let kind = if parts.len() == 1 {
                ParseErrorKind::OnlyExcluded
            } else {
                ParseErrorKind::ExcludedInOr
            };
            return Err(kind.at(*at));
        }
        let mut parts: Vec<Query> = parts.into_iter().map(|(_, part)| part).collect();
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    /// Whether the next token can begin an operand (not OR, AND, `)` or the end).
    fn starts_operand(&self) -> Option<()> {
        match self.peek()?.lexeme {
            Lexeme::Or | Lexeme::And | Lexeme::Close => None,
            _ => Some(()),
        }
    }

    fn and(&mut self, scope: Scope) -> Result<Query, ParseError> {
        let mut parts = vec![self.unary(scope)?];
        loop {
            match self.peek().map(|t| (&t.lexeme, t.at)) {
                Some((Lexeme::And, at)) => {
                    self.at += 1;
                    if self.starts_operand().is_none() {
                        return Err(ParseErrorKind::DanglingAnd.at(at));
                    }
                    parts.push(self.unary(scope)?);
                }
                Some((Lexeme::Or | Lexeme::Close, _)) | None => break,
                Some(_) => parts.push(self.unary(scope)?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::And(parts)
        })
    }

    fn unary(&mut self, scope: Scope) -> Result<Query, ParseError> {
        match self.peek().map(|t| (&t.lexeme, t.at)) {
            Some((Lexeme::Not | Lexeme::Minus, at)) => {
                self.at += 1;
                if self.starts_operand().is_none() {
                    return Err(ParseErrorKind::DanglingNot.at(at));
                }
                let inner = self.unary(scope)?;
                // NOT NOT x is x.
                Ok(match inner {
                    Query::Not(inner) => *inner,
                    inner => Query::Not(Box::new(inner)),
                })
            }
            _ => self.primary(scope),
        }
    }

    fn primary(&mut self, scope: Scope) -> Result<Query, ParseError> {
        let Some(token) = self.next() else {
            return Err(ParseErrorKind::Empty.at(self.end));
        };
        match token.lexeme {
            Lexeme::Open => {
                if matches!(self.peek().map(|t| &t.lexeme), Some(Lexeme::Close)) {
                    return Err(ParseErrorKind::EmptyGroup.at(token.at));
                }
                let inner = self.or(scope)?;
                match self.next() {
                    Some(Token {
                        lexeme: Lexeme::Close,
                        ..
                    }) => Ok(inner),
                    _ => Err(ParseErrorKind::UnclosedGroup.at(token.at)),
                }
            }
            Lexeme::Field(name) => {
                if FACETS.contains(&name.as_str()) {
                    return self.filter(name, token.at);
                }
                let scope = match name.as_str() {
                    "title" => Scope::Title,
                    "heading" => Scope::Heading,
                    _ => Scope::Text,
                };
                self.primary(scope)
            }
            Lexeme::Phrase { text, distance } => {
                let Some(distance) = distance else {
                    return Ok(Query::Match {
                        scope,
                        atom: Atom::Phrase(text),
                    });
                };
                let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
                if words.len() < 2 {
                    return Err(ParseErrorKind::NearOneWord.at(token.at));
                }
                Ok(Query::Near { words, distance })
            }
            Lexeme::Word(word) => match word.strip_suffix('*') {
                Some("") => Err(ParseErrorKind::LonePrefix.at(token.at)),
                Some(prefix) => Ok(Query::Match {
                    scope,
                    atom: Atom::Prefix(prefix.to_string()),
                }),
                None => Ok(Query::Match {
                    scope,
                    atom: Atom::Word(word),
                }),
            },
            Lexeme::Or => Err(ParseErrorKind::DanglingOr.at(token.at)),
            Lexeme::And => Err(ParseErrorKind::DanglingAnd.at(token.at)),
            Lexeme::Not | Lexeme::Minus => Err(ParseErrorKind::DanglingNot.at(token.at)),
            // `)` is only a token when a group is open, and `or` stops before it.
            Lexeme::Close => Err(ParseErrorKind::EmptyGroup.at(token.at)),
        }
    }

    /// The value of `year:`, `kind:`, … : the next word (or phrase), as its flag reads it.
    fn filter(&mut self, name: String, at: usize) -> Result<Query, ParseError> {
        let value = match self.next().map(|t| t.lexeme) {
            Some(Lexeme::Word(word)) => word,
            Some(Lexeme::Phrase {
                text,
                distance: None,
            }) => text,
            _ => {
                return Err(ParseErrorKind::MissingValue(name, "as its --flag takes").at(at));
            }
        };
        let bad = |reason: String| ParseErrorKind::BadValue(name.clone(), value.clone(), reason);
        let list = || value.split(',').map(str::trim).filter(|v| !v.is_empty());
        let filter = match name.as_str() {
            "year" => Filter::Year(value.parse::<YearFilter>().map_err(|err| {
                bad(match err {
                    YearFilterError::Malformed(_) => {
                        "expected a year (2024), a range (2019..2021, 2019.., ..2021) or `unknown`"
                            .to_string()
                    }
                    YearFilterError::Reversed { from, to, .. } => {
                        format!("the range ends before it starts (did you mean {to}..{from}?)")
                    }
                })
                .at(at)
            })?),
            "kind" => Filter::Kind(parse_list::<Kind>(list()).map_err(|e| bad(e).at(at))?),
            "level" => Filter::Level(parse_list::<Level>(list()).map_err(|e| bad(e).at(at))?),
            "region" => Filter::Region(list().map(str::to_string).collect()),
            _ => Filter::Published(
                value
                    .parse::<DateRange>()
                    .map_err(|err| bad(err.to_string()).at(at))?,
            ),
        };
        let empty = match &filter {
            Filter::Kind(values) => values.is_empty(),
            Filter::Level(values) => values.is_empty(),
            Filter::Region(values) => values.is_empty(),
            _ => false,
        };
        if empty {
            return Err(ParseErrorKind::MissingValue(name, "as its --flag takes").at(at));
        }
        Ok(Query::Filter(filter))
    }
}

fn parse_list<'a, T: FromStr>(values: impl Iterator<Item = &'a str>) -> Result<Vec<T>, String>
where
    T::Err: fmt::Display,
{
    values
        .map(|value| value.parse::<T>().map_err(|err| err.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Query {
        Query::Match {
            scope: Scope::All,
            atom: Atom::Word(text.to_string()),
        }
    }

    fn not(query: Query) -> Query {
        Query::Not(Box::new(query))
    }

    fn kind_of(query: &str) -> ParseErrorKind {
        parse_query(query).expect_err(query).kind
    }

    #[test]
    fn not_binds_tighter_than_and_and_and_tighter_than_or() {
        assert_eq!(
            parse_query("医共体 建设 OR 改革 -新冠").expect("valid"),
            Query::Or(vec![
                Query::And(vec![word("医共体"), word("建设")]),
                Query::And(vec![word("改革"), not(word("新冠"))]),
            ])
        );
        assert_eq!(
            parse_query("医共体 NOT 建设 AND 改革").expect("valid"),
            Query::And(vec![word("医共体"), not(word("建设")), word("改革")])
        );
    }

    #[test]
    fn parentheses_group() {
        assert_eq!(
            parse_query("(医共体 OR 医联体) 建设").expect("valid"),
            Query::And(vec![
                Query::Or(vec![word("医共体"), word("医联体")]),
                word("建设")
            ])
        );
        assert_eq!(parse_query("(医共体)").expect("valid"), word("医共体"));
    }

    #[test]
    fn quotes_make_phrases_and_a_distance_makes_them_near() {
        assert_eq!(
            parse_query("\"家庭医生 签约\" -\"新冠 疫情\"").expect("valid"),
            Query::And(vec![
                Query::Match {
                    scope: Scope::All,
                    atom: Atom::Phrase("家庭医生 签约".into())
                },
                not(Query::Match {
                    scope: Scope::All,
                    atom: Atom::Phrase("新冠 疫情".into())
                }),
            ])
        );
        assert_eq!(
            parse_query("\"医共体 建设\"~10").expect("valid"),
            Query::Near {
                words: vec!["医共体".into(), "建设".into()],
                distance: 10
            }
        );
    }

    #[test]
    fn fields_scope_words_and_facets_filter() {
        assert_eq!(
            parse_query("title:东安县 heading:(医改 OR 疫情)").expect("valid"),
            Query::And(vec![
                Query::Match {
                    scope: Scope::Title,
                    atom: Atom::Word("东安县".into())
                },
                Query::Or(vec![
                    Query::Match {
                        scope: Scope::Heading,
                        atom: Atom::Word("医改".into())
                    },
                    Query::Match {
                        scope: Scope::Heading,
                        atom: Atom::Word("疫情".into())
                    },
                ]),
            ])
        );
        assert_eq!(
            parse_query("医共体 year:2020..2022 kind:plan,monthly -region:东安县").expect("valid"),
            Query::And(vec![
                word("医共体"),
                Query::Filter(Filter::Year(YearFilter::Range {
                    from: Some(2020),
                    to: Some(2022)
                })),
                Query::Filter(Filter::Kind(vec![Kind::Plan, Kind::Monthly])),
                not(Query::Filter(Filter::Region(vec!["东安县".into()]))),
            ])
        );
    }

    #[test]
    fn the_year_filter_of_the_top_level_is_found() {
        let query = parse_query("医共体 year:2018..2024").expect("valid");
        assert_eq!(
            query.year_filter(),
            Some(YearFilter::Range {
                from: Some(2018),
                to: Some(2024)
            })
        );
        let nested = parse_query("医共体 OR (疫情 year:2020)").expect("valid");
        assert_eq!(nested.year_filter(), None);
    }

    #[test]
    fn a_star_ends_a_prefix() {
        assert_eq!(
            parse_query("医共*").expect("valid"),
            Query::Match {
                scope: Scope::All,
                atom: Atom::Prefix("医共".into())
            }
        );
        assert_eq!(kind_of("*"), ParseErrorKind::LonePrefix);
    }

    #[test]
    fn mistakes_are_named_with_their_place() {
        assert_eq!(
            parse_query("\"医共体").expect_err("open quote"),
            ParseErrorKind::UnclosedQuote.at(0)
        );
        assert_eq!(
            parse_query("医共体 OR").expect_err("or"),
            ParseErrorKind::DanglingOr.at(4)
        );
        assert_eq!(kind_of("OR 医共体"), ParseErrorKind::DanglingOr);
        assert_eq!(kind_of("医共体 OR -新冠"), ParseErrorKind::ExcludedInOr);
        assert_eq!(kind_of("-卫生"), ParseErrorKind::OnlyExcluded);
        assert_eq!(kind_of("卫生 NOT"), ParseErrorKind::DanglingNot);
        assert_eq!(
            parse_query("(医共体 建设").expect_err("paren"),
            ParseErrorKind::UnclosedGroup.at(0)
        );
        assert_eq!(kind_of("  "), ParseErrorKind::Empty);
        assert_eq!(kind_of("()"), ParseErrorKind::EmptyGroup);
        assert_eq!(kind_of("\"医共体 建设\"~"), ParseErrorKind::BadDistance);
        assert!(matches!(
            kind_of("kind:yearly"),
            ParseErrorKind::BadValue(..)
        ));
        assert!(matches!(
            kind_of("year:2020"),
            ParseErrorKind::OnlyFilters(_)
        ));
        assert!(matches!(
            kind_of("title:"),
            ParseErrorKind::MissingValue(..)
        ));
        let message = parse_query("医共体 AND").expect_err("and").to_string();
        assert_eq!(message, "AND needs a word on each side (at character 5)");
    }

    #[test]
    fn other_characters_are_not_syntax() {
        let query = parse_query("医共体: 作者:张三 C++ 医共体)").expect("valid");
        assert_eq!(
            query,
            Query::And(vec![
                word("医共体:"),
                word("作者:张三"),
                word("C++"),
                word("医共体)")
            ])
        );
        assert_eq!(parse_query("-").expect("a lone minus is a word"), word("-"));
    }

    #[test]
    fn no_input_panics() {
        for text in [
            "(",
            ")",
            "((",
            "-(",
            "NOT",
            "AND OR",
            "\"",
            "\"\"~",
            "title:(",
            "year:",
            "a:b:c",
            "((a) OR",
            "a OR (b",
            "\"a b\"~99999999999",
            "衛生*",
            "-\"\"",
            "(())",
            "-*",
        ] {
            let _ = parse_query(text);
        }
    }
}
