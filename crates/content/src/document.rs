//! The document model: an article as front matter, a lead and headed sections.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Range;

use crate::fingerprint::LazyFingerprint;
use crate::{Block, BlockCounts, Dialect, Fingerprint, FrontMatter, Marker};

/// A section id: `[a-z0-9-]+`, the same in every locale, never changed by rewording.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct SectionId(pub String);

impl SectionId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for SectionId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SectionId {
    fn from(id: &str) -> Self {
        SectionId(id.to_string())
    }
}

/// Which part of an article a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// The title and description in the front matter.
    FrontMatter,
    /// The text before the first heading.
    Lead,
    /// A heading and everything up to the next heading.
    Heading,
}

/// One section of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The stable id.
    pub id: SectionId,
    /// The id is not written in the file: the site's renderer gives it to the heading
    /// (`[markdown] id-style`), and `yaku ids --write` writes it.
    pub id_derived: bool,
    /// Front matter, lead or headed section.
    pub kind: SectionKind,
    /// Heading level 1–6; 0 for the front matter and the lead.
    pub level: u8,
    /// The heading text without `#` marks and `{#id}`; empty for the lead.
    pub heading: String,
    /// The whole section as a byte range of the file, trailing blank lines included.
    pub span: Range<usize>,
    /// The heading line (line ending included); for the lead, empty where its text
    /// starts (after the file's byte-order mark, which the lead's span holds).
    pub heading_span: Range<usize>,
    /// The 1-based line where the section starts.
    pub line: usize,
    /// The translation marker and the span of its line, if the section has one.
    pub marker: Option<(Marker, Range<usize>)>,
    /// Fingerprint of the section's text, marker and `{#id}` left out
    /// ([`Section::fingerprint`]).
    pub(crate) fingerprint: LazyFingerprint,
    /// Number of characters of translatable text (whitespace not counted); `None` when
    /// the parse did not count them ([`crate::ParseOptions::count_characters`]).
    pub chars: Option<usize>,
    /// The blocks below the heading. This and the next three, which only the checks
    /// compare, are empty when the parse left them out
    /// ([`crate::ParseOptions::check_summaries`]: the build's parse).
    pub blocks: Vec<Block>,
    /// Destinations of the links in the section, in order.
    pub links: Vec<String>,
    /// Byte ranges of the file holding inline code and code blocks, in order: text that
    /// checks of prose leave alone.
    pub code: Vec<Range<usize>>,
    /// Byte ranges of the file holding link and image destinations (`](…)`) and
    /// autolinks, in order: addresses, not prose.
    pub link_targets: Vec<Range<usize>>,
    /// True when the section holds nothing but whitespace and its marker.
    pub is_blank: bool,
    /// Marked `<!-- yaku:required -->`: every locale must publish it, current.
    pub required: bool,
}

impl Section {
    /// Fingerprint of the section's text, marker and `{#id}` left out: what a
    /// translation's marker records of its source, and of itself when accepted.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint.get()
    }

    /// Whether yaku tracks the section's translation: it is aligned with its source by
    /// id, carries a translation marker, can be accepted and is published. Every section
    /// with an id, except front matter without a title or description and a blank lead.
    pub fn is_tracked(&self) -> bool {
        !self.is_blank && !self.id.as_str().is_empty()
    }

    /// Counts of the section's blocks.
    pub fn block_counts(&self) -> BlockCounts {
        BlockCounts::of(&self.blocks)
    }

    /// The section's translation marker.
    pub fn marker(&self) -> Option<Marker> {
        self.marker.as_ref().map(|(marker, _)| *marker)
    }

    /// Names of the components the section places, in order.
    pub fn components(&self) -> Vec<&str> {
        // Depth first, in file order, with a work list of blocks still to visit.
        let mut out = Vec::new();
        let mut pending: Vec<&Block> = self.blocks.iter().rev().collect();
        while let Some(block) = pending.pop() {
            if let crate::BlockKind::Component { name } = &block.kind {
                out.push(name.as_str());
            }
            pending.extend(block.children.iter().rev());
        }
        out
    }
}

