//! The normalised device: what every inventory format is read into, and what the rules see.
//!
//! Every fact is optional, because every inventory lacks some (DOMAIN.md section 4). Facts
//! are parsed into types here ("parse, don't validate"): the rules never see a raw string or
//! a source-specific number. Source-specific meanings (a VBS value of 2 means "running" in
//! WMI but "64-bit required" in Graph) are resolved by each format's reader before a value
//! becomes one of these types.

use serde::{Deserialize, Serialize};

use crate::inventory::{Format, FormatSet};
use crate::platform::{OsFamily, OsLine};

/// A short ASCII key for matching names without allocating: the bytes `keep` accepts,
/// lowercased. `None` when longer than the buffer (no known name is that long).
pub(crate) fn fold_key<'b>(text: &str, keep: fn(&u8) -> bool, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut n = 0;
    for b in text.bytes().filter(keep) {
        *buf.get_mut(n)? = b.to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

fn alphanumeric(b: &u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn any(_: &u8) -> bool {
    true
}

/// A Windows edition, as far as the hotpatch rules care (DOMAIN.md sections 2 and 3).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Edition {
    /// Windows Enterprise (EditionID `Enterprise`, SKU 4).
    Enterprise,
    /// Windows Enterprise N (SKU 27).
    EnterpriseN,
    /// Windows Enterprise multi-session, on Windows 365 or Azure Virtual Desktop
    /// (EditionID `ServerRdsh`, SKU 175).
    EnterpriseMultiSession,
    /// Windows Education (SKU 121).
    Education,
    /// Windows Education N (SKU 122).
    EducationN,
    /// Windows Pro (SKU 48, 49 for N).
    Pro,
    /// Windows Pro Education (SKU 164).
    ProEducation,
    /// Windows Pro for Workstations (SKU 161).
    ProWorkstations,
    /// Windows Home (SKU 101, 98, 100).
    Home,
    /// Windows Enterprise LTSC (EditionID `EnterpriseS`, SKU 125, 126).
    EnterpriseLtsc,
    /// Windows IoT Enterprise (SKU 188).
    IotEnterprise,
    /// Windows IoT Enterprise LTSC (SKU 191).
    IotEnterpriseLtsc,
    /// Windows Server Standard, Desktop Experience or Core (SKU 7, 13).
    ServerStandard,
    /// Windows Server Datacenter, Desktop Experience or Core (SKU 8, 12).
    ServerDatacenter,
    /// Windows Server Datacenter: Azure Edition (EditionID `ServerTurbine`/`ServerTurbineCor`,
    /// SKU 407, 408).
    ServerAzureEdition,
    /// Any other edition, as the inventory wrote it.
    Other(String),
}

/// Edition names as [`Edition::parse`] folds them (lowercase letters and digits, without the
/// product and version words), sorted for its binary search.
const EDITION_NAMES: [(&str, Edition); 55] = [
    ("azureedition", Edition::ServerAzureEdition),
    ("core", Edition::Home),
    ("corecountryspecific", Edition::Home),
    ("coren", Edition::Home),
    ("coresinglelanguage", Edition::Home),
    ("datacenter", Edition::ServerDatacenter),
    ("datacenterazure", Edition::ServerAzureEdition),
    ("datacenterazureedition", Edition::ServerAzureEdition),
    ("datacenterserver", Edition::ServerDatacenter),
    ("datacenterservercore", Edition::ServerDatacenter),
    ("education", Edition::Education),
    ("educationn", Edition::EducationN),
    ("enterprise", Edition::Enterprise),
    ("enterpriseformultisession", Edition::EnterpriseMultiSession),
    ("enterpriseltsb", Edition::EnterpriseLtsc),
    ("enterpriseltsc", Edition::EnterpriseLtsc),
    ("enterpriseltscn", Edition::EnterpriseLtsc),
    ("enterprisemultisession", Edition::EnterpriseMultiSession),
    ("enterprisemultisessionn", Edition::EnterpriseMultiSession),
    ("enterprisen", Edition::EnterpriseN),
    ("enterprises", Edition::EnterpriseLtsc),
    ("enterprisesn", Edition::EnterpriseLtsc),
    ("home", Edition::Home),
    ("homesinglelanguage", Edition::Home),
    ("iotenterprise", Edition::IotEnterprise),
    ("iotenterpriseltsc", Edition::IotEnterpriseLtsc),
    ("iotenterprises", Edition::IotEnterpriseLtsc),
    ("pro", Edition::Pro),
    ("proeducation", Edition::ProEducation),
    ("proeducationn", Edition::ProEducation),
    ("professional", Edition::Pro),
    ("professionaleducation", Edition::ProEducation),
    ("professionaleducationn", Edition::ProEducation),
    ("professionaln", Edition::Pro),
    ("professionalworkstation", Edition::ProWorkstations),
    ("professionalworkstationn", Edition::ProWorkstations),
    ("proforworkstations", Edition::ProWorkstations),
    ("pron", Edition::Pro),
    ("proworkstation", Edition::ProWorkstations),
    ("proworkstations", Edition::ProWorkstations),
    ("serverazureedition", Edition::ServerAzureEdition),
    ("serverdatacenter", Edition::ServerDatacenter),
    ("serverdatacenterazure", Edition::ServerAzureEdition),
    ("serverdatacenterazureedition", Edition::ServerAzureEdition),
    ("serverdatacentercor", Edition::ServerDatacenter),
    ("serverdatacentercore", Edition::ServerDatacenter),
    ("serverrdsh", Edition::EnterpriseMultiSession),
    ("serverstandard", Edition::ServerStandard),
    ("serverstandardcor", Edition::ServerStandard),
    ("serverstandardcore", Edition::ServerStandard),
    ("serverturbine", Edition::ServerAzureEdition),
    ("serverturbinecor", Edition::ServerAzureEdition),
    ("standard", Edition::ServerStandard),
    ("standardserver", Edition::ServerStandard),
    ("standardservercore", Edition::ServerStandard),
];

impl Edition {
    /// Reads an edition from an EditionID (`EnterpriseS`), a SKU family (`Pro`) or a product
    /// name (`Windows 11 Enterprise multi-session`, `Windows Server 2025 Datacenter: Azure
    /// Edition`). Unrecognised non-empty text becomes [`Edition::Other`].
    pub fn parse(text: &str) -> Option<Edition> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        let mut buf = [0u8; 64];
        let Some(compact) = fold_key(trimmed, alphanumeric, &mut buf) else {
            return Some(Edition::Other(trimmed.to_string()));
        };
        // Product names: drop the "Microsoft Windows 11 …" prefix and version words.
        let mut key = compact;
        for prefix in ["microsoft", "windows"] {
            key = key.strip_prefix(prefix).unwrap_or(key);
        }
        let key = key.trim_start_matches(|c: char| c.is_ascii_digit());
        let key = key
            .strip_prefix("server")
            .map_or(key.to_string(), |rest| format!("server{}", rest.trim_start_matches(|c: char| c.is_ascii_digit())));
        let key = key.strip_suffix("edition").filter(|k| !k.ends_with("azure")).unwrap_or(&key);
        // A sorted table and a binary search: the same answers as a `match` on the strings,
        // in a fraction of its Wasm size (DESIGN.md "Size").
        let edition = match EDITION_NAMES.binary_search_by(|(name, _)| name.cmp(&key)) {
            Ok(i) => EDITION_NAMES[i].1.clone(),
            _ => Edition::Other(trimmed.to_string()),
        };
        Some(edition)
    }

    /// The edition for a `GetProductInfo` SKU number (`skuNumber`, `OperatingSystemSKU`),
    /// DOMAIN.md section 4; `None` for numbers the planner does not know.
    pub fn from_sku(sku: u32) -> Option<Edition> {
        Some(match sku {
            4 => Edition::Enterprise,
            27 => Edition::EnterpriseN,
            48 | 49 => Edition::Pro,
            98..=101 => Edition::Home,
            121 => Edition::Education,
            122 => Edition::EducationN,
            125 | 126 => Edition::EnterpriseLtsc,
            161 | 162 => Edition::ProWorkstations,
            164 | 165 => Edition::ProEducation,
            175 => Edition::EnterpriseMultiSession,
            188 => Edition::IotEnterprise,
            191 => Edition::IotEnterpriseLtsc,
            7 | 13 => Edition::ServerStandard,
            8 | 12 => Edition::ServerDatacenter,
            407 | 408 => Edition::ServerAzureEdition,
            _ => return None,
        })
    }

    /// The name the report shows, without copying the names the planner knows.
    pub fn into_display(self) -> std::borrow::Cow<'static, str> {
        match self {
            Edition::Other(name) => std::borrow::Cow::Owned(name),
            known => std::borrow::Cow::Borrowed(known.known_display()),
        }
    }

    /// The name the report shows.
    pub fn display(&self) -> &str {
        match self {
            Edition::Other(name) => name,
            known => known.known_display(),
        }
    }

    /// The name of a known edition (empty for `Other`, which has its own).
    fn known_display(&self) -> &'static str {
        match self {
            Edition::Enterprise => "Enterprise",
            Edition::EnterpriseN => "Enterprise N",
            Edition::EnterpriseMultiSession => "Enterprise multi-session",
            Edition::Education => "Education",
            Edition::EducationN => "Education N",
            Edition::Pro => "Pro",
            Edition::ProEducation => "Pro Education",
            Edition::ProWorkstations => "Pro for Workstations",
            Edition::Home => "Home",
            Edition::EnterpriseLtsc => "Enterprise LTSC",
            Edition::IotEnterprise => "IoT Enterprise",
            Edition::IotEnterpriseLtsc => "IoT Enterprise LTSC",
            Edition::ServerStandard => "Server Standard",
            Edition::ServerDatacenter => "Server Datacenter",
            Edition::ServerAzureEdition => "Server Datacenter: Azure Edition",
            Edition::Other(_) => "",
        }
    }

    /// Whether the edition is a Windows Server edition; `None` when the name does not say.
    pub fn is_server(&self) -> Option<bool> {
        match self {
            Edition::ServerStandard | Edition::ServerDatacenter | Edition::ServerAzureEdition => Some(true),
            Edition::Other(name) => name.to_ascii_lowercase().contains("server").then_some(true),
            // Enterprise multi-session reports EditionID ServerRdsh but is a client.
            _ => Some(false),
        }
    }
}

