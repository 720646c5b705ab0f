//! `yaku-bench`: generate, mutate and verify benchmark corpora for yaku.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use yaku_bench::{generate, mutate, GenOptions, MutateOptions, Truth};

// The allocator `yaku` uses, so that `floor` times the parse as the build runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Benchmark corpora for yaku: a complete project of N perturbed articles with accepted
/// en and zh-Hans pseudo-translations, and realistic source edits with their ground truth.
#[derive(Debug, Parser)]
#[command(name = "yaku-bench", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a yaku project of N articles × 3 locales in which `yaku check` reports nothing.
    Gen {
        /// Number of source articles.
        #[arg(long)]
        articles: usize,
        /// The folder to write (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Seed of every random choice.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write the baseline source texts to .yaku/sources/ (for `yaku diff`; slow:
        /// one fsynced file per distinct section).
        #[arg(long)]
        store: bool,
        /// Replace the content/, locales/, .yaku/ and yaku.toml of a corpus already in the folder.
        #[arg(long)]
        force: bool,
    },
    /// Edit a fraction of the sources and write the findings `yaku check` must report.
    Mutate {
        /// The corpus folder (made by `gen`, not yet mutated).
        #[arg(long)]
        dir: PathBuf,
        /// Fraction of the source articles to edit, 0 to 1.
        #[arg(long)]
        fraction: f64,
        /// Where to write the ground truth (JSON).
        #[arg(long)]
        truth: PathBuf,
        /// Seed of every random choice.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Compare the output of `yaku check --format json` with a ground truth; exit 1 on
    /// any difference.
    Verify {
        /// The ground truth written by `mutate`.
        #[arg(long)]
        truth: PathBuf,
        /// The saved output of `yaku check --format json` (`-` for standard input).
        #[arg(long)]
        check: PathBuf,
    },
    /// Time what any build of a corpus costs at the least, stage by stage (reading,
    /// writing, parsing, fingerprints, citations), against `cat` of the same files in the
    /// same rounds, and optionally `yaku build --format json` from empty. Warm the page
    /// cache first; run on a quiet machine.
    Floor {
        /// The corpus folder (made by `gen`).
        #[arg(long)]
        dir: PathBuf,
        /// Rounds; each times `cat`, every stage and the build once, in that order.
        #[arg(long, default_value_t = 10)]
        runs: usize,
        /// A `yaku` binary whose `build --format json` from empty is timed in the same
        /// rounds (its output goes to `<dir>/floor-build`, removed after).
        #[arg(long)]
        yaku: Option<PathBuf>,
        /// Time only these stages (repeatable), to profile one.
        #[arg(long, value_enum)]
        only: Vec<yaku_bench::Stage>,
    },
    /// Render the results of `bench/run.sh` as Markdown and write them between the
    /// markers of a file (BENCHMARKS.md), or print them.
    Report {
        /// The results folder written by `bench/run.sh`.
        #[arg(long)]
        results: PathBuf,
        /// The Markdown file whose block between the markers is replaced; prints the
        /// block when not given.
        #[arg(long)]
        into: Option<PathBuf>,
    },
}

fn run(cli: Cli) -> Result<ExitCode, yaku_bench::Error> {
    match cli.command {
        Command::Gen {
            articles,
            out,
            seed,
            store,
            force,
        } => {
            let options = GenOptions {
                articles,
                seed,
                store,
                force,
            };
            let summary = generate(&out, &options)?;
            println!(
                "wrote {articles} articles × 3 locales ({} files, {} bytes) to {}",
                summary.files,
                summary.bytes,
                out.display()
            );
        }
        Command::Mutate {
            dir,
            fraction,
            truth,
            seed,
        } => {
            let result = mutate(&dir, &MutateOptions { fraction, seed })?;
            std::fs::write(&truth, result.to_json())?;
            let findings = result.findings().len();
            println!(
                "mutated {} of {} source articles; {findings} expected findings in {}",
                result.mutated,
                result.articles,
                truth.display()
            );
        }
        Command::Verify { truth, check } => {
            let truth = Truth::read(&truth)?;
            let text = if check.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())?
            } else {
                std::fs::read_to_string(&check)?
            };
            match truth.compare_check(&text) {
                Ok(()) => println!(
                    "the check reports exactly the {} expected findings",
                    truth.findings().len()
                ),
                Err(differences) => {
                    eprintln!("{differences}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Command::Floor {
            dir,
            runs,
            yaku,
            only,
        } => {
            let stages = if only.is_empty() {
                yaku_bench::Stage::ALL.to_vec()
            } else {
                only
            };
            let floor = yaku_bench::Floor::measure(&dir, &stages, runs.max(1), yaku.as_deref())?;
            print!("{}", floor.to_markdown());
        }
        Command::Report { results, into } => {
            let block = yaku_bench::render_report(&results)?;
            match into {
                Some(path) => {
                    let old = std::fs::read_to_string(&path).unwrap_or_default();
                    std::fs::write(&path, yaku_bench::replace_between_markers(&old, &block))?;
                    println!("wrote the results into {}", path.display());
                }
                None => print!("{block}"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
