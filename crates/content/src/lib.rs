//! The yaku document model.
//!
//! An article is a Markdown file cut into [`Section`]s that carry stable ids and
//! [`Fingerprint`]s. [`parse_document`] reads one file into a [`Document`] plus the
//! [`Diagnostic`]s found in it; the spans of the document's parts tile the file exactly,
//! so a caller can replace one section and keep every other byte.
//!
//! This crate does no file I/O: it parses the text it is given. It depends on no other
//! yaku crate.

mod block;
mod citation;
mod diagnostic;
mod document;
mod fingerprint;
mod front_matter;
mod ids;
mod line_index;
mod marker;
mod mdx;
mod obsolete;
mod parse;
mod slug;

pub use block::{Block, BlockCounts, BlockKind, CalloutKind};
pub use citation::{extract_citations, extract_references, find_dois, Citation, Reference};
pub use diagnostic::{Diagnostic, Problem, Severity};
pub use document::{Document, ObsoleteArea, Section, SectionId, SectionKind};
pub use fingerprint::{normalize, Fingerprint, ParseFingerprintError};
pub use front_matter::{
    Field, FrontMatter, FrontMatterFormat, FrontMatterValue, DEFAULT_TRANSLATABLE_KEYS,
};
pub use ids::{add_missing_ids, derive_id, heading_with_id, write_ids};
pub use line_index::LineIndex;
pub use marker::Marker;
pub use mdx::Dialect;
pub use obsolete::{
    escape_parked, escape_parked_mdx, render_obsolete_area, unescape_parked, unescape_parked_mdx,
    OBSOLETE_CLOSE, OBSOLETE_CLOSE_MDX, OBSOLETE_MARKER, OBSOLETE_MARKER_MDX, OBSOLETE_OPEN,
    OBSOLETE_OPEN_MDX,
};
pub use parse::{
    markdown_options, parse_document, parse_text, parse_text_with, ParseOptions, Parsed,
    SectionEvents, MAX_NESTING,
};
pub use slug::{github_slug, hugo_slug, IdStyle, Slugger};

/// Id of the section made of the text before the first heading.
pub const LEAD_ID: &str = "lead";
/// Id of the translatable part of the front matter (title and description).
pub const FRONT_MATTER_ID: &str = "front-matter";
