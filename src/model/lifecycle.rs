//! A question's life: draft, active, retired; when it was last reviewed; and calendar dates,
//! which YAML writes as `2026-03-01`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a question is in its life: `draft` (checked, but published only by `hirebook build
/// --drafts`), `active` (the default) or `retired` (the page stays, with a banner; it leaves
/// the lists, the planner's bank and, by default, search).
///
/// (The variants have no doc comments of their own: with them, the JSON Schema would list
/// the values as `oneOf` constants, which editors and the shape check read less well.)
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    // Active first: a mistyped status stands in as the first value while the rest of the
    // file is checked, and `active` implies nothing about the other fields.
    #[default]
    Active,
    Draft,
    Retired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Active => "active",
            Status::Retired => "retired",
        }
    }
}

/// Why and when a question was retired, and what replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retirement {
    pub on: Option<Date>,
    pub reason: Option<String>,
    /// Checked: an active (or draft) question other than this one.
    pub replaced_by: Option<super::QuestionIx>,
}

/// Whether a question last reviewed on `reviewed` is due for review on `today`, with a review
/// every `months`: from the day it falls due.
pub fn review_due(reviewed: Date, months: u32, today: Date) -> bool {
    reviewed.plus_months(months) <= today
}

/// A calendar date (proleptic Gregorian), as written in content: `2026-03-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`, a real day of the calendar (no 2026-02-30).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || y.len() != 4
            || m.len() != 2
            || d.len() != 2
            || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let real = (1900..=9999).contains(&date.year)
            && (1..=12).contains(&date.month)
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month);
        real.then_some(date)
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The same day `months` later (the month's last day when it has fewer days).
    pub fn plus_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Today, from `SOURCE_DATE_EPOCH` when it is set (for builds that must not depend on
    /// the day they run), else from the system clock, in UTC.
    pub fn today() -> Date {
        // (A value outside the years dates may have, 1900 to 9999, is ignored.)
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|s| (-2_208_988_800..253_402_300_800).contains(s))
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days(seconds.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_only_when_they_are_real_days() {
        assert_eq!(
            Date::parse("2026-03-01"),
            Some(Date {
                year: 2026,
                month: 3,
                day: 1
            })
        );
        assert!(Date::parse("2024-02-29").is_some());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "2026-1-5",
            "26-01-05",
            "2026/01/05",
            "2026-01-05T10:00",
            "last week",
            "",
            "1850-01-01",
            "+026-01-05",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_count_from_the_epoch_both_ways() {
        for (text, days) in [
            ("1970-01-01", 0),
            ("2000-03-01", 11_017),
            ("2026-12-03", 20_790),
            ("1969-12-31", -1),
        ] {
            let date = Date::parse(text).unwrap();
            assert_eq!(date.days(), days, "{text}");
            assert_eq!(Date::from_days(days).to_string(), text);
        }
        // Every day of four centuries survives the round trip, in order.
        let mut previous = Date::from_days(-1);
        for days in 0..146_097 {
            let date = Date::from_days(days);
            assert_eq!(date.days(), days);
            assert!(date > previous);
            if date.year >= 1900 {
                assert_eq!(Date::parse(&date.to_string()), Some(date));
            }
            previous = date;
        }
    }

    #[test]
    fn months_are_added_as_a_calendar_does() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2026-01-31").plus_months(1), d("2026-02-28"));
        assert_eq!(d("2024-01-31").plus_months(1), d("2024-02-29"));
        assert_eq!(d("2026-11-15").plus_months(12), d("2027-11-15"));
        assert_eq!(d("2026-11-15").plus_months(2), d("2027-01-15"));
    }
}
