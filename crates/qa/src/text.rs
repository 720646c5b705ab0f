//! The text of a section as the checks read it: the file's bytes with the parts no check
//! looks at blanked out (replaced by spaces of the same byte length, so offsets still
//! map to lines), plus the spans of code and link targets that some checks also skip.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use yaku_content::{Document, Section, SectionKind};

/// The text of one section, prepared for the checks.
#[derive(Debug, Clone)]
pub(crate) struct SectionText {
    /// The text as in the file; for the front matter, its translatable values.
    pub original: String,
    /// `original` with the marker line, the `{#id}` and HTML comments blanked.
    pub base: String,
    /// Inline code and code blocks.
    pub code: Vec<Range<usize>>,
    /// Link destinations (`](…)`), autolinks and link reference definitions.
    pub link_targets: Vec<Range<usize>>,
    /// `(offset, line)` at the start of every line of `original`.
    lines: Vec<(usize, usize)>,
}

impl SectionText {
    /// Prepares `section` of `document`.
    pub fn new(document: &Document, section: &Section) -> SectionText {
        if section.kind == SectionKind::FrontMatter {
            return Self::front_matter(document, section);
        }
        let start = section.span.start;
        let original = document.text.get(section.span.clone()).unwrap_or("");
        let mut blanked = comment_spans(original);
        if let Some((_, marker)) = &section.marker {
            blanked.push(marker.start.saturating_sub(start)..marker.end.saturating_sub(start));
        }
        if section.kind == SectionKind::Heading {
            let first_line = original.split('\n').next().unwrap_or("");
            let trimmed = first_line.trim_end();
            if trimmed.ends_with('}') {
                if let Some(open) = trimmed.rfind('{') {
                    blanked.push(open..trimmed.len());
                }
            }
        }
        let base = masked(original, &blanked);
        let relative = |span: &Range<usize>| span.start - start..span.end - start;
        let code = section.code.iter().map(relative).collect();
        let mut link_targets: Vec<Range<usize>> =
            section.link_targets.iter().map(relative).collect();
        link_targets.extend(link_definitions(original));
        let mut lines = vec![(0, section.line)];
        for i in memchr::memchr_iter(b'\n', original.as_bytes()) {
            lines.push((i + 1, section.line + lines.len()));
        }
        SectionText {
            original: original.to_string(),
            base,
            code,
            link_targets,
            lines,
        }
    }

    /// The front matter's translatable text (title, description and the other
    /// translatable keys), on the lines of their keys.
    fn front_matter(document: &Document, section: &Section) -> SectionText {
        let mut original = String::new();
        let mut lines = Vec::new();
        if let Some(front_matter) = &document.front_matter {
            for (key, value) in front_matter.translatable_values() {
                let line = front_matter.field(key).map_or(section.line, |field| {
                    line_of(&document.text, field.key_span.start)
                });
                if !original.is_empty() {
                    original.push('\n');
                }
                lines.push((original.len(), line));
                original.push_str(value);
            }
        }
        if lines.is_empty() {
            lines.push((0, section.line));
        }
        SectionText {
            base: original.clone(),
            original,
            code: Vec::new(),
            link_targets: Vec::new(),
            lines,
        }
    }

    /// The 1-based file line of byte `offset` of the text.
    pub fn line_at(&self, offset: usize) -> usize {
        match self
            .lines
            .binary_search_by_key(&offset, |&(start, _)| start)
        {
            Ok(i) => self.lines[i].1,
            Err(0) => self.lines.first().map_or(1, |&(_, line)| line),
            Err(i) => self.lines[i - 1].1,
        }
    }

    /// The line of the section's heading (its first line).
    pub fn first_line(&self) -> usize {
        self.line_at(0)
    }

    /// `base` with the given spans blanked as well.
    pub fn masked<'a>(&self, spans: impl IntoIterator<Item = &'a Range<usize>>) -> String {
        masked(&self.base, spans)
    }

    /// The rule ids named by `<!-- qa-ignore: … -->` lines in the section (`{/* qa-ignore:
    /// … */}` too in MDX), or in the
    /// front matter by `qa-ignore: …` comment lines of its format (`# qa-ignore: …` in
    /// TOML).
    pub fn ignored_rules(&self, document: &Document, section: &Section) -> BTreeSet<String> {
        let lists: Vec<&str> = if section.kind == SectionKind::FrontMatter {
            let Some(front_matter) = &document.front_matter else {
                return BTreeSet::new();
            };
            let body = document
                .text
                .get(front_matter.body_span.clone())
                .unwrap_or("");
            body.lines()
                .filter_map(|line| {
                    front_matter
                        .format
                        .comment(line)?
                        .strip_prefix("qa-ignore:")
                })
                .collect()
        } else {
            // A comment line of the file's dialect: `<!-- … -->`, and in MDX `{/* … */}`.
            self.original
                .lines()
                .filter_map(|line| {
                    document
                        .dialect
                        .comment_inner(line)?
                        .strip_prefix("qa-ignore:")
                })
                .collect()
        };
        lists
            .into_iter()
            .flat_map(|names| {
                names
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|name| !name.is_empty())
                    .map(str::to_string)
            })
            .collect()
    }
}

