//! Lexical pre-scan: finds the byte ranges of `struct`/`enum`/`union` items
//! (with their outer attributes and doc comments) and the
//! `// collects: allow(..)` comment directives, without parsing the file.
//!
//! Running `syn::parse_file` on every file costs ~28x a ripgrep pass (see
//! `shared/research/perf-baseline.md`); only the item ranges found here are
//! handed to syn. The scanner jumps between the few bytes that matter with
//! `memchr`/`memmem`: `/` (comments), `"` (strings), `'` (chars, lifetimes),
//! `!` (macro invocations, whose token trees are skipped whole), `#`
//! (attributes) and the words `struct`, `enum`, `union`. Everything else is
//! never looked at. Only item headers and bodies, attributes and macro token
//! trees are walked byte by byte (with a lookup table), to match brackets.
//!
//! The scanner never panics, never recurses and always terminates; on
//! unterminated input it returns what it found (an item whose end is missing
//! extends to the end of the text, or stops before a stray closing bracket;
//! syn then reports the error).

use std::sync::OnceLock;

use memchr::{memchr, memchr2, memchr3, memmem, memrchr};

use super::directives::{self, Directive, Reading};
use super::lexer::{self, is_ident_start, is_ws, table, Quote, IDENT};

/// Byte range of one struct/enum/union item: from its first outer attribute or doc comment (`///`, `/** */`, `#[..]`) — or its visibility/keyword if none — through its closing `}` or `;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText {
    pub start: usize,
    pub end: usize,
    /// Read from the body of a macro call (see `macros.rs`): not necessarily
    /// Rust, so when it does not parse it is skipped without a finding.
    pub in_macro: bool,
}

/// What [`scan`] found in one file, in source order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan {
    pub items: Vec<ItemText>,
    pub directives: Vec<Directive>,
    /// 1-based lines of comments that start like a directive (`// collects:`,
    /// or `// collects allow`) but do not parse as one; the caller warns.
    pub malformed_directives: Vec<u32>,
    /// How many macro call bodies had items read from them.
    pub macro_bodies: usize,
    /// Byte ranges of `use` declarations (`use` through `;`): which module
    /// each name a field's type uses comes from.
    pub uses: Vec<std::ops::Range<usize>>,
    /// Whether the file calls a macro that prints, logs or panics, or has an
    /// `#[instrument]`: only then are its function bodies read (for CL0009).
    pub prints: bool,
    /// Where a printed value can be named: the token trees of the calls of
    /// printing and formatting macros, and each `#[instrument]` with the
    /// function signature after it (whose parameters it prints).
    pub print_calls: Vec<std::ops::Range<usize>>,
    /// Byte ranges of the `#[cfg(test)]` modules that items follow (the
    /// whole text after `#![cfg(test)]`): items there are test code.
    pub test_modules: Vec<std::ops::Range<usize>>,
}

/// Scans one file's text. Directives are only read from `//` line comments
/// outside macro invocation bodies and attributes.
pub fn scan(text: &str) -> Scan {
    Scanner::new(text.as_bytes()).run()
}

/// Bytes that matter inside a token tree (attribute, macro body, item body).
static TREE: [bool; 256] = table!(|b| {
    matches!(
        b,
        b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | b'\'' | b'/'
    )
});
/// Bytes that matter in an item header (between the name and the body).
static HEADER: [bool; 256] = table!(|b| {
    matches!(
        b,
        b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | b'\'' | b'/' | b'<' | b'>' | b';'
    )
});

