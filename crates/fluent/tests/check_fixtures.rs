//! Data-driven tests of `check_locales`: every folder under `tests/fixtures/`
//! is a locales directory with a correct reference `ja` and a target `en`
//! with exactly the fault the folder is named for (`ok` has none).
//! `expected.json` lists the expected findings with the fields to compare;
//! `file` is the finding's path relative to the fixture folder.
//! To add a case: add a folder with `ja/`, `en/` and `expected.json`.

use std::path::{Path, PathBuf};

use yaku_fluent::{check_locales, FindingKind};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .expect("read fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned()
}

/// Compares the findings of one fixture with its `expected.json`.
fn check_fixture(dir: &Path) -> Result<(), String> {
    let expected: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let findings =
        check_locales(dir, "ja", &["en".to_owned()]).map_err(|e| format!("check failed: {e}"))?;
    let actual: Vec<serde_json::Value> = findings
        .iter()
        .map(|finding| {
            let mut value = serde_json::to_value(finding).expect("serialize");
            let file = finding
                .path
                .strip_prefix(dir)
                .map(|relative| relative.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            value["file"] = serde_json::Value::from(file);
            value
        })
        .collect();
    if actual.len() != expected.len() {
        return Err(format!(
            "expected {} finding(s), got {}: {actual:#?}",
            expected.len(),
            actual.len()
        ));
    }
    for (expected, actual) in expected.iter().zip(&actual) {
        let fields = expected.as_object().ok_or("expected objects")?;
        for (field, value) in fields {
            if &actual[field] != value {
                return Err(format!(
                    "field `{field}`: expected {value}, got {}\nfinding: {actual:#?}",
                    actual[field]
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_fixture_gives_exactly_its_expected_findings() {
    let failures: Vec<String> = fixture_dirs()
        .iter()
        .filter_map(|dir| {
            check_fixture(dir)
                .err()
                .map(|error| format!("{}: {error}", name(dir)))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_finding_kind_has_a_fixture_of_its_own_with_one_finding_of_that_kind() {
    for kind in FindingKind::ALL {
        let dir = Path::new(FIXTURES).join(kind.as_str());
        assert!(dir.is_dir(), "no fixture for {kind}");
        let findings = check_locales(&dir, "ja", &["en".to_owned()]).expect("check");
        let of_kind: Vec<_> = findings.iter().filter(|f| f.kind == kind).collect();
        assert_eq!(of_kind.len(), 1, "{kind}: {findings:#?}");
        assert_eq!(
            of_kind[0].locale, "en",
            "{kind}: the fault is in the target"
        );
        assert_eq!(of_kind[0].severity, kind.severity());
    }
}

#[test]
fn the_ok_fixture_has_tricky_but_correct_content_and_no_findings() {
    let dir = Path::new(FIXTURES).join("ok");
    let en = std::fs::read_to_string(dir.join("en/site.ftl")).expect("read");
    // Guard the fixture against being simplified into something trivial.
    for construct in [
        "[one]",
        "*[other]",
        "{ -clinic",
        "{ cta.heading }",
        "cta =\n",
    ] {
        assert!(en.contains(construct), "ok fixture lost `{construct}`");
    }
    assert_eq!(
        check_locales(&dir, "ja", &["en".to_owned()]).expect("check"),
        vec![]
    );
}

#[test]
fn fixture_names_are_finding_kinds_or_ok() {
    for dir in fixture_dirs() {
        let name = name(&dir);
        assert!(
            name == "ok" || FindingKind::ALL.iter().any(|kind| kind.as_str() == name),
            "fixture `{name}` is not named for a finding kind"
        );
    }
}
