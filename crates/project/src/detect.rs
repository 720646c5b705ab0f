//! What kind of site a folder holds, for `yaku init`: Hugo, Docusaurus, mdBook or yaku's
//! plain layout, with the languages and the layout its own configuration gives, and the
//! commented `yaku.toml` that makes yaku read it.

use std::path::{Path, PathBuf};

use crate::layout::LayoutConfig;
use crate::read_regular;

/// A kind of documentation site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SiteKind {
    /// Hugo: `hugo.toml` or `config.toml` with `[languages]`, a content folder.
    Hugo,
    /// Docusaurus: `docusaurus.config.js` (or `.ts`, `.mjs`, `.cjs`) with `i18n`, `docs/`.
    Docusaurus,
    /// mdBook: `book.toml`, `src/SUMMARY.md` (or one per language folder).
    MdBook,
    /// yaku's own layout: `content/<locale>/…`.
    Plain,
}

impl SiteKind {
    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            SiteKind::Hugo => "Hugo",
            SiteKind::Docusaurus => "Docusaurus",
            SiteKind::MdBook => "mdBook",
            SiteKind::Plain => "plain",
        }
    }

    /// The name with its indefinite article: "a Hugo", "an mdBook".
    pub fn with_article(self) -> String {
        match self {
            SiteKind::MdBook => format!("an {}", self.name()),
            kind => format!("a {}", kind.name()),
        }
    }
}

/// What `yaku init` found in a folder.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectedSite {
    /// The kind of site.
    pub kind: SiteKind,
    /// The file that told (`hugo.toml`), if any.
    pub evidence: Option<PathBuf>,
    /// The source language its configuration names, if any.
    pub source: Option<String>,
    /// The other languages it names, in its order.
    pub targets: Vec<String>,
    /// `[project] content`.
    pub content: String,
    /// `[layout]`.
    pub layout: LayoutConfig,
    /// `[locale.<tag>] folder` where a locale's folder name is not its tag.
    pub folders: Vec<(String, String)>,
    /// One line on the layout, for the comment above `[layout]` and for the CLI.
    pub summary: String,
}

/// Looks at `root` and says what site it holds (Hugo, Docusaurus, mdBook, else plain).
/// A configuration file that cannot be read as its format is an error naming it.
pub fn detect_site(root: &Path) -> Result<DetectedSite, String> {
    if let Some(site) = detect_hugo(root)? {
        return Ok(site);
    }
    if let Some(site) = detect_docusaurus(root)? {
        return Ok(site);
    }
    if let Some(site) = detect_mdbook(root)? {
        return Ok(site);
    }
    Ok(DetectedSite {
        kind: SiteKind::Plain,
        evidence: None,
        source: None,
        targets: Vec::new(),
        content: "content".to_string(),
        layout: LayoutConfig::default(),
        folders: Vec::new(),
        summary: "articles in <content>/<locale>/<path>.md".to_string(),
    })
}

/// The text of `root/name`, if it is a regular file.
fn read_text(root: &Path, name: &str) -> Result<Option<String>, String> {
    let path = root.join(name);
    match read_regular(&path) {
        Ok(Some(read)) => String::from_utf8(read.bytes)
            .map(Some)
            .map_err(|_| format!("{name} is not UTF-8")),
        Ok(None) => Ok(None),
        Err(e) => Err(format!("cannot read {name}: {e}")),
    }
}

fn read_toml(root: &Path, name: &str) -> Result<Option<toml::Table>, String> {
    match read_text(root, name)? {
        Some(text) => text
            .parse::<toml::Table>()
            .map(Some)
            .map_err(|e| format!("{name} is not valid TOML: {}", e.message())),
        None => Ok(None),
    }
}

