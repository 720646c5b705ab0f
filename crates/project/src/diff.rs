//! `yaku diff`: every stale section with what changed in its source since its baseline,
//! the baseline's text taken from the [`SourceStore`](crate::SourceStore).

use yaku_content::Marker;
use yaku_sync::{align_with, diff_text, Alignment, Change, SectionState};

use crate::{BadBaseline, Pair, SourceStore, Workspace};

/// A stale section and the change in its source since it was accepted, or a section to
/// translate from scratch (missing or untranslated: its whole source text, inserted):
/// one element of `yaku diff --format json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleChange {
    /// The document.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The section id.
    pub section: String,
    /// `missing` or `untranslated` for a new section; absent for a stale one (edited
    /// since or not).
    #[serde(skip_serializing_if = "is_stale")]
    pub state: SectionState,
    /// The translation file, for display.
    pub path: String,
    /// The line of the section in it.
    pub line: usize,
    /// The baseline's source text was found in the store.
    pub baseline_available: bool,
    /// From the baseline's source text to the source's text now; without a baseline,
    /// the whole text now as inserted.
    pub changes: Vec<Change>,
    /// The translated section's text now (empty for a missing section).
    pub translation: String,
}

fn is_stale(state: &SectionState) -> bool {
    state.is_stale()
}

impl StaleChange {
    /// The change of `alignment`'s section in `pair`, from `baseline` when there is one.
    fn of(
        workspace: &Workspace,
        pair: &Pair,
        alignment: &Alignment,
        baseline: Option<&str>,
        changes: Vec<Change>,
        translation: String,
    ) -> StaleChange {
        StaleChange {
            doc: pair.doc.clone(),
            locale: pair.locale.clone(),
            section: alignment.id.to_string(),
            state: alignment.state,
            path: workspace.display(&pair.translation_path),
            line: alignment.line,
            baseline_available: baseline.is_some(),
            changes,
            translation,
        }
    }

    /// A missing or untranslated section: all of its source text is new to translate.
    pub fn is_new(&self) -> bool {
        matches!(
            self.state,
            SectionState::Missing | SectionState::Untranslated
        )
    }
}

/// The stale sections of some pairs.
#[derive(Debug, Default)]
pub struct StaleChanges {
    /// In document, locale and section order.
    pub changes: Vec<StaleChange>,
    /// Stored baselines that are damaged: never shown as the change (the section is
    /// listed as having no baseline), but worth a warning.
    pub damaged: Vec<BadBaseline>,
    /// Whether the section asked for exists in any pair (true when none was asked for).
    pub section_found: bool,
}

/// The stale sections of `pairs` (only `section`, when given) with the change in their
/// source since their baseline, and the missing and untranslated ones with their whole
/// source text, in section order.
pub fn stale_changes(workspace: &Workspace, pairs: &[Pair], section: Option<&str>) -> StaleChanges {
    let store = workspace.project.store();
    let mut found = StaleChanges {
        section_found: section.is_none(),
        ..StaleChanges::default()
    };
    for pair in pairs {
        let translation = pair.translation.as_ref();
        for alignment in align_with(
            &pair.source.document,
            translation.map(|t| &t.document),
            &store,
        ) {
            if section.is_some_and(|s| s != alignment.id.as_str()) {
                continue;
            }
            found.section_found = true;
            if matches!(
                alignment.state,
                SectionState::Missing | SectionState::Untranslated
            ) {
                let Some(si) = alignment.source else {
                    continue;
                };
                let source_section = &pair.source.document.sections[si];
                let placeholder = translation.zip(alignment.translation);
                found.changes.push(StaleChange::of(
                    workspace,
                    pair,
                    &alignment,
                    None,
                    vec![Change::Insert(
                        pair.source.document.text_without_marker(source_section),
                    )],
                    placeholder
                        .map(|(t, ti)| t.document.text_without_marker(&t.document.sections[ti]))
                        .unwrap_or_default(),
                ));
                continue;
            }
            if !alignment.state.is_stale() {
                continue;
            }
            let (Some(translation), Some(si), Some(ti)) =
                (translation, alignment.source, alignment.translation)
            else {
                continue;
            };
            let source_section = &pair.source.document.sections[si];
            let translated = &translation.document.sections[ti];
            let now = pair.source.document.text_without_marker(source_section);
            let baseline = match translated.marker() {
                Some(Marker::Accepted { source, .. } | Marker::Placeholder { source }) => {
                    store.get(source).unwrap_or_else(|bad| {
                        found.damaged.push(bad);
                        None
                    })
                }
                _ => None,
            };
            let changes = match &baseline {
                // Trailing blank lines are layout, not a change worth showing.
                Some(old) => diff_text(old.trim_end(), now.trim_end()),
                None => vec![Change::Insert(now.clone())],
            };
            found.changes.push(StaleChange::of(
                workspace,
                pair,
                &alignment,
                baseline.as_deref(),
                changes,
                translation.document.text_without_marker(translated),
            ));
        }
    }
    found
}

