//! A small argument parser shared by the commands: `--name`, `--name VALUE`,
//! `--name=VALUE`, `-h`, positional arguments, and `--` before positionals that start
//! with `-`.

use std::collections::BTreeMap;
use std::ffi::OsString;

/// A command's arguments, split by its lists of flags and options.
#[derive(Debug, Default)]
pub struct Args {
    /// Flags given (`--fetch`), by name without dashes.
    pub flags: Vec<&'static str>,
    /// Options given with their values (`--as-of 2026-11-26`); a repeated option keeps its
    /// last value.
    pub values: BTreeMap<&'static str, String>,
    /// Arguments that are not options, in order.
    pub positional: Vec<OsString>,
}

impl Args {
    /// Whether the flag was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    /// The option's value, when given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}

/// Parses `argv` against the command's `flags` and `options` (names without dashes);
/// `-h` is read as `--help`. The error is a sentence for the usage message.
pub fn parse(argv: &[OsString], flags: &[&'static str], options: &[&'static str]) -> Result<Args, String> {
    let mut args = Args::default();
    let mut items = argv.iter();
    while let Some(item) = items.next() {
        let Some(text) = item.to_str() else {
            // Not Unicode: only a file name can be that.
            args.positional.push(item.clone());
            continue;
        };
        if text == "--" {
            args.positional.extend(items.cloned());
            break;
        }
        if text == "-h" {
            args.flags.push("help");
            continue;
        }
        let Some(body) = text.strip_prefix("--") else {
            if text.len() > 1 && text.starts_with('-') {
                return Err(format!("unknown option {text:?}"));
            }
            args.positional.push(item.clone());
            continue;
        };
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        if let Some(flag) = flags.iter().find(|f| **f == name) {
            if inline.is_some() {
                return Err(format!("--{name} takes no value"));
            }
            args.flags.push(flag);
        } else if let Some(option) = options.iter().find(|o| **o == name) {
            let value = match inline {
                Some(v) => v,
                None => match items.next().map(|v| v.to_str()) {
                    Some(Some(v)) => v.to_string(),
                    Some(None) => return Err(format!("--{name}: the value is not Unicode text")),
                    None => return Err(format!("--{name} needs a value")),
                },
            };
            args.values.insert(option, value);
        } else {
            return Err(format!("unknown option --{name}"));
        }
    }
    Ok(args)
}