/// The processor architecture the OS runs on (DOMAIN.md section 3, `arch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    /// x64 (AMD64 / Intel 64).
    X64,
    /// Arm64.
    Arm64,
    /// 32-bit x86.
    X86,
    /// 32-bit Arm.
    Arm32,
    /// "64-bit" without saying which: Defender's `osArchitecture` and Get-ComputerInfo's
    /// `OsArchitecture` cannot tell x64 from Arm64 (DOMAIN.md section 4).
    Bits64,
}

impl Arch {
    /// Reads the architecture spellings of the inventories: `x64`, `amd64`, `x64-based PC`,
    /// `arM64`, `ARM64-based PC`, `x86`, `X86-based PC`, `arm`, `64-bit`, `32-bit`;
    /// case-insensitive. `None` for anything else (including Graph's `unknown`).
    pub fn parse(text: &str) -> Option<Arch> {
        let mut buf = [0u8; 64];
        let t = fold_key(text.trim(), any, &mut buf)?;
        let t = t.strip_suffix("-based pc").unwrap_or(t).trim();
        // A table rather than a `match` on strings: a fraction of the Wasm size.
        const NAMES: [(&str, Arch); 20] = [
            ("x64", Arch::X64),
            ("amd64", Arch::X64),
            ("x86_64", Arch::X64),
            ("x86-64", Arch::X64),
            ("intel64", Arch::X64),
            ("em64t", Arch::X64),
            ("arm64", Arch::Arm64),
            ("aarch64", Arch::Arm64),
            ("arm 64", Arch::Arm64),
            ("x86", Arch::X86),
            ("i386", Arch::X86),
            ("i686", Arch::X86),
            ("32-bit", Arch::X86),
            ("32 bit", Arch::X86),
            ("32bit", Arch::X86),
            ("arm", Arch::Arm32),
            ("arm32", Arch::Arm32),
            ("64-bit", Arch::Bits64),
            ("64 bit", Arch::Bits64),
            ("64bit", Arch::Bits64),
        ];
        if let Some(&(_, arch)) = NAMES.iter().find(|(name, _)| *name == t) {
            return Some(arch);
        }
        Some(match t {
            // Localised Windows writes "64 bits", "64-Bit", "64 ビット", "64 位": a word size
            // and a word for "bit" in some language; on Arm "ARM 64-bit Processor", "ARM 64
            // 位元處理器". (Read in every build: the canonical format may carry them too.)
            t if t.starts_with("arm 64") || t.starts_with("arm64 ") => Arch::Arm64,
            t => match (t.get(..2), t.get(2..).map(|rest| rest.trim_start_matches([' ', '-', '\u{a0}']))) {
                (Some("64"), Some(rest)) if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) => {
                    Arch::Bits64
                }
                (Some("32"), Some(rest)) if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) => {
                    Arch::X86
                }
                _ => return None,
            },
        })
    }

    /// The name the report shows.
    pub fn display(self) -> &'static str {
        match self {
            Arch::X64 => "x64",
            Arch::Arm64 => "arm64",
            Arch::X86 => "x86",
            Arch::Arm32 => "arm",
            Arch::Bits64 => "64-bit",
        }
    }
}

