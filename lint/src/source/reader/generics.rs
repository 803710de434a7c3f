//! Generic parameters, where clauses and `for<..>` lifetimes: checked as
//! syn would parse them (nothing in them is kept).

use super::{Parse, R};
use crate::source::lexer::K;

impl Parse<'_, '_, '_> {
    /// `<..>` after the item's name, from `lt`: the index after it.
    pub(super) fn generics(&mut self, lt: usize, end: usize) -> R<usize> {
        let mut i = lt + 1;
        loop {
            if self.punct(i, end, b'>') {
                return Some(i + 1);
            }
            if i >= end {
                return None;
            }
            match self.t[i].k {
                K::Lifetime => {
                    i += 1;
                    if self.punct(i, end, b':') {
                        let stop = |p: &Self, i: usize| {
                            i >= end || p.punct(i, end, b',') || p.punct(i, end, b'>')
                        };
                        i = self.lifetime_bounds(i + 1, end, stop)?;
                    }
                }
                K::Ident if self.word(i, end, "const") => {
                    i += 1;
                    if !self.ident(i, end) || !self.punct(i + 1, end, b':') {
                        return None;
                    }
                    i = self.ty(i + 2, end, true, 0)?.0;
                    if self.punct(i, end, b'=') {
                        i += 1;
                        if !(i < end && (self.t[i].k == K::Lit || self.ident(i, end))) {
                            return None;
                        }
                        i += 1;
                    }
                }
                K::Ident if self.ident(i, end) => {
                    i += 1;
                    if self.punct(i, end, b':') {
                        i += 1;
                        loop {
                            if i >= end
                                || self.punct(i, end, b',')
                                || self.punct(i, end, b'>')
                                || self.punct(i, end, b'=')
                            {
                                break;
                            }
                            i = self.bound(i, end, 0)?.0;
                            if !self.punct(i, end, b'+') {
                                break;
                            }
                            i += 1;
                        }
                    }
                    if self.punct(i, end, b'=') {
                        i = self.ty(i + 1, end, true, 0)?.0;
                    }
                }
                _ => return None,
            }
            match self.next_in_angles(i, end)? {
                Some(next) => i = next,
                None => return Some(i + 1),
            }
        }
    }

    /// `'a + 'b` from `i` up to where `stop` says: the index after them.
    fn lifetime_bounds(
        &self,
        mut i: usize,
        end: usize,
        stop: impl Fn(&Self, usize) -> bool,
    ) -> R<usize> {
        loop {
            if stop(self, i) {
                return Some(i);
            }
            if self.t[i].k != K::Lifetime {
                return None;
            }
            i += 1;
            if !self.punct(i, end, b'+') {
                return Some(i);
            }
            i += 1;
        }
    }

    /// After an element of `<..>`, at `i`: `Some(None)` at the closing `>`,
    /// `Some(after the comma)` at a `,`, `None` (decline) at anything else.
    pub(super) fn next_in_angles(&self, i: usize, end: usize) -> R<Option<usize>> {
        if self.punct(i, end, b'>') {
            return Some(None);
        }
        self.punct(i, end, b',').then_some(Some(i + 1))
    }

    /// `where ..` from `w`: the index after it.
    pub(super) fn where_clause(&mut self, w: usize, end: usize) -> R<usize> {
        let mut i = w + 1;
        if self.punct(i, end, b'<') {
            return None;
        }
        let stop = |p: &Self, i: usize, colon_ok: bool| {
            i >= end
                || p.open(i, end, b'{')
                || p.punct(i, end, b',')
                || p.punct(i, end, b';')
                || (p.punct(i, end, b':') && (colon_ok || !p.colon2(i, end)))
                || p.punct(i, end, b'=')
        };
        loop {
            if stop(self, i, false) {
                break;
            }
            if self.t[i].k == K::Lifetime && self.punct(i + 1, end, b':') {
                i = self.lifetime_bounds(i + 2, end, |p, i| stop(p, i, true))?;
            } else {
                if self.word(i, end, "for") {
                    i = self.bound_lifetimes(i, end)?;
                }
                i = self.ty(i, end, true, 0)?.0;
                if !self.punct(i, end, b':') || self.colon2(i, end) {
                    return None;
                }
                i += 1;
                loop {
                    if stop(self, i, false) {
                        break;
                    }
                    i = self.bound(i, end, 0)?.0;
                    if !self.punct(i, end, b'+') {
                        break;
                    }
                    i += 1;
                }
            }
            if !self.punct(i, end, b',') {
                break;
            }
            i += 1;
        }
        Some(i)
    }

    /// `for<'a, 'b>` (lifetimes only).
    pub(super) fn bound_lifetimes(&self, f: usize, end: usize) -> R<usize> {
        let mut i = f + 1;
        if !self.punct(i, end, b'<') {
            return None;
        }
        i += 1;
        loop {
            if self.punct(i, end, b'>') {
                return Some(i + 1);
            }
            if !(i < end && self.t[i].k == K::Lifetime) {
                return None;
            }
            i += 1;
            if self.punct(i, end, b'>') {
                return Some(i + 1);
            }
            if !self.punct(i, end, b',') {
                return None;
            }
            i += 1;
        }
    }
}
