//! A yaku project on disk.
//!
//! [`Project`] is `yaku.toml` (read and validated once) and where the files are;
//! [`Workspace`] is an opened project as commands and the web workspace use it: the
//! source locale's component names, the documents paired with their translations and
//! visited in parallel in document order ([`Workspace::visit_pairs`]), with the
//! problems of files that cannot be used as [`FileProblem`]s. Everything yaku keeps
//! on disk is here too: the [`SourceStore`] of baseline texts, the [`ResultCache`], the
//! [`ProjectLock`], reading files ([`read_regular`]) and writing them atomically
//! ([`write_atomic`], [`write_atomic_verified`]). [`build_site`] is `yaku build`: every
//! document rendered in every locale and written into an output folder.
//!
//! What each command does to a pair is here as a function that returns data for the CLI
//! to print: [`accept_pair`], [`sync_pair`], [`stale_changes`] (`diff`),
//! [`check_pair_findings`] with [`CheckTally`] (`check`), [`Inspection`] (`inspect`) and
//! [`save_section`] (the web workspace's save of one section).
//!
//! This crate reads and writes; it never prints. The document model, alignment and QA it
//! calls are pure functions in `yaku-content`, `yaku-sync` and `yaku-qa`.

mod accept;
mod adopt;
mod atomic;
mod build_manifest;
mod cache;
mod check;
mod config;
mod confined_folders;
mod detect;
mod diff;
mod edit;
mod files;
mod findings;
mod fluent_args;
mod ids_from_source;
#[cfg(test)]
mod incremental_build_tests;
mod inspect;
mod layout;
mod lock;
mod ordered;
mod parse_options;
mod preview;
mod problem;
mod published;
mod site;
mod spill;
mod staging;
mod store;
mod sync;
#[cfg(test)]
mod testing;
mod workspace;

pub use accept::{accept_pair, AcceptError, AcceptRequest, PairAccepted, Refused};
pub use adopt::{
    adopt_locale, source_ids, AdoptError, AdoptedDocument, Adoption, AssignIds, BaselineFrom,
};
pub use atomic::{
    write_atomic, write_atomic_streamed, write_atomic_streamed_if_changed, write_atomic_verified,
    write_atomic_with, Written,
};
pub use build_manifest::{build_manifest_name, BUILD_MANIFEST_PREFIX};
pub use cache::{FileStamp, ResultCache};
pub use check::{
    check_cache, check_pair_findings, fluent_findings, load_glossary, orphan_findings,
    CheckOptions, CheckOutcome, CheckTally, GlossaryError, PairChecked,
};
pub use config::{
    Config, FrontMatterConfig, LinksConfig, LoadedDocument, LocaleConfig, MarkdownConfig, Project,
    ProjectConfig, ProjectError, CONFIG_FILE,
};
pub use detect::{detect_site, render_config, DetectedSite, SiteKind};
pub use diff::{changed_chars, stale_changes, StaleChange, StaleChanges};
pub use edit::{file_version, save_section, translation_path, SaveError, SectionSaved};
pub use files::{check_regular, read_regular, ReadFile};
#[cfg(feature = "schema")]
pub use findings::check_schema;
pub use findings::{
    CheckReport, Finding, FluentFinding, OrderFinding, OrphanFinding, QaFinding, SectionFinding,
    Summary,
};
pub use fluent_args::FluentArg;
pub use ids_from_source::{ids_from_source, IdsFromSource};
pub use inspect::{InspectedDiagnostic, InspectedSection, Inspection};
pub use layout::{DocumentFile, Layout, LayoutConfig, DEFAULT_EXTENSIONS};
pub use lock::{LockError, ProjectLock};
pub use preview::section_preview;
pub use problem::{FileProblem, Snippet};
pub use published::{untranslated_components, Placement, PublishedQa};
pub use site::{
    build_site, check_output_folder, site_locales, BuildOptions, BuildReport, BuildSiteError,
    OutputRefusal, PageSummary,
};
pub use store::{BadBaseline, SourceStore};
pub use sync::{sync_pair, PairSynced};
pub use workspace::{display_path, Pair, Progress, Role, SourceShared, Workspace, WorkspaceError};
