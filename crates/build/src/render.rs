//! The renderer seam: one [`Renderer`] per output format, chosen once by name.
//!
//! The build is two steps. [`build_document`](crate::build_document) decides what a
//! locale publishes and returns a [`DocumentOutput`], the same for every format; a
//! renderer turns each `DocumentOutput` into the bytes of one file, gives the parts of
//! the file that lists every document, if its format has one (a [`Listing`]: the HTML
//! index page), and at the end adds the files that describe the whole site (a
//! stylesheet, a configuration). A renderer does no I/O: the caller writes what it
//! returns (atomically, into the output folder), and writes `index.json`
//! ([`ManifestWriter`]) for every format.
//!
//! Work that spans documents (an incremental build that skips unchanged pages, a
//! streamed writer) belongs on the caller's side of this seam: a renderer sees one
//! document at a time.

use crate::hugo::{hugo_languages_config, render_hugo};
use crate::{render_html, BuildError, DocumentOutput, Labels, ManifestDocument, STYLESHEET};

/// One output format.
pub trait Renderer: Send + Sync {
    /// The format's name, as `yaku build --format` takes it and `index.json` records it.
    fn name(&self) -> &'static str;

    /// Where the page of `doc` in `locale` goes, relative to the output folder, with `/`
    /// between folders. It is also the page's address relative to the output root, as
    /// the manifest and every page's language links give it.
    fn output_path(&self, locale: &str, doc: &str) -> String;

    /// The bytes of the page of one document in one locale. `labels` are the locale's
    /// interface strings.
    fn render(&self, output: &DocumentOutput, labels: &Labels) -> Result<Vec<u8>, BuildError>;

    /// The file of this format that lists every document (an index page), if it has
    /// one: the caller writes it one document at a time as the build goes, so that no
    /// build holds every document.
    fn listing(&self) -> Option<&dyn Listing> {
        None
    }

    /// Whether [`Self::render`] reads each section's Markdown
    /// ([`crate::SectionOutput::markdown`]) rather than only its blocks: the build keeps
    /// a copy of it for such a format only.
    fn exports_markdown(&self) -> bool {
        false
    }

    /// The files written once, after every page (paths relative to the output folder),
    /// in the order they are to be written, for a build of `locales` (the source
    /// first). `index.json` and the [`Self::listing`] are not among them: the caller
    /// writes those.
    fn finish(&self, locales: &[String]) -> Vec<OutputFile>;
}

/// A file that lists every document (the HTML index page), in parts: what comes before
/// the documents, a part per document in document order, and what comes after.
pub trait Listing: Send + Sync {
    /// Its path, relative to the output folder, with `/` between folders.
    fn path(&self) -> &str;

    /// What comes before the documents, in a build whose source locale is
    /// `source_locale`.
    fn start(&self, source_locale: &str) -> Vec<u8>;

    /// The part of one document.
    fn entry(&self, document: &ManifestDocument) -> Vec<u8>;

    /// What comes after the documents.
    fn end(&self) -> Vec<u8>;
}

/// A file a renderer adds to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path relative to the output folder, with `/` between folders.
    pub path: String,
    /// The bytes.
    pub contents: Vec<u8>,
}

/// The names of the output formats, in the order `--format` lists them.
pub const FORMATS: [&str; 3] = ["json", "html", "hugo"];

/// The renderer of the format called `name` (one of [`FORMATS`]), writing compact
/// JSON.
pub fn renderer(name: &str) -> Option<Box<dyn Renderer>> {
    renderer_styled(name, JsonStyle::Compact)
}

/// The renderer of the format called `name` (one of [`FORMATS`]); `style` lays out the
/// JSON pages of the `json` format.
pub fn renderer_styled(name: &str, style: JsonStyle) -> Option<Box<dyn Renderer>> {
    match name {
        "json" => Some(Box::new(JsonRenderer { style })),
        "html" => Some(Box::new(HtmlRenderer)),
        "hugo" => Some(Box::new(HugoRenderer)),
        _ => None,
    }
}

/// How the build lays out JSON: compact for programs (the default), or indented for
/// people (`yaku build --pretty`). Either way a file ends with a line break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum JsonStyle {
    /// No whitespace between tokens.
    #[default]
    Compact,
    /// Indented by two spaces, one member per line.
    Pretty,
}

impl JsonStyle {
    /// Serializes `value` at the end of `bytes` in this style, then a line break;
    /// straight from the value, without an intermediate `serde_json::Value`.
    ///
    /// Compact JSON is written by sonic-rs, whose string escaping scans many bytes at a
    /// time: the pages are mostly text, and serde_json's byte-at-a-time escaping was
    /// 7 % of a build. Both give the same bytes (a test holds it); pretty JSON,
    /// for people, stays with serde_json.
    pub fn write<T: serde::Serialize + ?Sized>(
        self,
        value: &T,
        bytes: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        match self {
            JsonStyle::Compact => {
                sonic_rs::to_writer(&mut *bytes, value).map_err(std::io::Error::other)?
            }
            JsonStyle::Pretty => {
                serde_json::to_writer_pretty(&mut *bytes, value).map_err(std::io::Error::other)?
            }
        }
        bytes.push(b'\n');
        Ok(())
    }
}

