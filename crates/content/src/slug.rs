//! Heading ids the way a site's renderer makes them, for sources whose headings carry no
//! `{#id}` (`[markdown] id-style` in `yaku.toml`).
//!
//! - [`IdStyle::Hugo`]: Hugo's Goldmark `autoHeadingIDType = "github"` (Hugo's default;
//!   `markup/goldmark/autoid.go`): the text trimmed; a space or `-` becomes `-`; letters
//!   (lowercased), decimal digits and `_` are kept; everything else is dropped. An empty
//!   result is `heading`. A repeated id gets `-1`, `-2`, … (the first free one); explicit
//!   ids count as taken.
//! - [`IdStyle::Github`] and [`IdStyle::Docusaurus`]: github-slugger, which GitHub's
//!   anchors follow and Docusaurus uses: lowercased; letters, marks, decimal and letter
//!   numbers, connector punctuation (`_`), spaces and `-` are kept, every space becomes
//!   `-` (runs are not folded, nothing is trimmed); a repeated slug gets `-1`, `-2`, …
//!   counted per original slug.
//!
//! What is slugged: Goldmark (Hugo) takes the heading's line as written, without its `#`
//! marks and attribute block (so a link's destination and an entity's name count:
//! `## See [docs](https://x.dev)` → `see-docshttpsxdev`, as Hugo 0.111 renders it), and
//! of an underlined heading of several lines the last line alone (`Two\nlines\n---` →
//! `lines`); github-slugger takes the text the heading renders (`see-docs`).

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

/// How the source's headings without an explicit id get theirs.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IdStyle {
    /// Every heading carries `{#id}`; a heading without one is an error (yaku's own
    /// format).
    #[default]
    Explicit,
    /// Hugo (Goldmark, `autoHeadingIDType = "github"`).
    Hugo,
    /// GitHub's rendering of Markdown (github-slugger).
    Github,
    /// Docusaurus (github-slugger).
    Docusaurus,
}

impl IdStyle {
    /// The name as `yaku.toml` writes it.
    pub fn name(self) -> &'static str {
        match self {
            IdStyle::Explicit => "explicit",
            IdStyle::Hugo => "hugo",
            IdStyle::Github => "github",
            IdStyle::Docusaurus => "docusaurus",
        }
    }

    /// Whether headings without `{#id}` get the renderer's id.
    pub fn derives_ids(self) -> bool {
        self != IdStyle::Explicit
    }
}

/// Gives the headings of one document their ids in document order, with the renderer's
/// suffixes for repeated ones.
#[derive(Debug, Clone)]
pub struct Slugger {
    style: IdStyle,
    taken: HashSet<String>,
    /// github-slugger's occurrence counts, per original slug.
    occurrences: std::collections::HashMap<String, usize>,
}

impl Slugger {
    /// A slugger for one document.
    pub fn new(style: IdStyle) -> Slugger {
        Slugger {
            style,
            taken: HashSet::new(),
            occurrences: std::collections::HashMap::new(),
        }
    }

    /// Notes an id written in the file (`{#id}`), which Hugo's later headings avoid.
    pub fn reserve(&mut self, id: &str) {
        if self.style == IdStyle::Hugo {
            self.taken.insert(id.to_string());
        }
    }

    /// The id of the next heading, whose plain text is `text`. `None` for
    /// [`IdStyle::Explicit`].
    pub fn slug(&mut self, text: &str) -> Option<String> {
        match self.style {
            IdStyle::Explicit => None,
            IdStyle::Hugo => {
                let base = hugo_slug(text);
                let mut id = base.clone();
                let mut n = 1;
                while self.taken.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                self.taken.insert(id.clone());
                Some(id)
            }
            IdStyle::Github | IdStyle::Docusaurus => {
                let original = github_slug(text);
                let mut id = original.clone();
                while self.occurrences.contains_key(&id) {
                    let count = self.occurrences.entry(original.clone()).or_insert(0);
                    *count += 1;
                    id = format!("{original}-{count}");
                }
                self.occurrences.insert(id.clone(), 0);
                Some(id)
            }
        }
    }
}

/// Hugo's (Goldmark `github` style) anchor of one heading text, before suffixes.
pub fn hugo_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' || c == '-' {
            out.push('-');
        } else if c == '_' || is_letter(c) || is_decimal_digit(c) {
            out.extend(c.to_lowercase());
        }
    }
    if out.is_empty() {
        "heading".to_string()
    } else {
        out
    }
}

/// github-slugger's slug of one heading text, before suffixes.
pub fn github_slug(text: &str) -> String {
    static DROPPED: OnceLock<Regex> = OnceLock::new();
    let dropped = DROPPED
        .get_or_init(|| Regex::new(r"[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc} \-]").expect("valid regex"));
    let lower = text.to_lowercase();
    dropped.replace_all(&lower, "").replace(' ', "-")
}

/// Go's `unicode.IsLetter`: general category L.
fn is_letter(c: char) -> bool {
    static LETTER: OnceLock<Regex> = OnceLock::new();
    let letter = LETTER.get_or_init(|| Regex::new(r"^\p{L}$").expect("valid regex"));
    c.is_ascii_alphabetic() || (!c.is_ascii() && letter.is_match(c.encode_utf8(&mut [0; 4])))
}

