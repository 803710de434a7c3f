use super::*;

/// The text of every item found.
fn items(src: &str) -> Vec<&str> {
    scan(src)
        .items
        .iter()
        .map(|it| &src[it.start..it.end])
        .collect()
}

fn check(src: &str, expect: &[&str]) {
    assert_eq!(items(src), expect, "source: {src:?}");
}

/// Directives as `line:names:reason:file_level`, malformed as `line:!`.
fn dirs(src: &str) -> Vec<String> {
    let s = scan(src);
    let mut v: Vec<(u32, String)> = s
        .directives
        .iter()
        .map(|d| {
            (
                d.line,
                format!(
                    "{}:{}:{}:{}",
                    d.line,
                    d.allowed.join(","),
                    d.reason.as_deref().unwrap_or("-"),
                    if d.file_level { "file" } else { "item" }
                ),
            )
        })
        .collect();
    v.extend(
        s.malformed_directives
            .iter()
            .map(|l| (*l, format!("{l}:!"))),
    );
    v.sort();
    v.into_iter().map(|(_, s)| s).collect()
}

fn check_dirs(src: &str, expect: &[&str]) {
    assert_eq!(dirs(src), expect, "source: {src:?}");
}

// ----- items: basic shapes -----

#[test]
fn unit_struct() {
    check("struct A;", &["struct A;"]);
}
#[test]
fn tuple_struct() {
    check("struct A(u8);", &["struct A(u8);"]);
}
#[test]
fn named_struct() {
    check("struct A { x: u8 }", &["struct A { x: u8 }"]);
}
#[test]
fn enum_item() {
    check(
        "enum E { A, B(u8), C { x: u8 } } fn f() {}",
        &["enum E { A, B(u8), C { x: u8 } }"],
    );
}
#[test]
fn union_item() {
    check("union U { a: u8, b: u16 }", &["union U { a: u8, b: u16 }"]);
}
#[test]
fn union_generic() {
    check("union U<T: Copy> { a: T }", &["union U<T: Copy> { a: T }"]);
}
#[test]
fn union_where() {
    check(
        "union U<T> where T: Copy { a: T }",
        &["union U<T> where T: Copy { a: T }"],
    );
}
#[test]
fn union_as_variable_is_not_item() {
    check(
        "let union = a.union(&b); fn union<T>() {} use x::union;",
        &[],
    );
}
#[test]
fn union_loop_var_is_not_item() {
    check("for union in unions { }", &[]);
}
#[test]
fn several_items() {
    check(
        "struct A; struct B(u8);\nenum C {}",
        &["struct A;", "struct B(u8);", "enum C {}"],
    );
}
#[test]
fn tuple_struct_with_where() {
    check(
        "struct C<T>(T) where T: X;",
        &["struct C<T>(T) where T: X;"],
    );
}
#[test]
fn named_struct_with_where() {
    check(
        "struct C<T> where T: Fn() -> u8 { t: T } x",
        &["struct C<T> where T: Fn() -> u8 { t: T }"],
    );
}
#[test]
fn const_generic_default_braces() {
    check(
        "struct S<const N: usize = { 3 }> { a: [u8; N] }",
        &["struct S<const N: usize = { 3 }> { a: [u8; N] }"],
    );
}
#[test]
fn const_generic_arg_in_where() {
    check(
        "struct S where T: Foo<{ 3 }> { a: u8 }",
        &["struct S where T: Foo<{ 3 }> { a: u8 }"],
    );
}
#[test]
fn generics_with_arrow_bound() {
    check(
        "struct S<F: Fn(u8) -> Vec<u8>> { f: F }",
        &["struct S<F: Fn(u8) -> Vec<u8>> { f: F }"],
    );
}
#[test]
fn shift_in_array_length() {
    check(
        "struct A([u8; 1 << 3]); struct B;",
        &["struct A([u8; 1 << 3]);", "struct B;"],
    );
}
#[test]
fn enum_discriminant_expressions() {
    check(
        "enum E { A = 1 << 2, B = { 3 } }",
        &["enum E { A = 1 << 2, B = { 3 } }"],
    );
}
#[test]
fn lifetimes_in_generics() {
    check(
        "struct A<'a, 'b: 'a> { x: &'a str }",
        &["struct A<'a, 'b: 'a> { x: &'a str }"],
    );
}
#[test]
fn raw_identifier_name() {
    check("struct r#type { a: u8 }", &["struct r#type { a: u8 }"]);
}

// ----- items: prefix -----

