//! Documentation-site dialects: renderer ids, MDX, Hugo shortcodes, Docusaurus
//! admonitions, configurable translatable front-matter keys.

use std::path::Path;

use yaku_content::{
    parse_document, BlockKind, Dialect, Document, Fingerprint, IdStyle, ParseOptions, Parsed,
    Problem, SectionKind,
};

fn parse_with(text: &str, options: &ParseOptions) -> Parsed {
    parse_document(text.as_bytes(), options).expect("parsable")
}

fn ids(document: &Document) -> Vec<&str> {
    document
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Heading)
        .map(|s| s.id.as_str())
        .collect()
}

fn tiles(document: &Document) -> String {
    document
        .sections
        .iter()
        .map(|s| document.slice(&s.span))
        .collect()
}

fn constructs(document: &Document, id: &str) -> Vec<String> {
    document
        .section(id)
        .unwrap()
        .blocks
        .iter()
        .filter_map(|b| b.kind.construct())
        .collect()
}

fn style(id_style: IdStyle) -> ParseOptions {
    ParseOptions {
        id_style,
        ..ParseOptions::default()
    }
}

#[test]
fn a_source_without_ids_gets_the_renderers_ids() {
    let text = "---\ntitle: Guide\n---\n\nIntro.\n\n## 1. Create the Release Branch\n\ntext\n\n### Options {#opts}\n\n## Options\n\n## Options\n";
    let hugo = parse_with(text, &style(IdStyle::Hugo));
    assert!(hugo.diagnostics.is_empty(), "{:?}", hugo.diagnostics);
    assert_eq!(
        ids(&hugo.document),
        [
            "1-create-the-release-branch",
            "opts",
            "options",
            "options-1"
        ]
    );
    let section = hugo.document.section("options-1").unwrap();
    assert!(section.id_derived);
    assert!(!hugo.document.section("opts").unwrap().id_derived);
    // Hugo slugs the line as written, github-slugger the rendered text.
    let link = "## See [the docs](https://x.dev) &amp; more\n";
    assert_eq!(
        ids(&parse_with(link, &style(IdStyle::Hugo)).document),
        ["see-the-docshttpsxdev-amp-more"]
    );
    assert_eq!(
        ids(&parse_with(link, &style(IdStyle::Docusaurus)).document),
        ["see-the-docs--more"]
    );
    let github = parse_with(text, &style(IdStyle::Github));
    assert_eq!(
        ids(&github.document),
        [
            "1-create-the-release-branch",
            "opts",
            "options",
            "options-1"
        ]
    );
    assert_eq!(tiles(&hugo.document), text);
}

#[test]
fn headings_in_lists_and_quotes_count_for_the_suffixes_of_later_ones() {
    let text = "## Notes\n\n> ## Notes\n\n- ## Notes\n\n## Notes\n";
    let hugo = parse_with(text, &style(IdStyle::Hugo));
    assert_eq!(ids(&hugo.document), ["notes", "notes-3"]);
}

#[test]
fn a_translation_never_derives_ids_from_its_own_text() {
    let options = style(IdStyle::Hugo).for_translation();
    let parsed = parse_with("## はじめに\n\n## Setup {#setup}\n", &options);
    assert_eq!(ids(&parsed.document), ["", "setup"]);
    assert!(parsed
        .diagnostics
        .iter()
        .any(|d| d.problem == Problem::HeadingWithoutId));
}

#[test]
fn a_renderer_id_yaku_cannot_use_is_an_error_at_the_heading() {
    let parsed = parse_with("## my_function\n", &style(IdStyle::Hugo));
    assert_eq!(
        parsed.diagnostics[0].problem,
        Problem::UnusableDerivedId {
            style: "hugo",
            id: "my_function".into()
        }
    );
    assert_eq!(parsed.diagnostics[0].span, 0..14);
    assert!(parsed.diagnostics[0]
        .problem
        .help()
        .unwrap()
        .contains("#my_function"));
}

#[test]
fn mdx_constructs_are_opaque_blocks_kept_byte_for_byte() {
    let text = "---\ntitle: Install\n---\n\nimport Tabs from '@theme/Tabs';\n\n## Install {/*install*/}\n\n<Tabs>\n\n# Not a heading\n\n- not a list\n\n</Tabs>\n\nRun it.\n\n{/* a note for editors */}\n\n## Next {#next}\n\nexport const x = 1;\n";
    let options = ParseOptions::default();
    let mdx = options.for_path(Path::new("docs/install.mdx"));
    assert_eq!(mdx.dialect, Dialect::Mdx);
    let parsed = parse_with(text, &mdx);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let document = &parsed.document;
    assert_eq!(ids(document), ["install", "next"]);
    assert_eq!(document.section("install").unwrap().heading, "Install");
    assert_eq!(constructs(document, "lead"), ["import"]);
    assert_eq!(constructs(document, "install"), ["<Tabs>", "{…}"]);
    assert_eq!(constructs(document, "next"), ["export"]);
    // Nothing inside the JSX element is Markdown: no list there.
    assert_eq!(document.section("install").unwrap().block_counts().lists, 0);
    assert_eq!(tiles(document), text);
    // The same text as Markdown: the JSX's heading is a heading (without an id).
    let markdown = parse_with(text, &options);
    assert!(markdown
        .diagnostics
        .iter()
        .any(|d| d.problem == Problem::HeadingWithoutId));
}

