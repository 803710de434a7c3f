//! The name rule: phrases of the vocabulary found in a field's name (or its
//! serde rename, or an enum variant's name for a tuple field). The longest
//! phrase wins; a phrase followed by a reference or metadata word
//! (`user_id`, `email_verified`) does not count, nor one overlapped by a
//! longer `none` phrase (`public_key`); a text category is not named on a
//! bool, a number or a time.

use super::context::ItemContext;
use super::facts::{FieldFacts, ItemFacts};
use super::phrases::{flag, Match, Role, Seq};
use super::types::Kind;
use super::{Candidate, EvidenceModel, Level, Src, Why};

/// A phrase that counts: (category, role, phrase length).
type Found = (usize, Role, usize);

impl EvidenceModel {
    /// Phrases of the vocabulary found in `seq` (the field's name or rename).
    pub(super) fn name_candidates(
        &self,
        facts: &ItemFacts,
        ctx: &ItemContext,
        ff: &FieldFacts,
        seq: &Seq,
        src: Src,
        out: &mut Vec<Candidate>,
    ) {
        if seq.words.is_empty() || seq.matches.is_empty() {
            return;
        }
        let (found, rule_ok) = self.accepted_phrases(facts, ctx, ff, seq);
        let mut i = 0;
        while i < found.len() {
            let (cat, role, _) = found[i];
            let mut len = 0;
            while i < found.len() && (found[i].0, found[i].1) == (cat, role) {
                len = len.max(found[i].2);
                i += 1;
            }
            let (level, why) = match role {
                Role::Name => (Level::Strong, Why::Name(src)),
                Role::Person => (Level::Contextual, Why::NamePerson(src)),
                Role::Domain => (Level::Contextual, Why::NameDomain(src)),
                Role::When(r) => {
                    let in_container = rule_ok
                        .iter()
                        .find(|(x, _)| *x == r)
                        .and_then(|(_, ok)| *ok)
                        .unwrap_or(false);
                    let rule = &self.phrases.rules[r as usize];
                    if rule.domain && !in_container {
                        // A domain slot by its name alone: a hint.
                        (Level::Weak, Why::NameDomain(src))
                    } else {
                        let why = if in_container {
                            Why::NameIn(src)
                        } else {
                            Why::NameBeside(src)
                        };
                        (
                            if rule.weak {
                                Level::Weak
                            } else {
                                Level::Contextual
                            },
                            why,
                        )
                    }
                }
                Role::Weak => (Level::Weak, Why::Name(src)),
                Role::Container => continue,
            };
            out.push(Candidate {
                category: cat,
                level,
                from_name: true,
                len,
                why,
            });
        }
    }

