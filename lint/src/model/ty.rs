//! A field's type as a structured value: built once by a reader, then read by
//! every rule without lexing text again. `Vec<stripe::Card>` is a path whose
//! last segment `Vec` has one type argument, the path `stripe::Card`.

use std::fmt;

/// A type as written in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type {
    /// The source text, whitespace collapsed: what reports show.
    written: String,
    shape: Shape,
}

/// The structure of a type. Lifetimes, const arguments and array lengths are
/// left out: no rule reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `T`, `std::vec::Vec<T>`, `<T as Trait>::Out`: segments, outermost first.
    Path(Vec<Segment>),
    /// `&'a mut T`, `*const T`.
    Pointer(Box<Shape>),
    /// `(A, B)`; `()` has no elements.
    Tuple(Vec<Shape>),
    /// `[T; N]`.
    Array(Box<Shape>),
    /// `[T]`.
    Slice(Box<Shape>),
    /// `dyn A + B`, `impl A + 'a`: the traits' paths.
    Traits(Vec<Vec<Segment>>),
    /// `fn(A, B) -> C`.
    Function {
        inputs: Vec<Shape>,
        output: Option<Box<Shape>>,
    },
    /// `!`, `_`: nothing to read.
    Opaque,
}

/// One segment of a path: `Vec<T>` is the name `Vec` with the argument `T`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub name: String,
    /// Type arguments, in order; `Iterator<Item = T>` gives `T`.
    pub args: Vec<Shape>,
}

impl Segment {
    pub fn new(name: impl Into<String>, args: Vec<Shape>) -> Segment {
        Segment {
            name: name.into(),
            args,
        }
    }
}

impl Type {
    /// A type from its source text (any whitespace; it is collapsed here) and
    /// the shape a reader built for it.
    pub fn new(source: &str, shape: Shape) -> Type {
        Type {
            written: collapse_whitespace(source),
            shape,
        }
    }

    /// Reads a type from text with syn (tests, and types outside any item).
    pub fn parse(source: &str) -> Option<Type> {
        let ty = syn::parse_str::<syn::Type>(source).ok()?;
        Some(Type::new(source, Shape::of_syn(&ty)))
    }

    /// The type as written, whitespace collapsed.
    pub fn written(&self) -> &str {
        &self.written
    }

    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The names of the type, outermost first, each path reduced to its last
    /// segment: `Option<Vec<stripe::Card>>` gives `Option`, `Vec`, `Card`.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.shape.push_names(&mut out);
        out
    }

    /// Whether it is a tuple, an array or a slice (`(f64, f64)`, `[u8; 16]`).
    pub fn is_sequence(&self) -> bool {
        matches!(
            self.shape,
            Shape::Tuple(_) | Shape::Array(_) | Shape::Slice(_)
        )
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl Shape {
    fn push_names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Shape::Path(segments) => push_path_names(segments, out),
            Shape::Pointer(inner) | Shape::Array(inner) | Shape::Slice(inner) => {
                inner.push_names(out)
            }
            Shape::Tuple(elements) => elements.iter().for_each(|e| e.push_names(out)),
            Shape::Traits(paths) => paths.iter().for_each(|p| push_path_names(p, out)),
            Shape::Function { inputs, output } => {
                inputs.iter().for_each(|i| i.push_names(out));
                if let Some(output) = output {
                    output.push_names(out);
                }
            }
            Shape::Opaque => {}
        }
    }

    /// The shape of a type syn has read.
    pub fn of_syn(ty: &syn::Type) -> Shape {
        match ty {
            syn::Type::Path(p) => {
                let mut segments = Vec::new();
                if let Some(q) = &p.qself {
                    // `<T as Trait>::Out`: the qualified type comes first.
                    if let Shape::Path(inner) = Shape::of_syn(&q.ty) {
                        segments.extend(inner);
                    }
                }
                segments.extend(p.path.segments.iter().map(segment_of_syn));
                Shape::Path(segments)
            }
            syn::Type::Reference(r) => Shape::Pointer(Box::new(Shape::of_syn(&r.elem))),
            syn::Type::Ptr(p) => Shape::Pointer(Box::new(Shape::of_syn(&p.elem))),
            syn::Type::Tuple(t) => Shape::Tuple(t.elems.iter().map(Shape::of_syn).collect()),
            syn::Type::Array(a) => Shape::Array(Box::new(Shape::of_syn(&a.elem))),
            syn::Type::Slice(s) => Shape::Slice(Box::new(Shape::of_syn(&s.elem))),
            syn::Type::Paren(p) => Shape::of_syn(&p.elem),
            syn::Type::Group(g) => Shape::of_syn(&g.elem),
            syn::Type::TraitObject(t) => Shape::Traits(traits_of_syn(&t.bounds)),
            syn::Type::ImplTrait(t) => Shape::Traits(traits_of_syn(&t.bounds)),
            // `Token![=]`: a macro type is named by its macro's path.
            syn::Type::Macro(m) => {
                Shape::Path(m.mac.path.segments.iter().map(segment_of_syn).collect())
            }
            syn::Type::BareFn(f) => Shape::Function {
                inputs: f.inputs.iter().map(|a| Shape::of_syn(&a.ty)).collect(),
                output: match &f.output {
                    syn::ReturnType::Default => None,
                    syn::ReturnType::Type(_, ty) => Some(Box::new(Shape::of_syn(ty))),
                },
            },
            _ => Shape::Opaque,
        }
    }
}

