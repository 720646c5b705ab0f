//! Parsing an article into a [`Document`].
//!
//! pulldown-cmark finds the headings and blocks; this module cuts the file at top-level
//! headings, reads ids, markers and component directives, and reports what is wrong as
//! [`Diagnostic`]s next to a document that is still usable.

use std::borrow::Cow;
use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::block::{Block, BlockKind, CalloutKind};
use crate::diagnostic::{Diagnostic, Problem};
use crate::document::{Document, ObsoleteArea, Section, SectionId, SectionKind};
use crate::fingerprint::{count_non_whitespace, LazyFingerprint};
use crate::front_matter::{lines_in, parse_front_matter, trim_eol, FrontMatter};
use crate::mdx::{blank_out, comment_id, opaque_blocks, Dialect, Opaque};
use crate::obsolete::{AreaForm, OBSOLETE_MARKER_MDX};
use crate::slug::{IdStyle, Slugger};
use crate::{LineIndex, Marker, FRONT_MATTER_ID, LEAD_ID, OBSOLETE_MARKER, OBSOLETE_OPEN};

/// How deep Markdown elements may nest: block quotes, lists, emphasis, links and images
/// each count as a level; the paragraph or list item inside does not. Deeper nesting is
/// an error ([`Problem::NestingTooDeep`]) and is not modelled, which bounds every tree
/// built from an article and so every recursion over one. Real articles stay within a
/// handful of levels; at 24, the JSON of `yaku build` (four JSON levels per list level)
/// stays within the depth common JSON readers accept (serde_json's default is 128).
pub const MAX_NESTING: usize = 24;

/// What the parser needs to know beyond the text.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// The component names that exist (Fluent message ids of the source locale). `None`
    /// accepts every well-formed name.
    pub known_components: Option<BTreeSet<String>>,
    /// Markdown or MDX ([`ParseOptions::for_path`] picks it by the file's extension).
    pub dialect: Dialect,
    /// How headings without `{#id}` get an id: none (an error) or the renderer's.
    /// Sources only: a translation carries its source's ids, written
    /// ([`ParseOptions::for_translation`]).
    pub id_style: IdStyle,
    /// The front-matter keys whose values are translatable text
    /// ([`crate::DEFAULT_TRANSLATABLE_KEYS`] by default).
    pub translatable_keys: Arc<[String]>,
    /// Whether sections count their characters ([`Section::chars`]). Only `yaku status`
    /// reads the counts, of sources; translations ([`ParseOptions::for_translation`]) and
    /// the build skip the count, a pass over every text run.
    pub count_characters: bool,
    /// Whether sections record what only the checks compare: their blocks
    /// ([`Section::blocks`]), links, code spans and link targets. The build folds its own
    /// blocks from the same events and reads none of them, so it leaves them out
    /// ([`ParseOptions::for_build`]): they were a twentieth of its time.
    pub check_summaries: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            known_components: None,
            dialect: Dialect::Markdown,
            id_style: IdStyle::Explicit,
            translatable_keys: crate::DEFAULT_TRANSLATABLE_KEYS.map(String::from).into(),
            count_characters: true,
            check_summaries: true,
        }
    }
}

impl ParseOptions {
    /// These options for the file at `path`: its dialect follows its extension (`.mdx`
    /// is MDX). Borrowed when nothing changes, so calling it per file costs nothing.
    pub fn for_path(&self, path: &Path) -> Cow<'_, ParseOptions> {
        let dialect = Dialect::of_path(path);
        if dialect == self.dialect {
            Cow::Borrowed(self)
        } else {
            Cow::Owned(ParseOptions {
                dialect,
                ..self.clone()
            })
        }
    }

    /// These options for a translation, whose ids are always written (never derived
    /// from its translated headings) and whose characters nothing counts.
    pub fn for_translation(&self) -> ParseOptions {
        ParseOptions {
            id_style: IdStyle::Explicit,
            count_characters: false,
            ..self.clone()
        }
    }

    /// These options for the build, which counts no characters and compares nothing:
    /// its sections hold no check summaries (see [`ParseOptions::check_summaries`]).
    pub fn for_build(&self) -> ParseOptions {
        ParseOptions {
            count_characters: false,
            check_summaries: false,
            ..self.clone()
        }
    }
}

/// A document and the problems found in it.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document, usable even when `diagnostics` holds errors.
    pub document: Document,
    /// Problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The Markdown dialect of yaku articles (pulldown-cmark options), for renderers that
/// parse section text themselves.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
}

/// Parses an article. `Err` only when nothing can be parsed: the bytes are not UTF-8 or
/// the front matter never closes. Every other problem is a diagnostic next to the document.
pub fn parse_document(bytes: &[u8], options: &ParseOptions) -> Result<Parsed, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(text.to_string(), options).map_err(|(diagnostic, _)| diagnostic),
        Err(error) => {
            let at = error.valid_up_to();
            Err(Diagnostic::error(Problem::InvalidUtf8, at..at + 1))
        }
    }
}

/// [`parse_document`] for an article already read as text, which becomes the document's
/// text without a copy. When nothing can be parsed, the text comes back with the
/// diagnostic.
pub fn parse_text(text: String, options: &ParseOptions) -> Result<Parsed, (Diagnostic, String)> {
    parse_text_with(text, options, &mut ())
}

/// Sees the Markdown events of each section's body while the article is parsed, so that
/// a renderer can fold them into its own model without parsing the text a second time.
///
/// A section's body is its text without its heading and translation marker: every
/// event of the document in file order, but those of top-level headings, each with the
/// index of its section in [`Document::sections`]. The events are those of the whole
/// file, so a link reference defined in one section resolves in another, as renderers
/// of the whole file have it. Nothing is delivered for an MDX file (its JSX is blanked
/// out before pulldown-cmark sees it) nor for the obsolete area.
pub trait SectionEvents {
    /// One event of the body of section `section`.
    fn event(&mut self, section: usize, event: &Event<'_>);
}

/// Wants no events.
impl SectionEvents for () {
    fn event(&mut self, _: usize, _: &Event<'_>) {}
}

/// [`parse_text`] that also hands each section's Markdown events to `events` (see
/// [`SectionEvents`] for which).
pub fn parse_text_with(
    text: String,
    options: &ParseOptions,
    events: &mut dyn SectionEvents,
) -> Result<Parsed, (Diagnostic, String)> {
    let (front_matter, sections, obsolete, diagnostics) = match parse_parts(&text, options, events)
    {
        Ok(parts) => parts,
        Err(diagnostic) => return Err((diagnostic, text)),
    };
    Ok(Parsed {
        document: Document {
            text,
            front_matter,
            by_id: index_ids(&sections),
            sections,
            obsolete,
            dialect: options.dialect,
        },
        diagnostics,
    })
}

/// Where the first carriage return stands that is not the start of a CRLF line ending.
fn stray_carriage_return(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).find(|&at| bytes.get(at + 1) != Some(&b'\n'))
}

/// What a document is made of, besides its text.
type Parts = (
    Option<FrontMatter>,
    Vec<Section>,
    Option<ObsoleteArea>,
    Vec<Diagnostic>,
);

fn parse_parts(
    text: &str,
    options: &ParseOptions,
    events: &mut dyn SectionEvents,
) -> Result<Parts, Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(at) = stray_carriage_return(text) {
        diagnostics.push(Diagnostic::error(Problem::StrayCarriageReturn, at..at + 1));
    }
    let front_matter = parse_front_matter(text, &options.translatable_keys, &mut diagnostics)?;
    let index = LineIndex::new(text);
    let body_start = front_matter.as_ref().map_or(0, |fm| fm.span.end);

