//! The propagation rule: a type defined in the scanned tree whose own fields
//! hold personal data lends its category to fields of that type (`ship_to:
//! Address`, `frames: Vec<Frame>`), and a record of the tree that holds
//! nothing personal makes a field of it a reference, not data.

use rayon::prelude::*;

use super::context::ItemContext;
use super::facts::{FieldFacts, ItemFacts, GLOBS};
use super::phrases::flag;
use super::types::Kind;
use super::{Best, EvidenceModel, Level};
use crate::model::{Item, ItemKind};

/// What a type defined in the tree holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypeInfo {
    /// The category its fields hold, ids and record metadata aside.
    pub category: Option<usize>,
    /// Whether that category rests on clear evidence (a field that says it,
    /// or a container whose fields mostly hold it); a record whose personal
    /// evidence is only a hint lends a hint.
    pub strong: bool,
    /// A record or an enum with data that holds nothing personal: a field of this
    /// type is a reference to it, not data of the container's category.
    pub blocks: bool,
    /// An enum of choices (unit variants, perhaps a catch-all).
    pub choice: bool,
    /// Its fields hold several categories: it lends `category` as a hint,
    /// and blocks as a record holding nothing does.
    pub mixed: bool,
}

/// Rounds of propagation at most: a chain of records nested this deep is
/// known; a cycle that keeps changing stops here.
const MAX_ROUNDS: usize = 8;

impl EvidenceModel {
    /// Rounds after round 0 of [`EvidenceModel::index`], to a fixed point, so
    /// that a type made of types made of personal fields is known. Each round
    /// recomputes only the items whose fields name a type whose info changed
    /// in the round before.
    pub(super) fn propagate(&mut self, items: &[Item], item_names: &[u32]) {
        let mut changed: Vec<bool> = vec![true; self.by_name.len()];
        for _ in 0..MAX_ROUNDS {
            let dirty: Vec<usize> = (0..items.len())
                .into_par_iter()
                .filter(|&i| {
                    self.facts[i].fields.iter().any(|f| {
                        f.ty.names
                            .iter()
                            .any(|n| !n.wrapper && n.tree.is_some_and(|t| changed[t as usize]))
                    })
                })
                .collect();
            if dirty.is_empty() {
                break;
            }
            let redone: Vec<(usize, ItemContext, TypeInfo)> = dirty
                .par_iter()
                .map(|&i| {
                    let (item, facts) = (&items[i], &self.facts[i]);
                    let ctx = self.context_of(item, facts);
                    let info = type_info(self, item, facts, &ctx);
                    (i, ctx, info)
                })
                .collect();
            changed.iter_mut().for_each(|c| *c = false);
            let mut any = false;
            for (i, ctx, info) in redone {
                self.contexts[i] = ctx;
                if info != self.infos[i] {
                    changed[item_names[i] as usize] = true;
                    self.infos[i] = info;
                    any = true;
                }
            }
            if !any {
                break;
            }
        }
    }

    /// The info of the tree's type named by the `k`th type name of a field
    /// (of the file `path`), and the category it lends: the definitions
    /// [`EvidenceModel::definitions`] chose for it when the facts were read.
    /// Two equally near that hold different categories (`Handle`, `Error` in
    /// sibling crates) lend nothing. `None` when the name is not the tree's
    /// here (`String` in a file that defines none).
    pub(super) fn tree_type(
        &self,
        field: &FieldFacts,
        k: usize,
        t: u32,
    ) -> Option<(&TypeInfo, Option<usize>)> {
        let info = |d: usize| &self.infos[d];
        let all = &self.by_name[t as usize];
        if field.ty.names[k].std {
            let d = *all.iter().find(|&&d| self.item_paths[d] == field.file)?;
            return Some((info(d), info(d).category));
        }
        let Some((_, defs)) = field.defs.iter().find(|(at, _)| *at as usize == k) else {
            return Some((info(all[0]), info(all[0]).category));
        };
        let first = info(*defs.first()? as usize);
        let agree = defs[1..]
            .iter()
            .all(|&d| info(d as usize).category == first.category);
        Some((first, if agree { first.category } else { None }))
    }

