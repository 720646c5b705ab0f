//! What a locale publishes for a section, by its state and the locale's policies.
//!
//! The build decides it, and the QA of required notices judges the same decision; both
//! ask [`publication`], so they cannot disagree.

use crate::SectionState;

/// What a locale publishes for a section the translation lacks (missing or
/// untranslated): `on-missing` in `yaku.toml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingPolicy {
    /// Publish the source section, marked `fallback`.
    #[default]
    Fallback,
    /// Leave the section out.
    Omit,
    /// Fail the build, naming each such section.
    Fail,
}

/// What a locale publishes for a stale section: `on-stale` in `yaku.toml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StalePolicy {
    /// Publish the translation, marked `stale`.
    #[default]
    Publish,
    /// Publish the source section instead, marked `fallback`.
    Fallback,
    /// Fail the build, naming each such section.
    Fail,
}

/// A locale's two policies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// For missing and untranslated sections.
    pub on_missing: MissingPolicy,
    /// For stale sections.
    pub on_stale: StalePolicy,
}

/// What is published for one source section in one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// The translation, current.
    Current,
    /// The translation, although the source changed since it was accepted.
    Stale,
    /// The source section in the source language, in place of the translation.
    Fallback,
    /// Nothing: the section is left out.
    Omitted,
    /// Nothing: the build fails on this section.
    Failed,
}

/// What a locale with `policy` publishes for a section in `state`. An obsolete section
/// has no source section and is never published. A renamed section's text is the
/// translation of the source as it is now (only its id is the old one), so it is
/// published as current.
pub fn publication(state: SectionState, policy: Policy) -> Publication {
    match state {
        SectionState::Current | SectionState::Renamed => Publication::Current,
        SectionState::Stale | SectionState::InProgress => match policy.on_stale {
            StalePolicy::Publish => Publication::Stale,
            StalePolicy::Fallback => Publication::Fallback,
            StalePolicy::Fail => Publication::Failed,
        },
        SectionState::Untranslated | SectionState::Missing => match policy.on_missing {
            MissingPolicy::Fallback => Publication::Fallback,
            MissingPolicy::Omit => Publication::Omitted,
            MissingPolicy::Fail => Publication::Failed,
        },
        SectionState::Obsolete => Publication::Omitted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_follows_its_own_policy() {
        let strict = Policy {
            on_missing: MissingPolicy::Fail,
            on_stale: StalePolicy::Fallback,
        };
        assert_eq!(
            publication(SectionState::Current, strict),
            Publication::Current
        );
        assert_eq!(
            publication(SectionState::Stale, strict),
            Publication::Fallback
        );
        assert_eq!(
            publication(SectionState::Missing, strict),
            Publication::Failed
        );
        assert_eq!(
            publication(SectionState::Untranslated, strict),
            Publication::Failed
        );
        let default = Policy::default();
        assert_eq!(
            publication(SectionState::Stale, default),
            Publication::Stale
        );
        assert_eq!(
            publication(SectionState::Missing, default),
            Publication::Fallback
        );
        assert_eq!(
            publication(SectionState::Obsolete, default),
            Publication::Omitted
        );
    }
}
