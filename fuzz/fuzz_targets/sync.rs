//! Bytes split at the first NUL into a source and a translation → `align` and
//! `sync_document`: never a panic; and when both files are free of errors (as the CLI
//! requires before it syncs), the synced text parses and a second sync changes nothing;
//! in each dialect and id style (picked by the first byte, the whole input still parsed).

#![no_main]

use libfuzzer_sys::fuzz_target;
use yaku_content::{parse_document, Document, ParseOptions, Severity};
use yaku_sync::{align, sync_document, SyncOptions};

/// The document, and whether it has no errors.
fn parse(bytes: &[u8], options: &ParseOptions) -> Option<(Document, bool)> {
    let parsed = parse_document(bytes, options).ok()?;
    let clean = parsed
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error);
    Some((parsed.document, clean))
}

fuzz_target!(|data: &[u8]| {
    let source_options = yaku_fuzz::options(data);
    let translation_options = source_options.for_translation();
    let (source, translation) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Some((source, source_clean)) = parse(source, &source_options) else {
        return;
    };
    let translation = match translation.map(|t| parse(t, &translation_options)) {
        Some(None) => return,
        Some(Some(parsed)) => Some(parsed),
        None => None,
    };
    let translation_clean = translation.as_ref().is_none_or(|(_, clean)| *clean);
    let translation = translation.map(|(document, _)| document);
    for purge_obsolete in [false, true] {
        let options = SyncOptions { purge_obsolete };
        let _ = align(&source, translation.as_ref());
        let once = sync_document(&source, translation.as_ref(), options);
        if !(source_clean && translation_clean) {
            continue;
        }
        let (synced, synced_clean) =
            parse(once.text.as_bytes(), &translation_options).expect("a synced file parses");
        assert!(synced_clean, "a synced file has no errors:\n{}", once.text);
        let twice = sync_document(&source, Some(&synced), options);
        assert_eq!(twice.text, once.text, "sync is idempotent");
    }
});
