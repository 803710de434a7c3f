//! The macros that print, log or panic, and their arguments read the way
//! `format_args!` reads them: a format string whose placeholders name
//! arguments (by position, by name, or captured inline), plus, for
//! `tracing`, the fields (`name = value`, `?value`, `%value`) before it.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

use super::How;

/// How a macro's arguments are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `println!("fmt", args)`; `panic!`, `format!`, `todo!` ..
    Format,
    /// `write!(dest, "fmt", args)`: the first argument is the destination.
    Write,
    /// `assert!(cond, "fmt", args)`: the condition is not printed.
    Assert,
    /// `assert_eq!(a, b, "fmt", args)`: both values are printed with `Debug`.
    AssertEq,
    /// `dbg!(a, b)`: every argument is printed with `Debug`.
    Dbg,
    /// `log::info!(target: "t", "fmt", args)`; `log!(Level::Info, ..)`.
    Log,
    /// `tracing::info!(target: "t", field = value, ?value, "fmt", args)`.
    Tracing,
    /// `tracing::info_span!("name", field = value)`: a name, then fields.
    Span,
}

/// A macro that prints or logs what it is given.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sink {
    pub layout: Layout,
    /// Whether it prints, logs or panics by itself; `format!` and `write!`
    /// only matter when what they make reaches one that does.
    pub outputs: bool,
    /// For `log!`, `event!`, `span!`: the level comes first.
    pub level_first: bool,
}

/// The sink a macro named `name` (its last path segment) is, and what the
/// crate path before it says (`tracing`, `log`, none).
pub(crate) fn sink(name: &str, krate: Option<&str>) -> Option<Sink> {
    let sink = |layout, outputs, level_first| {
        Some(Sink {
            layout,
            outputs,
            level_first,
        })
    };
    let logging = match krate {
        Some("log") => Layout::Log,
        _ => Layout::Tracing,
    };
    match name {
        "println" | "eprintln" | "print" | "eprint" | "panic" | "unreachable" | "todo"
        | "unimplemented" => sink(Layout::Format, true, false),
        "format" | "format_args" => sink(Layout::Format, false, false),
        "write" | "writeln" => sink(Layout::Write, false, false),
        "assert" | "debug_assert" => sink(Layout::Assert, true, false),
        "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => {
            sink(Layout::AssertEq, true, false)
        }
        "dbg" => sink(Layout::Dbg, true, false),
        "trace" | "debug" | "info" | "warn" | "error" => sink(logging, true, false),
        "log" => sink(Layout::Log, true, true),
        "event" => sink(Layout::Tracing, true, true),
        "span" => sink(Layout::Span, true, true),
        "trace_span" | "debug_span" | "info_span" | "warn_span" | "error_span" => {
            sink(Layout::Span, true, false)
        }
        _ => None,
    }
}

/// For the pre-scan: whether a macro named `name` prints, logs or panics by
/// itself (`Some(true)`), only formats what may reach one that does
/// (`Some(false)`: `format!`, `write!`), or neither (`None`).
pub fn macro_prints(name: &[u8]) -> Option<bool> {
    let sink = sink(std::str::from_utf8(name).ok()?, None)?;
    Some(sink.outputs)
}

/// One argument a macro prints: its tokens and how it is formatted.
#[derive(Debug)]
pub(crate) struct Argument {
    pub tokens: TokenStream,
    pub how: How,
}

/// What a macro call prints: its arguments, and the identifiers its format
/// string captures inline (`{password}`), each with how it is formatted
/// and where the format string is.
#[derive(Debug, Default)]
pub(crate) struct Printed {
    pub arguments: Vec<Argument>,
    pub captures: Vec<(String, How, Span)>,
}

/// Reads a format string and its arguments (`"to {email} {}", .0`) the way
/// `format_args!` does: what a derived `Display`'s format prints.
pub(crate) fn format_printed(tokens: TokenStream) -> Printed {
    let format = Sink {
        layout: Layout::Format,
        outputs: false,
        level_first: false,
    };
    printed(format, tokens)
}

