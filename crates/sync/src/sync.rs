//! Sync: rewriting a translation file into the source's shape.
//!
//! The new file is assembled from whole pieces: translated sections are copied byte for
//! byte from the old file, missing ones become placeholders holding the source text, and
//! sections the source dropped move to the obsolete area. Only heading marks (`##`) are
//! ever edited inside a translated section, when the source changed the level.

use rustc_hash::{FxHashMap, FxHashSet};

use yaku_content::{
    render_obsolete_area, Dialect, Document, Marker, Section, SectionId, SectionKind,
};

use crate::align::{renames, Baselines, NoBaselines};

/// How sync treats sections the source no longer has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncOptions {
    /// Delete obsolete sections instead of keeping them in the obsolete area.
    pub purge_obsolete: bool,
}

/// The rewritten translation and what changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// The new text of the translation file.
    pub text: String,
    /// Placeholders inserted for missing sections.
    pub inserted: Vec<SectionId>,
    /// Sections moved back from the obsolete area.
    pub restored: Vec<SectionId>,
    /// Sections moved into the obsolete area.
    pub obsoleted: Vec<SectionId>,
    /// Sections deleted by `purge_obsolete`.
    pub purged: Vec<SectionId>,
    /// Sections whose heading level was changed to the source's.
    pub relevelled: Vec<SectionId>,
    /// Untouched placeholders whose source changed, replaced by the source's new text.
    pub refreshed: Vec<SectionId>,
    /// Sections whose id the source renamed, renamed in place: (old id, new id).
    pub renamed: Vec<(SectionId, SectionId)>,
    /// Untouched placeholders of sections the source dropped, removed rather than
    /// parked: they hold only the source's old text, no translation.
    pub dropped: Vec<SectionId>,
}

/// Brings `translation` (`None`: the file does not exist yet) into the shape of `source`.
pub fn sync_document(
    source: &Document,
    translation: Option<&Document>,
    options: SyncOptions,
) -> SyncOutcome {
    sync_document_with(source, translation, options, &NoBaselines)
}

