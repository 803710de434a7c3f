//! Attributes and doc comments: docs, `derive(.., Collects)`,
//! `serde(rename = "..")`, `#[collects(..)]` (read by the grammar crate from
//! a `syn::Attribute`) and the others' texts, as source slices.

use std::ops::Range;

use collects_grammar::ATTRIBUTE;

use super::{Parse, R};
use crate::model::Declared;
use crate::model::Name;
use crate::source::attribute_text;
use crate::source::lexer::{K, L};
use crate::source::syn_reader::{derives, docs, serde_rename, SynReader};

/// Attributes as the model needs them.
#[derive(Default)]
pub(super) struct Attrs {
    pub(super) docs: String,
    /// Last segments of the `derive(..)` paths (items only).
    pub(super) derives: Vec<Name>,
    /// Where the last path of the last `derive(..)` list ends, in the file.
    pub(super) derive_end: Option<usize>,
    pub(super) serde_rename: Option<String>,
    pub(super) others: Vec<String>,
    /// Where each of `others` is in the file.
    pub(super) other_ranges: Vec<Range<usize>>,
    pub(super) declared: Option<Box<Declared>>,
    /// Byte offset (in the item) where the first attribute starts.
    pub(super) first: Option<usize>,
}

/// What attributes are read for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Item,
    Field,
    /// Enum variants: checked, not kept.
    Variant,
    /// Enum variants of an item whose derive writes a `Display` from them:
    /// their docs and other attributes are kept.
    KeptVariant,
}

