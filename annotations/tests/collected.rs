//! What `Collects::collected()` lists at run time: the rules of the
//! annotation (own declaration, else the type's, else nothing) seen from a
//! program that prints its own data inventory.

// The types exist to be declared, not built.
#![allow(dead_code)]

use collects::{Collects, Declaration};

#[derive(Collects)]
#[collects(ProductUse::Settings)]
struct Preferences {
    theme: String,
    #[collects(Demographic::Language, purpose = Personalization)]
    language: String,
    #[collects(none, reason = "a counter, not about the person")]
    version: u32,
}

#[derive(Collects)]
struct Account {
    #[collects(Contact::Email, purpose = Account, source = Direct)]
    email: String,
    #[collects(Credentials::Password)]
    password_hash: String,
    created_at: u64,
}

#[derive(Collects)]
enum Event {
    Login(
        #[collects(Device::IpAddress, purpose = Security)] std::net::IpAddr,
        u64,
    ),
    Search {
        #[collects(ProductUse::SearchQuery, purpose = Improvement, optional)]
        query: String,
    },
    Logout,
}

/// `(item.field, categories)` of each declaration: the shape most tests need.
fn listed<T: Collects>() -> Vec<(String, Vec<&'static str>)> {
    T::collected()
        .iter()
        .map(|d| (format!("{}.{}", d.item, d.field), d.categories.to_vec()))
        .collect()
}

#[test]
fn undeclared_fields_are_not_listed() {
    assert_eq!(
        listed::<Account>(),
        [
            ("Account.email".to_string(), vec!["Contact::Email"]),
            (
                "Account.password_hash".to_string(),
                vec!["Credentials::Password"]
            ),
        ]
    );
}

#[test]
fn the_type_default_covers_fields_without_their_own() {
    assert_eq!(
        listed::<Preferences>(),
        [
            (
                "Preferences.theme".to_string(),
                vec!["ProductUse::Settings"]
            ),
            (
                "Preferences.language".to_string(),
                vec!["Demographic::Language"]
            ),
            ("Preferences.version".to_string(), vec![]),
        ]
    );
    // A field's own declaration replaces the default whole, purpose included.
    let [theme, language, version] = Preferences::collected() else {
        panic!("three declarations")
    };
    assert_eq!(theme.purpose, None);
    assert_eq!(language.purpose, Some("Personalization"));
    assert!(version.is_none() && !theme.is_none());
}

#[test]
fn enum_variant_fields_are_named_enum_colon_variant() {
    assert_eq!(
        listed::<Event>(),
        [
            ("Event::Login.0".to_string(), vec!["Device::IpAddress"]),
            (
                "Event::Search.query".to_string(),
                vec!["ProductUse::SearchQuery"]
            ),
        ]
    );
    let search = Event::collected()[1];
    assert!(search.optional);
    assert_eq!(search.purpose, Some("Improvement"));
}

#[test]
fn a_declaration_keeps_every_key() {
    assert_eq!(
        Account::collected()[0],
        Declaration {
            item: "Account",
            field: "email",
            categories: &["Contact::Email"],
            purpose: Some("Account"),
            source: Some("Direct"),
            optional: false,
            none_reason: None,
        }
    );
}

#[test]
fn the_list_is_the_same_static_slice_every_call() {
    assert!(std::ptr::eq(Account::collected(), Account::collected()));
}

#[test]
fn every_declared_category_is_in_the_builtin_taxonomy() {
    let taxonomy = collects::taxonomy();
    let all = [
        Preferences::collected(),
        Account::collected(),
        Event::collected(),
    ];
    for declaration in all.concat() {
        for category in declaration.categories {
            assert!(taxonomy.knows(category), "{category}");
        }
        if let Some(purpose) = declaration.purpose {
            assert!(taxonomy.has_purpose(purpose), "{purpose}");
        }
    }
    assert!(std::ptr::eq(taxonomy, collects::taxonomy()));
}
