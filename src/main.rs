//! `yaku`: the command line of the yaku translation workspace.
//!
//! This crate only parses arguments, calls the libraries and prints. Each subcommand
//! lives in its own module under `cmd/`.

mod cmd;
mod github;
mod output;
mod printer;
mod report;

use std::process::ExitCode;

use clap::Parser;

use crate::cmd::Command;
use crate::output::ColorChoice;

// The commands parse thousands of documents on every core, allocating many small
// strings and vectors: mimalloc's heaps, one for each worker, make that about a quarter
// faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Keeps the kernel from backing the allocator's arenas with transparent huge pages,
/// which would make every touched 4 KiB count as 2 MiB of resident memory (three times
/// the peak of `yaku check` on 1,000 articles) for no measurable speed.
fn no_transparent_huge_pages() {
    // Failure (a kernel without the flag) only leaves the default.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
}

/// yaku keeps translations of Markdown articles aligned with their source, section by
/// section.
#[derive(Debug, Parser)]
#[command(name = "yaku", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    /// The project folder (holding yaku.toml); found by walking up from the current
    /// folder when not given.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<std::path::PathBuf>,

    /// When to colour output: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

/// How a command ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing to report.
    Clean,
    /// Findings were reported.
    Findings,
}

/// A command that could not run; the message is already rendered for people.
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    /// `error: {what}`, for a failure that names its file itself.
    pub fn error(what: impl std::fmt::Display) -> Failure {
        Failure(format!("error: {what}"))
    }
}

fn main() -> ExitCode {
    no_transparent_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let context = cmd::Context {
        root: cli.root,
        color: cli.color.resolve(),
    };
    let result = cmd::run(cli.command, &context);
    output::flush();
    if let Some(error) = output::stdout_failure() {
        output::eprint(&format!(
            "error: cannot write to standard output: {error}\nhelp: the output is incomplete"
        ));
        return ExitCode::from(2);
    }
    match result {
        Ok(Exit::Clean) => ExitCode::SUCCESS,
        Ok(Exit::Findings) => ExitCode::from(1),
        Err(Failure(message)) => {
            output::eprint(&message);
            ExitCode::from(2)
        }
    }
}
