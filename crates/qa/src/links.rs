//! Localized links: a translation's link is the source's link when it is the same URL in
//! the locale's form. By default that is the locale's path segment right after the host
//! (`https://helm.sh/zh/docs/` for `https://helm.sh/docs/`, `/ja/docs/` for `/docs/`),
//! the segment being the locale tag, its lowercase form, its language subtag
//! (`zh-Hans`: `zh-Hans`, `zh-hans`, `zh`) or the one `[links] locale-segment` sets;
//! `[links.map.<locale>]` maps other prefixes (another domain) to the source's.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The project's rules for localized links (`[links]` in `yaku.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkRules {
    /// Per locale, the path segment its URLs carry besides the default ones.
    segments: BTreeMap<String, String>,
    /// Per locale, `(translation prefix, source prefix)`, longest translation prefix
    /// first.
    maps: BTreeMap<String, Vec<(String, String)>>,
}

impl LinkRules {
    /// Rules from `[links] locale-segment` (locale → segment) and `[links.map.<locale>]`
    /// (translation prefix → source prefix).
    pub fn new(
        segments: BTreeMap<String, String>,
        maps: BTreeMap<String, BTreeMap<String, String>>,
    ) -> LinkRules {
        let maps = maps
            .into_iter()
            .map(|(locale, map)| {
                let mut pairs: Vec<(String, String)> = map.into_iter().collect();
                pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
                (locale, pairs)
            })
            .collect();
        LinkRules { segments, maps }
    }

    /// The source's form of `url`, a link of a `locale` translation: a configured prefix
    /// mapped, else the locale's path segment after the host left out. `rules` may be
    /// `None` (the defaults alone).
    pub fn source_form<'u>(rules: Option<&LinkRules>, locale: &str, url: &'u str) -> Cow<'u, str> {
        if let Some(rules) = rules {
            for (from, to) in rules.maps.get(locale).into_iter().flatten() {
                if let Some(rest) = url.strip_prefix(from.as_str()) {
                    return Cow::Owned(format!("{to}{rest}"));
                }
            }
        }
        let path_start = if let Some(scheme_end) = url.find("://") {
            let host = scheme_end + 3;
            match url[host..].find('/') {
                Some(i) => host + i,
                None => return Cow::Borrowed(url),
            }
        } else if let Some(rest) = url.strip_prefix("//") {
            match rest.find('/') {
                Some(i) => 2 + i,
                None => return Cow::Borrowed(url),
            }
        } else if url.starts_with('/') {
            0
        } else {
            return Cow::Borrowed(url);
        };
        let path = &url[path_start + 1..];
        let segment_end = path.find(['/', '?', '#']).unwrap_or(path.len());
        let segment = &path[..segment_end];
        let configured = rules
            .and_then(|r| r.segments.get(locale))
            .map(String::as_str);
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        let is_locale = configured.is_some_and(|c| c.eq_ignore_ascii_case(segment))
            || segment.eq_ignore_ascii_case(locale)
            || segment.eq_ignore_ascii_case(language);
        if segment.is_empty() || !is_locale {
            return Cow::Borrowed(url);
        }
        let mut out = String::with_capacity(url.len());
        out.push_str(&url[..path_start]);
        let rest = &path[segment_end..];
        if rest.starts_with('/') {
            out.push_str(rest);
        } else {
            out.push('/');
            out.push_str(rest);
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default(locale: &str, url: &str) -> String {
        LinkRules::source_form(None, locale, url).into_owned()
    }

    #[test]
    fn the_locale_segment_after_the_host_is_the_sources_link() {
        assert_eq!(
            default("zh-Hans", "https://helm.sh/zh/"),
            "https://helm.sh/"
        );
        assert_eq!(
            default("zh-Hans", "https://helm.sh/zh/docs/intro/"),
            "https://helm.sh/docs/intro/"
        );
        assert_eq!(
            default("ja", "https://helm.sh/ja/docs#x"),
            "https://helm.sh/docs#x"
        );
        assert_eq!(default("ja", "https://helm.sh/ja"), "https://helm.sh/");
        assert_eq!(default("zh-Hans", "/zh-hans/docs/"), "/docs/");
        assert_eq!(default("ko", "//example.com/ko/a"), "//example.com/a");
    }

    #[test]
    fn other_segments_and_other_locales_are_not_touched() {
        assert_eq!(
            default("ja", "https://helm.sh/zh/docs/"),
            "https://helm.sh/zh/docs/"
        );
        assert_eq!(
            default("ja", "https://helm.sh/japan/"),
            "https://helm.sh/japan/"
        );
        assert_eq!(default("ja", "https://helm.sh"), "https://helm.sh");
        assert_eq!(default("ja", "docs/ja/x"), "docs/ja/x");
        // The segment must be the first one after the host.
        assert_eq!(
            default("ja", "https://x.dev/docs/ja/"),
            "https://x.dev/docs/ja/"
        );
    }

    #[test]
    fn configured_segments_and_prefix_maps_apply_to_their_locale() {
        let rules = LinkRules::new(
            [("zh-Hans".to_string(), "zh-cn".to_string())].into(),
            [(
                "ja".to_string(),
                [
                    (
                        "https://docs.example.jp/".to_string(),
                        "https://docs.example.com/".to_string(),
                    ),
                    (
                        "https://docs.example.jp/old/".to_string(),
                        "https://docs.example.com/v1/".to_string(),
                    ),
                ]
                .into(),
            )]
            .into(),
        );
        let form = |locale: &str, url: &str| {
            LinkRules::source_form(Some(&rules), locale, url).into_owned()
        };
        assert_eq!(
            form("zh-Hans", "https://k8s.io/zh-cn/docs/"),
            "https://k8s.io/docs/"
        );
        assert_eq!(
            form("zh-Hans", "https://k8s.io/zh/docs/"),
            "https://k8s.io/docs/"
        );
        assert_eq!(
            form("ja", "https://docs.example.jp/guide"),
            "https://docs.example.com/guide"
        );
        assert_eq!(
            form("ja", "https://docs.example.jp/old/a"),
            "https://docs.example.com/v1/a"
        );
        assert_eq!(
            form("ko", "https://docs.example.jp/guide"),
            "https://docs.example.jp/guide"
        );
    }
}
