//! The fast reader against syn, on hand-picked items.

use collects_grammar::Taxonomy;

use crate::checks::Finding;
use crate::model::Item;
use crate::source::{read_lexically, read_with_syn};

type Read = Option<(Item, Vec<Finding>)>;

/// Reads `src` (one item) both ways; returns (lexical, syn).
fn both(src: &str) -> (Read, Read) {
    let tax = Taxonomy::builtin();
    let fast = read_lexically("f.rs", src, 0..src.len(), &tax);
    let slow = read_with_syn("f.rs", src, 0..src.len(), &tax);
    (fast, slow)
}

/// The lexical reader reads `src` and agrees with syn.
fn same(src: &str) {
    let (fast, slow) = both(src);
    let syn_ok = slow.is_some();
    let fast = fast.unwrap_or_else(|| panic!("declined (syn reads it: {syn_ok}): {src}"));
    let slow = slow.unwrap_or_else(|| panic!("syn fails: {src}"));
    assert_eq!(format!("{:?}", fast), format!("{:?}", slow), "{src}");
}

/// The lexical reader declines `src` (syn then reads or rejects it).
fn declines(src: &str) {
    let (fast, _) = both(src);
    assert!(fast.is_none(), "read: {src}");
}

/// syn rejects `src`; the lexical reader must not accept it.
fn broken(src: &str) {
    let (fast, slow) = both(src);
    assert!(slow.is_none(), "syn reads: {src}");
    assert!(fast.is_none(), "read broken: {src}");
}

#[test]
fn shapes() {
    same("struct A;");
    same("struct A();");
    same("struct A {}");
    same("pub struct A(pub u8, String);");
    same("struct A { x: u8, y: String, }");
    same("enum E { A, B(u8), C { x: u8 }, }");
    same("enum E {}");
    same("union U { a: u8, b: f32 }");
    same("struct A where T: Copy;");
    same("struct A<T>(T) where T: Copy;");
    same("struct A<T> where T: Copy { t: T }");
    same("enum E<T> where T: Copy { A(T) }");
    same("union U<T: Copy> where T: Clone { a: T }");
    same("enum E { A = 1, B = -2, C = X, D = 1 << 3, E = { 3 }, F = b'a' }");
    same("enum E { #[cfg(x)] A, #[default] B { #[serde(rename = \"y\")] x: u8 } }");
    same("enum E { pub A }");
    // Every enum keeps its variants' docs and attributes here.
    same("enum E {\n    /// Bad {0}.\n    #[error(\"bad {0}\", .0)]\n    #[cfg_attr(x, error(\"y\"))]\n    #[doc = \"more\"]\n    Bad(String),\n    #[strum(to_string = \"{a}\")] #[collects(Contact::Email)] C { a: u8 },\n    #[error(fmt = a::b)] #[error = 1 + 2] D,\n}");
}

#[test]
fn names_positions_and_visibility() {
    same("struct r#type { r#struct: u8, pub(crate) b: u8, pub(in crate::a) c: u8, pub(self) d: u8, pub(super) e: u8 }");
    same("struct A(pub (crate::A, u8), pub(crate) u8);");
    same("\n\n  /// Doc\n  #[derive(Debug)]\n  pub struct Ä {\n\t é: u8, /** x */ ü: Vec<u8> }");
    same("struct A {\r\n    /// d\r\n    x: u8,\r\n}");
    same("struct A { /* é */ x: u8, /* é */ y: (u8, u16) }");
    same("struct A(/* é */ Vec<u8>, [u8; 4]);");
}

