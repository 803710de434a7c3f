//! What the statement in `collects.toml` says, as the checks read it: the
//! categories and purposes the published privacy statement lists, and the
//! file they were read from (to point at an entry in reports). Reading and
//! validating the file is `config`'s job.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use collects_grammar::Taxonomy;

/// The text of the config file, kept to point at its entries in reports.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Statement {
    /// Each listed category or group, with its place in `collects.toml`.
    pub lists: Vec<(String, Range<usize>)>,
    /// Per category or group, the purposes the statement discloses.
    pub purposes: BTreeMap<String, (Vec<String>, Range<usize>)>,
    /// The published text, when named.
    pub text: Option<(PathBuf, Range<usize>)>,
}

impl Statement {
    /// Whether a listed entry covers `category`.
    pub fn lists(&self, category: &str) -> bool {
        self.lists
            .iter()
            .any(|(listed, _)| Taxonomy::covers(listed, category))
    }

    /// The purposes the statement discloses for `category`, if it says.
    pub fn purposes_for(&self, category: &str) -> Option<&[String]> {
        self.purposes
            .iter()
            .filter(|(listed, _)| Taxonomy::covers(listed, category))
            .max_by_key(|(listed, _)| listed.len())
            .map(|(_, (purposes, _))| purposes.as_slice())
    }
}