    /// The definitions of the tree's type named `t` that a field of the file
    /// `path` sees, where the field's type path names `module` before the
    /// type (if it does); chosen once, since what they hold changes from
    /// round to round but where they are does not. Among those whose files
    /// and folders are named by most of the path's modules, the one in the
    /// same file, else those nearest the field's file (most folders in
    /// common). A type written without a path takes the module its file's
    /// `use` imports it from (or its glob imports' modules).
    pub(super) fn definitions(&self, t: u32, path: u32, module: Option<&str>) -> Box<[u32]> {
        let defs = &self.by_name[t as usize];
        let module = module.or_else(|| self.imported(path, t));
        let modules = module.map(|m| self.places.modules(m)).unwrap_or_default();
        // Those in the modules the path names, if any is (`crate::chat::Profile`
        // from a file that defines its own `Profile`); then the same file;
        // then the nearest.
        let named = |d: usize| self.places.in_modules(self.item_paths[d], &modules);
        let most = defs.iter().map(|&d| named(d)).max().unwrap_or(0);
        let seen: Vec<usize> = defs.iter().copied().filter(|&d| named(d) == most).collect();
        if let Some(&d) = seen.iter().find(|&&d| self.item_paths[d] == path) {
            return Box::new([d as u32]);
        }
        let near = |d: usize| self.places.common_dirs(path, self.item_paths[d]);
        let best = seen.iter().map(|&d| near(d)).max();
        seen.iter()
            .filter(|&&d| Some(near(d)) == best)
            .map(|&d| d as u32)
            .collect()
    }
}

impl EvidenceModel {
    /// The module the file `path` imports the type name `t` from, or its
    /// glob imports' modules.
    fn imported(&self, path: u32, t: u32) -> Option<&str> {
        let import = |name| self.imports.get(&(path, name)).map(|m| &**m);
        import(t).or_else(|| import(GLOBS))
    }

    /// Whether the field's type is a record of the tree that lends `cat`
    /// only as a hint.
    fn lent_weakly(&self, field: &FieldFacts, cat: usize) -> bool {
        self.have_infos
            && field.ty.names.iter().enumerate().any(|(k, n)| {
                n.tree
                    .and_then(|t| self.tree_type(field, k, t))
                    .is_some_and(|(info, category)| category == Some(cat) && !info.strong)
            })
    }
}

