//! The translator's story: the source changes, and each change shows up as exactly the
//! states it should, in both locales.

use crate::support::{expect, states, Project};

const JA: &str = "content/ja/article.md";
const EN: &str = "content/en/article.md";

#[test]
fn a_sentence_edit_makes_that_section_stale_in_both_locales_and_nothing_else() {
    let project = Project::accepted_story();
    project.edit(JA, "試験を行いました。", "試験を実施しました。");
    assert_eq!(
        states(&project),
        expect(&[("en", "trials", "stale"), ("zh-Hans", "trials", "stale")])
    );
    project.yaku(&["check"]).findings();
}

#[test]
fn a_number_change_alone_is_stale() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    assert_eq!(
        states(&project),
        expect(&[("en", "trials", "stale"), ("zh-Hans", "trials", "stale")])
    );
}

#[test]
fn a_whitespace_only_change_stays_current() {
    let project = Project::accepted_story();
    project.edit(JA, "試験を行いました。\n", "試験を行いました。   \n\n\n");
    project.edit(JA, "- マイクロRNA", "-   マイクロRNA");
    assert_eq!(states(&project), expect(&[]));
    project.yaku(&["check"]).success();
}

#[test]
fn a_reworded_heading_is_stale() {
    let project = Project::accepted_story();
    project.edit(JA, "## 3. まとめ {#summary}", "## 3. 結論 {#summary}");
    assert_eq!(
        states(&project),
        expect(&[("en", "summary", "stale"), ("zh-Hans", "summary", "stale")])
    );
}

#[test]
fn an_added_section_is_missing_and_sync_puts_a_placeholder_in_its_place() {
    let project = Project::accepted_story();
    project.edit(
        JA,
        "## 3. まとめ {#summary}",
        "## 2.5 安全性 {#safety}\n\n副作用は限定的です。\n\n## 3. まとめ {#summary}",
    );
    assert_eq!(
        states(&project),
        expect(&[
            ("en", "safety", "missing"),
            ("zh-Hans", "safety", "missing")
        ])
    );
    let before = project.read(EN);
    project.yaku(&["sync"]).success();
    let after = project.read(EN);
    let trials = after.find("{#trials}").unwrap();
    // The placeholder records the fingerprint of the source text it holds.
    let safety = after
        .find("## 2.5 安全性 {#safety}\n<!-- yaku:untranslated ")
        .unwrap();
    let marker_end = safety + after[safety..].find(" -->\n").unwrap();
    assert_eq!(
        after[safety..marker_end].len(),
        "## 2.5 安全性 {#safety}\n<!-- yaku:untranslated ".len() + 16
    );
    assert!(after[marker_end..].starts_with(" -->\n\n副作用は限定的です。"));
    let summary = after.find("{#summary}").unwrap();
    assert!(
        trials < safety && safety < summary,
        "between trials and summary:\n{after}"
    );
    // Everything else is byte for byte what it was.
    let inserted_len = after.len() - before.len();
    let start = after.find("## 2.5").unwrap();
    assert_eq!(
        format!("{}{}", &after[..start], &after[start + inserted_len..]),
        before
    );
    assert_eq!(
        states(&project),
        expect(&[
            ("en", "safety", "untranslated"),
            ("zh-Hans", "safety", "untranslated")
        ])
    );
}

#[test]
fn a_deleted_section_is_obsolete_kept_by_sync_and_restored_when_it_returns() {
    let project = Project::accepted_story();
    let original_ja = project.read(JA);
    let original_en = project.read(EN);
    project.edit(
        JA,
        "### 1.1 構成成分 {#contents}\n\n- マイクロRNA\n- タンパク質\n\n",
        "",
    );
    assert_eq!(
        states(&project),
        expect(&[
            ("en", "contents", "obsolete"),
            ("zh-Hans", "contents", "obsolete")
        ])
    );
    project.yaku(&["sync"]).success();
    let synced = project.read(EN);
    let area = synced
        .find("<!-- yaku:obsolete -->")
        .expect("an obsolete area");
    assert!(synced[area..].contains("### 1.1 Contents {#contents}\n<!-- yaku:source "));
    assert!(synced[area..].contains("- MicroRNA\n- Proteins\n"));
    assert!(!synced[..area].contains("{#contents}"));
    assert_eq!(
        states(&project),
        expect(&[]),
        "a parked section is not a finding"
    );

    project.write(JA, &original_ja);
    project.yaku(&["sync"]).success();
    assert_eq!(project.read(EN), original_en, "restored byte for byte");
    assert_eq!(states(&project), expect(&[]));
}

#[test]
fn purge_obsolete_deletes_parked_sections() {
    let project = Project::accepted_story();
    project.edit(
        JA,
        "### 1.1 構成成分 {#contents}\n\n- マイクロRNA\n- タンパク質\n\n",
        "",
    );
    project.yaku(&["sync", "--locale", "en"]).success();
    assert!(project.read(EN).contains("MicroRNA"));
    project
        .yaku(&["sync", "--locale", "en", "--purge-obsolete"])
        .success();
    let text = project.read(EN);
    assert!(!text.contains("MicroRNA"));
    assert!(!text.contains("yaku:obsolete"));
}

#[test]
fn reordered_sections_are_reordered_by_sync_without_changing_any_text() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    let trials = ja.find("## 2.").unwrap();
    let summary = ja.find("## 3.").unwrap();
    let reordered = format!(
        "{}{}\n{}",
        &ja[..trials],
        ja[summary..].trim_end(),
        &ja[trials..summary]
    );
    project.write(JA, &reordered);
    assert_eq!(states(&project), expect(&[]), "a move is not a change");

    let before = project.read(EN);
    project.yaku(&["sync"]).success();
    let after = project.read(EN);
    assert!(after.find("{#summary}").unwrap() < after.find("{#trials}").unwrap());
    let mut before_lines: Vec<&str> = before.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut after_lines: Vec<&str> = after.lines().filter(|l| !l.trim().is_empty()).collect();
    before_lines.sort();
    after_lines.sort();
    assert_eq!(before_lines, after_lines, "the same lines, only moved");
    assert_eq!(states(&project), expect(&[]));
}

#[test]
fn sync_twice_changes_nothing() {
    let project = Project::accepted_story();
    project.edit(
        JA,
        "## 3. まとめ {#summary}",
        "## 2.5 安全性 {#safety}\n\n副作用は限定的です。\n\n## 3. まとめ {#summary}",
    );
    project.yaku(&["sync"]).success();
    let once = (project.read(EN), project.read("content/zh-Hans/article.md"));
    let run = project.yaku(&["sync"]).success();
    assert_eq!(
        run.stdout(),
        "every translation already has the source's shape\n"
    );
    assert_eq!(
        (project.read(EN), project.read("content/zh-Hans/article.md")),
        once
    );
    project.yaku(&["sync", "--dry-run"]).success();
}

#[test]
fn a_stale_section_accepted_becomes_current() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    project.edit(EN, "56 patients", "65 patients");
    project.yaku(&["accept", "en", "article#trials"]).success();
    assert_eq!(states(&project), expect(&[("zh-Hans", "trials", "stale")]));
}
