//! The MDX dialect: the parts of an `.mdx` file that are not Markdown (ESM `import` /
//! `export` lines, JSX elements, `{…}` expressions) found as opaque blocks, kept byte for
//! byte, shown to the parser as blank lines and compared by the structure rule.

use std::ops::Range;
use std::path::Path;

/// Which Markdown an article is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// CommonMark with GFM tables and alerts and `{#id}` heading attributes (`.md`,
    /// `.markdown`).
    #[default]
    Markdown,
    /// MDX (`.mdx`): Markdown with ESM, JSX and `{…}` expressions; `{/*id*/}` is a heading id.
    Mdx,
}

impl Dialect {
    /// The dialect of a file, by its extension: `.mdx` is MDX, anything else Markdown.
    pub fn of_path(path: &Path) -> Dialect {
        match path.extension() {
            Some(ext) if ext.eq_ignore_ascii_case("mdx") => Dialect::Mdx,
            _ => Dialect::Markdown,
        }
    }

    /// A yaku line holding `words` (`yaku:…`) in the dialect's comment form, without line
    /// ending: `<!-- words -->` in Markdown, `{/* words */}` in MDX, which has no HTML
    /// comments.
    pub fn comment(self, words: &str) -> String {
        match self {
            Dialect::Markdown => format!("<!-- {words} -->"),
            Dialect::Mdx => format!("{{/* {words} */}}"),
        }
    }

    /// What a comment line holds between its delimiters, trimmed: `<!-- … -->` in every
    /// dialect, and `{/* … */}` too in MDX (a file written by an older yaku, or for a
    /// Docusaurus 2 site, keeps its HTML comments and is still read). `None` for any other
    /// line.
    pub fn comment_inner(self, line: &str) -> Option<&str> {
        let line = line.trim();
        let html = line
            .strip_prefix("<!--")
            .and_then(|rest| rest.strip_suffix("-->"));
        match (html, self) {
            (Some(inner), _) => Some(inner.trim()),
            (None, Dialect::Mdx) => mdx_comment_inner(line),
            (None, Dialect::Markdown) => None,
        }
    }
}

/// The text of a one-line MDX comment expression `{/* … */}`, trimmed. The text must not
/// close the comment itself (`{/* a */ b */}` is an expression, not a comment).
fn mdx_comment_inner(line: &str) -> Option<&str> {
    let inner = line.strip_prefix("{/*")?.strip_suffix("*/}")?;
    (!inner.contains("*/")).then(|| inner.trim())
}

/// Whether `line` is a yaku line in MDX's comment form, `{/* yaku:… */}` alone on its
/// line: a directive, a marker or the obsolete area's first line.
pub(crate) fn is_yaku_comment(line: &str) -> bool {
    mdx_comment_inner(line.trim_end()).is_some_and(|inner| inner.starts_with("yaku:"))
}

/// An opaque MDX construct at the top level of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opaque {
    /// Its full lines, from the first line's start to the end of the last line (line
    /// ending not included).
    pub span: Range<usize>,
    /// What it is: `import`, `export`, `<Name>` or `{…}`.
    pub construct: String,
    /// A yaku line in MDX's comment form (`{/* yaku:… */}`): a directive the parser reads,
    /// not an opaque construct.
    pub is_yaku: bool,
}

/// The opaque constructs of a range of an MDX file, and the first construct that never
/// ends.
pub(crate) struct Constructs {
    /// The constructs, in order.
    pub blocks: Vec<Opaque>,
    /// The first line of the first construct that runs to the end of the range without
    /// ending (a JSX element without its closing tag, an unbalanced `{`), and what it
    /// is. The MDX compiler refuses such a file; yaku reads it as Markdown, but text
    /// added after it (sync's placeholders) could close it and change what it holds.
    pub unclosed: Option<(Range<usize>, String)>,
}

