//! The hotpatch prerequisites (DOMAIN.md sections 2 and 3), the track (section 5) and the
//! verdict (CONTRACT.md): for each device, seven checks that pass, fail or are unknown, each
//! with what was seen, what the rule needs, and what to do.

pub mod track;

use crate::hash::{FastMap, FastSet};
use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, MonthType};
use crate::date::Date;
use crate::device::{ArcHotpatch, Arch, Edition, Facts, HotpatchSetting, License, Management, Origin, Vbs};
use crate::inventory::{Device, Fact, Format, FormatSet};
use crate::options::{hotpatch_default_date, EvaluateOptions, TenantValue};
use crate::platform::{describe_other_build, OsFamily, OsLine};
use track::{next_baseline, place, predicted_types, Placement, Track};

/// The seven prerequisite checks, in the order the report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckId {
    /// A Windows line with a hotpatch track.
    Os,
    /// Enterprise or Education (clients); Azure Edition or Arc-capable (servers).
    Edition,
    /// A licence that includes hotpatch.
    License,
    /// A hotpatch policy resolved to Allow.
    Policy,
    /// Virtualization-based security running.
    Vbs,
    /// x64, or Arm64 with CHPE disabled.
    Arch,
    /// On the current hotpatch track.
    Baseline,
}

impl CheckId {
    /// All seven, in report order.
    pub const ALL: [CheckId; 7] = [
        CheckId::Os,
        CheckId::Edition,
        CheckId::License,
        CheckId::Policy,
        CheckId::Vbs,
        CheckId::Arch,
        CheckId::Baseline,
    ];

    /// The check's name in sentences ("the VBS check fails").
    pub fn label(self) -> &'static str {
        match self {
            CheckId::Os => "Windows version",
            CheckId::Edition => "edition",
            CheckId::License => "licence",
            CheckId::Policy => "hotpatch policy",
            CheckId::Vbs => "VBS",
            CheckId::Arch => "architecture",
            CheckId::Baseline => "baseline (hotpatch track)",
        }
    }

    /// The id as the report writes it.
    pub fn id(self) -> &'static str {
        match self {
            CheckId::Os => "os",
            CheckId::Edition => "edition",
            CheckId::License => "license",
            CheckId::Policy => "policy",
            CheckId::Vbs => "vbs",
            CheckId::Arch => "arch",
            CheckId::Baseline => "baseline",
        }
    }
}

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// The prerequisite holds.
    Pass,
    /// It does not: the device gets the LCU.
    Fail,
    /// The inventory does not say.
    Unknown,
}

/// All seven check outcomes; serialised as an object with every id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Checks {
    /// `os`.
    pub os: CheckStatus,
    /// `edition`.
    pub edition: CheckStatus,
    /// `license`.
    pub license: CheckStatus,
    /// `policy`.
    pub policy: CheckStatus,
    /// `vbs`.
    pub vbs: CheckStatus,
    /// `arch`.
    pub arch: CheckStatus,
    /// `baseline`.
    pub baseline: CheckStatus,
}

impl Checks {
    /// The status of one check.
    pub fn get(&self, id: CheckId) -> CheckStatus {
        match id {
            CheckId::Os => self.os,
            CheckId::Edition => self.edition,
            CheckId::License => self.license,
            CheckId::Policy => self.policy,
            CheckId::Vbs => self.vbs,
            CheckId::Arch => self.arch,
            CheckId::Baseline => self.baseline,
        }
    }

    fn set(&mut self, id: CheckId, status: CheckStatus) {
        *match id {
            CheckId::Os => &mut self.os,
            CheckId::Edition => &mut self.edition,
            CheckId::License => &mut self.license,
            CheckId::Policy => &mut self.policy,
            CheckId::Vbs => &mut self.vbs,
            CheckId::Arch => &mut self.arch,
            CheckId::Baseline => &mut self.baseline,
        } = status;
    }

    /// The verdict the checks give (CONTRACT.md): `lcu` if any fails, else `undetermined` if
    /// any is unknown, else `hotpatch`.
    pub fn verdict(&self) -> Verdict {
        let statuses = CheckId::ALL.map(|id| self.get(id));
        if statuses.contains(&CheckStatus::Fail) {
            Verdict::Lcu
        } else if statuses.contains(&CheckStatus::Unknown) {
            Verdict::Undetermined
        } else {
            Verdict::Hotpatch
        }
    }
}

/// What a device will get.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every prerequisite holds: hotpatch months install without a restart.
    Hotpatch,
    /// A prerequisite fails: the device gets the restart-requiring LCU.
    Lcu,
    /// Nothing fails but something is unknown.
    Undetermined,
}

impl Verdict {
    /// The id the report writes.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Hotpatch => "hotpatch",
            Verdict::Lcu => "lcu",
            Verdict::Undetermined => "undetermined",
        }
    }
}

/// A check that failed, is unknown, was assumed, or whose sources disagree.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// Which check.
    pub check: CheckId,
    /// Its status.
    pub status: CheckStatus,
    /// A stable code for what was found (`vbs.enabled-not-running`, `edition.pro`,
    /// `baseline.behind`…; README "Reason codes"), for programs to filter, count and translate;
    /// `detail` and `fix` say it in English.
    pub reason: Cow<'static, str>,
    /// `true` when the status came from a default or tenant setting, not the device's data.
    pub assumed: bool,
    /// What was seen and what the rule needs. Shared: devices with the same facts share
    /// the same text.
    pub detail: Arc<str>,
    /// What to do, or `None`.
    pub fix: Option<Arc<str>>,
}

/// How a device's schedule starts (see the schedule module).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanStart {
    /// No hotpatch track on this OS (or none known): an LCU every month.
    LcuOnly,
    /// On a hotpatch line but failing a prerequisite other than the track: baselines in
    /// baseline months, LCUs otherwise.
    Ineligible,
    /// Eligible and on track.
    OnTrack,
    /// Eligible but behind: the next hotpatch month catches up with a restart.
    Behind,
    /// Eligible but off the track: LCUs until the next baseline.
    OffTrack,
}

/// Everything the rules conclude about one device.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The OS line, when the build is known.
    pub line: Option<OsLine>,
    /// The seven outcomes.
    pub checks: Checks,
    /// Findings for checks that failed, are unknown, were assumed, or had disagreeing
    /// sources. Shared between devices whose facts give the same findings.
    pub findings: Arc<[Finding]>,
    /// The track.
    pub track: Track,
    /// The verdict.
    pub verdict: Verdict,
    /// How the schedule starts.
    pub start: PlanStart,
}

