//! File changes as server-sent events: a watcher (the notify crate) on the content and
//! locales folders sends the changed paths, relative to the project, to every open page.

use std::path::Path;

use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast::Sender;
use yaku_project::Workspace;

/// Watches the project's content and locales folders; each change sends
/// `{"paths": [...]}` to `events`. The watcher must be kept alive.
pub fn watch(
    workspace: &Workspace,
    events: Sender<String>,
) -> notify::Result<notify::RecommendedWatcher> {
    let root = workspace.project.root.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else {
            return;
        };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        let paths: Vec<String> = event
            .paths
            .iter()
            .filter(|p| !is_temporary(p))
            .map(|p| yaku_project::display_path(&root, p))
            .collect();
        if paths.is_empty() {
            return;
        }
        // No page open: nobody to tell.
        let _ = events.send(serde_json::json!({ "paths": paths }).to_string());
    })?;
    let folders = [
        workspace
            .project
            .root
            .join(&workspace.project.config.project.content),
        workspace.project.locales_dir(),
    ];
    for folder in folders.iter().filter(|f| f.is_dir()) {
        watcher.watch(folder, RecursiveMode::Recursive)?;
    }
    Ok(watcher)
}

/// yaku's own temporary files (renamed into place a moment later).
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".yaku-") && n.ends_with(".tmp"))
}
