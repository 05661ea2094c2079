//! Calendar dates: one [`Date`], checked against the calendar and one range of plausible
//! years, read from `2021-09-22`, and turned into tantivy's date values (UTC midnight) and
//! back through `tantivy::time`.

use std::fmt;
use std::str::FromStr;
use tantivy::time::{Date as CivilDate, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// The years a report can be of: from the founding of the People's Republic to far enough
/// ahead for any plan. A number outside is not read as a year (not in text, not in a sidecar,
/// not in a filter).
pub const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

/// A calendar date within [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    /// The month, 1..=12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
}

impl Date {
    /// The date when it is in the calendar (no 2023-02-29) and its year is in [`YEARS`].
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let month_of_year = Month::try_from(month).ok()?;
        CivilDate::from_calendar_date(i32::from(year), month_of_year, day).ok()?;
        YEARS.contains(&year).then_some(Date { year, month, day })
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date of the calendar such as 2021-09-22 (a year from {} to {})", YEARS.start(), YEARS.end())]
pub struct NotADate;

impl FromStr for Date {
    type Err = NotADate;

    /// `2021-09-22` (also `2021-9-2`): digits only, a date of the calendar.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.trim().splitn(3, '-');
        let mut number = || -> Option<u16> {
            let part = parts.next()?;
            let digits =
                !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse().ok()).flatten()
        };
        let (year, month, day) = (number(), number(), number());
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(NotADate);
        };
        let month = u8::try_from(month).map_err(|_| NotADate)?;
        let day = u8::try_from(day).map_err(|_| NotADate)?;
        Date::new(year, month, day).ok_or(NotADate)
    }
}

/// As `2021-09-22`, in the JSON outputs.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The tantivy date of a calendar date: its midnight, UTC.
pub fn to_datetime(date: Date) -> tantivy::DateTime {
    let civil = Month::try_from(date.month)
        .ok()
        .and_then(|month| CivilDate::from_calendar_date(i32::from(date.year), month, date.day).ok())
        // Dates made by `Date::new` or parsed are of the calendar; one written field by field
        // that is not becomes the earliest date there is, never a panic.
        .unwrap_or(CivilDate::MIN);
    tantivy::DateTime::from_utc(PrimitiveDateTime::new(civil, Time::MIDNIGHT).assume_utc())
}

/// The calendar date of a tantivy date (its UTC day), when its year is in [`YEARS`].
pub fn from_datetime(value: tantivy::DateTime) -> Option<Date> {
    let moment = value.into_utc();
    Date::new(
        u16::try_from(moment.year()).ok()?,
        u8::from(moment.month()),
        moment.day(),
    )
}

/// A moment in seconds since the Unix epoch as a UTC date-time: `2026-11-21 14:06:46 UTC`.
pub fn utc_date_time(seconds: u64) -> String {
    let moment = i64::try_from(seconds)
        .ok()
        .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok());
    match moment {
        Some(at) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        ),
        None => format!("{seconds} s after 1970-01-01 UTC"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_as_utc_date_times() {
        assert_eq!(utc_date_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_date_time(1_795_402_006), "2026-11-23 02:46:46 UTC");
    }

    #[test]
    fn dates_survive_the_round_trip() {
        for (year, month, day) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2021, 9, 22),
            (2024, 12, 31),
            (2026, 2, 3),
        ] {
            let date = Date::new(year, month, day).expect("a date");
            assert_eq!(from_datetime(to_datetime(date)), Some(date));
        }
        let second_day = Date::new(1970, 1, 2).expect("a date");
        assert_eq!(to_datetime(second_day).into_timestamp_secs(), 86_400);
    }

    #[test]
    fn only_dates_of_the_calendar_in_the_years_parse() {
        assert_eq!(
            "2021-09-22".parse(),
            Ok(Date {
                year: 2021,
                month: 9,
                day: 22
            })
        );
        assert_eq!(
            "2024-2-29".parse(),
            Ok(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-30",
            "2023-02-29",
            "2023-13-01",
            "1900-01-01",
            "2023-01",
            "+2023-01-01",
            "2023-01-01x",
            "２０２３-01-01",
            "",
        ] {
            assert_eq!(bad.parse::<Date>(), Err(NotADate), "{bad}");
        }
    }
}
