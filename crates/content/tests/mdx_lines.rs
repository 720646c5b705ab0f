//! yaku's own lines in MDX files: markers, directives and the obsolete area written as
//! comment expressions (`{/* yaku:… */}`), HTML comments still read, and Markdown files
//! unchanged.

use yaku_content::{
    parse_document, render_obsolete_area, BlockKind, Dialect, Document, Fingerprint, Marker,
    ParseOptions, Parsed, Problem, SectionKind,
};

fn parse_in(text: &str, dialect: Dialect) -> Parsed {
    let options = ParseOptions {
        dialect,
        ..ParseOptions::default()
    };
    parse_document(text.as_bytes(), &options).expect("parsable")
}

fn tiles(document: &Document) -> String {
    let mut out: String = document
        .sections
        .iter()
        .map(|s| document.slice(&s.span))
        .collect();
    if let Some(area) = &document.obsolete {
        out.push_str(document.slice(&area.span));
    }
    out
}

fn accepted(a: &str, b: &str) -> Marker {
    Marker::Accepted {
        source: Fingerprint::of_text(a),
        text: Fingerprint::of_text(b),
    }
}

#[test]
fn markers_and_directives_are_read_in_both_forms_and_left_out_of_the_text() {
    let lead = Marker::Placeholder {
        source: Fingerprint::of_text("lead"),
    };
    let text = format!(
        "{}\n\nIntro.\n\n## A {{/*a*/}}\n{}\n\nText of a.\n\n## B {{/*b*/}}\n{}\n\n{{/* yaku:required */}}\n\nText of b.\n\n{{/* yaku:component cta-x */}}\n\n{{/* a note */}}\n",
        lead.to_line(Dialect::Mdx),
        accepted("a", "1").to_markdown(),
        accepted("b", "2").to_line(Dialect::Mdx),
    );
    let parsed = parse_in(&text, Dialect::Mdx);
    assert_eq!(parsed.diagnostics, vec![]);
    let document = &parsed.document;
    assert_eq!(document.dialect, Dialect::Mdx);
    assert_eq!(tiles(document), text);
    let markers: Vec<Option<Marker>> = document.sections.iter().map(|s| s.marker()).collect();
    assert_eq!(
        markers,
        [
            Some(lead),
            Some(accepted("a", "1")),
            Some(accepted("b", "2"))
        ]
    );
    let b = document.section("b").unwrap();
    assert!(b.required);
    assert_eq!(b.components(), ["cta-x"]);
    let kinds: Vec<&BlockKind> = b.blocks.iter().map(|block| &block.kind).collect();
    assert!(
        matches!(
            kinds[..],
            [
                BlockKind::Paragraph,
                BlockKind::Component { .. },
                BlockKind::Mdx { .. }
            ]
        ),
        "{kinds:?}"
    );
    assert_eq!(
        document.text_without_marker(document.section("a").unwrap()),
        "## A {/*a*/}\n\nText of a.\n\n"
    );
    // Which form a marker has is no change to the section's text.
    let other_form = text.replace(
        &accepted("a", "1").to_markdown(),
        &accepted("a", "1").to_line(Dialect::Mdx),
    );
    let other = parse_in(&other_form, Dialect::Mdx).document;
    for (x, y) in document.sections.iter().zip(&other.sections) {
        assert_eq!(x.fingerprint(), y.fingerprint(), "{}", x.id);
    }
}

#[test]
fn an_mdx_obsolete_area_is_read_and_its_text_unescaped() {
    let parked = "## Old {/*old*/}\n{/* yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 */}\n\nGone */ with {braces} \\*/ and <!-- -->.\n";
    let area = render_obsolete_area([parked], "\n", Dialect::Mdx);
    let text = format!("## Kept {{/*kept*/}}\n\nText.\n\n{area}");
    let parsed = parse_in(&text, Dialect::Mdx);
    assert_eq!(parsed.diagnostics, vec![]);
    let document = &parsed.document;
    assert_eq!(tiles(document), text);
    let area = document.obsolete.as_ref().expect("an obsolete area");
    assert_eq!(area.text, parked);
    assert_eq!(area.sections.len(), 1);
    assert_eq!(area.sections[0].id.as_str(), "old");
    assert_eq!(area.sections[0].line, 7);
    assert!(area.sections[0].marker().is_some());
    assert_eq!(document.sections.last().unwrap().id.as_str(), "kept");
}

