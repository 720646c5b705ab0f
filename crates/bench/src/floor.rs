//! What any build of a corpus's pages costs at the least, measured stage by stage.
//!
//! Whatever it makes of the pages, a build of these articles reads every file, has
//! pulldown-cmark parse it, cuts it into sections with their markers (to align each
//! translation with its source), fingerprints the source's sections (to know which
//! translations are stale), looks for citations in the text, and writes at least as many
//! bytes as it read, one file at a time and atomically. Each [`Stage`] adds one of those
//! to the stage before it, and nothing else: no block tree, no serialization, no page
//! larger than its source. Timed in the same rounds as `cat` of the same files, the
//! stages bound from below what multiple of `cat` a build can reach.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use std::fmt::Write as _;
use walkdir::WalkDir;
use yaku_content::{extract_citations, parse_text, ParseOptions};

use crate::{Error, Result, SOURCE_LOCALE};

/// One stage of the floor: the work of every stage before it, plus its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Stage {
    /// Read every file.
    Read,
    /// Write each file's bytes to the output folder: a temporary file, then a rename.
    Write,
    /// pulldown-cmark's events over each file, with yaku's options.
    Events,
    /// yaku's parse instead of the bare events: front matter, sections, ids, markers.
    Sections,
    /// The BLAKE3 fingerprint of every section of every source file.
    Fingerprints,
    /// The citations of every section's text.
    Citations,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 6] = [
        Stage::Read,
        Stage::Write,
        Stage::Events,
        Stage::Sections,
        Stage::Fingerprints,
        Stage::Citations,
    ];

    /// What the stage adds, for the report.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Read => "read every file",
            Stage::Write => "+ write it again, atomically",
            Stage::Events => "+ pulldown-cmark's events",
            Stage::Sections => "+ yaku's parse instead (sections, ids, markers)",
            Stage::Fingerprints => "+ fingerprints of the source's sections",
            Stage::Citations => "+ citations in every section",
        }
    }
}

/// The Markdown files of a corpus, `content/<locale>/…`, and which are sources.
#[derive(Debug, Clone)]
pub struct Corpus {
    files: Vec<(PathBuf, bool)>,
}

impl Corpus {
    /// The files under `<dir>/content`, sorted; those under `content/<source>/` are the
    /// sources.
    pub fn open(dir: &Path, source: &str) -> Result<Self> {
        let content = dir.join("content");
        let source_dir = content.join(source);
        let mut files = Vec::new();
        for entry in WalkDir::new(&content).sort_by_file_name() {
            let entry = entry.map_err(|e| Error(e.to_string()))?;
            let path = entry.path();
            if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "md") {
                files.push((path.to_path_buf(), path.starts_with(&source_dir)));
            }
        }
        if files.is_empty() {
            return Err(Error(format!(
                "{}: no Markdown files (is it a corpus made by `yaku-bench gen`?)",
                content.display()
            )));
        }
        Ok(Corpus { files })
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there is no file (never, for an opened corpus).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Runs `stage` over every file, in parallel, writing into `out` (which must exist
    /// and be empty for [`Stage::Write`] and later). Returns what was done, which the
    /// report prints, so that no stage's work can be left out by the optimizer.
    pub fn run(&self, stage: Stage, out: &Path) -> Result<Work> {
        self.files
            .par_iter()
            .enumerate()
            .map(|(index, (path, is_source))| run_file(stage, path, *is_source, out, index))
            .try_reduce(Work::default, |a, b| Ok(a.plus(b)))
    }

    /// `cat` of every file to /dev/null, as `just bench` takes it: the reference.
    pub fn cat(&self) -> Result<Duration> {
        let start = Instant::now();
        let status = Command::new("cat")
            .args(self.files.iter().map(|(path, _)| path))
            .stdout(Stdio::null())
            .status()?;
        let elapsed = start.elapsed();
        if !status.success() {
            return Err(Error(format!("cat failed: {status}")));
        }
        Ok(elapsed)
    }
}

/// What a stage did, summed over the files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes read.
    pub bytes: u64,
    /// pulldown-cmark events, or sections parsed.
    pub items: u64,
    /// Fingerprints made and citations found.
    pub results: u64,
}

impl Work {
    fn plus(self, other: Work) -> Work {
        Work {
            bytes: self.bytes + other.bytes,
            items: self.items + other.items,
            results: self.results + other.results,
        }
    }
}

