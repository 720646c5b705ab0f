//! Blocks: the top-level Markdown constructs of a section, with the counts that the
//! structure checks and `yaku inspect` need.

use std::ops::Range;

// The one list of callout kinds: the parser, the QA's structure rule, the build's JSON
// (serialized by `CalloutKind::name`; its schema is generated from these doc comments),
// the HTML preview, the Hugo export and the interface labels all take it from here.
/// The kind of a callout (GFM alert).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum CalloutKind {
    /// Note.
    Note,
    /// Tip.
    Tip,
    /// Important.
    Important,
    /// Warning.
    Warning,
    /// Caution.
    Caution,
}

impl CalloutKind {
    /// Every kind, in the order GitHub documents them.
    pub const ALL: [CalloutKind; 5] = [
        CalloutKind::Note,
        CalloutKind::Tip,
        CalloutKind::Important,
        CalloutKind::Warning,
        CalloutKind::Caution,
    ];

    /// The lowercase name: `note`, as the JSON output, CSS classes and the
    /// `label-callout-<name>` Fluent messages write it.
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }

    /// The tag as the alert line writes it: `NOTE` in `> [!NOTE]`.
    pub fn tag(self) -> String {
        self.name().to_ascii_uppercase()
    }

    /// The kind whose name is `name`, in any case (`NOTE`, `note`).
    pub fn from_name(name: &str) -> Option<CalloutKind> {
        CalloutKind::ALL
            .into_iter()
            .find(|kind| name.eq_ignore_ascii_case(kind.name()))
    }
}

impl From<pulldown_cmark::BlockQuoteKind> for CalloutKind {
    fn from(kind: pulldown_cmark::BlockQuoteKind) -> CalloutKind {
        use pulldown_cmark::BlockQuoteKind;
        match kind {
            BlockQuoteKind::Note => CalloutKind::Note,
            BlockQuoteKind::Tip => CalloutKind::Tip,
            BlockQuoteKind::Important => CalloutKind::Important,
            BlockQuoteKind::Warning => CalloutKind::Warning,
            BlockQuoteKind::Caution => CalloutKind::Caution,
        }
    }
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[non_exhaustive]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A bullet or ordered list with its number of items.
    List {
        /// Ordered (`1.`) rather than bullets.
        ordered: bool,
        /// Number of top-level items.
        items: usize,
    },
    /// A GFM table.
    Table {
        /// Number of columns.
        columns: usize,
        /// Number of body rows (the header row not counted).
        rows: usize,
    },
    /// A GFM alert.
    Callout {
        /// Which alert.
        kind: CalloutKind,
    },
    /// A plain block quote.
    Quote,
    /// A `<!-- yaku:component name -->` directive.
    Component {
        /// The Fluent message id it names.
        name: String,
    },
    /// A fenced or indented code block.
    Code {
        /// The info string of a fenced block.
        info: String,
    },
    /// Raw HTML (comments included).
    Html,
    /// A thematic break.
    Rule,
    /// An opaque MDX construct, kept byte for byte: ESM (`import`, `export`), a JSX
    /// element (`<Tabs>`) or a `{…}` expression.
    Mdx {
        /// `import`, `export`, `<Name>` or `{…}`.
        construct: String,
    },
    /// A paragraph opened by a Hugo shortcode, `{{< name … >}}` or `{{% name … %}}`.
    Shortcode {
        /// The shortcode's name.
        name: String,
    },
    /// A Docusaurus admonition, `:::note` … `:::`.
    Admonition {
        /// Its kind: `note`, `tip`, `info`, `warning`, `danger`, ….
        kind: String,
    },
}

impl BlockKind {
    /// How the structure rule and `yaku inspect` name an MDX construct, shortcode or
    /// admonition (`<Tabs>`, `{{< note >}}`, `:::tip`); `None` for other blocks.
    pub fn construct(&self) -> Option<String> {
        match self {
            BlockKind::Mdx { construct } => Some(construct.clone()),
            BlockKind::Shortcode { name } => Some(format!("{{{{< {name} >}}}}")),
            BlockKind::Admonition { kind } => Some(format!(":::{kind}")),
            _ => None,
        }
    }
}

/// A block of a section, with the blocks nested in it (for callouts and quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Where it is, as a byte range of the file.
    pub span: Range<usize>,
    /// Blocks inside a callout or quote.
    pub children: Vec<Block>,
}

/// How many blocks of each kind a section holds, nested ones included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BlockCounts {
    /// Paragraphs.
    pub paragraphs: usize,
    /// Lists.
    pub lists: usize,
    /// List items, over all lists.
    pub list_items: usize,
    /// Tables.
    pub tables: usize,
    /// Table body rows, over all tables.
    pub table_rows: usize,
    /// Callouts.
    pub callouts: usize,
    /// Component directives.
    pub components: usize,
    /// Code blocks.
    pub code_blocks: usize,
}

impl BlockCounts {
    /// Counts `blocks` and everything nested in them.
    pub fn of(blocks: &[Block]) -> Self {
        let mut counts = BlockCounts::default();
        counts.add(blocks);
        counts
    }

    fn add(&mut self, blocks: &[Block]) {
        // A work list rather than recursion, although the parser bounds the depth
        // (`MAX_NESTING`): nothing here depends on that bound.
        let mut pending: Vec<&[Block]> = vec![blocks];
        while let Some(blocks) = pending.pop() {
            for block in blocks {
                self.count(&block.kind);
                pending.push(&block.children);
            }
        }
    }

    fn count(&mut self, kind: &BlockKind) {
        match kind {
            BlockKind::Paragraph => self.paragraphs += 1,
            BlockKind::List { items, .. } => {
                self.lists += 1;
                self.list_items += items;
            }
            BlockKind::Table { rows, .. } => {
                self.tables += 1;
                self.table_rows += rows;
            }
            BlockKind::Callout { .. } => self.callouts += 1,
            BlockKind::Component { .. } => self.components += 1,
            BlockKind::Code { .. } => self.code_blocks += 1,
            BlockKind::Quote
            | BlockKind::Html
            | BlockKind::Rule
            | BlockKind::Mdx { .. }
            | BlockKind::Shortcode { .. }
            | BlockKind::Admonition { .. } => {}
        }
    }
}
