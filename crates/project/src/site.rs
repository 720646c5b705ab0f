//! The site build: every document in every chosen locale, decided by `yaku-build`,
//! rendered by one [`Renderer`] and written atomically into an output folder, with
//! `index.json`. This is `yaku build` without its arguments and printing.
//!
//! The output folder must lie inside the project and apart from its content, Fluent and
//! `.yaku/` folders ([`check_output_folder`]); nothing is written otherwise. The build
//! holds the project lock while it writes.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use yaku_build::{
    build_document, Alternate, BuildError, BuildInput, FoldedSections, JsonStyle, Labels, Listing,
    LocaleContext, ManifestDocument, ManifestEntry, ManifestWriter, PublishedCounts, Renderer,
    ResolvedComponents, SectionBlocks,
};
use yaku_content::ParseOptions;
use yaku_fluent::{ArgValue, FormatOptions, LoadError, Localizer};
use yaku_sync::Policy;

use crate::build_manifest::{
    build_manifest_name, BuildManifest, ContentHash, ContentHasher, DocumentRecord,
    ManifestRecorder, OutputRecord, PageOutput, PageRecord, Recorded,
};
use crate::confined_folders::{resolve, ConfinedFolders};
use crate::ordered::for_each_ordered;
use crate::spill::Spill;
use crate::staging::{Placement, Staging};
use crate::{FileProblem, FileStamp, LockError, Progress, Project, ProjectError, Workspace};

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// The format built.
    pub format: String,
    /// The pages built or kept with a section stale, in the source's words (fallback) or
    /// omitted, in document order (`index.json` lists every page).
    pub incomplete: Vec<PageSummary>,
    /// Pages built or kept: every page the manifest lists.
    pub pages: usize,
    /// Pages whose inputs were unchanged since the last build, kept without being
    /// built again.
    pub reused: usize,
    /// Files whose bytes changed: pages, the renderer's own files and `index.json`.
    pub written: usize,
    /// Files of an earlier build that this one no longer makes (pages of deleted
    /// documents, of locales or formats not built), removed; relative to the output
    /// folder, sorted.
    pub removed: Vec<String>,
    /// Files with errors, which were not built (in document order).
    pub problems: Vec<FileProblem>,
    /// Pages a locale's policy refused to publish (`BuildError::PolicyFailed`).
    pub policy_failures: Vec<BuildError>,
}

/// One page of a build, as `index.json` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSummary {
    /// The document.
    pub doc: String,
    /// The locale.
    pub locale: String,
    /// Sections per publication state.
    pub states: PublishedCounts,
}

impl PageSummary {
    /// The pages of `document` with a section stale, in the source's words or omitted.
    fn incomplete(document: &ManifestDocument) -> impl Iterator<Item = PageSummary> + '_ {
        let pages = document.locales.iter().filter(|entry| {
            let s = entry.states;
            s.stale + s.fallback + s.omitted > 0
        });
        pages.map(|entry| PageSummary {
            doc: document.doc.clone(),
            locale: entry.locale.clone(),
            states: entry.states,
        })
    }
}

/// How a build runs, besides what it builds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Build every page again and rewrite every file, whatever the manifest says.
    pub force: bool,
    /// How `index.json` is laid out (the renderer lays out its own JSON pages).
    pub json_style: JsonStyle,
}

