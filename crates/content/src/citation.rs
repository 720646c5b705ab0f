//! In-text citations and reference-list entries, for the checks that compare a
//! translation's citations with its source.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// An in-text citation such as `(Shah et al., 2025)` or `Jin and Jin (2025)`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    /// The author part as written: `Shah et al.`, `Jin and Jin`.
    pub authors: String,
    /// The year.
    pub year: u16,
    /// Where it stands in the text given to [`extract_citations`].
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Citation {
    /// The first author's surname, the key that finds the reference entry.
    pub fn first_author(&self) -> &str {
        first_author(&self.authors)
    }

    /// The entry of `references` this citation refers to, if any (see
    /// [`Reference::is_cited_by`]).
    pub fn resolve<'r>(&self, references: &'r [Reference]) -> Option<&'r Reference> {
        references
            .iter()
            .find(|r| r.is_cited_by(&self.authors, self.year))
    }

    /// `Authors, Year`: the form two citations are compared by.
    pub fn key(&self) -> String {
        format!("{}, {}", self.authors, self.year)
    }
}

/// An entry of a reference list: `Shah, M., … (2025) ‘Title’, … doi: 10.1111/jocd.16766.`
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    /// Surname of the first author.
    pub first_author: String,
    /// Year of publication.
    pub year: u16,
    /// The DOI, when the entry has one.
    pub doi: Option<String>,
    /// Where the entry's line stands in the text given to [`extract_references`].
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Reference {
    /// Whether a citation of `authors` (as written: `Shah et al.`, `Jin and Jin`) in
    /// `year` refers to this entry: the same first author's surname and the same year.
    /// This is what "a citation resolves" means everywhere (the QA's `citations` rule and
    /// the build's `resolved`).
    pub fn is_cited_by(&self, authors: &str, year: u16) -> bool {
        self.year == year && self.first_author == first_author(authors)
    }
}

/// The first author's surname in the author part of a citation: its first word.
fn first_author(authors: &str) -> &str {
    authors.split_whitespace().next().unwrap_or(authors)
}

/// Every DOI in `text` (`10.` prefix `/` suffix), in order, without a full stop that
/// ends the sentence after it: the one definition of what a DOI looks like, for reference
/// entries and the QA's comparison of identifiers.
pub fn find_dois(text: &str) -> impl Iterator<Item = &str> {
    doi()
        .find_iter(text)
        .map(|m| m.as_str().trim_end_matches('.'))
}

const NAME: &str = r"\p{Lu}[\p{L}'’\-]+";

fn author_pattern() -> String {
    format!(r"{NAME}(?:\s+et\s+al\.|\s+(?:and|&)\s+{NAME})?")
}

fn citation_part() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*({})\s*[,，]\s*(\d{{4}})\s*$",
            author_pattern()
        ))
        .expect("valid regex")
    })
}

/// The authors (as a range of `part`) and the year of a citation part `Authors, Year`,
/// as [`citation_part`]'s groups are, without capturing them: the authors start after
/// the leading white space and end before the first comma (no name holds one), the
/// year is the last four characters before the trailing white space.
fn citation_part_groups(part: &str) -> Option<(std::ops::Range<usize>, &str)> {
    if !citation_part().is_match(part) {
        return None;
    }
    let start = part.len() - part.trim_start().len();
    let comma = part[start..].find([',', '，'])? + start;
    let authors = start..start + part[start..comma].trim_end().len();
    let trimmed = part.trim_end();
    let (year_start, _) = trimmed.char_indices().rev().nth(3)?;
    Some((authors, &trimmed[year_start..]))
}

/// The authors that end a text, for a narrative citation `Authors (Year)`.
fn trailing_authors() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!(r"({})\s*$", author_pattern())).expect("valid regex"))
}

/// The start of a reference entry, up to the first author's surname and its comma.
fn reference_entry() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+(?:\*\*)?({NAME}),"))
            .expect("valid regex")
    })
}

fn doi() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"10\.\d{4,9}/[^\s\]\)>]+").expect("valid regex"))
}

