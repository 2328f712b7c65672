//! The JavaScript boundary: the only module that knows wasm-bindgen and js-sys.
//!
//! Options come in as one JS object, cross as its JSON text (what the native API accepts
//! too), and are validated by the core. Misuse throws a JS `Error` with a string
//! `code` (and the `field` concerned); problems with inventory content never throw.
//! The clock is read here and nowhere else.

mod pack;
#[cfg(feature = "release-sources")]
mod release;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::ErrorCode;
use crate::{Date, Error, EvaluateOptions, Input, Report};

// The option and report types the functions below name, written once in types.d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen(module = "/src/wasm/expand.js")]
extern "C" {
    /// Builds the report object from `pack::pack`'s parts.
    #[wasm_bindgen(js_name = expandReport)]
    fn expand_report(head: &str, ints: &[u32], strings: &str) -> JsValue;
    /// Names the numbers of `query::counts`.
    #[wasm_bindgen(js_name = expandCounts)]
    fn expand_counts(ints: &[u32]) -> JsValue;
    /// Starts the report's JSON in parts (`JSON.stringify(head, null, space)` cut where its
    /// devices go): a writer that hands each part to `on_part`, or keeps them. Never throws
    /// (hence no `catch`): what could throw waits for `json_next`.
    #[wasm_bindgen(js_name = jsonFrame)]
    fn json_frame(head: &JsValue, space: &JsValue, on_part: &JsValue) -> JsValue;
    /// Writes a window of devices, or with none the rest, returning the parts kept (none
    /// when handed over).
    #[wasm_bindgen(js_name = jsonNext, catch)]
    fn json_next(writer: &JsValue, devices: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm/text.js")]
extern "C" {
    /// Encodes `text` from UTF-16 unit `from` into `into`; `counts` gets units read and
    /// bytes written.
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &js_sys::JsString, from: u32, into: &mut [u8], counts: &mut [u32]);
}

/// Runs when the module is instantiated (and again after each restart): a panic becomes a JS
/// `Error` with code `INTERNAL` instead of a bare `RuntimeError: unreachable`, and the module
/// is scheduled for a fresh instance before the next call. Without this, a trap leaves the
/// allocator and the stack pointer mid-call, and after a few such calls every call fails
/// until the page is reloaded (issue 12).
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::handler::schedule_reinit();
        let message = format!(
            "internal error ({info}); the planner restarted, so the next call works; please report it with the input"
        );
        // Thrown from inside the panic: the JS exception leaves the Wasm frames behind, and
        // the instance they belong to is replaced before the next call.
        wasm_bindgen::throw_val(js_error(Error { code: ErrorCode::Internal, field: String::new(), message }));
    }));
}

/// The allocator, with one addition: an allocation WebAssembly cannot satisfy (its memory
/// is at most 4 GiB) throws a JS `Error` with code `MEMORY_LIMIT` and restarts the module,
/// instead of aborting into an `unreachable` trap that poisons it.
struct Guarded;

// SAFETY: every call is passed to the system allocator unchanged; only a null result (an
// allocation that failed) is acted on, and that never returns.
unsafe impl std::alloc::GlobalAlloc for Guarded {
    #[inline(never)]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        not_null(TALC.alloc(layout))
    }
    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        not_null(TALC.alloc_zeroed(layout))
    }
    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        TALC.dealloc(ptr, layout)
    }
    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        not_null(TALC.realloc(ptr, layout, new_size))
    }
}

#[global_allocator]
static ALLOCATOR: Guarded = Guarded;

/// The allocator underneath: talc (smaller and faster than the standard library's dlmalloc;
/// DESIGN.md "Size"), fed by [`Growing`].
static TALC: talc::cell::TalcSyncCell<Growing, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(Growing { end: None });

/// Where talc gets memory: WebAssembly's, grown by at least a quarter of its size at a time.
/// talc's own source grows it by just what the allocation needs, so a large fleet's first
/// evaluation grew it thousands of times, and V8 answers growth with garbage collection
/// (issue 15: the first evaluation was 2–3× the next ones). The memory is one heap: each
/// growth extends it.
#[derive(Debug)]
struct Growing {
    /// The heap's end, once there is one.
    end: Option<std::ptr::NonNull<u8>>,
}

