//! `yaku inspect`: the section tree of one article.

use std::path::PathBuf;

use yaku_content::{parse_document, ParseOptions, SectionKind};
use yaku_project::{InspectedSection, Inspection};

use super::{to_json, Context, Format};
use crate::{output, report, Exit, Failure};

/// Arguments of `yaku inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article to inspect.
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let bytes = std::fs::read(&args.path)
        .map_err(|e| Failure(format!("error: cannot read {}: {e}", args.path.display())))?;
    // Inside a project, component names are checked against its Fluent messages.
    // A translation's ids are the ones written in it.
    let options = super::open(context)
        .map(|w| match super::target_of(&w, &args.path) {
            Some(_) => w.translation_options,
            None => w.parse_options,
        })
        .unwrap_or_else(|_| ParseOptions::default());
    let options = options.for_path(&args.path);
    let shown = args.path.display().to_string();
    let parsed = parse_document(&bytes, &options).map_err(|diagnostic| {
        Failure(report::render_content(
            &shown,
            &String::from_utf8_lossy(&bytes),
            &diagnostic,
        ))
    })?;
    let inspection = Inspection::new(&shown, &parsed);
    let out = match args.format {
        Format::Json => to_json(&inspection)?,
        Format::Text => {
            let rows: Vec<Vec<String>> = inspection
                .all_sections()
                .map(|(section, obsolete)| row(section, obsolete))
                .collect();
            let mut out = format!("{shown}: {}\n", output::counted(rows.len(), "section"));
            out.push_str(&output::table(
                &["LINE", "LEVEL", "ID", "FINGERPRINT", "BLOCKS", "HEADING"],
                &rows,
                &[true, true, false, false, false, false],
            ));
            out
        }
    };
    output::print(&out);
    for diagnostic in &parsed.diagnostics {
        output::eprint(&report::render_content(
            &shown,
            &parsed.document.text,
            diagnostic,
        ));
    }
    Ok(if parsed.diagnostics.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

/// The table row of a section (`obsolete`: parked in the obsolete area).
fn row(section: &InspectedSection<'_>, obsolete: bool) -> Vec<String> {
    let counts = &section.blocks;
    let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
    let heading = match section.kind {
        SectionKind::FrontMatter => "(front matter)".to_string(),
        SectionKind::Lead => "(lead)".to_string(),
        SectionKind::Heading if obsolete => format!("{indent}{} (obsolete)", section.heading),
        SectionKind::Heading => format!("{indent}{}", section.heading),
    };
    let mut blocks = Vec::new();
    for (n, name) in [
        (counts.paragraphs, "para"),
        (counts.lists, "list"),
        (counts.list_items, "item"),
        (counts.tables, "table"),
        (counts.table_rows, "row"),
        (counts.callouts, "callout"),
        (counts.components, "component"),
        (counts.code_blocks, "code"),
    ] {
        if n > 0 {
            blocks.push(format!("{n} {name}"));
        }
    }
    vec![
        section.line.to_string(),
        if section.level == 0 {
            "-".to_string()
        } else {
            section.level.to_string()
        },
        section.id.to_string(),
        section.fingerprint.clone(),
        blocks.join(", "),
        heading,
    ]
}
