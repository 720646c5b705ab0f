//! The YAML parser of front matter: the body between the `---` lines, read with
//! saphyr-parser's event parser (whose events carry their positions) into format-neutral
//! fields. Plain scalars are resolved with the YAML 1.2 core schema (null, booleans,
//! integers, floats); a plain scalar that is an RFC 3339 date or date-time is a date,
//! as Hugo reads it. Anchors and aliases are resolved within a bound on the number of
//! values, and nesting is bounded.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::{Field, FrontMatterFormat, FrontMatterValue};
use crate::diagnostic::{Diagnostic, Problem};

/// How deep lists and mappings may nest.
const MAX_DEPTH: usize = 64;
/// How many values a body may hold once aliases are expanded.
const MAX_VALUES: usize = 100_000;

/// The top-level fields of a YAML body starting at byte `offset` of the file, in file
/// order, or the first error in it.
pub(super) fn parse_fields(body: &str, offset: usize) -> Result<Vec<Field>, Diagnostic> {
    let mut reader = Reader {
        events: Parser::new_from_str(body),
        positions: Positions::new(body, offset),
        anchors: BTreeMap::new(),
        values: 0,
        whole: offset..offset + body.len(),
    };
    reader.document()
}

/// Character indices (saphyr's positions) → byte offsets in the file.
struct Positions {
    offset: usize,
    /// The byte offset of each character of a non-ASCII body (and its length last).
    bytes: Option<Vec<usize>>,
}

impl Positions {
    fn new(body: &str, offset: usize) -> Self {
        let bytes = (!body.is_ascii()).then(|| {
            body.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(body.len()))
                .collect()
        });
        Positions { offset, bytes }
    }

    fn at(&self, index: usize) -> usize {
        self.offset
            + match &self.bytes {
                None => index,
                Some(bytes) => bytes[index.min(bytes.len() - 1)],
            }
    }

    fn span(&self, span: &Span) -> Range<usize> {
        let start = self.at(span.start.index());
        start..self.at(span.end.index()).max(start)
    }
}

struct Reader<'a> {
    events: Parser<'a, saphyr_parser::StrInput<'a>>,
    positions: Positions,
    anchors: BTreeMap<usize, FrontMatterValue>,
    values: usize,
    whole: Range<usize>,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Range<usize>), Diagnostic> {
        match self.events.next_event() {
            Some(Ok((event, span))) => Ok((event, self.positions.span(&span))),
            Some(Err(error)) => Err(self.scan_error(&error)),
            None => Ok((Event::StreamEnd, self.whole.end..self.whole.end)),
        }
    }

    fn scan_error(&self, error: &ScanError) -> Diagnostic {
        let at = self
            .positions
            .at(error.marker().index())
            .min(self.whole.end);
        invalid(error.info().to_string(), at..at)
    }

    fn document(&mut self) -> Result<Vec<Field>, Diagnostic> {
        let mut fields = Vec::new();
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentStart(_) => {}
                Event::StreamEnd | Event::DocumentEnd => return Ok(fields),
                Event::Scalar(ref value, ScalarStyle::Plain, _, None)
                    if resolve_null(value) && fields.is_empty() =>
                {
                    // An empty body.
                }
                Event::MappingStart(..) => {
                    self.top_mapping(&mut fields)?;
                    self.expect_end()?;
                    return Ok(fields);
                }
                _ => {
                    return Err(invalid(
                        "the front matter is not a mapping of keys to values".into(),
                        span,
                    ))
                }
            }
        }
    }

    /// After the top-level mapping: the end of the document, and no second one.
    fn expect_end(&mut self) -> Result<(), Diagnostic> {
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::DocumentEnd => {}
                Event::StreamEnd => return Ok(()),
                _ => {
                    return Err(invalid(
                        "a second YAML document in the front matter".into(),
                        span,
                    ))
                }
            }
        }
    }

    fn top_mapping(&mut self, fields: &mut Vec<Field>) -> Result<(), Diagnostic> {
        loop {
            let (event, key_span) = self.next()?;
            let key = match event {
                Event::MappingEnd => return Ok(()),
                Event::Scalar(key, ..) => key.into_owned(),
                _ => {
                    return Err(invalid(
                        "a front-matter key must be a plain string".into(),
                        key_span,
                    ))
                }
            };
            if fields.iter().any(|f: &Field| f.key == key) {
                return Err(invalid(format!("duplicate key `{key}`"), key_span));
            }
            let (value, value_span) = self.value(0)?;
            fields.push(Field {
                key,
                value: value.unwrap_or(FrontMatterValue::Null),
                key_span,
                value_span,
            });
        }
    }

    /// The next value (a null as `None` only where it stands alone) and its span.
    fn value(
        &mut self,
        depth: usize,
    ) -> Result<(Option<FrontMatterValue>, Range<usize>), Diagnostic> {
        let (event, span) = self.next()?;
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(invalid("too many values".into(), span));
        }
        if depth > MAX_DEPTH {
            return Err(invalid("nested too deeply".into(), span));
        }
        let (value, span) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(text, style, tag.is_some());
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                (value, span)
            }
            Event::Alias(anchor) => match self.anchors.get(&anchor) {
                Some(value) => {
                    self.values += count(value);
                    (value.clone(), span)
                }
                None => return Err(invalid("unknown anchor".into(), span)),
            },
            Event::SequenceStart(anchor, _) => {
                let mut items = Vec::new();
                let mut end = span.end;
                loop {
                    if let Some(Ok((Event::SequenceEnd, close))) = self.events.peek() {
                        let close = self.positions.span(close);
                        end = end.max(close.end);
                        self.events.next_event();
                        break;
                    }
                    let (item, item_span) = self.value(depth + 1)?;
                    end = end.max(item_span.end);
                    items.push(item.unwrap_or(FrontMatterValue::Null));
                }
                let value = FrontMatterValue::List(items);
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                (value, span.start..end)
            }
            Event::MappingStart(anchor, _) => {
                let mut table = BTreeMap::new();
                let mut end = span.end;
                loop {
                    if let Some(Ok((Event::MappingEnd, close))) = self.events.peek() {
                        let close = self.positions.span(close);
                        end = end.max(close.end);
                        self.events.next_event();
                        break;
                    }
                    let (key, key_span) = self.value(depth + 1)?;
                    let key = match key {
                        Some(FrontMatterValue::String(key)) => key,
                        Some(FrontMatterValue::Integer(i)) => i.to_string(),
                        Some(FrontMatterValue::Bool(b)) => b.to_string(),
                        _ => {
                            return Err(invalid(
                                "a front-matter key must be a plain string".into(),
                                key_span,
                            ))
                        }
                    };
                    let (value, value_span) = self.value(depth + 1)?;
                    end = end.max(value_span.end);
                    if table
                        .insert(key.clone(), value.unwrap_or(FrontMatterValue::Null))
                        .is_some()
                    {
                        return Err(invalid(format!("duplicate key `{key}`"), key_span));
                    }
                }
                let value = FrontMatterValue::Table(table);
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                (value, span.start..end)
            }
            _ => return Err(invalid("unexpected YAML".into(), span)),
        };
        Ok((Some(value), span))
    }
}

