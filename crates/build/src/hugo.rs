//! The Hugo export: one content file per document and locale, in the layout of Hugo's
//! multilingual sites (`content/<locale>/<doc>.md`), and the language configuration.
//!
//! The Markdown is the published sections' own text (the translation's, or the source's
//! for a fallback), with yaku's comments taken out, components written as Markdown
//! from their Fluent strings, and a visible note on fallback and stale sections.

use std::collections::BTreeMap;
use std::fmt::Write;

use toml_writer::{TomlKeyBuilder, TomlStringBuilder, TomlWrite};
use yaku_content::FrontMatterValue;

use crate::labels::Labels;
use crate::model::{Block, CalloutKind, DocumentOutput, PublicationState};

/// Renders the Hugo content file of one document in one locale.
pub fn render_hugo(output: &DocumentOutput, labels: &Labels) -> String {
    use FrontMatterValue::{List, String as Text, Table};
    let mut front: BTreeMap<String, FrontMatterValue> = BTreeMap::new();
    if let Some(title) = &output.title {
        front.insert("title".into(), Text(title.clone()));
    }
    if let Some(description) = &output.description {
        front.insert("description".into(), Text(description.clone()));
    }
    for (key, value) in &output.data {
        front.insert(key.clone(), value.clone());
    }
    front.insert("translationKey".into(), Text(output.doc.clone()));
    let ids = |state: PublicationState| {
        List(
            output
                .sections
                .iter()
                .filter(|s| s.state == state)
                .map(|s| Text(s.id.clone()))
                .collect(),
        )
    };
    let params = BTreeMap::from([
        (
            "yaku_fallback_sections".to_string(),
            ids(PublicationState::Fallback),
        ),
        (
            "yaku_stale_sections".to_string(),
            ids(PublicationState::Stale),
        ),
    ]);
    front.insert("params".into(), Table(params));

    let mut out = format!("+++\n{}+++\n", front_matter(&front));
    for section in &output.sections {
        out.push('\n');
        if section.level > 0 {
            let _ = writeln!(
                out,
                "{} {} {{#{}}}\n",
                "#".repeat(usize::from(section.level)),
                section.heading_text().trim(),
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
fn front_matter(table: &BTreeMap<String, FrontMatterValue>) -> String {
    let mut out = String::new();
    for (key, value) in table {
        // TOML has no null: a key without a value is left out.
        if *value == FrontMatterValue::Null {
            continue;
        }
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

/// One value, on one line. A value nests only as deep as the front-matter parser that
/// read it allows, which bounds the recursion. A date is written as a TOML date-time
/// when it is one, else as a string.
fn write_value(out: &mut String, value: &FrontMatterValue) -> std::fmt::Result {
    match value {
        FrontMatterValue::String(s) => out.value(TomlStringBuilder::new(s).as_basic()),
        FrontMatterValue::Integer(i) => out.value(*i),
        FrontMatterValue::Float(f) => out.value(*f),
        FrontMatterValue::Bool(b) => out.value(*b),
        // TOML has no null: in a list, an empty string stands for it.
        FrontMatterValue::Null => out.value(""),
        FrontMatterValue::Date(d) => match d.parse::<toml::value::Datetime>() {
            Ok(datetime) => write!(out, "{datetime}"),
            Err(_) => out.value(TomlStringBuilder::new(d).as_basic()),
        },
        FrontMatterValue::List(items) => {
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
        FrontMatterValue::Table(table) => {
            out.open_inline_table()?;
            let entries = table
                .iter()
                .filter(|(_, item)| **item != FrontMatterValue::Null);
            for (i, (key, item)) in entries.enumerate() {
                if i > 0 {
                    out.val_sep()?;
                }
                out.space()?;
                write_key(out, key)?;
                out.write_str(" = ")?;
                write_value(out, item)?;
            }
            if table.values().any(|item| *item != FrontMatterValue::Null) {
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
    CalloutKind::from_name(inner).map(CalloutKind::name)
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
        let mut fields = BTreeMap::new();
        let mut table = toml::Table::new();
        for (key, value) in [
            ("title", "a\n+++\nb"),
            ("crlf", "a\r\n+++\r\nb"),
            ("quotes", "\"\"\" ''' \\"),
            ("key\n+++", "v"),
        ] {
            fields.insert(key.into(), FrontMatterValue::String(value.into()));
            table.insert(key.into(), toml::Value::String(value.into()));
        }
        let inner = BTreeMap::from([
            (
                "list".to_string(),
                FrontMatterValue::List(vec![FrontMatterValue::String("\n+++\n".into())]),
            ),
            ("n".to_string(), FrontMatterValue::Float(f64::NAN)),
        ]);
        fields.insert("inner".into(), FrontMatterValue::Table(inner));
        let mut inner = toml::Table::new();
        inner.insert(
            "list".into(),
            toml::Value::Array(vec![toml::Value::String("\n+++\n".into())]),
        );
        inner.insert("n".into(), toml::Value::Float(f64::NAN));
        table.insert("inner".into(), toml::Value::Table(inner));
        let text = front_matter(&fields);
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
    fn values_keep_the_type_they_were_read_with() {
        let fields = BTreeMap::from([
            (
                "date".to_string(),
                FrontMatterValue::Date("2025-11-20".into()),
            ),
            (
                "looks_like_a_date".to_string(),
                FrontMatterValue::String("2025-11-20".into()),
            ),
            (
                "not_a_toml_date".to_string(),
                FrontMatterValue::Date("2025-11-20 morning".into()),
            ),
            ("n".to_string(), FrontMatterValue::Integer(3)),
            ("x".to_string(), FrontMatterValue::Float(3.0)),
        ]);
        let text = front_matter(&fields);
        assert_eq!(
            text,
            "date = 2025-11-20\nlooks_like_a_date = \"2025-11-20\"\nn = 3\nnot_a_toml_date = \"2025-11-20 morning\"\nx = 3.0\n"
        );
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