/// Why a build could not run or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildSiteError {
    /// A locale asked for is neither the source nor a target.
    #[error("`{locale}` is not a locale of this project ({locales})")]
    UnknownLocale {
        /// The locale asked for.
        locale: String,
        /// The project's locales, comma-separated.
        locales: String,
    },
    /// A path could not be resolved to check where the output goes.
    #[error("cannot resolve {}: {source}", path.display())]
    Resolve {
        /// The path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The output folder would put files where they do not belong; nothing was written.
    #[error("{refusal}{}", resolved.as_ref().map(|r| format!(" (resolved: {})", r.display())).unwrap_or_default())]
    OutputRefused {
        /// Why.
        refusal: OutputRefusal,
        /// The output folder with its links resolved, when that differs from the path
        /// given.
        resolved: Option<PathBuf>,
    },
    /// Another command holds the project lock, or it could not be taken.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// A locale's Fluent files do not load.
    #[error("cannot load the Fluent strings of {locale}: {source}")]
    Fluent {
        /// The locale.
        locale: String,
        /// Why.
        source: LoadError,
    },
    /// The documents could not be listed.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// A page could not be built or rendered (a component that does not resolve, …).
    #[error(transparent)]
    Build(#[from] BuildError),
    /// An output file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

/// Why an output folder is refused. Each message completes "the output folder …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OutputRefusal {
    /// It is the project root.
    #[error("is the project root ({})", root.display())]
    IsRoot {
        /// The project root.
        root: PathBuf,
    },
    /// The project lies inside it.
    #[error("holds the project ({})", root.display())]
    HoldsProject {
        /// The project root.
        root: PathBuf,
    },
    /// It lies outside the project.
    #[error("lies outside the project ({})", root.display())]
    OutsideProject {
        /// The project root.
        root: PathBuf,
    },
    /// It is, lies inside or holds one of the project's own folders.
    #[error("{relation} {name} ({}/)", folder.display())]
    Protected {
        /// `is`, `lies inside` or `holds`.
        relation: &'static str,
        /// Which folder: `the content folder`, `the Fluent folder`, `yaku's own folder`.
        name: &'static str,
        /// The folder, relative to the project root.
        folder: PathBuf,
    },
    /// Something other than a folder is there (a file).
    #[error("is a file, not a folder")]
    NotAFolder,
}

/// The locales to build: the source and every target, or only `only`.
pub fn site_locales(project: &Project, only: Option<&str>) -> Result<Vec<String>, BuildSiteError> {
    let mut locales: Vec<String> = std::iter::once(project.source().to_string())
        .chain(project.targets().iter().cloned())
        .collect();
    if let Some(only) = only {
        if !locales.iter().any(|l| l == only) {
            return Err(BuildSiteError::UnknownLocale {
                locale: only.to_string(),
                locales: locales.join(", "),
            });
        }
        locales.retain(|l| l == only);
    }
    Ok(locales)
}

/// Builds every document of the project in each of `locales` (the source's page from
/// the source, a target's as its policy decides) with `renderer`, and writes the pages,
/// the renderer's own files and `index.json` into `out_dir` (an absolute path), each
/// atomically and only when its bytes change.
///
/// The build is incremental: a page whose inputs are unchanged since the build recorded
/// in the output folder's manifest of the format ([`build_manifest_name`]) is neither built nor
/// written again, and the files that build wrote which this one no longer makes are
/// removed. `options.force` builds and rewrites everything.
///
/// Refuses an `out_dir` that [`check_output_folder`] refuses, then holds the project
/// lock. Documents are built in parallel, each read, built, written and dropped; files
/// with errors are skipped and reported. `progress` is started with the number of pages
/// (documents × locales) and advanced once per page.
pub fn build_site(
    workspace: &Workspace,
    renderer: &dyn Renderer,
    locales: &[String],
    out_dir: &Path,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildSiteError> {
    let project = &workspace.project;
    // Before anything is written: the output must not land on the project's own files.
    confine_output(project, out_dir)?;
    let _lock = workspace.lock("build")?;
    // A missing output folder is built in a staging folder beside it, renamed into place
    // at the end; an existing one has its files replaced one by one.
    let staging = Staging::begin(out_dir).map_err(write_error(out_dir))?;
    let (out_dir, placement) = match &staging {
        Some(staging) => (staging.path(), Placement::Staged),
        None => (out_dir, Placement::Replace),
    };
    let folders = ConfinedFolders::new(out_dir).map_err(write_error(out_dir))?;
    let setups = locales
        .iter()
        .map(|locale| LocaleSetup::load(project, locale))
        .collect::<Result<Vec<_>, _>>()?;
    // Opened before any input is read, so that its start time is older than every
    // stamp it records.
    let manifest = BuildManifest::open(
        out_dir,
        renderer.name(),
        build_salt(workspace, renderer, locales, options),
        setups
            .iter()
            .map(|setup| (setup.locale.clone(), setup.fluent_hash.clone()))
            .collect(),
        options.force,
    );
    let docs = project.documents()?;
    progress.start((docs.len() * setups.len()) as u64);
    let site = Site {
        workspace,
        // Nothing in a page counts characters or compares summaries.
        source_options: workspace.parse_options.for_build(),
        translation_options: workspace.translation_options.for_build(),
        renderer,
        setups: &setups,
        out_dir,
        folders: &folders,
        placement,
        force: options.force,
        manifest: &manifest,
        progress,
    };
    let page_path = |locale: &str, doc: &str| renderer.output_path(locale, doc);
    // The manifest's records, `index.json` and the renderer's listing are set aside as
    // the documents come, in document order, and written at the end: nothing is held
    // for the whole corpus but the documents' names.
    let spill_dir = project.root.join(".yaku");
    let manifest_path = out_dir.join(build_manifest_name(renderer.name()));
    let mut recorder = manifest
        .recorder(&spill_dir)
        .map_err(write_error(&spill_dir))?;
    let mut lists = SiteLists::start(project, renderer, locales, options.json_style, out_dir)?;
    let mut report = BuildReport {
        format: renderer.name().to_string(),
        incomplete: Vec::new(),
        pages: 0,
        reused: 0,
        written: 0,
        removed: Vec::new(),
        problems: Vec::new(),
        policy_failures: Vec::new(),
    };
    for_each_ordered(
        &docs,
        |doc| site.build_one(doc),
        |built| -> Result<(), BuildSiteError> {
            let mut one = built?;
            report.pages += one.document.locales.len();
            report.reused += one.reused;
            report.written += one.written;
            report.problems.append(&mut one.problems);
            report.policy_failures.append(&mut one.policy_failures);
            let document = one.document;
            let recorded = match one.record {
                _ if document.locales.is_empty() => Recorded::Unpublished,
                Some(record) => Recorded::Built(record),
                None => Recorded::Kept,
            };
            recorder
                .record(&document.doc, recorded, &one.unreadable, &page_path)
                .map_err(write_error(&manifest_path))?;
            if document.locales.is_empty() {
                return Ok(());
            }
            lists.push(&document)?;
            report.incomplete.extend(PageSummary::incomplete(&document));
            Ok(())
        },
    )?;

    report.written += lists.write(options.force, &manifest, &mut recorder, &folders, placement)?;
    for file in renderer.finish(locales) {
        let hash = ContentHash::of(&file.contents);
        let write = |path: &Path| placement.write(path, &file.contents);
        let out = (out_dir, &folders);
        report.written += write_site_file(
            out,
            options.force,
            &manifest,
            &mut recorder,
            &file.path,
            hash,
            write,
        )?;
    }
    report.removed = recorder
        .remove_stale(out_dir, &folders, &page_path)
        .map_err(write_error(out_dir))?;
    let all_reused = report.reused == report.pages;
    recorder
        .save(all_reused)
        .map_err(write_error(&manifest_path))?;
    if let Some(staging) = staging {
        let out_dir = staging.out_dir().to_path_buf();
        staging.publish().map_err(write_error(&out_dir))?;
    }
    Ok(report)
}

/// The manifest of every build, in the output folder.
const INDEX: &str = "index.json";

/// The error of writing `path`, for `map_err`.
fn write_error(path: &Path) -> impl FnOnce(io::Error) -> BuildSiteError {
    let path = path.to_path_buf();
    move |source| BuildSiteError::Write { path, source }
}

/// The files that list every document, written as the documents come, in document
/// order: `index.json` and the renderer's [`Listing`] (the HTML index page), each set
/// aside in a [`Spill`] until [`SiteLists::write`].
struct SiteLists<'a> {
    out_dir: &'a Path,
    index: ManifestWriter<Spill>,
    listing: Option<(&'a dyn Listing, Spill)>,
}

impl<'a> SiteLists<'a> {
    /// Starts both lists of a build of `renderer` in `locales` into `out_dir`.
    fn start(
        project: &Project,
        renderer: &'a dyn Renderer,
        locales: &[String],
        style: JsonStyle,
        out_dir: &'a Path,
    ) -> Result<SiteLists<'a>, BuildSiteError> {
        let spill_dir = project.root.join(".yaku");
        let index = Spill::new(&spill_dir)
            .and_then(|spill| {
                ManifestWriter::start(spill, style, project.source(), locales, renderer.name())
            })
            .map_err(write_error(&out_dir.join(INDEX)))?;
        let listing = match renderer.listing() {
            Some(listing) => {
                let mut spill =
                    Spill::new(&spill_dir).map_err(write_error(&out_dir.join(listing.path())))?;
                spill
                    .write_all(&listing.start(project.source()))
                    .map_err(write_error(&out_dir.join(listing.path())))?;
                Some((listing, spill))
            }
            None => None,
        };
        Ok(SiteLists {
            out_dir,
            index,
            listing,
        })
    }

    /// Adds the next document (one with a page).
    fn push(&mut self, document: &ManifestDocument) -> Result<(), BuildSiteError> {
        self.index
            .push(document)
            .map_err(write_error(&self.out_dir.join(INDEX)))?;
        if let Some((listing, spill)) = &mut self.listing {
            spill
                .write_all(&listing.entry(document))
                .map_err(write_error(&self.out_dir.join(listing.path())))?;
        }
        Ok(())
    }

    /// Ends both lists and writes each whose bytes changed, recording them; returns how
    /// many files were written.
    fn write(
        self,
        force: bool,
        manifest: &BuildManifest,
        recorder: &mut ManifestRecorder<'_>,
        folders: &ConfinedFolders,
        placement: Placement,
    ) -> Result<usize, BuildSiteError> {
        let out_dir = self.out_dir;
        let ended = |end: &[u8], spill: Spill, path: &Path| {
            let mut spill = spill;
            let hash = spill
                .write_all(end)
                .and_then(|()| spill.hash())
                .map_err(write_error(path))?;
            Ok::<_, BuildSiteError>((hash, spill))
        };
        let index_path = out_dir.join(INDEX);
        let spill = self.index.finish().map_err(write_error(&index_path))?;
        let mut lists = vec![(INDEX, ended(b"", spill, &index_path)?)];
        if let Some((listing, spill)) = self.listing {
            let path = out_dir.join(listing.path());
            lists.push((listing.path(), ended(&listing.end(), spill, &path)?));
        }
        let mut written = 0;
        for (relative, (hash, spill)) in lists {
            let write = |path: &Path| placement.write_streamed(path, |w| spill.copy_to(w));
            let out = (out_dir, folders);
            written += write_site_file(out, force, manifest, recorder, relative, hash, write)?;
        }
        Ok(written)
    }
}

/// What every page depends on besides its own files: this yaku (version and
/// executable), the format and JSON style, `yaku.toml`, the component names articles
/// are parsed with, and the locales built (every page links to the others).
fn build_salt(
    workspace: &Workspace,
    renderer: &dyn Renderer,
    locales: &[String],
    options: BuildOptions,
) -> String {
    let executable = std::env::current_exe()
        .ok()
        .and_then(|exe| FileStamp::of(&exe).ok().flatten());
    let config = crate::read_regular(&workspace.project.root.join(crate::CONFIG_FILE))
        .ok()
        .flatten()
        .map(|read| read.bytes)
        .unwrap_or_default();
    let mut hasher = blake3::Hasher::new();
    hasher.update(
        format!(
            "yaku {}\n{executable:?}\n{}\n{:?}\n{:?}\n{:?}\n",
            env!("CARGO_PKG_VERSION"),
            renderer.name(),
            options.json_style,
            locales,
            workspace.parse_options.known_components,
        )
        .as_bytes(),
    );
    hasher.update(&config);
    hasher.finalize().to_hex().to_string()
}

/// One locale's Fluent strings, labels, component arguments and policy.
pub(crate) struct LocaleSetup {
    locale: String,
    pub(crate) localizer: Option<Localizer>,
    pub(crate) labels: Labels,
    pub(crate) args: Vec<(String, ArgValue)>,
    pub(crate) policy: Policy,
    /// The locale's components, each resolved once for all its pages.
    pub(crate) components: ResolvedComponents,
    /// The hash of every Fluent file the locale's pages may read (its fallback chain's
    /// and the source locale's), for the build manifest.
    fluent_hash: String,
}

impl LocaleSetup {
    /// Loads a locale's Fluent strings (when the project has any), and with them its
    /// labels.
    pub(crate) fn load(project: &Project, locale: &str) -> Result<LocaleSetup, BuildSiteError> {
        let has_fluent = project.locales_dir().join(project.source()).is_dir();
        let chain = project.fluent_chain(locale);
        let localizer = if has_fluent {
            let loaded = Localizer::load(&project.locales_dir(), &chain, FormatOptions::default())
                .map_err(|source| BuildSiteError::Fluent {
                    locale: locale.to_string(),
                    source: source.relative_to(&project.root),
                })?;
            Some(loaded)
        } else {
            None
        };
        let config = project
            .config
            .locale
            .get(locale)
            .cloned()
            .unwrap_or_default();
        let mut folders = chain;
        folders.push(project.source().to_string());
        Ok(LocaleSetup {
            locale: locale.to_string(),
            labels: Labels::resolve(localizer.as_ref()),
            localizer,
            args: project.fluent_args(locale),
            policy: Policy {
                on_missing: config.on_missing,
                on_stale: config.on_stale,
            },
            components: ResolvedComponents::default(),
            fluent_hash: fluent_hash(&project.locales_dir(), &folders),
        })
    }
}

/// The hash of the Fluent files of `locales` (each `locales_dir/<locale>/`, every file
/// under it by path and bytes, in path order). A file that cannot be read hashes as its
/// error, so that it is read again next time.
fn fluent_hash(locales_dir: &Path, locales: &[String]) -> String {
    let mut locales = locales.to_vec();
    locales.sort();
    locales.dedup();
    let mut hasher = blake3::Hasher::new();
    for locale in &locales {
        let folder = locales_dir.join(locale);
        hasher.update(format!("locale {locale}\n").as_bytes());
        let entries = walkdir::WalkDir::new(&folder)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| !entry.file_type().is_dir());
        for entry in entries {
            let relative = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
            hasher.update(format!("file {}\n", relative.display()).as_bytes());
            match crate::read_regular(entry.path()) {
                Ok(Some(read)) => {
                    hasher.update(format!("{}\n", read.bytes.len()).as_bytes());
                    hasher.update(&read.bytes);
                }
                Ok(None) => {}
                Err(error) => {
                    hasher.update(
                        format!("error {error} {:?}\n", std::time::SystemTime::now()).as_bytes(),
                    );
                }
            }
        }
    }
    hasher.finalize().to_hex().to_string()
}

