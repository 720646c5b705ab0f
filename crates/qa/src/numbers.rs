//! The `numbers` rule: the multiset of numbers in a source section equals the
//! translation's.
//!
//! Numbers are normalised before they are compared: full-width digits are ASCII digits,
//! thousands separators are dropped (`1,000` = `１，０００` = `1000`), `．` is a decimal
//! point, `万`/`億`/`亿` multiply (`1万` = `10000`), circled digits `①`–`⑳` are the
//! numbers 1–20, and a range is just its two numbers, so `30〜150` = `30～150` = `30–150`
//! = `30-150` (a hyphen is never a minus sign). In an English text the words one to ten,
//! `once` (1) and `twice` (2) are numbers too, but only to match a digit of the other
//! side: an unmatched word is never reported, so idioms like "one of the factors" are
//! not findings. In a translation, a source `1` written as `1日`, `1回` or `1つ` may be
//! absent, since English says "twice a day", "per visit" and Chinese 每日2次, 一次.

use std::sync::OnceLock;

use regex::Regex;

/// What kind of number a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Written with digits (or a circled digit).
    Digits,
    /// An English word (`two`, `twice`): matches a number, never reported.
    Word,
    /// The `1` of `1日`, `1回`, `1つ`: may be absent in a translation.
    CounterOne,
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Number {
    /// The normalised value: ASCII digits, at most one `.`, no leading zeros.
    pub value: String,
    /// Byte offset in the text.
    pub start: usize,
    /// Digits, word or counter.
    pub kind: Kind,
}

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// The value of a circled (or parenthesised-style dingbat) digit.
fn circled(c: char) -> Option<u32> {
    let code = u32::from(c);
    match code {
        0x2460..=0x2473 => Some(code - 0x2460 + 1),
        0x2776..=0x277F => Some(code - 0x2776 + 1),
        0x2780..=0x2789 => Some(code - 0x2780 + 1),
        0x278A..=0x2793 => Some(code - 0x278A + 1),
        _ => None,
    }
}

fn is_thousands_separator(c: char) -> bool {
    matches!(c, ',' | '，' | '\u{2009}' | '\u{202F}')
}

fn is_decimal_mark(c: char) -> bool {
    matches!(c, '.' | '．')
}

/// The character at byte `at` of `text` (a character boundary), if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The digit at byte `at`, as an ASCII digit, and the byte after it.
fn digit_at(text: &str, at: usize) -> Option<(char, usize)> {
    let c = char_at(text, at)?;
    digit(c).map(|d| (d, at + c.len_utf8()))
}

/// Every number of `text`, in order; with `english_words`, the English number words too.
pub(crate) fn extract(text: &str, english_words: bool) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        // Only ASCII digits, full-width digits (U+FF10…) and circled digits (U+2460…,
        // U+2776…) start a number: skip every other character by its lead byte.
        if !(lead.is_ascii_digit() || lead == 0xEF || lead == 0xE2) {
            i += match lead {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            continue;
        }
        let start = i;
        let Some(c) = char_at(text, i) else { break };
        if let Some(value) = circled(c) {
            out.push(Number {
                value: value.to_string(),
                start,
                kind: Kind::Digits,
            });
            i += c.len_utf8();
            continue;
        }
        if digit(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        let mut integer = String::new();
        while let Some((d, next)) = digit_at(text, i) {
            integer.push(d);
            i = next;
        }
        // Thousands groups: `1,234,567`, only after a first group of one to three digits.
        if integer.len() <= 3 {
            while let Some(separator) = char_at(text, i).filter(|&c| is_thousands_separator(c)) {
                let mut group = String::new();
                let mut at = i + separator.len_utf8();
                for _ in 0..3 {
                    match digit_at(text, at) {
                        Some((d, next)) => {
                            group.push(d);
                            at = next;
                        }
                        None => break,
                    }
                }
                if group.len() < 3 || digit_at(text, at).is_some() {
                    break;
                }
                integer.push_str(&group);
                i = at;
            }
        }
        let mut fraction = String::new();
        if let Some(mark) = char_at(text, i).filter(|&c| is_decimal_mark(c)) {
            if digit_at(text, i + mark.len_utf8()).is_some() {
                i += mark.len_utf8();
                while let Some((d, next)) = digit_at(text, i) {
                    fraction.push(d);
                    i = next;
                }
            }
        }
        let next = char_at(text, i);
        let shift = match next {
            Some('万') => 4,
            Some('億' | '亿') => 8,
            _ => 0,
        };
        let value = canonical(&integer, &fraction, shift);
        let kind = if value == "1" && matches!(next, Some('日' | '回' | 'つ')) {
            Kind::CounterOne
        } else {
            Kind::Digits
        };
        out.push(Number { value, start, kind });
    }
    if english_words {
        for m in words().find_iter(text) {
            let value = match m.as_str().to_ascii_lowercase().as_str() {
                "one" | "once" => 1,
                "two" | "twice" => 2,
                "three" => 3,
                "four" => 4,
                "five" => 5,
                "six" => 6,
                "seven" => 7,
                "eight" => 8,
                "nine" => 9,
                _ => 10,
            };
            out.push(Number {
                value: value.to_string(),
                start: m.start(),
                kind: Kind::Word,
            });
        }
        out.sort_by_key(|n| n.start);
    }
    out
}

