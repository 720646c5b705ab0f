//! Findings for GitHub Actions: one workflow command per finding, escaped so that no
//! file name or message can end it or start another.

use yaku_content::Severity;
use yaku_project::{Finding, Summary};

use super::Printer;
use crate::{github, output};

/// The GitHub annotation layout of `yaku check`.
pub struct GithubPrinter;

impl Printer for GithubPrinter {
    fn finding(&mut self, finding: Finding) {
        let Some(severity) = finding.severity() else {
            return;
        };
        let level = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let line = finding.line().to_string();
        let col = finding.col().map(|c| c.to_string());
        let title = finding.title();
        let mut properties = vec![("file", finding.path()), ("line", line.as_str())];
        if let Some(col) = &col {
            properties.push(("col", col));
        }
        properties.push(("title", &title));
        let message = match finding.fix() {
            Some(fix) => format!("{}. {}", finding.message(), fix.replace('`', "")),
            None => finding.message(),
        };
        output::print(&github::command(level, &properties, &message));
    }

    fn finish(self: Box<Self>, _: &Summary) {}
}
