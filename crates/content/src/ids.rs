//! Section ids for headings that lack one, for `yaku ids --write`.

use std::collections::BTreeSet;

use crate::parse::{is_valid_id, parse_heading_line};
use crate::{
    parse_document, Diagnostic, ParseOptions, Problem, SectionKind, FRONT_MATTER_ID, LEAD_ID,
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

/// Adds an id to every heading that has none and changes no other byte. Returns the new
/// text, or the fatal problem that kept the file from being parsed.
pub fn add_missing_ids(text: &[u8]) -> Result<String, Diagnostic> {
    let parsed = parse_document(text, &ParseOptions::default())?;
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
    let mut insertions: Vec<(usize, String)> = Vec::new();
    for section in headings.iter().filter(|s| s.id.as_str().is_empty()) {
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
        let line = &document.text[section.heading_span.clone()];
        let first_line = line.split_inclusive('\n').next().unwrap_or("");
        let first_line = first_line.trim_end_matches(['\n', '\r']);
        let parsed_line = parse_heading_line(first_line);
        let start = section.heading_span.start;
        match parsed_line.attributes {
            Some(attributes)
                if document.text[start + attributes.start..].starts_with('{')
                    && !parsed_line.text.eq(&parsed_line.text_with_braces) =>
            {
                insertions.push((start + attributes.start + 1, format!("#{id} ")));
            }
            _ => insertions.push((start + first_line.trim_end().len(), format!(" {{#{id}}}"))),
        }
    }
    let mut out = document.text.clone();
    insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, insert) in insertions {
        out.insert_str(at, &insert);
    }
    Ok(out)
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
        let fixed = add_missing_ids(text.as_bytes()).unwrap();
        assert_eq!(
            fixed,
            "intro\n\n## 1. 始め {#s1}\n\ntext\n\n### 参考文献 {#section}\n\n## Done {#done}\n### 参考文献 {#section-2}  \n"
        );
        // A second run has nothing to add.
        assert_eq!(add_missing_ids(fixed.as_bytes()).unwrap(), fixed);
    }

    #[test]
    fn reserved_ids_are_never_generated() {
        let fixed = add_missing_ids(
            b"## Lead

## Front matter
",
        )
        .unwrap();
        assert_eq!(
            fixed,
            "## Lead {#lead-2}

## Front matter {#front-matter-2}
"
        );
    }
}
