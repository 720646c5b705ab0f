//! The web workspace's preview: one section of a translation as the HTML build renders
//! it, with the locale's Fluent strings and component values.

use yaku_build::{preview_section, render_sections_html, LocaleContext};

use crate::site::LocaleSetup;
use crate::{BuildSiteError, Pair, Workspace};

/// The HTML fragment of section `id` of `pair`'s translation as it is now, rendered as the
/// HTML build renders a current section (the build's own markup, every text escaped).
/// `Ok(None)` when the translation has no such section (or no file yet).
pub fn section_preview(
    workspace: &Workspace,
    pair: &Pair,
    id: &str,
) -> Result<Option<String>, BuildSiteError> {
    let Some(translation) = &pair.translation else {
        return Ok(None);
    };
    let project = &workspace.project;
    let setup = LocaleSetup::load(project, &pair.locale)?;
    let context = LocaleContext {
        locale: &pair.locale,
        source_locale: project.source(),
        localizer: setup.localizer.as_ref(),
        args: &setup.args,
        components: &setup.components,
        policy: setup.policy,
        alternates: Vec::new(),
        with_markdown: false,
    };
    let output = preview_section(&pair.doc, &translation.document, id, &context)?;
    Ok(output.map(|output| render_sections_html(&output, &setup.labels)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    #[test]
    fn a_section_is_rendered_as_the_build_renders_it_and_its_text_escaped() {
        let project = TempProject::new(
            "## 1. 概要 {#summary}\n\n本文です。\n",
            "## 1. Summary {#summary}\n\nThe *text* <script>alert(1)</script>.\n",
        );
        let workspace = project.workspace();
        let pairs = project.pairs(&workspace);
        let html = section_preview(&workspace, &pairs[0], "summary")
            .unwrap()
            .unwrap();
        assert!(html.contains("<section id=\"summary\""), "{html}");
        assert!(
            html.contains("<h2 id=\"summary\">1. Summary</h2>"),
            "{html}"
        );
        assert!(html.contains("<em>text</em>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert_eq!(
            section_preview(&workspace, &pairs[0], "nowhere").unwrap(),
            None
        );
    }
}
