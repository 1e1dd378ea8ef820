//! Calendar dates (`YYYY-MM-DD`) and birth-date validation.
//!
//! [`Date`] is a plain proleptic-Gregorian calendar date for years 0001–9999. There is no clock
//! here: "today" is always passed in ([`BirthDateOptions::today`]).
//!
//! Age rule ([`years_between`]): a person gains a year on their birthday. Someone born on 29
//! February gains it on 1 March in non-leap years (they are not yet 18 on 28 February), which is
//! the usual legal reading in the US and UK.

use std::fmt;

use crate::input::fields::{field_label, field_name, req_string};
use crate::input::issue::{Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;

/// A calendar date. Fields are private so a `Date` is always a real date; build one with
/// [`Date::parse`] or [`Date::from_ymd`]. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// True for Gregorian leap years.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (`month` 1–12; 0 for anything else).
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// 1970-01-01, a fallback for callers that cannot read a clock.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// The earliest birth date [`validate_birth_date`] accepts: 1900-01-01.
    pub const MIN_BIRTH_DATE: Date = Date {
        year: 1900,
        month: 1,
        day: 1,
    };

    /// A date from its parts, `None` unless it is a real date with a year from 1 to 9999.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day, real calendar date).
    /// No trimming, no other separators, no time part.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        Date::from_ymd(year, month, day)
    }

    /// The year (1–9999).
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month (1–12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1–31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// `YYYY-MM-DD` (what `Display` writes), without the formatting machinery.
    pub fn iso(self) -> String {
        let y = u32::try_from(self.year).unwrap_or(0);
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        let m = u32::from(self.month);
        let d = u32::from(self.day);
        [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            '-',
            digit(m / 10),
            digit(m),
            '-',
            digit(d / 10),
            digit(d),
        ]
        .iter()
        .collect()
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Completed years from `birth` to `today` (0 when `today` is before `birth`). A birthday on
/// 29 February counts on 1 March in non-leap years.
pub fn years_between(birth: Date, today: Date) -> u32 {
    if today <= birth {
        return 0;
    }
    let mut years = today.year - birth.year;
    // (2, 29) > (2, 28): in a non-leap year the Feb 29 birthday is reached on 1 March.
    if (today.month, today.day) < (birth.month, birth.day) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// Options of [`validate_birth_date`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BirthDateOptions {
    /// Today's date (the caller's; this crate never reads a clock).
    pub today: Date,
    /// Minimum age in completed years. Default ([`BirthDateOptions::new`]): 18.
    pub min_age: u32,
}

impl BirthDateOptions {
    /// Options for the given day with the default minimum age of 18.
    pub fn new(today: Date) -> Self {
        BirthDateOptions { today, min_age: 18 }
    }
}

/// Validates a birth date at the root; see [`validate_birth_date_at`].
///
/// # Errors
/// As [`validate_birth_date_at`].
pub fn validate_birth_date(v: &Value, opts: &BirthDateOptions) -> Validation<String> {
    validate_birth_date_at(v, &[], opts)
}

/// Validates a birth date at `path`: a real `YYYY-MM-DD` date (surrounding spaces trimmed), not
/// before 1900-01-01, not after `opts.today`, and at least `opts.min_age` years ago. Returns the
/// canonical `YYYY-MM-DD` string.
///
/// # Errors
/// One issue (messages never contain the date): `required`, `invalid_type`, `too_long`,
/// `invalid_encoding`, `invalid_date` (with a hint when the input looks like `MM/DD/YYYY`,
/// `DD.MM.YYYY` or a date-time; `params.format = "YYYY-MM-DD"`), `implausible_date`
/// (`params.min = "1900-01-01"`), `date_in_future`, or `too_young` (`params.minAge`).
pub fn validate_birth_date_at(
    v: &Value,
    path: &[PathSeg],
    opts: &BirthDateOptions,
) -> Validation<String> {
    let s = req_string(v, path, 64).map_err(|e| vec![e])?;
    let label = field_label(path);
    let issue = |code: IssueCode, message: String| {
        Issue::new(code, path.to_vec(), message).with("field", field_name(path))
    };
    let Some(date) = Date::parse(&s) else {
        let hint = match shape(&s) {
            Shape::Slashes => "use YYYY-MM-DD (year first), not MM/DD/YYYY",
            Shape::Dots => "use YYYY-MM-DD (year first), not DD.MM.YYYY",
            Shape::YearFirstOtherSeparator => "use hyphens: YYYY-MM-DD",
            Shape::ShortParts => "use two digits for the month and the day: YYYY-MM-DD",
            Shape::DateTime => "send the date only, YYYY-MM-DD, without a time",
            Shape::NotARealDate => "this day does not exist in the calendar",
            Shape::Other => "use YYYY-MM-DD (four-digit year, two-digit month and day)",
        };
        return Err(vec![issue(
            IssueCode::InvalidDate,
            [
                label.as_str(),
                " must be a real date in YYYY-MM-DD form; ",
                hint,
                ".",
            ]
            .concat(),
        )
        .with("format", "YYYY-MM-DD")]);
    };
    if date < Date::MIN_BIRTH_DATE {
        return Err(vec![issue(
            IssueCode::ImplausibleDate,
            [
                label.as_str(),
                " must be on or after ",
                &Date::MIN_BIRTH_DATE.iso(),
                "; check the year.",
            ]
            .concat(),
        )
        .with("min", Date::MIN_BIRTH_DATE.iso())]);
    }
    if date > opts.today {
        return Err(vec![issue(
            IssueCode::DateInFuture,
            [label.as_str(), " cannot be in the future."].concat(),
        )]);
    }
    if years_between(date, opts.today) < opts.min_age {
        return Err(vec![issue(
            IssueCode::TooYoung,
            [
                "The customer must be at least ",
                &crate::text::int(i64::from(opts.min_age)),
                " years old.",
            ]
            .concat(),
        )
        .with("minAge", crate::text::int(i64::from(opts.min_age)))]);
    }
    Ok(date.iso())
}

/// What a string that is not `YYYY-MM-DD` looks like, for the hint.
enum Shape {
    Slashes,
    Dots,
    YearFirstOtherSeparator,
    ShortParts,
    DateTime,
    NotARealDate,
    Other,
}

fn shape(s: &str) -> Shape {
    let parts = |sep: char| -> Vec<&str> { s.split(sep).collect() };
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let b = s.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return Shape::NotARealDate;
    }
    if b.len() > 10
        && s.get(..10).and_then(Date::parse).is_some()
        && matches!(b[10], b'T' | b't' | b' ')
    {
        return Shape::DateTime;
    }
    for (sep, year_last) in [
        ('/', Shape::Slashes),
        ('.', Shape::Dots),
        ('-', Shape::Slashes),
    ] {
        let p = parts(sep);
        if p.len() == 3 {
            if digits(p[0], 1, 2) && digits(p[1], 1, 2) && digits(p[2], 4, 4) {
                return year_last;
            }
            if digits(p[0], 4, 4) && digits(p[1], 1, 2) && digits(p[2], 1, 2) {
                return if sep == '-' {
                    Shape::ShortParts
                } else {
                    Shape::YearFirstOtherSeparator
                };
            }
        }
    }
    Shape::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn opts() -> BirthDateOptions {
        BirthDateOptions::new(d("2026-01-15"))
    }

    fn code(v: &str) -> IssueCode {
        validate_birth_date(&v.into(), &opts()).unwrap_err()[0].code
    }

    #[test]
    fn parsing() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-04-31",
            "0000-01-01",
            "2023-1-01",
            "2023-01-1",
            "20230101",
            "2023/01/01",
            " 2023-01-01",
            "2023-01-01T00:00",
            "２０２３-01-01",
            "+202-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_some());
        assert!(d("1999-12-31") < d("2000-01-01"));
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
        assert_eq!(Date::from_ymd(10000, 1, 1), None);
        assert_eq!(Date::EPOCH.to_string(), "1970-01-01");
        for (y, m, d, text) in [
            (1, 1, 1, "0001-01-01"),
            (999, 12, 31, "0999-12-31"),
            (9999, 2, 9, "9999-02-09"),
        ] {
            let date = Date::from_ymd(y, m, d).unwrap();
            assert_eq!(date.iso(), text);
            assert_eq!(date.iso(), format!("{:04}-{:02}-{:02}", y, m, d));
        }
        let x = d("0001-01-01");
        assert_eq!((x.year(), x.month(), x.day()), (1, 1, 1));
        let y = d("2024-02-29");
        assert_eq!((y.year(), y.month(), y.day()), (2024, 2, 29));
        // both separators are checked, each on its own
        for bad in ["2023-01/01", "2023/01-01", "2023-01x01", "2023x01-01"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ages() {
        assert_eq!(years_between(d("2008-01-15"), d("2026-01-15")), 18);
        assert_eq!(years_between(d("2008-01-16"), d("2026-01-15")), 17);
        // Feb 29 birthday: 18 on Mar 1 of a non-leap year
        assert_eq!(years_between(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(years_between(d("2008-02-29"), d("2026-03-01")), 18);
        assert_eq!(years_between(d("2008-02-29"), d("2028-02-29")), 20);
        assert_eq!(years_between(d("2030-01-01"), d("2026-01-01")), 0);
    }

    #[test]
    fn every_code_with_its_path() {
        let p: Vec<PathSeg> = vec!["customer".into(), "birthDate".into()];
        for (input, code) in [
            (Value::from("1990-02-30"), IssueCode::InvalidDate),
            (Value::from("2026-01-16"), IssueCode::DateInFuture),
            (Value::from("2010-01-01"), IssueCode::TooYoung),
            (Value::from("1899-12-31"), IssueCode::ImplausibleDate),
            (Value::from(" "), IssueCode::Required),
            (Value::Number(1.0), IssueCode::InvalidType),
            (Value::from("1".repeat(65)), IssueCode::TooLong),
            (Value::from("1990-01-01\u{0}"), IssueCode::InvalidEncoding),
        ] {
            let e = validate_birth_date_at(&input, &p, &opts()).unwrap_err();
            assert_eq!((e.len(), e[0].code, &e[0].path), (1, code, &p));
        }
    }

    #[test]
    fn birth_dates() {
        assert_eq!(
            validate_birth_date(&" 1990-07-31 ".into(), &opts()).unwrap(),
            "1990-07-31"
        );
        assert_eq!(
            validate_birth_date(&"2008-01-15".into(), &opts()).unwrap(),
            "2008-01-15"
        );
        assert_eq!(code("2008-01-16"), IssueCode::TooYoung);
        let e = validate_birth_date_at(&"2008-01-16".into(), &["birthDate".into()], &opts())
            .unwrap_err();
        assert_eq!(
            (e[0].path_string(), e[0].param("minAge")),
            ("birthDate".into(), Some("18"))
        );
        assert_eq!(code("2026-01-16"), IssueCode::DateInFuture);
        assert_eq!(code("1899-12-31"), IssueCode::ImplausibleDate);
        assert_eq!(
            validate_birth_date(&"1900-01-01".into(), &opts()).unwrap(),
            "1900-01-01"
        );
        let young = BirthDateOptions {
            today: d("2026-01-15"),
            min_age: 0,
        };
        assert_eq!(
            validate_birth_date(&"2026-01-15".into(), &young).unwrap(),
            "2026-01-15"
        );
        for (input, fragment) in [
            ("07/31/1990", "not MM/DD/YYYY"),
            ("31.07.1990", "not DD.MM.YYYY"),
            ("1990/07/31", "use hyphens"),
            ("1990-7-31", "two digits"),
            ("1990-07-31T00:00:00Z", "without a time"),
            ("1990-02-30", "does not exist"),
            ("July 31, 1990", "four-digit year"),
            // a hint needs every part of its shape: a two-digit year, a month name
            ("07/31/90", "four-digit year"),
            ("Jul/31/1990", "four-digit year"),
            ("31/Jul/1990", "four-digit year"),
            ("1990/Jul/31", "four-digit year"),
            ("1990-Jul-31", "four-digit year"),
        ] {
            let e = validate_birth_date(&input.into(), &opts()).unwrap_err();
            assert_eq!(e[0].code, IssueCode::InvalidDate, "{input}");
            assert!(e[0].message.contains(fragment), "{input}: {}", e[0].message);
            assert!(!e[0].message.contains(input));
            assert_eq!(e[0].param("format"), Some("YYYY-MM-DD"));
        }
        assert_eq!(
            validate_birth_date(&Value::Undefined, &opts()).unwrap_err()[0].code,
            IssueCode::Required
        );
        assert_eq!(
            validate_birth_date(&Value::Other("Date"), &opts()).unwrap_err()[0].code,
            IssueCode::InvalidType
        );
    }
}
