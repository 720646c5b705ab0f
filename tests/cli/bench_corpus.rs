//! The benchmark corpus (`yaku-bench`) against the real binary: a fresh corpus is clean,
//! and after a mutation `yaku check --format json` reports exactly the ground truth. The
//! benchmarks trust that comparison (BENCHMARKS.md: "exact"), so it is tested here, where
//! Cargo gives the binary this test run built (a test of the yaku-bench package would have
//! to build its own, with other features, and compiled half the workspace again).

use std::collections::BTreeSet;

use yaku_bench::{findings_of_check, generate, mutate, Finding, GenOptions, MutateOptions};

use crate::support::Project;

/// The findings of `yaku check --format json`, after asserting it met no broken file.
fn check_findings(project: &Project) -> (i32, BTreeSet<Finding>) {
    let run = project.yaku(&["check", "--format", "json"]);
    let json = run.json();
    assert_eq!(
        json["errors"],
        serde_json::json!([]),
        "{}",
        run.transcript()
    );
    assert_eq!(json["fluent"], serde_json::json!([]));
    (run.code(), findings_of_check(&json).unwrap())
}

#[test]
fn a_fresh_corpus_is_clean_and_a_mutated_one_reports_exactly_the_truth() {
    let project = Project::empty();
    let options = GenOptions {
        articles: 12,
        seed: 3,
        store: true,
        force: false,
    };
    let summary = generate(project.path(), &options).unwrap();
    assert_eq!(summary.files, 36);

    // Fresh: every section current, nothing to sync.
    project.yaku(&["check"]).success();
    project.yaku(&["status"]).success();
    project.yaku(&["sync", "--dry-run"]).success();

    let truth = mutate(
        project.path(),
        &MutateOptions {
            fraction: 0.5,
            seed: 11,
        },
    )
    .unwrap();
    assert_eq!(truth.mutated, 6);
    let expected = truth.findings();
    assert_eq!(expected.len(), 6 * 3 * yaku_bench::TARGET_LOCALES.len());

    let (exit, reported) = check_findings(&project);
    assert_eq!(exit, 1);
    assert_eq!(reported, expected);
    let run = project.yaku(&["check", "--format", "json"]).findings();
    truth.compare_check(&run.stdout()).unwrap();

    // The edited sections' changes are in the store, so diff shows them.
    let (doc, first) = truth.documents.iter().next().unwrap();
    project
        .yaku(&["diff", "en", &format!("{doc}#{}", first.edited)])
        .findings();

    // Sync turns missing into untranslated placeholders and parks the obsolete
    // sections; the stale ones stay stale.
    project.yaku(&["sync"]).success();
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
    assert_eq!(check_findings(&project), (1, after_sync));
}
