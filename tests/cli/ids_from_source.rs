//! `[markdown] id-style` and `yaku ids --from-source` on an English-source site whose
//! headings carry no ids and whose translations were made before yaku.

use crate::support::Project;

const FIXTURE: &str = "english-source-without-ids";
const RELEASE_EN: &str = "content/en/docs/release.md";
const RELEASE_JA: &str = "content/ja/docs/release.md";
const QUICKSTART_JA: &str = "content/ja/docs/quickstart.md";
const RELEASE_ZH: &str = "content/zh-Hans/docs/release.md";
const QUICKSTART_ZH: &str = "content/zh-Hans/docs/quickstart.md";

/// The ids of an article's headings, as `yaku inspect --format json` reads them.
fn heading_ids(project: &Project, path: &str) -> Vec<String> {
    let json = project.yaku(&["inspect", path, "--format", "json"]).json();
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["level"].as_u64().unwrap_or(0) > 0)
        .map(|s| s["id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The project's files but yaku's own folder (`.yaku/`: its lock), path → bytes.
fn files(project: &Project) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = project.snapshot();
    files.retain(|path, _| !path.starts_with(".yaku"));
    files
}

/// `new` with every ` {#id}` that `old` lacks taken out again: `old` when nothing else
/// changed.
fn without_added_ids(old: &str, new: &str) -> String {
    let id = regex::Regex::new(r" \{#[a-z0-9-]+\}").unwrap();
    id.replace_all(new, |c: &regex::Captures<'_>| {
        if old.contains(&c[0]) {
            c[0].to_string()
        } else {
            String::new()
        }
    })
    .into_owned()
}

#[test]
fn a_source_without_ids_has_the_ids_hugo_gives_its_headings() {
    let project = Project::fixture(FIXTURE);
    let expected = [
        "1-create-the-release-branch",
        "notes",
        "2-tag-the-release",
        "notes-1",
    ];
    assert_eq!(heading_ids(&project, RELEASE_EN), expected);
    // The source is usable as it is: no heading is an error.
    project.yaku(&["inspect", RELEASE_EN]).success();
    // `ids --write` writes those same ids when a team wants them in the file.
    let before = project.read(RELEASE_EN);
    project.yaku(&["ids", "--write", RELEASE_EN]).success();
    let after = project.read(RELEASE_EN);
    assert!(after.contains("## 1. Create the Release Branch {#1-create-the-release-branch}\n"));
    assert!(after.contains("### Notes {#notes-1}\n"));
    assert_eq!(without_added_ids(&before, &after), before);
    assert_eq!(heading_ids(&project, RELEASE_EN), expected);
    project.yaku(&["ids", RELEASE_EN]).success();
}

