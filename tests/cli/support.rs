//! A fixture project copied to a temporary folder, and a builder for running `yaku` in it.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The folder of fixture projects.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary copy of a fixture project.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    /// Copies `tests/fixtures/<name>` to a fresh temporary folder.
    pub fn fixture(name: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        Project { dir }
    }

    /// A temporary copy of the repository's own project: `yaku.toml`, the articles, the
    /// Fluent strings and the stored source texts.
    pub fn repository() -> Project {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(repo.join("yaku.toml"), dir.path().join("yaku.toml")).unwrap();
        for folder in ["content", "locales", ".yaku/sources"] {
            copy_dir(&repo.join(folder), &dir.path().join(folder));
        }
        Project { dir }
    }

    /// An empty temporary folder.
    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The `story` fixture with both translations accepted: every section current.
    pub fn accepted_story() -> Project {
        let project = Project::fixture("story");
        project.yaku(&["accept", "en", "--all"]).success();
        project.yaku(&["accept", "zh-Hans", "--all"]).success();
        project.yaku(&["check"]).success();
        project
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `yaku` with `args` in the project folder.
    pub fn yaku(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("yaku")
            .unwrap()
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env_remove("CI")
            .args(args)
            .output()
            .unwrap();
        Run { output }
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).unwrap()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Every file of the project (relative path → bytes), to show a run changed nothing.
    pub fn snapshot(&self) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(self.path())
            .into_iter()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let relative = entry.path().strip_prefix(self.path()).unwrap();
                (relative.to_path_buf(), std::fs::read(entry.path()).unwrap())
            })
            .collect()
    }

    /// Replaces the one occurrence of `from` in a file.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} occurs once in {relative}"
        );
        self.write(relative, &text.replacen(from, to, 1));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The pages `yaku build` wrote for `locale` into `out` (`<locale>/` for json and html,
/// `content/<locale>/` for hugo), as `(path, text)`, in file-name order.
pub fn built_pages(out: &Path, locale: &str) -> Vec<(PathBuf, String)> {
    [out.join(locale), out.join("content").join(locale)]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(dir).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            (entry.into_path(), text)
        })
        .collect()
}

/// How the repository's banners name the clinic in a locale's published pages
/// (`[fluent-args]` of `yaku.toml`; the part HTML does not escape).
pub fn clinic(locale: &str) -> &'static str {
    match locale {
        "en" => "Aesthetic Dermatology Clinic",
        "zh-Hans" => "美容皮肤科诊所",
        other => panic!("no banner name for {other}"),
    }
}

/// An external program that judges yaku's output (Hugo, headless Chromium), found on
/// `PATH`. When it is absent the test is skipped locally: this prints `SKIPPED: …` and
/// returns `None`, and the test returns. Under CI (the `CI` variable set, as `.ci/run`
/// sets it after installing every judge) an absent judge fails the test instead.
pub fn external_judge(program: &str, unjudged: &str) -> Option<PathBuf> {
    judge_on(
        program,
        unjudged,
        &std::env::var_os("PATH").unwrap_or_default(),
        std::env::var_os("CI").is_some(),
    )
}

/// The MDX compiler as a judge: `node` on `PATH` and @mdx-js/mdx installed under
/// `target/mdx-judge/` by tests/mdx-judge/install.sh (which `.ci/run` calls). Compiles
/// every `.mdx` file under `dir` with tests/mdx-judge/compile.mjs and returns what it
/// printed for the files it rejected (empty: all compiled). Skipped locally (`None`, with
/// `SKIPPED: …`) when either is missing; under CI a missing one fails the test, as
/// [`external_judge`] does.
pub fn mdx_judge(dir: &Path, unjudged: &str) -> Option<String> {
    let node = external_judge("node", unjudged)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = root.join("target/mdx-judge/node_modules");
    if !modules.join("@mdx-js/mdx/package.json").is_file() {
        let why =
            format!("@mdx-js/mdx is not installed (bash tests/mdx-judge/install.sh); {unjudged}");
        assert!(
            std::env::var_os("CI").is_none(),
            "{why}, and CI is set: CI runs every external judge"
        );
        eprintln!("SKIPPED: {why}");
        return None;
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "mdx"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .mdx file under {}", dir.display());
    let output = Command::new(node)
        .arg(root.join("tests/mdx-judge/compile.mjs"))
        .args(&files)
        .env("MDX_JUDGE_MODULES", &modules)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "the MDX judge could not run: {}{}",
        printed,
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.success(), printed.is_empty(), "{printed}");
    Some(printed)
}

/// [`external_judge`] with the search path and whether CI is set given.
fn judge_on(program: &str, unjudged: &str, path: &std::ffi::OsStr, ci: bool) -> Option<PathBuf> {
    let found = std::env::split_paths(path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        let why = format!("{program} is not installed (apt-get install {program}); {unjudged}");
        assert!(!ci, "{why}, and CI is set: CI runs every external judge");
        eprintln!("SKIPPED: {why}");
    }
    found
}

#[test]
fn an_absent_judge_skips_locally_and_fails_under_ci() {
    let empty = tempfile::tempdir().unwrap();
    let path = std::env::join_paths([empty.path()]).unwrap();
    assert_eq!(judge_on("hugo", "not built", &path, false), None);
    let under_ci = std::panic::catch_unwind(|| judge_on("hugo", "not built", &path, true));
    assert!(under_ci.is_err(), "CI set: an absent judge fails the test");
    // A present judge is found whether or not CI is set.
    std::fs::write(empty.path().join("hugo"), "").unwrap();
    for ci in [false, true] {
        assert_eq!(
            judge_on("hugo", "not built", &path, ci),
            Some(empty.path().join("hugo"))
        );
    }
}

/// The outcome of one run.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output
            .status
            .code()
            .expect("exited normally, not by a signal")
    }

    pub fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).unwrap()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8(self.output.stderr.clone()).unwrap()
    }

    fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Exit 0: nothing to report.
    pub fn success(self) -> Self {
        self.expect_code(0)
    }

    /// Exit 1: findings.
    pub fn findings(self) -> Self {
        self.expect_code(1)
    }

    /// Exit 2: could not run.
    pub fn failure(self) -> Self {
        self.expect_code(2)
    }

    /// The JSON document on standard output.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout()).unwrap()
    }

    /// `[exit status: N]` followed by stdout and stderr, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "[exit status: {}]\n--- stdout\n{}--- stderr\n{}",
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }
}

/// The states that `yaku check --format json` reports, as `(locale, section, state)`.
pub fn states(project: &Project) -> Vec<(String, String, String)> {
    let run = project.yaku(&["check", "--format", "json"]);
    let json = run.json();
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["locale"].as_str().unwrap().to_string(),
                s["section"].as_str().unwrap().to_string(),
                s["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Shorthand for an expected state list.
pub fn expect(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}
