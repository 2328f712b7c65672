//! Writing a [`Catalog`] back out as catalog JSON (the schema `load` reads), so that a catalog
//! refreshed from Microsoft's release sources can be saved, downloaded, hosted by a portal, or
//! become the next built-in `data/catalog.json`.
//!
//! One month per line, like the hand-kept file: the output stays reviewable in a diff. Months
//! a line inherits through `follows` are not written (the `follows` entry brings them back).

use std::fmt::Write;

use super::{Catalog, CatalogLine, CatalogMonth, Confidence, MonthType, Oob, OobKind, SourceInfo};

/// JSON text of a string.
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn confidence_id(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed => "confirmed",
        Confidence::Secondary => "secondary",
        Confidence::Unclear => "unclear",
    }
}

/// Appends `, "key": value` pairs of a month or OOB object.
struct Obj(String);

impl Obj {
    fn new() -> Obj {
        Obj(String::from("{ "))
    }
    fn raw(&mut self, key: &str, value: impl std::fmt::Display) -> &mut Obj {
        if self.0.len() > 2 {
            self.0.push_str(", ");
        }
        let _ = write!(self.0, "\"{key}\": {value}");
        self
    }
    fn text(&mut self, key: &str, value: &str) -> &mut Obj {
        self.raw(key, quote(value))
    }
    fn opt_text(&mut self, key: &str, value: Option<&str>) -> &mut Obj {
        match value {
            Some(v) => self.text(key, v),
            None => self,
        }
    }
    fn opt_num(&mut self, key: &str, value: Option<u32>) -> &mut Obj {
        match value {
            Some(v) => self.raw(key, v),
            None => self,
        }
    }
    fn done(&mut self) -> String {
        self.0.push_str(" }");
        std::mem::take(&mut self.0)
    }
}

fn oob(o: &Oob) -> String {
    let kind = match o.kind {
        OobKind::Hotpatch => "hotpatch",
        OobKind::Lcu => "lcu",
        OobKind::Preview => "preview",
    };
    let mut obj = Obj::new();
    match o.date {
        Some(d) => obj.text("date", &d.to_string()),
        None => obj.raw("date", "null"),
    };
    obj.text("kind", kind).opt_text("kb", o.kb.as_deref()).opt_num("ubr", o.ubr);
    if o.confidence != Confidence::Confirmed {
        obj.text("confidence", confidence_id(o.confidence));
    }
    obj.opt_text("note", o.note.as_deref()).done()
}

fn month(m: &CatalogMonth) -> String {
    let mut obj = Obj::new();
    obj.text("month", &m.month.to_string()).text("release", &m.release.to_string());
    if !m.type_known {
        obj.text("type", "unknown").opt_text("lcuKb", m.lcu_kb.as_deref()).opt_num("lcuUbr", m.lcu_ubr);
    } else {
        obj.text("type", if m.kind == MonthType::Baseline { "baseline" } else { "hotpatch" });
        if !m.planned {
            obj.raw("planned", false);
        }
        if m.preview {
            obj.raw("preview", true);
        }
        // `null` rather than absent: "not known" is a fact the reader should see.
        match &m.kb {
            Some(kb) => obj.text("kb", kb),
            None => obj.raw("kb", "null"),
        };
        match m.ubr {
            Some(u) => obj.raw("ubr", u),
            None => obj.raw("ubr", "null"),
        };
        if m.kind == MonthType::Hotpatch {
            obj.opt_text("lcuKb", m.lcu_kb.as_deref()).opt_num("lcuUbr", m.lcu_ubr);
        }
    }
    if !m.oob.is_empty() {
        let items: Vec<String> = m.oob.iter().map(oob).collect();
        obj.raw("oob", format!("[ {} ]", items.join(", ")));
    }
    if m.confidence != Confidence::Confirmed {
        obj.text("confidence", confidence_id(m.confidence));
    }
    obj.opt_text("note", m.note.as_deref()).opt_text("source", m.source.as_deref()).done()
}

fn source(s: &SourceInfo) -> String {
    let mut obj = Obj::new();
    obj.opt_text("name", s.name.as_deref()).text("kind", &s.kind).text("title", &s.title);
    if let Some(d) = s.date {
        obj.text("date", &d.to_string());
    }
    let months: Vec<String> = s.months.iter().map(|m| quote(&m.to_string())).collect();
    obj.raw("months", format!("[{}]", months.join(", "))).done()
}

fn line(out: &mut String, l: &CatalogLine) {
    let _ = write!(
        out,
        "    {}: {{\n      \"name\": {},\n      \"build\": {}",
        quote(l.line.id()),
        quote(&l.name),
        l.build
    );
    if let Some(f) = l.follows {
        let mut obj = Obj::new();
        obj.text("line", f.line.id());
        if let Some(from) = f.from {
            obj.text("from", &from.to_string());
        }
        if let Some(to) = f.to {
            obj.text("to", &to.to_string());
        }
        let _ = write!(out, ",\n      \"follows\": {}", obj.done());
    }
    if let Some(until) = l.hotpatch_until {
        let _ = write!(out, ",\n      \"hotpatchUntil\": \"{until}\"");
    }
    let own: Vec<String> = l.months.iter().filter(|m| !m.inherited).map(|m| format!("        {}", month(m))).collect();
    if own.is_empty() {
        out.push_str(",\n      \"months\": []\n    }");
    } else {
        let _ = write!(out, ",\n      \"months\": [\n{}\n      ]\n    }}", own.join(",\n"));
    }
}

/// The catalog as JSON text; `about` says where it came from.
pub(super) fn to_json(catalog: &Catalog, about: &str) -> String {
    let mut out = String::from("{\n  \"schemaVersion\": 1,\n");
    let _ = writeln!(out, "  \"about\": {},", quote(about));
    if !catalog.sources.is_empty() {
        let items: Vec<String> = catalog.sources.iter().map(|s| format!("    {}", source(s))).collect();
        let _ = writeln!(out, "  \"sources\": [\n{}\n  ],", items.join(",\n"));
    }
    out.push_str("  \"lines\": {\n");
    let lines: Vec<String> = catalog
        .lines
        .iter()
        .map(|l| {
            let mut s = String::new();
            line(&mut s, l);
            s
        })
        .collect();
    out.push_str(&lines.join(",\n"));
    out.push_str("\n  }\n}\n");
    out
}
