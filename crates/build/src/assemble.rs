//! Deciding what a locale publishes, section by section, and assembling its output.

use std::collections::{BTreeMap, HashMap};

use yaku_content::{extract_references, Document, Reference, Section, SectionKind};
use yaku_fluent::{ArgValue, Localizer};
use yaku_sync::{align, publication, Alignment, Policy, Publication, SectionState};

use crate::components::ResolvedComponents;
use crate::markdown::{blocks_of, inlines_of, FoldError, SectionBlocks, SectionFold};
use crate::model::{
    Alternate, Block, DocumentOutput, Inline, PublicationState, ReferenceOutput, SectionOutput,
};
use crate::BuildError;

/// Everything about one locale that the build needs.
pub struct LocaleContext<'a> {
    /// The locale being built.
    pub locale: &'a str,
    /// The locale articles are written in.
    pub source_locale: &'a str,
    /// The locale's Fluent strings with its fallback chain; `None` when the project has
    /// no Fluent files (components then cannot be resolved).
    pub localizer: Option<&'a Localizer>,
    /// Values of the Fluent variables components use.
    pub args: &'a [(String, ArgValue)],
    /// The components resolved in this locale so far.
    pub components: &'a ResolvedComponents,
    /// What the locale publishes for sections that are not current (`on-missing`,
    /// `on-stale`).
    pub policy: Policy,
    /// The document in every locale.
    pub alternates: Vec<Alternate>,
    /// Whether each section's output keeps its Markdown ([`SectionOutput::markdown`]),
    /// which only a renderer that exports Markdown reads ([`crate::Renderer::exports_markdown`]).
    pub with_markdown: bool,
}

/// A document to build from, with its sections' blocks when its parse folded them
/// ([`crate::FoldedSections`]); without them, each published section's text is parsed
/// again.
#[derive(Clone, Copy)]
pub struct BuildInput<'a> {
    /// The parsed document.
    pub document: &'a Document,
    /// The blocks its parse folded, if it did.
    pub blocks: Option<&'a SectionBlocks>,
    /// Whether this build is the only one to publish the document's sections, as a
    /// translation's are published in its own locale only: their blocks are then moved
    /// out rather than copied.
    pub single_use: bool,
}

impl<'a> From<&'a Document> for BuildInput<'a> {
    fn from(document: &'a Document) -> Self {
        BuildInput {
            document,
            blocks: None,
            single_use: false,
        }
    }
}

/// What the locale publishes for one section: the section at an index of a document.
enum Choice<'a> {
    Publish(BuildInput<'a>, usize, PublicationState),
    Omit,
}

/// Builds the output of `doc` in `context.locale`. `translation` is `None` for the
/// source locale and for a translation file that does not exist.
pub fn build_document(
    doc: &str,
    source: BuildInput<'_>,
    translation: Option<BuildInput<'_>>,
    context: &LocaleContext<'_>,
) -> Result<DocumentOutput, BuildError> {
    let is_source = context.locale == context.source_locale;
    let source_input = source;
    let source = source_input.document;
    let alignments = if is_source {
        Vec::new()
    } else {
        align(source, translation.map(|t| t.document))
    };
    // Each source section's alignment by id (the first, as ids are unique in a file the
    // build accepts): a document may have a hundred thousand sections.
    let mut by_id: HashMap<&str, &Alignment> = HashMap::with_capacity(alignments.len());
    for alignment in &alignments {
        by_id.entry(alignment.id.as_str()).or_insert(alignment);
    }
    let mut failed = Vec::new();

    let mut output = empty_output(doc, context);
    output.alternates = context.alternates.clone();
    if let Some(front_matter) = &source.front_matter {
        for field in front_matter.data_fields() {
            output.data.insert(field.key.clone(), field.value.clone());
        }
    }

    // Every reference entry is one line of one section: each section's are found in its
    // own text (as in the page's text, one section after another).
    let mut references = Vec::new();
    // Whether each published section's blocks hold a citation (see `SectionFold`).
    let mut cited = Vec::new();
    let tracked = source.sections.iter().enumerate();
    for (index, source_section) in tracked.filter(|(_, s)| s.is_tracked()) {
        let choice = if is_source {
            Choice::Publish(source_input, index, PublicationState::Current)
        } else {
            let Some(alignment) = by_id.get(source_section.id.as_str()) else {
                continue;
            };
            choose(
                (source_input, index),
                translation,
                alignment,
                context,
                &mut failed,
            )
        };
        let (input, section_index, state) = match choice {
            Choice::Publish(input, index, state) => (input, index, state),
            Choice::Omit => {
                output.omitted.push(source_section.id.to_string());
                continue;
            }
        };
        let section = &input.document.sections[section_index];
        if section.kind == SectionKind::FrontMatter {
            let front_matter = input.document.front_matter.as_ref();
            output.title = front_matter.and_then(|f| f.title()).map(str::to_string);
            output.description = front_matter
                .and_then(|f| f.description())
                .map(str::to_string);
            output.front_matter_state = state;
            continue;
        }
        // The source's id: a translated section whose id the source renamed is published
        // under the new id (sync will rename it in the file).
        let (published, has_citations) =
            section_output(doc, input, section_index, source_section, state, context)?;
        references.extend(section_references(input.document, section));
        cited.push(has_citations);
        output.sections.push(published);
    }
    if !failed.is_empty() {
        return Err(BuildError::PolicyFailed {
            doc: doc.to_string(),
            locale: context.locale.to_string(),
            sections: failed,
        });
    }
    let mut resolve =
        |authors: &str, year: u16| references.iter().any(|r| r.is_cited_by(authors, year));
    for (section, cited) in output.sections.iter_mut().zip(cited) {
        resolve_citations(&mut section.heading, &mut resolve);
        if cited {
            for block in &mut section.blocks {
                resolve_citations_in_block(block, &mut resolve);
            }
        }
    }
    output.references = references
        .into_iter()
        .map(|r| ReferenceOutput {
            first_author: r.first_author,
            year: r.year,
            doi: r.doi,
        })
        .collect();
    Ok(output)
}

