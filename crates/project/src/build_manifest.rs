//! The build manifest: what an earlier `yaku build` wrote into an output folder, and from
//! which inputs, so that the next build rewrites only the pages whose inputs changed and
//! removes the pages of documents that are gone.
//!
//! It is `.yaku-build-<format>.json` in the output folder, one per format, so that
//! builds of several formats can share a folder. A page is taken as up to date when the
//! build's salt (yaku's version and executable, the format, the JSON style, `yaku.toml`,
//! the component names, the locales built) and its locale's Fluent hash are those of the
//! manifest, its source and translation files still have the stamps they had when the
//! manifest's build read them (and were older than that build, as the check cache
//! requires), and its output file still has the stamp yaku left it with. Anything else
//! (no manifest, a corrupt or foreign one, `--force`) means the page is built again; its
//! file is rewritten only when its bytes change (the output's XXH3-128 hash is recorded).
//!
//! Only files the manifest records are ever removed, and only while they still hold what
//! yaku wrote (same stamp or same hash): a file yaku did not write is left alone. What is
//! removed: the pages of documents that are gone, and the pages of the locales built
//! that this build no longer publishes (a policy failure). The pages of locales not
//! built this time (`--locale`), and of pages not built because a file has errors, are
//! kept, and so is their record.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::ops::Bound::{Excluded, Included, Unbounded};
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use yaku_build::PublishedCounts;

use crate::confined_folders::ConfinedFolders;
use crate::spill::Spill;
use crate::FileStamp;

/// How the name of every build manifest in an output folder starts
/// (`.yaku-build-<format>.json`).
pub const BUILD_MANIFEST_PREFIX: &str = ".yaku-build-";

/// The file name of the build manifest of `format` in the output folder.
pub fn build_manifest_name(format: &str) -> String {
    format!("{BUILD_MANIFEST_PREFIX}{format}.json")
}

/// The version of the manifest's own layout and of what it records; a manifest of
/// another version is ignored.
const LAYOUT: u32 = 2;

/// How much older than the build that recorded it an input must be for its stamp to be
/// trusted: file times come from a coarser clock than `SystemTime::now` (as in the check
/// cache).
const RACY_MARGIN_NS: i128 = 1_000_000_000;

/// Tests that edit files faster than the racy margin, always changing their size, set
/// this to trust every recorded stamp whatever its age, so that pages are reused.
#[cfg(test)]
pub(crate) static TRUST_EVERY_STAMP: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// The XXH3 128-bit hash of an output file's bytes; 32 hex digits in JSON.
///
/// It tells whether a file still holds what the build wrote, or whether a page comes
/// out the same as last time: a check against accidents, not against someone crafting
/// a collision (whoever can write the output folder can write any page). XXH3 hashes
/// a build's pages in a third of BLAKE3's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContentHash(u128);

impl ContentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> ContentHash {
        ContentHash(xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// A [`ContentHash`] of bytes given piece by piece.
#[derive(Default, Clone)]
pub(crate) struct ContentHasher(xxhash_rust::xxh3::Xxh3);

impl ContentHasher {
    /// Adds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The hash of everything added.
    pub fn finish(&self) -> ContentHash {
        ContentHash(self.0.digest128())
    }
}

impl Serialize for ContentHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{:032x}", self.0))
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        u128::from_str_radix(&hex, 16)
            .map(ContentHash)
            .map_err(serde::de::Error::custom)
    }
}

/// A page's output file as yaku left it: its stamp after writing (or after finding it
/// already holding its bytes) and its hash. Its path is the renderer's for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageOutput {
    /// The stamp.
    pub stamp: FileStamp,
    /// The hash of its bytes.
    pub hash: ContentHash,
}

/// A file made once per build (`index.json`, the renderer's own): where, and as yaku
/// left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OutputRecord {
    /// The path relative to the output folder, `/`-separated.
    pub path: String,
    /// Its stamp and hash.
    pub output: PageOutput,
}

