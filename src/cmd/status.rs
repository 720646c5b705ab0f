//! `yaku status`: per document and locale, how much is current and how much is left.

use yaku_project::changed_chars;
use yaku_sync::{align_with, DocumentStatus, SectionState};

use super::{to_json, Context, Format};
use crate::{output, Exit, Failure};

/// Arguments of `yaku status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this target locale.
    #[arg(long)]
    locale: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(serde::Serialize)]
struct JsonStatus {
    documents: Vec<DocumentStatus>,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let progress = output::Progress::new(0, "documents");
    let locales = workspace.locales(args.locale.as_deref())?;
    let store = workspace.project.store();
    let (statuses, problems) = workspace.map_pairs(&locales, None, &progress, |pair, _| {
        let alignments = align_with(
            &pair.source.document,
            pair.translation.as_ref().map(|t| &t.document),
            &store,
        );
        DocumentStatus::with_changed(
            &pair.doc,
            &pair.locale,
            &pair.source.document,
            &alignments,
            |alignment| changed_chars(&store, pair, alignment),
        )
    })?;
    let out = match args.format {
        Format::Json => to_json(&JsonStatus {
            documents: statuses.clone(),
        })?,
        Format::Text => {
            // The columns of states that only some projects have appear when a row has one.
            let mut states = SectionState::ALL.to_vec();
            for (after, extra) in [
                (SectionState::Stale, SectionState::InProgress),
                (SectionState::Obsolete, SectionState::Renamed),
            ] {
                if statuses.iter().any(|s| s.counts.get(extra) > 0) {
                    let at = states.iter().position(|&s| s == after).map_or(0, |i| i + 1);
                    states.insert(at, extra);
                }
            }
            let rows: Vec<Vec<String>> = statuses
                .iter()
                .map(|s| {
                    let mut row = vec![s.doc.clone(), s.locale.clone()];
                    row.extend(states.iter().map(|&state| s.counts.get(state).to_string()));
                    row.push(format!("{:.1}%", s.percent_current));
                    row.push(s.chars_left.to_string());
                    row
                })
                .collect();
            let names: Vec<String> = states
                .iter()
                .map(|state| state.as_str().replace('-', " ").to_uppercase())
                .collect();
            let mut header = vec!["DOCUMENT", "LOCALE"];
            header.extend(names.iter().map(String::as_str));
            header.extend(["DONE", "CHARS LEFT"]);
            let mut right = vec![false, false];
            right.extend(std::iter::repeat_n(true, states.len() + 2));
            output::table(&header, &rows, &right)
        }
    };
    output::print(&out);
    if args.format == Format::Text {
        for s in statuses.iter().filter(|s| s.out_of_order) {
            output::print(&format!(
                "{} ({}): sections out of order; run `yaku sync --locale {}`\n",
                s.doc, s.locale, s.locale
            ));
        }
    }
    for problem in &problems {
        output::eprint(&crate::report::render_problem(problem));
    }
    if !problems.is_empty() {
        return Err(Failure(
            "error: some files could not be read; see above".into(),
        ));
    }
    let all_current = statuses.iter().all(|s| {
        s.counts.current == s.counts.source_sections() && s.counts.obsolete == 0 && !s.out_of_order
    });
    Ok(if all_current {
        Exit::Clean
    } else {
        Exit::Findings
    })
}