// SAFETY: `acquire` only grows WebAssembly's memory and hands talc the new pages, through
// the `Talc` it is given; it allocates nothing.
unsafe impl talc::source::Source for Growing {
    fn acquire<B: talc::base::binning::Binning>(
        talc: &mut talc::base::Talc<Self, B>,
        layout: std::alloc::Layout,
    ) -> Result<(), ()> {
        use std::arch::wasm32::{memory_grow, memory_size};
        const PAGE: usize = 1 << 16;
        // Enough for the allocation with talc's bookkeeping around it.
        let needed = (layout.size() + layout.align() + 64).div_ceil(PAGE);
        let wanted = needed.max(memory_size(0) / 4).max(16);
        let (previous, pages) = match memory_grow(0, wanted) {
            usize::MAX => match memory_grow(0, needed) {
                usize::MAX => return Err(()),
                previous => (previous, needed),
            },
            previous => (previous, wanted),
        };
        let base = (previous * PAGE) as *mut u8;
        let bytes = pages * PAGE;
        // The last page ends at 4 GiB, one past the last address: stop one short of it.
        let end = base.wrapping_add(bytes.min(usize::MAX - base as usize));
        if let Some(heap_end) = talc.source.end.take() {
            if heap_end.as_ptr() == base {
                // SAFETY: the pages from `base` to `end` were just added to the memory, right
                // after the heap talc has.
                talc.source.end = Some(unsafe { talc.extend(heap_end, end) });
                return Ok(());
            }
        }
        // SAFETY: the pages are new; nothing else uses them.
        talc.source.end = unsafe { talc.claim(base, end as usize - base as usize) };
        Ok(())
    }
}

/// `ptr`, or a `MEMORY_LIMIT` error thrown to JS when the allocation failed.
#[inline(always)]
fn not_null(ptr: *mut u8) -> *mut u8 {
    if ptr.is_null() {
        out_of_memory();
    }
    ptr
}

/// Throws the `MEMORY_LIMIT` error and schedules a fresh instance. Allocates nothing: the
/// memory is exhausted.
#[cold]
#[inline(never)]
fn out_of_memory() -> ! {
    // Building the JS error takes externref slots, whose table may itself need memory: if
    // that fails too, trap instead of recursing (the instance is replaced before the next
    // call either way).
    static ENTERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if ENTERED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        std::process::abort();
    }
    wasm_bindgen::handler::schedule_reinit();
    let js = js_sys::Error::new(
        "the evaluation needs more than WebAssembly's 4 GiB of memory; evaluate the inventory in parts (the planner restarted, so the next call works)",
    );
    let _ = js_sys::Reflect::set(&js, &"code".into(), &ErrorCode::MemoryLimit.as_str().into());
    let _ = js_sys::Reflect::set(&js, &"field".into(), &"".into());
    wasm_bindgen::throw_val(js.into())
}

/// The longest string V8 (Node.js, Chromium) can make, in UTF-16 units: 2^29 − 24.
const MAX_JS_STRING: usize = (1 << 29) - 24;

/// A `STRING_LIMIT` error when `text` would not fit in one JS string; checked before the
/// text crosses, because the engine's own failure would be thrown from inside the glue,
/// through the Wasm frames, leaking the call's memory.
fn fits_js_string(text: &str, what: &str) -> Result<(), JsValue> {
    // UTF-8 never has fewer bytes than UTF-16 has units: counting is needed only past the limit.
    if text.len() <= MAX_JS_STRING || text.encode_utf16().count() <= MAX_JS_STRING {
        return Ok(());
    }
    Err(string_limit(what))
}

/// The `STRING_LIMIT` error for `what`.
fn string_limit(what: &str) -> JsValue {
    js_error(Error {
        code: ErrorCode::StringLimit,
        field: String::new(),
        message: format!(
            "{what} would be longer than a JavaScript string can be ({MAX_JS_STRING} characters); evaluate the inventory in parts"
        ),
    })
}

/// A test hook: `"panic"` panics and `"memory"` allocates until WebAssembly's memory is
/// exhausted, so the package tests can show that each surfaces as an `Error` with its code
/// (`INTERNAL`, `MEMORY_LIMIT`) and that the next call works. Not part of the API (not in the
/// TypeScript types), and not in the browser's core module (its size budget; the start
/// function and the allocator it exercises are the same code there).
#[cfg(feature = "extra-formats")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __failForTests, skip_typescript)]
pub fn fail_for_tests(kind: &str) {
    if kind == "memory" {
        let mut held: Vec<Vec<u8>> = Vec::new();
        loop {
            held.push(Vec::with_capacity(1 << 30));
        }
    }
    panic!("a panic asked for by a test");
}

/// The most input, in bytes, one call reads: the module's memory (4 GiB) must also hold
/// what is read from it and the report. Larger inventories are evaluated in parts.
const MAX_INPUT_BYTES: u32 = 1 << 30;

/// Turns a core [`Error`] into a JS `Error` with `code` and `field` properties.
fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = js_sys::Reflect::set(&js, &"field".into(), &error.field.into());
    js.into()
}

