//! What `yaku check` reports, as one type for every printer.
//!
//! A [`Finding`] is a section that is not current, a QA finding, a Fluent finding, an
//! orphaned translation or a file that could not be used. Each has one [`Severity`], a
//! place (`path:line[:col]`), a title, a one-line message and, where there is one, the
//! command that fixes it; printers (text, JSON, GitHub annotations) only lay that out.
//! [`CheckReport`] is the JSON contract of `yaku check --format json`; its schema is
//! shipped in `schema/check.schema.json`.

use serde::{Deserialize, Serialize};
use yaku_content::Severity;
use yaku_sync::SectionState;

use crate::FileProblem;

/// A section of a translation in its state: one that is not current (all with `--all`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SectionFinding {
    /// The document.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The section id.
    pub section: String,
    /// Its state.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::state"))]
    pub state: SectionState,
    /// The translation file.
    pub path: String,
    /// The line of the section, or where a missing one belongs.
    pub line: usize,
    /// For a renamed section, its id in the translation (the source's old id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// A translation whose sections are not in the source's order: the first section, in
/// source order, placed before a section the source has before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderFinding {
    /// The document.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The section out of place.
    pub section: String,
    /// The section the source has before it, which the translation has after it.
    pub after: String,
    /// The translation file.
    pub path: String,
    /// The line of the section out of place.
    pub line: usize,
}

/// A finding of a QA rule in a translated section (or in what a locale publishes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QaFinding {
    /// The rule id (`numbers`, `untranslated-text`, …).
    pub rule: String,
    /// With the project's settings applied.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::severity"))]
    pub severity: Severity,
    /// The document.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The section id.
    pub section: String,
    /// The file the finding points into (a translation, an FTL file, `yaku.toml`).
    pub path: String,
    /// The line in it.
    pub line: usize,
    /// What is wrong, in one line.
    pub message: String,
}

/// A finding of the Fluent check of a target locale against the source locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FluentFinding {
    /// The target locale.
    pub locale: String,
    /// The FTL file (or locale folder).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The message or term id (`-term`), with `.attribute` when it is about one.
    pub id: String,
    /// The kind (`missing-message`, `syntax-error`, …).
    pub kind: String,
    /// Error or warning.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::severity"))]
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

/// A translation file whose source document does not exist (renamed or deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrphanFinding {
    /// The document name the translation has.
    pub doc: String,
    /// Its locale.
    pub locale: String,
    /// The translation file.
    pub path: String,
    /// Always 1: the whole file.
    pub line: usize,
    /// Where its source document would be.
    pub source: String,
}

/// Anything `yaku check` reports. Not `non_exhaustive` on purpose: a new kind must be
/// laid out by every printer, and the compiler says where.
#[derive(Debug, Clone)]
pub enum Finding {
    /// A section in its state.
    Section(SectionFinding),
    /// A translation whose sections are not in the source's order.
    Order(OrderFinding),
    /// A QA finding.
    Qa(QaFinding),
    /// A Fluent finding.
    Fluent(FluentFinding),
    /// A translation without a source document.
    Orphaned(OrphanFinding),
    /// A file that could not be used.
    File(FileProblem),
}

impl Finding {
    /// How bad it is; `None` for a current section (listed with `--all`, not a problem).
    pub fn severity(&self) -> Option<Severity> {
        match self {
            Finding::Section(f) if f.state == SectionState::Current => None,
            Finding::Section(_) | Finding::Order(_) | Finding::Orphaned(_) => Some(Severity::Error),
            Finding::Qa(f) => Some(f.severity),
            Finding::Fluent(f) => Some(f.severity),
            Finding::File(f) => Some(f.severity),
        }
    }

    /// The file it is about.
    pub fn path(&self) -> &str {
        match self {
            Finding::Section(f) => &f.path,
            Finding::Order(f) => &f.path,
            Finding::Qa(f) => &f.path,
            Finding::Fluent(f) => &f.path,
            Finding::Orphaned(f) => &f.path,
            Finding::File(f) => &f.path,
        }
    }

