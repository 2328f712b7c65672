//! Lists of devices that put devices into rings (README "Rings"): the members of an Entra
//! group (*Download members*), an Intune or Windows Autopatch device export, a PowerShell
//! `Export-Csv` of group members or devices, or plain text with one name or id per line. What
//! comes out is what a ring's `devices` option takes: names and Entra device ids.

use super::csv::{self, header_key};
use super::text::decode;
use crate::Input;

/// Headers of a device-name column, most specific first (as [`header_key`] reduces them):
/// Intune's and Autopatch's "Device name", Entra's "Display name" / `displayName`,
/// PowerShell's `DisplayName`, `Name`, `ComputerName`.
const NAME_COLUMNS: [&str; 6] = ["devicename", "displayname", "computername", "hostname", "dnsname", "name"];

/// Headers of an Entra device id column, most specific first. `DeviceId` is the Entra id in
/// Entra's and Graph's device objects but Intune's own id in Intune exports ("Device ID"), so
/// it is read only when no Entra-named column is there.
const ID_COLUMNS: [&str; 7] = [
    "microsoftentradeviceid",
    "entradeviceid",
    "azureaddeviceid",
    "azureactivedirectoryaddeviceid",
    "aaddeviceid",
    "referenceid",
    "deviceid",
];

/// Headers that say what kind of object a group member is (Entra's "Member type",
/// PowerShell's `ObjectType`): rows of users and groups are skipped.
const TYPE_COLUMNS: [&str; 3] = ["membertype", "objecttype", "odatatype"];

/// What [`read_device_list`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DeviceList {
    /// Device names and Entra device ids, in the order read, each once.
    pub devices: Vec<String>,
    /// The columns they came from, as the header wrote them (empty for plain text).
    pub columns: Vec<String>,
    /// Rows that were not devices (users, groups) or named none.
    pub skipped: usize,
}

/// Reads a list of devices. Errors say, in a sentence, why nothing could be read.
pub fn read_device_list(input: Input<'_>) -> Result<DeviceList, String> {
    let (text, _) = decode(input);
    // Entra's bulk downloads may start with `version:v1.0`, Windows PowerShell's Export-Csv
    // with `#TYPE …`: neither is a header.
    let mut body: &str = &text;
    while let Some(first) = body.lines().next() {
        let t = first.trim_start_matches('\u{feff}').trim();
        if !(t.is_empty() || t.to_ascii_lowercase().starts_with("version:") || t.starts_with("#TYPE")) {
            break;
        }
        body = &body[first.len()..];
        body = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body);
    }
    let first = body.lines().next().unwrap_or("");
    let known = |key: &str| NAME_COLUMNS.contains(&key) || ID_COLUMNS.contains(&key);
    let is_table = first.contains([',', ';', '\t']) || known(&header_key(first.trim_matches('"')));
    let mut list = DeviceList::default();
    let push = |value: &str, list: &mut DeviceList| {
        let value = value.trim();
        if !value.is_empty() {
            list.devices.push(value.to_string());
        }
    };
    if !is_table {
        for line in body.lines() {
            push(line, &mut list);
        }
        if list.devices.is_empty() {
            return Err("the file lists no devices".into());
        }
        list.devices = unique(list.devices);
        return Ok(list);
    }
    let table = csv::read(body);
    let keys: Vec<String> = table.header.iter().map(|h| header_key(h)).collect();
    let column = |candidates: &[&str]| candidates.iter().find_map(|c| keys.iter().position(|k| k == c));
    let name = column(&NAME_COLUMNS);
    let id = column(&ID_COLUMNS);
    let kind = column(&TYPE_COLUMNS);
    if name.is_none() && id.is_none() {
        let found: Vec<&str> = table.header.iter().map(|h| h.trim()).take(12).collect();
        return Err(format!(
            "no column of device names or Entra device ids (such as \"Device name\", \"Display name\" or \"Microsoft Entra Device ID\"); the columns are {}",
            found.join(", ")
        ));
    }
    list.columns = [name, id].into_iter().flatten().map(|i| table.header[i].trim().to_string()).collect();
    let mut broken = None;
    for row in table.rows {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                broken = Some(error);
                break;
            }
        };
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
        // A user or a group in the group's members is not a device.
        if cell(kind).is_some_and(|k| !k.to_ascii_lowercase().ends_with("device")) {
            list.skipped += 1;
            continue;
        }
        let (n, i) = (cell(name), cell(id));
        if n.is_none() && i.is_none() {
            list.skipped += 1;
        }
        for value in [n, i].into_iter().flatten() {
            push(value, &mut list);
        }
    }
    if list.devices.is_empty() {
        return Err(match broken {
            Some((line, why)) => format!("line {line}: {why}"),
            None => "the file lists no devices".into(),
        });
    }
    list.devices = unique(list.devices);
    Ok(list)
}