/// Every parenthesis without parentheses inside: `(start of inner, inner)`, for `(…)`
/// and `（…）` alike.
fn parentheses(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut open: Option<usize> = None;
    // `(` and `)`, and the lead byte EF of `（` (EF BC 88) and `）` (EF BC 89).
    memchr::memchr3_iter(b'(', b')', 0xEF, bytes).filter_map(move |i| {
        let (is_open, len) = match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b'(', _) => (true, 1),
            (b')', _) => (false, 1),
            (_, Some([0xBC, 0x88])) => (true, 3),
            (_, Some([0xBC, 0x89])) => (false, 3),
            _ => return None,
        };
        if is_open {
            open = Some(i + len);
            None
        } else {
            open.take().map(|start| (start, &text[start..i]))
        }
    })
}

fn has_year(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// Every in-text citation in `text`, in order.
pub fn extract_citations(text: &str) -> Vec<Citation> {
    let mut citations = Vec::new();
    for (inner_start, inner) in parentheses(text) {
        if !has_year(inner) {
            continue;
        }
        let year_only = inner.trim();
        if year_only.len() == 4 && year_only.bytes().all(|b| b.is_ascii_digit()) {
            // `Authors (Year)`: the authors stand right before the parenthesis.
            let open = text[..inner_start]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
            let mut from = open.saturating_sub(120);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            // The match is the authors and the white space after them (no capture
            // groups: finding a match is several times cheaper than capturing one).
            if let Some(found) = trailing_authors().find(&text[from..open]) {
                let authors = found.as_str().trim_end();
                if let Ok(year) = year_only.parse() {
                    citations.push(Citation {
                        authors: fold_spaces(authors),
                        year,
                        span: from + found.start()
                            ..inner_start
                                + inner.len()
                                + text[inner_start + inner.len()..]
                                    .chars()
                                    .next()
                                    .map_or(0, char::len_utf8),
                    });
                }
            }
            continue;
        }
        for part in inner.split([';', '；']) {
            // `part` is a subslice of `inner`: its offset is the pointer difference.
            let offset = inner_start + (part.as_ptr() as usize - inner.as_ptr() as usize);
            if !looks_like_citation_part(part) {
                continue;
            }
            if let Some((authors, year)) = citation_part_groups(part) {
                if let Ok(year) = year.parse() {
                    citations.push(Citation {
                        authors: fold_spaces(&part[authors.clone()]),
                        year,
                        span: offset + authors.start..offset + part.trim_end().len(),
                    });
                }
            }
        }
    }
    citations.sort_by_key(|c| c.span.start);
    citations
}

/// Every reference-list entry in `text`: list items that start with `Surname, …` and
/// carry a `(Year)`.
pub fn extract_references(text: &str) -> Vec<Reference> {
    // Every entry has its `(Year)`: most sections have none, and are not read line by line.
    if parenthesized_year(text).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).map(|i| i + 1);
    for end in ends.chain((bytes.last() != Some(&b'\n')).then_some(bytes.len())) {
        let line_start = start;
        start = end;
        // A cheap test first: most lines are not list items.
        let line = &text[line_start..end];
        if !starts_like_entry(line) {
            continue;
        }
        let line = line.trim_end_matches(['\n', '\r']);
        let Some(author) = entry_author(line) else {
            continue;
        };
        // The year: the first `(dddd)` after the author.
        let Some(year) = parenthesized_year(&line[author.end..]) else {
            continue;
        };
        out.push(Reference {
            first_author: line[author].to_string(),
            year,
            doi: find_dois(line).next().map(str::to_string),
            span: line_start..line_start + line.len(),
        });
    }
    out
}

/// Where the first author's surname of the reference entry `line` is, as
/// [`reference_entry`]'s group captures it, without capturing (a match is several times
/// cheaper): the match ends with the comma after the surname, and the surname, which
/// holds no white space and no `*`, starts after the last of them before it.
fn entry_author(line: &str) -> Option<std::ops::Range<usize>> {
    let found = reference_entry().find(line)?;
    let end = found.end() - ','.len_utf8();
    let start = line[..end]
        .rfind([' ', '\t', '*'])
        .map_or(found.start(), |at| at + 1);
    Some(start..end)
}

