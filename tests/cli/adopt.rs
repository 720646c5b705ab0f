//! `yaku adopt`: an existing translated locale brought under yaku, its baseline the
//! current source or (`--git`) the source as of each translation's last commit.

use std::path::Path;
use std::process::Command;

use crate::support::Project;

/// Runs git in `dir`; it must succeed.
fn git(dir: &Path, args: &[&str]) -> String {
    let run = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "yaku test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "yaku test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        run.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).trim().to_string()
}

/// The translation files of a project (relative path → text).
fn translations(project: &Project, under: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(project.path().join(under))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(project.path()).unwrap();
            (
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .filter(|(path, _)| path.ends_with(".md") || path.ends_with(".mdx"))
        .collect();
    files.sort();
    files
}

/// Every file of the project but the lock's own (the lock, whose text names the process
/// that held it, and the `.gitignore` that taking it writes).
fn files(project: &Project) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = project.snapshot();
    files.remove(Path::new(".yaku/lock"));
    files.remove(Path::new(".yaku/.gitignore"));
    files
}

/// Whether `after` is `before` with only marker lines added and ids appended to
/// headings: every other byte as it was, in order.
fn only_ids_and_markers_added(before: &str, after: &str) -> Result<(), String> {
    let is_marker = |line: &str| {
        let line = line.trim();
        line.starts_with("<!-- yaku:")
            || line.starts_with("# yaku:")
            || line.starts_with("{/* yaku:")
    };
    let mut old = before.split_inclusive('\n');
    for line in after.split_inclusive('\n') {
        if is_marker(line) {
            continue;
        }
        let Some(was) = old.next() else {
            return Err(format!("added line {line:?}"));
        };
        if line == was {
            continue;
        }
        // A heading that gained an id: the old line, then ` {#id}` (or MDX's comment).
        let (old_text, new_text) = (was.trim_end(), line.trim_end());
        let gained_id = new_text.starts_with('#') && new_text.starts_with(old_text) && {
            let added = new_text[old_text.len()..].trim();
            (added.starts_with("{#") || added.starts_with("{/*")) && added.ends_with('}')
        };
        if !gained_id {
            return Err(format!("{was:?} became {line:?}"));
        }
    }
    match old.next() {
        Some(line) => Err(format!("dropped line {line:?}")),
        None => Ok(()),
    }
}

#[test]
fn adoption_changes_no_byte_of_a_translation_but_ids_and_marker_lines() {
    for (fixture, locale, folder) in [
        ("site-hugo", "ja", "content/ja"),
        ("site-hugo-suffix", "ja", "content"),
        ("site-mdbook", "ja", "src/ja"),
    ] {
        let project = Project::fixture(fixture);
        project.yaku(&["init"]).success();
        let before = translations(&project, folder);
        let sources_before = project.snapshot();
        project.yaku(&["adopt", locale]);
        let after = translations(&project, folder);
        assert_eq!(
            before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            "{fixture}: no file created or removed"
        );
        let mut marked = 0;
        for ((path, old), (_, new)) in before.iter().zip(&after) {
            if let Err(e) = only_ids_and_markers_added(old, new) {
                panic!("{fixture}: {path}: {e}");
            }
            marked += usize::from(old != new);
        }
        assert!(marked > 0, "{fixture}: adoption wrote marker lines");
        // Nothing else in the project changed but translations and .yaku/.
        for (path, bytes) in project.snapshot() {
            let path_text = path.to_string_lossy().replace('\\', "/");
            if path.starts_with(".yaku") || before.iter().any(|(p, _)| *p == path_text) {
                continue;
            }
            assert_eq!(
                sources_before.get(&path),
                Some(&bytes),
                "{fixture}: {path_text}"
            );
        }
        // Adopting again changes nothing.
        let adopted = files(&project);
        let run = project.yaku(&["adopt", locale]);
        assert!(
            run.stdout().contains(": already adopted: "),
            "{}",
            run.stdout()
        );
        assert_eq!(files(&project), adopted, "{fixture}: idempotent");
    }
}

#[test]
fn the_marker_check_catches_any_other_change() {
    let before = "---\ntitle: x\n---\n\n## A {#a}\n\nText.\n";
    assert!(only_ids_and_markers_added(before, "---\n# yaku:source 1 text 2\ntitle: x\n---\n\n## A {#a}\n<!-- yaku:source 1 text 2 -->\n\nText.\n").is_ok());
    assert!(only_ids_and_markers_added("## A\n", "## A {#a}\n").is_ok());
    assert!(only_ids_and_markers_added(before, &before.replace("Text.", "Text!")).is_err());
    assert!(only_ids_and_markers_added(before, &before.replace("\nText.\n", "\n")).is_err());
    assert!(only_ids_and_markers_added(before, &format!("{before}More.\n")).is_err());
}

