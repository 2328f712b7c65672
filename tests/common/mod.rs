//! What several test files share: a device of a report (as JSON) as one line.

use serde_json::Value;

/// The check ids in report order.
pub const CHECKS: [&str; 7] = ["os", "edition", "license", "policy", "vbs", "arch", "baseline"];

/// A device as one line: line, build.UBR, edition, arch, verdict, track, failing and unknown
/// checks (`-` for what is null).
pub fn device_line(d: &Value) -> String {
    let s = |v: &Value| match v {
        Value::Null => "-".to_string(),
        Value::String(t) => t.clone(),
        other => other.to_string(),
    };
    let with =
        |status: &str| CHECKS.iter().filter(|c| d["checks"][**c] == status).copied().collect::<Vec<_>>().join(",");
    format!(
        "{} {}.{} {} {} {} {} fail={} unknown={}",
        s(&d["os"]["line"]),
        s(&d["os"]["build"]),
        s(&d["os"]["ubr"]),
        s(&d["os"]["edition"]),
        s(&d["os"]["arch"]),
        s(&d["verdict"]),
        s(&d["track"]),
        with("fail"),
        with("unknown"),
    )
}