/// Virtualization-based security state, normalised across sources (DOMAIN.md section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Vbs {
    /// VBS is running: the only state that passes.
    Running,
    /// Enabled (configured) but not running: WMI value 1.
    EnabledNotRunning,
    /// Not enabled: WMI value 0, Graph `notConfigured`.
    Off,
    /// Graph `rebootRequired`: enabled, a restart pending.
    RebootRequired,
    /// Graph `require64BitArchitecture` (enum value 2).
    Requires64Bit,
    /// Graph `notLicensed`.
    NotLicensed,
    /// Graph `doesNotMeetHardwareRequirements`.
    HardwareUnsupported,
    /// Graph `other`: a state Graph does not name.
    Other,
}

impl Vbs {
    /// The WMI / Get-ComputerInfo meaning of a number (`VirtualizationBasedSecurityStatus`,
    /// `DeviceGuardSmartStatus`): 0 off, 1 enabled not running, 2 running.
    pub fn from_wmi(n: u64) -> Option<Vbs> {
        match n {
            0 => Some(Vbs::Off),
            1 => Some(Vbs::EnabledNotRunning),
            2 => Some(Vbs::Running),
            _ => None,
        }
    }

    /// Microsoft Graph's `deviceGuardVirtualizationBasedSecurityState`, by name or by enum
    /// value (0 running, 1 rebootRequired, 2 require64BitArchitecture, 3 notLicensed,
    /// 4 notConfigured, 5 doesNotMeetHardwareRequirements, 42 other).
    pub fn from_graph(text: &str) -> Option<Vbs> {
        let mut buf = [0u8; 64];
        Some(match fold_key(text.trim(), any, &mut buf)? {
            "running" | "0" => Vbs::Running,
            "rebootrequired" | "1" => Vbs::RebootRequired,
            "require64bitarchitecture" | "2" => Vbs::Requires64Bit,
            "notlicensed" | "3" => Vbs::NotLicensed,
            "notconfigured" | "4" => Vbs::Off,
            "doesnotmeethardwarerequirements" | "5" => Vbs::HardwareUnsupported,
            "other" | "42" => Vbs::Other,
            _ => return None,
        })
    }

