//! The source store: the source text of every baseline, addressed by fingerprint, so
//! `yaku diff` works in a shallow clone and without git.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use yaku_content::{parse_text, Fingerprint, ParseOptions, SectionKind};

use crate::atomic::write_atomic_unsynced;
use crate::read_regular;

/// A stored source text that cannot be trusted.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct BadBaseline {
    /// The stored file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub reason: String,
}

/// A folder of source texts, one file per fingerprint (`ab/cdef…`).
#[derive(Debug, Clone)]
pub struct SourceStore {
    dir: PathBuf,
    /// How a stored text is parsed to check its fingerprint: with the project's
    /// translatable front-matter keys, which the front matter's fingerprint covers.
    options: ParseOptions,
}

/// The store is where alignment finds the old text of a section whose id and heading
/// the source both changed.
impl yaku_sync::Baselines for SourceStore {
    fn text(&self, fingerprint: yaku_content::Fingerprint) -> Option<String> {
        self.get(fingerprint).ok().flatten()
    }
}

impl SourceStore {
    /// A store kept in `dir` (created on the first write).
    pub fn new(dir: PathBuf) -> Self {
        SourceStore {
            dir,
            options: ParseOptions::default(),
        }
    }

    /// This store, for a project whose translatable front-matter keys are `keys`.
    pub fn with_translatable_keys(self, keys: std::sync::Arc<[String]>) -> Self {
        SourceStore {
            options: ParseOptions {
                translatable_keys: keys,
                ..ParseOptions::default()
            },
            ..self
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, fingerprint: Fingerprint) -> PathBuf {
        let hex = fingerprint.to_string();
        self.dir.join(&hex[..2]).join(&hex[2..])
    }

    /// Keeps `text` under `fingerprint`, unless a sound entry is already there: one that
    /// is damaged (truncated, edited, not UTF-8) is written anew.
    pub fn put(&self, fingerprint: Fingerprint, text: &str) -> io::Result<()> {
        let path = self.path(fingerprint);
        if matches!(self.get(fingerprint), Ok(Some(_))) {
            return Ok(());
        }
        not_through_a_link(&path)?;
        // Unsynced: a torn object is caught by `get` (its fingerprint) and written anew.
        write_atomic_unsynced(&path, text.as_bytes())
            .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
    }

    /// The text kept under `fingerprint`: `Ok(None)` when there is none, an error naming
    /// the file when it is there but is not the text of that fingerprint (a damaged
    /// entry is never shown as the baseline).
    pub fn get(&self, fingerprint: Fingerprint) -> Result<Option<String>, BadBaseline> {
        let path = self.path(fingerprint);
        let bad = |reason: String| BadBaseline {
            path: path.clone(),
            reason,
        };
        if let Err(e) = not_through_a_link(&path) {
            return Err(bad(e.to_string()));
        }
        let bytes = match read_regular(&path) {
            Ok(Some(read)) => read.bytes,
            Ok(None) => return Ok(None),
            Err(e) => return Err(bad(format!("cannot read the stored source text: {e}"))),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| bad("the stored source text is not UTF-8".to_string()))?;
        match fingerprint_of_stored(&text, &self.options) {
            Some(found) if found == fingerprint => Ok(Some(text)),
            _ => Err(bad(format!(
                "the stored source text does not match its fingerprint {fingerprint} (damaged or edited); `yaku accept` writes it anew"
            ))),
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

/// The fingerprint of a stored source text: that of the section it holds (the front
/// matter, a lead, or a headed section), as the parser computes it.
fn fingerprint_of_stored(text: &str, options: &ParseOptions) -> Option<Fingerprint> {
    let parsed = parse_text(text.to_string(), options).ok()?;
    let sections = &parsed.document.sections;
    let section = sections
        .iter()
        .find(|s| s.kind == SectionKind::FrontMatter)
        .or_else(|| sections.iter().find(|s| s.kind == SectionKind::Heading))
        .or_else(|| sections.iter().find(|s| s.kind == SectionKind::Lead))?;
    Some(section.fingerprint())
}

/// Fails when the folder of the object at `path` (its first two hex digits) is a
/// symbolic link: the store's objects are read and written inside the project only.
fn not_through_a_link(path: &Path) -> io::Result<()> {
    let Some(folder) = path.parent() else {
        return Ok(());
    };
    match fs::symlink_metadata(folder) {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a symbolic link, which yaku does not follow (it reads and writes only inside the project); remove it",
                folder.display()
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_entries_are_reported_by_path_and_written_anew() {
        let dir = tempfile::tempdir().unwrap();
        let store = SourceStore::new(dir.path().join("sources"));
        let text = "## 1. 見出し {#a}\n\n本文です。\n\n";
        let fp = Fingerprint::of_normalized(&yaku_content::normalize("## 1. 見出し\n\n本文です。"));
        store.put(fp, text).unwrap();
        assert_eq!(store.get(fp).unwrap().as_deref(), Some(text));
        let path = store.path(fp);
        for damage in [
            &b"## 1. \xE8\xA6"[..],
            b"## 1. \xff\n",
            b"## 1. \xE8\xA6\x8B\n",
        ] {
            fs::write(&path, damage).unwrap();
            let error = store.get(fp).unwrap_err();
            assert_eq!(error.path, path);
            store.put(fp, text).unwrap();
            assert_eq!(store.get(fp).unwrap().as_deref(), Some(text));
        }
    }

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

    #[cfg(unix)]
    #[test]
    fn a_folder_of_the_store_that_is_a_link_is_neither_read_nor_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let store = SourceStore::new(dir.path().join("sources"));
        let fp = Fingerprint::of_text("a");
        let path = store.path(fp);
        // The object as it would be, but in a folder outside, reached by a link.
        let shard = path.parent().unwrap();
        fs::create_dir_all(shard.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(outside.path(), shard).unwrap();
        fs::write(outside.path().join(path.file_name().unwrap()), "a").unwrap();
        let error = store.get(fp).unwrap_err();
        assert!(error.reason.contains("symbolic link"), "{error}");
        let fresh = Fingerprint::of_text("b");
        let fresh_shard = store.path(fresh).parent().unwrap().to_path_buf();
        if fresh_shard != shard {
            fs::remove_file(shard).unwrap();
            std::os::unix::fs::symlink(outside.path(), &fresh_shard).unwrap();
        }
        let error = store.put(fresh, "b").unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        let names: Vec<_> = fs::read_dir(outside.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "nothing was written outside");
    }
}
