//! `.mdx` files get yaku's lines in MDX's comment form (`{/* yaku:… */}`): MDX 2+ (the
//! @mdx-js/mdx compiler of Docusaurus 3) rejects HTML comments. Sync, accept, the
//! obsolete area and adoption are taken through a Docusaurus site, and the files yaku
//! wrote are compiled by the real MDX compiler.

use crate::support::{mdx_judge, Project};

const SOURCE: &str = "docs/guides/setup.mdx";
const TRANSLATION: &str = "i18n/ja/docusaurus-plugin-content-docs/current/guides/setup.mdx";

/// The Docusaurus fixture, initialised and adopted, with a new source page `setup.mdx`
/// of three sections that has no translation yet.
fn site() -> Project {
    let project = Project::fixture("site-docusaurus");
    project.yaku(&["init"]).success();
    project.yaku(&["adopt", "ja"]).success();
    project.write(SOURCE, &source(true));
    project
}

fn source(with_cleanup: bool) -> String {
    let cleanup = if with_cleanup {
        // Hostile text for the obsolete area's comment: its end, an opening, braces,
        // backslashes and an HTML comment, in a code block where MDX keeps them as text.
        "## Clean Up {/*clean-up*/}\n\nRemove the `*/` files and the {props.cache} cache.\n\n```text\n*/} {/* *\\/ \\\\*/ }}\n<!-- --> {/* yaku:obsolete */}\n```\n\n"
    } else {
        ""
    };
    format!(
        "---\ntitle: Setup\n---\n\nimport Tabs from '@theme/Tabs';\n\nSet Helmsman up.\n\n## Configure {{/*configure*/}}\n\nWrite `helmsman.yaml`.\n\n{cleanup}## Verify {{/*verify*/}}\n\n<Tabs>\n  <TabItem value=\"cli\">Run `helmsman check`.</TabItem>\n</Tabs>\n"
    )
}

/// The translator's text, put in place of each placeholder's English body.
fn translate(project: &Project) {
    project.edit(TRANSLATION, "Set Helmsman up.", "Helmsman を設定します。");
    project.edit(
        TRANSLATION,
        "Write `helmsman.yaml`.",
        "`helmsman.yaml` を書きます。",
    );
    project.edit(
        TRANSLATION,
        "Remove the `*/` files and the {props.cache} cache.",
        "`*/` のファイルと {props.cache} キャッシュを消します。",
    );
}

#[test]
fn sync_accept_and_a_parked_section_write_only_mdx_comments_and_round_trip() {
    let project = site();
    project.yaku(&["sync", "--locale", "ja"]).success();
    let placeholders = project.read(TRANSLATION);
    assert!(!placeholders.contains("<!-- yaku"), "{placeholders}");
    assert_eq!(
        placeholders.matches("{/* yaku:untranslated ").count(),
        4,
        "the lead and three sections: {placeholders}"
    );

    translate(&project);
    accept_translated(&project);
    let accepted = project.read(TRANSLATION);
    assert!(!accepted.contains("<!-- yaku"), "{accepted}");
    assert_eq!(
        accepted.matches("{/* yaku:source ").count(),
        3,
        "the lead and the two translated sections: {accepted}"
    );
    assert!(
        accepted.contains("## Configure {/*configure*/}\n{/* yaku:source "),
        "{accepted}"
    );
    project.yaku(&["check"]).findings(); // `verify` is still untranslated
    judge(&project, "the accepted translation");

    // The source drops a translated section: it is parked in an MDX comment.
    project.write(SOURCE, &source(false));
    project.yaku(&["sync", "--locale", "ja"]).success();
    let parked = project.read(TRANSLATION);
    assert!(
        parked.contains("\n{/* yaku:obsolete */}\n{/*\n## Clean Up {/*clean-up*\\/}\n"),
        "{parked}"
    );
    assert!(parked.ends_with("*/}\n"), "{parked}");
    let area = &parked[parked.find("{/* yaku:obsolete */}").unwrap()..];
    assert_eq!(
        area.matches("*/").count(),
        2,
        "only the area's lines end a comment: {area}"
    );
    // Read back without a problem: only what is still untranslated is reported.
    let check = project.yaku(&["check"]).findings();
    let findings: Vec<String> = check
        .stdout()
        .lines()
        .filter(|line| line.starts_with("i18n/"))
        .map(|line| line.split(": ").nth(1).unwrap_or("").to_string())
        .collect();
    assert_eq!(
        findings,
        ["untranslated", "untranslated"],
        "{}",
        check.transcript()
    );
    judge(&project, "the translation with a parked section");
    // Nothing changes: the area is kept as it is.
    project.yaku(&["sync", "--locale", "ja"]).success();
    assert_eq!(project.read(TRANSLATION), parked);

    // It comes back byte for byte.
    project.write(SOURCE, &source(true));
    project.yaku(&["sync", "--locale", "ja"]).success();
    assert_eq!(project.read(TRANSLATION), accepted);
}

#[test]
fn html_comment_lines_of_an_older_yaku_are_read_and_only_touched_lines_are_rewritten() {
    let project = site();
    project.yaku(&["sync", "--locale", "ja"]).success();
    translate(&project);
    accept_translated(&project);
    // As an older yaku wrote it: every yaku line an HTML comment.
    let mdx = project.read(TRANSLATION);
    let old: String = mdx
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix("{/* yaku:") {
            Some(rest) => format!("<!-- yaku:{}", rest.replace(" */}", " -->")),
            None => line.to_string(),
        })
        .collect();
    assert_eq!(old.matches("<!-- yaku:").count(), 4, "{old}");
    project.write(TRANSLATION, &old);
    project.yaku(&["sync", "--locale", "ja"]).success();
    assert_eq!(
        project.read(TRANSLATION),
        old,
        "sync reads both forms and changes nothing"
    );

    // A section edited and accepted again: its marker line alone takes the MDX form.
    project.edit(TRANSLATION, "を書きます。", "を用意します。");
    project
        .yaku(&["accept", "ja", "guides/setup#configure"])
        .success();
    let after = project.read(TRANSLATION);
    let changed: Vec<(&str, &str)> = old
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(changed[0].0.starts_with("<!-- yaku:source "), "{changed:?}");
    assert!(changed[0].1.starts_with("{/* yaku:source "), "{changed:?}");
    assert_eq!(after.matches("<!-- yaku:").count(), 3, "{after}");
}

#[test]
fn the_mdx_judge_rejects_html_comments() {
    let project = Project::fixture("site-docusaurus");
    project.write("docs/bad.mdx", "# Bad\n\n<!-- yaku:required -->\n");
    let Some(rejected) = mdx_judge(project.path(), "the judge itself was not tested") else {
        return;
    };
    assert!(rejected.contains("docs/bad.mdx:3:"), "{rejected}");
    assert_eq!(
        rejected.lines().count(),
        1,
        "the fixture's own .mdx files compile: {rejected}"
    );
}

/// Accepts the three sections [`translate`] translated.
fn accept_translated(project: &Project) {
    project
        .yaku(&[
            "accept",
            "ja",
            "guides/setup#lead",
            "guides/setup#configure",
            "guides/setup#clean-up",
        ])
        .success();
}

/// Compiles every .mdx file of the project with the MDX compiler: none is rejected.
fn judge(project: &Project, what: &str) {
    if let Some(rejected) = mdx_judge(project.path(), &format!("{what} was not compiled")) {
        assert_eq!(rejected, "", "the MDX compiler rejects {what}");
    }
}
