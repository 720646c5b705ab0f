//! What one FTL file declares and uses, with positions.
//!
//! The checks compare locales entry by entry; they need, for every message and
//! term, where it is, its value and attributes, and for every pattern the
//! variables it uses, the messages and terms it references, its select
//! expressions and whether it is blank. This module walks the fluent-syntax AST
//! of one file once and keeps exactly that, as owned data, so the AST and the
//! source it borrows can be dropped.

use fluent_syntax::ast;
use fluent_syntax::parser;

use crate::position::{Position, SourcePositions};

/// Everything the checks need from one parsed file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FileSummary {
    /// Messages and terms, in source order (duplicates included).
    pub(crate) entries: Vec<EntrySummary>,
    /// One per Junk entry, in source order.
    pub(crate) syntax_errors: Vec<SyntaxIssue>,
}

/// A parser error: a part of the file that is not valid Fluent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxIssue {
    /// Where the parser stopped understanding the entry.
    pub(crate) position: Position,
    /// The parser's own description of the error.
    pub(crate) message: String,
    /// The id of the broken entry when it can be read (`msg`, `-term`), else empty.
    pub(crate) id: String,
}

/// Whether an entry is a message or a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A public message, `id = ...`.
    Message,
    /// A private term, `-id = ...`.
    Term,
}

/// A message or a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntrySummary {
    /// Message or term.
    pub(crate) kind: EntryKind,
    /// The id; a term's id keeps its leading `-` so the two namespaces never mix.
    pub(crate) id: String,
    /// Position of the id.
    pub(crate) position: Position,
    /// The value, if any (terms always have one).
    pub(crate) value: Option<PatternSummary>,
    /// The attributes, in source order (duplicates included).
    pub(crate) attributes: Vec<AttributeSummary>,
}

impl EntrySummary {
    /// The first attribute called `name`.
    pub(crate) fn attribute(&self, name: &str) -> Option<&AttributeSummary> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name == name)
    }
}

/// An attribute of a message or term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttributeSummary {
    /// The attribute name, without the dot.
    pub(crate) name: String,
    /// Position of the name.
    pub(crate) position: Position,
    /// The attribute's pattern.
    pub(crate) pattern: PatternSummary,
}

/// What a pattern uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PatternSummary {
    /// Every variable reference, in source order (a variable may appear twice).
    pub(crate) variables: Vec<(String, Position)>,
    /// Every message and term reference, in source order.
    pub(crate) references: Vec<Reference>,
    /// Every select expression, outer before inner.
    pub(crate) selects: Vec<SelectSummary>,
    /// The pattern produces only whitespace: blank text and blank string literals.
    pub(crate) is_blank: bool,
}

/// A reference to a message or a term from inside a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// Message or term.
    pub(crate) kind: EntryKind,
    /// The referenced id; a term's with its leading `-`.
    pub(crate) id: String,
    /// The referenced attribute, if any.
    pub(crate) attribute: Option<String>,
    /// Position of the referenced id.
    pub(crate) position: Position,
}

impl Reference {
    /// The reference as written in FTL, e.g. `-brand.gender` or `cta.heading`.
    pub(crate) fn display(&self) -> String {
        match &self.attribute {
            Some(attribute) => format!("{}.{attribute}", self.id),
            None => self.id.clone(),
        }
    }
}

/// A select expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SelectSummary {
    /// Position of the selector.
    pub(crate) position: Position,
    /// The selector is a number-like variable: `$n` or `NUMBER($n)` (not ordinal).
    pub(crate) numeric_variable: bool,
    /// The variant keys as written.
    pub(crate) keys: Vec<VariantKey>,
    /// The key of the default (`*`) variant.
    pub(crate) default_key: Option<VariantKey>,
}

/// The key of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VariantKey {
    /// `[one]`, `[masculine]`, ...
    Identifier(String),
    /// `[0]`, `[1.5]`, ...
    Number(String),
}

impl VariantKey {
    /// The key as written between the brackets.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            VariantKey::Identifier(name) | VariantKey::Number(name) => name,
        }
    }
}

