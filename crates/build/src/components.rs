//! Component directives (`<!-- yaku:component name -->`) resolved to their blocks: the
//! Fluent message of that name, formatted in the page's locale.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use yaku_fluent::FormatError;

use crate::assemble::LocaleContext;
use crate::model::Block;

/// The components resolved in one locale, each once.
///
/// A component's block depends only on its name and on the locale's Fluent strings and
/// arguments, which a build does not change; every page of a locale holds the same few
/// (banners, notices), and formatting them again for each page was a fiftieth of a
/// build. Shared by the threads that build the locale's pages.
#[derive(Debug, Default)]
pub struct ResolvedComponents {
    resolved: Mutex<HashMap<String, Result<Block, String>>>,
}

impl ResolvedComponents {
    /// The block of component `name` in `context`'s locale, or why it cannot be resolved.
    /// `context` must be the locale's these components were resolved in.
    pub fn resolve(&self, name: &str, context: &LocaleContext<'_>) -> Result<Block, String> {
        let resolved = self
            .resolved
            .lock()
            .ok()
            .and_then(|resolved| resolved.get(name).cloned());
        if let Some(resolved) = resolved {
            return resolved;
        }
        let result = resolve_component(name, context);
        if let Ok(mut resolved) = self.resolved.lock() {
            resolved.insert(name.to_string(), result.clone());
        }
        result
    }
}

/// Formats component `name`: its value and attributes, in the first locale of the chain
/// that has it.
fn resolve_component(name: &str, context: &LocaleContext<'_>) -> Result<Block, String> {
    let localizer = context
        .localizer
        .ok_or_else(|| "the project has no Fluent files to resolve components from".to_string())?;
    if !localizer.has_message(name) {
        return Err(format!(
            "no Fluent message `{name}` in {}",
            localizer.chain().join(", ")
        ));
    }
    let mut locale = None;
    let value = match localizer.format(name, None, context.args) {
        Ok(formatted) => {
            locale = Some(formatted.locale);
            Some(formatted.text)
        }
        Err(FormatError::NoValue { .. }) => None,
        Err(error) => return Err(error.to_string()),
    };
    let mut attributes = BTreeMap::new();
    for attribute in localizer.attributes(name).unwrap_or_default() {
        let formatted = localizer
            .format(name, Some(&attribute), context.args)
            .map_err(|e| e.to_string())?;
        locale.get_or_insert(formatted.locale);
        attributes.insert(attribute, formatted.text);
    }
    Ok(Block::Component {
        name: name.to_string(),
        locale: locale.unwrap_or_else(|| context.locale.to_string()),
        value,
        attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaku_fluent::{FormatOptions, Localizer};
    use yaku_sync::Policy;

    /// A locale `en` whose `brand.ftl` is `ftl`.
    fn localizer(ftl: &str) -> (tempfile::TempDir, Localizer) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join("en/brand.ftl"), ftl).unwrap();
        let localizer =
            Localizer::load(dir.path(), &["en".to_string()], FormatOptions::default()).unwrap();
        (dir, localizer)
    }

    #[test]
    fn a_component_resolves_the_same_every_time_and_as_formatting_it_does() {
        let (_dir, localizer) = localizer("cta = Book { $clinic }\n    .href = /book\n");
        let args = [("clinic".to_string(), yaku_fluent::ArgValue::from("M&B"))];
        let components = ResolvedComponents::default();
        let context = LocaleContext {
            locale: "en",
            source_locale: "ja",
            localizer: Some(&localizer),
            args: &args,
            components: &components,
            policy: Policy::default(),
            alternates: Vec::new(),
            with_markdown: false,
        };
        let direct = resolve_component("cta", &context).unwrap();
        let Block::Component {
            value, attributes, ..
        } = &direct
        else {
            panic!("not a component: {direct:?}");
        };
        assert_eq!(value.as_deref(), Some("Book M&B"));
        assert_eq!(attributes.get("href").map(String::as_str), Some("/book"));
        assert_eq!(components.resolve("cta", &context), Ok(direct.clone()));
        assert_eq!(components.resolve("cta", &context), Ok(direct));
        let missing = components.resolve("nope", &context).unwrap_err();
        assert!(missing.contains("no Fluent message `nope`"), "{missing}");
        assert_eq!(components.resolve("nope", &context), Err(missing));
    }
}
