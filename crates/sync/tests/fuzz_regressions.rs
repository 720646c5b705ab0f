//! Inputs the `sync` fuzz target (fuzz/) found, kept as regressions: sync on files
//! without errors gives a file without errors, which a second sync leaves unchanged.

use yaku_content::{parse_document, Dialect, Document, IdStyle, ParseOptions, Problem, Severity};
use yaku_sync::{sync_document, SyncOptions};

/// The document and its error problems.
fn parse(text: &str) -> (Document, Vec<Problem>) {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
    let errors = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.problem)
        .collect();
    (parsed.document, errors)
}

/// Syncs `translation` to `source` twice; returns the first result.
fn sync_settles(source: &str, translation: Option<&str>) -> String {
    let (source, errors) = parse(source);
    assert_eq!(errors, [], "the source is valid");
    let translation = translation.map(|t| {
        let (document, errors) = parse(t);
        assert_eq!(errors, [], "the translation is valid");
        document
    });
    let once = sync_document(&source, translation.as_ref(), SyncOptions::default());
    let (synced, errors) = parse(&once.text);
    assert_eq!(errors, [], "the synced file is valid:\n{}", once.text);
    let twice = sync_document(&source, Some(&synced), SyncOptions::default());
    assert_eq!(twice.text, once.text, "a second sync changes nothing");
    once.text
}

#[test]
fn a_lead_placeholder_keeps_the_indentation_of_its_first_line() {
    // A tab makes `##` code; without it, `##` would be a heading without an id.
    let text = sync_settles("\t##", None);
    assert!(text.ends_with("\n\n\t##"), "{text:?}");
    let text = sync_settles("\n  \n    code\n\n## A {#a}\n\ntext\n", None);
    assert!(text.contains("-->\n\n    code\n"), "{text:?}");
}

#[test]
fn a_lead_placeholder_drops_only_the_files_byte_order_mark() {
    // The second mark is text: it keeps `<!--` from opening an HTML comment.
    let text = sync_settles("\u{feff}\u{feff}<!-- ya", None);
    assert!(text.ends_with("\n\n\u{feff}<!-- ya"), "{text:?}");
}

#[test]
fn a_translation_that_leaves_a_block_open_is_an_error_rather_than_a_trap_for_sync() {
    // Sync would append the missing section inside the open block, and again on every
    // run; the parser reports the block instead, and the CLI does not sync the file.
    for translation in ["\n<!a", "lead\n\n<!-- todo\n", "lead\n\n```\ncode\n"] {
        let (_, errors) = parse(translation);
        assert!(
            matches!(errors.as_slice(), [Problem::UnclosedBlock(_)]),
            "{translation:?}: {errors:?}"
        );
    }
    sync_settles("# {#a}", Some("\n<!a>"));
}

#[test]
fn a_placeholder_for_a_heading_underlined_below_two_lines_takes_its_id_where_its_text_ends() {
    // A source whose headings take the renderer's ids. pulldown-cmark reads `{#id}` only
    // at the end of a heading's text: written on the first of the two lines, it was
    // text, and the synced translation had a heading without an id.
    let options = ParseOptions {
        id_style: IdStyle::Hugo,
        ..ParseOptions::default()
    };
    let source = parse_document(
        "Lead.\n\nFirst line\nsecond line\n---\n\nText.\n".as_bytes(),
        &options,
    )
    .unwrap()
    .document;
    let id = source.sections[1].id.as_str().to_string();
    assert_eq!(source.sections[1].heading, "First line second line");
    let (translation, errors) = parse("Lead in English.\n");
    assert_eq!(errors, []);
    let once = sync_document(&source, Some(&translation), SyncOptions::default());
    assert!(
        once.text
            .contains(&format!("First line\nsecond line {{#{id}}}\n---\n")),
        "{}",
        once.text
    );
    let (synced, errors) = parse(&once.text);
    assert_eq!(errors, [], "the synced file is valid:\n{}", once.text);
    assert_eq!(synced.sections[1].id.as_str(), id);
    let twice = sync_document(&source, Some(&synced), SyncOptions::default());
    assert_eq!(twice.text, once.text, "a second sync changes nothing");
}

#[test]
fn an_mdx_construct_left_open_is_an_error_rather_than_a_trap_for_sync() {
    // `{f` never closes: the MDX compiler refuses it, and a heading that sync appended
    // after it (`# b}`) closed it and vanished into the expression.
    let options = ParseOptions {
        dialect: Dialect::Mdx,
        ..ParseOptions::default()
    };
    for (translation, what) in [
        ("{f", "an MDX expression `{`"),
        ("lead\n\n<Tabs>\n\ntext\n", "the JSX element `<Tabs>`"),
    ] {
        let parsed = parse_document(translation.as_bytes(), &options).unwrap();
        let errors: Vec<Problem> = parsed
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.problem)
            .collect();
        assert_eq!(errors, [Problem::UnclosedBlock(what.to_string())]);
    }
}
