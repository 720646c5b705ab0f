//! `yaku check`: every pair's section states and QA findings (worked out where the pair
//! is read, kept in the result cache), the translations left without a source, the
//! Fluent check and what the placed components publish, folded into [`Finding`]s and a
//! [`Summary`].

use std::collections::BTreeMap;

use yaku_content::Document;
use yaku_qa::{check_pair, Glossary, PairOptions, Rule};
use yaku_sync::{align_with, out_of_order, SectionState, StateCounts};

use crate::{
    untranslated_components, FileProblem, Finding, FluentFinding, OrderFinding, OrphanFinding,
    Pair, Placement, ProjectError, QaFinding, ResultCache, SectionFinding, SourceShared, Summary,
    Workspace,
};

/// What `yaku check` was asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The target locales checked, in configuration order.
    pub locales: Vec<String>,
    /// Only this QA rule, and only its findings (no section states, no Fluent).
    pub rule: Option<Rule>,
    /// List current sections too.
    pub all: bool,
}

impl CheckOptions {
    /// The QA rules that run.
    fn rules(&self) -> Vec<Rule> {
        Rule::ALL
            .into_iter()
            .filter(|&rule| self.rule.is_none_or(|only| only == rule))
            .collect()
    }

    /// Whether a rule that reads the glossary runs.
    pub fn needs_glossary(&self) -> bool {
        self.rule
            .is_none_or(|rule| matches!(rule, Rule::Glossary | Rule::UntranslatedText))
    }
}

/// Why the glossary cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GlossaryError {
    /// The file cannot be read (or is not UTF-8).
    #[error("cannot read {path}: {reason}")]
    Read {
        /// The file, for display.
        path: String,
        /// Why.
        reason: String,
    },
    /// The file is not a valid glossary.
    #[error("invalid {path}: {reason}")]
    Invalid {
        /// The file, for display.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

impl GlossaryError {
    /// How to write a valid glossary, when that is the problem.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            GlossaryError::Read { .. } => None,
            GlossaryError::Invalid { .. } => Some(
                "each entry is a `[[term]]` table of locale keys (ja = \"…\", en = \"…\"), with optional `note` and `name = true`",
            ),
        }
    }
}

/// The project glossary, `<locales>/glossary.toml`; `None` when the file does not exist.
pub fn load_glossary(workspace: &Workspace) -> Result<Option<Glossary>, GlossaryError> {
    let path = workspace.project.locales_dir().join("glossary.toml");
    let cannot_read = |e: &dyn std::fmt::Display| GlossaryError::Read {
        path: workspace.display(&path),
        reason: e.to_string(),
    };
    let text = match crate::read_regular(&path) {
        Ok(Some(read)) => String::from_utf8(read.bytes).map_err(|e| cannot_read(&e))?,
        Ok(None) => return Ok(None),
        Err(e) => return Err(cannot_read(&e)),
    };
    Glossary::parse(&text)
        .map(Some)
        .map_err(|e| GlossaryError::Invalid {
            path: workspace.display(&path),
            reason: e.to_string(),
        })
}

/// What checking one pair found: how many sections are in each state (a few bytes in the
/// cache however long the article), the sections to report (all with `--all`), the QA
/// findings and the components the pair publishes. The cache keeps one of these for
/// every pair, so what all of a pair's findings share (document, locale, file) is said
/// once, and empty parts are left out.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PairChecked {
    doc: String,
    locale: String,
    /// The translation file, for display; empty when nothing is reported.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    path: String,
    #[serde(with = "compact_counts")]
    counts: StateCounts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sections: Vec<SectionEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order: Option<OrderEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    qa: Vec<QaEntry>,
    /// The components the source places, kept by the pair of the check's first locale
    /// only: they are published in every locale (where a section falls back), and one
    /// copy per locale would multiply the cache.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    source_components: Vec<String>,
    /// The components the translation places that the source does not (usually none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    components: Vec<String>,
}

