//! Translation markers: the one line per section that records its translation state.
//!
//! In Markdown a marker is an HTML comment, invisible in every renderer:
//! `<!-- yaku:source <fingerprint> text <fingerprint> -->` for a section accepted against
//! a version of the source, `<!-- yaku:untranslated <fingerprint> -->` for a placeholder
//! holding the source text of that fingerprint (yaku 0.1 wrote `<!-- yaku:untranslated
//! -->`, still read). In TOML front matter the same words stand in a comment:
//! `# yaku:source … text …`. MDX has no HTML comments: there the marker is written
//! `{/* yaku:source <fingerprint> text <fingerprint> */}`, and both forms are read.

use crate::fingerprint::FINGERPRINT_LEN;
use crate::{Dialect, Fingerprint};

/// The translation state recorded on a section's marker line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Accepted: `source` is the baseline (the source fingerprint the translation was made
    /// from), `text` the fingerprint of the translation when it was accepted.
    Accepted {
        /// Fingerprint of the source section the translation was accepted against.
        source: Fingerprint,
        /// Fingerprint of the translated section at acceptance.
        text: Fingerprint,
    },
    /// A placeholder inserted by sync that still waits for a translator, written before
    /// placeholders recorded what they hold (`yaku:untranslated` alone).
    Untranslated,
    /// A placeholder inserted by sync holding the text of the source section whose
    /// fingerprint is `source`: untouched while the section's own fingerprint is still
    /// `source`, started by a translator once it is not.
    Placeholder {
        /// Fingerprint of the source section the placeholder was made from.
        source: Fingerprint,
    },
}

impl Marker {
    /// Parses a Markdown marker line (`<!-- yaku:… -->`), ignoring surrounding whitespace.
    /// Returns `None` for any other line.
    pub fn parse_markdown(line: &str) -> Option<Result<Marker, String>> {
        let inner = line
            .trim()
            .strip_prefix("<!--")?
            .strip_suffix("-->")?
            .trim();
        Self::parse_words(inner)
    }

    /// Parses a marker line of a file in `dialect`: in MDX, `{/* yaku:… */}` as well as
    /// `<!-- yaku:… -->`. Returns `None` for any other line.
    pub fn parse_line(line: &str, dialect: Dialect) -> Option<Result<Marker, String>> {
        Self::parse_words(dialect.comment_inner(line)?)
    }

    /// Parses a TOML comment marker line (`# yaku:…`).
    pub fn parse_toml(line: &str) -> Option<Result<Marker, String>> {
        let inner = line.trim().strip_prefix('#')?.trim();
        Self::parse_words(inner)
    }

    /// Parses the text inside a comment (`yaku:…`), for a caller that has taken the
    /// comment apart already. Returns `None` for any other text.
    pub(crate) fn parse_words(inner: &str) -> Option<Result<Marker, String>> {
        match Self::parse_written(inner) {
            Some(marker) => Some(Ok(marker)),
            None => Self::parse_any_words(inner),
        }
    }

    /// An accepted marker exactly as yaku writes it, read without splitting it into
    /// words: nearly every marker of a translation is one. `None` for anything else,
    /// which [`Marker::parse_any_words`] reads (or reports).
    fn parse_written(inner: &str) -> Option<Marker> {
        let (source, rest) = inner
            .strip_prefix("yaku:source ")?
            .split_at_checked(FINGERPRINT_LEN)?;
        let text = rest.strip_prefix(" text ")?;
        if text.len() != FINGERPRINT_LEN {
            return None;
        }
        Some(Marker::Accepted {
            source: source.parse().ok()?,
            text: text.parse().ok()?,
        })
    }

    /// A marker's words, however they are spaced, or why they are not a marker.
    fn parse_any_words(inner: &str) -> Option<Result<Marker, String>> {
        let rest = inner.strip_prefix("yaku:")?;
        let mut words = rest.split_whitespace();
        let result = match words.next() {
            Some("untranslated") => match words.next() {
                None => Ok(Marker::Untranslated),
                Some(word) => word
                    .parse()
                    .map(|source| Marker::Placeholder { source })
                    .map_err(|e| format!("{e}")),
            },
            Some("source") => (|| {
                let source = words.next().ok_or("missing source fingerprint")?;
                let source = source.parse().map_err(|e| format!("{e}"))?;
                if words.next() != Some("text") {
                    return Err("expected `text <fingerprint>` after the source fingerprint".into());
                }
                let text = words.next().ok_or("missing text fingerprint")?;
                let text = text.parse().map_err(|e| format!("{e}"))?;
                Ok(Marker::Accepted { source, text })
            })(),
            // Other yaku directives (components, the obsolete area) are not markers.
            _ => return None,
        };
        // A marker is written by yaku and holds nothing else: more words mean it was
        // edited by hand, and what they meant is unknown.
        let rest: Vec<&str> = words.collect();
        Some(match result {
            Ok(_) if !rest.is_empty() => Err(format!(
                "unexpected words after the marker: `{}`",
                rest.join(" ")
            )),
            other => other,
        })
    }

    /// The Markdown form, without line ending.
    pub fn to_markdown(self) -> String {
        format!("<!-- {} -->", self.words())
    }

    /// The form of a file in `dialect` ([`Dialect::comment`]), without line ending.
    pub fn to_line(self, dialect: Dialect) -> String {
        dialect.comment(&self.words())
    }