#[test]
fn a_translation_never_gets_ids_made_from_its_own_text() {
    let project = Project::fixture(FIXTURE);
    // Its headings are not slugged (that would be `1-リリースブランチを作る`): they lack ids.
    assert_eq!(heading_ids(&project, RELEASE_JA), ["", "", "", ""]);
    let before = files(&project);
    let run = project.yaku(&["ids", "--write", RELEASE_JA]).failure();
    assert!(
        run.stderr()
            .contains("is a ja translation: its headings take the source's ids"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("yaku ids --from-source ja"));
    assert_eq!(files(&project), before, "nothing written");
}

#[test]
fn aligned_translations_get_the_sources_ids_and_no_other_byte_changes() {
    let project = Project::fixture(FIXTURE);
    let before = files(&project);
    let old_release = project.read(RELEASE_JA);
    let old_quickstart = project.read(QUICKSTART_JA);
    let run = project.yaku(&["ids", "--from-source", "ja"]).success();
    assert_eq!(
        run.stdout(),
        "content/ja/docs/quickstart.md: ids from the source\ncontent/ja/docs/release.md: ids from the source\n"
    );
    assert_eq!(
        heading_ids(&project, RELEASE_JA),
        heading_ids(&project, RELEASE_EN)
    );
    assert_eq!(
        heading_ids(&project, QUICKSTART_JA),
        ["prerequisites", "install-helm", "next-steps"]
    );
    let new_release = project.read(RELEASE_JA);
    assert!(new_release.contains("## 1. リリースブランチを作る {#1-create-the-release-branch}\n"));
    assert_eq!(without_added_ids(&old_release, &new_release), old_release);
    assert_eq!(
        without_added_ids(&old_quickstart, &project.read(QUICKSTART_JA)),
        old_quickstart
    );
    // No other file changed.
    let after = files(&project);
    let changed: Vec<_> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(changed, [QUICKSTART_JA, RELEASE_JA]);
    // Idempotent: a second run has nothing to write.
    let again = project.yaku(&["ids", "--from-source", "ja"]).success();
    assert_eq!(
        again.stdout(),
        "every ja translation already has the source's ids\n"
    );
    assert_eq!(files(&project), after);
}

#[test]
fn a_translation_that_cannot_be_aligned_is_left_untouched_and_listed() {
    let project = Project::fixture(FIXTURE);
    let old_release = project.read(RELEASE_ZH);
    let run = project
        .yaku(&["ids", "--from-source", "zh-Hans"])
        .findings();
    let out = run.stdout();
    assert!(
        out.contains(
            "content/zh-Hans/docs/release.md:9:1: error: not aligned with the source: heading 1 (source line 9): 0 code blocks in the translation's section, 1 in the source's"
        ),
        "{out}"
    );
    assert!(out.contains("1 translation left untouched"), "{out}");
    assert!(out.contains("content/zh-Hans/docs/quickstart.md: ids from the source"));
    assert_eq!(project.read(RELEASE_ZH), old_release, "untouched");
    assert_eq!(heading_ids(&project, QUICKSTART_ZH)[0], "prerequisites");
    // One document named: only it is looked at.
    let project = Project::fixture(FIXTURE);
    let run = project
        .yaku(&["ids", "--from-source", "zh-Hans", "docs/quickstart"])
        .success();
    assert_eq!(
        run.stdout(),
        "content/zh-Hans/docs/quickstart.md: ids from the source\n"
    );
    let run = project
        .yaku(&["ids", "--from-source", "zh-Hans", "docs/nope"])
        .failure();
    assert!(
        run.stderr().contains("no document `docs/nope`"),
        "{}",
        run.stderr()
    );
    let run = project.yaku(&["ids", "--from-source", "fr"]).failure();
    assert!(
        run.stderr().contains("not a target locale"),
        "{}",
        run.stderr()
    );
}

#[test]
fn adopted_translations_pass_the_qa_of_an_english_source_site_and_drift_is_still_found() {
    let project = Project::fixture(FIXTURE);
    project.yaku(&["ids", "--from-source", "ja"]).success();
    // Localized links (https://helm.sh/ja/…, /ja/docs/…) and "two spaces" written
    // `2 つのスペース` are not findings: the QA accepts every section.
    let run = project.yaku(&["accept", "ja", "--all"]).success();
    assert!(
        run.stdout()
            .contains("content/ja/docs/release.md: accepted 6 section(s)"),
        "{}",
        run.stdout()
    );
    project.yaku(&["check", "--locale", "ja"]).success();
    // The zh-Hans release lacks a code block: with its ids written by hand, the structure
    // rule still finds the drift.
    for (heading, id) in [
        ("## 1. 创建发布分支\n", "1-create-the-release-branch"),
        ("## 2. 为发布打标签\n", "2-tag-the-release"),
    ] {
        project.edit(
            RELEASE_ZH,
            heading,
            &format!("{} {{#{id}}}\n", heading.trim_end()),
        );
    }
    let text = project.read(RELEASE_ZH);
    let text = text.replacen("### 注意\n", "### 注意 {#notes}\n", 1);
    let text = text.replacen("### 注意\n", "### 注意 {#notes-1}\n", 1);
    project.write(RELEASE_ZH, &text);
    let run = project.yaku(&[
        "accept",
        "zh-Hans",
        "docs/release#1-create-the-release-branch",
    ]);
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        out.contains("structure: 0 code blocks, the source has 1"),
        "{out}"
    );
    // A changed data key of the front matter is a warning at its line (accept wrote a
    // marker line into the front matter above it).
    project.edit(RELEASE_JA, "weight: 20", "weight: 30");
    let run = project.yaku(&["check", "--locale", "ja"]).success();
    assert!(
        run.stdout().contains(
            "content/ja/docs/release.md:5: warning: front-matter-data: docs/release#front-matter (ja): front-matter key `weight` is `30`, the source's is `20`"
        ),
        "{}",
        run.stdout()
    );
}