#[test]
fn shortcodes_and_admonitions_are_blocks() {
    let text = "## A {#a}\n\n{{< note >}}\nRead this.\n{{< /note >}}\n\n{{% tab name=\"x\" %}}\n\nTab text.\n\n{{% /tab %}}\n\n:::tip Pro tip\n\nUse it.\n\n:::\n\nInline {{< ref \"x\" >}} is text.\n";
    let parsed = parse_with(text, &ParseOptions::default());
    let document = &parsed.document;
    assert_eq!(
        constructs(document, "a"),
        ["{{< note >}}", "{{< tab >}}", ":::tip"]
    );
    let kinds: Vec<&BlockKind> = document
        .section("a")
        .unwrap()
        .blocks
        .iter()
        .map(|b| &b.kind)
        .collect();
    assert!(kinds.contains(&&BlockKind::Admonition { kind: "tip".into() }));
}

#[test]
fn translatable_front_matter_keys_are_configurable() {
    let text = "---\ntitle: Guide\nlinkTitle: Short\nweight: 3\ncustom: Words\n---\n\nBody.\n";
    let parsed = parse_with(text, &ParseOptions::default());
    let front_matter = parsed.document.front_matter.as_ref().unwrap();
    let data: Vec<&str> = front_matter.data_fields().map(|f| f.key.as_str()).collect();
    assert_eq!(data, ["weight", "custom"]);
    assert_eq!(
        front_matter.translatable_text(),
        "title: Guide\nlinkTitle: Short"
    );
    let options = ParseOptions {
        translatable_keys: vec!["title".to_string(), "custom".to_string()].into(),
        ..ParseOptions::default()
    };
    let custom = parse_with(text, &options);
    let front_matter = custom.document.front_matter.as_ref().unwrap();
    let data: Vec<&str> = front_matter.data_fields().map(|f| f.key.as_str()).collect();
    assert_eq!(data, ["linkTitle", "weight"]);
    assert_ne!(
        custom.document.sections[0].fingerprint(),
        parsed.document.sections[0].fingerprint()
    );
}

#[test]
fn title_and_description_keep_the_fingerprints_they_had() {
    // As `translatable_text` wrote them before the keys were configurable.
    let both = parse_with(
        "---\ntitle: T\ndescription: D\n---\n",
        &ParseOptions::default(),
    );
    assert_eq!(
        both.document.sections[0].fingerprint(),
        Fingerprint::of_text("title: T\ndescription: D")
    );
    let title = parse_with("---\ntitle: T\n---\n", &ParseOptions::default());
    assert_eq!(
        title.document.sections[0].fingerprint(),
        Fingerprint::of_text("title: T\n")
    );
}

mod any_input {
    use super::*;
    use proptest::prelude::*;

    /// Lines that MDX, shortcodes and admonitions are made of, and Markdown around them.
    fn line() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "",
            "import A from 'a';",
            "export const x = {",
            "};",
            "<Tabs>",
            "</Tabs>",
            "<Image src=\"a\" />",
            "<Box",
            "/>",
            "{/* note */}",
            "{",
            "}",
            "## Head",
            "## Head {/*head*/}",
            "### Sub {#sub}",
            "```js",
            "```",
            ":::tip",
            ":::",
            "{{< note >}}",
            "{{< /note >}}",
            "text é 日本",
            "- item",
            "| a |",
            "|---|",
            "<!-- yaku:required -->",
            "<!-- yaku:obsolete -->",
            "<!--",
            "-->",
            "{/* yaku:required */}",
            "{/* yaku:untranslated */}",
            "{/* yaku:source zz */}",
            "{/* yaku:component cta */}",
            "{/* yaku:obsolete */}",
            "{/*",
            "*/}",
            "*\\/ } { \" ' `",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        /// Any mix of these lines parses, as MDX and as Markdown, in every id style,
        /// without a panic, and the sections tile the file.
        #[test]
        fn documentation_dialects_never_panic_and_tile(
            lines in prop::collection::vec(line(), 0..40),
            mdx in any::<bool>(),
            style in prop::sample::select(vec![IdStyle::Explicit, IdStyle::Hugo, IdStyle::Github]),
        ) {
            let text = lines.join("\n");
            let options = ParseOptions {
                dialect: if mdx { Dialect::Mdx } else { Dialect::Markdown },
                id_style: style,
                ..ParseOptions::default()
            };
            // A first line `{` opens JSON front matter: unclosed, nothing is parsed.
            let Ok(parsed) = parse_document(text.as_bytes(), &options) else {
                return Ok(());
            };
            let mut tiled = tiles(&parsed.document);
            if let Some(area) = &parsed.document.obsolete {
                tiled.push_str(parsed.document.slice(&area.span));
            }
            prop_assert_eq!(tiled, text);
        }
    }
}
