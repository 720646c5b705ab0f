//! The Hugo export: one content file per document and locale, in the layout of Hugo's
//! multilingual sites (`content/<locale>/<doc>.md`), and the language configuration.
//!
//! The Markdown is the published sections' own text (the translation's, or the source's
//! for a fallback), with yaku's comments taken out, components written as Markdown
//! from their Fluent strings, and a visible note on fallback and stale sections.

use std::fmt::Write;

use toml_writer::{TomlKeyBuilder, TomlStringBuilder, TomlWrite};

use crate::html::Labels;
use crate::model::{Block, DocumentOutput, PublicationState};

/// Renders the Hugo content file of one document in one locale.
pub fn render_hugo(output: &DocumentOutput, labels: &Labels) -> String {
    let mut front = toml::Table::new();
    if let Some(title) = &output.title {
        front.insert("title".into(), toml::Value::String(title.clone()));
    }
    if let Some(description) = &output.description {
        front.insert(
            "description".into(),
            toml::Value::String(description.clone()),
        );
    }
    for (key, value) in &output.data {
        if let Some(value) = json_to_toml(value) {
            front.insert(key.clone(), value);
        }
    }
    front.insert(
        "translationKey".into(),
        toml::Value::String(output.doc.clone()),
    );
    let mut params = toml::Table::new();
    let fallback: Vec<toml::Value> = output
        .sections
        .iter()
        .filter(|s| s.state == PublicationState::Fallback)
        .map(|s| toml::Value::String(s.id.clone()))
        .collect();
    let stale: Vec<toml::Value> = output
        .sections
        .iter()
        .filter(|s| s.state == PublicationState::Stale)
        .map(|s| toml::Value::String(s.id.clone()))
        .collect();
    params.insert(
        "yaku_fallback_sections".into(),
        toml::Value::Array(fallback),
    );
    params.insert("yaku_stale_sections".into(), toml::Value::Array(stale));
    front.insert("params".into(), toml::Value::Table(params));

    let mut out = format!("+++\n{}+++\n", front_matter(&front));
    for section in &output.sections {
        out.push('\n');
        if section.level > 0 {
            let _ = writeln!(
                out,
                "{} {} {{#{}}}\n",
                "#".repeat(usize::from(section.level)),
                section.heading_text.trim(),
                section.id
            );
        }
        match section.state {
            PublicationState::Fallback => {
                let _ = writeln!(out, "*{}*\n", labels.fallback_notice);
            }
            PublicationState::Stale => {
                let _ = writeln!(out, "*{}*\n", labels.stale_notice);
            }
            PublicationState::Current => {}
        }
        let components: Vec<&Block> = section
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Component { .. }))
            .collect();
        let mut next_component = components.iter();
        for line in section.markdown.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with("<!-- yaku:component") {
                if let Some(Block::Component {
                    value, attributes, ..
                }) = next_component.next()
                {
                    out.push_str(&component_markdown(value.as_deref(), attributes));
                }
                continue;
            }
            if trimmed.starts_with("<!-- yaku:") {
                continue;
            }
            // Hugo's Markdown has no GFM alerts: the kind becomes the callout's first line.
            if let Some(kind) = alert_kind(trimmed) {
                let label = labels.callouts.get(kind).map_or(kind, String::as_str);
                let _ = writeln!(out, "> *{}*", escape_markdown(label));
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The front matter as TOML with every key and value on its own single line: strings are
/// basic strings with their line breaks escaped, tables are inline. The toml crate's
/// serializer writes a string holding a line break as a multi-line string, and a line of
/// it starting with `+++` would end Hugo's front matter there; here no line can start
/// with anything but a key.
fn front_matter(table: &toml::Table) -> String {
    let mut out = String::new();
    for (key, value) in table {
        let _ = write_key(&mut out, key)
            .and_then(|()| out.write_str(" = "))
            .and_then(|()| write_value(&mut out, value))
            .and_then(|()| out.newline());
    }
    out
}

fn write_key(out: &mut String, key: &str) -> std::fmt::Result {
    out.key(TomlKeyBuilder::new(key).as_default())
}

/// One value, on one line. TOML that yaku read nests only as deep as the toml crate's
/// parser allows, which bounds the recursion.
fn write_value(out: &mut String, value: &toml::Value) -> std::fmt::Result {
    match value {
        toml::Value::String(s) => out.value(TomlStringBuilder::new(s).as_basic()),
        toml::Value::Integer(i) => out.value(*i),
        toml::Value::Float(f) => out.value(*f),
        toml::Value::Boolean(b) => out.value(*b),
        toml::Value::Datetime(d) => write!(out, "{d}"),
        toml::Value::Array(items) => {
            out.open_array()?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.val_sep()?;
                    out.space()?;
                }
                write_value(out, item)?;
            }
            out.close_array()
        }
        toml::Value::Table(table) => {
            out.open_inline_table()?;
            for (i, (key, item)) in table.iter().enumerate() {
                if i > 0 {
                    out.val_sep()?;
                }
                out.space()?;
                write_key(out, key)?;
                out.write_str(" = ")?;
                write_value(out, item)?;
            }
            if !table.is_empty() {
                out.space()?;
            }
            out.close_inline_table()
        }
    }
}

