//! The seed article as a simple line model, its perturbed variants, and their rendering
//! as a Japanese source or a pseudo-translation.
//!
//! The model is deliberately cruder than yaku's parser: a file is front matter, then
//! parts that start at a heading line, and each part is chunks of lines separated by
//! blank lines (a paragraph, a list, a table, a callout, a directive). That is enough to
//! perturb the text without ever breaking the structure, and it shares no code with what
//! it is used to test.

use crate::filler::{Filler, Script};
use crate::rng::Rng;

/// The real article the corpus is derived from, compiled into the binary.
pub const SEED_ARTICLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../content/ja/exosome-anti-aging.md"
));

/// What a chunk of lines is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// Plain text lines.
    Paragraph,
    /// `- ` items.
    List,
    /// Lines indented under a list item (the loose list of related articles).
    Continuation,
    /// `|` rows.
    Table,
    /// `> ` lines of a GFM alert.
    Callout,
    /// A `<!-- yaku:… -->` line: kept byte for byte in every locale.
    Directive,
}

/// Lines between blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// What the lines are.
    pub kind: ChunkKind,
    /// The lines, without line endings.
    pub lines: Vec<String>,
}

/// A heading line: `## text {#id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Number of `#`.
    pub level: usize,
    /// The text between the marks and the `{#id}`.
    pub text: String,
    /// The id.
    pub id: String,
}

/// The lead (no heading) or one headed section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `None` for the lead.
    pub heading: Option<Heading>,
    /// The chunks below the heading.
    pub chunks: Vec<Chunk>,
}

/// An article: the front matter's title, description and date, and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// `title`.
    pub title: String,
    /// `description`.
    pub description: String,
    /// `date`, a TOML date.
    pub date: String,
    /// The lead, then the headed sections.
    pub parts: Vec<Part>,
}

/// Parses a heading line `#… text {#id}`.
pub fn parse_heading(line: &str) -> Option<Heading> {
    let level = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&level) || !line[level..].starts_with(' ') {
        return None;
    }
    let rest = line[level..].trim();
    let open = rest.rfind("{#")?;
    let id = rest[open + 2..].strip_suffix('}')?;
    Some(Heading {
        level,
        text: rest[..open].trim_end().to_string(),
        id: id.to_string(),
    })
}

fn toml_string_value(line: &str, key: &str) -> Option<String> {
    let value = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    Some(value.strip_prefix('"')?.strip_suffix('"')?.to_string())
}

fn chunk_kind(first: &str) -> ChunkKind {
    if first.starts_with("<!--") {
        ChunkKind::Directive
    } else if first.starts_with("- ") {
        ChunkKind::List
    } else if first.starts_with(' ') {
        ChunkKind::Continuation
    } else if first.starts_with('|') {
        ChunkKind::Table
    } else if first.starts_with('>') {
        ChunkKind::Callout
    } else {
        ChunkKind::Paragraph
    }
}

impl Article {
    /// Reads an article in the format of the seed (TOML front matter with `title`,
    /// `description` and `date`, ATX headings with ids, no code blocks).
    pub fn parse(text: &str) -> Article {
        let mut lines = text.lines();
        let mut article = Article {
            title: String::new(),
            description: String::new(),
            date: "2025-01-01".to_string(),
            parts: vec![Part {
                heading: None,
                chunks: Vec::new(),
            }],
        };
        if text.starts_with("+++") {
            lines.next();
            for line in lines.by_ref() {
                if line.trim() == "+++" {
                    break;
                }
                if let Some(v) = toml_string_value(line, "title") {
                    article.title = v;
                } else if let Some(v) = toml_string_value(line, "description") {
                    article.description = v;
                } else if let Some(v) = line.strip_prefix("date") {
                    article.date = v.trim_start().trim_start_matches('=').trim().to_string();
                }
            }
        }
        let mut blank_before = true;
        for line in lines {
            if let Some(heading) = parse_heading(line) {
                article.parts.push(Part {
                    heading: Some(heading),
                    chunks: Vec::new(),
                });
                blank_before = true;
                continue;
            }
            if line.trim().is_empty() {
                blank_before = true;
                continue;
            }
            let chunks = &mut article.parts.last_mut().expect("the lead").chunks;
            match chunks.last_mut() {
                Some(chunk) if !blank_before => chunk.lines.push(line.to_string()),
                _ => chunks.push(Chunk {
                    kind: chunk_kind(line),
                    lines: vec![line.to_string()],
                }),
            }
            blank_before = false;
        }
        article
    }

    /// The seed article.
    pub fn seed() -> Article {
        Article::parse(SEED_ARTICLE)
    }

