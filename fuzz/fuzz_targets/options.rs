//! Options JSON on arbitrary text: an error or options, never a panic; and options are read
//! only from what serde_json also accepts as JSON (differential: the planner's own reader is
//! not more lenient than a standard one for a document that must be exact).
#![no_main]

use hotpatch_planner::{Date, EvaluateOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Blank text (JSON whitespace) is "no options" by design, as `undefined` is in JS.
    if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return;
    }
    let today = Date::parse("2026-10-20").expect("a date");
    let read = EvaluateOptions::from_json(text, today);
    // Messages stay readable whatever the options hold (issue 12).
    if let Err(e) = &read {
        assert!(
            e.to_string().chars().count() <= 1000,
            "a {}-character message: {:.300}…",
            e.to_string().chars().count(),
            e
        );
    }
    if read.is_ok() {
        // By design the planner reads a lone surrogate escape (`\ud800`…`\udfff` without its
        // pair) as U+FFFD: a damaged name is better than a lost device; serde_json refuses
        // it. Any other text serde_json refuses is a bug.
        let surrogate = text.as_bytes().windows(4).any(|w| {
            w[0] == b'\\'
                && w[1] == b'u'
                && matches!(w[2], b'd' | b'D')
                && matches!(w[3], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
        });
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            assert!(surrogate, "options were read from text serde_json rejects ({e}): {text:?}");
        }
    }
});
