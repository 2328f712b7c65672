//! The planner's own format: `{"schemaVersion": 1, "devices": [ … ]}` (or a bare array of
//! device objects), documented by `schema/canonical.schema.json`. Its field names are the
//! normalised device's, so it is also what a portal writes when it already knows the facts.

use super::record::{field_error, read_field, Memo, Parsed};
use super::Sink;
use crate::date::parse_timestamp;
use crate::device::{ArcHotpatch, Arch, Edition, Facts, HotpatchSetting, License, Management, Platform, Ring, Vbs};
use crate::json::scan::{scan, skip_value, Lines, Outline};
use crate::json::value::{field, nested, parse_object, parse_record, FieldSpec, Scalar};
use crate::platform::{parse_version, OsFamily};

/// The fields of a canonical device record (all optional), in the order `facts` reads them.
pub(crate) const FIELDS: [FieldSpec; 20] = [
    field("name"),
    field("entraDeviceId"),
    field("platform"),
    field("platformVersion"),
    field("family"),
    field("build"),
    field("ubr"),
    field("edition"),
    field("sku"),
    field("arch"),
    field("vbs"),
    field("hotPatchRestrictions"),
    field("allowRebootlessUpdates"),
    field("hotpatchPolicy"),
    field("management"),
    field("ring"),
    nested("ringSettings"),
    field("license"),
    field("arcHotpatch"),
    field("lastSeen"),
];

/// Whether a record with these keys is canonical: only canonical field names, and at least
/// one OS fact among them.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    let known = keys.iter().filter(|k| FIELDS.iter().any(|f| f.name == k.as_str())).count();
    let facts = keys.iter().any(|k| ["build", "ubr", "edition", "vbs", "arch", "sku"].contains(&k.as_str()));
    facts && known * 10 >= keys.len() * 8
}

/// Reads every record of a canonical document, in one pass.
pub(crate) fn read(text: &str, sink: &mut Sink<'_>) -> Outline {
    let mut index = 0;
    let mut lines = Lines::new(text);
    let mut memo = Memo::new();
    scan(text, &mut |start, path| {
        let i = index;
        index += 1;
        match parse_object(text, start, &FIELDS) {
            Ok((fields, end)) => {
                match facts(&fields, &mut memo) {
                    Ok(facts) => sink.record(i, facts),
                    Err(message) => sink.record_error(i, path, lines.at(start), format!("record {i}: {message}")),
                }
                Ok(end)
            }
            Err(e) => {
                let end = skip_value(text.as_bytes(), start)?;
                let line = lines.at(start);
                let message = e.record_message(|offset| lines.at(offset));
                sink.record_error(i, path, line, format!("record {i}: {message}"));
                Ok(end)
            }
        }
    })
}