    let mut sections = Vec::new();
    if let Some(fm) = &front_matter {
        // A front matter without comments has no home for a marker: not tracked.
        let translatable = if fm.format.has_comments() {
            fm.translatable_text()
        } else {
            String::new()
        };
        sections.push(Section {
            id: SectionId::from(FRONT_MATTER_ID),
            id_derived: false,
            kind: SectionKind::FrontMatter,
            level: 0,
            heading: String::new(),
            span: fm.span.clone(),
            heading_span: 0..0,
            line: 1,
            marker: fm.marker.clone(),
            chars: options.count_characters.then(|| {
                if translatable.is_empty() {
                    0
                } else {
                    count_chars(fm.translatable_values().map(|(_, value)| value))
                }
            }),
            blocks: Vec::new(),
            links: Vec::new(),
            code: Vec::new(),
            link_targets: Vec::new(),
            is_blank: translatable.is_empty(),
            fingerprint: LazyFingerprint::of_text(translatable),
            required: false,
        });
    }
    // A byte-order mark that no front matter took in is not text: Markdown is parsed
    // after it (`\u{feff}# Title` is a heading), and the lead holds it before its text.
    let bom = match front_matter {
        None => crate::front_matter::content_start(text),
        Some(_) => 0,
    };
    let cutter = Cutter {
        text,
        index: &index,
        options,
        first_line_start: bom,
    };
    let events = Events {
        sink: events,
        first_section: sections.len(),
    };
    let (mut body_sections, obsolete_start) =
        cutter.cut(body_start + bom..text.len(), Some(events), &mut diagnostics);
    if let Some(lead) = body_sections.first_mut().filter(|_| bom > 0) {
        lead.span.start = 0;
    }
    sections.extend(body_sections);

    let obsolete = obsolete_start.map(|start| cutter.obsolete_area(start, &mut diagnostics));
    check_ids(&sections, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Ok((front_matter, sections, obsolete, diagnostics))
}

/// Where each id's first section is.
fn index_ids(sections: &[Section]) -> FxHashMap<SectionId, usize> {
    let mut index = FxHashMap::with_capacity_and_hasher(sections.len(), Default::default());
    for (i, section) in sections.iter().enumerate() {
        index.entry(section.id.clone()).or_insert(i);
    }
    index
}

fn count_chars<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(count_non_whitespace).sum()
}

/// A heading found at the top level, before its section is built.
struct Head {
    span: Range<usize>,
    level: u8,
    id: Option<String>,
    has_attributes: bool,
    /// The attribute block holds a bare word (`{#has space}`): not `.class` nor `key=value`.
    has_bare_word: bool,
    /// The heading's plain text (text and inline code, no marks), which renderers slug.
    plain: String,
}

/// What is collected for one section while walking the events.
#[derive(Default)]
struct Collected {
    blocks: Vec<Block>,
    /// A block ended at the top level, whether or not `blocks` records it (a marker
    /// after one is misplaced).
    has_block: bool,
    links: Vec<String>,
    code: Vec<Range<usize>>,
    link_targets: Vec<Range<usize>>,
    chars: usize,
    marker: Option<(Marker, Range<usize>)>,
    /// Lines of `<!-- yaku:required -->` directives, left out of the fingerprint.
    required: Vec<Range<usize>>,
}

impl Collected {
    /// Notes a block that ended at the top level of the section, and keeps it in
    /// `blocks` when it is recorded ([`ParseOptions::check_summaries`]: `None` when not).
    fn add_block(&mut self, block: Option<Block>) {
        self.has_block = true;
        self.blocks.extend(block);
    }

    /// Whether a translation marker met now is where it belongs: first in the section.
    fn marker_may_come(&self) -> bool {
        !self.has_block && self.marker.is_none()
    }
}

/// Where [`Cutter::cut`] sends the events of the sections it cuts.
struct Events<'s> {
    sink: &'s mut dyn SectionEvents,
    /// The index in [`Document::sections`] of the first section cut (the lead).
    first_section: usize,
}

/// An open element while walking the events.
struct Frame {
    block: Option<Block>,
    /// The element is a block of the section's model, recorded in `block` when the parse
    /// records blocks ([`ParseOptions::check_summaries`]).
    is_block: bool,
    is_container_of_blocks: bool,
}

impl Frame {
    /// An element that is no block of the section (a heading, a marker).
    fn other() -> Frame {
        Frame {
            block: None,
            is_block: false,
            is_container_of_blocks: false,
        }
    }

    /// An element that is a block of the section when `block` is some; the block is kept
    /// when `record` ([`ParseOptions::check_summaries`]).
    fn of(block: Option<Block>, record: bool) -> Frame {
        Frame {
            is_block: block.is_some(),
            is_container_of_blocks: matches!(
                block,
                Some(Block {
                    kind: BlockKind::Callout { .. } | BlockKind::Quote,
                    ..
                })
            ),
            block: block.filter(|_| record),
        }
    }
}

struct Cutter<'a> {
    text: &'a str,
    index: &'a LineIndex,
    options: &'a ParseOptions,
    /// Where the first line starts for sections: after a byte-order mark that no front
    /// matter took in (the lead holds it, never a heading or a marker line).
    first_line_start: usize,
}

