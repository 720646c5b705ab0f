//! Markdown of one section → structured blocks and inline runs.
//!
//! pulldown-cmark gives the events; this module folds them into the [`Block`] and
//! [`Inline`] trees of the JSON, splits citations out of text runs, resolves component
//! directives through a callback, and drops yaku's own comments.

use std::cell::Cell;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};
use yaku_content::{
    extract_citations, markdown_options, Dialect, Document, SectionEvents, MAX_NESTING,
};

use crate::model::{Block, CalloutKind, Inline, ListItem, TableAlignment};

/// Resolves a component directive to a block, or says why it cannot.
pub type ResolveComponent<'a> = dyn FnMut(&str) -> Result<Block, String> + 'a;

/// How many elements may be open at once while folding: a list level is two (the list
/// and its item), so this is above what the document model lets through
/// ([`MAX_NESTING`]). It bounds the depth of the trees built here, and so every recursion
/// over them (rendering, serializing, dropping).
pub const MAX_FOLD_DEPTH: usize = 2 * MAX_NESTING + 8;

/// Why a section's Markdown cannot be folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoldError {
    /// A component directive cannot be resolved.
    Component(String),
    /// Elements are nested more than [`MAX_FOLD_DEPTH`] deep.
    TooDeep,
}

/// An open element while folding events.
enum Open {
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    List {
        ordered: bool,
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item(Vec<Block>),
    Quote(Option<CalloutKind>, Vec<Block>),
    Table {
        alignments: Vec<TableAlignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Code {
        info: String,
        text: String,
    },
    Span(SpanKind, Vec<Inline>),
    Image {
        src: String,
        alt: String,
    },
    /// Inline content that pulldown-cmark gives without a paragraph (tight list items).
    Implicit(Vec<Inline>),
    /// An element whose content is dropped or kept as is.
    Other,
}

enum SpanKind {
    Emphasis,
    Strong,
    Strikethrough,
    Link { href: String, title: String },
}

/// Converts the body of a section (heading line and marker excluded) into blocks.
pub fn blocks_of(text: &str, resolve: &mut ResolveComponent<'_>) -> Result<Vec<Block>, FoldError> {
    let mut fold = Fold::default();
    for event in Parser::new_ext(text, markdown_options()) {
        fold.event(&event);
    }
    let has_components = fold.has_components;
    let mut blocks = fold.finish()?;
    if has_components {
        resolve_components(&mut blocks, resolve)?;
    }
    Ok(blocks)
}

/// Blocks folded from pulldown-cmark events given one at a time: [`blocks_of`] gives it
/// the events of a section's text, [`FoldedSections`] those of the document's parse.
/// Components are left pending (see [`pending_component`]): the fold does not depend on
/// the locale, and [`resolve_components`] resolves them in one.
#[derive(Default)]
pub(crate) struct Fold {
    stack: Vec<Open>,
    top: Vec<Block>,
    error: Option<FoldError>,
    /// Whether a component was met (only then are blocks searched for pending ones).
    has_components: bool,
    /// Whether a citation was split out (only then are blocks walked to resolve them).
    has_citations: bool,
}

impl Fold {
    /// Folds one event in; after an error, the rest are ignored.
    pub(crate) fn event(&mut self, event: &Event<'_>) {
        if self.error.is_some() {
            return;
        }
        if self.stack.len() > MAX_FOLD_DEPTH {
            self.error = Some(FoldError::TooDeep);
            return;
        }
        let (stack, top) = (&mut self.stack, &mut self.top);
        match event {
            // An HTML block's content arrives as `Html` events, handled on their own.
            Event::Start(Tag::HtmlBlock) => close_implicit(stack, top),
            Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(tag) => {
                if is_block_tag(tag) {
                    close_implicit(stack, top);
                }
                stack.push(open(tag));
            }
            Event::End(end) => {
                if !matches!(end, TagEnd::Paragraph) && is_block_end(end) {
                    close_implicit(stack, top);
                }
                if let Some(element) = stack.pop() {
                    close(element, stack, top);
                }
            }
            Event::Text(t) => {
                if let Some(Open::Code { text, .. }) = stack.last_mut() {
                    text.push_str(t);
                } else if let Some(Open::Image { alt, .. }) = stack.last_mut() {
                    alt.push_str(t);
                } else {
                    self.has_citations |= push_text(stack, top, t);
                }
            }
            Event::Code(t) => push_inline(
                stack,
                top,
                Inline::Code {
                    text: t.to_string(),
                },
            ),
            Event::InlineHtml(t) => {
                if !t.trim_start().starts_with("<!--") {
                    push_inline(
                        stack,
                        top,
                        Inline::Html {
                            text: t.to_string(),
                        },
                    );
                }
            }
            Event::Html(t) => {
                if let Some(block) = html_block(t.trim()) {
                    self.has_components |= matches!(block, Block::Component { .. });
                    push_block(stack, top, block);
                }
            }
            Event::SoftBreak => push_inline(stack, top, Inline::SoftBreak),
            Event::HardBreak => push_inline(stack, top, Inline::HardBreak),
            Event::Rule => {
                close_implicit(stack, top);
                push_block(stack, top, Block::Rule);
            }
            Event::TaskListMarker(done) => push_inline(
                stack,
                top,
                Inline::Text(if *done { "☑ " } else { "☐ " }.to_string()),
            ),
            Event::FootnoteReference(name) => {
                push_inline(stack, top, Inline::Text(format!("[^{name}]")))
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => push_inline(
                stack,
                top,
                Inline::Code {
                    text: t.to_string(),
                },
            ),
        }
    }

    /// The blocks, once every event is in.
    pub(crate) fn finish(mut self) -> Result<Vec<Block>, FoldError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        while let Some(element) = self.stack.pop() {
            close(element, &mut self.stack, &mut self.top);
        }
        Ok(self.top)
    }
}

/// The blocks of each section of one document, folded from the events of its parse
/// ([`yaku_content::parse_text_with`]) so that the build does not parse its text again.
/// Components are left pending: they are resolved in each locale the section is
/// published in ([`FoldedSections::blocks`]).
#[derive(Default)]
pub struct FoldedSections {
    folds: Vec<Fold>,
}

/// What [`FoldedSections`] keeps of one section once the parse is over.
struct FoldedSection {
    blocks: Result<Vec<Block>, FoldError>,
    has_components: bool,
    has_citations: bool,
}

/// A section's blocks as [`SectionBlocks::blocks`] gives them.
#[derive(Debug, PartialEq)]
pub(crate) struct SectionFold {
    /// The blocks, components resolved.
    pub(crate) blocks: Vec<Block>,
    /// Whether any inline run among them is a citation: a section without one need not
    /// be walked to resolve citations.
    pub(crate) has_citations: bool,
}

/// The blocks of each section of one parsed document (see [`FoldedSections`]).
pub struct SectionBlocks {
    /// By section index; `None` once moved out ([`SectionBlocks::blocks`]).
    sections: Vec<Cell<Option<FoldedSection>>>,
}

impl SectionEvents for FoldedSections {
    fn event(&mut self, section: usize, event: &Event<'_>) {
        if self.folds.len() <= section {
            self.folds.resize_with(section + 1, Fold::default);
        }
        self.folds[section].event(event);
    }
}

impl FoldedSections {
    /// The sections' blocks, once the parse that fed them is over. `None` when the parse
    /// gave no events, which an MDX document's does not ([`SectionEvents`]).
    pub fn finish(self, document: &Document) -> Option<SectionBlocks> {
        if document.dialect == Dialect::Mdx {
            return None;
        }
        let sections = self
            .folds
            .into_iter()
            .map(|fold| {
                Cell::new(Some(FoldedSection {
                    has_components: fold.has_components,
                    has_citations: fold.has_citations,
                    blocks: fold.finish(),
                }))
            })
            .collect();
        Some(SectionBlocks { sections })
    }
}

impl SectionBlocks {
    /// The blocks of the section at `index` of the document, its components resolved
    /// by `resolve`. When `take`, they are moved out (a translation's sections are
    /// published once, in its own locale); otherwise copied (a source section may be
    /// published in every locale). `None` when they were moved out already.
    pub(crate) fn blocks(
        &self,
        index: usize,
        take: bool,
        resolve: &mut ResolveComponent<'_>,
    ) -> Option<Result<SectionFold, FoldError>> {
        let Some(cell) = self.sections.get(index) else {
            // No event reached it: a section without a body.
            return Some(Ok(SectionFold {
                blocks: Vec::new(),
                has_citations: false,
            }));
        };
        let section = cell.take()?;
        let (has_components, has_citations) = (section.has_components, section.has_citations);
        let mut blocks = if take {
            section.blocks
        } else {
            let copy = section.blocks.clone();
            cell.set(Some(section));
            copy
        };
        if let (Ok(blocks), true) = (&mut blocks, has_components) {
            if let Err(error) = resolve_components(blocks, resolve) {
                return Some(Err(error));
            }
        }
        Some(blocks.map(|blocks| SectionFold {
            blocks,
            has_citations,
        }))
    }
}

/// A component directive's block before its locale is known: [`resolve_components`]
/// replaces it. (A resolved component always names the locale its string came from.)
fn pending_component(name: &str) -> Block {
    Block::Component {
        name: name.to_string(),
        locale: String::new(),
        value: None,
        attributes: Default::default(),
    }
}

/// Resolves the pending components of `blocks` (see [`pending_component`]) in document
/// order; the first that cannot be resolved is the error.
fn resolve_components(
    blocks: &mut [Block],
    resolve: &mut ResolveComponent<'_>,
) -> Result<(), FoldError> {
    blocks
        .iter_mut()
        .try_for_each(|b| resolve_pending(b, resolve))
}

/// [`resolve_components`] in one block.
fn resolve_pending(block: &mut Block, resolve: &mut ResolveComponent<'_>) -> Result<(), FoldError> {
    match block {
        Block::Component { name, locale, .. } if locale.is_empty() => {
            *block = resolve(name).map_err(FoldError::Component)?;
        }
        Block::List { items, .. } => {
            for block in items.iter_mut().flat_map(|item| &mut item.blocks) {
                resolve_pending(block, resolve)?;
            }
        }
        Block::Callout { blocks, .. } | Block::Quote { blocks } => {
            for block in blocks {
                resolve_pending(block, resolve)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Inline runs of a heading's text (the `{#id}` already removed).
pub fn inlines_of(text: &str) -> Vec<Inline> {
    if is_plain_run(text) {
        return vec![Inline::Text(text.to_string())];
    }
    parsed_inlines(text)
}

/// Whether `text` is one run of plain text as it is, which most headings are: one line,
/// no white space around it, no control character, none of the characters that open
/// inline Markdown, an HTML tag or an entity, and no parenthesis that could hold a
/// citation (one with four digits in a row for its year somewhere in the text). (A line
/// that starts a block other than a paragraph, such as `1. Intro`, is kept as it is too,
/// so the characters that start blocks do not matter.) A heading is then not parsed at
/// all; [`parsed_inlines`] gives the same runs, as a test holds.
fn is_plain_run(text: &str) -> bool {
    /// What may open inline Markdown (emphasis, code, links, images, strikethrough,
    /// escapes, entities, HTML) or a table cell: a bit per ASCII byte.
    const INLINE_SYNTAX: u128 = {
        let (bytes, mut mask, mut i) = (b"\\`*_[]<>!&~|", 0u128, 0);
        while i < bytes.len() {
            mask |= 1 << bytes[i];
            i += 1;
        }
        mask
    };
    let bytes = text.as_bytes();
    let spaced = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_whitespace());
    if spaced(bytes.first()) || spaced(bytes.last()) {
        return false;
    }
    // One pass over the bytes: inline syntax settles it; a parenthesis (`(`, `)`, or
    // `（` and `）`, EF BC 88 and 89) and four digits in a row are noted on the way.
    let (mut parenthesis, mut year, mut digits) = (false, false, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            digits += 1;
            year |= digits >= 4;
            continue;
        }
        digits = 0;
        if b < 128 {
            if b.is_ascii_control() || INLINE_SYNTAX >> b & 1 == 1 {
                return false;
            }
            parenthesis |= b == b'(' || b == b')';
        } else if b == 0xEF {
            parenthesis |= matches!(bytes.get(i + 1..i + 3), Some([0xBC, 0x88 | 0x89]));
        }
    }
    // A citation is parenthesized and has a year.
    !(parenthesis && year)
}

/// Inline runs of `text` as pulldown-cmark parses it: a paragraph's runs, or the text as
/// it is when it is not a paragraph.
fn parsed_inlines(text: &str) -> Vec<Inline> {
    let mut no_components = |_: &str| Err::<Block, String>(String::new());
    match blocks_of(text, &mut no_components) {
        Ok(blocks) => match blocks.into_iter().next() {
            Some(Block::Paragraph(inlines)) => inlines,
            _ => vec![Inline::Text(text.to_string())],
        },
        Err(_) => vec![Inline::Text(text.to_string())],
    }
}

/// The plain text of inline runs.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code { text } | Inline::Citation { text, .. } => {
                out.push_str(text)
            }
            Inline::Emphasis { children }
            | Inline::Strong { children }
            | Inline::Strikethrough { children }
            | Inline::Link { children, .. } => out.push_str(&plain_text(children)),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::Html { .. } => {}
        }
    }
    out
}