/// One page: the translation it was built from (none for the source locale or a missing
/// file), its counts for `index.json`, and its output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageRecord {
    /// The locale.
    pub locale: String,
    /// The translation file's stamp when it was read; `None` when there was none (or
    /// for the source locale).
    pub translation: Option<FileStamp>,
    /// Sections per publication state, as `index.json` lists them.
    pub states: PublishedCounts,
    /// The output file.
    pub output: PageOutput,
}

/// One document: its source file's stamp and its pages, in the order of the locales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DocumentRecord {
    /// The source file's stamp when it was read.
    pub source: FileStamp,
    /// Its pages.
    pub pages: Vec<PageRecord>,
}

/// The manifest as stored.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct StoredManifest {
    /// [`LAYOUT`].
    layout: u32,
    /// What every page depends on besides its own files, hashed.
    salt: String,
    /// When the build that wrote it started, in nanoseconds since the epoch.
    started_ns: i128,
    /// Each locale's Fluent hash.
    fluent: BTreeMap<String, String>,
    /// Every document built, by name.
    documents: BTreeMap<String, DocumentRecord>,
    /// The files written once per build: `index.json` and the renderer's own.
    site_files: Vec<OutputRecord>,
}

/// The previous build's manifest, read at the start of a build, with what this build
/// will record besides its documents: shared, read-only, by every worker of the build.
pub(crate) struct BuildManifest {
    /// The manifest's path.
    path: std::path::PathBuf,
    previous: StoredManifest,
    /// Whether pages of the previous build may be reused (same salt, no `--force`).
    reusable: bool,
    /// This build's salt.
    salt: String,
    /// When this build started, in nanoseconds since the epoch.
    started_ns: i128,
    /// This build's Fluent hash of each locale built.
    fluent: BTreeMap<String, String>,
}

impl BuildManifest {
    /// Reads the manifest of `format` in `out_dir` (an absent or unreadable one is
    /// empty) for a build whose salt is `salt` and whose locales (the keys) have the
    /// Fluent hashes `fluent`. With `force`, no page is reused.
    pub fn open(
        out_dir: &Path,
        format: &str,
        salt: String,
        fluent: BTreeMap<String, String>,
        force: bool,
    ) -> BuildManifest {
        let started_ns = now_ns();
        let path = out_dir.join(build_manifest_name(format));
        let previous = read_manifest(&path).unwrap_or_default();
        let reusable = !force && previous.layout == LAYOUT && previous.salt == salt;
        BuildManifest {
            path,
            previous,
            reusable,
            salt,
            started_ns,
            fluent,
        }
    }

    /// Starts what this build records, its documents set aside in `spill_dir` as they
    /// are recorded.
    pub fn recorder(&self, spill_dir: &Path) -> io::Result<ManifestRecorder<'_>> {
        Ok(ManifestRecorder {
            manifest: self,
            documents: Spill::new(spill_dir)?,
            last: None,
            deferred: true,
            entries: 0,
            kept: 0,
            renewed: 0,
            unmade: Vec::new(),
            site_files: Vec::new(),
        })
    }

    /// The previous record of `doc`'s page in `locale`, if it may be reused as it is:
    /// same salt and Fluent hash of the locale, the source and translation stamps
    /// trusted and unchanged (`source`, `translation`: their stamps now), and the
    /// output file still as yaku left it (`output_stamp`: its stamp now).
    pub fn reusable_page(
        &self,
        doc: &str,
        locale: &str,
        source: Option<FileStamp>,
        translation: Option<FileStamp>,
        output_stamp: Option<FileStamp>,
    ) -> Option<&PageRecord> {
        if !self.reusable || self.previous.fluent.get(locale) != self.fluent.get(locale) {
            return None;
        }
        let record = self.previous.documents.get(doc)?;
        let page = record.pages.iter().find(|p| p.locale == locale)?;
        let trusted = |stamp: &FileStamp| self.trusted(stamp);
        let fresh = Some(record.source) == source
            && trusted(&record.source)
            && page.translation == translation
            && page.translation.as_ref().is_none_or(trusted)
            && output_stamp == Some(page.output.stamp);
        fresh.then_some(page)
    }

    /// The output the previous build left for `doc` in `locale`, when the file still
    /// has the stamp it was left with: a page built again whose bytes hash the same
    /// needs no write (and no read of the old file).
    pub fn unchanged_output(
        &self,
        doc: &str,
        locale: &str,
        output_stamp: Option<FileStamp>,
    ) -> Option<&PageOutput> {
        let record = self.previous.documents.get(doc)?;
        let page = record.pages.iter().find(|p| p.locale == locale)?;
        (Some(page.output.stamp) == output_stamp).then_some(&page.output)
    }

    /// The previous record of a site file (`index.json`, the renderer's own), when the
    /// file still has the stamp it was left with.
    pub fn unchanged_site_file(
        &self,
        path: &str,
        stamp: Option<FileStamp>,
    ) -> Option<&OutputRecord> {
        self.previous
            .site_files
            .iter()
            .find(|f| f.path == path && Some(f.output.stamp) == stamp)
    }

    /// Whether a stamp recorded by the previous build can be trusted to mean the file
    /// did not change: the file was at rest well before that build started.
    fn trusted(&self, stamp: &FileStamp) -> bool {
        #[cfg(test)]
        if TRUST_EVERY_STAMP.load(std::sync::atomic::Ordering::Relaxed) {
            return true;
        }
        stamp.changed_before(self.previous.started_ns.saturating_sub(RACY_MARGIN_NS))
    }
}

