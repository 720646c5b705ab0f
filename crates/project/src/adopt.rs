//! `yaku adopt`: bring an existing translated locale under yaku in one step.
//!
//! For every source document with a translation in the locale: the source's ids are
//! written onto the translation's headings (by the [`AssignIds`] step the caller passes),
//! then every translated section gets a baseline, recorded as `yaku accept` records it
//! (a marker line, and the baseline's source text in the [`SourceStore`]). The baseline
//! is the source as it is now ([`BaselineFrom::Current`]), or, with
//! [`BaselineFrom::Git`], the source as it was at the commit that last touched the
//! translation, so a section whose source changed since is stale from the first day.
//!
//! Everything is worked out before anything is written: an error (a shallow clone
//! without the history, a file with errors) leaves every file as it was. A translation
//! changes only by the ids added and the marker lines; each write is atomic, and only
//! while the file is still the one that was read.

use std::path::{Path, PathBuf};
use std::process::Command;

use yaku_content::{parse_text, Document, Problem, Severity};
use yaku_sync::{accept_sections, AcceptOptions, AcceptSelection, Refusal};

use crate::{
    read_regular, write_atomic_verified, FileProblem, FileStamp, Workspace, WorkspaceError, Written,
};

/// The ids step of `yaku adopt`: the source's ids on the translation's headings, by
/// structure ([`yaku_sync::ids_from_source`], as `yaku ids --from-source` writes them); a
/// translation whose structure diverges is left alone, with the first difference.
pub fn source_ids(
    workspace: &Workspace,
    source: &Document,
    path: &Path,
    text: &str,
) -> Result<String, String> {
    let options = workspace.translation_options.for_path(path);
    let parsed = parse_text(text.to_string(), &options).map_err(|(d, _)| d.problem.to_string())?;
    let ids = yaku_sync::ids_from_source(source, &parsed.document)
        .map_err(|d| format!("line {}: {}", d.line, d.message))?;
    Ok(yaku_content::write_ids(
        &parsed.document,
        yaku_content::Dialect::of_path(path),
        &ids,
    ))
}

/// The step that writes the source's ids onto a translation's headings: the source
/// document, the translation's file (its extension says how ids are written: `{#id}`,
/// or MDX's comment) and its text → the new text (the same text when nothing is
/// missing), or why the two cannot be aligned, with the line where they part (the
/// translation is then left untouched).
pub type AssignIds<'a> = dyn Fn(&Document, &Path, &str) -> Result<String, String> + Sync + 'a;

/// Which source text a translation is taken to have been made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BaselineFrom {
    /// The source as it is now: every translated section current, so the QA shows any
    /// drift at once.
    Current,
    /// The source as it was at the commit that last touched the translation (git).
    Git,
}

/// What adopting did to one document's translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Adoption {
    /// The locale has no file for this document: nothing to adopt.
    NoTranslation,
    /// The source's ids could not be placed on the translation: it was left untouched.
    NotAligned {
        /// Why, from the [`AssignIds`] step (the first point where the two differ).
        reason: String,
    },
    /// The file changed while yaku worked on it: nothing written.
    ChangedSinceRead,
    /// Adopted: ids and baselines recorded.
    Adopted {
        /// Whether the ids step added ids.
        ids_added: bool,
        /// The sections that now have a baseline.
        accepted: usize,
        /// Sections not given one, and why (a section still in the source's words).
        refused: Vec<(String, Refusal)>,
        /// Sections that had a baseline (or a placeholder marker) already: kept as they
        /// were, stale or not.
        kept: usize,
        /// With [`BaselineFrom::Git`], the commit whose source is the baseline.
        commit: Option<String>,
        /// Whether the file was rewritten (or already held this text).
        written: Written,
    },
}

/// One document's adoption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdoptedDocument {
    /// The document id.
    pub doc: String,
    /// The translation file.
    pub path: PathBuf,
    /// What happened.
    pub adoption: Adoption,
}

