//! What each locale publishes.
//!
//! The build decides, per document and locale, which text is published: the translation
//! when it is current, or per the locale's policy when it is stale or missing (published
//! marked `stale`, replaced by the source marked `fallback`, omitted, or a failed build),
//! as [`yaku_sync::publication`] says. [`build_document`] produces a [`DocumentOutput`],
//! the structured JSON other renderers consume. A [`Renderer`] (chosen once by name with
//! [`renderer`]) turns each output into one file of its format: [`JsonRenderer`],
//! [`HtmlRenderer`] (the reference renderer of that JSON, the translators' preview) and
//! [`HugoRenderer`] (a Hugo content tree). [`Labels::resolve`] gives the interface
//! strings a renderer puts around an article.

mod assemble;
mod components;
mod error;
mod html;
mod hugo;
mod labels;
mod markdown;
mod model;
mod render;

pub use assemble::{build_document, preview_section, BuildInput, LocaleContext};
pub use components::ResolvedComponents;
pub use error::BuildError;
pub use html::{render_html, render_index_html, render_sections_html, STYLESHEET};
pub use hugo::{hugo_languages_config, render_hugo};
pub use labels::Labels;
pub use markdown::{FoldedSections, SectionBlocks};
#[cfg(feature = "schema")]
pub use model::{document_schema, manifest_schema};
pub use model::{
    Alternate, Block, CalloutKind, DocumentOutput, Inline, ListItem, Manifest, ManifestDocument,
    ManifestEntry, PublicationState, PublishedCounts, ReferenceOutput, SectionOutput,
    TableAlignment, TocEntry,
};
pub use render::{
    renderer, renderer_styled, HtmlIndex, HtmlRenderer, HugoRenderer, JsonRenderer, JsonStyle,
    Listing, ManifestWriter, OutputFile, Renderer, FORMATS,
};
