//! What a derived `Display` prints: for each struct or enum variant of an
//! item whose derive writes its `Display` from a format string (`leaks.toml`'s
//! `[[display]]`: thiserror's `#[error("..")]`, derive_more's
//! `#[display("..")]`, displaydoc's doc comment, ..), the fields its format
//! names and how it formats them. The attributes and docs are the item
//! reader's (it keeps an enum's variants only for these derives); the
//! format string and its arguments are read by the body reader's
//! `format_args!` reading, so both say the same of `{email}`, `{0:?}`, `{}`.

use proc_macro2::{Delimiter, Literal, Punct, Spacing, TokenStream, TokenTree};

use super::data::{attribute_name, matches_any, DisplayDerive, Forward, LeakData};
use crate::model::{Field, Import, Item, ItemKind};
use crate::source::bodies::{format_printed, split_top_level, How};

/// The format of one struct or variant and the fields it prints.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Format {
    /// The variant it is the format of; `None` for a struct's.
    pub variant: Option<String>,
    /// Where it is written, as the evidence names it: `#[error(..)]`,
    /// `its doc comment`, `#[error(transparent)]`, `its one field`.
    pub written: String,
    /// The line of the struct's or variant's name (of the enum's, for a
    /// format written on the enum).
    pub line: u32,
    pub prints: Vec<Shown>,
}

/// A field a format prints.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shown {
    /// Its index in the item's fields.
    pub field: usize,
    /// The fields read from it before printing: `b`, `c` of `{a.b.c}`.
    pub path: Vec<String>,
    pub how: How,
}

/// The formats of `item`'s derived `Display`, if one of its derives writes
/// one; `imports` are its file's (a `use derive_more::Display;` says whose
/// `Display` it derives).
pub(crate) fn formats(item: &Item, imports: &[Import], data: &LeakData) -> Vec<Format> {
    let mut out = Vec::new();
    let mut read: Vec<&DisplayDerive> = Vec::new();
    for derive in &item.derives {
        let Some(entry) = entry(item, derive.as_str(), imports, data) else {
            continue;
        };
        // `#[derive(thiserror::Error, uniffi::Error)]`: both are named `Error`.
        if !read.iter().any(|r| std::ptr::eq(*r, entry)) {
            read.push(entry);
            formats_of(item, entry, &mut out);
        }
    }
    out
}

/// Which crate's derive `derive` is: the one its file imports it from, else
/// the first whose format attributes the item has (several name theirs
/// `Display`; strum's prints names, derive_more's the field it holds).
fn entry<'a>(
    item: &Item,
    derive: &str,
    imports: &[Import],
    data: &'a LeakData,
) -> Option<&'a DisplayDerive> {
    let candidates = data.display_derives(derive);
    if candidates.is_empty() {
        return None;
    }
    if let Some(import) = imports.iter().find(|i| &*i.name == derive) {
        let krate = import.module.split("::").next().unwrap_or_default();
        if let Some(entry) = candidates
            .iter()
            .find(|e| e.crates.iter().any(|c| c == krate))
        {
            return Some(entry);
        }
    }
    candidates.into_iter().find(|e| written_on(item, e))
}

/// Whether the item or one of its variants has one of `entry`'s format or
/// transparent attributes (a doc comment counts when it has a placeholder).
fn written_on(item: &Item, entry: &DisplayDerive) -> bool {
    let units = std::iter::once((&item.attributes, &item.docs))
        .chain(item.variants.iter().map(|v| (&v.attributes, &v.docs)));
    for (attributes, docs) in units {
        for format in &entry.format {
            let found = match format.as_str() {
                "doc" => docs.contains('{'),
                format => {
                    let name = format.split('(').next().unwrap_or(format);
                    attributes.iter().any(|a| attribute_name(a) == name)
                }
            };
            if found {
                return true;
            }
        }
        if attributes
            .iter()
            .any(|a| matches_any(a, &entry.transparent))
        {
            return true;
        }
    }
    false
}

/// How a struct or variant writes its `Display`.
enum Written {
    /// A format string and its arguments, where it is written.
    Format(TokenStream, String),
    /// Its one field's own `Display`.
    Transparent(String),
}

