//! A document as the section rules read it. What a rule reads from a section (its
//! masked text, numbers, citations, DOIs) is worked out on first use and kept, so a
//! source document prepared once is read once however many translations it is checked
//! against.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;

use yaku_content::{extract_references, Citation, Document, Reference, Section};

use crate::text::SectionText;
use crate::{citations, language, numbers};

/// One document (source or translation) and its locale, prepared for
/// [`check_sections`](crate::check_sections). Not shared between threads: each thread
/// prepares the documents it checks.
#[derive(Debug)]
pub struct PreparedDocument<'a> {
    document: &'a Document,
    locale: &'a str,
    /// The language subtag of `locale`, lowercase (`zh-Hans` → `zh`).
    language: String,
    /// The document's reference list, found on first use.
    references: OnceCell<Vec<Reference>>,
    /// One slot per section of `document`, in the same order.
    sections: Vec<OnceCell<SectionFacts>>,
}

impl<'a> PreparedDocument<'a> {
    /// Prepares `document`, written in `locale`. Nothing is read from it until a rule
    /// asks.
    pub fn new(document: &'a Document, locale: &'a str) -> PreparedDocument<'a> {
        PreparedDocument {
            document,
            locale,
            language: language(locale),
            references: OnceCell::new(),
            sections: document.sections.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// The document.
    pub fn document(&self) -> &'a Document {
        self.document
    }

    /// The locale tag (`ja`, `en`, `zh-Hans`).
    pub fn locale(&self) -> &'a str {
        self.locale
    }

    /// The language subtag of the locale, lowercase (`zh-Hans` → `zh`).
    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// The whole document's reference list.
    pub(crate) fn references(&self) -> &[Reference] {
        self.references
            .get_or_init(|| extract_references(&self.document.text))
    }

    /// The section `id` and what the rules read from it, if the document has it.
    pub(crate) fn section(&self, id: &str) -> Option<(&'a Section, &SectionFacts)> {
        let index = self.document.section_index(id)?;
        let section = &self.document.sections[index];
        let facts = self.sections[index].get_or_init(|| SectionFacts {
            text: SectionText::new(self.document, section),
            words: numbers::Words::of_language(self.language()),
            digits: OnceCell::new(),
            numbers: OnceCell::new(),
            references: OnceCell::new(),
            citations: OnceCell::new(),
            identifiers: OnceCell::new(),
            ignored: OnceCell::new(),
        });
        Some((section, facts))
    }
}

/// What the rules read from one section, each part found on first use.
#[derive(Debug)]
pub(crate) struct SectionFacts {
    /// The section's text, prepared.
    pub text: SectionText,
    /// The number words of the section's language (`two`, `二つ`, `两`, `두`).
    words: numbers::Words,
    digits: OnceCell<Vec<numbers::Number>>,
    numbers: OnceCell<Vec<numbers::Number>>,
    references: OnceCell<Vec<Range<usize>>>,
    citations: OnceCell<Citations>,
    identifiers: OnceCell<Vec<String>>,
    ignored: OnceCell<BTreeSet<String>>,
}

/// The citations of a section and their comparison keys (`Shah et al., 2025`).
#[derive(Debug)]
pub(crate) struct Citations {
    /// The citations, in order.
    pub citations: Vec<Citation>,
    /// `key(citation)` for each.
    pub keys: Vec<String>,
}

impl SectionFacts {
    /// The numbers written with digits in the text, link targets left out.
    pub fn digits(&self) -> &[numbers::Number] {
        self.digits.get_or_init(|| {
            let masked = self.text.masked(&self.text.link_targets);
            numbers::extract(&masked, numbers::Words::None)
        })
    }

    /// [`Self::digits`] and the number words of the section's language (`two`,
    /// `twice`, `二つ`, `两`, `두`).
    pub fn numbers(&self) -> &[numbers::Number] {
        if self.words == numbers::Words::None {
            return self.digits();
        }
        self.numbers.get_or_init(|| {
            let masked = self.text.masked(&self.text.link_targets);
            numbers::extract(&masked, self.words)
        })
    }

    /// The spans of reference-list entries in the text.
    pub fn references(&self) -> &[Range<usize>] {
        self.references.get_or_init(|| {
            extract_references(&self.text.base)
                .into_iter()
                .map(|r| r.span)
                .collect()
        })
    }

    /// The citations of the text, reference entries, code and link targets left out.
    pub fn citations(&self) -> &Citations {
        self.citations.get_or_init(|| {
            let citations = citations::citations(&self.text, self.references());
            let keys = citations.iter().map(citations::key).collect();
            Citations { citations, keys }
        })
    }

    /// DOIs in the text and absolute link destinations, as `DOI …` and `URL …`.
    pub fn identifiers(&self, section: &Section) -> &[String] {
        self.identifiers
            .get_or_init(|| citations::identifiers(&self.text, &section.links))
    }

    /// The rules that `qa-ignore` lines of the section turn off.
    pub fn ignored(&self, document: &Document, section: &Section) -> &BTreeSet<String> {
        self.ignored
            .get_or_init(|| self.text.ignored_rules(document, section))
    }
}
