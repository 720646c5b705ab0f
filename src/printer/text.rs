//! Findings for people: `path:line: state: doc#section (locale)` and a `fix:` line;
//! files that could not be used go to standard error with a snippet of the place.

use yaku_project::{Finding, Summary};
use yaku_sync::SectionState;

use super::Printer;
use crate::output::{self, counted};
use crate::report;

/// The text layout of `yaku check`.
pub struct TextPrinter {
    /// Whether only one QA rule ran (`--rule`): no section states, no Fluent.
    pub rule_only: bool,
    /// Whether any QA finding was printed (the QA count line follows them).
    qa_seen: bool,
}

impl TextPrinter {
    /// A printer; `rule_only` for `--rule`.
    pub fn new(rule_only: bool) -> TextPrinter {
        TextPrinter {
            rule_only,
            qa_seen: false,
        }
    }
}

impl Printer for TextPrinter {
    fn finding(&mut self, finding: Finding) {
        let line = match &finding {
            Finding::Section(f) if f.state == SectionState::Current => return,
            Finding::Section(f) if f.renamed_from.is_some() => {
                format!("{}:{}: renamed: {}\n", f.path, f.line, finding.message())
            }
            Finding::Section(f) => format!(
                "{}:{}: {}: {}#{} ({})\n",
                f.path, f.line, f.state, f.doc, f.section, f.locale
            ),
            Finding::Orphaned(f) => {
                format!("{}:{}: orphaned: {}\n", f.path, f.line, finding.message())
            }
            Finding::Order(f) => {
                format!(
                    "{}:{}: out-of-order: {}\n",
                    f.path,
                    f.line,
                    finding.message()
                )
            }
            Finding::Qa(f) => {
                self.qa_seen = true;
                format!(
                    "{}:{}: {}: {}: {}\n",
                    f.path,
                    f.line,
                    f.severity,
                    f.rule,
                    finding.message()
                )
            }
            Finding::Fluent(f) => format!(
                "{}:{}:{}: {}: {} [{}] {}\n",
                f.path, f.line, f.col, f.severity, f.id, f.kind, f.message
            ),
            Finding::File(problem) => {
                output::eprint(&report::render_problem(problem));
                return;
            }
        };
        let fix = match (&finding, finding.fix()) {
            (Finding::Section(_) | Finding::Order(_) | Finding::Orphaned(_), Some(fix)) => {
                format!("  fix: {fix}\n")
            }
            _ => String::new(),
        };
        // A file name or a quoted text may hold control characters: they are shown, not
        // sent to the terminal (or to a CI log that reads them as commands).
        output::print(&output::visible(&format!("{line}{fix}")));
    }

    fn finish(self: Box<Self>, summary: &Summary) {
        let mut out = String::new();
        if !self.rule_only {
            let orphans = match summary.orphaned {
                0 => String::new(),
                n => format!("; {}", counted(n, "orphaned translation file")),
            };
            let orphans = match summary.out_of_order {
                0 => orphans,
                n => format!("{orphans}; {} out of order", counted(n, "translation file")),
            };
            let renamed = match summary.renamed {
                0 => String::new(),
                n => format!(", {n} renamed"),
            };
            let in_progress = match summary.in_progress {
                0 => String::new(),
                n => format!(", {n} in progress"),
            };
            out.push_str(&format!(
                "{}, {}: {} current, {} stale{in_progress}, {} untranslated, {} missing, {} obsolete{renamed}; {}, {}{orphans}\n",
                counted(summary.documents, "document"),
                counted(summary.sections, "section"),
                summary.current,
                summary.stale,
                summary.untranslated,
                summary.missing,
                summary.obsolete,
                counted(summary.fluent_errors, "Fluent error"),
                counted(summary.fluent_warnings, "Fluent warning"),
            ));
        }
        if self.rule_only || self.qa_seen {
            out.push_str(&format!(
                "{}, {}\n",
                counted(summary.qa_errors, "QA error"),
                counted(summary.qa_warnings, "QA warning"),
            ));
        }
        output::print(&out);
    }
}
