//! A file's bytes written aside once, hashed as they go, so that the file itself is
//! written only when they differ from what it holds, and nothing is held in memory.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::Path;

use crate::build_manifest::{ContentHash, ContentHasher};

/// Bytes set aside in an unnamed temporary file in yaku's own folder (`.yaku/`, inside
/// the project), which vanishes when dropped or if yaku is killed.
pub(crate) struct Spill {
    writer: BufWriter<Hashing>,
}

/// The spill's file, hashing what reaches it: whole buffers, not every small write.
struct Hashing {
    file: File,
    hasher: ContentHasher,
}

impl Spill {
    /// An empty spill in `dir` (made if missing).
    pub(crate) fn new(dir: &Path) -> io::Result<Spill> {
        std::fs::create_dir_all(dir)?;
        let file = Hashing {
            file: tempfile::tempfile_in(dir)?,
            hasher: ContentHasher::default(),
        };
        Ok(Spill {
            writer: BufWriter::with_capacity(1 << 16, file),
        })
    }

    /// The hash of everything written so far.
    pub(crate) fn hash(&mut self) -> io::Result<ContentHash> {
        self.writer.flush()?;
        Ok(self.writer.get_ref().hasher.finish())
    }

    /// Copies everything written into `writer`.
    pub(crate) fn copy_to(self, writer: &mut dyn Write) -> io::Result<()> {
        let mut file = self.writer.into_inner().map_err(|e| e.into_error())?.file;
        file.rewind()?;
        io::copy(&mut file, writer)?;
        Ok(())
    }
}

impl Write for Spill {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.writer.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.write_all(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.file.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spill_gives_back_what_was_written_and_its_hash_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::new(&dir.path().join(".yaku")).unwrap();
        let text = "index ".repeat(50_000);
        for word in text.split_inclusive(' ') {
            spill.write_all(word.as_bytes()).unwrap();
        }
        assert_eq!(spill.hash().unwrap(), ContentHash::of(text.as_bytes()));
        let mut copy = Vec::new();
        spill.copy_to(&mut copy).unwrap();
        assert_eq!(copy, text.as_bytes());
        let left: Vec<_> = std::fs::read_dir(dir.path().join(".yaku"))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
