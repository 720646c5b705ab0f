//! `report`: the results of `bench/run.sh` as a Markdown block for BENCHMARKS.md.
//!
//! The results folder holds `machine.txt` (`key: value` lines) and one folder per corpus
//! size (`1000/`, `10000/`) with `corpus.txt` (`key=value` lines) and, per benchmark id,
//! the hyperfine export `<id>.json`, the peak resident set size in KiB `<id>.rss` (from
//! `/usr/bin/time -f %M`) and the cache state `<id>.cache`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::{Error, Result};

/// The line before the generated block in BENCHMARKS.md.
pub const BEGIN_MARKER: &str =
    "<!-- bench:results:begin (written by bench/run.sh; edits here are lost) -->";
/// The line after it.
pub const END_MARKER: &str = "<!-- bench:results:end -->";

/// The benchmarks, in table order: id, what it is.
const BENCHMARKS: [(&str, &str); 22] = [
    ("cat-cold", "cat (reference)"),
    ("cat-warm", "cat (reference)"),
    ("check-cold", "yaku check"),
    ("check-warm", "yaku check"),
    ("check-no-cache", "yaku check --no-cache"),
    ("status", "yaku status"),
    ("sync-dry-run", "yaku sync --dry-run"),
    ("build-json", "yaku build, json, from empty"),
    ("build-html", "yaku build, html, from empty"),
    ("build-hugo", "yaku build, hugo, from empty"),
    ("hugo", "Hugo on the hugo export"),
    (
        "copy-files",
        "cp -r of the corpus (the disk's cost of making files)",
    ),
    ("build-json-tmpfs", "yaku build, json, from empty, on tmpfs"),
    ("build-html-tmpfs", "yaku build, html, from empty, on tmpfs"),
    ("hugo-tmpfs", "Hugo on the hugo export, on tmpfs"),
    (
        "build-json-journal",
        "yaku build, json, from empty, on ext4 with a journal",
    ),
    (
        "build-html-journal",
        "yaku build, html, from empty, on ext4 with a journal",
    ),
    (
        "hugo-journal",
        "Hugo on the hugo export, on ext4 with a journal",
    ),
    (
        "copy-files-journal",
        "cp -r of the corpus, on ext4 with a journal",
    ),
    ("build-noop", "yaku build, nothing changed"),
    ("build-edit", "yaku build, one source edited"),
    (
        "build-edit-journal",
        "yaku build, one source edited, on ext4 with a journal",
    ),
];

/// One hyperfine result.
#[derive(Debug, Clone)]
struct Measured {
    command: String,
    runs: usize,
    median: f64,
    min: f64,
    max: f64,
    rss_kib: Option<u64>,
    cache: String,
    exit_codes: Vec<i64>,
}

fn read_key_values(path: &Path, separator: char) -> BTreeMap<String, String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (k, v) = line.split_once(separator)?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

fn read_measured(dir: &Path, id: &str) -> Result<Option<Measured>> {
    let path = dir.join(format!("{id}.json"));
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(None);
    };
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let result = &json["results"][0];
    let number = |key: &str| {
        result[key]
            .as_f64()
            .ok_or_else(|| Error(format!("{}: no `{key}`", path.display())))
    };
    let times = result["times"].as_array().map_or(0, Vec::len);
    let rss_kib = fs::read_to_string(dir.join(format!("{id}.rss")))
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
    let cache = fs::read_to_string(dir.join(format!("{id}.cache")))
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|_| "warm".to_string());
    let mut exit_codes: Vec<i64> = result["exit_codes"]
        .as_array()
        .map(|codes| codes.iter().filter_map(|c| c.as_i64()).collect())
        .unwrap_or_default();
    exit_codes.sort_unstable();
    exit_codes.dedup();
    Ok(Some(Measured {
        command: result["command"].as_str().unwrap_or(id).to_string(),
        runs: times,
        median: number("median")?,
        min: number("min")?,
        max: number("max")?,
        rss_kib,
        cache,
        exit_codes,
    }))
}

fn seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

