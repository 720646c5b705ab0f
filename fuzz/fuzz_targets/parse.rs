//! Any bytes → `parse_document`: never a panic or a stack overflow, and the parts of a
//! parsed document tile its text exactly (ARCHITECTURE.md, yaku-content invariants).

#![no_main]

use libfuzzer_sys::fuzz_target;
use yaku_content::{add_missing_ids, parse_document, ParseOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = parse_document(data, &ParseOptions::default()) else {
        return;
    };
    let document = &parsed.document;
    let mut tiled = String::new();
    for section in &document.sections {
        tiled.push_str(document.slice(&section.span));
        let _ = section.block_counts();
        let _ = section.components();
    }
    if let Some(area) = &document.obsolete {
        tiled.push_str(document.slice(&area.span));
    }
    assert_eq!(tiled.as_bytes(), data, "the parts tile the file");
    for diagnostic in &parsed.diagnostics {
        assert!(diagnostic.span.start <= data.len(), "{diagnostic:?}");
    }
    let _ = add_missing_ids(data);
});