/// Reads the arguments of a call of `sink` the way the macro does.
pub(crate) fn printed(sink: Sink, tokens: TokenStream) -> Printed {
    let mut parts = split_top_level(tokens);
    if sink.level_first && !parts.is_empty() {
        parts.remove(0);
    }
    let mut out = Printed::default();
    match sink.layout {
        Layout::Format => format_arguments(&parts, &mut out),
        Layout::Write | Layout::Assert => format_arguments(parts.get(1..).unwrap_or(&[]), &mut out),
        Layout::AssertEq => {
            for part in parts.iter().take(2) {
                out.arguments.push(Argument {
                    tokens: part.clone(),
                    how: How::Debug,
                });
            }
            format_arguments(parts.get(2..).unwrap_or(&[]), &mut out);
        }
        Layout::Dbg => out
            .arguments
            .extend(parts.into_iter().map(|tokens| Argument {
                tokens,
                how: How::Debug,
            })),
        Layout::Log => {
            let start = parts.iter().take_while(|p| is_keyword_argument(p)).count();
            format_arguments(&parts[start..], &mut out);
        }
        Layout::Tracing | Layout::Span => tracing_arguments(sink, &parts, &mut out),
    }
    out
}

/// `target: ..`, `parent: ..`, `name: ..` (tracing and log keyword arguments).
fn is_keyword_argument(part: &TokenStream) -> bool {
    let mut tokens = part.clone().into_iter();
    matches!(
        (tokens.next(), tokens.next()),
        (Some(TokenTree::Ident(i)), Some(TokenTree::Punct(p)))
            if p.as_char() == ':' && matches!(i.to_string().as_str(), "target" | "parent" | "name")
    )
}

/// tracing's fields, then an optional format string and its arguments. A
/// span macro's first plain string is its name, not a format.
fn tracing_arguments(sink: Sink, parts: &[TokenStream], out: &mut Printed) {
    let mut rest = parts;
    while let Some((part, after)) = rest.split_first() {
        if is_keyword_argument(part) {
            rest = after;
            continue;
        }
        if string_literal(part).is_some() {
            if sink.layout == Layout::Span {
                rest = after;
                continue;
            }
            format_arguments(rest, out);
            return;
        }
        out.arguments.push(tracing_field(part.clone()));
        rest = after;
    }
}

/// `name = value`, `name = ?value`, `?value`, `%value` or `value`: the value
/// and how tracing records it.
pub(crate) fn tracing_field(part: TokenStream) -> Argument {
    let tokens: Vec<TokenTree> = part.into_iter().collect();
    // The value follows the first `=` that is not part of `==`.
    let value_start = tokens
        .iter()
        .enumerate()
        .find(|(k, t)| is_lone_eq(&tokens, *k, t))
        .map_or(0, |(k, _)| k + 1);
    let value = &tokens[value_start..];
    let (how, value) = match value.first() {
        Some(TokenTree::Punct(p)) if p.as_char() == '?' => (How::Debug, &value[1..]),
        Some(TokenTree::Punct(p)) if p.as_char() == '%' => (How::Display, &value[1..]),
        _ => (How::Value, value),
    };
    Argument {
        tokens: value.iter().cloned().collect(),
        how,
    }
}

fn is_lone_eq(tokens: &[TokenTree], k: usize, t: &TokenTree) -> bool {
    let is_eq =
        |t: Option<&TokenTree>| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == '=');
    let joint_before = k.checked_sub(1).and_then(|j| tokens.get(j)).is_some_and(
        |b| matches!(b, TokenTree::Punct(p) if matches!(p.as_char(), '=' | '!' | '<' | '>')),
    );
    is_eq(Some(t)) && !is_eq(tokens.get(k + 1)) && !joint_before
}

