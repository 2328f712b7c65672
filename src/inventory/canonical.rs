//! The planner's own format: `{"schemaVersion": 1, "devices": [ … ]}` (or a bare array of
//! device objects), documented by `schema/canonical.schema.json`. Its field names are the
//! normalised device's, so it is also what a portal writes when it already knows the facts.

use super::record::{
    arch, boolean, edition, field_error, management, platform, read_field, sku, text, timestamp, vbs_wmi, version,
    whole, JsonFormat, Memo, Problem,
};
use crate::device::{ArcHotpatch, Facts, HotpatchSetting, License, Ring};
use crate::json::value::{field, nested, parse_record, FieldSpec, Scalar};
use crate::platform::OsFamily;

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

/// The canonical format's reader.
pub(crate) const FORMAT: JsonFormat = JsonFormat { specs: &FIELDS, facts, names: "name or entraDeviceId" };

/// Whether a record with these keys is canonical: only canonical field names, and at least
/// one OS fact among them.
pub(crate) fn looks_like(keys: &[String]) -> bool {
    let known = keys.iter().filter(|k| FIELDS.iter().any(|f| f.name == k.as_str())).count();
    let facts = keys.iter().any(|k| ["build", "ubr", "edition", "vbs", "arch", "sku"].contains(&k.as_str()));
    facts && known * 10 >= keys.len() * 8
}

fn facts<'a>(fields: &[Option<Scalar<'a>>], memo: &mut Memo<'a>) -> Result<Facts, Problem> {
    let [name, entra_device_id, platform_field, platform_version, family, build, ubr, edition_field, sku_field, arch_field, vbs, hot_patch_restrictions, allow_rebootless_updates, hotpatch_policy, management_field, ring, ring_settings, license, arc_hotpatch, last_seen] =
        fields
    else {
        return Err("the record could not be read".into());
    };
    let mut facts = Facts {
        name: text("name", name)?,
        entra_id: text("entraDeviceId", entra_device_id)?,
        platform: platform("platform", platform_field, memo)?,
        platform_version: text("platformVersion", platform_version)?,
        ring: text("ring", ring)?,
        hotpatch_restrictions: whole("hotPatchRestrictions", hot_patch_restrictions, "a DWORD such as 1")?,
        allow_rebootless_updates: boolean("allowRebootlessUpdates", allow_rebootless_updates)?,
        management: management("management", management_field, memo)?,
        last_seen: timestamp("lastSeen", last_seen)?,
        arch: arch("arch", arch_field, memo, true)?,
        vbs: vbs_wmi("vbs", vbs, memo, "\"running\", \"enabled\", \"off\" or a Win32_DeviceGuard number 0–2")?,
        ..Facts::default()
    };
    facts.family = read_field("family", family, "\"client\" or \"server\"", |s| {
        one_of(s, &[("client", OsFamily::Client), ("server", OsFamily::Server)])
    })?;
    // `build` is a build number (26100) or a full version ("10.0.26100.4349").
    if let Some((b, u)) =
        version("build", build, memo, "a build number like 26100 or text like \"10.0.26100.4349\"", true)?
    {
        facts.build = Some(b);
        facts.ubr = u;
    }
    if let Some(ubr) = whole("ubr", ubr, "a whole number like 4349")? {
        if facts.ubr.is_some_and(|u| u != ubr) {
            return Err(Problem::field(
                "ubr",
                format!("build says UBR {} but ubr is {ubr}", facts.ubr.unwrap_or_default()),
            ));
        }
        facts.ubr = Some(ubr);
    }
    facts.edition = match edition("edition", edition_field, memo)? {
        Some(e) => Some(e),
        None => sku("sku", sku_field)?,
    };
    facts.hotpatch_policy = read_field("hotpatchPolicy", hotpatch_policy, "\"allow\" or \"block\"", |s| {
        one_of(s, &[("allow", HotpatchSetting::Allow), ("block", HotpatchSetting::Block)])
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

/// `ringSettings`: `{ deferralDays, deadlineDays, graceDays }`, each required, in the
/// ranges of DOMAIN.md section 6.
fn read_ring_settings(text: &str) -> Result<Ring, Problem> {
    const RING: [FieldSpec; 3] = [field("deferralDays"), field("deadlineDays"), field("graceDays")];
    let [deferral, deadline, grace] =
        parse_record(text, &RING, 1).map_err(|e| Problem::field("ringSettings", format!("ringSettings: {e}")))?;
    let days = |field: &str, v: &Option<Scalar<'_>>, max: u64| -> Result<u32, Problem> {
        let expected = format!("a whole number of days from 0 to {max}");
        match v {
            None => Err(Problem::field(
                format!("ringSettings.{field}"),
                format!("ringSettings.{field} is missing, expected {expected}"),
            )),
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
    use crate::device::{Arch, Edition, Vbs};
    use crate::inventory::{read as read_inputs, Format, Formats, Input};

    fn one(record: &str) -> Result<Facts, String> {
        let doc = format!(r#"{{"devices":[{record}]}}"#);
        let inv = read_inputs(&[Input::Text(&doc)], &Formats::Detect);
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
