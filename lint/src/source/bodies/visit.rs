//! Walks a parsed file: each function with its parameters, the locals it
//! binds (and what the code states of their types), the values its sinks
//! print, and the `#[instrument]` spans of its parameters.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use syn::spanned::Spanned;
use syn::visit::Visit;

use super::macros::{self, Layout};
use super::{allowed_at, span_of, Bodies, How, Place, Reach, Signature, TypeOf};
use crate::model::Shape;
use crate::source::directives::Directive;

/// Methods whose result is their receiver's value, or a view of it: what
/// they return prints what the receiver holds.
const PASS_THROUGH: &[&str] = &[
    "clone",
    "to_string",
    "to_owned",
    "as_str",
    "as_ref",
    "as_deref",
    "borrow",
    "deref",
    "unwrap",
    "expect",
    "unwrap_or_default",
    "trim",
    "to_lowercase",
    "to_uppercase",
    "as_slice",
    "iter",
    "into_iter",
    "first",
    "last",
    "get",
    "lock",
    "read",
];

/// Methods whose result is the value inside their receiver (the first type
/// argument of `Option<T>`, `Result<T, E>`, `Vec<T>`).
const UNWRAPPING: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_default",
    "unwrap_or",
    "unwrap_or_else",
    "first",
    "last",
    "get",
];

/// Methods that open a redacting wrapper (secrecy's `expose_secret`, ..).
const REVEALING: &[&str] = &[
    "expose_secret",
    "expose",
    "into_inner",
    "reveal",
    "leak_ref",
];

/// A local or parameter of the function being read.
#[derive(Debug, Clone, Default)]
struct Local {
    ty: Option<TypeOf>,
    /// The printed values it was built from (`let m = format!("{}", x)`),
    /// each with how it was formatted and the type of its root then.
    built_from: Vec<(Place, How, Option<TypeOf>)>,
}

/// Where the walk is: the function, its `impl`, whether it is test code.
#[derive(Clone, Default)]
struct Scope {
    function: String,
    /// The `impl` block's type: what `self` and `Self` are.
    owner: Option<Shape>,
    owner_name: Option<String>,
    in_test: bool,
    /// The function's first line (its attributes) and the line of its name.
    lines: (u32, u32),
    locals: HashMap<String, Local>,
}

pub(super) struct BodyVisitor<'a> {
    bodies: Bodies,
    directives: &'a [Directive],
    file_allowed: Vec<String>,
    scope: Scope,
}

impl<'a> BodyVisitor<'a> {
    pub(super) fn new(
        path: &str,
        test_file: bool,
        directives: &'a [Directive],
        file_allowed: Vec<String>,
    ) -> Self {
        BodyVisitor {
            bodies: Bodies {
                path: path.to_string(),
                ..Bodies::default()
            },
            directives,
            file_allowed,
            scope: Scope {
                in_test: test_file,
                ..Scope::default()
            },
        }
    }

    pub(super) fn finish(self) -> Bodies {
        self.bodies
    }

    /// Reads one function: its signature, parameters, `#[instrument]` and body.
    fn function(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        visit_body: impl FnOnce(&mut Self),
    ) {
        let saved = self.scope.clone();
        let name = sig.ident.to_string();
        self.scope.function = match &self.scope.owner_name {
            Some(owner) => format!("{owner}::{name}"),
            None => name.clone(),
        };
        self.scope.in_test |= attrs.iter().any(is_test_attribute);
        let first = attrs.first().map_or(sig.span(), |a| a.span());
        self.scope.lines = (
            first.start().line as u32,
            sig.ident.span().start().line as u32,
        );
        self.scope.locals.clear();
        self.signature(&name, sig);
        for input in &sig.inputs {
            self.parameter(input);
        }
        if let Some(instrument) = attrs
            .iter()
            .find(|a| last_segment(a.path()) == "instrument")
        {
            self.instrument(instrument, sig);
        }
        visit_body(self);
        self.scope = saved;
    }

    fn signature(&mut self, name: &str, sig: &syn::Signature) {
        let syn::ReturnType::Type(_, ty) = &sig.output else {
            return;
        };
        let output = match (&**ty, &self.scope.owner) {
            (syn::Type::Path(p), Some(owner)) if p.path.is_ident("Self") => owner.clone(),
            _ => Shape::of_syn(ty),
        };
        self.bodies.signatures.push(Signature {
            owner: self.scope.owner_name.clone(),
            name: name.to_string(),
            output,
        });
    }

