//! The document model against real articles and hand-made bad input.

use std::path::Path;

use proptest::prelude::*;
use yaku_content::{
    parse_document, Diagnostic, Document, FrontMatterFormat, LineIndex, ParseOptions, Problem,
    SectionKind, Severity,
};

fn parse(text: &str) -> (Document, Vec<Diagnostic>) {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).expect("parsable");
    (parsed.document, parsed.diagnostics)
}

/// The spans of the front matter, the sections and the obsolete area, concatenated.
fn tiles(document: &Document) -> String {
    let mut out = String::new();
    for section in &document.sections {
        out.push_str(document.slice(&section.span));
    }
    if let Some(area) = &document.obsolete {
        out.push_str(document.slice(&area.span));
    }
    out
}

fn problems(text: &str) -> Vec<(Problem, usize, usize)> {
    let (document, diagnostics) = parse(text);
    let index = LineIndex::new(&document.text);
    diagnostics
        .into_iter()
        .map(|d| {
            let (line, col) = index.line_col(&document.text, d.span.start);
            (d.problem, line, col)
        })
        .collect()
}

#[test]
fn every_file_under_content_tiles_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut count = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let parsed = parse_document(&bytes, &ParseOptions::default()).unwrap();
            assert_eq!(
                tiles(&parsed.document).as_bytes(),
                bytes.as_slice(),
                "{}",
                path.display()
            );
            let errors: Vec<_> = parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            count += 1;
        }
    }
    assert!(count >= 3, "the source and both translations are checked");
}

/// The frozen copy of the repository's Japanese article, whose counts tests may pin
/// (the live article in `content/` is edited).
fn frozen_article() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/exosome-article/content/ja/exosome-anti-aging.md")
}

#[test]
fn the_frozen_japanese_article_has_every_expected_section() {
    let path = frozen_article();
    let (document, diagnostics) = parse(&std::fs::read_to_string(path).unwrap());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let ids: Vec<&str> = document.sections.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "front-matter",
        "lead",
        "exosome-basics",
        "collagen-elastin",
        "other-cell-sources",
        "delivery-methods",
        "summary",
        "faq",
        "references",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let tables: usize = document
        .sections
        .iter()
        .map(|s| s.block_counts().tables)
        .sum();
    assert_eq!(tables, 2, "the tables of 3.3 and 5.3");
    let components: Vec<&str> = document
        .sections
        .iter()
        .flat_map(|s| s.components())
        .collect();
    assert_eq!(
        components,
        [
            "cta-evidence-based",
            "cta-science-backed",
            "cta-pay-per-visit",
            "legal-notice"
        ]
    );
}

const ARTICLE: &str = "+++\ntitle = \"題\"\ndescription = \"説明\"\n+++\n\n導入文です。\n\n## 1. 概要 {#overview}\n\n56名の患者を対象にしました。\n\n### 1.1 詳細 {#details}\n\n- 一つ目\n- 二つ目\n";

fn fingerprint_of(text: &str, id: &str) -> String {
    parse(text).0.section(id).unwrap().fingerprint().to_string()
}

#[test]
fn whitespace_only_edits_keep_every_fingerprint() {
    let edited = ARTICLE
        .replace(
            "56名の患者を対象にしました。",
            "56名の患者を対象にしました。  \t",
        )
        .replace("\n\n### 1.1", "\n\n\n\n### 1.1")
        .replace("- 一つ目\n", "-   一つ目\n")
        .replace("## 1. 概要 {#overview}", "##   1. 概要   {#overview}");
    for id in ["front-matter", "lead", "overview", "details"] {
        assert_eq!(
            fingerprint_of(ARTICLE, id),
            fingerprint_of(&edited, id),
            "{id}"
        );
    }
    let crlf = ARTICLE.replace('\n', "\r\n");
    for id in ["front-matter", "lead", "overview", "details"] {
        assert_eq!(
            fingerprint_of(ARTICLE, id),
            fingerprint_of(&crlf, id),
            "{id} with CRLF"
        );
    }
}