/// The block of an HTML block: `None` for yaku's own comments and other comments, a
/// pending component for a component directive.
fn html_block(html: &str) -> Option<Block> {
    if let Some(inner) = html
        .strip_prefix("<!--")
        .and_then(|h| h.strip_suffix("-->"))
    {
        let inner = inner.trim();
        // Every other comment is not content: yaku's markers (a marker is a comment
        // whose words start `yaku:source` or `yaku:untranslated`, which the parse has
        // read already, so they are not read again here), `yaku:required`, and notes.
        return inner
            .strip_prefix("yaku:component")
            .map(|name| pending_component(name.trim()));
    }
    Some(Block::Html {
        text: html.to_string(),
    })
}

fn is_block_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::List(_)
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
    )
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
    )
}

fn open(tag: &Tag<'_>) -> Open {
    match tag {
        Tag::Paragraph => Open::Paragraph(Vec::new()),
        Tag::Heading { level, .. } => Open::Heading(*level as u8, Vec::new()),
        Tag::List(start) => Open::List {
            ordered: start.is_some(),
            start: *start,
            items: Vec::new(),
        },
        Tag::Item => Open::Item(Vec::new()),
        Tag::BlockQuote(kind) => Open::Quote(kind.map(CalloutKind::from), Vec::new()),
        Tag::Table(alignments) => Open::Table {
            alignments: alignments.iter().map(table_alignment).collect(),
            header: Vec::new(),
            rows: Vec::new(),
            in_head: false,
        },
        Tag::TableHead => Open::Row(Vec::new()),
        Tag::TableRow => Open::Row(Vec::new()),
        Tag::TableCell => Open::Cell(Vec::new()),
        Tag::CodeBlock(kind) => Open::Code {
            info: match kind {
                CodeBlockKind::Fenced(info) => info.to_string(),
                CodeBlockKind::Indented => String::new(),
            },
            text: String::new(),
        },
        Tag::Emphasis => Open::Span(SpanKind::Emphasis, Vec::new()),
        Tag::Strong => Open::Span(SpanKind::Strong, Vec::new()),
        Tag::Strikethrough => Open::Span(SpanKind::Strikethrough, Vec::new()),
        Tag::Link {
            dest_url, title, ..
        } => Open::Span(
            SpanKind::Link {
                href: dest_url.to_string(),
                title: title.to_string(),
            },
            Vec::new(),
        ),
        Tag::Image { dest_url, .. } => Open::Image {
            src: dest_url.to_string(),
            alt: String::new(),
        },
        _ => Open::Other,
    }
}

