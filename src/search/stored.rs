//! A passage's stored values as the index returns them, read by every command that shows
//! passages (search hits, `show`, `reports`): one reader, so that each field is read (and
//! each facet decoded) the same way everywhere.

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};

use crate::dates::{from_datetime, Date};

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
    pub(super) fn take(&mut self, field: Field) -> Option<OwnedValue> {
        self.0
            .iter_mut()
            .find(|(at, _)| *at == field)
            .map(|(_, value)| std::mem::replace(value, OwnedValue::Null))
    }

    /// The text of `field`, taken out (empty when there is none).
    pub(super) fn text(&mut self, field: Field) -> String {
        match self.take(field) {
            Some(OwnedValue::Str(text)) => text,
            _ => String::new(),
        }
    }

    pub(super) fn number(&mut self, field: Field) -> u64 {
        match self.take(field) {
            Some(OwnedValue::U64(number)) => number,
            _ => 0,
        }
    }

    /// The last part of a facet (/year/2024 → 2024), `unknown` when there is none.
    pub(super) fn facet(&mut self, field: Field) -> String {
        match self.take(field) {
            Some(OwnedValue::Facet(facet)) => facet
                .encoded_str()
                .rsplit(['\0', '/'])
                .next()
                .unwrap_or("unknown")
                .to_string(),
            _ => "unknown".to_string(),
        }
    }

    /// The date of `field`, taken out, when it is one of the calendar.
    pub(super) fn date(&mut self, field: Field) -> Option<Date> {
        match self.take(field) {
            Some(OwnedValue::Date(date)) => from_datetime(date),
            _ => None,
        }
    }
}
