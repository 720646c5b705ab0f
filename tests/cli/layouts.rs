//! Layouts (`[layout]`: folders, Hugo's filename suffix, patterns), `yaku init`'s site
//! detection, and each site fixture taken through init → adopt → status / check / sync /
//! build.

use std::path::Path;

use crate::build::run_hugo;
use crate::support::{external_judge, mdx_judge, Project};

/// The fixture copied, `yaku init` run in it (which must say what it found).
fn initialised(fixture: &str, found: &str) -> Project {
    let project = Project::fixture(fixture);
    let run = project.yaku(&["init"]).success();
    assert!(run.stdout().contains(found), "{}", run.stdout());
    project
}

/// Appends `lines` to the `[layout]` table that `yaku init` wrote.
fn add_to_layout(project: &Project, lines: &str) {
    let text = project.read("yaku.toml");
    let at = text.find("[layout]\n").expect("a [layout] table") + "[layout]\n".len();
    project.write(
        "yaku.toml",
        &format!("{}{lines}\n{}", &text[..at], &text[at..]),
    );
}

/// Builds the Hugo export in `site` with real Hugo, with the site's own shortcodes.
fn build_with_hugo(project: &Project, site: &str) -> Option<std::path::PathBuf> {
    let hugo = external_judge("hugo", "the Hugo export was not built")?;
    let site = project.path().join(site);
    let shortcodes = project.path().join("layouts/shortcodes");
    if shortcodes.is_dir() {
        std::fs::create_dir_all(site.join("layouts/shortcodes")).unwrap();
        for entry in std::fs::read_dir(&shortcodes).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(
                entry.path(),
                site.join("layouts/shortcodes").join(entry.file_name()),
            )
            .unwrap();
        }
    }
    run_hugo(&hugo, &site);
    Some(site.join("public"))
}

