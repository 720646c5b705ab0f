//! Fingerprints: a short hash of a section's normalized text.
//!
//! Normalization makes whitespace-only edits invisible (line endings, runs of spaces,
//! trailing blanks) and Unicode-equivalent spellings equal (NFC), while every change of
//! a character, number or heading changes the hash.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The first 64 bits of the BLAKE3 hash of a section's normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 8]);

impl Fingerprint {
    /// Fingerprints `text` after [`normalize`].
    pub fn of_text(text: &str) -> Self {
        Self::of_normalized(&normalize(text))
    }

    /// Fingerprints text that is already normalized.
    pub fn of_normalized(normalized: &str) -> Self {
        let hash = blake3::hash(normalized.as_bytes());
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&hash.as_bytes()[..8]);
        Fingerprint(bytes)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A string that is not 16 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a fingerprint is 16 lowercase hex digits, not `{0}`")]
pub struct ParseFingerprintError(pub String);

/// The length of a fingerprint written out: 16 lowercase hex digits.
pub(crate) const FINGERPRINT_LEN: usize = 16;

impl FromStr for Fingerprint {
    type Err = ParseFingerprintError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        /// The value of each byte as a lowercase hex digit; `INVALID` for any other.
        const INVALID: u8 = 0x10;
        const DIGITS: [u8; 256] = {
            let mut table = [INVALID; 256];
            let mut i = 0;
            while i < 16 {
                table[b"0123456789abcdef"[i] as usize] = i as u8;
                i += 1;
            }
            table
        };
        if s.len() != FINGERPRINT_LEN {
            return Err(ParseFingerprintError(s.to_string()));
        }
        // Every marker holds two: one pass, and one test at the end.
        let (mut bytes, mut seen) = ([0u8; 8], 0u8);
        for (byte, pair) in bytes.iter_mut().zip(s.as_bytes().chunks_exact(2)) {
            let (high, low) = (DIGITS[pair[0] as usize], DIGITS[pair[1] as usize]);
            seen |= high | low;
            *byte = high << 4 | low;
        }
        if seen & INVALID != 0 {
            return Err(ParseFingerprintError(s.to_string()));
        }
        Ok(Fingerprint(bytes))
    }
}

/// The fingerprint of a section's text, worked out the first time it is asked for.
///
/// Most are never asked for: whether a translated section is current compares its
/// marker with its source's fingerprint, and only a section whose source changed since
/// needs its own (stale or in progress). Normalizing and hashing every section of every
/// translation was a quarter of a build's time.
#[derive(Clone)]
pub(crate) struct LazyFingerprint {
    /// The text, not yet normalized.
    text: Box<str>,
    value: OnceLock<Fingerprint>,
}

impl LazyFingerprint {
    /// The fingerprint of `text` ([`Fingerprint::of_text`]), when it is first asked for.
    pub(crate) fn of_text(text: String) -> Self {
        LazyFingerprint {
            text: text.into_boxed_str(),
            value: OnceLock::new(),
        }
    }

    /// The fingerprint, worked out now if it was not yet.
    pub(crate) fn get(&self) -> Fingerprint {
        *self.value.get_or_init(|| Fingerprint::of_text(&self.text))
    }
}

