//! Cross-locale checks of Fluent resources.
//!
//! [`check_locales`] reads every locale's FTL files with fluent-syntax, checks
//! each locale on its own (syntax, duplicates, references, plural variants,
//! blank values) and compares every target locale with the reference locale
//! (missing and obsolete messages, terms and attributes, values, variables).
//! Problems in the files are returned as [`Finding`]s; only what stops the
//! checks from running (an unreadable folder, an invalid locale tag) is a
//! [`CheckError`]. See the crate README for what each [`FindingKind`] means.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::CheckError;
use crate::files::{list_ftl_files, read_ftl, FtlText};
use crate::plural::{cardinal_categories, is_plural_category};
use crate::position::{Position, SourcePositions};
use crate::summary::{summarize, EntryKind, EntrySummary, FileSummary, PatternSummary, VariantKey};

/// One problem found in the FTL files of a locale.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Finding {
    /// The locale whose files have the problem.
    pub locale: String,
    /// The file (`locales_dir.join(locale).join(file)`), or the locale folder
    /// for `missing_locale`.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// The message or term id (terms with their `-`), with `.attr` for a
    /// problem of one attribute; empty when there is none (`missing_locale`,
    /// junk without a readable id).
    pub id: String,
    /// What kind of problem it is.
    pub kind: FindingKind,
    /// How bad it is.
    pub severity: Severity,
    /// A sentence for people, naming what is wrong and what to do.
    pub message: String,
}

/// The kinds of problem [`check_locales`] reports; serialized in kebab-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FindingKind {
    /// A part of a file is not valid Fluent (a Junk entry), or the file is not UTF-8.
    SyntaxError,
    /// A target locale has no folder at all.
    MissingLocale,
    /// A message of the reference locale is not in the target.
    MissingMessage,
    /// A term of the reference locale is not in the target.
    MissingTerm,
    /// An attribute of a reference message is not in the target's message.
    MissingAttribute,
    /// A message of the target is not in the reference locale.
    ObsoleteMessage,
    /// A term of the target is neither in the reference locale nor used by the target.
    ObsoleteTerm,
    /// An attribute of a target message is not in the reference's message.
    ObsoleteAttribute,
    /// The reference message has a value, the target's has none.
    MissingValue,
    /// The target message has a value where the reference's has none.
    UnexpectedValue,
    /// A variable of the reference pattern is not used by the target's.
    MissingVariable,
    /// The target pattern uses a variable the reference's does not.
    UnexpectedVariable,
    /// A reference to a message, term or attribute that the locale does not define.
    UnknownReference,
    /// A message or term defined twice in one locale.
    DuplicateId,
    /// An attribute defined twice in one message or term.
    DuplicateAttribute,
    /// A plural select expression lacks a variant for a CLDR category of the locale.
    MissingPluralCategory,
    /// A value or attribute that is empty or only whitespace.
    EmptyValue,
}

impl FindingKind {
    /// Every kind, in declaration order: for documentation and exhaustive tests.
    pub const ALL: [FindingKind; 17] = [
        FindingKind::SyntaxError,
        FindingKind::MissingLocale,
        FindingKind::MissingMessage,
        FindingKind::MissingTerm,
        FindingKind::MissingAttribute,
        FindingKind::ObsoleteMessage,
        FindingKind::ObsoleteTerm,
        FindingKind::ObsoleteAttribute,
        FindingKind::MissingValue,
        FindingKind::UnexpectedValue,
        FindingKind::MissingVariable,
        FindingKind::UnexpectedVariable,
        FindingKind::UnknownReference,
        FindingKind::DuplicateId,
        FindingKind::DuplicateAttribute,
        FindingKind::MissingPluralCategory,
        FindingKind::EmptyValue,
    ];

