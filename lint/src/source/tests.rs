//! Reading whole files: items, fields, findings and directives.

use super::*;
use crate::checks::Code;

fn extract_one(source: &str) -> FileFacts {
    extract("src/lib.rs", source.as_bytes(), &Taxonomy::builtin())
}

#[test]
fn reads_fields_with_positions_types_and_attributes() {
    let facts = extract_one(
        "use x;\n\n/// A person.\n#[derive(Collects)]\npub struct User {\n    /// Where we write.\n    #[serde(rename = \"mail\")]\n    #[collects(Contact::Email, purpose = Account)]\n    pub email: Option<Vec<String>>,\n    r#type: &'static str,\n}\n",
    );
    assert!(facts.findings.is_empty(), "{:?}", facts.findings);
    let item = &facts.items[0];
    assert_eq!(
        (
            item.name.as_str(),
            item.docs.as_str(),
            item.derives("Collects")
        ),
        ("User", "A person.", true)
    );
    assert_eq!(
        item.span.start,
        Position {
            line: 5,
            column: 12
        }
    );
    let email = &item.fields[0];
    assert_eq!(
        (email.name.as_str(), email.ty.written()),
        ("email", "Option<Vec<String>>")
    );
    assert_eq!(email.span.start, Position { line: 9, column: 9 });
    assert_eq!(email.first_line, 6);
    assert_eq!(email.serde_rename.as_deref(), Some("mail"));
    assert_eq!(email.docs, "Where we write.");
    assert_eq!(
        email.declared.as_ref().unwrap().category_names(),
        ["Contact::Email"]
    );
    assert_eq!(email.attributes, ["serde(rename = \"mail\")"]);
    assert_eq!(
        (item.fields[1].name.as_str(), item.fields[1].ty.written()),
        ("type", "&'static str")
    );
}

#[test]
fn enum_variants_and_tuple_fields_are_fields() {
    let facts =
        extract_one("enum Event { Login { ip: IpAddr }, Tap(u32, String) }\nstruct Gps(f64, f64);");
    let event = &facts.items[0];
    let names: Vec<_> = event
        .fields
        .iter()
        .map(|f| (f.variant.clone().unwrap(), f.name.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("Login".into(), "ip".into()),
            ("Tap".into(), "0".into()),
            ("Tap".into(), "1".into())
        ]
    );
    assert_eq!(event.display_name(&event.fields[0]), "Event::Login");
    assert_eq!(facts.items[1].fields.len(), 2);
}

#[test]
fn annotation_mistakes_become_findings_at_their_token() {
    let facts = extract_one(
        "struct U {\n    #[collects(Contact::Emial, purpose = Acount)]\n    email: String,\n}",
    );
    let codes: Vec<_> = facts
        .findings
        .iter()
        .map(|f| (f.code, f.span.start))
        .collect();
    assert_eq!(
        codes,
        [
            (
                Code::UnknownCategory,
                Position {
                    line: 2,
                    column: 25
                }
            ),
            (
                Code::UnknownCategory,
                Position {
                    line: 2,
                    column: 42
                }
            ),
        ]
    );
}

#[test]
fn an_item_that_does_not_parse_is_reported_and_the_rest_still_read() {
    let facts = extract_one("struct Broken { email: String,, }\nstruct Fine { phone: String }");
    assert_eq!(facts.items.len(), 1);
    assert_eq!(facts.findings[0].code, Code::Unparsable);
    assert_eq!(facts.findings[0].span.start.line, 1);
}

#[test]
fn a_file_that_is_not_utf8_is_reported() {
    let facts = extract(
        "bad.rs",
        b"struct A { x: u8 }\n\xff\xfe",
        &Taxonomy::builtin(),
    );
    assert_eq!(facts.findings[0].code, Code::Unparsable);
    assert!(facts.findings[0].message.contains("not UTF-8"));
    assert_eq!(facts.findings[0].span.start.line, 2);
}

#[test]
fn directives_among_attributes_apply_to_what_they_precede() {
    let facts = extract_one(
        "use x;\n#[derive(Debug)]\n// collects: allow(undeclared) -- why\nstruct A {\n    #[serde(default)]\n    // collects: allow(mismatch) -- why\n    b: u8,\n}",
    );
    assert_eq!(facts.items[0].allowed, ["undeclared"]);
    assert_eq!(facts.items[0].fields[0].allowed, ["mismatch"]);
}

