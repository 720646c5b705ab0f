//! A small project in a temporary folder, for the unit tests of the per-pair commands.

use std::path::PathBuf;

use crate::{Pair, Workspace};

/// `yaku.toml` (source `ja`, target `en`) and one document, `article`.
pub struct TempProject {
    dir: tempfile::TempDir,
}

impl TempProject {
    /// The project with `source` as `content/ja/article.md` and, unless `None`,
    /// `translation` as `content/en/article.md`.
    pub fn new(source: &str, translation: impl Into<Option<&'static str>>) -> TempProject {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("yaku.toml"),
            "[project]\nsource = \"ja\"\ntargets = [\"en\"]\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("content/ja")).unwrap();
        std::fs::create_dir_all(dir.path().join("content/en")).unwrap();
        std::fs::write(dir.path().join("content/ja/article.md"), source).unwrap();
        let project = TempProject { dir };
        if let Some(translation) = translation.into() {
            std::fs::write(project.translation_path(), translation).unwrap();
        }
        project
    }

    /// The project opened.
    pub fn workspace(&self) -> Workspace {
        Workspace::open(Some(self.dir.path()), self.dir.path()).unwrap()
    }

    /// The pairs of every document, read now; there must be no problems.
    pub fn pairs(&self, workspace: &Workspace) -> Vec<Pair> {
        let mut problems = Vec::new();
        let pairs = workspace
            .pairs(&["en".to_string()], None, &mut problems)
            .unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        pairs
    }

    /// Where the translation is.
    pub fn translation_path(&self) -> PathBuf {
        self.dir.path().join("content/en/article.md")
    }

    /// The translation's text now.
    pub fn translation(&self) -> String {
        std::fs::read_to_string(self.translation_path()).unwrap()
    }

    /// Saves the translation as an editor would, after it was read.
    pub fn edit_translation(&self, text: &str) {
        std::fs::write(self.translation_path(), text).unwrap();
    }

    /// Changes the source document.
    pub fn edit_source(&self, text: &str) {
        std::fs::write(self.dir.path().join("content/ja/article.md"), text).unwrap();
    }
}
