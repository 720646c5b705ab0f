//! `yaku accept`: record that translated sections match the source as it is now.

use yaku_project::{accept_pair, load_glossary, AcceptError, AcceptRequest, PairAccepted};

use super::Context;
use crate::report::stop_on_problems;
use crate::{output, Exit, Failure};

/// Arguments of `yaku accept`.
#[derive(Debug, clap::Args)]
#[command(
    group(clap::ArgGroup::new("what").args(["targets", "all", "edited"])),
    override_usage = "yaku accept [OPTIONS] <LOCALE> <DOC>[#<SECTION>]...\n       yaku accept [OPTIONS] <LOCALE> --all|--edited [DOC]..."
)]
pub struct Args {
    /// The target locale.
    locale: String,
    /// Documents (every translated section of each) or sections as `<doc>#<section>`.
    targets: Vec<String>,
    /// Accept every translated section of every document (or of the documents given).
    #[arg(long)]
    all: bool,
    /// Accept the stale sections whose translation changed since their last accept.
    #[arg(long)]
    edited: bool,
    /// Accept sections whose text is intentionally the same as the source's (a reference
    /// list kept in its original language); otherwise such sections are refused as
    /// untranslated placeholders.
    #[arg(long)]
    identical: bool,
    /// Accept stale sections whose translation has not changed since it was accepted:
    /// reviewed, no change needed. Otherwise such sections are refused.
    #[arg(long)]
    reviewed: bool,
    /// Accept sections in which the QA rules find an error; otherwise they are refused,
    /// with the findings.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    if args.targets.is_empty() && !args.all && !args.edited {
        // Checked here rather than by clap, whose message names the locale last.
        return Err(Failure(
            "error: say what to accept: `yaku accept <locale> <doc>[#<section>]...`, `--all` or `--edited`".to_string(),
        ));
    }
    let workspace = super::open(context)?;
    let locales = workspace.locales(Some(&args.locale))?;
    let _lock = workspace.lock("accept")?;
    let mut request = AcceptRequest::new(&args.targets, args.edited, args.identical);
    request.reviewed = args.reviewed;
    request.force = args.force;
    let glossary = if args.force {
        None
    } else {
        load_glossary(&workspace).map_err(|e| match e.help() {
            Some(help) => Failure(format!("error: {e}\nhelp: {help}")),
            None => Failure::error(e),
        })?
    };
    let mut problems = Vec::new();
    let pairs = workspace.pairs(&locales, request.documents().as_deref(), &mut problems)?;
    stop_on_problems(
        &problems,
        "files with errors cannot be accepted; fix them first",
    )?;
    let store = workspace.project.store();
    let mut out = String::new();
    let mut refused_any = false;
    for pair in &pairs {
        let shown = workspace.display(&pair.translation_path);
        let accepted = accept_pair(&workspace, glossary.as_ref(), &store, pair, &request).map_err(
            |e| match e {
                AcceptError::Write { source, .. } => Failure(format!(
                    "error: cannot write {shown}: {source}\nhelp: the file was left as it was"
                )),
                other => Failure::error(other),
            },
        )?;
        refused_any |= accepted.fell_short();
        match accepted {
            PairAccepted::NoTranslation { named: false } => {}
            PairAccepted::NoTranslation { named: true } => out.push_str(&format!(
                "{shown}: no translation yet; run `yaku sync --locale {}` first\n",
                pair.locale
            )),
            PairAccepted::ChangedSinceRead => out.push_str(&format!(
                "{shown}: skipped: the file changed while yaku was working on it; nothing accepted, run the command again\n"
            )),
            PairAccepted::Accepted { accepted, refused } => {
                if !accepted.is_empty() {
                    out.push_str(&format!(
                        "{shown}: accepted {} section(s)\n",
                        accepted.len()
                    ));
                }
                for refused in &refused {
                    out.push_str(&format!(
                        "{shown}: not accepted: {}#{}: {}\n",
                        pair.doc,
                        refused.section,
                        refused.reason()
                    ));
                    for finding in &refused.findings {
                        out.push_str(&format!("  {finding}\n"));
                    }
                }
            }
        }
    }
    if out.is_empty() {
        out = if args.edited {
            format!(
                "nothing to accept: no stale section in {} was edited since it was accepted\n",
                args.locale
            )
        } else {
            format!("nothing to accept in {}\n", args.locale)
        };
    }
    output::print(&out);
    Ok(if refused_any {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
