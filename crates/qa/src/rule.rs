//! Rules, severities, findings, and the per-rule settings of `yaku.toml`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::LinkRules;

/// One QA check, named by a stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// `numbers`: the source section's numbers are the translation's numbers.
    Numbers,
    /// `citations`: the same in-text citations, resolvable references, same DOIs and URLs.
    Citations,
    /// `structure`: the same list items, tables, callouts, code blocks, components, links
    /// and heading level.
    Structure,
    /// `untranslated-text`: no Japanese script left in the translation.
    UntranslatedText,
    /// `glossary`: glossary terms of the source rendered as the glossary says.
    Glossary,
    /// `required-notice`: sections marked required are published, current, everywhere.
    RequiredNotice,
    /// `front-matter-data`: the front-matter keys that are data, not translatable text
    /// (date, weight, slug, aliases…), have the source's values in a translation.
    FrontMatterData,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 7] = [
        Rule::Numbers,
        Rule::Citations,
        Rule::Structure,
        Rule::UntranslatedText,
        Rule::Glossary,
        Rule::RequiredNotice,
        Rule::FrontMatterData,
    ];

    /// The stable id used in output, `--rule` and `yaku.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Numbers => "numbers",
            Rule::Citations => "citations",
            Rule::Structure => "structure",
            Rule::UntranslatedText => "untranslated-text",
            Rule::Glossary => "glossary",
            Rule::RequiredNotice => "required-notice",
            Rule::FrontMatterData => "front-matter-data",
        }
    }

    /// The severity of the rule's findings when `yaku.toml` does not set one.
    pub fn default_severity(self) -> Severity {
        match self {
            // Data a translation may change on purpose (localized tags, aliases of its
            // own URLs) is worth a look, not a failed check.
            Rule::Glossary | Rule::FrontMatterData => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The ids of every rule, comma-separated, for messages.
    pub fn list() -> String {
        Rule::ALL.map(Rule::as_str).join(", ")
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{0}` (rules: {rules})", rules = Rule::list())]
pub struct UnknownRule(pub String);

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|rule| rule.as_str() == s)
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

/// How bad a finding is: errors fail `yaku check`, warnings are only reported. The one
/// severity of every yaku finding.
pub use yaku_content::Severity;

/// One problem a rule found in one translated section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Error or warning, after the project's settings are applied.
    pub severity: Severity,
    /// The id of the section.
    pub section: String,
    /// The 1-based line of the translation file it refers to.
    pub line: usize,
    /// What is wrong, in one line.
    pub message: String,
}

/// A rule's setting in `yaku.toml`: `"error"`, `"warning"` or `"off"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Every finding of the rule is an error.
    Error,
    /// Every finding of the rule is a warning.
    Warning,
    /// The rule does not run.
    Off,
}

impl FromStr for Setting {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Setting::Error),
            "warning" => Ok(Setting::Warning),
            "off" => Ok(Setting::Off),
            _ => Err(()),
        }
    }
}

/// Why the QA settings of `yaku.toml` are not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// A key that is not a rule id.
    #[error("[{table}]: unknown rule `{rule}` (rules: {rules})", rules = Rule::list())]
    UnknownRule {
        /// `qa` or `locale.<tag>.qa`.
        table: String,
        /// The key as written.
        rule: String,
    },
    /// A value other than error, warning or off.
    #[error(
        "[{table}]: `{rule} = \"{value}\"`: the value is one of \"error\", \"warning\", \"off\""
    )]
    InvalidValue {
        /// `qa` or `locale.<tag>.qa`.
        table: String,
        /// The rule.
        rule: String,
        /// The value as written.
        value: String,
    },
}

/// The per-rule settings: `[qa]` for the project, `[locale.<tag>.qa]` overriding it, and
/// the localized-link rules of `[links]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    project: BTreeMap<Rule, Setting>,
    locales: BTreeMap<String, BTreeMap<Rule, Setting>>,
    links: LinkRules,
}

