//! `yaku inspect`: the section tree of one article.

use std::path::PathBuf;

use yaku_content::{parse_document, ParseOptions, SectionKind};

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

#[derive(serde::Serialize)]
struct JsonSection<'a> {
    id: &'a str,
    kind: SectionKind,
    level: u8,
    heading: &'a str,
    line: usize,
    fingerprint: String,
    blocks: yaku_content::BlockCounts,
    components: Vec<&'a str>,
}

#[derive(serde::Serialize)]
struct JsonDiagnostic {
    severity: yaku_content::Severity,
    line: usize,
    col: usize,
    message: String,
}

#[derive(serde::Serialize)]
struct JsonInspect<'a> {
    doc: &'a str,
    sections: Vec<JsonSection<'a>>,
    obsolete: Vec<JsonSection<'a>>,
    diagnostics: Vec<JsonDiagnostic>,
}

fn json_section(s: &yaku_content::Section) -> JsonSection<'_> {
    JsonSection {
        id: s.id.as_str(),
        kind: s.kind,
        level: s.level,
        heading: &s.heading,
        line: s.line,
        fingerprint: s.fingerprint.to_string(),
        blocks: s.block_counts(),
        components: s.components(),
    }
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let bytes = std::fs::read(&args.path)
        .map_err(|e| Failure(format!("error: cannot read {}: {e}", args.path.display())))?;
    // Inside a project, component names are checked against its Fluent messages.
    let options = super::open(context)
        .map(|w| w.parse_options)
        .unwrap_or_else(|_| ParseOptions::default());
    let shown = args.path.display().to_string();
    let parsed = parse_document(&bytes, &options).map_err(|diagnostic| {
        Failure(report::render_content(
            &shown,
            &String::from_utf8_lossy(&bytes),
            &diagnostic,
        ))
    })?;
    let document = &parsed.document;
    let index = yaku_content::LineIndex::new(&document.text);
    let out = match args.format {
        Format::Json => to_json(&JsonInspect {
            doc: &shown,
            sections: document.sections.iter().map(json_section).collect(),
            obsolete: document
                .obsolete
                .iter()
                .flat_map(|a| a.sections.iter())
                .map(json_section)
                .collect(),
            diagnostics: parsed
                .diagnostics
                .iter()
                .map(|d| {
                    let (line, col) = index.line_col(&document.text, d.span.start);
                    JsonDiagnostic {
                        severity: d.severity,
                        line,
                        col,
                        message: d.problem.to_string(),
                    }
                })
                .collect(),
        })?,
        Format::Text => {
            let mut rows = Vec::new();
            let all = document.sections.iter().map(|s| (s, false)).chain(
                document
                    .obsolete
                    .iter()
                    .flat_map(|a| a.sections.iter())
                    .map(|s| (s, true)),
            );
            for (section, obsolete) in all {
                let counts = section.block_counts();
                let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
                let heading = match section.kind {
                    SectionKind::FrontMatter => "(front matter)".to_string(),
                    SectionKind::Lead => "(lead)".to_string(),
                    SectionKind::Heading if obsolete => {
                        format!("{indent}{} (obsolete)", section.heading)
                    }
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
                rows.push(vec![
                    section.line.to_string(),
                    if section.level == 0 {
                        "-".to_string()
                    } else {
                        section.level.to_string()
                    },
                    section.id.to_string(),
                    section.fingerprint.to_string(),
                    blocks.join(", "),
                    heading,
                ]);
            }
            let mut out = format!("{shown}: {} sections\n", rows.len());
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
        output::eprint(&report::render_content(&shown, &document.text, diagnostic));
    }
    Ok(if parsed.diagnostics.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}
