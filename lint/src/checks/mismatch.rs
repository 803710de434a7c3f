//! CL0002 mismatch: a declared category that strong evidence contradicts.

use collects_grammar::Taxonomy;

use super::{Code, Explain};
use crate::evidence::{Assessment, Confidence};
use crate::finding::Finding;
use crate::model::{Declared, Field, Item};

pub const EXPLAIN: Explain = Explain {
    summary: "a field's declared category disagrees with what it clearly holds",
    what_it_does: "Compares the categories declared on a field with the strong evidence about it (the same evidence CL0001 uses) and reports a declaration that names none of the categories the evidence points to.",
    why_it_matters: "A wrong category puts the data under the wrong heading of the statement and the data map: a phone number declared as an email is missing where people look for phone numbers, with the retention and sharing rules of the wrong kind of data.",
    example: "struct User {\n    #[collects(Contact::Email)]\n    phone: String, // CL0002: declared Contact::Email, but it looks like Contact::Phone\n}",
    fix: "Declare the category the field really holds (several are allowed: `#[collects(Contact::Email, Contact::Phone)]`), or rename the field if its name misleads.",
};

/// A finding when strong evidence points away from every declared category.
pub fn check(
    item: &Item,
    field: &Field,
    declared: &Declared,
    assessment: &Assessment,
) -> Option<Finding> {
    if declared.none_reason.is_some() || assessment.confidence != Confidence::Strong {
        return None;
    }
    let agrees = declared.categories.iter().any(|(d, _)| {
        assessment
            .categories
            .iter()
            .any(|s| Taxonomy::covers(d, s) || Taxonomy::covers(s, d))
    });
    if agrees || declared.categories.is_empty() {
        return None;
    }
    let item_name = item.display_name(field);
    let declared_names = declared.category_names();
    let best = assessment.categories.first()?;
    let message = format!(
        "`{item_name}.{}` is declared {} but looks like {best}",
        field.name,
        declared_names.join(", ")
    );
    let span = declared
        .categories
        .first()
        .map_or(declared.span, |(_, s)| *s);
    let mut finding = Finding::new(Code::Mismatch, &item.path, span, message);
    finding.item = Some(item_name);
    finding.field = Some(field.name.clone());
    finding.ty = Some(field.ty.to_string());
    finding.label = format!("the evidence says {best}");
    finding.help = Some(format!(
        "declare what it holds: `#[collects({best})]`, or add it beside the declared category"
    ));
    finding.declared = declared_names;
    finding.suggested = assessment.categories.clone();
    finding.evidence = assessment.evidence.clone();
    Some(finding)
}
