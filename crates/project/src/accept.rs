//! `yaku accept` on one pair: choose what to accept, record the baselines' source texts
//! in the [`SourceStore`] and replace the translation only while nobody changed it.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use yaku_content::{SectionId, Severity};
use yaku_qa::{check_pair, Glossary, PairOptions, PreparedDocument, Rule};
use yaku_sync::{accept_sections, align, AcceptOptions, AcceptSelection, Refusal, SectionState};

use crate::{write_atomic_verified, Pair, SourceStore, Workspace, Written};

/// What `yaku accept` was asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcceptRequest {
    /// Document → the sections asked for (empty: every translated section of it). No
    /// document at all: every document.
    pub wanted: BTreeMap<String, Vec<String>>,
    /// Only the stale sections whose translation changed since their last accept.
    pub edited: bool,
    /// Accept sections whose text is intentionally the source's.
    pub identical: bool,
    /// Accept stale sections whose translation has not changed: reviewed, no change
    /// needed.
    pub reviewed: bool,
    /// Accept sections with QA errors.
    pub force: bool,
}

impl AcceptRequest {
    /// The request for `targets`: documents (`<doc>`) and sections (`<doc>#<section>`).
    pub fn new(targets: &[String], edited: bool, identical: bool) -> AcceptRequest {
        let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for target in targets {
            match target.split_once('#') {
                Some((doc, section)) => wanted
                    .entry(doc.to_string())
                    .or_default()
                    .push(section.to_string()),
                None => {
                    wanted.entry(target.clone()).or_default();
                }
            }
        }
        AcceptRequest {
            wanted,
            edited,
            identical,
            ..AcceptRequest::default()
        }
    }

    /// The documents named, if any (`None`: every document).
    pub fn documents(&self) -> Option<Vec<String>> {
        (!self.wanted.is_empty()).then(|| self.wanted.keys().cloned().collect())
    }

    /// What to accept in `doc`.
    pub fn selection(&self, doc: &str) -> AcceptSelection {
        if self.edited {
            return AcceptSelection::Edited;
        }
        match self.wanted.get(doc) {
            Some(sections) if !sections.is_empty() => AcceptSelection::Sections(sections.clone()),
            _ => AcceptSelection::All,
        }
    }
}

/// A section that was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The section id as asked for (or found).
    pub section: String,
    /// Why.
    pub refusal: Refusal,
    /// For a QA refusal, the errors found: `line N: rule: message`.
    pub findings: Vec<String>,
}

impl Refused {
    /// Why the section was not accepted, and what to do, in words.
    pub fn reason(&self) -> &'static str {
        match self.refusal {
            Refusal::Placeholder => "still holds the untranslated source text; translate it first",
            Refusal::NotInSource => "the source has no such section",
            Refusal::NotInTranslation => "not in the translation yet; run `yaku sync` first",
            Refusal::Unreviewed => "stale, and the translation has not changed since it was accepted; update it, or accept it with `--reviewed` if it needs no change",
            Refusal::Renamed => "the source renamed its id; run `yaku sync` first",
            Refusal::QaError => "the QA found an error; fix the translation, or accept it with `--force`",
        }
    }
}

/// What accepting did to one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairAccepted {
    /// There is no translation file yet. `named`: its document was asked for by name
    /// (then this is a failure; otherwise the pair is passed over quietly).
    NoTranslation {
        /// The document was named in the request.
        named: bool,
    },
    /// The file changed while yaku worked on it (an editor saved it): nothing accepted.
    ChangedSinceRead,
    /// The baselines of `accepted` are recorded (the file is written when that changed
    /// it); `refused` were not accepted.
    Accepted {
        /// Sections whose baseline is now the source's current fingerprint.
        accepted: Vec<SectionId>,
        /// Sections not accepted, in the order found.
        refused: Vec<Refused>,
    },
}

impl PairAccepted {
    /// Whether the pair fell short of the request: a document named but not translated,
    /// a file changed meanwhile, or any refusal (with `--all` as without).
    pub fn fell_short(&self) -> bool {
        match self {
            PairAccepted::NoTranslation { named } => *named,
            PairAccepted::ChangedSinceRead => true,
            PairAccepted::Accepted { refused, .. } => !refused.is_empty(),
        }
    }
}

