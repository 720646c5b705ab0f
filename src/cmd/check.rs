//! `yaku check`: every non-current section, every QA finding and every broken file, for
//! CI.

use std::collections::BTreeMap;

use yaku_qa::{check_pair, Glossary, PairOptions, Rule};
use yaku_sync::{align, SectionState, StateCounts};

use super::{to_json, Context};
use crate::published::{untranslated_components, Placement};
use crate::{github, output, Exit, Failure};
use yaku_project::{FileProblem, Pair, SourceShared, Workspace};

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

#[derive(serde::Serialize, serde::Deserialize, Clone)]
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
    qa_errors: usize,
    qa_warnings: usize,
    file_errors: usize,
    orphaned: usize,
}

/// A translation file whose source document does not exist.
#[derive(serde::Serialize)]
struct Orphan {
    doc: String,
    locale: String,
    path: String,
    line: usize,
}

#[derive(serde::Serialize, serde::Deserialize, Clone)]
struct QaFinding {
    rule: String,
    severity: String,
    doc: String,
    locale: String,
    section: String,
    path: String,
    line: usize,
    message: String,
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
    qa: Vec<QaFinding>,
    orphaned: Vec<Orphan>,
    errors: Vec<FileProblem>,
    summary: Summary,
}

/// What checking one pair found: how many sections are in each state (a few bytes in the
/// cache however long the article), the non-current sections (all with `--all`), the
/// QA findings and the components the pair places.
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