/// Writes `index.json` one document at a time, in the bytes [`JsonStyle::write`] gives the
/// whole [`Manifest`](crate::Manifest): a build of any size need not hold a list of
/// every document.
pub struct ManifestWriter<W: std::io::Write> {
    writer: W,
    style: JsonStyle,
    documents: usize,
}

/// The members of [`Manifest`](crate::Manifest) before its documents, in its order.
#[derive(serde::Serialize)]
struct ManifestHeader<'a> {
    source_locale: &'a str,
    locales: &'a [String],
    format: &'a str,
}

impl<W: std::io::Write> ManifestWriter<W> {
    /// Starts the manifest of a build of `format` in `locales` (source first), whose
    /// source locale is `source_locale`; [`Self::push`] adds each document.
    pub fn start(
        mut writer: W,
        style: JsonStyle,
        source_locale: &str,
        locales: &[String],
        format: &str,
    ) -> std::io::Result<Self> {
        let header = ManifestHeader {
            source_locale,
            locales,
            format,
        };
        let mut bytes = Vec::new();
        match style {
            JsonStyle::Compact => serde_json::to_writer(&mut bytes, &header),
            JsonStyle::Pretty => serde_json::to_writer_pretty(&mut bytes, &header),
        }
        .map_err(std::io::Error::other)?;
        // The header's object, left open for `documents`.
        let open = match style {
            JsonStyle::Compact => bytes.len() - "}".len(),
            JsonStyle::Pretty => bytes.len() - "\n}".len(),
        };
        writer.write_all(&bytes[..open])?;
        writer.write_all(match style {
            JsonStyle::Compact => b",\"documents\":[",
            JsonStyle::Pretty => b",\n  \"documents\": [",
        })?;
        Ok(ManifestWriter {
            writer,
            style,
            documents: 0,
        })
    }

    /// Adds the next document, in document order.
    pub fn push(&mut self, document: &ManifestDocument) -> std::io::Result<()> {
        let comma = if self.documents == 0 { "" } else { "," };
        self.documents += 1;
        match self.style {
            JsonStyle::Compact => {
                self.writer.write_all(comma.as_bytes())?;
                serde_json::to_writer(&mut self.writer, document).map_err(std::io::Error::other)
            }
            JsonStyle::Pretty => {
                // Indented two levels, inside `documents`. A JSON text holds no raw line
                // break but those between its members.
                let mut bytes = Vec::new();
                serde_json::to_writer_pretty(&mut bytes, document)
                    .map_err(std::io::Error::other)?;
                write!(self.writer, "{comma}\n    ")?;
                for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                    if i > 0 {
                        self.writer.write_all(b"\n    ")?;
                    }
                    self.writer.write_all(line)?;
                }
                Ok(())
            }
        }
    }

    /// Ends the manifest (then a line break) and returns the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        let end: &[u8] = match (self.style, self.documents) {
            (JsonStyle::Compact, _) => b"]}\n",
            (JsonStyle::Pretty, 0) => b"]\n}\n",
            (JsonStyle::Pretty, _) => b"\n  ]\n}\n",
        };
        self.writer.write_all(end)?;
        Ok(self.writer)
    }
}

/// `<locale>/<doc>.json`: the [`DocumentOutput`] itself, the contract with other
/// renderers (schema in `schema/document.schema.json`), laid out in its [`JsonStyle`].
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonRenderer {
    /// Compact (the default) or indented.
    pub style: JsonStyle,
}

impl Renderer for JsonRenderer {
    fn name(&self) -> &'static str {
        "json"
    }

    fn output_path(&self, locale: &str, doc: &str) -> String {
        format!("{locale}/{doc}.json")
    }

    fn render(&self, output: &DocumentOutput, _labels: &Labels) -> Result<Vec<u8>, BuildError> {
        // Most pages' JSON fits (a long article's is about 40 KiB); a longer one grows it.
        let mut bytes = Vec::with_capacity(64 * 1024);
        self.style
            .write(output, &mut bytes)
            .map_err(|e| BuildError::Render {
                doc: output.doc.clone(),
                locale: output.locale.clone(),
                format: self.name(),
                message: e.to_string(),
            })?;
        Ok(bytes)
    }

    fn finish(&self, _locales: &[String]) -> Vec<OutputFile> {
        Vec::new()
    }
}

/// `<locale>/<doc>.html`, `index.html` and `style.css`: the translators' preview.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn output_path(&self, locale: &str, doc: &str) -> String {
        format!("{locale}/{doc}.html")
    }

    fn render(&self, output: &DocumentOutput, labels: &Labels) -> Result<Vec<u8>, BuildError> {
        // From `<locale>/<doc>.html` back to the output root.
        let depth = 1 + output.doc.matches('/').count();
        Ok(render_html(output, labels, &"../".repeat(depth)).into_bytes())
    }

    fn listing(&self) -> Option<&dyn Listing> {
        Some(&HtmlIndex)
    }

    fn finish(&self, _locales: &[String]) -> Vec<OutputFile> {
        vec![OutputFile {
            path: "style.css".into(),
            contents: STYLESHEET.as_bytes().to_vec(),
        }]
    }
}