/// Reads a JS options value (`undefined` counts as `{}` where `allow_missing`). Options go
/// through `JSON.stringify` into the same JSON value the native API takes (a serde-wasm-bindgen
/// deserializer here would add 3.7 KB gzip to the Wasm for the same result).
fn options_json(value: JsValue, allow_missing: bool) -> Result<String, JsValue> {
    if allow_missing && value.is_undefined() {
        return Ok("{}".into());
    }
    let invalid = |field: &str, message: String| {
        js_error(Error { code: crate::ErrorCode::InvalidOption, field: field.into(), message })
    };
    // NaN and ±Infinity have no JSON: `JSON.stringify` would write null, and the default
    // would quietly replace what the caller gave (issue 12).
    if value.is_object() {
        if let Some(n) = js_sys::Reflect::get(&value, &"months".into()).ok().and_then(|m| m.as_f64()) {
            if !n.is_finite() {
                let n = if n.is_nan() {
                    "NaN"
                } else if n > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                };
                return Err(invalid("months", format!("found the number {n}, expected a whole number")));
            }
        }
    }
    // `undefined` and functions have no JSON text: they are reported as missing options. A
    // value JSON cannot hold (a BigInt, a cycle, a getter that throws) is an error, not a
    // silent "no options".
    match js_sys::JSON::stringify(&value) {
        Ok(text) => Ok(text.as_string().unwrap_or_else(|| "null".into())),
        Err(_) => {
            Err(invalid("", "the options cannot be read as JSON: a BigInt, a cycle or a getter that throws".into()))
        }
    }
}

/// Small results (the full module's calendar and build lookups) cross as JSON text that JS
/// parses (`null` for `None`): the writer is already in the module for the report's head, so
/// this adds no second serializer (a serde-wasm-bindgen one cost ~3 KB gzip; DESIGN.md, "Size").
#[cfg(feature = "exports")]
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text =
        crate::json::write::to_string(value).map_err(|_| js_error(Error::report("could not build the result")))?;
    js_sys::JSON::parse(&text).map_err(|_| js_error(Error::report("could not build the result")))
}

/// `releaseCalendar({ line, from, months, catalog? })`: the release calendar of an OS line.
#[wasm_bindgen(js_name = releaseCalendar, unchecked_return_type = "CalendarMonth[]")]
pub fn release_calendar(
    #[wasm_bindgen(unchecked_param_type = "CalendarOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    // Not in the browser's core module: the page's calendar section loads the full module
    // when it is shown (the size budget; DESIGN.md).
    #[cfg(feature = "exports")]
    {
        let options = crate::CalendarOptions::from_json(&options_json(options, false)?).map_err(js_error)?;
        let months = crate::release_calendar(&options).map_err(js_error)?;
        to_js(&months)
    }
    #[cfg(not(feature = "exports"))]
    {
        drop(options);
        Err(in_full_module("releaseCalendar"))
    }
}

/// `lookupBuild({ line, build, catalog? })`: what a build is (which month's baseline,
/// hotpatch, standard LCU or OOB), or `null` when the catalog does not know it.
#[wasm_bindgen(js_name = lookupBuild, unchecked_return_type = "BuildInfo | null")]
pub fn lookup_build(
    #[wasm_bindgen(unchecked_param_type = "LookupOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    // Not in the browser's core module (the page does not use it; the size budget).
    #[cfg(feature = "exports")]
    {
        let options = crate::catalog::LookupOptions::from_json(&options_json(options, false)?).map_err(js_error)?;
        let info = crate::catalog::lookup_build(&options).map_err(js_error)?;
        to_js(&info)
    }
    #[cfg(not(feature = "exports"))]
    {
        drop(options);
        Err(in_full_module("lookupBuild"))
    }
}

/// `readDeviceList(input)`: the names and Entra device ids in a list of devices (a group's
/// members export, an Intune or Autopatch device export, plain text), for a ring's `devices`
/// option. Throws `INVALID_INPUT` saying why when it lists none. Full module only.
#[cfg(feature = "extra-formats")]
#[wasm_bindgen(js_name = readDeviceList, unchecked_return_type = "DeviceList")]
pub fn read_device_list(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let owned = read_inputs(&input)?;
    let inputs = borrowed(&owned);
    let invalid = |message: String| js_error(Error { code: ErrorCode::InvalidInput, field: "input".into(), message });
    let [one] = inputs.as_slice() else {
        return Err(invalid("one list of devices at a time".into()));
    };
    let list = crate::inventory::device_list::read_device_list(*one).map_err(invalid)?;
    to_js(&list)
}

/// Today's local date: the one place the planner reads the clock.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .unwrap_or_else(|| crate::YearMonth::of(1970, 1).first_day())
}

