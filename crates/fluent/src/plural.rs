//! CLDR cardinal plural categories of a locale.
//!
//! intl_pluralrules 7 can select a category for a number but cannot list the
//! categories a locale has, so they are found by selecting over sample numbers
//! that reach every category CLDR defines: the integers 0 to 200, powers of
//! ten up to ten million (newer CLDR versions give French and Spanish `many`
//! for millions) and decimals with one and two fraction digits.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The names of the six CLDR plural categories, in CLDR order.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Decimal samples, as strings so their visible fraction digits count
/// (CLDR operand `v`): "1.0" is `other` in English where 1 is `one`.
const DECIMAL_SAMPLES: [&str; 16] = [
    "0.0", "0.1", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "5.5", "10.0", "10.5", "100.5",
    "0.01", "1.25", "2.75",
];

/// The cardinal plural categories `locale` uses per CLDR, in CLDR order
/// (`en` → one, other; `ja` and `zh-Hans` → other), or `None` when CLDR has
/// no rules for the language. Why: a plural select expression must give a
/// variant for each of them.
pub fn cardinal_categories(locale: &str) -> Option<Vec<&'static str>> {
    let langid: LanguageIdentifier = locale.parse().ok()?;
    let rules = rules_for(&langid)?;
    let mut found = [false; 6];
    let mut note = |category: Result<PluralCategory, &'static str>| {
        if let Ok(category) = category {
            found[category_index(&category)] = true;
        }
    };
    for number in 0u64..=200 {
        note(rules.select(number));
    }
    for exponent in 3..=7 {
        note(rules.select(10u64.pow(exponent)));
    }
    for sample in DECIMAL_SAMPLES {
        note(rules.select(sample));
    }
    Some(
        PLURAL_CATEGORIES
            .iter()
            .zip(found)
            .filter_map(|(name, present)| present.then_some(*name))
            .collect(),
    )
}

/// The rules of the most specific form of `langid` that CLDR has: the tag
/// without variants, then language and region, then language and script,
/// then the language alone (`zh-Hans` → `zh`, `pt-PT` stays `pt-PT`).
fn rules_for(langid: &LanguageIdentifier) -> Option<PluralRules> {
    let candidates = [
        LanguageIdentifier::from_parts(langid.language, langid.script, langid.region, &[]),
        LanguageIdentifier::from_parts(langid.language, None, langid.region, &[]),
        LanguageIdentifier::from_parts(langid.language, langid.script, None, &[]),
        LanguageIdentifier::from_parts(langid.language, None, None, &[]),
    ];
    candidates
        .into_iter()
        .find_map(|candidate| PluralRules::create(candidate, PluralRuleType::CARDINAL).ok())
}

/// The index of `category` in [`PLURAL_CATEGORIES`].
fn category_index(category: &PluralCategory) -> usize {
    match category {
        PluralCategory::ZERO => 0,
        PluralCategory::ONE => 1,
        PluralCategory::TWO => 2,
        PluralCategory::FEW => 3,
        PluralCategory::MANY => 4,
        PluralCategory::OTHER => 5,
    }
}

/// Whether `name` is one of the six CLDR plural category names.
pub(crate) fn is_plural_category(name: &str) -> bool {
    PLURAL_CATEGORIES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(locale: &str, expected: Option<&[&str]>) {
        assert_eq!(
            cardinal_categories(locale).as_deref(),
            expected,
            "locale {locale}"
        );
    }

    #[test]
    fn project_locales() {
        check("en", Some(&["one", "other"]));
        check("ja", Some(&["other"]));
        check("zh-Hans", Some(&["other"]));
    }

    #[test]
    fn regions_and_scripts_fall_back_to_the_language() {
        check("en-US", Some(&["one", "other"]));
        check("zh-Hant-TW", Some(&["other"]));
    }

    #[test]
    fn languages_with_more_categories() {
        check("ar", Some(&PLURAL_CATEGORIES));
        check("pl", Some(&["one", "few", "many", "other"]));
        check("ru", Some(&["one", "few", "many", "other"]));
    }

    #[test]
    fn unknown_or_invalid_locales_have_no_categories() {
        check("xx", None);
        check("not a tag", None);
    }
}
