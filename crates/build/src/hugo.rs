//! The Hugo export: one content file per document and locale, in the layout of Hugo's
//! multilingual sites (`content/<locale>/<doc>.md`), and the language configuration.
//!
//! The Markdown is the published sections' own text (the translation's, or the source's
//! for a fallback), with yaku's comments taken out, components written as Markdown
//! from their Fluent strings, and a visible note on fallback and stale sections.

use std::fmt::Write;

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

    let mut out = format!("+++\n{}+++\n", toml::to_string(&front).unwrap_or_default());
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
            "defaultContentLanguage = \"{}\"",
            source.to_lowercase()
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
            "[languages.{key}]\nlanguageCode = \"{locale}\"\nlanguageName = \"{name}\"\ncontentDir = \"{content_dir}/{locale}\"\nweight = {}\n",
            weight + 1,
            key = locale.to_lowercase()
        );
    }
    out
}
