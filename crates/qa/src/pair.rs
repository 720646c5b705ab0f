//! The QA of one translation: which sections are compared, with which settings, in
//! which order. `yaku check` and the web workspace both ask [`check_pair`].

use std::collections::HashMap;

use yaku_content::Document;
use yaku_sync::{Alignment, Policy, SectionState};

use crate::{
    check_required_notices, check_sections, Finding, Glossary, Options, PreparedDocument, Rule,
    SectionStatus, Settings,
};

/// What the QA of one document in one locale runs with.
#[derive(Debug, Clone, Copy)]
pub struct PairOptions<'a> {
    /// The target locale.
    pub locale: &'a str,
    /// The rules to run (those the settings turn off are left out by [`check_pair`]).
    pub rules: &'a [Rule],
    /// The project glossary, if it has one.
    pub glossary: Option<&'a Glossary>,
    /// The project's severities.
    pub settings: &'a Settings,
    /// What the locale's build publishes for sections that are not current.
    pub policy: Policy,
}

/// The QA findings of one translation (`None`: the file does not exist), with the
/// project's severities, in section order, then rule, then line.
///
/// The section rules compare the sections a translator stands behind: current ones, and
/// stale ones edited since they were accepted (being updated). A stale section nobody
/// touched is an old translation of an old source, reported as stale and nothing more.
pub fn check_pair(
    source: &PreparedDocument<'_>,
    translation: Option<&Document>,
    alignments: &[Alignment],
    options: &PairOptions<'_>,
) -> Vec<Finding> {
    let rules: Vec<Rule> = options
        .rules
        .iter()
        .copied()
        .filter(|&rule| options.settings.enabled(options.locale, rule))
        .collect();
    let mut found = Vec::new();
    if let Some(translation) = translation {
        let ids: Vec<&str> = alignments
            .iter()
            .filter(|a| is_compared(a, translation))
            .map(|a| a.id.as_str())
            .collect();
        let prepared = PreparedDocument::new(translation, options.locale);
        found = check_sections(
            source,
            &prepared,
            &ids,
            &Options {
                glossary: options.glossary,
                rules: &rules,
                links: Some(options.settings.links()),
            },
        );
        if rules.contains(&Rule::FrontMatterData) {
            found.extend(front_matter_data(source.document(), &prepared));
        }
    }
    if rules.contains(&Rule::RequiredNotice) {
        let statuses: Vec<SectionStatus> = alignments
            .iter()
            .filter(|a| a.state != SectionState::Obsolete)
            .map(|a| SectionStatus {
                id: a.id.to_string(),
                state: a.state,
                line: a.line,
            })
            .collect();
        found.extend(check_required_notices(
            source.document(),
            translation,
            &statuses,
            options.policy,
        ));
    }
    let order: HashMap<&str, usize> = alignments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut found = options.settings.apply(options.locale, found);
    found.sort_by_key(|f| {
        (
            order.get(f.section.as_str()).copied().unwrap_or(usize::MAX),
            f.rule,
            f.line,
        )
    });
    found
}

/// The `front-matter-data` findings of a translation, unless its front matter says
/// `qa-ignore: front-matter-data`. Every translation's front matter is compared, tracked
/// or not (one without translatable text has no marker, but its data still counts).
fn front_matter_data(source: &Document, translation: &PreparedDocument<'_>) -> Vec<Finding> {
    let rule = Rule::FrontMatterData;
    if let Some((section, facts)) = translation.section(yaku_content::FRONT_MATTER_ID) {
        if facts
            .ignored(translation.document(), section)
            .contains(rule.as_str())
        {
            return Vec::new();
        }
    }
    crate::front_matter::check(source, translation.document())
        .into_iter()
        .map(|(line, message)| Finding {
            rule,
            severity: rule.default_severity(),
            section: yaku_content::FRONT_MATTER_ID.to_string(),
            line,
            message,
        })
        .collect()
}

/// Whether the section rules compare a section (see [`check_pair`]).
fn is_compared(alignment: &Alignment, translation: &Document) -> bool {
    let Some(section) = alignment
        .translation
        .and_then(|i| translation.sections.get(i))
    else {
        return false;
    };
    // A stale section nobody touched is an old translation of an old source; one being
    // updated (in progress) is compared. A current one always is: `check` finds none
    // without a marker, and `accept` asks about sections it would make current, markers
    // or not (a translation adopted from before yaku has none yet).
    match alignment.state {
        SectionState::Current => true,
        SectionState::InProgress => section.marker().is_some(),
        _ => false,
    }
}