/// A JS string as Rust text, encoded by the engine (see `text.js` for why not `as_string`).
fn rust_string(text: &js_sys::JsString) -> String {
    let units = text.length() as usize;
    // One byte per UTF-16 unit holds ASCII text whole; whatever is left after that takes at
    // most three bytes per unit (a surrogate pair is two units and four bytes).
    let mut bytes = vec![0u8; units];
    let mut counts = [0u32; 2];
    encode_into(text, 0, &mut bytes, &mut counts);
    let (read, mut written) = (counts[0] as usize, counts[1] as usize);
    if read < units {
        bytes.resize(written + (units - read) * 3, 0);
        encode_into(text, read as u32, &mut bytes[written..], &mut counts);
        written += counts[1] as usize;
    }
    bytes.truncate(written);
    // TextEncoder writes only UTF-8; the lossy path is never taken, but cannot panic.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// An input document as JS passes it: its text, or its bytes.
enum OwnedInput {
    Text(String),
    Bytes(Vec<u8>),
}

/// Reads `input`: a string, a `Uint8Array`, an `ArrayBuffer`, or an array of those.
fn read_inputs(input: &JsValue) -> Result<Vec<OwnedInput>, JsValue> {
    // Counted before each copy: inputs too large for the module's memory are a MEMORY_LIMIT
    // error, not a trap halfway through copying them.
    let mut total = 0f64;
    let mut one = |value: &JsValue, at: String| -> Result<OwnedInput, JsValue> {
        let text = value.dyn_ref::<js_sys::JsString>();
        let bytes = match value.dyn_ref::<js_sys::ArrayBuffer>() {
            Some(buffer) => Some(js_sys::Uint8Array::new(buffer)),
            None => value.dyn_ref::<js_sys::Uint8Array>().cloned(),
        };
        // Bytes read as a double: a Uint8Array over 4 GiB would wrap as a u32. Text counts its
        // UTF-16 units, a lower bound of its UTF-8 size (a larger one ends in the allocator's
        // MEMORY_LIMIT instead, with the same restart).
        let size = match (text, &bytes) {
            (Some(t), _) => f64::from(t.length()),
            (_, Some(b)) => js_sys::Reflect::get(b, &"byteLength".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0),
            _ => 0.0,
        };
        total += size;
        if total > f64::from(MAX_INPUT_BYTES) {
            return Err(js_error(Error {
                code: ErrorCode::MemoryLimit,
                field: at,
                message: format!(
                    "the inventory is over {} MB, more than the 1 GiB one evaluation reads; evaluate it in parts",
                    // Whole megabytes: formatting a float would add 10 KB of Wasm.
                    (total / 1e6) as u64
                ),
            }));
        }
        match (text, bytes) {
            (Some(text), _) => Ok(OwnedInput::Text(rust_string(text))),
            (_, Some(bytes)) => Ok(OwnedInput::Bytes(bytes.to_vec())),
            _ => {
                let found = if value.is_undefined() {
                    "undefined".to_string()
                } else {
                    value.js_typeof().as_string().unwrap_or_default()
                };
                Err(js_error(Error {
                    code: ErrorCode::InvalidInput,
                    field: at,
                    message: format!("found {found}, expected the text of an inventory (a string), its bytes (a Uint8Array), or an array of those"),
                }))
            }
        }
    };
    if js_sys::Array::is_array(input) {
        let array: &js_sys::Array = input.unchecked_ref();
        array.iter().enumerate().map(|(i, v)| one(&v, format!("input[{i}]"))).collect()
    } else {
        Ok(vec![one(input, "input".into())?])
    }
}

/// The inputs as the core reads them, borrowed from what was copied out of JS.
fn borrowed(owned: &[OwnedInput]) -> Vec<Input<'_>> {
    owned
        .iter()
        .map(|o| match o {
            OwnedInput::Text(t) => Input::Text(t),
            OwnedInput::Bytes(b) => Input::Bytes(b),
        })
        .collect()
}

fn run_evaluate(input: &JsValue, options_value: JsValue) -> Result<Report, JsValue> {
    let options = EvaluateOptions::from_json(&options_json(options_value.clone(), true)?, today()).map_err(js_error)?;
    let owned = read_inputs(input)?;
    let callback = on_progress(&options_value);
    // The documents' copy in Wasm memory (as large as the documents) is freed once read, and
    // the devices and their reports reuse it (1,000,000 Graph devices: 987 → 790 MB,
    // DESIGN.md "The inputs' text freed before merging").
    let progress = &mut |p| tell(callback.as_ref(), p);
    let inventory = crate::read_inventory(&borrowed(&owned), &options, progress);
    drop(owned);
    crate::evaluate_inventory(inventory, &options, progress).map_err(js_error)
}

/// Hands `options.onProgress` (when given) one progress event.
fn tell(callback: Option<&js_sys::Function>, p: crate::Progress) {
    let Some(callback) = callback else { return };
    let event = js_sys::Object::new();
    // Setting properties on a fresh object cannot fail; a callback that throws does not stop
    // the evaluation.
    let _ = js_sys::Reflect::set(&event, &"stage".into(), &p.stage.id().into());
    let _ = js_sys::Reflect::set(&event, &"done".into(), &(p.done as f64).into());
    let _ = js_sys::Reflect::set(&event, &"total".into(), &(p.total as f64).into());
    let _ = callback.call1(&JsValue::NULL, &event);
}

