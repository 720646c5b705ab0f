//! The obsolete area: where sync parks translated sections the source dropped.
//!
//! The area is one HTML comment after a `<!-- yaku:obsolete -->` line, so no renderer
//! shows it. Whatever a parked section holds (a `</script>` line, a comment, a fence of
//! any length, the area's own delimiters), nothing in it may close the comment early: the
//! parked text is escaped so that it never contains `-->` or `--!>`, the two sequences that
//! end an HTML comment (and the only ones that end a CommonMark HTML block of this kind).
//! The escape is reversible, so a section comes back byte for byte.
//!
//! ```markdown
//! <!-- yaku:obsolete -->
//! <!--
//! ## An old section {#old-id}
//! <!-- yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 --\>
//!
//! Its translated text.
//! -->
//! ```
//!
//! MDX has no HTML comments: in an `.mdx` file the area is `{/* yaku:obsolete */}` and
//! one `{/*` … `*/}` comment expression, whose parked text is escaped so that it never
//! contains `*/`, the one sequence that ends a JavaScript block comment (a brace inside
//! the comment ends nothing: the MDX compiler reads the expression with a JavaScript
//! parser). Every `*` followed by backslashes (any number, none included) and `/` gets
//! one more backslash, the same scheme as for `-->`. An `.mdx` file whose area has the
//! HTML form (written by an older yaku) is still read, and written in the MDX form the
//! next time sync changes the area.
//!
//! ```mdx
//! {/* yaku:obsolete */}
//! {/*
//! ## An old section {/*old-id*\/}
//! {/* yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 *\/}
//!
//! Its translated text.
//! */}
//! ```
//!
//! Areas written by yaku 0.1 in a `<script type="text/x-yaku-obsolete">` element are
//! still read (their text is not escaped); they are written in the new form the next time
//! sync changes them.

use crate::Dialect;

/// The line that starts the obsolete area at the end of a translation file.
pub const OBSOLETE_MARKER: &str = "<!-- yaku:obsolete -->";
/// [`OBSOLETE_MARKER`] in an MDX file.
pub const OBSOLETE_MARKER_MDX: &str = "{/* yaku:obsolete */}";
/// [`OBSOLETE_OPEN`] in an MDX file.
pub const OBSOLETE_OPEN_MDX: &str = "{/*";
/// [`OBSOLETE_CLOSE`] in an MDX file.
pub const OBSOLETE_CLOSE_MDX: &str = "*/}";
/// The line after [`OBSOLETE_MARKER`] that opens the comment holding parked sections.
pub const OBSOLETE_OPEN: &str = "<!--";
/// The line that closes the obsolete area.
pub const OBSOLETE_CLOSE: &str = "-->";
/// The opening line of an area written by yaku 0.1, still read.
pub(crate) const LEGACY_OPEN: &str = "<script type=\"text/x-yaku-obsolete\">";
/// The closing line of an area written by yaku 0.1.
pub(crate) const LEGACY_CLOSE: &str = "</script>";

/// Escapes parked text for the area's comment: every `--` that is followed by backslashes
/// (any number, none included), an optional `!` and `>` gets one more backslash. The
/// result contains neither `-->` nor `--!>`; [`unescape_parked`] undoes it exactly.
pub fn escape_parked(text: &str) -> String {
    rewrite(text, HTML_END, |backslashes| Some(backslashes + 1))
}

/// Undoes [`escape_parked`]: every `--` followed by one or more backslashes, an optional
/// `!` and `>` loses one backslash.
pub fn unescape_parked(text: &str) -> String {
    rewrite(text, HTML_END, |backslashes| backslashes.checked_sub(1))
}

/// Escapes parked text for the area's comment in an MDX file: every `*` that is followed
/// by backslashes (any number, none included) and `/` gets one more backslash. The result
/// does not contain `*/`; [`unescape_parked_mdx`] undoes it exactly.
pub fn escape_parked_mdx(text: &str) -> String {
    rewrite(text, MDX_END, |backslashes| Some(backslashes + 1))
}

/// Undoes [`escape_parked_mdx`]: every `*` followed by one or more backslashes and `/`
/// loses one backslash.
pub fn unescape_parked_mdx(text: &str) -> String {
    rewrite(text, MDX_END, |backslashes| backslashes.checked_sub(1))
}

/// A sequence that ends a comment, with the backslashes that escape it counted between
/// its `lead` and its `last` byte.
struct CommentEnd {
    lead: &'static [u8],
    /// An optional `!` may stand before `last` (`--!>`).
    bang: bool,
    last: u8,
}

/// `-->` and `--!>`, the ends of an HTML comment.
const HTML_END: CommentEnd = CommentEnd {
    lead: b"--",
    bang: true,
    last: b'>',
};

/// `*/`, the end of a JavaScript block comment.
const MDX_END: CommentEnd = CommentEnd {
    lead: b"*",
    bang: false,
    last: b'/',
};