/// Why adoption could not run; nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AdoptError {
    /// The project could not be read.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// Files have errors (listed); nothing was adopted.
    #[error("{} file problem(s); nothing was adopted", .0.len())]
    Problems(Vec<FileProblem>),
    /// git could not say which source a translation was made from.
    #[error("{}: {message}", path.display())]
    Git {
        /// The translation (or source) file concerned.
        path: PathBuf,
        /// What went wrong, and what to do.
        message: String,
    },
    /// A baseline's source text could not be stored.
    #[error("{0}")]
    Store(std::io::Error),
    /// A translation could not be written; it was left as it was.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// One document's adoption, worked out and not yet written.
struct Plan {
    doc: String,
    path: PathBuf,
    stamp: FileStamp,
    ids_added: bool,
    text: String,
    baseline: Document,
    accepted: Vec<yaku_content::SectionId>,
    refused: Vec<(String, Refusal)>,
    kept: usize,
    commit: Option<String>,
}

/// Adopts `locale`'s translations of `docs` (all when `None`): ids by `assign_ids`,
/// baselines from `from`. The caller holds the project lock.
pub fn adopt_locale(
    workspace: &Workspace,
    locale: &str,
    docs: Option<&[String]>,
    from: BaselineFrom,
    assign_ids: &AssignIds<'_>,
) -> Result<Vec<AdoptedDocument>, AdoptError> {
    let project = &workspace.project;
    let all = project.documents().map_err(WorkspaceError::from)?;
    if let Some(wanted) = docs {
        if let Some(doc) = wanted.iter().find(|d| !all.contains(d)) {
            return Err(WorkspaceError::UnknownDocument {
                doc: doc.clone(),
                folder: workspace.display(&project.locale_root(project.source())),
            }
            .into());
        }
    }
    let mut problems = Vec::new();
    let mut slots = Vec::new();
    for doc in all.iter().filter(|d| docs.is_none_or(|w| w.contains(d))) {
        if let Some(slot) = plan_document(workspace, locale, doc, from, assign_ids, &mut problems)?
        {
            slots.push(slot);
        }
    }
    if !problems.is_empty() {
        return Err(AdoptError::Problems(problems));
    }
    let store = project.store();
    let mut adopted = Vec::new();
    for slot in slots {
        let plan = match slot {
            Slot::Done(document) => {
                adopted.push(document);
                continue;
            }
            Slot::Planned(plan) => plan,
        };
        for id in &plan.accepted {
            if let Some(section) = plan.baseline.section(id.as_str()) {
                store
                    .put(
                        section.fingerprint(),
                        &plan.baseline.text_without_marker(section),
                    )
                    .map_err(AdoptError::Store)?;
            }
        }
        let written = write_atomic_verified(&plan.path, Some(plan.stamp), plan.text.as_bytes())
            .map_err(|source| AdoptError::Write {
                path: plan.path.clone(),
                source,
            })?;
        let adoption = if written == Written::ChangedSinceRead {
            Adoption::ChangedSinceRead
        } else {
            Adoption::Adopted {
                ids_added: plan.ids_added,
                accepted: plan.accepted.len(),
                refused: plan.refused,
                kept: plan.kept,
                commit: plan.commit,
                written,
            }
        };
        adopted.push(AdoptedDocument {
            doc: plan.doc,
            path: plan.path,
            adoption,
        });
    }
    Ok(adopted)
}

/// A document's place in the report: settled already, or to be written.
enum Slot {
    Done(AdoptedDocument),
    Planned(Box<Plan>),
}

