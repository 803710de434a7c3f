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
//!    `SdkInfo`) holds none, nor does a struct or a field's type whose name
//!    says it is machinery (`SyntaxToken`, `Handle<Shader>`, `BindGroupLayout`);
//!    a type name defined several times in the tree with different meanings
//!    lends nothing;
//! 4. markers other crates put on fields (`#[redact]`, `#[sensitive]`,
//!    `#[metastructure(pii = "true")]`, `#[classified]`).
//!
//! Evidence from the name or a listed type is strong (an error by default);
//! evidence from context only is weak (a note).

mod phrases;
mod types;
mod vocab;
pub mod words;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use collects_grammar::Taxonomy;
use rayon::prelude::*;

use crate::model::{Field, Item, ItemKind};
use phrases::{flag, FxMap, Match, Phrases, Role, Seq};
use types::Kind;
use vocab::Vocabulary;

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

/// Which name of the field a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Src {
    /// The field's name (the variant's, for a tuple field).
    Name,
    /// Its `#[serde(rename)]`.
    Rename,
}

/// Why a candidate holds, rendered into words only for reported fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// The name says it.
    Name(Src),
    /// The name, in a container that holds a person.
    NamePerson(Src),
    /// The name, in a container a `when` rule names.
    NameIn(Src),
    /// The name, beside siblings a `when` rule names.
    NameBeside(Src),
    /// The field's type identifier number `.0`.
    Type(usize),
    /// A type of the tree (identifier number `.0`) holds the category.
    TypeHolds(usize),
    /// The text `id` of a secret record.
    SecretId,
    /// A bool or setting named like a choice.
    Choice,
    /// A flag of a person.
    Flag,
    /// Lent by the container.
    Container,
    /// `name` beside a display name.
    Handle,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    category: usize,
    level: Level,
    /// Name evidence outranks type evidence at the same level.
    from_name: bool,
    /// Phrase length in words.
    len: usize,
    why: Why,
}

/// Why an item holds a person, or lends its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Because {
    /// Its name.
    Name,
    /// Its fields.
    Fields,
}

/// The best evidence for a field under its item's final context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Best {
    /// Nothing personal.
    Nothing,
    /// Only markers of other crates.
    Markers,
    /// A category at a level.
    Found(usize, Level),
}

/// What is known about a struct, enum or union before its fields are assessed.
#[derive(Debug, Clone, Default)]
struct ItemContext {
    /// It holds a person: `User`, `Customer`, or fields like email and password.
    person: Option<Because>,
    /// It is about the product, a server or software.
    not_personal: bool,
    /// It is a secret of a person (`Session`, `MagicLink`): its text `id` is the secret.
    credential: bool,
    /// An id newtype (`UserId`, `SpanId`).
    id_type: bool,
    /// All its fields hold this category (by its name or by most of its fields).
    container: Option<(usize, Because)>,
    /// The best evidence of each field under this context.
    bests: Vec<Best>,
}

impl ItemContext {
    fn person(&self) -> bool {
        self.person.is_some()
    }

    fn container(&self) -> Option<usize> {
        self.container.map(|(c, _)| c)
    }
}

/// What a type defined in the tree holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TypeInfo {
    /// The file of the type (an id of [`EvidenceModel::paths`]).
    path: u32,
    /// The category most of its fields hold.
    category: Option<usize>,
    /// A record or an enum with data that holds nothing personal: a field of this
    /// type is a reference to it, not data of the container's category.
    blocks: bool,
    /// An enum of choices (unit variants, perhaps a catch-all).
    choice: bool,
}

/// An identifier of a field's type, with what the vocabulary says of it.
#[derive(Debug, Clone)]
struct TypeIdent {
    name: String,
    wrapper: bool,
    /// Listed types: (category, strong).
    listed: Vec<(usize, bool)>,
    /// Categories whose names are the type's own name (`EmailAddress`).
    newtype: Vec<usize>,
    /// Words of the type's name.
    words: usize,
    /// Items of the tree with this name (an id of [`EvidenceModel::by_name`]).
    tree: Option<u32>,
    /// Its name says it is machinery or the product's own (`SyntaxToken`,
    /// `Handle`, `RenderPipeline`, `ServerConfig`): a field of it is not personal.
    machinery: bool,
}

