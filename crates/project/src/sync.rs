//! `yaku sync` on one pair: the translation brought into the source's shape and written
//! only while nobody changed it, with what the translator must still do by hand.

use yaku_content::{SectionId, FRONT_MATTER_ID, LEAD_ID};
use yaku_sync::{align_with, sync_document_with, SectionState, SyncOptions, SyncOutcome};

use crate::{write_atomic_verified, Pair, SourceStore, Written};

/// What sync did (or, in a dry run, would do) to one translation file.
#[derive(Debug)]
pub enum PairSynced {
    /// The file already has the source's shape.
    Unchanged {
        /// The lead or front matter the source no longer has.
        stranded: Vec<SectionId>,
    },
    /// A dry run: the file would change to `text`.
    WouldChange {
        /// The new text of the file.
        text: String,
    },
    /// The file was written (or created).
    Written {
        /// There was no file before.
        created: bool,
        /// What changed (its `text` is what was written); boxed, as it is large.
        outcome: Box<SyncOutcome>,
        /// The lead or front matter the source no longer has, still in the file.
        stranded: Vec<SectionId>,
    },
    /// The file changed since it was read (an editor saved it): left as it is.
    ChangedSinceRead,
    /// The file could not be written; it was left as it was.
    Failed(std::io::Error),
}

impl PairSynced {
    /// Whether the file still needs someone: it was skipped, or sync left a part of it
    /// (a stranded lead or front matter) for the translator.
    pub fn needs_attention(&self) -> bool {
        match self {
            PairSynced::Unchanged { stranded } | PairSynced::Written { stranded, .. } => {
                !stranded.is_empty()
            }
            PairSynced::ChangedSinceRead => true,
            PairSynced::WouldChange { .. } | PairSynced::Failed(_) => false,
        }
    }
}

/// Syncs `pair`'s translation with its source; writes the new text unless `dry_run`,
/// and only while the file is still the one that was read. The source text each new or
/// refreshed placeholder holds is stored in `store` first, so that `yaku diff` can show
/// what changes in the source once a translator has started on it.
pub fn sync_pair(
    store: &SourceStore,
    pair: &Pair,
    options: SyncOptions,
    dry_run: bool,
) -> PairSynced {
    let old = pair.translation.as_ref().map(|t| t.document.text.as_str());
    let outcome = sync_document_with(
        &pair.source.document,
        pair.translation.as_ref().map(|t| &t.document),
        options,
        store,
    );
    if old == Some(outcome.text.as_str()) {
        return PairSynced::Unchanged {
            stranded: stranded(store, pair),
        };
    }
    if dry_run {
        return PairSynced::WouldChange { text: outcome.text };
    }
    let source = &pair.source.document;
    for id in outcome.inserted.iter().chain(&outcome.refreshed) {
        if let Some(section) = source.section(id.as_str()) {
            if let Err(e) = store.put(section.fingerprint(), &source.text_without_marker(section)) {
                return PairSynced::Failed(e);
            }
        }
    }
    let read = pair.translation.as_ref().map(|t| t.stamp);
    match write_atomic_verified(&pair.translation_path, read, outcome.text.as_bytes()) {
        Ok(Written::ChangedSinceRead) => PairSynced::ChangedSinceRead,
        Ok(_) => PairSynced::Written {
            created: old.is_none(),
            outcome: Box::new(outcome),
            stranded: stranded(store, pair),
        },
        Err(e) => PairSynced::Failed(e),
    }
}

/// The lead and front matter of a translation that its source no longer has: sync can
/// neither park nor delete them, so the translator must (and `yaku check` says so).
fn stranded(store: &SourceStore, pair: &Pair) -> Vec<SectionId> {
    let Some(translation) = &pair.translation else {
        return Vec::new();
    };
    align_with(&pair.source.document, Some(&translation.document), store)
        .into_iter()
        .filter(|a| a.state == SectionState::Obsolete)
        .filter(|a| a.id.as_str() == LEAD_ID || a.id.as_str() == FRONT_MATTER_ID)
        .map(|a| a.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    const SOURCE: &str =
        "## 1. 概要 {#summary}\n\n本文です。\n\n## 2. 方法 {#method}\n\n方法です。\n";

    /// [`sync_pair`] with the default options and the project's store.
    fn synced_with(workspace: &crate::Workspace, pair: &crate::Pair, dry_run: bool) -> PairSynced {
        sync_pair(
            &workspace.project.store(),
            pair,
            SyncOptions::default(),
            dry_run,
        )
    }

    fn names(ids: &[SectionId]) -> Vec<&str> {
        ids.iter().map(|id| id.as_str()).collect()
    }

    #[test]
    fn a_missing_section_gets_a_placeholder_and_a_dry_run_writes_nothing() {
        let translation = "## 1. Summary {#summary}\n\nThe text.\n";
        let project = TempProject::new(SOURCE, translation);
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let synced = synced_with(&workspace, &pairs[0], true);
        let PairSynced::WouldChange { text } = &synced else {
            panic!("{synced:?}");
        };
        assert!(text.contains("{#method}"));
        assert_eq!(project.translation(), translation);

        let synced = synced_with(&workspace, &pairs[0], false);
        let PairSynced::Written {
            created,
            outcome,
            stranded,
        } = &synced
        else {
            panic!("{synced:?}");
        };
        assert!(!created);
        assert_eq!(names(&outcome.inserted), ["method"]);
        assert!(stranded.is_empty() && !synced.needs_attention());
        assert_eq!(project.translation(), outcome.text);
        // Synced again: nothing to do.
        let pairs = project.pairs(&workspace);
        let synced = synced_with(&workspace, &pairs[0], false);
        assert!(matches!(synced, PairSynced::Unchanged { ref stranded } if stranded.is_empty()));
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_skipped() {
        let project = TempProject::new(SOURCE, "## 1. Summary {#summary}\n\nThe text.\n");
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let edited = "## 1. Summary {#summary}\n\nThe text, edited meanwhile.\n";
        project.edit_translation(edited);
        let synced = synced_with(&workspace, &pairs[0], false);
        assert!(matches!(synced, PairSynced::ChangedSinceRead));
        assert!(synced.needs_attention());
        assert_eq!(project.translation(), edited);
    }

    #[test]
    fn a_lead_the_source_dropped_is_left_for_the_translator() {
        let translation = "An old lead.\n\n## 1. Summary {#summary}\n\nThe text.\n\n## 2. Method {#method}\n\nHow.\n";
        let project = TempProject::new(SOURCE, translation);
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let synced = synced_with(&workspace, &pairs[0], false);
        let PairSynced::Unchanged { stranded } = &synced else {
            panic!("{synced:?}");
        };
        assert_eq!(names(stranded), [LEAD_ID]);
        assert!(synced.needs_attention());
        assert_eq!(project.translation(), translation);
    }

    #[test]
    fn a_new_translation_is_created() {
        let project = TempProject::new(SOURCE, None);
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let synced = synced_with(&workspace, &pairs[0], false);
        let PairSynced::Written {
            created, outcome, ..
        } = &synced
        else {
            panic!("{synced:?}");
        };
        assert!(created);
        assert_eq!(names(&outcome.inserted), ["summary", "method"]);
        assert_eq!(project.translation(), outcome.text);
    }
}
