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
        let options = workspace
            .as_ref()
            .map_or(&defaults, |w| options_for(w, path));
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

/// The options a file is read with: a translation's ids are never derived from its own
/// headings (with a renderer id style, a translated heading would get a translated id),
/// so in a target locale's folder it gets only the ids yaku would number.
fn options_for<'w>(
    workspace: &'w yaku_project::Workspace,
    path: &std::path::Path,
) -> &'w ParseOptions {
    let project = &workspace.project;
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let in_target = project.targets().iter().any(|locale| {
        let folder = project.content_dir(locale);
        absolute.starts_with(&folder)
            || folder
                .canonicalize()
                .is_ok_and(|folder| absolute.canonicalize().is_ok_and(|p| p.starts_with(folder)))
    });
    if in_target {
        &workspace.translation_options
    } else {
        &workspace.parse_options
    }
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
            "{} translations left untouched: their structure differs from the source's\n",
            done.diverged.len()
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