#[test]
fn an_html_obsolete_area_in_an_mdx_file_is_still_read() {
    let area = render_obsolete_area(["## Old {/*old*/}\n\nGone.\n"], "\n", Dialect::Markdown);
    let text = format!("## Kept {{/*kept*/}}\n\nText.\n\n{area}");
    let parsed = parse_in(&text, Dialect::Mdx);
    assert_eq!(parsed.diagnostics, vec![]);
    let area = parsed.document.obsolete.expect("an obsolete area");
    assert_eq!(area.sections[0].id.as_str(), "old");
}

#[test]
fn an_mdx_area_ended_early_or_a_misplaced_or_unknown_line_is_an_error() {
    let problems = |text: &str| -> Vec<(Problem, usize)> {
        let parsed = parse_in(text, Dialect::Mdx);
        let index = yaku_content::LineIndex::new(text);
        parsed
            .diagnostics
            .into_iter()
            .map(|d| (d.problem, index.line(d.span.start)))
            .collect()
    };
    assert_eq!(
        problems("## A {/*a*/}\n\n{/* yaku:obsolete */}\n{/*\n## Old {/*old*/}\n*/}\n"),
        [
            (Problem::ObsoleteAreaEndsEarly("*/}".into()), 5),
            (Problem::TextAfterObsoleteArea, 6)
        ]
    );
    assert_eq!(
        problems("## A {/*a*/}\n\nText.\n\n{/* yaku:untranslated */}\n"),
        [(
            Problem::MalformedDirective(
                "a translation marker belongs on the line right after the heading".into()
            ),
            5
        )]
    );
    assert_eq!(
        problems("## A {/*a*/}\n\n{/* yaku:bogus */}\n"),
        [(
            Problem::MalformedDirective("unknown directive `yaku:bogus`".into()),
            3
        )]
    );
    assert_eq!(
        problems("## A {/*a*/}\n\n{/* yaku:obsolete */}\n"),
        [(Problem::UnterminatedObsoleteArea, 3)]
    );
}

#[test]
fn in_markdown_the_mdx_form_is_text() {
    let text = "## A {#a}\n{/* yaku:untranslated */}\n\n{/* yaku:required */}\n\n{/* yaku:obsolete */}\n{/*\n## Old {#old}\n*/}\n";
    let parsed = parse_in(text, Dialect::Markdown);
    let document = &parsed.document;
    assert_eq!(document.dialect, Dialect::Markdown);
    assert!(document.obsolete.is_none());
    let headed: Vec<&str> = document
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Heading)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(headed, ["a", "old"]);
    let a = document.section("a").unwrap();
    assert_eq!(a.marker(), None);
    assert!(!a.required);
}

#[test]
fn crlf_mdx_lines_are_read_and_the_area_keeps_its_line_endings() {
    let parked = "## Old {/*old*/}\r\n{/* yaku:required */}\r\n\r\nGone */.\r\n";
    let area = render_obsolete_area([parked], "\r\n", Dialect::Mdx);
    assert!(area.ends_with("\r\n*/}\r\n"), "{area:?}");
    let text = format!(
        "## A {{/*a*/}}\r\n{}\r\n\r\nText.\r\n\r\n{area}",
        accepted("a", "1").to_line(Dialect::Mdx)
    );
    let parsed = parse_in(&text, Dialect::Mdx);
    assert_eq!(parsed.diagnostics, vec![]);
    let document = &parsed.document;
    assert_eq!(tiles(document), text);
    assert_eq!(
        document.section("a").unwrap().marker(),
        Some(accepted("a", "1"))
    );
    let area = document.obsolete.as_ref().unwrap();
    assert_eq!(area.text, parked);
    assert!(area.sections[0].required);
}
