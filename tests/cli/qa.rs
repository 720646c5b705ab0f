//! `yaku check`'s QA rules: one `qa-<rule>` fixture per rule, each holding a document
//! `fault` with exactly one fault and a look-alike document `fine` with none.

use serde_json::{json, Value};

use crate::support::Project;

/// A copy of `fixture` with every translated section of `locales` accepted.
fn accepted(fixture: &str, locales: &[&str]) -> Project {
    let project = Project::fixture(fixture);
    for locale in locales {
        project
            .yaku(&["accept", locale, "--all", "--identical", "--force"])
            .success();
    }
    project
}

/// The `qa` findings of `yaku check --format json` with `args`.
fn qa(project: &Project, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    project.yaku(&all).json()["qa"].clone()
}

#[test]
fn numbers_finds_a_changed_number_but_not_other_spellings_of_the_same_numbers() {
    let project = accepted("qa-numbers", &["en"]);
    let json = project
        .yaku(&["check", "--format", "json"])
        .findings()
        .json();
    assert_eq!(
        json["qa"],
        json!([{
            "rule": "numbers", "severity": "error", "doc": "fault", "locale": "en",
            "section": "trial", "path": "content/en/fault.md", "line": 9,
            "message": "numbers differ from the source: missing 56; not in the source 65"
        }])
    );
    assert_eq!(json["summary"]["qa_errors"], 1);
    assert_eq!(json["summary"]["qa_warnings"], 0);
}

#[test]
fn citations_finds_a_misspelt_citation_but_not_moved_or_reordered_ones() {
    let project = accepted("qa-citations", &["en"]);
    assert_eq!(
        qa(&project, &[]),
        json!([{
            "rule": "citations", "severity": "error", "doc": "fault", "locale": "en",
            "section": "background", "path": "content/en/fault.md", "line": 4,
            "message": "citations differ from the source: missing (Shah et al., 2025); not in the source (Shaw et al., 2025)"
        }])
    );
}

#[test]
fn citations_must_resolve_in_the_translations_reference_list() {
    let project = accepted("qa-citations", &["en"]);
    project.edit(
        "content/en/fine.md",
        "- Jin, Y.-X. and Jin, G.-Z. (2025)",
        "- Jing, Y.-X. and Jin, G.-Z. (2025)",
    );
    let found = qa(&project, &["--rule", "citations"]);
    let fine: Vec<&Value> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["doc"] == "fine")
        .collect();
    assert_eq!(fine.len(), 1, "{found}");
    assert_eq!(fine[0]["section"], "background");
    assert_eq!(fine[0]["line"], 6);
    assert_eq!(
        fine[0]["message"],
        "citation (Jin and Jin, 2025) has no entry in the translation's reference list"
    );
}

#[test]
fn structure_finds_a_merged_list_item_but_not_a_split_paragraph() {
    let project = accepted("qa-structure", &["en"]);
    assert_eq!(
        qa(&project, &[]),
        json!([{
            "rule": "structure", "severity": "error", "doc": "fault", "locale": "en",
            "section": "components", "path": "content/en/fault.md", "line": 1,
            "message": "2 list items, the source has 3"
        }])
    );
}

#[test]
fn structure_reports_a_changed_heading_level_and_callout_kind() {
    let project = accepted("qa-structure", &["en"]);
    project.edit("content/en/fine.md", "### Methods", "## Methods");
    project.edit("content/en/fine.md", "> [!WARNING]", "> [!NOTE]");
    let found = qa(&project, &["--rule", "structure"]);
    let messages: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["doc"] == "fine")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "callouts NOTE, the source has WARNING",
            "heading level 2 (##), the source's is 3 (###)"
        ]
    );
}

#[test]
fn untranslated_text_finds_japanese_left_in_english_but_not_quotes_code_names_or_references() {
    let project = accepted("qa-untranslated-text", &["en", "zh-Hans"]);
    assert_eq!(
        qa(&project, &[]),
        json!([{
            "rule": "untranslated-text", "severity": "error", "doc": "fault", "locale": "en",
            "section": "basics", "path": "content/en/fault.md", "line": 6,
            "message": "Japanese text left untranslated: \"細胞外小胞\""
        }])
    );
}

