//! The type rule: what a field's type says. Listed types (`IpAddr`,
//! `SecretString`) and newtypes whose own name is a phrase (`EmailAddress`)
//! are evidence; a type whose name says it is machinery (`SyntaxToken`,
//! `Handle<Shader>`) makes the field hold nothing personal; the kind of value
//! (bool, number, time, text) decides which categories a name can mean.
//! Every type name here is data: `[types]` of `vocabulary.toml`.

use std::sync::Arc;

use super::facts::FieldFacts;
use super::phrases::{flag, is_own_root, Role};
use super::vocab::TypeNames;
use super::{Candidate, EvidenceModel, Level, Why};

/// What kind of value a type holds, after wrappers (`Option`, `Vec`, `Box`..).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Bool,
    Number,
    Time,
    Text,
    Other,
}

impl Kind {
    /// What one type name says alone (`[types]` of the vocabulary): the first
    /// list it is in, in the order bool, number, time, text.
    fn of_name(name: &str, t: &TypeNames) -> Kind {
        if t.bools.contains(name) {
            Kind::Bool
        } else if t.numbers.contains(name) {
            Kind::Number
        } else if t.times.contains(name) {
            Kind::Time
        } else if t.text.contains(name) || t.text_suffixed(name) {
            Kind::Text
        } else {
            Kind::Other
        }
    }

    /// The kind of a type from its names (outermost first): the kind of the
    /// first name that is not a wrapper; bytes are text in an array, a tuple
    /// (`sequence`) or a byte list (`Vec<u8>`).
    pub fn of(sequence: bool, names: &[Arc<TypeName>]) -> Kind {
        let Some(core) = names.iter().find(|n| !n.wrapper).or(names.last()) else {
            return Kind::Other;
        };
        if sequence {
            // Arrays and tuples: `[u8; 16]` is bytes, tuples of numbers are numbers.
            return if core.byte {
                Kind::Text
            } else if core.kind == Kind::Number {
                Kind::Number
            } else {
                Kind::Other
            };
        }
        // `Vec<u8>` is bytes: text-like, wrapped or not (`Option<Vec<u8>>`):
        // the list that holds the byte is the wrapper just before it.
        let core_at = names
            .iter()
            .position(|n| !n.wrapper)
            .unwrap_or(names.len() - 1);
        let holder = core_at.checked_sub(1).map(|k| &names[k]);
        if core.kind == Kind::Number && core.byte && holder.is_some_and(|n| n.byte_list) {
            Kind::Text
        } else {
            core.kind
        }
    }
}

/// A name in a field's type, with what the vocabulary says of it.
#[derive(Debug, Clone)]
pub(super) struct TypeName {
    pub name: String,
    pub wrapper: bool,
    /// What the name alone says of a value.
    pub kind: Kind,
    /// Bytes (`u8`), and a list of bytes is text (`Vec`).
    pub byte: bool,
    pub byte_list: bool,
    /// Listed types: (category, strong).
    pub listed: Vec<(usize, bool)>,
    /// Categories whose names are the type's own name (`EmailAddress`).
    pub newtype: Vec<usize>,
    /// Words of the type's name.
    pub words: usize,
    /// Items of the tree with this name (an id of [`EvidenceModel::by_name`]).
    pub tree: Option<u32>,
    /// A name of the standard library's the vocabulary knows (`String`,
    /// `Vec`, `u64`), written without a path: it names a type of the tree
    /// only in a file that defines one (a test's `struct String;`).
    pub std: bool,
    /// The modules the path names before the type (`app::models` of
    /// `crate::app::models::User`), to pick among the tree's types of that name.
    pub module: Option<Box<str>>,
    /// Its name says it is machinery or the product's own (`SyntaxToken`,
    /// `Handle`, `RenderPipeline`, `ServerConfig`), or it is a well-known
    /// type that holds nothing personal (`semver::Version`): a field of it is
    /// not personal.
    pub machinery: bool,
    /// Its name ends as a key's does (`CommentId`, `EventRef`): a field of
    /// it points at a record, unless the type is a listed one (ruma's
    /// `OwnedUserId` is a handle at another service).
    pub key: bool,
    /// A well-known type of another crate (`types.toml`): what it holds.
    pub external: Vec<Hit>,
}

