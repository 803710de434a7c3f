//! CL0001 undeclared: a field whose evidence says personal data, with no
//! `#[collects(..)]` of its own or from its type.

use super::{Code, Explain, FieldContext};
use crate::evidence::{Assessment, Confidence};
use crate::checks::{Finding, Severity};
use crate::model::{Field, Item};

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "a field holds personal data but declares no category",
    what_it_does: "Reads each field's name, type, serde rename, doc comment, wrapper types (`SecretString`, `IpAddr`) and markers of other crates (`#[redact]`, `#[sensitive]`), together with the struct around it, and reports fields that look like personal data but carry no `#[collects(..)]`, neither their own nor their type's. Strong evidence is an error; weak evidence is a note (`[lint] severity` in collects.toml changes both: `undeclared` and `undeclared.weak`). Test code (`#[cfg(test)]` modules, `tests/`, `benches/`, `*_test(s).rs`) is left out: a fixture's data is made up (`[lint] tests = true` reports it too).",
    why_it_matters: "A privacy statement is only true while every place that collects personal data is known. An undeclared `email` column is data the privacy team cannot see: it is missing from the data map, from app-store labels and from deletion requests.",
    example: "struct User {\n    email: String, // CL0001: `User.email` looks like Contact::Email and is not declared\n}",
    example_syntax: "rust",
    fix: "Declare what the field holds and why:\n\n    #[collects(Contact::Email, purpose = Account)]\n    email: String,\n\nor say that it is not personal data:\n\n    #[collects(none, reason = \"address of the shop's own mailbox\")]\n    email: String,\n\nor, for code that does not derive `Collects`, put `// collects: allow(undeclared) -- why` on the line above.",
};

/// The `[lint] severity` key for CL0001 findings on weak evidence; they are
/// notes unless it says otherwise.
pub(crate) const WEAK_SEVERITY_KEY: &str = "undeclared.weak";

/// Reports a field with no declaration whose evidence says personal data,
/// unless a directive allows `undeclared` there or it is in test code (a
/// fixture's data is made up; `[lint] tests = true` reports it too).
pub(crate) fn check_field(cx: &FieldContext, out: &mut Vec<Finding>) {
    if cx.declared().is_some() || cx.allows(Code::Undeclared) || cx.skips_test_code() {
        return;
    }
    if let Some(assessment) = cx.assessment {
        out.push(
            Undeclared {
                item: cx.item,
                field: cx.field,
                assessment: assessment.clone(),
            }
            .into(),
        );
    }
}

/// "`User.email` looks like Contact::Email and is not declared".
pub(crate) struct Undeclared<'a> {
    pub item: &'a Item,
    pub field: &'a Field,
    pub assessment: Assessment,
}

impl From<Undeclared<'_>> for Finding {
    fn from(d: Undeclared<'_>) -> Finding {
        let item_name = d.item.display_name(d.field);
        let category = d.assessment.categories.first().cloned().unwrap_or_default();
        let message = format!(
            "`{item_name}.{}` looks like {category} and is not declared",
            d.field.name
        );
        let label = match d.assessment.confidence {
            Confidence::Strong => format!("holds {category}"),
            Confidence::Weak => format!("may hold {category}"),
        };
        let mut finding = Finding::new(Code::Undeclared, &d.item.path, d.field.span, message)
            .on_field(item_name, d.field.name.clone(), d.field.ty.to_string())
            .with_label(label)
            .with_help(format!(
                "declare it: `#[collects({category}, purpose = ..)]`, or `#[collects(none, reason = \"..\")]` if it is not personal data"
            ))
            .with_evidence(d.assessment.categories, d.assessment.evidence);
        if d.assessment.confidence == Confidence::Weak {
            finding.severity = Severity::Note;
            finding.severity_key = Some(WEAK_SEVERITY_KEY);
        }
        finding.confidence = Some(d.assessment.confidence);
        finding.basis = Some(d.assessment.basis);
        finding
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::{check, check_with_config};

    #[test]
    fn an_undeclared_email_is_an_error() {
        check(
            "struct User { email: String }",
            &["1:15 error CL0001 `User.email` looks like Contact::Email and is not declared [holds Contact::Email]"],
        );
    }

    #[test]
    fn a_declared_field_or_one_without_evidence_is_not_reported() {
        check(
            "#[derive(Collects)]\nstruct User {\n    #[collects(Contact::Email)]\n    email: String,\n    created_at: u64,\n}",
            &[],
        );
        check(
            "#[collects(none, reason = \"shop mailbox\")]\nstruct Shop { email: String }",
            &[],
        );
    }

    #[test]
    fn a_directive_allows_it_on_the_field_the_item_or_the_file() {
        check(
            "struct User {\n    // collects: allow(undeclared) -- legacy\n    email: String,\n}",
            &[],
        );
        check(
            "// collects: allow(CL0001) -- legacy\nstruct User { email: String }",
            &[],
        );
        check(
            "// collects: allow(mismatch) -- not this one\nstruct User { email: String }",
            &["2:15 error CL0001 `User.email` looks like Contact::Email and is not declared [holds Contact::Email]"],
        );
    }

    #[test]
    fn test_code_is_left_out_unless_lint_tests_says_otherwise() {
        let source = "struct User { email: String }\n#[cfg(test)]\nmod tests {\n    struct Fixture { email: String }\n}";
        let real = "1:15 error CL0001 `User.email` looks like Contact::Email and is not declared [holds Contact::Email]";
        check(source, &[real]);
        check_with_config(
            "[lint]\ntests = true\n",
            source,
            &[
                real,
                "4:22 error CL0001 `Fixture.email` looks like Contact::Email and is not declared [holds Contact::Email]",
            ],
        );
    }

    #[test]
    fn the_configured_level_applies_and_off_drops_it() {
        let source = "struct User { email: String }";
        check_with_config(
            "[lint]\nseverity = { undeclared = \"warning\" }\n",
            source,
            &["1:15 warning CL0001 `User.email` looks like Contact::Email and is not declared [holds Contact::Email]"],
        );
        check_with_config("[lint]\nseverity = { CL0001 = \"off\" }\n", source, &[]);
    }

    #[test]
    fn weak_evidence_is_a_note_that_undeclared_weak_sets() {
        let source = "struct Thing { code: String }";
        check(
            source,
            &["1:16 note CL0001 `Thing.code` looks like Credentials::SecurityInfo and is not declared [may hold Credentials::SecurityInfo]"],
        );
        check_with_config(
            "[lint]\nseverity = { \"undeclared.weak\" = \"warning\", undeclared = \"off\" }\n",
            source,
            &["1:16 warning CL0001 `Thing.code` looks like Credentials::SecurityInfo and is not declared [may hold Credentials::SecurityInfo]"],
        );
    }
}