/// The opaque constructs of `text[range]`, in order. A construct starts at the start of a
/// line that follows a blank line (or the start of the range) outside fenced code; one
/// that never ends is left to Markdown, and the first such is
/// [`Constructs::unclosed`].
pub(crate) fn opaque_blocks(text: &str, range: Range<usize>) -> Constructs {
    let lines = line_spans(text, range);
    let mut out = Vec::new();
    let mut unclosed = None;
    let mut fence: Option<(char, usize)> = None;
    let mut after_blank = true;
    let mut i = 0;
    while i < lines.len() {
        let line = &text[lines[i].clone()];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some((c, width)) = fence {
            let closing = trimmed.trim_end();
            if indent <= 3 && closing.len() >= width && closing.chars().all(|x| x == c) {
                fence = None;
            }
            i += 1;
            after_blank = false;
            continue;
        }
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let c = trimmed.chars().next().unwrap_or('`');
            let width = trimmed.len() - trimmed.trim_start_matches(c).len();
            fence = Some((c, width));
            i += 1;
            after_blank = false;
            continue;
        }
        if line.trim().is_empty() {
            after_blank = true;
            i += 1;
            continue;
        }
        // A yaku line stands alone wherever it is, like the HTML comment it replaces (one
        // right after a heading line is the section's marker).
        if indent == 0 && is_yaku_comment(line) {
            out.push(Opaque {
                span: lines[i].clone(),
                construct: "{…}".to_string(),
                is_yaku: true,
            });
            i += 1;
            after_blank = true;
            continue;
        }
        let found = if after_blank && indent == 0 {
            construct_at(text, &lines, i)
        } else {
            None
        };
        match found {
            Some(Ok((last, construct))) => {
                out.push(Opaque {
                    span: lines[i].start..lines[last].end,
                    construct,
                    is_yaku: false,
                });
                i = last + 1;
                after_blank = false;
            }
            Some(Err(what)) => {
                unclosed.get_or_insert((lines[i].clone(), what));
                after_blank = false;
                i += 1;
            }
            None => {
                // A heading is one line: what follows it starts a block, as after a
                // blank line.
                after_blank = indent == 0 && is_atx_heading(trimmed);
                i += 1;
            }
        }
    }
    Constructs {
        blocks: out,
        unclosed,
    }
}

/// Whether a line (its indentation removed) is an ATX heading: one to six `#` and then
/// a space, a tab or the end of the line.
fn is_atx_heading(line: &str) -> bool {
    let marks = line.len() - line.trim_start_matches('#').len();
    (1..=6).contains(&marks)
        && line[marks..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// The line spans of `text[range]`, line endings left out.
fn line_spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let end = text[at..range.end].find('\n').map_or(range.end, |i| at + i);
        let content_end = if end > at && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        out.push(at..content_end);
        at = end + 1;
    }
    out
}

/// The construct starting at line `first`: the index of its last line and its name, or
/// what it is when it never ends; `None` when no construct starts there.
fn construct_at(
    text: &str,
    lines: &[Range<usize>],
    first: usize,
) -> Option<Result<(usize, String), String>> {
    let line = &text[lines[first].clone()];
    for keyword in ["import", "export"] {
        if line
            .strip_prefix(keyword)
            .is_some_and(|rest| rest.starts_with([' ', '{', '*']))
        {
            // ESM runs to the next blank line.
            let last = (first..lines.len())
                .take_while(|&j| !text[lines[j].clone()].trim().is_empty())
                .last()
                .unwrap_or(first);
            return Some(Ok((last, keyword.to_string())));
        }
    }
    if line.starts_with('{') {
        return Some(
            balanced_braces(text, lines, first)
                .map(|last| (last, "{…}".to_string()))
                .ok_or_else(|| "an MDX expression `{`".to_string()),
        );
    }
    let name = jsx_name(line)?;
    let Some(last) = jsx_end(text, lines, first, &name) else {
        return Some(Err(format!("the JSX element `<{name}>`")));
    };
    // The components placed inside count too: a tab dropped from `<Tabs>` is drift.
    let inner = text[lines[first].start..lines[last].end]
        .get(1..)
        .map(nested_components)
        .unwrap_or_default();
    let construct = if inner.is_empty() {
        format!("<{name}>")
    } else {
        format!("<{name}> ({})", inner.join(", "))
    };
    Some(Ok((last, construct)))
}

/// The components (JSX elements whose name starts with a capital) that `text` opens, in
/// order, as `<Name>`.
fn nested_components(text: &str) -> Vec<String> {
    text.match_indices('<')
        .filter_map(|(at, _)| {
            let rest = &text[at + 1..];
            rest.starts_with(|c: char| c.is_ascii_uppercase())
                .then(|| jsx_name(&text[at..]))
                .flatten()
        })
        .map(|name| format!("<{name}>"))
        .collect()
}

/// The name of the JSX element a line opens (`<Tabs groupId="x">` → `Tabs`, `<>` → ``).
fn jsx_name(line: &str) -> Option<String> {
    let rest = line.strip_prefix('<')?;
    if rest.starts_with('>') {
        return Some(String::new());
    }
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
            .collect(),
    )
}

