//! Alignment: pairing each source section with its translation by id.

use std::collections::{HashMap, HashSet};

use yaku_content::{Document, Fingerprint, Marker, Section, SectionId, SectionKind};

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
    let renamed: HashMap<usize, usize> = translation
        .map(|t| renames(source, t).into_iter().collect())
        .unwrap_or_default();
    let renamed_away: HashSet<usize> = renamed.values().copied().collect();
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
        let (found, renamed_from) = match (found, renamed.get(&source_index)) {
            (None, Some(&i)) => (Some(i), true),
            (found, _) => (found, false),
        };
        let (state, line) = match (translation, found) {
            (Some(t), Some(i)) => {
                let section = &t.sections[i];
                last_line = section.line;
                let state = if renamed_from {
                    SectionState::Renamed
                } else {
                    state_of(source_section, section)
                };
                (state, section.line)
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
            if section.is_tracked()
                && !tracked_in_source.contains(section.id.as_str())
                && !renamed_away.contains(&i)
            {
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

/// The headed sections of `translation` whose id the source no longer has, but whose
/// recorded baseline is the fingerprint of a source section the translation lacks: the
/// source renamed the id and changed nothing else (the fingerprint leaves the id out).
/// Returns (source index, translation index) pairs, one to one, in source order.
pub fn renames(source: &Document, translation: &Document) -> Vec<(usize, usize)> {
    let is_headed = |s: &Section| s.is_tracked() && s.kind == SectionKind::Heading;
    let source_ids: HashSet<&str> = source
        .sections
        .iter()
        .filter(|s| s.is_tracked())
        .map(|s| s.id.as_str())
        .collect();
    // A parked section with the new id comes back from the obsolete area instead.
    let parked = translation.obsolete.iter().flat_map(|a| a.sections.iter());
    let translated_ids: HashSet<&str> = translation
        .sections
        .iter()
        .filter(|s| s.is_tracked())
        .chain(parked)
        .map(|s| s.id.as_str())
        .collect();
    // Candidates by baseline, in file order; a baseline held by two candidates is
    // ambiguous and renames nothing.
    let mut by_baseline: HashMap<Fingerprint, Option<usize>> = HashMap::new();
    for (i, section) in translation.sections.iter().enumerate() {
        if !is_headed(section) || source_ids.contains(section.id.as_str()) {
            continue;
        }
        if let Some(Marker::Accepted { source, .. }) = section.marker() {
            by_baseline
                .entry(source)
                .and_modify(|e| *e = None)
                .or_insert(Some(i));
        }
    }
    let mut wanted: HashMap<Fingerprint, usize> = HashMap::new();
    for section in source.sections.iter().filter(|s| is_headed(s)) {
        if !translated_ids.contains(section.id.as_str()) {
            *wanted.entry(section.fingerprint).or_default() += 1;
        }
    }
    source
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| is_headed(s) && !translated_ids.contains(s.id.as_str()))
        .filter(|(_, s)| wanted.get(&s.fingerprint) == Some(&1))
        .filter_map(|(i, s)| Some((i, by_baseline.get(&s.fingerprint).copied().flatten()?)))
        .collect()
}

/// The state of a translated section against its source section.
fn state_of(source: &Section, translation: &Section) -> SectionState {
    match translation.marker() {
        Some(Marker::Accepted {
            source: baseline, ..
        }) if baseline == source.fingerprint => SectionState::Current,
        Some(Marker::Accepted { text, .. }) if text != translation.fingerprint => {
            SectionState::InProgress
        }
        Some(Marker::Accepted { .. }) => SectionState::Stale,
        // A placeholder a translator started on, whose source has changed since: the
        // start was made on an old source. (An untouched one is refreshed by sync.)
        Some(Marker::Placeholder { source: held })
            if held != source.fingerprint && translation.fingerprint != held =>
        {
            SectionState::Stale
        }
        Some(Marker::Untranslated | Marker::Placeholder { .. }) | None => {
            SectionState::Untranslated
        }
    }
}

/// Whether the translation has the source's sections in another order: the first section,
/// in source order, that the translation places before a section the source has before
/// it. Returns (its alignment index, that earlier section's alignment index).
/// `yaku sync` puts them back in the source's order.
pub fn out_of_order(alignments: &[Alignment]) -> Option<(usize, usize)> {
    let mut latest: Option<(usize, usize)> = None; // (translation index, alignment index)
    for (i, alignment) in alignments.iter().enumerate() {
        let (Some(_), Some(at)) = (alignment.source, alignment.translation) else {
            continue;
        };
        match latest {
            Some((before, earlier)) if at < before => return Some((i, earlier)),
            _ => latest = Some((at, i)),
        }
    }
    None
}
