//! `yaku serve`: the translator workspace in the browser.
//!
//! A local web application over the same library the command line uses: [`Server::bind`]
//! listens on 127.0.0.1 only, on the port asked for (0: a free one), and
//! [`Server::url`] is the address to open, with a random token that the first request
//! exchanges for an HttpOnly, SameSite=Strict cookie ([`security`]). The JSON API
//! ([`api`], documented in `docs/serve.md`) reads through `yaku_project::Workspace` and
//! writes through `yaku_project::save_section` and `accept_pair` (atomic, verified,
//! under the project lock); the pages (`ui/`, embedded in the binary) use only that
//! API. File changes reach open pages as server-sent events ([`events`]).

pub mod api;
pub mod events;
pub mod memory;
pub mod security;
pub mod ui;
pub mod view;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use yaku_project::Workspace;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The port could not be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// The OS error.
        source: std::io::Error,
    },
    /// The async runtime, the random token or the file watcher could not be set up, or
    /// serving failed.
    #[error("{0}")]
    Setup(String),
}

/// What every request handler shares.
pub struct AppState {
    /// The project.
    pub workspace: Workspace,
    /// The secret of the printed URL and of the cookie.
    pub token: String,
    /// The port listened on (what `Host` must name).
    pub port: u16,
    /// File changes, to the open pages.
    pub events: tokio::sync::broadcast::Sender<String>,
    /// The pages' strings in each UI language.
    pub ui: ui::UiStrings,
    /// The project glossary, kept while its file does not change.
    pub glossary: view::GlossaryCache,
}

/// A bound server, not yet serving.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    // Kept alive while serving: dropping it stops the events.
    watcher: Result<notify::RecommendedWatcher, String>,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0: a free port) for the project `workspace`.
    pub fn bind(workspace: Workspace, port: u16) -> Result<Server, ServeError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| ServeError::Setup(format!("cannot start the server runtime: {e}")))?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(SocketAddr::from((
                Ipv4Addr::LOCALHOST,
                port,
            ))))
            .map_err(|source| ServeError::Bind { port, source })?;
        let port = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { port, source })?
            .port();
        let token = security::random_token().map_err(ServeError::Setup)?;
        let (events, _) = tokio::sync::broadcast::channel(64);
        let watcher = events::watch(&workspace, events.clone());
        let ui = ui::UiStrings::load().map_err(ServeError::Setup)?;
        let state = Arc::new(AppState {
            workspace,
            token,
            port,
            events,
            ui,
            glossary: view::GlossaryCache::default(),
        });
        Ok(Server {
            runtime,
            listener,
            state,
            watcher: watcher.map_err(|e| e.to_string()),
        })
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.state.port
    }

    /// Why open pages will not follow changes on disk (the file watcher could not
    /// start), if so: a save on a changed file is still refused.
    pub fn watch_failure(&self) -> Option<&str> {
        self.watcher.as_ref().err().map(String::as_str)
    }

    /// The secret token.
    pub fn token(&self) -> &str {
        &self.state.token
    }

    /// The address to open: the dashboard, with the token.
    pub fn url(&self) -> String {
        format!(
            "http://127.0.0.1:{}/?token={}",
            self.state.port, self.state.token
        )
    }

    /// Serves until the process ends.
    pub fn run(self) -> Result<(), ServeError> {
        let app = api::router(self.state.clone());
        let listener = self.listener;
        self.runtime
            .block_on(async move { axum::serve(listener, app).await })
            .map_err(|e| ServeError::Setup(format!("the server stopped: {e}")))
    }
}
