//! Findings for programs: one JSON document, `yaku_project::CheckReport`, whose schema
//! is `schema/check.schema.json`.

use yaku_project::{CheckReport, Finding, Summary};

use super::Printer;
use crate::output;

/// The JSON layout of `yaku check`: findings are grouped by kind, so the document is
/// written once the summary is known.
#[derive(Default)]
pub struct JsonPrinter {
    report: CheckReport,
}

impl Printer for JsonPrinter {
    fn finding(&mut self, finding: Finding) {
        self.report.add(finding);
    }

    fn finish(mut self: Box<Self>, summary: &Summary) {
        self.report.summary = summary.clone();
        match crate::cmd::to_json(&self.report) {
            Ok(text) => output::print(&text),
            Err(crate::Failure(message)) => output::eprint(&message),
        }
    }
}