/// [`sync_document`], finding renames whose heading text changed too by their
/// `baselines` (see [`crate::align_with`]).
pub fn sync_document_with(
    source: &Document,
    translation: Option<&Document>,
    options: SyncOptions,
    baselines: &dyn Baselines,
) -> SyncOutcome {
    let le = translation.map_or_else(|| source.line_ending(), Document::line_ending);
    // The form of the lines sync writes: the translation's dialect (a new translation
    // has its source's extension).
    let dialect = translation.map_or(source.dialect, |t| t.dialect);
    let mut outcome = SyncOutcome::default();
    let mut out = Assembler {
        out: String::new(),
        le,
        last_end: None,
    };
    let find = |kind: SectionKind| {
        translation.and_then(|t| t.sections.iter().find(|s| s.kind == kind).map(|s| (t, s)))
    };

    // Front matter: the translation's own, or a placeholder copied from the source.
    let source_fm = source
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::FrontMatter);
    match (find(SectionKind::FrontMatter), source_fm) {
        (Some((_, fm)), Some(source_fm)) if needs_refresh(fm, source_fm) => {
            out.push(&front_matter_placeholder(source, source_fm, le), None);
            outcome.refreshed.push(fm.id.clone());
        }
        (Some((t, fm)), _) => out.push(t.slice(&fm.span), Some(fm.span.clone())),
        (None, Some(fm)) => {
            out.push(&front_matter_placeholder(source, fm, le), None);
            if fm.is_tracked() {
                outcome.inserted.push(fm.id.clone());
            }
        }
        (None, None) => {}
    }

    // Lead: the translation's own unless it is empty and the source's is not.
    let source_lead = source.sections.iter().find(|s| s.kind == SectionKind::Lead);
    let translated_lead = find(SectionKind::Lead);
    let lead_has_content =
        translated_lead.is_some_and(|(_, lead)| !lead.is_blank || lead.marker.is_some());
    // A placeholder that replaces the translation's lead keeps what comes before the
    // lead's text: the file's byte-order mark.
    let bom = translated_lead.map_or("", |(t, lead)| &t.text[lead.span.start..t.text_start(lead)]);
    match (source_lead, translated_lead) {
        (Some(lead), _) if lead.is_tracked() && !lead_has_content => {
            let placeholder = lead_placeholder(source, lead, le, dialect);
            out.push(&format!("{bom}{placeholder}"), None);
            outcome.inserted.push(lead.id.clone());
        }
        (Some(lead), Some((_, translated))) if needs_refresh(translated, lead) => {
            let placeholder = lead_placeholder(source, lead, le, dialect);
            out.push(&format!("{bom}{placeholder}"), None);
            outcome.refreshed.push(lead.id.clone());
        }
        (_, Some((t, lead))) if !lead.span.is_empty() => {
            out.push(t.slice(&lead.span), Some(lead.span.clone()))
        }
        _ => {}
    }

    // Headed sections, in source order.
    let translated: FxHashMap<&str, &Section> = translation
        .map(|t| {
            heading_sections(&t.sections)
                .map(|s| (s.id.as_str(), s))
                .collect()
        })
        .unwrap_or_default();
    let area = translation.and_then(|t| t.obsolete.as_ref());
    let parked: Vec<&Section> = area
        .map(|area| heading_sections(&area.sections).collect())
        .unwrap_or_default();
    let source_ids: FxHashSet<&str> = heading_sections(&source.sections)
        .map(|s| s.id.as_str())
        .collect();
    // Sections whose id the source renamed, by source index; their old ids are not
    // obsolete.
    let renames: FxHashMap<usize, usize> = translation
        .map(|t| renames(source, t, baselines).into_iter().collect())
        .unwrap_or_default();
    let renamed_away: FxHashSet<usize> = renames.values().copied().collect();

    for (source_index, source_section) in source.sections.iter().enumerate() {
        if source_section.kind != SectionKind::Heading || source_section.id.as_str().is_empty() {
            continue;
        }
        let id = source_section.id.as_str();
        if let (Some(t), Some(&i)) = (translation, renames.get(&source_index)) {
            let section = &t.sections[i];
            let renamed = rename(t.slice(&section.span), section, &source_section.id);
            outcome
                .renamed
                .push((section.id.clone(), source_section.id.clone()));
            let piece = relevel(&renamed, section, source_section.level, &mut outcome);
            out.push(&piece, Some(section.span.clone()));
            continue;
        }
        // A translated section keeps its place next to its old neighbours; one that comes
        // back from the obsolete area is new text here.
        let found = match (translation, translated.get(id)) {
            (Some(t), Some(section)) => Some((t.slice(&section.span), *section, true)),
            _ => area.and_then(|area| {
                let section = parked.iter().copied().find(|s| s.id.as_str() == id)?;
                outcome.restored.push(section.id.clone());
                Some((area.slice(&section.span), section, false))
            }),
        };
        match found {
            Some((_, section, true)) if needs_refresh(section, source_section) => {
                outcome.refreshed.push(section.id.clone());
                out.push(
                    &section_placeholder(source, source_section, le, dialect),
                    None,
                );
            }
            Some((text, section, in_place)) => {
                let piece = relevel(text, section, source_section.level, &mut outcome);
                out.push(&piece, in_place.then(|| section.span.clone()));
            }
            None => {
                outcome.inserted.push(source_section.id.clone());
                out.push(
                    &section_placeholder(source, source_section, le, dialect),
                    None,
                );
            }
        }
    }

    // Sections the source no longer has, and the obsolete area.
    let Some(t) = translation else {
        outcome.text = out.out;
        return outcome;
    };
    let (untouched, newly_obsolete): (Vec<&Section>, Vec<&Section>) = t
        .sections
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.kind == SectionKind::Heading
                && !s.id.as_str().is_empty()
                && !source_ids.contains(s.id.as_str())
                && !renamed_away.contains(i)
        })
        .map(|(_, s)| s)
        .partition(|s| is_untouched_placeholder(s));
    outcome.dropped = untouched.iter().map(|s| s.id.clone()).collect();
    let still_parked: Vec<&Section> = parked
        .iter()
        .copied()
        .filter(|s| !source_ids.contains(s.id.as_str()))
        .collect();
    let has_obsolete = !(still_parked.is_empty() && newly_obsolete.is_empty());
    let writes_area = has_obsolete && !options.purge_obsolete;
    if t.obsolete.is_some() && !writes_area {
        // The area goes away: take back the blank line that was added to set it off.
        let blank = format!("{le}{le}");
        if out.out.ends_with(&blank) {
            out.out.truncate(out.out.len() - le.len());
        }
    }
    if options.purge_obsolete {
        outcome.purged = still_parked
            .iter()
            .chain(&newly_obsolete)
            .map(|s| s.id.clone())
            .collect();
    } else if newly_obsolete.is_empty() && outcome.restored.is_empty() {
        // Nothing moves in or out: keep the area exactly as it is.
        if let Some(area) = &t.obsolete {
            out.push(t.slice(&area.span), Some(area.span.clone()));
        }
    } else if has_obsolete {
        outcome.obsoleted = newly_obsolete.iter().map(|s| s.id.clone()).collect();
        let pieces = still_parked
            .iter()
            .filter_map(|s| area.map(|area| area.slice(&s.span)))
            .chain(newly_obsolete.iter().map(|s| t.slice(&s.span)));
        out.push(&render_obsolete_area(pieces, le, dialect), None);
    }
    outcome.text = out.out;
    outcome
}