fn close(element: Open, stack: &mut Vec<Open>, top: &mut Vec<Block>) {
    match element {
        Open::Paragraph(inlines) | Open::Implicit(inlines) => {
            push_block(stack, top, Block::Paragraph(inlines))
        }
        Open::Heading(level, inlines) => push_block(stack, top, Block::Heading { level, inlines }),
        Open::List {
            ordered,
            start,
            items,
        } => push_block(
            stack,
            top,
            Block::List {
                ordered,
                start,
                items,
            },
        ),
        Open::Item(blocks) => {
            if let Some(Open::List { items, .. }) = stack.last_mut() {
                items.push(ListItem { blocks });
            }
        }
        Open::Quote(Some(kind), blocks) => push_block(stack, top, Block::Callout { kind, blocks }),
        Open::Quote(None, blocks) => push_block(stack, top, Block::Quote { blocks }),
        Open::Table {
            alignments,
            header,
            rows,
            ..
        } => push_block(
            stack,
            top,
            Block::Table {
                alignments,
                header,
                rows,
            },
        ),
        Open::Row(cells) => {
            if let Some(Open::Table {
                header,
                rows,
                in_head,
                ..
            }) = stack.last_mut()
            {
                if header.is_empty() && !*in_head {
                    *header = cells;
                    *in_head = true;
                } else {
                    rows.push(cells);
                }
            }
        }
        Open::Cell(inlines) => {
            if let Some(Open::Row(cells)) = stack.last_mut() {
                cells.push(inlines);
            }
        }
        Open::Code { info, text } => push_block(stack, top, Block::Code { info, text }),
        Open::Span(kind, children) => {
            let inline = match kind {
                SpanKind::Emphasis => Inline::Emphasis { children },
                SpanKind::Strong => Inline::Strong { children },
                SpanKind::Strikethrough => Inline::Strikethrough { children },
                SpanKind::Link { href, title } => Inline::Link {
                    href,
                    title,
                    children,
                },
            };
            push_inline(stack, top, inline);
        }
        Open::Image { src, alt } => push_inline(stack, top, Inline::Image { src, alt }),
        Open::Other => {}
    }
}

