//! Renamed ids: a section whose id the source changed, and nothing else, keeps its
//! translation; anything ambiguous falls back to missing + obsolete, which loses nothing.

use yaku_content::{parse_document, Document, ParseOptions};
use yaku_sync::{
    accept_sections, align, out_of_order, sync_document, AcceptOptions, AcceptSelection,
    SectionState, SyncOptions,
};

fn parse(text: &str) -> Document {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    parsed.document
}

const SOURCE: &str = "## 一 {#a}\n\n本文一。\n\n## 二 {#b}\n\n本文二。\n";

fn accepted(source: &str, translation: &str) -> String {
    accept_sections(
        &parse(source),
        &parse(translation),
        &AcceptSelection::All,
        AcceptOptions::default(),
    )
    .text
}

fn states(source: &Document, translation: &Document) -> Vec<(String, SectionState)> {
    align(source, Some(translation))
        .into_iter()
        .map(|a| (a.id.to_string(), a.state))
        .collect()
}

#[test]
fn a_renamed_id_is_renamed_in_place() {
    let translation = accepted(
        SOURCE,
        "## One {#a}\n\nText one.\n\n## Two {#b}\n\nText two.\n",
    );
    let renamed = parse(&SOURCE.replace("{#b}", "{#b-2}"));
    let before = parse(&translation);
    assert_eq!(
        states(&renamed, &before),
        [
            ("a".to_string(), SectionState::Current),
            ("b-2".to_string(), SectionState::Renamed)
        ]
    );
    let outcome = sync_document(&renamed, Some(&before), SyncOptions::default());
    assert_eq!(outcome.text, translation.replace("{#b}", "{#b-2}"));
    assert_eq!(outcome.renamed.len(), 1);
    assert!(outcome.obsoleted.is_empty() && outcome.inserted.is_empty());
    let after = parse(&outcome.text);
    assert!(states(&renamed, &after)
        .iter()
        .all(|(_, s)| *s == SectionState::Current));
}

#[test]
fn two_candidates_with_one_baseline_rename_nothing() {
    let source = "## 一 {#a}\n\n同じ。\n\n## 一 {#b}\n\n同じ。\n";
    let translation = accepted(source, "## One {#a}\n\nSame.\n\n## One {#b}\n\nSame.\n");
    let renamed = parse(&source.replace("{#a}", "{#x}").replace("{#b}", "{#y}"));
    let found = states(&renamed, &parse(&translation));
    assert!(
        found.iter().all(|(_, s)| *s != SectionState::Renamed),
        "{found:?}"
    );
}

#[test]
fn a_parked_section_with_the_new_id_comes_back_instead() {
    let translation = accepted(
        SOURCE,
        "## One {#a}\n\nText one.\n\n## Two {#b}\n\nText two.\n",
    );
    // The source drops `a`: sync parks it.
    let without_a = parse("## 二 {#b}\n\n本文二。\n");
    let parked = sync_document(
        &without_a,
        Some(&parse(&translation)),
        SyncOptions::default(),
    );
    // Then renames `b` to `a`, the parked id, keeping b's text: `a` comes back.
    let source = parse("## 二 {#a}\n\n本文二。\n");
    let outcome = sync_document(&source, Some(&parse(&parked.text)), SyncOptions::default());
    assert!(outcome.renamed.is_empty());
    assert!(outcome.text.contains("Text one.") && outcome.text.contains("Text two."));
}

#[test]
fn a_moved_section_is_out_of_order_until_synced() {
    let translation = accepted(
        SOURCE,
        "## One {#a}\n\nText one.\n\n## Two {#b}\n\nText two.\n",
    );
    let moved = parse("## 二 {#b}\n\n本文二。\n\n## 一 {#a}\n\n本文一。\n");
    let before = parse(&translation);
    let alignments = align(&moved, Some(&before));
    let (at, after) = out_of_order(&alignments).unwrap();
    assert_eq!(
        (alignments[at].id.as_str(), alignments[after].id.as_str()),
        ("a", "b")
    );
    let synced = parse(&sync_document(&moved, Some(&before), SyncOptions::default()).text);
    assert_eq!(out_of_order(&align(&moved, Some(&synced))), None);
}

