//! Translation QA: checks that compare each translated section with its source section.
//!
//! [`check_sections`] runs the section rules ([`Rule::Numbers`], [`Rule::Citations`],
//! [`Rule::Structure`], [`Rule::UntranslatedText`], [`Rule::Glossary`]) on the sections
//! the caller names, which exist in both documents; [`check_required_notices`] runs
//! [`Rule::RequiredNotice`] from translation states the caller computed;
//! [`check_published`] runs [`Rule::UntranslatedText`] on the Fluent strings a locale
//! publishes (components formatted with its arguments). Each returns
//! [`Finding`]s with the rule's own severity; [`Settings::apply`] gives them the
//! severities of `yaku.toml` and drops the rules that are off.
//!
//! A translated section opts out of rules with a line of its own
//! `<!-- qa-ignore: rule[, rule…] -->` (in the front matter: `# qa-ignore: rule`).
//!
//! This crate reads only the documents and glossary text it is given: no file I/O, no
//! printing. It depends on `yaku-content` and, for section states and the publication
//! policy, on `yaku-sync`.

mod citations;
mod front_matter;
mod glossary;
mod links;
mod numbers;
mod pair;
mod prepared;
mod published;
mod required;
mod rule;
mod structure;
mod text;
mod untranslated;

pub use glossary::{Glossary, GlossaryError, Term};
pub use links::LinkRules;
pub use pair::{check_pair, PairOptions};
pub use prepared::PreparedDocument;
pub use published::{check_published, Argument, Origin, PublishedFinding, PublishedString};
pub use required::{check_required_notices, SectionStatus};
pub use rule::{Finding, Rule, Setting, Settings, SettingsError, Severity, UnknownRule};

use crate::prepared::SectionFacts;
use crate::untranslated::Scripts;

/// What the section rules run with.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The project glossary, if it has one.
    pub glossary: Option<&'a Glossary>,
    /// The rules to run (`required-notice` and `front-matter-data` are ignored here).
    pub rules: &'a [Rule],
    /// The project's localized-link rules (`None`: the default locale segment only).
    pub links: Option<&'a LinkRules>,
}

/// The language subtag of a locale tag, lowercase (`zh-Hans` → `zh`).
fn language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// Compares the sections `ids` (source order) of a translation with their source
/// sections. Ids missing from either document are skipped. Findings come in the order of
/// `ids`, then rule, then line.
///
/// Prepare a source once and pass it for each of its translations: what the rules read
/// from its sections is then worked out once.
pub fn check_sections(
    source: &PreparedDocument<'_>,
    translation: &PreparedDocument<'_>,
    ids: &[&str],
    options: &Options<'_>,
) -> Vec<Finding> {
    let context = Context::new(source, translation, options);
    let mut out = Vec::new();
    for id in ids {
        let (Some((source_section, source_facts)), Some((translation_section, translation_facts))) =
            (source.section(id), translation.section(id))
        else {
            continue;
        };
        let ignored = translation_facts.ignored(translation.document(), translation_section);
        let sides = Sides {
            source: source_section,
            source_facts,
            translation: translation_section,
            translation_facts,
        };
        let mut found = Vec::new();
        for &rule in options.rules {
            if matches!(rule, Rule::RequiredNotice | Rule::FrontMatterData)
                || ignored.contains(rule.as_str())
            {
                continue;
            }
            for (line, message) in context.run(rule, &sides) {
                found.push(Finding {
                    rule,
                    severity: rule.default_severity(),
                    section: id.to_string(),
                    line,
                    message,
                });
            }
        }
        found.sort_by_key(|f| (f.rule, f.line));
        out.extend(found);
    }
    out
}

/// One section on both sides.
struct Sides<'a> {
    source: &'a yaku_content::Section,
    source_facts: &'a SectionFacts,
    translation: &'a yaku_content::Section,
    translation_facts: &'a SectionFacts,
}

/// What the rules share across the sections of one document pair.
struct Context<'a> {
    source: &'a PreparedDocument<'a>,
    translation: &'a PreparedDocument<'a>,
    matcher: Option<std::sync::Arc<glossary::Matcher>>,
    names: Vec<&'a str>,
    links: Option<&'a LinkRules>,
}