/// What a build did to each document, as [`ManifestRecorder::record`] takes it.
#[derive(Debug)]
pub(crate) enum Recorded {
    /// Every page was kept as the previous build left it: its record stands.
    Kept,
    /// Pages were built (or kept) and published: their records, in locale order.
    Built(DocumentRecord),
    /// No page is published (files with errors, policy failures).
    Unpublished,
}

/// What this build records for the next, document by document in document order, set
/// aside in a [`Spill`] (not held in memory), and written at the end by
/// [`ManifestRecorder::save`].
pub(crate) struct ManifestRecorder<'m> {
    manifest: &'m BuildManifest,
    /// The documents' records so far: `"doc":{...}` members, comma-separated.
    documents: Spill,
    /// The last document recorded.
    last: Option<String>,
    /// Whether every document so far kept its previous record, which is then not yet
    /// written: a build that changes nothing writes no manifest, so it need not
    /// serialize one either. Set aside at the first document that does not.
    deferred: bool,
    /// The records set aside.
    entries: usize,
    /// Documents whose previous record stands whole.
    kept: usize,
    /// Documents recorded anew.
    renewed: usize,
    /// The pages of the previous build that this one does not make: path (relative to
    /// the output folder) and output as it was left.
    unmade: Vec<(String, PageOutput)>,
    /// The files written once per build: `index.json` and the renderer's own.
    site_files: Vec<OutputRecord>,
}

