//! What a search keeps besides the words: `--year`, `--kind`, `--level`, `--region`,
//! `--published`, and which facets to count (`--facet`).

use std::str::FromStr;
use thiserror::Error;

use crate::report::{Date, Kind, Level};
pub use crate::schema::FacetName;
use crate::search::YearFilter;

/// Restrictions on the reports a search looks in; an empty list keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub years: Option<YearFilter>,
    /// Any of these kinds.
    pub kinds: Vec<Kind>,
    /// Any of these levels.
    pub levels: Vec<Level>,
    /// Any of these regions (simplified or traditional; `unknown` for none).
    pub regions: Vec<String>,
    /// Reports published in this range (`--published`).
    pub published: Option<DateRange>,
    /// `-w`: a word matches only as whole jieba words, not inside a longer word.
    pub whole_words: bool,
}

/// `--published 2023-01-01..2023-06-30` (also `2023-01-01..`, `..2023-06-30`, one day, a
/// month `2023-06` or a year `2023`): publication dates, bounds included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A `--published` value that is not a date or a range of dates.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateRangeError {
    #[error("expected a date (2023-01-31, or a month 2023-01, a year 2023) or a range (2023-01-01..2023-06-30, 2023-01-01.., ..2023-06), not `{0}`")]
    Malformed(String),
    #[error("`{0}` is not a date of the calendar")]
    NoSuchDate(String),
    #[error("the range ends before it starts (did you mean {to}..{from}?)")]
    Reversed { from: Date, to: Date },
}

impl FromStr for DateRange {
    type Err = DateRangeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let malformed = || DateRangeError::Malformed(text.to_string());
        // A bound: a day, or a month or year standing for its first (`from`) or last day.
        let bound = |part: &str, last: bool| -> Result<Option<Date>, DateRangeError> {
            let part = part.trim();
            if part.is_empty() {
                return Ok(None);
            }
            let numbers: Vec<u16> = part
                .split('-')
                .map(|n| n.parse::<u16>().map_err(|_| malformed()))
                .collect::<Result<_, _>>()?;
            let (year, month, day) = match numbers[..] {
                [year] if part.len() == 4 => (year, if last { 12 } else { 1 }, None),
                [year, month] => (year, month, None),
                [year, month, day] => (year, month, Some(day)),
                _ => return Err(malformed()),
            };
            let month = u8::try_from(month).map_err(|_| malformed())?;
            let day = match day {
                Some(day) => u8::try_from(day).map_err(|_| malformed())?,
                None if last => (28..=31)
                    .rev()
                    .find(|&day| Date::new(year, month, day).is_some())
                    .unwrap_or(31),
                None => 1,
            };
            Date::new(year, month, day)
                .map(Some)
                .ok_or_else(|| DateRangeError::NoSuchDate(part.to_string()))
        };
        let (from, to) = match text.split_once("..") {
            Some((from, to)) => (bound(from, false)?, bound(to, true)?),
            None => (bound(text, false)?, bound(text, true)?),
        };
        match (from, to) {
            (None, None) => Err(malformed()),
            (Some(from), Some(to)) if from > to => Err(DateRangeError::Reversed { from, to }),
            _ => Ok(DateRange { from, to }),
        }
    }
}

/// Hits per value of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: FacetName,
    /// (value, hits): years newest first, other facets most hits first; `unknown` last.
    pub counts: Vec<(String, u64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: u16, month: u8, day: u8) -> Option<Date> {
        Date::new(year, month, day)
    }

    #[test]
    fn published_ranges_parse_like_year_ranges() {
        assert_eq!(
            "2023-01-01..2023-06-30".parse::<DateRange>(),
            Ok(DateRange {
                from: day(2023, 1, 1),
                to: day(2023, 6, 30)
            })
        );
        assert_eq!(
            "..2023-06-30".parse::<DateRange>(),
            Ok(DateRange {
                from: None,
                to: day(2023, 6, 30)
            })
        );
        assert_eq!(
            "2022-07-18".parse::<DateRange>(),
            Ok(DateRange {
                from: day(2022, 7, 18),
                to: day(2022, 7, 18)
            })
        );
    }

    #[test]
    fn months_and_years_stand_for_their_days() {
        assert_eq!(
            "2023".parse::<DateRange>(),
            Ok(DateRange {
                from: day(2023, 1, 1),
                to: day(2023, 12, 31)
            })
        );
        assert_eq!(
            "2024-01..2024-02".parse::<DateRange>(),
            Ok(DateRange {
                from: day(2024, 1, 1),
                to: day(2024, 2, 29)
            })
        );
    }

    #[test]
    fn published_mistakes_are_named() {
        for bad in ["23", "2023-1-1-1", "2023/01/01", "x", "2023-13"] {
            assert!(bad.parse::<DateRange>().is_err(), "{bad}");
        }
        assert!(matches!(
            "2023-02-30".parse::<DateRange>(),
            Err(DateRangeError::NoSuchDate(_))
        ));
        assert!(matches!(
            "2023-06-30..2023-01-01".parse::<DateRange>(),
            Err(DateRangeError::Reversed { .. })
        ));
        assert!("..".parse::<DateRange>().is_err());
    }
}