    /// The planner's own names (canonical format): `running`, `enabled` (not running), `off`,
    /// and Graph's names.
    pub fn from_name(text: &str) -> Option<Vbs> {
        let mut buf = [0u8; 64];
        match fold_key(text.trim(), any, &mut buf)? {
            "enabled" | "enablednotrunning" | "enabled-not-running" | "configured" => Some(Vbs::EnabledNotRunning),
            "off" | "disabled" | "notenabled" | "not-enabled" => Some(Vbs::Off),
            "reboot-required" => Some(Vbs::RebootRequired),
            other => Vbs::from_graph(other),
        }
    }

    /// The name the report and findings use.
    pub fn display(self) -> &'static str {
        match self {
            Vbs::Running => "running",
            Vbs::EnabledNotRunning => "enabled but not running",
            Vbs::Off => "not enabled",
            Vbs::RebootRequired => "enabled, restart required",
            Vbs::Requires64Bit => "64-bit architecture required",
            Vbs::NotLicensed => "not licensed",
            Vbs::HardwareUnsupported => "hardware does not meet the requirements",
            Vbs::Other => "in a state the inventory calls \"other\"",
        }
    }
}

/// How the device gets its Windows updates (DOMAIN.md section 3, `policy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Management {
    /// Managed by Intune (Windows Autopatch / Windows Update for Business).
    Intune,
    /// Co-managed by Configuration Manager and Intune.
    CoManaged,
    /// Configuration Manager only.
    ConfigMgr,
    /// WSUS only.
    Wsus,
    /// Not managed.
    Unmanaged,
    /// Managed by something else (Exchange ActiveSync, a third-party MDM).
    Other,
}

impl Management {
    /// Reads the canonical names (`intune`, `co-managed`, `configmgr`, `wsus`, `none`) and
    /// Graph's `managementAgent` values (`mdm`, `configurationManagerClientMdm`, …).
    pub fn parse(text: &str) -> Option<Management> {
        let mut buf = [0u8; 64];
        // A table rather than a `match` on strings: a fraction of the Wasm size.
        const NAMES: [(&str, Management); 17] = [
            ("intune", Management::Intune),
            ("mdm", Management::Intune),
            ("intuneclient", Management::Intune),
            ("easmdm", Management::Intune),
            ("autopatch", Management::Intune),
            ("windowsautopatch", Management::Intune),
            ("wufb", Management::Intune),
            ("comanaged", Management::CoManaged),
            ("configurationmanagerclientmdm", Management::CoManaged),
            ("configurationmanagerclientmdmeas", Management::CoManaged),
            ("configmgr", Management::ConfigMgr),
            ("configurationmanager", Management::ConfigMgr),
            ("configurationmanagerclient", Management::ConfigMgr),
            ("sccm", Management::ConfigMgr),
            ("mecm", Management::ConfigMgr),
            ("wsus", Management::Wsus),
            ("none", Management::Unmanaged),
        ];
        let key = fold_key(text, alphanumeric, &mut buf)?;
        if key == "unknown" || key.is_empty() {
            return None;
        }
        Some(match NAMES.iter().find(|(name, _)| *name == key) {
            Some(&(_, management)) => management,
            None if key == "unmanaged" => Management::Unmanaged,
            None => Management::Other,
        })
    }