#[test]
fn one_character_edits_change_exactly_that_fingerprint() {
    for (from, to, id) in [
        ("対象に", "対象と", "overview"),
        ("56名", "57名", "overview"),
        ("1. 概要", "1. 概観", "overview"),
        ("二つ目", "三つ目", "details"),
        ("導入文", "導入部", "lead"),
        ("題", "表題", "front-matter"),
        ("### 1.1", "#### 1.1", "details"),
    ] {
        let edited = ARTICLE.replacen(from, to, 1);
        for other in ["front-matter", "lead", "overview", "details"] {
            let same = fingerprint_of(ARTICLE, other) == fingerprint_of(&edited, other);
            assert_eq!(
                same,
                other != id,
                "editing {from:?} → {to:?}: section {other}"
            );
        }
    }
}

#[test]
fn the_id_attribute_is_not_part_of_the_fingerprint() {
    let renamed = ARTICLE.replace("{#overview}", "{#summary-of-things}");
    assert_eq!(
        parse(ARTICLE).0.section("overview").unwrap().fingerprint(),
        parse(&renamed)
            .0
            .section("summary-of-things")
            .unwrap()
            .fingerprint()
    );
}

#[test]
fn the_required_directive_marks_the_section_and_is_not_fingerprinted() {
    let marked = ARTICLE.replace("56名の", "<!-- yaku:required -->\n\n56名の");
    let (document, diagnostics) = parse(&marked);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(document.section("overview").unwrap().required);
    assert!(!document.section("details").unwrap().required);
    assert_eq!(
        fingerprint_of(ARTICLE, "overview"),
        fingerprint_of(&marked, "overview")
    );
}

/// Regression: a heading ending in a multi-byte character on the last line, without a
/// final newline, once made the parser slice inside the character and panic.
#[test]
fn code_and_link_targets_are_located_in_the_file() {
    let text = "# 見出し {#h}\n\n本文 `コード 1` と[リンク](https://example.org/2)、<https://x.org/3>。\n\n```\n4\n```\n\n[参照][r]\n\n[r]: https://y.org/5\n";
    let (document, _) = parse(text);
    let section = document.section("h").unwrap();
    let spans = |ranges: &[std::ops::Range<usize>]| -> Vec<String> {
        ranges.iter().map(|r| text[r.clone()].to_string()).collect()
    };
    assert_eq!(spans(&section.code), ["`コード 1`", "```\n4\n```"]);
    // The destination part of an inline link, an autolink whole; a reference link has
    // its destination in the definition, which is not a link event.
    assert_eq!(
        spans(&section.link_targets),
        ["(https://example.org/2)", "<https://x.org/3>"]
    );
}

#[test]
fn a_final_heading_ending_in_a_multibyte_character_parses() {
    let (document, _) = parse("# Café");
    assert_eq!(document.sections[1].heading, "Café");
    let (document, diagnostics) = parse("intro\n\n## 見出し {#a}");
    assert!(diagnostics.is_empty());
    assert_eq!(tiles(&document), "intro\n\n## 見出し {#a}");
}

