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
//! Areas written by yaku 0.1 in a `<script type="text/x-yaku-obsolete">` element are
//! still read (their text is not escaped); they are written in the new form the next time
//! sync changes them.

/// The line that starts the obsolete area at the end of a translation file.
pub const OBSOLETE_MARKER: &str = "<!-- yaku:obsolete -->";
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
    rewrite(text, |backslashes| Some(backslashes + 1))
}

/// Undoes [`escape_parked`]: every `--` followed by one or more backslashes, an optional
/// `!` and `>` loses one backslash.
pub fn unescape_parked(text: &str) -> String {
    rewrite(text, |backslashes| backslashes.checked_sub(1))
}

/// Rewrites every `--\…\!>` sequence (leftmost first, without overlap), giving it the
/// number of backslashes `count` returns for the number it has (`None`: leave it).
fn rewrite(text: &str, count: impl Fn(usize) -> Option<usize>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = memchr::memmem::find(&bytes[i..], b"--") {
        let dashes = i + found;
        let mut at = dashes + 2;
        while bytes.get(at) == Some(&b'\\') {
            at += 1;
        }
        let backslashes = at - dashes - 2;
        let bang = bytes.get(at) == Some(&b'!');
        let end = at + usize::from(bang);
        match (bytes.get(end), count(backslashes)) {
            (Some(b'>'), Some(new)) => {
                out.push_str(&text[copied..dashes + 2]);
                out.extend(std::iter::repeat_n('\\', new));
                if bang {
                    out.push('!');
                }
                out.push('>');
                copied = end + 1;
                i = end + 1;
            }
            // Not a sequence: the next one may start at the second dash.
            _ => i = dashes + 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The text of an obsolete area holding `pieces` (parked sections, unescaped), in order,
/// with `le` as line ending. Each piece ends with a line ending and is set off from the
/// next by a blank line.
pub fn render_obsolete_area<'a>(pieces: impl IntoIterator<Item = &'a str>, le: &str) -> String {
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
    format!(
        "{OBSOLETE_MARKER}{le}{OBSOLETE_OPEN}{le}{}{OBSOLETE_CLOSE}{le}",
        escape_parked(&parked)
    )
}

/// Whether `line` would end the area's comment (or, in an area of yaku 0.1, its script).
pub(crate) fn closes(line: &str, legacy: bool) -> bool {
    if legacy {
        line.to_ascii_lowercase().contains("</script")
    } else {
        line.contains("-->") || line.contains("--!>")
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
        let area = render_obsolete_area(["## a {#a}\n<!-- x -->\n--!>\n"], "\n");
        assert_eq!(
            area,
            "<!-- yaku:obsolete -->\n<!--\n## a {#a}\n<!-- x --\\>\n--\\!>\n-->\n"
        );
        let closing: Vec<&str> = area.lines().filter(|l| closes(l, false)).collect();
        assert_eq!(closing, ["<!-- yaku:obsolete -->", "-->"]);
    }
}
