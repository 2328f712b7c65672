//! Calendar dates and months, and the Patch Tuesday rule.
//!
//! Parsing and printing are written here rather than with chrono's formatting machinery,
//! which costs 13–19 KB gzip in Wasm; chrono supplies only the arithmetic.
//! Nothing in this module reads the clock: the evaluation date always comes from the caller.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (no time, no zone), printed and parsed as ISO `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// The English month names, January first: for people's text and for the names Microsoft's
/// documents write (`2026-Feb`, `July 18, 2026`).
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days from 0001-01-01 (day 1 of the common era, as chrono counts) to 1970-01-01.
const DAYS_TO_1970: i32 = 719_163;

impl Date {
    /// The date for a year, month (1–12) and day, or `None` when no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    ///
    /// # Errors
    /// `None` when the text is not of that form or names a day that does not exist
    /// (`2026-02-30`).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        Date::from_ymd(year as i32, month, day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// The month this date lies in.
    pub fn year_month(self) -> YearMonth {
        YearMonth { year: self.year(), month: self.month() }
    }

    /// This date plus `days` days (saturating at chrono's last representable date).
    pub fn add_days(self, days: u32) -> Date {
        Date(self.0.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX))
    }

    /// This date minus `days` days; `None` before chrono's first representable date.
    pub fn sub_days(self, days: u32) -> Option<Date> {
        self.0.checked_sub_days(Days::new(u64::from(days))).map(Date)
    }

    /// Whole days since 1970-01-01 (0 for earlier dates), for packing dates as numbers.
    pub fn days_since_1970(self) -> u32 {
        (self.0.num_days_from_ce() - DAYS_TO_1970).max(0) as u32
    }

    /// Whole days since 0001-01-01 (day 1), for packing any date an inventory can carry
    /// (Graph writes 0001-01-01 for a device that never synced) as a number.
    pub fn days_from_ce(self) -> u32 {
        self.0.num_days_from_ce().max(0) as u32
    }

    /// The UTC date of a time given as seconds since 1970 (inventory timestamps); `None`
    /// outside the calendar's range.
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        // Day numbers rather than duration arithmetic: this runs once per device.
        let days = i32::try_from(seconds.div_euclid(86_400)).ok()?.checked_add(DAYS_TO_1970)?;
        NaiveDate::from_num_days_from_ce_opt(days).map(Date)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The weekday, Monday = 0 … Sunday = 6.
    pub fn weekday_from_monday(self) -> u32 {
        self.0.weekday().num_days_from_monday()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&text)
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &"a date written YYYY-MM-DD"))
    }
}

/// A calendar month, printed and parsed as `YYYY-MM`; the unit of the release calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// The month `month` (1–12) of `year`, or `None` for a month outside 1–12 or a year
    /// outside 1–9999.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(YearMonth { year, month })
    }

    /// A month known to be valid at compile time (1–12, year 1–9999), for constants.
    pub(crate) const fn of(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    /// Parses exactly `YYYY-MM`.
    ///
    /// # Errors
    /// `None` when the text is not of that form or the month is not 01–12.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let b = text.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return None;
        }
        YearMonth::new(digits(&b[0..4])? as i32, digits(&b[5..7])?)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month after this one.
    pub fn next(self) -> YearMonth {
        self.plus(1)
    }

    /// The month before this one.
    pub fn prev(self) -> YearMonth {
        self.plus(-1)
    }

    /// This month moved by `n` months (negative moves back).
    pub fn plus(self, n: i32) -> YearMonth {
        let index = self.index() + n;
        YearMonth { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i32 {
        later.index() - self.index()
    }

    fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        // The constructor keeps year and month in range, so the first day always exists.
        Date::from_ymd(self.year, self.month, 1).unwrap_or(Date(NaiveDate::MIN))
    }

    /// Patch Tuesday: the second Tuesday of the month, when Microsoft ships the monthly
    /// security ("B") release, and with it every baseline and hotpatch
    /// (Windows release cycle page; DOMAIN.md section 1).
    pub fn patch_tuesday(self) -> Date {
        let first = self.first_day();
        let tuesday = Weekday::Tue.num_days_from_monday();
        let to_first_tuesday = (tuesday + 7 - first.weekday_from_monday()) % 7;
        first.add_days(to_first_tuesday + 7)
    }

    /// The English month name and year, as people write it: "April 2026".
    pub fn long_name(self) -> String {
        format!("{} {}", self.name(), self.year)
    }

    /// The English name of the month: "April".
    pub fn name(self) -> &'static str {
        MONTH_NAMES[(self.month - 1) as usize % 12]
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        YearMonth::parse(&text)
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &"a month written YYYY-MM"))
    }
}

