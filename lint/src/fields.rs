//! The item reader: turns the text of one struct/enum/union item (a range
//! found by [`crate::prescan`]) into a [`model::Item`](crate::model::Item)
//! without syn, by lexing it the way proc-macro2 does and reading the
//! grammar syn would apply, for the shapes real code uses.
//!
//! It gives exactly what the syn reader in [`crate::extract`] gives (the
//! differential tests below and `examples/reader_diff.rs` check this), or
//! declines: whenever it meets something it does not fully understand —
//! a lexing oddity, a shape of type, bound or generic parameter outside its
//! subset, a macro, unbalanced brackets — it returns `None` and the caller
//! parses the whole item with syn, which also reports broken items.
//!
//! Between those two, syn is used for small pieces only: a field type the
//! fast type reader does not cover (`syn::Type` on the type's text alone), an
//! enum discriminant that is not a literal or path (`syn::Expr`), an attribute
//! whose arguments are unusual, and every `#[collects(..)]` attribute, whose
//! grammar is read by `collects_grammar` from a `syn::Attribute` parsed from
//! that attribute's text, with positions offset so its findings keep their
//! spans.

use collects_grammar::{Taxonomy, ATTRIBUTE};

use crate::checks::Finding;
use crate::extract::{self, ItemReader};
use crate::model::{Declared, Field, Item, ItemKind, Position, Span};
use crate::prescan::IDENT;

/// Token kinds, as proc-macro2 lexes them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Ident,
    Lifetime,
    Lit,
    Punct,
    Open,
    Close,
    /// An outer doc comment (`///` or `/** */`).
    Doc,
}

/// Literal kinds, for the few places that read a literal's value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum L {
    /// `"..."` with no escapes, carriage returns or suffix.
    Str,
    /// Any other string literal (`"\n"`, `r"..."`, with a suffix).
    OtherStr,
    /// A number without suffix issues: any integer or float.
    Number,
    /// Chars, bytes, byte strings.
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    k: K,
    /// The punct character, the open/close delimiter, `b'l'`/`b'b'` for a
    /// line/block doc comment.
    ch: u8,
    /// Punct: followed directly by another punct (proc-macro2's `Joint`).
    joint: bool,
    lit: L,
    /// Byte range in the item text. For a doc comment: its content.
    start: u32,
    end: u32,
    /// Open: index of the matching Close. Doc: where the comment starts.
    aux: u32,
}

impl Tok {
    fn new(k: K, start: usize, end: usize) -> Tok {
        Tok {
            k,
            ch: 0,
            joint: false,
            lit: L::Other,
            start: start as u32,
            end: end as u32,
            aux: 0,
        }
    }
}

/// Punct characters proc-macro2 knows (`'` included, for jointness).
fn is_punct_char(b: u8) -> bool {
    matches!(
        b,
        b'~' | b'!'
            | b'@'
            | b'#'
            | b'$'
            | b'%'
            | b'^'
            | b'&'
            | b'*'
            | b'-'
            | b'='
            | b'+'
            | b'|'
            | b';'
            | b':'
            | b','
            | b'<'
            | b'.'
            | b'>'
            | b'/'
            | b'?'
            | b'\''
    )
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
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

// ----- lexer ---------------------------------------------------------------

/// Lexes `s` into `toks` as proc-macro2 would; `None` on anything it does not
/// handle (then syn reads the item and reports what is wrong). `used_syn` is
/// set when a non-ASCII identifier had to be checked with proc-macro2.
fn lex(s: &str, toks: &mut Vec<Tok>, stack: &mut Vec<u32>, used_syn: &mut bool) -> Option<()> {
    let b = s.as_bytes();
    let n = b.len();
    toks.clear();
    stack.clear();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c == b' ' || c == b'\n' {
            // Runs of indentation, cheaper than the dispatch below.
            i += 1;
            while i < n && matches!(b[i], b' ' | b'\n') {
                i += 1;
            }
            continue;
        }
        match c {
            b'\t' | b'\r' | 0x0b | 0x0c => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let e = memchr::memchr(b'\n', &b[i..]).map_or(n, |k| i + k);
                let third = b.get(i + 2).copied();
                if third == Some(b'!') {
                    return None;
                }
                if third == Some(b'/') && b.get(i + 3) != Some(&b'/') {
                    let cend = if e < n && e > i + 3 && b[e - 1] == b'\r' {
                        e - 1
                    } else {
                        e
                    };
                    if memchr::memchr(b'\r', &b[i + 3..cend]).is_some() {
                        return None;
                    }
                    let mut t = Tok::new(K::Doc, i + 3, cend);
                    t.ch = b'l';
                    t.aux = i as u32;
                    toks.push(t);
                }
                i = e;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                if b[i..].starts_with(b"/**/") {
                    i += 4;
                    continue;
                }
                let e = block_end(b, i)?;
                if b.get(i + 2) == Some(&b'!') {
                    return None;
                }
                if b.get(i + 2) == Some(&b'*') && b.get(i + 3) != Some(&b'*') {
                    if memchr::memchr(b'\r', &b[i + 3..e - 2]).is_some() {
                        // Carriage returns: let syn judge.
                        return None;
                    }
                    let mut t = Tok::new(K::Doc, i + 3, e - 2);
                    t.ch = b'b';
                    t.aux = i as u32;
                    toks.push(t);
                }
                i = e;
            }
            b'"' => {
                let (e, simple) = cooked_string(b, i + 1)?;
                let e = no_suffix(b, e)?;
                let mut t = Tok::new(K::Lit, i, e);
                t.lit = if simple { L::Str } else { L::OtherStr };
                toks.push(t);
                i = e;
            }
            b'\'' => {
                if let Some(e) = char_lit(b, i + 1) {
                    let e = no_suffix(b, e)?;
                    toks.push(Tok::new(K::Lit, i, e));
                    i = e;
                } else {
                    // A lifetime: `'` then an identifier (raw ones declined).
                    let mut e = i + 1;
                    if !(e < n && is_ident_start(b[e])) {
                        return None;
                    }
                    while e < n && is_ident_continue(b[e]) {
                        e += 1;
                    }
                    if e < n && (b[e] == b'\'' || b[e] == b'#' || b[e] >= 0x80) {
                        return None;
                    }
                    toks.push(Tok::new(K::Lifetime, i, e));
                    i = e;
                }
            }
            b'0'..=b'9' => {
                let e = number(b, i)?;
                let mut t = Tok::new(K::Lit, i, e);
                t.lit = L::Number;
                toks.push(t);
                i = e;
            }
            b'(' | b'[' | b'{' => {
                if c == b'(' && b[i..].starts_with(b"(/*ERROR*/)") {
                    return None;
                }
                stack.push(toks.len() as u32);
                let mut t = Tok::new(K::Open, i, i + 1);
                t.ch = c;
                toks.push(t);
                i += 1;
            }
            b')' | b']' | b'}' => {
                let open = stack.pop()? as usize;
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if toks[open].ch != want {
                    return None;
                }
                toks[open].aux = toks.len() as u32;
                let mut t = Tok::new(K::Close, i, i + 1);
                t.ch = c;
                t.aux = open as u32;
                toks.push(t);
                i += 1;
            }
            _ if is_ident_start(c) || c >= 0x80 => {
                // Literal prefixes first, as proc-macro2 does.
                let rest = &b[i..];
                if rest.starts_with(b"r\"") || rest.starts_with(b"r#\"") || rest.starts_with(b"r##")
                {
                    let e = raw_string(b, i + 1)?;
                    let e = no_suffix(b, e)?;
                    let mut t = Tok::new(K::Lit, i, e);
                    t.lit = L::OtherStr;
                    toks.push(t);
                    i = e;
                    continue;
                }
                if rest.starts_with(b"b\"") {
                    let (e, _) = cooked_string(b, i + 2)?;
                    if !b[i..e].is_ascii() {
                        return None;
                    }
                    let e = no_suffix(b, e)?;
                    toks.push(Tok::new(K::Lit, i, e));
                    i = e;
                    continue;
                }
                if rest.starts_with(b"b'") {
                    let e = char_lit(b, i + 2)?;
                    if !b[i..e].is_ascii() {
                        return None;
                    }
                    let e = no_suffix(b, e)?;
                    toks.push(Tok::new(K::Lit, i, e));
                    i = e;
                    continue;
                }
                if rest.starts_with(b"br\"")
                    || rest.starts_with(b"br#")
                    || rest.starts_with(b"c\"")
                    || rest.starts_with(b"cr\"")
                    || rest.starts_with(b"cr#")
                {
                    return None;
                }
                let mut s0 = i;
                if rest.starts_with(b"r#") {
                    s0 = i + 2;
                }
                let mut e = s0;
                while e < n && IDENT[b[e] as usize] {
                    e += 1;
                }
                let ascii = b[s0..e].is_ascii();
                if e == s0 || b[s0].is_ascii_digit() {
                    return None;
                }
                let word = &s[s0..e];
                if s0 > i && matches!(word, "_" | "super" | "self" | "Self" | "crate") {
                    return None;
                }
                if !ascii {
                    // A non-ASCII identifier: let proc-macro2 say whether it is one.
                    *used_syn = true;
                    let ok = word.parse::<proc_macro2::TokenStream>().is_ok_and(|ts| {
                        let mut it = ts.into_iter();
                        matches!((it.next(), it.next()), (Some(proc_macro2::TokenTree::Ident(id)), None) if id == word)
                    });
                    if !ok {
                        return None;
                    }
                }
                toks.push(Tok::new(K::Ident, i, e));
                i = e;
            }
            _ if is_punct_char(c) => {
                let mut t = Tok::new(K::Punct, i, i + 1);
                t.ch = c;
                t.joint = b.get(i + 1).is_some_and(|&d| {
                    is_punct_char(d)
                        && !(d == b'/' && matches!(b.get(i + 2), Some(b'/') | Some(b'*')))
                });
                toks.push(t);
                i += 1;
            }
            _ => return None,
        }
    }
    if stack.is_empty() {
        Some(())
    } else {
        None
    }
}

