//! End-to-end tests: the real `yaku` binary on temporary copies of fixture projects.
//! See tests/README.md for how to add a case.

mod support;

mod accept;
mod check;
mod diff;
mod errors;
mod init_ids;
mod inspect;
mod repository;
mod story;
mod sync;