/// Hugo: the first of its configuration files that exists; languages from
/// `[languages]` (or `config/_default/languages.toml`), ordered by weight; each
/// language's `contentDir` decides between one folder per language and filename
/// suffixes.
fn detect_hugo(root: &Path) -> Result<Option<DetectedSite>, String> {
    let candidates = [
        "hugo.toml",
        "config.toml",
        "config/_default/hugo.toml",
        "config/_default/config.toml",
    ];
    let mut found = None;
    for name in candidates {
        if let Some(table) = read_toml(root, name)? {
            found = Some((name, table));
            break;
        }
    }
    let Some((name, config)) = found else {
        return Ok(None);
    };
    let is_hugo = name.starts_with("hugo")
        || name.starts_with("config/")
        || config.contains_key("baseURL")
        || config.contains_key("languages");
    if !is_hugo {
        return Ok(None);
    }
    let get_str = |table: &toml::Table, key: &str| {
        table
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v.as_str())
            .map(str::to_string)
    };
    let languages = match config.get("languages").and_then(|v| v.as_table()) {
        Some(table) => Some(table.clone()),
        None => read_toml(root, "config/_default/languages.toml")?,
    }
    .unwrap_or_default();
    // Hugo lowercases language keys.
    let source = get_str(&config, "defaultContentLanguage")
        .map_or_else(|| "en".to_string(), |s| s.to_lowercase());
    let content = get_str(&config, "contentDir").unwrap_or_else(|| "content".to_string());
    let mut langs: Vec<(i64, String, Option<String>)> = languages
        .iter()
        .map(|(key, value)| {
            let table = value.as_table();
            let weight = table
                .and_then(|t| t.get("weight"))
                .and_then(|w| w.as_integer())
                .unwrap_or(0);
            let dir = table.and_then(|t| get_str(t, "contentDir"));
            (weight, key.to_lowercase(), dir)
        })
        .collect();
    langs.sort();
    let targets: Vec<String> = langs
        .iter()
        .map(|(_, key, _)| key.clone())
        .filter(|key| key != &source)
        .collect();
    // One folder per language when every language names a `contentDir` in one parent.
    let dirs: Vec<(&String, PathBuf)> = langs
        .iter()
        .filter_map(|(_, key, dir)| Some((key, PathBuf::from(dir.as_ref()?))))
        .collect();
    let parent = dirs
        .first()
        .and_then(|(_, d)| d.parent().map(Path::to_path_buf));
    let one_parent = !dirs.is_empty()
        && dirs.len() == langs.len()
        && dirs
            .iter()
            .all(|(_, d)| d.parent().map(Path::to_path_buf) == parent);
    let mut site = DetectedSite {
        kind: SiteKind::Hugo,
        evidence: Some(PathBuf::from(name)),
        source: Some(source),
        targets,
        content,
        layout: LayoutConfig::default(),
        folders: Vec::new(),
        summary: String::new(),
    };
    if one_parent {
        let parent = parent.unwrap_or_default();
        site.content = parent.to_string_lossy().replace('\\', "/");
        for (key, dir) in &dirs {
            let folder = dir
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            if &folder != *key {
                site.folders.push(((*key).clone(), folder));
            }
        }
        site.summary = format!(
            "one content folder per language ({}/<language>/…, from each language's contentDir)",
            site.content
        );
    } else {
        site.layout.suffix = true;
        site.summary = format!(
            "every language in {}/, a translation as <name>.<language>.md (Hugo's filename suffix)",
            site.content
        );
    }
    Ok(Some(site))
}

/// The quoted strings (`'…'` or `"…"`) in `text`, in order.
fn quoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices();
    while let Some((_, c)) = chars.next() {
        if c == '\'' || c == '"' {
            let mut value = String::new();
            for (_, d) in chars.by_ref() {
                if d == c {
                    break;
                }
                value.push(d);
            }
            out.push(value);
        }
    }
    out
}

/// Docusaurus: `i18n.defaultLocale` and `i18n.locales` read from the configuration's
/// text (it is JavaScript: the two literals are looked for, not evaluated).
fn detect_docusaurus(root: &Path) -> Result<Option<DetectedSite>, String> {
    let mut found = None;
    for name in [
        "docusaurus.config.js",
        "docusaurus.config.ts",
        "docusaurus.config.mjs",
        "docusaurus.config.cjs",
    ] {
        if let Some(text) = read_text(root, name)? {
            found = Some((name, text));
            break;
        }
    }
    let Some((name, text)) = found else {
        return Ok(None);
    };
    let after = |key: &str| text.find(key).map(|at| &text[at + key.len()..]);
    let source = after("defaultLocale")
        .and_then(|rest| quoted(rest.lines().next().unwrap_or("")).into_iter().next());
    let locales = after("locales")
        .and_then(|rest| {
            let open = rest.find('[')?;
            let close = rest[open..].find(']')? + open;
            Some(quoted(&rest[open + 1..close]))
        })
        .unwrap_or_default();
    let targets = locales
        .into_iter()
        .filter(|l| Some(l) != source.as_ref())
        .collect();
    Ok(Some(DetectedSite {
        kind: SiteKind::Docusaurus,
        evidence: Some(PathBuf::from(name)),
        source,
        targets,
        content: "docs".to_string(),
        layout: LayoutConfig {
            source: Some("docs/{path}".to_string()),
            translation: Some(
                "i18n/{locale}/docusaurus-plugin-content-docs/current/{path}".to_string(),
            ),
            ..LayoutConfig::default()
        },
        folders: Vec::new(),
        summary:
            "docs in docs/, translations in i18n/<locale>/docusaurus-plugin-content-docs/current/"
                .to_string(),
    }))
}