impl Cutter<'_> {
    /// The start of the line that holds byte `at`.
    fn line_start_of(&self, at: usize) -> usize {
        self.index
            .line_start(self.index.line(at))
            .max(self.first_line_start)
    }

    /// Cuts `range` into the lead and headed sections. Returns them and, outside the
    /// obsolete area, where the obsolete area starts. `events` is `None` in the obsolete
    /// area, and receives the sections' events outside it.
    fn cut(
        &self,
        range: Range<usize>,
        mut events: Option<Events<'_>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<Section>, Option<usize>) {
        let in_obsolete = events.is_none();
        let base = range.start;
        let mut heads: Vec<Head> = Vec::new();
        let mut collected = vec![Collected::default()];
        let mut stack: Vec<Frame> = Vec::new();
        let mut obsolete_start = None;
        let mut in_heading = false;
        // Headings inside lists and quotes start no section, but the renderer gives them
        // ids too, which the later headings' suffixes count: (top-level headings before
        // it, its written id, its plain text).
        let mut nested_heads: Vec<(usize, Option<String>, String)> = Vec::new();
        let mut in_nested_heading = false;
        // Where the nested heading being read has its last line of text (see
        // `NestedHeadingLine`), for Goldmark's id.
        let mut nested_line: Option<NestedHeadingLine> = None;
        // Headings' plain text is only needed to make their ids.
        let slugging = self.options.id_style.derives_ids();
        let counting = self.options.count_characters;
        // Links, code spans and blocks are only for the checks (the build leaves them out).
        let summarizing = self.options.check_summaries;
        // How many levels are open (see `is_level`); past `MAX_NESTING`, elements are
        // reported once and not modelled, so nothing built from the blocks recurses
        // deeper than that.
        let mut depth = 0usize;
        let mut too_deep = false;

        // In MDX, ESM, JSX and expressions are opaque blocks: the parser sees blank lines.
        let opaque = match self.options.dialect {
            Dialect::Mdx => {
                let constructs = opaque_blocks(self.text, range.clone());
                if let Some((line, what)) = constructs.unclosed.filter(|_| !in_obsolete) {
                    diagnostics.push(Diagnostic::error(Problem::UnclosedBlock(what), line));
                }
                constructs.blocks
            }
            _ => Vec::new(),
        };
        let parsed_text = if opaque.is_empty() {
            Cow::Borrowed(&self.text[range.clone()])
        } else {
            Cow::Owned(blank_out(&self.text[range.clone()], &opaque, base))
        };
        // MDX's events are not the file's: its JSX is blanked out.
        if self.options.dialect == Dialect::Mdx {
            events = None;
        }
        // Only MDX has opaque blocks: a Markdown file's events skip looking for them.
        let has_opaque = !opaque.is_empty();
        let mut opaque = opaque.into_iter().peekable();
        // Where the range's trailing whitespace starts.
        let content_end = range.start + self.text[range.clone()].trim_end().len();
        let parser = Parser::new_ext(&parsed_text, markdown_options());
        for (event, local) in parser.into_offset_iter() {
            let span = base + local.start..base + local.end;
            let current = collected.len() - 1;
            if has_opaque {
                while let Some(block) = opaque.next_if(|o| o.span.start < span.start) {
                    obsolete_start =
                        self.place_opaque(block, in_obsolete, &mut collected[current], diagnostics);
                    if obsolete_start.is_some() {
                        break;
                    }
                }
                if obsolete_start.is_some() {
                    break;
                }
            }
            if let Some(events) = events.as_mut() {
                // A top-level heading's events are the section's heading, not its body.
                let starts_heading =
                    stack.is_empty() && matches!(event, Event::Start(Tag::Heading { .. }));
                if !in_heading && !starts_heading {
                    events.sink.event(events.first_section + current, &event);
                }
            }
            match &event {
                Event::Start(tag) if is_level(&tag.to_end()) => depth += 1,
                Event::End(end) if is_level(end) => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_NESTING && matches!(event, Event::Start(_)) {
                if !too_deep {
                    too_deep = true;
                    diagnostics.push(Diagnostic::error(
                        Problem::NestingTooDeep(MAX_NESTING),
                        span.start..span.start + self.char_len_at(span.start),
                    ));
                }
                stack.push(Frame::other());
                continue;
            }
            if let Event::Start(tag) = &event {
                // A block that only a closing line ends, left open, takes in everything
                // after it: headings, and what sync appends. It reaches the end when
                // only whitespace follows it.
                if stack.is_empty() && span.end.min(range.end) >= content_end {
                    if let Some(what) = unclosed_block(tag, &self.text[span.clone()]) {
                        let line = self.line_span(&span);
                        let first = trim_eol(&self.text[line.clone()]).len();
                        diagnostics.push(Diagnostic::error(
                            Problem::UnclosedBlock(what.to_string()),
                            line.start..line.start + first,
                        ));
                    }
                }
            }
            if let Event::Start(Tag::Heading { id, .. }) = &event {
                if !stack.is_empty() {
                    // Goldmark slugs the line as written (see `headed`).
                    let written = match self.options.id_style {
                        IdStyle::Hugo => {
                            let line = self.text[span.clone()].lines().next().unwrap_or("");
                            let parsed = parse_heading_line(line);
                            let read = parsed.attributes.is_some() && id.is_some();
                            parsed.into_text(read)
                        }
                        _ => String::new(),
                    };
                    nested_heads.push((heads.len(), id.as_ref().map(|id| id.to_string()), written));
                    in_nested_heading = self.options.id_style != IdStyle::Hugo;
                    nested_line =
                        (self.options.id_style == IdStyle::Hugo).then_some(NestedHeadingLine {
                            start: span.start,
                            with_id: id.is_some(),
                        });
                }
            }
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) if stack.is_empty() => {
                    let line_start = self.line_start_of(span.start);
                    heads.push(Head {
                        span: line_start..span.end,
                        level: level as u8,
                        id: id.map(|id| id.to_string()),
                        has_attributes: !classes.is_empty() || !attrs.is_empty(),
                        has_bare_word: attrs.iter().any(|(_, value)| value.is_none()),
                        plain: String::new(),
                    });
                    collected.push(Collected::default());
                    in_heading = true;
                    stack.push(Frame::other());
                }
                Event::Start(Tag::HtmlBlock) => {
                    let html = self.text[span.clone()].trim();
                    let at_top = stack.is_empty();
                    let first_block = collected[current].marker_may_come();
                    match self.directive(html, span.clone(), at_top && !in_obsolete, diagnostics) {
                        Directive::Obsolete => {
                            obsolete_start = Some(self.line_start_of(span.start));
                            break;
                        }
                        Directive::Marker(marker) if at_top && first_block => {
                            collected[current].marker = Some((marker, self.line_span(&span)));
                            stack.push(Frame::other());
                        }
                        Directive::Marker(_) => {
                            diagnostics.push(Diagnostic::error(
                                Problem::MalformedDirective(
                                    "a translation marker belongs on the line right after the heading".into(),
                                ),
                                span,
                            ));
                            stack.push(Frame::other());
                        }
                        Directive::Required => {
                            collected[current].required.push(self.line_span(&span));
                            stack.push(Frame::other());
                        }
                        Directive::Component(name) => stack.push(Frame::of(
                            Some(block(BlockKind::Component { name }, span)),
                            summarizing,
                        )),
                        Directive::None => {
                            stack.push(Frame::of(Some(block(BlockKind::Html, span)), summarizing))
                        }
                    }
                }
                Event::Start(tag) => {
                    if summarizing {
                        if let Tag::Link { dest_url, .. } = &tag {
                            collected[current].links.push(dest_url.to_string());
                        }
                        match &tag {
                            Tag::Link { link_type, .. } | Tag::Image { link_type, .. } => {
                                if let Some(target) = self.link_target(*link_type, &span) {
                                    collected[current].link_targets.push(target);
                                }
                            }
                            Tag::CodeBlock(_) => collected[current].code.push(span.clone()),
                            _ => {}
                        }
                        // The counts of the enclosing list's items and table's rows.
                        if matches!(tag, Tag::Item) {
                            if let Some(Frame {
                                block:
                                    Some(Block {
                                        kind: BlockKind::List { items, .. },
                                        ..
                                    }),
                                ..
                            }) = stack.last_mut()
                            {
                                *items += 1;
                            }
                        }
                        if matches!(tag, Tag::TableRow) {
                            if let Some(Block {
                                kind: BlockKind::Table { rows, .. },
                                ..
                            }) = stack.iter_mut().rev().find_map(|f| f.block.as_mut())
                            {
                                *rows += 1;
                            }
                        }
                    }
                    let kind = match block_kind(&tag) {
                        Some(BlockKind::Paragraph) if stack.is_empty() && summarizing => {
                            Some(paragraph_kind(&self.text[span.clone()]))
                        }
                        kind => kind,
                    };
                    stack.push(Frame::of(kind.map(|kind| block(kind, span)), summarizing));
                }
                Event::End(end) => {
                    if matches!(end, TagEnd::Heading(_)) {
                        if stack.len() == 1 {
                            in_heading = false;
                        }
                        in_nested_heading = false;
                        if let Some(line) = nested_line.take().filter(|l| l.start > span.start) {
                            // An underlined heading of several lines: Goldmark slugs its
                            // last line alone, as it does a top-level one (see `headed`).
                            if let Some((_, _, written)) = nested_heads.last_mut() {
                                *written = line.text(self.text);
                            }
                        }
                    }
                    let Some(frame) = stack.pop() else { continue };
                    match stack.last_mut() {
                        None if frame.is_block => collected[current].add_block(frame.block),
                        Some(parent) if parent.is_container_of_blocks => {
                            if let (Some(parent_block), Some(done)) =
                                (parent.block.as_mut(), frame.block)
                            {
                                parent_block.children.push(done);
                            }
                        }
                        _ => {}
                    }
                }
                Event::Code(text) => {
                    if summarizing {
                        collected[current].code.push(span);
                    }
                    if counting {
                        collected[current].chars += count_non_whitespace(&text);
                    }
                    if slugging && in_nested_heading {
                        if let Some((_, _, plain)) = nested_heads.last_mut() {
                            plain.push_str(&text);
                        }
                    } else if slugging && in_heading {
                        if let Some(head) = heads.last_mut() {
                            head.plain.push_str(&text);
                        }
                    }
                }
                Event::Text(text) => {
                    if counting {
                        collected[current].chars += count_non_whitespace(&text);
                    }
                    if slugging && in_nested_heading {
                        if let Some((_, _, plain)) = nested_heads.last_mut() {
                            plain.push_str(&text);
                        }
                    } else if slugging && in_heading {
                        if let Some(head) = heads.last_mut() {
                            head.plain.push_str(&text);
                        }
                    }
                }
                Event::Rule if stack.is_empty() => {
                    collected[current].add_block(summarizing.then(|| block(BlockKind::Rule, span)));
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(line) = nested_line.as_mut() {
                        line.start = span.end;
                    }
                }
                _ => {}
            }
        }
        if obsolete_start.is_none() {
            if let Some(last) = collected.last_mut() {
                for block in opaque.by_ref() {
                    obsolete_start = self.place_opaque(block, in_obsolete, last, diagnostics);
                    if obsolete_start.is_some() {
                        break;
                    }
                }
            }
        }
        let end = obsolete_start.unwrap_or(range.end);
        let mut sections = Vec::with_capacity(heads.len() + 1);
        let mut collected = collected.into_iter();
        let lead_end = heads.first().map_or(end, |h| h.span.start);
        sections.push(self.lead(range.start..lead_end, collected.next().unwrap_or_default()));
        // The renderer's ids, given in document order (parked sections never get one).
        let mut slugger = (!in_obsolete && self.options.id_style.derives_ids())
            .then(|| Slugger::new(self.options.id_style));
        let mut nested_heads = nested_heads.into_iter().peekable();
        for (i, head) in heads.iter().enumerate() {
            if let Some(slugger) = slugger.as_mut() {
                while let Some((_, id, plain)) = nested_heads.next_if(|(before, _, _)| *before <= i)
                {
                    match id {
                        Some(id) => slugger.reserve(&id),
                        None => {
                            slugger.slug(&plain);
                        }
                    }
                }
            }
            let section_end = heads.get(i + 1).map_or(end, |next| next.span.start);
            let data = collected.next().unwrap_or_default();
            sections.push(self.headed(head, section_end, data, slugger.as_mut(), diagnostics));
        }
        (sections, obsolete_start)
    }

    fn lead(&self, span: Range<usize>, data: Collected) -> Section {
        let mut text = String::new();
        push_without(&mut text, self.text, &span, &skipped(&data));
        Section {
            id: SectionId::from(LEAD_ID),
            id_derived: false,
            kind: SectionKind::Lead,
            level: 0,
            heading: String::new(),
            heading_span: span.start..span.start,
            line: self.index.line(span.start),
            is_blank: text.trim().is_empty(),
            fingerprint: LazyFingerprint::of_text(text),
            span,
            required: !data.required.is_empty(),
            marker: data.marker,
            chars: self.options.count_characters.then_some(data.chars),
            blocks: data.blocks,
            links: data.links,
            code: data.code,
            link_targets: data.link_targets,
        }
    }

    fn headed(
        &self,
        head: &Head,
        end: usize,
        data: Collected,
        slugger: Option<&mut Slugger>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Section {
        let heading_span = self.line_span(&head.span);
        let heading_text = &self.text[heading_span.clone()];
        let first_line = trim_eol(match memchr::memchr(b'\n', heading_text.as_bytes()) {
            Some(newline) => &heading_text[..=newline],
            None => heading_text,
        });
        let (parsed, text_line) = parse_heading(heading_text);
        if parsed.setext {
            diagnostics.push(Diagnostic::warning(
                Problem::SetextHeading,
                heading_span.clone(),
            ));
        }
        let attr_span = parsed
            .attributes
            .clone()
            .map(|r| heading_span.start + r.start..heading_span.start + r.end);
        let attributes_read = head.id.is_some() || head.has_attributes;
        let setext = parsed.setext;
        let heading = parsed.into_text(attributes_read);
        // Goldmark (Hugo) slugs the heading's line as written (a link's destination, an
        // entity, inline HTML included), and an underlined heading of several lines by its
        // last line alone (Hugo 0.111 gives `Two\nlines\n---` the id `lines`);
        // github-slugger slugs the text it renders.
        let last_line;
        let slugged = match self.options.id_style {
            IdStyle::Hugo if setext && text_line.start > 0 => {
                let line = &heading_text[text_line.clone()];
                let indent = line.len() - line.trim_start_matches(' ').len();
                last_line = parse_heading_text(line, indent, true).into_text(attributes_read);
                last_line.as_str()
            }
            IdStyle::Hugo => heading.as_str(),
            _ => head.plain.as_str(),
        };
        // MDX has no `{#id}`: React's documentation writes `{/*id*/}`.
        let comment = match self.options.dialect {
            Dialect::Mdx => comment_id(&heading_text[text_line]),
            _ => None,
        };
        let mut id_derived = false;
        let id = match (&head.id, &attr_span) {
            _ if comment.is_some() => {
                let id = comment.map(|(id, _)| id).unwrap_or_default();
                if let Some(slugger) = slugger {
                    slugger.reserve(&id);
                }
                id
            }
            (None, _) if slugger.is_some() && !head.has_bare_word => {
                id_derived = true;
                let id = slugger.and_then(|s| s.slug(slugged)).unwrap_or_default();
                if !is_valid_id(&id) {
                    diagnostics.push(Diagnostic::error(
                        Problem::UnusableDerivedId {
                            style: self.options.id_style.name(),
                            id,
                        },
                        heading_span.start..heading_span.start + first_line.len(),
                    ));
                    String::new()
                } else {
                    id
                }
            }
            (Some(id), _) if !head.has_bare_word => {
                if let Some(slugger) = slugger {
                    slugger.reserve(id);
                }
                id.clone()
            }
            (Some(_), Some(attr)) if head.has_bare_word => {
                // `{#has space}`: the id the author meant has a space in it.
                let written = self.text[attr.clone()].trim_matches(['{', '}', '#']);
                diagnostics.push(Diagnostic::error(
                    Problem::InvalidId(written.to_string()),
                    attr.clone(),
                ));
                String::new()
            }
            (Some(id), _) => id.clone(),
            (None, Some(attr)) if head.has_attributes => {
                // Attributes without an id (`{.class}`) still leave the heading without one.
                diagnostics.push(Diagnostic::error(Problem::HeadingWithoutId, attr.clone()));
                String::new()
            }
            _ => {
                let at = heading_span.start..heading_span.start + first_line.len();
                diagnostics.push(Diagnostic::error(Problem::HeadingWithoutId, at));
                String::new()
            }
        };
        let id_derived = id_derived && !id.is_empty();
        // `## Heading` on a line of its own, then the body: sized to hold it all, as it
        // is kept as it is (see `LazyFingerprint`).
        let body = heading_span.end.min(end)..end;
        let level = usize::from(head.level);
        let mut fingerprinted = String::with_capacity(level + heading.len() + 2 + body.len());
        fingerprinted.extend(std::iter::repeat_n('#', level));
        fingerprinted.push(' ');
        fingerprinted.push_str(&heading);
        fingerprinted.push('\n');
        push_without(&mut fingerprinted, self.text, &body, &skipped(&data));
        Section {
            id: SectionId(id),
            id_derived,
            kind: SectionKind::Heading,
            level: head.level,
            heading,
            span: heading_span.start..end,
            line: self.index.line(heading_span.start),
            heading_span,
            required: !data.required.is_empty(),
            marker: data.marker,
            fingerprint: LazyFingerprint::of_text(fingerprinted),
            chars: self.options.count_characters.then_some(data.chars),
            blocks: data.blocks,
            links: data.links,
            code: data.code,
            link_targets: data.link_targets,
            is_blank: false,
        }
    }

    /// The destination part of a link or image spanning `span`: all of an autolink,
    /// `](…)` of an inline link; reference links have theirs in a definition.
    fn link_target(&self, link_type: LinkType, span: &Range<usize>) -> Option<Range<usize>> {
        match link_type {
            LinkType::Autolink | LinkType::Email => Some(span.clone()),
            LinkType::Inline => {
                let at = self.text.get(span.clone())?.rfind("](")?;
                Some(span.start + at + 1..span.end)
            }
            _ => None,
        }
    }

    /// The length in bytes of the character at `at` (0 at the end of the text).
    fn char_len_at(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8)
    }

    /// The full lines covering `span`, line ending of the last one included.
    fn line_span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.line_start_of(span.start);
        // The last byte of the span, moved back to a character boundary: a span can end in
        // a multi-byte character at the very end of the file.
        let mut last = (span.end.max(span.start + 1) - 1).min(self.text.len());
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let end = match memchr::memchr(b'\n', &self.text.as_bytes()[last..]) {
            Some(i) => last + i + 1,
            None => self.text.len(),
        };
        start..end.max(span.end).min(self.text.len())
    }

    /// Files an opaque MDX block found before the next event: a yaku line (`{/* yaku:… */}`)
    /// is read as the directive it is, anything else is an opaque block of the section.
    /// Returns where the obsolete area starts when the block is its first line.
    fn place_opaque(
        &self,
        opaque: Opaque,
        in_obsolete: bool,
        collected: &mut Collected,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let record = self.options.check_summaries;
        if !opaque.is_yaku {
            collected.add_block(record.then(|| opaque_block(opaque)));
            return None;
        }
        let line = &self.text[opaque.span.clone()];
        let first_block = collected.marker_may_come();
        match self.directive(line.trim(), opaque.span.clone(), !in_obsolete, diagnostics) {
            Directive::Obsolete => return Some(opaque.span.start),
            Directive::Marker(marker) if first_block => {
                collected.marker = Some((marker, self.line_span(&opaque.span)));
            }
            Directive::Marker(_) => diagnostics.push(Diagnostic::error(
                Problem::MalformedDirective(
                    "a translation marker belongs on the line right after the heading".into(),
                ),
                opaque.span,
            )),
            Directive::Required => collected.required.push(self.line_span(&opaque.span)),
            Directive::Component(name) => collected
                .add_block(record.then(|| block(BlockKind::Component { name }, opaque.span))),
            Directive::None => collected.add_block(record.then(|| opaque_block(opaque))),
        }
        None
    }

    fn directive(
        &self,
        html: &str,
        span: Range<usize>,
        obsolete_allowed: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Directive {
        let dialect = self.options.dialect;
        let is_obsolete_marker =
            html == OBSOLETE_MARKER || (dialect == Dialect::Mdx && html == OBSOLETE_MARKER_MDX);
        if is_obsolete_marker && obsolete_allowed {
            return Directive::Obsolete;
        }
        let Some(inner) = dialect.comment_inner(html) else {
            return Directive::None;
        };
        let Some(rest) = inner.strip_prefix("yaku:") else {
            return Directive::None;
        };
        if let Some(parsed) = Marker::parse_words(inner) {
            return match parsed {
                Ok(marker) => Directive::Marker(marker),
                Err(reason) => {
                    diagnostics.push(Diagnostic::error(Problem::MalformedDirective(reason), span));
                    Directive::None
                }
            };
        }
        let mut words = rest.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("component"), Some(name), None) => {
                if !is_valid_id(name) {
                    diagnostics.push(Diagnostic::error(
                        Problem::MalformedDirective(format!(
                            "`{name}` is not a valid component name"
                        )),
                        span,
                    ));
                } else if let Some(known) = &self.options.known_components {
                    if !known.contains(name) {
                        diagnostics.push(Diagnostic::error(
                            Problem::UnknownComponent(name.to_string()),
                            span.clone(),
                        ));
                    }
                }
                Directive::Component(name.to_string())
            }
            (Some("component"), _, _) => {
                diagnostics.push(Diagnostic::error(
                    Problem::MalformedDirective(
                        "a component directive names exactly one component".into(),
                    ),
                    span,
                ));
                Directive::None
            }
            (Some("required"), None, None) => Directive::Required,
            (Some("obsolete"), None, None) => {
                diagnostics.push(Diagnostic::error(
                    Problem::MalformedDirective("the obsolete area cannot be nested".into()),
                    span,
                ));
                Directive::None
            }
            (word, _, _) => {
                diagnostics.push(Diagnostic::error(
                    Problem::MalformedDirective(format!(
                        "unknown directive `yaku:{}`",
                        word.unwrap_or("")
                    )),
                    span,
                ));
                Directive::None
            }
        }
    }

    /// Reads the obsolete area that starts at `start` and runs to the end of the file.
    /// Anything that does not have the shape sync writes (text after the area, text in it
    /// outside a parked section, a line that would end it early) is an error, so that no
    /// command rewrites a file whose text it would not keep.
    fn obsolete_area(&self, start: usize, diagnostics: &mut Vec<Diagnostic>) -> ObsoleteArea {
        let empty = |text: String, sections: Vec<Section>| ObsoleteArea {
            span: start..self.text.len(),
            text,
            sections,
        };
        let marker_line = self.text[start..].lines().next().unwrap_or("");
        let unterminated = Diagnostic::error(
            Problem::UnterminatedObsoleteArea,
            start..start + marker_line.trim_end().len(),
        );
        let mut lines = lines_in(self.text, start..self.text.len()).skip(1);
        // The opening line: the first line after the marker that is not blank.
        let Some((open_span, open_line)) =
            lines.find(|(_, line)| !trim_eol(line).trim().is_empty())
        else {
            diagnostics.push(unterminated);
            return empty(String::new(), Vec::new());
        };
        let Some(form) = AreaForm::of_open(trim_eol(open_line).trim(), self.options.dialect) else {
            let (open, marker) = match self.options.dialect {
                Dialect::Mdx => (crate::OBSOLETE_OPEN_MDX, OBSOLETE_MARKER_MDX),
                _ => (OBSOLETE_OPEN, OBSOLETE_MARKER),
            };
            diagnostics.push(Diagnostic::error(
                Problem::MalformedDirective(format!(
                    "expected `{open}` on the line after `{marker}`"
                )),
                open_span,
            ));
            return empty(String::new(), Vec::new());
        };
        let close = form.close();
        // The first line that would end the area must be the closing line, alone.
        let Some((close_span, close_line)) = lines.find(|(_, line)| form.closes(line)) else {
            diagnostics.push(unterminated);
            return empty(String::new(), Vec::new());
        };
        if trim_eol(close_line).trim() != close {
            diagnostics.push(Diagnostic::error(
                Problem::ObsoleteAreaEndsEarly(close.to_string()),
                close_span.clone(),
            ));
        }
        let after = &self.text[close_span.end..];
        if let Some(offset) = after.find(|c: char| !c.is_whitespace()) {
            let at = close_span.end + offset;
            diagnostics.push(Diagnostic::error(
                Problem::TextAfterObsoleteArea,
                self.line_span(&(at..at + 1)),
            ));
        }

        let raw = &self.text[open_span.end..close_span.start];
        let text = form.unescape(raw);
        let index = LineIndex::new(&text);
        let inner = Cutter {
            text: &text,
            index: &index,
            options: self.options,
            first_line_start: 0,
        };
        let mut found = Vec::new();
        let (mut sections, _) = inner.cut(0..text.len(), None, &mut found);
        if let Some(lead) = sections.first().filter(|s| s.kind == SectionKind::Lead) {
            if !lead.is_blank {
                let at = lead.span.start
                    + (text[lead.span.clone()].len() - text[lead.span.clone()].trim_start().len());
                found.push(Diagnostic::error(
                    Problem::TextOutsideParkedSection,
                    inner.line_span(&(at..at + 1)),
                ));
            }
        }
        sections.retain(|s| s.kind == SectionKind::Heading);
        check_ids(&sections, &mut found);
        // Escaping changes no line: line n of the parked text is line n of the area.
        let lines_before = self.index.line(open_span.end) - 1;
        for section in &mut sections {
            section.line += lines_before;
        }
        for mut diagnostic in found {
            if let Problem::DuplicateId { first_line, .. } = &mut diagnostic.problem {
                *first_line += lines_before;
            }
            let to_file = |offset: usize| {
                let line = index.line(offset);
                let within = offset - index.line_start(line);
                let file_line = line + lines_before;
                let line_start = self.index.line_start(file_line);
                let line_end = self.index.line_start(file_line + 1).max(line_start);
                let mut at = (line_start + within).min(line_end).min(self.text.len());
                while !self.text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            diagnostic.span = to_file(diagnostic.span.start)..to_file(diagnostic.span.end);
            diagnostics.push(diagnostic);
        }
        empty(text, sections)
    }
}