/// The kind of a GFM alert line (`> [!WARNING]`), lowercased.
fn alert_kind(line: &str) -> Option<&'static str> {
    let inner = line
        .strip_prefix('>')?
        .trim()
        .strip_prefix("[!")?
        .strip_suffix(']')?;
    ["note", "tip", "important", "warning", "caution"]
        .into_iter()
        .find(|kind| inner.eq_ignore_ascii_case(kind))
}

/// A component as a Markdown block quote, so Hugo renders it without raw HTML.
fn component_markdown(
    value: Option<&str>,
    attributes: &std::collections::BTreeMap<String, String>,
) -> String {
    let mut lines = Vec::new();
    if let Some(value) = value {
        lines.push(escape_markdown(value));
    }
    if let Some(heading) = attributes.get("heading") {
        lines.push(format!("**{}**", escape_markdown(heading)));
    }
    for key in ["body", "button"] {
        if let Some(text) = attributes.get(key) {
            lines.push(if key == "button" {
                format!("**{}**", escape_markdown(text))
            } else {
                escape_markdown(text)
            });
        }
    }
    if let Some(footnote) = attributes.get("footnote") {
        lines.push(format!("*{}*", escape_markdown(footnote)));
    }
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "> {line}");
    }
    out
}

/// Escapes characters Markdown would read as markup or HTML.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn json_to_toml(value: &serde_json::Value) -> Option<toml::Value> {
    Some(match value {
        serde_json::Value::Null => return None,
        serde_json::Value::Bool(b) => toml::Value::Boolean(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        serde_json::Value::String(s) => s
            .parse::<toml::value::Datetime>()
            .map(toml::Value::Datetime)
            .unwrap_or_else(|_| toml::Value::String(s.clone())),
        serde_json::Value::Array(a) => {
            toml::Value::Array(a.iter().filter_map(json_to_toml).collect())
        }
        serde_json::Value::Object(o) => toml::Value::Table(
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), json_to_toml(v)?)))
                .collect(),
        ),
    })
}

/// The languages part of a Hugo site configuration for these locales (source first).
pub fn hugo_languages_config(locales: &[String], content_dir: &str) -> String {
    let mut out = String::from(
        "# Generated by `yaku build --format hugo`: merge into your Hugo site's configuration.\n",
    );
    if let Some(source) = locales.first() {
        let _ = writeln!(
            out,
            "defaultContentLanguage = {}",
            basic(&source.to_lowercase())
        );
    }
    out.push_str("defaultContentLanguageInSubdir = true\n\n[languages]\n");
    for (weight, locale) in locales.iter().enumerate() {
        let name = match locale.as_str() {
            "ja" => "日本語",
            "en" => "English",
            "zh-Hans" => "简体中文",
            other => other,
        };
        let _ = writeln!(
            out,
            "[languages.{key}]\nlanguageCode = {}\nlanguageName = {}\ncontentDir = {}\nweight = {}\n",
            basic(locale),
            basic(name),
            basic(&format!("{content_dir}/{locale}")),
            weight + 1,
            key = key(&locale.to_lowercase())
        );
    }
    out
}

/// A TOML key, quoted when it is not bare.
fn key(text: &str) -> String {
    let mut out = String::new();
    let _ = write_key(&mut out, text);
    out
}

/// A TOML basic string: quoted, escaped, on one line.
fn basic(text: &str) -> String {
    let mut out = String::new();
    let _ = out.value(TomlStringBuilder::new(text).as_basic());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_values_never_start_a_line() {
        let mut table = toml::Table::new();
        for (key, value) in [
            ("title", "a\n+++\nb"),
            ("crlf", "a\r\n+++\r\nb"),
            ("quotes", "\"\"\" ''' \\"),
            ("key\n+++", "v"),
        ] {
            table.insert(key.into(), toml::Value::String(value.into()));
        }
        let mut inner = toml::Table::new();
        inner.insert(
            "list".into(),
            toml::Value::Array(vec![toml::Value::String("\n+++\n".into())]),
        );
        inner.insert("n".into(), toml::Value::Float(f64::NAN));
        table.insert("inner".into(), toml::Value::Table(inner));
        let text = front_matter(&table);
        assert_eq!(text.lines().count(), table.len(), "{text}");
        assert!(!text.lines().any(|l| l.starts_with('+')), "{text}");
        let back: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(back["title"], table["title"]);
        assert_eq!(back["crlf"], table["crlf"]);
        assert_eq!(back["quotes"], table["quotes"]);
        assert_eq!(back["key\n+++"], table["key\n+++"]);
        assert_eq!(back["inner"]["list"], table["inner"]["list"]);
        assert!(back["inner"]["n"].as_float().unwrap().is_nan());
    }

    #[test]
    fn the_languages_config_quotes_locale_names() {
        let text = hugo_languages_config(&["ja".into(), "x\"\n[evil]".into()], "content");
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert!(!parsed.contains_key("evil"), "{text}");
        assert_eq!(
            parsed["languages"]["x\"\n[evil]"]["languageCode"].as_str(),
            Some("x\"\n[evil]")
        );
    }
}
