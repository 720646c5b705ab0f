//! TOML front matter between `+++` lines.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Problem};
use crate::Marker;

/// The front matter of an article: its translatable text and where it lies.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// The whole block, both `+++` lines (and a leading byte-order mark) included.
    pub span: Range<usize>,
    /// The TOML between the `+++` lines.
    pub toml_span: Range<usize>,
    /// The article's title, if given.
    pub title: Option<String>,
    /// The article's description, if given.
    pub description: Option<String>,
    /// Every key of the front matter, parsed (empty when the TOML is invalid).
    pub table: toml::Table,
    /// The translation marker comment, if any, and the span of its line.
    pub marker: Option<(Marker, Range<usize>)>,
}

impl FrontMatter {
    /// The normalized translatable text: title and description.
    pub fn translatable_text(&self) -> String {
        let mut text = String::new();
        if let Some(title) = &self.title {
            text.push_str("title: ");
            text.push_str(title);
            text.push('\n');
        }
        if let Some(description) = &self.description {
            text.push_str("description: ");
            text.push_str(description);
        }
        text
    }
}

/// Where front matter would start: after a byte-order mark, if any.
pub(crate) fn content_start(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Lines of `text[range]` with their absolute spans (line ending included).
pub(crate) fn lines_in(
    text: &str,
    range: Range<usize>,
) -> impl Iterator<Item = (Range<usize>, &str)> {
    let base = range.start;
    text[range]
        .split_inclusive('\n')
        .scan(base, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start..*offset, line))
        })
}

/// Strips a trailing `\n` or `\r\n`.
pub(crate) fn trim_eol(line: &str) -> &str {
    line.strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(line)
}

/// Parses front matter at the top of `text`. `Ok(None)`: there is none. `Err`: it never
/// closes, which leaves nothing sensible to parse.
pub(crate) fn parse_front_matter(
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<FrontMatter>, Diagnostic> {
    let start = content_start(text);
    let mut lines = lines_in(text, start..text.len());
    let Some((first_span, first)) = lines.next() else {
        return Ok(None);
    };
    if trim_eol(first) != "+++" {
        return Ok(None);
    }
    let toml_start = first_span.end;
    let mut marker = None;
    for (span, line) in lines {
        let content = trim_eol(line);
        if content.trim_end() == "+++" {
            let toml_span = toml_start..span.start;
            let mut front_matter = FrontMatter {
                span: 0..span.end,
                toml_span: toml_span.clone(),
                title: None,
                description: None,
                table: toml::Table::new(),
                marker,
            };
            read_table(text, &mut front_matter, diagnostics);
            return Ok(Some(front_matter));
        }
        if let Some(parsed) = Marker::parse_toml(content) {
            match parsed {
                Ok(m) if marker.is_none() => marker = Some((m, span)),
                Ok(_) => diagnostics.push(Diagnostic::error(
                    Problem::MalformedDirective("a second translation marker".into()),
                    span,
                )),
                Err(reason) => {
                    diagnostics.push(Diagnostic::error(Problem::MalformedDirective(reason), span))
                }
            }
        }
    }
    Err(Diagnostic::error(
        Problem::UnterminatedFrontMatter,
        first_span.start..first_span.start + 3,
    ))
}

fn read_table(text: &str, front_matter: &mut FrontMatter, diagnostics: &mut Vec<Diagnostic>) {
    let toml_span = front_matter.toml_span.clone();
    match text[toml_span.clone()].parse::<toml::Table>() {
        Ok(table) => {
            for key in ["title", "description"] {
                match table.get(key) {
                    None => {}
                    Some(toml::Value::String(value)) => {
                        if key == "title" {
                            front_matter.title = Some(value.clone());
                        } else {
                            front_matter.description = Some(value.clone());
                        }
                    }
                    Some(_) => {
                        let span = key_span(text, &toml_span, key).unwrap_or(toml_span.clone());
                        diagnostics.push(Diagnostic::error(
                            Problem::FrontMatterNotString(key.to_string()),
                            span,
                        ));
                    }
                }
            }
            front_matter.table = table;
        }
        Err(error) => {
            let span = error
                .span()
                .map(|s| toml_span.start + s.start..toml_span.start + s.end)
                .unwrap_or(toml_span);
            let message = error.message().trim().to_string();
            diagnostics.push(Diagnostic::error(
                Problem::InvalidFrontMatter(message),
                span,
            ));
        }
    }
}

fn key_span(text: &str, toml_span: &Range<usize>, key: &str) -> Option<Range<usize>> {
    lines_in(text, toml_span.clone()).find_map(|(span, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start().starts_with('=').then(|| {
            let start = span.start + (line.len() - trimmed.len());
            start..start + key.len()
        })
    })
}
