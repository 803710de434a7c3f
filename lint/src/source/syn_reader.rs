//! The syn reader: parses the text of one item (or one attribute, for the
//! fast reader) with syn and turns it into the model. Positions come from
//! the tokens' spans; texts (a field's name, type and attributes) are the
//! slices of the source their spans cover (`Span::byte_range`, relative to
//! the string syn parsed, plus where that string starts in the file).

use std::ops::Range;

use collects_grammar::{parse_annotation, Taxonomy, ATTRIBUTE};
use syn::spanned::Spanned;

use super::{attribute_text, type_source};
use crate::checks::Finding;
use crate::checks::{self, unparsable};
use crate::model::{
    Declared, Field, FieldRanges, Item, ItemKind, ItemRanges, Name, Position, Shape, Span, Type,
    Variant,
};

/// Turns text parsed by syn into the model, with positions in the whole file.
pub(crate) struct SynReader<'a> {
    pub(crate) path: &'a str,
    /// The text syn parses.
    pub(crate) source: &'a str,
    /// Where `source` starts in the file: its byte offset and position.
    pub(crate) offset: usize,
    pub(crate) origin: Position,
    pub(crate) taxonomy: &'a Taxonomy,
    /// Whether an item deriving this keeps its variants (see [`super::KeepVariants`]).
    pub(crate) keep_variants: super::KeepVariants,
}