/// The output of the section at `index` of `input`, published as `state` under the id,
/// level and required flag of `source_section`; and whether its blocks may hold a
/// citation (false only when the parse that folded them split none out).
fn section_output(
    doc: &str,
    input: BuildInput<'_>,
    index: usize,
    source_section: &Section,
    state: PublicationState,
    context: &LocaleContext<'_>,
) -> Result<(SectionOutput, bool), BuildError> {
    let section = &input.document.sections[index];
    let body = || input.document.body_without_marker(section);
    let mut resolve = |name: &str| context.components.resolve(name, context);
    let folded = input
        .blocks
        .and_then(|folded| folded.blocks(index, input.single_use, &mut resolve));
    let folded = match folded {
        Some(folded) => folded,
        None => blocks_of(&body(), &mut resolve).map(|blocks| SectionFold {
            blocks,
            has_citations: true,
        }),
    };
    let SectionFold {
        blocks,
        has_citations,
    } = folded.map_err(|error| match error {
        FoldError::Component(message) => BuildError::Component {
            doc: doc.to_string(),
            locale: context.locale.to_string(),
            section: source_section.id.to_string(),
            component: component_name(&body(), &message),
            message,
        },
        FoldError::TooDeep => BuildError::TooDeep {
            doc: doc.to_string(),
            locale: context.locale.to_string(),
            section: source_section.id.to_string(),
        },
    })?;
    let heading = if section.kind == SectionKind::Heading {
        inlines_of(&section.heading)
    } else {
        Vec::new()
    };
    let output = SectionOutput {
        id: source_section.id.to_string(),
        level: source_section.level,
        heading,
        state,
        required: source_section.required,
        blocks,
        markdown: if context.with_markdown {
            body()
        } else {
            String::new()
        },
    };
    Ok((output, has_citations))
}

/// The reference-list entries in the body of `section` of `document`, read where the
/// file holds them (entries are lines: the text before the marker's line and the text
/// after it are read apart when the marker's line is a line of its own).
fn section_references(document: &Document, section: &Section) -> Vec<Reference> {
    match document.body_parts(section) {
        (before, after) if before.is_empty() || before.ends_with('\n') => {
            let mut references = extract_references(before);
            references.extend(extract_references(after));
            references
        }
        (before, after) => extract_references(&[before, after].concat()),
    }
}

/// One section of `document` (a translation as it is now, whatever its state) as the
/// build would publish it once current, in a page of its own: the web workspace's
/// preview of what a translator is writing. `None` when `document` has no section `id`
/// with a heading or text. Citations are left unresolved: the preview has no reference
/// list.
pub fn preview_section(
    doc: &str,
    document: &Document,
    id: &str,
    context: &LocaleContext<'_>,
) -> Result<Option<DocumentOutput>, BuildError> {
    let Some((index, section)) =
        document.sections.iter().enumerate().find(|(_, s)| {
            s.is_tracked() && s.id.as_str() == id && s.kind != SectionKind::FrontMatter
        })
    else {
        return Ok(None);
    };
    let (published, _) = section_output(
        doc,
        document.into(),
        index,
        section,
        PublicationState::Current,
        context,
    )?;
    let mut output = empty_output(doc, context);
    output.sections.push(published);
    Ok(Some(output))
}

/// The output of `doc` in `context.locale` before anything is published in it.
fn empty_output(doc: &str, context: &LocaleContext<'_>) -> DocumentOutput {
    DocumentOutput {
        doc: doc.to_string(),
        locale: context.locale.to_string(),
        source_locale: context.source_locale.to_string(),
        title: None,
        description: None,
        front_matter_state: PublicationState::Current,
        data: BTreeMap::new(),
        sections: Vec::new(),
        omitted: Vec::new(),
        references: Vec::new(),
        alternates: Vec::new(),
    }
}

