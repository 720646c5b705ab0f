//! Section-by-section alignment of translations with their source.
//!
//! Given the source [`Document`](yaku_content::Document) and a translation of it,
//! [`align`] gives every section a [`SectionState`]; [`sync_document`] rewrites a
//! translation into the source's shape without changing the text of a translated
//! section; [`accept_sections`] records baselines; [`diff_text`] shows what changed in
//! the source since a baseline. [`Project`] finds the files, [`SourceStore`] keeps the
//! source text of every baseline, and [`write_atomic`] is the only way this crate writes.
//!
//! Nothing here prints or exits: that is the CLI's job.

mod accept;
mod align;
mod atomic;
mod cache;
mod diff;
mod files;
mod lock;
mod project;
mod publication;
mod state;
mod status;
mod store;
mod sync;

pub use accept::{accept_sections, AcceptOutcome, AcceptSelection, Refusal};
pub use align::{align, Alignment};
pub use atomic::{
    write_atomic, write_atomic_streamed, write_atomic_streamed_if_changed, write_atomic_verified,
    write_atomic_with, Written,
};
pub use cache::{FileStamp, ResultCache};
pub use diff::{diff_text, Change};
pub use files::{check_regular, read_regular, ReadFile};
pub use lock::{LockError, ProjectLock};
pub use project::{Config, LoadedDocument, LocaleConfig, Project, ProjectConfig, ProjectError};
pub use publication::{publication, MissingPolicy, Policy, Publication, StalePolicy};
pub use state::SectionState;
pub use status::{DocumentStatus, StateCounts};
pub use store::{BadBaseline, SourceStore};
pub use sync::{sync_document, SyncOptions, SyncOutcome};