fn words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|once|twice)\b")
            .expect("valid regex")
    })
}

/// `integer.fraction × 10^shift` as digits without leading zeros.
fn canonical(integer: &str, fraction: &str, shift: usize) -> String {
    let mut integer = integer.to_string();
    let mut fraction = fraction.to_string();
    for _ in 0..shift {
        if fraction.is_empty() {
            integer.push('0');
        } else {
            integer.push(fraction.remove(0));
        }
    }
    let integer = integer.trim_start_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    if fraction.is_empty() {
        integer.to_string()
    } else {
        format!("{integer}.{fraction}")
    }
}

/// The numbers of a comparison that do not pair up.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Mismatch<'a> {
    /// Source numbers the translation lacks.
    pub missing: Vec<&'a Number>,
    /// Translation numbers the source lacks.
    pub extra: Vec<&'a Number>,
}

/// Pairs the numbers of a source and a translation by value. `counter_one_optional`
/// lets a source [`Kind::CounterOne`] go unmatched.
pub(crate) fn compare<'a>(
    source: &'a [Number],
    translation: &'a [Number],
    counter_one_optional: bool,
) -> Mismatch<'a> {
    let mut source_used = vec![false; source.len()];
    let mut translation_used = vec![false; translation.len()];
    let is_word = |n: &Number| n.kind == Kind::Word;
    // Digits with digits first, so a word only takes what no digit could; then source
    // digits with translation words, and source words with translation digits.
    for (source_words, translation_words) in [(false, false), (false, true), (true, false)] {
        for (i, s) in source.iter().enumerate() {
            if source_used[i] || is_word(s) != source_words {
                continue;
            }
            if let Some(j) = translation.iter().enumerate().position(|(j, t)| {
                !translation_used[j] && is_word(t) == translation_words && t.value == s.value
            }) {
                source_used[i] = true;
                translation_used[j] = true;
            }
        }
    }
    let may_be_absent =
        |n: &Number| is_word(n) || (counter_one_optional && n.kind == Kind::CounterOne);
    Mismatch {
        missing: source
            .iter()
            .zip(&source_used)
            .filter(|(n, used)| !**used && !may_be_absent(n))
            .map(|(n, _)| n)
            .collect(),
        extra: translation
            .iter()
            .zip(&translation_used)
            .filter(|(n, used)| !**used && !is_word(n))
            .map(|(n, _)| n)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        extract(text, false).into_iter().map(|n| n.value).collect()
    }

    fn check(source: &str, translation: &str, english: bool) -> (Vec<String>, Vec<String>) {
        let s = extract(source, false);
        let t = extract(translation, english);
        let m = compare(&s, &t, english);
        (
            m.missing.iter().map(|n| n.value.clone()).collect(),
            m.extra.iter().map(|n| n.value.clone()).collect(),
        )
    }

    fn same(source: &str, translation: &str, english: bool) -> bool {
        check(source, translation, english) == (vec![], vec![])
    }

    #[test]
    fn full_width_digits_are_digits() {
        assert_eq!(values("５６名"), ["56"]);
        assert_eq!(values("１．５倍"), ["1.5"]);
        assert!(same("５６名の患者", "56 patients", true));
    }

    #[test]
    fn ranges_are_their_two_numbers_whatever_the_dash() {
        for range in ["30〜150", "30～150", "30–150", "30-150", "30 - 150"] {
            assert_eq!(values(range), ["30", "150"], "{range}");
        }
        assert!(same(
            "直径30〜150ナノメートル",
            "30–150 nanometers across",
            true
        ));
        assert_eq!(values("MMP-1"), ["1"]);
    }

    #[test]
    fn thousands_separators_and_decimal_marks_are_normalised() {
        assert_eq!(values("1,000人"), ["1000"]);
        assert_eq!(values("１，２３４，５６７"), ["1234567"]);
        assert_eq!(values("12,345.67"), ["12345.67"]);
        assert_eq!(values("2025, 24"), ["2025", "24"]);
        assert_eq!(values("2025,2026"), ["2025", "2026"]);
        assert_eq!(values("1,2345"), ["1", "2345"]);
        assert_eq!(values("2.1 見出し"), ["2.1"]);
        assert_eq!(values("1. item"), ["1"]);
        assert_eq!(values("007"), ["7"]);
    }

    #[test]
    fn japanese_large_units_multiply() {
        assert_eq!(values("1万人"), ["10000"]);
        assert_eq!(values("3.5万"), ["35000"]);
        assert_eq!(values("2億"), ["200000000"]);
        assert!(same("約1万人", "about 10,000 people", true));
    }

    #[test]
    fn circled_digits_are_numbers() {
        assert_eq!(values("①②⑩⑳"), ["1", "2", "10", "20"]);
        assert!(same("①概要", "1. Overview", true));
        assert_eq!(check("①概要", "Overview", true), (vec!["1".into()], vec![]));
    }

    #[test]
    fn english_words_match_digits_but_are_never_reported() {
        assert!(same("5つのメカニズム", "Five mechanisms", true));
        assert!(same("2回受けました", "received two sessions", true));
        assert!(same("主要因の一つ", "one of the main factors", true));
        // A word does not hide a wrong digit.
        assert_eq!(
            check("6週間", "six weeks, 7 days", true),
            (vec![], vec!["7".into()])
        );
        assert_eq!(
            check("6週間", "five weeks", true),
            (vec!["6".into()], vec![])
        );
        // Words count only in English.
        assert_eq!(check("2回", "two", false), (vec!["2".into()], vec![]));
    }

    #[test]
    fn the_one_of_a_japanese_counter_may_be_absent_in_english() {
        assert!(same("1日2回、6週間", "twice a day for 6 weeks", true));
        assert!(same("1日1回", "once a day", true));
        assert_eq!(
            check("1日2回", "twice a day", false),
            (vec!["1".into(), "2".into()], vec![])
        );
        assert!(same("1日2次", "1日2次", false));
        // Chinese says 每日 for 1日: the 1 may be absent, the 2 may not.
        let zh = |translation: &str| {
            let source = extract("1日2回、6週間", false);
            let translation = extract(translation, false);
            let m = compare(&source, &translation, true);
            let values = |list: &[&Number]| list.iter().map(|n| n.value.clone()).collect();
            (values(&m.missing), values(&m.extra))
        };
        assert_eq!(zh("每日2次，连续6周"), (vec![], vec![]));
        assert_eq!(
            zh("每日3次，连续6周"),
            (vec!["2".to_string()], vec!["3".to_string()])
        );
        // Only the 1 of a counter: any other 1 is still required.
        assert_eq!(check("1人", "a person", true), (vec!["1".into()], vec![]));
        assert_eq!(
            check("11日", "eleven days", true),
            (vec!["11".into()], vec![])
        );
    }

    #[test]
    fn a_changed_number_is_missing_and_extra() {
        assert_eq!(
            check("56名の患者", "65 patients", true),
            (vec!["56".into()], vec!["65".into()])
        );
        assert_eq!(
            check("30〜150nm", "30 nm", true),
            (vec!["150".into()], vec![])
        );
    }
}
