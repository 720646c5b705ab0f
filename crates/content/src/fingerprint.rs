//! Fingerprints: a short hash of a section's normalized text.
//!
//! Normalization makes whitespace-only edits invisible (line endings, runs of spaces,
//! trailing blanks) and Unicode-equivalent spellings equal (NFC), while every change of
//! a character, number or heading changes the hash.

use std::fmt;
use std::str::FromStr;

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

impl FromStr for Fingerprint {
    type Err = ParseFingerprintError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseFingerprintError(s.to_string());
        if s.len() != 16 || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(err());
        }
        let mut bytes = [0u8; 8];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| err())?;
        }
        Ok(Fingerprint(bytes))
    }
}

/// Normalizes text for fingerprinting: Unicode NFC, every run of whitespace (line
/// endings included) folded to one space, leading and trailing whitespace dropped.
pub fn normalize(text: &str) -> String {
    // Nearly all text is already NFC; the quick check avoids composing it again.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        fold_whitespace(text)
    } else {
        fold_whitespace(&text.nfc().collect::<String>())
    }
}

/// Runs of whitespace folded to one space, leading and trailing ones dropped.
fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn display_and_parse_round_trip() {
        let fp = Fingerprint::of_text("x");
        let shown = fp.to_string();
        assert_eq!(shown.len(), 16);
        assert_eq!(shown.parse::<Fingerprint>(), Ok(fp));
        assert!("XYZ".parse::<Fingerprint>().is_err());
        assert!("0123456789ABCDEF".parse::<Fingerprint>().is_err());
    }
}
