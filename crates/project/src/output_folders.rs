//! The folders a build writes into, each checked to lie inside its output folder once
//! symbolic links are resolved.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The output folder of a build, resolved, and the folders under it found to lie inside
/// it. The output folder itself is checked before a build starts (`check_output_folder`);
/// a folder inside it may still be a link that someone put there (`dist/en ->
/// /srv/www/en`), which would lead the build's writes, and its reads of the pages there,
/// out of the project. Each folder is resolved once per build.
pub(crate) struct OutputFolders {
    resolved: PathBuf,
    inside: Mutex<HashSet<PathBuf>>,
}

impl OutputFolders {
    /// The folders of the output folder at `out_dir`.
    pub(crate) fn new(out_dir: &Path) -> io::Result<OutputFolders> {
        Ok(OutputFolders {
            resolved: resolve(out_dir)?,
            inside: Mutex::default(),
        })
    }

    /// Fails, with an error of kind `InvalidInput` that says what to do, unless the
    /// folder of the file at `path` lies inside the output folder with its links
    /// resolved.
    pub(crate) fn check(&self, path: &Path) -> io::Result<()> {
        let Some(folder) = path.parent() else {
            return Ok(());
        };
        let mut inside = self.inside.lock().unwrap_or_else(PoisonError::into_inner);
        if inside.contains(folder) {
            return Ok(());
        }
        if resolve(folder)?.starts_with(&self.resolved) {
            inside.insert(folder.to_path_buf());
            return Ok(());
        }
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a symbolic link out of the output folder, and yaku writes nothing \
                 outside the project; remove the link (the next build makes a folder there) \
                 or build into another folder",
                folder.display()
            ),
        ))
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
        let folders = OutputFolders::new(&out).unwrap();
        assert!(folders.check(&out.join("ja/page.json")).is_ok());
        assert!(folders.check(&out.join("ja-link/page.json")).is_ok());
        // Not made yet: the build makes a real folder there.
        assert!(folders.check(&out.join("zh-Hans/guide/page.json")).is_ok());
        assert!(folders.check(&out.join("index.json")).is_ok());
        for page in ["en/page.json", "en/sub/page.json"] {
            let error = folders.check(&out.join(page)).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{page}");
            assert!(error.to_string().contains("symbolic link"), "{error}");
        }
        // Asked again, from the set of folders already found inside.
        assert!(folders.check(&out.join("ja/other.json")).is_ok());
        assert!(folders.check(&out.join("en/page.json")).is_err());
    }
}
