//! The API against a real server on an ephemeral port, over plain HTTP/1.1 written by
//! hand (so that any `Host`, `Origin` or cookie can be sent): the security refusals, a
//! save that changes exactly one section's bytes, the conflict of a save on a changed
//! file, accept's refusals, and events on a file change.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use yaku_project::{accept_pair, file_version, AcceptRequest, Workspace};
use yaku_serve::Server;

/// A copy of the `story` fixture, every translation accepted, served on a free port.
struct Served {
    dir: tempfile::TempDir,
    port: u16,
    token: String,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Served {
    /// The story, accepted, then `edit` applied to the files, then served.
    fn story(edit: impl FnOnce(&Path)) -> Served {
        Served::fixture("story", edit)
    }

    /// `tests/fixtures/<name>`, accepted, then `edit` applied to the files, then served.
    fn fixture(name: &str, edit: impl FnOnce(&Path)) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(name);
        copy_dir(&fixture, dir.path());
        let workspace = Workspace::open(Some(dir.path()), dir.path()).unwrap();
        let locales = workspace.locales(None).unwrap();
        let mut problems = Vec::new();
        let pairs = workspace.pairs(&locales, None, &mut problems).unwrap();
        assert!(problems.is_empty());
        let store = workspace.project.store();
        for pair in &pairs {
            accept_pair(&workspace, None, &store, pair, &AcceptRequest::default()).unwrap();
        }
        edit(dir.path());
        let workspace = Workspace::open(Some(dir.path()), dir.path()).unwrap();
        let server = Server::bind(workspace, 0).unwrap();
        let (port, token) = (server.port(), server.token().to_string());
        assert!(server
            .url()
            .starts_with(&format!("http://127.0.0.1:{port}/?token=")));
        std::thread::spawn(move || server.run());
        Served { dir, port, token }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// A request as the workspace's own pages send it.
    fn request<'a>(&'a self, method: &'a str, target: &'a str) -> Request<'a> {
        Request {
            served: self,
            method,
            target,
            host: format!("127.0.0.1:{}", self.port),
            cookie: Some(format!("yaku_token_{}={}", self.port, self.token)),
            origin: Some(format!("http://127.0.0.1:{}", self.port)),
            body: None,
        }
    }

    fn get_json(&self, target: &str) -> Value {
        let response = self.request("GET", target).send();
        assert_eq!(response.status, 200, "{}", response.body);
        response.json()
    }
}

