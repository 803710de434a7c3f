//! `use` declarations: which module each name a file uses comes from, so a
//! field written `content: Message` finds the `Message` its file imports.
//! The pre-scan finds the declarations; this reads their use trees.

use super::lexer::{without_comments, IDENT};
use crate::model::Import;

/// The type names `use` declaration `text` (`use a::b::{C, D as E, f::*};`)
/// brings into scope, with the module each comes from; a glob gives the name
/// `*`. Functions, modules and macros (lowercase) are left out: only a
/// field's type is ever looked up.
pub fn read(text: &str, out: &mut Vec<Import>) {
    let text = without_comments(text);
    let body = text
        .trim_start()
        .strip_prefix("use")
        .unwrap_or("")
        .trim_end()
        .trim_end_matches(';');
    let tokens = tokens(body);
    let mut at = 0;
    tree(&tokens, &mut at, &mut Vec::new(), out);
}

/// Identifiers and the punctuation of a use tree.
fn tokens(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if IDENT[b[i] as usize] {
            while i < b.len() && IDENT[b[i] as usize] {
                i += 1;
            }
        } else if b[i..].starts_with(b"::") {
            i += 2;
        } else {
            i += 1;
            if b[start].is_ascii_whitespace() {
                continue;
            }
        }
        out.push(&text[start..i]);
    }
    out
}

/// One use tree at `tokens[*at..]` under `prefix`; leaves `*at` after it.
fn tree<'a>(tokens: &[&'a str], at: &mut usize, prefix: &mut Vec<&'a str>, out: &mut Vec<Import>) {
    let depth = prefix.len();
    while let Some(&token) = tokens.get(*at) {
        *at += 1;
        match token {
            "::" => continue,
            "*" => push(out, "*", prefix),
            "{" => loop {
                tree(tokens, at, prefix, out);
                match tokens.get(*at) {
                    Some(&",") => *at += 1,
                    Some(&"}") => {
                        *at += 1;
                        break;
                    }
                    _ => break,
                }
                if tokens.get(*at) == Some(&"}") {
                    *at += 1;
                    break;
                }
            },
            _ if token.as_bytes()[0].is_ascii_alphabetic() || token.starts_with('_') => {
                if tokens.get(*at) == Some(&"::") {
                    prefix.push(token);
                    continue;
                }
                leaf(tokens, at, token, prefix, out);
            }
            _ => *at -= 1,
        }
        break;
    }
    prefix.truncate(depth);
}

/// The last segment `name` of a path under `prefix`, maybe renamed by `as`.
fn leaf(tokens: &[&str], at: &mut usize, name: &str, prefix: &[&str], out: &mut Vec<Import>) {
    let mut visible = name;
    if tokens.get(*at) == Some(&"as") {
        visible = tokens.get(*at + 1).copied().unwrap_or(name);
        *at += 2;
    }
    if visible.starts_with(|c: char| c.is_ascii_uppercase()) {
        push(out, visible, prefix);
    }
}

fn push(out: &mut Vec<Import>, name: &str, module: &[&str]) {
    out.push(Import {
        name: name.into(),
        module: module.join("::").into(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        read(text, &mut out);
        out.into_iter()
            .map(|i| (i.name.into(), i.module.into()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn every_name_of_a_use_tree_with_its_module() {
        assert_eq!(
            imports("use revolt_models::v0::{\n    AppendMessage, Message as Msg, // the one\n    users::{self, User}, files::*,\n};"),
            pairs(&[
                ("AppendMessage", "revolt_models::v0"),
                ("Msg", "revolt_models::v0"),
                ("User", "revolt_models::v0::users"),
                ("*", "revolt_models::v0::files"),
            ])
        );
        assert_eq!(
            imports("use crate::model::User;"),
            pairs(&[("User", "crate::model")])
        );
        assert_eq!(imports("use ::std::fmt::Debug as _;"), pairs(&[]));
        assert_eq!(imports("use serde::{self, de};"), pairs(&[]));
    }

    #[test]
    fn broken_trees_give_what_they_can() {
        for text in [
            "use a::{b, ;",
            "use {",
            "use ::;",
            "use a::b::{c::{d}, e",
            "use }}}",
        ] {
            imports(text);
        }
        assert_eq!(imports("use a::{B, C"), pairs(&[("B", "a"), ("C", "a")]));
    }
}
