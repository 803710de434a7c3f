//! The evidence model: for every field, whether it holds personal data, which
//! category, how sure we are, and why. Its words live in `vocabulary.toml`
//! (data, one list per taxonomy item, and the words the rules use); these
//! modules hold only the rules that combine them, one module per rule:
//!
//! 1. [`name`]: the field's name (and serde rename, and an enum variant's name
//!    for a tuple field) is split into words and normalised ([`words`]);
//!    phrases of the vocabulary are found in it ([`phrases`]), the longest
//!    first; a phrase followed by a reference or metadata word
//!    (`email_verified`, `user_id`) does not count;
//! 2. [`types`]: listed types (`IpAddr`, `SecretString`), newtypes whose own
//!    name is a phrase (`EmailAddress`), and types whose name says they are
//!    machinery (`SyntaxToken`, `Handle<Shader>`), read from the field's
//!    structured [`Type`](crate::model::Type);
//! 3. [`propagation`]: types defined in the scanned tree whose own fields are
//!    personal lend their category to fields of that type; a type name defined
//!    several times in the tree with different meanings lends nothing;
//! 4. [`context`]: a struct that holds a person (its name, or its fields)
//!    gives meaning to `name` and preference-shaped fields; a struct whose
//!    name or fields say it holds one category (`StackFrame`, `Address`,
//!    `Card`) lends it to its fields that are not references or record
//!    metadata; a struct about the product, a server or software (`Config`,
//!    `Site`, `SdkInfo`) or machinery holds none;
//! 5. [`siblings`]: names that mean a category only in some containers or
//!    beside some sibling fields (`when` rules), and `name` beside a display
//!    name;
//! 6. [`choices`]: bools and settings named like a person's choice, and a
//!    person's flags;
//! 7. [`markers`]: attributes other crates put on fields (`#[redact]`,
//!    `#[sensitive]`, `#[metastructure(pii = "true")]`).
//!
//! [`facts`] computes once what every rule reads of an item and its fields,
//! and builds the model; [`candidates`] runs the rules for one field and
//! weighs their evidence; [`render`] puts the winning evidence into words.
//! Evidence from the name or a listed type is strong (an error by default);
//! evidence from context only is weak (a note).

mod candidates;
mod choices;
mod context;
mod facts;
mod fitted;
mod markers;
mod name;
mod phrases;
mod places;
mod propagation;
mod render;
mod siblings;
mod types;
mod vocab;
pub mod words;

#[cfg(test)]
mod tests;

use collects_grammar::Taxonomy;

use crate::deps::Project;
use crate::model::{Field, Import, Item};
use context::ItemContext;
use facts::{name_hash, Cache, ItemFacts, TreeIndex};
use phrases::{FxMap, FxSet, Phrases};
use propagation::TypeInfo;
use vocab::Vocabulary;

/// Checks a custom vocabulary (`[taxonomy] vocabulary` of `collects.toml`):
/// the byte range of its first problem and what is wrong.
pub fn check_vocabulary(
    text: &str,
    taxonomy: &Taxonomy,
) -> Result<(), (std::ops::Range<usize>, String)> {
    vocab::check_custom(text, taxonomy)
}

/// Checks a fitted file (`check --fitted`): what is wrong with it.
pub fn check_fitted(text: &str) -> Result<(), String> {
    fitted::Fitted::parse(text).map(drop)
}

/// The built-in vocabulary, beside the built-in taxonomy.
pub const BUILTIN_VOCABULARY: &str = include_str!("../../../vocabulary.toml");
/// Field names of published standards (OpenID Connect, SCIM, vCard, FHIR..),
/// one section per standard naming its source.
pub const BUILTIN_STANDARDS: &str = include_str!("../../../standards.toml");
/// Well-known types of other crates and what they hold, each with its source.
pub const BUILTIN_TYPES: &str = include_str!("../../../types.toml");
/// How much each kind of evidence counts, fitted by `scripts/fit`.
pub const BUILTIN_FITTED: &str = include_str!("../../../fitted.toml");

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
    /// The kind of the best evidence (`name/strong`): what `fitted.toml` weighs.
    pub basis: String,
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
    /// Its item's name, for the value of a newtype (`EmailAddress(String)`)
    /// or of an enum of one text in several encodings (`CryptPw::Sha512(String)`).
    Item,
}

