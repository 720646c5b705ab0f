//! `yaku accept`: record that translated sections match the source as it is now.

use std::collections::BTreeMap;

use yaku_project::{write_atomic_verified, Written};
use yaku_sync::{accept_sections, AcceptSelection, Refusal};

use super::Context;
use crate::report::stop_on_problems;
use crate::{output, Exit, Failure};

/// Arguments of `yaku accept`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["targets", "all", "edited"])))]
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
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(Some(&args.locale))?;
    let _lock = workspace.lock("accept")?;
    // Document → the sections asked for (empty: the whole document).
    let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for target in &args.targets {
        match target.split_once('#') {
            Some((doc, section)) => wanted
                .entry(doc.to_string())
                .or_default()
                .push(section.to_string()),
            None => {
                wanted.entry(target.clone()).or_default();
            }
        }
    }
    let docs: Option<Vec<String>> = (!wanted.is_empty()).then(|| wanted.keys().cloned().collect());
    let mut problems = Vec::new();
    let pairs = workspace.pairs(&locales, docs.as_deref(), &mut problems)?;
    stop_on_problems(
        &problems,
        "files with errors cannot be accepted; fix them first",
    )?;
    let store = workspace.project.store();
    let mut out = String::new();
    let mut refused_any = false;
    for pair in &pairs {
        let shown = workspace.display(&pair.translation_path);
        let Some(translation) = &pair.translation else {
            if docs.is_some() {
                refused_any = true;
                out.push_str(&format!(
                    "{shown}: no translation yet; run `yaku sync --locale {}` first\n",
                    pair.locale
                ));
            }
            continue;
        };
        let selection = if args.edited {
            AcceptSelection::Edited
        } else {
            match wanted.get(&pair.doc) {
                Some(sections) if !sections.is_empty() => {
                    AcceptSelection::Sections(sections.clone())
                }
                _ => AcceptSelection::All,
            }
        };
        let outcome = accept_sections(
            &pair.source.document,
            &translation.document,
            &selection,
            args.identical,
        );
        for id in &outcome.accepted {
            if let Some(section) = pair.source.document.section(id.as_str()) {
                store
                    .put(
                        section.fingerprint,
                        &pair.source.document.text_without_marker(section),
                    )
                    .map_err(|e| Failure(format!("error: {e}")))?;
            }
        }
        let written = write_atomic_verified(
            &pair.translation_path,
            Some(translation.stamp),
            outcome.text.as_bytes(),
        )
        .map_err(|e| {
            Failure(format!(
                "error: cannot write {shown}: {e}\nhelp: the file was left as it was"
            ))
        })?;
        if written == Written::ChangedSinceRead {
            refused_any = true;
            out.push_str(&format!(
                "{shown}: skipped: the file changed while yaku was working on it; nothing accepted, run the command again\n"
            ));
            continue;
        }
        if !outcome.accepted.is_empty() {
            out.push_str(&format!(
                "{shown}: accepted {} section(s)\n",
                outcome.accepted.len()
            ));
        }
        for (id, refusal) in &outcome.refused {
            // `--all` skips placeholders quietly in the count; naming them helps the translator.
            refused_any |=
                !matches!(selection, AcceptSelection::All) || *refusal != Refusal::Placeholder;
            let why = match refusal {
                Refusal::Placeholder => {
                    "still holds the untranslated source text; translate it first"
                }
                Refusal::NotInSource => "the source has no such section",
                Refusal::NotInTranslation => "not in the translation yet; run `yaku sync` first",
            };
            out.push_str(&format!(
                "{shown}: not accepted: {}#{id}: {why}\n",
                pair.doc
            ));
        }
    }
    output::print(&out);
    Ok(if refused_any {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
