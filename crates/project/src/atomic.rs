//! Atomic writes: a translator's file is either the old bytes or the new ones, never a
//! mix, whatever happens to the process.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::FileStamp;

/// What a verified write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file already held the new bytes; it was not touched.
    Unchanged,
    /// The file now holds the new bytes.
    Replaced,
    /// The file changed since it was read (another program saved it): nothing was
    /// written, so that its new text is not lost.
    ChangedSinceRead,
}

/// Writes `bytes` to `path` atomically, as [`write_atomic`] does, but only while the
/// file is still the one that was read: `read` is its stamp when it was read (`None`:
/// there was no file). The stamp is compared again right before the rename, so an editor
/// that saves the file while yaku works on it keeps its text. A read-only file is not
/// replaced (an error of kind `PermissionDenied`).
pub fn write_atomic_verified(
    path: &Path,
    read: Option<FileStamp>,
    bytes: &[u8],
) -> io::Result<Written> {
    verified(path, read, bytes, || {})
}

/// [`write_atomic_verified`] with `meanwhile` run after the temporary file is complete
/// and before the last check, where tests save the file as an editor would.
fn verified(
    path: &Path,
    read: Option<FileStamp>,
    bytes: &[u8],
    meanwhile: impl FnOnce(),
) -> io::Result<Written> {
    let unchanged = || FileStamp::of(path).map(|now| now == read);
    if !unchanged()? {
        return Ok(Written::ChangedSinceRead);
    }
    if read.is_some() {
        let metadata = fs::symlink_metadata(path)?;
        if metadata.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; make it writable to let yaku change it",
            ));
        }
        if fs::read(path)? == bytes {
            return Ok(Written::Unchanged);
        }
    }
    let mut changed = false;
    let result = replace(
        path,
        |file| file.write_all(bytes),
        || {
            meanwhile();
            settle(read);
            changed = !unchanged()?;
            if changed {
                return Err(io::Error::other("changed since read"));
            }
            Ok(())
        },
    );
    match result {
        Ok(()) => Ok(Written::Replaced),
        Err(_) if changed => Ok(Written::ChangedSinceRead),
        Err(e) => Err(e),
    }
}

/// How long after its last change a file is taken to be at rest. An editor that saves
/// in place truncates the file and then writes it: read in between, the file looks
/// empty and unchanged until the write lands, which may be this long later on a busy
/// machine. A file changed more recently than this is looked at again once it is this
/// old, before it is replaced.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(50);

/// Waits until a file with stamp `read` has been at rest for [`SETTLE`].
fn settle(read: Option<FileStamp>) {
    let Some(age) = read.and_then(|stamp| stamp.age()) else {
        return;
    };
    if let Some(rest) = SETTLE.checked_sub(age) {
        std::thread::sleep(rest);
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, fsynced, then
/// renamed over the original. Does nothing when the file already holds exactly `bytes`.
/// Returns whether the file changed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    write_atomic_with(path, bytes, || Ok(()))
}

/// [`write_atomic`] with a hook that runs after the temporary file is complete and
/// before the rename; an error from it abandons the write. Tests use it to show that an
/// interrupted write leaves the original untouched.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<bool> {
    match fs::read(path) {
        Ok(existing) if existing == bytes => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    replace(path, |file| file.write_all(bytes), before_rename)?;
    Ok(true)
}

/// Writes what `fill` writes to `path` atomically, as [`write_atomic`] does, but streamed
/// into the temporary file and without comparing with what is there: for large files
/// that yaku itself makes (its cache), so that they are never held whole in memory.
pub fn write_atomic_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    streamed(path, fill, Durability::Synced)
}

/// What `fill` writes, through a buffer, into `path` atomically.
fn streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    durability: Durability,
) -> io::Result<()> {
    replace_with(
        path,
        |file| {
            let mut writer = io::BufWriter::new(file);
            fill(&mut writer)?;
            writer.flush()
        },
        || Ok(()),
        durability,
    )
}

