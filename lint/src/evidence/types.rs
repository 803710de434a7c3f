//! What a type as written says: the names in it and what kind of value it holds.

/// What kind of value a type holds, after wrappers (`Option`, `Vec`, `Box`..).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Number,
    Time,
    Text,
    Other,
}

/// Wrappers that hold the same data as what they wrap.
const WRAPPERS: &[&str] = &[
    "Option",
    "Vec",
    "Box",
    "Arc",
    "Rc",
    "Cow",
    "RefCell",
    "Cell",
    "Mutex",
    "RwLock",
    "Mut",
    "VecDeque",
    "HashSet",
    "BTreeSet",
    "Nullable",
    "Maybe",
    "Json",
    "Sensitive",
    "Redacted",
    "Pii",
    "Zeroizing",
    "Expandable",
    "List",
    "Values",
];

/// The identifiers of a type, outermost first: `Option<Vec<stripe::Card>>` ->
/// `Option`, `Vec`, `Card` (paths reduced to their last segment).
pub fn idents(ty: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = ty.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphabetic() || bytes[i] == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            // Skip path prefixes: keep only the segment not followed by `::`.
            let followed_by_path = ty[i..].trim_start().starts_with("::");
            let word = &ty[start..i];
            let lifetime = start > 0 && bytes[start - 1] == b'\'';
            if !followed_by_path && !lifetime && !matches!(word, "mut" | "dyn" | "impl" | "const") {
                out.push(word);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The type with wrappers removed: `Option<Option<String>>` -> `String`.
pub fn core(ty: &str) -> &str {
    let ids = idents(ty);
    ids.iter()
        .copied()
        .find(|id| !WRAPPERS.contains(id))
        .unwrap_or_else(|| ids.last().copied().unwrap_or(""))
}

pub fn is_wrapper(ident: &str) -> bool {
    WRAPPERS.contains(&ident)
}

/// What kind of value the type holds.
pub fn kind(ty: &str) -> Kind {
    let t = ty.trim();
    if t.starts_with('[') || t.starts_with('(') {
        // Arrays and tuples: `[u8; 16]` is bytes, tuples of numbers are numbers.
        return match core(t) {
            "u8" => Kind::Text,
            c if is_number(c) => Kind::Number,
            _ => Kind::Other,
        };
    }
    let c = core(t);
    if c == "bool" {
        Kind::Bool
    } else if is_number(c) {
        // `Vec<u8>` is bytes: text-like.
        if c == "u8" && idents(t).first().is_some_and(|w| *w == "Vec") {
            Kind::Text
        } else {
            Kind::Number
        }
    } else if is_time(c) {
        Kind::Time
    } else if matches!(
        c,
        "String" | "str" | "SmolStr" | "CompactString" | "ArcStr" | "Bytes" | "ByteBuf"
    ) || c.ends_with("String")
    {
        Kind::Text
    } else {
        Kind::Other
    }
}

fn is_number(c: &str) -> bool {
    matches!(
        c,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
            | "NonZeroU32"
            | "NonZeroU64"
            | "NonZeroUsize"
            | "Decimal"
            | "BigDecimal"
    )
}

fn is_time(c: &str) -> bool {
    matches!(
        c,
        "DateTime"
            | "NaiveDateTime"
            | "SystemTime"
            | "Instant"
            | "OffsetDateTime"
            | "PrimitiveDateTime"
            | "Timestamp"
            | "Duration"
            | "Utc"
            | "Zoned"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_types() {
        assert_eq!(
            idents("Option<stripe_types::Expandable<stripe_shared::Account>>"),
            ["Option", "Expandable", "Account"]
        );
        assert_eq!(idents("&'a mut Option<Customer>"), ["Option", "Customer"]);
        assert_eq!(core("Option<Option<String>>"), "String");
        assert_eq!(core("Values<Breadcrumb>"), "Breadcrumb");
        assert_eq!(kind("Option<Option<bool>>"), Kind::Bool);
        assert_eq!(kind("Option<DateTime<Utc>>"), Kind::Time);
        assert_eq!(kind("Vec<u8>"), Kind::Text);
        assert_eq!(kind("i64"), Kind::Number);
        assert_eq!(kind("[u8 ; 16]"), Kind::Text);
        assert_eq!(kind("Option<SensitiveString>"), Kind::Text);
        assert_eq!(kind("Cow<'a, str>"), Kind::Text);
        assert_eq!(kind("Option<IpAddr>"), Kind::Other);
    }
}