    fn parameter(&mut self, input: &syn::FnArg) {
        let (name, ty) = match input {
            syn::FnArg::Receiver(_) => ("self".to_string(), self.scope.owner.clone()),
            syn::FnArg::Typed(typed) => {
                let Some(name) = pattern_name(&typed.pat) else {
                    return;
                };
                (name, Some(self.shape_of(&typed.ty)))
            }
        };
        self.scope.locals.insert(
            name,
            Local {
                ty: ty.map(TypeOf::Shape),
                built_from: Vec::new(),
            },
        );
    }

    /// `#[instrument]` records every parameter it does not skip with `Debug`,
    /// and the values of its `fields(..)`.
    fn instrument(&mut self, attr: &syn::Attribute, sig: &syn::Signature) {
        let mut skipped: Vec<String> = Vec::new();
        let mut skip_all = false;
        let mut fields = TokenStream::new();
        if let syn::Meta::List(_) = &attr.meta {
            let _ = attr.parse_nested_meta(|meta| {
                let key = last_segment(&meta.path);
                if key == "skip_all" {
                    skip_all = true;
                } else if key == "skip" {
                    meta.parse_nested_meta(|m| {
                        skipped.push(last_segment(&m.path));
                        Ok(())
                    })?;
                } else if key == "fields" {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    fields = content.parse()?;
                } else if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                } else if meta.input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    content.parse::<TokenStream>()?;
                }
                Ok(())
            });
        }
        let sink = "#[instrument]";
        for part in macros::split_top_level(fields) {
            let argument = macros::tracing_field(part);
            self.print_tokens(argument.tokens, argument.how, sink);
        }
        if skip_all {
            return;
        }
        for input in &sig.inputs {
            let (name, span) = match input {
                syn::FnArg::Receiver(r) => ("self".to_string(), r.span()),
                syn::FnArg::Typed(t) => match pattern_name(&t.pat) {
                    Some(name) => (name, t.pat.span()),
                    None => continue,
                },
            };
            if !skipped.contains(&name) {
                let place = Place {
                    root: name,
                    fields: Vec::new(),
                    revealed: false,
                };
                self.reach(place, How::Debug, sink, span);
            }
        }
    }

    /// `Self` is the `impl` block's type.
    fn shape_of(&self, ty: &syn::Type) -> Shape {
        match (ty, &self.scope.owner) {
            (syn::Type::Path(p), Some(owner)) if p.path.is_ident("Self") => owner.clone(),
            (syn::Type::Reference(r), _) => self.shape_of(&r.elem),
            _ => Shape::of_syn(ty),
        }
    }

    /// Records that `place`, formatted `how`, reaches `sink` at `span`; a
    /// local built from printed values reaches it as those values first,
    /// then as itself (its name may say what it holds).
    fn reach(&mut self, place: Place, how: How, sink: &str, span: proc_macro2::Span) {
        let local = self
            .scope
            .locals
            .get(&place.root)
            .cloned()
            .unwrap_or_default();
        if place.fields.is_empty() {
            for (from, from_how, root_type) in local.built_from {
                let via = Some(place.root.clone());
                self.push_reach(from, from_how, root_type, via, sink, span);
            }
        }
        self.push_reach(place, how, local.ty, None, sink, span);
    }

    fn push_reach(
        &mut self,
        place: Place,
        how: How,
        root_type: Option<TypeOf>,
        via: Option<String>,
        sink: &str,
        span: proc_macro2::Span,
    ) {
        let span = span_of(span);
        let allowed = allowed_at(
            self.directives,
            &self.file_allowed,
            span.start.line,
            self.scope.lines,
        );
        self.bodies.reaches.push(Reach {
            place,
            root_type,
            how,
            via,
            sink: sink.to_string(),
            span,
            function: self.scope.function.clone(),
            in_test: self.scope.in_test,
            allowed,
        });
    }

    /// Every value `tokens` (one macro argument) prints, formatted `how`.
    fn print_tokens(&mut self, tokens: TokenStream, how: How, sink: &str) {
        let span = macros::tokens_span(&tokens);
        let Ok(expr) = syn::parse2::<syn::Expr>(tokens) else {
            return;
        };
        for (place, how) in self.places(&expr, how) {
            self.reach(place, how, sink, span);
        }
    }

    /// The places an expression's value prints, each with how it is formatted.
    fn places(&self, expr: &syn::Expr, how: How) -> Vec<(Place, How)> {
        match expr {
            syn::Expr::Path(p) => match p.path.get_ident() {
                Some(ident) => vec![(place_of(ident.to_string()), how)],
                None => Vec::new(),
            },
            syn::Expr::Field(f) => {
                let mut places = self.places(&f.base, how);
                for (place, _) in &mut places {
                    place.fields.push(member_name(&f.member));
                }
                places
            }
            syn::Expr::Reference(r) => self.places(&r.expr, how),
            syn::Expr::Paren(p) => self.places(&p.expr, how),
            syn::Expr::Group(g) => self.places(&g.expr, how),
            syn::Expr::Try(t) => self.places(&t.expr, how),
            syn::Expr::Await(a) => self.places(&a.base, how),
            syn::Expr::Index(i) => self.places(&i.expr, how),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.places(&u.expr, how),
            syn::Expr::MethodCall(m) => self.method_places(m, how),
            syn::Expr::Tuple(t) => t.elems.iter().flat_map(|e| self.places(e, how)).collect(),
            syn::Expr::Array(a) => a.elems.iter().flat_map(|e| self.places(e, how)).collect(),
            syn::Expr::Macro(m) => self.macro_places(&m.mac),
            _ => Vec::new(),
        }
    }

    fn method_places(&self, call: &syn::ExprMethodCall, how: How) -> Vec<(Place, How)> {
        let method = call.method.to_string();
        let revealing = REVEALING.contains(&method.as_str());
        let keeps_value =
            PASS_THROUGH.contains(&method.as_str()) || UNWRAPPING.contains(&method.as_str());
        if !revealing && !keeps_value {
            return Vec::new();
        }
        // `value.to_string()` is what its `Display` prints, however the
        // string is formatted then.
        let how = if method == "to_string" {
            How::Display
        } else {
            how
        };
        let mut places = self.places(&call.receiver, how);
        for (place, _) in &mut places {
            place.revealed |= revealing;
        }
        places
    }

    /// What a nested `format!` (or another printing macro) prints.
    fn macro_places(&self, mac: &syn::Macro) -> Vec<(Place, How)> {
        let (name, krate) = macro_name(&mac.path);
        let Some(sink) = macros::sink(&name, krate.as_deref()) else {
            return Vec::new();
        };
        let printed = macros::printed(sink, mac.tokens.clone());
        let mut places: Vec<(Place, How)> = printed
            .captures
            .into_iter()
            .map(|(name, how, _)| (place_of(name), how))
            .collect();
        for argument in printed.arguments {
            if let Ok(expr) = syn::parse2::<syn::Expr>(argument.tokens) {
                places.extend(self.places(&expr, argument.how));
            }
        }
        places
    }

    /// What the code states of an expression's type.
    fn type_of(&self, expr: &syn::Expr) -> Option<TypeOf> {
        match expr {
            syn::Expr::Path(p) => {
                let ident = p.path.get_ident()?.to_string();
                self.scope.locals.get(&ident)?.ty.clone()
            }
            syn::Expr::Struct(s) => Some(TypeOf::Shape(self.shape_of(&path_type(&s.path)))),
            syn::Expr::Call(c) => match &*c.func {
                syn::Expr::Path(p) => Some(TypeOf::Call(self.call_path(&p.path))),
                _ => None,
            },
            syn::Expr::MethodCall(m) => {
                let method = m.method.to_string();
                if UNWRAPPING.contains(&method.as_str()) {
                    let inner = self.type_of(&m.receiver)?;
                    Some(TypeOf::Argument(Box::new(inner), 0))
                } else if PASS_THROUGH.contains(&method.as_str()) {
                    self.type_of(&m.receiver)
                } else {
                    Some(TypeOf::Method(method))
                }
            }
            syn::Expr::Field(f) => Some(TypeOf::Field(
                Box::new(self.type_of(&f.base)?),
                member_name(&f.member),
            )),
            syn::Expr::Reference(r) => self.type_of(&r.expr),
            syn::Expr::Paren(p) => self.type_of(&p.expr),
            syn::Expr::Group(g) => self.type_of(&g.expr),
            syn::Expr::Try(t) => Some(TypeOf::Argument(Box::new(self.type_of(&t.expr)?), 0)),
            syn::Expr::Await(a) => self.type_of(&a.base),
            syn::Expr::Index(i) => Some(TypeOf::Argument(Box::new(self.type_of(&i.expr)?), 0)),
            syn::Expr::Unary(u) => self.type_of(&u.expr),
            syn::Expr::Cast(c) => Some(TypeOf::Shape(self.shape_of(&c.ty))),
            _ => None,
        }
    }

    /// A called function's path, `Self` replaced by the `impl` block's type.
    fn call_path(&self, path: &syn::Path) -> Vec<String> {
        path.segments
            .iter()
            .map(
                |s| match (s.ident.to_string().as_str(), &self.scope.owner_name) {
                    ("Self", Some(owner)) => owner.clone(),
                    (name, _) => name.to_string(),
                },
            )
            .collect()
    }

    /// Binds the names of `pat` to what is known of the value it matches:
    /// a name binds the value; `Some(x)` and `Ok(x)` its first type argument,
    /// `Err(e)` its second (and what a value is built from does not reach an
    /// error); other patterns bind nothing known.
    fn bind(&mut self, pat: &syn::Pat, init: Option<&syn::Expr>) {
        let (name, ty, built_from) = match pat {
            syn::Pat::Type(t) => {
                let ty = TypeOf::Shape(self.shape_of(&t.ty));
                (pattern_name(&t.pat), Some(ty), self.built_from_init(init))
            }
            syn::Pat::Ident(_) | syn::Pat::Reference(_) => (
                pattern_name(pat),
                init.and_then(|e| self.type_of(e)),
                self.built_from_init(init),
            ),
            syn::Pat::TupleStruct(t) => {
                let (Some(variant), [inner]) = (
                    t.path.segments.last(),
                    &t.elems.iter().collect::<Vec<_>>()[..],
                ) else {
                    return;
                };
                let (argument, carries) = match variant.ident.to_string().as_str() {
                    "Some" | "Ok" => (0, true),
                    "Err" => (1, false),
                    _ => return,
                };
                let ty = init
                    .and_then(|e| self.type_of(e))
                    .map(|t| TypeOf::Argument(Box::new(t), argument));
                let built_from = if carries {
                    self.built_from_init(init)
                } else {
                    Vec::new()
                };
                (pattern_name(inner), ty, built_from)
            }
            _ => return,
        };
        if let Some(name) = name {
            self.scope.locals.insert(name, Local { ty, built_from });
        }
    }

    fn built_from_init(&self, init: Option<&syn::Expr>) -> Vec<(Place, How, Option<TypeOf>)> {
        init.map(|expr| self.built_from(expr)).unwrap_or_default()
    }

    /// The printed values a local made by `expr` is built from: what a
    /// `format!` prints, what a tuple holds, the place it copies.
    fn built_from(&self, expr: &syn::Expr) -> Vec<(Place, How, Option<TypeOf>)> {
        self.places(expr, How::Display)
            .into_iter()
            .flat_map(|(place, how)| self.resolve_local(place, how))
            .collect()
    }

    /// A place rooted at a local that is itself built from others is those.
    fn resolve_local(&self, place: Place, how: How) -> Vec<(Place, How, Option<TypeOf>)> {
        let local = self.scope.locals.get(&place.root);
        match local {
            Some(l) if place.fields.is_empty() && !l.built_from.is_empty() => l.built_from.clone(),
            _ => vec![(place, how, local.and_then(|l| l.ty.clone()))],
        }
    }

    /// `write!(s, ..)` into a local makes it built from what it writes.
    fn write_into(&mut self, sink: macros::Sink, tokens: TokenStream) {
        let printed = macros::printed(sink, tokens.clone());
        let Some(target) = macros::split_top_level(tokens)
            .first()
            .and_then(|t| syn::parse2::<syn::Expr>(t.clone()).ok())
            .and_then(|e| match e {
                syn::Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                syn::Expr::Reference(r) => match *r.expr {
                    syn::Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                    _ => None,
                },
                _ => None,
            })
        else {
            return;
        };
        let mut from = Vec::new();
        for (name, how, _) in printed.captures {
            from.extend(self.resolve_local(place_of(name), how));
        }
        for argument in printed.arguments {
            if let Ok(expr) = syn::parse2::<syn::Expr>(argument.tokens) {
                for (place, how) in self.places(&expr, argument.how) {
                    from.extend(self.resolve_local(place, how));
                }
            }
        }
        if let Some(local) = self.scope.locals.get_mut(&target) {
            local.built_from.extend(from);
        }
    }

    /// A macro call: a sink prints its arguments; `write!` builds a local.
    fn sink_macro(&mut self, mac: &syn::Macro) {
        let (name, krate) = macro_name(&mac.path);
        let Some(sink) = macros::sink(&name, krate.as_deref()) else {
            return;
        };
        if sink.layout == Layout::Write {
            self.write_into(sink, mac.tokens.clone());
            return;
        }
        if !sink.outputs {
            return;
        }
        let shown = match &krate {
            Some(k) => format!("{k}::{name}!"),
            None => format!("{name}!"),
        };
        let printed = macros::printed(sink, mac.tokens.clone());
        for (name, how, span) in printed.captures {
            self.reach(place_of(name), how, &shown, span);
        }
        for argument in printed.arguments {
            self.print_tokens(argument.tokens, argument.how, &shown);
        }
    }
}

