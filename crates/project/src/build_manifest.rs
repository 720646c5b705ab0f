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
//! file is rewritten only when its bytes change (the output's BLAKE3 hash is recorded).
//!
//! Only files the manifest records are ever removed, and only while they still hold what
//! yaku wrote (same stamp or same hash): a file yaku did not write is left alone. What is
//! removed: the pages of documents that are gone, and the pages of the locales built
//! that this build no longer publishes (a policy failure). The pages of locales not
//! built this time (`--locale`), and of pages not built because a file has errors, are
//! kept, and so is their record.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use yaku_build::PublishedCounts;

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
const LAYOUT: u32 = 1;

/// How much older than the build that recorded it an input must be for its stamp to be
/// trusted: file times come from a coarser clock than `SystemTime::now` (as in the check
/// cache).
const RACY_MARGIN_NS: i128 = 1_000_000_000;

/// Tests that edit files faster than the racy margin, always changing their size, set
/// this to trust every recorded stamp whatever its age, so that pages are reused.
#[cfg(test)]
pub(crate) static TRUST_EVERY_STAMP: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// The first 128 bits of the BLAKE3 hash of a file's bytes; 32 hex digits in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContentHash(u128);

impl ContentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> ContentHash {
        ContentHash::from(blake3::hash(bytes))
    }
}