#[test]
fn byte_order_mark_and_crlf_are_accepted_and_kept() {
    let text = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    let (document, diagnostics) = parse(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(tiles(&document), text);
    assert_eq!(document.line_ending(), "\r\n");
    assert_eq!(document.front_matter.as_ref().unwrap().title(), Some("題"));
    assert_eq!(document.section("details").unwrap().heading, "1.1 詳細");
}

#[test]
fn a_byte_order_mark_before_a_heading_leaves_it_a_heading() {
    // Windows editors save a byte-order mark; Markdown starts after it.
    let text = "\u{feff}# タイトル {#title}\n\n本文。\n\n## 節 {#s}\n\n内容。\n";
    let (document, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(tiles(&document), text);
    let lead = &document.sections[0];
    assert_eq!((lead.span.clone(), lead.is_blank), (0..3, true));
    let title = document.section("title").unwrap();
    assert_eq!((title.heading.as_str(), title.line), ("タイトル", 1));
    assert_eq!(title.span.start, 3);
    // The mark is not the lead's text: with or without it, the same fingerprint.
    let (with_mark, _) = parse("\u{feff}リード。\n\n## 節 {#s}\n");
    let (without, _) = parse("リード。\n\n## 節 {#s}\n");
    assert_eq!(
        with_mark.sections[0].fingerprint(),
        without.sections[0].fingerprint()
    );
    assert_eq!(with_mark.sections[0].span.start, 0);
}

#[test]
fn invalid_utf8_is_an_error_at_its_byte() {
    let mut bytes = b"## ok {#ok}\n\ntext \xff more\n".to_vec();
    bytes.push(b'\n');
    let error = parse_document(&bytes, &ParseOptions::default()).unwrap_err();
    assert_eq!(error.problem, Problem::InvalidUtf8);
    assert_eq!(error.span.start, 18);
}

#[test]
fn unterminated_front_matter_is_an_error_on_line_1() {
    let error = parse_document(
        b"+++\ntitle = \"x\"\n\n## a {#a}\n",
        &ParseOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        error.problem,
        Problem::UnterminatedFrontMatter(FrontMatterFormat::Toml)
    );
    assert_eq!(error.span.start, 0);
    assert!(error.problem.help().unwrap().contains("+++"));
}

#[test]
fn invalid_front_matter_points_at_the_toml_error() {
    let found = problems("+++\ntitle = \"x\"\ndate = = 3\n+++\n\ntext\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(matches!(found[0].0, Problem::InvalidFrontMatter { .. }));
    assert_eq!(found[0].1, 3);
    let found = problems("+++\ntitle = 3\n+++\n");
    assert_eq!(
        found,
        [(
            Problem::FrontMatterNotString {
                format: FrontMatterFormat::Toml,
                key: "title".into()
            },
            2,
            1
        )]
    );
}

#[test]
fn heading_without_id_is_an_error_with_a_fix() {
    let found = problems("intro\n\n## 見出し\n\ntext\n");
    assert_eq!(found, [(Problem::HeadingWithoutId, 3, 1)]);
    assert!(Problem::HeadingWithoutId
        .help()
        .unwrap()
        .contains("yaku ids --write"));
}

#[test]
fn duplicate_ids_name_the_first_line() {
    let found = problems("## a {#same}\n\n## b {#same}\n");
    assert_eq!(
        found,
        [(
            Problem::DuplicateId {
                id: "same".into(),
                first_line: 1
            },
            3,
            1
        )]
    );
}

#[test]
fn ids_with_bad_characters_and_reserved_ids_are_errors() {
    assert_eq!(
        problems("## a {#Bad_Id}\n"),
        [(Problem::InvalidId("Bad_Id".into()), 1, 1)]
    );
    assert_eq!(
        problems("text\n\n## a {#lead}\n"),
        [(Problem::ReservedId("lead".into()), 3, 1)]
    );
}

#[test]
fn unknown_components_are_errors_when_the_names_are_known() {
    let text =
        "## a {#a}\n\n<!-- yaku:component cta-missing -->\n\n<!-- yaku:component cta-ok -->\n";
    let options = ParseOptions {
        known_components: Some(["cta-ok".to_string()].into()),
        ..ParseOptions::default()
    };
    let parsed = parse_document(text.as_bytes(), &options).unwrap();
    let index = LineIndex::new(text);
    let found: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| (d.problem.clone(), index.line(d.span.start)))
        .collect();
    assert_eq!(
        found,
        [(Problem::UnknownComponent("cta-missing".into()), 3)]
    );
    assert_eq!(
        parsed.document.section("a").unwrap().components(),
        ["cta-missing", "cta-ok"]
    );
}

#[test]
fn malformed_directives_and_misplaced_markers_are_errors() {
    let found = problems("## a {#a}\n\n<!-- yaku:componnent x -->\n");
    assert_eq!(found.len(), 1);
    assert!(matches!(&found[0].0, Problem::MalformedDirective(m) if m.contains("componnent")));
    let found = problems("## a {#a}\n\ntext\n\n<!-- yaku:untranslated -->\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, 5);
}

#[test]
fn headings_in_quotes_and_lists_do_not_start_sections() {
    let (document, diagnostics) = parse("## a {#a}\n\n> ## quoted\n\n- ## listed\n\n## b {#b}\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let ids: Vec<_> = document.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["lead", "a", "b"]);
}

#[test]
fn the_obsolete_area_holds_sections_that_are_not_the_documents() {
    let text = "## a {#a}\n\ntext\n\n<!-- yaku:obsolete -->\n<!--\n## old {#old}\n<!-- yaku:untranslated --\\>\n\n```html\n</script>\n-->\n```\n-->\n";
    let text = text.replace("```html\n</script>\n-->", "```html\n</script>\n--\\>");
    let (document, diagnostics) = parse(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(document.section("old").is_none());
    let area = document.obsolete.as_ref().unwrap();
    assert_eq!(area.sections.len(), 1);
    let old = &area.sections[0];
    assert_eq!(old.id.as_str(), "old");
    assert_eq!(old.line, 7);
    assert_eq!(
        area.slice(&old.span),
        "## old {#old}\n<!-- yaku:untranslated -->\n\n```html\n</script>\n-->\n```\n"
    );
    assert_eq!(old.marker(), Some(yaku_content::Marker::Untranslated));
    assert_eq!(tiles(&document), text);
    assert_eq!(document.sections.last().unwrap().kind, SectionKind::Heading);
}

#[test]
fn an_obsolete_area_of_yaku_0_1_is_still_read() {
    let text = "## a {#a}\n\ntext\n\n<!-- yaku:obsolete -->\n<script type=\"text/x-yaku-obsolete\">\n## old {#old}\n<!-- yaku:untranslated -->\n\nold text\n</script>\n";
    let (document, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let area = document.obsolete.as_ref().unwrap();
    assert_eq!(area.sections.len(), 1);
    assert_eq!(area.sections[0].id.as_str(), "old");
    assert_eq!(tiles(&document), text);
}

#[test]
fn an_unclosed_obsolete_area_is_an_error() {
    for open in ["<!--", "<script type=\"text/x-yaku-obsolete\">"] {
        let found = problems(&format!(
            "## a {{#a}}\n\n<!-- yaku:obsolete -->\n{open}\n## old {{#old}}\n"
        ));
        assert!(
            found
                .iter()
                .any(|(p, line, _)| *p == Problem::UnterminatedObsoleteArea && *line == 3),
            "{found:?}"
        );
    }
}

#[test]
fn text_the_obsolete_area_would_not_keep_is_an_error_at_its_line() {
    let area = "## a {#a}\n\n<!-- yaku:obsolete -->\n<!--\n## old {#old}\n\nold\n-->\n";
    let after = problems(&format!("{area}\nA note written after the area.\n"));
    assert_eq!(after, [(Problem::TextAfterObsoleteArea, 10, 1)]);
    let before_first =
        problems("## a {#a}\n\n<!-- yaku:obsolete -->\n<!--\nA stray note.\n## old {#old}\n-->\n");
    assert_eq!(before_first, [(Problem::TextOutsideParkedSection, 5, 1)]);
    let early = problems(
        "## a {#a}\n\n<!-- yaku:obsolete -->\n<script type=\"text/x-yaku-obsolete\">\n## old {#old}\n```html\n</script>\n```\n</script>\n",
    );
    assert!(
        early
            .iter()
            .any(|(p, line, _)| *p == Problem::TextAfterObsoleteArea && *line == 8),
        "{early:?}"
    );
    let inline_end =
        problems("## a {#a}\n\n<!-- yaku:obsolete -->\n<!--\n## old {#old}\nx --> y\n-->\n");
    assert!(
        inline_end
            .iter()
            .any(|(p, line, _)| matches!(p, Problem::ObsoleteAreaEndsEarly(_)) && *line == 6),
        "{inline_end:?}"
    );
}

#[test]
fn citations_and_references_are_extracted_from_the_frozen_article() {
    let text = std::fs::read_to_string(frozen_article()).unwrap();
    let references = yaku_content::extract_references(&text);
    let dois: Vec<_> = references.iter().filter_map(|r| r.doi.as_deref()).collect();
    assert_eq!(dois.len(), 6, "{references:?}");
    assert!(dois.contains(&"10.1186/s13287-025-04620-y"));
    assert_eq!(yaku_content::extract_citations(&text).len(), 27);
}

#[test]
fn every_citation_of_each_article_resolves_to_its_reference_list() {
    let live = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ja/exosome-anti-aging.md");
    for path in [frozen_article(), live] {
        let text = std::fs::read_to_string(&path).unwrap();
        let references = yaku_content::extract_references(&text);
        let citations = yaku_content::extract_citations(&text);
        assert!(!citations.is_empty(), "{} cites", path.display());
        for citation in citations {
            assert!(
                citation.resolve(&references).is_some(),
                "{}: citation {} resolves to a reference",
                path.display(),
                citation.key()
            );
        }
    }
}

fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}".prop_map(|s| format!("{s}\n")),
        "[あ-んア-ン亜-腕 、。]{0,10}".prop_map(|s| format!("{s}\n")),
        ("[1-6]", "[a-z0-9-]{1,6}", "[あ-ん]{0,4}")
            .prop_map(|(l, id, t)| format!("{} {t} {{#{id}}}\n", "#".repeat(l.parse().unwrap()))),
        Just("## no id here\n".to_string()),
        Just("```\n## not a heading\n".to_string()),
        Just("```\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("> [!NOTE]\n> **注意**\n".to_string()),
        Just("> [!WARNING]\n".to_string()),
        Just("- item\n  - nested\n".to_string()),
        Just("<!-- yaku:component cta-x -->\n".to_string()),
        Just("<!-- yaku:untranslated -->\n".to_string()),
        Just("<!-- yaku:obsolete -->\n".to_string()),
        Just("<script type=\"text/x-yaku-obsolete\">\n".to_string()),
        Just("</script>\n".to_string()),
        Just("<!--\n".to_string()),
        Just("-->\n".to_string()),
        Just("--\\>\n".to_string()),
        Just("+++\n".to_string()),
        Just("title = \"x\"\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("Setext\n===\n".to_string()),
        // Pieces without a final newline, multi-byte at the very end.
        Just("# Café".to_string()),
        Just("## 見出し {#end}".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The fast normalization (one pass, NFC only when needed) is its definition: NFC,
    /// then whitespace runs folded to one space and trimmed.
    #[test]
    fn normalize_is_nfc_then_folded_whitespace(text in "[a-zé\u{0301}\u{0300}\u{3099}\u{309A}かカ\u{3000}\u{00A0}\u{2028} \t\r\n本１①\u{F900}𠀋]{0,40}") {
        use unicode_normalization::UnicodeNormalization;
        let nfc: String = text.nfc().collect();
        let expected = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(yaku_content::normalize(&text), expected);
    }

    #[test]
    fn random_markdown_never_panics_and_always_tiles(pieces in proptest::collection::vec(markdown_piece(), 0..40)) {
        let text: String = pieces.concat();
        if let Ok(parsed) = parse_document(text.as_bytes(), &ParseOptions::default()) {
            prop_assert_eq!(tiles(&parsed.document), text.clone());
            for d in &parsed.diagnostics {
                prop_assert!(d.span.start <= text.len());
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_document(&bytes, &ParseOptions::default());
    }
}

#[test]
fn an_id_with_a_space_is_an_error_not_a_shorter_id() {
    let found = problems("## 見出し {#has space}\n\ntext\n");
    assert_eq!(
        found,
        [(Problem::InvalidId("has space".to_string()), 1, 8)],
        "{found:?}"
    );
    // Classes and key=value attributes stay allowed.
    assert!(problems("## a {#a .wide lang=en}\n").is_empty());
}

/// Pieces of an article that the check-only summaries record (links, images, code,
/// rules, blocks) and that decide where a marker may stand, in both dialects.
fn summarized_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => markdown_piece(),
        1 => prop::sample::select(vec![
            "<!-- yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 -->\n",
            "{/* yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 */}\n",
            "<!-- yaku:required -->\n",
            "[a link](https://example.org \"t\") and <https://auto.example>\n",
            "![an image](img.png) `code`\n",
            "---\n",
            "***\n",
            "{{< shortcode x >}}\n",
            "::: note\n",
            "<Tabs>\n",
            "import X from './x'\n",
            "<div>html</div>\n",
            "    indented code\n",
        ])
        .prop_map(str::to_string),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The build's parse leaves out only what the checks compare: the same sections
    /// (ids, spans, markers, fingerprints), the same diagnostics, in both dialects. (A
    /// marker after a block is misplaced whether the block is recorded or not.)
    #[test]
    fn the_builds_parse_differs_only_by_the_check_summaries(
        pieces in proptest::collection::vec(summarized_piece(), 0..40),
        mdx in any::<bool>(),
    ) {
        let text: String = pieces.concat();
        let dialect = if mdx { yaku_content::Dialect::Mdx } else { yaku_content::Dialect::Markdown };
        // Characters are not counted in either: the build counts none either way.
        let checked = ParseOptions { dialect, count_characters: false, ..ParseOptions::default() };
        let built = checked.for_build();
        let for_check = parse_document(text.as_bytes(), &checked);
        let for_build = parse_document(text.as_bytes(), &built);
        let (Ok(for_check), Ok(for_build)) = (for_check, for_build) else {
            prop_assert_eq!(
                parse_document(text.as_bytes(), &checked).err(),
                parse_document(text.as_bytes(), &built).err()
            );
            return Ok(());
        };
        prop_assert_eq!(&for_check.diagnostics, &for_build.diagnostics);
        let without_summaries = |sections: &[yaku_content::Section]| {
            sections
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    (s.blocks, s.links, s.code, s.link_targets) = Default::default();
                    s
                })
                .collect::<Vec<_>>()
        };
        let (check, build) = (&for_check.document, &for_build.document);
        prop_assert_eq!(without_summaries(&check.sections), build.sections.clone());
        prop_assert_eq!(
            check.obsolete.as_ref().map(|o| without_summaries(&o.sections)),
            build.obsolete.as_ref().map(|o| o.sections.clone())
        );
        prop_assert_eq!(&check.front_matter, &build.front_matter);
    }
}

#[test]
fn the_builds_parse_records_no_check_summaries_and_still_finds_a_misplaced_marker() {
    let text = "## A {#a}\n\nSee [x](https://example.org), `code`.\n\n---\n\n<!-- yaku:source 0a1b2c3d4e5f6071 text 8192a3b4c5d6e7f8 -->\n";
    let checked = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
    let built = parse_document(text.as_bytes(), &ParseOptions::default().for_build()).unwrap();
    let recorded = |s: &yaku_content::Section| {
        (
            s.blocks.len(),
            s.links.len(),
            s.code.len(),
            s.link_targets.len(),
        )
    };
    let (c, b) = (&checked.document.sections[1], &built.document.sections[1]);
    assert_eq!(recorded(c), (2, 1, 1, 1));
    assert_eq!(recorded(b), (0, 0, 0, 0));
    let misplaced = |d: &[Diagnostic]| {
        d.iter()
            .filter(|d| matches!(&d.problem, Problem::MalformedDirective(m) if m.contains("right after the heading")))
            .count()
    };
    assert_eq!(misplaced(&checked.diagnostics), 1);
    assert_eq!(misplaced(&built.diagnostics), 1);
    assert_eq!(c.marker, None);
    assert_eq!(b.marker, None);
}