/// A [`SectionFinding`] without what its pair says.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct SectionEntry {
    section: String,
    state: SectionState,
    line: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renamed_from: Option<String>,
}

/// An [`OrderFinding`] without what its pair says.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct OrderEntry {
    section: String,
    after: String,
    line: usize,
}

/// A [`QaFinding`] in the translation, without what its pair says.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct QaEntry {
    rule: String,
    severity: yaku_content::Severity,
    section: String,
    line: usize,
    message: String,
}

impl PairChecked {
    /// The findings of the pair, in full.
    fn into_findings(self) -> (Vec<SectionFinding>, Option<OrderFinding>, Vec<QaFinding>) {
        let (doc, locale, path) = (&self.doc, &self.locale, &self.path);
        let sections = self
            .sections
            .into_iter()
            .map(|e| SectionFinding {
                doc: doc.clone(),
                locale: locale.clone(),
                section: e.section,
                state: e.state,
                path: path.clone(),
                line: e.line,
                renamed_from: e.renamed_from,
            })
            .collect();
        let order = self.order.map(|e| OrderFinding {
            doc: doc.clone(),
            locale: locale.clone(),
            section: e.section,
            after: e.after,
            path: path.clone(),
            line: e.line,
        });
        let qa = self
            .qa
            .into_iter()
            .map(|e| QaFinding {
                rule: e.rule,
                severity: e.severity,
                doc: doc.clone(),
                locale: locale.clone(),
                section: e.section,
                path: path.clone(),
                line: e.line,
                message: e.message,
            })
            .collect();
        (sections, order, qa)
    }
}

/// Checks one pair where it is read: its section states and QA findings.
pub fn check_pair_findings(
    workspace: &Workspace,
    options: &CheckOptions,
    glossary: Option<&Glossary>,
    pair: &Pair,
    shared: &SourceShared<'_>,
) -> PairChecked {
    let translation = pair.translation.as_ref().map(|t| &t.document);
    let alignments = align_with(
        &pair.source.document,
        translation,
        &workspace.project.store(),
    );
    let rules = options.rules();
    let pair_options = PairOptions {
        locale: &pair.locale,
        rules: &rules,
        glossary,
        settings: &workspace.project.qa,
        policy: workspace.project.policy(&pair.locale),
    };
    let qa: Vec<QaEntry> = check_pair(shared.qa(), translation, &alignments, &pair_options)
        .into_iter()
        .map(|f| QaEntry {
            rule: f.rule.as_str().to_string(),
            severity: f.severity,
            section: f.section,
            line: f.line,
            message: f.message,
        })
        .collect();
    let mut counts = StateCounts::default();
    for alignment in &alignments {
        counts.add(alignment.state);
    }
    let order = out_of_order(&alignments)
        .filter(|_| options.rule.is_none())
        .map(|(i, earlier)| OrderEntry {
            section: alignments[i].id.to_string(),
            after: alignments[earlier].id.to_string(),
            line: alignments[i].line,
        });
    let sections: Vec<SectionEntry> = alignments
        .into_iter()
        .filter(|a| options.rule.is_none() && (a.state != SectionState::Current || options.all))
        .map(|alignment| SectionEntry {
            section: alignment.id.to_string(),
            state: alignment.state,
            line: alignment.line,
            renamed_from: (alignment.state == SectionState::Renamed)
                .then(|| {
                    let t = translation?;
                    Some(t.sections.get(alignment.translation?)?.id.to_string())
                })
                .flatten(),
        })
        .collect();
    let reported = !(sections.is_empty() && order.is_none() && qa.is_empty());
    let publishes = rules.contains(&Rule::UntranslatedText);
    let source_components = if publishes {
        components(&pair.source.document, &[])
    } else {
        Vec::new()
    };
    PairChecked {
        doc: pair.doc.clone(),
        locale: pair.locale.clone(),
        path: if reported {
            workspace.display(&pair.translation_path)
        } else {
            String::new()
        },
        counts,
        sections,
        order,
        qa,
        components: match translation {
            Some(translation) if publishes => components(translation, &source_components),
            _ => Vec::new(),
        },
        source_components: if options.locales.first() == Some(&pair.locale) {
            source_components
        } else {
            Vec::new()
        },
    }
}