/// Closes an implicit paragraph before a block starts or its container ends.
fn close_implicit(stack: &mut Vec<Open>, top: &mut Vec<Block>) {
    if matches!(stack.last(), Some(Open::Implicit(_))) {
        if let Some(element) = stack.pop() {
            close(element, stack, top);
        }
    }
}

fn push_block(stack: &mut [Open], top: &mut Vec<Block>, block: Block) {
    match stack.last_mut() {
        Some(Open::Item(blocks)) | Some(Open::Quote(_, blocks)) => blocks.push(block),
        Some(_) => {}
        None => top.push(block),
    }
}

/// The inlines of the innermost open element, when it holds inlines.
fn open_inlines(stack: &mut [Open]) -> Option<&mut Vec<Inline>> {
    match stack.last_mut()? {
        Open::Paragraph(inlines)
        | Open::Heading(_, inlines)
        | Open::Cell(inlines)
        | Open::Span(_, inlines)
        | Open::Implicit(inlines) => Some(inlines),
        _ => None,
    }
}

fn push_inline(stack: &mut Vec<Open>, top: &mut Vec<Block>, inline: Inline) {
    if let Some(inlines) = open_inlines(stack) {
        match (inlines.last_mut(), inline) {
            // pulldown-cmark may give one run of text in pieces: it is one run.
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, inline) => inlines.push(inline),
        }
        return;
    }
    match stack.last_mut() {
        Some(Open::Image { alt, .. }) => alt.push_str(&plain_text(&[inline])),
        Some(Open::Item(_)) | Some(Open::Quote(..)) | None => {
            stack.push(Open::Implicit(vec![inline]));
        }
        Some(_) => {}
    }
    let _ = top;
}

