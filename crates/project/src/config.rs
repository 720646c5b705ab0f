//! The project: `yaku.toml`, where the files are, and reading them.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use yaku_content::{
    parse_document, parse_text_with, Diagnostic, Document, ParseOptions, SectionEvents,
};

use yaku_sync::{MissingPolicy, StalePolicy};

use crate::confined_folders::ConfinedFolders;
use crate::layout::{DocumentFile, Layout, LayoutConfig};
use crate::{read_regular, FileStamp, SourceStore};

/// The name of the project file.
pub const CONFIG_FILE: &str = "yaku.toml";

/// The contents of `yaku.toml`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Locales and folders.
    pub project: ProjectConfig,
    /// Settings per target locale.
    #[serde(default)]
    pub locale: BTreeMap<String, LocaleConfig>,
    /// Where the documents are (`[layout]`): one folder per locale (the default), Hugo's
    /// filename suffix, or a pattern per side.
    #[serde(default)]
    pub layout: LayoutConfig,
    /// Project-wide QA settings (`[qa]`: `rule = "error" | "warning" | "off"`), read by the
    /// QA checks; `[locale.<tag>.qa]` overrides them per locale.
    #[serde(default)]
    pub qa: BTreeMap<String, String>,
    /// Values of the Fluent variables the site passes to components (`clinic`, `station`,
    /// …), per locale: `[fluent-args.<locale>]`; `[fluent-args.default]` applies to all.
    #[serde(default, rename = "fluent-args")]
    pub fluent_args: BTreeMap<String, BTreeMap<String, toml::Value>>,
    /// How the source's Markdown is read: `[markdown] id-style`.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Which front-matter keys are translatable text: `[front-matter] translatable`.
    #[serde(default, rename = "front-matter")]
    pub front_matter: FrontMatterConfig,
    /// Which links of a translation are the source's links in their localized form:
    /// `[links]`.
    #[serde(default)]
    pub links: LinksConfig,
}

/// The `[markdown]` table.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkdownConfig {
    /// How a source heading without `{#id}` gets its id: `explicit` (it has none: an
    /// error), or as the site's renderer makes it (`hugo`, `github`, `docusaurus`).
    #[serde(default)]
    pub id_style: yaku_content::IdStyle,
}

/// The `[front-matter]` table.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrontMatterConfig {
    /// The keys whose values are translatable text; every other key is data, which a
    /// translation keeps as the source has it (the `front-matter-data` rule).
    #[serde(default = "default_translatable")]
    pub translatable: Vec<String>,
}

impl Default for FrontMatterConfig {
    fn default() -> Self {
        FrontMatterConfig {
            translatable: default_translatable(),
        }
    }
}

impl LinksConfig {
    /// The QA's rules for localized links.
    pub fn rules(&self) -> yaku_qa::LinkRules {
        yaku_qa::LinkRules::new(self.locale_segment.clone(), self.map.clone())
    }
}

fn default_translatable() -> Vec<String> {
    yaku_content::DEFAULT_TRANSLATABLE_KEYS
        .map(String::from)
        .to_vec()
}

/// The `[links]` table: a translation's link is the source's when it is the same URL
/// with the locale's path segment after the host (`https://helm.sh/zh/docs/` for
/// `https://helm.sh/docs/`), or a configured prefix of the locale maps it to the source's.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinksConfig {
    /// The path segment a locale's URLs carry when it is not the locale tag or its
    /// language (`zh-Hans = "zh-cn"`).
    #[serde(default)]
    pub locale_segment: BTreeMap<String, String>,
    /// Per locale, URL prefixes of the translation and the source prefix each stands for:
    /// `[links.map.ja] "https://docs.example.jp/" = "https://docs.example.com/"`.
    #[serde(default)]
    pub map: BTreeMap<String, BTreeMap<String, String>>,
}