#[test]
fn directives_allow_checks_on_the_next_line_or_the_whole_file() {
    let facts = extract_one(
        "// collects: allow(mismatch) -- whole file\nuse x;\n// collects: allow(undeclared) -- legacy\nstruct A {\n    // collects: allow(CL0002) -- why\n    b: u8,\n    c: u8,\n}",
    );
    let item = &facts.items[0];
    assert_eq!(item.allowed, ["mismatch", "undeclared"]);
    assert_eq!(item.fields[0].allowed, ["CL0002"]);
    assert!(item.fields[1].allowed.is_empty());
}

#[test]
fn items_in_macro_bodies_are_read_and_others_skipped_quietly() {
    let facts = extract_one(
        "bitflags! { pub struct F: u32 { const A = 1; } }\nauto_derived!(\n    pub struct User { email: String },\n    \"PartialUser\"\n);\n",
    );
    assert!(facts.findings.is_empty(), "{:?}", facts.findings);
    assert_eq!(facts.macro_bodies, 2);
    let names: Vec<_> = facts.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["User"]);
    assert_eq!(
        facts.items[0].fields[0].span.start,
        Position {
            line: 3,
            column: 23
        }
    );
}

#[test]
fn both_readers_give_where_a_declaration_and_its_last_derive_path_are() {
    let text = "/// A person.\n#[derive(Debug)]\n#[derive(\n    serde::Serialize,\n    Clone,\n)]\npub(crate) struct User {\n    /// Where we write.\n    #[serde(rename = \"mail\")]\n    pub(crate) email: String,\n    phone: String,\n}\nstruct Gps(#[allow(dead_code)] pub f64, f64);\n";
    let taxonomy = Taxonomy::builtin();
    let items = prescan::scan(text).items;
    for read in [read_lexically, read_with_syn] {
        let (user, _) = read("src/lib.rs", text, items[0].start..items[0].end, &taxonomy).unwrap();
        assert!(text[user.ranges.start..].starts_with("pub(crate) struct User"));
        assert!(text[..user.ranges.derive_end.unwrap()].ends_with("    Clone"));
        let starts: Vec<&str> = user
            .fields
            .iter()
            .map(|f| &text[f.ranges.start..f.ranges.start + 10])
            .collect();
        assert_eq!(starts, ["pub(crate)", "phone: Str"]);
        let (gps, _) = read("src/lib.rs", text, items[1].start..items[1].end, &taxonomy).unwrap();
        assert!(text[gps.ranges.start..].starts_with("struct Gps"));
        assert_eq!(gps.ranges.derive_end, None);
        let starts: Vec<&str> = gps
            .fields
            .iter()
            .map(|f| &text[f.ranges.start..f.ranges.start + 3])
            .collect();
        assert_eq!(starts, ["pub", "f64"]);
    }
}

#[test]
fn items_of_macro_bodies_are_marked() {
    let facts =
        extract_one("struct A { a: u8 }\nauto_derived!( pub struct User { email: String } );\n");
    let in_macro: Vec<bool> = facts.items.iter().map(|i| i.in_macro).collect();
    assert_eq!(in_macro, [false, true]);
}

#[test]
fn variants_are_kept_only_for_the_derives_asked_for() {
    let text = "#[derive(Debug, Error)]\nenum E {\n    /// Bad.\n    #[error(\"bad {0}\")]\n    Bad(String),\n    Unit,\n}\n#[derive(Debug)]\nenum F { A(u8) }\n";
    let kept = |text: &str| {
        let facts = extract_with("src/lib.rs", text.as_bytes(), &Taxonomy::builtin(), |d| {
            d == "Error"
        });
        facts
            .items
            .into_iter()
            .map(|i| i.variants)
            .collect::<Vec<_>>()
    };
    // Attribute texts are whitespace-collapsed, as an item's are.
    let variant = |name: &str, line, docs: &str, attributes: &[&str]| crate::model::Variant {
        name: name.into(),
        line,
        docs: docs.into(),
        attributes: attributes.iter().map(|a| a.to_string()).collect(),
    };
    assert_eq!(
        kept(text),
        [
            vec![
                variant("Bad", 5, "Bad.", &["error(\"bad{0}\")"]),
                variant("Unit", 6, "", &[])
            ],
            vec![]
        ]
    );
    // Read by syn (the fast reader declines the discriminant's block), the same.
    assert_eq!(kept(&text.replace("Unit,", "Unit = { 1 },")), kept(text));
    assert!(extract_one(text).items[0].variants.is_empty());
}
