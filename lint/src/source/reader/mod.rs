//! The fast item reader: turns the text of one struct/enum/union item (a
//! range found by the pre-scan) into a [`model::Item`](crate::model::Item)
//! without syn, from the tokens of [`lexer::lex`](super::lexer::lex), reading
//! the grammar syn would apply, for the shapes real code uses.
//!
//! It gives exactly what the syn reader gives (the reader differential in
//! [`super::differential`], its test over the bundled sources and the
//! `readers` fuzz target check this), or declines: whenever it meets
//! something it does not fully understand — a lexing oddity, a shape of
//! type, bound or generic parameter outside its subset, a macro, unbalanced
//! brackets — it returns `None` and the caller parses the whole item with
//! syn, which also reports broken items.
//!
//! Texts are never printed from tokens: a field's name, type and attributes
//! are slices of the item's text; a type's structure ([`Shape`]) is built
//! from its tokens. syn is used for small pieces only: a field type outside
//! the fast subset (`syn::Type` on the type's text alone), an enum
//! discriminant that is not a literal or path, an attribute whose arguments
//! are unusual, and every `#[collects(..)]` attribute, read by
//! `collects_grammar` from a `syn::Attribute` parsed from that attribute's
//! text, with positions offset so its findings keep their spans.

mod attrs;
mod generics;
#[cfg(test)]
mod tests;
mod types;

use std::cell::RefCell;

use collects_grammar::Taxonomy;

use super::lexer::{lex, Tok, K, L};
use super::positions::Lines;
use super::type_source;
use crate::checks::Finding;
use crate::model::{
    Field, FieldRanges, Item, ItemKind, ItemRanges, Position, Segment, Shape, Span, Type, Variant,
};
use attrs::{Attrs, Level};

/// Reads items of one file; keeps its buffers between items.
pub(crate) struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    taxonomy: &'a Taxonomy,
    toks: Vec<Tok>,
    stack: Vec<u32>,
    scratch: Scratch,
    /// Whether an item deriving this keeps its variants (see [`super::KeepVariants`]).
    keep_variants: super::KeepVariants,
    /// Whether syn (or proc-macro2) was used, so its spans need invalidating.
    pub(crate) used_syn: bool,
}

type Buffers = (Vec<Tok>, Vec<u32>);

thread_local! {
    /// The buffers of the thread's last reader, for the next file's.
    static SPARE: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let bufs = (
            std::mem::take(&mut self.toks),
            std::mem::take(&mut self.stack),
        );
        SPARE.set(Some(bufs));
    }
}

type R<T> = Option<T>;

impl<'a> Reader<'a> {
    pub(crate) fn new(
        path: &'a str,
        text: &'a str,
        taxonomy: &'a Taxonomy,
        keep_variants: super::KeepVariants,
    ) -> Reader<'a> {
        let (toks, stack) = SPARE.take().unwrap_or_default();
        Reader {
            path,
            text,
            taxonomy,
            toks,
            stack,
            scratch: Scratch::default(),
            keep_variants,
            used_syn: false,
        }
    }

    /// Reads the item at `text[start..end]`; `None` when it declines. Findings
    /// (from `#[collects]`) are added only when it reads the item.
    pub(crate) fn read(
        &mut self,
        start: usize,
        end: usize,
        lines: &mut Lines,
        findings: &mut Vec<Finding>,
    ) -> Option<Item> {
        let s = &self.text[start..end];
        let mut toks = std::mem::take(&mut self.toks);
        let mut stack = std::mem::take(&mut self.stack);
        let lexed = lex(s, &mut toks, &mut stack, &mut self.used_syn);
        let mut out = None;
        if lexed.is_some() {
            let mut p = Parse {
                s,
                t: &toks,
                base: start,
                lines,
                path: self.path,
                taxonomy: self.taxonomy,
                scratch: &self.scratch,
                keep_variants: self.keep_variants,
                findings: Vec::new(),
                used_syn: false,
            };
            out = p.item();
            self.used_syn |= p.used_syn;
            if out.is_some() {
                findings.append(&mut p.findings);
            }
        }
        self.toks = toks;
        self.stack = stack;
        out
    }
}

struct Parse<'s, 'l, 'f> {
    s: &'s str,
    t: &'s [Tok],
    /// Where `s` starts in the file.
    base: usize,
    lines: &'l mut Lines<'f>,
    path: &'s str,
    taxonomy: &'s Taxonomy,
    scratch: &'s Scratch,
    keep_variants: super::KeepVariants,
    findings: Vec<Finding>,
    used_syn: bool,
}

