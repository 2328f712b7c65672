//! The JavaScript boundary: the only module that knows wasm-bindgen and js-sys.
//!
//! Options come in as one JS object, are read into the same `serde_json::Value` the native
//! API accepts, and are validated by the core. Misuse throws a JS `Error` with a string
//! `code` (and the `field` concerned); problems with inventory content never throw.
//! The clock is read here and nowhere else.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{CalendarOptions, Error};

/// Turns a core [`Error`] into a JS `Error` with `code` and `field` properties.
fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = js_sys::Reflect::set(&js, &"field".into(), &error.field.into());
    js.into()
}

/// Reads a JS options value (`undefined` counts as `{}` where `allow_missing`).
fn options_json(value: JsValue, allow_missing: bool) -> Result<serde_json::Value, JsValue> {
    if allow_missing && value.is_undefined() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error(Error::option("", format!("options could not be read ({e}); expected a plain object"))))
}

/// Small results cross as JS values: objects for maps, `null` for `None`.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| js_error(Error::report(format!("could not build the result: {e}"))))
}

/// `releaseCalendar({ line, from, months, catalog? })`: the release calendar of an OS line.
#[wasm_bindgen(js_name = releaseCalendar, unchecked_return_type = "CalendarMonth[]")]
pub fn release_calendar(
    #[wasm_bindgen(unchecked_param_type = "CalendarOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = CalendarOptions::from_json(&options_json(options, false)?).map_err(js_error)?;
    let months = crate::release_calendar(&options).map_err(js_error)?;
    to_js(&months)
}

/// `lookupBuild({ line, build, catalog? })`: what a build is (which month's baseline,
/// hotpatch, standard LCU or OOB), or `null` when the catalog does not know it.
#[wasm_bindgen(js_name = lookupBuild, unchecked_return_type = "BuildInfo | null")]
pub fn lookup_build(
    #[wasm_bindgen(unchecked_param_type = "LookupOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = crate::catalog::LookupOptions::from_json(&options_json(options, false)?).map_err(js_error)?;
    let info = crate::catalog::lookup_build(&options).map_err(js_error)?;
    to_js(&info)
}
