//! An incremental build writes exactly what a full build writes, whatever was edited
//! since the last one: articles, translations, Fluent files, `yaku.toml`, deleted
//! documents and translations, in every format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::OnceLock;

use proptest::prelude::*;

use crate::build_manifest::{BUILD_MANIFEST_PREFIX, TRUST_EVERY_STAMP};
use crate::{
    accept_pair, build_site, site_locales, AcceptRequest, BuildOptions, BuildReport, Workspace,
};

/// The documents of the project, each in `ja`, `en` and `zh-Hans`.
const DOCS: [&str; 3] = ["article", "other", "skin/deep"];
const TARGETS: [&str; 2] = ["en", "zh-Hans"];

/// One edit between two builds.
#[derive(Debug, Clone)]
enum Edit {
    /// Text added to the source of a document, after its `at`-th paragraph.
    Source { doc: usize, at: usize },
    /// Text added to a translation, after its `at`-th paragraph.
    Translation {
        doc: usize,
        locale: usize,
        at: usize,
    },
    /// A component's heading changed in one locale's Fluent file.
    Fluent { locale: usize },
    /// Another fallback policy for `en`.
    Config { on_missing: usize, on_stale: usize },
    /// A document deleted in every locale.
    DeleteDocument { doc: usize },
    /// A translation file deleted.
    DeleteTranslation { doc: usize, locale: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..DOCS.len(), 0..6usize).prop_map(|(doc, at)| Edit::Source { doc, at }),
        (0..DOCS.len(), 0..TARGETS.len(), 0..6usize)
            .prop_map(|(doc, locale, at)| Edit::Translation { doc, locale, at }),
        (0..3usize).prop_map(|locale| Edit::Fluent { locale }),
        (0..3usize, 0..3usize).prop_map(|(on_missing, on_stale)| Edit::Config {
            on_missing,
            on_stale
        }),
        // The first document stays: a project without any source document is an error
        // (its layout finds nothing), not a build.
        (1..DOCS.len()).prop_map(|doc| Edit::DeleteDocument { doc }),
        (0..DOCS.len(), 0..TARGETS.len())
            .prop_map(|(doc, locale)| Edit::DeleteTranslation { doc, locale }),
    ]
}

/// The story fixture with two more documents, every translation accepted.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/story");
            copy_dir(&fixture, dir.path());
            for locale in ["ja", "en", "zh-Hans"] {
                let content = dir.path().join("content").join(locale);
                let article = std::fs::read_to_string(content.join("article.md")).unwrap();
                for doc in &DOCS[1..] {
                    let path = content.join(format!("{doc}.md"));
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(path, &article).unwrap();
                }
            }
            let workspace = Workspace::open(Some(dir.path()), dir.path()).unwrap();
            let targets: Vec<String> = TARGETS.iter().map(|t| t.to_string()).collect();
            let mut problems = Vec::new();
            let pairs = workspace.pairs(&targets, None, &mut problems).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            let mut request = AcceptRequest::new(&[], false, true);
            request.force = true;
            let store = workspace.project.store();
            for pair in &pairs {
                accept_pair(&workspace, None, &store, pair, &request).unwrap();
            }
            dir
        })
        .path()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Inserts `text` after the `at`-th blank line of the file (or at its end); the file
/// grows, so its stamp changes however fast the edits come.
fn insert(path: &Path, at: usize, text: &str) {
    let Ok(old) = std::fs::read_to_string(path) else {
        return;
    };
    let offset = old
        .match_indices("\n\n")
        .nth(at)
        .map_or(old.len(), |(i, _)| i + 1);
    std::fs::write(
        path,
        format!("{}{text}\n{}", &old[..offset], &old[offset..]),
    )
    .unwrap();
}

fn apply(root: &Path, edit: &Edit, step: usize) {
    let content = |locale: &str, doc: usize| {
        root.join("content")
            .join(locale)
            .join(format!("{}.md", DOCS[doc]))
    };
    match *edit {
        Edit::Source { doc, at } => insert(&content("ja", doc), at, &format!("追加{step}。\n")),
        Edit::Translation { doc, locale, at } => insert(
            &content(TARGETS[locale], doc),
            at,
            &format!("Added {step}.\n"),
        ),
        Edit::Fluent { locale } => {
            let path = root
                .join("locales")
                .join(["ja", "en", "zh-Hans"][locale])
                .join("site.ftl");
            let old = std::fs::read_to_string(&path).unwrap();
            let new = old.replacen(".heading = ", &format!(".heading = {step} "), 1);
            std::fs::write(path, new).unwrap();
        }
        Edit::Config {
            on_missing,
            on_stale,
        } => {
            let on_missing = ["fallback", "omit", "fail"][on_missing];
            let on_stale = ["publish", "fallback", "fail"][on_stale];
            std::fs::write(
                root.join("yaku.toml"),
                format!("[project]\nsource = \"ja\"\ntargets = [\"en\", \"zh-Hans\"]\n\n[locale.en]\non-missing = \"{on_missing}\"\non-stale = \"{on_stale}\"\n"),
            )
            .unwrap();
        }
        Edit::DeleteDocument { doc } => {
            for locale in ["ja", "en", "zh-Hans"] {
                let _ = std::fs::remove_file(content(locale, doc));
            }
        }
        Edit::DeleteTranslation { doc, locale } => {
            let _ = std::fs::remove_file(content(TARGETS[locale], doc));
        }
    }
}

