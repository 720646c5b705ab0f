//! The build's output: one [`DocumentOutput`] per document and locale, and the
//! [`Manifest`] of them all. These types are the JSON contract with other renderers; the
//! schemas in `schema/` are generated from them (with the `schema` feature).

use std::collections::BTreeMap;

use serde::Serialize;
use yaku_content::FrontMatterValue;

/// Why a section's text is what the locale publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum PublicationState {
    /// The translation, current with the source (or the source itself).
    Current,
    /// The translation, although the source changed since it was made.
    Stale,
    /// The source text, because the translation is missing, untranslated or stale.
    Fallback,
}

/// One article in one locale, as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentOutput {
    /// The document name (`content/<locale>/<doc>.md`).
    pub doc: String,
    /// The locale of this output.
    pub locale: String,
    /// The locale the article is written in.
    pub source_locale: String,
    /// The title, from the front matter.
    pub title: Option<String>,
    /// The description, from the front matter.
    pub description: Option<String>,
    /// Whether title and description are current, stale or the source's.
    pub front_matter_state: PublicationState,
    /// Every other front-matter key (dates, tags), as given in the source.
    // In JSON: strings, numbers, booleans, dates as strings, arrays and objects.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, serde_json::Value>")
    )]
    pub data: BTreeMap<String, FrontMatterValue>,
    /// The table of contents: every published headed section.
    pub toc: Vec<TocEntry>,
    /// The published sections, in the source's order (the lead first).
    pub sections: Vec<SectionOutput>,
    /// Ids of sections the locale's policy left out.
    pub omitted: Vec<String>,
    /// In-text citations of the published sections.
    pub citations: Vec<CitationOutput>,
    /// The reference list.
    pub references: Vec<ReferenceOutput>,
    /// The same document in every locale, for language switchers and hreflang.
    pub alternates: Vec<Alternate>,
}

/// An entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TocEntry {
    /// The section id (the anchor).
    pub id: String,
    /// Heading level, 1–6.
    pub level: u8,
    /// The heading as plain text.
    pub text: String,
}

/// One published section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SectionOutput {
    /// The stable id.
    pub id: String,
    /// Heading level; 0 for the lead.
    pub level: u8,
    /// The heading as inline runs (empty for the lead).
    pub heading: Vec<Inline>,
    /// The heading as plain text.
    pub heading_text: String,
    /// Current, stale or fallback.
    pub state: PublicationState,
    /// The locale of the published text (the source locale for a fallback).
    pub content_locale: String,
    /// Marked required in the source.
    pub required: bool,
    /// The section's blocks.
    pub blocks: Vec<Block>,
    /// The section's Markdown below the heading, yaku's marker left out (for exporters
    /// that want the author's Markdown rather than the blocks).
    #[serde(skip)]
    pub markdown: String,
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TableAlignment {
    /// Not specified.
    None,
    /// Left.
    Left,
    /// Centre.
    Center,
    /// Right.
    Right,
}

/// The kind of a callout (GFM alert): the document model's, serialized by its
/// lowercase name (`note`, …).
pub use yaku_content::CalloutKind;

/// A block of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its inline runs.
        inlines: Vec<Inline>,
    },
    /// A heading inside a quote or callout (not a section).
    Heading {
        /// Level 1–6.
        level: u8,
        /// Its inline runs.
        inlines: Vec<Inline>,
    },
    /// A list.
    List {
        /// Numbered rather than bulleted.
        ordered: bool,
        /// The first number of an ordered list.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A table.
    Table {
        /// Alignment per column.
        alignments: Vec<TableAlignment>,
        /// Header cells.
        header: Vec<Vec<Inline>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A callout.
    Callout {
        /// Which kind.
        kind: CalloutKind,
        /// Its content.
        blocks: Vec<Block>,
    },
    /// A plain block quote.
    Quote {
        /// Its content.
        blocks: Vec<Block>,
    },
    /// A component resolved through Fluent for this locale.
    Component {
        /// The Fluent message id.
        name: String,
        /// The locale whose Fluent string was used (a fallback locale when the
        /// message is missing in this one).
        locale: String,
        /// The message value, if it has one.
        value: Option<String>,
        /// The message attributes (heading, body, button, footnote, …).
        attributes: BTreeMap<String, String>,
    },
    /// A code block.
    Code {
        /// The info string.
        info: String,
        /// The code.
        text: String,
    },
    /// Raw HTML from the content file, as text (renderers must escape it).
    Html {
        /// The HTML source.
        text: String,
    },
    /// A thematic break.
    Rule,
}

/// An item of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListItem {
    /// The item's blocks.
    pub blocks: Vec<Block>,
}

