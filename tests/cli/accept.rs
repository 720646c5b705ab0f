//! `yaku accept`: by section, by document, --all, --edited; only marker lines change.

use crate::support::{expect, states, Project};

const JA: &str = "content/ja/article.md";
const EN: &str = "content/en/article.md";

#[test]
fn accept_changes_only_the_marker_line() {
    let project = Project::accepted_story();
    project.edit(JA, "今後の研究が期待されます。", "今後の研究が待たれます。");
    let before = project.read(EN);
    // The English needs no change: reviewed.
    project
        .yaku(&["accept", "en", "article#summary", "--reviewed"])
        .success();
    let after = project.read(EN);
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        changed[0].0.starts_with("<!-- yaku:source ")
            && changed[0].1.starts_with("<!-- yaku:source ")
    );
    assert_eq!(before.lines().count(), after.lines().count());
    // Accepting again is a no-op.
    project.yaku(&["accept", "en", "article#summary"]).success();
    assert_eq!(project.read(EN), after);
}

#[test]
fn accept_edited_takes_only_stale_sections_the_translator_changed() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    project.edit(JA, "今後の研究が期待されます。", "今後の研究が待たれます。");
    project.edit(EN, "56 patients", "65 patients");
    let run = project.yaku(&["accept", "en", "--edited"]).success();
    assert!(
        run.stdout().contains("accepted 1 section(s)"),
        "{}",
        run.stdout()
    );
    assert_eq!(
        states(&project),
        expect(&[
            ("en", "summary", "stale"),
            ("zh-Hans", "trials", "stale"),
            ("zh-Hans", "summary", "stale")
        ])
    );
}

#[test]
fn accept_a_whole_document() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    project.edit(JA, "今後の研究が期待されます。", "今後の研究が待たれます。");
    project
        .yaku(&["accept", "zh-Hans", "article", "--reviewed", "--force"])
        .success();
    assert_eq!(
        states(&project),
        expect(&[("en", "trials", "stale"), ("en", "summary", "stale")])
    );
}

#[test]
fn accept_names_sections_it_cannot_find() {
    let project = Project::accepted_story();
    let run = project.yaku(&["accept", "en", "article#nope"]).findings();
    assert!(run
        .stdout()
        .contains("article#nope: the source has no such section"));
    let run = project.yaku(&["accept", "en", "nodoc"]).failure();
    assert!(run.stderr().contains("no document `nodoc`"));
}

#[test]
fn accept_stores_the_source_text_for_later_diffs() {
    let project = Project::fixture("story");
    project.yaku(&["accept", "en", "--all"]).success();
    let entries: Vec<_> = walkdir::WalkDir::new(project.path().join(".yaku/sources"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(entries.len(), 6);
    assert!(entries.iter().any(|t| t.contains("56名の患者")));
}

#[test]
fn gc_deletes_only_unreferenced_source_texts() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    project.edit(EN, "56 patients", "65 patients");
    project.yaku(&["accept", "en", "article#trials"]).success();
    // zh-Hans still refers to the old text; nothing can go yet.
    let run = project.yaku(&["gc"]).success();
    assert_eq!(run.stdout(), "deleted 0 unused source text(s)\n");
    project.edit("content/zh-Hans/article.md", "以56名", "以65名");
    project
        .yaku(&["accept", "zh-Hans", "article#trials"])
        .success();
    let run = project.yaku(&["gc", "--dry-run"]).findings();
    assert!(run
        .stdout()
        .starts_with("would delete 1 unused source text(s)\n"));
    project.yaku(&["gc"]).success();
    assert_eq!(
        project.yaku(&["gc"]).success().stdout(),
        "deleted 0 unused source text(s)\n"
    );
    project.yaku(&["check"]).success();
}

#[test]
fn a_translation_saved_with_a_byte_order_mark_keeps_it_first() {
    // Windows editors save one. accept wrote the lead's marker before it, which left
    // an invisible U+FEFF in the published text; a heading right after the mark was
    // not a heading at all, and sync made the two files disagree.
    let project = Project::accepted_story();
    let en = project.read(EN);
    project.write(EN, &format!("\u{feff}{en}"));
    project.edit(JA, "今後の研究が期待されます。", "今後の研究が待たれます。");
    project
        .yaku(&["accept", "en", "--all", "--reviewed"])
        .success();
    let after = project.read(EN);
    assert!(after.starts_with("\u{feff}+++"), "{after:?}");
    assert_eq!(after.matches('\u{feff}').count(), 1);

    // Without front matter, the lead's marker goes after the mark, not before it.
    let project = Project::empty();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"ja\"\ntargets = [\"en\"]\n",
    );
    project.write(JA, "リード。\n\n## 節 {#s}\n\n内容。\n");
    project.write(EN, "\u{feff}Lead.\n\n## Section {#s}\n\nContent.\n");
    project.yaku(&["accept", "en", "--all"]).success();
    let after = project.read(EN);
    assert!(after.starts_with("\u{feff}<!-- yaku:source "), "{after:?}");
    assert!(after.contains(" -->\nLead.\n"), "{after:?}");
    assert_eq!(after.matches('\u{feff}').count(), 1);
    project.yaku(&["check"]).success();

    // A file without front matter whose first line is a heading.
    let project = Project::accepted_story();
    let strip = |text: &str| {
        let body = &text[text.find("\n+++\n").unwrap() + 5..];
        body.trim_start().to_string()
    };
    let ja = strip(&project.read(JA));
    let en = strip(&project.read(EN));
    project.write(JA, &format!("\u{feff}# 題 {{#title}}\n\n{ja}"));
    project.write(EN, &format!("\u{feff}{en}"));
    let run = project.yaku(&["sync"]).findings();
    assert!(
        run.stdout().contains("placeholder: title"),
        "{}",
        run.stdout()
    );
    let synced = project.read(EN);
    assert!(synced.starts_with("\u{feff}"), "{synced:?}");
    assert_eq!(synced.matches('\u{feff}').count(), 1);
    project.yaku(&["accept", "en", "--all"]).findings();
    let accepted = project.read(EN);
    assert!(accepted.starts_with("\u{feff}"), "{accepted:?}");
    assert_eq!(accepted.matches('\u{feff}').count(), 1);
    // The title is a heading on both sides: untranslated, neither missing nor obsolete
    // (the source's lead is now the title's text, so the translation's is obsolete).
    let check = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(
        check.stdout().contains("untranslated: article#title (en)")
            && check.stdout().contains("obsolete: article#lead (en)")
            && !check.stdout().contains("missing:")
            && !check.stdout().contains("obsolete: article#title"),
        "{}",
        check.stdout()
    );
}
