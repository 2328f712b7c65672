//! The Intune "All devices" export (Devices > All devices > Export, a CSV; Microsoft documents
//! its columns as the `DevicesWithInventory` report). Headers are matched ignoring case,
//! spaces and punctuation through [`COLUMNS`], the one table to extend when a name is missing.
//!
//! What is known about the names (tests/data/exports/wufb-intune/SOURCES.md): the English
//! headers are Microsoft's documented ones, old (`Azure AD Device ID`) and current
//! (`Microsoft Entra Device ID`). No public copy of a translated export header was found: the
//! export is produced by Graph's `exportJobs`, whose column names are English, so the
//! translations below are a safety net taken from the wording of Microsoft's localised Intune
//! documentation, not checked against a real export.

use std::borrow::Cow;

use super::csv::{self, header_key};
use super::record::{arch, edition, management, platform, text, timestamp, version, Memo, Problem};
use super::table::read_rows;
use super::Sink;
use crate::device::{Facts, Platform};
use crate::json::value::Scalar;

/// The columns read, each with every header name it is known by (already reduced by
/// [`header_key`]: lowercase, no spaces or punctuation). English first (documented), then the
/// wording of Microsoft's German, French, Spanish, Italian, Dutch and Portuguese Intune
/// documentation (no translated export has been seen; see the module docs).
pub(crate) const COLUMNS: [(&str, &[&str]); 8] = [
    (
        "Device name",
        &[
            "devicename",
            "gerätename",
            "nomdelappareil",
            "nombredeldispositivo",
            "nomedeldispositivo",
            "apparaatnaam",
            "nomedodispositivo",
        ],
    ),
    (
        "Azure AD Device ID",
        &[
            "azureaddeviceid",
            "microsoftentradeviceid",
            "entradeviceid",
            "aaddeviceid",
            "azureadgeräteid",
            "microsoftentrageräteid",
            "iddappareilazuread",
            "iddelappareilmicrosoftentra",
            "iddappareilmicrosoftentra",
            "iddeldispositivodeazuread",
            "iddedispositivodeazuread",
            "iddeldispositivodemicrosoftentra",
            "microsoftentraiddedispositivo",
        ],
    ),
    (
        "OS",
        &["os", "operatingsystem", "betriebssystem", "systèmedexploitation", "sistemaoperativo", "besturingssysteem"],
    ),
    (
        "OS version",
        &[
            "osversion",
            "operatingsystemversion",
            "betriebssystemversion",
            "versiondusystèmedexploitation",
            "versiondesystèmedexploitation",
            "versiondelsistemaoperativo",
            "versionedelsistemaoperativo",
            "besturingssysteemversie",
            "versãodosistemaoperacional",
        ],
    ),
    ("SkuFamily", &["skufamily", "skufamilie", "familledesku", "familiadesku"]),
    (
        "ProcessorArchitecture",
        &[
            "processorarchitecture",
            "prozessorarchitektur",
            "architectureduprocesseur",
            "arquitecturadelprocesador",
            "architetturadelprocessore",
            "processorarchitectuur",
        ],
    ),
    (
        "Managed by",
        &["managedby", "verwaltetvon", "gérépar", "administradopor", "gestitoda", "beheerddoor", "gerenciadopor"],
    ),
    (
        "Last check-in",
        &[
            "lastcheckin",
            "lastsync",
            "letztercheckin",
            "letzteeincheckzeit",
            "dernierarchivage",
            "dernièreconnexion",
            "últimaprotección",
            "ultimocheckin",
            "laatsteincheckdatum",
            "últimocheckin",
        ],
    ),
];

/// Whether a CSV header has the Intune export's device name column (in any language the
/// alias table knows).
pub(crate) fn has_device_column(header: &[Cow<'_, str>]) -> bool {
    header.len() >= 2 && header.iter().any(|h| COLUMNS[0].1.contains(&header_key(h).as_str()))
}

/// Reads every row; returns how many records the document held (rows, and the unreadable
/// rest when a quote is never closed).
pub(crate) fn read(table: &csv::Table<'_>, sink: &mut Sink<'_>) -> usize {
    let columns: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(_, names)| table.header.iter().position(|h| names.contains(&header_key(h).as_str())))
        .collect();
    read_rows(table, &columns, facts, "Device name or Azure AD Device ID", sink)
}

fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra, os, os_version, sku_family, processor, managed_by, last_check_in] = fields else {
        return Err("the row could not be read".into());
    };
    let mut facts = Facts {
        name: text("Device name", name)?,
        entra_id: text("Azure AD Device ID", entra)?,
        platform: platform("OS", os, memo)?,
        last_seen: timestamp("Last check-in", last_check_in).unwrap_or(None),
        ..Facts::default()
    };
    if facts.platform.is_some_and(|p| p != Platform::Windows) {
        facts.platform_version = text("OS version", os_version)?;
        return Ok(facts);
    }
    if let Some((b, u)) = version("OS version", os_version, memo, "a version like 10.0.26100.4349", false)? {
        facts.build = Some(b);
        facts.ubr = u;
    }
    facts.edition = edition("SkuFamily", sku_family, memo)?;
    facts.arch = arch("ProcessorArchitecture", processor, memo, false)?;
    facts.management = management("Managed by", managed_by, memo)?;
    Ok(facts)
}