    /// The 1-based line in it.
    pub fn line(&self) -> usize {
        match self {
            Finding::Section(f) => f.line,
            Finding::Order(f) => f.line,
            Finding::Qa(f) => f.line,
            Finding::Fluent(f) => f.line,
            Finding::Orphaned(f) => f.line,
            Finding::File(f) => f.line,
        }
    }

    /// The 1-based column, where it is known.
    pub fn col(&self) -> Option<usize> {
        match self {
            Finding::Fluent(f) => Some(f.col),
            Finding::File(f) => Some(f.col),
            _ => None,
        }
    }

    /// A short title naming the kind: `yaku stale`, `yaku qa numbers`,
    /// `yaku fluent missing-message`, `yaku orphaned`, `yaku`.
    pub fn title(&self) -> String {
        match self {
            Finding::Section(f) => format!("yaku {}", f.state),
            Finding::Order(_) => "yaku out-of-order".to_string(),
            Finding::Qa(f) => format!("yaku qa {}", f.rule),
            Finding::Fluent(f) => format!("yaku fluent {}", f.kind),
            Finding::Orphaned(_) => "yaku orphaned".to_string(),
            Finding::File(_) => "yaku".to_string(),
        }
    }

    /// What is wrong, in one line.
    pub fn message(&self) -> String {
        match self {
            Finding::Section(f) => match &f.renamed_from {
                Some(old) => format!(
                    "{}#{} ({}): {old} → {}",
                    f.doc, f.section, f.locale, f.section
                ),
                None => format!("{}#{} ({}) is {}", f.doc, f.section, f.locale, f.state),
            },
            Finding::Order(f) => format!(
                "{}#{} ({}): the source has it after #{}",
                f.doc, f.section, f.locale, f.after
            ),
            Finding::Qa(f) => format!("{}#{} ({}): {}", f.doc, f.section, f.locale, f.message),
            Finding::Fluent(f) => format!("{}: {}", f.id, f.message),
            Finding::Orphaned(f) => format!(
                "{} ({}) has no source document {}",
                f.doc, f.locale, f.source
            ),
            Finding::File(f) => f.message.clone(),
        }
    }

    /// What to do about it, when yaku can say.
    pub fn fix(&self) -> Option<String> {
        match self {
            Finding::Section(f) => fix(f.state, &f.locale, &f.doc, &f.section),
            Finding::Order(f) => Some(format!("run `yaku sync --locale {}`", f.locale)),
            Finding::Orphaned(_) => Some(
                "give it the source document's new name, or delete it if the source is gone"
                    .to_string(),
            ),
            Finding::File(f) => f.help.clone(),
            Finding::Qa(_) | Finding::Fluent(_) => None,
        }
    }
}

/// The command that moves a section out of `state`.
fn fix(state: SectionState, locale: &str, doc: &str, section: &str) -> Option<String> {
    Some(match state {
        SectionState::Stale | SectionState::InProgress => format!("review `yaku diff {locale} {doc}#{section}`, update the translation, then `yaku accept {locale} {doc}#{section}`"),
        SectionState::Untranslated => format!("translate it, then `yaku accept {locale} {doc}#{section}`"),
        // Sync parks headed sections; a lead or front matter it cannot park, nor delete.
        SectionState::Obsolete
            if section == yaku_content::LEAD_ID || section == yaku_content::FRONT_MATTER_ID =>
        {
            format!("the source no longer has a {}; delete it from the translation (`yaku sync` never deletes text)", section.replace('-', " "))
        }
        SectionState::Missing | SectionState::Obsolete | SectionState::Renamed => format!("run `yaku sync --locale {locale}`"),
        SectionState::Current => return None,
    })
}