impl Parse<'_, '_, '_> {
    /// Outer attributes and doc comments from `i`; returns them read and the
    /// index after them.
    pub(super) fn attrs(&mut self, mut i: usize, end: usize, level: Level) -> R<(Attrs, usize)> {
        let mut a = Attrs::default();
        let mut doc_lines = 0usize;
        loop {
            if i < end && self.t[i].k == K::Doc {
                let t = self.t[i];
                a.first.get_or_insert(t.aux as usize);
                let content = self.s[t.start as usize..t.end as usize].trim();
                push_doc(&mut a.docs, &mut doc_lines, content);
                i += 1;
                continue;
            }
            if !self.punct(i, end, b'#') {
                break;
            }
            if !self.open(i + 1, end, b'[') {
                return None;
            }
            let hash = i;
            let open = i + 1;
            let close = self.close_of(open);
            a.first.get_or_insert(self.t[hash].start as usize);
            if !self.attr(open, close, level, &mut a, &mut doc_lines) {
                self.attr_with_syn(hash, close, level, &mut a, &mut doc_lines)?;
            }
            i = close + 1;
        }
        Some((a, i))
    }

    /// Reads one `#[..]` lexically; false when it is to be read with syn.
    fn attr(
        &mut self,
        open: usize,
        close: usize,
        level: Level,
        a: &mut Attrs,
        doc_lines: &mut usize,
    ) -> bool {
        // The path: `::`? segment (`::` segment)*, as syn's mod-style paths
        // (keywords refused but `self`, `Self`, `super`, `crate`).
        let mut k = open + 1;
        let leading = self.colon2(k, close);
        if leading {
            k += 2;
        }
        if !self.path_segment(k, close) {
            return false;
        }
        let first = k;
        k += 1;
        while self.colon2(k, close) {
            if !self.path_segment(k + 2, close) {
                return false;
            }
            k += 3;
        }
        let single = !leading && k == first + 1;
        let path_is = |w: &str| single && self.text(first) == w;
        // The arguments: none, one group, or `= literal`.
        enum Meta {
            Path,
            List(usize),
            Value(usize),
        }
        let meta = if k == close {
            Meta::Path
        } else if self.t[k].k == K::Open && self.close_of(k) + 1 == close {
            Meta::List(k)
        } else if self.punct(k, close, b'=') && k + 2 == close && self.t[k + 1].k == K::Lit {
            Meta::Value(k + 1)
        } else {
            return false;
        };
        if path_is("doc") {
            if let Meta::Value(v) = meta {
                match self.t[v].lit {
                    L::Str => {
                        let t = self.t[v];
                        let content = &self.s[t.start as usize + 1..t.end as usize - 1];
                        push_doc(&mut a.docs, doc_lines, content.trim());
                    }
                    L::OtherStr => return false,
                    _ => {}
                }
            }
            // `doc` is never among the other attributes.
            return true;
        }
        if path_is(ATTRIBUTE) {
            // Its grammar is read from a syn::Attribute.
            return false;
        }
        if level == Level::Variant {
            return true;
        }
        if level == Level::KeptVariant {
            // As the syn reader's `item_attributes`: `derive` is not kept.
            if !path_is("derive") {
                a.others
                    .push(attribute_text(self.slice(open + 1, close - 1)));
            }
            return true;
        }
        if level == Level::Item && path_is("derive") {
            if let Meta::List(g) = meta {
                if let Some(last) = self.derive_list(g, &mut a.derives) {
                    a.derive_end = Some(self.base + self.t[last].end as usize);
                }
            }
            return true;
        }
        if level == Level::Item {
            a.others
                .push(attribute_text(self.slice(open + 1, close - 1)));
            return true;
        }
        if path_is("serde") {
            if let Meta::List(g) = meta {
                match self.serde_list(g) {
                    Some(Some(r)) => a.serde_rename = Some(r),
                    Some(None) => {}
                    None => return false,
                }
            }
        }
        // The attribute's own text, without `#[ ]`.
        a.others
            .push(attribute_text(self.slice(open + 1, close - 1)));
        a.other_ranges.push(self.range(open + 1, close - 1));
        true
    }

    /// Paths of a `derive(..)` list read as syn's `parse_nested_meta` reads
    /// them: the last segment of each, until the list stops parsing; the
    /// last token of the last path read.
    fn derive_list(&self, g: usize, derives: &mut Vec<Name>) -> Option<usize> {
        let end = self.close_of(g);
        let mut k = g + 1;
        let mut last_path = None;
        loop {
            let Some((last, next)) = self.meta_path(k, end) else {
                return last_path;
            };
            derives.push(Name::new(self.text(last)));
            last_path = Some(last);
            k = next;
            if k == end || !self.punct(k, end, b',') {
                return last_path;
            }
            k += 1;
            if k == end {
                return last_path;
            }
        }
    }

    /// `::`? ident (`::` ident)*: the last identifier and the index after.
    fn meta_path(&self, mut k: usize, end: usize) -> Option<(usize, usize)> {
        if self.colon2(k, end) {
            k += 2;
        }
        if !(k < end && self.t[k].k == K::Ident) {
            return None;
        }
        let mut last = k;
        k += 1;
        while self.colon2(k, end) {
            if !(k + 2 < end && self.t[k + 2].k == K::Ident) {
                return None;
            }
            last = k + 2;
            k += 3;
        }
        Some((last, k))
    }

    /// `serde(..)` read as extract's `serde_rename` reads it with syn:
    /// `Some(rename)` when the list is understood, `None` to ask syn.
    fn serde_list(&self, g: usize) -> Option<Option<String>> {
        let end = self.close_of(g);
        let mut k = g + 1;
        let mut rename = None;
        loop {
            let Some((last, next)) = self.meta_path(k, end) else {
                return Some(rename);
            };
            let is_rename = next == k + 1 && self.text(k) == "rename";
            let _ = last;
            k = next;
            if is_rename {
                if self.punct(k, end, b'=') {
                    k += 1;
                    // syn's `LitStr` parse takes any literal, then refuses
                    // all but strings.
                    if k < end && self.t[k].k == K::Lit {
                        match self.t[k].lit {
                            L::Str => {
                                let t = self.t[k];
                                rename =
                                    Some(self.s[t.start as usize + 1..t.end as usize - 1].into());
                            }
                            L::OtherStr => return None,
                            _ => {}
                        }
                        k += 1;
                    } else if self.punct(k, end, b'-')
                        || self.word(k, end, "true")
                        || self.word(k, end, "false")
                    {
                        return None;
                    }
                }
            } else if self.punct(k, end, b'=') {
                if !(k + 1 < end
                    && self.t[k + 1].k == K::Lit
                    && (k + 2 == end || self.punct(k + 2, end, b',')))
                {
                    return None;
                }
                k += 2;
            } else if self.open(k, end, b'(') {
                k = self.close_of(k) + 1;
            }
            if k == end || !self.punct(k, end, b',') {
                return Some(rename);
            }
            k += 1;
            if k == end {
                return Some(rename);
            }
        }
    }

    /// Reads one attribute with syn, from its own text.
    fn attr_with_syn(
        &mut self,
        hash: usize,
        close: usize,
        level: Level,
        a: &mut Attrs,
        doc_lines: &mut usize,
    ) -> R<()> {
        let (from, to) = (self.t[hash].start as usize, self.t[close].end as usize);
        self.used_syn = true;
        let attrs =
            syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &self.s[from..to]).ok()?;
        let [attr] = attrs.as_slice() else {
            return None;
        };
        let attrs = std::slice::from_ref(attr);
        let reader = SynReader {
            path: self.path,
            source: &self.s[from..to],
            offset: self.base + from,
            origin: self.pos(from as u32),
            taxonomy: self.taxonomy,
            keep_variants: super::super::keep_none,
        };
        if attr.path().is_ident("doc") {
            if let syn::Meta::NameValue(nv) = &attr.meta {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(_),
                    ..
                }) = &nv.value
                {
                    push_doc(&mut a.docs, doc_lines, &docs(attrs));
                }
            }
        }
        if attr.path().is_ident(ATTRIBUTE) {
            if !matches!(level, Level::Variant | Level::KeptVariant) && a.declared.is_none() {
                a.declared = reader.declared(attrs, &mut self.findings);
            }
            return Some(());
        }
        match level {
            Level::Variant => {}
            Level::KeptVariant => a.others.extend(reader.item_attributes(attrs)),
            Level::Item if attr.path().is_ident("derive") => {
                a.derives.extend(derives(attrs));
                a.derive_end = reader.derive_end(attrs).or(a.derive_end);
            }
            Level::Item => a.others.extend(reader.item_attributes(attrs)),
            Level::Field => {
                if let Some(r) = serde_rename(attrs) {
                    a.serde_rename = Some(r);
                }
                let (texts, ranges) = reader.other_attributes(attrs);
                a.others.extend(texts);
                a.other_ranges.extend(ranges);
            }
        }
        Some(())
    }
}

/// Appends a doc line as the syn reader's `docs` joins them.
fn push_doc(docs: &mut String, count: &mut usize, line: &str) {
    if *count > 0 {
        docs.push('\n');
    }
    docs.push_str(line);
    *count += 1;
}
