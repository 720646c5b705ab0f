//! `yaku check`: every non-current section, every QA finding and every broken file, for
//! CI.

use std::collections::BTreeMap;

use yaku_project::{
    untranslated_components, Finding, FluentFinding, OrphanFinding, Pair, Placement, QaFinding,
    SectionFinding, SourceShared, Summary, Workspace,
};
use yaku_qa::{check_pair, Glossary, PairOptions, Rule};
use yaku_sync::{align, SectionState, StateCounts};

use super::Context;
use crate::printer::{GithubPrinter, JsonPrinter, Printer, TextPrinter};
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
    /// Read and check every file, ignoring and not writing `.yaku/cache/`.
    #[arg(long)]
    no_cache: bool,
    /// Run only this QA rule and report only its findings (no section states, no Fluent):
    /// numbers, citations, structure, untranslated-text, glossary, required-notice.
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    rule: Option<Rule>,
}

fn parse_rule(value: &str) -> Result<Rule, String> {
    value
        .parse()
        .map_err(|e: yaku_qa::UnknownRule| e.to_string())
}

/// What checking one pair found: how many sections are in each state (a few bytes in the
/// cache however long the article), the sections to report (all with `--all`), the QA
/// findings and the components the pair places.
type PairChecked = (
    StateCounts,
    Vec<SectionFinding>,
    Vec<QaFinding>,
    Vec<Placed>,
);

/// A component that a pair places, whose published text `untranslated-text` checks.
#[derive(serde::Serialize, serde::Deserialize, Clone)]
struct Placed {
    locale: String,
    doc: String,
    section: String,
    component: String,
}

/// Adds a pair's section counts to the summary.
fn add_counts(counts: StateCounts, summary: &mut Summary) {
    summary.sections += SectionState::ALL
        .iter()
        .map(|&state| counts.get(state))
        .sum::<usize>();
    summary.current += counts.current;
    summary.stale += counts.stale;
    summary.untranslated += counts.untranslated;
    summary.missing += counts.missing;
    summary.obsolete += counts.obsolete;
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(args.locale.as_deref())?;
    let glossary = if args
        .rule
        .is_none_or(|rule| matches!(rule, Rule::Glossary | Rule::UntranslatedText))
    {
        load_glossary(&workspace)?
    } else {
        None
    };
    let check = |pair: &Pair, shared: &SourceShared<'_>| {
        check_one(&workspace, &args, glossary.as_ref(), pair, shared)
    };
    let mut summary = Summary::default();
    let (mut sections, mut qa, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    let mut placed = BTreeMap::new();
    let progress = output::Progress::new(0, "documents");
    // Results are folded into the summary as they come, document by document.
    let collect = |checked: Vec<PairChecked>, mut doc_problems| {
        summary.documents += usize::from(!checked.is_empty());
        for (counts, mut pair_sections, mut pair_qa, pair_placed) in checked {
            add_counts(counts, &mut summary);
            sections.append(&mut pair_sections);
            qa.append(&mut pair_qa);
            for p in pair_placed {
                let components: &mut BTreeMap<_, _> = placed.entry(p.locale).or_default();
                components.entry(p.component).or_insert(Placement {
                    doc: p.doc,
                    section: p.section,
                });
            }
        }
        problems.append(&mut doc_problems);
    };
    if args.no_cache {
        workspace.visit_pairs(&locales, None, &progress, check, collect)?;
    } else {
        // Unchanged pairs are not read again (see yaku_project::ResultCache).
        let options = format!("{:?} {:?} {}", locales, args.rule, args.all);
        let cache = workspace.result_cache("check", &options);
        workspace.visit_pairs_cached(&locales, None, &cache, &progress, check, collect)?;
        if let Err(e) = cache.save() {
            output::eprint(&format!("warning: cannot write the check cache: {e}"));
        }
    }
    progress.finish();
    // What the placed components publish, once per locale and string.
    qa.extend(
        untranslated_components(
            &workspace,
            &placed,
            glossary.as_ref(),
            &workspace.project.qa,
        )
        .into_iter()
        .map(QaFinding::from),
    );
    let (orphaned, fluent) = if args.rule.is_some() {
        // `--rule` reports the QA rule alone.
        (Vec::new(), Vec::new())
    } else {
        (
            orphans(&workspace, &locales)?,
            fluent_findings(&workspace, &locales)?,
        )
    };
    let findings = sections
        .into_iter()
        .map(Finding::Section)
        .chain(orphaned.into_iter().map(Finding::Orphaned))
        .chain(qa.into_iter().map(Finding::Qa))
        .chain(fluent.into_iter().map(Finding::Fluent))
        .chain(problems.into_iter().map(Finding::File));
    let mut printer: Box<dyn Printer> = match args.format {
        CheckFormat::Text => Box::new(TextPrinter::new(args.rule.is_some())),
        CheckFormat::Json => Box::<JsonPrinter>::default(),
        CheckFormat::Github => Box::new(GithubPrinter),
    };
    // Clean when nothing reported is an error (section states count only when reported).
    let mut clean = true;
    for finding in findings {
        summary.count(&finding);
        clean &= finding.severity() != Some(yaku_content::Severity::Error);
        printer.finding(finding);
    }
    let files_failed = summary.file_errors > 0;
    printer.finish(&summary);
    if files_failed {
        return Err(Failure(
            "error: some files could not be checked; see above".into(),
        ));
    }
    Ok(if clean { Exit::Clean } else { Exit::Findings })
}

