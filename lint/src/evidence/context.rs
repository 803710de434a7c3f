//! The container rule: what an item's name and its fields say about every
//! field in it. A struct that holds a person (`User`, or fields like email and
//! password) gives meaning to `name` and a person's flags; a struct whose name
//! or most of whose fields hold one category (`StackFrame`, `Address`, `Card`)
//! lends it to its fields that are not references or record metadata; a
//! struct about the product, a server or machinery (`Config`, `Site`,
//! `SyntaxNode`), or an id newtype, holds none; the text `id` of a secret
//! record (`Session`) is the secret.

use std::collections::HashMap;

use super::facts::{FieldFacts, ItemFacts};
use super::phrases::{flag, Match, Role, Seq};
use super::types::Kind;
use super::{Because, Best, Candidate, EvidenceModel, Level, Why};
use crate::model::{Field, Item};

/// What is known about a struct, enum or union before its fields are assessed.
#[derive(Debug, Clone, Default)]
pub(super) struct ItemContext {
    /// It holds a person: `User`, `Customer`, or fields like email and password.
    pub person: Option<Because>,
    /// It is about the product, a server or software.
    pub not_personal: bool,
    /// ...and named for the product (`CloudStorageConfig`), not machinery
    /// (`Lexer`, `TlsKeys`): a person may have filled it in.
    pub product: bool,
    /// It is a secret of a person (`Session`, `MagicLink`): its text `id` is the secret.
    pub credential: bool,
    /// It is a group or a thing with a name (`Group`, `Role`), not a
    /// person: a name in it is the group's.
    pub collective: bool,
    /// An id newtype (`UserId`, `SpanId`).
    pub id_type: bool,
    /// All its fields hold this category (by its name or by most of its fields).
    pub container: Option<(usize, Because)>,
    /// The best evidence of each field under this context.
    pub bests: Vec<Best>,
}

impl ItemContext {
    pub fn person(&self) -> bool {
        self.person.is_some()
    }

    pub fn container(&self) -> Option<usize> {
        self.container.map(|(c, _)| c)
    }
}

impl EvidenceModel {
    /// The context of an item: from its name, then from its fields' evidence
    /// under that first context.
    pub(super) fn context_of(&self, item: &Item, facts: &ItemFacts) -> ItemContext {
        let ph = &self.phrases;
        let words = &facts.words;
        let person_len = words.longest(ph, flag::PERSON);
        // A form suffix names a view of a record (`DeleteUserQuery`, an HTTP
        // query of a user), not what the record is about.
        let body = self.before_form_suffixes(words);
        let none_len = words
            .matches
            .iter()
            .filter(|m| m.end() <= body && ph.flags[m.pid as usize] & flag::NOT_ABOUT_A_PERSON != 0)
            .map(|m| m.len as usize)
            .max()
            .unwrap_or(0);
        // The longest container phrase; the first category at equal length.
        let mut container: Option<(usize, usize)> = None; // (category, phrase len)
        for m in &words.matches {
            for &(cat, role) in &ph.roles[m.pid as usize] {
                if role != Role::Container {
                    continue;
                }
                let len = m.len as usize;
                let better = match container {
                    Some((c, l)) => len > l || (len == l && cat < c),
                    None => true,
                };
                if better {
                    container = Some((cat, len));
                }
            }
        }
        let container_len = container.map_or(0, |(_, len)| len);
        // The longest phrase wins, as in a field's name: `SearchQueryParams`
        // is a search query's, though `Query` alone is machinery.
        let named_len = self.longest_category_name(words);
        let not_personal = none_len > 0 && none_len >= person_len.max(container_len).max(named_len);
        let id_type = words.last_word_is(ph, flag::REFERENCE_TAIL) && item.fields.len() <= 3;
        let mut ctx = ItemContext {
            person: None,
            not_personal,
            product: not_personal && !words.has(ph, flag::INFRASTRUCTURE),
            credential: !not_personal && words.has(ph, flag::CREDENTIAL),
            // Its head: `GroupMember` is a person.
            collective: self
                .head_matches(words)
                .any(|m| ph.flags[m.pid as usize] & flag::COLLECTIVE != 0),
            id_type,
            container: None,
            bests: Vec::new(),
        };
        if not_personal || id_type {
            ctx.bests = facts
                .fields
                .iter()
                .map(|f| {
                    if f.markers.is_empty() {
                        Best::Nothing
                    } else {
                        Best::Markers
                    }
                })
                .collect();
            return ctx;
        }
        if person_len > 0 {
            ctx.person = Some(Because::Name);
        }
        if let Some((cat, _)) = container {
            ctx.container = Some((cat, Because::Name));
        }
        self.context_from_fields(item, facts, ctx)
    }

