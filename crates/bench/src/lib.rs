//! Benchmark corpora for yaku.
//!
//! [`generate`] writes a complete yaku project of N articles derived from the
//! repository's Japanese article, each perturbed (digits redrawn, sentences rotated,
//! paragraphs dropped or repeated), with English and Simplified Chinese
//! pseudo-translations of the same structure whose baselines are accepted, so that
//! `yaku check` on a fresh corpus reports nothing. [`mutate`] then edits a fraction of
//! the sources the way authors do (a character, a deleted section, a move, a new section)
//! and returns the [`Truth`]: exactly the findings `yaku check` must report.
//!
//! Everything is deterministic: the same arguments and seed give the same bytes, on any
//! machine, whatever the number of threads ([`Rng`] is a self-contained SplitMix64).
//! The binary `yaku-bench` is the command line of this library; `bench/run.sh` uses it.

mod article;
mod filler;
mod floor;
mod generate;
mod mutate;
mod report;
mod rng;

use std::fmt;
use std::fs;
use std::path::Path;

pub use article::{Article, SEED_ARTICLE};
pub use filler::{is_japanese, Filler, Script};
pub use floor::{median, Corpus, Floor, Stage, Work};
pub use generate::{
    config_text, doc_name, generate, generate_article, GenOptions, GenSummary, GeneratedArticle,
    INFO_FILE, LOCALE_FILES, SOURCE_LOCALE, TARGET_LOCALES,
};
pub use mutate::{
    choose, findings_of_check, mutate, mutate_source, DocumentTruth, ExpectedFinding, Finding,
    MutateOptions, Truth,
};
pub use report::{render_report, replace_between_markers, BEGIN_MARKER, END_MARKER};
pub use rng::{key_of, Rng};

/// A failure of the generator or the mutator, as a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error(e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(e.to_string())
    }
}

/// The result of the library's operations.
pub type Result<T> = std::result::Result<T, Error>;

/// How a corpus was made, kept in `<dir>/.yaku-bench.json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CorpusInfo {
    /// Number of source articles.
    pub articles: usize,
    /// The generator's seed.
    pub seed: u64,
    /// The source locale.
    pub source: String,
    /// The target locales.
    pub targets: Vec<String>,
    /// Whether `.yaku/sources/` holds the baselines.
    pub store: bool,
    /// The mutation applied, if any.
    pub mutation: Option<Mutation>,
}

/// A mutation applied to a corpus.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mutation {
    /// The fraction asked for.
    pub fraction: f64,
    /// The seed.
    pub seed: u64,
    /// Articles mutated.
    pub mutated: usize,
}

impl CorpusInfo {
    /// Reads `<dir>/.yaku-bench.json`.
    pub fn read(dir: &Path) -> Result<CorpusInfo> {
        let path = dir.join(INFO_FILE);
        let text = fs::read_to_string(&path).map_err(|e| {
            Error(format!(
                "cannot read {}: {e}; is this a corpus made by `yaku-bench gen`?",
                path.display()
            ))
        })?;
        Ok(serde_json::from_str(&text)?)
    }

    /// Writes `<dir>/.yaku-bench.json`.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        fs::write(dir.join(INFO_FILE), text)?;
        Ok(())
    }
}
