struct A { x: [u8; { struct B; 3 }], s: &'static str }
const C: char = '"';
const D: &str = r#"struct X; " // collects: allow(x)"#;
bitflags! { pub struct Flags: u32 { const A = 1; } }
#[cfg(x)] enum E<T: Tr<Assoc = ()>> where T: Fn(u8) -> u8 { V = 1 >> 2 }
fn f<'a>(x: &'a u8) -> bool { !x.is_empty() } // collects: allow(undeclared)
struct Unclosed { a: (u8,
