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
