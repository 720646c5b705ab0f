//! `yaku sync` on a project without translations, and its dry run.

use crate::support::Project;

#[test]
fn sync_creates_missing_translation_files_with_placeholders() {
    let project = Project::fixture("story");
    std::fs::remove_file(project.path().join("content/en/article.md")).unwrap();
    project.yaku(&["check", "--locale", "en"]).findings();
    let dry = project.yaku(&["sync", "--dry-run"]).findings();
    assert!(dry
        .stdout()
        .contains("--- /dev/null\n+++ content/en/article.md"));
    assert!(
        !project.path().join("content/en/article.md").exists(),
        "a dry run writes nothing"
    );

    let run = project.yaku(&["sync"]).success();
    assert!(run
        .stdout()
        .starts_with("content/en/article.md: created; placeholder: front-matter, lead, what"));
    let created = project.read("content/en/article.md");
    let ja = project.read("content/ja/article.md");
    // Each placeholder records the fingerprint of the source text it holds.
    assert!(created.starts_with("+++\n# yaku:untranslated "));
    assert!(created.lines().nth(2) == Some("title = \"エクソソームの基礎\""));
    for line in ja.lines().filter(|l| !l.is_empty() && *l != "+++") {
        assert!(
            created.contains(line),
            "placeholder holds the source line {line:?}"
        );
    }
    assert_eq!(created.matches("<!-- yaku:untranslated ").count(), 5);
    assert_eq!(created.matches("<!-- yaku:untranslated -->").count(), 0);
    let json = project
        .yaku(&["status", "--format", "json", "--locale", "en"])
        .findings()
        .json();
    assert_eq!(json["documents"][0]["counts"]["untranslated"], 6);
}

#[test]
fn accept_refuses_a_placeholder_that_still_holds_the_source_text() {
    let project = Project::fixture("story");
    std::fs::remove_file(project.path().join("content/en/article.md")).unwrap();
    project.yaku(&["sync"]).success();
    let run = project.yaku(&["accept", "en", "article#what"]).findings();
    assert!(run
        .stdout()
        .contains("not accepted: article#what: still holds the untranslated source text"));
    project.edit(
        "content/en/article.md",
        "直径30〜150nmの細胞外小胞です(Liang et al., 2025)。",
        "Extracellular vesicles 30–150 nm across (Liang et al., 2025).",
    );
    project.edit(
        "content/en/article.md",
        "1. エクソソームとは",
        "1. What are exosomes",
    );
    project.yaku(&["accept", "en", "article#what"]).success();
    let json = project
        .yaku(&["check", "--format", "json", "--all", "--locale", "en"])
        .findings()
        .json();
    let what = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "what")
        .unwrap();
    assert_eq!(what["state"], "current");
}

#[test]
fn sync_changes_a_heading_level_to_the_sources_and_nothing_else() {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "### 1.1 構成成分",
        "## 1.1 構成成分",
    );
    let before = project.read("content/en/article.md");
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert!(run.stdout().contains("relevelled: contents"));
    assert_eq!(
        project.read("content/en/article.md"),
        before.replace("### 1.1 Contents", "## 1.1 Contents")
    );
}
