//! Front matter: the block of metadata at the top of an article, read once into a
//! format-neutral [`FrontMatter`].
//!
//! Everything that depends on how the front matter is written (its delimiter lines, its
//! comment syntax, the parser of its body) is a method of [`FrontMatterFormat`]; every
//! consumer (fingerprints, sync's placeholders, accept's markers, the build's output)
//! reads [`FrontMatter`], its [`Field`]s and their [`FrontMatterValue`]s. Adding a format
//! is one variant and one parser module (see ARCHITECTURE.md, "How to add a
//! front-matter format"). The file's bytes are never re-serialized: sync copies a
//! translator's front matter as it is, and a placeholder copies the source's body as
//! written.

mod json_format;
mod toml_format;
mod yaml_format;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Problem};
use crate::Marker;

/// The keys whose values are translatable text, tracked as the `front-matter` section,
/// unless `[front-matter] translatable` in `yaku.toml` says otherwise
/// ([`crate::ParseOptions::translatable_keys`]). Every other key is data, the same in
/// every locale.
pub const DEFAULT_TRANSLATABLE_KEYS: [&str; 5] = [
    "title",
    "description",
    "summary",
    "linkTitle",
    "sidebar_label",
];

/// How an article's front matter is written. Callers outside this crate ask the format
/// (its methods) rather than match on it, so a format can be added here alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrontMatterFormat {
    /// TOML between two `+++` lines.
    Toml,
    /// YAML between two `---` lines.
    Yaml,
    /// A JSON object whose `{` and `}` are lines of their own (Hugo's JSON front
    /// matter). JSON has no comments, so it has no home for a translation marker or
    /// `qa-ignore`: its front matter is read (its data is published, its title and
    /// description are the page's) but not tracked as a section to translate, so no
    /// command ever writes a marker into it.
    Json,
}

impl FrontMatterFormat {
    /// The format whose opening delimiter is `line` (its line ending left out).
    fn opened_by(line: &str) -> Option<Self> {
        match line {
            "+++" => Some(FrontMatterFormat::Toml),
            "---" => Some(FrontMatterFormat::Yaml),
            "{" => Some(FrontMatterFormat::Json),
            _ => None,
        }
    }

    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            FrontMatterFormat::Toml => "TOML",
            FrontMatterFormat::Yaml => "YAML",
            FrontMatterFormat::Json => "JSON",
        }
    }

    /// A field whose value is the string `value`, as the format writes it (for help
    /// messages): `key = "value"` in TOML, `key: "value"` in YAML.
    pub fn string_field(self, key: &str, value: &str) -> String {
        match self {
            FrontMatterFormat::Toml => format!("{key} = \"{value}\""),
            FrontMatterFormat::Yaml => format!("{key}: \"{value}\""),
            FrontMatterFormat::Json => format!("\"{key}\": \"{value}\""),
        }
    }

    /// The line that opens the front matter (line ending left out).
    pub fn open(self) -> &'static str {
        match self {
            FrontMatterFormat::Toml => "+++",
            FrontMatterFormat::Yaml => "---",
            FrontMatterFormat::Json => "{",
        }
    }

    /// The line that closes the front matter (line ending left out).
    pub fn close(self) -> &'static str {
        match self {
            FrontMatterFormat::Toml => "+++",
            FrontMatterFormat::Yaml => "---",
            FrontMatterFormat::Json => "}",
        }
    }

    /// Whether the delimiter lines are part of what the parser reads (JSON's braces).
    fn delimiters_are_data(self) -> bool {
        self == FrontMatterFormat::Json
    }

    /// Whether the front matter can hold yaku's comment lines (the translation marker,
    /// `qa-ignore`) and so be tracked as a section to translate. JSON cannot.
    pub fn has_comments(self) -> bool {
        self != FrontMatterFormat::Json
    }

    /// Whether `line` (its line ending left out) closes the front matter. Trailing
    /// whitespace is allowed.
    fn is_close(self, line: &str) -> bool {
        line.trim_end() == self.close()
    }

    /// The text of a comment line, without its comment mark (`# note` → `note`), or
    /// `None` when the line is not a comment. This is where yaku's own lines in the front
    /// matter live: the translation marker and `qa-ignore`.
    pub fn comment(self, line: &str) -> Option<&str> {
        match self {
            FrontMatterFormat::Toml | FrontMatterFormat::Yaml => {
                Some(line.trim().strip_prefix('#')?.trim())
            }
            FrontMatterFormat::Json => None,
        }
    }

    /// The translation marker on a comment line, if the line holds one (`Err` when it is
    /// malformed).
    fn marker(self, line: &str) -> Option<Result<Marker, String>> {
        match self {
            FrontMatterFormat::Toml | FrontMatterFormat::Yaml => Marker::parse_toml(line),
            FrontMatterFormat::Json => None,
        }
    }

    /// The comment line (line ending left out) that records `marker` in this format.
    /// A JSON front matter has none and is never tracked (see [`Self::has_comments`]),
    /// so no marker is asked of it; were one asked, it would be a line that is not JSON,
    /// which the next read reports rather than misreads.
    pub fn marker_line(self, marker: Marker) -> String {
        match self {
            FrontMatterFormat::Toml | FrontMatterFormat::Yaml | FrontMatterFormat::Json => {
                marker.to_toml()
            }
        }
    }

    /// The fields of `body` (the text between the delimiter lines, or the whole block
    /// when [`Self::delimiters_are_data`], which starts at byte `offset` of the file),
    /// with spans in the file.
    fn parse_fields(self, body: &str, offset: usize) -> Result<Vec<Field>, Diagnostic> {
        match self {
            FrontMatterFormat::Toml => toml_format::parse_fields(body, offset),
            FrontMatterFormat::Yaml => yaml_format::parse_fields(body, offset),
            FrontMatterFormat::Json => json_format::parse_fields(body, offset),
        }
    }
}