/// Parses `source` and summarizes it. Never fails: syntax errors are part of
/// the summary.
pub(crate) fn summarize(source: &str) -> FileSummary {
    let index = SourcePositions::new(source);
    let (resource, errors) = match parser::parse(source) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let syntax_errors = errors
        .iter()
        .map(|error| SyntaxIssue {
            position: index.position(error_offset(source, error)),
            message: error.kind.to_string(),
            id: error
                .slice
                .as_ref()
                .and_then(|slice| source.get(slice.start..))
                .map(entry_id_at_start)
                .unwrap_or_default(),
        })
        .collect();
    let entries = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some(EntrySummary {
                kind: EntryKind::Message,
                id: message.id.name.to_owned(),
                position: index.position_of(message.id.name),
                value: message
                    .value
                    .as_ref()
                    .map(|pattern| summarize_pattern(&index, pattern)),
                attributes: summarize_attributes(&index, &message.attributes),
            }),
            ast::Entry::Term(term) => Some(EntrySummary {
                kind: EntryKind::Term,
                id: format!("-{}", term.id.name),
                position: term_position(&index, term.id.name),
                value: Some(summarize_pattern(&index, &term.value)),
                attributes: summarize_attributes(&index, &term.attributes),
            }),
            _ => None,
        })
        .collect();
    FileSummary {
        entries,
        syntax_errors,
    }
}

/// Where to report a parser error: where the parser stopped, unless that is
/// past the broken entry (an unclosed `{` is noticed on the next line), in
/// which case the end of the entry's text, so the line shown is the broken one.
pub(crate) fn error_offset(source: &str, error: &parser::ParserError) -> usize {
    match &error.slice {
        Some(slice) if error.pos.start >= slice.end && slice.start < slice.end => source
            .get(slice.clone())
            .map_or(error.pos.start, |junk| slice.start + junk.trim_end().len()),
        _ => error.pos.start,
    }
}

/// The position of a term's `-`, one byte before its name, so that the
/// column points at the id as written (`-brand`).
fn term_position(index: &SourcePositions<'_>, name: &str) -> Position {
    match index.offset_of(name) {
        Some(offset) if offset > 0 && index.source().as_bytes().get(offset - 1) == Some(&b'-') => {
            index.position(offset - 1)
        }
        _ => index.position_of(name),
    }
}

