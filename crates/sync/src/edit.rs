//! Editing one section of a translation: its text replaced, every other byte of the file
//! kept, its marker line kept where it was.

use yaku_content::{parse_text, Document, ParseOptions, Section};

/// Why a section's text was not replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The translation has no section with this id.
    #[error("the translation has no section `{0}`; run `yaku sync` first")]
    NoSuchSection(String),
    /// The new text is empty.
    #[error("the new text of `{0}` is empty; a section keeps at least its heading")]
    Empty(String),
    /// The new text would add, remove or rename sections (a heading added, or the
    /// `{#id}` changed), or carries a marker line of its own.
    #[error("the new text of `{section}` would change the document's sections ({what}); edit one section at a time, keep its heading's `{{#{section}}}` and leave out `<!-- yaku: -->` (MDX: `{{/* yaku: */}}`) lines")]
    ChangesSections {
        /// The section edited.
        section: String,
        /// What would change, in words.
        what: String,
    },
    /// The file with the new text could not be parsed.
    #[error("the new text of `{section}` makes the file unreadable: {problem}")]
    Unparsable {
        /// The section edited.
        section: String,
        /// The parser's diagnostic.
        problem: String,
    },
}

/// The text of the section `id` of `translation` as an editor shows it: the section's
/// Markdown (heading line included) without its marker line and without trailing
/// blank lines.
pub fn section_text(translation: &Document, section: &Section) -> String {
    translation
        .text_without_marker(section)
        .trim_end()
        .to_string()
}

/// The translation's new text with the section `id` holding `text` (in the form
/// [`section_text`] gives: marker line and trailing blank lines left out). The section's
/// marker line stays where it was (after as many lines as before: the heading line, the
/// front matter's opening line, or none for the lead), its trailing blank lines are
/// kept, line endings follow the file's, and every byte outside the section is
/// unchanged. Giving the section's current text back gives the file back unchanged.
/// Refused when the result would not have exactly the same sections with the same
/// marker (`options` are the parse options of the project).
pub fn replace_section_text(
    translation: &Document,
    id: &str,
    text: &str,
    options: &ParseOptions,
) -> Result<String, EditError> {
    let Some(section) = translation.section(id) else {
        return Err(EditError::NoSuchSection(id.to_string()));
    };
    let le = translation.line_ending();
    let mut new = text.replace("\r\n", "\n");
    if le == "\r\n" {
        new = new.replace('\n', "\r\n");
    }
    let new = new.trim_end();
    if new.trim().is_empty() {
        return Err(EditError::Empty(id.to_string()));
    }
    if new.lines().any(|line| {
        // Both forms in MDX, whichever the file was written with.
        yaku_content::Marker::parse_line(line, translation.dialect).is_some()
            || yaku_content::Marker::parse_toml(line).is_some()
    }) {
        return Err(EditError::ChangesSections {
            section: id.to_string(),
            what: "it holds a marker line".to_string(),
        });
    }
    let without = translation.text_without_marker(section);
    let kept_end = &without[without.trim_end().len()..];
    let mut body = format!("{new}{kept_end}");
    // The file's byte-order mark stays first, before the section's text.
    let start = translation.text_start(section);
    if let Some((_, marker)) = &section.marker {
        let lines_before = translation.text[start..marker.start].matches('\n').count();
        let at =
            offset_after_lines(&body, lines_before).ok_or_else(|| EditError::ChangesSections {
                section: id.to_string(),
                what: "its first lines are gone".to_string(),
            })?;
        let marker_line = &translation.text[marker.clone()];
        if at == body.len() && !body.is_empty() && !body.ends_with('\n') {
            body.push_str(le);
        }
        body.insert_str(at, marker_line);
    }
    let mut out = String::with_capacity(translation.text.len() + body.len());
    out.push_str(&translation.text[..start]);
    out.push_str(&body);
    out.push_str(&translation.text[section.span.end..]);
    verify(translation, section, out, options)
}

/// The byte offset just after the `lines`-th line break of `text` (0 for none).
fn offset_after_lines(text: &str, lines: usize) -> Option<usize> {
    if lines == 0 {
        return Some(0);
    }
    text.match_indices('\n').nth(lines - 1).map(|(i, _)| i + 1)
}

