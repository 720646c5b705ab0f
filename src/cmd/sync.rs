//! `yaku sync`: bring translation files into the source's shape.

use yaku_content::SectionId;
use yaku_project::{sync_pair, Pair, PairSynced, SourceShared};
use yaku_sync::SyncOptions;

use super::Context;
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

/// What sync did to one translation file, as reported.
enum Synced {
    Unchanged,
    /// The unified diff a dry run would apply.
    WouldChange(String),
    /// The report line of a written file.
    Written(String),
    /// The file was skipped, or a part of it waits for the translator.
    Skipped(String),
    /// The file could not be written.
    Failed(String),
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(args.locale.as_deref())?;
    let _lock = if args.dry_run {
        None
    } else {
        Some(workspace.lock("sync")?)
    };
    let options = SyncOptions {
        purge_obsolete: args.purge_obsolete,
    };
    let store = workspace.project.store();
    let sync = |pair: &Pair, _: &SourceShared<'_>| {
        report(
            pair,
            &workspace.display(&pair.translation_path),
            sync_pair(&store, pair, options, args.dry_run),
        )
    };
    // What changed is printed document by document, as it comes: a dry run over a large
    // corpus never holds all its diffs.
    let mut changed_files = 0;
    let mut skipped = 0;
    let mut failures = Vec::new();
    let mut problems = Vec::new();
    let progress = output::Progress::new(0, "documents");
    workspace.visit_pairs(
        &locales,
        None,
        &progress,
        sync,
        |results, mut doc_problems| {
            let mut out = String::new();
            for result in results {
                match result {
                    Synced::Unchanged => {}
                    Synced::WouldChange(text) | Synced::Written(text) => {
                        changed_files += 1;
                        out.push_str(&text);
                    }
                    Synced::Skipped(text) => {
                        skipped += 1;
                        out.push_str(&text);
                    }
                    Synced::Failed(message) => failures.push(message),
                }
            }
            if !out.is_empty() {
                progress.suspend(|| output::print(&out));
            }
            problems.append(&mut doc_problems);
        },
    )?;
    progress.finish();
    if changed_files == 0 && skipped == 0 && problems.is_empty() && failures.is_empty() {
        output::print("every translation already has the source's shape\n");
    }
    for problem in &problems {
        output::eprint(&crate::report::render_problem(problem));
    }
    for failure in &failures {
        output::eprint(failure);
    }
    if !failures.is_empty() {
        return Err(Failure("error: some files could not be written".into()));
    }
    if !problems.is_empty() {
        return Err(Failure(
            "error: files with errors were not synced; fix them and run again".into(),
        ));
    }
    Ok(if (args.dry_run && changed_files > 0) || skipped > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// What to print for `synced`, the result of syncing `pair` (shown as `shown`).
fn report(pair: &Pair, shown: &str, synced: PairSynced) -> Synced {
    let attention = synced.needs_attention();
    let stranded_note = |stranded: &[SectionId]| {
        let names: Vec<&str> = stranded.iter().map(|id| id.as_str()).collect();
        format!(
            "{shown}: the source no longer has: {}; delete it from the translation by hand\n",
            names.join(", ")
        )
    };
    match synced {
        PairSynced::Unchanged { .. } if !attention => Synced::Unchanged,
        PairSynced::Unchanged { stranded } => Synced::Skipped(stranded_note(&stranded)),
        PairSynced::WouldChange { text } => {
            let old = pair.translation.as_ref().map(|t| t.document.text.as_str());
            let diff = similar::TextDiff::from_lines(old.unwrap_or(""), text.as_str());
            let from = if old.is_some() { shown } else { "/dev/null" };
            Synced::WouldChange(diff.unified_diff().header(from, shown).to_string())
        }
        PairSynced::Written {
            created,
            outcome,
            stranded,
        } => {
            let report = format!("{shown}: {}\n", describe(created, &outcome));
            if attention {
                // Written, but a part of it still waits for the translator.
                Synced::Skipped(format!("{report}{}", stranded_note(&stranded)))
            } else {
                Synced::Written(report)
            }
        }
        PairSynced::ChangedSinceRead => Synced::Skipped(format!(
            "{shown}: skipped: the file changed while yaku was working on it; run `yaku sync` again\n"
        )),
        PairSynced::Failed(e) => Synced::Failed(format!(
            "error: cannot write {shown}: {e}\nhelp: the file was left as it was"
        )),
    }
}

/// `created; placeholder: a, b; obsolete: c`: what sync did to a file.
fn describe(created: bool, outcome: &yaku_sync::SyncOutcome) -> String {
    let mut parts = Vec::new();
    if created {
        parts.push("created".to_string());
    }
    if !outcome.renamed.is_empty() {
        let names: Vec<String> = outcome
            .renamed
            .iter()
            .map(|(old, new)| format!("{old} → {new}"))
            .collect();
        parts.push(format!("renamed: {}", names.join(", ")));
    }
    for (ids, what) in [
        (&outcome.inserted, "placeholder"),
        (&outcome.restored, "restored"),
        (&outcome.refreshed, "refreshed"),
        (&outcome.obsoleted, "obsolete"),
        (&outcome.purged, "purged"),
        (&outcome.dropped, "untouched placeholder removed"),
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
    parts.join("; ")
}
