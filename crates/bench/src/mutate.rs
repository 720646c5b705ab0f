//! `mutate`: realistic edits to a fraction of the sources, and the ground truth of what
//! `yaku check` must report afterwards.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use yaku_content::{parse_document, Document, ParseOptions, SectionKind};
use yaku_project::Project;

use crate::rng::{key_of, Rng};
use crate::{CorpusInfo, Error, Mutation, Result};

/// How much to mutate.
#[derive(Debug, Clone)]
pub struct MutateOptions {
    /// The fraction of source articles to edit, 0 to 1 (rounded to a whole number).
    pub fraction: f64,
    /// Seed of every random choice.
    pub seed: u64,
}

/// One finding `yaku check --format json` reports: `(doc, locale, section, state)`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Finding {
    /// The document name.
    pub doc: String,
    /// The target locale.
    pub locale: String,
    /// The section id.
    pub section: String,
    /// `stale`, `missing`, `obsolete`, …
    pub state: String,
}

/// The findings one document must have in one locale (the document is the map key).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExpectedFinding {
    /// The target locale.
    pub locale: String,
    /// The section id.
    pub section: String,
    /// The state.
    pub state: String,
}

/// What was done to one source article, and what `yaku check` must say about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentTruth {
    /// The section of which one character changed: stale in every target.
    pub edited: String,
    /// The `###` section deleted: obsolete in every target.
    pub deleted: Option<String>,
    /// The two adjacent `###` sections that swapped places: no finding.
    pub moved: Vec<String>,
    /// The `##` section appended: missing in every target.
    pub added: String,
    /// Exactly the findings of `yaku check --format json` for this document, in the
    /// order it reports them (per locale: source order, then obsolete sections).
    pub findings: Vec<ExpectedFinding>,
}

/// The ground truth of a mutation run (`TRUTH.json`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Truth {
    /// Articles in the corpus.
    pub articles: usize,
    /// The fraction asked for.
    pub fraction: f64,
    /// The seed.
    pub seed: u64,
    /// Articles mutated.
    pub mutated: usize,
    /// The target locales.
    pub targets: Vec<String>,
    /// Per mutated document: what was done and what must be reported. Documents not
    /// listed must have no finding.
    pub documents: BTreeMap<String, DocumentTruth>,
}

impl Truth {
    /// Every finding `yaku check` must report, as a set.
    pub fn findings(&self) -> BTreeSet<Finding> {
        self.documents
            .iter()
            .flat_map(|(doc, truth)| {
                truth.findings.iter().map(move |f| Finding {
                    doc: doc.clone(),
                    locale: f.locale.clone(),
                    section: f.section.clone(),
                    state: f.state.clone(),
                })
            })
            .collect()
    }

    /// Reads a `TRUTH.json`.
    pub fn read(path: &Path) -> Result<Truth> {
        let text = fs::read_to_string(path)
            .map_err(|e| Error(format!("cannot read {}: {e}", path.display())))?;
        Ok(serde_json::from_str(&text)?)
    }

