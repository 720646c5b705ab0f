//! What the API returns, worked out with the functions the command line uses: the
//! status of every pair (`yaku status`'s numbers, with the QA's counts), and one
//! document in one locale section by section (alignment, `yaku diff`'s change, the QA's
//! findings, the glossary's terms).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use yaku_content::Severity;
use yaku_project::{
    changed_chars, file_version, load_glossary, stale_changes, FileProblem, FileStamp, Pair,
    Workspace, WorkspaceError,
};
use yaku_qa::{check_pair, Glossary, PairOptions, PreparedDocument, Rule};
use yaku_sync::{align_with, section_text, Change, DocumentStatus, SectionState};

/// Why a view could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// The locale or document is not the project's, or the project cannot be listed.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// A file has errors.
    #[error("{}", render_problems(.0))]
    Problems(Vec<FileProblem>),
    /// The glossary cannot be used.
    #[error("{0}")]
    Glossary(String),
}

fn render_problems(problems: &[FileProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}:{}:{}: {}", p.path, p.line, p.col, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One pair on the dashboard: `yaku status --format json`'s fields and the QA's counts.
/// Kept in the result cache (`.yaku/cache/serve-status.json`) while both files keep
/// their stamps, as `yaku check` keeps its results.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct PairStatus {
    /// The document.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// Sections per state.
    pub counts: yaku_sync::StateCounts,
    /// Share of the source's sections that are current, 0–100.
    pub percent_current: f64,
    /// Characters left to translate.
    pub chars_left: usize,
    /// Characters of source text in all tracked sections.
    pub chars_total: usize,
    /// The translation has the source's sections in another order.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub out_of_order: bool,
    /// QA findings that are errors.
    pub qa_errors: usize,
    /// QA findings that are warnings.
    pub qa_warnings: usize,
}

impl PairStatus {
    /// `yaku status`'s numbers with the QA's counts.
    pub fn new(status: DocumentStatus, qa_errors: usize, qa_warnings: usize) -> PairStatus {
        PairStatus {
            doc: status.doc,
            locale: status.locale,
            counts: status.counts,
            percent_current: status.percent_current,
            chars_left: status.chars_left,
            chars_total: status.chars_total,
            out_of_order: status.out_of_order,
            qa_errors,
            qa_warnings,
        }
    }
}

/// `GET /api/status`.
#[derive(Debug, Serialize)]
pub struct StatusView {
    /// The source locale.
    pub source: String,
    /// The target locales.
    pub locales: Vec<String>,
    /// Every document × locale, in document then locale order.
    pub documents: Vec<PairStatus>,
    /// Files that could not be used.
    pub problems: Vec<FileProblem>,
}

/// A QA finding at its section.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// The rule id.
    pub rule: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The line of the translation file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A glossary term the source section uses.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryHit {
    /// The term in the source locale.
    pub term: String,
    /// Its approved rendering in the target locale.
    pub rendering: String,
    /// The translators' note, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One section of `GET /api/doc/{locale}/{doc}`.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The id.
    pub id: String,
    /// Heading level (0 for the front matter and the lead).
    pub level: u8,
    /// The source's heading text.
    pub heading: String,
    /// The source's Markdown, without marker line or trailing blank lines.
    pub source: String,
    /// The translation's Markdown in the same form; `null` when missing.
    pub translation: Option<String>,
    /// The state.
    pub state: SectionState,
    /// For a stale section: the source's change since its baseline (`yaku diff`).
    pub change: Option<Vec<Change>>,
    /// Whether the baseline's source text was found (for a stale section).
    pub baseline_available: bool,
    /// The QA's findings in this section.
    pub findings: Vec<FindingView>,
    /// Glossary terms of the source section.
    pub glossary: Vec<GlossaryHit>,
}

/// `GET /api/doc/{locale}/{doc}`.
#[derive(Debug, Serialize)]
pub struct DocView {
    /// The document.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The source locale.
    pub source_locale: String,
    /// The translation file, relative to the project.
    pub path: String,
    /// The version of the translation file's bytes (`"none"`: no file yet).
    pub version: String,
    /// In source order.
    pub sections: Vec<SectionView>,
}

/// The project glossary, read again only when its file changes, so that the matchers it
/// compiles on first use serve every request.
#[derive(Default)]
pub struct GlossaryCache {
    kept: Mutex<Option<KeptGlossary>>,
}

/// The glossary file's stamp when read (`None`: no file), and what it held.
type KeptGlossary = (Option<FileStamp>, Arc<Option<Glossary>>);

impl GlossaryCache {
    /// The glossary as the file is now (`None` inside: the project has none).
    pub fn get(&self, workspace: &Workspace) -> Result<Arc<Option<Glossary>>, ViewError> {
        let path = workspace.project.locales_dir().join("glossary.toml");
        // Taken before reading: a file changed while it is read is read again next time.
        let stamp = FileStamp::of(&path).ok().flatten();
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((kept_stamp, glossary)) = kept.as_ref() {
            if *kept_stamp == stamp {
                return Ok(glossary.clone());
            }
        }
        let glossary =
            Arc::new(load_glossary(workspace).map_err(|e| ViewError::Glossary(e.to_string()))?);
        *kept = Some((stamp, glossary.clone()));
        Ok(glossary)
    }
}

