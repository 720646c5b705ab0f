//! The project as commands see it: configuration, the source locale's component names,
//! and every document paired with its translations, visited in parallel in document
//! order with the problems of files that cannot be used.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use yaku_content::{ParseOptions, SectionEvents, Severity};
use yaku_fluent::{FormatOptions, Localizer};
use yaku_qa::PreparedDocument;

use crate::ordered::{for_each_in_order, Slot};
use crate::{
    FileProblem, FileStamp, LoadedDocument, LockError, Project, ProjectError, ProjectLock,
    ResultCache,
};

/// Whether a file is read as a source or as a translation: they are parsed with
/// different options (a translation's ids are the ones written in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A file of the source locale.
    Source,
    /// A file of a target locale.
    Translation,
}

/// Why a workspace operation could not run (as opposed to problems in files, which are
/// [`FileProblem`]s next to the results).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkspaceError {
    /// The project could not be opened or its documents listed.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// `--locale` names no target locale.
    #[error("`{locale}` is not a target locale of this project (targets: {targets})")]
    UnknownLocale {
        /// The locale asked for.
        locale: String,
        /// The targets, comma-separated.
        targets: String,
    },
    /// A document asked for does not exist.
    #[error("no document `{doc}` in {folder}")]
    UnknownDocument {
        /// The document asked for.
        doc: String,
        /// The source locale's folder.
        folder: String,
    },
    /// Another command holds the lock, or it could not be taken.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// A path to write lies outside the project.
    #[error("{path} is outside the project folder {root}; yaku writes only inside it")]
    Outside {
        /// The path as given.
        path: String,
        /// The project folder.
        root: String,
    },
    /// A path given on the command line could not be resolved.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Told how far a visit has come, for a progress bar: the library draws nothing.
pub trait Progress: Sync {
    /// The work has `steps` steps (documents for a visit, pages for a build).
    fn start(&self, _steps: u64) {}
    /// One more step is done.
    fn advance(&self) {}
}

/// No progress shown.
impl Progress for () {}

/// An opened project.
pub struct Workspace {
    /// The project.
    pub project: Project,
    /// How source articles are parsed (which components exist, how headings get ids,
    /// which front-matter keys are translatable).
    pub parse_options: ParseOptions,
    /// How translations are parsed: as sources, but their ids are always written.
    pub translation_options: ParseOptions,
}

/// One source document with its translation in one locale.
pub struct Pair {
    /// The document name.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The source article.
    pub source: LoadedDocument,
    /// Where the translation is (or would be).
    pub translation_path: PathBuf,
    /// The translation, unless the file does not exist.
    pub translation: Option<LoadedDocument>,
}

/// Work on a source document that the pairs of all its locales share, done at most once
/// per document and only when a pair asks.
pub struct SourceShared<'s> {
    document: &'s yaku_content::Document,
    locale: &'s str,
    qa: OnceCell<PreparedDocument<'s>>,
}

impl<'s> SourceShared<'s> {
    fn new(document: &'s yaku_content::Document, locale: &'s str) -> SourceShared<'s> {
        SourceShared {
            document,
            locale,
            qa: OnceCell::new(),
        }
    }

    /// The source prepared for the QA rules.
    pub fn qa(&self) -> &PreparedDocument<'s> {
        self.qa
            .get_or_init(|| PreparedDocument::new(self.document, self.locale))
    }
}

impl Workspace {
    /// Opens the project at `root`, or the one found from `cwd` upwards.
    pub fn open(root: Option<&Path>, cwd: &Path) -> Result<Workspace, ProjectError> {
        let project = match root {
            Some(root) => Project::open(root)?,
            None => Project::discover(cwd)?,
        };
        let parse_options = project.parse_options(known_components(&project));
        Ok(Workspace {
            translation_options: parse_options.for_translation(),
            parse_options,
            project,
        })
    }

