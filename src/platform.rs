//! The Windows platforms the planner knows ("OS lines") and how a build number maps to one
//! (DOMAIN.md section 2).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Windows release that has (or lacks) a hotpatch track.
///
/// The line is always decided from the build number, never from a product name: Windows 11
/// machines still write "Windows 10 Enterprise" in their registry (DOMAIN.md section 2).
///
/// Serialised as its [`OsLine::id`] (`win11-24h2`, …), written by hand from `id` so that the
/// ids live in one place (and the Wasm carries one string table, not serde's second one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OsLine {
    /// Windows 11, version 24H2 (client build 26100).
    Win11_24H2,
    /// Windows 11, version 25H2 (client build 26200): same KBs and UBRs as 24H2 since
    /// October 2025.
    Win11_25H2,
    /// Windows 11, version 26H2 (client build 26300): an enablement package on top of
    /// 24H2/25H2 since 2026-09-29, with the same KBs and UBRs (DOMAIN.md section 2).
    Win11_26H2,
    /// Windows Server 2025 (server build 26100).
    Ws2025,
    /// Windows Server 2022 (server build 20348); hotpatch only on Datacenter: Azure Edition.
    Ws2022,
    /// Any other Windows release: no hotpatch track.
    Other,
}

impl Serialize for OsLine {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for OsLine {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<OsLine, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        OsLine::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown OS line \"{id}\"")))
    }
}

impl OsLine {
    /// The lines that have a hotpatch track, in the order the page lists them.
    pub const HOTPATCH_LINES: [OsLine; 5] =
        [OsLine::Win11_24H2, OsLine::Win11_25H2, OsLine::Win11_26H2, OsLine::Ws2025, OsLine::Ws2022];

    /// The line's identifier as used in the API and the catalog (`win11-24h2`, …).
    pub fn id(self) -> &'static str {
        match self {
            OsLine::Win11_24H2 => "win11-24h2",
            OsLine::Win11_25H2 => "win11-25h2",
            OsLine::Win11_26H2 => "win11-26h2",
            OsLine::Ws2025 => "ws2025",
            OsLine::Ws2022 => "ws2022",
            OsLine::Other => "other",
        }
    }

    /// Reads a line identifier; `None` for anything else.
    pub fn from_id(id: &str) -> Option<OsLine> {
        OsLine::HOTPATCH_LINES.into_iter().chain([OsLine::Other]).find(|line| line.id() == id)
    }

    /// The product name people know the line by.
    pub fn display_name(self) -> &'static str {
        match self {
            OsLine::Win11_24H2 => "Windows 11, version 24H2",
            OsLine::Win11_25H2 => "Windows 11, version 25H2",
            OsLine::Win11_26H2 => "Windows 11, version 26H2",
            OsLine::Ws2025 => "Windows Server 2025",
            OsLine::Ws2022 => "Windows Server 2022",
            OsLine::Other => "Other Windows",
        }
    }

    /// Whether this is a Windows 11 client line.
    pub fn is_client(self) -> bool {
        matches!(self, OsLine::Win11_24H2 | OsLine::Win11_25H2 | OsLine::Win11_26H2)
    }

    /// Whether this is a server line.
    pub fn is_server(self) -> bool {
        matches!(self, OsLine::Ws2025 | OsLine::Ws2022)
    }

    /// Whether hotpatch exists on this line at all.
    pub fn has_hotpatch(self) -> bool {
        self != OsLine::Other
    }

    /// The line for a build number, given whether the device is a server
    /// (DOMAIN.md section 2). Build 26100 is Windows 11 24H2 on a client and Windows Server
    /// 2025 on a server; 26200 and 26300 are Windows 11 25H2 and 26H2; 20348 is Windows Server
    /// 2022. Every other build is `Other`.
    pub fn from_build(family: OsFamily, build: u32) -> OsLine {
        match (family, build) {
            (OsFamily::Client, 26100) => OsLine::Win11_24H2,
            (OsFamily::Client, 26200) => OsLine::Win11_25H2,
            (OsFamily::Client, 26300) => OsLine::Win11_26H2,
            (OsFamily::Server, 26100) => OsLine::Ws2025,
            (OsFamily::Server, 20348) => OsLine::Ws2022,
            _ => OsLine::Other,
        }
    }
}