/// What a type as written says, computed once per distinct type.
#[derive(Debug, Clone)]
struct TyFacts {
    kind: Kind,
    /// Its identifiers, outermost first.
    idents: Vec<Arc<TypeIdent>>,
}

/// What is computed once about a field: its words and the phrases in them
/// (shared between fields of the same name or type).
#[derive(Debug, Clone)]
struct FieldFacts {
    /// Words of the name (of the variant for a tuple field).
    view: Arc<Seq>,
    /// Words of the field's own name, for a tuple field (`0`).
    own: Option<Arc<Seq>>,
    rename: Option<Arc<Seq>>,
    tuple: bool,
    ty: Arc<TyFacts>,
    markers: Vec<String>,
}

/// Words and types a worker has already analysed, by their text: names,
/// variants and types repeat, and each is split, normalised and matched once.
#[derive(Default)]
struct Cache<'a> {
    seqs: FxMap<&'a str, Arc<Seq>>,
    tys: FxMap<&'a str, Arc<TyFacts>>,
    idents: FxMap<&'a str, Arc<TypeIdent>>,
}

impl FieldFacts {
    /// The words of its own name, as a sibling sees them.
    fn sibling(&self) -> &Seq {
        self.own.as_ref().unwrap_or(&self.view)
    }
}

/// What is computed once about an item.
#[derive(Debug, Clone)]
struct ItemFacts {
    /// A hash of the item's name, to check [`EvidenceModel::locate`].
    name: u64,
    path: u32,
    words: Arc<Seq>,
    fields: Vec<FieldFacts>,
}