    /// The name findings use.
    pub fn display(self) -> &'static str {
        match self {
            Management::Intune => "Intune",
            Management::CoManaged => "co-managed (Configuration Manager and Intune)",
            Management::ConfigMgr => "Configuration Manager only",
            Management::Wsus => "WSUS only",
            Management::Unmanaged => "not managed",
            Management::Other => "a management agent other than Intune",
        }
    }
}

/// A hotpatch setting: the Windows quality update policy's "When available, apply without
/// restarting the device (hotpatch)", or the tenant's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HotpatchSetting {
    /// Hotpatch allowed.
    Allow,
    /// Hotpatch blocked.
    Block,
}

/// Whether a licence that includes hotpatch covers the device (DOMAIN.md section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum License {
    /// Windows 11 Enterprise E3/E5, Microsoft 365 F3, Education A3/A5, Microsoft 365
    /// Business Premium, or Windows 365 Enterprise.
    Eligible,
    /// None of those.
    Ineligible,
}

/// A Windows Server's hotpatch enrolment in Azure Update Manager through Azure Arc
/// (DOMAIN.md section 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArcHotpatch {
    /// Hotpatch enabled.
    Enabled,
    /// Enrolment pending.
    Pending,
    /// Not enrolled (or not connected to Arc).
    NotEnrolled,
    /// Enrolment disabled.
    Disabled,
    /// Enrolment canceled.
    Canceled,
}

impl ArcHotpatch {
    /// Reads Azure Update Manager's state names, in any case and with or without spaces or
    /// hyphens (`Not enrolled`, `not-enrolled`).
    pub fn parse(text: &str) -> Option<ArcHotpatch> {
        let mut buf = [0u8; 64];
        Some(match fold_key(text, |b| b.is_ascii_alphabetic(), &mut buf)? {
            "enabled" => ArcHotpatch::Enabled,
            "pending" => ArcHotpatch::Pending,
            "notenrolled" | "notconnected" | "none" => ArcHotpatch::NotEnrolled,
            "disabled" => ArcHotpatch::Disabled,
            "canceled" | "cancelled" => ArcHotpatch::Canceled,
            _ => return None,
        })
    }

    /// The name findings use.
    pub fn display(self) -> &'static str {
        match self {
            ArcHotpatch::Enabled => "enabled",
            ArcHotpatch::Pending => "pending",
            ArcHotpatch::NotEnrolled => "not enrolled",
            ArcHotpatch::Disabled => "disabled",
            ArcHotpatch::Canceled => "canceled",
        }
    }
}

/// Update ring settings (DOMAIN.md section 6): when a release is offered, must install, and
/// forces a restart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ring {
    /// Quality update deferral, 0–30 days: offered on release + deferral.
    pub deferral_days: u32,
    /// Deadline, 0–30 days: installed automatically by offer + deadline.
    pub deadline_days: u32,
    /// Grace period, 0–7 days: minimum time after install before a forced restart.
    pub grace_days: u32,
    /// Active hours start, 0–23.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_hours_start: Option<u32>,
    /// Active hours end, 0–23.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_hours_end: Option<u32>,
}

impl Ring {
    /// A ring without active hours.
    pub const fn new(deferral_days: u32, deadline_days: u32, grace_days: u32) -> Ring {
        Ring { deferral_days, deadline_days, grace_days, active_hours_start: None, active_hours_end: None }
    }

    /// Microsoft's suggested values, used for devices in no ring: deferral 0, deadline 7,
    /// grace 2 (DOMAIN.md section 6).
    pub const SUGGESTED: Ring = Ring::new(0, 7, 2);