/// The rules with their inputs: catalog, options, and memos. A fleet repeats the same few
/// combinations of build, edition, VBS state and so on many times, so each distinct
/// combination is assessed (and worded) once, and its findings are shared.
pub struct Rules<'c> {
    catalog: &'c Catalog,
    options: &'c EvaluateOptions,
    memo: FastMap<FactsKey, Assessment>,
    texts: FastSet<Arc<str>>,
}

/// Every fact the checks read, and nothing else: devices with equal keys get equal
/// assessments.
#[derive(Clone, PartialEq, Eq)]
struct FactsKey {
    family: Option<OsFamily>,
    build: Option<u32>,
    ubr: Option<u32>,
    edition: Option<Edition>,
    arch: Option<Arch>,
    vbs: Option<Vbs>,
    hotpatch_restrictions: Option<u32>,
    allow_rebootless_updates: Option<bool>,
    hotpatch_policy: Option<HotpatchSetting>,
    management: Option<Management>,
    license: Option<License>,
    arc_hotpatch: Option<ArcHotpatch>,
    origin: Origin,
}

/// Three words for the numbers, the small enums and the origin, rather than one per field and
/// per `Option` (the derived hash wrote ~40 words): every device's key is hashed. Equal keys hash alike,
/// since every field goes in; keys that happen to pack alike are still told apart by `==`.
impl std::hash::Hash for FactsKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let number = |v: Option<u32>| v.map_or(0, |v| u64::from(v) + 1);
        let tag = |v: Option<u8>| v.map_or(0, |v| u64::from(v) + 1);
        state.write_u64(number(self.build) << 32 ^ number(self.ubr) ^ number(self.hotpatch_restrictions) << 48);
        state.write_u64(
            tag(self.family.map(|x| x as u8))
                | tag(self.arch.map(|x| x as u8)) << 8
                | tag(self.vbs.map(|x| x as u8)) << 16
                | tag(self.allow_rebootless_updates.map(u8::from)) << 24
                | tag(self.hotpatch_policy.map(|x| x as u8)) << 32
                | tag(self.management.map(|x| x as u8)) << 40
                | tag(self.license.map(|x| x as u8)) << 48
                | tag(self.arc_hotpatch.map(|x| x as u8)) << 56,
        );
        let o = &self.origin;
        let format = |f: Option<crate::inventory::Format>| tag(f.map(|f| f as u8));
        state.write_u64(
            format(o.build)
                | format(o.edition) << 8
                | format(o.arch) << 16
                | format(o.vbs) << 24
                | u64::from(o.formats.0) << 32
                | u64::from(o.undecided) << 48 ^ u64::from(o.vbs_unread) << 63,
        );
        self.edition.hash(state);
    }
}

impl FactsKey {
    fn of(f: &Facts) -> FactsKey {
        FactsKey {
            family: f.family,
            build: f.build,
            ubr: f.ubr,
            edition: f.edition.clone(),
            arch: f.arch,
            vbs: f.vbs,
            hotpatch_restrictions: f.hotpatch_restrictions,
            allow_rebootless_updates: f.allow_rebootless_updates,
            hotpatch_policy: f.hotpatch_policy,
            management: f.management,
            license: f.license,
            arc_hotpatch: f.arc_hotpatch,
            origin: f.origin,
        }
    }
}

const REGISTRY_CHPE: &str =
    "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management\\HotPatchRestrictions";
const LICENSES: &str = "Windows 11 Enterprise E3/E5, Microsoft 365 F3, Windows 11 Education A3/A5, Microsoft 365 Business Premium or Windows 365 Enterprise";