/// What a type of the tree holds, from its fields' best evidence. Ids,
/// references, times and record metadata say nothing of what a record is
/// about: a record with one clearly personal field among them holds that
/// field's category; among other fields, personal ones must be at least
/// half, and the category must be that of at least half of them. A record
/// of several personal fields of mixed categories lends a hint.
pub(super) fn type_info(
    model: &EvidenceModel,
    item: &Item,
    facts: &ItemFacts,
    ctx: &ItemContext,
) -> TypeInfo {
    let ph = &model.phrases;
    // Per category: fields, the best level among them, and whether a
    // field's own name says it.
    let mut counts: Vec<(usize, usize, Level, bool)> = Vec::new();
    let (mut personal, mut other) = (0, 0);
    for (best, field) in ctx.bests.iter().zip(&facts.fields) {
        let found = match *best {
            // An enum is personal by its variants' own data, not by its name.
            Best::Found(_, level, _)
                if item.kind == ItemKind::Enum && level <= Level::Inherited =>
            {
                None
            }
            // A hint (`handle`, `address` alone) makes a type personal only
            // on text (`code: String`), not on a value of another type.
            Best::Found(_, Level::Weak, _) if field.ty.kind != Kind::Text => None,
            // A hint lent by a record of the tree is no evidence of the
            // record that holds it (`BevyError { inner: InnerBevyError }`).
            Best::Found(cat, Level::Inherited, _) if model.lent_weakly(field, cat) => None,
            Best::Found(cat, level, named) => Some((cat, level, named)),
            _ => None,
        };
        let Some((cat, level, named)) = found else {
            let bookkeeping = field.ty.kind == Kind::Time
                || field.view.has(ph, flag::NONE)
                || field.view.ends_with(ph, flag::REFERENCE_TAIL);
            other += usize::from(!bookkeeping);
            continue;
        };
        match counts.iter_mut().find(|(c, ..)| *c == cat) {
            Some((_, n, l, by_name)) => {
                (*n, *l, *by_name) = (*n + 1, (*l).max(level), *by_name || named);
            }
            None => counts.push((cat, 1, level, named)),
        }
        personal += 1;
    }
    let top = counts
        .iter()
        .max_by_key(|(cat, n, level, _)| (*n, *level, usize::MAX - *cat))
        // A record of mixed categories (a customer: name, email, balance)
        // is labelled by its own fields, not as one category.
        .filter(|(_, n, ..)| personal >= other && n * 2 >= personal);
    // A record of mixed categories still holds a person's data: it lends,
    // as a hint, a category a field's own name says (one its container
    // gives meaning to first: `content` of a `Message`). So does a record
    // with one field whose own name clearly says it among others that are
    // not ids or times (`geo_uri` beside a description and a zoom level).
    let clear = counts
        .iter()
        .any(|&(_, _, level, named)| named && level >= Level::Strong);
    let mixed = (top.is_none() && (personal >= 2 || clear))
        .then(|| {
            counts
                .iter()
                .filter(|(.., named)| *named)
                .max_by_key(|(cat, n, level, _)| {
                    // A person's record is not about their language: there a
                    // word the person makes mean something ranks as any other.
                    let by_container = *level == Level::Contextual && !ctx.person();
                    (by_container, *level, *n, usize::MAX - *cat)
                })
        })
        .flatten();
    let category = top.or(mixed).map(|(cat, ..)| *cat);
    // Clear: most of its fields hold it, or every field that is not an id,
    // a time or metadata holds it and one of them says so; else a hint
    // (general code: an error type with a backtrace among other fields).
    let strong = top.is_some_and(|&(_, _, level, _)| {
        (level >= Level::Inherited && personal * 2 >= item.fields.len())
            || (level >= Level::Contextual && other == 0)
    });
    let catch_all = &model.vocab.types.catch_all_variants;
    let choice_enum = item.kind == ItemKind::Enum
        && item
            .fields
            .iter()
            .all(|f| f.variant.as_deref().is_some_and(|v| catch_all.contains(v)));
    // A newtype, or a record of one text (`SafeString { value: String }`):
    // a value with rules, not a record to point at.
    let is_newtype = item.kind == ItemKind::Struct
        && item.fields.len() == 1
        && (item.fields[0].name.chars().all(|c| c.is_ascii_digit())
            || facts.fields[0].ty.kind == Kind::Text);
    // An enum whose variants each wrap one text (`CryptPw::Sha512(String)`):
    // one value in one of several encodings, not a record to point at.
    let text_encodings =
        item.kind == ItemKind::Enum && !item.fields.is_empty() && wraps_one_text(item, facts);
    // A type named as text (`EncString`, `SensitiveString`) is a string in
    // another form, encrypted or checked, whatever its own fields are.
    let text_named = model.vocab.types.text_suffixed(&item.name);
    TypeInfo {
        category,
        strong,
        blocks: top.is_none()
            && !choice_enum
            && !is_newtype
            && !text_named
            && !text_encodings
            && !item.fields.is_empty(),
        mixed: mixed.is_some(),
        choice: choice_enum || (item.kind == ItemKind::Enum && item.fields.is_empty()),
    }
}

