//! The repository's own `locales/` folder: it must check clean, and every
//! message and attribute of every locale must format with the documented
//! arguments of `locales/README.md`.

use std::path::Path;

use yaku_fluent::{check_locales, ArgValue, FormatOptions, Localizer};

const LOCALES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../locales");
/// The frozen copy of the repository's locales, whose counts tests may pin.
const FROZEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/exosome-article/locales"
);

/// The documented arguments per locale, the same as the table in
/// `locales/README.md` (checked below): clinic, station, minutes.
const DOCUMENTED_ARGS: [(&str, [&str; 3]); 3] = [
    ("ja", ["M&B美容皮フ科クリニック", "布施", "3"]),
    ("en", ["M&B Aesthetic Dermatology Clinic", "Fuse", "3"]),
    ("zh-Hans", ["M&B美容皮肤科诊所", "布施", "3"]),
];
const VARIABLES: [&str; 3] = ["clinic", "station", "minutes"];

fn args_for(values: &[&str; 3]) -> Vec<(String, ArgValue)> {
    VARIABLES
        .iter()
        .zip(values)
        .map(|(name, value)| ((*name).to_owned(), ArgValue::parse(value)))
        .collect()
}

fn targets() -> Vec<String> {
    vec!["en".to_owned(), "zh-Hans".to_owned()]
}

#[test]
fn repository_locales_have_no_findings() {
    let findings = check_locales(Path::new(LOCALES), "ja", &targets()).expect("check");
    assert_eq!(findings, vec![], "{findings:#?}");
}

/// Formats every message and attribute of each documented locale of `folder` with the
/// documented arguments, each locale on its own, and returns how many strings each
/// formatted.
fn format_everything(folder: &str) -> Vec<(&'static str, usize)> {
    let mut counts = Vec::new();
    for (locale, values) in DOCUMENTED_ARGS {
        // Only the locale itself: a message that formats only thanks to a
        // fallback would hide a missing translation.
        let localizer = Localizer::load(
            Path::new(folder),
            &[locale.to_owned()],
            FormatOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{locale}: {e}"));
        let args = args_for(&values);
        let mut formatted = 0;
        for id in localizer.message_ids() {
            let attributes = localizer.attributes(&id).expect("attributes");
            let mut parts: Vec<Option<String>> = attributes.into_iter().map(Some).collect();
            if parts.is_empty() {
                parts.push(None);
            }
            for attribute in parts {
                let result = localizer
                    .format(&id, attribute.as_deref(), &args)
                    .unwrap_or_else(|e| panic!("{locale}: {e}"));
                assert_eq!(result.locale, locale);
                assert!(
                    !result
                        .text
                        .contains(['{', '}', '$', '\u{2068}', '\u{2069}']),
                    "{locale} {id}: {}",
                    result.text
                );
                assert!(!result.text.trim().is_empty(), "{locale} {id}");
                formatted += 1;
            }
        }
        counts.push((locale, formatted));
    }
    counts
}

#[test]
fn every_message_and_attribute_formats_with_the_documented_arguments() {
    let counts = format_everything(LOCALES);
    // Every locale formats as many strings as the reference locale.
    let reference = counts[0].1;
    assert!(reference > 0, "{counts:?}");
    for (locale, formatted) in &counts {
        assert_eq!(*formatted, reference, "{locale}: {counts:?}");
    }
}

#[test]
fn the_frozen_locales_format_31_strings_each() {
    // Per locale: 3 CTAs × 4 attributes, the legal notice, 4 features and
    // 14 labels (6 section labels, language, 2 notices, 5 callout titles).
    assert_eq!(
        format_everything(FROZEN),
        [("ja", 12 + 1 + 4 + 14), ("en", 31), ("zh-Hans", 31)]
    );
}

#[test]
fn cta_components_are_value_less_with_the_four_attributes() {
    for locale in ["ja", "en", "zh-Hans"] {
        let localizer = Localizer::load(
            Path::new(LOCALES),
            &[locale.to_owned()],
            FormatOptions::default(),
        )
        .expect("load");
        for id in [
            "cta-evidence-based",
            "cta-science-backed",
            "cta-pay-per-visit",
        ] {
            assert_eq!(
                localizer.attributes(id).expect("message"),
                ["heading", "body", "button", "footnote"],
                "{locale} {id}"
            );
            assert!(
                localizer.format(id, None, &[]).is_err(),
                "{locale} {id} has a value"
            );
        }
    }
}

/// The plain-text capture of the clinic's page that the Japanese article and its
/// banners were made from.
const CAPTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/seed/article-capture.txt"
);

#[test]
fn japanese_banners_and_notice_are_the_captures_words() {
    let capture = std::fs::read_to_string(CAPTURE).expect("read the capture");
    let localizer = Localizer::load(
        Path::new(LOCALES),
        &["ja".to_owned()],
        FormatOptions::default(),
    )
    .expect("load");
    let args = args_for(&DOCUMENTED_ARGS[0].1);
    let mut checked = 0;
    for id in localizer.message_ids() {
        if !(id.starts_with("cta-") || id == "legal-notice") {
            continue;
        }
        let mut parts: Vec<Option<String>> = localizer
            .attributes(&id)
            .expect("message")
            .into_iter()
            .map(Some)
            .collect();
        if parts.is_empty() {
            parts.push(None);
        }
        for attribute in parts {
            let text = localizer
                .format(&id, attribute.as_deref(), &args)
                .expect("format")
                .text;
            assert!(
                capture.contains(&text),
                "{id}.{attribute:?} is not in the capture: {text}"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "the banners are there");
}

#[test]
fn readme_documents_the_same_argument_values() {
    let readme =
        std::fs::read_to_string(Path::new(LOCALES).join("README.md")).expect("read README");
    for (index, variable) in VARIABLES.iter().enumerate() {
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| `${variable}`")))
            .unwrap_or_else(|| panic!("no README row for ${variable}"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // | `$var` | ja | en | zh-Hans | ...
        for (column, (locale, values)) in DOCUMENTED_ARGS.iter().enumerate() {
            assert_eq!(
                cells[2 + column],
                values[index],
                "README value of ${variable} for {locale}"
            );
        }
    }
}

#[test]
fn readme_lists_every_message_and_term() {
    let readme =
        std::fs::read_to_string(Path::new(LOCALES).join("README.md")).expect("read README");
    let localizer = Localizer::load(
        Path::new(LOCALES),
        &["ja".to_owned()],
        FormatOptions::default(),
    )
    .expect("load");
    for id in localizer.message_ids() {
        assert!(
            readme.contains(&format!("| `{id}` |")),
            "README lacks `{id}`"
        );
    }
    for term in ["-line", "-rejuran"] {
        assert!(
            readme.contains(&format!("| `{term}` |")),
            "README lacks `{term}`"
        );
    }
}