/// Searchers for the keywords, built once (building costs about as much as
/// scanning a small file). `use` is always followed by whitespace.
fn keyword_finders() -> &'static [memmem::Finder<'static>; 4] {
    static FINDERS: OnceLock<[memmem::Finder<'static>; 4]> = OnceLock::new();
    FINDERS.get_or_init(|| {
        [
            memmem::Finder::new(b"struct"),
            memmem::Finder::new(b"enum"),
            memmem::Finder::new(b"union"),
            memmem::Finder::new(b"use "),
        ]
    })
}

/// A `use` declaration longer than this is no declaration.
const MAX_USE: usize = 8 << 10;

/// Words after which `!` is a unary not, not a macro invocation.
const NOT_MACRO: &[&[u8]] = &[
    b"if",
    b"while",
    b"match",
    b"return",
    b"break",
    b"in",
    b"else",
    b"yield",
    b"let",
    b"mut",
    b"as",
    b"for",
    b"continue",
    b"move",
    b"loop",
    b"const",
    b"static",
    b"unsafe",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Top level scan: tracks the file header, attribute runs and directives.
    Main,
    /// Item header or body: directives only.
    Item,
    /// Attribute or macro token tree: nothing.
    Tree,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CommentKind {
    Plain,
    OuterDoc,
    InnerDoc,
}

struct Scanner<'a> {
    b: &'a [u8],
    out: Scan,
    /// `line_no` is the 1-based line of byte `line_pos`.
    line_pos: usize,
    line_no: u32,
    /// Set once a code token is seen before a comment; until then
    /// `header_end` is the end of the leading comments and inner attributes.
    seen_code: bool,
    header_end: usize,
    /// The current run of outer attributes / doc comments (and ordinary
    /// comments between them): start of its first element, end of its last.
    run: Option<(usize, usize)>,
    /// `#[cfg(test)] mod name {`: where the attribute starts and the `{`.
    test_module_opens: Vec<(usize, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8]) -> Self {
        Scanner {
            b,
            out: Scan::default(),
            line_pos: 0,
            line_no: 1,
            seen_code: false,
            header_end: 0,
            run: None,
            test_module_opens: Vec::new(),
        }
    }

    fn run(mut self) -> Scan {
        let b = self.b;
        let n = b.len();
        let mut pos = 0;
        if b.starts_with(b"\xEF\xBB\xBF") {
            pos = 3;
        }
        // Shebang line (`#!` not starting an inner attribute).
        if b[pos..].starts_with(b"#!") {
            let k = self.skip_trivia(pos + 2);
            if k >= n || b[k] != b'[' {
                pos = memchr(b'\n', &b[pos..]).map_or(n, |k| pos + k);
            }
        }
        self.header_end = pos;

        let [f_struct, f_enum, f_union, f_use] = keyword_finders();
        let find = |p: usize, f: &memmem::Finder| f.find(&b[p..]).map_or(n, |k| p + k);
        // Next occurrence at or after `pos` of each kind of interesting byte
        // (`n` when there is none); refreshed once `pos` passes it.
        let (mut c_punct, mut c_macro, mut c_struct, mut c_enum, mut c_union, mut c_use) =
            (0, 0, 0, 0, 0, 0);
        let mut first = true;
        loop {
            if c_punct < pos || first {
                c_punct = memchr3(b'/', b'"', b'\'', &b[pos..]).map_or(n, |k| pos + k);
            }
            if c_macro < pos || first {
                c_macro = memchr2(b'!', b'#', &b[pos..]).map_or(n, |k| pos + k);
            }
            if c_struct < pos || first {
                c_struct = find(pos, f_struct);
            }
            if c_enum < pos || first {
                c_enum = find(pos, f_enum);
            }
            if c_union < pos || first {
                c_union = find(pos, f_union);
            }
            if c_use < pos || first {
                c_use = find(pos, f_use);
            }
            first = false;
            let p = c_punct
                .min(c_macro)
                .min(c_struct)
                .min(c_enum)
                .min(c_union)
                .min(c_use);
            if p >= n {
                break;
            }
            pos = match b[p] {
                b'/' => self.slash(p, Ctx::Main),
                b'"' => self.string(p),
                b'\'' => self.quote(p),
                b'!' => self.bang(p),
                b'#' => self.hash(p),
                b's' => self.keyword(p, 6, false),
                b'e' => self.keyword(p, 4, false),
                _ if p == c_use => self.use_declaration(p),
                _ => self.keyword(p, 5, true),
            };
        }
        self.close_test_modules();
        self.out
    }

    // ----- lexical primitives -------------------------------------------

    /// `p` at `"`: returns the end of the (possibly raw, byte or C) string.
    fn string(&self, p: usize) -> usize {
        lexer::string_end_at_quote(self.b, p)
    }

    /// `p` at `'`: skips a char literal, or only the `'` of a lifetime/label.
    fn quote(&self, p: usize) -> usize {
        match lexer::quote(self.b, p) {
            Quote::Char(end) => end,
            Quote::Tick => p + 1,
        }
    }

    /// `p` at `/`: skips a comment (recording what it means in `ctx`), or
    /// just the `/` of an operator.
    fn slash(&mut self, p: usize, ctx: Ctx) -> usize {
        match self.comment_at(p) {
            Some((end, kind, line)) => {
                self.comment(p, end, kind, ctx, line);
                end
            }
            None => p + 1,
        }
    }

    /// `p` at `/`: the end and kind of the comment starting there, and
    /// whether it is a line comment; `None` for an operator.
    fn comment_at(&self, p: usize) -> Option<(usize, CommentKind, bool)> {
        let b = self.b;
        let (end, line) = match lexer::lexeme_at(b, p) {
            lexer::Lexeme::LineComment(end) => (end, true),
            lexer::Lexeme::BlockComment(end) => (end, false),
            _ => return None,
        };
        let kind = match (b.get(p + 2), b.get(p + 3)) {
            (Some(b'/'), Some(b'/')) if line => CommentKind::Plain,
            (Some(b'*'), Some(b'*' | b'/')) if !line => CommentKind::Plain,
            (Some(b'/'), _) if line => CommentKind::OuterDoc,
            (Some(b'*'), _) if !line => CommentKind::OuterDoc,
            (Some(b'!'), _) => CommentKind::InnerDoc,
            _ => CommentKind::Plain,
        };
        Some((end, kind, line))
    }

    /// `p` at `/*`: end of the (nested) block comment.
    fn block_end(&self, p: usize) -> usize {
        lexer::block_comment_end(self.b, p).unwrap_or(self.b.len())
    }

    /// Skips whitespace and comments from `i`.
    fn skip_trivia(&self, mut i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        loop {
            while i < n && is_ws(b[i]) {
                i += 1;
            }
            if i + 1 < n && b[i] == b'/' {
                if b[i + 1] == b'/' {
                    i = memchr(b'\n', &b[i..]).map_or(n, |k| i + k);
                    continue;
                }
                if b[i + 1] == b'*' {
                    i = self.block_end(i);
                    continue;
                }
            }
            return i;
        }
    }

    /// Only whitespace in `b[from..to]`.
    fn blank(&self, from: usize, to: usize) -> bool {
        from <= to && self.b[from..to].iter().all(|&c| is_ws(c))
    }

    /// Index just after the last non-whitespace byte before `i`.
    fn rskip_ws(&self, mut i: usize) -> usize {
        while i > 0 && is_ws(self.b[i - 1]) {
            i -= 1;
        }
        i
    }

    /// `b[..j]` ends with the whole word `w`.
    fn word_before(&self, j: usize, w: &[u8]) -> bool {
        self.b[..j].ends_with(w) && (j == w.len() || !IDENT[self.b[j - w.len() - 1] as usize])
    }

    /// The identifier (or raw identifier) at `i`, if any: its end.
    fn ident(&self, mut i: usize) -> Option<usize> {
        let b = self.b;
        if b[i..].starts_with(b"r#") {
            i += 2;
        }
        if i < b.len() && is_ident_start(b[i]) {
            while i < b.len() && IDENT[b[i] as usize] {
                i += 1;
            }
            Some(i)
        } else {
            None
        }
    }

    /// Skips the delimited token tree opening at `open`; also the body of an
    /// item (then `ctx` is [`Ctx::Item`] so field directives are read).
    fn skip_tree(&mut self, open: usize, ctx: Ctx) -> usize {
        let b = self.b;
        let n = b.len();
        let mut depth = 0usize;
        let mut i = open;
        loop {
            while i < n && !TREE[b[i] as usize] {
                i += 1;
            }
            if i >= n {
                return n;
            }
            i = match b[i] {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    i + 1
                }
                b')' | b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                    i + 1
                }
                b'"' => self.string(i),
                b'\'' => self.quote(i),
                _ => self.slash(i, ctx),
            };
        }
    }

    // ----- events of the main scan -----------------------------------------

    /// Records a comment `b[p..end]` seen in `ctx`.
    fn comment(&mut self, p: usize, end: usize, kind: CommentKind, ctx: Ctx, line: bool) {
        let mut file_level = false;
        if ctx == Ctx::Main {
            if !self.seen_code {
                if kind != CommentKind::OuterDoc && self.blank(self.header_end, p) {
                    self.header_end = end;
                    file_level = true;
                } else {
                    self.seen_code = true;
                }
            }
            match kind {
                CommentKind::OuterDoc => self.add_to_run(p, end),
                CommentKind::InnerDoc => self.run = None,
                CommentKind::Plain => {
                    if let Some((_, run_end)) = &mut self.run {
                        if self.b[*run_end..p].iter().all(|&c| is_ws(c)) {
                            *run_end = end;
                        }
                    }
                }
            }
        }
        if ctx != Ctx::Tree && line && kind == CommentKind::Plain {
            self.directive(p, end, file_level);
        }
    }

    fn add_to_run(&mut self, p: usize, end: usize) {
        match self.run {
            Some((start, run_end)) if self.blank(run_end, p) => self.run = Some((start, end)),
            _ => self.run = Some((p, end)),
        }
    }

    /// `p` at `#`: an attribute (outer ones start or extend the current run).
    fn hash(&mut self, p: usize) -> usize {
        let b = self.b;
        let inner = b.get(p + 1) == Some(&b'!');
        let i = self.skip_trivia(p + 1 + inner as usize);
        if i >= b.len() || b[i] != b'[' {
            return p + 1;
        }
        let end = self.skip_tree(i, Ctx::Tree);
        if self.is_instrument(i, end) {
            self.out.prints = true;
            // The signature runs to the body's `{`; a `{` in a parameter's
            // type is rare enough to cut it short there.
            let signature_end = memchr(b'{', &b[end..]).map_or(b.len(), |k| end + k);
            self.out.print_calls.push(p..signature_end);
        }
        if self.is_cfg_test(i, end) {
            self.test_module(p, end, inner);
        }
        if inner {
            if !self.seen_code {
                if self.blank(self.header_end, p) {
                    self.header_end = end;
                } else {
                    self.seen_code = true;
                }
            }
            self.run = None;
        } else {
            self.add_to_run(p, end);
        }
        end
    }

    /// Whether the attribute `b[open..end]` (from its `[`) is tracing's
    /// `instrument` (`#[instrument(..)]`, `#[tracing::instrument]`).
    fn is_instrument(&self, open: usize, end: usize) -> bool {
        let meta = &self.b[open + 1..end];
        let path_end = meta
            .iter()
            .position(|&c| !(IDENT[c as usize] || c == b':' || is_ws(c)))
            .unwrap_or(meta.len());
        let path = &meta[..path_end];
        let trimmed = &path[..self::rtrim_len(path)];
        trimmed.ends_with(b"instrument")
            && (trimmed.len() == 10 || !IDENT[trimmed[trimmed.len() - 11] as usize])
    }

    /// Whether the attribute `b[open..end]` (from its `[`) is `[cfg(test)]`.
    fn is_cfg_test(&self, open: usize, end: usize) -> bool {
        let meta = &self.b[open..end];
        meta.len() >= b"[cfg(test)]".len()
            && meta
                .iter()
                .filter(|c| !is_ws(**c))
                .eq(b"[cfg(test)]".iter())
    }

    /// After a `#[cfg(test)]` ending at `end` (at `p`): records the module
    /// it puts under test, `mod name { .. }` after any other attributes; the
    /// rest of the text for an inner `#![cfg(test)]`. The main scan goes on
    /// inside the module: its items are items too.
    fn test_module(&mut self, p: usize, end: usize, inner: bool) {
        let b = self.b;
        let n = b.len();
        if inner {
            self.out.test_modules.push(p..n);
            return;
        }
        let mut i = self.skip_trivia(end);
        while i < n && b[i] == b'#' {
            let open = self.skip_trivia(i + 1);
            if open >= n || b[open] != b'[' {
                return;
            }
            let after = self.skip_tree(open, Ctx::Tree);
            i = self.skip_trivia(after);
        }
        if b[i..].starts_with(b"pub") {
            i = self.skip_trivia(i + 3);
            if i < n && b[i] == b'(' {
                let after = self.skip_tree(i, Ctx::Tree);
                i = self.skip_trivia(after);
            }
        }
        if !(b[i..].starts_with(b"mod") && b.get(i + 3).is_some_and(|&c| is_ws(c))) {
            return;
        }
        let Some(name_end) = self.ident(self.skip_trivia(i + 3)) else {
            return;
        };
        let open = self.skip_trivia(name_end);
        if open < n && b[open] == b'{' {
            self.test_module_opens.push((p, open));
        }
    }

    /// The ranges of the `#[cfg(test)]` modules that items follow. A module
    /// that no item follows holds none: its body (often most of the file)
    /// is not walked a second time to find where it ends.
    fn close_test_modules(&mut self) {
        let last_item = self.out.items.last().map_or(0, |item| item.start);
        for (p, open) in std::mem::take(&mut self.test_module_opens) {
            if last_item > open {
                let close = self.skip_tree(open, Ctx::Tree);
                self.out.test_modules.push(p..close);
            }
        }
    }

    /// `p` at `!`: skips a macro invocation's token tree.
    fn bang(&mut self, p: usize) -> usize {
        let b = self.b;
        let n = b.len();
        if b.get(p + 1) == Some(&b'=') {
            return p + 2;
        }
        let j = self.rskip_ws(p);
        let mut s = j;
        while s > 0 && IDENT[b[s - 1] as usize] {
            s -= 1;
        }
        if s == j || b[s].is_ascii_digit() || NOT_MACRO.contains(&&b[s..j]) {
            return p + 1;
        }
        let k = self.skip_trivia(p + 1);
        if k < n && matches!(b[k], b'(' | b'[' | b'{') {
            let end = self.skip_tree(k, Ctx::Tree);
            if let Some(outputs) = super::bodies::macro_prints(&b[s..j]) {
                self.out.prints |= outputs;
                self.out.print_calls.push(k..end);
            }
            if &b[s..j] != b"macro_rules" {
                self.macro_body(s, k, end);
            }
            return end;
        }
        if &b[s..j] == b"macro_rules" && k < n {
            if let Some(m) = self.ident(k) {
                let d = self.skip_trivia(m);
                if d < n && matches!(b[d], b'(' | b'[' | b'{') {
                    return self.skip_tree(d, Ctx::Tree);
                }
            }
        }
        p + 1
    }

    /// `p` at a possible `struct`/`enum`/`union` keyword of `len` bytes.
    fn keyword(&mut self, p: usize, len: usize, union: bool) -> usize {
        let b = self.b;
        let n = b.len();
        let after = p + len;
        if p > 0 && (IDENT[b[p - 1] as usize] || matches!(b[p - 1], b'\'' | b'#' | b'$')) {
            return after;
        }
        if after < n && IDENT[b[after] as usize] {
            return after;
        }
        let i = self.skip_trivia(after);
        let Some(name_end) = (if i < n { self.ident(i) } else { None }) else {
            return after;
        };
        if union && !self.union_body_follows(name_end) {
            return after;
        }
        let mut start = self.item_start(p);
        if self.out.items.last().is_some_and(|it| it.end > start) {
            start = p; // broken code: never overlap the previous item
        }
        let end = self.item_end(name_end);
        self.out.items.push(ItemText {
            start,
            end,
            in_macro: false,
        });
        self.run = None;
        end.max(after)
    }

    /// `p` at a possible `use` keyword: records the declaration's range.
    fn use_declaration(&mut self, p: usize) -> usize {
        let b = self.b;
        let after = p + 3;
        if p > 0 && (IDENT[b[p - 1] as usize] || matches!(b[p - 1], b'\'' | b'#' | b'$' | b'.')) {
            return after;
        }
        // A use tree holds no `;`, string or comment worth reading.
        let end = memchr(b';', &b[after..b.len().min(after + MAX_USE)]).map(|k| after + k + 1);
        match end {
            Some(end)
                if !b[after..end]
                    .iter()
                    .any(|c| matches!(c, b'"' | b'/' | b'(' | b'=')) =>
            {
                self.out.uses.push(p..end);
                self.run = None;
                end
            }
            _ => after,
        }
    }

    /// After the name of a `union` (also a plain identifier): whether a body,
    /// generics or a where clause follow, so it is the item.
    fn union_body_follows(&self, name_end: usize) -> bool {
        let b = self.b;
        let d = self.skip_trivia(name_end);
        d < b.len()
            && (matches!(b[d], b'{' | b'<')
                || (b[d..].starts_with(b"where")
                    && !b.get(d + 5).is_some_and(|&c| IDENT[c as usize])))
    }

    /// Start of the item whose keyword is at `kw`: its attribute run, else
    /// its visibility, else the keyword.
    fn item_start(&self, kw: usize) -> usize {
        let b = self.b;
        let mut v = kw;
        let j = self.rskip_ws(kw);
        if j > 0 && b[j - 1] == b')' {
            let lo = j.saturating_sub(256);
            if let Some(o) = memrchr(b'(', &b[lo..j - 1]) {
                let w = self.rskip_ws(lo + o);
                if self.word_before(w, b"pub") {
                    v = w - 3;
                }
            }
        } else if self.word_before(j, b"pub") {
            v = j - 3;
        }
        match self.run {
            Some((start, end)) if self.blank(end, v) => start,
            _ => v,
        }
    }

    /// End of the item whose name ends at `i`: after the `}` closing its
    /// body or the `;` ending a tuple/unit struct.
    fn item_end(&mut self, mut i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        // Depth in `()`/`[]`/`{}`, and in `<>` at bracket depth 0 (generics
        // and where clauses: a `{` there is a const argument, not the body).
        let mut depth = 0usize;
        let mut angle = 0usize;
        loop {
            while i < n && !HEADER[b[i] as usize] {
                i += 1;
            }
            if i >= n {
                return n;
            }
            i = match b[i] {
                b'{' if depth == 0 && angle == 0 => return self.skip_tree(i, Ctx::Item),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    i + 1
                }
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return i; // stray closer: the item is broken
                    }
                    depth -= 1;
                    i + 1
                }
                b'<' => {
                    if depth == 0 {
                        angle += 1;
                    }
                    i + 1
                }
                b'>' => {
                    if depth == 0 && b[i - 1] != b'-' {
                        angle = angle.saturating_sub(1);
                    }
                    i + 1
                }
                b';' => {
                    if depth == 0 {
                        return i + 1;
                    }
                    i + 1
                }
                b'"' => self.string(i),
                b'\'' => self.quote(i),
                _ => self.slash(i, Ctx::Item),
            };
        }
    }

    // ----- directives ---------------------------------------------------------

    fn line_of(&mut self, p: usize) -> u32 {
        if p < self.line_pos {
            self.line_pos = 0;
            self.line_no = 1;
        }
        let newlines = memchr::memchr_iter(b'\n', &self.b[self.line_pos..p]).count();
        self.line_no += newlines as u32;
        self.line_pos = p;
        self.line_no
    }

    /// `b[p..end]` is a plain `//` comment: a directive, a malformed one, or
    /// neither.
    fn directive(&mut self, p: usize, end: usize, file_level: bool) {
        match directives::read(&self.b[p + 2..end]) {
            Reading::NotOne => {}
            Reading::Directive { allowed, reason } => {
                let line = self.line_of(p);
                self.out.directives.push(Directive {
                    line,
                    allowed,
                    reason,
                    file_level,
                });
            }
            Reading::Malformed => {
                let line = self.line_of(p);
                self.out.malformed_directives.push(line);
            }
        }
    }
}

/// The length of `bytes` without trailing whitespace.
fn rtrim_len(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&c| !is_ws(c)).map_or(0, |k| k + 1)
}

mod macros;
#[cfg(test)]
mod tests;
