//! The subcommands, one module each.

mod accept;
mod adopt;
mod build;
mod check;
mod diff;
mod fluent;
mod gc;
mod ids;
mod init;
mod inspect;
mod serve;
mod status;
mod sync;

use std::path::PathBuf;

use crate::{Exit, Failure};

/// What every subcommand gets besides its own arguments.
pub struct Context {
    /// `--root`.
    pub root: Option<PathBuf>,
    /// Whether standard output is coloured.
    pub color: bool,
}

/// Output formats shared by the reporting commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write a commented yaku.toml for the site in the current folder (or --root):
    /// Hugo, Docusaurus, mdBook or the plain layout, detected.
    Init(init::Args),
    /// Show the section tree of an article: ids, levels, lines, fingerprints.
    Inspect(inspect::Args),
    /// Add ids to headings that have none.
    Ids(ids::Args),
    /// Per document and locale: sections in each state and text left to translate.
    Status(status::Args),
    /// Fail when any translation is not current or any file is broken (for CI).
    Check(check::Args),
    /// Show what changed in the source since each stale section was translated, and the
    /// source of each section still to translate.
    Diff(diff::Args),
    /// Bring translation files into the source's shape.
    Sync(sync::Args),
    /// Record that translated sections match the source as it is now.
    Accept(accept::Args),
    /// Bring a locale's existing translations under yaku: the source's ids, then
    /// baselines (the current source, or with --git the source each was made from).
    Adopt(adopt::Args),
    /// Delete stored source texts that no baseline refers to.
    Gc(gc::Args),
    /// Write what each locale publishes: JSON (default), an HTML preview or a Hugo tree.
    Build(build::Args),
    /// Open the translator workspace in the browser: a local web application.
    Serve(serve::Args),
    /// Fluent UI strings.
    #[command(subcommand)]
    Fluent(fluent::Command),
}

/// Runs one subcommand.
pub fn run(command: Command, context: &Context) -> Result<Exit, Failure> {
    match command {
        Command::Init(args) => init::run(args, context),
        Command::Inspect(args) => inspect::run(args, context),
        Command::Ids(args) => ids::run(args, context),
        Command::Status(args) => status::run(args, context),
        Command::Check(args) => check::run(args, context),
        Command::Diff(args) => diff::run(args, context),
        Command::Sync(args) => sync::run(args, context),
        Command::Accept(args) => accept::run(args, context),
        Command::Adopt(args) => adopt::run(args, context),
        Command::Gc(args) => gc::run(args, context),
        Command::Build(args) => build::run(args, context),
        Command::Serve(args) => serve::run(args, context),
        Command::Fluent(command) => fluent::run(command, context),
    }
}

/// Opens the project at `--root`, or the one found from the current folder.
pub fn open(context: &Context) -> Result<yaku_project::Workspace, Failure> {
    let cwd = std::env::current_dir()
        .map_err(|e| Failure::error(format!("cannot read the current folder: {e}")))?;
    Ok(yaku_project::Workspace::open(
        context.root.as_deref(),
        &cwd,
    )?)
}

/// The target locale whose content folder holds `path`, if any: a translation, whose
/// headings take the source's ids (`--from-source`), never ones made from its own text.
pub fn target_of<'w>(
    workspace: &'w yaku_project::Workspace,
    path: &std::path::Path,
) -> Option<&'w str> {
    let project = &workspace.project;
    project.locale_of(path).filter(|l| *l != project.source())
}

/// Serializes to pretty JSON with a final line break.
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(Failure::error)?;
    text.push('\n');
    Ok(text)
}
