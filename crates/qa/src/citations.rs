//! The `citations` rule: a translated section cites what its source section cites, no
//! more and no less; when the source document has a reference list, every citation of
//! the translation resolves to an entry of the translation's own list (same first
//! author and year); DOIs and absolute URLs are the same.
//!
//! Citations are compared by author and year, whatever their form or place: the
//! narrative `Shah et al. (2025)` equals the parenthetical `(Shah et al., 2025)`, and
//! `&` equals `and`. Reference-list entries, code, HTML comments and link targets are not
//! searched for citations.

use std::ops::Range;
use yaku_content::{extract_citations, find_dois, Citation, Reference};

use crate::prepared::Citations;
use crate::text::SectionText;

/// A problem, at a line.
pub(crate) type Problem = (usize, String);

/// What the rule needs to know about one side.
pub(crate) struct Side<'a> {
    /// The section's text.
    pub text: &'a SectionText,
    /// The section's citations.
    pub citations: &'a Citations,
    /// The section's DOIs and absolute URLs ([`identifiers`]).
    pub identifiers: &'a [String],
    /// The whole document's reference list.
    pub references: &'a [Reference],
}

/// What two citations are compared by: authors (`&` read as `and`) and year.
pub(crate) fn key(citation: &Citation) -> String {
    format!(
        "{}, {}",
        citation.authors.replace(" & ", " and "),
        citation.year
    )
}

/// The citations of a section, with its reference entries (`references`), code and
/// link targets left out.
pub(crate) fn citations(text: &SectionText, references: &[Range<usize>]) -> Vec<Citation> {
    let masked = text.masked(text.code.iter().chain(&text.link_targets).chain(references));
    extract_citations(&masked)
}

/// DOIs in the text and absolute link destinations (of `links`), as `DOI …` and
/// `URL …`.
pub(crate) fn identifiers(text: &SectionText, links: &[String]) -> Vec<String> {
    let masked = text.masked(&text.link_targets);
    let mut out: Vec<String> = find_dois(&masked)
        .map(|doi| format!("DOI {}", doi.trim_end_matches(['.', ',']).to_lowercase()))
        .collect();
    out.extend(
        links
            .iter()
            .filter(|link| link.contains("://") || link.starts_with("//"))
            .map(|link| format!("URL {link}")),
    );
    out
}

/// Items of `a` not in `b`, as multisets, in the order of `a`.
fn difference<'a, T: PartialEq>(a: &'a [T], b: &[T]) -> Vec<&'a T> {
    let mut used = vec![false; b.len()];
    let mut out = Vec::new();
    for item in a {
        match b
            .iter()
            .enumerate()
            .position(|(j, other)| !used[j] && other == item)
        {
            Some(j) => used[j] = true,
            None => out.push(item),
        }
    }
    out
}

/// Checks one section pair.
pub(crate) fn check(source: &Side<'_>, translation: &Side<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let section_line = translation.text.first_line();
    let (source_keys, translation_keys) = (&source.citations.keys, &translation.citations.keys);
    let translation_citations = &translation.citations.citations;

    let missing = difference(source_keys, translation_keys);
    let added = difference(translation_keys, source_keys);
    if !missing.is_empty() || !added.is_empty() {
        let at = added
            .first()
            .and_then(|first| translation_keys.iter().position(|k| k == *first))
            .and_then(|i| translation_citations.get(i))
            .map_or(section_line, |c| translation.text.line_at(c.span.start));
        let mut parts = Vec::new();
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|k| format!("({k})")).collect();
            parts.push(format!("missing {}", list.join(", ")));
        }
        if !added.is_empty() {
            let list: Vec<String> = added.iter().map(|k| format!("({k})")).collect();
            parts.push(format!("not in the source {}", list.join(", ")));
        }
        problems.push((
            at,
            format!("citations differ from the source: {}", parts.join("; ")),
        ));
    }

    // A citation the source lacks is reported above; the others must resolve.
    let mut reported: Vec<&str> = Vec::new();
    for (citation, k) in translation_citations.iter().zip(translation_keys) {
        if reported.contains(&k.as_str()) || !source_keys.contains(k) {
            continue;
        }
        if !source.references.is_empty() && citation.resolve(translation.references).is_none() {
            problems.push((
                translation.text.line_at(citation.span.start),
                format!("citation ({k}) has no entry in the translation's reference list"),
            ));
            reported.push(k);
        }
    }

    let missing = difference(source.identifiers, translation.identifiers);
    let added = difference(translation.identifiers, source.identifiers);
    if !missing.is_empty() || !added.is_empty() {
        let mut parts = Vec::new();
        if !missing.is_empty() {
            let list: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            parts.push(format!("missing {}", list.join(", ")));
        }
        if !added.is_empty() {
            let list: Vec<&str> = added.iter().map(|s| s.as_str()).collect();
            parts.push(format!("not in the source {}", list.join(", ")));
        }
        problems.push((
            section_line,
            format!("DOIs and URLs differ from the source: {}", parts.join("; ")),
        ));
    }
    problems
}