/// Works out `doc`'s adoption without writing: `None` when its source cannot be used
/// (the problem is in `problems`).
fn plan_document(
    workspace: &Workspace,
    locale: &str,
    doc: &str,
    from: BaselineFrom,
    assign_ids: &AssignIds<'_>,
    problems: &mut Vec<FileProblem>,
) -> Result<Option<Slot>, AdoptError> {
    let project = &workspace.project;
    let source_path = project.document_path(project.source(), doc);
    let path = project.document_path(locale, doc);
    let done = |path: PathBuf, adoption| {
        Ok(Some(Slot::Done(AdoptedDocument {
            doc: doc.to_string(),
            path,
            adoption,
        })))
    };
    let source = match workspace.load(&source_path) {
        Ok(Some(source)) => source,
        Ok(None) => return Ok(None),
        Err(error) => {
            problems.push(workspace.problem(&error));
            return Ok(None);
        }
    };
    if workspace.report_errors(&source, problems) {
        return Ok(None);
    }
    let read = read_regular(&path).map_err(|source| {
        WorkspaceError::from(crate::ProjectError::Io {
            path: path.clone(),
            source,
        })
    })?;
    let Some(read) = read else {
        return done(path, Adoption::NoTranslation);
    };
    let Ok(old_text) = String::from_utf8(read.bytes) else {
        // Parsed as bytes, for the diagnostic with its position.
        if let Err(error) = workspace.load_translation(&path) {
            problems.push(workspace.problem(&error));
        }
        return Ok(None);
    };
    let translation_options = &*workspace.translation_options.for_path(&path);
    // The ids step runs only on a translation with a heading that lacks an id: one that
    // has them all is adopted as it is, whatever drift the check will then show.
    let lacks_ids = parse_text(old_text.clone(), translation_options).is_ok_and(|parsed| {
        parsed
            .diagnostics
            .iter()
            .any(|d| d.problem == Problem::HeadingWithoutId)
    });
    let text = if lacks_ids {
        match assign_ids(&source.document, &path, &old_text) {
            Ok(text) => text,
            Err(reason) => return done(path, Adoption::NotAligned { reason }),
        }
    } else {
        old_text.clone()
    };
    let ids_added = text != old_text;
    let Some(translation) = parse_checked(workspace, &path, text, translation_options, problems)
    else {
        return Ok(None);
    };
    let (baseline, commit) = match from {
        BaselineFrom::Current => (source.document, None),
        BaselineFrom::Git => {
            let (commit, old) = source_at_last_commit(&project.root, &path, &source_path)?;
            let source_options = &*workspace.parse_options.for_path(&source_path);
            let Some(old) = parse_checked(workspace, &source_path, old, source_options, problems)
            else {
                return Ok(None);
            };
            (old, Some(commit))
        }
    };
    // Only sections without a baseline are adopted: one a translator or an earlier
    // adoption already gave a baseline (or a placeholder) keeps it, stale or not, so
    // adopting a locale already under yaku hides nothing.
    let (marked, unmarked): (Vec<_>, Vec<_>) = translation
        .tracked_sections()
        .filter(|section| baseline.section(section.id.as_str()).is_some())
        .partition(|section| section.marker.is_some());
    let selection = AcceptSelection::Sections(
        unmarked
            .iter()
            .map(|section| section.id.to_string())
            .collect(),
    );
    let outcome = accept_sections(
        &baseline,
        &translation,
        &selection,
        AcceptOptions {
            identical: false,
            reviewed: true,
        },
    );
    let kept = marked.len();
    Ok(Some(Slot::Planned(Box::new(Plan {
        doc: doc.to_string(),
        path,
        stamp: read.stamp,
        ids_added,
        text: outcome.text,
        baseline,
        accepted: outcome.accepted,
        refused: outcome.refused,
        kept,
        commit,
    }))))
}

/// `text` parsed with `options` as the file at `path`; its errors go to `problems`
/// (then `None`).
fn parse_checked(
    workspace: &Workspace,
    path: &Path,
    text: String,
    options: &yaku_content::ParseOptions,
    problems: &mut Vec<FileProblem>,
) -> Option<Document> {
    let shown = workspace.display(path);
    match parse_text(text, options) {
        Ok(parsed) => {
            let errors = parsed
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            if !errors {
                return Some(parsed.document);
            }
            let text: std::sync::Arc<str> = std::sync::Arc::from(parsed.document.text.as_str());
            for diagnostic in &parsed.diagnostics {
                problems.push(FileProblem::of_diagnostic(shown.clone(), &text, diagnostic));
            }
            None
        }
        Err((diagnostic, text)) => {
            let text: std::sync::Arc<str> = std::sync::Arc::from(text.as_str());
            problems.push(FileProblem::of_diagnostic(shown, &text, &diagnostic));
            None
        }
    }
}

