//! Reading function bodies, for the leak checks: which values reach a macro
//! that prints, logs or panics (`macros`), `.expect(..)` or an
//! `#[instrument]`ed function's span, and what the code states of their
//! types (`visit`). The reader does not know what is sensitive: it says what
//! is printed and how, and the checks decide.
//!
//! Bodies are parsed with syn, whole files at a time, and only the files the
//! engine hands over: those whose pre-scan saw a printing macro or an
//! `#[instrument]`, and whose text mentions a leak source at all.

mod macros;
mod visit;

use crate::model::{Position, Shape, Span};
use crate::source::directives::Directive;

pub use macros::macro_prints;
pub(crate) use macros::{format_printed, split_top_level};

/// How a value is formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// `{:?}`, `?value`, `dbg!`, `assert_eq!`, `#[instrument]`.
    Debug,
    /// `{}`, `%value`.
    Display,
    /// A tracing field's value as it is (`email = value`).
    Value,
}

/// A local, a parameter or `self`, and the fields read from it:
/// `user.email` is `user` with `["email"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub root: String,
    pub fields: Vec<String>,
    /// Read through a method that opens a redacting wrapper (`expose_secret()`).
    pub revealed: bool,
}

impl Place {
    /// As written: `user.email`.
    pub fn text(&self) -> String {
        std::iter::once(self.root.as_str())
            .chain(self.fields.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// What the code states of a value's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeOf {
    /// Written: a parameter's type, `let x: T`, a struct literal, `Self`.
    Shape(Shape),
    /// What calling the function at this path returns (`load_user`, `User::find`).
    Call(Vec<String>),
    /// What calling a method of this name returns.
    Method(String),
    /// The type of a field of a value of the inner type.
    Field(Box<TypeOf>, String),
    /// A type argument of the inner type: what `?`, `.unwrap()`, `Some(x)`
    /// (0) or `Err(e)` (1) take out of an `Option`, a `Result` or a `Vec`.
    Argument(Box<TypeOf>, usize),
}

/// A value that reaches a sink.
#[derive(Debug, Clone)]
pub struct Reach {
    pub place: Place,
    /// What the code states of the type of the place's root.
    pub root_type: Option<TypeOf>,
    pub how: How,
    /// The local it reached the sink through: `m` of `let m = format!("{}", x)`.
    pub via: Option<String>,
    /// The sink as written: `tracing::info!`, `println!`, `#[instrument]`, `.expect(..)`.
    pub sink: String,
    /// Where the value is printed.
    pub span: Span,
    /// The enclosing function: `login`, `Api::login`.
    pub function: String,
    /// In test code: a `#[test]` function, a `#[cfg(test)]` module, a test file.
    pub in_test: bool,
    /// Checks allowed there by a comment directive (on the line above the
    /// sink or the function, or at the top of the file).
    pub allowed: Vec<String>,
}

/// A function of the file and the type it returns.
#[derive(Debug, Clone)]
pub struct Signature {
    /// The type of its `impl` block (last segment), for a method.
    pub owner: Option<String>,
    pub name: String,
    pub output: Shape,
}

/// What the function bodies of one file print.
#[derive(Debug, Default)]
pub struct Bodies {
    /// The file, as reports name it.
    pub path: String,
    pub reaches: Vec<Reach>,
    pub signatures: Vec<Signature>,
}

/// Reads the bodies of one file (after its BOM). `test_file`: the whole
/// file is test code. `None` when the file does not parse: its items are
/// still checked, and the unparsable check reports them.
pub fn read(path: &str, text: &str, test_file: bool) -> Option<Bodies> {
    let file = syn::parse_file(text).ok()?;
    let scan = super::prescan::scan(text);
    let file_allowed = super::directives::file_allowed(&scan.directives);
    let mut visitor = visit::BodyVisitor::new(path, test_file, &scan.directives, file_allowed);
    syn::visit::Visit::visit_file(&mut visitor, &file);
    let bodies = visitor.finish();
    proc_macro2::extra::invalidate_current_thread_spans();
    Some(bodies)
}

/// A position of a syn span in the file.
fn position(at: proc_macro2::LineColumn) -> Position {
    Position {
        line: at.line as u32,
        column: at.column as u32 + 1,
    }
}

fn span_of(span: proc_macro2::Span) -> Span {
    Span {
        start: position(span.start()),
        end: position(span.end()),
    }
}

/// The directives that apply to a line, or to a function whose text runs
/// from `first_line` (its attributes) to `name_line`.
fn allowed_at(
    directives: &[Directive],
    file_allowed: &[String],
    line: u32,
    function_lines: (u32, u32),
) -> Vec<String> {
    let mut allowed = file_allowed.to_vec();
    for directive in directives.iter().filter(|d| !d.file_level) {
        let target = directive.line + 1;
        if target == line || (function_lines.0..=function_lines.1).contains(&target) {
            allowed.extend(directive.allowed.iter().cloned());
        }
    }
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reaches(text: &str) -> Vec<String> {
        let bodies = read("src/lib.rs", text, false).expect("parses");
        bodies
            .reaches
            .iter()
            .map(|r| {
                format!(
                    "{} {:?} {} {:?}{}{}",
                    r.function,
                    r.how,
                    r.place.text(),
                    r.root_type,
                    r.via
                        .as_ref()
                        .map_or(String::new(), |v| format!(" via {v}")),
                    if r.in_test { " test" } else { "" },
                )
            })
            .collect()
    }

    fn user() -> Option<TypeOf> {
        Some(TypeOf::Shape(Shape::Name(crate::model::Name::new("User"))))
    }

    #[test]
    fn sinks_name_what_they_print_with_the_stated_types() {
        let found = reaches(
            "fn f(user: &User, n: u32) {\n    info!(n, \"{} {user:?}\", user.email);\n    let m = format!(\"{}\", user.email);\n    eprintln!(\"{m}\");\n}",
        );
        let user = format!("{:?}", user());
        assert_eq!(
            found,
            [
                format!("f Debug user {user}"),
                "f Value n Some(Shape(Name(\"u32\")))".to_string(),
                format!("f Display user.email {user}"),
                format!("f Display user.email {user} via m"),
                "f Display m None".to_string(),
            ]
        );
    }

    #[test]
    fn to_string_prints_the_display_however_the_string_is_formatted() {
        let found =
            reaches("fn f(e: E) {\n    println!(\"{:?} {:?}\", e.to_string(), e.clone());\n}");
        let e = format!(
            "{:?}",
            Some(TypeOf::Shape(Shape::Name(crate::model::Name::new("E"))))
        );
        assert_eq!(
            found,
            [format!("f Display e {e}"), format!("f Debug e {e}")]
        );
    }

    #[test]
    fn instrument_skips_and_test_code_is_marked() {
        let found = reaches(
            "#[instrument(skip(db))]\nfn g(db: Db, user: User) {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { let user = User::new(); dbg!(user); }\n}",
        );
        let user = format!("{:?}", user());
        assert_eq!(
            found,
            [
                format!("g Debug user {user}"),
                "t Debug user Some(Call([\"User\", \"new\"])) test".to_string(),
            ]
        );
    }

    #[test]
    fn a_directive_above_the_call_or_the_function_allows_it() {
        let text = "use std::fmt;\n// collects: allow(log-leak) -- shown to its owner\nfn f(p: &str) { println!(\"{p}\"); }\nfn g(p: &str) {\n    // collects: allow(CL0009)\n    println!(\"{p}\");\n    println!(\"{p}\");\n}";
        let bodies = read("src/lib.rs", text, false).unwrap();
        let allowed: Vec<usize> = bodies.reaches.iter().map(|r| r.allowed.len()).collect();
        assert_eq!(allowed, [1, 1, 0]);
    }

    #[test]
    fn a_file_that_does_not_parse_has_no_bodies() {
        assert!(read("src/lib.rs", "fn f( {", false).is_none());
    }
}