/// `options.onProgress`, when it is a function: it is not an option of the core (functions
/// have no JSON) but a way to watch a long evaluation, e.g. from a Web Worker.
fn on_progress(options: &JsValue) -> Option<js_sys::Function> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &"onProgress".into()).ok()?.dyn_into().ok()
}

/// `needsFullModule(input, options?)`: whether this module would leave any of the documents
/// to the full module (an `EXTENDED_READER` error), found by format detection alone. The
/// page's worker asks before evaluating, so a large fleet is never evaluated twice. Always
/// `false` in the full module and the Node package.
#[wasm_bindgen(js_name = needsFullModule)]
pub fn needs_full_module(
    #[wasm_bindgen(unchecked_param_type = "InventoryInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | undefined")] options: JsValue,
) -> Result<bool, JsValue> {
    let options = EvaluateOptions::from_json(&options_json(options, true)?, today()).map_err(js_error)?;
    let owned = read_inputs(&input)?;
    let inputs = borrowed(&owned);
    // Release data in the options is read by the full module only (`catalog::refresh`).
    let catalog = cfg!(not(feature = "release-sources")) && !options.catalog.documents.is_empty();
    Ok(catalog || crate::inventory::needs_extended_reader(&inputs, &options.format))
}

/// `evaluate(input, options?)`: the report for an inventory (CONTRACT.md). Throws only for
/// invalid options or an input that is not text or bytes; problems in the inventory are in
/// `report.errors`.
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Report")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "InventoryInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let report = run_evaluate(&input, options.unwrap_or(JsValue::UNDEFINED))?;
    let packed = pack::pack(&report, None, true);
    drop(report);
    expand(packed)
}

/// The report object (or the part of it) that `packed` holds.
fn expand(packed: pack::Packed) -> Result<JsValue, JsValue> {
    fits_js_string(&packed.strings, "the report's names and texts")?;
    fits_js_string(&packed.head, "the report's summary")?;
    Ok(expand_report(&packed.head, &packed.ints, &packed.strings))
}

/// `new Planner(input, options?)`: one evaluation kept in Wasm memory, for a page or a portal
/// that shows a large fleet a page of rows at a time. It takes what `evaluate` takes and
/// throws what `evaluate` throws; a view (`view(filter, sort)`) picks and orders the devices,
/// and only what is asked for crosses into JS: the report without its devices
/// (`report(false)`), the view's devices a window at a time (`indices`, `devices`), the counts
/// per filter value, or the whole report (`report(true)`). Call `free()` when done (or `using`
/// it): the evaluation holds its memory until then.
#[wasm_bindgen]
pub struct Planner {
    report: Report,
    index: crate::query::Index,
    /// The view: positions in `report.devices`, in order.
    view: Vec<u32>,
}

