//! Windows Update for Business reports: `UCClient` rows as JSON (a Log Analytics export or
//! `Invoke-AzOperationalInsightsQuery` output). `OSBuild` is the full build
//! (`10.0.26100.4349`); `OSBuildNumber` and `OSRevisionNumber` are its parts. The ring
//! values `WUQualityDeferralDays`, `WUQualityDeadlineDays` and `WUQualityGracePeriodDays`
//! are the device's own quality update settings (-1: not configured).
//!
//! Windows Update for Business reports cover Windows clients only.

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::merge::Fact;
use super::record::{
    arch, edition, field_error, text, timestamp, version, whole, whole_u32, JsonFormat, Memo, Problem,
};
use crate::device::{Disputed, Facts, Ring};
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 12] = [
    field("DeviceName"),
    field("AzureADDeviceId"),
    field("OSBuild"),
    field("OSBuildNumber"),
    field("OSRevisionNumber"),
    field("OSEdition"),
    field("OSArchitecture"),
    field("WUQualityDeferralDays"),
    field("WUQualityDeadlineDays"),
    field("WUQualityGracePeriodDays"),
    field("LastCensusScanTime"),
    field("TimeGenerated"),
];

/// The UCClient reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "DeviceName or AzureADDeviceId" };

/// UCClient rows name the build `OSBuild`/`OSRevisionNumber` and the ring `WUQuality…`.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| ["OSRevisionNumber", "OSBuild", "WUQualityDeferralDays", "OSEdition"].contains(&k.as_str()))
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, os_build, build_number, revision, os_edition, os_arch, deferral, deadline, grace, census, generated] =
        fields
    else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("DeviceName", name)?,
        entra_id: text("AzureADDeviceId", entra)?,
        family: Some(OsFamily::Client),
        edition: edition("OSEdition", os_edition, memo)?,
        arch: arch("OSArchitecture", os_arch, memo, false)?,
        last_seen: match timestamp("LastCensusScanTime", census).unwrap_or(None) {
            Some(t) => Some(t),
            // A date that cannot be read is no date (locale-formatted portal exports), not a
            // lost row.
            None => timestamp("TimeGenerated", generated).unwrap_or(None),
        },
        ..Facts::default()
    };
    match version("OSBuild", os_build, memo, "text like \"10.0.26100.4349\"", false)? {
        Some((build, ubr)) => {
            facts.build = Some(build);
            facts.ubr = ubr;
        }
        None => facts.build = whole("OSBuildNumber", build_number, "a build number like 26100")?,
    }
    let revision = whole("OSRevisionNumber", revision, "a whole number like 4349")?;
    match (facts.ubr, revision) {
        (None, _) => facts.ubr = revision,
        // The row disagrees with itself: the higher is used (a build only goes up; the other
        // column lags), and the merge reports both.
        (Some(full), Some(rev)) if full != rev => {
            let build = facts.build.unwrap_or_default();
            facts.ubr = Some(full.max(rev));
            facts.disputed = Some(Box::new(Disputed {
                fact: Fact::Build,
                values: [(format!("{build}.{full}"), "OSBuild"), (format!("{build}.{rev}"), "OSRevisionNumber")],
                used: format!("{build}.{}", full.max(rev)),
            }));
        }
        _ => {}
    }
    // -1 means "not configured": without deferral, Windows offers at release; without a
    // deadline the device's ring or the default ring is used. Other values outside the
    // policy's range (DOMAIN.md section 6) are not something a device reports.
    let setting = |field: &str, v: &Option<Scalar<'_>>, max: u32| -> Result<Option<u32>, Problem> {
        let expected = format!("a number of days from 0 to {max}, or -1 when not configured");
        match v {
            None | Some(Scalar::Null | Scalar::Int(-1)) => Ok(None),
            Some(s) if matches!(s.text(), Ok(Some("-1"))) => Ok(None),
            Some(s) => match whole_u32(s) {
                Ok(n) if n.is_none_or(|n| n <= max) => Ok(n),
                _ => Err(field_error(field, s, &expected)),
            },
        }
    };
    let deferral = setting("WUQualityDeferralDays", deferral, 30)?;
    let deadline = setting("WUQualityDeadlineDays", deadline, 30)?;
    let grace = setting("WUQualityGracePeriodDays", grace, 7)?;
    if let (Some(deadline), Some(grace)) = (deadline, grace) {
        facts.ring_settings = Some(Ring::new(deferral.unwrap_or(0), deadline, grace));
    }
    Ok(facts)
}
