//! Incremental `yaku build`: a build with nothing changed writes no file, an edit
//! rewrites only the pages it concerns, `--force` rewrites everything, and a deleted
//! document's pages are removed while files yaku did not write stay.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::support::Project;

/// The accepted story with a second document, `other`, in every locale; its files are
/// left to settle, so that the first build may trust their stamps.
fn two_articles() -> Project {
    let project = Project::fixture("story");
    for locale in ["ja", "en", "zh-Hans"] {
        let article = project.read(&format!("content/{locale}/article.md"));
        project.write(&format!("content/{locale}/other.md"), &article);
    }
    project.yaku(&["accept", "en", "--all"]).success();
    project.yaku(&["accept", "zh-Hans", "--all"]).success();
    project.yaku(&["check"]).success();
    // A file changed less than a second before a build is read again by the next one,
    // however its stamp looks (file times are coarser than the clock).
    std::thread::sleep(Duration::from_millis(1100));
    project
}

/// Every file under `dir` (manifests included) with its inode and modification time.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let metadata = e.metadata().unwrap();
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
            #[cfg(not(unix))]
            let inode = 0;
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, (inode, metadata.modified().unwrap()))
        })
        .collect()
}

/// The files whose inode or modification time differ between two [`stamps`], and those
/// only in one of them.
fn changed(
    before: &BTreeMap<PathBuf, (u64, SystemTime)>,
    after: &BTreeMap<PathBuf, (u64, SystemTime)>,
) -> Vec<String> {
    let mut paths: Vec<&PathBuf> = before.keys().chain(after.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|path| before.get(*path) != after.get(*path))
        .map(|path| path.display().to_string())
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_writes_no_file() {
    let project = two_articles();
    for (format, pages) in [("json", 6), ("html", 6), ("hugo", 6)] {
        let out = format!("out-{format}");
        project
            .yaku(&["build", "--format", format, "--out", &out])
            .success();
        let first = stamps(&project.path().join(&out));
        assert!(
            first.contains_key(Path::new(&format!(".yaku-build-{format}.json"))),
            "{first:?}"
        );
        let run = project
            .yaku(&["build", "--format", format, "--out", &out])
            .success();
        assert!(
            run.stdout().contains(&format!(
                "({format}): {pages} kept from the last build, 0 rebuilt, 0 file(s) written, 0 removed"
            )),
            "{}",
            run.stdout()
        );
        let second = stamps(&project.path().join(&out));
        assert_eq!(changed(&first, &second), Vec::<String>::new(), "{format}");
    }
}

#[test]
fn editing_one_source_article_rewrites_only_its_pages() {
    let project = two_articles();
    for (format, extension) in [("json", "json"), ("html", "html")] {
        let out = project.path().join(format!("out-{format}"));
        let out_arg = format!("out-{format}");
        project
            .yaku(&["build", "--format", format, "--out", &out_arg])
            .success();
        let before = stamps(&out);
        // Re-read after each format's build below: restore the article first.
        let original = project.read("content/ja/other.md");
        project.edit("content/ja/other.md", "56名", "65名");
        let run = project
            .yaku(&["build", "--format", format, "--out", &out_arg])
            .success();
        assert!(
            run.stdout()
                .contains("3 kept from the last build, 3 rebuilt"),
            "{format}: the other article's pages are kept\n{}",
            run.stdout()
        );
        let changed = changed(&before, &stamps(&out));
        // The article's pages in every locale (its translations are now stale there),
        // the index (their counts changed) and the build's record: nothing else.
        let expected = [
            format!(".yaku-build-{format}.json"),
            format!("en/other.{extension}"),
            "index.json".to_string(),
            format!("ja/other.{extension}"),
            format!("zh-Hans/other.{extension}"),
        ];
        assert_eq!(changed, expected, "{format}");
        project.write("content/ja/other.md", &original);
        std::thread::sleep(Duration::from_millis(1100));
        project
            .yaku(&["build", "--format", format, "--out", &out_arg])
            .success();
    }
}

#[test]
fn a_source_saved_unchanged_rebuilds_its_pages_and_writes_none() {
    let project = two_articles();
    project.yaku(&["build"]).success();
    let before = stamps(&project.path().join("dist"));
    // Saved again with the same bytes: its stamp changed, its pages did not.
    let article = project.read("content/ja/other.md");
    std::thread::sleep(Duration::from_millis(20));
    project.write("content/ja/other.md", &article);
    let run = project.yaku(&["build"]).success();
    assert!(
        run.stdout().contains(
            "built 6 page(s) into dist (json): 3 kept from the last build, 3 rebuilt, 0 file(s) written, 0 removed"
        ),
        "{}",
        run.stdout()
    );
    // Only the build's record, which keeps the source's new stamp.
    assert_eq!(
        changed(&before, &stamps(&project.path().join("dist"))),
        [".yaku-build-json.json"]
    );
}

#[test]
fn force_rewrites_every_file() {
    let project = two_articles();
    project.yaku(&["build"]).success();
    let before = stamps(&project.path().join("dist"));
    let bytes_before = pages(&project);
    std::thread::sleep(Duration::from_millis(20));
    let run = project.yaku(&["build", "--force"]).success();
    assert!(
        run.stdout()
            .contains("0 kept from the last build, 6 rebuilt, 7 file(s) written"),
        "{}",
        run.stdout()
    );
    let after = stamps(&project.path().join("dist"));
    assert_eq!(
        changed(&before, &after).len(),
        after.len(),
        "every file is written again"
    );
    // With the same bytes (the manifest records new stamps).
    assert_eq!(pages(&project), bytes_before);
}

/// The files of `dist/` but the manifests, with their bytes.
fn pages(project: &Project) -> BTreeMap<PathBuf, Vec<u8>> {
    project
        .snapshot()
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with("dist") && !path.to_string_lossy().contains(".yaku-build-")
        })
        .collect()
}

