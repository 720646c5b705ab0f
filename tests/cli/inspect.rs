//! `yaku inspect`: the section tree.

use crate::support::Project;

#[test]
fn inspect_text_lists_sections_with_ids_lines_and_blocks() {
    let project = Project::fixture("story");
    let run = project
        .yaku(&["inspect", "content/ja/article.md"])
        .success();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn inspect_json_has_doc_and_sections() {
    let project = Project::fixture("story");
    let json = project
        .yaku(&["inspect", "content/ja/article.md", "--format", "json"])
        .success()
        .json();
    assert_eq!(json["doc"], "content/ja/article.md");
    let sections = json["sections"].as_array().unwrap();
    let ids: Vec<&str> = sections.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "front-matter",
            "lead",
            "what",
            "contents",
            "trials",
            "summary"
        ]
    );
    assert_eq!(sections[3]["level"], 3);
    assert_eq!(sections[3]["heading"], "1.1 構成成分");
    assert_eq!(sections[3]["line"], 13);
    assert_eq!(sections[3]["fingerprint"].as_str().unwrap().len(), 16);
    assert_eq!(
        sections[4]["components"],
        serde_json::json!(["cta-booking"])
    );
}

#[test]
fn inspect_reports_problems_with_positions_and_exit_1() {
    let project = Project::empty();
    project.write("bad.md", "## a {#a}\n\n## b {#a}\n\n## c {#C}\n");
    let run = project.yaku(&["inspect", "bad.md"]).findings();
    insta::assert_snapshot!(run.transcript());
}