/// Why accepting a pair could not finish.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AcceptError {
    /// A baseline's source text could not be stored (the message names the file).
    #[error("{0}")]
    Store(std::io::Error),
    /// The translation could not be written; it was left as it was.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The translation file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Accepts in `pair` what `request` asks for: runs the QA rules on the sections it
/// would accept and refuses those with an error (unless `request.force`), stores the
/// source text of every accepted section's new baseline in `store` (so `yaku diff` can
/// show what changes next), then writes the translation's new marker lines, unless the
/// file changed since it was read.
pub fn accept_pair(
    workspace: &Workspace,
    glossary: Option<&Glossary>,
    store: &SourceStore,
    pair: &Pair,
    request: &AcceptRequest,
) -> Result<PairAccepted, AcceptError> {
    let Some(translation) = &pair.translation else {
        return Ok(PairAccepted::NoTranslation {
            named: !request.wanted.is_empty(),
        });
    };
    let selection = request.selection(&pair.doc);
    let options = AcceptOptions {
        identical: request.identical,
        reviewed: request.reviewed,
    };
    let mut outcome = accept_sections(
        &pair.source.document,
        &translation.document,
        &selection,
        options,
    );
    let mut qa_refused: Vec<Refused> = Vec::new();
    if !request.force && !outcome.accepted.is_empty() {
        let failing = qa_errors(workspace, glossary, pair, &outcome.accepted);
        if !failing.is_empty() {
            let keep: Vec<String> = outcome
                .accepted
                .iter()
                .filter(|id| !failing.contains_key(id.as_str()))
                .map(|id| id.to_string())
                .collect();
            let again = accept_sections(
                &pair.source.document,
                &translation.document,
                &AcceptSelection::Sections(keep),
                options,
            );
            qa_refused = outcome
                .accepted
                .iter()
                .filter_map(|id| {
                    Some(Refused {
                        section: id.to_string(),
                        refusal: Refusal::QaError,
                        findings: failing.get(id.as_str())?.clone(),
                    })
                })
                .collect();
            outcome.text = again.text;
            outcome.accepted = again.accepted;
        }
    }
    for id in &outcome.accepted {
        if let Some(section) = pair.source.document.section(id.as_str()) {
            store
                .put(
                    section.fingerprint(),
                    &pair.source.document.text_without_marker(section),
                )
                .map_err(AcceptError::Store)?;
        }
    }
    let written = write_atomic_verified(
        &pair.translation_path,
        Some(translation.stamp),
        outcome.text.as_bytes(),
    )
    .map_err(|source| AcceptError::Write {
        path: pair.translation_path.clone(),
        source,
    })?;
    if written == Written::ChangedSinceRead {
        return Ok(PairAccepted::ChangedSinceRead);
    }
    let mut refused: Vec<Refused> = outcome
        .refused
        .into_iter()
        .map(|(section, refusal)| Refused {
            section,
            refusal,
            findings: Vec::new(),
        })
        .collect();
    refused.extend(qa_refused);
    Ok(PairAccepted::Accepted {
        accepted: outcome.accepted,
        refused,
    })
}

