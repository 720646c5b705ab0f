//! The corpus against the real `yaku` binary: a fresh corpus is clean, and after a
//! mutation `yaku check --format json` reports exactly the ground truth.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use yaku_bench::{
    findings_of_check, generate, generate_article, mutate, Article, Finding, GenOptions,
    MutateOptions, LOCALE_FILES, TARGET_LOCALES,
};
use yaku_content::{parse_document, Marker, ParseOptions};

/// The `yaku` binary of this workspace, built (or brought up to date) once per test run
/// with the profile and target folder of this test. Cargo only gives the path of
/// binaries to tests of the same package, so this test finds it next to itself.
fn yaku_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // This test runs as <target>/<profile>/deps/ground_truth-<hash>.
        let exe = std::env::current_exe().expect("the test's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("<target>/<profile>/deps/");
        let target_dir = profile_dir.parent().expect("<target>/<profile>");
        let profile = profile_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("debug");
        let profile = if profile == "debug" { "dev" } else { profile };
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let build = Command::new(env!("CARGO"))
            .args(["build", "-p", "yaku", "--bin", "yaku"])
            .args(["--profile", profile])
            .arg("--target-dir")
            .arg(target_dir)
            .current_dir(&workspace)
            .output()
            .expect("cargo runs");
        assert!(
            build.status.success(),
            "cargo build -p yaku failed:\n{}",
            String::from_utf8_lossy(&build.stderr)
        );
        let binary = profile_dir.join(format!("yaku{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.is_file(), "{} was not built", binary.display());
        binary
    })
}

fn yaku(dir: &Path, args: &[&str]) -> Output {
    Command::new(yaku_binary())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(args)
        .output()
        .expect("yaku runs")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn show(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn check_findings(dir: &Path) -> (i32, BTreeSet<Finding>) {
    let output = yaku(dir, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", show(&output)));
    assert_eq!(json["errors"], serde_json::json!([]), "{}", show(&output));
    assert_eq!(json["fluent"], serde_json::json!([]));
    (code(&output), findings_of_check(&json).unwrap())
}

fn small_corpus(dir: &Path) {
    let options = GenOptions {
        articles: 12,
        seed: 3,
        store: true,
        force: false,
    };
    let summary = generate(dir, &options).unwrap();
    assert_eq!(summary.files, 36);
}

#[test]
fn a_fresh_corpus_is_clean_and_a_mutated_one_reports_exactly_the_truth() {
    let dir = tempfile::tempdir().unwrap();
    small_corpus(dir.path());

    // Fresh: every section current, nothing to sync.
    let check = yaku(dir.path(), &["check"]);
    assert_eq!(code(&check), 0, "{}", show(&check));
    let status = yaku(dir.path(), &["status"]);
    assert_eq!(code(&status), 0, "{}", show(&status));
    let sync = yaku(dir.path(), &["sync", "--dry-run"]);
    assert_eq!(code(&sync), 0, "{}", show(&sync));

    let truth = mutate(
        dir.path(),
        &MutateOptions {
            fraction: 0.5,
            seed: 11,
        },
    )
    .unwrap();
    assert_eq!(truth.mutated, 6);
    let expected = truth.findings();
    assert_eq!(expected.len(), 6 * 3 * TARGET_LOCALES.len());

    let (exit, reported) = check_findings(dir.path());
    assert_eq!(exit, 1);
    assert_eq!(reported, expected);
    let output = yaku(dir.path(), &["check", "--format", "json"]);
    truth
        .compare_check(&String::from_utf8(output.stdout).unwrap())
        .unwrap();

    // The edited sections' changes are in the store, so diff shows them.
    let (doc, first) = truth.documents.iter().next().unwrap();
    let diff = yaku(
        dir.path(),
        &["diff", "en", &format!("{doc}#{}", first.edited)],
    );
    assert_eq!(code(&diff), 1, "{}", show(&diff));

    // Sync turns missing into untranslated placeholders and parks the obsolete
    // sections; the stale ones stay stale.
    let sync = yaku(dir.path(), &["sync"]);
    assert_eq!(code(&sync), 0, "{}", show(&sync));
    let after_sync: BTreeSet<Finding> = expected
        .iter()
        .filter(|f| f.state != "obsolete")
        .map(|f| Finding {
            state: if f.state == "missing" {
                "untranslated".into()
            } else {
                f.state.clone()
            },
            ..f.clone()
        })
        .collect();
    assert_eq!(check_findings(dir.path()), (1, after_sync));
}

#[test]
fn the_same_arguments_give_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let options = GenOptions {
        articles: 4,
        seed: 5,
        ..GenOptions::default()
    };
    generate(a.path(), &options).unwrap();
    generate(b.path(), &options).unwrap();
    let mutation = MutateOptions {
        fraction: 0.5,
        seed: 2,
    };
    let truth_a = mutate(a.path(), &mutation).unwrap();
    let truth_b = mutate(b.path(), &mutation).unwrap();
    assert_eq!(truth_a.to_json(), truth_b.to_json());
    let files = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    out.push((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
                }
            }
        }
        out.sort();
        out
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    // Articles, yaku.toml, .yaku-bench.json and the Fluent files.
    assert_eq!(fa.len(), 4 * 3 + 2 + LOCALE_FILES.len());
    assert!(fa == fb, "the two corpora differ");

    // Another seed gives other articles.
    let c = tempfile::tempdir().unwrap();
    generate(
        c.path(),
        &GenOptions {
            seed: 6,
            ..options.clone()
        },
    )
    .unwrap();
    let ja = "content/ja/article-00000.md";
    assert_ne!(
        std::fs::read(a.path().join(ja)).unwrap(),
        std::fs::read(c.path().join(ja)).unwrap()
    );
    // A second gen into the same folder needs --force.
    assert!(generate(a.path(), &options).is_err());
}

#[test]
fn generated_articles_parse_without_diagnostics_and_carry_accepted_markers() {
    let base = Article::seed();
    for index in [0, 1, 7, 99] {
        let article = generate_article(&base, 42, index, 100).unwrap();
        let source = parse_document(article.source.as_bytes(), &ParseOptions::default()).unwrap();
        assert!(source.diagnostics.is_empty(), "{:?}", source.diagnostics);
        let source_ids: Vec<String> = source
            .document
            .sections
            .iter()
            .map(|s| s.id.to_string())
            .collect();
        assert!(source_ids.len() > 30);
        assert_eq!(article.translations.len(), TARGET_LOCALES.len());
        for (locale, text) in &article.translations {
            let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
            assert!(
                parsed.diagnostics.is_empty(),
                "{locale}: {:?}",
                parsed.diagnostics
            );
            let ids: Vec<String> = parsed
                .document
                .sections
                .iter()
                .map(|s| s.id.to_string())
                .collect();
            assert_eq!(ids, source_ids, "{locale}");
            for (s, t) in source
                .document
                .sections
                .iter()
                .zip(&parsed.document.sections)
            {
                assert_eq!(s.level, t.level);
                assert_eq!(
                    t.marker(),
                    Some(Marker::Accepted {
                        source: s.fingerprint(),
                        text: t.fingerprint()
                    }),
                    "{locale} {}",
                    t.id
                );
                assert_eq!(s.components(), t.components(), "{locale} {}", t.id);
            }
        }
    }
}
