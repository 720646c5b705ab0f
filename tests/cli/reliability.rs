//! What no input, fault or second process may do: lose a translator's text, reach outside
//! the project, or crash yaku. Each test reproduces a failure found by trying.

use crate::support::Project;

const EN: &str = "content/en/article.md";
const JA: &str = "content/ja/article.md";

/// A translated section whose text holds every line that used to end the obsolete area.
const HOSTILE: &str = "Shah et al. (2025) ran a trial with 56 patients.\n\n```html\n<script>\n</script>\n-->\n--!>\n```\n\n<!-- a note --> and text\n\n    </script>\n    --\\>\n\nThe last line of the section.\n";

#[test]
fn a_parked_section_holding_closing_tags_comes_back_whole() {
    let project = Project::accepted_story();
    project.edit(
        EN,
        "Shah et al. (2025) ran a trial with 56 patients.\n",
        HOSTILE,
    );
    // The hostile code blocks are not in the source: a structure error, forced.
    project
        .yaku(&["accept", "en", "article#trials", "--force"])
        .success();
    let translated = project.read(EN);
    let trials = &translated[translated.find("## 2.").unwrap()..translated.find("## 3.").unwrap()];
    let original_ja = project.read(JA);

    // The source drops the section; then another one, so the area is rewritten from
    // what it holds; then both come back.
    let without = |ids: &[(&str, &str)]| {
        let mut text = original_ja.clone();
        for (start, end) in ids {
            let from = text.find(start).unwrap();
            let to = text[from..].find(end).map_or(text.len(), |i| from + i);
            text.replace_range(from..to, "");
        }
        text
    };
    let trials_ja = ("## 2. 臨床試験", "## 3.");
    let summary_ja = ("## 3. まとめ", "\u{0}");
    project.write(JA, &without(&[trials_ja]));
    project.yaku(&["sync", "--locale", "en"]).success();
    let parked = project.read(EN);
    let body = &parked[..parked.find("<!-- yaku:obsolete -->").unwrap()];
    assert!(!body.contains("## 2. Clinical"), "parked, not in the body");
    project.write(JA, &without(&[trials_ja, summary_ja]));
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert!(
        run.stdout().contains("obsolete: summary"),
        "{}",
        run.stdout()
    );
    // Whatever the area holds, the file stays one yaku reads.
    project.yaku(&["status", "--locale", "en"]).success();
    project.write(JA, &original_ja);
    let run = project.yaku(&["sync", "--locale", "en"]).success();
    assert!(
        run.stdout().contains("restored: trials, summary"),
        "{}",
        run.stdout()
    );
    let restored = project.read(EN);
    assert!(
        restored.contains(trials),
        "the section is back byte for byte:\n{restored}"
    );
    assert!(!restored.contains("yaku:obsolete"));
    // Current again (the code blocks the source lacks are a QA finding of their own).
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(
        run.stdout().contains("6 sections: 6 current, 0 stale"),
        "{}",
        run.stdout()
    );
}

#[test]
fn text_written_after_the_obsolete_area_stops_every_writer_with_its_line() {
    let project = Project::accepted_story();
    let ja = project.read(JA);
    project.write(JA, &ja[..ja.find("## 3. まとめ").unwrap()]);
    project.yaku(&["sync", "--locale", "en"]).success();
    let mut en = project.read(EN);
    assert!(
        en.contains("<!-- yaku:obsolete -->\n<!--\n## 3. Summary {#summary}"),
        "{en}"
    );
    en.push_str("\nA note the translator added at the very end.\n");
    project.write(EN, &en);
    let line = en.lines().count();
    project.write(JA, &ja);
    let before = project.read(EN);
    for args in [
        &["sync", "--locale", "en"][..],
        &["accept", "en", "--all"],
        &["check", "--locale", "en"],
    ] {
        let run = project.yaku(args).failure();
        assert!(
            run.stderr().contains(&format!(
                "content/en/article.md:{line}:1: error: text after the obsolete area"
            )),
            "{args:?}: {}",
            run.stderr()
        );
        assert!(
            run.stderr()
                .contains("would not keep this text: move it above the"),
            "{}",
            run.stderr()
        );
    }
    assert_eq!(project.read(EN), before, "nothing was rewritten");
}

