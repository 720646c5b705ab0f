//! `yaku ids --from-source`: writes the source's ids onto a locale's translations, by
//! structure ([`yaku_sync::ids_from_source`]), each file atomically and only while it is
//! the one that was read.

use std::sync::Arc;

use yaku_content::{write_ids, Dialect, Problem, Severity};

use crate::{FileProblem, ProjectLock, Workspace, WorkspaceError, Written};

/// What [`ids_from_source`] did, per translation, in document order.
#[derive(Debug, Default)]
pub struct IdsFromSource {
    /// Translations that now carry the source's ids (display paths).
    pub written: Vec<String>,
    /// Translations that already had every id (or do not exist).
    pub unchanged: usize,
    /// Translations left untouched because their structure differs from the source's,
    /// each with the first place where it does.
    pub diverged: Vec<FileProblem>,
    /// Files that could not be used (errors other than headings without ids, unreadable
    /// files, a file changed while yaku worked on it): nothing was written to them.
    pub problems: Vec<FileProblem>,
}

/// Gives the headings of `locale`'s translations of `docs` (every document when `None`)
/// the ids of their source's headings, by structural alignment, never by their text. A
/// translation whose structure diverges is left untouched and listed with the first place
/// where it does. The only bytes added are the ids (`{#id}`, or `{/*id*/}` in MDX files
/// that write ids that way); a file is replaced atomically, and only while it still is
/// the one that was read. The caller holds the project lock (`lock`: [`Workspace::lock`]).
pub fn ids_from_source(
    workspace: &Workspace,
    _lock: &ProjectLock,
    locale: &str,
    docs: Option<&[String]>,
) -> Result<IdsFromSource, WorkspaceError> {
    let locale = workspace
        .locales(Some(locale))?
        .pop()
        .unwrap_or_else(|| locale.to_string());
    let project = &workspace.project;
    let all = project.documents()?;
    let docs: Vec<String> = match docs {
        Some(wanted) => {
            for doc in wanted {
                if !all.contains(doc) {
                    return Err(WorkspaceError::UnknownDocument {
                        doc: doc.clone(),
                        folder: workspace.display(&project.locale_root(project.source())),
                    });
                }
            }
            wanted.to_vec()
        }
        None => all,
    };
    let mut report = IdsFromSource::default();
    for doc in &docs {
        let source_path = project.document_path(project.source(), doc);
        let translation_path = project.document_path(&locale, doc);
        let source = match workspace.load(&source_path) {
            Ok(Some(source)) => source,
            Ok(None) => continue,
            Err(error) => {
                report.problems.push(workspace.problem(&error));
                continue;
            }
        };
        if workspace.report_errors(&source, &mut report.problems) {
            continue;
        }
        let translation = match workspace.load_translation(&translation_path) {
            Ok(Some(translation)) => translation,
            Ok(None) => {
                report.unchanged += 1;
                continue;
            }
            Err(error) => {
                report.problems.push(workspace.problem(&error));
                continue;
            }
        };
        // Headings without ids are what this fixes; any other error stops the file.
        let other_errors = translation
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.problem != Problem::HeadingWithoutId);
        if other_errors {
            workspace.report_errors(&translation, &mut report.problems);
            continue;
        }
        let shown = workspace.display(&translation_path);
        let ids = match yaku_sync::ids_from_source(&source.document, &translation.document) {
            Ok(ids) => ids,
            Err(divergence) => {
                report.diverged.push(divergence_problem(
                    shown,
                    &translation.document.text,
                    divergence,
                ));
                continue;
            }
        };
        if ids.is_empty() {
            report.unchanged += 1;
            continue;
        }
        let text = write_ids(
            &translation.document,
            Dialect::of_path(&translation_path),
            &ids,
        );
        match crate::write_atomic_verified(
            &translation_path,
            Some(translation.stamp),
            text.as_bytes(),
        ) {
            Ok(Written::Replaced) => report.written.push(shown),
            Ok(Written::Unchanged) => report.unchanged += 1,
            Ok(Written::ChangedSinceRead) => report.problems.push(FileProblem::file(
                shown,
                "changed while yaku was working on it; nothing written".to_string(),
                Some("run the command again".to_string()),
            )),
            Err(error) => report.problems.push(FileProblem::file(
                shown,
                format!("cannot write: {error}"),
                None,
            )),
        }
    }
    Ok(report)
}

/// A divergence as a problem of the translation, at its line.
fn divergence_problem(path: String, text: &str, divergence: yaku_sync::Divergence) -> FileProblem {
    let index = yaku_content::LineIndex::new(text);
    let start = index.line_start(divergence.line).min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let text: Arc<str> = Arc::from(text);
    let mut problem = FileProblem::at(
        path,
        &text,
        start..end,
        format!("not aligned with the source: {}", divergence.message),
    );
    problem.help = Some(
        "the translation's headings, code blocks, tables and links must match the source's; fix the translation's structure (or add its ids by hand) and run again"
            .to_string(),
    );
    problem
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    const SOURCE: &str = "はじめに。\n\n## 1. 概要 {#summary}\n\n本文。\n\n## 2. 方法 {#method}\n\n```sh\nrun\n```\n";

    #[test]
    fn an_aligned_translation_gets_ids_and_a_divergent_one_is_listed() {
        let project = TempProject::new(
            SOURCE,
            "Intro.\n\n## 1. Summary\n\nText.\n\n## 2. Method\n\n```sh\nrun\n```\n",
        );
        let workspace = project.workspace();
        let lock = workspace.lock("ids").unwrap();
        let done = ids_from_source(&workspace, &lock, "en", None).unwrap();
        assert_eq!(done.written, ["content/en/article.md"]);
        assert!(done.diverged.is_empty() && done.problems.is_empty());
        assert_eq!(
            project.translation(),
            "Intro.\n\n## 1. Summary {#summary}\n\nText.\n\n## 2. Method {#method}\n\n```sh\nrun\n```\n"
        );
        // Nothing left to do.
        let again = ids_from_source(&workspace, &lock, "en", None).unwrap();
        assert!(again.written.is_empty());
        assert_eq!(again.unchanged, 1);

        // The code block is gone: untouched, listed at the heading where they part.
        let divergent = "Intro.\n\n## 1. Summary\n\nText.\n\n## 2. Method\n\nRun it.\n";
        project.edit_translation(divergent);
        let done =
            ids_from_source(&workspace, &lock, "en", Some(&["article".to_string()])).unwrap();
        assert!(done.written.is_empty());
        assert_eq!(done.diverged.len(), 1);
        assert_eq!(done.diverged[0].line, 7);
        assert!(done.diverged[0].message.contains("0 code blocks"));
        assert_eq!(project.translation(), divergent);
    }
}
