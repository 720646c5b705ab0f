//! A build into a missing output folder, made in a staging folder beside it and renamed
//! into place whole at the end.
//!
//! While a build runs, its output folder may be in use (a server, a browser, another
//! renderer), so every file of it is replaced atomically: a temporary file, then a
//! rename. An output folder that does not exist yet has nobody reading it: the build
//! then writes its files straight into a staging folder, and one rename makes them all
//! appear at once. Half the file system operations go (no temporary file and no rename
//! per file), which on a disk was a third of a build's system time. A build that fails
//! leaves no output folder, as it found none. An existing folder, even an empty one, is
//! never replaced: it may be a mount point, or one a server holds open.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How a build's files reach its output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// Each file replaces the one there atomically: the folder may be in use.
    Replace,
    /// Each file is written where it goes: the folder is a staging folder that nobody
    /// reads before it is renamed to the output folder.
    Staged,
}

impl Placement {
    /// Writes `bytes` to `path`, making its folder when it is missing (without fsync:
    /// see [`crate::atomic::write_atomic_unsynced`]).
    pub(crate) fn write(self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        match self {
            Placement::Replace => crate::atomic::write_atomic_unsynced(path, bytes),
            Placement::Staged => write_new(path, |file| file.write_all(bytes)),
        }
    }

    /// Writes what `fill` writes to `path` through a buffer, as [`Placement::write`].
    pub(crate) fn write_streamed(
        self,
        path: &Path,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        match self {
            Placement::Replace => crate::atomic::write_atomic_streamed_unsynced(path, fill),
            Placement::Staged => write_new(path, |file| {
                let mut writer = io::BufWriter::new(file);
                fill(&mut writer)?;
                writer.flush()
            }),
        }
    }
}

/// Creates the file at `path`, which must not exist (its folder too when missing), and
/// fills it. It gets the mode a replaced file gets when it is new (see
/// [`crate::atomic`]): readable by everyone, as the umask allows.
fn write_new(path: &Path, fill: impl FnOnce(&mut fs::File) -> io::Result<()>) -> io::Result<()> {
    let create = || {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
        options.open(path)
    };
    let mut file = match create() {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            create()?
        }
        other => other?,
    };
    fill(&mut file)
}

/// A staging folder beside a missing output folder, removed when dropped unless
/// [`Staging::publish`] renamed it into place.
pub(crate) struct Staging {
    folder: tempfile::TempDir,
    out_dir: PathBuf,
}

impl Staging {
    /// A staging folder for `out_dir` when nothing is there yet; `None` when something
    /// is (a folder, even an empty one, or a link), and the build replaces files one by
    /// one. Staging folders of `out_dir` that a killed build left are removed first: the
    /// caller holds the project lock, so no other build is using one.
    pub(crate) fn begin(out_dir: &Path) -> io::Result<Option<Staging>> {
        match fs::symlink_metadata(out_dir) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
            Ok(_) => return Ok(None),
        }
        let parent = match out_dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        fs::create_dir_all(parent)?;
        let name = out_dir
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let prefix = format!(".{name}.yaku-staging-");
        for entry in fs::read_dir(parent)? {
            let entry = entry?;
            let left = entry.file_name().to_string_lossy().starts_with(&prefix)
                && entry.file_type()?.is_dir();
            if left {
                fs::remove_dir_all(entry.path())?;
            }
        }
        // A temporary folder gets the mode `create_dir_all` gives (as the umask allows),
        // which the output folder keeps.
        let folder = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(parent)?;
        Ok(Some(Staging {
            folder,
            out_dir: out_dir.to_path_buf(),
        }))
    }

    /// Where the build writes.
    pub(crate) fn path(&self) -> &Path {
        self.folder.path()
    }

    /// The output folder it becomes.
    pub(crate) fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    /// Renames the staging folder to the output folder (in the same folder, so on the
    /// same file system). When something was put there meanwhile, it is left alone (but
    /// for an empty folder, which the rename replaces) and the staging folder is removed.
    pub(crate) fn publish(self) -> io::Result<()> {
        let staged = self.folder.keep();
        let renamed = fs::rename(&staged, &self.out_dir);
        if renamed.is_err() {
            let _ = fs::remove_dir_all(&staged);
        }
        renamed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A staging folder for `dist` in `dir`, holding an `index.json`.
    fn staged_index(dir: &Path) -> Staging {
        let staging = Staging::begin(&dir.join("dist")).unwrap().unwrap();
        Placement::Staged
            .write(&staging.path().join("index.json"), b"[]")
            .unwrap();
        staging
    }

    /// The names in `dir`.
    fn names(dir: &Path) -> Vec<std::ffi::OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    #[test]
    fn only_a_missing_folder_is_staged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site").join("dist");
        assert!(Staging::begin(&out).unwrap().is_some(), "missing");
        fs::create_dir_all(&out).unwrap();
        // It may be a mount point, or a server's: it is not replaced.
        assert!(Staging::begin(&out).unwrap().is_none(), "empty");
        fs::write(out.join("index.json"), "{}").unwrap();
        assert!(Staging::begin(&out).unwrap().is_none(), "holding a file");
        #[cfg(unix)]
        {
            let empty = dir.path().join("empty");
            fs::create_dir(&empty).unwrap();
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&empty, &link).unwrap();
            assert!(Staging::begin(&link).unwrap().is_none(), "a symbolic link");
        }
    }

    #[test]
    fn a_published_staging_folder_becomes_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let staging = Staging::begin(&out).unwrap().unwrap();
        let page = staging.path().join("en").join("a.json");
        Placement::Staged.write(&page, b"{}").unwrap();
        let stamp = crate::cache::FileStamp::of(&page).unwrap();
        staging.publish().unwrap();
        let published = out.join("en").join("a.json");
        assert_eq!(fs::read(&published).unwrap(), b"{}");
        // The file is the one written: a build's record of it stays true.
        assert_eq!(crate::cache::FileStamp::of(&published).unwrap(), stamp);
        assert_eq!(names(dir.path()), ["dist"], "nothing else is left");
        // Folders and files get the modes a build that replaces files gives them.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let replaced = dir.path().join("used").join("en").join("a.json");
            Placement::Replace.write(&replaced, b"{}").unwrap();
            let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode(&out), mode(&dir.path().join("used")), "the folder");
            assert_eq!(mode(&out.join("en")), mode(&dir.path().join("used/en")));
            assert_eq!(mode(&published), mode(&replaced), "a page");
        }
    }

    #[test]
    fn a_staging_folder_a_killed_build_left_is_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let left = dir.path().join(".dist.yaku-staging-AbC123");
        Placement::Staged
            .write(&left.join("en").join("a.json"), b"{}")
            .unwrap();
        // Another output folder's, and a file of someone else's, stay.
        let other = dir.path().join(".site.yaku-staging-AbC123");
        fs::create_dir(&other).unwrap();
        fs::write(dir.path().join(".dist.yaku-staging-notes"), "mine").unwrap();
        let staging = staged_index(dir.path());
        assert!(!left.exists());
        assert!(other.is_dir());
        assert!(dir.path().join(".dist.yaku-staging-notes").is_file());
        staging.publish().unwrap();
        assert!(dir.path().join("dist").join("index.json").is_file());
    }

    #[test]
    fn a_staging_folder_dropped_unpublished_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        drop(staged_index(dir.path()));
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_written_to_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let staging = staged_index(dir.path());
        let out = dir.path().join("dist");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "kept").unwrap();
        assert!(staging.publish().is_err());
        assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "kept");
        assert_eq!(names(dir.path()), ["dist"], "the staging folder is removed");
    }
}
