//! The derive input as the list of declarations it makes: each field with the
//! annotation that applies to it (its own, else its type's).

use collects_grammar::{effective, parse_annotation, Annotation, Taxonomy, ATTRIBUTE};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Fields};

use crate::ctxt::Ctxt;

/// One field's declaration, as `Collects::collected` lists it.
pub(crate) struct FieldDeclaration {
    /// The struct's name, or `Enum::Variant`.
    pub item: String,
    /// The field's name, or its index in a tuple.
    pub field: String,
    pub annotation: Annotation,
}

/// Every declaration of `input`, in source order. Mistakes go to `cx`; what
/// was valid is still returned, so the emitted impl does not add errors of
/// its own on top of the user's.
pub(crate) fn declarations(
    cx: &mut Ctxt,
    input: &DeriveInput,
    taxonomy: &Taxonomy,
) -> Vec<FieldDeclaration> {
    let container = read_attribute(cx, &input.attrs, taxonomy);
    let name = input.ident.unraw().to_string();
    let mut out = Vec::new();
    match &input.data {
        Data::Struct(data) => {
            read_fields(cx, &data.fields, &name, container.as_ref(), taxonomy, &mut out)
        }
        Data::Enum(data) => {
            for variant in &data.variants {
                for attr in attrs_named_collects(&variant.attrs) {
                    cx.error_spanned(
                        attr,
                        "`#[collects]` on an enum variant is not read: put it on the variant's fields, or on the enum as the default for every field",
                    );
                }
                let item = format!("{name}::{}", variant.ident.unraw());
                read_fields(cx, &variant.fields, &item, container.as_ref(), taxonomy, &mut out);
            }
        }
        Data::Union(data) => cx.error(
            data.union_token.span,
            "`#[derive(Collects)]` does not support unions: declare personal data on the fields of a struct or an enum",
        ),
    }
    out
}

fn read_fields(
    cx: &mut Ctxt,
    fields: &Fields,
    item: &str,
    container: Option<&Annotation>,
    taxonomy: &Taxonomy,
    out: &mut Vec<FieldDeclaration>,
) {
    for (index, field) in fields.iter().enumerate() {
        let own = read_attribute(cx, &field.attrs, taxonomy);
        let Some(annotation) = effective(own.as_ref(), container) else {
            continue;
        };
        let field = match &field.ident {
            Some(ident) => ident.unraw().to_string(),
            None => index.to_string(),
        };
        out.push(FieldDeclaration {
            item: item.to_string(),
            field,
            annotation: annotation.clone(),
        });
    }
}

/// The one `#[collects(..)]` among `attrs`, read against the taxonomy.
fn read_attribute(cx: &mut Ctxt, attrs: &[Attribute], taxonomy: &Taxonomy) -> Option<Annotation> {
    let mut found = attrs_named_collects(attrs);
    let first = found.next()?;
    for extra in found {
        cx.error_spanned(
            extra,
            "`#[collects]` is given twice here; write one `#[collects(..)]` that says everything",
        );
    }
    let parsed = parse_annotation(first, taxonomy);
    for error in &parsed.errors {
        // The grammar gives a whole-attribute error the attribute's span, which
        // on stable Rust is only its `#`; underline the whole attribute instead.
        if same_span(error.span, first.pound_token.span) {
            cx.error_spanned(first, error.full_message());
        } else {
            cx.error(error.span, error.full_message());
        }
    }
    Some(parsed.annotation)
}

/// Spans have no `PartialEq`; inside the compiler their `Debug` text names
/// the exact source position, which is enough to tell two tokens apart.
fn same_span(a: Span, b: Span) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

fn attrs_named_collects(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident(ATTRIBUTE))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `item.field: categories` per declaration, then `error: message` per
    /// mistake, for the type in `source`.
    fn check(source: &str) -> Vec<String> {
        let input: DeriveInput = syn::parse_str(source).expect("test input parses");
        let mut cx = Ctxt::default();
        let taxonomy = Taxonomy::builtin();
        let mut out: Vec<String> = declarations(&mut cx, &input, &taxonomy)
            .iter()
            .map(|d| {
                let categories: Vec<String> =
                    d.annotation.categories.iter().map(|c| c.path()).collect();
                let none = d.annotation.none_reason.as_ref().map_or("", |_| " none");
                format!("{}.{}: {}{none}", d.item, d.field, categories.join(", "))
            })
            .collect();
        out.extend(cx.messages().into_iter().map(|m| format!("error: {m}")));
        out
    }

    #[test]
    fn named_tuple_and_variant_fields() {
        assert_eq!(
            check("struct S { #[collects(Contact::Email)] a: String, b: u8 }"),
            ["S.a: Contact::Email"]
        );
        assert_eq!(
            check("struct T(u8, #[collects(Location)] f64);"),
            ["T.1: Location"]
        );
        assert_eq!(
            check("enum E { A { #[collects(Contact)] x: u8 }, B(#[collects(Device::IpAddress)] u8), C }"),
            ["E::A.x: Contact", "E::B.0: Device::IpAddress"]
        );
        assert_eq!(
            check("struct R { #[collects(Contact)] r#type: u8 }"),
            ["R.type: Contact"]
        );
    }

    #[test]
    fn the_container_is_the_default_and_a_field_overrides_it() {
        assert_eq!(
            check(
                "#[collects(ProductUse::Settings)] struct S { a: u8, #[collects(Contact)] b: u8 }"
            ),
            ["S.a: ProductUse::Settings", "S.b: Contact"]
        );
        assert_eq!(
            check("#[collects(none, reason = \"build info\")] enum E { A(u8), B { c: u8 } }"),
            ["E::A.0:  none", "E::B.c:  none"]
        );
    }

    #[test]
    fn every_mistake_is_collected() {
        assert_eq!(
            check("#[collects(Contakt)] struct S { #[collects(Contact::Emial)] a: u8, #[collects(none)] b: u8 }"),
            [
                "S.a: ",
                "S.b: ",
                "error: unknown category or keyword `Contakt`; did you mean `Contact`?",
                "error: `Contact` has no item `Emial`; did you mean `Contact::Email`?",
                "error: `none` needs a reason: `#[collects(none, reason = \"why\")]`",
            ]
        );
    }

    #[test]
    fn unions_variant_attributes_and_repeats_are_errors() {
        assert_eq!(
            check("union U { a: u8 }"),
            ["error: `#[derive(Collects)]` does not support unions: declare personal data on the fields of a struct or an enum"]
        );
        assert_eq!(
            check("enum E { #[collects(Contact)] A(u8) }"),
            ["error: `#[collects]` on an enum variant is not read: put it on the variant's fields, or on the enum as the default for every field"]
        );
        assert_eq!(
            check("struct S { #[collects(Contact)] #[collects(Location)] a: u8 }"),
            [
                "S.a: Contact",
                "error: `#[collects]` is given twice here; write one `#[collects(..)]` that says everything"
            ]
        );
    }
}
