//! A cache of per-file results that can be trusted without reading the files again.
//!
//! An entry is used only when every file it depends on has exactly the `stat` it had
//! when the entry was made (size, modification and change time in nanoseconds, inode,
//! device) and both times are older than the start of the run that made it. The change
//! time cannot be set by programs (unlike the modification time), so any write to a file
//! gives it a new stamp; the age rule keeps a file written during a run from being
//! trusted, as git does with its index ("racy clean" entries). Anything unexpected (a
//! missing, corrupt or foreign cache file) simply means no entry is used.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{write_atomic, write_atomic_streamed};

/// A file's identity and version as `stat` reports it. Stored as a five-number array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "StoredStamp", from = "StoredStamp")]
pub struct FileStamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
}

/// A stamp as stored: length, modification and change time in nanoseconds, inode,
/// device. The times are written as 64-bit numbers (every time until the year 2262):
/// read back as 128-bit ones, they made reading a build's record or the check's cache
/// take half again as long, to no purpose. A time out of that range is stored clamped,
/// which no file's fresh stamp equals: its entry is simply not used.
type StoredStamp = (u64, i64, i64, u64, u64);

impl From<FileStamp> for StoredStamp {
    fn from(s: FileStamp) -> Self {
        let clamp =
            |ns: i128| i64::try_from(ns).unwrap_or(if ns < 0 { i64::MIN } else { i64::MAX });
        (
            s.len,
            clamp(s.modified_ns),
            clamp(s.changed_ns),
            s.inode,
            s.device,
        )
    }
}

impl From<StoredStamp> for FileStamp {
    fn from((len, modified_ns, changed_ns, inode, device): StoredStamp) -> Self {
        FileStamp {
            len,
            modified_ns: i128::from(modified_ns),
            changed_ns: i128::from(changed_ns),
            inode,
            device,
        }
    }
}

impl FileStamp {
    /// Whether the file last changed (its modification and change time) before `ns`,
    /// in nanoseconds since the epoch: the test of a stamp at rest before a run.
    pub(crate) fn changed_before(&self, ns: i128) -> bool {
        self.modified_ns < ns && self.changed_ns < ns
    }

    /// The stamp of `path` (of a symbolic link itself, never of what it points to);
    /// `None` when it does not exist.
    pub fn of(path: &Path) -> io::Result<Option<FileStamp>> {
        let metadata = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(Self::from_metadata(&metadata)))
    }

    /// How long ago the file last changed (its change time), if that is known and past.
    pub fn age(&self) -> Option<std::time::Duration> {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let age = i128::try_from(now).ok()? - self.changed_ns;
        u64::try_from(age).ok().map(std::time::Duration::from_nanos)
    }

    /// The stamp `metadata` describes.
    #[cfg(unix)]
    pub(crate) fn from_metadata(metadata: &fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: metadata.len(),
            modified_ns: i128::from(metadata.mtime()) * 1_000_000_000
                + i128::from(metadata.mtime_nsec()),
            changed_ns: i128::from(metadata.ctime()) * 1_000_000_000
                + i128::from(metadata.ctime_nsec()),
            inode: metadata.ino(),
            device: metadata.dev(),
        }
    }

    /// The stamp `metadata` describes.
    #[cfg(not(unix))]
    pub(crate) fn from_metadata(metadata: &fs::Metadata) -> FileStamp {
        let ns = |t: io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(i128::MAX, |d| d.as_nanos() as i128)
        };
        FileStamp {
            len: metadata.len(),
            modified_ns: ns(metadata.modified()),
            // Without a change time, a file is never older than a run: nothing is cached.
            changed_ns: i128::MAX,
            inode: 0,
            device: 0,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Entry<V> {
    stamps: Vec<Option<FileStamp>>,
    value: V,
    /// Whether this run used the entry (a hit): hits are kept at the next save. A flag
    /// on the entry, not a shared set of keys, so that lookups from many threads take
    /// no lock and copy no key.
    #[serde(skip)]
    used: AtomicBool,
}

#[derive(Serialize, Deserialize)]
#[serde(bound(deserialize = "V: Deserialize<'de>"))]
struct Stored<V> {
    /// What the results depend on besides the files (program version, settings).
    salt: String,
    /// When the run that made the entries started, in nanoseconds since the epoch.
    started_ns: i128,
    #[serde(deserialize_with = "entries_presized")]
    entries: HashMap<String, Entry<V>>,
}

/// The entries' map, built at its final size: a JSON object does not say how many
/// members it has, and growing a map of tens of thousands of entries one rehash at a
/// time was a tenth of a warm check.
fn entries_presized<'de, D, V>(deserializer: D) -> Result<HashMap<String, Entry<V>>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Members<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Members<V> {
        type Value = Vec<(String, Entry<V>)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of cache entries")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0));
            while let Some(member) = map.next_entry()? {
                members.push(member);
            }
            Ok(members)
        }
    }
    let members = deserializer.deserialize_map(Members(std::marker::PhantomData))?;
    let mut entries = HashMap::with_capacity(members.len());
    entries.extend(members);
    Ok(entries)
}