impl Settings {
    /// Reads the `[qa]` table and each locale's `qa` table (`(locale, table)` pairs).
    pub fn from_tables<'a>(
        project: &BTreeMap<String, String>,
        locales: impl IntoIterator<Item = (&'a str, &'a BTreeMap<String, String>)>,
    ) -> Result<Settings, SettingsError> {
        let mut settings = Settings {
            project: read_table("qa", project)?,
            locales: BTreeMap::new(),
            links: LinkRules::default(),
        };
        for (locale, table) in locales {
            let name = format!("locale.{locale}.qa");
            settings
                .locales
                .insert(locale.to_string(), read_table(&name, table)?);
        }
        Ok(settings)
    }

    /// These settings with the project's localized-link rules (`[links]`).
    pub fn with_links(self, links: LinkRules) -> Settings {
        Settings { links, ..self }
    }

    /// The project's localized-link rules.
    pub fn links(&self) -> &LinkRules {
        &self.links
    }

    /// The setting of `rule` in `locale`, if `yaku.toml` gives one.
    pub fn setting(&self, locale: &str, rule: Rule) -> Option<Setting> {
        self.locales
            .get(locale)
            .and_then(|table| table.get(&rule))
            .or_else(|| self.project.get(&rule))
            .copied()
    }

    /// Whether `rule` runs for `locale` (it is not `off`).
    pub fn enabled(&self, locale: &str, rule: Rule) -> bool {
        self.setting(locale, rule) != Some(Setting::Off)
    }

    /// Drops the findings of rules that are off for `locale` and gives the others the
    /// configured severity (rules without a setting keep the severity they found).
    pub fn apply(&self, locale: &str, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut finding| {
                match self.setting(locale, finding.rule) {
                    Some(Setting::Off) => return None,
                    Some(Setting::Error) => finding.severity = Severity::Error,
                    Some(Setting::Warning) => finding.severity = Severity::Warning,
                    None => {}
                }
                Some(finding)
            })
            .collect()
    }
}

fn read_table(
    name: &str,
    table: &BTreeMap<String, String>,
) -> Result<BTreeMap<Rule, Setting>, SettingsError> {
    let mut out = BTreeMap::new();
    for (key, value) in table {
        let rule: Rule = key.parse().map_err(|_| SettingsError::UnknownRule {
            table: name.to_string(),
            rule: key.clone(),
        })?;
        let setting: Setting = value.parse().map_err(|()| SettingsError::InvalidValue {
            table: name.to_string(),
            rule: key.clone(),
            value: value.clone(),
        })?;
        out.insert(rule, setting);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn finding(rule: Rule) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity(),
            section: "s".into(),
            line: 1,
            message: String::new(),
        }
    }

    #[test]
    fn rule_ids_round_trip() {
        for rule in Rule::ALL {
            assert_eq!(rule.as_str().parse::<Rule>(), Ok(rule));
        }
        let error = "number".parse::<Rule>().unwrap_err();
        assert!(error.to_string().contains("untranslated-text"), "{error}");
    }

    #[test]
    fn locale_settings_override_project_settings() {
        let project = table(&[("numbers", "warning"), ("glossary", "error")]);
        let en = table(&[("glossary", "off")]);
        let settings = Settings::from_tables(&project, [("en", &en)]).unwrap();
        let found = vec![finding(Rule::Numbers), finding(Rule::Glossary)];
        let en_findings = settings.apply("en", found.clone());
        assert_eq!(en_findings.len(), 1);
        assert_eq!(en_findings[0].severity, Severity::Warning);
        let zh_findings = settings.apply("zh-Hans", found);
        assert_eq!(zh_findings[1].severity, Severity::Error);
        assert!(!settings.enabled("en", Rule::Glossary));
    }

    #[test]
    fn bad_settings_are_errors() {
        let unknown = table(&[("numbrs", "off")]);
        assert!(matches!(
            Settings::from_tables(&unknown, []),
            Err(SettingsError::UnknownRule { .. })
        ));
        let bad = table(&[("numbers", "fatal")]);
        let error = Settings::from_tables(&BTreeMap::new(), [("en", &bad)]).unwrap_err();
        assert!(error.to_string().starts_with("[locale.en.qa]"), "{error}");
    }
}