impl fmt::Display for OsLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Client (Windows 10/11) or server (Windows Server).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OsFamily {
    /// A Windows client: Windows 10 or 11.
    Client,
    /// Windows Server.
    Server,
}

/// A plain-language name for a Windows build that has no hotpatch track, so a finding can
/// say what the device runs ("Windows 10 (build 19045)").
pub fn describe_other_build(family: Option<OsFamily>, build: u32) -> String {
    let name = match (family, build) {
        (Some(OsFamily::Server), 14393) => "Windows Server 2016",
        (Some(OsFamily::Server), 17763) => "Windows Server 2019",
        (Some(OsFamily::Server), 25398) => "Windows Server, version 23H2",
        (Some(OsFamily::Server), 20348) => "Windows Server 2022",
        (Some(OsFamily::Server), 26100) => "Windows Server 2025",
        (Some(OsFamily::Server), _) => "Windows Server",
        (_, b) if b < 22000 => "Windows 10",
        (_, 22000) => "Windows 11, version 21H2",
        (_, 22621) => "Windows 11, version 22H2",
        (_, 22631) => "Windows 11, version 23H2",
        (_, 26100) => "Windows 11, version 24H2",
        (_, 26200) => "Windows 11, version 25H2",
        (_, 26300) => "Windows 11, version 26H2",
        (_, 28000) => "Windows 11, version 26H1",
        _ => "Windows 11",
    };
    format!("{name} (build {build})")
}

/// Reads a Windows version string into build and UBR: `10.0.26100.4349`, `26100.4349`, or a
/// bare `26100`. Surrounding spaces are ignored; anything else gives `None`.
pub fn parse_version(text: &str) -> Option<(u32, Option<u32>)> {
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let mut parts = text.trim().split('.');
    let mut next = [None; 5];
    for slot in &mut next {
        *slot = parts.next();
    }
    match next {
        [Some(build), None, ..] => Some((number(build)?, None)),
        [Some(build), Some(ubr), None, ..] => Some((number(build)?, Some(number(ubr)?))),
        [Some(major), Some(_), Some(build), None, _] if number(major)? >= 6 => Some((number(build)?, None)),
        [Some(major), Some(_), Some(build), Some(ubr), None] if number(major)? >= 6 => {
            Some((number(build)?, Some(number(ubr)?)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_from_the_build_number_and_family() {
        // DOMAIN.md section 2: recognise lines by build, never by product name.
        for (family, build, line) in [
            (OsFamily::Client, 26100, OsLine::Win11_24H2),
            (OsFamily::Client, 26200, OsLine::Win11_25H2),
            (OsFamily::Client, 26300, OsLine::Win11_26H2),
            (OsFamily::Server, 26100, OsLine::Ws2025),
            (OsFamily::Server, 20348, OsLine::Ws2022),
            (OsFamily::Client, 19045, OsLine::Other),
            (OsFamily::Client, 22631, OsLine::Other),
            (OsFamily::Client, 28000, OsLine::Other),
            (OsFamily::Server, 17763, OsLine::Other),
            (OsFamily::Client, 20348, OsLine::Other),
        ] {
            assert_eq!(OsLine::from_build(family, build), line, "{family:?} {build}");
        }
    }

    #[test]
    fn version_strings() {
        assert_eq!(parse_version("10.0.26100.4349"), Some((26100, Some(4349))));
        assert_eq!(parse_version(" 26100.4349 "), Some((26100, Some(4349))));
        assert_eq!(parse_version("26100"), Some((26100, None)));
        assert_eq!(parse_version("10.0.26100"), Some((26100, None)));
        for bad in ["", "abc", "10.0.26100.x", "1.2.3.4.5", "26100.", "-1", "10.0.99999999999.1"] {
            assert_eq!(parse_version(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ids_round_trip() {
        for line in OsLine::HOTPATCH_LINES.into_iter().chain([OsLine::Other]) {
            assert_eq!(OsLine::from_id(line.id()), Some(line));
            assert_eq!(serde_json::to_string(&line).unwrap(), format!("\"{}\"", line.id()));
        }
        assert_eq!(OsLine::from_id("win12"), None);
    }
}