impl<'a> Context<'a> {
    fn new(
        source: &'a PreparedDocument<'a>,
        translation: &'a PreparedDocument<'a>,
        options: &Options<'a>,
    ) -> Context<'a> {
        Context {
            source,
            translation,
            matcher: options
                .glossary
                .map(|g| g.matcher(source.locale(), translation.locale())),
            names: options
                .glossary
                .map(|g| g.names(source.locale(), translation.locale()))
                .unwrap_or_default(),
            links: options.links,
        }
    }

    /// The problems `rule` finds in one section, as `(line, message)`.
    fn run(&self, rule: Rule, sides: &Sides<'_>) -> Vec<(usize, String)> {
        let line = sides.translation_facts.text.first_line();
        match rule {
            Rule::Numbers => self.numbers(sides),
            Rule::Citations => citations::check(
                &citations::Side {
                    text: &sides.source_facts.text,
                    citations: sides.source_facts.citations(),
                    identifiers: sides.source_facts.identifiers(sides.source),
                    references: self.source.references(),
                },
                &citations::Side {
                    text: &sides.translation_facts.text,
                    citations: sides.translation_facts.citations(),
                    identifiers: &self
                        .source_forms(sides.translation_facts.identifiers(sides.translation)),
                    references: self.translation.references(),
                },
            ),
            Rule::Structure => structure::check(sides.source, sides.translation)
                .into_iter()
                .map(|message| (line, message))
                .collect(),
            Rule::UntranslatedText => self.untranslated(sides).into_iter().collect(),
            Rule::Glossary => self.glossary(sides),
            Rule::RequiredNotice | Rule::FrontMatterData => Vec::new(),
        }
    }

    /// A translation's identifiers with each URL in its source form
    /// ([`LinkRules::source_form`]): a localized link is the source's link. Borrowed
    /// when no URL changes (nearly always).
    fn source_forms<'i>(&self, identifiers: &'i [String]) -> std::borrow::Cow<'i, [String]> {
        let locale = self.translation.locale();
        let changes = |identifier: &String| {
            identifier.strip_prefix("URL ").is_some_and(|url| {
                matches!(
                    LinkRules::source_form(self.links, locale, url),
                    std::borrow::Cow::Owned(_)
                )
            })
        };
        if !identifiers.iter().any(changes) {
            return std::borrow::Cow::Borrowed(identifiers);
        }
        identifiers
            .iter()
            .map(|identifier| match identifier.strip_prefix("URL ") {
                Some(url) => format!("URL {}", LinkRules::source_form(self.links, locale, url)),
                None => identifier.clone(),
            })
            .collect()
    }

    fn numbers(&self, sides: &Sides<'_>) -> Vec<(usize, String)> {
        // The `1` of `1日` may go in any translation ("twice a day", 每日2次).
        let counter_one_optional = self.translation.language() != self.source.language();
        // Words only ever pair with a digit left over, so when the digits pair up alone
        // (nearly always), the words need not be looked for.
        let (source, translation) = (sides.source_facts, sides.translation_facts);
        let digits = numbers::compare(source.digits(), translation.digits(), counter_one_optional);
        if digits.missing.is_empty() && digits.extra.is_empty() {
            return Vec::new();
        }
        let mismatch = numbers::compare(
            source.numbers(),
            translation.numbers(),
            counter_one_optional,
        );
        if mismatch.missing.is_empty() && mismatch.extra.is_empty() {
            return Vec::new();
        }
        let join = |list: &[&numbers::Number]| -> String {
            list.iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if !mismatch.missing.is_empty() {
            parts.push(format!("missing {}", join(&mismatch.missing)));
        }
        if !mismatch.extra.is_empty() {
            parts.push(format!("not in the source {}", join(&mismatch.extra)));
        }
        let text = &sides.translation_facts.text;
        let line = mismatch
            .extra
            .first()
            .map_or_else(|| text.first_line(), |n| text.line_at(n.start));
        vec![(
            line,
            format!("numbers differ from the source: {}", parts.join("; ")),
        )]
    }

    fn untranslated(&self, sides: &Sides<'_>) -> Option<(usize, String)> {
        let target = self.translation.language();
        if self.source.language() != "ja" || target == "ja" {
            return None;
        }
        let scripts = if target == "zh" {
            Scripts::Kana
        } else {
            Scripts::KanaAndKanji
        };
        // A reference list is names and titles as published, in any script.
        let source_references = sides.source_facts.references();
        if !source_references.is_empty()
            && source_references.len() >= sides.source.block_counts().list_items
        {
            return None;
        }
        let facts = sides.translation_facts;
        let text = &facts.text;
        let mut skip = text.code.clone();
        skip.extend(text.link_targets.iter().cloned());
        skip.extend(untranslated::quotations(&text.base));
        skip.extend(untranslated::occurrences(&text.base, &self.names));
        skip.extend(facts.references().iter().cloned());
        let masked = text.masked(&skip);
        let (offset, run) = untranslated::first_run(&masked, scripts)?;
        let what = match scripts {
            Scripts::Kana => "Japanese kana left in the translation",
            Scripts::KanaAndKanji => "Japanese text left untranslated",
        };
        Some((text.line_at(offset), format!("{what}: \"{run}\"")))
    }

    fn glossary(&self, sides: &Sides<'_>) -> Vec<(usize, String)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let source = &sides.source_facts.text;
        let translation = &sides.translation_facts.text;
        let source_text = source.masked(source.code.iter().chain(&source.link_targets));
        let translation_text = translation.masked(&translation.link_targets);
        let line = translation.first_line();
        matcher
            .unrendered(&source_text, &translation_text)
            .into_iter()
            .map(|(term, rendering)| {
                (
                    line,
                    format!("glossary term 「{term}」 is not rendered as \"{rendering}\""),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_content::{parse_document, Document, ParseOptions};

    fn document(text: &str) -> Document {
        parse_document(text.as_bytes(), &ParseOptions::default())
            .unwrap()
            .document
    }

    fn check(source: &str, translation: &str, locale: &str) -> Vec<(Rule, usize, String)> {
        let source = document(source);
        let translation = document(translation);
        let ids: Vec<&str> = source.sections.iter().map(|s| s.id.as_str()).collect();
        check_sections(
            &PreparedDocument::new(&source, "ja"),
            &PreparedDocument::new(&translation, locale),
            &ids,
            &Options {
                glossary: None,
                rules: &Rule::ALL,
                links: None,
            },
        )
        .into_iter()
        .map(|f| (f.rule, f.line, f.message))
        .collect()
    }

    #[test]
    fn a_faithful_translation_has_no_findings() {
        let source = "# 結果 {#r}\n\n56名(Shah et al., 2025)。\n\n- 1\n- 2\n";
        let translation = "# Results {#r}\n\n56 people (Shah et al., 2025).\n\n- 1\n- 2\n";
        assert_eq!(check(source, translation, "en"), []);
    }

    #[test]
    fn each_rule_reports_at_the_translated_line() {
        let source = "# 結果 {#r}\n\n56名(Shah et al., 2025)。\n\n- 1\n- 2\n";
        let translation = "# Results {#r}\n\n65 people.\n\n- 1\n- 2 です\n";
        let found = check(source, translation, "en");
        let rules: Vec<(Rule, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(
            rules,
            [
                (Rule::Numbers, 3),
                (Rule::Citations, 1),
                (Rule::UntranslatedText, 6)
            ],
            "{found:?}"
        );
    }

    #[test]
    fn markers_suppress_rules_in_one_section() {
        let source = "# 結果 {#r}\n\n56名。\n";
        let translation = "# Results {#r}\n\n<!-- qa-ignore: numbers -->\n\n65 people.\n";
        assert_eq!(check(source, translation, "en"), []);
    }

    #[test]
    fn kana_count_in_chinese_and_kanji_do_not() {
        let source = "# 結果 {#r}\n\n細胞。\n";
        assert_eq!(check(source, "# 结果 {#r}\n\n细胞。\n", "zh-Hans"), []);
        let found = check(source, "# 结果 {#r}\n\n细胞の。\n", "zh-Hans");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, 3);
    }

    /// An English source checked against a translation in `locale`, with `links`.
    fn check_english(
        source: &str,
        translation: &str,
        locale: &str,
        links: Option<&LinkRules>,
    ) -> Vec<(Rule, usize, String)> {
        let source = document(source);
        let translation = document(translation);
        let ids: Vec<&str> = source.sections.iter().map(|s| s.id.as_str()).collect();
        check_sections(
            &PreparedDocument::new(&source, "en"),
            &PreparedDocument::new(&translation, locale),
            &ids,
            &Options {
                glossary: None,
                rules: &Rule::ALL,
                links,
            },
        )
        .into_iter()
        .map(|f| (f.rule, f.line, f.message))
        .collect()
    }

    #[test]
    fn a_localized_url_is_the_same_link() {
        let source = "## Install {#install}\n\nSee [the site](https://helm.sh/) and [docs](https://helm.sh/docs/intro/).\n";
        let zh = "## 安装 {#install}\n\n参见[网站](https://helm.sh/zh/)和[文档](https://helm.sh/zh/docs/intro/)。\n";
        assert_eq!(check_english(source, zh, "zh-Hans", None), []);
        // Another page is still another link.
        let wrong = "## 安装 {#install}\n\n参见[网站](https://helm.sh/zh/)和[文档](https://helm.sh/zh/docs/faq/)。\n";
        let found = check_english(source, wrong, "zh-Hans", None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Rule::Citations);
        assert!(
            found[0].2.contains("https://helm.sh/docs/intro/"),
            "{}",
            found[0].2
        );
        // A configured map: another domain for the locale.
        let ja = "## インストール {#install}\n\n[サイト](https://helm.jp/)と[文書](https://helm.jp/docs/intro/)を参照。\n";
        assert_eq!(check_english(source, ja, "ja", None).len(), 1);
        let rules = LinkRules::new(
            Default::default(),
            [(
                "ja".to_string(),
                [(
                    "https://helm.jp/".to_string(),
                    "https://helm.sh/".to_string(),
                )]
                .into(),
            )]
            .into(),
        );
        assert_eq!(check_english(source, ja, "ja", Some(&rules)), []);
    }

    #[test]
    fn numbers_in_words_on_either_side_are_not_errors() {
        let source = "## Style {#style}\n\nIndent with two spaces, in 3 places.\n";
        let ja =
            "## スタイル {#style}\n\n2 つのスペースで、三か所ではなく3か所でインデントします。\n";
        assert_eq!(check_english(source, ja, "ja", None), []);
        let ko = "## 스타일 {#style}\n\n공백 두 개로 3곳에서 들여쓰기합니다.\n";
        assert_eq!(check_english(source, ko, "ko", None), []);
        // A changed digit is still found.
        let wrong = "## スタイル {#style}\n\n2 つのスペースで、4か所でインデントします。\n";
        assert_eq!(check_english(source, wrong, "ja", None)[0].0, Rule::Numbers);
    }

    #[test]
    fn structure_drift_in_documentation_blocks_is_found() {
        let source = "## Setup {#setup}\n\n:::tip\n\nUse it.\n\n:::\n\n{{< note >}}\nRead.\n{{< /note >}}\n\n| a |\n|---|\n| 1 |\n| 2 |\n";
        let fine = "## 設定 {#setup}\n\n:::tip\n\n使う。\n\n:::\n\n{{< note >}}\n読む。\n{{< /note >}}\n\n| a |\n|---|\n| 1 |\n| 2 |\n";
        assert_eq!(check_english(source, fine, "ja", None), []);
        let drifted =
            "## 設定 {#setup}\n\n:::warning\n\n使う。\n\n:::\n\n読む。\n\n| a |\n|---|\n| 1 |\n";
        let messages: Vec<String> = check_english(source, drifted, "ja", None)
            .into_iter()
            .filter(|f| f.0 == Rule::Structure)
            .map(|f| f.2)
            .collect();
        assert_eq!(
            messages,
            [
                "table 1 has 1 rows and 1 columns, the source's has 2 rows and 1 columns",
                "blocks :::warning, the source has :::tip, {{< note >}}",
            ]
        );
    }
}
