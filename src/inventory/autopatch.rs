//! Windows Autopatch device profiles from Microsoft Graph (beta
//! `windowsUpdates.deviceProfile`): Microsoft's own per-device hotpatch readiness
//! (`hotpatchReadiness`: `ready` / `notReady`), with `osBuild` and `osStatus`, keyed by
//! `azureAdDeviceId` (DOMAIN.md section 8). The readiness is shown beside the planner's
//! verdict, never used by its checks; the build counts like any other source's.

use super::record::{text, timestamp, version, JsonFormat, Memo, Problem};
use crate::device::{Facts, Readiness};
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

const FIELDS: [FieldSpec; 7] = [
    field("deviceName"),
    field("azureAdDeviceId"),
    field("id"),
    field("osBuild"),
    field("hotpatchReadiness"),
    field("lastRefreshedDateTime"),
    field("lastModifiedDateTime"),
];

/// The device profile reader.
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "deviceName or azureAdDeviceId" };

/// A device profile carries `hotpatchReadiness`.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| k.eq_ignore_ascii_case("hotpatchReadiness"))
}

fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, id, os_build, readiness, refreshed, modified] = fields else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("deviceName", name)?,
        // Autopatch's device id is the Entra device id; `azureAdDeviceId` when selected.
        entra_id: text("azureAdDeviceId", entra)?.or(text("id", id)?),
        family: Some(OsFamily::Client),
        readiness: match text("hotpatchReadiness", readiness)? {
            None => None,
            Some(t) => match Readiness::parse(&t) {
                Some(r) => Some(r),
                None if t.eq_ignore_ascii_case("unknownFutureValue") => None,
                None => {
                    return Err(Problem {
                        field: Some("hotpatchReadiness".into()),
                        message: format!("hotpatchReadiness is \"{t}\", expected \"ready\" or \"notReady\""),
                    })
                }
            },
        },
        last_seen: match timestamp("lastRefreshedDateTime", refreshed)? {
            Some(t) => Some(t),
            None => timestamp("lastModifiedDateTime", modified)?,
        },
        ..Facts::default()
    };
    if let Some((build, ubr)) = version("osBuild", os_build, memo, "text like \"10.0.26100.4349\"", false)? {
        facts.build = Some(build);
        facts.ubr = ubr;
    }
    Ok(facts)
}
