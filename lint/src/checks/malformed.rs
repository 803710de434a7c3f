//! CL0006 malformed: a `#[collects(..)]` (or a `// collects:` directive) that
//! does not follow the grammar. Found while reading the file; the reader
//! reports it through [`directive`] and [`super::annotation_error`].

use collects_grammar::AnnotationError;

use super::{Code, Explain};
use crate::checks::Finding;
use crate::model::Span;

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "a `#[collects(..)]` attribute or `// collects:` directive does not follow the grammar",
    what_it_does: "Reports annotations that cannot be read: a bare `#[collects]`, literals where names belong, paths deeper than `Group::Item`, nested groups, keys without values, duplicates, `none` without a `reason` or beside categories; and comment directives that are not `// collects: allow(check, ..) -- reason`.",
    why_it_matters: "An annotation that cannot be read declares nothing, and a directive that cannot be read silences nothing: either way the data map is wrong without anyone noticing.",
    example: "#[collects(Contact::Email::Work)] // CL0006: a category is `Group::Item` or `Group`\nwork_email: String,",
    example_syntax: "rust",
    fix: "Write `#[collects(Group::Item, .., purpose = P, source = S, optional)]` or `#[collects(none, reason = \"..\")]`; the message says which part is wrong.",
};

/// A `// collects:` comment that is not `allow(check, ..) -- reason`.
pub(crate) fn directive(path: &str, span: Span) -> Finding {
    Finding::new(
        Code::Malformed,
        path,
        span,
        "this `// collects:` directive cannot be read, so it silences nothing".into(),
    )
    .with_label("malformed directive")
    .with_help("write `// collects: allow(undeclared) -- why`, naming checks or codes")
}

/// A `#[collects(..)]` that breaks the grammar, at the offending token.
pub(crate) struct MalformedAnnotation<'a> {
    pub path: &'a str,
    pub span: Span,
    pub error: &'a AnnotationError,
}

impl From<MalformedAnnotation<'_>> for Finding {
    fn from(d: MalformedAnnotation<'_>) -> Finding {
        let finding = Finding::new(Code::Malformed, d.path, d.span, d.error.message.clone());
        let mut finding = match &d.error.suggestion {
            Some(s) => finding
                .with_label(format!("did you mean `{s}`?"))
                .with_help(format!("write `{s}`")),
            None => finding.with_label("malformed").with_help(
                "write `#[collects(Group::Item, purpose = P)]` or `#[collects(none, reason = \"..\")]`",
            ),
        };
        finding.suggested = d.error.suggestion.iter().cloned().collect();
        finding
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check;

    #[test]
    fn a_path_deeper_than_group_item_is_malformed() {
        check(
            "struct User {\n    #[collects(Contact::Email::Work)]\n    email: String,\n}",
            &["2:16 error CL0006 `Contact::Email::Work` has too many parts: a category is `Group::Item` or `Group` [malformed]"],
        );
    }

    #[test]
    fn a_directive_that_cannot_be_read_silences_nothing() {
        check(
            "// collects: allow undeclared\nstruct User { email: String }",
            &[
                "1:1 error CL0006 this `// collects:` directive cannot be read, so it silences nothing [malformed directive]",
                "2:15 error CL0001 `User.email` looks like Contact::Email and is not declared [holds Contact::Email]",
            ],
        );
    }
}
