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

/// Byte range of one struct/enum/union item: from its first outer attribute or doc comment (`///`, `/** */`, `#[..]`) — or its visibility/keyword if none — through its closing `}` or `;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText {
    pub start: usize,
    pub end: usize,
}

/// `// collects: allow(undeclared, CL0002) -- why` comment directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// 1-based line of the comment.
    pub line: u32,
    /// As written: check names ("undeclared") or codes ("CL0001").
    pub allowed: Vec<String>,
    /// Text after `--`, trimmed; `None` when there is no `--` or nothing after it.
    pub reason: Option<String>,
    /// True when the comment comes before any code token of the file (only
    /// comments, whitespace, inner attributes `#![..]` and inner doc comments
    /// `//!` before it).
    pub file_level: bool,
}

/// What [`scan`] found in one file, in source order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan {
    pub items: Vec<ItemText>,
    pub directives: Vec<Directive>,
    /// 1-based lines of comments that start like a directive (`// collects:`,
    /// or `// collects allow`) but do not parse as one; the caller warns.
    pub malformed_directives: Vec<u32>,
}

/// Scans one file's text. Directives are only read from `//` line comments
/// outside macro invocation bodies and attributes.
pub fn scan(text: &str) -> Scan {
    Scanner::new(text.as_bytes()).run()
}

/// A 256-entry byte class table from a predicate on `$b`.
macro_rules! table {
    (|$b:ident| $e:expr) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $b = i as u8;
            t[i] = $e;
            i += 1;
        }
        t
    }};
}

/// Identifier continue bytes (any non-ASCII byte counts: text is UTF-8 and a
/// non-ASCII character in code can only be part of an identifier).
pub(crate) static IDENT: [bool; 256] =
    table!(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80);
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

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