enum Directive {
    Required,
    None,
    Marker(Marker),
    Component(String),
    Obsolete,
}

/// What kind of block `text` (all of a top-level block, from its first line) is when it
/// is one that only a closing line ends (a fenced code block, an HTML comment, an HTML
/// block of kinds 1 to 5 of CommonMark) and that closing line is missing.
fn unclosed_block(tag: &Tag<'_>, text: &str) -> Option<&'static str> {
    let first = text.lines().next().unwrap_or("");
    let opening = first.trim_start_matches(' ');
    match tag {
        Tag::CodeBlock(CodeBlockKind::Fenced(_)) => {
            let fence = opening.chars().next()?;
            let width = opening.len() - opening.trim_start_matches(fence).len();
            let closed = text.lines().skip(1).any(|line| {
                let fence_line = line.trim_start_matches(' ');
                let indent = line.len() - fence_line.len();
                let fence_line = fence_line.trim_end();
                indent <= 3 && fence_line.len() >= width && fence_line.chars().all(|c| c == fence)
            });
            (!closed).then_some("code block")
        }
        Tag::HtmlBlock => {
            let lower = opening.to_ascii_lowercase();
            let (end, what): (&[&str], _) = if ["<script", "<pre", "<style", "<textarea"]
                .iter()
                .any(|tag| {
                    lower
                        .strip_prefix(tag)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '>']))
                }) {
                (
                    &["</script>", "</pre>", "</style>", "</textarea>"],
                    "HTML block",
                )
            } else if lower.starts_with("<!--") {
                (&["-->"], "HTML comment")
            } else if lower.starts_with("<?") {
                (&["?>"], "HTML block")
            } else if lower.starts_with("<![cdata[") {
                (&["]]>"], "HTML block")
            } else if lower.starts_with("<!") {
                (&[">"], "HTML block")
            } else {
                // Other HTML blocks end at a blank line.
                return None;
            };
            let text = text.to_ascii_lowercase();
            (!end.iter().any(|end| text.contains(end))).then_some(what)
        }
        _ => None,
    }
}

