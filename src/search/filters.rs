//! What a search keeps besides the words: `--year`, `--kind`, `--level`, `--region`,
//! `--published`, and which facets to count (`--facet`).

use std::str::FromStr;
use thiserror::Error;

use crate::report::{Date, Kind, Level};
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
}

/// `--published 2023-01-01..2023-06-30` (also `2023-01-01..`, `..2023-06-30`, or one day):
/// publication dates, bounds included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A `--published` value that is not a date or a range of dates.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateRangeError {
    #[error("expected a date (2023-01-31) or a range (2023-01-01..2023-06-30, 2023-01-01.., ..2023-06-30), not `{0}`")]
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
        let date = |part: &str| -> Result<Option<Date>, DateRangeError> {
            let part = part.trim();
            if part.is_empty() {
                return Ok(None);
            }
            let numbers: Vec<&str> = part.split('-').collect();
            let [year, month, day] = numbers[..] else {
                return Err(DateRangeError::Malformed(text.to_string()));
            };
            let malformed = |_| DateRangeError::Malformed(text.to_string());
            let (year, month, day) = (
                year.parse::<u16>().map_err(malformed)?,
                month.parse::<u8>().map_err(malformed)?,
                day.parse::<u8>().map_err(malformed)?,
            );
            Date::new(year, month, day)
                .map(Some)
                .ok_or_else(|| DateRangeError::NoSuchDate(part.to_string()))
        };
        let (from, to) = match text.split_once("..") {
            Some((from, to)) => (date(from)?, date(to)?),
            None => {
                let day = date(text)?;
                (day, day)
            }
        };
        match (from, to) {
            (None, None) => Err(DateRangeError::Malformed(text.to_string())),
            (Some(from), Some(to)) if from > to => Err(DateRangeError::Reversed { from, to }),
            _ => Ok(DateRange { from, to }),
        }
    }
}

/// A facet whose hits can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FacetName {
    Year,
    Kind,
    Level,
    Region,
}

impl FacetName {
    /// The schema field (and facet root) of this facet.
    pub fn field_name(self) -> &'static str {
        match self {
            FacetName::Year => "year",
            FacetName::Kind => "kind",
            FacetName::Level => "level",
            FacetName::Region => "region",
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
    fn published_mistakes_are_named() {
        assert!(matches!(
            "2023".parse::<DateRange>(),
            Err(DateRangeError::Malformed(_))
        ));
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