/// The lists of a type being read. A type's lists nest (`Option<Vec<T>>`):
/// each is built on a stack shared by the nested calls and taken off as one
/// boxed slice of its exact length, not grown in a vector of its own
/// (which allocates room for four, then is shrunk or kept too large).
#[derive(Default)]
struct Scratch {
    shapes: Stack<Shape>,
    segments: Stack<Segment>,
}

impl Scratch {
    /// Drops what a declined type left.
    fn clear(&self) {
        self.shapes.0.borrow_mut().clear();
        self.segments.0.borrow_mut().clear();
    }
}

/// A stack of list elements: a list starts at a [`mark`](Stack::mark), its
/// elements are pushed (those of nested lists, pushed later, are taken off
/// before) and it is [`take`](Stack::take)n.
struct Stack<T>(RefCell<Vec<T>>);

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Stack(RefCell::new(Vec::new()))
    }
}

impl<T> Stack<T> {
    fn mark(&self) -> usize {
        self.0.borrow().len()
    }

    fn push(&self, value: T) {
        self.0.borrow_mut().push(value);
    }

    fn pop(&self) -> Option<T> {
        self.0.borrow_mut().pop()
    }

    /// The elements pushed since `mark`, off the stack.
    fn take(&self, mark: usize) -> Box<[T]> {
        let mut stack = self.0.borrow_mut();
        if stack.len() <= mark {
            return Box::default();
        }
        stack.drain(mark..).collect()
    }
}

/// Deepest type nesting the fast type reader follows before handing the type
/// to syn.
const MAX_DEPTH: u32 = 64;