/// A category a well-known type holds.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub category: usize,
    pub strong: bool,
    /// One of the type's other categories (`also`).
    pub also: bool,
    /// The listed path: `ruma::OwnedUserId`.
    pub path: String,
}

impl EvidenceModel {
    /// What a type name says; `path` is its path as written, its last
    /// segment the name (`["ruma", "OwnedUserId"]`).
    pub(super) fn type_name(&self, path: &[&str]) -> TypeName {
        let name = path.last().copied().unwrap_or("");
        let ph = &self.phrases;
        let seq = self.scan(name);
        let machinery = {
            let none_len = seq.longest(ph, flag::NOT_ABOUT_A_PERSON);
            let person_len = seq.longest(ph, flag::PERSON);
            let container_len = seq
                .matches
                .iter()
                .filter(|m| {
                    ph.roles[m.pid as usize]
                        .iter()
                        .any(|(_, r)| *r == Role::Container)
                })
                .map(|m| m.len as usize)
                .max()
                .unwrap_or(0);
            none_len > 0 && none_len >= person_len.max(container_len)
        };
        let key = seq.ends_with(ph, flag::REFERENCE_TAIL);
        let words = seq.words;
        let t = &self.vocab.types;
        let code = words
            .last()
            .is_some_and(|w| t.code_tails.contains(w.as_str()));
        // One-word type names (`Location`, `Handle`) are too general to say
        // what a value is unless listed; `EmailAddress` is not.
        let newtype = (words.len() >= 2)
            .then(|| ph.id(&words))
            .flatten()
            .map(|pid| {
                let mut cats: Vec<usize> = ph.roles[pid as usize]
                    .iter()
                    .filter(|(_, r)| *r == Role::Name)
                    .map(|&(c, _)| c)
                    .collect();
                cats.dedup();
                cats
            })
            .unwrap_or_default();
        let tree = self.names.get(name).copied();
        let std = path.len() == 1 && t.listed(name);
        let listed = ph.types.get(name).cloned().unwrap_or_default();
        let shadowed = tree.is_some() || self.own_imports.contains(name);
        let (external, holds_nothing) = self.external(path, shadowed, &listed);
        TypeName {
            name: name.to_string(),
            wrapper: t.wrappers.contains(name),
            kind: Kind::of_name(name, t),
            byte: t.bytes.contains(name),
            byte_list: t.byte_lists.contains(name),
            listed,
            newtype,
            words: words.len(),
            module: tree.and_then(|_| module_of(path)),
            tree,
            std,
            machinery: machinery || holds_nothing || code,
            key,
            external,
        }
    }

    /// What the well-known types written as `path` hold (the categories the
    /// vocabulary's own `types` do not already give), and whether one of
    /// them holds nothing personal.
    fn external(
        &self,
        path: &[&str],
        shadowed: bool,
        listed: &[(usize, bool)],
    ) -> (Vec<Hit>, bool) {
        let name = path.last().copied().unwrap_or("");
        let mut hits: Vec<Hit> = Vec::new();
        let mut nothing = false;
        let Some(entries) = self.phrases.external.get(name) else {
            return (hits, nothing);
        };
        for e in entries.iter().filter(|e| e.is(path, shadowed)) {
            let Some(cat) = e.category else {
                // A weak `none` says nothing either way: the name decides.
                nothing |= e.strong;
                continue;
            };
            let cats = std::iter::once((cat, false)).chain(e.also.iter().map(|&c| (c, true)));
            for (category, also) in cats {
                let known = listed.iter().any(|&(c, _)| c == category)
                    || hits.iter().any(|h| h.category == category);
                if !known {
                    hits.push(Hit {
                        category,
                        strong: e.strong,
                        also,
                        path: e.path.join("::"),
                    });
                }
            }
        }
        let nothing = nothing && hits.is_empty() && listed.is_empty();
        (hits, nothing)
    }