    /// The JSON text, pretty-printed with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a truth serializes");
        text.push('\n');
        text
    }

    /// Compares the output of `yaku check --format json` with the truth: `Ok` when it
    /// reports exactly the expected non-current sections and no file error, Fluent
    /// finding or QA finding, else a description of every difference.
    pub fn compare_check(&self, check_json: &str) -> std::result::Result<(), String> {
        let value: serde_json::Value = serde_json::from_str(check_json)
            .map_err(|e| format!("the check output is not JSON: {e}"))?;
        let actual = findings_of_check(&value)?;
        let expected = self.findings();
        let mut problems = Vec::new();
        for f in expected.difference(&actual) {
            problems.push(format!(
                "expected, not reported: {}#{} ({}) {}",
                f.doc, f.section, f.locale, f.state
            ));
        }
        for f in actual.difference(&expected) {
            problems.push(format!(
                "reported, not expected: {}#{} ({}) {}",
                f.doc, f.section, f.locale, f.state
            ));
        }
        for key in ["errors", "fluent", "qa"] {
            if let Some(list) = value[key].as_array().filter(|l| !l.is_empty()) {
                problems.push(format!("{} entries in `{key}`: {}", list.len(), list[0]));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }
}

/// The non-current sections in the JSON of `yaku check --format json`.
pub fn findings_of_check(
    value: &serde_json::Value,
) -> std::result::Result<BTreeSet<Finding>, String> {
    let sections = value["sections"]
        .as_array()
        .ok_or("the check output has no `sections` array")?;
    let field = |s: &serde_json::Value, key: &str| {
        s[key]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("a finding without `{key}`: {s}"))
    };
    let mut out = BTreeSet::new();
    for s in sections {
        let finding = Finding {
            doc: field(s, "doc")?,
            locale: field(s, "locale")?,
            section: field(s, "section")?,
            state: field(s, "state")?,
        };
        if finding.state != "current" {
            out.insert(finding);
        }
    }
    Ok(out)
}

/// One headed section of a source file, as text.
struct Piece {
    id: String,
    level: u8,
    text: String,
}

fn is_editable(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3041}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FA}').contains(&c)
}

fn replacement(c: char) -> char {
    match c {
        '0'..='9' => char::from(b'0' + (c as u8 - b'0' + 1) % 10),
        'x' => 'y',
        c if c.is_ascii_alphabetic() => 'x',
        '新' => '改',
        _ => '新',
    }
}

fn ensure_blank_line_at_end(text: &mut String) {
    while !text.ends_with("\n\n") {
        text.push('\n');
    }
}

fn parse_clean(text: &str, what: &str) -> Result<Document> {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default())
        .map_err(|d| Error(format!("{what} does not parse: {}", d.problem)))?;
    if let Some(d) = parsed.diagnostics.first() {
        return Err(Error(format!(
            "{what}: {} at byte {}",
            d.problem, d.span.start
        )));
    }
    Ok(parsed.document)
}