impl<'ast> Visit<'ast> for BodyVisitor<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function(&f.attrs, &f.sig, |v| v.visit_block(&f.block));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.function(&f.attrs, &f.sig, |v| v.visit_block(&f.block));
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.function(&f.attrs, &f.sig, |v| v.visit_block(block));
        }
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let saved = self.scope.clone();
        self.scope.owner = Some(Shape::of_syn(&i.self_ty));
        self.scope.owner_name = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        self.scope.in_test |= i.attrs.iter().any(is_test_attribute);
        syn::visit::visit_item_impl(self, i);
        self.scope = saved;
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let saved = self.scope.in_test;
        self.scope.in_test |= m.attrs.iter().any(is_test_attribute);
        syn::visit::visit_item_mod(self, m);
        self.scope.in_test = saved;
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.bind(&local.pat, local.init.as_ref().map(|i| &*i.expr));
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        if let Some(name) = pattern_name(&f.pat) {
            let ty = self
                .type_of(&f.expr)
                .map(|t| TypeOf::Argument(Box::new(t), 0));
            self.scope.locals.insert(
                name,
                Local {
                    ty,
                    built_from: Vec::new(),
                },
            );
        }
        self.visit_block(&f.body);
    }

    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        self.visit_expr(&l.expr);
        self.bind(&l.pat, Some(&l.expr));
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        self.visit_expr(&m.expr);
        for arm in &m.arms {
            self.bind(&arm.pat, Some(&m.expr));
            if let Some((_, guard)) = &arm.guard {
                self.visit_expr(guard);
            }
            self.visit_expr(&arm.body);
        }
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        for input in &c.inputs {
            self.bind(input, None);
        }
        self.visit_expr(&c.body);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        syn::visit::visit_expr_method_call(self, m);
        if m.method == "expect" {
            if let Some(message) = m.args.first() {
                let span = message.span();
                for (place, how) in self.places(message, How::Display) {
                    self.reach(place, how, ".expect(..)", span);
                }
            }
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.sink_macro(mac);
    }
}

fn place_of(root: String) -> Place {
    Place {
        root,
        fields: Vec::new(),
        revealed: false,
    }
}

fn member_name(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => ident.to_string(),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

/// A macro's last path segment and the first one when it has a path
/// (`tracing` of `tracing::info!`).
fn macro_name(path: &syn::Path) -> (String, Option<String>) {
    let name = last_segment(path);
    let krate = (path.segments.len() > 1)
        .then(|| path.segments.first().map(|s| s.ident.to_string()))
        .flatten();
    (name, krate)
}

fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`.
fn is_test_attribute(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if last_segment(path) == "test" {
        return true;
    }
    path.is_ident("cfg")
        && matches!(&attr.meta, syn::Meta::List(l) if l.tokens.to_string() == "test")
}

/// The name a parameter's pattern binds, when it binds one: `user`, `mut user`.
fn pattern_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(i) => Some(i.ident.to_string()),
        syn::Pat::Type(t) => pattern_name(&t.pat),
        syn::Pat::Reference(r) => pattern_name(&r.pat),
        _ => None,
    }
}

/// The type a struct literal's path names.
fn path_type(path: &syn::Path) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        qself: None,
        path: path.clone(),
    })
}
