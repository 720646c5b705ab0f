//! The `untranslated-text` rule on what a locale publishes besides its articles' text:
//! the Fluent strings articles place as components, formatted as the build formats them
//! (in the locale, through its fallback chain, with its `fluent-args`).
//!
//! The caller formats the strings and says where each string and each argument value is
//! set; this module finds Japanese script in them with the definitions and exceptions of
//! the section rule (kana in a Chinese locale, kana and kanji in any other; quotations and
//! the glossary's proper names left alone) and says which to fix: an argument value
//! (`yaku.toml`) when the script comes from it, the string's own pattern (its FTL line)
//! otherwise.

use std::ops::Range;

use crate::text::masked;
use crate::untranslated::{self, Scripts};
use crate::{language, Finding, Glossary, Rule};

/// Where a published text is set: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file, as it should be shown.
    pub path: String,
    /// The 1-based line.
    pub line: usize,
}

/// A text value the locale passes to its Fluent strings (`clinic = "…"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    /// The variable's name, without `$`.
    pub name: String,
    /// The value.
    pub value: String,
    /// Where the value is set (`yaku.toml` and the line of the key).
    pub origin: Origin,
}

/// A Fluent message value or attribute as the locale publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedString {
    /// `message` or `message.attribute`.
    pub id: String,
    /// The formatted text.
    pub text: String,
    /// Where its pattern is defined (FTL file and line).
    pub origin: Origin,
}

/// A finding about a published string: the file to fix, and the finding, whose `line` is
/// in that file and whose `section` is the id of the string that shows the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFinding {
    /// The file to fix: `yaku.toml` for an argument, the FTL file for a pattern.
    pub path: String,
    /// The finding.
    pub finding: Finding,
}

/// Japanese script in the `strings` that `locale` publishes, a translation of
/// `source_locale`: at most one finding per argument (at the first string that shows it)
/// and one per string (for what its own pattern adds), in the order of `strings`.
pub fn check_published(
    source_locale: &str,
    locale: &str,
    strings: &[PublishedString],
    arguments: &[Argument],
    glossary: Option<&Glossary>,
) -> Vec<PublishedFinding> {
    let target = language(locale);
    if language(source_locale) != "ja" || target == "ja" {
        return Vec::new();
    }
    let (scripts, what) = if target == "zh" {
        (Scripts::Kana, "Japanese kana left in the translation")
    } else {
        (Scripts::KanaAndKanji, "Japanese text left untranslated")
    };
    let names = glossary
        .map(|g| g.names(source_locale, locale))
        .unwrap_or_default();
    let finding = |origin: &Origin, section: &str, message: String| PublishedFinding {
        path: origin.path.clone(),
        finding: Finding {
            rule: Rule::UntranslatedText,
            severity: Rule::UntranslatedText.default_severity(),
            section: section.to_string(),
            line: origin.line,
            message,
        },
    };
    let mut reported = vec![false; arguments.len()];
    let mut out = Vec::new();
    for string in strings {
        let text = &string.text;
        let mut exempt = untranslated::quotations(text);
        exempt.extend(untranslated::occurrences(text, &names));
        let exempted = masked(text, &exempt);
        // What each argument puts into the text.
        let mut from_arguments: Vec<Range<usize>> = Vec::new();
        for (i, argument) in arguments.iter().enumerate() {
            if argument.value.is_empty() {
                continue;
            }
            let spans: Vec<Range<usize>> = text
                .match_indices(argument.value.as_str())
                .map(|(start, value)| start..start + value.len())
                .collect();
            if spans.is_empty() {
                continue;
            }
            let found = spans
                .iter()
                .find_map(|span| untranslated::first_run(&exempted[span.clone()], scripts));
            if let (Some((_, run)), false) = (found, reported[i]) {
                reported[i] = true;
                out.push(finding(
                    &argument.origin,
                    &string.id,
                    format!(
                        "{what}: \"{run}\" in ${} = \"{}\", shown by {}",
                        argument.name, argument.value, string.id
                    ),
                ));
            }
            from_arguments.extend(spans);
        }
        let own = masked(&exempted, &from_arguments);
        if let Some((_, run)) = untranslated::first_run(&own, scripts) {
            out.push(finding(
                &string.origin,
                &string.id,
                format!("{what}: \"{run}\" in {}", string.id),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(path: &str, line: usize) -> Origin {
        Origin {
            path: path.to_string(),
            line,
        }
    }

    fn clinic(value: &str) -> Argument {
        Argument {
            name: "clinic".into(),
            value: value.into(),
            origin: origin("yaku.toml", 27),
        }
    }

    fn body(text: &str) -> PublishedString {
        PublishedString {
            id: "cta.body".into(),
            text: text.into(),
            origin: origin("locales/en/components.ftl", 10),
        }
    }

    fn found(locale: &str, text: &str, argument: &str) -> Vec<(String, usize, String)> {
        check_published("ja", locale, &[body(text)], &[clinic(argument)], None)
            .into_iter()
            .map(|f| (f.path, f.finding.line, f.finding.message))
            .collect()
    }

    #[test]
    fn a_japanese_argument_is_reported_at_its_setting() {
        let name = "M&B美容皮フ科クリニック";
        assert_eq!(
            found("en", &format!("At {name} in Fuse."), name),
            [(
                "yaku.toml".to_string(),
                27,
                format!("Japanese text left untranslated: \"美容皮フ科クリニック\" in $clinic = \"{name}\", shown by cta.body")
            )]
        );
        // In Chinese only kana count.
        assert_eq!(
            found("zh-Hans", &format!("位于布施的{name}。"), name)[0].2,
            format!("Japanese kana left in the translation: \"フ\" in $clinic = \"{name}\", shown by cta.body")
        );
        assert_eq!(
            found(
                "zh-Hans",
                "位于布施的M&B美容皮肤科诊所。",
                "M&B美容皮肤科诊所"
            ),
            []
        );
    }

    #[test]
    fn japanese_in_the_pattern_is_reported_at_the_ftl_line() {
        assert_eq!(
            found("en", "At M&B Clinic では.", "M&B Clinic"),
            [(
                "locales/en/components.ftl".to_string(),
                10,
                "Japanese text left untranslated: \"では\" in cta.body".to_string()
            )]
        );
    }

    #[test]
    fn quotations_glossary_names_and_the_source_locale_are_left_alone() {
        let name = "M&B美容皮フ科クリニック";
        let quoted = format!("M&B Aesthetic Dermatology Clinic (registered name: 「{name}」)");
        assert_eq!(found("en", &quoted, "M&B Aesthetic Dermatology Clinic"), []);
        assert_eq!(found("ja", &format!("{name}では"), name), []);
        let glossary = Glossary::parse(&format!(
            "[[term]]\nja = \"{name}\"\nen = \"{name}\"\nname = true\n"
        ))
        .unwrap();
        let strings = [body(&format!("At {name}."))];
        let arguments = [clinic(name)];
        assert_eq!(
            check_published("ja", "en", &strings, &arguments, Some(&glossary)),
            []
        );
    }

    #[test]
    fn an_argument_is_reported_once() {
        let name = "布施";
        let strings = [body("From 布施 Station"), body("At 布施")];
        let arguments = [Argument {
            name: "station".into(),
            value: name.into(),
            origin: origin("yaku.toml", 30),
        }];
        let found = check_published("ja", "en", &strings, &arguments, None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].finding.line, 30);
        assert_eq!(found[0].finding.section, "cta.body");
    }
}