/// Why a candidate holds, rendered into words only for reported fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// The name says it.
    Name(Src),
    /// The name, in a container that holds a person.
    NamePerson(Src),
    /// The name, a person word of a standard the tree speaks.
    NameDomain(Src),
    /// The name, in a container a `when` rule names.
    NameIn(Src),
    /// The name, beside siblings a `when` rule names.
    NameBeside(Src),
    /// The field's type name number `.0`.
    Type(usize),
    /// The field's type name number `.0`, a well-known type of another crate.
    External(usize),
    /// A type of the tree (type name number `.0`) holds the category.
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
    /// An opaque payload in a person's record.
    Payload,
    /// The first sentence of the field's doc comment names it (phrase `.0`).
    Doc(phrases::Pid),
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
    /// A category at a level, and whether the field's own name says it (not
    /// its type or its container).
    Found(usize, Level, bool),
}

/// The categories the rules give (`[rules]` of the vocabulary), resolved to
/// indices of [`Vocabulary::categories`] once.
#[derive(Debug, Clone, Default)]
struct Roles {
    /// A marker without a category of its own.
    fallback: Option<usize>,
    /// A bool or setting named like a choice.
    choice: Option<usize>,
    /// The text id of a secret record.
    secret_id: Option<usize>,
    /// What an opaque payload in a person's record holds.
    payload: Option<usize>,
    /// `name`, as a real name...
    real_name: Option<usize>,
    /// ...and as a handle, beside a display name.
    handle: Option<usize>,
    /// Per category: a container of it holds a person's data.
    person_like: Vec<bool>,
    /// Per category: two clear fields of it make a record a person's.
    person_fields: Vec<bool>,
    /// Per category: a number, a flag or a time never holds it.
    never_scalar: Vec<bool>,
    /// Per category: it weighs in a record named for the product.
    product_secret: Vec<bool>,
}

impl Roles {
    fn of(vocab: &Vocabulary) -> Roles {
        let index = |name: &Option<String>| {
            let name = name.as_deref()?;
            vocab.categories.iter().position(|c| c.name == name)
        };
        let rules = &vocab.rules;
        let fallback = index(&rules.marker).or(if vocab.categories.is_empty() {
            None
        } else {
            Some(0)
        });
        let named = |list: &[String]| -> Vec<bool> {
            vocab
                .categories
                .iter()
                .map(|c| list.iter().any(|n| *n == c.name || n == c.group()))
                .collect()
        };
        Roles {
            fallback,
            choice: index(&rules.choice),
            secret_id: index(&rules.secret_id),
            payload: index(&rules.payload),
            real_name: index(&rules.real_name),
            handle: index(&rules.handle),
            person_like: named(&rules.person_groups),
            person_fields: named(&rules.person_fields),
            never_scalar: named(&rules.never_scalar),
            product_secret: named(&rules.product_secrets),
        }
    }
}

/// What the model reads of the tree: its items, the crates it depends on
/// and the names it gives its own code ([`crate::deps`]: a standard they
/// speak or name is the tree's domain, [`Vocabulary::add_standards`]) and,
/// per file, the names its `use` declarations import (which definition a
/// field's type names).
pub struct Tree<'a> {
    pub items: &'a [Item],
    pub project: &'a Project,
    pub imports: &'a [(String, Vec<Import>)],
}