/// Baselines from the texts of a source's sections, as `.yaku/sources/` keeps them.
struct Kept(std::collections::HashMap<yaku_content::Fingerprint, String>);

impl yaku_sync::Baselines for Kept {
    fn text(&self, fingerprint: yaku_content::Fingerprint) -> Option<String> {
        self.0.get(&fingerprint).cloned()
    }
}

fn kept(source: &Document) -> Kept {
    Kept(
        source
            .sections
            .iter()
            .map(|s| (s.fingerprint(), source.text_without_marker(s)))
            .collect(),
    )
}

#[test]
fn a_renamed_id_with_a_new_heading_is_found_by_its_body_in_the_baselines() {
    use yaku_sync::{align_with, sync_document_with};
    let translation = accepted(
        SOURCE,
        "## One {#a}\n\nText one.\n\n## Two {#b}\n\nText two.\n",
    );
    let baselines = kept(&parse(SOURCE));
    let renamed = parse(&SOURCE.replace("## 二 {#b}", "## 第二 {#b-2}"));
    let before = parse(&translation);
    // Without baselines nothing links them; with them, `b` became `b-2`.
    assert_eq!(
        states(&renamed, &before),
        [
            ("a".to_string(), SectionState::Current),
            ("b-2".to_string(), SectionState::Missing),
            ("b".to_string(), SectionState::Obsolete)
        ]
    );
    let found: Vec<_> = align_with(&renamed, Some(&before), &baselines)
        .into_iter()
        .map(|a| (a.id.to_string(), a.state))
        .collect();
    assert_eq!(
        found,
        [
            ("a".to_string(), SectionState::Current),
            ("b-2".to_string(), SectionState::Renamed)
        ]
    );
    let outcome = sync_document_with(&renamed, Some(&before), SyncOptions::default(), &baselines);
    assert_eq!(outcome.text, translation.replace("{#b}", "{#b-2}"));
    // The heading's text changed in the source: the renamed section is stale now.
    let after = parse(&outcome.text);
    assert_eq!(
        states(&renamed, &after)[1],
        ("b-2".to_string(), SectionState::Stale)
    );

    // Two new sections with the old body: ambiguous, nothing renamed.
    let twice = parse(&format!(
        "{}\n## 三 {{#c}}\n\n本文二。\n",
        SOURCE.replace("## 二 {#b}", "## 第二 {#b-2}")
    ));
    assert!(align_with(&twice, Some(&before), &baselines)
        .iter()
        .all(|a| a.state != SectionState::Renamed));
}

#[test]
fn an_untouched_placeholder_of_a_dropped_section_is_removed_and_a_started_one_parked() {
    // `b` is missing: sync puts its placeholder in.
    let translation = accepted(SOURCE, "## One {#a}\n\nText one.\n");
    let with_placeholder = sync_document(
        &parse(SOURCE),
        Some(&parse(&translation)),
        SyncOptions::default(),
    )
    .text;
    assert!(with_placeholder.contains("本文二。"));
    // The source drops `b`: the untouched placeholder goes, nothing is parked.
    let without_b = parse("## 一 {#a}\n\n本文一。\n");
    let outcome = sync_document(
        &without_b,
        Some(&parse(&with_placeholder)),
        SyncOptions::default(),
    );
    // (The blank line sync set before the placeholder stays.)
    assert_eq!(outcome.text.trim_end(), translation.trim_end());
    assert_eq!(outcome.dropped.len(), 1);
    let again = sync_document(
        &without_b,
        Some(&parse(&outcome.text)),
        SyncOptions::default(),
    );
    assert_eq!(again.text, outcome.text, "idempotent");
    assert!(outcome.obsoleted.is_empty());
    // A placeholder a translator started on is translation: it is parked.
    let started = with_placeholder.replace("本文二。", "Text two, begun.");
    let outcome = sync_document(&without_b, Some(&parse(&started)), SyncOptions::default());
    assert!(outcome.dropped.is_empty());
    assert_eq!(outcome.obsoleted.len(), 1);
    assert!(outcome.text.contains("Text two, begun."));
}
