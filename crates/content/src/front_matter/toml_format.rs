//! The TOML parser of front matter: the body between the `+++` lines, read with the toml
//! crate's spanned parser (`toml::de::DeTable`) into format-neutral fields.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Field, FrontMatterFormat, FrontMatterValue};
use crate::diagnostic::{Diagnostic, Problem};

/// The top-level fields of a TOML body starting at byte `offset` of the file, in file
/// order, or the first error in it. The parser's nesting limit bounds the recursion.
pub(super) fn parse_fields(body: &str, offset: usize) -> Result<Vec<Field>, Diagnostic> {
    let shift = |span: Range<usize>| offset + span.start..offset + span.end;
    let table = DeTable::parse(body).map_err(|error| invalid(&error, body, offset))?;
    let mut fields = Vec::with_capacity(table.get_ref().len());
    for (key, value) in table.get_ref() {
        let Some(converted) = convert(value.get_ref()) else {
            return Err(out_of_range(body, offset, shift(value.span())));
        };
        fields.push(Field {
            key: key.get_ref().to_string(),
            value: converted,
            key_span: shift(key.span()),
            value_span: shift(value.span()),
        });
    }
    fields.sort_by_key(|field| field.key_span.start);
    Ok(fields)
}

/// The value, or `None` when a number in it does not fit (an integer beyond 64 bits, a
/// float that overflows).
fn convert(value: &DeValue<'_>) -> Option<FrontMatterValue> {
    Some(match value {
        DeValue::String(s) => FrontMatterValue::String(s.to_string()),
        DeValue::Integer(i) => {
            FrontMatterValue::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()?)
        }
        DeValue::Float(f) => {
            // As the toml crate reads a float: an infinity only when written as one.
            let text = f.as_str();
            let value: f64 = text.parse().ok()?;
            if value.is_infinite() && !text.contains("inf") {
                return None;
            }
            FrontMatterValue::Float(value)
        }
        DeValue::Boolean(b) => FrontMatterValue::Bool(*b),
        DeValue::Datetime(d) => FrontMatterValue::Date(d.to_string()),
        DeValue::Array(items) => FrontMatterValue::List(
            items
                .iter()
                .map(|item| convert(item.get_ref()))
                .collect::<Option<_>>()?,
        ),
        DeValue::Table(table) => FrontMatterValue::Table(
            table
                .iter()
                .map(|(k, v)| Some((k.get_ref().to_string(), convert(v.get_ref())?)))
                .collect::<Option<BTreeMap<_, _>>>()?,
        ),
    })
}

/// A TOML error as a diagnostic in the file.
fn invalid(error: &toml::de::Error, body: &str, offset: usize) -> Diagnostic {
    let span = error.span().map_or(offset..offset + body.len(), |s| {
        offset + s.start..offset + s.end
    });
    Diagnostic::error(
        Problem::InvalidFrontMatter {
            format: FrontMatterFormat::Toml,
            message: error.message().trim().to_string(),
        },
        span,
    )
}

/// A number that does not fit, reported in the toml crate's own words: on this rare
/// path the body is read again as a `toml::Table`, whose conversion gives the message
/// (and the number's span) that yaku has always shown.
fn out_of_range(body: &str, offset: usize, value_span: Range<usize>) -> Diagnostic {
    match body.parse::<toml::Table>() {
        Err(error) => invalid(&error, body, offset),
        Ok(_) => Diagnostic::error(
            Problem::InvalidFrontMatter {
                format: FrontMatterFormat::Toml,
                message: "number out of range".into(),
            },
            value_span,
        ),
    }
}