fn mebibytes(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn ratio(a: f64, b: Option<f64>) -> String {
    match b {
        Some(b) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "–".to_string(),
    }
}

/// Renders the results folder as the Markdown that goes between the markers.
pub fn render_report(results: &Path) -> Result<String> {
    let machine = read_key_values(&results.join("machine.txt"), ':');
    let mut sizes: Vec<(usize, std::path::PathBuf)> = fs::read_dir(results)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_str()?.parse().ok()?;
            Some((n, e.path()))
        })
        .collect();
    sizes.sort();
    if sizes.is_empty() {
        return Err(Error(format!(
            "{} holds no results (folders named by corpus size)",
            results.display()
        )));
    }

    let mut out = String::new();
    let get = |key: &str| machine.get(key).map_or("?", String::as_str).to_string();
    let _ = writeln!(out, "Measured on {} by `bench/run.sh`.\n", get("date"));
    let _ = writeln!(out, "| machine | |\n|---|---|");
    for key in [
        "cpu",
        "cores",
        "memory",
        "kernel",
        "disk",
        "yaku",
        "hyperfine",
    ] {
        let _ = writeln!(out, "| {key} | {} |", get(key));
    }
    let _ = writeln!(out, "| page cache for cold runs | {} |", get("cold"));
    out.push('\n');

    // Peak RSS of the yaku commands per size, for the memory targets.
    let mut peak_by_size: Vec<(usize, u64)> = Vec::new();
    let mut cold_check_ratio: Vec<(usize, f64)> = Vec::new();
    let mut warm_check_ratio: Vec<(usize, f64, f64)> = Vec::new();
    let mut build_rows: Vec<String> = Vec::new();
    let mut build_peak: Vec<(usize, u64)> = Vec::new();
    for (n, dir) in &sizes {
        let corpus = read_key_values(&dir.join("corpus.txt"), '=');
        let c = |key: &str| corpus.get(key).map_or("?", String::as_str).to_string();
        let megabytes = c("bytes")
            .parse::<f64>()
            .map_or("?".to_string(), |b| format!("{:.0} MB", b / 1e6));
        let _ = writeln!(
            out,
            "### {n} articles × 3 locales\n\n{} files, {megabytes}; `yaku-bench gen --articles {n}` took {} s, \
             `mutate --fraction {}` changed {} sources ({} expected findings) in {} s. \
             `yaku check --format json` against the ground truth: **{}**.\n",
            c("files"),
            c("gen_seconds"),
            c("fraction"),
            c("mutated"),
            c("expected_findings"),
            c("mutate_seconds"),
            c("verify"),
        );
        let _ = writeln!(
            out,
            "| benchmark | command | page cache | runs | median | min | max | peak RSS | ÷ cat cold | ÷ cat warm |\n\
             |---|---|---|--:|--:|--:|--:|--:|--:|--:|"
        );
        let measured: BTreeMap<&str, Measured> = BENCHMARKS
            .iter()
            .filter_map(|(id, _)| read_measured(dir, id).transpose().map(|m| (*id, m)))
            .map(|(id, m)| m.map(|m| (id, m)))
            .collect::<Result<_>>()?;
        let cat_cold = measured.get("cat-cold").map(|m| m.median);
        let cat_warm = measured.get("cat-warm").map(|m| m.median);
        let mut peak = 0;
        for (id, what) in BENCHMARKS {
            let Some(m) = measured.get(id) else {
                let _ = writeln!(out, "| {what} | – | – | – | not measured | | | | | |");
                continue;
            };
            if !id.starts_with("cat") && !id.starts_with("hugo") && !id.starts_with("copy-files") {
                peak = peak.max(m.rss_kib.unwrap_or(0));
            }
            let exits = if m.exit_codes.iter().any(|&c| c != 0) {
                format!(
                    " (exit {})",
                    m.exit_codes
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| {what} | `{}`{exits} | {} | {} | {} | {} | {} | {} | {} | {} |",
                m.command.replace('|', "\\|"),
                m.cache,
                m.runs,
                seconds(m.median),
                seconds(m.min),
                seconds(m.max),
                m.rss_kib.map_or("–".to_string(), mebibytes),
                ratio(m.median, cat_cold),
                ratio(m.median, cat_warm),
            );
            if id == "check-cold" {
                if let Some(cat) = cat_cold {
                    cold_check_ratio.push((*n, m.median / cat));
                }
            }
            if id == "check-warm" {
                if let (Some(cold), Some(warm)) = (cat_cold, cat_warm) {
                    warm_check_ratio.push((*n, m.median / cold, m.median / warm));
                }
            }
        }
        out.push('\n');
        peak_by_size.push((*n, peak));
        build_rows.extend(build_targets(*n, &measured, &corpus));
        if let Some(kib) = measured.get("build-json").and_then(|m| m.rss_kib) {
            build_peak.push((*n, kib));
        }
    }

    // The targets, reported against.
    let _ = writeln!(
        out,
        "### Against the targets (reported, not asserted)\n\n| target | measured | met |\n|---|---|---|"
    );
    for (n, r) in &cold_check_ratio {
        let _ = writeln!(
            out,
            "| `check` cold ≤ 3 × `cat` cold ({n} articles) | {r:.1}× | {} |",
            if *r <= 3.0 { "yes" } else { "no" }
        );
    }
    for (n, r_cold, r_warm) in &warm_check_ratio {
        let _ = writeln!(
            out,
            "| `check` warm ≤ 0.5 × `cat` ({n} articles) | {r_cold:.1}× `cat` cold, {r_warm:.1}× `cat` warm | {} |",
            if *r_cold <= 0.5 { "yes" } else { "no" }
        );
    }
    for (n, kib) in &peak_by_size {
        let _ = writeln!(
            out,
            "| peak memory < 150 MB ({n} articles, largest of the yaku commands) | {} | {} |",
            mebibytes(*kib),
            if (*kib as f64) * 1024.0 < 150e6 {
                "yes"
            } else {
                "no"
            }
        );
    }
    for row in &build_rows {
        let _ = writeln!(out, "{row}");
    }
    if let (Some((n0, k0)), Some((n1, k1))) = (build_peak.first(), build_peak.last()) {
        if n0 != n1 && *k0 > 0 {
            let growth = *k1 as f64 / *k0 as f64;
            let _ = writeln!(
                out,
                "| `build --format json` peak memory flat from {n0} to {n1} articles | {growth:.1}× ({} → {}) | {} |",
                mebibytes(*k0),
                mebibytes(*k1),
                if growth <= 1.2 { "yes" } else { "no" }
            );
        }
    }
    if let (Some((n0, k0)), Some((n1, k1))) = (peak_by_size.first(), peak_by_size.last()) {
        if n0 != n1 && *k0 > 0 {
            let growth = *k1 as f64 / *k0 as f64;
            let _ = writeln!(
                out,
                "| peak memory flat from {n0} to {n1} articles | {:.1}× ({} → {}) | {} |",
                growth,
                mebibytes(*k0),
                mebibytes(*k1),
                if growth <= 1.2 { "yes" } else { "no" }
            );
        }
    }
    Ok(out)
}

