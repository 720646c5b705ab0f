//! Reading the project's files: regular files only, never through a symbolic link.
//!
//! A translation file committed as a link to `/etc/passwd` or `/dev/zero`, or a FIFO in
//! the content folder, must not make yaku print a secret in an error snippet, read until
//! memory runs out, or hang: such a file is an error that names it.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::FileStamp;

/// A file's bytes and its stamp, taken before the bytes were read: a write that verifies
/// the file still has this stamp knows nobody changed it since.
#[derive(Debug, Clone)]
pub struct ReadFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its stamp when it was opened.
    pub stamp: FileStamp,
}

/// Reads the regular file at `path`; `Ok(None)` when nothing is there. A symbolic link
/// (even to a regular file) or anything else that is not a regular file is an error of
/// kind `InvalidInput` saying what it is.
pub fn read_regular(path: &Path) -> io::Result<Option<ReadFile>> {
    let mut file = match open_no_follow(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            // Opening a link with O_NOFOLLOW fails with ELOOP: say what it is.
            if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(not_regular("a symbolic link"));
            }
            return Err(e);
        }
    };
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_regular(describe(&metadata.file_type())));
    }
    let stamp = FileStamp::from_metadata(&metadata);
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Some(ReadFile { bytes, stamp }))
}

/// Checks that `path`, if it exists, is a regular file and not a link.
pub fn check_regular(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(not_regular(describe(&m.file_type()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// What a file that is not a regular file is, for messages.
pub fn describe(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

fn not_regular(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}; yaku reads only regular files and does not follow symbolic links"),
    )
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused right after.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(not_regular("a symbolic link"));
    }
    fs::File::open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_pipes_and_devices_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "text").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let read = read_regular(&real).unwrap().unwrap();
        assert_eq!(read.bytes, b"text");
        let error = read_regular(&link).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("a symbolic link"), "{error}");
        let error = read_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let fifo = dir.path().join("fifo.md");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let error = read_regular(&fifo).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
        assert!(read_regular(&dir.path().join("absent.md"))
            .unwrap()
            .is_none());
    }
}