pub struct EvidenceModel {
    vocab: Vocabulary,
    phrases: Phrases,
    roles: Roles,
    fitted: fitted::Fitted,
    /// Per item of the tree, by index.
    facts: Vec<ItemFacts>,
    contexts: Vec<ItemContext>,
    /// The type info of each item, once known.
    infos: Vec<TypeInfo>,
    have_infos: bool,
    /// Item name -> id; per id, the items of that name.
    names: FxMap<String, u32>,
    by_name: Vec<Vec<usize>>,
    /// The file of each item (an id of `paths`).
    item_paths: Vec<u32>,
    places: places::Places,
    /// Per file: whether it holds the program's own configuration.
    config_files: Vec<bool>,
    paths: FxMap<String, u32>,
    /// (file id, type name id) -> the module the file imports it from.
    imports: FxMap<(u32, u32), Box<str>>,
    /// Type names some file imports from the tree's own code (`use
    /// crate::db::UserId`): the tree's, though no item of the tree has the
    /// name (a macro made it), so no well-known type of another crate.
    own_imports: FxSet<Box<str>>,
    /// The tree's type names whose every definition is a newtype of text
    /// (`struct Handle(String)`): a value, whatever its name says.
    text_newtypes: FxSet<u32>,
    /// Where the items the model was built for live, to find an item's index.
    items_at: (usize, usize),
}

impl EvidenceModel {
    /// Builds the model from the vocabulary, for a tree whose items are `items`
    /// (types defined in the tree lend their meaning to fields of that type).
    #[cfg(test)]
    pub fn new(taxonomy: &Taxonomy, items: &[Item]) -> EvidenceModel {
        let tree = Tree {
            items,
            project: &Project::default(),
            imports: &[],
        };
        Self::with_vocabulary(taxonomy, &tree, None, None)
    }

    /// As [`EvidenceModel::new`], adding the words of a custom taxonomy's own
    /// `vocabulary.toml` (same format as the built-in one) to the built-in ones.
    /// `fitted` replaces the built-in `fitted.toml` (checked by the caller
    /// with [`check_fitted`]).
    pub fn with_vocabulary(
        taxonomy: &Taxonomy,
        tree: &Tree,
        extra: Option<&str>,
        fitted: Option<&str>,
    ) -> EvidenceModel {
        let items = tree.items;
        // The vocabulary is read while the tree's items are indexed.
        let ((vocab, phrases), tree) = rayon::join(
            || {
                let vocab = Self::vocabulary(taxonomy, extra, tree.project);
                let phrases = Phrases::compile(&vocab);
                (vocab, phrases)
            },
            || TreeIndex::of(items, tree.imports),
        );
        let fitted = fitted::Fitted::parse(fitted.unwrap_or(BUILTIN_FITTED))
            .expect("the fitted file is checked before the model is built");
        let mut model = EvidenceModel {
            roles: Roles::of(&vocab),
            fitted,
            vocab,
            phrases,
            facts: Vec::new(),
            contexts: Vec::new(),
            infos: Vec::new(),
            have_infos: false,
            names: FxMap::default(),
            by_name: Vec::new(),
            item_paths: Vec::new(),
            places: places::Places::default(),
            config_files: Vec::new(),
            paths: FxMap::default(),
            imports: FxMap::default(),
            own_imports: FxSet::default(),
            text_newtypes: FxSet::default(),
            items_at: (items.as_ptr() as usize, items.len()),
        };
        model.index(items, tree);
        model
    }

    /// The built-in vocabulary, the standards' words and the type table,
    /// with a custom taxonomy's words added. A custom vocabulary is checked
    /// when the configuration is read ([`check_vocabulary`]); one that does
    /// not parse here adds nothing.
    fn vocabulary(taxonomy: &Taxonomy, extra: Option<&str>, project: &Project) -> Vocabulary {
        let mut vocab = Vocabulary::parse(BUILTIN_VOCABULARY, taxonomy)
            .expect("the built-in vocabulary.toml is valid");
        vocab
            .add_standards(BUILTIN_STANDARDS, taxonomy, project)
            .expect("the built-in standards.toml is valid");
        vocab
            .add_types(BUILTIN_TYPES, taxonomy)
            .expect("the built-in types.toml is valid");
        if let Some(more) = extra.and_then(|e| Vocabulary::parse(e, taxonomy).ok()) {
            vocab.extend(more);
        }
        vocab
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
                // A product's record has no bests (it lends nothing), but its
                // fields are weighed (`product/...`).
                if ctx.bests.get(fi) == Some(&Best::Nothing) && !ctx.product {
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
}
