//! `yaku build`: JSON against its schema, fallback policies, escaping, and the real
//! judges (headless Chromium for the HTML preview, Hugo for the Hugo export).

use std::path::Path;
use std::process::Command;

use crate::support::{external_judge, Project};

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `(section id, state)` of a built document, in order.
fn published(project: &Project, relative: &str) -> Vec<(String, String)> {
    let json = read_json(&project.path().join(relative));
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The files a build wrote into `dir`, in path order, its manifests
/// (`.yaku-build-<format>.json`, the build's own records) left out.
fn all_files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && !e
                    .file_name()
                    .to_string_lossy()
                    .starts_with(yaku_project::BUILD_MANIFEST_PREFIX)
        })
        .map(|e| e.into_path())
        .collect()
}

/// Every citation run of a built document, in document order.
fn citations(json: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut found = Vec::new();
    let mut stack = vec![json];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) if map.get("type").is_some_and(|t| t == "citation") => {
                found.push(value.clone())
            }
            serde_json::Value::Object(map) => stack.extend(map.values().rev()),
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    found
}

#[test]
fn the_shipped_schemas_are_the_ones_the_types_generate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    for (file, schema) in [
        ("document.schema.json", yaku_build::document_schema()),
        ("index.schema.json", yaku_build::manifest_schema()),
    ] {
        let generated = format!("{}\n", serde_json::to_string_pretty(&schema).unwrap());
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(root.join(file), &generated).unwrap();
        }
        let shipped = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert_eq!(
            shipped, generated,
            "schema/{file} is out of date: run `UPDATE_SCHEMAS=1 cargo test --test cli build`"
        );
    }
}

