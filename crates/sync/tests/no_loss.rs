//! Property: whatever the source goes through (sections deleted, added, moved, reworded,
//! relevelled, restored, their ids renamed, their headings reworded), sync never loses a
//! translated paragraph, always leaves the translation in the source's order, and is
//! idempotent; a renamed section keeps its translation current.

use proptest::prelude::*;
use yaku_content::{parse_document, Dialect, Document, ParseOptions, SectionKind};
use yaku_sync::{
    accept_sections, align, sync_document, AcceptOptions, AcceptSelection, SectionState,
    SyncOptions,
};

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Add(usize),
    Move(usize, usize),
    Reword(usize),
    Relevel(usize),
    Restore(usize),
    /// A new id, nothing else changed.
    Rename(usize),
    /// New heading text, the id kept.
    Retitle(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..20usize).prop_map(Edit::Delete),
        (0..20usize).prop_map(Edit::Add),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Edit::Move(a, b)),
        (0..20usize).prop_map(Edit::Reword),
        (0..20usize).prop_map(Edit::Relevel),
        (0..20usize).prop_map(Edit::Restore),
        (0..20usize).prop_map(Edit::Rename),
        (0..20usize).prop_map(Edit::Retitle),
    ]
}

#[derive(Debug, Clone)]
struct SourceSection {
    id: String,
    title: String,
    level: usize,
    text: String,
}

fn render(sections: &[SourceSection]) -> String {
    let mut out = String::from("+++\ntitle = \"題\"\n+++\n\n導入文。\n\n");
    for s in sections {
        out.push_str(&format!(
            "{} {} {{#{}}}\n\n{}\n\n",
            "#".repeat(s.level),
            s.title,
            s.id,
            s.text
        ));
    }
    out
}

fn parse(text: &str) -> Document {
    parse_in(text, Dialect::Markdown)
}

fn parse_in(text: &str, dialect: Dialect) -> Document {
    let options = ParseOptions {
        dialect,
        ..ParseOptions::default()
    };
    let parsed = parse_document(text.as_bytes(), &options).unwrap();
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}\n{text}",
        parsed.diagnostics
    );
    parsed.document
}

