//! Accept: recording the source version a translation was made from.

use std::ops::Range;

use yaku_content::{Document, Marker, Section, SectionId, SectionKind};

use crate::align::align;
use crate::SectionState;

/// Which sections to accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AcceptSelection {
    /// These ids.
    Sections(Vec<String>),
    /// Every translated section (bringing an existing translation under yaku).
    All,
    /// Stale sections whose translated text changed since their baseline was recorded.
    Edited,
}

/// Why a section was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// The placeholder still holds the untranslated source text.
    Placeholder,
    /// The source has no such section.
    NotInSource,
    /// The translation has no such section yet (run `yaku sync`).
    NotInTranslation,
    /// Stale, and the translated text has not changed since its baseline was recorded:
    /// accepting it needs [`AcceptOptions::reviewed`] ("reviewed, no change needed").
    Unreviewed,
    /// The source renamed the section's id; `yaku sync` renames it first.
    Renamed,
    /// The QA rules found an error in the section (set by callers that run the QA,
    /// such as `yaku-project`; this crate knows nothing of the QA).
    QaError,
}

/// What [`accept_sections`] lets through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AcceptOptions {
    /// Accept a placeholder whose text is intentionally the source's (a reference list
    /// kept in its original language, say); otherwise it is refused.
    pub identical: bool,
    /// Accept a stale section whose translation has not changed since its baseline:
    /// reviewed, no change needed. Otherwise it is refused as [`Refusal::Unreviewed`].
    pub reviewed: bool,
}

/// The rewritten translation and what was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptOutcome {
    /// The new text of the translation file.
    pub text: String,
    /// Sections whose baseline is now the source's current fingerprint.
    pub accepted: Vec<SectionId>,
    /// Sections that were asked for and refused.
    pub refused: Vec<(String, Refusal)>,
}

/// Records the source's current fingerprint as the baseline of the selected sections.
/// Only marker lines change. A placeholder whose text is still the source's is refused
/// unless `options.identical` says the identical text is intended; a stale section whose
/// translation has not changed since its baseline is refused unless `options.reviewed`;
/// a renamed section is refused until sync renames it.
pub fn accept_sections(
    source: &Document,
    translation: &Document,
    selection: &AcceptSelection,
    options: AcceptOptions,
) -> AcceptOutcome {
    let le = translation.line_ending();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut accepted = Vec::new();
    let mut refused = Vec::new();

    let alignments = align(source, Some(translation));
    let wanted: std::collections::HashSet<&str> = match selection {
        AcceptSelection::Sections(ids) => ids.iter().map(String::as_str).collect(),
        _ => Default::default(),
    };
    if let AcceptSelection::Sections(ids) = selection {
        let by_id: std::collections::HashMap<&str, &crate::Alignment> =
            alignments.iter().map(|a| (a.id.as_str(), a)).collect();
        for id in ids {
            match by_id.get(id.as_str()) {
                None => refused.push((id.clone(), Refusal::NotInSource)),
                Some(a) if a.state == SectionState::Obsolete => {
                    refused.push((id.clone(), Refusal::NotInSource))
                }
                Some(a) if a.translation.is_none() => {
                    refused.push((id.clone(), Refusal::NotInTranslation))
                }
                Some(_) => {}
            }
        }
    }
    for alignment in &alignments {
        let (Some(si), Some(ti)) = (alignment.source, alignment.translation) else {
            continue;
        };
        let source_section = &source.sections[si];
        let section = &translation.sections[ti];
        if !section.is_tracked() {
            continue;
        }
        let selected = match selection {
            AcceptSelection::Sections(_) => wanted.contains(alignment.id.as_str()),
            AcceptSelection::All => true,
            // Stale sections being updated, and placeholders a translator has edited.
            AcceptSelection::Edited => match section.marker() {
                Some(Marker::Accepted { text, .. }) => {
                    alignment.state == SectionState::InProgress && text != section.fingerprint()
                }
                Some(Marker::Placeholder { source }) => section.fingerprint() != source,
                Some(Marker::Untranslated) => section.fingerprint() != source_section.fingerprint(),
                None => false,
            },
        };
        if !selected {
            continue;
        }
        let is_placeholder = match section.marker() {
            Some(Marker::Accepted { .. }) => false,
            // Untouched, whichever version of the source it holds.
            Some(Marker::Placeholder { source }) if source == section.fingerprint() => true,
            _ => section.fingerprint() == source_section.fingerprint(),
        };
        if is_placeholder && !options.identical {
            refused.push((alignment.id.to_string(), Refusal::Placeholder));
            continue;
        }
        if alignment.state == SectionState::Renamed {
            refused.push((alignment.id.to_string(), Refusal::Renamed));
            continue;
        }
        let unchanged = matches!(
            section.marker(),
            Some(Marker::Accepted { text, .. }) if text == section.fingerprint()
        );
        if alignment.state == SectionState::Stale && unchanged && !options.reviewed {
            refused.push((alignment.id.to_string(), Refusal::Unreviewed));
            continue;
        }
        let marker = Marker::Accepted {
            source: source_section.fingerprint(),
            text: section.fingerprint(),
        };
        accepted.push(alignment.id.clone());
        if section.marker() == Some(marker) {
            continue;
        }
        edits.push(marker_edit(translation, section, marker, le));
    }

    // Assembled front to back in one pass: editing in place would move the rest of the
    // file once per edit, quadratic in a file of many sections.
    edits.sort_by_key(|(range, _)| range.start);
    let mut text = String::with_capacity(translation.text.len() + edits.len() * 64);
    let mut copied = 0;
    for (range, replacement) in edits {
        text.push_str(&translation.text[copied..range.start]);
        text.push_str(&replacement);
        copied = range.end;
    }
    text.push_str(&translation.text[copied..]);
    AcceptOutcome {
        text,
        accepted,
        refused,
    }
}

/// The edit that puts `marker` on the section's marker line.
fn marker_edit(
    translation: &Document,
    section: &Section,
    marker: Marker,
    le: &str,
) -> (Range<usize>, String) {
    let rendered = match (section.kind, &translation.front_matter) {
        (SectionKind::FrontMatter, Some(front_matter)) => front_matter.format.marker_line(marker),
        _ => marker.to_line(translation.dialect),
    };
    if let Some((_, line)) = &section.marker {
        // Keep the line's own ending.
        let old = translation.slice(line);
        let ending = if old.ends_with("\r\n") {
            "\r\n"
        } else if old.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        return (line.clone(), format!("{rendered}{ending}"));
    }
    let at = match section.kind {
        SectionKind::FrontMatter => translation
            .front_matter
            .as_ref()
            .map_or(section.span.start, |fm| fm.body_span.start),
        // Where its text starts: after the file's byte-order mark, which stays first.
        SectionKind::Lead => translation.text_start(section),
        SectionKind::Heading => section.heading_span.end,
    };
    let needs_break_before =
        at > translation.content_start() && !translation.text[..at].ends_with('\n');
    let prefix = if needs_break_before { le } else { "" };
    (at..at, format!("{prefix}{rendered}{le}"))
}