/// Results keyed by name, each valid while its files keep their stamps.
pub struct ResultCache<V> {
    path: PathBuf,
    salt: String,
    started_ns: i128,
    previous: Stored<V>,
    /// Entries made in this run.
    next: std::sync::Mutex<HashMap<String, Entry<V>>>,
}

/// How much older than the caching run a file must be for its entry to be trusted.
const RACY_MARGIN_NS: i128 = 1_000_000_000;

fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl<V: Serialize + DeserializeOwned + Clone> ResultCache<V> {
    /// Opens the cache at `path`; entries made under another `salt` are ignored. Call
    /// this before reading any file the results depend on.
    pub fn open(path: PathBuf, salt: String) -> Self {
        let started_ns = now_ns();
        // Read whole, then parsed from memory: several times faster than from a reader.
        // A link is not followed (yaku reads nothing outside the project): the cache is
        // then empty, and its save replaces the link with a file.
        let previous = crate::read_regular(&path)
            .ok()
            .flatten()
            .and_then(|read| serde_json::from_slice::<Stored<V>>(&read.bytes).ok())
            .filter(|stored| stored.salt == salt)
            .unwrap_or_else(|| Stored {
                salt: salt.clone(),
                started_ns: i128::MIN,
                entries: HashMap::new(),
            });
        ResultCache {
            path,
            salt,
            started_ns,
            previous,
            next: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The cached value of `key` if every file still has the stamp it had, and was
    /// older than the run that made the entry. A hit is carried over to the next save.
    pub fn get(&self, key: &str, stamps: &[Option<FileStamp>]) -> Option<V> {
        let entry = self.previous.entries.get(key)?;
        // File times come from a coarser clock than `SystemTime::now`, and can lag it:
        // only files at least a second older than the caching run are trusted.
        let trusted_before = self.previous.started_ns.saturating_sub(RACY_MARGIN_NS);
        let trusted = entry.stamps == stamps
            && stamps
                .iter()
                .flatten()
                .all(|s| s.changed_before(trusted_before));
        if !trusted {
            return None;
        }
        entry.used.store(true, Ordering::Relaxed);
        Some(entry.value.clone())
    }

    /// Records the value of `key` computed from files with these stamps.
    pub fn put(&self, key: &str, stamps: &[Option<FileStamp>], value: V) {
        if let Ok(mut next) = self.next.lock() {
            next.insert(
                key.to_string(),
                Entry {
                    stamps: stamps.to_vec(),
                    value,
                    used: AtomicBool::new(false),
                },
            );
        }
    }

    /// Writes the entries of this run (hits and new ones), sorted by key, for the next.
    /// The folder gets a `.gitignore` so the cache is never committed. A run that used
    /// every entry and made none leaves the file as it is: it would write the same
    /// entries, which stay trusted under the run that made them.
    pub fn save(self) -> io::Result<()> {
        let next = self.next.into_inner().unwrap_or_default();
        let hit = |entry: &Entry<V>| entry.used.load(Ordering::Relaxed);
        if next.is_empty() && self.previous.entries.values().all(hit) && self.path.exists() {
            return Ok(());
        }
        let mut entries: Vec<(&String, &Entry<V>)> = self
            .previous
            .entries
            .iter()
            .filter(|(key, entry)| hit(entry) && !next.contains_key(*key))
            .chain(next.iter())
            .collect();
        entries.sort_by_key(|(key, _)| *key);
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
            let ignore = dir.join(".gitignore");
            if !ignore.exists() {
                write_atomic(&ignore, b"# yaku's local cache: never committed.\n*\n")?;
            }
        }
        let stored = StoredRef {
            salt: &self.salt,
            started_ns: self.started_ns,
            entries: SortedEntries(&entries),
        };
        write_atomic_streamed(&self.path, |writer| {
            serde_json::to_writer(writer, &stored).map_err(io::Error::other)
        })
    }
}

/// [`Stored`] made of borrowed parts, for writing.
#[derive(Serialize)]
struct StoredRef<'a, V> {
    salt: &'a str,
    started_ns: i128,
    entries: SortedEntries<'a, V>,
}

