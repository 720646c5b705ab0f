//! Fluent UI strings for yaku.
//!
//! This crate owns everything Fluent: loading a locale's `*.ftl` files into a
//! [`Localizer`] that formats messages and attributes through a fallback chain
//! of locales, and [`check_locales`], which compares the FTL files of target
//! locales with the reference locale. It knows nothing about articles; the
//! CLI connects the two.

mod bundle;
mod check;
mod error;
mod files;
mod plural;
mod position;
mod summary;

pub use bundle::{ArgValue, FormatOptions, Formatted, Localizer, Location};
pub use check::{check_locales, Finding, FindingKind, Severity};
pub use error::{CheckError, FormatError, LoadError};
pub use plural::{cardinal_categories, PLURAL_CATEGORIES};
