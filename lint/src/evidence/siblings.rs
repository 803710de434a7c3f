//! The sibling rules: names that mean a category only inside certain
//! containers or beside certain sibling fields (`[[Group.Item.when]]` of the
//! vocabulary: `cwd` beside a `command` is a shell history's, `bic` beside an
//! `iban` a bank account's), and `name` beside a display name, which is the
//! person's handle (`[rules]` of the vocabulary).

use super::facts::ItemFacts;
use super::phrases::{Pid, Seq};
use super::{Candidate, EvidenceModel, Why};

impl EvidenceModel {
    /// Whether `when` rule `r` holds for a field named `seq` of the item
    /// (of its variant `variant`, if any: `OtherState::RoomTopic { topic }`
    /// is a room topic as a `RoomTopic` record would be): `Some(true)` by the
    /// container, `Some(false)` by the siblings (or, for a slot of the tree's
    /// domain, by its name alone).
    pub(super) fn rule_holds(
        &self,
        r: u32,
        facts: &ItemFacts,
        variant: Option<&Seq>,
        seq: &Seq,
    ) -> Option<bool> {
        let rule = &self.phrases.rules[r as usize];
        let item = &facts.words;
        if rule.unless.iter().any(|&p| item.contains(p)) {
            return None;
        }
        let mut names = std::iter::once(&**item).chain(variant);
        if rule.head {
            // A standard's slot: the container is what the item is, the head
            // of its name (`PhoneNumber`, `PhoneNumberResponse`), never a
            // word before it (`PhoneNumberFormat`).
            return names
                .any(|name| self.headed_by(name, &rule.containers))
                .then_some(true);
        }
        if names.any(|name| rule.containers.iter().any(|&p| name.contains(p))) {
            return Some(true);
        }
        let beside = rule.siblings.iter().any(|&p: &Pid| {
            facts.fields.iter().any(|f| {
                let s = f.sibling();
                s.words != seq.words && s.contains(p)
            })
        });
        // A slot of the tree's domain: its name alone says it, as a hint.
        (beside || rule.domain).then_some(false)
    }

    /// Whether one of `containers` is the head of `name`.
    fn headed_by(&self, name: &Seq, containers: &[Pid]) -> bool {
        self.head_matches(name).any(|m| containers.contains(&m.pid))
    }

