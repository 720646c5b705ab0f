//! Inline diffs of source text: character by character in CJK runs, word by word in
//! Latin text, so a translator sees exactly what changed.

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// One run of a diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Change {
    /// Text in both versions.
    Equal(String),
    /// Text only in the old version.
    Delete(String),
    /// Text only in the new version.
    Insert(String),
}

/// Diffs `old` against `new` and merges neighbouring tokens of the same kind.
pub fn diff_text(old: &str, new: &str) -> Vec<Change> {
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    let mut out: Vec<Change> = Vec::new();
    let mut push = |change: Change| match (out.last_mut(), &change) {
        (Some(Change::Equal(a)), Change::Equal(b))
        | (Some(Change::Delete(a)), Change::Delete(b))
        | (Some(Change::Insert(a)), Change::Insert(b)) => a.push_str(b),
        _ => out.push(change),
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens) {
        match op {
            DiffOp::Equal { old_index, len, .. } => push(Change::Equal(
                old_tokens[old_index..old_index + len].concat(),
            )),
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(Change::Delete(
                old_tokens[old_index..old_index + old_len].concat(),
            )),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(Change::Insert(
                new_tokens[new_index..new_index + new_len].concat(),
            )),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Change::Delete(
                    old_tokens[old_index..old_index + old_len].concat(),
                ));
                push(Change::Insert(
                    new_tokens[new_index..new_index + new_len].concat(),
                ));
            }
        }
    }
    out
}

/// Splits text into tokens: runs of whitespace, runs of Latin letters and digits (a
/// word), and every other character on its own (a CJK character, a punctuation mark).
fn tokenize(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Space,
        Word,
        Single,
    }
    let class = |c: char| {
        if c.is_whitespace() {
            Class::Space
        } else if c.is_ascii_alphanumeric() || (c.is_alphabetic() && (c as u32) < 0x2E80) {
            Class::Word
        } else {
            Class::Single
        }
    };
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut previous: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let current = class(c);
        if let Some(p) = previous {
            if p != current || current == Class::Single {
                tokens.push(&text[start..i]);
                start = i;
            }
        }
        previous = Some(current);
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_changes_are_character_level() {
        let changes = diff_text("56名の患者を対象", "65名の患者を対象");
        assert_eq!(
            changes,
            [
                Change::Delete("56".into()),
                Change::Insert("65".into()),
                Change::Equal("名の患者を対象".into()),
            ]
        );
        let changes = diff_text("肌のハリが失われた", "肌の弾力が失われた");
        assert!(changes.contains(&Change::Delete("ハリ".into())));
        assert!(changes.contains(&Change::Insert("弾力".into())));
    }

    #[test]
    fn latin_changes_are_word_level() {
        let changes = diff_text("the quick fox", "the quiet fox");
        assert_eq!(
            changes,
            [
                Change::Equal("the ".into()),
                Change::Delete("quick".into()),
                Change::Insert("quiet".into()),
                Change::Equal(" fox".into()),
            ]
        );
    }
}
