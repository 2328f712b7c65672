//! `readReleaseData`: Microsoft's release documents (DOMAIN.md section 9) read and merged into
//! a catalog, in the builds that carry the readers (the Node package, and the page's second
//! module `pkg/web/release`, loaded only when release data is loaded).

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{js_error, options_json, rust_string, to_js};
use crate::catalog::{refresh, Catalog, Conflict, Document, LineCoverage, MissingMonth, SourceProblem, SourceReport};
use crate::error::ErrorCode;
use crate::fields::Fields;
use crate::inventory::Input;
use crate::Error;

/// What `readReleaseData` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReleaseData {
    /// The merged catalog as catalog JSON: pass it as `catalog`, keep it, download it.
    catalog: String,
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
        Some(crate::inventory::text::decode(Input::Bytes(&bytes)).into_owned())
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
    let as_of = f.date("asOf").map_err(js_error)?;
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
    // Catalog JSON among the documents joins the base; the rest are Microsoft's documents.
    let (catalogs, sources): (Vec<_>, Vec<_>) =
        owned.iter().partition(|(_, text)| crate::release::detect(text).is_none() && text.contains("\"lines\""));
    let mut base_docs: Vec<&str> = base_text.into_iter().collect();
    base_docs.extend(catalogs.iter().map(|(_, t)| t.as_str()));
    let base = Catalog::from_documents(over_built_in, &base_docs).map_err(js_error)?;
    let documents: Vec<Document<'_>> =
        sources.iter().map(|(name, text)| Document { name: name.as_deref(), text }).collect();
    let refreshed = refresh(base, &documents);
    let catalog = refreshed.catalog;
    let result = ReleaseData {
        catalog: catalog.to_json("Release data loaded into Hotpatch Planner"),
        sources: refreshed.sources,
        errors: refreshed.errors,
        conflicts: refreshed.conflicts,
        coverage: catalog.coverage(),
        missing: as_of.map(|d| catalog.missing(d)).unwrap_or_default(),
    };
    to_js(&result)
}
