//! `yaku init`: write a commented yaku.toml that works for the site in the folder (Hugo,
//! Docusaurus, mdBook or yaku's plain layout, detected).

use std::path::PathBuf;

use yaku_project::{detect_site, render_config, SiteKind};

use super::Context;
use crate::{output, Exit, Failure};

/// Arguments of `yaku init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The locale articles are written in (default: the site's own default language, else
    /// ja).
    #[arg(long)]
    source: Option<String>,
    /// The locales to translate into, comma-separated (default: the site's other
    /// languages, else en,zh-Hans).
    #[arg(long, value_delimiter = ',')]
    targets: Option<Vec<String>>,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let dir = match &context.root {
        Some(root) => root.clone(),
        None => std::env::current_dir()
            .map_err(|e| Failure::error(format!("cannot read the current folder: {e}")))?,
    };
    let path: PathBuf = dir.join("yaku.toml");
    if path.exists() {
        return Err(Failure(format!(
            "error: {} already exists; yaku init never overwrites it\nhelp: edit the file, or delete it first",
            path.display()
        )));
    }
    let site = detect_site(&dir).map_err(|e| {
        Failure(format!(
            "error: {e}\nhelp: fix the file, or write yaku.toml by hand (docs/adopting.md)"
        ))
    })?;
    let plain = site.kind == SiteKind::Plain;
    let source = args
        .source
        .or_else(|| site.source.clone())
        .unwrap_or_else(|| "ja".to_string());
    let targets = match args.targets {
        Some(targets) => targets,
        None if plain => vec!["en".to_string(), "zh-Hans".to_string()],
        // The site's other languages: every one it names but the source.
        None => site
            .source
            .iter()
            .chain(&site.targets)
            .filter(|locale| **locale != source)
            .cloned()
            .collect(),
    };
    if targets.is_empty() {
        return Err(Failure(format!(
            "error: the {} site names no language besides {source}\nhelp: say which to translate into: `yaku init --targets ja,ko`",
            site.kind.name()
        )));
    }
    check_locales(&source, &targets)?;
    let text = render_config(&site, &source, &targets);
    yaku_project::write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure(format!("error: cannot write {}: {e}", path.display())))?;
    let next = if plain {
        format!("next: write the articles as content/{source}/<doc>.md")
    } else {
        format!(
            "found {} site: {}\nnext: yaku adopt {}",
            site.kind.with_article(),
            site.summary,
            targets[0]
        )
    };
    output::print(&format!("wrote {}\n{next}\n", path.display()));
    Ok(Exit::Clean)
}

/// Refuses a source that is also a target, a target given twice and a tag that cannot
/// be one.
fn check_locales(source: &str, targets: &[String]) -> Result<(), Failure> {
    if targets.iter().any(|t| t == source) {
        return Err(Failure(format!(
            "error: `{source}` is both the source and a target locale"
        )));
    }
    for (i, target) in targets.iter().enumerate() {
        if targets[..i].contains(target) {
            return Err(Failure(format!(
                "error: the target locale `{target}` is given twice"
            )));
        }
    }
    for locale in std::iter::once(source).chain(targets.iter().map(String::as_str)) {
        let valid = !locale.is_empty()
            && locale
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(Failure(format!(
                "error: `{locale}` is not a locale tag (e.g. ja, en, zh-Hans)"
            )));
        }
    }
    Ok(())
}
