//! Comment directives: `// collects: allow(undeclared, CL0002) -- why`. The
//! pre-scan finds the `//` comments that hold them (outside macro bodies and
//! attributes); this module reads them and applies them to the items and
//! fields they precede, or to the whole file.

use memchr::memchr;

use super::lexer::is_ws;
use crate::checks::Finding;
use crate::model::{Item, Position, Span};

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

/// What a plain `//` comment says.
pub(crate) enum Reading {
    /// Not meant as a directive.
    NotOne,
    Directive {
        allowed: Vec<String>,
        reason: Option<String>,
    },
    /// Starts like one (`// collects:` or `// collects allow`) but does not
    /// parse: the caller warns.
    Malformed,
}

/// Reads the text of a `//` comment after its slashes.
pub(crate) fn read(comment: &[u8]) -> Reading {
    let Some(rest) = trim(comment).strip_prefix(b"collects") else {
        return Reading::NotOne;
    };
    let intended = rest.first() == Some(&b':')
        || (rest.first().is_some_and(|&c| is_ws(c)) && trim(rest).starts_with(b"allow"));
    if !intended {
        return Reading::NotOne;
    }
    match parse(rest) {
        Some((allowed, reason)) => Reading::Directive { allowed, reason },
        None => Reading::Malformed,
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
fn parse(rest: &[u8]) -> Option<(Vec<String>, Option<String>)> {
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

/// The checks allowed for the whole file.
pub(crate) fn file_allowed(directives: &[Directive]) -> Vec<String> {
    directives
        .iter()
        .filter(|d| d.file_level)
        .flat_map(|d| d.allowed.iter().cloned())
        .collect()
}

/// Applies the file's directives to one item read from it, whose text starts
/// on `item_line`: the file-level ones (`file_allowed`), then those on the
/// line above the item or a field, or among its attributes (they apply when
/// the line after them is part of its header).
pub(crate) fn apply(
    item: &mut Item,
    item_line: u32,
    file_allowed: &[String],
    directives: &[Directive],
) {
    item.allowed.extend(file_allowed.iter().cloned());
    for directive in directives.iter().filter(|d| !d.file_level) {
        let target = directive.line + 1;
        if (item_line..=item.span.start.line).contains(&target) {
            item.allowed.extend(directive.allowed.iter().cloned());
        }
        for field in item
            .fields
            .iter_mut()
            .filter(|f| (f.first_line..=f.span.start.line).contains(&target))
        {
            field.allowed.extend(directive.allowed.iter().cloned());
        }
    }
}

/// The CL0006 findings of the malformed directives on `lines` of `text`,
/// each spanning the comment.
pub(crate) fn malformed_findings(path: &str, text: &str, lines: &[u32]) -> Vec<Finding> {
    lines
        .iter()
        .map(|&line| {
            let line_text = text.lines().nth(line as usize - 1).unwrap_or_default();
            let column = line_text
                .find("//")
                .map_or(0, |i| line_text[..i].chars().count());
            let start = Position {
                line,
                column: column as u32 + 1,
            };
            let end = Position {
                line,
                column: line_text.chars().count() as u32 + 1,
            };
            crate::checks::malformed::directive(path, Span { start, end })
        })
        .collect()
}