/// Searchers for the three keywords, built once (building costs about as
/// much as scanning a small file).
fn keyword_finders() -> &'static [memmem::Finder<'static>; 3] {
    static FINDERS: OnceLock<[memmem::Finder<'static>; 3]> = OnceLock::new();
    FINDERS.get_or_init(|| {
        [
            memmem::Finder::new(b"struct"),
            memmem::Finder::new(b"enum"),
            memmem::Finder::new(b"union"),
        ]
    })
}

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

        let [f_struct, f_enum, f_union] = keyword_finders();
        let find = |p: usize, f: &memmem::Finder| f.find(&b[p..]).map_or(n, |k| p + k);
        // Next occurrence at or after `pos` of each kind of interesting byte
        // (`n` when there is none); refreshed once `pos` passes it.
        let (mut c_punct, mut c_macro, mut c_struct, mut c_enum, mut c_union) = (0, 0, 0, 0, 0);
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
            first = false;
            let p = c_punct.min(c_macro).min(c_struct).min(c_enum).min(c_union);
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
                _ => self.keyword(p, 5, true),
            };
        }
        self.out
    }

    // ----- lexical primitives -------------------------------------------

    /// `p` at `"`: returns the end of the (possibly raw, byte or C) string.
    fn string(&self, p: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let mut q = p;
        while q > 0 && b[q - 1] == b'#' {
            q -= 1;
        }
        if q > 0 && b[q - 1] == b'r' {
            let mut s = q - 1;
            if s > 0 && matches!(b[s - 1], b'b' | b'c') {
                s -= 1;
            }
            if s == 0 || !IDENT[b[s - 1] as usize] {
                let hashes = p - q;
                let mut i = p + 1;
                while let Some(k) = memchr(b'"', &b[i..]) {
                    let e = i + k + 1;
                    if b[e..].len() >= hashes && b[e..e + hashes].iter().all(|&c| c == b'#') {
                        return e + hashes;
                    }
                    i = e;
                }
                return n;
            }
        }
        let mut i = p + 1;
        while let Some(k) = memchr2(b'"', b'\\', &b[i..]) {
            let j = i + k;
            if b[j] == b'"' {
                return j + 1;
            }
            i = (j + 2).min(n);
        }
        n
    }

    /// `p` at `'`: skips a char literal, or only the `'` of a lifetime/label.
    fn quote(&self, p: usize) -> usize {
        let b = self.b;
        let n = b.len();
        if p + 1 >= n {
            return n;
        }
        let c = b[p + 1];
        if c == b'\\' {
            // `'\n'`, `'\''`, `'\u{1F600}'`: the closing quote is close by.
            if p + 3 <= n {
                let lim = (p + 16).min(n);
                if let Some(k) = memchr(b'\'', &b[p + 3..lim]) {
                    return p + 3 + k + 1;
                }
            }
            return p + 2;
        }
        let len = match c {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        if c != b'\'' && b.get(p + 1 + len) == Some(&b'\'') {
            return p + 2 + len;
        }
        p + 1
    }

    /// `p` at `/`: skips a comment (recording what it means in `ctx`), or
    /// just the `/` of an operator.
    fn slash(&mut self, p: usize, ctx: Ctx) -> usize {
        let b = self.b;
        let n = b.len();
        match b.get(p + 1) {
            Some(b'/') => {
                let end = memchr(b'\n', &b[p..]).map_or(n, |k| p + k);
                let kind = match (b.get(p + 2), b.get(p + 3)) {
                    (Some(b'/'), Some(b'/')) => CommentKind::Plain,
                    (Some(b'/'), _) => CommentKind::OuterDoc,
                    (Some(b'!'), _) => CommentKind::InnerDoc,
                    _ => CommentKind::Plain,
                };
                self.comment(p, end, kind, ctx, true);
                end
            }
            Some(b'*') => {
                let end = self.block_end(p);
                let kind = match (b.get(p + 2), b.get(p + 3)) {
                    (Some(b'*'), Some(b'*' | b'/')) => CommentKind::Plain,
                    (Some(b'*'), _) => CommentKind::OuterDoc,
                    (Some(b'!'), _) => CommentKind::InnerDoc,
                    _ => CommentKind::Plain,
                };
                self.comment(p, end, kind, ctx, false);
                end
            }
            _ => p + 1,
        }
    }

    /// `p` at `/*`: end of the (nested) block comment.
    fn block_end(&self, p: usize) -> usize {
        let b = self.b;
        let n = b.len();
        let mut depth = 1usize;
        let mut i = p + 2;
        while let Some(k) = memchr2(b'*', b'/', &b[i.min(n)..]) {
            let j = i + k;
            let next = b.get(j + 1);
            if b[j] == b'*' && next == Some(&b'/') {
                depth -= 1;
                i = j + 2;
                if depth == 0 {
                    return i;
                }
            } else if b[j] == b'/' && next == Some(&b'*') {
                depth += 1;
                i = j + 2;
            } else {
                i = j + 1;
            }
        }
        n
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
            return self.skip_tree(k, Ctx::Tree);
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
        if union {
            let d = self.skip_trivia(name_end);
            let ok = d < n
                && (matches!(b[d], b'{' | b'<')
                    || (b[d..].starts_with(b"where")
                        && !b.get(d + 5).is_some_and(|&c| IDENT[c as usize])));
            if !ok {
                return after;
            }
        }
        let mut start = self.item_start(p);
        if self.out.items.last().is_some_and(|it| it.end > start) {
            start = p; // broken code: never overlap the previous item
        }
        let end = self.item_end(name_end);
        self.out.items.push(ItemText { start, end });
        self.run = None;
        end.max(after)
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
        let text = &self.b[p + 2..end];
        let text = trim(text);
        let Some(rest) = text.strip_prefix(b"collects") else {
            return;
        };
        let rest_trim = trim(rest);
        let intended = rest.first() == Some(&b':')
            || (rest.first().is_some_and(|&c| is_ws(c)) && rest_trim.starts_with(b"allow"));
        if !intended {
            return;
        }
        let line = self.line_of(p);
        match parse_directive(rest) {
            Some((allowed, reason)) => self.out.directives.push(Directive {
                line,
                allowed,
                reason,
                file_level,
            }),
            None => self.out.malformed_directives.push(line),
        }
    }
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [c, r @ ..] = s {
        if !is_ws(*c) {
            break;
        }
        s = r;
    }
    while let [r @ .., c] = s {
        if !is_ws(*c) {
            break;
        }
        s = r;
    }
    s
}