    /// The cache of a command's per-pair results, in `.yaku/cache/<name>.json`. Its
    /// entries are valid only for this build of yaku, this configuration and glossary,
    /// these component names and the command's own `options`.
    pub fn result_cache<T>(&self, name: &str, options: &str) -> ResultCache<T>
    where
        T: Clone + serde::Serialize + serde::de::DeserializeOwned,
    {
        let read = |path: PathBuf| {
            crate::read_regular(&path)
                .ok()
                .flatten()
                .map(|read| String::from_utf8_lossy(&read.bytes).into_owned())
                .unwrap_or_default()
        };
        let executable = std::env::current_exe()
            .ok()
            .and_then(|exe| FileStamp::of(&exe).ok().flatten());
        let salt = format!(
            "{}\n{executable:?}\n{}\n{}\n{:?}\n{options}",
            env!("CARGO_PKG_VERSION"),
            read(self.project.root.join("yaku.toml")),
            read(self.project.locales_dir().join("glossary.toml")),
            self.parse_options.known_components,
        );
        let path = self
            .project
            .root
            .join(".yaku")
            .join("cache")
            .join(format!("{name}.json"));
        ResultCache::open(path, salt)
    }

    /// Takes the project lock for a command that writes (`name` is shown to a command
    /// that finds it held), then removes the temporary files that a killed writer left.
    pub fn lock(&self, name: &str) -> Result<ProjectLock, LockError> {
        let lock = ProjectLock::acquire(&self.project.root.join(".yaku"), name)?;
        // Holding the lock, no other yaku writes: a `.yaku-*.tmp` file is a leftover.
        let mut folders: Vec<PathBuf> = self
            .project
            .layout
            .roots()
            .into_iter()
            .map(|root| self.project.root.join(root))
            .collect();
        folders.push(self.project.locales_dir());
        folders.push(self.project.root.join(".yaku"));
        for folder in folders {
            for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
                let name = entry.file_name().to_string_lossy();
                if entry.file_type().is_file()
                    && name.starts_with(".yaku-")
                    && name.ends_with(".tmp")
                {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(lock)
    }

    /// Fails unless `path` (resolved through any links) is inside the project folder.
    pub fn check_inside(&self, path: &Path) -> Result<(), WorkspaceError> {
        let outside = || WorkspaceError::Outside {
            path: path.display().to_string(),
            root: self.project.root.display().to_string(),
        };
        let root = self.project.root.canonicalize().map_err(|_| outside())?;
        let real = path.canonicalize().map_err(|source| WorkspaceError::Io {
            path: path.display().to_string(),
            source,
        })?;
        if real.starts_with(root) {
            Ok(())
        } else {
            Err(outside())
        }
    }

    /// A path for output: relative to the project root when inside it.
    pub fn display(&self, path: &Path) -> String {
        display_path(&self.project.root, path)
    }

    /// Reads a source article (`None`: no such file).
    pub fn load(&self, path: &Path) -> Result<Option<LoadedDocument>, ProjectError> {
        self.load_with(path, Role::Source, &mut ())
    }

    /// Reads a translation (`None`: no such file): its ids are the ones written in it.
    pub fn load_translation(&self, path: &Path) -> Result<Option<LoadedDocument>, ProjectError> {
        self.load_with(path, Role::Translation, &mut ())
    }

    /// Reads a source or a translation, handing its sections' Markdown events to
    /// `events` as it is parsed (see [`SectionEvents`]).
    pub fn load_with(
        &self,
        path: &Path,
        role: Role,
        events: &mut dyn SectionEvents,
    ) -> Result<Option<LoadedDocument>, ProjectError> {
        let options = match role {
            Role::Source => &self.parse_options,
            Role::Translation => &self.translation_options,
        };
        self.project
            .load_with(path, &options.for_path(path), events)
    }

    /// An error reading a file as a problem of that file.
    pub fn problem(&self, error: &ProjectError) -> FileProblem {
        FileProblem::of_project_error(error, &self.project.root)
    }

    /// The target locales selected by `--locale` (all when `None`).
    pub fn locales(&self, only: Option<&str>) -> Result<Vec<String>, WorkspaceError> {
        match only {
            Some(locale) if self.project.targets().iter().any(|t| t == locale) => {
                Ok(vec![locale.to_string()])
            }
            Some(locale) => Err(WorkspaceError::UnknownLocale {
                locale: locale.to_string(),
                targets: self.project.targets().join(", "),
            }),
            None => Ok(self.project.targets().to_vec()),
        }
    }

    /// Every source document paired with its translation in each of `locales`, in
    /// document then locale order. Files with errors are reported in `problems`
    /// and skipped. Holds every document in memory: prefer [`Self::map_pairs`]
    /// for commands that only need a result per pair.
    pub fn pairs(
        &self,
        locales: &[String],
        docs: Option<&[String]>,
        problems: &mut Vec<FileProblem>,
    ) -> Result<Vec<Pair>, WorkspaceError> {
        let (pairs, mut found) = self.map_pairs(locales, docs, &(), |pair, _| Pair {
            doc: pair.doc.clone(),
            locale: pair.locale.clone(),
            source: pair.source.clone(),
            translation_path: pair.translation_path.clone(),
            translation: pair.translation.clone(),
        })?;
        problems.append(&mut found);
        Ok(pairs)
    }

    /// Calls `f` on every source document paired with its translation in each of
    /// `locales` and returns the results in document then locale order, with the
    /// problems of files that could not be used (those pairs are skipped).
    /// Documents are read and parsed in parallel and dropped once `f` has seen them; only
    /// the results are kept. `f` also gets the work on the source that the document's
    /// locales share.
    pub fn map_pairs<T: Send>(
        &self,
        locales: &[String],
        docs: Option<&[String]>,
        progress: &dyn Progress,
        f: impl Fn(&Pair, &SourceShared<'_>) -> T + Sync,
    ) -> Result<(Vec<T>, Vec<FileProblem>), WorkspaceError> {
        let mut results = Vec::new();
        let mut problems = Vec::new();
        self.visit_pairs(locales, docs, progress, f, |mut r, mut p| {
            results.append(&mut r);
            problems.append(&mut p);
        })?;
        Ok((results, problems))
    }

    /// [`Self::map_pairs`] that hands each document's results (one per locale) and the
    /// problems of its files to `sink` as soon as they and those of every
    /// earlier document are ready, in document order: nothing is held for the whole
    /// corpus, so what a command prints can stream.
    pub fn visit_pairs<T: Send>(
        &self,
        locales: &[String],
        docs: Option<&[String]>,
        progress: &dyn Progress,
        f: impl Fn(&Pair, &SourceShared<'_>) -> T + Sync,
        sink: impl FnMut(Vec<T>, Vec<FileProblem>),
    ) -> Result<(), WorkspaceError> {
        self.visit_pairs_with(locales, docs, &NoCache, progress, f, sink)
    }

    /// [`Self::visit_pairs`] with results kept in `cache`: a pair whose two files have
    /// not changed since the cached run is neither read nor parsed.
    pub fn visit_pairs_cached<T>(
        &self,
        locales: &[String],
        docs: Option<&[String]>,
        cache: &ResultCache<T>,
        progress: &dyn Progress,
        f: impl Fn(&Pair, &SourceShared<'_>) -> T + Sync,
        sink: impl FnMut(Vec<T>, Vec<FileProblem>),
    ) -> Result<(), WorkspaceError>
    where
        T: Send + Sync + Clone + serde::Serialize + serde::de::DeserializeOwned,
    {
        self.visit_pairs_with(locales, docs, cache, progress, f, sink)
    }

    fn visit_pairs_with<T: Send>(
        &self,
        locales: &[String],
        docs: Option<&[String]>,
        cache: &(dyn PairCache<T> + Sync),
        progress: &dyn Progress,
        f: impl Fn(&Pair, &SourceShared<'_>) -> T + Sync,
        mut sink: impl FnMut(Vec<T>, Vec<FileProblem>),
    ) -> Result<(), WorkspaceError> {
        use rayon::prelude::*;

        let all_docs = self.project.documents()?;
        if let Some(wanted) = docs {
            for doc in wanted {
                if !all_docs.contains(doc) {
                    return Err(WorkspaceError::UnknownDocument {
                        doc: doc.clone(),
                        folder: self.display(&self.project.locale_root(self.project.source())),
                    });
                }
            }
        }
        let selected: Vec<&String> = all_docs
            .iter()
            .filter(|doc| docs.is_none_or(|wanted| wanted.contains(doc)))
            .collect();
        // First the cache (file stamps only): which pairs must be read at all.
        let plans: Vec<DocumentPlan<'_, T>> = selected
            .par_iter()
            .map(|doc| self.plan_document(doc, locales, cache))
            .collect();
        // What the prefetch reads: `(document, None)` for a source, `(document, Some(i))`
        // for the translation into `locales[i]`.
        let to_read: Vec<(&str, Option<usize>)> = plans
            .iter()
            .filter(|plan| !plan.pending.is_empty())
            .flat_map(|plan| {
                std::iter::once((plan.doc, None))
                    .chain(plan.pending.iter().map(|p| (plan.doc, Some(p.locale))))
            })
            .collect();
        progress.start(plans.len() as u64);
        // A document whose pairs were all in the cache is ready now; only the others go
        // to the workers. (On a warm run that is nearly every document, and a message
        // between threads for each was a good part of its time.)
        let slots = plans.into_iter().map(|plan| {
            if plan.pending.is_empty() {
                let results = plan.hits.into_iter().map(|(_, r)| r).collect();
                Slot::Ready((results, Vec::new()))
            } else {
                Slot::Work(plan)
            }
        });
        let finished = AtomicBool::new(false);
        std::thread::scope(|scope| {
            if to_read.len() >= PREFETCH_FROM {
                let paths = to_read.iter().map(|&(doc, locale)| {
                    let locale = locale.map_or(self.project.source(), |i| locales[i].as_str());
                    self.project.document_path(locale, doc)
                });
                scope.spawn(|| prefetch(paths, &finished));
            }
            // Workers take documents in order, as the prefetch reads them, so results
            // arrive nearly in order; each waits only for those before it.
            let visited = for_each_in_order(
                slots,
                |plan| self.map_document(plan, locales, cache, &f),
                |(results, problems)| {
                    sink(results, problems);
                    progress.advance();
                    Ok::<(), std::convert::Infallible>(())
                },
            );
            finished.store(true, Ordering::Relaxed);
            let Ok(()) = visited;
        });
        Ok(())
    }

    /// Looks `doc`'s pairs up in `cache`: the hits, and what must be read.
    fn plan_document<'d, T>(
        &self,
        doc: &'d str,
        locales: &[String],
        cache: &(dyn PairCache<T> + Sync),
    ) -> DocumentPlan<'d, T> {
        // Stamps are taken before any file is read, so a file that changes while it is
        // read never gets its new content cached under its old stamp.
        let stamp = |locale: &str| {
            let path = self.project.document_path(locale, doc);
            cache.enabled().then(|| FileStamp::of(&path).ok().flatten())
        };
        let source_stamp = stamp(self.project.source());
        let mut plan = DocumentPlan {
            doc,
            hits: Vec::new(),
            pending: Vec::new(),
        };
        for (i, locale) in locales.iter().enumerate() {
            let stamps = source_stamp.map(|s| [s, stamp(locale).flatten()]);
            match stamps
                .as_ref()
                .and_then(|st| cache.lookup(&pair_key(doc, locale), st))
            {
                Some(hit) => plan.hits.push((i, hit)),
                None => plan.pending.push(PendingPair { locale: i, stamps }),
            }
        }
        plan
    }

    /// Reads and runs `f` on the pairs of `plan` that the cache did not have.
    fn map_document<T>(
        &self,
        plan: DocumentPlan<'_, T>,
        locales: &[String],
        cache: &(dyn PairCache<T> + Sync),
        f: &impl Fn(&Pair, &SourceShared<'_>) -> T,
    ) -> DocumentResults<T> {
        let DocumentPlan {
            doc,
            hits: mut results,
            pending,
        } = plan;
        let source_path = self.project.document_path(self.project.source(), doc);
        let mut problems = Vec::new();
        if pending.is_empty() {
            return (results.into_iter().map(|(_, r)| r).collect(), problems);
        }
        let source = match self.load(&source_path) {
            Ok(Some(source)) => source,
            Ok(None) => return (Vec::new(), problems),
            Err(error) => {
                problems.push(self.problem(&error));
                return (Vec::new(), problems);
            }
        };
        if self.report_errors(&source, &mut problems) {
            return (Vec::new(), problems);
        }
        let mut pair = Pair {
            doc: doc.to_string(),
            locale: String::new(),
            source,
            translation_path: PathBuf::new(),
            translation: None,
        };
        let shared = SourceShared::new(&pair.source.document, self.project.source());
        for PendingPair { locale, stamps } in pending {
            let translation_path = self.project.document_path(&locales[locale], doc);
            let translation = match self.load_translation(&translation_path) {
                Ok(t) => t,
                Err(error) => {
                    problems.push(self.problem(&error));
                    continue;
                }
            };
            if let Some(t) = &translation {
                if self.report_errors(t, &mut problems) {
                    continue;
                }
            }
            pair.locale = locales[locale].clone();
            pair.translation_path = translation_path;
            pair.translation = translation;
            let result = f(&pair, &shared);
            if let Some(stamps) = &stamps {
                cache.store(&pair_key(doc, &locales[locale]), stamps, &result);
            }
            results.push((locale, result));
        }
        // Back into the order of `locales`.
        results.sort_by_key(|&(locale, _)| locale);
        (results.into_iter().map(|(_, r)| r).collect(), problems)
    }

    /// When a file has errors, adds all its diagnostics to `problems` and returns true.
    /// Warnings alone do not stop a command (`yaku inspect` shows them).
    pub fn report_errors(&self, loaded: &LoadedDocument, problems: &mut Vec<FileProblem>) -> bool {
        let has_error = loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        if !has_error {
            return false;
        }
        let path = self.display(&loaded.path);
        let text: Arc<str> = Arc::from(loaded.document.text.as_str());
        for diagnostic in &loaded.diagnostics {
            problems.push(FileProblem::of_diagnostic(path.clone(), &text, diagnostic));
        }
        has_error
    }
}

/// One document's results, one per locale, and the problems of its files.
type DocumentResults<T> = (Vec<T>, Vec<FileProblem>);

/// One document's pairs after the cache lookup: small, since one is kept for every
/// document until the workers reach it.
struct DocumentPlan<'d, T> {
    doc: &'d str,
    /// `(index in locales, result)` of the pairs the cache had.
    hits: Vec<(usize, T)>,
    /// The pairs to read and run.
    pending: Vec<PendingPair>,
}

/// A pair the cache did not have.
struct PendingPair {
    /// Index in the command's locales.
    locale: usize,
    /// The files' stamps when the cache is on.
    stamps: Option<[Option<FileStamp>; 2]>,
}

/// The cache key of a document in a locale.
fn pair_key(doc: &str, locale: &str) -> String {
    format!("{doc}\n{locale}")
}

/// Below this many files to read, reading ahead is not worth a thread.
const PREFETCH_FROM: usize = 16;

/// Reads `paths` in order, ahead of the workers, until they have `finished`: with a cold
/// page cache the files then come in one sequential read that overlaps the parsing,
/// instead of a stall on every file. The bytes are dropped; the workers read them again
/// from the page cache.
fn prefetch(paths: impl Iterator<Item = PathBuf>, finished: &AtomicBool) {
    use std::io::Read;
    let mut buffer = Vec::new();
    for path in paths {
        if finished.load(Ordering::Relaxed) {
            return;
        }
        if let Ok(mut file) = std::fs::File::open(path) {
            buffer.clear();
            let _ = file.read_to_end(&mut buffer);
        }
    }
}

/// Where `visit_pairs` keeps results between runs.
trait PairCache<T> {
    /// Whether to take file stamps at all.
    fn enabled(&self) -> bool;
    fn lookup(&self, key: &str, stamps: &[Option<FileStamp>]) -> Option<T>;
    fn store(&self, key: &str, stamps: &[Option<FileStamp>], value: &T);
}

/// No cache: every pair is read.
struct NoCache;

impl<T> PairCache<T> for NoCache {
    fn enabled(&self) -> bool {
        false
    }
    fn lookup(&self, _: &str, _: &[Option<FileStamp>]) -> Option<T> {
        None
    }
    fn store(&self, _: &str, _: &[Option<FileStamp>], _: &T) {}
}

impl<T> PairCache<T> for ResultCache<T>
where
    T: Clone + serde::Serialize + serde::de::DeserializeOwned,
{
    fn enabled(&self) -> bool {
        true
    }
    fn lookup(&self, key: &str, stamps: &[Option<FileStamp>]) -> Option<T> {
        self.get(key, stamps)
    }
    fn store(&self, key: &str, stamps: &[Option<FileStamp>], value: &T) {
        self.put(key, stamps, value.clone());
    }
}

/// The message ids of the source locale, which are the valid component names; `None`
/// (accept any name) when the project has no Fluent files or they do not load, in which
/// case the Fluent check reports why.
fn known_components(project: &Project) -> Option<BTreeSet<String>> {
    let dir = project.locales_dir();
    if !dir.join(project.source()).is_dir() {
        return None;
    }
    let localizer = Localizer::load(
        &dir,
        &[project.source().to_string()],
        FormatOptions::default(),
    )
    .ok()?;
    Some(localizer.message_ids().into_iter().collect())
}

/// `path` relative to `root` when inside it, with `/` separators.
pub fn display_path(root: &Path, path: &Path) -> String {
    let Ok(relative) = path.strip_prefix(root) else {
        return path.display().to_string();
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// Documents `a`…`e` in `ja` and `en`; `c`'s translation has a heading without an id.
    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("yaku.toml"),
            "[project]\nsource = \"ja\"\ntargets = [\"en\"]\n",
        )
        .unwrap();
        for locale in ["ja", "en"] {
            std::fs::create_dir_all(root.join("content").join(locale)).unwrap();
        }
        for doc in ["a", "b", "c", "d", "e"] {
            std::fs::write(
                root.join(format!("content/ja/{doc}.md")),
                "## 見出し {#h}\n\n本文。\n",
            )
            .unwrap();
            let translation = if doc == "c" {
                "\n\n## Heading\n"
            } else {
                "## Heading {#h}\n\nText.\n"
            };
            std::fs::write(root.join(format!("content/en/{doc}.md")), translation).unwrap();
        }
        dir
    }

    /// Visits with a cache (saved afterwards); returns the documents in the order the sink
    /// got them, the problems, and how many pairs the closure ran on.
    fn visit(workspace: &Workspace) -> (Vec<String>, Vec<FileProblem>, usize) {
        let runs = AtomicUsize::new(0);
        let cache = workspace.result_cache::<String>("test", "");
        let (mut docs, mut problems) = (Vec::new(), Vec::new());
        workspace
            .visit_pairs_cached(
                &["en".to_string()],
                None,
                &cache,
                &(),
                |pair, _| {
                    runs.fetch_add(1, Ordering::Relaxed);
                    pair.doc.clone()
                },
                |mut results, mut found| {
                    docs.append(&mut results);
                    problems.append(&mut found);
                },
            )
            .unwrap();
        cache.save().unwrap();
        (docs, problems, runs.into_inner())
    }

    #[test]
    fn pairs_come_in_document_order_from_the_cache_when_unchanged_and_problems_are_data() {
        let dir = project();
        // Files younger than a run are never trusted from the cache (git's "racy" rule).
        std::thread::sleep(Duration::from_millis(1_100));
        let workspace = Workspace::open(Some(dir.path()), dir.path()).unwrap();

        let (docs, problems, runs) = visit(&workspace);
        assert_eq!(
            docs,
            ["a", "b", "d", "e"],
            "in document order; c is a problem"
        );
        assert_eq!(runs, 4);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "content/en/c.md");
        assert_eq!((problems[0].line, problems[0].col), (3, 1));
        assert_eq!(problems[0].message, "heading has no id");

        // Nothing changed: every result comes from the cache, none is computed.
        let (docs, problems, runs) = visit(&workspace);
        assert_eq!(docs, ["a", "b", "d", "e"]);
        assert_eq!((problems.len(), runs), (1, 0));

        // One translation changes: only that pair runs again.
        std::fs::write(
            dir.path().join("content/en/d.md"),
            "## Heading {#h}\n\nText, edited.\n",
        )
        .unwrap();
        let (docs, _, runs) = visit(&workspace);
        assert_eq!(docs, ["a", "b", "d", "e"]);
        assert_eq!(runs, 1);
    }
}