/// Go's `unicode.IsDigit`: general category Nd.
fn is_decimal_digit(c: char) -> bool {
    static DIGIT: OnceLock<Regex> = OnceLock::new();
    let digit = DIGIT.get_or_init(|| Regex::new(r"^\p{Nd}$").expect("valid regex"));
    c.is_ascii_digit() || (!c.is_ascii() && digit.is_match(c.encode_utf8(&mut [0; 4])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(style: IdStyle, headings: &[&str]) -> Vec<String> {
        let mut slugger = Slugger::new(style);
        headings.iter().map(|h| slugger.slug(h).unwrap()).collect()
    }

    /// The cases of Hugo's `TestSanitizeAnchorName` (markup/goldmark/autoid_test.go),
    /// which its authors checked against github.com.
    #[test]
    fn hugo_matches_its_documented_cases() {
        let cases = [
            ("God is good: 神真美好", "god-is-good-神真美好"),
            ("Number 32", "number-32"),
            ("Question?", "question"),
            ("1+2=3", "123"),
            ("Special !\"#$%&(parens)=?´* chars", "special-parens-chars"),
            ("Resumé", "resumé"),
            ("One-Hyphen", "one-hyphen"),
            ("Multiple--Hyphens", "multiple--hyphens"),
            ("Trailing hyphen-", "trailing-hyphen-"),
            ("Many   spaces  here", "many---spaces--here"),
            ("Forward/slash", "forwardslash"),
            ("Backward\\slash", "backwardslash"),
            ("Under_score", "under_score"),
            ("Nonbreaking\u{a0}Space", "nonbreakingspace"),
            ("Tab\tSpace", "tabspace"),
            ("Trailing Space ", "trailing-space"),
        ];
        for (heading, id) in cases {
            assert_eq!(hugo_slug(heading), id, "{heading}");
        }
        // The issue's example: numbered headings keep their number.
        assert_eq!(
            hugo_slug("1. Create the Release Branch"),
            "1-create-the-release-branch"
        );
        assert_eq!(hugo_slug("?!"), "heading");
    }

    /// Goldmark's id factory: `-1`, `-2` for repeats, explicit ids taken.
    #[test]
    fn hugo_suffixes_repeats_from_one() {
        assert_eq!(
            all(IdStyle::Hugo, &["Foo", "Foo", "Foo", "", ""]),
            ["foo", "foo-1", "foo-2", "heading", "heading-1"]
        );
        let mut slugger = Slugger::new(IdStyle::Hugo);
        slugger.reserve("setup");
        assert_eq!(slugger.slug("Setup").unwrap(), "setup-1");
    }

    /// What github-slugger 2 (which github.com's anchors follow and Docusaurus uses)
    /// gives these texts, as its `slug()` printed them in Node.
    #[test]
    fn github_matches_github_slugger() {
        let cases = [
            ("Hello World", "hello-world"),
            ("Hello, World!", "hello-world"),
            ("foo  bar", "foo--bar"),
            (" leading space", "-leading-space"),
            ("😄 unicode emoji", "-unicode-emoji"),
            ("Привет non-latin 你好", "привет-non-latin-你好"),
            ("snake_case", "snake_case"),
            (
                "1. Create the Release Branch",
                "1-create-the-release-branch",
            ),
            ("Café: déjà vu", "café-déjà-vu"),
            ("See the docs & more", "see-the-docs--more"),
            ("Question? Answer!", "question-answer"),
            ("C++ & Rust", "c--rust"),
            ("Ünïcödé", "ünïcödé"),
            ("a—b – c", "ab--c"),
            ("x²", "x"),
            ("Ⅻ roman", "ⅻ-roman"),
            ("Tab\there", "tabhere"),
            ("non\u{a0}breaking", "nonbreaking"),
            ("İstanbul", "i\u{307}stanbul"),
        ];
        for (heading, id) in cases {
            assert_eq!(github_slug(heading), id, "{heading}");
        }
    }

    /// github-slugger: `foo`, `foo-1`, `foo-2`; a slug that collides with a generated one
    /// gets its own count.
    #[test]
    fn github_suffixes_repeats_like_github_slugger() {
        assert_eq!(
            all(IdStyle::Github, &["foo", "foo", "foo"]),
            ["foo", "foo-1", "foo-2"]
        );
        assert_eq!(
            all(IdStyle::Docusaurus, &["foo", "foo", "foo-1"]),
            ["foo", "foo-1", "foo-1-1"]
        );
        assert_eq!(
            all(IdStyle::Github, &["foo", "foo", "foo-1", "foo", "", ""]),
            ["foo", "foo-1", "foo-1-1", "foo-2", "", "-1"]
        );
    }

    #[test]
    fn explicit_derives_nothing() {
        assert_eq!(Slugger::new(IdStyle::Explicit).slug("Foo"), None);
        assert!(!IdStyle::Explicit.derives_ids());
        assert!(IdStyle::Hugo.derives_ids());
    }
}