#[wasm_bindgen]
impl Planner {
    /// Evaluates `input` with `options` (as `evaluate`); the view is every device in report
    /// order until `view` is called.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "InventoryInput")] input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<Planner, JsValue> {
        let report = run_evaluate(&input, options.unwrap_or(JsValue::UNDEFINED))?;
        let index = crate::query::Index::new(&report);
        let view = (0..report.devices.len() as u32).collect();
        Ok(Planner { report, index, view })
    }

    /// Sets the view: the devices that pass `filter`, in `sort` order. Returns how many.
    /// Throws `INVALID_OPTION` (naming the field) for a filter or sort it cannot read.
    pub fn view(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ViewFilter | undefined")] filter: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ViewSort | undefined")] sort: JsValue,
    ) -> Result<u32, JsValue> {
        let filter = crate::query::Filter::from_json(&options_json(filter, true)?).map_err(js_error)?;
        let sort = crate::query::Sort::from_json(&options_json(sort, true)?).map_err(js_error)?;
        self.view = self.index.select(&self.report, &filter, sort);
        Ok(self.view.len() as u32)
    }

    /// The positions in the report of the view's devices from `start` up to `end` (clamped
    /// to the view): what `devices` takes.
    pub fn indices(&self, start: u32, end: u32) -> Vec<u32> {
        let end = (end as usize).min(self.view.len());
        self.view[(start as usize).min(end)..end].to_vec()
    }

    /// The report's devices at `indices` (positions in `report.devices`, whatever the view),
    /// as report devices. Throws `INVALID_OPTION` for a position past the last device.
    #[wasm_bindgen(unchecked_return_type = "DeviceReport[]")]
    pub fn devices(&self, indices: &[u32]) -> Result<JsValue, JsValue> {
        let n = self.report.devices.len();
        if indices.iter().any(|&i| i as usize >= n) {
            let message = "an index is past the report's last device".into();
            return Err(js_error(Error { code: ErrorCode::InvalidOption, field: "indices".into(), message }));
        }
        let part = expand(pack::pack(&self.report, Some(indices), false))?;
        js_sys::Reflect::get(&part, &"devices".into())
    }

    /// How many devices of the view have each filter value (`ViewCounts`).
    #[wasm_bindgen(unchecked_return_type = "ViewCounts")]
    pub fn counts(&self) -> JsValue {
        expand_counts(&crate::query::counts(&self.report, &self.view))
    }

    /// The report as `evaluate` returns it, with every device (whatever the view), or with
    /// none (`devices` empty, `summary.devices` still counting them): what a page shows
    /// before its rows.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self, devices: bool) -> Result<JsValue, JsValue> {
        expand(pack::pack(&self.report, if devices { None } else { Some(&[]) }, true))
    }

    /// The whole report as JSON text in parts that join to exactly
    /// `JSON.stringify(report(true), null, space)`: what a million devices' report (2 GB or
    /// more, past a JS string's limit) is saved as, one part per 10,000 devices. `space`
    /// indents as `JSON.stringify`'s (a number of spaces up to 10, or a string; none by
    /// default). Without `onPart` it returns the parts (`new Blob(parts)`); with it, each
    /// part goes to `onPart` as soon as it is written (a file written part by part, never
    /// holding them all) and it returns an empty list. What `onPart` throws stops the writing
    /// and is thrown.
    #[wasm_bindgen(js_name = jsonParts, unchecked_return_type = "string[]")]
    pub fn json_parts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | string | undefined")] space: JsValue,
        #[wasm_bindgen(js_name = onPart, unchecked_param_type = "(part: string) => void")] on_part: JsValue,
    ) -> Result<JsValue, JsValue> {
        let writer = json_frame(&self.report(false)?, &space, &on_part);
        // Windows of devices made into objects and written by the engine's JSON.stringify,
        // as `report(true)` would be, without ever holding them all.
        for window in (0..self.report.devices.len() as u32).collect::<Vec<_>>().chunks(PART_DEVICES) {
            json_next(&writer, &self.devices(window)?)?;
        }
        json_next(&writer, &JsValue::UNDEFINED)
    }

    /// The view's devices as CSV, in the view's order (as `toCsv` writes a report). Only in
    /// the full module and the Node package, like `toCsv`'s writer (the core module's size
    /// budget; DESIGN.md). Past ~1 million devices the text passes a JS string's limit
    /// (`STRING_LIMIT`); `csvParts` does not.
    #[cfg(feature = "exports")]
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> Result<String, JsValue> {
        let mut text = String::new();
        let mut length = Length::default();
        self.write_csv(|part| {
            text.push_str(&part);
            length.check(&text, "the CSV")
        })?;
        Ok(text)
    }

    /// `toCsv`'s text in parts of a few MB that join to it: a CSV of any size. Without
    /// `onPart` it returns the parts; with it, each goes to `onPart` as soon as it is written
    /// and it returns an empty list (as `jsonParts`).
    #[cfg(feature = "exports")]
    #[wasm_bindgen(js_name = csvParts, unchecked_return_type = "string[]")]
    pub fn csv_parts(
        &self,
        #[wasm_bindgen(js_name = onPart)] on_part: Option<js_sys::Function>,
    ) -> Result<js_sys::Array, JsValue> {
        let parts = js_sys::Array::new();
        self.write_csv(|part| {
            let part = JsValue::from_str(&part);
            match &on_part {
                Some(f) => f.call1(&JsValue::NULL, &part).map(drop),
                None => {
                    parts.push(&part);
                    Ok(())
                }
            }
        })?;
        Ok(parts)
    }
}

#[cfg(feature = "exports")]
impl Planner {
    /// Writes the view's CSV, handing each part of about `export::CSV_PART` bytes to `part`.
    fn write_csv(&self, part: impl FnMut(String) -> Result<(), JsValue>) -> Result<(), JsValue> {
        let devices = self.view.iter().map(|&i| &self.report.devices[i as usize]);
        crate::export::csv_parts_of(&self.report.plans, devices, part)
    }
}

/// How many devices `jsonParts` turns into objects at a time: a part of a few tens of MB.
const PART_DEVICES: usize = 10_000;

/// `evaluateToJson(input, options?)`: the same report as JSON text (for saving, or for
/// sending to another thread without cloning objects). Past ~250,000 devices the text is
/// longer than a JS string can be (`STRING_LIMIT`): `new Planner(…).jsonParts()` writes a
/// report of any size in parts.
#[wasm_bindgen(js_name = evaluateToJson, unchecked_return_type = "string")]
pub fn evaluate_to_json(
    #[wasm_bindgen(unchecked_param_type = "InventoryInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    // The same object `evaluate` builds, stringified by JS: one way to write the report, and
    // no second (serde) serializer for every device in the Wasm. The text stays a JS string
    // (tens of MB for a large fleet): it never needs to cross into Wasm memory.
    let report = evaluate(input, options)?;
    // The engine refuses (a RangeError) only a text past its string limit.
    // (A report object always stringifies to a string.)
    Ok(js_sys::JSON::stringify(&report).map_err(|_| string_limit("the report as JSON"))?.into())
}