impl ManifestRecorder<'_> {
    /// Records what this build did for `doc` (each document once, in name order).
    /// `unreadable`: locales whose page was not built because a file has errors; the
    /// previous build's pages in them stay, with their records, as they were (a failed
    /// build removes no page; they are never reused as they are, since their recorded
    /// stamps are those of the files before the errors). The pages of locales this
    /// build does not build stay too, and are removed with their document (they are
    /// never reused as they are either: the salt names the locales built). `page_path`
    /// gives a page's path (relative to the output folder) from locale and document.
    pub fn record(
        &mut self,
        doc: &str,
        recorded: Recorded,
        unreadable: &[String],
        page_path: &dyn Fn(&str, &str) -> String,
    ) -> io::Result<()> {
        self.forget_gone(Some(doc), page_path)?;
        self.last = Some(doc.to_string());
        let manifest = self.manifest;
        let previous = manifest.previous.documents.get(doc);
        let record = match recorded {
            Recorded::Kept => {
                self.kept += usize::from(previous.is_some());
                if self.deferred {
                    return Ok(());
                }
                previous.map(std::borrow::Cow::Borrowed)
            }
            Recorded::Built(_) | Recorded::Unpublished => {
                // This document's record is not its previous one, if any: what was
                // deferred is set aside now, in order.
                self.set_aside_deferred(Excluded(doc))?;
                let mut record = match recorded {
                    Recorded::Built(record) => Some(record),
                    _ => None,
                };
                if let Some(previous) = previous {
                    let pages = previous.pages.iter();
                    let carried = pages
                        .clone()
                        .filter(|page| unreadable.contains(&page.locale))
                        .chain(pages.filter(|page| !manifest.fluent.contains_key(&page.locale)));
                    for page in carried {
                        record
                            .get_or_insert_with(|| DocumentRecord {
                                source: previous.source,
                                pages: Vec::new(),
                            })
                            .pages
                            .push(page.clone());
                    }
                }
                self.renewed += usize::from(record.is_some());
                record.map(std::borrow::Cow::Owned)
            }
        };
        if let Some(previous) = previous {
            let made = |locale: &str| {
                record
                    .as_ref()
                    .is_some_and(|r| r.pages.iter().any(|p| p.locale == locale))
            };
            for page in previous.pages.iter().filter(|page| !made(&page.locale)) {
                self.unmade
                    .push((page_path(&page.locale, doc), page.output));
            }
        }
        if let Some(record) = record {
            self.set_aside(doc, &record)?;
        }
        Ok(())
    }

    /// Writes `record`, the record of `doc`, into the spill.
    fn set_aside(&mut self, doc: &str, record: &DocumentRecord) -> io::Result<()> {
        if self.entries > 0 {
            self.documents.write_all(b",")?;
        }
        self.entries += 1;
        json(&mut self.documents, doc)?;
        self.documents.write_all(b":")?;
        json(&mut self.documents, record)
    }

    /// Sets aside the deferred records (every previous document before `to`, all of
    /// them kept), once.
    fn set_aside_deferred(&mut self, to: std::ops::Bound<&str>) -> io::Result<()> {
        if !std::mem::take(&mut self.deferred) {
            return Ok(());
        }
        let previous = &self.manifest.previous.documents;
        for (doc, record) in previous.range::<str, _>((Unbounded, to)) {
            self.set_aside(doc, record)?;
        }
        Ok(())
    }

    /// Sets aside the deferred records of the documents recorded so far (every one of
    /// them kept).
    fn set_aside_kept_so_far(&mut self) -> io::Result<()> {
        let last = self.last.clone();
        self.set_aside_deferred(last.as_deref().map_or(Excluded(""), Included))
    }

    /// Notes that the previous build's documents after the last one recorded and before
    /// `next` (to the end: `None`) are gone: their pages are not made, and the records
    /// deferred so far are set aside.
    fn forget_gone(
        &mut self,
        next: Option<&str>,
        page_path: &dyn Fn(&str, &str) -> String,
    ) -> io::Result<()> {
        let from = self.last.as_deref().map_or(Unbounded, Excluded);
        let to = next.map_or(Unbounded, Excluded);
        let manifest = self.manifest;
        let mut gone = manifest
            .previous
            .documents
            .range::<str, _>((from, to))
            .peekable();
        if gone.peek().is_some() {
            self.set_aside_kept_so_far()?;
        }
        for (doc, record) in gone {
            for page in &record.pages {
                self.unmade
                    .push((page_path(&page.locale, doc), page.output));
            }
        }
        Ok(())
    }

    /// Records a site file this build wrote or kept.
    pub fn record_site_file(&mut self, record: OutputRecord) {
        self.site_files.push(record);
    }

    /// Removes every file the previous build recorded that this build does not make
    /// (pages of documents that are gone or no longer published, site files no longer
    /// made), while it still holds what yaku wrote; then the folders left empty. Call
    /// once every document and site file is recorded. Returns the paths removed,
    /// relative to `out_dir`, sorted.
    pub fn remove_stale(
        &mut self,
        out_dir: &Path,
        folders: &ConfinedFolders,
        page_path: &dyn Fn(&str, &str) -> String,
    ) -> io::Result<Vec<String>> {
        self.forget_gone(None, page_path)?;
        let made_once: std::collections::HashSet<&str> =
            self.site_files.iter().map(|f| f.path.as_str()).collect();
        let site_files = self.manifest.previous.site_files.iter();
        let unmade = self
            .unmade
            .iter()
            .map(|(path, output)| (path.as_str(), output))
            .chain(site_files.map(|f| (f.path.as_str(), &f.output)))
            .filter(|(path, _)| !made_once.contains(path));
        let mut removed = Vec::new();
        for (relative, output) in unmade {
            if !is_relative_inside(relative) {
                continue;
            }
            let path = out_dir.join(relative);
            // A folder of the output replaced by a link leads no removal elsewhere.
            let inside = matches!(folders.escape(&path), Ok(None));
            if inside && still_ours(&path, output)? {
                match fs::remove_file(&path) {
                    Ok(()) => removed.push(relative.to_string()),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
                remove_empty_parents(out_dir, &path);
            }
        }
        removed.sort();
        removed.dedup();
        Ok(removed)
    }

    /// Writes this build's manifest into the output folder, atomically, unless it would
    /// record what the previous one does and `all_reused` (no page was built again): a
    /// build that changed nothing writes no file, its own manifest included. (A page
    /// built again because its inputs were too recent to trust is recorded anew, with
    /// this build's start, so that the next build can trust them.) Call after
    /// [`Self::remove_stale`]. Returns whether it wrote.
    pub fn save(mut self, all_reused: bool) -> io::Result<bool> {
        let manifest = self.manifest;
        let previous = &manifest.previous;
        let same = previous.layout == LAYOUT
            && previous.salt == manifest.salt
            && previous.fluent == manifest.fluent
            && self.kept == previous.documents.len()
            && self.renewed == 0
            && previous.site_files == self.site_files;
        if all_reused && same {
            return Ok(false);
        }
        self.set_aside_kept_so_far()?;
        let (documents, site_files) = (self.documents, self.site_files);
        crate::atomic::write_atomic_streamed_unsynced(&manifest.path, |writer| {
            writer.write_all(b"{\"layout\":")?;
            json(writer, &LAYOUT)?;
            writer.write_all(b",\"salt\":")?;
            json(writer, &manifest.salt)?;
            writer.write_all(b",\"started_ns\":")?;
            json(writer, &manifest.started_ns)?;
            writer.write_all(b",\"fluent\":")?;
            json(writer, &manifest.fluent)?;
            writer.write_all(b",\"documents\":{")?;
            documents.copy_to(writer)?;
            writer.write_all(b"},\"site_files\":")?;
            json(writer, &site_files[..])?;
            writer.write_all(b"}\n")
        })?;
        Ok(true)
    }
}

