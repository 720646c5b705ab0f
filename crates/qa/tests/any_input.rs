//! The checks never panic, whatever the two texts hold: random mixes of Markdown markup,
//! digits in every width, separators, quotes, comments and Japanese script.

use proptest::prelude::*;
use yaku_content::{parse_document, Document, ParseOptions};
use yaku_qa::{
    check_required_notices, check_sections, Glossary, Options, PreparedDocument, Rule,
    SectionStatus,
};

const PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "{#a}",
    "{#b}",
    "{#",
    "}",
    "\n",
    "\r\n",
    "\n\n",
    "- ",
    "1. ",
    "> ",
    "> [!NOTE]\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\n",
    "`",
    "<!--",
    "-->",
    "<!-- qa-ignore: numbers -->\n",
    "<!-- yaku:required -->\n",
    "[x](http://e/1)",
    "](",
    "(",
    ")",
    "（",
    "）",
    "Shah et al., 2025",
    "(Jin and Jin, 2025)",
    "Lee (2024)",
    "10.1111/x.1",
    "- Shah, M. (2025) ‘T’, J, 1.\n",
    "1",
    "2",
    "0",
    "５",
    "６",
    "１",
    ",",
    "，",
    ".",
    "．",
    "〜",
    "～",
    "–",
    "-",
    "万",
    "億",
    "①",
    "⑳",
    "日",
    "回",
    "つ",
    "one",
    "twice",
    "エクソソーム",
    "ｴｸｿｿｰﾑ",
    "細胞",
    "外泌体",
    "「",
    "」",
    "『",
    "』",
    "“",
    "”",
    "\"",
    "・",
    "ー",
    "+++\n",
    "title = \"t\"\n",
    " ",
    "\u{feff}",
    "é",
    "𠮷",
    "# Café",
];

/// Texts with or without a final line break, so that a file may end inside a heading,
/// a comment or a multi-byte character (`# Café`, `𠮷`).
fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 0..60),
        any::<bool>(),
    )
        .prop_map(|(pieces, final_newline)| {
            let text = pieces.concat();
            if final_newline {
                text + "\n"
            } else {
                text
            }
        })
}

fn parse(text: &str) -> Option<Document> {
    parse_document(text.as_bytes(), &ParseOptions::default())
        .ok()
        .map(|parsed| parsed.document)
}

fn glossary() -> Glossary {
    Glossary::parse(
        "[[term]]\nja = \"エクソソーム\"\nen = \"exosome\"\nzh-Hans = \"外泌体\"\n\n[[term]]\nja = \"細胞\"\nen = \"cell-y\"\nname = true\n",
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn checks_never_panic(source in text(), translation in text()) {
        let (Some(source), Some(translation)) = (parse(&source), parse(&translation)) else {
            return Ok(());
        };
        let glossary = glossary();
        let ids: Vec<&str> = source.sections.iter().map(|s| s.id.as_str()).collect();
        let options = Options { glossary: Some(&glossary), rules: &Rule::ALL, links: None };
        // One source prepared for every locale, as `yaku check` does.
        let shared = PreparedDocument::new(&source, "ja");
        for locale in ["en", "zh-Hans", "fr"] {
            let found = check_sections(&shared, &PreparedDocument::new(&translation, locale), &ids, &options);
            for finding in &found {
                prop_assert!(finding.line >= 1);
            }
            // Sharing the prepared source changes nothing.
            let fresh = check_sections(
                &PreparedDocument::new(&source, "ja"),
                &PreparedDocument::new(&translation, locale),
                &ids,
                &options,
            );
            prop_assert_eq!(&found, &fresh);
        }
        let statuses: Vec<SectionStatus> = ids
            .iter()
            .map(|id| SectionStatus { id: id.to_string(), state: yaku_sync::SectionState::Stale, line: 1 })
            .collect();
        check_required_notices(&source, Some(&translation), &statuses, yaku_sync::Policy::default());
    }
}

/// The case the generator once had to avoid: both files end in a heading whose last
/// character is multi-byte, with no line break after it.
#[test]
fn files_ending_in_a_multibyte_heading_without_a_line_break_are_checked() {
    let source = parse("## 概要 {#a}\n\n56名\n\n## 見出し {#b}").expect("parses");
    let translation = parse("## Overview {#a}\n\n65 people\n\n## Café {#b}").expect("parses");
    let found = check_sections(
        &PreparedDocument::new(&source, "ja"),
        &PreparedDocument::new(&translation, "en"),
        &["a", "b"],
        &Options {
            glossary: None,
            rules: &Rule::ALL,
            links: None,
        },
    );
    let numbers: Vec<(&str, usize)> = found
        .iter()
        .filter(|f| f.rule == Rule::Numbers)
        .map(|f| (f.section.as_str(), f.line))
        .collect();
    assert_eq!(numbers, [("a", 3)], "{found:#?}");
}
