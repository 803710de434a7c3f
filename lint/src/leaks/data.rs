//! Reading `leaks.toml` (see the file's header for the format): what keeps a
//! value out of `Debug` output. A file of its own, read here with typed serde
//! structs, rather than a section of `types.toml` read by `evidence/vocab.rs`:
//! it says how types print, not what they hold, and only the leak checks read
//! it.

use std::sync::OnceLock;

use serde::Deserialize;

/// The built-in table, beside the taxonomy and the vocabulary.
const BUILTIN_LEAKS: &str = include_str!("../../../leaks.toml");

/// Everything `leaks.toml` says.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeakData {
    #[serde(rename = "wrapper")]
    pub wrappers: Vec<Wrapper>,
    #[serde(rename = "derive")]
    pub derives: Vec<DebugDerive>,
    #[serde(rename = "attribute")]
    pub attributes: Vec<RedactingAttribute>,
    #[serde(rename = "display")]
    pub displays: Vec<DisplayDerive>,
    #[serde(rename = "name")]
    pub names: Vec<SourceName>,
}

/// A type whose `Debug` never prints what it holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Wrapper {
    pub path: String,
    #[serde(rename = "crate")]
    pub krate: String,
    pub source: String,
    #[serde(default)]
    pub path_only: bool,
}

/// A derive that writes a `Debug` impl, and the attributes it reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DebugDerive {
    pub name: String,
    pub crates: Vec<String>,
    /// `[attribute, word]`: the item attribute that makes it write a Debug.
    pub when: Option<[String; 2]>,
    #[serde(default)]
    pub hide: Vec<String>,
    #[serde(default)]
    pub show: Vec<String>,
    #[serde(default)]
    pub hide_all: Vec<String>,
    pub source: String,
}

/// An item attribute that makes the item a redacting type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RedactingAttribute {
    pub name: String,
    #[serde(rename = "crate")]
    pub krate: String,
    pub source: String,
}

/// A derive that writes a `Display` from a format string.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DisplayDerive {
    pub derive: String,
    pub crates: Vec<String>,
    /// Where the format is, first found first: `doc`, `name` (the first
    /// argument of `#[name("..")]`) or `name(key)` (`#[name(key = "..")]`).
    pub format: Vec<String>,
    #[serde(default)]
    pub transparent: Vec<String>,
    /// `struct`, `variant`: where one field and no format prints the field.
    #[serde(default)]
    pub forward: Vec<Forward>,
    #[serde(default)]
    pub enum_format: bool,
    pub source: String,
}

/// Where a derive forwards `Display` to a lone field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Forward {
    Struct,
    Variant,
}

/// A parameter or local name that says what its value holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceName {
    pub name: String,
    pub category: String,
}

impl LeakData {
    /// The built-in table, read once.
    pub fn builtin() -> &'static LeakData {
        static DATA: OnceLock<LeakData> = OnceLock::new();
        DATA.get_or_init(|| {
            let data: LeakData = toml::from_str(BUILTIN_LEAKS).expect("leaks.toml parses");
            data.check()
                .expect("every entry of leaks.toml names its source");
            data
        })
    }

    /// Every entry names where it comes from: a crate and a page.
    fn check(&self) -> Result<(), String> {
        let unsourced = self
            .wrappers
            .iter()
            .map(|w| (&w.path, [&w.krate, &w.source]))
            .chain(
                self.attributes
                    .iter()
                    .map(|a| (&a.name, [&a.krate, &a.source])),
            )
            .find(|(_, said)| said.iter().any(|s| s.trim().is_empty()))
            .map(|(name, _)| name.clone())
            .or_else(|| {
                self.derives
                    .iter()
                    .find(|d| d.crates.is_empty() || d.source.trim().is_empty())
                    .map(|d| d.name.clone())
            })
            .or_else(|| {
                self.displays
                    .iter()
                    .find(|d| d.crates.is_empty() || d.source.trim().is_empty())
                    .map(|d| d.derive.clone())
            });
        match unsourced {
            Some(name) => Err(format!("`{name}` names no crate or source")),
            None => Ok(()),
        }
    }

    /// The redacting wrapper `segments` (a type's path as written, outermost
    /// first) names: by its last segment, or, for a `path_only` entry, by
    /// its crate's path too.
    pub fn wrapper(&self, segments: &[&str]) -> Option<&Wrapper> {
        let (last, before) = segments.split_last()?;
        self.wrappers.iter().find(|w| {
            let name = w.path.rsplit("::").next().unwrap_or(&w.path);
            name == *last && (!w.path_only || before.first() == Some(&w.krate.as_str()))
        })
    }

    /// The derive named `name` that writes a Debug for an item with
    /// `attributes` (its `when` attribute among them, where it has one).
    pub fn debug_derive(&self, name: &str, attributes: &[String]) -> Option<&DebugDerive> {
        self.derives
            .iter()
            .find(|d| d.name == name && d.writes_debug(attributes))
    }

    /// Whether a derive named `name` may write a `Display` from a format:
    /// the reader keeps the variants' attributes and docs of the items
    /// deriving one (`source::extract_with`), and only theirs.
    pub fn writes_display(name: &str) -> bool {
        Self::builtin().displays.iter().any(|d| d.derive == name)
    }

    /// The entries for a derive named `name`, in the table's order.
    pub fn display_derives(&self, name: &str) -> Vec<&DisplayDerive> {
        self.displays.iter().filter(|d| d.derive == name).collect()
    }

    /// Whether an item attribute makes the item a redacting type.
    pub fn redacting_attribute(&self, attributes: &[String]) -> bool {
        attributes
            .iter()
            .any(|a| self.attributes.iter().any(|r| attribute_name(a) == r.name))
    }
}