/// The command that moves a section out of `state`.
fn fix(state: SectionState, locale: &str, doc: &str, section: &str) -> String {
    match state {
        SectionState::Stale => format!("review `yaku diff {locale} {doc}#{section}`, update the translation, then `yaku accept {locale} {doc}#{section}`"),
        SectionState::Untranslated => format!("translate it, then `yaku accept {locale} {doc}#{section}`"),
        // Sync parks headed sections; a lead or front matter it cannot park, nor delete.
        SectionState::Obsolete if section == yaku_content::LEAD_ID || section == yaku_content::FRONT_MATTER_ID => {
            format!("the source no longer has a {}; delete it from the translation (`yaku sync` never deletes text)", section.replace('-', " "))
        }
        SectionState::Missing | SectionState::Obsolete => format!("run `yaku sync --locale {locale}`"),
        SectionState::Current => String::new(),
    }
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(args.locale.as_deref())?;
    let settings = &workspace.project.qa;
    let glossary = if args
        .rule
        .is_none_or(|rule| matches!(rule, Rule::Glossary | Rule::UntranslatedText))
    {
        load_glossary(&workspace)?
    } else {
        None
    };
    // Each pair is checked where it is read, in parallel; only its findings are kept.
    let check_pair = |pair: &Pair, shared: &SourceShared<'_>| -> PairChecked {
        let alignments = align(
            &pair.source.document,
            pair.translation.as_ref().map(|t| &t.document),
        );
        let path = workspace.display(&pair.translation_path);
        let rules: Vec<Rule> = Rule::ALL
            .into_iter()
            .filter(|&rule| args.rule.is_none_or(|only| only == rule))
            .collect();
        let found = check_pair(
            shared.qa(),
            pair.translation.as_ref().map(|t| &t.document),
            &alignments,
            &PairOptions {
                locale: &pair.locale,
                rules: &rules,
                glossary: glossary.as_ref(),
                settings,
                policy: workspace.project.policy(&pair.locale),
            },
        );
        let qa: Vec<QaFinding> = found
            .into_iter()
            .map(|f| QaFinding {
                rule: f.rule.as_str().to_string(),
                severity: f.severity.as_str().to_string(),
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
        let findings: Vec<SectionFinding> = alignments
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
        (counts, findings, qa, placements(pair, &rules))
    };
    let mut summary = Summary::default();
    let mut findings = Vec::new();
    let mut qa = Vec::new();
    let mut problems = Vec::new();
    let mut placed = BTreeMap::new();
    let progress = output::Progress::new(0, "documents");
    // Results are folded into the summary as they come, document by document.
    let collect = |checked: Vec<PairChecked>, mut doc_problems: Vec<FileProblem>| {
        summary.documents += usize::from(!checked.is_empty());
        for (counts, mut pair_findings, mut pair_qa, pair_placed) in checked {
            add_counts(counts, &mut summary);
            findings.append(&mut pair_findings);
            qa.append(&mut pair_qa);
            for p in pair_placed {
                let placement = Placement {
                    doc: p.doc,
                    section: p.section,
                };
                let components: &mut BTreeMap<_, _> = placed.entry(p.locale).or_default();
                components.entry(p.component).or_insert(placement);
            }
        }
        problems.append(&mut doc_problems);
    };
    if args.no_cache {
        workspace.visit_pairs(&locales, None, &progress, check_pair, collect)?;
    } else {
        // Unchanged pairs are not read again (see yaku_sync::ResultCache).
        let options = format!("{:?} {:?} {}", locales, args.rule, args.all);
        let cache = workspace.result_cache("check", &options);
        workspace.visit_pairs_cached(&locales, None, &cache, &progress, check_pair, collect)?;
        if let Err(e) = cache.save() {
            output::eprint(&format!("warning: cannot write the check cache: {e}"));
        }
    }
    // Translations left behind when a source document was renamed or deleted.
    let mut orphaned = Vec::new();
    if args.rule.is_none() {
        for locale in &locales {
            let docs = workspace.project.orphans(locale)?;
            orphaned.extend(docs.into_iter().map(|doc| Orphan {
                path: workspace.display(&workspace.project.document_path(locale, &doc)),
                doc,
                locale: locale.clone(),
                line: 1,
            }));
        }
    }
    summary.orphaned = orphaned.len();
    // What the placed components publish, once per locale and string.
    for found in untranslated_components(&workspace, &placed, glossary.as_ref(), settings) {
        qa.push(QaFinding {
            rule: found.finding.rule.as_str().to_string(),
            severity: found.finding.severity.as_str().to_string(),
            doc: found.placement.doc,
            locale: found.locale,
            section: found.placement.section,
            path: found.path,
            line: found.finding.line,
            message: found.finding.message,
        });
    }
    summary.file_errors = problems.len();
    summary.qa_errors = qa.iter().filter(|f| f.severity == "error").count();
    summary.qa_warnings = qa.len() - summary.qa_errors;

    // Fluent: the source locale is the reference for every target. `--rule` reports the
    // QA rule alone.
    let fluent = if args.rule.is_some() {
        Vec::new()
    } else {
        let locales_dir = workspace.project.locales_dir();
        yaku_fluent::check_locales(&locales_dir, workspace.project.source(), &locales)
            .map_err(|e| Failure(format!("error: {e}")))?
    };
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
    let clean = not_current.is_empty()
        && orphaned.is_empty()
        && summary.fluent_errors == 0
        && summary.qa_errors == 0;
    let source_dir = workspace.display(&workspace.project.content_dir(workspace.project.source()));
    let orphan_message = |o: &Orphan| {
        format!(
            "{} ({}) has no source document {source_dir}/{}.md",
            o.doc, o.locale, o.doc
        )
    };
    let orphan_fix = "give it the source document's new name, or delete it if the source is gone";
    let qa_summary = format!(
        "{} QA errors, {} QA warnings\n",
        summary.qa_errors, summary.qa_warnings
    );
    let out = match args.format {
        CheckFormat::Json => to_json(&JsonCheck {
            sections: findings.clone(),
            fluent,
            qa,
            orphaned,
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
            for o in &orphaned {
                out.push_str(&format!(
                    "{}:{}: orphaned: {}\n  fix: {orphan_fix}\n",
                    o.path,
                    o.line,
                    orphan_message(o)
                ));
            }
            for f in &qa {
                out.push_str(&format!(
                    "{}:{}: {}: {}: {}#{} ({}): {}\n",
                    f.path, f.line, f.severity, f.rule, f.doc, f.section, f.locale, f.message
                ));
            }
            for f in &fluent {
                out.push_str(&format!(
                    "{}:{}:{}: {}: {} [{}] {}\n",
                    f.path, f.line, f.col, f.severity, f.id, f.kind, f.message
                ));
            }
            if args.rule.is_none() {
                let orphans = match summary.orphaned {
                    0 => String::new(),
                    n => format!("; {n} orphaned translation files"),
                };
                out.push_str(&format!(
                    "{} documents, {} sections: {} current, {} stale, {} untranslated, {} missing, {} obsolete; {} Fluent errors, {} Fluent warnings{orphans}\n",
                    summary.documents, summary.sections, summary.current, summary.stale, summary.untranslated,
                    summary.missing, summary.obsolete, summary.fluent_errors, summary.fluent_warnings
                ));
            }
            if args.rule.is_some() || !qa.is_empty() {
                out.push_str(&qa_summary);
            }
            out
        }
        CheckFormat::Github => {
            let mut out = String::new();
            for f in &not_current {
                out.push_str(&github::command(
                    "error",
                    &[
                        ("file", &f.path),
                        ("line", &f.line.to_string()),
                        ("title", &format!("yaku {}", f.state)),
                    ],
                    &format!(
                        "{}#{} ({}) is {}. {}",
                        f.doc,
                        f.section,
                        f.locale,
                        f.state,
                        fix(f.state, &f.locale, &f.doc, &f.section).replace('`', "")
                    ),
                ));
            }
            for o in &orphaned {
                out.push_str(&github::command(
                    "error",
                    &[
                        ("file", &o.path),
                        ("line", &o.line.to_string()),
                        ("title", "yaku orphaned"),
                    ],
                    &format!("{}. {orphan_fix}", orphan_message(o)),
                ));
            }
            for f in &qa {
                out.push_str(&github::command(
                    annotation_level(&f.severity),
                    &[
                        ("file", &f.path),
                        ("line", &f.line.to_string()),
                        ("title", &format!("yaku qa {}", f.rule)),
                    ],
                    &format!("{}#{} ({}): {}", f.doc, f.section, f.locale, f.message),
                ));
            }
            for f in &fluent {
                out.push_str(&github::command(
                    annotation_level(&f.severity),
                    &[
                        ("file", &f.path),
                        ("line", &f.line.to_string()),
                        ("col", &f.col.to_string()),
                        ("title", &format!("yaku fluent {}", f.kind)),
                    ],
                    &format!("{}: {}", f.id, f.message),
                ));
            }
            // Files that could not be checked, as annotations too.
            for problem in &problems {
                let message = match &problem.help {
                    Some(help) => format!("{}. {help}", problem.message),
                    None => problem.message.clone(),
                };
                out.push_str(&github::command(
                    annotation_level(problem.severity.as_str()),
                    &[
                        ("file", &problem.path),
                        ("line", &problem.line.to_string()),
                        ("col", &problem.col.to_string()),
                        ("title", "yaku"),
                    ],
                    &message,
                ));
            }
            out
        }
    };
    output::print(&out);
    if args.format == CheckFormat::Text {
        for problem in &problems {
            output::eprint(&crate::report::render_problem(problem));
        }
    }
    if !problems.is_empty() {
        return Err(Failure(
            "error: some files could not be checked; see above".into(),
        ));
    }
    Ok(if clean { Exit::Clean } else { Exit::Findings })
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

/// A GitHub workflow command's message, with the characters it reserves escaped.
/// The workflow command of a finding's severity.
fn annotation_level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    }
}