/// The rows of the build's targets (issue 18) for one corpus size: each format against
/// Hugo's render of the same pages and against `cat`, the rebuild after one edit, and
/// the size of the JSON.
fn build_targets(
    n: usize,
    measured: &BTreeMap<&str, Measured>,
    corpus: &BTreeMap<String, String>,
) -> Vec<String> {
    let median = |id: &str| measured.get(id).map(|m| m.median);
    let met = |yes: bool| if yes { "yes" } else { "no" };
    let mut rows = Vec::new();
    let cat = median("cat-warm");
    // On the disk, on tmpfs (where making a file costs no more than its bytes), and on
    // ext4 with a journal when the disk is ext4 without one (see bench/run.sh).
    for (suffix, place) in [
        ("", ""),
        ("-tmpfs", ", on tmpfs"),
        ("-journal", ", on ext4 with a journal"),
    ] {
        let hugo = median(&format!("hugo{suffix}"));
        let json = median(&format!("build-json{suffix}"));
        if let (Some(json), Some(hugo), Some(cat)) = (json, hugo, cat) {
            let (h, c) = (json / hugo, json / cat);
            rows.push(format!(
                "| `build --format json` from empty ≤ 0.25 × Hugo and ≤ 5 × `cat` ({n} articles{place}) | {} = {h:.2}× Hugo ({}), {c:.1}× `cat` warm | {} |",
                seconds(json),
                seconds(hugo),
                met(h <= 0.25 && c <= 5.0)
            ));
        }
        if let (Some(html), Some(hugo)) = (median(&format!("build-html{suffix}")), hugo) {
            let h = html / hugo;
            rows.push(format!(
                "| `build --format html` from empty ≤ 0.25 × Hugo ({n} articles{place}) | {} = {h:.2}× Hugo | {} |",
                seconds(html),
                met(h <= 0.25)
            ));
        }
    }
    // Which files a rebuild writes is checked once, on the disk.
    let others = corpus
        .get("edit_others")
        .and_then(|o| o.parse::<usize>().ok());
    let touched = corpus.get("edit_touched").map_or("?", String::as_str);
    for (suffix, place) in [("", ""), ("-journal", ", on ext4 with a journal")] {
        if let (Some(edit), Some(cat)) = (median(&format!("build-edit{suffix}")), cat) {
            let c = edit / cat;
            rows.push(format!(
                "| rebuild after editing one source article ≤ 0.5 × `cat`, only its outputs touched ({n} articles{place}) | {} = {c:.2}× `cat` warm; wrote {touched} | {} |",
                seconds(edit),
                met(c <= 0.5 && others == Some(0))
            ));
        }
    }
    let bytes = |key: &str| corpus.get(key).and_then(|b| b.parse::<f64>().ok());
    if let (Some(json), Some(input)) = (bytes("json_bytes"), bytes("bytes")) {
        let r = json / input;
        let manifest = bytes("manifest_bytes").map_or(String::new(), |m| {
            format!(" (and the build's record, {:.1} MB)", m / 1e6)
        });
        rows.push(format!(
            "| JSON size ≤ 1.5 × input ({n} articles) | {:.0} MB = {r:.2}× input{manifest} | {} |",
            json / 1e6,
            met(r <= 1.5)
        ));
    }
    rows
}