/// The commit that last touched `translation`, and `source`'s text at that commit
/// (git CLI, run in `root`). A file git does not track, a shallow clone whose history
/// stops before that commit, or a source that did not exist then is an error naming the
/// file.
fn source_at_last_commit(
    root: &Path,
    translation: &Path,
    source: &Path,
) -> Result<(String, String), AdoptError> {
    let relative = |path: &Path| {
        let inside = path.strip_prefix(root).unwrap_or(path);
        format!("./{}", inside.to_string_lossy().replace('\\', "/"))
    };
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let git_error = |path: &Path, message: String| AdoptError::Git {
        path: shown(path),
        message,
    };
    let git = |args: &[&str]| -> Result<std::process::Output, String> {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .map_err(|e| format!("cannot run git: {e}; install git, or adopt without --git"))
    };
    let log = git(&["log", "-1", "--format=%H", "--", &relative(translation)])
        .map_err(|m| git_error(translation, m))?;
    if !log.status.success() {
        return Err(git_error(
            translation,
            format!(
                "git cannot read the history: {}; adopt without --git outside a git repository",
                String::from_utf8_lossy(&log.stderr).trim()
            ),
        ));
    }
    let commit = String::from_utf8_lossy(&log.stdout).trim().to_string();
    if commit.is_empty() {
        return Err(git_error(
            translation,
            "no commit touches this file (it is not committed); commit it, or adopt without --git"
                .to_string(),
        ));
    }
    // In a shallow clone the oldest commit seems to add every file: its date says
    // nothing about when the translation was made.
    let shallow = git(&["rev-parse", "--git-path", "shallow"])
        .ok()
        .filter(|o| o.status.success())
        .map(|o| root.join(String::from_utf8_lossy(&o.stdout).trim()))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    if shallow.lines().any(|line| line.trim() == commit) {
        return Err(git_error(
            translation,
            format!(
                "the history stops at commit {commit} (a shallow clone), so git cannot say which source this translation was made from; run `git fetch --unshallow`, or adopt without --git"
            ),
        ));
    }
    let show = git(&["show", &format!("{commit}:{}", relative(source))])
        .map_err(|m| git_error(source, m))?;
    if !show.status.success() {
        return Err(git_error(
            source,
            format!(
                "the source did not exist at commit {commit}, the last commit of {}; adopt this document without --git",
                shown(translation).display()
            ),
        ));
    }
    let text = String::from_utf8(show.stdout).map_err(|_| {
        git_error(
            source,
            format!("the source at commit {commit} is not UTF-8"),
        )
    })?;
    Ok((commit, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    const SOURCE: &str = "はじめに。\n\n## 1. 概要 {#summary}\n\n本文です。\n";
    const TRANSLATION: &str = "Intro.\n\n## 1. Summary\n\nThe text.\n";

    /// An ids step that gives the one heading the source's id.
    fn summary_id(source: &Document, _: &Path, text: &str) -> Result<String, String> {
        assert!(source.section("summary").is_some());
        Ok(text.replace("## 1. Summary\n", "## 1. Summary {#summary}\n"))
    }

    #[test]
    fn the_ids_step_runs_first_then_every_section_gets_its_baseline() {
        let project = TempProject::new(SOURCE, TRANSLATION);
        let workspace = project.workspace();
        let adopted =
            adopt_locale(&workspace, "en", None, BaselineFrom::Current, &summary_id).unwrap();
        assert_eq!(adopted.len(), 1);
        let Adoption::Adopted {
            ids_added,
            accepted,
            refused,
            kept,
            commit,
            written,
        } = &adopted[0].adoption
        else {
            panic!("{adopted:?}");
        };
        assert!(ids_added);
        assert_eq!((*accepted, refused.len(), *kept, commit), (2, 0, 0, &None));
        assert_eq!(*written, Written::Replaced);
        let text = project.translation();
        assert!(
            text.contains("## 1. Summary {#summary}\n<!-- yaku:source "),
            "{text}"
        );
        // The source texts of the baselines are stored, for `yaku diff`.
        let source = workspace
            .load(&project.translation_path())
            .unwrap()
            .unwrap();
        assert_eq!(source.diagnostics, []);
        let store = workspace.project.store();
        let original = workspace
            .load(&workspace.project.document_path("ja", "article"))
            .unwrap()
            .unwrap();
        let summary = original.document.section("summary").unwrap();
        assert!(store.get(summary.fingerprint()).unwrap().is_some());
    }

    #[test]
    fn a_translation_the_ids_step_cannot_align_is_left_untouched() {
        let project = TempProject::new(SOURCE, TRANSLATION);
        let workspace = project.workspace();
        let refuse = |_: &Document, _: &Path, _: &str| -> Result<String, String> {
            Err("the translation has 2 level-2 headings where the source has 1".to_string())
        };
        let adopted = adopt_locale(&workspace, "en", None, BaselineFrom::Current, &refuse).unwrap();
        assert_eq!(
            adopted[0].adoption,
            Adoption::NotAligned {
                reason: "the translation has 2 level-2 headings where the source has 1".to_string()
            }
        );
        assert_eq!(project.translation(), TRANSLATION);
    }

    #[test]
    fn a_heading_still_without_an_id_stops_adoption_with_its_position() {
        let project = TempProject::new(SOURCE, TRANSLATION);
        let workspace = project.workspace();
        let keep =
            |_: &Document, _: &Path, text: &str| -> Result<String, String> { Ok(text.to_string()) };
        let error = adopt_locale(&workspace, "en", None, BaselineFrom::Current, &keep).unwrap_err();
        let AdoptError::Problems(problems) = error else {
            panic!("{error}");
        };
        assert_eq!(
            (problems[0].path.as_str(), problems[0].line),
            ("content/en/article.md", 3)
        );
        assert_eq!(project.translation(), TRANSLATION);
    }

    #[test]
    fn a_section_with_a_baseline_keeps_it_so_adopting_again_hides_no_change() {
        let project = TempProject::new(SOURCE, TRANSLATION);
        adopt_locale(
            &project.workspace(),
            "en",
            None,
            BaselineFrom::Current,
            &summary_id,
        )
        .unwrap();
        let adopted = project.translation();
        project.edit_source("はじめに。\n\n## 1. 概要 {#summary}\n\n本文を書き直しました。\n");
        let workspace = project.workspace();
        let again =
            adopt_locale(&workspace, "en", None, BaselineFrom::Current, &summary_id).unwrap();
        assert!(
            matches!(
                again[0].adoption,
                Adoption::Adopted {
                    accepted: 0,
                    kept: 2,
                    written: Written::Unchanged,
                    ..
                }
            ),
            "{again:?}"
        );
        assert_eq!(project.translation(), adopted);
        let pairs = project.pairs(&workspace);
        let translation = pairs[0].translation.as_ref().unwrap();
        let states = yaku_sync::align(&pairs[0].source.document, Some(&translation.document));
        let summary = states.iter().find(|a| a.id.as_str() == "summary").unwrap();
        assert_eq!(summary.state, yaku_sync::SectionState::Stale);
    }

    #[test]
    fn a_translation_with_every_id_skips_the_ids_step() {
        let project = TempProject::new(SOURCE, "Intro.\n\n## 1. Summary {#summary}\n\nThe text.\n");
        let never = |_: &Document, _: &Path, _: &str| -> Result<String, String> {
            Err("the ids step must not run".to_string())
        };
        let adopted = adopt_locale(
            &project.workspace(),
            "en",
            None,
            BaselineFrom::Current,
            &never,
        )
        .unwrap();
        assert!(
            matches!(
                adopted[0].adoption,
                Adoption::Adopted {
                    ids_added: false,
                    accepted: 2,
                    ..
                }
            ),
            "{adopted:?}"
        );
    }
}
