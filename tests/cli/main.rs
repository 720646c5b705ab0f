//! End-to-end tests: the real `yaku` binary on temporary copies of fixture projects.
//! See tests/README.md for how to add a case.

mod support;

mod accept;
mod adopt;
mod article;
mod bench_corpus;
mod build;
mod check;
mod diff;
mod errors;
mod fluent;
mod front_matter;
mod ids_from_source;
mod incremental;
mod init_ids;
mod inspect;
mod layouts;
mod mdx;
mod nesting;
mod qa;
mod readme;
mod reliability;
mod repository;
mod serve;
mod story;
mod sync;
mod trust;