/// Entries in key order, written as a JSON object.
struct SortedEntries<'a, V>(&'a [(&'a String, &'a Entry<V>)]);

impl<V: Serialize> Serialize for SortedEntries<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_used_only_while_its_files_are_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        fs::write(&file, "one").unwrap();
        // A file written well before the run that caches it.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let cache_path = dir.path().join("cache/check.json");

        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        let stamps = [FileStamp::of(&file).unwrap()];
        assert_eq!(cache.get("a", &stamps), None);
        cache.put("a", &stamps, 7);
        cache.save().unwrap();

        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        assert_eq!(cache.get("a", &stamps), Some(7));
        cache.save().unwrap();

        // Another salt (a new version, other settings) uses nothing.
        let other: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v2".into());
        assert_eq!(other.get("a", &stamps), None);

        // Same length, new content, even with the old modification time restored: the
        // change time moves, the entry is not used.
        let modified = fs::metadata(&file).unwrap().modified().unwrap();
        fs::write(&file, "two").unwrap();
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        assert_eq!(cache.get("a", &[FileStamp::of(&file).unwrap()]), None);
        assert!(dir.path().join("cache/.gitignore").exists());
    }

    #[test]
    fn a_file_changed_during_the_caching_run_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        let cache_path = dir.path().join("cache.json");
        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        // Written after the run started: its stamp is not older than the run.
        fs::write(&file, "racy").unwrap();
        let stamps = [FileStamp::of(&file).unwrap()];
        cache.put("a", &stamps, 1);
        cache.save().unwrap();
        let cache: ResultCache<u32> = ResultCache::open(cache_path, "v1".into());
        assert_eq!(cache.get("a", &stamps), None);
    }

    #[test]
    fn a_run_that_only_reads_leaves_the_cache_file_alone() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        fs::write(&file, "one").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let cache_path = dir.path().join("cache.json");
        let stamps = [FileStamp::of(&file).unwrap()];
        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        cache.put("a", &stamps, 7);
        cache.save().unwrap();
        let before = fs::metadata(&cache_path).unwrap();
        // Every entry used, none made: nothing to write.
        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        assert_eq!(cache.get("a", &stamps), Some(7));
        cache.save().unwrap();
        let after = fs::metadata(&cache_path).unwrap();
        assert_eq!(
            (before.ino(), before.mtime_nsec()),
            (after.ino(), after.mtime_nsec())
        );
        // An entry not used this run is dropped: the file is written.
        let cache: ResultCache<u32> = ResultCache::open(cache_path.clone(), "v1".into());
        cache.save().unwrap();
        let cache: ResultCache<u32> = ResultCache::open(cache_path, "v1".into());
        assert_eq!(cache.get("a", &stamps), None);
    }

    #[test]
    fn a_stamp_is_stored_as_five_numbers_and_read_back_exactly() {
        let stamp = FileStamp {
            len: 12,
            modified_ns: 1_700_000_000_000_000_000,
            changed_ns: -5,
            inode: u64::MAX,
            device: 9,
        };
        let json = serde_json::to_string(&stamp).unwrap();
        assert_eq!(json, format!("[12,1700000000000000000,-5,{},9]", u64::MAX));
        assert_eq!(serde_json::from_str::<FileStamp>(&json).unwrap(), stamp);
        // A time past what 64 bits hold is stored clamped: it never reads back as a stamp
        // equal to the file's, so its entry is not used.
        let far = FileStamp {
            changed_ns: i128::from(i64::MAX) + 1,
            ..stamp
        };
        let json = serde_json::to_string(&far).unwrap();
        assert_ne!(serde_json::from_str::<FileStamp>(&json).unwrap(), far);
    }

    #[test]
    fn a_corrupt_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache_path = dir.path().join("cache.json");
        fs::write(&cache_path, "{not json").unwrap();
        let cache: ResultCache<u32> = ResultCache::open(cache_path, "v1".into());
        assert_eq!(cache.get("a", &[None]), None);
    }
}
