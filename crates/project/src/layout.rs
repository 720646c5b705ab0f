//! Where a project's documents are: the `[layout]` of `yaku.toml`.
//!
//! A document has an id, its path relative to the source's root folder without the
//! extension (`docs/intro/quickstart`), and one file per locale. [`Layout`] maps
//! (locale, document, extension) to that file and discovers the documents of a locale:
//!
//! - **folders** (the default): `<content>/<locale>/<path>`, for source and translations;
//! - **suffix** (Hugo's filename suffix): `<content>/<path>.<locale>.md` side by side, the
//!   source with or without its suffix (`_index.md` or `_index.en.md`);
//! - **patterns**: one per side, `docs/{path}` and
//!   `i18n/{locale}/docusaurus-plugin-content-docs/current/{path}` (Docusaurus).
//!
//! `{locale}` is the locale's folder name: its tag, or `[locale.<tag>] folder`. Files are
//! Markdown by extension (`.md`, `.markdown`, `.mdx` unless `extensions` says otherwise),
//! filtered by the `include` / `exclude` globs (relative to the locale's root folder);
//! a translation keeps its source's extension. Every folder a layout names is relative
//! to the project, without `..`: the project checks that it stays inside.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};

use crate::ProjectError;

/// The extensions of Markdown files when `extensions` is not set.
pub const DEFAULT_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdx"];

/// The `[layout]` table of `yaku.toml`.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LayoutConfig {
    /// Hugo's filename suffix: every locale's files side by side in the content folder,
    /// a translation as `<path>.<locale>.<ext>`.
    #[serde(default)]
    pub suffix: bool,
    /// The source's pattern, ending in `{path}` (`docs/{path}`); with `translation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The translations' pattern, with `{locale}` and ending in `{path}`
    /// (`i18n/{locale}/docusaurus-plugin-content-docs/current/{path}`); with `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// Globs a document's file must match (relative to its locale's root folder); none:
    /// every file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Globs of files that are not documents (relative to the locale's root folder).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// The extensions of documents, without the dot (default: md, markdown, mdx).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<String>>,
}

/// A pattern `prefix/{path}`, whose prefix may hold `{locale}`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    /// The text before `{path}`, without its final `/` (empty: the project root).
    prefix: String,
}

impl Pattern {
    /// Reads `text` (the value of `key`): `{path}` once, at the end, after a `/`;
    /// `{locale}` as often as wanted (required when `needs_locale`); no other `{…}`.
    fn parse(key: &str, text: &str, needs_locale: bool) -> Result<Pattern, String> {
        let wrong = |why: &str| {
            format!("`[layout] {key} = {text:?}`: {why}; e.g. `docs/{{path}}` or `i18n/{{locale}}/docs/{{path}}`")
        };
        let Some(prefix) = text.strip_suffix("{path}") else {
            return Err(wrong("a pattern ends in `{path}`"));
        };
        let prefix = match prefix {
            "" => "",
            p => p
                .strip_suffix('/')
                .ok_or_else(|| wrong("`{path}` stands after a `/`"))?,
        };
        let rest = prefix.replace("{locale}", "");
        if rest.contains(['{', '}']) {
            return Err(wrong(
                "only `{locale}` and a final `{path}` may stand in braces",
            ));
        }
        if needs_locale && !prefix.contains("{locale}") {
            return Err(wrong("the translations' pattern needs `{locale}`"));
        }
        let pattern = Pattern {
            prefix: prefix.to_string(),
        };
        if !is_relative_inside(&pattern.folder("x")) {
            return Err(wrong(
                "a pattern is a folder inside the project, relative to it, without `..`",
            ));
        }
        Ok(pattern)
    }

    /// The root folder of `folder_name`'s documents, relative to the project.
    fn folder(&self, folder_name: &str) -> PathBuf {
        PathBuf::from(self.prefix.replace("{locale}", folder_name))
    }
}