/// The characters (whitespace not counted) that the source inserted or replaced in a
/// stale section since its baseline: what is left to translate. `None` when the
/// alignment is not stale or the baseline's text is not in `store`.
pub fn changed_chars(store: &SourceStore, pair: &Pair, alignment: &Alignment) -> Option<usize> {
    if !alignment.state.is_stale() {
        return None;
    }
    let translation = pair.translation.as_ref()?;
    let source_section = &pair.source.document.sections[alignment.source?];
    let translated = translation.document.sections.get(alignment.translation?)?;
    let Some(Marker::Accepted { source, .. } | Marker::Placeholder { source }) =
        translated.marker()
    else {
        return None;
    };
    let old = store.get(source).ok()??;
    let now = pair.source.document.text_without_marker(source_section);
    Some(
        diff_text(old.trim_end(), now.trim_end())
            .iter()
            .map(|change| match change {
                Change::Insert(text) => text.chars().filter(|c| !c.is_whitespace()).count(),
                _ => 0,
            })
            .sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;
    use crate::{accept_pair, AcceptRequest};

    const SOURCE: &str =
        "## 1. 概要 {#summary}\n\n本文です。\n\n## 2. 方法 {#method}\n\n方法です。\n";
    const TRANSLATION: &str =
        "## 1. Summary {#summary}\n\nThe text.\n\n## 2. Method {#method}\n\nHow.\n";

    /// The project with every section accepted, then `summary` changed in the source.
    fn stale_summary() -> TempProject {
        let project = TempProject::new(SOURCE, TRANSLATION);
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let store = workspace.project.store();
        accept_pair(
            &workspace,
            None,
            &store,
            &pairs[0],
            &AcceptRequest::default(),
        )
        .unwrap();
        project.edit_source(&SOURCE.replace("本文です。", "新しい本文です。"));
        project
    }

    #[test]
    fn a_stale_section_shows_the_change_since_its_baseline() {
        let project = stale_summary();
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let found = stale_changes(&workspace, &pairs, None);
        assert!(found.section_found && found.damaged.is_empty());
        assert_eq!(found.changes.len(), 1);
        let change = &found.changes[0];
        assert_eq!((change.section.as_str(), change.line), ("summary", 1));
        assert_eq!(change.path, "content/en/article.md");
        assert!(change.baseline_available);
        assert!(change
            .changes
            .iter()
            .any(|c| matches!(c, Change::Insert(text) if text.contains("新しい"))));
        assert!(change.translation.contains("The text."));

        // One section asked for: found, and not stale; or not there at all.
        let method = stale_changes(&workspace, &pairs, Some("method"));
        assert!(method.section_found && method.changes.is_empty());
        assert!(!stale_changes(&workspace, &pairs, Some("nowhere")).section_found);
    }

    #[test]
    fn a_damaged_baseline_is_reported_not_shown_as_the_change() {
        let project = stale_summary();
        let workspace = project.workspace();
        let store = workspace.project.store();
        for fingerprint in store.entries().unwrap() {
            let hex = fingerprint.to_string();
            let path = store.dir().join(&hex[..2]).join(&hex[2..]);
            std::fs::write(path, "## 1. damaged {#summary}\n").unwrap();
        }
        let pairs = project.pairs(&workspace);
        let found = stale_changes(&workspace, &pairs, None);
        assert_eq!(found.damaged.len(), 1);
        let change = &found.changes[0];
        assert!(!change.baseline_available);
        assert!(
            matches!(&change.changes[..], [Change::Insert(text)] if text.contains("新しい本文"))
        );
    }
}