/// A front-matter value, whatever format it was written in.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontMatterValue {
    /// Text.
    String(String),
    /// A whole number.
    Integer(i64),
    /// A number with a fraction or exponent (possibly NaN or infinite).
    Float(f64),
    /// True or false.
    Bool(bool),
    /// A date, a time or both, as the format writes it in RFC 3339 form
    /// (`2025-11-20`, `07:32:00`, `2025-11-20T07:32:00+09:00`).
    Date(String),
    /// A list of values.
    List(Vec<FrontMatterValue>),
    /// Keys and values, in key order.
    Table(BTreeMap<String, FrontMatterValue>),
    /// No value (YAML's `null`, `~` or nothing; TOML has none).
    Null,
}

impl FrontMatterValue {
    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FrontMatterValue::String(s) => Some(s),
            _ => None,
        }
    }
}

/// As JSON: strings, numbers (NaN and infinities as `null`), `null`, booleans, dates as strings,
/// lists as arrays and tables as objects.
impl serde::Serialize for FrontMatterValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FrontMatterValue::String(s) | FrontMatterValue::Date(s) => serializer.serialize_str(s),
            FrontMatterValue::Integer(i) => serializer.serialize_i64(*i),
            FrontMatterValue::Float(f) if f.is_finite() => serializer.serialize_f64(*f),
            FrontMatterValue::Float(_) | FrontMatterValue::Null => serializer.serialize_none(),
            FrontMatterValue::Bool(b) => serializer.serialize_bool(*b),
            FrontMatterValue::List(items) => serializer.collect_seq(items),
            FrontMatterValue::Table(table) => serializer.collect_map(table),
        }
    }
}

/// One top-level key of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key.
    pub key: String,
    /// Its value.
    pub value: FrontMatterValue,
    /// Where the key is written in the file (a table's header name, for a table).
    pub key_span: Range<usize>,
    /// Where the value is written in the file.
    pub value_span: Range<usize>,
}

