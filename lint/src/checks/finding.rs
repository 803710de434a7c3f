//! A finding: what a check reports, as data. Checks build findings from their
//! diagnostics (`checks/<name>.rs`); renderers in `report/` decide how they
//! look in every output format.

use serde::{Deserialize, Serialize};

use super::Code;
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
    /// The kind of evidence behind it (CL0001 only): `name/strong`.
    pub basis: Option<String>,
    /// The `[lint] severity` key that sets this finding's level when it is not
    /// the check's own name or code (CL0001's weak evidence: `undeclared.weak`).
    pub(crate) severity_key: Option<&'static str>,
    /// The edit that resolves it, when one is known: the checks leave it
    /// empty and `fix` (which reads the file again) fills it in.
    pub suggestion: Option<Suggestion>,
    /// The files of the declarations a leak finding goes through:
    /// `--changed-since` reports it, wherever it is, when one of them changed.
    pub(crate) through: Vec<String>,
}

/// A change to a finding's file that resolves it: what an editor offers as
/// a quick fix and what `cargo collects fix` applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What it does: "declare it as Contact::Email".
    pub message: String,
    /// In the order they apply: inserts at one offset land in this order.
    pub edits: Vec<Edit>,
}

/// Replaces a byte range of the file's text (after a BOM) by `text`; an
/// empty range inserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: std::ops::Range<usize>,
    pub text: String,
}

impl Finding {
    /// A finding of `code` at `path`/`span`, at the check's default level. Only
    /// a check's diagnostics call it; they add the rest with the `with_*` methods.
    pub(crate) fn new(code: Code, path: &str, span: Span, message: String) -> Finding {
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
            basis: None,
            severity_key: None,
            suggestion: None,
            through: Vec::new(),
        }
    }

    pub(crate) fn with_label(mut self, label: impl Into<String>) -> Finding {
        self.label = label.into();
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// The categories the evidence suggests, best first, and why.
    pub(crate) fn with_evidence(
        mut self,
        suggested: Vec<String>,
        evidence: Vec<String>,
    ) -> Finding {
        self.suggested = suggested;
        self.evidence = evidence;
        self
    }

    /// Names the field the finding is about: its item (`Type` or
    /// `Enum::Variant`), its name and its type as written.
    pub(crate) fn on_field(mut self, item: String, field: String, ty: String) -> Finding {
        self.item = Some(item);
        self.field = Some(field);
        self.ty = Some(ty);
        self
    }

    /// Orders findings the same way whatever the thread count: by file, place, code.
    pub fn sort_key(&self) -> (&str, Span, Code) {
        (&self.path, self.span, self.code)
    }
}

/// What identifies a finding across commits: the baseline matches entries by
/// it and SARIF hands it to code scanning. Never a line or column: a finding
/// must stay the same when code above it moves.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint {
    /// `/`-separated; relative to the scanned root (SARIF) or to the baseline file.
    pub path: String,
    pub item: Option<String>,
    pub field: Option<String>,
    pub code: Code,
    /// For a finding that names no item or field (a statement entry in
    /// collects.toml, a file that does not parse): its message, which says what
    /// it is about.
    pub subject: Option<String>,
}

impl Fingerprint {
    /// The fingerprint of `finding`, with its path as reported.
    pub fn of(finding: &Finding) -> Fingerprint {
        Fingerprint::with_path(finding, finding.path.clone())
    }

    /// The fingerprint of `finding` with its path given relative to another base.
    pub fn with_path(finding: &Finding, path: String) -> Fingerprint {
        let subject =
            (finding.item.is_none() && finding.field.is_none()).then(|| finding.message.clone());
        Fingerprint {
            path,
            item: finding.item.clone(),
            field: finding.field.clone(),
            code: finding.code,
            subject,
        }
    }

    /// A stable hash of the fingerprint, 16 hex digits (64-bit FNV-1a): the
    /// same on every machine and in every version that keeps this format.
    pub fn hash(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for byte in bytes {
                hash ^= u64::from(*byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        eat(b"collects/v1");
        for part in [
            Some(self.code.as_str()),
            Some(self.path.as_str()),
            self.item.as_deref(),
            self.field.as_deref(),
            self.subject.as_deref(),
        ] {
            // A separator no text contains, and a different one for "absent".
            match part {
                Some(text) => {
                    eat(&[0]);
                    eat(text.as_bytes());
                }
                None => eat(&[1]),
            }
        }
        format!("{hash:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn finding(
        code: Code,
        path: &str,
        line: u32,
        item: Option<&str>,
        field: Option<&str>,
    ) -> Finding {
        let at = Position { line, column: 5 };
        let mut f = Finding::new(
            code,
            path,
            Span { start: at, end: at },
            format!("message at {line}"),
        );
        f.item = item.map(str::to_string);
        f.field = field.map(str::to_string);
        f
    }

    #[test]
    fn a_fingerprint_ignores_lines_and_messages_of_fields() {
        let before = finding(
            Code::Undeclared,
            "src/user.rs",
            3,
            Some("User"),
            Some("email"),
        );
        let after = finding(
            Code::Undeclared,
            "src/user.rs",
            40,
            Some("User"),
            Some("email"),
        );
        assert_eq!(Fingerprint::of(&before), Fingerprint::of(&after));
        assert_eq!(
            Fingerprint::of(&before).hash(),
            Fingerprint::of(&after).hash()
        );
        for other in [
            finding(
                Code::Mismatch,
                "src/user.rs",
                3,
                Some("User"),
                Some("email"),
            ),
            finding(
                Code::Undeclared,
                "src/account.rs",
                3,
                Some("User"),
                Some("email"),
            ),
            finding(
                Code::Undeclared,
                "src/user.rs",
                3,
                Some("Admin"),
                Some("email"),
            ),
            finding(
                Code::Undeclared,
                "src/user.rs",
                3,
                Some("User"),
                Some("phone"),
            ),
        ] {
            assert_ne!(
                Fingerprint::of(&before).hash(),
                Fingerprint::of(&other).hash()
            );
        }
    }

    #[test]
    fn a_finding_without_item_or_field_is_told_apart_by_its_subject() {
        let mut a = finding(Code::StatedNotCollected, "collects.toml", 2, None, None);
        let mut b = a.clone();
        a.message = "the statement lists Contact::Phone, but no code declares it".into();
        b.message = "the statement lists Location, but no code declares it".into();
        assert_ne!(Fingerprint::of(&a), Fingerprint::of(&b));
        b.message = a.message.clone();
        b.span.start.line = 9;
        assert_eq!(Fingerprint::of(&a), Fingerprint::of(&b));
    }

    #[test]
    fn the_hash_is_stable_across_versions() {
        // Changing this value re-opens every code-scanning alert users have.
        let f = finding(
            Code::Undeclared,
            "src/user.rs",
            3,
            Some("User"),
            Some("email"),
        );
        assert_eq!(Fingerprint::of(&f).hash(), "f378d2f2ef658ab5");
    }
}