/// State counts as a seven-number array in the cache (a few bytes, however long the
/// article); field names there would double the cache of a large site.
mod compact_counts {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use yaku_sync::StateCounts;

    pub fn serialize<S: Serializer>(c: &StateCounts, s: S) -> Result<S::Ok, S::Error> {
        [
            c.current,
            c.stale,
            c.untranslated,
            c.missing,
            c.obsolete,
            c.in_progress,
            c.renamed,
        ]
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<StateCounts, D::Error> {
        let [current, stale, untranslated, missing, obsolete, in_progress, renamed] =
            <[usize; 7]>::deserialize(d)?;
        Ok(StateCounts {
            current,
            stale,
            untranslated,
            missing,
            obsolete,
            in_progress,
            renamed,
        })
    }
}

/// The result cache of `yaku check` with `options`.
pub fn check_cache(workspace: &Workspace, options: &CheckOptions) -> ResultCache<PairChecked> {
    let key = format!("{:?} {:?} {}", options.locales, options.rule, options.all);
    workspace.result_cache("check", &key)
}

/// The components `document` places that are not in `known`, in order of first use.
fn components(document: &Document, known: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for section in &document.sections {
        for component in section.components() {
            if !known.iter().chain(&out).any(|c| c == component) {
                out.push(component.to_string());
            }
        }
    }
    out
}

/// The results of the pairs of a check, folded as they come, document by document.
#[derive(Debug, Default)]
pub struct CheckTally {
    /// The check's locales, in configuration order.
    locales: Vec<String>,
    summary: Summary,
    sections: Vec<SectionFinding>,
    order: Vec<OrderFinding>,
    qa: Vec<QaFinding>,
    /// Per locale, each placed component with the first document that places it.
    placed: BTreeMap<String, BTreeMap<String, String>>,
    problems: Vec<FileProblem>,
}

impl CheckTally {
    /// An empty tally for a check with `options`.
    pub fn new(options: &CheckOptions) -> CheckTally {
        CheckTally {
            locales: options.locales.clone(),
            ..CheckTally::default()
        }
    }

    /// Adds one document's results (one per locale) and the problems of its files.
    pub fn add(&mut self, checked: Vec<PairChecked>, mut problems: Vec<FileProblem>) {
        self.summary.documents += usize::from(!checked.is_empty());
        // A translation's own placements come first in its locale, then the source's.
        let mut by_source = Vec::new();
        for mut pair in checked {
            add_counts(pair.counts, &mut self.summary);
            self.place(
                &pair.locale,
                &pair.doc,
                std::mem::take(&mut pair.components),
            );
            if !pair.source_components.is_empty() {
                by_source.push((
                    pair.doc.clone(),
                    std::mem::take(&mut pair.source_components),
                ));
            }
            let (mut sections, order, mut qa) = pair.into_findings();
            self.sections.append(&mut sections);
            self.order.extend(order);
            self.qa.append(&mut qa);
        }
        for (doc, components) in by_source {
            for locale in self.locales.clone() {
                self.place(&locale, &doc, components.clone());
            }
        }
        self.problems.append(&mut problems);
    }

    /// Records `doc` as where `locale` publishes each of `components`, unless an
    /// earlier document does.
    fn place(&mut self, locale: &str, doc: &str, components: Vec<String>) {
        if components.is_empty() {
            return;
        }
        let placed = self.placed.entry(locale.to_string()).or_default();
        for component in components {
            placed.entry(component).or_insert_with(|| doc.to_string());
        }
    }