/// Replaces the Japanese text of every placeholder with a unique translated paragraph,
/// as a translator would, then accepts everything.
fn translate(
    source: &Document,
    text: &str,
    serial: &mut usize,
    translated: &mut Vec<String>,
) -> String {
    let document = parse(text);
    let mut out = text.to_string();
    for section in document.sections.iter().rev() {
        if section.kind != SectionKind::Heading
            || section.marker().is_some_and(|m| !m.is_placeholder())
        {
            continue;
        }
        let body_start = section
            .marker
            .as_ref()
            .map_or(section.heading_span.end, |(_, m)| m.end);
        *serial += 1;
        let paragraph = format!("TRANSLATED-{}-{serial}", section.id);
        translated.push(paragraph.clone());
        out.replace_range(body_start..section.span.end, &format!("\n{paragraph}\n\n"));
    }
    let document = parse(&out);
    accept_sections(
        source,
        &document,
        &AcceptSelection::All,
        AcceptOptions {
            identical: false,
            reviewed: true,
        },
    )
    .text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sync_never_loses_a_translated_paragraph(edits in proptest::collection::vec(edit(), 1..25)) {
        let mut sections: Vec<SourceSection> = (0..5)
            .map(|i| SourceSection { id: format!("s{i}"), title: format!("見出し{i}"), level: 2 + i % 2, text: format!("本文{i}。") })
            .collect();
        let mut deleted: Vec<SourceSection> = Vec::new();
        let mut next_id = 5;
        let mut serial = 0;
        let mut translated = Vec::new();

        let source = parse(&render(&sections));
        let first = sync_document(&source, None, SyncOptions::default()).text;
        let mut translation = translate(&source, &first, &mut serial, &mut translated);
        // Every placeholder was translated (so that losing one would show).
        prop_assert_eq!(translated.len(), 5);

        for edit in edits {
            let n = sections.len();
            let mut renamed = None;
            match edit {
                Edit::Delete(i) if n > 0 => deleted.push(sections.remove(i % n)),
                Edit::Add(i) => {
                    sections.insert(i % (n + 1), SourceSection { id: format!("s{next_id}"), title: format!("見出し{next_id}"), level: 2, text: "新しい本文。".into() });
                    next_id += 1;
                }
                Edit::Rename(i) if n > 0 => {
                    sections[i % n].id = format!("s{next_id}");
                    renamed = Some(sections[i % n].id.clone());
                    next_id += 1;
                }
                Edit::Retitle(i) if n > 0 => sections[i % n].title.push('改'),
                Edit::Move(a, b) if n > 0 => {
                    let s = sections.remove(a % n);
                    sections.insert(b % n, s);
                }
                Edit::Reword(i) if n > 0 => sections[i % n].text.push('改'),
                Edit::Relevel(i) if n > 0 => sections[i % n].level = 2 + (sections[i % n].level - 1) % 3,
                Edit::Restore(i) if !deleted.is_empty() => {
                    let s = deleted.remove(i % deleted.len());
                    sections.insert(i % (n + 1), s);
                }
                _ => {}
            }
            let source = parse(&render(&sections));
            let before = parse(&translation);
            let synced = sync_document(&source, Some(&before), SyncOptions::default()).text;
            for paragraph in &translated {
                prop_assert_eq!(synced.matches(paragraph.as_str()).count(), 1, "{} lost or doubled in\n{}", paragraph, synced);
            }
            let after = parse(&synced);
            let again = sync_document(&source, Some(&after), SyncOptions::default()).text;
            prop_assert_eq!(&again, &synced, "sync is idempotent");
            let source_ids: Vec<&str> = source.sections.iter().map(|s| s.id.as_str()).collect();
            let translated_ids: Vec<&str> = after.sections.iter().map(|s| s.id.as_str()).collect();
            prop_assert_eq!(source_ids, translated_ids, "the translation has the source's shape");
            for a in align(&source, Some(&after)) {
                prop_assert!(!matches!(a.state, SectionState::Missing | SectionState::Obsolete | SectionState::Renamed));
                // Every section was current before this edit: a renamed one still is.
                if renamed.as_deref() == Some(a.id.as_str()) {
                    prop_assert_eq!(a.state, SectionState::Current, "{} renamed in\n{}", a.id, synced);
                }
            }
            // The translator fills new placeholders and accepts; on to the next edit.
            translation = translate(&source, &synced, &mut serial, &mut translated);
        }
    }
}

/// Lines that close one container or another: comments, scripts, the obsolete area's own
/// delimiters in both of its forms, fences.
fn hostile_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("</script>".to_string()),
        Just("</SCRIPT >".to_string()),
        Just("-->".to_string()),
        Just("--!>".to_string()),
        Just("--\\>".to_string()),
        Just("--\\\\!>".to_string()),
        Just("<!--".to_string()),
        Just("<!-- yaku:obsolete -->".to_string()),
        Just("<script type=\"text/x-yaku-obsolete\">".to_string()),
        Just("## not a heading {#fake}".to_string()),
        Just("```".to_string()),
        Just("~~~~".to_string()),
        "[a-z<>!/\\\\ -]{0,16}",
    ]
}

