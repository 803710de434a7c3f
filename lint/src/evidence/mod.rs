//! The evidence model: for every field, whether it holds personal data, which
//! category, how sure we are, and why. Its words live in `vocabulary.toml`
//! (data, one list per taxonomy item); this module holds only the rules that
//! combine them:
//!
//! 1. the field's name (and serde rename, and an enum variant's name for a
//!    tuple field) is split into words and normalised ([`words`]); phrases of
//!    the vocabulary are found in it, the longest first; a phrase followed by
//!    a reference or metadata word (`email_verified`, `user_id`) does not count;
//! 2. the type: listed types (`IpAddr`, `SecretString`), newtypes whose own name
//!    is a phrase (`EmailAddress`), and types defined in the scanned tree whose
//!    own fields are personal (the type index, built in [`EvidenceModel::new`]);
//! 3. the container: a struct that holds a person (its name, or its fields)
//!    gives meaning to `name`, preference-shaped fields and bools; a struct whose
//!    name or fields say it holds one category (`StackFrame`, `Address`, `Card`)
//!    lends it to its fields that are not references or record metadata; a
//!    struct about the product, a server or software (`Config`, `Site`,
//!    `SdkInfo`) holds none;
//! 4. markers other crates put on fields (`#[redact]`, `#[sensitive]`,
//!    `#[metastructure(pii = "true")]`, `#[classified]`).
//!
//! Evidence from the name or a listed type is strong (an error by default);
//! evidence from context only is weak (a note).

mod types;
mod vocab;
pub mod words;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use collects_grammar::Taxonomy;

use crate::model::{Field, Item, ItemKind};
use types::Kind;
use vocab::{Phrase, Vocabulary};
use words::{contains_phrase, find_phrase};

/// The built-in vocabulary, beside the built-in taxonomy.
pub const BUILTIN_VOCABULARY: &str = include_str!("../../../vocabulary.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// A hint worth a look: reported as a note by default.
    Weak,
    /// Clear evidence: reported as an error by default.
    Strong,
}

/// What the evidence says about one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Categories (`Group::Item`), best first.
    pub categories: Vec<String>,
    pub confidence: Confidence,
    /// Each piece of evidence, for people: "field name `email`".
    pub evidence: Vec<String>,
}

/// How much a piece of evidence weighs; higher wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// A weak word (`address` alone, `code`).
    Weak = 1,
    /// Lent by the container (`Frame.lineno`) or a person's bool.
    Inherited = 2,
    /// A word whose meaning depends on the container (`name` of a `User`), or a
    /// type defined in the tree.
    Contextual = 3,
    /// A word or type that means this anywhere.
    Strong = 4,
    /// A bool named like a choice (`show_nsfw`): beats the words it mentions.
    Setting = 5,
}

#[derive(Debug, Clone)]
struct Candidate {
    category: usize,
    level: Level,
    /// Name evidence outranks type evidence at the same level.
    from_name: bool,
    /// Phrase length in words.
    len: usize,
    evidence: String,
}

/// What is known about a struct, enum or union before its fields are assessed.
#[derive(Debug, Clone, Default)]
struct ItemContext {
    words: Vec<String>,
    /// It holds a person: `User`, `Customer`, or fields like email and password.
    person: bool,
    /// Why it holds a person, for the evidence.
    person_reason: Option<String>,
    /// It is about the product, a server or software.
    not_personal: bool,
    /// It is a secret of a person (`Session`, `MagicLink`): its text `id` is the secret.
    credential: bool,
    /// An id newtype (`UserId`, `SpanId`).
    id_type: bool,
    /// All its fields hold this category (by its name or by most of its fields).
    container: Option<usize>,
    container_reason: String,
    /// Normalised names of all its fields.
    siblings: Vec<Vec<String>>,
}

/// What a type defined in the tree holds.
#[derive(Debug, Clone)]
struct TypeInfo {
    path: String,
    /// The category most of its fields hold.
    category: Option<usize>,
    /// A record or an enum with data that holds nothing personal: a field of this
    /// type is a reference to it, not data of the container's category.
    blocks: bool,
    /// An enum of choices (unit variants, perhaps a catch-all).
    choice: bool,
}

pub struct EvidenceModel {
    vocab: Vocabulary,
    contexts: HashMap<(String, String), ItemContext>,
    type_index: HashMap<String, Vec<TypeInfo>>,
    fallback: Option<usize>,
}

