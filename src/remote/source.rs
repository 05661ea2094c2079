//! A cluster document's `_source` read back into baogao's own types: a hit's passage
//! ([`passage_of`]) and a report's first passage in `reports --remote` read the same fields
//! the same way. A field that `baogao push` always writes and that is missing, or a value of
//! the wrong type, is an error naming the passage: the cluster index is not what baogao
//! pushed.

use anyhow::{anyhow, Context, Result};
use serde_json::Value;

use crate::report::{Date, Kind, Level};
use crate::schema::facet::{known, UNKNOWN};
use crate::search::StoredPassage;

/// The fields of a document `_source`, read for the passage at `path`.
pub(super) struct Source<'a> {
    source: &'a Value,
    path: &'a str,
}

impl<'a> Source<'a> {
    /// The `_source` of a document whose `path` is its own (a hit) or known (a bucket key).
    pub fn new(source: &'a Value, path: &'a str) -> Self {
        Source { source, path }
    }

    fn bad(&self, key: &str, what: &str) -> anyhow::Error {
        anyhow!(
            "the cluster's document for `{}` has {what} `{key}`: push the index again",
            self.path
        )
    }

    pub fn text(&self, key: &str) -> Result<String> {
        self.source[key]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| self.bad(key, "no text in"))
    }

    pub fn number(&self, key: &str) -> Result<u64> {
        self.source[key]
            .as_u64()
            .ok_or_else(|| self.bad(key, "no number in"))
    }

    /// `year`: a number, or null when unknown.
    pub fn year(&self) -> Result<Option<u16>> {
        match &self.source["year"] {
            Value::Null => Ok(None),
            value => value
                .as_u64()
                .and_then(|year| u16::try_from(year).ok())
                .map(Some)
                .ok_or_else(|| self.bad("year", "no year in")),
        }
    }

    pub fn kind(&self) -> Result<Kind> {
        Ok(self.text("kind")?.parse::<Kind>()?)
    }

    pub fn level(&self) -> Result<Level> {
        Ok(self.text("level")?.parse::<Level>()?)
    }

    /// `region`: a place, or `unknown`.
    pub fn region(&self) -> Result<Option<String>> {
        let region = self.text("region")?;
        Ok(known(&region).map(str::to_string))
    }

    /// `org`: a name, or null.
    pub fn org(&self) -> Option<String> {
        self.source["org"].as_str().map(str::to_string)
    }

    /// `published`: `YYYY-MM-DD`, or null.
    pub fn published(&self) -> Result<Option<Date>> {
        match self.source["published"].as_str() {
            Some(date) => {
                let parsed = date.parse::<Date>().with_context(|| {
                    format!("the cluster holds a bad date `{date}` for {}", self.path)
                })?;
                Ok(Some(parsed))
            }
            None => Ok(None),
        }
    }
}

/// The passage of a hit's `_source` (every field `baogao push` writes).
pub(super) fn passage_of(source: &Value) -> Result<StoredPassage> {
    let path = source["path"].as_str().ok_or_else(|| {
        anyhow!("the cluster returned a document without `path`: push the index again")
    })?;
    let fields = Source::new(source, path);
    Ok(StoredPassage {
        path: path.to_string(),
        line: fields.number("line")?,
        report: fields.number("report")?,
        passage: fields.number("passage")?,
        title: fields.text("title")?,
        year: fields.year()?,
        heading: fields.text("heading")?,
        text: fields.text("text")?,
        kind: fields.kind()?,
        level: fields.level()?,
        region: fields.region()?,
        org: fields.org(),
        published: fields.published()?,
    })
}

/// The value of a facet in a terms aggregation's bucket key (`year` 0 is the unknown year's).
pub(super) fn bucket_value(key: &Value) -> Option<String> {
    match key {
        Value::Number(n) if n.as_u64() == Some(0) => Some(UNKNOWN.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}
