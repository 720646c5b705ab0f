//! `yaku check`: formats and exit codes.

use crate::support::Project;

#[test]
fn check_text_names_path_line_state_and_fix() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    std::fs::remove_file(project.path().join("content/zh-Hans/article.md")).unwrap();
    let run = project.yaku(&["check"]).findings();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn check_json_lists_every_non_current_section_and_a_summary() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    let json = project
        .yaku(&["check", "--format", "json"])
        .findings()
        .json();
    assert_eq!(
        json["sections"],
        serde_json::json!([
            {"doc": "article", "locale": "en", "section": "trials", "state": "stale", "path": "content/en/article.md", "line": 22},
            {"doc": "article", "locale": "zh-Hans", "section": "trials", "state": "stale", "path": "content/zh-Hans/article.md", "line": 22}
        ])
    );
    assert_eq!(json["summary"]["current"], 10);
    assert_eq!(json["summary"]["stale"], 2);
    assert_eq!(json["fluent"], serde_json::json!([]));
    let all = project
        .yaku(&["check", "--format", "json", "--all"])
        .findings()
        .json();
    assert_eq!(all["sections"].as_array().unwrap().len(), 12);
}

#[test]
fn check_github_format_gives_workflow_annotations() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    let run = project
        .yaku(&["check", "--format", "github", "--locale", "en"])
        .findings();
    assert_eq!(
        run.stdout(),
        "::error file=content/en/article.md,line=22,title=yaku stale::article#trials (en) is stale. review yaku diff en article#trials, update the translation, then yaku accept en article#trials\n"
    );
}

#[test]
fn check_output_is_deterministic() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    for format in ["text", "json", "github"] {
        let first = project.yaku(&["check", "--format", format]).stdout();
        let second = project.yaku(&["check", "--format", format]).stdout();
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn check_includes_fluent_findings_with_positions() {
    let project = Project::accepted_story();
    project.write(
        "locales/en/site.ftl",
        "cta-booking =\n    .heading = Book an appointment\n    .button = { $missing\n",
    );
    let run = project.yaku(&["check"]).findings();
    assert!(
        run.stdout().contains("locales/en/site.ftl:3:"),
        "{}",
        run.stdout()
    );
    let json = project
        .yaku(&["check", "--format", "json"])
        .findings()
        .json();
    let fluent = json["fluent"].as_array().unwrap();
    assert!(!fluent.is_empty());
    let syntax = fluent
        .iter()
        .find(|f| f["kind"] == "syntax_error")
        .expect("a syntax error finding");
    assert_eq!(syntax["locale"], "en");
    assert_eq!(syntax["path"], "locales/en/site.ftl");
    assert_eq!(syntax["line"], 3);
}

#[test]
fn status_aligns_its_table_and_reports_chars_left() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    let run = project.yaku(&["status"]).findings();
    insta::assert_snapshot!(run.transcript());
    let json = project
        .yaku(&["status", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["documents"][0]["percent_current"], 83.3);
    assert!(json["documents"][0]["chars_left"].as_u64().unwrap() > 0);
    project.yaku(&["status", "--locale", "fr"]).failure();
}

#[test]
fn the_check_cache_never_changes_the_answer() {
    let project = Project::accepted_story();
    let json = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        project.yaku(&all).stdout()
    };
    // Let the files age past the cache's safety margin, so entries are trusted.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(json(&[]), json(&["--no-cache"]));
    assert!(project.path().join(".yaku/cache/check.json").exists());
    assert_eq!(
        json(&[]),
        json(&["--no-cache"]),
        "a warm run answers as a cold one"
    );

    // An edit of the same length, with the old modification time put back: the change
    // time still gives it away.
    let path = project.path().join("content/ja/article.md");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    project.edit("content/ja/article.md", "56名", "65名");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let warm = json(&[]);
    assert!(warm.contains("\"state\": \"stale\""), "{warm}");
    assert_eq!(warm, json(&["--no-cache"]));

    // Settings are part of the key: --all and --locale see their own results.
    assert_eq!(json(&["--all"]), json(&["--all", "--no-cache"]));
    assert_eq!(
        json(&["--locale", "en"]),
        json(&["--locale", "en", "--no-cache"])
    );
    // A corrupt cache is ignored.
    std::fs::write(project.path().join(".yaku/cache/check.json"), "{").unwrap();
    assert_eq!(json(&[]), json(&["--no-cache"]));
}
