//! The checks. Each is one module with its detection, its `explain` text and
//! its tests; this file lists them once, and everything else (explain, docs,
//! SARIF rules) is generated from that list.

pub mod malformed;
pub mod mismatch;
pub mod not_in_statement;
pub mod stated_not_collected;
pub mod undeclared;
pub mod unknown_category;
pub mod unparsable;

use serde::{Serialize, Serializer};

use crate::finding::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Undeclared,
    Mismatch,
    NotInStatement,
    UnknownCategory,
    StatedNotCollected,
    Malformed,
    Unparsable,
}

/// The documentation of a check: the text `explain` prints, with the same
/// headings for every check.
pub struct Explain {
    /// One line: what it finds.
    pub summary: &'static str,
    pub what_it_does: &'static str,
    pub why_it_matters: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

impl Code {
    pub const ALL: [Code; 7] = [
        Code::Undeclared,
        Code::Mismatch,
        Code::NotInStatement,
        Code::UnknownCategory,
        Code::StatedNotCollected,
        Code::Malformed,
        Code::Unparsable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Undeclared => "CL0001",
            Code::Mismatch => "CL0002",
            Code::NotInStatement => "CL0003",
            Code::UnknownCategory => "CL0004",
            Code::StatedNotCollected => "CL0005",
            Code::Malformed => "CL0006",
            Code::Unparsable => "CL0007",
        }
    }

    /// The check's name, as used in `collects.toml` and comment directives.
    pub fn name(self) -> &'static str {
        match self {
            Code::Undeclared => "undeclared",
            Code::Mismatch => "mismatch",
            Code::NotInStatement => "not-in-statement",
            Code::UnknownCategory => "unknown-category",
            Code::StatedNotCollected => "stated-not-collected",
            Code::Malformed => "malformed",
            Code::Unparsable => "unparsable",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::Undeclared | Code::NotInStatement | Code::UnknownCategory | Code::Malformed => {
                Severity::Error
            }
            Code::Mismatch | Code::Unparsable => Severity::Warning,
            Code::StatedNotCollected => Severity::Note,
        }
    }

    pub fn explain(self) -> &'static Explain {
        match self {
            Code::Undeclared => &undeclared::EXPLAIN,
            Code::Mismatch => &mismatch::EXPLAIN,
            Code::NotInStatement => &not_in_statement::EXPLAIN,
            Code::UnknownCategory => &unknown_category::EXPLAIN,
            Code::StatedNotCollected => &stated_not_collected::EXPLAIN,
            Code::Malformed => &malformed::EXPLAIN,
            Code::Unparsable => &unparsable::EXPLAIN,
        }
    }

    /// A code (`CL0001`, any case) or a check name (`undeclared`).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.name() == text)
    }

    /// The whole explain text, as `cargo collects explain CODE` prints it.
    pub fn explain_text(self) -> String {
        let e = self.explain();
        format!(
            "{code} ({name}): {summary}\nDefault level: {level}\n\n## What it does\n\n{what}\n\n## Why it matters\n\n{why}\n\n## Example\n\n{example}\n\n## How to fix it\n\n{fix}\n",
            code = self.as_str(),
            name = self.name(),
            summary = e.summary,
            level = self.default_severity().as_str(),
            what = e.what_it_does.trim(),
            why = e.why_it_matters.trim(),
            example = e.example.trim(),
            fix = e.fix.trim(),
        )
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_parse_back() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            assert_eq!(Code::parse(code.name()), Some(code));
        }
        assert_eq!(Code::parse("cl0002"), Some(Code::Mismatch));
        assert_eq!(Code::parse("nope"), None);
    }

    #[test]
    fn every_check_explains_itself_under_the_same_headings() {
        for code in Code::ALL {
            let text = code.explain_text();
            for heading in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## How to fix it",
            ] {
                assert!(text.contains(heading), "{code:?} lacks {heading}");
            }
            assert!(!code.explain().example.trim().is_empty());
        }
    }
}