/// Replaces the text between [`BEGIN_MARKER`] and [`END_MARKER`] in `markdown` by
/// `block` (or appends both markers and the block when they are missing).
pub fn replace_between_markers(markdown: &str, block: &str) -> String {
    let block = block.trim_end();
    match (markdown.find(BEGIN_MARKER), markdown.find(END_MARKER)) {
        (Some(begin), Some(end)) if begin < end => format!(
            "{}{BEGIN_MARKER}\n\n{block}\n\n{}",
            &markdown[..begin],
            &markdown[end..]
        ),
        _ => format!(
            "{}\n\n{BEGIN_MARKER}\n\n{block}\n\n{END_MARKER}\n",
            markdown.trim_end()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_between_the_markers_is_replaced() {
        let md = format!("# B\n\nintro\n\n{BEGIN_MARKER}\n\nold\n\n{END_MARKER}\n\nafter\n");
        let new = replace_between_markers(&md, "new table\n");
        assert_eq!(
            new,
            format!("# B\n\nintro\n\n{BEGIN_MARKER}\n\nnew table\n\n{END_MARKER}\n\nafter\n")
        );
        assert_eq!(replace_between_markers(&new, "new table"), new);
        let appended = replace_between_markers("# B\n", "t");
        assert_eq!(
            appended,
            format!("# B\n\n{BEGIN_MARKER}\n\nt\n\n{END_MARKER}\n")
        );
    }

    #[test]
    fn the_build_is_reported_against_hugo_cat_and_its_input() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("machine.txt"), "date: 2026-01-01\n").unwrap();
        let size = dir.path().join("1000");
        fs::create_dir(&size).unwrap();
        fs::write(
            size.join("corpus.txt"),
            "bytes=100000000\njson_bytes=140000000\nmanifest_bytes=1000000\nedit_touched=ja/article-00000.json index.json\nedit_others=0\n",
        )
        .unwrap();
        let hyperfine = |median: f64| {
            format!(
                r#"{{"results":[{{"command":"x","median":{median},"min":{median},"max":{median},"times":[{median}],"exit_codes":[0]}}]}}"#
            )
        };
        for (id, median) in [
            ("cat-warm", 0.2),
            ("hugo", 4.0),
            ("build-json", 0.9),
            ("build-html", 1.2),
            ("build-edit", 0.08),
            ("hugo-tmpfs", 3.0),
            ("build-json-tmpfs", 0.6),
            ("build-html-tmpfs", 0.8),
            ("hugo-journal", 5.0),
            ("build-json-journal", 1.0),
            ("build-html-journal", 1.5),
            ("build-edit-journal", 0.12),
        ] {
            fs::write(size.join(format!("{id}.json")), hyperfine(median)).unwrap();
        }
        let report = render_report(dir.path()).unwrap();
        for row in [
            "| `build --format json` from empty ≤ 0.25 × Hugo and ≤ 5 × `cat` (1000 articles) | 900 ms = 0.23× Hugo (4.00 s), 4.5× `cat` warm | yes |",
            "| `build --format html` from empty ≤ 0.25 × Hugo (1000 articles) | 1.20 s = 0.30× Hugo | no |",
            "| `build --format json` from empty ≤ 0.25 × Hugo and ≤ 5 × `cat` (1000 articles, on tmpfs) | 600 ms = 0.20× Hugo (3.00 s), 3.0× `cat` warm | yes |",
            "| `build --format html` from empty ≤ 0.25 × Hugo (1000 articles, on tmpfs) | 800 ms = 0.27× Hugo | no |",
            "| `build --format json` from empty ≤ 0.25 × Hugo and ≤ 5 × `cat` (1000 articles, on ext4 with a journal) | 1.00 s = 0.20× Hugo (5.00 s), 5.0× `cat` warm | yes |",
            "| `build --format html` from empty ≤ 0.25 × Hugo (1000 articles, on ext4 with a journal) | 1.50 s = 0.30× Hugo | no |",
            "| rebuild after editing one source article ≤ 0.5 × `cat`, only its outputs touched (1000 articles) | 80 ms = 0.40× `cat` warm; wrote ja/article-00000.json index.json | yes |",
            "| rebuild after editing one source article ≤ 0.5 × `cat`, only its outputs touched (1000 articles, on ext4 with a journal) | 120 ms = 0.60× `cat` warm; wrote ja/article-00000.json index.json | no |",
            "| JSON size ≤ 1.5 × input (1000 articles) | 140 MB = 1.40× input (and the build's record, 1.0 MB) | yes |",
        ] {
            assert!(report.contains(row), "{row}\n{report}");
        }
    }

    #[test]
    fn a_results_folder_renders_with_ratios_and_the_build_todo() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("machine.txt"),
            "date: 2026-01-01\ncpu: Test CPU\n",
        )
        .unwrap();
        let size = dir.path().join("1000");
        fs::create_dir(&size).unwrap();
        fs::write(
            size.join("corpus.txt"),
            "files=3000\nbytes=71000000\nverify=ok\n",
        )
        .unwrap();
        let hyperfine = |median: f64, command: &str| {
            format!(
                r#"{{"results":[{{"command":"{command}","mean":{median},"median":{median},"min":{median},"max":{median},"times":[{median},{median}],"exit_codes":[1,1]}}]}}"#
            )
        };
        fs::write(size.join("cat-cold.json"), hyperfine(0.5, "cat")).unwrap();
        fs::write(size.join("cat-warm.json"), hyperfine(0.1, "cat")).unwrap();
        fs::write(size.join("check-cold.json"), hyperfine(2.0, "yaku check")).unwrap();
        fs::write(size.join("check-cold.cache"), "cold").unwrap();
        fs::write(size.join("check-cold.rss"), "204800\n").unwrap();
        let report = render_report(dir.path()).unwrap();
        assert!(report.contains("| yaku check | `yaku check` (exit 1) | cold | 2 | 2.00 s | 2.00 s | 2.00 s | 200.0 MiB | 4.0× | 20.0× |"), "{report}");
        assert!(report.contains("| yaku build, json, from empty | – | – | – | not measured |"));
        assert!(
            report.contains("| `check` cold ≤ 3 × `cat` cold (1000 articles) | 4.0× | no |"),
            "{report}"
        );
        assert!(report.contains("| yaku status | – | – | – | not measured |"));
    }
}