/// Rewrites every `lead\…\last` sequence of `end` (leftmost first, without overlap),
/// giving it the number of backslashes `count` returns for the number it has (`None`:
/// leave it).
fn rewrite(text: &str, end: CommentEnd, count: impl Fn(usize) -> Option<usize>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = memchr::memmem::find(&bytes[i..], end.lead) {
        let lead = i + found;
        let mut at = lead + end.lead.len();
        while bytes.get(at) == Some(&b'\\') {
            at += 1;
        }
        let backslashes = at - lead - end.lead.len();
        let bang = end.bang && bytes.get(at) == Some(&b'!');
        let last = at + usize::from(bang);
        match (bytes.get(last), count(backslashes)) {
            (Some(&b), Some(new)) if b == end.last => {
                out.push_str(&text[copied..lead + end.lead.len()]);
                out.extend(std::iter::repeat_n('\\', new));
                if bang {
                    out.push('!');
                }
                out.push(char::from(end.last));
                copied = last + 1;
                i = last + 1;
            }
            // Not a sequence: the next one may start at the lead's second byte.
            _ => i = lead + 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The text of an obsolete area holding `pieces` (parked sections, unescaped), in order,
/// with `le` as line ending, in the form of a file in `dialect`. Each piece ends with a
/// line ending and is set off from the next by a blank line.
pub fn render_obsolete_area<'a>(
    pieces: impl IntoIterator<Item = &'a str>,
    le: &str,
    dialect: Dialect,
) -> String {
    let mut parked = String::new();
    for piece in pieces {
        let set_off = parked.is_empty() || parked.ends_with("\n\n") || parked.ends_with("\n\r\n");
        if !set_off {
            parked.push_str(le);
        }
        parked.push_str(piece);
        if !parked.ends_with('\n') {
            parked.push_str(le);
        }
    }
    match dialect {
        Dialect::Markdown => format!(
            "{OBSOLETE_MARKER}{le}{OBSOLETE_OPEN}{le}{}{OBSOLETE_CLOSE}{le}",
            escape_parked(&parked)
        ),
        Dialect::Mdx => format!(
            "{OBSOLETE_MARKER_MDX}{le}{OBSOLETE_OPEN_MDX}{le}{}{OBSOLETE_CLOSE_MDX}{le}",
            escape_parked_mdx(&parked)
        ),
    }
}

/// The form of an obsolete area, known by its opening line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AreaForm {
    /// An HTML comment, `<!--` … `-->`.
    Html,
    /// An MDX comment expression, `{/*` … `*/}`.
    Mdx,
    /// A script element of yaku 0.1.
    Legacy,
}

impl AreaForm {
    /// The form an area opened by `line` (trimmed) has in a file in `dialect`.
    pub(crate) fn of_open(line: &str, dialect: Dialect) -> Option<AreaForm> {
        match line {
            OBSOLETE_OPEN => Some(AreaForm::Html),
            OBSOLETE_OPEN_MDX if dialect == Dialect::Mdx => Some(AreaForm::Mdx),
            LEGACY_OPEN => Some(AreaForm::Legacy),
            _ => None,
        }
    }

    /// The line that closes the area.
    pub(crate) fn close(self) -> &'static str {
        match self {
            AreaForm::Html => OBSOLETE_CLOSE,
            AreaForm::Mdx => OBSOLETE_CLOSE_MDX,
            AreaForm::Legacy => LEGACY_CLOSE,
        }
    }

    /// Whether `line` would end the area's comment (or, in an area of yaku 0.1, its
    /// script).
    pub(crate) fn closes(self, line: &str) -> bool {
        match self {
            AreaForm::Legacy => line.to_ascii_lowercase().contains("</script"),
            AreaForm::Html => line.contains("-->") || line.contains("--!>"),
            AreaForm::Mdx => line.contains("*/"),
        }
    }

    /// The parked text of the area's raw text.
    pub(crate) fn unescape(self, raw: &str) -> String {
        match self {
            AreaForm::Legacy => raw.to_string(),
            AreaForm::Html => unescape_parked(raw),
            AreaForm::Mdx => unescape_parked_mdx(raw),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_ends_are_escaped_and_come_back() {
        for (text, escaped) in [
            ("a --> b", "a --\\> b"),
            ("--!>", "--\\!>"),
            ("--\\>", "--\\\\>"),
            ("--->", "---\\>"),
            ("<!-- yaku:source 1 -->", "<!-- yaku:source 1 --\\>"),
            ("-- > - ->", "-- > - ->"),
            ("</script>", "</script>"),
        ] {
            assert_eq!(escape_parked(text), escaped, "{text}");
            assert_eq!(unescape_parked(escaped), text, "{escaped}");
        }
    }

    #[test]
    fn an_area_holds_no_comment_end_but_its_own() {
        let area = render_obsolete_area(["## a {#a}\n<!-- x -->\n--!>\n"], "\n", Dialect::Markdown);
        assert_eq!(
            area,
            "<!-- yaku:obsolete -->\n<!--\n## a {#a}\n<!-- x --\\>\n--\\!>\n-->\n"
        );
        let closing: Vec<&str> = area.lines().filter(|l| AreaForm::Html.closes(l)).collect();
        assert_eq!(closing, ["<!-- yaku:obsolete -->", "-->"]);
    }

    #[test]
    fn comment_expression_ends_are_escaped_and_come_back() {
        for (text, escaped) in [
            ("a */ b", "a *\\/ b"),
            ("*\\/", "*\\\\/"),
            ("**/", "**\\/"),
            ("{/* yaku:source 1 */}", "{/* yaku:source 1 *\\/}"),
            ("* / /* {} -->", "* / /* {} -->"),
        ] {
            assert_eq!(escape_parked_mdx(text), escaped, "{text}");
            assert_eq!(unescape_parked_mdx(escaped), text, "{escaped}");
        }
    }

    #[test]
    fn an_mdx_area_holds_no_comment_end_but_its_own() {
        let area = render_obsolete_area(
            ["## a {/*a*/}\n{/* yaku:required */}\n*/}\n"],
            "\n",
            Dialect::Mdx,
        );
        assert_eq!(
            area,
            "{/* yaku:obsolete */}\n{/*\n## a {/*a*\\/}\n{/* yaku:required *\\/}\n*\\/}\n*/}\n"
        );
        let closing: Vec<&str> = area.lines().filter(|l| AreaForm::Mdx.closes(l)).collect();
        assert_eq!(closing, ["{/* yaku:obsolete */}", "*/}"]);
    }
}
