//! `yaku ids`: add ids to headings that lack one; `--from-source`, give a locale's
//! translations the source's ids by structure.

use std::path::PathBuf;

use yaku_content::ParseOptions;

use super::Context;
use crate::{output, report, Exit, Failure};

/// Arguments of `yaku ids`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles to fix; with --from-source, the documents (all when none is named).
    #[arg(required_unless_present = "from_source")]
    paths: Vec<PathBuf>,
    /// Write the files; without it, print the diff that would be applied.
    #[arg(long, conflicts_with = "from_source")]
    write: bool,
    /// Write the source's ids onto this locale's translations, heading by heading, where
    /// their structure matches the source's (files that do not match are listed and left
    /// untouched).
    #[arg(long, value_name = "LOCALE")]
    from_source: Option<String>,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    if let Some(locale) = &args.from_source {
        return from_source(locale, &args.paths, context);
    }
    // Inside a project, its id style and front-matter keys apply; writing needs the
    // project: its lock, and its folder as the limit of what is written.
    let workspace = match super::open(context) {
        Ok(workspace) => Some(workspace),
        Err(failure) if args.write => return Err(failure),
        Err(_) => None,
    };
    let _lock = match (&workspace, args.write) {
        (Some(w), true) => Some(w.lock("ids")?),
        _ => None,
    };
    let defaults = ParseOptions::default();
    let mut changed = false;
    for path in &args.paths {
        let shown = path.display().to_string();
        if let (Some(workspace), true) = (&workspace, args.write) {
            workspace.check_inside(path)?;
        }
        let target = workspace.as_ref().and_then(|w| super::target_of(w, path));
        let options = match (&workspace, target) {
            (Some(w), Some(_)) => &w.translation_options,
            (Some(w), None) => &w.parse_options,
            (None, _) => &defaults,
        };
        let read = yaku_project::read_regular(path)
            .map_err(|e| Failure(format!("error: cannot read {shown}: {e}")))?
            .ok_or_else(|| Failure(format!("error: cannot read {shown}: no such file")))?;
        let bytes = read.bytes;
        let fixed =
            yaku_content::add_missing_ids(&bytes, &options.for_path(path)).map_err(|d| {
                Failure(report::render_content(
                    &shown,
                    &String::from_utf8_lossy(&bytes),
                    &d,
                ))
            })?;
        if fixed.as_bytes() == bytes.as_slice() {
            continue;
        }
        if let Some(locale) = target {
            return Err(Failure(format!(
                "error: {shown} is a {locale} translation: its headings take the source's ids, not ones made from its own text\nhelp: run `yaku ids --from-source {locale}`"
            )));
        }
        changed = true;
        if args.write {
            let written =
                yaku_project::write_atomic_verified(path, Some(read.stamp), fixed.as_bytes())
                    .map_err(|e| Failure(format!("error: cannot write {shown}: {e}")))?;
            if written == yaku_project::Written::ChangedSinceRead {
                return Err(Failure(format!(
                    "error: {shown} changed while yaku was working on it; nothing written, run the command again"
                )));
            }
            output::print(&format!("{shown}: added ids\n"));
        } else {
            let old = String::from_utf8_lossy(&bytes);
            let diff = similar::TextDiff::from_lines(old.as_ref(), fixed.as_str());
            output::print(&diff.unified_diff().header(&shown, &shown).to_string());
        }
    }
    // Without --write, headings still lacking ids are findings.
    Ok(if changed && !args.write {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// `yaku ids --from-source <locale> [<doc>…]`.
fn from_source(locale: &str, docs: &[PathBuf], context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let lock = workspace.lock("ids")?;
    let docs: Vec<String> = docs
        .iter()
        .map(|doc| doc.to_string_lossy().replace('\\', "/"))
        .collect();
    let done = yaku_project::ids_from_source(
        &workspace,
        &lock,
        locale,
        (!docs.is_empty()).then_some(docs.as_slice()),
    )?;
    for path in &done.written {
        output::print(&format!("{path}: ids from the source\n"));
    }
    for divergence in &done.diverged {
        output::print(&report::render_problem(divergence));
    }
    if !done.diverged.is_empty() {
        output::print(&format!(
            "{} left untouched: their structure differs from the source's\n",
            output::counted(done.diverged.len(), "translation")
        ));
    }
    report::stop_on_problems(
        &done.problems,
        "some translations could not be given ids; fix them and run again",
    )?;
    if done.written.is_empty() && done.diverged.is_empty() {
        output::print(&format!(
            "every {locale} translation already has the source's ids\n"
        ));
    }
    Ok(if done.diverged.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}
