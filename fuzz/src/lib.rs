//! What the fuzz targets share.

use yaku_content::{Dialect, IdStyle, ParseOptions};

/// The parse options the first byte of a fuzz input picks: Markdown or MDX, explicit ids
/// or a renderer's (for a source; a translation's are the source's, written:
/// [`ParseOptions::for_translation`]). The whole input is still parsed.
pub fn options(data: &[u8]) -> ParseOptions {
    let variant = data.first().map_or(0, |b| b % 4);
    ParseOptions {
        dialect: if variant % 2 == 1 {
            Dialect::Mdx
        } else {
            Dialect::Markdown
        },
        id_style: match variant {
            2 => IdStyle::Hugo,
            3 => IdStyle::Github,
            _ => IdStyle::Explicit,
        },
        ..ParseOptions::default()
    }
}