/// `index.html`: every document, linked in every locale
/// ([`render_index_html`](crate::render_index_html), in parts).
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlIndex;

impl Listing for HtmlIndex {
    fn path(&self) -> &str {
        "index.html"
    }

    fn start(&self, source_locale: &str) -> Vec<u8> {
        crate::html::index_start(source_locale).into_bytes()
    }

    fn entry(&self, document: &ManifestDocument) -> Vec<u8> {
        crate::html::index_entry(document).into_bytes()
    }

    fn end(&self) -> Vec<u8> {
        crate::html::INDEX_END.as_bytes().to_vec()
    }
}

/// `content/<locale>/<doc>.md` and `hugo-languages.toml`: a Hugo multilingual content
/// tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct HugoRenderer;

impl HugoRenderer {
    /// The content folder of the Hugo site, relative to the output folder.
    const CONTENT_DIR: &'static str = "content";
}

impl Renderer for HugoRenderer {
    fn name(&self) -> &'static str {
        "hugo"
    }

    fn exports_markdown(&self) -> bool {
        true
    }

    fn output_path(&self, locale: &str, doc: &str) -> String {
        format!("{}/{locale}/{doc}.md", Self::CONTENT_DIR)
    }

    fn render(&self, output: &DocumentOutput, labels: &Labels) -> Result<Vec<u8>, BuildError> {
        Ok(render_hugo(output, labels).into_bytes())
    }

    fn finish(&self, locales: &[String]) -> Vec<OutputFile> {
        vec![OutputFile {
            path: "hugo-languages.toml".into(),
            contents: hugo_languages_config(locales, Self::CONTENT_DIR).into_bytes(),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{render_index_html, Manifest};

    #[test]
    fn every_format_has_a_renderer_of_its_name() {
        for name in FORMATS {
            assert_eq!(renderer(name).map(|r| r.name()), Some(name));
        }
        assert!(renderer("pdf").is_none());
    }

    /// The manifest of `n` documents, each in two locales.
    fn manifest_of(n: usize) -> Manifest {
        let entry = |locale: &str, doc: &str| crate::ManifestEntry {
            locale: locale.into(),
            path: format!("{locale}/{doc}.json"),
            states: crate::PublishedCounts {
                current: 3,
                stale: 1,
                fallback: 0,
                omitted: 2,
            },
        };
        Manifest {
            source_locale: "ja".into(),
            locales: vec!["ja".into(), "zh-Hans".into()],
            format: "json".into(),
            documents: (0..n)
                .map(|i| {
                    let doc = format!("skin/\"{i}\"\u{3042}");
                    crate::ManifestDocument {
                        locales: vec![entry("ja", &doc), entry("zh-Hans", &doc)],
                        doc,
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn a_streamed_manifest_has_the_bytes_of_the_whole_one() {
        for style in [JsonStyle::Compact, JsonStyle::Pretty] {
            for n in 0..3 {
                let manifest = manifest_of(n);
                let mut whole = Vec::new();
                style.write(&manifest, &mut whole).unwrap();
                let mut writer = ManifestWriter::start(
                    Vec::new(),
                    style,
                    &manifest.source_locale,
                    &manifest.locales,
                    &manifest.format,
                )
                .unwrap();
                for document in &manifest.documents {
                    writer.push(document).unwrap();
                }
                let streamed = writer.finish().unwrap();
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "{style:?}, {n} document(s)"
                );
            }
        }
    }

    #[test]
    fn the_html_index_written_in_parts_is_the_whole_index() {
        let listings: Vec<&str> = FORMATS
            .iter()
            .filter_map(|name| renderer(name))
            .filter_map(|r| r.listing().map(|l| l.path().to_string()))
            .map(|path| if path == "index.html" { "html" } else { "?" })
            .collect();
        assert_eq!(listings, ["html"]);
        for n in 0..3 {
            let mut manifest = manifest_of(n);
            if let Some(first) = manifest.documents.first_mut() {
                // Controls are dropped from each part as from the whole.
                first.doc.push_str("\u{1}\r\n");
            }
            let listing = HtmlIndex;
            let mut parts = listing.start(&manifest.source_locale);
            for document in &manifest.documents {
                parts.extend(listing.entry(document));
            }
            parts.extend(listing.end());
            let whole = render_index_html(&manifest.documents, &manifest.source_locale);
            assert_eq!(String::from_utf8(parts).unwrap(), whole, "{n} document(s)");
        }
    }

    #[test]
    fn pages_lie_where_each_format_puts_them() {
        let paths: Vec<String> = FORMATS
            .iter()
            .filter_map(|name| renderer(name))
            .map(|r| r.output_path("zh-Hans", "skin/exosomes"))
            .collect();
        assert_eq!(
            paths,
            [
                "zh-Hans/skin/exosomes.json",
                "zh-Hans/skin/exosomes.html",
                "content/zh-Hans/skin/exosomes.md"
            ]
        );
    }
}