/// The `[project]` table.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// The locale articles are written in.
    pub source: String,
    /// The locales they are translated into.
    pub targets: Vec<String>,
    /// The content folder, relative to the project root (of the folders and suffix
    /// layouts).
    #[serde(default = "default_content")]
    pub content: PathBuf,
    /// The Fluent folder, relative to the project root.
    #[serde(default = "default_locales")]
    pub locales: PathBuf,
}

fn default_content() -> PathBuf {
    PathBuf::from("content")
}

fn default_locales() -> PathBuf {
    PathBuf::from("locales")
}

/// A `[locale.<tag>]` table.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocaleConfig {
    /// The locale's name in paths (`{locale}` in layout patterns, Hugo's suffix), when
    /// not its tag: `zh-Hans` stored as `zh-cn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    /// Locales tried, in order, when a Fluent message is missing (the source comes last).
    #[serde(default)]
    pub fluent_fallback: Vec<String>,
    /// What the build publishes for a missing or untranslated section.
    #[serde(default)]
    pub on_missing: MissingPolicy,
    /// What the build publishes for a stale section.
    #[serde(default)]
    pub on_stale: StalePolicy,
    /// Per-rule QA settings for this locale (`rule = "error" | "warning" | "off"`), read
    /// by the QA checks.
    #[serde(default)]
    pub qa: BTreeMap<String, String>,
}

/// Why a project could not be opened or a file not read.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// No `yaku.toml` in the folder or any parent.
    #[error("no {CONFIG_FILE} found in {0} or any parent folder")]
    NotFound(PathBuf),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// `yaku.toml` is not valid.
    #[error("invalid {path}: {message}")]
    InvalidConfig {
        /// The file.
        path: PathBuf,
        /// Its text, for showing the place.
        text: String,
        /// Where, when known.
        span: Option<Range<usize>>,
        /// What is wrong.
        message: String,
    },
    /// The source locale has no article: its folder is missing or holds no document
    /// (a misconfigured project, which must not pass as one with nothing to report).
    #[error(
        "no source documents: {} {}; looked for {looked_for}",
        folder.display(),
        if *missing { "does not exist" } else { "holds no document" }
    )]
    NoSourceDocuments {
        /// The folder looked in.
        folder: PathBuf,
        /// Whether the folder does not exist (else it holds no article).
        missing: bool,
        /// What was looked for, relative to the project: `docs/**/*.{md,mdx}`, with the
        /// layout's globs.
        looked_for: String,
    },
    /// Two files of one locale are the same document (`intro.md` and `intro.mdx`, or
    /// Hugo's `_index.md` and `_index.en.md`).
    #[error(
        "two files are the document `{doc}`: {} and {}",
        first.display(),
        second.display()
    )]
    AmbiguousDocument {
        /// The document id.
        doc: String,
        /// The first file found.
        first: PathBuf,
        /// The second.
        second: PathBuf,
    },
    /// An article could not be parsed at all.
    #[error("cannot parse {path}: {}", diagnostic.problem)]
    Unparsable {
        /// The file.
        path: PathBuf,
        /// Its bytes, for showing the place.
        bytes: Vec<u8>,
        /// The fatal problem.
        diagnostic: Diagnostic,
    },
}

/// Where `[table.key]` (or `[table."key"]`) stands in `text`, for pointing at it.
fn find_table(text: &str, table: &str, key: &str) -> Option<Range<usize>> {
    [format!("[{table}.{key}]"), format!("[{table}.\"{key}\"]")]
        .iter()
        .find_map(|header| text.find(header.as_str()).map(|at| at..at + header.len()))
}