/// Each value once (names compared as the ring lists compare them, ignoring case), first
/// place kept.
fn unique(values: Vec<String>) -> Vec<String> {
    let mut seen = crate::hash::FastSet::default();
    values.into_iter().filter(|v| seen.insert(v.to_ascii_lowercase())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<DeviceList, String> {
        read_device_list(Input::Text(text))
    }

    /// The exports admins have (README "Rings"); headers as Microsoft's documentation and
    /// public scripts record them.
    #[test]
    fn reads_the_group_and_device_exports_admins_have() {
        // What, the file, the devices read, the columns they came from, rows skipped.
        type Case<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str], usize);
        let cases: [Case<'_>; 7] = [
            (
                "Entra Download members, with its version line; users are skipped",
                "version:v1.0\r\nObject ID,User principal name,Display name,Member type\r\n1f0e,,CON-LAP-0101,Device\r\n2a0b,ann@contoso.com,Ann Lee,User\r\n3c0d,,CON-LAP-0102,Device\r\n",
                &["CON-LAP-0101", "CON-LAP-0102"],
                &["Display name"],
                1,
            ),
            (
                "Intune All devices export: the Entra id, not Intune's Device ID",
                "\u{feff}Device ID,Device name,Azure AD Device ID,OS version\r\n9d1e-intune,CON-DSK-0201,7a1c2e3f-0002-4b5c-8d9e-000000000002,10.0.26100.8390\r\n",
                &["CON-DSK-0201", "7a1c2e3f-0002-4b5c-8d9e-000000000002"],
                &["Device name", "Azure AD Device ID"],
                0,
            ),
            (
                "newer Intune column names",
                "Device Name,Microsoft Entra Device ID\nLAP-01,7a1c2e3f-0001-4b5c-8d9e-000000000001\n",
                &["LAP-01", "7a1c2e3f-0001-4b5c-8d9e-000000000001"],
                &["Device Name", "Microsoft Entra Device ID"],
                0,
            ),
            (
                "Windows PowerShell 5.1 Export-Csv of Get-MgGroupMemberAsDevice, with #TYPE",
                "#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphDevice\r\n\"DisplayName\",\"DeviceId\",\"Id\"\r\n\"KIOSK-1\",\"7a1c2e3f-0003-4b5c-8d9e-000000000003\",\"55aa\"\r\n",
                &["KIOSK-1", "7a1c2e3f-0003-4b5c-8d9e-000000000003"],
                &["DisplayName", "DeviceId"],
                0,
            ),
            (
                "Excel in a European locale: semicolons",
                "Device name;Serial number\r\nLAP-02;ABC\r\nLAP-02;ABC\r\n",
                &["LAP-02"],
                &["Device name"],
                0,
            ),
            ("one column with a header", "Device name\nLAP-03\nlap-03\nLAP-04\n", &["LAP-03", "LAP-04"], &["Device name"], 0),
            ("plain text, one per line", "LAP-05\n\n  LAP-06  \r\n", &["LAP-05", "LAP-06"], &[], 0),
        ];
        for (what, text, devices, columns, skipped) in cases {
            let got = read(text).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(got.devices, devices, "{what}");
            assert_eq!(got.columns, columns, "{what}");
            assert_eq!(got.skipped, skipped, "{what}");
        }
    }

    #[test]
    fn says_why_nothing_was_read() {
        assert_eq!(
            read("Serial number,Model\r\nABC,Surface\r\n").unwrap_err(),
            "no column of device names or Entra device ids (such as \"Device name\", \"Display name\" or \"Microsoft Entra Device ID\"); the columns are Serial number, Model"
        );
        assert_eq!(read("version:v1.0\r\n\r\n").unwrap_err(), "the file lists no devices");
        assert_eq!(read("Device name,OS\r\n").unwrap_err(), "the file lists no devices");
    }

    #[test]
    fn reads_utf16_as_windows_powershell_writes_it() {
        let text = "Device name\r\nПК-01\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_device_list(Input::Bytes(&bytes)).unwrap().devices, ["ПК-01"]);
    }
}