/// The counts at the end of a check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// Source documents checked.
    pub documents: usize,
    /// Sections of all pairs, in any state.
    pub sections: usize,
    /// Sections current.
    pub current: usize,
    /// Sections stale.
    pub stale: usize,
    /// Sections untranslated.
    pub untranslated: usize,
    /// Sections missing.
    pub missing: usize,
    /// Sections obsolete.
    pub obsolete: usize,
    /// Sections whose id the source renamed (absent when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub renamed: usize,
    /// Stale sections edited since they were accepted (absent when none; `stale` counts
    /// the untouched ones).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub in_progress: usize,
    /// Fluent errors.
    pub fluent_errors: usize,
    /// Fluent warnings.
    pub fluent_warnings: usize,
    /// QA errors.
    pub qa_errors: usize,
    /// QA warnings.
    pub qa_warnings: usize,
    /// Files that could not be used.
    pub file_errors: usize,
    /// Translations without a source document.
    pub orphaned: usize,
    /// Translations whose sections are not in the source's order (absent when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub out_of_order: usize,
}

impl Summary {
    /// Counts `finding` (section states are counted from the pairs' state counts).
    pub fn count(&mut self, finding: &Finding) {
        let error = finding.severity() == Some(Severity::Error);
        match finding {
            Finding::Qa(_) if error => self.qa_errors += 1,
            Finding::Qa(_) => self.qa_warnings += 1,
            Finding::Fluent(_) if error => self.fluent_errors += 1,
            Finding::Fluent(_) => self.fluent_warnings += 1,
            Finding::Orphaned(_) => self.orphaned += 1,
            Finding::Order(_) => self.out_of_order += 1,
            Finding::File(_) => self.file_errors += 1,
            Finding::Section(_) => {}
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `yaku check --format json`: every finding, grouped by kind, and the summary.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckReport {
    /// Sections not current (all with `--all`).
    pub sections: Vec<SectionFinding>,
    /// Translations whose sections are not in the source's order (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<OrderFinding>,
    /// Fluent findings.
    pub fluent: Vec<FluentFinding>,
    /// QA findings.
    pub qa: Vec<QaFinding>,
    /// Translations without a source document.
    pub orphaned: Vec<OrphanFinding>,
    /// Files that could not be used: path, line, col, severity, message, help.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::problems"))]
    pub errors: Vec<FileProblem>,
    /// The counts.
    pub summary: Summary,
}

impl CheckReport {
    /// Files `finding` under its kind.
    pub fn add(&mut self, finding: Finding) {
        match finding {
            Finding::Section(f) => self.sections.push(f),
            Finding::Order(f) => self.order.push(f),
            Finding::Qa(f) => self.qa.push(f),
            Finding::Fluent(f) => self.fluent.push(f),
            Finding::Orphaned(f) => self.orphaned.push(f),
            Finding::File(f) => self.errors.push(f),
        }
    }
}

/// The JSON Schema of [`CheckReport`], as shipped in `schema/check.schema.json`.
#[cfg(feature = "schema")]
pub fn check_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(CheckReport)).unwrap_or_default()
}

#[cfg(feature = "schema")]
mod schema {
    //! Schemas of the types other crates define, as they serialize.
    use schemars::{json_schema, Schema, SchemaGenerator};

    pub fn state(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "enum": ["current", "stale", "untranslated", "missing", "obsolete", "renamed", "in-progress"] })
    }

    pub fn severity(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "enum": ["error", "warning"] })
    }

    pub fn problems(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "line", "col", "severity", "message"],
                "properties": {
                    "path": { "type": "string" },
                    "line": { "type": "integer", "minimum": 1 },
                    "col": { "type": "integer", "minimum": 1 },
                    "severity": { "enum": ["error", "warning"] },
                    "message": { "type": "string" },
                    "help": { "type": ["string", "null"] }
                },
                "additionalProperties": false
            }
        })
    }
}