/// The id of an entry that starts `text` (`msg` or `-term`) when it is
/// followed by `=`, as in a broken entry whose head is fine; else empty.
fn entry_id_at_start(text: &str) -> String {
    let (prefix, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let name_len = rest
        .char_indices()
        .find(|&(index, c)| {
            let valid = if index == 0 {
                c.is_ascii_alphabetic()
            } else {
                c.is_ascii_alphanumeric() || c == '-' || c == '_'
            };
            !valid
        })
        .map_or(rest.len(), |(index, _)| index);
    let after = rest[name_len..].trim_start_matches(' ');
    if name_len > 0 && after.starts_with('=') {
        format!("{prefix}{}", &rest[..name_len])
    } else {
        String::new()
    }
}

fn summarize_attributes(
    index: &SourcePositions<'_>,
    attributes: &[ast::Attribute<&str>],
) -> Vec<AttributeSummary> {
    attributes
        .iter()
        .map(|attribute| AttributeSummary {
            name: attribute.id.name.to_owned(),
            position: index.position_of(attribute.id.name),
            pattern: summarize_pattern(index, &attribute.value),
        })
        .collect()
}

fn summarize_pattern(index: &SourcePositions<'_>, pattern: &ast::Pattern<&str>) -> PatternSummary {
    let mut walker = Walker {
        index,
        summary: PatternSummary::default(),
    };
    walker.pattern(pattern);
    walker.summary.is_blank = pattern_is_blank(pattern);
    walker.summary
}

/// Collects what a pattern uses, recursing through placeables, selectors,
/// variants and call arguments.
struct Walker<'a, 's> {
    index: &'a SourcePositions<'s>,
    summary: PatternSummary,
}

impl Walker<'_, '_> {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.summary.selects.push(SelectSummary {
                    position: self.inline_position(selector),
                    numeric_variable: is_numeric_variable(selector),
                    keys: variants.iter().map(|variant| key(&variant.key)).collect(),
                    default_key: variants
                        .iter()
                        .find(|variant| variant.default)
                        .map(|variant| key(&variant.key)),
                });
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
            ast::Expression::Inline(inline) => self.inline(inline),
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. } => {}
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                self.arguments(arguments);
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                self.summary.references.push(Reference {
                    kind: EntryKind::Message,
                    id: id.name.to_owned(),
                    attribute: attribute.as_ref().map(|name| name.name.to_owned()),
                    position: self.index.position_of(id.name),
                });
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                self.summary.references.push(Reference {
                    kind: EntryKind::Term,
                    id: format!("-{}", id.name),
                    attribute: attribute.as_ref().map(|name| name.name.to_owned()),
                    position: term_position(self.index, id.name),
                });
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            ast::InlineExpression::VariableReference { id } => {
                // The position of the `$`, one byte before the name.
                let position = match self.index.offset_of(id.name) {
                    Some(offset) if offset > 0 => self.index.position(offset - 1),
                    _ => self.index.position_of(id.name),
                };
                self.summary.variables.push((id.name.to_owned(), position));
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for positional in &arguments.positional {
            self.inline(positional);
        }
        for named in &arguments.named {
            self.inline(&named.value);
        }
    }

    /// Where an inline expression starts, for the ones that carry a name.
    fn inline_position(&self, inline: &ast::InlineExpression<&str>) -> Position {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                match self.index.offset_of(id.name) {
                    Some(offset) if offset > 0 => self.index.position(offset - 1),
                    _ => self.index.position_of(id.name),
                }
            }
            ast::InlineExpression::FunctionReference { id, .. }
            | ast::InlineExpression::MessageReference { id, .. } => self.index.position_of(id.name),
            ast::InlineExpression::TermReference { id, .. } => term_position(self.index, id.name),
            ast::InlineExpression::StringLiteral { value }
            | ast::InlineExpression::NumberLiteral { value } => self.index.position_of(value),
            ast::InlineExpression::Placeable { expression } => match expression.as_ref() {
                ast::Expression::Inline(inner)
                | ast::Expression::Select {
                    selector: inner, ..
                } => self.inline_position(inner),
            },
        }
    }
}

/// `$n`, or `NUMBER($n, ...)` unless it asks for ordinal categories.
fn is_numeric_variable(selector: &ast::InlineExpression<&str>) -> bool {
    match selector {
        ast::InlineExpression::VariableReference { .. } => true,
        ast::InlineExpression::FunctionReference { id, arguments } => {
            let ordinal = arguments.named.iter().any(|named| {
                named.name.name == "type"
                    && matches!(
                        named.value,
                        ast::InlineExpression::StringLiteral { value: "ordinal" }
                    )
            });
            id.name == "NUMBER"
                && !ordinal
                && matches!(
                    arguments.positional.first(),
                    Some(ast::InlineExpression::VariableReference { .. })
                )
        }
        _ => false,
    }
}

fn key(key: &ast::VariantKey<&str>) -> VariantKey {
    match key {
        ast::VariantKey::Identifier { name } => VariantKey::Identifier((*name).to_owned()),
        ast::VariantKey::NumberLiteral { value } => VariantKey::Number((*value).to_owned()),
    }
}

/// A pattern is blank when all it can produce is whitespace: blank text and
/// string literals that are empty or whitespace once unescaped.
fn pattern_is_blank(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().all(|element| match element {
        ast::PatternElement::TextElement { value } => value.trim().is_empty(),
        ast::PatternElement::Placeable { expression } => expression_is_blank(expression),
    })
}

