//! The errors of this crate: why resources could not be loaded, why a message
//! could not be formatted, why the checks could not run.
//!
//! Problems *in* FTL files found by [`check_locales`](crate::check_locales) are
//! not errors but [`Finding`](crate::Finding)s; these enums are for the cases
//! where the library cannot do what it was asked.

use std::path::{Path, PathBuf};

/// Why [`Localizer::load`](crate::Localizer::load) failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The fallback chain was empty, so there is no locale to load.
    #[error("the locale fallback chain is empty")]
    EmptyChain,
    /// A locale of the chain is not a valid BCP 47 language tag.
    #[error("`{locale}` is not a valid language tag")]
    InvalidLocale {
        /// The tag as given.
        locale: String,
    },
    /// A locale of the chain has no folder under the locales directory.
    #[error("no folder for locale `{locale}` at {}", path.display())]
    MissingLocale {
        /// The locale.
        locale: String,
        /// The folder that was expected.
        path: PathBuf,
    },
    /// A folder or file could not be read.
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    #[error("{}:{line}:{col}: the file is not valid UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based character column of the first invalid byte.
        col: usize,
    },
    /// A file has Fluent syntax errors; the first is reported.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first error.
        line: usize,
        /// 1-based character column of the first error.
        col: usize,
        /// The parser's description of the first error.
        message: String,
        /// How many syntax errors the file has in all.
        count: usize,
    },
    /// A message or term is defined twice in one locale.
    #[error("{}: `{id}` is already defined in another file of this locale", path.display())]
    Duplicate {
        /// The file with the second definition.
        path: PathBuf,
        /// The message id, or the term id with its leading `-`.
        id: String,
    },
}

impl LoadError {
    /// The same error naming its file or folder relative to `base` when it lies under
    /// it: a caller that loads from a project's folder reports paths as its user sees
    /// them.
    pub fn relative_to(mut self, base: &Path) -> LoadError {
        let path = match &mut self {
            LoadError::MissingLocale { path, .. }
            | LoadError::Io { path, .. }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::Duplicate { path, .. } => path,
            LoadError::EmptyChain | LoadError::InvalidLocale { .. } => return self,
        };
        if let Ok(relative) = path.strip_prefix(base) {
            *path = relative.to_path_buf();
        }
        self
    }
}

/// Why [`Localizer::format`](crate::Localizer::format) returned no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// No locale of the chain defines the message.
    #[error("unknown message `{id}`")]
    UnknownMessage {
        /// The message id.
        id: String,
    },
    /// The message exists but no locale of the chain gives it this attribute.
    #[error("message `{id}` has no attribute `{attribute}`")]
    UnknownAttribute {
        /// The message id.
        id: String,
        /// The attribute name.
        attribute: String,
    },
    /// The message exists but no locale of the chain gives it a value (it only
    /// has attributes).
    #[error("message `{id}` has no value, only attributes")]
    NoValue {
        /// The message id.
        id: String,
    },
    /// Fluent reported errors while formatting (a missing variable, an unknown
    /// message or term reference, ...). The partial text is not returned, so a
    /// page never shows `{$clinic}`.
    #[error("could not format `{id}` in `{locale}`: {}", errors.join("; "))]
    Resolve {
        /// The message id, with `.attribute` when an attribute was formatted.
        id: String,
        /// The locale of the chain whose pattern was formatted.
        locale: String,
        /// Every error Fluent reported, as Fluent describes it.
        errors: Vec<String>,
    },
}

/// Why [`check_locales`](crate::check_locales) could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// A locale is not a valid BCP 47 language tag.
    #[error("`{locale}` is not a valid language tag")]
    InvalidLocale {
        /// The tag as given.
        locale: String,
    },
    /// The reference locale has no folder, so there is nothing to compare with.
    #[error("no folder for the reference locale at {}", path.display())]
    MissingReference {
        /// The folder that was expected.
        path: PathBuf,
    },
    /// A folder or file could not be read.
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}
