//! The site build: every document in every chosen locale, decided by `yaku-build`,
//! rendered by one [`Renderer`] and written atomically into an output folder, with
//! `index.json`. This is `yaku build` without its arguments and printing.
//!
//! The output folder must lie inside the project and apart from its content, Fluent and
//! `.yaku/` folders ([`check_output_folder`]); nothing is written otherwise. The build
//! holds the project lock while it writes.

use std::io;
use std::path::{Component, Path, PathBuf};

use yaku_build::{
    build_document, write_manifest, Alternate, BuildError, Labels, LocaleContext, Manifest,
    ManifestDocument, ManifestEntry, Renderer,
};
use yaku_fluent::{ArgValue, FormatOptions, LoadError, Localizer};
use yaku_sync::Policy;

use crate::{
    write_atomic, write_atomic_streamed_if_changed, FileProblem, LockError, Progress, Project,
    ProjectError, Workspace,
};

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// What was built: every document with a page in at least one locale, in document
    /// order; also written as `index.json`.
    pub manifest: Manifest,
    /// Pages written (or left as they were, when unchanged).
    pub pages: usize,
    /// Files whose bytes changed: pages, the renderer's own files and `index.json`.
    pub written: usize,
    /// Files with errors, which were not built (in document order).
    pub problems: Vec<FileProblem>,
    /// Pages a locale's policy refused to publish (`BuildError::PolicyFailed`).
    pub policy_failures: Vec<BuildError>,
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
/// Refuses an `out_dir` that [`check_output_folder`] refuses, then holds the project
/// lock. Documents are built in parallel, each read, built, written and dropped; files
/// with errors are skipped and reported. `progress` is started with the number of pages
/// (documents × locales) and advanced once per page.
pub fn build_site(
    workspace: &Workspace,
    renderer: &dyn Renderer,
    locales: &[String],
    out_dir: &Path,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildSiteError> {
    use rayon::prelude::*;

    let project = &workspace.project;
    // Before anything is written: the output must not land on the project's own files.
    confine_output(project, out_dir)?;
    let _lock = workspace.lock("build")?;
    let setups = locales
        .iter()
        .map(|locale| LocaleSetup::load(project, locale))
        .collect::<Result<Vec<_>, _>>()?;
    let docs = project.documents()?;
    progress.start((docs.len() * setups.len()) as u64);
    let site = Site {
        workspace,
        renderer,
        setups: &setups,
        out_dir,
        progress,
    };
    let built: Vec<Result<DocumentBuild, BuildSiteError>> =
        docs.par_iter().map(|doc| site.build_one(doc)).collect();

    let mut report = BuildReport {
        manifest: Manifest {
            source_locale: project.source().to_string(),
            locales: locales.to_vec(),
            format: renderer.name().to_string(),
            documents: Vec::new(),
        },
        pages: 0,
        written: 0,
        problems: Vec::new(),
        policy_failures: Vec::new(),
    };
    for result in built {
        let mut one = result?;
        report.pages += one.document.locales.len();
        report.written += one.written;
        report.problems.append(&mut one.problems);
        report.policy_failures.append(&mut one.policy_failures);
        if !one.document.locales.is_empty() {
            report.manifest.documents.push(one.document);
        }
    }

    // The index grows with the corpus: it is streamed, not held as one string.
    let index = out_dir.join("index.json");
    let manifest = &report.manifest;
    let changed = write_atomic_streamed_if_changed(&index, |w| write_manifest(manifest, w))
        .map_err(|source| BuildSiteError::Write {
            path: index,
            source,
        })?;
    report.written += usize::from(changed);
    for file in renderer.finish(&report.manifest) {
        report.written += usize::from(write_output(out_dir, &file.path, &file.contents)?);
    }
    Ok(report)
}

/// One locale's Fluent strings, labels, component arguments and policy.
struct LocaleSetup {
    locale: String,
    localizer: Option<Localizer>,
    labels: Labels,
    args: Vec<(String, ArgValue)>,
    policy: Policy,
}

impl LocaleSetup {
    /// Loads a locale's Fluent strings (when the project has any), and with them its
    /// labels.
    fn load(project: &Project, locale: &str) -> Result<LocaleSetup, BuildSiteError> {
        let localizer = if project.locales_dir().join(project.source()).is_dir() {
            let chain = project.fluent_chain(locale);
            let loaded = Localizer::load(&project.locales_dir(), &chain, FormatOptions::default())
                .map_err(|source| BuildSiteError::Fluent {
                    locale: locale.to_string(),
                    source,
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
        Ok(LocaleSetup {
            locale: locale.to_string(),
            labels: Labels::resolve(localizer.as_ref()),
            localizer,
            args: project.fluent_args(locale),
            policy: Policy {
                on_missing: config.on_missing,
                on_stale: config.on_stale,
            },
        })
    }
}

/// What every document's build shares.
struct Site<'a> {
    workspace: &'a Workspace,
    renderer: &'a dyn Renderer,
    setups: &'a [LocaleSetup],
    out_dir: &'a Path,
    progress: &'a dyn Progress,
}

/// One document built in every locale.
struct DocumentBuild {
    document: ManifestDocument,
    written: usize,
    problems: Vec<FileProblem>,
    policy_failures: Vec<BuildError>,
}

impl Site<'_> {
    /// Builds and writes one document in every locale.
    fn build_one(&self, doc: &str) -> Result<DocumentBuild, BuildSiteError> {
        let workspace = self.workspace;
        let project = &workspace.project;
        let mut result = DocumentBuild {
            document: ManifestDocument {
                doc: doc.to_string(),
                locales: Vec::new(),
            },
            written: 0,
            problems: Vec::new(),
            policy_failures: Vec::new(),
        };
        let source = match workspace.load(&project.document_path(project.source(), doc)) {
            Ok(Some(source)) => source,
            Ok(None) => return Ok(result),
            Err(error) => {
                result.problems.push(workspace.problem(&error));
                return Ok(result);
            }
        };
        if workspace.report_errors(&source, &mut result.problems) {
            return Ok(result);
        }
        let alternates: Vec<Alternate> = self
            .setups
            .iter()
            .map(|setup| Alternate {
                locale: setup.locale.clone(),
                path: self.renderer.output_path(&setup.locale, doc),
            })
            .collect();
        for setup in self.setups {
            self.progress.advance();
            let translation = if setup.locale == project.source() {
                None
            } else {
                match workspace.load_translation(&project.document_path(&setup.locale, doc)) {
                    Ok(loaded) => loaded,
                    Err(error) => {
                        result.problems.push(workspace.problem(&error));
                        continue;
                    }
                }
            };
            if let Some(t) = &translation {
                if workspace.report_errors(t, &mut result.problems) {
                    continue;
                }
            }
            let context = LocaleContext {
                locale: &setup.locale,
                source_locale: project.source(),
                localizer: setup.localizer.as_ref(),
                args: &setup.args,
                policy: setup.policy,
                alternates: alternates.clone(),
            };
            let translation = translation.as_ref().map(|t| &t.document);
            let built = match build_document(doc, &source.document, translation, &context) {
                Ok(built) => built,
                Err(error @ BuildError::PolicyFailed { .. }) => {
                    result.policy_failures.push(error);
                    continue;
                }
                Err(error) => return Err(error.into()),
            };
            let page = self.renderer.render(&built, &setup.labels)?;
            let path = self.renderer.output_path(&setup.locale, doc);
            result.written += usize::from(write_output(self.out_dir, &path, &page)?);
            result.document.locales.push(ManifestEntry {
                locale: setup.locale.clone(),
                path,
                states: built.counts(),
                alternates: alternates.clone(),
            });
        }
        Ok(result)
    }
}

/// Writes `bytes` to `relative` in `out_dir`; true when the file changed.
fn write_output(out_dir: &Path, relative: &str, bytes: &[u8]) -> Result<bool, BuildSiteError> {
    let path = out_dir.join(relative);
    write_atomic(&path, bytes).map_err(|source| BuildSiteError::Write { path, source })
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
    check_output_folder(&out, &root, &folders).map_err(|refusal| BuildSiteError::OutputRefused {
        refusal,
        resolved: (out != out_dir).then_some(out),
    })
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

/// `path` made absolute with every symbolic link resolved: its longest existing ancestor
/// canonicalized, then the parts that do not exist yet (which hold no links) applied
/// as written.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut resolved = PathBuf::new();
    let mut exists = true;
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            _ if exists => {
                let next = resolved.join(component);
                match std::fs::symlink_metadata(&next) {
                    // A link whose target is missing fails here, rather than being
                    // followed later to wherever it points.
                    Ok(_) => resolved = next.canonicalize()?,
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                        ) =>
                    {
                        exists = false;
                        if let Component::ParentDir = component {
                            resolved.pop();
                        } else {
                            resolved.push(component);
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(part) => resolved.push(part),
        }
    }
    Ok(resolved)
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
