//! A user's catalog JSON (the `catalog` option) on arbitrary text: an error or a catalog,
//! never a panic (a KB starting with a multi-byte character once panicked the reader), and a
//! catalog that is read writes out and reads back the same.
#![no_main]

use hotpatch_planner::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let read = Catalog::from_documents(true, &[&text]);
    // Messages stay readable whatever the catalog holds (issue 12).
    if let Err(e) = &read {
        assert!(
            e.to_string().chars().count() <= 1000,
            "a {}-character message: {:.300}…",
            e.to_string().chars().count(),
            e
        );
    }
    if let Ok(catalog) = read {
        let json = catalog.to_json("fuzz");
        let back = Catalog::from_documents(false, &[&json]).expect("a catalog that was read writes out readably");
        for line in catalog.lines() {
            assert_eq!(back.line(line.line).map(|l| &l.months), Some(&line.months));
        }
    }
});