/// What a target locale publishes for the source section at `source_index`, as [`publication`] decides by
/// its state and the locale's policy.
fn choose<'a>(
    (source, source_index): (BuildInput<'a>, usize),
    translation: Option<BuildInput<'a>>,
    alignment: &Alignment,
    context: &LocaleContext<'_>,
    failed: &mut Vec<(String, String)>,
) -> Choice<'a> {
    let translated = translation.zip(alignment.translation);
    // A current or stale alignment always has its translated section; should one not,
    // the section is treated as missing rather than published from nowhere.
    let state = match translated {
        Some(_) => alignment.state,
        None => SectionState::Missing,
    };
    match (publication(state, context.policy), translated) {
        (Publication::Current, Some((t, s))) => Choice::Publish(t, s, PublicationState::Current),
        (Publication::Stale, Some((t, s))) => Choice::Publish(t, s, PublicationState::Stale),
        (Publication::Fallback, _) => {
            Choice::Publish(source, source_index, PublicationState::Fallback)
        }
        (Publication::Failed, _) => {
            failed.push((alignment.id.to_string(), alignment.state.to_string()));
            Choice::Omit
        }
        (Publication::Omitted | Publication::Current | Publication::Stale, _) => Choice::Omit,
    }
}

/// Formats a component's value and attributes in the locale, through its fallback chain.
fn component_name(body: &str, message: &str) -> String {
    body.lines()
        .filter_map(|l| l.trim().strip_prefix("<!-- yaku:component"))
        .map(|rest| rest.trim_end_matches("-->").trim().to_string())
        .find(|name| message.contains(name.as_str()))
        .unwrap_or_default()
}

/// Marks each citation of `inlines` resolved when `resolves(authors, year)`.
fn resolve_citations(inlines: &mut [Inline], resolves: &mut dyn FnMut(&str, u16) -> bool) {
    for inline in inlines {
        match inline {
            Inline::Citation {
                authors,
                year,
                resolved,
                ..
            } => *resolved = resolves(authors, *year),
            Inline::Emphasis { children }
            | Inline::Strong { children }
            | Inline::Strikethrough { children }
            | Inline::Link { children, .. } => resolve_citations(children, resolves),
            _ => {}
        }
    }
}

/// [`resolve_citations`] in every run of a block.
fn resolve_citations_in_block(block: &mut Block, resolves: &mut dyn FnMut(&str, u16) -> bool) {
    match block {
        Block::Paragraph(inlines) | Block::Heading { inlines, .. } => {
            resolve_citations(inlines, resolves)
        }
        Block::List { items, .. } => {
            for item in items {
                for block in &mut item.blocks {
                    resolve_citations_in_block(block, resolves);
                }
            }
        }
        Block::Table { header, rows, .. } => {
            for cell in header.iter_mut().chain(rows.iter_mut().flatten()) {
                resolve_citations(cell, resolves);
            }
        }
        Block::Callout { blocks, .. } | Block::Quote { blocks } => {
            for block in blocks {
                resolve_citations_in_block(block, resolves);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the build publishes of a reference entry (its span is where the text read
    /// holds it, which differs).
    fn published(references: Vec<Reference>) -> Vec<(String, u16, Option<String>)> {
        references
            .into_iter()
            .map(|r| (r.first_author, r.year, r.doi))
            .collect()
    }

    #[test]
    fn references_read_where_the_file_holds_them_are_those_of_the_body_without_marker() {
        let marker = "<!-- yaku:source 0123456789abcdef text 0123456789abcdef -->";
        let mut with_marker = 0;
        let (shah, jin) = (
            "- Shah, M. (2025) ‘A’. doi: 10.1111/jocd.16766.",
            "- Jin, K. and Jin, S. (2024) ‘B’.",
        );
        for text in [
            format!("## References {{#refs}}\n{marker}\n{shah}\n{jin}\n"),
            format!("## References {{#refs}}\n\n{marker}\n\n{shah}\n{jin}"),
            format!("## References {{#refs}}\r\n{marker}\r\n{shah}\r\n{jin}\r\n"),
            format!("## References {{#refs}}\n{shah}\n{jin}\n"),
        ] {
            let options = yaku_content::ParseOptions::default();
            let document = yaku_content::parse_text(text.clone(), &options)
                .unwrap()
                .document;
            let section = &document.sections[1];
            with_marker += usize::from(section.marker.is_some());
            let expected = extract_references(&document.body_without_marker(section));
            assert_eq!(expected.len(), 2, "{text}");
            assert_eq!(
                published(section_references(&document, section)),
                published(expected),
                "{text}"
            );
        }
        // A marker is the first thing under its heading, a blank line or none before it.
        assert_eq!(with_marker, 3);
    }
}