    /// A perturbed variant, the Japanese source of article `index`: every ASCII digit
    /// of the text redrawn (years and the reference list excepted), the sentences of about half the paragraphs rotated, one
    /// paragraph in twenty dropped and one in twenty repeated. Headings (text and id),
    /// directives and the structure of lists, tables and callouts are kept.
    pub fn variant(&self, index: usize, rng: &mut Rng) -> Article {
        let mut parts = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            if part.heading.as_ref().is_some_and(|h| h.id == "references") {
                // A reference list is the same in every article of a site.
                parts.push(part.clone());
                continue;
            }
            let mut chunks = Vec::with_capacity(part.chunks.len());
            for chunk in &part.chunks {
                match chunk.kind {
                    ChunkKind::Directive => chunks.push(chunk.clone()),
                    ChunkKind::Paragraph => {
                        if rng.chance(0.05) {
                            continue;
                        }
                        let lines: Vec<String> = chunk
                            .lines
                            .iter()
                            .map(|l| rotate_sentences(&redraw_digits(l, rng), rng))
                            .collect();
                        let repeat = rng.chance(0.05);
                        let chunk = Chunk {
                            kind: ChunkKind::Paragraph,
                            lines,
                        };
                        if repeat {
                            chunks.push(chunk.clone());
                        }
                        chunks.push(chunk);
                    }
                    _ => chunks.push(Chunk {
                        kind: chunk.kind,
                        lines: chunk
                            .lines
                            .iter()
                            .map(|l| {
                                if is_table_rule(l) || l.starts_with("> [!") {
                                    l.clone()
                                } else {
                                    redraw_digits(l, rng)
                                }
                            })
                            .collect(),
                    }),
                }
            }
            parts.push(Part {
                heading: part.heading.clone(),
                chunks,
            });
        }
        Article {
            title: format!("{} 第{}回", redraw_digits(&self.title, rng), index + 1),
            description: redraw_digits(&self.description, rng),
            date: format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            parts,
        }
    }

    /// The article as Markdown, exactly as written (the Japanese source).
    pub fn render(&self) -> String {
        self.render_with(&mut |_, line| line.to_string(), &mut |text| {
            text.to_string()
        })
    }

    /// A pseudo-translation: the same front matter keys, headings (level, numbering, id),
    /// directives and block structure, with every run of Japanese replaced by filler in
    /// `script` (see [`Filler`]), so the numbers, citations, links and markup stay.
    /// No translation markers: the caller accepts the result against its source.
    pub fn render_translation(&self, script: Script, rng: &mut Rng) -> String {
        let filler = std::cell::RefCell::new(Filler::new(script, rng));
        self.render_with(
            &mut |_, line| filler.borrow_mut().translate_line(line),
            &mut |heading| filler.borrow_mut().translate_line(heading),
        )
    }

    fn render_with(
        &self,
        line: &mut dyn FnMut(ChunkKind, &str) -> String,
        heading: &mut dyn FnMut(&str) -> String,
    ) -> String {
        let mut out = String::with_capacity(32 * 1024);
        out.push_str("+++\n");
        out.push_str(&format!(
            "title = {}\n",
            toml_string(&line(ChunkKind::Paragraph, &self.title))
        ));
        out.push_str(&format!(
            "description = {}\n",
            toml_string(&line(ChunkKind::Paragraph, &self.description))
        ));
        out.push_str(&format!("date = {}\n+++\n", self.date));
        for part in &self.parts {
            if let Some(h) = &part.heading {
                out.push('\n');
                out.push_str(&"#".repeat(h.level));
                out.push(' ');
                out.push_str(&heading(&h.text));
                out.push_str(&format!(" {{#{}}}\n", h.id));
            }
            for chunk in &part.chunks {
                out.push('\n');
                for l in &chunk.lines {
                    out.push_str(&line(chunk.kind, l));
                    out.push('\n');
                }
            }
        }
        out
    }
}

fn is_table_rule(line: &str) -> bool {
    line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every ASCII digit replaced by a random one, except in years (four digits starting
/// with 19 or 20), so that citations keep resolving in the reference list.
fn redraw_digits(line: &str, rng: &mut Rng) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            let c = line[i..].chars().next().expect("a character");
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &line[start..i];
        if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
            out.push_str(run);
        } else {
            out.extend((0..run.len()).map(|_| char::from(b'0' + rng.below(10) as u8)));
        }
    }
    out
}

/// With probability 1/2, the sentences (ending in `。`) of a line rotated by a random
/// amount.
fn rotate_sentences(line: &str, rng: &mut Rng) -> String {
    let parts: Vec<&str> = line.split('。').filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 || !rng.chance(0.5) {
        return line.to_string();
    }
    let k = rng.below(parts.len());
    let mut out = String::with_capacity(line.len() + 3);
    for p in parts[k..].iter().chain(&parts[..k]) {
        out.push_str(p);
        out.push('。');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_reads_into_the_lead_and_every_headed_section() {
        let seed = Article::seed();
        assert!(seed.title.starts_with("エクソソーム"));
        assert_eq!(seed.date, "2025-12-01");
        assert!(seed.parts[0].heading.is_none());
        let ids: Vec<&str> = seed.parts[1..]
            .iter()
            .map(|p| p.heading.as_ref().unwrap().id.as_str())
            .collect();
        assert_eq!(ids.first(), Some(&"what-are-exosomes"));
        assert_eq!(ids.last(), Some(&"references"));
        let level3 = seed.parts[1..]
            .iter()
            .filter(|p| p.heading.as_ref().unwrap().level == 3)
            .count();
        assert!(level3 >= 20, "{level3}");
    }

    #[test]
    fn rendering_the_seed_gives_back_its_text() {
        // The seed uses exactly the layout the renderer writes, but for the editor's
        // note: TOML comments in its front matter, which generated articles leave out.
        let end = SEED_ARTICLE[3..].find("\n+++\n").expect("front matter") + 3;
        let (front_matter, body) = SEED_ARTICLE.split_at(end);
        let front_matter: String = front_matter
            .split_inclusive('\n')
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert_eq!(Article::seed().render(), format!("{front_matter}{body}"));
    }

    #[test]
    fn headings_are_read_with_level_text_and_id() {
        assert_eq!(
            parse_heading("### 2.1 コラーゲン {#collagen-elastin}"),
            Some(Heading {
                level: 3,
                text: "2.1 コラーゲン".into(),
                id: "collagen-elastin".into()
            })
        );
        assert_eq!(parse_heading("#hashtag"), None);
        assert_eq!(parse_heading("## no id"), None);
    }
}
