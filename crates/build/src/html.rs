//! The HTML preview: the reference renderer of the JSON output. Every piece of text from
//! a content or Fluent file is escaped; link destinations are limited to safe schemes.

use std::fmt::Write;

use html_escape::{
    encode_double_quoted_attribute, encode_double_quoted_attribute_to_string, encode_text,
};

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
    // Room for most pages at once (the article's are 30 to 40 kB): growing a page from
    // empty copies it again at every doubling.
    let mut page = String::with_capacity(64 * 1024);
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
    page.push_str("<section id=\"");
    push_attr(page, &section.id);
    push_all(page, &["\"", class]);
    if content_locale != output.locale {
        page.push_str(" lang=\"");
        push_attr(page, content_locale);
        page.push('"');
    }
    push_all(
        page,
        &[" data-state=\"", state_name(section.state), "\">\n"],
    );
    if section.level > 0 {
        let tag = heading_tag(section.level);
        push_all(page, &["<", tag, " id=\""]);
        push_attr(page, &section.id);
        page.push_str("\">");
        write_inlines(page, &section.heading);
        push_all(page, &["</", tag, ">\n"]);
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
    if !has_control(page.as_bytes()) {
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

/// Whether UTF-8 `bytes` hold a control character other than tab and line feed: a C0
/// control or DEL is one byte, a C1 control (U+0080 to U+009F) is `C2 80` to `C2 9F`.
/// Chunks are first tested without branches (which the compiler vectorizes), and only a
/// chunk with a suspect byte is read closely: a page is scanned many times faster than
/// char by char.
fn has_control(bytes: &[u8]) -> bool {
    const CHUNK: usize = 64;
    let suspect = |b: u8| ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | (b == 0xc2);
    let control_at = |at: usize| match bytes[at] {
        b'\n' | b'\t' => false,
        0..0x20 | 0x7f => true,
        0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
        _ => false,
    };
    bytes.chunks(CHUNK).enumerate().any(|(index, chunk)| {
        chunk.iter().fold(false, |any, &b| any | suspect(b))
            && (index * CHUNK..index * CHUNK + chunk.len()).any(control_at)
    })
}

/// The element of a heading of `level`: `h2` to `h6` (the page's title is the one `h1`).
fn heading_tag(level: u8) -> &'static str {
    ["h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(2, 6)) - 2]
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
            out.push_str("<p>");
            write_inlines(out, runs);
            out.push_str("</p>\n");
        }
        Block::Heading {
            level,
            inlines: runs,
        } => {
            let tag = heading_tag(*level);
            push_all(out, &["<", tag, ">"]);
            write_inlines(out, runs);
            push_all(out, &["</", tag, ">\n"]);
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            match (ordered, start) {
                (true, Some(n)) if *n != 1 => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                }
                (true, _) => out.push_str("<ol>\n"),
                (false, _) => out.push_str("<ul>\n"),
            }
            for item in items {
                out.push_str("<li>");
                // A one-paragraph item is written without <p>, as tight lists are.
                match item.blocks.as_slice() {
                    [Block::Paragraph(runs)] => write_inlines(out, runs),
                    blocks => {
                        out.push('\n');
                        for block in blocks {
                            render_block(out, block, labels);
                        }
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
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
            let cell = |out: &mut String, tag: &str, i: usize, runs: &[Inline]| {
                push_all(out, &["<", tag, align(i), ">"]);
                write_inlines(out, runs);
                push_all(out, &["</", tag, ">"]);
            };
            out.push_str("<table>\n<thead><tr>");
            for (i, runs) in header.iter().enumerate() {
                cell(out, "th", i, runs);
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, runs) in row.iter().enumerate() {
                    cell(out, "td", i, runs);
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Callout { kind, blocks } => {
            let name = kind.name();
            let label = labels.callouts.get(name).map_or(name, String::as_str);
            push_all(
                out,
                &["<div class=\"callout callout-", name, "\" role=\"note\">\n"],
            );
            text_element(out, "<p class=\"callout-label\">", label, "</p>\n");
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
            out.push_str("<aside class=\"component component-");
            push_attr(out, name);
            out.push_str("\" lang=\"");
            push_attr(out, locale);
            out.push_str("\">\n");
            if let Some(value) = value {
                text_element(out, "<p>", value, "</p>\n");
            }
            for (key, class, tag) in [
                ("heading", "cta-heading", "strong"),
                ("body", "cta-body", "span"),
                ("button", "cta-button", "span"),
                ("footnote", "cta-footnote", "small"),
            ] {
                if let Some(text) = attributes.get(key) {
                    push_all(out, &["<p class=\"", class, "\"><", tag, ">"]);
                    push_text(out, text);
                    push_all(out, &["</", tag, "></p>\n"]);
                }
            }
            for (key, text) in attributes {
                if !matches!(key.as_str(), "heading" | "body" | "button" | "footnote") {
                    out.push_str("<p class=\"cta-");
                    push_attr(out, key);
                    out.push_str("\">");
                    push_text(out, text);
                    out.push_str("</p>\n");
                }
            }
            out.push_str("</aside>\n");
        }
        Block::Code { info, text } => {
            out.push_str("<pre><code");
            if let Some(language) = info.split_whitespace().next() {
                out.push_str(" class=\"language-");
                push_attr(out, language);
                out.push('"');
            }
            out.push('>');
            push_text(out, text);
            out.push_str("</code></pre>\n");
        }
        Block::Html { text } => {
            // Raw HTML from a content file is shown, never interpreted.
            text_element(out, "<pre class=\"raw-html\">", text, "</pre>\n");
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

/// Appends inline runs, escaped. Pages are written into one string as they go, never
/// through a string per element: on a large site that copying and growing was most of
/// the HTML format's own time.
fn write_inlines(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(text) | Inline::Html { text } => push_text(out, text),
            Inline::Emphasis { children } => wrapped(out, "em", children),
            Inline::Strong { children } => wrapped(out, "strong", children),
            Inline::Strikethrough { children } => wrapped(out, "del", children),
            Inline::Code { text } => text_element(out, "<code>", text, "</code>"),
            Inline::Link {
                href,
                title,
                children,
            } => {
                let href = if safe_href(href) { href.as_str() } else { "#" };
                out.push_str("<a href=\"");
                push_attr(out, href);
                out.push('"');
                if !title.is_empty() {
                    out.push_str(" title=\"");
                    push_attr(out, title);
                    out.push('"');
                }
                out.push('>');
                write_inlines(out, children);
                out.push_str("</a>");
            }
            Inline::Image { src, alt } => {
                let src = if safe_href(src) { src.as_str() } else { "" };
                out.push_str("<img src=\"");
                push_attr(out, src);
                out.push_str("\" alt=\"");
                push_attr(out, alt);
                out.push_str("\">");
            }
            Inline::Citation { text, .. } => {
                text_element(out, "<cite class=\"citation\">", text, "</cite>")
            }
            Inline::SoftBreak => out.push('\n'),
            Inline::HardBreak => out.push_str("<br>\n"),
        }
    }
}

/// `<tag>children</tag>`.
fn wrapped(out: &mut String, tag: &str, children: &[Inline]) {
    push_all(out, &["<", tag, ">"]);
    write_inlines(out, children);
    push_all(out, &["</", tag, ">"]);
}

/// `open`, then `text` escaped, then `close`: an element that holds text alone.
fn text_element(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    push_text(out, text);
    out.push_str(close);
}

/// Appends each of `parts`: markup around text, without the formatting machinery that
/// `write!` brings to every call.
fn push_all(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// Appends `text` escaped for an element's content: `&`, `<` and `>`, as
/// `html_escape::encode_text` escapes it (the tests hold it to that). The three bytes
/// are found with memchr, which skips the runs between them many bytes at a time; text
/// is most of a page, and byte by byte its escaping was a tenth of the HTML build.
fn push_text(out: &mut String, text: &str) {
    let mut start = 0;
    for at in memchr::memchr3_iter(b'&', b'<', b'>', text.as_bytes()) {
        out.push_str(&text[start..at]);
        out.push_str(match text.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// Appends `text` escaped for a double-quoted attribute value.
fn push_attr(out: &mut String, text: &str) {
    encode_double_quoted_attribute_to_string(text, out);
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
        let mut html = String::new();
        write_inlines(&mut html, &runs);
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

    proptest::proptest! {
        #[test]
        fn text_is_escaped_as_html_escape_escapes_it(text in "[&<>a\"'日 \n]{0,40}|\\PC{0,40}") {
            let mut out = String::from("kept ");
            push_text(&mut out, &text);
            proptest::prop_assert_eq!(out, format!("kept {}", encode_text(&text)));
        }
    }

    #[test]
    fn the_byte_scan_finds_exactly_the_control_characters() {
        let mut buffer = [0u8; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let wanted = c.is_control() && c != '\n' && c != '\t';
            // Alone, and between characters whose bytes must not combine with it.
            let alone = c.encode_utf8(&mut buffer).as_bytes().to_vec();
            let framed = format!("\u{c2}{c}\u{c2}");
            assert_eq!(has_control(&alone), wanted, "{:?}", c);
            assert_eq!(has_control(framed.as_bytes()), wanted, "{:?}", c);
        }
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
