//! Reading Rust: one file in, its items and the findings made while reading
//! them out. The lexical pre-scan ([`prescan`]) finds the items that can
//! hold fields and the comment directives ([`directives`]); each item is read
//! by the fast reader (`reader`) or, when it declines, by syn
//! (`syn_reader`), on its own, so a broken function body costs nothing and
//! a broken item hides nothing else. Both readers share one lexer
//! (`lexer`) and give a field's name, type and attributes as byte ranges
//! of the file, the model's texts being those slices.

pub(crate) mod bodies;
pub mod differential;
pub mod directives;
mod imports;
pub(crate) mod lexer;
mod positions;
pub mod prescan;
mod reader;
mod syn_reader;

use std::ops::Range;

use collects_grammar::Taxonomy;

use crate::checks::unparsable;
use crate::checks::Finding;
use crate::model::{collapse_whitespace, Item, Position, Span};
use positions::Lines;
use syn_reader::SynReader;

/// What one file yields.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub items: Vec<Item>,
    pub findings: Vec<Finding>,
    /// How many macro call bodies had items read from them (`--timings`).
    pub macro_bodies: usize,
    /// The names the file's `use` declarations bring into scope.
    pub imports: Vec<crate::model::Import>,
    /// Whether it prints, logs or panics somewhere ([`prescan::Scan::prints`]):
    /// only then may its function bodies be read.
    pub prints: bool,
    /// The text of its printing calls ([`prescan::Scan::print_calls`]), one
    /// a line: what the leak checks look for their sources' names in before
    /// reading the file again.
    pub print_text: String,
}

/// Whether an item deriving a derive of this name (its last path segment)
/// keeps its enum variants' docs and attributes ([`crate::model::Item::variants`]):
/// the engine keeps them for the derives that write a `Display` from them.
pub type KeepVariants = fn(&str) -> bool;

/// Keeps no item's variants.
pub fn keep_none(_: &str) -> bool {
    false
}

/// Keeps every enum's variants (the reader differential compares them).
fn keep_all(_: &str) -> bool {
    true
}

/// Reads the items of one file. `path` is the file as reports name it.
/// No item keeps its variants (see [`extract_with`]).
pub fn extract(path: &str, bytes: &[u8], taxonomy: &Taxonomy) -> FileFacts {
    extract_with(path, bytes, taxonomy, keep_none)
}