#[test]
fn types() {
    for ty in [
        "u8",
        "Vec<u8>",
        "HashMap<String, Vec<Option<Box<u8>>>>",
        "&'a str",
        "&'static mut [u8]",
        "&&T",
        "*const u8",
        "*mut *mut T",
        "[u8; 32]",
        "[u8; N]",
        "[u8; Self::N]",
        "[[u8; 3]; 2]",
        "[u8; 1 + 2]",
        "[u8; { f(a, b) }]",
        "[u8; size_of::<u64>()]",
        "(u8, u16)",
        "(u8,)",
        "()",
        "(u8)",
        "!",
        "_",
        "fn(u8) -> u8",
        "fn(x: u8, _: u16)",
        "unsafe extern \"C\" fn(*const u8)",
        "extern fn()",
        "for<'a> fn(&'a u8) -> &'a u8",
        "Box<dyn Fn(u8) -> u8 + Send + Sync + 'static>",
        "Box<dyn for<'a> Fn(&'a u8)>",
        "Box<dyn Error + Send + Sync>",
        "Box<dyn Error + 'a>",
        "&'a (dyn Error + Send)",
        "&dyn Fn() -> u8",
        "impl Iterator<Item = u8> + '_",
        "impl Iterator<Item=&'a u8>",
        "Box<dyn Iterator<Item = u8>>",
        "Pin<Box<dyn Future<Output = Result<(), E>> + Send>>",
        "::std::vec::Vec<u8>",
        "crate::a::B",
        "super::B",
        "self::B",
        "Self",
        "Option<Self>",
        "<T as Trait>::Assoc",
        "T::Assoc",
        "Vec::<u8>",
        "Foo<1>",
        "Foo<{ N + 1 }>",
        "Foo<'a, 'b, T>",
        "Foo<N, -1>",
        "Foo<true>",
        "Foo<\"x\">",
        "Foo<A: Clone>",
        "PhantomData<fn() -> T>",
        "PhantomData<*const ()>",
        "Box<Error + Send>",
        "m!(u8)",
        "ty![a, b]",
        "Box<(dyn Any)>",
        "r#type::r#struct",
        "Foo<Bar<Baz<Qux<u8>>>>",
        "Result<(), Box<dyn std::error::Error + Send + Sync + 'static>>",
        "dyn Fn(&mut Vec<u8>) -> Result<(), ()> + Send",
        "Cow<'static, str>",
        "Foo<[u8; 4]>",
        "Arc<Mutex<HashMap<u64, (String, Vec<u8>)>>>",
        "impl ?Sized + Send",
        "Box<dyn ?Sized + Send>",
    ] {
        same(&format!("struct A {{ x: {ty}, y: u8 }}"));
        same(&format!("struct A({ty}, u8);"));
    }
}

#[test]
fn attributes() {
    same("#[derive(Debug, Collects)] struct A;");
    same("#[derive(Debug, collects::Collects)] struct A;");
    same("#[derive(Debug = 1, Collects)] struct A;");
    same("#[derive(::collects::Collects)] struct A;");
    same("#[derive] #[derive = \"x\"] #[derive()] #[derive(r#Collects)] struct A;");
    same("#[cfg_attr(x, derive(Collects))] struct A;");
    same("/// a\n/// b\n/** c */ #[doc = \"d\"] #[doc = r\"e\"] #[doc = \"f\\n\"] #[doc(hidden)] #[doc = concat!(\"g\")] struct A;");
    same("struct A { #[serde(rename = \"mail\")] a: u8 }");
    same("struct A { #[serde(rename = \"a\")] #[serde(default, rename = \"b\")] a: u8 }");
    same("struct A { #[serde(rename(serialize = \"a\"))] a: u8 }");
    same("struct A { #[serde(rename = \"a\", rename(serialize = \"b\"), rename = \"c\")] a: u8 }");
    same("struct A { #[serde(default = \"x\", rename = \"b\")] a: u8 }");
    same("struct A { #[serde(skip_serializing_if = \"Option::is_none\", with = \"x\")] a: u8 }");
    same("struct A { #[serde(rename = 5, rename = \"z\")] a: u8 }");
    same("struct A { #[serde(rename = \"a\\\"b\")] a: u8 }");
    same("struct A { #[serde(rename = r\"ab\")] a: u8 }");
    same("struct A { #[serde(bound(serialize = \"T: X\"), rename = \"r\")] a: u8 }");
    same("struct A { #[serde(rename)] #[serde] #[serde = \"x\"] a: u8 }");
    same("struct A { #[serde(\"lit\", rename = \"x\")] a: u8 }");
    same("struct A { #[serde(a = -1, rename = \"x\")] a: u8 }");
    same("struct A { #[serde[rename = \"x\"]] a: u8 }");
    same("struct A { #[redact] #[sensitive(Secret)] #[metastructure(pii = \"true\")] #[a::b(c)] #[::a] #[x = 1] #[y{ z }] #[q()] #[w{}] a: u8 }");
    same("struct A { #[validate(length(min = 1, max = 10), email)] #[arg(long, default_value_t = 5)] a: u8 }");
    same(
        "struct A { #[attr(a=>b, c==d, e=&f, g+=h, 'a, x='c', \"s  t , u\", 1.0e-5, 0x1F)] a: u8 }",
    );
    same("struct A { #[attr(a = \"[x] ) }\")] a: u8 }");
    same("struct A { #[cfg_attr(feature = \"serde\", serde(rename = \"x\"))] a: u8 }");
    same("struct A { /// doc with ] and \"quotes\"\n #[doc = \"more\"] a: u8 }");
    same("struct A { #[deprecated = \"x\"] #[path = concat!(\"a\")] a: u8 }");
}

#[test]
fn collects_attributes_keep_their_spans() {
    same("#[collects(Contact::Email, purpose = Account)]\nstruct A {\n    #[collects(Contact::Emial, purpose = Acount)]\n    email: String,\n    #[collects(none, reason = \"x\")] #[collects(Contact::Phone)] b: u8,\n    #[collects] c: u8, #[collects = \"x\"] d: u8, #[collects(a::b::c::d)] e: u8\n}");
    same("enum E { A { #[collects(Identity::Name)] n: String }, #[collects(Contact::Email)] B(String) }");
}