fn push_path_names<'a>(segments: &'a [Segment], out: &mut Vec<&'a str>) {
    if let Some(last) = segments.last() {
        out.push(&last.name);
    }
    for segment in segments {
        segment.args.iter().for_each(|a| a.push_names(out));
    }
}

fn segment_of_syn(segment: &syn::PathSegment) -> Segment {
    let args = match &segment.arguments {
        syn::PathArguments::None => Vec::new(),
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(Shape::of_syn(ty)),
                syn::GenericArgument::AssocType(binding) => Some(Shape::of_syn(&binding.ty)),
                _ => None,
            })
            .collect(),
        // `Fn(A) -> B` as a path: its inputs, then its output.
        syn::PathArguments::Parenthesized(p) => {
            let mut args: Vec<Shape> = p.inputs.iter().map(Shape::of_syn).collect();
            if let syn::ReturnType::Type(_, ty) = &p.output {
                args.push(Shape::of_syn(ty));
            }
            args
        }
    };
    Segment::new(unraw(&segment.ident.to_string()), args)
}

fn traits_of_syn(
    bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>,
) -> Vec<Vec<Segment>> {
    bounds
        .iter()
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => {
                Some(t.path.segments.iter().map(segment_of_syn).collect())
            }
            _ => None,
        })
        .collect()
}

fn unraw(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_string()
}

/// Source text with each run of whitespace reduced to what Rust needs or
/// rustfmt puts there: `HashMap<\n  String,\n  u32>` reads `HashMap<String, u32>`.
pub fn collapse_whitespace(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let before = out.chars().next_back().unwrap_or(' ');
        let after = chars.peek().copied().unwrap_or(' ');
        if keeps_space(before, after) {
            out.push(' ');
        }
    }
    out
}

/// Whether a space between `before` and `after` stays when collapsing. None
/// stays inside parentheses or brackets, as proc-macro2 prints groups:
/// `(A, B,\n)` reads `(A, B,)`.
fn keeps_space(before: char, after: char) -> bool {
    if matches!(before, '(' | '[') || matches!(after, ')' | ']') {
        return false;
    }
    let word = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '\'' || ch == '"';
    (word(before) && word(after))
        || matches!(before, ',' | ';' | '=')
        || after == '='
        || before == '+'
        || after == '+'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<String> {
        let ty = Type::parse(source).expect("a type");
        ty.names().into_iter().map(str::to_string).collect()
    }

    #[test]
    fn names_are_outermost_first_with_paths_reduced() {
        assert_eq!(
            names("Option<Vec<stripe::Card>>"),
            ["Option", "Vec", "Card"]
        );
        assert_eq!(
            names("HashMap<String, Vec<u8>>"),
            ["HashMap", "String", "Vec", "u8"]
        );
        assert_eq!(names("&'a mut [r#type::Email]"), ["Email"]);
        assert_eq!(names("(f64, f64)"), ["f64", "f64"]);
        assert_eq!(
            names("Box<dyn Fn(String) -> u32 + Send>"),
            ["Box", "Fn", "String", "u32", "Send"]
        );
        assert_eq!(names("<T as Iterator>::Item"), ["Item"]);
        assert_eq!(names("impl Iterator<Item = Phone>"), ["Iterator", "Phone"]);
        assert_eq!(names("fn(Email) -> bool"), ["Email", "bool"]);
        assert_eq!(names("Option<syn::Token![=]>"), ["Option", "Token"]);
    }

    #[test]
    fn sequences_are_told_apart() {
        assert!(Type::parse("[u8; 16]").unwrap().is_sequence());
        assert!(Type::parse("(f64, f64)").unwrap().is_sequence());
        assert!(!Type::parse("&[u8]").unwrap().is_sequence());
        assert!(!Type::parse("Vec<u8>").unwrap().is_sequence());
    }

    #[test]
    fn written_text_is_collapsed_like_rustfmt() {
        let ty = Type::parse("HashMap<\n    String,\n    Vec<u8>,\n>").unwrap();
        assert_eq!(ty.to_string(), "HashMap<String, Vec<u8>, >");
        assert_eq!(collapse_whitespace("&'a  str"), "&'a str");
        assert_eq!(
            collapse_whitespace("Box<dyn A +  Send>"),
            "Box<dyn A + Send>"
        );
        assert_eq!(collapse_whitespace("[u8 ; 4]"), "[u8; 4]");
        assert_eq!(
            collapse_whitespace("( String,\n    u32,\n)"),
            "(String, u32,)"
        );
    }
}
