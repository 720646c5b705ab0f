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
        .find(|f| f["kind"] == "syntax-error")
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

/// A document, a Fluent file and a broken translation whose file names hold a line
/// break, `,`, `:` and `%`: every line of `--format github` is still one of yaku's
/// annotations, with the names escaped, and none is a command of the names' own.
#[test]
fn github_annotations_escape_hostile_file_names() {
    let project = Project::accepted_story();
    let doc = "a,b:c%d\n::add-mask::x";
    project.write(
        &format!("content/ja/{doc}.md"),
        "## 試験 {#trial}\n\n56名の患者。\n\n## 未訳 {#new}\n\n新しい節。\n",
    );
    project.write(
        &format!("content/en/{doc}.md"),
        "## Trial {#trial}\n\n56 patients.\n",
    );
    project.yaku(&["accept", "en", doc]).success();
    project.edit(
        &format!("content/en/{doc}.md"),
        "56 patients",
        "65 patients",
    );
    project.write(
        &format!("content/zh-Hans/{doc}.md"),
        "## 试验\n\n56名患者。\n",
    );
    project.write(
        "locales/en/x,y:z%\n::add-mask::f.ftl",
        "stray = not in the source\n",
    );

    let run = project.yaku(&["check", "--format", "github"]).failure();
    let stdout = run.stdout();
    let stderr = run.stderr();
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|c| line.starts_with(c)),
            "not an annotation: {line:?}\n{stdout}"
        );
    }
    for line in stdout.lines().chain(stderr.lines()) {
        assert!(
            !line.trim_start().starts_with("::add-mask"),
            "injected: {line:?}"
        );
    }
    let en = "file=content/en/a%2Cb%3Ac%25d%0A%3A%3Aadd-mask%3A%3Ax.md,";
    // The missing section, and the changed number found by the QA.
    assert!(
        stdout.contains(&format!(
            "::error {en}line=1,title=yaku missing::a,b:c%25d%0A::add-mask::x#new (en) is missing."
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "::error {en}line=4,title=yaku qa numbers::a,b:c%25d%0A::add-mask::x#trial (en): numbers differ"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("::warning file=locales/en/x%2Cy%3Az%25%0A%3A%3Aadd-mask%3A%3Af.ftl,line=1,col=1,title=yaku fluent "),
        "{stdout}"
    );
    // The broken translation: an annotation at its file and place.
    assert!(
        stdout.contains(
            "::error file=content/zh-Hans/a%2Cb%3Ac%25d%0A%3A%3Aadd-mask%3A%3Ax.md,line=1,col=1,title=yaku::heading has no id. add an id"
        ),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        "error: some files could not be checked; see above\n"
    );
}

#[test]
fn the_shipped_check_schema_is_the_one_the_report_type_generates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/check.schema.json");
    let generated = format!(
        "{}\n",
        serde_json::to_string_pretty(&yaku_project::check_schema()).unwrap()
    );
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        shipped, generated,
        "schema/check.schema.json is out of date: run `UPDATE_SCHEMAS=1 cargo test --test cli check`"
    );
}

#[test]
fn check_json_of_every_kind_of_finding_passes_its_schema() {
    let validator = jsonschema::validator_for(&yaku_project::check_schema()).unwrap();
    let project = Project::accepted_story();
    // A stale section, a QA error, a Fluent finding, an orphan and a broken file at once.
    project.edit("content/ja/article.md", "56名", "65名");
    project.edit("content/en/article.md", "56 patients", "57 patients");
    project.write("locales/en/site.ftl", "stray = x\n");
    project.write("content/en/gone.md", "## Gone {#gone}\n");
    project.edit("content/zh-Hans/article.md", "{#summary}", "");
    let run = project
        .yaku(&["check", "--format", "json", "--all"])
        .failure();
    let json = run.json();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{json:#}");
    for group in ["sections", "qa", "fluent", "orphaned", "errors"] {
        assert!(
            !json[group].as_array().unwrap().is_empty(),
            "{group}: {json:#}"
        );
    }
    // File problems are objects with their place, not rendered text.
    let problem = &json["errors"][0];
    assert_eq!(problem["path"], "content/zh-Hans/article.md");
    assert!(problem["line"].as_u64().unwrap() > 1);
    assert_eq!(problem["message"], "heading has no id");
    // And the clean case too.
    let clean = Project::accepted_story()
        .yaku(&["check", "--format", "json"])
        .success()
        .json();
    assert!(validator.is_valid(&clean));
}