fn facts<'a>(fields: &[Option<Scalar<'a>>; 20], memo: &mut Memo<'a>) -> Result<Facts, String> {
    let [name, entra_device_id, platform, platform_version, family, build, ubr, edition, sku, arch, vbs, hot_patch_restrictions, allow_rebootless_updates, hotpatch_policy, management, ring, ring_settings, license, arc_hotpatch, last_seen] =
        fields;
    let text =
        |field: &str, v: &Option<Scalar<'_>>| read_field(field, v, "text", |s| s.text().map(|t| t.map(str::to_owned)));
    let mut facts = Facts {
        name: text("name", name)?,
        entra_id: text("entraDeviceId", entra_device_id)?,
        platform_version: text("platformVersion", platform_version)?,
        ring: text("ring", ring)?,
        ..Facts::default()
    };
    facts.platform = read_field("platform", platform, "text such as \"windows\" or \"ios\"", |s| {
        match memo.read(0, s, |s| s.text().map_or(Parsed::Invalid, |t| Parsed::Platform(t.and_then(Platform::parse)))) {
            Parsed::Platform(p) => Ok(p),
            _ => Err(()),
        }
    })?;
    facts.family = read_field("family", family, "\"client\" or \"server\"", |s| {
        one_of(s, &[("client", OsFamily::Client), ("server", OsFamily::Server)])
    })?;
    // `build` is a build number (26100) or a full version ("10.0.26100.4349").
    if let Some(build) = build {
        let expected = "a build number like 26100 or text like \"10.0.26100.4349\"";
        match build {
            Scalar::Text(t) if t.trim().is_empty() => {}
            Scalar::Text(_) => {
                let parsed = memo.read(1, build, |s| Parsed::Build(s.text().ok().flatten().and_then(parse_version)));
                let Parsed::Build(Some((b, ubr))) = parsed else { return Err(field_error("build", build, expected)) };
                facts.build = Some(b);
                facts.ubr = ubr;
            }
            other => facts.build = whole_u32(other).map_err(|()| field_error("build", other, expected))?,
        }
    }
    if let Some(ubr) = read_field("ubr", ubr, "a whole number like 4349", whole_u32)? {
        if facts.ubr.is_some_and(|u| u != ubr) {
            return Err(format!("build says UBR {} but ubr is {ubr}", facts.ubr.unwrap_or_default()));
        }
        facts.ubr = Some(ubr);
    }
    facts.edition = read_field("edition", edition, "text such as \"Enterprise\"", |s| {
        match memo.read(2, s, |s| s.text().map_or(Parsed::Invalid, |t| Parsed::Edition(t.and_then(Edition::parse)))) {
            Parsed::Edition(e) => Ok(e),
            _ => Err(()),
        }
    })?;
    if facts.edition.is_none() {
        facts.edition = read_field("sku", sku, "a SKU number such as 4 (Enterprise)", |s| {
            Ok(whole_u32(s)?.and_then(Edition::from_sku))
        })?;
    }
    facts.arch = read_field("arch", arch, "\"x64\", \"arm64\" or \"x86\"", |s| {
        let parsed = memo.read(3, s, |s| match s.text() {
            Ok(None) => Parsed::Arch(None),
            Ok(Some(t)) => Arch::parse(t).map_or(Parsed::Invalid, |a| Parsed::Arch(Some(a))),
            Err(()) => Parsed::Invalid,
        });
        match parsed {
            Parsed::Arch(a) => Ok(a),
            _ => Err(()),
        }
    })?;
    facts.vbs = read_field("vbs", vbs, "\"running\", \"enabled\", \"off\" or a Win32_DeviceGuard number 0–2", |s| {
        let parsed = memo.read(4, s, |s| match s {
            Scalar::Text(t) if t.trim().is_empty() => Parsed::Vbs(None),
            Scalar::Text(t) => Vbs::from_name(t).map_or(Parsed::Invalid, |v| Parsed::Vbs(Some(v))),
            other => match other.whole() {
                Ok(None) => Parsed::Vbs(None),
                Ok(Some(n)) => Vbs::from_wmi(n).map_or(Parsed::Invalid, |v| Parsed::Vbs(Some(v))),
                Err(()) => Parsed::Invalid,
            },
        });
        match parsed {
            Parsed::Vbs(v) => Ok(v),
            _ => Err(()),
        }
    })?;
    facts.hotpatch_restrictions =
        read_field("hotPatchRestrictions", hot_patch_restrictions, "a DWORD such as 1", whole_u32)?;
    facts.allow_rebootless_updates =
        read_field("allowRebootlessUpdates", allow_rebootless_updates, "true, false, 1 or 0", |s| s.boolean())?;
    facts.hotpatch_policy = read_field("hotpatchPolicy", hotpatch_policy, "\"allow\" or \"block\"", |s| {
        one_of(s, &[("allow", HotpatchSetting::Allow), ("block", HotpatchSetting::Block)])
    })?;
    facts.management =
        read_field("management", management, "\"intune\", \"co-managed\", \"configmgr\", \"wsus\" or \"none\"", |s| {
            match memo
                .read(5, s, |s| s.text().map_or(Parsed::Invalid, |t| Parsed::Management(t.and_then(Management::parse))))
            {
                Parsed::Management(m) => Ok(m),
                _ => Err(()),
            }
        })?;
    facts.license = read_field("license", license, "\"eligible\" or \"ineligible\"", |s| {
        one_of(s, &[("eligible", License::Eligible), ("ineligible", License::Ineligible)])
    })?;
    facts.arc_hotpatch = read_field(
        "arcHotpatch",
        arc_hotpatch,
        "\"enabled\", \"pending\", \"not-enrolled\", \"disabled\" or \"canceled\"",
        |s| match s.text()? {
            None => Ok(None),
            Some(t) => ArcHotpatch::parse(t).map(Some).ok_or(()),
        },
    )?;
    facts.last_seen =
        read_field("lastSeen", last_seen, "a timestamp like \"2026-11-20T10:11:12Z\"", |s| match s.text()? {
            None => Ok(None),
            Some(t) => parse_timestamp(t).map(Some).ok_or(()),
        })?;
    match ring_settings {
        None | Some(Scalar::Null) => {}
        Some(Scalar::Raw(raw)) if raw.starts_with('{') => facts.ring_settings = Some(read_ring_settings(raw)?),
        Some(other) => {
            return Err(field_error("ringSettings", other, "an object with deferralDays, deadlineDays and graceDays"))
        }
    }
    Ok(facts)
}

