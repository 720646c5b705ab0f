//! The HTML preview: the reference renderer of the JSON output. Every piece of text from
//! a content or Fluent file is escaped; link destinations are limited to safe schemes.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute, encode_text};

use crate::labels::Labels;
use crate::model::{
    Block, DocumentOutput, Inline, ManifestDocument, PublicationState, SectionOutput,
    TableAlignment,
};

/// The stylesheet every page links to, written as `style.css` at the output root.
pub const STYLESHEET: &str = r#"body { font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans SC", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; color: #1f2328; }
nav.languages { text-align: right; font-size: .9rem; }
nav.languages a { margin-left: .8rem; }
nav.languages a[aria-current] { font-weight: bold; text-decoration: none; }
nav.toc { background: #f6f8fa; padding: .5rem 1rem; border-radius: 6px; }
nav.toc ol { padding-left: 0; list-style: none; }
nav.toc .toc-level-3 { margin-left: 1.2rem; font-size: .95em; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; }
.callout { border-left: 4px solid #0969da; background: #f6f8fa; padding: .5rem 1rem; margin: 1rem 0; }
.callout-tip { border-color: #1a7f37; }
.callout-important { border-color: #8250df; }
.callout-warning { border-color: #9a6700; background: #fff8c5; }
.callout-caution { border-color: #cf222e; background: #ffebe9; }
.callout-label { font-weight: bold; margin: 0; }
.component { border: 2px solid #06c755; border-radius: 8px; padding: .8rem 1rem; margin: 1.5rem 0; background: #f0fff4; }
.component .cta-button { display: inline-block; background: #06c755; color: #fff; padding: .4rem 1rem; border-radius: 999px; font-weight: bold; }
.component .cta-footnote { font-size: .85rem; color: #57606a; }
section.fallback, section.stale { border: 2px dashed #bf8700; padding: 0 .8rem; margin: 1rem -.8rem; }
.state-note { font-size: .85rem; color: #9a6700; font-weight: bold; }
pre.raw-html { white-space: pre-wrap; color: #57606a; }
"#;

/// A locale tag's name in its own language, for the language switcher.
fn language_name(locale: &str) -> &str {
    match locale {
        "ja" => "日本語",
        "en" => "English",
        "zh-Hans" => "简体中文",
        "zh-Hant" => "繁體中文",
        "ko" => "한국어",
        other => other,
    }
}

/// Whether a link destination may be used as is: web, mail, relative or fragment links.
fn safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            // A colon after a slash, `?` or `#` is not a scheme.
            scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto")
        }
    }
}

/// Renders one page. `prefix` leads from the page's folder to the output root (`../`).
pub fn render_html(output: &DocumentOutput, labels: &Labels, prefix: &str) -> String {
    let mut page = String::new();
    let title = output.title.clone().unwrap_or_else(|| output.doc.clone());
    let _ = writeln!(page, "<!DOCTYPE html>");
    let _ = writeln!(page, "<html lang=\"{}\">", attr(&output.locale));
    let _ = writeln!(page, "<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = writeln!(page, "<title>{}</title>", encode_text(&title));
    if let Some(description) = &output.description {
        let _ = writeln!(
            page,
            "<meta name=\"description\" content=\"{}\">",
            attr(description)
        );
    }
    for alternate in &output.alternates {
        let _ = writeln!(
            page,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}{}\">",
            attr(&alternate.locale),
            attr(prefix),
            attr(&alternate.path)
        );
    }
    let _ = writeln!(
        page,
        "<link rel=\"stylesheet\" href=\"{}style.css\">\n</head>\n<body>",
        attr(prefix)
    );

    let _ = writeln!(
        page,
        "<nav class=\"languages\" aria-label=\"{}\">",
        attr(&labels.language)
    );
    for alternate in &output.alternates {
        let current = if alternate.locale == output.locale {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = writeln!(
            page,
            "<a href=\"{}{}\" hreflang=\"{}\" lang=\"{}\"{current}>{}</a>",
            attr(prefix),
            attr(&alternate.path),
            attr(&alternate.locale),
            attr(&alternate.locale),
            encode_text(language_name(&alternate.locale))
        );
    }
    let _ = writeln!(page, "</nav>");
    let _ = writeln!(page, "<header>\n<h1>{}</h1>", encode_text(&title));
    if output.front_matter_state == PublicationState::Fallback {
        let _ = writeln!(
            page,
            "<p class=\"state-note\">{}</p>",
            encode_text(&labels.fallback_notice)
        );
    }
    let _ = writeln!(page, "</header>");

    let toc = output.toc();
    if !toc.is_empty() {
        let _ = writeln!(
            page,
            "<nav class=\"toc\" aria-label=\"{}\">\n<h2>{}</h2>\n<ol>",
            attr(&labels.toc),
            encode_text(&labels.toc)
        );
        for entry in &toc {
            let _ = writeln!(
                page,
                "<li class=\"toc-level-{}\"><a href=\"#{}\">{}</a></li>",
                entry.level,
                attr(&entry.id),
                encode_text(&entry.text)
            );
        }
        let _ = writeln!(page, "</ol>\n</nav>");
    }

    let _ = writeln!(page, "<main>");
    for section in &output.sections {
        write_section(&mut page, output, section, labels);
    }
    let _ = writeln!(page, "</main>\n</body>\n</html>");
    without_controls(page)
}

/// One section as the page shows it: its heading, a note on its state, its blocks.
fn write_section(
    page: &mut String,
    output: &DocumentOutput,
    section: &SectionOutput,
    labels: &Labels,
) {
    let class = match section.state {
        PublicationState::Current => "",
        PublicationState::Stale => " class=\"stale\"",
        PublicationState::Fallback => " class=\"fallback\"",
    };
    let content_locale = output.content_locale(section);
    let lang = if content_locale != output.locale {
        format!(" lang=\"{}\"", attr(content_locale))
    } else {
        String::new()
    };
    let _ = writeln!(
        page,
        "<section id=\"{}\"{class}{lang} data-state=\"{}\">",
        attr(&section.id),
        state_name(section.state)
    );
    if section.level > 0 {
        let level = section.level.clamp(2, 6);
        let _ = writeln!(
            page,
            "<h{level} id=\"{}\">{}</h{level}>",
            attr(&section.id),
            inlines(&section.heading)
        );
    }
    match section.state {
        PublicationState::Fallback => {
            let _ = writeln!(
                page,
                "<p class=\"state-note\" lang=\"{}\">{}</p>",
                attr(&output.locale),
                encode_text(&labels.fallback_notice)
            );
        }
        PublicationState::Stale => {
            let _ = writeln!(
                page,
                "<p class=\"state-note\">{}</p>",
                encode_text(&labels.stale_notice)
            );
        }
        PublicationState::Current => {}
    }
    for block in &section.blocks {
        render_block(page, block, labels);
    }
    let _ = writeln!(page, "</section>");
}

/// The sections of `output` alone, as [`render_html`] lays them out inside `<main>`: a
/// fragment for a preview that already has a page around it.
pub fn render_sections_html(output: &DocumentOutput, labels: &Labels) -> String {
    let mut out = String::new();
    for section in &output.sections {
        write_section(&mut out, output, section, labels);
    }
    without_controls(out)
}

/// The index page: every document, linked in every locale.
pub fn render_index_html(documents: &[ManifestDocument], source_locale: &str) -> String {
    let mut page = index_start(source_locale);
    for document in documents {
        page.push_str(&index_entry(document));
    }
    page.push_str(INDEX_END);
    page
}

/// The index page up to its first document. The index is written in parts, as a build
/// goes; each part ends with a line break, so that controls are dropped from each as
/// from the whole.
pub(crate) fn index_start(source_locale: &str) -> String {
    without_controls(format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>yaku</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<h1>yaku</h1>\n<ul>\n",
        attr(source_locale)
    ))
}

/// One document's line of the index page.
pub(crate) fn index_entry(document: &ManifestDocument) -> String {
    let mut line = format!("<li>{}:", encode_text(&document.doc));
    for entry in &document.locales {
        let _ = write!(
            line,
            " <a href=\"{}\" hreflang=\"{}\">{}</a>",
            attr(&entry.path),
            attr(&entry.locale),
            encode_text(language_name(&entry.locale))
        );
    }
    line.push_str("</li>\n");
    without_controls(line)
}

/// The index page after its last document.
pub(crate) const INDEX_END: &str = "</ul>\n</body>\n</html>\n";

/// `page` without control characters, which HTML does not allow raw (and which a
/// character reference would not make valid either): a line ending `\r\n` or `\r`
/// becomes `\n`, as an HTML parser reads it; every other C0 control but the tab, DEL and
/// the C1 controls are dropped. Text from a content or Fluent file may hold any of them.
fn without_controls(page: String) -> String {
    let is_control = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !page.contains(is_control) {
        return page;
    }
    let mut out = String::with_capacity(page.len());
    let mut chars = page.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn state_name(state: PublicationState) -> &'static str {
    match state {
        PublicationState::Current => "current",
        PublicationState::Stale => "stale",
        PublicationState::Fallback => "fallback",
    }
}

fn attr(text: &str) -> String {
    encode_double_quoted_attribute(text).into_owned()
}

fn render_block(out: &mut String, block: &Block, labels: &Labels) {
    match block {
        Block::Paragraph(runs) => {
            let _ = writeln!(out, "<p>{}</p>", inlines(runs));
        }
        Block::Heading {
            level,
            inlines: runs,
        } => {
            let level = (*level).clamp(2, 6);
            let _ = writeln!(out, "<h{level}>{}</h{level}>", inlines(runs));
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            let open = match (ordered, start) {
                (true, Some(n)) if *n != 1 => format!("<ol start=\"{n}\">"),
                (true, _) => "<ol>".to_string(),
                (false, _) => "<ul>".to_string(),
            };
            let _ = writeln!(out, "{open}");
            for item in items {
                out.push_str("<li>");
                // A one-paragraph item is written without <p>, as tight lists are.
                match item.blocks.as_slice() {
                    [Block::Paragraph(runs)] => out.push_str(&inlines(runs)),
                    blocks => {
                        out.push('\n');
                        for block in blocks {
                            render_block(out, block, labels);
                        }
                    }
                }
                out.push_str("</li>\n");
            }
            let _ = writeln!(out, "{}", if *ordered { "</ol>" } else { "</ul>" });
        }
        Block::Table {
            alignments,
            header,
            rows,
        } => {
            let align = |i: usize| match alignments.get(i) {
                Some(TableAlignment::Left) => " style=\"text-align:left\"",
                Some(TableAlignment::Center) => " style=\"text-align:center\"",
                Some(TableAlignment::Right) => " style=\"text-align:right\"",
                _ => "",
            };
            out.push_str("<table>\n<thead><tr>");
            for (i, cell) in header.iter().enumerate() {
                let _ = write!(out, "<th{}>{}</th>", align(i), inlines(cell));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let _ = write!(out, "<td{}>{}</td>", align(i), inlines(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Callout { kind, blocks } => {
            let name = kind.name();
            let label = labels
                .callouts
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.to_string());
            let _ = writeln!(out, "<div class=\"callout callout-{name}\" role=\"note\">\n<p class=\"callout-label\">{}</p>", encode_text(&label));
            for block in blocks {
                render_block(out, block, labels);
            }
            out.push_str("</div>\n");
        }
        Block::Quote { blocks } => {
            out.push_str("<blockquote>\n");
            for block in blocks {
                render_block(out, block, labels);
            }
            out.push_str("</blockquote>\n");
        }
        Block::Component {
            name,
            locale,
            value,
            attributes,
        } => {
            let _ = writeln!(
                out,
                "<aside class=\"component component-{}\" lang=\"{}\">",
                attr(name),
                attr(locale)
            );
            if let Some(value) = value {
                let _ = writeln!(out, "<p>{}</p>", encode_text(value));
            }
            for (key, class, tag) in [
                ("heading", "cta-heading", "strong"),
                ("body", "cta-body", "span"),
                ("button", "cta-button", "span"),
                ("footnote", "cta-footnote", "small"),
            ] {
                if let Some(text) = attributes.get(key) {
                    let _ = writeln!(
                        out,
                        "<p class=\"{class}\"><{tag}>{}</{tag}></p>",
                        encode_text(text)
                    );
                }
            }
            for (key, text) in attributes {
                if !matches!(key.as_str(), "heading" | "body" | "button" | "footnote") {
                    let _ = writeln!(
                        out,
                        "<p class=\"cta-{}\">{}</p>",
                        attr(key),
                        encode_text(text)
                    );
                }
            }
            out.push_str("</aside>\n");
        }
        Block::Code { info, text } => {
            let class = info
                .split_whitespace()
                .next()
                .map(|l| format!(" class=\"language-{}\"", attr(l)))
                .unwrap_or_default();
            let _ = writeln!(out, "<pre><code{class}>{}</code></pre>", encode_text(text));
        }
        Block::Html { text } => {
            // Raw HTML from a content file is shown, never interpreted.
            let _ = writeln!(out, "<pre class=\"raw-html\">{}</pre>", encode_text(text));
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

fn inlines(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Inline::Text(text) => out.push_str(&encode_text(text)),
            Inline::Emphasis { children } => {
                let _ = write!(out, "<em>{}</em>", inlines(children));
            }
            Inline::Strong { children } => {
                let _ = write!(out, "<strong>{}</strong>", inlines(children));
            }
            Inline::Strikethrough { children } => {
                let _ = write!(out, "<del>{}</del>", inlines(children));
            }
            Inline::Code { text } => {
                let _ = write!(out, "<code>{}</code>", encode_text(text));
            }
            Inline::Link {
                href,
                title,
                children,
            } => {
                let href = if safe_href(href) { href.as_str() } else { "#" };
                let title = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", attr(title))
                };
                let _ = write!(
                    out,
                    "<a href=\"{}\"{title}>{}</a>",
                    attr(href),
                    inlines(children)
                );
            }
            Inline::Image { src, alt } => {
                let src = if safe_href(src) { src.as_str() } else { "" };
                let _ = write!(out, "<img src=\"{}\" alt=\"{}\">", attr(src), attr(alt));
            }
            Inline::Citation { text, .. } => {
                let _ = write!(out, "<cite class=\"citation\">{}</cite>", encode_text(text));
            }
            Inline::SoftBreak => out.push('\n'),
            Inline::HardBreak => out.push_str("<br>\n"),
            Inline::Html { text } => out.push_str(&encode_text(text)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_link_schemes_pass() {
        for href in [
            "https://doi.org/10.1/x",
            "http://a",
            "mailto:x@y",
            "#id",
            "../en/a.html",
            "a/b:c",
        ] {
            assert!(safe_href(href), "{href}");
        }
        for href in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!safe_href(href), "{href}");
        }
    }

    #[test]
    fn text_and_raw_html_are_escaped() {
        let runs = [
            Inline::Text("<script>alert(1)</script>".into()),
            Inline::Html {
                text: "<b onclick=x>".into(),
            },
        ];
        let html = inlines(&runs);
        assert!(!html.contains('<'), "{html}");
        let mut out = String::new();
        render_block(
            &mut out,
            &Block::Html {
                text: "<script>alert(1)</script>".into(),
            },
            &Labels::default(),
        );
        assert_eq!(
            out,
            "<pre class=\"raw-html\">&lt;script&gt;alert(1)&lt;/script&gt;</pre>\n"
        );
    }

    #[test]
    fn control_characters_never_reach_a_page() {
        assert_eq!(
            without_controls("a\u{0}b\u{7}c\u{b}\u{c}d\u{1b}[0m\u{7f}e\u{85}f\tg\r\nh\ri\n".into()),
            "abcd[0mef\tg\nh\ni\n"
        );
        let plain = "<p>日本語 text</p>\n".to_string();
        assert_eq!(without_controls(plain.clone()), plain);
        let documents = [ManifestDocument {
            doc: "a\u{1}b".into(),
            locales: Vec::new(),
        }];
        let index = render_index_html(&documents, "ja");
        assert!(index.contains("<li>ab:</li>"), "{index}");
    }
}
