//! Reading `vocabulary.toml` into phrase lists (see the file's header for the format).

use std::collections::HashMap;

use collects_grammar::Taxonomy;
use toml::Value;

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
}

const SECTIONS: [&str; 3] = ["normalise", "stem", "context"];

impl Vocabulary {
    /// Parses a vocabulary; categories the taxonomy does not know are left out.
    pub fn parse(text: &str, taxonomy: &Taxonomy) -> Result<Vocabulary, String> {
        let root: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
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
        for (group, items) in &root {
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
