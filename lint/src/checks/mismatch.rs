//! CL0002 mismatch: a declared category that strong evidence contradicts.

use collects_grammar::Taxonomy;

use super::{Code, Explain, FieldContext};
use crate::evidence::{Assessment, Confidence};
use crate::checks::Finding;
use crate::model::{Declared, Field, Item};

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "a field's declared category disagrees with what it clearly holds",
    what_it_does: "Compares the categories declared on a field with the strong evidence about it (the same evidence CL0001 uses) and reports a declaration that names none of the categories the evidence points to.",
    why_it_matters: "A wrong category puts the data under the wrong heading of the statement and the data map: a phone number declared as an email is missing where people look for phone numbers, with the retention and sharing rules of the wrong kind of data.",
    example: "struct User {\n    #[collects(Contact::Email)]\n    phone: String, // CL0002: declared Contact::Email, but it looks like Contact::Phone\n}",
    example_syntax: "rust",
    fix: "Declare the category the field really holds (several are allowed: `#[collects(Contact::Email, Contact::Phone)]`), or rename the field if its name misleads.",
};

/// Reports a declaration that names none of the categories strong evidence
/// points to, unless a directive allows `mismatch` there.
pub(crate) fn check_field(cx: &FieldContext, out: &mut Vec<Finding>) {
    let Some(declared) = cx.declared() else {
        return;
    };
    if cx.allows(Code::Mismatch) {
        return;
    }
    let Some(assessment) = cx.assessment else {
        return;
    };
    if contradicts(declared, assessment) {
        out.push(
            Mismatch {
                item: cx.item,
                field: cx.field,
                declared,
                assessment: assessment.clone(),
            }
            .into(),
        );
    }
}

/// Whether strong evidence points away from every declared category.
fn contradicts(declared: &Declared, assessment: &Assessment) -> bool {
    if declared.none_reason.is_some() || assessment.confidence != Confidence::Strong {
        return false;
    }
    let agrees = declared.categories.iter().any(|(d, _)| {
        assessment
            .categories
            .iter()
            .any(|s| Taxonomy::covers(d, s) || Taxonomy::covers(s, d))
    });
    !agrees && !declared.categories.is_empty() && !assessment.categories.is_empty()
}

/// "`User.phone` is declared Contact::Email but looks like Contact::Phone".
pub(crate) struct Mismatch<'a> {
    pub item: &'a Item,
    pub field: &'a Field,
    pub declared: &'a Declared,
    pub assessment: Assessment,
}

impl From<Mismatch<'_>> for Finding {
    fn from(d: Mismatch<'_>) -> Finding {
        let item_name = d.item.display_name(d.field);
        let declared_names = d.declared.category_names();
        let best = d.assessment.categories.first().cloned().unwrap_or_default();
        let message = format!(
            "`{item_name}.{}` is declared {} but looks like {best}",
            d.field.name,
            declared_names.join(", ")
        );
        let span = d
            .declared
            .categories
            .first()
            .map_or(d.declared.span, |(_, s)| *s);
        let mut finding = Finding::new(Code::Mismatch, &d.item.path, span, message)
            .on_field(item_name, d.field.name.clone(), d.field.ty.to_string())
            .with_label(format!("the evidence says {best}"))
            .with_help(format!(
                "declare what it holds: `#[collects({best})]`, or add it beside the declared category"
            ))
            .with_evidence(d.assessment.categories, d.assessment.evidence);
        finding.declared = declared_names;
        finding
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check;

    #[test]
    fn a_phone_declared_as_an_email_is_a_warning_at_the_category() {
        check(
            "struct User {\n    #[collects(Contact::Email)]\n    phone_number: String,\n}",
            &["2:16 warning CL0002 `User.phone_number` is declared Contact::Email but looks like Contact::Phone [the evidence says Contact::Phone]"],
        );
    }

    #[test]
    fn a_category_that_covers_the_evidence_agrees() {
        check(
            "struct User {\n    #[collects(Contact)]\n    phone_number: String,\n}",
            &[],
        );
    }

    #[test]
    fn a_directive_allows_it() {
        check(
            "struct User {\n    // collects: allow(mismatch) -- shared column\n    #[collects(Contact::Email)]\n    phone_number: String,\n}",
            &[],
        );
    }
}
