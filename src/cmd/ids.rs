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

pub fn run(args: Args, _context: &Context) -> Result<Exit, Failure> {
    let mut changed = false;
    for path in &args.paths {
        let shown = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|e| Failure(format!("error: cannot read {shown}: {e}")))?;
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
            yaku_sync::write_atomic(path, fixed.as_bytes())?;
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