/// A format string and its arguments: each argument used by a placeholder,
/// with the placeholder's trait, and the inline captures.
fn format_arguments(parts: &[TokenStream], out: &mut Printed) {
    let Some((first, args)) = parts.split_first() else {
        return;
    };
    let Some(format) = string_literal(first) else {
        // `panic!(value)` (edition 2018) prints its one argument.
        out.arguments.push(Argument {
            tokens: first.clone(),
            how: How::Display,
        });
        return;
    };
    let (positional, named) = split_named(args);
    let mut next = 0usize;
    for placeholder in placeholders(&format) {
        // A `.*` precision takes the next positional argument first.
        next += placeholder.extra_positional;
        let argument = match placeholder.argument {
            Reference::Next => {
                next += 1;
                positional.get(next - 1)
            }
            // With no argument there, the index names a tuple field of a
            // derived `Display` (`#[error("{0}")]`): a capture of it.
            Reference::Index(i) => match positional.get(i) {
                Some(tokens) => Some(tokens),
                None => {
                    out.captures
                        .push((i.to_string(), placeholder.how, tokens_span(first)));
                    None
                }
            },
            Reference::Name(name) => match named.iter().find(|(n, _)| *n == name) {
                Some((_, tokens)) => Some(tokens),
                None => {
                    out.captures
                        .push((name, placeholder.how, tokens_span(first)));
                    None
                }
            },
        };
        if let Some(tokens) = argument {
            out.arguments.push(Argument {
                tokens: tokens.clone(),
                how: placeholder.how,
            });
        }
    }
}

/// Positional arguments, and `name = value` ones by name (their values).
fn split_named(args: &[TokenStream]) -> (Vec<TokenStream>, Vec<(String, TokenStream)>) {
    let mut positional = Vec::new();
    let mut named = Vec::new();
    for arg in args {
        let tokens: Vec<TokenTree> = arg.clone().into_iter().collect();
        match tokens.as_slice() {
            [TokenTree::Ident(name), TokenTree::Punct(eq), value @ ..]
                if eq.as_char() == '='
                    && !matches!(value.first(), Some(TokenTree::Punct(p)) if p.as_char() == '=') =>
            {
                named.push((name.to_string(), value.iter().cloned().collect()));
            }
            _ => positional.push(arg.clone()),
        }
    }
    (positional, named)
}

/// The value of a string literal argument (a plain or raw string), if it is one.
fn string_literal(part: &TokenStream) -> Option<String> {
    let mut tokens = part.clone().into_iter();
    let token = tokens.next()?;
    if tokens.next().is_some() {
        return None;
    }
    let token = match token {
        // `$fmt` substituted by macro_rules arrives in an invisible group.
        TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
            let mut inner = g.stream().into_iter();
            let only = inner.next()?;
            inner.next().is_none().then_some(only)?
        }
        other => other,
    };
    let TokenTree::Literal(literal) = token else {
        return None;
    };
    match syn::parse_str::<syn::LitStr>(&literal.to_string()) {
        Ok(s) => Some(s.value()),
        Err(_) => None,
    }
}

/// The span of a macro argument's tokens, first to last.
pub(crate) fn tokens_span(tokens: &TokenStream) -> Span {
    let mut iter = tokens.clone().into_iter();
    let first = iter.next().map(|t| t.span());
    let last = iter.last().map(|t| t.span());
    match (first, last) {
        (Some(a), Some(b)) => a.join(b).unwrap_or(a),
        (Some(a), None) => a,
        _ => Span::call_site(),
    }
}

/// Splits a macro's tokens at its top-level commas (and the `;` of log's
/// key-values); groups keep their commas.
pub(crate) fn split_top_level(tokens: TokenStream) -> Vec<TokenStream> {
    let mut parts = Vec::new();
    let mut current = Vec::new();
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if matches!(p.as_char(), ',' | ';') => {
                parts.push(current.drain(..).collect());
            }
            _ => current.push(token),
        }
    }
    if !current.is_empty() {
        parts.push(current.into_iter().collect());
    }
    parts
}

/// What a placeholder refers to.
#[derive(Debug, PartialEq, Eq)]
enum Reference {
    Next,
    Index(usize),
    Name(String),
}

