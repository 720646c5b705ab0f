//! `yaku init` and `yaku ids`.

use crate::support::Project;

#[test]
fn init_writes_a_commented_config_and_never_overwrites_it() {
    let project = Project::empty();
    project
        .yaku(&["init", "--source", "ja", "--targets", "en,ko"])
        .success();
    let text = project.read("yaku.toml");
    assert!(text.contains("source = \"ja\""));
    assert!(text.contains("targets = [\"en\", \"ko\"]"));
    assert!(
        text.lines().filter(|l| l.starts_with('#')).count() > 5,
        "commented"
    );
    // The written file is a valid project, which has no articles yet: that is not
    // "nothing to report" but a project that cannot be checked (exit 2, naming the folder).
    let run = project.yaku(&["status"]).failure();
    assert!(
        run.stderr()
            .contains("no source documents: content/ja does not exist"),
        "{}",
        run.stderr()
    );
    project.write("content/ja/a.md", "Text.\n");
    project.yaku(&["status"]).findings();
    std::fs::remove_file(project.path().join("content/ja/a.md")).unwrap();
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .contains("content/ja holds no document; looked for content/ja/**/*.{md,markdown,mdx}"),
        "{}",
        run.stderr()
    );
    let run = project.yaku(&["init"]).failure();
    assert!(run.stderr().contains("already exists"));
    assert_eq!(project.read("yaku.toml"), text);
    // --root names the folder to write in.
    project.yaku(&["init", "--root", "sub"]).success();
    assert!(project.read("sub/yaku.toml").contains("source = \"ja\""));
}

#[test]
fn init_rejects_a_source_that_is_also_a_target() {
    let project = Project::empty();
    project
        .yaku(&["init", "--source", "en", "--targets", "en"])
        .failure();
    assert!(!project.path().join("yaku.toml").exists());
}

#[test]
fn ids_write_adds_ids_and_changes_nothing_else() {
    let project = Project::empty();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"ja\"\ntargets = [\"en\"]\n",
    );
    let text = "intro\n\n## 1. 概要\n\nbody\n\n### 1.1 詳細 {#details}\n\n## FAQ\n";
    project.write("a.md", text);
    project.yaku(&["inspect", "a.md"]).findings();
    let dry = project.yaku(&["ids", "a.md"]).findings();
    assert!(dry.stdout().contains("+## 1. 概要 {#s1}"));
    assert_eq!(
        project.read("a.md"),
        text,
        "without --write nothing changes"
    );
    project.yaku(&["ids", "--write", "a.md"]).success();
    assert_eq!(
        project.read("a.md"),
        "intro\n\n## 1. 概要 {#s1}\n\nbody\n\n### 1.1 詳細 {#details}\n\n## FAQ {#faq}\n"
    );
    project.yaku(&["inspect", "a.md"]).success();
    project.yaku(&["ids", "--write", "a.md"]).success();
    // Writing is for files of the project, and needs one.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("b.md"), "## x\n").unwrap();
    let elsewhere = outside.path().join("b.md");
    let run = project
        .yaku(&["ids", "--write", elsewhere.to_str().unwrap()])
        .failure();
    assert!(
        run.stderr().contains("is outside the project folder"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "## x\n");
    Project::empty()
        .yaku(&["ids", "--write", elsewhere.to_str().unwrap()])
        .failure();
}

#[test]
fn a_misconfigured_content_folder_is_an_error_not_zero_documents() {
    let project = Project::fixture("yaml-front-matter");
    project.edit(
        "yaku.toml",
        "[project]\n",
        "[project]\ncontent = \"site/content\"\n",
    );
    for command in ["status", "check", "sync", "build"] {
        let run = project.yaku(&[command]).failure();
        assert!(
            run.stderr()
                .contains("no source documents: site/content/ja does not exist"),
            "{command}: {}",
            run.stderr()
        );
    }
}
