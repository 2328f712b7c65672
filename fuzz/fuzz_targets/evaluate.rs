//! An inventory of arbitrary bytes, split into up to three documents (a merge), each read as
//! detected or as a forced format chosen by the first byte: never a panic, the same report
//! twice (determinism), and every record accounted for — each input's records, counted by the
//! report, are exactly the records found in devices, other devices and errors.
#![no_main]

use hotpatch_planner::{evaluate, Date, EvaluateOptions, Format, Formats, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let documents: Vec<&[u8]> = rest.splitn(3, |&b| b == 0x1e).collect();
    let inputs: Vec<Input<'_>> = documents.iter().map(|d| Input::Bytes(d)).collect();
    let mut options = EvaluateOptions::new(Date::parse("2026-10-20").expect("a date"));
    if choice & 0x80 != 0 {
        options.format = Formats::All(Format::ALL[usize::from(choice) % Format::ALL.len()]);
    }
    let report = evaluate(&inputs, &options).expect("options are valid");
    let again = evaluate(&inputs, &options).expect("options are valid");
    assert_eq!(report.devices, again.devices, "the same input gives the same devices");
    for info in &report.inputs {
        let mut seen: Vec<usize> = report
            .devices
            .iter()
            .flat_map(|d| d.sources.iter())
            .chain(report.other_devices.iter().flat_map(|d| d.sources.iter()))
            .filter(|s| s.input == info.index)
            .map(|s| s.record)
            .collect();
        let errors: Vec<_> = report.errors.iter().filter(|e| e.input == info.index).collect();
        assert_eq!(errors.len(), info.errors, "input {}: error count", info.index);
        if errors.iter().any(|e| e.record.is_none()) {
            assert!(seen.is_empty() && errors.len() == 1, "a document error stands alone");
            continue;
        }
        seen.extend(errors.iter().filter_map(|e| e.record));
        seen.sort_unstable();
        assert_eq!(seen, (0..info.records).collect::<Vec<_>>(), "input {}: every record exactly once", info.index);
    }
});