pub struct EvidenceModel {
    vocab: Vocabulary,
    phrases: Phrases,
    /// Per item of the tree, by index.
    facts: Vec<ItemFacts>,
    contexts: Vec<ItemContext>,
    /// The type info of each item, once known.
    infos: Vec<TypeInfo>,
    have_infos: bool,
    /// Item name -> id; per id, the items of that name.
    names: FxMap<String, u32>,
    by_name: Vec<Vec<usize>>,
    paths: FxMap<String, u32>,
    /// Where the items the model was built for live, to find an item's index.
    items_at: (usize, usize),
    fallback: Option<usize>,
    settings: Option<usize>,
    security: Option<usize>,
    contact_other: Option<usize>,
    contact_name: Option<usize>,
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
        // vocabulary (used to score a project with words tuned without it; see
        // docs/accuracy.md, leave-one-project-out).
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
        let category = |name: &str| vocab.categories.iter().position(|c| c.name == name);
        let contact_other = category("Contact::Other");
        let fallback = contact_other.or(if vocab.categories.is_empty() {
            None
        } else {
            Some(0)
        });
        let settings = category("ProductUse::Settings");
        let security = category("Credentials::SecurityInfo");
        let contact_name = category("Contact::Name");
        let phrases = Phrases::compile(&vocab);
        let mut model = EvidenceModel {
            vocab,
            phrases,
            facts: Vec::new(),
            contexts: Vec::new(),
            infos: Vec::new(),
            have_infos: false,
            names: FxMap::default(),
            by_name: Vec::new(),
            paths: FxMap::default(),
            items_at: (items.as_ptr() as usize, items.len()),
            fallback,
            settings,
            security,
            contact_other,
            contact_name,
        };
        model.index(items);
        model
    }

    /// Precomputes the facts and context of every item and the type index, in
    /// three rounds so that a type made of types made of personal fields is
    /// known. Each round after the first recomputes only the items whose fields
    /// name a type whose info changed in the round before.
    fn index(&mut self, items: &[Item]) {
        let mut item_names: Vec<u32> = Vec::with_capacity(items.len());
        let mut item_paths: Vec<u32> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let next = self.names.len() as u32;
            let id = *self.names.entry(item.name.clone()).or_insert(next);
            if id as usize == self.by_name.len() {
                self.by_name.push(Vec::new());
            }
            self.by_name[id as usize].push(i);
            item_names.push(id);
            let next = self.paths.len() as u32;
            let path = match self.paths.get(item.path.as_str()) {
                Some(&p) => p,
                None => {
                    self.paths.insert(item.path.clone(), next);
                    next
                }
            };
            item_paths.push(path);
        }
        let facts: Vec<ItemFacts> = items
            .par_iter()
            .zip(item_paths.par_iter())
            .with_min_len(64)
            .map_init(Cache::default, |cache, (item, &path)| {
                self.facts_of(item, path, cache)
            })
            .collect();
        self.facts = facts;

        // Round 0: no type of the tree is known yet.
        let contexts: Vec<ItemContext> = items
            .par_iter()
            .zip(self.facts.par_iter())
            .map(|(item, facts)| self.context_of(item, facts))
            .collect();
        self.infos = items
            .par_iter()
            .zip(contexts.par_iter())
            .zip(item_paths.par_iter())
            .zip(self.facts.par_iter())
            .map(|(((item, ctx), &path), facts)| type_info(item, facts, ctx, path))
            .collect();
        self.contexts = contexts;
        self.have_infos = true;

        // Rounds 1 and 2: only items that name a type whose info changed.
        let mut changed: Vec<bool> = vec![true; self.by_name.len()];
        for round in 1..3 {
            let dirty: Vec<usize> = (0..items.len())
                .into_par_iter()
                .filter(|&i| {
                    self.facts[i].fields.iter().any(|f| {
                        f.ty.idents
                            .iter()
                            .any(|id| !id.wrapper && id.tree.is_some_and(|t| changed[t as usize]))
                    })
                })
                .collect();
            let redone: Vec<(usize, ItemContext, Option<TypeInfo>)> = dirty
                .par_iter()
                .map(|&i| {
                    let ctx = self.context_of(&items[i], &self.facts[i]);
                    let info = (round == 1)
                        .then(|| type_info(&items[i], &self.facts[i], &ctx, item_paths[i]));
                    (i, ctx, info)
                })
                .collect();
            changed = vec![false; self.by_name.len()];
            for (i, ctx, info) in redone {
                self.contexts[i] = ctx;
                if let Some(info) = info {
                    if info != self.infos[i] {
                        changed[item_names[i] as usize] = true;
                        self.infos[i] = info;
                    }
                }
            }
        }
    }

    fn scan(&self, text: &str) -> Seq {
        self.phrases.scan(self.vocab.normaliser.words(text))
    }

    fn type_ident(&self, id: &str) -> TypeIdent {
        let ph = &self.phrases;
        let seq = self.scan(id);
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
        let words = seq.words;
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
        TypeIdent {
            name: id.to_string(),
            wrapper: types::is_wrapper(id),
            listed: ph.types.get(id).cloned().unwrap_or_default(),
            newtype,
            words: words.len(),
            tree: self.names.get(id).copied(),
            machinery,
        }
    }

    /// The facts of an item and its fields; names and types already seen by
    /// this worker come from its cache.
    fn facts_of<'a>(&self, item: &'a Item, path: u32, cache: &mut Cache<'a>) -> ItemFacts {
        let mut seq = |text: &'a str| {
            cache
                .seqs
                .entry(text)
                .or_insert_with(|| Arc::new(self.scan(text)))
                .clone()
        };
        let fields = item
            .fields
            .iter()
            .map(|field| {
                let tuple = field.name.chars().all(|c| c.is_ascii_digit());
                let (view, own) = if tuple {
                    let view = field.variant.as_deref().map(&mut seq).unwrap_or_default();
                    (view, Some(seq(&field.name)))
                } else {
                    (seq(&field.name), None)
                };
                let rename = field.serde_rename.as_deref().map(&mut seq);
                let ty = match cache.tys.get(field.ty.written()) {
                    Some(ty) => ty.clone(),
                    None => {
                        let idents = types::idents(field.ty.written())
                            .into_iter()
                            .map(|id| {
                                cache
                                    .idents
                                    .entry(id)
                                    .or_insert_with(|| Arc::new(self.type_ident(id)))
                                    .clone()
                            })
                            .collect();
                        let ty = Arc::new(TyFacts {
                            kind: types::kind(field.ty.written()),
                            idents,
                        });
                        cache.tys.insert(field.ty.written(), ty.clone());
                        ty
                    }
                };
                FieldFacts {
                    view,
                    own,
                    rename,
                    tuple,
                    ty,
                    markers: markers(field),
                }
            })
            .collect();
        ItemFacts {
            name: name_hash(&item.name),
            path,
            words: seq(&item.name),
            fields,
        }
    }

    fn context_of(&self, item: &Item, facts: &ItemFacts) -> ItemContext {
        let v = &self.vocab;
        let ph = &self.phrases;
        let words = &facts.words;
        let person_len = words.longest(ph, flag::PERSON);
        let none_len = words.longest(ph, flag::NOT_ABOUT_A_PERSON);
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
        let not_personal = none_len > 0 && none_len >= person_len.max(container_len);
        let id_type = words.last_word_is(ph, flag::REFERENCE_TAIL) && item.fields.len() <= 3;
        let mut ctx = ItemContext {
            person: None,
            not_personal,
            credential: !not_personal && words.has(ph, flag::CREDENTIAL),
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
        // Siblings: strong contact fields make a person; most fields of one
        // voting group make a container of it.
        let mut contact = 0;
        let mut votes: Vec<(usize, usize)> = Vec::new();
        let mut bests = Vec::with_capacity(item.fields.len());
        for fi in 0..item.fields.len() {
            let best = self.best(item, facts, &ctx, fi);
            bests.push(best);
            let Best::Found(best, level) = best else {
                continue;
            };
            let cat = &v.categories[best];
            if level >= Level::Strong
                && (cat.group() == "Contact" || cat.name == "Credentials::Password")
            {
                contact += 1;
            }
            if cat.vote && level != Level::Inherited {
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
                Some(c) => Best::Found(c.category, c.level),
                None => Best::Markers,
            },
        }
    }

    /// The index of `item` (and of `field` in it) among the items the model was
    /// built for, if it is one of them.
    fn locate(&self, item: &Item, field: &Field) -> Option<(usize, usize)> {
        let (base, len) = self.items_at;
        let size = std::mem::size_of::<Item>().max(1);
        let at = (item as *const Item as usize).checked_sub(base)?;
        let i = at / size;
        if at % size != 0 || i >= len {
            return None;
        }
        let facts = self.facts.get(i)?;
        if facts.name != name_hash(&item.name) || facts.fields.len() != item.fields.len() {
            return None;
        }
        let fsize = std::mem::size_of::<Field>().max(1);
        let fat = (field as *const Field as usize).checked_sub(item.fields.as_ptr() as usize)?;
        let fi = fat / fsize;
        if fat % fsize != 0 || fi >= item.fields.len() || item.fields[fi].name != field.name {
            return None;
        }
        Some((i, fi))
    }

    /// Assesses one field of `item`.
    pub fn assess(&self, item: &Item, field: &Field) -> Option<Assessment> {
        match self.locate(item, field) {
            Some((i, fi)) => {
                let ctx = &self.contexts[i];
                if ctx.bests.get(fi) == Some(&Best::Nothing) {
                    return None;
                }
                self.assess_at(item, &self.facts[i], ctx, fi)
            }
            None => {
                // An item the model was not built for: its facts and context now.
                let path = self
                    .paths
                    .get(item.path.as_str())
                    .copied()
                    .unwrap_or(u32::MAX);
                let facts = self.facts_of(item, path, &mut Cache::default());
                let ctx = self.context_of(item, &facts);
                let fi = item
                    .fields
                    .iter()
                    .position(|f| std::ptr::eq(f, field))
                    .or_else(|| {
                        item.fields
                            .iter()
                            .position(|f| f.name == field.name && f.variant == field.variant)
                    })?;
                self.assess_at(item, &facts, &ctx, fi)
            }
        }
    }

    fn assess_at(
        &self,
        item: &Item,
        facts: &ItemFacts,
        ctx: &ItemContext,
        fi: usize,
    ) -> Option<Assessment> {
        let (cands, markers) = self.candidates(item, facts, ctx, fi)?;
        let field = &item.fields[fi];
        let ff = &facts.fields[fi];
        let confidence_boost = !markers.is_empty();
        let best = match cands.first() {
            Some(best) => *best,
            None => {
                // A marker without a category: personal, category unknown.
                let category = self.fallback?;
                let categories = vec![self.vocab.categories[category].name.clone()];
                let mut evidence: Vec<String> = Vec::new();
                for m in markers {
                    if !evidence.contains(m) {
                        evidence.push(m.clone());
                    }
                }
                return Some(Assessment {
                    categories,
                    confidence: Confidence::Strong,
                    evidence,
                });
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
        for e in std::iter::once(&best)
            .chain(cands.iter().filter(|c| c.category == best.category))
            .map(|c| self.render(c, item, field, ff, ctx))
            .chain(markers.iter().cloned())
        {
            if !e.is_empty() && !evidence.contains(&e) {
                evidence.push(e);
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

    /// A piece of evidence in words.
    fn render(
        &self,
        c: &Candidate,
        item: &Item,
        field: &Field,
        ff: &FieldFacts,
        ctx: &ItemContext,
    ) -> String {
        let v = &self.vocab;
        let label = |src: Src| match src {
            Src::Rename => format!(
                "serde rename `{}`",
                field.serde_rename.as_deref().unwrap_or("")
            ),
            Src::Name if ff.tuple => {
                format!("variant `{}`", field.variant.as_deref().unwrap_or(""))
            }
            Src::Name => format!("field name `{}`", field.name),
        };
        let container = || match ctx.container {
            Some((cat, Because::Name)) => format!(
                "in `{}`, whose fields hold {}",
                item.name, v.categories[cat].name
            ),
            Some((cat, Because::Fields)) => format!(
                "in `{}`, most of whose fields hold {}",
                item.name, v.categories[cat].name
            ),
            None => String::new(),
        };
        match c.why {
            Why::Name(src) => label(src),
            Why::NamePerson(src) => {
                let why = match ctx.person {
                    Some(Because::Name) => {
                        format!("in `{}`, a struct that holds a person", item.name)
                    }
                    Some(Because::Fields) => format!(
                        "in `{}`, whose other fields hold a person's contact data",
                        item.name
                    ),
                    None => container(),
                };
                format!("{}, {why}", label(src))
            }
            Why::NameIn(src) => format!("{}, in `{}`", label(src), item.name),
            Why::NameBeside(src) => {
                format!("{}, beside related fields in `{}`", label(src), item.name)
            }
            Why::Type(k) => format!("type `{}`", ff.ty.idents[k].name),
            Why::TypeHolds(k) => format!(
                "type `{}` holds {}",
                ff.ty.idents[k].name, v.categories[c.category].name
            ),
            Why::SecretId => format!("`id` of `{}`, a secret record", item.name),
            Why::Choice => format!("field name `{}`: a choice", field.name),
            Why::Flag => format!("a flag of `{}`, a struct that holds a person", item.name),
            Why::Container => container(),
            Why::Handle => format!(
                "field name `name` beside a display name, in `{}`",
                item.name
            ),
        }
    }

    /// All evidence for field `fi` of `item`, best first, and the markers found;
    /// `None` when the field holds nothing personal.
    fn candidates<'f>(
        &self,
        item: &Item,
        facts: &'f ItemFacts,
        ctx: &ItemContext,
        fi: usize,
    ) -> Option<(Vec<Candidate>, &'f [String])> {
        let v = &self.vocab;
        let ph = &self.phrases;
        let ff = &facts.fields[fi];
        let field = &item.fields[fi];
        let markers = ff.markers.as_slice();
        if ctx.not_personal || ctx.id_type {
            return if markers.is_empty() {
                None
            } else {
                Some((Vec::new(), markers))
            };
        }
        // A field whose type is machinery (`eq_token: SyntaxToken`, `shader:
        // Handle<Shader>`) holds no personal data, whatever its name says,
        // unless a type in it is a listed one (`Option<SecretString>`).
        let machinery = ff
            .ty
            .idents
            .iter()
            .find(|id| !id.wrapper)
            .is_some_and(|id| id.machinery)
            && ff.ty.idents.iter().all(|id| id.listed.is_empty());
        if machinery {
            return if markers.is_empty() {
                None
            } else {
                Some((Vec::new(), markers))
            };
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
        let (blocked, tree_record) = self.type_candidates(ff, facts.path, &mut cands);

        // A reference (`user_id`), or record metadata: nothing but what named it.
        let reference = words.ends_with(ph, flag::REFERENCE_TAIL);
        let none_phrase = words.has(ph, flag::NONE);
        let blocker = words.has(ph, flag::INHERIT_BLOCKER)
            || words.is_whole(ph, flag::WHOLE_BLOCKER)
            || (tuple && facts.words.has(ph, flag::INHERIT_BLOCKER));

        // The text `id` of a secret record is the secret (a session id is the cookie).
        if ctx.credential && field.name == "id" && ff.ty.kind == Kind::Text {
            if let Some(cat) = self.security {
                cands.push(Candidate {
                    category: cat,
                    level: Level::Contextual,
                    from_name: true,
                    len: 1,
                    why: Why::SecretId,
                });
            }
        }
        // Settings: a bool named like a choice, or preference-shaped fields of a person.
        if !none_phrase && !self.bookkeeping(words) {
            let n = words.words.len();
            let verb = !tuple
                && words.matches.iter().any(|m| {
                    m.start == 0
                        && (m.len as usize) < n
                        && ph.flags[m.pid as usize] & flag::SETTING_VERB != 0
                });
            if let Some(cat) = self.settings {
                if verb && ff.ty.kind == Kind::Bool {
                    // A person's choice in a person's record; elsewhere a bool
                    // named like a choice is as often the program's own switch.
                    let level = if ctx.person() {
                        Level::Setting
                    } else {
                        Level::Weak
                    };
                    cands.push(Candidate {
                        category: cat,
                        level,
                        from_name: true,
                        len: 1,
                        why: Why::Choice,
                    });
                } else if verb
                    && ctx.person()
                    && ff.ty.kind != Kind::Text
                    && !blocked
                    && !tree_record
                {
                    cands.push(Candidate {
                        category: cat,
                        level: Level::Contextual,
                        from_name: true,
                        len: 1,
                        why: Why::Choice,
                    });
                } else if ctx.person() && ff.ty.kind == Kind::Bool && !reference {
                    cands.push(Candidate {
                        category: cat,
                        level: Level::Inherited,
                        from_name: false,
                        len: 0,
                        why: Why::Flag,
                    });
                }
            }
        }
        // The container lends its category.
        if let Some(cat) = ctx.container() {
            let category = &v.categories[cat];
            let kind_ok =
                !(category.text && matches!(ff.ty.kind, Kind::Bool | Kind::Number | Kind::Time));
            if !reference && !blocker && !blocked && kind_ok {
                cands.push(Candidate {
                    category: cat,
                    level: Level::Inherited,
                    from_name: false,
                    len: 0,
                    why: Why::Container,
                });
            }
        }
        // A text category named on a value that is not text (`token:
        // CancellationToken`, `location: Vec2`) is a hint, not clear evidence.
        if ff.ty.kind != Kind::Text {
            for c in cands.iter_mut() {
                if c.from_name
                    && c.level == Level::Strong
                    && v.categories[c.category].text
                    && matches!(c.why, Why::Name(_))
                {
                    c.level = Level::Weak;
                }
            }
        }
        if blocked {
            // A record of the tree that holds nothing personal is not text
            // either: `location: Option<Location>` is a source location.
            cands.retain(|c| {
                (c.level >= Level::Strong && !(c.from_name && v.categories[c.category].text))
                    || (c.level == Level::Contextual && !c.from_name)
            });
        }
        if cands.is_empty() && markers.is_empty() {
            return None;
        }
        cands.sort_by_key(|c| std::cmp::Reverse((c.level, c.from_name, c.len)));
        // `name` beside a display name is the handle.
        if let Some(best) = cands.first_mut() {
            if Some(best.category) == self.contact_name
                && words.words == ["name"]
                && facts.fields.iter().any(|s| {
                    let s = &s.sibling().words;
                    s.as_slice() == ["display", "name"] || s.as_slice() == ["nickname"]
                })
            {
                if let Some(other) = self.contact_other {
                    best.category = other;
                    best.why = Why::Handle;
                }
            }
        }
        Some((cands, markers))
    }

    fn bookkeeping(&self, seq: &Seq) -> bool {
        let words = &seq.words;
        let mut k = 0;
        while k < words.len() {
            if matches!(words[k].as_str(), "is" | "has" | "was" | "can") && words.len() - k > 1 {
                k += 1;
            } else {
                break;
            }
        }
        if words.len() - k == 1 && phrases::ALONE.contains(&words[k].as_str()) {
            return true;
        }
        let n = words.len();
        seq.matches.iter().any(|m| {
            self.phrases.flags[m.pid as usize] & flag::BOOKKEEPING != 0
                && m.start as usize >= k
                && (m.start as usize == k || m.end() == n)
        })
    }

    /// Phrases of the vocabulary found in `seq` (the field's name or rename).
    fn name_candidates(
        &self,
        facts: &ItemFacts,
        ctx: &ItemContext,
        ff: &FieldFacts,
        seq: &Seq,
        src: Src,
        out: &mut Vec<Candidate>,
    ) {
        let v = &self.vocab;
        let ph = &self.phrases;
        if seq.words.is_empty() || seq.matches.is_empty() {
            return;
        }
        let n = seq.words.len();
        let person_like = ctx.person()
            || ctx.container().is_some_and(|c| {
                matches!(v.categories[c].group(), "Contact" | "Spend" | "Payment")
            });
        let last = seq.last_occurrences();
        // The last word is a one-word reference tail (`user_id`).
        let last_is_reference = seq.last_word_is(ph, flag::REFERENCE_TAIL);
        let nones: Vec<&Match> = last
            .iter()
            .filter(|m| ph.flags[m.pid as usize] & flag::NONE != 0)
            .collect();
        let accept = |m: &Match| -> bool {
            let end = m.end();
            if seq.last_meta.is_some_and(|i| i >= end) {
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
        // (category, role, phrase length) of each accepted phrase.
        let mut found: Vec<(usize, Role, usize)> = Vec::new();
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
                if v.categories[cat].text
                    && matches!(ff.ty.kind, Kind::Bool | Kind::Number | Kind::Time)
                {
                    continue;
                }
                if role == Role::Person && !person_like {
                    continue;
                }
                if let Role::When(r) = role {
                    let ok = match rule_ok.iter().find(|(x, _)| *x == r) {
                        Some(&(_, ok)) => ok,
                        None => {
                            let ok = self.rule_holds(r, facts, seq);
                            rule_ok.push((r, ok));
                            ok
                        }
                    };
                    if ok.is_none() {
                        continue;
                    }
                }
                found.push((cat, role, m.len as usize));
            }
        }
        found.sort_by_key(|&(cat, role, _)| (cat, role));
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
                Role::When(r) => {
                    let in_container = rule_ok
                        .iter()
                        .find(|(x, _)| *x == r)
                        .and_then(|(_, ok)| *ok)
                        .unwrap_or(false);
                    let why = if in_container {
                        Why::NameIn(src)
                    } else {
                        Why::NameBeside(src)
                    };
                    (Level::Contextual, why)
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

    /// Whether `when` rule `r` holds for a field named `seq` of the item:
    /// `Some(true)` by the container, `Some(false)` by the siblings.
    fn rule_holds(&self, r: u32, facts: &ItemFacts, seq: &Seq) -> Option<bool> {
        let rule = &self.phrases.rules[r as usize];
        let item = &facts.words;
        if rule.unless.iter().any(|&p| item.contains(p)) {
            return None;
        }
        if rule.containers.iter().any(|&p| item.contains(p)) {
            return Some(true);
        }
        let beside = rule.siblings.iter().any(|&p| {
            facts.fields.iter().any(|f| {
                let s = f.sibling();
                s.words != seq.words && s.contains(p)
            })
        });
        beside.then_some(false)
    }

    /// Evidence from the type, and whether the type is a record of the tree
    /// that holds nothing personal (then the field is a reference to it).
    fn type_candidates(
        &self,
        ff: &FieldFacts,
        path: u32,
        out: &mut Vec<Candidate>,
    ) -> (bool, bool) {
        let mut blocked = false;
        let mut first_tree_type = true;
        let mut tree_record = false;
        let mut contextual = false;
        for (k, id) in ff.ty.idents.iter().enumerate() {
            for &(cat, strong) in &id.listed {
                out.push(Candidate {
                    category: cat,
                    level: if strong { Level::Strong } else { Level::Weak },
                    from_name: false,
                    len: 1,
                    why: Why::Type(k),
                });
            }
            if id.wrapper {
                continue;
            }
            // A newtype whose own name says what it is: `EmailAddress`, `PhoneNumber`.
            for &cat in &id.newtype {
                out.push(Candidate {
                    category: cat,
                    level: Level::Strong,
                    from_name: false,
                    len: id.words,
                    why: Why::Type(k),
                });
            }
            let (Some(t), true) = (id.tree, self.have_infos) else {
                continue;
            };
            // The type of the same file; else the name's only type, or what all
            // the tree's types of that name agree on: a name defined several
            // times with different meanings (`Handle`, `Error`) lends nothing.
            let infos = &self.by_name[t as usize];
            let first = &self.infos[infos[0]];
            let (info, category) = match infos
                .iter()
                .map(|&i| &self.infos[i])
                .find(|i| i.path == path)
            {
                Some(info) => (info, info.category),
                None => {
                    let agree = infos
                        .iter()
                        .all(|&i| self.infos[i].category == first.category);
                    (first, if agree { first.category } else { None })
                }
            };
            if let Some(cat) = category {
                contextual = true;
                out.push(Candidate {
                    category: cat,
                    level: Level::Contextual,
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

fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = phrases::Fx::default();
    name.hash(&mut h);
    h.finish()
}

/// What a type of the tree holds, from its fields' best evidence.
fn type_info(item: &Item, facts: &ItemFacts, ctx: &ItemContext, path: u32) -> TypeInfo {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut personal = 0;
    for (best, field) in ctx.bests.iter().zip(&facts.fields) {
        if let Best::Found(cat, level) = *best {
            // An enum is personal by its variants' own data, not by its name.
            if item.kind == ItemKind::Enum && level <= Level::Inherited {
                continue;
            }
            // A hint (`handle`, `address` alone) makes a type personal only
            // on text (`code: String`), not on a value of another type.
            if level == Level::Weak && field.ty.kind != Kind::Text {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == cat) {
                Some((_, n)) => *n += 1,
                None => counts.push((cat, 1)),
            }
            personal += 1;
        }
    }
    let category = counts
        .iter()
        .max_by_key(|(cat, n)| (*n, usize::MAX - *cat))
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
        path,
        category,
        blocks: category.is_none() && !choice_enum && !is_newtype && !item.fields.is_empty(),
        choice: choice_enum || (item.kind == ItemKind::Enum && item.fields.is_empty()),
    }
}

/// Markers other crates put on personal fields.
fn markers(field: &Field) -> Vec<String> {
    let mut out = Vec::new();
    for attr in &field.attributes {
        // Most attributes are `serde(..)` or `doc`: look closer only at candidates.
        let head = attr.split(['(', '=']).next().unwrap_or("").trim();
        let candidate = matches!(
            head,
            "redact" | "redacted" | "sensitive" | "classified" | "pii" | "personal" | "secret"
        ) || attr.contains("pii");
        if !candidate {
            continue;
        }
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