fn formats_of(item: &Item, entry: &DisplayDerive, out: &mut Vec<Format>) {
    let line = item.span.start.line;
    let first_line_only = item
        .attributes
        .iter()
        .any(|a| a == "ignore_extra_doc_attributes");
    if item.kind != ItemKind::Enum {
        let fields: Vec<(usize, &Field)> = item.fields.iter().enumerate().collect();
        let written = written(entry, &item.attributes, &item.docs, first_line_only);
        let forward = entry.forward.contains(&Forward::Struct);
        out.extend(format(written, &fields, forward, None, line));
        return;
    }
    let on_enum = match entry.enum_format {
        true => written(entry, &item.attributes, "", false),
        false => None,
    };
    // derive_more: an enum's format with `{_variant}` wraps each variant's.
    let wraps = matches!(&on_enum, Some(Written::Format(tokens, _)) if tokens.to_string().contains("_variant"));
    for variant in &item.variants {
        let fields: Vec<(usize, &Field)> = item
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.variant.as_deref() == Some(variant.name.as_str()))
            .collect();
        let own = written(entry, &variant.attributes, &variant.docs, first_line_only);
        let has_own = own.is_some();
        let name = Some(variant.name.as_str());
        let forward = entry.forward.contains(&Forward::Variant);
        // The enum's format is the default of the variants without one.
        if has_own || wraps || on_enum.is_none() {
            out.extend(format(own, &fields, forward, name, variant.line));
        }
        if let Some(Written::Format(tokens, written)) = &on_enum {
            if wraps || !has_own {
                let shared = Written::Format(tokens.clone(), format!("{written} on the enum"));
                out.extend(format(Some(shared), &fields, false, name, line));
            }
        }
    }
}

/// The format of a struct or variant with `fields` (index in the item,
/// field) as `written` says, or forwarded to a lone field; `None` when it
/// prints no field (a hand-written `Display`, or the variant's name).
fn format(
    written: Option<Written>,
    fields: &[(usize, &Field)],
    forward: bool,
    variant: Option<&str>,
    line: u32,
) -> Option<Format> {
    let lone = |how| match fields {
        [(field, _)] => vec![Shown {
            field: *field,
            path: Vec::new(),
            how,
        }],
        _ => Vec::new(),
    };
    let (prints, written) = match written {
        Some(Written::Format(tokens, written)) => (read_format(tokens, fields), written),
        Some(Written::Transparent(written)) => (lone(How::Display), written),
        None if forward && fields.len() == 1 => (lone(How::Display), "its one field".to_string()),
        None => return None,
    };
    Some(Format {
        variant: variant.map(str::to_string),
        written,
        line,
        prints,
    })
}

/// Where `entry` finds a struct's or variant's format among its
/// `attributes` and `docs`, the first of its `format` list found.
fn written(
    entry: &DisplayDerive,
    attributes: &[String],
    docs: &str,
    first_line_only: bool,
) -> Option<Written> {
    if let Some(a) = attributes
        .iter()
        .find(|a| matches_any(a, &entry.transparent))
    {
        return Some(Written::Transparent(format!("`#[{a}]`")));
    }
    for format in &entry.format {
        if format == "doc" {
            let text = match first_line_only {
                true => docs.lines().next().unwrap_or_default(),
                false => docs,
            };
            if !text.is_empty() {
                let literal = TokenTree::Literal(Literal::string(text));
                return Some(Written::Format(literal.into(), "its doc comment".into()));
            }
            continue;
        }
        let (name, key) = match format.split_once('(') {
            Some((name, key)) => (name, Some(key.trim_end_matches(')'))),
            None => (format.as_str(), None),
        };
        for attribute in attributes.iter().filter(|a| attribute_name(a) == name) {
            if let Some(tokens) = attribute_format(attribute, name, key) {
                let shown = match key {
                    Some(key) => format!("`#[{name}({key} = ..)]`"),
                    None => format!("`#[{name}(..)]`"),
                };
                return Some(Written::Format(tokens, shown));
            }
        }
    }
    None
}

/// The format string and arguments of `name(..)` (the attribute's text):
/// its first argument when it is a string (`error("..", .0)`), or, with a
/// `key`, the string of `key = ".."` and the arguments after it that are
/// not `name = ..` (`display(fmt = "..", _0)`, `strum(to_string = "..")`).
fn attribute_format(attribute: &str, name: &str, key: Option<&str>) -> Option<TokenStream> {
    let inside = attribute
        .strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let tokens: TokenStream = inside.parse().ok()?;
    let parts = split_top_level(tokens);
    let (string, rest) = match key {
        None => {
            let (first, rest) = parts.split_first()?;
            (lone_literal(first.clone().into_iter().collect())?, rest)
        }
        Some(key) => parts.iter().enumerate().find_map(|(k, part)| {
            let tokens: Vec<TokenTree> = part.clone().into_iter().collect();
            match tokens.as_slice() {
                [TokenTree::Ident(i), TokenTree::Punct(eq), value @ ..]
                    if *i == key && eq.as_char() == '=' =>
                {
                    Some((lone_literal(value.to_vec())?, &parts[k + 1..]))
                }
                _ => None,
            }
        })?,
    };
    let mut out = TokenStream::from(TokenTree::Literal(string));
    for part in rest.iter().filter(|p| key.is_none() || !is_named(p)) {
        out.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
        out.extend(part.clone());
    }
    Some(out)
}

