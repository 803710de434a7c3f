//! The category taxonomy: one TOML file, read here and nowhere else.

use std::fmt;
use std::ops::Range;

/// The built-in taxonomy, read off the "Personal data we collect" section of
/// a real privacy statement.
pub const BUILTIN_TAXONOMY: &str = include_str!("../../../taxonomy.toml");

/// Tables of the taxonomy file that are not category groups.
const SOURCES: &str = "sources";
const PURPOSES: &str = "purposes";
const CHOICE: &str = "choice";
const HEADING: &str = "heading";
const SENSITIVE: &str = "sensitive";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    pub groups: Vec<Group>,
    /// `(name, description)` of each purpose, in file order.
    pub purposes: Vec<(String, String)>,
    /// `(name, description)` of each source, in file order.
    pub sources: Vec<(String, String)>,
    /// `(name, description)` of each choice (`Required`, `Optional`).
    pub choices: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    /// The statement's own heading for the group.
    pub heading: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub name: String,
    pub description: String,
    pub sensitive: bool,
}

/// A taxonomy file that cannot be used: what is wrong and, where known, the
/// byte range in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl fmt::Display for TaxonomyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TaxonomyError {}

impl Taxonomy {
    /// The built-in taxonomy.
    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(BUILTIN_TAXONOMY).expect("the built-in taxonomy.toml is valid")
    }

    /// Reads a taxonomy file. Every group is a table with a `heading`, an
    /// optional `sensitive` list and one `Item = "description"` per item;
    /// `[sources]`, `[purposes]` and `[choice]` are `Name = "description"`.
    pub fn parse(text: &str) -> Result<Taxonomy, TaxonomyError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| TaxonomyError {
            message: e.message().to_string(),
            span: e.span(),
        })?;
        let locate = |key: &str| find_table_header(text, key);
        let mut taxonomy = Taxonomy {
            groups: Vec::new(),
            purposes: Vec::new(),
            sources: Vec::new(),
            choices: Vec::new(),
        };
        for (key, value) in &table {
            let fail = |message: String| TaxonomyError {
                message,
                span: locate(key),
            };
            let toml::Value::Table(body) = value else {
                return Err(fail(format!(
                    "`{key}` must be a table (`[{key}]`), not a {}",
                    value.type_str()
                )));
            };
            match key.as_str() {
                SOURCES => taxonomy.sources = named_descriptions(key, body).map_err(fail)?,
                PURPOSES => taxonomy.purposes = named_descriptions(key, body).map_err(fail)?,
                CHOICE => taxonomy.choices = named_descriptions(key, body).map_err(fail)?,
                _ => taxonomy.groups.push(parse_group(key, body).map_err(fail)?),
            }
        }
        if taxonomy.groups.is_empty() {
            return Err(TaxonomyError {
                message: "the taxonomy defines no category group (a table such as `[Contact]` with a `heading`)".into(),
                span: None,
            });
        }
        Ok(taxonomy)
    }

    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    pub fn item(&self, group: &str, item: &str) -> Option<&Item> {
        self.group(group)?.items.iter().find(|i| i.name == item)
    }

    pub fn has_purpose(&self, name: &str) -> bool {
        self.purposes.iter().any(|(n, _)| n == name)
    }

    pub fn has_source(&self, name: &str) -> bool {
        self.sources.iter().any(|(n, _)| n == name)
    }

    /// Every category as written in code, `Group::Item`, in file order.
    pub fn categories(&self) -> impl Iterator<Item = String> + '_ {
        self.groups.iter().flat_map(|g| {
            g.items
                .iter()
                .map(move |i| format!("{}::{}", g.name, i.name))
        })
    }

    /// The group a category (`Group` or `Group::Item`) belongs to.
    pub fn group_of(&self, category: &str) -> Option<&Group> {
        self.group(category.split("::").next()?)
    }

    /// Whether `category` is a known `Group` or `Group::Item`.
    pub fn knows(&self, category: &str) -> bool {
        match category.split_once("::") {
            Some((group, item)) => self.item(group, item).is_some(),
            None => self.group(category).is_some(),
        }
    }

    /// The group or category (`Group::Item`) nearest to an unknown `name`,
    /// for a "did you mean".
    pub fn nearest(&self, name: &str) -> Option<String> {
        let names: Vec<String> = self
            .groups
            .iter()
            .map(|g| g.name.clone())
            .chain(self.categories())
            .collect();
        crate::closest(name, names.iter().map(String::as_str)).map(str::to_string)
    }

    /// Whether `listed` (a group or an item) covers `category` (a group or an item).
    pub fn covers(listed: &str, category: &str) -> bool {
        listed == category
            || category
                .strip_prefix(listed)
                .is_some_and(|rest| rest.starts_with("::"))
    }
}

