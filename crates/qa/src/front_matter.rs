//! The `front-matter-data` rule: the keys of a translation's front matter that are data,
//! not translatable text (date, weight, slug, aliases…: every key but the project's
//! `[front-matter] translatable`), have the source's values. Compared as values, not as
//! text, so `weight: 2` and `weight: 2` written differently (quotes, spacing) agree.

use yaku_content::{Document, Field, LineIndex};

/// The problems of a translation's front-matter data, as `(line, message)` at each key.
pub(crate) fn check(source: &Document, translation: &Document) -> Vec<(usize, String)> {
    let (Some(source_fm), Some(translation_fm)) = (&source.front_matter, &translation.front_matter)
    else {
        return Vec::new();
    };
    // The file's line index, made only when there is something to report.
    let mut index: Option<LineIndex> = None;
    let mut line_of = |offset: usize| {
        index
            .get_or_insert_with(|| LineIndex::new(&translation.text))
            .line(offset)
    };
    let mut out = Vec::new();
    for field in translation_fm.data_fields() {
        match source_fm.field(&field.key) {
            Some(source_field) if source_field.value == field.value => {}
            Some(source_field) => out.push((
                line_of(field.key_span.start),
                format!(
                    "front-matter key `{}` is {}, the source's is {}; it is data, not text to translate",
                    field.key,
                    shown(&translation.text, field),
                    shown(&source.text, source_field)
                ),
            )),
            None => out.push((
                line_of(field.key_span.start),
                format!(
                    "front-matter key `{}` is not in the source's front matter; a translation keeps the source's data keys (translatable keys: {})",
                    field.key,
                    translation_fm.translatable.join(", ")
                ),
            )),
        }
    }
    out
}

/// A value as written, on one line and short.
fn shown(text: &str, field: &Field) -> String {
    let written = text.get(field.value_span.clone()).unwrap_or("").trim();
    let line: String = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    format!("`{short}`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::{parse_document, ParseOptions};

    fn document(text: &str) -> Document {
        parse_document(text.as_bytes(), &ParseOptions::default())
            .unwrap()
            .document
    }

    const SOURCE: &str =
        "---\ntitle: Install\nweight: 2\ndate: 2024-01-05\naliases: [/install/]\n---\n\nBody.\n";

    #[test]
    fn data_keys_with_the_sources_values_are_fine() {
        let translation = "---\ntitle: インストール\nweight: 2\ndate: 2024-01-05\naliases:\n  - /install/\n---\n\n本文。\n";
        assert_eq!(check(&document(SOURCE), &document(translation)), []);
    }

    #[test]
    fn a_changed_or_added_data_key_is_a_finding_at_its_line() {
        let translation =
            "---\ntitle: インストール\nweight: 3\ndate: 2024-01-05\nslug: install-ja\n---\n\n本文。\n";
        let found = check(&document(SOURCE), &document(translation));
        assert_eq!(
            found,
            [
                (
                    3,
                    "front-matter key `weight` is `3`, the source's is `2`; it is data, not text to translate".to_string()
                ),
                (
                    5,
                    "front-matter key `slug` is not in the source's front matter; a translation keeps the source's data keys (translatable keys: title, description, summary, linkTitle, sidebar_label)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn translatable_keys_are_not_compared_and_missing_keys_are_fine() {
        let translation = "---\ntitle: 別の題\nlinkTitle: 短い\n---\n\n本文。\n";
        assert_eq!(check(&document(SOURCE), &document(translation)), []);
    }
}
