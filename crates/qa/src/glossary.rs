//! The project glossary (`locales/glossary.toml`) and the `glossary` rule: when a source
//! section uses a term, its translation uses the term's approved rendering.
//!
//! Matching is forgiving where spelling legitimately varies and strict elsewhere: both
//! texts are compared after NFKC (full-width letters and brackets are plain ones),
//! case-insensitively; a Latin rendering matches as whole words, its last word may take an
//! English plural (`-s`, `-es`, `-y` → `-ies`), and its words may be separated by spaces,
//! hyphens or a line break (`cell-free therapy` = `cell free therapy`). A term whose
//! source form only occurs inside a longer term's occurrence is not looked for (the
//! longer term decides). A proper name (`name = true`) may also stay in its source form.

use std::collections::BTreeMap;

use regex::Regex;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use unicode_normalization::UnicodeNormalization;

/// One glossary entry: the term in each locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term per locale tag (`ja`, `en`, `zh-Hans`, …).
    pub forms: BTreeMap<String, String>,
    /// A note for translators.
    pub note: Option<String>,
    /// A proper name, which may stay in its original script in any locale.
    pub name: bool,
}

/// The project glossary: `[[term]]` entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The entries, in file order.
    pub terms: Vec<Term>,
    /// Matchers compiled for a pair of locales, built once and shared by every document.
    compiled: CompiledMatchers,
}

/// Compiled matchers by `(source locale, locale)`; not part of a glossary's identity.
#[derive(Clone, Default)]
struct CompiledMatchers(Arc<Mutex<MatchersByLocales>>);

/// Matchers by `(source locale, locale)`.
type MatchersByLocales = HashMap<(String, String), Arc<Matcher>>;

impl std::fmt::Debug for CompiledMatchers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CompiledMatchers")
    }
}

impl PartialEq for CompiledMatchers {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for CompiledMatchers {}

/// Why a glossary file is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GlossaryError {
    /// Not TOML.
    #[error("invalid TOML: {0}")]
    Syntax(String),
    /// A top-level key other than `term`.
    #[error("unknown key `{0}`: the glossary holds only `[[term]]` entries")]
    UnknownKey(String),
    /// `term` is not an array of tables.
    #[error("`term` must be an array of tables (`[[term]]`)")]
    NotAnArray,
    /// A locale key or `note` that is not a string.
    #[error("term {index}: `{key}` must be a string")]
    NotAString {
        /// 1-based position of the entry.
        index: usize,
        /// The key.
        key: String,
    },
    /// `name` that is not a boolean.
    #[error("term {index}: `name` must be true or false")]
    NameNotABool {
        /// 1-based position of the entry.
        index: usize,
    },
}

impl Glossary {
    /// Parses the text of a glossary file.
    pub fn parse(text: &str) -> Result<Glossary, GlossaryError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| GlossaryError::Syntax(e.message().trim().to_string()))?;
        let mut terms = Vec::new();
        for (key, value) in table {
            if key != "term" {
                return Err(GlossaryError::UnknownKey(key));
            }
            let toml::Value::Array(entries) = value else {
                return Err(GlossaryError::NotAnArray);
            };
            for (i, entry) in entries.into_iter().enumerate() {
                let index = i + 1;
                let toml::Value::Table(entry) = entry else {
                    return Err(GlossaryError::NotAnArray);
                };
                let mut term = Term {
                    forms: BTreeMap::new(),
                    note: None,
                    name: false,
                };
                for (key, value) in entry {
                    match (key.as_str(), value) {
                        ("name", toml::Value::Boolean(name)) => term.name = name,
                        ("name", _) => return Err(GlossaryError::NameNotABool { index }),
                        ("note", toml::Value::String(note)) => term.note = Some(note),
                        (_, toml::Value::String(form)) => {
                            term.forms.insert(key, form);
                        }
                        (_, _) => return Err(GlossaryError::NotAString { index, key }),
                    }
                }
                terms.push(term);
            }
        }
        Ok(Glossary {
            terms,
            compiled: CompiledMatchers::default(),
        })
    }

    /// The forms of proper names in `locale` and in `source_locale`, which the
    /// untranslated-text check leaves alone.
    pub fn names(&self, source_locale: &str, locale: &str) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .terms
            .iter()
            .filter(|term| term.name)
            .flat_map(|term| [term.forms.get(locale), term.forms.get(source_locale)])
            .flatten()
            .map(String::as_str)
            .filter(|name| !name.is_empty())
            .collect();
        // Longest first, so a name inside a longer one does not leave a remainder.
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        names.dedup();
        names
    }
}

