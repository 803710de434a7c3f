//! The choice rule: a bool named like a choice (`show_nsfw`, `hide_read`) is
//! a person's setting in a person's record (elsewhere it is as often the
//! program's own switch); a preference-shaped field of a person
//! (`default_sort_type`) is a setting; any other bool of a person is a flag
//! of theirs. Record bookkeeping (`deleted`,
//! `is_admin`, `enabled` alone) is none of these. The words are data:
//! `setting_verbs` and `bookkeeping` of `[context]`, and `[bools]`.

use super::context::ItemContext;
use super::facts::FieldFacts;
use super::phrases::{flag, Seq};
use super::types::Kind;
use super::{Candidate, EvidenceModel, Level, Why};

/// What the other rules found that a choice depends on.
pub(super) struct Around {
    /// The name has a `none` phrase.
    pub none_phrase: bool,
    /// The name ends in a reference (`user_id`).
    pub reference: bool,
    /// The type is a record of the tree that holds nothing personal.
    pub blocked: bool,
    /// The type is a record (not an enum of choices) of the tree.
    pub tree_record: bool,
}

impl EvidenceModel {
    /// Settings: a bool named like a choice, or preference-shaped fields of a
    /// person; else a person's bool is a flag of theirs.
    pub(super) fn choice_candidates(
        &self,
        ctx: &ItemContext,
        ff: &FieldFacts,
        around: &Around,
        out: &mut Vec<Candidate>,
    ) {
        let ph = &self.phrases;
        let words = &ff.view;
        if around.none_phrase || self.bookkeeping(words) {
            return;
        }
        let Some(cat) = self.roles.choice else {
            return;
        };
        let n = words.words.len();
        let verb = !ff.tuple
            && words.matches.iter().any(|m| {
                m.start == 0
                    && (m.len as usize) < n
                    && ph.flags[m.pid as usize] & flag::SETTING_VERB != 0
            });
        let choice = |level| Candidate {
            category: cat,
            level,
            from_name: true,
            len: 1,
            why: Why::Choice,
        };
        if verb && ff.ty.kind == Kind::Bool {
            // A person's choice in a person's record; elsewhere a bool
            // named like a choice is as often the program's own switch (a
            // command's `--show-help`): no evidence (it was right once in
            // three fields of the corpus, and 108 notes on general code).
            if ctx.person() {
                out.push(choice(Level::Setting));
            }
        } else if verb
            && ctx.person()
            && ff.ty.kind != Kind::Text
            && !around.blocked
            && !around.tree_record
        {
            out.push(choice(Level::Contextual));
        } else if ctx.person() && ff.ty.kind == Kind::Bool && !around.reference {
            out.push(Candidate {
                category: cat,
                level: Level::Inherited,
                from_name: false,
                len: 0,
                why: Why::Flag,
            });
        }
    }

    /// Whether the name is record bookkeeping: a bookkeeping phrase at the
    /// start (after flag prefixes such as `is_`) or at the end, or one that
    /// counts only alone as the whole name.
    pub(super) fn bookkeeping(&self, seq: &Seq) -> bool {
        let bools = &self.vocab.bools;
        let words = &seq.words;
        let mut k = 0;
        while k < words.len() {
            if bools.prefixes.contains(&words[k]) && words.len() - k > 1 {
                k += 1;
            } else {
                break;
            }
        }
        if words.len() - k == 1 && bools.alone.contains(&words[k]) {
            return true;
        }
        let n = words.len();
        seq.matches.iter().any(|m| {
            self.phrases.flags[m.pid as usize] & flag::BOOKKEEPING != 0
                && m.start as usize >= k
                && (m.start as usize == k || m.end() == n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess, case, USER};
    use super::super::Confidence;

    #[test]
    fn a_bool_named_like_a_choice() {
        case(
            USER,
            "User.show_nsfw",
            Some("ProductUse::Settings"),
            "a choice",
        );
        case(
            USER,
            "User.infinite_scroll_enabled",
            Some("ProductUse::Settings"),
            "a choice",
        );
        let src = "struct LocalUserUpdateForm { email: Option<Option<String>>, show_avatars: Option<bool> }";
        case(
            src,
            "LocalUserUpdateForm.show_avatars",
            Some("ProductUse::Settings"),
            "a choice",
        );
        // Outside a person's record, not even a hint the fit could report.
        let args = [(
            "src/args.rs",
            "struct LogsArgs { show_job_id: bool, follow: bool }",
        )];
        let open = |target| {
            super::super::tests::assess_with(
                &args,
                "src/args.rs",
                target,
                &Default::default(),
                Some(super::super::tests::OPEN_FIT),
            )
        };
        assert!(open("LogsArgs.show_job_id").is_none());
    }

    #[test]
    fn a_preference_of_a_person() {
        case(
            USER,
            "User.default_sort_type",
            Some("ProductUse::Settings"),
            "a choice",
        );
        case(
            USER,
            "User.theme",
            Some("ProductUse::Settings"),
            "field name `theme`",
        );
        // A preference is a person's.
        let src = "struct FeedPreferences { feed: String, hide_replies: Option<bool> }";
        case(
            src,
            "FeedPreferences.hide_replies",
            Some("ProductUse::Settings"),
            "a choice",
        );
    }

    #[test]
    fn outside_a_person_a_choice_is_a_hint() {
        let src = "struct Relationship { allow_self_referential: bool } \
                   enum Filter { ShowAll(bool), HideEmpty(bool) }";
        if let Some(a) = assess(src, "Relationship.allow_self_referential") {
            assert_eq!(a.confidence, Confidence::Weak, "{a:?}");
        }
        case(src, "Filter::ShowAll.0", None, "");
    }

    #[test]
    fn bookkeeping_is_no_choice() {
        for field in ["admin", "deleted", "enabled", "email_verified"] {
            case(USER, &format!("User.{field}"), None, "");
        }
        let src =
            "struct Member { email: String, phone: String, is_admin: bool, has_enabled: bool }";
        case(src, "Member.is_admin", None, "");
        case(src, "Member.has_enabled", None, "");
        // A role, a session's state, a delivery (crates.io, kellnr).
        let src = "struct Member { email: String, phone: String, is_read_only: bool, \
                   is_logged_in: bool, email_verification_sent: bool }";
        for field in ["is_read_only", "is_logged_in", "email_verification_sent"] {
            case(src, &format!("Member.{field}"), None, "");
        }
    }
}
