//! A field's type as a structured value: built once by a reader, then read by
//! every rule without lexing text again. `Vec<stripe::Card>` is a path whose
//! last segment `Vec` has one type argument, the path `stripe::Card`.

use std::fmt;

/// A type as written in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type {
    /// The source text, whitespace collapsed: what reports show.
    written: Box<str>,
    shape: Shape,
}

/// The structure of a type. Lifetimes, const arguments and array lengths are
/// left out: no rule reads them (`Type::borrows_static` reads the written
/// text). Lists are boxed slices, allocated at their exact length (a tree of
/// 100,000 fields holds a few hundred thousand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `String`, `T`: a path of one segment without arguments, the most
    /// common type, kept without allocating. Never written as a `Path`.
    Name(Name),
    /// `std::vec::Vec<T>`, `Option<T>`, `<T as Trait>::Out`: segments,
    /// outermost first (see [`Shape::path`]).
    Path(Box<[Segment]>),
    /// `&'a mut T`, `*const T`.
    Pointer(Box<Shape>),
    /// `(A, B)`; `()` has no elements.
    Tuple(Box<[Shape]>),
    /// `[T; N]`.
    Array(Box<Shape>),
    /// `[T]`.
    Slice(Box<Shape>),
    /// `dyn A + B`, `impl A + 'a`: the traits' paths.
    Traits(Box<[Box<[Segment]>]>),
    /// `fn(A, B) -> C` (boxed: rare, and it would make every shape larger).
    Function(Box<FnShape>),
    /// `!`, `_`: nothing to read.
    Opaque,
}

/// A function pointer's inputs and output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FnShape {
    pub inputs: Box<[Shape]>,
    pub output: Option<Shape>,
}

/// One segment of a path: `Vec<T>` is the name `Vec` with the argument `T`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub name: Name,
    /// Type arguments, in order; `Iterator<Item = T>` gives `T`.
    pub args: Box<[Shape]>,
}

impl Segment {
    pub fn new(name: &str, args: Box<[Shape]>) -> Segment {
        Segment {
            name: Name::new(name),
            args,
        }
    }
}

/// The name of a path segment. Names of up to eight bytes (`String`,
/// `Option`, `u64`, `Entity`: most of them) are held inline, longer ones in a
/// box of their own; 16 bytes either way.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    /// The bytes, zero-padded (an identifier holds no zero byte).
    Inline([u8; 8]),
    Boxed(Box<str>),
}