    /// A field whose type is named as a key of the tree (`reply_to:
    /// Option<CommentId>`) is a reference, as a field named `comment_id` is.
    pub(super) fn is_key(ff: &FieldFacts) -> bool {
        core_name_says(ff, |n| n.key)
    }

    /// A field whose type is machinery (`eq_token: SyntaxToken`, `shader:
    /// Handle<Shader>`) holds no personal data, whatever its name says,
    /// unless a type in it is a listed one (`Option<SecretString>`) or the
    /// tree's own newtype of a text (AT Protocol's `struct Handle(String)`).
    pub(super) fn is_machinery(&self, ff: &FieldFacts) -> bool {
        let text_newtype = |n: &TypeName| n.tree.is_some_and(|t| self.text_newtypes.contains(&t));
        core_name_says(ff, |n| n.machinery && !text_newtype(n))
    }

    /// Evidence from the type, and whether the type is a record of the tree
    /// that holds nothing personal (then the field is a reference to it) and
    /// whether it is a record of the tree at all. A field named like a
    /// reference (`customer`, `owner`) takes no hint from a record of mixed
    /// categories: it points at that record.
    pub(super) fn type_candidates(
        &self,
        ff: &FieldFacts,
        reference: bool,
        out: &mut Vec<Candidate>,
    ) -> (bool, bool) {
        let mut blocked = false;
        let mut first_tree_type = true;
        let mut tree_record = false;
        let mut contextual = false;
        // A time's parameters are its zone (`DateTime<FixedOffset>`): a
        // timestamp, not a person's time zone.
        let time_core = (ff.ty.kind == Kind::Time)
            .then(|| ff.ty.names.iter().position(|n| !n.wrapper))
            .flatten();
        for (k, name) in ff.ty.names.iter().enumerate() {
            if time_core.is_some_and(|c| k > c) {
                break;
            }
            let tree = name
                .tree
                .filter(|_| self.have_infos)
                .and_then(|t| self.tree_type(ff, k, t));
            // A record of the tree says what it holds by its fields, whatever
            // the name table says of its name: a mail server's `Address {
            // email, .. }` is an email, not a postal address.
            let defined = tree.and_then(|(info, cat)| cat.filter(|_| info.strong && !info.mixed));
            for &(cat, strong) in &name.listed {
                if defined.is_some_and(|d| d != cat) {
                    continue;
                }
                out.push(Candidate {
                    category: cat,
                    level: if strong { Level::Strong } else { Level::Weak },
                    from_name: false,
                    len: 1,
                    why: Why::Type(k),
                });
            }
            for h in &name.external {
                out.push(Candidate {
                    category: h.category,
                    level: if h.strong { Level::Strong } else { Level::Weak },
                    from_name: false,
                    // Its other categories rank after the first.
                    len: usize::from(!h.also),
                    why: Why::External(k),
                });
            }
            if name.wrapper {
                continue;
            }
            // A newtype whose own name says what it is: `EmailAddress`, `PhoneNumber`.
            for &cat in &name.newtype {
                out.push(Candidate {
                    category: cat,
                    level: Level::Strong,
                    from_name: false,
                    len: name.words,
                    why: Why::Type(k),
                });
            }
            let Some((info, category)) = tree else {
                continue;
            };
            if let Some(cat) = category.filter(|_| !(info.mixed && reference)) {
                contextual |= !info.mixed;
                blocked |= info.mixed && first_tree_type;
                out.push(Candidate {
                    category: cat,
                    // A record whose own evidence is only a hint lends a hint
                    // (a note, and nothing further: see `type_info`).
                    level: if info.strong {
                        Level::Contextual
                    } else {
                        Level::Inherited
                    },
                    from_name: false,
                    len: 1,
                    why: Why::TypeHolds(k),
                });
            } else if info.blocks && first_tree_type {
                blocked = true;
            }
            if first_tree_type && !info.choice {
                tree_record = true;
            }
            first_tree_type = false;
        }
        if contextual {
            blocked = false;
        }
        (blocked, tree_record)
    }
}

