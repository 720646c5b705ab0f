//! `yaku init`: write a commented default yaku.toml.

use std::path::PathBuf;

use super::Context;
use crate::{output, Exit, Failure};

/// Arguments of `yaku init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The locale articles are written in.
    #[arg(long, default_value = "ja")]
    source: String,
    /// The locales to translate into, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "en,zh-Hans")]
    targets: Vec<String>,
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
    if args.targets.iter().any(|t| t == &args.source) {
        return Err(Failure(format!(
            "error: `{}` is both the source and a target locale",
            args.source
        )));
    }
    for (i, target) in args.targets.iter().enumerate() {
        if args.targets[..i].contains(target) {
            return Err(Failure(format!(
                "error: the target locale `{target}` is given twice"
            )));
        }
    }
    for locale in std::iter::once(&args.source).chain(&args.targets) {
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
    let targets = args
        .targets
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        r#"# yaku project configuration. yaku finds this file by walking up from the
# current directory, as cargo finds Cargo.toml; `--root DIR` overrides.

[project]
# The locale the articles are written in. Every other locale is a translation of it.
source = "{source}"
# The locales the source is translated into.
targets = [{targets}]
# Articles live in <content>/<locale>/<doc>.md.
content = "content"
# Fluent UI strings live in <locales>/<locale>/*.ftl.
locales = "locales"

# Per-locale settings. `fluent-fallback` is the chain of locales tried, in order,
# when a Fluent message is missing in this locale (the source locale is always
# tried last). For example:
#
# [locale.zh-Hans]
# fluent-fallback = ["en"]
"#,
        source = args.source,
    );
    yaku_project::write_atomic(&path, text.as_bytes())
        .map_err(|e| Failure(format!("error: cannot write {}: {e}", path.display())))?;
    output::print(&format!(
        "wrote {}\nnext: write the articles as content/{}/<doc>.md\n",
        path.display(),
        args.source
    ));
    Ok(Exit::Clean)
}
