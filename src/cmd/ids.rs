//! `yaku ids`: add ids to headings that lack one.

use std::path::PathBuf;

use super::Context;
use crate::{output, report, Exit, Failure};

/// Arguments of `yaku ids`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles to fix.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write the files; without it, print the diff that would be applied.
    #[arg(long)]
    write: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    // Writing needs the project: its lock, and its folder as the limit of what is written.
    let workspace = if args.write {
        Some(super::open(context)?)
    } else {
        None
    };
    let _lock = workspace.as_ref().map(|w| w.lock("ids")).transpose()?;
    let mut changed = false;
    for path in &args.paths {
        let shown = path.display().to_string();
        if let Some(workspace) = &workspace {
            workspace.check_inside(path)?;
        }
        let read = yaku_project::read_regular(path)
            .map_err(|e| Failure(format!("error: cannot read {shown}: {e}")))?
            .ok_or_else(|| Failure(format!("error: cannot read {shown}: no such file")))?;
        let bytes = read.bytes;
        let fixed = yaku_content::add_missing_ids(&bytes).map_err(|d| {
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