/// Whether an element counts as a level of nesting: those that can hold themselves
/// (block quotes, lists, emphasis, links, images, footnotes). A list item is its list's
/// level; paragraphs, headings, tables and code are at most one level more.
fn is_level(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Item
            | TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// What a top-level paragraph is, by its first line: one that opens with a Hugo
/// shortcode (`{{< note >}}`, `{{% tab %}}`; not a closing one) or a Docusaurus
/// admonition (`:::tip`) is that; any other is a paragraph.
fn paragraph_kind(text: &str) -> BlockKind {
    // Both open with `{` or `:`: most paragraphs are known by their first character,
    // without finding the end of their first line.
    if !text.trim_start().starts_with(['{', ':']) {
        return BlockKind::Paragraph;
    }
    first_line_kind(text)
}

/// [`paragraph_kind`], read from the first line.
fn first_line_kind(text: &str) -> BlockKind {
    let first = text.lines().next().unwrap_or("").trim();
    for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] {
        if let Some(rest) = first.strip_prefix(open) {
            let rest = rest.trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
                .collect();
            if !name.is_empty() && !name.starts_with('/') && first.contains(close) {
                return BlockKind::Shortcode { name };
            }
        }
    }
    if let Some(rest) = first.strip_prefix(":::") {
        let kind: String = rest
            .trim_start_matches(':')
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if !kind.is_empty() {
            return BlockKind::Admonition { kind };
        }
    }
    BlockKind::Paragraph
}

