//! Property: whatever the source goes through, sync never loses a translated paragraph,
//! always leaves the translation in the source's order, and is idempotent.

use proptest::prelude::*;
use yaku_content::{parse_document, Document, ParseOptions, SectionKind};
use yaku_sync::{
    accept_sections, align, sync_document, AcceptSelection, SectionState, SyncOptions,
};

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Add(usize),
    Move(usize, usize),
    Reword(usize),
    Relevel(usize),
    Restore(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..20usize).prop_map(Edit::Delete),
        (0..20usize).prop_map(Edit::Add),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Edit::Move(a, b)),
        (0..20usize).prop_map(Edit::Reword),
        (0..20usize).prop_map(Edit::Relevel),
        (0..20usize).prop_map(Edit::Restore),
    ]
}

#[derive(Debug, Clone)]
struct SourceSection {
    id: String,
    level: usize,
    text: String,
}

fn render(sections: &[SourceSection]) -> String {
    let mut out = String::from("+++\ntitle = \"題\"\n+++\n\n導入文。\n\n");
    for s in sections {
        out.push_str(&format!(
            "{} 見出し {} {{#{}}}\n\n{}\n\n",
            "#".repeat(s.level),
            s.id,
            s.id,
            s.text
        ));
    }
    out
}

fn parse(text: &str) -> Document {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
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
            || section
                .marker()
                .is_some_and(|m| m != yaku_content::Marker::Untranslated)
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
    accept_sections(source, &document, &AcceptSelection::All, false).text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sync_never_loses_a_translated_paragraph(edits in proptest::collection::vec(edit(), 1..25)) {
        let mut sections: Vec<SourceSection> = (0..5)
            .map(|i| SourceSection { id: format!("s{i}"), level: 2 + i % 2, text: format!("本文{i}。") })
            .collect();
        let mut deleted: Vec<SourceSection> = Vec::new();
        let mut next_id = 5;
        let mut serial = 0;
        let mut translated = Vec::new();

        let source = parse(&render(&sections));
        let first = sync_document(&source, None, SyncOptions::default()).text;
        let mut translation = translate(&source, &first, &mut serial, &mut translated);

        for edit in edits {
            let n = sections.len();
            match edit {
                Edit::Delete(i) if n > 0 => deleted.push(sections.remove(i % n)),
                Edit::Add(i) => {
                    sections.insert(i % (n + 1), SourceSection { id: format!("s{next_id}"), level: 2, text: "新しい本文。".into() });
                    next_id += 1;
                }
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
                prop_assert!(a.state != SectionState::Missing && a.state != SectionState::Obsolete);
            }
            // The translator fills new placeholders and accepts; on to the next edit.
            translation = translate(&source, &synced, &mut serial, &mut translated);
        }
    }
}