fn page(public: &Path, relative: &str) -> String {
    std::fs::read_to_string(public.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn init_detects_each_site_and_writes_a_config_yaku_reads() {
    for (fixture, found, layout_line) in [
        (
            "site-hugo",
            "found a Hugo site: one content folder per language",
            "content = \"content\"",
        ),
        (
            "site-hugo-suffix",
            "found a Hugo site: every language in content/",
            "suffix = true",
        ),
        (
            "site-docusaurus",
            "found a Docusaurus site",
            "translation = \"i18n/{locale}/docusaurus-plugin-content-docs/current/{path}\"",
        ),
        (
            "site-mdbook",
            "found an mdBook site: one folder per language in src/",
            "content = \"src\"",
        ),
    ] {
        let project = initialised(fixture, found);
        let text = project.read("yaku.toml");
        assert!(text.contains("source = \"en\""), "{fixture}: {text}");
        assert!(text.contains("targets = [\"ja\"]"), "{fixture}: {text}");
        assert!(text.contains(layout_line), "{fixture}: {text}");
        assert!(
            text.lines().filter(|l| l.starts_with('#')).count() > 10,
            "commented"
        );
        if fixture != "site-docusaurus" {
            // Found its documents: untranslated sections to report (1), not "no
            // documents" (2). (The Docusaurus site's MDX page needs i15-content.)
            project.yaku(&["status"]).findings();
        }
    }
}

#[test]
fn init_takes_the_source_and_targets_given_over_the_site_s_own() {
    let project = Project::fixture("site-hugo");
    project.yaku(&["init", "--source", "ja"]).success();
    let text = project.read("yaku.toml");
    assert!(
        text.contains("source = \"ja\"") && text.contains("targets = [\"en\"]"),
        "{text}"
    );
    let project = Project::fixture("site-mdbook");
    project.yaku(&["init", "--targets", "ja,ko"]).success();
    assert!(project
        .read("yaku.toml")
        .contains("targets = [\"ja\", \"ko\"]"));
    // A site with one language and no --targets: nothing to translate into, said so.
    let project = Project::fixture("site-docusaurus");
    project.edit(
        "docusaurus.config.js",
        "locales: ['en', 'ja']",
        "locales: ['en']",
    );
    let run = project.yaku(&["init"]).failure();
    assert!(
        run.stderr().contains("names no language besides en"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("--targets"), "{}", run.stderr());
    assert!(!project.path().join("yaku.toml").exists());
}

#[test]
fn a_hugo_site_is_adopted_checked_synced_and_built_by_real_hugo() {
    let project = initialised("site-hugo", "found a Hugo site");
    // The current source is the baseline; the QA runs at once and shows the drift: the
    // Japanese quickstart dropped one of its source's two code blocks.
    let run = project.yaku(&["adopt", "ja"]).findings();
    let out = run.stdout();
    assert!(
        out.contains("content/ja/docs/intro/quickstart.md: 5 section(s) baselined against the current source"),
        "{out}"
    );
    assert!(
        out.contains("content/ja/docs/intro/quickstart.md:23: error: structure: docs/intro/quickstart#install (ja): 1 code blocks, the source has 2"),
        "{out}"
    );
    assert!(
        out.contains("3 missing"),
        "docs/topics/charts is not translated: {out}"
    );
    let status = project.yaku(&["status", "--format", "json"]).findings();
    let status: serde_json::Value = serde_json::from_str(&status.stdout()).unwrap();
    let docs: Vec<&str> = status["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        [
            "_index",
            "docs/_index",
            "docs/intro/quickstart",
            "docs/topics/charts"
        ],
        "nested documents and _index pages, by id"
    );
    project.yaku(&["sync", "--locale", "ja"]).success();
    assert!(project
        .path()
        .join("content/ja/docs/topics/charts.md")
        .is_file());
    // The YAML front matter is the translator's, byte for byte.
    assert!(project
        .read("content/ja/docs/intro/quickstart.md")
        .starts_with("---\n# yaku:source "));
    project
        .yaku(&["build", "--format", "hugo", "--out", "site"])
        .success();
    let Some(public) = build_with_hugo(&project, "site") else {
        return;
    };
    let quickstart = page(&public, "ja/docs/intro/quickstart/index.html");
    assert!(
        quickstart.contains("クイックスタートガイド"),
        "{quickstart}"
    );
    assert!(quickstart.contains("id=\"prerequisites\""), "{quickstart}");
    assert!(
        quickstart.contains("<div class=\"note\">"),
        "the shortcode ran: {quickstart}"
    );
    // The home page (`_index`) lists its section (`docs/_index`) by its Japanese title.
    let home = page(&public, "ja/index.html");
    assert!(home.contains("ドキュメント"), "{home}");
}

#[test]
fn a_hugo_suffix_site_pairs_files_by_their_suffix() {
    let project = initialised("site-hugo-suffix", "Hugo's filename suffix");
    let run = project.yaku(&["adopt", "ja"]).success();
    assert!(
        run.stdout().contains("content/_index.ja.md: 3 section(s)"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout()
            .contains("content/docs/setup.ja.md: 3 section(s)"),
        "{}",
        run.stdout()
    );
    project.yaku(&["check"]).success();
    // The source written with its suffix (setup.en.md) is the one edited.
    project.edit(
        "content/docs/setup.en.md",
        "with `--kubeconfig`.",
        "with `--kubeconfig` or `KUBECONFIG`.",
    );
    project.yaku(&["status"]).findings();
    // Nothing to reshape: sync leaves every file as it is.
    let adopted = project.snapshot();
    project.yaku(&["sync"]).success();
    assert_eq!(project.snapshot().len(), adopted.len());
    let run = project.yaku(&["check"]).findings();
    assert!(
        run.stdout().contains("content/docs/setup.ja.md:")
            && run.stdout().contains("stale: docs/setup#access"),
        "{}",
        run.stdout()
    );
    project
        .yaku(&["build", "--format", "hugo", "--out", "site"])
        .success();
    assert!(project
        .path()
        .join("site/content/ja/docs/setup.md")
        .is_file());
    if let Some(public) = build_with_hugo(&project, "site") {
        assert!(page(&public, "ja/docs/setup/index.html").contains("アクセスの設定"));
    }
}

#[test]
fn a_docusaurus_site_s_markdown_pages_adopt_through_the_i18n_layout() {
    let project = initialised("site-docusaurus", "found a Docusaurus site");
    // Its MDX page needs i15-content's MDX parsing; the globs leave it out here.
    add_to_layout(&project, "exclude = [\"**/*.mdx\"]");
    let run = project.yaku(&["adopt", "ja"]).success();
    assert!(
        run.stdout().contains(
            "i18n/ja/docusaurus-plugin-content-docs/current/intro.md: 4 section(s) baselined"
        ),
        "{}",
        run.stdout()
    );
    project.yaku(&["check"]).success();
    project.yaku(&["sync"]).success();
    project.yaku(&["check"]).success();
    project
        .yaku(&["build", "--format", "hugo", "--out", "site"])
        .success();
    let built = project.read("site/content/ja/intro.md");
    assert!(
        built.contains(":::tip"),
        "the admonition is published: {built}"
    );
}

#[test]
fn a_docusaurus_site_with_mdx_is_adopted_whole() {
    let project = initialised("site-docusaurus", "found a Docusaurus site");
    let before = project.read("i18n/ja/docusaurus-plugin-content-docs/current/guides/tabs.mdx");
    let run = project.yaku(&["adopt", "ja"]).success();
    assert!(
        run.stdout()
            .contains("current/guides/tabs.mdx: 3 section(s) baselined"),
        "{}",
        run.stdout()
    );
    let after = project.read("i18n/ja/docusaurus-plugin-content-docs/current/guides/tabs.mdx");
    assert!(after.contains("import Tabs from '@theme/Tabs';"));
    assert!(after.contains("{/* #choose */}"));
    assert!(!after.contains("<!--"), "MDX has no HTML comments: {after}");
    assert!(after.contains("{/* yaku:source "), "{after}");
    assert_ne!(before, after);
    // The MDX compiler of Docusaurus 3 takes every .mdx file adoption wrote.
    if let Some(rejected) = mdx_judge(project.path(), "the adopted MDX was not compiled") {
        assert_eq!(rejected, "", "the MDX compiler rejects the adopted files");
    }
    project.yaku(&["check"]).success();
    // The structure rule compares the JSX blocks: a dropped tab is drift.
    project.edit(
        "i18n/ja/docusaurus-plugin-content-docs/current/guides/tabs.mdx",
        "  <TabItem value=\"binary\" label=\"バイナリ\">\n    バイナリをダウンロードします。\n  </TabItem>\n",
        "",
    );
    project.yaku(&["check"]).findings();
}

#[test]
fn an_mdbook_book_is_adopted_with_its_summary() {
    let project = initialised("site-mdbook", "found an mdBook site");
    let run = project.yaku(&["adopt", "ja"]).success();
    for file in [
        "src/ja/SUMMARY.md",
        "src/ja/guide/installation.md",
        "src/ja/introduction.md",
    ] {
        assert!(
            run.stdout().contains(&format!("{file}: ")),
            "{file}: {}",
            run.stdout()
        );
    }
    project.yaku(&["check"]).success();
    // A new chapter: status counts it, sync creates its translation beside the others.
    project.write(
        "src/en/guide/upgrade.md",
        "# Upgrading {#upgrading}\n\nRun `helmsman upgrade`.\n",
    );
    let status = project.yaku(&["status"]).findings();
    assert!(
        status.stdout().contains("guide/upgrade"),
        "{}",
        status.stdout()
    );
    project.yaku(&["sync", "--locale", "ja"]).success();
    assert!(project.path().join("src/ja/guide/upgrade.md").is_file());
    std::fs::remove_file(project.path().join("src/en/guide/upgrade.md")).unwrap();
    std::fs::remove_file(project.path().join("src/ja/guide/upgrade.md")).unwrap();
    project.edit("src/en/introduction.md", "in 3 chapters", "in 4 chapters");
    let run = project.yaku(&["check"]).findings();
    assert!(
        run.stdout().contains("stale: introduction#introduction"),
        "{}",
        run.stdout()
    );
    project
        .yaku(&["build", "--format", "hugo", "--out", "site"])
        .success();
    assert!(project
        .path()
        .join("site/content/ja/guide/installation.md")
        .is_file());
}

#[test]
fn an_english_source_site_without_ids_adopts_with_the_renderer_s_ids() {
    let project = initialised("site-no-ids", "found a Hugo site");
    let text = project.read("yaku.toml");
    project.write(
        "yaku.toml",
        &format!("{text}\n[markdown]\nid-style = \"hugo\"\n"),
    );
    project.yaku(&["adopt", "zh"]).success();
    let translation = project.read("content/zh/docs/release.md");
    assert!(
        translation.contains("## 1. 创建发布分支 {#1-create-the-release-branch}"),
        "{translation}"
    );
    assert!(
        translation.contains("### 签署标签 {#sign-the-tag}"),
        "{translation}"
    );
    // The source is not rewritten: its links keep working.
    assert_eq!(
        project.read("content/en/docs/release.md"),
        std::fs::read_to_string(
            crate::support::fixtures().join("site-no-ids/content/en/docs/release.md")
        )
        .unwrap()
    );
    project.yaku(&["check"]).success();
}

#[test]
fn a_missing_source_folder_is_exit_2_saying_what_was_looked_for() {
    let project = initialised("site-docusaurus", "found a Docusaurus site");
    std::fs::rename(
        project.path().join("docs"),
        project.path().join("documentation"),
    )
    .unwrap();
    for command in [&["status"][..], &["check"], &["sync"], &["adopt", "ja"]] {
        let run = project.yaku(command).failure();
        assert!(
            run.stderr().contains(
                "no source documents: docs does not exist; looked for docs/**/*.{md,markdown,mdx}"
            ),
            "{command:?}: {}",
            run.stderr()
        );
    }
    // A folder that holds files, none of them a document the globs let through.
    std::fs::rename(
        project.path().join("documentation"),
        project.path().join("docs"),
    )
    .unwrap();
    add_to_layout(&project, "include = [\"reference/**\"]");
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr().contains(
            "no source documents: docs holds no document; looked for docs/**/*.{md,markdown,mdx} (include [\"reference/**\"])"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn patterns_that_leave_the_project_are_refused() {
    let project = Project::empty();
    for (layout, says) in [
        (
            "source = \"../docs/{path}\"\ntranslation = \"i18n/{locale}/{path}\"",
            "without `..`",
        ),
        (
            "source = \"/srv/docs/{path}\"\ntranslation = \"i18n/{locale}/{path}\"",
            "without `..`",
        ),
        (
            "source = \"docs/{path}\"\ntranslation = \"i18n/{path}\"",
            "needs `{locale}`",
        ),
        ("source = \"docs/{path}\"", "needs both"),
    ] {
        project.write(
            "yaku.toml",
            &format!("[project]\nsource = \"en\"\ntargets = [\"ja\"]\n\n[layout]\n{layout}\n"),
        );
        let run = project.yaku(&["status"]).failure();
        assert!(run.stderr().contains("yaku.toml"), "{}", run.stderr());
        assert!(run.stderr().contains(says), "{layout}: {}", run.stderr());
    }
    // A locale folder name is one name, not a path.
    project.write(
        "yaku.toml",
        "[project]\nsource = \"en\"\ntargets = [\"ja\"]\n\n[locale.ja]\nfolder = \"../ja\"\n",
    );
    let run = project.yaku(&["status"]).failure();
    assert!(
        run.stderr().contains("is not a folder name"),
        "{}",
        run.stderr()
    );
}

#[cfg(unix)]
#[test]
fn a_pattern_folder_linked_outside_the_project_is_refused() {
    let project = Project::empty();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("ja")).unwrap();
    project.write("docs/a.md", "Text.\n");
    std::fs::create_dir_all(project.path().join("i18n")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("ja"), project.path().join("i18n/ja")).unwrap();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"en\"\ntargets = [\"ja\"]\n\n[layout]\nsource = \"docs/{path}\"\ntranslation = \"i18n/{locale}/{path}\"\n",
    );
    let run = project.yaku(&["sync"]).failure();
    assert!(
        run.stderr().contains("leads outside the project"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_dir(outside.path().join("ja"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn a_locale_folder_name_and_the_source_s_extension_shape_translation_paths() {
    let project = Project::empty();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"en\"\ntargets = [\"zh-Hans\"]\n\n[layout]\nsource = \"docs/{path}\"\ntranslation = \"i18n/{locale}/current/{path}\"\nexclude = [\"**/_*\"]\n\n[locale.zh-Hans]\nfolder = \"zh-cn\"\n",
    );
    project.write(
        "docs/guide/start.mdx",
        "Start here.\n\n## Install {#install}\n\nRun it.\n",
    );
    project.write("docs/notes.markdown", "Notes.\n");
    project.write("docs/_partial.md", "Not a page.\n");
    project.write("docs/logo.svg", "<svg/>\n");
    project.yaku(&["sync"]).success();
    let mut created: Vec<String> = walkdir::WalkDir::new(project.path().join("i18n"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(project.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    created.sort();
    assert_eq!(
        created,
        [
            "i18n/zh-cn/current/guide/start.mdx",
            "i18n/zh-cn/current/notes.markdown"
        ]
    );
    // A translation file without a source is an orphan, found by its own locale's walk.
    project.write("i18n/zh-cn/current/old.md", "旧的。\n");
    let run = project.yaku(&["check"]).findings();
    assert!(
        run.stdout().contains("i18n/zh-cn/current/old.md"),
        "{}",
        run.stdout()
    );
}

#[test]
fn two_files_for_one_document_are_exit_2_naming_both() {
    let project = Project::fixture("site-hugo-suffix");
    project.yaku(&["init"]).success();
    // Hugo's source written both with and without its suffix.
    project.write("content/docs/setup.md", "Another setup.\n");
    let run = project.yaku(&["status"]).failure();
    assert!(
        run.stderr().contains("two files are the document `docs/setup`: content/docs/setup.en.md and content/docs/setup.md"),
        "{}",
        run.stderr()
    );
}

#[test]
fn init_s_config_for_a_docusaurus_site_reads_as_a_person_would_want() {
    let project = Project::fixture("site-docusaurus");
    let run = project.yaku(&["init"]).success();
    insta::assert_snapshot!(run
        .transcript()
        .replace(&project.path().display().to_string(), "<site>"));
    insta::assert_snapshot!(project.read("yaku.toml"));
}

#[test]
fn adopt_reports_each_translation_then_the_check() {
    let project = Project::fixture("site-hugo");
    project.yaku(&["init"]).success();
    let run = project.yaku(&["adopt", "ja"]).findings();
    insta::assert_snapshot!(run.transcript());
}
