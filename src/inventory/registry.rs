//! Registry values as JSON: a probe that reads `HKLM\SOFTWARE\Microsoft\Windows
//! NT\CurrentVersion` (`CurrentBuild`, `UBR`, `EditionID`, `InstallationType`), the CHPE
//! switch `HotPatchRestrictions` under `…\Session Manager\Memory Management`, the hotpatch
//! policy `AllowRebootlessUpdates` under `HKLM\SOFTWARE\Microsoft\PolicyManager\current\
//! device\Update`, and `PROCESSOR_ARCHITECTURE`. The README gives the one-line probe, which
//! adds `ComputerName`; a plain `Get-ItemProperty … | ConvertTo-Json` of CurrentVersion has
//! no machine name, so nothing can be joined to it and it is reported as naming no device.
//!
//! `ProductName` is not read: it says "Windows 10" on Windows 11.

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::record::{arch, boolean, edition, text, version, whole, JsonFormat, Memo, Problem};
use crate::device::Facts;
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 12] = [
    field("ComputerName"),
    field("PSComputerName"),
    field("Hostname"),
    field("CurrentBuild"),
    field("CurrentBuildNumber"),
    field("UBR"),
    field("EditionID"),
    field("InstallationType"),
    field("PROCESSOR_ARCHITECTURE"),
    field("ProcessorArchitecture"),
    field("HotPatchRestrictions"),
    field("AllowRebootlessUpdates"),
];

/// The registry probe reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat = JsonFormat {
    specs: &FIELDS,
    facts,
    names: "ComputerName (the README's probe adds it), PSComputerName or Hostname",
};

/// Registry value names as Windows writes them.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| {
        ["CurrentBuild", "CurrentBuildNumber", "UBR", "EditionID", "HotPatchRestrictions", "AllowRebootlessUpdates"]
            .contains(&k.as_str())
    })
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [computer, ps_name, hostname, current_build, build_number, ubr, edition_id, installation, arch_env, arch_alt, chpe, rebootless] =
        fields
    else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("ComputerName", computer)?.or(text("PSComputerName", ps_name)?).or(text("Hostname", hostname)?),
        ubr: whole("UBR", ubr, "a whole number like 4349")?,
        edition: edition("EditionID", edition_id, memo)?,
        arch: match arch("PROCESSOR_ARCHITECTURE", arch_env, memo, false)? {
            Some(a) => Some(a),
            None => arch("ProcessorArchitecture", arch_alt, memo, false)?,
        },
        hotpatch_restrictions: whole("HotPatchRestrictions", chpe, "a DWORD such as 1")?,
        allow_rebootless_updates: boolean("AllowRebootlessUpdates", rebootless)?,
        ..Facts::default()
    };
    let build = match version("CurrentBuild", current_build, memo, "a build number like \"26100\"", true)? {
        Some(b) => Some(b),
        None => version("CurrentBuildNumber", build_number, memo, "a build number like \"26100\"", true)?,
    };
    facts.build = build.map(|(b, _)| b);
    // InstallationType: "Client", "Server", "Server Core".
    facts.family = text("InstallationType", installation)?.map(|t| {
        if t.to_ascii_lowercase().contains("server") {
            OsFamily::Server
        } else {
            OsFamily::Client
        }
    });
    Ok(facts)
}
