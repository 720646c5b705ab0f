//! Deeply nested Markdown: reported once at the element that crosses `MAX_NESTING`, not
//! modelled past it, and never a stack overflow (the tests run on the 2 MiB stack of a
//! test thread, in debug builds too).

use yaku_content::{
    parse_document, Block, BlockKind, Document, LineIndex, ParseOptions, Problem, SectionKind,
    MAX_NESTING,
};

/// The deepest nesting of blocks in the document, counted without recursion.
fn block_depth(document: &Document) -> usize {
    let mut deepest = 0;
    let mut pending: Vec<(&Block, usize)> = document
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter().map(|b| (b, 1)))
        .collect();
    while let Some((block, depth)) = pending.pop() {
        deepest = deepest.max(depth);
        pending.extend(block.children.iter().map(|c| (c, depth + 1)));
    }
    deepest
}

/// `(problem, line, col)` of every `NestingTooDeep` diagnostic, and the document.
fn parse(text: &str) -> (Document, Vec<(Problem, usize, usize)>) {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).expect("parsable");
    let index = LineIndex::new(&parsed.document.text);
    let found = parsed
        .diagnostics
        .iter()
        .filter(|d| matches!(d.problem, Problem::NestingTooDeep(_)))
        .map(|d| {
            let (line, col) = index.line_col(&parsed.document.text, d.span.start);
            (d.problem.clone(), line, col)
        })
        .collect();
    (parsed.document, found)
}

fn article(body: &str) -> String {
    format!(
        "+++\ntitle = \"t\"\n+++\n\nlead\n\n## One {{#one}}\n\n{body}\n\n## Two {{#two}}\n\nend\n"
    )
}

#[test]
fn nesting_up_to_the_limit_is_modelled_without_a_diagnostic() {
    let (document, found) = parse(&article(&format!("{} deep", ">".repeat(MAX_NESTING))));
    assert_eq!(found, []);
    // The quotes, and the paragraph in the innermost one.
    assert_eq!(block_depth(&document), MAX_NESTING + 1);
    let (_, found) = parse(&article(&format!("{}deep", "- ".repeat(MAX_NESTING))));
    assert_eq!(found, []);
    let (_, found) = parse(&article(&format!(
        "{}deep{}",
        "*".repeat(MAX_NESTING),
        "*".repeat(MAX_NESTING)
    )));
    assert_eq!(found, []);
}

#[test]
fn one_level_more_is_an_error_at_that_element() {
    let text = article(&format!("{} deep", ">".repeat(MAX_NESTING + 1)));
    let (document, found) = parse(&text);
    // Line 9 holds the quotes; the `>` after the first `MAX_NESTING` opens the level
    // past the limit.
    assert_eq!(
        found,
        [(Problem::NestingTooDeep(MAX_NESTING), 9, MAX_NESTING + 1)]
    );
    assert_eq!(block_depth(&document), MAX_NESTING);
    assert!(Problem::NestingTooDeep(MAX_NESTING)
        .help()
        .unwrap()
        .contains("flatten"));
    // The sections around it are intact, and the spans still tile the file.
    let ids: Vec<&str> = document.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["front-matter", "lead", "one", "two"]);
    let tiled: String = document
        .sections
        .iter()
        .map(|s| document.slice(&s.span))
        .collect();
    assert_eq!(tiled, text);
}

/// Nesting 100,000 deep of every kind that nests: one diagnostic each, a bounded model,
/// and every derived recursion (clone, compare, debug, drop) and walker survives it.
#[test]
fn nesting_100_000_deep_is_one_diagnostic_and_a_bounded_model() {
    const N: usize = 100_000;
    let cases = [
        ("quotes", format!("{} x", ">".repeat(N))),
        ("lists", format!("{}x", "- ".repeat(N))),
        ("ordered lists", format!("{}x", "1. ".repeat(N))),
        ("quotes and lists", format!("{}x", "> - ".repeat(N / 2))),
        ("emphasis", format!("{}x{}", "*".repeat(N), "*".repeat(N))),
        ("images", format!("{}x{}", "![".repeat(N), "](u)".repeat(N))),
    ];
    for (name, body) in cases {
        let text = article(&body);
        let (document, found) = parse(&text);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].1, 9, "{name}: the line of the nesting");
        assert!(block_depth(&document) <= MAX_NESTING + 1, "{name}");
        let copy = document.clone();
        assert_eq!(copy.sections, document.sections, "{name}");
        assert!(!format!("{document:?}").is_empty());
        for section in &document.sections {
            let _ = section.block_counts();
            let _ = section.components();
        }
        assert!(document
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Heading && s.id.as_str() == "two"));
        drop(copy);
    }
}

#[test]
fn nested_callouts_past_the_limit_are_an_error_on_the_line_that_crosses_it() {
    let body: String = (1..=1000)
        .map(|i| format!("{} [!NOTE]\n{} text\n", ">".repeat(i), ">".repeat(i)))
        .collect();
    let (document, found) = parse(&article(&body));
    assert_eq!(found.len(), 1, "{found:?}");
    // Callout i opens on line 9 + 2 (i - 1); the one past the limit is i = MAX_NESTING + 1.
    assert_eq!(found[0].1, 9 + 2 * MAX_NESTING);
    assert!(block_depth(&document) <= MAX_NESTING + 1);
    let one = document.section("one").unwrap();
    assert!(matches!(one.blocks[0].kind, BlockKind::Callout { .. }));
    assert_eq!(one.block_counts().callouts, MAX_NESTING);
}

#[test]
fn a_quote_past_the_limit_keeps_its_modelled_part() {
    let (document, _) = parse(&article(&format!("{} x", ">".repeat(MAX_NESTING * 2))));
    let one = document.section("one").unwrap();
    assert!(matches!(one.blocks[0].kind, BlockKind::Quote));
    assert_eq!(block_depth(&document), MAX_NESTING);
    assert_eq!(one.block_counts().paragraphs, 0);
}
