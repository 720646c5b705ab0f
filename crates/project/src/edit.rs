//! Saving one section of a translation (the web workspace's save): the new text put in
//! by [`yaku_sync::replace_section_text`], written with [`write_atomic_verified`] under
//! the project lock, only while the file is the version the editor was shown.

use std::path::PathBuf;

use yaku_sync::{replace_section_text, EditError};

use crate::{write_atomic_verified, LockError, ProjectError, Workspace, WorkspaceError, Written};

/// The version of a translation file's bytes, as the web workspace sends it back with an
/// edit: the first 16 hex digits of their BLAKE3 hash. `None` (no file) is `"none"`.
pub fn file_version(bytes: Option<&[u8]>) -> String {
    match bytes {
        Some(bytes) => blake3::hash(bytes).to_hex()[..16].to_string(),
        None => "none".to_string(),
    }
}

/// What saving a section did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionSaved {
    /// The file now holds the new text (or already did); its new version.
    Saved {
        /// The version of the file now.
        version: String,
    },
    /// The file is not the version the edit was made on: nothing written.
    Conflict {
        /// The version of the file now.
        version: String,
    },
}

/// Why a section could not be saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaveError {
    /// The locale or document is not the project's.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// A file could not be read or parsed.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// There is no translation file yet.
    #[error("no translation of `{doc}` in {locale} yet; run `yaku sync --locale {locale}` first")]
    NoTranslation {
        /// The document.
        doc: String,
        /// The locale.
        locale: String,
    },
    /// The new text cannot replace the section.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// Another command holds the project lock.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The file could not be written; it was left as it was.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The translation file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Replaces the text of section `section` of `doc`'s translation into `locale` with
/// `text` (as [`yaku_sync::section_text`] gives it), if the file's version is still
/// `version`. Takes the project lock; the write is atomic and verified against the file
/// as it was read.
pub fn save_section(
    workspace: &Workspace,
    locale: &str,
    doc: &str,
    section: &str,
    text: &str,
    version: &str,
) -> Result<SectionSaved, SaveError> {
    let path = translation_path(workspace, locale, doc)?;
    let _lock = workspace.lock("serve")?;
    let Some(loaded) = workspace.load_translation(&path)? else {
        return Err(SaveError::NoTranslation {
            doc: doc.to_string(),
            locale: locale.to_string(),
        });
    };
    let now = file_version(Some(loaded.document.text.as_bytes()));
    if now != version {
        return Ok(SectionSaved::Conflict { version: now });
    }
    let new = replace_section_text(
        &loaded.document,
        section,
        text,
        &workspace.translation_options.for_path(&path),
    )?;
    let written =
        write_atomic_verified(&path, Some(loaded.stamp), new.as_bytes()).map_err(|source| {
            SaveError::Write {
                path: path.clone(),
                source,
            }
        })?;
    if written == Written::ChangedSinceRead {
        let bytes = crate::read_regular(&path)
            .ok()
            .flatten()
            .map(|read| read.bytes);
        return Ok(SectionSaved::Conflict {
            version: file_version(bytes.as_deref()),
        });
    }
    Ok(SectionSaved::Saved {
        version: file_version(Some(new.as_bytes())),
    })
}

/// The translation file of `doc` in `locale`, both looked up in the project's lists
/// (never used as a path as given).
pub fn translation_path(
    workspace: &Workspace,
    locale: &str,
    doc: &str,
) -> Result<PathBuf, WorkspaceError> {
    let locale = workspace.locales(Some(locale))?.remove(0);
    let documents = workspace.project.documents()?;
    let Some(doc) = documents.iter().find(|d| d.as_str() == doc) else {
        return Err(WorkspaceError::UnknownDocument {
            doc: doc.to_string(),
            folder: workspace.display(&workspace.project.locale_root(workspace.project.source())),
        });
    };
    Ok(workspace.project.document_path(&locale, doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempProject;

    const SOURCE: &str = "はじめに。\n\n## 1. 概要 {#summary}\n\n本文です。\n";
    const TRANSLATION: &str = "Intro.\n\n## 1. Summary {#summary}\n\nThe text.\n";

    #[test]
    fn a_section_is_saved_only_on_the_version_it_was_made_on() {
        let project = TempProject::new(SOURCE, TRANSLATION);
        let workspace = project.workspace();
        let version = file_version(Some(TRANSLATION.as_bytes()));
        let saved = save_section(
            &workspace,
            "en",
            "article",
            "summary",
            "## 1. Summary {#summary}\n\nNew text.",
            &version,
        )
        .unwrap();
        let expected = TRANSLATION.replace("The text.", "New text.");
        assert_eq!(project.translation(), expected);
        assert_eq!(
            saved,
            SectionSaved::Saved {
                version: file_version(Some(expected.as_bytes()))
            }
        );
        // The old version again: a conflict, nothing written.
        let conflict = save_section(
            &workspace,
            "en",
            "article",
            "summary",
            "## 1. Summary {#summary}\n\nLost?",
            &version,
        )
        .unwrap();
        assert!(matches!(conflict, SectionSaved::Conflict { .. }));
        assert_eq!(project.translation(), expected);
    }

    #[test]
    fn an_mdx_translation_is_saved_as_mdx_keeping_its_marker() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("yaku.toml"),
            "[project]\nsource = \"ja\"\ntargets = [\"en\"]\n",
        )
        .unwrap();
        for locale in ["ja", "en"] {
            std::fs::create_dir_all(root.join("content").join(locale)).unwrap();
        }
        std::fs::write(
            root.join("content/ja/article.mdx"),
            "## 1. 概要 {/*summary*/}\n\n本文です。\n",
        )
        .unwrap();
        let marker = yaku_content::Marker::Placeholder {
            source: yaku_content::Fingerprint::of_text("本文"),
        }
        .to_line(yaku_content::Dialect::Mdx);
        // Read as Markdown, the JSX would be HTML and the marker a paragraph.
        let translation =
            format!("## 1. Summary {{/*summary*/}}\n{marker}\n\n<Note>\n\nThe text.\n\n</Note>\n");
        let path = root.join("content/en/article.mdx");
        std::fs::write(&path, &translation).unwrap();
        let workspace = Workspace::open(Some(root), root).unwrap();
        let saved = save_section(
            &workspace,
            "en",
            "article",
            "summary",
            "## 1. Summary {/*summary*/}\n\n<Note>\n\nNew text.\n\n</Note>",
            &file_version(Some(translation.as_bytes())),
        )
        .unwrap();
        assert!(matches!(saved, SectionSaved::Saved { .. }), "{saved:?}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            translation.replace("The text.", "New text.")
        );
    }

    #[test]
    fn unknown_locales_and_documents_are_refused_not_used_as_paths() {
        let project = TempProject::new(SOURCE, TRANSLATION);
        let workspace = project.workspace();
        for (locale, doc) in [
            ("en", "../article"),
            ("../en", "article"),
            ("fr", "article"),
        ] {
            let refused = save_section(&workspace, locale, doc, "summary", "x", "none");
            assert!(
                matches!(refused, Err(SaveError::Workspace(_))),
                "{locale} {doc}: {refused:?}"
            );
        }
    }
}
