//! `yaku diff`: what changed in the source since each stale section was translated.

use yaku_sync::{align, diff_text, Change, SectionState};

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

#[derive(serde::Serialize)]
struct JsonDiff {
    doc: String,
    locale: String,
    section: String,
    path: String,
    line: usize,
    /// The baseline's source text was found in the store.
    baseline_available: bool,
    changes: Vec<Change>,
    translation: String,
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
    let store = workspace.project.store();
    let mut diffs = Vec::new();
    let mut section_found = section.is_none();
    for pair in &pairs {
        let Some(translation) = &pair.translation else {
            continue;
        };
        for alignment in align(&pair.source.document, Some(&translation.document)) {
            if section
                .as_deref()
                .is_some_and(|s| s != alignment.id.as_str())
            {
                continue;
            }
            section_found = true;
            if alignment.state != SectionState::Stale {
                continue;
            }
            let (Some(si), Some(ti)) = (alignment.source, alignment.translation) else {
                continue;
            };
            let source_section = &pair.source.document.sections[si];
            let translated = &translation.document.sections[ti];
            let now = pair.source.document.text_without_marker(source_section);
            let baseline = match translated.marker() {
                Some(yaku_content::Marker::Accepted { source, .. }) => {
                    store.get(source).unwrap_or_else(|bad| {
                        // A damaged baseline is never shown as the change.
                        output::eprint(&format!(
                            "warning: {}: {}\n",
                            workspace.display(&bad.path),
                            bad.reason
                        ));
                        None
                    })
                }
                _ => None,
            };
            let changes = match &baseline {
                // Trailing blank lines are layout, not a change worth showing.
                Some(old) => diff_text(old.trim_end(), now.trim_end()),
                None => vec![Change::Insert(now.clone())],
            };
            diffs.push(JsonDiff {
                doc: pair.doc.clone(),
                locale: pair.locale.clone(),
                section: alignment.id.to_string(),
                path: workspace.display(&pair.translation_path),
                line: alignment.line,
                baseline_available: baseline.is_some(),
                changes,
                translation: translation.document.text_without_marker(translated),
            });
        }
    }
    if !section_found {
        return Err(Failure(format!(
            "error: no section `{}` in the source",
            section.unwrap_or_default()
        )));
    }
    let out = match args.format {
        Format::Json => to_json(&diffs)?,
        Format::Text => render_text(&diffs, &Style::new(context.color)),
    };
    output::print(&out);
    Ok(if diffs.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

fn render_text(diffs: &[JsonDiff], style: &Style) -> String {
    let mut out = String::new();
    for diff in diffs {
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