#[test]
fn untranslated_text_finds_kana_in_chinese() {
    let project = accepted("qa-untranslated-text", &["en", "zh-Hans"]);
    project.edit("content/zh-Hans/fine.md", "可在", "可在の");
    let found = qa(
        &project,
        &["--rule", "untranslated-text", "--locale", "zh-Hans"],
    );
    assert_eq!(
        found,
        json!([{
            "rule": "untranslated-text", "severity": "error", "doc": "fine", "locale": "zh-Hans",
            "section": "skin-nurturing", "path": "content/zh-Hans/fine.md", "line": 8,
            "message": "Japanese kana left in the translation: \"の\""
        }])
    );
}

#[test]
fn untranslated_text_leaves_glossary_names_alone_only_with_a_glossary() {
    let project = accepted("qa-untranslated-text", &["en", "zh-Hans"]);
    std::fs::remove_file(project.path().join("locales/glossary.toml")).unwrap();
    let found = qa(&project, &["--rule", "untranslated-text", "--locale", "en"]);
    let fine: Vec<&Value> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["doc"] == "fine")
        .collect();
    assert_eq!(fine.len(), 1, "{found}");
    assert_eq!(fine[0]["line"], 8);
    assert_eq!(
        fine[0]["message"],
        "Japanese text left untranslated: \"美容皮フ科クリニック\""
    );
}

/// `qa-untranslated-component` with `clinic` set per locale, as the repository's policy
/// has it (the fixture's `default` value then reaches only ja).
fn component_with_local_names() -> Project {
    let project = accepted("qa-untranslated-component", &["en", "zh-Hans"]);
    project.edit(
        "yaku.toml",
        "[fluent-args.en]\n",
        "[fluent-args.en]\nclinic = \"M&B Aesthetic Dermatology Clinic\"\n",
    );
    project.edit(
        "yaku.toml",
        "[fluent-args.zh-Hans]\n",
        "[fluent-args.zh-Hans]\nclinic = \"M&B美容皮肤科诊所\"\n",
    );
    project
}

#[test]
fn untranslated_text_finds_a_japanese_argument_in_a_published_component() {
    // The repository's `clinic` setting before issue #19: one Japanese value for all.
    let project = accepted("qa-untranslated-component", &["en", "zh-Hans"]);
    let json = project
        .yaku(&["check", "--format", "json"])
        .findings()
        .json();
    let name = "M&B美容皮フ科クリニック";
    assert_eq!(
        json["qa"],
        json!([
            {
                "rule": "untranslated-text", "severity": "error", "doc": "article", "locale": "en",
                "section": "lead", "path": "yaku.toml", "line": 14,
                "message": format!("Japanese text left untranslated: \"美容皮フ科クリニック\" in $clinic = \"{name}\", shown by cta-banner.body")
            },
            {
                "rule": "untranslated-text", "severity": "error", "doc": "article", "locale": "zh-Hans",
                "section": "lead", "path": "yaku.toml", "line": 14,
                "message": format!("Japanese kana left in the translation: \"フ\" in $clinic = \"{name}\", shown by cta-banner.body")
            }
        ])
    );
    assert_eq!(json["summary"]["qa_errors"], 2);
    // The articles themselves are clean: every section is current.
    assert_eq!(json["summary"]["current"], 6);
    let run = project
        .yaku(&["check", "--rule", "untranslated-text", "--locale", "en"])
        .findings();
    assert!(
        run.stdout()
            .starts_with("yaku.toml:14: error: untranslated-text: article#lead (en): Japanese text left untranslated: "),
        "{}",
        run.stdout()
    );
}

#[test]
fn per_locale_argument_values_publish_no_japanese() {
    let project = component_with_local_names();
    project.yaku(&["check"]).success();
    // The policy's one exception: the registered name quoted beside the local one.
    project.edit(
        "yaku.toml",
        "clinic = \"M&B Aesthetic Dermatology Clinic\"",
        "clinic = \"M&B Aesthetic Dermatology Clinic (registered name: 「M&B美容皮フ科クリニック」)\"",
    );
    project.yaku(&["check"]).success();
}