/// Applies the four edits to one source text. Returns the new text and what was done
/// (without findings). The result is checked: it parses without diagnostics, has the
/// expected ids, and only the edited section's fingerprint changed.
pub fn mutate_source(text: &str, rng: &mut Rng) -> Result<(String, DocumentTruth)> {
    let old = parse_clean(text, "the source")?;
    if old.obsolete.is_some() {
        return Err(Error("a source with an obsolete area".into()));
    }
    let first = old
        .sections
        .iter()
        .position(|s| s.kind == SectionKind::Heading)
        .ok_or_else(|| Error("a source without headed sections".into()))?;
    let prefix = &old.text[..old.sections[first].span.start];
    let mut pieces: Vec<Piece> = old.sections[first..]
        .iter()
        .map(|s| Piece {
            id: s.id.to_string(),
            level: s.level,
            text: old.slice(&s.span).to_string(),
        })
        .collect();

    // 1. One character of a paragraph of one headed section. Required notices are left
    // alone: a stale or deleted notice is a QA finding on top of its state, which would
    // make the truth depend on the QA policy.
    let candidates: Vec<(usize, Vec<usize>)> = old.sections[first..]
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.required)
        .map(|(i, s)| {
            let offsets = s
                .blocks
                .iter()
                .filter(|b| b.kind == yaku_content::BlockKind::Paragraph)
                .flat_map(|b| {
                    old.slice(&b.span)
                        .char_indices()
                        .filter(|&(_, c)| is_editable(c))
                        .map(move |(at, _)| b.span.start + at - s.span.start)
                })
                .collect::<Vec<usize>>();
            (i, offsets)
        })
        .filter(|(_, offsets)| !offsets.is_empty())
        .collect();
    if candidates.is_empty() {
        return Err(Error("no section has a paragraph to edit".into()));
    }
    let (edited_index, offsets) = rng.pick(&candidates);
    let at = *rng.pick(offsets);
    let piece = &mut pieces[*edited_index];
    let c = piece.text[at..].chars().next().expect("a character");
    piece
        .text
        .replace_range(at..at + c.len_utf8(), &replacement(c).to_string());
    let edited = piece.id.clone();

    // 2. Delete one level-3 section other than the edited one and not a required notice.
    let required: BTreeSet<&str> = old
        .sections
        .iter()
        .filter(|s| s.required)
        .map(|s| s.id.as_str())
        .collect();
    let level3: Vec<usize> = (0..pieces.len())
        .filter(|&i| {
            pieces[i].level == 3
                && pieces[i].id != edited
                && !required.contains(pieces[i].id.as_str())
        })
        .collect();
    let deleted = if level3.is_empty() {
        None
    } else {
        let i = *rng.pick(&level3);
        Some(pieces.remove(i).id)
    };

    // 3. Swap two adjacent level-3 sections, neither the edited one.
    let pairs: Vec<usize> = (0..pieces.len().saturating_sub(1))
        .filter(|&i| {
            [i, i + 1]
                .iter()
                .all(|&j| pieces[j].level == 3 && pieces[j].id != edited)
        })
        .collect();
    let mut moved = Vec::new();
    if !pairs.is_empty() {
        let i = *rng.pick(&pairs);
        pieces.swap(i, i + 1);
        ensure_blank_line_at_end(&mut pieces[i].text);
        moved = vec![pieces[i + 1].id.clone(), pieces[i].id.clone()];
    }

    // 4. Append a level-2 section with a fresh id.
    let ids: BTreeSet<&str> = old.sections.iter().map(|s| s.id.as_str()).collect();
    let added = std::iter::once("added-section".to_string())
        .chain((2..).map(|n| format!("added-section-{n}")))
        .find(|id| !ids.contains(id.as_str()))
        .expect("an unused id");
    let number = pieces.iter().filter(|p| p.level == 2).count() + 1;
    if let Some(last) = pieces.last_mut() {
        ensure_blank_line_at_end(&mut last.text);
    }
    pieces.push(Piece {
        id: added.clone(),
        level: 2,
        text: format!(
            "## {number}. 追加された節 {{#{added}}}\n\nこの節は新たに追加されました。内容は今後{}回にわたって更新されます。\n",
            1 + rng.below(9)
        ),
    });

    let mut new_text = String::with_capacity(text.len() + 256);
    new_text.push_str(prefix);
    for piece in &pieces {
        new_text.push_str(&piece.text);
    }

    // Check the result against the plan.
    let new = parse_clean(&new_text, "the mutated source")?;
    let new_ids: Vec<&str> = new.sections.iter().map(|s| s.id.as_str()).collect();
    let mut planned: Vec<&str> = old.sections[..first]
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    planned.extend(pieces.iter().map(|p| p.id.as_str()));
    if new_ids != planned {
        return Err(Error(format!(
            "the mutated source has sections {new_ids:?}, planned {planned:?}"
        )));
    }
    let before: HashMap<&str, _> = old
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.fingerprint()))
        .collect();
    for section in &new.sections {
        let id = section.id.as_str();
        let Some(&fingerprint) = before.get(id) else {
            continue;
        };
        if (fingerprint != section.fingerprint()) != (id == edited) {
            return Err(Error(format!(
                "section {id}: fingerprint {} after mutation (edited: {edited})",
                if id == edited { "unchanged" } else { "changed" }
            )));
        }
    }
    Ok((
        new_text,
        DocumentTruth {
            edited,
            deleted,
            moved,
            added,
            findings: Vec::new(),
        },
    ))
}

