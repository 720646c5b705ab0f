//! Suggestions: a translation memory over the repository. Each paragraph of the
//! section being translated is compared with the source paragraphs of the current
//! sections of the other documents in the same locale; where a section's source and
//! translation have as many paragraphs, the translation's paragraph at the same place is
//! the suggestion. Exact and near matches (similarity of characters, 0–1) are returned,
//! best first.

use serde::Serialize;
use yaku_project::Workspace;
use yaku_sync::{align, section_text, SectionState};

use crate::view::{load_pair, ViewError};

/// Below this similarity a paragraph is not suggested.
pub const MIN_SIMILARITY: f32 = 0.6;
/// At most this many suggestions per paragraph.
pub const PER_PARAGRAPH: usize = 3;

/// A translated paragraph whose source is like one of the section's.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Suggestion {
    /// Which paragraph of the section (0-based, heading line left out).
    pub paragraph: usize,
    /// That paragraph of the section's source.
    pub text: String,
    /// The similar source paragraph.
    pub source: String,
    /// Its translation: what a click inserts.
    pub translation: String,
    /// 1.0 for an exact match.
    pub similarity: f32,
    /// Where it was found.
    pub doc: String,
    /// The section it is in.
    pub section: String,
}

/// The paragraphs of a section's text: blocks between blank lines, the heading line and
/// comment lines left out.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter(|line| !line.starts_with('#') && !line.trim_start().starts_with("<!--"))
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// How alike two texts are, by characters: 1.0 when equal.
pub fn similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    // Texts of very different lengths cannot reach the threshold: not worth a diff.
    if la.min(lb) * 10 < la.max(lb) * 6 {
        return 0.0;
    }
    similar::TextDiff::from_chars(a, b).ratio()
}

/// Suggestions for section `section` of `doc` in `locale`.
pub fn suggestions(
    workspace: &Workspace,
    locale: &str,
    doc: &str,
    section: &str,
) -> Result<Vec<Suggestion>, ViewError> {
    let pair = load_pair(workspace, locale, doc)?;
    let Some(source_section) = pair.source.document.section(section) else {
        return Ok(Vec::new());
    };
    let wanted = paragraphs(&section_text(&pair.source.document, source_section));
    let locales = vec![pair.locale.clone()];
    let (found, _problems) = workspace.map_pairs(&locales, None, &(), |other, _| {
        let mut found = Vec::new();
        let Some(translation) = other.translation.as_ref().map(|t| &t.document) else {
            return found;
        };
        for alignment in align(&other.source.document, Some(translation)) {
            if alignment.state != SectionState::Current
                || (other.doc == pair.doc && alignment.id.as_str() == section)
            {
                continue;
            }
            let (Some(si), Some(ti)) = (alignment.source, alignment.translation) else {
                continue;
            };
            let sources = paragraphs(&section_text(
                &other.source.document,
                &other.source.document.sections[si],
            ));
            let translations = paragraphs(&section_text(translation, &translation.sections[ti]));
            if sources.len() != translations.len() {
                continue;
            }
            for (i, text) in wanted.iter().enumerate() {
                for (source, translated) in sources.iter().zip(&translations) {
                    let similarity = similarity(text, source);
                    if similarity >= MIN_SIMILARITY {
                        found.push(Suggestion {
                            paragraph: i,
                            text: text.clone(),
                            source: source.clone(),
                            translation: translated.clone(),
                            similarity,
                            doc: other.doc.clone(),
                            section: alignment.id.to_string(),
                        });
                    }
                }
            }
        }
        found
    })?;
    let mut all: Vec<Suggestion> = found.into_iter().flatten().collect();
    all.sort_by(|a, b| {
        a.paragraph
            .cmp(&b.paragraph)
            .then(b.similarity.total_cmp(&a.similarity))
            .then_with(|| (&a.doc, &a.section).cmp(&(&b.doc, &b.section)))
    });
    let mut out: Vec<Suggestion> = Vec::new();
    for suggestion in all {
        let same = out
            .iter()
            .filter(|s| s.paragraph == suggestion.paragraph)
            .count();
        let repeat = out.iter().any(|s| {
            s.paragraph == suggestion.paragraph && s.translation == suggestion.translation
        });
        if same < PER_PARAGRAPH && !repeat {
            out.push(suggestion);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_leave_out_headings_and_comments() {
        assert_eq!(
            paragraphs("## 1. 概要 {#s}\n\n本文です。\n続き。\n\n<!-- x -->\n\n二つ目。"),
            ["本文です。\n続き。", "二つ目。"]
        );
    }

    #[test]
    fn similarity_is_one_for_equal_texts_and_low_for_unlike_ones() {
        assert_eq!(similarity("同じ文です。", "同じ文です。"), 1.0);
        assert!(similarity("細胞外小胞の研究です。", "細胞外小胞の研究でした。") > 0.7);
        assert!(similarity("短い", "とても長い別の文章がここにあります。") < MIN_SIMILARITY);
    }
}
