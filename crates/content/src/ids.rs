//! Section ids for headings that lack one, for `yaku ids --write`.

use std::collections::BTreeSet;

use crate::mdx::comment_id;
use crate::parse::{is_valid_id, parse_heading};
use crate::{
    parse_document, Diagnostic, Dialect, Document, ParseOptions, Problem, SectionKind,
    FRONT_MATTER_ID, LEAD_ID,
};

/// An id for a heading: from its numbering (`2.1 …` → `s2-1`), else from its Latin
/// words (`Why exosomes?` → `why-exosomes`), else `section`.
pub fn derive_id(heading: &str) -> String {
    let trimmed = heading.trim();
    let numbering: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let numbers: Vec<&str> = numbering.split('.').filter(|n| !n.is_empty()).collect();
    let after = &trimmed[numbering.len()..];
    if !numbers.is_empty() && (after.is_empty() || after.starts_with(char::is_whitespace)) {
        return format!("s{}", numbers.join("-"));
    }
    let slug = trimmed
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// Adds an id to every heading that has none and changes no other byte. With a renderer
/// [`IdStyle`](crate::IdStyle) in `options`, a heading gets the id the renderer gives it
/// (written out); otherwise its numbering or Latin words ([`derive_id`]). Returns the new
/// text, or the problem that kept the file from being parsed or its ids from being placed
/// (a carriage return that ends a line for Markdown but not for yaku).
pub fn add_missing_ids(text: &[u8], options: &ParseOptions) -> Result<String, Diagnostic> {
    let parsed = parse_document(text, options)?;
    if let Some(stray) = parsed
        .diagnostics
        .iter()
        .find(|d| d.problem == Problem::StrayCarriageReturn)
    {
        return Err(stray.clone());
    }
    let document = parsed.document;
    let headings: Vec<_> = document
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Heading)
        .collect();
    // Ids of parked sections are taken too (they come back when the source's id returns);
    // the parked text itself is sync's to write, so no id is added there.
    let parked = document.obsolete.iter().flat_map(|a| a.sections.iter());
    let mut used: BTreeSet<String> = headings
        .iter()
        .copied()
        .chain(parked)
        .map(|s| s.id.to_string())
        .filter(|id| !id.is_empty())
        .collect();
    // Ids yaku reserves for the parts it tracks itself are never given to a heading.
    used.extend([LEAD_ID.to_string(), FRONT_MATTER_ID.to_string()]);
    let mut ids: Vec<(usize, String)> = Vec::new();
    for (index, section) in document.sections.iter().enumerate() {
        if section.kind != SectionKind::Heading {
            continue;
        }
        if section.id_derived {
            ids.push((index, section.id.to_string()));
            continue;
        }
        if !section.id.as_str().is_empty() {
            continue;
        }
        let has_problem = parsed.diagnostics.iter().any(|d| {
            d.problem == Problem::HeadingWithoutId && section.span.contains(&d.span.start)
        });
        if !has_problem {
            continue;
        }
        let base = derive_id(&section.heading);
        let base = if is_valid_id(&base) {
            base
        } else {
            "section".to_string()
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        ids.push((index, id));
    }
    Ok(write_ids(&document, options.dialect, &ids))
}

/// The document's text with `ids` (section index, id) written on those headings, which
/// have no id written: `{#id}` at the end of the line (inside an attribute block it
/// already has), or in MDX files that write ids as `{/*id*/}`, that form. No other byte
/// changes.
pub fn write_ids(document: &Document, dialect: Dialect, ids: &[(usize, String)]) -> String {
    // The form of the file's first comment id, `{/*id*/}` (React) or `{/* #id */}`
    // (Docusaurus, which reads only ids with `#`): the parts around the id.
    let comment_form = (dialect == Dialect::Mdx)
        .then(|| {
            document.sections.iter().find_map(|s| {
                if s.kind != SectionKind::Heading {
                    return None;
                }
                let line = document.slice(&s.heading_span).lines().next().unwrap_or("");
                let (id, braces) = comment_id(line)?;
                let written = &line[braces];
                let at = written.find(id.as_str())?;
                Some((
                    written[..at].to_string(),
                    written[at + id.len()..].to_string(),
                ))
            })
        })
        .flatten();
    let mut insertions: Vec<(usize, String)> = Vec::new();
    for (index, id) in ids {
        let Some(section) = document.sections.get(*index) else {
            continue;
        };
        let (at, insert) = id_insertion(
            document.slice(&section.heading_span),
            id,
            comment_form.as_ref(),
        );
        insertions.push((section.heading_span.start + at, insert));
    }
    let mut out = document.text.clone();
    insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, insert) in insertions {
        out.insert_str(at, &insert);
    }
    out
}

/// A heading line (line ending and any following lines kept as they are) with `{#id}`
/// written on it, as [`write_ids`] writes it: for sync's placeholders of a source heading
/// whose id its renderer gives it.
pub fn heading_with_id(heading: &str, id: &str) -> String {
    let (at, insert) = id_insertion(heading, id, None);
    let mut out = heading.to_string();
    out.insert_str(at, &insert);
    out
}

