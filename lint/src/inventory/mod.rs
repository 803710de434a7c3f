//! `cargo collects inventory`: the data map built from the `#[collects]`
//! declarations of a run, and its exports. The model is built once here; each
//! format is one file that only renders it.

mod fides;
mod json;
pub mod mappings;
mod markdown;
pub mod play_csv;
mod statement;
pub(crate) mod xcprivacy;

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use collects_grammar::Taxonomy;

pub use mappings::Mappings;

use crate::config::Statement;
use crate::engine::{Options, Run};
use crate::error::UserError;
use crate::report::DeclarationRecord;

/// The purpose an export assumes for a declaration without `purpose = ..`
/// when the statement discloses none for its category.
pub const DEFAULT_PURPOSE: &str = "Service";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// the data map for people: grouped under the statement's headings
    Markdown,
    /// the data map for tools, versioned like the check output
    Json,
    /// Apple's PrivacyInfo.xcprivacy property list
    Xcprivacy,
    /// a fides manifest (system, dataset, fideslang data categories)
    Fides,
    /// a draft "Personal data we collect" section of the statement
    Statement,
    /// rows for Google Play's data safety form (its CSV import)
    PlayCsv,
}

/// Everything the code collects, grouped as the statement is.
#[derive(Debug, Clone)]
pub struct Inventory {
    /// The scanned root, as given.
    pub root: String,
    /// The name of the system: `--name`, else the scanned directory's name.
    pub system: String,
    /// Whether a statement (`[statement]` in collects.toml) was read.
    pub has_statement: bool,
    /// One per taxonomy group that code collects, in taxonomy order.
    pub sections: Vec<Section>,
    /// Statement entries that no declaration falls under or covers.
    pub stated_not_collected: Vec<Listed>,
    /// Categories code declares that the statement does not list.
    pub collected_not_stated: Vec<String>,
    /// Every declaration with a known category, in path and line order.
    pub declarations: Vec<DeclarationRecord>,
}

/// A statement entry, with the words the taxonomy has for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub category: String,
    pub description: String,
}

/// The categories of one taxonomy group that code collects.
#[derive(Debug, Clone)]
pub struct Section {
    pub group: String,
    /// The statement's own heading.
    pub heading: String,
    pub categories: Vec<Category>,
}

/// One category (`Group::Item`, or a whole `Group`) and where code collects it.
#[derive(Debug, Clone)]
pub struct Category {
    pub name: String,
    pub description: String,
    pub sensitive: bool,
    /// Whether the statement lists it (true without a statement).
    pub listed: bool,
    /// Declared purposes, in taxonomy order.
    pub purposes: Vec<String>,
    /// Whether some place declares no purpose.
    pub purpose_missing: bool,
    /// What exports use for a place without a purpose: the purposes the
    /// statement discloses for the category, else [`DEFAULT_PURPOSE`].
    pub fallback_purposes: Vec<String>,
    /// Declared sources, in taxonomy order.
    pub sources: Vec<String>,
    /// Whether every place lets the person decline.
    pub optional: bool,
    pub places: Vec<DeclarationRecord>,
}

impl Category {
    /// The purposes exports disclose: declared ones, plus the fallback when a
    /// place declares none.
    pub fn export_purposes(&self, taxonomy: &Taxonomy) -> Vec<String> {
        let mut all = self.purposes.clone();
        if self.purpose_missing {
            all.extend(self.fallback_purposes.iter().cloned());
        }
        in_taxonomy_order(all, taxonomy.purposes.iter().map(|(p, _)| p))
    }

    /// The purposes exports disclose for one place.
    pub fn purposes_of(&self, place: &DeclarationRecord) -> Vec<String> {
        match &place.purpose {
            Some(p) => vec![p.clone()],
            None => self.fallback_purposes.clone(),
        }
    }
}

