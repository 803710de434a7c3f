//! `--format json`: the data map for tools. Versioned like the check output:
//! fields may be added, never renamed or removed without a version bump.

use collects_grammar::Taxonomy;
use serde::Serialize;

use super::{target_keys, Inventory, Mappings};
use crate::report::DeclarationRecord;

pub const INVENTORY_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    kind: &'static str,
    root: &'a str,
    system: &'a str,
    statement: bool,
    sections: Vec<JsonSection<'a>>,
    stated_not_collected: Vec<JsonListed<'a>>,
    collected_not_stated: &'a [String],
}

#[derive(Serialize)]
struct JsonSection<'a> {
    group: &'a str,
    heading: &'a str,
    categories: Vec<JsonCategory<'a>>,
}

#[derive(Serialize)]
struct JsonCategory<'a> {
    category: &'a str,
    description: &'a str,
    sensitive: bool,
    listed: bool,
    purposes: &'a [String],
    purpose_missing: bool,
    sources: &'a [String],
    optional: bool,
    places: Vec<JsonPlace<'a>>,
    apple: Vec<String>,
    fides: Vec<String>,
    play: Vec<String>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    path: &'a str,
    line: u32,
    item: &'a str,
    field: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    purpose: Option<&'a str>,
    source: Option<&'a str>,
    optional: bool,
}

#[derive(Serialize)]
struct JsonListed<'a> {
    category: &'a str,
    description: &'a str,
}

fn place(d: &DeclarationRecord) -> JsonPlace<'_> {
    JsonPlace {
        path: &d.path,
        line: d.line,
        item: &d.item,
        field: &d.field,
        ty: &d.ty,
        purpose: d.purpose.as_deref(),
        source: d.source.as_deref(),
        optional: d.optional,
    }
}

pub fn render(inventory: &Inventory, taxonomy: &Taxonomy, mappings: &Mappings) -> String {
    let report = Report {
        version: INVENTORY_VERSION,
        kind: "inventory",
        root: &inventory.root,
        system: &inventory.system,
        statement: inventory.has_statement,
        sections: inventory
            .sections
            .iter()
            .map(|s| JsonSection {
                group: &s.group,
                heading: &s.heading,
                categories: s
                    .categories
                    .iter()
                    .map(|c| {
                        let [apple, fides, play] = target_keys(mappings, taxonomy, &c.name);
                        JsonCategory {
                            category: &c.name,
                            description: &c.description,
                            sensitive: c.sensitive,
                            listed: c.listed,
                            purposes: &c.purposes,
                            purpose_missing: c.purpose_missing,
                            sources: &c.sources,
                            optional: c.optional,
                            places: c.places.iter().map(place).collect(),
                            apple,
                            fides,
                            play,
                        }
                    })
                    .collect(),
            })
            .collect(),
        stated_not_collected: inventory
            .stated_not_collected
            .iter()
            .map(|l| JsonListed {
                category: &l.category,
                description: &l.description,
            })
            .collect(),
        collected_not_stated: &inventory.collected_not_stated,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the inventory serializes");
    text.push('\n');
    text
}