/// Whether the first name of a field's type that is not a wrapper says
/// `what`, and no name in the type is a listed or well-known one, which says
/// what the value holds instead.
fn core_name_says(ff: &FieldFacts, what: impl Fn(&TypeName) -> bool) -> bool {
    let names = &ff.ty.names;
    names.iter().find(|n| !n.wrapper).is_some_and(|n| what(n))
        && names
            .iter()
            .all(|n| n.listed.is_empty() && n.external.is_empty())
}

/// The modules a written path names before its type (`app::models` of
/// `crate::app::models::User`; none for `User`, `self::User`, `super::User`).
fn module_of(path: &[&str]) -> Option<Box<str>> {
    let (_, modules) = path.split_last()?;
    let modules: Vec<&str> = modules
        .iter()
        .copied()
        .filter(|m| !is_own_root(m))
        .collect();
    (!modules.is_empty()).then(|| modules.join("::").into())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess, case};
    use super::*;

    fn kind(ty: &str) -> Kind {
        let items = super::super::tests::items(&format!("struct T {{ f: {ty} }}"));
        let model = EvidenceModel::new(&collects_grammar::Taxonomy::builtin(), &items);
        model.facts[0].fields[0].ty.kind
    }

    #[test]
    fn kinds_of_values() {
        assert_eq!(kind("Option<Option<bool>>"), Kind::Bool);
        assert_eq!(kind("Option<DateTime<Utc>>"), Kind::Time);
        assert_eq!(kind("Vec<u8>"), Kind::Text);
        assert_eq!(kind("Option<Vec<u8>>"), Kind::Text);
        assert_eq!(kind("Option<u8>"), Kind::Number);
        assert_eq!(kind("i64"), Kind::Number);
        assert_eq!(kind("[u8 ; 16]"), Kind::Text);
        assert_eq!(kind("(f64, f64)"), Kind::Number);
        assert_eq!(kind("&[u8]"), Kind::Text);
        assert_eq!(kind("Option<SensitiveString>"), Kind::Text);
        assert_eq!(kind("Cow<'a, str>"), Kind::Text);
        assert_eq!(kind("Option<IpAddr>"), Kind::Other);
        assert_eq!(kind("Vec<uuid::Uuid>"), Kind::Number);
        assert_eq!(kind("Values<Breadcrumb>"), Kind::Other);
    }

    #[test]
    fn a_uuid_is_a_key_not_text() {
        let src =
            "struct Sync { device_id: Uuid, locations: Option<Vec<Uuid>>, device_name: String }";
        case(src, "Sync.device_id", None, "");
        case(src, "Sync.locations", None, "");
    }

    const LOGIN: &str = "struct Login { from: IpAddr, secret: SecretString, owner: EmailAddress, \
                         mobile: PhoneNumber, at: SocketAddr, started: SystemTime, \
                         peer: Option<std::net::IpAddr> }";

    #[test]
    fn listed_types() {
        case(
            LOGIN,
            "Login.from",
            Some("Device::IpAddress"),
            "type `IpAddr`",
        );
        case(
            LOGIN,
            "Login.peer",
            Some("Device::IpAddress"),
            "type `IpAddr`",
        );
        // A weak listed type is a hint of its own kind (`type/weak`), which
        // the fit may cut.
        super::super::tests::case_open(
            LOGIN,
            "Login.at",
            Some("Device::IpAddress"),
            "type `SocketAddr`",
        );
        case(LOGIN, "Login.started", None, "");
    }

    #[test]
    fn a_name_the_tree_imports_from_its_own_code_is_its_own_type() {
        // zed's `UserId` is made by a macro (`id_type!(UserId)`), so no item
        // of the tree has the name; `use crate::db::UserId` says it is the
        // tree's own key, not ruma's Matrix user id.
        let src = "struct Model { id: UserId }";
        let own = "use crate::db::UserId;\nstruct Model { id: UserId }";
        let assess = |model: &str| {
            super::super::tests::assess_in(&[("src/model.rs", model)], "src/model.rs", "Model.id")
        };
        assert!(assess(src).is_some(), "a bare `UserId` may be ruma's");
        assert!(assess(own).is_none(), "the tree's own `UserId`");
    }

    #[test]
    fn plumbing_named_like_data_holds_nothing() {
        // `types.toml`: std's `Ordering`, http's `StatusCode`.
        let src = "struct Pagination { order: Option<Ordering> } struct Resp { status_code: StatusCode } \
                   struct Order { order: String }";
        case(src, "Pagination.order", None, "");
        case(src, "Resp.status_code", None, "");
        super::super::tests::case_open(src, "Order.order", Some("ProductUse::Purchases"), "order");
    }

    #[test]
    fn a_borrowed_slice_of_bytes_is_bytes() {
        let src = "struct Attributes<'a> { recovery_password: &'a [u8], count: &'a [u32] }";
        case(
            src,
            "Attributes.recovery_password",
            Some("Credentials::Password"),
            "recovery_password",
        );
    }

    #[test]
    fn newtypes_named_by_a_phrase() {
        case(
            LOGIN,
            "Login.owner",
            Some("Contact::Email"),
            "type `EmailAddress`",
        );
        case(LOGIN, "Login.mobile", Some("Contact::Phone"), "mobile");
    }

    const CHAT: &str = "struct Member { who: OwnedUserId, by: Option<ruma::OwnedUserId>, \
                        owner: crate::ids::OwnedUserId, phone: phonenumber::PhoneNumber, \
                        card: stripe::Card, deck: Card, zone: chrono_tz::Tz, email: semver::Version, \
                        device: matrix_sdk::ruma::OwnedDeviceId }";

    #[test]
    fn well_known_types_of_other_crates() {
        case(
            CHAT,
            "Member.who",
            Some("Contact::Other"),
            "listed as `ruma::OwnedUserId`",
        );
        case(CHAT, "Member.by", Some("Contact::Other"), "`OwnedUserId`");
        case(CHAT, "Member.phone", Some("Contact::Phone"), "PhoneNumber");
        case(
            CHAT,
            "Member.card",
            Some("Spend::PaymentCard"),
            "stripe::Card",
        );
        case(CHAT, "Member.zone", Some("Device::Locale"), "chrono_tz::Tz");
        case(
            CHAT,
            "Member.device",
            Some("Device::Identifier"),
            "ruma::OwnedDeviceId",
        );
        let mail = "struct Mime { from: Option<mailparse::SingleInfo>, key: pgp::SignedSecretKey }";
        case(
            mail,
            "Mime.from",
            Some("Contact::Email"),
            "mailparse::SingleInfo",
        );
        case(
            mail,
            "Mime.key",
            Some("Credentials::SecurityInfo"),
            "pgp::SignedSecretKey",
        );
    }

    #[test]
    fn a_listed_name_that_is_not_the_listed_type() {
        // The tree's own crate, a one-word name many crates use, a tree type.
        case(CHAT, "Member.owner", None, "");
        case(CHAT, "Member.deck", None, "");
        let src = "struct OwnedUserId(String); struct Pin { target: OwnedUserId }";
        case(src, "Pin.target", None, "");
    }

    #[test]
    fn a_record_of_the_tree_says_what_it_holds_before_the_name_table() {
        let src = "struct Address { email: String, parameters: Option<String> } \
                   struct Envelope { mail_from: Address }";
        case(src, "Envelope.mail_from", Some("Contact::Email"), "Address");
        let a = assess(src, "Envelope.mail_from").unwrap();
        assert_eq!(a.categories, vec!["Contact::Email".to_string()]);
    }

    #[test]
    fn a_listed_type_that_holds_nothing_personal() {
        case(CHAT, "Member.email", None, "");
    }

    #[test]
    fn machinery_types_hold_nothing_personal() {
        let src =
            "struct LetStmt { let_token: Option<SyntaxToken>, eq_token: Option<SyntaxToken> } \
                   struct FxaaPipeline { shader: Handle<Shader>, layout: BindGroupLayout } \
                   struct TestRun { token: CancellationToken, name: String }";
        case(src, "LetStmt.let_token", None, "");
        case(src, "FxaaPipeline.shader", None, "");
        case(src, "FxaaPipeline.layout", None, "");
        case(src, "TestRun.token", None, "");
    }

    #[test]
    fn a_secret_wrapper_holds_what_its_field_names() {
        let src = "struct FormData { username: String, password: Secret<String>, token: SecretBox<str> } \
                   struct Holder { inner: Secret<String> }";
        case(
            src,
            "FormData.password",
            Some("Credentials::Password"),
            "field name `password`",
        );
        case(
            src,
            "Holder.inner",
            Some("Credentials::SecurityInfo"),
            "type `Secret`",
        );
    }

    #[test]
    fn the_trees_newtype_of_a_text_is_a_value_whatever_its_name() {
        // AT Protocol's handle; bevy's `Handle<Shader>` stays machinery.
        let src = "pub struct Handle(String); \
                   struct ProfileView { did: String, handle: Handle } \
                   struct Pipeline { handle: Handle<Shader> }";
        case(src, "ProfileView.handle", Some("Contact::Other"), "handle");
        case(
            "pub enum Handle<A> { Strong(Arc<A>), Weak(u64) } struct Pipeline { shader: Handle<Shader> }",
            "Pipeline.shader",
            None,
            "",
        );
    }

    #[test]
    fn a_field_of_a_key_type_is_a_reference() {
        let src = "pub struct CommentId(String); \
                   struct Comment { body: String, reply_to: Option<CommentId>, email: String } \
                   struct Member { device: ruma::OwnedDeviceId }";
        case(src, "Comment.reply_to", None, "");
        case(src, "Comment.email", Some("Contact::Email"), "email");
        // A listed type named as a key still says what it holds.
        case(
            src,
            "Member.device",
            Some("Device::Identifier"),
            "ruma::OwnedDeviceId",
        );
    }

    #[test]
    fn a_static_str_is_a_constant() {
        let src = "struct Oauth2 { client_id: &'static str, refresh_token: &'static str } \
                   struct Push<'a> { refresh_token: &'a str }";
        case(src, "Oauth2.refresh_token", None, "");
        case(
            src,
            "Push.refresh_token",
            Some("Credentials::SecurityInfo"),
            "refresh_token",
        );
    }

    #[test]
    fn a_callback_type_holds_code_whatever_it_is_called_and_once_cells_are_wrappers() {
        let src = "struct AuthCtx { session_tokens: OnceCell<SessionTokens>, \
                   save_session_callback: OnceCell<Box<SaveSessionCallback>>, \
                   on_password: Box<PasswordHandler> } \
                   struct SessionTokens { access_token: String, refresh_token: String } \
                   struct Callback { callback_phone: String }";
        case(src, "AuthCtx.save_session_callback", None, "");
        // A record named so is no code: a person's request to be called back.
        case(
            src,
            "Callback.callback_phone",
            Some("Contact::Phone"),
            "callback_phone",
        );
        case(src, "AuthCtx.on_password", None, "");
        case(
            src,
            "AuthCtx.session_tokens",
            Some("Credentials::SecurityInfo"),
            "SessionTokens",
        );
    }

    #[test]
    fn a_times_zone_is_part_of_the_time() {
        let src = "use chrono::{DateTime, FixedOffset}; \
                   struct Envelope { date: Option<DateTime<FixedOffset>> } \
                   struct Prefs { offset: FixedOffset }";
        case(src, "Envelope.date", None, "");
        assert!(assess(src, "Prefs.offset").is_some());
    }

    #[test]
    fn a_text_category_on_a_number_is_nothing() {
        case("struct Thing { code: u32 }", "Thing.code", None, "");
        case("struct Person { email: u64 }", "Person.email", None, "");
    }
}
