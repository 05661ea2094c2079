//! A passage's stored values as the index returns them, read by every command that shows
//! passages (search hits, `show`, `reports`, `export`): one reader, so that each field is
//! read (and each facet decoded) the same way everywhere.

use serde::Serialize;
use tantivy::error::DataCorruption;
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};
use tantivy::{DocAddress, Searcher};

use crate::dates::{from_datetime, Date};
use crate::report::{Kind, Level};
use crate::schema::facet::{known, value_of, year_of};
use crate::schema::Fields;

/// More stored fields than a passage has (a dozen): the most room made before reading.
const MAX_FIELDS: usize = 32;

/// The stored values of a passage, as read: moved into a hit or a passage without copying.
pub(super) struct Stored(Vec<(Field, OwnedValue)>);

impl DocumentDeserialize for Stored {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        // The hint is read from the store: a garbled one must not ask for terabytes.
        let mut values = Vec::with_capacity(deserializer.size_hint().min(MAX_FIELDS));
        while let Some(entry) = deserializer.next_field()? {
            values.push(entry);
        }
        Ok(Stored(values))
    }
}

impl Stored {
    /// The first value of `field`, taken out.
    fn take(&mut self, field: Field) -> Option<OwnedValue> {
        self.0
            .iter_mut()
            .find(|(at, _)| *at == field)
            .map(|(_, value)| std::mem::replace(value, OwnedValue::Null))
    }

    /// The text of `field`, taken out.
    pub(super) fn text(&mut self, field: Field) -> Option<String> {
        match self.take(field) {
            Some(OwnedValue::Str(text)) => Some(text),
            _ => None,
        }
    }

    fn number(&mut self, field: Field) -> Option<u64> {
        match self.take(field) {
            Some(OwnedValue::U64(number)) => Some(number),
            _ => None,
        }
    }

    /// The value of a facet (`/year/2024` → `2024`).
    fn facet(&mut self, field: Field) -> Option<String> {
        match self.take(field) {
            Some(OwnedValue::Facet(facet)) => Some(value_of(&facet).to_string()),
            _ => None,
        }
    }

    /// The date of `field`, taken out, when it is one of the calendar.
    fn date(&mut self, field: Field) -> Option<Date> {
        match self.take(field) {
            Some(OwnedValue::Date(date)) => from_datetime(date),
            _ => None,
        }
    }
}

/// A passage as the index stores it, with what the indexer understood of its report. Every
/// command that shows passages (search hits, `show`, `reports`, `export`) reads it with
/// [`StoredPassage::read`]; the JSON outputs write these fields as serialized here, and each
/// adds its own way of naming the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPassage {
    /// The file, relative to the corpus root, `/`-separated.
    #[serde(skip)]
    pub path: String,
    /// 1-based line of the file where the passage starts.
    pub line: u64,
    /// 1-based position of the report in its file.
    pub report: u64,
    /// 0-based position of the passage in its report.
    pub passage: u64,
    pub title: String,
    /// The report's year; None when unknown.
    pub year: Option<u16>,
    pub heading: String,
    /// The whole passage, as written in the file.
    pub text: String,
    pub kind: Kind,
    pub level: Level,
    /// The report's place (simplified); None when unknown.
    pub region: Option<String>,
    pub org: Option<String>,
    /// The publication date the page shows, if any.
    pub published: Option<Date>,
}

impl StoredPassage {
    /// The passage at `address`. A field every passage is written with that is missing, or
    /// a facet value that is none of its kind, is damage: an error, never a default.
    pub(crate) fn read(
        searcher: &Searcher,
        address: DocAddress,
        fields: &Fields,
    ) -> tantivy::Result<StoredPassage> {
        StoredPassage::of(searcher.doc(address)?, fields)
    }

    /// Every live passage of the index with its address, segment by segment.
    pub fn all(
        searcher: &Searcher,
        fields: &Fields,
    ) -> tantivy::Result<Vec<(DocAddress, StoredPassage)>> {
        let mut all = Vec::new();
        for (segment, ordinal) in searcher.segment_readers().iter().zip(0u32..) {
            for doc in segment.doc_ids_alive() {
                let address = DocAddress::new(ordinal, doc);
                all.push((address, StoredPassage::read(searcher, address, fields)?));
            }
        }
        Ok(all)
    }

