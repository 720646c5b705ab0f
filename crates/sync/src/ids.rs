//! The source's ids for a translation's headings, by structure (`yaku ids --from-source`):
//! the n-th heading of the translation is the n-th heading of the source when the two
//! documents have the same headings (levels, in order, with the same numbering, the ids
//! already written) and each pair of sections the same code blocks, tables, links and
//! MDX, shortcode and admonition blocks. The headings' text is never compared: a
//! translation says it in another language.

use yaku_content::{Document, Section, SectionKind};

/// The first place where a translation's structure differs from its source's, so its
/// headings cannot be given the source's ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    /// The 1-based line of the translation where they part (the end of the file when the
    /// translation runs out of headings).
    pub line: usize,
    /// What differs, in one sentence naming both sides.
    pub message: String,
}

/// The ids to write on a translation's headings: `(index in translation.sections, id)`
/// for every heading without an id, in file order (empty: nothing to write), or where the
/// structures diverge.
pub fn ids_from_source(
    source: &Document,
    translation: &Document,
) -> Result<Vec<(usize, String)>, Divergence> {
    let headings = |document: &Document| -> Vec<usize> {
        document
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == SectionKind::Heading)
            .map(|(i, _)| i)
            .collect()
    };
    let (source_heads, translation_heads) = (headings(source), headings(translation));
    // The lead first: its blocks come before the first heading.
    if let (Some(s), Some(t)) = (lead(source), lead(translation)) {
        if let Some(difference) = shape_difference(s, t) {
            return Err(Divergence {
                line: t.line,
                message: format!("before the first heading: {difference}"),
            });
        }
    }
    let mut ids = Vec::new();
    for (n, (&si, &ti)) in source_heads.iter().zip(&translation_heads).enumerate() {
        let (s, t) = (&source.sections[si], &translation.sections[ti]);
        let at = |message: String| Divergence {
            line: t.line,
            message: format!("heading {} (source line {}): {message}", n + 1, s.line),
        };
        if s.id.as_str().is_empty() {
            return Err(at(
                "the source's heading has no id; give the source its ids first (`yaku ids --write`)"
                    .into(),
            ));
        }
        if let Some(difference) = difference(s, t) {
            return Err(at(difference));
        }
        if t.id.as_str().is_empty() {
            ids.push((ti, s.id.to_string()));
        }
    }
    if source_heads.len() != translation_heads.len() {
        let n = source_heads.len().min(translation_heads.len());
        let line = translation_heads
            .get(n)
            .map(|&i| translation.sections[i].line)
            .unwrap_or_else(|| translation.text.lines().count().max(1));
        let message = match source_heads.get(n) {
            Some(&i) => format!(
                "the translation has {} headings, the source {}: the source's heading {} (line {}, `{}`) has none here",
                translation_heads.len(),
                source_heads.len(),
                n + 1,
                source.sections[i].line,
                source.sections[i].id
            ),
            None => format!(
                "the translation has {} headings, the source {}: heading {} is not in the source",
                translation_heads.len(),
                source_heads.len(),
                n + 1
            ),
        };
        return Err(Divergence { line, message });
    }
    Ok(ids)
}

fn lead(document: &Document) -> Option<&Section> {
    document
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Lead)
}

/// What differs between a source heading's section and the translation's one placed
/// against it.
fn difference(s: &Section, t: &Section) -> Option<String> {
    if s.level != t.level {
        return Some(format!(
            "level {} in the translation, {} in the source",
            "#".repeat(usize::from(t.level)),
            "#".repeat(usize::from(s.level))
        ));
    }
    if !t.id.as_str().is_empty() && t.id != s.id {
        return Some(format!(
            "the translation's heading has the id `{}`, the source's `{}`",
            t.id, s.id
        ));
    }
    let (sn, tn) = (numbering(&s.heading), numbering(&t.heading));
    if sn != tn {
        let show = |n: &[String]| {
            if n.is_empty() {
                "no numbering".to_string()
            } else {
                format!("numbering {}", n.join("."))
            }
        };
        return Some(format!(
            "{} in the translation, {} in the source",
            show(&tn),
            show(&sn)
        ));
    }
    shape_difference(s, t)
}