impl PartialEq for LazyFingerprint {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for LazyFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// Normalizes text for fingerprinting: Unicode NFC, every run of whitespace (line
/// endings included) folded to one space, leading and trailing whitespace dropped.
pub fn normalize(text: &str) -> String {
    // Nearly all text is already NFC: fold first, and compose only when a character
    // that might change under NFC was seen.
    let (folded, surely_nfc) = fold_whitespace(text);
    if surely_nfc
        || unicode_normalization::is_nfc_quick(folded.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        folded
    } else {
        fold_whitespace(&text.nfc().collect::<String>()).0
    }
}

/// The byte length of the whitespace character (`char::is_whitespace`) at the start of
/// `bytes`, or 0 when it starts with anything else.
pub(crate) fn whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C, ..] => 1,
        // U+0085, U+00A0
        [0xC2, 0x85 | 0xA0, ..] => 2,
        // U+1680
        [0xE1, 0x9A, 0x80, ..] => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        // U+205F
        [0xE2, 0x81, 0x9F, ..] => 3,
        // U+3000, the ideographic space
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Whether the character starting at byte `lead` (followed by `rest`) is NFC whatever
/// surrounds it: ASCII, Latin-1 and the usual Japanese and Chinese letters and
/// punctuation. False means "maybe", not "no".
fn surely_nfc(lead: u8, rest: &[u8]) -> bool {
    match lead {
        0x00..=0x7F => true,
        // U+0080–U+02FF: Latin-1 and Latin extensions, no combining marks.
        0xC2..=0xCB => true,
        // U+3000–U+3029 (CJK punctuation; U+302A–302F combine), U+3040–U+3098 and
        // U+309B–U+30FF (kana; U+3099 and U+309A combine).
        0xE3 => match rest {
            [0x80, 0x80..=0xA9, ..] => true,
            [0x81, _, ..] => true,
            [0x82, 0x80..=0x98 | 0x9B..=0xBF, ..] => true,
            [0x83, _, ..] => true,
            // U+3400 onwards in this lead byte: CJK extension A, U+3400–U+3FFF.
            [0x90..=0xBF, _, ..] => true,
            _ => false,
        },
        // U+0391–U+03A9 and U+03B1–U+03C9: the Greek letters of units and names (α, β).
        0xCE => matches!(rest, [0x91..=0xA9 | 0xB1..=0xBF, ..]),
        0xCF => matches!(rest, [0x80..=0x89, ..]),
        // U+2002–U+20BF: dashes, quotation marks, bullets, super- and subscripts,
        // currency; U+2440–U+27FF: circled numbers, box drawing, shapes, dingbats.
        0xE2 => matches!(
            rest,
            [0x80, 0x82..=0xBF, ..] | [0x81 | 0x82, _, ..] | [0x91..=0x9F, _, ..]
        ),
        // U+4000–U+9FFF: CJK unified ideographs (and the end of extension A).
        0xE4..=0xE9 => true,
        // U+FE00–U+FE0F: variation selectors (emoji presentation); U+FF01–U+FF5E:
        // full-width ASCII forms.
        0xEF => matches!(
            rest,
            [0xB8, 0x80..=0x8F, ..] | [0xBC, _, ..] | [0xBD, 0x80..=0x9E, ..]
        ),
        // U+1F000–U+1FBFF: emoji and pictographs.
        0xF0 => matches!(rest, [0x9F, 0x80..=0xAF, ..]),
        _ => false,
    }
}

/// `text` with runs of whitespace folded to one space and leading and trailing ones
/// dropped, and whether every character is surely NFC (see [`surely_nfc`]).
fn fold_whitespace(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut all_nfc = true;
    let mut i = skip_whitespace(bytes, 0);
    while i < bytes.len() {
        // A stretch that is already folded: words joined by single ASCII spaces.
        let start = i;
        // Where the next test of a whole window may start: after a window that is not
        // all plain, its bytes go a character at a time.
        let mut scalar_until = i;
        while i < bytes.len() {
            if i >= scalar_until {
                match bytes.get(i..i + WINDOW) {
                    Some(window) if all_plain(window.try_into().expect("WINDOW bytes")) => {
                        i += LANES;
                        continue;
                    }
                    _ => scalar_until = i + LANES,
                }
            }
            let lead = bytes[i];
            match lead {
                // Printable ASCII, hiragana and katakana (U+3040–U+307F, U+30C0–U+30FF)
                // and the CJK ideographs U+4000–U+9FFF: the common case.
                b'!'..=b'~' => i += 1,
                0xE3 if matches!(bytes.get(i + 1), Some(0x81 | 0x83)) => i += 3,
                0xE4..=0xE9 => i += 3,
                // The rest of a character that a plain window started.
                0x80..=0xBF => i += 1,
                b' ' if bytes
                    .get(i + 1)
                    .is_some_and(|&next| next != b' ' && whitespace_len(&bytes[i + 1..]) == 0) =>
                {
                    i += 1
                }
                _ => {
                    if whitespace_len(&bytes[i..]) > 0 {
                        break;
                    }
                    if all_nfc && lead >= 0x80 && !surely_nfc(lead, &bytes[i + 1..]) {
                        all_nfc = false;
                    }
                    i += utf8_len(lead);
                }
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..i]);
        i = skip_whitespace(bytes, i);
    }
    (out, all_nfc)
}

