//! The `required-notice` rule: a section marked `<!-- yaku:required -->` in the source
//! must be published, current, in every locale.
//!
//! The caller gives each section's translation state and the locale's build policy
//! (this crate knows nothing of alignment or configuration files). A stale, untranslated
//! or missing required section is an error when the build would publish an outdated
//! text, leave the section out, or fail; it is a warning when the build publishes the
//! source text in its place (`fallback`), which keeps the notice on the page.

use yaku_content::Document;

use crate::text::SectionText;
use crate::{Finding, Rule, Severity};

/// Where a translated section stands, as far as this rule cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeState {
    /// Translated from the source as it is now.
    Current,
    /// Translated from an older version of the source.
    Stale,
    /// A placeholder, or never accepted.
    Untranslated,
    /// Not in the translation file (or no translation file).
    Missing,
}

/// What the build publishes for a missing or untranslated section (`on-missing`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnMissing {
    /// The source section.
    #[default]
    Fallback,
    /// Nothing.
    Omit,
    /// The build fails.
    Fail,
}

/// What the build publishes for a stale section (`on-stale`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnStale {
    /// The stale translation.
    #[default]
    Publish,
    /// The source section.
    Fallback,
    /// The build fails.
    Fail,
}

/// A locale's build policy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// For missing and untranslated sections.
    pub on_missing: OnMissing,
    /// For stale sections.
    pub on_stale: OnStale,
}

/// One source section's state in a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionStatus {
    /// The section id.
    pub id: String,
    /// Its state.
    pub state: NoticeState,
    /// The line of the translation file the state refers to.
    pub line: usize,
}

/// The required sections of `source` that a locale does not publish current.
/// `translation` (when the file exists) is read for `qa-ignore` markers.
pub fn check_required_notices(
    source: &Document,
    translation: Option<&Document>,
    statuses: &[SectionStatus],
    policy: Policy,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for status in statuses {
        let Some(section) = source.section(&status.id) else {
            continue;
        };
        if !section.required {
            continue;
        }
        let judged = match (status.state, policy.on_missing, policy.on_stale) {
            (NoticeState::Current, _, _) => None,
            (NoticeState::Stale, _, OnStale::Publish) => Some((
                Severity::Error,
                "required section is stale: the build publishes an outdated notice (on-stale = \"publish\")".to_string(),
            )),
            (NoticeState::Stale, _, OnStale::Fallback) => Some((
                Severity::Warning,
                "required section is stale: the build publishes the source text instead (on-stale = \"fallback\")".to_string(),
            )),
            (NoticeState::Stale, _, OnStale::Fail) => Some((
                Severity::Error,
                "required section is stale: the build fails on it (on-stale = \"fail\")".to_string(),
            )),
            (state, on_missing, _) => {
                let state = if state == NoticeState::Missing {
                    "missing"
                } else {
                    "untranslated"
                };
                Some(match on_missing {
                    OnMissing::Omit => (
                        Severity::Error,
                        format!("required section is {state} and the build leaves it out (on-missing = \"omit\")"),
                    ),
                    OnMissing::Fallback => (
                        Severity::Warning,
                        format!("required section is {state}: the build publishes the source text instead (on-missing = \"fallback\")"),
                    ),
                    OnMissing::Fail => (
                        Severity::Error,
                        format!("required section is {state}: the build fails on it (on-missing = \"fail\")"),
                    ),
                })
            }
        };
        let Some((severity, message)) = judged else {
            continue;
        };
        let ignored = translation
            .and_then(|t| Some((t, t.section(&status.id)?)))
            .is_some_and(|(t, s)| {
                SectionText::new(t, s)
                    .ignored_rules(t, s)
                    .contains(Rule::RequiredNotice.as_str())
            });
        if ignored {
            continue;
        }
        out.push(Finding {
            rule: Rule::RequiredNotice,
            severity,
            section: status.id.clone(),
            line: status.line,
            message,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::{parse_document, ParseOptions};

    fn source() -> Document {
        let text = "# A {#a}\n\nText.\n\n# B {#b}\n\n<!-- yaku:required -->\n\nNotice.\n";
        parse_document(text.as_bytes(), &ParseOptions::default())
            .unwrap()
            .document
    }

    fn judge(state: NoticeState, policy: Policy) -> Option<Severity> {
        let statuses = [
            SectionStatus {
                id: "a".into(),
                state: NoticeState::Missing,
                line: 1,
            },
            SectionStatus {
                id: "b".into(),
                state,
                line: 5,
            },
        ];
        let found = check_required_notices(&source(), None, &statuses, policy);
        assert!(found.len() <= 1);
        found.first().map(|f| {
            assert_eq!((f.section.as_str(), f.line), ("b", 5));
            f.severity
        })
    }

    #[test]
    fn only_required_sections_that_are_not_current_are_reported() {
        let policy = Policy::default();
        assert_eq!(judge(NoticeState::Current, policy), None);
        assert_eq!(judge(NoticeState::Stale, policy), Some(Severity::Error));
        assert_eq!(judge(NoticeState::Missing, policy), Some(Severity::Warning));
    }

    #[test]
    fn the_build_policy_decides_the_severity() {
        let omit = Policy {
            on_missing: OnMissing::Omit,
            ..Policy::default()
        };
        assert_eq!(
            judge(NoticeState::Untranslated, omit),
            Some(Severity::Error)
        );
        let fail = Policy {
            on_missing: OnMissing::Fail,
            ..Policy::default()
        };
        assert_eq!(judge(NoticeState::Missing, fail), Some(Severity::Error));
        let fallback = Policy {
            on_stale: OnStale::Fallback,
            ..Policy::default()
        };
        assert_eq!(judge(NoticeState::Stale, fallback), Some(Severity::Warning));
    }
}
