//! The evidence model: for every field, whether it holds personal data, which
//! category, how sure we are, and why. Its words live in `vocabulary.toml`.

use std::collections::HashMap;

use collects_grammar::Taxonomy;
use serde::Deserialize;

use crate::model::{Field, Item};

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

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    names: Vec<String>,
}

pub struct EvidenceModel {
    /// Name word -> category.
    words: HashMap<String, String>,
}

impl EvidenceModel {
    /// Builds the model from the vocabulary, for a tree whose items are `items`
    /// (types defined in the tree lend their meaning to fields of that type).
    pub fn new(_taxonomy: &Taxonomy, _items: &[Item]) -> EvidenceModel {
        let vocabulary: HashMap<String, HashMap<String, Entry>> =
            toml::from_str(BUILTIN_VOCABULARY).expect("the built-in vocabulary.toml is valid");
        let mut words = HashMap::new();
        for (group, items) in vocabulary {
            for (item, entry) in items {
                for name in entry.names {
                    words.insert(name, format!("{group}::{item}"));
                }
            }
        }
        EvidenceModel { words }
    }

    pub fn assess(&self, _item: &Item, field: &Field) -> Option<Assessment> {
        field.name.split('_').find_map(|word| {
            let category = self.words.get(&word.to_ascii_lowercase())?;
            Some(Assessment {
                categories: vec![category.clone()],
                confidence: Confidence::Strong,
                evidence: vec![format!("field name `{}`", field.name)],
            })
        })
    }
}