/// Pushes a run of text with its citations split out as inlines of their own; true when
/// it held one.
fn push_text(stack: &mut Vec<Open>, top: &mut Vec<Block>, text: &str) -> bool {
    let mut at = 0;
    let mut cited = false;
    for citation in extract_citations(text) {
        if citation.span.start < at {
            continue;
        }
        if citation.span.start > at {
            push_plain(stack, top, &text[at..citation.span.start]);
        }
        push_inline(
            stack,
            top,
            Inline::Citation {
                text: text[citation.span.clone()].to_string(),
                authors: citation.authors,
                year: citation.year,
                // Known once the section's reference list is (`build_document`).
                resolved: false,
            },
        );
        cited = true;
        at = citation.span.end;
    }
    // A run without citations is pushed even when empty, as every run is.
    if at < text.len() || at == 0 {
        push_plain(stack, top, &text[at..]);
    }
    cited
}

/// [`push_inline`] of plain text, appended to the text before it without a copy of its
/// own when there is one (pulldown-cmark may give one run of text in pieces).
fn push_plain(stack: &mut Vec<Open>, top: &mut Vec<Block>, text: &str) {
    if let Some(Inline::Text(last)) = open_inlines(stack).and_then(|inlines| inlines.last_mut()) {
        last.push_str(text);
        return;
    }
    push_inline(stack, top, Inline::Text(text.to_string()));
}