/// One block of a translated section that stays inside its section wherever it stands:
/// every container it opens, it closes.
fn hostile_block() -> impl Strategy<Value = String> {
    let lines = || proptest::collection::vec(hostile_line(), 0..4).prop_map(|l| l.join("\n"));
    prop_oneof![
        // A paragraph (prefixed so that it starts no other block).
        "[a-z<>!/\\\\ -]{1,24}".prop_map(|t| format!("p {t}")),
        // A fenced code block of any length and either fence character.
        (3..9usize, prop_oneof![Just('`'), Just('~')], lines()).prop_map(|(n, c, body)| {
            let fence = c.to_string().repeat(n);
            let body = body.replace(&fence, "x");
            format!("{fence}html\n{body}\n{fence}")
        }),
        // Raw HTML that CommonMark ends at `</script>`.
        lines().prop_map(|body| format!(
            "<script>\n{}\n</script>",
            body.replace("</script", "x").replace("</SCRIPT", "x")
        )),
        // A comment.
        lines().prop_map(|body| format!(
            "<!--\n{}\n-->",
            body.replace("-->", "x").replace("--!>", "x")
        )),
        // Indented code.
        lines().prop_map(|body| body
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
            .trim_end()
            .to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A translated section holding anything at all is parked, re-parked with others and
    /// restored byte for byte, and the file stays one that yaku reads without error.
    #[test]
    fn parked_sections_come_back_byte_for_byte(
        bodies in proptest::collection::vec(proptest::collection::vec(hostile_block(), 1..5), 4),
    ) {
        parked_sections_round_trip(&bodies, Dialect::Markdown)?;
    }

    /// The same in an MDX file, whose obsolete area is a `{/*` … `*/}` comment: sections
    /// holding the comment's end, openings, braces and backslashes come back byte for
    /// byte, and every yaku line sync and accept write has the MDX form.
    #[test]
    fn parked_sections_of_an_mdx_file_come_back_byte_for_byte(
        bodies in proptest::collection::vec(proptest::collection::vec(hostile_mdx_block(), 1..5), 4),
    ) {
        parked_sections_round_trip(&bodies, Dialect::Mdx)?;
    }
}

/// Lines that would end or open an MDX comment expression, or the obsolete area, in
/// either of its forms.
fn hostile_mdx_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*/".to_string()),
        Just("*/}".to_string()),
        Just("*\\/}".to_string()),
        Just("*\\\\/".to_string()),
        Just("{/*".to_string()),
        Just("{/* yaku:obsolete */}".to_string()),
        Just("{/* yaku:untranslated */}".to_string()),
        Just("<!-- yaku:obsolete -->".to_string()),
        Just("}".to_string()),
        Just("{".to_string()),
        Just("\\".to_string()),
        Just("## not a heading {/*fake*/}".to_string()),
        Just("```".to_string()),
        "[a-z{}*/\\\\ -]{0,16}",
    ]
}

/// One block of a translated section of an MDX file that stays inside its section
/// wherever it stands.
fn hostile_mdx_block() -> impl Strategy<Value = String> {
    let lines = || proptest::collection::vec(hostile_mdx_line(), 0..4).prop_map(|l| l.join("\n"));
    prop_oneof![
        // A paragraph (prefixed so that it starts no other block).
        "[a-z{}*/\\\\ -]{1,24}".prop_map(|t| format!("p {t}")),
        // A fenced code block of any length and either fence character.
        (3..9usize, prop_oneof![Just('`'), Just('~')], lines()).prop_map(|(n, c, body)| {
            let fence = c.to_string().repeat(n);
            let body = body.replace(&fence, "x");
            format!("{fence}js\n{body}\n{fence}")
        }),
        // A comment expression, braces and all inside it.
        lines().prop_map(|body| format!("{{/*\n{}\n*/}}", body.replace("*/", "x"))),
    ]
}

