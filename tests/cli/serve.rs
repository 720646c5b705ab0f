//! `yaku serve`: the real binary on a free port. Its status numbers are `yaku status`'s;
//! the pages work end to end in real headless Chromium (tests/e2e/workspace.py, with
//! Playwright), with the files on disk and `yaku check` judging the result.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::support::{external_judge, Project};

/// `yaku serve --port 0` running in a project; stopped when dropped.
struct Serving {
    child: Child,
    url: String,
    port: u16,
    token: String,
}

impl Serving {
    fn start(project: &Project) -> Serving {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("yaku"))
            .args(["serve", "--port", "0"])
            .current_dir(project.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no address printed: {line}"))
            .to_string();
        let (address, token) = url.split_once("/?token=").unwrap();
        let port = address.rsplit(':').next().unwrap().parse().unwrap();
        Serving {
            child,
            port,
            token: token.to_string(),
            url,
        }
    }

    fn get(&self, target: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: yaku_token_{}={}\r\nConnection: close\r\n\r\n",
            self.port, self.port, self.token
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}\n{body}");
        body.to_string()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The story, accepted in both locales, then its `summary` changed in the source.
fn stale_story() -> Project {
    let project = Project::accepted_story();
    project.edit(
        "content/ja/article.md",
        "今後の研究が期待されます。",
        "今後のさらなる研究が期待されます。",
    );
    project
}

#[test]
fn the_dashboard_has_the_numbers_of_yaku_status() {
    let project = stale_story();
    let serving = Serving::start(&project);
    let served: serde_json::Value = serde_json::from_str(&serving.get("/api/status")).unwrap();
    let status = project.yaku(&["status", "--format", "json"]);
    let printed: serde_json::Value = serde_json::from_slice(&status.output.stdout).unwrap();
    let documents = printed["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2);
    for (theirs, ours) in documents
        .iter()
        .zip(served["documents"].as_array().unwrap())
    {
        for (key, value) in theirs.as_object().unwrap() {
            assert_eq!(&ours[key], value, "{key}");
        }
        assert_eq!(ours["counts"]["stale"], 1);
        assert_eq!(ours["qa_errors"], 0);
    }
}

/// The Python of the venv tests/e2e/install.sh makes, if it is there; under CI its
/// absence fails the test, as an absent external judge does.
fn playwright() -> Option<PathBuf> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-venv/bin/python");
    let installed = Command::new(&python)
        .args(["-c", "import playwright"])
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        let why = "Playwright is not installed (tests/e2e/install.sh); the workspace was not tried in a browser";
        assert!(std::env::var_os("CI").is_none(), "{why}, and CI is set");
        eprintln!("SKIPPED: {why}");
        return None;
    }
    Some(python)
}

#[test]
fn the_workspace_in_headless_chromium() {
    if external_judge("chromium", "the workspace was not tried in a browser").is_none() {
        return;
    }
    let Some(python) = playwright() else {
        return;
    };
    let project = stale_story();
    let serving = Serving::start(&project);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/workspace.py");
    let run = Command::new(python)
        .arg(script)
        .arg(&serving.url)
        .arg(project.path())
        .arg(&shots)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    drop(serving);
    // On disk: the edits, each section's marker kept, and every section current.
    let en = project.read("content/en/article.md");
    assert!(
        en.contains("Further research is awaited, and more of it."),
        "{en}"
    );
    assert!(!en.contains("今後"), "{en}");
    let zh = project.read("content/zh-Hans/article.md");
    assert!(zh.contains("今后的进一步研究值得期待。"), "{zh}");
    assert!(
        zh.contains("（另一位编辑的修改）"),
        "the change made on disk is kept: {zh}"
    );
    assert!(!zh.contains("未保存的文字"), "{zh}");
    for text in [&en, &zh] {
        assert_eq!(text.matches("<!-- yaku:source").count(), 5, "{text}");
    }
    project.yaku(&["check"]).success();
}
