//! The one lexer of Rust text. Its primitives say where a comment, string,
//! raw string or character literal that starts at a byte ends, and what
//! starts an identifier; the pre-scan ([`super::prescan`]) jumps between the
//! bytes that matter with `memchr` and calls them, and [`lex`] turns one
//! item's text into tokens for the fast reader with the same primitives,
//! checking on top what proc-macro2 would refuse (then the reader declines).
//!
//! The primitives never panic; on unterminated input they say so (`None`)
//! and the lenient callers treat the rest of the text as the literal.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memchr3};

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
pub(crate) use table;

/// Identifier continue bytes (any non-ASCII byte counts: text is UTF-8 and a
/// non-ASCII character in code can only be part of an identifier).
pub(crate) static IDENT: [bool; 256] =
    table!(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80);

/// Identifier start bytes: as [`IDENT`], digits excluded.
pub(crate) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `p` at `/*`: the end of the (nested) block comment; `None` if unterminated.
pub(crate) fn block_comment_end(b: &[u8], p: usize) -> Option<usize> {
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
                return Some(i);
            }
        } else if b[j] == b'/' && next == Some(&b'*') {
            depth += 1;
            i = j + 2;
        } else {
            i = j + 1;
        }
    }
    None
}

/// `i` just after the opening `"`: the end of a cooked string (any escape
/// skipped); `None` if unterminated.
pub(crate) fn cooked_string_end(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(k) = memchr2(b'"', b'\\', &b[i.min(b.len())..]) {
        let j = i + k;
        if b[j] == b'"' {
            return Some(j + 1);
        }
        i = j + 2;
    }
    None
}

/// `i` just after the `r` of a raw string (at its `#`s or quote): its end;
/// `None` if it is not one or is unterminated.
pub(crate) fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut q = i;
    while q < b.len() && b[q] == b'#' {
        q += 1;
    }
    if b.get(q) != Some(&b'"') {
        return None;
    }
    let hashes = q - i;
    let mut k = q + 1;
    while let Some(at) = memchr(b'"', &b[k.min(b.len())..]) {
        let e = k + at + 1;
        if b[e..].len() >= hashes && b[e..e + hashes].iter().all(|&c| c == b'#') {
            return Some(e + hashes);
        }
        k = e;
    }
    None
}

/// `p` at `"`: the end of the string it opens, raw (`r#"`, `br"`, `cr"`,
/// seen by looking back from the quote) or cooked; the text's end if
/// unterminated.
pub(crate) fn string_end_at_quote(b: &[u8], p: usize) -> usize {
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
            return raw_string_end(b, q).unwrap_or(b.len());
        }
    }
    cooked_string_end(b, p + 1).unwrap_or(b.len())
}

/// What a `'` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quote {
    /// A character literal ending at this offset.
    Char(usize),
    /// A lifetime or label (or a stray quote): only the `'` is lexed.
    Tick,
}

/// `p` at `'`: a character literal or the tick of a lifetime/label.
pub(crate) fn quote(b: &[u8], p: usize) -> Quote {
    let Some(&c) = b.get(p + 1) else {
        return Quote::Tick;
    };
    if c == b'\\' {
        // `'\n'`, `'\''`, `'\u{1F600}'`: the closing quote is close by.
        let lim = (p + 16).min(b.len());
        if p + 3 <= lim {
            if let Some(k) = memchr(b'\'', &b[p + 3..lim]) {
                return Quote::Char(p + 3 + k + 1);
            }
        }
        return Quote::Tick;
    }
    let len = match c {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    };
    if c != b'\'' && b.get(p + 1 + len) == Some(&b'\'') {
        return Quote::Char(p + 2 + len);
    }
    Quote::Tick
}

/// What starts at a `/`, `"` or `'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lexeme {
    /// `//..` up to (not including) the newline.
    LineComment(usize),
    BlockComment(usize),
    /// A string, raw string or character literal.
    Literal(usize),
    /// Anything else: the byte alone (a `/` operator, a lifetime's tick).
    Byte,
}