    /// `name` beside a display name is the handle: the best candidate, when it
    /// is the real name, becomes the handle.
    pub(super) fn handle(&self, facts: &ItemFacts, words: &Seq, best: &mut Candidate) {
        let rules = &self.vocab.rules;
        if Some(best.category) != self.roles.real_name || !rules.handle_names.contains(&words.words)
        {
            return;
        }
        let beside = facts.fields.iter().any(|s| {
            let s = &s.sibling().words;
            rules.handle_beside.contains(s)
        });
        if let (true, Some(handle)) = (beside, self.roles.handle) {
            best.category = handle;
            best.why = Why::Handle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess_deps, case, case_deps};
    use super::super::Confidence;

    #[test]
    fn a_variant_is_a_container_as_a_record_is() {
        // Mastodon's Report: its `comment` is the reporter's words.
        let src = "enum Activity { CreateReport { comment: String }, Ping { comment: String } }";
        case(
            src,
            "Activity::CreateReport.comment",
            Some("Feedback::SupportRequest"),
            "comment",
        );
        case(src, "Activity::Ping.comment", None, "");
    }

    #[test]
    fn beside_the_command_of_a_shell_history() {
        let src = "struct History { command: String, cwd: String, exit: i64, hostname: String } \
                   struct CommandOutput { cwd: PathBuf, stdout: String }";
        case(src, "History.cwd", Some("ProductUse::Features"), "beside");
        case(
            src,
            "History.hostname",
            Some("Device::Identifier"),
            "beside",
        );
        case(src, "CommandOutput.cwd", None, "");
    }

    #[test]
    fn beside_a_bank_account_or_a_location_fix() {
        let src = "struct Payout { iban: String, bic: String } \
                   struct Fix { latitude: f64, longitude: f64, accuracy: f32 } \
                   struct Model { accuracy: f32, bic: String }";
        case(src, "Payout.bic", Some("Payment::InstrumentNumber"), "bic");
        case(src, "Fix.accuracy", Some("Location::Precise"), "accuracy");
        case(src, "Model.accuracy", None, "");
        case(src, "Model.bic", None, "");
    }

    #[test]
    fn inside_a_container_unless_it_says_otherwise() {
        let src = "struct Comment { content: String, score: i32 } \
                   struct PrivateMessage { content: String, recipient_id: i64 } \
                   struct HttpResponse { content: Vec<u8>, status: u16 } \
                   struct PageView { url: String, referrer: String }";
        case(
            src,
            "Comment.content",
            Some("Content::Posts"),
            "in `Comment`",
        );
        case(
            src,
            "PrivateMessage.content",
            Some("Content::InstantMessage"),
            "in `PrivateMessage`",
        );
        case(
            src,
            "PageView.referrer",
            Some("ProductUse::PagesVisited"),
            "in `PageView`",
        );
        case(src, "HttpResponse.content", None, "");
        case(src, "Comment.score", None, "");
    }

    #[test]
    fn a_standards_slot_in_the_type_it_belongs_to() {
        // SCIM 2.0 multi-valued attributes, Mastodon's account header, the
        // Matrix m.room.message content: the container is the head of the name.
        let src = "struct Email { value: String, primary: bool } \
                   struct PhoneNumberResponse { value: String } \
                   struct EmailFormat { value: String } \
                   struct Account { header: String, header_static: String } \
                   struct RoomMessageEventContent { body: String } \
                   struct HttpHeader { value: String }";
        case(src, "Email.value", Some("Contact::Email"), "in `Email`");
        case(
            src,
            "PhoneNumberResponse.value",
            Some("Contact::Phone"),
            "in `PhoneNumberResponse`",
        );
        case(src, "EmailFormat.value", None, "");
        case(src, "Email.primary", None, "");
        case(
            src,
            "Account.header",
            Some("Content::Media"),
            "in `Account`",
        );
        case(
            src,
            "RoomMessageEventContent.body",
            Some("Content::InstantMessage"),
            "in `RoomMessageEventContent`",
        );
        case(src, "HttpHeader.value", None, "");
    }

    #[test]
    fn name_beside_a_display_name_is_the_handle() {
        let src = "struct User { name: String, display_name: Option<String> } \
                   struct Member { name: String, nickname: String } \
                   struct Person { name: String, email: String }";
        case(
            src,
            "User.name",
            Some("Contact::Other"),
            "beside a display name",
        );
        case(
            src,
            "Member.name",
            Some("Contact::Other"),
            "beside a display name",
        );
        case(src, "Person.name", Some("Contact::Name"), "holds a person");
    }

    #[test]
    fn a_slot_of_the_trees_domain() {
        // A tree that depends on `ruma` speaks Matrix: a slot's container may
        // be any part of the item's name...
        let src = "struct CallInviteState { invitee: String }";
        case(src, "CallInviteState.invitee", None, "");
        case_deps(
            &["ruma"],
            src,
            "CallInviteState.invitee",
            Some("Contact::Other"),
            "in `CallInviteState`",
        );
        // ...and its name alone is a hint, named by the dependency.
        let src = "struct Entry { sender: String }";
        case(src, "Entry.sender", None, "");
        case_deps(
            &["matrix-sdk"],
            src,
            "Entry.sender",
            Some("Contact::Other"),
            "the tree speaks (its dependency `matrix-sdk`)",
        );
        assert_eq!(
            assess_deps(&["ruma"], src, "Entry.sender").map(|a| a.confidence),
            Some(Confidence::Weak)
        );
        // Not a weak slot, nor one the domain gives several meanings (SCIM's
        // `value` of an email, a phone number, a photo).
        case_deps(
            &["ruma"],
            "struct Entry { topic: String }",
            "Entry.topic",
            None,
            "",
        );
        case_deps(
            &["scim_proto"],
            "struct Entry { value: String }",
            "Entry.value",
            None,
            "",
        );
    }
}