impl Name {
    pub fn new(name: &str) -> Name {
        Name(match name.len() {
            1..=8 => {
                let mut bytes = [0; 8];
                bytes[..name.len()].copy_from_slice(name.as_bytes());
                Repr::Inline(bytes)
            }
            _ => Repr::Boxed(name.into()),
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(bytes) => {
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
                // Always valid: the bytes are a whole `&str`'s.
                std::str::from_utf8(&bytes[..len]).unwrap_or_default()
            }
            Repr::Boxed(name) => name,
        }
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Type {
    /// A type from its source text (any whitespace; it is collapsed here) and
    /// the shape a reader built for it.
    pub fn new(source: &str, shape: Shape) -> Type {
        Type {
            written: collapsed(source),
            shape,
        }
    }

    /// Reads a type from text with syn (the tests' way to write a type).
    #[cfg(test)]
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
        self.shape.each_path(&mut |path| out.push(path.last()));
        out
    }

    /// The paths of the type as written, in the order of [`Type::names`]:
    /// `Option<ruma::OwnedUserId>` gives `[Option]`, then `[ruma, OwnedUserId]`.
    pub fn paths(&self) -> Vec<Vec<&str>> {
        let mut out = Vec::new();
        self.shape.each_path(&mut |path| out.push(path.names()));
        out
    }

    /// Whether it borrows for `'static` (`&'static str`, `Option<&'static
    /// [u8]>`): the one lifetime a rule reads, from the written text, since
    /// the shape leaves lifetimes out.
    pub fn borrows_static(&self) -> bool {
        self.written.contains("&'static")
    }

    /// Whether it is a tuple, an array or a slice, borrowed or not (`(f64, f64)`,
    /// `[u8; 16]`, `&[u8]`).
    pub fn is_sequence(&self) -> bool {
        // A borrowed slice is as much a sequence as an owned one
        // (`recovery_password: &'a [u8]`).
        let mut shape = &self.shape;
        while let Shape::Pointer(inner) = shape {
            shape = inner;
        }
        matches!(shape, Shape::Tuple(_) | Shape::Array(_) | Shape::Slice(_))
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl Shape {
    /// The shape of the path `segments`: a [`Shape::Name`] when it is one
    /// segment without arguments.
    pub fn path(mut segments: Vec<Segment>) -> Shape {
        if segments.len() == 1 && segments[0].args.is_empty() {
            if let Some(segment) = segments.pop() {
                return Shape::Name(segment.name);
            }
        }
        Shape::Path(segments.into_boxed_slice())
    }

    /// Calls `visit` with each path in the shape, outermost first, as its
    /// segments' names; a path's type arguments come after it.
    fn each_path<'a>(&'a self, visit: &mut impl FnMut(PathRef<'a>)) {
        match self {
            Shape::Name(name) => visit(PathRef::Name(name)),
            Shape::Path(segments) => each_path_of(segments, visit),
            Shape::Pointer(inner) | Shape::Array(inner) | Shape::Slice(inner) => {
                inner.each_path(visit)
            }
            Shape::Tuple(elements) => elements.iter().for_each(|e| e.each_path(visit)),
            Shape::Traits(paths) => paths.iter().for_each(|p| each_path_of(p, visit)),
            Shape::Function(function) => {
                function.inputs.iter().for_each(|i| i.each_path(visit));
                if let Some(output) = &function.output {
                    output.each_path(visit);
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
                    match Shape::of_syn(&q.ty) {
                        Shape::Path(inner) => segments.extend(inner.into_vec()),
                        Shape::Name(name) => segments.push(Segment {
                            name,
                            args: Box::default(),
                        }),
                        _ => {}
                    }
                }
                segments.extend(p.path.segments.iter().map(segment_of_syn));
                Shape::path(segments)
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
                Shape::path(m.mac.path.segments.iter().map(segment_of_syn).collect())
            }
            syn::Type::BareFn(f) => Shape::Function(Box::new(FnShape {
                inputs: f.inputs.iter().map(|a| Shape::of_syn(&a.ty)).collect(),
                output: match &f.output {
                    syn::ReturnType::Default => None,
                    syn::ReturnType::Type(_, ty) => Some(Shape::of_syn(ty)),
                },
            })),
            _ => Shape::Opaque,
        }
    }
}

/// A path in a shape, borrowed: a lone name or a path's segments.
#[derive(Clone, Copy)]
enum PathRef<'a> {
    Name(&'a Name),
    Segments(&'a [Segment]),
}

impl<'a> PathRef<'a> {
    fn last(self) -> &'a str {
        match self {
            PathRef::Name(name) => name.as_str(),
            PathRef::Segments(segments) => segments.last().map_or("", |s| s.name.as_str()),
        }
    }

    fn names(self) -> Vec<&'a str> {
        match self {
            PathRef::Name(name) => vec![name.as_str()],
            PathRef::Segments(segments) => segments.iter().map(|s| s.name.as_str()).collect(),
        }
    }
}

fn each_path_of<'a>(segments: &'a [Segment], visit: &mut impl FnMut(PathRef<'a>)) {
    if !segments.is_empty() {
        visit(PathRef::Segments(segments));
    }
    for segment in segments {
        segment.args.iter().for_each(|a| a.each_path(visit));
    }
}

fn segment_of_syn(segment: &syn::PathSegment) -> Segment {
    let args: Box<[Shape]> = match &segment.arguments {
        syn::PathArguments::None => Box::default(),
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
            args.into_boxed_slice()
        }
    };
    let ident = segment.ident.to_string();
    Segment::new(ident.strip_prefix("r#").unwrap_or(&ident), args)
}

fn traits_of_syn(
    bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>,
) -> Box<[Box<[Segment]>]> {
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

/// Source text with each run of whitespace reduced to what Rust needs or
/// rustfmt puts there: `HashMap<\n  String,\n  u32>` reads `HashMap<String, u32>`.
pub fn collapse_whitespace(source: &str) -> String {
    let source = source.trim();
    if !source.is_ascii() {
        return collapse_chars(source);
    }
    let b = source.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .position(|&c| is_space(c))
            .map_or(b.len(), |k| i + k);
        out.push_str(&source[i..run]);
        i = run;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if run < b.len() {
            let before = out.as_bytes().last().map_or(' ', |&c| c as char);
            let after = b.get(i).map_or(' ', |&c| c as char);
            if keeps_space(before, after) {
                out.push(' ');
            }
        }
    }
    out
}

/// [`collapse_whitespace`], allocated at its exact length: most types are
/// already collapsed (`Option<String>`, `HashMap<K, V>`) and are copied whole.
fn collapsed(source: &str) -> Box<str> {
    let b = source.as_bytes();
    let unchanged = source.is_ascii()
        && !matches!(b.first(), Some(&c) if is_space(c))
        && !matches!(b.last(), Some(&c) if is_space(c))
        && (1..b.len().saturating_sub(1)).all(|i| {
            !is_space(b[i])
                || (b[i] == b' '
                    && !is_space(b[i + 1])
                    && keeps_space(b[i - 1] as char, b[i + 1] as char))
        });
    if unchanged {
        source.into()
    } else {
        collapse_whitespace(source).into_boxed_str()
    }
}

/// ASCII whitespace as `char::is_whitespace` has it (vertical tab included).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// [`collapse_whitespace`] of a trimmed text with non-ASCII characters.
fn collapse_chars(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
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
    fn names_of_any_length_read_back() {
        for name in ["T", "Iterator", "PhantomData", "Größe", "Straßenname"] {
            assert_eq!(Name::new(name).as_str(), name);
        }
        assert_eq!(Name::new("Iterator"), Name::new("Iterator"));
        assert_ne!(Name::new("Iterato"), Name::new("Iterator"));
    }

    #[test]
    fn a_static_borrow_is_told_apart() {
        assert!(Type::parse("&'static str").unwrap().borrows_static());
        assert!(Type::parse("Option<&'static str>")
            .unwrap()
            .borrows_static());
        assert!(!Type::parse("&'a str").unwrap().borrows_static());
        assert!(!Type::parse("Cow<'static, str>").unwrap().borrows_static());
    }

    #[test]
    fn sequences_are_told_apart() {
        assert!(Type::parse("[u8; 16]").unwrap().is_sequence());
        assert!(Type::parse("(f64, f64)").unwrap().is_sequence());
        assert!(Type::parse("&[u8]").unwrap().is_sequence());
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