/// The one token of `tokens` when it is a string literal.
fn lone_literal(tokens: Vec<TokenTree>) -> Option<Literal> {
    match <[TokenTree; 1]>::try_from(tokens).ok()? {
        [TokenTree::Literal(l)] if l.to_string().ends_with('"') => Some(l),
        _ => None,
    }
}

/// `name = value` (another key of the attribute, not a format argument).
fn is_named(part: &TokenStream) -> bool {
    let mut tokens = part.clone().into_iter();
    matches!(
        (tokens.next(), tokens.next()),
        (Some(TokenTree::Ident(_)), Some(TokenTree::Punct(p))) if p.as_char() == '='
    )
}

/// The fields a format string and its arguments print: placeholders that
/// name a field (`{email}`, `{0}`, derive_more's `{_0}`, parse-display's
/// `{a.b}`), and arguments that are a field (thiserror's `.email`, `.0`,
/// derive_more's `email`, `_0`, `self.email`).
fn read_format(tokens: TokenStream, fields: &[(usize, &Field)]) -> Vec<Shown> {
    let printed = format_printed(tokens);
    let mut out = Vec::new();
    for (name, how, _) in printed.captures {
        let path: Vec<String> = name.split('.').map(str::to_string).collect();
        out.extend(shown(path, how, fields));
    }
    for argument in printed.arguments {
        if let Some(path) = member_path(argument.tokens) {
            out.extend(shown(path, argument.how, fields));
        }
    }
    out
}

/// The field `path` starts with, and the rest of it.
fn shown(mut path: Vec<String>, how: How, fields: &[(usize, &Field)]) -> Option<Shown> {
    let first = path.first()?;
    let named = |name: &str| fields.iter().find(|(_, f)| f.name == name).map(|(k, _)| *k);
    let index = first
        .strip_prefix('_')
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
    let field = named(first).or_else(|| index.and_then(named))?;
    path.remove(0);
    Some(Shown { field, path, how })
}

/// Methods of a field whose result prints what the field holds.
const PASS_THROUGH: &[&str] = &[
    "display",
    "to_string",
    "as_str",
    "as_ref",
    "as_deref",
    "clone",
    "to_owned",
];

