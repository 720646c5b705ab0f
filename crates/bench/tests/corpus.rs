//! The corpus itself: the same arguments give the same bytes, and generated articles
//! parse cleanly with accepted markers. How the real `yaku` binary judges a corpus and
//! its ground truth is tested with the binary's other tests (`tests/cli/bench_corpus.rs`).

use std::path::{Path, PathBuf};

use yaku_bench::{
    generate, generate_article, mutate, Article, GenOptions, MutateOptions, LOCALE_FILES,
    TARGET_LOCALES,
};
use yaku_content::{parse_document, Marker, ParseOptions};

#[test]
fn the_same_arguments_give_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let options = GenOptions {
        articles: 4,
        seed: 5,
        ..GenOptions::default()
    };
    generate(a.path(), &options).unwrap();
    generate(b.path(), &options).unwrap();
    let mutation = MutateOptions {
        fraction: 0.5,
        seed: 2,
    };
    let truth_a = mutate(a.path(), &mutation).unwrap();
    let truth_b = mutate(b.path(), &mutation).unwrap();
    assert_eq!(truth_a.to_json(), truth_b.to_json());
    let files = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    out.push((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
                }
            }
        }
        out.sort();
        out
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    // Articles, yaku.toml, .yaku-bench.json and the Fluent files.
    assert_eq!(fa.len(), 4 * 3 + 2 + LOCALE_FILES.len());
    assert!(fa == fb, "the two corpora differ");

    // Another seed gives other articles.
    let c = tempfile::tempdir().unwrap();
    generate(
        c.path(),
        &GenOptions {
            seed: 6,
            ..options.clone()
        },
    )
    .unwrap();
    let ja = "content/ja/article-00000.md";
    assert_ne!(
        std::fs::read(a.path().join(ja)).unwrap(),
        std::fs::read(c.path().join(ja)).unwrap()
    );
    // A second gen into the same folder needs --force.
    assert!(generate(a.path(), &options).is_err());
}

/// The ids of `document`'s sections, in order.
fn section_ids(document: &yaku_content::Document) -> Vec<String> {
    document.sections.iter().map(|s| s.id.to_string()).collect()
}

#[test]
fn generated_articles_parse_without_diagnostics_and_carry_accepted_markers() {
    let base = Article::seed();
    for index in [0, 1, 7, 99] {
        let article = generate_article(&base, 42, index, 100).unwrap();
        let source = parse_document(article.source.as_bytes(), &ParseOptions::default()).unwrap();
        assert!(source.diagnostics.is_empty(), "{:?}", source.diagnostics);
        let source_ids = section_ids(&source.document);
        assert!(source_ids.len() > 30);
        assert_eq!(article.translations.len(), TARGET_LOCALES.len());
        for (locale, text) in &article.translations {
            let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
            assert!(
                parsed.diagnostics.is_empty(),
                "{locale}: {:?}",
                parsed.diagnostics
            );
            assert_eq!(section_ids(&parsed.document), source_ids, "{locale}");
            for (s, t) in source
                .document
                .sections
                .iter()
                .zip(&parsed.document.sections)
            {
                assert_eq!(s.level, t.level);
                assert_eq!(
                    t.marker(),
                    Some(Marker::Accepted {
                        source: s.fingerprint(),
                        text: t.fingerprint()
                    }),
                    "{locale} {}",
                    t.id
                );
                assert_eq!(s.components(), t.components(), "{locale} {}", t.id);
            }
        }
    }
}
