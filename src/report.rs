//! Rendering problems for people: `path:line:col`, the message, the offending line with a
//! marker under it, and a hint.

use std::ops::Range;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use yaku_content::{Diagnostic, LineIndex, Severity};

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
    let mut diagnostic = MietteDiagnostic::new(message.to_string())
        .with_severity(match severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
        .with_label(LabeledSpan::at(start..end, "here"));
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help.to_string());
    }
    let report = miette::Report::new(diagnostic)
        .with_source_code(NamedSource::new(display_path, text.to_string()));
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_context_lines(1);
    let mut snippet = String::new();
    if handler.render_report(&mut snippet, report.as_ref()).is_ok() {
        out.push_str(&snippet);
    }
    out
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