/// An inline run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// Emphasis.
    Emphasis {
        /// Content.
        children: Vec<Inline>,
    },
    /// Strong emphasis.
    Strong {
        /// Content.
        children: Vec<Inline>,
    },
    /// Struck-through text.
    Strikethrough {
        /// Content.
        children: Vec<Inline>,
    },
    /// Inline code.
    Code {
        /// The code.
        text: String,
    },
    /// A link.
    Link {
        /// The destination as written.
        href: String,
        /// The title, if any.
        title: String,
        /// The link text.
        children: Vec<Inline>,
    },
    /// An image.
    Image {
        /// The source.
        src: String,
        /// The alternative text.
        alt: String,
    },
    /// An in-text citation such as `Shah et al., 2025`.
    Citation {
        /// The text as written.
        text: String,
        /// The authors.
        authors: String,
        /// The year.
        year: u16,
    },
    /// A line break in the source that renders as a space.
    SoftBreak,
    /// A hard line break.
    HardBreak,
    /// Inline raw HTML, as text (renderers must escape it).
    Html {
        /// The HTML source.
        text: String,
    },
}

/// An in-text citation and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CitationOutput {
    /// The section it is in.
    pub section: String,
    /// The authors.
    pub authors: String,
    /// The year.
    pub year: u16,
    /// Whether a reference-list entry matches (first author and year).
    pub resolved: bool,
}

/// A reference-list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReferenceOutput {
    /// The first author's surname.
    pub first_author: String,
    /// The year.
    pub year: u16,
    /// The DOI, if any.
    pub doi: Option<String>,
    /// `https://doi.org/<doi>`, if there is a DOI.
    pub url: Option<String>,
}

/// The same document in another (or this) locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Alternate {
    /// The locale.
    pub locale: String,
    /// The output path, relative to the output folder.
    pub path: String,
}

/// How many sections a locale publishes in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PublishedCounts {
    /// Current sections.
    pub current: usize,
    /// Stale sections published.
    pub stale: usize,
    /// Sections published in the source locale.
    pub fallback: usize,
    /// Sections left out.
    pub omitted: usize,
}

/// `index.json`: every document in every locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Manifest {
    /// The locale the articles are written in.
    pub source_locale: String,
    /// Every locale built, source first.
    pub locales: Vec<String>,
    /// The output format (`json`, `html` or `hugo`).
    pub format: String,
    /// Every document.
    pub documents: Vec<ManifestDocument>,
}

/// One document in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ManifestDocument {
    /// The document name.
    pub doc: String,
    /// One entry per locale.
    pub locales: Vec<ManifestEntry>,
}

/// One document in one locale, in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ManifestEntry {
    /// The locale.
    pub locale: String,
    /// The output path, relative to the output folder.
    pub path: String,
    /// Sections per publication state.
    pub states: PublishedCounts,
    /// The same document in every locale.
    pub alternates: Vec<Alternate>,
}

impl DocumentOutput {
    /// Sections per publication state.
    pub fn counts(&self) -> PublishedCounts {
        let mut counts = PublishedCounts {
            omitted: self.omitted.len(),
            ..PublishedCounts::default()
        };
        for section in &self.sections {
            match section.state {
                PublicationState::Current => counts.current += 1,
                PublicationState::Stale => counts.stale += 1,
                PublicationState::Fallback => counts.fallback += 1,
            }
        }
        counts
    }
}

/// The JSON Schema of a document output file (`<locale>/<doc>.json`).
#[cfg(feature = "schema")]
pub fn document_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(DocumentOutput)).unwrap_or_default()
}

/// The JSON Schema of the manifest (`index.json`).
#[cfg(feature = "schema")]
pub fn manifest_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Manifest)).unwrap_or_default()
}
