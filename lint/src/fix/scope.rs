//! The modules of a file as syn reads it: which one holds an item, whether
//! it imports `Collects` already, and where its `use collects::Collects;`
//! goes (on the line after its last `use`, else above its first item).

use std::ops::Range;

use syn::spanned::Spanned;

use super::edits::{insert_above, newline_of};
use crate::checks::Edit;

/// What the derive needs in scope.
const IMPORT: &str = "use collects::Collects;";

/// A module of the file: the whole file or an inline `mod name { .. }`.
pub(super) struct Scope {
    /// Where it is: the whole text, or a module's braces.
    body: Range<usize>,
    /// Whether one of its `use` items names `Collects` (or `collects::*`).
    pub(super) imports_collects: bool,
    /// Inserts `use collects::Collects;`; `None` in a module with no item.
    pub(super) import: Option<Edit>,
}

/// The modules of `text` (after a BOM), the file first; syn's error when it
/// does not parse.
pub(super) fn scopes(text: &str) -> syn::Result<Vec<Scope>> {
    let file = syn::parse_file(text)?;
    // parse_file leaves a `#!` line out: its spans count from after it.
    let shift = file.shebang.as_ref().map_or(0, String::len);
    let mut scopes = Vec::new();
    collect(text, shift, 0..text.len(), &file.items, &mut scopes);
    drop(file);
    // The spans are not needed any more; the parser's source map would
    // otherwise keep every file parsed on this thread.
    proc_macro2::extra::invalidate_current_thread_spans();
    Ok(scopes)
}

/// The innermost module that holds `offset`.
pub(super) fn scope_at(scopes: &[Scope], offset: usize) -> Option<&Scope> {
    scopes
        .iter()
        .filter(|scope| scope.body.contains(&offset))
        .min_by_key(|scope| scope.body.len())
}

fn collect(
    text: &str,
    shift: usize,
    body: Range<usize>,
    items: &[syn::Item],
    out: &mut Vec<Scope>,
) {
    let imports_collects = items
        .iter()
        .any(|item| matches!(item, syn::Item::Use(u) if brings_collects(&u.tree, None)));
    out.push(Scope {
        body,
        imports_collects,
        import: import_edit(text, shift, items),
    });
    for item in items {
        if let syn::Item::Mod(syn::ItemMod {
            content: Some((brace, inner)),
            ..
        }) = item
        {
            let body = range(brace.span.open(), shift).start..range(brace.span.close(), shift).end;
            collect(text, shift, body, inner, out);
        }
    }
}

/// Whether a use tree puts `Collects` in scope; `parent` is the segment
/// before it (a glob imports it from `collects::*`).
fn brings_collects(tree: &syn::UseTree, parent: Option<&syn::Ident>) -> bool {
    match tree {
        syn::UseTree::Path(path) => brings_collects(&path.tree, Some(&path.ident)),
        syn::UseTree::Name(name) => name.ident == "Collects",
        syn::UseTree::Rename(rename) => rename.rename == "Collects",
        syn::UseTree::Glob(_) => parent.is_some_and(|p| p == "collects"),
        syn::UseTree::Group(group) => group.items.iter().any(|t| brings_collects(t, parent)),
    }
}

/// The import on a line of its own after the module's last `use` (after
/// that line's trailing comment), else above its first item with a blank
/// line between.
fn import_edit(text: &str, shift: usize, items: &[syn::Item]) -> Option<Edit> {
    let newline = newline_of(text);
    let last_use = items.iter().rev().find_map(|item| match item {
        syn::Item::Use(u) => Some(u),
        _ => None,
    });
    let Some(last_use) = last_use else {
        let first = range(items.first()?.span(), shift).start;
        return Some(insert_above(text, first, IMPORT, true));
    };
    let semicolon = range(last_use.semi_token.spans[0], shift).end;
    let line_end = text[semicolon..]
        .find('\n')
        .map_or(text.len(), |i| semicolon + i);
    let line_end = line_end - usize::from(text[..line_end].ends_with('\r'));
    let use_start = range(last_use.use_token.span, shift).start;
    let line_start = text[..use_start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..use_start]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    Some(Edit {
        range: line_end..line_end,
        text: format!("{newline}{indent}{IMPORT}"),
    })
}

/// A span's byte range in the whole text.
fn range(span: proc_macro2::Span, shift: usize) -> Range<usize> {
    let range = span.byte_range();
    range.start + shift..range.end + shift
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_import(text: &str, at: &str) -> String {
        let scopes = scopes(text).unwrap();
        let scope = scope_at(&scopes, text.find(at).unwrap()).unwrap();
        let edit = scope.import.clone().unwrap();
        let mut out = text.to_string();
        out.replace_range(edit.range, &edit.text);
        out
    }

    #[test]
    fn the_import_goes_after_the_last_use_of_the_module_and_its_comment() {
        assert_eq!(
            with_import(
                "use a::b; // why\nuse c::{d, e};\n\nstruct User;\n",
                "struct"
            ),
            "use a::b; // why\nuse c::{d, e};\nuse collects::Collects;\n\nstruct User;\n"
        );
        assert_eq!(
            with_import("use a::b;\r\nstruct User;\r\n", "struct"),
            "use a::b;\r\nuse collects::Collects;\r\nstruct User;\r\n"
        );
        assert_eq!(
            with_import(
                "use a::b;\nmod inner {\n    use c::d;\n    struct User;\n}\n",
                "struct"
            ),
            "use a::b;\nmod inner {\n    use c::d;\n    use collects::Collects;\n    struct User;\n}\n"
        );
    }

    #[test]
    fn without_a_use_it_goes_above_the_first_item_below_the_header() {
        assert_eq!(
            with_import(
                "//! The crate.\n// Licence header.\n\n/// A user.\nstruct User;\n",
                "struct"
            ),
            "//! The crate.\n// Licence header.\n\nuse collects::Collects;\n\n/// A user.\nstruct User;\n"
        );
        assert_eq!(
            with_import("mod inner {\n    struct User;\n}\n", "struct"),
            "mod inner {\n    use collects::Collects;\n\n    struct User;\n}\n"
        );
    }

    #[test]
    fn an_import_of_collects_in_the_same_module_is_found() {
        for (text, imports) in [
            ("use collects::Collects;\nstruct A;", true),
            ("use collects::{Collects, Other};\nstruct A;", true),
            ("use collects::*;\nstruct A;", true),
            ("use other::*;\nstruct A;", false),
            ("use collects::Collects as C;\nstruct A;", false),
            ("use collects::Collects;\nmod m {\n    struct A;\n}", false),
        ] {
            let scopes = scopes(text).unwrap();
            let scope = scope_at(&scopes, text.find("struct A").unwrap()).unwrap();
            assert_eq!(scope.imports_collects, imports, "{text}");
        }
    }

    #[test]
    fn spans_count_from_the_start_of_a_file_with_a_shebang() {
        assert_eq!(
            with_import("#!/usr/bin/env run\nuse a::b;\nstruct User;\n", "struct"),
            "#!/usr/bin/env run\nuse a::b;\nuse collects::Collects;\nstruct User;\n"
        );
    }
}