/// The story article as `n` documents, translated into English and accepted.
fn corpus(n: usize) -> Project {
    let project = Project::fixture("story");
    let ja = project.read(JA);
    let en = project.read(EN);
    std::fs::remove_file(project.path().join("content/zh-Hans/article.md")).unwrap();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"ja\"\ntargets = [\"en\"]\n",
    );
    for i in 0..n {
        project.write(&format!("content/ja/a{i:03}.md"), &ja);
        project.write(&format!("content/en/a{i:03}.md"), &en);
    }
    project.yaku(&["accept", "en", "--all"]).success();
    project
}

#[test]
fn two_writers_and_an_editor_at_once_lose_no_edit() {
    let n = 200;
    let project = corpus(n);
    // Every source changes: a new section for sync, a reworded one for accept.
    for i in 0..n {
        let path = format!("content/ja/a{i:03}.md");
        let text = project.read(&path).replace(
            "今後の研究が期待されます。",
            "今後の研究が期待されます。\n\n## 4. 追記 {#note}\n\n追記です。",
        );
        project.write(&path, &text.replace("56名", "57名"));
    }
    let spawn = |args: &[&str]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("yaku"))
            .current_dir(project.path())
            .env("NO_COLOR", "1")
            .env_remove("CI")
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let sync = spawn(&["sync", "--locale", "en"]);
    let accept = spawn(&["accept", "en", "--all"]);
    // The editor saves every translation once, in place, while they run.
    for i in 0..n {
        let path = project.path().join(format!("content/en/a{i:03}.md"));
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&format!("\nEDITOR-{i}\n"));
        std::fs::write(&path, text).unwrap();
        std::thread::sleep(std::time::Duration::from_micros(300));
    }
    for child in [sync, accept] {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0 | 1) => {}
            Some(2) => assert!(
                stderr.contains("another yaku command is writing in this project ("),
                "{stderr}"
            ),
            other => panic!("{other:?}: {stderr}"),
        }
    }
    // What was skipped or refused is done by running the commands again.
    project.yaku(&["sync", "--locale", "en"]).success();
    project.yaku(&["accept", "en", "--all"]);
    for i in 0..n {
        let text = project.read(&format!("content/en/a{i:03}.md"));
        assert_eq!(
            text.matches(&format!("EDITOR-{i}\n")).count(),
            1,
            "a{i:03}:\n{text}"
        );
        assert!(text.contains("{#note}"), "synced: a{i:03}");
    }
}

#[test]
fn a_held_lock_stops_a_writer_and_names_the_holder() {
    let project = Project::accepted_story();
    std::fs::create_dir_all(project.path().join(".yaku")).unwrap();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(project.path().join(".yaku/lock"))
        .unwrap();
    file.lock().unwrap();
    std::fs::write(
        project.path().join(".yaku/lock"),
        "process 4242: yaku sync\n",
    )
    .unwrap();
    for args in [&["sync"][..], &["accept", "en", "--all"], &["gc"]] {
        let run = project.yaku(args).failure();
        assert!(
            run.stderr().contains(
                "error: another yaku command is writing in this project (process 4242: yaku sync)"
            ),
            "{}",
            run.stderr()
        );
    }
    // Reading commands do not need it.
    project.yaku(&["check"]).success();
    drop(file);
    project.yaku(&["sync"]).success();
}

#[test]
fn a_read_only_translation_is_not_replaced() {
    let project = Project::accepted_story();
    let mode = |p: &str| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            project.path().join(p),
            std::fs::Permissions::from_mode(0o444),
        )
        .unwrap();
    };
    project.edit(
        JA,
        "## 3. まとめ",
        "## 2.5 新しい節 {#new}\n\n新しい本文。\n\n## 3. まとめ",
    );
    mode(EN);
    let before = project.read(EN);
    let run = project.yaku(&["sync", "--locale", "en"]).failure();
    assert!(
        run.stderr()
            .contains("error: cannot write content/en/article.md: the file is read-only"),
        "{}",
        run.stderr()
    );
    assert_eq!(project.read(EN), before, "a read-only file is not replaced");
}