/// mdBook: `book.toml`; with `[language.<lang>]` tables (the multilingual layout), one
/// folder per language in `src/`; otherwise the book in `src/` and translations in
/// `translations/<lang>/`.
fn detect_mdbook(root: &Path) -> Result<Option<DetectedSite>, String> {
    let Some(book) = read_toml(root, "book.toml")? else {
        return Ok(None);
    };
    let src = book
        .get("book")
        .and_then(|b| b.get("src"))
        .and_then(|s| s.as_str())
        .unwrap_or("src")
        .trim_end_matches('/')
        .to_string();
    let language = book
        .get("book")
        .and_then(|b| b.get("language"))
        .and_then(|s| s.as_str())
        .map(str::to_string);
    let languages = book.get("language").and_then(|l| l.as_table());
    let mut site = DetectedSite {
        kind: SiteKind::MdBook,
        evidence: Some(PathBuf::from("book.toml")),
        source: language,
        targets: Vec::new(),
        content: src.clone(),
        layout: LayoutConfig::default(),
        folders: Vec::new(),
        summary: String::new(),
    };
    match languages {
        Some(languages) if !languages.is_empty() => {
            let default = languages
                .iter()
                .find(|(_, v)| v.get("default").and_then(|d| d.as_bool()) == Some(true))
                .map(|(k, _)| k.clone());
            if default.is_some() {
                site.source = default;
            }
            site.targets = languages
                .keys()
                .filter(|k| Some(*k) != site.source.as_ref())
                .cloned()
                .collect();
            site.summary = format!("one folder per language in {src}/ (each with its SUMMARY.md)");
        }
        _ => {
            site.layout.source = Some(format!("{src}/{{path}}"));
            site.layout.translation = Some("translations/{locale}/{path}".to_string());
            site.summary = format!(
                "the book in {src}/, each translation in translations/<language>/ (the same file names)"
            );
        }
    }
    Ok(Some(site))
}

/// A TOML string literal.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn quote_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", items.join(", "))
}

