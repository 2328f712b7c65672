//! Microsoft Graph `managedDevices` (beta): `GET /beta/deviceManagement/managedDevices`,
//! with or without the `{"value": […]}` envelope, pages pasted one after another.
//!
//! Traps (DOMAIN.md section 4): `processorArchitecture` spells Arm64 `arM64`; `skuFamily` is
//! beta-only, so `skuNumber` is the fallback; `deviceGuardVirtualizationBasedSecurityState`
//! is Graph's enum, where `running` is value 0 and value 2 means "64-bit required"; and list
//! calls leave `hardwareInformation` empty (filled only for single-device requests), where
//! an enum at its default would read "running" — so a `running` counts only when the block
//! is not in that default shape.

use super::record::{
    arch, edition, management, platform, sku, text, timestamp, vbs_graph, version, whole, JsonFormat, Memo, Problem,
};
use crate::device::{Facts, Platform, Vbs};
use crate::json::value::{field, nested, FieldSpec, Scalar};
use crate::platform::OsFamily;

const FIELDS: [FieldSpec; 10] = [
    field("deviceName"),
    field("azureADDeviceId"),
    field("operatingSystem"),
    field("osVersion"),
    field("skuFamily"),
    field("skuNumber"),
    field("processorArchitecture"),
    field("managementAgent"),
    field("lastSyncDateTime"),
    nested("hardwareInformation"),
];

const HARDWARE: [FieldSpec; 7] = [
    field("deviceGuardVirtualizationBasedSecurityState"),
    field("operatingSystemEdition"),
    field("operatingSystemProductType"),
    field("osBuildNumber"),
    field("totalStorageSpace"),
    field("serialNumber"),
    field("tpmVersion"),
];

/// The Graph reader.
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "deviceName or azureADDeviceId" };

/// A Graph managed device has `deviceName` and at least one of its OS or identity fields.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| k == "deviceName")
        && keys.iter().any(|k| {
            ["osVersion", "operatingSystem", "azureADDeviceId", "managementAgent", "skuFamily"].contains(&k.as_str())
        })
}

fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, os, os_version, sku_family, sku_number, processor, agent, last_sync, hardware] = fields else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("deviceName", name)?,
        entra_id: text("azureADDeviceId", entra)?,
        platform: platform("operatingSystem", os, memo)?,
        arch: arch("processorArchitecture", processor, memo, false)?,
        management: management("managementAgent", agent, memo)?,
        last_seen: timestamp("lastSyncDateTime", last_sync)?,
        ..Facts::default()
    };
    if facts.platform.is_some_and(|p| p != Platform::Windows) {
        facts.platform_version = text("osVersion", os_version)?;
        return Ok(facts);
    }
    if let Some((build, ubr)) = version("osVersion", os_version, memo, "text like \"10.0.26100.4349\"", false)? {
        facts.build = Some(build);
        facts.ubr = ubr;
    }
    facts.edition = match edition("skuFamily", sku_family, memo)? {
        Some(e) => Some(e),
        None => sku("skuNumber", sku_number)?,
    };
    if let Some(Scalar::Raw(raw)) = hardware {
        let hw = memo.nested(raw, &HARDWARE).map_err(|e| format!("hardwareInformation: {}", e.message(|_| 1)))?;
        let [vbs, hw_edition, product_type, build_number, storage, serial, tpm] = &hw;
        let has = |v: &Option<Scalar<'_>>| v.as_ref().is_some_and(|s| matches!(s.text(), Ok(Some(_))));
        let filled = has(hw_edition)
            || has(build_number)
            || has(serial)
            || has(tpm)
            || whole("totalStorageSpace", storage, "a number")?.is_some_and(|n| n > 0);
        let other_keys = [hw_edition, build_number, storage, serial, tpm].iter().any(|v| v.is_some());
        let state = match vbs_graph("hardwareInformation.deviceGuardVirtualizationBasedSecurityState", vbs, memo) {
            Ok(state) => state,
            // A value nobody knows in a block a list call left at its defaults says nothing;
            // elsewhere it is the record's error.
            Err(_) if !filled && other_keys => None,
            Err(e) => return Err(e),
        };
        // A list call leaves the block at its defaults: every key present, nulls and zeros,
        // and the enum at value 0, which reads `running`. Only that shape is ambiguous: a
        // state other than `running`, or a block that is not the default shape (filled, or
        // selected down to the VBS field by a script), is a real reading (DOMAIN.md section 4).
        let list_default = !filled && other_keys && state == Some(Vbs::Running);
        if !list_default {
            facts.vbs = state;
        }
        if filled {
            if facts.edition.is_none() {
                facts.edition = edition("hardwareInformation.operatingSystemEdition", hw_edition, memo)?;
            }
            // Win32_OperatingSystem ProductType: 1 workstation, 2 domain controller, 3 server.
            facts.family = match whole("hardwareInformation.operatingSystemProductType", product_type, "1, 2 or 3")? {
                Some(1) => Some(OsFamily::Client),
                Some(2 | 3) => Some(OsFamily::Server),
                _ => None,
            };
        }
    }
    Ok(facts)
}