struct Request<'a> {
    served: &'a Served,
    method: &'a str,
    target: &'a str,
    host: String,
    cookie: Option<String>,
    origin: Option<String>,
    body: Option<String>,
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Request<'_> {
    fn send(self) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.served.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut text = format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.method, self.target, self.host
        );
        if let Some(cookie) = &self.cookie {
            text.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if let Some(origin) = &self.origin {
            text.push_str(&format!("Origin: {origin}\r\n"));
        }
        let body = self.body.unwrap_or_default();
        text.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
        stream.write_all(text.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Response {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    fn json(mut self, value: Value) -> Self {
        self.body = Some(value.to_string());
        self
    }
}

#[test]
fn the_token_becomes_a_strict_http_only_cookie_and_leaves_the_address() {
    let served = Served::story(|_| {});
    let mut request = served.request("GET", "/api/status");
    request.cookie = None;
    assert_eq!(request.send().status, 401, "no cookie, no token");

    let mut wrong = served.request("GET", "/?token=0000");
    wrong.cookie = None;
    assert_eq!(wrong.send().status, 401);

    let target = format!("/doc?token={}&locale=en", served.token);
    let mut right = served.request("GET", &target);
    right.cookie = None;
    let response = right.send();
    assert_eq!(response.status, 303);
    let head = response.head.to_lowercase();
    assert!(head.contains("\r\nlocation: /doc?locale=en"), "{head}");
    assert!(
        head.contains(&format!(
            "set-cookie: yaku_token_{}={}; httponly; samesite=strict; path=/",
            served.port, served.token
        )),
        "{head}"
    );
    let page = served.request("GET", "/").send();
    assert_eq!(page.status, 200);
    assert!(page
        .head
        .to_lowercase()
        .contains("content-security-policy: default-src 'self'"));
}

#[test]
fn a_foreign_host_is_refused_even_with_the_cookie() {
    let served = Served::story(|_| {});
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{}", served.port),
        format!("127.0.0.1:{}", served.port + 1),
        "127.0.0.1".to_string(),
    ] {
        let mut request = served.request("GET", "/api/status");
        request.host = host.clone();
        assert_eq!(request.send().status, 421, "{host}");
    }
    let mut localhost = served.request("GET", "/api/status");
    localhost.host = format!("localhost:{}", served.port);
    assert_eq!(localhost.send().status, 200);
}

#[test]
fn a_change_without_our_origin_is_refused_and_nothing_is_written() {
    let served = Served::story(|_| {});
    let before = served.read("content/en/article.md");
    let doc = served.get_json("/api/doc/en/article");
    let body = json!({ "text": "## 3. Summary {#summary}\n\nChanged.", "version": doc["version"] });
    for origin in [
        None,
        Some("http://evil.example".to_string()),
        Some("null".to_string()),
    ] {
        let mut request = served
            .request("PUT", "/api/doc/en/article/summary")
            .json(body.clone());
        request.origin = origin.clone();
        assert_eq!(request.send().status, 403, "{origin:?}");
        let mut accept = served.request("POST", "/api/accept").json(json!({
            "locale": "en", "doc": "article", "sections": ["summary"], "version": doc["version"]
        }));
        accept.origin = origin.clone();
        assert_eq!(accept.send().status, 403, "{origin:?}");
    }
    assert_eq!(served.read("content/en/article.md"), before);
}

#[test]
fn documents_and_sections_are_looked_up_never_used_as_paths() {
    let served = Served::story(|_| {});
    for target in [
        "/api/doc/en/..%2F..%2Fyaku",
        "/api/doc/en/..%2Fja%2Farticle",
        "/api/doc/..%2Fja/article",
        "/api/doc/fr/article",
    ] {
        let response = served.request("GET", target).send();
        assert_eq!(response.status, 404, "{target}: {}", response.body);
    }
    let doc = served.get_json("/api/doc/en/article");
    let response = served
        .request("PUT", "/api/doc/en/article/..%2F..%2Fyaku")
        .json(json!({ "text": "x", "version": doc["version"] }))
        .send();
    assert_eq!(response.status, 422, "{}", response.body);
    assert!(response.body.contains("no section"));
}

#[test]
fn a_save_changes_exactly_one_sections_bytes() {
    let served = Served::story(|_| {});
    let before = served.read("content/en/article.md");
    let doc = served.get_json("/api/doc/en/article");
    let section = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "trials")
        .unwrap();
    let old = section["translation"].as_str().unwrap();
    let edit = "patients (患者、患者们), a trial reported in 2025";
    let new = old.replace("patients", edit);
    assert_ne!(old, new);
    let response = served
        .request("PUT", "/api/doc/en/article/trials")
        .json(json!({ "text": new, "version": doc["version"] }))
        .send();
    assert_eq!(response.status, 200, "{}", response.body);
    let after = served.read("content/en/article.md");
    // Every byte but the edited words as before, the marker line kept.
    assert_eq!(
        after,
        before.replacen("56 patients.", &format!("56 {edit}."), 1)
    );
    let saved = response.json();
    assert_eq!(saved["version"], file_version(Some(after.as_bytes())));
    assert_eq!(saved["section"]["translation"], new.as_str());
    // The same text again: not a byte changes.
    let again = served
        .request("PUT", "/api/doc/en/article/trials")
        .json(json!({ "text": new, "version": saved["version"] }))
        .send();
    assert_eq!(again.status, 200);
    assert_eq!(served.read("content/en/article.md"), after);
}