fn table_alignment(alignment: &Alignment) -> TableAlignment {
    match alignment {
        Alignment::None => TableAlignment::None,
        Alignment::Left => TableAlignment::Left,
        Alignment::Center => TableAlignment::Center,
        Alignment::Right => TableAlignment::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Heading-like text: plain words and punctuation, and now and then some Markdown,
    /// HTML, an entity, a citation or white space where it matters.
    fn heading_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let token = prop_oneof![
            8 => "[a-zA-Z0-9 .,:;?#+=\\-{}'\"$^%/@]{1,6}",
            2 => Just("エクソソーム".to_string()),
            1 => prop::sample::select(vec![
                "*a*", "**b**", "_c_", "`d`", "~~e~~", "&amp;", "&#42;", "(Smith, 2020)",
                "Lee (2021)", "（Kim et al., 2019）", "(ADSC-Exos)", "（投与経路）", "(12)",
                "(", ")", "Kim", "2019", "<b>", "<!-- x -->", "[f](g)", "![h](i)",
                "\\*", "|", " ", "\t", "\u{3000}", "\u{0}", "\n", "1. ", "- ", "# ", "    ",
            ])
            .prop_map(str::to_string),
        ];
        prop::collection::vec(token, 0..6).prop_map(|t| t.concat())
    }

    proptest::proptest! {
        #[test]
        fn a_plain_run_is_what_the_parser_makes_of_it(text in heading_text()) {
            if is_plain_run(&text) {
                proptest::prop_assert_eq!(vec![Inline::Text(text.clone())], parsed_inlines(&text), "{:?}", text);
            }
        }
    }

    /// An article made of headings (some with ids, markers or `{.class}` attributes) and
    /// the blocks yaku articles hold: paragraphs with marks, links and citations, lists
    /// nested and tight, quotes and callouts, tables, fences (one maybe unclosed), HTML,
    /// yaku's comments and components, rules, setext headings and blank lines. No link
    /// reference or footnote definition: there the two ways differ on purpose (see
    /// `a_reference_defined_in_another_section_resolves_when_folded`).
    fn article() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "## Heading {#h}\n",
            "## Heading\n",
            "### Sub *heading* (Shah et al., 2025)\n",
            "# Top {.class}\n",
            "<!-- yaku:source 0123456789abcdef text 0123456789abcdef -->\n",
            "Plain text with *em*, **strong**, `code` and [a link](https://example.org \"t\").\n",
            "Cited (Shah et al., 2025) and Jin and Jin (2025), （Kim, 2019）.\n",
            "エクソソームは細胞外小胞の一種です。\n",
            "continued line\\\nhard break\n",
            "\n",
            "\n",
            "- one\n- **two**\n  - nested [x](y)\n",
            "1. first\n2. second\n\n   para in item\n",
            "- [ ] task\n- [x] done\n",
            "> quoted *text*\n> more\n",
            "> [!WARNING]\n> **Title**\n>\n> body\n",
            "| a | b |\n|:--|--:|\n| 1 | *2* |\n",
            "```rust\nfn main() {}\n```\n",
            "```\nunclosed fence\n",
            "    indented code\n",
            "<div>raw <b>html</b></div>\n",
            "<!-- yaku:component cta -->\n",
            "<!-- yaku:required -->\n",
            "<!-- a note -->\n",
            "inline <span>html</span> and <!-- comment --> here\n",
            "![alt *text*](img.png)\n",
            "---\n",
            "Setext\n======\n",
            "~~struck~~ and &amp; &#42; \\* escapes\n",
            "$x^2$ math\n",
            "- a\n\n  > quote in item\n  > <!-- yaku:component cta -->\n",
        ]);
        // A first line of text (`---` first would open a front matter), or a YAML front
        // matter, which shifts the sections' indexes by one.
        let start = prop::sample::select(vec!["Lead.\n", "---\ntitle: T\n# a: comment\n---\n"]);
        (start, prop::collection::vec(piece, 0..24))
            .prop_map(|(start, p)| format!("{start}{}", p.concat()))
    }

    fn a_component(name: &str) -> Result<Block, String> {
        Ok(Block::Component {
            name: name.into(),
            locale: "en".into(),
            value: Some(format!("{name} in en")),
            attributes: Default::default(),
        })
    }

    /// The blocks of each section as the build made them before folding: its body (the
    /// text without heading line and marker) parsed on its own.
    fn parsed_per_section(document: &Document) -> Vec<Result<Vec<Block>, FoldError>> {
        document
            .sections
            .iter()
            .map(|section| {
                let text = document.text_without_marker(section);
                let body = &text[section.heading_span.len().min(text.len())..];
                blocks_of(body, &mut a_component)
            })
            .collect()
    }

    fn folded(text: &str) -> (Document, SectionBlocks) {
        let mut folded = FoldedSections::default();
        let options = yaku_content::ParseOptions::default();
        let document = yaku_content::parse_text_with(text.to_string(), &options, &mut folded)
            .unwrap()
            .document;
        let blocks = folded.finish(&document).expect("a Markdown document");
        (document, blocks)
    }

    /// Whether any inline run of `blocks` is a citation, at any depth.
    fn holds_citation(blocks: &[Block]) -> bool {
        fn in_inlines(inlines: &[Inline]) -> bool {
            inlines.iter().any(|inline| match inline {
                Inline::Citation { .. } => true,
                Inline::Emphasis { children }
                | Inline::Strong { children }
                | Inline::Strikethrough { children }
                | Inline::Link { children, .. } => in_inlines(children),
                _ => false,
            })
        }
        blocks.iter().any(|block| match block {
            Block::Paragraph(inlines) | Block::Heading { inlines, .. } => in_inlines(inlines),
            Block::List { items, .. } => items.iter().any(|item| holds_citation(&item.blocks)),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .any(|cell| in_inlines(cell)),
            Block::Callout { blocks, .. } | Block::Quote { blocks } => holds_citation(blocks),
            _ => false,
        })
    }

    proptest::proptest! {
        #[test]
        fn blocks_folded_from_the_parse_are_those_of_each_section_parsed_again(text in article()) {
            let (document, folded) = folded(&text);
            for (index, expected) in parsed_per_section(&document).into_iter().enumerate() {
                let section = &document.sections[index];
                if section.kind == yaku_content::SectionKind::FrontMatter {
                    continue;
                }
                let fold = folded.blocks(index, false, &mut a_component).unwrap();
                let fold = fold.map(|f| (holds_citation(&f.blocks), f.has_citations, f.blocks));
                let expected = expected.map(|blocks| (holds_citation(&blocks), holds_citation(&blocks), blocks));
                // The flag says whether the blocks hold a citation (the first two agree).
                proptest::prop_assert_eq!(fold, expected, "section {} of {:?}", section.id, text);
            }
        }
    }

    proptest::proptest! {
        /// Compact pages are written by sonic-rs and everything else by serde_json: both
        /// must give the same bytes, for every kind of block and for any text, control
        /// characters, quotes, backslashes and line separators included.
        #[test]
        fn compact_json_is_the_bytes_serde_json_writes(
            text in article(),
            odd in "[\\x00-\\x1f\"\\\\\\x7f\u{80}\u{2028}\u{2029}\u{3042}\u{1F600}a/<>&']{0,40}",
        ) {
            let (document, folded) = folded(&format!("{text}\n{odd}\n"));
            let blocks: Vec<_> = (0..document.sections.len())
                .filter_map(|index| folded.blocks(index, false, &mut a_component))
                .filter_map(Result::ok)
                .map(|fold| fold.blocks)
                .collect();
            let value = (blocks, &odd);
            let mut ours = Vec::new();
            crate::JsonStyle::Compact.write(&value, &mut ours).unwrap();
            let mut expected = serde_json::to_vec(&value).unwrap();
            expected.push(b'\n');
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(expected).unwrap());
        }
    }

    #[test]
    fn a_reference_defined_in_another_section_resolves_when_folded() {
        let text = "## One {#one}\n\nSee [the paper][doi].\n\n## Two {#two}\n\n[doi]: https://doi.org/10.1/x\n";
        let (document, folded) = folded(text);
        let Block::Paragraph(inlines) = &folded
            .blocks(1, false, &mut no_components)
            .unwrap()
            .unwrap()
            .blocks[0]
        else {
            panic!()
        };
        // As a renderer of the whole file has it; the section parsed alone has no
        // definition and keeps the brackets as text.
        assert!(
            matches!(&inlines[1], Inline::Link { href, .. } if href == "https://doi.org/10.1/x"),
            "{inlines:?}"
        );
        assert_ne!(
            parsed_per_section(&document)[1].as_ref().unwrap()[0],
            Block::Paragraph(inlines.clone())
        );
    }

    #[test]
    fn a_pending_component_is_resolved_in_each_locale_or_fails_there() {
        let (_, folded) = folded("## A {#a}\n\n- item\n\n  <!-- yaku:component cta -->\n");
        let blocks = folded
            .blocks(1, false, &mut a_component)
            .unwrap()
            .unwrap()
            .blocks;
        let Block::List { items, .. } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items[0].blocks[1], a_component("cta").unwrap());
        assert_eq!(
            folded.blocks(1, true, &mut no_components),
            Some(Err(FoldError::Component("no component cta".into())))
        );
        // Moved out: a second use parses the text again.
        assert_eq!(folded.blocks(1, true, &mut a_component), None);
    }

    #[test]
    fn an_mdx_document_is_not_folded() {
        let mut folded = FoldedSections::default();
        let options = yaku_content::ParseOptions {
            dialect: Dialect::Mdx,
            ..Default::default()
        };
        let text = "import X from './x'\n\n## A {#a}\n\n<X />\n";
        let document = yaku_content::parse_text_with(text.to_string(), &options, &mut folded)
            .unwrap()
            .document;
        assert!(folded.finish(&document).is_none());
    }

    #[test]
    fn headings_without_markup_are_plain_runs() {
        for heading in [
            "1. エクソソームとは何か?",
            "1.1 lorem ipsum",
            "Q: 3 + 4 = 7",
            "- a",
            "# b",
            // A parenthesis without a year holds no citation.
            "細胞由来エクソソーム(ADSC-Exos)",
            "よくある質問（FAQ）",
        ] {
            assert!(is_plain_run(heading), "{heading}");
            assert_eq!(inlines_of(heading), parsed_inlines(heading), "{heading}");
        }
        for heading in [
            "*a*",
            "a (Smith, 2020)",
            " a",
            "a\nb",
            "<b>",
            "a &amp; b",
            "（Kim, 2019）",
            "Lee (2021) review",
        ] {
            assert!(!is_plain_run(heading), "{heading:?}");
        }
    }

    fn no_components(name: &str) -> Result<Block, String> {
        Err(format!("no component {name}"))
    }

    #[test]
    fn paragraphs_lists_tables_and_callouts() {
        let text = "Intro *em* and [link](https://doi.org/10.1/x) (Shah et al., 2025).\n\n- one\n- **two**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> [!WARNING]\n> **Title**\n>\n> body\n";
        let blocks = blocks_of(text, &mut no_components).unwrap();
        assert_eq!(blocks.len(), 4);
        let Block::Paragraph(inlines) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert!(inlines.contains(&Inline::Citation {
            text: "Shah et al., 2025".into(),
            authors: "Shah et al.".into(),
            year: 2025,
            resolved: false,
        }));
        assert!(
            matches!(&inlines[3], Inline::Link { href, .. } if href == "https://doi.org/10.1/x")
        );
        let Block::List {
            items,
            ordered: false,
            ..
        } = &blocks[1]
        else {
            panic!()
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[1].blocks,
            [Block::Paragraph(vec![Inline::Strong {
                children: vec![Inline::Text("two".into())]
            }])]
        );
        let Block::Table { header, rows, .. } = &blocks[2] else {
            panic!()
        };
        assert_eq!(header.len(), 2);
        assert_eq!(
            rows,
            &vec![vec![
                vec![Inline::Text("1".into())],
                vec![Inline::Text("2".into())]
            ]]
        );
        let Block::Callout {
            kind: CalloutKind::Warning,
            blocks: inner,
        } = &blocks[3]
        else {
            panic!()
        };
        assert_eq!(inner.len(), 2);
    }

    #[test]
    fn yaku_comments_vanish_and_components_resolve() {
        let text = "<!-- yaku:source 0123456789abcdef text 0123456789abcdef -->\n\n<!-- yaku:required -->\n\n<!-- yaku:component cta -->\n\n<!-- a note -->\n\n<!-- yaku:untranslated -->\n\n<!--yaku:source not-a-fingerprint-->\n\n<div>raw</div>\n";
        let mut resolve = |name: &str| {
            Ok(Block::Component {
                name: name.into(),
                locale: "en".into(),
                value: Some("x".into()),
                attributes: Default::default(),
            })
        };
        let blocks = blocks_of(text, &mut resolve).unwrap();
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        let after_paragraph = blocks_of(
            "text\n\n<!-- yaku:component cta -->\n\n- item\n\n  <!-- yaku:component cta -->\n",
            &mut resolve,
        )
        .unwrap();
        assert!(
            matches!(&after_paragraph[1], Block::Component { name, .. } if name == "cta"),
            "{after_paragraph:?}"
        );
        let Block::List { items, .. } = &after_paragraph[2] else {
            panic!("{after_paragraph:?}")
        };
        assert!(
            matches!(&items[0].blocks[1], Block::Component { .. }),
            "{items:?}"
        );
        assert!(matches!(&blocks[0], Block::Component { name, .. } if name == "cta"));
        assert_eq!(
            blocks[1],
            Block::Html {
                text: "<div>raw</div>".into()
            }
        );
        assert!(blocks_of("<!-- yaku:component nope -->\n", &mut no_components).is_err());
    }

    /// The deepest nesting of blocks and inline runs, counted without recursion.
    fn depth(blocks: &[Block]) -> usize {
        enum Node<'a> {
            Block(&'a Block),
            Inline(&'a Inline),
        }
        let mut deepest = 0;
        let mut pending: Vec<(Node, usize)> = blocks.iter().map(|b| (Node::Block(b), 1)).collect();
        while let Some((node, d)) = pending.pop() {
            deepest = deepest.max(d);
            match node {
                Node::Block(Block::Paragraph(inlines) | Block::Heading { inlines, .. }) => {
                    pending.extend(inlines.iter().map(|i| (Node::Inline(i), d + 1)))
                }
                Node::Block(Block::List { items, .. }) => pending.extend(
                    items
                        .iter()
                        .flat_map(|i| &i.blocks)
                        .map(|b| (Node::Block(b), d + 1)),
                ),
                Node::Block(Block::Table { rows, .. }) => pending.extend(
                    rows.iter()
                        .flatten()
                        .flatten()
                        .map(|i| (Node::Inline(i), d + 1)),
                ),
                Node::Block(Block::Quote { blocks } | Block::Callout { blocks, .. }) => {
                    pending.extend(blocks.iter().map(|b| (Node::Block(b), d + 1)))
                }
                Node::Inline(
                    Inline::Emphasis { children }
                    | Inline::Strong { children }
                    | Inline::Strikethrough { children }
                    | Inline::Link { children, .. },
                ) => pending.extend(children.iter().map(|i| (Node::Inline(i), d + 1))),
                _ => {}
            }
        }
        deepest
    }

    #[test]
    fn nesting_past_the_fold_depth_is_an_error_not_an_overflow() {
        const N: usize = 100_000;
        for text in [
            format!("{} x", ">".repeat(N)),
            format!("{}x", "- ".repeat(N)),
            format!("{}x", "> - ".repeat(N / 2)),
            format!("{}x{}", "*".repeat(N), "*".repeat(N)),
            format!("{}x{}", "![".repeat(N), "](u)".repeat(N)),
        ] {
            assert_eq!(
                blocks_of(&text, &mut no_components),
                Err(FoldError::TooDeep),
                "{}",
                &text[..8]
            );
        }
    }

    #[test]
    fn what_the_document_model_lets_through_folds() {
        // The deepest the model allows: every level a list (two open elements each),
        // a table in the innermost item.
        let indent = "  ".repeat(MAX_NESTING - 1);
        let text = format!(
            "{}x\n\n{indent}| a | b |\n{indent}|---|---|\n{indent}| *1* | 2 |\n",
            "- ".repeat(MAX_NESTING - 1),
        );
        let blocks = blocks_of(&text, &mut no_components).unwrap();
        // The lists, the table, the emphasis in a cell, its text.
        assert_eq!(depth(&blocks), MAX_NESTING + 2);
        let emphasis = format!("{}x{}", "*".repeat(MAX_NESTING), "*".repeat(MAX_NESTING));
        let blocks = blocks_of(&emphasis, &mut no_components).unwrap();
        assert_eq!(
            plain_text(match &blocks[0] {
                Block::Paragraph(inlines) => inlines,
                other => panic!("{other:?}"),
            }),
            "x"
        );
    }
}
