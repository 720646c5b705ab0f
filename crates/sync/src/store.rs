//! The source store: the source text of every baseline, addressed by fingerprint, so
//! `yaku diff` works in a shallow clone and without git.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use yaku_content::Fingerprint;

use crate::write_atomic;

/// A folder of source texts, one file per fingerprint (`ab/cdef…`).
#[derive(Debug, Clone)]
pub struct SourceStore {
    dir: PathBuf,
}

impl SourceStore {
    /// A store kept in `dir` (created on the first write).
    pub fn new(dir: PathBuf) -> Self {
        SourceStore { dir }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, fingerprint: Fingerprint) -> PathBuf {
        let hex = fingerprint.to_string();
        self.dir.join(&hex[..2]).join(&hex[2..])
    }

    /// Keeps `text` under `fingerprint`, unless an entry is already there.
    pub fn put(&self, fingerprint: Fingerprint, text: &str) -> io::Result<()> {
        let path = self.path(fingerprint);
        if path.exists() {
            return Ok(());
        }
        write_atomic(&path, text.as_bytes()).map(|_| ())
    }

    /// The text kept under `fingerprint`, if any.
    pub fn get(&self, fingerprint: Fingerprint) -> io::Result<Option<String>> {
        match fs::read_to_string(self.path(fingerprint)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every fingerprint in the store, sorted.
    pub fn entries(&self) -> io::Result<Vec<Fingerprint>> {
        let mut out = Vec::new();
        if !self.dir.is_dir() {
            return Ok(out);
        }
        for shard in fs::read_dir(&self.dir)? {
            let shard = shard?;
            if !shard.file_type()?.is_dir() {
                continue;
            }
            let prefix = shard.file_name().to_string_lossy().into_owned();
            for entry in fs::read_dir(shard.path())? {
                let name = entry?.file_name().to_string_lossy().into_owned();
                if let Ok(fp) = format!("{prefix}{name}").parse() {
                    out.push(fp);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Deletes every entry not in `keep`; returns what was deleted, sorted.
    pub fn gc(&self, keep: &BTreeSet<Fingerprint>) -> io::Result<Vec<Fingerprint>> {
        let mut removed = Vec::new();
        for fp in self.entries()? {
            if !keep.contains(&fp) {
                let path = self.path(fp);
                fs::remove_file(&path)?;
                if let Some(shard) = path.parent() {
                    // Only succeeds when the shard is empty, which is what we want.
                    let _ = fs::remove_dir(shard);
                }
                removed.push(fp);
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_and_gc() {
        let dir = tempfile::tempdir().unwrap();
        let store = SourceStore::new(dir.path().join("sources"));
        let a = Fingerprint::of_text("a");
        let b = Fingerprint::of_text("b");
        store.put(a, "a").unwrap();
        store.put(b, "b").unwrap();
        assert_eq!(store.get(a).unwrap().as_deref(), Some("a"));
        let removed = store.gc(&BTreeSet::from([a])).unwrap();
        assert_eq!(removed, [b]);
        assert_eq!(store.get(b).unwrap(), None);
        assert_eq!(store.entries().unwrap(), [a]);
    }
}