    /// How many of `words` come before its trailing form suffixes
    /// (`request`, `query`, `params`), one word at least.
    pub(super) fn before_form_suffixes(&self, words: &Seq) -> usize {
        let suffixes = &self.phrases.form_suffixes;
        let mut end = words.words.len();
        while end > 1 && suffixes.contains(&words.words[end - 1]) {
            end -= 1;
        }
        end
    }

    /// The phrases of a name that end at its head: its last word, or its
    /// last before trailing form suffixes (`Group` of `CreateGroupInput`).
    pub(super) fn head_matches<'s>(&self, name: &'s Seq) -> impl Iterator<Item = &'s Match> {
        let n = name.words.len();
        let body = self.before_form_suffixes(name);
        name.matches
            .iter()
            .filter(move |m| m.end() == n || m.end() == body)
    }

    /// The length of the longest phrase in `words` that names a category
    /// outright (a strong name), 0 if none.
    fn longest_category_name(&self, words: &Seq) -> usize {
        words
            .matches
            .iter()
            .filter(|m| self.phrases.names_outright(m.pid))
            .map(|m| m.len as usize)
            .max()
            .unwrap_or(0)
    }

    /// Siblings: strong contact fields make a person; most fields of one
    /// voting group make a container of it.
    fn context_from_fields(
        &self,
        item: &Item,
        facts: &ItemFacts,
        mut ctx: ItemContext,
    ) -> ItemContext {
        let v = &self.vocab;
        let mut contact = 0;
        let mut votes: Vec<(usize, usize)> = Vec::new();
        let mut bests = Vec::with_capacity(item.fields.len());
        for fi in 0..item.fields.len() {
            let best = self.best(item, facts, &ctx, fi);
            bests.push(best);
            let Best::Found(best, level, _) = best else {
                continue;
            };
            if level >= Level::Strong && self.roles.person_fields[best] {
                contact += 1;
            }
            if v.categories[best].vote && level != Level::Inherited {
                match votes.iter_mut().find(|(c, _)| *c == best) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((best, 1)),
                }
            }
        }
        let before = (ctx.person, ctx.container);
        if ctx.person.is_none() && contact >= 2 {
            ctx.person = Some(Because::Fields);
        }
        if ctx.container.is_none() && ctx.person.is_none() {
            let mut by_group: HashMap<&str, (usize, usize, usize)> = HashMap::new(); // total, best cat, best n
            for &(cat, n) in &votes {
                let entry = by_group
                    .entry(v.categories[cat].group())
                    .or_insert((0, cat, 0));
                entry.0 += n;
                if n > entry.2 || (n == entry.2 && cat < entry.1) {
                    entry.1 = cat;
                    entry.2 = n;
                }
            }
            if let Some((total, cat, _)) = by_group
                .values()
                .max_by_key(|(t, c, _)| (*t, usize::MAX - *c))
            {
                let fields = item.fields.len().max(1);
                if *total >= 3 && total * 4 >= fields {
                    ctx.container = Some((*cat, Because::Fields));
                }
            }
        }
        if (ctx.person.is_some(), ctx.container()) != (before.0.is_some(), before.1.map(|c| c.0)) {
            bests = (0..item.fields.len())
                .map(|fi| self.best(item, facts, &ctx, fi))
                .collect();
        }
        ctx.bests = bests;
        ctx
    }

    fn best(&self, item: &Item, facts: &ItemFacts, ctx: &ItemContext, fi: usize) -> Best {
        match self.candidates(item, facts, ctx, fi) {
            None => Best::Nothing,
            Some((cands, _)) => match cands.first() {
                Some(c) => Best::Found(c.category, c.level, c.from_name),
                None => Best::Markers,
            },
        }
    }

    /// The text `id` of a secret record is the secret (a session id is the cookie).
    pub(super) fn secret_id(
        &self,
        ctx: &ItemContext,
        field: &Field,
        ff: &FieldFacts,
        out: &mut Vec<Candidate>,
    ) {
        let named = || self.vocab.rules.secret_id_names.contains(&field.name);
        if ctx.credential && ff.ty.kind == Kind::Text && named() {
            if let Some(cat) = self.roles.secret_id {
                out.push(Candidate {
                    category: cat,
                    level: Level::Contextual,
                    from_name: true,
                    len: 1,
                    why: Why::SecretId,
                });
            }
        }
    }

    /// The container lends its category to a field that is not a reference,
    /// record state or a reference to a record of the tree, when the field's
    /// kind of value can hold it.
    pub(super) fn lent(
        &self,
        ctx: &ItemContext,
        ff: &FieldFacts,
        refused: bool,
    ) -> Option<Candidate> {
        let cat = ctx.container()?;
        let category = &self.vocab.categories[cat];
        let kind_ok =
            !(category.text && matches!(ff.ty.kind, Kind::Bool | Kind::Number | Kind::Time));
        (!refused && kind_ok).then_some(Candidate {
            category: cat,
            level: Level::Inherited,
            from_name: false,
            len: 0,
            why: Why::Container,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess, case, case_in};
    use super::super::Confidence;

    #[test]
    fn an_address_record_is_postal_by_its_fields() {
        let src = "struct DevAddr([u8; 4]); struct SocketAddress { host: String, port: u16 } \
                   struct Address { line1: String, city: String, postal_code: String }";
        case(src, "DevAddr.0", None, "");
        case(src, "SocketAddress.host", None, "");
        case(src, "Address.city", Some("Contact::PostalAddress"), "city");
    }

    #[test]
    fn a_channels_message_is_a_chat_message() {
        let src = "struct ChannelMessage { body: String, sender_id: u64 }";
        case(
            src,
            "ChannelMessage.body",
            Some("Content::InstantMessage"),
            "in `ChannelMessage`",
        );
    }

    #[test]
    fn a_persons_settings_record_holds_their_choices() {
        let src = "struct AccountSettings { typing_indicators: bool, screen_lock_timeout: u32 } \
                   struct RenderSettings { vsync: bool, msaa: u32 }";
        case(
            src,
            "AccountSettings.typing_indicators",
            Some("ProductUse::Settings"),
            "in `AccountSettings`",
        );
        case(
            src,
            "AccountSettings.screen_lock_timeout",
            Some("ProductUse::Settings"),
            "in `AccountSettings`",
        );
        // A program's settings are its configuration.
        case(src, "RenderSettings.vsync", None, "");
        case(src, "RenderSettings.msaa", None, "");
    }

    #[test]
    fn an_item_named_for_nothing_is_named_by_its_module() {
        // `src` as the file `file`.
        let at = |src, file| [(file, src)];
        let model = "pub struct Model { pub id: i32, pub name: String }";
        for (file, want) in [
            ("src/entities/device.rs", Some("Device::Identifier")),
            ("src/entities/user/mod.rs", Some("Contact::Name")),
            ("src/entities/product.rs", None),
        ] {
            case_in(&at(model, file), file, "Model.name", want, "");
        }
        // A name of form suffixes only, as code generated from a schema has.
        let record = "pub struct RecordData { pub created_at: String, pub text: String }";
        for (file, want) in [
            ("src/app/bsky/feed/post.rs", Some("Content::Posts")),
            ("src/lib.rs", None),
        ] {
            case_in(&at(record, file), file, "RecordData.text", want, "");
        }
        // One word may be a noun of its own.
        let post = "pub struct Post { pub id: i32, pub content: String }";
        let file = "src/model/mod.rs";
        case_in(
            &at(post, file),
            file,
            "Post.content",
            Some("Content::Posts"),
            "",
        );
    }

    #[test]
    fn the_longest_phrase_of_an_items_name_wins() {
        let src = "struct SearchQueryParams { query: String, locale: String } \
                   struct QueryParams { query: String, locale: String }";
        case(
            src,
            "SearchQueryParams.query",
            Some("ProductUse::SearchQuery"),
            "query",
        );
        case(src, "QueryParams.locale", None, "");
    }

    #[test]
    fn a_form_suffix_says_what_view_not_what_about() {
        let src = "struct DeleteUserQuery { provider_access_token: Option<String> } \
                   struct ServerQuery { access_token: String }";
        case(
            src,
            "DeleteUserQuery.provider_access_token",
            Some("Credentials::SecurityInfo"),
            "access_token",
        );
        case(src, "ServerQuery.access_token", None, "");
    }

    #[test]
    fn a_groups_name_is_the_groups() {
        let src = "struct CreateGroupInput { display_name: String, owner_email: String } \
                   struct GroupMember { display_name: String }";
        case(src, "CreateGroupInput.display_name", None, "");
        case(
            "struct NewApp { website: String }",
            "NewApp.website",
            None,
            "",
        );
        case(
            src,
            "CreateGroupInput.owner_email",
            Some("Contact::Email"),
            "owner_email",
        );
        case(
            src,
            "GroupMember.display_name",
            Some("Contact::Name"),
            "display_name",
        );
    }

    #[test]
    fn what_a_person_writes_in_an_issue_or_a_gist() {
        let src = "struct Issue { id: u64, title: String, body: Option<String>, locked: bool } \
                   struct GistFile { filename: String, content: Option<String> }";
        case(src, "Issue.body", Some("Content::Posts"), "in `Issue`");
        case(src, "Issue.title", Some("Content::Posts"), "in `Issue`");
        case(
            src,
            "GistFile.content",
            Some("Content::Posts"),
            "in `GistFile`",
        );
    }

    #[test]
    fn a_named_things_name_is_the_things() {
        let src = "struct Repository { id: u64, full_name: String, homepage: Option<String> } \
                   struct CalendarRow { displayname: Option<String>, owner_email: String } \
                   struct Author { full_name: String }";
        case(src, "Repository.full_name", None, "");
        case(src, "CalendarRow.displayname", None, "");
        case(
            src,
            "CalendarRow.owner_email",
            Some("Contact::Email"),
            "owner_email",
        );
        case(src, "Author.full_name", Some("Contact::Name"), "full_name");
    }

    #[test]
    fn the_longest_container_phrase_wins() {
        let src = "struct ContactCard { card: VCard, size: u32 } \
                   struct AddressBook { description: Option<String> }";
        case(
            src,
            "ContactCard.card",
            Some("Contacts::AddressBook"),
            "ContactCard",
        );
        case(src, "ContactCard.size", None, "");
        case(
            src,
            "AddressBook.description",
            Some("Contacts::AddressBook"),
            "AddressBook",
        );
    }

    #[test]
    fn a_frame_or_a_thread_alone_is_no_crash() {
        let src = "struct FrameData { buffer_size: u64, is_mapped: bool } \
                   struct ThreadSummary { num_replies: u32 }";
        case(src, "FrameData.buffer_size", None, "");
        case(src, "ThreadSummary.num_replies", None, "");
    }

    #[test]
    fn a_manifest_describes_software() {
        let src = "struct Manifest { name: String, lang: Option<String>, theme_color: String }";
        case(src, "Manifest.theme_color", None, "");
        case(src, "Manifest.lang", None, "");
    }

    #[test]
    fn a_container_named_for_a_category_lends_it() {
        let src = "struct StackFrame { function: String, lineno: u64, instruction_addr: u64 }";
        case(
            src,
            "StackFrame.function",
            Some("Diagnostics::CrashDump"),
            "StackFrame",
        );
        case(
            src,
            "StackFrame.instruction_addr",
            Some("Diagnostics::CrashDump"),
            "StackFrame",
        );
        case(
            "struct OsContext { name: Option<String>, version: Option<String> }",
            "OsContext.name",
            Some("Device::Software"),
            "OsContext",
        );
    }

    #[test]
    fn references_and_state_are_not_lent() {
        let src = "struct Card { brand: String, currency: Option<Currency>, \
                   customer: Option<Expandable<Customer>>, id: CardId, address_zip_check: Option<String> }";
        case(src, "Card.brand", Some("Spend::PaymentCard"), "Card");
        case(
            src,
            "Card.address_zip_check",
            Some("Spend::PaymentCard"),
            "Card",
        );
        case(src, "Card.currency", None, "");
        case(src, "Card.customer", None, "");
        case(src, "Card.id", None, "");
    }

    #[test]
    fn a_person_by_name_or_by_fields() {
        case(
            "struct Customer { name: Option<String> }",
            "Customer.name",
            Some("Contact::Name"),
            "a struct that holds a person",
        );
        case(
            "struct Entry { email: String, phone: String, name: String }",
            "Entry.name",
            Some("Contact::Name"),
            "whose other fields hold a person's contact data",
        );
    }

    #[test]
    fn the_product_and_servers_hold_nothing() {
        let src = "struct SmtpConfig { username: String, password: String, host: String } \
                   struct Site { name: String, banner: Option<Url>, private_key: Option<String> } \
                   struct ClientSdkInfo { name: String, version: String }";
        case(src, "SmtpConfig.username", None, "");
        // A secret in a record named for the product weighs as a kind of its
        // own (`product/strong`): never an error, a note as far as the fit says.
        let password = assess(src, "SmtpConfig.password").unwrap();
        assert_eq!(password.basis, "product/strong");
        assert_eq!(password.confidence, Confidence::Weak);
        case(src, "Site.banner", None, "");
        case(src, "Site.private_key", None, "");
        case(src, "ClientSdkInfo.name", None, "");
    }

    #[test]
    fn a_record_named_for_the_product_weighs_the_secrets_a_person_gave_it() {
        let src = "enum CloudStorageConfig { \
                   S3 { bucket: String, region: String, secret_access_key: String }, \
                   Drive { refresh_token: String, client_id: String } } \
                   struct Lexer { token: Token, pos: usize }";
        for target in [
            "CloudStorageConfig::S3.secret_access_key",
            "CloudStorageConfig::Drive.refresh_token",
        ] {
            let got = assess(src, target).unwrap();
            assert_eq!(got.categories[0], "Credentials::SecurityInfo", "{target}");
            assert_eq!(got.basis, "product/strong", "{target}");
        }
        // Only secrets weigh there, and never in machinery.
        case(src, "CloudStorageConfig::S3.region", None, "");
        case(src, "CloudStorageConfig::S3.bucket", None, "");
        case(src, "Lexer.token", None, "");
    }

    #[test]
    fn the_id_of_a_secret_record() {
        let src = "struct Session { id: String, token: String, user_id: i64 } struct Login { id: String }";
        case(
            src,
            "Session.id",
            Some("Credentials::SecurityInfo"),
            "a secret record",
        );
        case(
            src,
            "Session.token",
            Some("Credentials::SecurityInfo"),
            "token",
        );
        case(src, "Session.user_id", None, "");
        case(src, "Login.id", None, "");
    }
}
