//! What a locale publishes through the components its articles place: each component's
//! value and attributes formatted as `yaku build` formats them (the locale's Fluent
//! fallback chain, its `[fluent-args]`), with where each string and each argument value
//! is set, handed to the QA crate's `untranslated-text` rule.

use std::collections::BTreeMap;

use crate::{QaFinding, Workspace};
use yaku_fluent::{FormatOptions, Localizer};
use yaku_qa::{
    check_published, Argument, Finding, Glossary, Origin, PublishedString, Rule, Settings,
};

/// Where an article places a component: the first document and section that do, in
/// document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The document.
    pub doc: String,
    /// The section.
    pub section: String,
}

/// A finding about a string a locale publishes.
#[derive(Debug, Clone)]
pub struct PublishedQa {
    /// The locale that publishes the string.
    pub locale: String,
    /// Where the component is placed.
    pub placement: Placement,
    /// The file to fix (`yaku.toml` or an FTL file), for display.
    pub path: String,
    /// The finding; its line is in `path`.
    pub finding: Finding,
}

/// Runs the `untranslated-text` rule on the components each locale's articles place
/// (`placed`: per locale, each component name with its first placement), for the
/// locales where the rule is on, with the project's severities. A locale whose Fluent
/// files do not load is skipped: the Fluent check reports why.
pub fn untranslated_components(
    workspace: &Workspace,
    placed: &BTreeMap<String, BTreeMap<String, Placement>>,
    glossary: Option<&Glossary>,
    settings: &Settings,
) -> Vec<PublishedQa> {
    let project = &workspace.project;
    let locales_dir = project.locales_dir();
    if !locales_dir.join(project.source()).is_dir() {
        return Vec::new();
    }
    let config_path = project.root.join("yaku.toml");
    let config_text = crate::read_regular(&config_path)
        .ok()
        .flatten()
        .map(|read| String::from_utf8_lossy(&read.bytes).into_owned())
        .unwrap_or_default();
    let config_display = workspace.display(&config_path);
    let mut out = Vec::new();
    for locale in project.targets() {
        let Some(components) = placed.get(locale) else {
            continue;
        };
        if !settings.enabled(locale, Rule::UntranslatedText) {
            continue;
        }
        let Ok(localizer) = Localizer::load(
            &locales_dir,
            &project.fluent_chain(locale),
            FormatOptions::default(),
        ) else {
            continue;
        };
        // As the build formats components, and where each value is set.
        let args = project.fluent_args(locale);
        let arguments: Vec<Argument> = project
            .fluent_arg_settings(locale)
            .iter()
            .filter_map(|arg| {
                Some(Argument {
                    name: arg.name.to_string(),
                    value: arg.value.as_str()?.to_string(),
                    origin: Origin {
                        path: config_display.clone(),
                        line: argument_line(&config_text, arg.table, arg.name),
                    },
                })
            })
            .collect();
        let mut strings = Vec::new();
        for name in components.keys() {
            let attributes = localizer.attributes(name).unwrap_or_default();
            let parts = std::iter::once(None).chain(attributes.iter().map(|a| Some(a.as_str())));
            for attribute in parts {
                let (Ok(formatted), Some(location)) = (
                    localizer.format(name, attribute, &args),
                    localizer.location(name, attribute),
                ) else {
                    continue;
                };
                strings.push(PublishedString {
                    id: attribute.map_or_else(|| name.clone(), |a| format!("{name}.{a}")),
                    text: formatted.text,
                    origin: Origin {
                        path: workspace.display(&location.path),
                        line: location.line,
                    },
                });
            }
        }
        let found = check_published(project.source(), locale, &strings, &arguments, glossary);
        for published in found {
            let component = published
                .finding
                .section
                .split('.')
                .next()
                .unwrap_or_default();
            let Some(placement) = components.get(component) else {
                continue;
            };
            for finding in settings.apply(locale, vec![published.finding]) {
                out.push(PublishedQa {
                    locale: locale.clone(),
                    placement: placement.clone(),
                    path: published.path.clone(),
                    finding,
                });
            }
        }
    }
    out
}

/// The 1-based line of `yaku.toml` that sets `name` in `[fluent-args.<table>]`; the
/// table's header line when the key is written another way, else 1.
fn argument_line(config: &str, table: &str, name: &str) -> usize {
    let header = format!("fluent-args.{table}");
    let mut in_table = None;
    for (index, line) in config.lines().enumerate() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix('[') {
            let inner: String = rest
                .split(']')
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
                .collect();
            if in_table.is_some() {
                break;
            }
            if inner == header && !rest.starts_with('[') {
                in_table = Some(index + 1);
            }
            continue;
        }
        if in_table.is_some() {
            let key = line.split('=').next().unwrap_or_default().trim();
            if line.contains('=') && key.trim_matches(['"', '\'']) == name {
                return index + 1;
            }
        }
    }
    in_table.unwrap_or(1)
}

impl From<PublishedQa> for QaFinding {
    fn from(found: PublishedQa) -> QaFinding {
        QaFinding {
            rule: found.finding.rule.as_str().to_string(),
            severity: found.finding.severity,
            doc: found.placement.doc,
            locale: found.locale,
            section: found.placement.section,
            path: found.path,
            line: found.finding.line,
            message: found.finding.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::argument_line;

    #[test]
    fn argument_lines_are_found_in_their_table() {
        let config = "[project]\nsource = \"ja\"\n\n[fluent-args.default]\nminutes = 3\n\n[fluent-args.\"zh-Hans\"]\n\"clinic\" = \"诊所\"\n\n[fluent-args.en]\nstation = \"Fuse\"\n";
        assert_eq!(argument_line(config, "default", "minutes"), 5);
        assert_eq!(argument_line(config, "zh-Hans", "clinic"), 8);
        assert_eq!(argument_line(config, "en", "station"), 11);
        // Written another way: the table's header; no table: the first line.
        assert_eq!(argument_line(config, "en", "clinic"), 10);
        assert_eq!(argument_line(config, "ko", "clinic"), 1);
    }
}
