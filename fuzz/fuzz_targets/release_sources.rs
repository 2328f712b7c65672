//! Every release-source reader (DOMAIN.md section 9) on arbitrary text: no panic, the same
//! answer twice, and merging what was read into the built-in catalog never panics either.
//! Seeded (fuzz/seed.sh) with every real sample, so each reader is reached from its own kind
//! of document.
#![no_main]

use hotpatch_planner::catalog::{refresh, Document};
use hotpatch_planner::release::{detect, read};
use hotpatch_planner::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let kind = detect(&text);
    let first = read(Some("fuzz"), &text);
    assert_eq!(first, read(Some("fuzz"), &text), "reading is deterministic");
    if let Ok(facts) = &first {
        assert_eq!(Some(facts.kind), kind, "read agrees with detect");
    }
    let refreshed = refresh(Catalog::built_in(), &[Document { name: Some("fuzz"), text: &text }]);
    // Whatever was read, the result is a catalog that writes out and reads back.
    let json = refreshed.catalog.to_json("fuzz");
    assert!(Catalog::from_documents(false, &[&json]).is_ok(), "the merged catalog reads back");
});