/// The lexeme at `p` (a `/`, `"` or `'`), its end clamped to the text.
pub(crate) fn lexeme_at(b: &[u8], p: usize) -> Lexeme {
    match b[p] {
        b'"' => Lexeme::Literal(string_end_at_quote(b, p)),
        b'\'' => match quote(b, p) {
            Quote::Char(end) => Lexeme::Literal(end),
            Quote::Tick => Lexeme::Byte,
        },
        _ => match b.get(p + 1) {
            Some(b'/') => Lexeme::LineComment(memchr(b'\n', &b[p..]).map_or(b.len(), |k| p + k)),
            Some(b'*') => Lexeme::BlockComment(block_comment_end(b, p).unwrap_or(b.len())),
            _ => Lexeme::Byte,
        },
    }
}

/// `s` with each comment replaced by a space (strings kept whole): the text
/// of a type or attribute as the model keeps it.
pub(crate) fn without_comments(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if memchr(b'/', b).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut i) = (0, 0);
    while let Some(k) = memchr3(b'/', b'"', b'\'', &b[i..]) {
        let p = i + k;
        i = match lexeme_at(b, p) {
            Lexeme::LineComment(end) | Lexeme::BlockComment(end) => {
                out.push_str(&s[copied..p]);
                out.push(' ');
                copied = end;
                end
            }
            Lexeme::Literal(end) => end,
            Lexeme::Byte => p + 1,
        };
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// Token kinds, as proc-macro2 lexes them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum K {
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
pub(crate) enum L {
    /// `"..."` with no escapes, carriage returns or suffix.
    Str,
    /// Any other string literal (`"\n"`, `r"..."`).
    OtherStr,
    /// A number: any integer or float.
    Number,
    /// Chars, bytes, byte strings.
    Other,
}

/// One token of an item's text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub(crate) k: K,
    /// The punct character, the open/close delimiter, `b'l'`/`b'b'` for a
    /// line/block doc comment.
    pub(crate) ch: u8,
    /// Punct: followed directly by another punct (proc-macro2's `Joint`).
    pub(crate) joint: bool,
    pub(crate) lit: L,
    /// Byte range in the item text. For a doc comment: its content.
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Open: index of the matching Close. Doc: where the comment starts.
    pub(crate) aux: u32,
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

/// Lexes `s` into `toks` as proc-macro2 would; `None` on anything it does not
/// handle (then syn reads the item and reports what is wrong). `used_syn` is
/// set when a non-ASCII identifier had to be checked with proc-macro2.
pub(crate) fn lex(
    s: &str,
    toks: &mut Vec<Tok>,
    stack: &mut Vec<u32>,
    used_syn: &mut bool,
) -> Option<()> {
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
        i = match c {
            b'\t' | b'\r' | 0x0b | 0x0c => i + 1,
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => comment(b, i, toks)?,
            b'"' => {
                let e = no_suffix(b, cooked_string_end(b, i + 1)?)?;
                let mut t = Tok::new(K::Lit, i, e);
                t.lit = if escapes_ok(&b[i + 1..e - 1])? {
                    L::Str
                } else {
                    L::OtherStr
                };
                toks.push(t);
                e
            }
            b'\'' => quoted(b, i, toks)?,
            b'0'..=b'9' => {
                let e = number(b, i)?;
                let mut t = Tok::new(K::Lit, i, e);
                t.lit = L::Number;
                toks.push(t);
                e
            }
            b'(' | b'[' | b'{' => {
                if c == b'(' && b[i..].starts_with(b"(/*ERROR*/)") {
                    return None;
                }
                stack.push(toks.len() as u32);
                let mut t = Tok::new(K::Open, i, i + 1);
                t.ch = c;
                toks.push(t);
                i + 1
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
                i + 1
            }
            _ if is_ident_start(c) => word(s, i, toks, used_syn)?,
            _ if is_punct_char(c) => {
                let mut t = Tok::new(K::Punct, i, i + 1);
                t.ch = c;
                t.joint = b.get(i + 1).is_some_and(|&d| {
                    is_punct_char(d)
                        && !(d == b'/' && matches!(b.get(i + 2), Some(b'/') | Some(b'*')))
                });
                toks.push(t);
                i + 1
            }
            _ => return None,
        };
    }
    stack.is_empty().then_some(())
}