/// The last line of the element `name` opened on line `first`: where its opening tag
/// closes itself (`/>`) or where its matching closing tag is.
fn jsx_end(text: &str, lines: &[Range<usize>], first: usize, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 0usize;
    // Whether the first tag is still open (`<Tabs` … `>` over several lines).
    let mut in_first_tag = true;
    for (j, span) in lines.iter().enumerate().skip(first) {
        let line = &text[span.clone()];
        if in_first_tag {
            if let Some(end) = line.find('>') {
                in_first_tag = false;
                if line[..end].ends_with('/') {
                    return Some(j);
                }
                depth = 1;
                let after = &line[end + 1..];
                depth += count_opens(after, &open);
                let closes = after.matches(close.as_str()).count();
                if closes >= depth {
                    return Some(j);
                }
                depth -= closes;
            }
            continue;
        }
        depth += count_opens(line, &open);
        let closes = line.matches(close.as_str()).count();
        if closes >= depth {
            return Some(j);
        }
        depth -= closes;
    }
    None
}

/// How many elements `open` (`<Name`) a line opens and does not close itself.
fn count_opens(line: &str, open: &str) -> usize {
    line.match_indices(open)
        .filter(|(at, _)| {
            let after = &line[at + open.len()..];
            after.starts_with([' ', '>', '\t']) || after.is_empty()
        })
        .filter(|(at, _)| {
            let tag = &line[*at..];
            !tag.find('>').is_some_and(|end| tag[..end].ends_with('/'))
        })
        .count()
}

/// The last line of a `{…}` expression opened on line `first`: where its braces
/// balance, on a line that ends with `}`. Braces in JavaScript comments (`/* … */` over
/// any number of lines, `// …`) and strings do not count, as the MDX compiler's
/// JavaScript parser reads them: `{/* a } */}` is one expression.
fn balanced_braces(text: &str, lines: &[Range<usize>], first: usize) -> Option<usize> {
    let mut depth = 0i64;
    let mut in_comment = false;
    // The quote of a string still open, a template string (`) across lines.
    let mut in_string: Option<char> = None;
    for (j, span) in lines.iter().enumerate().skip(first) {
        let mut chars = text[span.clone()].chars().peekable();
        while let Some(c) = chars.next() {
            if in_comment {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    in_comment = false;
                }
                continue;
            }
            if let Some(quote) = in_string {
                if c == '\\' {
                    chars.next();
                } else if c == quote {
                    in_string = None;
                }
                continue;
            }
            match c {
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    in_comment = true;
                }
                '/' if chars.peek() == Some(&'/') => break,
                '"' | '\'' | '`' => in_string = Some(c),
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        // A quoted string ends with its line; a template string goes on.
        if in_string != Some('`') {
            in_string = None;
        }
        if depth <= 0 && !in_comment {
            return text[span.clone()].trim_end().ends_with('}').then_some(j);
        }
    }
    None
}

