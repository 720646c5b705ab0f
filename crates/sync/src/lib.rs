//! Section-by-section alignment of translations with their source.
//!
//! Given the source [`Document`](yaku_content::Document) and a translation of it,
//! [`align`] gives every section a [`SectionState`]; [`sync_document`] rewrites a
//! translation into the source's shape without changing the text of a translated
//! section; [`accept_sections`] records baselines; [`diff_text`] shows what changed in
//! the source since a baseline; [`replace_section_text`] replaces one section's text
//! (the web workspace's save); [`publication`] decides what a locale publishes for a
//! section; [`ids_from_source`] gives a translation's headings the source's ids by
//! structure.
//!
//! Everything here is a function of documents: no file I/O, no printing. Finding,
//! reading and writing the files is `yaku-project`'s job.

mod accept;
mod align;
mod diff;
mod edit;
mod ids;
mod publication;
mod state;
mod status;
mod sync;

pub use accept::{accept_sections, AcceptOptions, AcceptOutcome, AcceptSelection, Refusal};
pub use align::{align, align_with, out_of_order, Alignment, Baselines, NoBaselines};
pub use diff::{diff_text, Change};
pub use edit::{replace_section_text, section_text, EditError};
pub use ids::{ids_from_source, Divergence};
pub use publication::{publication, MissingPolicy, Policy, Publication, StalePolicy};
pub use state::SectionState;
pub use status::{DocumentStatus, StateCounts};
pub use sync::{sync_document, sync_document_with, SyncOptions, SyncOutcome};