/// The obsolete area at the end of a translation file.
#[derive(Debug, Clone, PartialEq)]
pub struct ObsoleteArea {
    /// From the `<!-- yaku:obsolete -->` (MDX: `{/* yaku:obsolete */}`) line to the end
    /// of the file.
    pub span: Range<usize>,
    /// The parked text, unescaped: what the sections' spans index into (not the file's
    /// text, since the file holds it escaped).
    pub text: String,
    /// The sections kept in it, with spans into `text` and lines of the file.
    pub sections: Vec<Section>,
}

impl ObsoleteArea {
    /// The text of a parked section.
    pub fn slice(&self, span: &Range<usize>) -> &str {
        &self.text[span.clone()]
    }
}

/// A parsed article. The spans of `sections` and `obsolete` tile `text` exactly.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's text, unchanged.
    pub text: String,
    /// The front matter, if the file has one.
    pub front_matter: Option<FrontMatter>,
    /// Front matter section (if any), the lead, then every headed section, in file order.
    pub sections: Vec<Section>,
    /// The obsolete area, in translation files that have one.
    pub obsolete: Option<ObsoleteArea>,
    /// Index in `sections` of each id (its first section), so that finding a section
    /// costs the same in a document of a hundred thousand sections as in one of ten.
    pub(crate) by_id: rustc_hash::FxHashMap<SectionId, usize>,
    /// Markdown or MDX, as it was parsed: writers write yaku's lines in its form
    /// ([`Dialect::comment`]).
    pub dialect: Dialect,
}

impl Document {
    /// The section with `id`, outside the obsolete area.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.section_index(id).map(|i| &self.sections[i])
    }

    /// The index in `sections` of the (first) section with `id`.
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The text of a byte range of the file.
    pub fn slice(&self, span: &Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    /// The sections whose translation yaku tracks ([`Section::is_tracked`]), in file
    /// order.
    pub fn tracked_sections(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.is_tracked())
    }

    /// The line ending the file uses (the first one found), `\n` by default.
    pub fn line_ending(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// The section's text with its marker line left out (for diffs, the source store and
    /// the web workspace's editor), from [`Document::text_start`].
    pub fn text_without_marker(&self, section: &Section) -> String {
        self.without_marker(section, self.text_start(section))
    }

    /// Where `section`'s own text starts: its span's start, or after the file's
    /// byte-order mark when its span holds it (the lead's or the front matter's), so that
    /// an editor of the text never moves the mark.
    pub fn text_start(&self, section: &Section) -> usize {
        match section.span.start {
            0 => self.content_start(),
            start => start,
        }
    }

    /// Where the file's content starts: after its byte-order mark, if it has one.
    pub fn content_start(&self) -> usize {
        crate::front_matter::content_start(&self.text)
    }

    /// The body of `section`: its text after the heading line, without the marker. What
    /// a renderer renders under the heading.
    pub fn body_without_marker(&self, section: &Section) -> String {
        self.without_marker(section, body_start(section))
    }

    /// [`Document::body_without_marker`] as the file holds it, without a copy: the text
    /// before the marker's line and the text after it (empty when there is no marker).
    pub fn body_parts(&self, section: &Section) -> (&str, &str) {
        self.parts_without_marker(section, body_start(section))
    }

    /// `section`'s text from byte `start` of the file on, without the marker.
    fn without_marker(&self, section: &Section, start: usize) -> String {
        let (before, after) = self.parts_without_marker(section, start);
        [before, after].concat()
    }

    /// `section`'s text from byte `start` of the file on: before its marker and after.
    fn parts_without_marker(&self, section: &Section, start: usize) -> (&str, &str) {
        match &section.marker {
            Some((_, marker)) if marker.start >= start => (
                &self.text[start..marker.start],
                &self.text[marker.end..section.span.end],
            ),
            _ => (&self.text[start..section.span.end], ""),
        }
    }
}

/// Where the body of `section` starts: after its heading line.
fn body_start(section: &Section) -> usize {
    section
        .heading_span
        .end
        .clamp(section.span.start, section.span.end)
}