/// `i` at `//` or `/*`: skips the comment, keeping outer doc comments as
/// tokens; inner doc comments and carriage returns in docs decline.
fn comment(b: &[u8], i: usize, toks: &mut Vec<Tok>) -> Option<usize> {
    let n = b.len();
    if b[i + 1] == b'/' {
        let e = memchr(b'\n', &b[i..]).map_or(n, |k| i + k);
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
            if memchr(b'\r', &b[i + 3..cend]).is_some() {
                return None;
            }
            let mut t = Tok::new(K::Doc, i + 3, cend);
            t.ch = b'l';
            t.aux = i as u32;
            toks.push(t);
        }
        return Some(e);
    }
    if b[i..].starts_with(b"/**/") {
        return Some(i + 4);
    }
    let e = block_comment_end(b, i)?;
    if b.get(i + 2) == Some(&b'!') {
        return None;
    }
    if b.get(i + 2) == Some(&b'*') && b.get(i + 3) != Some(&b'*') {
        if memchr(b'\r', &b[i + 3..e - 2]).is_some() {
            // Carriage returns: let syn judge.
            return None;
        }
        let mut t = Tok::new(K::Doc, i + 3, e - 2);
        t.ch = b'b';
        t.aux = i as u32;
        toks.push(t);
    }
    Some(e)
}

/// `i` at `'`: a character literal, or a lifetime (raw and non-ASCII ones
/// decline).
fn quoted(b: &[u8], i: usize, toks: &mut Vec<Tok>) -> Option<usize> {
    if let Quote::Char(e) = quote(b, i) {
        char_ok(&b[i + 1..e - 1])?;
        let e = no_suffix(b, e)?;
        toks.push(Tok::new(K::Lit, i, e));
        return Some(e);
    }
    let start = i + 1;
    if !(start < b.len() && is_ident_start(b[start])) {
        return None;
    }
    let mut e = start;
    while e < b.len() && IDENT[b[e] as usize] {
        e += 1;
    }
    if !b[start..e].is_ascii() || matches!(b.get(e), Some(b'\'' | b'#')) {
        return None;
    }
    toks.push(Tok::new(K::Lifetime, i, e));
    Some(e)
}

