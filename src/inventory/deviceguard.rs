//! `Win32_DeviceGuard` as JSON: `Get-CimInstance -Namespace root\Microsoft\Windows\DeviceGuard
//! -ClassName Win32_DeviceGuard | ConvertTo-Json`. The VBS state is
//! `VirtualizationBasedSecurityStatus`: 0 off, 1 enabled not running, 2 running.
//!
//! A raw CIM instance carries noise (`CimClass`, `CimInstanceProperties` repeating every
//! value, `CimSystemProperties`); only the machine name is read from `CimSystemProperties`
//! when `PSComputerName` is empty (a local run).

// The core module only detects this format (the full module reads it): there the reader's
// imports and helpers are unused.
#![cfg_attr(not(feature = "extra-formats"), allow(unused_imports, dead_code))]

use super::record::{text, vbs_wmi, JsonFormat, Memo, Problem};
use crate::device::Facts;
use crate::json::value::{field, nested, parse_object, FieldSpec, Scalar};

#[cfg(feature = "extra-formats")]
const FIELDS: [FieldSpec; 3] =
    [field("VirtualizationBasedSecurityStatus"), field("PSComputerName"), nested("CimSystemProperties")];

/// The Device Guard reader.
#[cfg(feature = "extra-formats")]
pub(crate) const FORMAT: JsonFormat =
    JsonFormat {
    specs: &FIELDS,
    facts,
    names: "PSComputerName (Invoke-Command -ComputerName adds it; a local run leaves it empty) or CimSystemProperties.ServerName",
};

/// A Win32_DeviceGuard instance has `VirtualizationBasedSecurityStatus`.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    keys.iter().any(|k| k == "VirtualizationBasedSecurityStatus")
}

#[cfg(feature = "extra-formats")]
fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [vbs, ps_name, cim] = fields else { return Err("the record could not be read".into()) };
    let mut name = text("PSComputerName", ps_name)?;
    if name.is_none() {
        if let Some(Scalar::Raw(raw)) = cim {
            const SYSTEM: [FieldSpec; 1] = [field("ServerName")];
            if let Ok(([server], _)) = parse_object(raw, 0, &SYSTEM) {
                name = text("CimSystemProperties.ServerName", &server)?;
            }
        }
    }
    Ok(Facts { name, vbs: vbs_wmi("VirtualizationBasedSecurityStatus", vbs, memo, "0, 1 or 2")?, ..Facts::default() })
}
