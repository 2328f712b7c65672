//! Decoding input bytes to text.
//!
//! Windows PowerShell 5.1 writes UTF-16LE with a byte-order mark for `>` and `Out-File`, so a
//! file an admin drops in is often not UTF-8. Accepted: UTF-8 (with or without BOM), UTF-16LE
//! and UTF-16BE with BOM, and UTF-16LE without BOM when the text is evidently ASCII in
//! UTF-16 (every other byte zero). Invalid sequences become U+FFFD rather than losing the
//! document: a damaged name is better than a missing device.

use std::borrow::Cow;

use super::Input;

/// The text of an input, without a leading byte-order mark, and how it was decoded when that
/// is worth telling the user ([`Decoding`]).
pub(crate) fn decode(input: Input<'_>) -> (Cow<'_, str>, Option<Decoding>) {
    match input {
        Input::Text(text) => (Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)), None),
        Input::Bytes(bytes) => decode_bytes(bytes),
    }
}

fn decode_bytes(bytes: &[u8]) -> (Cow<'_, str>, Option<Decoding>) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), None);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), None);
    }
    // UTF-16LE without a BOM: ASCII text has a zero in every odd byte.
    if bytes.len() >= 4
        && bytes.len() % 2 == 0
        && bytes.iter().skip(1).step_by(2).take(64).all(|&b| b == 0)
        && bytes[0] != 0
    {
        return (utf16(bytes, u16::from_le_bytes), None);
    }
    utf8(bytes)
}

/// UTF-8, checked by the standard library's fast validator first (a whole valid file is the
/// common case, and `from_utf8_lossy` checks much more slowly). Text that is not UTF-8 and has
/// no UTF-8 character in it at all is Windows-1252: what Excel's "CSV (Comma delimited)" and
/// Windows PowerShell's `-Encoding Default` write on Western European Windows (issue 12: such
/// a CSV lost every `ü` and `é` in its names). Otherwise the invalid bytes become U+FFFD.
fn utf8(bytes: &[u8]) -> (Cow<'_, str>, Option<Decoding>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    let repaired = String::from_utf8_lossy(bytes);
    if repaired.chars().any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER) {
        return (repaired, Some(Decoding::Utf8Repaired));
    }
    (Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()), Some(Decoding::Windows1252))
}

/// A Windows-1252 byte as a character: Latin-1 but for 0x80–0x9F, where Windows put
/// typographic characters (the five bytes it leaves undefined read as U+FFFD).
fn windows_1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0xFFFD, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(u32::from(HIGH[usize::from(b - 0x80)])).unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(b),
    }
}

/// How an input's bytes were decoded, when the user should know: they were not the UTF-8 or
/// UTF-16 (with a byte-order mark) that tools write by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Decoding {
    /// Not UTF-8, and no UTF-8 character in it: read as Windows-1252, the Western European
    /// ANSI code page.
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// UTF-8 with invalid bytes, each read as U+FFFD (�).
    #[serde(rename = "utf-8-repaired")]
    Utf8Repaired,
}

/// UTF-16 to text. A last odd byte (a file cut off mid-character) becomes U+FFFD like any
/// other damage, so the records before it are still read and the JSON reader says where
/// the document stops making sense.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Cow<'static, str> {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|pair| unit([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Cow::Owned(text)
}