/// The body of the parked-sections properties: four sections translated with `bodies`,
/// two dropped, then a third, then all restored.
fn parked_sections_round_trip(
    bodies: &[Vec<String>],
    dialect: Dialect,
) -> Result<(), TestCaseError> {
    let parse = |text: &str| parse_in(text, dialect);
    let all: Vec<SourceSection> = (0..4)
        .map(|i| SourceSection {
            id: format!("s{i}"),
            title: format!("見出し s{i}"),
            level: 2,
            text: format!("本文{i}。"),
        })
        .collect();
    let render = |sections: &[SourceSection]| render_in(sections, dialect);
    let source = parse(&render(&all));
    let mut translation = sync_document(&source, None, SyncOptions::default()).text;
    // The translator writes each body, then accepts.
    let document = parse(&translation);
    for (section, body) in document
        .sections
        .iter()
        .rev()
        .filter(|s| s.kind == SectionKind::Heading)
        .zip(bodies.iter().rev())
    {
        let body_start = section
            .marker
            .as_ref()
            .map_or(section.heading_span.end, |(_, m)| m.end);
        translation.replace_range(
            body_start..section.span.end,
            &format!("\n{}\n\n", body.join("\n\n")),
        );
    }
    let document = parse(&translation);
    let original: Vec<String> = document
        .sections
        .iter()
        .map(|s| document.slice(&s.span).to_string())
        .collect();
    let all_options = AcceptOptions {
        identical: true,
        reviewed: true,
    };
    let translation = accept_sections(&source, &document, &AcceptSelection::All, all_options).text;
    assert_marker_form(&parse(&translation), dialect)?;

    // s1 and s2 go, then s3 (the area is rewritten with what it holds), then all return.
    let steps: [&[usize]; 3] = [&[0, 3], &[0], &[0, 1, 2, 3]];
    let mut text = translation;
    for keep in steps {
        let kept: Vec<SourceSection> = keep.iter().map(|&i| all[i].clone()).collect();
        let source = parse(&render(&kept));
        text = sync_document(&source, Some(&parse(&text)), SyncOptions::default()).text;
        if dialect == Dialect::Mdx && keep.len() < 4 {
            let area = &text[text
                .rfind("\n{/* yaku:obsolete */}\n{/*\n")
                .expect("an MDX area")..];
            prop_assert_eq!(area.matches("*/").count(), 2, "{}", area);
        }
    }
    let restored = parse(&text);
    prop_assert!(restored.obsolete.is_none(), "{}", text);
    let accepted = parse(
        &accept_sections(
            &source,
            &parse(&translation_of(&original)),
            &AcceptSelection::All,
            all_options,
        )
        .text,
    );
    let last = accepted.sections.len() - 1;
    for (i, (before, after)) in accepted.sections.iter().zip(&restored.sections).enumerate() {
        let (before, after) = (accepted.slice(&before.span), restored.slice(&after.span));
        if i == last {
            // The blank lines that end the file are sync's to lay out.
            prop_assert_eq!(before.trim_end_matches('\n'), after.trim_end_matches('\n'));
        } else {
            prop_assert_eq!(before, after);
        }
    }
    prop_assert_eq!(accepted.sections.len(), restored.sections.len());
    Ok(())
}

/// Every marker line of `document` has the form of `dialect`.
fn assert_marker_form(document: &Document, dialect: Dialect) -> Result<(), TestCaseError> {
    let opening = match dialect {
        Dialect::Mdx => "{/* yaku:",
        _ => "<!-- yaku:",
    };
    for section in document
        .sections
        .iter()
        .filter(|s| s.kind != SectionKind::FrontMatter)
    {
        if let Some((_, line)) = &section.marker {
            prop_assert!(
                document.slice(line).starts_with(opening),
                "{}",
                document.slice(line)
            );
        }
    }
    Ok(())
}

/// [`render`] for a file in `dialect`: an MDX source writes its ids `{/*id*/}`.
fn render_in(sections: &[SourceSection], dialect: Dialect) -> String {
    if dialect != Dialect::Mdx {
        return render(sections);
    }
    let mut out = String::from("+++\ntitle = \"題\"\n+++\n\n導入文。\n\n");
    for s in sections {
        out.push_str(&format!(
            "{} {} {{/*{}*/}}\n\n{}\n\n",
            "#".repeat(s.level),
            s.title,
            s.id,
            s.text
        ));
    }
    out
}

/// The translation file the sections `pieces` make.
fn translation_of(pieces: &[String]) -> String {
    pieces.concat()
}
