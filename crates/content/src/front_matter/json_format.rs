//! The JSON parser of front matter (Hugo's: a JSON object at the top of the file, its
//! `{` and `}` on lines of their own). The object's members are read one at a time with
//! serde_json (a key, then its value), so each field has its span in the file; serde_json
//! bounds the nesting. JSON has no comments, so a JSON front matter holds no translation
//! marker and no `qa-ignore` (see [`super::FrontMatterFormat::Json`]).

use std::ops::Range;

use serde_json::Value;

use super::{Field, FrontMatterFormat, FrontMatterValue};
use crate::diagnostic::{Diagnostic, Problem};

/// The top-level fields of `object` (the whole block, from its `{` to its `}`), which
/// starts at byte `offset` of the file, in file order, or the first error in it.
pub(super) fn parse_fields(object: &str, offset: usize) -> Result<Vec<Field>, Diagnostic> {
    let mut at = skip_space(object, 0);
    expect(object, &mut at, b'{', offset)?;
    let mut fields: Vec<Field> = Vec::new();
    at = skip_space(object, at);
    if object.as_bytes().get(at) == Some(&b'}') {
        at += 1;
    } else {
        loop {
            let key_start = at;
            let key: String = read(object, &mut at, offset)?;
            let key_span = offset + key_start..offset + at;
            at = skip_space(object, at);
            expect(object, &mut at, b':', offset)?;
            at = skip_space(object, at);
            let value_start = at;
            let value: Value = read(object, &mut at, offset)?;
            let value_span = offset + value_start..offset + at;
            if fields.iter().any(|f| f.key == key) {
                return Err(invalid(format!("duplicate key `{key}`"), key_span));
            }
            let Some(value) = convert(&value) else {
                return Err(invalid("number out of range".into(), value_span));
            };
            fields.push(Field {
                key,
                value,
                key_span,
                value_span,
            });
            at = skip_space(object, at);
            match object.as_bytes().get(at) {
                Some(b',') => at = skip_space(object, at + 1),
                Some(b'}') => {
                    at += 1;
                    break;
                }
                _ => return Err(expected(object, at, "`,` or `}`", offset)),
            }
        }
    }
    at = skip_space(object, at);
    if at < object.len() {
        return Err(invalid(
            "text after the front matter's closing `}`".into(),
            offset + at..offset + object.len(),
        ));
    }
    Ok(fields)
}

/// One JSON value (a key is a string) starting at `*at`; `*at` moves past it.
fn read<T: serde::de::DeserializeOwned>(
    object: &str,
    at: &mut usize,
    offset: usize,
) -> Result<T, Diagnostic> {
    let mut stream = serde_json::Deserializer::from_str(&object[*at..]).into_iter::<T>();
    match stream.next() {
        Some(Ok(value)) => {
            *at += stream.byte_offset();
            Ok(value)
        }
        Some(Err(error)) => {
            // serde_json counts lines and columns (in bytes) from `*at`.
            let position = if error.line() <= 1 {
                *at + error.column().saturating_sub(1)
            } else {
                let rest = &object[*at..];
                let line = rest
                    .split_inclusive('\n')
                    .take(error.line() - 1)
                    .map(str::len)
                    .sum::<usize>();
                *at + line + error.column().saturating_sub(1)
            };
            let position = position.min(object.len());
            let message = error.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Err(invalid(message, offset + position..offset + position))
        }
        None => Err(expected(object, *at, "a value", offset)),
    }
}

fn skip_space(object: &str, mut at: usize) -> usize {
    while object
        .as_bytes()
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

fn expect(object: &str, at: &mut usize, byte: u8, offset: usize) -> Result<(), Diagnostic> {
    if object.as_bytes().get(*at) == Some(&byte) {
        *at += 1;
        Ok(())
    } else {
        Err(expected(
            object,
            *at,
            &format!("`{}`", char::from(byte)),
            offset,
        ))
    }
}

fn expected(object: &str, at: usize, what: &str, offset: usize) -> Diagnostic {
    let at = at.min(object.len());
    invalid(format!("expected {what}"), offset + at..offset + at)
}

/// The value, or `None` for an integer beyond 64 bits.
fn convert(value: &Value) -> Option<FrontMatterValue> {
    Some(match value {
        Value::Null => FrontMatterValue::Null,
        Value::Bool(b) => FrontMatterValue::Bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => FrontMatterValue::Integer(i),
            (None, Some(_), _) => return None,
            (None, None, Some(f)) => FrontMatterValue::Float(f),
            (None, None, None) => return None,
        },
        Value::String(s) => FrontMatterValue::String(s.clone()),
        Value::Array(items) => {
            FrontMatterValue::List(items.iter().map(convert).collect::<Option<_>>()?)
        }
        Value::Object(map) => FrontMatterValue::Table(
            map.iter()
                .map(|(k, v)| Some((k.clone(), convert(v)?)))
                .collect::<Option<_>>()?,
        ),
    })
}

fn invalid(message: String, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        Problem::InvalidFrontMatter {
            format: FrontMatterFormat::Json,
            message,
        },
        span,
    )
}
