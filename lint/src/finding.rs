//! A finding: what a check reports, as data. Renderers in `report/` decide
//! how it looks in every output format.

use serde::{Deserialize, Serialize};

use crate::checks::Code;
use crate::evidence::Confidence;
use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The file, relative to the scanned root, `/`-separated.
    pub path: String,
    pub span: Span,
    /// `Type` or `Enum::Variant`, for findings about an item or field.
    pub item: Option<String>,
    pub field: Option<String>,
    /// The field's type as written.
    pub ty: Option<String>,
    /// The categories declared on the field, if any.
    pub declared: Vec<String>,
    /// The categories the evidence suggests, best first.
    pub suggested: Vec<String>,
    /// Why the check fired, one reason per entry: "field name `email`".
    pub evidence: Vec<String>,
    pub message: String,
    /// The label under the span in the human output.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
    /// How sure the evidence is (CL0001 only).
    pub confidence: Option<Confidence>,
}

impl Finding {
    /// A finding with the given code at `path`/`span`; the check fills in the rest.
    pub fn new(code: Code, path: &str, span: Span, message: String) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            path: path.to_string(),
            span,
            item: None,
            field: None,
            ty: None,
            declared: Vec::new(),
            suggested: Vec::new(),
            evidence: Vec::new(),
            message,
            label: String::new(),
            help: None,
            confidence: None,
        }
    }

    /// Orders findings the same way whatever the thread count: by file, place, code.
    pub fn sort_key(&self) -> (&str, Span, Code) {
        (&self.path, self.span, self.code)
    }
}