    /// The stored values of a passage, as [`StoredPassage::read`] reads them.
    pub(super) fn of(mut stored: Stored, fields: &Fields) -> tantivy::Result<StoredPassage> {
        let kind = stored.facet(fields.kind).ok_or_else(|| lacks("kind"))?;
        let level = stored.facet(fields.level).ok_or_else(|| lacks("level"))?;
        let region = stored.facet(fields.region).ok_or_else(|| lacks("region"))?;
        Ok(StoredPassage {
            path: stored.text(fields.path).ok_or_else(|| lacks("path"))?,
            line: stored.number(fields.line).ok_or_else(|| lacks("line"))?,
            report: stored
                .number(fields.report)
                .ok_or_else(|| lacks("report"))?,
            passage: stored
                .number(fields.passage)
                .ok_or_else(|| lacks("passage"))?,
            title: stored.text(fields.title).ok_or_else(|| lacks("title"))?,
            year: year_of(&stored.facet(fields.year).ok_or_else(|| lacks("year"))?),
            heading: stored
                .text(fields.heading)
                .ok_or_else(|| lacks("heading"))?,
            text: stored.text(fields.text).ok_or_else(|| lacks("text"))?,
            kind: kind.parse().map_err(|err| corrupt(&err))?,
            level: level.parse().map_err(|err| corrupt(&err))?,
            region: known(&region).map(str::to_string),
            org: stored.text(fields.org),
            published: stored.date(fields.published),
        })
    }
}

pub(super) fn lacks(field: &str) -> tantivy::TantivyError {
    corrupt(&format!("a stored passage lacks its `{field}`"))
}

fn corrupt(what: &dyn std::fmt::Display) -> tantivy::TantivyError {
    tantivy::TantivyError::DataCorruption(DataCorruption::comment_only(what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FacetName;
    use crate::schema::IndexSchema;

    fn stored_passage(fields: &Fields) -> Vec<(Field, OwnedValue)> {
        let facet = |name: FacetName, value: &str| OwnedValue::Facet(name.facet(value));
        vec![
            (fields.path, OwnedValue::Str("a/b.txt".into())),
            (fields.line, OwnedValue::U64(12)),
            (fields.report, OwnedValue::U64(1)),
            (fields.passage, OwnedValue::U64(3)),
            (fields.title, OwnedValue::Str("2021年工作总结".into())),
            (fields.year, facet(FacetName::Year, "2021")),
            (fields.heading, OwnedValue::Str(String::new())),
            (fields.text, OwnedValue::Str("一、主要工作".into())),
            (fields.kind, facet(FacetName::Kind, "annual-summary")),
            (fields.level, facet(FacetName::Level, "county")),
            (fields.region, facet(FacetName::Region, "unknown")),
        ]
    }

    #[test]
    fn a_stored_passage_is_read_typed() {
        let schema = IndexSchema::embedded().expect("the embedded schema loads");
        let fields = &schema.fields;
        let passage = StoredPassage::of(Stored(stored_passage(fields)), fields).expect("whole");
        assert_eq!((passage.path.as_str(), passage.line), ("a/b.txt", 12));
        assert_eq!(passage.year, Some(2021));
        assert_eq!(passage.kind, Kind::AnnualSummary);
        assert_eq!(passage.level, Level::County);
        assert_eq!(
            (passage.region, passage.org, passage.published),
            (None, None, None)
        );
    }

    #[test]
    fn a_missing_field_or_a_foreign_label_is_damage_not_a_default() {
        let schema = IndexSchema::embedded().expect("the embedded schema loads");
        let fields = &schema.fields;
        let mut values = stored_passage(fields);
        values.retain(|(field, _)| *field != fields.title);
        let err = StoredPassage::of(Stored(values), fields).expect_err("no title");
        assert!(
            matches!(err, tantivy::TantivyError::DataCorruption(_)),
            "{err}"
        );
        assert!(err.to_string().contains("`title`"), "{err}");

        let mut values = stored_passage(fields);
        values.retain(|(field, _)| *field != fields.kind);
        values.push((
            fields.kind,
            OwnedValue::Facet(FacetName::Kind.facet("novel")),
        ));
        let err = StoredPassage::of(Stored(values), fields).expect_err("no such kind");
        assert!(err.to_string().contains("novel"), "{err}");
    }
}