/// The block of an opaque MDX construct.
fn opaque_block(opaque: Opaque) -> Block {
    block(
        BlockKind::Mdx {
            construct: opaque.construct,
        },
        opaque.span,
    )
}

fn block(kind: BlockKind, span: Range<usize>) -> Block {
    Block {
        kind,
        span,
        children: Vec::new(),
    }
}

fn block_kind(tag: &Tag<'_>) -> Option<BlockKind> {
    Some(match tag {
        Tag::Paragraph => BlockKind::Paragraph,
        Tag::List(start) => BlockKind::List {
            ordered: start.is_some(),
            items: 0,
        },
        Tag::Table(alignments) => BlockKind::Table {
            columns: alignments.len(),
            rows: 0,
        },
        Tag::BlockQuote(Some(kind)) => BlockKind::Callout {
            kind: CalloutKind::from(*kind),
        },
        Tag::BlockQuote(None) => BlockKind::Quote,
        Tag::CodeBlock(CodeBlockKind::Fenced(info)) => BlockKind::Code {
            info: info.to_string(),
        },
        Tag::CodeBlock(CodeBlockKind::Indented) => BlockKind::Code {
            info: String::new(),
        },
        _ => return None,
    })
}

/// The last line of text of a heading inside a list or quote, as far as it has been read:
/// where Goldmark's slug of an underlined heading of several lines comes from.
struct NestedHeadingLine {
    /// Where the line starts in the file: the heading's start, or the end of the last
    /// line break read in it (before the container's `>` marks and indentation).
    start: usize,
    /// The heading has an `{#id}`: the attribute block is then not part of its text.
    with_id: bool,
}