/// Parses `: allow(a, b) [-- reason]` (what follows `collects`).
fn parse_directive(rest: &[u8]) -> Option<(Vec<String>, Option<String>)> {
    let rest = rest.strip_prefix(b":")?;
    let rest = trim(rest).strip_prefix(b"allow")?;
    let rest = trim(rest).strip_prefix(b"(")?;
    let close = memchr(b')', rest)?;
    let mut allowed = Vec::new();
    let list = trim(&rest[..close]);
    let list = list.strip_suffix(b",").unwrap_or(list);
    for name in list.split(|&c| c == b',') {
        let name = trim(name);
        if name.is_empty()
            || !name
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
        {
            return None;
        }
        allowed.push(String::from_utf8_lossy(name).into_owned());
    }
    let tail = trim(&rest[close + 1..]);
    let reason = if tail.is_empty() {
        None
    } else {
        let r = trim(tail.strip_prefix(b"--")?);
        (!r.is_empty()).then(|| String::from_utf8_lossy(r).into_owned())
    };
    Some((allowed, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every item found.
    fn items(src: &str) -> Vec<&str> {
        scan(src)
            .items
            .iter()
            .map(|it| &src[it.start..it.end])
            .collect()
    }

    fn check(src: &str, expect: &[&str]) {
        assert_eq!(items(src), expect, "source: {src:?}");
    }

    /// Directives as `line:names:reason:file_level`, malformed as `line:!`.
    fn dirs(src: &str) -> Vec<String> {
        let s = scan(src);
        let mut v: Vec<(u32, String)> = s
            .directives
            .iter()
            .map(|d| {
                (
                    d.line,
                    format!(
                        "{}:{}:{}:{}",
                        d.line,
                        d.allowed.join(","),
                        d.reason.as_deref().unwrap_or("-"),
                        if d.file_level { "file" } else { "item" }
                    ),
                )
            })
            .collect();
        v.extend(
            s.malformed_directives
                .iter()
                .map(|l| (*l, format!("{l}:!"))),
        );
        v.sort();
        v.into_iter().map(|(_, s)| s).collect()
    }

    fn check_dirs(src: &str, expect: &[&str]) {
        assert_eq!(dirs(src), expect, "source: {src:?}");
    }

    // ----- items: basic shapes -----

    #[test]
    fn unit_struct() {
        check("struct A;", &["struct A;"]);
    }
    #[test]
    fn tuple_struct() {
        check("struct A(u8);", &["struct A(u8);"]);
    }
    #[test]
    fn named_struct() {
        check("struct A { x: u8 }", &["struct A { x: u8 }"]);
    }
    #[test]
    fn enum_item() {
        check(
            "enum E { A, B(u8), C { x: u8 } } fn f() {}",
            &["enum E { A, B(u8), C { x: u8 } }"],
        );
    }
    #[test]
    fn union_item() {
        check("union U { a: u8, b: u16 }", &["union U { a: u8, b: u16 }"]);
    }
    #[test]
    fn union_generic() {
        check("union U<T: Copy> { a: T }", &["union U<T: Copy> { a: T }"]);
    }
    #[test]
    fn union_where() {
        check(
            "union U<T> where T: Copy { a: T }",
            &["union U<T> where T: Copy { a: T }"],
        );
    }
    #[test]
    fn union_as_variable_is_not_item() {
        check(
            "let union = a.union(&b); fn union<T>() {} use x::union;",
            &[],
        );
    }
    #[test]
    fn union_loop_var_is_not_item() {
        check("for union in unions { }", &[]);
    }
    #[test]
    fn several_items() {
        check(
            "struct A; struct B(u8);\nenum C {}",
            &["struct A;", "struct B(u8);", "enum C {}"],
        );
    }
    #[test]
    fn tuple_struct_with_where() {
        check(
            "struct C<T>(T) where T: X;",
            &["struct C<T>(T) where T: X;"],
        );
    }
    #[test]
    fn named_struct_with_where() {
        check(
            "struct C<T> where T: Fn() -> u8 { t: T } x",
            &["struct C<T> where T: Fn() -> u8 { t: T }"],
        );
    }
    #[test]
    fn const_generic_default_braces() {
        check(
            "struct S<const N: usize = { 3 }> { a: [u8; N] }",
            &["struct S<const N: usize = { 3 }> { a: [u8; N] }"],
        );
    }
    #[test]
    fn const_generic_arg_in_where() {
        check(
            "struct S where T: Foo<{ 3 }> { a: u8 }",
            &["struct S where T: Foo<{ 3 }> { a: u8 }"],
        );
    }
    #[test]
    fn generics_with_arrow_bound() {
        check(
            "struct S<F: Fn(u8) -> Vec<u8>> { f: F }",
            &["struct S<F: Fn(u8) -> Vec<u8>> { f: F }"],
        );
    }
    #[test]
    fn shift_in_array_length() {
        check(
            "struct A([u8; 1 << 3]); struct B;",
            &["struct A([u8; 1 << 3]);", "struct B;"],
        );
    }
    #[test]
    fn enum_discriminant_expressions() {
        check(
            "enum E { A = 1 << 2, B = { 3 } }",
            &["enum E { A = 1 << 2, B = { 3 } }"],
        );
    }
    #[test]
    fn lifetimes_in_generics() {
        check(
            "struct A<'a, 'b: 'a> { x: &'a str }",
            &["struct A<'a, 'b: 'a> { x: &'a str }"],
        );
    }
    #[test]
    fn raw_identifier_name() {
        check("struct r#type { a: u8 }", &["struct r#type { a: u8 }"]);
    }

    // ----- items: prefix -----

    #[test]
    fn visibility_pub() {
        check("pub struct A;", &["pub struct A;"]);
    }
    #[test]
    fn visibility_restricted() {
        check("pub(crate) struct A;", &["pub(crate) struct A;"]);
        check(
            "pub(in crate::a) enum E {}",
            &["pub(in crate::a) enum E {}"],
        );
    }
    #[test]
    fn attribute_and_doc_prefix() {
        check(
            "fn f() {}\n/// Doc.\n#[derive(Debug)]\npub struct A;",
            &["/// Doc.\n#[derive(Debug)]\npub struct A;"],
        );
    }
    #[test]
    fn block_doc_prefix() {
        check("/** Doc. */ struct A;", &["/** Doc. */ struct A;"]);
    }
    #[test]
    fn plain_comment_before_attributes_excluded() {
        check(
            "// note\n#[derive(X)]\nstruct A;",
            &["#[derive(X)]\nstruct A;"],
        );
    }
    #[test]
    fn plain_block_comment_not_doc() {
        check(
            "/* x */ struct A; /**/ struct B; /*** c */ struct C;",
            &["struct A;", "struct B;", "struct C;"],
        );
    }
    #[test]
    fn plain_comment_between_attributes_included() {
        check(
            "#[a]\n// note\n#[b]\nstruct A;",
            &["#[a]\n// note\n#[b]\nstruct A;"],
        );
    }
    #[test]
    fn nested_attribute_brackets_and_strings() {
        check(
            "#[cfg_attr(x, derive(Y))] #[doc = \"a ] b\"] #[s(rename = \"[\")] struct A;",
            &["#[cfg_attr(x, derive(Y))] #[doc = \"a ] b\"] #[s(rename = \"[\")] struct A;"],
        );
    }
    #[test]
    fn attribute_on_other_item_not_included() {
        check("#[test]\nfn f() { struct A; }", &["struct A;"]);
        check("#[a] let x = 1; struct A;", &["struct A;"]);
    }
    #[test]
    fn inner_attribute_not_included() {
        check("#![allow(x)]\nstruct A;", &["struct A;"]);
    }
    #[test]
    fn four_slashes_is_not_doc() {
        check("//// x\nstruct A;", &["struct A;"]);
    }
    #[test]
    fn struct_word_in_attribute_not_item() {
        check("#[my(struct X)] fn f() {}", &[]);
    }

    // ----- items: nesting -----

    #[test]
    fn nested_in_mod_impl_fn() {
        check(
            "mod m { struct A; } impl X { fn f() { enum B {} } } fn g() { { { struct C(u8); } } }",
            &["struct A;", "enum B {}", "struct C(u8);"],
        );
    }
    #[test]
    fn macro_bodies_skipped() {
        check(
            "bitflags! { struct F: u8 { const A = 1; } } macro_rules! m { ($v:vis struct $n:ident) => {} } foo!(struct X;); bar![enum Y {}]; struct Z;",
            &["struct Z;"],
        );
    }
    #[test]
    fn macro_with_space_before_bang_and_tree() {
        check("m ! { struct A; } struct B;", &["struct B;"]);
    }
    #[test]
    fn not_operator_is_not_macro() {
        check(
            "fn f() { if !(a) { struct A; } while !x { struct B; } let c = !(d); }",
            &["struct A;", "struct B;"],
        );
    }
    #[test]
    fn macro_rules_with_parens_body() {
        check(
            "macro_rules! m ( (struct) => {} ); struct B;",
            &["struct B;"],
        );
    }
    #[test]
    fn item_after_ne_operator() {
        check("fn f() { a != b; } struct A;", &["struct A;"]);
    }
    #[test]
    fn never_type_is_not_macro() {
        check("fn f() -> ! { struct A; loop {} }", &["struct A;"]);
    }

    // ----- lexical skipping -----

    #[test]
    fn word_boundaries() {
        check(
            "let my_struct = structure; enumerate(); unions(); struct_x;",
            &[],
        );
    }
    #[test]
    fn raw_identifier_keyword_is_not_keyword() {
        check("let r#struct = 1; r#enum(); struct A;", &["struct A;"]);
    }
    #[test]
    fn line_comments() {
        check("// struct A;\nstruct B;", &["struct B;"]);
    }
    #[test]
    fn nested_block_comments() {
        check("/* /* struct A; */ struct B; */ struct C;", &["struct C;"]);
    }
    #[test]
    fn strings_with_escapes() {
        check(
            r#"let s = "struct A; \" struct B; \\"; struct C;"#,
            &["struct C;"],
        );
    }
    #[test]
    fn byte_strings() {
        check(r#"let s = b"struct \" A;"; struct C;"#, &["struct C;"]);
    }
    #[test]
    fn raw_strings() {
        check(r###"let s = r"struct A;\"; struct B;"###, &["struct B;"]);
        check(r###"let s = r#"struct " A;"#; struct B;"###, &["struct B;"]);
        check(
            r####"let s = r##"struct "# A;"##; struct B;"####,
            &["struct B;"],
        );
        check(
            r###"let s = br#"struct " A;"#; let t = cr"\"; struct B;"###,
            &["struct B;"],
        );
    }
    #[test]
    fn char_literals() {
        check(
            r#"let c = '"'; let d = '\''; let e = '\u{1F600}'; let f = b'"'; let g = '\\'; struct A;"#,
            &["struct A;"],
        );
        check(
            "let c = 'é'; let d = '😀'; let e = '{'; struct A { x: u8 }",
            &["struct A { x: u8 }"],
        );
    }
    #[test]
    fn lifetimes_are_not_chars() {
        check(
            "fn f<'a>(x: &'a str) -> &'static str { \"'\" } struct A;",
            &["struct A;"],
        );
    }
    #[test]
    fn label_named_union_is_not_item() {
        check("'union: loop { break 'union; } struct A;", &["struct A;"]);
    }
    #[test]
    fn strings_and_chars_in_body() {
        check(
            "struct A { #[s(rename = \"}\")] a: u8, b: [u8; '}' as usize], /* } */ c: u8 // }\n} x",
            &["struct A { #[s(rename = \"}\")] a: u8, b: [u8; '}' as usize], /* } */ c: u8 // }\n}"],
        );
    }

    // ----- robustness -----

    #[test]
    fn bom_crlf_nul_non_ascii() {
        check(
            "\u{feff}/// é\r\nstruct Ä {\r\n\0 x: u8 }\r\n",
            &["/// é\r\nstruct Ä {\r\n\0 x: u8 }"],
        );
    }
    #[test]
    fn shebang() {
        check("#!/usr/bin/env run\nstruct A;", &["struct A;"]);
    }
    #[test]
    fn unterminated_constructs() {
        check("struct A { x: u8", &["struct A { x: u8"]);
        check("struct A", &["struct A"]);
        check("struct", &[]);
        check("struct A; \"abc", &["struct A;"]);
        check("struct A; /* abc", &["struct A;"]);
        check("struct A; r#\"abc\"", &["struct A;"]);
        check("struct A; '", &["struct A;"]);
        check("struct A; '\\", &["struct A;"]);
        check("struct A; foo!{ struct", &["struct A;"]);
        check("#[derive(", &[]);
        check("#", &[]);
        check("!", &[]);
        check("/", &[]);
        check("\"\\", &[]);
        check("struct A<", &["struct A<"]);
        check("struct A { s: \"", &["struct A { s: \""]);
    }
    #[test]
    fn stray_closer_ends_item() {
        check("fn f() { struct A } struct B;", &["struct A ", "struct B;"]);
    }
    #[test]
    fn items_never_overlap() {
        check("pub(enum X) struct S;", &["enum X", "struct S;"]);
    }
    #[test]
    fn every_prefix_scans() {
        for src in REAL_LOOKING {
            for (end, _) in src.char_indices() {
                let text = &src[..end];
                let s = scan(text);
                for w in s.items.windows(2) {
                    assert!(w[0].end <= w[1].start, "{text:?}");
                }
                assert!(s.items.iter().all(|it| it.start <= it.end && it.end <= end));
            }
        }
    }
    #[test]
    fn deep_nesting() {
        let src = format!(
            "struct A {{ x: {}u8{} }} struct B;",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let its = scan(&src).items;
        assert_eq!(its.len(), 2);
        assert_eq!(its[0].end, src.len() - " struct B;".len());
        let src = format!("fn f() {} struct A;", "{".repeat(100_000));
        assert_eq!(items(&src), ["struct A;"]);
    }
    #[test]
    fn long_line_and_big_file() {
        let line = format!("// {}\n", "x".repeat(1 << 20));
        let mut src = line.clone();
        for i in 0..200_000 {
            src.push_str(&format!("struct S{i};\n"));
        }
        src.push_str(&line);
        let s = scan(&src);
        assert!(src.len() > 3_000_000);
        assert_eq!(s.items.len(), 200_000);
    }

    // ----- directives -----

    #[test]
    fn directive_basic() {
        check_dirs(
            "struct A {\n    // collects: allow(undeclared, CL0002) -- why not\n    x: u8,\n}",
            &["2:undeclared,CL0002:why not:item"],
        );
    }
    #[test]
    fn directive_without_reason() {
        check_dirs(
            "fn f() {}\n// collects: allow(undeclared)\nstruct A;",
            &["2:undeclared:-:item"],
        );
        check_dirs(
            "fn f() {}\n// collects: allow(x) --  \nstruct A;",
            &["2:x:-:item"],
        );
    }
    #[test]
    fn directive_spacing_and_trailing_comma() {
        check_dirs(
            "fn f(){}//collects:allow( a ,b, )--r\r\n",
            &["1:a,b:r:item"],
        );
    }
    #[test]
    fn directive_file_level() {
        check_dirs(
            "\u{feff}//! Crate.\n#![allow(x)]\n/* c */\n// collects: allow(undeclared) -- generated\nstruct A;\n// collects: allow(x)\nstruct B;",
            &["4:undeclared:generated:file", "6:x:-:item"],
        );
    }
    #[test]
    fn directive_after_outer_doc_not_file_level() {
        check_dirs(
            "/// Doc.\n// collects: allow(x)\nstruct A;",
            &["2:x:-:item"],
        );
    }
    #[test]
    fn directive_after_code_not_file_level() {
        check_dirs("use a;\n// collects: allow(x)\n", &["2:x:-:item"]);
    }
    #[test]
    fn directive_malformed() {
        check_dirs(
            "// collects: alow(x)\n// collects: allow()\n// collects: allow(x) because\n// collects allow(x)\n// collects: allow(a b)\n// collects: allow(x\n// collects: allow(ok)\n",
            &["1:!", "2:!", "3:!", "4:!", "5:!", "6:!", "7:ok:-:file"],
        );
    }
    #[test]
    fn not_directives() {
        check_dirs(
            "// this collects data\n/// collects: allow(x)\n//! collects: allow(x)\n/* collects: allow(x) */\n// collectsfoo\nlet s = \"// collects: allow(x)\";",
            &[],
        );
    }
    #[test]
    fn directive_in_macro_body_ignored() {
        check_dirs(
            "m! {\n// collects: allow(x)\n}\n#[a(\n// collects: allow(y)\n)] struct A;",
            &[],
        );
    }
    #[test]
    fn directive_lines_count_crlf() {
        check_dirs(
            "\r\n\r\nfn f(){}\r\n// collects: allow(a)\r\n",
            &["4:a:-:item"],
        );
    }

    // ----- every range parses -----

    const REAL_LOOKING: &[&str] = &[
        r##"//! A module.
#![allow(dead_code)]
use std::collections::HashMap;

/// A user.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")] // trailing
pub struct User<'a, T: Clone = u8> where T: Default {
    /// Name, `}` in docs.
    pub name: &'a str,
    // collects: allow(undeclared) -- not personal
    #[serde(rename = "e-mail}")]
    email: String,
    extra: HashMap<String, Vec<T>>,
    f: fn(u8) -> u8,
}

impl<'a, T: Clone + Default> User<'a, T> {
    pub fn new(name: &'a str) -> Self {
        #[derive(Default)]
        struct Local { x: [u8; 4] }
        let _ = Local::default();
        let s = r#"struct NotMe { "# ;
        let c = '}';
        let u = union(1);
        assert!(!name.is_empty(), "struct {}", name);
        Self { name, email: String::new(), extra: HashMap::new(), f: |x| x }
    }
}

pub(crate) enum Shape {
    Circle { r: f64 },
    Rect(f64, f64),
    Unit = 3,
}

#[repr(C)]
union Bits { i: u32, f: f32 }

pub struct Tuple(pub u8, pub(crate) String);
struct Unit;
struct Gen<T>(T) where T: Copy;
struct Arr<const N: usize = { 2 + 1 }>([u8; N]);

macro_rules! make {
    ($name:ident) => { struct $name; };
}
make!(Made);
"##,
        r#"
mod inner {
    /** Block doc. */
    #[cfg(all(unix, not(target_os = "macos")))]
    pub(in crate::inner) struct Nested {
        a: Option<Box<dyn Fn(&str) -> Result<(), String> + Send>>,
        b: [[u8; 3]; 2],
    }

    fn f() {
        enum Inner { A, B }
        let _ = |x: u8| -> u8 { x };
        let r#struct = 1;
        let _ = 'label: loop { break 'label r#struct; };
    }
}

bitflags::bitflags! {
    pub struct Flags: u32 { const A = 1; }
}

#[non_exhaustive]
pub enum Error<E: std::error::Error + 'static> {
    Io(#[source] std::io::Error),
    Other { source: E, msg: &'static str },
}
"#,
    ];

    #[test]
    fn every_range_parses_with_syn() {
        let mut total = 0;
        for src in REAL_LOOKING {
            for it in scan(src).items {
                let text = &src[it.start..it.end];
                syn::parse_str::<syn::DeriveInput>(text)
                    .unwrap_or_else(|e| panic!("{e}: {text:?}"));
                total += 1;
            }
        }
        assert_eq!(total, 11);
    }

    #[test]
    fn real_looking_item_names() {
        let names: Vec<String> = REAL_LOOKING
            .iter()
            .flat_map(|src| {
                scan(src).items.into_iter().map(move |it| {
                    syn::parse_str::<syn::DeriveInput>(&src[it.start..it.end])
                        .unwrap()
                        .ident
                        .to_string()
                })
            })
            .collect();
        assert_eq!(
            names,
            [
                "User", "Local", "Shape", "Bits", "Tuple", "Unit", "Gen", "Arr", "Nested", "Inner",
                "Error"
            ]
        );
    }
}
