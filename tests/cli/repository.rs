//! The repository's own content: the article, its translations, its Fluent strings.

use std::collections::BTreeMap;
use std::path::Path;

use yaku_content::{extract_citations, parse_document, ParseOptions, SectionKind};

use crate::support::fixtures;

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

#[test]
fn inspect_lists_every_section_of_the_article() {
    let output = yaku(&[
        "inspect",
        "content/ja/exosome-anti-aging.md",
        "--format",
        "json",
    ])
    .code(0)
    .get_output()
    .stdout
    .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 36);
    for section in sections {
        assert!(section["line"].as_u64().unwrap() >= 1);
        assert!(!section["id"].as_str().unwrap().is_empty());
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

/// Digit sequences and citations of each section, by section id.
fn facts(path: &str) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let bytes = std::fs::read(repo().join(path)).unwrap();
    let document = parse_document(&bytes, &ParseOptions::default())
        .unwrap()
        .document;
    let digits = regex::Regex::new(r"\d+").unwrap();
    let marker = regex::Regex::new(r"(?m)^(<!-- yaku:.*-->|# yaku:.*)$").unwrap();
    // Link targets repeat the DOI's digits; compare what the reader sees.
    let link_target = regex::Regex::new(r"\]\([^)]*\)").unwrap();
    let mut out = BTreeMap::new();
    for section in &document.sections {
        let mut text = document.text_without_marker(section);
        if section.kind == SectionKind::FrontMatter {
            let fm = document.front_matter.as_ref().unwrap();
            text = format!(
                "{} {}",
                fm.title.clone().unwrap_or_default(),
                fm.description.clone().unwrap_or_default()
            );
        }
        let text = marker.replace_all(&text, "");
        let text = link_target.replace_all(&text, "]");
        let mut numbers: Vec<String> = digits
            .find_iter(&text)
            .map(|m| m.as_str().to_string())
            .collect();
        numbers.sort();
        let mut citations: Vec<String> = extract_citations(&text).iter().map(|c| c.key()).collect();
        citations.sort();
        out.insert(section.id.to_string(), (numbers, citations));
    }
    out
}

#[test]
fn translations_keep_every_number_and_citation_of_each_section() {
    let source = facts("content/ja/exosome-anti-aging.md");
    // English may spell out one to ten, and Chinese drop the 1 of 1日 (每日); those are
    // the only differences allowed.
    let spelled: BTreeMap<&str, &str> = [
        ("one", "1"),
        ("two", "2"),
        ("twice", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
    ]
    .into();
    for (locale, path) in [
        ("en", "content/en/exosome-anti-aging.md"),
        ("zh-Hans", "content/zh-Hans/exosome-anti-aging.md"),
    ] {
        let translation = facts(path);
        assert_eq!(
            source.keys().collect::<Vec<_>>(),
            translation.keys().collect::<Vec<_>>(),
            "{locale}: the same sections"
        );
        let text = std::fs::read_to_string(repo().join(path))
            .unwrap()
            .to_lowercase();
        for (id, (numbers, citations)) in &source {
            let (t_numbers, t_citations) = &translation[id];
            assert_eq!(citations, t_citations, "{locale} #{id}: citations");
            let mut missing: Vec<&String> = Vec::new();
            let mut remaining = t_numbers.clone();
            for n in numbers {
                if let Some(i) = remaining.iter().position(|t| t == n) {
                    remaining.remove(i);
                } else {
                    missing.push(n);
                }
            }
            assert!(
                remaining.is_empty(),
                "{locale} #{id}: numbers not in the source: {remaining:?}"
            );
            for n in missing {
                let allowed = match locale {
                    "en" => spelled
                        .iter()
                        .any(|(word, digit)| digit == n && text.contains(word)),
                    // Chinese writes 每日2次 for 1日2回.
                    _ => n == "1" && text.contains("每日"),
                };
                assert!(allowed, "{locale} #{id}: number {n} missing");
            }
        }
    }
}

/// The one place the policy of locales/README.md ("Names and argument values in
/// published text") lets kana into en and zh-Hans: the registered name, quoted in 「」
/// beside the local name.
const REGISTERED_NAME_QUOTED: &str = "「M&B美容皮フ科クリニック」";

#[test]
fn built_english_and_chinese_pages_hold_no_kana_components_included() {
    let is_kana = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}');
    // Built in a copy: the output must lie inside the project.
    let project = crate::support::Project::repository();
    for format in ["json", "html", "hugo"] {
        let out_arg = format!("out-{format}");
        project
            .yaku(&["build", "--format", format, "--out", &out_arg])
            .success();
        let out = project.path().join(&out_arg);
        let mut files = 0;
        let mut banners = 0;
        for locale in ["en", "zh-Hans"] {
            for dir in [out.join(locale), out.join("content").join(locale)] {
                for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
                    if !entry.file_type().is_file() {
                        continue;
                    }
                    files += 1;
                    let text = std::fs::read_to_string(entry.path()).unwrap();
                    // (HTML writes `M&amp;B`.)
                    banners += text.matches("Aesthetic Dermatology Clinic").count()
                        + text.matches("美容皮肤科诊所").count();
                    let text = text.replace(REGISTERED_NAME_QUOTED, "");
                    let kana: Vec<&str> = text
                        .lines()
                        .filter(|line| line.chars().any(is_kana))
                        .collect();
                    assert!(
                        kana.is_empty(),
                        "{format}: {} has kana: {kana:#?}",
                        entry.path().display()
                    );
                }
            }
        }
        assert_eq!(files, 2, "{format}: one page per locale");
        // Three banners per page, each naming the clinic in the page's language.
        assert_eq!(banners, 6, "{format}");
    }
}
