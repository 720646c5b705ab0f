//! What each locale publishes.
//!
//! The build is the one place that decides, per document and locale, which text is
//! published: the translation when it is current, or per the locale's policy when it is
//! stale or missing (published marked `stale`, replaced by the source marked `fallback`,
//! omitted, or a failed build). [`build_document`] produces a [`DocumentOutput`], the
//! structured JSON other renderers consume; [`render_html`] is the reference renderer of
//! that JSON (the translators' preview); [`render_hugo`] writes a Hugo content file.

mod assemble;
mod error;
mod html;
mod hugo;
mod markdown;
mod model;

pub use assemble::{build_document, LocaleContext};
pub use error::BuildError;
pub use html::{render_html, render_index_html, Labels, STYLESHEET};
pub use hugo::{hugo_languages_config, render_hugo};
#[cfg(feature = "schema")]
pub use model::{document_schema, manifest_schema};
pub use model::{
    Alternate, Block, CalloutKind, CitationOutput, DocumentOutput, Inline, ListItem, Manifest,
    ManifestDocument, ManifestEntry, PublicationState, PublishedCounts, ReferenceOutput,
    SectionOutput, TableAlignment, TocEntry,
};