/// `s` with each run of white space one space, none at either end.
fn fold_spaces(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

/// A cheap test that `part` may be `Authors, Year`: a capital first, a comma (`,` or
/// `，`) then four digits last. The regex decides.
fn looks_like_citation_part(part: &str) -> bool {
    let part = part.trim();
    let Some(before_year) = part
        .len()
        .checked_sub(4)
        .filter(|&at| part.as_bytes()[at..].iter().all(u8::is_ascii_digit))
        .map(|at| part[..at].trim_end())
    else {
        return false;
    };
    (before_year.ends_with(',') || before_year.ends_with('，'))
        && part.chars().next().is_some_and(char::is_uppercase)
}

/// The year of the first `(dddd)` in `text`, as every reference entry has.
fn parenthesized_year(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'(', bytes).find_map(|at| match bytes.get(at + 1..at + 6) {
        Some([digits @ .., b')']) if digits.iter().all(u8::is_ascii_digit) => {
            text[at + 1..at + 5].parse().ok()
        }
        _ => None,
    })
}

/// Whether `line` is a list item (`- `, `* `, `+ `, `1. `) whose text starts with a
/// capital letter, bold or not, and a word and a comma: what every reference entry looks
/// like.
fn starts_like_entry(line: &str) -> bool {
    let item = line.trim_start_matches([' ', '\t']);
    let after_marker = match item.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => &item[1..],
        Some(b'0'..=b'9') => {
            match item
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .strip_prefix('.')
            {
                Some(rest) => rest,
                None => return false,
            }
        }
        _ => return false,
    };
    let text = after_marker.trim_start_matches([' ', '\t']);
    if text.len() == after_marker.len() {
        return false;
    }
    let text = text.strip_prefix("**").unwrap_or(text);
    // The surname runs to its comma without a space: most list items are sentences,
    // which a space ends first.
    text.chars().next().is_some_and(char::is_uppercase)
        && text
            .as_bytes()
            .iter()
            .find(|&&b| matches!(b, b',' | b' ' | b'\t'))
            == Some(&b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `citation_part`'s groups, captured: what [`citation_part_groups`] must equal.
    fn captured(part: &str) -> Option<(std::ops::Range<usize>, &str)> {
        let c = citation_part().captures(part)?;
        Some((c.get(1)?.range(), c.get(2)?.as_str()))
    }

    proptest::proptest! {
        #[test]
        fn citation_parts_are_split_as_the_regex_captures_them(
            part in "[ \t　]{0,2}(Smith|Ôe|O’Neil|Lee-Park|li|[A-Z][a-zé]{0,3})( et al\\.| and [A-Z][a-z]{0,3}| & Kim|  et  al\\.)?[ ]{0,2}[,，;]?[ ]{0,2}[0-9２]{3,5}[ \t　]{0,2}"
        ) {
            proptest::prop_assert_eq!(citation_part_groups(&part), captured(&part), "{:?}", part);
        }

        #[test]
        fn trailing_authors_are_the_match_without_its_white_space(
            text in "[a-z ]{0,6}(Smith|Ôe|O’Neil|Lee-Park|[A-Z][a-zé]{0,3})( et al\\.| and [A-Z][a-z]{0,3}| & Kim)?[ \t　]{0,3}"
        ) {
            let found = trailing_authors().find(&text).map(|m| (m.start(), m.as_str().trim_end()));
            let captured = trailing_authors()
                .captures(&text)
                .and_then(|c| c.get(1))
                .map(|m| (m.start(), m.as_str()));
            proptest::prop_assert_eq!(found, captured, "{:?}", text);
        }

        /// The surname found without capturing is the one the regex's group captures.
        #[test]
        fn entry_authors_are_the_captured_group(
            line in "[ \t]{0,2}(-|\\*|\\+|1\\.|12\\.|x)[ \t]{0,2}(\\*\\*)?(Smith|Ôe|O’Neil|Lee-Park|li|[A-Z][a-zé* ]{0,3})[, *]{0,2}[A-Za-z ,.()0-9*]{0,12}"
        ) {
            let captured = reference_entry()
                .captures(&line)
                .and_then(|c| c.get(1))
                .map(|m| m.range());
            proptest::prop_assert_eq!(entry_author(&line), captured, "{:?}", line);
        }

        /// The cheap test passes every line the regex takes for a reference entry.
        #[test]
        fn starts_like_entry_passes_every_reference_entry(
            line in "[ \t]{0,2}(-|\\*|\\+|1\\.|12\\.|x)[ \t]{0,2}(\\*\\*)?(Smith|Ôe|O’Neil|Lee-Park|li|[A-Z][a-zé ]{0,3})[, ]{0,2}[A-Za-z ,.()0-9]{0,12}"
        ) {
            if reference_entry().is_match(&line) {
                proptest::prop_assert!(starts_like_entry(&line), "{:?}", line);
            }
        }
    }

    fn keys(text: &str) -> Vec<String> {
        extract_citations(text).iter().map(Citation::key).collect()
    }

    #[test]
    fn parenthetical_and_narrative_citations() {
        assert_eq!(
            keys("を防ぎます(Shah et al., 2025; Liang et al., 2025)。"),
            ["Shah et al., 2025", "Liang et al., 2025"]
        );
        assert_eq!(keys("Jin and Jin (2025)のレビュー"), ["Jin and Jin, 2025"]);
        assert_eq!(keys("（Jin and Jin, 2025）。"), ["Jin and Jin, 2025"]);
        assert_eq!(keys("直径30〜150ナノメートル(nm)"), Vec::<String>::new());
        assert_eq!(keys("in 2025 (n = 56)"), Vec::<String>::new());
    }

    #[test]
    fn citation_spans_point_at_the_authors() {
        let text = "x (Shah et al., 2025; Lou et al., 2025)";
        let found = extract_citations(text);
        assert_eq!(&text[found[0].span.clone()], "Shah et al., 2025");
        assert_eq!(&text[found[1].span.clone()], "Lou et al., 2025");
    }

    #[test]
    fn a_citation_resolves_to_the_entry_of_its_first_author_and_year() {
        let refs = extract_references(
            "- Shah, M. (2025) ‘A’.\n- Jin, Y. (2024) ‘B’.\n- Jin, Y. (2025) ‘C’.\n",
        );
        let cite = |text: &str| extract_citations(text).remove(0);
        let found = cite("(Jin and Jin, 2025)").resolve(&refs).unwrap();
        assert_eq!((found.first_author.as_str(), found.year), ("Jin", 2025));
        assert!(cite("Shah et al. (2025)").resolve(&refs).is_some());
        assert!(cite("(Shah et al., 2024)").resolve(&refs).is_none());
        assert!(cite("(Lou et al., 2025)").resolve(&refs).is_none());
    }

    #[test]
    fn dois_end_before_a_full_stop() {
        let found: Vec<&str> =
            find_dois("doi: 10.1111/jocd.16766. See 10.2147/CCID.S547675, and (10.1000/x)")
                .collect();
        assert_eq!(
            found,
            ["10.1111/jocd.16766", "10.2147/CCID.S547675,", "10.1000/x"]
        );
    }

    #[test]
    fn reference_entries_with_dois() {
        let text = "- Shah, M., Dukharan, V. (2025) ‘Exosomes’, J, 24. doi: [10.1111/jocd.16766](https://doi.org/10.1111/jocd.16766).\n- Jin, Y.-X. and Jin, G.-Z. (2025) ‘T’, pp. 1. doi: 10.2147/CCID.S547675.\n";
        let refs = extract_references(text);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].first_author, "Shah");
        assert_eq!(refs[0].doi.as_deref(), Some("10.1111/jocd.16766"));
        assert_eq!(refs[1].first_author, "Jin");
        assert_eq!(refs[1].year, 2025);
        assert_eq!(refs[1].doi.as_deref(), Some("10.2147/CCID.S547675"));
    }
}