/// `path` below `dir` (a path the walk of `dir` gave), `/`-separated: borrowed from the
/// path when it is UTF-8 and the platform's separator is `/`, as it is for nearly every
/// file of a walk.
fn relative_text<'p>(path: &'p Path, dir: &Path) -> std::borrow::Cow<'p, str> {
    let relative = || path.strip_prefix(dir).unwrap_or(path);
    if std::path::MAIN_SEPARATOR != '/' {
        let parts: Vec<_> = relative()
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        return parts.join("/").into();
    }
    // The walk builds each path as its folder's path joined with a name: the folder's
    // bytes and one separator come first, and the rest is the relative path.
    let bytes = path.as_os_str().as_encoded_bytes();
    let prefix = dir.as_os_str().as_encoded_bytes();
    match bytes
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix(b"/"))
    {
        Some(rest) => String::from_utf8_lossy(rest),
        None => relative().to_string_lossy(),
    }
}

/// The extension of the last name of a `/`-separated path, as `Path::extension` gives it
/// (`None` for `.hidden` or a name without a dot).
fn extension_of(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((base, extension)) if !base.is_empty() => Some(extension),
        _ => None,
    }
}

/// Whether `path` is relative and has no `..` (nor a root or a drive).
pub(crate) fn is_relative_inside(path: &Path) -> bool {
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// How the files of the locales stand.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// One root folder per locale (the folders layout is the pattern
    /// `<content>/{locale}/{path}` on both sides).
    Patterns {
        /// The source's pattern.
        source: Pattern,
        /// The translations' pattern.
        translation: Pattern,
    },
    /// Every locale in the one folder, translations marked by a `.<locale>` suffix.
    Suffix {
        /// The content folder.
        folder: PathBuf,
    },
}

/// A document's file, found by discovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    /// The document id: its path below the locale's root, `/`-separated, no extension.
    pub doc: String,
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Its extension, without the dot (`md`, `mdx`).
    pub extension: String,
}

/// Where the documents of every locale are.
#[derive(Debug, Clone)]
pub struct Layout {
    shape: Shape,
    source: String,
    /// Locale tag → folder name, for every locale (the source first, then the targets).
    folders: Vec<(String, String)>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    /// The globs as written, for messages.
    filters: String,
    extensions: Vec<String>,
}