#[test]
fn json_output_of_the_repository_validates_against_the_schemas() {
    let project = Project::repository();
    project.yaku(&["build", "--out", "site"]).success();
    let out = project.path().join("site");
    let document = jsonschema::validator_for(&yaku_build::document_schema()).unwrap();
    let manifest = jsonschema::validator_for(&yaku_build::manifest_schema()).unwrap();
    let index = read_json(&out.join("index.json"));
    let locales = index["locales"].as_array().unwrap().len();
    let documents = std::fs::read_dir(project.path().join("content/ja"))
        .unwrap()
        .count();
    let files = all_files(&out);
    // One file per document and locale, and the index.
    assert_eq!(files.len(), documents * locales + 1, "{files:?}");
    for file in files {
        let value = read_json(&file);
        let validator = if file.ends_with("index.json") {
            &manifest
        } else {
            &document
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
    // Every section of the source is published, current, in every locale.
    let ja = read_json(&out.join("ja/exosome-anti-aging.json"));
    for locale in ["en", "zh-Hans"] {
        let built = read_json(&out.join(format!("{locale}/exosome-anti-aging.json")));
        let ids = |v: &serde_json::Value| {
            v["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&built), ids(&ja), "{locale}");
        assert!(built["sections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["state"] == "current"));
        let dois = |v: &serde_json::Value| {
            v["references"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["doi"].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(dois(&built), dois(&ja), "{locale}: the same references");
        let cited = citations(&built);
        assert!(!cited.is_empty(), "{locale}: the article cites");
        assert!(
            cited.iter().all(|c| c["resolved"] == true),
            "{locale}: every citation resolves"
        );
    }
    assert!(
        !ja["references"].as_array().unwrap().is_empty(),
        "the article has references"
    );
    for document in index["documents"].as_array().unwrap() {
        assert_eq!(
            document["locales"].as_array().unwrap().len(),
            locales,
            "{document}: an entry per locale"
        );
    }
    assert_eq!(
        ja["alternates"].as_array().unwrap().len(),
        locales,
        "a page links to itself in every locale"
    );
}

/// The story with `en` missing section `contents` and stale in `trials`.
fn story_with_gaps() -> Project {
    let project = Project::accepted_story();
    project.edit("content/ja/article.md", "56名", "65名");
    project.edit(
        "content/en/article.md",
        "### 1.1 Contents {#contents}\n",
        "",
    );
    let text = project.read("content/en/article.md");
    let start = text.find("<!-- yaku:source 611a").unwrap();
    let end = text.find("## 2. Clinical").unwrap();
    project.write(
        "content/en/article.md",
        &format!("{}{}", &text[..start], &text[end..]),
    );
    project
}

#[test]
fn a_source_section_published_as_a_fallback_and_in_its_own_locale_is_the_same_in_both() {
    // A link whose definition stands in another section resolves only in blocks folded
    // from the whole file's parse (as a renderer of the whole file has it): both pages
    // that publish `contents` must get those blocks, whichever is built first.
    let project = story_with_gaps();
    project.edit(
        "content/ja/article.md",
        "- タンパク質\n",
        "- タンパク質\n\n[論文][doi]を参照。\n",
    );
    project.edit(
        "content/ja/article.md",
        "今後の研究が期待されます。\n",
        "今後の研究が期待されます。\n\n[doi]: https://doi.org/10.1/x\n",
    );
    project.yaku(&["build"]).success();
    let contents = |locale: &str| {
        let page = read_json(&project.path().join(format!("dist/{locale}/article.json")));
        let section = page["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "contents")
            .unwrap()
            .clone();
        (
            section["state"].as_str().unwrap().to_string(),
            section["blocks"].to_string(),
        )
    };
    let (state, en) = contents("en");
    assert_eq!(state, "fallback");
    assert!(en.contains(r#""href":"https://doi.org/10.1/x""#), "{en}");
    assert_eq!(contents("ja"), ("current".to_string(), en));
}

fn set_policy(project: &Project, missing: &str, stale: &str) {
    project.write(
        "yaku.toml",
        &format!("[project]\nsource = \"ja\"\ntargets = [\"en\", \"zh-Hans\"]\n\n[locale.en]\non-missing = \"{missing}\"\non-stale = \"{stale}\"\n"),
    );
}

#[test]
fn fallback_policies_decide_what_each_locale_publishes() {
    let project = story_with_gaps();
    let all = [
        "front-matter",
        "lead",
        "what",
        "contents",
        "trials",
        "summary",
    ];
    assert_eq!(
        project
            .yaku(&["check", "--locale", "en", "--format", "json"])
            .findings()
            .json()["summary"]["missing"],
        1
    );

    // Defaults: missing → source as fallback, stale → published marked stale.
    project.yaku(&["build"]).success();
    assert_eq!(
        published(&project, "dist/en/article.json"),
        pairs(&[
            ("lead", "current"),
            ("what", "current"),
            ("contents", "fallback"),
            ("trials", "stale"),
            ("summary", "current")
        ])
    );
    assert_eq!(
        published(&project, "dist/zh-Hans/article.json")[3],
        ("trials".to_string(), "stale".to_string())
    );
    let index = read_json(&project.path().join("dist/index.json"));
    assert_eq!(
        index["documents"][0]["locales"][1]["states"],
        serde_json::json!({"current": 3, "stale": 1, "fallback": 1, "omitted": 0})
    );

    set_policy(&project, "omit", "fallback");
    project.yaku(&["build"]).success();
    assert_eq!(
        published(&project, "dist/en/article.json"),
        pairs(&[
            ("lead", "current"),
            ("what", "current"),
            ("trials", "fallback"),
            ("summary", "current")
        ])
    );
    assert_eq!(
        read_json(&project.path().join("dist/en/article.json"))["omitted"],
        serde_json::json!(["contents"])
    );

    set_policy(&project, "fail", "publish");
    let run = project.yaku(&["build"]).findings();
    assert!(
        run.stderr()
            .contains("article (en): the fallback policy fails the build for #contents (missing)"),
        "{}",
        run.stderr()
    );
    set_policy(&project, "fallback", "fail");
    let run = project.yaku(&["build"]).findings();
    assert!(run.stderr().contains("#trials (stale)"), "{}", run.stderr());

    // The source locale always publishes every section as current.
    let ja = published(&project, "dist/ja/article.json");
    assert_eq!(
        ja.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        all[1..]
    );
    assert!(ja.iter().all(|(_, state)| state == "current"));
}

#[test]
fn components_are_resolved_in_every_format_and_no_directive_leaks() {
    let project = Project::accepted_story();
    for format in ["json", "html", "hugo"] {
        let out = format!("out-{format}");
        project
            .yaku(&["build", "--format", format, "--out", &out])
            .success();
        for file in all_files(&project.path().join(&out)) {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(
                !text.contains("yaku:"),
                "{} leaks a directive",
                file.display()
            );
        }
    }
    let en = read_json(&project.path().join("out-json/en/article.json"));
    let component = &en["sections"][3]["blocks"][1];
    assert_eq!(component["type"], "component");
    assert_eq!(component["attributes"]["heading"], "Book an appointment");
    assert_eq!(component["locale"], "en");
    let zh_html = project.read("out-html/zh-Hans/article.html");
    assert!(zh_html.contains("<strong>预约</strong>"));
    let hugo = project.read("out-hugo/content/en/article.md");
    assert!(hugo.contains("> **Book an appointment**"));
}

#[test]
fn html_escapes_markup_planted_in_content() {
    let project = Project::accepted_story();
    project.edit(
        "content/en/article.md",
        "Further research is awaited.",
        "Further research is awaited.<script>alert('x')</script> [click](javascript:alert(1))\n\n<script>document.title='pwned'</script>\n",
    );
    project.yaku(&["build", "--format", "html"]).success();
    let html = project.read("dist/en/article.html");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(html.contains("<a href=\"#\">click</a>"));
}

#[test]
fn html_pages_hold_no_raw_control_characters() {
    let project = Project::accepted_story();
    project.edit(
        "content/en/article.md",
        "title = \"Exosome basics\"",
        "title = \"Exosome\\u0007 basics\\u001b\"",
    );
    project.edit(
        "content/en/article.md",
        "Further research is awaited.",
        "Further\u{0} research\u{7} is\u{1b}[31m awaited.\u{7f}\u{85}\u{c}\n\n```\ncode\u{8}\n```\n",
    );
    project.yaku(&["build", "--format", "html"]).success();
    let pages = all_files(&project.path().join("dist"));
    assert!(pages.iter().any(|p| p.ends_with("en/article.html")));
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        let controls: Vec<char> = text
            .chars()
            .filter(|&c| c.is_control() && c != '\n' && c != '\t')
            .collect();
        assert!(controls.is_empty(), "{}: {controls:?}", page.display());
    }
    let html = project.read("dist/en/article.html");
    assert!(html.contains("<title>Exosome basics</title>"), "{html}");
    assert!(html.contains("Further research is[31m awaited."), "{html}");
    assert!(html.contains("<code>code\n</code>"), "{html}");
}

#[test]
fn build_output_is_deterministic() {
    let project = Project::accepted_story();
    for format in ["json", "html", "hugo"] {
        project
            .yaku(&["build", "--format", format, "--out", "a"])
            .success();
        project
            .yaku(&["build", "--format", format, "--out", "b"])
            .success();
        let a = all_files(&project.path().join("a"));
        let b = all_files(&project.path().join("b"));
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                std::fs::read(x).unwrap(),
                std::fs::read(y).unwrap(),
                "{format}: {}",
                x.display()
            );
        }
        std::fs::remove_dir_all(project.path().join("a")).unwrap();
        std::fs::remove_dir_all(project.path().join("b")).unwrap();
    }
}

#[test]
fn rebuilding_unchanged_content_touches_no_file() {
    let project = Project::accepted_story();
    let out = project.path().join("dist");
    let stamps = || -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
        all_files(&out)
            .into_iter()
            .map(|path| {
                let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                (path, modified)
            })
            .collect()
    };
    project.yaku(&["build", "--out", "dist"]).success();
    let first = stamps();
    assert!(first.iter().any(|(path, _)| path.ends_with("index.json")));
    std::thread::sleep(std::time::Duration::from_millis(50));
    project.yaku(&["build", "--out", "dist"]).success();
    assert_eq!(stamps(), first, "a second build rewrote files");
}

#[test]
fn the_html_preview_renders_in_headless_chromium() {
    let Some(chromium) = external_judge("chromium", "the HTML preview was not rendered") else {
        return;
    };
    let project = Project::repository();
    project
        .yaku(&["build", "--format", "html", "--out", "site"])
        .success();
    let out = project.path().join("site");
    let page = out.join("en/exosome-anti-aging.html");
    let profile = tempfile::tempdir().unwrap();
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    let dom = Command::new(&chromium)
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<html lang=\"en\">"), "{dom}");
    assert!(dom.contains("Anti-Aging Care with Exosomes"));
    assert!(dom.contains("id=\"collagen-elastin\""));
    assert!(dom.contains("href=\"https://doi.org/10.1111/jocd.16766\""));
    let screenshot = out.join("en.png");
    let shot = Command::new(&chromium)
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg("--window-size=1000,1600")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let png = std::fs::read(&screenshot)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&shot.stderr)));
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    assert!(
        png.len() > 10_000,
        "the screenshot shows a page, not a blank"
    );
    if let Some(dir) = std::env::var_os("YAKU_SCREENSHOT_DIR") {
        std::fs::copy(&screenshot, Path::new(&dir).join("preview-en.png")).unwrap();
    }
}

/// Makes the Hugo export in `site` a Hugo site (its languages configuration, minimal
/// layouts) and builds it into `site/public` with real `hugo`.
pub(crate) fn run_hugo(hugo: &Path, site: &Path) {
    let languages = std::fs::read_to_string(site.join("hugo-languages.toml")).unwrap();
    std::fs::write(site.join("hugo.toml"), format!("baseURL = \"https://example.org/\"\ntitle = \"yaku\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n{languages}")).unwrap();
    std::fs::create_dir_all(site.join("layouts/_default")).unwrap();
    std::fs::write(
        site.join("layouts/_default/single.html"),
        "<!DOCTYPE html><html lang=\"{{ .Language.Lang }}\"><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1><p class=\"description\">{{ .Description }}</p>{{ range .Translations }}<a hreflang=\"{{ .Language.Lang }}\" href=\"{{ .RelPermalink }}\">{{ .Language.LanguageName }}</a>{{ end }}<main>{{ .Content }}</main></body></html>",
    )
    .unwrap();
    std::fs::write(
        site.join("layouts/_default/list.html"),
        "{{ range .Pages }}{{ .Title }}{{ end }}",
    )
    .unwrap();
    let run = Command::new(hugo)
        .arg("--source")
        .arg(site)
        .arg("--destination")
        .arg(site.join("public"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "hugo failed:\n{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_hugo_export_builds_with_real_hugo() {
    let Some(hugo) = external_judge("hugo", "the Hugo export was not built") else {
        return;
    };
    let project = Project::repository();
    project
        .yaku(&["build", "--format", "hugo", "--out", "site"])
        .success();
    let site = &project.path().join("site");
    run_hugo(&hugo, site);
    for (locale, heading) in [
        ("ja", "2.1 コラーゲン・エラスチンの産生促進"),
        ("en", "2.1 Promoting Collagen and Elastin Production"),
        ("zh-hans", "2.1"),
    ] {
        let page = std::fs::read_to_string(
            site.join(format!("public/{locale}/exosome-anti-aging/index.html")),
        )
        .unwrap();
        assert!(
            page.contains(&format!("<h3 id=\"collagen-elastin\">{heading}")),
            "{locale}: {}",
            &page[..page.len().min(2000)]
        );
        assert!(!page.contains("yaku:"));
        let other = if locale == "en" { "ja" } else { "en" };
        assert!(
            page.contains(&format!("hreflang=\"{other}\"")),
            "{locale}: translations are linked by translationKey"
        );
        assert!(page.contains("10.1111/jocd.16766"));
    }
}

#[test]
fn build_refuses_an_output_folder_over_the_project_s_own_files() {
    let project = Project::accepted_story();
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("elsewhere");
    let elsewhere = elsewhere.to_str().unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), project.path().join("out-link")).unwrap();
        std::os::unix::fs::symlink("content", project.path().join("content-link")).unwrap();
        std::os::unix::fs::symlink(".", project.path().join("root-link")).unwrap();
    }
    project.write("notes.txt", "not a folder\n");
    let before = project.snapshot();
    let mut refused: Vec<(&str, &str)> = vec![
        (".", "is the project root"),
        ("./", "is the project root"),
        ("content", "is the content folder (content/)"),
        ("content/en", "lies inside the content folder (content/)"),
        ("content/en/x", "lies inside the content folder (content/)"),
        ("site/../content", "is the content folder (content/)"),
        ("locales", "is the Fluent folder (locales/)"),
        ("locales/en/x", "lies inside the Fluent folder (locales/)"),
        (".yaku", "is yaku's own folder (.yaku/)"),
        (".yaku/cache", "lies inside yaku's own folder (.yaku/)"),
        ("..", "holds the project"),
        ("/", "holds the project"),
        (elsewhere, "lies outside the project"),
        ("notes.txt", "is a file, not a folder"),
    ];
    if cfg!(unix) {
        refused.extend([
            ("out-link", "lies outside the project"),
            ("out-link/site", "lies outside the project"),
            ("content-link", "is the content folder (content/)"),
            (
                "content-link/en/x",
                "lies inside the content folder (content/)",
            ),
            ("root-link", "is the project root"),
        ]);
    }
    for (out, why) in refused {
        for format in ["json", "html", "hugo"] {
            let run = project
                .yaku(&["build", "--format", format, "--out", out])
                .failure();
            let stderr = run.stderr();
            assert!(
                stderr.starts_with(&format!("error: --out {out} {why}"))
                    && stderr.contains("nothing was written")
                    && stderr.contains("help: choose a folder inside the project"),
                "--out {out} ({format}):\n{stderr}"
            );
            assert_eq!(project.snapshot(), before, "--out {out} ({format}) wrote");
        }
    }
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing was written outside the project"
    );
    // Inside the project, away from its own files, any folder will do.
    for format in ["json", "html", "hugo"] {
        project
            .yaku(&["build", "--format", format, "--out", "site/out"])
            .success();
    }
    assert!(project.path().join("site/out/en/article.json").is_file());
    assert!(project.path().join("site/out/en/article.html").is_file());
    assert!(project
        .path()
        .join("site/out/content/en/article.md")
        .is_file());
    let after: std::collections::BTreeMap<_, _> = project
        .snapshot()
        .into_iter()
        // The build holds the project lock, whose file names its last holder.
        .filter(|(path, _)| !path.starts_with("site") && !path.ends_with(".yaku/lock"))
        .collect();
    let before: std::collections::BTreeMap<_, _> = before
        .into_iter()
        .filter(|(path, _)| !path.ends_with(".yaku/lock"))
        .collect();
    assert_eq!(after, before, "only site/out changed");
}