/// The value whose name matches the text, ignoring ASCII case; `Err` for other text.
fn one_of<T: Copy>(s: &Scalar<'_>, choices: &[(&str, T)]) -> Result<Option<T>, ()> {
    match s.text()? {
        None => Ok(None),
        Some(t) => choices.iter().find(|(name, _)| name.eq_ignore_ascii_case(t)).map(|(_, v)| Some(*v)).ok_or(()),
    }
}

fn whole_u32(s: &Scalar<'_>) -> Result<Option<u32>, ()> {
    match s.whole()? {
        None => Ok(None),
        Some(n) => u32::try_from(n).map(Some).map_err(|_| ()),
    }
}

/// `ringSettings`: `{ deferralDays, deadlineDays, graceDays }`, each required, in the
/// ranges of DOMAIN.md section 6.
fn read_ring_settings(text: &str) -> Result<Ring, String> {
    const RING: [FieldSpec; 3] = [field("deferralDays"), field("deadlineDays"), field("graceDays")];
    let [deferral, deadline, grace] = parse_record(text, &RING, 1).map_err(|e| format!("ringSettings: {e}"))?;
    let days = |field: &str, v: &Option<Scalar<'_>>, max: u64| -> Result<u32, String> {
        let expected = format!("a whole number of days from 0 to {max}");
        match v {
            None => Err(format!("ringSettings.{field} is missing, expected {expected}")),
            Some(s) => match s.whole() {
                Ok(Some(n)) if n <= max => Ok(n as u32),
                _ => Err(field_error(&format!("ringSettings.{field}"), s, &expected)),
            },
        }
    };
    Ok(Ring::new(
        days("deferralDays", &deferral, 30)?,
        days("deadlineDays", &deadline, 30)?,
        days("graceDays", &grace, 7)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{read as read_inputs, Format, Input};

    fn one(record: &str) -> Result<Facts, String> {
        let doc = format!(r#"{{"devices":[{record}]}}"#);
        let inv = read_inputs(&[Input::Text(&doc)], None);
        assert_eq!(inv.inputs[0].format, Some(Format::Canonical));
        match (inv.records.first(), inv.errors.first()) {
            (Some(r), None) => Ok(r.facts.clone()),
            (None, Some(e)) => Err(e.message.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_every_field() {
        let f = one(r#"{"name":"LAP-01","entraDeviceId":"1f2e","family":"client","build":"10.0.26100.4349","edition":"Enterprise",
            "arch":"arm64","vbs":"running","hotPatchRestrictions":1,"allowRebootlessUpdates":true,"hotpatchPolicy":"allow",
            "management":"intune","ring":"Broad","ringSettings":{"deferralDays":9,"deadlineDays":5,"graceDays":2},
            "license":"eligible","arcHotpatch":"not-enrolled","lastSeen":"2026-11-20T10:11:12Z","unknownField":[1,2]}"#)
        .unwrap();
        assert_eq!(f.name.as_deref(), Some("LAP-01"));
        assert_eq!((f.build, f.ubr), (Some(26100), Some(4349)));
        assert_eq!(f.edition, Some(Edition::Enterprise));
        assert_eq!(f.arch, Some(Arch::Arm64));
        assert_eq!(f.vbs, Some(Vbs::Running));
        assert_eq!(f.hotpatch_restrictions, Some(1));
        assert_eq!(f.allow_rebootless_updates, Some(true));
        assert_eq!(f.ring_settings, Some(Ring::new(9, 5, 2)));
        assert_eq!(f.arc_hotpatch, Some(ArcHotpatch::NotEnrolled));
        assert_eq!(f.last_seen, Some(1_795_169_472));
    }

    #[test]
    fn numbers_and_text_are_both_accepted_where_people_write_both() {
        let f = one(r#"{"name":"A","build":26100,"ubr":"4349","vbs":2,"sku":4}"#).unwrap();
        assert_eq!(
            (f.build, f.ubr, f.vbs, f.edition),
            (Some(26100), Some(4349), Some(Vbs::Running), Some(Edition::Enterprise))
        );
    }

    #[test]
    fn wrong_values_name_the_record_and_field() {
        for (record, message) in [
            (r#"{"name":"A","build":"twenty"}"#, "record 0: build is the text \"twenty\", expected a build number like 26100 or text like \"10.0.26100.4349\""),
            (r#"{"name":"A","build":26100,"ubr":-5}"#, "record 0: ubr is the number -5, expected a whole number like 4349"),
            (r#"{"name":"A","build":26100,"ubr":99999999999}"#, "record 0: ubr is the number 99999999999, expected a whole number like 4349"),
            (r#"{"name":["A"],"build":26100}"#, "record 0: name is a list, expected text"),
            (r#"{"name":"A","vbs":"maybe"}"#, "record 0: vbs is the text \"maybe\", expected \"running\", \"enabled\", \"off\" or a Win32_DeviceGuard number 0–2"),
            (r#"{"name":"A","vbs":7}"#, "record 0: vbs is the number 7, expected \"running\", \"enabled\", \"off\" or a Win32_DeviceGuard number 0–2"),
            (r#"{"name":"A","arch":"sparc"}"#, "record 0: arch is the text \"sparc\", expected \"x64\", \"arm64\" or \"x86\""),
            (r#"{"name":"A","build":26100,"name":"B"}"#, "record 0: the field \"name\" appears twice"),
            (r#"{"name":"A","ringSettings":{"deferralDays":3,"deadlineDays":40,"graceDays":2}}"#, "record 0: ringSettings.deadlineDays is the number 40, expected a whole number of days from 0 to 30"),
            (r#"{"name":"A","ringSettings":{"deferralDays":3}}"#, "record 0: ringSettings.deadlineDays is missing, expected a whole number of days from 0 to 30"),
            (r#"{"name":"A","build":"10.0.26100.4349","ubr":4350}"#, "record 0: build says UBR 4349 but ubr is 4350"),
            (r#""LAP-01""#, "record 0: the record is the text \"LAP-01\", expected an object describing a device"),
            (r#"{"name":"A","edition":"Enterprise",}"#, "record 0: the record is not valid JSON: trailing comma (line 1)"),
        ] {
            assert_eq!(one(record).unwrap_err(), message, "{record}");
        }
    }

    #[test]
    fn the_json_schema_lists_exactly_the_fields_the_reader_reads() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schema/canonical.schema.json")).unwrap();
        let mut documented: Vec<&str> =
            schema["$defs"]["device"]["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut read: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        documented.sort_unstable();
        read.sort_unstable();
        assert_eq!(documented, read);
    }

    #[test]
    fn detection_needs_canonical_names() {
        let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(looks_like(&keys(&["name", "build", "ubr"])));
        assert!(!looks_like(&keys(&["deviceName", "osVersion", "build"])));
        assert!(!looks_like(&keys(&["name"])));
    }
}
