//! The `untranslated-text` rule: Japanese script left in a translation of a Japanese
//! source. In a Chinese locale (`zh*`) only kana count, since kanji are Chinese
//! characters too; in any other locale kana and kanji both count.
//!
//! Not searched: quotations (`「…」`, `『…』`, `“…”`, `‘…’`, `"…"`), inline code and code
//! blocks, HTML comments, link targets, the glossary's proper names (their rendering and
//! their source form) and reference-list entries. A run made only of `・` or `ー`, which
//! Chinese text sometimes uses as punctuation, is not reported.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// Which scripts the rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scripts {
    /// Hiragana and katakana.
    Kana,
    /// Kana and kanji.
    KanaAndKanji,
}

/// Hiragana, katakana, katakana extensions and half-width katakana.
pub(crate) fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// CJK unified ideographs (with extensions and compatibility ideographs), `々` and `〇`.
pub(crate) fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '々'
        | '〇')
}

fn quotes() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"「[^」]*」|『[^』]*』|“[^”]*”|‘[^’]*’|"[^"\r\n]*""#).expect("valid regex")
    })
}

/// The spans of quotations in `text`.
pub(crate) fn quotations(text: &str) -> Vec<Range<usize>> {
    quotes().find_iter(text).map(|m| m.range()).collect()
}

/// The spans of each occurrence of each of `names` (longest first) in `text`.
pub(crate) fn occurrences(text: &str, names: &[&str]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for name in names {
        for (start, found) in text.match_indices(name) {
            let span = start..start + found.len();
            if !out
                .iter()
                .any(|o| o.start <= span.start && span.end <= o.end)
            {
                out.push(span);
            }
        }
    }
    out
}

/// The first run of characters of `scripts` in `text`: its byte offset and the run (at
/// most 20 characters).
pub(crate) fn first_run(text: &str, scripts: Scripts) -> Option<(usize, String)> {
    let wanted = |c: char| is_kana(c) || (scripts == Scripts::KanaAndKanji && is_kanji(c));
    let punctuation_only = |run: &str| run.chars().all(|c| matches!(c, '・' | 'ー' | '゠'));
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        // Every kana starts with the byte E3 or EF in UTF-8, every kanji with E3 or more:
        // jump to the next such character.
        let rest = bytes.get(at..)?;
        let found = match scripts {
            Scripts::Kana => memchr::memchr2(0xE3, 0xEF, rest),
            Scripts::KanaAndKanji => rest.iter().position(|&b| b >= 0xE3),
        }?;
        let start = at + found;
        let run: String = text[start..].chars().take_while(|&c| wanted(c)).collect();
        if run.is_empty() {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if !punctuation_only(&run) {
            let shown: String = run.chars().take(20).collect();
            return Some((start, shown));
        }
        at = start + run.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_kana_and_kanji_runs() {
        assert_eq!(
            first_run("Exosomes (エクソソーム) are", Scripts::KanaAndKanji),
            Some((10, "エクソソーム".to_string()))
        );
        assert_eq!(
            first_run("外泌体是细胞", Scripts::KanaAndKanji),
            Some((0, "外泌体是细胞".to_string()))
        );
        assert_eq!(first_run("外泌体是细胞", Scripts::Kana), None);
        assert_eq!(
            first_run("外泌体の作用", Scripts::Kana),
            Some((9, "の".to_string()))
        );
        assert_eq!(first_run("ｴｸｿｿｰﾑ", Scripts::Kana).map(|r| r.0), Some(0));
        assert_eq!(first_run("A・B ー C", Scripts::Kana), None);
    }

    #[test]
    fn quotations_are_found() {
        let text = "a「か」b『き』c“く”d\"け\"";
        let spans = quotations(text);
        assert_eq!(spans.len(), 4);
    }
}
