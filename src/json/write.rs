//! A compact JSON writer for serde, for what the Wasm hands to JavaScript (the packed report's
//! head, small results). It writes what serde_json's compact writer writes for the report's
//! types (the same text; tests below compare the two), but each field costs a call rather
//! than serde_json's inlined comma, key and error handling: 4 KB gzip less in the browser's
//! core module (DESIGN.md, "Size"). Native code and files keep serde_json.

use std::fmt;

use serde::ser::{self, Serialize};

/// Writes `value` as compact JSON. Fails only for a map key that is not text or a number, or
/// a number that is not finite (JSON has none).
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Unwritable> {
    let mut w = Writer { out: String::with_capacity(256) };
    value.serialize(&mut w)?;
    Ok(w.out)
}

/// A value JSON cannot hold. Its text is fixed: formatting the cause would bring the
/// formatting machinery in for an error that the report's types never raise.
#[derive(Debug)]
pub(crate) struct Unwritable;

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value JSON cannot hold")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

struct Writer {
    out: String,
}

impl Writer {
    #[inline(never)]
    fn text(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[(b >> 4) as usize] as char);
                self.out.push(HEX[(b & 15) as usize] as char);
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }

    #[inline(never)]
    fn unsigned(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend(digits[at..].iter().map(|&d| d as char));
    }

    #[inline(never)]
    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        self.unsigned(n.unsigned_abs());
    }

    /// Starts a list or object: `[` or `{`, after `{"variant":` for an enum variant.
    #[inline(never)]
    fn open(&mut self, variant: Option<&str>, bracket: char) -> Compound<'_> {
        if let Some(v) = variant {
            self.out.push('{');
            self.text(v);
            self.out.push(':');
        }
        self.out.push(bracket);
        Compound { w: self, first: true, variant: variant.is_some() }
    }
}

/// A list or object being written.
struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    /// Inside `{"variant": …}`: one more brace to close.
    variant: bool,
}

impl Compound<'_> {
    /// The separator before an element.
    #[inline(never)]
    fn next(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    /// A field's key and colon.
    #[inline(never)]
    fn key(&mut self, key: &str) {
        self.next();
        self.w.text(key);
        self.w.out.push(':');
    }

    #[inline(never)]
    fn close(self, bracket: char) -> Result<(), Unwritable> {
        self.w.out.push(bracket);
        if self.variant {
            self.w.out.push('}');
        }
        Ok(())
    }
}

type Done = Result<(), Unwritable>;

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Done {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.signed(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.unsigned(v);
        Ok(())
    }
    // The report has no fractions; a number that is not whole is refused rather than
    // written differently from serde_json.
    fn serialize_f32(self, _: f32) -> Done {
        Err(Unwritable)
    }
    fn serialize_f64(self, _: f64) -> Done {
        Err(Unwritable)
    }
    fn serialize_char(self, v: char) -> Done {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        let mut list = self.open(None, '[');
        for &b in v {
            list.next();
            list.w.unsigned(b.into());
        }
        list.close(']')
    }
    fn serialize_none(self) -> Done {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.text(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Done {
        self.out.push('{');
        self.text(variant);
        self.out.push(':');
        v.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(None, '['))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(None, '['))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(None, '['))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(Some(variant), '['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(None, '{'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(None, '{'))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unwritable> {
        Ok(self.open(Some(variant), '{'))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        self.next();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close(']')
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Done {
        self.close(']')
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Done {
        self.close(']')
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Done {
        self.close(']')
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.next();
        let at = self.w.out.len();
        key.serialize(&mut *self.w)?;
        // A key must be text: a whole number is quoted (as serde_json does), anything else
        // (a list, an object, `null`, `true`) is refused.
        match self.w.out.as_bytes().get(at) {
            Some(b'"') => Ok(()),
            Some(b'-' | b'0'..=b'9') => {
                self.w.out.insert(at, '"');
                self.w.out.push('"');
                Ok(())
            }
            _ => Err(Unwritable),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        self.w.out.push(':');
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close('}')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Done {
        self.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close('}')
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Done {
        self.close('}')
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use crate::{evaluate, Date, EvaluateOptions, Input};

    /// The same text as serde_json's compact writer, over whole reports (every type the Wasm
    /// writes) and the values that need escaping.
    #[test]
    fn writes_what_serde_json_writes() {
        let fleet = include_str!("../../pkg-tests/fixtures/fleet.canonical.json");
        let malformed = include_str!("../../pkg-tests/fixtures/malformed.json");
        for (text, as_of) in [(fleet, "2026-05-20"), (fleet, "2026-11-26"), (malformed, "2026-11-26")] {
            let report = evaluate(&[Input::Text(text)], &EvaluateOptions::new(Date::parse(as_of).unwrap())).unwrap();
            assert_eq!(to_string(&report).unwrap(), serde_json::to_string(&report).unwrap(), "{as_of}");
        }
        let texts = ["", "plain", "quote \" back\\slash", "\u{0}\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}", "é 😀 /"];
        for t in texts {
            assert_eq!(to_string(t).unwrap(), serde_json::to_string(t).unwrap(), "{t:?}");
        }
        let numbers = (i64::MIN, u64::MAX, 0u8, -1i32);
        assert_eq!(to_string(&numbers).unwrap(), serde_json::to_string(&numbers).unwrap());
        let map: std::collections::BTreeMap<u32, Option<bool>> = [(1, Some(true)), (20, None)].into();
        assert_eq!(to_string(&map).unwrap(), serde_json::to_string(&map).unwrap());
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, u8),
            Struct { a: u8 },
        }
        let enums = [E::Unit, E::New(1), E::Tuple(1, 2), E::Struct { a: 3 }];
        assert_eq!(to_string(&enums).unwrap(), serde_json::to_string(&enums).unwrap());
        assert!(to_string(&1.5f64).is_err());
    }
}