#[test]
fn generics_and_where() {
    same("struct A<'a, 'b: 'a, T: Clone + 'a, U = u8, const N: usize = 3, V: ?Sized> { t: &'a T }");
    same("struct A<T: Fn(u8) -> u8, F: for<'a> Fn(&'a u8)> { t: T }");
    same("struct A<T> where T: Clone + Send, for<'a> &'a T: IntoIterator, 'a: 'b + 'c, { t: T }");
    same("struct A<T,> where T: , { t: T }");
    same("struct A<T: Iterator<Item = u8>> { t: T }");
}

#[test]
fn broken_items_are_declined() {
    for src in [
        "struct A { x: u8 y: u8 }",
        "struct A { x u8 }",
        "struct A { x: }",
        "struct A { x: u8,, }",
        "struct A { x: Vec<u8 }",
        "struct A { x: u8 u8 }",
        "struct A { x: &A + B }",
        "struct A { x: dyn 'a }",
        "struct A { x: impl 'a }",
        "struct A { type: u8 }",
        "struct A { r#self: u8 }",
        "struct type;",
        "struct A",
        "struct A { x: u8 } extra",
        "struct A(u8)",
        "struct A(u8) where T: X",
        "struct A { x: fn(u8 }",
        "enum E { A(u8) B }",
        "enum E { A = }",
        "union U(u8);",
        "struct A { #[a b] x: u8 }",
        "struct A { #![a] x: u8 }",
        "struct A { //! x\n x: u8 }",
        "struct A { x: u8 ` }",
        "struct A { x: [u8; ] }",
        "struct A { x: Fn(u8) }",
        "struct A { x: Box<Fn(u8)> }",
        "struct A { x: &'a }",
        "struct A { x: *u8 }",
        "struct A { x: (u8 u8) }",
        "struct A { x: \"abc }",
        "struct A { x: u8 /* }",
        "struct A { x: 'ab' }",
        "struct A { x: 0x }",
        "struct A { x: 1_u8x\u{e9} }",
        "struct A { x: u8 } }",
        "struct A { x: (u8] }",
        "pub(crate struct A;",
        "struct A { x: dyn for<'a> }",
        "struct A { x: Vec<u8>> }",
        "struct A<'a:, 'b> { x: u8, y: u8 u8 }",
        "#[struct(::collects::Collects)] struct A;",
        "struct A { #[a::fn] #[_] x: u8 }",
    ] {
        broken(src);
    }
}

#[test]
fn unusual_but_valid_items_are_read_or_declined_never_wrong() {
    for src in [
        "struct A { x: m!() }",
        "struct A { _: struct { a: u8 } }",
        "struct A { x: u8 } // trailing",
        "struct A { x: u8 } /* trailing */",
        "/// ok\nstruct A { x: u8 }",
        "struct A { x: Vec<u8>, }",
        "struct A(#[a] u8, /// doc\n u16);",
        "struct A { x: [u8; 0x10], y: [u8; 4usize], z: [u8; 1_000] }",
        "struct A { x: Foo<{ N }>, y: [u8; { N }] }",
        "struct A { x: <Vec<u8> as IntoIterator>::Item }",
        "struct A { x: Foo<Bar<>=u8> }",
        "enum E { A = 'a' as isize, B = foo::<A, B>(), C = |x| x }",
        "struct A { x: fn(...) }",
        "struct A { x: extern \"C\" fn(u8, ...) }",
        "struct A { x: (/*ERROR*/) }",
        "struct A<T> where { }",
        "struct A<T: > { }",
        "struct A { \u{a0}x: u8 }",
        "struct A { x: Foo<'a + Send> }",
        "struct A<#[may_dangle] T> { t: T }",
        "struct A<T> where <T as X>::Y: Z { t: T }",
        "struct A<T: ~const X> { t: T }",
        "struct A<const N: usize = { 2 + 1 }>([u8; N]);",
        "struct A { #[serde(rename = true, rename = \"z\")] a: u8 }",
        "struct A { #[serde(rename = -1, rename = \"z\")] a: u8 }",
    ] {
        let (fast, slow) = both(src);
        if let Some(fast) = fast {
            let slow = slow.unwrap_or_else(|| panic!("read broken: {src}"));
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{src}");
        }
    }
}

#[test]
fn common_items_are_read_lexically() {
    declines("struct A { x: u8 ` }");
    same("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n#[serde(rename_all = \"camelCase\")]\npub struct User {\n    /// The id.\n    pub id: u64,\n    #[serde(rename = \"e-mail\")]\n    pub email: Option<String>,\n    pub tags: Vec<(String, u32)>,\n}");
}