    /// Windows Autopatch's default rings (deferral / deadline / grace): Test 0/0/0,
    /// First 1/2/2, Fast 6/2/2, Broad 9/5/2 (DOMAIN.md section 6).
    pub const AUTOPATCH: [(&'static str, Ring); 4] = [
        ("Test", Ring::new(0, 0, 0)),
        ("First", Ring::new(1, 2, 2)),
        ("Fast", Ring::new(6, 2, 2)),
        ("Broad", Ring::new(9, 5, 2)),
    ];
}

/// A non-Windows platform some exports include (Intune and Defender list phones and Macs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Windows.
    Windows,
    /// Apple iOS / iPadOS.
    Ios,
    /// Apple macOS.
    Macos,
    /// Android.
    Android,
    /// Linux.
    Linux,
    /// Any other platform.
    Other,
}

impl Platform {
    /// Reads an operating-system name (`Windows`, `iOS`, `iPadOS`, `macOS`, `Android`,
    /// `AndroidEnterprise`, `Linux`, `Ubuntu`…). `None` for empty text.
    pub fn parse(text: &str) -> Option<Platform> {
        let mut buf = [0u8; 64];
        let t = fold_key(text.trim(), any, &mut buf).unwrap_or("other");
        if t.is_empty() || t == "unknown" {
            return None;
        }
        // The first prefix that the name starts with (a table: a fraction of the Wasm size of
        // a chain of comparisons).
        const PREFIXES: [(&str, Platform); 17] = [
            ("windows", Platform::Windows),
            ("microsoft windows", Platform::Windows),
            ("ios", Platform::Ios),
            ("ipados", Platform::Ios),
            ("iphone", Platform::Ios),
            ("ipad", Platform::Ios),
            ("mac", Platform::Macos),
            ("os x", Platform::Macos),
            ("android", Platform::Android),
            ("linux", Platform::Linux),
            ("ubuntu", Platform::Linux),
            ("debian", Platform::Linux),
            ("redhat", Platform::Linux),
            ("rhel", Platform::Linux),
            ("centos", Platform::Linux),
            ("suse", Platform::Linux),
            ("sles", Platform::Linux),
        ];
        if t == "win" {
            return Some(Platform::Windows);
        }
        Some(PREFIXES.iter().find(|(prefix, _)| t.starts_with(prefix)).map_or(Platform::Other, |&(_, p)| p))
    }

    /// The name the report shows.
    pub fn display(self) -> &'static str {
        match self {
            Platform::Windows => "Windows",
            Platform::Ios => "iOS/iPadOS",
            Platform::Macos => "macOS",
            Platform::Android => "Android",
            Platform::Linux => "Linux",
            Platform::Other => "another operating system",
        }
    }
}

/// Everything one inventory record says about a device, normalised. Merging combines several
/// of these into one device.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Host name as reported (may carry a DNS suffix).
    pub name: Option<String>,
    /// Entra (Azure AD) device id.
    pub entra_id: Option<String>,
    /// The operating system, when the record says it is not Windows.
    pub platform: Option<Platform>,
    /// The non-Windows OS version text, for the report.
    pub platform_version: Option<String>,
    /// Client or server, when the record says.
    pub family: Option<OsFamily>,
    /// Major build number (26100).
    pub build: Option<u32>,
    /// Update build revision (4349 of 26100.4349).
    pub ubr: Option<u32>,
    /// Edition.
    pub edition: Option<Edition>,
    /// Architecture.
    pub arch: Option<Arch>,
    /// VBS state.
    pub vbs: Option<Vbs>,
    /// `HotPatchRestrictions` under `HKLM\SYSTEM\CurrentControlSet\Control\Session
    /// Manager\Memory Management`; 1 disables CHPE, as hotpatch on Arm64 needs.
    pub hotpatch_restrictions: Option<u32>,
    /// Registry policy `AllowRebootlessUpdates`, as the device sees it.
    pub allow_rebootless_updates: Option<bool>,
    /// The hotpatch setting of the quality update policy the device is in.
    pub hotpatch_policy: Option<HotpatchSetting>,
    /// How updates are managed.
    pub management: Option<Management>,
    /// Update ring name.
    pub ring: Option<String>,
    /// Ring settings carried by the record itself (e.g. WUfB reports' `WUQuality*Days`).
    pub ring_settings: Option<Ring>,
    /// Per-device licence, when an input carries it.
    pub license: Option<License>,
    /// Windows Server hotpatch enrolment through Azure Arc.
    pub arc_hotpatch: Option<ArcHotpatch>,
    /// When the source last heard from the device, as seconds since 1970 (for choosing
    /// between disagreeing sources).
    pub last_seen: Option<i64>,
    /// Microsoft's own hotpatch readiness verdict (Windows Autopatch device profiles,
    /// DOMAIN.md section 8): shown beside the planner's, never used by the checks.
    pub readiness: Option<Readiness>,
    /// Which kind of source said what, so findings name the source that really said it.
    pub origin: Origin,
    /// Two fields of this one record that disagree (a UCClient row whose `OSBuild` and
    /// `OSRevisionNumber` differ): the merge reports it like sources that disagree.
    pub disputed: Option<Box<Disputed>>,
}

