//! Types, read from tokens into their [`Shape`] as syn reads them (the
//! differential checks `Shape::of_syn` gives the same), for the types real
//! code uses; anything else goes to syn, on the type's text alone.

use super::{Parse, MAX_DEPTH, R};
use crate::model::{FnShape, Segment, Shape};
use crate::source::lexer::{K, L};

/// A type's first and last token and its shape.
pub(super) type TypeAt = (usize, usize, Shape);

impl Parse<'_, '_, '_> {
    /// The type of a field from `i` up to the next `,` or `end`, and the
    /// index after it.
    pub(super) fn field_type(&mut self, i: usize, end: usize) -> R<(TypeAt, usize)> {
        // What a declined type left on the stacks.
        self.scratch.clear();
        if let Some((k, shape)) = self.ty(i, end, true, 0) {
            if k > i && (k == end || self.punct(k, end, b',')) {
                return Some(((i, k - 1, shape), k));
            }
        }
        // The type's extent, `<`/`>` counted, then syn on its text alone.
        let mut k = i;
        let mut angle = 0usize;
        while k < end {
            let t = self.t[k];
            if t.k == K::Open {
                k = self.close_of(k) + 1;
                continue;
            }
            if t.k == K::Punct {
                match t.ch {
                    b',' if angle == 0 => break,
                    b'<' => angle += 1,
                    b'>' if !(k > i && self.arrow(k - 1, end)) => angle = angle.saturating_sub(1),
                    _ => {}
                }
            }
            k += 1;
        }
        if k == i {
            return None;
        }
        self.used_syn = true;
        let ty = syn::parse_str::<syn::Type>(self.slice(i, k - 1)).ok()?;
        Some(((i, k - 1, Shape::of_syn(&ty)), k))
    }

    /// The fast type reader: the index after the type at `i` and its shape;
    /// `None` when it does not know (the caller then asks syn). `plus`: a
    /// `+` may follow (bounds of a bare `dyn`/`impl`).
    pub(super) fn ty(&self, i: usize, end: usize, plus: bool, depth: u32) -> R<(usize, Shape)> {
        if i >= end || depth > MAX_DEPTH {
            return None;
        }
        let t = self.t[i];
        match t.k {
            K::Open if t.ch == b'(' => self.tuple(i, end, plus, depth),
            K::Open if t.ch == b'[' => self.array(i, depth),
            K::Punct => match t.ch {
                b'&' => {
                    let mut k = i + 1;
                    if k < end && self.t[k].k == K::Lifetime {
                        k += 1;
                    }
                    if self.word(k, end, "mut") {
                        k += 1;
                    }
                    let (k, inner) = self.ty(k, end, false, depth + 1)?;
                    Some((k, Shape::Pointer(Box::new(inner))))
                }
                b'*' => {
                    let k = i + 1;
                    if !(self.word(k, end, "const") || self.word(k, end, "mut")) {
                        return None;
                    }
                    let (k, inner) = self.ty(k + 1, end, false, depth + 1)?;
                    Some((k, Shape::Pointer(Box::new(inner))))
                }
                b'!' => Some((i + 1, Shape::Opaque)),
                b':' if self.colon2(i, end) => self.type_path(i, end, plus, depth),
                _ => None,
            },
            K::Ident => match self.text(i) {
                "_" => Some((i + 1, Shape::Opaque)),
                "dyn" | "impl" => {
                    if self.punct(i + 1, end, b'*') {
                        return None;
                    }
                    self.bounds(i + 1, end, plus, depth)
                }
                "fn" | "unsafe" | "extern" => self.bare_fn(i, end, depth),
                "for" => {
                    let k = self.bound_lifetimes(i, end)?;
                    if !["fn", "unsafe", "extern"]
                        .iter()
                        .any(|w| self.word(k, end, w))
                    {
                        return None;
                    }
                    self.bare_fn(k, end, depth)
                }
                _ => self.type_path(i, end, plus, depth),
            },
            _ => None,
        }
    }

    /// `(A, B)`, `(A,)`, `()`, or `(A)` (a parenthesized type: its shape is A's).
    fn tuple(&self, i: usize, end: usize, plus: bool, depth: u32) -> R<(usize, Shape)> {
        let close = self.close_of(i);
        let mut k = i + 1;
        let mark = self.scratch.shapes.mark();
        let mut comma = false;
        while k < close {
            let (next, shape) = self.ty(k, close, true, depth + 1)?;
            self.scratch.shapes.push(shape);
            k = next;
            comma = false;
            if k == close {
                break;
            }
            if !self.punct(k, close, b',') {
                return None;
            }
            comma = true;
            k += 1;
        }
        if self.scratch.shapes.mark() == mark + 1 && !comma {
            // `(T) + X` is a trait object syn builds its own way.
            if plus && self.punct(close + 1, end, b'+') {
                return None;
            }
            return Some((close + 1, self.scratch.shapes.pop()?));
        }
        Some((close + 1, Shape::Tuple(self.scratch.shapes.take(mark))))
    }

    /// `[T]` or `[T; N]` with `N` a number or a path.
    fn array(&self, i: usize, depth: u32) -> R<(usize, Shape)> {
        let close = self.close_of(i);
        let (k, elem) = self.ty(i + 1, close, true, depth + 1)?;
        if k == close {
            return Some((close + 1, Shape::Slice(Box::new(elem))));
        }
        if !self.punct(k, close, b';') {
            return None;
        }
        let k = k + 1;
        if !(k + 1 == close && self.t[k].lit == L::Number && self.t[k].k == K::Lit) {
            // A path: ident (`::` ident)*.
            let mut j = k;
            loop {
                if !self.ident(j, close) {
                    return None;
                }
                j += 1;
                if j == close {
                    break;
                }
                if !self.colon2(j, close) {
                    return None;
                }
                j += 2;
            }
        }
        Some((close + 1, Shape::Array(Box::new(elem))))
    }

    /// A path type, not followed by `!` (a macro) or, where `+` is allowed,
    /// by `+` (a bare trait object).
    fn type_path(&self, i: usize, end: usize, plus: bool, depth: u32) -> R<(usize, Shape)> {
        let segments = &self.scratch.segments;
        let mark = segments.mark();
        let (k, _) = self.path(i, end, depth)?;
        if self.punct(k, end, b'!') || (plus && self.punct(k, end, b'+')) {
            return None;
        }
        if segments.mark() == mark + 1 {
            let last = segments.pop()?;
            if last.args.is_empty() {
                return Some((k, Shape::Name(last.name)));
            }
            return Some((k, Shape::Path(Box::new([last]))));
        }
        Some((k, Shape::Path(segments.take(mark))))
    }

    /// `::`? segment (`::` segment)*, segments with optional `<..>`
    /// arguments, pushed on the segment stack: the index after, and whether
    /// the last segment has `<..>`.
    fn path(&self, mut i: usize, end: usize, depth: u32) -> R<(usize, bool)> {
        if self.colon2(i, end) {
            i += 2;
        }
        loop {
            if !self.path_segment(i, end) {
                return None;
            }
            let w = self.text(i);
            let name = w.strip_prefix("r#").unwrap_or(w);
            i += 1;
            if self.colon2(i, end) && self.punct(i + 2, end, b'<') {
                i += 2; // turbofish
            }
            let mut args = Box::default();
            let angled = self.punct(i, end, b'<');
            if angled {
                if self.t[i].joint && self.punct(i + 1, end, b'=') {
                    return None;
                }
                (i, args) = self.generic_args(i, end, depth)?;
            }
            self.scratch.segments.push(Segment::new(name, args));
            if !self.colon2(i, end) {
                return Some((i, angled));
            }
            if self.open(i + 2, end, b'(') {
                return None;
            }
            i += 2;
        }
    }

    /// `<` args `>`: lifetimes, types, `Name = Type`, number literals: the
    /// index after and the types' shapes (lifetimes and constants have none).
    fn generic_args(&self, lt: usize, end: usize, depth: u32) -> R<(usize, Box<[Shape]>)> {
        let mut i = lt + 1;
        let args = &self.scratch.shapes;
        let mark = args.mark();
        loop {
            if self.punct(i, end, b'>') {
                return Some((i + 1, args.take(mark)));
            }
            if i >= end {
                return None;
            }
            let t = self.t[i];
            if t.k == K::Lifetime {
                if self.punct(i + 1, end, b'+') {
                    return None;
                }
                i += 1;
            } else if t.k == K::Lit {
                if t.lit != L::Number {
                    return None;
                }
                i += 1;
            } else if self.ident(i, end) && self.punct(i + 1, end, b'=') {
                let (k, shape) = self.ty(i + 2, end, true, depth + 1)?;
                args.push(shape);
                i = k;
            } else if t.k == K::Open && t.ch == b'{' {
                return None;
            } else {
                let (k, shape) = self.ty(i, end, true, depth + 1)?;
                // `Name: Bounds` and `Name<..> = ..` are left to syn.
                if self.punct(k, end, b':') || self.punct(k, end, b'=') {
                    return None;
                }
                args.push(shape);
                i = k;
            }
            match self.next_in_angles(i, end)? {
                Some(next) => i = next,
                None => return Some((i + 1, args.take(mark))),
            }
        }
    }

    /// `dyn`/`impl` bounds: at least one trait; several only with `plus`.
    fn bounds(&self, mut i: usize, end: usize, plus: bool, depth: u32) -> R<(usize, Shape)> {
        let mut traits = Vec::new();
        loop {
            let (k, path) = self.bound(i, end, depth)?;
            traits.extend(path);
            i = k;
            if !(plus && self.punct(i, end, b'+')) {
                break;
            }
            i += 1;
            let next_ok = i < end
                && (self.t[i].k == K::Ident
                    || self.t[i].k == K::Lifetime
                    || self.colon2(i, end)
                    || self.punct(i, end, b'?')
                    || self.open(i, end, b'(')
                    || self.open(i, end, b'['));
            if !next_ok {
                break;
            }
        }
        (!traits.is_empty()).then(|| (i, Shape::Traits(traits.into_boxed_slice())))
    }

    /// One bound: a lifetime, or `?`? `for<..>`? path with `Fn(..) -> ..`
    /// sugar. Returns the index after it and, for a trait, its path.
    pub(super) fn bound(
        &self,
        i: usize,
        end: usize,
        depth: u32,
    ) -> R<(usize, Option<Box<[Segment]>>)> {
        if depth > MAX_DEPTH || i >= end {
            return None;
        }
        if self.t[i].k == K::Lifetime {
            return Some((i + 1, None));
        }
        let mut k = i;
        if self.punct(k, end, b'?') {
            k += 1;
        } else if self.word(k, end, "for") {
            k = self.bound_lifetimes(k, end)?;
        }
        if !(self.t.get(k).is_some_and(|t| t.k == K::Ident) || self.colon2(k, end)) {
            return None;
        }
        if ["const", "use", "async", "dyn", "impl", "for"]
            .iter()
            .any(|w| self.word(k, end, w))
        {
            return None;
        }
        let mark = self.scratch.segments.mark();
        let (next, angled) = self.path(k, end, depth + 1)?;
        let mut segments = self.scratch.segments.take(mark);
        k = next;
        if self.open(k, end, b'(') {
            // Parenthesized sugar only on a last segment without `<..>`:
            // its inputs, then its output, are the segment's arguments.
            if angled {
                return None;
            }
            let close = self.close_of(k);
            let mark = self.scratch.shapes.mark();
            self.type_list(k, depth, false)?;
            k = close + 1;
            if self.arrow(k, end) {
                let (next, output) = self.ty(k + 2, end, false, depth + 1)?;
                self.scratch.shapes.push(output);
                k = next;
            }
            segments.last_mut()?.args = self.scratch.shapes.take(mark);
        } else if self.colon2(k, end) {
            return None;
        }
        Some((k, Some(segments)))
    }

    /// The types of `(A, B, ..)` opening at `open`, pushed on the shape
    /// stack; with `args`, a bare function's arguments (`name: T`, no
    /// attributes or variadics).
    fn type_list(&self, open: usize, depth: u32, args: bool) -> R<()> {
        let close = self.close_of(open);
        let mut j = open + 1;
        while j < close {
            if args {
                if self.punct(j, close, b'#') || self.punct(j, close, b'.') {
                    return None;
                }
                // A named argument: `name: T` (not `name::T`).
                if (self.ident(j, close) || self.word(j, close, "_"))
                    && self.punct(j + 1, close, b':')
                    && !self.colon2(j + 1, close)
                {
                    j += 2;
                }
            }
            let (next, shape) = self.ty(j, close, true, depth + 1)?;
            self.scratch.shapes.push(shape);
            j = next;
            if j == close {
                break;
            }
            if !self.punct(j, close, b',') {
                return None;
            }
            j += 1;
        }
        Some(())
    }

    /// `for<..>`-less bare function pointer: `unsafe`? `extern "abi"`? `fn(args) -> ret`.
    fn bare_fn(&self, mut i: usize, end: usize, depth: u32) -> R<(usize, Shape)> {
        if self.word(i, end, "unsafe") {
            i += 1;
        }
        if self.word(i, end, "extern") {
            i += 1;
            if i < end && self.t[i].k == K::Lit {
                if self.t[i].lit != L::Str {
                    return None;
                }
                i += 1;
            }
        }
        if !self.word(i, end, "fn") || !self.open(i + 1, end, b'(') {
            return None;
        }
        let open = i + 1;
        let close = self.close_of(open);
        let mark = self.scratch.shapes.mark();
        self.type_list(open, depth, true)?;
        let inputs = self.scratch.shapes.take(mark);
        let mut k = close + 1;
        let mut output = None;
        if self.arrow(k, end) {
            let (next, shape) = self.ty(k + 2, end, false, depth + 1)?;
            output = Some(shape);
            k = next;
        }
        Some((k, Shape::Function(Box::new(FnShape { inputs, output }))))
    }
}
