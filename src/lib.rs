//! Hotpatch Planner: which Windows devices will install monthly security updates without a
//! restart (hotpatch), which will get the restart-requiring cumulative update (LCU), why, and
//! when each month's update is offered, must install and forces a restart.
//!
//! The modules follow the data: inventory formats → normalised devices → rules → catalog
//! and calendar → schedule → report. `wasm` is the only module that knows
//! JavaScript; everything else is plain Rust and takes the evaluation date as input, so the
//! same input always gives the same output.

pub mod calendar;
pub mod catalog;
pub mod date;
pub mod device;
mod error;
pub mod export;
mod fields;
pub mod fleet;
/// The internal readers, for the fuzz targets only.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod hash;
pub mod inventory;
mod json;
pub mod options;
mod order;
pub mod platform;
pub mod query;
/// Microsoft's release-data documents read into facts (DOMAIN.md section 9).
#[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
pub mod release;
pub mod report;
pub mod rules;
pub mod schedule;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use calendar::{release_calendar, CalendarMonth, CalendarOptions};
pub use catalog::{lookup_build, BuildInfo, BuildKind, Catalog, KnownBuild, LookupOptions, MonthType};
pub use date::{Date, YearMonth};
pub use device::{Arch, Edition, Facts, Ring, Vbs};
pub use error::{Error, ErrorCode};
pub use inventory::{Decoding, Format, Formats, Input, InputError, InputInfo};
pub use options::{EvaluateOptions, Tenant, TenantValue};
pub use platform::{OsFamily, OsLine};
pub use report::{
    evaluate, evaluate_inventory, evaluate_with_progress, read_inventory, DeviceReport, Progress, Report, Stage,
    Summary,
};
pub use rules::track::Track;
pub use rules::{CheckId, CheckStatus, Checks, Finding, Verdict};
pub use schedule::{Plan, PlanMonth, UpdateKind};