fn expression_is_blank(expression: &ast::Expression<&str>) -> bool {
    match expression {
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
            fluent_syntax::unicode::unescape_unicode_to_string(value)
                .trim()
                .is_empty()
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            expression_is_blank(expression)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(summary: &'a FileSummary, id: &str) -> &'a EntrySummary {
        summary
            .entries
            .iter()
            .find(|entry| entry.id == id)
            .unwrap_or_else(|| panic!("no entry {id} in {summary:#?}"))
    }

    fn pos(line: usize, col: usize) -> Position {
        Position { line, col }
    }

    #[test]
    fn entries_have_positions_of_their_ids() {
        let summary = summarize("# comment\nmsg = 値\n-term = T\n    .attr = a\n");
        assert_eq!(entry(&summary, "msg").position, pos(2, 1));
        let term = entry(&summary, "-term");
        assert_eq!(term.kind, EntryKind::Term);
        assert_eq!(term.position, pos(3, 1));
        assert_eq!(term.attributes[0].name, "attr");
        assert_eq!(term.attributes[0].position, pos(4, 6));
    }

    #[test]
    fn variables_are_found_through_selectors_variants_and_placeables() {
        let summary = summarize(
            "msg = { $n ->\n    [one] { $a }\n   *[other] { { $b } }\n}\n    .attr = { NUMBER($c) }\n",
        );
        let msg = entry(&summary, "msg");
        let names: Vec<&str> = msg
            .value
            .as_ref()
            .expect("value")
            .variables
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(names, ["n", "a", "b"]);
        assert_eq!(msg.value.as_ref().expect("value").variables[0].1, pos(1, 9));
        assert_eq!(msg.attributes[0].pattern.variables[0].0, "c");
    }

    #[test]
    fn selects_record_keys_default_and_numeric_selector() {
        let summary = summarize("msg = { $n ->\n    [one] a\n    [2] b\n   *[other] c\n}\n");
        let select = &entry(&summary, "msg")
            .value
            .as_ref()
            .expect("value")
            .selects[0];
        assert!(select.numeric_variable);
        assert_eq!(
            select.keys,
            [
                VariantKey::Identifier("one".into()),
                VariantKey::Number("2".into()),
                VariantKey::Identifier("other".into())
            ]
        );
        assert_eq!(
            select.default_key,
            Some(VariantKey::Identifier("other".into()))
        );
        let ordinal = summarize("msg = { NUMBER($n, type: \"ordinal\") ->\n   *[other] c\n}\n");
        assert!(
            !entry(&ordinal, "msg")
                .value
                .as_ref()
                .expect("value")
                .selects[0]
                .numeric_variable
        );
    }

    #[test]
    fn references_keep_attribute_and_term_dash() {
        let summary = summarize("msg = { other.attr } { -brand.gender ->\n   *[other] x\n}\n");
        let references = &entry(&summary, "msg")
            .value
            .as_ref()
            .expect("value")
            .references;
        assert_eq!(references[0].display(), "other.attr");
        assert_eq!(references[0].kind, EntryKind::Message);
        assert_eq!(references[1].display(), "-brand.gender");
        assert_eq!(references[1].kind, EntryKind::Term);
        assert_eq!(references[1].position, pos(1, 24));
    }

    #[test]
    fn blank_patterns_are_blank_string_literals() {
        let summary = summarize("a = { \"\" }\nb = { \" \\u0020\" }\nc = { \"x\" }\nd = text\n");
        let blank = |id: &str| entry(&summary, id).value.as_ref().expect("value").is_blank;
        assert!(blank("a"));
        assert!(blank("b"));
        assert!(!blank("c"));
        assert!(!blank("d"));
    }

    #[test]
    fn syntax_errors_carry_position_message_and_id() {
        let summary = summarize("ok = fine\nbroken = { $x\nnext = fine\ng@rbage\n");
        assert_eq!(summary.syntax_errors.len(), 2, "{summary:#?}");
        assert_eq!(summary.syntax_errors[0].id, "broken");
        assert_eq!(summary.syntax_errors[0].position, pos(2, 14));
        assert!(!summary.syntax_errors[0].message.is_empty());
        assert_eq!(summary.syntax_errors[1].id, "");
        assert!(summary.entries.iter().any(|entry| entry.id == "next"));
    }

    #[test]
    fn entry_id_at_start_needs_an_equals_sign() {
        assert_eq!(entry_id_at_start("msg = { $x"), "msg");
        assert_eq!(entry_id_at_start("-term= x"), "-term");
        assert_eq!(entry_id_at_start("g@rbage"), "");
        assert_eq!(entry_id_at_start("  indented = x"), "");
    }
}