/// `p` at `/*`: the end of the (nested) block comment; `None` if unterminated.
fn block_end(b: &[u8], p: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = p;
    let n = b.len();
    while i + 1 < n {
        if b[i] == b'/' && b[i + 1] == b'*' {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// After the opening quote at `i`: the end of a cooked string and whether it
/// is simple (no backslash, no carriage return). Escapes are checked as
/// proc-macro2 checks them, for the common ones; others decline.
fn cooked_string(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut simple = true;
    loop {
        let k = memchr::memchr3(b'"', b'\\', b'\r', &b[i..])?;
        let j = i + k;
        match b[j] {
            b'"' => return Some((j + 1, simple)),
            b'\r' => {
                if b.get(j + 1) != Some(&b'\n') {
                    return None;
                }
                simple = false;
                i = j + 2;
            }
            _ => {
                simple = false;
                match b.get(j + 1)? {
                    b'n' | b'r' | b't' | b'\\' | b'\'' | b'"' | b'0' => i = j + 2,
                    _ => return None,
                }
            }
        }
    }
}

/// After `r` at `i`: the end of a raw string (`#`s, quote, text, quote, `#`s).
fn raw_string(b: &[u8], i: usize) -> Option<usize> {
    let mut q = i;
    while q < b.len() && b[q] == b'#' {
        q += 1;
    }
    let hashes = q - i;
    if hashes > 255 || b.get(q) != Some(&b'"') {
        return None;
    }
    let mut k = q + 1;
    loop {
        let j = k + memchr::memchr2(b'"', b'\r', &b[k..])?;
        if b[j] == b'\r' {
            if b.get(j + 1) != Some(&b'\n') {
                return None;
            }
            k = j + 2;
            continue;
        }
        let e = j + 1;
        if b.len() >= e + hashes && b[e..e + hashes].iter().all(|&c| c == b'#') {
            return Some(e + hashes);
        }
        k = e;
    }
}

/// After the opening `'` at `i`: the end of a char literal, if it is one.
fn char_lit(b: &[u8], i: usize) -> Option<usize> {
    let c = *b.get(i)?;
    let after = if c == b'\\' {
        match b.get(i + 1)? {
            b'n' | b'r' | b't' | b'\\' | b'0' | b'\'' | b'"' => i + 2,
            _ => return None,
        }
    } else {
        let len = match c {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            0x80.. => return None,
            _ => 1,
        };
        i + len
    };
    (b.get(after) == Some(&b'\'')).then_some(after + 1)
}

/// Literal suffixes are declined; `e` is returned when none follows.
fn no_suffix(b: &[u8], e: usize) -> Option<usize> {
    match b.get(e) {
        Some(&c) if is_ident_continue(c) || c >= 0x80 => None,
        _ => Some(e),
    }
}

/// `i` at a digit: the end of the number literal, as proc-macro2's `float`
/// then `int` would lex it (suffix included).
fn number(b: &[u8], i: usize) -> Option<usize> {
    let end = match float_digits(b, i) {
        Some(e) => e,
        None => digits(b, i)?,
    };
    suffix_and_break(b, end)
}

fn suffix_and_break(b: &[u8], mut e: usize) -> Option<usize> {
    if e < b.len() && (is_ident_start(b[e]) || b[e] >= 0x80) {
        while e < b.len() && is_ident_continue(b[e]) {
            e += 1;
        }
    }
    match b.get(e) {
        Some(&c) if is_ident_continue(c) || c >= 0x80 => None,
        _ => Some(e),
    }
}

fn float_digits(b: &[u8], i: usize) -> Option<usize> {
    let n = b.len();
    let mut j = i + 1;
    let (mut has_dot, mut has_exp) = (false, false);
    while j < n {
        match b[j] {
            b'0'..=b'9' | b'_' => j += 1,
            b'.' => {
                if has_dot {
                    break;
                }
                if b.get(j + 1)
                    .is_some_and(|&c| c == b'.' || is_ident_start(c) || c >= 0x80)
                {
                    return None;
                }
                j += 1;
                has_dot = true;
            }
            b'e' | b'E' => {
                j += 1;
                has_exp = true;
                break;
            }
            _ => break,
        }
    }
    if !(has_dot || has_exp) {
        return None;
    }
    if has_exp {
        let before_exp = if has_dot { Some(j - 1) } else { None };
        let (mut has_sign, mut has_value) = (false, false);
        while j < n {
            match b[j] {
                b'+' | b'-' => {
                    if has_value {
                        break;
                    }
                    if has_sign {
                        return before_exp;
                    }
                    j += 1;
                    has_sign = true;
                }
                b'0'..=b'9' => {
                    j += 1;
                    has_value = true;
                }
                b'_' => j += 1,
                _ => break,
            }
        }
        if !has_value {
            return before_exp;
        }
    }
    Some(j)
}

fn digits(b: &[u8], mut i: usize) -> Option<usize> {
    let base: u8 = if b[i..].starts_with(b"0x") {
        i += 2;
        16
    } else if b[i..].starts_with(b"0o") {
        i += 2;
        8
    } else if b[i..].starts_with(b"0b") {
        i += 2;
        2
    } else {
        10
    };
    let mut empty = true;
    while i < b.len() {
        let c = b[i];
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            b'_' => {
                if empty && base == 10 {
                    return None;
                }
                i += 1;
                continue;
            }
            _ => break,
        };
        if digit >= base {
            if c.is_ascii_digit() {
                return None;
            }
            break;
        }
        i += 1;
        empty = false;
    }
    (!empty).then_some(i)
}

// ----- positions -------------------------------------------------------------

/// Turns byte offsets of a file into line/column positions, walking forward
/// (offsets are asked for mostly in increasing order).
pub(crate) struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The position of byte `offset` (a char boundary).
    pub(crate) fn at(&mut self, offset: usize) -> Position {
        if offset < self.pos {
            self.line -= count_newlines(&self.text[offset..self.pos]);
            self.line_start = memchr::memrchr(b'\n', &self.text[..offset]).map_or(0, |k| k + 1);
            self.pos = offset;
        } else if offset > self.pos {
            let gap = &self.text[self.pos..offset];
            let newlines = if gap.len() < 256 {
                gap.iter().filter(|&&c| c == b'\n').count() as u32
            } else {
                count_newlines(gap)
            };
            if newlines > 0 {
                self.line += newlines;
                self.line_start = self.pos + memchr::memrchr(b'\n', gap).map_or(0, |k| k + 1);
            }
            self.pos = offset;
        }
        let line = &self.text[self.line_start..offset];
        let chars = if line.is_ascii() {
            line.len()
        } else {
            line.iter().filter(|&&c| (c & 0xC0) != 0x80).count()
        };
        Position {
            line: self.line,
            column: chars as u32 + 1,
        }
    }
}

/// The number of `\n` in `b`, eight bytes at a time: a byte of `w ^ NL` is
/// zero exactly where `w` has a newline, and the classic zero-byte test marks
/// it with its high bit, without carries between bytes. Several times faster
/// than a byte loop (which the compiler does not vectorise here) or one
/// `memchr` call per line.
fn count_newlines(b: &[u8]) -> u32 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    const LO8: u64 = 0x00ff_00ff_00ff_00ff;
    // Per-byte counts of at most 255 words each.
    let lanes = |part: &[u8]| {
        let mut acc = 0u64;
        for w in part.chunks_exact(8) {
            let t = u64::from_le_bytes(w.try_into().unwrap_or_default()) ^ NL;
            acc += (!(((t & LO7) + LO7) | t) & !LO7) >> 7;
        }
        let pairs = (acc & LO8) + ((acc >> 8) & LO8);
        pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48
    };
    let mut n = 0u64;
    let mut blocks = b.chunks_exact(8 * 255);
    for block in blocks.by_ref() {
        n += lanes(block);
    }
    let rest = blocks.remainder();
    let whole = rest.len() / 8 * 8;
    n += lanes(&rest[..whole]);
    n as u32 + rest[whole..].iter().filter(|&&c| c == b'\n').count() as u32
}

