//! Reading `vocabulary.toml` (see the file's header for the format): the
//! phrase lists of each category and of `[context]`, and the words the rules
//! use (`[types]`, `[markers]`, `[bools]`, `[rules]`). This is the only place
//! the file is read; the rest of the model sees these values.

use std::collections::HashMap;

use collects_grammar::Taxonomy;
use toml::Value;

use super::phrases::FxSet;
use super::words::Normaliser;
use crate::deps::{OwnName, Project};

pub type Phrase = Vec<String>;

/// Names that mean a category only in some containers or beside some siblings.
#[derive(Debug, Default, Clone)]
pub struct When {
    pub containers: Vec<Phrase>,
    pub siblings: Vec<Phrase>,
    pub unless: Vec<Phrase>,
    pub names: Vec<Phrase>,
    /// A container counts only as the head of the item's name (its last
    /// words, form suffixes aside): a standard's generic slot (`value` of an
    /// `Email`, not of an `EmailTemplateField`).
    pub head: bool,
    /// A hint even in such a container.
    pub weak: bool,
    /// A slot of a standard the tree speaks whose name alone
    /// is a hint ([`Vocabulary::add_domain_slots`]).
    pub domain: bool,
    /// A standard's slot is one field of the standard: it names the whole
    /// field, not a longer name that ends in it (`followers_url` is not an
    /// account's `url`).
    pub whole: bool,
}

/// The vocabulary of one taxonomy item.
#[derive(Debug, Default, Clone)]
pub struct Category {
    /// `Group::Item`.
    pub name: String,
    pub names: Vec<Phrase>,
    pub weak: Vec<Phrase>,
    pub person: Vec<Phrase>,
    /// Person words of a standard the tree speaks: they hold in
    /// any record of the tree ([`Vocabulary::add_standards`]).
    pub domain: Vec<Phrase>,
    pub types: Vec<String>,
    pub weak_types: Vec<String>,
    pub containers: Vec<Phrase>,
    pub when: Vec<When>,
    /// The value is text: never a number, a bool or a time.
    pub text: bool,
    /// A struct most of whose fields hold this is a container of it.
    pub vote: bool,
}

impl Category {
    pub fn group(&self) -> &str {
        self.name.split("::").next().unwrap_or("")
    }
}

/// Type names by what they say of a value (`[types]`): last path segments.
#[derive(Debug, Default, Clone)]
pub struct TypeNames {
    pub wrappers: FxSet<String>,
    pub bools: FxSet<String>,
    pub numbers: FxSet<String>,
    pub times: FxSet<String>,
    pub text: FxSet<String>,
    pub text_suffixes: Vec<String>,
    pub bytes: FxSet<String>,
    pub byte_lists: FxSet<String>,
    /// Wrappers that hold many values: a list of records.
    pub collections: FxSet<String>,
    /// Opaque payloads: whatever was put in them (a JSON value).
    pub payloads: FxSet<String>,
    pub catch_all_variants: FxSet<String>,
    /// Last words of a type name that make it code (`SaveSessionCallback`).
    pub code_tails: FxSet<String>,
    /// Last words of a field's name that make it a time (`sent_at`).
    pub time_tails: FxSet<String>,
}

impl TypeNames {
    /// Whether the name says text by its ending (`EncString`, `SmolString`).
    pub fn text_suffixed(&self, name: &str) -> bool {
        self.text_suffixes
            .iter()
            .any(|s| name.ends_with(s.as_str()))
    }

    /// Whether the name is one the lists hold as it is (`String`, `Vec`,
    /// `u64`): a name of the standard library or another well-known crate.
    pub fn listed(&self, name: &str) -> bool {
        [
            &self.wrappers,
            &self.bools,
            &self.numbers,
            &self.times,
            &self.text,
        ]
        .iter()
        .any(|list| list.contains(name))
    }
}

/// Attributes of other crates that mark a personal field (`[markers]`).
#[derive(Debug, Default, Clone)]
pub struct Markers {
    /// Attribute names: `redact`, `sensitive`.
    pub attributes: Vec<String>,
    /// Arguments, whitespace removed: `pii="true"`.
    pub arguments: Vec<String>,
    /// The names the arguments set, once each (`pii`): an attribute without
    /// one of them is no marker unless its name is.
    pub keys: Vec<String>,
}