impl Inventory {
    /// Builds the inventory of a run.
    pub fn build(run: &Run, system: Option<&str>) -> Inventory {
        let taxonomy = &run.context.config.taxonomy;
        let statement = run.context.config.statement.as_ref();
        let declarations: Vec<DeclarationRecord> = run
            .report
            .declarations
            .iter()
            .filter_map(|d| {
                let categories: Vec<String> = d
                    .categories
                    .iter()
                    .filter(|c| taxonomy.knows(c))
                    .cloned()
                    .collect();
                (!categories.is_empty()).then(|| DeclarationRecord {
                    categories,
                    ..d.clone()
                })
            })
            .collect();
        let mut sections = Vec::new();
        for group in &taxonomy.groups {
            let names = std::iter::once(group.name.clone()).chain(
                group
                    .items
                    .iter()
                    .map(|i| format!("{}::{}", group.name, i.name)),
            );
            let categories: Vec<Category> = names
                .filter_map(|name| category(taxonomy, statement, &declarations, name))
                .collect();
            if !categories.is_empty() {
                sections.push(Section {
                    group: group.name.clone(),
                    heading: group.heading.clone(),
                    categories,
                });
            }
        }
        let declared: Vec<&String> = declarations.iter().flat_map(|d| &d.categories).collect();
        let stated_not_collected = statement
            .map(|s| {
                s.lists
                    .iter()
                    .map(|(listed, _)| listed)
                    .filter(|listed| {
                        !declared
                            .iter()
                            .any(|d| Taxonomy::covers(listed, d) || Taxonomy::covers(d, listed))
                    })
                    .map(|listed| Listed {
                        category: listed.clone(),
                        description: describe(taxonomy, listed),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let collected_not_stated = sections
            .iter()
            .flat_map(|s| &s.categories)
            .filter(|c| !c.listed)
            .map(|c| c.name.clone())
            .collect();
        Inventory {
            root: run.report.root.clone(),
            system: system
                .map(str::to_string)
                .unwrap_or_else(|| system_name(&run.report.root_dir)),
            has_statement: statement.is_some(),
            sections,
            stated_not_collected,
            collected_not_stated,
            declarations,
        }
    }

    pub fn categories(&self) -> impl Iterator<Item = &Category> {
        self.sections.iter().flat_map(|s| &s.categories)
    }

    /// The number of distinct types (`item` in a file) that declare something.
    pub fn item_count(&self) -> usize {
        let mut items: Vec<(&str, &str)> = self
            .declarations
            .iter()
            .map(|d| {
                (
                    d.path.as_str(),
                    d.item.split("::").next().unwrap_or(&d.item),
                )
            })
            .collect();
        items.sort();
        items.dedup();
        items.len()
    }
}

fn category(
    taxonomy: &Taxonomy,
    statement: Option<&Statement>,
    declarations: &[DeclarationRecord],
    name: String,
) -> Option<Category> {
    let places: Vec<DeclarationRecord> = declarations
        .iter()
        .filter(|d| d.categories.contains(&name))
        .cloned()
        .collect();
    if places.is_empty() {
        return None;
    }
    let purposes = in_taxonomy_order(
        places.iter().filter_map(|p| p.purpose.clone()).collect(),
        taxonomy.purposes.iter().map(|(p, _)| p),
    );
    let sources = in_taxonomy_order(
        places.iter().filter_map(|p| p.source.clone()).collect(),
        taxonomy.sources.iter().map(|(s, _)| s),
    );
    let fallback_purposes = statement
        .and_then(|s| s.purposes_for(&name))
        .filter(|p| !p.is_empty())
        .map(<[String]>::to_vec)
        .unwrap_or_else(|| vec![DEFAULT_PURPOSE.to_string()]);
    let sensitive = mappings::expand(taxonomy, &name).iter().any(|c| {
        c.split_once("::")
            .and_then(|(g, i)| taxonomy.item(g, i))
            .is_some_and(|i| i.sensitive)
    });
    Some(Category {
        description: describe(taxonomy, &name),
        sensitive,
        listed: statement.map_or(true, |s| s.lists(&name)),
        purpose_missing: places.iter().any(|p| p.purpose.is_none()),
        fallback_purposes,
        purposes,
        sources,
        optional: places.iter().all(|p| p.optional),
        places,
        name,
    })
}

/// The taxonomy's words for a category; for a whole group, its items'.
pub fn describe(taxonomy: &Taxonomy, category: &str) -> String {
    match category.split_once("::") {
        Some((group, item)) => taxonomy
            .item(group, item)
            .map(|i| i.description.clone())
            .unwrap_or_default(),
        None => taxonomy
            .group(category)
            .map(|g| {
                let items: Vec<&str> = g.items.iter().map(|i| i.description.as_str()).collect();
                format!("any of: {}", items.join("; "))
            })
            .unwrap_or_default(),
    }
}

/// `names` without duplicates, in the order of `order` (unknown names last).
fn in_taxonomy_order<'a>(
    mut names: Vec<String>,
    order: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let order: Vec<&String> = order.collect();
    names.sort_by_key(|n| order.iter().position(|o| *o == n).unwrap_or(usize::MAX));
    names.dedup();
    names
}

/// The scanned directory's name, as a fides key (letters, digits, `_.-`).
fn system_name(root: &Path) -> String {
    let dir = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_.-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() {
        "app".to_string()
    } else {
        key
    }
}

/// `inventory` in `format`.
pub fn render(inventory: &Inventory, taxonomy: &Taxonomy, format: Format) -> String {
    let mappings = Mappings::builtin();
    match format {
        Format::Markdown => markdown::render(inventory, taxonomy, &mappings),
        Format::Json => json::render(inventory, taxonomy, &mappings),
        Format::Xcprivacy => xcprivacy::render(inventory, taxonomy, &mappings),
        Format::Fides => fides::render(inventory, taxonomy, &mappings),
        Format::Statement => statement::render(inventory, taxonomy),
        Format::PlayCsv => play_csv::render(inventory, taxonomy, &mappings),
    }
}

/// `cargo collects inventory`.
#[derive(Debug, Clone, clap::Args)]
pub struct InventoryArgs {
    /// Directories (or files) to read the declarations from
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// The collects.toml to use, instead of the nearest one above PATH
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The system's name in the exports (default: the scanned directory's name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Runs `inventory`: the text to print, and a note for stderr when the code
/// has error-level findings the inventory cannot show (undeclared fields).
pub fn run(args: &InventoryArgs) -> Result<(String, Option<String>), UserError> {
    if let Some(name) = &args.name {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        {
            return Err(
                UserError::new(format!("`--name {name}` is not a valid system name")).with_help(
                    Some(
                        "use letters, digits, `_`, `.` and `-` (fides keys allow no others)".into(),
                    ),
                ),
            );
        }
    }
    let options = Options {
        paths: args.paths.clone(),
        config: args.config.clone(),
        jobs: args.jobs,
        ..Options::default()
    };
    let run = crate::engine::check(&options)?;
    let inventory = Inventory::build(&run, args.name.as_deref());
    let text = render(&inventory, &run.context.config.taxonomy, args.format);
    let errors = run.report.summary.errors;
    let note = (errors > 0).then(|| {
        format!(
            "note: `cargo collects check` reports {errors} error-level finding{} here; fields that collect personal data without a declaration are not in this inventory",
            if errors == 1 { "" } else { "s" }
        )
    });
    Ok((text, note))
}

/// Apple's, fideslang's and Play's keys for one category.
pub(crate) fn target_keys(
    mappings: &Mappings,
    taxonomy: &Taxonomy,
    category: &str,
) -> [Vec<String>; 3] {
    [
        mappings.keys_of(taxonomy, category, |r| &r.apple),
        mappings.keys_of(taxonomy, category, |r| &r.fides),
        mappings.keys_of(taxonomy, category, |r| &r.play),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::check;

    fn fixture() -> Inventory {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/inventory");
        let run = check(&Options {
            paths: vec![dir],
            jobs: Some(1),
            ..Options::default()
        })
        .unwrap();
        Inventory::build(&run, None)
    }

    #[test]
    fn groups_follow_the_taxonomy_and_carry_the_statement_headings() {
        let inventory = fixture();
        let headings: Vec<&str> = inventory
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "Name and contact data",
                "Credentials",
                "Product use data",
                "Device, connectivity and configuration data",
                "Error reports and performance data",
                "Location data",
                "Feedback and support requests"
            ]
        );
        assert_eq!(inventory.system, "inventory");
    }

    #[test]
    fn a_category_gathers_its_places_purposes_and_choice() {
        let inventory = fixture();
        let email = inventory
            .categories()
            .find(|c| c.name == "Contact::Email")
            .unwrap();
        assert_eq!(email.purposes, ["Account", "Support"]);
        assert!(!email.optional && email.listed && !email.purpose_missing);
        let places: Vec<String> = email
            .places
            .iter()
            .map(|p| format!("{}.{} {}:{}", p.item, p.field, p.path, p.line))
            .collect();
        assert_eq!(
            places,
            [
                "User.email src/account.rs:8",
                "SupportTicket.reply_to src/account.rs:20"
            ]
        );
        let name = inventory
            .categories()
            .find(|c| c.name == "Contact::Name")
            .unwrap();
        assert!(name.optional);
        let group = inventory.categories().next().unwrap();
        assert_eq!(
            group.name, "Contact",
            "a whole-group declaration comes first"
        );
    }

    #[test]
    fn the_statement_and_the_code_are_compared_both_ways() {
        let inventory = fixture();
        let stated: Vec<&str> = inventory
            .stated_not_collected
            .iter()
            .map(|l| l.category.as_str())
            .collect();
        assert_eq!(stated, ["Location::Imprecise", "Spend::Receipt"]);
        assert_eq!(
            inventory.collected_not_stated,
            [
                "ProductUse::SearchQuery",
                "Location::Precise",
                "Feedback::SupportRequest"
            ]
        );
    }
}