fn run_file(stage: Stage, path: &Path, is_source: bool, out: &Path, index: usize) -> Result<Work> {
    let bytes = fs::read(path)?;
    let mut work = Work {
        bytes: bytes.len() as u64,
        ..Work::default()
    };
    if stage >= Stage::Write {
        let target = out.join(format!("{index}.json"));
        let temp = out.join(format!(".{index}.json.tmp"));
        fs::write(&temp, &bytes)?;
        fs::rename(&temp, &target)?;
    }
    if stage < Stage::Events {
        return Ok(work);
    }
    // UTF-8 is validated as `yaku` does (simdutf8; std's check costs several times more).
    let text = simdutf8::basic::from_utf8(&bytes)
        .map_err(|_| Error(format!("{}: not UTF-8", path.display())))?;
    if stage == Stage::Events {
        let events = pulldown_cmark::Parser::new_ext(text, yaku_content::markdown_options())
            .into_offset_iter()
            .count();
        work.items = events as u64;
        return Ok(work);
    }
    let options = ParseOptions {
        count_characters: false,
        ..ParseOptions::default()
    };
    let parsed = parse_text(text.to_owned(), &options)
        .map_err(|(diagnostic, _)| Error(format!("{}: {diagnostic:?}", path.display())))?;
    let document = parsed.document;
    work.items = document.sections.len() as u64;
    for section in &document.sections {
        if stage >= Stage::Fingerprints && is_source {
            std::hint::black_box(section.fingerprint());
            work.results += 1;
        }
        if stage >= Stage::Citations {
            work.results += extract_citations(document.slice(&section.span)).len() as u64;
        }
    }
    Ok(work)
}

/// The medians of some rounds, each of which times `cat`, the chosen stages and, if
/// asked, `yaku build --format json` from empty, in that order.
#[derive(Debug, Clone)]
pub struct Floor {
    /// The number of files.
    pub files: usize,
    /// The rounds taken.
    pub runs: usize,
    /// `cat` of every file.
    pub cat: Duration,
    /// Each stage timed, with what it did.
    pub stages: Vec<(Stage, Duration, Work)>,
    /// `yaku build --format json` from empty, when a binary was given.
    pub build: Option<Duration>,
}

impl Floor {
    /// Takes `runs` rounds on the corpus in `dir` (made by `yaku-bench gen`). The
    /// stages write into `<dir>/floor-out` and the build into `<dir>/floor-build`
    /// (inside the project, where `yaku` writes), both removed after.
    pub fn measure(
        dir: &Path,
        stages: &[Stage],
        runs: usize,
        yaku: Option<&Path>,
    ) -> Result<Floor> {
        let corpus = Corpus::open(dir, SOURCE_LOCALE)?;
        let out = dir.join("floor-out");
        let build_out = dir.join("floor-build");
        let mut cat = Vec::new();
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); stages.len()];
        let mut work = vec![Work::default(); stages.len()];
        let mut build = Vec::new();
        for _ in 0..runs {
            cat.push(corpus.cat()?);
            for ((&stage, times), work) in stages.iter().zip(&mut times).zip(&mut work) {
                remove(&out)?;
                fs::create_dir(&out)?;
                let start = Instant::now();
                *work = corpus.run(stage, &out)?;
                times.push(start.elapsed());
            }
            if let Some(yaku) = yaku {
                remove(&build_out)?;
                let start = Instant::now();
                let status = Command::new(yaku)
                    .args(["build", "--format", "json", "--out", "floor-build"])
                    .current_dir(dir)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()?;
                build.push(start.elapsed());
                if !status.success() {
                    return Err(Error(format!("{} build: {status}", yaku.display())));
                }
            }
        }
        remove(&out)?;
        remove(&build_out)?;
        Ok(Floor {
            files: corpus.len(),
            runs,
            cat: median(cat),
            stages: stages
                .iter()
                .zip(times)
                .zip(work)
                .map(|((&stage, times), work)| (stage, median(times), work))
                .collect(),
            build: (!build.is_empty()).then(|| median(build)),
        })
    }

    /// The medians as a Markdown table, each against `cat`.
    pub fn to_markdown(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let ratio = |d: Duration| d.as_secs_f64() / self.cat.as_secs_f64();
        let mut table = format!(
            "{} files; medians of {} rounds\n\n\
             | stage | ms | × `cat` | work |\n|---|--:|--:|---|\n\
             | `cat` | {:.0} | 1.0 | |\n",
            self.files,
            self.runs,
            ms(self.cat)
        );
        for (stage, time, work) in &self.stages {
            let _ = writeln!(
                table,
                "| {} | {:.0} | {:.1} | {} bytes, {} items, {} results |",
                stage.label(),
                ms(*time),
                ratio(*time),
                work.bytes,
                work.items,
                work.results
            );
        }
        if let Some(build) = self.build {
            let _ = writeln!(
                table,
                "| `yaku build --format json`, from empty | {:.0} | {:.1} | |",
                ms(build),
                ratio(build)
            );
        }
        table
    }
}

/// Removes a folder the floor wrote, if it is there.
fn remove(folder: &Path) -> Result<()> {
    match fs::remove_dir_all(folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The median of some durations (the upper one of the middle two for an even count).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
