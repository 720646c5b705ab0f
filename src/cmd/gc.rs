//! `yaku gc`: delete stored source texts that no baseline refers to.

use std::collections::BTreeSet;

use yaku_content::Marker;

use super::Context;
use crate::report::stop_on_problems;
use crate::{output, Exit, Failure};

/// Arguments of `yaku gc`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// List what would be deleted; delete nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let progress = output::Progress::new(0, "documents");
    let locales = workspace.locales(None)?;
    let _lock = if args.dry_run {
        None
    } else {
        Some(workspace.lock("gc")?)
    };
    let (found, mut problems) = workspace.map_pairs(&locales, None, &progress, |pair, _| {
        match &pair.translation {
            Some(t) => baselines(&t.document),
            None => Vec::new(),
        }
    })?;
    // A translation whose source document was renamed still refers to its baselines:
    // they are what `yaku diff` shows once the source is found again.
    let mut keep: BTreeSet<_> = found.into_iter().flatten().collect();
    for locale in &locales {
        let orphans = workspace.project.orphans(locale)?;
        for doc in orphans {
            let path = workspace.project.document_path(locale, &doc);
            match workspace.load_translation(&path) {
                Ok(Some(t)) if !workspace.report_errors(&t, &mut problems) => {
                    keep.extend(baselines(&t.document));
                }
                Ok(_) => {}
                Err(error) => problems.push(workspace.problem(&error)),
            }
        }
    }
    stop_on_problems(
        &problems,
        "not collecting while files have errors; fix them first",
    )?;
    let store = workspace.project.store();
    let unused: Vec<_> = store
        .entries()
        .map_err(|e| {
            Failure(format!(
                "error: cannot list {}: {e}",
                workspace.display(store.dir())
            ))
        })?
        .into_iter()
        .filter(|fp| !keep.contains(fp))
        .collect();
    if !args.dry_run {
        store.gc(&keep).map_err(|e| {
            Failure(format!(
                "error: cannot delete in {}: {e}",
                workspace.display(store.dir())
            ))
        })?;
    }
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    let mut out = format!("{verb} {} unused source text(s)\n", unused.len());
    for fp in &unused {
        out.push_str(&format!("  {fp}\n"));
    }
    output::print(&out);
    // A dry run that would delete something is a finding, as `sync --dry-run` is.
    Ok(if args.dry_run && !unused.is_empty() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// The baselines a translation refers to, parked sections included.
fn baselines(document: &yaku_content::Document) -> Vec<yaku_content::Fingerprint> {
    document
        .sections
        .iter()
        .chain(document.obsolete.iter().flat_map(|a| a.sections.iter()))
        .filter_map(|section| match section.marker() {
            Some(Marker::Accepted { source, .. }) => Some(source),
            _ => None,
        })
        .collect()
}
