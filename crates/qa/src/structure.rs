//! The `structure` rule: a translated section keeps its source section's shape: heading
//! level, list items, tables (rows and columns, in order), callout kinds (in order), code
//! blocks, components (names, in order), links, and the MDX constructs, Hugo shortcodes
//! and Docusaurus admonitions (in order). Paragraphs are not compared, since a translator
//! may split or join sentences.

use yaku_content::{Block, BlockKind, CalloutKind, Section, SectionKind};

/// The parts of a section's shape the rule compares.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    list_items: usize,
    tables: Vec<(usize, usize)>,
    callouts: Vec<CalloutKind>,
    code_blocks: usize,
    /// MDX constructs, shortcodes and admonitions, as `<Tabs>`, `{{< note >}}`, `:::tip`.
    constructs: Vec<String>,
}

impl Shape {
    fn of(section: &Section) -> Shape {
        let counts = section.block_counts();
        let mut shape = Shape {
            list_items: counts.list_items,
            code_blocks: counts.code_blocks,
            ..Shape::default()
        };
        // Depth first, in file order, with a work list rather than recursion.
        let mut pending: Vec<&Block> = section.blocks.iter().rev().collect();
        while let Some(block) = pending.pop() {
            match &block.kind {
                BlockKind::Table { columns, rows } => shape.tables.push((*rows, *columns)),
                BlockKind::Callout { kind } => shape.callouts.push(*kind),
                kind => shape.constructs.extend(kind.construct()),
            }
            pending.extend(block.children.iter().rev());
        }
        shape
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// What differs between the shapes of two sections, one message per difference.
pub(crate) fn check(source: &Section, translation: &Section) -> Vec<String> {
    let mut out = Vec::new();
    if source.kind == SectionKind::Heading
        && translation.kind == SectionKind::Heading
        && source.level != translation.level
    {
        out.push(format!(
            "heading level {} ({}), the source's is {} ({})",
            translation.level,
            "#".repeat(usize::from(translation.level)),
            source.level,
            "#".repeat(usize::from(source.level)),
        ));
    }
    let s = Shape::of(source);
    let t = Shape::of(translation);
    if s.list_items != t.list_items {
        out.push(format!(
            "{} list items, the source has {}",
            t.list_items, s.list_items
        ));
    }
    if s.tables.len() != t.tables.len() {
        out.push(format!(
            "{} tables, the source has {}",
            t.tables.len(),
            s.tables.len()
        ));
    } else {
        for (i, (s_table, t_table)) in s.tables.iter().zip(&t.tables).enumerate() {
            if s_table != t_table {
                out.push(format!(
                    "table {} has {} rows and {} columns, the source's has {} rows and {} columns",
                    i + 1,
                    t_table.0,
                    t_table.1,
                    s_table.0,
                    s_table.1
                ));
            }
        }
    }
    if s.callouts != t.callouts {
        let names =
            |kinds: &[CalloutKind]| -> Vec<String> { kinds.iter().map(|k| k.tag()).collect() };
        out.push(format!(
            "callouts {}, the source has {}",
            list(&names(&t.callouts)),
            list(&names(&s.callouts))
        ));
    }
    if s.code_blocks != t.code_blocks {
        out.push(format!(
            "{} code blocks, the source has {}",
            t.code_blocks, s.code_blocks
        ));
    }
    if s.constructs != t.constructs {
        out.push(format!(
            "blocks {}, the source has {}",
            list(&t.constructs),
            list(&s.constructs)
        ));
    }
    let s_components: Vec<String> = source.components().iter().map(|c| c.to_string()).collect();
    let t_components: Vec<String> = translation
        .components()
        .iter()
        .map(|c| c.to_string())
        .collect();
    if s_components != t_components {
        out.push(format!(
            "components {}, the source has {}",
            list(&t_components),
            list(&s_components)
        ));
    }
    if source.links.len() != translation.links.len() {
        out.push(format!(
            "{} links, the source has {}",
            translation.links.len(),
            source.links.len()
        ));
    }
    out
}
