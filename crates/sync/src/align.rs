//! Alignment: pairing each source section with its translation by id.

use std::collections::{HashMap, HashSet};

use yaku_content::{Document, Marker, Section, SectionId};

use crate::SectionState;

/// One section's state in one translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// The section id.
    pub id: SectionId,
    /// Its state.
    pub state: SectionState,
    /// Index of the section in the source's `sections`, unless obsolete.
    pub source: Option<usize>,
    /// Index of the section in the translation's `sections`, when present there.
    pub translation: Option<usize>,
    /// The 1-based line of the translation file the state refers to (the section's
    /// heading, or where a missing section belongs).
    pub line: usize,
}

/// Pairs every tracked source section with the translation's section of the same id, in
/// source order, followed by the translation's obsolete sections in file order.
/// Sections already parked in the obsolete area are not reported. `translation` is
/// `None` when the file does not exist.
pub fn align(source: &Document, translation: Option<&Document>) -> Vec<Alignment> {
    let translated: HashMap<&str, usize> = translation
        .map(|t| {
            t.sections
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut last_line = 1;
    for (source_index, source_section) in source.sections.iter().enumerate() {
        if !source_section.is_tracked() {
            continue;
        }
        let found = translated
            .get(source_section.id.as_str())
            .copied()
            .filter(|&i| translation.is_some_and(|t| t.sections[i].is_tracked()));
        let (state, line) = match (translation, found) {
            (Some(t), Some(i)) => {
                let section = &t.sections[i];
                last_line = section.line;
                (state_of(source_section, section), section.line)
            }
            _ => (SectionState::Missing, last_line),
        };
        out.push(Alignment {
            id: source_section.id.clone(),
            state,
            source: Some(source_index),
            translation: found,
            line,
        });
    }
    if let Some(t) = translation {
        // By map, not by search: a document may have a hundred thousand sections.
        let tracked_in_source: HashSet<&str> = source
            .sections
            .iter()
            .filter(|s| s.is_tracked())
            .map(|s| s.id.as_str())
            .collect();
        for (i, section) in t.sections.iter().enumerate() {
            if section.is_tracked() && !tracked_in_source.contains(section.id.as_str()) {
                out.push(Alignment {
                    id: section.id.clone(),
                    state: SectionState::Obsolete,
                    source: None,
                    translation: Some(i),
                    line: section.line,
                });
            }
        }
    }
    out
}

/// The state of a translated section against its source section.
fn state_of(source: &Section, translation: &Section) -> SectionState {
    match translation.marker() {
        Some(Marker::Accepted {
            source: baseline, ..
        }) if baseline == source.fingerprint => SectionState::Current,
        Some(Marker::Accepted { .. }) => SectionState::Stale,
        Some(Marker::Untranslated) | None => SectionState::Untranslated,
    }
}
