//! The pages' Fluent strings pass yaku-fluent's checker: `ja` the source, `en` and
//! `zh-Hans` complete and consistent with it.

use std::path::Path;

#[test]
fn the_ui_strings_have_no_fluent_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/locales");
    let findings =
        yaku_fluent::check_locales(&dir, "ja", &["en".to_string(), "zh-Hans".to_string()]).unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}
