//! `yaku check`: every non-current section and every broken file, for CI.

use yaku_sync::{align, SectionState};

use super::{to_json, Context};
use crate::workspace::Workspace;
use crate::{output, Exit, Failure};

/// Output formats of `yaku check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, `path:line: …`.
    Text,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Arguments of `yaku check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this target locale.
    #[arg(long)]
    locale: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// List current sections too (JSON).
    #[arg(long)]
    all: bool,
}

#[derive(serde::Serialize, Clone)]
struct SectionFinding {
    doc: String,
    locale: String,
    section: String,
    state: SectionState,
    path: String,
    line: usize,
}

#[derive(serde::Serialize, Default)]
struct Summary {
    documents: usize,
    sections: usize,
    current: usize,
    stale: usize,
    untranslated: usize,
    missing: usize,
    obsolete: usize,
    fluent_errors: usize,
    fluent_warnings: usize,
    file_errors: usize,
}

#[derive(serde::Serialize)]
struct FluentFinding {
    locale: String,
    path: String,
    line: usize,
    col: usize,
    id: String,
    kind: String,
    severity: String,
    message: String,
}

#[derive(serde::Serialize)]
struct JsonCheck {
    sections: Vec<SectionFinding>,
    fluent: Vec<FluentFinding>,
    errors: Vec<String>,
    summary: Summary,
}

/// The command that moves a section out of `state`.
fn fix(state: SectionState, locale: &str, doc: &str, section: &str) -> String {
    match state {
        SectionState::Stale => format!("review `yaku diff {locale} {doc}#{section}`, update the translation, then `yaku accept {locale} {doc}#{section}`"),
        SectionState::Untranslated => format!("translate it, then `yaku accept {locale} {doc}#{section}`"),
        SectionState::Missing | SectionState::Obsolete => format!("run `yaku sync --locale {locale}`"),
        SectionState::Current => String::new(),
    }
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = Workspace::open(context.root.as_deref())?;
    let locales = workspace.locales(args.locale.as_deref())?;
    let mut problems = Vec::new();
    let pairs = workspace.pairs(&locales, None, &mut problems)?;
    let mut summary = Summary::default();
    let mut findings = Vec::new();
    let mut docs = std::collections::BTreeSet::new();
    for pair in &pairs {
        docs.insert(pair.doc.clone());
        let alignments = align(
            &pair.source.document,
            pair.translation.as_ref().map(|t| &t.document),
        );
        let path = workspace.display(&pair.translation_path);
        for alignment in alignments {
            summary.sections += 1;
            match alignment.state {
                SectionState::Current => summary.current += 1,
                SectionState::Stale => summary.stale += 1,
                SectionState::Untranslated => summary.untranslated += 1,
                SectionState::Missing => summary.missing += 1,
                SectionState::Obsolete => summary.obsolete += 1,
            }
            if alignment.state == SectionState::Current && !args.all {
                continue;
            }
            findings.push(SectionFinding {
                doc: pair.doc.clone(),
                locale: pair.locale.clone(),
                section: alignment.id.to_string(),
                state: alignment.state,
                path: path.clone(),
                line: alignment.line,
            });
        }
    }
    summary.documents = docs.len();
    summary.file_errors = problems.len();

    // Fluent: the source locale is the reference for every target.
    let locales_dir = workspace.project.locales_dir();
    let fluent = yaku_fluent::check_locales(&locales_dir, workspace.project.source(), &locales)
        .map_err(|e| Failure(format!("error: {e}")))?;
    let fluent: Vec<FluentFinding> = fluent
        .into_iter()
        .map(|f| FluentFinding {
            path: workspace.display(&f.path),
            locale: f.locale,
            line: f.line,
            col: f.col,
            id: f.id,
            kind: f.kind.as_str().to_string(),
            severity: format!("{:?}", f.severity).to_lowercase(),
            message: f.message,
        })
        .collect();
    summary.fluent_errors = fluent.iter().filter(|f| f.severity == "error").count();
    summary.fluent_warnings = fluent.len() - summary.fluent_errors;

    let not_current: Vec<&SectionFinding> = findings
        .iter()
        .filter(|f| f.state != SectionState::Current)
        .collect();
    let clean = not_current.is_empty() && summary.fluent_errors == 0;
    let out = match args.format {
        CheckFormat::Json => to_json(&JsonCheck {
            sections: findings.clone(),
            fluent,
            errors: problems.clone(),
            summary,
        })?,
        CheckFormat::Text => {
            let mut out = String::new();
            for f in &not_current {
                out.push_str(&format!(
                    "{}:{}: {}: {}#{} ({})\n  fix: {}\n",
                    f.path,
                    f.line,
                    f.state,
                    f.doc,
                    f.section,
                    f.locale,
                    fix(f.state, &f.locale, &f.doc, &f.section)
                ));
            }
            for f in &fluent {
                out.push_str(&format!(
                    "{}:{}:{}: {}: {} [{}] {}\n",
                    f.path, f.line, f.col, f.severity, f.id, f.kind, f.message
                ));
            }
            out.push_str(&format!(
                "{} documents, {} sections: {} current, {} stale, {} untranslated, {} missing, {} obsolete; {} Fluent errors, {} Fluent warnings\n",
                summary.documents, summary.sections, summary.current, summary.stale, summary.untranslated,
                summary.missing, summary.obsolete, summary.fluent_errors, summary.fluent_warnings
            ));
            out
        }
        CheckFormat::Github => {
            let mut out = String::new();
            for f in &not_current {
                out.push_str(&format!(
                    "::error file={},line={},title=yaku {}::{}#{} ({}) is {}. {}\n",
                    f.path,
                    f.line,
                    f.state,
                    f.doc,
                    f.section,
                    f.locale,
                    f.state,
                    fix(f.state, &f.locale, &f.doc, &f.section).replace('`', "")
                ));
            }
            for f in &fluent {
                let level = if f.severity == "error" {
                    "error"
                } else {
                    "warning"
                };
                out.push_str(&format!(
                    "::{level} file={},line={},col={},title=yaku fluent {}::{}: {}\n",
                    f.path, f.line, f.col, f.kind, f.id, f.message
                ));
            }
            out
        }
    };
    output::print(&out);
    if args.format != CheckFormat::Json {
        for problem in &problems {
            output::eprint(problem);
        }
    }
    if !problems.is_empty() {
        return Err(Failure(
            "error: some files could not be checked; see above".into(),
        ));
    }
    Ok(if clean { Exit::Clean } else { Exit::Findings })
}