impl Markers {
    fn new(attributes: Vec<String>, arguments: Vec<String>) -> Markers {
        let mut keys: Vec<String> = Vec::new();
        for a in &arguments {
            let key = a.split('=').next().unwrap_or(a).to_string();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        Markers {
            attributes,
            arguments,
            keys,
        }
    }
}

/// Words of bool names (`[bools]`).
#[derive(Debug, Default, Clone)]
pub struct Bools {
    /// Leading words that only say it is a flag: `is`, `has`.
    pub prefixes: Vec<String>,
    /// Bookkeeping words that count only as the whole name: `enabled`.
    pub alone: Vec<String>,
}

/// What the rules give and look for (`[rules]`): category names, and the
/// words of the few rules about one name.
#[derive(Debug, Default, Clone)]
pub struct Rules {
    pub marker: Option<String>,
    pub choice: Option<String>,
    pub secret_id: Option<String>,
    /// What an opaque payload in a person's record holds.
    pub payload: Option<String>,
    /// Field names (as written) of a secret record's id.
    pub secret_id_names: Vec<String>,
    pub real_name: Option<String>,
    pub handle: Option<String>,
    pub handle_names: Vec<Phrase>,
    pub handle_beside: Vec<Phrase>,
    /// Groups whose containers count as a person's.
    pub person_groups: Vec<String>,
    /// The groups or categories that weigh in a record named for the product.
    pub product_secrets: Vec<String>,
    /// Groups or categories whose fields make a record a person's.
    pub person_fields: Vec<String>,
    /// Groups or categories a number, a flag or a time never holds.
    pub never_scalar: Vec<String>,
}

/// A well-known type of another crate and what it holds (`types.toml`).
#[derive(Debug, Default, Clone)]
pub struct ListedType {
    /// The path as commonly imported: `ruma::OwnedUserId`.
    pub path: Vec<String>,
    /// The crate that defines or re-exports it.
    pub krate: String,
    /// `Group::Item`; `None`: the type holds nothing personal by itself.
    pub category: Option<String>,
    /// Holds it only in some contexts: weak evidence.
    pub weak: bool,
    /// Other categories it holds.
    pub also: Vec<String>,
    /// A one-word name many crates use (`Card`, `Header`): it is this type
    /// only when written with its path.
    pub path_only: bool,
}

impl ListedType {
    /// Its last path segment, what a bare use of it is written as.
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }
}

/// The whole vocabulary, normalised.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    pub normaliser: Normaliser,
    pub person: Vec<Phrase>,
    pub not_personal: Vec<Phrase>,
    pub infrastructure: Vec<Phrase>,
    pub credential: Vec<Phrase>,
    /// Heads of item names that name a group or a thing, not a person.
    pub collectives: Vec<Phrase>,
    pub form_suffixes: Vec<String>,
    /// Item names that say nothing, their module saying it instead.
    pub file_named_items: Vec<String>,
    /// Folder and file names that hold a program's own configuration.
    pub configuration_files: Vec<String>,
    pub reference_tails: Vec<Phrase>,
    pub meta_tails: Vec<String>,
    pub bookkeeping: Vec<Phrase>,
    pub setting_verbs: Vec<Phrase>,
    pub inherit_blockers: Vec<Phrase>,
    pub whole_blockers: Vec<Phrase>,
    pub none: Vec<Phrase>,
    pub categories: Vec<Category>,
    pub types: TypeNames,
    pub markers: Markers,
    pub bools: Bools,
    pub rules: Rules,
    /// Well-known types of other crates (`types.toml`).
    pub listed_types: Vec<ListedType>,
    /// The standards whose words were added (`standards.toml`), by name.
    pub standards: Vec<String>,
    /// Why the tree speaks the standards it speaks: a reason per standard.
    pub spoken_because: Vec<Spoken>,
}

/// Why a tree speaks a standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spoken {
    /// It depends on one of the standard's `crates` (as Cargo.toml names it).
    Dependency(String),
    /// It names its own code with one of the standard's `modules`.
    Name(OwnName),
}

/// Top-level tables that are not taxonomy groups.
pub const SECTIONS: [&str; 7] = [
    "normalise",
    "stem",
    "context",
    "types",
    "markers",
    "bools",
    "rules",
];

impl Vocabulary {
    /// Parses a vocabulary; categories the taxonomy does not know are left out.
    pub fn parse(text: &str, taxonomy: &Taxonomy) -> Result<Vocabulary, String> {
        let root: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        Self::parse_table(&root, taxonomy)
    }