/// What every document's build shares.
struct Site<'a> {
    workspace: &'a Workspace,
    /// How sources are parsed for the build ([`ParseOptions::for_build`]).
    source_options: ParseOptions,
    /// How translations are parsed for the build.
    translation_options: ParseOptions,
    renderer: &'a dyn Renderer,
    setups: &'a [LocaleSetup],
    out_dir: &'a Path,
    /// The folders under `out_dir` found to lie inside it.
    folders: &'a ConfinedFolders,
    /// How pages reach `out_dir`.
    placement: Placement,
    force: bool,
    manifest: &'a BuildManifest,
    progress: &'a dyn Progress,
}

/// One document built in every locale.
struct DocumentBuild {
    document: ManifestDocument,
    /// What the manifest records of it; `None` when every page was kept, so that the
    /// previous record stands.
    record: Option<DocumentRecord>,
    reused: usize,
    written: usize,
    problems: Vec<FileProblem>,
    /// Locales whose page was not built because a file has errors: the page the last
    /// build wrote stays, with its record, until the file is fixed.
    unreadable: Vec<String>,
    policy_failures: Vec<BuildError>,
}

/// The stamp of `path` now; `None` when there is no file or it cannot be examined (a
/// page that depends on it is then built, which reports why it cannot be read).
fn stamp_now(path: &Path) -> Option<FileStamp> {
    FileStamp::of(path).ok().flatten()
}