    /// The TOML comment form, without line ending.
    pub fn to_toml(self) -> String {
        format!("# {}", self.words())
    }

    fn words(self) -> String {
        match self {
            Marker::Accepted { source, text } => format!("yaku:source {source} text {text}"),
            Marker::Untranslated => "yaku:untranslated".to_string(),
            Marker::Placeholder { source } => format!("yaku:untranslated {source}"),
        }
    }

    /// Whether it marks a placeholder (of either form).
    pub fn is_placeholder(self) -> bool {
        matches!(self, Marker::Untranslated | Marker::Placeholder { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip_in_both_forms() {
        let accepted = Marker::Accepted {
            source: Fingerprint::of_text("a"),
            text: Fingerprint::of_text("b"),
        };
        let placeholder = Marker::Placeholder {
            source: Fingerprint::of_text("a"),
        };
        for marker in [accepted, Marker::Untranslated, placeholder] {
            assert_eq!(
                Marker::parse_markdown(&marker.to_markdown()),
                Some(Ok(marker))
            );
            assert_eq!(Marker::parse_toml(&marker.to_toml()), Some(Ok(marker)));
            for dialect in [Dialect::Markdown, Dialect::Mdx] {
                assert_eq!(
                    Marker::parse_line(&marker.to_line(dialect), dialect),
                    Some(Ok(marker))
                );
            }
            // An MDX file reads both forms; a Markdown file only its own.
            assert_eq!(
                Marker::parse_line(&marker.to_markdown(), Dialect::Mdx),
                Some(Ok(marker))
            );
            assert_eq!(
                Marker::parse_line(&marker.to_line(Dialect::Mdx), Dialect::Markdown),
                None
            );
        }
    }

    #[test]
    fn the_mdx_form_is_a_comment_expression() {
        let accepted = Marker::Accepted {
            source: Fingerprint::of_text("a"),
            text: Fingerprint::of_text("b"),
        };
        let line = accepted.to_line(Dialect::Mdx);
        assert!(line.starts_with("{/* yaku:source "), "{line}");
        assert!(line.ends_with(" */}"), "{line}");
        assert_eq!(accepted.to_line(Dialect::Markdown), accepted.to_markdown());
        assert_eq!(
            Marker::Untranslated.to_line(Dialect::Mdx),
            "{/* yaku:untranslated */}"
        );
        assert_eq!(Marker::parse_line("{/* a note */}", Dialect::Mdx), None);
        assert_eq!(
            Marker::parse_line("{/* yaku:untranslated */ x */}", Dialect::Mdx),
            None
        );
        assert!(matches!(
            Marker::parse_line("{/* yaku:untranslated please */}", Dialect::Mdx),
            Some(Err(_))
        ));
    }

    #[test]
    fn other_comments_are_not_markers() {
        assert_eq!(Marker::parse_markdown("<!-- a note -->"), None);
        assert_eq!(
            Marker::parse_markdown("<!-- yaku:component cta-x -->"),
            None
        );
        assert!(matches!(
            Marker::parse_markdown("<!-- yaku:source zz text 00 -->"),
            Some(Err(_))
        ));
        let accepted = Marker::Accepted {
            source: Fingerprint::of_text("a"),
            text: Fingerprint::of_text("b"),
        };
        for extra in [" done", " text 0"] {
            let line = accepted
                .to_markdown()
                .replace(" -->", &format!("{extra} -->"));
            assert!(
                matches!(Marker::parse_markdown(&line), Some(Err(_))),
                "{line}"
            );
        }
        assert!(matches!(
            Marker::parse_markdown("<!-- yaku:untranslated please -->"),
            Some(Err(_))
        ));
        let placeholder = Marker::Placeholder {
            source: Fingerprint::of_text("a"),
        };
        let line = placeholder.to_markdown().replace(" -->", " done -->");
        assert!(
            matches!(Marker::parse_markdown(&line), Some(Err(_))),
            "{line}"
        );
    }

    proptest::proptest! {
        /// The reading of markers as yaku writes them agrees with the reading of their
        /// words, on the written form and on near misses of it (other spacing, other
        /// words, fingerprints too short, too long or not hex, extra words).
        #[test]
        fn the_written_form_reads_as_its_words_do(
            source in "[0-9a-f]{16}|[0-9a-gA-F é]{14,18}",
            text in "[0-9a-f]{16}|[0-9a-gA-F é]{14,18}",
            joins in proptest::sample::select(vec![" ", "  ", "\t", "\u{3000}", ""]),
            word in proptest::sample::select(vec!["text", "texts", "Text", "source"]),
            tail in proptest::sample::select(vec!["", " ", " done", "\n"]),
        ) {
            let inner = format!("yaku:source{joins}{source}{joins}{word}{joins}{text}{tail}");
            let general = Marker::parse_any_words(&inner);
            match Marker::parse_written(&inner) {
                Some(marker) => proptest::prop_assert_eq!(general.clone(), Some(Ok(marker))),
                None => proptest::prop_assert!(
                    !(joins == " " && word == "text" && tail.is_empty() && matches!(general, Some(Ok(_)))),
                    "the written form was not read: {inner:?}"
                ),
            }
            proptest::prop_assert_eq!(Marker::parse_words(&inner), general);
        }
    }
}
