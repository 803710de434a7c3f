//! `#[derive(Collects)]`: reads the `#[collects(..)]` declarations of a
//! struct's or enum's fields, checks them against the taxonomy at compile
//! time, and implements `collects::Collects` so the program can list them.
//!
//! Use it through the `collects` crate, which re-exports it next to the trait.
//! Every mistake in a type is reported at once, each at its own token.

mod ast;
mod ctxt;
mod expand;
mod taxonomy;

use proc_macro::TokenStream;

/// Implements `collects::Collects` from the type's `#[collects(..)]` attributes.
///
/// See the `collects` crate for the grammar and examples.
#[proc_macro_derive(Collects, attributes(collects))]
pub fn derive_collects(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