/// `text` (which starts at byte `base` of the file) with the `opaque` spans (of the
/// file) blanked: every byte but line endings a space, so that a Markdown parser sees
/// blank lines there and every offset stays the same.
pub(crate) fn blank_out(text: &str, opaque: &[Opaque], base: usize) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for block in opaque {
        for b in &mut bytes[block.span.start - base..block.span.end - base] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only whole characters were replaced, by ASCII spaces.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The id written in React's MDX form at the end of a heading line, `{/*getting-started*/}`,
/// and the byte range of the braces in `line`.
pub(crate) fn comment_id(line: &str) -> Option<(String, Range<usize>)> {
    let trimmed = line.trim_end();
    let start = trimmed.rfind("{/*")?;
    let inner = trimmed[start..].strip_prefix("{/*")?.strip_suffix("*/}")?;
    let id = inner.trim().trim_start_matches('#').trim();
    (!id.is_empty() && !id.contains(char::is_whitespace))
        .then(|| (id.to_string(), start..trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constructs(text: &str) -> Vec<(String, String)> {
        opaque_blocks(text, 0..text.len())
            .blocks
            .into_iter()
            .map(|o| (o.construct, text[o.span].to_string()))
            .collect()
    }

    #[test]
    fn dialect_follows_the_extension() {
        assert_eq!(Dialect::of_path(Path::new("docs/a.mdx")), Dialect::Mdx);
        assert_eq!(Dialect::of_path(Path::new("docs/a.MDX")), Dialect::Mdx);
        assert_eq!(Dialect::of_path(Path::new("docs/a.md")), Dialect::Markdown);
        assert_eq!(
            Dialect::of_path(Path::new("docs/a.markdown")),
            Dialect::Markdown
        );
    }

    #[test]
    fn esm_jsx_and_expressions_are_opaque() {
        let text = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Title\n\n<Tabs groupId=\"os\">\n  <TabItem value=\"mac\">\n\nRun `brew install x`.\n\n  </TabItem>\n</Tabs>\n\n{/* a comment */}\n\n<Image\n  src=\"a.png\"\n/>\n\nexport const meta = {\n  a: 1,\n};\n";
        let found = constructs(text);
        let names: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            names,
            ["import", "<Tabs> (<TabItem>)", "{…}", "<Image>", "export"]
        );
        assert_eq!(
            found[0].1,
            "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';"
        );
        assert!(found[1].1.ends_with("</Tabs>"), "{}", found[1].1);
        assert_eq!(found[4].1, "export const meta = {\n  a: 1,\n};");
    }

    #[test]
    fn code_comments_and_unclosed_elements_stay_markdown() {
        let text = "```jsx\n\n<Tabs>\n```\n\n<!-- yaku:translated abc -->\n\n<Open>\n\ntext\n\nimports are words\n";
        assert_eq!(constructs(text), vec![]);
        // The element that never closes is reported (the MDX compiler refuses it).
        let at = text.find("<Open>").unwrap();
        assert_eq!(
            opaque_blocks(text, 0..text.len()).unclosed,
            Some((at..at + 6, "the JSX element `<Open>`".to_string()))
        );
        let text = "lead\n\n{f\n\nmore {\n";
        assert_eq!(
            opaque_blocks(text, 0..text.len()).unclosed,
            Some((6..8, "an MDX expression `{`".to_string()))
        );
        // Not after a blank line: part of the paragraph.
        assert_eq!(constructs("text\n<Tabs></Tabs>\n"), vec![]);
    }

    #[test]
    fn a_construct_right_under_a_heading_is_one() {
        let text = "## Install\n<Tabs>\n\nRun it.\n\n</Tabs>\n\n## Use {#use}\n{props.x}\n";
        let names: Vec<String> = constructs(text).into_iter().map(|(c, _)| c).collect();
        assert_eq!(names, ["<Tabs>", "{…}"]);
        // Under a paragraph line it is the paragraph's (an inline expression).
        assert_eq!(constructs("text\n{x}\n"), vec![]);
        // Left open under a heading, it is reported.
        let text = "# s\n{";
        assert_eq!(
            opaque_blocks(text, 0..text.len()).unclosed,
            Some((4..5, "an MDX expression `{`".to_string()))
        );
        assert!(is_atx_heading("###### six") && is_atx_heading("#"));
        assert!(!is_atx_heading("####### seven") && !is_atx_heading("#word"));
    }

    #[test]
    fn nested_elements_of_the_same_name_close_at_the_matching_tag() {
        let text = "<Box>\n<Box>\ninner\n</Box>\nstill\n</Box>\n\nafter\n";
        let found = constructs(text);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.ends_with("still\n</Box>"));
        assert_eq!(found[0].0, "<Box> (<Box>)");
    }

    #[test]
    fn braces_in_comments_and_strings_do_not_count() {
        let text = "{/*\n} a { b\n*/}\n\nafter\n\n{\"}\" + '{'}\n\n{/* } */ x}\n";
        let found = constructs(text);
        assert_eq!(
            found.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            ["{/*\n} a { b\n*/}", "{\"}\" + '{'}", "{/* } */ x}"]
        );
        // A comment that never closes is no construct.
        assert_eq!(constructs("{/* a\n\nb }\n"), vec![]);
    }

    #[test]
    fn blanking_keeps_every_offset() {
        let text = "a\n\n<X>é</X>\nb\n";
        let opaque = opaque_blocks(text, 0..text.len()).blocks;
        let blank = blank_out(text, &opaque, 0);
        assert_eq!(blank.len(), text.len());
        assert_eq!(blank, "a\n\n         \nb\n");
    }

    #[test]
    fn react_comment_ids_are_read() {
        assert_eq!(
            comment_id("## Getting Started {/*getting-started*/}"),
            Some(("getting-started".to_string(), 19..40))
        );
        assert_eq!(
            comment_id("## A {/* #a-b */}").map(|(id, _)| id),
            Some("a-b".to_string())
        );
        assert_eq!(comment_id("## A {/* two words */}"), None);
        assert_eq!(comment_id("## A {#a}"), None);
    }
}
