//! Markdown nested 100,000 deep, in a source and in translations: every command stops on
//! those files with `path:line:col` and exit 2 (or reports them), and none overflows its
//! stack. These run the debug binary, whose stack frames are the largest.

use std::collections::BTreeMap;
use std::path::PathBuf;

use yaku_content::MAX_NESTING;

use crate::support::Project;

const DEPTH: usize = 100_000;

/// The accepted story plus a document whose source nests block quotes, whose English
/// translation nests quotes and lists, and deep lists at the end of the Chinese
/// translation of the story. Returns the project and, per deep file, the line of the
/// nesting.
fn deep_project() -> (Project, Vec<(&'static str, usize)>) {
    let project = Project::accepted_story();
    project.write(
        "content/ja/deep.md",
        &format!(
            "+++\ntitle = \"深い\"\n+++\n\n## 引用 {{#quotes}}\n\n{} 深い\n\n## 終わり {{#end}}\n\n終わり。\n",
            ">".repeat(DEPTH)
        ),
    );
    project.write(
        "content/en/deep.md",
        &format!(
            "+++\ntitle = \"Deep\"\n+++\n\n## Quotes {{#quotes}}\n\nfine\n\n## End {{#end}}\n\n{}end\n",
            "> - ".repeat(DEPTH / 2)
        ),
    );
    let zh = project.read("content/zh-Hans/article.md");
    let zh_line = zh.lines().count() + 2;
    project.write(
        "content/zh-Hans/article.md",
        &format!("{zh}\n{}深\n", "- ".repeat(DEPTH)),
    );
    let deep = vec![
        ("content/ja/deep.md", 7),
        ("content/en/deep.md", 11),
        ("content/zh-Hans/article.md", zh_line),
    ];
    (project, deep)
}

fn content_files(project: &Project) -> BTreeMap<PathBuf, Vec<u8>> {
    project
        .snapshot()
        .into_iter()
        .filter(|(path, _)| path.starts_with("content"))
        .collect()
}

#[test]
fn every_command_survives_nesting_100_000_deep() {
    let (project, deep) = deep_project();
    let before = content_files(&project);
    let commands: &[(&[&str], i32)] = &[
        (&["inspect", "content/ja/deep.md"], 1),
        (&["inspect", "content/en/deep.md"], 1),
        (&["inspect", "content/zh-Hans/article.md"], 1),
        (
            &[
                "ids",
                "content/ja/deep.md",
                "content/en/deep.md",
                "content/zh-Hans/article.md",
            ],
            0,
        ),
        (&["status"], 2),
        (&["check"], 2),
        (&["check", "--no-cache"], 2),
        (&["check", "--format", "json"], 2),
        (&["diff", "en"], 2),
        (&["diff", "zh-Hans"], 2),
        (&["sync", "--dry-run"], 2),
        (&["sync"], 2),
        (&["accept", "en", "--all"], 2),
        (&["accept", "zh-Hans", "--all"], 2),
        (&["gc", "--dry-run"], 2),
        (&["gc"], 2),
        (&["build"], 2),
        (&["build", "--format", "html"], 2),
        (&["build", "--format", "hugo"], 2),
    ];
    for (args, expected) in commands {
        let run = project.yaku(args);
        // `code()` is `None` when a signal (a stack overflow's abort) ended the process.
        let code = run.output.status.code();
        let stderr = run.stderr();
        assert_eq!(
            code,
            Some(*expected),
            "yaku {args:?}\n{}",
            &stderr[..stderr.len().min(2000)]
        );
        assert!(!stderr.contains("panicked"), "yaku {args:?}: {stderr}");
        if *expected == 2 || args[0] == "inspect" {
            // Each deep file this command reads is named at the line of its nesting: on
            // standard error, or in the `errors` of JSON output.
            let stdout = run.stdout();
            let mut reported: Vec<String> = stderr.lines().map(str::to_string).collect();
            if let Ok(json) = serde_json::from_str::<serde_json::Value>(&stdout) {
                // File problems are objects: path, line, col, severity, message.
                for error in json["errors"].as_array().into_iter().flatten() {
                    reported.push(format!(
                        "{}:{}:{}: {}: {}",
                        error["path"].as_str().unwrap_or(""),
                        error["line"],
                        error["col"],
                        error["severity"].as_str().unwrap_or(""),
                        error["message"].as_str().unwrap_or("")
                    ));
                }
            } else {
                reported.extend(stdout.lines().map(str::to_string));
            }
            let named: Vec<&str> = deep
                .iter()
                .filter(|(path, line)| {
                    reported.iter().any(|l| {
                        l.starts_with(&format!("{path}:{line}:"))
                            && l.contains(&format!(
                                "error: Markdown nested more than {MAX_NESTING} levels deep"
                            ))
                    })
                })
                .map(|(path, _)| *path)
                .collect();
            assert!(
                !named.is_empty(),
                "yaku {args:?} names no deep file:\n{}",
                &stderr[..stderr.len().min(2000)]
            );
        }
    }
    assert_eq!(content_files(&project), before, "no content file changed");
    // The build wrote the pages of files without errors, and none of the others.
    assert!(project.path().join("dist/en/article.json").is_file());
    for page in ["ja/deep", "en/deep", "zh-Hans/deep", "zh-Hans/article"] {
        for ext in ["json", "html"] {
            let path = project.path().join(format!("dist/{page}.{ext}"));
            assert!(!path.exists(), "{}", path.display());
        }
    }
}

#[test]
fn the_deepest_nesting_the_model_allows_builds_in_every_format() {
    // Lists as deep as the model allows with a table in the innermost item, and quotes
    // as deep: the deepest folded trees the build renders and serializes, on its worker
    // threads. Their JSON stays within serde_json's default depth.
    let project = Project::accepted_story();
    let levels = MAX_NESTING - 1;
    let indent = "  ".repeat(levels);
    let deep = format!(
        "{}x\n\n{indent}| a | b |\n{indent}|---|---|\n{indent}| *1* | [2](https://example.org) |\n",
        "- ".repeat(levels)
    );
    project.write(
        "content/ja/deep.md",
        &format!(
            "## 表 {{#table}}\n\n{deep}\n{} *深い*\n",
            ">".repeat(levels)
        ),
    );
    for format in ["json", "html", "hugo"] {
        project.yaku(&["build", "--format", format]).success();
    }
    let json: serde_json::Value = serde_json::from_str(&project.read("dist/ja/deep.json")).unwrap();
    assert_eq!(json["sections"][0]["blocks"][0]["type"], "list");
    project.yaku(&["inspect", "content/ja/deep.md"]).success();
    project.yaku(&["check"]).findings();
}