impl Site<'_> {
    /// Builds and writes one document in every locale, or keeps the pages whose inputs
    /// did not change since the last build.
    fn build_one(&self, doc: &str) -> Result<DocumentBuild, BuildSiteError> {
        let project = &self.workspace.project;
        let alternates: Vec<Alternate> = self
            .setups
            .iter()
            .map(|setup| Alternate {
                locale: setup.locale.clone(),
                path: self.renderer.output_path(&setup.locale, doc),
            })
            .collect();
        let source_path = project.document_path(project.source(), doc);
        let source_stamp = stamp_now(&source_path);
        // Each page's output as it is now (taken once: the write below is decided on it).
        // A staging folder starts empty.
        let outputs: Vec<Option<FileStamp>> = alternates
            .iter()
            .map(|alternate| match self.placement {
                Placement::Replace => stamp_now(&self.out_dir.join(&alternate.path)),
                Placement::Staged => None,
            })
            .collect();
        // Pages whose inputs and output are as the last build left them.
        let kept: Vec<Option<&PageRecord>> = self
            .setups
            .iter()
            .zip(&outputs)
            .map(|(setup, &output)| {
                let translation = (setup.locale != project.source())
                    .then(|| stamp_now(&project.document_path(&setup.locale, doc)))
                    .flatten();
                self.manifest
                    .reusable_page(doc, &setup.locale, source_stamp, translation, output)
            })
            .collect();
        let all_kept = kept.iter().all(Option::is_some);
        let mut result = DocumentBuild {
            document: ManifestDocument {
                doc: doc.to_string(),
                locales: Vec::new(),
            },
            // Every page kept: the previous record stands, and is not copied.
            record: (!all_kept).then(|| DocumentRecord {
                source: source_stamp.unwrap_or(FileStamp::from((0, 0, 0, 0, 0))),
                pages: Vec::new(),
            }),
            reused: 0,
            written: 0,
            problems: Vec::new(),
            unreadable: Vec::new(),
            policy_failures: Vec::new(),
        };
        let source = if all_kept {
            None
        } else {
            match self.load_source(&source_path, &mut result.problems) {
                Some(source) => {
                    if let Some(record) = &mut result.record {
                        record.source = source.loaded.stamp;
                    }
                    Some(source)
                }
                None => {
                    self.skip(self.setups.len());
                    if !result.problems.is_empty() {
                        result.unreadable = self.setups.iter().map(|s| s.locale.clone()).collect();
                    }
                    return Ok(result);
                }
            }
        };
        // The source's own page is built last: no other page needs the source's blocks
        // after it, so it takes them instead of copying them.
        let mut order: Vec<usize> = (0..self.setups.len()).collect();
        order.sort_by_key(|&i| self.setups[i].locale == project.source());
        let mut kept = kept;
        let mut pages: Vec<Option<std::borrow::Cow<'_, PageRecord>>> =
            self.setups.iter().map(|_| None).collect();
        for i in order {
            self.progress.advance();
            pages[i] = match (kept[i].take(), &source) {
                (Some(page), _) => {
                    result.reused += 1;
                    Some(std::borrow::Cow::Borrowed(page))
                }
                (None, Some(source)) => {
                    let (setup, output) = (&self.setups[i], outputs[i]);
                    self.build_page(doc, source, setup, &alternates, output, &mut result)?
                        .map(std::borrow::Cow::Owned)
                }
                (None, None) => None,
            };
        }
        for ((setup, alternate), page) in self.setups.iter().zip(&alternates).zip(pages) {
            let Some(page) = page else { continue };
            result.document.locales.push(ManifestEntry {
                locale: setup.locale.clone(),
                path: alternate.path.clone(),
                states: page.states,
            });
            if let Some(record) = &mut result.record {
                record.pages.push(page.into_owned());
            }
        }
        Ok(result)
    }

    /// Advances the progress by `pages` pages that are not built.
    fn skip(&self, pages: usize) {
        for _ in 0..pages {
            self.progress.advance();
        }
    }

    /// Reads the source of a document, or records why it cannot be used.
    fn load_source(&self, path: &Path, problems: &mut Vec<FileProblem>) -> Option<Folded> {
        let workspace = self.workspace;
        match Folded::load(workspace, path, &self.source_options) {
            Ok(Some(source)) => {
                (!workspace.report_errors(&source.loaded, problems)).then_some(source)
            }
            Ok(None) => None,
            Err(error) => {
                problems.push(workspace.problem(&error));
                None
            }
        }
    }

    /// Builds, renders and writes one page; `None` when it is not published (a file
    /// with errors, a policy failure: recorded in `result`).
    fn build_page(
        &self,
        doc: &str,
        source: &Folded,
        setup: &LocaleSetup,
        alternates: &[Alternate],
        output: Option<FileStamp>,
        result: &mut DocumentBuild,
    ) -> Result<Option<PageRecord>, BuildSiteError> {
        let workspace = self.workspace;
        let project = &workspace.project;
        let is_source = setup.locale == project.source();
        let translation = if is_source {
            None
        } else {
            let path = project.document_path(&setup.locale, doc);
            match Folded::load(workspace, &path, &self.translation_options) {
                Ok(loaded) => loaded,
                Err(error) => {
                    result.problems.push(workspace.problem(&error));
                    result.unreadable.push(setup.locale.clone());
                    return Ok(None);
                }
            }
        };
        if let Some(t) = &translation {
            if workspace.report_errors(&t.loaded, &mut result.problems) {
                result.unreadable.push(setup.locale.clone());
                return Ok(None);
            }
        }
        let context = LocaleContext {
            locale: &setup.locale,
            source_locale: project.source(),
            localizer: setup.localizer.as_ref(),
            args: &setup.args,
            components: &setup.components,
            policy: setup.policy,
            alternates: alternates.to_vec(),
            with_markdown: self.renderer.exports_markdown(),
        };
        let built = match build_document(
            doc,
            // The source's own page is the last to use its blocks (see `build_one`).
            source.input(is_source),
            translation.as_ref().map(|t| t.input(true)),
            &context,
        ) {
            Ok(built) => built,
            Err(error @ BuildError::PolicyFailed { .. }) => {
                result.policy_failures.push(error);
                return Ok(None);
            }
            Err(error) => return Err(error.into()),
        };
        let page = self.renderer.render(&built, &setup.labels)?;
        let path = self.renderer.output_path(&setup.locale, doc);
        let (output, written) = self.write_page(doc, &setup.locale, &path, &page, output)?;
        result.written += usize::from(written);
        Ok(Some(PageRecord {
            locale: setup.locale.clone(),
            translation: translation.map(|t| t.loaded.stamp),
            states: built.counts(),
            output,
        }))
    }

    /// Writes a page unless the last build left the same bytes there; returns what the
    /// manifest records of it and whether the file was written. `existing` is the stamp
    /// of the file there now (`None`: there is none).
    fn write_page(
        &self,
        doc: &str,
        locale: &str,
        relative: &str,
        bytes: &[u8],
        existing: Option<FileStamp>,
    ) -> Result<(PageOutput, bool), BuildSiteError> {
        let path = self.out_dir.join(relative);
        self.folders
            .check_output(&path)
            .map_err(write_error(&path))?;
        let hash = ContentHash::of(bytes);
        if !self.force {
            let previous = self.manifest.unchanged_output(doc, locale, existing);
            if let Some(previous) = previous.filter(|p| p.hash == hash) {
                return Ok((*previous, false));
            }
        }
        // Nothing there: nothing to compare with.
        let written = write_page_file(
            &path,
            self.force || existing.is_none(),
            bytes,
            self.placement,
        )?;
        let stamp = output_stamp(&path)?;
        Ok((PageOutput { stamp, hash }, written))
    }
}