fn parse_group(name: &str, body: &toml::Table) -> Result<Group, String> {
    check_identifier(name, "group")?;
    let heading = match body.get(HEADING) {
        Some(toml::Value::String(h)) => h.clone(),
        Some(other) => {
            return Err(format!(
                "[{name}] `heading` must be a string, not a {}",
                other.type_str()
            ))
        }
        None => {
            return Err(format!(
                "[{name}] has no `heading` (the statement's heading for this group)"
            ))
        }
    };
    let sensitive = match body.get(SENSITIVE) {
        None => Vec::new(),
        Some(toml::Value::Array(list)) => list
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| format!("[{name}] `sensitive` must be a list of item names"))?,
        Some(_) => return Err(format!("[{name}] `sensitive` must be a list of item names")),
    };
    let mut items = Vec::new();
    for (key, value) in body
        .iter()
        .filter(|(k, _)| *k != HEADING && *k != SENSITIVE)
    {
        check_identifier(key, "item")?;
        let toml::Value::String(description) = value else {
            return Err(format!(
                "[{name}] item `{key}` must be a string that describes it, not a {}",
                value.type_str()
            ));
        };
        items.push(Item {
            name: key.clone(),
            description: description.clone(),
            sensitive: sensitive.iter().any(|s| s == key),
        });
    }
    if items.is_empty() {
        return Err(format!("[{name}] lists no item (`Item = \"description\"`)"));
    }
    if let Some(stray) = sensitive
        .iter()
        .find(|s| !items.iter().any(|i| &i.name == *s))
    {
        return Err(format!(
            "[{name}] `sensitive` names `{stray}`, which is not an item of the group"
        ));
    }
    Ok(Group {
        name: name.to_string(),
        heading,
        items,
    })
}

fn named_descriptions(table: &str, body: &toml::Table) -> Result<Vec<(String, String)>, String> {
    body.iter()
        .map(|(key, value)| {
            check_identifier(key, "name")?;
            match value {
                toml::Value::String(d) => Ok((key.clone(), d.clone())),
                other => Err(format!(
                    "[{table}] `{key}` must be a string that describes it, not a {}",
                    other.type_str()
                )),
            }
        })
        .collect()
}

/// Names are written in Rust code (`Group::Item`), so they must be identifiers.
fn check_identifier(name: &str, what: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "{what} `{name}` is not a Rust identifier; it is written in code as `Group::Item`"
        ))
    }
}

fn find_table_header(text: &str, key: &str) -> Option<Range<usize>> {
    let header = format!("[{key}]");
    let start = text.find(&header)?;
    Some(start..start + header.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_taxonomy_reads_groups_items_and_purposes_in_file_order() {
        let t = Taxonomy::builtin();
        assert_eq!(t.groups[0].name, "Contact");
        assert_eq!(t.groups[0].heading, "Name and contact data");
        assert!(t.item("Location", "Precise").unwrap().sensitive);
        assert!(!t.item("Location", "Imprecise").unwrap().sensitive);
        assert!(t.has_purpose("Account"));
        assert!(t.has_source("Direct"));
        assert!(t.knows("Contact::Email") && t.knows("Contact") && !t.knows("Contact::Fax"));
    }

    #[test]
    fn a_group_covers_its_items() {
        assert!(Taxonomy::covers("Contact", "Contact::Email"));
        assert!(Taxonomy::covers("Contact::Email", "Contact::Email"));
        assert!(!Taxonomy::covers("Contact::Email", "Contact"));
        assert!(!Taxonomy::covers("Cont", "Contact::Email"));
    }

    fn error_of(text: &str) -> String {
        Taxonomy::parse(text).unwrap_err().message
    }

    #[test]
    fn malformed_taxonomies_say_what_is_wrong() {
        assert!(error_of("[A]\nX = \"x\"").contains("no `heading`"));
        assert!(error_of("[A]\nheading = \"h\"").contains("lists no item"));
        assert!(error_of("[A]\nheading = \"h\"\nX = 1").contains("must be a string"));
        assert!(error_of("[A]\nheading = \"h\"\nsensitive = [\"Y\"]\nX = \"x\"").contains("`Y`"));
        assert!(
            error_of("[A]\nheading = \"h\"\n\"not ok\" = \"x\"").contains("not a Rust identifier")
        );
        assert!(error_of("A = 1").contains("must be a table"));
        assert!(error_of("").contains("no category group"));
    }

    #[test]
    fn duplicate_entries_are_rejected_with_a_position() {
        let err = Taxonomy::parse("[A]\nheading = \"h\"\nX = \"x\"\nX = \"y\"\n").unwrap_err();
        assert!(err.span.is_some(), "{err:?}");
    }
}