impl Layout {
    /// The layout that `config` describes. `content` is `[project] content`, the
    /// folder of the folders and suffix layouts; `folders` is each locale's folder name
    /// (source first). The error says what is wrong, naming the key.
    pub fn new(
        config: &LayoutConfig,
        content: &Path,
        source: &str,
        folders: Vec<(String, String)>,
    ) -> Result<Layout, String> {
        let content_text = content.to_string_lossy().replace('\\', "/");
        let shape = match (&config.source, &config.translation, config.suffix) {
            (Some(_), Some(_), true) => {
                return Err("`[layout] suffix = true` and the `source` / `translation` patterns are two layouts; keep one".to_string())
            }
            (Some(source), Some(translation), false) => Shape::Patterns {
                source: Pattern::parse("source", source, false)?,
                translation: Pattern::parse("translation", translation, true)?,
            },
            (Some(_), None, _) | (None, Some(_), _) => {
                return Err("`[layout]` needs both `source` and `translation` patterns (or neither)".to_string())
            }
            (None, None, true) => Shape::Suffix {
                folder: content.to_path_buf(),
            },
            (None, None, false) => {
                let pattern = Pattern {
                    prefix: format!("{}/{{locale}}", content_text.trim_end_matches('/')),
                };
                Shape::Patterns {
                    source: pattern.clone(),
                    translation: pattern,
                }
            }
        };
        let mut names = BTreeSet::new();
        for (locale, folder) in &folders {
            let plain = !folder.is_empty()
                && !folder.starts_with('.')
                && !folder.contains(['/', '\\', '{', '}']);
            if !plain {
                return Err(format!(
                    "`[locale.{locale}] folder = {folder:?}` is not a folder name (one name, no `/`, not starting with `.`)"
                ));
            }
            if !names.insert(folder.as_str()) {
                return Err(format!(
                    "two locales are stored in the folder name `{folder}`; give each its own `[locale.<tag>] folder`"
                ));
            }
        }
        let extensions: Vec<String> = match &config.extensions {
            Some(list) if list.is_empty() => {
                return Err(
                    "`[layout] extensions` is empty: no file could be a document".to_string(),
                )
            }
            Some(list) => list
                .iter()
                .map(|e| e.trim_start_matches('.').to_string())
                .collect(),
            None => DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
        };
        if let Some(bad) = extensions
            .iter()
            .find(|e| e.is_empty() || e.contains(['/', '\\', '.']))
        {
            return Err(format!(
                "`[layout] extensions`: {bad:?} is not an extension (write `md`, `mdx`)"
            ));
        }
        let globs = |key: &str, list: &[String]| -> Result<GlobSet, String> {
            let mut builder = GlobSetBuilder::new();
            for glob in list {
                let parsed = globset::GlobBuilder::new(glob)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("`[layout] {key}`: {e}"))?;
                builder.add(parsed);
            }
            builder
                .build()
                .map_err(|e| format!("`[layout] {key}`: {e}"))
        };
        let include = if config.include.is_empty() {
            None
        } else {
            Some(globs("include", &config.include)?)
        };
        let exclude = globs("exclude", &config.exclude)?;
        let mut filters = Vec::new();
        if !config.include.is_empty() {
            filters.push(format!("include {:?}", config.include));
        }
        if !config.exclude.is_empty() {
            filters.push(format!("exclude {:?}", config.exclude));
        }
        Ok(Layout {
            shape,
            source: source.to_string(),
            folders,
            include,
            exclude,
            filters: filters.join(", "),
            extensions,
        })
    }

    /// The folder name of `locale` (`{locale}` in patterns, the suffix of Hugo's layout).
    pub fn folder_name<'a>(&'a self, locale: &'a str) -> &'a str {
        self.folders
            .iter()
            .find(|(tag, _)| tag == locale)
            .map_or(locale, |(_, folder)| folder.as_str())
    }

    /// The extensions of documents, without the dot.
    pub fn extensions(&self) -> &[String] {
        &self.extensions
    }

    /// Whether this is Hugo's filename-suffix layout.
    pub fn is_suffix(&self) -> bool {
        matches!(self.shape, Shape::Suffix { .. })
    }

    /// The root folder of `locale`'s documents, relative to the project (for the suffix
    /// layout, the content folder every locale shares).
    pub fn root(&self, locale: &str) -> PathBuf {
        match &self.shape {
            Shape::Patterns {
                source,
                translation,
            } => {
                let pattern = if locale == self.source {
                    source
                } else {
                    translation
                };
                pattern.folder(self.folder_name(locale))
            }
            Shape::Suffix { folder } => folder.clone(),
        }
    }

    /// Every folder this layout reads or writes documents in (each locale's root),
    /// relative to the project, without repeats: for the confinement check, the lock's
    /// clean-up and the build's protected folders.
    pub fn roots(&self) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = Vec::new();
        for (locale, _) in &self.folders {
            let root = self.root(locale);
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        roots
    }

    /// The file of `doc` in `locale` with `extension` (a translation keeps its source's
    /// extension), relative to the project. For the source in the suffix layout, the
    /// file without the suffix (discovery finds a source written with its suffix).
    pub fn path(&self, locale: &str, doc: &str, extension: &str) -> PathBuf {
        match &self.shape {
            Shape::Patterns { .. } => self.root(locale).join(format!("{doc}.{extension}")),
            Shape::Suffix { folder } if locale == self.source => {
                folder.join(format!("{doc}.{extension}"))
            }
            Shape::Suffix { folder } => {
                folder.join(format!("{doc}.{}.{extension}", self.folder_name(locale)))
            }
        }
    }

    /// The files a source document may have, most likely first: each extension, and in
    /// the suffix layout each with and without the source's suffix.
    pub fn source_candidates(&self, doc: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for extension in &self.extensions {
            out.push(self.path(&self.source, doc, extension));
            if let Shape::Suffix { folder } = &self.shape {
                out.push(folder.join(format!(
                    "{doc}.{}.{extension}",
                    self.folder_name(&self.source)
                )));
            }
        }
        out
    }

    /// The locale whose document the file at `path` (relative to the project) would be,
    /// by the layout alone (the file need not exist): under the most specific root that
    /// holds it, or, in the suffix layout, by its suffix (none, or the source's: the
    /// source). `None` for a file outside every root or without a document extension.
    pub fn locale_of(&self, path: &Path) -> Option<&str> {
        let extension = path.extension()?.to_string_lossy();
        if !self.extensions.iter().any(|e| *e == extension) {
            return None;
        }
        match &self.shape {
            Shape::Patterns { .. } => self
                .folders
                .iter()
                .map(|(locale, _)| (locale, self.root(locale)))
                .filter(|(_, root)| path.starts_with(root))
                .max_by_key(|(_, root)| root.components().count())
                .map(|(locale, _)| locale.as_str()),
            Shape::Suffix { folder } => {
                let relative = path.strip_prefix(folder).ok()?;
                let stem = relative.with_extension("");
                let stem = stem.to_string_lossy().replace('\\', "/");
                self.folders
                    .iter()
                    .map(|(locale, _)| locale.as_str())
                    .find(|locale| {
                        *locale != self.source && self.doc_of_stem(locale, &stem).is_some()
                    })
                    .or(Some(self.source.as_str()))
            }
        }
    }

    /// What discovery looks for in `locale`, in words, for "no documents" messages:
    /// `content/ja/**/*.{md,markdown,mdx}`, with the globs.
    pub fn describe(&self, locale: &str) -> String {
        let extensions = match self.extensions.as_slice() {
            [one] => one.clone(),
            many => format!("{{{}}}", many.join(",")),
        };
        let root = self.root(locale).display().to_string();
        let root = if root.is_empty() {
            ".".to_string()
        } else {
            root
        };
        let file = match &self.shape {
            Shape::Suffix { .. } if locale == self.source => {
                format!(
                    "**/*.{extensions} (no locale suffix, or `.{}`)",
                    self.folder_name(locale)
                )
            }
            Shape::Suffix { .. } => format!("**/*.{}.{extensions}", self.folder_name(locale)),
            Shape::Patterns { .. } => format!("**/*.{extensions}"),
        };
        let mut out = format!("{root}/{file}");
        if !self.filters.is_empty() {
            out.push_str(&format!(" ({})", self.filters));
        }
        out
    }

    /// Every document of `locale` under `project_root`, sorted by id. A root folder that
    /// does not exist holds none. Files of another locale's root below this one (the
    /// source `content/{path}` holding `content/{locale}/…`) and, in the suffix layout,
    /// files with another locale's suffix are not this locale's. Two files for one id
    /// (`a.md` and `a.mdx`) are an error.
    pub fn discover(
        &self,
        project_root: &Path,
        locale: &str,
    ) -> Result<Vec<DocumentFile>, ProjectError> {
        let root = self.root(locale);
        let dir = project_root.join(&root);
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let other_roots: Vec<PathBuf> = match &self.shape {
            Shape::Patterns { .. } => self
                .roots()
                .into_iter()
                .filter(|r| r != &root && r.starts_with(&root))
                .map(|r| project_root.join(r))
                .collect(),
            Shape::Suffix { .. } => Vec::new(),
        };
        let mut found: Vec<DocumentFile> = Vec::new();
        // The walk is not sorted (sorting every folder's entries was a good part of a
        // warm check of a large site): the documents are sorted once at the end, and of
        // several bad entries the one with the smallest path is reported, so the outcome
        // does not depend on the order the file system lists a folder in.
        let mut bad: Option<(PathBuf, ProjectError)> = None;
        let mut report = |path: PathBuf, error: ProjectError| {
            if bad.as_ref().is_none_or(|(first, _)| path < *first) {
                bad = Some((path, error));
            }
        };
        let walk = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_entry(|e| !(e.depth() > 0 && other_roots.iter().any(|r| r == e.path())));
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map_or_else(|| dir.clone(), Path::to_path_buf);
                    let source = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("folder loop"));
                    report(path.clone(), ProjectError::Io { path, source });
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let path = entry.path();
            let relative_text = relative_text(path, &dir);
            let extension = extension_of(&relative_text)
                .filter(|e| self.extensions.iter().any(|known| known == e));
            let file_type = entry.file_type();
            // A link is not followed (walkdir does not), but one that stands for an
            // article or a folder of them must not leave it out silently.
            let points_to_folder = file_type.is_symlink() && path.is_dir();
            if (extension.is_some() && !file_type.is_file() && !file_type.is_dir())
                || points_to_folder
            {
                let source = std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "it is {}; yaku reads only regular files and does not follow symbolic links",
                        crate::files::describe(&file_type)
                    ),
                );
                let path = path.to_path_buf();
                report(path.clone(), ProjectError::Io { path, source });
                continue;
            }
            let Some(extension) = extension.filter(|_| file_type.is_file()) else {
                continue;
            };
            if self
                .include
                .as_ref()
                .is_some_and(|g| !g.is_match(&*relative_text))
                || self.exclude.is_match(&*relative_text)
            {
                continue;
            }
            let stem = &relative_text[..relative_text.len() - extension.len() - 1];
            let Some(doc) = self.doc_of_stem(locale, stem) else {
                continue;
            };
            found.push(DocumentFile {
                doc: doc.to_string(),
                path: root.join(&*relative_text),
                extension: extension.to_string(),
            });
        }
        if let Some((_, error)) = bad {
            return Err(error);
        }
        found.sort_unstable_by(|a, b| a.doc.cmp(&b.doc).then_with(|| a.path.cmp(&b.path)));
        if let Some(pair) = found.windows(2).find(|pair| pair[0].doc == pair[1].doc) {
            return Err(ProjectError::AmbiguousDocument {
                doc: pair[0].doc.clone(),
                first: project_root.join(&pair[0].path),
                second: project_root.join(&pair[1].path),
            });
        }
        Ok(found)
    }

    /// The document id of a file whose path (below the locale's root, no extension) is
    /// `stem`, when the file is `locale`'s: in the suffix layout, a translation's stem ends
    /// in `.<folder>`, and a source's in none of the locales' (or its own).
    fn doc_of_stem<'s>(&self, locale: &str, stem: &'s str) -> Option<&'s str> {
        if !self.is_suffix() {
            return Some(stem);
        }
        let suffix_of = |stem: &'s str| {
            let (base, suffix) = stem.rsplit_once('.')?;
            // A suffix belongs to the file name, not a folder (`v1.2/intro`).
            (!suffix.contains('/') && !base.is_empty() && !base.ends_with('/'))
                .then_some((base, suffix))
        };
        let own = self.folder_name(locale);
        match suffix_of(stem) {
            Some((base, suffix)) if suffix == own => Some(base),
            Some((_, suffix)) if self.folders.iter().any(|(_, f)| f == suffix) => None,
            _ => (locale == self.source).then_some(stem),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn write(root: &Path, files: &[&str]) {
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "# T {#t}\n").unwrap();
        }
    }

    fn ids(files: &[DocumentFile]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|f| (f.doc.clone(), f.path.to_string_lossy().replace('\\', "/")))
            .collect()
    }

    #[test]
    fn the_default_is_one_folder_per_locale_with_nested_documents() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                "content/ja/a.md",
                "content/ja/docs/intro/b.mdx",
                "content/ja/notes.txt",
                "content/en/a.md",
            ],
        );
        let layout = Layout::new(
            &LayoutConfig::default(),
            Path::new("content"),
            "ja",
            folders(&[("ja", "ja"), ("en", "en")]),
        )
        .unwrap();
        assert_eq!(
            ids(&layout.discover(dir.path(), "ja").unwrap()),
            [
                ("a".into(), "content/ja/a.md".into()),
                ("docs/intro/b".into(), "content/ja/docs/intro/b.mdx".into())
            ]
        );
        assert_eq!(
            layout.path("en", "docs/intro/b", "mdx"),
            Path::new("content/en/docs/intro/b.mdx")
        );
        assert_eq!(
            layout.roots(),
            [Path::new("content/ja"), Path::new("content/en")]
        );
        assert_eq!(layout.describe("ja"), "content/ja/**/*.{md,markdown,mdx}");
    }

    #[test]
    fn hugo_suffixes_sort_files_by_locale_and_the_source_may_carry_its_own() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                "content/_index.md",
                "content/_index.ja.md",
                "content/docs/setup.en.md",
                "content/docs/setup.zh-cn.md",
                "content/docs/v1.2/intro.md",
            ],
        );
        let config = LayoutConfig {
            suffix: true,
            ..LayoutConfig::default()
        };
        let layout = Layout::new(
            &config,
            Path::new("content"),
            "en",
            folders(&[("en", "en"), ("ja", "ja"), ("zh-Hans", "zh-cn")]),
        )
        .unwrap();
        assert_eq!(
            ids(&layout.discover(dir.path(), "en").unwrap()),
            [
                ("_index".into(), "content/_index.md".into()),
                ("docs/setup".into(), "content/docs/setup.en.md".into()),
                (
                    "docs/v1.2/intro".into(),
                    "content/docs/v1.2/intro.md".into()
                ),
            ]
        );
        assert_eq!(
            ids(&layout.discover(dir.path(), "zh-Hans").unwrap()),
            [("docs/setup".into(), "content/docs/setup.zh-cn.md".into())]
        );
        assert_eq!(
            layout.path("ja", "docs/setup", "md"),
            Path::new("content/docs/setup.ja.md")
        );
    }

    #[test]
    fn patterns_place_each_side_and_globs_filter() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                "docs/intro.md",
                "docs/guides/tabs.mdx",
                "docs/_partial.md",
                "i18n/zh-cn/docusaurus-plugin-content-docs/current/intro.md",
            ],
        );
        let config = LayoutConfig {
            source: Some("docs/{path}".into()),
            translation: Some("i18n/{locale}/docusaurus-plugin-content-docs/current/{path}".into()),
            exclude: vec!["**/_*".into()],
            ..LayoutConfig::default()
        };
        let layout = Layout::new(
            &config,
            Path::new("content"),
            "en",
            folders(&[("en", "en"), ("zh-Hans", "zh-cn")]),
        )
        .unwrap();
        assert_eq!(
            ids(&layout.discover(dir.path(), "en").unwrap()),
            [
                ("guides/tabs".into(), "docs/guides/tabs.mdx".into()),
                ("intro".into(), "docs/intro.md".into()),
            ]
        );
        assert_eq!(
            layout.path("zh-Hans", "guides/tabs", "mdx"),
            Path::new("i18n/zh-cn/docusaurus-plugin-content-docs/current/guides/tabs.mdx")
        );
        assert_eq!(
            ids(&layout.discover(dir.path(), "zh-Hans").unwrap()),
            [(
                "intro".into(),
                "i18n/zh-cn/docusaurus-plugin-content-docs/current/intro.md".into()
            )]
        );
    }

    #[test]
    fn a_path_s_locale_is_its_most_specific_root_or_its_suffix() {
        let nested = Layout::new(
            &LayoutConfig {
                source: Some("src/{path}".into()),
                translation: Some("src/{locale}/{path}".into()),
                ..LayoutConfig::default()
            },
            Path::new("content"),
            "en",
            folders(&[("en", "en"), ("ja", "ja")]),
        )
        .unwrap();
        assert_eq!(nested.locale_of(Path::new("src/ja/a/b.md")), Some("ja"));
        assert_eq!(nested.locale_of(Path::new("src/a/b.md")), Some("en"));
        assert_eq!(nested.locale_of(Path::new("src/a/b.txt")), None);
        assert_eq!(nested.locale_of(Path::new("docs/a.md")), None);
        let suffix = Layout::new(
            &LayoutConfig {
                suffix: true,
                ..LayoutConfig::default()
            },
            Path::new("content"),
            "en",
            folders(&[("en", "en"), ("ja", "ja"), ("zh-Hans", "zh-cn")]),
        )
        .unwrap();
        assert_eq!(
            suffix.locale_of(Path::new("content/docs/a.zh-cn.md")),
            Some("zh-Hans")
        );
        assert_eq!(
            suffix.locale_of(Path::new("content/docs/a.ja.md")),
            Some("ja")
        );
        assert_eq!(
            suffix.locale_of(Path::new("content/docs/a.en.md")),
            Some("en")
        );
        assert_eq!(suffix.locale_of(Path::new("content/docs/a.md")), Some("en"));
        assert_eq!(suffix.locale_of(Path::new("static/a.md")), None);
    }

    #[test]
    fn a_source_root_holding_the_translations_leaves_them_out() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &["src/a.md", "src/ja/a.md"]);
        let config = LayoutConfig {
            source: Some("src/{path}".into()),
            translation: Some("src/{locale}/{path}".into()),
            ..LayoutConfig::default()
        };
        let layout = Layout::new(
            &config,
            Path::new("content"),
            "en",
            folders(&[("en", "en"), ("ja", "ja")]),
        )
        .unwrap();
        assert_eq!(
            ids(&layout.discover(dir.path(), "en").unwrap()),
            [("a".into(), "src/a.md".into())]
        );
    }

    #[test]
    fn two_files_for_one_document_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &["content/ja/a.md", "content/ja/a.mdx"]);
        let layout = Layout::new(
            &LayoutConfig::default(),
            Path::new("content"),
            "ja",
            folders(&[("ja", "ja")]),
        )
        .unwrap();
        let error = layout.discover(dir.path(), "ja").unwrap_err();
        assert!(
            matches!(&error, ProjectError::AmbiguousDocument { doc, .. } if doc == "a"),
            "{error}"
        );
    }

    #[test]
    fn bad_patterns_and_folder_names_are_refused_with_the_key() {
        let layout = |source: &str, translation: &str| {
            Layout::new(
                &LayoutConfig {
                    source: Some(source.into()),
                    translation: Some(translation.into()),
                    ..LayoutConfig::default()
                },
                Path::new("content"),
                "en",
                folders(&[("en", "en")]),
            )
        };
        for (source, translation, says) in [
            ("../docs/{path}", "i18n/{locale}/{path}", "without `..`"),
            ("/etc/{path}", "i18n/{locale}/{path}", "without `..`"),
            ("docs/{path}", "i18n/{path}", "needs `{locale}`"),
            ("docs", "i18n/{locale}/{path}", "ends in `{path}`"),
            ("docs/{lang}/{path}", "i18n/{locale}/{path}", "in braces"),
            ("docs{path}", "i18n/{locale}/{path}", "after a `/`"),
        ] {
            let error = layout(source, translation).unwrap_err();
            assert!(error.contains(says), "{source} {translation}: {error}");
        }
        let error = Layout::new(
            &LayoutConfig::default(),
            Path::new("content"),
            "en",
            folders(&[("en", "en"), ("ja", "../x")]),
        )
        .unwrap_err();
        assert!(error.contains("not a folder name"), "{error}");
    }
}