fn build(root: &Path, format: &str, out: &str, force: bool) -> BuildReport {
    try_build(root, format, out, force).unwrap()
}

/// [`build`], or why it stopped.
fn try_build(
    root: &Path,
    format: &str,
    out: &str,
    force: bool,
) -> Result<BuildReport, crate::BuildSiteError> {
    let workspace = Workspace::open(Some(root), root).unwrap();
    let locales = site_locales(&workspace.project, None).unwrap();
    let renderer = yaku_build::renderer(format).unwrap();
    let options = BuildOptions {
        force,
        ..BuildOptions::default()
    };
    build_site(
        &workspace,
        renderer.as_ref(),
        &locales,
        &root.join(out),
        options,
        &(),
    )
}

/// Every file of `dir` but the build manifests, by relative path.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            !e.file_name()
                .to_string_lossy()
                .starts_with(BUILD_MANIFEST_PREFIX)
        })
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn readable(files: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    files.keys().map(|p| p.display().to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn an_incremental_build_writes_what_a_full_build_writes(
        edits in prop::collection::vec(edit(), 1..5)
    ) {
        // The edits come faster than file times can tell apart; each one changes its
        // file's size or is hashed (Fluent, yaku.toml), so stamps may be trusted.
        TRUST_EVERY_STAMP.store(true, Ordering::Relaxed);
        let dir = tempfile::tempdir().unwrap();
        copy_dir(template(), dir.path());
        let root = dir.path();
        for format in yaku_build::FORMATS {
            build(root, format, &format!("inc-{format}"), false);
        }
        for (step, edit) in edits.iter().enumerate() {
            apply(root, edit, step);
            for format in yaku_build::FORMATS {
                let incremental = format!("inc-{format}");
                build(root, format, &incremental, false);
                let full = format!("full-{format}");
                let _ = std::fs::remove_dir_all(root.join(&full));
                build(root, format, &full, false);
                let (inc, full) = (files(&root.join(&incremental)), files(&root.join(&full)));
                prop_assert_eq!(readable(&inc), readable(&full), "{} after {:?}", format, &edits[..=step]);
                for (path, bytes) in &full {
                    prop_assert!(inc[path] == *bytes, "{}: {} differs after {:?}", format, path.display(), &edits[..=step]);
                }
            }
        }
        // Nothing changed since: every page is kept and no file written.
        for format in yaku_build::FORMATS {
            let report = build(root, format, &format!("inc-{format}"), false);
            prop_assert_eq!(report.reused, report.pages, "{}", format);
            prop_assert_eq!(report.written, 0, "{}", format);
            prop_assert!(report.removed.is_empty(), "{}", format);
        }
    }
}

#[test]
fn the_lists_of_every_document_are_written_in_order_and_no_spill_is_left() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(template(), dir.path());
    let root = dir.path();
    let state = |root: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root.join(".yaku"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = state(root);
    build(root, "html", "out", false);
    // `index.json` and `index.html` were written a document at a time, in order.
    let out = root.join("out");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("index.json")).unwrap()).unwrap();
    let listed: Vec<&str> = index["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["article", "other", "skin/deep"]);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    let items: Vec<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix("<li>"))
        .filter_map(|line| line.split(':').next())
        .collect();
    assert_eq!(items, ["article", "other", "skin/deep"], "{page}");
    assert!(page.ends_with("</ul>\n</body>\n</html>\n"), "{page}");
    // The spills were unnamed files: nothing is left in `.yaku/` but the lock's own.
    let lock = ["lock".to_string(), ".gitignore".to_string()];
    let after: Vec<String> = state(root)
        .into_iter()
        .filter(|n| !before.contains(n) && !lock.contains(n))
        .collect();
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn a_build_that_stops_on_an_error_leaves_the_index_and_record_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(template(), dir.path());
    let root = dir.path();
    build(root, "html", "out", false);
    let out = root.join("out");
    let kept = ["index.json", "index.html", ".yaku-build-html.json"];
    let before: Vec<Vec<u8>> = kept
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    // The component the articles use no longer formats: the build stops at the first
    // page that needs it, its lists already begun.
    break_component(root);
    let error = try_build(root, "html", "out", false).unwrap_err();
    assert!(error.to_string().contains("cta-booking"), "{error}");
    for (file, bytes) in kept.iter().zip(&before) {
        assert!(
            std::fs::read(out.join(file)).unwrap() == *bytes,
            "{file} changed"
        );
    }
    // No temporary file is left, in the output folder or in `.yaku/`.
    let leftovers: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Breaks the component the articles use (a variable nobody gives): a build stops at
/// the first page that needs it.
fn break_component(root: &Path) {
    for locale in ["ja", "en", "zh-Hans"] {
        let path = root.join("locales").join(locale).join("site.ftl");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen(".heading = ", ".heading = { $nobody } ", 1),
        )
        .unwrap();
    }
}