impl Parse<'_, '_, '_> {
    // ----- token helpers -----

    fn text(&self, i: usize) -> &str {
        let t = &self.t[i];
        &self.s[t.start as usize..t.end as usize]
    }

    /// The text from token `first` through token `last`.
    fn slice(&self, first: usize, last: usize) -> &str {
        &self.s[self.t[first].start as usize..self.t[last].end as usize]
    }

    /// The file's byte range of tokens `first..=last`.
    fn range(&self, first: usize, last: usize) -> std::ops::Range<usize> {
        self.base + self.t[first].start as usize..self.base + self.t[last].end as usize
    }

    fn punct(&self, i: usize, end: usize, c: u8) -> bool {
        i < end && self.t[i].k == K::Punct && self.t[i].ch == c
    }

    fn colon2(&self, i: usize, end: usize) -> bool {
        i + 1 < end && self.punct(i, end, b':') && self.t[i].joint && self.punct(i + 1, end, b':')
    }

    fn arrow(&self, i: usize, end: usize) -> bool {
        i + 1 < end && self.punct(i, end, b'-') && self.t[i].joint && self.punct(i + 1, end, b'>')
    }

    fn open(&self, i: usize, end: usize, c: u8) -> bool {
        i < end && self.t[i].k == K::Open && self.t[i].ch == c
    }

    fn close_of(&self, i: usize) -> usize {
        self.t[i].aux as usize
    }

    /// An identifier token with exactly this text (not raw).
    fn word(&self, i: usize, end: usize, w: &str) -> bool {
        i < end && self.t[i].k == K::Ident && self.text(i) == w
    }

    /// An identifier that syn's `Ident` parser accepts (not a keyword).
    fn ident(&self, i: usize, end: usize) -> bool {
        i < end && self.t[i].k == K::Ident && {
            let w = self.text(i);
            w.starts_with("r#") || !is_keyword(w)
        }
    }

    /// A segment of a path as syn reads one: an identifier, or `self`,
    /// `Self`, `super`, `crate` (other keywords are refused).
    fn path_segment(&self, i: usize, end: usize) -> bool {
        i < end
            && self.t[i].k == K::Ident
            && (self.ident(i, end) || matches!(self.text(i), "self" | "super" | "crate" | "Self"))
    }

    fn pos(&mut self, offset: u32) -> Position {
        self.lines.at(self.base + offset as usize)
    }

    fn span_of(&mut self, first: usize, last: usize) -> Span {
        let (a, b) = (self.t[first].start, self.t[last].end);
        Span {
            start: self.pos(a),
            end: self.pos(b),
        }
    }

    // ----- the item -----

    fn item(&mut self) -> R<Item> {
        let end = self.t.len();
        let (attrs, mut i) = self.attrs(0, end, Level::Item)?;
        let start = self.base + self.t.get(i)?.start as usize;
        i = self.vis(i, end)?;
        let kind = match self.t.get(i) {
            Some(t) if t.k == K::Ident => match self.text(i) {
                "struct" => ItemKind::Struct,
                "enum" => ItemKind::Enum,
                "union" => ItemKind::Union,
                _ => return None,
            },
            _ => return None,
        };
        i += 1;
        if !self.ident(i, end) {
            return None;
        }
        let name = self.text(i).to_string();
        let span = self.span_of(i, i);
        i += 1;
        if self.punct(i, end, b'<') {
            i = self.generics(i, end)?;
        }
        let mut item = Item {
            path: self.path.to_string(),
            name,
            kind,
            span,
            docs: attrs.docs,
            derives: attrs.derives,
            attributes: attrs.others,
            in_test_module: false,
            declared: attrs.declared,
            fields: Vec::with_capacity(self.count_fields(i, end, kind)),
            variants: Vec::new(),
            allowed: Vec::new(),
            ranges: ItemRanges {
                start,
                derive_end: attrs.derive_end,
            },
            in_macro: false,
        };
        let keep = kind == ItemKind::Enum
            && item
                .derives
                .iter()
                .any(|d| (self.keep_variants)(d.as_str()));
        let variants = keep.then_some(&mut item.variants);
        i = self.body(i, end, kind, &mut item.fields, variants)?;
        (i == end).then_some(item)
    }

    /// What follows the generics: where clause, fields, variants (kept in
    /// `variants` when given), `;`.
    fn body(
        &mut self,
        mut i: usize,
        end: usize,
        kind: ItemKind,
        out: &mut Vec<Field>,
        variants: Option<&mut Vec<Variant>>,
    ) -> R<usize> {
        let where_first = self.word(i, end, "where");
        if where_first {
            i = self.where_clause(i, end)?;
        }
        match kind {
            ItemKind::Struct if self.open(i, end, b'(') && !where_first => {
                i = self.unnamed(i, None, out)?;
                if self.word(i, end, "where") {
                    i = self.where_clause(i, end)?;
                }
                self.punct(i, end, b';').then_some(i + 1)
            }
            ItemKind::Struct if self.punct(i, end, b';') => Some(i + 1),
            ItemKind::Struct | ItemKind::Union if self.open(i, end, b'{') => {
                self.named(i, None, out)
            }
            ItemKind::Enum if self.open(i, end, b'{') => self.variants(i, out, variants),
            _ => None,
        }
    }

    /// About how many fields the body after `i` holds (fields are large:
    /// growing the vector one by one costs more than counting).
    fn count_fields(&self, mut i: usize, end: usize, kind: ItemKind) -> usize {
        while i < end && self.t[i].k != K::Open {
            i += 1;
        }
        if i >= end {
            return 0;
        }
        let in_group = |open: usize| {
            let close = self.close_of(open);
            let mut n = usize::from(close > open + 1);
            let mut k = open + 1;
            while k < close {
                match self.t[k].k {
                    K::Open => k = self.close_of(k),
                    K::Punct if self.t[k].ch == b',' && k + 1 < close => n += 1,
                    _ => {}
                }
                k += 1;
            }
            n
        };
        if kind != ItemKind::Enum {
            return in_group(i);
        }
        let close = self.close_of(i);
        let mut n = 0;
        let mut k = i + 1;
        while k < close {
            if self.t[k].k == K::Open {
                if self.t[k].ch != b'[' {
                    n += in_group(k);
                }
                k = self.close_of(k);
            }
            k += 1;
        }
        n
    }

    /// `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)`.
    fn vis(&self, i: usize, end: usize) -> R<usize> {
        if !self.word(i, end, "pub") {
            return Some(i);
        }
        let i = i + 1;
        if !self.open(i, end, b'(') {
            return Some(i);
        }
        let close = self.close_of(i);
        let c = i + 1;
        if c + 1 == close
            && ["crate", "self", "super"]
                .iter()
                .any(|w| self.word(c, close, w))
        {
            return Some(close + 1);
        }
        if self.word(c, close, "in") {
            let mut k = c + 1;
            if self.colon2(k, close) {
                k += 2;
            }
            loop {
                if !(k < close && self.t[k].k == K::Ident) {
                    return None;
                }
                k += 1;
                if k == close {
                    return Some(close + 1);
                }
                if !self.colon2(k, close) {
                    return None;
                }
                k += 2;
            }
        }
        Some(i)
    }

    /// `{ name: Type, .. }` from `open`.
    fn named(&mut self, open: usize, variant: Option<&str>, out: &mut Vec<Field>) -> R<usize> {
        let end = self.close_of(open);
        let mut i = open + 1;
        while i < end {
            let (attrs, start) = self.attrs(i, end, Level::Field)?;
            i = self.vis(start, end)?;
            if !self.ident(i, end) {
                return None;
            }
            let name_tok = i;
            if !self.punct(i + 1, end, b':') {
                return None;
            }
            let (ty, next) = self.field_type(i + 2, end)?;
            let raw = self.text(name_tok);
            let name = raw.strip_prefix("r#").unwrap_or(raw).to_string();
            out.push(self.field(variant, (name, name_tok, true), ty, (start, attrs)));
            i = self.after_field(next, end)?;
        }
        Some(end + 1)
    }

    /// `( Type, .. )` from `open`.
    fn unnamed(&mut self, open: usize, variant: Option<&str>, out: &mut Vec<Field>) -> R<usize> {
        let end = self.close_of(open);
        let mut i = open + 1;
        let mut index = 0;
        while i < end {
            let (attrs, start) = self.attrs(i, end, Level::Field)?;
            i = self.vis(start, end)?;
            let (ty, next) = self.field_type(i, end)?;
            let name = (index.to_string(), i, false);
            out.push(self.field(variant, name, ty, (start, attrs)));
            index += 1;
            i = self.after_field(next, end)?;
        }
        Some(end + 1)
    }

    /// After a field or variant at `i`: the end, or a `,` and what follows.
    fn after_field(&self, i: usize, end: usize) -> R<usize> {
        if i == end {
            Some(i)
        } else {
            self.punct(i, end, b',').then_some(i + 1)
        }
    }

    /// A field from its name (the name, its token, and whether it is one:
    /// a tuple field's span is its type's), its type (the tokens it spans
    /// and its shape), and its first token after the attributes with them.
    fn field(
        &mut self,
        variant: Option<&str>,
        (name, name_tok, named): (String, usize, bool),
        (first, last, shape): (usize, usize, Shape),
        (start, attrs): (usize, Attrs),
    ) -> Field {
        let span = if named {
            self.span_of(name_tok, name_tok)
        } else {
            self.span_of(first, last)
        };
        let first_line = match attrs.first {
            Some(off) => self.pos(off as u32).line,
            None => span.start.line,
        };
        Field {
            variant: variant.map(str::to_string),
            name,
            ty: Type::new(&type_source(self.slice(first, last)), shape),
            span,
            first_line,
            docs: attrs.docs,
            serde_rename: attrs.serde_rename,
            attributes: attrs.others,
            declared: attrs.declared,
            allowed: Vec::new(),
            ranges: FieldRanges {
                start: self.base + self.t[start].start as usize,
                name: named.then(|| self.range(name_tok, name_tok)),
                ty: self.range(first, last),
                attributes: attrs.other_ranges,
            },
        }
    }

    fn variants(
        &mut self,
        open: usize,
        out: &mut Vec<Field>,
        mut kept: Option<&mut Vec<Variant>>,
    ) -> R<usize> {
        let end = self.close_of(open);
        let mut i = open + 1;
        let level = match kept {
            Some(_) => Level::KeptVariant,
            None => Level::Variant,
        };
        while i < end {
            let (attrs, k) = self.attrs(i, end, level)?;
            i = self.vis(k, end)?;
            if !self.ident(i, end) {
                return None;
            }
            let name = self.text(i).to_string();
            if let Some(kept) = kept.as_deref_mut() {
                let line = self.span_of(i, i).start.line;
                kept.push(Variant {
                    name: name.clone(),
                    line,
                    docs: attrs.docs,
                    attributes: attrs.others,
                });
            }
            i += 1;
            if self.open(i, end, b'{') {
                i = self.named(i, Some(&name), out)?;
            } else if self.open(i, end, b'(') {
                i = self.unnamed(i, Some(&name), out)?;
            }
            if self.punct(i, end, b'=') {
                i = self.discriminant(i + 1, end)?;
            }
            i = self.after_field(i, end)?;
        }
        Some(end + 1)
    }

    /// An enum discriminant: a literal, a negative number or a path, else
    /// whatever syn parses as an expression up to the next `,`.
    fn discriminant(&mut self, i: usize, end: usize) -> R<usize> {
        let at_end = |k: usize| k == end || self.punct(k, end, b',');
        if i < end && self.t[i].k == K::Lit && at_end(i + 1) {
            return Some(i + 1);
        }
        if self.punct(i, end, b'-')
            && i + 1 < end
            && self.t[i + 1].lit == L::Number
            && self.t[i + 1].k == K::Lit
            && at_end(i + 2)
        {
            return Some(i + 2);
        }
        if self.ident(i, end) && at_end(i + 1) {
            return Some(i + 1);
        }
        let mut k = i;
        while k < end && !self.punct(k, end, b',') {
            k = if self.t[k].k == K::Open {
                self.close_of(k) + 1
            } else {
                k + 1
            };
        }
        if k == i {
            return None;
        }
        self.used_syn = true;
        syn::parse_str::<syn::Expr>(self.slice(i, k - 1)).ok()?;
        Some(k)
    }
}

/// Words syn's `Ident` parser refuses (`syn::ident::accept_as_ident`).
fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "_" | "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "Self"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}
