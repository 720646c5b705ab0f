//! Printers of findings, as ripgrep's `grep-printer` is to its searcher: a command hands
//! each [`Finding`] to a printer as it has it, then the summary; the printer decides the
//! layout (text for people, JSON for programs, GitHub workflow annotations for CI).

mod github;
mod json;
mod text;

use yaku_project::{Finding, Summary};

pub use github::GithubPrinter;
pub use json::JsonPrinter;
pub use text::TextPrinter;

/// Lays out findings.
pub trait Printer {
    /// One finding, in the order the command reports them.
    fn finding(&mut self, finding: Finding);
    /// The end of the report.
    fn finish(self: Box<Self>, summary: &Summary);
}
