//! Problems found in an article, as data: what is wrong, where (a byte span), and how to
//! fix it. Turning spans into `path:line:col` with a snippet is the caller's job.

use std::ops::Range;

use crate::FrontMatterFormat;

/// How bad a problem is: errors stop yaku from trusting the file, warnings do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// yaku can go on; the file is still understood.
    Warning,
    /// The file is not valid; commands that need it stop.
    Error,
}

impl Severity {
    /// The lowercase name every output format uses: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong in an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The file is not UTF-8.
    #[error("the file is not valid UTF-8")]
    InvalidUtf8,
    /// Front matter (`+++` for TOML) that never closes.
    #[error("front matter opened with `{}` is never closed", .0.open())]
    UnterminatedFrontMatter(FrontMatterFormat),
    /// The front matter's body does not parse in its format.
    #[error("front matter is not valid {}: {message}", format.name())]
    InvalidFrontMatter {
        /// The format it is written in.
        format: FrontMatterFormat,
        /// The parser's message.
        message: String,
    },
    /// `title` or `description` is not a string.
    #[error("front matter key `{key}` must be a string")]
    FrontMatterNotString {
        /// The format the front matter is written in.
        format: FrontMatterFormat,
        /// The key.
        key: String,
    },
    /// A heading has no `{#id}`.
    #[error("heading has no id")]
    HeadingWithoutId,
    /// An id with characters outside `[a-z0-9-]`.
    #[error("invalid section id `{0}`: ids use only a-z, 0-9 and -")]
    InvalidId(String),
    /// A heading uses an id yaku reserves for itself.
    #[error("section id `{0}` is reserved")]
    ReservedId(String),
    /// Two headings share an id.
    #[error("duplicate section id `{id}` (first used on line {first_line})")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Line of the first heading with this id.
        first_line: usize,
    },
    /// A component directive names no known Fluent message.
    #[error("unknown component `{0}`")]
    UnknownComponent(String),
    /// A `<!-- yaku:… -->` comment (in MDX, `{/* yaku:… */}`) yaku cannot read.
    #[error("malformed yaku directive: {0}")]
    MalformedDirective(String),
    /// A setext (underlined) heading.
    #[error("setext heading (underlined with = or -)")]
    SetextHeading,
    /// The obsolete area is opened but not closed.
    #[error("the obsolete area is not closed")]
    UnterminatedObsoleteArea,
    /// A line in the obsolete area would end it before its closing line.
    #[error("this line ends the obsolete area before its closing line `{0}`")]
    ObsoleteAreaEndsEarly(String),
    /// Text after the obsolete area, which sync would not keep.
    #[error("text after the obsolete area")]
    TextAfterObsoleteArea,
    /// Text in the obsolete area before its first parked section.
    #[error("text in the obsolete area outside a parked section")]
    TextOutsideParkedSection,
    /// A fenced code block or an HTML block (a comment, `<script>`, …) that runs to the
    /// end of the file without its closing line.
    #[error("{0} is never closed")]
    UnclosedBlock(String),
    /// A carriage return that no line feed follows: Markdown ends a line there, yaku's
    /// lines (and so its positions, sections and writes) end at line feeds only.
    #[error("a carriage return (CR) without a line feed after it")]
    StrayCarriageReturn,
    /// Markdown elements nested deeper than yaku reads.
    #[error("Markdown nested more than {0} levels deep")]
    NestingTooDeep(usize),
    /// The id the site's renderer gives a heading (`[markdown] id-style`) is not a yaku
    /// id.
    #[error("the {style} id of this heading, `{id}`, is not a yaku id (a-z, 0-9, -)")]
    UnusableDerivedId {
        /// The id style's name (`hugo`, `github`, `docusaurus`).
        style: &'static str,
        /// The renderer's id.
        id: String,
    },
}