impl<'c> Rules<'c> {
    /// Rules over a catalog and options.
    pub fn new(catalog: &'c Catalog, options: &'c EvaluateOptions) -> Rules<'c> {
        Rules { catalog, options, memo: FastMap::default(), texts: FastSet::default() }
    }

    fn as_of(&self) -> Date {
        self.options.as_of
    }

    /// Assesses one merged device.
    pub fn assess(&mut self, device: &Device) -> Assessment {
        let key = FactsKey::of(&device.facts);
        let mut assessment = match self.memo.get(&key) {
            Some(known) => known.clone(),
            None => {
                let fresh = self.assess_facts(&device.facts);
                self.memo.insert(key, fresh.clone());
                fresh
            }
        };
        if !device.conflicts.is_empty() {
            let mut findings = assessment.findings.to_vec();
            add_conflicts(&mut findings, device);
            assessment.findings = findings.into();
        }
        assessment
    }

    /// One text shared by every finding that says it.
    fn text(&mut self, text: String) -> Arc<str> {
        match self.texts.get(text.as_str()) {
            Some(shared) => shared.clone(),
            None => {
                let shared: Arc<str> = text.into();
                self.texts.insert(shared.clone());
                shared
            }
        }
    }

    fn finding(&mut self, outcome: Outcome) -> Finding {
        Finding {
            check: outcome.check,
            status: outcome.status,
            reason: Cow::Borrowed(outcome.reason),
            assumed: outcome.assumed,
            detail: self.text(outcome.detail.unwrap_or_default()),
            fix: outcome.fix.map(|fix| self.text(fix)),
        }
    }

    /// Assesses a device's facts (without source conflicts, which are per device).
    fn assess_facts(&mut self, f: &Facts) -> Assessment {
        let line = f.line();
        let mut checks = Checks {
            os: CheckStatus::Pass,
            edition: CheckStatus::Pass,
            license: CheckStatus::Pass,
            policy: CheckStatus::Pass,
            vbs: CheckStatus::Pass,
            arch: CheckStatus::Pass,
            baseline: CheckStatus::Pass,
        };
        let (track, baseline) = self.baseline(f, line);
        let mut findings = Vec::new();
        for outcome in [
            self.os(f, line),
            self.edition(f, line),
            self.license(f, line),
            self.policy(f, line),
            self.vbs(f),
            self.arch(f, line),
        ]
        .into_iter()
        .chain(baseline)
        {
            checks.set(outcome.check, outcome.status);
            if outcome.status != CheckStatus::Pass || outcome.assumed || outcome.detail.is_some() {
                let finding = self.finding(outcome);
                findings.push(finding);
            }
        }
        let verdict = checks.verdict();
        let start = match (line, verdict) {
            (Some(l), _) if !l.has_hotpatch() => PlanStart::LcuOnly,
            (None, Verdict::Lcu) => PlanStart::LcuOnly,
            _ if [checks.edition, checks.license, checks.policy, checks.vbs, checks.arch]
                .contains(&CheckStatus::Fail) =>
            {
                PlanStart::Ineligible
            }
            _ => match track {
                Track::Behind => PlanStart::Behind,
                Track::OffTrack => PlanStart::OffTrack,
                _ => PlanStart::OnTrack,
            },
        };
        Assessment { line, checks, findings: findings.into(), track, verdict, start }
    }

    fn os(&self, f: &Facts, line: Option<OsLine>) -> Outcome {
        let check = CheckId::Os;
        let Some(build) = f.build else {
            return Outcome::unknown(
                check, "os.unknown",
                "The inventory does not report the Windows build.".into(),
                "Add an inventory that reports the build and UBR (Microsoft Graph osVersion, Get-ComputerInfo, or the registry's CurrentBuild and UBR).",
            );
        };
        match line {
            Some(OsLine::Other) | None => {
                let what = describe_other_build(f.family, build);
                let what = sourced(&what, f.origin.build);
                let mut detail = format!("{what}: hotpatch needs Windows 11, version 24H2 or later (build 26100, 26200 or 26300), Windows Server 2025 (26100) or Windows Server 2022 Datacenter: Azure Edition (20348).");
                if build == 28000 {
                    detail.push_str(" Hotpatch support for Windows 11, version 26H1 is not documented; the planner treats it as not eligible.");
                }
                let fix = if is_server(f) { "Upgrade to Windows Server 2025." } else { "Upgrade to Windows 11, version 24H2 or 25H2." };
                Outcome::fail(check, "os.no-hotpatch", detail, Some(fix.into()))
            }
            Some(l) if build == 26100 && f.family.is_none() && f.edition.as_ref().and_then(Edition::is_server).is_none() => {
                Outcome { assumed: true, ..Outcome::pass_with(check, "os.assumed-client", format!("Build 26100 is taken as {}: the inventory does not say whether the device is a client or a server.", l.display_name())) }
            }
            // Microsoft's rule is "Windows 11 Enterprise, version 24H2 or later", but no 26H2
            // hotpatch release notes exist yet (DOMAIN.md section 2, a decision): say so.
            Some(OsLine::Win11_26H2) => Outcome {
                assumed: true,
                ..Outcome::pass_with(check, "os.26h2-assumed", "Windows 11, version 26H2 (build 26300): Microsoft's rule is \"Windows 11 Enterprise, version 24H2 or later\", so it is taken as eligible, but Microsoft has published no 26H2 hotpatch release notes; it shares 24H2/25H2's updates (same KB and UBR).".into())
            },
            Some(_) => Outcome::pass(check),
        }
    }

    fn edition(&self, f: &Facts, line: Option<OsLine>) -> Outcome {
        let check = CheckId::Edition;
        let Some(edition) = &f.edition else {
            let (reason, detail) = match f.origin.undecided & (1 << Fact::Edition as u16) {
                0 => ("edition.unknown", "The inventory does not report the edition."),
                _ => (
                    "edition.sources-disagree",
                    "The sources disagree on the edition, and none of them can be preferred:",
                ),
            };
            return Outcome::unknown(check, reason, detail.into(), FIX_EDITION_UNKNOWN);
        };
        // On a version without hotpatch the edition is judged for the version the `os` fix
        // upgrades to: a Windows 10 Pro device needs both fixes, and says so.
        let (line, upgraded) = match line {
            Some(l) if l.has_hotpatch() => (l, false),
            _ if is_server(f) => (OsLine::Ws2025, true),
            _ => (OsLine::Win11_24H2, true),
        };
        let outcome = self.edition_on(line, edition, f.origin.edition);
        match outcome.status {
            CheckStatus::Fail if upgraded => Outcome {
                detail: outcome.detail.map(|d| format!("{d} Upgrading the version alone is not enough.")),
                ..outcome
            },
            _ => outcome,
        }
    }

    /// The edition check on a line that has hotpatch; `source` is where the edition came from.
    fn edition_on(&self, line: OsLine, edition: &Edition, source: Option<Format>) -> Outcome {
        let check = CheckId::Edition;
        let seen = sourced(&format!("Edition {}", edition.display()), source);
        match (line, edition) {
            (OsLine::Win11_24H2 | OsLine::Win11_25H2 | OsLine::Win11_26H2, e) => match e {
                Edition::Enterprise | Edition::EnterpriseN | Edition::EnterpriseMultiSession | Edition::Education | Edition::EducationN => Outcome::pass(check),
                Edition::Pro | Edition::ProWorkstations => Outcome::fail(
                    check, "edition.pro",
                    format!("{seen}: hotpatch needs Enterprise or Education. A Windows Enterprise E3/E5 or Microsoft 365 Business Premium licence steps Pro up to Enterprise by subscription activation, but this device still reports Pro."),
                    Some("Activate Windows Enterprise through subscription activation (assign Windows Enterprise E3/E5 or Microsoft 365 Business Premium to the user), then refresh the inventory.".into()),
                ),
                Edition::ProEducation => Outcome::fail(
                    check, "edition.pro-education",
                    format!("{seen}: hotpatch needs Enterprise or Education."),
                    Some("Step up to Windows Education through subscription activation (Windows Education A3/A5), then refresh the inventory.".into()),
                ),
                Edition::Home => Outcome::fail(check, "edition.home", format!("{seen}: hotpatch needs Enterprise or Education."), Some("Upgrade to Windows 11 Enterprise or Education.".into())),
                Edition::EnterpriseLtsc | Edition::IotEnterpriseLtsc => Outcome::fail(
                    check, "edition.ltsc",
                    format!("{seen}: LTSC editions are not supported for hotpatch (Microsoft's quality update policy lists LTSC as unsupported)."),
                    Some("None for LTSC: these devices keep taking the monthly LCU with a restart. Move to Windows 11 Enterprise 24H2/25H2 where hotpatch matters.".into()),
                ),
                Edition::IotEnterprise => Outcome::fail(check, "edition.iot", format!("{seen}: hotpatch needs Enterprise or Education; IoT Enterprise is not supported."), None),
                _ => Outcome::fail(check, "edition.other", format!("{seen}: hotpatch on Windows 11 needs Enterprise or Education."), Some("Install Windows 11 Enterprise or Education.".into())),
            },
            (OsLine::Ws2025, Edition::ServerAzureEdition | Edition::ServerStandard | Edition::ServerDatacenter) => Outcome::pass(check),
            (OsLine::Ws2025, _) => Outcome::fail(
                check, "edition.server-2025",
                format!("{seen}: Windows Server 2025 hotpatch needs Datacenter: Azure Edition, or Standard or Datacenter with Azure Arc."),
                Some("Use Windows Server 2025 Standard or Datacenter connected to Azure Arc, or Datacenter: Azure Edition.".into()),
            ),
            (OsLine::Ws2022, Edition::ServerAzureEdition) => Outcome::pass(check),
            (_, _) => Outcome::fail(
                check, "edition.server-2022",
                format!("{seen}: Windows Server 2022 hotpatch exists only on Datacenter: Azure Edition (Azure and Azure Local images)."),
                Some("Use Windows Server 2022 Datacenter: Azure Edition, or upgrade to Windows Server 2025 and enable hotpatch through Azure Arc.".into()),
            ),
        }
    }

    /// For servers whose hotpatch comes through Azure Arc: the device's enrolment, else the
    /// tenant's answer, with whether it was assumed.
    fn arc_state(&self, f: &Facts) -> (Option<ArcHotpatch>, bool) {
        match f.arc_hotpatch {
            Some(state) => (Some(state), false),
            None => (self.options.tenant.arc_hotpatch.value(), true),
        }
    }

    fn license(&self, f: &Facts, line: Option<OsLine>) -> Outcome {
        let check = CheckId::License;
        match server_path(f, line) {
            ServerPath::AzureEdition => return Outcome::pass(check),
            ServerPath::NoHotpatch(why) => {
                return Outcome::pass_with(check, "license.not-applicable", format!("Not applicable: {why}"))
            }
            ServerPath::Arc => {
                let free_from = crate::date::Date::from_ymd(2026, 5, 19).unwrap_or(self.as_of());
                let pricing = if self.as_of() >= free_from {
                    "free since 2026-05-19"
                } else {
                    "a paid add-on until 2026-05-19 (free from then)"
                };
                let (state, assumed) = self.arc_state(f);
                let from = if assumed { " (option tenant.arcHotpatch)" } else { "" };
                return match state {
                    Some(ArcHotpatch::Enabled | ArcHotpatch::Pending) => {
                        Outcome { assumed, reason: "license.arc-enrolled", ..Outcome::pass(check) }
                    }
                    Some(s) => Outcome {
                        assumed,
                        ..Outcome::fail(check, "license.arc-not-enrolled", format!("Windows Server 2025 Standard/Datacenter gets hotpatch through Azure Arc ({pricing}); Arc hotpatch enrolment is {}{from}.", s.display()), Some(FIX_ARC.into()))
                    },
                    None => Outcome::unknown(
                        check, "license.arc-unknown",
                        format!("Windows Server 2025 Standard/Datacenter gets hotpatch through Azure Arc ({pricing}); the inventory does not say whether this server is enrolled."),
                        FIX_ARC,
                    ),
                };
            }
            ServerPath::Client => {}
        }
        if let Some(license) = f.license {
            return match license {
                License::Eligible => Outcome::pass(check),
                License::Ineligible => Outcome::fail(check, "license.ineligible", format!("The device's record says it has no licence that includes hotpatch; one of {LICENSES} is needed."), Some(format!("Assign {LICENSES}."))),
            };
        }
        match self.options.tenant.license {
            TenantValue::Set(License::Eligible) => Outcome::assumed(check, "license.tenant-eligible", CheckStatus::Pass, format!("Licence from the tenant setting (tenant.license = eligible): {LICENSES}. No inventory reports licences per device."), None),
            TenantValue::Default(License::Eligible) => Outcome::assumed(
                check, "license.tenant-default-eligible",
                CheckStatus::Pass,
                format!("Licence assumed eligible ({LICENSES}): no inventory reports licences per device, and the tenant's licence has not been set (the page's Licence setting; tenant.license in the API)."),
                None,
            ),
            TenantValue::Set(License::Ineligible) | TenantValue::Default(License::Ineligible) => Outcome::assumed(
                check, "license.tenant-ineligible",
                CheckStatus::Fail,
                format!("The tenant setting says devices have no licence that includes hotpatch (tenant.license = ineligible); one of {LICENSES} is needed."),
                Some(format!("Assign {LICENSES}.")),
            ),
            TenantValue::Unknown => Outcome::assumed(
                check, "license.unknown",
                CheckStatus::Unknown,
                format!("The licence is unknown (tenant.license = unknown); hotpatch needs {LICENSES}."),
                Some("Set the option tenant.license to \"eligible\" or \"ineligible\".".into()),
            ),
        }
    }

    fn policy(&self, f: &Facts, line: Option<OsLine>) -> Outcome {
        let check = CheckId::Policy;
        match server_path(f, line) {
            ServerPath::AzureEdition => return Outcome::pass(check),
            ServerPath::NoHotpatch(why) => {
                return Outcome::pass_with(check, "policy.not-applicable", format!("Not applicable: {why}"))
            }
            ServerPath::Arc => {
                let (state, assumed) = self.arc_state(f);
                let from = if assumed { " (option tenant.arcHotpatch)" } else { "" };
                return match state {
                    Some(ArcHotpatch::Enabled) => Outcome { assumed, reason: "policy.arc-enabled", ..Outcome::pass(check) },
                    Some(ArcHotpatch::Pending) => Outcome {
                        assumed,
                        ..Outcome::unknown(check, "policy.arc-pending", format!("Hotpatch enrolment in Azure Update Manager is pending{from}."), "Wait for the enrolment to complete, then refresh the inventory.")
                    },
                    Some(s) => Outcome { assumed, ..Outcome::fail(check, "policy.arc-disabled", format!("Hotpatch enrolment in Azure Update Manager is {}{from}.", s.display()), Some(FIX_ARC.into())) },
                    None => Outcome::unknown(check, "policy.arc-unknown", "The inventory does not say whether hotpatch is enabled for this server in Azure Update Manager.".into(), FIX_ARC),
                };
            }
            ServerPath::Client => {}
        }
        let fix_policy = "In the device's Windows quality update policy (Intune), set \"When available, apply without restarting the device (hotpatch)\" to Allow.";
        let mut co_managed = "";
        match f.management {
            Some(m @ (Management::ConfigMgr | Management::Wsus)) => {
                return Outcome::fail(
                    check, "policy.configmgr-or-wsus",
                    format!("Updates are managed by {}: hotpatch is offered only through Windows Autopatch / Intune quality update policies.", m.display()),
                    Some("Move the Windows Update policies workload to Intune (co-management) and put the device in a Windows quality update policy that allows hotpatch.".into()),
                )
            }
            Some(m @ (Management::Unmanaged | Management::Other)) => {
                return Outcome::fail(check, "policy.unmanaged", format!("The device is {}: hotpatch needs Intune (Windows Autopatch).", m.display()), Some("Enrol the device in Intune.".into()))
            }
            Some(Management::CoManaged) => co_managed = " The device is co-managed: this assumes the Windows Update policies workload is in Intune.",
            _ => {}
        }
        let device_setting = match (f.allow_rebootless_updates, f.hotpatch_policy) {
            (Some(true), _) => {
                Some((HotpatchSetting::Allow, "The device's registry policy AllowRebootlessUpdates is 1"))
            }
            (Some(false), _) => {
                Some((HotpatchSetting::Block, "The device's registry policy AllowRebootlessUpdates is 0"))
            }
            (None, Some(setting)) => Some((setting, "The device's Windows quality update policy")),
            (None, None) => None,
        };
        let assumed_mgmt = !co_managed.is_empty();
        match device_setting {
            Some((HotpatchSetting::Allow, _)) if !assumed_mgmt => Outcome::pass(check),
            Some((HotpatchSetting::Allow, source)) => Outcome::assumed(
                check,
                "policy.allow",
                CheckStatus::Pass,
                format!("{source} allows hotpatch.{co_managed}"),
                None,
            ),
            Some((HotpatchSetting::Block, source)) => Outcome::fail(
                check,
                "policy.block",
                format!("{source} does not allow hotpatch.{co_managed}"),
                Some(fix_policy.into()),
            ),
            None => {
                let not_seen = "The inventory does not show the device's Windows quality update policy; devices in no such policy take the tenant setting.";
                match self.options.tenant.hotpatch {
                    TenantValue::Set(HotpatchSetting::Allow) => Outcome::assumed(check, "policy.tenant-allow", CheckStatus::Pass, format!("{not_seen} The tenant setting is Allow (tenant.hotpatch).{co_managed}"), None),
                    TenantValue::Default(HotpatchSetting::Allow) => Outcome::assumed(
                        check, "policy.tenant-default-allow",
                        CheckStatus::Pass,
                        format!("{not_seen} Since the May 2026 B release ({}) the tenant default is Allow.{co_managed}", hotpatch_default_date()),
                        None,
                    ),
                    TenantValue::Set(HotpatchSetting::Block) | TenantValue::Default(HotpatchSetting::Block) => {
                        Outcome::assumed(check, "policy.tenant-block", CheckStatus::Fail, format!("{not_seen} The tenant setting blocks hotpatch (tenant.hotpatch = block).{co_managed}"), Some(fix_policy.into()))
                    }
                    TenantValue::Unknown => Outcome::assumed(
                        check, "policy.unknown",
                        CheckStatus::Unknown,
                        format!("{not_seen} Before the May 2026 B release ({}) there was no tenant default: a device needed a quality update policy that allows hotpatch.{co_managed}", hotpatch_default_date()),
                        Some("Set the option tenant.hotpatch, or add the registry value AllowRebootlessUpdates to the inventory.".into()),
                    ),
                }
            }
        }
    }

    fn vbs(&self, f: &Facts) -> Outcome {
        let check = CheckId::Vbs;
        let fix_probe = "Add a Device Guard probe to the inventory: Get-CimInstance -Namespace root\\Microsoft\\Windows\\DeviceGuard -ClassName Win32_DeviceGuard | ConvertTo-Json";
        let source = f.origin.vbs.map_or("The inventory", Format::display);
        let source = capitalised(source);
        match f.vbs {
            Some(Vbs::Running) => Outcome::pass(check),
            None if f.origin.undecided & (1 << Fact::Vbs as u16) != 0 => Outcome::unknown(
                check, "vbs.sources-disagree",
                "The sources disagree on whether virtualization-based security (VBS) is running, and none of them can be preferred:".into(),
                fix_probe,
            ),
            None if f.origin.vbs_unread => Outcome::unknown(
                check, "vbs.not-read",
                "Get-ComputerInfo did not read the VBS state: it writes DeviceGuardSmartStatus 0 with every other Device Guard field empty when it runs without admin rights or its Device Guard query fails. That is not \"off\".".into(),
                "Run Get-ComputerInfo as administrator, or add a Device Guard probe: Get-CimInstance -Namespace root\\Microsoft\\Windows\\DeviceGuard -ClassName Win32_DeviceGuard | ConvertTo-Json",
            ),
            None => Outcome::unknown(check, "vbs.unknown", format!("No inventory reports whether virtualization-based security (VBS) is running: {}.", why_no_vbs(f.origin.formats)), fix_probe),
            Some(Vbs::Other) => Outcome::unknown(check, "vbs.other", format!("{source} reports the VBS state as \"other\"; hotpatch needs VBS running."), fix_probe),
            Some(state) => {
                let (reason, detail, fix) = match state {
                    Vbs::EnabledNotRunning => (
                        "vbs.enabled-not-running",
                        "VBS is enabled but not running: Windows did not start it (firmware virtualization or Secure Boot off, missing hardware support, or an incompatible driver). Hotpatch needs VBS running.",
                        Some("Turn on virtualization (Intel VT-x / AMD-V) and Secure Boot in the firmware, check \"Virtualization-based security\" in msinfo32 for what is missing, then restart."),
                    ),
                    Vbs::Off => ("vbs.off", "VBS is not enabled. Hotpatch needs virtualization-based security running.", Some("Enable virtualization-based security (for example with Memory integrity, or the Device Guard policy \"Turn On Virtualization Based Security\") and restart.")),
                    Vbs::RebootRequired => ("vbs.restart-pending", "VBS is enabled but waits for a restart to run.", Some("Restart the device.")),
                    Vbs::Requires64Bit => ("vbs.needs-64-bit", "VBS reports that it needs a 64-bit operating system.", Some("Reinstall 64-bit Windows.")),
                    Vbs::NotLicensed => ("vbs.not-licensed", "VBS reports that the edition is not licensed for it.", Some("Install an edition that supports VBS (Enterprise or Education).")),
                    _ => ("vbs.hardware", "The hardware does not meet the requirements of VBS.", Some("Replace the device, or update its firmware to enable virtualization and Secure Boot.")),
                };
                Outcome::fail(check, reason, format!("{source} says: {detail}"), fix.map(str::to_owned))
            }
        }
    }

    fn arch(&self, f: &Facts, line: Option<OsLine>) -> Outcome {
        let check = CheckId::Arch;
        let fix_chpe = format!("Set {REGISTRY_CHPE} = 1 (DWORD) and restart.");
        let server = line.is_some_and(OsLine::is_server);
        match f.arch {
            Some(Arch::X64) => Outcome::pass(check),
            Some(Arch::Arm64) if server => Outcome::fail(check, "arch.arm64-server", "Windows Server hotpatch supports x64 only; this server is Arm64.".into(), None),
            Some(Arch::Arm64) => match f.hotpatch_restrictions {
                Some(1) => Outcome::pass(check),
                Some(v) => Outcome::fail(check, "arch.chpe-enabled", format!("Arm64 with HotPatchRestrictions = {v}: hotpatch on Arm64 needs CHPE disabled (HotPatchRestrictions = 1, then a restart)."), Some(fix_chpe)),
                None => Outcome::unknown(check, "arch.chpe-unknown", "Arm64: hotpatch needs CHPE disabled (HotPatchRestrictions = 1, then a restart), and the inventory does not include that registry value.".into(), &format!("{fix_chpe} Or add a registry probe that reads HotPatchRestrictions to the inventory.")),
            },
            Some(a @ (Arch::X86 | Arch::Arm32)) => Outcome::fail(check, "arch.32-bit", format!("{} cannot hotpatch.", sourced(&format!("32-bit Windows ({})", a.display()), f.origin.arch)), Some("Install 64-bit Windows 11 (x64 or Arm64).".into())),
            Some(Arch::Bits64) => Outcome::unknown(check, "arch.64-bit-unknown", format!("{} says \"64-bit\" without telling x64 from Arm64.", capitalised(f.origin.arch.map_or("The inventory", Format::display))), FIX_ARCH_UNKNOWN),
            None if f.origin.undecided & (1 << Fact::Arch as u16) != 0 => Outcome::unknown(check, "arch.sources-disagree", "The sources disagree on the architecture, and none of them can be preferred:".into(), FIX_ARCH_UNKNOWN),
            None => Outcome::unknown(check, "arch.unknown", "The inventory does not report the processor architecture.".into(), FIX_ARCH_UNKNOWN),
        }
    }

    /// The track and the `baseline` outcome (none when it simply passes).
    fn baseline(&self, f: &Facts, line: Option<OsLine>) -> (Track, Option<Outcome>) {
        let check = CheckId::Baseline;
        let Some(line) = line else {
            return (Track::Unknown, Some(Outcome::unknown(check, "baseline.unknown", "The inventory does not report the build, so the planner cannot place the device on the hotpatch track.".into(), FIX_BUILD)));
        };
        if !line.has_hotpatch() {
            // Not "off track", which is a non-hotpatch build of a hotpatch line (DOMAIN.md
            // section 4): there is no track to be on, and the `os` check says why.
            let what = describe_other_build(f.family, f.build.unwrap_or_default());
            return (
                Track::None,
                Some(Outcome::pass_with(
                    check,
                    "baseline.not-applicable",
                    format!("Not applicable: no hotpatch track exists for {what}."),
                )),
            );
        }
        let (track, outcome) = self.place_build(line, f.ubr);
        // Name the source of the build the placement rests on (not for a plain pass).
        let outcome = outcome.map(|o| match (o.detail, f.origin.build) {
            (Some(detail), Some(source)) => {
                Outcome { detail: Some(format!("{detail} Source of the build: {}.", source.display())), ..o }
            }
            (detail, _) => Outcome { detail, ..o },
        });
        (track, outcome)
    }

    fn place_build(&self, line: OsLine, ubr: Option<u32>) -> (Track, Option<Outcome>) {
        let check = CheckId::Baseline;
        let catalog = self.catalog;
        let as_of = self.as_of();
        let data = catalog.line(line);
        let build_of = |u: u32| data.map_or_else(|| u.to_string(), |d| d.build_string(u));
        let baseline_name = |b: &crate::catalog::CatalogMonth| {
            let kb = b.kb.as_deref().map_or(String::new(), |kb| format!(" {kb}"));
            let build = b.ubr.map_or(String::new(), |u| format!(" ({})", build_of(u)));
            format!("the {} baseline{kb}{build}", b.month.long_name())
        };
        let next = || {
            let (month, predicted) = next_baseline(catalog, line, as_of);
            format!("{}{}", month.long_name(), if predicted { ", by the planned calendar" } else { "" })
        };
        let newer_catalog = "Load newer release data: Microsoft's MSRC security update document for the missing months, or a newer catalog (option catalog).";
        let placement = place(catalog, line, ubr, as_of);
        let track = placement.track();
        // The placement's baseline, for the months whose type it rests on.
        let baseline_month = match &placement {
            Placement::OnBaseline { baseline }
            | Placement::OnHotpatch { baseline, .. }
            | Placement::Behind { baseline, .. }
            | Placement::OffTrack { baseline, .. } => Some(baseline.month),
            _ => None,
        };
        let outcome = match placement {
            Placement::OnBaseline { .. } | Placement::OnHotpatch { .. } => Outcome::pass(check),
            Placement::Behind { baseline, build } => {
                let had = build.map_or_else(|| ubr.map(build_of).unwrap_or_default(), |b| format!("{} ({})", build_of(b.ubr), b.describe()));
                let latest = baseline_name(baseline);
                // Never a superseded update: the latest baseline the data knows, where the
                // data ends, and when the next one is due.
                let ends = catalog.last_month(line).filter(|last| *last < as_of.year_month()).map_or(String::new(), |last| {
                    format!(" The release data ends with {}; a later baseline may exist.", last.long_name())
                });
                Outcome::fail(
                    check, "baseline.behind",
                    format!("Build {had} is older than the latest baseline, {latest}."),
                    Some(format!("Install {latest} and restart; otherwise the next hotpatch month's update installs it together with the hotpatch, with a restart. The next baseline is expected in {}.{ends}", next())),
                )
            }
            Placement::OffTrack { baseline, build } => {
                let what = match build {
                    Some(b) => format!("Build {} is {}, not a hotpatch", build_of(b.ubr), b.describe()),
                    None => format!("Build {} is not a baseline or hotpatch build in the release catalog (likely a preview or an unlisted out-of-band update)", ubr.map(build_of).unwrap_or_default()),
                };
                Outcome::fail(
                    check, "baseline.off-track",
                    format!("{what}: the device left the hotpatch track after {}.", baseline_name(baseline)),
                    Some(format!("Nothing to install now: it takes the monthly LCU (with a restart) until the next baseline ({}), then hotpatches again.", next())),
                )
            }
            Placement::NoUbr => Outcome::unknown(check, "baseline.no-ubr", format!("The inventory reports build {} without its revision (UBR), so the planner cannot tell which update the device has.", data.map_or(0, |d| d.build)), FIX_BUILD),
            Placement::NoCatalog => Outcome::unknown(check, "baseline.no-release-data", format!("The release catalog has no data for {}.", line.display_name()), newer_catalog),
            Placement::BeforeCatalog { first } => Outcome::unknown(
                check, "baseline.before-release-data",
                format!("The release catalog starts at {first} for {}: it has no baseline on or before {as_of}.", line.display_name()),
                "Evaluate as of a later date, or load a release catalog that covers it.",
            ),
            Placement::Gap { missing, release } => {
                let last = catalog.last_month(line).map_or_else(|| "nothing".into(), |m| m.to_string());
                Outcome::unknown(
                    check, "baseline.release-data-gap",
                    format!("The release catalog has no data for {} ({missing}, released {release}; the built-in data for {} ends with {last}): that release may have been a new baseline, so the planner cannot tell whether build {} is current.", missing.long_name(), line.display_name(), ubr.map(build_of).unwrap_or_default()),
                    &format!("{newer_catalog} Or evaluate as of a date before {release}."),
                )
            }
            Placement::BaselineBuildUnknown { baseline } => Outcome::unknown(check, "baseline.baseline-build-unknown", format!("The release catalog does not give the build of {}.", baseline_name(baseline)), newer_catalog),
            Placement::Future { build } => Outcome::unknown(
                check, "baseline.future-build",
                format!("Build {} is {}, released {}, after the evaluation date {as_of}.", build_of(build.ubr), build.describe(), build.date),
                &format!("Evaluate as of {} or later.", build.date),
            ),
            Placement::NewerThanCatalog => Outcome::unknown(check, "baseline.newer-than-release-data", format!("Build {} is newer than every build the release catalog knows up to {as_of}.", ubr.map(build_of).unwrap_or_default()), newer_catalog),
            Placement::Ambiguous { month } => Outcome::unknown(
                check, "baseline.ambiguous",
                format!("Build {} is not in the release catalog, and the build of the {} hotpatch is not known, so the planner cannot tell whether the device has it.", ubr.map(build_of).unwrap_or_default(), month.long_name()),
                &format!("Load a release catalog that has the {} hotpatch build.", month.long_name()),
            ),
        };
        // Months of unknown type under the placement: it holds only if they are their planned
        // type, and the finding says so (assumed).
        let unsettled = baseline_month.map_or_else(Vec::new, |from| predicted_types(catalog, line, from, as_of));
        if !unsettled.is_empty() {
            let names: Vec<String> = unsettled
                .iter()
                .map(|m| {
                    format!(
                        "{} ({})",
                        m.long_name(),
                        if MonthType::planned_for(*m) == MonthType::Baseline {
                            "planned baseline"
                        } else {
                            "planned hotpatch"
                        }
                    )
                })
                .collect();
            let note = format!("Microsoft has not said whether {} {} a hotpatch or a baseline month; the planner takes the planned type.", names.join(" and "), if names.len() == 1 { "was" } else { "were" });
            let detail = match outcome.detail {
                Some(d) => format!("{d} {note}"),
                None => format!("Build {} is on the hotpatch track. {note}", ubr.map(build_of).unwrap_or_default()),
            };
            let fix = outcome.fix.or_else(|| {
                Some(format!(
                    "Load Microsoft's release data for {} to settle it (MSRC security update documents).",
                    unsettled.iter().map(|m| m.long_name()).collect::<Vec<_>>().join(", ")
                ))
            });
            return (track, Some(Outcome { assumed: true, detail: Some(detail), fix, ..outcome }));
        }
        (track, (outcome.status != CheckStatus::Pass).then_some(outcome))
    }
}