/// Where in `heading` the id goes (at the end of the line its text ends on: an
/// underlined heading's last line above the underline), and what is inserted there;
/// `comment_form` is what goes before and after the id in an MDX comment id.
fn id_insertion(
    heading: &str,
    id: &str,
    comment_form: Option<&(String, String)>,
) -> (usize, String) {
    let (parsed_line, text_line) = parse_heading(heading);
    // After the text's last character other than a space or a tab: pulldown-cmark reads
    // `{#id}` before those only (not before an ideographic space, say).
    let end_of_text = text_line.start + heading[text_line].trim_end_matches([' ', '\t']).len();
    match parsed_line.attributes {
        _ if comment_form.is_some() => {
            let (before, after) = comment_form.cloned().unwrap_or_default();
            (end_of_text, format!(" {before}{id}{after}"))
        }
        Some(attributes)
            if heading[attributes.start..].starts_with('{')
                && !parsed_line.text.eq(&parsed_line.text_with_braces) =>
        {
            (attributes.start + 1, format!("#{id} "))
        }
        _ => (end_of_text, format!(" {{#{id}}}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_numbering_or_latin_words() {
        assert_eq!(derive_id("2.1 コラーゲン"), "s2-1");
        assert_eq!(derive_id("1. エクソソームとは何か?"), "s1");
        assert_eq!(derive_id("Why exosomes?"), "why-exosomes");
        assert_eq!(derive_id("よくある質問(FAQ)"), "faq");
        assert_eq!(derive_id("参考文献"), "section");
    }

    #[test]
    fn adds_ids_and_changes_nothing_else() {
        let text =
            "intro\n\n## 1. 始め\n\ntext\n\n### 参考文献\n\n## Done {#done}\n### 参考文献  \n";
        let fixed = add_missing_ids(text.as_bytes(), &ParseOptions::default()).unwrap();
        assert_eq!(
            fixed,
            "intro\n\n## 1. 始め {#s1}\n\ntext\n\n### 参考文献 {#section}\n\n## Done {#done}\n### 参考文献 {#section-2}  \n"
        );
        // A second run has nothing to add.
        assert_eq!(
            add_missing_ids(fixed.as_bytes(), &ParseOptions::default()).unwrap(),
            fixed
        );
    }

    #[test]
    fn reserved_ids_are_never_generated() {
        let fixed = add_missing_ids(
            b"## Lead

## Front matter
",
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(
            fixed,
            "## Lead {#lead-2}

## Front matter {#front-matter-2}
"
        );
    }

    #[test]
    fn a_renderer_style_writes_the_renderers_ids() {
        let options = ParseOptions {
            id_style: crate::IdStyle::Hugo,
            ..ParseOptions::default()
        };
        let text = "---\ntitle: \"Quickstart Guide\"\n---\n\n## 1. Create the Release Branch\n\n## Setup {#setup}\n\n## Setup\n\n## `run()` *now*\n";
        let fixed = add_missing_ids(text.as_bytes(), &options).unwrap();
        assert_eq!(
            fixed,
            "---\ntitle: \"Quickstart Guide\"\n---\n\n## 1. Create the Release Branch {#1-create-the-release-branch}\n\n## Setup {#setup}\n\n## Setup {#setup-1}\n\n## `run()` *now* {#run-now}\n"
        );
        // Written, they are the same ids: nothing more to add.
        assert_eq!(add_missing_ids(fixed.as_bytes(), &options).unwrap(), fixed);
    }

    #[test]
    fn a_heading_line_gets_its_id_and_keeps_the_rest() {
        assert_eq!(
            heading_with_id("## Setup\n", "setup"),
            "## Setup {#setup}\n"
        );
        assert_eq!(
            heading_with_id("## Setup {.wide}  \r\n", "setup"),
            "## Setup {#setup .wide}  \r\n"
        );
        assert_eq!(
            heading_with_id("Setup\n=====\n", "setup"),
            "Setup {#setup}\n=====\n"
        );
        // Underlined below two lines: the id goes where the heading's text ends, the
        // only place pulldown-cmark reads it.
        assert_eq!(
            heading_with_id("Set up\nthe tool  \r\n---\r\n", "setup"),
            "Set up\nthe tool {#setup}  \r\n---\r\n"
        );
        assert_eq!(
            heading_with_id("Set up {x}\nthe tool {.wide}\n---\n", "setup"),
            "Set up {x}\nthe tool {#setup .wide}\n---\n"
        );
    }

    /// Asserts that `add_missing_ids` makes `fixed` of `text`, in which the parser finds
    /// no error (every heading has its id); returns `fixed`'s first heading.
    fn ids_written(text: &str, fixed: &str) -> crate::Section {
        let written = add_missing_ids(text.as_bytes(), &ParseOptions::default()).unwrap();
        assert_eq!(written, fixed, "{text:?}");
        let parsed = parse_document(fixed.as_bytes(), &ParseOptions::default()).unwrap();
        let errors: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{fixed:?}: {errors:?}");
        let mut headings = parsed
            .document
            .sections
            .into_iter()
            .filter(|s| s.kind == SectionKind::Heading);
        headings.next().unwrap()
    }

    #[test]
    fn a_heading_underlined_below_several_lines_gets_an_id_that_the_parser_reads() {
        let section = ids_written(
            "Lead.\n\nOne\n#two\nthree\n===\n\nText.\n",
            "Lead.\n\nOne\n#two\nthree {#one-two-three}\n===\n\nText.\n",
        );
        assert_eq!(section.id.as_str(), "one-two-three");
        assert_eq!(section.heading, "One #two three");
    }

    #[test]
    fn an_id_goes_after_white_space_that_pulldown_cmark_keeps_in_the_heading() {
        // An ideographic space (or a form feed) ends the heading's text for
        // pulldown-cmark: `{#id}` written before it would be text.
        ids_written("## 見出し\u{3000}\n", "## 見出し\u{3000} {#section}\n");
        ids_written("## 見出し\u{3000}  \n", "## 見出し\u{3000} {#section}  \n");
        ids_written("# Title\u{c}\n", "# Title\u{c} {#title}\n");
    }

    #[test]
    fn an_underlined_heading_whose_text_starts_with_a_hash_is_not_read_as_atx() {
        // `#word` is text (an ATX heading needs a space after its marks).
        let section = ids_written(
            "#word:\n  more\n---\n\nText.\n",
            "#word:\n  more {#word-more}\n---\n\nText.\n",
        );
        assert_eq!(section.heading, "#word: more");
        let section = ids_written("#word\n---\n", "#word {#word}\n---\n");
        assert_eq!(section.heading, "#word");
    }

    #[test]
    fn braces_that_are_not_an_attribute_block_get_an_id_after_them() {
        // pulldown-cmark reads no attribute block where `}`, `<`, `>` or `\` stand
        // between the last `{` and the closing `}`: the id goes after all of it.
        ids_written("# {#a>}}b}\n", "# {#a>}}b} {#a-b}\n");
        ids_written("# A {x}y}\n", "# A {x}y} {#a-x-y}\n");
        ids_written("# A {<b>}\n", "# A {<b>} {#a-b}\n");
        ids_written("# A {x\\}\n", "# A {x\\} {#a-x}\n");
        ids_written("# A {.wide}\n", "# A {#a .wide}\n");
    }

    #[test]
    fn a_file_with_a_carriage_return_that_ends_no_line_for_yaku_gets_no_ids() {
        // Markdown ends a line at a lone CR (`#` is a heading here); yaku's lines end at
        // line feeds, so it would write the id in the wrong place.
        let refused = add_missing_ids(b"text\r#\r", &ParseOptions::default()).unwrap_err();
        assert_eq!(refused.problem, Problem::StrayCarriageReturn);
        assert_eq!(refused.span, 4..5);
        // CRLF line endings are lines.
        assert_eq!(
            add_missing_ids(b"text\r\n\r\n# A\r\n", &ParseOptions::default()).unwrap(),
            "text\r\n\r\n# A {#a}\r\n"
        );
    }

    #[test]
    fn every_line_of_an_underlined_heading_is_part_of_its_fingerprint() {
        let fingerprint = |text: &str| {
            let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
            parsed.document.sections[1].fingerprint()
        };
        assert_ne!(
            fingerprint("Lead.\n\nOne\ntwo {#a}\n---\n\nText.\n"),
            fingerprint("Lead.\n\nOne\nthree {#a}\n---\n\nText.\n"),
        );
    }

    #[test]
    fn mdx_files_that_use_react_comments_get_that_form() {
        let options = ParseOptions {
            dialect: Dialect::Mdx,
            ..ParseOptions::default()
        };
        let text = "## Getting Started {/*getting-started*/}\n\n## Next steps\n";
        let fixed = add_missing_ids(text.as_bytes(), &options).unwrap();
        assert_eq!(
            fixed,
            "## Getting Started {/*getting-started*/}\n\n## Next steps {/*next-steps*/}\n"
        );
        // Docusaurus's form, `{/* #id */}`, is kept too.
        let docusaurus = "## Choose {/* #choose */}\n\n## Next steps\n";
        assert_eq!(
            add_missing_ids(docusaurus.as_bytes(), &options).unwrap(),
            "## Choose {/* #choose */}\n\n## Next steps {/* #next-steps */}\n"
        );
        // Without a comment id in the file, `{#id}` (which Docusaurus reads in MDX).
        let plain = add_missing_ids(b"## Next steps\n", &options).unwrap();
        assert_eq!(plain, "## Next steps {#next-steps}\n");
    }
}
