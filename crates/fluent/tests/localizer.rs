//! `Localizer`: fallback through the chain, errors instead of broken text,
//! isolation marks, plural selection.

use std::path::Path;

use yaku_fluent::{ArgValue, FormatError, FormatOptions, LoadError, Localizer};

/// A frozen copy of the repository's locales: these tests use its strings as examples,
/// which editing the live `locales/` must not break.
const LOCALES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/exosome-article/locales"
);

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

fn chain(locales: &[&str]) -> Vec<String> {
    locales.iter().map(|locale| (*locale).to_owned()).collect()
}

fn args(pairs: &[(&str, &str)]) -> Vec<(String, ArgValue)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), ArgValue::parse(value)))
        .collect()
}

fn frozen(locale: &str, options: FormatOptions) -> Localizer {
    Localizer::load(Path::new(LOCALES), &chain(&[locale]), options).expect("load")
}

#[test]
fn missing_variable_is_an_error_not_text_with_a_placeholder() {
    let localizer = frozen("en", FormatOptions::default());
    let result = localizer.format(
        "cta-evidence-based",
        Some("body"),
        &args(&[("station", "Fuse")]),
    );
    match result {
        Err(FormatError::Resolve { id, locale, errors }) => {
            assert_eq!(id, "cta-evidence-based.body");
            assert_eq!(locale, "en");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(errors[0].contains("$clinic"), "{errors:?}");
        }
        other => panic!("expected a resolve error, got {other:?}"),
    }
}

#[test]
fn every_error_is_listed() {
    let localizer = frozen("en", FormatOptions::default());
    let Err(FormatError::Resolve { errors, .. }) =
        localizer.format("cta-evidence-based", Some("body"), &[])
    else {
        panic!("expected a resolve error");
    };
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn fallback_finds_a_message_only_in_the_last_locale_and_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        &[
            ("ja/a.ftl", "only-ja = 日本語だけ\nshared = 共有\ncta =\n    .heading = 見出し\n    .button = ボタン\n"),
            ("en/a.ftl", "shared = Shared\ncta =\n    .heading = Heading\n"),
            ("zh-Hans/a.ftl", "shared = 共享\n"),
        ],
    );
    let localizer = Localizer::load(
        dir.path(),
        &chain(&["zh-Hans", "en", "ja"]),
        FormatOptions::default(),
    )
    .expect("load");
    let only_ja = localizer.format("only-ja", None, &[]).expect("format");
    assert_eq!(
        (only_ja.text.as_str(), only_ja.locale.as_str()),
        ("日本語だけ", "ja")
    );
    let shared = localizer.format("shared", None, &[]).expect("format");
    assert_eq!(
        (shared.text.as_str(), shared.locale.as_str()),
        ("共享", "zh-Hans")
    );
    // An attribute falls back on its own: en has the heading, only ja the button.
    let heading = localizer
        .format("cta", Some("heading"), &[])
        .expect("format");
    assert_eq!(heading.locale, "en");
    let button = localizer
        .format("cta", Some("button"), &[])
        .expect("format");
    assert_eq!(
        (button.text.as_str(), button.locale.as_str()),
        ("ボタン", "ja")
    );
    assert!(localizer.has_message("only-ja"));
    assert!(!localizer.has_message("nowhere"));
    assert_eq!(
        localizer.format("nowhere", None, &[]),
        Err(FormatError::UnknownMessage {
            id: "nowhere".to_owned()
        })
    );
    assert_eq!(
        localizer.format("cta", Some("nope"), &[]),
        Err(FormatError::UnknownAttribute {
            id: "cta".to_owned(),
            attribute: "nope".to_owned()
        })
    );
    assert_eq!(
        localizer.format("cta", None, &[]),
        Err(FormatError::NoValue {
            id: "cta".to_owned()
        })
    );
    assert_eq!(localizer.chain(), ["zh-Hans", "en", "ja"]);
}

