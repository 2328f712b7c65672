//! Options of `evaluate` (CONTRACT.md "EvaluateOptions"): the evaluation date, horizon,
//! tenant settings, update rings and an optional newer catalog.

use crate::date::{Date, YearMonth};
use crate::device::{ArcHotpatch, HotpatchSetting, License, Ring};
use crate::error::ErrorCode;
use crate::fields::{text, Fields, Value};
use crate::hash::FastMap;
use crate::inventory::{Format, Formats};
use crate::Error;

/// The month whose B release made Allow the tenant hotpatch default (DOMAIN.md section 3):
/// May 2026, released 2026-05-12.
pub const HOTPATCH_DEFAULT_ALLOW_MONTH: YearMonth = YearMonth::of(2026, 5);

/// A tenant-level answer that may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TenantValue<T> {
    /// The admin said so (an option).
    Set(T),
    /// Nobody said; the planner's default applies.
    Default(T),
    /// Unknown: the check stays unknown.
    Unknown,
}

impl<T: Copy> TenantValue<T> {
    /// The value, whether set or defaulted.
    pub fn value(self) -> Option<T> {
        match self {
            TenantValue::Set(v) | TenantValue::Default(v) => Some(v),
            TenantValue::Unknown => None,
        }
    }
}

/// Tenant settings: what no device record carries (DOMAIN.md section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tenant {
    /// Licence for devices whose record has none; defaults to eligible (assumed).
    pub license: TenantValue<License>,
    /// Hotpatch setting for devices in no quality update policy; Allow from the May 2026 B
    /// release on, unknown before.
    pub hotpatch: TenantValue<HotpatchSetting>,
    /// Windows Server 2025 Standard/Datacenter hotpatch enrolment through Azure Arc, for
    /// servers whose record does not say; unknown by default.
    pub arc_hotpatch: TenantValue<ArcHotpatch>,
}

impl Tenant {
    /// The defaults as of `as_of`.
    pub fn defaults(as_of: Date) -> Tenant {
        Tenant {
            license: TenantValue::Default(License::Eligible),
            hotpatch: if as_of >= hotpatch_default_date() {
                TenantValue::Default(HotpatchSetting::Allow)
            } else {
                TenantValue::Unknown
            },
            arc_hotpatch: TenantValue::Unknown,
        }
    }
}

/// 2026-05-12, the date the tenant hotpatch default became Allow.
pub fn hotpatch_default_date() -> Date {
    HOTPATCH_DEFAULT_ALLOW_MONTH.patch_tuesday()
}

/// A named ring or ring settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRing {
    /// The ring's name as configured, or `None` for the default ring when unnamed.
    pub name: Option<String>,
    /// Its settings.
    pub ring: Ring,
}

/// The devices a configured ring takes (`rings.<name>.devices` and `.namePatterns`, README
/// "Rings"): those the inventory gives no ring of their own. A device's own ring (WUfB
/// reports, the canonical format) is its real policy, so it is never overridden.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RingMembers {
    /// Index into [`EvaluateOptions::rings`].
    pub ring: usize,
    /// Device names (with or without a DNS suffix) or Entra device ids, compared ignoring
    /// case: a pasted list, or the names of a group's members.
    pub devices: Vec<String>,
    /// Name patterns, `*` for any run of characters and `?` for one, matched against the name
    /// as reported (DNS suffix included), ignoring the case of ASCII letters:
    /// `CON-LAP-*`.
    pub name_patterns: Vec<String>,
}

/// Everything `evaluate` takes besides the inventory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvaluateOptions {
    /// The evaluation date. Every date rule uses it; nothing reads the clock.
    pub as_of: Date,
    /// Schedule horizon, 1–36 months.
    pub months: u32,
    /// Which format each input is read as (detected unless forced).
    pub format: Formats,
    /// Tenant settings.
    pub tenant: Tenant,
    /// Rings by name: Windows Autopatch's defaults, with the caller's rings merged over them.
    pub rings: Vec<NamedRing>,
    /// The ring for devices with none (or with a ring name that is not configured).
    pub default_ring: NamedRing,
    /// Which devices without a ring of their own each configured ring takes, in the order
    /// the rings were given: a device listed by several takes the first, lists before patterns.
    pub ring_members: Vec<RingMembers>,
    /// The release data to use: the built-in catalog, with the `catalog` option's documents
    /// merged over it (or alone, `builtInCatalog: false`).
    pub catalog: crate::catalog::CatalogChoice,
}

