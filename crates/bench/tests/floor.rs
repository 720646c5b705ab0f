//! `yaku-bench floor`: each stage does the work it names, on every file, and no more.

use std::path::Path;

use yaku_bench::{generate, Corpus, Floor, GenOptions, Stage, SOURCE_LOCALE};
use yaku_content::{extract_citations, parse_document, ParseOptions};

fn corpus(articles: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let options = GenOptions {
        articles,
        seed: 3,
        ..GenOptions::default()
    };
    generate(dir.path(), &options).unwrap();
    dir
}

/// The Markdown files under `content/`, sorted, with their bytes.
fn articles(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_stage_does_its_work_on_every_file() {
    let dir = corpus(3);
    let files = articles(dir.path());
    let corpus = Corpus::open(dir.path(), SOURCE_LOCALE).unwrap();
    assert_eq!(corpus.len(), files.len());
    assert_eq!(files.len(), 9);

    // What the stages must find, worked out here file by file.
    let bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let mut sections = 0u64;
    let mut source_sections = 0u64;
    let mut citations = 0u64;
    for (path, text) in &files {
        let options = ParseOptions {
            count_characters: false,
            ..ParseOptions::default()
        };
        let document = parse_document(text, &options).unwrap().document;
        sections += document.sections.len() as u64;
        if path.starts_with(dir.path().join("content").join(SOURCE_LOCALE)) {
            source_sections += document.sections.len() as u64;
        }
        for section in &document.sections {
            citations += extract_citations(document.slice(&section.span)).len() as u64;
        }
    }
    assert!(citations > 0, "the seed article cites studies");

    let out = dir.path().join("out");
    let mut events = 0;
    for stage in Stage::ALL {
        if out.exists() {
            std::fs::remove_dir_all(&out).unwrap();
        }
        std::fs::create_dir(&out).unwrap();
        let work = corpus.run(stage, &out).unwrap();
        assert_eq!(work.bytes, bytes, "{stage:?} reads every byte");

        // From `Write` on, every file is written again, whole, and no temporary is left.
        let mut written: Vec<Vec<u8>> = std::fs::read_dir(&out)
            .unwrap()
            .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
            .collect();
        if stage >= Stage::Write {
            let mut expected: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
            written.sort();
            expected.sort();
            assert!(written == expected, "{stage:?} writes each file's bytes");
        } else {
            assert!(written.is_empty(), "{stage:?} writes nothing");
        }

        match stage {
            Stage::Read | Stage::Write => assert_eq!((work.items, work.results), (0, 0)),
            Stage::Events => {
                // Far more events than sections: every paragraph, run of text, mark.
                assert!(work.items > 4 * sections, "{} events", work.items);
                events = work.items;
            }
            Stage::Sections => assert_eq!((work.items, work.results), (sections, 0)),
            Stage::Fingerprints => {
                assert_eq!((work.items, work.results), (sections, source_sections))
            }
            Stage::Citations => assert_eq!(
                (work.items, work.results),
                (sections, source_sections + citations)
            ),
        }
    }
    assert!(events > 0);
}

#[test]
fn a_folder_without_articles_is_an_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let error = Corpus::open(dir.path(), SOURCE_LOCALE).unwrap_err();
    assert!(error.0.contains("content"), "{error}");

    std::fs::create_dir_all(dir.path().join("content/ja")).unwrap();
    let error = Corpus::open(dir.path(), SOURCE_LOCALE).unwrap_err();
    assert!(error.0.contains("no Markdown files"), "{error}");
}

#[test]
fn measure_times_each_stage_asked_and_cleans_up() {
    let dir = corpus(1);
    let stages = [Stage::Read, Stage::Citations];
    // `true` stands in for a yaku binary that builds: its time is reported.
    let floor = Floor::measure(dir.path(), &stages, 2, Some(Path::new("true"))).unwrap();
    assert_eq!((floor.files, floor.runs), (3, 2));
    let asked: Vec<Stage> = floor.stages.iter().map(|(stage, _, _)| *stage).collect();
    assert_eq!(asked, stages);
    assert!(floor.build.is_some());

    let table = floor.to_markdown();
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), 1 + 1 + 2 + 1, "{table}");
    assert!(rows[1].starts_with("| `cat` |"), "{table}");
    assert!(rows[2].starts_with("| read every file |"), "{table}");
    assert!(
        rows[3].starts_with("| + citations in every section |"),
        "{table}"
    );
    assert!(
        rows[4].starts_with("| `yaku build --format json`, from empty |"),
        "{table}"
    );

    // What the rounds wrote inside the corpus is gone.
    assert!(!dir.path().join("floor-out").exists());
    assert!(!dir.path().join("floor-build").exists());

    // A build that fails is an error, not a time.
    let error = Floor::measure(dir.path(), &stages, 1, Some(Path::new("false"))).unwrap_err();
    assert!(error.0.contains("build"), "{error}");
}