#[derive(Debug, PartialEq, Eq)]
struct Placeholder {
    argument: Reference,
    how: How,
    /// Positional arguments a `.*` precision takes before the value.
    extra_positional: usize,
}

/// The placeholders of a format string, in order (`{{` and `}}` are text).
fn placeholders(format: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut rest = format;
    while let Some(open) = rest.find(['{', '}']) {
        let after = &rest[open + 1..];
        if after.starts_with(rest[open..].chars().next().unwrap_or('{')) {
            rest = &after[1..];
            continue;
        }
        if rest.as_bytes()[open] == b'}' {
            rest = after;
            continue;
        }
        let Some(close) = after.find('}') else {
            break;
        };
        out.push(placeholder(&after[..close]));
        rest = &after[close + 1..];
    }
    out
}

/// One placeholder's inside: `name:spec`, `0:?`, ``.
fn placeholder(inside: &str) -> Placeholder {
    let (argument, spec) = inside.split_once(':').unwrap_or((inside, ""));
    let argument = argument.trim();
    let reference = if argument.is_empty() {
        Reference::Next
    } else if let Ok(i) = argument.parse() {
        Reference::Index(i)
    } else {
        Reference::Name(argument.to_string())
    };
    let how = if spec.ends_with('?') {
        How::Debug
    } else {
        How::Display
    };
    Placeholder {
        argument: reference,
        how,
        extra_positional: usize::from(spec.contains(".*")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (Vec<(String, How)>, Vec<(String, How)>);

    fn read(name: &str, krate: Option<&str>, args: &str) -> Read {
        let printed = printed(sink(name, krate).unwrap(), args.parse().unwrap());
        let arguments = printed
            .arguments
            .iter()
            .map(|a| (a.tokens.to_string(), a.how))
            .collect();
        let captures = printed
            .captures
            .into_iter()
            .map(|(n, h, _)| (n, h))
            .collect();
        (arguments, captures)
    }

    fn args(list: &[(&str, How)]) -> Vec<(String, How)> {
        list.iter().map(|(t, h)| (t.to_string(), *h)).collect()
    }

    #[test]
    fn format_strings_name_their_arguments_and_captures() {
        let (arguments, captures) = read(
            "println",
            None,
            r#""{} {:?} {1} {x:#?} {{}} {password} {:.*}", a . b, c, x = y, 3, z"#,
        );
        assert_eq!(
            arguments,
            args(&[
                ("a . b", How::Display),
                ("c", How::Debug),
                ("c", How::Display),
                ("y", How::Debug),
                ("z", How::Display),
            ])
        );
        assert_eq!(captures, [("password".to_string(), How::Display)]);
    }

    #[test]
    fn tracing_fields_come_before_the_message() {
        let (arguments, captures) = read(
            "info",
            Some("tracing"),
            r#"target: "auth", user.id = %id, ?user, email = ?u.email, ok = a == b, "login {token}", x"#,
        );
        assert_eq!(
            arguments,
            args(&[
                ("id", How::Display),
                ("user", How::Debug),
                ("u . email", How::Debug),
                ("a == b", How::Value),
            ])
        );
        assert_eq!(captures, [("token".to_string(), How::Display)]);
    }

    #[test]
    fn asserts_print_values_and_messages_but_not_conditions() {
        let (arguments, _) = read("assert_eq", None, r#"a, b, "why {}", c"#);
        assert_eq!(
            arguments,
            args(&[("a", How::Debug), ("b", How::Debug), ("c", How::Display)])
        );
        let (arguments, _) = read("assert", None, r#"x.password == y, "bad {}", z"#);
        assert_eq!(arguments, args(&[("z", How::Display)]));
        let (arguments, _) = read("span", None, r#"Level::INFO, "name", email = %e"#);
        assert_eq!(arguments, args(&[("e", How::Display)]));
        let (arguments, _) = read("log", None, r#"Level::Info, target: "x", "{}", e"#);
        assert_eq!(arguments, args(&[("e", How::Display)]));
    }
}
