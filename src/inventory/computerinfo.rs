//! `Get-ComputerInfo | ConvertTo-Json`: one object, or an array (several machines through
//! `Invoke-Command`). Enums come as numbers or as names depending on the PowerShell version.
//!
//! Traps (DOMAIN.md section 4): `OsArchitecture` says "64-bit" for x64 and Arm64 alike, so
//! `CsSystemType` ("x64-based PC", "ARM64-based PC") decides; `WindowsProductName` can say
//! "Windows 10" on Windows 11 and is not read; `WindowsUBR` may be absent; without
//! `OsBuildNumber` the build is still in `WindowsBuildLabEx` and the architecture in
//! `CsProcessors[].Architecture`; and a run without admin rights writes
//! `DeviceGuardSmartStatus: 0` with every other Device Guard field empty, which means "not
//! read", not "off".

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::record::{arch, edition, text, vbs_wmi, version, whole, JsonFormat, Memo, Problem};
use crate::device::{Arch, Facts, Origin};
use crate::json::value::{field, nested, parse_object, FieldSpec, Scalar};
use crate::platform::OsFamily;

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 20] = [
    field("CsName"),
    field("CsDNSHostName"),
    field("PSComputerName"),
    field("WindowsEditionId"),
    field("OsOperatingSystemSKU"),
    field("WindowsInstallationType"),
    field("OsProductType"),
    field("OsBuildNumber"),
    field("WindowsUBR"),
    field("WindowsBuildLabEx"),
    field("CsSystemType"),
    field("OsArchitecture"),
    nested("CsProcessors"),
    field("DeviceGuardSmartStatus"),
    nested("DeviceGuardRequiredSecurityProperties"),
    nested("DeviceGuardAvailableSecurityProperties"),
    nested("DeviceGuardSecurityServicesConfigured"),
    nested("DeviceGuardSecurityServicesRunning"),
    field("DeviceGuardCodeIntegrityPolicyEnforcementStatus"),
    field("DeviceGuardUserModeCodeIntegrityPolicyEnforcementStatus"),
];

/// The Get-ComputerInfo reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat =
    JsonFormat { specs: &FIELDS, facts, names: "CsName, CsDNSHostName or PSComputerName" };

/// Get-ComputerInfo names its properties with `Cs`, `Os` and `Windows` prefixes.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| {
        ["CsName", "WindowsEditionId", "OsBuildNumber", "CsSystemType", "WindowsBuildLabEx", "DeviceGuardSmartStatus"]
            .contains(&k.as_str())
    })
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [cs_name, dns_name, ps_name, edition_id, sku_field, installation, product_type, build, ubr, lab_ex, system_type, os_arch, processors, vbs, guard @ ..] =
        fields
    else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("CsName", cs_name)?.or(text("CsDNSHostName", dns_name)?).or(text("PSComputerName", ps_name)?),
        vbs: vbs_wmi("DeviceGuardSmartStatus", vbs, memo, "0, 1, 2, \"Off\", \"Configured\" or \"Running\"")?,
        arch: match arch("CsSystemType", system_type, memo, false)? {
            Some(a) => Some(a),
            None => {
                let stated = arch("OsArchitecture", os_arch, memo, false)?;
                match processor_arch(processors) {
                    // The processor tells x64 from Arm64 where "64-bit" does not.
                    Some(cpu) if stated.is_none() || stated == Some(Arch::Bits64) => Some(cpu),
                    _ => stated,
                }
            }
        },
        ..Facts::default()
    };
    // Without admin rights (or when its Device Guard query fails) Get-ComputerInfo writes
    // DeviceGuardSmartStatus 0 and leaves every other DeviceGuard field empty: VBS was not
    // read, which is not "off" (DOMAIN.md section 3, `vbs`).
    if facts.vbs == Some(crate::device::Vbs::Off) && guard.iter().all(is_empty) {
        facts.vbs = None;
        facts.origin = Origin { vbs_unread: true, ..Origin::default() };
    }
    match version("OsBuildNumber", build, memo, "a build number like \"26100\"", true)? {
        Some((b, _)) => facts.build = Some(b),
        // `26100.1.amd64fre.ge_release.240331-1435`: the build only (its ".1" is the
        // release's original revision, not today's UBR).
        None => facts.build = lab_build(lab_ex),
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

/// Whether a Device Guard field says nothing: null, empty text, or an empty list. A number
/// (even 0, as an admin run on a machine without VBS writes) is a reading.
fn is_empty(value: &Option<Scalar<'_>>) -> bool {
    match value {
        None | Some(Scalar::Null) => true,
        Some(Scalar::Raw(raw)) => raw.strip_prefix('[').is_some_and(|rest| rest.trim_start().starts_with(']')),
        // Format-List text writes an empty list as `{}`.
        Some(Scalar::Text(t)) => matches!(t.trim(), "" | "{}"),
        Some(_) => false,
    }
}

/// The build of `WindowsBuildLabEx` (`26100.1.amd64fre…`).
fn lab_build(value: &Option<Scalar<'_>>) -> Option<u32> {
    let text = value.as_ref()?.text().ok()??;
    let digits = text.split('.').next()?.trim();
    digits.parse().ok().filter(|b| *b >= 1000)
}

/// The architecture of the first processor in `CsProcessors` (Win32_Processor
/// `Architecture`: 0 x86, 5 Arm, 9 x64, 12 Arm64), as a number or the enum's name.
fn processor_arch(value: &Option<Scalar<'_>>) -> Option<Arch> {
    const SPECS: [FieldSpec; 1] = [field("Architecture")];
    let Some(Scalar::Raw(raw)) = value else { return None };
    // The first processor: the list's first object, or the object itself.
    let start = raw.find('{')?;
    let ([architecture], _) = parse_object(raw, start, &SPECS).ok()?;
    match architecture? {
        Scalar::Int(9) => Some(Arch::X64),
        Scalar::Int(12) => Some(Arch::Arm64),
        Scalar::Int(0) => Some(Arch::X86),
        Scalar::Int(5) => Some(Arch::Arm32),
        other => other.text().ok().flatten().and_then(Arch::parse),
    }
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
