//! Loading a locale chain's Fluent resources and formatting messages.
//!
//! A [`Localizer`] holds one fluent-bundle per locale of a fallback chain
//! (e.g. `zh-Hans` → `en` → `ja`). Formatting takes the first locale that
//! has the requested value or attribute, and turns every Fluent error into a
//! [`FormatError`] rather than returning text with `{$var}` in it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::error::{FormatError, LoadError};
use crate::files::{list_ftl_files, read_ftl, FtlText};
use crate::position::SourcePositions;
use crate::summary::error_offset;

/// How messages are formatted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatOptions {
    /// Wrap each placeable in Unicode isolation marks (U+2068 … U+2069), which
    /// keeps right-to-left and left-to-right text apart; off by default
    /// because the project's locales are all left-to-right and the marks
    /// would end up in HTML and search snippets.
    pub use_isolating: bool,
}

/// The value of a Fluent variable.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// Text, e.g. a clinic or station name.
    String(String),
    /// A number, which Fluent formats and uses to select plural variants.
    Number(f64),
}

impl ArgValue {
    /// Reads a command-line or config value: a Fluent number literal
    /// (`3`, `-1`, `2.5`) becomes a number so plural selection works, anything
    /// else stays text (`inf`, `1e3` and `+3` are text, as in Fluent).
    pub fn parse(text: &str) -> ArgValue {
        if is_number_literal(text) {
            if let Ok(number) = text.parse::<f64>() {
                return ArgValue::Number(number);
            }
        }
        ArgValue::String(text.to_owned())
    }

    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            ArgValue::String(text) => FluentValue::from(text.as_str()),
            ArgValue::Number(number) => FluentValue::from(*number),
        }
    }
}

impl From<&str> for ArgValue {
    fn from(text: &str) -> Self {
        ArgValue::String(text.to_owned())
    }
}

impl From<f64> for ArgValue {
    fn from(number: f64) -> Self {
        ArgValue::Number(number)
    }
}

/// Whether `text` is a Fluent number literal: `-?[0-9]+(\.[0-9]+)?`.
fn is_number_literal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (integer, fraction) = match digits.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(integer) && fraction.is_none_or(all_digits)
}

/// A formatted message or attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The text.
    pub text: String,
    /// The locale of the chain that supplied the pattern, so a caller can tell
    /// a fallback (and mark it) from a translation.
    pub locale: String,
}

/// A locale's Fluent resources, loaded from `<locales_dir>/<locale>/*.ftl`
/// (sorted by file name), for every locale of a fallback chain.
pub struct Localizer {
    locales: Vec<LocaleBundle>,
}

struct LocaleBundle {
    locale: String,
    bundle: FluentBundle<FluentResource>,
    /// Message ids (not terms), in file and source order.
    message_ids: Vec<String>,
    /// Where each message (`id`) and attribute (`id.attribute`) is defined.
    locations: HashMap<String, Location>,
}

/// Where a message or attribute is defined: the FTL file and the 1-based line of its
/// identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The locale whose file defines it.
    pub locale: String,
    /// The FTL file.
    pub path: PathBuf,
    /// The 1-based line of the message's or attribute's identifier.
    pub line: usize,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("chain", &self.chain())
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// Loads every locale of `chain`, the fallback chain whose first locale is
    /// the one wanted, e.g. `["zh-Hans", "en", "ja"]` (repeats are ignored).
    /// Every file must parse and no id may be defined twice in a locale:
    /// a broken resource is an error here, and `check_locales` says where.
    pub fn load(
        locales_dir: &Path,
        chain: &[String],
        options: FormatOptions,
    ) -> Result<Localizer, LoadError> {
        let mut locales: Vec<LocaleBundle> = Vec::with_capacity(chain.len());
        for locale in chain {
            if locales.iter().any(|loaded| &loaded.locale == locale) {
                continue;
            }
            locales.push(load_locale(locales_dir, locale, options)?);
        }
        if locales.is_empty() {
            return Err(LoadError::EmptyChain);
        }
        Ok(Localizer { locales })
    }

    /// The locales of the chain, in fallback order.
    pub fn chain(&self) -> Vec<&str> {
        self.locales
            .iter()
            .map(|locale| locale.locale.as_str())
            .collect()
    }

    /// Whether any locale of the chain defines message `id` (terms are private
    /// to Fluent files and never count).
    pub fn has_message(&self, id: &str) -> bool {
        self.locales
            .iter()
            .any(|locale| locale.bundle.has_message(id))
    }

    /// The message ids of every locale of the chain, sorted and without repeats.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .locales
            .iter()
            .flat_map(|locale| locale.message_ids.iter().cloned())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The attribute names of message `id` in source order, as defined by the
    /// first locale of the chain that has the message.
    pub fn attributes(&self, id: &str) -> Option<Vec<String>> {
        self.locales.iter().find_map(|locale| {
            let message = locale.bundle.get_message(id)?;
            Some(
                message
                    .attributes()
                    .map(|attribute| attribute.id().to_owned())
                    .collect(),
            )
        })
    }

    /// Formats message `id` (its value, or `attribute` when given) with `args`.
    /// Returns the text and which locale of the chain supplied it: the first
    /// one that has this value or attribute. Any Fluent error (a missing
    /// variable, an unknown message or term reference, ...) is a
    /// [`FormatError::Resolve`] listing all of them, never text with
    /// `{$var}` in it.
    pub fn format(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: &[(String, ArgValue)],
    ) -> Result<Formatted, FormatError> {
        let fluent_args: FluentArgs<'_> = args
            .iter()
            .map(|(name, value)| (name.as_str(), value.to_fluent()))
            .collect();
        let mut message_found = false;
        for locale in &self.locales {
            let Some(message) = locale.bundle.get_message(id) else {
                continue;
            };
            message_found = true;
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|found| found.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else {
                continue;
            };
            let mut errors: Vec<FluentError> = Vec::new();
            let text = locale
                .bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                return Err(FormatError::Resolve {
                    id: match attribute {
                        Some(name) => format!("{id}.{name}"),
                        None => id.to_owned(),
                    },
                    locale: locale.locale.clone(),
                    errors: errors.iter().map(ToString::to_string).collect(),
                });
            }
            return Ok(Formatted {
                text: text.into_owned(),
                locale: locale.locale.clone(),
            });
        }
        Err(match (message_found, attribute) {
            (false, _) => FormatError::UnknownMessage { id: id.to_owned() },
            (true, Some(name)) => FormatError::UnknownAttribute {
                id: id.to_owned(),
                attribute: name.to_owned(),
            },
            (true, None) => FormatError::NoValue { id: id.to_owned() },
        })
    }

    /// Where the pattern that [`Self::format`] uses for message `id` (its value, or
    /// `attribute` when given) is defined: the first locale of the chain that has it.
    pub fn location(&self, id: &str, attribute: Option<&str>) -> Option<&Location> {
        let locale = self.locales.iter().find(|locale| {
            locale
                .bundle
                .get_message(id)
                .is_some_and(|message| match attribute {
                    Some(name) => message.get_attribute(name).is_some(),
                    None => message.value().is_some(),
                })
        })?;
        let key = match attribute {
            Some(name) => format!("{id}.{name}"),
            None => id.to_owned(),
        };
        locale.locations.get(&key)
    }
}

