//! Criterion micro-benchmarks of the per-file work of `yaku check`: parsing the
//! repository's real article and a generated translation of it, fingerprinting one
//! section, and aligning a translation with its source. The `floor` group is
//! pulldown-cmark alone, with yaku's options: the part of a parse, and of a build, that
//! any tool reading the same Markdown pays.
//!
//! `cargo bench -p yaku-bench --bench parse` (see BENCHMARKS.md).

// `criterion_group!` defines undocumented public functions.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yaku_bench::{generate_article, Article, SEED_ARTICLE};
use yaku_content::{
    markdown_options, normalize, parse_document, Document, Fingerprint, ParseOptions,
};
use yaku_sync::align;

fn parse(text: &str) -> Document {
    parse_document(text.as_bytes(), &ParseOptions::default())
        .expect("parsable")
        .document
}

fn parsing(c: &mut Criterion) {
    let options = ParseOptions::default();
    let article = generate_article(&Article::seed(), 1, 0, 1).expect("generated");
    let english = &article.translations[0].1;
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(SEED_ARTICLE.len() as u64));
    group.bench_function("ja article (content/ja/exosome-anti-aging.md)", |b| {
        b.iter(|| parse_document(black_box(SEED_ARTICLE.as_bytes()), &options).expect("parsable"))
    });
    group.throughput(Throughput::Bytes(english.len() as u64));
    group.bench_function("en pseudo-translation with markers", |b| {
        b.iter(|| parse_document(black_box(english.as_bytes()), &options).expect("parsable"))
    });
    group.finish();
}

fn fingerprinting(c: &mut Criterion) {
    let document = parse(SEED_ARTICLE);
    let section = document
        .section("collagen-elastin")
        .expect("the article has the section");
    let text = document.slice(&section.span);
    let mut group = c.benchmark_group("fingerprint");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize one section", |b| {
        b.iter(|| normalize(black_box(text)))
    });
    group.bench_function("Fingerprint::of_text one section", |b| {
        b.iter(|| Fingerprint::of_text(black_box(text)))
    });
    let normalized = normalize(text);
    group.bench_function("BLAKE3 of the normalized section", |b| {
        b.iter(|| Fingerprint::of_normalized(black_box(&normalized)))
    });
    group.throughput(Throughput::Bytes(SEED_ARTICLE.len() as u64));
    group.bench_function("Fingerprint::of_text whole article", |b| {
        b.iter(|| Fingerprint::of_text(black_box(SEED_ARTICLE)))
    });
    group.finish();
}

fn floor(c: &mut Criterion) {
    let article = generate_article(&Article::seed(), 1, 0, 1).expect("generated");
    let english = &article.translations[0].1;
    let mut group = c.benchmark_group("floor");
    let events = |text: &str| {
        pulldown_cmark::Parser::new_ext(text, markdown_options())
            .into_offset_iter()
            .count()
    };
    group.throughput(Throughput::Bytes(SEED_ARTICLE.len() as u64));
    group.bench_function("pulldown-cmark events, ja article", |b| {
        b.iter(|| events(black_box(SEED_ARTICLE)))
    });
    group.throughput(Throughput::Bytes(english.len() as u64));
    group.bench_function("pulldown-cmark events, en pseudo-translation", |b| {
        b.iter(|| events(black_box(english)))
    });
    group.finish();
}

fn aligning(c: &mut Criterion) {
    let article = generate_article(&Article::seed(), 1, 0, 1).expect("generated");
    let source = parse(&article.source);
    let translation = parse(&article.translations[0].1);
    c.bench_function("align/ja with en", |b| {
        b.iter(|| align(black_box(&source), Some(black_box(&translation))))
    });
}

criterion_group!(benches, parsing, floor, fingerprinting, aligning);
criterion_main!(benches);
