//! Bytes split at the first NUL into a source and a translation → `build_document` for
//! the source locale and the target, each rendered as HTML and Hugo (and serialized as
//! JSON): never a panic or a stack overflow, whatever the files hold, and never a
//! control character in an HTML page; in each dialect and id style (picked by the first
//! byte, the whole input still parsed).

#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use yaku_build::{
    build_document, render_html, render_hugo, Alternate, BuildInput, FoldedSections, Labels,
    LocaleContext, ResolvedComponents, SectionBlocks,
};
use yaku_content::{parse_text_with, Document, ParseOptions};
use yaku_sync::{MissingPolicy, Policy, StalePolicy};

/// The document, and its sections' blocks folded while it was parsed (as `yaku build`
/// has them).
fn parse(bytes: &[u8], options: &ParseOptions) -> Option<(Document, Option<SectionBlocks>)> {
    let text = String::from_utf8(bytes.to_vec()).ok()?;
    let mut folded = FoldedSections::default();
    let document = parse_text_with(text, options, &mut folded).ok()?.document;
    let blocks = folded.finish(&document);
    Some((document, blocks))
}

fn input((document, blocks): &(Document, Option<SectionBlocks>)) -> BuildInput<'_> {
    BuildInput {
        document,
        blocks: blocks.as_ref(),
        single_use: false,
    }
}

fuzz_target!(|data: &[u8]| {
    // As `yaku build` parses: no check summaries.
    let source_options = yaku_fuzz::options(data).for_build();
    let translation_options = yaku_fuzz::options(data).for_translation().for_build();
    let (source, translation) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Some(source) = parse(source, &source_options) else {
        return;
    };
    let translation = translation.and_then(|t| parse(t, &translation_options));
    let labels = Labels {
        toc: "Contents".into(),
        fallback_notice: "Fallback".into(),
        stale_notice: "Stale".into(),
        language: "Language".into(),
        callouts: BTreeMap::new(),
    };
    let alternates = vec![
        Alternate {
            locale: "ja".into(),
            path: "ja/doc.json".into(),
        },
        Alternate {
            locale: "en".into(),
            path: "en/doc.json".into(),
        },
    ];
    for (locale, on_missing, on_stale) in [
        ("ja", MissingPolicy::Fallback, StalePolicy::Publish),
        ("en", MissingPolicy::Fallback, StalePolicy::Publish),
        ("en", MissingPolicy::Omit, StalePolicy::Fallback),
    ] {
        // Components resolve once per locale.
        let components = ResolvedComponents::default();
        let context = LocaleContext {
            locale,
            source_locale: "ja",
            localizer: None,
            args: &[],
            components: &components,
            policy: Policy {
                on_missing,
                on_stale,
            },
            alternates: alternates.clone(),
            // The Hugo export below reads each section's Markdown.
            with_markdown: true,
        };
        let translation = if locale == "ja" {
            None
        } else {
            translation.as_ref().map(input)
        };
        if let Ok(output) = build_document("doc", input(&source), translation, &context) {
            // A page holds no control character but tab and line feed, whatever the
            // text (ARCHITECTURE.md, yaku-build's invariants).
            let page = render_html(&output, &labels, "../");
            assert!(
                !page.contains(|c: char| c.is_control() && c != '\n' && c != '\t'),
                "a control character reached the page"
            );
            let _ = render_hugo(&output, &labels);
            let _ = serde_json::to_string(&output);
        }
    }
});