#[test]
fn a_file_with_errors_stops_adoption_before_anything_is_written() {
    let project = Project::fixture("site-hugo");
    project.yaku(&["init"]).success();
    // The quickstart's YAML front matter never closes.
    let path = "content/ja/docs/intro/quickstart.md";
    let text = project.read(path);
    project.write(path, &text.replacen("---\n\nこのガイド", "\nこのガイド", 1));
    let before = files(&project);
    let run = project.yaku(&["adopt", "ja"]).failure();
    assert!(run.stderr().contains(path), "{}", run.stderr());
    assert!(
        run.stderr().contains("nothing was adopted"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        files(&project),
        before,
        "no file written, not even the others"
    );
}

/// `site-hugo-suffix` as a git repository: the translation committed with the source
/// it was made from, then a later commit changing the source's `access` section.
fn with_history() -> Project {
    let project = Project::fixture("site-hugo-suffix");
    let dir = project.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "."]);
    git(
        dir,
        &["commit", "-q", "-m", "Site and its Japanese translation"],
    );
    project.edit(
        "content/docs/setup.en.md",
        "with `--kubeconfig`.",
        "with `--kubeconfig` or the `KUBECONFIG` variable.",
    );
    git(dir, &["commit", "-q", "-am", "Setup: KUBECONFIG"]);
    project
}

#[test]
fn adopt_git_takes_the_source_of_each_translation_s_last_commit() {
    let project = with_history();
    let first = git(project.path(), &["rev-list", "--max-parents=0", "HEAD"]);
    project.yaku(&["init"]).success();
    let run = project.yaku(&["adopt", "ja", "--git"]).findings();
    let out = run.stdout();
    assert!(
        out.contains(&format!(
            "content/docs/setup.ja.md: 3 section(s) baselined against the source as of {}",
            &first[..12]
        )),
        "{out}"
    );
    // The section whose source changed after the translation's commit is stale on day
    // one; the rest is current.
    assert!(out.contains("stale: docs/setup#access"), "{out}");
    assert!(out.contains("5 current, 1 stale"), "{out}");
    // And `diff` shows what changed since, from the stored baseline.
    let diff = project.yaku(&["diff", "ja", "docs/setup"]).findings();
    assert!(diff.stdout().contains("KUBECONFIG"), "{}", diff.stdout());
    // Without --git, the current source is the baseline: nothing is stale.
    let project = with_history();
    project.yaku(&["init"]).success();
    project.yaku(&["adopt", "ja"]).success();
}

#[test]
fn adopt_git_in_a_shallow_clone_names_the_file_and_writes_nothing() {
    let history = with_history();
    let parent = tempfile::tempdir().unwrap();
    let url = format!("file://{}", history.path().display());
    git(
        parent.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    // The clone is the project (its .git beside the files).
    let shallow = parent.path().join("shallow");
    let run = assert_cmd::Command::cargo_bin("yaku")
        .unwrap()
        .current_dir(&shallow)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(["init"])
        .output()
        .unwrap();
    assert!(run.status.success());
    let before = std::fs::read(shallow.join("content/_index.ja.md")).unwrap();
    let run = assert_cmd::Command::cargo_bin("yaku")
        .unwrap()
        .current_dir(&shallow)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(["adopt", "ja", "--git"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("content/_index.ja.md"), "{stderr}");
    assert!(stderr.contains("shallow clone"), "{stderr}");
    assert!(stderr.contains("git fetch --unshallow"), "{stderr}");
    assert_eq!(
        std::fs::read(shallow.join("content/_index.ja.md")).unwrap(),
        before
    );
}

#[test]
fn adopt_git_of_an_uncommitted_translation_is_an_error_naming_it() {
    let project = with_history();
    project.write("content/docs/extra.en.md", "Extra.\n");
    project.write("content/docs/extra.ja.md", "追加。\n");
    project.yaku(&["init"]).success();
    let run = project.yaku(&["adopt", "ja", "--git"]).failure();
    assert!(
        run.stderr()
            .contains("content/docs/extra.ja.md: no commit touches this file"),
        "{}",
        run.stderr()
    );
}

#[test]
fn adopt_takes_the_documents_named_and_refuses_unknown_ones() {
    let project = Project::fixture("site-mdbook");
    project.yaku(&["init"]).success();
    // The check that follows covers the whole locale: the pages not adopted yet are
    // untranslated (exit 1).
    let run = project.yaku(&["adopt", "ja", "introduction"]).findings();
    assert!(
        run.stdout()
            .contains("src/ja/introduction.md: 1 section(s)"),
        "{}",
        run.stdout()
    );
    assert!(
        !run.stdout().contains("src/ja/SUMMARY.md: "),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains("untranslated: SUMMARY#summary"),
        "{}",
        run.stdout()
    );
    assert!(!project.read("src/ja/SUMMARY.md").contains("yaku:source"));
    let before = files(&project);
    let run = project.yaku(&["adopt", "ja", "no/such/page"]).failure();
    assert!(
        run.stderr()
            .contains("no document `no/such/page` in src/en"),
        "{}",
        run.stderr()
    );
    let run = project.yaku(&["adopt", "fr"]).failure();
    assert!(
        run.stderr().contains("`fr` is not a target locale"),
        "{}",
        run.stderr()
    );
    assert_eq!(files(&project), before);
}

#[test]
fn a_held_lock_stops_adoption_before_it_writes() {
    let project = Project::fixture("site-mdbook");
    project.yaku(&["init"]).success();
    std::fs::create_dir_all(project.path().join(".yaku")).unwrap();
    let lock = project.path().join(".yaku/lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .unwrap();
    file.lock().unwrap();
    std::fs::write(&lock, "process 4242: yaku sync\n").unwrap();
    let before = files(&project);
    let run = project.yaku(&["adopt", "ja"]).failure();
    assert!(
        run.stderr()
            .contains("another yaku command is writing in this project (process 4242: yaku sync)"),
        "{}",
        run.stderr()
    );
    assert_eq!(files(&project), before);
    drop(file);
    project.yaku(&["adopt", "ja"]).success();
}