#[test]
fn visibility_pub() {
    check("pub struct A;", &["pub struct A;"]);
}
#[test]
fn visibility_restricted() {
    check("pub(crate) struct A;", &["pub(crate) struct A;"]);
    check(
        "pub(in crate::a) enum E {}",
        &["pub(in crate::a) enum E {}"],
    );
}
#[test]
fn attribute_and_doc_prefix() {
    check(
        "fn f() {}\n/// Doc.\n#[derive(Debug)]\npub struct A;",
        &["/// Doc.\n#[derive(Debug)]\npub struct A;"],
    );
}
#[test]
fn block_doc_prefix() {
    check("/** Doc. */ struct A;", &["/** Doc. */ struct A;"]);
}
#[test]
fn plain_comment_before_attributes_excluded() {
    check(
        "// note\n#[derive(X)]\nstruct A;",
        &["#[derive(X)]\nstruct A;"],
    );
}
#[test]
fn plain_block_comment_not_doc() {
    check(
        "/* x */ struct A; /**/ struct B; /*** c */ struct C;",
        &["struct A;", "struct B;", "struct C;"],
    );
}
#[test]
fn plain_comment_between_attributes_included() {
    check(
        "#[a]\n// note\n#[b]\nstruct A;",
        &["#[a]\n// note\n#[b]\nstruct A;"],
    );
}
#[test]
fn nested_attribute_brackets_and_strings() {
    check(
        "#[cfg_attr(x, derive(Y))] #[doc = \"a ] b\"] #[s(rename = \"[\")] struct A;",
        &["#[cfg_attr(x, derive(Y))] #[doc = \"a ] b\"] #[s(rename = \"[\")] struct A;"],
    );
}
#[test]
fn attribute_on_other_item_not_included() {
    check("#[test]\nfn f() { struct A; }", &["struct A;"]);
    check("#[a] let x = 1; struct A;", &["struct A;"]);
}
#[test]
fn inner_attribute_not_included() {
    check("#![allow(x)]\nstruct A;", &["struct A;"]);
}
#[test]
fn four_slashes_is_not_doc() {
    check("//// x\nstruct A;", &["struct A;"]);
}
#[test]
fn struct_word_in_attribute_not_item() {
    check("#[my(struct X)] fn f() {}", &[]);
}

// ----- items: nesting -----

#[test]
fn nested_in_mod_impl_fn() {
    check(
        "mod m { struct A; } impl X { fn f() { enum B {} } } fn g() { { { struct C(u8); } } }",
        &["struct A;", "enum B {}", "struct C(u8);"],
    );
}
#[test]
fn leading_items_of_macro_bodies_are_read() {
    check(
        "bitflags! { struct F: u8 { const A = 1; } } macro_rules! m { ($v:vis struct $n:ident) => {} } foo!(struct X;); bar![enum Y {}]; struct Z;",
        &["struct X;", "enum Y {}", "struct Z;"],
    );
    // What follows a `struct Name:` (no item) is still read.
    check(
        "bitflags! { struct F: u8 { const A = 1; } struct G; }",
        &["struct G;"],
    );
    check(
        "auto_derived!(\n    /// A user.\n    #[derive(Debug)]\n    pub struct User { email: String }\n    pub(crate) enum E { A }\n    , \"PartialUser\", struct Not;\n);",
        &[
            "/// A user.\n    #[derive(Debug)]\n    pub struct User { email: String }",
            "pub(crate) enum E { A }",
        ],
    );
    check(
        "// A comment.\na::b::m! { struct A; }\n#[cfg(x)]\n::m! { struct B; }",
        &["struct A;", "struct B;"],
    );
    assert!(scan("m! { struct A; } n! {} o! { enum B {} }").macro_bodies == 2);
    // A `#` or `$` in a comment or a literal is no template.
    check(
        "m!(\n    /// # User\n    /// Costs $5.\n    #[serde(rename = \"#x\")]\n    pub struct User { name: String }\n);",
        &["/// # User\n    /// Costs $5.\n    #[serde(rename = \"#x\")]\n    pub struct User { name: String }"],
    );
}
#[test]
fn macro_templates_and_expressions_are_not_read() {
    check(
        "quote! { #[derive(X)] struct #name { #field: #ty } } q! { $(struct $n;)* } m! { #(struct A;)* }",
        &[],
    );
    check(
        "fn f() { let x = m!(struct A;); g(m!(struct B;), n! { struct C; }); }",
        &[],
    );
    check("m! { fn f() {} struct A; } n! { mod m { struct B; } }", &[]);
    check("m! { struct A { x: u8 }", &[]);
}
#[test]
fn macro_with_space_before_bang_and_tree() {
    check("m ! { struct A; } struct B;", &["struct A;", "struct B;"]);
}
#[test]
fn not_operator_is_not_macro() {
    check(
        "fn f() { if !(a) { struct A; } while !x { struct B; } let c = !(d); }",
        &["struct A;", "struct B;"],
    );
}
#[test]
fn macro_rules_with_parens_body() {
    check(
        "macro_rules! m ( (struct) => {} ); struct B;",
        &["struct B;"],
    );
}
#[test]
fn item_after_ne_operator() {
    check("fn f() { a != b; } struct A;", &["struct A;"]);
}
#[test]
fn never_type_is_not_macro() {
    check("fn f() -> ! { struct A; loop {} }", &["struct A;"]);
}