#[test]
fn a_save_on_a_file_changed_since_is_a_conflict_with_both_versions() {
    let served = Served::story(|_| {});
    let doc = served.get_json("/api/doc/en/article");
    // Another editor saves the file meanwhile.
    let theirs = served
        .read("content/en/article.md")
        .replace("Further research", "More research");
    assert_ne!(theirs, served.read("content/en/article.md"));
    std::fs::write(served.path("content/en/article.md"), &theirs).unwrap();
    let response = served
        .request("PUT", "/api/doc/en/article/summary")
        .json(json!({ "text": "## 3. Summary {#summary}\n\nMine.", "version": doc["version"] }))
        .send();
    assert_eq!(response.status, 409, "{}", response.body);
    let conflict = response.json();
    assert_eq!(conflict["version"], file_version(Some(theirs.as_bytes())));
    assert!(conflict["section"]["translation"]
        .as_str()
        .unwrap()
        .contains("More research"));
    assert_eq!(served.read("content/en/article.md"), theirs);
}

#[test]
fn accept_has_the_refusals_of_yaku_accept() {
    // The source's `summary` changes after the translations were accepted: stale.
    let served = Served::story(|root| {
        let path = root.join("content/ja/article.md");
        let source = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, source.replace("今後の研究", "今後のさらなる研究")).unwrap();
    });
    let doc = served.get_json("/api/doc/en/article");
    let summary = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "summary")
        .unwrap();
    assert_eq!(summary["state"], "stale");
    let change = summary["change"].to_string();
    assert!(change.contains("さらなる"), "{change}");
    let accept = |sections: Value, reviewed: bool, version: &Value| {
        served
            .request("POST", "/api/accept")
            .json(json!({
                "locale": "en", "doc": "article", "sections": sections,
                "reviewed": reviewed, "version": version
            }))
            .send()
    };
    let before = served.read("content/en/article.md");
    let unreviewed = accept(json!(["summary", "nowhere"]), false, &doc["version"]);
    assert_eq!(unreviewed.status, 200, "{}", unreviewed.body);
    let unreviewed = unreviewed.json();
    assert_eq!(unreviewed["accepted"], json!([]));
    let refusals: Vec<&str> = unreviewed["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["refusal"].as_str().unwrap())
        .collect();
    assert_eq!(refusals, ["not-in-source", "unreviewed"]);
    assert_eq!(served.read("content/en/article.md"), before);

    let stale_version = json!("0000000000000000");
    assert_eq!(accept(json!(["summary"]), true, &stale_version).status, 409);

    let reviewed = accept(json!(["summary"]), true, &doc["version"]);
    assert_eq!(reviewed.status, 200, "{}", reviewed.body);
    assert_eq!(reviewed.json()["accepted"], json!(["summary"]));
    let doc = served.get_json("/api/doc/en/article");
    let summary = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "summary")
        .unwrap();
    assert_eq!(summary["state"], "current");
}

#[test]
fn a_file_change_reaches_open_pages_as_an_event() {
    let served = Served::story(|_| {});
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: yaku_token_{}={}\r\n\r\n",
        served.port, served.port, served.token
    )
    .unwrap();
    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    let n = stream.read(&mut buffer).unwrap();
    seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    assert!(seen.contains("text/event-stream"), "{seen}");
    let path = served.path("content/en/article.md");
    let text = served.read("content/en/article.md");
    std::fs::write(&path, text.replace("Further", "Later")).unwrap();
    while !seen.contains("event: change") {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "the stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert!(seen.contains("content/en/article.md"), "{seen}");
}

