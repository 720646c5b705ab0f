//! The frozen copy of the repository's article (`tests/fixtures/exosome-article/`): the
//! counts and lines of content that never changes. Tests of the live content are in
//! `repository.rs` and assert invariants only.

use crate::support::{built_pages, clinic, Project};

const JA: &str = "content/ja/exosome-anti-aging.md";
const EN: &str = "content/en/exosome-anti-aging.md";

fn frozen() -> Project {
    Project::fixture("exosome-article")
}

#[test]
fn the_frozen_article_has_36_sections_current_in_both_translations() {
    let project = frozen();
    let inspected = project
        .yaku(&["inspect", JA, "--format", "json"])
        .success()
        .json();
    let sections = inspected["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 36);
    assert_eq!(sections[0]["id"], "front-matter");
    assert_eq!(sections[35]["id"], "references");
    let check = project
        .yaku(&["check", "--format", "json"])
        .success()
        .json();
    assert_eq!(check["summary"]["sections"], 72);
    assert_eq!(check["summary"]["current"], 72);
    assert_eq!(check["qa"], serde_json::json!([]));
}

#[test]
fn the_frozen_article_builds_four_json_files_with_six_references_each() {
    let project = frozen();
    project.yaku(&["build", "--out", "dist"]).success();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(project.path().join("dist")) {
        let entry = entry.unwrap();
        // The build's own record (`.yaku-build-json.json`) is not an output.
        let record = entry
            .file_name()
            .to_string_lossy()
            .starts_with(yaku_project::BUILD_MANIFEST_PREFIX);
        files += usize::from(entry.file_type().is_file() && !record);
    }
    assert_eq!(files, 4, "ja, en, zh-Hans and the index");
    for locale in ["ja", "en", "zh-Hans"] {
        let built: serde_json::Value =
            serde_json::from_str(&project.read(&format!("dist/{locale}/exosome-anti-aging.json")))
                .unwrap();
        let references = built["references"].as_array().unwrap();
        assert_eq!(references.len(), 6, "{locale}");
        assert!(
            references
                .iter()
                .all(|r| r["doi"].as_str().is_some_and(|doi| doi.starts_with("10."))),
            "{locale}: every reference has a DOI"
        );
        assert_eq!(built["alternates"].as_array().unwrap().len(), 3, "{locale}");
    }
}

#[test]
fn every_frozen_page_shows_the_three_banners_naming_the_clinic() {
    let project = frozen();
    for format in ["json", "html", "hugo"] {
        let out = format!("out-{format}");
        project
            .yaku(&["build", "--format", format, "--out", &out])
            .success();
        for locale in ["en", "zh-Hans"] {
            let pages = built_pages(&project.path().join(&out), locale);
            assert_eq!(pages.len(), 1, "{format} {locale}");
            assert_eq!(
                pages[0].1.matches(clinic(locale)).count(),
                3,
                "{format} {locale}: one clinic name per banner"
            );
        }
    }
}

#[test]
fn a_ten_dropped_from_the_frozen_english_article_is_found_at_its_section_heading() {
    let project = frozen();
    // Section 4.2 (`case-report-laser`, heading on line 154) of a file whose prose holds
    // "ten" inside other words ("attention").
    project.edit(EN, "at 10 out of 10 points", "at out of 10 points");
    let run = project.yaku(&["check", "--rule", "numbers"]).findings();
    assert!(
        run.stdout().contains("content/en/exosome-anti-aging.md:154: error: numbers: exosome-anti-aging#case-report-laser (en): numbers differ from the source: missing 10\n"),
        "{}",
        run.stdout()
    );
    let json = project
        .yaku(&["check", "--rule", "numbers", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["qa"].as_array().unwrap().len(), 1, "{json}");
}
