//! The project lock: one writing command at a time.
//!
//! `yaku sync` and `yaku accept` both read a translation, compute its new text and
//! rename it into place; run together, each would overwrite what the other wrote. Every
//! command that writes takes an advisory lock on `.yaku/lock` first, and one that finds
//! it held stops at once, naming the command that holds it. The lock is the operating
//! system's, so a killed command never leaves it held.

use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock, held until dropped.
#[derive(Debug)]
pub struct ProjectLock {
    _file: fs::File,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another command holds it.
    #[error("another yaku command is writing in this project ({holder})")]
    Held {
        /// The lock file.
        path: PathBuf,
        /// What the holder wrote into it: its process id and command.
        holder: String,
    },
    /// The lock file could not be opened or locked.
    #[error("cannot lock {path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

impl ProjectLock {
    /// Takes the lock of the project whose state folder is `yaku_dir` (`.yaku/`) for
    /// `command` (shown to whoever finds it held).
    pub fn acquire(yaku_dir: &Path, command: &str) -> Result<ProjectLock, LockError> {
        let path = yaku_dir.join("lock");
        let io_error = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(yaku_dir).map_err(io_error)?;
        ignore_in_git(yaku_dir).map_err(io_error)?;
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // A link is not followed: the lock's holder is written into the file, which
        // must be yaku's own, not wherever a link leads.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        #[cfg(not(unix))]
        crate::files::check_regular(&path).map_err(io_error)?;
        let mut file = match options.open(&path) {
            Ok(file) => file,
            Err(_) if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) => {
                return Err(io_error(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "it is a symbolic link, which yaku does not follow; remove it (yaku makes the file again)",
                )));
            }
            Err(e) => return Err(io_error(e)),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = match holder.trim() {
                    "" => "a command that has just started".to_string(),
                    text => text.to_string(),
                };
                return Err(LockError::Held { path, holder });
            }
            Err(fs::TryLockError::Error(e)) => return Err(io_error(e)),
        }
        // Who holds it, for the message another command shows.
        let record = format!("process {}: yaku {command}\n", std::process::id());
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(record.as_bytes()))
            .map_err(io_error)?;
        Ok(ProjectLock { _file: file })
    }
}

/// Keeps the lock file out of git: `.yaku/.gitignore` names it, unless the project
/// already has such a file (then it is the project's to write).
fn ignore_in_git(yaku_dir: &Path) -> io::Result<()> {
    let ignore = yaku_dir.join(".gitignore");
    match fs::symlink_metadata(&ignore) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => crate::write_atomic(
            &ignore,
            b"# Written by yaku: the lock of writing commands.\n/lock\n",
        )
        .map(|_| ()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_holder_named_until_the_first_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let yaku = dir.path().join(".yaku");
        let first = ProjectLock::acquire(&yaku, "sync").unwrap();
        match ProjectLock::acquire(&yaku, "accept") {
            Err(LockError::Held { holder, .. }) => {
                assert_eq!(holder, format!("process {}: yaku sync", std::process::id()));
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        ProjectLock::acquire(&yaku, "accept").unwrap();
        assert_eq!(
            fs::read_to_string(yaku.join(".gitignore")).unwrap(),
            "# Written by yaku: the lock of writing commands.\n/lock\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_a_link_is_refused_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("notes.txt");
        fs::write(&target, "a translator's notes").unwrap();
        let yaku = dir.path().join(".yaku");
        fs::create_dir_all(&yaku).unwrap();
        std::os::unix::fs::symlink(&target, yaku.join("lock")).unwrap();
        let Err(error) = ProjectLock::acquire(&yaku, "sync") else {
            panic!("a lock that is a link was taken");
        };
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "a translator's notes");
        // Without the link, the lock is taken.
        fs::remove_file(yaku.join("lock")).unwrap();
        assert!(ProjectLock::acquire(&yaku, "sync").is_ok());
    }
}