/// [`write_atomic`] for a large text that `fill` writes, never held whole in memory:
/// `fill` runs once into a hash, and only when the hash differs from that of the file
/// (read streaming) does it run again into the temporary file. So, as with
/// [`write_atomic`], an unchanged file is not touched. Returns whether it wrote.
pub fn write_atomic_streamed_if_changed(
    path: &Path,
    fill: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> io::Result<bool> {
    let mut hasher = blake3::Hasher::new();
    fill(&mut hasher)?;
    let new = hasher.finalize();
    match fs::File::open(path) {
        Ok(file) => {
            let mut existing = blake3::Hasher::new();
            existing.update_reader(file)?;
            if existing.finalize() == new {
                return Ok(false);
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    write_atomic_streamed(path, |writer| fill(writer))?;
    Ok(true)
}

/// Fills a temporary file next to `path`, makes it durable and renames it over `path`.
fn replace(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    replace_with(path, fill, before_rename, Durability::Synced)
}

/// Whether a replaced file is flushed to disk before the rename.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    /// fsync the file and its folder: after a crash, the old bytes or the new ones.
    Synced,
    /// No fsync: after a crash the file may be empty or partial. Only for files whose
    /// damage is detected when they are read (the store's objects are checked against
    /// their fingerprint) and which are written again then.
    Unsynced,
}

/// [`write_atomic`] without fsync, for content-addressed files that are verified when
/// read: writing a hundred thousand baselines one fsync each would take minutes.
pub(crate) fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(
        path,
        |file| file.write_all(bytes),
        || Ok(()),
        Durability::Unsynced,
    )
}

/// [`write_atomic_streamed`] without fsync, for files yaku makes whose damage is
/// detected when they are next used (a build's outputs and its manifest, checked by
/// stamp): what `fill` writes goes through a buffer into the temporary file.
pub(crate) fn write_atomic_streamed_unsynced(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    streamed(path, fill, Durability::Unsynced)
}

fn replace_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
    before_rename: impl FnOnce() -> io::Result<()>,
    durability: Durability,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A build writes thousands of files: each system call saved here counts, so the
    // folder is made only when it is missing, and a new file gets its mode when it is
    // created rather than by a second call.
    let existing = fs::metadata(path).ok();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".yaku-").suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // A new file is readable by everyone (as the umask allows), as files made by
        // editors are; the temporary file is otherwise private.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut temp = match builder.tempfile_in(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir)?;
            builder.tempfile_in(dir)?
        }
        other => other?,
    };
    fill(temp.as_file_mut())?;
    if durability == Durability::Synced {
        temp.as_file().sync_all()?;
    }
    // Keep the permissions of the file being replaced.
    if let Some(metadata) = existing {
        temp.as_file().set_permissions(metadata.permissions())?;
    }
    // Dropping `temp` on an error removes the temporary file.
    before_rename()?;
    temp.persist(path).map_err(|e| e.error)?;
    if durability == Durability::Unsynced {
        return Ok(());
    }
    if let Ok(dir) = fs::File::open(dir) {
        // Make the rename itself durable; not every platform allows syncing a folder.
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_write_touches_an_unchanged_file_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        let fill = |text: &'static str| {
            move |w: &mut dyn Write| -> io::Result<()> { w.write_all(text.as_bytes()) }
        };
        assert!(write_atomic_streamed_if_changed(&path, fill("one\n")).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\n");
        let before = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!write_atomic_streamed_if_changed(&path, fill("one\n")).unwrap());
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
        assert!(write_atomic_streamed_if_changed(&path, fill("two\n")).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "two\n");
    }

    #[test]
    fn an_interrupted_streamed_write_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        fs::write(&path, "old\n").unwrap();
        let result = write_atomic_streamed(&path, |w| {
            w.write_all(b"half of the new ")?;
            Err(io::Error::other("killed"))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temporary file is removed");
    }

    #[test]
    fn an_interrupted_write_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "translated text\n").unwrap();
        let result = write_atomic_with(&path, b"new", || Err(io::Error::other("killed")));
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "translated text\n");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temporary file is removed");
    }

    /// The process's umask, as Linux reports it (read, not set: tests run in threads).
    #[cfg(unix)]
    fn umask() -> u32 {
        fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("Umask:"))?;
                u32::from_str_radix(line["Umask:".len()..].trim(), 8).ok()
            })
            .unwrap_or(0o022)
    }

    #[test]
    fn a_missing_folder_is_made_for_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("en/guide/a.json");
        write_atomic_unsynced(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_world_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"x").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644 & !umask()
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn a_verified_write_leaves_a_file_saved_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "read by yaku\n").unwrap();
        let stamp = FileStamp::of(&path).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        fs::write(&path, "saved by an editor\n").unwrap();
        let written = write_atomic_verified(&path, stamp, b"synced\n").unwrap();
        assert_eq!(written, Written::ChangedSinceRead);
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved by an editor\n");

        // Saved between the first check and the rename: still kept.
        let stamp = FileStamp::of(&path).unwrap();
        let result = verified(&path, stamp, b"synced\n", || {
            std::thread::sleep(std::time::Duration::from_millis(5));
            fs::write(&path, "saved again\n").unwrap();
        })
        .unwrap();
        assert_eq!(result, Written::ChangedSinceRead);
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved again\n");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temporary file is removed");

        let stamp = FileStamp::of(&path).unwrap();
        assert_eq!(
            write_atomic_verified(&path, stamp, b"synced\n").unwrap(),
            Written::Replaced
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "synced\n");
        let stamp = FileStamp::of(&path).unwrap();
        assert_eq!(
            write_atomic_verified(&path, stamp, b"synced\n").unwrap(),
            Written::Unchanged
        );
        // A file that appeared where there was none is not replaced either.
        let new = dir.path().join("b.md");
        fs::write(&new, "created meanwhile").unwrap();
        assert_eq!(
            write_atomic_verified(&new, None, b"x").unwrap(),
            Written::ChangedSinceRead
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let stamp = FileStamp::of(&path).unwrap();
        let error = write_atomic_verified(&path, stamp, b"y").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read_to_string(&path).unwrap(), "x");
    }

    #[test]
    fn unchanged_content_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        assert!(write_atomic(&path, b"x").unwrap());
        let before = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!write_atomic(&path, b"x").unwrap());
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
        assert!(write_atomic(&path, b"y").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"y");
    }
}