/// The layout `config` describes (`[layout]`, `[project] content`, each locale's
/// `[locale.<tag>] folder`); an error points at `[layout]` in `text`, the text of `path`.
fn layout_of(config: &Config, path: &Path, text: &str) -> Result<Layout, ProjectError> {
    let folders = std::iter::once(&config.project.source)
        .chain(&config.project.targets)
        .map(|locale| {
            let folder = config.locale.get(locale).and_then(|c| c.folder.clone());
            (locale.clone(), folder.unwrap_or_else(|| locale.clone()))
        })
        .collect();
    Layout::new(
        &config.layout,
        &config.project.content,
        &config.project.source,
        folders,
    )
    .map_err(|message| ProjectError::InvalidConfig {
        path: path.to_path_buf(),
        span: text.find("[layout]").map(|at| at..at + "[layout]".len()),
        text: text.to_string(),
        message,
    })
}

/// A parsed article file and the problems found in it.
#[derive(Debug, Clone)]
pub struct LoadedDocument {
    /// Where it was read from.
    pub path: PathBuf,
    /// The document.
    pub document: Document,
    /// Problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's stamp when it was read, for writes that must not replace a file
    /// changed since ([`crate::write_atomic_verified`]).
    pub stamp: FileStamp,
}

/// Where a source document is.
struct SourceFile<'a> {
    path: std::borrow::Cow<'a, Path>,
    extension: std::borrow::Cow<'a, str>,
    exists: bool,
}

/// A yaku project: its root folder and configuration.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder that holds `yaku.toml`.
    pub root: PathBuf,
    /// The parsed `yaku.toml`.
    pub config: Config,
    /// The QA severities of `[qa]` and `[locale.<tag>.qa]`, validated when the project
    /// is opened (so that every command, not only `check`, rejects a misspelt one).
    pub qa: yaku_qa::Settings,
    /// Where the documents are, from `[layout]` and the locales' folder names.
    pub layout: Layout,
    /// The source documents, discovered once ([`Project::documents`]).
    sources: std::sync::OnceLock<std::sync::Arc<BTreeMap<String, DocumentFile>>>,
    /// The project's folders found to lie inside it, links resolved: no document is
    /// read or written through a folder that leads elsewhere ([`Project::load_with`]).
    confined: std::sync::Arc<ConfinedFolders>,
}

impl Project {
    /// Finds `yaku.toml` in `start` or the nearest parent folder and opens it.
    pub fn discover(start: &Path) -> Result<Project, ProjectError> {
        let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
        let mut folder = Some(start.as_path());
        while let Some(dir) = folder {
            if dir.join(CONFIG_FILE).is_file() {
                return Project::open(dir);
            }
            folder = dir.parent();
        }
        Err(ProjectError::NotFound(start))
    }