#[test]
fn untranslated_text_finds_japanese_in_a_components_own_pattern_at_its_ftl_line() {
    let project = component_with_local_names();
    project.edit(
        "locales/en/components.ftl",
        "aesthetic medicine?",
        "aesthetic medicine (美容医療)?",
    );
    project.edit("locales/zh-Hans/components.ftl", "分钟\n", "分です\n");
    assert_eq!(
        qa(&project, &["--rule", "untranslated-text"]),
        json!([
            {
                "rule": "untranslated-text", "severity": "error", "doc": "article", "locale": "en",
                "section": "lead", "path": "locales/en/components.ftl", "line": 4,
                "message": "Japanese text left untranslated: \"美容医療\" in cta-banner.heading"
            },
            {
                "rule": "untranslated-text", "severity": "error", "doc": "article", "locale": "zh-Hans",
                "section": "lead", "path": "locales/zh-Hans/components.ftl", "line": 6,
                "message": "Japanese kana left in the translation: \"です\" in cta-banner.footnote"
            }
        ])
    );
}

#[test]
fn untranslated_text_reads_translated_front_matter_values() {
    let project = component_with_local_names();
    project.edit(
        "content/en/article.md",
        "description = \"We explain how exosomes act.\"",
        "description = \"We explain how エクソソーム act.\"",
    );
    // Line 4: `accept` put the marker comment on line 2.
    assert_eq!(
        qa(&project, &[]),
        json!([{
            "rule": "untranslated-text", "severity": "error", "doc": "article", "locale": "en",
            "section": "front-matter", "path": "content/en/article.md", "line": 4,
            "message": "Japanese text left untranslated: \"エクソソーム\""
        }])
    );
}

#[test]
fn published_components_follow_rule_selection_and_settings() {
    let project = accepted("qa-untranslated-component", &["en", "zh-Hans"]);
    assert_eq!(qa(&project, &["--rule", "numbers"]), json!([]));
    let config = project.read("yaku.toml");
    project.write(
        "yaku.toml",
        &format!("{config}\n[locale.en.qa]\nuntranslated-text = \"warning\"\n\n[locale.zh-Hans.qa]\nuntranslated-text = \"off\"\n"),
    );
    let found = qa(&project, &[]);
    let found: Vec<(&str, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["locale"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("en", "warning")]);
}

#[test]
fn glossary_finds_a_term_rendered_another_way_as_a_warning() {
    let project = accepted("qa-glossary", &["en", "zh-Hans"]);
    let json = project
        .yaku(&["check", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        json["qa"],
        json!([{
            "rule": "glossary", "severity": "warning", "doc": "fault", "locale": "en",
            "section": "research", "path": "content/en/fault.md", "line": 1,
            "message": "glossary term 「エクソソーム」 is not rendered as \"exosome\""
        }])
    );
    assert_eq!(json["summary"]["qa_warnings"], 1);
}

#[test]
fn glossary_severity_and_switch_come_from_yaku_toml() {
    let project = accepted("qa-glossary", &["en", "zh-Hans"]);
    let config = project.read("yaku.toml");
    project.write(
        "yaku.toml",
        &format!("{config}\n[qa]\nglossary = \"error\"\n"),
    );
    let run = project.yaku(&["check"]).findings();
    assert!(
        run.stdout()
            .contains("content/en/fault.md:1: error: glossary: fault#research (en): "),
        "{}",
        run.stdout()
    );
    project.write(
        "yaku.toml",
        &format!("{config}\n[qa]\nglossary = \"error\"\n\n[locale.en.qa]\nglossary = \"off\"\n"),
    );
    project.yaku(&["check"]).success();
    assert_eq!(qa(&project, &[]), json!([]));
}

#[test]
fn without_a_glossary_file_there_are_no_glossary_findings() {
    let project = accepted("qa-glossary", &["en", "zh-Hans"]);
    std::fs::remove_file(project.path().join("locales/glossary.toml")).unwrap();
    assert_eq!(qa(&project, &["--rule", "glossary"]), json!([]));
}

#[test]
fn an_invalid_glossary_stops_check() {
    let project = accepted("qa-glossary", &["en", "zh-Hans"]);
    project.write("locales/glossary.toml", "[[term]]\nja = 1\n");
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .contains("invalid locales/glossary.toml: term 1: `ja` must be a string"),
        "{}",
        run.stderr()
    );
}