impl EvaluateOptions {
    /// Defaults as of `as_of`: 12 months, detected formats, tenant defaults, Autopatch rings,
    /// Microsoft's suggested ring for devices in none.
    pub fn new(as_of: Date) -> EvaluateOptions {
        EvaluateOptions {
            as_of,
            months: 12,
            format: Formats::Detect,
            tenant: Tenant::defaults(as_of),
            rings: Ring::AUTOPATCH
                .iter()
                .map(|(name, ring)| NamedRing { name: Some((*name).to_string()), ring: *ring })
                .collect(),
            default_ring: NamedRing { name: None, ring: Ring::SUGGESTED },
            ring_members: Vec::new(),
            catalog: Default::default(),
        }
    }

    /// Reads options as JS passes them. `today` is used when `asOf` is absent; only the
    /// outermost layer (the Wasm boundary, a CLI) knows what today is.
    ///
    /// # Errors
    /// `INVALID_OPTION` naming the field, the value and what was expected, e.g.
    /// `rings.Broad.deadlineDays: found the number 45, expected a whole number from 0 to 30`.
    pub fn from_json(json: &str, today: Date) -> Result<EvaluateOptions, Error> {
        let f = Fields::options(json)?;
        f.only(&["asOf", "months", "format", "tenant", "rings", "defaultRing", "catalog", "builtInCatalog"])?;
        let as_of = f.as_of("asOf")?.unwrap_or(today);
        let mut options = EvaluateOptions::new(as_of);
        options.months = f.int_in("months", 1..=36)?.unwrap_or(12);
        let expected = format!("\"auto\" or one of {}, or a list of those (one per input)", Format::ids_for_message());
        let one = |v: &Value<'_>| match text(v) {
            Some("auto") => Some(None),
            Some(id) => Format::from_id(id).map(Some),
            None => None,
        };
        options.format = match f.get("format") {
            None => Formats::Detect,
            Some(Value::Raw(raw)) if raw.starts_with('[') => {
                let list = f.list("format", &expected)?.unwrap_or_default();
                let mut formats = Vec::with_capacity(list.len());
                for (i, item) in list.iter().enumerate() {
                    match one(item) {
                        Some(format) => formats.push(format),
                        None => {
                            return Err(
                                f.error("format", format!("item {i}: found {}, expected {expected}", item.describe()))
                            )
                        }
                    }
                }
                Formats::PerInput(formats)
            }
            Some(v) => match one(v) {
                Some(None) => Formats::Detect,
                Some(Some(format)) => Formats::All(format),
                None => return Err(f.bad("format", v, &expected)),
            },
        };
        if let Some(v) = f.get("tenant") {
            read_tenant(&Fields::new(v, "tenant".into(), ErrorCode::InvalidOption)?, &mut options.tenant)?;
        }
        if let Some(v) = f.get("rings") {
            let rings = Fields::new(v, "rings".into(), ErrorCode::InvalidOption)?;
            // By lowercased name: 40,000 rings must not cost 40,000² comparisons (issue 12).
            let mut index = ring_index(&options.rings);
            for (name, ring_value) in rings.entries() {
                let name: &str = name;
                if name.trim().is_empty() {
                    return Err(rings.error(name, "a ring needs a name"));
                }
                let key = name.to_ascii_lowercase();
                let existing = index.get(&key).copied();
                let base = existing.map_or(Ring::SUGGESTED, |i| options.rings[i].ring);
                let ring_fields = Fields::new(ring_value, rings.at(name), ErrorCode::InvalidOption)?;
                ring_fields.only(&RING_FIELDS)?;
                let ring = read_ring(&ring_fields, base)?;
                let named = NamedRing { name: Some(name.to_string()), ring };
                let at = match existing {
                    Some(i) => {
                        options.rings[i] = named;
                        i
                    }
                    None => {
                        index.insert(key, options.rings.len());
                        options.rings.push(named);
                        options.rings.len() - 1
                    }
                };
                let devices = ring_fields.texts("devices", "a list of device names or Entra device ids")?;
                let name_patterns =
                    ring_fields.texts("namePatterns", "a list of name patterns such as \"CON-LAP-*\"")?;
                if let Some(i) = name_patterns.iter().position(|p| p.trim().is_empty()) {
                    return Err(ring_fields.error(
                        "namePatterns",
                        format!("item {i} is empty; a pattern such as \"CON-LAP-*\" names devices"),
                    ));
                }
                if !devices.is_empty() || !name_patterns.is_empty() {
                    options.ring_members.push(RingMembers { ring: at, devices, name_patterns });
                }
            }
        }
        if let Some(v) = f.get("defaultRing") {
            options.default_ring = match v {
                Value::Text(name) => options.ring(name).cloned().ok_or_else(|| {
                    // Eight names at most: an options object can configure thousands of rings.
                    let names: Vec<&str> = options.rings.iter().filter_map(|r| r.name.as_deref()).collect();
                    let mut known: Vec<String> =
                        names.iter().take(8).map(|n| crate::inventory::text::clip(n)).collect();
                    if names.len() > known.len() {
                        known.push(format!("{} more", names.len() - known.len()));
                    }
                    let name = crate::inventory::text::clip(name);
                    f.error(
                        "defaultRing",
                        format!(
                            "found \"{name}\", which is not a configured ring; expected one of {}, or ring settings",
                            known.join(", ")
                        ),
                    )
                })?,
                Value::Raw(raw) if raw.starts_with('{') => {
                    let fields = Fields::new(v, "defaultRing".into(), ErrorCode::InvalidOption)?;
                    // Settings only: the default ring takes the devices no ring takes.
                    fields.only(&RING_FIELDS[..5])?;
                    NamedRing { name: None, ring: read_ring(&fields, Ring::SUGGESTED)? }
                }
                other => return Err(f.bad("defaultRing", other, "a ring name or ring settings")),
            };
        }
        options.catalog = crate::catalog::CatalogChoice::read(&f)?;
        Ok(options)
    }

    /// The configured ring called `name` (compared case-insensitively).
    pub fn ring(&self, name: &str) -> Option<&NamedRing> {
        self.rings.iter().find(|r| r.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }
}

