//! The routes: the pages, and the JSON API they use (documented in `docs/serve.md`).
//! Library work runs on blocking threads; every write goes through yaku-project
//! (`save_section`, `accept_pair`), under the project lock.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use yaku_project::{
    accept_pair, file_version, save_section, section_preview, AcceptRequest, PairAccepted,
    SaveError, SectionSaved, WorkspaceError,
};

use crate::view::{self, ViewError};
use crate::{memory, security, ui, AppState};

type Shared = State<Arc<AppState>>;

/// Every route, behind [`security::guard`].
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(|| page(ui::DASHBOARD_HTML)))
        .route("/doc", get(|| page(ui::DOCUMENT_HTML)))
        .route(
            "/assets/style.css",
            get(|| asset("text/css; charset=utf-8", ui::STYLE_CSS)),
        )
        .route(
            "/assets/app.js",
            get(|| asset("text/javascript; charset=utf-8", ui::APP_JS)),
        )
        .route("/api/ui", get(ui_strings))
        .route("/api/status", get(status))
        .route("/api/doc/{locale}/{doc}", get(document))
        .route(
            "/api/doc/{locale}/{doc}/{section}",
            axum::routing::put(save),
        )
        .route("/api/suggest/{locale}/{doc}/{section}", get(suggest))
        .route("/api/preview/{locale}/{doc}/{section}", get(preview))
        .route("/api/accept", post(accept))
        .route("/api/events", get(events))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(state)
}

async fn page(html: &'static str) -> Response {
    asset("text/html; charset=utf-8", html).await
}

async fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// A JSON error with its status.
fn error(status: StatusCode, message: impl std::fmt::Display) -> Response {
    (status, Json(json!({ "error": message.to_string() }))).into_response()
}

fn view_error(e: ViewError) -> Response {
    match e {
        ViewError::Workspace(
            WorkspaceError::UnknownDocument { .. } | WorkspaceError::UnknownLocale { .. },
        ) => error(StatusCode::NOT_FOUND, e),
        ViewError::Problems(_) | ViewError::Glossary(_) => {
            error(StatusCode::UNPROCESSABLE_ENTITY, e)
        }
        other => error(StatusCode::INTERNAL_SERVER_ERROR, other),
    }
}

/// Runs library work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e))
}

#[derive(Deserialize)]
struct UiQuery {
    lang: Option<String>,
}

async fn ui_strings(
    State(state): Shared,
    Query(query): Query<UiQuery>,
    headers: HeaderMap,
) -> Response {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = ui::negotiate(query.lang.as_deref(), accept);
    let languages: Vec<&str> = ui::UI_LOCALES.iter().map(|(l, _)| *l).collect();
    Json(json!({
        "lang": lang,
        "languages": languages,
        "strings": state.ui.strings(lang),
    }))
    .into_response()
}

async fn status(State(state): Shared) -> Response {
    let work = move || {
        let glossary = state.glossary.get(&state.workspace)?;
        view::status(&state.workspace, glossary.as_ref().as_ref())
    };
    match blocking(work).await {
        Ok(Ok(view)) => Json(view).into_response(),
        Ok(Err(e)) => view_error(e),
        Err(response) => response,
    }
}

async fn document(State(state): Shared, Path((locale, doc)): Path<(String, String)>) -> Response {
    let work = move || {
        let glossary = state.glossary.get(&state.workspace)?;
        view::document(&state.workspace, &locale, &doc, glossary.as_ref().as_ref())
    };
    match blocking(work).await {
        Ok(Ok(view)) => Json(view).into_response(),
        Ok(Err(e)) => view_error(e),
        Err(response) => response,
    }
}

async fn suggest(
    State(state): Shared,
    Path((locale, doc, section)): Path<(String, String, String)>,
) -> Response {
    match blocking(move || memory::suggestions(&state.workspace, &locale, &doc, &section)).await {
        Ok(Ok(found)) => Json(json!({ "suggestions": found })).into_response(),
        Ok(Err(e)) => view_error(e),
        Err(response) => response,
    }
}