/// Whether the first [`LANES`] bytes of `window` go into the fold as they are: each
/// continues a character or starts one that is surely NFC ([`surely_nfc`]) and neither
/// whitespace nor a space before more of it (printable ASCII, kana, CJK ideographs and
/// punctuation, a lone space). Branchless, as [`count_in_window`]; anything else (a
/// line break, a character of another script) is left to the fold's own test.
#[inline(always)]
fn all_plain(window: &[u8; WINDOW]) -> bool {
    let mut plain = true;
    for j in 0..LANES {
        let (a, b, c) = (window[j], window[j + 1], window[j + 2]);
        let printable = a.wrapping_sub(b'!') <= b'~' - b'!';
        let continuation = (a & 0xC0) == 0x80;
        // U+4000–U+9FFF.
        let ideograph = a.wrapping_sub(0xE4) <= 0xE9 - 0xE4;
        // U+3001–U+3029, U+3040–U+3098, U+309B–U+30FF.
        let kana = (a == 0xE3)
            & ((b == 0x81)
                | (b == 0x83)
                | ((b == 0x80) & (c.wrapping_sub(0x81) <= 0xA9 - 0x81))
                | ((b == 0x82) & (c != 0x99) & (c != 0x9A)));
        // A space before printable ASCII, an ideograph or U+3040–U+3FFF (not U+3000).
        let space = (a == b' ')
            & ((b.wrapping_sub(b'!') <= b'~' - b'!')
                | (b.wrapping_sub(0xE4) <= 0xE9 - 0xE4)
                | ((b == 0xE3) & (c != 0x80)));
        plain &= printable | continuation | ideograph | kana | space;
    }
    plain
}

/// The first byte at or after `i` that does not start a whitespace character.
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match bytes.get(i..).map(whitespace_len) {
            Some(len) if len > 0 => i += len,
            _ => return i,
        }
    }
}

/// The number of characters of `text` that are not whitespace.
///
/// Characters are counted as the bytes that start one and do not start a whitespace
/// character, which a byte and the two after it decide. The bytes go 32 at a time
/// through a branchless test (no jump that depends on the text), the last ones padded
/// with continuation bytes (which count for nothing): this count runs on every text run
/// of every article, and a character at a time it cost a third more.
pub(crate) fn count_non_whitespace(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut done = 0;
    while done < bytes.len() {
        count += match bytes.get(done..done + WINDOW) {
            Some(window) => count_in_window(window.try_into().expect("WINDOW bytes")),
            None => {
                let mut tail = [0x80; WINDOW];
                tail[..bytes.len() - done].copy_from_slice(&bytes[done..]);
                count_in_window(&tail)
            }
        };
        done += LANES;
    }
    count
}

/// How many bytes [`count_non_whitespace`] tests at a time, and the window each needs.
const LANES: usize = 32;
const WINDOW: usize = LANES + 2;

/// The characters that start in the first [`LANES`] bytes of `window` and are not
/// whitespace.
#[inline(always)]
fn count_in_window(window: &[u8; WINDOW]) -> usize {
    let mut count = 0u8;
    for j in 0..LANES {
        let (a, b, c) = (window[j], window[j + 1], window[j + 2]);
        count += u8::from(starts_character(a) & !starts_whitespace(a, b, c));
    }
    usize::from(count)
}

