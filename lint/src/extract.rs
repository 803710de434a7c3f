//! One file in, its items and the findings made while reading them out. The
//! lexical pre-scan finds the items that can hold fields; only those are
//! parsed, each on its own, so a broken function body costs nothing and a
//! broken item hides nothing else.

use collects_grammar::{parse_annotation, Taxonomy, ATTRIBUTE};
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::checks::Finding;
use crate::checks::{self, malformed, unparsable};
use crate::fields::{self, Lines};
use crate::model::{Declared, Field, Item, ItemKind, Position, Span};
use crate::prescan::{self, Directive};

/// What one file yields.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub items: Vec<Item>,
    pub findings: Vec<Finding>,
}

/// Reads the items of one file. `path` is the file as reports name it.
pub fn extract(path: &str, bytes: &[u8], taxonomy: &Taxonomy) -> FileFacts {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = Position::of_offset(
                &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
                e.valid_up_to(),
            );
            let problem = format!(
                "the file is not UTF-8 (invalid byte at line {}, column {})",
                at.line, at.column
            );
            return FileFacts {
                items: Vec::new(),
                findings: vec![unparsable::finding(
                    path,
                    Span { start: at, end: at },
                    &problem,
                )],
            };
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scan = prescan::scan(text);
    let mut facts = FileFacts::default();
    for &line in &scan.malformed_directives {
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
        facts
            .findings
            .push(malformed::directive(path, Span { start, end }));
    }
    let file_allowed: Vec<String> = scan
        .directives
        .iter()
        .filter(|d| d.file_level)
        .flat_map(|d| d.allowed.iter().cloned())
        .collect();
    let mut lines = Lines::new(text);
    let mut fast = fields::Reader::new(path, text, taxonomy);
    let mut used_syn = false;
    for range in &scan.items {
        let source = &text[range.start..range.end];
        // Only an item this long can nest past the limit (see below).
        let too_deep = source.len() > MAX_NESTING && nesting_depth(source) > MAX_NESTING;
        let origin = lines.at(range.start);
        let read = if too_deep {
            None
        } else {
            fast.read(range.start, range.end, &mut lines, &mut facts.findings)
        };
        let item = match read {
            Some(item) => Some(item),
            None => {
                used_syn = true;
                let reader = ItemReader {
                    path,
                    origin,
                    taxonomy,
                };
                if too_deep {
                    let problem =
                        format!("brackets nest more than {MAX_NESTING} deep in this item");
                    let span = Span {
                        start: origin,
                        end: origin,
                    };
                    facts
                        .findings
                        .push(unparsable::finding(path, span, &problem));
                    continue;
                }
                reader.parse(source, &mut facts.findings)
            }
        };
        if let Some(mut item) = item {
            item.allowed.extend(file_allowed.iter().cloned());
            apply_directives(&mut item, origin.line, &scan.directives);
            facts.items.push(item);
        }
    }
    // Spans of this thread's parses are no longer needed; without this the
    // parser's source map grows with every file.
    if used_syn || fast.used_syn {
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    facts
}

/// Reads the item `text[range]` with syn only: the item (with the findings
/// made reading it), or `None` when it does not parse. For comparing the two
/// readers (the differential tests and `examples/reader_diff.rs`).
#[doc(hidden)]
pub fn read_with_syn(
    path: &str,
    text: &str,
    range: std::ops::Range<usize>,
    taxonomy: &Taxonomy,
) -> Option<(Item, Vec<Finding>)> {
    let reader = ItemReader {
        path,
        origin: Lines::new(text).at(range.start),
        taxonomy,
    };
    let mut findings = Vec::new();
    let input = syn::parse_str::<syn::DeriveInput>(&text[range]).ok()?;
    let item = reader.item(&input, &mut findings);
    Some((item, findings))
}

/// Reads the item `text[range]` with the lexical reader only: `None` when it
/// declines. For comparing the two readers.
#[doc(hidden)]
pub fn read_lexically(
    path: &str,
    text: &str,
    range: std::ops::Range<usize>,
    taxonomy: &Taxonomy,
) -> Option<(Item, Vec<Finding>)> {
    let mut lines = Lines::new(text);
    let mut findings = Vec::new();
    let item = fields::Reader::new(path, text, taxonomy).read(
        range.start,
        range.end,
        &mut lines,
        &mut findings,
    )?;
    Some((item, findings))
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

/// Directives on the line above an item or field, or among its attributes:
/// they apply to it when the line after them is part of its header.
fn apply_directives(item: &mut Item, item_line: u32, directives: &[Directive]) {
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

/// Turns one parsed item into the model, with positions in the whole file.
pub(crate) struct ItemReader<'a> {
    pub(crate) path: &'a str,
    /// Where the item's text starts in the file.
    pub(crate) origin: Position,
    pub(crate) taxonomy: &'a Taxonomy,
}

impl ItemReader<'_> {
    /// A position in the item's text as a position in the file.
    fn position(&self, at: proc_macro2::LineColumn) -> Position {
        if at.line <= 1 {
            Position {
                line: self.origin.line,
                column: self.origin.column + at.column as u32,
            }
        } else {
            Position {
                line: self.origin.line + at.line as u32 - 1,
                column: at.column as u32 + 1,
            }
        }
    }

    fn span(&self, span: proc_macro2::Span) -> Span {
        Span {
            start: self.position(span.start()),
            end: self.position(span.end()),
        }
    }

    /// Parses the item's text with syn: the item, or a CL0007 finding.
    fn parse(&self, source: &str, findings: &mut Vec<Finding>) -> Option<Item> {
        match syn::parse_str::<syn::DeriveInput>(source) {
            Ok(input) => Some(self.item(&input, findings)),
            Err(e) => {
                let at = self.position(e.span().start());
                let span = Span {
                    start: at,
                    end: self.position(e.span().end()),
                };
                findings.push(unparsable::finding(self.path, span, &e.to_string()));
                None
            }
        }
    }

    fn item(&self, input: &syn::DeriveInput, findings: &mut Vec<Finding>) -> Item {
        let kind = match input.data {
            syn::Data::Struct(_) => ItemKind::Struct,
            syn::Data::Enum(_) => ItemKind::Enum,
            syn::Data::Union(_) => ItemKind::Union,
        };
        let mut item = Item {
            path: self.path.to_string(),
            name: input.ident.to_string(),
            kind,
            span: self.span(input.ident.span()),
            docs: docs(&input.attrs),
            derives_collects: derives_collects(&input.attrs),
            declared: self.declared(&input.attrs, findings),
            fields: Vec::new(),
            allowed: Vec::new(),
        };
        match &input.data {
            syn::Data::Struct(data) => self.fields(None, &data.fields, &mut item.fields, findings),
            syn::Data::Union(data) => {
                let fields = syn::Fields::Named(data.fields.clone());
                self.fields(None, &fields, &mut item.fields, findings)
            }
            syn::Data::Enum(data) => {
                for variant in &data.variants {
                    let name = variant.ident.to_string();
                    self.fields(Some(&name), &variant.fields, &mut item.fields, findings);
                }
            }
        }
        item
    }

    fn fields(
        &self,
        variant: Option<&str>,
        fields: &syn::Fields,
        out: &mut Vec<Field>,
        findings: &mut Vec<Finding>,
    ) {
        for (index, field) in fields.iter().enumerate() {
            let (name, span) = match &field.ident {
                Some(ident) => (unraw(ident), self.span(ident.span())),
                None => (index.to_string(), self.span(field.ty.span())),
            };
            let first_line = field
                .attrs
                .first()
                .map_or(span.start.line, |a| self.span(a.span()).start.line);
            out.push(Field {
                variant: variant.map(str::to_string),
                name,
                ty: crate::model::Type::new(
                    &type_text(&field.ty),
                    crate::model::Shape::of_syn(&field.ty),
                ),
                span,
                first_line,
                docs: docs(&field.attrs),
                serde_rename: serde_rename(&field.attrs),
                attributes: other_attributes(&field.attrs),
                declared: self.declared(&field.attrs, findings),
                allowed: Vec::new(),
            });
        }
    }

    /// Reads `#[collects(..)]`; its mistakes become CL0004/CL0006 findings.
    pub(crate) fn declared(
        &self,
        attrs: &[syn::Attribute],
        findings: &mut Vec<Finding>,
    ) -> Option<Declared> {
        let attr = attrs.iter().find(|a| a.path().is_ident(ATTRIBUTE))?;
        let parsed = parse_annotation(attr, self.taxonomy);
        for error in &parsed.errors {
            findings.push(checks::annotation_error(
                self.path,
                self.span(error.span),
                error,
            ));
        }
        // Even a declaration with mistakes says the author meant to declare:
        // its errors are reported, not an "undeclared" as well.
        let a = parsed.annotation;
        Some(Declared {
            categories: a
                .categories
                .iter()
                .map(|c| (c.path(), self.span(c.span)))
                .collect(),
            purpose: a.purpose.map(|(p, s)| (p, self.span(s))),
            source: a.source.map(|(p, s)| (p, self.span(s))),
            optional: a.optional,
            none_reason: a.none_reason,
            span: self.span(a.span),
        })
    }
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_string).unwrap_or(name)
}

