//! Bad input: a clear message with `path:line:col`, exit 2, never a panic, no write.

use crate::support::Project;

#[test]
fn a_heading_without_id_in_a_translation_stops_check_with_its_position() {
    let project = Project::accepted_story();
    project.edit(
        "content/en/article.md",
        "## 3. Summary {#summary}",
        "## 3. Summary",
    );
    let run = project.yaku(&["check"]).failure();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn sync_refuses_a_broken_translation_and_leaves_it_untouched() {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "## 3. まとめ {#summary}",
        "## 2.5 新 {#new}\n\n新。\n\n## 3. まとめ {#summary}",
    );
    project.edit("content/en/article.md", "{#summary}", "{#trials}");
    let before = project.read("content/en/article.md");
    let run = project.yaku(&["sync"]).failure();
    assert!(run.stderr().contains("content/en/article.md:29:1: error: duplicate section id `trials` (first used on line 22)"), "{}", run.stderr());
    assert_eq!(project.read("content/en/article.md"), before);
    // The healthy locale was still synced.
    assert!(project
        .read("content/zh-Hans/article.md")
        .contains("{#new}"));
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let project = Project::accepted_story();
    let mut bytes = std::fs::read(project.path().join("content/en/article.md")).unwrap();
    let at = bytes.windows(7).position(|w| w == b"Summary").unwrap();
    bytes[at] = 0xff;
    std::fs::write(project.path().join("content/en/article.md"), bytes).unwrap();
    let run = project.yaku(&["status"]).failure();
    assert!(
        run.stderr()
            .contains("content/en/article.md:29:7: error: the file is not valid UTF-8"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_unknown_component_is_an_error_in_the_source() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "cta-booking", "cta-bookng");
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .contains("content/ja/article.md:22:1: error: unknown component `cta-bookng`"),
        "{}",
        run.stderr()
    );
    assert!(run
        .stderr()
        .contains("help: components are Fluent message ids"));
}

#[test]
fn unterminated_front_matter_is_reported() {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "date = 2025-12-01\n+++",
        "date = 2025-12-01\n",
    );
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr().contains(
            "content/ja/article.md:1:1: error: front matter opened with `+++` is never closed"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_invalid_config_points_into_yaku_toml() {
    let project = Project::accepted_story();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"ja\"\ntargets = \"en\"\n",
    );
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .starts_with("yaku.toml:3:11: error: invalid yaku.toml"),
        "{}",
        run.stderr()
    );
    project.write(
        "yaku.toml",
        "[project]\nsource = \"ja\"\ntargets = [\"en\"]\ncolour = 1\n",
    );
    let run = project.yaku(&["status"]).failure();
    assert!(
        run.stderr().contains("unknown field `colour`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn no_config_found_says_how_to_make_one() {
    let project = Project::empty();
    let run = project.yaku(&["check"]).failure();
    assert!(run.stderr().contains("no yaku.toml in"));
    assert!(run.stderr().contains("help: run `yaku init`"));
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    let project = Project::accepted_story();
    project.yaku(&["check", "--format", "yaml"]).failure();
    project.yaku(&["frobnicate"]).failure();
    project.yaku(&["accept", "en"]).failure();
    project.yaku(&["check", "--locale", "fr"]).failure();
    project.yaku(&["--help"]).success();
    project.yaku(&["--version"]).success();
}

#[test]
fn sync_refuses_a_translation_with_an_unclosed_comment() {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "## 3. まとめ {#summary}",
        "## 2.5 新 {#new}\n\n新。\n\n## 3. まとめ {#summary}",
    );
    project.edit(
        "content/en/article.md",
        "Further research is awaited.",
        "Further research is awaited.\n\n<!-- TODO: the last paragraph",
    );
    let before = project.read("content/en/article.md");
    for args in [&["sync"][..], &["sync", "--dry-run"], &["check"]] {
        let run = project.yaku(args).failure();
        assert!(
            run.stderr()
                .contains("content/en/article.md:34:1: error: HTML comment is never closed"),
            "{args:?}: {}",
            run.stderr()
        );
    }
    assert_eq!(project.read("content/en/article.md"), before);
}

#[test]
fn a_carriage_return_that_ends_no_line_is_reported_and_the_file_not_synced() {
    // Pasted from a tool that ends lines with `\r\r\n`: Markdown sees two line endings,
    // yaku one. The translation is reported where it happens and is not rewritten.
    let project = Project::accepted_story();
    project.edit(
        "content/en/article.md",
        "## 3. Summary {#summary}\n",
        "## 3. Summary {#summary}\r\r\n",
    );
    let before = project.read("content/en/article.md");
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr().contains(
            "content/en/article.md:29:25: error: a carriage return (CR) without a line feed after it"
        ) && run.stderr().contains("help: save the file with LF or CRLF line endings"),
        "{}",
        run.stderr()
    );
    project.edit("content/ja/article.md", "まとめ", "まとめと展望");
    project.yaku(&["sync"]).failure();
    assert_eq!(project.read("content/en/article.md"), before);
}
