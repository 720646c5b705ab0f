//! `yaku serve`: the translator workspace in the browser (the yaku-serve crate).

use super::Context;
use crate::{output, Exit, Failure};

/// Arguments of `yaku serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port on 127.0.0.1 (0: any free port; the printed address says which).
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// Open the address in the default browser.
    #[arg(long)]
    open: bool,
}

pub fn run(args: Args, context: &Context) -> Result<Exit, Failure> {
    let workspace = super::open(context)?;
    let server = yaku_serve::Server::bind(workspace, args.port).map_err(Failure::error)?;
    let url = server.url();
    output::print(&format!(
        "yaku serve: open {url}\n(only this computer can connect; the address holds a secret token: do not share it; Ctrl+C stops)\n"
    ));
    output::flush();
    if let Some(why) = server.watch_failure() {
        output::eprint(&format!(
            "warning: open pages will not follow changes on disk ({why}); reload them by hand"
        ));
    }
    if args.open {
        open_browser(&url);
    }
    server.run().map_err(Failure::error)?;
    Ok(Exit::Clean)
}

/// Asks the desktop to open `url`; if it cannot, the printed address is still there.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        output::eprint(&format!(
            "warning: cannot open a browser ({program}: {e}); open the address above"
        ));
    }
}