/// The position of each named ring by its lowercased name (names compare ignoring ASCII
/// case), for lookups that must not scan every ring.
pub(crate) fn ring_index(rings: &[NamedRing]) -> FastMap<String, usize> {
    rings.iter().enumerate().filter_map(|(i, r)| r.name.as_deref().map(|n| (n.to_ascii_lowercase(), i))).collect()
}

fn read_tenant(f: &Fields<'_>, tenant: &mut Tenant) -> Result<(), Error> {
    f.only(&["license", "hotpatch", "arcHotpatch"])?;
    match f.choice("license", &["eligible", "ineligible", "unknown"])? {
        Some("eligible") => tenant.license = TenantValue::Set(License::Eligible),
        Some("ineligible") => tenant.license = TenantValue::Set(License::Ineligible),
        Some(_) => tenant.license = TenantValue::Unknown,
        None => {}
    }
    match f.choice("hotpatch", &["allow", "block", "unknown"])? {
        Some("allow") => tenant.hotpatch = TenantValue::Set(HotpatchSetting::Allow),
        Some("block") => tenant.hotpatch = TenantValue::Set(HotpatchSetting::Block),
        Some(_) => tenant.hotpatch = TenantValue::Unknown,
        None => {}
    }
    let arc = ["enabled", "pending", "not-enrolled", "disabled", "canceled", "unknown"];
    if let Some(state) = f.choice("arcHotpatch", &arc)? {
        tenant.arc_hotpatch = ArcHotpatch::parse(state).map_or(TenantValue::Unknown, TenantValue::Set);
    }
    Ok(())
}

/// The fields of a configured ring: its settings, then which devices it takes.
const RING_FIELDS: [&str; 7] =
    ["deferralDays", "deadlineDays", "graceDays", "activeHoursStart", "activeHoursEnd", "devices", "namePatterns"];

