//! Issue 16, a sync a translator can trust: renamed ids, reordered sections, guarded
//! accepts, placeholders with a fingerprint, commands that say what happened.

use crate::support::Project;

const JA: &str = "content/ja/article.md";
const EN: &str = "content/en/article.md";

#[test]
fn a_renamed_id_keeps_its_translation_and_state() {
    let project = Project::accepted_story();
    project.edit(JA, "{#trials}", "{#clinical-trials}");

    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert_eq!(
        run.stdout(),
        "content/en/article.md:22: renamed: article#clinical-trials (en): trials → clinical-trials\n  \
         fix: run `yaku sync --locale en`\n\
         1 document, 6 sections: 5 current, 0 stale, 0 untranslated, 0 missing, 0 obsolete, 1 renamed; 0 Fluent errors, 0 Fluent warnings\n"
    );
    let json = project
        .yaku(&["check", "--locale", "en", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["sections"][0]["state"], "renamed");
    assert_eq!(json["sections"][0]["renamed_from"], "trials");
    assert_eq!(json["summary"]["renamed"], 1);

    sync_renames_trials_in_place(&project);
    // The text and its state are kept: current, and sync has nothing more to do.
    project.yaku(&["check", "--locale", "en"]).success();
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert!(!run.stdout().contains("renamed"));
}

/// `yaku sync` renames `trials` to `clinical-trials` in the English file and changes
/// nothing else.
fn sync_renames_trials_in_place(project: &Project) {
    let before = project.read(EN);
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(
        run.stdout(),
        "content/en/article.md: renamed: trials → clinical-trials\n"
    );
    assert_eq!(
        project.read(EN),
        before.replace("{#trials}", "{#clinical-trials}"),
        "only the id changed"
    );
}

#[test]
fn a_renamed_id_whose_heading_changed_too_keeps_its_translation_then_is_stale() {
    let project = Project::accepted_story();
    let heading = project
        .read(JA)
        .lines()
        .find(|l| l.contains("{#trials}"))
        .unwrap()
        .to_string();
    project.edit(JA, &heading, "## 臨床試験の結果 {#clinical-trials}");

    // Found through the baseline of the old section in `.yaku/sources/`: its body is
    // the new section's body.
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(
        run.stdout().starts_with(
            "content/en/article.md:22: renamed: article#clinical-trials (en): trials → clinical-trials\n"
        ),
        "{}",
        run.stdout()
    );
    sync_renames_trials_in_place(&project);
    // Now the translated heading is behind its source: stale, and diff shows the change.
    let json = project
        .yaku(&["check", "--locale", "en", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["sections"][0]["section"], "clinical-trials");
    assert_eq!(json["sections"][0]["state"], "stale");
    let diff = project
        .yaku(&["diff", "en", "article#clinical-trials"])
        .findings();
    assert!(
        diff.stdout().contains("臨床試験{+の結果+}"),
        "{}",
        diff.stdout()
    );

    // Without the baseline, nothing links the two: missing and obsolete, nothing lost.
    let project = Project::accepted_story();
    project.edit(JA, &heading, "## 臨床試験の結果 {#clinical-trials}");
    std::fs::remove_dir_all(project.path().join(".yaku/sources")).unwrap();
    let json = project
        .yaku(&["check", "--locale", "en", "--format", "json"])
        .findings()
        .json();
    let states: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["missing", "obsolete"]);
}

#[test]
fn duplicate_ids_in_a_translation_name_both_lines() {
    let project = Project::accepted_story();
    project.edit(EN, "{#summary}", "{#trials}");
    let run = project.yaku(&["check", "--locale", "en"]).failure();
    assert!(
        run.stderr()
            .contains("duplicate section id `trials` (first used on line 22)"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("content/en/article.md:29:1: error"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_reordered_source_is_reported_then_fixed_by_sync() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    let trials_at = ja.find("## 2. 臨床試験").unwrap();
    let summary_at = ja.find("## 3. まとめ").unwrap();
    let moved = format!(
        "{}{}\n{}",
        &ja[..trials_at],
        ja[summary_at..].trim_end(),
        &ja[trials_at..summary_at]
    );
    project.write(JA, &moved);

    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert_eq!(
        run.stdout(),
        "content/en/article.md:22: out-of-order: article#trials (en): the source has it after #summary\n  \
         fix: run `yaku sync --locale en`\n\
         1 document, 6 sections: 6 current, 0 stale, 0 untranslated, 0 missing, 0 obsolete; 0 Fluent errors, 0 Fluent warnings; 1 translation file out of order\n"
    );
    let json = project
        .yaku(&["check", "--locale", "en", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["order"][0]["section"], "trials");
    assert_eq!(json["summary"]["out_of_order"], 1);
    let run = project.yaku(&["status", "--locale", "en"]).findings();
    assert!(run
        .stdout()
        .ends_with("article (en): sections out of order; run `yaku sync --locale en`\n"));
    let json = project
        .yaku(&["status", "--locale", "en", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["documents"][0]["out_of_order"], true);

    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(run.stdout(), "content/en/article.md: reordered\n");
    project.yaku(&["check", "--locale", "en"]).success();
    project.yaku(&["status", "--locale", "en"]).success();
    let json = project
        .yaku(&["status", "--locale", "en", "--format", "json"])
        .success()
        .json();
    assert!(json["documents"][0].get("out_of_order").is_none());
}

#[test]
fn accept_refuses_unreviewed_and_qa_failing_sections_with_all_as_without() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    let unreviewed = "content/en/article.md: not accepted: article#trials: stale, and the translation has not changed since it was accepted; update it, or accept it with `--reviewed` if it needs no change\n";

    let run = project.yaku(&["accept", "en", "article#trials"]).findings();
    assert_eq!(run.stdout(), unreviewed);
    let run = project.yaku(&["accept", "en", "--all"]).findings();
    assert_eq!(
        run.stdout(),
        format!("content/en/article.md: accepted 5 section(s)\n{unreviewed}")
    );

    // An edit that gets the number wrong: the QA refuses it, with the finding.
    project.edit(EN, "56 patients", "66 patients");
    let qa_refusal = "content/en/article.md: not accepted: article#trials: the QA found an error; fix the translation, or accept it with `--force`\n  line 25: numbers: numbers differ from the source: missing 65; not in the source 66\n";
    let run = project.yaku(&["accept", "en", "article#trials"]).findings();
    assert_eq!(run.stdout(), qa_refusal);
    let run = project.yaku(&["accept", "en", "--all"]).findings();
    assert_eq!(
        run.stdout(),
        format!("content/en/article.md: accepted 5 section(s)\n{qa_refusal}")
    );
    assert!(project.read(EN).contains("66 patients"));
    project
        .yaku(&["check", "--locale", "en", "--format", "json"])
        .findings();

    // Fixed: accepted.
    project.edit(EN, "66 patients", "65 patients");
    let run = project.yaku(&["accept", "en", "article#trials"]).success();
    assert_eq!(
        run.stdout(),
        "content/en/article.md: accepted 1 section(s)\n"
    );
    project.yaku(&["check", "--locale", "en"]).success();

    // "Reviewed, no change needed" and "accepted although the QA objects" are explicit.
    project.edit(JA, "今後の研究が期待されます。", "今後の研究が待たれます。");
    project
        .yaku(&["accept", "en", "article#summary", "--reviewed"])
        .success();
    project.edit(JA, "65名", "75名");
    project.edit(EN, "65 patients", "65 people");
    project
        .yaku(&["accept", "en", "article#trials", "--force"])
        .success();
}

#[test]
fn commands_with_nothing_to_do_say_so_and_accept_takes_the_locale_first() {
    let project = Project::accepted_story();
    let run = project.yaku(&["accept", "en", "--edited"]).success();
    assert_eq!(
        run.stdout(),
        "nothing to accept: no stale section in en was edited since it was accepted\n"
    );
    let run = project.yaku(&["diff", "en"]).success();
    assert_eq!(
        run.stdout(),
        "nothing to translate: no stale, missing or untranslated section (en)\n"
    );
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(
        run.stdout(),
        "every translation already has the source's shape\n"
    );

    let help = project.yaku(&["accept", "--help"]).success();
    assert!(help.stdout().contains(
        "Usage: yaku accept [OPTIONS] <LOCALE> <DOC>[#<SECTION>]...\n       yaku accept [OPTIONS] <LOCALE> --all|--edited [DOC]...\n"
    ));
    let run = project.yaku(&["accept", "en"]).failure();
    assert!(run
        .stderr()
        .starts_with("error: say what to accept: `yaku accept <locale>"));
}

#[test]
fn diff_shows_the_source_of_new_sections() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    project.write(
        JA,
        &format!("{ja}\n## 4. 参考 {{#notes}}\n\n新しい節です。\n"),
    );
    let run = project.yaku(&["--color", "never", "diff", "en"]).findings();
    assert_eq!(
        run.stdout(),
        "content/en/article.md:29: new: article#notes (en)\n\
         missing in the translation; the source to translate:\n    \
         │ ## 4. 参考 {#notes}\n    \
         │\n    \
         │ 新しい節です。\n\n"
    );
    project.yaku(&["sync", "--locale", "en"]).success();
    let run = project
        .yaku(&["--color", "never", "diff", "en", "article#notes"])
        .findings();
    assert!(run
        .stdout()
        .starts_with("content/en/article.md:34: new: article#notes (en)\nuntranslated in the translation; the source to translate:\n"));
    let json = project
        .yaku(&["diff", "en", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json[0]["state"], "untranslated");
    assert_eq!(json[0]["changes"][0]["op"], "insert");
}

#[test]
fn status_tells_stale_from_in_progress_and_counts_changed_characters() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "65名");
    project.edit(JA, "今後の研究が期待されます。", "今後の研究が待たれます。");
    // The translator has started on `summary`, not on `trials`.
    project.edit(
        EN,
        "Further research is awaited.",
        "More research is awaited.",
    );
    let ja = project.read(JA);
    project.write(
        JA,
        &format!("{ja}\n## 4. 参考 {{#notes}}\n\n新しい節です。\n"),
    );

    let json = project
        .yaku(&["status", "--locale", "en", "--format", "json"])
        .findings()
        .json();
    let en = &json["documents"][0];
    assert_eq!(en["counts"]["stale"], 1);
    assert_eq!(en["counts"]["in_progress"], 1);
    assert_eq!(en["counts"]["missing"], 1);
    // 2 ("65" for "56") + 1 ("た": "期待されます" → "待たれます") + 11 (all of the new
    // section: "4.参考" and "新しい節です。"), not the whole text of the stale sections.
    assert_eq!(en["chars_left"], 2 + 1 + 11);

    let run = project.yaku(&["status", "--locale", "en"]).findings();
    assert_eq!(
        run.stdout(),
        "DOCUMENT  LOCALE  CURRENT  STALE  IN PROGRESS  UNTRANSLATED  MISSING  OBSOLETE   DONE  CHARS LEFT\n\
         article   en            4      1            1             0        1         0  57.1%          14\n"
    );
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(run
        .stdout()
        .contains("content/en/article.md:29: in-progress: article#summary (en)\n"));
    assert!(run.stdout().ends_with(
        "1 document, 7 sections: 4 current, 1 stale, 1 in progress, 0 untranslated, 1 missing, 0 obsolete; 0 Fluent errors, 0 Fluent warnings\n"
    ));
}

/// The marker line of the placeholder of `id` in `text`.
fn marker_of(text: &str, id: &str) -> String {
    let at = text.find(&format!("{{#{id}}}\n")).unwrap();
    text[at..].lines().nth(1).unwrap().to_string()
}

#[test]
fn a_placeholder_is_refreshed_while_untouched_and_kept_once_started() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    project.write(
        JA,
        &format!("{ja}\n## 4. 参考 {{#notes}}\n\n新しい節です。\n"),
    );
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(run.stdout(), "content/en/article.md: placeholder: notes\n");
    let first = marker_of(&project.read(EN), "notes");
    assert!(
        first.starts_with("<!-- yaku:untranslated ") && first.len() == 43,
        "{first}"
    );

    // The source changes; nobody touched the placeholder: it is refreshed.
    project.edit(JA, "新しい節です。", "新しい節の本文です。");
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(run.stdout(), "content/en/article.md: refreshed: notes\n");
    let en = project.read(EN);
    assert!(en.ends_with("\n\n新しい節の本文です。\n"), "{en}");
    assert_ne!(marker_of(&en, "notes"), first);
    project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(project.read(EN), en, "idempotent");

    // A translator starts on it; then the source changes again: the start is kept and
    // the section is reported stale.
    project.edit(EN, "新しい節の本文です。", "The text of the new section.");
    project.edit(JA, "新しい節の本文です。", "新しい節の本文です。追記。");
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(
        run.stdout(),
        "every translation already has the source's shape\n"
    );
    assert!(project.read(EN).contains("The text of the new section."));
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(
        run.stdout()
            .starts_with("content/en/article.md:34: stale: article#notes (en)\n"),
        "{}",
        run.stdout()
    );

    // `--edited` takes edited placeholders.
    project.edit(EN, "## 4. 参考 {#notes}", "## 4. Notes {#notes}");
    project.edit(
        EN,
        "The text of the new section.",
        "The text of the new section. An addition.",
    );
    let run = project.yaku(&["accept", "en", "--edited"]).success();
    assert_eq!(
        run.stdout(),
        "content/en/article.md: accepted 1 section(s)\n"
    );
    project.yaku(&["check", "--locale", "en"]).success();
}

#[test]
fn placeholders_written_before_fingerprints_are_still_read() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    project.write(
        JA,
        &format!("{ja}\n## 4. 参考 {{#notes}}\n\n新しい節です。\n"),
    );
    project.yaku(&["sync", "--locale", "en"]).success();
    let en = project.read(EN);
    let marker = marker_of(&en, "notes");
    project.write(EN, &en.replace(&marker, "<!-- yaku:untranslated -->"));
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(run
        .stdout()
        .starts_with("content/en/article.md:34: untranslated: article#notes (en)\n"));
    // What an old placeholder held is unknown: sync leaves it as it is.
    project.edit(JA, "新しい節です。", "新しい節の本文です。");
    let before = project.read(EN);
    project.yaku(&["sync", "--locale", "en"]).success();
    assert_eq!(project.read(EN), before);
}

#[test]
fn a_renamed_section_is_published_under_the_source_s_new_id_before_sync() {
    let project = Project::accepted_story();
    project.edit(JA, "{#trials}", "{#clinical-trials}");
    project
        .yaku(&["build", "--locale", "en", "--out", "site"])
        .success();
    let built: serde_json::Value =
        serde_json::from_str(&project.read("site/en/article.json")).unwrap();
    let ids: Vec<&str> = built["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"clinical-trials") && !ids.contains(&"trials"),
        "{ids:?}"
    );
    let trials = built["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "clinical-trials")
        .unwrap();
    assert_eq!(
        trials["state"], "current",
        "the translation, not a fallback"
    );
    assert!(
        trials["heading"].as_array().is_some_and(|h| !h.is_empty()),
        "in the table of contents (a section with a heading): {trials}"
    );
}