/// `i` at an identifier start: a literal with a prefix (`r"`, `b"`, `b'`),
/// a raw identifier or an identifier.
fn word(s: &str, i: usize, toks: &mut Vec<Tok>, used_syn: &mut bool) -> Option<usize> {
    let b = s.as_bytes();
    let rest = &b[i..];
    if rest.starts_with(b"r\"") || rest.starts_with(b"r#\"") || rest.starts_with(b"r##") {
        let e = raw_string_end(b, i + 1)?;
        // More than 255 `#`s, or a lone carriage return: let syn judge.
        if rest[1..].iter().take_while(|&&c| c == b'#').count() > 255 || lone_cr(&b[i..e]) {
            return None;
        }
        let e = no_suffix(b, e)?;
        let mut t = Tok::new(K::Lit, i, e);
        t.lit = L::OtherStr;
        toks.push(t);
        return Some(e);
    }
    if rest.starts_with(b"b\"") || rest.starts_with(b"b'") {
        let e = if rest[1] == b'"' {
            let e = cooked_string_end(b, i + 2)?;
            escapes_ok(&b[i + 2..e - 1])?;
            e
        } else {
            match quote(b, i + 1) {
                Quote::Char(e) => {
                    char_ok(&b[i + 2..e - 1])?;
                    e
                }
                Quote::Tick => return None,
            }
        };
        if !b[i..e].is_ascii() {
            return None;
        }
        let e = no_suffix(b, e)?;
        toks.push(Tok::new(K::Lit, i, e));
        return Some(e);
    }
    if [&b"br\""[..], b"br#", b"c\"", b"cr\"", b"cr#"]
        .iter()
        .any(|p| rest.starts_with(p))
    {
        return None;
    }
    let s0 = if rest.starts_with(b"r#") { i + 2 } else { i };
    let mut e = s0;
    while e < b.len() && IDENT[b[e] as usize] {
        e += 1;
    }
    if e == s0 || b[s0].is_ascii_digit() {
        return None;
    }
    let word = &s[s0..e];
    if s0 > i && matches!(word, "_" | "super" | "self" | "Self" | "crate") {
        return None;
    }
    if !word.is_ascii() {
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
    Some(e)
}

/// A carriage return not followed by a newline.
fn lone_cr(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(k) = memchr(b'\r', &b[i..]) {
        if b.get(i + k + 1) != Some(&b'\n') {
            return true;
        }
        i += k + 1;
    }
    false
}

/// The content of a cooked string: `Some(simple)` (no escape, no carriage
/// return) when proc-macro2's checks of the common escapes pass; `None` for
/// others (then syn judges).
fn escapes_ok(content: &[u8]) -> Option<bool> {
    let mut simple = true;
    let mut i = 0;
    while let Some(k) = memchr2(b'\\', b'\r', &content[i..]) {
        let j = i + k;
        simple = false;
        let next = content.get(j + 1);
        let ok = if content[j] == b'\r' {
            next == Some(&b'\n')
        } else {
            matches!(next, Some(b'n' | b'r' | b't' | b'\\' | b'\'' | b'"' | b'0'))
        };
        if !ok {
            return None;
        }
        i = j + 2;
    }
    Some(simple)
}

/// The content of a character literal: one character or a common escape.
fn char_ok(content: &[u8]) -> Option<()> {
    match content {
        [b'\\', b'n' | b'r' | b't' | b'\\' | b'0' | b'\'' | b'"'] => Some(()),
        [b'\\', ..] => None,
        _ => Some(()),
    }
}

/// Literal suffixes are declined; `e` is returned when none follows.
fn no_suffix(b: &[u8], e: usize) -> Option<usize> {
    match b.get(e) {
        Some(&c) if IDENT[c as usize] => None,
        _ => Some(e),
    }
}

/// `i` at a digit: the end of the number literal, as proc-macro2's `float`
/// then `int` would lex it (an ASCII suffix included).
fn number(b: &[u8], i: usize) -> Option<usize> {
    let mut e = match float_digits(b, i) {
        Some(e) => e,
        None => digits(b, i)?,
    };
    let suffix = e;
    if e < b.len() && is_ident_start(b[e]) {
        while e < b.len() && IDENT[b[e] as usize] {
            e += 1;
        }
    }
    if !b[suffix..e].is_ascii() {
        return None;
    }
    no_suffix(b, e)
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
                    .is_some_and(|&c| c == b'.' || is_ident_start(c))
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
    let base: u8 = match b.get(i..i + 2) {
        Some(b"0x") => 16,
        Some(b"0o") => 8,
        Some(b"0b") => 2,
        _ => 10,
    };
    if base != 10 {
        i += 2;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_dropped_strings_kept() {
        assert_eq!(without_comments("Vec<u8>"), "Vec<u8>");
        assert_eq!(without_comments("Vec</* a */ u8> // b"), "Vec<  u8>  ");
        assert_eq!(
            without_comments("x(a = \"http://e\", b = r#\"/*\"#)"),
            "x(a = \"http://e\", b = r#\"/*\"#)"
        );
        assert_eq!(without_comments("a /* /* */ */b"), "a  b");
    }

    #[test]
    fn quotes_tell_chars_from_lifetimes() {
        let at = |s: &str| quote(s.as_bytes(), 0);
        assert_eq!(at("'a'"), Quote::Char(3));
        assert_eq!(at("'\\''"), Quote::Char(4));
        assert_eq!(at("'é'"), Quote::Char(4));
        assert_eq!(at("'a"), Quote::Tick);
        assert_eq!(at("'''"), Quote::Tick);
        assert_eq!(at("'static"), Quote::Tick);
    }

    #[test]
    fn strings_end_where_they_close() {
        let b = br##"r#"a"b"# x"##;
        assert_eq!(raw_string_end(b, 1), Some(8));
        assert_eq!(string_end_at_quote(b, 2), 8);
        assert_eq!(cooked_string_end(b"\"a\\\"b\" x", 1), Some(6));
        assert_eq!(cooked_string_end(b"\"ab", 1), None);
        assert_eq!(block_comment_end(b"/* /* */ */x", 0), Some(11));
        assert_eq!(block_comment_end(b"/* /* */", 0), None);
    }
}