impl NestedHeadingLine {
    /// The line's text as Goldmark slugs it (see [`Cutter::headed`]).
    fn text(&self, file: &str) -> String {
        let rest = &file[self.start..];
        let line =
            trim_eol(&rest[..memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1)]);
        // A line after the first starts with its container's `>` marks and indentation
        // (its text cannot start with `>`, which would open a quote).
        let line = line.trim_start_matches([' ', '\t', '>']);
        let parsed = parse_heading_text(line, 0, true);
        let read = parsed.attributes.is_some() && self.with_id;
        parsed.into_text(read)
    }
}

/// The lines of a section that are not its text: the marker and `yaku:required` lines.
fn skipped(data: &Collected) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = data.marker.iter().map(|(_, line)| line.clone()).collect();
    lines.extend(data.required.iter().cloned());
    lines.sort_by_key(|r| r.start);
    lines
}

/// Appends to `out` the text of `span` with the `skip` ranges (sorted, within `span`)
/// left out, reserving no more room than that takes.
fn push_without(out: &mut String, text: &str, span: &Range<usize>, skip: &[Range<usize>]) {
    let mut len = 0;
    for_each_kept(span, skip, |kept| len += kept.len());
    out.reserve_exact(len);
    for_each_kept(span, skip, |kept| out.push_str(&text[kept]));
}

/// Calls `f` with each part of `span` that is outside the `skip` ranges, in order.
fn for_each_kept(span: &Range<usize>, skip: &[Range<usize>], mut f: impl FnMut(Range<usize>)) {
    let mut at = span.start;
    for range in skip {
        if range.start >= at && range.end <= span.end {
            f(at..range.start);
            at = range.end;
        }
    }
    f(at..span.end);
}

/// Whether `id` is a valid section id or component name: `[a-z0-9-]+`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The parts of a heading's line (or, from [`parse_heading`], of a whole heading).
pub(crate) struct HeadingLine {
    /// The heading text without `#` marks and attribute block.
    pub text: String,
    /// The heading text with a trailing `{…}` kept (when it was not an attribute block).
    pub text_with_braces: String,
    /// The byte range of a trailing `{…}` within the line (within the heading, from
    /// [`parse_heading`]).
    pub attributes: Option<Range<usize>>,
    /// The line is not an ATX heading (an underlined heading's first line).
    pub setext: bool,
}