/// Writes a file made once per build (`index.json`, the renderer's own) into the output
/// folder `out` (its path and folders) unless the last build left the same bytes there,
/// and records it; returns 1 when the file was written. `hash` is the hash of its bytes,
/// and `write` writes them atomically to the path it is given.
fn write_site_file(
    (out_dir, folders): (&Path, &ConfinedFolders),
    force: bool,
    manifest: &BuildManifest,
    recorder: &mut ManifestRecorder<'_>,
    relative: &str,
    hash: ContentHash,
    write: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<usize, BuildSiteError> {
    let path = out_dir.join(relative);
    folders.check_output(&path).map_err(write_error(&path))?;
    if !force {
        if let Some(previous) = manifest
            .unchanged_site_file(relative, stamp_now(&path))
            .filter(|p| p.output.hash == hash)
        {
            recorder.record_site_file(previous.clone());
            return Ok(0);
        }
    }
    let written = force || !holds(&path, hash)?;
    if written {
        write(&path).map_err(|source| BuildSiteError::Write {
            path: path.clone(),
            source,
        })?;
    }
    let stamp = output_stamp(&path)?;
    recorder.record_site_file(OutputRecord {
        path: relative.to_string(),
        output: PageOutput { stamp, hash },
    });
    Ok(usize::from(written))
}

/// A document read for the build, with the blocks of its sections folded while it was
/// parsed: the build does not parse its text a second time.
struct Folded {
    loaded: crate::LoadedDocument,
    blocks: Option<SectionBlocks>,
}

impl Folded {
    /// Reads and parses the document at `path` with `options`; `Ok(None)` when there is
    /// no such file.
    fn load(
        workspace: &Workspace,
        path: &Path,
        options: &ParseOptions,
    ) -> Result<Option<Folded>, ProjectError> {
        let mut folded = FoldedSections::default();
        let loaded = workspace
            .project
            .load_with(path, &options.for_path(path), &mut folded)?;
        Ok(loaded.map(|loaded| Folded {
            blocks: folded.finish(&loaded.document),
            loaded,
        }))
    }

    /// What `build_document` builds from. `last_use`: no page built after this one
    /// publishes the document's sections, which then give up their blocks instead of a
    /// copy (a translation, published in its locale only, or the source in its own
    /// locale, built after every other).
    fn input(&self, last_use: bool) -> BuildInput<'_> {
        BuildInput {
            document: &self.loaded.document,
            blocks: self.blocks.as_ref(),
            single_use: last_use,
        }
    }
}

