//! How the project's articles are parsed: the [`ParseOptions`] that `yaku.toml`'s
//! `[markdown]` and `[front-matter]` tables and the source's Fluent messages make.

use std::collections::BTreeSet;

use yaku_content::ParseOptions;

use crate::Project;

impl Project {
    /// The options source articles are parsed with: the component names that exist
    /// (`None`: any), the id style and the translatable front-matter keys of `yaku.toml`.
    /// Translations use [`ParseOptions::for_translation`] of these; a file's dialect
    /// comes from its extension ([`ParseOptions::for_path`]).
    pub fn parse_options(&self, known_components: Option<BTreeSet<String>>) -> ParseOptions {
        ParseOptions {
            known_components,
            id_style: self.config.markdown.id_style,
            translatable_keys: self.config.front_matter.translatable.clone().into(),
            ..ParseOptions::default()
        }
    }
}
