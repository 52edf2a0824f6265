//! Calendar dates for event times: validated year-month-day values with day arithmetic,
//! weekdays and month lengths (proleptic Gregorian, as ISO 8601).

use std::fmt;

/// A valid calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// Weekday names, Monday first.
pub const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names (full name, three-letter abbreviation or "Sept"), 1-based.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    // Full names, three-letter abbreviations and "Sept".
    MONTHS
        .iter()
        .position(|m| *m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept")))
        .map(|i| i as u32 + 1)
}

/// Days of `month` in `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, when `month` and `day` exist in `year` (years 1 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (a longer value such as a timestamp is cut to its first ten bytes).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.get(..10)?;
        let b = s.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, clamped to years 1 to 9999.
    pub fn from_days(days: i64) -> Date {
        let z = days.clamp(-719_162, 2_932_896) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Day of the week, 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// The Monday of this date's week.
    pub fn week_start(self) -> Date {
        self.add_days(-i64::from(self.weekday()))
    }

    /// The first day of `month` of `year`, months counted past December or before January.
    pub fn month_start(year: i32, month: i64) -> Option<Date> {
        let index = i64::from(year) * 12 + month - 1;
        Date::new(
            index.div_euclid(12) as i32,
            index.rem_euclid(12) as u32 + 1,
            1,
        )
    }

    /// The last day of this date's month.
    pub fn month_end(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekdays() {
        let cases: &[(&str, i64, u32)] = &[
            ("1970-01-01", 0, 3),
            ("1987-03-09", 6276, 0),
            ("1987-03-05", 6272, 3),
            ("2000-02-29", 11_016, 1),
            ("1969-12-31", -1, 2),
            ("2024-12-31", 20_088, 1),
        ];
        for &(iso, days, weekday) in cases {
            let d = Date::parse_iso(iso).expect(iso);
            assert_eq!(d.days(), days, "{iso}");
            assert_eq!(Date::from_days(days), d, "{iso}");
            assert_eq!(d.weekday(), weekday, "{iso}");
            assert_eq!(d.to_string(), iso);
        }
    }

    #[test]
    fn invalid_dates_are_refused() {
        for iso in [
            "1987-02-29",
            "1987-13-01",
            "1987-00-10",
            "1987-04-31",
            "87-03-09",
            "1987/03/09",
        ] {
            assert_eq!(Date::parse_iso(iso), None, "{iso}");
        }
    }

    #[test]
    fn months_roll_over_years() {
        assert_eq!(Date::month_start(1987, 0), Date::new(1986, 12, 1));
        assert_eq!(Date::month_start(1987, 13), Date::new(1988, 1, 1));
        assert_eq!(
            Date::new(1988, 2, 10).map(Date::month_end),
            Date::new(1988, 2, 29)
        );
    }
}
