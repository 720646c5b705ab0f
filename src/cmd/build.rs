//! `yaku build`: what each locale publishes, as JSON, an HTML preview or a Hugo tree.

use std::path::{Path, PathBuf};

use yaku_build::{renderer_styled, JsonStyle};
use yaku_project::{build_site, site_locales, BuildOptions, BuildReport, BuildSiteError};

use super::Context;
use crate::output::Progress;
use crate::{output, Exit, Failure};

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
    /// Build every page again and rewrite every file, even those whose inputs did not
    /// change since the last build.
    #[arg(long)]
    force: bool,
    /// Indent the JSON (pages of `--format json`, and `index.json`) for people to read;
    /// compact by default.
    #[arg(long)]
    pretty: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let options = BuildOptions {
        force: args.force,
        json_style: if args.pretty {
            JsonStyle::Pretty
        } else {
            JsonStyle::Compact
        },
    };
    let renderer = renderer_styled(args.format.name(), options.json_style).ok_or_else(|| {
        Failure(format!(
            "error: yaku-build has no renderer `{}`",
            args.format.name()
        ))
    })?;
    let workspace = super::open(context)?;
    let locales = site_locales(&workspace.project, args.locale.as_deref())
        .map_err(|e| failure(e, &args.out))?;
    let out_dir = if args.out.is_absolute() {
        args.out.clone()
    } else {
        std::env::current_dir()
            .map_err(|e| Failure::error(format!("cannot read the current folder: {e}")))?
            .join(&args.out)
    };
    let progress = Progress::new(0, "pages");
    let built = build_site(
        &workspace,
        renderer.as_ref(),
        &locales,
        &out_dir,
        options,
        &progress,
    );
    progress.finish();
    let report = built.map_err(|e| failure(e, &args.out))?;

    output::print(&summary(&report, &workspace.display(&out_dir)));
    for problem in &report.problems {
        output::eprint(&crate::report::render_problem(problem));
    }
    for failure in &report.policy_failures {
        output::eprint(&format!("error: {failure}"));
    }
    if !report.problems.is_empty() {
        return Err(Failure(
            "error: files with errors were not built; fix them first".into(),
        ));
    }
    Ok(if report.policy_failures.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

/// `built N page(s) into …` with what was kept, rebuilt, written and removed, then a line
/// per page that is not all current. A page is rebuilt when an input changed, or may
/// have (a file modified too recently for its stamp to be trusted); a rebuilt page whose
/// bytes came out the same is not written, so "3 rebuilt, 0 file(s) written" is a build
/// that checked and changed nothing.
fn summary(report: &BuildReport, out_dir: &str) -> String {
    let mut summary = format!(
        "built {} page(s) into {out_dir} ({}): {} kept from the last build, {} rebuilt, {} file(s) written, {} removed\n",
        report.pages,
        report.format,
        report.reused,
        report.pages.saturating_sub(report.reused),
        report.written,
        report.removed.len()
    );
    for page in &report.incomplete {
        let s = page.states;
        summary.push_str(&format!(
            "  {} ({}): {} stale, {} fallback, {} omitted\n",
            page.doc, page.locale, s.stale, s.fallback, s.omitted
        ));
    }
    summary
}

/// A build that could not run, for people; `out` is `--out` as given.
fn failure(error: BuildSiteError, out: &Path) -> Failure {
    match error {
        BuildSiteError::Project(error) => error.into(),
        BuildSiteError::Lock(error) => error.into(),
        BuildSiteError::Resolve { .. } => Failure(format!(
            "error: {error}\nhelp: yaku resolves the output folder to check it lies inside the project"
        )),
        BuildSiteError::OutputRefused { .. } => Failure(format!(
            "error: --out {} {error}; nothing was written\nhelp: choose a folder inside the project for the output, such as `dist` (the default)",
            out.display()
        )),
        BuildSiteError::Fluent { .. } => {
            Failure(format!("error: {error}\nhelp: `yaku check` shows where"))
        }
        error => Failure::error(error),
    }
}