pub(crate) fn docs(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines.join("\n")
}

pub(crate) fn derives_collects(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            let mut found = false;
            let _ = a.parse_nested_meta(|meta| {
                found |= meta
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Collects");
                Ok(())
            });
            found
        })
}

pub(crate) fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if let Ok(value) = meta.value() {
                    if let Ok(lit) = value.parse::<syn::LitStr>() {
                        rename = Some(lit.value());
                    }
                }
            } else if meta.input.peek(syn::Token![=]) {
                let _ = meta.value()?.parse::<syn::Expr>();
            } else if meta.input.peek(syn::token::Paren) {
                let _ = meta.parse_nested_meta(|_| Ok(()));
            }
            Ok(())
        });
    }
    rename
}

pub(crate) fn other_attributes(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| !a.path().is_ident("doc") && !a.path().is_ident(ATTRIBUTE))
        .map(|a| collapse_whitespace(&a.meta.to_token_stream().to_string()))
        .collect()
}

/// The type as written, in rustfmt's spacing: `Option<Vec<u8>>`, `&'a str`.
pub(crate) fn type_text(ty: &syn::Type) -> String {
    collapse_whitespace(&ty.to_token_stream().to_string())
}

/// Token text with spaces only where Rust needs or rustfmt puts them.
pub(crate) fn collapse_whitespace(tokens: &str) -> String {
    let mut out = String::with_capacity(tokens.len());
    let mut before = ' ';
    let mut chars = tokens.chars().peekable();
    while let Some(c) = chars.next() {
        if c != ' ' {
            out.push(c);
            before = c;
            continue;
        }
        let after = chars.peek().copied().unwrap_or(' ');
        let word = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '\'' || ch == '"';
        let keep = (word(before) && word(after))
            || matches!(before, ',' | ';' | '=')
            || after == '='
            || (before == '+' || after == '+');
        if keep {
            out.push(' ');
            before = ' ';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Code;

    fn extract_one(source: &str) -> FileFacts {
        extract("src/lib.rs", source.as_bytes(), &Taxonomy::builtin())
    }

    #[test]
    fn reads_fields_with_positions_types_and_attributes() {
        let facts = extract_one(
            "use x;\n\n/// A person.\n#[derive(Collects)]\npub struct User {\n    /// Where we write.\n    #[serde(rename = \"mail\")]\n    #[collects(Contact::Email, purpose = Account)]\n    pub email: Option<Vec<String>>,\n    r#type: &'static str,\n}\n",
        );
        assert!(facts.findings.is_empty(), "{:?}", facts.findings);
        let item = &facts.items[0];
        assert_eq!(
            (
                item.name.as_str(),
                item.docs.as_str(),
                item.derives_collects
            ),
            ("User", "A person.", true)
        );
        assert_eq!(
            item.span.start,
            Position {
                line: 5,
                column: 12
            }
        );
        let email = &item.fields[0];
        assert_eq!(
            (email.name.as_str(), email.ty.written()),
            ("email", "Option<Vec<String>>")
        );
        assert_eq!(email.span.start, Position { line: 9, column: 9 });
        assert_eq!(email.first_line, 6);
        assert_eq!(email.serde_rename.as_deref(), Some("mail"));
        assert_eq!(email.docs, "Where we write.");
        assert_eq!(
            email.declared.as_ref().unwrap().category_names(),
            ["Contact::Email"]
        );
        assert_eq!(email.attributes, ["serde(rename = \"mail\")"]);
        assert_eq!(
            (item.fields[1].name.as_str(), item.fields[1].ty.written()),
            ("type", "&'static str")
        );
    }

    #[test]
    fn enum_variants_and_tuple_fields_are_fields() {
        let facts = extract_one(
            "enum Event { Login { ip: IpAddr }, Tap(u32, String) }\nstruct Gps(f64, f64);",
        );
        let event = &facts.items[0];
        let names: Vec<_> = event
            .fields
            .iter()
            .map(|f| (f.variant.clone().unwrap(), f.name.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("Login".into(), "ip".into()),
                ("Tap".into(), "0".into()),
                ("Tap".into(), "1".into())
            ]
        );
        assert_eq!(event.display_name(&event.fields[0]), "Event::Login");
        assert_eq!(facts.items[1].fields.len(), 2);
    }

    #[test]
    fn annotation_mistakes_become_findings_at_their_token() {
        let facts = extract_one(
            "struct U {\n    #[collects(Contact::Emial, purpose = Acount)]\n    email: String,\n}",
        );
        let codes: Vec<_> = facts
            .findings
            .iter()
            .map(|f| (f.code, f.span.start))
            .collect();
        assert_eq!(
            codes,
            [
                (
                    Code::UnknownCategory,
                    Position {
                        line: 2,
                        column: 25
                    }
                ),
                (
                    Code::UnknownCategory,
                    Position {
                        line: 2,
                        column: 42
                    }
                ),
            ]
        );
    }

    #[test]
    fn an_item_that_does_not_parse_is_reported_and_the_rest_still_read() {
        let facts = extract_one("struct Broken { email: String,, }\nstruct Fine { phone: String }");
        assert_eq!(facts.items.len(), 1);
        assert_eq!(facts.findings[0].code, Code::Unparsable);
        assert_eq!(facts.findings[0].span.start.line, 1);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_reported() {
        let facts = extract(
            "bad.rs",
            b"struct A { x: u8 }\n\xff\xfe",
            &Taxonomy::builtin(),
        );
        assert_eq!(facts.findings[0].code, Code::Unparsable);
        assert!(facts.findings[0].message.contains("not UTF-8"));
        assert_eq!(facts.findings[0].span.start.line, 2);
    }

    #[test]
    fn directives_among_attributes_apply_to_what_they_precede() {
        let facts = extract_one(
            "use x;\n#[derive(Debug)]\n// collects: allow(undeclared) -- why\nstruct A {\n    #[serde(default)]\n    // collects: allow(mismatch) -- why\n    b: u8,\n}",
        );
        assert_eq!(facts.items[0].allowed, ["undeclared"]);
        assert_eq!(facts.items[0].fields[0].allowed, ["mismatch"]);
    }

    #[test]
    fn directives_allow_checks_on_the_next_line_or_the_whole_file() {
        let facts = extract_one(
            "// collects: allow(mismatch) -- whole file\nuse x;\n// collects: allow(undeclared) -- legacy\nstruct A {\n    // collects: allow(CL0002) -- why\n    b: u8,\n    c: u8,\n}",
        );
        let item = &facts.items[0];
        assert_eq!(item.allowed, ["mismatch", "undeclared"]);
        assert_eq!(item.fields[0].allowed, ["CL0002"]);
        assert!(item.fields[1].allowed.is_empty());
    }
}