/// What differs between the blocks of two sections that a translation keeps: code
/// blocks, tables, links, MDX constructs, shortcodes and admonitions.
fn shape_difference(s: &Section, t: &Section) -> Option<String> {
    let (sc, tc) = (s.block_counts(), t.block_counts());
    let counts = [
        ("code blocks", sc.code_blocks, tc.code_blocks),
        ("tables", sc.tables, tc.tables),
        ("links", s.links.len(), t.links.len()),
    ];
    for (what, source, translation) in counts {
        if source != translation {
            return Some(format!(
                "{translation} {what} in the translation's section, {source} in the source's"
            ));
        }
    }
    let constructs = |section: &Section| -> Vec<String> {
        section
            .blocks
            .iter()
            .filter_map(|b| b.kind.construct())
            .collect()
    };
    let (sx, tx) = (constructs(s), constructs(t));
    if sx != tx {
        return Some(format!(
            "blocks {} in the translation's section, {} in the source's",
            list(&tx),
            list(&sx)
        ));
    }
    None
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// The numbers a heading opens with (`2.1 Setup` → [2, 1], `Q3.` → [3], `１．` → [1]).
fn numbering(heading: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut current = String::new();
    let mut chars = heading.trim_start().chars().peekable();
    // A one-letter prefix (`Q1`, `A2`) belongs to the numbering.
    if let Some(&c) = chars.peek() {
        if c.is_ascii_alphabetic() {
            let mut probe = chars.clone();
            probe.next();
            if probe.peek().is_some_and(|d| to_digit(*d).is_some()) {
                chars.next();
            }
        }
    }
    for c in chars {
        if let Some(d) = to_digit(c) {
            current.push(d);
        } else if matches!(c, '.' | '．' | '-') && !current.is_empty() {
            numbers.push(std::mem::take(&mut current));
        } else {
            break;
        }
    }
    if !current.is_empty() {
        numbers.push(current);
    }
    numbers
        .into_iter()
        .map(|n| n.trim_start_matches('0').to_string())
        .map(|n| if n.is_empty() { "0".to_string() } else { n })
        .collect()
}

fn to_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::{parse_document, IdStyle, ParseOptions};

    fn source(text: &str) -> Document {
        let options = ParseOptions {
            id_style: IdStyle::Hugo,
            ..ParseOptions::default()
        };
        parse_document(text.as_bytes(), &options).unwrap().document
    }

    fn translation(text: &str) -> Document {
        parse_document(text.as_bytes(), &ParseOptions::default())
            .unwrap()
            .document
    }

    const SOURCE: &str = "Intro.\n\n## 1. Create the Release Branch\n\n```sh\ngit checkout -b r\n```\n\n### Notes {#notes}\n\nSee [docs](https://x.dev/docs).\n\n## 2. Tag it\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

    #[test]
    fn an_aligned_translation_gets_the_sources_ids() {
        let t = translation("はじめに。\n\n## 1. リリースブランチを作る\n\n```sh\ngit checkout -b r\n```\n\n### 注意 {#notes}\n\n[文書](https://x.dev/ja/docs)を参照。\n\n## 2. タグを付ける\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let ids = ids_from_source(&source(SOURCE), &t).unwrap();
        let named: Vec<(&str, &str)> = ids
            .iter()
            .map(|(i, id)| (t.sections[*i].heading.as_str(), id.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("1. リリースブランチを作る", "1-create-the-release-branch"),
                ("2. タグを付ける", "2-tag-it"),
            ]
        );
    }

    #[test]
    fn a_missing_code_block_is_where_they_diverge() {
        let t = translation("はじめに。\n\n## 1. リリースブランチを作る\n\nブランチを作る。\n\n### 注意\n\n## 2. タグ\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let divergence = ids_from_source(&source(SOURCE), &t).unwrap_err();
        assert_eq!(divergence.line, 3);
        assert_eq!(
            divergence.message,
            "heading 1 (source line 3): 0 code blocks in the translation's section, 1 in the source's"
        );
    }

    #[test]
    fn levels_numbering_ids_and_heading_counts_must_agree() {
        let s = source(SOURCE);
        let level = translation("はじめに。\n\n### 1. 作る\n");
        assert!(ids_from_source(&s, &level)
            .unwrap_err()
            .message
            .contains("level ### in the translation, ## in the source"));
        let numbering = translation("はじめに。\n\n## 2. 作る\n\n```sh\nx\n```\n");
        assert!(ids_from_source(&s, &numbering)
            .unwrap_err()
            .message
            .contains("numbering 2 in the translation, numbering 1 in the source"));
        let id = translation("はじめに。\n\n## 1. 作る {#other}\n\n```sh\nx\n```\n");
        assert!(ids_from_source(&s, &id)
            .unwrap_err()
            .message
            .contains("has the id `other`"));
        let short = translation(
            "はじめに。\n\n## 1. 作る\n\n```sh\nx\n```\n\n### 注意\n\n[a](https://x.dev/docs)\n",
        );
        let divergence = ids_from_source(&s, &short).unwrap_err();
        assert!(
            divergence.message.starts_with(
                "the translation has 2 headings, the source 3: the source's heading 3"
            ),
            "{}",
            divergence.message
        );
    }

    #[test]
    fn headed_numbering_is_read_in_any_digits() {
        assert_eq!(numbering("2.1 Setup"), ["2", "1"]);
        assert_eq!(numbering("Q3. Why?"), ["3"]);
        assert_eq!(numbering("１．概要"), ["1"]);
        assert_eq!(numbering("Setup"), Vec::<String>::new());
        assert_eq!(numbering("2025年"), ["2025"]);
    }
}
