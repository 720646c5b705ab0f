//! `yaku diff`: what changed in the source since each stale section was translated, and
//! the source text of each section still to translate (missing or untranslated).

use yaku_project::{stale_changes, StaleChange};
use yaku_sync::Change;

use super::{to_json, Context, Format};
use crate::output::Style;
use crate::report::stop_on_problems;
use crate::{output, Exit, Failure};

/// Arguments of `yaku diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The target locale.
    locale: String,
    /// A document, or one section of it as `<doc>#<section>`; all documents when omitted.
    target: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(Some(&args.locale))?;
    let (doc, section) = match &args.target {
        Some(target) => match target.split_once('#') {
            Some((doc, section)) => (Some(doc.to_string()), Some(section.to_string())),
            None => (Some(target.clone()), None),
        },
        None => (None, None),
    };
    let docs = doc.map(|d| vec![d]);
    let mut problems = Vec::new();
    let pairs = workspace.pairs(&locales, docs.as_deref(), &mut problems)?;
    stop_on_problems(&problems, "some files could not be read; see above")?;
    let found = stale_changes(&workspace, &pairs, section.as_deref());
    for bad in &found.damaged {
        output::eprint(&format!(
            "warning: {}: {}\n",
            workspace.display(&bad.path),
            bad.reason
        ));
    }
    if !found.section_found {
        return Err(Failure(format!(
            "error: no section `{}` in the source",
            section.unwrap_or_default()
        )));
    }
    let out = match args.format {
        Format::Json => to_json(&found.changes)?,
        Format::Text if found.changes.is_empty() => format!(
            "nothing to translate: no stale, missing or untranslated section ({})\n",
            args.locale
        ),
        Format::Text => render_text(&found.changes, &Style::new(context.color)),
    };
    output::print(&out);
    Ok(if found.changes.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

fn render_text(diffs: &[StaleChange], style: &Style) -> String {
    let mut out = String::new();
    for diff in diffs {
        if diff.is_new() {
            out.push_str(&style.bold(&format!(
                "{}:{}: new: {}#{} ({})\n",
                diff.path, diff.line, diff.doc, diff.section, diff.locale
            )));
            out.push_str(&style.dim(&format!(
                "{} in the translation; the source to translate:\n",
                diff.state
            )));
            let body: String = diff
                .changes
                .iter()
                .filter_map(|change| match change {
                    Change::Insert(text) => Some(output::visible(text)),
                    _ => None,
                })
                .collect();
            out.push_str(&indent(body.trim()));
            out.push('\n');
            continue;
        }
        out.push_str(&style.bold(&format!(
            "{}:{}: stale: {}#{} ({})\n",
            diff.path, diff.line, diff.doc, diff.section, diff.locale
        )));
        if diff.baseline_available {
            out.push_str(&style.dim("source changed since the translation was accepted:\n"));
        } else {
            out.push_str(&style.dim(
                "the baseline's source text is not in .yaku/sources (accepted elsewhere?); the source now:\n",
            ));
        }
        let mut body = String::new();
        for change in &diff.changes {
            match change {
                Change::Equal(text) => body.push_str(&output::visible(text)),
                Change::Delete(text) => body.push_str(&style.removed(&output::visible(text))),
                Change::Insert(text) => body.push_str(&style.inserted(&output::visible(text))),
            }
        }
        out.push_str(&indent(body.trim_end()));
        out.push_str(&style.dim("translation now:\n"));
        out.push_str(&indent(&output::visible(diff.translation.trim_end())));
        out.push('\n');
    }
    out
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.is_empty() {
            out.push_str("    │\n");
        } else {
            out.push_str("    │ ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
