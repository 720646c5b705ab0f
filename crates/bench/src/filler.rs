//! Pseudo-translation: every run of Japanese script in a line is replaced by filler of a
//! similar length in the target's script, and everything else is kept in place: the
//! Markdown markup, numbers, citations, Latin names, links, DOIs. So a pseudo-translation
//! has the structure, numbers and citations of its source, as a faithful translation
//! would, and no Japanese text.

use crate::rng::Rng;

/// The script of a target locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Words of Latin letters, about 1.5 characters per Japanese character; Japanese
    /// punctuation becomes ASCII punctuation.
    Latin,
    /// Han characters, one per Japanese character; punctuation is kept.
    Han,
}

impl Script {
    /// The script used for a locale tag: Han for `zh*`; Latin otherwise.
    pub fn of_locale(locale: &str) -> Script {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Script::Han
        } else {
            Script::Latin
        }
    }
}

const WORDS: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "exosome",
    "collagen",
    "skin",
    "cell",
    "therapy",
    "study",
    "clinical",
    "barrier",
    "repair",
];

/// Simplified Chinese characters only: no kana, nothing a Japanese reader would take for
/// Japanese-only text.
const HAN: &[char] = &[
    '外', '泌', '体', '胶', '原', '蛋', '白', '皮', '肤', '细', '胞', '研', '究', '显', '示', '抗',
    '氧', '化', '炎', '症', '抑', '制', '色', '素', '沉', '着', '改', '善', '临', '床', '试', '验',
    '安', '全', '性', '数', '据',
];

/// Kana (the `ー` and `・` marks included) and kanji: what a translation replaces.
pub fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '々'
        | '〇')
}

/// `万` and `億` multiply the number before them; a translation keeps the value.
fn multiplier_zeros(c: char) -> Option<usize> {
    match c {
        '万' => Some(4),
        '億' => Some(8),
        _ => None,
    }
}

/// Produces filler from a random stream.
pub struct Filler<'a> {
    script: Script,
    rng: &'a mut Rng,
}

impl<'a> Filler<'a> {
    /// Filler in `script`, drawn from `rng`.
    pub fn new(script: Script, rng: &'a mut Rng) -> Self {
        Filler { script, rng }
    }

    /// The line with every run of Japanese replaced by filler. A line without Japanese
    /// (a table rule, a directive, a reference entry) comes back unchanged.
    pub fn translate_line(&mut self, line: &str) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::with_capacity(line.len() * 2);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
            if let (Some(zeros), true) = (multiplier_zeros(c), after_digit) {
                match self.script {
                    Script::Han => out.push(c),
                    Script::Latin => out.push_str(&"0".repeat(zeros)),
                }
                i += 1;
                continue;
            }
            if is_japanese(c) {
                let start = i;
                while i < chars.len() && is_japanese(chars[i]) {
                    if multiplier_zeros(chars[i]).is_some() && chars[i - 1].is_ascii_digit() {
                        break;
                    }
                    i += 1;
                }
                self.push_filler(&mut out, i - start, chars.get(i).copied());
                continue;
            }
            match (self.script, c) {
                (
                    Script::Latin,
                    '。' | '、' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF01}',
                ) => {
                    out.push(match c {
                        '。' => '.',
                        '、' => ',',
                        '\u{FF1A}' => ':',
                        '\u{FF1B}' => ';',
                        '\u{FF1F}' => '?',
                        _ => '!',
                    });
                    if chars
                        .get(i + 1)
                        .is_some_and(|n| !n.is_whitespace() && !is_japanese(*n))
                    {
                        out.push(' ');
                    }
                }
                (Script::Latin, '「' | '『') => out.push('“'),
                (Script::Latin, '」' | '』') => out.push('”'),
                _ => out.push(c),
            }
            i += 1;
        }
        out
    }

    /// Filler standing for `n` Japanese characters, spaced from its neighbours in Latin.
    fn push_filler(&mut self, out: &mut String, n: usize, next: Option<char>) {
        match self.script {
            Script::Han => {
                for _ in 0..n {
                    out.push(*self.rng.pick(HAN));
                }
            }
            Script::Latin => {
                let glued = |c: char| {
                    c.is_whitespace() || matches!(c, '(' | '[' | '“' | '*' | '_' | '\u{FF08}')
                };
                if out.chars().last().is_some_and(|c| !glued(c)) {
                    out.push(' ');
                }
                // A capital only where a sentence starts: at the start of the line or
                // after `. `. Never after a list marker, where `- Word, … (2025)` would
                // read as a reference-list entry.
                let capital = out.is_empty() || out.ends_with(". ");
                let start = out.len();
                let target = (n * 3).div_ceil(2);
                while out.len() - start < target {
                    if out.len() > start {
                        out.push(' ');
                    }
                    let word: &&str = self.rng.pick(WORDS);
                    out.push_str(word);
                }
                if capital {
                    let upper = out[start..start + 1].to_ascii_uppercase();
                    out.replace_range(start..start + 1, &upper);
                }
                if next.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | '[')) {
                    out.push(' ');
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(line: &str) -> String {
        Filler::new(Script::Latin, &mut Rng::new(3)).translate_line(line)
    }

    fn han(line: &str) -> String {
        Filler::new(Script::Han, &mut Rng::new(3)).translate_line(line)
    }

    #[test]
    fn markup_numbers_and_citations_stay_in_place() {
        let line = "> - エクソソームは直径30〜150nmです(Liang et al., 2025)。";
        let en = latin(line);
        assert!(en.starts_with("> - "), "{en}");
        assert!(en.contains(" 30〜150nm "), "{en}");
        assert!(en.ends_with("(Liang et al., 2025)."), "{en}");
        assert!(!en.chars().any(is_japanese), "{en}");
        let zh = han(line);
        assert!(zh.starts_with("> - "));
        assert!(zh.contains("30〜150nm"));
        assert!(zh.ends_with("(Liang et al., 2025)。"));
        assert_eq!(zh.chars().count(), line.chars().count());
    }

    #[test]
    fn lines_without_japanese_are_unchanged() {
        for line in [
            "|---|---|",
            "<!-- yaku:component cta-x -->",
            "> [!NOTE]",
            "- Shah, M. (2025) ‘Exosomes’, 24, e16766.",
        ] {
            assert_eq!(latin(line), line);
            assert_eq!(han(line), line);
        }
    }

    #[test]
    fn bold_stays_bold_and_multipliers_keep_their_value() {
        assert!(latin("**✅ 促進される成分**").ends_with("**"));
        assert!(!latin("**✅ 促進される成分**").ends_with(" **"));
        assert!(latin("約1万人").contains("10000"));
        assert!(han("約1万人").contains("1万"));
    }

    #[test]
    fn latin_filler_is_about_one_and_a_half_times_longer() {
        let source =
            "エクソソームは、細胞から分泌される微小な粒子で、細胞間のコミュニケーションを担う";
        let en = latin(source);
        let n = source.chars().count();
        assert!(en.len() >= n * 3 / 2 && en.len() <= n * 3, "{en}");
        assert!(en.starts_with(|c: char| c.is_ascii_uppercase()), "{en}");
    }
}
