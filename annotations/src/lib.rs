//! Declare the personal data your types hold, where they hold it.
//!
//! ```
//! use collects::Collects;
//!
//! #[derive(Collects)]
//! struct User {
//!     #[collects(Contact::Email, purpose = Account)]
//!     email: String,
//!     #[collects(Location::Precise, purpose = Service, optional)]
//!     last_fix: Option<(f64, f64)>,
//!     #[collects(none, reason = "opaque row id, not linked outside the database")]
//!     id: i64,
//!     created_at: u64, // not personal data: nothing to say
//! }
//!
//! let fields: Vec<&str> = User::collected().iter().map(|d| d.field).collect();
//! assert_eq!(fields, ["email", "last_fix", "id"]);
//! ```
//!
//! # The annotation
//!
//! `#[collects(Category, .., purpose = P, source = S, optional)]` on a field
//! says which categories of the privacy statement it holds. A category is
//! `Group::Item` (`Contact::Email`) or a whole `Group` (`Contact`); `purpose`
//! and `source` name one of the taxonomy's purposes and sources; `optional`
//! says the person may decline. `#[collects(none, reason = "..")]` says a
//! field holds no personal data, and why.
//!
//! It works on named and tuple struct fields and on enum variant fields. On
//! the type itself, `#[collects(..)]` is the default for every field without
//! one of its own:
//!
//! ```
//! use collects::Collects;
//!
//! #[derive(Collects)]
//! #[collects(ProductUse::Settings, purpose = Personalization)]
//! struct Preferences {
//!     theme: String,
//!     font_size: u8,
//!     #[collects(Demographic::Language)]
//!     language: String,
//! }
//!
//! let language = Preferences::collected()[2];
//! assert_eq!(language.categories, ["Demographic::Language"]);
//! assert_eq!(language.purpose, None);
//! ```
//!
//! A misspelled category, purpose or key does not compile, and the error
//! points at it with what was probably meant:
//!
//! ```compile_fail
//! #[derive(collects::Collects)]
//! struct User {
//!     #[collects(Contact::Emial)] // `Contact` has no item `Emial`; did you mean `Contact::Email`?
//!     email: String,
//! }
//! ```
//!
//! # A custom taxonomy
//!
//! The categories come from the built-in [`taxonomy()`] unless the nearest
//! `collects.toml` at or above the crate's manifest names another file in
//! the same format:
//!
//! ```toml
//! [taxonomy]
//! path = "taxonomy.toml"   # relative to collects.toml
//! ```
//!
//! The derive reads it at compile time, and cargo rebuilds the crate when it
//! (or `collects.toml`) changes. The linter, `cargo collects`, reads the same
//! file.

// So that `::collects::..` in derived code also resolves inside this crate's tests.
extern crate self as collects;

use std::sync::OnceLock;

/// Implements [`Collects`](trait@Collects) from the `#[collects(..)]`
/// attributes of a struct's or enum's fields, checked against the taxonomy
/// at compile time.
///
/// ```
/// use collects::Collects;
///
/// #[derive(Collects)]
/// enum Contact {
///     Mail(#[collects(Contact::Email)] String),
///     Post {
///         #[collects(Contact::PostalAddress, purpose = Service)]
///         address: String,
///     },
/// }
///
/// assert_eq!(Contact::collected()[0].item, "Contact::Mail");
/// assert_eq!(Contact::collected()[0].field, "0");
/// ```
pub use collects_derive::Collects;

pub use collects_grammar::{Group, Item, Taxonomy};

/// A type that declares the personal data its fields hold.
///
/// Implement it with `#[derive(Collects)]`; the derive checks every
/// declaration against the taxonomy when the crate compiles.
///
/// ```
/// use collects::Collects;
///
/// #[derive(Collects)]
/// struct Session(#[collects(Device::IpAddress, purpose = Security)] std::net::IpAddr);
///
/// for declaration in Session::collected() {
///     println!("{}.{}: {:?}", declaration.item, declaration.field, declaration.categories);
/// }
/// ```
pub trait Collects {
    /// Every declaration of the type's fields, in source order: a field's own
    /// `#[collects(..)]`, else the one on the type. A field with neither is
    /// not listed.
    ///
    /// ```
    /// use collects::Collects;
    ///
    /// #[derive(Collects)]
    /// struct Order {
    ///     #[collects(Payment::InstrumentNumber, purpose = Service)]
    ///     card: String,
    ///     total_cents: u64,
    /// }
    ///
    /// assert_eq!(Order::collected().len(), 1);
    /// ```
    fn collected() -> &'static [Declaration];
}

/// One field's declaration: what `#[collects(..)]` says about it.
///
/// ```
/// use collects::{Collects, Declaration};
///
/// #[derive(Collects)]
/// struct User {
///     #[collects(Contact::Email, purpose = Account, source = Direct, optional)]
///     email: String,
/// }
///
/// assert_eq!(
///     User::collected(),
///     [Declaration {
///         item: "User",
///         field: "email",
///         categories: &["Contact::Email"],
///         purpose: Some("Account"),
///         source: Some("Direct"),
///         optional: true,
///         none_reason: None,
///     }]
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declaration {
    /// The struct's name, or `Enum::Variant` for a field of an enum variant.
    pub item: &'static str,
    /// The field's name, or its index (`"0"`) in a tuple struct or variant.
    pub field: &'static str,
    /// The categories, as written: `Group::Item` or a whole `Group`. Empty
    /// for a `none` declaration.
    pub categories: &'static [&'static str],
    /// The taxonomy's purpose the data is collected for, if one is given.
    pub purpose: Option<&'static str>,
    /// Where the data comes from (a taxonomy source), if given.
    pub source: Option<&'static str>,
    /// Whether the person may decline to give it.
    pub optional: bool,
    /// For `#[collects(none, reason = "..")]`: why the field holds no
    /// personal data.
    pub none_reason: Option<&'static str>,
}

impl Declaration {
    /// Whether this declaration says the field holds no personal data.
    ///
    /// ```
    /// use collects::Collects;
    ///
    /// #[derive(Collects)]
    /// struct Row {
    ///     #[collects(none, reason = "opaque row id")]
    ///     id: i64,
    /// }
    ///
    /// assert!(Row::collected()[0].is_none());
    /// ```
    pub fn is_none(&self) -> bool {
        self.none_reason.is_some()
    }
}

/// The built-in taxonomy: the category groups and items, purposes and
/// sources that `#[collects(..)]` accepts when no custom taxonomy is
/// configured.
///
/// ```
/// let taxonomy = collects::taxonomy();
/// assert!(taxonomy.knows("Contact::Email"));
/// assert!(taxonomy.has_purpose("Account"));
/// for group in &taxonomy.groups {
///     println!("{} ({} items): {}", group.name, group.items.len(), group.heading);
/// }
/// ```
pub fn taxonomy() -> &'static Taxonomy {
    static BUILTIN: OnceLock<Taxonomy> = OnceLock::new();
    BUILTIN.get_or_init(Taxonomy::builtin)
}
