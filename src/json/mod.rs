//! The JSON reader every input goes through (inventories, options, release catalogs):
//! [`scan`] splits a document into records without building it, [`value`] reads the wanted
//! fields of an object. Writing JSON is left to serde_json.

pub(crate) mod scan;
pub(crate) mod value;