    /// Every finding, in the order they are reported (sections, orphaned translations,
    /// QA, Fluent, files), with the summary of the whole check. What the placed
    /// components publish is checked here, once per locale and string.
    pub fn finish(
        mut self,
        workspace: &Workspace,
        glossary: Option<&Glossary>,
        orphaned: Vec<OrphanFinding>,
        fluent: Vec<FluentFinding>,
    ) -> CheckOutcome {
        let placed = placements(workspace, self.placed);
        let published =
            untranslated_components(workspace, &placed, glossary, &workspace.project.qa);
        self.qa.extend(published.into_iter().map(QaFinding::from));
        let findings: Vec<Finding> = self
            .sections
            .into_iter()
            .map(Finding::Section)
            .chain(self.order.into_iter().map(Finding::Order))
            .chain(orphaned.into_iter().map(Finding::Orphaned))
            .chain(self.qa.into_iter().map(Finding::Qa))
            .chain(fluent.into_iter().map(Finding::Fluent))
            .chain(self.problems.into_iter().map(Finding::File))
            .collect();
        let mut summary = self.summary;
        for finding in &findings {
            summary.count(finding);
        }
        CheckOutcome { findings, summary }
    }
}

/// The section of each placement: the first section of the document's translation that
/// places the component, else the source's. Read here, for the few documents that first
/// place a component, so that the cache keeps component names only.
fn placements(
    workspace: &Workspace,
    placed: BTreeMap<String, BTreeMap<String, String>>,
) -> BTreeMap<String, BTreeMap<String, Placement>> {
    let project = &workspace.project;
    let mut loaded: BTreeMap<(String, String), Option<Document>> = BTreeMap::new();
    let mut section_of = |locale: &str, doc: &str, component: &str| -> Option<String> {
        let document = loaded
            .entry((locale.to_string(), doc.to_string()))
            .or_insert_with(|| {
                let path = project.document_path(locale, doc);
                Some(workspace.load(&path).ok()??.document)
            })
            .as_ref()?;
        let section = document
            .sections
            .iter()
            .find(|s| s.components().contains(&component))?;
        Some(section.id.to_string())
    };
    placed
        .into_iter()
        .map(|(locale, components)| {
            let components = components
                .into_iter()
                .map(|(component, doc)| {
                    let section = section_of(&locale, &doc, &component)
                        .or_else(|| section_of(project.source(), &doc, &component))
                        .unwrap_or_default();
                    (component, Placement { doc, section })
                })
                .collect();
            (locale, components)
        })
        .collect()
}

/// What a check found.
#[derive(Debug)]
pub struct CheckOutcome {
    /// In the order they are reported.
    pub findings: Vec<Finding>,
    /// The counts.
    pub summary: Summary,
}

impl CheckOutcome {
    /// Nothing reported is an error (section states count only when reported).
    pub fn is_clean(&self) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity() != Some(yaku_content::Severity::Error))
    }
}

/// Adds a pair's section counts to the summary.
fn add_counts(counts: StateCounts, summary: &mut Summary) {
    summary.sections += counts.total();
    summary.current += counts.current;
    summary.stale += counts.stale;
    summary.untranslated += counts.untranslated;
    summary.missing += counts.missing;
    summary.obsolete += counts.obsolete;
    summary.renamed += counts.renamed;
    summary.in_progress += counts.in_progress;
}

