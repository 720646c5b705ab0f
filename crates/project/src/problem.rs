//! Problems with files: what keeps a command from using a file, as data.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use yaku_content::{Diagnostic, LineIndex, Severity};

use crate::workspace::display_path;
use crate::ProjectError;

/// A problem with one file (an article, `yaku.toml`, a stored text): where it is, what is
/// wrong and how to fix it. Printers render it as `path:line:col: error: …` with a
/// snippet, as a JSON object or as a GitHub annotation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileProblem {
    /// The file, relative to the project root (with `/`) when inside it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Errors keep the file from being used; warnings come with them.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    /// The file's text and the bytes the problem covers, for showing the place.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

/// The text a problem points into.
#[derive(Debug, Clone)]
pub struct Snippet {
    /// The whole file, shared by every problem of that file.
    pub text: Arc<str>,
    /// The bytes of `text` the problem is about.
    pub span: Range<usize>,
}

impl FileProblem {
    /// A problem of a whole file, at its first line.
    pub fn file(path: String, message: String, help: Option<String>) -> FileProblem {
        FileProblem {
            path,
            line: 1,
            col: 1,
            severity: Severity::Error,
            message,
            help,
            snippet: None,
        }
    }

    /// A problem the parser found in an article.
    pub fn of_diagnostic(path: String, text: &Arc<str>, diagnostic: &Diagnostic) -> FileProblem {
        let mut problem = FileProblem::at(
            path,
            text,
            diagnostic.span.clone(),
            diagnostic.problem.to_string(),
        );
        problem.severity = diagnostic.severity;
        problem.help = diagnostic.problem.help();
        problem
    }

    /// A problem at `span` of `text`.
    pub fn at(path: String, text: &Arc<str>, span: Range<usize>, message: String) -> FileProblem {
        let start = span.start.min(text.len());
        let (line, col) = LineIndex::new(text).line_col(text, start);
        FileProblem {
            path,
            line,
            col,
            severity: Severity::Error,
            message,
            help: None,
            snippet: Some(Snippet {
                text: Arc::clone(text),
                span: start..span.end.clamp(start, text.len()),
            }),
        }
    }

    /// A project error as a problem of the file it is about; `root` shortens paths.
    pub fn of_project_error(error: &ProjectError, root: &Path) -> FileProblem {
        let show = |path: &Path| display_path(root, path);
        match error {
            ProjectError::InvalidConfig {
                path,
                text,
                span,
                message,
            } => {
                let message = format!("invalid yaku.toml: {message}");
                let mut problem = match span {
                    Some(span) => FileProblem::at(
                        show(path),
                        &Arc::from(text.as_str()),
                        span.clone(),
                        message,
                    ),
                    None => FileProblem::file(show(path), message, None),
                };
                problem.help =
                    Some("see the comments that `yaku init` writes, or docs/format.md".to_string());
                problem
            }
            ProjectError::Unparsable {
                path,
                bytes,
                diagnostic,
            } => {
                let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
                FileProblem::of_diagnostic(show(path), &text, diagnostic)
            }
            ProjectError::NotFound(dir) => FileProblem::file(
                dir.display().to_string(),
                format!("no yaku.toml in {} or any parent folder", dir.display()),
                Some("run `yaku init` to create one, or pass --root DIR".to_string()),
            ),
            ProjectError::NoSourceDocuments {
                folder,
                missing,
                looked_for,
            } => FileProblem::file(
                show(folder),
                format!(
                    "no source documents: {} {}; looked for {looked_for}",
                    show(folder),
                    if *missing {
                        "does not exist"
                    } else {
                        "holds no document"
                    }
                ),
                Some(
                    "check `source`, `content` and `[layout]` in yaku.toml (docs/adopting.md shows the layouts)"
                        .to_string(),
                ),
            ),
            ProjectError::AmbiguousDocument { doc, first, second } => FileProblem::file(
                show(second),
                format!(
                    "two files are the document `{doc}`: {} and {}",
                    show(first),
                    show(second)
                ),
                Some(
                    "keep one of the two files, or leave one out with `[layout] exclude`"
                        .to_string(),
                ),
            ),
            ProjectError::Io { path, source } => FileProblem::file(
                show(path),
                format!("cannot read {}: {source}", show(path)),
                None,
            ),
        }
    }
}
