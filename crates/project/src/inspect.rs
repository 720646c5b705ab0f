//! `yaku inspect`: the section tree of one article, as `--format json` shows it and the
//! text table lists it.

use yaku_content::{BlockCounts, LineIndex, Parsed, Section, SectionKind, Severity};

/// An article's sections, parked sections and diagnostics.
#[derive(Debug, serde::Serialize)]
pub struct Inspection<'a> {
    /// The article as named.
    pub doc: &'a str,
    /// Its sections, in file order.
    pub sections: Vec<InspectedSection<'a>>,
    /// The sections parked in its obsolete area, in file order.
    pub obsolete: Vec<InspectedSection<'a>>,
    /// What is wrong with it, in file order.
    pub diagnostics: Vec<InspectedDiagnostic>,
}

/// One section of an inspected article.
#[derive(Debug, serde::Serialize)]
pub struct InspectedSection<'a> {
    /// The id.
    pub id: &'a str,
    /// Front matter, lead or headed section.
    pub kind: SectionKind,
    /// The heading level (0 for the front matter and the lead).
    pub level: u8,
    /// The heading text.
    pub heading: &'a str,
    /// The 1-based line where it starts.
    pub line: usize,
    /// Its version, in hex.
    pub fingerprint: String,
    /// How many blocks of each kind it holds.
    pub blocks: BlockCounts,
    /// The components it places, in order.
    pub components: Vec<&'a str>,
}

/// A diagnostic of an inspected article, with its line and column.
#[derive(Debug, serde::Serialize)]
pub struct InspectedDiagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl<'a> Inspection<'a> {
    /// The inspection of `parsed`, the article named `doc`.
    pub fn new(doc: &'a str, parsed: &'a Parsed) -> Inspection<'a> {
        let document = &parsed.document;
        let index = LineIndex::new(&document.text);
        Inspection {
            doc,
            sections: document
                .sections
                .iter()
                .map(InspectedSection::new)
                .collect(),
            obsolete: document
                .obsolete
                .iter()
                .flat_map(|a| a.sections.iter())
                .map(InspectedSection::new)
                .collect(),
            diagnostics: parsed
                .diagnostics
                .iter()
                .map(|d| {
                    let (line, col) = index.line_col(&document.text, d.span.start);
                    InspectedDiagnostic {
                        severity: d.severity,
                        line,
                        col,
                        message: d.problem.to_string(),
                    }
                })
                .collect(),
        }
    }

    /// Every section, then every parked one, with whether it is parked.
    pub fn all_sections(&self) -> impl Iterator<Item = (&InspectedSection<'a>, bool)> {
        let sections = self.sections.iter().map(|s| (s, false));
        sections.chain(self.obsolete.iter().map(|s| (s, true)))
    }
}

impl<'a> InspectedSection<'a> {
    fn new(section: &'a Section) -> InspectedSection<'a> {
        InspectedSection {
            id: section.id.as_str(),
            kind: section.kind,
            level: section.level,
            heading: &section.heading,
            line: section.line,
            fingerprint: section.fingerprint().to_string(),
            blocks: section.block_counts(),
            components: section.components(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::{parse_document, ParseOptions};

    #[test]
    fn sections_parked_sections_and_diagnostics_are_listed_in_file_order() {
        // `b` repeats the id `a`: a diagnostic on line 7.
        let text = "はじめに。\n\n## 1. 概要 {#a}\n\n- 一\n- 二\n\n## 2. 重複 {#a}\n\n<!-- yaku:obsolete -->\n<!--\n## 古い {#old}\n\n本文。\n-->\n";
        let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
        let inspection = Inspection::new("article.md", &parsed);
        let ids: Vec<(&str, bool)> = inspection
            .all_sections()
            .map(|(s, parked)| (s.id, parked))
            .collect();
        assert_eq!(
            ids,
            [("lead", false), ("a", false), ("a", false), ("old", true)]
        );
        let first = &inspection.sections[1];
        assert_eq!((first.level, first.line, first.heading), (2, 3, "1. 概要"));
        assert_eq!((first.blocks.lists, first.blocks.list_items), (1, 2));
        let lines: Vec<(usize, usize)> = inspection
            .diagnostics
            .iter()
            .map(|d| (d.line, d.col))
            .collect();
        assert_eq!(lines, [(8, 1)]);
        let json = serde_json::to_value(&inspection).unwrap();
        assert_eq!(json["doc"], "article.md");
        assert_eq!(json["obsolete"][0]["id"], "old");
        assert_eq!(json["diagnostics"][0]["severity"], "error");
    }
}