/// Reads the timestamps inventories write, as seconds since 1970-01-01 UTC:
/// ISO 8601 (`2026-11-20T10:11:12Z`, with fractions or a `+01:00` offset, or a space for the
/// `T`), a bare date, Windows PowerShell 5.1's `/Date(1795169472000)/`, and the US-style
/// `11/20/2026 10:11:12 AM` of English Intune exports. `None` for anything else.
///
/// Only used to decide which of two disagreeing sources is newer, so seconds are enough.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let t = text.trim();
    // The common shapes first, without splitting: 2026-11-20T10:11:12Z (Graph, with or
    // without a fraction) and 2026-11-20 10:11:12.0000000 (Intune's CSV), in UTC.
    let b = t.as_bytes();
    // Only that exact shape (two digits for each of hour, minute and second): anything else,
    // such as a one-digit hour, is read by the general path below as before.
    let clock_digits = [11, 12, 14, 15, 17, 18].iter().all(|&at| b.get(at).is_some_and(u8::is_ascii_digit));
    if b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b' ')
        && b[13] == b':'
        && b[16] == b':'
        && clock_digits
    {
        let fraction = &b[19..];
        let fraction = fraction.strip_suffix(b"Z").or_else(|| fraction.strip_suffix(b"z")).unwrap_or(fraction);
        if fraction.is_empty() || (fraction[0] == b'.' && fraction[1..].iter().all(u8::is_ascii_digit)) {
            let date = Date::parse(t.get(..10)?)?;
            let (h, m, s) = (digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?);
            return (h < 24 && m < 60 && s < 61).then(|| epoch_seconds(date, h, m, s));
        }
    }
    if let Some(ms) = t.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        let digits_end = ms.char_indices().skip(1).find(|(_, c)| !c.is_ascii_digit()).map_or(ms.len(), |(i, _)| i);
        return ms[..digits_end].parse::<i64>().ok().map(|ms| ms.div_euclid(1000));
    }
    if t.len() >= 10 && t.as_bytes()[4] == b'-' {
        let date = Date::parse(t.get(..10)?)?;
        let rest = t[10..].trim_start_matches(['T', ' ']);
        let (h, m, sec, tail) = if rest.is_empty() { (0, 0, 0, "") } else { clock(rest)? };
        let offset = match tail.trim() {
            "" | "Z" | "z" => 0,
            zone => {
                let sign = match zone.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let z = zone.as_bytes();
                let hours = i64::from(digits(z.get(1..3)?)?);
                let rest = z.get(3..).unwrap_or(b"");
                let rest = rest.strip_prefix(b":").unwrap_or(rest);
                let minutes = i64::from(digits(rest.get(..2).unwrap_or(b"00"))?);
                sign * (hours * 3600 + minutes * 60)
            }
        };
        return Some(epoch_seconds(date, h, m, sec) - offset);
    }
    // Slashed dates as the Log Analytics portal's CSV export writes them in the exporter's
    // locale: "11/20/2026, 3:14:27.511 AM" (en-US), "20/11/2026 15:14:27.511" (en-GB),
    // "2026/11/20 15:14:27.511" (ja-JP). Month first with AM/PM; day first when the first
    // number cannot be a month; otherwise month first only when the second cannot be one: a
    // date that could be either ("2/3/2026 14:00") is not read (no date beats a wrong one).
    let (day_part, time_part) = t.split_once(' ').unwrap_or((t, ""));
    let day_part = day_part.strip_suffix(',').unwrap_or(day_part);
    let mut parts = day_part.split('/');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let twelve_hour = time_part.trim_end().to_ascii_uppercase().ends_with('M');
    let (y, mo, d) = match (a.len(), c.len()) {
        (4, _) => (a, b, c),
        (_, 4) => {
            let (first, second) = (digits(a.as_bytes())?, digits(b.as_bytes())?);
            if twelve_hour || (second > 12 && first <= 12) {
                (c, a, b)
            } else if first > 12 {
                (c, b, a)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let date = Date::from_ymd(digits(y.as_bytes())? as i32, digits(mo.as_bytes())?, digits(d.as_bytes())?)?;
    let time_part = time_part.trim();
    let (mut h, m, sec, tail) = if time_part.is_empty() { (0, 0, 0, "") } else { clock(time_part)? };
    match tail.trim().to_ascii_uppercase().as_str() {
        "" => {}
        "AM" if h == 12 => h = 0,
        "AM" => {}
        "PM" if h < 12 => h += 12,
        "PM" => {}
        _ => return None,
    }
    Some(epoch_seconds(date, h, m, sec))
}

/// `HH:MM[:SS[.fraction]]` and what follows it.
fn clock(text: &str) -> Option<(u32, u32, u32, &str)> {
    let b = text.as_bytes();
    let end = b.iter().position(|c| !(c.is_ascii_digit() || *c == b':' || *c == b'.')).unwrap_or(b.len());
    let (clock, tail) = text.split_at(end);
    let mut parts = clock.split(':');
    let h = digits(parts.next()?.as_bytes())?;
    let m = digits(parts.next()?.as_bytes())?;
    let sec = match parts.next() {
        Some(s) => digits(s.split('.').next()?.as_bytes())?,
        None => 0,
    };
    (h < 24 && m < 60 && sec < 61).then_some((h, m, sec, tail))
}

fn epoch_seconds(date: Date, h: u32, m: u32, s: u32) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    (date.0 - epoch).num_days() * 86_400 + i64::from(h * 3600 + m * 60 + s)
}

/// Reads ASCII digits as a number; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

#[cfg(test)]
mod tests {

    #[test]
    fn unix_seconds_and_day_numbers() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(Date::from_unix_seconds(0), Some(d("1970-01-01")));
        assert_eq!(Date::from_unix_seconds(-1), Some(d("1969-12-31")));
        assert_eq!(Date::from_unix_seconds(1_779_494_400), Some(d("2026-05-23")));
        assert_eq!(d("1970-01-02").days_since_1970(), 1);
        assert_eq!(d("2026-05-12").days_since_1970(), 20_585);
        assert_eq!(Date::from_unix_seconds(i64::MAX), None);
    }

    use super::*;

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    #[test]
    fn patch_tuesday_is_the_second_tuesday() {
        // Release dates from DOMAIN.md section 7.
        for (month, expected) in [
            ("2024-07", "2024-07-09"),
            ("2024-11", "2024-11-12"),
            ("2024-12", "2024-12-10"),
            ("2025-01", "2025-01-14"),
            ("2025-04", "2025-04-08"),
            ("2026-02", "2026-02-10"),
            ("2026-05", "2026-05-12"),
            ("2026-09", "2026-09-08"),
            ("2026-12", "2026-12-08"),
            // A month that starts on a Tuesday: the second Tuesday is the 8th.
            ("2025-07", "2025-07-08"),
            // A month that starts on a Wednesday: the second Tuesday is the 14th.
            ("2025-10", "2025-10-14"),
        ] {
            assert_eq!(ym(month).patch_tuesday().to_string(), expected, "{month}");
        }
    }

    #[test]
    fn every_patch_tuesday_is_a_tuesday_between_the_8th_and_14th() {
        let mut month = ym("2000-01");
        for _ in 0..1200 {
            let d = month.patch_tuesday();
            assert_eq!(d.weekday_from_monday(), 1, "{month}");
            assert!((8..=14).contains(&d.day()), "{month}");
            month = month.next();
        }
    }

    #[test]
    fn dates_parse_and_print_iso() {
        assert_eq!(Date::parse("2026-02-28").unwrap().to_string(), "2026-02-28");
        for bad in ["2026-02-30", "2026-2-28", "26-02-28", "2026/02/28", "2026-02-2x", "", "２０２６-02-28"] {
            assert!(Date::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn months_parse_print_and_step() {
        assert_eq!(ym("2026-12").next().to_string(), "2027-01");
        assert_eq!(ym("2026-01").prev().to_string(), "2025-12");
        assert_eq!(ym("2026-01").plus(-13).to_string(), "2024-12");
        assert_eq!(ym("2024-11").months_until(ym("2026-08")), 21);
        for bad in ["2026-13", "2026-00", "2026-1", "202601", "2026-01-01"] {
            assert!(YearMonth::parse(bad).is_none(), "{bad:?}");
        }
        assert_eq!(ym("2026-04").long_name(), "April 2026");
    }

    #[test]
    fn timestamps_as_inventories_write_them() {
        let base = parse_timestamp("2026-11-20T10:11:12Z").unwrap();
        assert_eq!(base, 1_795_169_472);
        for text in [
            "2026-11-20T10:11:12.1234567Z",
            "2026-11-20 10:11:12",
            "2026-11-20 10:11:12.0000000",
            "2026-11-20T10:11:12.5z",
            "2026-11-20T10:11:12",
            "2026-11-20  10:11:12",
            "2026-11-20 10:11:12 Z",
            "2026-11-20T10:11:12.Z",
            "2026-11-20T11:11:12+01:00",
            "2026-11-20T05:11:12-05:00",
            "/Date(1795169472000)/",
            "11/20/2026 10:11:12 AM",
        ] {
            assert_eq!(parse_timestamp(text), Some(base), "{text}");
        }
        assert_eq!(parse_timestamp("11/20/2026 10:11:12 PM"), Some(base + 12 * 3600));
        // Shapes near the positional one that the general path reads (a one-digit hour or
        // second, a space after the T): read as they always were.
        for (text, seconds) in [
            ("2026-11-20T 1:11:12", base - 9 * 3600),
            ("2026-11-20  1:11:12", base - 9 * 3600),
            ("2026-11-20 10:11:5Z", base - 7),
            ("2026-11-20T10:11:5z", base - 7),
            ("2026-11-20T10:11:1.", base - 11),
        ] {
            assert_eq!(parse_timestamp(text), Some(seconds), "{text}");
        }
        // The Log Analytics portal's CSV export in three locales.
        for text in
            ["11/20/2026, 10:11:12.511 AM", "20/11/2026 10:11:12.511", "2026/11/20 10:11:12.511", "11/20/2026 10:11:12"]
        {
            assert_eq!(parse_timestamp(text), Some(base), "{text}");
        }
        // Either day or month first: not read.
        assert_eq!(parse_timestamp("2/3/2026 14:00"), None);
        assert_eq!(parse_timestamp("2026-11-20"), Some(base - 36_672));
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "13/45/2026",
            "2026-11-20T25:00:00Z",
            "/Date(abc)/",
            "2026-11-31 10:11:12.0000000",
            "2026-11-20 10:61:12",
            "2026-11-20 10:11:12.0x",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn day_arithmetic() {
        let d = Date::parse("2026-12-29").unwrap();
        assert_eq!(d.add_days(9).to_string(), "2027-01-07");
        assert_eq!(d.days_until(Date::parse("2027-01-07").unwrap()), 9);
    }
}