#[test]
fn links_pipes_and_devices_in_content_are_refused_by_name() {
    use std::os::unix::fs::symlink;
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("secret.md");
    std::fs::write(&secret, "## TOP-SECRET-LINE {#x}\n").unwrap();
    for (what, make) in [
        (
            "a symbolic link",
            &(|p: &std::path::Path| symlink(&secret, p).unwrap()) as &dyn Fn(&std::path::Path),
        ),
        ("a symbolic link", &|p: &std::path::Path| {
            symlink("/dev/zero", p).unwrap()
        }),
        ("a named pipe (FIFO)", &|p: &std::path::Path| {
            assert!(std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap()
                .success())
        }),
    ] {
        let project = Project::accepted_story();
        let path = project.path().join(EN);
        std::fs::remove_file(&path).unwrap();
        make(&path);
        for args in [
            &["check"][..],
            &["status"],
            &["sync"],
            &["diff", "en"],
            &["build"],
        ] {
            let run = project.yaku(args).failure();
            assert!(
                run.stderr().contains(&format!(
                    "content/en/article.md: it is {what}; yaku reads only regular files"
                )),
                "{args:?} {what}: {}",
                run.stderr()
            );
            assert!(!run.stderr().contains("TOP-SECRET") && !run.stdout().contains("TOP-SECRET"));
        }
    }
    // A link among the sources is refused too, not skipped.
    let project = Project::accepted_story();
    symlink(&secret, project.path().join("content/ja/linked.md")).unwrap();
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .contains("content/ja/linked.md: it is a symbolic link"),
        "{}",
        run.stderr()
    );
}

