//! `gen`: a complete yaku project of N perturbed articles with accepted translations.

use std::fs;
use std::path::Path;

use yaku_content::{parse_document, Document, Fingerprint, ParseOptions};
use yaku_project::SourceStore;
use yaku_sync::{accept_sections, AcceptOptions, AcceptSelection};

use crate::article::Article;
use crate::filler::Script;
use crate::rng::{key_of, Rng};
use crate::{CorpusInfo, Error, Result};

/// The source locale of generated corpora.
pub const SOURCE_LOCALE: &str = "ja";
/// The target locales of generated corpora, in configuration order.
pub const TARGET_LOCALES: [&str; 2] = ["en", "zh-Hans"];

/// The name of the file in which `gen` records how a corpus was made.
pub const INFO_FILE: &str = ".yaku-bench.json";

/// What `gen` makes.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Number of source articles.
    pub articles: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// Also keep the source text of every baseline in `.yaku/sources/` (as `yaku accept`
    /// does), so that `yaku diff` works on the corpus. Slow: one fsynced file per
    /// distinct section.
    pub store: bool,
    /// Replace a corpus already in the folder (its `content/`, `.yaku/`, `locales/`,
    /// `yaku.toml`).
    pub force: bool,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            articles: 100,
            seed: 1,
            store: false,
            force: false,
        }
    }
}

/// What `gen` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenSummary {
    /// Article files written (sources and translations).
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// One generated article in every locale.
#[derive(Debug, Clone)]
pub struct GeneratedArticle {
    /// The document name, `article-00042`.
    pub doc: String,
    /// The Japanese source.
    pub source: String,
    /// `(locale, text)` for every target, with accepted translation markers.
    pub translations: Vec<(String, String)>,
    /// The source text of every baseline the markers record, by fingerprint.
    pub baselines: Vec<(Fingerprint, String)>,
}

/// The document name of article `index` in a corpus of `articles`: `article-00042`,
/// zero-padded to at least five digits so that names sort in index order.
pub fn doc_name(index: usize, articles: usize) -> String {
    let width = articles.saturating_sub(1).to_string().len().max(5);
    format!("article-{index:0width$}")
}

fn parse(text: &str, what: &str) -> Result<Document> {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default())
        .map_err(|d| Error(format!("generated {what} does not parse: {}", d.problem)))?;
    if let Some(d) = parsed.diagnostics.first() {
        return Err(Error(format!(
            "generated {what} has a diagnostic at byte {}: {}",
            d.span.start, d.problem
        )));
    }
    Ok(parsed.document)
}