/// The dashboard's numbers.
pub fn status(workspace: &Workspace, glossary: Option<&Glossary>) -> Result<StatusView, ViewError> {
    let locales = workspace.locales(None)?;
    let store = workspace.project.store();
    let rules = Rule::ALL.to_vec();
    let cache = workspace.result_cache::<PairStatus>("serve-status", &format!("{locales:?}"));
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    let sink = |mut found: Vec<PairStatus>, mut found_problems: Vec<FileProblem>| {
        documents.append(&mut found);
        problems.append(&mut found_problems);
    };
    workspace.visit_pairs_cached(
        &locales,
        None,
        &cache,
        &(),
        |pair, shared| {
            let translation = pair.translation.as_ref().map(|t| &t.document);
            let alignments = align_with(&pair.source.document, translation, &store);
            let status = DocumentStatus::with_changed(
                &pair.doc,
                &pair.locale,
                &pair.source.document,
                &alignments,
                |alignment| changed_chars(&store, pair, alignment),
            );
            let findings = check_pair(
                shared.qa(),
                translation,
                &alignments,
                &pair_options(workspace, pair, &rules, glossary),
            );
            let qa_errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            PairStatus::new(status, qa_errors, findings.len() - qa_errors)
        },
        sink,
    )?;
    // A cache that cannot be written only costs the next request the work.
    let _ = cache.save();
    Ok(StatusView {
        source: workspace.project.source().to_string(),
        locales,
        documents,
        problems,
    })
}

fn pair_options<'a>(
    workspace: &'a Workspace,
    pair: &'a Pair,
    rules: &'a [Rule],
    glossary: Option<&'a Glossary>,
) -> PairOptions<'a> {
    PairOptions {
        locale: &pair.locale,
        rules,
        glossary,
        settings: &workspace.project.qa,
        policy: workspace.project.policy(&pair.locale),
    }
}

/// The pair of `doc` in `locale`, both looked up in the project's lists.
pub fn load_pair(workspace: &Workspace, locale: &str, doc: &str) -> Result<Pair, ViewError> {
    let locales = workspace.locales(Some(locale))?;
    let mut problems = Vec::new();
    let mut pairs = workspace.pairs(&locales, Some(&[doc.to_string()]), &mut problems)?;
    if problems
        .iter()
        .any(|p| p.severity == yaku_content::Severity::Error)
        || pairs.is_empty()
    {
        return Err(ViewError::Problems(problems));
    }
    Ok(pairs.remove(0))
}

/// One document in one locale, section by section.
pub fn document(
    workspace: &Workspace,
    locale: &str,
    doc: &str,
    glossary: Option<&Glossary>,
) -> Result<DocView, ViewError> {
    let pair = load_pair(workspace, locale, doc)?;
    Ok(document_of(workspace, &pair, glossary))
}

/// [`document`] of a pair already read.
pub fn document_of(workspace: &Workspace, pair: &Pair, glossary: Option<&Glossary>) -> DocView {
    let source = &pair.source.document;
    let translation = pair.translation.as_ref().map(|t| &t.document);
    let alignments = align_with(source, translation, &workspace.project.store());
    let rules = Rule::ALL.to_vec();
    let prepared = PreparedDocument::new(source, workspace.project.source());
    let mut findings: HashMap<String, Vec<FindingView>> = HashMap::new();
    for f in check_pair(
        &prepared,
        translation,
        &alignments,
        &pair_options(workspace, pair, &rules, glossary),
    ) {
        findings.entry(f.section).or_default().push(FindingView {
            rule: f.rule.as_str().to_string(),
            severity: f.severity,
            line: f.line,
            message: f.message,
        });
    }
    let mut changes: HashMap<String, (Vec<Change>, bool)> =
        stale_changes(workspace, std::slice::from_ref(pair), None)
            .changes
            .into_iter()
            .filter(|c| !c.is_new())
            .map(|c| (c.section, (c.changes, c.baseline_available)))
            .collect();
    let sections = alignments
        .iter()
        .filter_map(|alignment| {
            let source_section = &source.sections[alignment.source?];
            let id = alignment.id.as_str();
            let translated = translation
                .zip(alignment.translation)
                .map(|(t, i)| section_text(t, &t.sections[i]));
            let (change, baseline_available) = match changes.remove(id) {
                Some((change, available)) => (Some(change), available),
                None => (None, false),
            };
            let source_text = section_text(source, source_section);
            Some(SectionView {
                id: id.to_string(),
                level: source_section.level,
                heading: source_section.heading.clone(),
                glossary: glossary
                    .map(|g| {
                        glossary_hits(g, &source_text, workspace.project.source(), &pair.locale)
                    })
                    .unwrap_or_default(),
                source: source_text,
                translation: translated,
                state: alignment.state,
                change,
                baseline_available,
                findings: findings.remove(id).unwrap_or_default(),
            })
        })
        .collect();
    DocView {
        doc: pair.doc.clone(),
        locale: pair.locale.clone(),
        source_locale: workspace.project.source().to_string(),
        path: workspace.display(&pair.translation_path),
        version: file_version(translation.map(|t| t.text.as_bytes())),
        sections,
    }
}

/// The terms of `glossary` that `text` uses, in glossary order, with their renderings in
/// `locale`.
pub fn glossary_hits(
    glossary: &Glossary,
    text: &str,
    source: &str,
    locale: &str,
) -> Vec<GlossaryHit> {
    glossary
        .terms
        .iter()
        .filter_map(|term| {
            let form = term.forms.get(source).filter(|f| !f.trim().is_empty())?;
            let rendering = term.forms.get(locale)?;
            text.contains(form.as_str()).then(|| GlossaryHit {
                term: form.clone(),
                rendering: rendering.clone(),
                note: term.note.clone(),
            })
        })
        .collect()
}