#[test]
fn mdx_keeps_its_jsx_and_takes_ids_in_reacts_form() {
    let project = Project::empty();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"en\"\ntargets = [\"ja\"]\n\n[markdown]\nid-style = \"docusaurus\"\n",
    );
    let text = "---\ntitle: Intro\nsidebar_position: 1\n---\n\nimport Tabs from '@theme/Tabs';\n\n## Getting Started {/*getting-started*/}\n\n<Tabs>\n\n## Not a section\n\n</Tabs>\n\n:::tip\n\nRead on.\n\n:::\n\n## Next Steps\n\n## Next Steps\n";
    project.write("content/en/intro.mdx", text);
    let json = project
        .yaku(&["inspect", "content/en/intro.mdx", "--format", "json"])
        .success()
        .json();
    let ids: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    // The JSX element's heading is not a section; github-slugger's `-1` for the repeat.
    assert_eq!(
        ids,
        [
            "front-matter",
            "lead",
            "getting-started",
            "next-steps",
            "next-steps-1"
        ]
    );
    project
        .yaku(&["ids", "--write", "content/en/intro.mdx"])
        .success();
    let written = project.read("content/en/intro.mdx");
    assert_eq!(
        written,
        text.replace(
            "## Next Steps\n\n## Next Steps\n",
            "## Next Steps {/*next-steps*/}\n\n## Next Steps {/*next-steps-1*/}\n"
        )
    );
}

#[test]
fn sync_writes_the_renderers_ids_into_the_placeholders_it_makes() {
    let project = Project::fixture(FIXTURE);
    project.yaku(&["ids", "--from-source", "ja"]).success();
    std::fs::remove_file(project.path().join(QUICKSTART_JA)).unwrap();
    let run = project.yaku(&["sync", "--locale", "ja"]).success();
    assert!(
        run.stdout()
            .contains("content/ja/docs/quickstart.md: created; placeholder: front-matter, prerequisites, install-helm, next-steps"),
        "{}",
        run.stdout()
    );
    let created = project.read(QUICKSTART_JA);
    assert!(created.contains("## Prerequisites {#prerequisites}\n<!-- yaku:untranslated "));
    assert!(created.contains("## Next steps {#next-steps}\n"));
    assert_eq!(
        heading_ids(&project, QUICKSTART_JA),
        ["prerequisites", "install-helm", "next-steps"]
    );
    // The new file is a usable translation: untranslated sections, not errors.
    let run = project.yaku(&["status", "--locale", "ja"]).findings();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    // Idempotent.
    let before = files(&project);
    project.yaku(&["sync", "--locale", "ja"]).success();
    assert_eq!(files(&project), before);
}

#[test]
fn links_maps_in_yaku_toml_make_another_domain_the_same_link() {
    let project = Project::fixture(FIXTURE);
    project.yaku(&["ids", "--from-source", "ja"]).success();
    project.edit(
        RELEASE_JA,
        "https://helm.sh/ja/docs/faq/",
        "https://helm.jp/docs/faq/",
    );
    let run = project.yaku(&["accept", "ja", "--all"]).findings();
    assert!(
        run.stdout()
            .contains("DOIs and URLs differ from the source"),
        "{}",
        run.stdout()
    );
    let config = project.read("yaku.toml");
    project.write(
        "yaku.toml",
        &format!("{config}\n[links.map.ja]\n\"https://helm.jp/\" = \"https://helm.sh/\"\n"),
    );
    project.yaku(&["accept", "ja", "--all"]).success();
    project.yaku(&["check", "--locale", "ja"]).success();
    // A table for a locale the project does not have is an error, not ignored.
    project.write(
        "yaku.toml",
        &format!("{config}\n[links.map.fr]\n\"https://helm.fr/\" = \"https://helm.sh/\"\n"),
    );
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .contains("`[links.map.fr]` is not a target locale"),
        "{}",
        run.stderr()
    );
}

