//! `yaku diff`: the exact change in the source since a section was translated.

use crate::support::Project;

#[test]
fn diff_shows_the_removed_and_inserted_characters_of_a_japanese_edit() {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "56名の患者を対象に試験を行いました",
        "65名の患者を対象に臨床試験を行いました",
    );
    let run = project.yaku(&["diff", "en"]).findings();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn diff_json_lists_changes_and_the_translation() {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "今後の研究が期待されます。",
        "今後の研究が待たれます。",
    );
    let json = project
        .yaku(&["diff", "zh-Hans", "article#summary", "--format", "json"])
        .findings()
        .json();
    let diff = &json[0];
    assert_eq!(diff["section"], "summary");
    assert_eq!(diff["baseline_available"], true);
    let changes = diff["changes"].as_array().unwrap();
    // 期待され → 待たれ, character by character.
    assert_eq!(
        changes[1..],
        [
            serde_json::json!({"op": "delete", "text": "期"}),
            serde_json::json!({"op": "equal", "text": "待"}),
            serde_json::json!({"op": "delete", "text": "さ"}),
            serde_json::json!({"op": "insert", "text": "た"}),
            serde_json::json!({"op": "equal", "text": "れます。"}),
        ]
    );
    assert!(diff["translation"]
        .as_str()
        .unwrap()
        .contains("期待今后的研究"));
}

#[test]
fn diff_with_nothing_stale_says_so_in_one_line() {
    let project = Project::accepted_story();
    let run = project.yaku(&["diff", "en"]).success();
    assert_eq!(
        run.stdout(),
        "nothing to translate: no stale, missing or untranslated section (en)\n"
    );
    let run = project.yaku(&["diff", "en", "--format", "json"]).success();
    assert_eq!(run.stdout(), "[]\n");
    project.yaku(&["diff", "en", "article#nope"]).failure();
    project.yaku(&["diff", "xx"]).failure();
}

#[test]
fn diff_colours_only_when_asked() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    let plain = project.yaku(&["diff", "en"]).stdout();
    assert!(!plain.contains('\x1b'));
    let coloured = project.yaku(&["--color", "always", "diff", "en"]).stdout();
    assert!(coloured.contains("\x1b[31;9m56\x1b[0m"));
    assert!(coloured.contains("\x1b[32;4m65\x1b[0m"));
}
