//! The repository's own content: the article, its translations, its Fluent strings.
//!
//! The content is edited, so these tests assert what must hold whatever it says
//! (everything current, no findings, the same sections and DOIs in every locale); counts
//! are pinned on the frozen copy in `tests/fixtures/exosome-article/` (`article.rs`).

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{built_pages, clinic, fixtures, Project};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaku(args: &[&str]) -> assert_cmd::assert::Assert {
    assert_cmd::Command::cargo_bin("yaku")
        .unwrap()
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .args(args)
        .assert()
}

#[test]
fn the_repository_checks_clean_and_is_fully_current() {
    yaku(&["check"]).code(0);
    let output = yaku(&["status", "--format", "json"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    for doc in json["documents"].as_array().unwrap() {
        assert_eq!(doc["percent_current"], 100.0, "{doc}");
    }
}

/// `(id, line)` of every section of one article, from `yaku inspect`.
fn inspected(path: &str) -> Vec<(String, u64)> {
    let output = yaku(&["inspect", path, "--format", "json"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    sections_of(&serde_json::from_slice(&output).unwrap())
}

/// `(id, line)` of every section in the JSON of `yaku inspect`.
fn sections_of(inspected: &serde_json::Value) -> Vec<(String, u64)> {
    inspected["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_translation_has_the_sections_of_the_source_in_its_order() {
    let source = inspected("content/ja/exosome-anti-aging.md");
    assert!(
        source
            .iter()
            .any(|(id, _)| id != "front-matter" && id != "lead"),
        "the article has headed sections: {source:?}"
    );
    let ids: BTreeSet<&String> = source.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), source.len(), "ids are unique: {source:?}");
    for (id, line) in &source {
        assert!(!id.is_empty() && *line >= 1, "{id} at line {line}");
    }
    for locale in ["en", "zh-Hans"] {
        let translation = inspected(&format!("content/{locale}/exosome-anti-aging.md"));
        assert_eq!(
            translation.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            source.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            "{locale}"
        );
        assert!(
            translation.windows(2).all(|w| w[0].1 < w[1].1),
            "{locale}: lines increase: {translation:?}"
        );
    }
}

#[test]
fn every_doi_of_the_source_is_in_each_translation() {
    let dois = |locale: &str| -> BTreeSet<String> {
        let path = repo().join(format!("content/{locale}/exosome-anti-aging.md"));
        yaku_content::extract_references(&std::fs::read_to_string(path).unwrap())
            .into_iter()
            .filter_map(|reference| reference.doi)
            .collect()
    };
    let source = dois("ja");
    assert!(!source.is_empty(), "the source cites DOIs");
    for locale in ["en", "zh-Hans"] {
        assert_eq!(dois(locale), source, "{locale}");
    }
}

/// Markdown markup removed, for comparing text with the plain capture.
fn plain(text: &str) -> String {
    let link = regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap();
    let text = link.replace_all(text, "$1");
    text.lines()
        .map(|line| {
            let mut line = line.trim();
            for prefix in [">", "-", "|"] {
                line = line.trim_start_matches(prefix).trim();
            }
            line.replace("**", "")
                .replace(" | ", "")
                .replace(" |", "")
                .replace('|', "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_sentence_of_the_capture_is_in_the_article_or_its_fluent_components() {
    let capture = std::fs::read_to_string(fixtures().join("seed/article-capture.txt")).unwrap();
    let article =
        plain(&std::fs::read_to_string(repo().join("content/ja/exosome-anti-aging.md")).unwrap());
    // The banners and the legal notice live in Fluent; format them as the build would.
    let localizer = yaku_fluent::Localizer::load(
        &repo().join("locales"),
        &["ja".to_string()],
        Default::default(),
    )
    .unwrap();
    let args: Vec<(String, yaku_fluent::ArgValue)> = [
        ("clinic", "M&B美容皮フ科クリニック"),
        ("station", "布施"),
        ("minutes", "3"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), yaku_fluent::ArgValue::parse(v)))
    .collect();
    let mut chrome = Vec::new();
    for id in localizer.message_ids() {
        if let Ok(value) = localizer.format(&id, None, &args) {
            chrome.push(value.text);
        }
        for attribute in localizer.attributes(&id).unwrap_or_default() {
            chrome.push(localizer.format(&id, Some(&attribute), &args).unwrap().text);
        }
    }
    chrome.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let mut in_toc = false;
    let mut missing = Vec::new();
    for line in capture.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // The table of contents is generated, never stored.
        if line == "目次" {
            in_toc = true;
            continue;
        }
        if in_toc {
            if line.starts_with("- ") {
                continue;
            }
            in_toc = false;
        }
        let mut rest = plain(line);
        for piece in &chrome {
            rest = rest.replace(piece.as_str(), "\n");
        }
        for part in rest
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "続きを読む →")
        {
            if !article.contains(part) {
                missing.push(part.to_string());
            }
        }
    }
    assert!(missing.is_empty(), "not in the article: {missing:#?}");
}

/// Where the English article first writes `10` in prose (not in a DOI, a link, a
/// decimal or a range), in a section without the word "ten" (which the `numbers` rule
/// may pair with a dropped 10): `(line number, line, byte offset of the 10 in it)`.
fn a_prose_ten(english: &str, sections: &[(String, u64)]) -> (u64, String, usize) {
    let ten = regex::Regex::new(r"(?:^|[\s(（])(10)(?:[\s%)）]|$)").unwrap();
    let word = regex::Regex::new(r"(?i)\bten\b").unwrap();
    let lines: Vec<&str> = english.lines().collect();
    // The text of the section a line (1-based) is in, and the section's id.
    let section_of = |number: u64| {
        let index = sections
            .iter()
            .rposition(|(_, line)| *line <= number)
            .unwrap();
        let start = sections[index].1 as usize - 1;
        let end = sections
            .get(index + 1)
            .map_or(lines.len(), |(_, line)| *line as usize - 1);
        (sections[index].0.as_str(), lines[start..end].join("\n"))
    };
    for (i, line) in lines.iter().enumerate() {
        let number = i as u64 + 1;
        let Some(found) = ten.captures(line).and_then(|c| c.get(1)) else {
            continue;
        };
        let (id, text) = section_of(number);
        if matches!(id, "front-matter" | "lead" | "references")
            || line.starts_with('#')
            || word.is_match(&text)
            || text.contains("qa-ignore")
        {
            continue;
        }
        return (number, line.to_string(), found.start());
    }
    panic!("the English article writes 10 in digits in no section");
}

/// The real `numbers` rule is the judge of the translations' numbers (a search for the
/// word "ten" in the text once passed a dropped 10, the word being inside others such
/// as "attention"): one `10` dropped from the English article is found, at the line of
/// its section.
#[test]
fn a_number_dropped_from_the_english_article_is_found_at_its_section() {
    const EN: &str = "content/en/exosome-anti-aging.md";
    let project = Project::repository();
    let clean = project.yaku(&["check", "--rule", "numbers", "--format", "json"]);
    assert_eq!(clean.code(), 0, "{}", clean.stdout());
    assert_eq!(clean.json()["qa"], serde_json::json!([]));

    let sections = sections_of(
        &project
            .yaku(&["inspect", EN, "--format", "json"])
            .success()
            .json(),
    );
    let (number, line, at) = a_prose_ten(&project.read(EN), &sections);
    let dropped = format!("{}{}", &line[..at], &line[at + 2..]);
    project.edit(EN, &format!("\n{line}\n"), &format!("\n{dropped}\n"));
    // A number that is missing (rather than added) is reported at its section's heading.
    let (id, heading) = sections
        .iter()
        .rev()
        .find(|(_, start)| *start <= number)
        .unwrap();

    let run = project
        .yaku(&["check", "--rule", "numbers", "--format", "json"])
        .findings();
    assert_eq!(
        run.json()["qa"],
        serde_json::json!([{
            "rule": "numbers", "severity": "error", "doc": "exosome-anti-aging",
            "locale": "en", "section": id, "path": EN, "line": heading,
            "message": "numbers differ from the source: missing 10"
        }]),
        "after dropping the 10 of line {number}: {dropped}"
    );
    let text = project
        .yaku(&["check", "--rule", "numbers"])
        .findings()
        .stdout();
    assert!(
        text.contains(&format!(
            "{EN}:{heading}: error: numbers: exosome-anti-aging#{id} (en): "
        )),
        "{text}"
    );
}

/// The one place the policy of locales/README.md ("Names and argument values in
/// published text") lets kana into en and zh-Hans: the registered name, quoted in 「」
/// beside the local name.
const REGISTERED_NAME_QUOTED: &str = "「M&B美容皮フ科クリニック」";

#[test]
fn built_english_and_chinese_pages_hold_no_kana_components_included() {
    let is_kana = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}');
    let documents = std::fs::read_dir(repo().join("content/ja"))
        .unwrap()
        .count();
    // Built in a copy: the output must lie inside the project.
    let project = crate::support::Project::repository();
    for format in ["json", "html", "hugo"] {
        let out_arg = format!("out-{format}");
        project
            .yaku(&["build", "--format", format, "--out", &out_arg])
            .success();
        let out = project.path().join(&out_arg);
        for locale in ["en", "zh-Hans"] {
            let pages = built_pages(&out, locale);
            assert_eq!(pages.len(), documents, "{format}: one page per document");
            for (path, text) in pages {
                // The banners are there, naming the clinic in the page's language.
                assert!(
                    text.contains(clinic(locale)),
                    "{format}: {} names no clinic",
                    path.display()
                );
                let text = text.replace(REGISTERED_NAME_QUOTED, "");
                let kana: Vec<&str> = text
                    .lines()
                    .filter(|line| line.chars().any(is_kana))
                    .collect();
                assert!(
                    kana.is_empty(),
                    "{format}: {} has kana: {kana:#?}",
                    path.display()
                );
            }
        }
    }
}