// ----- the reader ------------------------------------------------------------

/// Reads items of one file; keeps its buffers between items.
pub(crate) struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    taxonomy: &'a Taxonomy,
    toks: Vec<Tok>,
    stack: Vec<u32>,
    buf: String,
    /// Whether syn (or proc-macro2) was used, so its spans need invalidating.
    pub(crate) used_syn: bool,
}

type Buffers = (Vec<Tok>, Vec<u32>, String);

thread_local! {
    /// The buffers of the thread's last reader, for the next file's.
    static SPARE: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let bufs = (
            std::mem::take(&mut self.toks),
            std::mem::take(&mut self.stack),
            std::mem::take(&mut self.buf),
        );
        SPARE.set(Some(bufs));
    }
}

/// Attributes as the model needs them.
#[derive(Default)]
struct Attrs {
    docs: String,
    derives_collects: bool,
    serde_rename: Option<String>,
    others: Vec<String>,
    declared: Option<Declared>,
    /// Byte offset (in the item) where the first attribute starts.
    first: Option<usize>,
}

/// What attributes are read for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Item,
    Field,
    /// Enum variants: checked, not kept.
    Variant,
}

type R<T> = Option<T>;

impl<'a> Reader<'a> {
    pub(crate) fn new(path: &'a str, text: &'a str, taxonomy: &'a Taxonomy) -> Reader<'a> {
        let (toks, stack, buf) = SPARE.take().unwrap_or_default();
        Reader {
            path,
            text,
            taxonomy,
            toks,
            stack,
            buf,
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
                findings: Vec::new(),
                used_syn: false,
                buf: std::mem::take(&mut self.buf),
            };
            out = p.item();
            self.used_syn |= p.used_syn;
            self.buf = std::mem::take(&mut p.buf);
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
    base: usize,
    lines: &'l mut Lines<'f>,
    path: &'s str,
    taxonomy: &'s Taxonomy,
    findings: Vec<Finding>,
    used_syn: bool,
    buf: String,
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
        let name_tok = i;
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
            derives_collects: attrs.derives_collects,
            declared: attrs.declared,
            fields: Vec::with_capacity(self.count_fields(i, end, kind)),
            allowed: Vec::new(),
        };
        let _ = name_tok;
        match kind {
            ItemKind::Struct => {
                if self.word(i, end, "where") {
                    i = self.where_clause(i, end)?;
                    if self.open(i, end, b'{') {
                        i = self.named(i, None, &mut item.fields)?;
                    } else if self.punct(i, end, b';') {
                        i += 1;
                    } else {
                        return None;
                    }
                } else if self.open(i, end, b'(') {
                    i = self.unnamed(i, None, &mut item.fields)?;
                    if self.word(i, end, "where") {
                        i = self.where_clause(i, end)?;
                    }
                    if !self.punct(i, end, b';') {
                        return None;
                    }
                    i += 1;
                } else if self.open(i, end, b'{') {
                    i = self.named(i, None, &mut item.fields)?;
                } else if self.punct(i, end, b';') {
                    i += 1;
                } else {
                    return None;
                }
            }
            ItemKind::Union => {
                if self.word(i, end, "where") {
                    i = self.where_clause(i, end)?;
                }
                if !self.open(i, end, b'{') {
                    return None;
                }
                i = self.named(i, None, &mut item.fields)?;
            }
            ItemKind::Enum => {
                if self.word(i, end, "where") {
                    i = self.where_clause(i, end)?;
                }
                if !self.open(i, end, b'{') {
                    return None;
                }
                i = self.variants(i, &mut item.fields)?;
            }
        }
        (i == end).then_some(item)
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

    fn named(&mut self, open: usize, variant: Option<&str>, out: &mut Vec<Field>) -> R<usize> {
        let end = self.close_of(open);
        let mut i = open + 1;
        while i < end {
            let (attrs, k) = self.attrs(i, end, Level::Field)?;
            i = self.vis(k, end)?;
            if !self.ident(i, end) {
                return None;
            }
            let name_tok = i;
            i += 1;
            if !self.punct(i, end, b':') {
                return None;
            }
            i += 1;
            let (ty, _, next) = self.field_type(i, end)?;
            let span = self.span_of(name_tok, name_tok);
            let raw = self.text(name_tok);
            let name = raw.strip_prefix("r#").unwrap_or(raw).to_string();
            out.push(self.field(variant, name, ty, span, attrs));
            i = next;
            if i == end {
                break;
            }
            if !self.punct(i, end, b',') {
                return None;
            }
            i += 1;
        }
        Some(end + 1)
    }

    fn unnamed(&mut self, open: usize, variant: Option<&str>, out: &mut Vec<Field>) -> R<usize> {
        let end = self.close_of(open);
        let mut i = open + 1;
        let mut index = 0;
        while i < end {
            let (attrs, k) = self.attrs(i, end, Level::Field)?;
            i = self.vis(k, end)?;
            let (ty, last, next) = self.field_type(i, end)?;
            let span = self.span_of(i, last);
            out.push(self.field(variant, index.to_string(), ty, span, attrs));
            index += 1;
            i = next;
            if i == end {
                break;
            }
            if !self.punct(i, end, b',') {
                return None;
            }
            i += 1;
        }
        Some(end + 1)
    }

    fn field(
        &mut self,
        variant: Option<&str>,
        name: String,
        ty: String,
        span: Span,
        attrs: Attrs,
    ) -> Field {
        let first_line = match attrs.first {
            Some(off) => self.pos(off as u32).line,
            None => span.start.line,
        };
        Field {
            variant: variant.map(str::to_string),
            name,
            ty: crate::model::Type::parse(&ty)
                .unwrap_or_else(|| crate::model::Type::new(&ty, crate::model::Shape::Opaque)),
            span,
            first_line,
            docs: attrs.docs,
            serde_rename: attrs.serde_rename,
            attributes: attrs.others,
            declared: attrs.declared,
            allowed: Vec::new(),
        }
    }

    fn variants(&mut self, open: usize, out: &mut Vec<Field>) -> R<usize> {
        let end = self.close_of(open);
        let mut i = open + 1;
        while i < end {
            let (_, k) = self.attrs(i, end, Level::Variant)?;
            i = self.vis(k, end)?;
            if !self.ident(i, end) {
                return None;
            }
            let name = self.text(i).to_string();
            i += 1;
            if self.open(i, end, b'{') {
                i = self.named(i, Some(&name), out)?;
            } else if self.open(i, end, b'(') {
                i = self.unnamed(i, Some(&name), out)?;
            }
            if self.punct(i, end, b'=') {
                i = self.discriminant(i + 1, end)?;
            }
            if i == end {
                break;
            }
            if !self.punct(i, end, b',') {
                return None;
            }
            i += 1;
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
        let text = &self.s[self.t[i].start as usize..self.t[k - 1].end as usize];
        self.used_syn = true;
        syn::parse_str::<syn::Expr>(text).ok()?;
        Some(k)
    }

    // ----- attributes -----

    /// Outer attributes and doc comments from `i`; returns them read and the
    /// index after them.
    fn attrs(&mut self, mut i: usize, end: usize, level: Level) -> R<(Attrs, usize)> {
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
            if !self.attr(hash, open, close, level, &mut a, &mut doc_lines) {
                self.attr_with_syn(hash, close, level, &mut a, &mut doc_lines)?;
            }
            i = close + 1;
        }
        Some((a, i))
    }

    /// Reads one `#[..]` lexically; false when it is to be read with syn.
    fn attr(
        &mut self,
        hash: usize,
        open: usize,
        close: usize,
        level: Level,
        a: &mut Attrs,
        doc_lines: &mut usize,
    ) -> bool {
        let _ = hash;
        // The path: `::`? ident (`::` ident)*, keywords allowed.
        let mut k = open + 1;
        let leading = self.colon2(k, close);
        if leading {
            k += 2;
        }
        if !(k < close && self.t[k].k == K::Ident) {
            return false;
        }
        let first = k;
        k += 1;
        while self.colon2(k, close) {
            if !(k + 2 < close && self.t[k + 2].k == K::Ident) {
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
        if level == Level::Item {
            if path_is("derive") {
                if let Meta::List(g) = meta {
                    if self.derive_list(g) {
                        a.derives_collects = true;
                    }
                }
            }
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
        // Display as syn would print the meta, then collapsed.
        let mut d = String::new();
        if leading {
            d.push_str("::");
        }
        d.push_str(self.text(first));
        let mut j = first + 1;
        while j < k {
            d.push_str("::");
            d.push_str(self.text(j + 2));
            j += 3;
        }
        match meta {
            Meta::Path => {}
            Meta::List(g) => {
                d.push(' ');
                if !self.display_group(g, &mut d) {
                    return false;
                }
            }
            Meta::Value(v) => {
                d.push_str(" = ");
                d.push_str(self.text(v));
            }
        }
        a.others.push(extract::collapse_whitespace(&d));
        true
    }

    /// proc-macro2's `Display` of the group opening at `g` (source tokens).
    fn display_group(&self, g: usize, d: &mut String) -> bool {
        let close = self.close_of(g);
        let (open_s, close_s) = match self.t[g].ch {
            b'(' => ("(", ")"),
            b'[' => ("[", "]"),
            _ => ("{ ", "}"),
        };
        d.push_str(open_s);
        let mut k = g + 1;
        let mut joint = true;
        while k < close {
            if !joint {
                d.push(' ');
            }
            let t = self.t[k];
            joint = false;
            match t.k {
                K::Ident | K::Lit | K::Lifetime => d.push_str(self.text(k)),
                K::Punct => {
                    d.push(t.ch as char);
                    joint = t.joint;
                }
                K::Open => {
                    if !self.display_group(k, d) {
                        return false;
                    }
                    k = self.close_of(k);
                }
                K::Close | K::Doc => return false,
            }
            k += 1;
        }
        if self.t[g].ch == b'{' && close > g + 1 {
            d.push(' ');
        }
        d.push_str(close_s);
        true
    }

    /// Paths of a `derive(..)` list read as syn's `parse_nested_meta` reads
    /// them: whether one ends in `Collects` before the list stops parsing.
    fn derive_list(&self, g: usize) -> bool {
        let end = self.close_of(g);
        let mut k = g + 1;
        let mut found = false;
        loop {
            let Some((last, next)) = self.meta_path(k, end) else {
                return found;
            };
            found |= self.text(last) == "Collects";
            k = next;
            if k == end || !self.punct(k, end, b',') {
                return found;
            }
            k += 1;
            if k == end {
                return found;
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
        let docs = extract::docs(attrs);
        if attr.path().is_ident("doc") {
            if let syn::Meta::NameValue(nv) = &attr.meta {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(_),
                    ..
                }) = &nv.value
                {
                    push_doc(&mut a.docs, doc_lines, &docs);
                }
            }
        }
        if attr.path().is_ident(ATTRIBUTE) {
            if level != Level::Variant && a.declared.is_none() {
                let origin = self.pos(from as u32);
                let reader = ItemReader {
                    path: self.path,
                    origin,
                    taxonomy: self.taxonomy,
                };
                a.declared = reader.declared(attrs, &mut self.findings);
            }
            return Some(());
        }
        match level {
            Level::Variant => {}
            Level::Item => a.derives_collects |= extract::derives_collects(attrs),
            Level::Field => {
                if let Some(r) = extract::serde_rename(attrs) {
                    a.serde_rename = Some(r);
                }
                a.others.extend(extract::other_attributes(attrs));
            }
        }
        Some(())
    }

    // ----- generics and where clauses -----

    fn generics(&mut self, lt: usize, end: usize) -> R<usize> {
        let mut i = lt + 1;
        loop {
            if self.punct(i, end, b'>') {
                break;
            }
            if i >= end {
                return None;
            }
            match self.t[i].k {
                K::Lifetime => {
                    i += 1;
                    if self.punct(i, end, b':') {
                        i += 1;
                        loop {
                            if i >= end || self.punct(i, end, b',') || self.punct(i, end, b'>') {
                                break;
                            }
                            if self.t[i].k != K::Lifetime {
                                return None;
                            }
                            i += 1;
                            if !self.punct(i, end, b'+') {
                                break;
                            }
                            i += 1;
                        }
                    }
                }
                K::Ident if self.word(i, end, "const") => {
                    i += 1;
                    if !self.ident(i, end) || !self.punct(i + 1, end, b':') {
                        return None;
                    }
                    i = self.ty_fast(i + 2, end, true, 0, &mut String::new())?;
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
                            i = self.bound(i, end, 0, &mut String::new())?.0;
                            if !self.punct(i, end, b'+') {
                                break;
                            }
                            i += 1;
                        }
                    }
                    if self.punct(i, end, b'=') {
                        i = self.ty_fast(i + 1, end, true, 0, &mut String::new())?;
                    }
                }
                _ => return None,
            }
            if self.punct(i, end, b'>') {
                break;
            }
            if !self.punct(i, end, b',') {
                return None;
            }
            i += 1;
        }
        Some(i + 1)
    }

    fn where_clause(&mut self, w: usize, end: usize) -> R<usize> {
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
                i += 2;
                loop {
                    if stop(self, i, true) {
                        break;
                    }
                    if self.t[i].k != K::Lifetime {
                        return None;
                    }
                    i += 1;
                    if !self.punct(i, end, b'+') {
                        break;
                    }
                    i += 1;
                }
            } else {
                if self.word(i, end, "for") {
                    i = self.bound_lifetimes(i, end)?;
                }
                i = self.ty_fast(i, end, true, 0, &mut String::new())?;
                if !self.punct(i, end, b':') || self.colon2(i, end) {
                    return None;
                }
                i += 1;
                loop {
                    if stop(self, i, false) {
                        break;
                    }
                    i = self.bound(i, end, 0, &mut String::new())?.0;
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
    fn bound_lifetimes(&self, f: usize, end: usize) -> R<usize> {
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

    // ----- types -----

    /// The type of a field from `i` up to the next `,` or `end`: its text,
    /// the index of its last token and the index after it.
    fn field_type(&mut self, i: usize, end: usize) -> R<(String, usize, usize)> {
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        if let Some(k) = self.ty_fast(i, end, true, 0, &mut out) {
            if k > i && (k == end || self.punct(k, end, b',')) {
                let ty = out.clone();
                self.buf = out;
                return Some((ty, k - 1, k));
            }
        }
        self.buf = out;
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
        let text = &self.s[self.t[i].start as usize..self.t[k - 1].end as usize];
        self.used_syn = true;
        let ty = syn::parse_str::<syn::Type>(text).ok()?;
        Some((extract::type_text(&ty), k - 1, k))
    }

    /// The fast type reader: the types real code uses, read as syn reads
    /// them, with their text as `type_text` prints them (`out`). `None` when
    /// it does not know (the caller then asks syn).
    fn ty_fast(&self, i: usize, end: usize, plus: bool, depth: u32, out: &mut String) -> R<usize> {
        if i >= end || depth > MAX_DEPTH {
            return None;
        }
        let t = self.t[i];
        match t.k {
            K::Open => {
                let close = self.close_of(i);
                match t.ch {
                    b'(' => {
                        emit(out, "(");
                        let mut k = i + 1;
                        let mut elems = 0;
                        let mut comma = false;
                        while k < close {
                            k = self.ty_fast(k, close, true, depth + 1, out)?;
                            elems += 1;
                            comma = false;
                            if k == close {
                                break;
                            }
                            if !self.punct(k, close, b',') {
                                return None;
                            }
                            emit_sp(out, ",");
                            comma = true;
                            k += 1;
                        }
                        let _ = comma;
                        out.push(')');
                        // `(T) + X` is a trait object syn builds its own way.
                        if elems == 1 && !comma && plus && self.punct(close + 1, end, b'+') {
                            return None;
                        }
                        Some(close + 1)
                    }
                    b'[' => {
                        emit(out, "[");
                        let k = self.ty_fast(i + 1, close, true, depth + 1, out)?;
                        if k == close {
                            out.push(']');
                            return Some(close + 1);
                        }
                        if !self.punct(k, close, b';') {
                            return None;
                        }
                        emit_sp(out, ";");
                        let k = k + 1;
                        if k + 1 == close && self.t[k].lit == L::Number && self.t[k].k == K::Lit {
                            emit_sp(out, self.text(k));
                        } else {
                            // A path: ident (`::` ident)*.
                            let mut j = k;
                            loop {
                                if !self.ident(j, close) {
                                    return None;
                                }
                                emit_sp(out, self.text(j));
                                j += 1;
                                if j == close {
                                    break;
                                }
                                if !self.colon2(j, close) {
                                    return None;
                                }
                                emit_sp(out, "::");
                                j += 2;
                            }
                        }
                        out.push(']');
                        Some(close + 1)
                    }
                    _ => None,
                }
            }
            K::Punct => match t.ch {
                b'&' => {
                    emit_sp(out, "&");
                    let mut k = i + 1;
                    if k < end && self.t[k].k == K::Lifetime {
                        emit_sp(out, self.text(k));
                        k += 1;
                    }
                    if self.word(k, end, "mut") {
                        emit_sp(out, "mut");
                        k += 1;
                    }
                    self.ty_fast(k, end, false, depth + 1, out)
                }
                b'*' => {
                    emit_sp(out, "*");
                    let k = i + 1;
                    if self.word(k, end, "const") {
                        emit_sp(out, "const");
                    } else if self.word(k, end, "mut") {
                        emit_sp(out, "mut");
                    } else {
                        return None;
                    }
                    self.ty_fast(k + 1, end, false, depth + 1, out)
                }
                b'!' => {
                    emit_sp(out, "!");
                    Some(i + 1)
                }
                b':' if self.colon2(i, end) => self.type_path(i, end, plus, depth, out),
                _ => None,
            },
            K::Ident => match self.text(i) {
                "_" => {
                    emit_sp(out, "_");
                    Some(i + 1)
                }
                "dyn" | "impl" => {
                    emit_sp(out, self.text(i));
                    if self.punct(i + 1, end, b'*') {
                        return None;
                    }
                    self.bounds(i + 1, end, plus, depth, out)
                }
                "fn" | "unsafe" | "extern" => self.bare_fn(i, end, depth, out),
                "for" => {
                    let k = self.bound_lifetimes(i, end)?;
                    if !["fn", "unsafe", "extern"]
                        .iter()
                        .any(|w| self.word(k, end, w))
                    {
                        return None;
                    }
                    for j in i..k {
                        emit_sp(out, self.text(j));
                    }
                    self.bare_fn(k, end, depth, out)
                }
                _ => self.type_path(i, end, plus, depth, out),
            },
            _ => None,
        }
    }

    /// A path type, not followed by `!` (a macro) or, where `+` is allowed,
    /// by `+` (a bare trait object).
    fn type_path(
        &self,
        i: usize,
        end: usize,
        plus: bool,
        depth: u32,
        out: &mut String,
    ) -> R<usize> {
        let k = self.path(i, end, depth, out)?;
        if self.punct(k, end, b'!') || (plus && self.punct(k, end, b'+')) {
            return None;
        }
        Some(k)
    }

    /// `::`? segment (`::` segment)*, segments with optional `<..>` arguments.
    fn path(&self, mut i: usize, end: usize, depth: u32, out: &mut String) -> R<usize> {
        if self.colon2(i, end) {
            emit_sp(out, "::");
            i += 2;
        }
        loop {
            if !(i < end && self.t[i].k == K::Ident) {
                return None;
            }
            let w = self.text(i);
            if !(w.starts_with("r#")
                || !is_keyword(w)
                || matches!(w, "self" | "super" | "crate" | "Self"))
            {
                return None;
            }
            emit_sp(out, w);
            i += 1;
            let turbofish = self.colon2(i, end) && self.punct(i + 2, end, b'<');
            if turbofish {
                emit_sp(out, "::");
                i += 2;
            }
            if self.punct(i, end, b'<') {
                if self.t[i].joint && self.punct(i + 1, end, b'=') {
                    return None;
                }
                i = self.generic_args(i, end, depth, out)?;
            }
            if !self.colon2(i, end) {
                return Some(i);
            }
            if self.open(i + 2, end, b'(') {
                return None;
            }
            emit_sp(out, "::");
            i += 2;
        }
    }

    /// `<` args `>`: lifetimes, types, `Name = Type`, number literals.
    fn generic_args(&self, lt: usize, end: usize, depth: u32, out: &mut String) -> R<usize> {
        emit_sp(out, "<");
        let mut i = lt + 1;
        loop {
            if self.punct(i, end, b'>') {
                break;
            }
            if i >= end {
                return None;
            }
            let t = self.t[i];
            if t.k == K::Lifetime {
                if self.punct(i + 1, end, b'+') {
                    return None;
                }
                emit_sp(out, self.text(i));
                i += 1;
            } else if t.k == K::Lit {
                if t.lit != L::Number {
                    return None;
                }
                emit_sp(out, self.text(i));
                i += 1;
            } else if self.ident(i, end) && self.punct(i + 1, end, b'=') {
                emit_sp(out, self.text(i));
                emit_sp(out, "=");
                i = self.ty_fast(i + 2, end, true, depth + 1, out)?;
            } else if t.k == K::Open && t.ch == b'{' {
                return None;
            } else {
                let k = self.ty_fast(i, end, true, depth + 1, out)?;
                // `Name: Bounds` and `Name<..> = ..` are left to syn.
                if self.punct(k, end, b':') || self.punct(k, end, b'=') {
                    return None;
                }
                i = k;
            }
            if self.punct(i, end, b'>') {
                break;
            }
            if !self.punct(i, end, b',') {
                return None;
            }
            emit_sp(out, ",");
            i += 1;
        }
        emit_sp(out, ">");
        Some(i + 1)
    }

    /// `dyn`/`impl` bounds: at least one trait; several only with `plus`.
    fn bounds(
        &self,
        mut i: usize,
        end: usize,
        plus: bool,
        depth: u32,
        out: &mut String,
    ) -> R<usize> {
        let mut traits = 0;
        loop {
            let (k, is_trait) = self.bound(i, end, depth, out)?;
            traits += is_trait as usize;
            i = k;
            if !(plus && self.punct(i, end, b'+')) {
                break;
            }
            emit_sp(out, "+");
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
        (traits > 0).then_some(i)
    }

    /// One bound: a lifetime, or `?`? `for<..>`? path with `Fn(..) -> ..`
    /// sugar. Returns the index after it and whether it is a trait.
    fn bound(&self, i: usize, end: usize, depth: u32, out: &mut String) -> R<(usize, bool)> {
        if depth > MAX_DEPTH || i >= end {
            return None;
        }
        if self.t[i].k == K::Lifetime {
            emit_sp(out, self.text(i));
            return Some((i + 1, false));
        }
        let mut k = i;
        if self.punct(k, end, b'?') {
            emit_sp(out, "?");
            k += 1;
        } else if self.word(k, end, "for") {
            let e = self.bound_lifetimes(k, end)?;
            for j in k..e {
                emit_sp(out, self.text(j));
            }
            k = e;
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
        let before = out.len();
        k = self.path(k, end, depth + 1, out)?;
        if self.open(k, end, b'(') {
            // Parenthesized sugar only on a last segment without `<..>`.
            if out[before..].ends_with('>') {
                return None;
            }
            let close = self.close_of(k);
            emit(out, "(");
            let mut j = k + 1;
            while j < close {
                j = self.ty_fast(j, close, true, depth + 1, out)?;
                if j == close {
                    break;
                }
                if !self.punct(j, close, b',') {
                    return None;
                }
                emit_sp(out, ",");
                j += 1;
            }
            out.push(')');
            k = close + 1;
            if self.arrow(k, end) {
                emit_sp(out, "->");
                k = self.ty_fast(k + 2, end, false, depth + 1, out)?;
            }
        } else if self.colon2(k, end) {
            return None;
        }
        Some((k, true))
    }

    /// `for<..>`-less bare function pointer: `unsafe`? `extern "abi"`? `fn(args) -> ret`.
    fn bare_fn(&self, mut i: usize, end: usize, depth: u32, out: &mut String) -> R<usize> {
        if self.word(i, end, "unsafe") {
            emit_sp(out, "unsafe");
            i += 1;
        }
        if self.word(i, end, "extern") {
            emit_sp(out, "extern");
            i += 1;
            if i < end && self.t[i].k == K::Lit {
                if self.t[i].lit != L::Str {
                    return None;
                }
                emit_sp(out, self.text(i));
                i += 1;
            }
        }
        if !self.word(i, end, "fn") {
            return None;
        }
        emit_sp(out, "fn");
        i += 1;
        if !self.open(i, end, b'(') {
            return None;
        }
        let close = self.close_of(i);
        emit_sp(out, "(");
        let mut j = i + 1;
        while j < close {
            if self.punct(j, close, b'#') || self.punct(j, close, b'.') {
                return None;
            }
            // A named argument: `name: T` (not `name::T`).
            if (self.ident(j, close) || self.word(j, close, "_"))
                && self.punct(j + 1, close, b':')
                && !self.colon2(j + 1, close)
            {
                emit_sp(out, self.text(j));
                emit_sp(out, ":");
                j += 2;
            }
            j = self.ty_fast(j, close, true, depth + 1, out)?;
            if j == close {
                break;
            }
            if !self.punct(j, close, b',') {
                return None;
            }
            emit_sp(out, ",");
            j += 1;
        }
        out.push(')');
        let mut k = close + 1;
        if self.arrow(k, end) {
            emit_sp(out, "->");
            k = self.ty_fast(k + 2, end, false, depth + 1, out)?;
        }
        Some(k)
    }
}

/// Appends a doc line as `extract::docs` joins them.
fn push_doc(docs: &mut String, count: &mut usize, line: &str) {
    if *count > 0 {
        docs.push('\n');
    }
    docs.push_str(line);
    *count += 1;
}

/// Whether `collapse_whitespace` keeps the space between `before` and `after`.
fn keep(before: char, after: char) -> bool {
    let word = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '\'' || ch == '"';
    (word(before) && word(after))
        || matches!(before, ',' | ';' | '=')
        || after == '='
        || before == '+'
        || after == '+'
}

/// Appends a token after a space, as the collapsed token text would have it.
fn emit_sp(out: &mut String, tok: &str) {
    if let (Some(before), Some(after)) = (out.chars().next_back(), tok.chars().next()) {
        if !matches!(before, '(' | '[') && keep(before, after) {
            out.push(' ');
        }
    }
    out.push_str(tok);
}

/// Appends an opening delimiter (spaces before it follow the same rule).
fn emit(out: &mut String, open: &str) {
    emit_sp(out, open);
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = Option<(Item, Vec<Finding>)>;

    /// Reads `src` (one item) both ways; returns (lexical, syn).
    fn both(src: &str) -> (Read, Read) {
        let tax = Taxonomy::builtin();
        let fast = extract::read_lexically("f.rs", src, 0..src.len(), &tax);
        let slow = extract::read_with_syn("f.rs", src, 0..src.len(), &tax);
        (fast, slow)
    }

    /// The lexical reader reads `src` and agrees with syn.
    fn same(src: &str) {
        let (fast, slow) = both(src);
        let syn_ok = slow.is_some();
        let fast = fast.unwrap_or_else(|| panic!("declined (syn reads it: {syn_ok}): {src}"));
        let slow = slow.unwrap_or_else(|| panic!("syn fails: {src}"));
        assert_eq!(format!("{:?}", fast), format!("{:?}", slow), "{src}");
    }

    /// The lexical reader declines `src` (syn then reads or rejects it).
    fn declines(src: &str) {
        let (fast, _) = both(src);
        assert!(fast.is_none(), "read: {src}");
    }

    /// syn rejects `src`; the lexical reader must not accept it.
    fn broken(src: &str) {
        let (fast, slow) = both(src);
        assert!(slow.is_none(), "syn reads: {src}");
        assert!(fast.is_none(), "read broken: {src}");
    }

    #[test]
    fn shapes() {
        same("struct A;");
        same("struct A();");
        same("struct A {}");
        same("pub struct A(pub u8, String);");
        same("struct A { x: u8, y: String, }");
        same("enum E { A, B(u8), C { x: u8 }, }");
        same("enum E {}");
        same("union U { a: u8, b: f32 }");
        same("struct A where T: Copy;");
        same("struct A<T>(T) where T: Copy;");
        same("struct A<T> where T: Copy { t: T }");
        same("enum E<T> where T: Copy { A(T) }");
        same("union U<T: Copy> where T: Clone { a: T }");
        same("enum E { A = 1, B = -2, C = X, D = 1 << 3, E = { 3 }, F = b'a' }");
        same("enum E { #[cfg(x)] A, #[default] B { #[serde(rename = \"y\")] x: u8 } }");
        same("enum E { pub A }");
    }

    #[test]
    fn names_positions_and_visibility() {
        same("struct r#type { r#struct: u8, pub(crate) b: u8, pub(in crate::a) c: u8, pub(self) d: u8, pub(super) e: u8 }");
        same("struct A(pub (crate::A, u8), pub(crate) u8);");
        same(
            "\n\n  /// Doc\n  #[derive(Debug)]\n  pub struct Ä {\n\t é: u8, /** x */ ü: Vec<u8> }",
        );
        same("struct A {\r\n    /// d\r\n    x: u8,\r\n}");
        same("struct A { /* é */ x: u8, /* é */ y: (u8, u16) }");
        same("struct A(/* é */ Vec<u8>, [u8; 4]);");
    }

    #[test]
    fn types() {
        for ty in [
            "u8",
            "Vec<u8>",
            "HashMap<String, Vec<Option<Box<u8>>>>",
            "&'a str",
            "&'static mut [u8]",
            "&&T",
            "*const u8",
            "*mut *mut T",
            "[u8; 32]",
            "[u8; N]",
            "[u8; Self::N]",
            "[[u8; 3]; 2]",
            "[u8; 1 + 2]",
            "[u8; { f(a, b) }]",
            "[u8; size_of::<u64>()]",
            "(u8, u16)",
            "(u8,)",
            "()",
            "(u8)",
            "!",
            "_",
            "fn(u8) -> u8",
            "fn(x: u8, _: u16)",
            "unsafe extern \"C\" fn(*const u8)",
            "extern fn()",
            "for<'a> fn(&'a u8) -> &'a u8",
            "Box<dyn Fn(u8) -> u8 + Send + Sync + 'static>",
            "Box<dyn for<'a> Fn(&'a u8)>",
            "Box<dyn Error + Send + Sync>",
            "Box<dyn Error + 'a>",
            "&'a (dyn Error + Send)",
            "&dyn Fn() -> u8",
            "impl Iterator<Item = u8> + '_",
            "impl Iterator<Item=&'a u8>",
            "Box<dyn Iterator<Item = u8>>",
            "Pin<Box<dyn Future<Output = Result<(), E>> + Send>>",
            "::std::vec::Vec<u8>",
            "crate::a::B",
            "super::B",
            "self::B",
            "Self",
            "Option<Self>",
            "<T as Trait>::Assoc",
            "T::Assoc",
            "Vec::<u8>",
            "Foo<1>",
            "Foo<{ N + 1 }>",
            "Foo<'a, 'b, T>",
            "Foo<N, -1>",
            "Foo<true>",
            "Foo<\"x\">",
            "Foo<A: Clone>",
            "PhantomData<fn() -> T>",
            "PhantomData<*const ()>",
            "Box<Error + Send>",
            "m!(u8)",
            "ty![a, b]",
            "Box<(dyn Any)>",
            "r#type::r#struct",
            "Foo<Bar<Baz<Qux<u8>>>>",
            "Result<(), Box<dyn std::error::Error + Send + Sync + 'static>>",
            "dyn Fn(&mut Vec<u8>) -> Result<(), ()> + Send",
            "Cow<'static, str>",
            "Foo<[u8; 4]>",
            "Arc<Mutex<HashMap<u64, (String, Vec<u8>)>>>",
            "impl ?Sized + Send",
            "Box<dyn ?Sized + Send>",
        ] {
            same(&format!("struct A {{ x: {ty}, y: u8 }}"));
            same(&format!("struct A({ty}, u8);"));
        }
    }

    #[test]
    fn attributes() {
        same("#[derive(Debug, Collects)] struct A;");
        same("#[derive(Debug, collects::Collects)] struct A;");
        same("#[derive(Debug = 1, Collects)] struct A;");
        same("#[derive(::collects::Collects)] struct A;");
        same("#[derive] #[derive = \"x\"] #[derive()] #[derive(r#Collects)] struct A;");
        same("#[cfg_attr(x, derive(Collects))] struct A;");
        same("/// a\n/// b\n/** c */ #[doc = \"d\"] #[doc = r\"e\"] #[doc = \"f\\n\"] #[doc(hidden)] #[doc = concat!(\"g\")] struct A;");
        same("struct A { #[serde(rename = \"mail\")] a: u8 }");
        same("struct A { #[serde(rename = \"a\")] #[serde(default, rename = \"b\")] a: u8 }");
        same("struct A { #[serde(rename(serialize = \"a\"))] a: u8 }");
        same("struct A { #[serde(rename = \"a\", rename(serialize = \"b\"), rename = \"c\")] a: u8 }");
        same("struct A { #[serde(default = \"x\", rename = \"b\")] a: u8 }");
        same(
            "struct A { #[serde(skip_serializing_if = \"Option::is_none\", with = \"x\")] a: u8 }",
        );
        same("struct A { #[serde(rename = 5, rename = \"z\")] a: u8 }");
        same("struct A { #[serde(rename = \"a\\\"b\")] a: u8 }");
        same("struct A { #[serde(rename = r\"ab\")] a: u8 }");
        same("struct A { #[serde(bound(serialize = \"T: X\"), rename = \"r\")] a: u8 }");
        same("struct A { #[serde(rename)] #[serde] #[serde = \"x\"] a: u8 }");
        same("struct A { #[serde(\"lit\", rename = \"x\")] a: u8 }");
        same("struct A { #[serde(a = -1, rename = \"x\")] a: u8 }");
        same("struct A { #[serde[rename = \"x\"]] a: u8 }");
        same("struct A { #[redact] #[sensitive(Secret)] #[metastructure(pii = \"true\")] #[a::b(c)] #[::a] #[x = 1] #[y{ z }] #[q()] #[w{}] a: u8 }");
        same("struct A { #[validate(length(min = 1, max = 10), email)] #[arg(long, default_value_t = 5)] a: u8 }");
        same("struct A { #[attr(a=>b, c==d, e=&f, g+=h, 'a, x='c', \"s  t , u\", 1.0e-5, 0x1F)] a: u8 }");
        same("struct A { #[attr(a = \"[x] ) }\")] a: u8 }");
        same("struct A { #[cfg_attr(feature = \"serde\", serde(rename = \"x\"))] a: u8 }");
        same("struct A { /// doc with ] and \"quotes\"\n #[doc = \"more\"] a: u8 }");
        same("struct A { #[deprecated = \"x\"] #[path = concat!(\"a\")] a: u8 }");
    }

    #[test]
    fn collects_attributes_keep_their_spans() {
        same("#[collects(Contact::Email, purpose = Account)]\nstruct A {\n    #[collects(Contact::Emial, purpose = Acount)]\n    email: String,\n    #[collects(none, reason = \"x\")] #[collects(Contact::Phone)] b: u8,\n    #[collects] c: u8, #[collects = \"x\"] d: u8, #[collects(a::b::c::d)] e: u8\n}");
        same("enum E { A { #[collects(Identity::Name)] n: String }, #[collects(Contact::Email)] B(String) }");
    }

    #[test]
    fn generics_and_where() {
        same("struct A<'a, 'b: 'a, T: Clone + 'a, U = u8, const N: usize = 3, V: ?Sized> { t: &'a T }");
        same("struct A<T: Fn(u8) -> u8, F: for<'a> Fn(&'a u8)> { t: T }");
        same(
            "struct A<T> where T: Clone + Send, for<'a> &'a T: IntoIterator, 'a: 'b + 'c, { t: T }",
        );
        same("struct A<T,> where T: , { t: T }");
        same("struct A<T: Iterator<Item = u8>> { t: T }");
    }

    #[test]
    fn broken_items_are_declined() {
        for src in [
            "struct A { x: u8 y: u8 }",
            "struct A { x u8 }",
            "struct A { x: }",
            "struct A { x: u8,, }",
            "struct A { x: Vec<u8 }",
            "struct A { x: u8 u8 }",
            "struct A { x: &A + B }",
            "struct A { x: dyn 'a }",
            "struct A { x: impl 'a }",
            "struct A { type: u8 }",
            "struct A { r#self: u8 }",
            "struct type;",
            "struct A",
            "struct A { x: u8 } extra",
            "struct A(u8)",
            "struct A(u8) where T: X",
            "struct A { x: fn(u8 }",
            "enum E { A(u8) B }",
            "enum E { A = }",
            "union U(u8);",
            "struct A { #[a b] x: u8 }",
            "struct A { #![a] x: u8 }",
            "struct A { //! x\n x: u8 }",
            "struct A { x: u8 ` }",
            "struct A { x: [u8; ] }",
            "struct A { x: Fn(u8) }",
            "struct A { x: Box<Fn(u8)> }",
            "struct A { x: &'a }",
            "struct A { x: *u8 }",
            "struct A { x: (u8 u8) }",
            "struct A { x: \"abc }",
            "struct A { x: u8 /* }",
            "struct A { x: 'ab' }",
            "struct A { x: 0x }",
            "struct A { x: 1_u8x\u{e9} }",
            "struct A { x: u8 } }",
            "struct A { x: (u8] }",
            "pub(crate struct A;",
            "struct A { x: dyn for<'a> }",
            "struct A { x: Vec<u8>> }",
            "struct A<'a:, 'b> { x: u8, y: u8 u8 }",
        ] {
            broken(src);
        }
    }

    #[test]
    fn unusual_but_valid_items_are_read_or_declined_never_wrong() {
        for src in [
            "struct A { x: m!() }",
            "struct A { _: struct { a: u8 } }",
            "struct A { x: u8 } // trailing",
            "struct A { x: u8 } /* trailing */",
            "/// ok\nstruct A { x: u8 }",
            "struct A { x: Vec<u8>, }",
            "struct A(#[a] u8, /// doc\n u16);",
            "struct A { x: [u8; 0x10], y: [u8; 4usize], z: [u8; 1_000] }",
            "struct A { x: Foo<{ N }>, y: [u8; { N }] }",
            "struct A { x: <Vec<u8> as IntoIterator>::Item }",
            "struct A { x: Foo<Bar<>=u8> }",
            "enum E { A = 'a' as isize, B = foo::<A, B>(), C = |x| x }",
            "struct A { x: fn(...) }",
            "struct A { x: extern \"C\" fn(u8, ...) }",
            "struct A { x: (/*ERROR*/) }",
            "struct A<T> where { }",
            "struct A<T: > { }",
            "struct A { \u{a0}x: u8 }",
            "struct A { x: Foo<'a + Send> }",
            "struct A<#[may_dangle] T> { t: T }",
            "struct A<T> where <T as X>::Y: Z { t: T }",
            "struct A<T: ~const X> { t: T }",
            "struct A<const N: usize = { 2 + 1 }>([u8; N]);",
            "struct A { #[serde(rename = true, rename = \"z\")] a: u8 }",
            "struct A { #[serde(rename = -1, rename = \"z\")] a: u8 }",
        ] {
            let (fast, slow) = both(src);
            if let Some(fast) = fast {
                let slow = slow.unwrap_or_else(|| panic!("read broken: {src}"));
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{src}");
            }
        }
    }

    #[test]
    fn common_items_are_read_lexically() {
        declines("struct A { x: u8 ` }");
        same("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n#[serde(rename_all = \"camelCase\")]\npub struct User {\n    /// The id.\n    pub id: u64,\n    #[serde(rename = \"e-mail\")]\n    pub email: Option<String>,\n    pub tags: Vec<(String, u32)>,\n}");
    }

    #[test]
    fn newlines_are_counted() {
        let mut seed = 7u32;
        let mut random = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            [b'\n', b'\n', 0x0b, 0x8a, 0x09, 0xff, 0x00, b'x'][(seed >> 16) as usize % 8]
        };
        for n in [0, 1, 7, 8, 9, 2039, 2040, 2045, 100_000] {
            let all = vec![b'\n'; n];
            assert_eq!(count_newlines(&all), n as u32);
            let mixed: Vec<u8> = (0..n).map(|_| random()).collect();
            let want = mixed.iter().filter(|&&c| c == b'\n').count() as u32;
            assert_eq!(count_newlines(&mixed), want, "{n}");
        }
    }

    #[test]
    fn positions_walk_both_ways() {
        let text = "ab\ncdé\r\n\nx";
        let mut lines = Lines::new(text);
        let at = |l: &mut Lines, o: usize| {
            let p = l.at(o);
            (p.line, p.column)
        };
        assert_eq!(at(&mut lines, 10), (4, 1));
        assert_eq!(at(&mut lines, 5), (2, 3));
        assert_eq!(at(&mut lines, 1), (1, 2));
        assert_eq!(at(&mut lines, 7), (2, 4));
        assert_eq!(at(&mut lines, 9), (3, 1));
    }

    #[test]
    fn collapse_matches_the_old_definition() {
        for s in [
            "a b",
            "a  b",
            " = a",
            "a , b",
            "\"a  , b\"",
            "Vec < u8 >",
            "x = 'a'",
            "+ +",
            "é ü",
        ] {
            assert_eq!(extract::collapse_whitespace(s), old_collapse(s), "{s:?}");
        }
    }

    fn old_collapse(tokens: &str) -> String {
        let mut out = String::with_capacity(tokens.len());
        let chars: Vec<char> = tokens.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c != ' ' {
                out.push(c);
                continue;
            }
            let before = out.chars().last().unwrap_or(' ');
            let after = chars.get(i + 1).copied().unwrap_or(' ');
            let word = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '\'' || ch == '"';
            let keep = (word(before) && word(after))
                || matches!(before, ',' | ';' | '=')
                || after == '='
                || (before == '+' || after == '+');
            if keep {
                out.push(' ');
            }
        }
        out
    }
}