/// Checks one pair where it is read: its section states and QA findings.
fn check_one(
    workspace: &Workspace,
    args: &Args,
    glossary: Option<&Glossary>,
    pair: &Pair,
    shared: &SourceShared<'_>,
) -> PairChecked {
    let translation = pair.translation.as_ref().map(|t| &t.document);
    let alignments = align(&pair.source.document, translation);
    let path = workspace.display(&pair.translation_path);
    let rules: Vec<Rule> = Rule::ALL
        .into_iter()
        .filter(|&rule| args.rule.is_none_or(|only| only == rule))
        .collect();
    let options = PairOptions {
        locale: &pair.locale,
        rules: &rules,
        glossary,
        settings: &workspace.project.qa,
        policy: workspace.project.policy(&pair.locale),
    };
    let qa = check_pair(shared.qa(), translation, &alignments, &options)
        .into_iter()
        .map(|f| QaFinding {
            rule: f.rule.as_str().to_string(),
            severity: f.severity,
            doc: pair.doc.clone(),
            locale: pair.locale.clone(),
            section: f.section,
            path: path.clone(),
            line: f.line,
            message: f.message,
        })
        .collect();
    let mut counts = StateCounts::default();
    for alignment in &alignments {
        counts.add(alignment.state);
    }
    let sections = alignments
        .into_iter()
        .filter(|a| args.rule.is_none() && (a.state != SectionState::Current || args.all))
        .map(|alignment| SectionFinding {
            doc: pair.doc.clone(),
            locale: pair.locale.clone(),
            section: alignment.id.to_string(),
            state: alignment.state,
            path: path.clone(),
            line: alignment.line,
        })
        .collect();
    (counts, sections, qa, placements(pair, &rules))
}

/// Translations left behind when a source document was renamed or deleted.
fn orphans(workspace: &Workspace, locales: &[String]) -> Result<Vec<OrphanFinding>, Failure> {
    let project = &workspace.project;
    let mut out = Vec::new();
    for locale in locales {
        for doc in project.orphans(locale)? {
            out.push(OrphanFinding {
                path: workspace.display(&project.document_path(locale, &doc)),
                source: workspace.display(&project.document_path(project.source(), &doc)),
                doc,
                locale: locale.clone(),
                line: 1,
            });
        }
    }
    Ok(out)
}

/// The Fluent check: the source locale is the reference for every target.
fn fluent_findings(
    workspace: &Workspace,
    locales: &[String],
) -> Result<Vec<FluentFinding>, Failure> {
    let project = &workspace.project;
    let found = yaku_fluent::check_locales(&project.locales_dir(), project.source(), locales)
        .map_err(Failure::error)?;
    Ok(found
        .into_iter()
        .map(|f| FluentFinding {
            path: workspace.display(&f.path),
            locale: f.locale,
            line: f.line,
            col: f.col,
            id: f.id,
            kind: f.kind.as_str().to_string(),
            severity: match f.severity {
                yaku_fluent::Severity::Error => yaku_content::Severity::Error,
                _ => yaku_content::Severity::Warning,
            },
            message: f.message,
        })
        .collect())
}

/// The project glossary, `<locales>/glossary.toml`; `None` when the file does not exist.
fn load_glossary(workspace: &Workspace) -> Result<Option<Glossary>, Failure> {
    let path = workspace.project.locales_dir().join("glossary.toml");
    let cannot_read = |e: &dyn std::fmt::Display| {
        Failure(format!(
            "error: cannot read {}: {e}",
            workspace.display(&path)
        ))
    };
    let text = match yaku_project::read_regular(&path) {
        Ok(Some(read)) => String::from_utf8(read.bytes).map_err(|e| cannot_read(&e))?,
        Ok(None) => return Ok(None),
        Err(e) => return Err(cannot_read(&e)),
    };
    Glossary::parse(&text).map(Some).map_err(|e| {
        Failure(format!(
            "error: invalid {}: {e}\nhelp: each entry is a `[[term]]` table of locale keys (ja = \"…\", en = \"…\"), with optional `note` and `name = true`",
            workspace.display(&path)
        ))
    })
}

/// The components a pair publishes, in section order: those its translation places and
/// those of the source (published where a section falls back), when `untranslated-text`
/// runs.
fn placements(pair: &Pair, rules: &[Rule]) -> Vec<Placed> {
    if !rules.contains(&Rule::UntranslatedText) {
        return Vec::new();
    }
    let documents = pair.translation.iter().map(|t| &t.document);
    let mut out: Vec<Placed> = Vec::new();
    for document in documents.chain([&pair.source.document]) {
        for section in &document.sections {
            for component in section.components() {
                if !out.iter().any(|p| p.component == component) {
                    out.push(Placed {
                        locale: pair.locale.clone(),
                        doc: pair.doc.clone(),
                        section: section.id.to_string(),
                        component: component.to_string(),
                    });
                }
            }
        }
    }
    out
}