impl SynReader<'_> {
    /// A position in the item's text as a position in the file.
    fn position(&self, at: proc_macro2::LineColumn) -> Position {
        if at.line <= 1 {
            Position {
                line: self.origin.line,
                column: self.origin.column + at.column as u32,
            }
        } else {
            Position {
                line: self.origin.line + at.line as u32 - 1,
                column: at.column as u32 + 1,
            }
        }
    }

    fn span(&self, span: proc_macro2::Span) -> Span {
        Span {
            start: self.position(span.start()),
            end: self.position(span.end()),
        }
    }

    /// The byte range of `span` in `source`.
    fn local(&self, span: proc_macro2::Span) -> Range<usize> {
        let range = span.byte_range();
        range.start.min(self.source.len())..range.end.min(self.source.len())
    }

    /// The byte range of `span` in the file.
    fn range(&self, span: proc_macro2::Span) -> Range<usize> {
        let local = self.local(span);
        local.start + self.offset..local.end + self.offset
    }

    /// Parses `source` as an item: the item, or a CL0007 finding.
    pub(crate) fn parse(&self, findings: &mut Vec<Finding>) -> Option<Item> {
        match syn::parse_str::<syn::DeriveInput>(self.source) {
            Ok(input) => Some(self.item(&input, findings)),
            Err(e) => {
                let at = self.position(e.span().start());
                let span = Span {
                    start: at,
                    end: self.position(e.span().end()),
                };
                findings.push(unparsable::finding(self.path, span, &e.to_string()));
                None
            }
        }
    }

    pub(crate) fn item(&self, input: &syn::DeriveInput, findings: &mut Vec<Finding>) -> Item {
        let kind = match input.data {
            syn::Data::Struct(_) => ItemKind::Struct,
            syn::Data::Enum(_) => ItemKind::Enum,
            syn::Data::Union(_) => ItemKind::Union,
        };
        let mut item = Item {
            path: self.path.to_string(),
            name: input.ident.to_string(),
            kind,
            span: self.span(input.ident.span()),
            docs: docs(&input.attrs),
            derives: derives(&input.attrs),
            attributes: self.item_attributes(&input.attrs),
            in_test_module: false,
            declared: self.declared(&input.attrs, findings),
            fields: Vec::new(),
            variants: Vec::new(),
            allowed: Vec::new(),
            ranges: ItemRanges {
                start: self.item_start(input),
                derive_end: self.derive_end(&input.attrs),
            },
            in_macro: false,
        };
        match &input.data {
            syn::Data::Struct(data) => self.fields(None, &data.fields, &mut item.fields, findings),
            syn::Data::Union(data) => {
                let fields = syn::Fields::Named(data.fields.clone());
                self.fields(None, &fields, &mut item.fields, findings)
            }
            syn::Data::Enum(data) => {
                let keep = item
                    .derives
                    .iter()
                    .any(|d| (self.keep_variants)(d.as_str()));
                for variant in &data.variants {
                    let name = variant.ident.to_string();
                    self.fields(Some(&name), &variant.fields, &mut item.fields, findings);
                    if keep {
                        item.variants.push(Variant {
                            line: self.span(variant.ident.span()).start.line,
                            name,
                            docs: docs(&variant.attrs),
                            attributes: self.item_attributes(&variant.attrs),
                        });
                    }
                }
            }
        }
        item
    }

    /// Where the item's declaration starts after its attributes.
    fn item_start(&self, input: &syn::DeriveInput) -> usize {
        let keyword = match &input.data {
            syn::Data::Struct(data) => data.struct_token.span,
            syn::Data::Enum(data) => data.enum_token.span,
            syn::Data::Union(data) => data.union_token.span,
        };
        self.range(visibility_span(&input.vis).unwrap_or(keyword))
            .start
    }

    /// Where the last path of the last `derive(..)` list ends.
    pub(crate) fn derive_end(&self, attrs: &[syn::Attribute]) -> Option<usize> {
        let mut end = None;
        for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
            let _ = attr.parse_nested_meta(|meta| {
                if let Some(last) = meta.path.segments.last() {
                    end = Some(self.range(last.ident.span()).end);
                }
                Ok(())
            });
        }
        end
    }

    fn fields(
        &self,
        variant: Option<&str>,
        fields: &syn::Fields,
        out: &mut Vec<Field>,
        findings: &mut Vec<Finding>,
    ) {
        for (index, field) in fields.iter().enumerate() {
            let ty_span = field.ty.span();
            let (name, span, name_range) = match &field.ident {
                Some(ident) => (
                    unraw(ident),
                    self.span(ident.span()),
                    Some(self.range(ident.span())),
                ),
                None => (index.to_string(), self.span(ty_span), None),
            };
            let first_line = field
                .attrs
                .first()
                .map_or(span.start.line, |a| self.span(a.span()).start.line);
            let (attributes, attribute_ranges) = self.other_attributes(&field.attrs);
            let start = visibility_span(&field.vis)
                .or(field.ident.as_ref().map(syn::Ident::span))
                .unwrap_or(ty_span);
            let ty = Type::new(
                &type_source(&self.source[self.local(ty_span)]),
                Shape::of_syn(&field.ty),
            );
            out.push(Field {
                variant: variant.map(str::to_string),
                name,
                ty,
                span,
                first_line,
                docs: docs(&field.attrs),
                serde_rename: serde_rename(&field.attrs),
                attributes,
                declared: self.declared(&field.attrs, findings),
                allowed: Vec::new(),
                ranges: FieldRanges {
                    start: self.range(start).start,
                    name: name_range,
                    ty: self.range(ty_span),
                    attributes: attribute_ranges,
                },
            });
        }
    }

    /// Attributes other than `doc` and `collects`: their text without
    /// `#[ ]` and where that is in the file.
    pub(crate) fn other_attributes(
        &self,
        attrs: &[syn::Attribute],
    ) -> (Vec<String>, Vec<Range<usize>>) {
        attrs
            .iter()
            .filter(|a| !a.path().is_ident("doc") && !a.path().is_ident(ATTRIBUTE))
            .map(|a| {
                let span = a.meta.span();
                (
                    attribute_text(&self.source[self.local(span)]),
                    self.range(span),
                )
            })
            .unzip()
    }

    /// An item's attributes other than `doc`, `derive` and `collects`: their
    /// text without `#[ ]`.
    pub(crate) fn item_attributes(&self, attrs: &[syn::Attribute]) -> Vec<String> {
        attrs
            .iter()
            .filter(|a| {
                !["doc", "derive", ATTRIBUTE]
                    .iter()
                    .any(|n| a.path().is_ident(n))
            })
            .map(|a| attribute_text(&self.source[self.local(a.meta.span())]))
            .collect()
    }

    /// Reads `#[collects(..)]`; its mistakes become CL0004/CL0006 findings.
    pub(crate) fn declared(
        &self,
        attrs: &[syn::Attribute],
        findings: &mut Vec<Finding>,
    ) -> Option<Box<Declared>> {
        let attr = attrs.iter().find(|a| a.path().is_ident(ATTRIBUTE))?;
        let parsed = parse_annotation(attr, self.taxonomy);
        for error in &parsed.errors {
            findings.push(checks::annotation_error(
                self.path,
                self.span(error.span),
                error,
            ));
        }
        // Even a declaration with mistakes says the author meant to declare:
        // its errors are reported, not an "undeclared" as well.
        let a = parsed.annotation;
        Some(Box::new(Declared {
            categories: a
                .categories
                .iter()
                .map(|c| (c.path(), self.span(c.span)))
                .collect(),
            purpose: a.purpose.map(|(p, s)| (p, self.span(s))),
            source: a.source.map(|(p, s)| (p, self.span(s))),
            optional: a.optional,
            none_reason: a.none_reason,
            span: self.span(a.span),
        }))
    }
}

/// Where `pub` is, unless the visibility is inherited (then nothing is written).
fn visibility_span(vis: &syn::Visibility) -> Option<proc_macro2::Span> {
    match vis {
        syn::Visibility::Public(public) => Some(public.span),
        syn::Visibility::Restricted(restricted) => Some(restricted.pub_token.span),
        syn::Visibility::Inherited => None,
    }
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_string).unwrap_or(name)
}

pub(crate) fn docs(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines.join("\n")
}

/// The last segments of the paths of every `derive(..)` list, as far as
/// each list parses.
pub(crate) fn derives(attrs: &[syn::Attribute]) -> Vec<Name> {
    let mut names = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                names.push(Name::new(&last.ident.to_string()));
            }
            Ok(())
        });
    }
    names
}

pub(crate) fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if let Ok(value) = meta.value() {
                    if let Ok(lit) = value.parse::<syn::LitStr>() {
                        rename = Some(lit.value());
                    }
                }
            } else if meta.input.peek(syn::Token![=]) {
                let _ = meta.value()?.parse::<syn::Expr>();
            } else if meta.input.peek(syn::token::Paren) {
                let _ = meta.parse_nested_meta(|_| Ok(()));
            }
            Ok(())
        });
    }
    rename
}