/// `out` if, parsed, it has the same sections as `translation` and `section` the same
/// marker.
fn verify(
    translation: &Document,
    section: &Section,
    out: String,
    options: &ParseOptions,
) -> Result<String, EditError> {
    let id = section.id.as_str();
    let parsed = parse_text(out, options).map_err(|(diagnostic, _)| EditError::Unparsable {
        section: id.to_string(),
        problem: diagnostic.problem.to_string(),
    })?;
    let ids = |d: &Document| -> Vec<String> {
        d.sections
            .iter()
            .map(|s| format!("{:?}:{}", s.kind, s.id.as_str()))
            .collect()
    };
    let (before, after) = (ids(translation), ids(&parsed.document));
    if before != after {
        let added: Vec<&str> = after
            .iter()
            .filter(|s| !before.contains(s))
            .map(|s| s.split_once(':').map_or(s.as_str(), |(_, id)| id))
            .collect();
        let what = if added.is_empty() {
            "a section would be removed".to_string()
        } else if added.iter().any(|id| id.is_empty()) {
            "it would add a heading (a line of `#`, or a line under `---` or `===`)".to_string()
        } else {
            format!("it would add `{}`", added.join("`, `"))
        };
        return Err(EditError::ChangesSections {
            section: id.to_string(),
            what,
        });
    }
    let changed_area = translation.obsolete.as_ref().map(|o| o.sections.len())
        != parsed.document.obsolete.as_ref().map(|o| o.sections.len());
    let marker_after = parsed.document.section(id).and_then(Section::marker);
    if changed_area || marker_after != section.marker() {
        return Err(EditError::ChangesSections {
            section: id.to_string(),
            what: "its marker line would change".to_string(),
        });
    }
    Ok(parsed.document.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::parse_document;

    /// A translation whose `summary` has a marker line.
    fn translation_text() -> String {
        let marker = yaku_content::Marker::Placeholder {
            source: yaku_content::Fingerprint::of_text("概要"),
        };
        format!(
            "---\ntitle: T\n---\nIntro.\n\n## 1. Summary {{#summary}}\n{}\n\nThe text.\n\n## 2. Method {{#method}}\n\nHow.\n",
            marker.to_markdown()
        )
    }

    fn doc(text: &str) -> Document {
        parse_document(text.as_bytes(), &ParseOptions::default())
            .unwrap()
            .document
    }

    #[test]
    fn one_section_changes_and_every_other_byte_is_kept() {
        let text = translation_text();
        assert!(doc(&text).section("summary").unwrap().marker().is_some());
        let translation = doc(&text);
        let out = replace_section_text(
            &translation,
            "summary",
            "## 1. Summary {#summary}\n\n新しい本文。新的文本。New text.\n",
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(
            out,
            text.replace("The text.", "新しい本文。新的文本。New text.")
        );
    }

    #[test]
    fn a_lead_after_a_byte_order_mark_is_edited_after_it() {
        let marker = yaku_content::Marker::Placeholder {
            source: yaku_content::Fingerprint::of_text("リード"),
        };
        for text in [
            format!(
                "\u{feff}{}\nLead.\n\n## A {{#a}}\n\nText.\n",
                marker.to_markdown()
            ),
            "\u{feff}---\ntitle: T\n---\nLead.\n\n## A {#a}\n\nText.\n".to_string(),
        ] {
            let translation = doc(&text);
            let lead = translation.section("lead").unwrap();
            // The editor never sees the mark, and never moves it.
            let shown = section_text(&translation, lead);
            assert_eq!(shown, "Lead.");
            let out =
                replace_section_text(&translation, "lead", "New lead.", &ParseOptions::default())
                    .unwrap();
            assert_eq!(out, text.replace("Lead.", "New lead."));
            let front_matter = translation
                .sections
                .iter()
                .find(|s| s.id.as_str() == "front-matter");
            if let Some(front_matter) = front_matter {
                assert!(!section_text(&translation, front_matter).starts_with('\u{feff}'));
            }
        }
    }

    #[test]
    fn the_same_text_gives_the_same_bytes() {
        let lf = translation_text();
        for text in [lf.clone(), lf.replace('\n', "\r\n")] {
            let translation = doc(&text);
            for section in translation.sections.iter().filter(|s| s.is_tracked()) {
                let same = section_text(&translation, section);
                let out = replace_section_text(
                    &translation,
                    section.id.as_str(),
                    &same,
                    &ParseOptions::default(),
                )
                .unwrap();
                assert_eq!(out, text, "{}", section.id.as_str());
            }
        }
    }

    #[test]
    fn line_endings_follow_the_file() {
        let crlf = translation_text().replace('\n', "\r\n");
        let translation = doc(&crlf);
        let out = replace_section_text(
            &translation,
            "method",
            "## 2. Method {#method}\n\nHow, now.\nTwo lines.",
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(out, crlf.replace("How.\r\n", "How, now.\r\nTwo lines.\r\n"));
    }

    #[test]
    fn a_new_heading_a_changed_id_or_a_marker_is_refused() {
        let translation = doc(&translation_text());
        let options = ParseOptions::default();
        for text in [
            "## 1. Summary {#summary}\n\nText.\n\n## Extra {#extra}\n\nMore.",
            "## 1. Summary {#other}\n\nText.",
            "## 1. Summary {#summary}\n\n<!-- yaku:untranslated -->\nText.",
        ] {
            let refused = replace_section_text(&translation, "summary", text, &options);
            assert!(
                matches!(refused, Err(EditError::ChangesSections { .. })),
                "{text}: {refused:?}"
            );
        }
        assert_eq!(
            replace_section_text(&translation, "summary", " \n", &options),
            Err(EditError::Empty("summary".into()))
        );
        assert_eq!(
            replace_section_text(&translation, "nowhere", "x", &options),
            Err(EditError::NoSuchSection("nowhere".into()))
        );
    }

    #[test]
    fn an_mdx_translation_refuses_marker_lines_of_both_forms_and_keeps_its_own() {
        let options = ParseOptions {
            dialect: yaku_content::Dialect::Mdx,
            ..ParseOptions::default()
        };
        let marker = yaku_content::Marker::Placeholder {
            source: yaku_content::Fingerprint::of_text("概要"),
        };
        let text = format!(
            "Intro.\n\n## 1. Summary {{/*summary*/}}\n{}\n\nThe text.\n",
            marker.to_line(yaku_content::Dialect::Mdx)
        );
        let translation = parse_document(text.as_bytes(), &options).unwrap().document;
        assert_eq!(
            translation.section("summary").unwrap().marker(),
            Some(marker)
        );
        for line in [
            "{/* yaku:untranslated */}",
            "<!-- yaku:untranslated -->",
            "{/* yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 */}",
        ] {
            let sent = format!("## 1. Summary {{/*summary*/}}\n\n{line}\nText.");
            let refused = replace_section_text(&translation, "summary", &sent, &options);
            assert!(
                matches!(refused, Err(EditError::ChangesSections { .. })),
                "{line}: {refused:?}"
            );
        }
        let out = replace_section_text(
            &translation,
            "summary",
            "## 1. Summary {/*summary*/}\n\n新しい本文。",
            &options,
        )
        .unwrap();
        assert_eq!(out, text.replace("The text.", "新しい本文。"));
    }

    proptest::proptest! {
        /// Whatever text a page sends, a save either refuses it or changes only the
        /// section's bytes, keeps its marker, and reads back as the text sent.
        #[test]
        fn a_save_touches_only_its_section(body in "[a-zA-Z 研究进一步。#{}*\\-\n]{0,80}") {
            let text = format!("## 1. Summary {{#summary}}\n\n{body}");
            let original = translation_text();
            let translation = doc(&original);
            let section = translation.section("summary").unwrap();
            let saved = replace_section_text(&translation, "summary", &text, &ParseOptions::default());
            // A body that cannot hold a heading of its own (ATX `#` or setext `-`) is
            // always taken.
            if !body.contains(['#', '-']) {
                proptest::prop_assert!(saved.is_ok(), "{:?}", saved);
            }
            if let Ok(out) = saved {
                proptest::prop_assert_eq!(&out[..section.span.start], &original[..section.span.start]);
                proptest::prop_assert!(out.ends_with(&original[section.span.end..]));
                let after = doc(&out);
                let saved = after.section("summary").unwrap();
                proptest::prop_assert_eq!(saved.marker(), section.marker());
                proptest::prop_assert_eq!(section_text(&after, saved), text.trim_end());
            }
        }
    }
}
