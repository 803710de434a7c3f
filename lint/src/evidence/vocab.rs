//! Reading `vocabulary.toml` (see the file's header for the format): the
//! phrase lists of each category and of `[context]`, and the words the rules
//! use (`[types]`, `[markers]`, `[bools]`, `[rules]`). This is the only place
//! the file is read; the rest of the model sees these values.

use std::collections::HashMap;

use collects_grammar::Taxonomy;
use toml::Value;

use super::phrases::FxSet;
use super::words::Normaliser;

pub type Phrase = Vec<String>;

/// Names that mean a category only in some containers or beside some siblings.
#[derive(Debug, Default, Clone)]
pub struct When {
    pub containers: Vec<Phrase>,
    pub siblings: Vec<Phrase>,
    pub unless: Vec<Phrase>,
    pub names: Vec<Phrase>,
}

/// The vocabulary of one taxonomy item.
#[derive(Debug, Default, Clone)]
pub struct Category {
    /// `Group::Item`.
    pub name: String,
    pub names: Vec<Phrase>,
    pub weak: Vec<Phrase>,
    pub person: Vec<Phrase>,
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
    pub catch_all_variants: FxSet<String>,
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
    /// Field names (as written) of a secret record's id.
    pub secret_id_names: Vec<String>,
    pub real_name: Option<String>,
    pub handle: Option<String>,
    pub handle_names: Vec<Phrase>,
    pub handle_beside: Vec<Phrase>,
    /// Groups whose containers count as a person's.
    pub person_groups: Vec<String>,
    /// Groups or categories whose fields make a record a person's.
    pub person_fields: Vec<String>,
}

/// The whole vocabulary, normalised.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    pub normaliser: Normaliser,
    pub person: Vec<Phrase>,
    pub not_personal: Vec<Phrase>,
    pub infrastructure: Vec<Phrase>,
    pub credential: Vec<Phrase>,
    pub form_suffixes: Vec<String>,
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

/// The words that moved from the code into data, as (section, key); `None`:
/// the whole section. A vocabulary written before (a fold of
/// `docs/accuracy.md`) takes them from the built-in one.
const MOVED: [(&str, Option<&str>); 5] = [
    ("types", None),
    ("markers", None),
    ("bools", None),
    ("rules", None),
    ("stem", Some("short_plurals")),
];

impl Vocabulary {
    /// Parses a vocabulary; categories the taxonomy does not know are left out.
    pub fn parse(text: &str, taxonomy: &Taxonomy) -> Result<Vocabulary, String> {
        let root: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        Self::parse_table(&root, taxonomy)
    }

    /// Parses a vocabulary that replaces `base`: the words that moved from the
    /// code into data ([`MOVED`]) it lacks are taken from `base`'s text.
    pub fn parse_over(text: &str, base: &str, taxonomy: &Taxonomy) -> Result<Vocabulary, String> {
        let mut root: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let base: toml::Table = toml::from_str(base).map_err(|e| e.to_string())?;
        for (section, key) in MOVED {
            let Some(Value::Table(theirs)) = base.get(section) else {
                continue;
            };
            let mine = root
                .entry(section)
                .or_insert_with(|| Value::Table(toml::Table::new()));
            let Value::Table(mine) = mine else {
                continue;
            };
            for (k, v) in theirs {
                if (key.is_none() || key == Some(k.as_str())) && !mine.contains_key(k) {
                    mine.insert(k.clone(), v.clone());
                }
            }
        }
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
            vocab.form_suffixes = strings(ctx.get("form_suffixes"));
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
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                vocab.categories.push(Category {
                    name,
                    names: phrases(entry.get("names")),
                    weak: phrases(entry.get("weak")),
                    person: phrases(entry.get("person")),
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
        self.form_suffixes.extend(other.form_suffixes);
        self.reference_tails.extend(other.reference_tails);
        self.meta_tails.extend(other.meta_tails);
        self.bookkeeping.extend(other.bookkeeping);
        self.setting_verbs.extend(other.setting_verbs);
        self.inherit_blockers.extend(other.inherit_blockers);
        self.whole_blockers.extend(other.whole_blockers);
        self.none.extend(other.none);
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
                catch_all_variants: set("catch_all_variants"),
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
                secret_id_names: strings(t.get("secret_id_names")),
                real_name: name("real_name"),
                handle: name("handle"),
                handle_names: phrases(t.get("handle_names")),
                handle_beside: phrases(t.get("handle_beside")),
                person_groups: strings(t.get("person_groups")),
                person_fields: strings(t.get("person_fields")),
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
        t.catch_all_variants.extend(types.catch_all_variants);
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
        r.person_fields.extend(rules.person_fields);
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
    fn a_replacement_without_the_rules_sections_keeps_the_builtin_ones() {
        let old = "[Contact.Email]\nnames = [\"email\"]\n";
        let v = Vocabulary::parse_over(old, BUILTIN_VOCABULARY, &Taxonomy::builtin()).unwrap();
        assert!(v.types.wrappers.contains("Vec"));
        assert!(v.markers.attributes.contains(&"redact".to_string()));
        assert_eq!(v.rules.marker.as_deref(), Some("Contact::Other"));
        assert_eq!(v.categories.len(), 1);
        assert!(v.normaliser.short_plurals.contains("ids"));
        let with_stem = "[stem]\nkeep = [\"gps\"]\n";
        let v =
            Vocabulary::parse_over(with_stem, BUILTIN_VOCABULARY, &Taxonomy::builtin()).unwrap();
        assert!(v.normaliser.short_plurals.contains("ips"));
        assert_eq!(v.normaliser.keep.len(), 1);
    }
}