/// The lowercase of a letter of the alphabets Windows computer names are written in: Latin
/// (Latin-1, Extended-A, the pairs of Extended-B that living languages use — Romanian Ș Ț,
/// Vietnamese Ơ Ư, Pinyin Ǎ — and Extended Additional), Greek (with tonos) and Cyrillic
/// (with its extensions: Ukrainian Ґ, Kazakh Ә Ң Ү…). Turkish İ and ı fold to i, so
/// `İSTANBUL-01` is `istanbul-01`. Full Unicode case mapping would carry core's conversion
/// tables into the Wasm (several KB); a test checks these ranges against it.
pub(crate) fn fold_case(c: char) -> char {
    let u = u32::from(c);
    let even_upper = u % 2 == 0;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 32,
        0x130 | 0x131 => u32::from('i'),
        0x178 => 0xFF,
        // Pairs where the capital is the even code point (Ā ā, Ș ș, Ѡ ѡ, Ḁ ḁ…).
        0x100..=0x12F
        | 0x132..=0x137
        | 0x14A..=0x177
        | 0x1A0..=0x1A5
        | 0x1DE..=0x1EF
        | 0x1F8..=0x21F
        | 0x222..=0x233
        | 0x246..=0x24F
        | 0x3D8..=0x3EF
        | 0x460..=0x481
        | 0x48A..=0x4BF
        | 0x4D0..=0x52F
        | 0x1E00..=0x1E95
        | 0x1EA0..=0x1EFF
            if even_upper =>
        {
            u + 1
        }
        // Pairs where the capital is the odd code point (Ĺ ĺ, Ǎ ǎ, Ӂ ӂ…).
        0x139..=0x148 | 0x179..=0x17E | 0x1CD..=0x1DC | 0x4C1..=0x4CE if !even_upper => u + 1,
        0x1AF => 0x1B0,
        0x1E9E => 0xDF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 63,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 32,
        0x400..=0x40F => u + 80,
        0x410..=0x42F => u + 32,
        0x4C0 => 0x4CF,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// A name from the input as a message shows it: at most 40 characters (then "…"), control
/// characters dropped, so a message stays readable whatever the document holds (issue 12).
pub(crate) fn clip(name: &str) -> String {
    let mut out: String = name.chars().filter(|c| !c.is_control()).take(40).collect();
    if name.chars().filter(|c| !c.is_control()).nth(40).is_some() {
        out.push('…');
    }
    out
}

#[cfg(feature = "extra-formats")]
/// Whether a character belongs in a matching key: letters and digits of any script, not
/// spaces or punctuation (without core's Unicode tables, see [`fold_case`]).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c > '\u{BF}'
            && c != '\u{D7}'
            && c != '\u{F7}'
            && !c.is_whitespace()
            && !matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoded text alone.
    fn text_of(input: Input<'_>) -> String {
        decode(input).0.into_owned()
    }

    fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn decodes_what_powershell_writes() {
        let text = "[{\"CsName\":\"LAP-Ü1\"}]";
        assert_eq!(text_of(Input::Bytes(&utf16le_with_bom(text))), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text_of(Input::Bytes(&be)), text);
        let no_bom = &utf16le_with_bom(text)[2..];
        assert_eq!(text_of(Input::Bytes(no_bom)), text);
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(text.as_bytes());
        assert_eq!(text_of(Input::Bytes(&utf8_bom)), text);
        assert_eq!(text_of(Input::Text("\u{feff}[1]")), "[1]");
    }

    #[test]
    fn names_fold_case_in_latin_greek_and_cyrillic() {
        let fold = |s: &str| s.chars().map(fold_case).collect::<String>();
        assert_eq!(fold("LAP-MÜNCHEN-ÆØÅ"), "lap-münchen-æøå");
        assert_eq!(fold("ŁÓDŹ-ŚWIĘTY"), "łódź-święty");
        assert_eq!(fold("ПК-ЁЖИК"), "пк-ёжик");
        assert_eq!(fold("ΑΘΗΝΑ×2"), "αθηνα×2");
        assert!(
            is_word_char('é') && is_word_char('Ж') && !is_word_char('·') && !is_word_char(' ') && !is_word_char('-')
        );
    }

    /// README "Size": the folded alphabets agree with Unicode's lowercase mapping letter by
    /// letter, but for the Turkish I's, which fold to plain i.
    #[test]
    fn folding_agrees_with_unicode_in_every_folded_block() {
        let blocks = [
            0x41..=0x5A,
            0xC0..=0xDE,
            0x100..=0x17F,
            0x1A0..=0x1A5,
            0x1AF..=0x1B0,
            0x1CD..=0x1DC,
            0x1DE..=0x1EF,
            0x1F8..=0x21F,
            0x222..=0x233,
            0x386..=0x3AB,
            0x3D8..=0x3EF,
            0x400..=0x42F,
            0x460..=0x481,
            0x48A..=0x4BF,
            0x4C0..=0x4CE,
            0x4D0..=0x52F,
            0x1E00..=0x1E95,
            0x1EA0..=0x1EFF,
        ];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let mut unicode = c.to_lowercase();
            let expected = match c {
                '\u{130}' | '\u{131}' => 'i',
                _ if unicode.len() == 1 => unicode.next().unwrap_or(c),
                _ => continue,
            };
            assert_eq!(fold_case(c), expected, "{c} (U+{:04X})", u32::from(c));
        }
        let fold = |s: &str| s.chars().map(fold_case).collect::<String>();
        assert_eq!(fold("İSTANBUL-01"), "istanbul-01");
        assert_eq!(fold("ҐАНОК-ȘTEFAN-ƯƠNG"), "ґанок-ștefan-ương");
    }

    #[test]
    fn damaged_bytes_do_not_lose_the_document() {
        // UTF-8 with a damaged byte: the byte is U+FFFD, and the report says so.
        assert_eq!(decode(Input::Bytes("Ü-ab\u{FFFD}".as_bytes())), (Cow::Borrowed("Ü-ab\u{FFFD}"), None));
        assert_eq!(
            decode(Input::Bytes(b"\xC3\x9C-ab\xFFcd")),
            (Cow::Owned("Ü-ab\u{FFFD}cd".into()), Some(Decoding::Utf8Repaired))
        );
        // A file cut off after half a UTF-16 character.
        assert_eq!(text_of(Input::Bytes(&[0xFF, 0xFE, 0x41, 0x00, 0x42])), "A\u{FFFD}");
        // A lone surrogate becomes U+FFFD.
        assert_eq!(text_of(Input::Bytes(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])), "\u{FFFD}A");
    }

    /// Issue 12: an Intune CSV saved by Excel on Western European Windows is Windows-1252, and
    /// its names keep their letters (they were all U+FFFD).
    #[test]
    fn text_without_utf8_is_windows_1252() {
        let csv = b"Device name,Primary user display name\r\nLAP-M\xDCNCHEN-01,J\xFCrgen M\xFCller \x96 \x80\x85\r\n";
        assert_eq!(
            decode(Input::Bytes(csv)),
            (
                Cow::Owned("Device name,Primary user display name\r\nLAP-MÜNCHEN-01,Jürgen Müller – €…\r\n".into()),
                Some(Decoding::Windows1252)
            )
        );
        // The five bytes Windows-1252 leaves undefined.
        assert_eq!(decode(Input::Bytes(b"\x81\x8D\x8F\x90\x9D")).0, "\u{FFFD}".repeat(5));
        // Plain ASCII and UTF-8 are untouched and not remarked on.
        assert_eq!(decode(Input::Bytes(b"LAP-01")).1, None);
    }
}
