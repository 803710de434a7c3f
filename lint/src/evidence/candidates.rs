//! Runs every rule for one field and weighs what they found: all the
//! evidence, best first.

use super::choices::Around;
use super::context::ItemContext;
use super::facts::{FieldFacts, ItemFacts};
use super::phrases::{flag, Role, Seq};
use super::propagation::wraps_one_text;
use super::types::Kind;
use super::{Candidate, EvidenceModel, Level, Src, Why};
use crate::model::{Item, ItemKind};

impl EvidenceModel {
    /// All evidence for field `fi` of `item`, best first, and the markers found;
    /// `None` when the field holds nothing personal.
    pub(super) fn candidates<'f>(
        &self,
        item: &Item,
        facts: &'f ItemFacts,
        ctx: &ItemContext,
        fi: usize,
    ) -> Option<(Vec<Candidate>, &'f [String])> {
        let ph = &self.phrases;
        let ff = &facts.fields[fi];
        let field = &item.fields[fi];
        let markers = ff.markers.as_slice();
        if ctx.id_type || ff.ty.constant || self.is_machinery(ff) {
            return (!markers.is_empty()).then_some((Vec::new(), markers));
        }
        if ctx.not_personal {
            let cands = if ctx.product {
                self.in_product_record(facts, ctx, ff)
            } else {
                Vec::new()
            };
            return (!cands.is_empty() || !markers.is_empty()).then_some((cands, markers));
        }
        let tuple = ff.tuple;
        let words = &ff.view;
        let mut cands = Vec::new();
        if !tuple || field.variant.is_some() {
            self.name_candidates(facts, ctx, ff, words, Src::Name, &mut cands);
        }
        if let Some(rename) = &ff.rename {
            self.name_candidates(facts, ctx, ff, rename, Src::Rename, &mut cands);
        }
        if tuple && self.value_named_by_its_item(item, facts) {
            // What the name says, not what a container makes of it: the item
            // is its own container (a `Message(String)` of general code is an
            // error's text).
            let mut named = Vec::new();
            self.name_candidates(facts, ctx, ff, &facts.words, Src::Item, &mut named);
            cands.extend(named.into_iter().filter(|c| {
                c.level == Level::Strong || matches!(c.why, Why::NamePerson(_) | Why::NameDomain(_))
            }));
        }
        self.of_a_collective(ctx, words, &mut cands);
        let blocker = words.has(ph, flag::INHERIT_BLOCKER)
            || words.is_whole(ph, flag::WHOLE_BLOCKER)
            || (tuple && facts.words.has(ph, flag::INHERIT_BLOCKER));
        let (blocked, tree_record) = self.type_candidates(ff, blocker, &mut cands);
        self.agree(&mut cands);

        // A reference (`user_id`), or record metadata: nothing but what named it.
        let around = Around {
            none_phrase: words.has(ph, flag::NONE),
            reference: words.ends_with(ph, flag::REFERENCE_TAIL),
            blocked,
            tree_record,
        };
        self.secret_id(ctx, field, ff, &mut cands);
        self.choice_candidates(ctx, ff, &around, &mut cands);
        cands.extend(self.payload(ctx, ff, around.reference || blocker));
        cands.extend(self.lent(ctx, ff, around.reference || blocker || blocked));
        if !around.reference && !around.none_phrase && !cands.iter().any(|c| c.from_name) {
            self.doc_candidates(ff, &mut cands);
        }
        self.weigh(&mut cands, ff, blocked);
        if cands.is_empty() && markers.is_empty() {
            return None;
        }
        cands.sort_by_key(|c| std::cmp::Reverse((c.level, c.from_name, c.len)));
        if let Some(best) = cands.first_mut() {
            self.handle(facts, words, best);
        }
        Some((cands, markers))
    }

    /// Weigh, not veto: a record named for the product (`CloudStorageConfig`,
    /// `ServerOptions`) holds the product's data, but one a person fills in
    /// may still hold their secrets. Only a secret (`[rules] product_secrets`)
    /// the field's own name says clearly counts there, and it is a kind of
    /// evidence of its own (`product/strong`), whose precision the fit measures.
    fn in_product_record(
        &self,
        facts: &ItemFacts,
        ctx: &ItemContext,
        ff: &FieldFacts,
    ) -> Vec<Candidate> {
        let mut cands = Vec::new();
        // A key named as machinery (`private_key`, `signing_key`) is the product's.
        if ff.tuple || ff.view.has(&self.phrases, flag::INFRASTRUCTURE) {
            return cands;
        }
        self.name_candidates(facts, ctx, ff, &ff.view, Src::Name, &mut cands);
        let secret = |c: &Candidate| self.roles.product_secret.get(c.category) == Some(&true);
        cands.retain(|c| c.level == Level::Strong && matches!(c.why, Why::Name(_)) && secret(c));
        cands.sort_by_key(|c| std::cmp::Reverse(c.len));
        cands
    }

    /// A field whose name says nothing may say it in its doc comment (`///
    /// The customer's email address.` on `contact`): a strong name in the
    /// first sentence is a hint, a kind of its own whose precision the fit
    /// measures.
    fn doc_candidates(&self, ff: &FieldFacts, out: &mut Vec<Candidate>) {
        let scalar = matches!(ff.ty.kind, Kind::Bool | Kind::Number | Kind::Time);
        for m in ff.doc_names.iter() {
            for &(cat, role) in &self.phrases.roles[m.pid as usize] {
                if role != Role::Name || (self.vocab.categories[cat].text && scalar) {
                    continue;
                }
                out.push(Candidate {
                    category: cat,
                    level: Level::Weak,
                    from_name: false,
                    len: m.len as usize,
                    why: Why::Doc(m.pid),
                });
            }
        }
    }

    /// A group's or a role's name, email or phone (`Group.display_name`) is
    /// the group's, unless the field names a person (`owner_email`).
    fn of_a_collective(&self, ctx: &ItemContext, words: &Seq, cands: &mut Vec<Candidate>) {
        if ctx.collective && !words.has(&self.phrases, flag::PERSON) {
            cands.retain(|c| !(c.from_name && self.roles.person_fields[c.category]));
        }
    }

    /// Two rules that agree weigh more than either: a hint lent by a record
    /// of the tree (`location: LocationContent`, whose `geo_uri` is a place)
    /// under a field name that says the same group is clear evidence.
    fn agree(&self, cands: &mut [Candidate]) {
        let group = |c: &Candidate| self.vocab.categories[c.category].group();
        let lent_hint =
            |c: &Candidate| matches!(c.why, Why::TypeHolds(_)) && c.level == Level::Inherited;
        // Per field and propagation round: most fields have no lent hint.
        for i in 0..cands.len() {
            if !lent_hint(&cands[i]) {
                continue;
            }
            let said = cands.iter().any(|n| {
                n.from_name && !matches!(n.why, Why::Handle) && group(n) == group(&cands[i])
            });
            if said {
                cands[i].level = Level::Contextual;
            }
        }
    }

    /// An opaque payload (`user_metadata: serde_json::Value`) in a record
    /// that holds a person holds whatever the person put there: a hint.
    fn payload(&self, ctx: &ItemContext, ff: &FieldFacts, refused: bool) -> Option<Candidate> {
        (ctx.person() && ff.ty.payload && !refused).then_some(Candidate {
            category: self.roles.payload?,
            level: Level::Weak,
            from_name: false,
            len: 0,
            why: Why::Payload,
        })
    }

    /// Evidence that the type contradicts counts less or not at all.
    fn weigh(&self, cands: &mut Vec<Candidate>, ff: &FieldFacts, blocked: bool) {
        let many = ff.ty.many;
        let kind = ff.ty.kind;
        let words = &ff.view.words;
        let prefixed = words.len() > 1 && self.vocab.bools.prefixes.contains(&words[0]);
        let flag_words = words.len() - usize::from(prefixed);
        let text = |c: &Candidate| self.vocab.categories[c.category].text;
        // A text category named on a value that is not text (`token:
        // CancellationToken`, `location: Vec2`) is a hint, not clear evidence.
        // A bool whose name says more than the data (`needs_stack_trace`,
        // `got_exception`) is a flag about that data, not the data: a hint.
        // One that is the phrase alone (`delinquent`, `is_favorite`) is a
        // fact of the person.
        let flag = |c: &Candidate| {
            kind == Kind::Bool && Some(c.category) != self.roles.choice && c.len < flag_words
        };
        // What a person made (a picture, a file, a recording) is never a
        // number, a flag or a time: `audio: bool` says there is audio.
        let scalar = matches!(kind, Kind::Bool | Kind::Number | Kind::Time);
        let made = |c: &Candidate| scalar && self.roles.never_scalar[c.category];
        if kind != Kind::Text {
            for c in cands.iter_mut() {
                if c.from_name
                    && c.level == Level::Strong
                    && (text(c) || flag(c) || made(c))
                    && matches!(c.why, Why::Name(_))
                {
                    c.level = Level::Weak;
                }
            }
        }
        if Self::is_key(ff) {
            // A key of the tree (`reply_to: Option<CommentId>`) points at a
            // record: a text its name says is not here, as in `comment_id`.
            cands.retain(|c| !(c.from_name && text(c)));
        }
        if blocked {
            // A record of the tree that holds nothing personal is not text
            // either: `location: Option<Location>` is a source location.
            // A list of records named for a category is a multi-valued
            // attribute (SCIM's `emails: Vec<MultiValueAttr>`, RFC 7643
            // 2.4; vCard's repeated properties): its name still hints.
            cands.retain_mut(|c| {
                let attribute = many && c.from_name && matches!(c.why, Why::Name(_));
                if attribute {
                    c.level = c.level.min(Level::Weak);
                }
                attribute
                    || (c.level >= Level::Strong && !(c.from_name && text(c)))
                    || (c.level == Level::Contextual && !c.from_name)
                    || matches!(c.why, Why::TypeHolds(_))
            });
        }
    }

    /// The text of a newtype (`struct EmailAddress(String)`), or of an enum
    /// whose variants each wrap one text (`enum CryptPw { Sha512(String), .. }`):
    /// the item's name says what the text is. Not an enum of choices whose
    /// catch-all keeps an unknown one (`Unknown(String)`).
    fn value_named_by_its_item(&self, item: &Item, facts: &ItemFacts) -> bool {
        let catch_all = &self.vocab.types.catch_all_variants;
        let a_choice = || {
            item.fields
                .iter()
                .any(|f| f.variant.as_deref().is_some_and(|v| catch_all.contains(v)))
        };
        wraps_one_text(item, facts)
            && match item.kind {
                ItemKind::Struct => item.fields.len() == 1,
                ItemKind::Enum => !item.fields.is_empty() && !a_choice(),
                _ => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assess, case_open};

    #[test]
    fn a_doc_comment_that_names_what_the_field_holds_is_a_hint() {
        let src = "struct Customer { \
                   /// The customer's email address. Used for receipts.\n reach: String, \
                   /// When the email address was verified.\n verified: Option<String>, \
                   /// The user's phone number.\n phone: String }";
        case_open(
            src,
            "Customer.reach",
            Some("Contact::Email"),
            "its doc comment names email address",
        );
        case_open(src, "Customer.verified", None, "");
        // A name that says it needs no doc comment.
        let a = assess(src, "Customer.phone").expect("a phone");
        assert!(
            a.evidence.iter().all(|e| !e.contains("doc comment")),
            "{a:?}"
        );
    }
}