// ----- lexical skipping -----

#[test]
fn word_boundaries() {
    check(
        "let my_struct = structure; enumerate(); unions(); struct_x;",
        &[],
    );
}
#[test]
fn raw_identifier_keyword_is_not_keyword() {
    check("let r#struct = 1; r#enum(); struct A;", &["struct A;"]);
}
#[test]
fn line_comments() {
    check("// struct A;\nstruct B;", &["struct B;"]);
}
#[test]
fn nested_block_comments() {
    check("/* /* struct A; */ struct B; */ struct C;", &["struct C;"]);
}
#[test]
fn strings_with_escapes() {
    check(
        r#"let s = "struct A; \" struct B; \\"; struct C;"#,
        &["struct C;"],
    );
}
#[test]
fn byte_strings() {
    check(r#"let s = b"struct \" A;"; struct C;"#, &["struct C;"]);
}
#[test]
fn raw_strings() {
    check(r###"let s = r"struct A;\"; struct B;"###, &["struct B;"]);
    check(r###"let s = r#"struct " A;"#; struct B;"###, &["struct B;"]);
    check(
        r####"let s = r##"struct "# A;"##; struct B;"####,
        &["struct B;"],
    );
    check(
        r###"let s = br#"struct " A;"#; let t = cr"\"; struct B;"###,
        &["struct B;"],
    );
}
#[test]
fn char_literals() {
    check(
        r#"let c = '"'; let d = '\''; let e = '\u{1F600}'; let f = b'"'; let g = '\\'; struct A;"#,
        &["struct A;"],
    );
    check(
        "let c = 'é'; let d = '😀'; let e = '{'; struct A { x: u8 }",
        &["struct A { x: u8 }"],
    );
}
#[test]
fn lifetimes_are_not_chars() {
    check(
        "fn f<'a>(x: &'a str) -> &'static str { \"'\" } struct A;",
        &["struct A;"],
    );
}
#[test]
fn label_named_union_is_not_item() {
    check("'union: loop { break 'union; } struct A;", &["struct A;"]);
}
#[test]
fn strings_and_chars_in_body() {
    check(
        "struct A { #[s(rename = \"}\")] a: u8, b: [u8; '}' as usize], /* } */ c: u8 // }\n} x",
        &["struct A { #[s(rename = \"}\")] a: u8, b: [u8; '}' as usize], /* } */ c: u8 // }\n}"],
    );
}

// ----- robustness -----

#[test]
fn bom_crlf_nul_non_ascii() {
    check(
        "\u{feff}/// é\r\nstruct Ä {\r\n\0 x: u8 }\r\n",
        &["/// é\r\nstruct Ä {\r\n\0 x: u8 }"],
    );
}
#[test]
fn shebang() {
    check("#!/usr/bin/env run\nstruct A;", &["struct A;"]);
}
#[test]
fn unterminated_constructs() {
    check("struct A { x: u8", &["struct A { x: u8"]);
    check("struct A", &["struct A"]);
    check("struct", &[]);
    check("struct A; \"abc", &["struct A;"]);
    check("struct A; /* abc", &["struct A;"]);
    check("struct A; r#\"abc\"", &["struct A;"]);
    check("struct A; '", &["struct A;"]);
    check("struct A; '\\", &["struct A;"]);
    check("struct A; foo!{ struct", &["struct A;"]);
    check("#[derive(", &[]);
    check("#", &[]);
    check("!", &[]);
    check("/", &[]);
    check("\"\\", &[]);
    check("struct A<", &["struct A<"]);
    check("struct A { s: \"", &["struct A { s: \""]);
}
#[test]
fn stray_closer_ends_item() {
    check("fn f() { struct A } struct B;", &["struct A ", "struct B;"]);
}
#[test]
fn items_never_overlap() {
    check("pub(enum X) struct S;", &["enum X", "struct S;"]);
}
#[test]
fn every_prefix_scans() {
    for src in REAL_LOOKING {
        for (end, _) in src.char_indices() {
            let text = &src[..end];
            let s = scan(text);
            for w in s.items.windows(2) {
                assert!(w[0].end <= w[1].start, "{text:?}");
            }
            assert!(s.items.iter().all(|it| it.start <= it.end && it.end <= end));
        }
    }
}
#[test]
fn deep_nesting() {
    let src = format!(
        "struct A {{ x: {}u8{} }} struct B;",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let its = scan(&src).items;
    assert_eq!(its.len(), 2);
    assert_eq!(its[0].end, src.len() - " struct B;".len());
    let src = format!("fn f() {} struct A;", "{".repeat(100_000));
    assert_eq!(items(&src), ["struct A;"]);
}
#[test]
fn long_line_and_big_file() {
    let line = format!("// {}\n", "x".repeat(1 << 20));
    let mut src = line.clone();
    for i in 0..200_000 {
        src.push_str(&format!("struct S{i};\n"));
    }
    src.push_str(&line);
    let s = scan(&src);
    assert!(src.len() > 3_000_000);
    assert_eq!(s.items.len(), 200_000);
}

// ----- directives -----

#[test]
fn directive_basic() {
    check_dirs(
        "struct A {\n    // collects: allow(undeclared, CL0002) -- why not\n    x: u8,\n}",
        &["2:undeclared,CL0002:why not:item"],
    );
}
#[test]
fn directive_without_reason() {
    check_dirs(
        "fn f() {}\n// collects: allow(undeclared)\nstruct A;",
        &["2:undeclared:-:item"],
    );
    check_dirs(
        "fn f() {}\n// collects: allow(x) --  \nstruct A;",
        &["2:x:-:item"],
    );
}
#[test]
fn directive_spacing_and_trailing_comma() {
    check_dirs(
        "fn f(){}//collects:allow( a ,b, )--r\r\n",
        &["1:a,b:r:item"],
    );
}
#[test]
fn directive_file_level() {
    check_dirs(
            "\u{feff}//! Crate.\n#![allow(x)]\n/* c */\n// collects: allow(undeclared) -- generated\nstruct A;\n// collects: allow(x)\nstruct B;",
            &["4:undeclared:generated:file", "6:x:-:item"],
        );
}
#[test]
fn directive_after_outer_doc_not_file_level() {
    check_dirs(
        "/// Doc.\n// collects: allow(x)\nstruct A;",
        &["2:x:-:item"],
    );
}
#[test]
fn directive_after_code_not_file_level() {
    check_dirs("use a;\n// collects: allow(x)\n", &["2:x:-:item"]);
}
#[test]
fn directive_malformed() {
    check_dirs(
            "// collects: alow(x)\n// collects: allow()\n// collects: allow(x) because\n// collects allow(x)\n// collects: allow(a b)\n// collects: allow(x\n// collects: allow(ok)\n",
            &["1:!", "2:!", "3:!", "4:!", "5:!", "6:!", "7:ok:-:file"],
        );
}
#[test]
fn not_directives() {
    check_dirs(
            "// this collects data\n/// collects: allow(x)\n//! collects: allow(x)\n/* collects: allow(x) */\n// collectsfoo\nlet s = \"// collects: allow(x)\";",
            &[],
        );
}
#[test]
fn directive_in_macro_body_ignored() {
    check_dirs(
        "m! {\n// collects: allow(x)\n}\n#[a(\n// collects: allow(y)\n)] struct A;",
        &[],
    );
}
#[test]
fn directive_lines_count_crlf() {
    check_dirs(
        "\r\n\r\nfn f(){}\r\n// collects: allow(a)\r\n",
        &["4:a:-:item"],
    );
}

// ----- every range parses -----

const REAL_LOOKING: &[&str] = &[
    r##"//! A module.
#![allow(dead_code)]
use std::collections::HashMap;

/// A user.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")] // trailing
pub struct User<'a, T: Clone = u8> where T: Default {
    /// Name, `}` in docs.
    pub name: &'a str,
    // collects: allow(undeclared) -- not personal
    #[serde(rename = "e-mail}")]
    email: String,
    extra: HashMap<String, Vec<T>>,
    f: fn(u8) -> u8,
}

impl<'a, T: Clone + Default> User<'a, T> {
    pub fn new(name: &'a str) -> Self {
        #[derive(Default)]
        struct Local { x: [u8; 4] }
        let _ = Local::default();
        let s = r#"struct NotMe { "# ;
        let c = '}';
        let u = union(1);
        assert!(!name.is_empty(), "struct {}", name);
        Self { name, email: String::new(), extra: HashMap::new(), f: |x| x }
    }
}

pub(crate) enum Shape {
    Circle { r: f64 },
    Rect(f64, f64),
    Unit = 3,
}

#[repr(C)]
union Bits { i: u32, f: f32 }

pub struct Tuple(pub u8, pub(crate) String);
struct Unit;
struct Gen<T>(T) where T: Copy;
struct Arr<const N: usize = { 2 + 1 }>([u8; N]);

macro_rules! make {
    ($name:ident) => { struct $name; };
}
make!(Made);
"##,
    r#"
mod inner {
    /** Block doc. */
    #[cfg(all(unix, not(target_os = "macos")))]
    pub(in crate::inner) struct Nested {
        a: Option<Box<dyn Fn(&str) -> Result<(), String> + Send>>,
        b: [[u8; 3]; 2],
    }

    fn f() {
        enum Inner { A, B }
        let _ = |x: u8| -> u8 { x };
        let r#struct = 1;
        let _ = 'label: loop { break 'label r#struct; };
    }
}

bitflags::bitflags! {
    pub struct Flags: u32 { const A = 1; }
}

#[non_exhaustive]
pub enum Error<E: std::error::Error + 'static> {
    Io(#[source] std::io::Error),
    Other { source: E, msg: &'static str },
}
"#,
];

#[test]
fn every_range_parses_with_syn() {
    let mut total = 0;
    for src in REAL_LOOKING {
        for it in scan(src).items.into_iter().filter(|it| !it.in_macro) {
            let text = &src[it.start..it.end];
            syn::parse_str::<syn::DeriveInput>(text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
            total += 1;
        }
    }
    assert_eq!(total, 11);
}

#[test]
fn real_looking_item_names() {
    let names: Vec<String> = REAL_LOOKING
        .iter()
        .flat_map(|src| {
            let items = scan(src).items.into_iter().filter(|it| !it.in_macro);
            items.map(move |it| {
                syn::parse_str::<syn::DeriveInput>(&src[it.start..it.end])
                    .unwrap()
                    .ident
                    .to_string()
            })
        })
        .collect();
    assert_eq!(
        names,
        [
            "User", "Local", "Shape", "Bits", "Tuple", "Unit", "Gen", "Arr", "Nested", "Inner",
            "Error"
        ]
    );
}
#[test]
fn use_declarations_are_found_outside_comments_and_strings() {
    let text = "use a::b;\nfn f() { let user = 1; let s = \"use x;\"; }\n// we use this;\npub use c::{d, e};\nstruct S { because: u8 }\nuse f(;";
    let found: Vec<&str> = scan(text).uses.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(found, ["use a::b;", "use c::{d, e};"]);
}

#[test]
fn cfg_test_modules_are_recorded_and_their_items_still_found() {
    let text = "struct A;\n#[cfg(test)]\n#[allow(dead_code)]\npub(crate) mod tests {\n    struct B { x: u8 }\n}\nstruct C;\n#[cfg(test)]\nfn f() {}\n#[cfg(not(test))]\nmod m {}\n";
    let s = scan(text);
    assert_eq!(s.items.len(), 3);
    assert_eq!(s.test_modules.len(), 1);
    let module = &text[s.test_modules[0].clone()];
    assert!(
        module.starts_with("#[cfg(test)]") && module.ends_with("}\n}"),
        "{module}"
    );
    assert!(s.test_modules[0].contains(&s.items[1].start));
    assert!(!s.test_modules[0].contains(&s.items[2].start));
    let inner = scan("#![cfg(test)]\nstruct D;\n");
    assert_eq!(inner.test_modules.len(), 1);
    assert_eq!(inner.test_modules[0].start, 0);
    assert!(inner.test_modules[0].contains(&inner.items[0].start));
}

#[test]
fn a_file_that_prints_logs_or_instruments_is_flagged() {
    for text in [
        "fn f() { println!(\"{}\", x); }",
        "fn f() { tracing::info!(?user); }",
        "#[tracing::instrument(skip(db))]\nasync fn f(db: Db) {}",
        "#[instrument]\nfn f() {}",
        "fn f() { assert_eq!(a, b) }",
    ] {
        assert!(scan(text).prints, "{text}");
    }
    for text in [
        "fn f() { format!(\"{}\", x); }",
        "fn f() { vec![1]; } // println!(\"x\")",
        "#[instrumentation]\nfn f() { let s = \"info!(x)\"; }",
        "struct S; macro_rules! info { () => {} }",
    ] {
        assert!(!scan(text).prints, "{text}");
    }
}
