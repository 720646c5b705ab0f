//! The translation state of one section in one locale.

use std::fmt;

/// Where a translated section stands against its source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SectionState {
    /// The recorded baseline equals the source section's fingerprint now.
    Current,
    /// A baseline is recorded and differs: the source changed since, and the translated
    /// text has not changed since it was accepted (untouched).
    Stale,
    /// Stale, and the translated text has changed since it was accepted: a translator is
    /// updating it.
    #[serde(rename = "in-progress")]
    InProgress,
    /// Present as a placeholder (or never accepted).
    Untranslated,
    /// The source has the section and the translation does not.
    Missing,
    /// The translation has a section whose id the source no longer has.
    Obsolete,
    /// The source renamed the section's id and changed nothing else: the translation
    /// still has it under the old id (`yaku sync` renames it in place).
    Renamed,
}

impl SectionState {
    /// Whether the source changed since the translation was accepted (stale, edited
    /// since or not).
    pub fn is_stale(self) -> bool {
        matches!(self, SectionState::Stale | SectionState::InProgress)
    }

    /// Every state, in report order, except `Renamed` and `InProgress`, which are
    /// reported only where a section has them (so outputs without one are unchanged).
    pub const ALL: [SectionState; 5] = [
        SectionState::Current,
        SectionState::Stale,
        SectionState::Untranslated,
        SectionState::Missing,
        SectionState::Obsolete,
    ];

    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionState::Current => "current",
            SectionState::Stale => "stale",
            SectionState::Untranslated => "untranslated",
            SectionState::Missing => "missing",
            SectionState::Obsolete => "obsolete",
            SectionState::Renamed => "renamed",
            SectionState::InProgress => "in-progress",
        }
    }
}

impl fmt::Display for SectionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