#[test]
fn required_notice_finds_a_notice_the_build_would_leave_out() {
    let project = accepted("qa-required-notice", &["en"]);
    assert_eq!(
        qa(&project, &["--rule", "required-notice"]),
        json!([{
            "rule": "required-notice", "severity": "error", "doc": "fault", "locale": "en",
            "section": "notice", "path": "content/en/fault.md", "line": 1,
            "message": "required section is missing and the build leaves it out (on-missing = \"omit\")"
        }])
    );
}

#[test]
fn required_notice_published_by_fallback_is_a_warning() {
    let project = accepted("qa-required-notice", &["en"]);
    project.edit(
        "yaku.toml",
        "on-missing = \"omit\"",
        "on-missing = \"fallback\"",
    );
    let run = project
        .yaku(&["check", "--rule", "required-notice"])
        .success();
    assert_eq!(
        run.stdout(),
        "content/en/fault.md:1: warning: required-notice: fault#notice (en): required section is missing: the build publishes the source text instead (on-missing = \"fallback\")\n0 QA errors, 1 QA warning\n"
    );
}

#[test]
fn required_notice_must_be_current() {
    let project = accepted("qa-required-notice", &["en"]);
    project.edit(
        "content/ja/fine.md",
        "承認された効果ではありません。",
        "日本国内で承認された効果ではありません。",
    );
    let found = qa(&project, &["--rule", "required-notice"]);
    let fine: Vec<&Value> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["doc"] == "fine")
        .collect();
    assert_eq!(fine.len(), 1, "{found}");
    assert_eq!(fine[0]["section"], "notice");
    assert_eq!(fine[0]["severity"], "error");
    assert_eq!(fine[0]["line"], 6);
}

#[test]
fn qa_findings_in_text_and_github_formats() {
    let project = accepted("qa-numbers", &["en"]);
    let text = project.yaku(&["check"]).findings().stdout();
    assert_eq!(
        text,
        "content/en/fault.md:9: error: numbers: fault#trial (en): numbers differ from the source: missing 56; not in the source 65\n\
         2 documents, 7 sections: 7 current, 0 stale, 0 untranslated, 0 missing, 0 obsolete; 0 Fluent errors, 0 Fluent warnings\n\
         1 QA error, 0 QA warnings\n"
    );
    let github = project
        .yaku(&["check", "--format", "github"])
        .findings()
        .stdout();
    assert_eq!(
        github,
        "::error file=content/en/fault.md,line=9,title=yaku qa numbers::fault#trial (en): numbers differ from the source: missing 56; not in the source 65\n"
    );
}

#[test]
fn rule_reports_only_that_rules_findings() {
    let project = accepted("qa-required-notice", &["en"]);
    // Missing sections, but no number differs: `--rule numbers` is clean.
    let run = project.yaku(&["check", "--rule", "numbers"]).success();
    assert_eq!(run.stdout(), "0 QA errors, 0 QA warnings\n");
    let json = project
        .yaku(&["check", "--rule", "numbers", "--format", "json"])
        .success()
        .json();
    assert_eq!(json["sections"], json!([]));
    assert_eq!(json["fluent"], json!([]));
    assert_eq!(json["qa"], json!([]));
}