/// The QA errors of the sections `ids` of `pair`'s translation, were they accepted (their
/// state current): section id → `line N: rule: message`. The required-notice rule, about
/// states rather than text, is left out.
fn qa_errors(
    workspace: &Workspace,
    glossary: Option<&Glossary>,
    pair: &Pair,
    ids: &[SectionId],
) -> BTreeMap<String, Vec<String>> {
    let Some(translation) = &pair.translation else {
        return BTreeMap::new();
    };
    let source = &pair.source.document;
    let wanted: HashSet<&str> = ids.iter().map(SectionId::as_str).collect();
    let alignments: Vec<_> = align(source, Some(&translation.document))
        .into_iter()
        .filter(|a| wanted.contains(a.id.as_str()))
        .map(|mut a| {
            a.state = SectionState::Current;
            a
        })
        .collect();
    let rules: Vec<Rule> = Rule::ALL
        .into_iter()
        .filter(|&rule| rule != Rule::RequiredNotice)
        .collect();
    let options = PairOptions {
        locale: &pair.locale,
        rules: &rules,
        glossary,
        settings: &workspace.project.qa,
        policy: workspace.project.policy(&pair.locale),
    };
    let prepared = PreparedDocument::new(source, workspace.project.source());
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for finding in check_pair(
        &prepared,
        Some(&translation.document),
        &alignments,
        &options,
    ) {
        if finding.severity == Severity::Error && wanted.contains(finding.section.as_str()) {
            out.entry(finding.section).or_default().push(format!(
                "line {}: {}: {}",
                finding.line,
                finding.rule.as_str(),
                finding.message
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    const SOURCE: &str =
        "はじめに。\n\n## 1. 概要 {#summary}\n\n本文です。\n\n## 2. 方法 {#method}\n\n方法です。\n";

    #[test]
    fn a_placeholder_is_refused_and_the_rest_accepted_and_stored() {
        // `method` still holds the source's text: a placeholder.
        let project = TempProject::new(
            SOURCE,
            "Intro.\n\n## 1. Summary {#summary}\n\nThe text.\n\n## 2. 方法 {#method}\n\n方法です。\n",
        );
        let workspace = project.workspace();
        let store = workspace.project.store();
        let pairs = project.pairs(&workspace);

        let named = AcceptRequest::new(&["article#method".to_string()], false, false);
        let accepted = accept_pair(&workspace, None, &store, &pairs[0], &named).unwrap();
        let PairAccepted::Accepted {
            accepted: ids,
            refused,
        } = &accepted
        else {
            panic!("{accepted:?}");
        };
        assert!(ids.is_empty());
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].refusal, Refusal::Placeholder);
        assert!(refused[0].reason().contains("untranslated source text"));
        assert!(accepted.fell_short());
        assert_eq!(
            project.translation(),
            pairs[0].translation.as_ref().unwrap().document.text
        );

        // The whole document: the placeholder is passed over, `summary` accepted and its
        // source text stored as its baseline.
        let whole = AcceptRequest::new(&[], false, false);
        let accepted = accept_pair(&workspace, None, &store, &pairs[0], &whole).unwrap();
        let PairAccepted::Accepted {
            accepted: ids,
            refused,
        } = &accepted
        else {
            panic!("{accepted:?}");
        };
        assert_eq!(
            ids.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
            ["lead", "summary"]
        );
        assert!(refused.iter().all(|r| r.refusal == Refusal::Placeholder));
        assert!(
            accepted.fell_short(),
            "any refusal falls short, whole document or not"
        );
        assert!(project.translation().contains("<!-- yaku:"));
        let section = pairs[0].source.document.section("summary").unwrap();
        assert_eq!(
            store.get(section.fingerprint()).unwrap().as_deref(),
            Some(
                pairs[0]
                    .source
                    .document
                    .text_without_marker(section)
                    .as_str()
            )
        );
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let project = TempProject::new(
            SOURCE,
            "Intro.\n\n## 1. Summary {#summary}\n\nThe text.\n\n## 2. Method {#method}\n\nHow.\n",
        );
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let edited = "Intro.\n\n## 1. Summary {#summary}\n\nEdited meanwhile.\n";
        project.edit_translation(edited);
        let accepted = accept_pair(
            &workspace,
            None,
            &workspace.project.store(),
            &pairs[0],
            &AcceptRequest::default(),
        )
        .unwrap();
        assert_eq!(accepted, PairAccepted::ChangedSinceRead);
        assert!(accepted.fell_short());
        assert_eq!(project.translation(), edited);
    }

    #[test]
    fn requests_choose_sections_per_document() {
        let request = AcceptRequest::new(
            &["a#x".to_string(), "a#y".to_string(), "b".to_string()],
            false,
            false,
        );
        assert_eq!(
            request.documents(),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(
            request.selection("a"),
            AcceptSelection::Sections(vec!["x".to_string(), "y".to_string()])
        );
        assert_eq!(request.selection("b"), AcceptSelection::All);
        let edited = AcceptRequest::new(&["a#x".to_string()], true, false);
        assert_eq!(edited.selection("a"), AcceptSelection::Edited);
        assert_eq!(AcceptRequest::default().documents(), None);
    }
}
