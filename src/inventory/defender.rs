//! Microsoft Defender for Endpoint machines API: `GET https://api.security.microsoft.com/api/
//! machines`, with or without the `value` envelope.
//!
//! It gives the build without its UBR (`osBuild`), and `osArchitecture` says "64-bit"
//! without telling x64 from Arm64 (DOMAIN.md section 4): a Defender-only inventory leaves
//! the track and the architecture unknown. `osPlatform` names the OS (`Windows11`,
//! `WindowsServer2025`, `iOS`, …).

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::record::{arch, platform, text, timestamp, whole, JsonFormat, Memo, Problem};
use crate::device::{Facts, Platform};
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 7] = [
    field("computerDnsName"),
    field("aadDeviceId"),
    field("osPlatform"),
    field("osBuild"),
    field("osVersion"),
    field("osArchitecture"),
    field("lastSeen"),
];

/// The Defender reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "computerDnsName or aadDeviceId" };

/// Defender machines have `computerDnsName`, or `aadDeviceId` with `osPlatform`.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    let has = |k: &str| keys.iter().any(|x| x == k);
    has("computerDnsName") || (has("aadDeviceId") && has("osPlatform"))
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, os_platform, os_build, os_version, os_arch, last_seen] = fields else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("computerDnsName", name)?,
        entra_id: text("aadDeviceId", entra)?,
        platform: platform("osPlatform", os_platform, memo)?,
        last_seen: timestamp("lastSeen", last_seen)?,
        ..Facts::default()
    };
    if facts.platform.is_some_and(|p| p != Platform::Windows) {
        facts.platform_version = text("osVersion", os_version)?;
        return Ok(facts);
    }
    let server = text("osPlatform", os_platform)?.is_some_and(|p| p.to_ascii_lowercase().contains("server"));
    facts.family = Some(if server { OsFamily::Server } else { OsFamily::Client });
    facts.build = whole("osBuild", os_build, "a build number like 26100")?;
    facts.arch = arch("osArchitecture", os_arch, memo, false)?;
    Ok(facts)
}