#[test]
fn isolation_marks_only_when_enabled() {
    let walk = |options| {
        frozen("en", options)
            .format(
                "feature-walk-from-station",
                None,
                &args(&[("station", "Fuse"), ("minutes", "3")]),
            )
            .expect("format")
            .text
    };
    let plain = walk(FormatOptions::default());
    assert_eq!(plain, "3-minute walk from Fuse Station");
    let isolated = walk(FormatOptions {
        use_isolating: true,
    });
    assert_eq!(
        isolated,
        "\u{2068}3\u{2069}-minute walk from \u{2068}Fuse\u{2069} Station"
    );
}

#[test]
fn english_walk_selects_the_plural_form_by_minutes() {
    let localizer = frozen("en", FormatOptions::default());
    let walk = |minutes: &str| {
        localizer
            .format(
                "feature-walk-from-station",
                None,
                &args(&[("station", "Fuse"), ("minutes", minutes)]),
            )
            .expect("format")
            .text
    };
    assert_eq!(walk("1"), "Just a minute’s walk from Fuse Station");
    assert_eq!(walk("3"), "3-minute walk from Fuse Station");
    assert_eq!(walk("10"), "10-minute walk from Fuse Station");
}

#[test]
fn attributes_are_listed_in_source_order() {
    let localizer = frozen("ja", FormatOptions::default());
    assert_eq!(
        localizer.attributes("cta-science-backed"),
        Some(vec![
            "heading".to_owned(),
            "body".to_owned(),
            "button".to_owned(),
            "footnote".to_owned()
        ])
    );
    assert_eq!(localizer.attributes("legal-notice"), Some(vec![]));
    assert_eq!(localizer.attributes("nowhere"), None);
}

#[test]
fn terms_are_not_messages() {
    let localizer = frozen("ja", FormatOptions::default());
    assert!(!localizer.has_message("-rejuran"));
    assert!(!localizer.message_ids().iter().any(|id| id.starts_with('-')));
}

#[test]
fn load_errors_name_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        &[
            ("ja/a.ftl", "ok = 値\nbroken = { $x\n"),
            ("en/a.ftl", "dup = 1\n"),
            ("en/b.ftl", "dup = 2\n"),
        ],
    );
    let load =
        |locales: &[&str]| Localizer::load(dir.path(), &chain(locales), FormatOptions::default());
    match load(&["ja"]) {
        Err(LoadError::Syntax {
            line, col, count, ..
        }) => {
            assert_eq!((line, col, count), (2, 14, 1));
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    match load(&["en"]) {
        Err(LoadError::Duplicate { path, id }) => {
            assert_eq!(id, "dup");
            assert!(path.ends_with("b.ftl"));
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert!(matches!(
        load(&["fr"]),
        Err(LoadError::MissingLocale { .. })
    ));
    assert!(matches!(load(&[]), Err(LoadError::EmptyChain)));
    assert!(matches!(
        load(&["not a tag"]),
        Err(LoadError::InvalidLocale { .. })
    ));
}

#[test]
fn location_is_the_file_and_line_of_the_pattern_format_uses() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        &[
            (
                "ja/a.ftl",
                "# ja\nbanner = 値\n    .body = 本文\n    .button = ボタン\n",
            ),
            ("en/a.ftl", "\n\nbanner = Value\n    .body = Body\n"),
        ],
    );
    let localizer =
        Localizer::load(dir.path(), &chain(&["en", "ja"]), FormatOptions::default()).expect("load");
    let place = |attribute: Option<&str>| {
        let location = localizer.location("banner", attribute).expect("location");
        let file = location.path.strip_prefix(dir.path()).expect("inside");
        (
            location.locale.clone(),
            file.display().to_string(),
            location.line,
        )
    };
    assert_eq!(place(None), ("en".into(), "en/a.ftl".into(), 3));
    assert_eq!(place(Some("body")), ("en".into(), "en/a.ftl".into(), 4));
    // `.button` falls back to ja, where it is defined.
    assert_eq!(place(Some("button")), ("ja".into(), "ja/a.ftl".into(), 4));
    assert_eq!(localizer.location("banner", Some("footnote")), None);
    assert_eq!(localizer.location("nothing", None), None);
}
