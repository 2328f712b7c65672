//! Differential: the planner's JSON reader (every format, the options and the catalogs read
//! through it) against serde_json on arbitrary text. Both accept the same documents and read
//! the same values, but for the planner's documented choices: a field named twice is refused
//! (serde_json keeps the last), a lone surrogate escape reads as U+FFFD (serde_json refuses
//! it), and numbers beyond f64 are kept as written (serde_json refuses them). The scanner that
//! splits inventories into records ends every value where the reader does, and splits every
//! document serde_json accepts without a structural error.
#![no_main]

use hotpatch_planner::fuzzing::{json_outline, read_json, Json, JsonError};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Deeper than serde_json's own recursion limit (128), so that limit decides.
const MAX_DEPTH: usize = 200;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let planner = read_json(text, MAX_DEPTH);
    let reference = serde_json::from_str::<Value>(text);
    match (&planner, &reference) {
        (Ok(ours), Ok(theirs)) => {
            if let Some(at) = differ(ours, theirs, String::new()) {
                panic!("values differ at {at} in {}", short(text));
            }
        }
        (Err(JsonError::Duplicate(_) | JsonError::TooDeep), _) => {}
        (Err(JsonError::Syntax(why)), Ok(_)) => {
            panic!("the planner refuses JSON serde_json reads ({why}): {}", short(text))
        }
        (Ok(_), Err(e)) => {
            // Only serde_json's own words for the designed differences excuse them: a text
            // with a surrogate escape or a large number elsewhere does not hide another bug.
            let why = e.to_string();
            let designed = (lone_surrogate(text)
                && ["surrogate", "hex escape", "code point"].iter().any(|w| why.contains(w)))
                || why.contains("number out of range")
                || why.contains("recursion limit")
                // serde_json reserves this key for its raw-value token (the project turns on its
                // `raw_value` feature) and refuses a document that uses it as a plain key.
                || (text.contains("$serde_json::private::RawValue") && why.contains("raw value"));
            assert!(designed, "the planner reads text serde_json refuses ({e}): {}", short(text));
        }
        (Err(_), Err(_)) => {}
    }
    // The record scanner agrees on structure with the reader and with serde_json.
    let top = text.trim_start_matches([' ', '\t', '\n', '\r']).as_bytes().first().copied();
    if let (Ok(_), Some(b'{' | b'[')) = (&reference, top) {
        let (_, error) = json_outline(text);
        assert!(error.is_none(), "the scanner breaks a document serde_json reads ({error:?}): {}", short(text));
    }
});

/// Where the planner's value differs from serde_json's (a path such as `.a[2]`), if it does.
fn differ(ours: &Json, theirs: &Value, at: String) -> Option<String> {
    let same = match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        // `-0` is the integer 0 to the planner and the double -0.0 to serde_json: equal.
        (Json::Int(a), Value::Number(b)) => b.as_i64() == Some(*a) || (*a == 0 && b.as_f64() == Some(0.0)),
        (Json::UInt(a), Value::Number(b)) => b.as_u64() == Some(*a),
        // Kept as written; as a double it must be what serde_json made of it.
        (Json::Number(a), Value::Number(b)) => a.parse::<f64>().ok() == b.as_f64(),
        (Json::Text(a), Value::String(b)) => a == b,
        (Json::List(a), Value::Array(b)) if a.len() == b.len() => {
            return a.iter().zip(b).enumerate().find_map(|(i, (x, y))| differ(x, y, format!("{at}[{i}]")));
        }
        // No duplicates here (the planner refuses them), so equal lengths mean equal keys.
        (Json::Object(a), Value::Object(b)) if a.len() == b.len() => {
            return a.iter().find_map(|(k, v)| match b.get(k) {
                Some(w) => differ(v, w, format!("{at}.{k}")),
                None => Some(format!("{at}.{k} (missing)")),
            });
        }
        _ => false,
    };
    (!same).then(|| format!("{at}: {} vs {}", short(&format!("{ours:?}")), short(&theirs.to_string())))
}

/// Text cut for a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((i, _)) => format!("{:?}…", &text[..i]),
        None => format!("{text:?}"),
    }
}

/// A `\u` escape of a surrogate: read as U+FFFD by design when it has no pair.
fn lone_surrogate(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && matches!(w[2], b'd' | b'D')
            && matches!(w[3], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
    })
}