/// The section's translation as the HTML build renders it.
async fn preview(
    State(state): Shared,
    Path((locale, doc, section)): Path<(String, String, String)>,
) -> Response {
    let work = move || {
        let pair = view::load_pair(&state.workspace, &locale, &doc)?;
        Ok::<_, ViewError>(section_preview(&state.workspace, &pair, &section))
    };
    match blocking(work).await {
        Ok(Ok(Ok(Some(html)))) => Json(json!({ "html": html })).into_response(),
        Ok(Ok(Ok(None))) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the translation has no such section",
        ),
        Ok(Ok(Err(e))) => error(StatusCode::UNPROCESSABLE_ENTITY, e),
        Ok(Err(e)) => view_error(e),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct SaveBody {
    text: String,
    version: String,
}

/// The section as it is now, for a response: its view in the document read again.
fn section_now(
    state: &AppState,
    locale: &str,
    doc: &str,
    section: &str,
) -> Result<(String, Option<view::SectionView>), ViewError> {
    let glossary = state.glossary.get(&state.workspace)?;
    let view = view::document(&state.workspace, locale, doc, glossary.as_ref().as_ref())?;
    let found = view.sections.into_iter().find(|s| s.id == section);
    Ok((view.version, found))
}

async fn save(
    State(state): Shared,
    Path((locale, doc, section)): Path<(String, String, String)>,
    Json(body): Json<SaveBody>,
) -> Response {
    let work = move || -> Response {
        let saved = save_section(
            &state.workspace,
            &locale,
            &doc,
            &section,
            &body.text,
            &body.version,
        );
        let status = match saved {
            Ok(SectionSaved::Saved { .. }) => StatusCode::OK,
            Ok(SectionSaved::Conflict { .. }) => StatusCode::CONFLICT,
            Err(e) => return save_error(e),
        };
        match section_now(&state, &locale, &doc, &section) {
            Ok((version, now)) => {
                (status, Json(json!({ "version": version, "section": now }))).into_response()
            }
            Err(e) => view_error(e),
        }
    };
    blocking(work).await.unwrap_or_else(|response| response)
}

fn save_error(e: SaveError) -> Response {
    match e {
        SaveError::Workspace(
            WorkspaceError::UnknownDocument { .. } | WorkspaceError::UnknownLocale { .. },
        ) => error(StatusCode::NOT_FOUND, e),
        SaveError::NoTranslation { .. } | SaveError::Edit(_) | SaveError::Project(_) => {
            error(StatusCode::UNPROCESSABLE_ENTITY, e)
        }
        SaveError::Lock(_) => error(StatusCode::LOCKED, e),
        other => error(StatusCode::INTERNAL_SERVER_ERROR, other),
    }
}

#[derive(Deserialize)]
struct AcceptBody {
    locale: String,
    doc: String,
    sections: Vec<String>,
    #[serde(default)]
    reviewed: bool,
    #[serde(default)]
    identical: bool,
    version: String,
}

async fn accept(State(state): Shared, Json(body): Json<AcceptBody>) -> Response {
    blocking(move || accept_now(&state, &body))
        .await
        .unwrap_or_else(|response| response)
}

/// `yaku accept <locale> <doc>#<section>...` with `--reviewed` / `--identical` as asked
/// (never `--force`), if the file is still at `version`.
fn accept_now(state: &AppState, body: &AcceptBody) -> Response {
    let workspace = &state.workspace;
    if body.sections.is_empty() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "say which sections to accept",
        );
    }
    let _lock = match workspace.lock("serve") {
        Ok(lock) => lock,
        Err(e) => return error(StatusCode::LOCKED, e),
    };
    let pair = match view::load_pair(workspace, &body.locale, &body.doc) {
        Ok(pair) => pair,
        Err(e) => return view_error(e),
    };
    let version = file_version(
        pair.translation
            .as_ref()
            .map(|t| t.document.text.as_bytes()),
    );
    if version != body.version {
        return (
            StatusCode::CONFLICT,
            Json(json!({ "version": version, "error": "the file changed since it was shown" })),
        )
            .into_response();
    }
    let glossary = match state.glossary.get(workspace) {
        Ok(glossary) => glossary,
        Err(e) => return view_error(e),
    };
    let mut request = AcceptRequest {
        wanted: BTreeMap::from([(body.doc.clone(), body.sections.clone())]),
        ..AcceptRequest::default()
    };
    request.reviewed = body.reviewed;
    request.identical = body.identical;
    let store = workspace.project.store();
    let accepted = match accept_pair(
        workspace,
        glossary.as_ref().as_ref(),
        &store,
        &pair,
        &request,
    ) {
        Ok(accepted) => accepted,
        // The file was left as it was; the message names it.
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e),
    };
    let now = || {
        yaku_project::read_regular(&pair.translation_path)
            .ok()
            .flatten()
            .map(|read| read.bytes)
    };
    match accepted {
        PairAccepted::NoTranslation { .. } => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "no translation yet; run `yaku sync --locale {}` first",
                body.locale
            ),
        ),
        PairAccepted::ChangedSinceRead => (
            StatusCode::CONFLICT,
            Json(json!({
                "version": file_version(now().as_deref()),
                "error": "the file changed while yaku was working on it; nothing accepted",
            })),
        )
            .into_response(),
        PairAccepted::Accepted { accepted, refused } => {
            let refused: Vec<_> = refused
                .iter()
                .map(|r| {
                    json!({
                        "section": r.section,
                        "refusal": r.refusal,
                        "reason": r.reason(),
                        "findings": r.findings,
                    })
                })
                .collect();
            let accepted: Vec<&str> = accepted.iter().map(|id| id.as_str()).collect();
            Json(json!({
                "version": file_version(now().as_deref()),
                "accepted": accepted,
                "refused": refused,
            }))
            .into_response()
        }
    }
}

async fn events(State(state): Shared) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(state.events.subscribe()).filter_map(|message| {
        message
            .ok()
            .map(|data| Ok(Event::default().event("change").data(data)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