/// The field as seen by the rules.
struct FieldView<'a> {
    field: &'a Field,
    /// The file of the item.
    path: &'a str,
    /// Words of the name (of the variant for a tuple field).
    words: Vec<String>,
    rename: Option<Vec<String>>,
    kind: Kind,
}

impl EvidenceModel {
    /// Builds the model from the vocabulary, for a tree whose items are `items`
    /// (types defined in the tree lend their meaning to fields of that type).
    pub fn new(taxonomy: &Taxonomy, items: &[Item]) -> EvidenceModel {
        Self::with_vocabulary(taxonomy, items, None)
    }

    /// As [`EvidenceModel::new`], adding the words of a custom taxonomy's own
    /// `vocabulary.toml` (same format as the built-in one) to the built-in ones.
    pub fn with_vocabulary(
        taxonomy: &Taxonomy,
        items: &[Item],
        extra: Option<&str>,
    ) -> EvidenceModel {
        // Evaluation hook: `COLLECTS_VOCABULARY_FILE` replaces the built-in
        // vocabulary (used to score a project with words tuned without it).
        let replaced = std::env::var_os("COLLECTS_VOCABULARY_FILE")
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| Vocabulary::parse(&text, taxonomy).ok());
        let mut vocab = replaced.unwrap_or_else(|| {
            Vocabulary::parse(BUILTIN_VOCABULARY, taxonomy)
                .expect("the built-in vocabulary.toml is valid")
        });
        if let Some(extra) = extra {
            match Vocabulary::parse(extra, taxonomy) {
                Ok(more) => vocab.extend(more),
                Err(e) => eprintln!("warning: custom vocabulary ignored: {e}"),
            }
        }
        let fallback = vocab
            .categories
            .iter()
            .position(|c| c.name == "Contact::Other")
            .or(if vocab.categories.is_empty() {
                None
            } else {
                Some(0)
            });
        let mut model = EvidenceModel {
            vocab,
            contexts: HashMap::new(),
            type_index: HashMap::new(),
            fallback,
        };
        model.index(items);
        model
    }

    /// Precomputes the context of every item and the type index: three rounds,
    /// so that a type made of types made of personal fields is known.
    fn index(&mut self, items: &[Item]) {
        for round in 0..3 {
            let contexts: HashMap<(String, String), ItemContext> = items
                .iter()
                .map(|item| {
                    (
                        (item.path.clone(), item.name.clone()),
                        self.context_of(item),
                    )
                })
                .collect();
            self.contexts = contexts;
            if round == 2 {
                break;
            }
            let mut index: HashMap<String, Vec<TypeInfo>> = HashMap::new();
            for item in items {
                let info = self.type_info(item);
                index.entry(item.name.clone()).or_default().push(info);
            }
            self.type_index = index;
        }
    }

    fn type_info(&self, item: &Item) -> TypeInfo {
        let ctx = &self.contexts[&(item.path.clone(), item.name.clone())];
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut personal = 0;
        for field in &item.fields {
            if let Some((cands, _)) = self.candidates(item, ctx, field) {
                if let Some(best) = cands.first() {
                    // An enum is personal by its variants' own data, not by its name.
                    if item.kind == ItemKind::Enum && best.level <= Level::Inherited {
                        continue;
                    }
                    *counts.entry(best.category).or_default() += 1;
                    personal += 1;
                }
            }
        }
        let category = counts
            .iter()
            .max_by_key(|(cat, n)| (**n, usize::MAX - **cat))
            .map(|(cat, _)| *cat)
            .filter(|_| personal * 2 >= item.fields.len());
        let choice_enum = item.kind == ItemKind::Enum
            && item.fields.iter().all(|f| {
                f.variant.as_deref().is_some_and(|v| {
                    matches!(
                        v,
                        "Unknown" | "Other" | "Custom" | "Unrecognized" | "Unrecognised"
                    )
                })
            });
        let is_newtype = item.kind == ItemKind::Struct
            && item.fields.len() == 1
            && item.fields[0].name.chars().all(|c| c.is_ascii_digit());
        TypeInfo {
            path: item.path.clone(),
            category,
            blocks: category.is_none() && !choice_enum && !is_newtype && !item.fields.is_empty(),
            choice: choice_enum || (item.kind == ItemKind::Enum && item.fields.is_empty()),
        }
    }

    fn context_of(&self, item: &Item) -> ItemContext {
        let v = &self.vocab;
        let words = v.normaliser.words(&item.name);
        let longest = |list: &[Phrase]| -> usize {
            list.iter()
                .filter(|p| contains_phrase(&words, p))
                .map(Vec::len)
                .max()
                .unwrap_or(0)
        };
        let person_len = longest(&v.person);
        let none_len = longest(&v.not_personal);
        let mut container: Option<(usize, usize)> = None; // (category, phrase len)
        for (i, cat) in v.categories.iter().enumerate() {
            for p in &cat.containers {
                let longer = match container {
                    Some((_, len)) => p.len() > len,
                    None => true,
                };
                if contains_phrase(&words, p) && longer {
                    container = Some((i, p.len()));
                }
            }
        }
        let container_len = container.map_or(0, |(_, len)| len);
        let not_personal = none_len > 0 && none_len >= person_len.max(container_len);
        let id_type = words
            .last()
            .is_some_and(|w| v.reference_tails.iter().any(|t| t.len() == 1 && &t[0] == w))
            && item.fields.len() <= 3;
        let siblings: Vec<Vec<String>> = item
            .fields
            .iter()
            .map(|f| v.normaliser.words(&f.name))
            .collect();
        let mut ctx = ItemContext {
            words: words.clone(),
            person: false,
            person_reason: None,
            not_personal,
            credential: !not_personal && longest(&v.credential) > 0,
            id_type,
            container: None,
            container_reason: String::new(),
            siblings,
        };
        if not_personal || id_type {
            return ctx;
        }
        if person_len > 0 {
            ctx.person = true;
            ctx.person_reason = Some(format!("in `{}`, a struct that holds a person", item.name));
        }
        if let Some((cat, _)) = container {
            ctx.container = Some(cat);
            ctx.container_reason = format!(
                "in `{}`, whose fields hold {}",
                item.name, v.categories[cat].name
            );
        }
        // Siblings: strong contact fields make a person; most fields of one
        // voting group make a container of it.
        let mut contact = 0;
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for field in &item.fields {
            let Some((cands, _)) = self.candidates(item, &ctx, field) else {
                continue;
            };
            let Some(best) = cands.first() else { continue };
            let cat = &v.categories[best.category];
            if best.level >= Level::Strong
                && (cat.group() == "Contact" || cat.name == "Credentials::Password")
            {
                contact += 1;
            }
            if cat.vote && best.level != Level::Inherited {
                *votes.entry(best.category).or_default() += 1;
            }
        }
        if !ctx.person && contact >= 2 {
            ctx.person = true;
            ctx.person_reason = Some(format!(
                "in `{}`, whose other fields hold a person's contact data",
                item.name
            ));
        }
        if ctx.container.is_none() && !ctx.person {
            let mut by_group: HashMap<&str, (usize, usize, usize)> = HashMap::new(); // total, best cat, best n
            for (&cat, &n) in &votes {
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
                    ctx.container = Some(*cat);
                    ctx.container_reason = format!(
                        "in `{}`, most of whose fields hold {}",
                        item.name, v.categories[*cat].name
                    );
                }
            }
        }
        ctx
    }

    /// Assesses one field of `item`.
    pub fn assess(&self, item: &Item, field: &Field) -> Option<Assessment> {
        let key = (item.path.clone(), item.name.clone());
        let computed;
        let ctx = match self.contexts.get(&key) {
            Some(ctx) => ctx,
            None => {
                computed = self.context_of(item);
                &computed
            }
        };
        let (cands, markers) = self.candidates(item, ctx, field)?;
        let confidence_boost = !markers.is_empty();
        let best = match cands.first() {
            Some(best) => best.clone(),
            None => {
                // A marker without a category: personal, category unknown.
                let category = self.fallback?;
                Candidate {
                    category,
                    level: Level::Strong,
                    from_name: false,
                    len: 0,
                    evidence: String::new(),
                }
            }
        };
        let mut categories = vec![self.vocab.categories[best.category].name.clone()];
        for c in &cands {
            let name = &self.vocab.categories[c.category].name;
            if c.level >= Level::Contextual && !categories.contains(name) {
                categories.push(name.clone());
            }
        }
        let mut evidence: Vec<String> = Vec::new();
        for e in std::iter::once(&best.evidence)
            .chain(
                cands
                    .iter()
                    .filter(|c| c.category == best.category)
                    .map(|c| &c.evidence),
            )
            .chain(markers.iter())
        {
            if !e.is_empty() && !evidence.contains(e) {
                evidence.push(e.clone());
            }
        }
        let confidence = if best.level >= Level::Contextual || confidence_boost {
            Confidence::Strong
        } else {
            Confidence::Weak
        };
        Some(Assessment {
            categories,
            confidence,
            evidence,
        })
    }

    /// All evidence for a field, best first, and the markers found; `None` when
    /// the field holds nothing personal.
    fn candidates(
        &self,
        item: &Item,
        ctx: &ItemContext,
        field: &Field,
    ) -> Option<(Vec<Candidate>, Vec<String>)> {
        let v = &self.vocab;
        let markers = markers(field);
        if ctx.not_personal || ctx.id_type {
            return if markers.is_empty() {
                None
            } else {
                Some((Vec::new(), markers))
            };
        }
        let tuple = field.name.chars().all(|c| c.is_ascii_digit());
        let name_words = if tuple {
            field
                .variant
                .as_deref()
                .map(|var| v.normaliser.words(var))
                .unwrap_or_default()
        } else {
            v.normaliser.words(&field.name)
        };
        let view = FieldView {
            field,
            path: &item.path,
            words: name_words,
            rename: field.serde_rename.as_deref().map(|r| v.normaliser.words(r)),
            kind: types::kind(&field.ty),
        };
        let label = if tuple {
            field
                .variant
                .as_deref()
                .map(|var| format!("variant `{var}`"))
        } else {
            Some(format!("field name `{}`", field.name))
        };
        let mut cands = Vec::new();
        if let Some(label) = &label {
            self.name_candidates(item, ctx, &view, &view.words, label, &mut cands);
        }
        if let (Some(rename), Some(r)) = (&view.rename, &field.serde_rename) {
            self.name_candidates(
                item,
                ctx,
                &view,
                rename,
                &format!("serde rename `{r}`"),
                &mut cands,
            );
        }
        let (type_cands, blocked, tree_record) = self.type_candidates(&view);
        cands.extend(type_cands);

        // A reference (`user_id`), or record metadata: nothing but what named it.
        let reference = view
            .words
            .last()
            .is_some_and(|w| v.reference_tails.iter().any(|t| t.len() == 1 && &t[0] == w))
            || v.reference_tails
                .iter()
                .any(|t| t.len() > 1 && view.words.ends_with(t));
        let none_phrase = v.none.iter().any(|p| contains_phrase(&view.words, p));
        let blocker = v
            .inherit_blockers
            .iter()
            .any(|p| contains_phrase(&view.words, p))
            || v.whole_blockers.contains(&view.words)
            || (tuple
                && v.inherit_blockers
                    .iter()
                    .any(|p| contains_phrase(&ctx.words, p)));

        // The text `id` of a secret record is the secret (a session id is the cookie).
        if ctx.credential && field.name == "id" && view.kind == Kind::Text {
            if let Some(cat) = self.category("Credentials::SecurityInfo") {
                cands.push(Candidate {
                    category: cat,
                    level: Level::Contextual,
                    from_name: true,
                    len: 1,
                    evidence: format!("`id` of `{}`, a secret record", item.name),
                });
            }
        }
        // Settings: a bool named like a choice, or preference-shaped fields of a person.
        if !none_phrase && !self.bookkeeping(&view.words) {
            let verb = v
                .setting_verbs
                .iter()
                .any(|p| view.words.len() > p.len() && view.words.starts_with(p));
            if let Some(cat) = self.category("ProductUse::Settings") {
                if verb && view.kind == Kind::Bool {
                    cands.push(Candidate {
                        category: cat,
                        level: Level::Setting,
                        from_name: true,
                        len: 1,
                        evidence: format!("field name `{}`: a choice", field.name),
                    });
                } else if verb && ctx.person && view.kind != Kind::Text && !blocked && !tree_record
                {
                    cands.push(Candidate {
                        category: cat,
                        level: Level::Contextual,
                        from_name: true,
                        len: 1,
                        evidence: format!("field name `{}`: a choice", field.name),
                    });
                } else if ctx.person && view.kind == Kind::Bool && !reference {
                    cands.push(Candidate {
                        category: cat,
                        level: Level::Inherited,
                        from_name: false,
                        len: 0,
                        evidence: format!(
                            "a flag of `{}`, a struct that holds a person",
                            item.name
                        ),
                    });
                }
            }
        }
        // The container lends its category.
        if let Some(cat) = ctx.container {
            let category = &v.categories[cat];
            let kind_ok =
                !(category.text && matches!(view.kind, Kind::Bool | Kind::Number | Kind::Time));
            if !reference && !blocker && !blocked && kind_ok {
                cands.push(Candidate {
                    category: cat,
                    level: Level::Inherited,
                    from_name: false,
                    len: 0,
                    evidence: ctx.container_reason.clone(),
                });
            }
        }
        if blocked {
            cands.retain(|c| {
                c.level >= Level::Strong || (c.level == Level::Contextual && !c.from_name)
            });
        }
        if cands.is_empty() && markers.is_empty() {
            return None;
        }
        cands.sort_by_key(|c| std::cmp::Reverse((c.level, c.from_name, c.len)));
        // `name` beside a display name is the handle.
        if let Some(best) = cands.first_mut() {
            if v.categories[best.category].name == "Contact::Name"
                && view.words == ["name"]
                && ctx
                    .siblings
                    .iter()
                    .any(|s| s.as_slice() == ["display", "name"] || s.as_slice() == ["nickname"])
            {
                if let Some(other) = self.category("Contact::Other") {
                    best.category = other;
                    best.evidence = format!(
                        "field name `name` beside a display name, in `{}`",
                        item.name
                    );
                }
            }
        }
        Some((cands, markers))
    }

    fn category(&self, name: &str) -> Option<usize> {
        self.vocab.categories.iter().position(|c| c.name == name)
    }

    fn bookkeeping(&self, words: &[String]) -> bool {
        let mut w = words;
        while let Some(first) = w.first() {
            if matches!(first.as_str(), "is" | "has" | "was" | "can") && w.len() > 1 {
                w = &w[1..];
            } else {
                break;
            }
        }
        let alone = [
            "enabled", "disabled", "active", "current", "ok", "success", "valid",
        ];
        if w.len() == 1 && alone.contains(&w[0].as_str()) {
            return true;
        }
        self.vocab
            .bookkeeping
            .iter()
            .any(|p| !alone.contains(&p.join(" ").as_str()) && (w.starts_with(p) || w.ends_with(p)))
    }

    /// Phrases of the vocabulary found in `words`.
    fn name_candidates(
        &self,
        item: &Item,
        ctx: &ItemContext,
        view: &FieldView,
        words: &[String],
        label: &str,
        out: &mut Vec<Candidate>,
    ) {
        let v = &self.vocab;
        if words.is_empty() {
            return;
        }
        let person_like = ctx.person
            || ctx.container.is_some_and(|c| {
                matches!(v.categories[c].group(), "Contact" | "Spend" | "Payment")
            });
        // The none phrases found, as (start, len).
        let nones: Vec<(usize, usize)> = v
            .none
            .iter()
            .filter_map(|p| find_phrase(words, p).map(|i| (i, p.len())))
            .collect();
        let accept = |p: &Phrase| -> Option<usize> {
            let i = find_phrase(words, p)?;
            let end = i + p.len();
            let tail = &words[end..];
            if tail.iter().any(|w| v.meta_tails.contains(w)) {
                return None;
            }
            if let Some(last) = tail.last() {
                if v.reference_tails
                    .iter()
                    .any(|t| t.len() == 1 && &t[0] == last)
                {
                    return None;
                }
            }
            // A longer or equal none phrase overlapping this one wins.
            if nones
                .iter()
                .any(|&(s, l)| l >= p.len() && s < end && i < s + l)
            {
                return None;
            }
            Some(p.len())
        };
        for (ci, cat) in v.categories.iter().enumerate() {
            if cat.text && matches!(view.kind, Kind::Bool | Kind::Number | Kind::Time) {
                continue;
            }
            let mut push = |level: Level, len: usize, why: String| {
                out.push(Candidate {
                    category: ci,
                    level,
                    from_name: true,
                    len,
                    evidence: why,
                });
            };
            if let Some(len) = cat.names.iter().filter_map(&accept).max() {
                push(Level::Strong, len, label.to_string());
            }
            if person_like {
                if let Some(len) = cat.person.iter().filter_map(&accept).max() {
                    let why = ctx
                        .person_reason
                        .clone()
                        .unwrap_or_else(|| ctx.container_reason.clone());
                    push(Level::Contextual, len, format!("{label}, {why}"));
                }
            }
            for rule in &cat.when {
                let in_container = rule
                    .containers
                    .iter()
                    .any(|p| contains_phrase(&ctx.words, p));
                let unless = rule.unless.iter().any(|p| contains_phrase(&ctx.words, p));
                let beside = rule.siblings.iter().any(|p| {
                    ctx.siblings
                        .iter()
                        .any(|s| s.as_slice() != words && contains_phrase(s, p))
                });
                if (in_container || beside) && !unless {
                    if let Some(len) = rule.names.iter().filter_map(&accept).max() {
                        let why = if in_container {
                            format!("{label}, in `{}`", item.name)
                        } else {
                            format!("{label}, beside related fields in `{}`", item.name)
                        };
                        push(Level::Contextual, len, why);
                    }
                }
            }
            if let Some(len) = cat.weak.iter().filter_map(&accept).max() {
                push(Level::Weak, len, label.to_string());
            }
        }
    }

    /// Evidence from the type, and whether the type is a record of the tree
    /// that holds nothing personal (then the field is a reference to it).
    fn type_candidates(&self, view: &FieldView) -> (Vec<Candidate>, bool, bool) {
        let v = &self.vocab;
        let mut out = Vec::new();
        let ids = types::idents(&view.field.ty);
        let mut blocked = false;
        let mut first_tree_type = true;
        let mut tree_record = false;
        for id in &ids {
            for (ci, cat) in v.categories.iter().enumerate() {
                let strong = cat.types.iter().any(|t| t == id);
                let weak = cat.weak_types.iter().any(|t| t == id);
                if strong || weak {
                    out.push(Candidate {
                        category: ci,
                        level: if strong { Level::Strong } else { Level::Weak },
                        from_name: false,
                        len: 1,
                        evidence: format!("type `{id}`"),
                    });
                }
            }
            if types::is_wrapper(id) {
                continue;
            }
            // A newtype whose own name says what it is: `EmailAddress`, `PhoneNumber`.
            let words = v.normaliser.words(id);
            if words.len() >= 2
                || v.categories
                    .iter()
                    .any(|c| c.names.iter().any(|p| p.len() == 1 && p == &words))
            {
                for (ci, cat) in v.categories.iter().enumerate() {
                    if cat.names.iter().any(|p| p == &words) {
                        out.push(Candidate {
                            category: ci,
                            level: Level::Strong,
                            from_name: false,
                            len: words.len(),
                            evidence: format!("type `{id}`"),
                        });
                    }
                }
            }
            if let Some(infos) = self.type_index.get(*id) {
                let info = infos
                    .iter()
                    .find(|i| i.path == view.path)
                    .or_else(|| infos.iter().find(|i| i.category.is_some()))
                    .unwrap_or(&infos[0]);
                if let Some(cat) = info.category {
                    out.push(Candidate {
                        category: cat,
                        level: Level::Contextual,
                        from_name: false,
                        len: 1,
                        evidence: format!("type `{id}` holds {}", v.categories[cat].name),
                    });
                } else if info.blocks && first_tree_type {
                    blocked = true;
                }
                if first_tree_type && !info.choice {
                    tree_record = true;
                }
                first_tree_type = false;
            }
        }
        if out.iter().any(|c| c.level == Level::Contextual) {
            blocked = false;
        }
        (out, blocked, tree_record)
    }
}

/// Markers other crates put on personal fields.
fn markers(field: &Field) -> Vec<String> {
    let mut out = Vec::new();
    for attr in &field.attributes {
        let a: String = attr.chars().filter(|c| !c.is_whitespace()).collect();
        let name = a.split(['(', '=']).next().unwrap_or("");
        let marker = matches!(
            name,
            "redact" | "redacted" | "sensitive" | "classified" | "pii" | "personal" | "secret"
        ) || a.contains("pii=\"true\"")
            || a.contains("pii=\"maybe\"")
            || a.contains("pii=true");
        if marker {
            out.push(format!("attribute `#[{attr}]`"));
        }
    }
    out
}
