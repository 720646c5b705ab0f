//! `yaku gc`: delete stored source texts that no baseline refers to.

use std::collections::BTreeSet;

use yaku_content::Marker;

use super::Context;
use crate::workspace::{stop_on_problems, Workspace};
use crate::{output, Exit, Failure};

/// Arguments of `yaku gc`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// List what would be deleted; delete nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = Workspace::open(context.root.as_deref())?;
    let locales = workspace.locales(None)?;
    let (baselines, problems) = workspace.map_pairs(&locales, None, |pair, _| {
        let Some(t) = &pair.translation else {
            return Vec::new();
        };
        t.document
            .sections
            .iter()
            .chain(t.document.obsolete.iter().flat_map(|a| a.sections.iter()))
            .filter_map(|section| match section.marker() {
                Some(Marker::Accepted { source, .. }) => Some(source),
                _ => None,
            })
            .collect::<Vec<_>>()
    })?;
    stop_on_problems(
        &problems,
        "not collecting while files have errors; fix them first",
    )?;
    let keep: BTreeSet<_> = baselines.into_iter().flatten().collect();
    let store = workspace.project.store();
    let unused: Vec<_> = store
        .entries()?
        .into_iter()
        .filter(|fp| !keep.contains(fp))
        .collect();
    if !args.dry_run {
        store.gc(&keep)?;
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
    Ok(Exit::Clean)
}