/// Loads one locale's files into a bundle.
fn load_locale(
    locales_dir: &Path,
    locale: &str,
    options: FormatOptions,
) -> Result<LocaleBundle, LoadError> {
    let langid: LanguageIdentifier = locale.parse().map_err(|_| LoadError::InvalidLocale {
        locale: locale.to_owned(),
    })?;
    let dir = locales_dir.join(locale);
    if !dir.is_dir() {
        return Err(LoadError::MissingLocale {
            locale: locale.to_owned(),
            path: dir,
        });
    }
    let files = list_ftl_files(&dir).map_err(|source| LoadError::Io {
        path: dir.clone(),
        source,
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(options.use_isolating);
    // NUMBER() is the only builtin; adding it to a new bundle cannot clash
    // with anything, but keep the error path rather than unwrap.
    if let Err(FluentError::Overriding { id, .. }) = bundle.add_builtins() {
        return Err(LoadError::Duplicate {
            path: dir.clone(),
            id,
        });
    }
    let mut message_ids = Vec::new();
    let mut locations = HashMap::new();
    for file in files {
        let source = match read_ftl(&file.path).map_err(|source| LoadError::Io {
            path: file.path.clone(),
            source,
        })? {
            FtlText::Text(source) => source,
            FtlText::NotUtf8 { valid_prefix } => {
                let position = SourcePositions::new(&valid_prefix).position(valid_prefix.len());
                return Err(LoadError::NotUtf8 {
                    path: file.path,
                    line: position.line,
                    col: position.col,
                });
            }
        };
        let resource = match FluentResource::try_new(source) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                let index = SourcePositions::new(resource.source());
                let (position, message) = errors.first().map_or_else(
                    || (index.position(0), String::from("syntax error")),
                    |error| {
                        let offset = error_offset(resource.source(), error);
                        (index.position(offset), error.kind.to_string())
                    },
                );
                return Err(LoadError::Syntax {
                    path: file.path,
                    line: position.line,
                    col: position.col,
                    message,
                    count: errors.len(),
                });
            }
        };
        let index = SourcePositions::new(resource.source());
        let mut locate = |key: String, name: &str| {
            locations.entry(key).or_insert_with(|| Location {
                locale: locale.to_owned(),
                path: file.path.clone(),
                line: index.position_of(name).line,
            });
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(message) = entry {
                let id = message.id.name;
                message_ids.push(id.to_owned());
                locate(id.to_owned(), id);
                for attribute in &message.attributes {
                    locate(format!("{id}.{}", attribute.id.name), attribute.id.name);
                }
            }
        }
        if let Err(errors) = bundle.add_resource(resource) {
            let id = errors
                .into_iter()
                .find_map(|error| match error {
                    // fluent-bundle does not export its `EntryKind`; its
                    // Display names the kind.
                    FluentError::Overriding { id, kind } if kind.to_string() == "term" => {
                        Some(format!("-{id}"))
                    }
                    FluentError::Overriding { id, .. } => Some(id),
                    _ => None,
                })
                .unwrap_or_default();
            return Err(LoadError::Duplicate {
                path: file.path,
                id,
            });
        }
    }
    Ok(LocaleBundle {
        locale: locale.to_owned(),
        bundle,
        message_ids,
        locations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localizer_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Localizer>();
    }

    #[test]
    fn arg_values_parse_fluent_number_literals_only() {
        assert_eq!(ArgValue::parse("3"), ArgValue::Number(3.0));
        assert_eq!(ArgValue::parse("-2.5"), ArgValue::Number(-2.5));
        for text in ["布施", "", "inf", "NaN", "1e3", "+3", "3.", ".5", "3 "] {
            assert_eq!(ArgValue::parse(text), ArgValue::String(text.to_owned()));
        }
    }
}