#[test]
fn configured_folders_must_stay_inside_the_project() {
    let outside = tempfile::tempdir().unwrap();
    for (config, message) in [
        (
            "content = \"../elsewhere\"",
            "must be a folder inside the project",
        ),
        ("content = \"/tmp\"", "must be a folder inside the project"),
        (
            "locales = \"../../etc\"",
            "must be a folder inside the project",
        ),
        ("content = \"linked\"", "leads outside the project"),
    ] {
        let project = Project::accepted_story();
        std::os::unix::fs::symlink(outside.path(), project.path().join("linked")).unwrap();
        project.write(
            "yaku.toml",
            &format!("[project]\nsource = \"ja\"\ntargets = [\"en\", \"zh-Hans\"]\n{config}\n"),
        );
        for args in [&["check"][..], &["sync"]] {
            let run = project.yaku(args).failure();
            assert!(run.stderr().contains(message), "{config}: {}", run.stderr());
        }
    }
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing written outside"
    );
    // A locale folder that is a link out of the project is refused as well.
    let project = Project::accepted_story();
    std::fs::remove_dir_all(project.path().join("content/en")).unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path().join("content/en")).unwrap();
    let run = project.yaku(&["sync"]).failure();
    assert!(
        run.stderr()
            .contains("`content/en` leads outside the project"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// A folder below a locale's folder that is a link out of the project (`content/en/sub ->
/// /elsewhere`) leads no read and no write there: `sync` does not create the translation
/// in it, and every command names the file and where its folder leads (`check`, which
/// also looks for translations without a source, names the link first).
#[test]
fn a_content_folder_linked_out_of_the_project_is_neither_read_nor_written() {
    let project = Project::accepted_story();
    let outside = tempfile::tempdir().unwrap();
    let article = project.read("content/ja/article.md");
    project.write("content/ja/sub/page.md", &article);
    std::os::unix::fs::symlink(outside.path(), project.path().join("content/en/sub")).unwrap();
    // A translation there, outside, which yaku must not read.
    std::fs::write(outside.path().join("page.md"), project.read(EN)).unwrap();
    let before = std::fs::read(outside.path().join("page.md")).unwrap();
    for args in [&["sync"][..], &["check"], &["status"], &["build"]] {
        let run = project.yaku(args).failure();
        let stderr = run.stderr();
        assert!(
            stderr.contains("content/en/sub/page.md:1:1: error: cannot read content/en/sub/page.md: its folder leads outside the project")
                || (args == ["check"] && stderr.contains("content/en/sub: it is a symbolic link")),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(
        std::fs::read(outside.path().join("page.md")).unwrap(),
        before
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
}

/// The folders yaku keeps in `.yaku/` (its cache and the stored source texts) and its
/// lock file are yaku's own: a link in their place out of the project is refused, and
/// nothing is read or written where it leads.
#[test]
fn yaku_s_own_folders_and_lock_are_not_followed_out_of_the_project() {
    let outside = tempfile::tempdir().unwrap();
    for folder in [".yaku/cache", ".yaku/sources"] {
        let project = Project::accepted_story();
        let path = project.path().join(folder);
        if path.exists() {
            std::fs::remove_dir_all(&path).unwrap();
        }
        std::os::unix::fs::symlink(outside.path(), &path).unwrap();
        for args in [&["check"][..], &["status"], &["sync"], &["build"]] {
            let run = project.yaku(args).failure();
            assert!(
                run.stderr()
                    .contains(&format!("`{folder}` leads outside the project")),
                "{folder}, {args:?}: {}",
                run.stderr()
            );
        }
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
    let project = Project::accepted_story();
    let notes = outside.path().join("notes.txt");
    std::fs::write(&notes, "a translator's notes").unwrap();
    let lock = project.path().join(".yaku/lock");
    if lock.exists() {
        std::fs::remove_file(&lock).unwrap();
    }
    std::os::unix::fs::symlink(&notes, &lock).unwrap();
    let run = project.yaku(&["sync"]).failure();
    assert!(
        run.stderr().contains(".yaku/lock") && run.stderr().contains("symbolic link"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "a translator's notes"
    );
}

#[test]
fn a_damaged_baseline_is_named_and_never_shown_as_the_change() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "57名");
    let marker = project.read(EN);
    let line = marker
        .lines()
        .skip_while(|l| !l.starts_with("## 2."))
        .nth(1)
        .unwrap()
        .to_string();
    let baseline = line.split_whitespace().nth(2).unwrap().to_string();
    let object = format!(".yaku/sources/{}/{}", &baseline[..2], &baseline[2..]);
    let good = project.read(&object);
    for damage in [&good.as_bytes()[..good.len() / 2], b"\xff\xfe not text"] {
        std::fs::write(project.path().join(&object), damage).unwrap();
        let run = project.yaku(&["diff", "en"]).findings();
        assert!(
            run.stderr()
                .contains(&format!("warning: {object}: the stored source text")),
            "{}",
            run.stderr()
        );
        assert!(
            run.stdout()
                .contains("the baseline's source text is not in .yaku/sources"),
            "{}",
            run.stdout()
        );
        // Accepting the source as it was writes the object anew.
        project.edit(JA, "57名", "56名");
        project.yaku(&["accept", "en", "article#trials"]).success();
        assert_eq!(project.read(&object), good);
        project.edit(JA, "56名", "57名");
    }
}

#[test]
fn locale_tables_must_name_targets_and_targets_must_be_unique() {
    let project = Project::accepted_story();
    let base = "[project]\nsource = \"ja\"\ntargets = [\"en\", \"zh-Hans\"]\n";
    project.write(
        "yaku.toml",
        &format!("{base}\n[locale.zh-hans]\non-stale = \"fail\"\n"),
    );
    let run = project.yaku(&["status"]).failure();
    assert!(run.stderr().contains("yaku.toml:5:1"), "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "`[locale.zh-hans]` is not a target locale of this project (targets: en, zh-Hans)"
        ),
        "{}",
        run.stderr()
    );
    project.write(
        "yaku.toml",
        &format!("{base}\n[fluent-args.fr]\nclinic = \"x\"\n"),
    );
    project.yaku(&["status"]).failure();
    project.write(
        "yaku.toml",
        "[project]\nsource = \"ja\"\ntargets = [\"en\", \"en\"]\n",
    );
    let run = project.yaku(&["status"]).failure();
    assert!(
        run.stderr()
            .contains("the target locale `en` is listed twice"),
        "{}",
        run.stderr()
    );

    let empty = Project::empty();
    let run = empty.yaku(&["init", "--targets", "en,en"]).failure();
    assert!(
        run.stderr()
            .contains("the target locale `en` is given twice"),
        "{}",
        run.stderr()
    );
    assert!(!empty.path().join("yaku.toml").exists());
}

#[test]
fn an_emptied_source_says_what_to_do_in_check_and_sync_alike() {
    let project = Project::accepted_story();
    project.write(JA, "");
    let run = project.yaku(&["sync", "--locale", "en"]).findings();
    assert_eq!(
        run.stdout(),
        "content/en/article.md: obsolete: what, contents, trials, summary\ncontent/en/article.md: the source no longer has: front-matter, lead; delete it from the translation by hand\n"
    );
    let run = project.yaku(&["sync", "--locale", "en"]).findings();
    assert_eq!(
        run.stdout(),
        "content/en/article.md: the source no longer has: front-matter, lead; delete it from the translation by hand\n"
    );
    let run = project.yaku(&["check", "--locale", "en"]).findings();
    assert!(
        run.stdout().contains(
            "obsolete: article#lead (en)\n  fix: the source no longer has a lead; delete it"
        ),
        "{}",
        run.stdout()
    );
    let en = project.read(EN);
    let body = en[en.find("<!-- yaku:obsolete -->").unwrap()..].to_string();
    project.write(EN, &body);
    project.yaku(&["sync", "--locale", "en"]).success();
    project.yaku(&["check", "--locale", "en"]).success();
}

#[test]
fn a_renamed_source_leaves_orphans_that_check_reports_and_gc_keeps_baselines_for() {
    let project = Project::accepted_story();
    std::fs::rename(
        project.path().join(JA),
        project.path().join("content/ja/basics.md"),
    )
    .unwrap();
    let objects = || {
        walkdir::WalkDir::new(project.path().join(".yaku/sources"))
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count()
    };
    let before = objects();
    let run = project.yaku(&["gc", "--dry-run"]).success();
    assert_eq!(run.stdout(), "would delete 0 unused source text(s)\n");
    project.yaku(&["gc"]).success();
    assert_eq!(
        objects(),
        before,
        "baselines of orphaned translations are kept"
    );
    let run = project.yaku(&["check"]).findings();
    assert!(run.stdout().contains(
        "content/en/article.md:1: orphaned: article (en) has no source document content/ja/article.md\n  fix: give it the source document's new name"
    ), "{}", run.stdout());
    let json = project
        .yaku(&["check", "--format", "json"])
        .findings()
        .json();
    assert_eq!(json["summary"]["orphaned"], 2);
    assert_eq!(json["orphaned"][1]["path"], "content/zh-Hans/article.md");
    // Renamed alike, the translations are current again: nothing lost.
    for locale in ["en", "zh-Hans"] {
        let dir = project.path().join("content").join(locale);
        std::fs::rename(dir.join("article.md"), dir.join("basics.md")).unwrap();
    }
    project.yaku(&["check"]).success();
}

#[test]
fn gc_dry_run_that_would_delete_is_a_finding() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "57名");
    // The old translations, accepted as they are (a number no longer matches: forced).
    for locale in ["en", "zh-Hans"] {
        project
            .yaku(&["accept", locale, "article#trials", "--reviewed", "--force"])
            .success();
    }
    let run = project.yaku(&["gc", "--dry-run"]).findings();
    assert!(
        run.stdout()
            .starts_with("would delete 1 unused source text(s)\n"),
        "{}",
        run.stdout()
    );
    project.yaku(&["gc"]).success();
    project.yaku(&["gc", "--dry-run"]).success();
}

#[test]
fn write_errors_on_standard_output_fail_and_a_closed_pipe_does_not() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "57名");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("yaku"))
        .current_dir(project.path())
        .args(["check", "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("error: cannot write to standard output")
    );
    // A reader that stops early: check still exits with its own code, quietly.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("yaku"))
        .current_dir(project.path())
        .args(["check", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn temporary_files_left_by_a_killed_writer_are_removed_by_the_next() {
    let project = Project::accepted_story();
    project.write("content/en/.yaku-abc123.tmp", "half a file");
    project.write(".yaku/sources/ab/.yaku-x.tmp", "half an object");
    project.write("content/en/.notes.tmp", "not yaku's");
    project.yaku(&["sync"]).success();
    assert!(!project.path().join("content/en/.yaku-abc123.tmp").exists());
    assert!(!project.path().join(".yaku/sources/ab/.yaku-x.tmp").exists());
    assert!(project.path().join("content/en/.notes.tmp").exists());
}

#[test]
fn diff_shows_control_characters_as_pictures() {
    let project = Project::accepted_story();
    project.edit(JA, "56名", "57名\u{1b}[2J\u{0}");
    let run = project.yaku(&["diff", "en"]).findings();
    assert!(!run.stdout().contains('\u{1b}') && !run.stdout().contains('\u{0}'));
    assert!(run.stdout().contains("{+␛[2J␀+}"), "{}", run.stdout());
}

#[test]
fn hand_edited_markers_and_ids_with_spaces_are_errors_at_their_line() {
    let project = Project::accepted_story();
    let en = project.read(EN);
    let marker = en
        .lines()
        .find(|l| l.starts_with("<!-- yaku:source"))
        .unwrap();
    project.edit(EN, marker, &marker.replace(" -->", " reviewed -->"));
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr()
            .contains("unexpected words after the marker: `reviewed`"),
        "{}",
        run.stderr()
    );
    let project = Project::accepted_story();
    project.edit(JA, "{#summary}", "{#the summary}");
    let run = project.yaku(&["check"]).failure();
    assert!(
        run.stderr().contains("content/ja/article.md:24:"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("invalid section id `the summary`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_problem_on_a_very_long_line_is_shown_in_a_short_snippet() {
    let project = Project::accepted_story();
    let long = format!("## {} {{#Bad}}\n\ntext\n", "長".repeat(100_000));
    project.edit(JA, "## 3. まとめ {#summary}", &long);
    let run = project.yaku(&["check"]).failure();
    let stderr = run.stderr();
    assert!(
        stderr.contains("content/ja/article.md:24:1: error: invalid section id `Bad`"),
        "{}",
        &stderr[..stderr.len().min(3000)]
    );
    // The 100,000 characters of the line are cut to a window around the place.
    assert!(stderr.len() < 4_000, "{} bytes of snippet", stderr.len());
    assert!(stderr.contains(" 24 │ ## 長長長"), "{stderr}");
}

/// The files under `dir`, relative, with their bytes.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with(".yaku-build-"))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_first_build_killed_at_any_moment_leaves_no_output_or_a_whole_one() {
    let project = corpus(120);
    project.yaku(&["build", "--out", "whole"]).success();
    let whole = tree(&project.path().join("whole"));
    let binary = assert_cmd::cargo::cargo_bin("yaku");
    let staging = |project: &Project| -> Vec<String> {
        std::fs::read_dir(project.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("yaku-staging"))
            .collect()
    };
    // Kills later and later, until one comes after the build ended: the staging folder
    // exists from the start of a build, so some kill lands while it writes.
    let (mut seen_staging, mut delay_ms) = (false, 2.0f64);
    loop {
        let mut child = std::process::Command::new(&binary)
            .args(["build", "--out", "dist"])
            .current_dir(project.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_secs_f64(delay_ms / 1000.0));
        let _ = child.kill();
        child.wait().unwrap();
        let dist = project.path().join("dist");
        seen_staging |= !staging(&project).is_empty();
        if dist.exists() {
            // The kill came after the rename: every page, whole.
            assert_eq!(tree(&dist), whole, "killed after {delay_ms:.0} ms");
            std::fs::remove_dir_all(&dist).unwrap();
            break;
        }
        assert!(delay_ms < 60_000.0, "the build never ended");
        delay_ms *= 1.5;
    }
    assert!(seen_staging, "no kill came while the build was writing");
    // What a killed build left is removed by the next, which builds the whole output.
    project.yaku(&["build", "--out", "dist"]).success();
    assert_eq!(tree(&project.path().join("dist")), whole);
    assert_eq!(staging(&project), Vec::<String>::new());
}
