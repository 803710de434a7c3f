#[derive(Debug, Collects)] struct A;

#[derive(Debug, collects::Collects)] struct A;

#[derive(Debug = 1, Collects)] struct A;

#[derive(::collects::Collects)] struct A;

#[derive] #[derive = "x"] #[derive()] #[derive(r#Collects)] struct A;

#[cfg_attr(x, derive(Collects))] struct A;

/// a
/// b
/** c */ #[doc = "d"] #[doc = r"e"] #[doc = "f\n"] #[doc(hidden)] #[doc = concat!("g")] struct A;

struct A { #[serde(rename = "mail")] a: u8 }

struct A { #[serde(rename = "a")] #[serde(default, rename = "b")] a: u8 }

struct A { #[serde(rename(serialize = "a"))] a: u8 }

struct A { #[serde(rename = "a", rename(serialize = "b"), rename = "c")] a: u8 }

struct A { #[serde(default = "x", rename = "b")] a: u8 }

struct A { #[serde(skip_serializing_if = "Option::is_none", with = "x")] a: u8 }

struct A { #[serde(rename = 5, rename = "z")] a: u8 }

struct A { #[serde(rename = "a\"b")] a: u8 }

struct A { #[serde(rename = r"ab")] a: u8 }

struct A { #[serde(bound(serialize = "T: X"), rename = "r")] a: u8 }

struct A { #[serde(rename)] #[serde] #[serde = "x"] a: u8 }

struct A { #[serde("lit", rename = "x")] a: u8 }

struct A { #[serde(a = -1, rename = "x")] a: u8 }

struct A { #[serde[rename = "x"]] a: u8 }

struct A { #[redact] #[sensitive(Secret)] #[metastructure(pii = "true")] #[a::b(c)] #[::a] #[x = 1] #[y{ z }] #[q()] #[w{}] a: u8 }

struct A { #[validate(length(min = 1, max = 10), email)] #[arg(long, default_value_t = 5)] a: u8 }

struct A { #[attr(a = "[x] ) }")] a: u8 }

struct A { #[cfg_attr(feature = "serde", serde(rename = "x"))] a: u8 }

struct A { /// doc with ] and "quotes"
 #[doc = "more"] a: u8 }

struct A { #[deprecated = "x"] #[path = concat!("a")] a: u8 }