/// The front matter of an article: its fields, its translatable text and where it lies.
/// Parsed once, when the article is; the file's bytes are never re-serialized.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// How it is written.
    pub format: FrontMatterFormat,
    /// The whole block, both delimiter lines (and a leading byte-order mark) included.
    pub span: Range<usize>,
    /// The text between the delimiter lines.
    pub body_span: Range<usize>,
    /// The top-level fields, in file order (none when the body is invalid).
    pub fields: Vec<Field>,
    /// The translation marker comment, if any, and the span of its line.
    pub marker: Option<(Marker, Range<usize>)>,
    /// The keys whose values are translatable text (the project's setting, in its
    /// order); every other key is data.
    pub translatable: Arc<[String]>,
}

impl FrontMatter {
    /// The article's title: the `title` field, if it is a string (any other type is an
    /// error of the file).
    pub fn title(&self) -> Option<&str> {
        self.get("title")?.as_str()
    }

    /// The article's description: the `description` field, if it is a string.
    pub fn description(&self) -> Option<&str> {
        self.get("description")?.as_str()
    }

    /// The field with `key`.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The value of the field with `key`.
    pub fn get(&self, key: &str) -> Option<&FrontMatterValue> {
        self.field(key).map(|f| &f.value)
    }

    /// Whether `key` holds translatable text.
    pub fn is_translatable(&self, key: &str) -> bool {
        self.translatable.iter().any(|k| k == key)
    }