/// The findings a mutated document has in every target, in check's order.
fn expected_findings(truth: &DocumentTruth, targets: &[String]) -> Vec<ExpectedFinding> {
    let mut out = Vec::new();
    for locale in targets {
        let mut push = |section: &str, state: &str| {
            out.push(ExpectedFinding {
                locale: locale.clone(),
                section: section.to_string(),
                state: state.to_string(),
            })
        };
        push(&truth.edited, "stale");
        push(&truth.added, "missing");
        if let Some(deleted) = &truth.deleted {
            push(deleted, "obsolete");
        }
    }
    out
}

/// The indices of the documents to mutate: `round(fraction × n)` of `0..n`, drawn
/// without replacement by `seed`, sorted.
pub fn choose(n: usize, fraction: f64, seed: u64) -> Vec<usize> {
    let k = ((fraction.clamp(0.0, 1.0) * n as f64).round() as usize).min(n);
    let mut all: Vec<usize> = (0..n).collect();
    let mut rng = Rng::stream(seed, &[key_of("choose")]);
    for i in 0..k {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    let mut chosen = all[..k].to_vec();
    chosen.sort_unstable();
    chosen
}

/// Mutates a corpus made by [`generate`](crate::generate) (once: a corpus already
/// mutated is refused, since its truth would no longer be exact). In each chosen source:
/// one character of one section changes, one `###` section is deleted, two adjacent
/// `###` sections swap places and a new `##` section is appended. Returns the truth.
pub fn mutate(dir: &Path, options: &MutateOptions) -> Result<Truth> {
    if !(0.0..=1.0).contains(&options.fraction) {
        return Err(Error(format!(
            "--fraction is between 0 and 1, not {}",
            options.fraction
        )));
    }
    let mut info = CorpusInfo::read(dir)?;
    if let Some(m) = &info.mutation {
        return Err(Error(format!(
            "{} was already mutated (fraction {}, seed {}); regenerate it with `gen --force`",
            dir.display(),
            m.fraction,
            m.seed
        )));
    }
    let project = Project::open(dir).map_err(|e| Error(e.to_string()))?;
    let targets = project.targets().to_vec();
    let docs = project.documents().map_err(|e| Error(e.to_string()))?;
    let chosen = choose(docs.len(), options.fraction, options.seed);
    let mut documents = BTreeMap::new();
    for &index in &chosen {
        let doc = &docs[index];
        let path = project.document_path(project.source(), doc);
        let text = fs::read_to_string(&path)
            .map_err(|e| Error(format!("cannot read {}: {e}", path.display())))?;
        let mut rng = Rng::stream(options.seed, &[key_of(doc)]);
        let (new_text, mut truth) =
            mutate_source(&text, &mut rng).map_err(|Error(e)| Error(format!("{doc}: {e}")))?;
        fs::write(&path, new_text)?;
        truth.findings = expected_findings(&truth, &targets);
        documents.insert(doc.clone(), truth);
    }
    info.mutation = Some(Mutation {
        fraction: options.fraction,
        seed: options.seed,
        mutated: chosen.len(),
    });
    info.write(dir)?;
    Ok(Truth {
        articles: docs.len(),
        fraction: options.fraction,
        seed: options.seed,
        mutated: chosen.len(),
        targets,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choose_takes_the_rounded_fraction_deterministically() {
        let a = choose(1000, 0.2, 7);
        assert_eq!(a.len(), 200);
        assert_eq!(a, choose(1000, 0.2, 7));
        assert_ne!(a, choose(1000, 0.2, 8));
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(choose(12, 0.5, 1).len(), 6);
        assert_eq!(choose(5, 0.0, 1), Vec::<usize>::new());
        assert_eq!(choose(5, 1.0, 1), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn replacements_differ_from_the_original() {
        for c in ['0', '9', 'a', 'x', 'Z', '新', 'あ', 'ア', '漢'] {
            assert_ne!(replacement(c), c);
            assert!(is_editable(c));
        }
        for c in [' ', '*', '{', '#', '-', '。', '(', '>'] {
            assert!(!is_editable(c));
        }
    }
}