/// `toCsv(report)`: one row per device (RFC 4180), written by `export::CsvWriter`. In the
/// browser's core module it throws `EXTENDED_READER`: the writers live in the full module.
#[wasm_bindgen(js_name = toCsv)]
pub fn to_csv(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CsvOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    #[cfg(feature = "exports")]
    {
        let options = options_json(options.unwrap_or(JsValue::UNDEFINED), true)?;
        let header = crate::export::CsvOptions::from_json(&options).map_err(js_error)?.header;
        let report = ReportIn::read(&report)?;
        let mut csv = match header {
            true => crate::export::CsvWriter::new(),
            false => crate::export::CsvWriter::rows(),
        };
        let mut length = Length::default();
        report.each(
            |_, _| true,
            |d, plan| {
                csv.device(d, Some(plan));
                length.check(csv.text(), "the CSV")
            },
        )?;
        let text = csv.finish();
        fits_js_string(&text, "the CSV")?;
        Ok(text)
    }
    #[cfg(not(feature = "exports"))]
    {
        drop((report, options));
        Err(in_full_module("toCsv"))
    }
}

/// `toIcs(report, options?)`: the schedule as an iCalendar (RFC 5545), written by
/// `export::IcsWriter`. In the browser's core module it throws `EXTENDED_READER`.
#[wasm_bindgen(js_name = toIcs)]
pub fn to_ics(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "IcsOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    #[cfg(feature = "exports")]
    {
        let options = options_json(options.unwrap_or(JsValue::UNDEFINED), true)?;
        let options = crate::export::IcsOptions::from_json(&options).map_err(js_error)?;
        let report = ReportIn::read(&report)?;
        let ics = std::cell::RefCell::new(crate::export::IcsWriter::new(report.as_of, &options));
        let mut length = Length::default();
        // Only the devices with events of their own are read whole: the fleet's events need
        // only each device's plan, and one device's calendar only that device.
        report.each(
            |plan, key| ics.borrow_mut().count(plan, key),
            |d, plan| {
                let mut ics = ics.borrow_mut();
                ics.events(d, Some(plan));
                length.check(ics.text(), "the iCalendar")
            },
        )?;
        let text = ics.into_inner().finish(&report.plans);
        fits_js_string(&text, "the iCalendar")?;
        Ok(text)
    }
    #[cfg(not(feature = "exports"))]
    {
        drop((report, options));
        Err(in_full_module("toIcs"))
    }
}

/// The core module's answer to an export: the writers are in the full module.
#[cfg(not(feature = "exports"))]
fn in_full_module(function: &str) -> JsValue {
    js_error(Error {
        code: ErrorCode::ExtendedReader,
        field: String::new(),
        message: format!("{function} is in the full module: import it from hotpatch-planner/release"),
    })
}

/// An export's length as it grows, in UTF-16 units (what a JS string's limit counts), so
/// that writing stops at the limit instead of writing the rest of a fleet for nothing, and
/// before the text passes what a Wasm `String` can hold (1 GiB: it grows by doubling).
#[cfg(feature = "exports")]
#[derive(Default)]
struct Length {
    /// Bytes of the text counted so far.
    counted: usize,
    /// Their UTF-16 units.
    units: usize,
}

#[cfg(feature = "exports")]
impl Length {
    fn check(&mut self, text: &str, what: &str) -> Result<(), JsValue> {
        self.units += text[self.counted..].encode_utf16().count();
        self.counted = text.len();
        match self.units > MAX_JS_STRING || self.counted > (1 << 30) - (64 << 20) {
            true => Err(string_limit(what)),
            false => Ok(()),
        }
    }
}

/// A report given to an export: `evaluate`'s object or its JSON text. Its devices are read
/// one at a time from the object (the whole report as one JSON text passes a JS string's
/// limit near 300,000 devices). Anything that is not a report is `INVALID_REPORT`, naming
/// where.
#[cfg(feature = "exports")]
struct ReportIn {
    as_of: Date,
    plans: crate::report::Plans,
    devices: DevicesIn,
}

/// The devices of a [`ReportIn`]: read with the text, or still in the JS object.
#[cfg(feature = "exports")]
enum DevicesIn {
    Read(Vec<crate::report::DeviceReport>),
    Js(js_sys::Array),
}