/// How many values `value` holds (itself included), for the bound on aliases.
fn count(value: &FrontMatterValue) -> usize {
    1 + match value {
        FrontMatterValue::List(items) => items.iter().map(count).sum(),
        FrontMatterValue::Table(table) => table.values().map(count).sum(),
        _ => 0,
    }
}

fn resolve_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A scalar as the YAML 1.2 core schema reads it (quoted or tagged scalars are text),
/// with RFC 3339 dates and date-times as dates.
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tagged: bool) -> FrontMatterValue {
    if style != ScalarStyle::Plain || tagged {
        return FrontMatterValue::String(text.into_owned());
    }
    let t: &str = &text;
    if resolve_null(t) {
        return FrontMatterValue::Null;
    }
    match t {
        "true" | "True" | "TRUE" => return FrontMatterValue::Bool(true),
        "false" | "False" | "FALSE" => return FrontMatterValue::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return FrontMatterValue::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return FrontMatterValue::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return FrontMatterValue::Float(f64::NAN),
        _ => {}
    }
    if let Some(i) = integer(t) {
        return FrontMatterValue::Integer(i);
    }
    if is_float(t) {
        if let Ok(f) = t.parse::<f64>() {
            if f.is_finite() {
                return FrontMatterValue::Float(f);
            }
        }
    }
    if is_date(t) {
        return FrontMatterValue::Date(t.to_string());
    }
    FrontMatterValue::String(text.into_owned())
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` that fits in 64 bits.
fn integer(t: &str) -> Option<i64> {
    if let Some(octal) = t.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok();
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => digits(fraction),
        Some((whole, fraction)) => digits(whole) && (fraction.is_empty() || digits(fraction)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// An RFC 3339 date (`2025-11-20`) or date-time (`2025-11-20T07:32:00+09:00`, `Z`,
/// fractions, a space for the `T`), as the toml crate accepts it.
fn is_date(t: &str) -> bool {
    t.len() >= 10
        && t.parse::<toml::value::Datetime>()
            .is_ok_and(|d| d.date.is_some())
}

fn invalid(message: String, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        Problem::InvalidFrontMatter {
            format: FrontMatterFormat::Yaml,
            message,
        },
        span,
    )
}
