//! `Get-ComputerInfo | ConvertTo-Json`: one object, or an array (several machines through
//! `Invoke-Command`). Enums come as numbers or as names depending on the PowerShell version.
//!
//! Traps (DOMAIN.md section 4): `OsArchitecture` says "64-bit" for x64 and Arm64 alike, so
//! `CsSystemType` ("x64-based PC", "ARM64-based PC") decides; `WindowsProductName` can say
//! "Windows 10" on Windows 11 and is not read; `WindowsUBR` may be absent.

use super::record::{arch, edition, text, vbs_wmi, version, whole, JsonFormat, Memo, Problem};
use crate::device::Facts;
use crate::json::value::{field, FieldSpec, Scalar};
use crate::platform::OsFamily;

const FIELDS: [FieldSpec; 12] = [
    field("CsName"),
    field("CsDNSHostName"),
    field("PSComputerName"),
    field("WindowsEditionId"),
    field("OsOperatingSystemSKU"),
    field("WindowsInstallationType"),
    field("OsProductType"),
    field("OsBuildNumber"),
    field("WindowsUBR"),
    field("CsSystemType"),
    field("OsArchitecture"),
    field("DeviceGuardSmartStatus"),
];

/// The Get-ComputerInfo reader.
pub(crate) const FORMAT: JsonFormat =
    JsonFormat { specs: &FIELDS, facts, names: "CsName, CsDNSHostName or PSComputerName" };

/// Get-ComputerInfo names its properties with `Cs`, `Os` and `Windows` prefixes.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| {
        ["CsName", "WindowsEditionId", "OsBuildNumber", "CsSystemType", "WindowsBuildLabEx"].contains(&k.as_str())
    })
}

fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [cs_name, dns_name, ps_name, edition_id, sku_field, installation, product_type, build, ubr, system_type, os_arch, vbs] =
        fields
    else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("CsName", cs_name)?.or(text("CsDNSHostName", dns_name)?).or(text("PSComputerName", ps_name)?),
        vbs: vbs_wmi("DeviceGuardSmartStatus", vbs, memo, "0, 1, 2, \"Off\", \"Configured\" or \"Running\"")?,
        arch: match arch("CsSystemType", system_type, memo, false)? {
            Some(a) => Some(a),
            None => arch("OsArchitecture", os_arch, memo, false)?,
        },
        ..Facts::default()
    };
    if let Some((b, _)) = version("OsBuildNumber", build, memo, "a build number like \"26100\"", true)? {
        facts.build = Some(b);
    }
    facts.ubr = whole("WindowsUBR", ubr, "a whole number like 4349")?;
    facts.edition = match edition("WindowsEditionId", edition_id, memo)? {
        Some(e) => Some(e),
        // OsOperatingSystemSKU: a number, or the OperatingSystemSKU enum's name.
        None => edition("OsOperatingSystemSKU", sku_field, memo)?,
    };
    facts.family = family(installation, product_type);
    Ok(facts)
}

/// Client or server from `WindowsInstallationType` ("Client", "Server", "Server Core") or
/// `OsProductType` (WorkStation 1, DomainController 2, Server 3).
fn family(installation: &Option<Scalar<'_>>, product_type: &Option<Scalar<'_>>) -> Option<OsFamily> {
    let from_text = |s: &str| {
        let s = s.to_ascii_lowercase();
        if s.contains("server") || s.contains("domaincontroller") {
            Some(OsFamily::Server)
        } else if s == "client" || s == "workstation" {
            Some(OsFamily::Client)
        } else {
            None
        }
    };
    let read = |v: &Option<Scalar<'_>>| match v {
        Some(Scalar::Int(1)) => Some(OsFamily::Client),
        Some(Scalar::Int(2 | 3)) => Some(OsFamily::Server),
        Some(s) => s.text().ok().flatten().and_then(from_text),
        None => None,
    };
    read(installation).or_else(|| read(product_type))
}
