//! Alignment: pairing each source section with its translation by id.

use rustc_hash::{FxHashMap, FxHashSet};

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

/// The source texts that translations were accepted against (the baselines kept in
/// `.yaku/sources/`), by fingerprint. With them, a rename that also changed the heading's
/// text is found: the old section's body is compared with the new one's.
pub trait Baselines {
    /// The source text of the section whose fingerprint is `fingerprint`, if kept.
    fn text(&self, fingerprint: Fingerprint) -> Option<String>;
}

/// No baselines: only renames that changed nothing but the id are found.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoBaselines;

impl Baselines for NoBaselines {
    fn text(&self, _: Fingerprint) -> Option<String> {
        None
    }
}

/// Pairs every tracked source section with the translation's section of the same id, in
/// source order, followed by the translation's obsolete sections in file order.
/// Sections already parked in the obsolete area are not reported. `translation` is
/// `None` when the file does not exist.
pub fn align(source: &Document, translation: Option<&Document>) -> Vec<Alignment> {
    align_with(source, translation, &NoBaselines)
}

/// [`align`], finding renames whose heading text changed too by their `baselines`.
pub fn align_with(
    source: &Document,
    translation: Option<&Document>,
    baselines: &dyn Baselines,
) -> Vec<Alignment> {
    let renamed: FxHashMap<usize, usize> = translation
        .map(|t| renames(source, t, baselines).into_iter().collect())
        .unwrap_or_default();
    let renamed_away: FxHashSet<usize> = renamed.values().copied().collect();
    let translated: FxHashMap<&str, usize> = translation
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
        let tracked_in_source: FxHashSet<&str> = source
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

/// The headed sections of `translation` whose id the source no longer has, matched to
/// the source section the translation lacks that they were translated from: the one whose
/// fingerprint is their recorded baseline (the source renamed the id and changed nothing
/// else; the fingerprint leaves the id out), else, by `baselines`, the one whose body is
/// the baseline's body (the heading's text changed too). Only one-to-one matches count.
/// Returns (source index, translation index) pairs in source order.
pub fn renames(
    source: &Document,
    translation: &Document,
    baselines: &dyn Baselines,
) -> Vec<(usize, usize)> {
    let is_headed = |s: &Section| s.is_tracked() && s.kind == SectionKind::Heading;
    let source_ids: FxHashSet<&str> = source
        .sections
        .iter()
        .filter(|s| s.is_tracked())
        .map(|s| s.id.as_str())
        .collect();
    // A parked section with the new id comes back from the obsolete area instead.
    let parked = translation.obsolete.iter().flat_map(|a| a.sections.iter());
    let translated_ids: FxHashSet<&str> = translation
        .sections
        .iter()
        .filter(|s| s.is_tracked())
        .chain(parked)
        .map(|s| s.id.as_str())
        .collect();
    // Candidates by baseline, in file order; a baseline held by two candidates is
    // ambiguous and renames nothing.
    let by_baseline = once_each(
        translation
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| is_headed(s) && !source_ids.contains(s.id.as_str()))
            .filter_map(|(i, s)| match s.marker() {
                Some(Marker::Accepted { source, .. }) => Some((source, i)),
                _ => None,
            }),
    );
    // The source sections without a translation: the new ids.
    let new: Vec<(usize, &Section)> = source
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| is_headed(s) && !translated_ids.contains(s.id.as_str()))
        .collect();
    let exact = unique_matches(
        new.iter().map(|&(i, s)| (s.fingerprint(), i)),
        by_baseline
            .iter()
            .filter_map(|(&baseline, &i)| Some((baseline, i?))),
    );
    let matched_source: FxHashSet<usize> = exact.iter().map(|&(s, _)| s).collect();
    let matched_translation: FxHashSet<usize> = exact.iter().map(|&(_, t)| t).collect();
    let unmatched: Vec<(Fingerprint, usize)> = by_baseline
        .iter()
        .filter_map(|(&baseline, &i)| Some((baseline, i?)))
        .filter(|(_, i)| !matched_translation.contains(i))
        .collect();
    let still_new: Vec<&(usize, &Section)> = new
        .iter()
        .filter(|(i, _)| !matched_source.contains(i))
        .collect();
    let mut out = exact;
    if !unmatched.is_empty() && !still_new.is_empty() {
        // The heading changed too: compare bodies, the old one from the baseline's text.
        let old_bodies = unmatched
            .into_iter()
            .filter_map(|(baseline, i)| Some((body_fingerprint(&baselines.text(baseline)?)?, i)));
        let new_bodies = still_new.into_iter().filter_map(|&(i, section)| {
            Some((body_fingerprint(&source.text_without_marker(section))?, i))
        });
        out.extend(unique_matches(new_bodies, old_bodies));
    }
    out.sort_unstable();
    out
}

/// The (source index, translation index) pairs whose key occurs once on each side.
fn unique_matches(
    source: impl Iterator<Item = (Fingerprint, usize)>,
    translation: impl Iterator<Item = (Fingerprint, usize)>,
) -> Vec<(usize, usize)> {
    let translations = once_each(translation);
    once_each(source)
        .into_iter()
        .filter_map(|(key, s)| Some((s?, translations.get(&key).copied().flatten()?)))
        .collect()
}

/// Each key with its index, or `None` when the key occurs more than once.
fn once_each(
    items: impl Iterator<Item = (Fingerprint, usize)>,
) -> FxHashMap<Fingerprint, Option<usize>> {
    let mut map: FxHashMap<Fingerprint, Option<usize>> = FxHashMap::default();
    for (key, i) in items {
        map.entry(key).and_modify(|e| *e = None).or_insert(Some(i));
    }
    map
}

/// The fingerprint of a section's text after its heading line; `None` when that is
/// blank (an empty body says nothing about where a section came from).
fn body_fingerprint(text: &str) -> Option<Fingerprint> {
    let body = text.split_once('\n').map_or("", |(_, body)| body);
    (!body.trim().is_empty()).then(|| Fingerprint::of_text(body))
}

/// The state of a translated section against its source section.
fn state_of(source: &Section, translation: &Section) -> SectionState {
    match translation.marker() {
        Some(Marker::Accepted {
            source: baseline, ..
        }) if baseline == source.fingerprint() => SectionState::Current,
        Some(Marker::Accepted { text, .. }) if text != translation.fingerprint() => {
            SectionState::InProgress
        }
        Some(Marker::Accepted { .. }) => SectionState::Stale,
        // A placeholder a translator started on, whose source has changed since: the
        // start was made on an old source. (An untouched one is refreshed by sync.)
        Some(Marker::Placeholder { source: held })
            if held != source.fingerprint() && translation.fingerprint() != held =>
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