    /// Opens the project whose `yaku.toml` is in `root`.
    pub fn open(root: &Path) -> Result<Project, ProjectError> {
        let path = root.join(CONFIG_FILE);
        let io = |source| ProjectError::Io {
            path: path.clone(),
            source,
        };
        let bytes = read_regular(&path)
            .map_err(io)?
            .ok_or_else(|| io(std::io::ErrorKind::NotFound.into()))?
            .bytes;
        let text = String::from_utf8(bytes)
            .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
        let config: Config = toml::from_str(&text).map_err(|e| ProjectError::InvalidConfig {
            path: path.clone(),
            span: e.span(),
            message: e.message().trim().to_string(),
            text: text.clone(),
        })?;
        let invalid = |message: String| ProjectError::InvalidConfig {
            path: path.clone(),
            text: text.clone(),
            span: None,
            message,
        };
        if config.project.targets.contains(&config.project.source) {
            return Err(invalid(format!(
                "the source locale `{}` is also listed as a target",
                config.project.source
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        for locale in std::iter::once(&config.project.source).chain(&config.project.targets) {
            if locale.is_empty() || locale.contains(['/', '\\']) || locale.starts_with('.') {
                return Err(invalid(format!("`{locale}` is not a locale tag")));
            }
            if !seen.insert(locale) {
                return Err(invalid(format!(
                    "the target locale `{locale}` is listed twice"
                )));
            }
        }
        let locales_of = |table: &str, keys: &mut dyn Iterator<Item = &String>| {
            for key in keys {
                if !config.project.targets.contains(key)
                    && key != &config.project.source
                    && (table == "locale" || key != "default")
                {
                    let span = find_table(&text, table, key);
                    return Err(ProjectError::InvalidConfig {
                        path: path.clone(),
                        text: text.clone(),
                        span,
                        message: format!(
                            "`[{table}.{key}]` is not a target locale of this project (targets: {}); locale tags are case-sensitive",
                            config.project.targets.join(", ")
                        ),
                    });
                }
            }
            Ok(())
        };
        locales_of("locale", &mut config.locale.keys())?;
        locales_of("fluent-args", &mut config.fluent_args.keys())?;
        locales_of("links.map", &mut config.links.map.keys())?;
        locales_of(
            "links.locale-segment",
            &mut config.links.locale_segment.keys(),
        )?;
        let qa = yaku_qa::Settings::from_tables(
            &config.qa,
            config
                .locale
                .iter()
                .map(|(locale, table)| (locale.as_str(), &table.qa)),
        )
        .map_err(|e| invalid(e.to_string()))?
        .with_links(config.links.rules());
        let project = Project {
            root: root.to_path_buf(),
            layout: layout_of(&config, &path, &text)?,
            config,
            qa,
            sources: std::sync::OnceLock::new(),
            confined: std::sync::Arc::new(
                ConfinedFolders::new(root)
                    .map_err(|e| invalid(format!("cannot resolve the project folder: {e}")))?,
            ),
        };
        project.check_folders().map_err(invalid)?;
        Ok(project)
    }

    /// Checks that the configured folders (and `.yaku/` with the folders yaku keeps in
    /// it) are inside the project root: a relative path without `..`, and no symbolic
    /// link on the way out of the root.
    fn check_folders(&self) -> Result<(), String> {
        let root = self
            .root
            .canonicalize()
            .map_err(|e| format!("cannot resolve the project folder: {e}"))?;
        let project = &self.config.project;
        let mut folders = vec![
            ("content", project.content.clone()),
            ("locales", project.locales.clone()),
            (".yaku", PathBuf::from(".yaku")),
            (".yaku", PathBuf::from(".yaku/cache")),
            (".yaku", PathBuf::from(".yaku/sources")),
        ];
        for locale in std::iter::once(&project.source).chain(&project.targets) {
            folders.push(("locales", project.locales.join(locale)));
        }
        for root in self.layout.roots() {
            folders.push(("layout", root));
        }
        for (key, folder) in folders {
            let plain = folder.components().all(|c| {
                matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            if !plain {
                return Err(format!(
                    "`{key} = {:?}` must be a folder inside the project, written relative to it without `..`",
                    folder.display().to_string()
                ));
            }
            // Where it really is, when it exists: a link may point outside.
            if let Ok(real) = self.root.join(&folder).canonicalize() {
                if !real.starts_with(&root) {
                    return Err(format!(
                        "`{}` leads outside the project (to {}); yaku reads and writes only inside the project folder",
                        folder.display(),
                        real.display()
                    ));
                }
            }
        }
        Ok(())
    }

    /// What `locale`'s build publishes for sections that are not current.
    pub fn policy(&self, locale: &str) -> yaku_sync::Policy {
        let config = self.config.locale.get(locale);
        yaku_sync::Policy {
            on_missing: config.map(|c| c.on_missing).unwrap_or_default(),
            on_stale: config.map(|c| c.on_stale).unwrap_or_default(),
        }
    }

    /// The source locale.
    pub fn source(&self) -> &str {
        &self.config.project.source
    }

    /// The target locales, in configuration order.
    pub fn targets(&self) -> &[String] {
        &self.config.project.targets
    }

    /// The folder of `locale`'s documents (in Hugo's suffix layout, the content folder
    /// every locale shares).
    pub fn locale_root(&self, locale: &str) -> PathBuf {
        self.root.join(self.layout.root(locale))
    }

    /// The locale whose document `path` (absolute, or relative to the current folder)
    /// would be, by the layout: `None` outside the project's document folders. Links
    /// are resolved, so a path through one is judged where it leads.
    pub fn locale_of(&self, path: &Path) -> Option<&str> {
        let absolute = std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf());
        let inside = |path: &Path, root: &Path| path.strip_prefix(root).ok().map(Path::to_path_buf);
        let relative = inside(&absolute, &self.root).or_else(|| {
            let root = self.root.canonicalize().ok()?;
            // A file that does not exist yet: its folder resolved.
            let real = absolute.canonicalize().ok().or_else(|| {
                let parent = absolute.parent()?.canonicalize().ok()?;
                Some(parent.join(absolute.file_name()?))
            })?;
            inside(&real, &root)
        })?;
        self.layout.locale_of(&relative)
    }

    /// The Fluent folder.
    pub fn locales_dir(&self) -> PathBuf {
        self.root.join(&self.config.project.locales)
    }

    /// The file of document `doc` in `locale`: for the source, the file discovery found
    /// (or, for a document that is not there, the first file it could be); for a
    /// translation, the layout's path with the source's extension.
    pub fn document_path(&self, locale: &str, doc: &str) -> PathBuf {
        let source = self.source_file(doc);
        if locale == self.source() {
            return self.root.join(source.path);
        }
        let path = self.layout.path(locale, doc, &source.extension);
        if source.exists || self.root.join(&path).exists() {
            return self.root.join(path);
        }
        // A translation without a source (an orphan): the file that is there.
        for extension in self.layout.extensions() {
            let other = self.layout.path(locale, doc, extension);
            if self.root.join(&other).exists() {
                return self.root.join(other);
            }
        }
        self.root.join(path)
    }

    /// The source file of `doc`: discovered, or probed when discovery did not run or
    /// did not find it (`exists` false when no candidate is there).
    fn source_file(&self, doc: &str) -> SourceFile<'_> {
        // Borrowed from discovery: a check asks this of every pair.
        if let Some(file) = self.sources.get().and_then(|s| s.get(doc)) {
            return SourceFile {
                path: file.path.as_path().into(),
                extension: file.extension.as_str().into(),
                exists: true,
            };
        }
        let extensions = self.layout.extensions();
        for (i, candidate) in self.layout.source_candidates(doc).into_iter().enumerate() {
            if self.root.join(&candidate).is_file() {
                let per = if self.layout.is_suffix() { 2 } else { 1 };
                return SourceFile {
                    path: candidate.into(),
                    extension: extensions[i / per].as_str().into(),
                    exists: true,
                };
            }
        }
        let extension = extensions[0].as_str();
        SourceFile {
            path: self.layout.path(self.source(), doc, extension).into(),
            extension: extension.into(),
            exists: false,
        }
    }

    /// The store of baseline source texts.
    pub fn store(&self) -> SourceStore {
        SourceStore::new(self.root.join(".yaku").join("sources"))
            .with_translatable_keys(self.config.front_matter.translatable.clone().into())
    }

    /// The Fluent fallback chain of `locale`: itself, its configured fallbacks, the source.
    pub fn fluent_chain(&self, locale: &str) -> Vec<String> {
        let mut chain = vec![locale.to_string()];
        if let Some(config) = self.config.locale.get(locale) {
            chain.extend(config.fluent_fallback.iter().cloned());
        }
        chain.push(self.source().to_string());
        let mut seen = std::collections::HashSet::new();
        chain.retain(|l| seen.insert(l.clone()));
        chain
    }

    /// Every document of the source locale (ids: paths with `/` separators, no
    /// extension), sorted. None is an error ([`ProjectError::NoSourceDocuments`]) that
    /// says where and what was looked for. Discovered once per opened project.
    pub fn documents(&self) -> Result<Vec<String>, ProjectError> {
        Ok(self.source_files()?.keys().cloned().collect())
    }

    /// The source documents' files by id, discovered on first use.
    pub fn source_files(
        &self,
    ) -> Result<std::sync::Arc<BTreeMap<String, DocumentFile>>, ProjectError> {
        if let Some(files) = self.sources.get() {
            return Ok(files.clone());
        }
        let found = self.layout.discover(&self.root, self.source())?;
        if found.is_empty() {
            let folder = self.locale_root(self.source());
            let missing = !folder.is_dir();
            return Err(ProjectError::NoSourceDocuments {
                folder,
                missing,
                looked_for: self.layout.describe(self.source()),
            });
        }
        let files: BTreeMap<String, DocumentFile> =
            found.into_iter().map(|f| (f.doc.clone(), f)).collect();
        Ok(self
            .sources
            .get_or_init(|| std::sync::Arc::new(files))
            .clone())
    }

    /// The documents of `locale` as its files are (a translation's, found in its own
    /// root folder: those without a source too), sorted by id.
    pub fn documents_in(&self, locale: &str) -> Result<Vec<DocumentFile>, ProjectError> {
        self.layout.discover(&self.root, locale)
    }

    /// The translation files of `locale` whose source document does not exist (it was
    /// renamed or deleted), as document names, sorted.
    pub fn orphans(&self, locale: &str) -> Result<Vec<String>, ProjectError> {
        let sources = self.source_files()?;
        Ok(self
            .documents_in(locale)?
            .into_iter()
            .map(|f| f.doc)
            .filter(|doc| !sources.contains_key(doc))
            .collect())
    }

    /// Reads and parses an article; `Ok(None)` when the file does not exist.
    pub fn load(
        &self,
        path: &Path,
        options: &ParseOptions,
    ) -> Result<Option<LoadedDocument>, ProjectError> {
        self.load_with(path, options, &mut ())
    }

    /// [`Project::load`] that hands the sections' Markdown events to `events` as the
    /// file is parsed (see [`SectionEvents`]).
    pub fn load_with(
        &self,
        path: &Path,
        options: &ParseOptions,
        events: &mut dyn SectionEvents,
    ) -> Result<Option<LoadedDocument>, ProjectError> {
        // Before the file is read, or found missing and then written (`sync`): a folder
        // of the content that is a link out of the project leads neither anywhere.
        let outside = |source| ProjectError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(real) = self.confined.escape(path).map_err(outside)? {
            return Err(outside(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "its folder leads outside the project (to {}); yaku reads and writes only inside the project folder: replace the link with a folder",
                    real.display()
                ),
            )));
        }
        let (bytes, stamp) = match read_regular(path) {
            Ok(Some(read)) => (read.bytes, read.stamp),
            Ok(None) => return Ok(None),
            Err(source) => {
                return Err(ProjectError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        // The one place a file's parse options are chosen: MDX or Markdown follows the
        // extension (`path.extension()`; a translation keeps its source's, see
        // `Layout::path`). i15-content's MDX parsing takes it from here.
        // Valid UTF-8 is copied into the document's text (a copy costs a fraction of
        // std's validation of Japanese and Chinese text, which simdutf8 replaces);
        // anything else gets its diagnostic from `parse_document`.
        let parsed = match simdutf8::basic::from_utf8(&bytes) {
            Ok(text) => parse_text_with(text.to_owned(), options, events)
                .map_err(|(d, text)| (d, text.into_bytes())),
            Err(_) => parse_document(&bytes, options).map_err(|d| (d, bytes)),
        };
        match parsed {
            Ok(parsed) => Ok(Some(LoadedDocument {
                path: path.to_path_buf(),
                document: parsed.document,
                diagnostics: parsed.diagnostics,
                stamp,
            })),
            Err((diagnostic, bytes)) => Err(ProjectError::Unparsable {
                path: path.to_path_buf(),
                bytes,
                diagnostic,
            }),
        }
    }
}
