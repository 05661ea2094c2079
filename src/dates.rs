//! Calendar dates ↔ tantivy date values (seconds since the Unix epoch, UTC midnight).

use crate::report::Date;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The tantivy date of a calendar date.
pub fn to_datetime(date: Date) -> tantivy::DateTime {
    let days = days_from_civil(
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    tantivy::DateTime::from_timestamp_secs(days * 86_400)
}

/// The calendar date of a tantivy date.
pub fn from_datetime(value: tantivy::DateTime) -> Option<Date> {
    let days = value.into_timestamp_secs().div_euclid(86_400);
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Some(Date {
        year: u16::try_from(year).ok()?,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
    })
}

/// A moment in seconds since the Unix epoch as a UTC date-time: `2026-11-21 14:06:46 UTC`.
pub fn utc_date_time(seconds: u64) -> String {
    let seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
    let day_seconds = seconds.rem_euclid(86_400);
    let time = format!(
        "{:02}:{:02}:{:02}",
        day_seconds / 3600,
        day_seconds / 60 % 60,
        day_seconds % 60
    );
    match from_datetime(tantivy::DateTime::from_timestamp_secs(
        seconds - day_seconds,
    )) {
        Some(date) => format!("{date} {time} UTC"),
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
            let date = Date { year, month, day };
            assert_eq!(from_datetime(to_datetime(date)), Some(date));
        }
        assert_eq!(
            to_datetime(Date {
                year: 1970,
                month: 1,
                day: 2
            })
            .into_timestamp_secs(),
            86_400
        );
    }
}