#[test]
fn suggestions_come_from_the_current_translations_of_other_documents() {
    // A second document whose `summary` has the same source and an accepted translation.
    let served = Served::story(|root| {
        for locale in ["ja", "en"] {
            let folder = root.join("content").join(locale);
            std::fs::copy(folder.join("article.md"), folder.join("other.md")).unwrap();
        }
    });
    let found = served.get_json("/api/suggest/en/article/summary");
    let suggestions = found["suggestions"].as_array().unwrap();
    assert_eq!(suggestions.len(), 1, "{found}");
    let suggestion = &suggestions[0];
    assert_eq!(suggestion["doc"], "other");
    assert_eq!(suggestion["section"], "summary");
    assert_eq!(suggestion["similarity"], 1.0);
    assert_eq!(suggestion["translation"], "Further research is awaited.");
    assert_eq!(suggestion["text"], "今後の研究が期待されます。");
    // Unknown documents are refused, as everywhere.
    assert_eq!(
        served
            .request("GET", "/api/suggest/en/nowhere/summary")
            .send()
            .status,
        404
    );
}

#[test]
fn the_status_follows_the_files_through_its_cache() {
    let served = Served::story(|_| {});
    let stale = |status: &Value| -> Vec<u64> {
        status["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["counts"]["stale"].as_u64().unwrap())
            .collect()
    };
    let before = served.get_json("/api/status");
    assert_eq!(stale(&before), [0, 0]);
    assert_eq!(
        served.get_json("/api/status")["documents"],
        before["documents"]
    );
    let path = served.path("content/ja/article.md");
    let source = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, source.replace("今後の研究", "今後のさらなる研究")).unwrap();
    assert_eq!(stale(&served.get_json("/api/status")), [1, 1]);
}

#[test]
fn glossary_terms_come_with_their_renderings_and_follow_the_file() {
    let served = Served::fixture("exosome-article", |_| {});
    let lead = |doc: &Value| -> Value {
        doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "lead")
            .unwrap()["glossary"]
            .clone()
    };
    let doc = served.get_json("/api/doc/en/exosome-anti-aging");
    let terms = lead(&doc);
    assert!(
        terms
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["term"] == "エクソソーム" && t["rendering"] == "exosome"),
        "{terms}"
    );
    let zh = served.get_json("/api/doc/zh-Hans/exosome-anti-aging");
    assert!(lead(&zh).to_string().contains("外泌体"), "{}", lead(&zh));
    // The glossary changes on disk: the next page has the new rendering.
    let path = served.path("locales/glossary.toml");
    let glossary = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        glossary.replacen("en = \"exosome\"", "en = \"exosome (EV)\"", 1),
    )
    .unwrap();
    let terms = lead(&served.get_json("/api/doc/en/exosome-anti-aging"));
    assert!(terms.to_string().contains("exosome (EV)"), "{terms}");
}

#[test]
fn a_broken_file_is_a_problem_with_its_place_not_a_failure() {
    let served = Served::story(|root| {
        let path = root.join("content/en/article.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            path,
            text.replace("<!-- yaku:source ", "<!-- yaku:source x"),
        )
        .unwrap();
    });
    let status = served.get_json("/api/status");
    let problems = status["problems"].as_array().unwrap();
    assert!(!problems.is_empty(), "{status}");
    assert_eq!(problems[0]["path"], "content/en/article.md");
    assert!(problems[0]["line"].as_u64().unwrap() > 1);
    // The document itself cannot be edited until the file is fixed: 422 with the place.
    let response = served.request("GET", "/api/doc/en/article").send();
    assert_eq!(response.status, 422, "{}", response.body);
    assert!(
        response.body.contains("content/en/article.md:"),
        "{}",
        response.body
    );
}

#[test]
fn a_preview_is_the_section_as_the_html_build_renders_it() {
    let served = Served::story(|_| {});
    let found = served.get_json("/api/preview/en/article/summary");
    let html = found["html"].as_str().unwrap();
    assert!(html.contains("<section id=\"summary\""), "{html}");
    assert!(html.contains("Further research is awaited."), "{html}");
    // An unknown section is refused, an unknown document not found, as everywhere.
    assert_eq!(
        served
            .request("GET", "/api/preview/en/article/nowhere")
            .send()
            .status,
        422
    );
    assert_eq!(
        served
            .request("GET", "/api/preview/en/nowhere/summary")
            .send()
            .status,
        404
    );
}
