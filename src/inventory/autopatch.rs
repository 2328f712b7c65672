//! Windows Autopatch device profiles from Microsoft Graph (beta
//! `GET /beta/admin/windows/updates/data/deviceProfiles`, `windowsUpdates.deviceProfile`):
//! Microsoft's own per-device hotpatch readiness (`hotpatchReadiness`: `ready` / `notReady`),
//! with `osBuild`, keyed by `azureAdDeviceId` (DOMAIN.md section 8). The profile carries no
//! timestamp, and `osStatus`'s values are not published, so neither is read. The readiness is shown beside the planner's
//! verdict, never used by its checks; the build counts like any other source's.

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::record::{text, version, JsonFormat, Memo, Problem};
use crate::device::{Facts, Readiness};
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 4] =
    [field("deviceName"), field("azureAdDeviceId"), field("osBuild"), field("hotpatchReadiness")];

/// The device profile reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "deviceName or azureAdDeviceId" };

/// A device profile carries `hotpatchReadiness`.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| k.eq_ignore_ascii_case("hotpatchReadiness"))
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, os_build, readiness] = fields else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("deviceName", name)?,
        // `id` is the profile's own id, not the device's: only `azureAdDeviceId` joins.
        entra_id: text("azureAdDeviceId", entra)?,
        family: Some(OsFamily::Client),
        readiness: match text("hotpatchReadiness", readiness)? {
            None => None,
            Some(t) => match Readiness::parse(&t) {
                Some(r) => Some(r),
                None if t.eq_ignore_ascii_case("unknownFutureValue") => None,
                None => {
                    return Err(Problem::field(
                        "hotpatchReadiness",
                        format!("hotpatchReadiness is \"{t}\", expected \"ready\" or \"notReady\""),
                    ))
                }
            },
        },
        ..Facts::default()
    };
    if let Some((build, ubr)) = version("osBuild", os_build, memo, "text like \"10.0.26100.4349\"", false)? {
        facts.build = Some(build);
        facts.ubr = ubr;
    }
    Ok(facts)
}