/// `text` with each of `spans` (widened to character boundaries, in any order, possibly
/// overlapping) replaced by as many spaces as it has bytes.
pub(crate) fn masked<'a>(text: &str, spans: impl IntoIterator<Item = &'a Range<usize>>) -> String {
    let widen = |span: &Range<usize>| {
        let mut start = span.start.min(text.len());
        let mut end = span.end.min(text.len());
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    };
    let mut spans: Vec<Range<usize>> = spans
        .into_iter()
        .map(widen)
        .filter(|s| s.start < s.end)
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        if span.end <= at {
            continue;
        }
        let start = span.start.max(at);
        out.push_str(&text[at..start]);
        push_spaces(&mut out, span.end - start);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Appends `n` spaces.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let chunk = n.min(SPACES.len());
        out.push_str(&SPACES[..chunk]);
        n -= chunk;
    }
}

/// The spans of HTML comments; one that never closes runs to the end of the text.
fn comment_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut at = 0;
    let bytes = text.as_bytes();
    while let Some(open) = memchr::memmem::find(&bytes[at..], b"<!--") {
        let start = at + open;
        let end = memchr::memmem::find(&bytes[start + 4..], b"-->")
            .map_or(text.len(), |close| start + 4 + close + 3);
        spans.push(start..end);
        at = end;
    }
    spans
}

/// The 1-based line of byte `offset` of `text` (the front matter is at the top, so
/// counting is cheap).
fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The spans of link reference definitions (`[label]: destination`) in `text`.
fn link_definitions(text: &str) -> Vec<Range<usize>> {
    static DEFINITION: OnceLock<Regex> = OnceLock::new();
    if !text.contains("]:") {
        return Vec::new();
    }
    let definition = DEFINITION.get_or_init(|| {
        Regex::new(r"(?m)^ {0,3}\[[^\]\r\n]+\]:[ \t]*\S+[^\r\n]*$").expect("valid regex")
    });
    definition.find_iter(text).map(|m| m.range()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::{parse_document, ParseOptions};

    fn section_text(text: &str, id: &str) -> SectionText {
        let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
        let section = parsed.document.section(id).unwrap().clone();
        SectionText::new(&parsed.document, &section)
    }

    #[test]
    fn markers_ids_and_comments_are_blanked_and_lines_kept() {
        let text = "# T {#t1}\n<!-- yaku:untranslated -->\n\nText 2 `code 3` [a](http://x/4)\n<!-- note 5 -->\n";
        let s = section_text(text, "t1");
        assert_eq!(s.base.len(), s.original.len());
        assert!(!s.base.contains("t1"));
        assert!(!s.base.contains("yaku"));
        assert!(!s.base.contains('5'));
        let masked = s.masked(s.code.iter().chain(&s.link_targets));
        assert!(!masked.contains('3') && !masked.contains('4'), "{masked}");
        assert!(masked.contains("Text 2"));
        assert_eq!(s.line_at(masked.find("Text").unwrap()), 4);
    }

    #[test]
    fn front_matter_lines_are_the_key_lines() {
        let text = "+++\ndate = 2025\ntitle = \"A\"\ndescription = \"B\"\n+++\n\nx\n";
        let s = section_text(text, "front-matter");
        assert_eq!(s.original, "A\nB");
        assert_eq!(s.line_at(0), 3);
        assert_eq!(s.line_at(2), 4);
    }

    #[test]
    fn front_matter_ignore_lines_are_comments_of_its_format() {
        let text = "+++\ntitle = \"A\"\n  # qa-ignore: numbers, glossary\r\n#qa-ignore:structure\nnote = \"# qa-ignore: citations\"\n+++\n\n<!-- qa-ignore: required-notice -->\n";
        let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
        let section = parsed.document.section("front-matter").unwrap().clone();
        let s = SectionText::new(&parsed.document, &section);
        let ignored = s.ignored_rules(&parsed.document, &section);
        assert_eq!(
            ignored.into_iter().collect::<Vec<_>>(),
            ["glossary", "numbers", "structure"]
        );
    }

    #[test]
    fn ignore_markers_name_rules() {
        let text = "# T {#t}\n\n<!-- qa-ignore: glossary, numbers -->\n\n  <!-- qa-ignore:structure -->\n\nText <!-- qa-ignore: citations -->\n";
        let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
        let section = parsed.document.section("t").unwrap().clone();
        let s = SectionText::new(&parsed.document, &section);
        let ignored = s.ignored_rules(&parsed.document, &section);
        assert_eq!(
            ignored.into_iter().collect::<Vec<_>>(),
            ["glossary", "numbers", "structure"]
        );
    }

    #[test]
    fn ignore_markers_in_mdx_are_mdx_comments_too() {
        let text =
            "# T {#t}\n\n{/* qa-ignore: numbers */}\n\n<!-- qa-ignore: glossary -->\n\nText.\n";
        let options = ParseOptions {
            dialect: yaku_content::Dialect::Mdx,
            ..ParseOptions::default()
        };
        let parsed = parse_document(text.as_bytes(), &options).unwrap();
        let section = parsed.document.section("t").unwrap().clone();
        let s = SectionText::new(&parsed.document, &section);
        let ignored = s.ignored_rules(&parsed.document, &section);
        assert_eq!(
            ignored.into_iter().collect::<Vec<_>>(),
            ["glossary", "numbers"]
        );
        // In Markdown, `{/* … */}` is text.
        let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
        let section = parsed.document.section("t").unwrap().clone();
        let s = SectionText::new(&parsed.document, &section);
        let ignored = s.ignored_rules(&parsed.document, &section);
        assert_eq!(ignored.into_iter().collect::<Vec<_>>(), ["glossary"]);
    }
}
