//! The query a user types, turned into a tantivy query: words all required (AND), `"…"` a
//! phrase, `OR` between words, `-word` excluded; each word looked up in the schema's search
//! fields with their boosts; `--year`, `--kind`, `--level`, `--region` as filters that do not
//! change scores.

use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, QueryParserError, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{Index, Term};
use thiserror::Error;

use super::filters::Filters;
use super::years::YearFilter;
use crate::schema::IndexSchema;
use crate::text::fold;

/// A query the parser rejects, with its reason in words.
#[derive(Debug, Error)]
#[error("cannot parse the query `{query}`: {reason}")]
pub struct QueryError {
    pub query: String,
    pub reason: String,
}

/// Builds the tantivy query for `text`, restricted by `filters`.
pub fn build_query(
    index: &Index,
    schema: &IndexSchema,
    text: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>, QueryError> {
    let fields = schema.search_fields();
    let mut parser =
        QueryParser::for_index(index, fields.iter().map(|(field, _)| *field).collect());
    parser.set_conjunction_by_default();
    for (field, boost) in &fields {
        parser.set_field_boost(*field, *boost);
    }
    let error = |reason: String| QueryError {
        query: text.to_string(),
        reason,
    };
    if only_excludes(text) {
        return Err(error(
            "it only excludes words (-word): add a word to look for".to_string(),
        ));
    }
    let words = parser
        .parse_query(text)
        .map_err(|err| error(explain(text, err)))?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words)];
    for filter in filter_queries(schema, filters) {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    if clauses.len() == 1 {
        return Ok(clauses.remove(0).1);
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// One query per filter given; each keeps the reports matching any of its values.
fn filter_queries(schema: &IndexSchema, filters: &Filters) -> Vec<Box<dyn Query>> {
    let fields = &schema.fields;
    let facet = |field, root: &str, label: &str| -> Box<dyn Query> {
        let term = Term::from_facet(field, &Facet::from_path([root, label]));
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    let any_of = |queries: Vec<Box<dyn Query>>| -> Option<Box<dyn Query>> {
        match queries.len() {
            0 => None,
            1 => queries.into_iter().next(),
            _ => Some(Box::new(BooleanQuery::new(
                queries.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))),
        }
    };
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
        any_of(kinds),
        any_of(levels),
        any_of(regions),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Whether every word of the query outside quotes starts with `-`.
fn only_excludes(text: &str) -> bool {
    let mut words = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            words.push("\"");
        } else {
            words.extend(part.split_whitespace());
        }
    }
    !words.is_empty() && words.iter().all(|word| word.starts_with('-'))
}

/// The parser's complaint in words a user can act on.
fn explain(text: &str, err: QueryParserError) -> String {
    match err {
        QueryParserError::SyntaxError(_) => {
            let hint = if text.matches('"').count() % 2 == 1 {
                "a quote is not closed"
            } else if text.matches('(').count() != text.matches(')').count() {
                "a parenthesis is not closed"
            } else if text.contains(':') {
                "`:` after a word names a field (title:东安县); quote the text to search for a colon"
            } else if text.split_whitespace().any(|w| w == "OR" || w == "AND") {
                "OR and AND need a word on each side"
            } else {
                "check quotes, parentheses and the characters : ^ * [ ] { }"
            };
            format!("syntax error: {hint}")
        }
        QueryParserError::FieldDoesNotExist(field) => {
            format!("there is no field `{field}` (fields to search in: text, title, heading)")
        }
        other => other.to_string(),
    }
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