/// The glossary compiled for one pair of locales.
pub(crate) struct Matcher {
    entries: Vec<Entry>,
}

struct Entry {
    source: String,
    rendering: String,
    patterns: Vec<Regex>,
}

impl Glossary {
    /// The matcher of this pair of locales, compiled on first use.
    pub(crate) fn matcher(&self, source_locale: &str, locale: &str) -> Arc<Matcher> {
        let key = (source_locale.to_string(), locale.to_string());
        let mut compiled = match self.compiled.0.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        compiled
            .entry(key)
            .or_insert_with(|| Arc::new(Matcher::new(self, source_locale, locale)))
            .clone()
    }
}

impl Matcher {
    /// The terms that have a form in both locales.
    pub fn new(glossary: &Glossary, source_locale: &str, locale: &str) -> Matcher {
        let entries = glossary
            .terms
            .iter()
            .filter_map(|term| {
                let source = term.forms.get(source_locale)?;
                let rendering = term.forms.get(locale)?;
                let source: String = source.nfkc().collect();
                if source.trim().is_empty() {
                    return None;
                }
                let mut patterns = vec![rendering_pattern(rendering)?];
                if term.name {
                    patterns.extend(rendering_pattern(&source));
                }
                Some(Entry {
                    source,
                    rendering: rendering.clone(),
                    patterns,
                })
            })
            .collect();
        Matcher { entries }
    }

    /// `(source form, rendering)` of each term `source` uses that `translation` does not
    /// render, in order of first use.
    pub fn unrendered(&self, source: &str, translation: &str) -> Vec<(&str, &str)> {
        let source: String = source.nfkc().collect();
        let translation: String = translation.nfkc().collect();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            for (start, matched) in source.match_indices(entry.source.as_str()) {
                found.push((start, start + matched.len(), index));
            }
        }
        // Longest occurrence first at each start, then drop those inside another.
        found.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for occurrence in found {
            let inside = kept.iter().any(|&(start, end, _)| {
                start <= occurrence.0
                    && occurrence.1 <= end
                    && (end - start) > (occurrence.1 - occurrence.0)
            });
            if !inside {
                kept.push(occurrence);
            }
        }
        let mut out = Vec::new();
        let mut seen = Vec::new();
        for (_, _, index) in kept {
            if seen.contains(&index) {
                continue;
            }
            seen.push(index);
            let entry = &self.entries[index];
            if !entry.patterns.iter().any(|p| p.is_match(&translation)) {
                out.push((entry.source.as_str(), entry.rendering.as_str()));
            }
        }
        out
    }
}

fn is_latin_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && (c as u32) < 0x0250)
}

