//! Folders checked to lie inside a root once symbolic links are resolved: the project's
//! folders, for every document read or written, and a build's output folder, for every
//! file it writes.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// A root folder, resolved, and the folders under it found to lie inside it. A folder may
/// be a link that someone put there (`content/en/guide -> /srv/guide`, `dist/en ->
/// /srv/www/en`), which would lead yaku's reads and writes out of the project; the
/// configured folders are checked when the project opens, the folders below them here,
/// each once.
#[derive(Debug)]
pub(crate) struct ConfinedFolders {
    resolved: PathBuf,
    inside: Mutex<HashSet<PathBuf>>,
}

impl ConfinedFolders {
    /// The folders under `root`.
    pub(crate) fn new(root: &Path) -> io::Result<ConfinedFolders> {
        Ok(ConfinedFolders {
            resolved: resolve(root)?,
            inside: Mutex::default(),
        })
    }

    /// `None` when the folder of the file at `path` lies inside the root with its links
    /// resolved; otherwise where it leads.
    pub(crate) fn escape(&self, path: &Path) -> io::Result<Option<PathBuf>> {
        let Some(folder) = path.parent() else {
            return Ok(None);
        };
        let mut inside = self.inside.lock().unwrap_or_else(PoisonError::into_inner);
        if inside.contains(folder) {
            return Ok(None);
        }
        let real = resolve(folder)?;
        if real.starts_with(&self.resolved) {
            inside.insert(folder.to_path_buf());
            return Ok(None);
        }
        Ok(Some(real))
    }

    /// Fails, with an error of kind `InvalidInput` that says what to do, unless the
    /// folder of the file at `path` lies inside the root: for a build's output folder.
    pub(crate) fn check_output(&self, path: &Path) -> io::Result<()> {
        match self.escape(path)? {
            None => Ok(()),
            Some(_) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a symbolic link out of the output folder, and yaku writes nothing \
                     outside the project; remove the link (the next build makes a folder there) \
                     or build into another folder",
                    path.parent().unwrap_or(path).display()
                ),
            )),
        }
    }
}

/// `path` made absolute with every symbolic link resolved: its longest existing ancestor
/// canonicalized, then the parts that do not exist yet (which hold no links) applied
/// as written.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_folder_linked_out_of_the_output_is_refused_and_one_inside_is_not() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let out = project.path().join("dist");
        std::fs::create_dir_all(out.join("ja")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), out.join("en")).unwrap();
        std::os::unix::fs::symlink("ja", out.join("ja-link")).unwrap();
        let folders = ConfinedFolders::new(&out).unwrap();
        assert!(folders.check_output(&out.join("ja/page.json")).is_ok());
        assert!(folders.check_output(&out.join("ja-link/page.json")).is_ok());
        // Not made yet: the build makes a real folder there.
        assert!(folders
            .check_output(&out.join("zh-Hans/guide/page.json"))
            .is_ok());
        assert!(folders.check_output(&out.join("index.json")).is_ok());
        for page in ["en/page.json", "en/sub/page.json"] {
            let error = folders.check_output(&out.join(page)).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{page}");
            assert!(error.to_string().contains("symbolic link"), "{error}");
        }
        let real = folders.escape(&out.join("en/page.json")).unwrap();
        assert_eq!(real, Some(elsewhere.path().canonicalize().unwrap()));
        // Asked again, from the set of folders already found inside.
        assert!(folders.check_output(&out.join("ja/other.json")).is_ok());
        assert!(folders.check_output(&out.join("en/page.json")).is_err());
    }
}