/// Writes a page's `bytes` to `path` atomically (a temporary file renamed over it):
/// always when `force`, otherwise only when they differ from the file's. True when the
/// file was written.
///
/// Pages are not fsynced one by one (thousands of flushes were most of a build's time):
/// a page that a crash leaves short or empty no longer has the stamp the manifest
/// recorded, so the next build writes it again; nor is the manifest, which a crash can
/// only make unreadable (the next build then reads and compares every page).
fn write_page_file(
    path: &Path,
    force: bool,
    bytes: &[u8],
    placement: Placement,
) -> Result<bool, BuildSiteError> {
    let error = |source| BuildSiteError::Write {
        path: path.to_path_buf(),
        source,
    };
    if !force {
        let same_length = std::fs::symlink_metadata(path)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        if same_length && std::fs::read(path).map_err(error)? == bytes {
            return Ok(false);
        }
    }
    placement.write(path, bytes).map_err(error)?;
    Ok(true)
}

/// Whether the file at `path` holds bytes of hash `hash` (read streaming; false when
/// there is no regular file, such as a link, which the write then replaces without
/// following it).
fn holds(path: &Path, hash: ContentHash) -> Result<bool, BuildSiteError> {
    let error = |source| BuildSiteError::Write {
        path: path.to_path_buf(),
        source,
    };
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(false);
    }
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(error(e)),
    };
    let mut hasher = ContentHasher::default();
    let mut reader = io::BufReader::with_capacity(1 << 16, file);
    loop {
        let buffer = reader.fill_buf().map_err(error)?;
        if buffer.is_empty() {
            break;
        }
        hasher.update(buffer);
        let len = buffer.len();
        reader.consume(len);
    }
    Ok(hasher.finish() == hash)
}