/// Reads ring settings; fields left out keep `base` (the built-in ring of the same name, or
/// Microsoft's suggested values).
fn read_ring(f: &Fields<'_>, base: Ring) -> Result<Ring, Error> {
    let ring = Ring {
        deferral_days: f.int_in("deferralDays", 0..=30)?.unwrap_or(base.deferral_days),
        deadline_days: f.int_in("deadlineDays", 0..=30)?.unwrap_or(base.deadline_days),
        grace_days: f.int_in("graceDays", 0..=7)?.unwrap_or(base.grace_days),
        active_hours_start: f.int_in("activeHoursStart", 0..=23)?.or(base.active_hours_start),
        active_hours_end: f.int_in("activeHoursEnd", 0..=23)?.or(base.active_hours_end),
    };
    match (ring.active_hours_start, ring.active_hours_end) {
        (Some(start), Some(end)) => {
            let length = (end + 24 - start) % 24;
            if length == 0 || length > 18 {
                return Err(f.error(
                    "activeHoursEnd",
                    format!("active hours {start}:00–{end}:00 last {length} hours; they must last 1 to 18 hours"),
                ));
            }
        }
        (Some(_), None) => return Err(f.error("activeHoursEnd", "missing; active hours need both a start and an end")),
        (None, Some(_)) => {
            return Err(f.error("activeHoursStart", "missing; active hours need both a start and an end"))
        }
        (None, None) => {}
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> Date {
        Date::parse("2026-11-22").unwrap()
    }

    #[test]
    fn defaults_follow_the_contract() {
        let o = EvaluateOptions::from_json("null", today()).unwrap();
        assert_eq!(o.as_of, today());
        assert_eq!(o.months, 12);
        assert_eq!(o.tenant.license, TenantValue::Default(License::Eligible));
        assert_eq!(o.tenant.hotpatch, TenantValue::Default(HotpatchSetting::Allow));
        assert_eq!(o.ring("broad").unwrap().ring, Ring::new(9, 5, 2));
        assert_eq!(o.default_ring.ring, Ring::new(0, 7, 2));
    }

    #[test]
    fn tenant_hotpatch_default_is_allow_from_the_may_2026_b_release() {
        // DOMAIN.md section 3: the tenant default is Allow since 2026-05-12.
        let before = EvaluateOptions::from_json(&json!({ "asOf": "2026-05-11" }).to_string(), today()).unwrap();
        assert_eq!(before.tenant.hotpatch, TenantValue::Unknown);
        let on = EvaluateOptions::from_json(&json!({ "asOf": "2026-05-12" }).to_string(), today()).unwrap();
        assert_eq!(on.tenant.hotpatch, TenantValue::Default(HotpatchSetting::Allow));
    }

    #[test]
    fn rings_merge_over_autopatch_defaults() {
        let o = EvaluateOptions::from_json(
            &json!({ "rings": { "broad": { "deadlineDays": 3 }, "Pilot": { "deferralDays": 2, "deadlineDays": 4, "graceDays": 1 } }, "defaultRing": "Pilot" }).to_string(),
            today(),
        )
        .unwrap();
        assert_eq!(o.ring("Broad").unwrap().ring, Ring::new(9, 3, 2), "unspecified fields keep the Autopatch values");
        assert_eq!(o.ring("pilot").unwrap().ring, Ring::new(2, 4, 1));
        assert_eq!(o.default_ring.name.as_deref(), Some("Pilot"));
        assert_eq!(o.rings.len(), 5);
    }

    /// Found by the options fuzz target (issue 12): only JSON's whitespace surrounds options; a
    /// form feed is not JSON.
    #[test]
    fn options_text_is_json_not_any_whitespace() {
        assert!(EvaluateOptions::from_json(" \t\r\n{} ", today()).is_ok());
        assert!(EvaluateOptions::from_json("", today()).is_ok());
        assert_eq!(EvaluateOptions::from_json("\u{c}{}\u{c}", today()).unwrap_err().code, ErrorCode::InvalidOption);
    }

    /// Found by the options fuzz target (issue 12): an unknown default ring listed every
    /// configured ring, so 40,000 rings made a megabyte of message.
    #[test]
    fn messages_stay_readable_with_many_or_long_ring_names() {
        let rings: serde_json::Map<String, serde_json::Value> =
            (0..40_000).map(|i| (format!("ring-{i}"), json!({ "deadlineDays": 2 }))).collect();
        let e = EvaluateOptions::from_json(
            &json!({ "rings": rings, "defaultRing": "x".repeat(5000) }).to_string(),
            today(),
        )
        .unwrap_err();
        let expected = format!("defaultRing: found \"{}…\", which is not a configured ring; expected one of Test, First, Fast, Broad, ring-0, ring-1, ring-10, ring-100, 39996 more, or ring settings", "x".repeat(40));
        assert_eq!(e.to_string(), expected);
        // The field keeps the exact path; the sentence shows a readable one.
        let long = "r".repeat(200);
        let e = EvaluateOptions::from_json(
            &json!({ "rings": { long.clone(): { "deadlineDays": 99 } } }).to_string(),
            today(),
        )
        .unwrap_err();
        assert_eq!(e.field, format!("rings.{long}.deadlineDays"));
        assert!(e.to_string().starts_with(&format!("rings.{}…: found the number 99", "r".repeat(74))), "{e}");
    }

    #[test]
    fn invalid_options_name_field_value_and_range() {
        for (options, message) in [
            (json!({ "asOf": "22/11/2026" }), "asOf: found \"22/11/2026\", expected a date written YYYY-MM-DD"),
            // Issue 12: a date far outside what release data can describe is refused, not
            // walked month by month.
            (json!({ "asOf": "9999-12-31" }), "asOf: found \"9999-12-31\", expected a date from 2020-01-01 to 2100-12-31"),
            (json!({ "months": 37 }), "months: found the number 37, expected a whole number from 1 to 36"),
            (json!({ "months": 1.5 }), "months: found the number 1.5, expected a whole number from 1 to 36"),
            (json!({ "tenant": { "license": "yes" } }), "tenant.license: found \"yes\", expected one of \"eligible\", \"ineligible\", \"unknown\""),
            (json!({ "tenant": { "hotPatch": "allow" } }), "tenant.hotPatch: unknown field; expected one of license, hotpatch, arcHotpatch"),
            (json!({ "rings": { "Broad": { "deadlineDays": 45 } } }), "rings.Broad.deadlineDays: found the number 45, expected a whole number from 0 to 30"),
            (json!({ "rings": { "Broad": { "graceDays": 8 } } }), "rings.Broad.graceDays: found the number 8, expected a whole number from 0 to 7"),
            (json!({ "rings": { "Broad": { "deferralDays": -1 } } }), "rings.Broad.deferralDays: found the number -1, expected a whole number from 0 to 30"),
            (json!({ "rings": { "Night": { "activeHoursStart": 6, "activeHoursEnd": 5 } } }), "rings.Night.activeHoursEnd: active hours 6:00–5:00 last 23 hours; they must last 1 to 18 hours"),
            (json!({ "rings": { "Night": { "activeHoursStart": 6 } } }), "rings.Night.activeHoursEnd: missing; active hours need both a start and an end"),
            (json!({ "rings": [] }), "rings: found an array, expected an object"),
            (json!({ "defaultRing": "Pilot" }), "defaultRing: found \"Pilot\", which is not a configured ring; expected one of Test, First, Fast, Broad, or ring settings"),
            (json!({ "format": "xml" }), "format: found \"xml\", expected \"auto\" or one of canonical, graph, computerinfo, deviceguard, registry, ucclient, ucclientupdatestatus, intune-csv, defender, autopatch, or a list of those (one per input)"),
            (json!({ "format": ["graph", 3] }), "format: item 1: found the number 3, expected \"auto\" or one of canonical, graph, computerinfo, deviceguard, registry, ucclient, ucclientupdatestatus, intune-csv, defender, autopatch, or a list of those (one per input)"),
            (json!({ "asof": "2026-01-01" }), "asof: unknown field; expected one of asOf, months, format, tenant, rings, defaultRing, catalog, builtInCatalog"),
            (json!("2026-01-01"), "found \"2026-01-01\", expected an object"),
        ] {
            let err = EvaluateOptions::from_json(&options.to_string(), today()).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidOption);
            assert_eq!(err.to_string(), message, "{options}");
        }
    }
}
