//! The pages: HTML, CSS and JavaScript embedded in the binary (no CDN, no Node
//! toolchain), and their strings in Fluent (`ui/locales/<locale>/workspace.ftl`, `ja`
//! the source, checked by yaku-fluent's checker in the tests), formatted by
//! yaku-fluent's `Localizer` for each UI language.

use std::collections::BTreeMap;

use yaku_fluent::{FormatOptions, Localizer};

/// The dashboard.
pub const DASHBOARD_HTML: &str = include_str!("../ui/dashboard.html");
/// The document page.
pub const DOCUMENT_HTML: &str = include_str!("../ui/document.html");
/// The style sheet.
pub const STYLE_CSS: &str = include_str!("../ui/style.css");
/// The script both pages load.
pub const APP_JS: &str = include_str!("../ui/app.js");

/// The UI languages, the source (`ja`) first, each with its FTL file.
pub const UI_LOCALES: [(&str, &str); 3] = [
    ("ja", include_str!("../ui/locales/ja/workspace.ftl")),
    ("en", include_str!("../ui/locales/en/workspace.ftl")),
    (
        "zh-Hans",
        include_str!("../ui/locales/zh-Hans/workspace.ftl"),
    ),
];

/// Every UI string in every UI language: message id → text.
#[derive(Debug, Clone, Default)]
pub struct UiStrings {
    by_locale: BTreeMap<String, BTreeMap<String, String>>,
}

impl UiStrings {
    /// Formats the embedded FTL files with yaku-fluent (each language falling back to
    /// `ja`, the source).
    pub fn load() -> Result<UiStrings, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("cannot load the UI strings: {e}"))?;
        for (locale, text) in UI_LOCALES {
            let folder = dir.path().join(locale);
            std::fs::create_dir_all(&folder)
                .and_then(|()| std::fs::write(folder.join("workspace.ftl"), text))
                .map_err(|e| format!("cannot load the UI strings: {e}"))?;
        }
        let mut by_locale = BTreeMap::new();
        for (locale, _) in UI_LOCALES {
            let chain = vec![locale.to_string(), "ja".to_string()];
            let localizer = Localizer::load(
                dir.path(),
                &chain,
                FormatOptions {
                    use_isolating: false,
                },
            )
            .map_err(|e| format!("the UI strings of {locale} do not load: {e}"))?;
            let mut strings = BTreeMap::new();
            for id in localizer.message_ids() {
                let text = localizer
                    .format(&id, None, &[])
                    .map_err(|e| format!("the UI string {id} of {locale}: {e}"))?;
                strings.insert(id, text.text);
            }
            by_locale.insert(locale.to_string(), strings);
        }
        Ok(UiStrings { by_locale })
    }

    /// The strings of `locale` (one of [`UI_LOCALES`]).
    pub fn strings(&self, locale: &str) -> Option<&BTreeMap<String, String>> {
        self.by_locale.get(locale)
    }
}

/// The UI language: `asked` when it is one, else the first of `Accept-Language` that
/// matches one (`zh`, `zh-CN`, `zh-Hans-…` → `zh-Hans`), else `en`.
pub fn negotiate(asked: Option<&str>, accept_language: Option<&str>) -> &'static str {
    let known = |tag: &str| -> Option<&'static str> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary {
            "ja" => Some("ja"),
            "en" => Some("en"),
            "zh" if !tag.contains("hant") && !tag.ends_with("-tw") && !tag.ends_with("-hk") => {
                Some("zh-Hans")
            }
            _ => None,
        }
    };
    if let Some(found) = asked.and_then(known) {
        return found;
    }
    accept_language
        .into_iter()
        .flat_map(|header| header.split(','))
        .filter_map(|part| known(part.split(';').next().unwrap_or("")))
        .next()
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_choice_then_the_browser() {
        assert_eq!(negotiate(Some("ja"), Some("en-US")), "ja");
        assert_eq!(
            negotiate(None, Some("fr-FR, zh-CN;q=0.8, en;q=0.5")),
            "zh-Hans"
        );
        assert_eq!(negotiate(None, Some("zh-TW, ja;q=0.9")), "ja");
        assert_eq!(negotiate(Some("xx"), None), "en");
    }

    #[test]
    fn every_language_has_every_string() {
        let ui = UiStrings::load().unwrap();
        let ja = ui.strings("ja").unwrap();
        assert!(ja.len() > 20);
        for (locale, _) in UI_LOCALES {
            let strings = ui.strings(locale).unwrap();
            assert_eq!(
                strings.keys().collect::<Vec<_>>(),
                ja.keys().collect::<Vec<_>>(),
                "{locale}"
            );
        }
    }
}