impl DebugDerive {
    fn writes_debug(&self, attributes: &[String]) -> bool {
        let Some([attribute, word]) = &self.when else {
            return true;
        };
        attributes.iter().any(|a| {
            attribute_name(a) == attribute
                && a.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|w| w == word)
        })
    }

    /// Whether a field's attributes keep it out of this derive's output.
    pub fn hides(&self, field_attributes: &[String]) -> bool {
        field_attributes
            .iter()
            .any(|a| matches_any(a, &self.hide) && !matches_any(a, &self.show))
    }

    /// Whether the item's attributes keep every field out.
    pub fn hides_all(&self, item_attributes: &[String]) -> bool {
        item_attributes
            .iter()
            .any(|a| matches_any(a, &self.hide_all))
    }
}

/// The path of an attribute's text: `educe` of `educe(Debug)`.
pub(crate) fn attribute_name(text: &str) -> &str {
    text.split(['(', '=', ' ']).next().unwrap_or(text)
}

/// Whether `text`, whitespace aside, is one of `patterns`: equal, or
/// starting with a pattern's part before its trailing `*`.
pub(crate) fn matches_any(text: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| {
        let (wanted, prefix) = match p.strip_suffix('*') {
            Some(wanted) => (wanted, true),
            None => (p.as_str(), false),
        };
        let mut chars = text.chars().filter(|c| !c.is_whitespace());
        wanted.chars().all(|w| chars.next() == Some(w)) && (prefix || chars.next().is_none())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use collects_grammar::Taxonomy;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_builtin_table_reads_and_names_known_categories() {
        let data = LeakData::builtin();
        assert!(data.wrapper(&["secrecy", "SecretString"]).is_some());
        assert!(data.wrapper(&["SecretBox"]).is_some());
        assert!(data.wrapper(&["Sensitive"]).is_none(), "path_only");
        assert!(data.wrapper(&["data_privacy", "Sensitive"]).is_some());
        let taxonomy = Taxonomy::builtin();
        for name in &data.names {
            assert!(taxonomy.knows(&name.category), "{}", name.category);
        }
    }

    #[test]
    fn display_derives_say_where_their_format_is_and_cite_their_docs() {
        let data = LeakData::builtin();
        assert!(LeakData::writes_display("Error") && LeakData::writes_display("Display"));
        assert!(!LeakData::writes_display("Debug"));
        let crates: Vec<&str> = data
            .display_derives("Display")
            .iter()
            .flat_map(|d| d.crates.iter().map(String::as_str))
            .collect();
        assert_eq!(
            crates,
            [
                "derive_more",
                "displaydoc",
                "parse_display",
                "strum",
                "strum_macros"
            ]
        );
        for display in &data.displays {
            assert!(display.source.starts_with("https://"), "{}", display.derive);
            assert!(!display.format.is_empty(), "{}", display.derive);
        }
    }

    #[test]
    fn derives_write_a_debug_only_with_their_attribute_and_hide_fields() {
        let data = LeakData::builtin();
        assert!(data.debug_derive("Debug", &[]).is_some());
        assert!(data.debug_derive("Educe", &[]).is_none());
        let educe = data
            .debug_derive("Educe", &strings(&["educe(Clone, Debug)"]))
            .unwrap();
        assert!(educe.hides(&strings(&["educe(Debug(ignore))"])));
        assert!(!educe.hides(&strings(&["educe(Clone(ignore))"])));
        let veil = data.debug_derive("Redact", &[]).unwrap();
        assert!(veil.hides(&strings(&["redact"])));
        assert!(veil.hides(&strings(&["redact(fixed = 3)"])));
        assert!(!veil.hides(&strings(&["redact(skip)"])));
        assert!(veil.hides_all(&strings(&["redact(all, partial)"])));
        let derivative = data
            .debug_derive("Derivative", &strings(&["derivative(Debug, Clone)"]))
            .unwrap();
        assert!(derivative.hides(&strings(&["derivative(Debug = \"ignore\")"])));
        assert!(data.redacting_attribute(&strings(&["classified(Pii)"])));
    }
}
