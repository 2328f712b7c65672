//! Building a catalog from release data: catalog JSON documents, and Microsoft's own release
//! documents (DOMAIN.md section 9) read by [`crate::release`] and merged over a base catalog,
//! with every month's sources kept and every disagreement reported.
//!
//! The readers (catalog JSON included) live in `release` and `load`, which the browser's core
//! Wasm module leaves out to stay within its size budget (the page loads a second module for
//! them); there, any document given as `catalog` gets an `EXTENDED_READER` error.

use super::Catalog;
use crate::Error;

/// A catalog from `texts` (catalog JSON, or release documents where the readers are built
/// in), over the built-in data when `over_built_in`.
pub(super) fn load(over_built_in: bool, texts: &[&str]) -> Result<Catalog, Error> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
    {
        let (sources, catalogs): (Vec<&str>, Vec<&str>) =
            texts.iter().copied().partition(|t| crate::release::detect(t).is_some());
        let base = Catalog::from_documents(over_built_in, &catalogs)?;
        if sources.is_empty() {
            return Ok(base);
        }
        let docs: Vec<merge::Document<'_>> = sources.iter().map(|text| merge::Document { name: None, text }).collect();
        let refreshed = merge::refresh(base, &docs);
        // A document that cannot be read at all is misuse of the option; a skipped part is
        // reported with the catalog (`report.catalog.warnings`).
        match refreshed.errors.into_iter().find(|e| e.is_fatal()) {
            Some(e) => Err(Error::catalog(e.at.clone(), e.message)),
            None => Ok(refreshed.catalog),
        }
    }
    #[cfg(not(any(not(target_arch = "wasm32"), feature = "release-sources")))]
    {
        let _ = (over_built_in, texts);
        Err(Error {
            code: crate::ErrorCode::ExtendedReader,
            field: "catalog".into(),
            message: "this module carries the built-in release data only; release data given as `catalog` (catalog JSON or Microsoft's release documents) is read by the full module, `hotpatch-planner/release` (`needsFullModule` says when; the page and the component switch themselves)".into(),
        })
    }
}

/// Merging release documents into a catalog.
#[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
pub mod merge;