/// Whether `byte` starts a UTF-8 character (is not a continuation byte).
#[inline(always)]
fn starts_character(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// Whether the bytes `a b c` start a whitespace character (the set of
/// `char::is_whitespace`, as in [`whitespace_len`]); `b` and `c` may belong to the next
/// characters. Written with `&` and `|`, without branches, for the count 32 bytes at a
/// time; `whitespace_len` keeps its `match`, which the fold asks a character at a time
/// (built on this test, the fold took 5 % more of a build). Tests hold both to
/// `char::is_whitespace` for every character.
#[inline(always)]
fn starts_whitespace(a: u8, b: u8, c: u8) -> bool {
    let ascii = (a == b' ') | (a.wrapping_sub(b'\t') <= b'\r' - b'\t');
    // U+0085, U+00A0
    let two = (a == 0xC2) & ((b == 0x85) | (b == 0xA0));
    // U+1680
    let ogham = (a == 0xE1) & (b == 0x9A) & (c == 0x80);
    // U+2000–U+200A, U+2028, U+2029, U+202F; U+205F
    let general = (a == 0xE2)
        & (((b == 0x80) & ((c <= 0x8A) | (c == 0xA8) | (c == 0xA9) | (c == 0xAF)))
            | ((b == 0x81) & (c == 0x9F)));
    // U+3000, the ideographic space
    let ideographic = (a == 0xE3) & (b == 0x80) & (c == 0x80);
    ascii | two | ogham | general | ideographic
}

/// The byte length of the UTF-8 sequence that `lead` starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn whitespace_only_edits_keep_the_fingerprint() {
        let a = Fingerprint::of_text("本文です。\n\nもう一行。");
        let b = Fingerprint::of_text("  本文です。 \r\n\r\n\r\nもう一行。\t\n");
        assert_eq!(a, b);
    }

    #[test]
    fn one_character_changes_the_fingerprint() {
        let a = Fingerprint::of_text("56名の患者");
        assert_ne!(a, Fingerprint::of_text("65名の患者"));
        assert_ne!(a, Fingerprint::of_text("56名の患者。"));
    }

    #[test]
    fn nfc_equivalent_spellings_are_equal() {
        // "が" precomposed versus "か" + combining voiced sound mark.
        assert_eq!(
            Fingerprint::of_text("が"),
            Fingerprint::of_text("\u{304b}\u{3099}")
        );
    }

    /// The definition the fast fold must agree with.
    fn reference_normalize(text: &str) -> String {
        let nfc: String = text.nfc().collect();
        nfc.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn normalize_agrees_with_its_definition() {
        for text in [
            "",
            "   ",
            " a  b\t\nc ",
            "本文です。\u{3000}全角の空白\u{3000}\u{3000}と\u{00A0}改行\r\n",
            "\u{304b}\u{3099}と\u{30AB}\u{3099}",
            "e\u{301}\u{2028}\u{205F}x\u{1680}y\u{0085}z",
            "１，０００円、①②、ＡＢＣ、\u{F900}、\u{302A}",
            "𠀋𡈽 emoji 🙂 end",
        ] {
            assert_eq!(normalize(text), reference_normalize(text), "{text:?}");
        }
    }

    /// Each character of the Basic Multilingual Plane (and some beyond) in the middle
    /// of a window of plain text, alone and after a space: the window test must leave
    /// to the fold every one it does not take as it is.
    #[test]
    fn normalize_agrees_with_its_definition_for_every_character_in_a_plain_window() {
        let plain = "本文かa";
        let mut text = String::new();
        for c in (0..=0xFFFF_u32)
            .chain((0x1_0000..=0x10_FFFF).step_by(97))
            .filter_map(char::from_u32)
        {
            for before in ["", " "] {
                text.clear();
                text.push_str(&plain.repeat(3));
                text.push_str(before);
                text.push(c);
                text.push_str(&plain.repeat(6));
                assert_eq!(
                    normalize(&text),
                    reference_normalize(&text),
                    "U+{:04X} after {before:?}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn count_non_whitespace_counts_characters() {
        for text in ["", " a\u{3000}本 ①\r\n", "\u{00A0}x\u{2029}𠀋"] {
            let expected = text.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(count_non_whitespace(text), expected, "{text:?}");
        }
    }

    #[test]
    fn count_non_whitespace_agrees_with_char_is_whitespace_for_every_character() {
        let mut text = String::new();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            text.clear();
            text.extend(['a', c, 'b']);
            let expected = 2 + usize::from(!c.is_whitespace());
            assert_eq!(count_non_whitespace(&text), expected, "U+{:04X}", c as u32);
            // At the end and alone, where fewer than two bytes follow it.
            text.clear();
            text.extend(['a', 'b', c]);
            assert_eq!(count_non_whitespace(&text), expected, "…U+{:04X}", c as u32);
            assert_eq!(
                count_non_whitespace(c.encode_utf8(&mut [0; 4])),
                expected - 2,
                "U+{:04X} alone",
                c as u32
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn count_non_whitespace_is_chars_not_whitespace(text in "[a \t\r\n\x0B\x0C\u{3000}\u{3001}\u{00A0}\u{00A1}\u{2000}\u{200A}\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{2060}\u{2013}\u{1680}\u{1681}\u{0085}本か①é𠀋]{0,120}") {
            let expected = text.chars().filter(|c| !c.is_whitespace()).count();
            proptest::prop_assert_eq!(count_non_whitespace(&text), expected);
        }

        #[test]
        fn fold_is_split_whitespace_joined(text in "[a \t\r\n\u{3000}\u{00A0}\u{2028}\u{2013}本か]{0,60}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(fold_whitespace(&text).0, expected);
        }

        /// Long runs of plain text, with now and then folded white space, a character
        /// that is not NFC or may not be, a control character.
        #[test]
        fn normalize_of_long_plain_runs_agrees_with_its_definition(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => "[a-zA-Z0-9.,()]{1,12}",
                    4 => "[本文細胞か゚のソ、。「」（），：ー—“”…・]{1,12}",
                    1 => proptest::sample::select(vec![
                        "  ", "\n", "\t", "\u{3000}", "\u{00A0}", "\u{2028}", "e\u{301}",
                        "\u{304b}\u{3099}", "\u{F900}", "\u{302A}", "\u{0}", "\u{7F}", "é",
                        "𠀋", "🙂", "\u{2010}", "\u{2027}", "\u{2029}", "ｱ", "\u{FF5F}",
                    ]).prop_map(str::to_string),
                ],
                0..40,
            ),
            separators in proptest::collection::vec(proptest::sample::select(vec!["", " "]), 40),
        ) {
            let text: String = words
                .iter()
                .zip(&separators)
                .flat_map(|(word, separator)| [word.as_str(), separator])
                .collect();
            proptest::prop_assert_eq!(normalize(&text), reference_normalize(&text), "{:?}", text);
        }
    }

    #[test]
    fn whitespace_len_matches_char_is_whitespace() {
        for code in 0..=0x10FFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            let expected = if c.is_whitespace() { encoded.len() } else { 0 };
            assert_eq!(whitespace_len(encoded), expected, "U+{code:04X}");
        }
    }

    #[test]
    fn surely_nfc_characters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for code in 0x80..=0xFFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            if surely_nfc(encoded[0], &encoded[1..]) {
                let alone = c.to_string();
                assert_eq!(alone.nfc().collect::<String>(), alone, "U+{code:04X}");
                assert_eq!(canonical_combining_class(c), 0, "U+{code:04X}");
                assert!(
                    unicode_normalization::is_nfc_quick(std::iter::once(c))
                        == unicode_normalization::IsNormalized::Yes,
                    "U+{code:04X}"
                );
            }
        }
    }

    #[test]
    fn a_section_fingerprint_is_worked_out_when_first_asked_for() {
        let text = "---\ntitle: 題\n---\n\n前文。\n\n## 見出し {#h}\n<!-- yaku:required -->\n\n本文  です。\n";
        let parsed =
            crate::parse_text(text.to_string(), &crate::ParseOptions::default()).expect("parses");
        let sections = &parsed.document.sections;
        assert_eq!(sections.len(), 3, "front matter, lead and one section");
        // Parsing hashes nothing: a build asks for few of a translation's fingerprints.
        assert!(sections.iter().all(|s| s.fingerprint.value.get().is_none()));
        let expected = [
            "title: 題",
            "前文。",
            // The heading without its id, the directive line left out.
            "## 見出し\n本文 です。",
        ];
        for (section, text) in sections.iter().zip(expected) {
            assert_eq!(
                section.fingerprint(),
                Fingerprint::of_text(text),
                "{}",
                section.id
            );
            assert_eq!(
                section.fingerprint.value.get(),
                Some(&Fingerprint::of_text(text))
            );
        }
    }

    #[test]
    fn lazy_fingerprints_compare_by_value() {
        let a = LazyFingerprint::of_text("本文です。\n\nもう一行。".to_string());
        let b = LazyFingerprint::of_text("  本文です。 \r\n\r\nもう一行。".to_string());
        let c = LazyFingerprint::of_text("本文です。".to_string());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            format!("{a:?}"),
            format!("{:?}", Fingerprint::of_text("本文です。 もう一行。"))
        );
    }

    #[test]
    fn display_and_parse_round_trip() {
        let fp = Fingerprint::of_text("x");
        let shown = fp.to_string();
        assert_eq!(shown.len(), 16);
        assert_eq!(shown.parse::<Fingerprint>(), Ok(fp));
        assert!("XYZ".parse::<Fingerprint>().is_err());
        assert!("0123456789ABCDEF".parse::<Fingerprint>().is_err());
    }

    proptest::proptest! {
        /// Parsing reads back what `Display` wrote, and takes nothing but 16 lowercase
        /// hex digits (near misses: upper case, other letters, signs, wrong lengths,
        /// characters of several bytes).
        #[test]
        fn parse_takes_exactly_what_display_writes(
            bytes in proptest::array::uniform8(proptest::num::u8::ANY),
            near in "[0-9a-gA-F+\\-é ]{14,18}",
        ) {
            let fp = Fingerprint(bytes);
            proptest::prop_assert_eq!(fp.to_string().parse::<Fingerprint>(), Ok(fp));
            let well_formed = near.len() == 16
                && near.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            match near.parse::<Fingerprint>() {
                Ok(parsed) => {
                    proptest::prop_assert!(well_formed, "{near:?}");
                    proptest::prop_assert_eq!(parsed.to_string(), near);
                }
                Err(_) => proptest::prop_assert!(!well_formed, "{near:?}"),
            }
        }
    }
}
