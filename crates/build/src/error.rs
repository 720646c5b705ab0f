//! Why a build failed.

/// A build that cannot publish a document.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The locale's policy is `fail` and these sections are not current.
    #[error(
        "{doc} ({locale}): the fallback policy fails the build for {}",
        list(sections)
    )]
    PolicyFailed {
        /// The document.
        doc: String,
        /// The locale.
        locale: String,
        /// `(section id, state)` of every offending section.
        sections: Vec<(String, String)>,
    },
    /// A component could not be formatted.
    #[error("{doc} ({locale}): component `{component}` in #{section}: {message}")]
    Component {
        /// The document.
        doc: String,
        /// The locale.
        locale: String,
        /// The section that places it.
        section: String,
        /// The component (Fluent message id).
        component: String,
        /// The Fluent error.
        message: String,
    },
    /// A section's Markdown nests deeper than the build folds.
    #[error(
        "{doc} ({locale}): #{section} nests Markdown more than {} elements deep",
        crate::markdown::MAX_FOLD_DEPTH
    )]
    TooDeep {
        /// The document.
        doc: String,
        /// The locale.
        locale: String,
        /// The section.
        section: String,
    },
    /// A renderer could not write a page.
    #[error("{doc} ({locale}): cannot render as {format}: {message}")]
    Render {
        /// The document.
        doc: String,
        /// The locale.
        locale: String,
        /// The renderer's name.
        format: &'static str,
        /// Why.
        message: String,
    },
}

fn list(sections: &[(String, String)]) -> String {
    sections
        .iter()
        .map(|(id, state)| format!("#{id} ({state})"))
        .collect::<Vec<_>>()
        .join(", ")
}
