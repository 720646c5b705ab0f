//! `yaku build`: what each locale publishes, as JSON, an HTML preview or a Hugo tree.

use std::collections::BTreeMap;

use std::path::{Path, PathBuf};

use yaku_build::{
    build_document, renderer, write_manifest, Alternate, BuildError, Labels, LocaleContext,
    Manifest, ManifestDocument, ManifestEntry, Renderer,
};
use yaku_fluent::{ArgValue, FormatOptions, Localizer};
use yaku_project::{write_atomic, write_atomic_streamed_if_changed, FileProblem, Project};
use yaku_sync::Policy;

use super::Context;
use crate::output::Progress;
use crate::{output, Exit, Failure};
use yaku_project::Workspace;

/// Output formats of `yaku build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BuildFormat {
    /// One JSON file per document and locale, and `index.json`.
    Json,
    /// A static HTML preview site.
    Html,
    /// A Hugo content tree and its languages configuration.
    Hugo,
}

impl BuildFormat {
    /// The name of the format's renderer in yaku-build.
    fn name(self) -> &'static str {
        match self {
            BuildFormat::Json => "json",
            BuildFormat::Html => "html",
            BuildFormat::Hugo => "hugo",
        }
    }
}

/// Arguments of `yaku build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The output folder.
    #[arg(long, default_value = "dist")]
    out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BuildFormat::Json)]
    format: BuildFormat,
    /// Build only this locale (the source or a target).
    #[arg(long)]
    locale: Option<String>,
}

/// One locale's Fluent strings, labels and component arguments.
struct LocaleSetup {
    locale: String,
    localizer: Option<Localizer>,
    labels: Labels,
    args: Vec<(String, ArgValue)>,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let renderer = renderer(args.format.name()).ok_or_else(|| {
        Failure(format!(
            "error: yaku-build has no renderer `{}`",
            args.format.name()
        ))
    })?;
    let renderer = renderer.as_ref();
    let workspace = super::open(context)?;
    let project = &workspace.project;
    let mut locales: Vec<String> = std::iter::once(project.source().to_string())
        .chain(project.targets().iter().cloned())
        .collect();
    if let Some(only) = &args.locale {
        if !locales.contains(only) {
            return Err(Failure(format!(
                "error: `{only}` is not a locale of this project ({})",
                locales.join(", ")
            )));
        }
        locales.retain(|l| l == only);
    }
    let out_dir = if args.out.is_absolute() {
        args.out.clone()
    } else {
        std::env::current_dir()
            .map_err(|e| Failure::error(format!("cannot read the current folder: {e}")))?
            .join(&args.out)
    };
    // Before anything is written: the output must not land on the project's own files.
    confine_out(&args.out, &out_dir, project)?;
    let setups = locales
        .iter()
        .map(|locale| setup(&workspace, locale))
        .collect::<Result<Vec<_>, _>>()?;

