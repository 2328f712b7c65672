//! The JSON reader every input goes through (inventories, options, release catalogs):
//! [`scan`] splits a document into records without building it, [`value`] reads the wanted
//! fields of an object. [`write`] writes what the Wasm hands to JavaScript; native code and
//! files are written by serde_json.

pub(crate) mod scan;
pub(crate) mod value;
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) mod write;
