//! `yaku fluent`: preview Fluent UI strings.

use yaku_fluent::{ArgValue, FormatOptions, Localizer};

use super::Context;
use crate::{output, Exit, Failure};

/// Subcommands of `yaku fluent`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print one formatted message or attribute, through the locale's fallback chain.
    Format(FormatArgs),
}

/// Arguments of `yaku fluent format`.
#[derive(Debug, clap::Args)]
pub struct FormatArgs {
    /// The locale.
    locale: String,
    /// The message id, or `<id>.<attribute>`.
    message: String,
    /// A variable, as `name=value` (numbers are passed as numbers); repeatable.
    #[arg(long = "arg", value_name = "NAME=VALUE")]
    args: Vec<String>,
    /// Wrap placeables in Unicode isolation marks (U+2068 … U+2069).
    #[arg(long)]
    isolate: bool,
}

pub fn run(command: Command, context: &Context) -> Result<Exit, Failure> {
    let Command::Format(args) = command;
    let workspace = super::open(context)?;
    let project = &workspace.project;
    if args.locale != project.source() && !project.targets().contains(&args.locale) {
        return Err(Failure(format!(
            "error: `{}` is not a locale of this project ({}, {})",
            args.locale,
            project.source(),
            project.targets().join(", ")
        )));
    }
    let mut values = Vec::new();
    for arg in &args.args {
        let Some((name, value)) = arg.split_once('=') else {
            return Err(Failure(format!("error: `--arg {arg}` is not NAME=VALUE")));
        };
        values.push((name.to_string(), ArgValue::parse(value)));
    }
    let chain = project.fluent_chain(&args.locale);
    let localizer = Localizer::load(
        &project.locales_dir(),
        &chain,
        FormatOptions {
            use_isolating: args.isolate,
        },
    )
    .map_err(Failure::error)?;
    let (id, attribute) = match args.message.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (args.message.as_str(), None),
    };
    let formatted = localizer
        .format(id, attribute, &values)
        .map_err(Failure::error)?;
    output::print(&format!("{}\n", formatted.text));
    Ok(Exit::Clean)
}
