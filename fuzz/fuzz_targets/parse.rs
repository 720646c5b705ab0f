//! Any bytes → `parse_document`: never a panic or a stack overflow, and the parts of a
//! parsed document tile its text exactly (ARCHITECTURE.md, yaku-content invariants), in
//! each dialect and id style (picked by the first byte, the whole input still parsed);
//! the build's parse gives the same sections and diagnostics but for the check summaries;
//! and `add_missing_ids` leaves no heading without an id.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yaku_content::{add_missing_ids, parse_document, Problem, Section};

fuzz_target!(|data: &[u8]| {
    let options = yaku_fuzz::options(data);
    let Ok(parsed) = parse_document(data, &options) else {
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
    // The build's parse differs only by the check summaries it leaves out.
    let built = parse_document(data, &options.for_build()).expect("parses as the check's did");
    assert_eq!(built.diagnostics, parsed.diagnostics);
    let summaries_left_out = |sections: &[Section]| {
        let mut sections = sections.to_vec();
        for s in &mut sections {
            (s.blocks, s.links, s.code, s.link_targets, s.chars) = Default::default();
        }
        sections
    };
    assert_eq!(
        summaries_left_out(&document.sections),
        summaries_left_out(&built.document.sections)
    );
    assert_eq!(
        document.obsolete.as_ref().map(|o| summaries_left_out(&o.sections)),
        built.document.obsolete.as_ref().map(|o| summaries_left_out(&o.sections))
    );
    let Ok(fixed) = add_missing_ids(data, &options) else {
        return;
    };
    let reparsed = parse_document(fixed.as_bytes(), &options).expect("the fixed text parses");
    assert!(
        !reparsed
            .diagnostics
            .iter()
            .any(|d| d.problem == Problem::HeadingWithoutId),
        "a heading still has no id:\n{fixed}\n{:?}",
        reparsed.diagnostics
    );
});
