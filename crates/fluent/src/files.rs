//! Finding and reading the FTL files of one locale.
//!
//! A locale's resources are the `*.ftl` files directly inside
//! `<locales_dir>/<locale>/`, taken in file-name order so that loading and
//! checking see them the same way on every machine.

use std::io;
use std::path::{Path, PathBuf};

/// One `*.ftl` file of a locale folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FtlFile {
    /// The file name, e.g. `components.ftl`: what matches files across locales.
    pub(crate) name: String,
    /// `dir.join(name)`.
    pub(crate) path: PathBuf,
}

/// Lists the `*.ftl` files directly inside `dir`, sorted by file name.
pub(crate) fn list_ftl_files(dir: &Path) -> io::Result<Vec<FtlFile>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let is_ftl = path.extension().is_some_and(|extension| extension == "ftl");
        let file_type = entry.file_type()?;
        // A link or a special file is not read: it could lead outside the project, never
        // end (a device) or never answer (a pipe). It is an error, not silently skipped.
        if is_ftl && !file_type.is_file() && !file_type.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is not a regular file; yaku reads only regular files and does not follow symbolic links",
                    path.display()
                ),
            ));
        }
        if is_ftl && file_type.is_file() {
            files.push(FtlFile {
                name: entry.file_name().to_string_lossy().into_owned(),
                path,
            });
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// What reading an FTL file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FtlText {
    /// The text, without a leading byte-order mark.
    Text(String),
    /// The file is not UTF-8.
    NotUtf8 {
        /// The text before the first invalid byte, to compute its position.
        valid_prefix: String,
    },
}

/// Reads an FTL file. A UTF-8 byte-order mark is dropped so that positions
/// are those an editor shows and the parser does not see it as junk.
pub(crate) fn read_ftl(path: &Path) -> io::Result<FtlText> {
    let bytes = std::fs::read(path)?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .map_or(bytes.as_slice(), |rest| rest);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => FtlText::Text(text.to_owned()),
        Err(error) => FtlText::NotUtf8 {
            valid_prefix: String::from_utf8_lossy(&bytes[..error.valid_up_to()]).into_owned(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_ftl_files_sorted_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["b.ftl", "a.ftl", "notes.txt"] {
            std::fs::write(dir.path().join(name), "x = y\n").expect("write");
        }
        std::fs::create_dir(dir.path().join("sub.ftl")).expect("mkdir");
        let names: Vec<String> = list_ftl_files(dir.path())
            .expect("list")
            .into_iter()
            .map(|file| file.name)
            .collect();
        assert_eq!(names, ["a.ftl", "b.ftl"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_ftl_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("a.ftl")).expect("link");
        let error = list_ftl_files(dir.path()).unwrap_err();
        assert!(
            error.to_string().contains("a.ftl is not a regular file"),
            "{error}"
        );
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.ftl");
        std::fs::write(&path, "\u{FEFF}x = y\n").expect("write");
        assert_eq!(
            read_ftl(&path).expect("read"),
            FtlText::Text("x = y\n".into())
        );
    }

    #[test]
    fn invalid_utf8_reports_the_valid_prefix() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.ftl");
        std::fs::write(&path, b"x = y\nz = \xFF\n").expect("write");
        assert_eq!(
            read_ftl(&path).expect("read"),
            FtlText::NotUtf8 {
                valid_prefix: "x = y\nz = ".into()
            }
        );
    }
}
