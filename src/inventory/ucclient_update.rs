//! Windows Update for Business reports: `UCClientUpdateStatus` rows (one per device and
//! update), as JSON or as the Log Analytics portal's CSV export. A row whose update is
//! installed says the device runs its `TargetBuild` since `UpdateInstalledTime`; the newest
//! such row of a device is its build (the older ones are its history, not a disagreement).
//! Rows for updates not yet installed name the device and nothing more.

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::record::{text, timestamp, version, JsonFormat, Memo, Problem};
use crate::device::Facts;
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 8] = [
    field("DeviceName"),
    field("AzureADDeviceId"),
    field("TargetBuild"),
    field("ClientState"),
    field("ClientSubstate"),
    field("UpdateInstalledTime"),
    field("UpdateCategory"),
    field("TimeGenerated"),
];

/// The UCClientUpdateStatus reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "DeviceName or AzureADDeviceId" };

/// UCClientUpdateStatus rows name the update's `TargetBuild` and the device's `ClientSubstate`.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    let has = |name: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(name));
    has("TargetBuild") && (has("ClientSubstate") || has("ClientState"))
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, target, state, substate, installed_at, category, generated] = fields else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("DeviceName", name)?,
        entra_id: text("AzureADDeviceId", entra)?,
        family: Some(OsFamily::Client),
        ..Facts::default()
    };
    // Feature update rows target the next version's build; only quality updates say which
    // build the device is on now.
    let quality = text("UpdateCategory", category)?.is_none_or(|c| c.eq_ignore_ascii_case("WindowsQualityUpdate"));
    let installed = [text("ClientSubstate", substate)?, text("ClientState", state)?]
        .iter()
        .flatten()
        .any(|s| s.eq_ignore_ascii_case("UpdateInstalled") || s.eq_ignore_ascii_case("Installed"));
    if quality && installed {
        if let Some((build, ubr)) = version("TargetBuild", target, memo, "text like \"10.0.26100.4349\"", false)? {
            facts.build = Some(build);
            facts.ubr = ubr;
            facts.last_seen = match timestamp("UpdateInstalledTime", installed_at).unwrap_or(None) {
                Some(t) => Some(t),
                // A date that cannot be read is no date (locale-formatted portal exports), not a
                // lost row.
                None => timestamp("TimeGenerated", generated).unwrap_or(None),
            };
        }
    }
    Ok(facts)
}