/// Two fields of one record that say different things about one fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disputed {
    /// The fact.
    pub fact: crate::inventory::Fact,
    /// Each value as the report shows it, with the field that said it.
    pub values: [(String, &'static str); 2],
    /// The value used.
    pub used: String,
}

/// Microsoft's hotpatch readiness for a device (`windowsUpdates.deviceProfile`
/// `hotpatchReadiness`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Readiness {
    /// `ready`: Windows Autopatch will offer hotpatches.
    Ready,
    /// `notReady`.
    NotReady,
}

impl Readiness {
    /// Reads `ready` / `notReady` (any case); `None` for anything else (`unknownFutureValue`).
    pub fn parse(text: &str) -> Option<Readiness> {
        let mut buf = [0u8; 64];
        match fold_key(text.trim(), alphanumeric, &mut buf)? {
            "ready" => Some(Readiness::Ready),
            "notready" => Some(Readiness::NotReady),
            _ => None,
        }
    }

    /// The id the report writes.
    pub fn id(self) -> &'static str {
        match self {
            Readiness::Ready => "ready",
            Readiness::NotReady => "notReady",
        }
    }
}

/// Which kind of source each fact the findings talk about came from, and what kinds of
/// source the device's records were: a finding says "the Win32_DeviceGuard probe reports VBS
/// off", not a guess (DOMAIN.md section 4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The source of the build.
    pub build: Option<Format>,
    /// The source of the edition.
    pub edition: Option<Format>,
    /// The source of the architecture.
    pub arch: Option<Format>,
    /// The source of the VBS state.
    pub vbs: Option<Format>,
    /// Every kind of source among the device's records.
    pub formats: FormatSet,
    /// A `Get-ComputerInfo` record whose Device Guard query came back empty (run without
    /// admin rights): VBS was asked and not read, which is not "off".
    pub vbs_unread: bool,
    /// Facts (a bit per [`crate::inventory::Fact`]) the sources disagree on with nothing to
    /// prefer one: unknown because of the disagreement, not for want of a source.
    pub undecided: u16,
}

impl Origin {
    /// The origin of one record's facts: every fact it has came from `format`.
    pub fn of(facts: &Facts, format: Format) -> Origin {
        let from = |has: bool| has.then_some(format);
        Origin {
            build: from(facts.build.is_some()),
            edition: from(facts.edition.is_some()),
            arch: from(facts.arch.is_some()),
            vbs: from(facts.vbs.is_some()),
            formats: format.bit(),
            vbs_unread: facts.origin.vbs_unread,
            undecided: 0,
        }
    }
}