/// The pattern that finds `rendering` in a text (see the module comment).
pub(crate) fn rendering_pattern(rendering: &str) -> Option<Regex> {
    let rendering: String = rendering.nfkc().collect();
    let words: Vec<&str> = rendering
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑'))
        .filter(|w| !w.is_empty())
        .collect();
    let (last, rest) = words.split_last()?;
    let mut pattern = String::from("(?i)");
    let first_char = rendering.trim_start().chars().next()?;
    if is_latin_word_char(first_char) {
        pattern.push_str(r"(?:^|[^\p{Latin}])");
    }
    for word in rest {
        pattern.push_str(&regex::escape(word));
        pattern.push_str(r"[\s\-‐‑]+");
    }
    let last_char = last.chars().last()?;
    if is_latin_word_char(last_char) {
        let lower = last.to_lowercase();
        let plural_y = lower.ends_with('y')
            && !lower.ends_with("ay")
            && !lower.ends_with("ey")
            && !lower.ends_with("oy")
            && !lower.ends_with("uy");
        if plural_y {
            let stem = &last[..last.len() - 1];
            pattern.push_str(&format!("{}(?:y|ies)", regex::escape(stem)));
        } else {
            pattern.push_str(&format!("{}(?:s|es)?", regex::escape(last)));
        }
        pattern.push_str(r"(?:$|[^\p{Latin}0-9])");
    } else {
        pattern.push_str(&regex::escape(last));
    }
    Regex::new(&pattern).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renders(text: &str, rendering: &str) -> bool {
        rendering_pattern(rendering).is_some_and(|p| p.is_match(&text.nfkc().collect::<String>()))
    }

    #[test]
    fn renderings_match_case_and_plural_variants() {
        assert!(renders("Exosomes are tiny", "exosome"));
        assert!(renders("the EXOSOME", "exosome"));
        assert!(renders("animal studies have shown", "animal study"));
        assert!(renders(
            "matrix metalloproteinases (MMPs)",
            "matrix metalloproteinase"
        ));
        assert!(renders("these fibroblasts'", "fibroblast"));
        assert!(renders("keratinocyte's", "keratinocyte"));
        assert!(!renders("collagen", "elastin"));
    }

    #[test]
    fn renderings_match_whole_words_only() {
        assert!(!renders("Type I procollagen", "collagen"));
        assert!(!renders("exosomal", "exosome"));
        assert!(renders("用Dermapen治疗", "Dermapen"));
        assert!(renders("(collagen)", "collagen"));
        // NFKC turns `②` into `2`, which must not glue to the word.
        assert!(renders(
            "②Adipose-derived stem cell exosomes",
            "adipose-derived stem cell"
        ));
    }

    #[test]
    fn words_may_be_joined_by_hyphens_spaces_or_line_breaks() {
        assert!(renders("a cell free therapy", "cell-free therapy"));
        assert!(renders("a cell-free-therapy", "cell-free therapy"));
        assert!(renders(
            "adipose derived stem cells",
            "adipose-derived stem cell"
        ));
        assert!(renders("mesenchymal\nstem cells", "mesenchymal stem cell"));
        assert!(!renders("mesenchymal cells", "mesenchymal stem cell"));
    }

    #[test]
    fn cjk_renderings_match_as_substrings_after_nfkc() {
        assert!(renders("以丽珠兰（Rejuran）为首", "丽珠兰（Rejuran）"));
        assert!(renders("以丽珠兰(Rejuran)为首", "丽珠兰（Rejuran）"));
        assert!(renders("关于《药机法》的注意事项", "《药机法》"));
        assert!(!renders("细胞外泌体", "细胞外囊泡"));
    }

    fn glossary() -> Glossary {
        Glossary::parse(
            r#"
[[term]]
ja = "幹細胞"
en = "stem cell"

[[term]]
ja = "脂肪由来幹細胞"
en = "adipose-derived stem cell"

[[term]]
ja = "リジュラン"
en = "Rejuran"
name = true
"#,
        )
        .unwrap()
    }

    #[test]
    fn the_longest_source_term_decides() {
        let glossary = glossary();
        let matcher = Matcher::new(&glossary, "ja", "en");
        assert_eq!(
            matcher.unrendered("脂肪由来幹細胞です", "stem cells from fat"),
            [("脂肪由来幹細胞", "adipose-derived stem cell")]
        );
        assert!(matcher
            .unrendered("脂肪由来幹細胞です", "adipose-derived stem cells")
            .is_empty());
        assert_eq!(
            matcher.unrendered("幹細胞", "cells"),
            [("幹細胞", "stem cell")]
        );
    }

    #[test]
    fn names_may_stay_in_their_source_form() {
        let glossary = glossary();
        let matcher = Matcher::new(&glossary, "ja", "en");
        assert!(matcher
            .unrendered("リジュラン", "リジュラン (PDRN)")
            .is_empty());
        assert_eq!(glossary.names("ja", "en"), ["リジュラン", "Rejuran"]);
    }

    #[test]
    fn a_bad_glossary_is_an_error() {
        assert!(matches!(
            Glossary::parse("[[term]]\nja = 1\n"),
            Err(GlossaryError::NotAString { index: 1, .. })
        ));
        assert!(matches!(
            Glossary::parse("term = 1\n"),
            Err(GlossaryError::NotAnArray)
        ));
        assert!(matches!(
            Glossary::parse("[[terms]]\n"),
            Err(GlossaryError::UnknownKey(_))
        ));
        assert!(matches!(
            Glossary::parse("[[term]\n"),
            Err(GlossaryError::Syntax(_))
        ));
    }
}
