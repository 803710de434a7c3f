//! What the linter knows about the code: items, their fields and the
//! declarations on them, with positions. Built per file in parallel, then
//! checked together.

use std::ops::Range;

use serde::Serialize;

mod ty;

pub use ty::{collapse_whitespace, FnShape, Name, Segment, Shape, Type};

/// A 1-based line and column (columns count characters, as rustc does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where something is in a file: from `start` up to (not including) `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    /// The span of the byte range `range` of `text`.
    pub fn from_byte_range(text: &str, range: std::ops::Range<usize>) -> Span {
        Span {
            start: Position::of_offset(text, range.start),
            end: Position::of_offset(text, range.end),
        }
    }
}

impl Position {
    /// The line and column of byte `offset` in `text` (clamped to the text).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() as u32 + 1,
            column: before[line_start..].chars().count() as u32 + 1,
        }
    }

    /// The byte offset of this position in `text`, the inverse of
    /// [`Position::of_offset`]; past the end of its line, the line's end.
    pub fn offset_in(self, text: &str) -> usize {
        let line_start = text
            .split_inclusive('\n')
            .take(self.line.saturating_sub(1) as usize)
            .map(str::len)
            .sum::<usize>();
        let line = text[line_start..].split('\n').next().unwrap_or_default();
        let column = line
            .char_indices()
            .nth(self.column.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i);
        line_start + column
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Struct,
    Enum,
    Union,
}

/// A name a file brings into scope with `use`: `use a::b::C as D;` is `D`
/// from module `a::b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub name: Box<str>,
    pub module: Box<str>,
}

/// A struct, enum or union and everything the checks need to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The file, relative to the scanned root, with `/` separators.
    pub path: String,
    pub name: String,
    pub kind: ItemKind,
    /// The item's name.
    pub span: Span,
    /// The doc comment, lines joined with `\n`.
    pub docs: String,
    /// The last segments of the paths in its `#[derive(..)]` lists, in
    /// order: `Debug`, `Collects`, `Redact` (of `veil::Redact`).
    pub derives: Vec<Name>,
    /// Its other attributes as written, without `#[ ]`: `educe(Debug)`,
    /// `redact(all)`, `serde(..)`. Excludes `doc`, `derive` and `collects`.
    pub attributes: Vec<String>,
    /// Whether it is inside a `#[cfg(test)]` module (or a file that is one).
    pub in_test_module: bool,
    /// `#[collects(..)]` on the type: the default for its fields (boxed:
    /// rare, and 150 bytes in every item otherwise).
    pub declared: Option<Box<Declared>>,
    pub fields: Vec<Field>,
    /// Its enum variants' docs and attributes, kept only when one of its
    /// derives writes a `Display` from them (`#[error("..")]`, a doc
    /// comment); empty otherwise.
    pub variants: Vec<Variant>,
    /// Check names or codes allowed by a comment directive on the item or the file.
    pub allowed: Vec<String>,
    /// Where its declaration and derive list are in the file.
    pub ranges: ItemRanges,
    /// Read from the body of a macro call (`auto_derived!( struct .. )`):
    /// the macro decides what the item becomes, so the fix leaves it alone.
    pub in_macro: bool,
}

/// An enum variant, as far as a derived `Display` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub name: String,
    /// The line of its name.
    pub line: u32,
    /// The doc comment, lines joined with `\n`.
    pub docs: String,
    /// Its attributes as written, without `#[ ]`: `error("..")`,
    /// `display("..")`. Excludes `doc` and `collects`.
    pub attributes: Vec<String>,
}

/// Byte offsets of an item's parts in the file's text (after a BOM): where
/// `cargo collects fix` adds `Collects` to the derives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemRanges {
    /// Where the declaration starts after the attributes: `pub` or `struct`.
    pub start: usize,
    /// Where the last path of the last `#[derive(..)]` list ends; `None`
    /// when the item derives nothing.
    pub derive_end: Option<usize>,
}

/// A field of a struct, union or enum variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// `Some("Variant")` for the field of an enum variant.
    pub variant: Option<String>,
    /// The field's name, or its index (`"0"`) in a tuple struct or variant.
    pub name: String,
    /// The type: as written (whitespace collapsed, comments dropped) and
    /// its structure.
    pub ty: Type,
    /// The field's name, or its type for a tuple field.
    pub span: Span,
    /// The line the field starts on, its attributes included (for directives).
    pub first_line: u32,
    pub docs: String,
    /// `#[serde(rename = "..")]`, when given.
    pub serde_rename: Option<String>,
    /// Other attributes as written, without `#[ ]`: `redact`, `sensitive(Secret)`,
    /// `metastructure(pii = "true")`, `serde(..)`. Excludes `doc` and `collects`.
    pub attributes: Vec<String>,
    /// The field's own `#[collects(..)]` (boxed: rare, and 150 bytes in
    /// every field otherwise).
    pub declared: Option<Box<Declared>>,
    /// Check names or codes allowed by a comment directive on the field.
    pub allowed: Vec<String>,
    /// Where its name, type and attributes are in the file.
    pub ranges: FieldRanges,
}

/// Byte ranges of a field's parts in the file's text (after a BOM): the
/// model's texts are these slices, never re-printed tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldRanges {
    /// Where the field starts after its attributes: its visibility, name or type.
    pub start: usize,
    /// The name; `None` for a tuple field.
    pub name: Option<Range<usize>>,
    pub ty: Range<usize>,
    /// One per entry of [`Field::attributes`]: the attribute without `#[ ]`.
    pub attributes: Vec<Range<usize>>,
}

impl Item {
    /// Whether one of its derives is named `name` (any path: `derive_more::Debug` is `Debug`).
    pub fn derives(&self, name: &str) -> bool {
        self.derives.iter().any(|d| d.as_str() == name)
    }

    /// How the item of a field is named in reports: `Type` or `Enum::Variant`.
    pub fn display_name(&self, field: &Field) -> String {
        match &field.variant {
            Some(variant) => format!("{}::{variant}", self.name),
            None => self.name.clone(),
        }
    }

    /// The declaration that applies to a field: its own, else the item's.
    pub fn declaration_of<'a>(&'a self, field: &'a Field) -> Option<&'a Declared> {
        field.declared.as_deref().or(self.declared.as_deref())
    }
}

/// A `#[collects(..)]` as read (only its valid parts; errors are findings).
#[derive(Debug, Clone, PartialEq)]
pub struct Declared {
    /// `Group::Item` or `Group`, with where each is written.
    pub categories: Vec<(String, Span)>,
    pub purpose: Option<(String, Span)>,
    pub source: Option<(String, Span)>,
    pub optional: bool,
    /// `Some(reason)` for `#[collects(none, reason = "..")]`.
    pub none_reason: Option<String>,
    /// The whole attribute.
    pub span: Span,
}

impl Declared {
    pub fn category_names(&self) -> Vec<String> {
        self.categories.iter().map(|(c, _)| c.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Position;

    #[test]
    fn byte_offsets_count_characters_within_the_line() {
        let source = "ab\nçd e\n";
        let offset = |line, column| Position { line, column }.offset_in(source);
        assert_eq!(offset(1, 1), 0);
        assert_eq!(offset(2, 2), 5);
        assert_eq!(offset(2, 99), 8);
        assert_eq!(offset(9, 1), source.len());
        for at in [0, 3, 5, 6] {
            assert_eq!(Position::of_offset(source, at).offset_in(source), at);
        }
    }
}
