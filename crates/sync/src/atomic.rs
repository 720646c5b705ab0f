//! Atomic writes: a translator's file is either the old bytes or the new ones, never a
//! mix, whatever happens to the process.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

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
    replace(
        path,
        |file| {
            let mut writer = io::BufWriter::new(file);
            fill(&mut writer)?;
            writer.flush()
        },
        || Ok(()),
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
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".yaku-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    fill(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    match fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        Ok(metadata) => fs::set_permissions(temp.path(), metadata.permissions())?,
        // A new file is readable by everyone, as files made by editors are (the
        // temporary file itself is private).
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    // Dropping `temp` on an error removes the temporary file.
    before_rename()?;
    temp.persist(path).map_err(|e| e.error)?;
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

    #[cfg(unix)]
    #[test]
    fn new_files_are_world_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"x").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
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
