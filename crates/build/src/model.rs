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
    /// The title, from the front matter (left out when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description, from the front matter (left out when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether title and description are current, stale or the source's.
    pub front_matter_state: PublicationState,
    /// Every other front-matter key (dates, tags), as given in the source (left out
    /// when there is none).
    // In JSON: strings, numbers, booleans, dates as strings, arrays and objects.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, serde_json::Value>")
    )]
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, FrontMatterValue>,
    /// The published sections, in the source's order (the lead first). The table of
    /// contents is every one with a heading ([`DocumentOutput::toc`]).
    pub sections: Vec<SectionOutput>,
    /// Ids of sections the locale's policy left out (left out when none is).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<String>,
    /// The reference list (left out when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<ReferenceOutput>,
    /// The same document in every locale, for language switchers and hreflang.
    pub alternates: Vec<Alternate>,
}

/// An entry of the table of contents ([`DocumentOutput::toc`]; not in the JSON, which
/// has the sections it is made from).
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The heading as inline runs (left out for the lead, which has none). Its plain
    /// text is [`SectionOutput::heading_text`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heading: Vec<Inline>,
    /// Current, stale or fallback. The text's locale follows: the source locale for a
    /// fallback, the page's otherwise ([`DocumentOutput::content_locale`]).
    pub state: PublicationState,
    /// Marked required in the source (left out when not).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The section's blocks.
    pub blocks: Vec<Block>,
    /// The section's Markdown below the heading, yaku's marker left out, for exporters
    /// that want the author's Markdown rather than the blocks; empty when the build did
    /// not ask for it ([`crate::LocaleContext::with_markdown`]).
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

/// A block of a section: in JSON, a paragraph is the array of its inline runs, every
/// other block an object with its `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
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
        /// The first number of an ordered list (left out for a bulleted one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        /// The message value, if it has one (left out otherwise).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<String>,
        /// The message attributes (heading, body, button, footnote, …; left out when
        /// it has none).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        attributes: BTreeMap<String, String>,
    },
    /// A code block.
    Code {
        /// The info string (left out when empty).
        #[serde(default, skip_serializing_if = "String::is_empty")]
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
    /// A paragraph, its inline runs: in JSON, the bare array of them.
    #[serde(untagged)]
    Paragraph(Vec<Inline>),
}

/// An item of a list: in JSON, the array of its blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ListItem {
    /// The item's blocks.
    pub blocks: Vec<Block>,
}

/// An inline run: in JSON, plain text is a string, every other run an object with its
/// `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Inline {
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
        /// The title (left out when empty).
        #[serde(default, skip_serializing_if = "String::is_empty")]
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
        /// Whether an entry of the published reference list matches it (first author
        /// and year).
        resolved: bool,
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
    /// Plain text: in JSON, a bare string.
    #[serde(untagged)]
    Text(String),
}

/// A reference-list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReferenceOutput {
    /// The first author's surname.
    pub first_author: String,
    /// The year.
    pub year: u16,
    /// The DOI, if any (left out otherwise); its address is
    /// [`ReferenceOutput::url`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
}

impl ReferenceOutput {
    /// `https://doi.org/<doi>`, if there is a DOI.
    pub fn url(&self) -> Option<String> {
        self.doi
            .as_ref()
            .map(|doi| format!("https://doi.org/{doi}"))
    }
}

/// Whether a flag is off, for leaving it out of the JSON.
fn is_false(flag: &bool) -> bool {
    !*flag
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// The output path, relative to the output folder. The document's other entries
    /// are its alternates.
    pub path: String,
    /// Sections per publication state.
    pub states: PublishedCounts,
}

impl SectionOutput {
    /// The heading as plain text (empty for the lead).
    pub fn heading_text(&self) -> String {
        crate::markdown::plain_text(&self.heading)
    }
}

impl DocumentOutput {
    /// The table of contents: every published section with a heading, in order.
    pub fn toc(&self) -> Vec<TocEntry> {
        self.sections
            .iter()
            .filter(|section| section.level > 0)
            .map(|section| TocEntry {
                id: section.id.clone(),
                level: section.level,
                text: section.heading_text(),
            })
            .collect()
    }

    /// The locale `section`'s text is in: the source locale for a fallback, the page's
    /// otherwise.
    pub fn content_locale(&self, section: &SectionOutput) -> &str {
        match section.state {
            PublicationState::Fallback => &self.source_locale,
            PublicationState::Current | PublicationState::Stale => &self.locale,
        }
    }

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