/// Whether every field of `item` is the one text its tuple struct or
/// variant wraps (`EmailAddress(String)`, `CryptPw::Sha512(String)`).
pub(super) fn wraps_one_text(item: &Item, facts: &ItemFacts) -> bool {
    item.fields
        .iter()
        .zip(&facts.fields)
        .all(|(f, ff)| f.name == "0" && ff.ty.kind == Kind::Text)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess, assess_with, case, case_in};
    use super::super::Confidence;
    use crate::deps::Project;

    const SRC: &str = "struct Address { line1: String, city: String, postal_code: String, country: String } \
                       struct Order { id: u64, ship_to: Address, total: u64 } \
                       struct Frame { function: String, lineno: u64, colno: u64, instruction_addr: u64, pre_context: Vec<String> } \
                       struct Stacktrace { frames: Vec<Frame> } \
                       struct Event { event_id: Uuid, stacktrace: Option<Stacktrace>, crashed: Values<Frame> }";

    #[test]
    fn a_type_of_the_tree_lends_its_category() {
        case(
            SRC,
            "Order.ship_to",
            Some("Contact::PostalAddress"),
            "type `Address`",
        );
        case(
            SRC,
            "Event.crashed",
            Some("Diagnostics::CrashDump"),
            "type `Frame`",
        );
        case(SRC, "Order.total", None, "");
        case(SRC, "Event.event_id", None, "");
    }

    #[test]
    fn through_wrappers_and_paths() {
        let src = "struct Address { line1: String, city: String, postal_code: String } \
                   struct Shipment { to: Option<Box<crate::model::Address>>, from: Vec<Address> }";
        case(
            src,
            "Shipment.to",
            Some("Contact::PostalAddress"),
            "type `Address`",
        );
        case(
            src,
            "Shipment.from",
            Some("Contact::PostalAddress"),
            "type `Address`",
        );
    }

    #[test]
    fn transitively() {
        case(SRC, "Stacktrace.frames", Some("Diagnostics::CrashDump"), "");
    }

    #[test]
    fn a_record_that_holds_nothing_is_a_reference() {
        let src = "struct Diagnostic { location: Option<Location>, message: String } \
                   struct Location { file: FileId, line: u32, column: u32 }";
        case(src, "Diagnostic.location", None, "");
    }

    #[test]
    fn a_std_name_is_the_trees_only_where_the_tree_defines_it() {
        // A test's `struct Bytes { .. }` is no other file's `Bytes`.
        let files = [
            (
                "tests/fixture.rs",
                "pub struct Bytes { len: usize, cap: usize }",
            ),
            (
                "src/auth.rs",
                "pub struct BasicAuth { username: String, password: Bytes }",
            ),
        ];
        let a = assess_with(
            &files,
            "src/auth.rs",
            "BasicAuth.password",
            &Project::default(),
            None,
        );
        assert_eq!(
            a.map(|a| a.categories),
            Some(vec!["Credentials::Password".to_string()])
        );
    }

    #[test]
    fn a_type_named_as_text_is_text_in_another_form() {
        let src = "enum EncString { Aes256 { iv: [u8; 16], data: Vec<u8> } } \
                   struct Identity { first_name: Option<EncString>, ssn: Option<EncString> }";
        case(
            src,
            "Identity.first_name",
            Some("Contact::Name"),
            "first_name",
        );
    }

    #[test]
    fn a_record_of_one_text_is_a_value() {
        let src = "struct SafeString { value: String } \
                   struct Post { id: i32, title: String, content: SafeString }";
        case(src, "Post.content", Some("Content::Posts"), "content");
    }

    const CHAT: &str = "struct Message { id: Uuid, room_id: RoomId, sender_id: UserId, body: String, \
                        created_at: DateTime<Utc>, edited_at: Option<DateTime<Utc>> } \
                        struct History { messages: Vec<Message>, latest: Option<Box<Message>>, \
                        by_id: HashMap<String, Message>, pinned: [Message; 3], pair: (u64, Message) } \
                        enum Event { Sent(Message), Edited { message: Message }, Ping } \
                        struct Envelope { seq: u64, event: Arc<Event> }";

    const BEACON: &str =
        "struct Geo { body: String, geo_uri: String, description: Option<String>, zoom: u8 } \
                          struct Last { location: Geo, ts: u64 } \
                          struct Share { last: Option<Last>, beacon_id: String } \
                          struct Pin { inner: Geo }";

    #[test]
    fn an_enum_of_text_encodings_is_a_value_not_a_record() {
        let src = "enum CryptPw { Sha256(String), Sha512(String), Invalid } \
                   enum Expr { Lit(String), Call(Box<Expr>) } \
                   struct Shadow { password: CryptPw, secret: Expr }";
        case(
            src,
            "Shadow.password",
            Some("Credentials::Password"),
            "field name",
        );
        case(src, "Shadow.secret", None, "");
    }

    #[test]
    fn one_clear_field_among_others_lends_a_hint() {
        let got = assess(BEACON, "Pin.inner").expect("a hint");
        assert_eq!(got.basis, "tree-type/inherited");
        assert_eq!(got.categories[0], "Location::Precise");
    }

    #[test]
    fn a_name_that_agrees_with_a_lent_hint_makes_it_clear() {
        case(
            BEACON,
            "Last.location",
            Some("Location::Precise"),
            "type `Geo`",
        );
        let got = assess(BEACON, "Share.last").expect("lent on");
        assert_eq!(got.basis, "tree-type/contextual");
    }

    #[test]
    fn one_strong_field_among_ids_and_times() {
        case(
            CHAT,
            "History.messages",
            Some("Content::InstantMessage"),
            "type `Message`",
        );
    }

    #[test]
    fn through_option_vec_map_values_arrays_and_tuples() {
        for f in ["latest", "by_id", "pinned", "pair"] {
            case(
                CHAT,
                &format!("History.{f}"),
                Some("Content::InstantMessage"),
                "type `Message`",
            );
        }
    }

    #[test]
    fn enum_variants_and_transitively() {
        case(
            CHAT,
            "Event::Sent.0",
            Some("Content::InstantMessage"),
            "type `Message`",
        );
        case(
            CHAT,
            "Envelope.event",
            Some("Content::InstantMessage"),
            "type `Event`",
        );
    }

    #[test]
    fn newtypes() {
        let src = format!("{CHAT} struct Inbox(Vec<Message>); struct Account {{ inbox: Inbox }}");
        case(
            &src,
            "Account.inbox",
            Some("Content::InstantMessage"),
            "type `Inbox`",
        );
    }

    #[test]
    fn same_name_in_two_modules() {
        let files = [
            (
                "src/chat/profile.rs",
                "pub struct Profile { id: Uuid, email: String, phone: String }",
            ),
            (
                "src/render/profile.rs",
                "pub struct Profile { frame: u64, shader: ShaderId, passes: Vec<Pass> }",
            ),
            ("src/chat/room.rs", "struct Room { owner: Profile }"),
            (
                "src/render/pass.rs",
                "struct Pass { profile: Profile, by_path: crate::chat::profile::Profile }",
            ),
        ];
        case_in(
            &files,
            "src/chat/room.rs",
            "Room.owner",
            Some("Contact::Email"),
            "type `Profile`",
        );
        case_in(&files, "src/render/pass.rs", "Pass.profile", None, "");
        case_in(
            &files,
            "src/render/pass.rs",
            "Pass.by_path",
            Some("Contact::Email"),
            "type `Profile`",
        );
    }

    #[test]
    fn a_type_written_bare_is_the_one_its_file_imports() {
        let files = [
            (
                "crates/models/src/v0/messages.rs",
                "pub struct Message { id: String, content: String, author: String }",
            ),
            (
                "crates/server/src/render/messages.rs",
                "pub struct Message { frame: u64, shader: ShaderId }",
            ),
            (
                "crates/server/src/render/events.rs",
                "use models::v0::{Message, Other};\nenum Event { Message(Message) }",
            ),
            (
                "crates/server/src/render/globs.rs",
                "use models::v0::*;\nstruct Wrapper { last: Message }",
            ),
            (
                "crates/server/src/render/plain.rs",
                "struct Frame { last: Message }",
            ),
        ];
        let message = Some("Content::InstantMessage");
        let events = "crates/server/src/render/events.rs";
        case_in(
            &files,
            events,
            "Event::Message.0",
            message,
            "type `Message`",
        );
        let globs = "crates/server/src/render/globs.rs";
        case_in(&files, globs, "Wrapper.last", message, "type `Message`");
        // No import: the nearest definition, the renderer's.
        case_in(
            &files,
            "crates/server/src/render/plain.rs",
            "Frame.last",
            None,
            "",
        );
    }

    #[test]
    fn a_record_of_mixed_categories_lends_a_hint_but_not_to_a_reference() {
        let src = "struct Message { id: String, content: String, attachments: Vec<String>, author_email: String } \
                   enum Event { Message(Message) } struct Thread { owner: Message, latest: Message }";
        let message = Some("Content::InstantMessage");
        case(src, "Event::Message.0", message, "type `Message`");
        case(src, "Thread.latest", message, "type `Message`");
        let a = assess(src, "Thread.latest").expect("a hint");
        assert_eq!(a.confidence, Confidence::Weak, "{a:?}");
        case(src, "Thread.owner", None, "");
    }

    #[test]
    fn a_person_of_mixed_categories_lends_what_their_names_say_clearly() {
        let src = "struct User { id: u64, first_name: String, last_name: String, \
                   username: String, language_code: String, is_bot: bool } \
                   struct Message { from: Option<User> }";
        case(src, "Message.from", Some("Contact::Name"), "type `User`");
    }

    #[test]
    fn a_record_of_hints_lends_a_note_only() {
        let src = "struct Note { kind: u8, author: String } struct Page { note: Note }";
        let a = assess(src, "Page.note").expect("a note");
        assert_eq!(a.confidence, Confidence::Weak, "{a:?}");
    }
}
