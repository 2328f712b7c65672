//! Small text helpers the readers share: builds, KB numbers, month names, positions.
//! All of them work on characters or on checked byte ranges, so no input can make them panic.

use crate::date::{Date, YearMonth, MONTH_NAMES};

/// Splits a build written `10.0.26100.7781` or `26100.7781` into (26100, 7781).
pub(crate) fn parse_build(text: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = text.trim().split('.').collect();
    let (build, ubr) = match parts.as_slice() {
        [major, minor, build, ubr] if number(major).is_some() && number(minor).is_some() => (*build, *ubr),
        [build, ubr] => (*build, *ubr),
        _ => return None,
    };
    Some((number(build)?, number(ubr)?))
}

/// A non-negative decimal number of at most 9 digits, nothing else.
pub(crate) fn number(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// `KB1234567` from `1234567`, `KB1234567`, `kb 1234567`; `None` unless it is 6–8 digits.
pub(crate) fn normalize_kb(text: &str) -> Option<String> {
    let t = text.trim();
    let digits = match t.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("kb") => t.get(2..).unwrap_or("").trim_start(),
        _ => t,
    };
    kb_digits(digits)
}

fn kb_digits(digits: &str) -> Option<String> {
    ((6..=8).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())).then(|| format!("KB{digits}"))
}

/// The first `KB1234567` written anywhere in a text (case-insensitive), such as a link text,
/// an article slug (`…-kb5075942-os-build…`) or a title.
pub(crate) fn find_kb(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i].eq_ignore_ascii_case(&b'k') && b[i + 1].eq_ignore_ascii_case(&b'b') {
            let start = i + 2;
            let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
            // A KB is not the tail of a longer word ("…kb" in "wkb123" is not a KB).
            let word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            if word_start && end > start {
                if let Some(kb) = text.get(start..end).and_then(kb_digits) {
                    return Some(kb);
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// The KB number at the end of a support link: `…/help/5087539` → `KB5087539`.
pub(crate) fn kb_from_help_url(url: &str) -> Option<String> {
    let tail = url.trim_end_matches('/').rsplit('/').next()?;
    kb_digits(tail).or_else(|| find_kb(url))
}

/// The month of an English month name or its three-letter abbreviation, any case.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let name = name.trim();
    if name.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|n| {
            n.eq_ignore_ascii_case(name)
                || (name.len() == 3 && n.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(name)))
        })
        .map(|i| i as u32 + 1)
}

/// MSRC's month identifier `2026-Feb` (any case of the month); `None` for odd ones such as
/// `2017-May-B`.
pub(crate) fn msrc_month(id: &str) -> Option<YearMonth> {
    let (year, month) = id.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 3 {
        return None;
    }
    YearMonth::new(number(year)? as i32, month_number(month)?)
}

/// The date at the start of a timestamp: `2026-06-09T07:00:00` → 2026-06-09.
pub(crate) fn date_prefix(text: &str) -> Option<Date> {
    Date::parse(text.trim().get(..10)?)
}

/// A year and month written `2026.01`, `2026-01` (optionally followed by more), as the
/// release-health and Graph "update type" columns write them.
pub(crate) fn dotted_month(text: &str) -> Option<YearMonth> {
    // Only the start is trimmed: callers try many positions of one text.
    let t = text.trim_start();
    let year = number(t.get(..4)?)?;
    let sep = t.get(4..5)?;
    if sep != "." && sep != "-" {
        return None;
    }
    let month = number(t.get(5..7)?)?;
    YearMonth::new(year as i32, month)
}

/// An English date written `July 18, 2026`.
pub(crate) fn english_date(text: &str) -> Option<Date> {
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let month = month_number(words.next()?)?;
    let day = number(words.next()?)?;
    let year = number(words.next()?)?;
    if words.next().is_some() {
        return None;
    }
    Date::from_ymd(year as i32, month, day)
}

/// "line L, column C" (both from 1) of a byte offset, counting characters; offsets past the
/// end or inside a character are clamped.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_kbs_and_months_are_read_leniently_but_exactly() {
        assert_eq!(parse_build("10.0.26100.7781"), Some((26100, 7781)));
        assert_eq!(parse_build("26100.32313"), Some((26100, 32313)));
        assert_eq!(parse_build("10.0.26100"), None);
        assert_eq!(parse_build("10.0.26100.x"), None);
        assert_eq!(normalize_kb("5077212").as_deref(), Some("KB5077212"));
        assert_eq!(normalize_kb("kb 5077212").as_deref(), Some("KB5077212"));
        assert_eq!(normalize_kb("Release Notes"), None);
        assert_eq!(find_kb("february-10-2026-hotpatch-kb5075942-os-build-26100").as_deref(), Some("KB5075942"));
        assert_eq!(find_kb("July 18, 2026—KB5121767 (OS Builds"), Some("KB5121767".into()));
        assert_eq!(msrc_month("2018-FEB"), Some(YearMonth::of(2018, 2)));
        assert_eq!(msrc_month("2017-May-B"), None);
        assert_eq!(dotted_month("2024.08 B^\\*^"), Some(YearMonth::of(2024, 8)));
        assert_eq!(english_date("April 25, 2025"), Date::from_ymd(2025, 4, 25));
        assert_eq!(line_column("ab\ncé\nx", 6), (2, 3));
        assert_eq!(line_column("é", 1), (1, 2));
    }
}