    /// The fields that are data rather than translatable text: every field but the
    /// [`Self::translatable`] ones.
    pub fn data_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !self.is_translatable(&f.key))
    }

    /// The translatable string values, in the order of [`Self::translatable`].
    pub fn translatable_values(&self) -> impl Iterator<Item = (&str, &str)> {
        self.translatable
            .iter()
            .filter_map(|key| Some((key.as_str(), self.get(key)?.as_str()?)))
    }

    /// The normalized translatable text: `key: value` for each translatable string
    /// (title and description first, by default), one per line.
    pub fn translatable_text(&self) -> String {
        self.translatable_values()
            .map(|(key, value)| format!("{key}: {value}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Where a file's content starts: after a byte-order mark, if any (front matter, or
/// without it the lead's text and every heading).
pub(crate) fn content_start(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Lines of `text[range]` with their absolute spans (line ending included).
pub(crate) fn lines_in(
    text: &str,
    range: Range<usize>,
) -> impl Iterator<Item = (Range<usize>, &str)> {
    let base = range.start;
    text[range]
        .split_inclusive('\n')
        .scan(base, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start..*offset, line))
        })
}

/// Strips a trailing `\n` or `\r\n`.
pub(crate) fn trim_eol(line: &str) -> &str {
    line.strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(line)
}

/// Parses front matter at the top of `text`. `Ok(None)`: there is none. `Err`: it never
/// closes, which leaves nothing sensible to parse.
pub(crate) fn parse_front_matter(
    text: &str,
    translatable: &Arc<[String]>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<FrontMatter>, Diagnostic> {
    let start = content_start(text);
    let mut lines = lines_in(text, start..text.len());
    let Some((first_span, first)) = lines.next() else {
        return Ok(None);
    };
    let Some(format) = FrontMatterFormat::opened_by(trim_eol(first)) else {
        return Ok(None);
    };
    let body_start = first_span.end;
    let mut marker = None;
    for (span, line) in lines {
        let content = trim_eol(line);
        if format.is_close(content) {
            let body_span = body_start..span.start;
            let mut front_matter = FrontMatter {
                format,
                span: 0..span.end,
                body_span,
                fields: Vec::new(),
                marker,
                translatable: Arc::clone(translatable),
            };
            read_fields(text, &mut front_matter, diagnostics);
            return Ok(Some(front_matter));
        }
        if let Some(parsed) = format.marker(content) {
            match parsed {
                Ok(m) if marker.is_none() => marker = Some((m, span)),
                Ok(_) => diagnostics.push(Diagnostic::error(
                    Problem::MalformedDirective("a second translation marker".into()),
                    span,
                )),
                Err(reason) => {
                    diagnostics.push(Diagnostic::error(Problem::MalformedDirective(reason), span))
                }
            }
        }
    }
    Err(Diagnostic::error(
        Problem::UnterminatedFrontMatter(format),
        first_span.start..first_span.start + format.open().len(),
    ))
}

/// The end of `range` without its final line ending.
fn trim_eol_span(text: &str, range: Range<usize>) -> usize {
    range.start + trim_eol(&text[range]).len()
}

/// Parses the body into fields and checks that the translatable ones are strings.
fn read_fields(text: &str, front_matter: &mut FrontMatter, diagnostics: &mut Vec<Diagnostic>) {
    let parsed = if front_matter.format.delimiters_are_data() {
        content_start(text)..trim_eol_span(text, front_matter.span.clone())
    } else {
        front_matter.body_span.clone()
    };
    let fields = match front_matter
        .format
        .parse_fields(&text[parsed.clone()], parsed.start)
    {
        Ok(fields) => fields,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return;
        }
    };
    for field in &fields {
        if front_matter.is_translatable(&field.key)
            && !matches!(field.value, FrontMatterValue::String(_))
        {
            diagnostics.push(Diagnostic::error(
                Problem::FrontMatterNotString {
                    format: front_matter.format,
                    key: field.key.clone(),
                },
                field.key_span.clone(),
            ));
        }
    }
    front_matter.fields = fields;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let keys: Arc<[String]> = DEFAULT_TRANSLATABLE_KEYS.map(String::from).into();
        let front_matter = parse_front_matter(text, &keys, &mut diagnostics).unwrap();
        (front_matter, diagnostics)
    }

    /// `text` has one diagnostic, invalid front matter of `format` saying `message`,
    /// and a front matter without fields.
    fn assert_one_invalid(text: &str, format: FrontMatterFormat, message: &str) {
        let (front_matter, diagnostics) = parse(text);
        assert_eq!(diagnostics.len(), 1, "{text}: {diagnostics:?}");
        let Problem::InvalidFrontMatter {
            format: got_format,
            message: got,
        } = &diagnostics[0].problem
        else {
            panic!("{diagnostics:?}");
        };
        assert_eq!(*got_format, format);
        assert!(got.contains(message), "{text}: {got}");
        assert!(diagnostics[0].span.end <= text.len());
        assert!(front_matter.unwrap().fields.is_empty());
    }
    #[test]
    fn fields_are_in_file_order_with_their_spans() {
        let text = "+++\ntitle = \"T\"\n# yaku:untranslated\ndate = 2025-11-20\ntags = [\"a\", 2]\n[params]\nn = 1.5\n+++\n";
        let (front_matter, diagnostics) = parse(text);
        let front_matter = front_matter.unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(front_matter.format, FrontMatterFormat::Toml);
        let keys: Vec<&str> = front_matter.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["title", "date", "tags", "params"]);
        for field in &front_matter.fields {
            assert!(
                text[field.key_span.clone()].contains(&field.key),
                "{field:?}"
            );
        }
        assert_eq!(
            &text[front_matter.field("title").unwrap().value_span.clone()],
            "\"T\""
        );
        assert_eq!(front_matter.title(), Some("T"));
        assert_eq!(
            front_matter.get("date"),
            Some(&FrontMatterValue::Date("2025-11-20".into()))
        );
        assert_eq!(
            front_matter.get("tags"),
            Some(&FrontMatterValue::List(vec![
                FrontMatterValue::String("a".into()),
                FrontMatterValue::Integer(2)
            ]))
        );
        let params = BTreeMap::from([("n".to_string(), FrontMatterValue::Float(1.5))]);
        assert_eq!(
            front_matter.get("params"),
            Some(&FrontMatterValue::Table(params))
        );
        assert_eq!(
            front_matter
                .data_fields()
                .map(|f| f.key.as_str())
                .collect::<Vec<_>>(),
            ["date", "tags", "params"]
        );
        assert_eq!(front_matter.marker.unwrap().0, Marker::Untranslated);
        assert_eq!(
            &text[front_matter.body_span.clone()],
            &text[4..text.len() - 4]
        );
    }

    #[test]
    fn numbers_out_of_range_are_reported_as_the_toml_crate_reports_them() {
        for body in [
            "x = 9223372036854775808",
            "x = 99999999999999999999",
            "x = -9223372036854775809",
            "title = \"t\"\nx = 1e400",
            "x = [[1, 2], [340282366920938463463374607431768211456]]",
        ] {
            let text = format!("+++\n{body}\n+++\n");
            let (front_matter, diagnostics) = parse(&text);
            let expected = body.parse::<toml::Table>().unwrap_err();
            assert_eq!(
                diagnostics,
                [Diagnostic::error(
                    Problem::InvalidFrontMatter {
                        format: FrontMatterFormat::Toml,
                        message: expected.message().trim().to_string()
                    },
                    expected
                        .span()
                        .map_or(4..4 + body.len(), |s| 4 + s.start..4 + s.end),
                )],
                "{body}"
            );
            assert!(front_matter.unwrap().fields.is_empty());
        }
    }

    #[test]
    fn values_read_as_the_toml_crate_reads_them() {
        let body = "a = 0x1F\nb = 0o17\nb2 = -17\nc = 1_000\nd = +inf\ne = -nan\nf = 6.02e23\ng = 07:32:00\nh = 1979-05-27T07:32:00-08:00\ni = { j = [true, false], k = 'lit' }\nl = \"\"\"\nmulti\nline\"\"\"\n";
        let text = format!("+++\n{body}+++\n");
        let (front_matter, diagnostics) = parse(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let table: toml::Table = body.parse().unwrap();
        let front_matter = front_matter.unwrap();
        assert_eq!(front_matter.fields.len(), table.len());
        for field in &front_matter.fields {
            assert!(same(&field.value, &table[&field.key]), "{field:?}");
        }
    }

    #[test]
    fn yaml_fields_are_in_file_order_with_their_spans_and_core_schema_values() {
        let text = "---\n# yaku:untranslated\ntitle: \"ク T\"\ndate: 2025-11-20\nweight: 10\nratio: 1.5\ndraft: false\nempty:\nslug: '10'\naliases:\n  - /a/\n  - ~\nparams: {icon: rocket, n: 0x1F}\nlast: &x [1, 2]\nagain: *x\n---\n";
        let (front_matter, diagnostics) = parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let front_matter = front_matter.unwrap();
        assert_eq!(front_matter.format, FrontMatterFormat::Yaml);
        assert_eq!(
            front_matter.marker.as_ref().unwrap().0,
            Marker::Untranslated
        );
        let keys: Vec<&str> = front_matter.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "title", "date", "weight", "ratio", "draft", "empty", "slug", "aliases", "params",
                "last", "again"
            ]
        );
        for field in &front_matter.fields {
            assert_eq!(&text[field.key_span.clone()], field.key, "{field:?}");
        }
        assert_eq!(
            &text[front_matter.field("title").unwrap().value_span.clone()],
            "\"ク T\""
        );
        assert_eq!(
            &text[front_matter.field("weight").unwrap().value_span.clone()],
            "10"
        );
        assert_eq!(front_matter.title(), Some("ク T"));
        use FrontMatterValue as V;
        assert_eq!(
            front_matter.get("date"),
            Some(&V::Date("2025-11-20".into()))
        );
        assert_eq!(front_matter.get("weight"), Some(&V::Integer(10)));
        assert_eq!(front_matter.get("ratio"), Some(&V::Float(1.5)));
        assert_eq!(front_matter.get("draft"), Some(&V::Bool(false)));
        assert_eq!(front_matter.get("empty"), Some(&V::Null));
        assert_eq!(front_matter.get("slug"), Some(&V::String("10".into())));
        assert_eq!(
            front_matter.get("aliases"),
            Some(&V::List(vec![V::String("/a/".into()), V::Null]))
        );
        let params = BTreeMap::from([
            ("icon".to_string(), V::String("rocket".into())),
            ("n".to_string(), V::Integer(31)),
        ]);
        assert_eq!(front_matter.get("params"), Some(&V::Table(params)));
        assert_eq!(front_matter.get("again"), front_matter.get("last"));
    }

    #[test]
    fn yaml_errors_are_diagnostics_in_the_file() {
        for (body, message) in [
            ("title: [a", "while parsing a flow sequence"),
            ("title: a\ntitle: b", "duplicate key `title`"),
            ("- a\n- b", "not a mapping"),
            ("a: *nope", "unknown anchor"),
            ("a: 1\n...\nb: 2", "a second YAML document"),
            (
                &format!("a: {}{}", "[".repeat(100), "]".repeat(100)),
                "nested too deeply",
            ),
        ] {
            let text = format!("---\n{body}\n---\n");
            assert_one_invalid(&text, FrontMatterFormat::Yaml, message);
        }
        // Aliases that would multiply the values are bounded.
        let mut body = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            body.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let (_, diagnostics) = parse(&format!("---\n{body}---\n"));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        // An empty body has no fields and no error; a non-string title is an error.
        let (front_matter, diagnostics) = parse("---\n---\nText\n");
        assert!(diagnostics.is_empty() && front_matter.unwrap().fields.is_empty());
        let (_, diagnostics) = parse("---\ntitle: 3\n---\n");
        assert!(matches!(
            diagnostics[0].problem,
            Problem::FrontMatterNotString { .. }
        ));
    }

    #[test]
    fn json_fields_are_in_file_order_with_their_spans() {
        let text = "{\n  \"title\": \"ク T\",\n  \"weight\": 10,\n  \"ratio\": 1.5,\n  \"aliases\": [\"/a/\", null],\n  \"params\": {\"toc\": true}\n}\nBody\n";
        let (front_matter, diagnostics) = parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let front_matter = front_matter.unwrap();
        assert_eq!(front_matter.format, FrontMatterFormat::Json);
        assert!(!front_matter.format.has_comments());
        assert_eq!(&text[front_matter.span.clone()], &text[..text.len() - 5]);
        let keys: Vec<&str> = front_matter.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["title", "weight", "ratio", "aliases", "params"]);
        for field in &front_matter.fields {
            assert_eq!(&text[field.key_span.clone()], format!("\"{}\"", field.key));
        }
        assert_eq!(
            &text[front_matter.field("title").unwrap().value_span.clone()],
            "\"ク T\""
        );
        assert_eq!(front_matter.title(), Some("ク T"));
        use FrontMatterValue as V;
        assert_eq!(front_matter.get("weight"), Some(&V::Integer(10)));
        assert_eq!(front_matter.get("ratio"), Some(&V::Float(1.5)));
        assert_eq!(
            front_matter.get("aliases"),
            Some(&V::List(vec![V::String("/a/".into()), V::Null]))
        );
        for (body, message) in [
            ("\"a\": 1,\n\"a\": 2", "duplicate key `a`"),
            ("\"a\": [1,", "expected value"),
            ("\"a\" 1", "expected `:`"),
            ("\"a\": 1 \"b\": 2", "expected `,` or `}`"),
            ("\"a\": 18446744073709551615", "number out of range"),
            ("# yaku:untranslated\n\"a\": 1", "expected"),
        ] {
            let text = format!("{{\n{body}\n}}\n");
            assert_one_invalid(&text, FrontMatterFormat::Json, message);
        }
    }

    fn same(value: &FrontMatterValue, toml: &toml::Value) -> bool {
        match (value, toml) {
            (FrontMatterValue::String(a), toml::Value::String(b)) => a == b,
            (FrontMatterValue::Integer(a), toml::Value::Integer(b)) => a == b,
            (FrontMatterValue::Float(a), toml::Value::Float(b)) => {
                a == b || (a.is_nan() && b.is_nan())
            }
            (FrontMatterValue::Bool(a), toml::Value::Boolean(b)) => a == b,
            (FrontMatterValue::Date(a), toml::Value::Datetime(b)) => *a == b.to_string(),
            (FrontMatterValue::List(a), toml::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
            }
            (FrontMatterValue::Table(a), toml::Value::Table(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k).is_some_and(|other| same(v, other)))
            }
            _ => false,
        }
    }
}
