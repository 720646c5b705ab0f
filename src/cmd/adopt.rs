//! `yaku adopt`: bring an existing translated locale under yaku (ids, then baselines),
//! then check it, so drift shows at once.

use yaku_project::{adopt_locale, source_ids, AdoptError, AdoptedDocument, Adoption, BaselineFrom};

use yaku_sync::Refusal;

use super::Context;
use crate::report::stop_on_problems;
use crate::{output, Exit, Failure};

/// Arguments of `yaku adopt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The target locale whose existing translations to adopt.
    locale: String,
    /// Only these documents (default: every document).
    docs: Vec<String>,
    /// Take as each translation's baseline the source as it was at the commit that last
    /// touched the translation (sections whose source changed since are stale), rather
    /// than the source as it is now.
    #[arg(long)]
    git: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(Some(&args.locale))?;
    let from = if args.git {
        BaselineFrom::Git
    } else {
        BaselineFrom::Current
    };
    let adopted = {
        let _lock = workspace.lock("adopt")?;
        let docs = (!args.docs.is_empty()).then_some(args.docs.as_slice());
        let ids = |source: &_, path: &_, text: &_| source_ids(&workspace, source, path, text);
        adopt_locale(&workspace, &locales[0], docs, from, &ids).map_err(|e| match e {
            AdoptError::Problems(problems) => {
                match stop_on_problems(
                    &problems,
                    "nothing was adopted; fix these files first\nhelp: a translation's headings carry its source's ids: `## 見出し {#the-source-s-id}`",
                ) {
                    Err(failure) => failure,
                    Ok(()) => Failure::error("nothing was adopted"),
                }
            }
            AdoptError::Workspace(e) => Failure::from(e),
            AdoptError::Git { .. } => Failure(format!(
                "error: {e}\nhelp: nothing was adopted; every file is as it was"
            )),
            other => Failure::error(other),
        })?
    };
    let mut out = String::new();
    let mut short = false;
    let mut translations = 0;
    for document in &adopted {
        let (lines, fell_short) = describe(document, &workspace.display(&document.path));
        out.push_str(&lines);
        short |= fell_short;
        translations += usize::from(matches!(document.adoption, Adoption::Adopted { .. }));
    }
    out.push_str(&format!(
        "adopted {translations} translation(s) in {}; checking them:\n",
        args.locale
    ));
    output::print(&out);
    let checked = super::check::run(super::check::Args::for_locale(&args.locale), context)?;
    Ok(if short { Exit::Findings } else { checked })
}

/// What happened to one document, in lines, and whether it fell short (left untouched or
/// skipped).
fn describe(document: &AdoptedDocument, shown: &str) -> (String, bool) {
    match &document.adoption {
        Adoption::NoTranslation => (String::new(), false),
        Adoption::NotAligned { reason } => (
            format!("{shown}: not adopted, left untouched: {reason}\n"),
            true,
        ),
        Adoption::ChangedSinceRead => (
            format!("{shown}: skipped: the file changed while yaku was working on it; run the command again\n"),
            true,
        ),
        Adoption::Adopted {
            ids_added,
            accepted,
            refused,
            kept,
            commit,
            written: _,
        } => {
            let against = match commit {
                Some(commit) => format!("the source as of {}", &commit[..commit.len().min(12)]),
                None => "the current source".to_string(),
            };
            let ids = if *ids_added { ", ids added" } else { "" };
            let mut out = if *accepted == 0 && *kept > 0 {
                format!("{shown}: already adopted: {kept} section(s) had a baseline, kept as they were\n")
            } else {
                let kept = match kept {
                    0 => String::new(),
                    n => format!("; {n} had one already, kept"),
                };
                format!("{shown}: {accepted} section(s) baselined against {against}{ids}{kept}\n")
            };
            for (section, refusal) in refused {
                let why = match refusal {
                    Refusal::Placeholder => "it still holds the source's text; translate it, then `yaku accept`".to_string(),
                    other => format!("{other:?}"),
                };
                out.push_str(&format!(
                    "{shown}: {}#{section}: no baseline: {why}\n",
                    document.doc
                ));
            }
            (out, false)
        }
    }
}
