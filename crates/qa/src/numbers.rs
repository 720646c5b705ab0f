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
//! not findings. Japanese, Chinese and Korean counted numbers written in words are words
//! in the same sense: `二つ`, `三回`, `两`, `三个`, `두 가지`, `셋` match a digit of the
//! other side (so "two spaces" and `2 つのスペース` agree either way). In a translation,
//! a source `1` written as `1日`, `1回` or `1つ` may be absent, since English says "twice
//! a day", "per visit" and Chinese 每日2次, 一次.

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

/// Which number words a text's language writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Words {
    /// None are read.
    None,
    /// `one` … `ten`, `once`, `twice`.
    English,
    /// Kanji numerals with a counter: `二つ`, `三回`, `十二人`.
    Japanese,
    /// `两`, and numerals with a measure word: `三个`, `两种`.
    Chinese,
    /// Native numbers: `하나` … `아홉`, `한`/`두`/`세`/`네`/`열` before a counter.
    Korean,
}

impl Words {
    /// The words of a language subtag (`en`, `ja`, `zh`, `ko`).
    pub(crate) fn of_language(language: &str) -> Words {
        match language {
            "en" => Words::English,
            "ja" => Words::Japanese,
            "zh" => Words::Chinese,
            "ko" => Words::Korean,
            _ => Words::None,
        }
    }
}

/// Every number of `text`, in order, with the number words of `words`.
pub(crate) fn extract(text: &str, words: Words) -> Vec<Number> {
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
    if words != Words::None && words != Words::English {
        for (start, value) in cjk_words(text, words) {
            out.push(Number {
                value: value.to_string(),
                start,
                kind: Kind::Word,
            });
        }
        out.sort_by_key(|n| n.start);
    }
    if words == Words::English {
        for m in english_words().find_iter(text) {
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

/// The counted numbers in words of a Japanese, Chinese or Korean text: `(offset, value)`.
fn cjk_words(text: &str, words: Words) -> Vec<(usize, u32)> {
    static JA: OnceLock<Regex> = OnceLock::new();
    static ZH: OnceLock<Regex> = OnceLock::new();
    static KO: OnceLock<Regex> = OnceLock::new();
    let numeral = "(十[一二三四五六七八九]?|[一二三四五六七八九]十?[一二三四五六七八九]?)";
    let re = match words {
        Words::Japanese => JA.get_or_init(|| {
            Regex::new(&format!(
                "{numeral}(?:つ|回|個|本|人|名|種類|種|件|台|枚|点|度|倍|段階|番目|行|列|文字|秒|分|時間|日間|週間|か月|ヶ月|年間|通り|章|節|項目)"
            ))
            .expect("valid regex")
        }),
        Words::Chinese => ZH.get_or_init(|| {
            Regex::new(&format!(
                "([两兩])|{numeral}(?:个|個|种|種|次|步|条|條|项|項|位|名|天|周|週|年|倍|章|节|節|点|點|行|列|层|層|类|類|组|組|件|台|张|張|份|遍|秒|分钟|小时|部分|方面|阶段|階段)"
            ))
            .expect("valid regex")
        }),
        Words::Korean => KO.get_or_init(|| {
            Regex::new(
                r"(?:^|[^\p{Hangul}])(?:(하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)|(한|두|세|네|열)\s?(?:개|가지|번|명|줄|칸|단계|배|시간|살|권|대|장|주|달|곳))",
            )
            .expect("valid regex")
        }),
        Words::None | Words::English => return Vec::new(),
    };
    let mut out = Vec::new();
    for captures in re.captures_iter(text) {
        let Some(m) = captures.iter().skip(1).flatten().next() else {
            continue;
        };
        let value = match m.as_str() {
            "两" | "兩" => Some(2),
            "하나" | "한" => Some(1),
            "둘" | "두" => Some(2),
            "셋" | "세" => Some(3),
            "넷" | "네" => Some(4),
            "다섯" => Some(5),
            "여섯" => Some(6),
            "일곱" => Some(7),
            "여덟" => Some(8),
            "아홉" => Some(9),
            "열" => Some(10),
            kanji => kanji_value(kanji),
        };
        if let Some(value) = value {
            out.push((m.start(), value));
        }
    }
    out
}

/// The value of a kanji numeral below 100 (`三` 3, `十二` 12, `二十` 20, `二十五` 25).
fn kanji_value(kanji: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = kanji.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', c] => Some(digit(*t)? * 10 + digit(*c)?),
        _ => None,
    }
}

fn english_words() -> &'static Regex {
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
        extract(text, Words::None)
            .into_iter()
            .map(|n| n.value)
            .collect()
    }

    fn check(source: &str, translation: &str, english: bool) -> (Vec<String>, Vec<String>) {
        let s = extract(source, Words::None);
        let words = if english { Words::English } else { Words::None };
        let t = extract(translation, words);
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
            let source = extract("1日2回、6週間", Words::None);
            let translation = extract(translation, Words::None);
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

    /// The pairs of the issue's English-source site: a word on one side, a digit on the
    /// other, in either direction.
    fn pair(source: &str, s_words: Words, translation: &str, t_words: Words) -> bool {
        let s = extract(source, s_words);
        let t = extract(translation, t_words);
        let m = compare(&s, &t, true);
        m.missing.is_empty() && m.extra.is_empty()
    }

    #[test]
    fn cjk_counted_words_match_digits() {
        // "two spaces" vs 2 つのスペース is not a numbers error.
        assert!(pair(
            "Indent with two spaces.",
            Words::English,
            "2 つのスペースでインデントします。",
            Words::Japanese
        ));
        assert!(pair(
            "Run it 2 times.",
            Words::English,
            "二回実行します。",
            Words::Japanese
        ));
        assert!(pair(
            "There are 2 ways.",
            Words::English,
            "有两种方法。",
            Words::Chinese
        ));
        assert!(pair(
            "Pick 3 options.",
            Words::English,
            "选择三个选项。",
            Words::Chinese
        ));
        assert!(pair(
            "2 steps",
            Words::English,
            "두 가지 단계",
            Words::Korean
        ));
        assert!(pair(
            "Step 3",
            Words::English,
            "셋째가 아니라 셋",
            Words::Korean
        ));
        assert!(pair("12 people", Words::English, "十二人", Words::Japanese));
        // A word never hides a wrong digit, and is never reported itself.
        assert!(!pair(
            "Pick 3 options.",
            Words::English,
            "选择两个选项。",
            Words::Chinese
        ));
        assert!(pair(
            "Pick options.",
            Words::English,
            "选择两个选项。",
            Words::Chinese
        ));
        // A bare numeral without a counter is not a number: 一些, 一样, 同一.
        assert_eq!(cjk_words("一些一样同一", Words::Chinese), []);
        assert_eq!(cjk_words("二十五人", Words::Japanese), [(0, 25)]);
        assert_eq!(kanji_value("二十"), Some(20));
    }
}