impl From<blake3::Hash> for ContentHash {
    fn from(hash: blake3::Hash) -> ContentHash {
        let mut first = [0; 16];
        first.copy_from_slice(&hash.as_bytes()[..16]);
        ContentHash(u128::from_be_bytes(first))
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

/// The previous build's manifest, read at the start of a build, and what this build
/// records for the next.
pub(crate) struct BuildManifest {
    /// The manifest's path.
    path: std::path::PathBuf,
    previous: StoredManifest,
    /// Whether pages of the previous build may be reused (same salt, no `--force`).
    reusable: bool,
    /// What this build records anew: documents built (fully or in part), site files.
    next: StoredManifest,
    /// Documents whose previous record stands as it is (every page kept): not copied
    /// into `next`, but written with it.
    kept: std::collections::HashSet<String>,
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
            next: StoredManifest {
                layout: LAYOUT,
                salt,
                started_ns,
                fluent,
                documents: BTreeMap::new(),
                site_files: Vec::new(),
            },
            kept: std::collections::HashSet::new(),
        }
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
        if !self.reusable || self.previous.fluent.get(locale) != self.next.fluent.get(locale) {
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
        let [_, modified_ns, changed_ns, _, _] = <[i128; 5]>::from(*stamp);
        let before = self.previous.started_ns.saturating_sub(RACY_MARGIN_NS);
        modified_ns < before && changed_ns < before
    }

    /// Records what this build did for `doc` (its pages, in locale order).
    pub fn record_document(&mut self, doc: &str, record: DocumentRecord) {
        self.next.documents.insert(doc.to_string(), record);
    }

    /// Keeps the previous build's pages of `doc` in `locales` (pages not built because a
    /// file has errors), with their records, as they were: a failed build removes no
    /// page. They are never reused as they are: their recorded stamps are those of the
    /// files before the errors.
    pub fn keep_pages(&mut self, doc: &str, locales: &[String]) {
        let Some(previous) = self.previous.documents.get(doc) else {
            return;
        };
        let pages = previous
            .pages
            .iter()
            .filter(|page| locales.contains(&page.locale));
        let mut pages = pages.cloned().peekable();
        if pages.peek().is_none() {
            return;
        }
        let record = self
            .next
            .documents
            .entry(doc.to_string())
            .or_insert_with(|| DocumentRecord {
                source: previous.source,
                pages: Vec::new(),
            });
        record.pages.extend(pages);
    }

    /// Records that every page of `doc` was kept: its previous record stands.
    pub fn keep_document(&mut self, doc: String) {
        if self.previous.documents.contains_key(&doc) {
            self.kept.insert(doc);
        }
    }

    /// The record of every document this build leaves, in name order: its own or, for
    /// a document kept whole, the previous build's.
    fn documents(&self) -> impl Iterator<Item = (&String, &DocumentRecord)> {
        let kept = self
            .previous
            .documents
            .iter()
            .filter(|(doc, _)| self.kept.contains(*doc));
        let mut kept = kept.peekable();
        let mut built = self.next.documents.iter().peekable();
        std::iter::from_fn(move || match (kept.peek(), built.peek()) {
            (Some((a, _)), Some((b, _))) if a < b => kept.next(),
            (Some(_), Some(_)) | (None, Some(_)) => built.next(),
            (Some(_), None) => kept.next(),
            (None, None) => None,
        })
    }

    /// Carries over the pages of locales this build does not build, of the documents
    /// in `documents` (the project's, sorted): they stay, and are removed with their
    /// document. (They are never reused as they are: the salt names the locales built.)
    pub fn keep_unbuilt_locales(&mut self, documents: &[String]) {
        for (doc, previous) in &self.previous.documents {
            if documents.binary_search(doc).is_err() || self.kept.contains(doc) {
                continue;
            }
            let unbuilt = previous
                .pages
                .iter()
                .filter(|page| !self.next.fluent.contains_key(&page.locale));
            let mut unbuilt = unbuilt.cloned().peekable();
            if unbuilt.peek().is_none() {
                continue;
            }
            let record = self
                .next
                .documents
                .entry(doc.clone())
                .or_insert_with(|| DocumentRecord {
                    source: previous.source,
                    pages: Vec::new(),
                });
            record.pages.extend(unbuilt);
        }
    }

    /// Records a site file this build wrote or kept.
    pub fn record_site_file(&mut self, record: OutputRecord) {
        self.next.site_files.push(record);
    }

    /// Removes every file the previous build recorded that this build did not produce
    /// (pages of documents that are gone or no longer built, site files of another
    /// format), while it still holds what yaku wrote; then the folders left empty.
    /// `page_path` gives a page's path (relative to `out_dir`) from its locale and
    /// document. Returns the paths removed, relative to `out_dir`, sorted.
    pub fn remove_stale(
        &self,
        out_dir: &Path,
        page_path: &dyn Fn(&str, &str) -> String,
    ) -> io::Result<Vec<String>> {
        let kept_pages = self
            .previous
            .documents
            .iter()
            .filter(|(doc, _)| self.kept.contains(*doc))
            .flat_map(|(doc, record)| {
                record
                    .pages
                    .iter()
                    .map(move |page| page_path(&page.locale, doc))
            });
        let produced: std::collections::HashSet<String> = self
            .next
            .outputs(page_path)
            .map(|(path, _)| path)
            .chain(kept_pages)
            .collect();
        let mut removed = Vec::new();
        for (relative, output) in self.previous.outputs(page_path) {
            if produced.contains(&relative) || !is_relative_inside(&relative) {
                continue;
            }
            let path = out_dir.join(&relative);
            if inside(out_dir, &path) && still_ours(&path, output)? {
                match fs::remove_file(&path) {
                    Ok(()) => removed.push(relative),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
                remove_empty_parents(out_dir, &path);
            }
        }
        removed.sort();
        Ok(removed)
    }

    /// Writes this build's manifest into `out_dir`, atomically, unless it would record
    /// what the previous one does and `all_reused` (no page was built again): a build
    /// that changed nothing writes no file, its own manifest included. (A page built
    /// again because its inputs were too recent to trust is recorded anew, with this
    /// build's start, so that the next build can trust them.) Returns whether it wrote.
    pub fn save(&self, all_reused: bool) -> io::Result<bool> {
        let (previous, next) = (&self.previous, &self.next);
        let same = previous.layout == next.layout
            && previous.salt == next.salt
            && previous.fluent == next.fluent
            && self.kept.len() == previous.documents.len()
            && next.documents.is_empty()
            && previous.site_files == next.site_files;
        if all_reused && same {
            return Ok(false);
        }
        let stored = Stored {
            layout: next.layout,
            salt: &next.salt,
            started_ns: next.started_ns,
            fluent: &next.fluent,
            documents: Documents(self),
            site_files: &next.site_files,
        };
        crate::atomic::write_atomic_streamed_unsynced(&self.path, |writer| {
            serde_json::to_writer(&mut *writer, &stored).map_err(io::Error::other)?;
            writer.write_all(b"\n")
        })?;
        Ok(true)
    }
}

/// The manifest this build writes: [`StoredManifest`]'s layout, with the documents
/// kept whole taken from the previous one.
#[derive(Serialize)]
struct Stored<'a> {
    layout: u32,
    salt: &'a str,
    started_ns: i128,
    fluent: &'a BTreeMap<String, String>,
    documents: Documents<'a>,
    site_files: &'a [OutputRecord],
}

/// Every document's record, as [`BuildManifest::documents`] gives them: a JSON object.
struct Documents<'a>(&'a BuildManifest);

impl Serialize for Documents<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.documents())
    }
}

impl StoredManifest {
    /// Every output file recorded, with its path: pages (`page_path` gives theirs from
    /// locale and document), then site files.
    fn outputs<'a>(
        &'a self,
        page_path: &'a dyn Fn(&str, &str) -> String,
    ) -> impl Iterator<Item = (String, &'a PageOutput)> + 'a {
        self.documents
            .iter()
            .flat_map(move |(doc, record)| {
                record
                    .pages
                    .iter()
                    .map(move |page| (page_path(&page.locale, doc), &page.output))
            })
            .chain(self.site_files.iter().map(|f| (f.path.clone(), &f.output)))
    }
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

/// Whether `path`'s folder, its links resolved, is still inside `out_dir`: a folder of
/// the output replaced by a link leads no removal elsewhere.
fn inside(out_dir: &Path, path: &Path) -> bool {
    let resolved = |p: &Path| p.canonicalize().ok();
    match (path.parent().and_then(resolved), resolved(out_dir)) {
        (Some(folder), Some(out)) => folder.starts_with(out),
        _ => false,
    }
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
        let stamp = FileStamp::from([
            12,
            1_700_000_000_000_000_000,
            1_700_000_000_000_000_001,
            7,
            9,
        ]);
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