/// Reads the items of one file, the enums deriving what `keep_variants`
/// says with their variants' docs and attributes.
pub fn extract_with(
    path: &str,
    bytes: &[u8],
    taxonomy: &Taxonomy,
    keep_variants: KeepVariants,
) -> FileFacts {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return not_utf8(path, bytes, e.valid_up_to()),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scan = prescan::scan(text);
    let mut facts = FileFacts {
        items: Vec::new(),
        findings: directives::malformed_findings(path, text, &scan.malformed_directives),
        macro_bodies: scan.macro_bodies,
        imports: Vec::new(),
        prints: scan.prints,
        print_text: String::new(),
    };
    if !scan.items.is_empty() {
        for range in &scan.uses {
            imports::read(&text[range.clone()], &mut facts.imports);
        }
    }
    let file_allowed = directives::file_allowed(&scan.directives);
    let mut lines = Lines::new(text);
    let mut fast = reader::Reader::new(path, text, taxonomy, keep_variants);
    let mut used_syn = false;
    for range in &scan.items {
        let source = &text[range.start..range.end];
        let origin = lines.at(range.start);
        // Only an item this long can nest past the limit (see below).
        if source.len() > MAX_NESTING && nesting_depth(source) > MAX_NESTING {
            if range.in_macro {
                continue;
            }
            let problem = format!("brackets nest more than {MAX_NESTING} deep in this item");
            let span = Span {
                start: origin,
                end: origin,
            };
            facts
                .findings
                .push(unparsable::finding(path, span, &problem));
            continue;
        }
        let item = match fast.read(range.start, range.end, &mut lines, &mut facts.findings) {
            Some(item) => Some(item),
            None => {
                used_syn = true;
                let reader = SynReader {
                    path,
                    source,
                    offset: range.start,
                    origin,
                    taxonomy,
                    keep_variants,
                };
                if range.in_macro {
                    // Not necessarily Rust: skipped quietly when syn says no.
                    let input = syn::parse_str::<syn::DeriveInput>(source).ok();
                    input.map(|input| reader.item(&input, &mut facts.findings))
                } else {
                    reader.parse(&mut facts.findings)
                }
            }
        };
        if let Some(mut item) = item {
            item.in_macro = range.in_macro;
            directives::apply(&mut item, origin.line, &file_allowed, &scan.directives);
            item.in_test_module = scan.test_modules.iter().any(|m| m.contains(&range.start));
            facts.items.push(item);
        }
    }
    if facts.prints {
        facts.print_text = print_text(text, &scan.print_calls);
    }
    // Spans of this thread's parses are no longer needed; without this the
    // parser's source map grows with every file.
    if used_syn || fast.used_syn {
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    facts
}

/// The `ranges` of `text`, one a line.
fn print_text(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(ranges.iter().map(|r| r.len() + 1).sum());
    for part in ranges.iter().filter_map(|r| text.get(r.clone())) {
        out.push_str(part);
        out.push('\n');
    }
    out
}

/// A file that is not UTF-8: one CL0007 finding at the first invalid byte.
fn not_utf8(path: &str, bytes: &[u8], valid_up_to: usize) -> FileFacts {
    let at = Position::of_offset(&String::from_utf8_lossy(&bytes[..valid_up_to]), valid_up_to);
    let problem = format!(
        "the file is not UTF-8 (invalid byte at line {}, column {})",
        at.line, at.column
    );
    FileFacts {
        findings: vec![unparsable::finding(
            path,
            Span { start: at, end: at },
            &problem,
        )],
        ..FileFacts::default()
    }
}

/// Reads the item `text[range]` with syn only: the item (with the findings
/// made reading it, every enum with its variants), or `None` when it does
/// not parse. For comparing the two readers ([`differential`]).
#[doc(hidden)]
pub fn read_with_syn(
    path: &str,
    text: &str,
    range: Range<usize>,
    taxonomy: &Taxonomy,
) -> Option<(Item, Vec<Finding>)> {
    let source = &text[range.clone()];
    let reader = SynReader {
        path,
        source,
        offset: range.start,
        origin: Lines::new(text).at(range.start),
        taxonomy,
        keep_variants: keep_all,
    };
    let mut findings = Vec::new();
    let input = syn::parse_str::<syn::DeriveInput>(source).ok()?;
    let item = reader.item(&input, &mut findings);
    Some((item, findings))
}

/// Reads the item `text[range]` with the fast reader only (every enum with
/// its variants): `None` when it declines. For comparing the two readers.
#[doc(hidden)]
pub fn read_lexically(
    path: &str,
    text: &str,
    range: Range<usize>,
    taxonomy: &Taxonomy,
) -> Option<(Item, Vec<Finding>)> {
    let mut lines = Lines::new(text);
    let mut findings = Vec::new();
    let item = reader::Reader::new(path, text, taxonomy, keep_all).read(
        range.start,
        range.end,
        &mut lines,
        &mut findings,
    )?;
    Some((item, findings))
}

/// The text of a type from its source slice: comments dropped
/// ([`crate::model::Type::new`] collapses the whitespace).
pub(crate) fn type_source(slice: &str) -> std::borrow::Cow<'_, str> {
    lexer::without_comments(slice)
}

/// The text of an attribute (without `#[ ]`) from its source slice:
/// comments dropped, whitespace collapsed.
pub(crate) fn attribute_text(slice: &str) -> String {
    collapse_whitespace(&lexer::without_comments(slice))
}

/// Items nested deeper than this are not handed to syn: its recursive descent
/// overflows even the parser threads' 256 MB stack, at about 90,000 levels
/// in a release build and 8,000 in a debug one, which kills the whole run.
/// Found while fuzzing (docs/fuzzing.md); no real code comes near it.
const MAX_NESTING: usize = 5_000;

/// The deepest nesting of `(`, `[`, `{` and `<` in `text`, counting brackets
/// in strings and comments too: an over-estimate, which is fine so far above
/// anything real.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'(' | b'[' | b'{' | b'<' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' | b'>' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests;
