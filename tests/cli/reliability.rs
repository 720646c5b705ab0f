//! What no input, fault or second process may do: lose a translator's text, reach outside
//! the project, or crash yaku. Each test reproduces a failure found by trying.

use crate::support::Project;

const EN: &str = "content/en/article.md";
const JA: &str = "content/ja/article.md";

/// A translated section whose text holds every line that used to end the obsolete area.
const HOSTILE: &str = "Shah et al. (2025) ran a trial with 56 patients.\n\n```html\n<script>\n</script>\n-->\n--!>\n```\n\n<!-- a note --> and text\n\n    </script>\n    --\\>\n\nThe last line of the section.\n";

#[test]
fn a_parked_section_holding_closing_tags_comes_back_whole() {
    let project = Project::accepted_story();
    project.edit(
        EN,
        "Shah et al. (2025) ran a trial with 56 patients.\n",
        HOSTILE,
    );
    project.yaku(&["accept", "en", "article#trials"]).success();
    let translated = project.read(EN);
    let trials = &translated[translated.find("## 2.").unwrap()..translated.find("## 3.").unwrap()];
    let original_ja = project.read(JA);

    // The source drops the section; then another one, so the area is rewritten from
    // what it holds; then both come back.
    let without = |ids: &[(&str, &str)]| {
        let mut text = original_ja.clone();
        for (start, end) in ids {
            let from = text.find(start).unwrap();
            let to = text[from..].find(end).map_or(text.len(), |i| from + i);
            text.replace_range(from..to, "");
        }
        text
    };
    let trials_ja = ("## 2. 臨床試験", "## 3.");
    let summary_ja = ("## 3. まとめ", "\u{0}");
    project.write(JA, &without(&[trials_ja]));
    project.yaku(&["sync", "--locale", "en"]).success();
    let parked = project.read(EN);
    let body = &parked[..parked.find("<!-- yaku:obsolete -->").unwrap()];
    assert!(!body.contains("## 2. Clinical"), "parked, not in the body");
    project.write(JA, &without(&[trials_ja, summary_ja]));
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert!(
        run.stdout().contains("obsolete: summary"),
        "{}",
        run.stdout()
    );
    // Whatever the area holds, the file stays one yaku reads.
    project.yaku(&["status", "--locale", "en"]).success();
    project.write(JA, &original_ja);
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert!(
        run.stdout().contains("restored: trials, summary"),
        "{}",
        run.stdout()
    );
    let restored = project.read(EN);
    assert!(
        restored.contains(trials),
        "the section is back byte for byte:\n{restored}"
    );
    assert!(!restored.contains("yaku:obsolete"));
    // Current again (the code blocks the source lacks are a QA finding of their own).
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(
        run.stdout().contains("6 sections: 6 current, 0 stale"),
        "{}",
        run.stdout()
    );
}

#[test]
fn text_written_after_the_obsolete_area_stops_every_writer_with_its_line() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    project.write(JA, &ja[..ja.find("## 3. まとめ").unwrap()]);
    project.yaku(&["sync", "--locale", "en"]).success();
    let mut en = project.read(EN);
    assert!(
        en.contains("<!-- yaku:obsolete -->\n<!--\n## 3. Summary {#summary}"),
        "{en}"
    );
    en.push_str("\nA note the translator added at the very end.\n");
    project.write(EN, &en);
    let line = en.lines().count();
    project.write(JA, &ja);
    let before = project.read(EN);
    for args in [
        &["sync", "--locale", "en"][..],
        &["accept", "en", "--all"],
        &["check", "--locale", "en"],
    ] {
        let run = project.yaku(args).failure();
        assert!(
            run.stderr().contains(&format!(
                "content/en/article.md:{line}:1: error: text after the obsolete area"
            )),
            "{args:?}: {}",
            run.stderr()
        );
        assert!(
            run.stderr()
                .contains("would not keep this text: move it above the"),
            "{}",
            run.stderr()
        );
    }
    assert_eq!(project.read(EN), before, "nothing was rewritten");
}