/// The members an argument reads, when it is a field and nothing else:
/// `.limits.lo`, `self.email`, `_0`, `&email`, `_0.display()`; derive_more
/// before 1.0 wrote it as a string (`"_0.display()"`).
fn member_path(tokens: TokenStream) -> Option<Vec<String>> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut k = 0;
    while matches!(tokens.get(k), Some(TokenTree::Punct(p)) if matches!(p.as_char(), '&' | '*')) {
        k += 1;
    }
    if let (Some(TokenTree::Literal(l)), true) = (tokens.get(k), k + 1 == tokens.len()) {
        let string = syn::parse_str::<syn::LitStr>(&l.to_string()).ok()?;
        return member_path(string.value().parse().ok()?);
    }
    let mut path = Vec::new();
    match tokens.get(k)? {
        TokenTree::Punct(p) if p.as_char() == '.' => {}
        TokenTree::Ident(i) if *i == "self" => k += 1,
        TokenTree::Ident(i) => {
            path.push(i.to_string());
            k += 1;
        }
        _ => return None,
    }
    while let Some(TokenTree::Punct(p)) = tokens.get(k) {
        if p.as_char() != '.' {
            return None;
        }
        match (tokens.get(k + 1)?, tokens.get(k + 2)) {
            (TokenTree::Ident(method), Some(TokenTree::Group(g)))
                if g.delimiter() == Delimiter::Parenthesis =>
            {
                let known = PASS_THROUGH.iter().any(|m| *method == m);
                if !known || !g.stream().is_empty() {
                    return None;
                }
                k += 3;
                continue;
            }
            (TokenTree::Ident(member), _) => path.push(member.to_string()),
            // `.0`; `.0.1` is lexed as the number `0.1`.
            (TokenTree::Literal(index), _) => {
                path.extend(index.to_string().split('.').map(str::to_string));
            }
            _ => return None,
        }
        k += 2;
    }
    (k == tokens.len() && !path.is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::extract_with;

    /// The formats of the first item of `source`, as
    /// `variant: written line [field/path how, ..]`.
    fn read(source: &str) -> Vec<String> {
        let facts = extract_with(
            "src/lib.rs",
            source.as_bytes(),
            &collects_grammar::Taxonomy::builtin(),
            LeakData::writes_display,
        );
        let item = &facts.items[0];
        formats(item, &facts.imports, LeakData::builtin())
            .into_iter()
            .map(|f| {
                let prints: Vec<String> = f
                    .prints
                    .iter()
                    .map(|s| {
                        let mut name = item.fields[s.field].name.clone();
                        for member in &s.path {
                            name.push('.');
                            name.push_str(member);
                        }
                        format!("{name} {:?}", s.how)
                    })
                    .collect();
                format!(
                    "{}: {} {} [{}]",
                    f.variant.as_deref().unwrap_or("-"),
                    f.written,
                    f.line,
                    prints.join(", ")
                )
            })
            .collect()
    }

    #[test]
    fn thiserror_formats_name_fields_by_name_position_and_argument() {
        assert_eq!(
            read("#[derive(Debug, thiserror::Error, uniffi::Error)]\n#[error(\"no account for {email:?} ({})\", .id)]\nstruct NotFound { email: String, id: u64 }"),
            ["-: `#[error(..)]` 3 [email Debug, id Display]"]
        );
        assert_eq!(
            read("use thiserror::Error;\n#[derive(Debug, Error)]\nenum ApiError {\n    #[error(\"bad address {0}\")]\n    Address(String, u32),\n    #[error(\"index {idx} out of {} {}\", .limits.lo, first(.limits))]\n    Limits { idx: usize, limits: Limits },\n    #[error(transparent)]\n    Io(#[from] std::io::Error),\n    #[error(\"{from} denied\", from = who)]\n    Denied { from: String },\n    Manual(String),\n}"),
            [
                "Address: `#[error(..)]` 5 [0 Display]",
                "Limits: `#[error(..)]` 7 [idx Display, limits.lo Display]",
                "Io: `#[error(transparent)]` 9 [0 Display]",
                "Denied: `#[error(..)]` 11 []",
            ]
        );
    }

    #[test]
    fn derive_more_formats_forwarding_and_the_enum_format() {
        assert_eq!(
            read("use derive_more::Display;\n#[derive(Display)]\n#[display(\"Enum: {_variant}\")]\nenum Contact {\n    #[display(\"mail {_0}\")]\n    Email(String),\n    Phone(String),\n    #[display(fmt = \"{}\", \"name.as_str()\")]\n    Named { name: String },\n    Unknown,\n}"),
            [
                "Email: `#[display(..)]` 6 [0 Display]",
                "Email: `#[display(..)]` on the enum 4 []",
                "Phone: its one field 7 [0 Display]",
                "Phone: `#[display(..)]` on the enum 4 []",
                "Named: `#[display(fmt = ..)]` 9 [name Display]",
                "Named: `#[display(..)]` on the enum 4 []",
                "Unknown: `#[display(..)]` on the enum 4 []",
            ]
        );
        assert_eq!(
            read("#[derive(derive_more::Display)]\n#[display(\"{user.email} {}\", self.id)]\nstruct Login { user: User, id: u64 }"),
            ["-: `#[display(..)]` 3 [user.email Display, id Display]"]
        );
    }

    #[test]
    fn which_crate_a_display_derive_is_comes_from_the_import_else_the_attributes() {
        let strum = "use strum::Display;\n#[derive(Display)]\nenum Contact {\n    Email(String),\n    #[strum(to_string = \"phone {0}\")]\n    Phone(String),\n    #[strum(transparent)]\n    Other(String),\n}";
        assert_eq!(
            read(strum),
            [
                "Phone: `#[strum(to_string = ..)]` 6 [0 Display]",
                "Other: `#[strum(transparent)]` 8 [0 Display]",
            ]
        );
        // The same enum from derive_more prints the lone field of each variant.
        let derive_more = strum.replace("use strum::", "use derive_more::");
        assert_eq!(read(&derive_more).len(), 3);
        // Imported from elsewhere, or not at all: read from its attributes.
        assert!(read(
            "use std::fmt::Display;\n#[derive(Display)]\nenum Contact {\n    Email(String),\n}"
        )
        .is_empty());
        assert_eq!(
            read("#[derive(displaydoc::Display)]\n/// no such user {name} {0}\nstruct Missing { name: String }"),
            ["-: its doc comment 3 [name Display]"]
        );
        assert_eq!(
            read("use displaydoc::Display;\n#[derive(Display)]\n#[ignore_extra_doc_attributes]\nenum E {\n    /// bad {0:?}\n    /// {1}\n    Bad(String, String),\n    #[displaydoc(\"worse {0}\")]\n    Worse(String),\n}"),
            [
                "Bad: its doc comment 7 [0 Debug]",
                "Worse: `#[displaydoc(..)]` 9 [0 Display]",
            ]
        );
    }

    #[test]
    fn items_that_derive_no_display_format_have_none() {
        for source in [
            "#[derive(Debug)]\nstruct User { email: String }",
            "#[derive(Debug, thiserror::Error)]\nenum E {\n    Io(std::io::Error),\n}",
            "#[derive(parse_display::Display)]\nenum Role { Admin, User }",
        ] {
            assert!(read(source).is_empty(), "{source}");
        }
    }
}