impl Problem {
    /// A sentence telling the author how to fix the problem.
    pub fn help(&self) -> Option<String> {
        let text = match self {
            Problem::InvalidUtf8 => "save the file as UTF-8".to_string(),
            Problem::UnterminatedFrontMatter(format) => format!(
                "end the front matter with a line holding only `{}`",
                format.close()
            ),
            Problem::InvalidFrontMatter { format, .. } => format!(
                "front matter is {}: `{}`, one per line",
                format.name(),
                format.string_field("key", "value")
            ),
            Problem::FrontMatterNotString { format, key } => {
                format!("write `{}`", format.string_field(key, "…"))
            }
            Problem::HeadingWithoutId => {
                "add an id, `## Heading {#some-id}`, or run `yaku ids --write <path>` (a source) or `yaku ids --from-source <locale>` (translations)".to_string()
            }
            Problem::InvalidId(_) => {
                "use lowercase ASCII letters, digits and hyphens, e.g. `{#collagen-elastin}`"
                    .to_string()
            }
            Problem::ReservedId(id) => {
                format!("`{id}` names a part yaku tracks itself; choose another id")
            }
            Problem::DuplicateId { .. } => {
                "ids are unique within a document; rename one of them in every locale".to_string()
            }
            Problem::UnknownComponent(_) => {
                "components are Fluent message ids of the source locale; define it in locales/<source>/*.ftl or fix the name".to_string()
            }
            Problem::MalformedDirective(_) => {
                "write `<!-- yaku:component <message-id> -->` (in MDX, `{/* yaku:component <message-id> */}`); translation markers are written by `yaku sync` and `yaku accept`".to_string()
            }
            Problem::SetextHeading => {
                "write it as an ATX heading: `## Heading {#id}`".to_string()
            }
            Problem::UnterminatedObsoleteArea => format!(
                "end the obsolete area with a line holding only `{}` (in MDX, `{}`)",
                crate::OBSOLETE_CLOSE,
                crate::OBSOLETE_CLOSE_MDX
            ),
            Problem::ObsoleteAreaEndsEarly(close) => format!(
                "the obsolete area is written by `yaku sync`; restore this line as sync wrote it (only the last line is `{close}`), or move the text out of the area"
            ),
            Problem::TextAfterObsoleteArea | Problem::TextOutsideParkedSection => format!(
                "`yaku sync` rewrites the obsolete area and would not keep this text: move it above the `{}` line (in MDX, `{}`)",
                crate::OBSOLETE_MARKER,
                crate::OBSOLETE_MARKER_MDX
            ),
            Problem::UnclosedBlock(_) => "close it (```, `-->`, `</script>`, in MDX `}` or `</Tabs>`, …): until it is closed, everything after it, headings included, is part of it".to_string(),
            Problem::UnusableDerivedId { id, .. } => format!(
                "write an id on the heading, `## Heading {{#some-id}}`, and change the links to `#{id}` to it"
            ),
            Problem::StrayCarriageReturn => "save the file with LF or CRLF line endings: a lone CR ends a line for Markdown, but yaku would place its ids and markers as if it did not".to_string(),
            Problem::NestingTooDeep(_) => "block quotes, lists, emphasis and links inside one another count as levels; flatten the structure".to_string(),
        };
        Some(text)
    }
}

/// One problem at one place in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub problem: Problem,
    /// Where, as a byte range of the file.
    pub span: Range<usize>,
}

impl Diagnostic {
    pub(crate) fn error(problem: Problem, span: Range<usize>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            problem,
            span,
        }
    }

    pub(crate) fn warning(problem: Problem, span: Range<usize>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            problem,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_problems_name_their_format_in_the_words_used_for_toml() {
        let toml = FrontMatterFormat::Toml;
        let invalid = Problem::InvalidFrontMatter {
            format: toml,
            message: "expected `=`".into(),
        };
        assert_eq!(
            invalid.to_string(),
            "front matter is not valid TOML: expected `=`"
        );
        assert_eq!(
            invalid.help().unwrap(),
            "front matter is TOML: `key = \"value\"`, one per line"
        );
        let unterminated = Problem::UnterminatedFrontMatter(toml);
        assert_eq!(
            unterminated.to_string(),
            "front matter opened with `+++` is never closed"
        );
        assert_eq!(
            unterminated.help().unwrap(),
            "end the front matter with a line holding only `+++`"
        );
        let not_string = Problem::FrontMatterNotString {
            format: toml,
            key: "title".into(),
        };
        assert_eq!(
            not_string.to_string(),
            "front matter key `title` must be a string"
        );
        assert_eq!(not_string.help().unwrap(), "write `title = \"…\"`");
    }
}
