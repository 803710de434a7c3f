//! CL0004 unknown-category: a category, purpose, source or key that the
//! taxonomy does not have. Found while reading the annotation (the grammar in
//! `collects-grammar` says which mistakes are unknown names); the reader
//! reports it through [`super::annotation_error`].

use collects_grammar::AnnotationError;

use super::{Code, Explain};
use crate::checks::Finding;
use crate::model::Span;

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "an annotation names a category, purpose, source or key the taxonomy does not have",
    what_it_does: "Reads every `#[collects(..)]` against the taxonomy in force (the built-in one, or `[taxonomy] path` in collects.toml) and reports names it does not know, with the closest known name.",
    why_it_matters: "A misspelled category declares nothing: the field would count as declared while belonging to no heading of the statement. The derive rejects it at compile time; the linter also finds it in code that is not compiled (other targets, cfg'd out modules).",
    example: "#[collects(Contact::Emial)] // CL0004: `Contact` has no item `Emial`; did you mean `Contact::Email`?\nemail: String,",
    example_syntax: "rust",
    fix: "Use a name from `cargo collects categories`; the message names the closest one.",
};

/// "`Contact` has no item `Emial`", with the closest name when there is one.
pub(crate) struct UnknownName<'a> {
    pub path: &'a str,
    /// The unknown name, in the file.
    pub span: Span,
    pub error: &'a AnnotationError,
}

impl From<UnknownName<'_>> for Finding {
    fn from(d: UnknownName<'_>) -> Finding {
        let finding = Finding::new(Code::UnknownCategory, d.path, d.span, d.error.message.clone());
        let mut finding = match &d.error.suggestion {
            Some(s) => finding
                .with_label(format!("did you mean `{s}`?"))
                .with_help(format!("write `{s}`")),
            None => finding
                .with_label("unknown category")
                .with_help("`cargo collects categories` lists the taxonomy"),
        };
        finding.suggested = d.error.suggestion.iter().cloned().collect();
        finding
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check;

    #[test]
    fn a_misspelled_category_or_purpose_says_what_is_closest() {
        check(
            "struct User {\n    #[collects(Contact::Emial, purpose = Acount)]\n    email: String,\n}",
            &[
                "2:25 error CL0004 `Contact` has no item `Emial` [did you mean `Contact::Email`?]",
                "2:42 error CL0004 unknown purpose `Acount`; the taxonomy's purposes are `Service`, `Account`, `Security`, `Support`, `Improvement`, `Personalization`, `Advertising`, `Communications` [did you mean `Account`?]",
            ],
        );
    }

    #[test]
    fn a_name_with_nothing_close_points_at_the_taxonomy() {
        check(
            "struct User {\n    #[collects(Zzzzzz::Qqqqqq)]\n    email: String,\n}",
            &["2:16 error CL0004 unknown category group `Zzzzzz` [unknown category]"],
        );
    }
}