/// `what` with where its fact came from: "Edition Pro (from Microsoft Graph)", "Windows 10
/// (build 19045, from Get-ComputerInfo)"; `what` alone when the source is not known.
fn sourced(what: &str, format: Option<Format>) -> String {
    let Some(format) = format else { return what.to_string() };
    let source = format.display();
    match what.strip_suffix(')') {
        Some(inner) => format!("{inner}, from {source})"),
        None => format!("{what} (from {source})"),
    }
}

/// A source's name at the start of a sentence.
fn capitalised(text: &str) -> String {
    // ASCII only: char::to_uppercase carries Unicode's case tables into the Wasm.
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// Whether the facts say server (family, or a server edition).
fn is_server(f: &Facts) -> bool {
    f.family == Some(OsFamily::Server) || f.edition.as_ref().and_then(Edition::is_server) == Some(true)
}

/// Why none of a device's kinds of source reported VBS, one clause per kind.
fn why_no_vbs(formats: FormatSet) -> String {
    let mut reasons: Vec<&str> = formats
        .iter()
        .map(|format| match format {
            Format::Graph => {
                "Microsoft Graph device lists leave hardwareInformation empty (only a request for one device fills it)"
            }
            Format::Canonical => "the canonical inventory has no vbs field",
            // The browser's core module reads only the two above.
            #[cfg(feature = "extra-formats")]
            Format::IntuneCsv => "the Intune device export has no VBS column",
            #[cfg(feature = "extra-formats")]
            Format::UcClient | Format::UcClientUpdateStatus => "Windows Update for Business reports carry no VBS state",
            #[cfg(feature = "extra-formats")]
            Format::Defender => "Microsoft Defender for Endpoint's machine list carries no VBS state",
            #[cfg(feature = "extra-formats")]
            Format::Autopatch => "Windows Autopatch device profiles carry no VBS state",
            #[cfg(feature = "extra-formats")]
            Format::Registry => "the registry probe reads only whether VBS is configured, not whether it runs",
            #[cfg(feature = "extra-formats")]
            Format::ComputerInfo => "the Get-ComputerInfo output has no DeviceGuardSmartStatus",
            #[cfg(feature = "extra-formats")]
            Format::DeviceGuard => "the Win32_DeviceGuard probe has no VirtualizationBasedSecurityStatus",
            #[cfg(not(feature = "extra-formats"))]
            _ => "",
        })
        .collect();
    reasons.dedup();
    match reasons.is_empty() {
        true => "the inventory does not say".into(),
        false => reasons.join("; "),
    }
}

const FIX_EDITION_UNKNOWN: &str = "Add an inventory that reports the edition (Microsoft Graph skuFamily or skuNumber, Get-ComputerInfo WindowsEditionId, or the registry's EditionID).";
const FIX_ARCH_UNKNOWN: &str = "Add an inventory that reports the processor architecture (Microsoft Graph processorArchitecture or Get-ComputerInfo CsSystemType).";
const FIX_BUILD: &str = "Add an inventory that reports the full build with its UBR (Microsoft Graph osVersion, the registry's CurrentBuild and UBR, or Get-ComputerInfo).";
const FIX_ARC: &str = "Connect the server to Azure Arc and enable hotpatch for it in Azure Update Manager; then record it as arcHotpatch in the inventory or set the option tenant.arcHotpatch.";

/// How a server's edition, licence and policy checks read (DOMAIN.md section 2).
enum ServerPath {
    /// Not a server (or not known to be one): the client rules apply.
    Client,
    /// Datacenter: Azure Edition: hotpatch is on by default, licence included.
    AzureEdition,
    /// Windows Server 2025 Standard/Datacenter: through Azure Arc.
    Arc,
    /// A server edition with no hotpatch at all; the edition check says why.
    NoHotpatch(&'static str),
}

fn server_path(f: &Facts, line: Option<OsLine>) -> ServerPath {
    match (line, &f.edition) {
        (Some(OsLine::Ws2025 | OsLine::Ws2022), Some(Edition::ServerAzureEdition)) => ServerPath::AzureEdition,
        (Some(OsLine::Ws2025), Some(Edition::ServerStandard | Edition::ServerDatacenter)) => ServerPath::Arc,
        (Some(OsLine::Ws2025), None) => ServerPath::Arc,
        (Some(OsLine::Ws2025), Some(_)) => ServerPath::NoHotpatch("this Windows Server 2025 edition has no hotpatch, whatever the licence and policy (see the edition check)."),
        (Some(OsLine::Ws2022), Some(_)) => ServerPath::NoHotpatch("on Windows Server 2022 hotpatch depends only on the edition, Datacenter: Azure Edition (see the edition check)."),
        (Some(OsLine::Ws2022), None) => ServerPath::NoHotpatch("on Windows Server 2022 hotpatch depends only on the edition, Datacenter: Azure Edition (see the edition check)."),
        _ => ServerPath::Client,
    }
}

/// One check's outcome before it becomes a finding.
struct Outcome {
    check: CheckId,
    /// The finding's stable code (README "Reason codes"); empty for a plain pass.
    reason: &'static str,
    status: CheckStatus,
    assumed: bool,
    detail: Option<String>,
    fix: Option<String>,
}

impl Outcome {
    fn pass(check: CheckId) -> Outcome {
        Outcome { check, reason: "", status: CheckStatus::Pass, assumed: false, detail: None, fix: None }
    }

    fn pass_with(check: CheckId, reason: &'static str, detail: String) -> Outcome {
        Outcome { reason, detail: Some(detail), ..Outcome::pass(check) }
    }

    fn fail(check: CheckId, reason: &'static str, detail: String, fix: Option<String>) -> Outcome {
        Outcome { check, reason, status: CheckStatus::Fail, assumed: false, detail: Some(detail), fix }
    }

    fn unknown(check: CheckId, reason: &'static str, detail: String, fix: &str) -> Outcome {
        Outcome {
            check,
            reason,
            status: CheckStatus::Unknown,
            assumed: false,
            detail: Some(detail),
            fix: Some(fix.to_string()),
        }
    }

    fn assumed(
        check: CheckId,
        reason: &'static str,
        status: CheckStatus,
        detail: String,
        fix: Option<String>,
    ) -> Outcome {
        Outcome { check, reason, status, assumed: true, detail: Some(detail), fix }
    }
}

/// The reason code of a finding that only says the sources disagree.
fn sources_disagree(check: CheckId) -> &'static str {
    match check {
        CheckId::Os => "os.sources-disagree",
        CheckId::Edition => "edition.sources-disagree",
        CheckId::License => "license.sources-disagree",
        CheckId::Policy => "policy.sources-disagree",
        CheckId::Vbs => "vbs.sources-disagree",
        CheckId::Arch => "arch.sources-disagree",
        CheckId::Baseline => "baseline.sources-disagree",
    }
}

/// Says in the relevant check's finding where sources disagree (adding a finding to a check
/// that passed without one).
fn add_conflicts(findings: &mut Vec<Finding>, device: &Device) {
    for conflict in &device.conflicts {
        let checks: &[CheckId] = match conflict.fact {
            Fact::Family | Fact::Build => &[CheckId::Os, CheckId::Baseline],
            Fact::Edition => &[CheckId::Edition],
            Fact::Arch | Fact::HotpatchRestrictions => &[CheckId::Arch],
            Fact::Vbs => &[CheckId::Vbs],
            Fact::AllowRebootlessUpdates | Fact::HotpatchPolicy | Fact::Management => &[CheckId::Policy],
            Fact::License => &[CheckId::License],
            Fact::ArcHotpatch => &[CheckId::License, CheckId::Policy],
            Fact::Ring | Fact::RingSettings | Fact::Platform | Fact::Readiness => &[],
        };
        let sentence = conflict.sentence();
        for &check in checks {
            match findings.iter_mut().find(|f| f.check == check) {
                Some(f) if f.detail.is_empty() => f.detail = sentence.as_str().into(),
                Some(f) => f.detail = format!("{} {sentence}", f.detail).into(),
                None => {
                    let at = findings.partition_point(|f| f.check < check);
                    findings.insert(
                        at,
                        Finding {
                            check,
                            status: CheckStatus::Pass,
                            reason: Cow::Borrowed(sources_disagree(check)),
                            assumed: false,
                            detail: sentence.as_str().into(),
                            fix: None,
                        },
                    );
                }
            }
        }
    }
}
