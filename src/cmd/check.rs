//! `yaku check`: every non-current section, every QA finding and every broken file, for
//! CI.

use yaku_project::{
    check_cache, check_pair_findings, fluent_findings, load_glossary, orphan_findings,
    CheckOptions, CheckTally, Pair, SourceShared,
};
use yaku_qa::Rule;

use super::Context;
use crate::printer::{GithubPrinter, JsonPrinter, Printer, TextPrinter};
use crate::{output, Exit, Failure};

/// Output formats of `yaku check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, `path:line: …`.
    Text,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Arguments of `yaku check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this target locale.
    #[arg(long)]
    locale: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// List current sections too (JSON).
    #[arg(long)]
    all: bool,
    /// Read and check every file, ignoring and not writing `.yaku/cache/`.
    #[arg(long)]
    no_cache: bool,
    /// Run only this QA rule and report only its findings (no section states, no Fluent):
    /// numbers, citations, structure, untranslated-text, glossary, required-notice.
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    rule: Option<Rule>,
}

impl Args {
    /// `yaku check --locale <locale> --no-cache`, as `yaku adopt` runs it.
    pub fn for_locale(locale: &str) -> Args {
        Args {
            locale: Some(locale.to_string()),
            format: CheckFormat::Text,
            all: false,
            no_cache: true,
            rule: None,
        }
    }
}

fn parse_rule(value: &str) -> Result<Rule, String> {
    value
        .parse()
        .map_err(|e: yaku_qa::UnknownRule| e.to_string())
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let locales = workspace.locales(args.locale.as_deref())?;
    let options = CheckOptions {
        locales: locales.clone(),
        rule: args.rule,
        all: args.all,
    };
    let glossary = if options.needs_glossary() {
        load_glossary(&workspace).map_err(|e| match e.help() {
            Some(help) => Failure(format!("error: {e}\nhelp: {help}")),
            None => Failure::error(e),
        })?
    } else {
        None
    };
    let check = |pair: &Pair, shared: &SourceShared<'_>| {
        check_pair_findings(&workspace, &options, glossary.as_ref(), pair, shared)
    };
    let mut tally = CheckTally::new(&options);
    let progress = output::Progress::new(0, "documents");
    // Results are folded into the tally as they come, document by document.
    let collect = |checked, problems| tally.add(checked, problems);
    if args.no_cache {
        workspace.visit_pairs(&locales, None, &progress, check, collect)?;
    } else {
        // Unchanged pairs are not read again (see yaku_project::ResultCache).
        let cache = check_cache(&workspace, &options);
        workspace.visit_pairs_cached(&locales, None, &cache, &progress, check, collect)?;
        if let Err(e) = cache.save() {
            output::eprint(&format!("warning: cannot write the check cache: {e}"));
        }
    }
    progress.finish();
    let (orphaned, fluent) = if args.rule.is_some() {
        // `--rule` reports the QA rule alone.
        (Vec::new(), Vec::new())
    } else {
        (
            orphan_findings(&workspace, &locales)?,
            fluent_findings(&workspace, &locales).map_err(Failure::error)?,
        )
    };
    let outcome = tally.finish(&workspace, glossary.as_ref(), orphaned, fluent);
    let clean = outcome.is_clean();
    let mut printer: Box<dyn Printer> = match args.format {
        CheckFormat::Text => Box::new(TextPrinter::new(args.rule.is_some())),
        CheckFormat::Json => Box::<JsonPrinter>::default(),
        CheckFormat::Github => Box::new(GithubPrinter),
    };
    for finding in outcome.findings {
        printer.finding(finding);
    }
    printer.finish(&outcome.summary);
    if outcome.summary.file_errors > 0 {
        return Err(Failure(
            "error: some files could not be checked; see above".into(),
        ));
    }
    Ok(if clean { Exit::Clean } else { Exit::Findings })
}
