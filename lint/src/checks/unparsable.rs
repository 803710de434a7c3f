//! CL0007 unparsable: a `.rs` file that is not UTF-8, or an item that syn
//! cannot parse. Every other file and item is still checked. Found while
//! reading the file; the reader reports it through [`finding`].

use super::{Code, Explain};
use crate::checks::Finding;
use crate::model::Span;

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "a file is not UTF-8 or a struct/enum/union in it does not parse",
    what_it_does: "Reports files that cannot be read as Rust source and items that the parser rejects, with the parser's message. The rest of the file and every other file are still checked.",
    why_it_matters: "Fields in code the linter cannot read are never checked: a finding here is a blind spot in the data map.",
    example: "struct User { email: String,   // CL0007: expected `}` (the file is cut off)",
    example_syntax: "rust",
    fix: "Fix the syntax or the encoding (save the file as UTF-8). Files that are deliberately broken, such as parser test data, belong in `[lint] exclude` in collects.toml.",
};

/// A file or item that could not be read, and why (the parser's message).
pub(crate) fn finding(path: &str, span: Span, problem: &str) -> Finding {
    Finding::new(
        Code::Unparsable,
        path,
        span,
        format!("cannot check {path}: {problem}"),
    )
    .with_label(problem)
    .with_help("fix the syntax or encoding, or add the path to `[lint] exclude` in collects.toml")
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check;

    #[test]
    fn an_item_that_does_not_parse_is_a_warning_and_the_rest_is_still_checked() {
        check(
            "struct Broken { email: String,, }\nstruct User { phone_number: String }",
            &[
                "1:31 warning CL0007 cannot check src/lib.rs: expected identifier [expected identifier]",
                "2:15 error CL0001 `User.phone_number` looks like Contact::Phone and is not declared [holds Contact::Phone]",
            ],
        );
    }
}
