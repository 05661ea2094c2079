//! `--year`: one year, a range of years, or the reports whose year is unknown.

use std::str::FromStr;
use thiserror::Error;

use crate::dates::YEARS;
use crate::schema::facet::UNKNOWN;

/// Which report years a search keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFilter {
    /// `2024`
    Year(u16),
    /// `2019..2021`, `2019..`, `..2021` (bounds included)
    Range { from: Option<u16>, to: Option<u16> },
    /// `unknown`: reports whose year could not be found
    Unknown,
}

/// A year filter (`--year`, `year:` in a query) that is not a year, a range or `unknown`, or a
/// range that ends before it starts. The message says what is wrong with the value; the caller
/// names the flag or the query part, and the value.
#[derive(Debug, Error)]
pub enum YearFilterError {
    #[error("expected a year (2024), a range (2019..2021, 2019.., ..2021) or `unknown`")]
    Malformed(String),
    #[error("the range ends before it starts (did you mean {to}..{from}?)")]
    Reversed { text: String, from: u16, to: u16 },
}

impl FromStr for YearFilter {
    type Err = YearFilterError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || YearFilterError::Malformed(text.to_string());
        let year = |part: &str| -> Result<Option<u16>, YearFilterError> {
            let part = part.trim();
            if part.is_empty() {
                return Ok(None);
            }
            // u16's parser takes `+2024`; a year is four digits, nothing else.
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            match part.parse::<u16>() {
                Ok(year) if YEARS.contains(&year) => Ok(Some(year)),
                _ => Err(bad()),
            }
        };
        let text = text.trim();
        if text.eq_ignore_ascii_case(UNKNOWN) {
            return Ok(YearFilter::Unknown);
        }
        match text.split_once("..") {
            None => year(text)?.map(YearFilter::Year).ok_or_else(bad),
            Some((from, to)) => {
                let (from, to) = (year(from)?, year(to)?);
                match (from, to) {
                    (None, None) => Err(bad()),
                    (Some(from), Some(to)) if from > to => Err(YearFilterError::Reversed {
                        text: text.to_string(),
                        from,
                        to,
                    }),
                    _ => Ok(YearFilter::Range { from, to }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_or_space_inside_is_no_year() {
        for text in ["+2024", "-2024", "+2019..2021", "2019..+2021", "20 24"] {
            assert!(text.parse::<YearFilter>().is_err(), "{text}");
        }
        assert_eq!(
            "UNKNOWN".parse::<YearFilter>().ok(),
            Some(YearFilter::Unknown)
        );
    }

    #[test]
    fn parses_years_ranges_and_unknown() {
        assert_eq!(
            "2024".parse::<YearFilter>().ok(),
            Some(YearFilter::Year(2024))
        );
        assert_eq!(
            "2019..2021".parse::<YearFilter>().ok(),
            Some(YearFilter::Range {
                from: Some(2019),
                to: Some(2021)
            })
        );
        assert_eq!(
            "2019..".parse::<YearFilter>().ok(),
            Some(YearFilter::Range {
                from: Some(2019),
                to: None
            })
        );
        assert_eq!(
            "..2021".parse::<YearFilter>().ok(),
            Some(YearFilter::Range {
                from: None,
                to: Some(2021)
            })
        );
        assert_eq!(
            "Unknown".parse::<YearFilter>().ok(),
            Some(YearFilter::Unknown)
        );
    }

    #[test]
    fn rejects_what_is_not_a_year() {
        for bad in ["", "..", "24", "2021..2019", "二〇二四", "2024-2025"] {
            let err = bad.parse::<YearFilter>().unwrap_err();
            let said = err.to_string();
            assert!(
                said.contains("expected a year") || said.contains("ends before it starts"),
                "{said}"
            );
        }
        let reversed = "2021..2019".parse::<YearFilter>().unwrap_err().to_string();
        assert!(reversed.contains("did you mean 2019..2021?"), "{reversed}");
    }
}