/// Whether `translated` is a placeholder nobody has touched, made from another version
/// of `source` than the one now: sync replaces it with the source's new text. A
/// placeholder without a recorded fingerprint (yaku 0.1) is never refreshed: what it
/// held is unknown.
fn needs_refresh(translated: &Section, source: &Section) -> bool {
    is_untouched_placeholder(translated)
        && translated.marker()
            != Some(Marker::Placeholder {
                source: source.fingerprint(),
            })
}

/// Whether `section` is a placeholder whose text is still the source text it was made
/// from: nothing of a translator's is in it.
fn is_untouched_placeholder(section: &Section) -> bool {
    matches!(
        section.marker(),
        Some(Marker::Placeholder { source: held }) if held == section.fingerprint()
    )
}

fn heading_sections(sections: &[Section]) -> impl Iterator<Item = &Section> {
    sections
        .iter()
        .filter(|s| s.kind == SectionKind::Heading && !s.id.as_str().is_empty())
}

/// Assembles the new file from pieces, remembering where each came from so that pieces
/// that were neighbours in the old file stay exactly as they were.
struct Assembler<'a> {
    out: String,
    le: &'a str,
    /// Where the previous piece ended in the old file, if it came from there.
    last_end: Option<usize>,
}

impl Assembler<'_> {
    /// Appends a piece; `origin` is its span in the old file (`None`: new text). A piece
    /// that did not follow the previous one in the old file is set off by a blank line.
    fn push(&mut self, piece: &str, origin: Option<std::ops::Range<usize>>) {
        let contiguous = matches!((&origin, self.last_end), (Some(o), Some(end)) if o.start == end);
        if !self.out.is_empty() && !contiguous {
            if !self.out.ends_with('\n') {
                self.out.push_str(self.le);
            }
            if !self.out.ends_with(&format!("{}{}", self.le, self.le))
                && !self.out.ends_with("\n\n")
            {
                self.out.push_str(self.le);
            }
        } else if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push_str(self.le);
        }
        self.out.push_str(piece);
        self.last_end = origin.map(|o| o.end);
    }
}

/// The section's bytes (`text`) with the id in its heading changed to `new`: the id
/// attribute (`{#old}`, or `#old` among other attributes) and nothing else.
fn rename(text: &str, section: &Section, new: &SectionId) -> String {
    let heading_len = section.heading_span.end.saturating_sub(section.span.start);
    let heading = &text[..heading_len.min(text.len())];
    let needle = format!("#{}", section.id.as_str());
    let at = heading
        .rmatch_indices(&needle)
        .map(|(at, _)| at)
        .find(|&at| {
            let before = heading[..at].chars().next_back();
            let after = heading[at + needle.len()..].chars().next();
            matches!(before, Some('{' | ' ' | '\t'))
                && matches!(after, Some('}' | ' ' | '\t' | '.'))
        });
    match at {
        Some(at) => format!(
            "{}#{}{}",
            &text[..at],
            new.as_str(),
            &text[at + needle.len()..]
        ),
        None => text.to_string(),
    }
}

