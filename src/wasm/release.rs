//! `readReleaseData`: Microsoft's release documents (DOMAIN.md section 9) read and merged into
//! a catalog, in the builds that carry the readers (the Node package, and the page's second
//! module `pkg/web/release`, loaded only when release data is loaded).

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{js_error, options_json, rust_string, to_js};
use crate::catalog::{
    refresh, Catalog, Conflict, Document, LineCoverage, MissingMonth, SourceInfo, SourceProblem, SourceReport,
};
use crate::error::ErrorCode;
use crate::fields::Fields;
use crate::inventory::Input;
use crate::Error;

/// What `readReleaseData` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReleaseData {
    /// The merged catalog as catalog JSON: pass it as `catalog`, keep it, download it;
    /// `null` when none of the documents could be read (nothing to load).
    catalog: Option<String>,
    sources: Vec<SourceReport>,
    errors: Vec<SourceProblem>,
    conflicts: Vec<Conflict>,
    coverage: Vec<LineCoverage>,
    /// Months up to `asOf` still unsettled (when `asOf` is given).
    missing: Vec<MissingMonth>,
}

/// One document: a string, bytes, or `{ name, text }` / `{ name, bytes }`.
fn document(value: &JsValue, at: usize) -> Result<(Option<String>, String), JsValue> {
    let bytes_text = |v: &JsValue| -> Option<String> {
        let bytes = if let Some(b) = v.dyn_ref::<js_sys::Uint8Array>() {
            b.to_vec()
        } else {
            js_sys::Uint8Array::new(v.dyn_ref::<js_sys::ArrayBuffer>()?).to_vec()
        };
        Some(crate::inventory::text::decode(Input::Bytes(&bytes)).0.into_owned())
    };
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        return Ok((None, rust_string(text)));
    }
    if let Some(text) = bytes_text(value) {
        return Ok((None, text));
    }
    if value.is_object() {
        let get = |key: &str| js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let name = get("name").as_string();
        if let Some(text) = get("text").dyn_ref::<js_sys::JsString>() {
            return Ok((name, rust_string(text)));
        }
        if let Some(text) = bytes_text(&get("bytes")) {
            return Ok((name, text));
        }
    }
    Err(js_error(Error {
        code: ErrorCode::InvalidInput,
        field: format!("docs[{at}]"),
        message: "expected a release document as text, bytes, or { name, text } / { name, bytes }".into(),
    }))
}

/// `readReleaseData(docs, { base?, builtInCatalog?, asOf? })`: reads Microsoft's release
/// documents (MSRC CVRF XML or JSON, the MSRC index, a release-health page, a Graph catalog
/// export, support toc.json) and catalog JSON, and merges them over `base` (catalog JSON
/// from an earlier call) and the built-in catalog. Unreadable documents are listed in
/// `errors`; the others still merge. Throws only for misuse (`INVALID_INPUT`,
/// `INVALID_OPTION`, an invalid `base`: `INVALID_CATALOG`).
#[wasm_bindgen(js_name = readReleaseData, unchecked_return_type = "ReleaseData")]
pub fn read_release_data(
    #[wasm_bindgen(unchecked_param_type = "ReleaseDocument[]")] docs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReleaseDataOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options_json(options.unwrap_or(JsValue::UNDEFINED), true)?;
    let f = Fields::document(&options, "the options", ErrorCode::InvalidOption).map_err(js_error)?;
    f.only(&["base", "builtInCatalog", "asOf"]).map_err(js_error)?;
    let as_of = f.as_of("asOf").map_err(js_error)?;
    let over_built_in = f.bool("builtInCatalog").map_err(js_error)?.unwrap_or(true);
    let base_text = f.string("base").map_err(js_error)?;
    let mut owned: Vec<(Option<String>, String)> = Vec::new();
    let list: Vec<JsValue> = if js_sys::Array::is_array(&docs) {
        docs.unchecked_into::<js_sys::Array>().iter().collect()
    } else {
        vec![docs]
    };
    for (i, v) in list.iter().enumerate() {
        owned.push(document(v, i)?);
    }
    // Catalog JSON among the documents joins the base (each checked on its own, so that a bad
    // one is an error naming it and the others still count); the rest are Microsoft's.
    let mut base_docs: Vec<&str> = base_text.into_iter().collect();
    // An invalid `base` is misuse (it came from an earlier call): it throws.
    Catalog::from_documents(over_built_in, &base_docs).map_err(js_error)?;
    let mut problems = Vec::new();
    let mut catalog_reports: Vec<SourceReport> = Vec::new();
    let mut documents: Vec<Document<'_>> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    for (i, (name, text)) in owned.iter().enumerate() {
        if crate::release::detect(text).is_some() || !text.contains("\"lines\"") {
            documents.push(Document { name: name.as_deref(), text });
            positions.push(i);
            continue;
        }
        let mut with: Vec<&str> = base_docs.clone();
        with.push(text);
        match Catalog::from_documents(over_built_in, &with) {
            Ok(_) => {
                base_docs.push(text);
                catalog_reports.push(SourceReport {
                    index: i,
                    name: name.clone(),
                    kind: "catalog".into(),
                    title: "Release catalog (JSON)".into(),
                    date: None,
                    months: Vec::new(),
                    added: 0,
                    lists: Vec::new(),
                });
            }
            Err(e) => problems.push(SourceProblem {
                source: i,
                name: name.clone(),
                code: "catalog.invalid".into(),
                at: e.field.clone(),
                message: format!("{}: not a valid release catalog: {e}", name.as_deref().unwrap_or("the catalog")),
            }),
        }
    }
    let base = Catalog::from_documents(over_built_in, &base_docs).map_err(js_error)?;
    let mut refreshed = refresh(base, &documents);
    // `refresh` numbers the documents it was given; report positions in `docs`.
    for s in &mut refreshed.sources {
        s.index = positions[s.index];
    }
    for e in &mut refreshed.errors {
        e.source = positions.get(e.source).copied().unwrap_or(e.source);
    }
    problems.extend(refreshed.errors);
    catalog_reports.extend(refreshed.sources);
    catalog_reports.sort_by_key(|s| s.index);
    problems.sort_by_key(|p| p.source);
    let mut catalog = refreshed.catalog;
    // Catalog JSON documents are sources too: the report and the page list them.
    for r in catalog_reports.iter().filter(|r| r.kind == "catalog") {
        catalog.add_source(SourceInfo {
            name: r.name.clone(),
            kind: r.kind.clone(),
            title: r.title.clone(),
            date: None,
            months: Vec::new(),
        });
    }
    let anything_read = !catalog_reports.is_empty();
    let result = ReleaseData {
        catalog: anything_read.then(|| catalog.to_json("Release data loaded into Hotpatch Planner")),
        sources: catalog_reports,
        errors: problems,
        conflicts: refreshed.conflicts,
        coverage: catalog.coverage(),
        missing: as_of.map(|d| catalog.missing(d)).unwrap_or_default(),
    };
    to_js(&result)
}
