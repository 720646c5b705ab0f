//! Front matter in the formats a real site uses: YAML between `---` lines (the
//! `yaml-front-matter` fixture), read as front matter and kept byte for byte by every
//! command.

use crate::support::{external_judge, Project};

const QUICKSTART_JA: &str = "content/ja/docs/quickstart.md";
const QUICKSTART_EN: &str = "content/en/docs/quickstart.md";
const INSTALL_JA: &str = "content/ja/docs/guide/install.md";
const INSTALL_EN: &str = "content/en/docs/guide/install.md";
const REFERENCE_JA: &str = "content/ja/docs/reference.md";
const REFERENCE_EN: &str = "content/en/docs/reference.md";

/// The front matter of `text`: its first line through its closing `---` line.
fn front_matter(text: &str) -> &str {
    let close = text[4..].find("\n---\n").expect("a closing line") + 4 + 5;
    &text[..close]
}

/// The project's articles, byte for byte.
fn articles(project: &Project) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = project.snapshot();
    files.retain(|path, _| path.starts_with("content"));
    files
}

#[test]
fn yaml_front_matter_is_front_matter_not_a_setext_heading() {
    let project = Project::fixture("yaml-front-matter");
    // Its closing `---` was once read as a setext underline: `status` exited 2 with an
    // error for every article and `ids --write` proposed an id for the title line.
    let run = project.yaku(&["status"]).findings();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    let json = project
        .yaku(&["status", "--format", "json"])
        .findings()
        .json();
    assert!(json.to_string().contains("docs/guide/install"), "{json}");
    let inspect = project.yaku(&["inspect", QUICKSTART_JA]).success();
    assert!(
        inspect.stdout().contains("front-matter"),
        "{}",
        inspect.stdout()
    );
    let before = articles(&project);
    project.yaku(&["ids", QUICKSTART_JA, INSTALL_JA]).success();
    project
        .yaku(&["ids", "--write", QUICKSTART_JA, INSTALL_JA, QUICKSTART_EN])
        .success();
    assert_eq!(articles(&project), before, "ids --write changed nothing");
}

#[test]
fn invalid_yaml_front_matter_is_reported_in_yaml_words() {
    let project = Project::fixture("yaml-front-matter");
    project.edit(INSTALL_JA, "weight: 20", "weight: [20");
    let run = project.yaku(&["inspect", INSTALL_JA]).findings();
    assert!(run.stderr().contains("not valid YAML"), "{}", run.stderr());
    project.edit(INSTALL_JA, "weight: [20", "title: again");
    let run = project.yaku(&["inspect", INSTALL_JA]).findings();
    assert!(
        run.stderr().contains("duplicate key `title`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn sync_and_accept_keep_yaml_front_matter_byte_for_byte() {
    let project = Project::fixture("yaml-front-matter");
    let source = project.read(INSTALL_JA);
    let translated = project.read(QUICKSTART_EN);
    project.yaku(&["sync"]).success();
    // The placeholder copies the source's front matter as written (its comment too),
    // marked untranslated in a YAML comment.
    let placeholder = project.read(INSTALL_EN);
    let (first, rest) = placeholder[4..].split_once('\n').unwrap();
    assert!(first.starts_with("# yaku:untranslated "), "{placeholder}");
    assert!(
        rest.starts_with(&front_matter(&source)[4..]),
        "{placeholder}"
    );
    assert_eq!(project.read(QUICKSTART_EN), translated, "nothing to sync");
    // The new placeholder is refused (still the source text), so the command exits 1.
    project.yaku(&["accept", "--all", "en"]).findings();
    let accepted = project.read(QUICKSTART_EN);
    let marker = accepted.lines().nth(1).unwrap();
    assert!(marker.starts_with("# yaku:source "), "{accepted}");
    // Accepting added the marker line and changed no other byte of the front matter.
    let without_marker = accepted.replacen(&format!("{marker}\n"), "", 1);
    assert_eq!(front_matter(&without_marker), front_matter(&translated));
    project.yaku(&["check"]).findings();
    let status = project
        .yaku(&["status", "--format", "json"])
        .findings()
        .json();
    assert!(status.to_string().contains("docs/quickstart"), "{status}");
    // Run again, every command leaves the files as they are.
    let before = articles(&project);
    project.yaku(&["sync"]).success();
    project.yaku(&["accept", "--all", "en"]).findings();
    assert_eq!(articles(&project), before);
}

#[test]
fn json_front_matter_is_read_and_never_written_to() {
    let project = Project::fixture("yaml-front-matter");
    let json_front_matter = |text: &str| text[..text.find("\n}\n").unwrap() + 3].to_string();
    let translated = project.read(REFERENCE_EN);
    let inspect = project.yaku(&["inspect", REFERENCE_EN]).success();
    assert!(
        inspect.stdout().contains("front-matter"),
        "{}",
        inspect.stdout()
    );
    // No comments, so no marker: the front matter is not a section to translate, and
    // accepting the others changes no byte of it.
    project.yaku(&["accept", "en", "docs/reference"]).success();
    let accepted = project.read(REFERENCE_EN);
    assert_eq!(json_front_matter(&accepted), json_front_matter(&translated));
    assert!(accepted.contains("<!-- yaku:source "), "{accepted}");
    // A placeholder copies the source's JSON front matter as written.
    std::fs::remove_file(project.path().join(REFERENCE_EN)).unwrap();
    project.yaku(&["sync"]).success();
    assert_eq!(
        json_front_matter(&project.read(REFERENCE_EN)),
        json_front_matter(&project.read(REFERENCE_JA))
    );
    // Invalid JSON is reported in JSON's words.
    project.edit(REFERENCE_JA, "\"weight\": 30,", "\"weight\": 30");
    let run = project.yaku(&["inspect", REFERENCE_JA]).findings();
    assert!(run.stderr().contains("not valid JSON"), "{}", run.stderr());
}

#[test]
fn hugo_export_carries_yaml_front_matter_data() {
    let project = Project::fixture("yaml-front-matter");
    project.yaku(&["accept", "--all", "en"]).success();
    project
        .yaku(&["build", "--format", "hugo", "--out", "public-src"])
        .success();
    let page = project.read("public-src/content/en/docs/quickstart.md");
    for line in [
        "title = \"Quickstart Guide\"",
        "weight = 10",
        "slug = \"quickstart\"",
        "aliases = [\"/start/\", \"/getting-started/\"]",
        "date = 2025-11-20T09:00:00+09:00",
    ] {
        assert!(page.contains(line), "{line} in {page}");
    }
    let Some(hugo) = external_judge("hugo", "the export was not built") else {
        return;
    };
    let site = project.path().join("public-src");
    crate::build::run_hugo(&hugo, &site);
    for (locale, title) in [("ja", "クイックスタートガイド"), ("en", "Quickstart Guide")]
    {
        let page = std::fs::read_to_string(
            site.join(format!("public/{locale}/docs/quickstart/index.html")),
        )
        .unwrap();
        assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
        assert!(!page.contains("yaku:"), "{page}");
    }
}