/// The section's bytes (`text`), with the heading marks changed to `level` if they differ.
fn relevel(text: &str, section: &Section, level: u8, outcome: &mut SyncOutcome) -> String {
    if section.level == level || section.level == 0 {
        return text.to_string();
    }
    let indent = text.len() - text.trim_start_matches(' ').len();
    let hashes = text[indent..].len() - text[indent..].trim_start_matches('#').len();
    if hashes == 0 {
        // An underlined heading: leave it; the level check reports it.
        return text.to_string();
    }
    outcome.relevelled.push(section.id.clone());
    format!(
        "{}{}{}",
        &text[..indent],
        "#".repeat(usize::from(level)),
        &text[indent + hashes..]
    )
}

fn convert_line_endings(text: &str, le: &str) -> String {
    let unified = text.replace("\r\n", "\n");
    if le == "\n" {
        unified
    } else {
        unified.replace('\n', le)
    }
}

/// The source's front matter for a translation that has none: the body as the source
/// writes it (its marker, which a source should not have, left out), marked untranslated,
/// between the format's own delimiter lines.
fn front_matter_placeholder(source: &Document, fm: &Section, le: &str) -> String {
    let Some(front_matter) = &source.front_matter else {
        return String::new();
    };
    let format = front_matter.format;
    let body_span = &front_matter.body_span;
    let mut body = source.slice(body_span).to_string();
    if let Some((_, marker_span)) = &front_matter.marker {
        body.replace_range(
            marker_span.start - body_span.start..marker_span.end - body_span.start,
            "",
        );
    }
    let mut out = format!("{}{le}", format.open());
    if fm.is_tracked() {
        out.push_str(&format.marker_line(Marker::Placeholder {
            source: fm.fingerprint(),
        }));
        out.push_str(le);
    }
    out.push_str(&convert_line_endings(&body, le));
    out.push_str(format.close());
    out.push_str(le);
    out
}

fn lead_placeholder(source: &Document, lead: &Section, le: &str, dialect: Dialect) -> String {
    // Without the file's byte-order mark (`text_without_marker` starts after it); a
    // second one is text.
    let text = source.text_without_marker(lead);
    let body = convert_line_endings(without_leading_blank_lines(&text), le);
    let marker = Marker::Placeholder {
        source: lead.fingerprint(),
    };
    format!("{}{le}{le}{body}", marker.to_line(dialect))
}

/// `text` from its first line that is not blank. That line keeps its indentation, which
/// is Markdown: four spaces or a tab make it code (found by the `sync` fuzz target).
fn without_leading_blank_lines(text: &str) -> &str {
    let mut rest = text;
    while let Some(end) = rest.find('\n') {
        if !rest[..end].trim().is_empty() {
            break;
        }
        rest = &rest[end + 1..];
    }
    if rest.trim().is_empty() {
        ""
    } else {
        rest
    }
}

fn section_placeholder(source: &Document, section: &Section, le: &str, dialect: Dialect) -> String {
    // A translation's ids are written: a source heading whose id its renderer gives it
    // (`id-style`) gets that id in the placeholder.
    let heading = if section.id_derived {
        yaku_content::heading_with_id(source.slice(&section.heading_span), section.id.as_str())
    } else {
        source.slice(&section.heading_span).to_string()
    };
    let heading = convert_line_endings(&heading, le);
    let mut out = heading;
    if !out.ends_with('\n') {
        out.push_str(le);
    }
    out.push_str(
        &Marker::Placeholder {
            source: section.fingerprint(),
        }
        .to_line(dialect),
    );
    out.push_str(le);
    let body_span = section.heading_span.end..section.span.end;
    let body = match &section.marker {
        Some((_, marker)) if marker.start >= body_span.start => {
            format!(
                "{}{}",
                &source.text[body_span.start..marker.start],
                &source.text[marker.end..body_span.end]
            )
        }
        _ => source.slice(&body_span).to_string(),
    };
    out.push_str(&convert_line_endings(&body, le));
    out
}