#[test]
fn a_deleted_document_s_pages_go_and_files_yaku_did_not_write_stay() {
    let project = two_articles();
    project.yaku(&["build"]).success();
    project.write("dist/en/notes.txt", "mine\n");
    project.write("dist/zh-Hans/other.json", "{\"edited\": \"by hand\"}\n");
    for locale in ["ja", "en", "zh-Hans"] {
        std::fs::remove_file(project.path().join(format!("content/{locale}/other.md"))).unwrap();
    }
    let run = project.yaku(&["build"]).success();
    assert!(run.stdout().contains("2 removed"), "{}", run.stdout());
    let dist = project.path().join("dist");
    assert!(!dist.join("ja/other.json").exists());
    assert!(!dist.join("en/other.json").exists());
    assert_eq!(project.read("dist/en/notes.txt"), "mine\n");
    assert_eq!(
        project.read("dist/zh-Hans/other.json"),
        "{\"edited\": \"by hand\"}\n",
        "a page someone changed is no longer yaku's to remove"
    );
    for locale in ["ja", "en", "zh-Hans"] {
        assert!(dist.join(format!("{locale}/article.json")).is_file());
    }
    assert!(!project.read("dist/index.json").contains("other"));
}

#[test]
fn a_build_of_one_locale_keeps_the_pages_of_the_others() {
    let project = two_articles();
    project.yaku(&["build"]).success();
    project.yaku(&["build", "--locale", "en"]).success();
    for locale in ["ja", "en", "zh-Hans"] {
        assert!(project
            .path()
            .join(format!("dist/{locale}/other.json"))
            .is_file());
    }
    // Until the document goes: then its pages in every locale go with it.
    for locale in ["ja", "en", "zh-Hans"] {
        std::fs::remove_file(project.path().join(format!("content/{locale}/other.md"))).unwrap();
    }
    project.yaku(&["build", "--locale", "en"]).success();
    for locale in ["ja", "en", "zh-Hans"] {
        assert!(!project
            .path()
            .join(format!("dist/{locale}/other.json"))
            .exists());
    }
}

#[test]
fn json_is_compact_unless_pretty_is_asked_for() {
    let project = two_articles();
    project.yaku(&["build"]).success();
    let compact = project.read("dist/en/article.json");
    assert_eq!(compact.lines().count(), 1, "{compact}");
    assert!(compact.starts_with("{\"doc\":\"article\",\"locale\":\"en\""));
    project.yaku(&["build", "--pretty"]).success();
    let pretty = project.read("dist/en/article.json");
    assert!(
        pretty.starts_with("{\n  \"doc\": \"article\",\n"),
        "{pretty}"
    );
    assert!(project.read("dist/index.json").starts_with("{\n  \""));
    let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(value(&pretty), value(&compact));
}

#[test]
fn a_page_whose_file_has_errors_stays_as_the_last_build_left_it() {
    let project = two_articles();
    project.yaku(&["build"]).success();
    let page = project.read("dist/en/other.json");
    let good = project.read("content/en/other.md");
    project.write(
        "content/en/other.md",
        &format!("{good}\n```\nnever closed\n"),
    );
    let run = project.yaku(&["build"]).failure();
    assert!(
        run.stderr().contains("content/en/other.md"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        project.read("dist/en/other.json"),
        page,
        "a failed build removes no page"
    );
    // Still kept by the next failed build, and built again once the file is fixed.
    project.yaku(&["build"]).failure();
    assert_eq!(project.read("dist/en/other.json"), page);
    project.write(
        "content/en/other.md",
        &good.replace("Further research is awaited.", "More research is awaited."),
    );
    project.yaku(&["build"]).success();
    assert!(project
        .read("dist/en/other.json")
        .contains("More research is awaited."));
}
