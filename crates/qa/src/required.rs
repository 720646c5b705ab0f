//! The `required-notice` rule: a section marked `<!-- yaku:required -->` in the source
//! must be published, current, in every locale.
//!
//! The caller gives each section's translation state and the locale's build policy
//! (this crate knows nothing of alignment or configuration files). A stale, untranslated
//! or missing required section is an error when the build would publish an outdated
//! text, leave the section out, or fail; it is a warning when the build publishes the
//! source text in its place (`fallback`), which keeps the notice on the page.

use yaku_content::Document;
use yaku_sync::{publication, Policy, Publication, SectionState};

use crate::text::SectionText;
use crate::{Finding, Rule, Severity};

/// One source section's state in a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionStatus {
    /// The section id.
    pub id: String,
    /// Its state.
    pub state: SectionState,
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
        let state = status.state;
        let judged = match publication(state, policy) {
            Publication::Current => None,
            Publication::Stale => Some((
                Severity::Error,
                "required section is stale: the build publishes an outdated notice (on-stale = \"publish\")".to_string(),
            )),
            Publication::Fallback if state.is_stale() => Some((
                Severity::Warning,
                "required section is stale: the build publishes the source text instead (on-stale = \"fallback\")".to_string(),
            )),
            Publication::Failed if state.is_stale() => Some((
                Severity::Error,
                "required section is stale: the build fails on it (on-stale = \"fail\")".to_string(),
            )),
            Publication::Fallback => Some((
                Severity::Warning,
                format!("required section is {state}: the build publishes the source text instead (on-missing = \"fallback\")"),
            )),
            Publication::Omitted => Some((
                Severity::Error,
                format!("required section is {state} and the build leaves it out (on-missing = \"omit\")"),
            )),
            Publication::Failed => Some((
                Severity::Error,
                format!("required section is {state}: the build fails on it (on-missing = \"fail\")"),
            )),
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

    fn judge(state: SectionState, policy: Policy) -> Option<Severity> {
        let statuses = [
            SectionStatus {
                id: "a".into(),
                state: SectionState::Missing,
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
        assert_eq!(judge(SectionState::Current, policy), None);
        assert_eq!(judge(SectionState::Stale, policy), Some(Severity::Error));
        assert_eq!(
            judge(SectionState::Missing, policy),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn the_build_policy_decides_the_severity() {
        let omit = Policy {
            on_missing: yaku_sync::MissingPolicy::Omit,
            ..Policy::default()
        };
        assert_eq!(
            judge(SectionState::Untranslated, omit),
            Some(Severity::Error)
        );
        let fail = Policy {
            on_missing: yaku_sync::MissingPolicy::Fail,
            ..Policy::default()
        };
        assert_eq!(judge(SectionState::Missing, fail), Some(Severity::Error));
        let fallback = Policy {
            on_stale: yaku_sync::StalePolicy::Fallback,
            ..Policy::default()
        };
        assert_eq!(
            judge(SectionState::Stale, fallback),
            Some(Severity::Warning)
        );
    }
}