/// The commented `yaku.toml` for `site`, translated from `source` into `targets`.
pub fn render_config(site: &DetectedSite, source: &str, targets: &[String]) -> String {
    let mut out = String::from(
        "# yaku project configuration. yaku finds this file by walking up from the\n# current directory, as cargo finds Cargo.toml; `--root DIR` overrides.\n",
    );
    if let Some(evidence) = &site.evidence {
        out.push_str(&format!(
            "#\n# Written by `yaku init` for {} site it found ({}).\n",
            site.kind.with_article(),
            evidence.display()
        ));
    }
    out.push_str(&format!(
        r#"
[project]
# The locale the articles are written in. Every other locale is a translation of it.
source = {source}
# The locales the source is translated into.
targets = {targets}
# The content folder: articles are <content>/<locale>/<path>.md unless [layout] says
# otherwise.
content = {content}
# Fluent UI strings live in <locales>/<locale>/*.ftl (a missing folder is fine).
locales = "locales"
"#,
        source = quote(source),
        targets = quote_list(targets),
        content = quote(&site.content),
    ));
    out.push_str(&format!(
        "\n# Where the documents are: {}.\n# A document's id is its path without the extension (docs/intro/quickstart); a\n# translation keeps its source's extension (.md, .markdown, .mdx).\n",
        site.summary
    ));
    let layout = &site.layout;
    if layout.suffix || layout.source.is_some() {
        out.push_str("[layout]\n");
    } else {
        out.push_str("# [layout]\n");
    }
    if layout.suffix {
        out.push_str("# Hugo's filename suffix: _index.md (or _index.en.md) beside _index.ja.md.\nsuffix = true\n");
    }
    if let (Some(s), Some(t)) = (&layout.source, &layout.translation) {
        out.push_str(&format!(
            "# One pattern per side; {{locale}} is the locale's folder name, {{path}} the\n# document's path with its extension.\nsource = {}\ntranslation = {}\n",
            quote(s),
            quote(t)
        ));
    }
    out.push_str(
        "# Globs of files to read or leave out, relative to each locale's folder:\n# include = [\"**/*.md\"]\n# exclude = [\"**/_*.md\", \"drafts/**\"]\n",
    );
    for (locale, folder) in &site.folders {
        out.push_str(&format!(
            "\n# The folder name of {locale} in paths.\n[locale.{}]\nfolder = {}\n",
            quote(locale),
            quote(folder)
        ));
    }
    out.push_str(
        r#"
# Per-locale settings. `fluent-fallback` is the chain of locales tried, in order,
# when a Fluent message is missing in this locale (the source locale is always
# tried last); `folder` is the locale's name in paths when it is not its tag. For
# example:
#
# [locale.zh-Hans]
# fluent-fallback = ["en"]
# folder = "zh-cn"
"#,
    );
    if site.kind != SiteKind::Plain {
        out.push_str(
            r#"
# Next: `yaku adopt <locale>` brings each existing translation under yaku (the
# source's heading ids, then a baseline per section; `--git` takes the source as it
# was when the translation was last committed). Headings need ids: `## Title {#id}`.
"#,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, name: &str, text: &str) {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn hugo_with_content_dirs_is_one_folder_per_language() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "hugo.toml",
            "defaultContentLanguage = 'en'\n[languages.ja]\nweight = 2\ncontentDir = 'content/ja'\n[languages.en]\nweight = 1\ncontentDir = 'content/en'\n[languages.zh-cn]\nweight = 3\ncontentDir = 'content/zh'\n",
        );
        let site = detect_site(dir.path()).unwrap();
        assert_eq!(site.kind, SiteKind::Hugo);
        assert_eq!(site.source.as_deref(), Some("en"));
        assert_eq!(site.targets, ["ja", "zh-cn"]);
        assert_eq!(site.content, "content");
        assert!(!site.layout.suffix);
        assert_eq!(site.folders, [("zh-cn".to_string(), "zh".to_string())]);
        let text = render_config(&site, "en", &site.targets);
        let config: crate::Config = toml::from_str(&text).unwrap();
        assert_eq!(config.locale["zh-cn"].folder.as_deref(), Some("zh"));
    }

    #[test]
    fn hugo_without_content_dirs_uses_suffixes() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "config.toml",
            "baseURL = 'https://example.org/'\n[languages]\n[languages.en]\n[languages.fr]\n",
        );
        let site = detect_site(dir.path()).unwrap();
        assert!(site.layout.suffix);
        assert_eq!(site.targets, ["fr"]);
        let config: crate::Config =
            toml::from_str(&render_config(&site, "en", &site.targets)).unwrap();
        assert!(config.layout.suffix);
    }

    #[test]
    fn docusaurus_locales_are_read_from_the_configuration_text() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "docusaurus.config.ts",
            "export default {\n  i18n: {\n    defaultLocale: \"en\",\n    locales: [\"en\", 'zh-Hans',\n 'ko'],\n  },\n};\n",
        );
        let site = detect_site(dir.path()).unwrap();
        assert_eq!(site.kind, SiteKind::Docusaurus);
        assert_eq!(site.source.as_deref(), Some("en"));
        assert_eq!(site.targets, ["zh-Hans", "ko"]);
        let config: crate::Config =
            toml::from_str(&render_config(&site, "en", &site.targets)).unwrap();
        assert_eq!(config.layout.source.as_deref(), Some("docs/{path}"));
    }

    #[test]
    fn mdbook_without_languages_puts_translations_beside_the_book() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "book.toml", "[book]\nlanguage = 'en'\n");
        let site = detect_site(dir.path()).unwrap();
        assert_eq!(site.kind, SiteKind::MdBook);
        assert_eq!(site.source.as_deref(), Some("en"));
        assert_eq!(site.layout.source.as_deref(), Some("src/{path}"));
        assert!(site.targets.is_empty());
    }

    #[test]
    fn an_empty_folder_is_plain_and_a_broken_config_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(detect_site(dir.path()).unwrap().kind, SiteKind::Plain);
        write(dir.path(), "hugo.toml", "languages = [\n");
        let error = detect_site(dir.path()).unwrap_err();
        assert!(error.starts_with("hugo.toml is not valid TOML"), "{error}");
    }
}