/// `value` as compact JSON into `writer`.
fn json<T: Serialize + ?Sized>(writer: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(writer, value).map_err(io::Error::other)
}

fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

fn read_manifest(path: &Path) -> Option<StoredManifest> {
    let read = crate::read_regular(path).ok().flatten()?;
    serde_json::from_slice(&read.bytes).ok()
}

/// A recorded path yaku would have written: relative, `/`-separated, no `..`. A
/// hand-edited manifest cannot make a build remove anything outside its folder.
fn is_relative_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Whether the file at `path` is still the one yaku wrote: a regular file with the
/// recorded stamp, or, when the stamp differs (copied, touched), with the recorded
/// hash.
fn still_ours(path: &Path, output: &PageOutput) -> io::Result<bool> {
    let stamp = match FileStamp::of(path)? {
        Some(stamp) => stamp,
        None => return Ok(false),
    };
    if stamp == output.stamp {
        return Ok(fs::symlink_metadata(path)?.is_file());
    }
    match crate::read_regular(path) {
        Ok(Some(read)) => Ok(ContentHash::of(&read.bytes) == output.hash),
        Ok(None) => Ok(false),
        // A link or a folder where the page was: not ours.
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(false),
        Err(e) => Err(e),
    }
}

/// Removes the folders between `file` and `out_dir` that are left empty.
fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(dir) = folder {
        if dir == out_dir || !dir.starts_with(out_dir) || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_relative_paths_inside_the_folder_are_ever_removed() {
        assert!(is_relative_inside("en/a.json"));
        assert!(is_relative_inside("content/zh-Hans/skin/a.md"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "en/../../x",
            "en//a",
            "./a",
            "a\\b",
        ] {
            assert!(!is_relative_inside(bad), "{bad}");
        }
    }

    #[test]
    fn a_manifest_reads_back_as_it_was_written() {
        let stamp = FileStamp::from((
            12,
            1_700_000_000_000_000_000,
            1_700_000_000_000_000_001,
            7,
            9,
        ));
        let output = PageOutput {
            stamp,
            hash: ContentHash::of(b"page"),
        };
        let mut stored = StoredManifest {
            layout: LAYOUT,
            salt: "salt".into(),
            started_ns: 1_700_000_000_000_000_002,
            ..StoredManifest::default()
        };
        stored.fluent.insert("en".into(), "f".into());
        stored.documents.insert(
            "skin/a".into(),
            DocumentRecord {
                source: stamp,
                pages: vec![PageRecord {
                    locale: "en".into(),
                    translation: None,
                    states: PublishedCounts::default(),
                    output,
                }],
            },
        );
        stored.site_files.push(OutputRecord {
            path: "index.json".into(),
            output,
        });
        let json = serde_json::to_string(&stored).unwrap();
        assert!(
            json.contains(&format!("\"{:032x}\"", output.hash.0)),
            "{json}"
        );
        let read: StoredManifest = serde_json::from_str(&json).unwrap();
        assert_eq!(read, stored);
    }

    /// A record of an earlier layout (pages hashed another way) reuses no page, whatever
    /// its salt: its hashes could never match, and its stamps would keep stale pages.
    #[test]
    fn a_manifest_of_another_layout_reuses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(build_manifest_name("json"));
        for (layout, reusable) in [(LAYOUT - 1, false), (LAYOUT, true)] {
            let stored = StoredManifest {
                layout,
                salt: "salt".into(),
                ..StoredManifest::default()
            };
            fs::write(&path, serde_json::to_string(&stored).unwrap()).unwrap();
            let manifest =
                BuildManifest::open(dir.path(), "json", "salt".into(), BTreeMap::new(), false);
            assert_eq!(manifest.reusable, reusable, "layout {layout}");
        }
    }

    /// Bytes given whole or piece by piece hash the same, and any change of them changes
    /// the hash.
    #[test]
    fn content_hashes_agree_piece_by_piece_and_tell_bytes_apart() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for cut in [0, 1, 63, 64, 4_096, 99_999, 100_000] {
            let mut hasher = ContentHasher::default();
            hasher.update(&bytes[..cut]);
            hasher.update(&bytes[cut..]);
            assert_eq!(hasher.finish(), ContentHash::of(&bytes), "cut at {cut}");
        }
        let mut changed = bytes.clone();
        changed[50_000] ^= 1;
        assert_ne!(ContentHash::of(&changed), ContentHash::of(&bytes));
        assert_ne!(ContentHash::of(b""), ContentHash::of(b"\0"));
    }

    #[test]
    fn a_file_replaced_by_someone_else_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, "yaku's\n").unwrap();
        let record = PageOutput {
            stamp: FileStamp::of(&path).unwrap().unwrap(),
            hash: ContentHash::of(b"yaku's\n"),
        };
        assert!(still_ours(&path, &record).unwrap());
        // Same bytes under a new stamp: still what yaku wrote.
        fs::remove_file(&path).unwrap();
        fs::write(&path, "yaku's\n").unwrap();
        assert!(still_ours(&path, &record).unwrap());
        fs::write(&path, "someone's\n").unwrap();
        assert!(!still_ours(&path, &record).unwrap());
        fs::remove_file(&path).unwrap();
        assert!(!still_ours(&path, &record).unwrap());
    }
}