    fn parse_table(root: &toml::Table, taxonomy: &Taxonomy) -> Result<Vocabulary, String> {
        let mut vocab = Vocabulary::default();
        if let Some(Value::Table(map)) = root.get("normalise") {
            for (word, to) in map {
                let to = to
                    .as_str()
                    .ok_or_else(|| format!("normalise.{word}: not a string"))?;
                vocab.normaliser.map.insert(
                    word.to_lowercase(),
                    to.split_whitespace().map(str::to_lowercase).collect(),
                );
            }
        }
        if let Some(Value::Table(stem)) = root.get("stem") {
            for word in strings(stem.get("keep")) {
                vocab.normaliser.keep.insert(word.to_lowercase());
            }
            for word in strings(stem.get("short_plurals")) {
                vocab.normaliser.short_plurals.insert(word.to_lowercase());
            }
        }
        let n = vocab.normaliser.clone();
        let phrases = |v: Option<&Value>| -> Vec<Phrase> {
            strings(v)
                .iter()
                .map(|p| n.words(p))
                .filter(|p| !p.is_empty())
                .collect()
        };
        if let Some(Value::Table(ctx)) = root.get("context") {
            vocab.person = phrases(ctx.get("person"));
            vocab.not_personal = phrases(ctx.get("not_personal"));
            vocab.infrastructure = phrases(ctx.get("infrastructure"));
            vocab.credential = phrases(ctx.get("credential"));
            vocab.collectives = phrases(ctx.get("collectives"));
            vocab.form_suffixes = strings(ctx.get("form_suffixes"));
            vocab.file_named_items = strings(ctx.get("file_named_items"));
            vocab.configuration_files = strings(ctx.get("configuration_files"));
            vocab.reference_tails = phrases(ctx.get("reference_tails"));
            vocab.meta_tails = phrases(ctx.get("meta_tails"))
                .into_iter()
                .flatten()
                .collect();
            vocab.bookkeeping = phrases(ctx.get("bookkeeping"));
            vocab.setting_verbs = phrases(ctx.get("setting_verbs"));
            vocab.inherit_blockers = phrases(ctx.get("inherit_blockers"));
            vocab.whole_blockers = phrases(ctx.get("whole_blockers"));
            vocab.none = phrases(ctx.get("none"));
        }
        vocab.read_rules(root, &phrases);
        for (group, items) in root {
            if SECTIONS.contains(&group.as_str()) {
                continue;
            }
            let Value::Table(items) = items else {
                return Err(format!("`{group}` is not a table"));
            };
            for (item, entry) in items {
                let Value::Table(entry) = entry else {
                    return Err(format!("`{group}.{item}` is not a table"));
                };
                let name = format!("{group}::{item}");
                if !taxonomy.knows(&name) {
                    continue;
                }
                let when = match entry.get("when") {
                    Some(Value::Array(rules)) => rules
                        .iter()
                        .filter_map(Value::as_table)
                        .map(|rule| When {
                            containers: phrases(rule.get("containers")),
                            siblings: phrases(rule.get("siblings")),
                            unless: phrases(rule.get("unless")),
                            names: phrases(rule.get("names")),
                            head: false,
                            weak: false,
                            domain: false,
                            whole: false,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let [names, weak, person] = compound_phrases(entry, &phrases)?;
                vocab.categories.push(Category {
                    names: [phrases(entry.get("names")), names].concat(),
                    weak: [phrases(entry.get("weak")), weak].concat(),
                    person: [phrases(entry.get("person")), person].concat(),
                    name,
                    domain: Vec::new(),
                    types: strings(entry.get("types")),
                    weak_types: strings(entry.get("weak_types")),
                    containers: phrases(entry.get("containers")),
                    when,
                    text: entry.get("text").and_then(Value::as_bool).unwrap_or(false),
                    vote: entry.get("vote").and_then(Value::as_bool).unwrap_or(false),
                });
            }
        }
        Ok(vocab)
    }

    /// Adds another vocabulary's words (a custom taxonomy's own file).
    pub fn extend(&mut self, other: Vocabulary) {
        self.normaliser.map.extend(other.normaliser.map);
        self.normaliser.keep.extend(other.normaliser.keep);
        self.normaliser
            .short_plurals
            .extend(other.normaliser.short_plurals);
        self.person.extend(other.person);
        self.not_personal.extend(other.not_personal);
        self.infrastructure.extend(other.infrastructure);
        self.credential.extend(other.credential);
        self.collectives.extend(other.collectives);
        self.form_suffixes.extend(other.form_suffixes);
        self.file_named_items.extend(other.file_named_items);
        self.configuration_files.extend(other.configuration_files);
        self.reference_tails.extend(other.reference_tails);
        self.meta_tails.extend(other.meta_tails);
        self.bookkeeping.extend(other.bookkeeping);
        self.setting_verbs.extend(other.setting_verbs);
        self.inherit_blockers.extend(other.inherit_blockers);
        self.whole_blockers.extend(other.whole_blockers);
        self.none.extend(other.none);
        self.listed_types.extend(other.listed_types);
        self.extend_rules(other.types, other.markers, other.bools, other.rules);
        let mut index: HashMap<String, usize> = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        for cat in other.categories {
            match index.get(&cat.name) {
                Some(&i) => {
                    let mine = &mut self.categories[i];
                    mine.names.extend(cat.names);
                    mine.weak.extend(cat.weak);
                    mine.person.extend(cat.person);
                    mine.types.extend(cat.types);
                    mine.weak_types.extend(cat.weak_types);
                    mine.containers.extend(cat.containers);
                    mine.when.extend(cat.when);
                    mine.text |= cat.text;
                    mine.vote |= cat.vote;
                }
                None => {
                    index.insert(cat.name.clone(), self.categories.len());
                    self.categories.push(cat);
                }
            }
        }
    }
}

impl Vocabulary {
    /// The rules' own words: `[types]`, `[markers]`, `[bools]`, `[rules]`.
    fn read_rules(&mut self, root: &toml::Table, phrases: &dyn Fn(Option<&Value>) -> Vec<Phrase>) {
        let table = |name: &str| match root.get(name) {
            Some(Value::Table(t)) => Some(t),
            _ => None,
        };
        if let Some(t) = table("types") {
            let set = |key: &str| strings(t.get(key)).into_iter().collect::<FxSet<String>>();
            self.types = TypeNames {
                wrappers: set("wrappers"),
                bools: set("bool"),
                numbers: set("numbers"),
                times: set("times"),
                text: set("text"),
                text_suffixes: strings(t.get("text_suffixes")),
                bytes: set("bytes"),
                byte_lists: set("byte_lists"),
                collections: set("collections"),
                payloads: set("payloads"),
                catch_all_variants: set("catch_all_variants"),
                code_tails: set("code_tails"),
                time_tails: set("time_tails"),
            };
        }
        if let Some(t) = table("markers") {
            let arguments = strings(t.get("arguments"))
                .iter()
                .map(|a| a.chars().filter(|c| !c.is_whitespace()).collect())
                .collect();
            self.markers = Markers::new(strings(t.get("attributes")), arguments);
        }
        if let Some(t) = table("bools") {
            self.bools = Bools {
                prefixes: strings(t.get("prefixes")),
                alone: strings(t.get("alone")),
            };
        }
        if let Some(t) = table("rules") {
            let name = |key: &str| t.get(key).and_then(Value::as_str).map(str::to_string);
            self.rules = Rules {
                marker: name("marker"),
                choice: name("choice"),
                secret_id: name("secret_id"),
                payload: name("payload"),
                secret_id_names: strings(t.get("secret_id_names")),
                real_name: name("real_name"),
                handle: name("handle"),
                handle_names: phrases(t.get("handle_names")),
                handle_beside: phrases(t.get("handle_beside")),
                person_groups: strings(t.get("person_groups")),
                product_secrets: strings(t.get("product_secrets")),
                person_fields: strings(t.get("person_fields")),
                never_scalar: strings(t.get("never_scalar")),
            };
        }
    }

    /// Adds the rules' words of another vocabulary: lists grow, a category
    /// name given there replaces the one here.
    fn extend_rules(&mut self, types: TypeNames, markers: Markers, bools: Bools, rules: Rules) {
        let t = &mut self.types;
        t.wrappers.extend(types.wrappers);
        t.bools.extend(types.bools);
        t.numbers.extend(types.numbers);
        t.times.extend(types.times);
        t.text.extend(types.text);
        t.text_suffixes.extend(types.text_suffixes);
        t.bytes.extend(types.bytes);
        t.byte_lists.extend(types.byte_lists);
        t.collections.extend(types.collections);
        t.payloads.extend(types.payloads);
        t.catch_all_variants.extend(types.catch_all_variants);
        t.code_tails.extend(types.code_tails);
        t.time_tails.extend(types.time_tails);
        let mine = std::mem::take(&mut self.markers);
        self.markers = Markers::new(
            mine.attributes
                .into_iter()
                .chain(markers.attributes)
                .collect(),
            mine.arguments
                .into_iter()
                .chain(markers.arguments)
                .collect(),
        );
        self.bools.prefixes.extend(bools.prefixes);
        self.bools.alone.extend(bools.alone);
        let r = &mut self.rules;
        for (mine, theirs) in [
            (&mut r.marker, rules.marker),
            (&mut r.choice, rules.choice),
            (&mut r.secret_id, rules.secret_id),
            (&mut r.payload, rules.payload),
            (&mut r.real_name, rules.real_name),
            (&mut r.handle, rules.handle),
        ] {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
        r.secret_id_names.extend(rules.secret_id_names);
        r.handle_names.extend(rules.handle_names);
        r.handle_beside.extend(rules.handle_beside);
        r.person_groups.extend(rules.person_groups);
        r.product_secrets.extend(rules.product_secrets);
        r.person_fields.extend(rules.person_fields);
        r.never_scalar.extend(rules.never_scalar);
    }
}

/// The phrases a category's `[[compound]]` tables add to its `names`,
/// `weak` and `person` lists (`into`, `names` by default): every head
/// followed by every tail, so a service's name before an id (`github_id`,
/// `google_sub`) is written once as two lists.
fn compound_phrases(
    entry: &toml::Table,
    phrases: &dyn Fn(Option<&Value>) -> Vec<Phrase>,
) -> Result<[Vec<Phrase>; 3], String> {
    const INTO: [&str; 3] = ["names", "weak", "person"];
    let mut out: [Vec<Phrase>; 3] = Default::default();
    let Some(Value::Array(tables)) = entry.get("compound") else {
        return Ok(out);
    };
    for table in tables {
        let Value::Table(table) = table else {
            return Err("a `compound` is not a table".to_string());
        };
        let into = table.get("into").and_then(Value::as_str).unwrap_or("names");
        let Some(list) = INTO.iter().position(|&l| l == into) else {
            return Err(format!(
                "a `compound`'s `into` is `{into}`: it must be `names`, `weak` or `person`"
            ));
        };
        let tails = phrases(table.get("tails"));
        for head in phrases(table.get("heads")) {
            out[list].extend(
                tails
                    .iter()
                    .map(|tail| [head.clone(), tail.clone()].concat()),
            );
        }
    }
    Ok(out)
}

/// A custom vocabulary's first problem: where (a byte range of its text) and
/// what is wrong.
pub fn check_custom(
    text: &str,
    taxonomy: &Taxonomy,
) -> Result<(), (std::ops::Range<usize>, String)> {
    let root: toml::Table = toml::from_str(text).map_err(|e| {
        (
            e.span().unwrap_or(0..0),
            format!("invalid vocabulary: {}", e.message()),
        )
    })?;
    let at = |needle: &str| {
        text.find(&format!("[{needle}"))
            .map(|i| i + 1)
            .or_else(|| text.find(needle))
            .map_or(0..0, |i| i..i + needle.len())
    };
    for (group, items) in &root {
        if SECTIONS.contains(&group.as_str()) {
            continue;
        }
        let Value::Table(items) = items else {
            return Err((at(group), format!("`{group}` is not a table of categories")));
        };
        for (item, entry) in items {
            let key = format!("{group}.{item}");
            if !matches!(entry, Value::Table(_)) {
                return Err((at(&key), format!("`{key}` is not a table")));
            }
            if !taxonomy.knows(&format!("{group}::{item}")) {
                return Err((
                    at(&key),
                    format!("`{key}` is not a category of the taxonomy ({group}::{item})"),
                ));
            }
        }
    }
    check_rule_lists(text, &root, taxonomy)?;
    Vocabulary::parse(text, taxonomy)
        .map(|_| ())
        .map_err(|e| (0..0, format!("invalid vocabulary: {e}")))
}

/// The `[rules]` lists of groups or categories (`never_scalar = ["Content"]`):
/// each must be one of the taxonomy's, or the rule would silently say nothing.
fn check_rule_lists(
    text: &str,
    root: &toml::Table,
    taxonomy: &Taxonomy,
) -> Result<(), (std::ops::Range<usize>, String)> {
    const LISTS: [&str; 4] = [
        "person_groups",
        "person_fields",
        "product_secrets",
        "never_scalar",
    ];
    let Some(Value::Table(rules)) = root.get("rules") else {
        return Ok(());
    };
    for key in LISTS {
        for name in strings(rules.get(key)) {
            if taxonomy.knows(&name) {
                continue;
            }
            let quoted = format!("\"{name}\"");
            let span = text
                .find(&quoted)
                .map_or(0..0, |i| i + 1..i + 1 + name.len());
            let hint = taxonomy
                .nearest(&name)
                .map_or_else(String::new, |n| format!("; did you mean `{n}`?"));
            return Err((
                span,
                format!(
                    "`[rules] {key}`: `{name}` is neither a group nor a category of the taxonomy{hint}"
                ),
            ));
        }
    }
    Ok(())
}

/// The words of a name as code writes it (`kitsune-activitypub`,
/// `unix_passwd`, `Mastodon`): split on `_`, `-` and `.`, lowercase.
fn code_words(name: &str) -> Vec<String> {
    name.split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Whether `words` hold `run` as consecutive words (`scim proto` holds `scim`).
fn holds_run(words: &[String], run: &[String]) -> bool {
    !run.is_empty() && words.windows(run.len()).any(|w| w == run)
}

/// `standards.toml` and `types.toml`: words of published standards and
/// well-known types of other crates, each with its source named in the file.
impl Vocabulary {
    /// Adds the words of each `[[standard]]` (see the file's header): `names`,
    /// `person` and `weak` of a category join that category's lists, unless
    /// the vocabulary itself already gives the phrase a meaning (its own words
    /// win); `[[standard.within]]` slots become `when` rules whose container
    /// is the head of the item's name; `none` phrases become vetoes unless
    /// they would hide data ([`Vocabulary::keeps_veto`]).
    ///
    /// The domain: a standard one of whose `crates` the tree depends on
    /// (`project.deps`, crate names as Cargo.toml writes them), or that it
    /// names in its own packages, folders or files (`project.names`, by the
    /// standard's `modules`), is the tree's own language, so its context-dependent
    /// words count more: its `person`
    /// words hold in any record of the tree (not only a person's), and its
    /// `within` slots hold when the container is any part of the item's name
    /// (not only its head), and are a hint by the slot name alone. Its
    /// `weak` words stay hints.
    pub fn add_standards(
        &mut self,
        text: &str,
        taxonomy: &Taxonomy,
        project: &Project,
    ) -> Result<(), String> {
        let root: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let Some(Value::Array(standards)) = root.get("standard") else {
            return Err("no `[[standard]]` entries".to_string());
        };
        let n = self.normaliser.clone();
        let phrases = |v: Option<&Value>| -> Vec<Phrase> {
            strings(v)
                .iter()
                .map(|p| n.words(p))
                .filter(|p| !p.is_empty())
                .collect()
        };
        let own = self.meant_phrases();
        let named: Vec<(&OwnName, Vec<String>)> = project
            .names
            .iter()
            .map(|n| (n, code_words(n.as_str())))
            .collect();
        let mut vetoes: Vec<Phrase> = Vec::new();
        let mut domain_slots: Vec<(usize, When)> = Vec::new();
        for (i, standard) in standards.iter().enumerate() {
            let Value::Table(standard) = standard else {
                return Err(format!("standard number {}: not a table", i + 1));
            };
            let name = standard
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("standard number {}: no `name`", i + 1))?;
            if standard.get("source").and_then(Value::as_str).is_none() {
                return Err(format!("standard `{name}`: no `source`"));
            }
            self.standards.push(name.to_string());
            let spoken = self.spoken_by(standard, &project.deps, &named);
            for key in ["names", "person", "weak"] {
                let Some(Value::Table(by_category)) = standard.get(key) else {
                    continue;
                };
                for (category, words) in by_category {
                    let Some(c) = self.category_index(category, taxonomy)? else {
                        continue;
                    };
                    let cat = &mut self.categories[c];
                    let list = match key {
                        "names" => &mut cat.names,
                        "person" if spoken => &mut cat.domain,
                        "person" => &mut cat.person,
                        _ => &mut cat.weak,
                    };
                    list.extend(
                        phrases(Some(words))
                            .into_iter()
                            .filter(|p| !own.contains(p)),
                    );
                }
            }
            if let Some(Value::Array(slots)) = standard.get("within") {
                for slot in slots.iter().filter_map(Value::as_table) {
                    let category =
                        slot.get("category")
                            .and_then(Value::as_str)
                            .ok_or_else(|| {
                                format!("standard `{name}`: a `within` without `category`")
                            })?;
                    let Some(c) = self.category_index(category, taxonomy)? else {
                        continue;
                    };
                    // A slot whose containers are any program's words (a
                    // `chat`) means the standard's sense only in its domain,
                    // and only in such a container (not by its name alone).
                    let domain_only = slot
                        .get("domain_only")
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    if domain_only && !spoken {
                        continue;
                    }
                    let when = When {
                        containers: phrases(slot.get("containers")),
                        names: phrases(slot.get("names")),
                        head: !spoken,
                        whole: true,
                        weak: slot.get("weak").and_then(Value::as_bool).unwrap_or(false),
                        ..When::default()
                    };
                    if spoken && !domain_only {
                        domain_slots.push((c, when));
                    } else {
                        self.categories[c].when.push(when);
                    }
                }
            }
            vetoes.extend(phrases(standard.get("none")));
        }
        self.add_domain_slots(domain_slots, &own);
        let keeps = self.veto_check();
        let kept: Vec<Phrase> = vetoes.into_iter().filter(|p| keeps(p)).collect();
        self.none.extend(kept);
        Ok(())
    }

    /// The `within` slots of the standards the tree speaks, one rule per
    /// slot name: the container may be any part of the item's name, and the
    /// name alone is a hint ([`When::domain`]) unless the slot is weak, the
    /// domain's slots give that name several categories (SCIM's `value` of an
    /// email, a phone number, a photo), or the vocabulary itself (`own`)
    /// already says what the name means outside such a container: Stripe's
    /// card `name` is a cardholder's, an application's `name` is not. Nor is
    /// a word that says what kind or state any record is (`[context]
    /// meta_tails`: `type`, `status`), as Discord's relationship `type`.
    fn add_domain_slots(&mut self, slots: Vec<(usize, When)>, own: &FxSet<Phrase>) {
        let mut meanings: HashMap<&Phrase, Vec<usize>> = HashMap::new();
        for (c, when) in &slots {
            for name in &when.names {
                let cats = meanings.entry(name).or_default();
                if !cats.contains(c) {
                    cats.push(*c);
                }
            }
        }
        let alone: FxSet<Phrase> = meanings
            .into_iter()
            .filter(|(name, cats)| {
                let meta = matches!(name.as_slice(), [word] if self.meta_tails.contains(word));
                cats.len() == 1 && !own.contains(*name) && !meta
            })
            .map(|(name, _)| name.clone())
            .collect();
        for (c, when) in slots {
            for name in &when.names {
                self.categories[c].when.push(When {
                    names: vec![name.clone()],
                    domain: !when.weak && alone.contains(name),
                    ..when.clone()
                });
            }
        }
    }

    /// Whether the tree depends on one of `standard`'s `crates` (`-` and `_`
    /// alike) or names its own code with one of its `modules`; the first
    /// reason found is kept in [`Vocabulary::spoken_because`].
    fn spoken_by(
        &mut self,
        standard: &toml::Table,
        deps: &[String],
        named: &[(&OwnName, Vec<String>)],
    ) -> bool {
        let same = |a: &str, b: &str| {
            a.replace('-', "_")
                .eq_ignore_ascii_case(&b.replace('-', "_"))
        };
        let dependency = strings(standard.get("crates"))
            .into_iter()
            .find_map(|krate| {
                let dep = deps.iter().find(|d| same(d, &krate))?;
                Some(Spoken::Dependency(dep.clone()))
            });
        let own_name = || {
            strings(standard.get("modules"))
                .into_iter()
                .find_map(|module| {
                    let module = code_words(&module);
                    let (name, _) = named.iter().find(|(_, words)| holds_run(words, &module))?;
                    Some(Spoken::Name((*name).clone()))
                })
        };
        // One reason says why; all would only make the evidence long (a
        // project of twenty `async-stripe-*` crates).
        let Some(reason) = dependency.or_else(own_name) else {
            return false;
        };
        if !self.spoken_because.contains(&reason) {
            self.spoken_because.push(reason);
        }
        true
    }

    /// The index of category `name` (`Group::Item`), added when the taxonomy
    /// knows it and the vocabulary has no words for it yet; `None` when the
    /// taxonomy does not know it (a custom taxonomy).
    fn category_index(&mut self, name: &str, taxonomy: &Taxonomy) -> Result<Option<usize>, String> {
        if !name.contains("::") {
            return Err(format!("`{name}` is not a category (`Group::Item`)"));
        }
        if let Some(i) = self.categories.iter().position(|c| c.name == name) {
            return Ok(Some(i));
        }
        if !taxonomy.knows(name) {
            return Ok(None);
        }
        self.categories.push(Category {
            name: name.to_string(),
            ..Category::default()
        });
        Ok(Some(self.categories.len() - 1))
    }

    /// Every phrase the vocabulary gives a category: names, person words,
    /// hints and the names of `when` rules.
    fn meant_phrases(&self) -> FxSet<Phrase> {
        self.categories
            .iter()
            .flat_map(|c| {
                let when = c.when.iter().flat_map(|w| &w.names);
                c.names.iter().chain(&c.person).chain(&c.weak).chain(when)
            })
            .cloned()
            .collect()
    }

    /// Whether a standard's `none` phrase, which vetoes shorter phrases it
    /// overlaps, is kept: only when it hides no data. It is no phrase the
    /// vocabulary gives a category, a choice verb or a bookkeeping word
    /// (`accuracy` of a GPS fix, `routing number`, `notify`), and holds no
    /// strong name nor choice verb (`cvc check`, `three d secure usage`,
    /// `allow redisplay`).
    fn veto_check(&self) -> impl Fn(&Phrase) -> bool {
        // Sets built once: a standard brings hundreds of vetoes, and each
        // was checked against every phrase of the vocabulary.
        let mut meaning = self.meant_phrases();
        let mut strong: FxSet<Phrase> = self
            .categories
            .iter()
            .flat_map(|c| &c.names)
            .cloned()
            .collect();
        meaning.extend(
            self.setting_verbs
                .iter()
                .chain(&self.bookkeeping)
                .chain(&self.person)
                .cloned(),
        );
        strong.extend(self.setting_verbs.iter().cloned());
        move |p: &Phrase| {
            let strong_inside = (1..=p.len())
                .flat_map(|n| p.windows(n))
                .any(|w| strong.contains(w));
            !meaning.contains(p) && !strong_inside
        }
    }

    /// Adds each `[[type]]` of a type table (see the file's header).
    pub fn add_types(&mut self, text: &str, taxonomy: &Taxonomy) -> Result<(), String> {
        let root: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let Some(Value::Array(types)) = root.get("type") else {
            return Err("no `[[type]]` entries".to_string());
        };
        for (i, ty) in types.iter().enumerate() {
            let Value::Table(ty) = ty else {
                return Err(format!("type number {}: not a table", i + 1));
            };
            let field = |key: &str| {
                ty.get(key)
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("type number {}: no `{key}`", i + 1))
            };
            let path: Vec<String> = field("path")?.split("::").map(str::to_string).collect();
            let category = field("category")?;
            field("source")?;
            let known = |c: &str| c == "none" || taxonomy.knows(c);
            if !known(category) {
                continue;
            }
            self.listed_types.push(ListedType {
                krate: field("crate")?.to_string(),
                path,
                category: (category != "none").then(|| category.to_string()),
                weak: ty.get("weak").and_then(Value::as_bool).unwrap_or(false),
                also: strings(ty.get("also"))
                    .into_iter()
                    .filter(|c| known(c))
                    .collect(),
                path_only: ty
                    .get("path_only")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            });
        }
        Ok(())
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::BUILTIN_VOCABULARY;

    #[test]
    fn the_rules_words_are_read() {
        let v = Vocabulary::parse(BUILTIN_VOCABULARY, &Taxonomy::builtin()).unwrap();
        assert!(v.types.wrappers.contains("Option"));
        assert!(v.types.numbers.contains("u8") && v.types.bytes.contains("u8"));
        assert_eq!(v.markers.keys, ["pii"]);
        assert!(v.markers.arguments.contains(&"pii=\"true\"".to_string()));
        assert_eq!(v.bools.prefixes, ["is", "has", "was", "can"]);
        assert_eq!(v.rules.choice.as_deref(), Some("ProductUse::Settings"));
        assert_eq!(
            v.rules.handle_beside,
            [vec!["display", "name"], vec!["nickname"]]
        );
    }

    #[test]
    fn a_standards_veto_never_hides_data() {
        let tax = Taxonomy::builtin();
        let mut v = Vocabulary::parse(BUILTIN_VOCABULARY, &tax).unwrap();
        v.add_standards(
            crate::evidence::BUILTIN_STANDARDS,
            &tax,
            &Project::default(),
        )
        .unwrap();
        let vetoed = |p: &str| v.none.contains(&v.normaliser.words(p));
        assert!(vetoed("message id") && vetoed("mime version"));
        // A GPS fix's accuracy, a bank's routing number, a card check, a choice.
        for kept in [
            "accuracy",
            "routing number",
            "cvc check",
            "allow redisplay",
            "notify",
        ] {
            assert!(!vetoed(kept), "{kept}");
        }
        assert!(v.standards.len() >= 28);
    }

    #[test]
    fn the_vocabularys_own_words_win_over_a_standards() {
        let tax = Taxonomy::builtin();
        let mut v = Vocabulary::parse(BUILTIN_VOCABULARY, &tax).unwrap();
        v.add_standards(
            crate::evidence::BUILTIN_STANDARDS,
            &tax,
            &Project::default(),
        )
        .unwrap();
        // vCard and iCalendar say `geo` is precise; the vocabulary says imprecise.
        let geo = v.normaliser.words("geo");
        let holders: Vec<&str> = v
            .categories
            .iter()
            .filter(|c| c.names.contains(&geo))
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(holders, ["Location::Imprecise"]);
    }

    #[test]
    fn the_type_table_is_read() {
        let tax = Taxonomy::builtin();
        let mut v = Vocabulary::default();
        v.add_types(crate::evidence::BUILTIN_TYPES, &tax).unwrap();
        let user = v
            .listed_types
            .iter()
            .find(|t| t.name() == "OwnedUserId")
            .unwrap();
        assert_eq!(user.krate, "ruma");
        assert_eq!(user.category.as_deref(), Some("Contact::Other"));
        assert!(v.listed_types.iter().any(|t| t.path_only));
    }

    #[test]
    fn a_bad_custom_vocabulary_says_where() {
        let tax = Taxonomy::builtin();
        assert!(check_custom("[Contact.Email]\nnames = [\"mail box\"]\n", &tax).is_ok());
        let text = "[Contact.Emial]\nnames = [\"x\"]\n";
        let (span, message) = check_custom(text, &tax).unwrap_err();
        assert_eq!(&text[span], "Contact.Emial");
        assert!(message.contains("not a category"), "{message}");
        let (span, _) = check_custom("[Contact.Email]\nnames = [\n", &tax).unwrap_err();
        assert!(span.start > 0);
        // A rule's list of groups or categories names the taxonomy's.
        assert!(check_custom("[rules]\nnever_scalar = [\"Content\"]\n", &tax).is_ok());
        let text = "[rules]\nnever_scalar = [\"Contnet\"]\n";
        let (span, message) = check_custom(text, &tax).unwrap_err();
        assert_eq!(&text[span], "Contnet");
        assert!(message.contains("never_scalar"), "{message}");
        assert!(message.contains("did you mean `Content`?"), "{message}");
        // A compound says which list it adds to.
        let text =
            "[[Contact.Other.compound]]\ninto = \"nmes\"\nheads = [\"acme\"]\ntails = [\"id\"]\n";
        let (_, message) = check_custom(text, &tax).unwrap_err();
        assert!(message.contains("`into` is `nmes`"), "{message}");
    }

    fn spoken_because(names: &[OwnName]) -> Vec<Spoken> {
        let tax = Taxonomy::builtin();
        let mut v = Vocabulary::parse(BUILTIN_VOCABULARY, &tax).unwrap();
        let project = Project {
            names: names.to_vec(),
            ..Project::default()
        };
        v.add_standards(crate::evidence::BUILTIN_STANDARDS, &tax, &project)
            .unwrap();
        v.spoken_because
    }

    #[test]
    fn a_standard_is_spoken_by_the_names_of_the_trees_own_code() {
        let named = |n: OwnName| spoken_because(std::slice::from_ref(&n)) == [Spoken::Name(n)];
        let module = |m: &str| OwnName::Module(m.to_string());
        assert!(named(OwnName::Package("kitsune-activitypub".into())));
        assert!(named(module("scim_proto")));
        assert!(named(module("Mastodon")));
        assert!(named(module("unix_passwd")));
        assert!(named(module("matrix-sdk-crypto")));
        // Words that name other things in code in general say nothing.
        for other in ["matrix", "shadow", "box_shadow", "sdk", "passwords"] {
            assert_eq!(spoken_because(&[module(other)]), [], "{other}");
        }
    }

    #[test]
    fn a_name_of_code_holds_a_module_word_as_words_in_a_row() {
        let holds = |name: &str, module: &str| holds_run(&code_words(name), &code_words(module));
        assert!(holds("scim_proto", "scim") && holds("x.matrix-sdk", "matrix_sdk"));
        assert!(!holds("sdk_matrix", "matrix_sdk") && !holds("scimitar", "scim"));
        assert!(!holds("scim", ""));
    }
}