#[test]
fn an_unknown_rule_exits_2_and_lists_the_rules() {
    let project = accepted("qa-numbers", &["en"]);
    let run = project.yaku(&["check", "--rule", "number"]).failure();
    assert!(
        run.stderr().contains(
            "unknown rule `number` (rules: numbers, citations, structure, untranslated-text, glossary, required-notice, front-matter-data)"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn severities_are_set_per_rule_and_per_locale() {
    let project = accepted("qa-numbers", &["en"]);
    let config = project.read("yaku.toml");
    project.write(
        "yaku.toml",
        &format!("{config}\n[qa]\nnumbers = \"warning\"\n"),
    );
    let json = project
        .yaku(&["check", "--format", "json"])
        .success()
        .json();
    assert_eq!(json["qa"][0]["severity"], "warning");
    project.write(
        "yaku.toml",
        &format!("{config}\n[locale.en]\nqa = {{ numbers = \"off\" }}\n"),
    );
    project.yaku(&["check"]).success();
    assert_eq!(qa(&project, &[]), json!([]));
    project.write(
        "yaku.toml",
        &format!("{config}\n[qa]\nnumbers = \"fatal\"\n"),
    );
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr().contains("[qa]: `numbers = \"fatal\"`"),
        "{}",
        run.stderr()
    );
    project.write("yaku.toml", &format!("{config}\n[qa]\nnumber = \"off\"\n"));
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr().contains("unknown rule `number`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_qa_ignore_marker_suppresses_one_rule_in_one_section() {
    let project = accepted("qa-numbers", &["en"]);
    project.edit(
        "content/en/fault.md",
        "65 patients",
        "<!-- qa-ignore: glossary -->\n\n65 patients",
    );
    assert_eq!(qa(&project, &[]).as_array().unwrap().len(), 1);
    project.edit(
        "content/en/fault.md",
        "<!-- qa-ignore: glossary -->",
        "<!-- qa-ignore: glossary, numbers -->",
    );
    project.yaku(&["check"]).success();
    assert_eq!(qa(&project, &[]), json!([]));
}

#[test]
fn a_stale_section_is_compared_only_once_the_translator_edits_it() {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    assert_eq!(qa(&project, &["--locale", "en"]), json!([]));
    project.edit("content/en/article.md", "56 patients", "64 patients");
    let found = qa(&project, &["--locale", "en"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["section"], "trials");
    assert_eq!(
        found[0]["message"],
        "numbers differ from the source: missing 65; not in the source 64"
    );
}

#[test]
fn qa_findings_are_sorted_by_document_locale_section_and_rule() {
    let project = accepted("qa-untranslated-text", &["en", "zh-Hans"]);
    project.edit("content/zh-Hans/fault.md", "几乎所有细胞", "几乎所有の细胞");
    project.edit(
        "content/en/fine.md",
        "## Skin Nurturing",
        "### Skin Nurturing",
    );
    project.edit("content/en/fine.md", "It is available", "It is available 2");
    let found = qa(&project, &[]);
    let keys: Vec<String> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {}",
                f["doc"], f["locale"], f["section"], f["rule"]
            )
            .replace('"', "")
        })
        .collect();
    assert_eq!(
        keys,
        [
            "fault en basics untranslated-text",
            "fault zh-Hans basics untranslated-text",
            "fine en skin-nurturing numbers",
            "fine en skin-nurturing structure",
        ]
    );
    for format in ["text", "json", "github"] {
        let first = project.yaku(&["check", "--format", format]).stdout();
        let second = project.yaku(&["check", "--format", format]).stdout();
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn the_repositorys_translations_have_no_qa_findings() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = assert_cmd::Command::cargo_bin("yaku")
        .unwrap()
        .current_dir(repo)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["qa"], json!([]));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_component_only_the_source_places_is_checked_in_every_locale_from_a_warm_cache() {
    // zh-Hans has no translation, so it publishes the source's sections and their
    // component; the check's first locale (en) carries the source's placements in the
    // cache, and zh-Hans must still be judged on a run that reads nothing.
    let project = accepted("qa-untranslated-component", &["en", "zh-Hans"]);
    std::fs::remove_file(project.path().join("content/zh-Hans/article.md")).unwrap();
    let locales = |qa: &Value| -> Vec<String> {
        qa.as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["locale"], f["section"]))
            .collect()
    };
    let cold = qa(&project, &["--rule", "untranslated-text"]);
    assert_eq!(locales(&cold), ["\"en\" \"lead\"", "\"zh-Hans\" \"lead\""]);
    let warm = qa(&project, &["--rule", "untranslated-text"]);
    assert_eq!(warm, cold);
    // Checked alone, zh-Hans carries the source's placements itself.
    let alone = qa(
        &project,
        &["--rule", "untranslated-text", "--locale", "zh-Hans"],
    );
    assert_eq!(locales(&alone), ["\"zh-Hans\" \"lead\""]);
}
