//! CL0001 undeclared: a field whose evidence says personal data, with no
//! `#[collects(..)]` of its own or from its type.

use super::{Code, Explain};
use crate::evidence::{Assessment, Confidence};
use crate::finding::Finding;
use crate::model::{Field, Item};

pub const EXPLAIN: Explain = Explain {
    summary: "a field holds personal data but declares no category",
    what_it_does: "Reads each field's name, type, serde rename, doc comment, wrapper types (`SecretString`, `IpAddr`) and markers of other crates (`#[redact]`, `#[sensitive]`), together with the struct around it, and reports fields that look like personal data but carry no `#[collects(..)]`, neither their own nor their type's. Strong evidence is an error; weak evidence is a note (`[lint] severity` in collects.toml changes both: `undeclared` and `undeclared.weak`).",
    why_it_matters: "A privacy statement is only true while every place that collects personal data is known. An undeclared `email` column is data the privacy team cannot see: it is missing from the data map, from app-store labels and from deletion requests.",
    example: "struct User {\n    email: String, // CL0001: `User.email` looks like Contact::Email and is not declared\n}",
    fix: "Declare what the field holds and why:\n\n    #[collects(Contact::Email, purpose = Account)]\n    email: String,\n\nor say that it is not personal data:\n\n    #[collects(none, reason = \"address of the shop's own mailbox\")]\n    email: String,\n\nor, for code that does not derive `Collects`, put `// collects: allow(undeclared) -- why` on the line above.",
};

/// The finding for a field with no declaration, if its evidence says personal data.
pub fn check(item: &Item, field: &Field, assessment: Assessment) -> Finding {
    let item_name = item.display_name(field);
    let category = assessment.categories.first().cloned().unwrap_or_default();
    let message = format!(
        "`{item_name}.{}` looks like {category} and is not declared",
        field.name
    );
    let mut finding = Finding::new(Code::Undeclared, &item.path, field.span, message);
    finding.item = Some(item_name);
    finding.field = Some(field.name.clone());
    finding.ty = Some(field.ty.to_string());
    finding.label = match assessment.confidence {
        Confidence::Strong => format!("holds {category}"),
        Confidence::Weak => format!("may hold {category}"),
    };
    finding.help = Some(format!(
        "declare it: `#[collects({category}, purpose = ..)]`, or `#[collects(none, reason = \"..\")]` if it is not personal data"
    ));
    finding.confidence = Some(assessment.confidence);
    finding.suggested = assessment.categories;
    finding.evidence = assessment.evidence;
    finding
}