/// A folder of the output replaced by a link out of the project (`dist/en ->
/// /elsewhere`) is not written through, nor is a page that is a link to a file outside
/// read or written through: nothing outside the project changes.
#[cfg(unix)]
#[test]
fn a_folder_of_the_output_linked_out_of_the_project_is_not_written_through() {
    let project = Project::accepted_story();
    project.yaku(&["build"]).success();
    let outside = tempfile::tempdir().unwrap();
    let dist = project.path().join("dist");
    std::fs::remove_dir_all(dist.join("en")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dist.join("en")).unwrap();
    let target = outside.path().join("index.json");
    std::fs::write(&target, "not yaku's").unwrap();
    std::fs::remove_file(dist.join("index.json")).unwrap();
    std::os::unix::fs::symlink(&target, dist.join("index.json")).unwrap();
    let outside_before = || {
        let mut names: Vec<_> = std::fs::read_dir(outside.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = outside_before();

    for force in [false, true] {
        let args: &[&str] = if force {
            &["build", "--force"]
        } else {
            &["build"]
        };
        let run = project.yaku(args).failure();
        let stderr = run.stderr();
        assert!(
            stderr.contains("is a symbolic link out of the output folder")
                && stderr.contains("remove the link"),
            "{stderr}"
        );
        assert!(stderr.contains("en"), "{stderr}");
        assert_eq!(
            outside_before(),
            before,
            "a file appeared outside the project"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "not yaku's");
    }

    // With the folder's link gone, the build makes the folder, and replaces the page
    // that is a link by a file of its own, leaving the link's target alone.
    std::fs::remove_file(dist.join("en")).unwrap();
    project.yaku(&["build"]).success();
    assert!(dist.join("en/article.json").is_file());
    let index = std::fs::symlink_metadata(dist.join("index.json")).unwrap();
    assert!(index.is_file(), "index.json is yaku's own file again");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "not yaku's");
    assert_eq!(outside_before(), before);
}

#[test]
fn a_held_lock_stops_build_before_it_writes() {
    let project = Project::accepted_story();
    let lock = project.path().join(".yaku/lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .unwrap();
    file.lock().unwrap();
    std::fs::write(&lock, "process 4242: yaku sync\n").unwrap();
    for format in ["json", "html", "hugo"] {
        let run = project.yaku(&["build", "--format", format]).failure();
        assert_eq!(
            run.stderr(),
            "error: another yaku command is writing in this project (process 4242: yaku sync)\nhelp: wait for it to finish and run this command again\n",
            "{format}"
        );
        assert!(!project.path().join("dist").exists(), "{format} wrote");
    }
    drop(file);
    project.yaku(&["build"]).success();
    assert!(project.path().join("dist/index.json").is_file());
}

#[test]
fn a_dangling_link_as_the_output_folder_is_refused() {
    let project = Project::accepted_story();
    if cfg!(unix) {
        #[cfg(unix)]
        std::os::unix::fs::symlink("/nonexistent/yaku-target", project.path().join("dangling"))
            .unwrap();
        let run = project.yaku(&["build", "--out", "dangling"]).failure();
        assert!(
            run.stderr().starts_with("error: cannot resolve"),
            "{}",
            run.stderr()
        );
        assert!(!project.path().join("dangling/index.json").exists());
    }
}

/// Splits a Hugo export into its front matter (parsed) and body, at the first line that
/// is `+++` after the opening one, as Hugo does.
fn split_hugo(text: &str) -> (toml::Table, &str) {
    let rest = text.strip_prefix("+++\n").expect("opens with +++");
    let end = rest.find("\n+++\n").expect("a closing +++ line");
    let front = &rest[..=end];
    // No line of the front matter starts with `+++`, so Hugo closes it where yaku did.
    assert!(!front.lines().any(|l| l.starts_with("+++")), "{front}");
    let table = toml::from_str(front).unwrap_or_else(|e| panic!("{e}\n{front}"));
    (table, &rest[end + 5..])
}

#[test]
fn hostile_front_matter_values_stay_inside_the_hugo_front_matter() {
    let project = Project::accepted_story();
    project
        .yaku(&["build", "--format", "hugo", "--out", "before"])
        .success();
    // Hostile values: `+++` lines (LF and CRLF), quotes of every TOML kind, backslashes,
    // a control character, a hostile key, in the source's data and in the translated
    // title and description.
    let hostile_title = "Exosomes\n+++\nbody";
    let hostile_description = "a \"\"\" b ''' c \\ d\r\n+++\r\nbody\u{7}";
    project.edit(
        "content/en/article.md",
        "title = \"Exosome basics\"\ndescription = \"An explanation of exosomes.\"",
        "title = \"Exosomes\\n+++\\nbody\"\ndescription = \"a \\\"\\\"\\\" b ''' c \\\\ d\\r\\n+++\\r\\nbody\\u0007\"",
    );
    project.edit(
        "content/ja/article.md",
        "date = 2025-12-01\n",
        "date = 2025-12-01\ntags = [\"x\\n+++\\ny\", '''\n+++ x''']\n\"key\\n+++\" = \"v\"\n[extra]\nnote = \"\"\"\nline\n+++ after\n\"\"\"\nnested = { deep = [\"\\n+++\"] }\n",
    );
    project.yaku(&["check"]).success();
    project
        .yaku(&["build", "--format", "hugo", "--out", "site"])
        .success();
    let (_, body_before) = split_hugo_owned(&project.read("before/content/en/article.md"));
    let exported = project.read("site/content/en/article.md");
    let (front, body) = split_hugo(&exported);
    assert_eq!(front["title"].as_str(), Some(hostile_title));
    assert_eq!(front["description"].as_str(), Some(hostile_description));
    let tags: Vec<&str> = front["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["x\n+++\ny", "+++ x"]);
    assert_eq!(front["key\n+++"].as_str(), Some("v"));
    assert_eq!(front["extra"]["note"].as_str(), Some("line\n+++ after\n"));
    assert_eq!(front["extra"]["nested"]["deep"][0].as_str(), Some("\n+++"));
    assert_eq!(front["translationKey"].as_str(), Some("article"));
    assert_eq!(
        body, body_before,
        "the body is the same as without the hostile values"
    );

    let Some(hugo) = external_judge("hugo", "the export was not built") else {
        return;
    };
    let site = project.path().join("site");
    run_hugo(&hugo, &site);
    let page = std::fs::read_to_string(site.join("public/en/article/index.html")).unwrap();
    let main = &page[page.find("<main>").unwrap()..];
    // Hugo has the whole title (it escapes `+` in HTML), and nothing of it in the body.
    assert!(
        page.contains("<h1>Exosomes\n&#43;&#43;&#43;\nbody</h1>"),
        "{page}"
    );
    assert!(
        !main.contains("+++"),
        "front matter leaked into the body: {main}"
    );
    assert!(
        main.contains("Exosomes are tiny particles secreted by cells."),
        "{main}"
    );
}

fn split_hugo_owned(text: &str) -> (toml::Table, String) {
    let (front, body) = split_hugo(text);
    (front, body.to_string())
}

#[test]
fn a_fluent_file_that_does_not_load_is_named_as_the_project_names_it_and_nothing_is_built() {
    let project = Project::accepted_story();
    let text = project.read("locales/en/site.ftl");
    let line = text.lines().count() + 1;
    project.write("locales/en/site.ftl", &format!("{text}broken = {{ $x\n"));
    let run = project.yaku(&["build", "--out", "site"]).failure();
    let stderr = run.stderr();
    assert!(
        stderr.contains(&format!(
            "cannot load the Fluent strings of en: locales/en/site.ftl:{line}:"
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&project.path().display().to_string()),
        "the message names the file from the project root: {stderr}"
    );
    assert!(!project.path().join("site").exists(), "nothing was built");
}
