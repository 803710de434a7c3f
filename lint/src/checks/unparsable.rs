//! CL0007 unparsable: a `.rs` file that is not UTF-8, or an item that syn
//! cannot parse. Every other file and item is still checked.

use super::{Code, Explain};
use crate::finding::Finding;
use crate::model::Span;

pub const EXPLAIN: Explain = Explain {
    summary: "a file is not UTF-8 or a struct/enum/union in it does not parse",
    what_it_does: "Reports files that cannot be read as Rust source and items that the parser rejects, with the parser's message. The rest of the file and every other file are still checked.",
    why_it_matters: "Fields in code the linter cannot read are never checked: a finding here is a blind spot in the data map.",
    example: "struct User { email: String,   // CL0007: expected `}` (the file is cut off)",
    fix: "Fix the syntax or the encoding (save the file as UTF-8). Files that are deliberately broken, such as parser test data, belong in `[lint] exclude` in collects.toml.",
};

/// A file or item that could not be read.
pub fn finding(path: &str, span: Span, problem: &str) -> Finding {
    let mut finding = Finding::new(
        Code::Unparsable,
        path,
        span,
        format!("cannot check {path}: {problem}"),
    );
    finding.label = problem.to_string();
    finding.help = Some(
        "fix the syntax or encoding, or add the path to `[lint] exclude` in collects.toml".into(),
    );
    finding
}