/// Translations left behind when a source document was renamed or deleted.
pub fn orphan_findings(
    workspace: &Workspace,
    locales: &[String],
) -> Result<Vec<OrphanFinding>, ProjectError> {
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
pub fn fluent_findings(
    workspace: &Workspace,
    locales: &[String],
) -> Result<Vec<FluentFinding>, yaku_fluent::CheckError> {
    let project = &workspace.project;
    let found = yaku_fluent::check_locales(&project.locales_dir(), project.source(), locales)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    const SOURCE: &str =
        "## 1. 概要 {#summary}\n\n本文は3件です。\n\n## 2. 方法 {#method}\n\n方法です。\n";

    /// The findings of checking the project's one pair with `options`.
    fn check(project: &TempProject, options: CheckOptions) -> CheckOutcome {
        let workspace = project.workspace();
        let locales = vec!["en".to_string()];
        let options = CheckOptions {
            locales: locales.clone(),
            ..options
        };
        let mut tally = CheckTally::new(&options);
        workspace
            .visit_pairs(
                &locales,
                None,
                &(),
                |pair, shared| check_pair_findings(&workspace, &options, None, pair, shared),
                |checked, problems| tally.add(checked, problems),
            )
            .unwrap();
        let orphaned = orphan_findings(&workspace, &locales).unwrap();
        tally.finish(&workspace, None, orphaned, Vec::new())
    }

    fn listed(outcome: &CheckOutcome) -> Vec<String> {
        outcome
            .findings
            .iter()
            .map(|f| format!("{}:{} {}", f.path(), f.line(), f.title()))
            .collect()
    }

    #[test]
    fn states_and_qa_findings_of_a_pair_are_reported_and_counted() {
        // Accepted (forced) with `summary` missing its number, then `method` changed in
        // the source.
        let project = TempProject::new(
            SOURCE,
            "## 1. Summary {#summary}\n\nThe text.\n\n## 2. Method {#method}\n\nHow.\n",
        );
        let workspace = project.workspace();
        let store = workspace.project.store();
        let pairs = project.pairs(&workspace);
        crate::accept_pair(
            &workspace,
            None,
            &store,
            &pairs[0],
            &crate::AcceptRequest {
                force: true,
                ..Default::default()
            },
        )
        .unwrap();
        project.edit_source(&SOURCE.replace("方法です。", "新しい方法です。"));
        let outcome = check(&project, CheckOptions::default());
        assert_eq!(
            listed(&outcome),
            [
                "content/en/article.md:6 yaku stale",
                "content/en/article.md:1 yaku qa numbers",
            ]
        );
        let summary = &outcome.summary;
        assert_eq!((summary.documents, summary.sections), (1, 2));
        assert_eq!((summary.current, summary.stale), (1, 1));
        assert_eq!(summary.qa_errors, 1);
        assert!(!outcome.is_clean());

        // One rule: its findings alone.
        let numbers = CheckOptions {
            rule: Some(Rule::Numbers),
            ..CheckOptions::default()
        };
        assert!(!numbers.needs_glossary());
        assert_eq!(
            listed(&check(&project, numbers)),
            ["content/en/article.md:1 yaku qa numbers"]
        );
    }

    #[test]
    fn current_sections_are_listed_with_all_and_orphans_reported() {
        let project = TempProject::new(SOURCE, None);
        project.edit_translation(
            "## 1. Summary {#summary}\n\nThree of them.\n\n## 2. Method {#method}\n\nHow.\n",
        );
        let outcome = check(
            &project,
            CheckOptions {
                all: true,
                ..CheckOptions::default()
            },
        );
        assert_eq!(outcome.summary.untranslated, 2);
        assert_eq!(outcome.findings.len(), 2);
        std::fs::rename(
            project.translation_path(),
            project.translation_path().with_file_name("renamed.md"),
        )
        .unwrap();
        let outcome = check(&project, CheckOptions::default());
        assert_eq!(
            listed(&outcome),
            [
                "content/en/article.md:1 yaku missing",
                "content/en/article.md:1 yaku missing",
                "content/en/renamed.md:1 yaku orphaned",
            ]
        );
        assert_eq!(outcome.summary.orphaned, 1);
    }

    #[test]
    fn an_invalid_glossary_is_an_error_with_help() {
        let project = TempProject::new(SOURCE, None);
        let workspace = project.workspace();
        assert!(load_glossary(&workspace).unwrap().is_none());
        let path = workspace.project.locales_dir().join("glossary.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "[[term]]\nja = 1\n").unwrap();
        let error = load_glossary(&workspace).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid locales/glossary.toml: term 1: `ja` must be a string"
        );
        assert!(error.help().is_some());
    }
}
