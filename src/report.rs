//! Rendering problems for people: `path:line:col`, the message, the offending line with a
//! marker under it, and a hint.

use std::ops::Range;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use yaku_content::{Diagnostic, LineIndex, Severity};
use yaku_project::{FileProblem, LockError, ProjectError, WorkspaceError};

use crate::Failure;

/// `path:line:col: severity: message`, then a snippet of the source and the hint.
pub fn render(
    display_path: &str,
    text: &str,
    span: Range<usize>,
    severity: Severity,
    message: &str,
    help: Option<&str>,
) -> String {
    let index = LineIndex::new(text);
    let start = span.start.min(text.len());
    let (line, col) = index.line_col(text, start);
    let label = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{display_path}:{line}:{col}: {label}: {message}\n");
    let end = span.end.clamp(start, text.len());
    // A snippet shows the place, not the file: long lines are cut around it.
    let (text, start, end) = window(text, &index, line, start, end);
    let mut diagnostic = MietteDiagnostic::new(message.to_string())
        .with_severity(match severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
        .with_label(LabeledSpan::at(start..end, "here"));
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help.to_string());
    }
    let report =
        miette::Report::new(diagnostic).with_source_code(NamedSource::new(display_path, text));
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_context_lines(1);
    let mut snippet = String::new();
    if handler.render_report(&mut snippet, report.as_ref()).is_ok() {
        out.push_str(&snippet);
    }
    out
}

/// The characters of a line shown around the place of a problem, and of its neighbours.
const WINDOW: usize = 120;

/// `text` reduced to what a snippet shows: the problem's line cut to [`WINDOW`]
/// characters around `start..end`, the lines before and after it cut to their first
/// [`WINDOW`] characters, every other line left empty (so line numbers stay right), and
/// the span moved to match. A 100,000-character line becomes a readable snippet.
fn window(
    text: &str,
    index: &LineIndex,
    line: usize,
    start: usize,
    end: usize,
) -> (String, usize, usize) {
    let line_text = |n: usize| {
        let from = index.line_start(n);
        let to = if n < index.line(text.len()) {
            index.line_start(n + 1)
        } else {
            text.len()
        };
        text[from..to].trim_end_matches(['\n', '\r'])
    };
    let cut = |s: &str, from: usize| -> String { s.chars().skip(from).take(WINDOW).collect() };
    let mut out = String::new();
    let (mut new_start, mut new_end) = (0, 0);
    let last = index.line(text.len());
    for n in 1..=last {
        if n + 1 < line || n > line + 1 {
            if n < last {
                out.push('\n');
            }
            continue;
        }
        let this = line_text(n);
        if n == line {
            let from_line = index.line_start(n);
            let before = this
                .get(..start.saturating_sub(from_line).min(this.len()))
                .map_or(0, |s| s.chars().count());
            let skip = before.saturating_sub(WINDOW / 4);
            let shown = cut(this, skip);
            let at: usize = shown.chars().take(before - skip).map(char::len_utf8).sum();
            // The span, in characters of this line, as far as the window shows it.
            let in_line = start.saturating_sub(from_line).min(this.len());
            let to = end.saturating_sub(from_line).clamp(in_line, this.len());
            let span_chars = this.get(in_line..to).map_or(0, |s| s.chars().count());
            let span_bytes: usize = shown[at..]
                .chars()
                .take(span_chars)
                .map(char::len_utf8)
                .sum();
            new_start = out.len() + at;
            new_end = new_start + span_bytes;
            out.push_str(&shown);
        } else {
            out.push_str(&cut(this, 0));
        }
        // The last line is what follows the final line break, if anything.
        if n < last {
            out.push('\n');
        }
    }
    (out, new_start, new_end)
}

/// Renders a diagnostic of an article.
pub fn render_content(display_path: &str, text: &str, diagnostic: &Diagnostic) -> String {
    render(
        display_path,
        text,
        diagnostic.span.clone(),
        diagnostic.severity,
        &diagnostic.problem.to_string(),
        diagnostic.problem.help().as_deref(),
    )
}

/// Renders a problem with a file: with a snippet when its text is known.
pub fn render_problem(problem: &FileProblem) -> String {
    crate::output::visible(&render_problem_raw(problem))
}

fn render_problem_raw(problem: &FileProblem) -> String {
    match &problem.snippet {
        Some(snippet) => render(
            &problem.path,
            &snippet.text,
            snippet.span.clone(),
            problem.severity,
            &problem.message,
            problem.help.as_deref(),
        ),
        None => {
            let label = match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut out = format!(
                "{}:{}:{}: {label}: {}\n",
                problem.path, problem.line, problem.col, problem.message
            );
            if let Some(help) = &problem.help {
                out.push_str(&format!("help: {help}\n"));
            }
            out
        }
    }
}

impl From<ProjectError> for Failure {
    fn from(error: ProjectError) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let problem = FileProblem::of_project_error(&error, &cwd);
        match error {
            ProjectError::NotFound(_) => Failure(format!(
                "error: {}\nhelp: {}",
                problem.message,
                problem.help.unwrap_or_default()
            )),
            _ => Failure(render_problem(&problem)),
        }
    }
}

impl From<LockError> for Failure {
    fn from(error: LockError) -> Self {
        match &error {
            LockError::Held { .. } => Failure(format!(
                "error: {error}\nhelp: wait for it to finish and run this command again"
            )),
            _ => Failure::error(error),
        }
    }
}

impl From<WorkspaceError> for Failure {
    fn from(error: WorkspaceError) -> Self {
        match error {
            WorkspaceError::Project(error) => error.into(),
            WorkspaceError::Lock(error) => error.into(),
            other => Failure::error(other),
        }
    }
}

/// Prints the problems of files that could not be used and fails with `message` when
/// there are any: for commands that must not act on a partial project.
pub fn stop_on_problems(problems: &[FileProblem], message: &str) -> Result<(), Failure> {
    for problem in problems {
        crate::output::eprint(&render_problem(problem));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!("error: {message}")))
    }
}