    /// (category, role, phrase length) of each phrase of `seq` that counts,
    /// sorted by category and role; and what each `when` rule asked said
    /// ([`EvidenceModel::rule_holds`]).
    fn accepted_phrases(
        &self,
        facts: &ItemFacts,
        ctx: &ItemContext,
        ff: &FieldFacts,
        seq: &Seq,
    ) -> (Vec<Found>, Vec<(u32, Option<bool>)>) {
        let v = &self.vocab;
        let ph = &self.phrases;
        let n = seq.words.len();
        let person_like =
            ctx.person() || ctx.container().is_some_and(|c| self.roles.person_like[c]);
        let last = seq.last_occurrences();
        // The last word is a one-word reference tail (`user_id`).
        let last_is_reference = seq.last_word_is(ph, flag::REFERENCE_TAIL);
        let nones: Vec<&Match> = last
            .iter()
            .filter(|m| ph.flags[m.pid as usize] & flag::NONE != 0)
            .collect();
        // Where the first phrase that names a category outright ends: a hint
        // after it is an attribute of that thing (`password_age`), not the
        // person's.
        let first_named_end = last
            .iter()
            .filter(|m| ph.names_outright(m.pid))
            .map(Match::end)
            .min();
        // Where a whole field name starts: after a bool's prefix (`is_sensitive`).
        let start = usize::from(n > 1 && v.bools.prefixes.contains(&seq.words[0]));
        // A name that ends in a time word is a time, kept as text or not
        // (`email_change_sent_at: String`).
        let timed = seq
            .words
            .last()
            .is_some_and(|w| v.types.time_tails.contains(w));
        // Where the first word of machinery or of the product ends: data
        // named after it is that machinery's (`smtp_password`, `db_user`).
        let machinery_end = seq
            .matches
            .iter()
            .filter(|m| ph.flags[m.pid as usize] & flag::NOT_ABOUT_A_PERSON != 0)
            .map(Match::end)
            .min();
        let accept = |m: &Match| -> bool {
            let end = m.end();
            if seq.last_meta.is_some_and(|i| i >= end) {
                return false;
            }
            if machinery_end.is_some_and(|e| e <= m.start as usize) {
                return false;
            }
            if end < n && last_is_reference {
                return false;
            }
            // A longer or equal none phrase overlapping this one wins.
            !nones
                .iter()
                .any(|o| o.len >= m.len && (o.start as usize) < end && m.start < o.start + o.len)
        };
        // The field names whose it is, right before it: `guest_name` is a
        // person's name wherever it is (though `user_count` is no person's).
        let names_its_person = |m: &Match| {
            seq.matches.iter().any(|p| {
                p.end() == m.start as usize && ph.flags[p.pid as usize] & flag::PERSON != 0
            })
        };
        let mut found: Vec<Found> = Vec::new();
        let mut rule_ok: Vec<(u32, Option<bool>)> = Vec::new();
        for m in &last {
            let roles = &ph.roles[m.pid as usize];
            if !roles.iter().any(|(_, r)| *r != Role::Container) || !accept(m) {
                continue;
            }
            for &(cat, role) in roles {
                if role == Role::Container {
                    continue;
                }
                let time = timed && m.end() < n;
                if v.categories[cat].text
                    && (time || matches!(ff.ty.kind, Kind::Bool | Kind::Number | Kind::Time))
                {
                    continue;
                }
                if role == Role::Weak && first_named_end.is_some_and(|e| e <= m.start as usize) {
                    continue;
                }
                if role == Role::Person
                    && !person_like
                    && !(self.roles.person_fields[cat] && names_its_person(m))
                {
                    continue;
                }
                if let Role::When(r) = role {
                    let rule = &ph.rules[r as usize];
                    if rule.whole && (m.start as usize != start || m.end() != n) {
                        continue;
                    }
                    let ok = match rule_ok.iter().find(|(x, _)| *x == r) {
                        Some(&(_, ok)) => ok,
                        None => {
                            let ok = self.rule_holds(r, facts, ff.variant.as_deref(), seq);
                            rule_ok.push((r, ok));
                            ok
                        }
                    };
                    if ok.is_none() {
                        continue;
                    }
                }
                // Key material named as machinery (`private_key`) is a
                // person's in a person's record; elsewhere a library's or a
                // server's: a hint.
                let machinery = ph.flags[m.pid as usize] & flag::INFRASTRUCTURE != 0;
                let role = if role == Role::Name && machinery && !ctx.person() {
                    Role::Weak
                } else {
                    role
                };
                found.push((cat, role, m.len as usize));
            }
        }
        found.sort_by_key(|&(cat, role, _)| (cat, role));
        (found, rule_ok)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{case, case_deps, case_named, USER};
    use crate::deps::OwnName;

    #[test]
    fn what_a_person_played_and_when() {
        let src = "struct PlayHistory { track: FullTrack, played_at: DateTime<Utc>, context: Option<Context> }";
        case(
            src,
            "PlayHistory.played_at",
            Some("ProductUse::Features"),
            "played_at",
        );
    }

    #[test]
    fn a_page_size_is_a_persons_choice_only_in_their_record() {
        let src = "struct LocalUser { id: i32, default_items_per_page: i32 } \
                   struct ListIssuesBuilder { per_page: Option<u8>, page: Option<u32> }";
        case(
            src,
            "LocalUser.default_items_per_page",
            Some("ProductUse::Settings"),
            "items_per_page",
        );
        case(src, "ListIssuesBuilder.per_page", None, "");
    }

    #[test]
    fn a_phrase_in_the_name() {
        case(
            "struct Thing { email: String }",
            "Thing.email",
            Some("Contact::Email"),
            "field name `email`",
        );
        case(
            USER,
            "User.username",
            Some("Contact::Other"),
            "field name `username`",
        );
        case(
            USER,
            "User.password_hash",
            Some("Credentials::Password"),
            "field name",
        );
        case(
            USER,
            "User.last_login",
            Some("ProductUse::Features"),
            "field name",
        );
        case(
            USER,
            "User.interface_language",
            Some("Demographic::Language"),
            "field name",
        );
        case(USER, "User.avatar", Some("Content::Media"), "field name");
        case(USER, "User.tz", Some("Device::Locale"), "field name `tz`");
    }

    #[test]
    fn what_a_person_wrote_on_a_profile_or_in_a_report() {
        let src = "struct UserProfile { content: Option<String>, background: Option<String> } \
                   struct CpuProfile { description: String } \
                   struct Report { additional_context: String, reason: String } \
                   struct ProgressReport { text: String }";
        case(
            src,
            "UserProfile.content",
            Some("Content::Posts"),
            "in `UserProfile`",
        );
        case(
            src,
            "UserProfile.background",
            Some("Content::Media"),
            "in `UserProfile`",
        );
        case(src, "CpuProfile.description", None, "");
        case(
            src,
            "Report.additional_context",
            Some("Feedback::SupportRequest"),
            "in `Report`",
        );
        case(src, "ProgressReport.text", None, "");
    }

    #[test]
    fn the_page_open_in_a_browser_was_visited() {
        let src = "struct OcrResult { browser_url: Option<String> }";
        case(
            src,
            "OcrResult.browser_url",
            Some("ProductUse::PagesVisited"),
            "browser_url",
        );
    }

    #[test]
    fn a_chat_networks_user_relationship_and_presence() {
        let src = "struct User { username: String, discriminator: String } \
                   struct Relationship { id: String, status: RelationshipStatus } \
                   struct UserStatus { presence: Option<Presence> } \
                   struct Token { discriminator: u8 }";
        case(
            src,
            "User.discriminator",
            Some("Contact::Other"),
            "discriminator",
        );
        case(
            src,
            "Relationship.status",
            Some("Contacts::Relationships"),
            "status",
        );
        case(
            src,
            "UserStatus.presence",
            Some("ProductUse::Settings"),
            "presence",
        );
        case(src, "Token.discriminator", None, "");
    }

    #[test]
    fn an_imap_mailbox_is_a_folder() {
        let src = "struct Arguments { mailbox_name: String, email: String }";
        case(src, "Arguments.mailbox_name", None, "");
        case(src, "Arguments.email", Some("Contact::Email"), "email");
    }

    #[test]
    fn a_token_that_marks_a_place_is_no_secret() {
        let src =
            "struct Page { next_page_token: Option<String>, resume_token: String, token: String }";
        case(src, "Page.next_page_token", None, "");
        case(src, "Page.resume_token", None, "");
        let dav = "struct ResourceState { lock_tokens: Vec<String>, sync_token: Option<String> } \
                   struct OAuthMetadata { token_endpoint: String }";
        case(dav, "ResourceState.lock_tokens", None, "");
        case(dav, "ResourceState.sync_token", None, "");
        case(dav, "OAuthMetadata.token_endpoint", None, "");
        case(
            src,
            "Page.token",
            Some("Credentials::SecurityInfo"),
            "field name `token`",
        );
    }

    #[test]
    fn a_photos_embedded_metadata() {
        let src = "struct PhotoMetadata { artist: Option<String>, gps_latitude: f64, \
                   body_serial_number: String } struct Song { artist: String }";
        case(
            src,
            "PhotoMetadata.artist",
            Some("Contact::Name"),
            "in `PhotoMetadata`",
        );
        case(
            src,
            "PhotoMetadata.gps_latitude",
            Some("Location::Precise"),
            "",
        );
        case(
            src,
            "PhotoMetadata.body_serial_number",
            Some("Device::Identifier"),
            "",
        );
        case(src, "Song.artist", None, "");
    }

    #[test]
    fn a_standards_slot_is_a_whole_field_name() {
        let src =
            "struct Account { url: String, followers_url: String, locked: bool, is_locked: bool }";
        case(src, "Account.url", Some("Contact::Other"), "in `Account`");
        case(src, "Account.followers_url", None, "");
        case(
            src,
            "Account.is_locked",
            Some("ProductUse::Settings"),
            "in `Account`",
        );
    }

    #[test]
    fn data_named_after_machinery_is_the_machinerys() {
        let src =
            "struct Mailer { smtp_password: String, smtp_username: String, password: String }";
        case(src, "Mailer.smtp_password", None, "");
        case(src, "Mailer.smtp_username", None, "");
        case(
            src,
            "Mailer.password",
            Some("Credentials::Password"),
            "field name",
        );
    }

    #[test]
    fn a_hint_after_a_named_thing_is_an_attribute_of_it() {
        let src =
            "struct Shadow { name: String, password: String, days_max_password_age: i64, age: u8 }";
        case(src, "Shadow.days_max_password_age", None, "");
        case(
            src,
            "Shadow.age",
            Some("Demographic::Age"),
            "field name `age`",
        );
    }

    #[test]
    fn a_name_that_ends_in_a_time_word_is_a_time() {
        let src = "struct User { email: String, email_change_sent_at: Option<String>, \
                   last_login_at: String }";
        case(src, "User.email_change_sent_at", None, "");
        case(
            src,
            "User.last_login_at",
            Some("ProductUse::Features"),
            "field name",
        );
    }

    #[test]
    fn names_split_and_normalise() {
        let src = "struct Contact { userIPAddress: String, emailAddr: String, dob: NaiveDate, \
                   tel: String, zip: String, lat: f64, pwd: String, homeAddr: String }";
        case(
            src,
            "Contact.userIPAddress",
            Some("Device::IpAddress"),
            "userIPAddress",
        );
        case(
            src,
            "Contact.emailAddr",
            Some("Contact::Email"),
            "emailAddr",
        );
        case(src, "Contact.dob", Some("Demographic::Age"), "dob");
        case(src, "Contact.tel", Some("Contact::Phone"), "tel");
        case(src, "Contact.zip", Some("Contact::PostalAddress"), "zip");
        case(src, "Contact.lat", Some("Location::Precise"), "lat");
        case(
            src,
            "Contact.homeAddr",
            Some("Contact::PostalAddress"),
            "homeAddr",
        );
        case(src, "Contact.pwd", Some("Credentials::Password"), "pwd");
    }

    #[test]
    fn references_and_metadata_are_not_the_data() {
        let src = "struct Account { email: String, email_verified_at: Option<DateTime<Utc>>, \
                   password_expires: Option<i64>, phone_number_verified: bool, \
                   auth_provider_id: Option<String>, oauth_user_id: String }";
        case(src, "Account.email_verified_at", None, "");
        case(src, "Account.password_expires", None, "");
        case(src, "Account.phone_number_verified", None, "");
        case(src, "Account.auth_provider_id", None, "");
        case(
            src,
            "Account.oauth_user_id",
            Some("Contact::Other"),
            "oauth_user_id",
        );
    }

    #[test]
    fn an_id_another_service_issued_is_a_handle() {
        // `[[Contact.Other.compound]]`: a sign-in protocol's id in any record,
        // a provider's only in a person's.
        let src = "struct User { oidc_id: Option<String>, google_sub: String, github_id: String } \
                   struct Grant { github_id: String, sso_uid: String } \
                   struct Login { oauth_provider_id: String }";
        case(src, "User.oidc_id", Some("Contact::Other"), "oidc_id");
        case(src, "User.google_sub", Some("Contact::Other"), "google_sub");
        case(src, "User.github_id", Some("Contact::Other"), "github_id");
        case(src, "Grant.sso_uid", Some("Contact::Other"), "sso_uid");
        case(src, "Grant.github_id", None, "");
        case(src, "Login.oauth_provider_id", None, "");
        let ext =
            "struct User { external_id: Option<String> } struct Product { external_id: String }";
        case(
            ext,
            "User.external_id",
            Some("Contact::Other"),
            "external_id",
        );
        case(ext, "Product.external_id", None, "");
        // `gh` is GitHub's short name (its CLI).
        case(
            "struct User { gh_login: String }",
            "User.gh_login",
            Some("Contact::Other"),
            "gh_login",
        );
    }

    #[test]
    fn a_bare_address_is_postal_only_in_a_persons_record() {
        // A resource's, an endpoint's or a chain's `address` is a network's
        // (mullvad, firezone, nostr: outside the corpus); a person's is postal.
        let src =
            "struct DnsResource { address: String } struct User { name: String, address: String } \
                   struct Device { network_addresses: Vec<String> }";
        case(src, "DnsResource.address", None, "");
        case(
            src,
            "User.address",
            Some("Contact::PostalAddress"),
            "address",
        );
        case(
            src,
            "Device.network_addresses",
            Some("Device::IpAddress"),
            "network_addresses",
        );
    }

    #[test]
    fn a_read_receipt_is_no_purchase_and_e164_a_phone_number() {
        let src = "struct Message { read_receipts: Vec<String> } struct Order { receipt: String } \
                   struct Session { e164: Option<String> }";
        case(
            src,
            "Message.read_receipts",
            Some("ProductUse::Features"),
            "read_receipts",
        );
        case(src, "Order.receipt", Some("Spend::Receipt"), "receipt");
        case(src, "Session.e164", Some("Contact::Phone"), "e164");
    }

    #[test]
    fn a_persons_salt_is_part_of_their_password() {
        // OWASP Password Storage Cheat Sheet: salting.
        let src = "struct User { email: String, salt: String } \
                   struct Argon2Params { salt: Vec<u8>, iterations: u32 }";
        case(src, "User.salt", Some("Credentials::Password"), "salt");
        case(src, "Argon2Params.salt", None, "");
    }

    #[test]
    fn a_lorawan_dev_eui_is_a_device_identifier() {
        // LoRaWAN TS001 6.1.1: `standards.toml`.
        let src = "struct Device { dev_eui: String, join_eui: String }";
        case(src, "Device.dev_eui", Some("Device::Identifier"), "dev_eui");
        case(src, "Device.join_eui", None, "");
    }

    #[test]
    fn a_none_phrase_wins() {
        case(USER, "User.public_key", None, "");
        case(
            USER,
            "User.private_key",
            Some("Credentials::SecurityInfo"),
            "field name",
        );
        let src = "struct Customer { business_name: Option<String> } struct Loaded { image_addr: String }";
        case(src, "Customer.business_name", None, "");
        case(src, "Loaded.image_addr", None, "");
        // RFC 5322's In-Reply-To is message ids, its Reply-To an address.
        let mail = "struct Envelope { in_reply_to: Vec<String>, reply_to: Vec<String> }";
        case(mail, "Envelope.in_reply_to", None, "");
        // HTTP's and a cookie's max-age; a ZIP archive's hash.
        let http = "struct Cache { max_age: u64, zip_sha256: String }";
        case(http, "Cache.max_age", None, "");
        case(http, "Cache.zip_sha256", None, "");
        // GPS time is a clock (IS-GPS-200).
        case(
            "struct Fix { time_since_gps_epoch: Duration }",
            "Fix.time_since_gps_epoch",
            None,
            "",
        );
        case(
            mail,
            "Envelope.reply_to",
            Some("Contact::Email"),
            "reply_to",
        );
    }

    #[test]
    fn words_of_published_standards() {
        // OpenID Connect, SCIM, vCard, Matrix, PCI DSS, Android: `standards.toml`.
        let src = "struct Contact { honorific_prefix: String, impp: Vec<String>, \
                   pushkey: String, pin_block: String, imei: String, message_id: String, \
                   mime_version: String }";
        case(
            src,
            "Contact.honorific_prefix",
            Some("Contact::Name"),
            "field name `honorific_prefix`",
        );
        case(src, "Contact.impp", Some("Contact::Other"), "impp");
        case(
            src,
            "Contact.pushkey",
            Some("Device::Identifier"),
            "pushkey",
        );
        case(
            src,
            "Contact.pin_block",
            Some("Payment::SecurityCode"),
            "pin_block",
        );
        case(src, "Contact.imei", Some("Device::Identifier"), "imei");
        // A standard's `none` (RFC 5322 `Message-ID`) vetoes the word it holds.
        case(src, "Contact.message_id", None, "");
        // Exif's exposure tags are the camera's settings.
        case(
            "struct ImageMediaData { shutter_speed: Option<String> }",
            "ImageMediaData.shutter_speed",
            None,
            "",
        );
    }

    #[test]
    fn words_of_identity_providers_and_analytics_schemas() {
        // Supabase Auth, Segment, GA4 Measurement Protocol, Firebase: `standards.toml`.
        let src = "struct User { email: String, user_metadata: serde_json::Value, \
                   photo_url: String } \
                   struct Device { ad_tracking_enabled: bool, app_instance_id: String }";
        case(
            src,
            "User.user_metadata",
            Some("Contact::Other"),
            "user_metadata",
        );
        case(src, "User.photo_url", Some("Content::Media"), "photo_url");
        case(
            src,
            "Device.ad_tracking_enabled",
            Some("ProductUse::Settings"),
            "ad_tracking_enabled",
        );
        case(
            src,
            "Device.app_instance_id",
            Some("Device::Identifier"),
            "app_instance_id",
        );
    }

    #[test]
    fn words_of_browsers_and_web_forms() {
        // WHATWG autofill field names and the WebExtensions history, tab and
        // bookmark types: `standards.toml`.
        let src = "struct Address { address_level2: String, cc_csc: String } \
                   struct HistoryItem { url: String, title: String } \
                   struct RemoteTab { url: String, title: String } \
                   struct Bookmark { url: String, title: String } \
                   struct Link { url: String, title: String }";
        case(
            src,
            "Address.address_level2",
            Some("Contact::PostalAddress"),
            "address_level2",
        );
        case(
            src,
            "Address.cc_csc",
            Some("Payment::SecurityCode"),
            "cc_csc",
        );
        case(
            src,
            "HistoryItem.url",
            Some("ProductUse::PagesVisited"),
            "in `HistoryItem`",
        );
        case(
            src,
            "HistoryItem.title",
            Some("ProductUse::PagesVisited"),
            "in `HistoryItem`",
        );
        case(
            src,
            "RemoteTab.url",
            Some("ProductUse::PagesVisited"),
            "in `RemoteTab`",
        );
        // A tab's title is any UI's.
        case(src, "RemoteTab.title", None, "");
        case(
            src,
            "Bookmark.url",
            Some("Interests::Explicit"),
            "in `Bookmark`",
        );
        case(src, "Link.url", None, "");
    }

    #[test]
    fn words_of_commerce_and_help_desks() {
        // schema.org Order and Review, Shopify's line items, Zendesk tickets:
        // `standards.toml`.
        let src = "struct Cart { line_items: Vec<String>, items_per_page: u32 } \
                   struct Ticket { subject: String, description: String, priority: String } \
                   struct Queue { items: Vec<String> }";
        case(
            src,
            "Cart.line_items",
            Some("ProductUse::Purchases"),
            "in `Cart`",
        );
        case(
            src,
            "Ticket.description",
            Some("Feedback::SupportRequest"),
            "in `Ticket`",
        );
        case(src, "Ticket.priority", None, "");
        case(src, "Queue.items", None, "");
        // A bank transaction (NextGenPSD2, Open Banking, Plaid), a security
        // camera's event (ONVIF, Nest).
        let src = "struct BankTransaction { amount: i64, merchant_name: String } \
                   struct Transaction { isolation: u8, savepoint: String } \
                   struct CameraEvent { snapshot: Vec<u8>, clip_url: String } \
                   struct Camera { viewport: u32, snapshot: Vec<u8> }";
        case(
            src,
            "BankTransaction.merchant_name",
            Some("Spend::Transaction"),
            "in `BankTransaction`",
        );
        case(src, "Transaction.savepoint", None, "");
        case(
            src,
            "CameraEvent.clip_url",
            Some("Video::SecurityCamera"),
            "in `CameraEvent`",
        );
        case(src, "Camera.snapshot", None, "");
    }

    #[test]
    fn the_text_of_a_newtype_is_what_its_name_says() {
        let src = "pub struct EmailAddress(String); \
                   enum CryptPw { Sha256(String), Sha512(String), Invalid } \
                   enum PayoutMethod { Instant, Standard, Unknown(String) } \
                   struct Message(String); struct Ids(Vec<u64>);";
        case(
            src,
            "EmailAddress.0",
            Some("Contact::Email"),
            "the value of `EmailAddress`",
        );
        case(
            src,
            "CryptPw::Sha512.0",
            Some("Credentials::Password"),
            "the value of `CryptPw`",
        );
        // A choice's catch-all, an item that is its own container, no text.
        case(src, "PayoutMethod::Unknown.0", None, "");
        case(src, "Message.0", None, "");
        case(src, "Ids.0", None, "");
    }

    #[test]
    fn a_chat_with_an_assistant_is_a_query_in_a_tree_that_calls_one() {
        // LLM chat APIs (OpenAI, Anthropic, Ollama): `standards.toml`.
        let src = "struct ChatMessage { id: u64, content: String }";
        case_deps(
            &["async-openai"],
            src,
            "ChatMessage.content",
            Some("ProductUse::SearchQuery"),
            "in `ChatMessage`",
        );
        // Elsewhere a chat is between people.
        case_deps(
            &["serde"],
            src,
            "ChatMessage.content",
            Some("Content::InstantMessage"),
            "in `ChatMessage`",
        );
        // Not by the slot's name alone.
        case_deps(
            &["async-openai"],
            "struct Document { content: String }",
            "Document.content",
            None,
            "",
        );
    }

    #[test]
    fn a_slot_named_by_a_kind_or_a_state_is_one_only_in_its_container() {
        // Discord's relationship `type` and `status` (standards.toml).
        let src = "struct Relationship { id: u64, status: String } \
                   struct EditChannel { name: String, status: String }";
        case_deps(
            &["serenity"],
            src,
            "Relationship.status",
            Some("Contacts::Relationships"),
            "status",
        );
        case_deps(&["serenity"], src, "EditChannel.status", None, "");
    }

    #[test]
    fn a_slot_name_the_vocabulary_knows_keeps_its_sense_outside_the_slot() {
        // Stripe's card and billing `name` is a cardholder's; in a tree that
        // speaks Stripe an application's or a consumer's `name` is still not.
        let src = "struct ApplicationIn { name: String } struct KafkaConsumer { name: String } \
                   struct BillingDetails { name: String }";
        let stripe = [OwnName::Module("stripe_config".to_string())];
        case_named(&stripe, src, "ApplicationIn.name", None, "");
        case_named(&stripe, src, "KafkaConsumer.name", None, "");
        case_named(
            &stripe,
            src,
            "BillingDetails.name",
            Some("Contact::Name"),
            "name",
        );
        // A slot's own word is still a hint by itself: Mastodon's relationship `endorsed`.
        case_named(
            &[OwnName::Module("mastodon".to_string())],
            "struct Account { endorsed: bool }",
            "Account.endorsed",
            Some("Contacts::Relationships"),
            "endorsed",
        );
    }

    #[test]
    fn an_at_protocol_account_is_its_did() {
        // AT Protocol lexicons and W3C DID Core: `standards.toml`.
        let src = "struct ProfileViewBasic { did: String, handle: String } \
                   struct Follow { subject: String, created_at: String } \
                   struct Document { did: bool }";
        case(
            src,
            "ProfileViewBasic.did",
            Some("Contact::Other"),
            "in `ProfileViewBasic`",
        );
        case(
            src,
            "Follow.subject",
            Some("Contacts::Relationships"),
            "in `Follow`",
        );
        case(src, "Document.did", None, "");
    }

    #[test]
    fn words_of_ldap_directories() {
        // inetOrgPerson, RFC 4519, Active Directory: `standards.toml`.
        let src = "struct AdUser { user_principal_name: String } \
                   struct SearchEntry { cn: String, object_class: Vec<String> } \
                   struct SubstringFilter { initial: Option<String> }";
        case(
            src,
            "AdUser.user_principal_name",
            Some("Contact::Other"),
            "user_principal_name",
        );
        case(src, "SearchEntry.cn", None, "");
        case_deps(
            &["ldap3"],
            src,
            "SearchEntry.cn",
            Some("Contact::Name"),
            "cn",
        );
        case_deps(&["ldap3"], src, "SubstringFilter.initial", None, "");
    }

    #[test]
    fn person_words_need_a_person() {
        case(
            USER,
            "User.name",
            Some("Contact::Other"),
            "beside a display name",
        );
        case("struct Package { name: String }", "Package.name", None, "");
        // Unless the field names the person whose it is.
        let src = "struct Booking { guest_name: String, room_name: String, guest_count: u32 }";
        case(
            src,
            "Booking.guest_name",
            Some("Contact::Name"),
            "guest_name",
        );
        case(src, "Booking.room_name", None, "");
        case(src, "Booking.guest_count", None, "");
    }

    #[test]
    fn serde_rename_and_variants() {
        let src = "struct Profile { #[serde(rename = \"emailAddress\")] contact: String } \
                   enum Usage { EmailChange(String), Other(String) }";
        case(
            src,
            "Profile.contact",
            Some("Contact::Email"),
            "serde rename `emailAddress`",
        );
        case(
            src,
            "Usage::EmailChange.0",
            Some("Contact::Email"),
            "variant `EmailChange`",
        );
        case(src, "Usage::Other.0", None, "");
    }

    #[test]
    fn a_person_word_of_the_trees_domain_holds_in_any_record() {
        // vCard's `expertise` is a person's only in a person's record, unless
        // the tree speaks vCard (depends on `ical`).
        let src = "struct Entry { expertise: String }";
        case(src, "Entry.expertise", None, "");
        case_deps(
            &["ical"],
            src,
            "Entry.expertise",
            Some("Interests::Explicit"),
            "the tree speaks (its dependency `ical`)",
        );
        case_deps(&["serde"], src, "Entry.expertise", None, "");
        // A program's user is ActivityStreams' actor: its `summary` is a bio.
        let user = "struct User { username: String, summary: String } \
                    struct Build { summary: String }";
        case(user, "User.summary", Some("Content::Posts"), "summary");
        case(user, "Build.summary", None, "");
    }

    #[test]
    fn a_tree_that_names_its_code_for_a_standard_speaks_it() {
        let src = "struct Entry { expertise: String }";
        let module = |m: &str| [OwnName::Module(m.to_string())];
        let package = |p: &str| [OwnName::Package(p.to_string())];
        let (target, want) = ("Entry.expertise", Some("Interests::Explicit"));
        case_named(&module("vcard"), src, target, want, "(its module `vcard`)");
        case_named(
            &package("x-vcard"),
            src,
            target,
            want,
            "(its crate `x-vcard`)",
        );
        // A word of the name, not a piece of one.
        case_named(&module("vcards"), src, target, None, "");
    }
}
