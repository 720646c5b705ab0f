//! `yaku sync`: bring translation files into the source's shape.

use yaku_sync::{sync_document, write_atomic, SyncOptions};

use super::Context;
use crate::workspace::Workspace;
use crate::{output, Exit, Failure};

/// Arguments of `yaku sync`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this target locale.
    #[arg(long)]
    locale: Option<String>,
    /// Print the unified diff that would be applied; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Delete obsolete sections instead of keeping them in the obsolete area.
    #[arg(long)]
    purge_obsolete: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = Workspace::open(context.root.as_deref())?;
    let locales = workspace.locales(args.locale.as_deref())?;
    let mut problems = Vec::new();
    let pairs = workspace.pairs(&locales, None, &mut problems)?;
    let options = SyncOptions {
        purge_obsolete: args.purge_obsolete,
    };
    let mut out = String::new();
    let mut changed_files = 0;
    for pair in &pairs {
        let old = pair.translation.as_ref().map(|t| t.document.text.as_str());
        let outcome = sync_document(
            &pair.source.document,
            pair.translation.as_ref().map(|t| &t.document),
            options,
        );
        if old == Some(outcome.text.as_str()) {
            continue;
        }
        changed_files += 1;
        let shown = workspace.display(&pair.translation_path);
        if args.dry_run {
            let diff = similar::TextDiff::from_lines(old.unwrap_or(""), outcome.text.as_str());
            let from = if old.is_some() {
                shown.clone()
            } else {
                "/dev/null".to_string()
            };
            out.push_str(&diff.unified_diff().header(&from, &shown).to_string());
            continue;
        }
        write_atomic(&pair.translation_path, outcome.text.as_bytes()).map_err(|e| {
            Failure(format!(
                "error: cannot write {shown}: {e}\nhelp: the file was left as it was"
            ))
        })?;
        let mut parts = Vec::new();
        if old.is_none() {
            parts.push("created".to_string());
        }
        for (ids, what) in [
            (&outcome.inserted, "placeholder"),
            (&outcome.restored, "restored"),
            (&outcome.obsoleted, "obsolete"),
            (&outcome.purged, "purged"),
            (&outcome.relevelled, "relevelled"),
        ] {
            if !ids.is_empty() {
                let names: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
                parts.push(format!("{what}: {}", names.join(", ")));
            }
        }
        if parts.is_empty() {
            parts.push("reordered".to_string());
        }
        out.push_str(&format!("{shown}: {}\n", parts.join("; ")));
    }
    if out.is_empty() && problems.is_empty() {
        out.push_str("every translation already has the source's shape\n");
    }
    output::print(&out);
    for problem in &problems {
        output::eprint(problem);
    }
    if !problems.is_empty() {
        return Err(Failure(
            "error: files with errors were not synced; fix them and run again".into(),
        ));
    }
    Ok(if args.dry_run && changed_files > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