#[test]
fn configured_translatable_keys_are_tracked_and_their_baselines_read_back() {
    let project = Project::fixture(FIXTURE);
    let config = project.read("yaku.toml");
    project.write(
        "yaku.toml",
        &format!("{config}\n[front-matter]\ntranslatable = [\"title\"]\n"),
    );
    project.yaku(&["ids", "--from-source", "ja"]).success();
    project.yaku(&["accept", "ja", "--all"]).success();
    // `description` is data now: a source change leaves the translation current, and
    // the translation's own description is a data key that differs (a warning).
    project.edit(RELEASE_EN, "How to cut a release.", "How to cut one.");
    let run = project.yaku(&["check", "--locale", "ja"]).success();
    assert!(
        run.stdout().contains(
            "front-matter-data: docs/release#front-matter (ja): front-matter key `description`"
        ),
        "{}",
        run.stdout()
    );
    // `title` is tracked: a change makes it stale, and its stored baseline (checked
    // against its fingerprint with the project's keys) shows what changed.
    project.edit(RELEASE_EN, "Release Checklist", "Release Checklist v2");
    let run = project.yaku(&["diff", "ja"]).findings();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    assert!(
        run.stdout().contains("title: \"Release Checklist{+ v2+}\""),
        "{}",
        run.stdout()
    );
}

/// Headings whose ids the renderers' algorithms disagree about or that need suffixes.
const TRICKY_HEADINGS: &str = "---\ntitle: Anchors\n---\n\n## 1. Create the Release Branch\n\n## Question? Answer!\n\n## `helm install` *now*\n\n## Multiple--Hyphens and   spaces\n\n## Under_score and 1+2=3\n\n## See [the docs](https://x.dev) &amp; more\n\n> ## Notes\n\n## Notes\n\n## Notes {#notes-2}\n\n## Notes\n\n## Trailing hyphen-\n\nTwo *lines*\nof `heading`\n---\n\n> Quoted\n> setext\n> ---\n\n## Of heading\n\n## Setext\n\n- > In\n  > a list\n  > ---\n\n> Hard\\\n> break\n> ---\n\n## A list\n\n## Break\n";

/// `<hN id="…">` ids of an HTML page, in order.
fn html_heading_ids(html: &str) -> Vec<String> {
    let heading = regex::Regex::new(r#"<h[1-6] id="([^"]*)""#).unwrap();
    heading
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn real_hugo_gives_source_headings_the_ids_yaku_derives() {
    let project = Project::fixture(FIXTURE);
    project.write("content/en/docs/anchors.md", TRICKY_HEADINGS);
    let json = project
        .yaku(&["inspect", "content/en/docs/anchors.md", "--format", "json"])
        .findings()
        .json();
    let yaku: Vec<String> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["level"].as_u64().unwrap_or(0) > 0)
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let expected = [
        "1-create-the-release-branch",
        "question-answer",
        "helm-install-now",
        "multiple--hyphens-and---spaces",
        "under_score-and-123",
        // Goldmark slugs the line as written: the link's destination and the entity too.
        "see-the-docshttpsxdev-amp-more",
        // The quote's heading (`notes`) starts no section but takes the plain id.
        "notes-1",
        "notes-2",
        "notes-3",
        "trailing-hyphen-",
        // An underlined heading of several lines takes its last line's id, the quote's
        // (`setext`) too.
        "of-heading",
        "of-heading-1",
        "setext-1",
        // The same in a quote in a list item (`a-list`), and across a hard break
        // (`break`).
        "a-list-1",
        "break-1",
    ];
    // `under_score…` is Hugo's id, but not a yaku id: an error at that heading, whose
    // section then has none.
    let usable: Vec<&str> = expected
        .iter()
        .map(|id| if id.contains('_') { "" } else { id })
        .collect();
    assert_eq!(yaku, usable);
    let Some(hugo) = crate::support::external_judge("hugo", "Hugo's ids were not compared") else {
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(
        root.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"home\", \"section\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("layouts/_default")).unwrap();
    std::fs::write(root.join("layouts/_default/single.html"), "{{ .Content }}").unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/anchors.md"), TRICKY_HEADINGS).unwrap();
    let run = std::process::Command::new(hugo)
        .arg("--source")
        .arg(root)
        .arg("--destination")
        .arg(root.join("public"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "hugo failed:\n{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(root.join("public/anchors/index.html")).unwrap();
    let mut hugo_ids = html_heading_ids(&html);
    // Hugo's ids are the ones yaku derives, the quote's heading included.
    assert_eq!(hugo_ids.remove(6), "notes", "{html}");
    assert_eq!(hugo_ids.remove(11), "setext", "{html}");
    assert_eq!(hugo_ids.remove(13), "a-list", "{html}");
    assert_eq!(hugo_ids.remove(13), "break", "{html}");
    assert_eq!(hugo_ids, expected, "{html}");
}
