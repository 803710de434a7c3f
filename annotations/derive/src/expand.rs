//! The tokens the derive emits: the `Collects` impl, the files that make
//! cargo rebuild, and every error found.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::DeriveInput;

use crate::ast::{self, FieldDeclaration};
use crate::ctxt::Ctxt;
use crate::taxonomy;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let mut cx = Ctxt::default();
    let (declarations, files) = match taxonomy::for_crate() {
        Ok(loaded) => (
            ast::declarations(&mut cx, input, &loaded.taxonomy),
            loaded.files,
        ),
        Err(problem) => {
            cx.error(Span::call_site(), problem);
            (Vec::new(), Vec::new())
        }
    };
    let tracked = files.iter().filter_map(|file| match file.to_str() {
        // `include_bytes!` is how a proc-macro tells cargo about a file it read.
        Some(path) => Some(quote! { const _: &[u8] = ::core::include_bytes!(#path); }),
        None => {
            cx.error(
                Span::call_site(),
                format!(
                    "the path {} is not UTF-8, so cargo cannot be told to rebuild when it changes",
                    file.display()
                ),
            );
            None
        }
    });
    let tracked: Vec<TokenStream> = tracked.collect();
    let entries = declarations.iter().map(declaration);
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    // The impl is emitted even with errors, from what was valid, so a caller
    // of `collected()` sees the real mistakes and not a missing impl.
    let errors = cx.into_compile_errors();
    quote! {
        #(#tracked)*
        #[automatically_derived]
        impl #impl_generics ::collects::Collects for #ident #ty_generics #where_clause {
            fn collected() -> &'static [::collects::Declaration] {
                const DECLARATIONS: &[::collects::Declaration] = &[#(#entries),*];
                DECLARATIONS
            }
        }
        #errors
    }
}

fn declaration(d: &FieldDeclaration) -> TokenStream {
    let FieldDeclaration {
        item,
        field,
        annotation,
    } = d;
    let categories = annotation.categories.iter().map(|c| c.path());
    let purpose = optional_str(annotation.purpose.as_ref().map(|(name, _)| name.as_str()));
    let source = optional_str(annotation.source.as_ref().map(|(name, _)| name.as_str()));
    let optional = annotation.optional;
    let none_reason = optional_str(annotation.none_reason.as_deref());
    quote! {
        ::collects::Declaration {
            item: #item,
            field: #field,
            categories: &[#(#categories),*],
            purpose: #purpose,
            source: #source,
            optional: #optional,
            none_reason: #none_reason,
        }
    }
}

fn optional_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}
