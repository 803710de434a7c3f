//! The marker rule: attributes other crates put on fields that hold personal
//! or secret data (`#[redact]`, `#[sensitive(Secret)]`,
//! `#[metastructure(pii = "true")]`). Their names and arguments are data:
//! `[markers]` of `vocabulary.toml`.

use super::vocab::Markers;
use crate::model::Field;

/// The markers on a field, as evidence in words.
pub(super) fn markers(field: &Field, known: &Markers) -> Vec<String> {
    let mut out = Vec::new();
    for attr in &field.attributes {
        // Most attributes are `serde(..)` or `doc`: look closer only at candidates.
        let head = attr.split(['(', '=']).next().unwrap_or("").trim();
        let candidate = known.attributes.iter().any(|a| a == head)
            || known.keys.iter().any(|k| attr.contains(k.as_str()));
        if !candidate {
            continue;
        }
        let a: String = attr.chars().filter(|c| !c.is_whitespace()).collect();
        let name = a.split(['(', '=']).next().unwrap_or("");
        let marker = known.attributes.iter().any(|m| m == name)
            || known.arguments.iter().any(|m| a.contains(m.as_str()));
        if marker {
            out.push(format!("attribute `#[{attr}]`"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess, case};
    use super::super::Confidence;

    const SRC: &str = "struct Event { #[metastructure(pii = \"true\")] remark: String, #[redact] blob: Vec<u8>, \
                       #[sensitive(Secret)] token: String, #[classified(Pii)] pin_code: String, \
                       #[metastructure(pii = \"false\")] note_id: String, #[serde(default)] plain: String }";

    #[test]
    fn a_marker_without_a_category_is_personal() {
        case(SRC, "Event.remark", Some("Contact::Other"), "pii");
        case(SRC, "Event.blob", Some("Contact::Other"), "redact");
        assert_eq!(
            assess(SRC, "Event.remark").unwrap().confidence,
            Confidence::Strong
        );
    }

    #[test]
    fn a_marker_adds_to_the_name() {
        case(
            SRC,
            "Event.token",
            Some("Credentials::SecurityInfo"),
            "sensitive",
        );
        case(
            SRC,
            "Event.pin_code",
            Some("Credentials::Password"),
            "classified",
        );
    }

    #[test]
    fn other_attributes_are_no_markers() {
        case(SRC, "Event.plain", None, "");
        case(SRC, "Event.note_id", None, "");
    }
}