/// The names in `root` itself.
fn names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_into_a_missing_folder_writes_what_a_build_into_an_existing_one_writes() {
    // Nothing is edited between the builds: the stamps may be trusted at once.
    TRUST_EVERY_STAMP.store(true, Ordering::Relaxed);
    let dir = tempfile::tempdir().unwrap();
    copy_dir(template(), dir.path());
    let root = dir.path();
    let before = names(root);
    for format in ["json", "html", "hugo"] {
        // Missing (staged and renamed into place), empty, and in use (a file of someone
        // else's in it); the last two have every page replaced one by one.
        std::fs::create_dir(root.join("empty")).unwrap();
        std::fs::create_dir(root.join("used")).unwrap();
        std::fs::write(root.join("used").join("mine.txt"), "kept").unwrap();
        for out in ["missing", "empty", "used"] {
            build(root, format, out, false);
        }
        let without = |out: &str| {
            let mut files = files(&root.join(out));
            files.remove(Path::new("mine.txt"));
            files.retain(|path, _| !path.to_string_lossy().starts_with(BUILD_MANIFEST_PREFIX));
            files
        };
        let used = without("used");
        assert!(used.len() > 9, "{format}: {:?}", readable(&used));
        assert_eq!(readable(&without("missing")), readable(&used), "{format}");
        assert_eq!(readable(&without("empty")), readable(&used), "{format}");
        assert_eq!(
            std::fs::read_to_string(root.join("used").join("mine.txt")).unwrap(),
            "kept"
        );
        // The record of a staged build holds once it is in place: nothing is written
        // again (nor for the others).
        for out in ["missing", "empty", "used"] {
            let again = build(root, format, out, false);
            assert_eq!(
                (again.written, again.reused),
                (0, again.pages),
                "{format} {out}"
            );
        }
        // No staging folder is left beside them.
        let mut expected = before.clone();
        expected.extend(["empty", "missing", "used"].map(String::from));
        expected.sort();
        assert_eq!(names(root), expected, "{format}");
        for out in ["missing", "empty", "used"] {
            std::fs::remove_dir_all(root.join(out)).unwrap();
        }
    }
}

#[test]
fn a_build_into_a_missing_folder_that_stops_on_an_error_leaves_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(template(), dir.path());
    let root = dir.path();
    let before = names(root);
    break_component(root);
    for format in ["json", "html", "hugo"] {
        let error = try_build(root, format, "missing", false).unwrap_err();
        assert!(
            error.to_string().contains("cta-booking"),
            "{format}: {error}"
        );
    }
    // As the builds found it: no `missing`, and no staging folder beside it.
    assert_eq!(names(root), before);
}

/// A folder of the output that someone replaced by a link out of it leads no removal
/// there: the pages of a deleted document that the record lists in that folder are left
/// alone, even where the link leads to a copy of exactly what yaku wrote.
#[cfg(unix)]
#[test]
fn a_deleted_document_s_page_behind_a_link_is_not_removed() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(template(), dir.path());
    let root = dir.path();
    build(root, "json", "dist", false);
    // `dist/en/skin` holds only the page of `skin/deep`; a copy of it goes elsewhere and
    // the folder becomes a link there.
    let outside = tempfile::tempdir().unwrap();
    let skin = root.join("dist/en/skin");
    std::fs::copy(skin.join("deep.json"), outside.path().join("deep.json")).unwrap();
    std::fs::remove_dir_all(&skin).unwrap();
    std::os::unix::fs::symlink(outside.path(), &skin).unwrap();
    let deep = DOCS.iter().position(|d| *d == "skin/deep").unwrap();
    apply(root, &Edit::DeleteDocument { doc: deep }, 1);

    let report = build(root, "json", "dist", false);
    assert!(
        report.removed.contains(&"ja/skin/deep.json".to_string()),
        "{:?}",
        report.removed
    );
    assert!(!report.removed.contains(&"en/skin/deep.json".to_string()));
    assert!(
        outside.path().join("deep.json").is_file(),
        "removed through the link"
    );
}
