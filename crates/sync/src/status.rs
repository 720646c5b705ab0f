//! Per-document summaries of section states.

use yaku_content::Document;

use crate::{Alignment, SectionState};

/// How many sections are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StateCounts {
    /// Current sections.
    pub current: usize,
    /// Stale sections.
    pub stale: usize,
    /// Untranslated placeholders.
    pub untranslated: usize,
    /// Missing sections.
    pub missing: usize,
    /// Obsolete sections.
    pub obsolete: usize,
    /// Stale sections edited since they were accepted (absent when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub in_progress: usize,
    /// Sections whose id the source renamed (absent when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub renamed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl StateCounts {
    /// Adds one section in `state`.
    pub fn add(&mut self, state: SectionState) {
        *self.get_mut(state) += 1;
    }

    fn get_mut(&mut self, state: SectionState) -> &mut usize {
        match state {
            SectionState::Current => &mut self.current,
            SectionState::Stale => &mut self.stale,
            SectionState::Untranslated => &mut self.untranslated,
            SectionState::Missing => &mut self.missing,
            SectionState::Obsolete => &mut self.obsolete,
            SectionState::Renamed => &mut self.renamed,
            SectionState::InProgress => &mut self.in_progress,
        }
    }

    /// The count for `state`.
    pub fn get(&self, state: SectionState) -> usize {
        match state {
            SectionState::Current => self.current,
            SectionState::Stale => self.stale,
            SectionState::Untranslated => self.untranslated,
            SectionState::Missing => self.missing,
            SectionState::Obsolete => self.obsolete,
            SectionState::Renamed => self.renamed,
            SectionState::InProgress => self.in_progress,
        }
    }

    /// Sections the source has (obsolete ones are not the source's).
    pub fn source_sections(&self) -> usize {
        self.current
            + self.stale
            + self.in_progress
            + self.untranslated
            + self.missing
            + self.renamed
    }

    /// Sections in any state, obsolete ones included.
    pub fn total(&self) -> usize {
        self.source_sections() + self.obsolete
    }
}

/// The state of one document in one locale.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentStatus {
    /// The document name.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// Sections per state.
    pub counts: StateCounts,
    /// Share of the source's sections that are current, 0–100.
    pub percent_current: f64,
    /// Characters left to translate: the whole source text of untranslated and missing
    /// sections, and for stale ones the characters the source inserted or replaced since
    /// the baseline (the whole text when the baseline's text is unknown). Whitespace is
    /// not counted.
    pub chars_left: usize,
    /// Characters of source text in all tracked sections.
    pub chars_total: usize,
    /// The translation has the source's sections in another order (absent when not).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub out_of_order: bool,
}

impl DocumentStatus {
    /// Summarizes an alignment of `source` in `locale`, counting the whole text of every
    /// section not current as left.
    pub fn new(doc: &str, locale: &str, source: &Document, alignments: &[Alignment]) -> Self {
        Self::with_changed(doc, locale, source, alignments, |_| None)
    }

    /// Summarizes an alignment of `source` in `locale`; `changed` gives, for a stale
    /// section, the characters the source inserted or replaced since its baseline, when
    /// the baseline's text is known (see `yaku_project::changed_chars`). `source` is
    /// parsed counting characters (`ParseOptions::count_characters`); a section it did
    /// not count counts as none.
    pub fn with_changed(
        doc: &str,
        locale: &str,
        source: &Document,
        alignments: &[Alignment],
        changed: impl Fn(&Alignment) -> Option<usize>,
    ) -> Self {
        let mut counts = StateCounts::default();
        let mut chars_left = 0;
        let mut chars_total = 0;
        for alignment in alignments {
            counts.add(alignment.state);
            if let Some(i) = alignment.source {
                let chars = source.sections[i].chars.unwrap_or_default();
                chars_total += chars;
                chars_left += match alignment.state {
                    // A renamed section's text is current; only its id is not.
                    SectionState::Current | SectionState::Renamed => 0,
                    state if state.is_stale() => changed(alignment).unwrap_or(chars).min(chars),
                    _ => chars,
                };
            }
        }
        let total = counts.source_sections();
        let percent_current = if total == 0 {
            100.0
        } else {
            // One decimal, so the same input always prints the same number.
            (counts.current as f64 * 1000.0 / total as f64).floor() / 10.0
        };
        DocumentStatus {
            doc: doc.to_string(),
            locale: locale.to_string(),
            counts,
            percent_current,
            chars_left,
            chars_total,
            out_of_order: crate::out_of_order(alignments).is_some(),
        }
    }
}