#[cfg(feature = "exports")]
fn invalid_report(field: &str, message: String) -> JsValue {
    js_error(Error { code: ErrorCode::InvalidReport, field: field.into(), message })
}

#[cfg(feature = "exports")]
impl ReportIn {
    /// Reads the report's date and plans, and checks that its devices are a list.
    fn read(value: &JsValue) -> Result<ReportIn, JsValue> {
        if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
            // Only what the writers use: the rest of the report (the fleet's answers, the
            // catalog, the errors) is skipped, and so are their readers in the module.
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Parts {
                as_of: Date,
                plans: crate::report::Plans,
                devices: Vec<crate::report::DeviceReport>,
            }
            let report: Parts = serde_json::from_str(&rust_string(text))
                .map_err(|e| invalid_report("", format!("the text is not a report's JSON ({e})")))?;
            return Ok(ReportIn { as_of: report.as_of, plans: report.plans, devices: DevicesIn::Read(report.devices) });
        }
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err(invalid_report("", format!("found {}, expected a report from evaluate()", describe_js(value))));
        }
        let get = |key: &str| js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let as_of = get("asOf");
        let as_of = as_of.as_string().and_then(|t| Date::parse(&t)).ok_or_else(|| {
            invalid_report("asOf", format!("found {}, expected a date written YYYY-MM-DD", describe_js(&as_of)))
        })?;
        let plans = get("plans");
        if !plans.is_object() || js_sys::Array::is_array(&plans) {
            return Err(invalid_report("plans", format!("found {}, expected an object of plans", describe_js(&plans))));
        }
        let plans = from_js_json(&plans).map_err(|e| invalid_report("plans", e))?;
        let devices = get("devices");
        match devices.dyn_into::<js_sys::Array>() {
            Ok(devices) => Ok(ReportIn { as_of, plans, devices: DevicesIn::Js(devices) }),
            Err(other) => {
                Err(invalid_report("devices", format!("found {}, expected a list of devices", describe_js(&other))))
            }
        }
    }

    /// Goes through the devices in order: `wants(plan, key)` sees each device's plan id and
    /// key and says whether `each` needs the whole device, which is then read (from the JS
    /// object only then) and handed over with its plan.
    fn each(
        &self,
        mut wants: impl FnMut(&str, &str) -> bool,
        mut each: impl FnMut(&crate::report::DeviceReport, &crate::schedule::Plan) -> Result<(), JsValue>,
    ) -> Result<(), JsValue> {
        let plans = crate::export::plans_by_id(&self.plans);
        let plan_of = |i: usize, id: &str| {
            plans
                .get(id)
                .copied()
                .ok_or_else(|| invalid_report(&format!("devices[{i}].plan"), "not one of the report's plans".into()))
        };
        match &self.devices {
            DevicesIn::Read(devices) => devices.iter().enumerate().try_for_each(|(i, d)| {
                let plan = plan_of(i, &d.plan)?;
                match wants(&d.plan, &d.key) {
                    true => each(d, plan),
                    false => Ok(()),
                }
            }),
            DevicesIn::Js(devices) => (0..devices.length()).try_for_each(|i| {
                let at = || format!("devices[{i}]");
                let device = devices.get(i);
                let text = |key: &str| js_sys::Reflect::get(&device, &key.into()).ok().and_then(|v| v.as_string());
                let (Some(plan_id), Some(key)) = (text("plan"), text("key")) else {
                    return Err(invalid_report(
                        &at(),
                        format!("found {}, expected a device from evaluate()", describe_js(&device)),
                    ));
                };
                let plan = plan_of(i as usize, &plan_id)?;
                if !wants(&plan_id, &key) {
                    return Ok(());
                }
                let d = from_js_json(&device).map_err(|e| invalid_report(&at(), e))?;
                each(&d, plan)
            }),
        }
    }
}

/// A JS object read into a Rust type through its JSON text (the types' serde form is the
/// report's JSON, so `JSON.stringify` gives exactly what they read).
#[cfg(feature = "exports")]
fn from_js_json<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let text = js_sys::JSON::stringify(value).map_err(|_| "cannot be written as JSON".to_string())?;
    serde_json::from_str(&rust_string(&text)).map_err(|e| e.to_string())
}

/// A short description of a JS value for messages: `nothing`, `null`, `a list`, `the number 5`.
#[cfg(feature = "exports")]
fn describe_js(value: &JsValue) -> String {
    if value.is_undefined() {
        "nothing".into()
    } else if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "a list".into()
    } else if let Some(text) = value.as_string() {
        let short: String = text.chars().take(40).collect();
        let more = if short.len() < text.len() { "…" } else { "" };
        format!("the text \"{short}{more}\"")
    } else if let Some(n) = value.as_f64() {
        format!("the number {n}")
    } else if let Some(b) = value.as_bool() {
        b.to_string()
    } else {
        "an object".into()
    }
}