/// Article `index` of the corpus of `seed`: the perturbed Japanese source and its
/// pseudo-translations, accepted against it with yaku's own accept logic.
pub fn generate_article(
    base: &Article,
    seed: u64,
    index: usize,
    articles: usize,
) -> Result<GeneratedArticle> {
    let doc = doc_name(index, articles);
    let mut rng = Rng::stream(seed, &[index as u64]);
    let variant = base.variant(index, &mut rng);
    let source_text = variant.render();
    let source = parse(&source_text, &format!("source {doc}"))?;
    let mut translations = Vec::with_capacity(TARGET_LOCALES.len());
    for locale in TARGET_LOCALES {
        let mut rng = Rng::stream(seed, &[index as u64, key_of(locale)]);
        let raw = variant.render_translation(Script::of_locale(locale), &mut rng);
        let translation = parse(&raw, &format!("{locale} translation of {doc}"))?;
        let outcome = accept_sections(
            &source,
            &translation,
            &AcceptSelection::All,
            AcceptOptions {
                identical: true,
                reviewed: true,
            },
        );
        if !outcome.refused.is_empty() {
            return Err(Error(format!(
                "accepting the {locale} translation of {doc} refused {:?}",
                outcome.refused
            )));
        }
        translations.push((locale.to_string(), outcome.text));
    }
    let baselines = source
        .tracked_sections()
        .map(|s| (s.fingerprint(), source.text_without_marker(s)))
        .collect();
    Ok(GeneratedArticle {
        doc,
        source: source_text,
        translations,
        baselines,
    })
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The `yaku.toml` of a generated corpus: the locales, and the Fluent fallback and
/// component arguments of the repository's own `yaku.toml`.
pub fn config_text(options: &GenOptions) -> String {
    let targets: Vec<String> = TARGET_LOCALES.iter().map(|t| format!("{t:?}")).collect();
    format!(
        "# A benchmark corpus: `yaku-bench gen --articles {} --seed {}`.\n\
         # locales/ holds the repository's Fluent files (no glossary: pseudo-translations\n\
         # do not render its terms).\n\
         [project]\nsource = \"{SOURCE_LOCALE}\"\ntargets = [{}]\n\n\
         [locale.zh-Hans]\nfluent-fallback = [\"en\"]\n\n\
         [fluent-args.default]\nminutes = 3\n\n\
         [fluent-args.ja]\nclinic = \"M&B美容皮フ科クリニック\"\nstation = \"布施\"\n\n\
         [fluent-args.en]\nclinic = \"M&B Aesthetic Dermatology Clinic\"\nstation = \"Fuse\"\n\n\
         [fluent-args.zh-Hans]\nclinic = \"M&B美容皮肤科诊所\"\nstation = \"布施\"\n",
        options.articles,
        options.seed,
        targets.join(", ")
    )
}

/// Writes a complete yaku project into `out`: `yaku.toml`, the repository's Fluent files
/// in `locales/`, `content/<locale>/*.md` for the source and every target, every translation accepted (so `yaku check` exits 0),
/// `.yaku-bench.json`, and with `options.store` the baseline texts in `.yaku/sources/`.
/// The same options give the same bytes. Work is spread over the available cores.
pub fn generate(out: &Path, options: &GenOptions) -> Result<GenSummary> {
    let config = out.join("yaku.toml");
    let content = out.join("content");
    if config.exists() || content.exists() {
        if !options.force {
            return Err(Error(format!(
                "{} already holds a project; pass --force to replace its content/, locales/, .yaku/ and yaku.toml",
                out.display()
            )));
        }
        for dir in [content.clone(), out.join(".yaku")] {
            if dir.exists() {
                fs::remove_dir_all(&dir)?;
            }
        }
    }
    for locale in std::iter::once(SOURCE_LOCALE).chain(TARGET_LOCALES) {
        fs::create_dir_all(content.join(locale))?;
    }
    fs::write(&config, config_text(options))?;
    let locales = out.join("locales");
    if locales.exists() {
        fs::remove_dir_all(&locales)?;
    }
    for (relative, text) in LOCALE_FILES {
        let path = locales.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
    }
    let info = CorpusInfo {
        articles: options.articles,
        seed: options.seed,
        source: SOURCE_LOCALE.to_string(),
        targets: TARGET_LOCALES.iter().map(|t| t.to_string()).collect(),
        store: options.store,
        mutation: None,
    };
    info.write(out)?;

    let base = Article::seed();
    let store = SourceStore::new(out.join(".yaku").join("sources"));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(options.articles.max(1));
    let results: Vec<Result<GenSummary>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (base, store, content) = (&base, &store, &content);
                scope.spawn(move || -> Result<GenSummary> {
                    let mut summary = GenSummary::default();
                    for index in (worker..options.articles).step_by(workers) {
                        let article =
                            generate_article(base, options.seed, index, options.articles)?;
                        let name = format!("{}.md", article.doc);
                        let files = std::iter::once((SOURCE_LOCALE, &article.source))
                            .chain(article.translations.iter().map(|(l, t)| (l.as_str(), t)));
                        for (locale, text) in files {
                            fs::write(content.join(locale).join(&name), text)?;
                            summary.files += 1;
                            summary.bytes += text.len() as u64;
                        }
                        if options.store {
                            for (fingerprint, text) in &article.baselines {
                                store.put(*fingerprint, text)?;
                            }
                        }
                    }
                    Ok(summary)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error("a generator thread panicked".into())))
            })
            .collect()
    });
    let mut total = GenSummary::default();
    for result in results {
        let part = result?;
        total.files += part.files;
        total.bytes += part.bytes;
    }
    Ok(total)
}
