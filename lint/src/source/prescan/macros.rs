//! Items in macro calls: `auto_derived!( pub struct User { .. }, "Partial" )`
//! or a `bitflags!`-like body starts with items the readers can read as any
//! other. The leading items of the body of a macro call in item position
//! (after `;`, `{`, `}`, an attribute, a comment line or at the start of the
//! file) are added to the scan, marked `in_macro`; what follows them is
//! ignored. Never `macro_rules!` definitions (the caller skips them), never
//! bodies with interpolations (`$x`, quote's `#name`, `#(..)*`): their items
//! are templates, not code.

use memchr::memrchr;

use super::{CommentKind, Ctx, ItemText, Scanner};
use crate::source::lexer::{is_ident_start, is_ws, lexeme_at, Lexeme, IDENT};

impl Scanner<'_> {
    /// The macro whose last path segment starts at `name` has a body from
    /// `open` to `end` (after its closing bracket): reads its leading items.
    pub(super) fn macro_body(&mut self, name: usize, open: usize, end: usize) {
        let close = end - 1;
        if end > self.b.len() || !matches!(self.b[close], b')' | b']' | b'}') {
            return;
        }
        // Most bodies (`println!(..)`, `vec![..]`) do not start with an item:
        // the cheapest test first.
        let mut head = self.item_head(open + 1, close);
        if head.is_none() || !self.at_item_position(name) || self.interpolated(open + 1, close) {
            return;
        }
        let mut read = false;
        while let Some((start, name_end)) = head {
            let item_end = self.item_end(name_end);
            if item_end > close {
                break;
            }
            // `struct Flags: u32 { .. }` (bitflags!) is no item either
            // reader reads: handing it to them costs a failed syn parse.
            if self.b.get(self.skip_trivia(name_end)) != Some(&b':') {
                self.out.items.push(ItemText {
                    start,
                    end: item_end,
                    in_macro: true,
                });
            }
            read = true;
            head = self.item_head(item_end, close);
        }
        self.run = None;
        self.out.macro_bodies += usize::from(read);
    }

    /// Whether the macro path whose last segment starts at `name` stands
    /// where an item or statement can.
    fn at_item_position(&self, name: usize) -> bool {
        let b = self.b;
        // Back over `a::b::` before the name.
        let mut q = name;
        loop {
            let w = self.rskip_ws(q);
            if w < 2 || &b[w - 2..w] != b"::" {
                break;
            }
            let mut t = self.rskip_ws(w - 2);
            let segment_end = t;
            while t > 0 && IDENT[b[t - 1] as usize] {
                t -= 1;
            }
            if t == segment_end {
                q = w - 2; // a leading `::`
                continue;
            }
            q = t;
        }
        let w = self.rskip_ws(q);
        if w == 0 || (w == 3 && b.starts_with(b"\xEF\xBB\xBF")) {
            return true;
        }
        if matches!(b[w - 1], b';' | b'{' | b'}' | b']') {
            return true;
        }
        // A comment line just above, the path first on its line.
        let line_start = memrchr(b'\n', &b[..q]).map_or(0, |k| k + 1);
        if !self.blank(line_start, q) || line_start == 0 {
            return false;
        }
        let above_start = memrchr(b'\n', &b[..line_start - 1]).map_or(0, |k| k + 1);
        let above = &b[above_start..line_start - 1];
        let above = &above[above.iter().take_while(|&&c| is_ws(c)).count()..];
        above.starts_with(b"//") || above.trim_ascii_end().ends_with(b"*/")
    }

    /// Whether `b[from..to]` holds, outside comments and literals, a `$` or
    /// a `#` not opening an attribute (`/// # Example` in a doc comment is
    /// no template).
    fn interpolated(&self, from: usize, to: usize) -> bool {
        let b = &self.b[..to];
        let mut i = from;
        // Only bodies whose head is an item get here: a plain scan is cheap.
        while let Some(k) = b[i..].iter().position(|c| b"$#/\"'".contains(c)) {
            let j = i + k;
            i = match b[j] {
                b'$' => return true,
                b'#' => {
                    let after = self.skip_trivia(j + 1).min(to);
                    if after < to && (is_ident_start(b[after]) || matches!(b[after], b'(' | b'{')) {
                        return true;
                    }
                    j + 1
                }
                _ => match lexeme_at(b, j) {
                    Lexeme::LineComment(end) | Lexeme::BlockComment(end) | Lexeme::Literal(end) => {
                        end.max(j + 1)
                    }
                    Lexeme::Byte => j + 1,
                },
            };
        }
        false
    }

    /// The item starting at `i` (after trivia), up to `to`: where it starts
    /// (its doc comments and attributes included) and where its name ends.
    fn item_head(&mut self, mut i: usize, to: usize) -> Option<(usize, usize)> {
        let b = self.b;
        let mut start = None;
        loop {
            while i < to && is_ws(b[i]) {
                i += 1;
            }
            if i + 1 >= to {
                return None;
            }
            if b[i] == b'/' {
                let (end, kind, _) = self.comment_at(i)?;
                match kind {
                    CommentKind::OuterDoc => _ = start.get_or_insert(i),
                    CommentKind::InnerDoc => return None,
                    CommentKind::Plain => {}
                }
                i = end;
                continue;
            }
            if b[i] == b'#' && b[i + 1] == b'[' {
                start.get_or_insert(i);
                i = self.skip_tree(i + 1, Ctx::Tree);
                continue;
            }
            break;
        }
        let item_start = start.unwrap_or(i);
        if self.word_at(i, b"pub") {
            i = self.skip_trivia(i + 3);
            if i < to && b[i] == b'(' {
                let after = self.skip_tree(i, Ctx::Tree);
                i = self.skip_trivia(after);
            }
        }
        let union = self.word_at(i, b"union");
        if !(self.word_at(i, b"struct") || self.word_at(i, b"enum") || union) {
            return None;
        }
        let keyword_end = i + b[i..].iter().take_while(|&&c| IDENT[c as usize]).count();
        let name = self.skip_trivia(keyword_end);
        let name_end = self.ident(name).filter(|&e| e <= to)?;
        if union && !self.union_body_follows(name_end) {
            return None;
        }
        Some((item_start, name_end))
    }

    /// The whole word `w` at `i`.
    fn word_at(&self, i: usize, w: &[u8]) -> bool {
        self.b[i..].starts_with(w) && !self.b.get(i + w.len()).is_some_and(|&c| IDENT[c as usize])
    }
}