    /// The kind's kebab-case name, as serialized (`missing-message`), the casing of every
    /// rule and kind id yaku prints.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::SyntaxError => "syntax-error",
            FindingKind::MissingLocale => "missing-locale",
            FindingKind::MissingMessage => "missing-message",
            FindingKind::MissingTerm => "missing-term",
            FindingKind::MissingAttribute => "missing-attribute",
            FindingKind::ObsoleteMessage => "obsolete-message",
            FindingKind::ObsoleteTerm => "obsolete-term",
            FindingKind::ObsoleteAttribute => "obsolete-attribute",
            FindingKind::MissingValue => "missing-value",
            FindingKind::UnexpectedValue => "unexpected-value",
            FindingKind::MissingVariable => "missing-variable",
            FindingKind::UnexpectedVariable => "unexpected-variable",
            FindingKind::UnknownReference => "unknown-reference",
            FindingKind::DuplicateId => "duplicate-id",
            FindingKind::DuplicateAttribute => "duplicate-attribute",
            FindingKind::MissingPluralCategory => "missing-plural-category",
            FindingKind::EmptyValue => "empty-value",
        }
    }

    /// The severity of the kind: obsolete entries are harmless leftovers and a
    /// missing plural category still has the default variant, so those warn;
    /// everything else shows wrong or no text and is an error.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::ObsoleteMessage
            | FindingKind::ObsoleteTerm
            | FindingKind::ObsoleteAttribute
            | FindingKind::MissingPluralCategory => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a finding is; serialized as `error` / `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth cleaning up, text is still right.
    Warning,
    /// Text would be missing or wrong: fails a check. Sorts after warnings, as every
    /// yaku severity does.
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Checks every target locale against the reference locale, and every locale
/// on its own. Findings are sorted by locale, path, line, column, id and kind.
///
/// - `locales_dir` missing: no findings (a content-only project has no Fluent).
/// - A target folder missing: one `missing_locale` finding for it.
/// - The reference folder missing, an unreadable folder or file, an invalid
///   locale tag: [`CheckError`].
pub fn check_locales(
    locales_dir: &Path,
    reference: &str,
    targets: &[String],
) -> Result<Vec<Finding>, CheckError> {
    let exists = locales_dir.try_exists().map_err(|source| CheckError::Io {
        path: locales_dir.to_path_buf(),
        source,
    })?;
    if !exists {
        return Ok(Vec::new());
    }
    for locale in std::iter::once(reference).chain(targets.iter().map(String::as_str)) {
        if locale.parse::<unic_langid::LanguageIdentifier>().is_err() {
            return Err(CheckError::InvalidLocale {
                locale: locale.to_owned(),
            });
        }
    }
    let reference_dir = locales_dir.join(reference);
    if !reference_dir.is_dir() {
        return Err(CheckError::MissingReference {
            path: reference_dir,
        });
    }

    let mut findings = Vec::new();
    let reference_data = LocaleData::load(locales_dir, reference)?;
    check_locale_alone(&reference_data, &mut findings);

    let mut seen = BTreeSet::from([reference]);
    for target in targets {
        if !seen.insert(target.as_str()) {
            continue;
        }
        let target_dir = locales_dir.join(target);
        if !target_dir.is_dir() {
            findings.push(Finding {
                locale: target.clone(),
                path: target_dir,
                line: 1,
                col: 1,
                id: String::new(),
                kind: FindingKind::MissingLocale,
                severity: FindingKind::MissingLocale.severity(),
                message: format!(
                    "locale `{target}` has no folder; create it with the files of `{reference}`"
                ),
            });
            continue;
        }
        let target_data = LocaleData::load(locales_dir, target)?;
        check_locale_alone(&target_data, &mut findings);
        compare_locales(&reference_data, &target_data, &mut findings);
    }

    findings.sort();
    findings.dedup();
    Ok(findings)
}

/// The parsed files of one locale and an index of its entries.
struct LocaleData {
    locale: String,
    dir: PathBuf,
    files: Vec<FileData>,
    /// First definition of each id: (file index, entry index).
    first: HashMap<String, (usize, usize)>,
    /// Ids of broken (Junk) entries, whose absence elsewhere is not reported twice.
    junk_ids: BTreeSet<String>,
    /// The CLDR cardinal categories of the locale, when CLDR knows it.
    plural_categories: Option<Vec<&'static str>>,
}

/// One parsed file of a locale.
struct FileData {
    name: String,
    path: PathBuf,
    summary: FileSummary,
    /// Where the first invalid byte is, for a file that is not UTF-8.
    not_utf8: Option<Position>,
}

impl LocaleData {
    fn load(locales_dir: &Path, locale: &str) -> Result<Self, CheckError> {
        let dir = locales_dir.join(locale);
        let listed = list_ftl_files(&dir).map_err(|source| CheckError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut files = Vec::with_capacity(listed.len());
        for file in listed {
            let text = read_ftl(&file.path).map_err(|source| CheckError::Io {
                path: file.path.clone(),
                source,
            })?;
            let (summary, not_utf8) = match text {
                FtlText::Text(source) => (summarize(&source), None),
                FtlText::NotUtf8 { valid_prefix } => {
                    let index = SourcePositions::new(&valid_prefix);
                    let position = index.position(valid_prefix.len());
                    (FileSummary::default(), Some(position))
                }
            };
            files.push(FileData {
                name: file.name,
                path: file.path,
                summary,
                not_utf8,
            });
        }
        let mut first = HashMap::new();
        let mut junk_ids = BTreeSet::new();
        for (file_index, file) in files.iter().enumerate() {
            for (entry_index, entry) in file.summary.entries.iter().enumerate() {
                first
                    .entry(entry.id.clone())
                    .or_insert((file_index, entry_index));
            }
            for issue in &file.summary.syntax_errors {
                if !issue.id.is_empty() {
                    junk_ids.insert(issue.id.clone());
                }
            }
        }
        Ok(LocaleData {
            locale: locale.to_owned(),
            dir,
            files,
            first,
            junk_ids,
            plural_categories: cardinal_categories(locale),
        })
    }

    /// The first definition of `id` and its file.
    fn get(&self, id: &str) -> Option<(&FileData, &EntrySummary)> {
        let &(file_index, entry_index) = self.first.get(id)?;
        let file = self.files.get(file_index)?;
        Some((file, file.summary.entries.get(entry_index)?))
    }

    /// Every entry of every file, duplicates included, in file and source order.
    fn entries(&self) -> impl Iterator<Item = (&FileData, &EntrySummary)> {
        self.files
            .iter()
            .flat_map(|file| file.summary.entries.iter().map(move |entry| (file, entry)))
    }

    /// The first definition of every id, in file and source order.
    fn first_entries(&self) -> impl Iterator<Item = (&FileData, &EntrySummary)> {
        self.files
            .iter()
            .enumerate()
            .flat_map(move |(file_index, file)| {
                file.summary
                    .entries
                    .iter()
                    .enumerate()
                    .filter(move |&(entry_index, entry)| {
                        self.first.get(&entry.id) == Some(&(file_index, entry_index))
                    })
                    .map(move |(_, entry)| (file, entry))
            })
    }

    /// The pattern a message reference resolves to: the value, or an attribute.
    fn message_pattern(&self, id: &str, attribute: Option<&str>) -> Option<&PatternSummary> {
        let (_, entry) = self.get(id)?;
        if entry.kind != EntryKind::Message {
            return None;
        }
        match attribute {
            Some(name) => entry.attribute(name).map(|attribute| &attribute.pattern),
            None => entry.value.as_ref(),
        }
    }

    /// The variables a pattern depends on, each with the position of its first
    /// use. Message references count, because Fluent passes a message's
    /// arguments on to the messages it references; term references do not,
    /// because a term only sees the arguments written in its call.
    fn variables(&self, pattern: &PatternSummary) -> BTreeMap<String, Position> {
        let mut variables = BTreeMap::new();
        let mut visiting = Vec::new();
        self.collect_variables(pattern, &mut visiting, &mut variables);
        variables
    }

    fn collect_variables(
        &self,
        pattern: &PatternSummary,
        visiting: &mut Vec<(String, Option<String>)>,
        variables: &mut BTreeMap<String, Position>,
    ) {
        fn note(variables: &mut BTreeMap<String, Position>, name: &str, position: Position) {
            variables
                .entry(name.to_owned())
                .and_modify(|first| *first = (*first).min(position))
                .or_insert(position);
        }
        for (name, position) in &pattern.variables {
            note(variables, name, *position);
        }
        for reference in &pattern.references {
            if reference.kind != EntryKind::Message {
                continue;
            }
            let key = (reference.id.clone(), reference.attribute.clone());
            if visiting.contains(&key) {
                continue;
            }
            let Some(referenced) =
                self.message_pattern(&reference.id, reference.attribute.as_deref())
            else {
                continue;
            };
            visiting.push(key);
            let mut inner = BTreeMap::new();
            self.collect_variables(referenced, visiting, &mut inner);
            visiting.pop();
            for name in inner.keys() {
                note(variables, name, reference.position);
            }
        }
    }
}

/// Builds a finding with the kind's severity.
fn finding(
    locale: &LocaleData,
    path: &Path,
    position: Position,
    id: impl Into<String>,
    kind: FindingKind,
    message: String,
) -> Finding {
    Finding {
        locale: locale.locale.clone(),
        path: path.to_path_buf(),
        line: position.line,
        col: position.col,
        id: id.into(),
        kind,
        severity: kind.severity(),
        message,
    }
}

/// `file:line:col` of a position, for messages.
fn place(file: &FileData, position: Position) -> String {
    format!("{}:{}:{}", file.name, position.line, position.col)
}

/// The id of a value (`msg`) or attribute (`msg.attr`) for findings.
fn pattern_id(entry: &EntrySummary, attribute: Option<&str>) -> String {
    match attribute {
        Some(name) => format!("{}.{name}", entry.id),
        None => entry.id.clone(),
    }
}

/// The checks that need one locale only.
fn check_locale_alone(locale: &LocaleData, findings: &mut Vec<Finding>) {
    for file in &locale.files {
        if let Some(position) = file.not_utf8 {
            findings.push(finding(
                locale,
                &file.path,
                position,
                "",
                FindingKind::SyntaxError,
                "the file is not valid UTF-8; save it as UTF-8".to_owned(),
            ));
        }
        for issue in &file.summary.syntax_errors {
            findings.push(finding(
                locale,
                &file.path,
                issue.position,
                issue.id.clone(),
                FindingKind::SyntaxError,
                issue.message.clone(),
            ));
        }
    }

    let mut defined: HashMap<&str, (&FileData, Position)> = HashMap::new();
    for (file, entry) in locale.entries() {
        match defined.get(entry.id.as_str()) {
            Some(&(first_file, first_position)) => findings.push(finding(
                locale,
                &file.path,
                entry.position,
                entry.id.clone(),
                FindingKind::DuplicateId,
                format!(
                    "`{}` is already defined at {}; remove or rename one of them",
                    entry.id,
                    place(first_file, first_position)
                ),
            )),
            None => {
                defined.insert(&entry.id, (file, entry.position));
            }
        }

        let mut attribute_positions: HashMap<&str, Position> = HashMap::new();
        for attribute in &entry.attributes {
            match attribute_positions.get(attribute.name.as_str()) {
                Some(&first_position) => findings.push(finding(
                    locale,
                    &file.path,
                    attribute.position,
                    pattern_id(entry, Some(&attribute.name)),
                    FindingKind::DuplicateAttribute,
                    format!(
                        "attribute `.{}` of `{}` is already defined at {}",
                        attribute.name,
                        entry.id,
                        place(file, first_position)
                    ),
                )),
                None => {
                    attribute_positions.insert(&attribute.name, attribute.position);
                }
            }
        }

        let patterns = entry
            .value
            .iter()
            .map(|pattern| (None, entry.position, pattern))
            .chain(entry.attributes.iter().map(|attribute| {
                (
                    Some(attribute.name.as_str()),
                    attribute.position,
                    &attribute.pattern,
                )
            }));
        for (attribute, position, pattern) in patterns {
            let id = pattern_id(entry, attribute);
            check_references(locale, file, &id, pattern, findings);
            check_plural_categories(locale, file, &id, pattern, findings);
            if pattern.is_blank {
                findings.push(finding(
                    locale,
                    &file.path,
                    position,
                    id.clone(),
                    FindingKind::EmptyValue,
                    format!("`{id}` is empty; give it text or remove it"),
                ));
            }
        }
    }
}

/// `unknown_reference`: every message, term and attribute a pattern references
/// must be defined in the same locale, since a Fluent bundle resolves
/// references only within itself.
fn check_references(
    locale: &LocaleData,
    file: &FileData,
    id: &str,
    pattern: &PatternSummary,
    findings: &mut Vec<Finding>,
) {
    for reference in &pattern.references {
        let problem = match locale.get(&reference.id) {
            None => Some(format!(
                "`{id}` references `{}`, which `{}` does not define",
                reference.display(),
                locale.locale
            )),
            Some((_, entry)) => match &reference.attribute {
                Some(name) if entry.attribute(name).is_none() => Some(format!(
                    "`{id}` references `{}`, but `{}` has no attribute `.{name}`",
                    reference.display(),
                    reference.id
                )),
                None if entry.value.is_none() => Some(format!(
                    "`{id}` references the value of `{}`, which only has attributes",
                    reference.id
                )),
                _ => None,
            },
        };
        if let Some(message) = problem {
            findings.push(finding(
                locale,
                &file.path,
                reference.position,
                id,
                FindingKind::UnknownReference,
                message,
            ));
        }
    }
}

/// `missing_plural_category`: a select on a number variable whose keys are
/// plural categories (or numbers) should have a variant for every CLDR
/// cardinal category of the locale. The parser already rejects a select
/// without a default variant, so a missing category always falls back to the
/// default: a warning, not an error.
fn check_plural_categories(
    locale: &LocaleData,
    file: &FileData,
    id: &str,
    pattern: &PatternSummary,
    findings: &mut Vec<Finding>,
) {
    let Some(categories) = &locale.plural_categories else {
        return;
    };
    for select in &pattern.selects {
        let keys_are_plural = select.keys.iter().all(|key| match key {
            VariantKey::Identifier(name) => is_plural_category(name),
            VariantKey::Number(_) => true,
        });
        let has_category = select
            .keys
            .iter()
            .any(|key| matches!(key, VariantKey::Identifier(_)));
        if !(select.numeric_variable && keys_are_plural && has_category) {
            continue;
        }
        let missing: Vec<&str> = categories
            .iter()
            .copied()
            .filter(|category| {
                !select
                    .keys
                    .iter()
                    .any(|key| matches!(key, VariantKey::Identifier(name) if name == category))
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        let default = select
            .default_key
            .as_ref()
            .map_or_else(String::new, |key| format!(" `[{}]`", key.as_str()));
        findings.push(finding(
            locale,
            &file.path,
            select.position,
            id,
            FindingKind::MissingPluralCategory,
            format!(
                "`{id}` has no variant for the `{}` plural categor{} {}; the default variant{default} is used instead",
                locale.locale,
                if missing.len() == 1 { "y" } else { "ies" },
                missing.join(", ")
            ),
        ));
    }
}

/// The checks that compare a target locale with the reference locale.
fn compare_locales(reference: &LocaleData, target: &LocaleData, findings: &mut Vec<Finding>) {
    for (reference_file, entry) in reference.first_entries() {
        if target.get(&entry.id).is_some() || target.junk_ids.contains(&entry.id) {
            continue;
        }
        // The entry belongs in the target's file of the same name; the file
        // may not exist yet, and there is no line to point at, so 1:1.
        let kind = match entry.kind {
            EntryKind::Message => FindingKind::MissingMessage,
            EntryKind::Term => FindingKind::MissingTerm,
        };
        findings.push(finding(
            target,
            &target.dir.join(&reference_file.name),
            Position::START,
            entry.id.clone(),
            kind,
            format!(
                "`{}` is defined in `{}` ({}) but not in `{}`; add its translation to {}",
                entry.id,
                reference.locale,
                place(reference_file, entry.position),
                target.locale,
                reference_file.name
            ),
        ));
    }

    // A term only the translation has is not a leftover while the
    // translation uses it: terms are private and may be locale-specific.
    let referenced_terms: BTreeSet<&str> = target
        .entries()
        .flat_map(|(_, entry)| {
            entry
                .value
                .iter()
                .chain(entry.attributes.iter().map(|attribute| &attribute.pattern))
        })
        .flat_map(|pattern| &pattern.references)
        .filter(|reference| reference.kind == EntryKind::Term)
        .map(|reference| reference.id.as_str())
        .collect();
    for (target_file, entry) in target.first_entries() {
        match reference.get(&entry.id) {
            None if reference.junk_ids.contains(&entry.id) => {}
            None if entry.kind == EntryKind::Term
                && referenced_terms.contains(entry.id.as_str()) => {}
            None => {
                let kind = match entry.kind {
                    EntryKind::Message => FindingKind::ObsoleteMessage,
                    EntryKind::Term => FindingKind::ObsoleteTerm,
                };
                findings.push(finding(
                    target,
                    &target_file.path,
                    entry.position,
                    entry.id.clone(),
                    kind,
                    format!(
                        "`{}` is not in the reference locale `{}`; remove it",
                        entry.id, reference.locale
                    ),
                ));
            }
            // Terms are private to a locale: their attributes (grammatical
            // facts such as gender) and parameters may differ by design, so
            // only their presence is compared.
            Some((_, reference_entry)) if entry.kind == EntryKind::Message => {
                compare_messages(
                    reference,
                    reference_entry,
                    target,
                    target_file,
                    entry,
                    findings,
                );
            }
            Some(_) => {}
        }
    }
}

/// Compares one message present in both locales.
fn compare_messages(
    reference: &LocaleData,
    reference_entry: &EntrySummary,
    target: &LocaleData,
    target_file: &FileData,
    entry: &EntrySummary,
    findings: &mut Vec<Finding>,
) {
    let id = &entry.id;
    match (&reference_entry.value, &entry.value) {
        (Some(_), None) => findings.push(finding(
            target,
            &target_file.path,
            entry.position,
            id.clone(),
            FindingKind::MissingValue,
            format!("`{id}` has a value in `{}` but none here", reference.locale),
        )),
        (None, Some(_)) => findings.push(finding(
            target,
            &target_file.path,
            entry.position,
            id.clone(),
            FindingKind::UnexpectedValue,
            format!(
                "`{id}` has no value in `{}`, only attributes; remove the value",
                reference.locale
            ),
        )),
        (Some(reference_pattern), Some(target_pattern)) => compare_variables(
            reference,
            reference_pattern,
            target,
            target_file,
            target_pattern,
            (id, entry.position),
            findings,
        ),
        (None, None) => {}
    }

    let mut reported = BTreeSet::new();
    for reference_attribute in &reference_entry.attributes {
        let name = &reference_attribute.name;
        if !reported.insert(name) {
            continue;
        }
        match entry.attribute(name) {
            None => findings.push(finding(
                target,
                &target_file.path,
                entry.position,
                pattern_id(entry, Some(name)),
                FindingKind::MissingAttribute,
                format!(
                    "`{id}` has no attribute `.{name}`, which it has in `{}`",
                    reference.locale
                ),
            )),
            Some(target_attribute) => compare_variables(
                reference,
                &reference_attribute.pattern,
                target,
                target_file,
                &target_attribute.pattern,
                (&pattern_id(entry, Some(name)), target_attribute.position),
                findings,
            ),
        }
    }
    let mut seen = BTreeSet::new();
    for target_attribute in &entry.attributes {
        let name = &target_attribute.name;
        if seen.insert(name) && reference_entry.attribute(name).is_none() {
            findings.push(finding(
                target,
                &target_file.path,
                target_attribute.position,
                pattern_id(entry, Some(name)),
                FindingKind::ObsoleteAttribute,
                format!(
                    "`{id}` has no attribute `.{name}` in `{}`; remove it",
                    reference.locale
                ),
            ));
        }
    }
}

/// `missing_variable` / `unexpected_variable` between two patterns of the same
/// message or attribute. `(id, position)` name the target pattern.
fn compare_variables(
    reference: &LocaleData,
    reference_pattern: &PatternSummary,
    target: &LocaleData,
    target_file: &FileData,
    target_pattern: &PatternSummary,
    (id, position): (&str, Position),
    findings: &mut Vec<Finding>,
) {
    let reference_variables = reference.variables(reference_pattern);
    let target_variables = target.variables(target_pattern);
    for name in reference_variables.keys() {
        if !target_variables.contains_key(name) {
            findings.push(finding(
                target,
                &target_file.path,
                position,
                id,
                FindingKind::MissingVariable,
                format!(
                    "`{id}` does not use `${name}`, which it uses in `{}`",
                    reference.locale
                ),
            ));
        }
    }
    for (name, variable_position) in &target_variables {
        if !reference_variables.contains_key(name) {
            findings.push(finding(
                target,
                &target_file.path,
                *variable_position,
                id,
                FindingKind::UnexpectedVariable,
                format!(
                    "`{id}` uses `${name}`, which it does not use in `{}`; the renderer may not pass it",
                    reference.locale
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` (`locale/name.ftl`, text) to a temporary locales folder,
    /// checks `targets` against `ja`, and returns `(locale, kind, id, line, col)`.
    fn check(
        files: &[(&str, &str)],
        targets: &[&str],
    ) -> Vec<(String, FindingKind, String, usize, usize)> {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let targets: Vec<String> = targets.iter().map(|t| (*t).to_owned()).collect();
        check_locales(dir.path(), "ja", &targets)
            .expect("check")
            .into_iter()
            .map(|f| (f.locale, f.kind, f.id, f.line, f.col))
            .collect()
    }

    fn row(
        locale: &str,
        kind: FindingKind,
        id: &str,
        line: usize,
        col: usize,
    ) -> (String, FindingKind, String, usize, usize) {
        (locale.to_owned(), kind, id.to_owned(), line, col)
    }

    #[test]
    fn missing_locales_dir_has_no_findings() {
        let findings = check_locales(Path::new("/nonexistent/yaku/locales"), "ja", &[]);
        assert_eq!(findings.expect("check"), vec![]);
    }

    #[test]
    fn missing_reference_folder_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let result = check_locales(dir.path(), "ja", &["en".to_owned()]);
        assert!(matches!(result, Err(CheckError::MissingReference { .. })));
    }

    #[test]
    fn invalid_locale_tag_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let result = check_locales(dir.path(), "ja", &["not a tag".to_owned()]);
        assert!(matches!(result, Err(CheckError::InvalidLocale { .. })));
    }

    #[test]
    fn reference_locale_is_checked_for_unknown_references() {
        let findings = check(&[("ja/a.ftl", "msg = { -brand }です\n")], &[]);
        assert_eq!(
            findings,
            [row("ja", FindingKind::UnknownReference, "msg", 1, 9)]
        );
    }

    #[test]
    fn reference_to_value_of_attribute_only_message_is_unknown() {
        let findings = check(
            &[(
                "ja/a.ftl",
                "cta =\n    .heading = 見出し\nmsg = { cta }\nok = { cta.heading }\n",
            )],
            &[],
        );
        assert_eq!(
            findings,
            [row("ja", FindingKind::UnknownReference, "msg", 3, 9)]
        );
    }

    #[test]
    fn variables_through_message_references_count() {
        // ja passes $station to `walk` through a reference, en uses it directly.
        let findings = check(
            &[
                ("ja/a.ftl", "walk = { $station }駅\nfoot = { walk }\n"),
                (
                    "en/a.ftl",
                    "walk = { $station } Station\nfoot = { $station } Station\n",
                ),
            ],
            &["en"],
        );
        assert_eq!(findings, []);
    }

    #[test]
    fn a_term_only_the_translation_has_is_not_obsolete_while_used() {
        let findings = check(
            &[
                ("ja/a.ftl", "msg = 予約\n"),
                (
                    "en/a.ftl",
                    "-book = Book\nmsg = { -book } now\n-unused = x\n",
                ),
            ],
            &["en"],
        );
        assert_eq!(
            findings,
            [row("en", FindingKind::ObsoleteTerm, "-unused", 3, 1)]
        );
    }

    #[test]
    fn columns_of_unexpected_variables_count_characters() {
        let findings = check(
            &[
                ("ja/a.ftl", "msg = 布施\n"),
                ("zh-Hans/a.ftl", "msg = 距布施站{ $minutes }分钟\n"),
            ],
            &["zh-Hans"],
        );
        assert_eq!(
            findings,
            [row(
                "zh-Hans",
                FindingKind::UnexpectedVariable,
                "msg",
                1,
                13
            )]
        );
    }

    #[test]
    fn broken_entry_is_not_also_reported_missing() {
        let findings = check(
            &[("ja/a.ftl", "msg = 値\n"), ("en/a.ftl", "msg = { $x\n")],
            &["en"],
        );
        assert_eq!(
            findings,
            [row("en", FindingKind::SyntaxError, "msg", 1, 11)]
        );
    }

    #[test]
    fn file_that_is_not_utf8_is_a_syntax_error_at_the_bad_byte() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("ja")).expect("mkdir");
        std::fs::write(dir.path().join("ja/a.ftl"), b"msg = \xFF\n").expect("write");
        let findings = check_locales(dir.path(), "ja", &[]).expect("check");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::SyntaxError);
        assert_eq!((findings[0].line, findings[0].col), (1, 7));
    }

    #[test]
    fn missing_message_points_at_the_file_of_the_same_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in [("ja/cta.ftl", "msg = 値\n"), ("en/other.ftl", "")] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let findings = check_locales(dir.path(), "ja", &["en".to_owned()]).expect("check");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].path, dir.path().join("en").join("cta.ftl"));
        assert_eq!(findings[0].kind, FindingKind::MissingMessage);
    }

    #[test]
    fn findings_are_sorted_and_serialize_snake_case() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("ja")).expect("mkdir");
        std::fs::write(dir.path().join("ja/a.ftl"), "b = x\na = x\n").expect("write");
        let targets = ["zh-Hans".to_owned(), "en".to_owned()];
        let findings = check_locales(dir.path(), "ja", &targets).expect("check");
        let locales: Vec<&str> = findings.iter().map(|f| f.locale.as_str()).collect();
        assert_eq!(locales, ["en", "zh-Hans"]);
        let json = serde_json::to_value(&findings[0]).expect("json");
        assert_eq!(json["kind"], "missing-locale");
        assert_eq!(json["severity"], "error");
    }
}