    let docs = project.documents()?;
    let progress = Progress::new((docs.len() * setups.len()) as u64, "pages");
    // Documents are built in parallel; each is read, built, written and dropped.
    let built: Vec<Result<DocumentBuild, Failure>> = {
        use rayon::prelude::*;
        docs.par_iter()
            .map(|doc| {
                build_one(
                    &workspace, doc, &setups, &locales, renderer, &out_dir, &progress,
                )
            })
            .collect()
    };
    progress.finish();
    let mut manifest = Manifest {
        source_locale: project.source().to_string(),
        locales: locales.clone(),
        format: renderer.name().to_string(),
        documents: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut policy_failures = Vec::new();
    let mut pages = 0;
    for result in built {
        let mut one = result?;
        pages += one.document.locales.len();
        problems.append(&mut one.problems);
        policy_failures.append(&mut one.policy_failures);
        if !one.document.locales.is_empty() {
            manifest.documents.push(one.document);
        }
    }

    // The index grows with the corpus: it is streamed, not held as one string.
    let index = out_dir.join("index.json");
    write_atomic_streamed_if_changed(&index, |writer| write_manifest(&manifest, writer))
        .map_err(|e| Failure(format!("error: cannot write {}: {e}", index.display())))?;
    for file in renderer.finish(&manifest) {
        write_output(&out_dir, &file.path, &file.contents)?;
    }

    let mut summary = format!(
        "built {pages} page(s) into {} ({})\n",
        workspace.display(&out_dir),
        renderer.name()
    );
    for document in &manifest.documents {
        for entry in &document.locales {
            let s = entry.states;
            if s.stale + s.fallback + s.omitted > 0 {
                summary.push_str(&format!(
                    "  {} ({}): {} stale, {} fallback, {} omitted\n",
                    document.doc, entry.locale, s.stale, s.fallback, s.omitted
                ));
            }
        }
    }
    output::print(&summary);
    for problem in &problems {
        output::eprint(&crate::report::render_problem(problem));
    }
    for failure in &policy_failures {
        output::eprint(&format!("error: {failure}"));
    }
    if !problems.is_empty() {
        return Err(Failure(
            "error: files with errors were not built; fix them first".into(),
        ));
    }
    Ok(if policy_failures.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

/// One document built in every locale.
struct DocumentBuild {
    document: ManifestDocument,
    problems: Vec<FileProblem>,
    policy_failures: Vec<String>,
}

/// Builds and writes one document in every locale.
fn build_one(
    workspace: &Workspace,
    doc: &str,
    setups: &[LocaleSetup],
    locales: &[String],
    renderer: &dyn Renderer,
    out_dir: &Path,
    progress: &Progress,
) -> Result<DocumentBuild, Failure> {
    let project = &workspace.project;
    let mut result = DocumentBuild {
        document: ManifestDocument {
            doc: doc.to_string(),
            locales: Vec::new(),
        },
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
    let alternates: Vec<Alternate> = locales
        .iter()
        .map(|locale| Alternate {
            locale: locale.clone(),
            path: renderer.output_path(locale, doc),
        })
        .collect();
    for setup in setups {
        progress.inc(1);
        let translation = if setup.locale == project.source() {
            None
        } else {
            match workspace.load(&project.document_path(&setup.locale, doc)) {
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
        let locale_config = project
            .config
            .locale
            .get(&setup.locale)
            .cloned()
            .unwrap_or_default();
        let locale_context = LocaleContext {
            locale: &setup.locale,
            source_locale: project.source(),
            localizer: setup.localizer.as_ref(),
            args: &setup.args,
            policy: Policy {
                on_missing: locale_config.on_missing,
                on_stale: locale_config.on_stale,
            },
            alternates: alternates.clone(),
        };
        let built = match build_document(
            doc,
            &source.document,
            translation.as_ref().map(|t| &t.document),
            &locale_context,
        ) {
            Ok(built) => built,
            Err(error @ BuildError::PolicyFailed { .. }) => {
                result.policy_failures.push(error.to_string());
                continue;
            }
            Err(error) => return Err(Failure(format!("error: {error}"))),
        };
        let page = renderer
            .render(&built, &setup.labels)
            .map_err(|error| Failure(format!("error: {error}")))?;
        let path = renderer.output_path(&setup.locale, doc);
        write_output(out_dir, &path, &page)?;
        result.document.locales.push(ManifestEntry {
            locale: setup.locale.clone(),
            path,
            states: built.counts(),
            alternates: alternates.clone(),
        });
    }
    Ok(result)
}

/// Refuses an output folder that is not strictly inside the project root, or that is,
/// holds or lies inside the content folder, the Fluent folder or `.yaku/`: a build there
/// would write over sources, translations or yaku's own state. Symbolic links are
/// resolved first, so a link cannot lead the output anywhere else.
fn confine_out(given: &Path, out_dir: &Path, project: &Project) -> Result<(), Failure> {
    let shown = given.display();
    let cannot = |what: &Path, e: std::io::Error| {
        Failure(format!(
            "error: cannot resolve {}: {e}\nhelp: yaku resolves the output folder to check it lies inside the project",
            what.display()
        ))
    };
    let out = resolve(out_dir).map_err(|e| cannot(out_dir, e))?;
    let root = resolve(&project.root).map_err(|e| cannot(&project.root, e))?;
    let refuse = |why: String| {
        Failure(format!(
            "error: --out {shown} {why}; nothing was written\nhelp: choose a folder inside the project for the output, such as `dist` (the default)"
        ))
    };
    let resolved = if out.as_path() == out_dir {
        String::new()
    } else {
        format!(" (resolved: {})", out.display())
    };
    if out == root {
        return Err(refuse(format!(
            "is the project root ({}){resolved}",
            root.display()
        )));
    }
    if !out.starts_with(&root) {
        let why = if root.starts_with(&out) {
            "holds the project"
        } else {
            "lies outside the project"
        };
        return Err(refuse(format!("{why} ({}){resolved}", root.display())));
    }
    let protected = [
        (
            project.root.join(&project.config.project.content),
            "the content folder",
        ),
        (project.locales_dir(), "the Fluent folder"),
        (project.root.join(".yaku"), "yaku's own folder"),
    ];
    for (folder, name) in protected {
        let folder = resolve(&folder).map_err(|e| cannot(&folder, e))?;
        let relation = if out == folder {
            "is"
        } else if out.starts_with(&folder) {
            "lies inside"
        } else if folder.starts_with(&out) {
            "holds"
        } else {
            continue;
        };
        let relative = folder.strip_prefix(&root).unwrap_or(&folder);
        return Err(refuse(format!(
            "{relation} {name} ({}/){resolved}",
            relative.display()
        )));
    }
    Ok(())
}

/// `path` made absolute with every symbolic link resolved: its longest existing ancestor
/// canonicalized, then the parts that do not exist yet (which hold no links) applied
/// as written.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut resolved = PathBuf::new();
    let mut exists = true;
    for component in absolute.components() {
        use std::path::Component;
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
                            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
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

fn write_output(out_dir: &Path, relative: &str, bytes: &[u8]) -> Result<(), Failure> {
    let path = out_dir.join(relative);
    write_atomic(&path, bytes)
        .map_err(|e| Failure(format!("error: cannot write {}: {e}", path.display())))?;
    Ok(())
}

/// Loads a locale's Fluent strings (when the project has any), and with them its labels
/// and component arguments.
fn setup(workspace: &Workspace, locale: &str) -> Result<LocaleSetup, Failure> {
    let project = &workspace.project;
    let localizer = if project.locales_dir().join(project.source()).is_dir() {
        let chain = project.fluent_chain(locale);
        Some(Localizer::load(&project.locales_dir(), &chain, FormatOptions::default()).map_err(|e| {
            Failure(format!("error: cannot load the Fluent strings of {locale}: {e}\nhelp: `yaku check` shows where"))
        })?)
    } else {
        None
    };
    let mut values: BTreeMap<String, ArgValue> = BTreeMap::new();
    for table in ["default", locale] {
        for (name, value) in project.config.fluent_args.get(table).into_iter().flatten() {
            let value = match value {
                toml::Value::Integer(i) => ArgValue::Number(*i as f64),
                toml::Value::Float(f) => ArgValue::Number(*f),
                toml::Value::String(s) => ArgValue::String(s.clone()),
                other => ArgValue::String(other.to_string()),
            };
            values.insert(name.clone(), value);
        }
    }
    Ok(LocaleSetup {
        locale: locale.to_string(),
        labels: Labels::resolve(localizer.as_ref()),
        localizer,
        args: values.into_iter().collect(),
    })
}