impl HeadingLine {
    /// The heading's text: without its trailing `{…}` when pulldown-cmark read that as
    /// attributes (`attributes_read`), with it otherwise, as the renderers show it.
    pub(crate) fn into_text(self, attributes_read: bool) -> String {
        if attributes_read {
            self.text
        } else {
            self.text_with_braces
        }
    }
}

pub(crate) fn parse_heading_line(line: &str) -> HeadingLine {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let after_indent = &line[indent..];
    let hashes = after_indent.len() - after_indent.trim_start_matches('#').len();
    parse_heading_text(line, indent + hashes, hashes == 0)
}

/// The parts of a whole heading, its lines as [`Section::heading_span`] holds them, and
/// the range of the line its text ends on (without the line ending). That line is where
/// pulldown-cmark reads an attribute block, and where `{#id}` is written: an ATX
/// heading's only line, or an underlined heading's last line above the underline. An
/// underlined heading of several lines has them joined by a space as its text.
pub(crate) fn parse_heading(heading: &str) -> (HeadingLine, Range<usize>) {
    let first_end = memchr::memchr(b'\n', heading.as_bytes()).map_or(heading.len(), |i| i + 1);
    let first = trim_eol(&heading[..first_end]);
    // An ATX heading is one line (and `#word` with no space after the `#` is text that
    // an underline can make a heading).
    if first_end == heading.len() {
        return (parse_heading_line(first), 0..first.len());
    }
    // After the first line: any further lines of text, then the underline.
    let rest: Vec<&str> = heading[first_end..].split_inclusive('\n').collect();
    let Some((_underline, more_text)) = rest.split_last() else {
        return (parse_heading_line(first), 0..first.len());
    };
    let setext_line = |line: &str| {
        let indent = line.len() - line.trim_start_matches(' ').len();
        parse_heading_text(line, indent, true)
    };
    let Some((last, between)) = more_text.split_last() else {
        return (setext_line(first), 0..first.len());
    };
    let last_start = heading.len() - rest.iter().map(|l| l.len()).sum::<usize>()
        + between.iter().map(|l| l.len()).sum::<usize>();
    let last_line = trim_eol(last);
    let end = setext_line(last_line);
    let earlier: Vec<&str> = std::iter::once(first)
        .chain(between.iter().copied())
        .map(str::trim)
        .collect();
    let joined = |last: &str| {
        let mut text = earlier.join(" ");
        if !last.is_empty() {
            text.push(' ');
            text.push_str(last);
        }
        text
    };
    let heading_line = HeadingLine {
        text: joined(&end.text),
        text_with_braces: joined(&end.text_with_braces),
        attributes: end
            .attributes
            .map(|r| last_start + r.start..last_start + r.end),
        setext: true,
    };
    (heading_line, last_start..last_start + last_line.len())
}

/// The parts of a heading line whose text starts at `content_start` (after the `#`
/// marks of an ATX heading); `setext` for a line of an underlined heading, which has no
/// closing `#` marks.
fn parse_heading_text(line: &str, content_start: usize, setext: bool) -> HeadingLine {
    let content = &line[content_start..];
    // An attribute block as pulldown-cmark reads one: at the very end (before spaces
    // and tabs only, not other white space such as an ideographic space), a `{` and a
    // `}` with none of `{}<>\` between them.
    // (Byte by byte: every character looked for is ASCII, which no other contains.)
    let spaces = content
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b' ' | b'\t'));
    let content_trimmed_end = &content[..content.len() - spaces.count()];
    let mut attributes = None;
    let mut text_end = content_start + content_trimmed_end.len();
    if let Some(inner) = content_trimmed_end.strip_suffix('}') {
        let open = inner
            .bytes()
            .rposition(|b| matches!(b, b'{' | b'}' | b'<' | b'>' | b'\\'));
        if let Some(open) = open.filter(|&at| inner.as_bytes()[at] == b'{') {
            let abs_open = content_start + open;
            attributes = Some(abs_open..content_start + content_trimmed_end.len());
            text_end = abs_open;
        }
    }
    let strip_closing = |s: &str| -> String {
        let t = s.trim();
        if setext {
            return t.to_string();
        }
        let without_hashes = t.trim_end_matches('#');
        if without_hashes.len() < t.len()
            && (without_hashes.is_empty() || without_hashes.ends_with(' '))
        {
            without_hashes.trim().to_string()
        } else {
            t.to_string()
        }
    };
    let text_with_braces = strip_closing(content_trimmed_end);
    // Without an attribute block the two texts are one.
    let text = match attributes {
        Some(_) => strip_closing(&line[content_start..text_end]),
        None => text_with_braces.clone(),
    };
    HeadingLine {
        text,
        text_with_braces,
        attributes,
        setext,
    }
}

/// Reports invalid, reserved and repeated ids; a repeat names the line of the first.
fn check_ids(sections: &[Section], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(sections.len(), Default::default());
    for section in sections.iter().filter(|s| s.kind == SectionKind::Heading) {
        let id = section.id.as_str();
        if id.is_empty() {
            continue;
        }
        let span = section.heading_span.clone();
        let span = span.start..span.end.saturating_sub(1).max(span.start);
        if !is_valid_id(id) {
            diagnostics.push(Diagnostic::error(Problem::InvalidId(id.to_string()), span));
        } else if id == LEAD_ID || id == FRONT_MATTER_ID {
            diagnostics.push(Diagnostic::error(Problem::ReservedId(id.to_string()), span));
        } else if let Some(first_line) = seen.get(id) {
            diagnostics.push(Diagnostic::error(
                Problem::DuplicateId {
                    id: id.to_string(),
                    first_line: *first_line,
                },
                span,
            ));
        } else {
            seen.insert(id, section.line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The test on the first character never decides otherwise than the first line.
        #[test]
        fn paragraph_kind_is_the_first_lines(
            space in "[ \t\n\u{3000}]{0,3}",
            open in prop::sample::select(vec!["{{<", "{{%", ":::", "{{", "::", "x", ""]),
            rest in "[ \t\n{}<>%:/a-z_-]{0,16}",
        ) {
            let text = format!("{space}{open}{rest}");
            prop_assert_eq!(paragraph_kind(&text), first_line_kind(&text));
        }
    }

    #[test]
    fn paragraph_kinds() {
        assert!(
            matches!(paragraph_kind("{{< note >}}\ntext"), BlockKind::Shortcode { name } if name == "note")
        );
        assert!(
            matches!(paragraph_kind("  :::tip Title"), BlockKind::Admonition { kind } if kind == "tip")
        );
        assert_eq!(paragraph_kind("{{< /note >}}"), BlockKind::Paragraph);
        assert_eq!(paragraph_kind("Text {{< note >}}"), BlockKind::Paragraph);
    }
}