impl Facts {
    /// The OS line these facts point to: from the build and family; a client unless the
    /// family or the edition says server. `None` without a build.
    pub fn line(&self) -> Option<OsLine> {
        let build = self.build?;
        let family = self.family.or_else(|| {
            self.edition.as_ref().and_then(Edition::is_server).map(|server| {
                if server {
                    OsFamily::Server
                } else {
                    OsFamily::Client
                }
            })
        });
        Some(OsLine::from_build(family.unwrap_or(OsFamily::Client), build))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edition_table_is_sorted_for_its_binary_search() {
        assert!(EDITION_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn editions_from_ids_families_and_product_names() {
        // DOMAIN.md sections 2–4.
        for (text, edition) in [
            ("Enterprise", Edition::Enterprise),
            ("EnterpriseN", Edition::EnterpriseN),
            ("Education", Edition::Education),
            ("Professional", Edition::Pro),
            ("Pro", Edition::Pro),
            ("ProfessionalEducation", Edition::ProEducation),
            ("Core", Edition::Home),
            ("EnterpriseS", Edition::EnterpriseLtsc),
            ("IoTEnterprise", Edition::IotEnterprise),
            ("IoTEnterpriseS", Edition::IotEnterpriseLtsc),
            ("ServerRdsh", Edition::EnterpriseMultiSession),
            ("Windows 11 Enterprise multi-session", Edition::EnterpriseMultiSession),
            ("Windows 10 Enterprise", Edition::Enterprise),
            ("Microsoft Windows 11 Education", Edition::Education),
            ("Windows 11 Enterprise LTSC", Edition::EnterpriseLtsc),
            ("ServerTurbine", Edition::ServerAzureEdition),
            ("ServerTurbineCor", Edition::ServerAzureEdition),
            ("Windows Server 2025 Datacenter: Azure Edition", Edition::ServerAzureEdition),
            ("Windows Server 2022 Datacenter Azure Edition", Edition::ServerAzureEdition),
            ("ServerStandard", Edition::ServerStandard),
            ("ServerDatacenterCor", Edition::ServerDatacenter),
            // PowerShell's OperatingSystemSKU enum names (Get-ComputerInfo OsOperatingSystemSKU).
            ("EnterpriseEdition", Edition::Enterprise),
            ("StandardServerEdition", Edition::ServerStandard),
            ("DatacenterServerEdition", Edition::ServerDatacenter),
            ("Windows Server 2025 Standard", Edition::ServerStandard),
            ("Windows Server 2019 Datacenter", Edition::ServerDatacenter),
            ("Team", Edition::Other("Team".into())),
        ] {
            assert_eq!(Edition::parse(text), Some(edition), "{text}");
        }
        assert_eq!(Edition::parse("  "), None);
    }

    #[test]
    fn editions_from_sku_numbers() {
        // DOMAIN.md section 4: GetProductInfo values.
        for (sku, edition) in [
            (4, Edition::Enterprise),
            (27, Edition::EnterpriseN),
            (48, Edition::Pro),
            (101, Edition::Home),
            (121, Edition::Education),
            (122, Edition::EducationN),
            (125, Edition::EnterpriseLtsc),
            (161, Edition::ProWorkstations),
            (164, Edition::ProEducation),
            (175, Edition::EnterpriseMultiSession),
            (188, Edition::IotEnterprise),
            (191, Edition::IotEnterpriseLtsc),
            (7, Edition::ServerStandard),
            (13, Edition::ServerStandard),
            (8, Edition::ServerDatacenter),
            (12, Edition::ServerDatacenter),
            (407, Edition::ServerAzureEdition),
            (408, Edition::ServerAzureEdition),
        ] {
            assert_eq!(Edition::from_sku(sku), Some(edition), "{sku}");
        }
        assert_eq!(Edition::from_sku(9999), None);
    }

    #[test]
    fn architectures_as_inventories_spell_them() {
        // DOMAIN.md section 4: Graph writes arM64; CsSystemType writes "ARM64-based PC".
        for (text, arch) in [
            ("x64", Arch::X64),
            ("AMD64", Arch::X64),
            ("x64-based PC", Arch::X64),
            ("arM64", Arch::Arm64),
            ("ARM64-based PC", Arch::Arm64),
            ("x86", Arch::X86),
            ("X86-based PC", Arch::X86),
            ("arm", Arch::Arm32),
            ("64-bit", Arch::Bits64),
            ("32-bit", Arch::X86),
        ] {
            assert_eq!(Arch::parse(text), Some(arch), "{text}");
        }
        assert_eq!(Arch::parse("unknown"), None);
    }

    #[test]
    fn vbs_numbers_mean_different_things_per_source() {
        // DOMAIN.md section 4: WMI 2 is running; Graph 2 is "64-bit architecture required".
        assert_eq!(Vbs::from_wmi(2), Some(Vbs::Running));
        assert_eq!(Vbs::from_wmi(1), Some(Vbs::EnabledNotRunning));
        assert_eq!(Vbs::from_wmi(0), Some(Vbs::Off));
        assert_eq!(Vbs::from_graph("2"), Some(Vbs::Requires64Bit));
        assert_eq!(Vbs::from_graph("0"), Some(Vbs::Running));
        assert_eq!(Vbs::from_graph("running"), Some(Vbs::Running));
        assert_eq!(Vbs::from_graph("notConfigured"), Some(Vbs::Off));
        assert_eq!(Vbs::from_graph("doesNotMeetHardwareRequirements"), Some(Vbs::HardwareUnsupported));
        assert_eq!(Vbs::from_name("enabled"), Some(Vbs::EnabledNotRunning));
    }

    #[test]
    fn the_line_comes_from_build_and_family_or_edition() {
        let mut f = Facts { build: Some(26100), ..Facts::default() };
        assert_eq!(f.line(), Some(OsLine::Win11_24H2));
        f.edition = Some(Edition::ServerAzureEdition);
        assert_eq!(f.line(), Some(OsLine::Ws2025));
        f.edition = Some(Edition::EnterpriseMultiSession);
        assert_eq!(f.line(), Some(OsLine::Win11_24H2), "multi-session is a client despite ServerRdsh");
        f.family = Some(OsFamily::Server);
        assert_eq!(f.line(), Some(OsLine::Ws2025));
        assert_eq!(Facts::default().line(), None);
    }
}