/// The stamp of an output file just written.
fn output_stamp(path: &Path) -> Result<FileStamp, BuildSiteError> {
    match FileStamp::of(path) {
        Ok(Some(stamp)) => Ok(stamp),
        Ok(None) => Err(BuildSiteError::Write {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::NotFound, "the file vanished once written"),
        }),
        Err(source) => Err(BuildSiteError::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Refuses an output folder that [`check_output_folder`] refuses once it and the
/// project's folders are resolved: a symbolic link cannot lead the output anywhere
/// else.
fn confine_output(project: &Project, out_dir: &Path) -> Result<(), BuildSiteError> {
    let resolved = |path: &Path| {
        resolve(path).map_err(|source| BuildSiteError::Resolve {
            path: path.to_path_buf(),
            source,
        })
    };
    let out = resolved(out_dir)?;
    let root = resolved(&project.root)?;
    // The content folder, and every folder of the layout outside it (a pattern's).
    let content = &project.config.project.content;
    let mut protected: Vec<(PathBuf, &str)> =
        vec![(project.root.join(content), "the content folder")];
    for root in project.layout.roots() {
        if !root.starts_with(content) {
            protected.push((project.root.join(root), "the content folder"));
        }
    }
    protected.push((project.locales_dir(), "the Fluent folder"));
    protected.push((project.root.join(".yaku"), "yaku's own folder"));
    let mut folders = Vec::new();
    for (folder, name) in protected {
        folders.push((resolved(&folder)?, name));
    }
    let refused = |refusal| BuildSiteError::OutputRefused {
        refusal,
        resolved: (out != out_dir).then(|| out.clone()),
    };
    check_output_folder(&out, &root, &folders).map_err(refused)?;
    if std::fs::metadata(&out).is_ok_and(|m| !m.is_dir()) {
        return Err(refused(OutputRefusal::NotAFolder));
    }
    Ok(())
}

/// Whether `out` may hold a build of the project at `root`: it must lie strictly inside
/// the root, and must not be, lie inside or hold any of the `protected` folders (each
/// with its name for the message), whose files a build would overwrite. All paths are
/// absolute and already resolved; the first protected folder concerned is named.
pub fn check_output_folder(
    out: &Path,
    root: &Path,
    protected: &[(PathBuf, &'static str)],
) -> Result<(), OutputRefusal> {
    let root_buf = || root.to_path_buf();
    if out == root {
        return Err(OutputRefusal::IsRoot { root: root_buf() });
    }
    if !out.starts_with(root) {
        return Err(if root.starts_with(out) {
            OutputRefusal::HoldsProject { root: root_buf() }
        } else {
            OutputRefusal::OutsideProject { root: root_buf() }
        });
    }
    for (folder, name) in protected {
        let relation = if out == folder {
            "is"
        } else if out.starts_with(folder) {
            "lies inside"
        } else if folder.starts_with(out) {
            "holds"
        } else {
            continue;
        };
        return Err(OutputRefusal::Protected {
            relation,
            name,
            folder: folder.strip_prefix(root).unwrap_or(folder).to_path_buf(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(out: &str) -> Result<(), String> {
        let root = Path::new("/p");
        let protected = [
            (root.join("content"), "the content folder"),
            (root.join("locales"), "the Fluent folder"),
            (root.join(".yaku"), "yaku's own folder"),
        ];
        check_output_folder(Path::new(out), root, &protected).map_err(|r| r.to_string())
    }

    #[test]
    fn an_output_folder_lies_inside_the_project_apart_from_its_own_folders() {
        assert_eq!(check("/p/dist"), Ok(()));
        assert_eq!(check("/p/site/public"), Ok(()));
        assert_eq!(check("/p/contents"), Ok(()));
        let refused = |out: &str, why: &str| assert_eq!(check(out), Err(why.to_string()), "{out}");
        refused("/p", "is the project root (/p)");
        refused("/", "holds the project (/p)");
        refused("/q/dist", "lies outside the project (/p)");
        refused("/pp", "lies outside the project (/p)");
        refused("/p/content", "is the content folder (content/)");
        refused("/p/content/en", "lies inside the content folder (content/)");
        refused("/p/locales/en", "lies inside the Fluent folder (locales/)");
        refused("/p/.yaku", "is yaku's own folder (.yaku/)");
    }

    #[test]
    fn a_folder_holding_a_protected_one_is_refused() {
        let root = Path::new("/p");
        let protected = [(root.join("site/content"), "the content folder")];
        assert_eq!(
            check_output_folder(Path::new("/p/site"), root, &protected)
                .unwrap_err()
                .to_string(),
            "holds the content folder (site/content/)"
        );
    }

    #[test]
    fn only_the_source_and_targets_are_built() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("yaku.toml"),
            "[project]\nsource = \"ja\"\ntargets = [\"en\", \"ko\"]\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("content/ja")).unwrap();
        let project = Project::open(dir.path()).unwrap();
        assert_eq!(site_locales(&project, None).unwrap(), ["ja", "en", "ko"]);
        assert_eq!(site_locales(&project, Some("ko")).unwrap(), ["ko"]);
        assert_eq!(
            site_locales(&project, Some("fr")).unwrap_err().to_string(),
            "`fr` is not a locale of this project (ja, en, ko)"
        );
    }
}
