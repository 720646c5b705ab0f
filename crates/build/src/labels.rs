//! The interface strings renderers put around an article (the table of contents' title,
//! the notes on fallback and stale sections, callout titles), from the locale's Fluent
//! `label-*` messages.

use std::collections::BTreeMap;

use yaku_content::CalloutKind;
use yaku_fluent::Localizer;

/// The interface strings of one locale, from its Fluent `label-*` messages.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Title of the table of contents.
    pub toc: String,
    /// Shown on a section published in the source language.
    pub fallback_notice: String,
    /// Shown on a section whose translation may be out of date.
    pub stale_notice: String,
    /// Name of the language switcher.
    pub language: String,
    /// Title of each callout kind.
    pub callouts: BTreeMap<String, String>,
}

/// A callout kind's title when the locale has no `label-callout-<kind>`: its name,
/// capitalized (`Note`).
fn default_callout_title(kind: CalloutKind) -> String {
    let name = kind.name();
    name[..1].to_ascii_uppercase() + &name[1..]
}

impl Labels {
    /// The labels of the locale whose Fluent strings (with its fallback chain) are
    /// `localizer`. A message that is missing or does not format, or a project without
    /// Fluent files (`None`), gives the English default.
    pub fn resolve(localizer: Option<&Localizer>) -> Labels {
        let label = |id: &str, default: &str| {
            localizer
                .and_then(|l| l.format(id, None, &[]).ok())
                .map_or_else(|| default.to_string(), |f| f.text)
        };
        Labels {
            toc: label("label-toc", "Contents"),
            fallback_notice: label(
                "label-fallback-notice",
                "This section is not translated yet and is shown in the original language.",
            ),
            stale_notice: label(
                "label-stale-notice",
                "The original of this section has changed since it was translated.",
            ),
            language: label("label-language", "Language"),
            callouts: CalloutKind::ALL
                .into_iter()
                .map(|kind| {
                    let title = label(
                        &format!("label-callout-{}", kind.name()),
                        &default_callout_title(kind),
                    );
                    (kind.name().to_string(), title)
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_fluent_files_the_labels_are_the_english_defaults() {
        let labels = Labels::resolve(None);
        assert_eq!(labels.toc, "Contents");
        assert_eq!(labels.language, "Language");
        assert_eq!(labels.callouts.len(), 5);
        assert_eq!(labels.callouts["warning"], "Warning");
        assert_eq!(labels.callouts["important"], "Important");
    }

    #[test]
    fn a_callout_kind_is_written_by_its_name_everywhere() {
        for kind in CalloutKind::ALL {
            // The JSON contract, the CSS class and the label's key are the same word.
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
            assert!(Labels::resolve(None).callouts.contains_key(kind.name()));
            assert_eq!(CalloutKind::from_name(&kind.tag()), Some(kind));
        }
        assert_eq!(CalloutKind::Warning.tag(), "WARNING");
    }
}
