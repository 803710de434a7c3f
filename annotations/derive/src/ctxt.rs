//! Gathers every error of one derive, so the user sees all their mistakes at
//! once rather than one per compile.

use proc_macro2::{Span, TokenStream};

#[derive(Default)]
pub(crate) struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    pub(crate) fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// An error that underlines every token of `tokens`, where a `Span`
    /// alone would show only the first one.
    pub(crate) fn error_spanned(
        &mut self,
        tokens: impl quote::ToTokens,
        message: impl std::fmt::Display,
    ) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// Every error as `compile_error!` invocations, each at its own span.
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        self.errors
            .iter()
            .map(syn::Error::to_compile_error)
            .collect()
    }

    #[cfg(test)]
    pub(crate) fn messages(&self) -> Vec<String> {
        self.errors.iter().map(ToString::to_string).collect()
    }
}
